/* compare.h - before/after statistics and interrupted time series for one series. See LICENSE. */
#ifndef IND_COMPARE_H
#define IND_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Every quantity that cannot be computed is NaN: callers print an empty
 * field and a warning. Times are decimal years, so slopes are per year.
 */

/* ---- two groups: before (a) and after (b) ------------------------------ */

struct ind_two_groups {
	double mean_a, mean_b, median_a, median_b;
	double diff, diff_lo, diff_hi, rel_change;	/* b - a, Welch 95 % CI, diff / mean_a */
	double welch_t, welch_df, welch_p;
	double mw_u, mw_p;				/* U of b against a (R: wilcox.test(b, a)$statistic) */
	bool mw_exact;
	double hedges_g;
};

/* Welch, Mann-Whitney (exact below 50 per group without ties, else normal with tie and continuity correction), Hedges' g. */
void ind_two_groups(const double *a, size_t na, const double *b, size_t nb, struct ind_two_groups *r);

/*
 * Percentile bootstrap 95 % CI of mean(b) - mean(a): reps resamples (at most
 * IND_BOOTSTRAP_MAX) from GSL's mt19937 seeded with seed. -1 when out of
 * memory or reps too large (the interval is then NaN).
 */
#define IND_BOOTSTRAP_MAX 1000000UL
int ind_bootstrap_diff(const double *a, size_t na, const double *b, size_t nb, unsigned long reps,
			unsigned long seed, double *lo, double *hi);

/* Pooled proportions xa/na and xb/nb: difference with Newcombe's hybrid score CI and the two-proportion z test. */
struct ind_props {
	double p_a, p_b, diff, lo, hi, p;
};
void ind_two_props(double xa, double na, double xb, double nb, struct ind_props *r);

/* Wilson score interval of x/n at 95 %. */
void ind_wilson(double x, double n, double *lo, double *hi);

/* ---- regression machinery ----------------------------------------------- */

enum ind_model { IND_MODEL_OLS, IND_MODEL_POISSON };
/* auto: ols where the Breusch-Godfrey test finds no autocorrelation (p >= 0.05), Newey-West otherwise */
enum ind_its_se { IND_ITS_SE_OLS, IND_ITS_SE_HAC, IND_ITS_SE_AR1, IND_ITS_SE_AUTO };
enum ind_season { IND_SEASON_NONE, IND_SEASON_MONTH, IND_SEASON_FOURIER };

#define IND_MAX_COEF 32

/*
 * A fitted linear model: coefficients and their covariance, row-major
 * p x p. df is the residual degrees of freedom (OLS) or 0 for a GLM,
 * whose intervals use the normal distribution.
 */
struct ind_fit {
	size_t p;
	double beta[IND_MAX_COEF];
	double cov[IND_MAX_COEF * IND_MAX_COEF];
	double df, rho, dispersion, sse;
	int lag, iterations;
	bool rho_bound, converged;	/* AR(1): rho held at +-0.99; the iteration settled */
};

/*
 * x is n x p row-major. OLS with ordinary, Newey-West (Bartlett kernel, lag
 * floor(4(n/100)^(2/9)), no small-sample factor: sandwich::NeweyWest with
 * prewhite = FALSE, adjust = FALSE) or Prais-Winsten AR(1) errors (iterated,
 * rho = sum e_t e_{t-1} / sum e_{t-1}^2, t on n - p df as Stata's prais).
 * IND_ITS_SE_AUTO is resolved by the caller; here it means ols.
 */
int ind_fit_ols(const double *x, const double *y, size_t n, size_t p, enum ind_its_se se, struct ind_fit *f);
/*
 * The same for several series stacked in x: block b is rows start[b] up to
 * the next start (the last up to n). Newey-West sums the lagged products
 * within a block only, with the lag of the longest block; Prais-Winsten
 * takes one rho from the pairs of consecutive rows within blocks and scales
 * the first row of each block. start NULL (or nblocks < 2): one series.
 */
int ind_fit_ols_blocks(const double *x, const double *y, size_t n, size_t p, enum ind_its_se se, const size_t *start,
		       size_t nblocks, struct ind_fit *f);
/* Poisson log-link GLM by iteratively reweighted least squares; offset may be NULL; quasi scales cov by the Pearson dispersion. */
int ind_fit_poisson(const double *x, const double *y, const double *offset, size_t n, size_t p, bool quasi,
		    struct ind_fit *f);
