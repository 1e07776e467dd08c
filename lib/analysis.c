/* analysis.c - windows, before/after tests, ITS, shares and difference-in-differences for one series. See LICENSE. */
#include "analysis.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "trend.h"

void ind_analysis_release(struct ind_analysis *a)
{
	free(a->placebo);
	a->placebo = NULL;
	a->nplacebo = 0;
}

bool ind_analysis_excluded(const struct ind_analysis_opts *o, double t)
{
	for (int i = 0; i < o->nexclude; i++)
		if (t >= o->ex_from[i] && t < o->ex_to[i])
			return true;
	return false;
}

static void note(struct ind_analysis *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct ind_analysis *a, const char *fmt, ...)
{
	va_list ap;
	if (a->nnotes == IND_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(a->notes[a->nnotes++], sizeof a->notes[0], fmt, ap);
	va_end(ap);
}

/* Periods per year of a series' kind: the follow-up one year needs, and the default lags of the autocorrelation test. */
static int per_year(enum ind_period_kind k)
{
	switch (k) {
	case IND_PERIOD_MONTH: return 12;
	case IND_PERIOD_QUARTER: return 4;
	case IND_PERIOD_WEEK: return 52;
	case IND_PERIOD_DAY: return 365;
	default: return 1;
	}
}

#define COVID_FROM (2020 + 2 / 12.0)	/* 2020-03 */
#define COVID_TO 2022.0			/* up to the end of 2021 */

/* Does the period [from, to) overlap 2020-03..2021-12? */
static bool in_covid(double from, double to) { return to > COVID_FROM + 1e-9 && from < COVID_TO - 1e-9; }

static void caveat(struct ind_analysis_break *b, const char *word)
{
	size_t len = strlen(b->caveats);
	snprintf(b->caveats + len, sizeof b->caveats - len, "%s%s", len ? ";" : "", word);
}

static int cmp_break(const void *x, const void *y)
{
	return ind_period_cmp(&((const struct ind_analysis_break *)x)->at, &((const struct ind_analysis_break *)y)->at);
}

/*
 * Placebo in space: each comparison region's series of this indicator analysed
 * as if it were treated, with the same interruptions, windows and model;
 * p = (1 + #{|level| >= the treated one's}) / (1 + regions fitted).
 */
static void space_placebo(ind_series_set *set, const struct ind_series *s, const struct ind_analysis_opts *o,
			  struct ind_analysis *a)
{
	struct ind_analysis_opts co = *o;
	struct ind_analysis *ca = malloc(sizeof *ca);
	struct ind_period at[IND_MAX_BREAKS];
	size_t as_large[IND_MAX_BREAKS] = { 0 };

	if (!ca)
		ind_die(IND_EXIT_DATA, "out of memory");
	co.controls = NULL;
	co.placebo_min = 0;
	co.power = false;
	co.bootstrap = 0;
	for (size_t k = 0; k < a->nbreaks; k++)
		at[k] = a->b[k].at;
	for (size_t j = 0; j < ind_series_count(set); j++) {
		const struct ind_series *c = ind_series_at(set, j);
		if (c == s || strcmp(c->indicator, s->indicator) != 0 ||
		    !ind_strmap_get(o->controls, c->region, strlen(c->region)))
			continue;
		ind_analyse(set, c, at, a->nbreaks, &co, ca, NULL);
		if (!ca->its_ok)
			continue;
		for (size_t k = 0; k < a->nbreaks; k++)
			if (!isnan(ca->its.brk[k].level)) {
				a->b[k].space_placebo_n++;
				as_large[k] += fabs(ca->its.brk[k].level) >= fabs(a->its.brk[k].level);
			}
	}
	for (size_t k = 0; k < a->nbreaks; k++)
		if (a->b[k].space_placebo_n)
			a->b[k].space_placebo_p = (double)(1 + as_large[k]) / (double)(1 + a->b[k].space_placebo_n);
	free(ca);
}

void ind_analyse(ind_series_set *set, const struct ind_series *s, const struct ind_period *at, size_t nat,
		 const struct ind_analysis_opts *o, struct ind_analysis *a, struct ind_point_fit *pf)
{
	size_t n = s->n, m = 0, cap = n ? n : 1, K = 0;
	struct ind_point *use = malloc(cap * sizeof *use);
	double *t = malloc(cap * sizeof *t), *y = malloc(cap * sizeof *y), *off = malloc(cap * sizeof *off);
	double *va = malloc(cap * sizeof *va), *vb = malloc(cap * sizeof *vb);
	int *month = malloc(cap * sizeof *month), *seg = malloc(cap * sizeof *seg);
	double *tend = malloc(cap * sizeof *tend);	/* where each used period ends, for the COVID-19 span */
	double tk[IND_MAX_BREAKS];
	bool shares = true, use_offset = true;
	struct ind_its_opts io = o->its;
	char p0[IND_PERIOD_TEXT_MAX], p1[IND_PERIOD_TEXT_MAX], p2[IND_PERIOD_TEXT_MAX];
	int py = n ? per_year(s->pts[0].period.kind) : 1;

	if (!use || !t || !y || !off || !va || !vb || !month || !seg || !tend)
		ind_die(IND_EXIT_DATA, "out of memory");
	memset(a, 0, sizeof *a);
	for (size_t k = 0; k < IND_MAX_BREAKS; k++) {
		struct ind_analysis_break *b = &a->b[k];
		b->pr = (struct ind_props){ NAN, NAN, NAN, NAN, NAN, NAN };
		b->boot_lo = b->boot_hi = b->did = b->did_lo = b->did_hi = b->did_p = NAN;
		b->did_slope = b->did_slope_lo = b->did_slope_hi = b->did_slope_p = NAN;
		b->did_rr = b->did_rr_lo = b->did_rr_hi = NAN;
		b->pw = (struct ind_power){ NAN, NAN, NAN, NAN, NAN, NAN, -1 };
		b->placebo_p = b->space_placebo_p = NAN;
		ind_two_groups(NULL, 0, NULL, 0, &b->g);
	}
	a->is_control = o->controls && ind_strmap_get(o->controls, s->region, strlen(s->region));
	if (io.ac_lags <= 0)
		io.ac_lags = n ? ind_default_ac_lags(s->pts[0].period.kind) : 1;

	/* the interruptions, in period order */
	if (nat > IND_MAX_BREAKS) {
		note(a, "%zu interruptions given; at most %d", nat, IND_MAX_BREAKS);
		a->failed = true;
		nat = 0;
	}
	for (size_t k = 0; k < nat; k++)
		a->b[k].at = at[k];
	qsort(a->b, nat, sizeof a->b[0], cmp_break);
	for (size_t k = 0; k < nat; k++) {
		if (k > 0 && ind_period_cmp(&a->b[k].at, &a->b[k - 1].at) == 0) {
			note(a, "the interruption %s is given twice", ind_period_format(&a->b[k].at, p0));
			a->failed = true;
			nat = 0;
			break;
		}
		tk[k] = ind_period_time(&a->b[k].at);
	}
	a->nbreaks = K = nat;
	a->has_at = K > 0;
	if (K && n && (tk[0] <= s->pts[0].t || tk[0] > s->pts[n - 1].t)) {
		note(a, "the intervention %s is outside the data (%s..%s)", ind_period_format(&a->b[0].at, p0),
		     ind_period_format(&s->pts[0].period, p1), ind_period_format(&s->pts[n - 1].period, p2));
		a->has_at = false;
	}
	for (size_t i = 0; pf && i < n; i++) {
		int sg = K ? 0 : -1;
		while (K && (size_t)sg < K && s->pts[i].t >= tk[sg] - 1e-9)
			sg++;
		pf[i] = (struct ind_point_fit){ NAN, NAN, NAN, NAN, IND_PHASE_EXCLUDED, sg };
	}

	/* the points that enter the statistics, in order; the windows count usable points */
	if (a->has_at) {
		long npre = 0, seen_pre = 0, kept_post = 0;
		for (size_t i = 0; i < n; i++)
			if (s->pts[i].has_value && !ind_analysis_excluded(o, s->pts[i].t) && s->pts[i].t < tk[0] - 1e-9)
				npre++;
		for (size_t i = 0; i < n; i++) {
			const struct ind_point *p = &s->pts[i];
			bool post = p->t >= tk[0] - 1e-9, keep = p->has_value && !ind_analysis_excluded(o, p->t);
			if (keep && !post && o->pre > 0 && npre - seen_pre++ > o->pre)
				keep = false;
			if (keep && post && o->post > 0 && kept_post >= o->post)
				keep = false;
			if (keep) {
				int sg = 0;
				while ((size_t)sg < K && p->t >= tk[sg] - 1e-9)
					sg++;
				kept_post += post;
				use[m] = *p;
				t[m] = p->t;
				tend[m] = ind_period_end_time(&p->period);
				seg[m] = sg;
				month[m] = p->period.kind == IND_PERIOD_MONTH ? p->period.sub : 0;
				y[m] = o->its.model == IND_MODEL_POISSON && p->has_numerator ? p->numerator : p->value;
				if (p->has_denominator && p->denominator > 0)
					off[m] = log(p->denominator);
				else
					use_offset = false;
				if (!(p->has_numerator && p->has_denominator && p->denominator > 0))
					shares = false;
				if (post)
					a->n_post++;
				else
					a->n_pre++;
				m++;
			}
			if (pf)
				pf[i].phase = !keep ? IND_PHASE_EXCLUDED : post ? IND_PHASE_POST : IND_PHASE_PRE;
		}
	}

	/* before/after each interruption: the segment before it against the segment after it */
	for (size_t k = 0; k < K && a->has_at; k++) {
		struct ind_analysis_break *b = &a->b[k];
		double xa = 0, da = 0, xb = 0, db = 0;
		size_t na = 0, nb = 0;
		for (size_t i = 0; i < m; i++) {
			if (seg[i] == (int)k) {
				va[na++] = use[i].value;
				if (shares)
					xa += use[i].numerator, da += use[i].denominator;
			} else if (seg[i] == (int)k + 1) {
				vb[nb++] = use[i].value;
				if (shares)
					xb += use[i].numerator, db += use[i].denominator;
			}
		}
		b->n_pre = na;
		b->n_post = nb;
		ind_two_groups(va, na, vb, nb, &b->g);
		if (shares && na && nb)
			ind_two_props(xa, da, xb, db, &b->pr);
		if (o->bootstrap && na && nb && ind_bootstrap_diff(va, na, vb, nb, o->bootstrap, o->seed, &b->boot_lo, &b->boot_hi) < 0)
			ind_die(IND_EXIT_DATA, "out of memory for %lu bootstrap resamples", o->bootstrap);
	}
	if (a->has_at && (a->n_pre < 3 || a->n_post < 3))
		note(a, "%zu value%s before and %zu after the intervention; at least 3 on each side are needed", a->n_pre,
		     a->n_pre == 1 ? "" : "s", a->n_post);
	if (a->has_at && a->n_pre >= 3 && a->n_post >= 3) {
		a->its_ok = ind_its_fit(t, y, use_offset && o->its.model == IND_MODEL_POISSON ? off : NULL, month, m, tk,
					K, &io, &a->its) == 0;
		switch (a->its_ok ? IND_ITS_OK : a->its.status) {
		case IND_ITS_OK:
			break;
		case IND_ITS_TOO_CLOSE: {
			size_t k = a->its.close_break;
			if (k + 1 < K)
				note(a, "the interruptions %s and %s have %zu fitted period%s between them; at least 2 are needed to tell their terms apart",
				     ind_period_format(&a->b[k].at, p0), ind_period_format(&a->b[k + 1].at, p1),
				     a->its.brk[k].n_after, a->its.brk[k].n_after == 1 ? "" : "s");
			else
				note(a, "the interruption %s has %zu fitted period%s after it; at least 2 are needed to tell its terms apart",
				     ind_period_format(&a->b[k].at, p0), a->its.brk[k].n_after, a->its.brk[k].n_after == 1 ? "" : "s");
			a->failed = true;
			break;
		}
		case IND_ITS_NOT_IDENTIFIED:
			note(a, "the model is not identified (rank %zu of %zu): %s %s a combination of earlier terms; statistics left empty",
			     a->its.rank, a->its.ncoef, a->its.aliased, strchr(a->its.aliased, ',') ? "are" : "is");
			break;
		case IND_ITS_TOO_FEW:
			note(a, "too few values for the %zu coefficients of the segmented regression", a->its.ncoef);
			break;
		case IND_ITS_NO_VARIATION:
			note(a, "the values lie exactly on the model (no residual variation): no intervals or p-values");
			break;
		default:
			note(a, "the segmented regression could not be fitted%s",
			     o->its.model == IND_MODEL_POISSON ? " (counts must be >= 0)" : "");
		}
	}
	if (a->its_ok && o->power) {
		struct ind_power pw[IND_MAX_BREAKS];
		struct ind_power_opts po = o->pw;
		po.step = 1.0 / py;
		if ((o->its.model == IND_MODEL_OLS
			     ? ind_its_power(&a->its, t, y, month, m, &po, pw)
			     : ind_its_power_poisson(&a->its, t, use_offset ? off : NULL, month, m, &po, pw)) == 0)
			for (size_t k = 0; k < K; k++) {
				a->b[k].pw = pw[k];
				if (pw[k].followup < 0 && !isnan(pw[k].power_level))
					caveat(&a->b[k], "not_detectable_within_10y");
			}
	}
	if (a->its_ok && o->placebo_min > 0) {
		/* the fake dates and their level changes: their span for the report, each date for --placebo rows */
		size_t *at_i = malloc(cap * sizeof *at_i);
		double *lv = malloc(cap * sizeof *lv);
		if (!at_i || !lv || (o->placebo_dates && !(a->placebo = malloc(K * cap * sizeof *a->placebo))))
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t k = 0; k < K; k++) {
			ind_its_placebo_levels(&a->its, t, y, use_offset && o->its.model == IND_MODEL_POISSON ? off : NULL, month,
					       m, k, o->placebo_min, &a->b[k].placebo_n, &a->b[k].placebo_p, at_i, lv);
			if (a->b[k].placebo_n) {
				a->b[k].placebo_first = use[at_i[0]].period;
				a->b[k].placebo_last = use[at_i[a->b[k].placebo_n - 1]].period;
			}
			for (size_t j = 0; a->placebo && j < a->b[k].placebo_n; j++)
				a->placebo[a->nplacebo++] = (struct ind_placebo_date){ k, use[at_i[j]].period, lv[j] };
		}
		free(at_i);
		free(lv);
	}
	if (a->its_ok && a->its.se_used == IND_ITS_SE_AR1 && a->its.fit.rho_bound)
		note(a, "the AR(1) coefficient reached its bound (%g); the errors are not AR(1)-like", a->its.fit.rho);
	if (a->its_ok && a->its.se_used == IND_ITS_SE_AR1 && !a->its.fit.converged)
		note(a, "the Prais-Winsten iteration did not settle in %d steps", a->its.fit.iterations - 1);
	if (a->its_ok && o->its.se == IND_ITS_SE_AUTO && isnan(a->its.bg_p))
		note(a, "too few values for the Breusch-Godfrey test: --se auto used OLS errors untested");
	if (!a->its_ok) {
		enum ind_its_status st = a->its.status;
		struct ind_its keep = a->its;
		ind_its_fit(t, y, NULL, NULL, 0, tk, 0, &io, &a->its);	/* all NaN */
		a->its.status = a->has_at && a->n_pre >= 3 && a->n_post >= 3 ? st : IND_ITS_TOO_FEW;
		a->its.rank = keep.rank, a->its.ncoef = keep.ncoef;
		memcpy(a->its.aliased, keep.aliased, sizeof keep.aliased);
	}
	if (o->controls && a->has_at && !a->is_control && a->its_ok) {
		a->did_tried = true;
		if (ind_did_fit(set, s, o->controls, use, m, tk, K, &io, &a->its, &o->did, &a->did) < 0) {
			a->did_refused = true;
			a->failed = true;
			if (!a->did.file)	/* not about one value: a note like the others */
				note(a, "%s", a->did.why);
		} else if (a->did.status != IND_ITS_OK) {
			note(a, "%s", a->did.why);
		}
		for (size_t j = 0; j < K && a->did.status == IND_ITS_OK; j++) {
			struct ind_analysis_break *b = &a->b[j];
			const struct ind_did_break *db = &a->did.brk[j];
			b->did = db->level, b->did_lo = db->level_lo, b->did_hi = db->level_hi, b->did_p = db->level_p;
			b->did_slope = db->slope, b->did_slope_lo = db->slope_lo, b->did_slope_hi = db->slope_hi;
			b->did_slope_p = db->slope_p;
			b->did_rr = db->rr, b->did_rr_lo = db->rr_lo, b->did_rr_hi = db->rr_hi;
		}
	}
	if (o->controls && o->placebo_min > 0 && a->has_at && !a->is_control && a->its_ok)
		space_placebo(set, s, o, a);
	for (size_t i = 0; pf && a->its_ok && i < n; i++) {
		const struct ind_point *p = &s->pts[i];
		double offset = 0;
		if (o->its.model == IND_MODEL_POISSON && use_offset) {
			if (!(p->has_denominator && p->denominator > 0))
				continue;
			offset = log(p->denominator);
		}
		ind_its_predict(&a->its, p->t, p->period.kind == IND_PERIOD_MONTH ? p->period.sub : 0, offset, &pf[i].fit,
				&pf[i].cf, &pf[i].cf_lo, &pf[i].cf_hi);
		if (p->t < tk[0] - 1e-9)
			pf[i].cf = pf[i].cf_lo = pf[i].cf_hi = NAN;	/* the counterfactual starts at the intervention */
	}

	/* what a reader of each row must know */
	for (size_t k = 0; k < K && a->has_at; k++) {
		struct ind_analysis_break *b = &a->b[k];
		bool covid = false;
		if (b->n_pre < 8 || b->n_post < 8)
			caveat(b, "short_series");
		if (b->n_post < (size_t)(py > 3 ? py : 3))
			caveat(b, "few_post");
		if (a->its_ok && o->its.model == IND_MODEL_OLS && a->its.se_used == IND_ITS_SE_OLS && a->its.bg_p < 0.05)
			caveat(b, "autocorrelated");
		if (a->its_ok && a->its.se_used == IND_ITS_SE_HAC && o->its.model == IND_MODEL_OLS && m < 24)
			caveat(b, "hac_small_n");
		/* COVID-19 inside the window before or after: fitted there, and the window does not start in it */
		for (size_t w = k; w <= k + 1 && !covid; w++) {
			bool starts_in = w > 0 && in_covid(tk[w - 1], tk[w - 1] + 1e-6);
			for (size_t i = 0; i < m && !starts_in; i++)
				if ((size_t)seg[i] == w && in_covid(t[i], tend[i])) {
					covid = true;
					break;
				}
		}
		if (covid)
			caveat(b, "covid_inside");
		if (s->ncombined)
			caveat(b, "duplicates_combined");
		if (a->its.status == IND_ITS_NOT_IDENTIFIED)
			caveat(b, "not_identified");
		if (a->its_ok && o->its.quasi && !o->its.dispersion_floor && a->its.fit.dispersion < 1)
			caveat(b, "underdispersed");
		if (a->its_ok && o->its.model == IND_MODEL_OLS && a->its.se_used == IND_ITS_SE_OLS && isnan(a->its.bg_p))
			caveat(b, "ac_untested");
	}
	free(use);
	free(t);
	free(y);
	free(off);
	free(va);
	free(vb);
	free(month);
	free(seg);
	free(tend);
}
