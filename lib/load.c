/* load.c - layout detection, column mapping and cell checks behind ind-load. See LICENSE. */
#include "load.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "rejects.h"

/*
 * Header words recognised without options; earlier words win. No column
 * is taken by its position: a region column must be named by one of these
 * (a 'Decile' is no region).
 */
static const char *const region_words[] = {
	"region", "alue", "hyvinvointialue", "area", "county", "maakunta", "kunta", "municipality",
	"avi", "erva", "sairaanhoitopiiri", "shp", "seutukunta", "kotikunta", "kommun", "landskap",
	"v\xc3\xa4lf\xc3\xa4rdsomr\xc3\xa5" "de", "omr\xc3\xa5" "de", NULL
};
static const char *const indicator_words[] = {
	"indicator", "indikaattori", "mittari", "tiedot", "information", "measure", "muuttuja", NULL
};
static const char *const period_words[] = {
	"period", "aika", "ajanjakso", "pvm", "p\xc3\xa4iv\xc3\xa4m\xc3\xa4\xc3\xa4r\xc3\xa4", "date", "time",
	"vuosineljännes", "quarter", "viikko", "week", NULL
};
static const char *const year_words[] = { "year", "vuosi", NULL };
static const char *const month_words[] = { "month", "kuukausi", "kk", NULL };
static const char *const value_words[] = {
	"value", "arvo", "val", "primary value", "luku", "lukum\xc3\xa4\xc3\xa4r\xc3\xa4", "lkm",
	"m\xc3\xa4\xc3\xa4r\xc3\xa4", NULL
};
static const char *const numerator_words[] = { "numerator", "osoittaja", NULL };
static const char *const denominator_words[] = { "denominator", "nimitt\xc3\xa4j\xc3\xa4", NULL };
static const char *const unit_words[] = { "unit", "yksikk\xc3\xb6", NULL };
static const char *const gender_words[] = { "gender", "sukupuoli", NULL };
static const char *const absolute_words[] = { "absolute value", "absolute_value", NULL };
/* Classifiers: dimensions even where other columns are measures. */
static const char *const dimension_words[] = {
	"sukupuoli", "gender", "sex", "k\xc3\xb6n", "ik\xc3\xa4", "ik\xc3\xa4ryhm\xc3\xa4", "age", "\xc3\xa5lder", NULL
};

struct ind_loader {
	char region_buf[IND_LOAD_REGION_MAX];	/* the record's region from o.region_of */
	ind_reader *reader;
	bool shared;		/* a block loader: header and mapping belong to the parent */
	struct ind_load_opts o;
	struct ind_header h;
	enum ind_layout layout;
	unsigned columns;
	int dash;
	char decimal;		/* for the whole input: the reader's, or '.' in a Sotkanet file */

	/* column indexes, -1 when absent */
	int c_region, c_indicator, c_period, c_year, c_month, c_value, c_num, c_den, c_unit, c_gender, c_abs;
	long hline;		/* the header's line, for messages about columns */
	int *cells;		/* WIDE: period columns; MEASURES: measure columns */
	struct ind_period *cell_period;	/* WIDE: the period of each cell column */
	size_t ncells;
	int *dims;		/* dimension columns, in column order, joined to the indicator name */
	size_t ndims;
	int *where_col;		/* the column of each --where */
	bool *ignored;		/* --ignore, by column */
	int *partner;		/* codes shown: the other column of a code/label pair, or -1 */
	bool *is_code;		/* codes shown: the code column of its pair */
	int c_period_alt;	/* the period's code (or label) column beside c_period, or -1 */
	bool region_all;	/* no region column: one region, named "all" */
	bool peeked;		/* the first data row is in row, read with the header */
	const char *path;	/* as given to ind_loader_open, for the file's name */
	char *stem;		/* no indicator column: the file's name without directory and extension */

	/* the row being turned into records */
	struct ind_row row;
	size_t next_cell, row_cells;
	const char *region, *indicator;
	size_t region_len, indicator_len;
	bool region_plain, indicator_plain;	/* as read from a plain field (ind_row.plain), not from a map */
	struct ind_period row_period;

	char *name;		/* indicator name with its dimensions */
	size_t name_cap;

	struct ind_num value, num, den, abs;

	/* possible footnote lines (see struct ind_trailer in load.h) */
	struct ind_trailer held;
	size_t releasing;	/* held rows being handed out as rejects: 1 + the next one; 0 when not */
	struct ind_held spill;	/* the oldest held row, handed out when too many are held */
	bool emitted;		/* some row has been handed out, or counted as data */
	bool bad_waiting;	/* a reader reject waits behind the released held rows */
	struct ind_error bad_err;
	struct ind_reject bad_rej;
	long expect;		/* where the next record starts when no empty line comes first */
	bool holdable;		/* start_row's reject is of the row as a whole: maybe a footnote */
	bool ends_blank;	/* a block: its text ends with empty lines */

	struct ind_load_counts counts;
	long recoded_seen;
	bool pending_only;	/* hand out the pending row, then report the end */
};

void ind_load_opts_init(struct ind_load_opts *o)
{
	memset(o, 0, sizeof *o);
	ind_reader_opts_init(&o->reader);
	o->wide = -1;
	o->dash = IND_DASH_AUTO;
}

const char *ind_layout_name(enum ind_layout layout)
{
	switch (layout) {
	case IND_LAYOUT_WIDE: return "wide";
	case IND_LAYOUT_MEASURES: return "measure columns";
	case IND_LAYOUT_SOTKANET: return "Sotkanet";
	case IND_LAYOUT_LONG:
	default: return "long";
	}
}

const char *ind_loader_region_column(const ind_loader *l)
{
	return l->c_region >= 0 && !l->o.region_name ? l->h.name[l->c_region] : NULL;
}

unsigned ind_loader_columns(const ind_loader *l) { return l->columns; }

const char *ind_loader_header_raw(const ind_loader *l, size_t *len)
{
	*len = l->h.raw_len;
	return l->h.raw;
}
enum ind_layout ind_loader_layout(const ind_loader *l) { return l->layout; }
const ind_reader *ind_loader_reader(const ind_loader *l) { return l->reader; }
ind_reader *ind_loader_reader_mut(ind_loader *l) { return l->reader; }
bool ind_loader_pending(const ind_loader *l) { return l->next_cell == (size_t)-1 || l->next_cell < l->row_cells; }
void ind_loader_pending_only(ind_loader *l, bool on) { l->pending_only = on; }

const struct ind_load_counts *ind_loader_counts(ind_loader *l)
{
	long now = ind_reader_recoded_lines(l->reader);
	l->counts.recoded_lines += now - l->recoded_seen;	/* blocks add theirs directly */
	l->recoded_seen = now;
	return &l->counts;
}

