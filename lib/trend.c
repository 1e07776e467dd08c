/* trend.c - per-series trend statistics on GSL. See LICENSE. */
#include "trend.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int ind_default_ac_lags(enum ind_period_kind kind)
{
	return kind == IND_PERIOD_MONTH ? 12 : kind == IND_PERIOD_QUARTER ? 4 : 1;
}

int ind_newey_west_lag(size_t n) { return (int)floor(4.0 * pow((double)n / 100.0, 2.0 / 9.0)); }

void ind_breusch_godfrey(const double *x, const double *e, size_t n, size_t p, int lags, double *stat,
			 double *pval)
{
	size_t q = p + (size_t)(lags > 0 ? lags : 0);
	gsl_matrix *z = NULL, *cov = NULL;
	gsl_vector *ev = NULL, *b = NULL;
	gsl_multifit_linear_workspace *w = NULL;
	double chi2, ee = 0, ff = 0;

	*stat = *pval = NAN;
	if (lags < 1 || n <= q)
		return;
	z = gsl_matrix_alloc(n, q);
	cov = gsl_matrix_alloc(q, q);
	ev = gsl_vector_alloc(n);
	b = gsl_vector_alloc(q);
	w = gsl_multifit_linear_alloc(n, q);
	if (z && cov && ev && b && w) {
		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < p; j++)
				gsl_matrix_set(z, i, j, x[i * p + j]);
			for (int l = 1; l <= lags; l++)
				gsl_matrix_set(z, i, p + (size_t)l - 1, i >= (size_t)l ? e[i - (size_t)l] : 0);
			gsl_vector_set(ev, i, e[i]);
			ee += e[i] * e[i];
		}
		if (gsl_multifit_linear(z, ev, b, cov, &chi2, w) == 0 && ee > 0) {
			for (size_t i = 0; i < n; i++) {
				double fit = 0;
				for (size_t j = 0; j < q; j++)
					fit += gsl_matrix_get(z, i, j) * gsl_vector_get(b, j);
				ff += fit * fit;
			}
			*stat = (double)n * ff / ee;
			*pval = gsl_cdf_chisq_Q(*stat, lags);
		}
	}
	gsl_matrix_free(z);
	gsl_matrix_free(cov);
	gsl_vector_free(ev);
	gsl_vector_free(b);
	gsl_multifit_linear_free(w);
}

double ind_durbin_watson(const double *e, size_t n)
{
	double num = 0, den = 0;
	for (size_t i = 0; i < n; i++) {
		den += e[i] * e[i];
		if (i > 0)
			num += (e[i] - e[i - 1]) * (e[i] - e[i - 1]);
	}
	return n >= 2 && den > 0 ? num / den : NAN;
}

/* A straight-line fit with everything the callers print. */
struct line {
	double level, slope, tmean, var_level, var_slope, cov, sse, sst, tq, df;
	int lag;
};

/*
 * y = level + slope * (t - tmean). Centring keeps the normal equations
 * well conditioned for t near 2020 (NIST Norris passes to 12+ digits).
 * With se == HAC the (co)variances are Newey-West's: Bartlett weights,
 * lag L, no prewhitening or small-sample factor (R: sandwich::NeweyWest
 * with prewhite = FALSE, adjust = FALSE).
 */
static int line_fit(const double *t, const double *y, size_t n, enum ind_se se, double *x, double *resid,
		    struct line *f)
{
	double c0, c1, cov00, cov01, cov11, ymean = 0;

