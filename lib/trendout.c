/* trendout.c - the output of ind-trend: summary columns and rows, joinpoint fields, per-row fits. See LICENSE. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "num.h"
#include "trendout.h"

/* A time as its period when it is an observation's, else as a decimal year (a grid joinpoint). */
static const char *time_text(double t, const struct ind_point *kept, size_t n, char *buf)
{
	for (size_t i = 0; i < n; i++)
		if (kept[i].t == t)
			return ind_period_format(&kept[i].period, buf);
	return ind_num_format(t, buf);
}

void ind_trend_summary_header(struct ind_line *ln, const struct ind_trend_columns *lay)
{
	static const char *const cols[] = {
		"region", "indicator", "n", "n_missing", "start", "end", "slope", "slope_se", "slope_lo", "slope_hi",
		"slope_p", "intercept", "r2", "fit_start", "fit_end", "apc", "apc_lo", "apc_hi", "mk_s", "mk_var",
		"mk_z", "mk_p", "mk_tau", "sen", "sen_lo", "sen_hi", "dw", "acf1", "se_method", "bg_lags", "bg_stat",
		"bg_p", "caveats", NULL
	};
	static const char *const seg_cols[] = { "start", "end", "slope", "slope_lo", "slope_hi", "p", "apc",
						"apc_lo", "apc_hi", NULL };
	const char *avg = lay->log_scale ? "aapc" : "aac";
	char name[64 + IND_TREND_RANGE_NAME_MAX];
	ind_line_reset(ln);
	for (const char *const *c = cols; *c; c++)
		ind_line_str(ln, *c);
	if (lay->joinpoints == 0)
		return;
	ind_line_str(ln, "jp_k");
	ind_line_str(ln, "jp_method");
	ind_line_str(ln, "jp_tests");
	for (int j = 1; j <= lay->joinpoints; j++) {
		snprintf(name, sizeof name, "jp_%d", j);
		ind_line_str(ln, name);
	}
	for (int j = 1; lay->joint_ci && j <= lay->joinpoints; j++) {
		snprintf(name, sizeof name, "jp_%d_lo", j);
		ind_line_str(ln, name);
		snprintf(name, sizeof name, "jp_%d_hi", j);
		ind_line_str(ln, name);
	}
	for (int sg = 1; sg <= lay->joinpoints + 1; sg++)
		for (const char *const *c = seg_cols; *c; c++) {
			if (!lay->log_scale && !strncmp(*c, "apc", 3))
				break;
			snprintf(name, sizeof name, "seg_%d_%s", sg, *c);
			ind_line_str(ln, name);
		}
	for (int r = -1; r < lay->nranges; r++) {
		static const char *const sfx[] = { "", "_lo", "_hi", "_p" };
		for (int k = 0; k < 4; k++) {
			if (r < 0)
				snprintf(name, sizeof name, "%s%s", avg, sfx[k]);
			else
				snprintf(name, sizeof name, "%s_%s%s", avg, lay->range_name[r], sfx[k]);
			ind_line_str(ln, name);
		}
	}
}

void ind_trend_jp_fields(struct ind_line *ln, const struct ind_trend_columns *lay, const struct ind_joinpoints *jp,
			 bool ok, const struct ind_point *kept, size_t n)
{
	char buf[64 * IND_JP_MAX], pbuf[IND_PERIOD_TEXT_MAX], num[IND_DOUBLE_TEXT_MAX];
	int nseg_cols = lay->log_scale ? 9 : 6, total = 3 + lay->joinpoints * (lay->joint_ci ? 3 : 1) +
							   (lay->joinpoints + 1) * nseg_cols + 4 * (lay->nranges + 1);
	size_t len = 0;
	if (!ok) {
		for (int j = 0; j < total; j++)
			ind_line_str(ln, "");
		return;
	}
	snprintf(buf, sizeof buf, "%d", jp->k);
	ind_line_str(ln, buf);
	{
		static const char *const method[] = { "permutation", "bic", "mbic", "wbic" };	/* enum ind_jp_select order */
		ind_line_str(ln, method[jp->method]);
	}
	buf[0] = 0;
	for (int i = 0; i < jp->ntests; i++)	/* H0:H1:p, in the order tested */
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d:%d:%s", i ? ";" : "", jp->test[i].ka,
					jp->test[i].kb, ind_num_format(jp->test[i].p, num));
	ind_line_field(ln, buf, len);
	for (int j = 0; j < lay->joinpoints; j++)
		ind_line_str(ln, j < jp->k ? time_text(jp->joint[j], kept, n, pbuf) : "");
	for (int j = 0; lay->joint_ci && j < lay->joinpoints; j++) {
		bool has = j < jp->k && !isnan(jp->joint_lo[j]);
		ind_line_str(ln, has ? time_text(jp->joint_lo[j], kept, n, pbuf) : "");
		ind_line_str(ln, has ? time_text(jp->joint_hi[j], kept, n, pbuf) : "");
	}
	for (int sg = 0; sg <= lay->joinpoints; sg++) {
		const struct ind_jp_segment *g = &jp->seg[sg];
		if (sg > jp->k) {
			for (int j = 0; j < nseg_cols; j++)
				ind_line_str(ln, "");
			continue;
		}
		ind_line_str(ln, time_text(g->t0, kept, n, pbuf));
		ind_line_str(ln, time_text(g->t1, kept, n, pbuf));
		ind_line_double(ln, g->slope);
		ind_line_double(ln, g->slope_lo);
		ind_line_double(ln, g->slope_hi);
		ind_line_double(ln, g->slope_p);
		if (lay->log_scale) {
			ind_line_double(ln, g->apc);
			ind_line_double(ln, g->apc_lo);
			ind_line_double(ln, g->apc_hi);
		}
	}
	for (int r = -1; r < lay->nranges; r++) {
		const struct ind_jp_average *a = r < 0 ? &jp->whole : &jp->range[r];
		ind_line_double(ln, a->value);
		ind_line_double(ln, a->lo);
		ind_line_double(ln, a->hi);
		ind_line_double(ln, a->p);
	}
}

