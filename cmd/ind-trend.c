/* ind-trend - trend statistics for every (region, indicator) series of a canonical stream. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>

#include "err.h"
#include "joinpoint.h"
#include "opt.h"
#include "progress.h"
#include "trendrun.h"

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

int main(int argc, char **argv)
{
	struct ind_trend_run o = { 0 };
	char *bad_range;
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	const char *output = NULL, *rejects_path = NULL, *reject_log = NULL;
	enum ind_progress_mode progress_mode = IND_PROGRESS_AUTO;
	struct ind_progress progress;
	int ninputs, c;
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
		case OPT_AAPC:
			if (!ind_trend_range_add(&o, optarg, &bad_range))
				ind_usage_error("%s", bad_range ? bad_range : "out of memory");
			break;
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
	ind_trend_run_columns(&o);
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
	return ind_trend_run_inputs(&o, inputs, ninputs, output, rejects_path, reject_log, &progress);
}
