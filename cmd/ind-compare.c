/* ind-compare - before/after statistics and interrupted time series per series. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "compare.h"
#include "err.h"
#include "num.h"
#include "opt.h"
#include "reader.h"
#include "rejects.h"
#include "series.h"
#include "stream.h"
#include "strmap.h"
#include "writer.h"

enum {
	OPT_AT = CHAR_MAX + 1, OPT_EVENTS, OPT_EXCLUDE, OPT_PRE, OPT_POST, OPT_CONTROL, OPT_MODEL, OPT_SE, OPT_SEASON,
	OPT_QUASI, OPT_BOOTSTRAP, OPT_SEED, OPT_REJECTS
};

static const struct option long_options[] = {
	{ "at", required_argument, NULL, OPT_AT },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "pre", required_argument, NULL, OPT_PRE },
	{ "post", required_argument, NULL, OPT_POST },
	{ "control", required_argument, NULL, OPT_CONTROL },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "se", required_argument, NULL, OPT_SE },
	{ "season", required_argument, NULL, OPT_SEASON },
	{ "quasi", no_argument, NULL, OPT_QUASI },
	{ "bootstrap", required_argument, NULL, OPT_BOOTSTRAP },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "summary", no_argument, NULL, 's' },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(void)
{
	fputs("Usage: ind-compare [OPTION]... [FILE]...\n"
	      "Did the indicator change when the intervention started? Before/after\n"
	      "statistics and interrupted time series for every series of a canonical stream.\n"
	      "\n", stdout);
	fputs("Intervention and windows:\n"
	      "      --at=PERIOD             first period after the intervention, for all series\n"
	      "      --events=FILE           per-series dates: CSV region,indicator,period,label\n"
	      "                                (an empty indicator means every indicator)\n"
	      "      --exclude=FROM..TO      leave these periods out of the fits (repeatable),\n"
	      "                                e.g. a COVID-19 window or a wash-in phase\n"
	      "      --pre=N                 use only the last N periods before\n"
	      "      --post=N                use only the first N periods after\n"
	      "      --control=REGIONS       comparison regions (comma-separated): adds a\n"
	      "                                difference-in-differences estimate\n"
	      "\n", stdout);
	fputs("Models:\n"
	      "      --model=MODEL           ols (default): segmented linear regression;\n"
	      "                                poisson: log-linear GLM for counts\n"
	      "      --se=METHOD             ols (default), hac (Newey-West) or ar1\n"
	      "                                (Prais-Winsten); for --model ols\n"
	      "      --season=SEASON         none (default), month (dummies) or fourierK\n"
	      "      --quasi                 quasi-Poisson: scale by the Pearson dispersion\n"
	      "      --bootstrap=N           percentile bootstrap CI of the mean difference\n"
	      "      --seed=S                seed of the bootstrap (default 1)\n"
	      "\n", stdout);
	fputs("Output:\n"
	      "  -s, --summary               one row per series (default: the input rows with\n"
	      "                                fit,counterfactual,cf_lo,cf_hi,phase added)\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "      --rejects=FILE          write unusable rows to FILE with line and reason\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "With no FILE, or when FILE is -, read standard input.\n"
	      "\n"
	      "Examples:\n"
	      "  $ ind-compare --at 2020-02 --summary indicators.csv\n"
	      "  $ ind-compare --events interventions.csv --exclude 2020-03..2020-12 \\\n"
	      "      --model poisson --quasi --season month --summary indicators.csv\n"
	      "  $ ind-compare --at 2020-02 x.csv | ind-plot --kind its -o its.png\n"
	      "\n"
	      "See ind-compare(1).\n", stdout);
}

#define MAX_EXCLUDE IND_MAX_EXCLUDE

struct opts {
	bool summary, has_at;
	struct ind_period at;
	struct ind_analysis_opts an;
	ind_strmap *events;	/* "region\037indicator" -> "period\037label" */
	ind_strmap *controls;
	const char *control_args[MAX_EXCLUDE];	/* the --control lists as given, for checking */
	int ncontrol_args;
};

