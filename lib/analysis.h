/* analysis.h - one series before and after an intervention: the whole ind-compare computation. See LICENSE. */
#ifndef IND_ANALYSIS_H
#define IND_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "compare.h"
#include "did.h"
#include "power.h"
#include "series.h"
#include "strmap.h"

#define IND_MAX_EXCLUDE 16
#define IND_MAX_NOTES 6

struct ind_analysis_opts {
	struct ind_its_opts its;	/* its.ac_lags 0: by frequency (12 months, 4 quarters, else 1) */
	double ex_from[IND_MAX_EXCLUDE], ex_to[IND_MAX_EXCLUDE];	/* decimal years, [from, to) */
	int nexclude;
	long pre, post;				/* last N before the first interruption, first N after it; 0: all */
	unsigned long bootstrap, seed;
	const ind_strmap *controls;		/* comparison regions, or NULL */
	bool power;				/* detectable effects and follow-up (OLS models) */
	struct ind_power_opts pw;		/* pw.step is set per series from its frequency */
	size_t placebo_min;			/* > 0: placebo dates with at least this many periods on each side */
	bool placebo_dates;			/* with placebo_min: keep each fake date's level change (a->placebo) */
	struct ind_did_opts did;		/* how the comparison regions are combined and compared */
};

enum ind_phase { IND_PHASE_PRE, IND_PHASE_POST, IND_PHASE_EXCLUDED };

/* Per point of the series: fitted model, counterfactual with its CI (from t_1 on), phase, segment. */
struct ind_point_fit {
	double fit, cf, cf_lo, cf_hi;
	enum ind_phase phase;
	int segment;			/* 0 before the first interruption, k after the k-th; -1 without any */
};

/* Before/after statistics around interruption k: the segment before it against the segment after it. */
struct ind_analysis_break {
	struct ind_period at;
	size_t n_pre, n_post;
	struct ind_two_groups g;
	struct ind_props pr;		/* NaN unless every used point has numerator and denominator */
	double boot_lo, boot_hi;
	double did, did_lo, did_hi, did_p;	/* with controls: the difference-in-differences of the level change */
	double did_slope, did_slope_lo, did_slope_hi, did_slope_p;	/* and of the slope change, per year */
	double did_rr, did_rr_lo, did_rr_hi;	/* Poisson: e^did, the ratio of rate ratios */
	struct ind_power pw;		/* NaN unless asked for and the model is OLS */
	size_t placebo_n, space_placebo_n;	/* fake dates, comparison regions fitted as if treated */
	double placebo_p, space_placebo_p;
	struct ind_period placebo_first, placebo_last;	/* the range of the fake dates, when placebo_n > 0 */
	char caveats[256];		/* semicolon-separated keywords (see ind-compare(1)) */
};

/* A fake interruption date of --placebo and the level change fitted there. */
struct ind_placebo_date {
	size_t brk;			/* the real interruption it stands in for */
	struct ind_period at;
	double level;
};

struct ind_analysis {
	bool has_at;			/* interruptions inside the data */
	size_t nbreaks;
	struct ind_analysis_break b[IND_MAX_BREAKS];
	size_t n_pre, n_post;		/* values before the first interruption and after it */
	struct ind_its its;
	bool its_ok;
	bool is_control;
	struct ind_did did;		/* with controls, on a treated series: the comparison (did.status OK: estimates) */
	bool did_tried;
	bool did_refused;		/* a comparison value could not be weighed: a data error at did.file, did.line */
	struct ind_placebo_date *placebo;	/* with o->placebo_dates: every fake date fitted; free with ind_analysis_release */
	size_t nplacebo;
	bool failed;			/* an error, not a note: interruptions that cannot be told apart */
	/* what a reader should be told (too few points, no fit, ...), worded for messages */
	char notes[IND_MAX_NOTES][320];
	int nnotes;
};

/* True when t falls in an --exclude window. */
bool ind_analysis_excluded(const struct ind_analysis_opts *o, double t);

/*
 * Analyse series s of set with the interruptions at[0..nat) (any order;
 * nat 0: none). pf, when not NULL, has s->n entries and receives each
 * point's fit, phase and segment. Everything that cannot be computed is
 * NaN, with a note.
 */
void ind_analyse(ind_series_set *set, const struct ind_series *s, const struct ind_period *at, size_t nat,
		 const struct ind_analysis_opts *o, struct ind_analysis *a, struct ind_point_fit *pf);

/* Free what ind_analyse allocated in a (the placebo dates); a stays readable otherwise. */
void ind_analysis_release(struct ind_analysis *a);

#endif
