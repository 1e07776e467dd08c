/* agg.c - exact, mergeable group aggregates. See LICENSE. */
#include "agg.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "hashtab.h"
#include "num.h"
#include "reader.h"
#include "strmap.h"
#include "writer.h"

static bool copy(char *dst, const char *s, size_t n)
{
	if (n >= IND_NAME_MAX)
		return false;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return true;
}

bool ind_measure_parse(const char *arg, struct ind_measure *m, const char **why)
{
	const char *eq = strchr(arg, '='), *spec, *colon, *sep;
	memset(m, 0, sizeof *m);
	m->c1 = m->c2 = -1;
	if (!eq || eq == arg || !copy(m->name, arg, (size_t)(eq - arg)))
		return *why = "expected NAME=SPEC", false;
	if (m->name[0] == '@')
		return *why = "a name starting with '@' (partial files keep those for settings)", false;
	spec = eq + 1;
	snprintf(m->spec, sizeof m->spec, "%s", spec);
	if (strcmp(spec, "count") == 0) {
		m->kind = IND_M_COUNT;
		return true;
	}
	colon = strchr(spec, ':');
	if (!colon || !colon[1])
		return *why = "unknown measure (use count, share:COL=VALUE, wait:FROM,TO, sum:COL, mean:COL or quantile:COL)", false;
	if (strncmp(spec, "share:", 6) == 0) {
		sep = strchr(colon + 1, '=');
		if (!sep || sep == colon + 1 || !copy(m->col1, colon + 1, (size_t)(sep - colon - 1)) ||
		    !copy(m->value, sep + 1, strlen(sep + 1)))
			return *why = "share needs COL=VALUE", false;
		m->kind = IND_M_SHARE;
	} else if (strncmp(spec, "wait:", 5) == 0) {
		sep = strchr(colon + 1, ',');
		if (!sep || sep == colon + 1 || !sep[1] || !copy(m->col1, colon + 1, (size_t)(sep - colon - 1)) ||
		    !copy(m->col2, sep + 1, strlen(sep + 1)))
			return *why = "wait needs FROM_COL,TO_COL", false;
		m->kind = IND_M_WAIT;
	} else if (strncmp(spec, "sum:", 4) == 0 || strncmp(spec, "mean:", 5) == 0 || strncmp(spec, "quantile:", 9) == 0) {
		if (!copy(m->col1, colon + 1, strlen(colon + 1)))
			return *why = "column name too long", false;
		m->kind = spec[0] == 's' ? IND_M_SUM : spec[0] == 'm' ? IND_M_MEAN : IND_M_QUANTILE;
	} else {
		return *why = "unknown measure (use count, share:COL=VALUE, wait:FROM,TO, sum:COL, mean:COL or quantile:COL)", false;
	}
	return true;
}

bool ind_fixed_from_text(const char *text, ind_fixed *out)
{
	const char *p = text;
	bool neg = *p == '-';
	ind_fixed ip = 0, fp = 0;
	int fd = 0;

	if (strchr(text, 'e')) {	/* rare: go through the double */
		double v = strtod(text, NULL);
		if (!(fabs(v) < 9e18))
			return false;
		*out = (ind_fixed)llround(v * IND_FIXED_SCALE);
		return true;
	}
	if (neg)
		p++;
	for (; *p >= '0' && *p <= '9'; p++) {
		ip = ip * 10 + (*p - '0');
		if (ip > (ind_fixed)1e27)
			return false;
	}
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (fd < 9)
				fp = fp * 10 + (*p - '0'), fd++;
			else if (fd == 9 && *p >= '5')
				fp++, fd++;	/* round the tenth decimal */
			else
				fd++;
		}
	for (int k = fd < 9 ? fd : 9; k < 9; k++)
		fp *= 10;
	*out = ip * IND_FIXED_SCALE + fp;
	if (neg)
		*out = -*out;
	return true;
}

const char *ind_fixed_format(ind_fixed v, char buf[64])
{
	char tmp[64];
	int n = 0, i = 0;
	bool neg = v < 0;
	__extension__ unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
	__extension__ unsigned __int128 ip = u / IND_FIXED_SCALE;
	unsigned long frac = (unsigned long)(u % IND_FIXED_SCALE);

	do
		tmp[n++] = (char)('0' + (int)(ip % 10)), ip /= 10;
	while (ip);
	if (neg)
		buf[i++] = '-';
	while (n)
		buf[i++] = tmp[--n];
	if (frac) {
		char f[10];
		int len = 9;
		snprintf(f, sizeof f, "%09lu", frac);
		while (len > 0 && f[len - 1] == '0')
			len--;
		buf[i++] = '.';
		memcpy(buf + i, f, (size_t)len);
		i += len;
	}
	buf[i] = '\0';
	return buf;
}

/* ---- the table of groups ------------------------------------------------ */

struct ind_agg {
	struct ind_measure *ms;
	size_t nm;
	struct ind_group *groups;
	size_t ngroups, cap;
	struct ind_hashtab index;	/* of groups by (region, period) */
	size_t last;	/* the previous lookup, index + 1: rows of a group often come together */
	struct ind_agg_setting *set;
	size_t nset, setcap;
	char **shards;
	size_t nshards, shardcap;
	ind_strmap *shard_set;	/* identity -> the partial file it came from ("" for none) */
	char *origin;		/* the first partial file read into it */
	int kind;		/* read from partial files: the kind of their periods; -1 none yet */
	struct ind_agg_row *table;
	size_t ntable, tabcap;
};

ind_agg *ind_agg_new(const struct ind_measure *ms, size_t nm)
{
	ind_agg *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->ms = malloc((nm ? nm : 1) * sizeof *a->ms);
	if (!ind_hashtab_init(&a->index, 256) || !a->ms) {
		ind_agg_free(a);
		return NULL;
	}
	if (nm)
		memcpy(a->ms, ms, nm * sizeof *ms);
	a->nm = nm;
	a->kind = -1;
	return a;
}

void ind_agg_free(ind_agg *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->ngroups; i++) {
		for (size_t k = 0; k < a->nm; k++)
			free(a->groups[i].m[k].hist), free(a->groups[i].m[k].vals);
		free(a->groups[i].m);
		free(a->groups[i].region);
	}
	free(a->groups);
	ind_hashtab_free(&a->index);
	free(a->ms);
	for (size_t i = 0; i < a->nset; i++)
		free(a->set[i].key), free(a->set[i].value);
	free(a->set);
	for (size_t i = 0; i < a->nshards; i++)
		free(a->shards[i]);
	free(a->shards);
	ind_strmap_free(a->shard_set);
	free(a->origin);
	for (size_t i = 0; i < a->ntable; i++)
		free(a->table[i].region), free(a->table[i].period), free(a->table[i].value);
	free(a->table);
	free(a);
}

static uint64_t group_hash(const char *r, size_t n, const struct ind_period *p)
{
	uint64_t h = ind_hash_bytes(IND_HASH_SEED, r, n);
	h = ind_hash_word(h, (uint64_t)p->kind);
	h = ind_hash_word(h, (uint64_t)(unsigned)p->year);
	h = ind_hash_word(h, (uint64_t)(unsigned)p->sub);
	return ind_hash_word(h, (uint64_t)(unsigned)p->day);
}