	f->tmean = 0;
	for (size_t i = 0; i < n; i++)
		f->tmean += t[i];
	f->tmean /= (double)n;
	for (size_t i = 0; i < n; i++) {
		x[i] = t[i] - f->tmean;
		ymean += y[i];
	}
	ymean /= (double)n;
	f->sst = 0;
	for (size_t i = 0; i < n; i++)
		f->sst += (y[i] - ymean) * (y[i] - ymean);
	if (gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &f->sse) != 0)
		return -1;
	f->level = c0;
	f->slope = c1;
	f->df = (double)n - 2;
	f->tq = gsl_cdf_tdist_Qinv(0.025, f->df);
	f->var_level = cov00;
	f->var_slope = cov11;
	f->cov = cov01;
	f->lag = 0;
	for (size_t i = 0; i < n; i++)
		resid[i] = y[i] - (c0 + c1 * x[i]);
	if (se == IND_SE_HAC) {
		double sxx = 0, o00 = 0, o01 = 0, o11 = 0;
		int L = ind_newey_west_lag(n);
		for (size_t i = 0; i < n; i++) {
			sxx += x[i] * x[i];
			o00 += resid[i] * resid[i];
			o01 += x[i] * resid[i] * resid[i];
			o11 += x[i] * x[i] * resid[i] * resid[i];
		}
		for (int l = 1; l <= L && (size_t)l < n; l++) {
			double w = 1.0 - l / (L + 1.0), a00 = 0, a01 = 0, a11 = 0;
			for (size_t i = (size_t)l; i < n; i++) {
				double ei = resid[i], ej = resid[i - (size_t)l];
				a00 += ei * ej;
				a01 += ei * ej * (x[i] + x[i - (size_t)l]);
				a11 += x[i] * ei * x[i - (size_t)l] * ej;
			}
			o00 += 2 * w * a00;
			o01 += w * a01;
			o11 += 2 * w * a11;
		}
		f->var_level = o00 / ((double)n * (double)n);
		f->cov = o01 / ((double)n * sxx);
		f->var_slope = o11 / (sxx * sxx);
		f->lag = L;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The k-th smallest (0-based) of a[0..n), reordering a: Hoare's selection, linear on average. */
static double select_kth(double *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (lo < hi) {
		double pivot = a[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (a[i] < pivot)
				i++;
			while (a[j] > pivot)
				j--;
			if (i <= j) {
				double tmp = a[i];
				a[i] = a[j];
				a[j] = tmp;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return a[k];
	}
	return a[k];
}

/*
 * The k-th smallest after a[0..n) has been partitioned around position m
 * by select_kth(a, n, m): only the side holding k needs searching.
 */
static double select_after(double *a, size_t n, size_t m, size_t k)
{
	if (k == m)
		return a[m];
	if (k < m)
		return select_kth(a, m, k);
	return select_kth(a + m + 1, n - m - 1, k - m - 1);
}

static double max_of(const double *a, size_t n)
{
	double m = a[0];
	for (size_t i = 1; i < n; i++)
		if (a[i] > m)
			m = a[i];
	return m;
}

/* The counters radix_sort needs for n elements. */
#define RADIX_CNT(n) ((n) < 4096 ? (size_t)8 * 256 : (size_t)4 * 65536)

static void radix_sort(void *base, void *tmpbase, size_t n, size_t w, uint32_t *cnt);

/* Sum over groups of tied values of g(t) = t(t-1)(2t+5), and of t(t-1)/2; -1 when out of memory. */
static int ties(const double *v, size_t n, double *tie_var, double *tie_pairs)
{
	double *s = malloc((n ? n : 1) * 2 * sizeof *s);
	uint32_t *cnt = n >= 48 ? malloc(RADIX_CNT(n) * sizeof *cnt) : NULL;
	*tie_var = *tie_pairs = 0;
	if (!s || (n >= 48 && !cnt)) {
		free(s);
		free(cnt);
		return -1;
	}
	memcpy(s, v, n * sizeof *s);
	if (n < 48)
		qsort(s, n, sizeof *s, cmp_double);
	else	/* the same order: groups of ties are met from the smallest value up */
		radix_sort(s, s + n, n, 1, cnt);
	free(cnt);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !(s[j] > s[i]))
			j++;
		if (j - i > 1) {
			double k = (double)(j - i);
			*tie_var += k * (k - 1) * (2 * k + 5);
			*tie_pairs += k * (k - 1) / 2;
		}
		i = j;
	}
	free(s);
	return 0;
}

/* ---- Mann-Kendall and Sen's slope in O(n log n) time and O(n) memory ---- */

/*
 * Everything below counts pairs by sorting and merging, never by listing
 * the n(n-1)/2 pairs. Sen's slope and Gilbert's interval are order
 * statistics of the pair slopes (y_j - y_i) / (t_j - t_i), t_j > t_i,
 * each computed in double exactly as the direct method computes it; they
 * are found by slope selection: the pairs with slope <= x are the pairs
 * that the order by y - x t puts the other way round from time, so one
 * sort and one merge count them. Random pairs drawn from between two cuts
 * give the next, narrower cuts, until few enough pairs remain between
 * them to list and select from. Comparisons of y - x t are exact (an
 * error-free expansion where doubles cannot tell), so the counts are
 * exact for the exact slopes. When every difference of two y and of two t
 * is itself a double (integers, dyadic values, years), rounding the
 * quotient is monotone and the computed slopes sort as the exact ones;
 * otherwise the last step keeps a margin of a few ulps around the cuts and
 * checks that the value it selects is clear of them.
 */

#define U53 0x1p-53	/* unit roundoff */

static void two_sum(double a, double b, double *s, double *e)
{
	double x = a + b, bv = x - a, av = x - bv;
	*s = x;
	*e = (a - av) + (b - bv);
}

static void two_prod(double a, double b, double *p, double *e)
{
	*p = a * b;
	*e = fma(a, b, -*p);
}

/* The sign of x[0] + ... + x[n-1], exactly (Shewchuk's grow-expansion); n <= 8. */
static int exact_sign(const double *x, int n)
{
	double h[8];
	int m = 0;
	for (int i = 0; i < n; i++) {
		double q = x[i];
		for (int j = 0; j < m; j++)
			two_sum(q, h[j], &q, &h[j]);
		h[m++] = q;
	}
	for (int j = m - 1; j >= 0; j--)
		if (h[j] != 0)
			return h[j] > 0 ? 1 : -1;
	return 0;
}

/* The sign of a/b - c/d for b, d > 0, exactly. */
static int ratio_cmp(double a, double b, double c, double d)
{
	double x[4];
	two_prod(a, d, &x[0], &x[1]);
	two_prod(-c, b, &x[2], &x[3]);
	return exact_sign(x, 4);
}

struct kkey {
	double k;
	uint32_t i, ex;	/* point; whether k is exact (2: not known yet) */
};

static uint64_t dbl_order(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u >> 63 ? ~u : u | (UINT64_C(1) << 63);
}

static int kkey_cmp_approx(const void *a, const void *b)
{
	const struct kkey *x = a, *y = b;
	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/*
 * Sort n elements of w 64-bit words (1 or 2), keyed by the double in the
 * first, ascending, ties in the order given: a radix sort on the keys as
 * ordered integers, 8-bit digits for short arrays and 16-bit for long
 * ones, digits shared by all skipped. tmp holds n elements, cnt 4 x 65536.
 * Words are moved by memcpy, whatever the elements' type.
 */
static void radix_sort(void *base, void *tmpbase, size_t n, size_t w, uint32_t *cnt)
{
	int bits = n < 4096 ? 8 : 16, passes = 64 / bits;
	size_t nb = (size_t)1 << bits, mask = nb - 1, es = 8 * w;
	unsigned char *a = base, *src = base, *dst = tmpbase;
	if (n < 2)
		return;
	memset(cnt, 0, (size_t)passes * nb * sizeof *cnt);
	for (size_t i = 0; i < n; i++) {	/* the keys as ordered integers, and the counts of their digits */
		double x;
		uint64_t u;
		memcpy(&x, a + i * es, 8);
		u = dbl_order(x);
		memcpy(a + i * es, &u, 8);
		for (int d = 0; d < passes; d++)
			cnt[(size_t)d * nb + ((u >> (bits * d)) & mask)]++;
	}
	for (int d = 0; d < passes; d++) {
		uint32_t *c = cnt + (size_t)d * nb, sum = 0;
		int sh = bits * d;
		uint64_t u;
		memcpy(&u, src, 8);
		if (c[(u >> sh) & mask] == n)
			continue;	/* one digit for all: nothing to move */
		for (size_t b = 0; b < nb; b++) {
			uint32_t x = c[b];
			c[b] = sum;
			sum += x;
		}
		for (size_t i = 0; i < n; i++) {
			memcpy(&u, src + i * es, 8);
			memcpy(dst + (size_t)c[(u >> sh) & mask]++ * es, src + i * es, es);
		}
		unsigned char *x = src;
		src = dst;
		dst = x;
	}
	for (size_t i = 0; i < n; i++) {	/* and back */
		uint64_t u;
		double x;
		memcpy(&u, src + i * es, 8);
		u = u >> 63 ? u & ~(UINT64_C(1) << 63) : ~u;
		memcpy(&x, &u, 8);
		if (src != a)
			memcpy(a + i * es + 8, src + i * es + 8, es - 8);
		memcpy(a + i * es, &x, 8);
	}
}

_Static_assert(sizeof(struct kkey) == 16, "a kkey is two 64-bit words");

/* Sort a[0..n) by k, ties in the order given; tmp holds n. */
static void kkey_sort(struct kkey *a, struct kkey *tmp, size_t n, uint32_t *cnt)
{
	if (n < 48) {
		for (size_t x = 1; x < n; x++) {
			struct kkey e = a[x];
			size_t y = x;
			while (y > 0 && a[y - 1].k > e.k) {
				a[y] = a[y - 1];
				y--;
			}
			a[y] = e;
		}
		return;
	}
	radix_sort(a, tmp, n, 2, cnt);
}

#define KS_CACHE 6

/* Points of one series in season groups, time order within each, and the workspace of slope selection. */
struct ks {
	size_t n, ng, cap, mmax;
	int max_rounds;
	const size_t *gs;	/* group g holds points gs[g] .. gs[g+1]-1 */
	const double *t, *y;
	bool exact;		/* every difference of two y and of two t is a double */
	double ymax, tmax;	/* largest |y|, |t| */
	uint64_t npairs;	/* pairs in a group with t_i < t_j */
	uint64_t rng;
	uint32_t *rinf, *rpinf;	/* ranks at the cuts -inf and +inf */
	uint32_t *seqinf;	/* the points in the order of -inf */
	uint64_t dups;		/* pairs of equal points (same t, same y) */
	struct kcache {
		double dy, dt;
		uint32_t *rank;
		uint64_t used;
	} cache[KS_CACHE];	/* ranks of the last cuts */
	uint64_t clock;
	double live[8][2];	/* the cuts that bracket ranks still sought */
	int nlive;
	const uint32_t *pinned;	/* ranks not to be replaced */
	struct kcut {		/* a cut: the slope dy/dt (dt > 0), or -inf or +inf */
		double dy, dt, val;	/* val: the slope as computed for a pair, or dy when dt = 1 */
		int inf;
		bool open;	/* as an upper cut: the pairs below it, not at or below */
		uint64_t le, lt;	/* pairs at or below it, below it */
	} *hist;		/* every cut counted */
	size_t nhist, ahist;
	uint32_t *o1, *o2, *bp, *cnt;
	uint64_t *v, *w;
	struct kkey *keys, *ktmp;	/* ktmp shares the memory of v and w */
	double *vals;		/* cap */
	struct ksample {
		double dy, dt, val;
	} *smp;			/* mmax */
};

static uint64_t ks_rand(struct ks *s)
{
	uint64_t z = (s->rng += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

struct kcmpctx {
	const struct ks *s;
	double dy, dt, eps2;
};

/* Whether the key of a is exact (worked out when first asked). */
static bool key_exact(const struct kcmpctx *c, struct kkey *a)
{
	if (a->ex == 2) {
		double yv = c->s->y[a->i], tv = c->s->t[a->i], p = yv * c->dt, q = c->dy * tv, kv, e;
		two_sum(p, -q, &kv, &e);
		a->ex = e == 0 && fma(yv, c->dt, -p) == 0 && fma(c->dy, tv, -q) == 0;
	}
	return a->ex;
}

/* Key y dt - dy t of points a and b compared exactly. */
static int kcmp_key(const struct kcmpctx *c, struct kkey *a, struct kkey *b)
{
	const struct ks *s = c->s;
	double d = a->k - b->k, x[8];
	if (d > c->eps2)
		return 1;
	if (d < -c->eps2)
		return -1;
	if (key_exact(c, a) && key_exact(c, b))
		return (a->k > b->k) - (a->k < b->k);
	two_prod(s->y[a->i], c->dt, &x[0], &x[1]);
	two_prod(-s->y[b->i], c->dt, &x[2], &x[3]);
	two_prod(-c->dy, s->t[a->i], &x[4], &x[5]);
	two_prod(c->dy, s->t[b->i], &x[6], &x[7]);
	return exact_sign(x, 8);
}

/* Key, then time, then point. */
static int kcmp_full(const struct kcmpctx *c, struct kkey *a, struct kkey *b)
{
	int r = kcmp_key(c, a, b);
	double ta = c->s->t[a->i], tb = c->s->t[b->i];
	if (r)
		return r;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

static void kkey_msort(struct kkey *a, struct kkey *tmp, size_t n, const struct kcmpctx *c)
{
	size_t h = n / 2, i = 0, j = h, k = 0;
	if (n <= 12) {
		for (size_t x = 1; x < n; x++) {
			struct kkey e = a[x];
			size_t y = x;
			while (y > 0 && kcmp_full(c, &a[y - 1], &e) > 0) {
				a[y] = a[y - 1];
				y--;
			}
			a[y] = e;
		}
		return;
	}
	kkey_msort(a, tmp, h, c);
	kkey_msort(a + h, tmp, n - h, c);
	while (i < h && j < n)
		tmp[k++] = kcmp_full(c, &a[j], &a[i]) < 0 ? a[j++] : a[i++];
	while (i < h)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, n * sizeof *a);
}

/* Pairs with different t in keys[0..m) of one key (sorted by t). */
static uint64_t run_pairs(const struct ks *s, const struct kkey *r, size_t m)
{
	uint64_t p = (uint64_t)m * (m - 1) / 2;
	for (size_t i = 0; i < m;) {
		size_t j = i + 1;
		while (j < m && s->t[r[j].i] == s->t[r[i].i])
			j++;
		p -= (uint64_t)(j - i) * (j - i - 1) / 2;
		i = j;
	}
	return p;
}

/*
 * Ranks of the points by y dt - dy t (equal keys share a rank, groups in
 * order): the pairs with slope <= dy/dt are those whose later point does
 * not rank above the earlier. Returns the pairs with slope exactly dy/dt.
 */
static uint64_t rank_at(struct ks *s, double dy, double dt, uint32_t *rank)
{
	struct kcmpctx c = { s, dy, dt, 0 };
	uint32_t next = 0;
	uint64_t eq = 0;
	/* |computed - exact key| <= 2.01 u (|y dt| + |dy t|) for every point */
	c.eps2 = 8 * U53 * (s->ymax * dt + fabs(dy) * s->tmax);
	for (size_t g = 0; g < s->ng; g++) {
		size_t base = s->gs[g], m = s->gs[g + 1] - base;
		struct kkey *k = s->keys;
		for (size_t i = 0; i < m; i++) {
			k[i].k = s->y[base + i] * dt - dy * s->t[base + i];
			k[i].i = (uint32_t)(base + i);
			k[i].ex = 2;
		}
		kkey_sort(k, s->ktmp, m, s->cnt);
		for (size_t i = 0; i < m;) {
			size_t j = i + 1, run = i;
			while (j < m && k[j].k - k[j - 1].k <= c.eps2)
				j++;
			if (j - i > 1)
				kkey_msort(k + i, s->ktmp, j - i, &c);
			for (size_t x = i; x < j; x++) {
				if (x > i && kcmp_key(&c, &k[x - 1], &k[x]) != 0) {
					eq += run_pairs(s, k + run, x - run);
					run = x;
					next++;
				}
				rank[k[x].i] = next;
			}
			eq += run_pairs(s, k + run, j - run);
			next++;
			i = j;
		}
	}
	return eq;
}

/* Ranks at -inf (by t, then y) or +inf (by -t, then y). */
static void rank_inf(struct ks *s, int inf, uint32_t *rank)
{
	uint32_t next = 0;
	for (size_t g = 0; g < s->ng; g++) {
		size_t base = s->gs[g], m = s->gs[g + 1] - base;
		struct kkey *k = s->keys;
		for (size_t i = 0; i < m; i++) {
			/* the y within each block of equal t, blocks in time order or reversed */
			size_t p = base + i;
			k[i].k = s->y[p];
			k[i].i = (uint32_t)p;
		}
		for (size_t i = 0; i < m;) {
			size_t j = i + 1;
			while (j < m && s->t[base + j] == s->t[base + i])
				j++;
			qsort(k + i, j - i, sizeof *k, kkey_cmp_approx);
			i = j;
		}
		for (size_t b = 0; b < m;) {
			/* the block [b0, b1) in the order of this cut */
			size_t b0, b1;
			if (inf < 0) {
				b0 = b;
				b1 = b + 1;
				while (b1 < m && s->t[base + b1] == s->t[base + b0])
					b1++;
			} else {
				b1 = m - b;
				b0 = b1 - 1;
				while (b0 > 0 && s->t[base + b0 - 1] == s->t[base + b1 - 1])
					b0--;
			}
			for (size_t x = b0, run = b0; x < b1; x++) {
				if (x > b0 && k[x].k != k[x - 1].k) {
					next++;
					run = x;
				}
				rank[k[x].i] = next;
				if (inf < 0) {
					s->seqinf[base + x] = k[x].i;
					s->dups += x - run;
				}
			}
			next++;
			b += b1 - b0;
		}
	}
}

/* Stable counting sort of the points src[0..n) by key[] (< n). */
static void csort(const uint32_t *src, const uint32_t *key, uint32_t *dst, size_t n, uint32_t *cnt)
{
	uint32_t sum = 0;
	memset(cnt, 0, (n + 1) * sizeof *cnt);
	for (size_t i = 0; i < n; i++)
		cnt[key[src[i]]]++;
	for (size_t i = 0; i <= n; i++) {
		uint32_t c = cnt[i];
		cnt[i] = sum;
		sum += c;
	}
	for (size_t i = 0; i < n; i++)
		dst[cnt[key[src[i]]]++] = src[i];
}

enum kwalk { KW_SAMPLE, KW_LIST };

struct kjob {
	enum kwalk mode;
	/* KW_SAMPLE: m pairs, one from each m-th of the total in the merge's order */
	size_t m, j;
	uint64_t total, next;
	/* KW_LIST: the computed slopes in the window [lo, hi] of dbl_order, the first cap of them kept */
	uint64_t lo, hi, mid, below, in, left;
};

static void kjob_next_target(struct ks *s, struct kjob *jb)
{
	if (jb->j < jb->m) {
		/* j total / m without overflow: total = q m + r, m < 2^31 */
		uint64_t q = jb->total / jb->m, r = jb->total % jb->m;
		uint64_t a = jb->j * q + jb->j * r / jb->m, b = (jb->j + 1) * q + (jb->j + 1) * r / jb->m;
		jb->next = a + (b > a ? ks_rand(s) % (b - a) : 0);
	} else {
		jb->next = UINT64_MAX;
	}
}

static void kjob_pair(struct ks *s, struct kjob *jb, uint32_t p, uint32_t q)
{
	double dy = s->y[q] - s->y[p], dt = s->t[q] - s->t[p], e = dy / dt;
	if (jb->mode == KW_SAMPLE) {
		s->smp[jb->j].dy = dy;
		s->smp[jb->j].dt = dt;
		s->smp[jb->j].val = e;
	} else {
		uint64_t o = dbl_order(e);
		if (o < jb->lo) {
			jb->below++;
		} else if (o <= jb->hi) {
			if (jb->in < s->cap)
				s->vals[jb->in] = e;
			jb->in++;
			jb->left += o <= jb->mid;
		}
	}
}

/*
 * The pairs p, q with A[p] < A[q] and B[p] >= B[q] (B[p] > B[q] when
 * open): for ranks A at a cut L and B at a cut U > L, the pairs whose
 * slopes lie above L and at or below U (below U when open), p the earlier
 * point. They are the inversions of the points ordered by (A, B) when
 * ranked again by (B, -A) (by (B, A) when open); a bottom-up merge sort
 * lists them, or draws from them. Returns their number.
 */
static uint64_t walk(struct ks *s, const uint32_t *A, const uint32_t *B, bool open, struct kjob *jb)
{
	size_t n = s->n;
	uint64_t inv = 0, *v = s->v, *w = s->w;
	for (size_t i = 0; i < n; i++)
		s->o1[i] = (uint32_t)i;
	csort(s->o1, B, s->o2, n, s->cnt);
	csort(s->o2, A, s->o1, n, s->cnt);	/* o1: by (A, B) */
	if (open) {
		csort(s->o1, B, s->o2, n, s->cnt);
	} else {
		size_t k = 0;
		for (size_t e = n; e > 0;) {	/* runs of equal A last to first */
			size_t b = e - 1;
			while (b > 0 && A[s->o1[b - 1]] == A[s->o1[e - 1]])
				b--;
			for (size_t x = b; x < e; x++)
				s->bp[k++] = s->o1[x];
			e = b;
		}
		csort(s->bp, B, s->o2, n, s->cnt);
	}
	for (size_t i = 0; i < n; i++)
		s->bp[s->o2[i]] = (uint32_t)i;
	for (size_t i = 0; i < n; i++)
		v[i] = (uint64_t)s->bp[s->o1[i]] << 32 | s->o1[i];
	if (jb->mode == KW_SAMPLE) {
		jb->j = 0;
		kjob_next_target(s, jb);
	}
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			if (jb->mode == KW_SAMPLE) {
				while (i < mid && j < hi) {	/* branch-free but for the few draws */
					uint64_t x = v[i], y = v[j];
					bool right = y < x;
					while (right && jb->next < inv + (mid - i)) {
						kjob_pair(s, jb, (uint32_t)v[i + (jb->next - inv)], (uint32_t)y);
						jb->j++;
						kjob_next_target(s, jb);
					}
					w[k++] = right ? y : x;
					inv += right ? mid - i : 0;
					j += right;
					i += !right;
				}
			}
			while (i < mid && j < hi) {
				if (v[i] < v[j]) {
					w[k++] = v[i++];
					continue;
				}
				for (size_t x = i; x < mid; x++)
					kjob_pair(s, jb, (uint32_t)v[x], (uint32_t)v[j]);
				inv += mid - i;
				w[k++] = v[j++];
			}
			while (i < mid)
				w[k++] = v[i++];
			while (j < hi)
				w[k++] = v[j++];
		}
		uint64_t *x = v;
		v = w;
		w = x;
	}
	return inv;
}

/*
 * The pairs with slope <= the cut of ranks B: in the order of -inf (time,
 * and y within a time) those whose earlier point does not rank below the
 * later, less the pairs of equal points, which that order leaves tied.
 */
static uint64_t count_le(struct ks *s, const uint32_t *B)
{
	size_t n = s->n;
	uint32_t *a = s->o1, *b = s->o2;
	uint64_t inv = 0;
	for (size_t i = 0; i < n; i++)
		a[i] = B[s->seqinf[i]];
	for (size_t lo = 0; lo < n; lo += 16) {	/* blocks of 16 by insertion, each shift a pair */
		size_t hi = lo + 16 < n ? lo + 16 : n;
		for (size_t x = lo + 1; x < hi; x++) {
			uint32_t e = a[x];
			size_t y = x;
			while (y > lo && a[y - 1] >= e) {
				a[y] = a[y - 1];
				y--;
			}
			inv += x - y;
			a[y] = e;
		}
	}
	for (size_t width = 16; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {	/* branch-free: the right one when not above the left */
				uint32_t x = a[i], y = a[j];
				bool right = y <= x;
				b[k++] = right ? y : x;
				inv += right ? mid - i : 0;
				j += right;
				i += !right;
			}
			while (i < mid)
				b[k++] = a[i++];
			while (j < hi)
				b[k++] = a[j++];
		}
		uint32_t *x = a;
		a = b;
		b = x;
	}
	return inv - s->dups;
}

/* A slot for new ranks: the least recently used of those no rank still brackets by, else of all. */
static int cache_slot(struct ks *s, double dy, double dt)
{
	int best = -1, any = 0;
	for (int i = 0; i < KS_CACHE; i++) {
		bool live = false;
		if (s->cache[i].rank == s->pinned)
			continue;
		for (int j = 0; j < s->nlive && s->cache[i].used; j++)
			live |= s->live[j][0] == s->cache[i].dy && s->live[j][1] == s->cache[i].dt;
		if (!live && (best < 0 || s->cache[i].used < s->cache[best].used))
			best = i;
		if (s->cache[any].rank == s->pinned || s->cache[i].used < s->cache[any].used)
			any = i;
	}
	if (best < 0)
		best = any;
	s->cache[best].dy = dy;
	s->cache[best].dt = dt;
	s->cache[best].used = ++s->clock;
	return best;
}

/* The rank array of a cut: -inf, +inf, or one of the last few finite cuts, ranked again when it has gone. */
static const uint32_t *cut_ranks(struct ks *s, const struct kcut *c)
{
	int slot;
	if (c->inf)
		return c->inf < 0 ? s->rinf : s->rpinf;
	for (int i = 0; i < KS_CACHE; i++)
		if (s->cache[i].used && s->cache[i].dy == c->dy && s->cache[i].dt == c->dt) {
			s->cache[i].used = ++s->clock;
			return s->cache[i].rank;
		}
	slot = cache_slot(s, c->dy, c->dt);
	rank_at(s, c->dy, c->dt, s->cache[slot].rank);
	return s->cache[slot].rank;
}

/* The ranks of two cuts at once: the first stays while the second is ranked. */
static void cut_ranks2(struct ks *s, const struct kcut *L, const struct kcut *U, const uint32_t **A, const uint32_t **B)
{
	*A = cut_ranks(s, L);
	s->pinned = *A;
	*B = cut_ranks(s, U);
	s->pinned = NULL;
}

/* Count the pairs at or below the slope dy/dt and keep the cut; -1 when out of memory. */
static int cut_count(struct ks *s, double dy, double dt, double val, struct kcut *c)
{
	uint64_t eq;
	int slot = cache_slot(s, dy, dt);
	memset(c, 0, sizeof *c);
	c->dy = dy;
	c->dt = dt;
	c->val = val;
	eq = rank_at(s, dy, dt, s->cache[slot].rank);
	c->le = count_le(s, s->cache[slot].rank);
	c->lt = c->le - eq;
	if (s->nhist == s->ahist) {
		size_t a = s->ahist ? 2 * s->ahist : 64;
		struct kcut *h = realloc(s->hist, a * sizeof *h);
		if (!h)
			return -1;
		s->hist = h;
		s->ahist = a;
	}
	s->hist[s->nhist++] = *c;
	return 0;
}

static void cut_inf(struct ks *s, int inf, struct kcut *c)
{
	memset(c, 0, sizeof *c);
	c->inf = inf;
	c->val = inf * INFINITY;
	c->le = c->lt = inf < 0 ? 0 : s->npairs;
}

/* A double cut a few hundred ulps to the side of x, for the margins of inexact slopes. */
static int cut_near(struct ks *s, double x, int side, struct kcut *c)
{
	double y = x + side * fabs(x) * 0x1p-44;
	return cut_count(s, y, 1, y, c);
}

/* The tightest cuts known around rank k: the lower closed (le <= k), the upper open (lt > k). */
static void bracket(const struct ks *s, uint64_t k, struct kcut *L, struct kcut *U)
{
	cut_inf((struct ks *)s, -1, L);
	cut_inf((struct ks *)s, 1, U);
	for (size_t i = 0; i < s->nhist; i++) {
		const struct kcut *h = &s->hist[i];
		if (h->le <= k && h->le > L->le)
			*L = *h;
		if (h->lt > k && h->lt < U->lt) {
			*U = *h;
			U->open = true;
		}
	}
}

static int cmp_sample_exact(const void *a, const void *b)
{
	const struct ksample *x = a, *y = b;
	if (x->val != y->val)
		return x->val < y->val ? -1 : 1;
	return ratio_cmp(x->dy, x->dt, y->dy, y->dt);
}

static int cmp_sample_val(const void *a, const void *b)
{
	const struct ksample *x = a, *y = b;
	return (x->val > y->val) - (x->val < y->val);
}

/* Put the j-th smallest of a[lo..hi) at j, smaller before, larger after (three-way quickselect). */
static void sample_select(struct ks *s, struct ksample *a, size_t lo, size_t hi, size_t j,
			  int (*cmp)(const void *, const void *))
{
	while (hi - lo > 1) {
		struct ksample p = a[lo + ks_rand(s) % (hi - lo)], x;
		size_t lt = lo, i = lo, gt = hi;
		while (i < gt) {
			int c = cmp(&a[i], &p);
			if (c < 0) {
				x = a[lt], a[lt] = a[i], a[i] = x;
				lt++, i++;
			} else if (c > 0) {
				gt--;
				x = a[gt], a[gt] = a[i], a[i] = x;
			} else {
				i++;
			}
		}
		if (j < lt)
			hi = lt;
		else if (j >= gt)
			lo = gt;
		else
			return;
	}
}

/*
 * Computed slopes above a lower cut stay above lower_margin, and below an
 * upper cut below upper_margin: a quotient of two rounded differences is
 * within 3.01 u of the exact slope, and keeps its sign.
 */
static double lower_margin(const struct kcut *c)
{
	if (c->inf)
		return -INFINITY;
	return c->val == 0 ? 0 : c->val + fabs(c->val) * 0x1p-50;
}

static double upper_margin(const struct kcut *c)
{
	if (c->inf)
		return INFINITY;
	if (c->val == 0)
		return c->open ? 0 : DBL_TRUE_MIN;
	return c->val - fabs(c->val) * 0x1p-50;
}

/* The computed slope of rank k among the pairs between L and U, listing at most cap of them at once. */
static double list_select(struct ks *s, const struct kcut *L, const struct kcut *U, uint64_t k, bool *all_listed)
{
	struct kjob jb = { .mode = KW_LIST, .lo = 0, .hi = UINT64_MAX };
	const uint32_t *A, *B;
	uint64_t r;
	cut_ranks2(s, L, U, &A, &B);
	for (;;) {
		jb.mid = jb.lo + (jb.hi - jb.lo) / 2;
		jb.below = jb.in = jb.left = 0;
		walk(s, A, B, U->open, &jb);
		r = k - L->le - jb.below;
		if (jb.in <= s->cap || jb.lo == jb.hi)
			break;
		if (r < jb.left)	/* bisect the values */
			jb.hi = jb.mid;
		else
			jb.lo = jb.mid + 1;
	}
	*all_listed = jb.lo == 0 && jb.hi == UINT64_MAX;
	if (jb.in > s->cap)	/* more than cap pairs, all of one computed slope */
		return s->vals[0];
	return select_kth(s->vals, (size_t)jb.in, (size_t)r);
}

/*
 * The ranks k[0..nk) between the cuts L and U: one listing serves them all
 * when the pairs between fit in cap. Inexact slopes must clear the
 * margins of the cuts; otherwise the cuts widen and the listing is redone.
 */
static int ks_final(struct ks *s, struct kcut L, struct kcut U, const uint64_t *k, double *out, int nk)
{
	for (int widen = 0;; widen++) {
		bool low = false, high = false, all = false;
		for (int i = 0; i < nk; i++) {
			if (i > 0 && all)	/* the values listed once, reordered but all there */
				out[i] = select_kth(s->vals, (size_t)((U.open ? U.lt : U.le) - L.le), (size_t)(k[i] - L.le));
			else
				out[i] = list_select(s, &L, &U, k[i], &all);
			low |= !(out[i] > lower_margin(&L));
			high |= !(out[i] < upper_margin(&U));
		}
		if (s->exact || !(low || high))
			return 0;
		if (widen >= 3) {	/* not expected: all pairs, no margins */
			cut_inf(s, -1, &L);
			cut_inf(s, 1, &U);
			continue;
		}
		if (low && !L.inf && L.val != 0 && cut_near(s, L.val, -1, &L) < 0)
			return -1;
		if (high && !U.inf && U.val != 0) {
			if (cut_near(s, U.val, 1, &U) < 0)
				return -1;
			U.open = false;
		}
	}
}

/*
 * The computed pair slopes of ranks k[0..nk) (0-based, ascending,
 * distinct) into out. Each round draws pairs from between the tightest
 * cuts known around a rank, counts the pairs below two of them that
 * bracket it closely, for every rank sharing those cuts, and keeps them
 * all: each count bounds every rank.
 */
static int ks_select(struct ks *s, const uint64_t *k, double *out, int nk)
{
	int rounds[4] = { 0 }, stalls[4] = { 0 };
	bool done[4] = { false }, force[4] = { false };
	for (;;) {
		struct kcut L, U, cl[8];
		uint64_t I, gk[4];
		size_t m, cand[8];
		double want, delta;
		int t0 = -1, grp[4], ng = 0, nc = 0, (*cmp)(const void *, const void *);
		struct kjob jb = { .mode = KW_SAMPLE };
		for (int i = 0; i < nk && t0 < 0; i++)
			if (!done[i])
				t0 = i;
		if (t0 < 0)
			return 0;
		s->nlive = 0;
		for (int i = 0; i < nk; i++) {
			struct kcut l, u;
			if (done[i])
				continue;
			bracket(s, k[i], &l, &u);
			s->live[s->nlive][0] = l.dy, s->live[s->nlive++][1] = l.dt;
			s->live[s->nlive][0] = u.dy, s->live[s->nlive++][1] = u.dt;
		}
		bracket(s, k[t0], &L, &U);
		for (int i = t0; i < nk; i++) {
			struct kcut l, u;
			if (done[i])
				continue;
			bracket(s, k[i], &l, &u);
			if (l.le == L.le && u.lt == U.lt)
				grp[ng++] = i;
		}
		I = U.lt - L.le;
		if (I <= s->cap || force[t0] || rounds[t0] >= s->max_rounds || stalls[t0] >= 2) {
			double v[4];
			for (int g = 0; g < ng; g++)
				gk[g] = k[grp[g]];
			if (ks_final(s, L, U, gk, v, ng) < 0)
				return -1;
			for (int g = 0; g < ng; g++) {
				out[grp[g]] = v[g];
				done[grp[g]] = true;
			}
			continue;
		}
		/* enough draws for the next interval to hold about cap/2 pairs: 6 I / sqrt(m) */
		want = 144.0 * ((double)I / (double)s->cap) * ((double)I / (double)s->cap);
		m = want > (double)s->mmax ? s->mmax : want < 256 ? 256 : (size_t)want;
		if (m > I)
			m = (size_t)I;
		jb.m = m;
		jb.total = I;
		{
			const uint32_t *A, *B;
			cut_ranks2(s, &L, &U, &A, &B);
			walk(s, A, B, U.open, &jb);
		}
		delta = 3 * sqrt((double)m) + 1;
		for (int g = 0; g < ng;) {
			/* ranks whose draws lie close together share their two cuts */
			double first = ((double)(k[grp[g]] - L.le) + 0.5) * (double)m / (double)I, last = first;
			for (g++; g < ng; g++) {
				double pos = ((double)(k[grp[g]] - L.le) + 0.5) * (double)m / (double)I;
				/* apart when their intervals would not overlap, or a shared one would not shrink eightfold */
				if (pos - last >= 2 * delta || pos - first + 2 * delta >= (double)m / 8)
					break;
				last = pos;
			}
			if (first - delta >= 0)
				cand[nc++] = (size_t)(first - delta);
			if (last + delta < (double)m - 1)
				cand[nc++] = (size_t)ceil(last + delta);
		}
		/* the draws of those ranks, in order */
		cmp = s->exact ? cmp_sample_exact : cmp_sample_val;
		for (int i = 1; i < nc; i++)
			for (int j = i; j > 0 && cand[j - 1] > cand[j]; j--) {
				size_t x = cand[j];
				cand[j] = cand[j - 1];
				cand[j - 1] = x;
			}
		for (int i = 0, from = 0; i < nc; i++) {
			if (i > 0 && cand[i] == cand[i - 1])
				continue;
			sample_select(s, s->smp, (size_t)from, m, cand[i], cmp);
			from = (int)cand[i] + 1;
		}
		for (int i = 0; i < nc; i++) {
			const struct ksample *sp = &s->smp[cand[i]];
			bool seen = false;
			for (int j = 0; j < i; j++)
				seen |= cmp(&s->smp[cand[j]], sp) == 0;
			if (seen)
				continue;
			if (cut_count(s, s->exact ? sp->dy : sp->val, s->exact ? sp->dt : 1, sp->val, &cl[i]) < 0)
				return -1;
			for (int t = 0; t < nk; t++) {
				if (done[t] || force[t] || !(cl[i].lt <= k[t] && k[t] < cl[i].le))
					continue;
				/* k[t] falls among the pairs of exactly this slope */
				if (s->exact || cl[i].val == 0) {
					/* computed alike: the rounded slope, or 0 from equal y */
					out[t] = cl[i].val;
					done[t] = true;
				} else {
					/* the computed slopes of equal exact slopes may differ in the last bits */
					struct kcut a, b;
					if (cut_near(s, cl[i].val, -1, &a) < 0 || cut_near(s, cl[i].val, 1, &b) < 0)
						return -1;
					force[t] = true;
				}
			}
		}
		for (int g = 0; g < ng; g++) {
			struct kcut l, u;
			bracket(s, k[grp[g]], &l, &u);
			rounds[grp[g]]++;
			stalls[grp[g]] = u.lt - l.le < I - I / 4 ? 0 : stalls[grp[g]] + 1;
		}
	}
}

/* Differences of any two of v[0..n) are doubles: Sterbenz's lemma, or a common quantum. */
static bool exact_differences(const double *v, size_t n)
{
	double mn = INFINITY, mx = 0;
	bool pos = false, neg = false;
	int q = INT_MAX;
	for (size_t i = 0; i < n; i++) {
		double a = fabs(v[i]), f;
		int e;
		uint64_t mant;
		if (v[i] == 0)
			continue;
		pos |= v[i] > 0;
		neg |= v[i] < 0;
		mn = a < mn ? a : mn;
		mx = a > mx ? a : mx;
		f = frexp(a, &e);
		mant = (uint64_t)ldexp(f, 53);
		e = e - 53 + __builtin_ctzll(mant);
		q = e < q ? e : q;
	}
	if (mx == 0 || (!(pos && neg) && mx <= 2 * mn))
		return true;
	return 2 * mx < ldexp(1, q + 53);
}

/* sum over i < j of sign(y_j - y_i), by two merge counts; -1 when out of memory. */
static int sign_sum(const double *y, size_t m, int64_t *out)
{
	struct kkey *k = malloc((m ? m : 1) * 2 * sizeof *k);
	uint64_t *v = malloc((m ? m : 1) * 2 * sizeof *v), *w = v + m, inv[2] = { 0, 0 };
	uint32_t *cnt = malloc(RADIX_CNT(m) * sizeof *cnt), *rank = malloc((m ? m : 1) * sizeof *rank), next = 0;
	*out = 0;
	if (!k || !v || !cnt || !rank) {
		free(k);
		free(v);
		free(cnt);
		free(rank);
		return -1;
	}
	for (size_t i = 0; i < m; i++) {
		k[i].k = y[i];
		k[i].i = (uint32_t)i;
	}
	kkey_sort(k, k + m, m, cnt);
	for (size_t i = 0; i < m; i++) {
		if (i > 0 && k[i].k != k[i - 1].k)
			next++;
		rank[k[i].i] = next;
	}
	for (int pass = 0; pass < 2; pass++) {
		uint64_t *a = v, *b = w;
		/* strict inversions of the ranks (pass 0: y_i > y_j) or of the reversed ranks (pass 1: y_i < y_j) */
		for (size_t i = 0; i < m; i++)
			a[i] = (uint64_t)(pass ? next - rank[i] : rank[i]) << 32 | i;
		for (size_t width = 1; width < m; width *= 2) {
			for (size_t lo = 0; lo < m; lo += 2 * width) {
				size_t mid = lo + width < m ? lo + width : m, hi = lo + 2 * width < m ? lo + 2 * width : m;
				size_t i = lo, j = mid, o = lo;
				while (i < mid && j < hi) {
					if (a[i] < a[j]) {
						b[o++] = a[i++];
					} else {
						inv[pass] += mid - i;
						b[o++] = a[j++];
					}
				}
				while (i < mid)
					b[o++] = a[i++];
				while (j < hi)
					b[o++] = a[j++];
			}
			uint64_t *x = a;
			a = b;
			b = x;
		}
	}
	*out = (int64_t)inv[1] - (int64_t)inv[0];
	free(k);
	free(v);
	free(cnt);
	free(rank);
	return 0;
}

int ind_mann_kendall(const double *y, size_t n, double *s, double *var)
{
	double tv, tp, nn = (double)n;
	int64_t S = 0;
	*s = *var = NAN;
	if (ties(y, n, &tv, &tp) < 0)
		return -1;
	if (n <= IND_KENDALL_DIRECT_MAX) {	/* short: the double loop is quicker */
		for (size_t i = 0; i + 1 < n; i++)
			for (size_t j = i + 1; j < n; j++)
				S += (y[j] > y[i]) - (y[j] < y[i]);
	} else if (sign_sum(y, n, &S) < 0) {
		return -1;
	}
	*s = (double)S;
	*var = (nn * (nn - 1) * (2 * nn + 5) - tv) / 18.0;
	return 0;
}

/* Mann-Kendall's Z and p from S and its variance, and tau-b from its numerator sb and the tie counts. */
static void mk_finish(struct ind_trend *tr, double s, double var, double sb, double pairs, double ytp, double ttp)
{
	tr->mk_s = s;
	tr->mk_var = var;
	if (var > 0) {
		tr->mk_z = s > 0 ? (s - 1) / sqrt(var) : s < 0 ? (s + 1) / sqrt(var) : 0;
		tr->mk_p = 2 * gsl_cdf_ugaussian_Q(fabs(tr->mk_z));
	}
	if (pairs - ytp > 0 && pairs - ttp > 0)
		tr->mk_tau = sb / sqrt((pairs - ytp) * (pairs - ttp));	/* tau-b, as R's cor(method = "kendall") */
}

/* Mann-Kendall, tau-b and Sen as the direct method below does them, in O(n log n). */
static int kendall_fast(const double *t, const double *y, size_t n, const struct ind_trend_opts *o,
			const struct ind_kendall_tuning *tu, struct ind_trend *tr)
{
	size_t groups = o->season ? (size_t)(o->nseasons > 0 ? o->nseasons : 0) : 1, *gs = calloc(groups + 2, sizeof *gs);
	double *yy = malloc((n ? n : 1) * sizeof *yy), *tt = malloc((n ? n : 1) * sizeof *tt);
	double s = 0, var = 0, pairs = 0, ytp = 0, ttp = 0, tv, sb = 0;
	uint64_t npairs = 0;
	struct ks ks;
	int rc = -1;

	memset(&ks, 0, sizeof ks);
	if (!gs || !yy || !tt)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int g = o->season ? o->season[i] : 1;
		if (g >= 1 && (size_t)g <= groups)
			gs[g + 1]++;
	}
	for (size_t g = 1; g <= groups + 1; g++)
		gs[g] += gs[g - 1];	/* gs[g]: start of group g (1-based), gs[groups + 1]: the end */
	{
		size_t *at = malloc((groups + 1) * sizeof *at);
		if (!at)
			goto out;
		memcpy(at, gs, (groups + 1) * sizeof *at);
		for (size_t i = 0; i < n; i++) {
			int g = o->season ? o->season[i] : 1;
			if (g >= 1 && (size_t)g <= groups) {
				yy[at[g]] = y[i];
				tt[at[g]++] = t[i];
			}
		}
		free(at);
	}
	for (size_t g = 1; g <= groups; g++) {
		size_t m = gs[g + 1] - gs[g];
		const double *gy = yy + gs[g], *gt = tt + gs[g];
		double sg, vg, ng = (double)m;
		int64_t sum_blocks = 0;
		if (m < 2)
			continue;
		if (ind_mann_kendall(gy, m, &sg, &vg) < 0)
			goto out;
		s += sg;
		var += vg;
		pairs += ng * (ng - 1) / 2;
		if (ties(gy, m, &tv, &vg) < 0)
			goto out;
		ytp += vg;
		if (ties(gt, m, &tv, &vg) < 0)
			goto out;
		ttp += vg;
		npairs += (uint64_t)m * (m - 1) / 2;
		/* tau-b counts a pair tied in time as neither concordant nor discordant */
		for (size_t i = 0; i < m;) {
			size_t j = i + 1;
			while (j < m && gt[j] == gt[i])
				j++;
			if (j - i > 1) {
				int64_t sub;
				if (sign_sum(gy + i, j - i, &sub) < 0)
					goto out;
				sum_blocks += sub;
				npairs -= (uint64_t)(j - i) * (j - i - 1) / 2;
			}
			i = j;
		}
		sb += (double)((int64_t)sg - sum_blocks);
	}
	mk_finish(tr, s, var, sb, pairs, ytp, ttp);
	if (npairs > 0) {
		double c = gsl_cdf_ugaussian_Pinv(0.975) * sqrt(var), nk = (double)npairs;
		double lo = nearbyint((nk - c) / 2), up = nearbyint((nk + c) / 2 + 1);
		uint64_t mid = npairs / 2;
		ks.n = gs[groups + 1] - gs[1];
		ks.ng = groups;
		ks.gs = gs + 1;
		ks.t = tt;
		ks.y = yy;
		ks.npairs = npairs;
		ks.exact = exact_differences(yy, ks.n) && exact_differences(tt, ks.n);
		for (size_t i = 0; i < ks.n; i++) {
			ks.ymax = fabs(yy[i]) > ks.ymax ? fabs(yy[i]) : ks.ymax;
			ks.tmax = fabs(tt[i]) > ks.tmax ? fabs(tt[i]) : ks.tmax;
		}
		ks.cap = tu && tu->enum_max ? tu->enum_max : 2 * ks.n + 1024;
		ks.max_rounds = tu && tu->max_rounds ? tu->max_rounds : 64;
		ks.mmax = ks.n / 2 + 1024;
		ks.rng = UINT64_C(0x2545F4914F6CDD1D) ^ ks.n;
		ks.rinf = malloc(ks.n * sizeof *ks.rinf);
		ks.rpinf = malloc(ks.n * sizeof *ks.rpinf);
		ks.seqinf = malloc(ks.n * sizeof *ks.seqinf);
		for (int i = 0; i < KS_CACHE; i++) {
			ks.cache[i].rank = malloc(ks.n * sizeof *ks.cache[i].rank);
			if (!ks.cache[i].rank)
				goto out;
		}
		ks.o1 = malloc(ks.n * sizeof *ks.o1);
		ks.o2 = malloc(ks.n * sizeof *ks.o2);
		ks.bp = malloc(ks.n * sizeof *ks.bp);
		ks.cnt = malloc((ks.n + 1 > 4 * 65536 ? ks.n + 1 : 4 * 65536) * sizeof *ks.cnt);
		ks.v = malloc(ks.n * 2 * sizeof *ks.v);
		ks.w = ks.v ? ks.v + ks.n : NULL;
		ks.ktmp = (struct kkey *)ks.v;
		ks.keys = malloc(ks.n * sizeof *ks.keys);
		ks.vals = malloc(ks.cap * sizeof *ks.vals);
		ks.smp = malloc(ks.mmax * sizeof *ks.smp);
		if (!ks.rinf || !ks.rpinf || !ks.seqinf || !ks.cache[KS_CACHE - 1].rank || !ks.o1 || !ks.o2 ||
		    !ks.bp || !ks.cnt || !ks.v || !ks.keys || !ks.vals || !ks.smp)
			goto out;
		rank_inf(&ks, -1, ks.rinf);
		rank_inf(&ks, 1, ks.rpinf);
		{
			uint64_t want[4];
			double got[4];
			int nw = 0, ilo = -1, iup = -1, imid = 0, iprev = -1;
			/* the ranks wanted, ascending and distinct */
			if (lo >= 1 && lo <= nk)
				want[nw++] = (uint64_t)lo - 1;
			if (npairs % 2 == 0)
				want[nw++] = mid - 1;
			want[nw++] = mid;
			if (up >= 1 && up <= nk)
				want[nw++] = (uint64_t)up - 1;
			for (int i = 1; i < nw; i++)
				for (int j = i; j > 0 && want[j - 1] > want[j]; j--) {
					uint64_t x = want[j];
					want[j] = want[j - 1];
					want[j - 1] = x;
				}
			for (int i = 1; i < nw; i++)
				if (want[i] == want[i - 1]) {
					memmove(want + i, want + i + 1, (size_t)(nw - i - 1) * sizeof *want);
					nw--, i--;
				}
			if (ks_select(&ks, want, got, nw) < 0)
				goto out;
			for (int i = 0; i < nw; i++) {
				if (lo >= 1 && lo <= nk && want[i] == (uint64_t)lo - 1)
					ilo = i;
				if (up >= 1 && up <= nk && want[i] == (uint64_t)up - 1)
					iup = i;
				if (want[i] == mid)
					imid = i;
				if (npairs % 2 == 0 && want[i] == mid - 1)
					iprev = i;
			}
			tr->sen = npairs % 2 ? got[imid] : (got[iprev] + got[imid]) / 2;
			if (ilo >= 0)
				tr->sen_lo = got[ilo];
			if (iup >= 0)
				tr->sen_hi = got[iup];
		}
	}
	rc = 0;
out:
	free(gs);
	free(yy);
	free(tt);
	free(ks.rinf);
	free(ks.rpinf);
	free(ks.seqinf);
	for (int i = 0; i < KS_CACHE; i++)
		free(ks.cache[i].rank);
	free(ks.hist);
	free(ks.o1);
	free(ks.o2);
	free(ks.bp);
	free(ks.cnt);
	free(ks.v);
	free(ks.keys);
	free(ks.vals);
	free(ks.smp);
	return rc;
}

