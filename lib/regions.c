/* regions.c - municipality codes to regions of their year, through mergers. See LICENSE. */
#include "regions.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "columns.h"
#include "reader.h"
#include "regions_data.h"
#include "strmap.h"

#define CODES 100	/* maakunta and county codes are two digits */

struct ind_classification {
	const struct ind_class_muni *munis;	/* by year, then code */
	size_t nmunis;
	const char *const *names;
	int first, last;
	const char *county[CODES][3];		/* fi, sv, en */
	const char *maakunta[CODES];		/* fi */
	/* a table read from a file owns these */
	struct ind_class_muni *own_munis;
	char **own_names;
	size_t nnames;
};

static struct ind_classification builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
	struct ind_classification *c = &builtin;
	c->munis = ind_class_munis;
	c->nmunis = ind_class_nmunis;
	c->names = ind_class_names;
	c->first = ind_class_munis[0].year;
	c->last = ind_class_munis[ind_class_nmunis - 1].year;
	for (size_t i = 0; i < ind_class_ncounties; i++) {
		const struct ind_class_area *a = &ind_class_counties[i];
		c->county[a->code][0] = ind_class_names[a->name_fi];
		c->county[a->code][1] = ind_class_names[a->name_sv];
		c->county[a->code][2] = ind_class_names[a->name_en];
	}
	for (size_t i = 0; i < ind_class_nmaakunnat; i++)
		c->maakunta[ind_class_maakunnat[i].code] = ind_class_names[ind_class_maakunnat[i].name_fi];
}

const ind_classification *ind_classification_builtin(void)
{
	pthread_once(&builtin_once, builtin_init);
	return &builtin;
}

void ind_classification_years(const ind_classification *c, int *first, int *last)
{
	*first = c->first;
	*last = c->last;
}

static int muni_cmp(const void *x, const void *y)
{
	const struct ind_class_muni *a = x, *b = y;
	return a->year != b->year ? (a->year > b->year) - (a->year < b->year) : (a->code > b->code) - (a->code < b->code);
}

static const struct ind_class_muni *find(const ind_classification *c, int year, int code)
{
	struct ind_class_muni key = { (short)year, (short)code, 0, 0, 0, 0 };
	return bsearch(&key, c->munis, c->nmunis, sizeof key, muni_cmp);
}

/* The municipality code in force in year for code: a merged one's successor (a chain of them, if any). */
static const struct ind_class_muni *find_merged(const ind_classification *c, int year, int code)
{
	const struct ind_class_muni *m;
	for (int step = 0; step < 16; step++) {
		size_t i;
		if ((m = find(c, year, code)))
			return m;
		for (i = 0; i < ind_class_nmergers; i++)
			if (ind_class_mergers[i].old_code == code && ind_class_mergers[i].year <= year)
				break;
		if (i == ind_class_nmergers)
			return NULL;
		code = ind_class_mergers[i].new_code;
	}
	return NULL;
}

