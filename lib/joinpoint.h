/* joinpoint.h - joinpoint regression: exact search, selection, segment APCs and AAPCs. See LICENSE. */
#ifndef IND_JOINPOINT_H
#define IND_JOINPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The model, as in NCI's Joinpoint Regression Program: a continuous
 * piecewise linear trend of z = y (linear) or z = log y (log-linear) in
 * time t,
 *
 *     z = b0 + b1 t + d1 (t - tau1)+ + ... + dk (t - tauk)+ + error,
 *
 * with k joinpoints tau placed where the (weighted) SSE is smallest.
 * Joinpoints are candidate positions: the observed times, and with grid g
 * also g equally spaced times between each two adjacent observations
 * (Joinpoint's grid search). A joinpoint keeps at least min_obs
 * observations to either end and between itself and the next joinpoint,
 * not counting an observation that lies exactly on a joinpoint (Joinpoint's
 * "number of observations" settings, whose defaults are 2 and 2).
 *
 * The search is exact: the SSE of a continuous fit is a chain of segment
 * costs coupled by the fitted value at each joinpoint, so a dynamic
 * programme over joinpoint positions keeps, per position, the lower
 * envelope of the cost as a function of that value (a minimum of
 * quadratics; the ones that are never the minimum are dropped, which
 * cannot lose the optimum). ind_jp_exhaustive is the plain enumeration
 * it is tested against.
 */
#define IND_JP_MAX 5
#define IND_JP_RANGES 8	/* --aapc ranges */

enum ind_jp_select { IND_JP_PERMUTATION, IND_JP_BIC, IND_JP_MBIC, IND_JP_WBIC };
enum ind_jp_weights { IND_JP_UNWEIGHTED, IND_JP_WEIGHT_SE, IND_JP_WEIGHT_POISSON };

struct ind_jp_opts {
	int kmax;			/* 0..IND_JP_MAX */
	bool log_scale;
	size_t min_obs;
	int grid;			/* candidate joinpoints between adjacent observations */
	enum ind_jp_select select;
	int permutations;		/* per test (Joinpoint: 4499) */
	uint64_t seed;
	double alpha;			/* overall level of the permutation tests (0.05) */
	int threads;			/* 0: 2 */
	double ranges[IND_JP_RANGES][2];	/* AAPC ranges, from and to in decimal years */
	int nranges;
	/*
	 * joint_ci: also the joinpoints' 95 % intervals, Joinpoint's parametric
	 * (Lerman-type) set {x : Q(x, j, k) <= Q(k) (1 + F(0.95; 1, n - p) / (n - p))},
	 * Q(x, j, k) the least SSE with the j-th joinpoint at candidate x.
	 */
	bool joint_ci;
	/* progress: called now and then with the fraction done; NULL for none */
	void (*progress)(void *ctx, double done);
	void *progress_ctx;
};

/* The defaults: BIC off, permutation test with 4499 permutations, alpha 0.05, min_obs 2. */
void ind_jp_opts_init(struct ind_jp_opts *o, int kmax);

/*
 * The best placement for each k = 0..kmax of z (weights w, or NULL for
 * all 1) at times t (sorted, n points): sse[k] and tau[k][0..k). sse[k] is
 * INFINITY when k joinpoints do not fit the spacing rules. Returns 0, -1
 * on bad arguments, IND_JP_NOMEM when memory ran out.
 */
#define IND_JP_NOMEM (-2)
int ind_jp_search(const double *t, const double *z, const double *w, size_t n, int kmax, size_t min_obs,
		  int grid, double sse[IND_JP_MAX + 1], double tau[IND_JP_MAX + 1][IND_JP_MAX]);

/* The same by enumerating every placement (the reference for tests; slow). */
int ind_jp_exhaustive(const double *t, const double *z, const double *w, size_t n, int kmax, size_t min_obs,
		      int grid, double sse[IND_JP_MAX + 1], double tau[IND_JP_MAX + 1][IND_JP_MAX]);

struct ind_jp_segment {
	double t0, t1;				/* start and end time */
	double slope, slope_se, slope_lo, slope_hi, slope_p;	/* per year, on the fitted scale */
	double apc, apc_lo, apc_hi;		/* 100 (exp(slope) - 1), log scale only; NaN otherwise */
};

/*
 * An average over a range: on the log scale the AAPC, 100 (exp(s) - 1),
 * on the linear scale the average absolute change s itself, where s is
 * the average of the segment slopes weighted by their length inside the
 * range. The interval is s +- t(0.975, n - p) se(s) from the covariance
 * of the fit, transformed the same way.
 */
struct ind_jp_average {
	double from, to;
	double slope, slope_se, value, lo, hi, p;
};

struct ind_jp_test {
	int ka, kb;		/* H0: ka joinpoints against H1: kb */
	double stat, p, level;	/* SSE(ka) / SSE(kb), permutation p, the level it was judged at */
};

struct ind_joinpoints {
	int k;				/* joinpoints chosen */
	enum ind_jp_select method;
	double joint[IND_JP_MAX];	/* their times */
	double joint_lo[IND_JP_MAX], joint_hi[IND_JP_MAX];	/* with joint_ci: the first and last candidate in the set; else NaN */
	int kmax_fitted;		/* the largest k that fitted the spacing rules */
	double sse[IND_JP_MAX + 1], bic[IND_JP_MAX + 1];	/* per k; INFINITY where k did not fit */
	/*
	 * The other criteria per k (INFINITY where k did not fit): the modified
	 * BIC of Zhang and Siegmund (2007), the weighted BIC of Joinpoint 4.7
	 * and its weight, the largest partial R^2 of a joinpoint (0 for k = 0).
	 */
	double mbic[IND_JP_MAX + 1], wbic[IND_JP_MAX + 1], wbic_weight[IND_JP_MAX + 1];
	struct ind_jp_test test[IND_JP_MAX];
	int ntests;
	struct ind_jp_segment seg[IND_JP_MAX + 1];
	double df;			/* n - 2k - 2: Joinpoint counts the joinpoints as parameters */
	struct ind_jp_average whole, range[IND_JP_RANGES];
	int nranges;
	double tmean;			/* the fit's time origin */
	double beta[IND_JP_MAX + 2];	/* b0, b1, d1..dk on t - tmean */
	bool log_scale;
};

/*
 * Search, select and fit: z = y or log y, weights from w (or NULL). A
 * range of o->ranges outside the data, or of zero length, gets NaN.
 * Returns 0; -1 when no model can be fitted (n < 3, values <= 0 on the log
 * scale, too few points for the degrees of freedom); IND_JP_NOMEM.
 */
int ind_joinpoints_fit(const double *t, const double *y, const double *w, size_t n, const struct ind_jp_opts *o,
		       struct ind_joinpoints *jp);

/* The fitted trend at time t, back on the scale of y, and its segment (1-based). */
double ind_joinpoints_predict(const struct ind_joinpoints *jp, double t, int *segment);

#endif
