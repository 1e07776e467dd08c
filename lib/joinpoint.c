/* joinpoint.c - joinpoint regression: exact search, selection, segment APCs and AAPCs. See LICENSE. */
#include "joinpoint.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

void ind_jp_opts_init(struct ind_jp_opts *o, int kmax)
{
	memset(o, 0, sizeof *o);
	o->kmax = kmax;
	o->log_scale = true;
	o->min_obs = 2;
	o->select = IND_JP_PERMUTATION;
	o->permutations = 4499;
	o->seed = 1;
	o->alpha = 0.05;
}

/* ---- candidate joinpoints ---------------------------------------------- */

struct cand {
	double x;		/* centred position */
	double t;		/* the same in decimal years (exactly t[i] on an observation) */
	size_t nl, nr;		/* observations strictly left and right of it */
	bool obs;		/* on observation nl */
};

/* The positions allowed by the end rule, in increasing order; NULL when out of memory. */
static struct cand *candidates(const double *t, size_t n, double tmean, int grid, size_t min_obs, size_t *m)
{
	size_t cap = n * (size_t)(grid + 1) + 1, k = 0;
	struct cand *c = malloc(cap * sizeof *c);
	if (!c)
		return NULL;
	for (size_t i = 0; i + 1 < n; i++) {
		size_t lo = i, hi = i;	/* observations tied with t[i] */
		while (lo > 0 && t[lo - 1] == t[i])
			lo--;
		while (hi + 1 < n && t[hi + 1] == t[i])
			hi++;
		if (i > 0 && hi == i && lo == i) {
			c[k] = (struct cand){ t[i] - tmean, t[i], i, n - 1 - i, true };
			if (c[k].nl >= min_obs && c[k].nr >= min_obs)
				k++;
		}
		if (t[i + 1] > t[i])
			for (int r = 1; r <= grid; r++) {
				double tt = t[i] + (t[i + 1] - t[i]) * r / (grid + 1);
				c[k] = (struct cand){ tt - tmean, tt, i + 1, n - 1 - i, false };
				if (tt > t[i] && tt < t[i + 1] && c[k].nl >= min_obs && c[k].nr >= min_obs)
					k++;
			}
	}
	*m = k;
	return c;
}

/* Observations strictly between candidates a < b. */
static size_t between(const struct cand *a, const struct cand *b, size_t n) { return b->nl - (n - a->nr); }

/* ---- segment costs ------------------------------------------------------ */

/* Weighted prefix sums of 1, x, x^2, z, xz, z^2. */
struct sums {
	double *s[6];
	size_t n;
};

static void sums_fill(struct sums *S, const double *x, const double *z, const double *w, size_t n)
{
	for (int k = 0; k < 6; k++)
		S->s[k][0] = 0;
	for (size_t i = 0; i < n; i++) {
		double wi = w ? w[i] : 1, v[6] = { wi, wi * x[i], wi * x[i] * x[i], wi * z[i], wi * x[i] * z[i],
						    wi * z[i] * z[i] };
		for (int k = 0; k < 6; k++)
			S->s[k][i + 1] = S->s[k][i] + v[k];
	}
}

/*
 * The cost of observations i0..i1-1 under the line through (a, u) and
 * (b, v): yy - 2 u yl - 2 v yr + u^2 ll + 2 u v lr + v^2 rr.
 */
struct seg {
	double ll, lr, rr, yl, yr, yy;
};

static void seg_cost(const struct sums *S, size_t i0, size_t i1, double a, double b, struct seg *g)
{
	double d[6], h = b - a;
	for (int k = 0; k < 6; k++)
		d[k] = S->s[k][i1] - S->s[k][i0];
	g->ll = (b * b * d[0] - 2 * b * d[1] + d[2]) / (h * h);
	g->rr = (d[2] - 2 * a * d[1] + a * a * d[0]) / (h * h);
	g->lr = (-d[2] + (a + b) * d[1] - a * b * d[0]) / (h * h);
	g->yl = (b * d[3] - d[4]) / h;
	g->yr = (d[4] - a * d[3]) / h;
	g->yy = d[5];
	if (g->ll < 0)
		g->ll = 0;
	if (g->rr < 0)
		g->rr = 0;
}

/* The cost so far as a function of the fitted value v at the last joinpoint: A v^2 + B v + C. */
struct quad {
	double A, B, C;
	int own;	/* the joinpoint it ends at (candidate index) */
	int pq;		/* the previous joinpoint's quadratic in the arena, -1 for the start */
};

/* q, then the segment g to the next joinpoint: the new cost, minimised over q's value. */
static struct quad extend(const struct quad *q, const struct seg *g)
{
	double P = q->A + g->ll, beta = q->B - 2 * g->yl, gam = 2 * g->lr;
	struct quad r = { g->rr, -2 * g->yr, q->C + g->yy, 0, 0 };
	if (P > 0) {
		r.A -= gam * gam / (4 * P);
		r.B -= beta * gam / (2 * P);
		r.C -= beta * beta / (4 * P);
	}
	if (r.A < 0)
		r.A = 0;
	return r;
}

static double quad_min(const struct quad *q) { return q->A > 0 ? q->C - q->B * q->B / (4 * q->A) : q->C; }

/*
 * Where q_i first goes below q_c to the right of w0 (which q_c is the
 * minimum at): -INFINITY never, w0 if it already is by rounding.
 */
static double entry(const struct quad *qi, const struct quad *qc, double w0, bool *never)
{
	double a = qi->A - qc->A, b = qi->B - qc->B, e = qi->C - qc->C, disc, sq, h, r1, r2;
	*never = false;
	if (a == 0) {
		if (b == 0) {
			*never = !(e < 0);
			return w0;
		}
		r1 = -e / b;
		if (b < 0)
			return r1 > w0 ? r1 : w0;
		if (r1 > w0)
			return w0;
		*never = true;
		return w0;
	}
	disc = b * b - 4 * a * e;
	if (disc <= 0) {
		*never = a > 0;
		return w0;
	}
	sq = sqrt(disc);
	h = -0.5 * (b + (b < 0 ? -sq : sq));
	r1 = h / a;
	r2 = e / h;
	if (r1 > r2) {
		double s = r1;
		r1 = r2;
		r2 = s;
	}
	if (a > 0) {		/* below on (r1, r2) */
		if (!(r2 > w0)) {
			*never = true;
			return w0;
		}
		return r1 > w0 ? r1 : w0;
	}
	/* below outside [r1, r2] */
	if (w0 < r1)
		return w0;
	return w0 < r2 ? r2 : w0;
}

/*
 * Keep the quadratics of q[0..m) that are the minimum somewhere (a sweep
 * along v from -infinity); returns how many, moved to the front. If
 * rounding makes the sweep stall, all are kept: more work, same answer.
 */
static double quad_at(const struct quad *q, double v) { return (q->A * v + q->B) * v + q->C; }

