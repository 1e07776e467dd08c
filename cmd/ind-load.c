/* ind-load - read indicator exports (CSV, PxWeb, Sotkanet, THL; .gz) into the canonical stream. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "load.h"
#include "loadopts.h"
#include "loadrun.h"
#include "opt.h"
#include "parallel.h"
#include "progress.h"
#include "regions.h"

enum {
	OPT_NUMERATOR = CHAR_MAX + 1, OPT_DENOMINATOR, OPT_UNIT, OPT_REGION_NAME, OPT_INDICATOR_NAME,
	OPT_NO_HEADER, OPT_WIDE, OPT_LONG, OPT_SKIP, OPT_DECIMAL, OPT_ENCODING, OPT_DASH, OPT_GENDER,
	OPT_REGION_MAP, OPT_INDICATOR_MAP, OPT_REGIONS, OPT_INDICATORS, OPT_FROM, OPT_TO, OPT_REJECTS, OPT_REJECT_LOG, OPT_STRICT, OPT_LIBCSV, OPT_THREADS, OPT_BLOCK_SIZE,
	OPT_MAX_RECORD, OPT_WHERE, OPT_IGNORE, OPT_VERBOSE, OPT_REGION_LEVEL, OPT_REGION_NAMES, OPT_CLASSIFICATION,
	OPT_SOTKANET_META, OPT_LANG, OPT_SUM_TO, OPT_SUM_VALUES, OPT_PROGRESS, OPT_NO_PROGRESS
};

static const struct option long_options[] = {
	{ "region", required_argument, NULL, 'r' },
	{ "indicator", required_argument, NULL, 'i' },
	{ "period", required_argument, NULL, 'p' },
	{ "value", required_argument, NULL, 'v' },
	{ "numerator", required_argument, NULL, OPT_NUMERATOR },
	{ "denominator", required_argument, NULL, OPT_DENOMINATOR },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "region-name", required_argument, NULL, OPT_REGION_NAME },
	{ "indicator-name", required_argument, NULL, OPT_INDICATOR_NAME },
	{ "no-header", no_argument, NULL, OPT_NO_HEADER },
	{ "wide", no_argument, NULL, OPT_WIDE },
	{ "long", no_argument, NULL, OPT_LONG },
	{ "skip", required_argument, NULL, OPT_SKIP },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "decimal", required_argument, NULL, OPT_DECIMAL },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "dash", required_argument, NULL, OPT_DASH },
	{ "gender", required_argument, NULL, OPT_GENDER },
	{ "region-map", required_argument, NULL, OPT_REGION_MAP },
	{ "region-level", required_argument, NULL, OPT_REGION_LEVEL },
	{ "to-region", required_argument, NULL, OPT_REGION_LEVEL },
	{ "region-names", required_argument, NULL, OPT_REGION_NAMES },
	{ "classification", required_argument, NULL, OPT_CLASSIFICATION },
	{ "sum-to", required_argument, NULL, OPT_SUM_TO },
	{ "sum-values", no_argument, NULL, OPT_SUM_VALUES },
	{ "indicator-map", required_argument, NULL, OPT_INDICATOR_MAP },
	{ "sotkanet-meta", required_argument, NULL, OPT_SOTKANET_META },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "regions", required_argument, NULL, OPT_REGIONS },
	{ "indicators", required_argument, NULL, OPT_INDICATORS },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "reject-log", required_argument, NULL, OPT_REJECT_LOG },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "quiet", no_argument, NULL, OPT_NO_PROGRESS },
	{ "output", required_argument, NULL, 'o' },
	{ "always-libcsv", no_argument, NULL, OPT_LIBCSV },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "block-size", required_argument, NULL, OPT_BLOCK_SIZE },
	{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void warn_cb(const struct ind_error *w) { ind_error_print(w); }

static void bound(const char *opt, const char *arg, bool end, double *t)
{
	const char *why = ind_load_period_bound(arg, end, t);
	if (why)
		ind_usage_error("invalid %s '%s': %s", opt, arg, why);
}

static void list(ind_strmap **m, const char *arg)
{
	if (!ind_load_list_arg(m, arg))
		ind_die(IND_EXIT_DATA, "out of memory");
}

int main(int argc, char **argv)
{
	struct ind_load_args a;
	struct ind_error err;
	struct ind_progress progress;
	int c, rc;

	ind_set_progname("ind-load");
	argv[0] = (char *)"ind-load";	/* getopt's messages name the program as ours do */
	if (ind_load_args_init(&a, argc) < 0)
		ind_die(IND_EXIT_DATA, "out of memory");
	a.o.warn = warn_cb;
	while ((c = getopt_long(argc, argv, "r:i:p:v:d:o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'r': a.o.region = optarg; break;
		case 'i': a.o.indicator = optarg; break;
		case 'p': a.o.period = optarg; break;
		case 'v': a.o.value = optarg; break;
		case OPT_NUMERATOR: a.o.numerator = optarg; break;
		case OPT_DENOMINATOR: a.o.denominator = optarg; break;
		case OPT_UNIT: a.o.unit = optarg; break;
		case OPT_REGION_NAME: a.o.region_name = optarg; break;
		case OPT_INDICATOR_NAME: a.o.indicator_name = optarg; break;
		case OPT_NO_HEADER: a.o.no_header = true; break;
		case OPT_WIDE: a.o.wide = 1; break;
		case OPT_LONG: a.o.wide = 0; break;
		case OPT_SKIP: a.o.reader.skip = ind_opt_count("--skip", optarg); break;
		case 'd': a.o.reader.delimiter = ind_opt_delimiter(optarg); break;
		case OPT_DECIMAL: a.o.reader.decimal = ind_opt_decimal(optarg); break;
		case OPT_ENCODING: a.o.reader.encoding = ind_opt_encoding(optarg); break;
		case OPT_DASH: {
			static const char *const names[] = { "auto", "zero", "missing", NULL };
			static const int dash[] = { IND_DASH_AUTO, IND_DASH_ZERO, IND_DASH_MISSING };
			a.o.dash = dash[ind_opt_choice("--dash", optarg, names)];
			break;
		}
		case OPT_GENDER: a.o.gender = optarg; break;
		case OPT_REGION_MAP: a.map_path = optarg; break;
		case OPT_REGION_LEVEL:
			if (!ind_region_level_parse(optarg, &a.region.level))
				ind_usage_error("invalid --region-level '%s' (use county, maakunta or municipality)", optarg);
			a.level_given = true;
			break;
		case OPT_REGION_NAMES:
			if (!ind_region_names_parse(optarg, &a.region.names))
				ind_usage_error("invalid --region-names '%s' (use fi, sv, en or code)", optarg);
			a.names_given = true;
			break;
		case OPT_CLASSIFICATION: a.class_path = optarg; break;
		case OPT_SUM_TO:
			if (!ind_region_level_parse(optarg, &a.sum_level) || a.sum_level == IND_LEVEL_MUNICIPALITY)
				ind_usage_error("invalid --sum-to '%s' (use county or maakunta)", optarg);
			a.sum_given = true;
			break;
		case OPT_SUM_VALUES: a.sum_values = true; break;
		case OPT_INDICATOR_MAP: a.imap_path = optarg; break;
		case OPT_SOTKANET_META: a.meta_dir = optarg; break;
		case OPT_LANG:
			if (strlen(optarg) < 2 || strlen(optarg) > 8 || strspn(optarg, "abcdefghijklmnopqrstuvwxyz-") != strlen(optarg))
				ind_usage_error("invalid --lang '%s' (a language code as the file has it: fi, sv, en)", optarg);
			a.o.reader.lang = optarg;
			break;
		case OPT_REGIONS: list(&a.regions, optarg); break;
		case OPT_INDICATORS: list(&a.indicators, optarg); break;
		case OPT_WHERE:
			if (!ind_where_parse(optarg, &a.where[a.nwhere]))
				ind_usage_error("invalid --where '%s': expected COL=VALUE or COL!=VALUE", optarg);
			a.nwhere++;
			break;
		case OPT_IGNORE: a.ignore[a.nignore++] = optarg; break;
		case OPT_FROM: a.o.has_from = true; bound("--from", optarg, false, &a.o.from); break;
		case OPT_TO: a.o.has_to = true; bound("--to", optarg, true, &a.o.to); break;
		case OPT_REJECTS: a.rejects_path = optarg; break;
		case OPT_REJECT_LOG: a.reject_log = optarg; break;
		case OPT_STRICT: a.strict = true; break;
		case OPT_VERBOSE: a.verbose = true; break;
		case OPT_PROGRESS: a.progress = IND_PROGRESS_ON; break;
		case OPT_NO_PROGRESS: a.progress = IND_PROGRESS_OFF; break;
		case OPT_LIBCSV: a.o.reader.always_libcsv = true; break;
		case OPT_THREADS: a.threads = (int)ind_opt_range("--threads", optarg, 1, IND_MAX_THREADS); break;
		case OPT_MAX_RECORD:
			a.o.reader.max_record = (size_t)ind_opt_count("--max-record", optarg);
			if (a.o.reader.max_record == 0)
				ind_usage_error("--max-record must be positive");
			break;
		case OPT_BLOCK_SIZE:
			a.block_size = (size_t)ind_opt_range("--block-size", optarg, 1, IND_BLOCK_SIZE_MAX);
			break;
		case 'o': a.output = optarg; break;
		case 'h':
			ind_load_usage(stdout);
			ind_load_args_free(&a);
			return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V':
			ind_opt_version();
			ind_load_args_free(&a);
			return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	ind_load_check(&a, (const char *const *)argv + optind, argc - optind, ind_usage_error);
	rc = ind_load_settle(&a, &err, ind_usage_error);	/* a usage error does not come back */
	if (rc < 0)
		ind_error_print(&err);
	if (rc != 0) {
		ind_load_args_free(&a);
		return IND_EXIT_DATA;
	}
	ind_progress_init(&progress, stderr, a.progress, a.output);
	a.job.progress = progress.on ? &progress : NULL;
	rc = ind_load_files(&a.job, &a.o);
	ind_progress_end(&progress);
	ind_load_args_free(&a);
	return rc;
}