static struct ind_period parse_period_arg(const char *opt, const char *s)
{
	struct ind_period p;
	const char *why;
	if (!ind_period_parse(s, strlen(s), &p, &why))
		ind_usage_error("invalid %s '%s': %s", opt, s, why);
	return p;
}

static void read_events(struct opts *o, const char *path)
{
	struct ind_reader_opts ro;
	struct ind_error err;
	struct ind_row row;
	ind_reader *r;
	int rc;
	bool header = true;

	ind_reader_opts_init(&ro);
	if (!(r = ind_reader_open(path, &ro, &err)) || !(o->events = ind_strmap_new())) {
		ind_error_print(&err);
		exit(IND_EXIT_DATA);
	}
	while ((rc = ind_reader_next(r, &row, &err)) != IND_READ_EOF) {
		char key[512], val[512];
		struct ind_period p;
		const char *why;
		if (rc < 0) {
			ind_error_print(&err);
			exit(IND_EXIT_DATA);
		}
		if (header) {
			header = false;
			continue;
		}
		if (row.nfields < 3) {
			ind_warn_at(path, row.line, "expected region,indicator,period[,label]");
			exit(IND_EXIT_DATA);
		}
		if (!ind_period_parse(row.field[2], row.len[2], &p, &why)) {
			ind_warn_at(path, row.line, "period: %s", why);
			exit(IND_EXIT_DATA);
		}
		snprintf(key, sizeof key, "%.*s\037%.*s", (int)row.len[0], row.field[0], (int)row.len[1], row.field[1]);
		snprintf(val, sizeof val, "%.*s\037%.*s", (int)row.len[2], row.field[2],
			 (int)(row.nfields > 3 ? row.len[3] : 0), row.nfields > 3 ? row.field[3] : "");
		if (!ind_strmap_put(o->events, key, strlen(key), val))
			ind_die(IND_EXIT_DATA, "out of memory");
	}
	ind_reader_close(r);
}

/* The intervention of a series: true with *t0 and its label, false when it has none. */
static bool intervention(const struct opts *o, const struct ind_series *s, struct ind_period *p, char *label,
			 size_t lsize)
{
	char key[512];
	const char *v = NULL;
	label[0] = '\0';
	if (o->events) {
		snprintf(key, sizeof key, "%s\037%s", s->region, s->indicator);
		v = ind_strmap_get(o->events, key, strlen(key));
		if (!v) {
			snprintf(key, sizeof key, "%s\037", s->region);
			v = ind_strmap_get(o->events, key, strlen(key));
		}
	}
	if (v) {
		const char *sep = strchr(v, '\037');
		ind_period_parse(v, (size_t)(sep - v), p, NULL);
		snprintf(label, lsize, "%s", sep + 1);
		return true;
	}
	if (o->has_at) {
		*p = o->at;
		return true;
	}
	return false;
}

enum phase { PHASE_PRE, PHASE_POST, PHASE_EXCLUDED };

/* Per-row results for the default output. */
struct row_out {
	double fit, cf, cf_lo, cf_hi;
	enum phase phase;
};

struct columns {
	bool poisson, shares, did, boot;
};

static const char *const base_cols[] = {
	"region", "indicator", "at", "n_pre", "n_post", "mean_pre", "mean_post", "diff", "diff_lo", "diff_hi",
	"rel_change", "median_pre", "median_post", "welch_t", "welch_df", "welch_p", "mw_u", "mw_p", "hedges_g",
	"level", "level_se", "level_lo", "level_hi", "level_p", "slope_change", "slope_change_se",
	"slope_change_lo", "slope_change_p", "pre_slope", "effect_end", "effect_end_lo", "effect_end_hi",
	"slope_change_hi", "effect_end_rel", "label", "model", "se_method", "rho", NULL
};