static size_t envelope(struct quad *q, size_t m, double lo, double hi, unsigned char *alive, unsigned char *member)
{
	size_t c = 0, steps = 0, k = 0;
	double w0 = lo;
	if (m <= 1)
		return m;
	if (isinf(lo)) {	/* the minimum at -infinity: least curvature, then steepest descent */
		for (size_t i = 1; i < m; i++)
			if (q[i].A < q[c].A ||
			    (q[i].A == q[c].A && (q[i].B > q[c].B || (q[i].B == q[c].B && q[i].C < q[c].C))))
				c = i;
	} else {		/* the minimum at lo, ties to the one lower just after */
		double best = quad_at(&q[0], lo);
		for (size_t i = 1; i < m; i++) {
			double v = quad_at(&q[i], lo);
			if (v < best || (v == best && 2 * q[i].A * lo + q[i].B < 2 * q[c].A * lo + q[c].B)) {
				best = v;
				c = i;
			}
		}
	}
	memset(alive, 1, m);
	memset(member, 0, m);
	member[c] = 1;
	alive[c] = 0;
	for (;;) {
		size_t best = m;
		double bestE = INFINITY;
		bool never;
		if (++steps > 4 * m + 16) {
			memset(member, 1, m);
			break;
		}
		for (size_t i = 0; i < m; i++) {
			double E;
			if (!alive[i] || i == c)
				continue;
			E = entry(&q[i], &q[c], w0, &never);
			if (never) {
				alive[i] = 0;	/* above q_c, so above the envelope, from here on */
				continue;
			}
			if (E < bestE) {
				bestE = E;
				best = i;
			}
		}
		if (best == m || bestE > hi)
			break;
		alive[c] = 1;	/* a parabola may come back further right */
		c = best;
		alive[c] = 0;
		member[c] = 1;
		w0 = bestE;
	}
	for (size_t i = 0; i < m; i++)
		if (member[i])
			q[k++] = q[i];
	return k;
}

struct arena {
	struct quad *q;
	size_t n, cap;
};

static bool arena_push(struct arena *a, const struct quad *q, size_t m)
{
	if (a->n + m > a->cap) {
		size_t cap = a->cap ? a->cap : 1024;
		struct quad *nq;
		while (cap < a->n + m)
			cap *= 2;
		if (!(nq = realloc(a->q, cap * sizeof *nq)))
			return false;
		a->q = nq;
		a->cap = cap;
	}
	memcpy(a->q + a->n, q, m * sizeof *q);
	a->n += m;
	return true;
}

/* Scratch for one search, reusable across searches of the same shape. */
struct dp {
	size_t n, m;
	int kmax;
	struct cand *c;
	double *x;
	struct sums S;
	struct arena ar;
	size_t (*off)[2];	/* per level and candidate: first quadratic and count */
	struct quad *tmp;
	unsigned char *alive, *member;
	size_t tmp_cap;
	double *zc;		/* the response less its mean: smaller sums, less rounding */
	double *lb;		/* lb[r * (n + 1) + i]: r + 1 free lines on observations i.. (0: none left) */
	double ub[IND_JP_MAX + 1];	/* a feasible SSE for each k (INFINITY: none found) */
	double zz;			/* weighted sum of squares of zc */
	double widen;			/* > 1: keep every partial fit that can end within widen times the best */
};

static void dp_free(struct dp *d)
{
	free(d->c);
	free(d->x);
	free(d->S.s[0]);
	free(d->ar.q);
	free(d->off);
	free(d->tmp);
	free(d->alive);
	free(d->member);
	free(d->lb);
	free(d->zc);
	memset(d, 0, sizeof *d);
}

static int dp_init(struct dp *d, const double *t, size_t n, int kmax, size_t min_obs, int grid)
{
	double tmean = 0;
	memset(d, 0, sizeof *d);
	d->n = n;
	d->kmax = kmax;
	for (size_t i = 0; i < n; i++)
		tmean += t[i];
	tmean /= (double)n;
	if (!(d->x = malloc(n * sizeof *d->x)) || !(d->zc = malloc(n * sizeof *d->zc)) || !(d->S.s[0] = malloc(6 * (n + 1) * sizeof(double))))
		goto nomem;
	for (int k = 1; k < 6; k++)
		d->S.s[k] = d->S.s[0] + (size_t)k * (n + 1);
	for (size_t i = 0; i < n; i++)
		d->x[i] = t[i] - tmean;
	if (!(d->c = candidates(t, n, tmean, grid, min_obs, &d->m)))
		goto nomem;
	if (!(d->off = calloc((size_t)(kmax + 1) * (d->m + 1), sizeof *d->off)) ||
	    !(d->lb = malloc((size_t)(kmax + 1) * (n + 1) * sizeof *d->lb)))
		goto nomem;
	return 0;
nomem:
	dp_free(d);
	return IND_JP_NOMEM;
}

static bool tmp_reserve(struct dp *d, size_t m)
{
	if (m <= d->tmp_cap)
		return true;
	size_t cap = d->tmp_cap ? d->tmp_cap : 256;
	while (cap < m)
		cap *= 2;
	struct quad *q = realloc(d->tmp, cap * sizeof *q);
	if (q)
		d->tmp = q;
	unsigned char *a = realloc(d->alive, cap), *b = a ? realloc(d->member, cap) : NULL;
	if (a)
		d->alive = a;
	if (b)
		d->member = b;
	if (!q || !a || !b)
		return false;
	d->tmp_cap = cap;
	return true;
}

/* The weighted SSE of one free line on observations i0..i1-1. */
static double line_cost(const struct sums *S, size_t i0, size_t i1)
{
	double d[6], sxx, sxy, c;
	if (i1 - i0 <= 2)
		return 0;
	for (int k = 0; k < 6; k++)
		d[k] = S->s[k][i1] - S->s[k][i0];
	sxx = d[2] - d[1] * d[1] / d[0];
	sxy = d[4] - d[1] * d[3] / d[0];
	c = d[5] - d[3] * d[3] / d[0] - (sxx > 0 ? sxy * sxy / sxx : 0);
	return c > 0 ? c : 0;
}

/*
 * Lower bounds for what follows a joinpoint: free (discontinuous) lines
 * on the rest can only fit better than continuous segments.
 */
static void fill_lower_bounds(struct dp *d)
{
	size_t n = d->n, w = n + 1;
	for (size_t i = 0; i <= n; i++)
		d->lb[i] = line_cost(&d->S, i, n);
	for (int r = 1; r <= d->kmax; r++)
		for (size_t i = 0; i <= n; i++) {
			double best = d->lb[(size_t)(r - 1) * w + i];
			for (size_t e = i + 1; e < n; e++) {
				double v = line_cost(&d->S, i, e) + d->lb[(size_t)(r - 1) * w + e];
				if (v < best)
					best = v;
			}
			d->lb[(size_t)r * w + i] = best;
		}
}

