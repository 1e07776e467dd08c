/* ind-agg - event rows (one per contact or visit) to indicators, streaming. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "aggopts.h"
#include "aggrun.h"
#include "err.h"
#include "opt.h"
#include "parallel.h"
#include "progress.h"
#include "regions.h"
#include "rejects.h"

enum {
	OPT_MUNICIPALITY = CHAR_MAX + 1, OPT_MAP, OPT_BY, OPT_WHERE, OPT_WITHIN, OPT_POPULATION, OPT_PER, OPT_PARTIAL,
	OPT_MERGE, OPT_REJECTS, OPT_REJECT_LOG, OPT_THREADS, OPT_BLOCK_SIZE, OPT_ENCODING,
	OPT_MAX_RECORD, OPT_DECIMAL, OPT_FROM, OPT_TO, OPT_PERCENTILES, OPT_REGION_LEVEL, OPT_REGION_NAMES,
	OPT_CLASSIFICATION, OPT_PROGRESS, OPT_NO_PROGRESS
};

static const struct option long_options[] = {
	{ "region", required_argument, NULL, 'r' },
	{ "municipality", required_argument, NULL, OPT_MUNICIPALITY },
	{ "map", required_argument, NULL, OPT_MAP },
	{ "region-level", required_argument, NULL, OPT_REGION_LEVEL },
	{ "to-region", required_argument, NULL, OPT_REGION_LEVEL },
	{ "region-names", required_argument, NULL, OPT_REGION_NAMES },
	{ "classification", required_argument, NULL, OPT_CLASSIFICATION },
	{ "date", required_argument, NULL, 't' },
	{ "by", required_argument, NULL, OPT_BY },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ "measure", required_argument, NULL, 'm' },
	{ "where", required_argument, NULL, OPT_WHERE },
	{ "within", required_argument, NULL, OPT_WITHIN },
	{ "percentiles", required_argument, NULL, OPT_PERCENTILES },
	{ "population", required_argument, NULL, OPT_POPULATION },
	{ "per", required_argument, NULL, OPT_PER },
	{ "partial", no_argument, NULL, OPT_PARTIAL },
	{ "merge", no_argument, NULL, OPT_MERGE },
	{ "rejects", required_argument, NULL, OPT_REJECTS },
	{ "reject-log", required_argument, NULL, OPT_REJECT_LOG },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "block-size", required_argument, NULL, OPT_BLOCK_SIZE },
	{ "max-record", required_argument, NULL, OPT_MAX_RECORD },
	{ "decimal", required_argument, NULL, OPT_DECIMAL },
	{ "delimiter", required_argument, NULL, 'd' },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "output", required_argument, NULL, 'o' },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "quiet", no_argument, NULL, OPT_NO_PROGRESS },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

int main(int argc, char **argv)
{
	struct ind_agg_args a;
	struct ind_agg_run run = { 0 };
	struct ind_error err;
	struct ind_progress progress;
	int opt, rc;

	ind_set_progname("ind-agg");
	argv[0] = (char *)"ind-agg";
	ind_agg_args_init(&a);
	while ((opt = getopt_long(argc, argv, "r:t:m:d:o:hV", long_options, NULL)) != -1) {
		switch (opt) {
		case 'r': a.c.region_spec = optarg; break;
		case OPT_MUNICIPALITY: a.c.municipality_spec = optarg; break;
		case OPT_MAP: a.map_path = optarg; break;
		case OPT_REGION_LEVEL:
			if (!ind_region_level_parse(optarg, &a.c.level))
				ind_usage_error("invalid --region-level '%s' (use county, maakunta or municipality)", optarg);
			a.level_given = true;
			break;
		case OPT_REGION_NAMES:
			if (!ind_region_names_parse(optarg, &a.c.names))
				ind_usage_error("invalid --region-names '%s' (use fi, sv, en or code)", optarg);
			a.names_arg = optarg;
			break;
		case OPT_CLASSIFICATION: a.class_path = optarg; break;
		case 't': a.c.date_spec = optarg; break;
		case OPT_BY: {
			static const char *const names[] = { "week", "month", "quarter", "year", NULL };
			static const enum ind_period_kind kinds[] = { IND_PERIOD_WEEK, IND_PERIOD_MONTH, IND_PERIOD_QUARTER,
								      IND_PERIOD_YEAR };
			a.c.by = kinds[ind_opt_choice("--by", optarg, names)];
			break;
		}
		case 'm': ind_agg_measure_arg(&a.c, optarg, ind_usage_error); break;
		case OPT_WHERE: ind_agg_where_arg(&a.c, optarg, ind_usage_error); break;
		case OPT_WITHIN: {
			const char *why = ind_agg_parse_within(optarg, a.c.within, &a.c.nwithin, IND_AGG_MAX_WITHIN);
			a.within_given = true;
			if (why)
				ind_usage_error("invalid --within '%s': %s", optarg, why);
			break;
		}
		case OPT_PERCENTILES: {
			const char *why = ind_agg_parse_percentiles(optarg, a.c.pct, &a.c.npct, IND_AGG_MAX_PCT);
			a.pct_given = true;
			if (why)
				ind_usage_error("invalid --percentiles '%s': %s", optarg, why);
			break;
		}
		case OPT_FROM: a.from_arg = optarg; break;
		case OPT_TO: a.to_arg = optarg; break;
		case OPT_POPULATION: a.pop_path = optarg; break;
		case OPT_PER: ind_agg_per_arg(&a.c, optarg, ind_usage_error); break;
		case OPT_PARTIAL: a.partial = true; break;
		case OPT_MERGE: a.merge = true; break;
		case OPT_REJECTS: a.rejects_path = optarg; break;
		case OPT_REJECT_LOG: a.reject_log = optarg; break;
		case OPT_THREADS: a.threads = (int)ind_opt_range("--threads", optarg, 1, IND_MAX_THREADS); break;
		case OPT_BLOCK_SIZE:
			a.block_size = (size_t)ind_opt_range("--block-size", optarg, 1, IND_BLOCK_SIZE_MAX);
			break;
		case OPT_MAX_RECORD:
			a.ro.max_record = (size_t)ind_opt_count("--max-record", optarg);
			if (a.ro.max_record == 0)
				ind_usage_error("--max-record must be positive");
			break;
		case 'd': a.ro.delimiter = ind_opt_delimiter(optarg); break;
		case OPT_ENCODING: a.ro.encoding = ind_opt_encoding(optarg); break;
		case OPT_DECIMAL: a.ro.decimal = ind_opt_decimal(optarg); break;
		case 'o': a.output = optarg; break;
		case OPT_PROGRESS: a.progress = IND_PROGRESS_ON; break;
		case OPT_NO_PROGRESS: a.progress = IND_PROGRESS_OFF; break;
		case 'h': ind_agg_usage(stdout); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	ind_agg_check(&a, (const char *const *)argv + optind, argc - optind, ind_usage_error);
	if ((rc = ind_agg_settle(&a, &err)) < 0) {
		if (rc == -2)	/* the table's own problem: err has its line */
			ind_warn_at(a.pop_path, err.line, "%s", err.msg);
		else
			ind_error_print(&err);
		ind_agg_config_free(&a.c);
		return IND_EXIT_DATA;
	}
	if (!(run.rejects = ind_rejects_open(a.rejects_path, a.reject_log, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	run.cfg = &a.c;
	if (a.merge) {
		ind_agg_merge_inputs(&run, &a.c, a.inputs, a.ninputs, a.within_given, a.pct_given, a.from_arg || a.to_arg,
				     ind_usage_error);
	} else {
		ind_progress_init(&progress, stderr, a.progress, a.output);
		run.progress = progress.on ? &progress : NULL;
		if (ind_agg_read_inputs(&run, &a.c, a.inputs, a.ninputs, &a.ro, a.threads, a.block_size, a.partial,
					&err) < 0) {
			ind_error_print(&err);
			exit(IND_EXIT_DATA);
		}
		ind_progress_end(&progress);
	}
	if (run.coarse)	/* the date column is years (say) under --by month */
		ind_agg_refuse_coarse(&run, &a.c, ind_usage_error);
	return ind_agg_finish(&run, &a.c, a.output, a.partial, a.merge);
}
