/* ind-trend - trend statistics for every (region, indicator) series of a canonical stream. See LICENSE. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "joinpoint.h"
#include "num.h"
#include "opt.h"
#include "progress.h"
#include "rejects.h"
#include "series.h"
#include "stream.h"
#include "trend.h"
#include "trendout.h"
#include "writer.h"

enum {
	OPT_SE = CHAR_MAX + 1, OPT_SEASONAL, OPT_JOINPOINTS, OPT_LINEAR, OPT_MIN_OBS, OPT_STRICT, OPT_REJECTS, OPT_REJECT_LOG, OPT_AC_LAGS,
	OPT_DUPLICATES, OPT_SELECT, OPT_PERMUTATIONS, OPT_SEED, OPT_GRID, OPT_AAPC, OPT_WEIGHTS, OPT_PROGRESS,
	OPT_NO_PROGRESS, OPT_JOINPOINT_CI, OPT_SORTED
};

static const struct option long_options[] = {
	{ "summary", no_argument, NULL, 's' },
	{ "se", required_argument, NULL, OPT_SE },
	{ "seasonal", no_argument, NULL, OPT_SEASONAL },
	{ "joinpoints", required_argument, NULL, OPT_JOINPOINTS },
	{ "linear", no_argument, NULL, OPT_LINEAR },
	{ "min-obs", required_argument, NULL, OPT_MIN_OBS },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "permutations", required_argument, NULL, OPT_PERMUTATIONS },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "grid", required_argument, NULL, OPT_GRID },
	{ "aapc", required_argument, NULL, OPT_AAPC },
	{ "joinpoint-ci", no_argument, NULL, OPT_JOINPOINT_CI },
	{ "weights", required_argument, NULL, OPT_WEIGHTS },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "quiet", no_argument, NULL, OPT_NO_PROGRESS },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "sorted", no_argument, NULL, OPT_SORTED },
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
	      "                                its 95% confidence interval; with --joinpoints\n"
	      "                                also jp_fit,jp_segment)\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "\n"
	      "Statistics:\n"
	      "      --se=METHOD             slope standard errors: ols (default) or hac\n"
	      "                                (Newey-West, lag floor(4(n/100)^(2/9)))\n"
	      "      --seasonal              seasonal Mann-Kendall and Sen's slope (monthly\n"
	      "                                or quarterly series)\n"
	      "      --ac-lags=L             lags of the Breusch-Godfrey test (default 12 for\n"
	      "                                months, 4 for quarters, else 1; at most n/4)\n"
	      "\n"
	      "Joinpoints (as NCI's Joinpoint Regression Program):\n"
	      "      --joinpoints=K          fit 0 to K joinpoints (0-5) of a log-linear trend\n"
	      "                                and choose among them\n"
	      "      --linear                joinpoints of a linear trend instead\n"
	      "      --select=METHOD         permutation (default: sequential permutation\n"
	      "                                tests, overall level 0.05), bic, mbic\n"
	      "                                (modified BIC) or wbic (weighted BIC)\n"
	      "      --permutations=N        permutations per test (default 4499)\n"
	      "      --seed=N                seed of the permutations (default 1)\n"
	      "      --min-obs=N             observations kept between joinpoints and to\n"
	      "                                either end, not counting one on a joinpoint\n"
	      "                                (default 2)\n"
	      "      --grid=N                also try N joinpoints between each two adjacent\n"
	      "                                observations (default 0: at observations)\n"
	      "      --aapc=FROM..TO         also the AAPC (AAC with --linear) from period FROM\n"
	      "                                to period TO (repeatable, up to 8)\n"
	      "      --joinpoint-ci          also the joinpoints' 95% intervals (columns\n"
	      "                                jp_1_lo,jp_1_hi,...; Joinpoint's parametric\n"
	      "                                method)\n"
	      "      --weights=HOW           weighted fit: poisson (Poisson variances from\n"
	      "                                the numerator column, the count) or se\n"
	      "                                (variances from the column se, the standard\n"
	      "                                error of each value)\n"
	      "      --progress              a progress line on stderr: series done, rows/s,\n"
	      "                                the joinpoint tests of a long search (default\n"
	      "                                when stderr is a terminal and the output is not)\n"
	      "      --no-progress, --quiet  no progress line\n"
	      "\n", stdout);
	fputs("Input:\n"
	      "      --rejects=FILE          write unusable rows to FILE as they were, after\n"
	      "                                the header line: fix them and load them again\n"
	      "      --reject-log=FILE       write why each row was rejected: file,line,reason\n"
	      "      --strict                exit 1 on rejected rows\n"
	      "      --sorted                the rows of each series come together: a row\n"
	      "                                after another series' is an error\n"
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
	bool summary, strict, sorted;
	struct ind_progress *progress;	/* NULL: none */
	enum ind_duplicates duplicates;
	int joinpoints;
	enum ind_jp_weights weights;
	struct ind_jp_opts jp;
	char range_name[IND_JP_RANGES][IND_TREND_RANGE_NAME_MAX];
	struct ind_trend_opts trend;
	struct ind_trend_columns cols;	/* from the options above */
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

