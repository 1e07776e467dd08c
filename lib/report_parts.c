/* report_parts.c - one indicator's findings: the analysis, honest sentences and caveats in the report's language, the numbers shown, the compact tables. See LICENSE. */
#include "report_parts.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "did.h"
#include "joinpoint.h"
#include "num.h"
#include "period.h"
#include "report_text.h"
#include "trend.h"

static void add_cell(struct ind_table *t, char **cells, int c, const char *s)
{
	cells[c] = ind_strndup_or_die(s, strlen(s));
	(void)t;
}

#define TX(o, id) ind_report_text((o)->r->lang, id)

/*
 * The texts from T_CHANGE_LABEL on are formats (see report_text.h), which the
 * compiler cannot check: ind_report_texts_checked() does before a report is made.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* A number shown, recorded for statistics.csv. */
static void stat_shown(struct ind_report_part *o, const char *name, double x, const char *shown)
{
	struct ind_report_stat *st;
	if (o->nstats == o->stats_cap) {
		size_t cap = o->stats_cap ? 2 * o->stats_cap : 64;
		if (!(st = realloc(o->stats, cap * sizeof *st)))
			ind_die(IND_EXIT_DATA, "out of memory");
		o->stats = st, o->stats_cap = cap;
	}
	st = &o->stats[o->nstats++];
	snprintf(st->name, sizeof st->name, "%s", name);
	st->value = x;
	snprintf(st->shown, sizeof st->shown, "%s", shown);
}

/* A number as the report shows it, recorded in statistics.csv under name. */
static const char *N(struct ind_report_part *o, const char *name, double x, char buf[IND_FMT_MAX])
{
	ind_text_number(x, 3, o->r->lang, buf);
	stat_shown(o, name, x, buf);
	return buf;
}

static const char *P(struct ind_report_part *o, const char *name, double p, char buf[IND_FMT_MAX])
{
	ind_text_p(p, o->r->lang, buf);
	stat_shown(o, name, p, buf);
	return buf;
}

static const char *PCT(struct ind_report_part *o, const char *name, double x, char buf[IND_FMT_MAX])
{
	ind_report_pct(x, o->r->lang, buf);
	stat_shown(o, name, x, buf);
	return buf;
}

static const char *COUNT(struct ind_report_part *o, const char *name, size_t n, char buf[IND_FMT_MAX])
{
	snprintf(buf, IND_FMT_MAX, "%zu", n);
	stat_shown(o, name, (double)n, buf);
	return buf;
}

/*
 * An estimate and its interval as the report shows them, each recorded under
 * name, name_lo and name_hi: the three with one number of decimals
 * (ind_text_decimals, 3 significant digits), so the estimate never claims more
 * precision than its interval has.
 */
static void CI(struct ind_report_part *o, const char *name, double est, double lo, double hi, char e[IND_FMT_MAX],
	       char l[IND_FMT_MAX], char h[IND_FMT_MAX])
{
	enum ind_lang lang = o->r->lang;
	int dec = ind_text_decimals(est, lo, hi, 3);
	char nm[64];
	stat_shown(o, name, est, ind_text_fixed(est, dec, lang, e));
	snprintf(nm, sizeof nm, "%s_lo", name);
	stat_shown(o, nm, lo, ind_text_fixed(lo, dec, lang, l));
	snprintf(nm, sizeof nm, "%s_hi", name);
	stat_shown(o, nm, hi, ind_text_fixed(hi, dec, lang, h));
}

/* The same for percentages, one decimal each. */
static void CI_PCT(struct ind_report_part *o, const char *name, double est, double lo, double hi, char e[IND_FMT_MAX],
		   char l[IND_FMT_MAX], char h[IND_FMT_MAX])
{
	char nm[64];
	PCT(o, name, est, e);
	snprintf(nm, sizeof nm, "%s_lo", name);
	PCT(o, nm, lo, l);
	snprintf(nm, sizeof nm, "%s_hi", name);
	PCT(o, nm, hi, h);
}

