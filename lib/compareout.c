/* compareout.c - the output of ind-compare: summary columns and rows, per-row fits, placebo rows. See LICENSE. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "compareout.h"
#include "did.h"

/* The summary's columns, in the order of ind-compare(1). */
static const char *const base_cols[] = {
	"region", "indicator", "at", "label", "n_pre", "n_post", "mean_pre", "mean_post", "median_pre",
	"median_post", "diff", "diff_lo", "diff_hi", "rel_change", "welch_t", "welch_df", "welch_p", "mw_u", "mw_p",
	"hedges_g", "level", "level_se", "level_lo", "level_hi", "level_p", "slope_change", "slope_change_se",
	"slope_change_lo", "slope_change_hi", "slope_change_p", "pre_slope", "effect_end", "effect_end_lo",
	"effect_end_hi", "effect_end_rel", "model", "se_method", "rho", "dw", "bg_lags", "bg_stat", "bg_p",
	"caveats", NULL
};

void ind_compare_header(struct ind_line *ln, const struct ind_compare_columns *c)
{
	static const char *const poisson[] = { "rr_level", "rr_level_lo", "rr_level_hi", "rr_slope", "rr_slope_lo",
					       "rr_slope_hi", "dispersion", NULL };
	static const char *const shares[] = { "p_pre", "p_post", "prop_diff", "prop_lo", "prop_hi", "prop_p", NULL };
	static const char *const did[] = { "control", "did", "did_lo", "did_hi", "did_p", "did_slope", "did_slope_lo",
					   "did_slope_hi", "did_slope_p", "did_method", "did_scale", "control_weights", NULL };
	static const char *const did_rr[] = { "did_rr", "did_rr_lo", "did_rr_hi", NULL };
	static const char *const boot[] = { "boot_lo", "boot_hi", NULL };
	static const char *const power[] = { "mde_level", "mde_slope", "power_level", "followup_needed", NULL };
	static const char *const sims[] = { "power_level_sim", NULL };
	static const char *const placebo[] = { "placebo_n", "placebo_p", NULL };
	static const char *const space[] = { "space_placebo_n", "space_placebo_p", NULL };
	const char *const *groups[] = { base_cols, c->poisson ? poisson : NULL, c->shares ? shares : NULL,
					c->did ? did : NULL, c->did && c->poisson ? did_rr : NULL, c->boot ? boot : NULL,
					c->power ? power : NULL,
					c->sims ? sims : NULL, c->placebo ? placebo : NULL,
					c->space_placebo ? space : NULL };
	ind_line_reset(ln);
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
		for (const char *const *n = groups[g]; n && *n; n++)
			ind_line_str(ln, *n);
}

static void doubles(struct ind_line *ln, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ind_line_double(ln, v[i]);
}

static void count_field(struct ind_line *ln, size_t n)
{
	char num[32];
	snprintf(num, sizeof num, "%zu", n);
	ind_line_str(ln, num);
}

