/* analysis.c - windows, before/after tests, ITS, shares and difference-in-differences for one series. See LICENSE. */
#include "analysis.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

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

/* The comparison regions' mean at each of the periods of pts (NaN where none has a value). */
static void control_values(ind_series_set *set, const struct ind_analysis_opts *o, const struct ind_series *s,
			   const struct ind_point *pts, size_t n, double *out)
{
	for (size_t i = 0; i < n; i++) {
		double sum = 0;
		int k = 0;
		for (size_t j = 0; j < ind_series_count(set); j++) {
			const struct ind_series *c = ind_series_at(set, j);
			if (strcmp(c->indicator, s->indicator) != 0 ||
			    !ind_strmap_get(o->controls, c->region, strlen(c->region)))
				continue;
			for (size_t m = 0; m < c->n; m++)
				if (c->pts[m].has_value && ind_period_cmp(&c->pts[m].period, &pts[i].period) == 0) {
					sum += c->pts[m].value;
					k++;
					break;
				}
		}
		out[i] = k ? sum / k : NAN;
	}
}

void ind_analyse(ind_series_set *set, const struct ind_series *s, const struct ind_period *at,
		 const struct ind_analysis_opts *o, struct ind_analysis *a, struct ind_point_fit *pf)
{
	size_t n = s->n, m = 0, na = 0, nb = 0, cap = n ? n : 1;
	struct ind_point *use = malloc(cap * sizeof *use);
	double *t = malloc(cap * sizeof *t), *y = malloc(cap * sizeof *y), *off = malloc(cap * sizeof *off);
	double *va = malloc(cap * sizeof *va), *vb = malloc(cap * sizeof *vb), *ctl = malloc(cap * sizeof *ctl);
	int *month = malloc(cap * sizeof *month);
	double t0, xa = 0, da = 0, xb = 0, db = 0;
	bool shares = true, use_offset = true;
	char p0[IND_PERIOD_TEXT_MAX], p1[IND_PERIOD_TEXT_MAX], p2[IND_PERIOD_TEXT_MAX];

	if (!use || !t || !y || !off || !va || !vb || !ctl || !month)
		ind_die(IND_EXIT_DATA, "out of memory");
	memset(a, 0, sizeof *a);
	a->pr = (struct ind_props){ NAN, NAN, NAN, NAN, NAN, NAN };
	a->boot_lo = a->boot_hi = a->did = a->did_lo = a->did_hi = a->did_p = NAN;
	a->is_control = o->controls && ind_strmap_get(o->controls, s->region, strlen(s->region));
	a->has_at = at != NULL;
	t0 = a->t0 = at ? ind_period_time(at) : NAN;
	if (at && n && (t0 <= s->pts[0].t || t0 > s->pts[n - 1].t)) {
		note(a, "the intervention %s is outside the data (%s..%s)", ind_period_format(at, p0),
		     ind_period_format(&s->pts[0].period, p1), ind_period_format(&s->pts[n - 1].period, p2));
		a->has_at = false;
	}
	for (size_t i = 0; pf && i < n; i++)
		pf[i] = (struct ind_point_fit){ NAN, NAN, NAN, NAN, IND_PHASE_EXCLUDED };

	/* the points that enter the statistics, in order; the windows count usable points */
	if (a->has_at) {
		long npre = 0, k = 0;
		for (size_t i = 0; i < n; i++)
			if (s->pts[i].has_value && !ind_analysis_excluded(o, s->pts[i].t) && s->pts[i].t < t0 - 1e-9)
				npre++;
		for (size_t i = 0; i < n; i++) {
			const struct ind_point *p = &s->pts[i];
			bool post = p->t >= t0 - 1e-9, keep = p->has_value && !ind_analysis_excluded(o, p->t);
			if (keep && !post && o->pre > 0 && npre - k > o->pre)
				keep = false;
			if (keep && !post)
				k++;
			if (keep && post && o->post > 0 && (long)nb >= o->post)
				keep = false;
			if (keep) {
				use[m] = *p;
				t[m] = p->t;
				month[m] = p->period.kind == IND_PERIOD_MONTH ? p->period.sub : 0;
				y[m] = o->its.model == IND_MODEL_POISSON && p->has_numerator ? p->numerator : p->value;
				if (p->has_denominator && p->denominator > 0)
					off[m] = log(p->denominator);
				else
					use_offset = false;
				if (post)
					vb[nb++] = p->value;
				else
					va[na++] = p->value;
				if (p->has_numerator && p->has_denominator && p->denominator > 0) {
					if (post)
						xb += p->numerator, db += p->denominator;
					else
						xa += p->numerator, da += p->denominator;
				} else {
					shares = false;
				}
				m++;
			}
			if (pf)
				pf[i].phase = !keep ? IND_PHASE_EXCLUDED : post ? IND_PHASE_POST : IND_PHASE_PRE;
		}
	}
	a->n_pre = na;
	a->n_post = nb;
	ind_two_groups(va, na, vb, nb, &a->g);
	if (a->has_at && (na < 3 || nb < 3))
		note(a, "%zu value%s before and %zu after the intervention; at least 3 on each side are needed", na,
		     na == 1 ? "" : "s", nb);
	if (a->has_at && shares && na && nb)
		ind_two_props(xa, da, xb, db, &a->pr);
	if (o->bootstrap && na && nb)
		ind_bootstrap_diff(va, na, vb, nb, o->bootstrap, o->seed, &a->boot_lo, &a->boot_hi);
	if (a->has_at && na >= 3 && nb >= 3) {
		a->its_ok = ind_its_fit(t, y, use_offset && o->its.model == IND_MODEL_POISSON ? off : NULL, month, m, t0,
					&o->its, &a->its) == 0;
		if (!a->its_ok)
			note(a, "the segmented regression could not be fitted%s",
			     o->its.model == IND_MODEL_POISSON ? " (counts must be >= 0)" : "");
	}
	if (!a->its_ok)
		ind_its_fit(t, y, NULL, NULL, 0, 0, &o->its, &a->its);	/* all NaN */
	if (o->controls && a->has_at && !a->is_control) {
		/* the same model on treated minus control */
		size_t k = 0;
		struct ind_its d;
		struct ind_its_opts dopt = o->its;
		control_values(set, o, s, use, m, ctl);
		for (size_t i = 0; i < m; i++)
			if (!isnan(ctl[i])) {
				t[k] = t[i];
				y[k] = use[i].value - ctl[i];
				month[k++] = month[i];
			}
		dopt.model = IND_MODEL_OLS;
		if (ind_its_fit(t, y, NULL, month, k, t0, &dopt, &d) == 0) {
			a->did = d.level, a->did_lo = d.level_lo, a->did_hi = d.level_hi, a->did_p = d.level_p;
		} else {
			note(a, "too few periods shared with the control regions for a difference-in-differences estimate");
		}
	}
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
		if (p->t < t0 - 1e-9)
			pf[i].cf = pf[i].cf_lo = pf[i].cf_hi = NAN;	/* the counterfactual starts at the intervention */
	}
	free(use);
	free(t);
	free(y);
	free(off);
	free(va);
	free(vb);
	free(ctl);
	free(month);
}
