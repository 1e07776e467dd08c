/* power.h - how sure an interrupted time series can be: detectable effects, follow-up, placebo dates. See LICENSE. */
#ifndef IND_POWER_H
#define IND_POWER_H

#include <stdbool.h>
#include <stddef.h>

#include "compare.h"

/*
 * Power of the level and slope terms of a fitted OLS ITS, in closed form.
 * The errors are taken as AR(1) with the residual variance s2 = SSE/(n - p)
 * and rho = sum e_t e_{t-1} / sum e_{t-1}^2 of the OLS residuals, over the
 * periods as they lie in time (a gap of g periods gives rho^g); then
 *   Var(beta) = s2 (X'X)^-1 X' S X (X'X)^-1,  S_ij = rho^|tau_i - tau_j|,
 * with tau the period index. For a term with standard error se, at
 * two-sided level alpha and power 1 - beta (normal quantiles z):
 *   MDE = (z_{1-alpha/2} + z_{1-beta}) se,
 *   power(d) = Phi(|d|/se - z_{1-alpha/2}) + Phi(-|d|/se - z_{1-alpha/2}).
 * Follow-up: the design continued by m more periods of the series' own
 * step (every interruption in effect, the season as the calendar goes),
 * the smallest m up to ten years' worth at which the estimated level change
 * reaches the power; -1 when it does not.
 */
struct ind_power_opts {
	double alpha;			/* two-sided, e.g. 0.05 */
	double power;			/* e.g. 0.8 */
	double step;			/* years per period: 1/12 for months */
	unsigned long sims, seed;	/* sims > 0: check by simulation (GSL mt19937 seeded with seed) */
};

struct ind_power {
	double rho, s2;
	double mde_level, mde_slope;	/* the slope per year, as in the fit */
	double power_level;		/* to detect a level change as large as the estimated one */
	double power_level_sim;		/* the same by simulation; NaN without sims */
	long followup;			/* more periods needed; 0 when already powered; -1 not within ten years */
};

/*
 * For each interruption k of r (an OLS fit of ind_its_fit on t, y, month,
 * n points in time order), fill out[k]. Returns 0, or -1 when r is no OLS
 * fit or out of memory (out is then NaN).
 */
int ind_its_power(const struct ind_its *r, const double *t, const double *y, const int *month, size_t n,
		  const struct ind_power_opts *o, struct ind_power *out);

/*
 * The same for a Poisson or quasi-Poisson fit (offset as given to ind_its_fit,
 * or NULL), on the log scale of its terms: the Wald covariance
 *   Var(beta) = phi (X' W X)^-1,  W = diag(mu),  mu = exp(x beta + offset),
 * phi 1 for Poisson, the dispersion the fit used for quasi-Poisson; the counts
 * are independent given the model (rho is NaN, s2 holds phi). A level MDE of m
 * is a rate ratio of exp(m) or exp(-m). Follow-up continues the design with
 * the fitted means, the last offset carried on. Simulation draws Poisson
 * counts, or under quasi-Poisson values of variance phi mu (negative binomial
 * for phi > 1, normal cut at 0 otherwise), and refits.
 */
int ind_its_power_poisson(const struct ind_its *r, const double *t, const double *offset, const int *month, size_t n,
			  const struct ind_power_opts *o, struct ind_power *out);

/*
 * Placebo in time for interruption k of the fitted r: the same model refitted
 * with a fake interruption added at each observed time of the segment before
 * t_k (after t_{k-1}) that leaves at least min_side fitted periods of that
 * segment on either side, every real interruption kept. *n_tried is the number
 * of fakes that could be fitted, and the p-value
 *   p = (1 + #{|level of the fake| >= |level of interruption k|}) / (1 + n_tried);
 * NaN when no fake date qualifies.
 */
void ind_its_placebo(const struct ind_its *r, const double *t, const double *y, const double *offset,
		     const int *month, size_t n, size_t k, size_t min_side, size_t *n_tried, double *p);
/* The same, also giving each fitted fake: its index into t (fake_at) and its level change; both hold n, or are NULL. */
void ind_its_placebo_levels(const struct ind_its *r, const double *t, const double *y, const double *offset,
			    const int *month, size_t n, size_t k, size_t min_side, size_t *n_tried, double *p,
			    size_t *fake_at, double *fake_level);

#endif