static int digits(const char *s, size_t n, size_t want)
{
	int v = 0;
	if (n < want)
		return -1;
	for (size_t i = 0; i < want; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	/* the code ends the label or a blank (then a name) follows */
	return n == want || s[want] == ' ' || s[want] == '\t' ? v : -1;
}

/* HV01, HVA01, HYV01 (any case): the county code, or -1 */
static int county_prefixed(const char *s, size_t n)
{
	static const char *const prefixes[] = { "hyv", "hva", "hv" };
	for (int i = 0; i < 3; i++) {
		size_t k = strlen(prefixes[i]), j;
		for (j = 0; j < k && j < n && (s[j] | 0x20) == prefixes[i][j]; j++)
			;
		if (j == k)
			return digits(s + k, n - k, 2);
	}
	return -1;
}

/* A code of one or two digits alone (or before a name): its value, or -1 */
static int short_code(const char *s, size_t n)
{
	int v = digits(s, n, 2);
	return v >= 0 ? v : digits(s, n, 1);
}

enum ind_bare_codes ind_region_bare_codes(const char *column)
{
	static const char *const county[] = { "hyvinvointialue", "hva", "county", "välfärdsområde", "wellbeing" };
	static const char *const maakunta[] = { "maakunta", "landskap" };
	char low[64];
	size_t n = 0;
	if (!column)
		return IND_BARE_NONE;
	for (; column[n] && n + 1 < sizeof low; n++)
		low[n] = (char)((unsigned char)column[n] < 0x80 ? (column[n] | (column[n] >= 'A' && column[n] <= 'Z' ? 0x20 : 0)) : column[n]);
	low[n] = '\0';
	for (size_t i = 0; i < sizeof county / sizeof county[0]; i++)
		if (strncmp(low, county[i], strlen(county[i])) == 0)
			return IND_BARE_COUNTY;
	for (size_t i = 0; i < sizeof maakunta / sizeof maakunta[0]; i++)
		if (strncmp(low, maakunta[i], strlen(maakunta[i])) == 0)
			return IND_BARE_MAAKUNTA;
	return IND_BARE_NONE;
}

const char *ind_region_of(const ind_classification *c, const char *s, size_t n, int year,
			  enum ind_region_level level, enum ind_region_names names, char buf[IND_REGION_NAME_MAX],
			  const char **why)
{
	return ind_region_of_codes(c, s, n, year, level, names, IND_BARE_NONE, buf, why);
}

const char *ind_region_of_codes(const ind_classification *c, const char *s, size_t n, int year,
				enum ind_region_level level, enum ind_region_names names, enum ind_bare_codes bare,
				char buf[IND_REGION_NAME_MAX], const char **why)
{
	static const char *const country[] = { "Koko maa", "Hela landet", "Whole country", "SSS" };
	const struct ind_class_muni *m;
	int code, mk = -1, county;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n >= 3 && memcmp(s, "SSS", 3) == 0 && (n == 3 || s[3] == ' ' || s[3] == '\t')) {
		snprintf(buf, IND_REGION_NAME_MAX, "%s", country[names]);
		return buf;
	}
	if (year < c->first) {
		snprintf(buf, IND_REGION_NAME_MAX, "no classification before %d (the year is %d)", c->first, year);
		return *why = buf, NULL;
	}
	if (year > c->last)
		year = c->last;	/* the latest division stands until a newer table says otherwise */
	if ((county = county_prefixed(s, n)) >= 0 || (bare == IND_BARE_COUNTY && (county = short_code(s, n)) >= 0)) {
		if (!c->county[county][0]) {
			snprintf(buf, IND_REGION_NAME_MAX, "unknown wellbeing services county code %02d", county);
			return *why = buf, NULL;
		}
		if (level == IND_LEVEL_COUNTY)
			goto county;
		if (level == IND_LEVEL_MUNICIPALITY)
			return *why = "a wellbeing services county, coarser than --region-level municipality", NULL;
		for (size_t i = 0; i < c->nmunis; i++)	/* its maakunta: the one of all its municipalities */
			if (c->munis[i].year == year && c->munis[i].county == county) {
				if (mk >= 0 && mk != c->munis[i].maakunta)
					return *why = "a wellbeing services county of several maakunnat", NULL;
				mk = c->munis[i].maakunta;
			}
		if (mk < 0)
			return *why = "a wellbeing services county without municipalities that year", NULL;
		goto maakunta;
	}
	if (bare == IND_BARE_MAAKUNTA && (mk = short_code(s, n)) >= 0)
		goto maakunta_code;
	if (short_code(s, n) >= 0)
		return *why = "one or two digits are a maakunta or a wellbeing services county, not a municipality: "
			      "write MK11 or HV11, or name the column maakunta or hyvinvointialue", NULL;
	if (n >= 2 && (s[0] == 'M' || s[0] == 'm') && (s[1] == 'K' || s[1] == 'k') && (mk = digits(s + 2, n - 2, 2)) >= 0) {
maakunta_code:
		if (level == IND_LEVEL_MUNICIPALITY)
			return *why = "a maakunta, coarser than --region-level municipality", NULL;
		if (!c->maakunta[mk])
			return *why = "unknown maakunta code", NULL;
		if (level == IND_LEVEL_MAAKUNTA)
			goto maakunta;
		county = -1;	/* the county of a maakunta: only when all its municipalities share one */
		for (size_t i = 0; i < c->nmunis; i++)
			if (c->munis[i].year == year && c->munis[i].maakunta == mk) {
				if (county >= 0 && county != c->munis[i].county)
					return *why = "a maakunta of several wellbeing services counties", NULL;
				county = c->munis[i].county;
			}
		if (county < 0)
			return *why = "a maakunta without municipalities that year", NULL;
		goto county;
	}
	if (n >= 2 && (s[0] == 'K' || s[0] == 'k') && (s[1] == 'U' || s[1] == 'u'))
		s += 2, n -= 2;
	if ((code = digits(s, n, 3)) < 0)
		return *why = "does not start with a municipality code (091, KU091, MK11, HV13 or SSS)", NULL;
	if (!(m = find_merged(c, year, code))) {
		snprintf(buf, IND_REGION_NAME_MAX, "unknown municipality code %03d in %d", code, year);
		return *why = buf, NULL;
	}
	switch (level) {
	case IND_LEVEL_MUNICIPALITY:
		if (names == IND_NAMES_CODE)
			snprintf(buf, IND_REGION_NAME_MAX, "%03d", m->code);
		else	/* no English names: Finnish */
			snprintf(buf, IND_REGION_NAME_MAX, "%s", c->names[names == IND_NAMES_SV ? m->name_sv : m->name_fi]);
		return buf;
	case IND_LEVEL_MAAKUNTA:
		mk = m->maakunta;
		goto maakunta;
	case IND_LEVEL_COUNTY:
	default:
		county = m->county;
		goto county;
	}
maakunta:
	if (names == IND_NAMES_CODE)
		snprintf(buf, IND_REGION_NAME_MAX, "%02d", mk);
	else	/* the classification names maakunnat in Finnish only */
		snprintf(buf, IND_REGION_NAME_MAX, "%s", c->maakunta[mk] ? c->maakunta[mk] : "?");
	return buf;
county:
	if (names == IND_NAMES_CODE || !c->county[county][names])
		snprintf(buf, IND_REGION_NAME_MAX, "%02d", county);
	else
		snprintf(buf, IND_REGION_NAME_MAX, "%s", c->county[county][names]);
	return buf;
}

