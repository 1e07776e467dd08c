/* analysis.h - one series before and after an intervention: the whole ind-compare computation. See LICENSE. */
#ifndef IND_ANALYSIS_H
#define IND_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "compare.h"
#include "series.h"
#include "strmap.h"

#define IND_MAX_EXCLUDE 16
#define IND_MAX_NOTES 4

struct ind_analysis_opts {
	struct ind_its_opts its;
	double ex_from[IND_MAX_EXCLUDE], ex_to[IND_MAX_EXCLUDE];	/* decimal years, [from, to) */
	int nexclude;
	long pre, post;				/* window limits in usable points; 0: all */
	unsigned long bootstrap, seed;
	const ind_strmap *controls;		/* comparison regions, or NULL */
};

enum ind_phase { IND_PHASE_PRE, IND_PHASE_POST, IND_PHASE_EXCLUDED };

/* Per point of the series: fitted model, counterfactual with its CI (from t0 on), phase. */
struct ind_point_fit {
	double fit, cf, cf_lo, cf_hi;
	enum ind_phase phase;
};

struct ind_analysis {
	bool has_at;			/* an intervention inside the data */
	double t0;
	size_t n_pre, n_post;
	struct ind_two_groups g;
	struct ind_its its;
	bool its_ok;
	struct ind_props pr;		/* NaN unless every used point has numerator and denominator */
	double boot_lo, boot_hi;
	bool is_control;
	double did, did_lo, did_hi, did_p;
	/* what a reader should be told (too few points, no fit, ...), worded for messages */
	char notes[IND_MAX_NOTES][256];
	int nnotes;
};

/* True when t falls in an --exclude window. */
bool ind_analysis_excluded(const struct ind_analysis_opts *o, double t);

/*
 * Analyse series s of set with the intervention at (NULL: none). pf, when
 * not NULL, has s->n entries and receives each point's fit and phase.
 * Everything that cannot be computed is NaN, with a note.
 */
void ind_analyse(ind_series_set *set, const struct ind_series *s, const struct ind_period *at,
		 const struct ind_analysis_opts *o, struct ind_analysis *a, struct ind_point_fit *pf);

#endif