struct jp_progress {
	struct ind_progress *line;
	const struct ind_series *s;
};

/* The joinpoint search of one series, on the progress line after the counts. */
static void show_jp_progress(void *ctx, double done)
{
	struct jp_progress *p = ctx;
	snprintf(p->line->detail, sizeof p->line->detail, "series '%s, %s': joinpoint permutation tests %3.0f%%",
		 p->s->region, p->s->indicator, 100 * done);
	ind_progress_update(p->line);
}

/* One series more done. */
static void series_done(struct ind_progress *p, const struct ind_series *s)
{
	if (!p)
		return;
	p->series++;
	p->rows += (long)s->n;
	p->detail[0] = '\0';
	ind_progress_update(p);
}

struct tally {
	long short_series, constant, nonpositive, missing, mixed;
};

/* Statistics of one series; fills fit per kept row when fits is not NULL. */

static void one_series(ind_series_set *set, struct ind_series *s, const struct opts *o, struct ind_line *ln,
		       FILE *out, double (*fits)[IND_TREND_NFIT], struct tally *tally)
{
	size_t n = 0, missing = 0;
	double *t = malloc((s->n ? s->n : 1) * sizeof *t), *y = malloc((s->n ? s->n : 1) * sizeof *y);
	double *w = malloc((s->n ? s->n : 1) * sizeof *w);
	int *season = malloc((s->n ? s->n : 1) * sizeof *season);
	struct ind_point *kept = malloc((s->n ? s->n : 1) * sizeof *kept);
	struct ind_trend tr;
	struct ind_trend_opts to = o->trend;
	struct ind_joinpoints jp;
	bool jp_ok = false;

	if (!t || !y || !w || !season || !kept)
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
		if (o->weights == IND_JP_WEIGHT_POISSON)
			/* Poisson variances: var(log y) = 1/count, var(y) = y^2/count for y proportional to the count */
			w[n] = !p->has_numerator ? NAN : o->jp.log_scale ? p->numerator : p->numerator / (p->value * p->value);
		else
			/* given standard errors: var(y) = se^2, var(log y) = (se/y)^2 by the delta method */
			w[n] = !p->has_se || !(p->se > 0) ? NAN : o->jp.log_scale ? p->value * p->value / (p->se * p->se)
										    : 1 / (p->se * p->se);
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
		struct ind_jp_opts jo = o->jp;
		struct jp_progress pr = { o->progress, s };
		size_t bad = n;
		int rc;
		for (size_t i = 0; o->weights != IND_JP_UNWEIGHTED && i < n && bad == n; i++)
			if (!(w[i] > 0 && isfinite(w[i])))
				bad = i;
		if (o->progress) {
			jo.progress = show_jp_progress;
			jo.progress_ctx = &pr;
		}
		if (bad < n && o->weights == IND_JP_WEIGHT_POISSON) {
			ind_warn("series '%s, %s': --weights poisson needs a positive numerator on every value; "
				 "no joinpoint model", s->region, s->indicator);
		} else if (bad < n) {
			ind_warn_at(ind_series_file_name(set, kept[bad].file), kept[bad].line,
				    "series '%s, %s': --weights se needs a positive standard error (column se) on every "
				    "value; no joinpoint model", s->region, s->indicator);
		} else {
			rc = ind_joinpoints_fit(t, y, o->weights != IND_JP_UNWEIGHTED ? w : NULL, n, &jo, &jp);
			if (rc == IND_JP_NOMEM)
				ind_die(IND_EXIT_DATA, "series '%s, %s': out of memory for the joinpoints", s->region,
					s->indicator);
			jp_ok = rc == 0;
			if (!jp_ok)
				ind_warn("series '%s, %s': no joinpoint model%s", s->region, s->indicator,
					 o->jp.log_scale ? " (values <= 0 need --linear)" : "");
		}
	}

	if (fits) {
		ind_trend_fits_fill(fits, s, &tr, &jp, jp_ok);
	} else {
		ind_trend_summary_row(ln, &o->cols, s, kept, n, missing, &tr, &jp, jp_ok);
		ind_line_put(ln, out);
	}
	free(w);
	free(t);
	free(y);
	free(season);
	free(kept);
}

