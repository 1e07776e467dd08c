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

/* Percentile bootstrap 95 % CI of mean(b) - mean(a): reps resamples from GSL's mt19937 seeded with seed. */
void ind_bootstrap_diff(const double *a, size_t na, const double *b, size_t nb, unsigned long reps,
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
enum ind_its_se { IND_ITS_SE_OLS, IND_ITS_SE_HAC, IND_ITS_SE_AR1 };
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
};

/* x is n x p row-major. OLS with ordinary, Newey-West (lag floor(4(n/100)^(2/9))) or Prais-Winsten AR(1) errors. */
int ind_fit_ols(const double *x, const double *y, size_t n, size_t p, enum ind_its_se se, struct ind_fit *f);
/* Poisson log-link GLM by iteratively reweighted least squares; offset may be NULL; quasi scales cov by the Pearson dispersion. */
int ind_fit_poisson(const double *x, const double *y, const double *offset, size_t n, size_t p, bool quasi,
		    struct ind_fit *f);
/* a' beta and its standard error. */
void ind_fit_combine(const struct ind_fit *f, const double *a, double *est, double *se);

/* ---- interrupted time series --------------------------------------------- */

struct ind_its_opts {
	enum ind_model model;
	enum ind_its_se se;
	enum ind_season season;
	int fourier_k;
	bool quasi;
};

/*
 * Segmented regression y = b0 + b1 x + b2 post + b3 x post (+ season),
 * x = t - t0 in years, post = t >= t0; Poisson: log E y = offset + the same.
 */
struct ind_its {
	size_t n_pre, n_post;
	double t0, t_last;
	double level, level_se, level_lo, level_hi, level_p;
	double slope_change, slope_change_se, slope_change_lo, slope_change_hi, slope_change_p;
	double pre_slope;
	double effect_end, effect_end_lo, effect_end_hi, effect_end_rel;
	double rr_level, rr_level_lo, rr_level_hi, rr_slope, rr_slope_lo, rr_slope_hi;
	struct ind_fit fit;
	struct ind_its_opts opts;
	int months[13];		/* month -> dummy column, 0 = reference or absent */
	int last_month;
};

int ind_its_fit(const double *t, const double *y, const double *offset, const int *month, size_t n, double t0,
		const struct ind_its_opts *o, struct ind_its *r);

/* Fitted value, counterfactual (pre-period model carried on) and its 95 % CI at t; on the response scale. */
void ind_its_predict(const struct ind_its *r, double t, int month, double offset, double *fit, double *cf,
		     double *cf_lo, double *cf_hi);

#endif