int ind_region_label_key(const char *s, size_t n, enum ind_bare_codes bare)
{
	int v;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n >= 3 && memcmp(s, "SSS", 3) == 0 && (n == 3 || s[3] == ' ' || s[3] == '\t'))
		return 1200;
	if ((v = county_prefixed(s, n)) >= 0 || (bare == IND_BARE_COUNTY && (v = short_code(s, n)) >= 0))
		return 1100 + v;
	if (bare == IND_BARE_MAAKUNTA && (v = short_code(s, n)) >= 0)
		return 1000 + v;
	if (n >= 2 && (s[0] | 0x20) == 'm' && (s[1] | 0x20) == 'k' && (v = digits(s + 2, n - 2, 2)) >= 0)
		return 1000 + v;
	if (n >= 2 && (s[0] | 0x20) == 'k' && (s[1] | 0x20) == 'u')
		s += 2, n -= 2;
	return digits(s, n, 3);
}

bool ind_region_level_parse(const char *s, enum ind_region_level *level)
{
	if (strcmp(s, "county") == 0)
		return *level = IND_LEVEL_COUNTY, true;
	if (strcmp(s, "maakunta") == 0)
		return *level = IND_LEVEL_MAAKUNTA, true;
	if (strcmp(s, "municipality") == 0)
		return *level = IND_LEVEL_MUNICIPALITY, true;
	return false;
}

bool ind_region_names_parse(const char *s, enum ind_region_names *names)
{
	static const char *const words[] = { "fi", "sv", "en", "code" };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, words[i]) == 0)
			return *names = (enum ind_region_names)i, true;
	return false;
}

/* ---- a table from a file ---------------------------------------------------- */

void ind_classification_free(ind_classification *c)
{
	if (!c || c == &builtin)
		return;
	for (size_t i = 0; i < c->nnames; i++)
		free(c->own_names[i]);
	free(c->own_names);
	free(c->own_munis);
	free(c);
}

static int add_name(ind_classification *c, const char *s, size_t n, size_t *cap)
{
	if (c->nnames == 65535)
		return -1;
	if (c->nnames == *cap) {
		char **p = realloc(c->own_names, (*cap = *cap ? 2 * *cap : 256) * sizeof *p);
		if (!p)
			return -1;
		c->own_names = p;
	}
	if (!(c->own_names[c->nnames] = strndup(s, n)))
		return -1;
	return (int)c->nnames++;
}