static void sentence(struct ind_report_part *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sentence(struct ind_report_part *o, const char *fmt, ...)
{
	va_list ap;
	if (o->ns == IND_PART_SENTENCES)
		ind_die(IND_EXIT_DATA, "%s, %s: more than %d sentences", o->region, o->id, IND_PART_SENTENCES);
	va_start(ap, fmt);
	vsnprintf(o->sentences[o->ns], sizeof o->sentences[0], fmt, ap);
	va_end(ap);
	ind_report_sentence_case(o->sentences[o->ns++]);
}

static void caveat(struct ind_report_part *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void caveat(struct ind_report_part *o, const char *fmt, ...)
{
	va_list ap;
	if (o->nn == IND_PART_NOTES)
		ind_die(IND_EXIT_DATA, "%s, %s: more than %d caveats", o->region, o->id, IND_PART_NOTES);
	va_start(ap, fmt);
	vsnprintf(o->notes[o->nn], sizeof o->notes[0], fmt, ap);
	va_end(ap);
	for (int k = 0; k < o->nn; k++)	/* several interruptions can share a caveat: said once */
		if (strcmp(o->notes[k], o->notes[o->nn]) == 0)
			return;
	o->nn++;
}

/* The caveats of an analysis' keywords (see ind-compare(1)), in the report's language. */
static void keyword_caveats(struct ind_report_part *o, const struct ind_analysis_break *ab, const struct ind_analysis *a)
{
	static const struct {
		const char *word;
		enum text_id t;
	} kw[] = { { "few_post", T_CV_FEW_POST }, { "covid_inside", T_CV_COVID }, { "duplicates_combined", T_CV_DUP },
		   { "not_identified", T_CV_NOT_ID }, { "underdispersed", T_CV_UNDERDISP },
		   { "ac_untested", T_CV_AC_UNTESTED } };
	const char *w = ab->caveats;
	char x[IND_FMT_MAX], y[IND_FMT_MAX];
	while (*w) {
		size_t len = strcspn(w, ";");
#define IS(word) (strlen(word) == len && strncmp(word, w, len) == 0)
		if (IS("short_series"))
			caveat(o, TX(o, T_CV_SHORT), COUNT(o, "n_pre", ab->n_pre, x), COUNT(o, "n_post", ab->n_post, y));
		else if (IS("autocorrelated"))
			caveat(o, TX(o, T_CV_AUTOCORR), P(o, "bg_p", a->its.bg_p, x));
		else if (IS("hac_small_n"))
			caveat(o, TX(o, T_CV_HAC_SMALL), COUNT(o, "n", a->its.n, x));
		for (size_t k = 0; k < sizeof kw / sizeof kw[0]; k++)
			if (IS(kw[k].word))
				caveat(o, "%s", TX(o, kw[k].t));
#undef IS
		w += len + (w[len] == ';');
	}
}

/* Do the comparison regions have any value of indicator id? */
static bool controls_have(ind_series_set *set, const ind_strmap *controls, const char *id)
{
	for (size_t j = 0; j < ind_series_count(set); j++) {
		const struct ind_series *c = ind_series_at(set, j);
		if (strcmp(c->indicator, id) == 0 && ind_strmap_get(controls, c->region, strlen(c->region)))
			for (size_t m = 0; m < c->n; m++)
				if (c->pts[m].has_value)
					return true;
	}
	return false;
}

/*
 * The compact tables of an indicator: texts already shown (and recorded for
 * statistics.csv), a label and one or two cells a row; lib/report.c renders
 * them in both documents.
 */
static void compact_begin(struct ind_table *t, const char *const *head, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	if (!(t->head = calloc(ncols, sizeof *t->head)))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t c = 0; c < ncols; c++)
		t->head[c] = ind_strndup_or_die(head[c], strlen(head[c]));
}

static void compact_row(struct ind_table *t, const char *label, const char *c1, const char *c2)
{
	char **cells = calloc(t->ncols, sizeof *cells);
	const char *v[3] = { label, c1, c2 ? c2 : "" };
	if (!cells)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t c = 0; c < t->ncols; c++)
		cells[c] = ind_strndup_or_die(v[c], strlen(v[c]));
	ind_table_add(t, cells, 0);
}

/* "x (lo … hi)" of three numbers already shown (and recorded), as ind_text_ci writes them. */
static const char *ci_cell(const char *x, const char *lo, const char *hi, char buf[3 * IND_FMT_MAX + 8])
{
	snprintf(buf, 3 * IND_FMT_MAX + 8, "%s (%s" NBSP "\xe2\x80\xa6" NBSP "%s)", x, lo, hi);
	return buf;
}

/* A compact table made: kept, in order, for the page to write. */
static void compact_keep(struct ind_report_part *o, struct ind_table *t)
{
	if (o->ntables == IND_PART_TABLES)
		ind_die(IND_EXIT_DATA, "%s, %s: more than %d tables", o->region, o->id, IND_PART_TABLES);
	o->tables[o->ntables++] = *t;
	memset(t, 0, sizeof *t);
}

/* name, or name_K for the K-th interruption from the second on: the statistics.csv name of a number. */
static const char *stat_name(const char *name, size_t k, char buf[64])
{
	if (k == 0)
		snprintf(buf, 64, "%s", name);
	else
		snprintf(buf, 64, "%s_%zu", name, k + 1);
	return buf;
}

/*
 * How sure the finding is, in one sentence: without a significant change, the
 * smallest detectable one and the follow-up it would need (ind_its_power, and
 * ind_its_power_poisson in percent);
 * with one, whether placebo dates before the change give as large a change.
 */