#define JP_P (IND_JP_MAX + 2)

/* Cholesky of the normal equations a (lower triangle) in place, then L^-1 rhs; false when singular. */
static bool chol_solve(double a[JP_P][JP_P], double *rhs, int p)
{
	for (int u = 0; u < p; u++)
		for (int v = 0; v <= u; v++) {
			double sum = a[u][v];
			for (int c = 0; c < v; c++)
				sum -= a[u][c] * a[v][c];
			if (u == v) {
				if (!(sum > 1e-12 * (a[u][u] + 1)))
					return false;
				a[u][u] = sqrt(sum);
			} else {
				a[u][v] = sum / a[v][v];
			}
		}
	for (int u = 0; u < p; u++) {
		double sum = rhs[u];
		for (int c = 0; c < u; c++)
			sum -= a[u][c] * rhs[c];
		rhs[u] = sum / a[u][u];
	}
	return true;
}

/* The hinge basis at observation i for knots kx[0..k). */
static void hinge_row(const struct dp *d, size_t i, const double *kx, int k, double *r)
{
	r[0] = 1;
	r[1] = d->x[i];
	for (int j = 0; j < k; j++)
		r[2 + j] = fmax(d->x[i] - kx[j], 0);
}

/*
 * The weighted SSE at knots kx[0..k), summed from the residuals: the SSE
 * of some fit at a feasible placement, so never below the best one (up to
 * the rounding of the residuals themselves), whatever the rounding of the
 * coefficients.
 */
static double hinge_sse_direct(const struct dp *d, const double *z, const double *w, const double *kx, int k)
{
	double a[JP_P][JP_P] = { { 0 } }, rhs[JP_P] = { 0 }, r[JP_P], beta[JP_P], sse = 0;
	int p = k + 2;
	for (size_t i = 0; i < d->n; i++) {
		double wi = w ? w[i] : 1;
		hinge_row(d, i, kx, k, r);
		for (int u = 0; u < p; u++) {
			for (int v = 0; v <= u; v++)
				a[u][v] += wi * r[u] * r[v];
			rhs[u] += wi * r[u] * z[i];
		}
	}
	if (!chol_solve(a, rhs, p))
		return INFINITY;
	for (int u = p - 1; u >= 0; u--) {	/* L' beta = L^-1 rhs */
		double sum = rhs[u];
		for (int c = u + 1; c < p; c++)
			sum -= a[c][u] * beta[c];
		beta[u] = sum / a[u][u];
	}
	for (size_t i = 0; i < d->n; i++) {
		double f = 0, e;
		hinge_row(d, i, kx, k, r);
		for (int u = 0; u < p; u++)
			f += beta[u] * r[u];
		e = z[i] - f;
		sse += (w ? w[i] : 1) * e * e;
	}
	return sse;
}

/*
 * Upper bounds: joinpoints added one at a time where each helps most (the
 * choice by the normal equations of the current knots plus one column,
 * which is quick), each bound then summed from its residuals. Any
 * feasible placement gives a valid bound; a good one prunes more.
 */
static void fill_upper_bounds(struct dp *d, const double *z, const double *w, size_t min_obs)
{
	size_t idx[IND_JP_MAX], n = d->n;
	double kx[IND_JP_MAX];
	for (int k = 0; k <= d->kmax; k++)
		d->ub[k] = INFINITY;
	for (int k = 1; k <= d->kmax; k++) {
		size_t best_c = d->m;
		double best = INFINITY, base[JP_P][JP_P] = { { 0 } }, brhs[JP_P] = { 0 }, zz = 0, r[JP_P];
		int p0 = k + 1;	/* 1, x and the k - 1 knots so far */
		for (size_t i = 0; i < n; i++) {
			double wi = w ? w[i] : 1;
			hinge_row(d, i, kx, k - 1, r);
			for (int u = 0; u < p0; u++) {
				for (int v = 0; v <= u; v++)
					base[u][v] += wi * r[u] * r[v];
				brhs[u] += wi * r[u] * z[i];
			}
			zz += wi * z[i] * z[i];
		}
		for (size_t c = 0; c < d->m; c++) {
			int pos = 0;
			bool ok = true;
			while (pos < k - 1 && idx[pos] < c)
				pos++;
			if (pos < k - 1 && idx[pos] == c)
				continue;
			if (pos > 0)
				ok = between(&d->c[idx[pos - 1]], &d->c[c], n) >= min_obs;
			if (ok && pos < k - 1)
				ok = between(&d->c[c], &d->c[idx[pos]], n) >= min_obs;
			if (ok) {
				double a[JP_P][JP_P], rhs[JP_P], fit = 0;
				memcpy(a, base, sizeof a);
				memcpy(rhs, brhs, sizeof rhs);
				for (int v = 0; v <= p0; v++)
					a[p0][v] = 0;
				rhs[p0] = 0;
				for (size_t i = n - d->c[c].nr; i < n; i++) {	/* the new column is 0 before c */
					double wi = w ? w[i] : 1, h = d->x[i] - d->c[c].x;
					hinge_row(d, i, kx, k - 1, r);
					for (int v = 0; v < p0; v++)
						a[p0][v] += wi * h * r[v];
					a[p0][p0] += wi * h * h;
					rhs[p0] += wi * h * z[i];
				}
				if (chol_solve(a, rhs, p0 + 1)) {
					for (int u = 0; u <= p0; u++)
						fit += rhs[u] * rhs[u];
					if (zz - fit < best) {
						best = zz - fit;
						best_c = c;
					}
				}
			}
		}
		if (best_c == d->m)
			break;
		{	/* keep idx sorted */
			int pos = 0;
			while (pos < k - 1 && idx[pos] < best_c)
				pos++;
			memmove(idx + pos + 1, idx + pos, (size_t)(k - 1 - pos) * sizeof *idx);
			idx[pos] = best_c;
			for (int j = 0; j < k; j++)
				kx[j] = d->c[idx[j]].x;
		}
		d->ub[k] = hinge_sse_direct(d, z, w, kx, k);
	}
	d->zz = 0;
	for (size_t i = 0; i < n; i++)
		d->zz += (w ? w[i] : 1) * z[i] * z[i];
}

/*
 * The most a partial fit at level lev, ending before observation i1, may
 * cost and still lead to a best fit for some k >= lev (INFINITY: no bound).
 */
static double cost_limit(const struct dp *d, int lev, size_t i1)
{
	double lim = -INFINITY;
	for (int k = lev; k <= d->kmax; k++) {
		/* slack for the rounding of the search's sums, which grows with the sum of squares */
		double u = d->ub[k] * (1 + 1e-9) * (d->widen > 1 ? d->widen : 1) + 1e-9 * d->zz + 1e-300 -
			   d->lb[(size_t)(k - lev) * (d->n + 1) + i1];
		if (u > lim)
			lim = u;
	}
	return lim;
}