/*
 * Grouped input: each series is worked out as soon as the next starts, and
 * its rows (summary or input rows with their fits) and messages wait in
 * temporary files, so that the output and stderr come out in the order
 * they always have: every duplicate message first, then the rows.
 */
struct held {
	const struct opts *o;
	struct ind_line ln;
	struct tally tally;
	FILE *rows, *dup_msgs, *msgs;
	long dups;
	bool dup_failed;
	double (*fits)[IND_TREND_NFIT];	/* the fits of one series' rows */
	size_t fits_cap;
};

static void held_series(ind_series_set *set, struct ind_series *s, void *ctx)
{
	struct held *h = ctx;
	FILE *old = ind_warn_to(h->dup_msgs);
	h->dups += ind_series_duplicates_of(set, s, h->o->duplicates, &h->dup_failed);
	if (!h->dup_failed && !(h->dups && h->o->duplicates == IND_DUP_ERROR)) {	/* else nothing is written */
		ind_warn_to(h->msgs);
		if (h->o->summary) {
			one_series(set, s, h->o, &h->ln, h->rows, NULL, &h->tally);
		} else {
			size_t nrows = ind_series_rows(set);
			struct ind_line none = { 0 };
			struct ind_trend_fits f;
			if (nrows > h->fits_cap) {
				free(h->fits);
				if (!(h->fits = malloc(nrows * sizeof *h->fits)))
					ind_die(IND_EXIT_DATA, "out of memory");
				h->fits_cap = nrows;
			}
			for (size_t i = 0; i < nrows; i++)
				for (int j = 0; j < IND_TREND_NFIT; j++)
					h->fits[i][j] = NAN;
			one_series(set, s, h->o, &h->ln, NULL, h->fits, &h->tally);
			f = (struct ind_trend_fits){ h->fits, h->o->joinpoints > 0 ? IND_TREND_NFIT : 3 };
			if (!ind_series_write_rows(set, &none, h->rows, ind_trend_add_fits, &f))
				ind_die(IND_EXIT_DATA, "temporary file: write error: %s", strerror(errno));
		}
	}
	ind_warn_to(old);
	series_done(h->o->progress, s);
}

/* What waited in fp, to out or (out NULL) to stderr. */
static void put_held(FILE *fp, FILE *out, struct ind_line *ln)
{
	const char *why = ind_line_replay(fp, out ? out : stderr, out ? ln : NULL);
	if (why)
		ind_die(IND_EXIT_DATA, "temporary file: %s", why);
}

static void held_close(struct held *h)
{
	if (h->rows)
		fclose(h->rows);
	if (h->dup_msgs)
		fclose(h->dup_msgs);
	if (h->msgs)
		fclose(h->msgs);
	free(h->fits);
	ind_line_free(&h->ln);
}