static void how_sure(struct ind_report_part *o, const struct ind_series *s, const struct ind_analysis_break *ab,
		     const struct ind_its_break *its, bool its_sig, bool poisson, const char *unit, size_t k)
{
	char nm[64];
	enum ind_lang lang = o->r->lang;
	char n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80],
		u2[IND_FMT_MAX + 80], span[2 * IND_FMT_MAX];
	if (!its_sig && isfinite(ab->pw.mde_level)) {
		enum ind_period_kind kind = s->n ? s->pts[0].period.kind : IND_PERIOD_YEAR;
		enum text_id steps = kind == IND_PERIOD_MONTH	  ? T_STEPS_MONTH
				     : kind == IND_PERIOD_QUARTER ? T_STEPS_QUARTER
				     : kind == IND_PERIOD_WEEK	  ? T_STEPS_WEEK
				     : kind == IND_PERIOD_DAY	  ? T_STEPS_DAY
								  : T_STEPS_YEAR;
		if (poisson) {	/* the log scale as percent changes, in the direction of the estimate */
			double m = ab->pw.mde_level;
			ind_report_with_unit(PCT(o, stat_name("mde_level_pct", k, nm), 100 * (its->level < 0 ? exp(-m) - 1 : exp(m) - 1), n1), "%",
					     u1);
			ind_report_with_unit(PCT(o, stat_name("level_pct", k, nm), 100 * (its->rr_level - 1), n3), "%", u2);
		} else {
			ind_report_with_unit(N(o, stat_name("mde_level", k, nm), ab->pw.mde_level, n1), unit, u1);
			/* the estimate as the sentence before showed it, with its interval's decimals */
			ind_text_fixed(its->level, ind_text_decimals(its->level, its->level_lo, its->level_hi, 3), lang, u2);
			stat_shown(o, stat_name("level", k, nm), its->level, u2);
		}
		if (ab->pw.followup > 0)
			sentence(o, TX(o, T_SURE_NOT_YET), u1, u2, COUNT(o, stat_name("followup_needed", k, nm), (size_t)ab->pw.followup, n3),
				 TX(o, steps));
		else if (ab->pw.followup < 0)
			sentence(o, TX(o, T_SURE_NEVER), u1, u2);
		else
			sentence(o, TX(o, T_SURE_MDE), u1);
	} else if (its_sig && ab->placebo_n > 0) {
		long as_large = lround(ab->placebo_p * (double)(ab->placebo_n + 1)) - 1;
		ind_text_period_range(&ab->placebo_first, &ab->placebo_last, lang, span);
		COUNT(o, stat_name("placebo_n", k, nm), ab->placebo_n, n2);
		P(o, stat_name("placebo_p", k, nm), ab->placebo_p, pb);
		if (as_large <= 0)	/* none as large: telling only when there were dates enough for a small p */
			sentence(o, TX(o, ab->placebo_p < 0.05 ? T_SURE_PLACEBO_NONE : T_SURE_PLACEBO_FEW), n2, span, pb);
		else
			sentence(o, TX(o, ab->placebo_p < 0.05 ? T_SURE_PLACEBO_SOME : T_SURE_PLACEBO_CHANCE),
				 COUNT(o, stat_name("placebo_as_large", k, nm), (size_t)as_large, n1), n2, span, pb);
	} else if (its_sig) {
		sentence(o, TX(o, T_SURE_NO_PLACEBO), COUNT(o, stat_name("n_pre", k, nm), ab->n_pre, n1));
	}
}

/*
 * The interrupted time series of one indicator, with every interruption the
 * events file gives it: sentences, caveats, table rows, points.
 */
