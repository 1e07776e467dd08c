/* ind-agg - event rows (one per contact or visit) to indicators, streaming. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "aggrun.h"
#include "err.h"
#include "opt.h"
#include "parallel.h"
#include "progress.h"
#include "reader.h"
#include "regions.h"
#include "rejects.h"
#include "writer.h"

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

static void usage(void)
{
	fputs("Usage: ind-agg [OPTION]... [FILE]...\n"
	      "Aggregate event rows (one per contact or visit) into indicators per region and\n"
	      "period, written as the canonical stream. Memory grows with the number of\n"
	      "groups (and of distinct waits of 1024 days or more in them), not with the\n"
	      "number of rows.\n"
	      "\n", stdout);
	fputs("Groups (columns by header name or 1-based number):\n"
	      "  -r, --region=COL            the region column, or:\n"
	      "      --municipality=COL      a municipality code column, mapped by --map\n"
	      "      --map=FILE              CSV with columns municipality,region, or:\n"
	      "      --region-level=LEVEL    county, maakunta or municipality of the row's\n"
	      "                                year, by the built-in classification\n"
	      "      --region-names=LANG     fi (default), sv, en or code\n"
	      "      --classification=FILE   a newer municipalities table (see ind-agg(1))\n"
	      "  -t, --date=COL              the date (or year, quarter, month or week) that\n"
	      "                                sets the period\n"
	      "      --by=UNIT               week, month (default), quarter or year\n"
	      "      --from=PERIOD, --to=PERIOD  the periods written (default: the first\n"
	      "                                and last seen); rows outside are left out\n"
	      "      --where=COL=VALUE       keep only rows with COL equal to VALUE (repeatable)\n"
	      "\n", stdout);
	fputs("Measures (-m NAME=SPEC, repeatable; NAME becomes the indicator):\n"
	      "  -m, --measure=NAME=count              rows per group\n"
	      "      --measure=NAME=share:COL=VALUE    percent of rows with COL = VALUE\n"
	      "      --measure=NAME=wait:FROM,TO       days from FROM to TO: NAME_mean,\n"
	      "                                          NAME_median, NAME_pNN, NAME_within_Nd\n"
	      "      --measure=NAME=sum:COL            sum of COL\n"
	      "      --measure=NAME=mean:COL           mean of COL\n"
	      "      --measure=NAME=quantile:COL       percentiles of COL: NAME_median, NAME_pNN\n"
	      "      --within=LIST           thresholds in days for wait (default 7,14,30,90)\n"
	      "      --percentiles=LIST      of wait and quantile (default 50,90; 50 is _median)\n"
	      "      --population=FILE       CSV region,period,population (a year covers its\n"
	      "                                months, quarters and weeks)\n"
	      "      --per=N                 counts as rates per N inhabitants\n"
	      "\n", stdout);
	fputs("Shards and input:\n"
	      "      --partial               write mergeable partial aggregates\n"
	      "      --merge                 combine partial files into the final indicators\n"
	      "                                (measures and options come from the files)\n"
	      "  -d, --delimiter=CHAR        ',' ';' '|' or 'tab' (default: sniffed)\n"
	      "      --encoding=ENC          auto (default), utf-8 or cp1252\n"
	      "      --rejects=FILE          write unusable rows to FILE as they were, after\n"
	      "                                the header line: fix them and load them again\n"
	      "      --reject-log=FILE       write why each row was rejected: file,line,reason\n"
	      "      --threads=N             parse on N threads (default: one per CPU)\n"
	      "      --max-record=BYTES      longest record accepted (default 256 MiB)\n"
	      "      --decimal=MARK          the decimal mark of sum and mean columns: ',' or\n"
	      "                                '.' (default: ',' in ';' files, '.' otherwise)\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "      --progress              a progress line on stderr: bytes of the total,\n"
	      "                                rows/s, time left (default when stderr is a\n"
	      "                                terminal and the output is not)\n"
	      "      --no-progress, --quiet  no progress line\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "With no FILE, or when FILE is -, read standard input. Gzip input is detected.\n"
	      "\n"
	      "Examples:\n"
	      "  $ ind-agg -r region -t visit_date -m visits=count events.csv.gz\n"
	      "  $ ind-agg --municipality kunta --map regions.csv -t visit_date \\\n"
	      "      --where urgency=non-urgent -m access=wait:contact_date,visit_date events.csv\n"
	      "  $ ls shards/*.csv.gz | xargs -P 4 -I{} ind-agg --partial -m n=count -r region \\\n"
	      "      -t visit_date -o {}.part {}; ind-agg --merge shards/*.part\n"
	      "\n"
	      "See ind-agg(1).\n", stdout);
}

/* --from/--to: a period of --by's kind (a date is taken as its --by period). */
static void window_arg(const struct ind_agg_config *c, const char *opt, const char *arg, struct ind_period *p, bool *has)
{
	const char *why;
	if (!arg)
		return;
	if (ind_agg_cell_period(c->by, arg, strlen(arg), p, &why) != IND_AGG_CELL_OK)
		ind_usage_error("invalid %s '%s': expected a %s (as --by), e.g. 2021%s", opt, arg, ind_agg_by_word(c->by),
				c->by == IND_PERIOD_YEAR ? "" : c->by == IND_PERIOD_QUARTER ? "-Q1"
								: c->by == IND_PERIOD_WEEK ? "-W01" : "-01");
	*has = true;
}

