/* ind-compare - before/after statistics and interrupted time series per series. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "comparerun.h"
#include "err.h"
#include "events.h"
#include "opt.h"
#include "progress.h"
#include "strmap.h"
#include "trend.h"

enum {
	OPT_AT = CHAR_MAX + 1, OPT_EVENTS, OPT_EXCLUDE, OPT_PRE, OPT_POST, OPT_CONTROL, OPT_MODEL, OPT_SE, OPT_SEASON,
	OPT_QUASI, OPT_DISPERSION_FLOOR, OPT_AC_LAGS, OPT_DUPLICATES, OPT_BOOTSTRAP, OPT_SEED, OPT_REJECTS, OPT_REJECT_LOG,
	OPT_POWER, OPT_POWER_LEVEL, OPT_ALPHA, OPT_SIMS, OPT_PLACEBO, OPT_PLACEBO_MIN, OPT_CONTROL_WEIGHTS, OPT_POPULATION,
	OPT_PER, OPT_DID, OPT_SORTED, OPT_PROGRESS, OPT_NO_PROGRESS
};

static const struct option long_options[] = {
	{ "at", required_argument, NULL, OPT_AT },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "pre", required_argument, NULL, OPT_PRE },
	{ "post", required_argument, NULL, OPT_POST },
	{ "control", required_argument, NULL, OPT_CONTROL },
	{ "control-weights", required_argument, NULL, OPT_CONTROL_WEIGHTS },
	{ "population", required_argument, NULL, OPT_POPULATION },
	{ "per", required_argument, NULL, OPT_PER },
	{ "did", required_argument, NULL, OPT_DID },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "se", required_argument, NULL, OPT_SE },
	{ "season", required_argument, NULL, OPT_SEASON },
	{ "quasi", no_argument, NULL, OPT_QUASI },
	{ "dispersion-floor", required_argument, NULL, OPT_DISPERSION_FLOOR },
	{ "ac-lags", required_argument, NULL, OPT_AC_LAGS },
	{ "duplicates", required_argument, NULL, OPT_DUPLICATES },
	{ "bootstrap", required_argument, NULL, OPT_BOOTSTRAP },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "power", no_argument, NULL, OPT_POWER },
	{ "power-level", required_argument, NULL, OPT_POWER_LEVEL },
	{ "alpha", required_argument, NULL, OPT_ALPHA },
	{ "sims", required_argument, NULL, OPT_SIMS },
	{ "placebo", no_argument, NULL, OPT_PLACEBO },
	{ "placebo-min", required_argument, NULL, OPT_PLACEBO_MIN },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "reject-log", required_argument, NULL, OPT_REJECT_LOG },
	{ "sorted", no_argument, NULL, OPT_SORTED },
	{ "summary", no_argument, NULL, 's' },
	{ "output", required_argument, NULL, 'o' },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "quiet", no_argument, NULL, OPT_NO_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

#define MAX_EXCLUDE IND_MAX_EXCLUDE

static struct ind_period parse_period_arg(const char *opt, const char *s)
{
	struct ind_period p;
	const char *why;
	if (!ind_period_parse(s, strlen(s), &p, &why))
		ind_usage_error("invalid %s '%s': %s", opt, s, why);
	return p;
}

int main(int argc, char **argv)
{
	struct ind_compare_run o = { .an.seed = 1, .an.pw = { .alpha = 0.05, .power = 0.8 }, .an.did = { .per = 1000 } };
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	const char *output = NULL, *rejects_path = NULL, *reject_log = NULL, *refused;
	struct ind_error err;
	char buf[128];
	int ninputs, c;
	enum ind_progress_mode progress_mode = IND_PROGRESS_AUTO;

	ind_set_progname("ind-compare");
	argv[0] = (char *)"ind-compare";
	while ((c = getopt_long(argc, argv, "so:hV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_AT:
			if (o.nat == IND_MAX_BREAKS)
				ind_usage_error("at most %d --at interruptions", IND_MAX_BREAKS);
			o.at[o.nat++] = parse_period_arg("--at", optarg);
			break;
		case OPT_EVENTS:
			ind_events_free(o.events);
			if (!(o.events = ind_events_read(optarg, &err))) {
				ind_error_print(&err);
				return IND_EXIT_DATA;
			}
			break;
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
		case OPT_CONTROL_WEIGHTS: {
			static const char *const names[] = { "population", "equal", NULL };
			o.an.did.weights = ind_opt_choice("--control-weights", optarg, names) ? IND_WEIGHTS_EQUAL
												: IND_WEIGHTS_POPULATION;
			o.did_opts = true;
			break;
		}
		case OPT_POPULATION: o.population_path = optarg; o.did_opts = true; break;
		case OPT_PER: o.an.did.per = (double)ind_opt_range("--per", optarg, 1, 1000000000); o.did_opts = true; break;
		case OPT_DID:
			o.an.did.method = (enum ind_did_method)ind_opt_choice("--did", optarg, ind_did_method_names);
			o.did_opts = true;
			break;
		case OPT_MODEL: {
			static const char *const names[] = { "ols", "poisson", NULL };	/* enum ind_model order */
			o.an.its.model = (enum ind_model)ind_opt_choice("--model", optarg, names);
			break;
		}
		case OPT_SE: {
			static const char *const names[] = { "ols", "hac", "ar1", "auto", NULL };	/* enum ind_its_se order */
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
		case OPT_DISPERSION_FLOOR:
			if (strcmp(optarg, "1") != 0)
				ind_usage_error("invalid --dispersion-floor '%s' (the floor is 1)", optarg);
			o.an.its.dispersion_floor = true;
			break;
		case OPT_AC_LAGS:
			o.an.its.ac_lags = (int)ind_opt_range("--ac-lags", optarg, 1, IND_AC_LAGS_MAX);
			break;
		case OPT_DUPLICATES:
			o.duplicates = (enum ind_duplicates)ind_opt_choice("--duplicates", optarg, ind_duplicates_names);
			break;
		case OPT_BOOTSTRAP:
			o.an.bootstrap = (unsigned long)ind_opt_count("--bootstrap", optarg);
			if (o.an.bootstrap > IND_BOOTSTRAP_MAX)
				ind_usage_error("--bootstrap: at most %lu resamples", IND_BOOTSTRAP_MAX);
			break;
		case OPT_SEED: o.an.seed = (unsigned long)ind_opt_count("--seed", optarg); break;
		case OPT_POWER: o.an.power = true; break;
		case OPT_POWER_LEVEL:
			o.an.pw.power = ind_opt_fraction("--power-level", optarg);
			o.power_opts = true;
			break;
		case OPT_ALPHA:
			o.an.pw.alpha = ind_opt_fraction("--alpha", optarg);
			o.power_opts = true;
			break;
		case OPT_SIMS:
			o.an.pw.sims = (unsigned long)ind_opt_range("--sims", optarg, 1, 100000);
			o.power_opts = true;
			break;
		case OPT_PLACEBO: o.placebo = true; break;
		case OPT_PLACEBO_MIN: o.placebo_min = ind_opt_range("--placebo-min", optarg, 2, 100000); break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case OPT_REJECT_LOG: reject_log = optarg; break;
		case OPT_SORTED: o.sorted = true; break;
		case 's': o.summary = true; break;
		case 'o': output = optarg; break;
		case OPT_PROGRESS: progress_mode = IND_PROGRESS_ON; break;
		case OPT_NO_PROGRESS: progress_mode = IND_PROGRESS_OFF; break;
		case 'h': ind_compare_usage(stdout); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if ((refused = ind_compare_run_check(&o, buf, sizeof buf)))
		ind_usage_error("%s", refused);
	ninputs = argc - optind;
	inputs = (const char *const *)argv + optind;
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	return ind_compare_run_inputs(&o, inputs, ninputs, output, rejects_path, reject_log, progress_mode);
}