/* FROM..TO of --aapc: two periods, FROM before TO. */
static void parse_range(struct opts *o, const char *arg)
{
	const char *dots = strstr(arg, "..");
	struct ind_period a, b;
	const char *why;
	int r = o->jp.nranges;
	if (r == IND_JP_RANGES)
		ind_usage_error("--aapc: at most %d ranges", IND_JP_RANGES);
	if (!dots || !ind_period_parse(arg, (size_t)(dots - arg), &a, &why) ||
	    !ind_period_parse(dots + 2, strlen(dots + 2), &b, &why))
		ind_usage_error("--aapc: '%s': not FROM..TO with two periods", arg);
	o->jp.ranges[r][0] = ind_period_time(&a);
	o->jp.ranges[r][1] = ind_period_time(&b);
	if (!(o->jp.ranges[r][1] > o->jp.ranges[r][0]))
		ind_usage_error("--aapc: '%s': TO must come after FROM", arg);
	{	/* the column name: the periods with every non-alphanumeric as '_' */
		char *nm = o->range_name[r];
		size_t k = 0;
		for (const char *c = arg; *c && k + 1 < sizeof o->range_name[r]; c++) {
			if (c == dots) {
				nm[k++] = '_';
				c++;
				continue;
			}
			nm[k++] = (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ? *c : '_';
		}
		nm[k] = 0;
	}
	o->jp.nranges++;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	const char *output = NULL, *rejects_path = NULL, *reject_log = NULL;
	ind_series_set *set;
	ind_rejects *rejects;
	ind_output *out;
	struct ind_line ln = { 0 }, header = { 0 };
	struct ind_error err;
	struct tally tally = { 0 };
	double (*fits)[IND_TREND_NFIT] = NULL;
	enum ind_progress_mode progress_mode = IND_PROGRESS_AUTO;
	struct ind_progress progress;
	bool failed = false;
	int ninputs, c;
	long nread = 0;
	static const int season_flag = 1;

	ind_jp_opts_init(&o.jp, 0);
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
		case OPT_LINEAR: o.jp.log_scale = false; break;
		case OPT_MIN_OBS: o.jp.min_obs = (size_t)ind_opt_range("--min-obs", optarg, 0, 1000000); break;
		case OPT_SELECT: {
			static const char *const names[] = { "permutation", "bic", "mbic", "wbic", NULL };	/* enum ind_jp_select order */
			o.jp.select = (enum ind_jp_select)ind_opt_choice("--select", optarg, names);
			break;
		}
		case OPT_PERMUTATIONS:
			o.jp.permutations = (int)ind_opt_range("--permutations", optarg, 1, 1000000);
			break;
		case OPT_SEED: o.jp.seed = (uint64_t)ind_opt_count("--seed", optarg); break;
		case OPT_GRID: o.jp.grid = (int)ind_opt_range("--grid", optarg, 0, 99); break;
		case OPT_AAPC: parse_range(&o, optarg); break;
		case OPT_JOINPOINT_CI: o.jp.joint_ci = true; break;
		case OPT_WEIGHTS: {
			static const char *const names[] = { "se", "poisson", NULL };
			o.weights = ind_opt_choice("--weights", optarg, names) == 0 ? IND_JP_WEIGHT_SE : IND_JP_WEIGHT_POISSON;
			break;
		}
		case OPT_PROGRESS: progress_mode = IND_PROGRESS_ON; break;
		case OPT_NO_PROGRESS: progress_mode = IND_PROGRESS_OFF; break;
		case OPT_STRICT: o.strict = true; break;
		case OPT_SORTED: o.sorted = true; break;
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
	o.jp.kmax = o.joinpoints;
	o.cols = (struct ind_trend_columns){ o.joinpoints, o.jp.log_scale, o.jp.joint_ci, o.jp.nranges, o.range_name,
					     o.trend.se };
	ind_progress_init(&progress, stderr, progress_mode, output);
	if (progress.on) {
		o.progress = &progress;
		progress.series = 0;
	}
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

	if (o.weights == IND_JP_WEIGHT_SE)
		ind_series_read_se(set, "se");
	{
		static const char *const own[] = { "fit", "fit_lo", "fit_hi", NULL };
		static const char *const own_jp[] = { "fit", "fit_lo", "fit_hi", "jp_fit", "jp_segment", NULL };
		struct held h = { .o = &o };
		struct ind_series_reading how = { o.joinpoints > 0 ? own_jp : own, !o.summary, &header, o.sorted,
						  held_series, &h };
		bool grouped = false;
		if (!(h.rows = tmpfile()) || !(h.dup_msgs = tmpfile()) || !(h.msgs = tmpfile()))
			how.done = NULL;	/* no room to wait: read everything first */
		nread = ind_series_stream(set, inputs, ninputs, &how, &grouped, rejects, &failed);
		if (grouped && !(o.weights == IND_JP_WEIGHT_SE && ind_series_se_missing(set))) {
			ind_progress_end(&progress);	/* what was held back goes to stderr as it is */
			put_held(h.dup_msgs, NULL, NULL);
			if (!ind_series_duplicates_verdict(h.dups, h.dup_failed, o.duplicates)) {
				held_close(&h);
				ind_rejects_close(rejects, NULL);
				ind_series_set_free(set);
				ind_line_free(&header);
				return IND_EXIT_DATA;
			}
			if (!(out = ind_output_open(output, &err))) {
				ind_error_print(&err);
				return IND_EXIT_DATA;
			}
			if (o.summary) {
				ind_trend_summary_header(&ln, &o.cols);
				ind_line_put(&ln, ind_output_file(out));
				put_held(h.rows, ind_output_file(out), &ln);
			} else if (header.len == 0 || ind_line_write(&header, ind_output_file(out)) == 0) {
				const char *why = ind_line_replay_rows(h.rows, ind_output_file(out), &ln, &failed);
				if (why)
					ind_die(IND_EXIT_DATA, "temporary file: %s", why);
			} else {
				failed = true;
			}
			put_held(h.msgs, NULL, NULL);
			tally = h.tally;
			held_close(&h);
			goto finish;
		}
		held_close(&h);	/* the rows were not grouped, or there is no column se: as below */
	}
	/* the set holds every series */
	if (o.weights == IND_JP_WEIGHT_SE && ind_series_se_missing(set)) {
		ind_warn_at(ind_series_se_missing(set), 1,
			    "--weights se needs a column 'se', the standard error of each value; there is none");
		ind_rejects_close(rejects, NULL);
		ind_series_set_free(set);
		ind_line_free(&header);
		return IND_EXIT_DATA;
	}
	if (!ind_series_check_duplicates(set, o.duplicates)) {
		ind_rejects_close(rejects, NULL);
		ind_series_set_free(set);
		ind_line_free(&header);
		return IND_EXIT_DATA;
	}

	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (o.summary) {
		ind_trend_summary_header(&ln, &o.cols);
		ind_line_put(&ln, ind_output_file(out));
	} else {
		size_t nrows = ind_series_rows(set);
		fits = malloc((nrows ? nrows : 1) * sizeof *fits);
		if (!fits)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < nrows; i++)
			for (int j = 0; j < IND_TREND_NFIT; j++)
				fits[i][j] = NAN;
	}
	progress.series = 0;
	progress.series_total = (long)ind_series_count(set);
	progress.rows = 0;
	for (size_t i = 0; i < ind_series_count(set); i++) {
		one_series(set, ind_series_at(set, i), &o, &ln, ind_output_file(out), fits, &tally);
		series_done(o.progress, ind_series_at(set, i));
	}
	ind_progress_end(&progress);
	if (!o.summary) {
		struct ind_trend_fits f = { fits, o.joinpoints > 0 ? IND_TREND_NFIT : 3 };
		if (!ind_series_write_rows(set, &header, ind_output_file(out), ind_trend_add_fits, &f))
			failed = true;
	}
finish:
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