/*
 * Mann-Kendall (or Hirsch's seasonal Kendall) and Sen's slope with the
 * rank-based interval of Gilbert (1987) as R's trend::sens.slope computes
 * it: C = z(0.975) sqrt(Var S), ranks round((N - C)/2) and
 * round((N + C)/2 + 1) of the N sorted pairwise slopes (1-based, R's
 * round half to even). The direct method: every pair slope at once, for
 * short series.
 */
static int kendall_direct(const double *t, const double *y, size_t n, const struct ind_trend_opts *o,
			  struct ind_trend *tr)
{
	size_t npairs = n * (n - 1) / 2, k = 0;
	double *slopes = malloc((npairs ? npairs : 1) * sizeof *slopes);
	double s = 0, var = 0, pairs = 0, ytp = 0, ttp = 0, tv, sb = 0;
	int groups = o->season ? o->nseasons : 1;

	if (!slopes)
		return -1;
	for (int g = 1; g <= groups; g++) {
		double *yy = malloc((n ? n : 1) * sizeof *yy), *tt = malloc((n ? n : 1) * sizeof *tt), sg, vg, ng = 0;
		size_t m = 0;
		if (!yy || !tt) {
			free(yy);
			free(tt);
			free(slopes);
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			if (!o->season || o->season[i] == g)
				yy[m] = y[i], tt[m] = t[i], m++;
		if (m >= 2) {
			if (ind_mann_kendall(yy, m, &sg, &vg) < 0) {
			fail:
				free(yy);
				free(tt);
				free(slopes);
				return -1;
			}
			s += sg;
			var += vg;
			ng = (double)m;
			pairs += ng * (ng - 1) / 2;
			if (ties(yy, m, &tv, &vg) < 0)
				goto fail;
			ytp += vg;
			if (ties(tt, m, &tv, &vg) < 0)
				goto fail;
			ttp += vg;
			/* tau-b counts a pair tied in time as neither concordant nor discordant */
			for (size_t i = 0; i + 1 < m; i++)
				for (size_t j = i + 1; j < m; j++) {
					double dt = tt[j] - tt[i], dy = yy[j] - yy[i];
					sb += (double)(((dt > 0) - (dt < 0)) * ((dy > 0) - (dy < 0)));
					if (tt[j] > tt[i])
						slopes[k++] = dy / dt;
				}
		}
		free(yy);
		free(tt);
	}
	mk_finish(tr, s, var, sb, pairs, ytp, ttp);
	if (k > 0) {
		double c = gsl_cdf_ugaussian_Pinv(0.975) * sqrt(var), nk = (double)k;
		double lo = nearbyint((nk - c) / 2), up = nearbyint((nk + c) / 2 + 1);
		size_t mid = k / 2;
		double hi = select_kth(slopes, k, mid);	/* partitions slopes around mid */
		tr->sen = k % 2 ? hi : (max_of(slopes, mid) + hi) / 2;
		if (lo >= 1 && lo <= nk)
			tr->sen_lo = select_after(slopes, k, mid, (size_t)lo - 1);
		if (up >= 1 && up <= nk)
			tr->sen_hi = select_after(slopes, k, mid, (size_t)up - 1);
	}
	free(slopes);
	return 0;
}

/* What the fast method needs: finite values of moderate range, t in order, indexes in 32 bits. */
static bool fast_ok(const double *t, const double *y, size_t n)
{
	if (n >= UINT32_MAX / 2)
		return false;
	for (size_t i = 0; i < n; i++) {
		double a = fabs(y[i]), b = fabs(t[i]);
		if (!(a <= 0x1p250) || (a != 0 && a < 0x1p-250) || !(b <= 0x1p250) || (b != 0 && b < 0x1p-250))
			return false;
		if (i > 0 && !(t[i] >= t[i - 1]))
			return false;
	}
	return true;
}

int ind_kendall_sen(const double *t, const double *y, size_t n, const int *season, int nseasons,
		    const struct ind_kendall_tuning *tu, struct ind_trend *tr)
{
	struct ind_trend_opts o = { IND_SE_OLS, season, nseasons, 0 };
	size_t direct_max = tu ? tu->direct_max : IND_KENDALL_DIRECT_MAX;
	tr->mk_s = tr->mk_var = tr->mk_z = tr->mk_p = tr->mk_tau = tr->sen = tr->sen_lo = tr->sen_hi = NAN;
	if (n <= direct_max || !fast_ok(t, y, n))
		return kendall_direct(t, y, n, &o, tr);
	return kendall_fast(t, y, n, &o, tu, tr);
}

static void all_nan(struct ind_trend *tr)
{
	tr->slope = tr->slope_se = tr->slope_lo = tr->slope_hi = tr->slope_p = tr->intercept = tr->r2 = NAN;
	tr->tmean = tr->level = tr->var_level = tr->cov_ls = tr->var_slope = tr->tq = NAN;
	tr->apc = tr->apc_lo = tr->apc_hi = NAN;
	tr->mk_s = tr->mk_var = tr->mk_z = tr->mk_p = tr->mk_tau = tr->sen = tr->sen_lo = tr->sen_hi = NAN;
	tr->bg_stat = tr->bg_p = NAN;
	tr->dw = tr->acf1 = NAN;
	tr->hac_lag = 0;
}

int ind_trend_fit(const double *t, const double *y, size_t n, const struct ind_trend_opts *o, struct ind_trend *tr)
{
	double *x = NULL, *resid = NULL, *ly = NULL;
	struct line f, g;
	bool positive = true;
	int rc = -1;

	gsl_set_error_handler_off();	/* GSL reports through return codes, never abort() */
	memset(tr, 0, sizeof *tr);
	all_nan(tr);
	tr->n = n;
	if (n < 3)
		return -1;
	x = malloc(n * sizeof *x);
	resid = malloc(n * sizeof *resid);
	ly = malloc(n * sizeof *ly);
	if (!x || !resid || !ly) {
		rc = IND_TREND_NOMEM;
		goto out;
	}
	if (line_fit(t, y, n, o->se, x, resid, &f) < 0 || !(f.sst > 0))
		goto out;

	tr->tmean = f.tmean;
	tr->level = f.level;
	tr->slope = f.slope;
	tr->intercept = f.level - f.slope * f.tmean;
	tr->var_level = f.var_level;
	tr->var_slope = f.var_slope;
	tr->cov_ls = f.cov;
	tr->tq = f.tq;
	tr->hac_lag = f.lag;
	tr->slope_se = sqrt(f.var_slope);
	tr->slope_lo = f.slope - f.tq * tr->slope_se;
	tr->slope_hi = f.slope + f.tq * tr->slope_se;
	if (tr->slope_se > 0)
		tr->slope_p = 2 * gsl_cdf_tdist_Q(fabs(f.slope / tr->slope_se), f.df);
	else
		tr->slope_p = 0;
	tr->r2 = 1 - f.sse / f.sst;

	{	/* residual autocorrelation, in time order */
		double num = 0, lag1 = 0, den = 0;
		for (size_t i = 0; i < n; i++) {
			den += resid[i] * resid[i];
			if (i > 0) {
				num += (resid[i] - resid[i - 1]) * (resid[i] - resid[i - 1]);
				lag1 += resid[i] * resid[i - 1];
			}
		}
		if (den > 0) {
			tr->dw = num / den;
			tr->acf1 = lag1 / den;
		}
	}
	{	/* Breusch-Godfrey on the design [1, t - tmean] */
		double *xx = malloc(2 * n * sizeof *xx);
		int lags = o->ac_lags > 0 ? o->ac_lags : 1;
		if (lags > (int)(n / 4))
			lags = (int)(n / 4);
		tr->bg_lags = lags;
		if (!xx) {
			rc = IND_TREND_NOMEM;
			goto out;
		}
		for (size_t i = 0; i < n; i++)
			xx[2 * i] = 1, xx[2 * i + 1] = x[i];
		ind_breusch_godfrey(xx, resid, n, 2, lags, &tr->bg_stat, &tr->bg_p);
		free(xx);
	}

	for (size_t i = 0; i < n; i++) {
		if (!(y[i] > 0))
			positive = false;
		else
			ly[i] = log(y[i]);
	}
	if (positive && line_fit(t, ly, n, o->se, x, resid, &g) == 0 && g.sst > 0) {
		double se = sqrt(g.var_slope);
		tr->apc = 100 * expm1(g.slope);
		tr->apc_lo = 100 * expm1(g.slope - g.tq * se);
		tr->apc_hi = 100 * expm1(g.slope + g.tq * se);
	}
	if (ind_kendall_sen(t, y, n, o->season, o->nseasons, NULL, tr) < 0) {
		rc = IND_TREND_NOMEM;
		goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		all_nan(tr);
	free(x);
	free(resid);
	free(ly);
	return rc;
}

void ind_trend_predict(const struct ind_trend *tr, double t, double *fit, double *lo, double *hi)
{
	double d = t - tr->tmean, var = tr->var_level + 2 * d * tr->cov_ls + d * d * tr->var_slope;
	*fit = tr->level + tr->slope * d;
	*lo = *fit - tr->tq * sqrt(var);
	*hi = *fit + tr->tq * sqrt(var);
	if (isnan(tr->slope))
		*fit = *lo = *hi = NAN;
}