static inline bool same(const struct ind_group *g, const char *r, size_t n, const struct ind_period *p)
{
	return g->period.kind == p->kind && g->period.year == p->year && g->period.sub == p->sub &&
	       g->period.day == p->day && strncmp(g->region, r, n) == 0 && g->region[n] == '\0';
}

struct group_key {
	const char *region;
	size_t n;
	const struct ind_period *period;
};

static inline bool same_group(const void *groups, size_t i, const void *key)
{
	const struct group_key *k = key;
	return same((const struct ind_group *)groups + i, k->region, k->n, k->period);
}

static inline struct ind_hashtab_slot *group_slot(const ind_agg *a, uint64_t h, const char *r, size_t n,
						  const struct ind_period *p)
{
	struct group_key k = { r, n, p };
	return ind_hashtab_probe(&a->index, h, same_group, a->groups, &k);
}

struct ind_group *ind_agg_group(ind_agg *a, const char *r, size_t n, const struct ind_period *p)
{
	uint64_t h;
	struct ind_hashtab_slot *slot;
	struct ind_group *g;

	if (a->last && same(&a->groups[a->last - 1], r, n, p))
		return &a->groups[a->last - 1];
	h = group_hash(r, n, p);
	slot = group_slot(a, h, r, n, p);
	if (slot->entry) {
		a->last = slot->entry;
		return &a->groups[a->last - 1];
	}
	if (a->ngroups == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 64;
		struct ind_group *ng = realloc(a->groups, cap * sizeof *ng);
		if (!ng)
			return NULL;
		a->groups = ng;
		a->cap = cap;
	}
	g = &a->groups[a->ngroups];
	g->region = malloc(n + 1);
	g->m = calloc(a->nm ? a->nm : 1, sizeof *g->m);
	if (!g->region || !g->m || !ind_hashtab_fill(&a->index, slot, h, a->ngroups)) {
		free(g->region);
		free(g->m);
		return NULL;
	}
	memcpy(g->region, r, n);
	g->region[n] = '\0';
	g->period = *p;
	a->last = ++a->ngroups;
	return g;
}

/* ---- wait histograms ------------------------------------------------------ */

bool ind_fixed_add(ind_fixed *acc, ind_fixed v)
{
	ind_fixed r;
	if (__builtin_add_overflow(*acc, v, &r))
		return false;
	*acc = r;
	return true;
}

static int pair_cmp(const void *x, const void *y)
{
	const long *a = x, *b = y;
	return (a[0] > b[0]) - (a[0] < b[0]);
}

/* The sparse waits in order of day, each day once. No allocation. */
static void far_sort(struct ind_mstate *s)
{
	long *far;
	size_t j = 0;
	if (!s->far_unsorted)
		return;
	far = s->hist + s->hist_len;
	qsort(far, s->nfar, 2 * sizeof *far, pair_cmp);
	for (size_t i = 0; i < s->nfar; i++)
		if (j && far[2 * (j - 1)] == far[2 * i])
			far[2 * (j - 1) + 1] += far[2 * i + 1];
		else
			far[2 * j] = far[2 * i], far[2 * j + 1] = far[2 * i + 1], j++;
	s->nfar = j;
	s->far_unsorted = false;
}

/* The sparse pairs, after the dense days. */
static long *far_of(const struct ind_mstate *s) { return s->hist ? s->hist + s->hist_len : NULL; }

/* A new block of len dense days and room for farcap pairs; the sparse days below len move into the dense part. */
static bool hist_resize(struct ind_mstate *s, size_t len, size_t farcap)
{
	long *h, *far;
	size_t j = 0;
	/* len <= IND_HIST_DENSE and farcap < 4 * (IND_WAIT_MAX + 1) (it doubles only when half of it holds distinct days): no overflow */
	if (!(h = calloc(len + 2 * farcap, sizeof *h)))
		return false;
	far_sort(s);
	far = far_of(s);
	if (s->hist_len)
		memcpy(h, s->hist, s->hist_len * sizeof *h);
	for (size_t i = 0; i < s->nfar; i++)
		if ((size_t)far[2 * i] < len)
			h[far[2 * i]] += far[2 * i + 1];
		else
			h[len + 2 * j] = far[2 * i], h[len + 2 * j + 1] = far[2 * i + 1], j++;
	free(s->hist);
	s->hist = h;
	s->hist_len = len;
	s->nfar = j;
	s->farcap = farcap;
	return true;
}

bool ind_agg_wait_add(struct ind_mstate *s, long days, long count)
{
	long *far;
	if (days < 0 || days > IND_WAIT_MAX || count < 1 || count > IND_COUNT_MAX - s->n)
		return false;
	if ((size_t)days >= s->hist_len && days < IND_HIST_DENSE) {
		/* grow the dense days while they are few, or at most two a row */
		size_t len = s->hist_len ? s->hist_len : 32;
		while (len <= (size_t)days)
			len *= 2;
		if ((len <= IND_HIST_DENSE_FREE || len <= 2 * (size_t)(s->n + count)) && !hist_resize(s, len, s->farcap))
			return false;
	}
	if ((size_t)days < s->hist_len) {
		s->hist[days] += count;
	} else {
		far = far_of(s);
		if (s->nfar && far[2 * (s->nfar - 1)] == days) {
			far[2 * (s->nfar - 1) + 1] += count;
		} else {
			if (s->nfar == s->farcap) {
				far_sort(s);	/* repeated days take no room; grow when still half full */
				if (s->nfar * 2 >= s->farcap && !hist_resize(s, s->hist_len, s->farcap ? 2 * s->farcap : 4))
					return false;
				far = far_of(s);
			}
			if (s->nfar && far[2 * (s->nfar - 1)] > days)
				s->far_unsorted = true;
			far[2 * s->nfar] = days;
			far[2 * s->nfar + 1] = count;
			s->nfar++;
		}
	}
	s->n += count;
	s->sum += (ind_fixed)days * count * IND_FIXED_SCALE;
	return true;
}

/* The group of (region, period) in a, or NULL. */
static const struct ind_group *find_group(const ind_agg *a, const char *r, size_t n, const struct ind_period *p)
{
	const struct ind_hashtab_slot *slot = group_slot(a, group_hash(r, n, p), r, n, p);
	return slot->entry ? &a->groups[slot->entry - 1] : NULL;
}

static bool fits(long a, long b) { return b <= IND_COUNT_MAX - a; }