/* a' beta and its standard error sqrt(a' V a). */
void ind_fit_combine(const struct ind_fit *f, const double *a, double *est, double *se);
/* a' beta with its standard error, 95 % interval and p: t on f->df, the normal distribution when df is 0 (a GLM). */
void ind_fit_estimate(const struct ind_fit *f, const double *a, double *est, double *se, double *lo, double *hi,
		      double *p);

/*
 * Which columns of x (n x p, row-major) are linear combinations of earlier
 * ones: each column scaled to unit length, a column is aliased when its
 * distance from the span of the earlier non-aliased columns is below 1e-7
 * (the tolerance of R's lm). Returns the rank; aliased may be NULL.
 */
size_t ind_design_rank(const double *x, size_t n, size_t p, bool *aliased);

/* ---- interrupted time series --------------------------------------------- */

#define IND_MAX_BREAKS 8

struct ind_its_opts {
	enum ind_model model;
	enum ind_its_se se;
	enum ind_season season;
	int fourier_k;
	bool quasi;
	bool dispersion_floor;		/* quasi: scale = max(1, dispersion) */
	int ac_lags;			/* Breusch-Godfrey lags; at most n/4 are used */
};

/* The terms of interruption k: c_k (level) and d_k (slope change per year). */
struct ind_its_break {
	double t;			/* t_k, decimal years */
	size_t n_before, n_after;	/* fitted points in the segments before and after t_k */
	double level, level_se, level_lo, level_hi, level_p;
	double slope_change, slope_change_se, slope_change_lo, slope_change_hi, slope_change_p;
	double pre_slope;		/* trend per year of the segment before t_k: b1 + the earlier d_j */
	double effect_end, effect_end_lo, effect_end_hi, effect_end_rel;
	double rr_level, rr_level_lo, rr_level_hi, rr_slope, rr_slope_lo, rr_slope_hi;
};

enum ind_its_status {
	IND_ITS_OK,
	IND_ITS_TOO_FEW,		/* fewer than 3 points before the first interruption or after it */
	IND_ITS_TOO_CLOSE,		/* fewer than 2 fitted points in a segment after an interruption */
	IND_ITS_NOT_IDENTIFIED,		/* the design matrix is rank deficient */
	IND_ITS_NO_FIT,			/* the fit failed (negative counts, no convergence) */
	IND_ITS_NO_VARIATION		/* the values lie exactly on the model: no residual variance to judge by */
};

/*
 * Segmented regression with K interruptions at t_1 < ... < t_K:
 *   y = b0 + b1 (t - t_1) + sum_k [ c_k post_k + d_k (t - t_k) post_k ] (+ season),
 * post_k = t >= t_k (Linden's itsa with several trperiods); Poisson:
 * log E y = offset + the same. Columns: 1, t - t_1, post_1, (t - t_1) post_1, ...
 */
struct ind_its {
	enum ind_its_status status;
	size_t n, nbreaks;
	size_t close_break;		/* IND_ITS_TOO_CLOSE: the segment after this break is too short */
	double t_last;
	struct ind_its_break brk[IND_MAX_BREAKS];
	struct ind_fit fit;
	struct ind_its_opts opts;
	enum ind_its_se se_used;	/* the error model used (auto resolved) */
	double dw, bg_stat, bg_p;	/* of the OLS residuals (OLS models only) */
	double sst;			/* sum of squares of y about its mean */
	int bg_lags;
	size_t rank, ncoef;
	char aliased[256];		/* not identified: the aliased terms, comma-separated */
	int months[13];			/* month -> dummy column, 0 = reference or absent */
	int last_month;
};

/* tk: the interruptions, sorted and distinct. Returns 0, or -1 with r->status saying why (statistics NaN). */
int ind_its_fit(const double *t, const double *y, const double *offset, const int *month, size_t n,
		const double *tk, size_t nk, const struct ind_its_opts *o, struct ind_its *r);

/* The design row of the fitted r at time t (month 1-12, or 0): its columns, as the fit used them. Returns p. */
size_t ind_its_design_row(const struct ind_its *r, double t, int month, double *row);

/*
 * Fitted value, counterfactual (no interruption at all: b0 + b1 (t - t_1)
 * + season) and its 95 % CI at t; on the response scale.
 */
void ind_its_predict(const struct ind_its *r, double t, int month, double offset, double *fit, double *cf,
		     double *cf_lo, double *cf_hi);

#endif
