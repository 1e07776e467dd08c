/* sumto.c - canonical records summed into the cells of a coarser region, exactly. See LICENSE. */
#include "sumto.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "num.h"
#include "regions.h"

#define NSCALES 6	/* value = 10^k * numerator / denominator, k = 0..5 */
#define NONE LLONG_MAX	/* no such row */

/* A row's place in the input: the input's number, then its line. */
typedef long long pos_t;

static pos_t pos_of(int file, long line) { return ((pos_t)file << 40) | (pos_t)line; }
static int pos_file(pos_t p) { return (int)(p >> 40); }
static long pos_line(pos_t p) { return (long)(p & (((pos_t)1 << 40) - 1)); }
static pos_t pos_min(pos_t a, pos_t b) { return a < b ? a : b; }

struct cell {
	char *key;		/* region \0 indicator \0 period \0 unit \0 */
	size_t klen, rlen, ilen, plen, ulen;
	uint64_t hash;
	ind_fixed val, num, den, abs;
	bool miss_val, miss_num, miss_den, miss_abs;
	pos_t first;			/* the first row */
	pos_t first_ratio, first_count;	/* the first row with numerator and denominator, and without */
	pos_t excl[NSCALES];		/* the first row whose value rules out the scale 10^k */
	pos_t overflow;			/* a sum out of range: the cell's first row */
	/* the regions summed (ind_region_label_key), and those summed more than once */
	unsigned short *keys;	/* a cell holds a few dozen regions at most */
	unsigned short nkeys, capkeys;
	int twice;		/* the smallest key summed more than once, or -1 */
};

/* Add key to c's regions (or note it as twice); false when out of memory. */
static bool add_key(struct cell *c, int key)
{
	for (unsigned i = 0; i < c->nkeys; i++)
		if (c->keys[i] == key) {
			if (c->twice < 0 || key < c->twice)
				c->twice = key;
			return true;
		}
	if (c->nkeys == c->capkeys) {
		unsigned cap = c->capkeys ? 2u * c->capkeys : 8;
		unsigned short *p;
		if (cap > IND_REGION_KEYS)
			cap = IND_REGION_KEYS;
		if (cap <= c->nkeys || !(p = realloc(c->keys, cap * sizeof *p)))
			return false;
		c->keys = p;
		c->capkeys = (unsigned short)cap;
	}
	c->keys[c->nkeys++] = (unsigned short)key;
	return true;
}

struct ind_sum {
	struct cell *cells;
	size_t n, cap;
	uint32_t *slot;		/* index + 1, 0 empty */
	size_t nslots;
};

ind_sum *ind_sum_new(void) { return calloc(1, sizeof(ind_sum)); }

void ind_sum_free(ind_sum *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->cells[i].key);
		free(s->cells[i].keys);
	}
	free(s->cells);
	free(s->slot);
	free(s);
}

size_t ind_sum_count(const ind_sum *s) { return s->n; }

static uint64_t hash_of(const char *k, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ULL;
	return h;
}

static bool grow_slots(ind_sum *s)
{
	size_t n = s->nslots ? 2 * s->nslots : 1024;
	uint32_t *t;
	if (n > UINT32_MAX || !(t = calloc(n, sizeof *t)))
		return false;
	for (size_t i = 0; i < s->n; i++) {
		size_t j = (size_t)(s->cells[i].hash & (n - 1));
		while (t[j])
			j = (j + 1) & (n - 1);
		t[j] = (uint32_t)(i + 1);
	}
	free(s->slot);
	s->slot = t;
	s->nslots = n;
	return true;
}

/* The cell of key, made (key copied, or taken when steal) when new; NULL when out of memory. */
static struct cell *cell_of(ind_sum *s, char *key, size_t klen, uint64_t h, bool steal, bool *made)
{
	size_t j;
	struct cell *c;