/* Where q <= lim: [*lo, *hi] (empty when *lo > *hi). */
static void quad_below(const struct quad *q, double lim, double *lo, double *hi)
{
	double mv = quad_min(q);
	*lo = INFINITY;
	*hi = -INFINITY;
	if (!(mv <= lim))
		return;
	if (!(q->A > 0) || isinf(lim)) {
		*lo = -INFINITY;
		*hi = INFINITY;
		return;
	}
	{
		double v0 = -q->B / (2 * q->A), r = sqrt((lim - mv) / q->A);
		*lo = v0 - r * (1 + 1e-9) - 1e-12;
		*hi = v0 + r * (1 + 1e-9) + 1e-12;
	}
}

/* The search proper on response z (weights w). */
static int dp_run(struct dp *d, const double *z, const double *w, size_t min_obs, double *sse,
		  double (*tau)[IND_JP_MAX])
{
	size_t n = d->n, m = d->m;
	const struct cand *c = d->c;
	struct quad zero = { 0, 0, 0, -1, -1 };
	struct seg g;

	{
		double sw = 0, swz = 0;
		for (size_t i = 0; i < n; i++) {
			sw += w ? w[i] : 1;
			swz += (w ? w[i] : 1) * z[i];
		}
		for (size_t i = 0; i < n; i++)
			d->zc[i] = z[i] - swz / sw;
		z = d->zc;
	}
	sums_fill(&d->S, d->x, z, w, n);
	fill_lower_bounds(d);
	fill_upper_bounds(d, z, w, min_obs);
	d->ar.n = 0;
	for (int k = 0; k <= d->kmax; k++) {
		sse[k] = INFINITY;
		for (int j = 0; j < IND_JP_MAX; j++)
			tau[k][j] = NAN;
	}
	seg_cost(&d->S, 0, n, d->x[0], d->x[n - 1], &g);
	{
		struct quad q = extend(&zero, &g);
		sse[0] = quad_min(&q);
	}
	for (int lev = 1; lev <= d->kmax; lev++) {
		size_t (*off)[2] = d->off + (size_t)lev * (m + 1);
		size_t (*poff)[2] = d->off + (size_t)(lev - 1) * (m + 1);
		for (size_t b = 0; b < m; b++) {
			size_t cnt = 0, i1 = n - c[b].nr;
			off[b][0] = d->ar.n;
			off[b][1] = 0;
			if (lev == 1) {
				seg_cost(&d->S, 0, i1, d->x[0], c[b].x, &g);
				if (!tmp_reserve(d, 1))
					return IND_JP_NOMEM;
				d->tmp[0] = extend(&zero, &g);
				d->tmp[0].own = (int)b;
				d->tmp[0].pq = -1;
				cnt = 1;
			} else {
				double lim = cost_limit(d, lev, i1), lo = INFINITY, hi = -INFINITY;
				/* an observation on the joinpoint: its residual alone is at most the bound */
				double plo = -INFINITY, phi = INFINITY;
				if (c[b].obs && isfinite(lim)) {
					double wi = w ? w[c[b].nl] : 1, r = sqrt(fmax(lim, 0) / wi) * (1 + 1e-9) + 1e-12;
					plo = z[c[b].nl] - r;
					phi = z[c[b].nl] + r;
				}
				for (size_t a = 0; a < b; a++) {
					if (!poff[a][1] || between(&c[a], &c[b], n) < min_obs)
						continue;
					seg_cost(&d->S, n - c[a].nr, i1, c[a].x, c[b].x, &g);
					if (!tmp_reserve(d, cnt + poff[a][1]))
						return IND_JP_NOMEM;
					for (size_t j = 0; j < poff[a][1]; j++) {
						size_t qi = poff[a][0] + j;
						struct quad r = extend(&d->ar.q[qi], &g);
						double l1, h1;
						quad_below(&r, lim, &l1, &h1);
						if (fmax(l1, plo) > fmin(h1, phi))
							continue;	/* cannot lead to a best fit */
						lo = fmin(lo, l1);
						hi = fmax(hi, h1);
						r.own = (int)b;
						r.pq = (int)qi;
						d->tmp[cnt++] = r;
					}
				}
				cnt = envelope(d->tmp, cnt, fmax(lo, plo), fmin(hi, phi), d->alive, d->member);
			}
			if (cnt && !arena_push(&d->ar, d->tmp, cnt))
				return IND_JP_NOMEM;
			off[b][1] = cnt;
		}
		/* the last segment, to the end */
		{
			double best = INFINITY;
			size_t bq = 0;
			for (size_t a = 0; a < m; a++) {
				if (!off[a][1])
					continue;
				seg_cost(&d->S, n - c[a].nr, n, c[a].x, d->x[n - 1], &g);
				for (size_t j = 0; j < off[a][1]; j++) {
					struct quad r = extend(&d->ar.q[off[a][0] + j], &g);
					double v = quad_min(&r);
					if (v < best) {
						best = v;
						bq = off[a][0] + j;
					}
				}
			}
			if (isfinite(best)) {
				size_t q = bq;
				sse[lev] = best > 0 ? best : 0;
				for (int j = lev; j > 0; j--) {
					tau[lev][j - 1] = c[d->ar.q[q].own].t;
					q = (size_t)d->ar.q[q].pq;
				}
			}
		}
	}
	return 0;
}

int ind_jp_search(const double *t, const double *z, const double *w, size_t n, int kmax, size_t min_obs,
		  int grid, double sse[IND_JP_MAX + 1], double tau[IND_JP_MAX + 1][IND_JP_MAX])
{
	struct dp d;
	int rc;
	if (n < 2 || kmax < 0 || kmax > IND_JP_MAX || grid < 0 || !(t[n - 1] > t[0]))
		return -1;
	if ((rc = dp_init(&d, t, n, kmax, min_obs, grid)) != 0)
		return rc;
	rc = dp_run(&d, z, w, min_obs, sse, tau);
	dp_free(&d);
	return rc;
}

/* ---- joinpoint intervals --------------------------------------------------- */

/*
 * q[j * m + b] = Q(x_b, j, k): the least (weighted) SSE of k joinpoints
 * with the (j+1)-th at candidate b (INFINITY where none fits), for every
 * candidate whose Q can be at most widen times the best. The forward
 * search holds, for j + 1 joinpoints ending at b, the cost of the
 * observations up to b as a function of the fitted value there; the same
 * search on the time-reversed series holds the cost of the rest with the
 * remaining k - j joinpoints: Q is the least sum over that value (the
 * observation on b, in both, counted once). *m and *ct (malloc'ed, the
 * candidates' times) are set. Returns 0, -1 (bad arguments), IND_JP_NOMEM.
 */