void ind_load_counts_add(struct ind_load_counts *into, const struct ind_load_counts *from)
{
	into->rows_read += from->rows_read;
	into->records += from->records;
	into->rejected += from->rejected;
	into->filtered += from->filtered;
	into->other_gender += from->other_gender;
	into->unmapped_regions += from->unmapped_regions;
	into->unmapped_indicators += from->unmapped_indicators;
	into->recoded_lines += from->recoded_lines;
	into->period_kinds |= from->period_kinds;
	for (int k = 0; k < IND_MISSING_NKINDS; k++)
		into->missing[k] += from->missing[k];
}

bool ind_where_parse(const char *arg, struct ind_where *w)
{
	const char *eq = strchr(arg, '=');
	size_t n;
	w->column = NULL;
	if (!eq)
		return false;
	w->negate = eq > arg && eq[-1] == '!';
	n = (size_t)(eq - arg) - w->negate;
	w->value = eq + 1;
	if (n == 0)
		return false;
	w->column = strndup(arg, n);
	return w->column != NULL;
}

/* snprintf onto the end of buf, never past size. */
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (*len >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n < size - *len ? (size_t)n : size - *len - 1;
}

const char *ind_loader_describe(ind_loader *l, char *buf, size_t size)
{
	static const char *const kinds[] = { "years", "quarters", "months", "weeks", "days", "numbers" };
	const struct ind_dialect *d = ind_reader_dialect(l->reader);
	const struct ind_load_counts *n = ind_loader_counts(l);
	unsigned periods = n->period_kinds;
	size_t len = 0;
	bool first = true;

	buf[0] = '\0';
	if (d->table) {
		put(buf, size, &len, "%s, %zu cells (line N below is cell N - 1)", d->table, d->table_cells);
	} else {
		if (d->delimiter == '\t')
			put(buf, size, &len, "delimiter tab");
		else
			put(buf, size, &len, "delimiter '%c'", d->delimiter);
		put(buf, size, &len, ", decimal '%c', encoding %s%s", l->decimal,
		    l->o.reader.encoding == IND_ENC_CP1252 ? "Windows-1252" : "UTF-8", d->bom ? " with BOM" : "");
	}
	if (n->recoded_lines)
		put(buf, size, &len, " (%ld line%s read as Windows-1252)", n->recoded_lines,
		    n->recoded_lines == 1 ? "" : "s");
	if (d->skipped)
		put(buf, size, &len, ", %ld title line%s", d->skipped, d->skipped == 1 ? "" : "s");
	if (l->o.no_header)
		put(buf, size, &len, ", no header");
	put(buf, size, &len, ", layout %s", ind_layout_name(l->layout));
	if (l->layout == IND_LAYOUT_WIDE)
		for (size_t i = 0; i < l->ncells; i++)
			periods |= 1u << l->cell_period[i].kind;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if (periods & (1u << k)) {
			put(buf, size, &len, "%s%s", first ? ", periods " : "/", kinds[k]);
			first = false;
		}
	if (l->region_all)
		put(buf, size, &len, ", no region column: region 'all'");
	if (l->stem)
		put(buf, size, &len, ", no indicator column: indicator '%s' (the file's name)", l->stem);
	first = true;
	for (size_t i = 0; i < l->h.ncols; i++)
		if (l->partner[i] >= 0 && !l->is_code[i]) {
			put(buf, size, &len, "%s'%s' (code in column %d)", first ? ", codes shown for " : ", ",
			    l->h.name[i], l->partner[i] + 1);
			first = false;
		}
	for (size_t i = 0; i < l->ndims; i++)
		put(buf, size, &len, "%s'%s'", i ? ", " : ", dimensions ", l->h.name[l->dims[i]]);
	for (size_t i = 0; i < l->o.nwhere; i++)
		if (!l->o.where[i].negate)
			put(buf, size, &len, ", '%s' kept to '%s'", l->h.name[l->where_col[i]], l->o.where[i].value);
	first = true;
	for (size_t i = 0; i < l->h.ncols; i++)
		if (l->ignored[i]) {
			put(buf, size, &len, "%s'%s'", first ? ", ignored " : ", ", l->h.name[i]);
			first = false;
		}
	return buf;
}

/* True when the text's last line is empty (LF, CRLF or CR line ends): the rows ended before it. */
static bool ends_with_blank_line(const char *buf, size_t len)
{
	size_t i = len;
	if (i == 0 || (buf[i - 1] != '\n' && buf[i - 1] != '\r'))
		return false;
	i -= buf[i - 1] == '\n' && i >= 2 && buf[i - 2] == '\r' ? 2 : 1;
	return i == 0 || buf[i - 1] == '\n' || buf[i - 1] == '\r';
}

static void held_clear(struct ind_trailer *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->items[i].raw);
	t->n = 0;
}

void ind_trailer_free(struct ind_trailer *t)
{
	held_clear(t);
	free(t->items);
	memset(t, 0, sizeof *t);
}

void ind_loader_take_held(ind_loader *l, struct ind_trailer *out)
{
	*out = l->held;
	out->whole = !l->emitted;
	out->ends_blank = l->ends_blank;
	memset(&l->held, 0, sizeof l->held);
}

ind_loader *ind_loader_open_block(const ind_loader *parent, const char *buf, size_t len, long first_line,
				  struct ind_error *err)
{
	ind_loader *l = malloc(sizeof *l);
	if (!l) {
		ind_error_set(err, ind_reader_name(parent->reader), 0, "out of memory");
		return NULL;
	}
	*l = *parent;
	l->shared = true;
	l->name = NULL;
	l->name_cap = 0;
	memset(&l->held, 0, sizeof l->held);
	memset(&l->spill, 0, sizeof l->spill);
	l->releasing = 0;
	l->emitted = l->bad_waiting = false;
	l->expect = first_line;
	l->ends_blank = ends_with_blank_line(buf, len);
	memset(&l->counts, 0, sizeof l->counts);
	l->recoded_seen = 0;
	l->next_cell = l->row_cells = 0;
	l->reader = ind_reader_open_block(parent->reader, buf, len, first_line, err);
	if (!l->reader) {
		free(l);
		return NULL;
	}
	return l;
}

void ind_loader_close(ind_loader *l)
{
	if (!l)
		return;
	ind_reader_close(l->reader);
	if (!l->shared) {
		ind_header_free(&l->h);
		free(l->cells);
		free(l->cell_period);
		free(l->dims);
		free(l->where_col);
		free(l->ignored);
		free(l->partner);
		free(l->is_code);
		free(l->stem);
	}
	free(l->name);
	ind_trailer_free(&l->held);
	free(l->spill.raw);
	free(l);
}