static int its_part(struct ind_report_part *o, ind_series_set *set, const struct ind_series *s, const struct ind_period *at,
		    char (*labels)[IND_EVENT_LABEL_MAX], size_t nat, struct ind_table *t, struct ind_error *err)
{
	const struct ind_report_indicator *d = o->d;
	const char *name = o->name, *unit = o->unit;
	bool plural = o->plural;
	const struct ind_report *r = o->r;
	enum ind_lang lang = r->lang;
	static struct ind_analysis a;	/* large: kept off the stack */
	struct ind_analysis_opts ao = r->an;
	struct ind_point_fit *pf = malloc(s->n * sizeof *pf);
	char when[IND_FMT_MAX], change[400], n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], n4[IND_FMT_MAX],
		pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80], u2[IND_FMT_MAX + 80], cell[3 * IND_FMT_MAX + 8], nm[64], nm2[64],
		row[IND_FMT_MAX + 200];
	const char *yunit = ind_report_per_year_unit(unit);
	bool poisson, rates;

	if (!pf)
		ind_die(IND_EXIT_DATA, "out of memory");
	if (d && d->model_given) {
		ao.its.model = d->model;
		if (d->model == IND_MODEL_OLS)
			ao.its.quasi = false;
	}
	poisson = ao.its.model == IND_MODEL_POISSON;
	/*
	 * against the comparison regions (lib/did.c): under Poisson one GLM on the
	 * region's counts and their pooled counts, a ratio of rate ratios; counts
	 * with denominators as rates per 1 000, never in persons; each comparison
	 * region weighted by its population (denominators) where it has one
	 */
	ao.did.method = poisson ? IND_DID_POOLED : IND_DID_DIFFERENCE;
	/* how sure: the detectable change and follow-up, placebo dates */
	ao.power = true;
	ao.pw.alpha = 0.05, ao.pw.power = 0.8, ao.pw.sims = 0;
	ao.placebo_min = 8;
	ind_analyse(set, s, at, nat, &ao, &a, pf);
	ind_text_period(&at[0], lang, when);
	rates = a.did_tried && a.did.status == IND_ITS_OK && a.did.scale == IND_DID_RATES;
	if (a.did_refused) {	/* a comparison value without the weight it needs: a data error at its line */
		free(pf);
		return ind_error_set(err, a.did.file, a.did.line, "%s", a.did.why);
	}

	if (!a.has_at) {
		sentence(o, TX(o, T_OUTSIDE), name, when);
	} else if (a.n_pre < 3 || a.n_post < 3) {
		sentence(o, TX(o, T_TOO_FEW), name, COUNT(o, "n_pre", a.n_pre, n1), COUNT(o, "n_post", a.n_post, n2));
	} else if (!a.its_ok) {
		enum text_id why = a.its.status == IND_ITS_TOO_CLOSE	   ? T_WHY_CLOSE
				   : a.its.status == IND_ITS_NOT_IDENTIFIED ? T_WHY_NOT_ID
				   : a.its.status == IND_ITS_NO_VARIATION   ? T_WHY_NO_VAR
									    : T_WHY_NO_FIT;
		sentence(o, TX(o, T_NO_ITS), name, TX(o, why));
	} else {
		for (size_t k = 0; k < a.nbreaks; k++) {
			const struct ind_its_break *its = &a.its.brk[k];
			const struct ind_analysis_break *ab = &a.b[k];
			/* the region's own change, and against the comparison regions: a ratio of rate ratios under Poisson */
			bool did = a.did_tried && a.did.status == IND_ITS_OK && !isnan(ab->did) && !isnan(ab->did_lo);
			double dv = poisson ? ab->did_rr : ab->did, dlo = poisson ? ab->did_rr_lo : ab->did_lo,
			       dhi = poisson ? ab->did_rr_hi : ab->did_hi, null = poisson ? 1 : 0;
			bool did_sig = did && (dlo > null || dhi < null), its_sig, disagree;
			int did_dir = dv > null ? 1 : dv < null ? -1 : 0, its_dir;
			const char *judgement = "", *label = "";
			for (size_t e = 0; e < nat; e++)	/* the interruptions are in period order now */
				if (ind_period_cmp(&at[e], &ab->at) == 0)
					label = labels[e];
			ind_text_period(&ab->at, lang, when);
			if (label[0])
				snprintf(change, sizeof change, TX(o, T_CHANGE_LABEL), label, when);
			else
				snprintf(change, sizeof change, TX(o, T_CHANGE), when);
			its_sig = its->level_lo > 0 || its->level_hi < 0;	/* log scale under Poisson: 0 is a ratio of 1 */
			its_dir = its->level > 0 ? 1 : its->level < 0 ? -1 : 0;
			disagree = did && (its_sig || did_sig) && (its_sig != did_sig || its_dir != did_dir);
			if (its_sig && !disagree && d && d->better)
				judgement = TX(o, its_dir == d->better ? T_IMPROVEMENT : T_DETERIORATION);
			if (poisson) {
				double rel = its->rr_level - 1, lo = its->rr_level_lo - 1, hi = its->rr_level_hi - 1;
				if (its_sig) {
					CI_PCT(o, stat_name("level_pct_abs", k, nm), 100 * fabs(rel), 100 * fmin(fabs(lo), fabs(hi)),
					       100 * fmax(fabs(lo), fabs(hi)), n1, n2, n3);
					sentence(o, TX(o, T_RR_SIG), name, ind_report_verb(rel > 0 ? V_INCREASED : V_DECREASED, lang, plural),
						 n1, n2, n3, P(o, stat_name("level_p", k, nm), its->level_p, pb), change,
						 N(o, stat_name("rr_level", k, nm2), its->rr_level, n4), judgement);
				} else {
					CI(o, stat_name("rr_level", k, nm), its->rr_level, its->rr_level_lo, its->rr_level_hi, n1, n2, n3);
					sentence(o, TX(o, T_RR_NS), name, ind_report_verb(V_UNCHANGED, lang, plural), change, n1, n2, n3,
						 P(o, stat_name("level_p", k, nm), its->level_p, pb),
						 PCT(o, stat_name("level_pct", k, nm2), 100 * rel, n4));
				}
				CI(o, stat_name("rr_slope", k, nm), its->rr_slope, its->rr_slope_lo, its->rr_slope_hi, n1, n2, n3);
				sentence(o, TX(o, T_RR_SLOPE), n1, n2, n3, P(o, stat_name("slope_change_p", k, nm), its->slope_change_p, pb));
			} else {
				double lv = its->level, lo = its->level_lo, hi = its->level_hi;
				if (its_sig) {
					CI(o, stat_name("level_abs", k, nm), fabs(lv), fmin(fabs(lo), fabs(hi)), fmax(fabs(lo), fabs(hi)), n1, n2,
					   n3);
					sentence(o, TX(o, T_LEVEL_SIG), name,
						 ind_report_verb(lv > 0 ? V_INCREASED : V_DECREASED, lang, plural),
						 ind_report_with_unit(n1, unit, u1), n2, n3, P(o, stat_name("level_p", k, nm), its->level_p, pb),
						 change, judgement);
				} else {
					CI(o, stat_name("level", k, nm), lv, lo, hi, n1, n2, n3);
					sentence(o, TX(o, T_LEVEL_NS), name, ind_report_verb(V_UNCHANGED, lang, plural), change,
						 ind_report_with_unit(n1, unit, u1), n2, n3, P(o, stat_name("level_p", k, nm), its->level_p, pb));
				}
				CI(o, stat_name("slope_change", k, nm), its->slope_change, its->slope_change_lo, its->slope_change_hi, n1,
				   n2, n3);
				sentence(o, TX(o, T_SLOPE_CHANGE), ind_report_with_unit(n1, yunit, u1), n2, n3,
					 P(o, stat_name("slope_change_p", k, nm), its->slope_change_p, pb),
					 ind_report_with_unit(N(o, stat_name("pre_slope", k, nm2), its->pre_slope, n4), yunit, u2));
			}
			if (did && poisson) {
				CI(o, stat_name("did_rr", k, nm), ab->did_rr, ab->did_rr_lo, ab->did_rr_hi, n1, n2, n3);
				sentence(o, TX(o, T_DID_RR), r->controls_text, n1, n2, n3,
					 P(o, stat_name("did_rr_p", k, nm), ab->did_p, pb));
			} else if (did && rates) {
				CI(o, stat_name("did_rate", k, nm), ab->did, ab->did_lo, ab->did_hi, n1, n3, n4);
				sentence(o, TX(o, T_DID_RATE), r->controls_text, ind_report_with_unit(n1, unit, u1),
					 N(o, stat_name("rate_per", k, nm), 1000, n2), n3, n4,
					 P(o, stat_name("did_rate_p", k, nm), ab->did_p, pb));
			} else if (did) {
				CI(o, stat_name("did", k, nm), ab->did, ab->did_lo, ab->did_hi, n1, n2, n3);
				sentence(o, TX(o, T_DID), r->controls_text, ind_report_with_unit(n1, unit, u1), n2, n3,
					 P(o, stat_name("did_p", k, nm), ab->did_p, pb));
			}
			if (did && !poisson && !rates && d && d->count)
				caveat(o, "%s", TX(o, T_CV_COUNT_ABS));
			if (disagree)
				sentence(o, TX(o, T_DISAGREE), TX(o, its_dir != did_dir ? T_OPPOSITE : T_NOT_BOTH));
			how_sure(o, s, ab, its, its_sig, poisson, unit, k);
			/* caveats: one per keyword of the analysis, then what the comparison could not give */
			keyword_caveats(o, ab, &a);
			if (k + 1 == a.nbreaks && a.its.se_used == IND_ITS_SE_AR1 && a.its.fit.rho_bound)
				caveat(o, "%s", TX(o, T_CV_AR1_BOUND));
			if (k + 1 == a.nbreaks && a.its.se_used == IND_ITS_SE_AR1 && !a.its.fit.converged)
				caveat(o, "%s", TX(o, T_CV_AR1_CONV));
			if (r->controls && !a.is_control && !did)
				caveat(o, "%s",
				       TX(o, controls_have(set, r->controls, s->indicator) ? T_CV_CONTROL_FEW : T_CV_CONTROL_NO_DATA));
		}
	}
	if (!r->controls)
		caveat(o, "%s", TX(o, T_CV_NO_CONTROL));
	for (size_t i = 0; i < s->n; i++) {
		char **cells = calloc(9, sizeof *cells), pp[IND_PERIOD_TEXT_MAX], nb[IND_DOUBLE_TEXT_MAX];
		static const char *const phases[] = { "pre", "post", "excluded" };
		if (!cells)
			ind_die(IND_EXIT_DATA, "out of memory");
		add_cell(t, cells, 0, o->region);
		add_cell(t, cells, 1, o->id);
		add_cell(t, cells, 2, ind_period_format(&s->pts[i].period, pp));
		add_cell(t, cells, 3, s->pts[i].has_value ? ind_num_format(s->pts[i].value, nb) : "");
		add_cell(t, cells, 4, ind_num_format(pf[i].fit, nb));
		add_cell(t, cells, 5, ind_num_format(pf[i].cf, nb));
		add_cell(t, cells, 6, ind_num_format(pf[i].cf_lo, nb));
		add_cell(t, cells, 7, ind_num_format(pf[i].cf_hi, nb));
		add_cell(t, cells, 8, phases[pf[i].phase]);
		ind_table_add(t, cells, 0);
	}
	/*
	 * the compact tables: every number recorded under the name a reader of
	 * statistics.csv looks for; with several interruptions a row's label names
	 * the one it belongs to
	 */
	{
		const char *h3[] = { TX(o, T_STAT), TX(o, T_BEFORE), TX(o, T_AFTER) }, *h2[] = { TX(o, T_STAT), TX(o, T_VALUE) };
		struct ind_table ct;
		size_t nk = a.nbreaks ? a.nbreaks : 1;
#define ROW_LABEL(text, k) \
	(nk > 1 ? (snprintf(row, sizeof row, "%s (%s)", text, ind_text_period(&a.b[k].at, lang, when)), row) : text)
		compact_begin(&ct, h3, 3);
		for (size_t k = 0; k < nk; k++) {
			const struct ind_analysis_break *ab = &a.b[k];
			compact_row(&ct, ROW_LABEL("n", k), COUNT(o, stat_name("n_pre", k, nm), ab->n_pre, n1),
				    COUNT(o, stat_name("n_post", k, nm2), ab->n_post, n2));
			compact_row(&ct, ROW_LABEL(TX(o, T_MEAN), k), N(o, stat_name("mean_pre", k, nm), ab->g.mean_a, n1),
				    N(o, stat_name("mean_post", k, nm2), ab->g.mean_b, n2));
		}
		compact_keep(o, &ct);
		if (a.its_ok) {
			compact_begin(&ct, h2, 2);
			for (size_t k = 0; k < a.nbreaks; k++) {
				const struct ind_its_break *its = &a.its.brk[k];
				if (poisson) {
					CI(o, stat_name("rr_level", k, nm), its->rr_level, its->rr_level_lo, its->rr_level_hi, n1, n2, n3);
					compact_row(&ct, ROW_LABEL(TX(o, T_RR_CI), k), ci_cell(n1, n2, n3, cell), NULL);
					CI_PCT(o, stat_name("level_pct", k, nm), 100 * (its->rr_level - 1), 100 * (its->rr_level_lo - 1),
					       100 * (its->rr_level_hi - 1), n1, n2, n3);
					compact_row(&ct, ROW_LABEL(TX(o, T_PCT_CI), k), ci_cell(n1, n2, n3, cell), NULL);
				} else {
					CI(o, stat_name("level", k, nm), its->level, its->level_lo, its->level_hi, n1, n2, n3);
					compact_row(&ct, ROW_LABEL(TX(o, T_LEVEL_CI), k), ci_cell(n1, n2, n3, cell), NULL);
				}
				compact_row(&ct, ROW_LABEL("p", k), P(o, stat_name("level_p", k, nm), its->level_p, n1), NULL);
			}
			compact_keep(o, &ct);
		}
#undef ROW_LABEL
	}
	free(pf);
	return 0;
}