	*made = false;
	if ((s->n + 1) * 2 > s->nslots && !grow_slots(s))
		return NULL;
	for (j = (size_t)(h & (s->nslots - 1)); s->slot[j]; j = (j + 1) & (s->nslots - 1)) {
		c = &s->cells[s->slot[j] - 1];
		if (c->hash == h && c->klen == klen && memcmp(c->key, key, klen) == 0)
			return c;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		struct cell *p = realloc(s->cells, cap * sizeof *p);
		if (!p)
			return NULL;
		s->cells = p;
		s->cap = cap;
	}
	c = &s->cells[s->n];
	memset(c, 0, sizeof *c);
	if (steal) {
		c->key = key;
	} else {
		if (!(c->key = malloc(klen)))
			return NULL;
		memcpy(c->key, key, klen);
	}
	c->klen = klen;
	c->hash = h;
	c->first = c->first_ratio = c->first_count = c->overflow = NONE;
	c->twice = -1;
	for (int k = 0; k < NSCALES; k++)
		c->excl[k] = NONE;
	s->slot[j] = (uint32_t)(s->n + 1);
	s->n++;
	*made = true;
	return c;
}

bool ind_sum_count_unit(const char *u, size_t n)
{
	static const char *const words[] = { "lkm", "kpl", "henkilöä", "hlöä", "hlö", "count", "number", "persons", "n" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t w = strlen(words[i]), k;
		if (w != n)
			continue;
		for (k = 0; k < n && tolower((unsigned char)u[k]) == (unsigned char)words[i][k]; k++)
			;
		if (k == n)
			return true;
	}
	return false;
}

static bool has(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = 0; i + w <= n; i++)
		if (memcmp(s + i, word, w) == 0)
			return true;
	return false;
}

/* '%', '‰', 'per 1000', '/ 1 000 asukasta', 'per cent', 'percent', 'prosenttia', 'promille' */
static bool rate_unit(const char *u, size_t n)
{
	char low[64];
	size_t m = n < sizeof low ? n : sizeof low;
	for (size_t i = 0; i < m; i++)
		low[i] = (char)tolower((unsigned char)u[i]);
	return has(u, n, "%") || has(u, n, "‰") || has(u, n, "/") || has(u, n, "1000") || has(u, n, "1 000") ||
	       (m >= 3 && memcmp(low, "per", 3) == 0 && (m == 3 || low[3] == ' ' || has(low, m, "percent"))) ||
	       has(low, m, " per ") || has(low, m, "prosent") || has(low, m, "promille");
}

/* A number of the stream as a fixed-point value; why when it cannot be summed exactly. */
static bool fixed_of(const struct ind_num *v, ind_fixed *out, const char **why)
{
	const char *dot = strchr(v->text, '.');
	if (!strchr(v->text, 'e') && !strchr(v->text, 'E') && dot && strlen(dot + 1) > 9)
		return *why = "more than 9 decimals cannot be summed exactly", false;
	if (!ind_fixed_from_text(v->text, out))
		return *why = "too large to sum", false;
	return true;
}

/* Half a unit of the value's last decimal: how far a rounded value may lie from the ratio it shows. */
static double rounding_of(const struct ind_num *v)
{
	const char *dot = strchr(v->text, '.');
	int d = 0;
	if (strchr(v->text, 'e') || strchr(v->text, 'E'))
		return fabs(v->value) * 1e-12;
	if (dot)
		d = (int)strlen(dot + 1);
	return 0.5 * pow(10, -d) * (1 + 1e-9) + fabs(v->value) * 1e-12;
}

static void add_fixed(ind_fixed *acc, ind_fixed v, struct cell *c, pos_t p)
{
	if (!ind_fixed_add(acc, v))
		c->overflow = pos_min(c->overflow, p);
}