static void warn(const ind_loader *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(const ind_loader *l, const char *fmt, ...)
{
	struct ind_error w;
	va_list ap;
	if (!l->o.warn)
		return;
	va_start(ap, fmt);
	ind_error_vset(&w, ind_reader_name(l->reader), l->hline, fmt, ap);
	va_end(ap);
	l->o.warn(&w);
}

/* A column given by option, or else recognised by header word; -1 if neither. */
static int pick(ind_loader *l, const char *spec, const char *const *words, bool *taken, struct ind_error *err)
{
	int c, dup;
	if (spec) {
		c = ind_column_resolve(&l->h, spec, ind_reader_name(l->reader), err);
		if (c < 0)
			return -2;
	} else if (words && !l->o.no_header) {
		c = ind_column_guess(&l->h, words, taken, &dup);
		if (c >= 0 && dup >= 0)
			warn(l, "two columns named '%s' (%d and %d): using the first; name the other by number to use it",
			     l->h.name[c], c + 1, dup + 1);
	} else {
		return -1;
	}
	if (c >= 0) {
		taken[c] = true;
		if (l->partner[c] >= 0)	/* a code/label pair names one thing */
			taken[l->partner[c]] = true;
	}
	return c;
}

static bool header_period(const char *name, struct ind_period *p)
{
	return ind_period_parse_column(name, strlen(name), p, NULL) && p->kind != IND_PERIOD_NUMERIC;
}

/* "'A', 'B'": the columns no role took, for messages; "" when there are none. */
static void other_columns(const ind_loader *l, const bool *taken, char *buf, size_t size)
{
	size_t len = 0, shown = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < l->h.ncols; i++) {
		if (taken[i])
			continue;
		if (++shown > 8) {
			put(buf, size, &len, ", ...");
			break;
		}
		put(buf, size, &len, "%s'%s'", len ? ", " : "", l->h.name[i]);
	}
}

/* A header with a cell that is a number but not a period was probably data. */
static bool header_looks_like_data(const ind_loader *l)
{
	for (size_t i = 0; i < l->h.ncols && !l->o.no_header; i++) {
		struct ind_num n;
		struct ind_period p;
		const char *name = l->h.name[i];
		if ((ind_num_parse(name, strlen(name), '.', IND_DASH_MISSING, &n) == IND_NUM_OK ||
		     ind_num_parse(name, strlen(name), ',', IND_DASH_MISSING, &n) == IND_NUM_OK) &&
		    !header_period(name, &p))
			return true;
	}
	return false;
}

/* A missing column: what was expected, how to name it, the columns left, and a hint for header-less files. */
static int no_column(const ind_loader *l, const bool *taken, struct ind_error *err, const char *what)
{
	char others[300];
	other_columns(l, taken, others, sizeof others);
	return ind_error_set(err, ind_reader_name(l->reader), l->hline, "%s%s%s%s", what,
			     others[0] ? "; other columns: " : "", others,
			     header_looks_like_data(l) ? " (no header? try --no-header and -r/-i/-p/-v)" : "");
}

/* Resolve --ignore and --where against this input's header. */
static int filter_columns(ind_loader *l, bool *taken, bool *pinned, struct ind_error *err)
{
	const struct ind_load_opts *o = &l->o;
	const char *file = ind_reader_name(l->reader);

	l->ignored = calloc(l->h.ncols, sizeof *l->ignored);
	l->where_col = calloc(o->nwhere ? o->nwhere : 1, sizeof *l->where_col);
	if (!l->ignored || !l->where_col)
		return ind_error_set(err, file, 0, "out of memory");
	for (size_t i = 0; i < o->nignore; i++) {
		int c = ind_column_resolve(&l->h, o->ignore[i], file, err);
		if (c < 0)
			return -1;
		l->ignored[c] = taken[c] = true;
	}
	for (size_t i = 0; i < o->nwhere; i++) {
		int c = ind_column_resolve(&l->h, o->where[i].column, file, err);
		if (c < 0)
			return -1;
		l->where_col[i] = c;
		if (!o->where[i].negate)
			pinned[c] = true;	/* one value left: not a dimension */
	}
	return 0;
}

static bool thl_cube(const ind_loader *l)
{
	return l->layout == IND_LAYOUT_LONG && l->c_value >= 0 && strcmp(l->h.name[l->c_value], "val") == 0;
}

/* "dir/thl_esh_long.csv" -> "thl_esh_long"; NULL for standard input, an empty name, or no memory. */
static char *file_stem(const char *path)
{
	const char *base, *dot;
	size_t n;
	if (!path || strcmp(path, "-") == 0)
		return NULL;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	if (n == 0)
		return NULL;
	return strndup(base, n);
}

/* "Alue koodi", "Alue (code)": the code column of the dimension "Alue". */
static bool code_header(const char *code, const char *label)
{
	static const char *const suffixes[] = { " koodi", " (koodi)", " code", " (code)", NULL };
	size_t n = strlen(label);
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)code[i], b = (unsigned char)label[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return false;
	}
	for (const char *const *w = suffixes; *w; w++)
		if (ind_header_eq(code + n, *w))
			return true;
	return false;
}

/* Values have no codes: two 'arvo' columns are two values, never a code and a label. */
static bool numeric_word(const char *name)
{
	const char *const *lists[] = { value_words, numerator_words, denominator_words, absolute_words };
	for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
		for (const char *const *w = lists[k]; *w; w++)
			if (ind_header_eq(name, *w))
				return true;
	return false;
}

/* Spaces or letters beyond ASCII: words, as in a label; a code has neither. */
static bool wordy(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ' || (unsigned char)s[i] >= 0x80)
			return true;
	return false;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/*
 * Which of two values under one header is the label: 0 the first, 1 the
 * second, -1 when nothing tells. Words beat a code, digits are a code, and
 * else the shorter is the code ("HV09" beside "Pohjois-Savo").
 */
static int label_side(const char *a, size_t na, const char *b, size_t nb)
{
	if (na == nb && memcmp(a, b, na) == 0)
		return 0;
	if (wordy(a, na) != wordy(b, nb))
		return wordy(a, na) ? 0 : 1;
	if (all_digits(a, na) != all_digits(b, nb))
		return all_digits(a, na) ? 1 : 0;
	if (na != nb)
		return na > nb ? 0 : 1;
	return -1;
}

/*
 * THL cubes with codes shown give each dimension a code column and a label
 * column: "X" beside "X koodi" or "X (code)", or the same header twice. A
 * pair names one thing: names come from the label, and the code column is
 * no dimension of its own. For a repeated header, the first data row tells
 * which is which, once for the whole input (it is read here and handed out
 * first, as a header-less input's first row).
 */
static int find_pairs(ind_loader *l, const bool *ignored, struct ind_error *err)
{
	const char *file = ind_reader_name(l->reader);
	size_t n = l->h.ncols;
	bool repeated = false;
	int rc;

	l->partner = malloc(n * sizeof *l->partner);
	l->is_code = calloc(n, sizeof *l->is_code);
	if (!l->partner || !l->is_code)
		return ind_error_set(err, file, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		l->partner[i] = -1;
	if (l->o.no_header)
		return 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n && l->partner[i] < 0; j++) {
			const char *a = l->h.name[i], *b = l->h.name[j];
			if (ignored[i] || ignored[j] || l->partner[j] >= 0 || !*a || !*b || numeric_word(a) || numeric_word(b))
				continue;
			if (ind_header_eq(a, b))
				repeated = true;
			else if (code_header(b, a))
				l->is_code[j] = true;
			else if (code_header(a, b))
				l->is_code[i] = true;
			else
				continue;
			l->partner[i] = (int)j;
			l->partner[j] = (int)i;
		}
	if (!repeated)
		return 0;
	l->expect = l->row.line + l->row.lines;
	rc = ind_reader_next(l->reader, &l->row, err);
	if (rc == IND_READ_EOF)
		return 0;
	if (rc == IND_READ_FATAL)
		return -1;
	if (rc == IND_READ_BAD || l->row.nfields != n) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", rc == IND_READ_BAD ? err->msg : "it has not as many fields as the header");
		return ind_error_set(err, file, l->row.line,
				     "the first data row tells which of two same-named columns is the code: %s", why);
	}
	l->peeked = true;
	for (size_t i = 0; i < n; i++) {
		int j = l->partner[i], side;
		if (j <= (int)i || l->is_code[i] || l->is_code[j])
			continue;
		side = label_side(l->row.field[i], l->row.len[i], l->row.field[j], l->row.len[j]);
		if (side < 0)
			return ind_error_set(err, file, l->row.line,
					     "columns %zu and %d are both named '%s' and their values '%.*s' and '%.*s' "
					     "do not tell the code from the label; --ignore the code column",
					     i + 1, j + 1, l->h.name[i], (int)l->row.len[i], l->row.field[i],
					     (int)l->row.len[j], l->row.field[j]);
		l->is_code[side ? (int)i : j] = true;
	}
	return 0;
}