static void header(struct ind_line *ln, const struct columns *c)
{
	static const char *const poisson[] = { "rr_level", "rr_level_lo", "rr_level_hi", "rr_slope", "rr_slope_lo",
					       "rr_slope_hi", "dispersion", NULL };
	static const char *const shares[] = { "p_pre", "p_post", "prop_diff", "prop_lo", "prop_hi", "prop_p", NULL };
	static const char *const did[] = { "control", "did", "did_lo", "did_hi", "did_p", NULL };
	static const char *const boot[] = { "boot_lo", "boot_hi", NULL };
	const char *const *groups[] = { base_cols, c->poisson ? poisson : NULL, c->shares ? shares : NULL,
					c->did ? did : NULL, c->boot ? boot : NULL };
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

static void one_series(ind_series_set *set, struct ind_series *s, const struct opts *o, const struct columns *cols,
		       struct ind_line *ln, FILE *out, struct row_out *rows, long *warnings, long *no_event)
{
	struct ind_period at;
	char label[256], pbuf[IND_PERIOD_TEXT_MAX];
	struct ind_analysis a;
	struct ind_point_fit *pf = rows ? malloc((s->n ? s->n : 1) * sizeof *pf) : NULL;
	bool given_at = intervention(o, s, &at, label, sizeof label);

	if (rows && !pf)
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!given_at)
		(*no_event)++;	/* reported once, at the end */
	ind_analyse(set, s, given_at ? &at : NULL, &o->an, &a, pf);
	for (int k = 0; k < a.nnotes; k++) {
		ind_warn("series '%s, %s': %s", s->region, s->indicator, a.notes[k]);
		(*warnings)++;
	}
	if (rows) {
		for (size_t i = 0; i < s->n; i++) {
			size_t r = s->pts[i].row;
			if (r == SIZE_MAX)
				continue;
			rows[r].fit = pf[i].fit;
			rows[r].cf = pf[i].cf;
			rows[r].cf_lo = pf[i].cf_lo;
			rows[r].cf_hi = pf[i].cf_hi;
			rows[r].phase = (enum phase)pf[i].phase;
		}
		free(pf);
		return;
	} else {
		const struct ind_two_groups *g = &a.g;
		const struct ind_its *its = &a.its;
		char num[32];
		ind_line_reset(ln);
		ind_line_str(ln, s->region);
		ind_line_str(ln, s->indicator);
		ind_line_str(ln, given_at ? ind_period_format(&at, pbuf) : "");
		snprintf(num, sizeof num, "%zu", a.n_pre);
		ind_line_str(ln, num);
		snprintf(num, sizeof num, "%zu", a.n_post);
		ind_line_str(ln, num);
		{
			const double v[] = { g->mean_a, g->mean_b, g->diff, g->diff_lo, g->diff_hi, g->rel_change, g->median_a,
					     g->median_b, g->welch_t, g->welch_df, g->welch_p, g->mw_u, g->mw_p, g->hedges_g,
					     its->level, its->level_se, its->level_lo, its->level_hi, its->level_p,
					     its->slope_change, its->slope_change_se, its->slope_change_lo,
					     its->slope_change_p, its->pre_slope, its->effect_end, its->effect_end_lo,
					     its->effect_end_hi, its->slope_change_hi, its->effect_end_rel };
			doubles(ln, v, sizeof v / sizeof v[0]);
		}
		ind_line_str(ln, label);
		ind_line_str(ln, o->an.its.model == IND_MODEL_POISSON ? (o->an.its.quasi ? "quasipoisson" : "poisson") : "ols");
		if (o->an.its.model == IND_MODEL_POISSON)
			ind_line_str(ln, "glm");
		else if (o->an.its.se == IND_ITS_SE_HAC) {
			snprintf(num, sizeof num, "hac(%d)", its->fit.lag);
			ind_line_str(ln, a.its_ok ? num : "");
		} else
			ind_line_str(ln, o->an.its.se == IND_ITS_SE_AR1 ? "ar1" : "ols");
		ind_line_double(ln, a.its_ok ? its->fit.rho : NAN);
		if (cols->poisson) {
			const double v[] = { its->rr_level, its->rr_level_lo, its->rr_level_hi, its->rr_slope, its->rr_slope_lo,
					     its->rr_slope_hi, a.its_ok ? its->fit.dispersion : NAN };
			doubles(ln, v, sizeof v / sizeof v[0]);
		}
		if (cols->shares) {
			const double v[] = { a.pr.p_a, a.pr.p_b, a.pr.diff, a.pr.lo, a.pr.hi, a.pr.p };
			doubles(ln, v, sizeof v / sizeof v[0]);
		}
		if (cols->did) {
			const double v[] = { a.did, a.did_lo, a.did_hi, a.did_p };
			ind_line_str(ln, a.is_control ? "control" : "treated");
			doubles(ln, v, 4);
		}
		if (cols->boot) {
			ind_line_double(ln, a.boot_lo);
			ind_line_double(ln, a.boot_hi);
		}
		if (ind_line_write(ln, out) < 0)
			ind_die(IND_EXIT_DATA, "write error:");
	}
}