int ind_agg_merge(ind_agg *into, const ind_agg *from, struct ind_error *err)
{
	char pbuf[IND_PERIOD_TEXT_MAX];
	/* first make sure every sum fits, so that only running out of memory can leave into half merged */
	for (size_t i = 0; i < from->ngroups; i++) {
		const struct ind_group *f = &from->groups[i];
		const struct ind_group *g = find_group(into, f->region, strlen(f->region), &f->period);
		if (!g)
			continue;
		for (size_t k = 0; k < into->nm; k++) {
			const struct ind_mstate *d = &g->m[k], *s = &f->m[k];
			ind_fixed sum = d->sum;
			if (!fits(d->n, s->n) || !fits(d->hits, s->hits))
				return ind_error_set(err, NULL, 0, "%s %s: %s: more than %ld rows together", f->region,
						     ind_period_format(&f->period, pbuf), into->ms[k].name, IND_COUNT_MAX);
			if (!ind_fixed_add(&sum, s->sum))
				return ind_error_set(err, NULL, 0, "%s %s: %s: the sum is out of range", f->region,
						     ind_period_format(&f->period, pbuf), into->ms[k].name);
		}
	}
	for (size_t i = 0; i < from->ngroups; i++) {
		const struct ind_group *f = &from->groups[i];
		struct ind_group *g = ind_agg_group(into, f->region, strlen(f->region), &f->period);
		if (!g)
			return ind_error_set(err, NULL, 0, "out of memory");
		for (size_t k = 0; k < into->nm; k++) {
			struct ind_mstate *d = &g->m[k];
			const struct ind_mstate *s = &f->m[k];
			if (into->ms[k].kind == IND_M_WAIT) {
				const long *far = far_of(s);
				for (size_t day = 0; day < s->hist_len; day++)
					if (s->hist[day] && !ind_agg_wait_add(d, (long)day, s->hist[day]))
						return ind_error_set(err, NULL, 0, "out of memory");
				for (size_t j = 0; j < s->nfar; j++)
					if (!ind_agg_wait_add(d, far[2 * j], far[2 * j + 1]))
						return ind_error_set(err, NULL, 0, "out of memory");
			} else {
				for (size_t j = 0; j < s->nvals; j++)	/* quantile: in any order */
					if (!ind_agg_value_add(d, s->vals[j].v, s->vals[j].rows))
						return ind_error_set(err, NULL, 0, "out of memory");
				d->n += s->n;
				d->hits += s->hits;
				d->sum += s->sum;
			}
		}
	}
	return 0;
}

void ind_agg_period_next(struct ind_period *p)
{
	int last;
	switch (p->kind) {
	case IND_PERIOD_YEAR: p->year++; return;
	case IND_PERIOD_QUARTER: last = 4; break;
	case IND_PERIOD_MONTH: last = 12; break;
	case IND_PERIOD_WEEK: last = ind_iso_weeks_in_year(p->year); break;
	case IND_PERIOD_DAY:
	case IND_PERIOD_NUMERIC:
	default: return;
	}
	if (++p->sub > last) {
		p->year++;
		p->sub = 1;
	}
}

static int group_cmp(const void *x, const void *y)
{
	const struct ind_group *a = x, *b = y;
	int c = strcmp(a->region, b->region);
	return c ? c : ind_period_cmp(&a->period, &b->period);
}

void ind_agg_sort(ind_agg *a)
{
	if (a->ngroups)
		qsort(a->groups, a->ngroups, sizeof *a->groups, group_cmp);
	/* the index now points at the wrong places: rebuild it (it cannot grow: as many groups as before) */
	ind_hashtab_clear(&a->index);
	for (size_t i = 0; i < a->ngroups; i++) {
		const struct ind_group *g = &a->groups[i];
		ind_hashtab_place(&a->index, group_hash(g->region, strlen(g->region), &g->period), i);
	}
	a->last = 0;
}

size_t ind_agg_count(const ind_agg *a) { return a->ngroups; }
struct ind_group *ind_agg_at(ind_agg *a, size_t i) { return &a->groups[i]; }

const struct ind_measure *ind_agg_measures(const ind_agg *a, size_t *nm)
{
	*nm = a->nm;
	return a->ms;
}

long ind_hist_kth(struct ind_mstate *s, long k)
{
	long seen = 0;
	const long *far;
	for (size_t d = 0; d < s->hist_len; d++) {
		seen += s->hist[d];
		if (seen > k)
			return (long)d;
	}
	far_sort(s);
	far = far_of(s);
	for (size_t j = 0; j < s->nfar; j++) {
		seen += far[2 * j + 1];
		if (seen > k)
			return far[2 * j];
	}
	return -1;
}

static int qval_cmp(const void *x, const void *y)
{
	const struct ind_qval *a = x, *b = y;
	return (a->v > b->v) - (a->v < b->v);
}

/* The values in order, each once. No allocation. */
static void vals_compact(struct ind_mstate *s)
{
	size_t j = 0;
	if (!s->vals_unsorted)
		return;
	qsort(s->vals, s->nvals, sizeof *s->vals, qval_cmp);
	for (size_t i = 0; i < s->nvals; i++)
		if (j && s->vals[j - 1].v == s->vals[i].v)
			s->vals[j - 1].rows += s->vals[i].rows;
		else
			s->vals[j++] = s->vals[i];
	s->nvals = j;
	s->vals_unsorted = false;
}

bool ind_agg_value_add(struct ind_mstate *s, ind_fixed v, long rows)
{
	if (s->nvals == s->valcap) {
		vals_compact(s);
		if (!s->valcap || s->nvals > s->valcap / 2) {	/* still more than half full: grow, so that memory follows the distinct values */
			size_t cap = s->valcap ? 2 * s->valcap : 16;
			struct ind_qval *p = realloc(s->vals, cap * sizeof *p);
			if (!p)
				return false;
			s->vals = p;
			s->valcap = cap;
		}
	}
	if (s->nvals && s->vals[s->nvals - 1].v == v) {
		s->vals[s->nvals - 1].rows += rows;
		return true;
	}
	if (s->nvals && s->vals[s->nvals - 1].v > v)
		s->vals_unsorted = true;
	s->vals[s->nvals].v = v;
	s->vals[s->nvals++].rows = rows;
	return true;
}

/* The k-th smallest value (0-based; k < n). */
static ind_fixed value_kth(struct ind_mstate *s, long k)
{
	long seen = 0;
	vals_compact(s);
	for (size_t i = 0; i < s->nvals; i++)
		if ((seen += s->vals[i].rows) > k)
			return s->vals[i].v;
	return s->nvals ? s->vals[s->nvals - 1].v : 0;
}

double ind_values_quantile(struct ind_mstate *s, long num, long den)
{
	long j, rest;
	double lo, hi;
	if (s->n == 0)
		return NAN;
	j = (s->n - 1) * num / den;	/* R type 7: h = (n-1) q, its whole and fractional parts in integers */
	rest = (s->n - 1) * num % den;
	lo = (double)value_kth(s, j) / IND_FIXED_SCALE;
	if (rest == 0 || j + 1 >= s->n)
		return lo;
	hi = (double)value_kth(s, j + 1) / IND_FIXED_SCALE;
	return lo + (hi - lo) * (double)rest / (double)den;
}

long ind_hist_within(struct ind_mstate *s, long days)
{
	long rows = 0;
	const long *far;
	for (size_t d = 0; d < s->hist_len && (long)d <= days; d++)
		rows += s->hist[d];
	far = far_of(s);
	for (size_t j = 0; j < s->nfar; j++)	/* in any order */
		if (far[2 * j] <= days)
			rows += far[2 * j + 1];
	return rows;
}

double ind_hist_median(struct ind_mstate *s)
{
	if (s->n == 0)
		return NAN;
	if (s->n % 2)
		return (double)ind_hist_kth(s, s->n / 2);
	return (ind_hist_kth(s, s->n / 2 - 1) + ind_hist_kth(s, s->n / 2)) / 2.0;
}

double ind_hist_quantile(struct ind_mstate *s, long num, long den)
{
	long j, rest;
	double lo;
	if (s->n == 0)
		return NAN;
	/* R type 7: h = (n-1) q, in integers so that 0.9 * 143 is exactly 128.7 */
	j = (s->n - 1) * num / den;
	rest = (s->n - 1) * num % den;
	lo = (double)ind_hist_kth(s, j);
	if (rest == 0 || j + 1 >= s->n)
		return lo;
	/* waits are whole days: (lo (den - rest) + hi rest) / den is one correctly rounded division */
	return (lo * (double)(den - rest) + (double)ind_hist_kth(s, j + 1) * (double)rest) / (double)den;
}