void ind_trend_summary_row(struct ind_line *ln, const struct ind_trend_columns *c, const struct ind_series *s,
			   const struct ind_point *kept, size_t n, size_t missing, const struct ind_trend *tr,
			   const struct ind_joinpoints *jp, bool jp_ok)
{
	double f0 = NAN, f1 = NAN, lo, hi;
	char count[32], pbuf[IND_PERIOD_TEXT_MAX];
	if (n > 0) {
		ind_trend_predict(tr, kept[0].t, &f0, &lo, &hi);
		ind_trend_predict(tr, kept[n - 1].t, &f1, &lo, &hi);
	}
	ind_line_reset(ln);
	ind_line_str(ln, s->region);
	ind_line_str(ln, s->indicator);
	snprintf(count, sizeof count, "%zu", n);
	ind_line_str(ln, count);
	snprintf(count, sizeof count, "%zu", missing);
	ind_line_str(ln, count);
	ind_line_str(ln, n ? ind_period_format(&kept[0].period, pbuf) : "");
	ind_line_str(ln, n ? ind_period_format(&kept[n - 1].period, pbuf) : "");
	{
		const double v[] = { tr->slope, tr->slope_se, tr->slope_lo, tr->slope_hi, tr->slope_p, tr->intercept,
				     tr->r2, f0, f1, tr->apc, tr->apc_lo, tr->apc_hi, tr->mk_s, tr->mk_var, tr->mk_z,
				     tr->mk_p, tr->mk_tau, tr->sen, tr->sen_lo, tr->sen_hi, tr->dw, tr->acf1 };
		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
			ind_line_double(ln, v[i]);
	}
	if (isnan(tr->slope))
		ind_line_str(ln, "");
	else if (tr->hac_lag > 0) {
		snprintf(count, sizeof count, "hac(%d)", tr->hac_lag);
		ind_line_str(ln, count);
	} else
		ind_line_str(ln, c->se == IND_SE_HAC ? "hac(0)" : "ols");
	if (isnan(tr->bg_stat))
		ind_line_str(ln, "");
	else {
		snprintf(count, sizeof count, "%d", tr->bg_lags);
		ind_line_str(ln, count);
	}
	ind_line_double(ln, tr->bg_stat);
	ind_line_double(ln, tr->bg_p);
	{
		char cav[128] = "";
		bool covid = false;
		for (size_t i = 0; i < n; i++)	/* the period overlaps 2020-03..2021-12 */
			covid |= ind_period_end_time(&kept[i].period) > 2020 + 2 / 12.0 + 1e-9 && kept[i].t < 2022 - 1e-9;
		snprintf(cav, sizeof cav, "%s%s%s%s%s", n < 8 ? ";short_series" : "",
			 !isnan(tr->slope) && c->se == IND_SE_OLS && tr->bg_p < 0.05 ? ";autocorrelated" : "",
			 !isnan(tr->slope) && c->se == IND_SE_HAC && n < 24 ? ";hac_small_n" : "",
			 covid ? ";covid_inside" : "", s->ncombined ? ";duplicates_combined" : "");
		ind_line_str(ln, cav[0] ? cav + 1 : "");
	}
	if (c->joinpoints > 0)
		ind_trend_jp_fields(ln, c, jp, jp_ok, kept, n);
}

void ind_trend_fits_fill(double (*fits)[IND_TREND_NFIT], const struct ind_series *s, const struct ind_trend *tr,
			 const struct ind_joinpoints *jp, bool jp_ok)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->pts[i].row != SIZE_MAX) {
			double *f = fits[s->pts[i].row];
			int sg;
			ind_trend_predict(tr, s->pts[i].t, &f[0], &f[1], &f[2]);
			if (jp_ok) {
				f[3] = ind_joinpoints_predict(jp, s->pts[i].t, &sg);
				f[4] = sg;
			}
		}
	for (size_t j = 0; j < s->nfolded; j++)	/* rows combined by --duplicates share their point's fit */
		if (s->pts[s->folded_into[j]].row != SIZE_MAX)
			memcpy(fits[s->folded_row[j]], fits[s->pts[s->folded_into[j]].row], sizeof fits[0]);
}

void ind_trend_add_fits(struct ind_line *ln, size_t row, void *fits)
{
	const struct ind_trend_fits *f = fits;
	for (int j = 0; j < f->ncols; j++)
		if (j == 4 && !isnan(f->v[row][j])) {
			char b[16];
			snprintf(b, sizeof b, "%d", (int)f->v[row][j]);
			ind_line_str(ln, b);
		} else
			ind_line_double(ln, f->v[row][j]);
}