void ind_compare_summary_row(struct ind_line *ln, const struct ind_series *s, const struct ind_analysis_opts *o,
			     const struct ind_compare_columns *cols, const struct ind_analysis *a, size_t k,
			     const char *label)
{
	static const struct ind_its_break none = { 0 };
	const struct ind_analysis_break *b = &a->b[k];
	const struct ind_two_groups *g = &b->g;
	const struct ind_its *its = &a->its;
	const struct ind_its_break *ib = a->nbreaks ? &its->brk[k] : &none;
	bool poisson = o->its.model == IND_MODEL_POISSON;
	char num[32], pbuf[IND_PERIOD_TEXT_MAX];

	ind_line_reset(ln);
	ind_line_str(ln, s->region);
	ind_line_str(ln, s->indicator);
	ind_line_str(ln, a->nbreaks ? ind_period_format(&b->at, pbuf) : "");
	ind_line_str(ln, label);
	count_field(ln, b->n_pre);
	count_field(ln, b->n_post);
	{
		const double v[] = { g->mean_a, g->mean_b, g->median_a, g->median_b, g->diff, g->diff_lo, g->diff_hi,
				     g->rel_change, g->welch_t, g->welch_df, g->welch_p, g->mw_u, g->mw_p, g->hedges_g };
		doubles(ln, v, sizeof v / sizeof v[0]);
	}
	if (a->its_ok) {
		const double v[] = { ib->level, ib->level_se, ib->level_lo, ib->level_hi, ib->level_p, ib->slope_change,
				     ib->slope_change_se, ib->slope_change_lo, ib->slope_change_hi, ib->slope_change_p,
				     ib->pre_slope, ib->effect_end, ib->effect_end_lo, ib->effect_end_hi,
				     ib->effect_end_rel };
		doubles(ln, v, sizeof v / sizeof v[0]);
	} else {
		for (int j = 0; j < 15; j++)
			ind_line_str(ln, "");
	}
	ind_line_str(ln, poisson ? (o->its.quasi ? "quasipoisson" : "poisson") : "ols");
	if (!a->its_ok)
		ind_line_str(ln, "");
	else if (poisson)
		ind_line_str(ln, "glm");
	else if (its->se_used == IND_ITS_SE_HAC) {
		snprintf(num, sizeof num, "hac(%d)", its->fit.lag);
		ind_line_str(ln, num);
	} else
		ind_line_str(ln, its->se_used == IND_ITS_SE_AR1 ? "ar1" : "ols");
	ind_line_double(ln, a->its_ok ? its->fit.rho : NAN);
	ind_line_double(ln, a->its_ok ? its->dw : NAN);
	if (a->its_ok && !isnan(its->bg_stat))
		count_field(ln, (size_t)its->bg_lags);
	else
		ind_line_str(ln, "");
	ind_line_double(ln, a->its_ok ? its->bg_stat : NAN);
	ind_line_double(ln, a->its_ok ? its->bg_p : NAN);
	ind_line_str(ln, b->caveats);
	if (cols->poisson) {
		const double v[] = { ib->rr_level, ib->rr_level_lo, ib->rr_level_hi, ib->rr_slope, ib->rr_slope_lo,
				     ib->rr_slope_hi, its->fit.dispersion };
		for (size_t j = 0; j < sizeof v / sizeof v[0]; j++)
			ind_line_double(ln, a->its_ok ? v[j] : NAN);
	}
	if (cols->shares) {
		const double v[] = { b->pr.p_a, b->pr.p_b, b->pr.diff, b->pr.lo, b->pr.hi, b->pr.p };
		doubles(ln, v, sizeof v / sizeof v[0]);
	}
	if (cols->did) {
		const double v[] = { b->did, b->did_lo, b->did_hi, b->did_p, b->did_slope, b->did_slope_lo, b->did_slope_hi,
				     b->did_slope_p };
		ind_line_str(ln, a->is_control ? "control" : "treated");
		doubles(ln, v, sizeof v / sizeof v[0]);
		ind_line_str(ln, a->did_tried ? ind_did_method_names[a->did.method] : "");
		ind_line_str(ln, a->did_tried ? ind_did_scale_names[a->did.scale] : "");
		ind_line_str(ln, a->did_tried ? ind_control_weights_names[a->did.weights] : "");
		if (cols->poisson) {
			ind_line_double(ln, b->did_rr);
			ind_line_double(ln, b->did_rr_lo);
			ind_line_double(ln, b->did_rr_hi);
		}
	}
	if (cols->boot) {
		ind_line_double(ln, b->boot_lo);
		ind_line_double(ln, b->boot_hi);
	}
	if (cols->power) {
		const double v[] = { b->pw.mde_level, b->pw.mde_slope, b->pw.power_level };
		doubles(ln, v, 3);
		if (b->pw.followup >= 0)
			count_field(ln, (size_t)b->pw.followup);
		else
			ind_line_str(ln, "");
	}
	if (cols->sims)
		ind_line_double(ln, b->pw.power_level_sim);
	if (cols->placebo) {
		if (a->its_ok)
			count_field(ln, b->placebo_n);
		else
			ind_line_str(ln, "");
		ind_line_double(ln, b->placebo_p);
	}
	if (cols->space_placebo) {
		if (a->its_ok && !a->is_control)
			count_field(ln, b->space_placebo_n);
		else
			ind_line_str(ln, "");
		ind_line_double(ln, b->space_placebo_p);
	}
}