/*
 * The trend as a joinpoint regression (joinpoints = K): where it changed,
 * each segment's annual change, the average over the span; sentences and the
 * compact table. tt, yy the m values used, at[j] their point in s. false when
 * no model fits: the linear trend is then said instead.
 */
static bool joinpoint_part(struct ind_report_part *o, const struct ind_series *s, int kmax, const double *tt, const double *yy,
			   const size_t *at, size_t m, const char *unit, struct ind_joinpoints *jp)
{
	enum ind_lang lang = o->r->lang;
	struct ind_jp_opts jo;
	bool positive = m > 0;
	char n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80],
		span[2 * IND_FMT_MAX], list[1536] = "", cell[3 * IND_FMT_MAX + 8], label[2 * IND_FMT_MAX + 64], nm[64],
		count[64];
	const char *method, *yunit = ind_report_per_year_unit(unit);
	struct ind_table ct;
	const char *h2[] = { TX(o, T_STAT), TX(o, T_VALUE) };
	int rc;

	for (size_t i = 0; i < m; i++)
		positive &= yy[i] > 0;
	ind_jp_opts_init(&jo, kmax);
	jo.log_scale = positive;	/* annual percent changes where every value is positive, as Joinpoint */
	rc = ind_joinpoints_fit(tt, yy, NULL, m, &jo, jp);
	if (rc == IND_JP_NOMEM)
		ind_die(IND_EXIT_DATA, "out of memory for the joinpoints of '%s, %s'", o->region, o->id);
	if (rc != 0)
		return false;
	method = jp->method == IND_JP_BIC ? "BIC"
		 : lang == IND_LANG_FI	  ? "permutaatiotesti"
		 : lang == IND_LANG_SV	  ? "permutationstest"
					  : "permutation test";
	if (jp->k == 0) {
		sentence(o, TX(o, T_JP_NONE), COUNT(o, "jp_kmax", (size_t)kmax, n2), method);
	} else {
		COUNT(o, "jp_k", (size_t)jp->k, n1);
		for (int j = 0; j < jp->k; j++) {
			size_t len = strlen(list);
			char one[IND_FMT_MAX];
			size_t q = 0;
			while (q + 1 < m && tt[q] < jp->joint[j] - 1e-9)	/* a joinpoint is an observed time */
				q++;
			snprintf(list + len, sizeof list - len, "%s%s", j ? ", " : "",
				 ind_text_period(&s->pts[at[q]].period, lang, one));
		}
		snprintf(count, sizeof count,
			 lang == IND_LANG_FI ? (jp->k == 1 ? "%s muutoskohdan" : "%s muutoskohtaa")
			 : lang == IND_LANG_SV ? (jp->k == 1 ? "%s brytpunkt" : "%s brytpunkter")
					       : (jp->k == 1 ? "%s joinpoint" : "%s joinpoints"),
			 n1);
		sentence(o, TX(o, T_JP_FOUND), count, method, list);
	}
	compact_begin(&ct, h2, 2);
	compact_row(&ct, "n", COUNT(o, "n", m, n1), NULL);
	list[0] = '\0';
	for (int g = 0; g <= jp->k; g++) {
		const struct ind_jp_segment *sg = &jp->seg[g];
		size_t q0 = 0, q1 = 0, len = strlen(list);
		char one[3 * IND_FMT_MAX + 2 * IND_FMT_MAX + 160];
		while (q0 + 1 < m && tt[q0] < sg->t0 - 1e-9)
			q0++;
		while (q1 + 1 < m && tt[q1] < sg->t1 - 1e-9)
			q1++;
		ind_text_period_range(&s->pts[at[q0]].period, &s->pts[at[q1]].period, lang, span);
		snprintf(nm, sizeof nm, "seg_%d_p", g + 1);
		P(o, nm, sg->slope_p, pb);
		if (jp->log_scale) {
			snprintf(nm, sizeof nm, "seg_%d_apc", g + 1);
			CI_PCT(o, nm, sg->apc, sg->apc_lo, sg->apc_hi, n1, n2, n3);
			snprintf(one, sizeof one, TX(o, jp->k ? T_JP_APC : T_JP_ONE_APC), span, n1, n2, n3, pb);
		} else {
			snprintf(nm, sizeof nm, "seg_%d_slope", g + 1);
			CI(o, nm, sg->slope, sg->slope_lo, sg->slope_hi, n1, n2, n3);
			snprintf(one, sizeof one, TX(o, jp->k ? T_JP_SLOPE : T_JP_ONE_SLOPE), span, ind_report_with_unit(n1, yunit, u1), n2,
				 n3, pb);
		}
		snprintf(list + len, sizeof list - len, "%s%s", g ? "; " : "", one);
		snprintf(label, sizeof label, TX(o, jp->log_scale ? T_JP_SEG_LABEL_PCT : T_JP_SEG_LABEL), span);
		compact_row(&ct, label, ci_cell(n1, n2, n3, cell), NULL);
	}
	if (jp->k)
		sentence(o, TX(o, T_JP_SEGMENTS), list);
	else	/* one segment: its change is the sentence */
		sentence(o, "%s", list);
	if (jp->k > 0 && isfinite(jp->whole.value)) {
		ind_text_period_range(&s->pts[at[0]].period, &s->pts[at[m - 1]].period, lang, span);
		P(o, "aapc_p", jp->whole.p, pb);
		if (jp->log_scale) {
			CI_PCT(o, "aapc", jp->whole.value, jp->whole.lo, jp->whole.hi, n1, n2, n3);
			sentence(o, TX(o, T_JP_AAPC), span, n1, n2, n3, pb);
		} else {
			CI(o, "aac", jp->whole.value, jp->whole.lo, jp->whole.hi, n1, n2, n3);
			sentence(o, TX(o, T_JP_AAC), span, ind_report_with_unit(n1, yunit, u1), n2, n3, pb);
		}
		compact_row(&ct, TX(o, T_JP_AAPC_LABEL), ci_cell(n1, n2, n3, cell), NULL);
	}
	compact_keep(o, &ct);
	return true;
}