int ind_sum_add(ind_sum *s, const struct ind_record *r, int region_key, unsigned cols, bool counts, int file,
		const char *fname, struct ind_error *err)
{
	size_t klen = r->region_len + r->indicator_len + r->period_len + r->unit_len + 4;
	bool ratio = (cols & IND_COL_NUMERATOR) && (cols & IND_COL_DENOMINATOR), made;
	pos_t p = pos_of(file, r->line);
	ind_fixed val = 0, num = 0, den = 0, abs = 0;
	unsigned excluded = 0;
	const char *why;
	struct cell *c;
	char *key, *k;

	if ((cols & (IND_COL_NUMERATOR | IND_COL_DENOMINATOR)) && !ratio)
		return ind_error_set(err, fname, r->line, "a %s column without a %s column: cannot be summed",
				     cols & IND_COL_NUMERATOR ? "numerator" : "denominator",
				     cols & IND_COL_NUMERATOR ? "denominator" : "numerator");
	if (!ratio) {
		const char *u = r->unit;
		size_t n = r->unit_len;
		if (!ind_sum_count_unit(u, n) && rate_unit(u, n))
			return ind_error_set(err, fname, r->line,
					     "'%.*s' in '%.*s' is a rate or share: it cannot be summed without numerator and denominator",
					     (int)(r->indicator_len < 60 ? r->indicator_len : 60), r->indicator, (int)(n < 20 ? n : 20), u);
		if (!counts && !ind_sum_count_unit(u, n))
			return ind_error_set(err, fname, r->line,
					     "'%.*s' has no numerator and denominator%s%.*s%s: a rate or share cannot be summed "
					     "(--sum-values if its values are counts)",
					     (int)(r->indicator_len < 60 ? r->indicator_len : 60), r->indicator,
					     n ? " and its unit '" : "", (int)(n < 20 ? n : 20), u, n ? "' is no count" : "");
	}
	if (r->value->len && !fixed_of(r->value, &val, &why))
		return ind_error_set(err, fname, r->line, "value '%s': %s", r->value->text, why);
	if (ratio && r->numerator->len && !fixed_of(r->numerator, &num, &why))
		return ind_error_set(err, fname, r->line, "numerator '%s': %s", r->numerator->text, why);
	if (ratio && r->denominator->len && !fixed_of(r->denominator, &den, &why))
		return ind_error_set(err, fname, r->line, "denominator '%s': %s", r->denominator->text, why);
	if ((cols & IND_COL_ABSOLUTE) && r->absolute->len && !fixed_of(r->absolute, &abs, &why))
		return ind_error_set(err, fname, r->line, "absolute value '%s': %s", r->absolute->text, why);
	if (ratio && r->value->len && r->numerator->len && r->denominator->len && r->denominator->value != 0) {
		double q = r->numerator->value / r->denominator->value, tol = rounding_of(r->value), scale = 1;
		for (int i = 0; i < NSCALES; i++, scale *= 10)
			if (!(fabs(r->value->value - scale * q) <= tol))
				excluded |= 1u << i;
		if (excluded == (1u << NSCALES) - 1)
			return ind_error_set(err, fname, r->line,
					     "value %s is not numerator / denominator (%s / %s) times 1, 10, 100, 1000, 10000 "
					     "or 100000: cannot be summed",
					     r->value->text, r->numerator->text, r->denominator->text);
	}

	if (!(key = malloc(klen)))
		return ind_error_set(err, fname, r->line, "out of memory");
	k = key;
	memcpy(k, r->region, r->region_len), k += r->region_len, *k++ = '\0';
	memcpy(k, r->indicator, r->indicator_len), k += r->indicator_len, *k++ = '\0';
	memcpy(k, r->period, r->period_len), k += r->period_len, *k++ = '\0';
	memcpy(k, r->unit, r->unit_len), k += r->unit_len, *k++ = '\0';
	c = cell_of(s, key, klen, hash_of(key, klen), true, &made);
	if (!c) {
		free(key);
		return ind_error_set(err, fname, r->line, "out of memory");
	}
	if (!made) {
		free(key);
	} else {
		c->rlen = r->region_len;
		c->ilen = r->indicator_len;
		c->plen = r->period_len;
		c->ulen = r->unit_len;
	}
	c->first = pos_min(c->first, p);
	if (region_key >= 0 && region_key < IND_REGION_KEYS && !add_key(c, region_key))
		return ind_error_set(err, fname, r->line, "out of memory");
	if (ratio)
		c->first_ratio = pos_min(c->first_ratio, p);
	else
		c->first_count = pos_min(c->first_count, p);
	for (int i = 0; i < NSCALES; i++)
		if (excluded & (1u << i))
			c->excl[i] = pos_min(c->excl[i], p);
	c->miss_val |= !r->value->len;
	if (ratio) {
		c->miss_num |= !r->numerator->len;
		c->miss_den |= !r->denominator->len;
	}
	c->miss_abs |= !(cols & IND_COL_ABSOLUTE) || !r->absolute->len;
	add_fixed(&c->val, val, c, c->first);
	add_fixed(&c->num, num, c, c->first);
	add_fixed(&c->den, den, c, c->first);
	add_fixed(&c->abs, abs, c, c->first);
	return 0;
}