size_t ind_compare_placebo_rows(struct ind_line *ln, const ind_series_set *set, const struct ind_series *s,
				const struct ind_analysis *a)
{
	char pb[IND_PERIOD_TEXT_MAX], pa[IND_PERIOD_TEXT_MAX];
	size_t nrows = 0;
	for (size_t k = 0; a->its_ok && k < a->nbreaks; k++)
		for (size_t j = 0; j <= a->nplacebo; j++) {
			bool real = j == a->nplacebo;
			const struct ind_period *at = real ? &a->b[k].at : &a->placebo[j].at;
			if (!real && a->placebo[j].brk != k)
				continue;
			if (real && !a->b[k].placebo_n)
				break;	/* no fake date: no histogram */
			if (nrows++)
				ind_line_newline(ln);	/* one buffer for the series' rows: the caller writes them at once */
			else
				ind_line_reset(ln);
			for (size_t c = 0; ind_series_column(set, c); c++) {
				const char *name = ind_series_column(set, c);
				ind_line_str(ln, strcmp(name, "region") == 0	     ? s->region
						 : strcmp(name, "indicator") == 0 ? s->indicator
						 : strcmp(name, "period") == 0	     ? ind_period_format(at, pb)
											     : "");
			}
			for (int c = 0; c < 4; c++)
				ind_line_str(ln, "");	/* fit, counterfactual, cf_lo, cf_hi */
			ind_line_str(ln, real ? "estimate" : "placebo");
			ind_line_str(ln, "");	/* segment: a fake date opens none; at names the interruption */
			ind_line_str(ln, ind_period_format(&a->b[k].at, pa));
			ind_line_double(ln, real ? a->its.brk[k].level : a->placebo[j].level);
		}
	return nrows;
}

static const char *const phase_names[] = { "pre", "post", "excluded" };

void ind_compare_rows_fill(struct ind_compare_row *rows, const struct ind_series *s, const struct ind_analysis *a,
			   const struct ind_point_fit *pf, bool placebo_col)
{
	for (size_t i = 0; i < s->n; i++) {
		size_t r = s->pts[i].row;
		if (r == SIZE_MAX)
			continue;
		rows[r] = (struct ind_compare_row){ pf[i].fit, pf[i].cf, pf[i].cf_lo, pf[i].cf_hi, pf[i].phase,
						    pf[i].segment, { 0 }, placebo_col };
		if (pf[i].segment >= 1 && (size_t)pf[i].segment <= a->nbreaks)
			rows[r].at = a->b[pf[i].segment - 1].at;
	}
	for (size_t j = 0; j < s->nfolded; j++)	/* rows combined by --duplicates share their point's fit */
		if (s->pts[s->folded_into[j]].row != SIZE_MAX)
			rows[s->folded_row[j]] = rows[s->pts[s->folded_into[j]].row];
}

void ind_compare_add_fits(struct ind_line *ln, size_t row, void *rows)
{
	const struct ind_compare_row *r = (const struct ind_compare_row *)rows + row;
	ind_line_double(ln, r->fit);
	ind_line_double(ln, r->cf);
	ind_line_double(ln, r->cf_lo);
	ind_line_double(ln, r->cf_hi);
	ind_line_str(ln, phase_names[r->phase]);
	if (r->segment >= 0) {
		char num[16];
		snprintf(num, sizeof num, "%d", r->segment);
		ind_line_str(ln, num);
	} else {
		ind_line_str(ln, "");
	}
	if (r->segment >= 1) {
		char pb[IND_PERIOD_TEXT_MAX];
		ind_line_str(ln, ind_period_format(&r->at, pb));
	} else {
		ind_line_str(ln, "");
	}
	if (r->placebo_col)
		ind_line_str(ln, "");	/* placebo_level: on the placebo rows only */
}