static int num(const char *s, size_t n, size_t width)
{
	int v = 0;
	if (n == 0 || n > width)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

ind_classification *ind_classification_read(const char *path, struct ind_error *err)
{
	static const char *const cols[] = { "year", "municipality_code", "name_fi", "name_sv", "maakunta_code",
					    "maakunta_name_fi", "hyvinvointialue_code", "hyvinvointialue_name_fi" };
	const ind_classification *b = ind_classification_builtin();
	ind_classification *c = calloc(1, sizeof *c);
	struct ind_reader_opts ro;
	struct ind_header h = { 0 };
	struct ind_row row;
	ind_reader *r = NULL;
	size_t cap = 0, ncap = 0;
	int col[8], rc;

	if (!c)
		return ind_error_set(err, path, 0, "out of memory"), NULL;
	memcpy(c->county, b->county, sizeof c->county);	/* Swedish and English names: the built-in ones */
	ind_reader_opts_init(&ro);
	if (!(r = ind_reader_open(path, &ro, err)))
		goto fail;
	while ((rc = ind_reader_next(r, &row, err)) != IND_READ_EOF) {
		struct ind_class_muni *m;
		int v[8];
		if (rc < 0)
			goto fail;
		if (!h.name) {
			if (!ind_header_init(&h, &row, false)) {
				ind_error_set(err, path, row.line, "out of memory");
				goto fail;
			}
			for (int k = 0; k < 8; k++)
				if ((col[k] = ind_column_resolve(&h, cols[k], path, err)) < 0)
					goto fail;
			continue;
		}
		if (row.nfields != h.ncols) {
			ind_error_set(err, path, row.line, "row has %zu fields where the header has %zu", row.nfields, h.ncols);
			goto fail;
		}
		v[0] = num(row.field[col[0]], row.len[col[0]], 4);
		v[1] = num(row.field[col[1]], row.len[col[1]], 3);
		v[4] = num(row.field[col[4]], row.len[col[4]], 2);
		v[6] = num(row.field[col[6]], row.len[col[6]], 2);
		if (v[0] < 1900 || v[1] < 0 || v[4] < 0 || v[6] < 0) {
			ind_error_set(err, path, row.line, "year (4 digits), municipality code (3), maakunta and county codes (2) expected");
			goto fail;
		}
		for (int k = 2; k < 8; k++)
			if (k != 4 && k != 6 && (row.len[col[k]] == 0 || row.len[col[k]] >= IND_REGION_NAME_MAX)) {
				ind_error_set(err, path, row.line, "%s: empty or longer than %d bytes", cols[k], IND_REGION_NAME_MAX - 1);
				goto fail;
			}
		if (c->nmunis == cap) {
			struct ind_class_muni *p = realloc(c->own_munis, (cap = cap ? 2 * cap : 512) * sizeof *p);
			if (!p) {
				ind_error_set(err, path, row.line, "out of memory");
				goto fail;
			}
			c->own_munis = p;
		}
		m = &c->own_munis[c->nmunis];
		m->year = (short)v[0];
		m->code = (short)v[1];
		m->maakunta = (unsigned char)v[4];
		m->county = (unsigned char)v[6];
		if ((v[2] = add_name(c, row.field[col[2]], row.len[col[2]], &ncap)) < 0 ||
		    (v[3] = add_name(c, row.field[col[3]], row.len[col[3]], &ncap)) < 0 ||
		    (v[5] = add_name(c, row.field[col[5]], row.len[col[5]], &ncap)) < 0 ||
		    (v[7] = add_name(c, row.field[col[7]], row.len[col[7]], &ncap)) < 0) {
			ind_error_set(err, path, row.line, "out of memory, or more than 65535 names");
			goto fail;
		}
		m->name_fi = (unsigned short)v[2];
		m->name_sv = (unsigned short)v[3];
		c->maakunta[v[4]] = c->own_names[v[5]];	/* the last row's name: the latest year in a table by year */
		c->county[v[6]][0] = c->own_names[v[7]];
		c->nmunis++;
	}
	if (!c->nmunis) {
		ind_error_set(err, path, 0, "no municipalities");
		goto fail;
	}
	qsort(c->own_munis, c->nmunis, sizeof *c->own_munis, muni_cmp);
	for (size_t i = 1; i < c->nmunis; i++)
		if (muni_cmp(&c->own_munis[i - 1], &c->own_munis[i]) == 0) {
			ind_error_set(err, path, 0, "municipality %03d twice in %d", c->own_munis[i].code, c->own_munis[i].year);
			goto fail;
		}
	c->munis = c->own_munis;
	c->names = (const char *const *)c->own_names;
	c->first = c->munis[0].year;
	c->last = c->munis[c->nmunis - 1].year;
	ind_header_free(&h);
	ind_reader_close(r);
	return c;
fail:
	ind_header_free(&h);
	ind_reader_close(r);
	ind_classification_free(c);
	return NULL;
}

/* ---- code maps, with validity years or without ------------------------------------ */

struct ind_codemap {
	/*
	 * With years: key -> "FROM\037TO\037VALUE\036" for each row, FROM and TO
	 * years (0 and 9999 when open). Without: key -> value (a later row of a
	 * key replaces an earlier one).
	 */
	ind_strmap *map;
	bool years;
};

void ind_codemap_free(ind_codemap *m)
{
	if (!m)
		return;
	ind_strmap_free(m->map);
	free(m);
}

bool ind_codemap_has_years(const ind_codemap *m) { return m->years; }

const ind_strmap *ind_codemap_strmap(const ind_codemap *m) { return m && !m->years ? m->map : NULL; }

ind_codemap *ind_codemap_wrap(ind_strmap *map)
{
	ind_codemap *m = calloc(1, sizeof *m);
	if (m)
		m->map = map;
	return m;
}

static bool year_cell(const char *s, size_t n, int open, int *y)
{
	int v;
	if (n == 0)
		return *y = open, true;
	if ((v = num(s, n, 4)) < 0)
		return false;
	*y = v;
	return true;
}

/* "a1..a2" with open ends empty */
static void range_text(int from, int to, char *buf, size_t size)
{
	char a[16] = "", b[16] = "";
	if (from > 0)
		snprintf(a, sizeof a, "%d", from);
	if (to < 9999)
		snprintf(b, sizeof b, "%d", to);
	snprintf(buf, size, "%s..%s", a, b);
}

#define CODEMAP_VALUE_MAX 65536	/* the rows of one key, packed */

/* The column of a header named name, or -1. */
static int column_named(const struct ind_header *h, const char *name)
{
	for (size_t i = 0; i < h->ncols; i++)
		if (strcmp(h->name[i], name) == 0)
			return (int)i;
	return -1;
}

ind_codemap *ind_codemap_read(const char *path, const char *kcol, const char *vcol, unsigned long *crc,
			      struct ind_error *err)
{
	struct ind_reader_opts ro;
	struct ind_header h = { 0 };
	struct ind_row row;
	ind_reader *r = NULL;
	ind_codemap *m = calloc(1, sizeof *m);
	char *packed = malloc(CODEMAP_VALUE_MAX);
	int ck = 0, cv = 1, cf = -1, ct = -1, rc;
	bool header = true;

	if (crc)
		*crc = 0;
	if (!m || !packed || !(m->map = ind_strmap_new())) {
		ind_error_set(err, path, 0, "out of memory");
		goto fail;
	}
	ind_reader_opts_init(&ro);
	if (!(r = ind_reader_open(path, &ro, err)))
		goto fail;
	while ((rc = ind_reader_next(r, &row, err)) != IND_READ_EOF) {
		const char *old;
		int from, to;
		size_t used;
		if (rc < 0)
			goto fail;
		if (crc)
			*crc = ind_agg_crc(*crc, row.raw, row.raw_len);
		if (header) {
			header = false;
			if (!ind_header_init(&h, &row, false)) {
				ind_error_set(err, path, row.line, "out of memory");
				goto fail;
			}
			cf = column_named(&h, "valid_from");
			ct = column_named(&h, "valid_to");
			if ((cf < 0) != (ct < 0)) {
				ind_error_set(err, path, row.line, "%s without %s", cf < 0 ? "valid_to" : "valid_from",
					      cf < 0 ? "valid_from" : "valid_to");
				goto fail;
			}
			m->years = cf >= 0;
			if (kcol && ((ck = ind_column_resolve(&h, kcol, path, err)) < 0 ||
				     (cv = ind_column_resolve(&h, vcol, path, err)) < 0)) {
				ind_error_set(err, path, row.line, "needs the columns %s and %s", kcol, vcol);
				goto fail;
			}
			continue;
		}
		if (kcol || m->years) {
			if (row.nfields != h.ncols) {
				ind_error_set(err, path, row.line, "row has %zu fields where the header has %zu", row.nfields,
					      h.ncols);
				goto fail;
			}
		} else if (row.nfields < 2) {
			ind_error_set(err, path, row.line, "expected two columns: code,name");
			goto fail;
		}
		if (!m->years) {
			char *v = strndup(row.field[cv], row.len[cv]);
			bool ok = v && ind_strmap_put(m->map, row.field[ck], row.len[ck], v);
			free(v);
			if (!ok) {
				ind_error_set(err, path, row.line, "out of memory");
				goto fail;
			}
			continue;
		}
		if (!year_cell(row.field[cf], row.len[cf], 0, &from) || !year_cell(row.field[ct], row.len[ct], 9999, &to) ||
		    from > to) {
			ind_error_set(err, path, row.line, "valid_from and valid_to: years (empty: open), from not after to");
			goto fail;
		}
		for (size_t i = 0; i < row.len[cv]; i++)
			if ((unsigned char)row.field[cv][i] < 0x20) {
				ind_error_set(err, path, row.line, "a control character in the value");
				goto fail;
			}
		old = ind_strmap_get(m->map, row.field[ck], row.len[ck]);
		for (const char *p = old; p && *p;) {	/* ranges of one key do not overlap */
			int f2 = atoi(p), t2 = atoi(strchr(p, '\037') + 1);
			if (from <= t2 && f2 <= to) {
				char a[40], b[40];
				range_text(from, to, a, sizeof a);
				range_text(f2, t2, b, sizeof b);
				ind_error_set(err, path, row.line, "'%.*s' valid %s overlaps its row valid %s",
					      (int)(row.len[ck] < 40 ? row.len[ck] : 40), row.field[ck], a, b);
				goto fail;
			}
			p = strchr(p, '\036') + 1;
		}
		used = (size_t)snprintf(packed, CODEMAP_VALUE_MAX, "%s%d\037%d\037%.*s\036", old ? old : "", from, to,
					(int)row.len[cv], row.field[cv]);
		if (used >= CODEMAP_VALUE_MAX) {
			ind_error_set(err, path, row.line, "too many rows for one key");
			goto fail;
		}
		if (!ind_strmap_put(m->map, row.field[ck], row.len[ck], packed)) {
			ind_error_set(err, path, row.line, "out of memory");
			goto fail;
		}
	}
	free(packed);
	ind_header_free(&h);
	ind_reader_close(r);
	return m;
fail:
	free(packed);
	ind_header_free(&h);
	ind_reader_close(r);
	ind_codemap_free(m);
	return NULL;
}

enum ind_codemap_status ind_codemap_get(const ind_codemap *m, const char *key, size_t n, int year, const char **value,
					size_t *len)
{
	const char *p = ind_strmap_get(m->map, key, n);
	if (!p)
		return IND_MAP_NO_CODE;
	if (!m->years) {
		*value = p;
		*len = strlen(p);
		return IND_MAP_FOUND;
	}
	while (*p) {
		const char *v = strchr(strchr(p, '\037') + 1, '\037') + 1, *end = strchr(v, '\036');
		if (atoi(p) <= year && year <= atoi(strchr(p, '\037') + 1)) {
			*value = v;
			*len = (size_t)(end - v);
			return IND_MAP_FOUND;
		}
		p = end + 1;
	}
	return IND_MAP_NO_YEAR;
}

const char *ind_codemap_years(const ind_codemap *m, const char *key, size_t n, char *buf, size_t size)
{
	const char *p = m->years ? ind_strmap_get(m->map, key, n) : NULL;
	size_t used = 0;
	buf[0] = '\0';
	while (p && *p && used + 1 < size) {
		char r[40];
		range_text(atoi(p), atoi(strchr(p, '\037') + 1), r, sizeof r);
		used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "", r);
		if (used >= size)
			used = size - 1;
		p = strchr(p, '\036') + 1;
	}
	return buf;
}