static int jp_profile(const double *t, const double *z, const double *w, size_t n, int k, size_t min_obs, int grid,
		      double widen, double **q_out, double **ct_out, size_t *m_out)
{
	struct dp f, r;
	double *tr = malloc(n * sizeof *tr), *zr = malloc(n * sizeof *zr), *wr = w ? malloc(n * sizeof *wr) : NULL;
	double sse[IND_JP_MAX + 1], tau[IND_JP_MAX + 1][IND_JP_MAX], *q = NULL, *ct = NULL;
	int rc = IND_JP_NOMEM;
	bool f_ok = false, r_ok = false;

	*q_out = *ct_out = NULL;
	*m_out = 0;
	if (!tr || !zr || (w && !wr))
		goto out;
	for (size_t i = 0; i < n; i++) {
		tr[i] = -t[n - 1 - i];
		zr[i] = z[n - 1 - i];
		if (w)
			wr[i] = w[n - 1 - i];
	}
	if ((rc = dp_init(&f, t, n, k, min_obs, grid)) != 0)
		goto out;
	f_ok = true;
	if ((rc = dp_init(&r, tr, n, k, min_obs, grid)) != 0)
		goto out;
	r_ok = true;
	f.widen = r.widen = widen;
	if ((rc = dp_run(&f, z, w, min_obs, sse, tau)) != 0 || (rc = dp_run(&r, zr, wr, min_obs, sse, tau)) != 0)
		goto out;
	rc = -1;
	if (f.m != r.m)
		goto out;
	for (size_t b = 0; b < f.m; b++)	/* the same candidates, mirrored */
		if (fabs(f.c[b].t + r.c[f.m - 1 - b].t) > 1e-9 * (fabs(f.c[b].t) + 1) || f.c[b].obs != r.c[f.m - 1 - b].obs)
			goto out;
	rc = IND_JP_NOMEM;
	if (!(q = malloc((size_t)(k ? k : 1) * (f.m ? f.m : 1) * sizeof *q)) || !(ct = malloc((f.m ? f.m : 1) * sizeof *ct)))
		goto out;
	for (size_t b = 0; b < f.m; b++)
		ct[b] = f.c[b].t;
	for (int j = 0; j < k; j++)
		for (size_t b = 0; b < f.m; b++) {
			size_t(*lo)[2] = f.off + (size_t)(j + 1) * (f.m + 1) + b;
			size_t(*ro)[2] = r.off + (size_t)(k - j) * (r.m + 1) + (r.m - 1 - b);
			double best = INFINITY, wo = 0, zo = 0;
			if (f.c[b].obs) {	/* counted on both sides: taken off once */
				size_t i = f.c[b].nl;
				wo = w ? w[i] : 1;
				zo = f.zc[i];
			}
			for (size_t a = 0; a < (*lo)[1]; a++)
				for (size_t c = 0; c < (*ro)[1]; c++) {
					const struct quad *ql = &f.ar.q[(*lo)[0] + a], *qr = &r.ar.q[(*ro)[0] + c];
					struct quad sum = { ql->A + qr->A - wo, ql->B + qr->B + 2 * wo * zo, ql->C + qr->C - wo * zo * zo, 0, 0 };
					double v;
					if (sum.A < 0)
						sum.A = 0;
					v = quad_min(&sum);
					if (v < best)
						best = v;
				}
			q[(size_t)j * f.m + b] = best < 0 ? 0 : best;
		}
	*q_out = q;
	*ct_out = ct;
	*m_out = f.m;
	q = ct = NULL;
	rc = 0;
out:
	if (f_ok)
		dp_free(&f);
	if (r_ok)
		dp_free(&r);
	free(q);
	free(ct);
	free(tr);
	free(zr);
	free(wr);
	return rc;
}

/* ---- least squares at given joinpoints ---------------------------------- */

struct lsq {
	size_t n;
	int p;
	gsl_matrix *X, *cov;
	gsl_vector *Z, *W, *beta;
	gsl_multifit_linear_workspace *ws;
};

static void lsq_free(struct lsq *l)
{
	gsl_matrix_free(l->X);
	gsl_matrix_free(l->cov);
	gsl_vector_free(l->Z);
	gsl_vector_free(l->W);
	gsl_vector_free(l->beta);
	gsl_multifit_linear_free(l->ws);
	memset(l, 0, sizeof *l);
}

static bool lsq_alloc(struct lsq *l, size_t n, int p)
{
	memset(l, 0, sizeof *l);
	l->n = n;
	l->p = p;
	l->X = gsl_matrix_alloc(n, (size_t)p);
	l->cov = gsl_matrix_alloc((size_t)p, (size_t)p);
	l->Z = gsl_vector_alloc(n);
	l->W = gsl_vector_alloc(n);
	l->beta = gsl_vector_alloc((size_t)p);
	l->ws = gsl_multifit_linear_alloc(n, (size_t)p);
	if (l->X && l->cov && l->Z && l->W && l->beta && l->ws)
		return true;
	lsq_free(l);
	return false;
}

/* Weighted least squares of z on the hinge basis at knots xk[0..k) (centred); the weighted SSE or NaN. */
static double lsq_fit(struct lsq *l, const double *x, const double *z, const double *w, const double *xk, int k)
{
	double chisq;
	for (size_t i = 0; i < l->n; i++) {
		gsl_matrix_set(l->X, i, 0, 1);
		gsl_matrix_set(l->X, i, 1, x[i]);
		for (int j = 0; j < k; j++) {
			double h = x[i] - xk[j];
			gsl_matrix_set(l->X, i, (size_t)(2 + j), h > 0 ? h : 0);
		}
		gsl_vector_set(l->Z, i, z[i]);
		gsl_vector_set(l->W, i, w ? w[i] : 1);
	}
	if (gsl_multifit_wlinear(l->X, l->W, l->Z, l->beta, l->cov, &chisq, l->ws) != 0)
		return NAN;
	return chisq;
}