/* The trend of one indicator without an intervention, on the periods the analyses use (exclude applies). */
static void trend_part(struct ind_report_part *o, const struct ind_series *s, struct ind_table *t)
{
	const struct ind_report_indicator *d = o->d;
	const char *name = o->name, *unit = o->unit;
	bool plural = o->plural;
	const struct ind_report *r = o->r;
	enum ind_lang lang = r->lang;
	double *tt = malloc((s->n ? s->n : 1) * sizeof *tt), *yy = malloc((s->n ? s->n : 1) * sizeof *yy);
	size_t *at = malloc((s->n ? s->n : 1) * sizeof *at);
	size_t m = 0, nexcl = 0, ncovid = 0, first = 0, last = 0;
	static struct ind_joinpoints jp;	/* large: kept off the stack */
	bool jp_ok = false;
	struct ind_trend tr;
	struct ind_trend_opts to = { IND_SE_OLS, NULL, 0, 0 };
	char n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80],
		span[2 * IND_FMT_MAX + 8], left[(2 * IND_FMT_MAX + 2) * IND_MAX_EXCLUDE + 64] = "", cell[3 * IND_FMT_MAX + 8];
	const char *yunit = ind_report_per_year_unit(unit);
	enum ind_its_se se = r->an.its.se;
	int trc;

	if (!tt || !yy || !at)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < s->n; i++) {
		const struct ind_point *p = &s->pts[i];
		if (!p->has_value)
			continue;
		if (ind_analysis_excluded(&r->an, p->t)) {
			nexcl++;
			continue;
		}
		if (!m)
			first = i;
		last = i;
		/* 2020-03..2021-12, as ind_analyse's covid_inside */
		if (ind_period_end_time(&p->period) > 2020 + 2 / 12.0 + 1e-9 && p->t < 2022.0 - 1e-9)
			ncovid++;
		at[m] = i;
		tt[m] = p->t, yy[m++] = p->value;
	}
	to.ac_lags = s->n ? ind_default_ac_lags(s->pts[0].period.kind) : 1;
	if (r->an.its.ac_lags > 0)
		to.ac_lags = r->an.its.ac_lags;
	/* Newey-West as asked, or (auto) only where Breusch-Godfrey finds autocorrelation */
	to.se = se == IND_ITS_SE_HAC ? IND_SE_HAC : IND_SE_OLS;
	trc = ind_trend_fit(tt, yy, m, &to, &tr);
	if (trc == 0 && se == IND_ITS_SE_AUTO && tr.bg_p < 0.05) {
		to.se = IND_SE_HAC;
		trc = ind_trend_fit(tt, yy, m, &to, &tr);
	}
	if (trc == IND_TREND_NOMEM)
		ind_die(IND_EXIT_DATA, "out of memory for the trend statistics of '%s, %s'", o->region, o->id);
	if (trc == 0) {
		bool sig = tr.slope_lo > 0 || tr.slope_hi < 0;
		ind_text_period_range(&s->pts[first].period, &s->pts[last].period, lang, span);
		if (nexcl)	/* the text names the periods the numbers leave out */
			for (int w = 0; w < r->an.nexclude; w++) {
				char one[2 * IND_FMT_MAX];
				size_t len = strlen(left);
				snprintf(left + len, sizeof left - len, "%s%s", w ? ", " : "",
					 ind_text_period_range(&r->ex_a[w], &r->ex_b[w], lang, one));
			}
		if (d && d->joinpoints > 0)
			jp_ok = joinpoint_part(o, s, d->joinpoints, tt, yy, at, m, unit, &jp);
		if (!jp_ok) {
			char leaving[sizeof left + 64] = "";
			if (nexcl)
				snprintf(leaving, sizeof leaving, TX(o, T_LEAVING_OUT), left);
			if (sig) {
				CI(o, "slope_abs", fabs(tr.slope), fmin(fabs(tr.slope_lo), fabs(tr.slope_hi)),
				   fmax(fabs(tr.slope_lo), fabs(tr.slope_hi)), n1, n2, n3);
				sentence(o, TX(o, T_TREND_SIG), name, ind_report_verb(tr.slope > 0 ? V_INCREASED : V_DECREASED, lang, plural),
					 ind_report_with_unit(n1, yunit, u1), n2, n3, P(o, "slope_p", tr.slope_p, pb), span, leaving);
			} else {
				CI(o, "slope", tr.slope, tr.slope_lo, tr.slope_hi, n1, n2, n3);
				sentence(o, TX(o, T_TREND_NS), name, ind_report_verb(V_UNCHANGED, lang, plural), span, leaving,
					 ind_report_with_unit(n1, yunit, u1), n2, n3, P(o, "slope_p", tr.slope_p, pb));
			}
		}
		/* the caveats an ITS would give, for the trend */
		if (tr.n < 8)
			caveat(o, TX(o, T_CV_SHORT_TREND), COUNT(o, "n", tr.n, n1));
		if (to.se == IND_SE_OLS && tr.bg_p < 0.05)
			caveat(o, TX(o, T_CV_AUTOCORR), P(o, "bg_p", tr.bg_p, n1));
		if (to.se == IND_SE_OLS && isnan(tr.bg_p))
			caveat(o, "%s", TX(o, T_CV_AC_UNTESTED));
		if (to.se == IND_SE_HAC && tr.n < 24)
			caveat(o, TX(o, T_CV_HAC_SMALL), COUNT(o, "n", tr.n, n1));
		if (ncovid)
			caveat(o, TX(o, T_CV_COVID_TREND), COUNT(o, "n_covid", ncovid, n1));
		if (s->ncombined)
			caveat(o, "%s", TX(o, T_CV_DUP));
		if (!jp_ok) {
			const char *h2[] = { TX(o, T_STAT), TX(o, T_VALUE) };
			struct ind_table ct;
			compact_begin(&ct, h2, 2);
			compact_row(&ct, "n", COUNT(o, "n", tr.n, n1), NULL);
			CI(o, "slope", tr.slope, tr.slope_lo, tr.slope_hi, n1, n2, n3);
			compact_row(&ct, TX(o, T_SLOPE_CI), ci_cell(n1, n2, n3, cell), NULL);
			if (!isnan(tr.apc)) {
				CI_PCT(o, "apc", tr.apc, tr.apc_lo, tr.apc_hi, n1, n2, n3);
				compact_row(&ct, TX(o, T_APC_CI), ci_cell(n1, n2, n3, cell), NULL);
			}
			compact_row(&ct, "p", P(o, "slope_p", tr.slope_p, n1), NULL);
			compact_keep(o, &ct);
		}
	} else {
		sentence(o, TX(o, T_TREND_NONE), name);
	}
	if (jp_ok) {	/* the joinpoint chart's columns: the fitted segments and which segment a period is in */
		char **head = realloc(t->head, 7 * sizeof *head);
		if (!head)
			ind_die(IND_EXIT_DATA, "out of memory");
		t->head = head;
		t->head[5] = ind_strndup_or_die("jp_fit", 6);
		t->head[6] = ind_strndup_or_die("jp_segment", 10);
		t->ncols = 7;
	}
	for (size_t i = 0; i < s->n; i++) {
		char **cells = calloc(t->ncols, sizeof *cells), pp[IND_PERIOD_TEXT_MAX], nb[IND_DOUBLE_TEXT_MAX];
		double fit, lo, hi;
		if (!cells)
			ind_die(IND_EXIT_DATA, "out of memory");
		ind_trend_predict(&tr, s->pts[i].t, &fit, &lo, &hi);
		if (jp_ok) {
			int segment = 0;
			char sg[16];
			fit = ind_joinpoints_predict(&jp, s->pts[i].t, &segment);
			add_cell(t, cells, 5, ind_num_format(fit, nb));
			snprintf(sg, sizeof sg, "%d", segment);
			add_cell(t, cells, 6, sg);
		}
		add_cell(t, cells, 0, o->region);
		add_cell(t, cells, 1, o->id);
		add_cell(t, cells, 2, ind_period_format(&s->pts[i].period, pp));
		add_cell(t, cells, 3, s->pts[i].has_value ? ind_num_format(s->pts[i].value, nb) : "");
		add_cell(t, cells, 4, ind_num_format(fit, nb));
		ind_table_add(t, cells, 0);
	}
	free(tt);
	free(yy);
	free(at);
}