static int map_columns(ind_loader *l, struct ind_error *err)
{
	const struct ind_load_opts *o = &l->o;
	const char *file = ind_reader_name(l->reader);
	bool *taken = calloc(l->h.ncols, sizeof *taken), *pinned = calloc(l->h.ncols, sizeof *pinned);
	size_t nperiods = 0;
	bool has_period;
	int rc = -1;

	if (!taken || !pinned) {
		rc = ind_error_set(err, file, 0, "out of memory");
		goto out;
	}
	if (filter_columns(l, taken, pinned, err) < 0 || find_pairs(l, l->ignored, err) < 0)
		goto out;
	for (size_t i = 0; i < l->h.ncols; i++)
		if (l->is_code[i])
			taken[i] = true;
#define PICK(var, spec, words) \
	if ((var = pick(l, spec, words, taken, err)) == -2) goto out;
	PICK(l->c_region, o->region_name ? NULL : o->region, o->region_name ? NULL : region_words);
	PICK(l->c_indicator, o->indicator_name ? NULL : o->indicator, o->indicator_name ? NULL : indicator_words);
	PICK(l->c_period, o->period, period_words);
	l->c_year = l->c_month = -1;
	if (l->c_period < 0 && !o->period) {
		PICK(l->c_year, NULL, year_words);
		PICK(l->c_month, NULL, month_words);
		if (l->c_year < 0 && l->c_month >= 0)
			l->c_period = l->c_month, l->c_month = -1;
		else if (l->c_month < 0)
			l->c_period = l->c_year, l->c_year = -1;
	}
	l->c_period_alt = l->c_period >= 0 && l->c_year < 0 ? l->partner[l->c_period] : -1;
	PICK(l->c_value, o->value, value_words);
	PICK(l->c_num, o->numerator, numerator_words);
	PICK(l->c_den, o->denominator, denominator_words);
	PICK(l->c_unit, o->unit, unit_words);
	PICK(l->c_gender, NULL, gender_words);
	PICK(l->c_abs, NULL, absolute_words);
#undef PICK

	/* wide: other columns whose names are periods */
	for (size_t i = 0; i < l->h.ncols; i++) {
		struct ind_period p;
		if (!taken[i] && header_period(l->h.name[i], &p))
			nperiods++;
	}
	has_period = l->c_period >= 0 || l->c_year >= 0;
	if (o->wide == 1 || (o->wide < 0 && !o->no_header && l->c_value < 0 && !has_period && nperiods >= 2)) {
		l->layout = IND_LAYOUT_WIDE;
		if (nperiods == 0) {
			rc = ind_error_set(err, file, l->hline, "--wide: no column header is a period (e.g. 2021, 2021M03)");
			goto out;
		}
	} else if (l->c_gender >= 0 && l->c_value >= 0 && l->c_abs >= 0) {
		l->layout = IND_LAYOUT_SOTKANET;
	} else if (l->c_value < 0 && l->c_indicator < 0 && !o->indicator_name) {
		l->layout = IND_LAYOUT_MEASURES;
	} else {
		l->layout = IND_LAYOUT_LONG;
	}
	/* a gender column filters only Sotkanet rows; elsewhere it is a dimension like any other */
	if (l->layout != IND_LAYOUT_SOTKANET && l->c_gender >= 0)
		taken[l->c_gender] = false, l->c_gender = -1;
	if ((l->layout == IND_LAYOUT_WIDE || l->layout == IND_LAYOUT_MEASURES) && l->c_abs >= 0)
		taken[l->c_abs] = false, l->c_abs = -1;
	if (l->layout == IND_LAYOUT_LONG && l->c_value < 0 && !o->no_header) {
		int left = -1, nleft = 0;	/* a single column left over is the value */
		for (size_t i = 0; i < l->h.ncols; i++)
			if (!taken[i] && !pinned[i])
				left = (int)i, nleft++;
		if (nleft == 1)
			l->c_value = left, taken[left] = true;
	}

	l->cells = calloc(l->h.ncols, sizeof *l->cells);
	l->cell_period = calloc(l->h.ncols, sizeof *l->cell_period);
	l->dims = calloc(l->h.ncols, sizeof *l->dims);
	if (!l->cells || !l->cell_period || !l->dims) {
		rc = ind_error_set(err, file, 0, "out of memory");
		goto out;
	}
	if (l->layout == IND_LAYOUT_WIDE) {
		for (size_t i = 0; i < l->h.ncols; i++)
			if (!taken[i] && header_period(l->h.name[i], &l->cell_period[l->ncells])) {
				l->cells[l->ncells++] = (int)i;
				taken[i] = true;
			}
	} else if (l->layout == IND_LAYOUT_MEASURES) {
		for (size_t i = 0; i < l->h.ncols; i++) {
			bool classifier = false;
			for (const char *const *w = dimension_words; *w && !classifier; w++)
				classifier = ind_header_eq(l->h.name[i], *w);
			if (taken[i] || pinned[i])
				continue;
			if (classifier)
				l->dims[l->ndims++] = (int)i;
			else
				l->cells[l->ncells++] = (int)i;
		}
		if (l->ncells == 0) {
			rc = no_column(l, taken, err, "no value column (expected e.g. 'arvo' or 'value'); name it with --value");
			goto out;
		}
	} else {
		if (l->c_value < 0) {
			rc = no_column(l, taken, err, "no value column (expected e.g. 'arvo' or 'value'); name it with --value");
			goto out;
		}
		if (!has_period) {
			rc = no_column(l, taken, err, "no period column (expected e.g. 'aika', 'vuosi' or 'period'); name it with --period");
			goto out;
		}
	}
	/*
	 * No region column: the file is about one population (a national table,
	 * a cube cut to one area), named "all" and said so on stderr. Not when
	 * the header looks like data: that is a header-less file.
	 */
	if (l->c_region < 0 && !o->region_name) {
		if (o->region || header_looks_like_data(l)) {
			rc = no_column(l, taken, err, "no region column (expected e.g. 'alue' or 'region'); name it with --region or give --region-name");
			goto out;
		}
		l->region_all = true;
		l->o.region_name = "all";
	}
	/* No indicator column: a file's name says what it holds; standard input has none. */
	if (l->c_indicator < 0 && !o->indicator_name && l->layout != IND_LAYOUT_MEASURES) {
		if (o->indicator || !(l->stem = file_stem(l->path))) {
			rc = no_column(l, taken, err, "no indicator column (expected e.g. 'indikaattori' or 'indicator'); name it with --indicator or give --indicator-name");
			goto out;
		}
		l->o.indicator_name = l->stem;
	}
	if (l->layout == IND_LAYOUT_MEASURES && !has_period) {
		rc = no_column(l, taken, err, "no period column (expected e.g. 'aika', 'vuosi' or 'period'); name it with --period");
		goto out;
	}
	/* Every other column is a dimension: no column is dropped without being named. */
	if (l->layout != IND_LAYOUT_MEASURES && l->ndims == 0)
		for (size_t i = 0; i < l->h.ncols; i++)
			if (!taken[i] && !pinned[i])
				l->dims[l->ndims++] = (int)i;
	l->columns = (l->c_num >= 0 ? IND_COL_NUMERATOR : 0) | (l->c_den >= 0 ? IND_COL_DENOMINATOR : 0) |
		     (l->c_unit >= 0 ? IND_COL_UNIT : 0) | (l->c_abs >= 0 ? IND_COL_ABSOLUTE : 0);
	/* PxWeb's "-" is "magnitude nil": zero, in its wide CSV and in PC-Axis files */
	l->dash = o->dash != IND_DASH_AUTO ? o->dash
		  : l->layout == IND_LAYOUT_WIDE || ind_reader_dialect(l->reader)->table ? IND_DASH_ZERO : IND_DASH_MISSING;
	/*
	 * The Sotkanet REST API and THL cubes (sampo.thl.fi fact_*.csv, the value
	 * column 'val') write '.' in their ';' files; known from the header, before any value.
	 */
	l->decimal = ind_reader_dialect(l->reader)->decimal;
	if (!o->reader.decimal && (l->layout == IND_LAYOUT_SOTKANET || thl_cube(l)))
		l->decimal = '.';
	rc = 0;
out:
	free(taken);
	free(pinned);
	return rc;
}

