/* did.h - a series against its comparison regions: difference series or pooled multi-group ITS. See LICENSE. */
#ifndef IND_DID_H
#define IND_DID_H

#include <stdbool.h>
#include <stddef.h>

#include "compare.h"
#include "err.h"
#include "period.h"
#include "population.h"
#include "series.h"
#include "strmap.h"

/*
 * The comparison regions are combined into one series at each period of the
 * treated series where at least one of them has a value: a weighted mean of
 * their values (or rates), or for a pooled Poisson model their summed counts
 * over their summed denominators. Then either
 *
 *   difference series: the treated series' segmented model on treated minus
 *     combined (for Poisson, on log rate treated - log rate combined), so the
 *     level term is the difference-in-differences and the slope term the
 *     difference of slope changes; or
 *   pooled (Linden 2015): both series stacked, G = 1 for the treated rows,
 *     y = the ITS terms + season + G (g0 + g1 (t - t_1) + sum_k [g_k post_k
 *     + h_k (t - t_k) post_k]), one error model for both (OLS, Newey-West
 *     within each series, or Prais-Winsten with one rho), or one Poisson GLM;
 *     g_k is the difference-in-differences and h_k the slope difference.
 *
 * Values that are counts with a denominator (value = numerator) are compared
 * as rates per `per` of the denominator; other values as they are.
 */
enum ind_did_method { IND_DID_DIFFERENCE, IND_DID_POOLED };
enum ind_control_weights { IND_WEIGHTS_AUTO, IND_WEIGHTS_POPULATION, IND_WEIGHTS_EQUAL };
enum ind_did_scale { IND_DID_VALUES, IND_DID_RATES, IND_DID_LOG_RATES, IND_DID_LOG_COUNTS };

extern const char *const ind_did_method_names[];	/* "difference-series", "pooled" */
extern const char *const ind_control_weights_names[];	/* "auto", "population", "equal" */
extern const char *const ind_did_scale_names[];		/* "values", "rates", "log-rates", "log-counts" */

/*
 * --population: the table (lib/population.c) as ind-compare reads it; NULL with err: unreadable, a column missing,
 * a population that is no positive number, a key given twice. Freed by ind_population_free.
 */
ind_population *ind_population_read(const char *path, struct ind_error *err);
/* The population of region in period p: that period's row, else its year's; NAN when neither is there. */
double ind_population_of(const ind_population *pop, const char *region, const struct ind_period *p);

struct ind_did_opts {
	enum ind_did_method method;
	enum ind_control_weights weights;	/* auto: population when every comparison value has a denominator or pop is given */
	double per;				/* rates per this much of the denominator; 0: 1000 */
	const ind_population *pop;		/* or NULL */
};

struct ind_did_break {
	double level, level_lo, level_hi, level_p;	/* difference-in-differences of the level change */
	double slope, slope_lo, slope_hi, slope_p;	/* difference of the slope changes, per year */
	double rr, rr_lo, rr_hi;			/* log scales: e^level, the ratio of rate ratios */
};

struct ind_did {
	enum ind_its_status status;	/* IND_ITS_OK, or why there is no estimate */
	enum ind_did_method method;
	enum ind_did_scale scale;
	enum ind_control_weights weights;	/* as used: population or equal */
	enum ind_its_se se_used;
	size_t n;				/* periods shared with the comparison regions */
	size_t p;				/* coefficients of the model */
	struct ind_did_break brk[IND_MAX_BREAKS];
	char why[320];				/* status not OK, or refused: what to tell the reader */
	const char *file;			/* refused: the input and line of the value (file: the set's name) */
	long line;
};

/*
 * The treated series s against the regions of controls, on its points
 * use[0..m) (those the treated series' own model used, in time order) with
 * the interruptions tk[0..K), the treated model's options io (season,
 * errors; io->se auto means treated->se_used) and its fit treated (for the
 * season columns). Returns 0 with d->status saying whether there is an
 * estimate; -1 on a data error (a comparison value without the weight it
 * needs), with d->why, d->file and d->line saying which.
 */
int ind_did_fit(ind_series_set *set, const struct ind_series *s, const ind_strmap *controls,
		const struct ind_point *use, size_t m, const double *tk, size_t K, const struct ind_its_opts *io,
		const struct ind_its *treated, const struct ind_did_opts *o, struct ind_did *d);

#endif