int ind_sum_merge(ind_sum *into, ind_sum *from)
{
	int rc = 0;
	for (size_t i = 0; i < from->n; i++) {
		struct cell *f = &from->cells[i], *c;
		bool made;
		if (rc < 0 || !(c = cell_of(into, f->key, f->klen, f->hash, true, &made))) {
			free(f->key);
			free(f->keys);
			rc = -1;
			continue;
		}
		if (made) {
			char *key = c->key;
			*c = *f;
			c->key = key;
			continue;
		}
		free(f->key);
		c->first = pos_min(c->first, f->first);
		c->first_ratio = pos_min(c->first_ratio, f->first_ratio);
		c->first_count = pos_min(c->first_count, f->first_count);
		for (int k = 0; k < NSCALES; k++)
			c->excl[k] = pos_min(c->excl[k], f->excl[k]);
		c->overflow = pos_min(c->overflow, f->overflow);
		c->miss_val |= f->miss_val;
		c->miss_num |= f->miss_num;
		c->miss_den |= f->miss_den;
		c->miss_abs |= f->miss_abs;
		if (f->twice >= 0 && (c->twice < 0 || f->twice < c->twice))
			c->twice = f->twice;
		for (unsigned k = 0; k < f->nkeys && rc == 0; k++)
			if (!add_key(c, f->keys[k]))
				rc = -1;
		free(f->keys);
		add_fixed(&c->val, f->val, c, c->first);
		add_fixed(&c->num, f->num, c, c->first);
		add_fixed(&c->den, f->den, c, c->first);
		add_fixed(&c->abs, f->abs, c, c->first);
	}
	from->n = 0;
	free(from->slot);
	from->slot = NULL;
	from->nslots = 0;
	return rc;
}

/* "Pohjois-Savo, deaths, 2021" */
static void cell_name(const struct cell *c, char *buf, size_t size)
{
	const char *ind = c->key + c->rlen + 1, *per = ind + c->ilen + 1;
	snprintf(buf, size, "%.*s, %.*s, %.*s", (int)(c->rlen < 60 ? c->rlen : 60), c->key,
		 (int)(c->ilen < 80 ? c->ilen : 80), ind, (int)c->plen, per);
}