static const char *const phase_names[] = { "pre", "post", "excluded" };

/* The model columns of one kept row. */
static void add_fits(struct ind_line *ln, size_t row, void *ctx)
{
	const struct row_out *r = (const struct row_out *)ctx + row;
	ind_line_double(ln, r->fit);
	ind_line_double(ln, r->cf);
	ind_line_double(ln, r->cf_lo);
	ind_line_double(ln, r->cf_hi);
	ind_line_str(ln, phase_names[r->phase]);
}

int main(int argc, char **argv)
{
	struct opts o = { .an.seed = 1 };
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	const char *output = NULL, *rejects_path = NULL;
	ind_series_set *set;
	ind_rejects *rejects;
	ind_output *out;
	struct ind_line ln = { 0 }, hdr = { 0 };
	struct ind_error err;
	struct row_out *rows = NULL;
	struct columns cols = { 0 };
	bool failed = false;
	long nread = 0, warnings = 0, no_event = 0;
	int ninputs, c;

	ind_set_progname("ind-compare");
	argv[0] = (char *)"ind-compare";
	while ((c = getopt_long(argc, argv, "so:hV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_AT:
			o.at = parse_period_arg("--at", optarg);
			o.has_at = true;
			break;
		case OPT_EVENTS: read_events(&o, optarg); break;
		case OPT_EXCLUDE: {
			struct ind_period f, t;
			const char *bad;
			int badlen;
			const char *why = ind_period_window_parse(optarg, &f, &t, &bad, &badlen);
			if (why)
				ind_usage_error("invalid --exclude '%.*s': %s", badlen, bad, why);
			if (o.an.nexclude == MAX_EXCLUDE)
				ind_usage_error("at most %d --exclude windows", MAX_EXCLUDE);
			o.an.ex_from[o.an.nexclude] = ind_period_time(&f);
			o.an.ex_to[o.an.nexclude++] = ind_period_end_time(&t);
			break;
		}
		case OPT_PRE: o.an.pre = ind_opt_count("--pre", optarg); break;
		case OPT_POST: o.an.post = ind_opt_count("--post", optarg); break;
		case OPT_CONTROL:
			if (!o.controls && !(o.controls = ind_strmap_new()))
				ind_die(IND_EXIT_DATA, "out of memory");
			if (o.ncontrol_args == MAX_EXCLUDE)
				ind_usage_error("at most %d --control options", MAX_EXCLUDE);
			o.control_args[o.ncontrol_args++] = optarg;
			ind_strmap_add_list(o.controls, optarg);
			break;
		case OPT_MODEL: {
			static const char *const names[] = { "ols", "poisson", NULL };	/* enum ind_model order */
			o.an.its.model = (enum ind_model)ind_opt_choice("--model", optarg, names);
			break;
		}
		case OPT_SE: {
			static const char *const names[] = { "ols", "hac", "ar1", NULL };	/* enum ind_its_se order */
			o.an.its.se = (enum ind_its_se)ind_opt_choice("--se", optarg, names);
			break;
		}
		case OPT_SEASON:
			if (strcmp(optarg, "none") == 0)
				o.an.its.season = IND_SEASON_NONE;
			else if (strcmp(optarg, "month") == 0)
				o.an.its.season = IND_SEASON_MONTH;
			else if (strncmp(optarg, "fourier", 7) == 0) {
				o.an.its.season = IND_SEASON_FOURIER;
				o.an.its.fourier_k = optarg[7] ? (int)ind_opt_count("--season fourierK", optarg + 7) : 2;
				if (o.an.its.fourier_k < 1 || o.an.its.fourier_k > 6)
					ind_usage_error("--season fourierK: K from 1 to 6");
			} else
				ind_usage_error("invalid --season '%s' (use none, month or fourierK)", optarg);
			break;
		case OPT_QUASI: o.an.its.quasi = true; break;
		case OPT_BOOTSTRAP: o.an.bootstrap = (unsigned long)ind_opt_count("--bootstrap", optarg); break;
		case OPT_SEED: o.an.seed = (unsigned long)ind_opt_count("--seed", optarg); break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case 's': o.summary = true; break;
		case 'o': output = optarg; break;
		case 'h': usage(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (!o.has_at && !o.events)
		ind_usage_error("give the intervention with --at PERIOD or --events FILE");
	if (o.an.its.quasi && o.an.its.model != IND_MODEL_POISSON)
		ind_usage_error("--quasi goes with --model poisson");
	ninputs = argc - optind;
	inputs = (const char *const *)argv + optind;
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	if (!(set = ind_series_set_new()))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!(rejects = ind_rejects_open(rejects_path, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	{
		static const char *const own[] = { "fit", "counterfactual", "cf_lo", "cf_hi", "phase", NULL };
		nread = ind_series_read(set, inputs, ninputs, own, !o.summary, &hdr, rejects, &failed);
		for (size_t i = 0; i < ind_series_count(set) && !cols.shares; i++) {
			const struct ind_series *x = ind_series_at(set, i);
			for (size_t j = 0; j < x->n && !cols.shares; j++)
				cols.shares = x->pts[j].has_numerator && x->pts[j].has_denominator;
		}
	}
	if (o.controls) {
		/* every comparison region must be in the data */
		ind_strmap *seen = ind_strmap_new();
		if (!seen)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < ind_series_count(set); i++)
			ind_strmap_put(seen, ind_series_at(set, i)->region, strlen(ind_series_at(set, i)->region), "");
		for (int k = 0; k < o.ncontrol_args; k++)
			for (const char *p = o.control_args[k]; *p;) {
				const char *comma = strchr(p, ',');
				size_t len = comma ? (size_t)(comma - p) : strlen(p);
				if (len && !ind_strmap_get(seen, p, len)) {
					ind_warn("unknown region in --control: '%.*s'", (int)len, p);
					failed = true;
				}
				p += len + (comma != NULL);
			}
		ind_strmap_free(seen);
		cols.did = true;
	}
	o.an.controls = o.controls;
	cols.poisson = o.an.its.model == IND_MODEL_POISSON;
	cols.boot = o.an.bootstrap > 0;
	if (failed && o.controls) {
		ind_rejects_close(rejects, NULL);
		ind_series_set_free(set);
		ind_strmap_free(o.events);
		ind_strmap_free(o.controls);
		ind_line_free(&hdr);
		return IND_EXIT_DATA;
	}

	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (o.summary) {
		header(&ln, &cols);
		ind_line_write(&ln, ind_output_file(out));
	} else if (!(rows = calloc(ind_series_rows(set) + 1, sizeof *rows))) {
		ind_die(IND_EXIT_DATA, "out of memory");
	}
	for (size_t i = 0; i < ind_series_count(set); i++)
		one_series(set, ind_series_at(set, i), &o, &cols, &ln, ind_output_file(out), rows, &warnings, &no_event);
	if (no_event)
		ind_warn("%ld series have no intervention in --events: their statistics are empty", no_event);
	if (!o.summary && !ind_series_write_rows(set, &hdr, ind_output_file(out), add_fits, rows))
		failed = true;
	failed = !ind_series_finish(set, nread, rejects, out, !failed);
	free(rows);
	ind_line_free(&ln);
	ind_line_free(&hdr);
	ind_strmap_free(o.events);
	ind_strmap_free(o.controls);
	ind_series_set_free(set);
	return failed ? IND_EXIT_DATA : IND_EXIT_OK;
}
