/* ind-trend - trend statistics for every (region, indicator) series of a canonical stream. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"
#include "opt.h"
#include "rejects.h"
#include "series.h"
#include "stream.h"
#include "trend.h"
#include "writer.h"

enum {
	OPT_SE = CHAR_MAX + 1, OPT_SEASONAL, OPT_JOINPOINTS, OPT_LINEAR, OPT_MIN_OBS, OPT_STRICT, OPT_REJECTS, OPT_REJECT_LOG, OPT_AC_LAGS,
	OPT_DUPLICATES
};

static const struct option long_options[] = {
	{ "summary", no_argument, NULL, 's' },
	{ "se", required_argument, NULL, OPT_SE },
	{ "seasonal", no_argument, NULL, OPT_SEASONAL },
	{ "joinpoints", required_argument, NULL, OPT_JOINPOINTS },
	{ "linear", no_argument, NULL, OPT_LINEAR },
	{ "min-obs", required_argument, NULL, OPT_MIN_OBS },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "ac-lags", required_argument, NULL, OPT_AC_LAGS },
	{ "duplicates", required_argument, NULL, OPT_DUPLICATES },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "reject-log", required_argument, NULL, OPT_REJECT_LOG },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(void)
{
	fputs("Usage: ind-trend [OPTION]... [FILE]...\n"
	      "Trend statistics for every (region, indicator) series of a canonical stream:\n"
	      "least-squares slope per year, annual percent change, Mann-Kendall test and\n"
	      "Sen's slope, residual autocorrelation, and optionally joinpoints.\n"
	      "\n", stdout);
	fputs("Output:\n"
	      "  -s, --summary               one row per series (default: the input rows with\n"
	      "                                fit,fit_lo,fit_hi added: the fitted trend and\n"
	      "                                its 95% confidence interval)\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "\n"
	      "Statistics:\n"
	      "      --se=METHOD             slope standard errors: ols (default) or hac\n"
	      "                                (Newey-West, lag floor(4(n/100)^(2/9)))\n"
	      "      --seasonal              seasonal Mann-Kendall and Sen's slope (monthly\n"
	      "                                or quarterly series)\n"
	      "      --joinpoints=K          find up to K joinpoints (0-5) of a log-linear\n"
	      "                                trend, chosen by BIC; with --summary\n"
	      "      --linear                joinpoints of a linear trend instead\n"
	      "      --min-obs=N             observations kept between joinpoints and to\n"
	      "                                either end (default 2)\n"
	      "      --ac-lags=L             lags of the Breusch-Godfrey test (default 12 for\n"
	      "                                months, 4 for quarters, else 1; at most n/4)\n"
	      "\n", stdout);
	fputs("Input:\n"
	      "      --rejects=FILE          write unusable rows to FILE as they were, after\n"
	      "                                the header line: fix them and load them again\n"
	      "      --reject-log=FILE       write why each row was rejected: file,line,reason\n"
	      "      --strict                exit 1 on rejected rows\n"
	      "      --duplicates=HOW        combine rows of one series with the same period:\n"
	      "                                mean, sum, first or last (default: an error)\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "With no FILE, or when FILE is -, read standard input. Missing values are\n"
	      "skipped; a series with fewer than 3 values, or a constant one, gets empty\n"
	      "statistics and a warning.\n"
	      "\n"
	      "Examples:\n"
	      "  $ ind-load kuntadata.csv | ind-trend | ind-plot -o trend.png\n"
	      "  $ ind-trend --summary --se hac indicators.csv\n"
	      "  $ ind-load --regions Lappi x.csv | ind-trend --summary --joinpoints 2\n"
	      "\n"
	      "See ind-trend(1).\n", stdout);
}

struct opts {
	bool summary, strict, log_scale;
	enum ind_duplicates duplicates;
	int joinpoints;
	size_t min_obs;
	struct ind_trend_opts trend;
};

/* Seasons from the periods: months 1-12 or quarters 1-4; 0 when the series has neither. */
static int seasons_of(const struct ind_point *p, size_t n, int *season)
{
	enum ind_period_kind kind = n ? p[0].period.kind : IND_PERIOD_YEAR;
	if (kind != IND_PERIOD_MONTH && kind != IND_PERIOD_QUARTER)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i].period.kind != kind)
			return 0;
		season[i] = p[i].period.sub;
	}
	return kind == IND_PERIOD_MONTH ? 12 : 4;
}

static void list_field(struct ind_line *ln, const double *v, int n)
{
	char buf[64 * (IND_JP_MAX + 1)], num[IND_DOUBLE_TEXT_MAX];
	size_t len = 0;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ";" : "", ind_num_format(v[i], num));
	ind_line_field(ln, buf, len);
}