/* ---- what a partial file carries besides the groups ------------------------- */

static bool plain_text(const char *s)
{
	size_t n = strlen(s);
	if (n > IND_SETTING_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static bool grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *q;
	size_t c;
	if (n < *cap)
		return true;
	c = *cap ? 2 * *cap : 8;
	if (!(q = realloc(*p, c * size)))
		return false;
	*p = q;
	*cap = c;
	return true;
}

int ind_agg_setting_add(ind_agg *a, const char *key, const char *value)
{
	struct ind_agg_setting *s;
	if (!plain_text(key) || !plain_text(value) || !grow((void **)&a->set, &a->setcap, a->nset, sizeof *a->set))
		return -1;
	s = &a->set[a->nset];
	s->key = strdup(key);
	s->value = strdup(value);
	if (!s->key || !s->value) {
		free(s->key);
		free(s->value);
		return -1;
	}
	a->nset++;
	return 0;
}

const char *ind_agg_setting(const ind_agg *a, const char *key)
{
	for (size_t i = 0; i < a->nset; i++)
		if (strcmp(a->set[i].key, key) == 0)
			return a->set[i].value;
	return NULL;
}

size_t ind_agg_settings(const ind_agg *a, const struct ind_agg_setting **s)
{
	*s = a->set;
	return a->nset;
}

int ind_agg_shard_add(ind_agg *a, const char *id, const char *from)
{
	char *c;
	if (!plain_text(id))
		return -1;
	if (!a->shard_set && !(a->shard_set = ind_strmap_new()))
		return -1;
	if (ind_strmap_get(a->shard_set, id, strlen(id)))
		return 1;
	if (!grow((void **)&a->shards, &a->shardcap, a->nshards, sizeof *a->shards) || !(c = strdup(id)))
		return -1;
	if (!ind_strmap_put(a->shard_set, id, strlen(id), from ? from : "")) {
		free(c);
		return -1;
	}
	a->shards[a->nshards++] = c;
	return 0;
}

int ind_agg_table_add(ind_agg *a, const char *region, const char *period, const char *value)
{
	struct ind_agg_row *r;
	if (!plain_text(region) || !plain_text(period) || !plain_text(value) ||
	    !grow((void **)&a->table, &a->tabcap, a->ntable, sizeof *a->table))
		return -1;
	r = &a->table[a->ntable];
	r->region = strdup(region);
	r->period = strdup(period);
	r->value = strdup(value);
	if (!r->region || !r->period || !r->value) {
		free(r->region);
		free(r->period);
		free(r->value);
		return -1;
	}
	a->ntable++;
	return 0;
}

size_t ind_agg_table(const ind_agg *a, const struct ind_agg_row **rows)
{
	*rows = a->table;
	return a->ntable;
}

unsigned long ind_agg_crc(unsigned long crc, const char *s, size_t n)
{
	while (n > 0) {	/* uInt may be narrower than size_t */
		uInt k = n > 1u << 30 ? 1u << 30 : (uInt)n;
		crc = crc32(crc, (const Bytef *)s, k);
		s += k;
		n -= k;
	}
	return crc;
}

void ind_agg_table_checksum(const ind_agg *a, char buf[32])
{
	uLong crc = crc32(0L, Z_NULL, 0);
	for (size_t i = 0; i < a->ntable; i++) {
		const char *f[3] = { a->table[i].region, a->table[i].period, a->table[i].value };
		for (int k = 0; k < 3; k++) {
			crc = crc32(crc, (const Bytef *)f[k], (uInt)strlen(f[k]));
			crc = crc32(crc, (const Bytef *)(k < 2 ? "\037" : "\n"), 1);
		}
	}
	snprintf(buf, 32, "%08lx/%zu", (unsigned long)crc, a->ntable);
}

const char *ind_agg_parse_within(const char *list, long *days, int *n, int max)
{
	const char *p = list;
	*n = 0;
	while (*p) {
		long v = 0;
		int digits = 0;
		for (; *p >= '0' && *p <= '9'; p++, digits++)
			if ((v = v * 10 + (*p - '0')) > IND_WAIT_MAX)
				return "a threshold is more than 3652424 days";
		if (!digits || (*p && *p != ','))
			return "expected days, e.g. 7,14,30,90";
		if (*n == max)
			return "too many thresholds";
		days[(*n)++] = v;
		if (*p == ',' && !*++p)
			return "ends with ','";
	}
	return *n ? NULL : "expected days, e.g. 7,14,30,90";
}

const char *ind_agg_parse_percentiles(const char *list, long *pct, int *n, int max)
{
	const char *p = list;
	*n = 0;
	while (*p) {
		long v = 0;
		int digits = 0;
		for (; *p >= '0' && *p <= '9' && digits < 3; p++, digits++)
			v = v * 10 + (*p - '0');
		v *= 10;
		if (*p == '.' && p[1] >= '0' && p[1] <= '9') {
			v += p[1] - '0';
			p += 2;
		}
		if (!digits || (*p && *p != ','))
			return "expected percents such as 25,50,75,90,95 (at most one decimal)";
		if (v < 1 || v > 999)
			return "a percentile is above 0 and below 100";
		if (*n == max)
			return "too many percentiles";
		for (int k = 0; k < *n; k++)
			if (pct[k] == v)
				return "a percentile given twice";
		pct[(*n)++] = v;
		if (*p == ',' && !*++p)
			return "ends with ','";
	}
	return *n ? NULL : "empty list";
}

bool ind_agg_parse_by(const char *s, enum ind_period_kind *by)
{
	static const char *const names[] = { "year", "quarter", "month", "week" };
	static const enum ind_period_kind kinds[] = { IND_PERIOD_YEAR, IND_PERIOD_QUARTER, IND_PERIOD_MONTH,
						      IND_PERIOD_WEEK };
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0)
			return *by = kinds[i], true;
	return false;
}

/* ---- partial aggregates -------------------------------------------------- */

/* text[0..len) onto *hist; false when out of memory. */
static bool hist_put(char **hist, size_t *cap, size_t *hlen, const char *text, size_t len)
{
	if (*hlen + len + 1 > *cap) {
		size_t c = 2 * (*hlen + len + 1);
		char *h = realloc(*hist, c);
		if (!h)
			return false;
		*hist = h;
		*cap = c;
	}
	memcpy(*hist + *hlen, text, len);
	*hlen += len;
	return true;
}

/*
 * The file opens with one declaration row per measure (empty region and
 * period), so a reader knows the measures, in order, before any group.
 */