void ind_report_part_init(struct ind_report_part *p, const struct ind_report *r, const char *region, const char *id)
{
	const struct ind_report_indicator *d = NULL;
	enum ind_lang lang = r->lang;
	memset(p, 0, sizeof *p);
	p->r = r, p->region = region, p->id = id;
	for (int i = 0; i < r->ninds; i++)
		if (strcmp(r->inds[i].id, id) == 0)
			d = &r->inds[i];
	p->d = d;
	/* in Swedish the Finnish name and unit where no Swedish one is given: the official names are Finnish */
	p->name = !d ? id
		  : lang == IND_LANG_FI ? (d->name_fi[0] ? d->name_fi : id)
		  : lang == IND_LANG_SV ? (d->name_sv[0] ? d->name_sv : d->name_fi[0] ? d->name_fi : id)
					: (d->name_en[0] ? d->name_en : id);
	p->unit = !d ? ""
		  : lang == IND_LANG_FI ? d->unit_fi
		  : lang == IND_LANG_SV ? (d->unit_sv[0] ? d->unit_sv : d->unit_fi)
					: d->unit_en;
	p->plural = d && d->plural;
}

void ind_report_part_free(struct ind_report_part *p)
{
	free(p->stats);
	p->stats = NULL;
	p->nstats = p->stats_cap = 0;
	for (int k = 0; k < p->ntables; k++)
		ind_table_free(&p->tables[k]);
	p->ntables = 0;
}

/* The chart's table of one series: its first ncols columns named, no rows yet. */
static void chart_begin(const struct ind_report_part *p, struct ind_table *chart, size_t ncols)
{
	static const char *const cols[] = { "region", "indicator", "period", "value", "fit", "counterfactual", "cf_lo",
					    "cf_hi", "phase" };
	chart->ncols = ncols;
	chart->head = calloc(ncols, sizeof *chart->head);
	chart->name = ind_strndup_or_die(p->region, strlen(p->region));
	if (!chart->head)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t c = 0; c < ncols; c++)
		chart->head[c] = ind_strndup_or_die(cols[c], strlen(cols[c]));
}

void ind_report_part_trend(struct ind_report_part *p, const struct ind_series *s, struct ind_table *chart)
{
	chart_begin(p, chart, 5);
	trend_part(p, s, chart);
}

int ind_report_part_its(struct ind_report_part *p, ind_series_set *set, const struct ind_series *s,
			const struct ind_period *at, char (*labels)[IND_EVENT_LABEL_MAX], size_t nat, struct ind_table *chart,
			struct ind_error *err)
{
	chart_begin(p, chart, 9);
	return its_part(p, set, s, at, labels, nat, chart, err);
}