int ind_jp_exhaustive(const double *t, const double *z, const double *w, size_t n, int kmax, size_t min_obs,
		      int grid, double sse[IND_JP_MAX + 1], double tau[IND_JP_MAX + 1][IND_JP_MAX])
{
	double tmean = 0, *x;
	size_t m;
	struct cand *c;
	int rc = 0;

	if (n < 2 || kmax < 0 || kmax > IND_JP_MAX || grid < 0 || !(t[n - 1] > t[0]))
		return -1;
	for (size_t i = 0; i < n; i++)
		tmean += t[i];
	tmean /= (double)n;
	x = malloc(n * sizeof *x);
	c = candidates(t, n, tmean, grid, min_obs, &m);
	if (!x || !c) {
		free(x);
		free(c);
		return IND_JP_NOMEM;
	}
	for (size_t i = 0; i < n; i++)
		x[i] = t[i] - tmean;
	gsl_set_error_handler_off();
	for (int k = 0; k <= kmax; k++) {
		struct lsq l;
		size_t idx[IND_JP_MAX];
		int lev = 0;
		sse[k] = INFINITY;
		for (int j = 0; j < IND_JP_MAX; j++)
			tau[k][j] = NAN;
		if (!lsq_alloc(&l, n, k + 2)) {
			rc = IND_JP_NOMEM;
			break;
		}
		/* odometer over increasing index tuples that keep the spacing */
		if (k == 0) {
			sse[0] = lsq_fit(&l, x, z, w, NULL, 0);
		} else {
			idx[0] = 0;
			while (lev >= 0) {
				if (idx[lev] >= m) {
					if (--lev >= 0)
						idx[lev]++;
					continue;
				}
				if (lev > 0 && between(&c[idx[lev - 1]], &c[idx[lev]], n) < min_obs) {
					idx[lev]++;
					continue;
				}
				if (lev + 1 < k) {
					idx[lev + 1] = idx[lev] + 1;
					lev++;
					continue;
				}
				{
					double xk[IND_JP_MAX], s;
					for (int j = 0; j < k; j++)
						xk[j] = c[idx[j]].x;
					s = lsq_fit(&l, x, z, w, xk, k);
					if (s < sse[k]) {
						sse[k] = s;
						for (int j = 0; j < k; j++)
							tau[k][j] = c[idx[j]].t;
					}
				}
				idx[lev]++;
			}
		}
		lsq_free(&l);
	}
	free(x);
	free(c);
	return rc;
}

/* ---- selection: the permutation tests ------------------------------------ */

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in 0..k-1 without modulo bias. */
static size_t rand_below(uint64_t *s, size_t k)
{
	uint64_t lim = UINT64_MAX - UINT64_MAX % k, r;
	do
		r = splitmix(s);
	while (r >= lim);
	return (size_t)(r % k);
}

struct perm_job {
	const double *t, *fit0, *res, *w;	/* res: standardised residuals of the null model */
	size_t n, min_obs;
	int grid, ka, kb, nperm, stride, first, test_no;
	uint64_t seed;
	double stat, sse_floor;
	long count;		/* permuted statistics >= the observed one */
	int rc;
	const struct ind_jp_opts *o;
	double progress_base, progress_span;
};

static void *perm_worker(void *arg)
{
	struct perm_job *j = arg;
	struct dp d;
	size_t n = j->n;
	double *z = malloc(n * sizeof *z), *e = malloc(n * sizeof *e), sse[IND_JP_MAX + 1],
	       tau[IND_JP_MAX + 1][IND_JP_MAX];

	j->count = 0;
	j->rc = 0;
	if (!z || !e || dp_init(&d, j->t, n, j->kb, j->min_obs, j->grid) != 0) {
		free(z);
		free(e);
		j->rc = IND_JP_NOMEM;
		return NULL;
	}
	for (int r = j->first; r < j->nperm; r += j->stride) {
		/* one stream per permutation: the same p-values whatever the threads */
		uint64_t s = j->seed ^ ((uint64_t)j->test_no << 40) ^ (uint64_t)r * 0xd1b54a32d192ed03ULL;
		splitmix(&s);
		memcpy(e, j->res, n * sizeof *e);
		for (size_t i = n - 1; i > 0; i--) {
			size_t k = rand_below(&s, i + 1);
			double tmp = e[i];
			e[i] = e[k];
			e[k] = tmp;
		}
		for (size_t i = 0; i < n; i++)
			z[i] = j->fit0[i] + (j->w ? e[i] / sqrt(j->w[i]) : e[i]);
		if ((j->rc = dp_run(&d, z, j->w, j->min_obs, sse, tau)) != 0)
			break;
		if (fmax(sse[j->ka], j->sse_floor) / fmax(sse[j->kb], j->sse_floor) >= j->stat * (1 - 1e-12))
			j->count++;
		if (j->first == 0 && j->o->progress && (r / j->stride) % 64 == 0)
			j->o->progress(j->o->progress_ctx, j->progress_base + j->progress_span * r / j->nperm);
	}
	dp_free(&d);
	free(z);
	free(e);
	return NULL;
}

/* ---- the information criteria ---------------------------------------------- */

/*
 * MBIC(k) = ln(SSE/n) + (3k ln n + sum over segments of ln(n_i/n)) / n:
 * Zhang and Siegmund's (2007) modified BIC, -2/n times their log Bayes
 * factor approximation with the variance profiled out, n_i the
 * observations of segment i (after its start, up to and with its end; the
 * first segment with the first observation). A segment with none has no
 * value: INFINITY.
 */
static double mbic_of(const double *t, size_t n, double sse, const double *tau, int k)
{
	double pen = 3.0 * k * log((double)n);
	for (int s = 0; s <= k; s++) {
		size_t c = 0;
		for (size_t i = 0; i < n; i++)
			c += (s == 0 || t[i] > tau[s - 1]) && (s == k || t[i] <= tau[s]);
		if (!c)
			return INFINITY;
		pen += log((double)c / (double)n);
	}
	return log(sse / (double)n) + pen / (double)n;
}

/*
 * The WBIC weight: the largest over joinpoints i of the partial R^2 of the
 * hinge (t - tau_i)+ given a straight line, on the observations of the
 * two segments it joins (after tau_{i-1}, up to and with tau_{i+1}; from
 * the first observation, to the last), weighted as the fit.
 */
static double wbic_weight_of(const double *t, const double *z, const double *w, size_t n, const double *tau, int k)
{
	double best = 0;
	for (int j = 0; j < k; j++) {
		double lo = j == 0 ? -INFINITY : tau[j - 1], hi = j + 1 == k ? INFINITY : tau[j + 1];
		double s0 = 0, sx = 0, sxx = 0, sy = 0, sxy = 0, sh = 0, sxh = 0, syy = 0, syh = 0, shh = 0;
		for (size_t i = 0; i < n; i++) {
			double wi = w ? w[i] : 1, x = t[i] - tau[j], h = x > 0 ? x : 0;
			if (!(t[i] > lo && t[i] <= hi))
				continue;
			s0 += wi, sx += wi * x, sxx += wi * x * x, sy += wi * z[i], sxy += wi * x * z[i];
			sh += wi * h, sxh += wi * x * h, syy += wi * z[i] * z[i], syh += wi * z[i] * h, shh += wi * h * h;
		}
		{	/* residuals of y and h on 1, x: (I - H0) y and (I - H0) h, their inner products */
			double det = s0 * sxx - sx * sx, ryy, rhh, ryh, r2;
			if (!(det > 0))
				continue;
			ryy = syy - (sxx * sy * sy - 2 * sx * sy * sxy + s0 * sxy * sxy) / det;
			rhh = shh - (sxx * sh * sh - 2 * sx * sh * sxh + s0 * sxh * sxh) / det;
			ryh = syh - (sxx * sy * sh - sx * (sy * sxh + sh * sxy) + s0 * sxy * sxh) / det;
			if (!(ryy > 0 && rhh > 0))
				continue;
			r2 = ryh * ryh / (ryy * rhh);
			if (r2 > best)
				best = r2 > 1 ? 1 : r2;
		}
	}
	return best;
}