static void summary_header(struct ind_line *ln, const struct opts *o)
{
	static const char *const cols[] = {
		"region", "indicator", "n", "n_missing", "start", "end", "slope", "slope_se", "slope_lo", "slope_hi",
		"slope_p", "intercept", "r2", "fit_start", "fit_end", "apc", "apc_lo", "apc_hi", "mk_s", "mk_var",
		"mk_z", "mk_p", "mk_tau", "sen", "sen_lo", "sen_hi", "dw", "acf1", "se_method", "bg_lags", "bg_stat",
		"bg_p", "caveats", NULL
	};
	static const char *const jp_cols[] = {
		"jp_k", "jp_periods", "jp_slopes", "jp_slopes_lo", "jp_slopes_hi", "jp_apcs", "jp_apcs_lo",
		"jp_apcs_hi", "aapc", "aapc_lo", "aapc_hi", NULL
	};
	ind_line_reset(ln);
	for (const char *const *c = cols; *c; c++)
		ind_line_str(ln, *c);
	if (o->joinpoints > 0)
		for (const char *const *c = jp_cols; *c; c++)
			ind_line_str(ln, *c);
}

struct tally {
	long short_series, constant, nonpositive, missing, mixed;
};

/* Statistics of one series; fills fit per kept row when fits is not NULL. */
static void one_series(ind_series_set *set, struct ind_series *s, const struct opts *o, struct ind_line *ln,
		       FILE *out, double (*fits)[3], struct tally *tally)
{
	size_t n = 0, missing = 0;
	double *t = malloc((s->n ? s->n : 1) * sizeof *t), *y = malloc((s->n ? s->n : 1) * sizeof *y);
	int *season = malloc((s->n ? s->n : 1) * sizeof *season);
	struct ind_point *kept = malloc((s->n ? s->n : 1) * sizeof *kept);
	struct ind_trend tr;
	struct ind_trend_opts to = o->trend;
	struct ind_joinpoints jp;
	bool jp_ok = false;
	char num[IND_DOUBLE_TEXT_MAX], pbuf[IND_PERIOD_TEXT_MAX];

	if (!t || !y || !season || !kept)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < s->n; i++) {
		const struct ind_point *p = &s->pts[i];
		if (i > 0 && p->period.kind != s->pts[0].period.kind && tally->mixed++ == 0)
			ind_warn_at(ind_series_file_name(set, p->file), p->line,
				    "series '%s, %s' mixes period granularities", s->region, s->indicator);
		if (!p->has_value) {
			missing++;
			continue;
		}
		t[n] = p->t;
		y[n] = p->value;
		kept[n++] = *p;
	}
	tally->missing += (long)missing;
	if (!to.ac_lags && n)
		to.ac_lags = ind_default_ac_lags(kept[0].period.kind);
	if (o->trend.season) {
		to.nseasons = seasons_of(kept, n, season);
		to.season = to.nseasons ? season : NULL;
		if (!to.nseasons && n > 0)
			ind_warn("series '%s, %s': --seasonal needs monthly or quarterly periods; not seasonal",
				 s->region, s->indicator);
	}
	int fit_rc = ind_trend_fit(t, y, n, &to, &tr);
	if (fit_rc == IND_TREND_NOMEM)
		ind_die(IND_EXIT_DATA, "series '%s, %s': out of memory for the trend statistics", s->region, s->indicator);
	if (fit_rc < 0) {
		const struct ind_point *p = s->n ? &s->pts[0] : NULL;
		if (n < 3) {
			tally->short_series++;
			ind_warn_at(p ? ind_series_file_name(set, p->file) : NULL, p ? p->line : 0,
				    "series '%s, %s': %zu value%s; no trend statistics", s->region, s->indicator, n,
				    n == 1 ? "" : "s");
		} else {
			tally->constant++;
			ind_warn_at(p ? ind_series_file_name(set, p->file) : NULL, p ? p->line : 0,
				    "series '%s, %s' is constant; no trend statistics", s->region, s->indicator);
		}
	} else if (isnan(tr.apc)) {
		tally->nonpositive++;
		ind_warn("series '%s, %s' has values <= 0; no annual percent change", s->region, s->indicator);
	}
	if (!isnan(tr.slope) && (isnan(tr.sen_lo) || isnan(tr.sen_hi)))
		ind_warn("series '%s, %s': too few pairs for Sen's slope interval; left empty", s->region,
			 s->indicator);
	if (o->joinpoints > 0 && !isnan(tr.slope)) {
		jp_ok = ind_joinpoints_fit(t, y, n, o->joinpoints, o->log_scale, o->min_obs, &jp) == 0;
		if (!jp_ok)
			ind_warn("series '%s, %s': no joinpoint model%s", s->region, s->indicator,
				 o->log_scale ? " (values <= 0 need --linear)" : "");
	}

	if (fits) {
		for (size_t i = 0; i < s->n; i++)
			if (s->pts[i].row != SIZE_MAX)
				ind_trend_predict(&tr, s->pts[i].t, &fits[s->pts[i].row][0], &fits[s->pts[i].row][1],
						  &fits[s->pts[i].row][2]);
		for (size_t j = 0; j < s->nfolded; j++)	/* rows combined by --duplicates share their point's fit */
			if (s->pts[s->folded_into[j]].row != SIZE_MAX)
				memcpy(fits[s->folded_row[j]], fits[s->pts[s->folded_into[j]].row], sizeof fits[0]);
	} else {
		double f0 = NAN, f1 = NAN, lo, hi;
		char count[32];
		if (n > 0) {
			ind_trend_predict(&tr, t[0], &f0, &lo, &hi);
			ind_trend_predict(&tr, t[n - 1], &f1, &lo, &hi);
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
			const double v[] = { tr.slope, tr.slope_se, tr.slope_lo, tr.slope_hi, tr.slope_p, tr.intercept,
					     tr.r2, f0, f1, tr.apc, tr.apc_lo, tr.apc_hi, tr.mk_s, tr.mk_var, tr.mk_z,
					     tr.mk_p, tr.mk_tau, tr.sen, tr.sen_lo, tr.sen_hi, tr.dw, tr.acf1 };
			for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
				ind_line_double(ln, v[i]);
		}
		if (isnan(tr.slope))
			ind_line_str(ln, "");
		else if (tr.hac_lag > 0) {
			snprintf(count, sizeof count, "hac(%d)", tr.hac_lag);
			ind_line_str(ln, count);
		} else
			ind_line_str(ln, o->trend.se == IND_SE_HAC ? "hac(0)" : "ols");
		if (isnan(tr.bg_stat))
			ind_line_str(ln, "");
		else {
			snprintf(count, sizeof count, "%d", tr.bg_lags);
			ind_line_str(ln, count);
		}
		ind_line_double(ln, tr.bg_stat);
		ind_line_double(ln, tr.bg_p);
		{
			char cav[128] = "";
			bool covid = false;
			for (size_t i = 0; i < n; i++)	/* the period overlaps 2020-03..2021-12 */
				covid |= ind_period_end_time(&kept[i].period) > 2020 + 2 / 12.0 + 1e-9 && t[i] < 2022 - 1e-9;
			snprintf(cav, sizeof cav, "%s%s%s%s%s", n < 8 ? ";short_series" : "",
				 !isnan(tr.slope) && o->trend.se == IND_SE_OLS && tr.bg_p < 0.05 ? ";autocorrelated" : "",
				 !isnan(tr.slope) && o->trend.se == IND_SE_HAC && n < 24 ? ";hac_small_n" : "",
				 covid ? ";covid_inside" : "", s->ncombined ? ";duplicates_combined" : "");
			ind_line_str(ln, cav[0] ? cav + 1 : "");
		}
		if (o->joinpoints > 0) {
			if (jp_ok) {
				double periods[IND_JP_MAX], sl[IND_JP_MAX + 1], lo_[IND_JP_MAX + 1], hi_[IND_JP_MAX + 1],
					ap[IND_JP_MAX + 1], aplo[IND_JP_MAX + 1], aphi[IND_JP_MAX + 1];
				char plist[IND_JP_MAX * IND_PERIOD_TEXT_MAX];
				size_t plen = 0;
				snprintf(count, sizeof count, "%d", jp.k);
				ind_line_str(ln, count);
				for (int j = 0; j < jp.k; j++) {
					periods[j] = jp.joint[j];
					plen += (size_t)snprintf(plist + plen, sizeof plist - plen, "%s%s", j ? ";" : "",
								 ind_period_format(&kept[jp.joint_index[j]].period, pbuf));
				}
				ind_line_field(ln, plist, plen);
				for (int j = 0; j <= jp.k; j++) {
					sl[j] = jp.seg[j].slope, lo_[j] = jp.seg[j].slope_lo, hi_[j] = jp.seg[j].slope_hi;
					ap[j] = jp.seg[j].apc, aplo[j] = jp.seg[j].apc_lo, aphi[j] = jp.seg[j].apc_hi;
				}
				(void)periods;
				list_field(ln, sl, jp.k + 1);
				list_field(ln, lo_, jp.k + 1);
				list_field(ln, hi_, jp.k + 1);
				if (o->log_scale) {
					list_field(ln, ap, jp.k + 1);
					list_field(ln, aplo, jp.k + 1);
					list_field(ln, aphi, jp.k + 1);
				} else {
					ind_line_str(ln, "");
					ind_line_str(ln, "");
					ind_line_str(ln, "");
				}
				ind_line_double(ln, jp.aapc);
				ind_line_double(ln, jp.aapc_lo);
				ind_line_double(ln, jp.aapc_hi);
			} else {
				for (int j = 0; j < 11; j++)
					ind_line_str(ln, "");
			}
		}
		ind_line_put(ln, out);
	}
	(void)num;
	free(t);
	free(y);
	free(season);
	free(kept);
}