int ind_agg_write_partial(ind_agg *a, FILE *fp)
{
	static const char *const cols[] = { "region", "period", "measure", "spec", "n", "hits", "sum", "hist", NULL };
	struct ind_line ln = { 0 };
	char buf[128], pbuf[IND_PERIOD_TEXT_MAX];
	char *hist = NULL;
	size_t hcap = 0;
	int rc = 0;

	for (const char *const *c = cols; *c; c++)
		ind_line_str(&ln, *c);
	rc |= ind_line_write(&ln, fp);
	for (size_t k = 0; k < a->nm; k++) {
		ind_line_reset(&ln);
		ind_line_str(&ln, "");
		ind_line_str(&ln, "");
		ind_line_str(&ln, a->ms[k].name);
		ind_line_str(&ln, a->ms[k].spec);
		for (int z = 0; z < 4; z++)
			ind_line_str(&ln, z < 3 ? "0" : "");
		rc |= ind_line_write(&ln, fp);
	}
	/* settings, shards and population rows, in that order, before the groups */
	for (size_t i = 0; i < a->nset + a->nshards + a->ntable; i++) {
		char key[80];
		bool set = i < a->nset, shard = !set && i < a->nset + a->nshards;
		const struct ind_agg_row *t = set || shard ? NULL : &a->table[i - a->nset - a->nshards];
		snprintf(key, sizeof key, "@%s", set ? a->set[i].key : shard ? "shard" : "population");
		ind_line_reset(&ln);
		ind_line_str(&ln, t ? t->region : "");
		ind_line_str(&ln, t ? t->period : "");
		ind_line_str(&ln, key);
		ind_line_str(&ln, set ? a->set[i].value : shard ? a->shards[i - a->nset] : t->value);
		for (int z = 0; z < 4; z++)
			ind_line_str(&ln, z < 3 ? "0" : "");
		rc |= ind_line_write(&ln, fp);
	}
	for (size_t i = 0; i < a->ngroups; i++)
		for (size_t k = 0; k < a->nm; k++) {
			struct ind_mstate *s = &a->groups[i].m[k];
			const long *far;
			size_t hlen = 0;
			ind_line_reset(&ln);
			ind_line_str(&ln, a->groups[i].region);
			ind_line_str(&ln, ind_period_format(&a->groups[i].period, pbuf));
			ind_line_str(&ln, a->ms[k].name);
			ind_line_str(&ln, a->ms[k].spec);
			snprintf(buf, sizeof buf, "%ld", s->n);
			ind_line_str(&ln, buf);
			snprintf(buf, sizeof buf, "%ld", s->hits);
			ind_line_str(&ln, buf);
			ind_line_str(&ln, ind_fixed_format(s->sum, buf));
			far_sort(s);
			far = far_of(s);
			vals_compact(s);
			for (size_t d = 0; d < s->nvals; d++) {	/* quantile: value:rows;value:rows, in order */
				char vbuf[64];
				int len = snprintf(buf, sizeof buf, "%s%s:%ld", hlen ? ";" : "", ind_fixed_format(s->vals[d].v, vbuf),
						   s->vals[d].rows);
				if (len >= (int)sizeof buf || !hist_put(&hist, &hcap, &hlen, buf, (size_t)len)) {
					free(hist);
					ind_line_free(&ln);
					return -1;
				}
			}
			for (size_t d = 0; d < s->hist_len + s->nfar; d++) {	/* sparse: day:rows;day:rows */
				long day = d < s->hist_len ? (long)d : far[2 * (d - s->hist_len)];
				long rows = d < s->hist_len ? s->hist[d] : far[2 * (d - s->hist_len) + 1];
				int len;
				if (!rows)
					continue;
				len = snprintf(buf, sizeof buf, "%s%ld:%ld", hlen ? ";" : "", day, rows);
				if (hlen + (size_t)len + 1 > hcap) {
					char *h = realloc(hist, hcap = 2 * (hlen + (size_t)len + 1));
					if (!h) {
						free(hist);
						ind_line_free(&ln);
						return -1;
					}
					hist = h;
				}
				memcpy(hist + hlen, buf, (size_t)len);
				hlen += (size_t)len;
			}
			ind_line_field(&ln, hist ? hist : "", hlen);
			rc |= ind_line_write(&ln, fp);
		}
	free(hist);
	ind_line_free(&ln);
	return rc;
}

/* ---- reading partial files: untrusted input --------------------------------- */

#define PARTIAL_MEASURES_MAX 64
#define SHOWN 40	/* bytes of a bad field shown in a message */

/* A whole number 0..max, digits only. */
static bool parse_count(const char *s, size_t n, long max, long *out)
{
	long v = 0;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (max - (s[i] - '0')) / 10)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* A decimal as ind_fixed_format writes it: -?DIGITS(.DIGITS)?, at most 9 decimals. */