/* ---- the fit ------------------------------------------------------------- */

static double tdist_p(double tstat, double df) { return 2 * gsl_cdf_tdist_Q(fabs(tstat), df); }

/* The length-weighted average of the segment slopes over [from, to]: contrast a on beta. */
static void average(struct ind_joinpoints *jp, const gsl_matrix *cov, double tq, double t0, double t1,
		    struct ind_jp_average *av)
{
	int p = jp->k + 2;
	double a[IND_JP_MAX + 2] = { 0 }, m = 0, v = 0, len = av->to - av->from, tol = 1e-9 * (fabs(t1) + 1);
	av->slope = av->slope_se = av->value = av->lo = av->hi = av->p = NAN;
	if (!(len > 0) || av->from < t0 - tol || av->to > t1 + tol)
		return;
	for (int s = 0; s <= jp->k; s++) {
		double lo = fmax(jp->seg[s].t0, av->from), hi = fmin(jp->seg[s].t1, av->to), wgt;
		if (!(hi > lo))
			continue;
		wgt = (hi - lo) / len;
		a[1] += wgt;
		for (int j = 0; j < s; j++)
			a[2 + j] += wgt;
	}
	for (int b = 0; b < p; b++) {
		m += a[b] * jp->beta[b];
		for (int c = 0; c < p; c++)
			v += a[b] * a[c] * gsl_matrix_get(cov, (size_t)b, (size_t)c);
	}
	av->slope = m;
	av->slope_se = sqrt(v);
	av->p = tdist_p(m / av->slope_se, jp->df);
	if (jp->log_scale) {
		av->value = 100 * expm1(m);
		av->lo = 100 * expm1(m - tq * av->slope_se);
		av->hi = 100 * expm1(m + tq * av->slope_se);
	} else {
		av->value = m;
		av->lo = m - tq * av->slope_se;
		av->hi = m + tq * av->slope_se;
	}
}

int ind_joinpoints_fit(const double *t, const double *y, const double *w, size_t n, const struct ind_jp_opts *o,
		       struct ind_joinpoints *jp)
{
	double *x = NULL, *z = NULL, tau[IND_JP_MAX + 1][IND_JP_MAX], tmean = 0, sse_floor;
	int rc = -1, kmax = o->kmax;
	struct lsq l = { 0 };