/* The fit columns of one kept row. */
static void add_fits(struct ind_line *ln, size_t row, void *ctx)
{
	const double (*fits)[3] = ctx;
	for (int j = 0; j < 3; j++)
		ind_line_double(ln, fits[row][j]);
}

int main(int argc, char **argv)
{
	struct opts o = { .min_obs = 2, .log_scale = true };
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	const char *output = NULL, *rejects_path = NULL, *reject_log = NULL;
	ind_series_set *set;
	ind_rejects *rejects;
	ind_output *out;
	struct ind_line ln = { 0 }, header = { 0 };
	struct ind_error err;
	struct tally tally = { 0 };
	double (*fits)[3] = NULL;
	bool failed = false;
	int ninputs, c;
	long nread = 0;
	static const int season_flag = 1;

	ind_set_progname("ind-trend");
	argv[0] = (char *)"ind-trend";
	while ((c = getopt_long(argc, argv, "so:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 's': o.summary = true; break;
		case OPT_SE: {
			static const char *const names[] = { "ols", "hac", NULL };	/* enum ind_se order */
			o.trend.se = (enum ind_se)ind_opt_choice("--se", optarg, names);
			break;
		}
		case OPT_SEASONAL: o.trend.season = &season_flag; break;
		case OPT_JOINPOINTS:
			o.joinpoints = (int)ind_opt_count("--joinpoints", optarg);
			if (o.joinpoints > IND_JP_MAX)
				ind_usage_error("--joinpoints: at most %d", IND_JP_MAX);
			break;
		case OPT_LINEAR: o.log_scale = false; break;
		case OPT_MIN_OBS: o.min_obs = (size_t)ind_opt_count("--min-obs", optarg); break;
		case OPT_STRICT: o.strict = true; break;
		case OPT_AC_LAGS:
			o.trend.ac_lags = (int)ind_opt_range("--ac-lags", optarg, 1, IND_AC_LAGS_MAX);
			break;
		case OPT_DUPLICATES:
			o.duplicates = (enum ind_duplicates)ind_opt_choice("--duplicates", optarg, ind_duplicates_names);
			break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case OPT_REJECT_LOG: reject_log = optarg; break;
		case 'o': output = optarg; break;
		case 'h': usage(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (o.joinpoints > 0 && !o.summary)
		ind_usage_error("--joinpoints goes with --summary");
	ninputs = argc - optind;
	inputs = (const char *const *)argv + optind;
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	if (!(set = ind_series_set_new()))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!(rejects = ind_rejects_open(rejects_path, reject_log, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}

	/* read everything: series need all their points */
	{
		static const char *const own[] = { "fit", "fit_lo", "fit_hi", NULL };
		nread = ind_series_read(set, inputs, ninputs, own, !o.summary, &header, rejects, &failed);
		if (!ind_series_check_duplicates(set, o.duplicates)) {
			ind_rejects_close(rejects, NULL);
			ind_series_set_free(set);
			ind_line_free(&header);
			return IND_EXIT_DATA;
		}
	}

	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (o.summary) {
		summary_header(&ln, &o);
		ind_line_put(&ln, ind_output_file(out));
	} else {
		size_t nrows = ind_series_rows(set);
		fits = malloc((nrows ? nrows : 1) * sizeof *fits);
		if (!fits)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < nrows; i++)
			fits[i][0] = fits[i][1] = fits[i][2] = NAN;
	}
	for (size_t i = 0; i < ind_series_count(set); i++)
		one_series(set, ind_series_at(set, i), &o, &ln, ind_output_file(out), fits, &tally);
	if (!o.summary && !ind_series_write_rows(set, &header, ind_output_file(out), add_fits, fits))
		failed = true;
	if (tally.missing)
		ind_warn("%ld missing values skipped", tally.missing);
	if (ind_rejects_count(rejects) && o.strict)
		failed = true;
	failed = !ind_series_finish(set, nread, rejects, out, !failed);
	free(fits);
	ind_line_free(&ln);
	ind_line_free(&header);
	ind_series_set_free(set);
	return failed ? IND_EXIT_DATA : IND_EXIT_OK;
}
