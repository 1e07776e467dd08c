/* trend.h - trend statistics for one series: OLS, APC, Mann-Kendall, Sen (joinpoints: joinpoint.h). See LICENSE. */
#ifndef IND_TREND_H
#define IND_TREND_H

#include <stdbool.h>
#include <stddef.h>

#include "period.h"

/*
 * All statistics take time t in decimal years (so slopes are per year) and
 * values y, points with missing values already removed, sorted by t.
 * Anything that cannot be computed is NaN; callers print NaN as an empty
 * field with a warning, never as text.
 */

enum ind_se { IND_SE_OLS, IND_SE_HAC };

struct ind_trend_opts {
	enum ind_se se;
	const int *season;	/* season of each point (1..nseasons) for --seasonal, or NULL */
	int nseasons;
	int ac_lags;		/* Breusch-Godfrey lags (0: 1); at most n/4 are used */
};

#define IND_AC_LAGS_MAX 24	/* --ac-lags: two years of months */

/* The default Breusch-Godfrey lags for a series of this kind: a year of months or quarters, else 1. */
int ind_default_ac_lags(enum ind_period_kind kind);

struct ind_trend {
	size_t n;
	/* ordinary least squares y = intercept + slope * t, fitted on t - tmean for accuracy */
	double slope, slope_se, slope_lo, slope_hi, slope_p, intercept, r2;
	double tmean, level;		/* level: the fit at tmean */
	double var_level, cov_ls, var_slope, tq;	/* for prediction intervals of the mean */
	int hac_lag;			/* Newey-West lag used, 0 without --se hac */
	/* log-linear fit: annual percent change */
	double apc, apc_lo, apc_hi;
	/* Mann-Kendall (seasonal Kendall with opts.season) and Sen's slope */
	double mk_s, mk_var, mk_z, mk_p, mk_tau, sen, sen_lo, sen_hi;
	/* residual autocorrelation: Durbin-Watson, lag-1 autocorrelation, Breusch-Godfrey */
	double dw, acf1, bg_stat, bg_p;
	int bg_lags;
};

/*
 * Fit all of it. Returns 0, or -1 when the series is too short (n < 3) or
 * constant, or IND_TREND_NOMEM when memory ran out; then every statistic
 * is NaN (n is still set).
 */
#define IND_TREND_NOMEM (-2)
int ind_trend_fit(const double *t, const double *y, size_t n, const struct ind_trend_opts *opts, struct ind_trend *tr);

/* Fitted mean at time t with its 95 % confidence interval (NaN when the fit failed). */
void ind_trend_predict(const struct ind_trend *tr, double t, double *fit, double *lo, double *hi);

/* The Newey-West lag for n points: floor(4 (n/100)^(2/9)). */
int ind_newey_west_lag(size_t n);

/*
 * Breusch-Godfrey LM test of residuals e of a regression on x (n x p,
 * row-major) for autocorrelation up to lag L, chi-squared form with the
 * lagged residuals before the start taken as 0 (R: lmtest::bgtest(type =
 * "Chisq", fill = 0)): n times the R^2 of e on x and its L lags. NaN when
 * n <= p + L.
 */
void ind_breusch_godfrey(const double *x, const double *e, size_t n, size_t p, int lags, double *stat,
			 double *pval);

/* Durbin-Watson statistic of residuals e: sum (e_t - e_{t-1})^2 / sum e_t^2. */
double ind_durbin_watson(const double *e, size_t n);

/*
 * Mann-Kendall S and its variance with the tie correction, for reuse and
 * tests, in O(n log n). Returns 0, or -1 (both NaN) when out of memory.
 */
int ind_mann_kendall(const double *y, size_t n, double *s, double *var);

/*
 * The Mann-Kendall and Sen part of ind_trend_fit alone: mk_s, mk_var, mk_z,
 * mk_p, mk_tau, sen, sen_lo and sen_hi of tr (the rest untouched), per
 * season group with season (1..nseasons) or NULL. Series of at most
 * direct_max points list all their n(n-1)/2 pair slopes; longer ones take
 * O(n log n) time and O(n) memory by slope selection, to the same doubles.
 * tu NULL is what ind_trend_fit uses; tests pass smaller limits to reach
 * every branch on short series. Returns 0, or -1 when out of memory.
 */
#define IND_KENDALL_DIRECT_MAX 128
struct ind_kendall_tuning {
	size_t direct_max;	/* the direct method up to this many points */
	size_t enum_max;	/* pair slopes listed at once at most (0: 2n + 1024) */
	int max_rounds;		/* sampling rounds before listing (0: 64) */
};
int ind_kendall_sen(const double *t, const double *y, size_t n, const int *season, int nseasons,
		    const struct ind_kendall_tuning *tu, struct ind_trend *tr);

#endif