static bool parse_fixed(const char *s, size_t n, ind_fixed *out)
{
	char buf[48];
	size_t i = 0, ip = 0, fd = 0;
	if (n == 0 || n >= sizeof buf)
		return false;
	if (s[0] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		ip++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			fd++;
	if (i != n || ip == 0 || fd > 9 || (i > 0 && s[i - 1] == '.'))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return ind_fixed_from_text(buf, out);
}

static const char *kind_name(enum ind_measure_kind k)
{
	static const char *const names[] = { "count", "share", "wait", "sum", "mean", "quantile" };
	return names[k];
}

struct partial {
	ind_reader *r;
	struct ind_error *err;
	long line;
	enum ind_period_kind by;	/* every group's period is of this kind */
	bool by_known;			/* from @by, or the first group of a file without it */
	int prev_kind;			/* the periods' kind of the files before; -1 none */
	struct ind_period from, to;
	bool has_from, has_to;
};

static const char *by_name(enum ind_period_kind k)
{
	return k == IND_PERIOD_YEAR ? "year" : k == IND_PERIOD_QUARTER ? "quarter" : k == IND_PERIOD_WEEK ? "week" : "month";
}

static int __attribute__((format(printf, 2, 3))) bad(struct partial *pf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ind_error_vset(pf->err, ind_reader_name(pf->r), pf->line, fmt, ap);
	va_end(ap);
	return -1;
}

/* A wait row's histogram into s: days in increasing order, adding up to n rows and sum days. */
static int add_hist(struct partial *pf, struct ind_mstate *s, const struct ind_row *row, long n, ind_fixed sum)
{
	const char *h = row->field[7], *end = h + row->len[7];
	long rows_seen = 0, last = -1;
	ind_fixed days_seen = 0;
	char dbuf[64];

	while (h < end) {
		const char *semi = memchr(h, ';', (size_t)(end - h)), *colon;
		long day, rows;
		if (!semi)
			semi = end;
		colon = memchr(h, ':', (size_t)(semi - h));
		if (semi + 1 == end)
			return bad(pf, "hist ends with ';'");
		if (!colon)
			return bad(pf, "hist: '%.*s' is not day:rows", (int)((size_t)(semi - h) < SHOWN ? (size_t)(semi - h) : SHOWN), h);
		if (!parse_count(h, (size_t)(colon - h), IND_WAIT_MAX, &day))
			return bad(pf, "hist: day '%.*s' is not a whole number from 0 to %ld",
				   (int)((size_t)(colon - h) < SHOWN ? (size_t)(colon - h) : SHOWN), h, IND_WAIT_MAX);
		if (!parse_count(colon + 1, (size_t)(semi - colon - 1), IND_COUNT_MAX, &rows) || rows == 0)
			return bad(pf, "hist: rows '%.*s' of day %ld are not a whole number from 1 to %ld",
				   (int)((size_t)(semi - colon - 1) < SHOWN ? (size_t)(semi - colon - 1) : SHOWN), colon + 1,
				   day, IND_COUNT_MAX);
		if (day <= last)
			return bad(pf, "hist: day %ld after day %ld (days must increase)", day, last);
		if (!fits(rows_seen, rows))
			return bad(pf, "hist: more than %ld rows", IND_COUNT_MAX);
		if (!fits(s->n, rows))
			return bad(pf, "more than %ld rows in this group", IND_COUNT_MAX);
		if (!ind_agg_wait_add(s, day, rows))
			return bad(pf, "out of memory");
		rows_seen += rows;
		days_seen += (ind_fixed)day * rows;	/* at most IND_WAIT_MAX * IND_COUNT_MAX */
		last = day;
		h = semi + 1;
	}
	if (rows_seen != n)
		return bad(pf, "n is %ld but the rows of hist add up to %ld", n, rows_seen);
	if (days_seen * IND_FIXED_SCALE != sum)
		return bad(pf, "sum is %s but the days of hist add up to %s", ind_fixed_format(sum, dbuf),
			   ind_fixed_format(days_seen * IND_FIXED_SCALE, (char[64]){ 0 }));
	return 0;
}

#define FIELD(i) (int)(row->len[i] < SHOWN ? row->len[i] : SHOWN), row->field[i]

/* A quantile row's values into s: value:rows, values increasing, adding up to n rows and sum (s->n and s->sum are the caller's). */
static int add_values(struct partial *pf, struct ind_mstate *s, const struct ind_row *row, long n, ind_fixed sum)
{
	const char *h = row->field[7], *end = h + row->len[7];
	long rows_seen = 0;
	ind_fixed total = 0, last = 0;
	bool first = true;
	char dbuf[64];

	while (h < end) {
		const char *semi = memchr(h, ';', (size_t)(end - h)), *colon;
		ind_fixed v, part;
		long rows;
		if (!semi)
			semi = end;
		colon = memchr(h, ':', (size_t)(semi - h));
		if (semi + 1 == end)
			return bad(pf, "values end with ';'");
		if (!colon)
			return bad(pf, "values: '%.*s' is not value:rows", (int)((size_t)(semi - h) < SHOWN ? (size_t)(semi - h) : SHOWN), h);
		if (!parse_fixed(h, (size_t)(colon - h), &v))
			return bad(pf, "values: '%.*s' is not a decimal number (at most 27 digits and 9 decimals)",
				   (int)((size_t)(colon - h) < SHOWN ? (size_t)(colon - h) : SHOWN), h);
		if (!parse_count(colon + 1, (size_t)(semi - colon - 1), IND_COUNT_MAX, &rows) || rows == 0)
			return bad(pf, "values: rows '%.*s' are not a whole number from 1 to %ld",
				   (int)((size_t)(semi - colon - 1) < SHOWN ? (size_t)(semi - colon - 1) : SHOWN), colon + 1,
				   IND_COUNT_MAX);
		if (!first && v <= last)
			return bad(pf, "values: %s after %s (values must increase)", ind_fixed_format(v, dbuf),
				   ind_fixed_format(last, (char[64]){ 0 }));
		if (!fits(rows_seen, rows))
			return bad(pf, "values: more than %ld rows", IND_COUNT_MAX);
		if (__builtin_mul_overflow(v, (ind_fixed)rows, &part) || !ind_fixed_add(&total, part))
			return bad(pf, "values: their sum is out of range");
		if (!ind_agg_value_add(s, v, rows))
			return bad(pf, "out of memory");
		rows_seen += rows;
		last = v;
		first = false;
		h = semi + 1;
	}
	if (rows_seen != n)
		return bad(pf, "n is %ld but the rows of the values add up to %ld", n, rows_seen);
	if (total != sum)
		return bad(pf, "sum is %s but the values add up to %s", ind_fixed_format(sum, dbuf),
			   ind_fixed_format(total, (char[64]){ 0 }));
	return 0;
}

/* One data row of a partial file into a. */
static int add_partial(struct partial *pf, ind_agg *a, const struct ind_row *row)
{
	static const char *const cols[] = { NULL, NULL, NULL, NULL, "n", "hits", "sum" };
	const char *why;
	struct ind_period p;
	struct ind_group *g;
	const struct ind_measure *m;
	struct ind_mstate *s;
	long n, hits;
	ind_fixed sum;
	size_t k;

	if (row->len[0] == 0)
		return bad(pf, "empty region");
	if (!ind_period_parse(row->field[1], row->len[1], &p, &why))
		return bad(pf, "period '%.*s': %s", FIELD(1), why);
	if (!pf->by_known && p.kind <= IND_PERIOD_WEEK) {	/* a file without @by: its first period's kind */
		pf->by = p.kind;
		pf->by_known = true;
	}
	if (p.kind != pf->by || !pf->by_known)
		return bad(pf, "period '%.*s' is not a %s (the file's --by)", FIELD(1), by_name(pf->by));
	if (pf->prev_kind >= 0 && (int)p.kind != pf->prev_kind)
		return bad(pf, "period '%.*s' is not a %s like those of the files before", FIELD(1),
			   by_name((enum ind_period_kind)pf->prev_kind));
	if ((pf->has_from && ind_period_cmp(&p, &pf->from) < 0) || (pf->has_to && ind_period_cmp(&p, &pf->to) > 0))
		return bad(pf, "period '%.*s' is outside the file's --from/--to", FIELD(1));
	for (k = 0; k < a->nm && !(strlen(a->ms[k].name) == row->len[2] && memcmp(a->ms[k].name, row->field[2], row->len[2]) == 0); k++)
		;
	if (k == a->nm)
		return bad(pf, "measure '%.*s' is not declared", FIELD(2));
	m = &a->ms[k];
	if (strlen(m->spec) != row->len[3] || memcmp(m->spec, row->field[3], row->len[3]) != 0)
		return bad(pf, "measure %s: spec '%.*s' is not the declared '%s'", m->name, FIELD(3), m->spec);
	if (!parse_count(row->field[4], row->len[4], IND_COUNT_MAX, &n) ||
	    !parse_count(row->field[5], row->len[5], IND_COUNT_MAX, &hits)) {
		int c = parse_count(row->field[4], row->len[4], IND_COUNT_MAX, &n) ? 5 : 4;
		return bad(pf, "%s '%.*s' is not a whole number from 0 to %ld", cols[c], FIELD(c), IND_COUNT_MAX);
	}
	if (!parse_fixed(row->field[6], row->len[6], &sum))
		return bad(pf, "sum '%.*s' is not a decimal number (at most 27 digits and 9 decimals)", FIELD(6));
	if (m->kind == IND_M_SHARE ? hits > n : hits != 0)
		return m->kind == IND_M_SHARE ? bad(pf, "hits %ld is more than n %ld", hits, n)
					       : bad(pf, "hits %ld for a %s measure (must be 0)", hits, kind_name(m->kind));
	if ((m->kind == IND_M_COUNT || m->kind == IND_M_SHARE) && sum != 0)
		return bad(pf, "sum '%.*s' for a %s measure (must be 0)", FIELD(6), kind_name(m->kind));
	if (m->kind != IND_M_WAIT && m->kind != IND_M_QUANTILE && row->len[7])
		return bad(pf, "hist for a %s measure (must be empty)", kind_name(m->kind));
	if (!(g = ind_agg_group(a, row->field[0], row->len[0], &p)))
		return bad(pf, "out of memory");
	s = &g->m[k];
	if (m->kind == IND_M_WAIT)
		return add_hist(pf, s, row, n, sum);
	if (m->kind == IND_M_QUANTILE && add_values(pf, s, row, n, sum) < 0)
		return -1;
	if (!fits(s->n, n))
		return bad(pf, "more than %ld rows in this group", IND_COUNT_MAX);
	if (!ind_fixed_add(&s->sum, sum))
		return bad(pf, "the sum of this group is out of range");
	s->n += n;
	s->hits += hits;
	return 0;
}

/* The settings a partial file may carry; an unknown one (a newer ind-agg's) would change the result unseen. */
static const char *const setting_keys[] = { "by", "from", "to", "within", "percentiles", "where", "per", "population",
					    "map", "date", "region", "municipality", "region-level", NULL };

/* A row ,,@KEY,VALUE (a setting or @shard), or REGION,PERIOD,@population,VALUE, into meta. */
static int meta_row(struct partial *pf, ind_agg *meta, const struct ind_row *row)
{
	char key[64], value[IND_SETTING_MAX + 1];
	const char *why;
	int k;

	if (row->len[2] >= sizeof key || row->len[3] > IND_SETTING_MAX)
		return bad(pf, "setting '%.*s': too long", FIELD(2));
	snprintf(key, sizeof key, "%.*s", (int)row->len[2] - 1, row->field[2] + 1);
	snprintf(value, sizeof value, "%.*s", (int)row->len[3], row->field[3]);
	if (strlen(value) != row->len[3] || !plain_text(value))
		return bad(pf, "setting '%s': a control character in '%.*s'", key, FIELD(3));
	if (row->len[0] || row->len[1]) {
		struct ind_period p;
		char region[IND_SETTING_MAX + 1], period[IND_PERIOD_TEXT_MAX];
		if (strcmp(key, "population") != 0)
			return bad(pf, "'@%s' with a region or period (only @population has them)", key);
		if (!row->len[0] || row->len[0] > IND_SETTING_MAX)
			return bad(pf, "population: empty or too long region");
		if (!ind_period_parse(row->field[1], row->len[1], &p, &why) || p.kind == IND_PERIOD_NUMERIC ||
		    p.kind == IND_PERIOD_DAY)
			return bad(pf, "population: period '%.*s' is not a year, quarter, month or week", FIELD(1));
		/* the value is read as one run reads --population: strtod, a rate only when positive */
		snprintf(region, sizeof region, "%.*s", (int)row->len[0], row->field[0]);
		if (strlen(region) != row->len[0] || ind_agg_table_add(meta, region, ind_period_format(&p, period), value) < 0)
			return bad(pf, "population: a control character in the region, or out of memory");
		return 0;
	}
	if (strcmp(key, "shard") == 0) {
		int rc = ind_agg_shard_add(meta, value, NULL);
		if (rc < 0)
			return bad(pf, "out of memory");
		return rc ? bad(pf, "shard '%.*s' comes twice", FIELD(3)) : 0;
	}
	for (k = 0; setting_keys[k] && strcmp(setting_keys[k], key) != 0; k++)
		;
	if (!setting_keys[k])
		return bad(pf, "unknown setting '@%s'", key);
	if (strcmp(key, "where") != 0 && ind_agg_setting(meta, key))
		return bad(pf, "setting '@%s' given twice", key);
	if (strcmp(key, "by") == 0) {
		if (!ind_agg_parse_by(value, &pf->by))
			return bad(pf, "@by '%.*s' is not week, month, quarter or year", FIELD(3));
		pf->by_known = true;
	} else if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
		struct ind_period *p = key[0] == 'f' ? &pf->from : &pf->to;
		if (!ind_period_parse(value, strlen(value), p, &why) || p->kind != pf->by)
			return bad(pf, "@%s '%.*s' is not a %s (the file's --by, which comes first)", key, FIELD(3),
				   by_name(pf->by));
		*(key[0] == 'f' ? &pf->has_from : &pf->has_to) = true;
	} else if (strcmp(key, "within") == 0 || strcmp(key, "percentiles") == 0) {
		long list[64];
		int n;
		why = key[0] == 'w' ? ind_agg_parse_within(value, list, &n, 16) : ind_agg_parse_percentiles(value, list, &n, 16);
		if (why)
			return bad(pf, "@%s '%.*s': %s", key, FIELD(3), why);
	} else if (strcmp(key, "per") == 0) {
		char *end;
		double v = strtod(value, &end);
		if (!*value || *end || !(v > 0) || !(v < 1e300) || strspn(value, "0123456789.e+") != strlen(value))
			return bad(pf, "@per '%.*s' is not a positive number", FIELD(3));
	} else if (strcmp(key, "where") == 0 && !strchr(value, '=')) {
		return bad(pf, "@where '%.*s' is not COL=VALUE", FIELD(3));
	}
	if (ind_agg_setting_add(meta, key, value) < 0)
		return bad(pf, "out of memory");
	return 0;
}