	gsl_set_error_handler_off();
	memset(jp, 0, sizeof *jp);
	jp->method = o->select;
	jp->log_scale = o->log_scale;
	jp->whole.slope = jp->whole.value = jp->whole.lo = jp->whole.hi = jp->whole.p = jp->whole.slope_se = NAN;
	if (n < 3 || kmax < 0 || kmax > IND_JP_MAX || !(t[n - 1] > t[0]))
		return -1;
	x = malloc(n * sizeof *x);
	z = malloc(n * sizeof *z);
	if (!x || !z) {
		rc = IND_JP_NOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		tmean += t[i];
	tmean /= (double)n;
	jp->tmean = tmean;
	for (size_t i = 0; i < n; i++) {
		if ((o->log_scale && !(y[i] > 0)) || (w && !(w[i] > 0 && isfinite(w[i]))))
			goto out;
		x[i] = t[i] - tmean;
		z[i] = o->log_scale ? log(y[i]) : y[i];
	}
	/* no more joinpoints than leave degrees of freedom */
	while (kmax > 0 && (double)n - 2.0 * kmax - 2 < 1)
		kmax--;
	if ((double)n - 2 < 1)
		goto out;
	if ((rc = ind_jp_search(t, z, w, n, kmax, o->min_obs, o->grid, jp->sse, tau)) != 0)
		goto out;
	rc = -1;
	for (int k = kmax + 1; k <= IND_JP_MAX; k++)
		jp->sse[k] = INFINITY;
	jp->kmax_fitted = 0;
	{	/* below this an SSE is rounding (the search sums squares): an exact fit */
		double sw = 0, swz = 0, ss = 0;
		for (size_t i = 0; i < n; i++) {
			sw += w ? w[i] : 1;
			swz += (w ? w[i] : 1) * z[i];
		}
		for (size_t i = 0; i < n; i++)
			ss += (w ? w[i] : 1) * (z[i] - swz / sw) * (z[i] - swz / sw);
		sse_floor = 1e-12 * ss + 1e-300;
	}
	for (int k = 0; k <= IND_JP_MAX; k++) {
		jp->bic[k] = jp->mbic[k] = jp->wbic[k] = INFINITY;
		jp->wbic_weight[k] = NAN;
		if (isfinite(jp->sse[k])) {
			double ln_n = log((double)n);
			if (jp->sse[k] < sse_floor)
				jp->sse[k] = sse_floor;
			/* BIC as in Joinpoint: ln(SSE/n) + 2(k+1) ln(n)/n */
			jp->bic[k] = log(jp->sse[k] / (double)n) + 2.0 * (k + 1) * ln_n / (double)n;
			jp->mbic[k] = mbic_of(t, n, jp->sse[k], tau[k], k);
			/* WBIC: the penalty of BIC (2k + 2) and of BIC3 (3k + 2) mixed by the weight */
			jp->wbic_weight[k] = wbic_weight_of(t, z, w, n, tau[k], k);
			jp->wbic[k] = log(jp->sse[k] / (double)n) + ((2 + jp->wbic_weight[k]) * k + 2) * ln_n / (double)n;
			jp->kmax_fitted = k;
		}
	}
	if (!isfinite(jp->sse[0]))
		goto out;
	if (o->select != IND_JP_PERMUTATION) {
		const double *crit = o->select == IND_JP_BIC ? jp->bic : o->select == IND_JP_MBIC ? jp->mbic : jp->wbic;
		for (int k = 1; k <= jp->kmax_fitted; k++)
			if (crit[k] < crit[jp->k])
				jp->k = k;
	} else {
		/* sequential tests of ka against kb, each at alpha / (kmax - ka) (Joinpoint 3.0 on) */
		int ka = 0, kb = jp->kmax_fitted, threads = o->threads > 0 ? o->threads : 2, ntest_max = kb;
		while (ka < kb) {
			struct ind_jp_test *ts = &jp->test[jp->ntests];
			double *fit0 = malloc(n * sizeof *fit0), *res = malloc(n * sizeof *res), xk[IND_JP_MAX];
			struct perm_job jobs[8];
			pthread_t th[8];
			int nth = threads > 8 ? 8 : threads, started = 0;
			bool ok = fit0 && res && lsq_alloc(&l, n, ka + 2);
			for (int j = 0; ok && j < ka; j++)
				xk[j] = tau[ka][j] - tmean;
			if (ok && isnan(lsq_fit(&l, x, z, w, xk, ka)))
				ok = false;
			for (size_t i = 0; ok && i < n; i++) {
				double f = gsl_vector_get(l.beta, 0) + gsl_vector_get(l.beta, 1) * x[i];
				for (int j = 0; j < ka; j++)
					f += gsl_vector_get(l.beta, (size_t)(2 + j)) * fmax(x[i] - xk[j], 0);
				fit0[i] = f;
				res[i] = (z[i] - f) * (w ? sqrt(w[i]) : 1);
			}
			lsq_free(&l);
			ts->ka = ka;
			ts->kb = kb;
			ts->stat = jp->sse[ka] / jp->sse[kb];
			ts->level = o->alpha / (jp->kmax_fitted - ka);
			for (int i = 0; ok && i < nth; i++) {
				jobs[i] = (struct perm_job){ .t = t, .fit0 = fit0, .res = res, .w = w, .n = n,
							     .min_obs = o->min_obs, .grid = o->grid, .ka = ka, .kb = kb,
							     .nperm = o->permutations, .stride = nth, .first = i,
							     .test_no = jp->ntests, .seed = o->seed, .stat = ts->stat, .sse_floor = sse_floor,
							     .o = o, .progress_base = (double)jp->ntests / ntest_max,
							     .progress_span = 1.0 / ntest_max };
				if (i > 0 && pthread_create(&th[i], NULL, perm_worker, &jobs[i]) == 0)
					started |= 1 << i;
				else if (i > 0)
					perm_worker(&jobs[i]);	/* no thread: do its share here */
			}
			if (ok)
				perm_worker(&jobs[0]);
			{
				long count = 0;
				for (int i = 0; ok && i < nth; i++) {
					if (started & (1 << i))
						pthread_join(th[i], NULL);
					if (jobs[i].rc != 0)
						ok = false;
					count += jobs[i].count;
				}
				ts->p = ((double)count + 1) / ((double)o->permutations + 1);
			}
			free(fit0);
			free(res);
			if (!ok) {
				rc = IND_JP_NOMEM;
				goto out;
			}
			jp->ntests++;
			if (ts->p < ts->level)
				ka++;
			else
				kb--;
		}
		jp->k = ka;
	}

	{	/* the chosen model, refitted by GSL for its covariance matrix */
		int k = jp->k, p = k + 2;
		double xk[IND_JP_MAX], sse, tq;
		jp->df = (double)n - 2.0 * k - 2;
		if (!(jp->df > 0))
			goto out;
		if (!lsq_alloc(&l, n, p)) {
			rc = IND_JP_NOMEM;
			goto out;
		}
		for (int j = 0; j < k; j++) {
			jp->joint[j] = tau[k][j];
			xk[j] = tau[k][j] - tmean;
		}
		sse = lsq_fit(&l, x, z, w, xk, k);
		if (isnan(sse))
			goto out;
		/* (X'WX)^-1 times the residual variance; Joinpoint counts the joinpoints as parameters too */
		gsl_matrix_scale(l.cov, sse / jp->df);
		tq = gsl_cdf_tdist_Qinv(0.025, jp->df);
		for (int b = 0; b < p; b++)
			jp->beta[b] = gsl_vector_get(l.beta, (size_t)b);
		for (int s = 0; s <= k; s++) {
			struct ind_jp_segment *g = &jp->seg[s];
			double var = 0, a[IND_JP_MAX + 2] = { 0 };
			a[1] = 1;
			for (int j = 0; j < s; j++)
				a[2 + j] = 1;
			g->t0 = s == 0 ? t[0] : jp->joint[s - 1];
			g->t1 = s == k ? t[n - 1] : jp->joint[s];
			g->slope = 0;
			for (int b = 0; b < p; b++) {
				g->slope += a[b] * jp->beta[b];
				for (int c = 0; c < p; c++)
					var += a[b] * a[c] * gsl_matrix_get(l.cov, (size_t)b, (size_t)c);
			}
			g->slope_se = sqrt(var);
			g->slope_lo = g->slope - tq * g->slope_se;
			g->slope_hi = g->slope + tq * g->slope_se;
			g->slope_p = tdist_p(g->slope / g->slope_se, jp->df);
			g->apc = g->apc_lo = g->apc_hi = NAN;
			if (o->log_scale) {
				g->apc = 100 * expm1(g->slope);
				g->apc_lo = 100 * expm1(g->slope_lo);
				g->apc_hi = 100 * expm1(g->slope_hi);
			}
		}
		for (int j = 0; j < IND_JP_MAX; j++)
			jp->joint_lo[j] = jp->joint_hi[j] = NAN;
		if (o->joint_ci && k > 0) {
			double *q, *ct, thr = jp->sse[k] * (1 + gsl_cdf_fdist_Pinv(0.95, 1, jp->df) / jp->df);
			size_t m;
			int prc = jp_profile(t, z, w, n, k, o->min_obs, o->grid, thr / jp->sse[k] * (1 + 1e-6), &q, &ct, &m);
			if (prc == IND_JP_NOMEM) {
				rc = prc;
				goto out;
			}
			for (int j = 0; prc == 0 && j < k; j++) {
				for (size_t b = 0; b < m; b++)
					if (q[(size_t)j * m + b] <= thr * (1 + 1e-12)) {
						if (isnan(jp->joint_lo[j]))
							jp->joint_lo[j] = ct[b];
						jp->joint_hi[j] = ct[b];
					}
				/* the estimate is in its own set; rounding must not say otherwise */
				jp->joint_lo[j] = fmin(jp->joint_lo[j], jp->joint[j]);
				jp->joint_hi[j] = fmax(jp->joint_hi[j], jp->joint[j]);
			}
			free(q);
			free(ct);
		}
		jp->whole.from = t[0];
		jp->whole.to = t[n - 1];
		average(jp, l.cov, tq, t[0], t[n - 1], &jp->whole);
		jp->nranges = o->nranges;
		for (int r = 0; r < o->nranges; r++) {
			jp->range[r].from = o->ranges[r][0];
			jp->range[r].to = o->ranges[r][1];
			average(jp, l.cov, tq, t[0], t[n - 1], &jp->range[r]);
		}
		rc = 0;
	}
out:
	lsq_free(&l);
	free(x);
	free(z);
	return rc;
}

double ind_joinpoints_predict(const struct ind_joinpoints *jp, double t, int *segment)
{
	double x = t - jp->tmean, f = jp->beta[0] + jp->beta[1] * x;
	int s = 0;
	for (int j = 0; j < jp->k; j++) {
		f += jp->beta[2 + j] * fmax(x - (jp->joint[j] - jp->tmean), 0);
		if (t > jp->joint[j])
			s = j + 1;
	}
	if (segment)
		*segment = s + 1;
	return jp->log_scale ? exp(f) : f;
}