int ind_sum_check(const ind_sum *s, const char *const *names, struct ind_error *err)
{
	pos_t worst = NONE;
	const struct cell *bad = NULL;
	int why = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct cell *c = &s->cells[i];
		pos_t all = 0;
		if (c->first_ratio != NONE && c->first_count != NONE) {
			pos_t p = c->first_ratio > c->first_count ? c->first_ratio : c->first_count;
			if (p < worst)
				worst = p, bad = c, why = 1;
		}
		for (int k = 0; k < NSCALES; k++)
			all = c->excl[k] > all ? c->excl[k] : all;
		if (c->first_count == NONE && all != NONE && all < worst)
			worst = all, bad = c, why = 2;
		if (c->overflow < worst)
			worst = c->overflow, bad = c, why = 3;
		if (c->twice >= 0 && c->first < worst)
			worst = c->first, bad = c, why = 4;
	}
	if (bad) {
		char name[256], other[64] = "";
		pos_t o = why == 1 ? (bad->first_ratio < bad->first_count ? bad->first_ratio : bad->first_count) : NONE;
		cell_name(bad, name, sizeof name);
		if (o != NONE)
			snprintf(other, sizeof other, "%.40s:%ld", names[pos_file(o)], pos_line(o));
		if (why == 1)
			return ind_error_set(err, names[pos_file(worst)], pos_line(worst),
					     bad->first_count == worst ? "%s: no numerator and denominator, where %s has them: cannot be summed"
								       : "%s: numerator and denominator, where %s has none: cannot be summed",
					     name, other);
		if (why == 2)
			return ind_error_set(err, names[pos_file(worst)], pos_line(worst),
					     "%s: no one scale (1, 10, ..., 100000) makes every value numerator / denominator "
					     "times it: cannot be summed", name);
		if (why == 3)
			return ind_error_set(err, names[pos_file(worst)], pos_line(worst), "%s: the sum is out of range", name);
		{
			int key = bad->twice;
			char what[32];
			if (key < 1000)
				snprintf(what, sizeof what, "municipality %03d", key);
			else if (key < 1100)
				snprintf(what, sizeof what, "maakunta MK%02d", key - 1000);
			else if (key < 1200)
				snprintf(what, sizeof what, "county HV%02d", key - 1100);
			else
				snprintf(what, sizeof what, "the whole country (SSS)");
			return ind_error_set(err, names[pos_file(worst)], pos_line(worst),
					     "the cell %s, which this row starts, has %s twice (a row repeated, or a file given "
					     "twice?): cannot be summed", name, what);
		}
	}
	return 0;
}

static void put_fixed(struct ind_line *ln, ind_fixed v, bool missing)
{
	char buf[64];
	if (missing)
		ind_line_plain(ln, "", 0);
	else
		ind_line_str(ln, ind_fixed_format(v, buf));
}

bool ind_sum_line(const ind_sum *s, size_t i, unsigned cols, struct ind_line *ln)
{
	const struct cell *c = &s->cells[i];
	const char *ind = c->key + c->rlen + 1, *per = ind + c->ilen + 1, *unit = per + c->plen + 1;
	static const long pow10[NSCALES] = { 1, 10, 100, 1000, 10000, 100000 };
	bool ratio = c->first_ratio != NONE, empty;

	ind_line_field(ln, c->key, c->rlen);
	ind_line_field(ln, ind, c->ilen);
	ind_line_plain(ln, per, c->plen);
	if (ratio) {
		int scale = -1;
		for (int k = 0; k < NSCALES; k++)
			if (c->excl[k] == NONE)
				scale = scale < 0 ? k : NSCALES;	/* NSCALES: more than one */
		empty = c->miss_num || c->miss_den || c->den == 0 || (c->num != 0 && (scale < 0 || scale == NSCALES));
		if (empty)
			ind_line_plain(ln, "", 0);
		else if (c->num == 0)
			ind_line_str(ln, "0");
		else
		{	/* one rounding for the product (exact when it fits), one for the quotient */
			ind_fixed lim = (ind_fixed)1000000000000000000 * 1000000000000;
			double top = c->num < lim && c->num > -lim ? (double)(c->num * pow10[scale])
								  : (double)c->num * (double)pow10[scale];
			ind_line_double(ln, top / (double)c->den);
		}
	} else {
		empty = c->miss_val;
		put_fixed(ln, c->val, c->miss_val);
	}
	if (cols & (IND_COL_NUMERATOR | IND_COL_DENOMINATOR)) {
		put_fixed(ln, c->num, !ratio || c->miss_num);
		put_fixed(ln, c->den, !ratio || c->miss_den);
	}
	if (cols & IND_COL_UNIT)
		ind_line_field(ln, unit, c->ulen);
	if (cols & IND_COL_ABSOLUTE)
		put_fixed(ln, c->abs, c->miss_abs);
	ind_line_newline(ln);
	return empty;
}