/* The file's settings, once all are read: whole in itself, and those of the files before. */
static int check_meta(struct partial *pf, const ind_agg *ap, const ind_agg *meta)
{
	const char *pop = ind_agg_setting(meta, "population"), *name = ind_reader_name(pf->r), *first;
	char sum[32];

	ind_agg_table_checksum(meta, sum);
	if (pop ? strcmp(pop, sum) != 0 : meta->ntable > 0)
		return ind_error_set(pf->err, name, 0, "the population rows (%s) are not the @population '%s'", sum,
				     pop ? pop : "");
	if (pf->has_from && pf->has_to && ind_period_cmp(&pf->from, &pf->to) > 0)
		return ind_error_set(pf->err, name, 0, "@from is after @to");
	if (!ap)
		return 0;
	first = ap->origin ? ap->origin : "the files before";
	for (size_t i = 0; i < meta->nset || i < ap->nset; i++) {
		const struct ind_agg_setting *x = i < meta->nset ? &meta->set[i] : NULL, *y = i < ap->nset ? &ap->set[i] : NULL;
		if (x && y && strcmp(x->key, y->key) == 0 && strcmp(x->value, y->value) == 0)
			continue;
		if (x && y && strcmp(x->key, y->key) == 0)
			return ind_error_set(pf->err, name, 0, "made with --%s '%s', but %s with --%s '%s'", x->key, x->value,
					     first, y->key, y->value);
		if (x && (!y || !ind_agg_setting(ap, x->key)))
			return ind_error_set(pf->err, name, 0, "made with --%s '%s', but %s without it", x->key, x->value,
					     first);
		return ind_error_set(pf->err, name, 0, "made without --%s, but %s with --%s '%s'", y->key, first,
				     y->key, y->value);
	}
	for (size_t i = 0; i < meta->nshards; i++) {
		const char *was = ap->shard_set ? ind_strmap_get(ap->shard_set, meta->shards[i], strlen(meta->shards[i])) : NULL;
		if (was)
			return ind_error_set(pf->err, name, 0, "shard '%s' is in %s already: merged twice, it would count twice",
					     meta->shards[i], was);
	}
	return 0;
}

/* A partial file's content key into the set of shards (not written out: only the lookup). */
static int seen_file(ind_agg *a, const char *key, const char *file)
{
	if (!a->shard_set && !(a->shard_set = ind_strmap_new()))
		return -1;
	return ind_strmap_put(a->shard_set, key, strlen(key), file) ? 0 : -1;
}

/* meta's settings, table and shards (read from file) into a. */
static int take_meta(ind_agg *a, const ind_agg *meta, const char *file, bool settings)
{
	for (size_t i = 0; settings && i < meta->nset; i++)
		if (ind_agg_setting_add(a, meta->set[i].key, meta->set[i].value) < 0)
			return -1;
	for (size_t i = 0; settings && i < meta->ntable; i++)
		if (ind_agg_table_add(a, meta->table[i].region, meta->table[i].period, meta->table[i].value) < 0)
			return -1;
	for (size_t i = 0; i < meta->nshards; i++)
		if (ind_agg_shard_add(a, meta->shards[i], file) < 0)
			return -1;
	if (settings && !a->origin && !(a->origin = strdup(file)))
		return -1;
	return 0;
}