ind_loader *ind_loader_open(const char *path, const struct ind_load_opts *o, struct ind_error *err)
{
	ind_loader *l = calloc(1, sizeof *l);
	int rc;

	if (!l) {
		ind_error_set(err, path, 0, "out of memory");
		return NULL;
	}
	l->o = *o;
	l->path = path;
	l->reader = ind_reader_open(path, &o->reader, err);
	if (!l->reader)
		goto fail;
	rc = ind_reader_next(l->reader, &l->row, err);
	if (rc == IND_READ_EOF) {
		ind_error_set(err, ind_reader_name(l->reader), 0, "empty input: no header row");
		goto fail;
	}
	if (rc < 0)
		goto fail;
	l->hline = l->row.line;
	if (!ind_header_init(&l->h, &l->row, o->no_header)) {
		ind_error_set(err, ind_reader_name(l->reader), 0, "out of memory");
		goto fail;
	}
	if (map_columns(l, err) < 0)
		goto fail;
	/* without a header the first row is data: hand it out first */
	l->row_cells = 0;
	if (!l->peeked)
		l->expect = l->row.line + (o->no_header ? 0 : l->row.lines);
	if (o->no_header || l->peeked)
		l->next_cell = (size_t)-1;
	return l;
fail:
	ind_loader_close(l);
	return NULL;
}

/* ---- rows to records --------------------------------------------------- */