int main(int argc, char **argv)
{
	struct ind_agg_config c = { .by = IND_PERIOD_MONTH, .c_region = -1, .c_municipality = -1, .c_date = -1 };
	struct ind_reader_opts ro;
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	const char *output = NULL, *rejects_path = NULL, *reject_log = NULL, *map_path = NULL, *pop_path = NULL;
	bool partial = false, merge = false, within_given = false, pct_given = false;
	int threads = ind_default_threads(), ninputs, opt;
	size_t block_size = IND_BLOCK_SIZE_DEFAULT;
	struct ind_agg_run run = { 0 };
	struct ind_error err;
	ind_output *out;
	struct ind_agg_tally t = { 0 };
	const char *from_arg = NULL, *to_arg = NULL, *names_arg = NULL, *class_path = NULL;
	bool level_given = false;
	long nrej;
	struct ind_progress progress;
	enum ind_progress_mode progress_mode = IND_PROGRESS_AUTO;

	ind_set_progname("ind-agg");
	argv[0] = (char *)"ind-agg";
	ind_reader_opts_init(&ro);
	while ((opt = getopt_long(argc, argv, "r:t:m:d:o:hV", long_options, NULL)) != -1) {
		switch (opt) {
		case 'r': c.region_spec = optarg; break;
		case OPT_MUNICIPALITY: c.municipality_spec = optarg; break;
		case OPT_MAP: map_path = optarg; break;
		case OPT_REGION_LEVEL:
			if (!ind_region_level_parse(optarg, &c.level))
				ind_usage_error("invalid --region-level '%s' (use county, maakunta or municipality)", optarg);
			level_given = true;
			break;
		case OPT_REGION_NAMES:
			if (!ind_region_names_parse(optarg, &c.names))
				ind_usage_error("invalid --region-names '%s' (use fi, sv, en or code)", optarg);
			names_arg = optarg;
			break;
		case OPT_CLASSIFICATION: class_path = optarg; break;
		case 't': c.date_spec = optarg; break;
		case OPT_BY: {
			static const char *const names[] = { "week", "month", "quarter", "year", NULL };
			static const enum ind_period_kind kinds[] = { IND_PERIOD_WEEK, IND_PERIOD_MONTH, IND_PERIOD_QUARTER,
								      IND_PERIOD_YEAR };
			c.by = kinds[ind_opt_choice("--by", optarg, names)];
			break;
		}
		case 'm': {
			const char *why;
			if (c.nm == IND_AGG_MAX_MEASURES)
				ind_usage_error("at most %d measures", IND_AGG_MAX_MEASURES);
			if (!ind_measure_parse(optarg, &c.ms[c.nm], &why))
				ind_usage_error("invalid --measure '%s': %s", optarg, why);
			for (size_t k = 0; k < c.nm; k++)
				if (strcmp(c.ms[k].name, c.ms[c.nm].name) == 0)
					ind_usage_error("measure '%s' given twice", c.ms[k].name);
			c.nm++;
			break;
		}
		case OPT_WHERE: {
			const char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg || c.nwhere == IND_AGG_MAX_WHERE ||
			    (size_t)(eq - optarg) >= IND_NAME_MAX || strlen(eq + 1) >= IND_NAME_MAX)
				ind_usage_error("invalid --where '%s': expected COL=VALUE", optarg);
			snprintf(c.where[c.nwhere].col, IND_NAME_MAX, "%.*s", (int)(eq - optarg), optarg);
			snprintf(c.where[c.nwhere].value, IND_NAME_MAX, "%s", eq + 1);
			c.nwhere++;
			break;
		}
		case OPT_WITHIN: {
			const char *why = ind_agg_parse_within(optarg, c.within, &c.nwithin, IND_AGG_MAX_WITHIN);
			within_given = true;
			if (why)
				ind_usage_error("invalid --within '%s': %s", optarg, why);
			break;
		}
		case OPT_PERCENTILES: {
			const char *why = ind_agg_parse_percentiles(optarg, c.pct, &c.npct, IND_AGG_MAX_PCT);
			pct_given = true;
			if (why)
				ind_usage_error("invalid --percentiles '%s': %s", optarg, why);
			break;
		}
		case OPT_FROM: from_arg = optarg; break;
		case OPT_TO: to_arg = optarg; break;
		case OPT_POPULATION: pop_path = optarg; break;
		case OPT_PER: {
			char *end;
			c.per = strtod(optarg, &end);
			c.per_text = optarg;
			if (*end || !(c.per > 0))
				ind_usage_error("invalid --per '%s': expected a positive number", optarg);
			break;
		}
		case OPT_PARTIAL: partial = true; break;
		case OPT_MERGE: merge = true; break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case OPT_REJECT_LOG: reject_log = optarg; break;
		case OPT_THREADS: threads = (int)ind_opt_range("--threads", optarg, 1, IND_MAX_THREADS); break;
		case OPT_BLOCK_SIZE:
			block_size = (size_t)ind_opt_range("--block-size", optarg, 1, IND_BLOCK_SIZE_MAX);
			break;
		case OPT_MAX_RECORD:
			ro.max_record = (size_t)ind_opt_count("--max-record", optarg);
			if (ro.max_record == 0)
				ind_usage_error("--max-record must be positive");
			break;
		case 'd': ro.delimiter = ind_opt_delimiter(optarg); break;
		case OPT_ENCODING: ro.encoding = ind_opt_encoding(optarg); break;
		case OPT_DECIMAL: ro.decimal = ind_opt_decimal(optarg); break;
		case 'o': output = optarg; break;
		case OPT_PROGRESS: progress_mode = IND_PROGRESS_ON; break;
		case OPT_NO_PROGRESS: progress_mode = IND_PROGRESS_OFF; break;
		case 'h': usage(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (!within_given) {
		static const long def[] = { 7, 14, 30, 90 };
		memcpy(c.within, def, sizeof def);
		c.nwithin = 4;
	}
	if (!c.npct) {
		c.pct[0] = 500, c.pct[1] = 900;
		c.npct = 2;
	}
	window_arg(&c, "--from", from_arg, &c.from, &c.has_from);
	window_arg(&c, "--to", to_arg, &c.to, &c.has_to);
	if (c.has_from && c.has_to && ind_period_cmp(&c.from, &c.to) > 0)
		ind_usage_error("--from %s is after --to %s", from_arg, to_arg);
	if (partial && merge)
		ind_usage_error("--partial and --merge do not go together");
	if (c.per > 0 && !pop_path && !merge)	/* --merge: the partial files carry it */
		ind_usage_error("--per needs --population");
	if (!merge) {
		if (c.nm == 0)
			ind_usage_error("give at least one --measure");
		if (!c.date_spec)
			ind_usage_error("give the date column with --date");
		if (!c.region_spec == !c.municipality_spec)
			ind_usage_error("give either --region or --municipality (with --map)");
		if (c.municipality_spec && !map_path == !level_given)
			ind_usage_error("--municipality needs --map or --region-level");
	}
	ninputs = argc - optind;
	inputs = (const char *const *)argv + optind;
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	if ((names_arg || class_path) && !level_given)
		ind_usage_error("--region-names and --classification go with --region-level");
	if (level_given && merge)
		ind_usage_error("--region-level with --merge: the partial files hold the regions already");
	if (level_given && !c.municipality_spec)
		ind_usage_error("--region-level maps the codes of --municipality COL");
	if (level_given && class_path) {
		ind_classification *own = ind_classification_read(class_path, &err);
		if (!own) {
			ind_error_print(&err);
			return IND_EXIT_DATA;
		}
		c.classes = own;
		c.class_crc = ind_agg_file_crc(class_path);
	} else if (level_given) {
		c.classes = ind_classification_builtin();
	}
	if (map_path) {
		if (!(c.map = ind_codemap_read(map_path, "municipality", "region", &c.map_crc, &err))) {
			ind_error_print(&err);
			return IND_EXIT_DATA;
		}
		if (ind_codemap_has_years(c.map))	/* partial files of a map with years: its bytes' CRC */
			c.map_crc = ind_agg_file_crc(map_path);
	}
	if (pop_path) {
		unsigned long crc = 0;
		int rc;
		if (!(c.poptab = ind_agg_new(NULL, 0)))
			ind_die(IND_EXIT_DATA, "out of memory");
		rc = ind_agg_read_population(pop_path, c.poptab, &c.population, &crc, &err);
		if (rc == -2)	/* the table's own problem: err has its line */
			ind_warn_at(pop_path, err.line, "%s", err.msg);
		else if (rc < 0)
			ind_error_print(&err);
		if (rc < 0) {
			ind_agg_config_free(&c);
			return IND_EXIT_DATA;
		}
	}
	if (!(run.rejects = ind_rejects_open(rejects_path, reject_log, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	run.cfg = &c;

	if (merge) {
		for (int k = 0; k < ninputs; k++)
			if (ind_agg_read_partial(&run.total, inputs[k], &err) < 0) {
				ind_error_print(&err);
				run.failed = true;
			}
		if (!run.total && !(run.total = ind_agg_new(c.ms, 0)))
			ind_die(IND_EXIT_DATA, "out of memory");
		ind_agg_take_settings(&c, run.total, within_given, pct_given, from_arg || to_arg, ind_usage_error);
	} else {
		if (!(run.total = ind_agg_new(c.ms, c.nm)))
			ind_die(IND_EXIT_DATA, "out of memory");
		ind_progress_init(&progress, stderr, progress_mode, output);
		if (progress.on) {
			run.progress = &progress;
			progress.total = ind_progress_total_of(inputs, ninputs);
			progress.bytes = 0;
		}
		for (int k = 0; k < ninputs; k++) {
			struct ind_row row;
			ind_reader *r = ind_reader_open(inputs[k], &ro, &err);
			const char *name;
			static const struct ind_block_fns fns = { ind_agg_block_work, ind_agg_block_emit, NULL };
			static const struct ind_block_fns fns_progress = { ind_agg_block_work, ind_agg_block_emit,
									   ind_agg_block_emitted };
			int rc;

			if (!r || (rc = ind_reader_next(r, &row, &err)) < 0) {
				ind_error_print(&err);
				run.failed = true;
				ind_reader_close(r);
				continue;
			}
			name = ind_reader_name(r);
			if (rc == IND_READ_EOF) {
				ind_warn_at(name, 0, "empty input: no header row");
				run.failed = true;
				ind_reader_close(r);
				continue;
			}
			if (ind_agg_input_header(&run, &c, r, &row, &err) < 0) {
				ind_error_print(&err);
				exit(IND_EXIT_DATA);
			}
			run.reader = r;
			run.taken = 0;
			if (ind_blocks_run(r, threads, block_size, run.progress ? &fns_progress : &fns, &run, &err) < 0) {
				if (!run.coarse)
					ind_error_print(run.stopped ? &run.stop_err : &err);
				run.failed = true;
			}
			if (run.stopped) {
				ind_reader_close(r);
				break;
			}
			if (run.progress) {	/* this input whole: its size, or (a pipe) its blocks */
				long long size = ind_reader_size(r);
				progress.bytes_done += size >= 0 ? size : run.taken;
				progress.bytes = 0;
			}
			if (partial)
				ind_agg_add_shard(run.total, name, &run);
			if (ind_reader_recoded_lines(r))
				ind_warn_at(name, 0, "%ld line(s) not valid UTF-8, read as Windows-1252",
					    ind_reader_recoded_lines(r));
			ind_reader_close(r);
		}
		ind_progress_end(&progress);
	}

	if (run.coarse) {	/* the date column is years (say) under --by month */
		struct ind_period q;
		const char *why, *s = run.coarse_date;
		if (ind_period_parse_column(s, strlen(s), &q, &why) && q.kind == IND_PERIOD_WEEK)
			ind_usage_error("--by %s over the week column '%s' ('%s'): a week does not fall in one %s; use --by week",
					ind_agg_by_word(c.by), c.date_spec, s, ind_agg_by_word(c.by));
		ind_usage_error("--by %s is finer than the date column '%s' ('%s' is %s); use --by %s or coarser",
				ind_agg_by_word(c.by), c.date_spec, s, ind_agg_kind_word(q.kind), ind_agg_by_word(q.kind));
	}
	if (run.stopped) {	/* a sum out of range: no indicators from part of the rows */
		ind_warn("%ld rows read, %zu groups, %ld rejected: nothing written", run.rows, ind_agg_count(run.total),
			 ind_rejects_count(run.rejects));
		ind_rejects_close(run.rejects, &err);
		ind_agg_free(run.total);
		ind_agg_config_free(&c);
		return IND_EXIT_DATA;
	}
	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (partial) {
		ind_agg_record_settings(&c, run.total);
		ind_agg_sort(run.total);
		if (ind_agg_write_partial(run.total, ind_output_file(out)) < 0)
			run.failed = true;
	} else {
		ind_agg_write_indicators(&c, run.total, ind_output_file(out), &t);
	}
	if (t.filled)
		ind_warn("%ld periods without rows written: counts and sums 0, the rest empty", t.filled);
	if (t.no_events)
		ind_warn("%ld shares, waits and means have no rows in their period: left empty", t.no_events);
	if (t.no_values)
		ind_warn("%ld sums or means have no numeric value in their group: left empty", t.no_values);
	if (t.no_population)
		ind_warn("%ld groups have no population in --population: their rates are empty", t.no_population);
	if (run.filtered)
		ind_warn("%ld rows left out by --where", run.filtered);
	if (run.outside)
		ind_warn("%ld rows left out by --from/--to", run.outside);
	nrej = ind_rejects_count(run.rejects);
	if (ind_rejects_close(run.rejects, &err) < 0) {
		ind_error_print(&err);
		run.failed = true;
	}
	if (ind_output_close(out, !run.failed, &err) < 0) {
		ind_error_print(&err);
		run.failed = true;
	}
	if (merge)
		ind_warn("%zu groups merged", ind_agg_count(run.total));
	else
		ind_warn("%ld rows read, %zu groups, %ld rejected", run.rows, ind_agg_count(run.total), nrej);
	ind_agg_free(run.total);
	ind_agg_config_free(&c);
	return run.failed ? IND_EXIT_DATA : IND_EXIT_OK;
}