/* A measure's declaration (empty region and period) into ms[*nm]. */
static int declare(struct partial *pf, struct ind_measure *ms, size_t *nm, const struct ind_row *row)
{
	char decl[IND_NAME_MAX + sizeof ms->spec + 1];
	const char *why;
	struct ind_measure *m = &ms[*nm];

	if (*nm == PARTIAL_MEASURES_MAX)
		return bad(pf, "more than %d measures", PARTIAL_MEASURES_MAX);
	if (row->len[2] >= IND_NAME_MAX || row->len[3] >= sizeof ms->spec)
		return bad(pf, "bad measure '%.*s=%.*s': too long", FIELD(2), FIELD(3));
	snprintf(decl, sizeof decl, "%.*s=%.*s", (int)row->len[2], row->field[2], (int)row->len[3], row->field[3]);
	if (!ind_measure_parse(decl, m, &why) || strlen(m->name) != row->len[2] || strlen(m->spec) != row->len[3])
		return bad(pf, "bad measure '%.*s=%.*s'", FIELD(2), FIELD(3));
	for (size_t k = 0; k < *nm; k++)
		if (strcmp(ms[k].name, m->name) == 0)
			return bad(pf, "measure '%s' declared twice", m->name);
	(*nm)++;
	return 0;
}

/* This file's measures are those of the files before it. */
static int same_measures(struct partial *pf, const ind_agg *a, const struct ind_measure *ms, size_t nm)
{
	if (a->nm != nm)
		return bad(pf, "%zu measures where the first partial file has %zu", nm, a->nm);
	for (size_t k = 0; k < nm; k++)
		if (strcmp(ms[k].spec, a->ms[k].spec) != 0 || strcmp(ms[k].name, a->ms[k].name) != 0)
			return bad(pf, "measure '%s=%s' differs from '%s=%s' of the first partial file", ms[k].name, ms[k].spec,
				   a->ms[k].name, a->ms[k].spec);
	return 0;
}

int ind_agg_read_partial(ind_agg **ap, const char *path, struct ind_error *err)
{
	static const char *const cols[] = { "region", "period", "measure", "spec", "n", "hits", "sum", "hist" };
	struct ind_reader_opts o;
	struct ind_row row;
	struct ind_measure ms[PARTIAL_MEASURES_MAX];
	struct partial pf = { NULL, err, 0, IND_PERIOD_MONTH, false, *ap ? (*ap)->kind : -1, { 0 }, { 0 }, false, false };
	size_t nm = 0;
	ind_agg *a = NULL;	/* this file's groups, merged into *ap when all of the file is good */
	ind_agg *meta = ind_agg_new(NULL, 0);	/* its settings, shards and population rows */
	unsigned long file_crc = 0;	/* the same file twice is refused even without shard rows */
	long long file_bytes = 0;
	char file_id[64];
	int rc;
	bool header = true;

	ind_reader_opts_init(&o);
	o.delimiter = ',';
	o.decimal = '.';
	o.skip = 0;
	if (!meta)
		return ind_error_set(err, NULL, 0, "out of memory");
	if (!(pf.r = ind_reader_open(path, &o, err))) {
		ind_agg_free(meta);
		return -1;
	}
	while ((rc = ind_reader_next(pf.r, &row, err)) == IND_READ_ROW) {
		pf.line = row.line;
		file_crc = ind_agg_crc(file_crc, row.raw, row.raw_len);
		file_bytes += (long long)row.raw_len;
		if (header) {
			bool ok = row.nfields == 8;
			for (size_t i = 0; ok && i < 8; i++)
				ok = row.len[i] == strlen(cols[i]) && memcmp(row.field[i], cols[i], row.len[i]) == 0;
			if (!ok) {
				rc = bad(&pf, "not a partial aggregate file (one made by ind-agg --partial)");
				break;
			}
			header = false;
			continue;
		}
		if (row.nfields != 8) {
			rc = bad(&pf, "row has %zu fields where a partial file has 8", row.nfields);
			break;
		}
		if (row.len[2] && row.field[2][0] == '@') {
			if (a) {
				rc = bad(&pf, "a setting after the groups");
				break;
			}
			if ((rc = meta_row(&pf, meta, &row)) < 0)
				break;
			continue;
		}
		if (row.len[0] == 0 && row.len[1] == 0) {
			if (a) {
				rc = bad(&pf, "a measure declared after the groups");
				break;
			}
			if ((rc = declare(&pf, ms, &nm, &row)) < 0)
				break;
			continue;
		}
		if (!a) {
			if ((rc = check_meta(&pf, *ap, meta)) < 0)
				break;
			if (*ap && (rc = same_measures(&pf, *ap, ms, nm)) < 0)
				break;
			if (!(a = ind_agg_new(ms, nm))) {
				rc = bad(&pf, "out of memory");
				break;
			}
		}
		if ((rc = add_partial(&pf, a, &row)) < 0)
			break;
	}
	if (rc == IND_READ_EOF && header)
		rc = ind_error_set(err, ind_reader_name(pf.r), 0, "empty file: not a partial aggregate file");
	if (rc == IND_READ_EOF && !a) {
		if (check_meta(&pf, *ap, meta) < 0 || (*ap && same_measures(&pf, *ap, ms, nm) < 0))
			rc = -1;
		else if (!(a = ind_agg_new(ms, nm)))
			rc = ind_error_set(err, NULL, 0, "out of memory");
	}
	snprintf(file_id, sizeof file_id, "\001%08lx/%lld", file_crc, file_bytes);	/* \001: never in a shard identity */
	if (rc == IND_READ_EOF && *ap && (*ap)->shard_set) {
		const char *was = ind_strmap_get((*ap)->shard_set, file_id, strlen(file_id));
		if (was)
			rc = ind_error_set(err, ind_reader_name(pf.r), 0,
					   "the same content as %s: merged twice, it would count twice", was);
	}
	if (rc == IND_READ_EOF) {	/* a is made by now */
		if (pf.by_known)
			a->kind = (int)pf.by;
		if (!*ap) {
			if (take_meta(a, meta, ind_reader_name(pf.r), true) < 0 || seen_file(a, file_id, ind_reader_name(pf.r)) < 0)
				rc = ind_error_set(err, NULL, 0, "out of memory");
			else
				*ap = a, a = NULL;
		} else if (ind_agg_merge(*ap, a, err) < 0) {
			/* a count or a sum past its range with the files before */
			if (err) {
				snprintf(err->file, sizeof err->file, "%s", ind_reader_name(pf.r));
				err->line = 0;
			}
			rc = -1;
		} else if (take_meta(*ap, meta, ind_reader_name(pf.r), false) < 0 ||
			   seen_file(*ap, file_id, ind_reader_name(pf.r)) < 0) {
			rc = ind_error_set(err, NULL, 0, "out of memory");
		} else if ((*ap)->kind < 0) {
			(*ap)->kind = a->kind;
		}
	}
	ind_agg_free(a);
	ind_agg_free(meta);
	ind_reader_close(pf.r);
	return rc == IND_READ_EOF ? 0 : -1;
}