static int reject(ind_loader *l, struct ind_reject *rej, struct ind_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int reject(ind_loader *l, struct ind_reject *rej, struct ind_error *err, const char *fmt, ...)
{
	va_list ap;
	l->counts.rejected++;
	rej->line = l->row.line;
	rej->raw = l->row.raw;
	rej->raw_len = l->row.raw_len;
	va_start(ap, fmt);
	ind_error_vset(err, ind_reader_name(l->reader), l->row.line, fmt, ap);
	va_end(ap);
	return IND_READ_BAD;
}

static const char *const month_names[][12] = {
	{ "tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kes\xc3\xa4kuu", "hein\xc3\xa4kuu",
	  "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu" },
	{ "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	  "november", "december" },
};

/* The period of a row from separate year and month columns. */
static bool year_month(const char *y, size_t ny, const char *m, size_t nm, struct ind_period *p, const char **why)
{
	char name[32];
	int month = 0;
	if (!ind_period_parse(y, ny, p, why) || p->kind != IND_PERIOD_YEAR) {
		*why = "not a year";
		return false;
	}
	if (nm < sizeof name) {
		memcpy(name, m, nm);
		name[nm] = '\0';
		for (size_t lang = 0; lang < 2 && !month; lang++)
			for (int k = 0; k < 12; k++)
				if (ind_header_eq(name, month_names[lang][k]))
					month = k + 1;
		if (!month) {
			char *end;
			long v = strtol(name, &end, 10);
			if (*name && !*end)
				month = (int)v;
		}
	}
	if (month < 1 || month > 12) {
		*why = "month must be 1-12 or a month name";
		return false;
	}
	p->kind = IND_PERIOD_MONTH;
	p->sub = month;
	return true;
}

static bool in_range(const ind_loader *l, const struct ind_period *p)
{
	double t;
	if (!l->o.has_from && !l->o.has_to)
		return true;
	t = ind_period_time(p);
	return !(l->o.has_from && t < l->o.from) && !(l->o.has_to && t >= l->o.to);
}

static int bad_cell(ind_loader *l, int col, const struct ind_num *slot, struct ind_reject *rej, struct ind_error *err);

/* base followed by " (Dim: value; Dim: value)" into l->name, as *out; false when out of memory. */
static bool with_dimensions(ind_loader *l, const char *base, size_t base_len, const char **out, size_t *out_len)
{
	const struct ind_row *r = &l->row;
	size_t need = base_len + 4, len;
	for (size_t i = 0; i < l->ndims; i++)
		need += strlen(l->h.name[l->dims[i]]) + r->len[l->dims[i]] + 4;
	if (need > l->name_cap) {
		char *p = realloc(l->name, need);
		if (!p)
			return false;
		l->name = p;
		l->name_cap = need;
	}
	memcpy(l->name, base, base_len);
	len = base_len;
	for (size_t i = 0; i < l->ndims; i++) {
		const char *h = l->h.name[l->dims[i]];
		size_t hn = strlen(h), vn = r->len[l->dims[i]];
		memcpy(l->name + len, i ? "; " : " (", 2);
		len += 2;
		memcpy(l->name + len, h, hn);
		len += hn;
		memcpy(l->name + len, ": ", 2);
		len += 2;
		memcpy(l->name + len, r->field[l->dims[i]], vn);
		len += vn;
	}
	l->name[len++] = ')';
	*out = l->name;
	*out_len = len;
	return true;
}

static bool one_field(const struct ind_row *r)
{
	size_t nonempty = 0;
	for (size_t i = 0; i < r->nfields; i++)
		nonempty += r->len[i] > 0;
	return nonempty <= 1;
}

/* Check a fresh row and take what is common to its cells; IND_READ_ROW or a reject/skip. */
static int start_row(ind_loader *l, struct ind_reject *rej, struct ind_error *err)
{
	const struct ind_row *r = &l->row;
	const char *why;

	if (r->nfields != l->h.ncols)
		return reject(l, rej, err, "row has %zu fields where the header has %zu", r->nfields, l->h.ncols);
	if (l->layout == IND_LAYOUT_WIDE && one_field(r))	/* "Lähde: THL;;;;" under the data */
		return reject(l, rej, err, "a row with one field and no values (a note line?)");
	if (l->c_gender >= 0) {
		const char *keep = l->o.gender ? l->o.gender : "total";
		size_t n = r->len[l->c_gender];
		if (strlen(keep) != n || strncmp(r->field[l->c_gender], keep, n) != 0) {
			l->counts.other_gender++;
			return 0;
		}
	}
	l->region_plain = l->indicator_plain = false;
	if (l->o.region_name) {
		l->region = l->o.region_name;
		l->region_len = strlen(l->region);
	} else {
		l->region = r->field[l->c_region];
		l->region_len = r->len[l->c_region];
		l->region_plain = ind_row_field_plain(r, l->c_region);
		if (l->region_len == 0)
			return reject(l, rej, err, "empty region in column '%s'", l->h.name[l->c_region]);
		if (l->o.region_map) {	/* region_years: for each record */
			const char *name = ind_strmap_get(l->o.region_map, l->region, l->region_len);
			if (name) {
				l->region = name;
				l->region_len = strlen(name);
				l->region_plain = false;
			} else {
				l->counts.unmapped_regions++;
			}
		}
	}
	if (l->o.regions && !l->o.region_of && !l->o.region_years &&
	    !ind_strmap_get(l->o.regions, l->region, l->region_len)) {
		l->counts.filtered++;
		return 0;
	}
	if (l->o.indicator_name) {
		l->indicator = l->o.indicator_name;
		l->indicator_len = strlen(l->indicator);
	} else if (l->c_indicator >= 0) {
		l->indicator = r->field[l->c_indicator];
		l->indicator_len = r->len[l->c_indicator];
		l->indicator_plain = ind_row_field_plain(r, l->c_indicator);
		if (l->indicator_len == 0)
			return reject(l, rej, err, "empty indicator in column '%s'", l->h.name[l->c_indicator]);
		if (l->o.indicator_map) {
			const char *name = ind_strmap_get(l->o.indicator_map, l->indicator, l->indicator_len);
			if (name) {
				l->indicator = name;
				l->indicator_len = strlen(name);
				l->indicator_plain = false;
			} else {
				l->counts.unmapped_indicators++;
			}
		}
	}
	if (l->layout != IND_LAYOUT_MEASURES && l->o.indicators &&
	    !ind_strmap_get(l->o.indicators, l->indicator, l->indicator_len)) {
		l->counts.filtered++;
		return 0;
	}
	if (l->ndims > 0 && l->layout != IND_LAYOUT_MEASURES) {
		l->indicator_plain = false;
		if (!with_dimensions(l, l->indicator, l->indicator_len, &l->indicator, &l->indicator_len))
			return ind_error_set(err, ind_reader_name(l->reader), r->line, "out of memory"), IND_READ_FATAL;
	}
	if (l->layout != IND_LAYOUT_WIDE) {
		bool ok = l->c_year >= 0
			? year_month(r->field[l->c_year], r->len[l->c_year], r->field[l->c_month], r->len[l->c_month],
				     &l->row_period, &why)
			: ind_period_parse_column(r->field[l->c_period], r->len[l->c_period], &l->row_period, &why);
		if (l->c_period_alt >= 0) {	/* codes shown: the period from whichever of the two parses */
			struct ind_period other;
			const char *why2;
			int a = l->c_period, b = l->c_period_alt;
			bool ok2 = ind_period_parse_column(r->field[b], r->len[b], &other, &why2);
			if (ok && ok2 && (other.kind != l->row_period.kind ||
					  ind_period_time(&other) != ind_period_time(&l->row_period)))
				return reject(l, rej, err, "period: '%.*s' (column %d) and '%.*s' (column %d) differ",
					      (int)r->len[a], r->field[a], a + 1, (int)r->len[b], r->field[b], b + 1);
			if (!ok && ok2)
				l->row_period = other, ok = true;
		}
		if (!ok)
			return reject(l, rej, err, "period: %s", why);
		if (!in_range(l, &l->row_period)) {
			l->counts.filtered++;
			return 0;
		}
	}
	if (l->layout == IND_LAYOUT_MEASURES)	/* all or nothing: a row's measures share one series key */
		for (size_t k = 0; k < l->ncells; k++) {
			int c = l->cells[k];
			if (l->o.indicators && !ind_strmap_get(l->o.indicators, l->h.name[c], strlen(l->h.name[c])))
				continue;
			if (ind_num_parse(r->field[c], r->len[c], l->decimal, (enum ind_dash)l->dash, &l->value) ==
			    IND_NUM_BAD) {
				l->holdable = false;
				return bad_cell(l, c, &l->value, rej, err);
			}
		}
	for (size_t i = 0; i < l->o.nwhere; i++) {	/* after the checks: a bad row is rejected, not left out */
		const struct ind_where *w = &l->o.where[i];
		size_t n = r->len[l->where_col[i]];
		bool eq = strlen(w->value) == n && memcmp(r->field[l->where_col[i]], w->value, n) == 0;
		if (eq == w->negate) {
			l->counts.filtered++;
			return 0;
		}
	}
	l->next_cell = 0;
	l->row_cells = l->layout == IND_LAYOUT_WIDE || l->layout == IND_LAYOUT_MEASURES ? l->ncells : 1;
	return IND_READ_ROW;
}

/* Parse an optional numeric cell into slot; false when it is not a number (slot says why). */
static bool number_cell(ind_loader *l, int col, struct ind_num *slot, bool count_missing)
{
	enum ind_num_status st;
	if (col < 0) {
		slot->text[0] = '\0';
		slot->len = 0;
		return true;
	}
	st = ind_num_parse(l->row.field[col], l->row.len[col], l->decimal, (enum ind_dash)l->dash, slot);
	if (st == IND_NUM_BAD)
		return false;
	if (st == IND_NUM_MISSING && count_missing)
		l->counts.missing[slot->missing]++;
	return true;
}

/* Reject the row for its cell in column col, which slot refused. */
static int bad_cell(ind_loader *l, int col, const struct ind_num *slot, struct ind_reject *rej, struct ind_error *err)
{
	const struct ind_row *r = &l->row;
	const char *file = ind_reader_name(l->reader), *name = l->h.name[col];
	char cell[64];

	snprintf(cell, sizeof cell, "%.*s", (int)(r->len[col] < 40 ? r->len[col] : 40), r->field[col]);
	l->counts.rejected++;
	rej->line = r->line;
	rej->raw = r->raw;
	rej->raw_len = r->raw_len;
	if (slot->bad == IND_NUM_BAD_AMBIGUOUS)
		ind_error_set(err, file, r->line, "column '%s': ambiguous number '%s' (decimal mark is '%c')", name, cell,
			      l->decimal);
	else if (slot->bad == IND_NUM_BAD_WRONG_MARK)
		ind_error_set(err, file, r->line, "column '%s': number '%s' uses '%c' but the decimal mark is '%c'", name,
			      cell, l->decimal == ',' ? '.' : ',', l->decimal);
	else
		ind_error_set(err, file, r->line, "column '%s': %s: '%s'", name, slot->why, cell);
	return IND_READ_BAD;
}

static int cell_record(ind_loader *l, size_t k, struct ind_record *rec, struct ind_reject *rej, struct ind_error *err)
{
	const struct ind_row *r = &l->row;
	int vcol = l->layout == IND_LAYOUT_WIDE || l->layout == IND_LAYOUT_MEASURES ? l->cells[k] : l->c_value;
	const int cols[] = { vcol, l->c_num, l->c_den, l->c_abs };
	struct ind_num *const slots[] = { &l->value, &l->num, &l->den, &l->abs };

	rec->p = l->layout == IND_LAYOUT_WIDE ? l->cell_period[k] : l->row_period;
	if (l->layout == IND_LAYOUT_WIDE && !in_range(l, &rec->p)) {
		l->counts.filtered++;
		return 0;
	}
	if (l->layout == IND_LAYOUT_MEASURES) {
		rec->indicator = l->h.name[vcol];
		rec->indicator_len = strlen(rec->indicator);
		rec->indicator_plain = false;
		if (l->o.indicators && !ind_strmap_get(l->o.indicators, rec->indicator, rec->indicator_len)) {
			l->counts.filtered++;
			return 0;
		}
		if (l->ndims > 0 &&
		    !with_dimensions(l, rec->indicator, rec->indicator_len, &rec->indicator, &rec->indicator_len))
			return ind_error_set(err, ind_reader_name(l->reader), r->line, "out of memory"), IND_READ_FATAL;
	} else {
		rec->indicator = l->indicator;
		rec->indicator_len = l->indicator_len;
		rec->indicator_plain = l->indicator_plain;
	}
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		if (!number_cell(l, cols[i], slots[i], i == 0))
			return bad_cell(l, cols[i], slots[i], rej, err);
	rec->region = rec->label = l->region;
	rec->region_len = rec->label_len = l->region_len;
	rec->region_plain = l->region_plain;
	if (l->o.region_of) {	/* from here on the region may be a map's text: quoted if it must be */
		rec->region_plain = false;	/* the region of this record's own year */
		const char *why;
		if (!(rec->region = l->o.region_of(l->o.region_ctx, l->region, l->region_len, &rec->p, l->region_buf, &why)))
			return reject(l, rej, err, "region '%.*s': %s", (int)(l->region_len < 40 ? l->region_len : 40),
				      l->region, why);
		rec->region_len = strlen(rec->region);
		if (l->o.regions && !ind_strmap_get(l->o.regions, rec->region, rec->region_len)) {	/* after mapping */
			l->counts.filtered++;
			return 0;
		}
	} else if (l->o.region_years) {	/* the map's row of this year */
		char years[IND_LOAD_REGION_MAX];
		rec->region_plain = false;
		if (rec->p.kind == IND_PERIOD_NUMERIC)
			return reject(l, rej, err, "region '%.*s': a numeric period has no year to map by",
				      (int)(l->region_len < 40 ? l->region_len : 40), l->region);
		switch (ind_codemap_get(l->o.region_years, l->region, l->region_len, rec->p.year, &rec->region, &rec->region_len)) {
		case IND_MAP_FOUND: break;
		case IND_MAP_NO_CODE: l->counts.unmapped_regions++; break;
		case IND_MAP_NO_YEAR:
		default:
			return reject(l, rej, err, "region '%.*s' has no row in --region-map for %d (its rows: %s)",
				      (int)(l->region_len < 40 ? l->region_len : 40), l->region, rec->p.year,
				      ind_codemap_years(l->o.region_years, l->region, l->region_len, years, sizeof years));
		}
		if (l->o.regions && !ind_strmap_get(l->o.regions, rec->region, rec->region_len)) {	/* after mapping */
			l->counts.filtered++;
			return 0;
		}
	}
	rec->period_len = ind_period_text(&rec->p, rec->period);
	rec->value = &l->value;
	rec->numerator = &l->num;
	rec->denominator = &l->den;
	rec->absolute = &l->abs;
	if (l->c_unit >= 0) {
		rec->unit = r->field[l->c_unit];
		rec->unit_len = r->len[l->c_unit];
		rec->unit_plain = ind_row_field_plain(r, l->c_unit);
	} else {
		rec->unit = "";
		rec->unit_len = 0;
		rec->unit_plain = true;
	}
	rec->line = r->line;
	l->counts.records++;
	l->counts.period_kinds |= 1u << rec->p.kind;
	return IND_READ_ROW;
}

static bool grow_held(struct ind_trailer *t)
{
	size_t cap = t->cap ? 2 * t->cap : 8;
	struct ind_held *p = realloc(t->items, cap * sizeof *p);
	if (!p)
		return false;
	t->items = p;
	t->cap = cap;
	return true;
}

static void hand_out(ind_loader *l, const struct ind_held *h, struct ind_reject *rej, struct ind_error *err)
{
	*err = h->why;
	rej->line = h->why.line;
	rej->raw = h->raw;
	rej->raw_len = h->raw_len;
	l->counts.rejected++;
}

/*
 * Hold the row start_row has just rejected (err says why) as a possible
 * footnote. 0 when held; IND_READ_BAD when the oldest held row had to go
 * out as a reject to make room; IND_READ_FATAL when out of memory.
 */
static int hold(ind_loader *l, bool after_blank, struct ind_reject *rej, struct ind_error *err)
{
	const struct ind_row *r = &l->row;
	struct ind_held h;
	size_t nonempty = 0, nf = r->nfields, text_len = 0;
	bool full = l->held.n == IND_HELD_MAX;
	char *t;

	for (size_t i = 0; i < nf; i++)
		nonempty += r->len[i] > 0;
	while (nf > 0 && r->len[nf - 1] == 0)	/* "Lähde: THL;;;" shows as "Lähde: THL" */
		nf--;
	for (size_t i = 0; i < nf; i++)
		text_len += r->len[i] + 1;
	h.why = *err;
	h.raw_len = r->raw_len;
	h.one_field = nonempty <= 1;
	h.after_blank = after_blank;
	h.raw = malloc(h.raw_len + text_len + 1);	/* the raw bytes, then the text */
	if (!h.raw || (!full && l->held.n == l->held.cap && !grow_held(&l->held))) {
		free(h.raw);
		return ind_error_set(err, ind_reader_name(l->reader), r->line, "out of memory"), IND_READ_FATAL;
	}
	if (h.raw_len)
		memcpy(h.raw, r->raw, h.raw_len);
	h.text = t = h.raw + h.raw_len;
	for (size_t i = 0; i < nf; i++) {
		if (i)
			*t++ = ind_reader_dialect(l->reader)->delimiter;
		if (r->len[i])
			memcpy(t, r->field[i], r->len[i]);
		t += r->len[i];
	}
	h.text_len = (size_t)(t - h.text);
	if (full) {	/* too many for footnotes: the oldest is a reject after all */
		l->spill = l->held.items[0];
		memmove(l->held.items, l->held.items + 1, (l->held.n - 1) * sizeof *l->held.items);
		l->held.items[l->held.n - 1] = h;
		l->emitted = true;
		hand_out(l, &l->spill, rej, err);
		return IND_READ_BAD;
	}
	l->held.items[l->held.n++] = h;
	return 0;
}

int ind_loader_next(ind_loader *l, struct ind_record *rec, struct ind_reject *rej, struct ind_error *err)
{
	free(l->spill.raw);	/* handed out by the last call */
	l->spill.raw = NULL;
	for (;;) {
		int rc;
		bool gap;
		if (l->releasing) {	/* a usable row came after held rows: they are rejects */
			if (l->releasing <= l->held.n) {
				hand_out(l, &l->held.items[l->releasing++ - 1], rej, err);
				return IND_READ_BAD;
			}
			held_clear(&l->held);
			l->releasing = 0;
		}
		if (l->bad_waiting) {
			l->bad_waiting = false;
			*err = l->bad_err;
			*rej = l->bad_rej;
			l->counts.rejected++;
			return IND_READ_BAD;
		}
		if (l->next_cell < l->row_cells) {
			rc = cell_record(l, l->next_cell++, rec, rej, err);
			if (rc != 0)
				return rc;
			continue;
		}
		if (l->next_cell == (size_t)-1) {
			l->next_cell = 0;	/* the header-less first row is already in l->row */
			rc = IND_READ_ROW;
		} else if (l->pending_only) {
			return IND_READ_EOF;
		} else {
			rc = ind_reader_next(l->reader, &l->row, err);
			if (rc == IND_READ_EOF || rc == IND_READ_FATAL)
				return rc;
		}
		gap = l->row.line > l->expect;	/* the reader skips empty lines */
		l->expect = l->row.line + l->row.lines;
		l->counts.rows_read++;
		if (rc == IND_READ_BAD) {
			l->emitted = true;
			rej->line = l->row.line;
			rej->raw = l->row.raw;
			rej->raw_len = l->row.raw_len;
			if (l->held.n == 0) {
				l->counts.rejected++;
				return rc;
			}
			l->bad_waiting = true;	/* after the held rows; the reader's row stays valid until then */
			l->bad_err = *err;
			l->bad_rej = *rej;
			l->releasing = 1;
			continue;
		}
		l->holdable = true;
		rc = start_row(l, rej, err);
		if (rc == IND_READ_BAD && l->holdable) {
			l->counts.rejected--;	/* not yet: it may be a footnote */
			rc = hold(l, gap, rej, err);
			if (rc != 0)
				return rc;
			continue;
		}
		if (rc == IND_READ_BAD) {	/* a data row with a bad cell: after any held rows */
			l->emitted = true;
			if (l->held.n == 0)
				return rc;
			l->counts.rejected--;
			l->bad_waiting = true;
			l->bad_err = *err;
			l->bad_rej = *rej;
			l->releasing = 1;
			continue;
		}
		if (rc == IND_READ_FATAL)
			return rc;
		l->emitted = true;
		if (l->held.n > 0)
			l->releasing = 1;
	}
}

/* Move t's first k held rows to rejects, in order. */
static void release(struct ind_trailer *t, size_t k, struct ind_reject_list *rejects)
{
	if (k == 0)
		return;
	for (size_t i = 0; i < k; i++) {
		ind_reject_list_add(rejects, &t->items[i].why, t->items[i].raw, t->items[i].raw_len);
		free(t->items[i].raw);
	}
	memmove(t->items, t->items + k, (t->n - k) * sizeof *t->items);
	t->n -= k;
}

void ind_trailer_join(struct ind_trailer *t, struct ind_trailer *block, struct ind_reject_list *rejects)
{
	if (!block->whole)
		release(t, t->n, rejects);
	else if (block->n > 0 && t->ends_blank)
		block->items[0].after_blank = true;	/* the empty line ended the block before */
	while (t->n + block->n > t->cap)
		if (!grow_held(t))
			ind_die(IND_EXIT_DATA, "out of memory");
	if (block->n)
		memcpy(t->items + t->n, block->items, block->n * sizeof *block->items);
	t->n += block->n;
	if (t->n > IND_HELD_MAX)
		release(t, t->n - IND_HELD_MAX, rejects);
	t->ends_blank = block->n > 0 || !block->whole ? block->ends_blank : t->ends_blank || block->ends_blank;
	free(block->items);
	memset(block, 0, sizeof *block);
}

void ind_trailer_settle(struct ind_trailer *t, struct ind_reject_list *rejects)
{
	bool blank = false;
	size_t k = 0;
	for (size_t i = 0; i < t->n; i++) {
		blank |= t->items[i].after_blank;
		if (t->items[i].one_field || blank) {
			t->items[k++] = t->items[i];
		} else {
			ind_reject_list_add(rejects, &t->items[i].why, t->items[i].raw, t->items[i].raw_len);
			free(t->items[i].raw);
		}
	}
	t->n = k;
}
