/* ind-load - read indicator exports (CSV, PxWeb, Sotkanet, THL; .gz) into the canonical stream. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "load.h"
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

static void usage(void)
{
	fputs("Usage: ind-load [OPTION]... [FILE]...\n"
	      "Read indicator exports and write the canonical stream: CSV with columns\n"
	      "region,indicator,period,value (and numerator,denominator,unit when present).\n"
	      "\n", stdout);
	fputs("Columns (a header name or a 1-based number; recognised when not given):\n"
	      "  -r, --region=COL            region: alue, kunta, hyvinvointialue, region, area\n"
	      "  -i, --indicator=COL         indicator: indikaattori, mittari, tiedot, indicator\n"
	      "  -p, --period=COL            period: aika, vuosi(+kuukausi), pvm, period, date\n"
	      "  -v, --value=COL             value: arvo, lukumäärä, value, val\n"
	      "      --numerator=COL         numerator: osoittaja, numerator\n"
	      "      --denominator=COL       denominator: nimittäjä, denominator\n"
	      "      --unit=COL              unit: yksikkö, unit\n"
	      "      --region-name=NAME      one region for the whole file\n"
	      "      --indicator-name=NAME   one indicator for the whole file\n"
	      "      --ignore=COL            use COL for nothing (repeatable); every other\n"
	      "                                column is a dimension: 'NAME (COL: value)'\n"
	      "\n", stdout);
	fputs("Layout and dialect (sniffed when not given):\n"
	      "      --no-header             the first line is data; name columns by number\n"
	      "      --wide                  periods are columns (PxWeb); melt them\n"
	      "      --long                  never melt\n"
	      "      --skip=N                skip N lines before the header (default: title\n"
	      "                                lines are detected and skipped)\n"
	      "  -d, --delimiter=CHAR        ',' ';' '|' or 'tab'\n"
	      "      --decimal=CHAR          ',' or '.' for the whole input (default: ','\n"
	      "                                in ';' files, '.' in ',' and Sotkanet files)\n"
	      "      --encoding=ENC          auto (default), utf-8 or cp1252 (Latin-1)\n"
	      "      --dash=HOW              a lone '-': auto (zero in wide PxWeb tables,\n"
	      "                                missing elsewhere), zero, or missing\n"
	      "      --gender=G              Sotkanet rows to keep (default total)\n"
	      "      --lang=LANG             a PC-Axis table's texts in LANG (VALUES[sv]...;\n"
	      "                                default: its main language)\n"
	      "      --region-map=FILE       rename regions by a code,name CSV (with\n"
	      "                                valid_from,valid_to: by each row's year)\n"
	      "      --region-level=LEVEL    map region codes (091, '091 Helsinki', KU091,\n"
	      "                                MK11, HV13, SSS) to the county, maakunta or\n"
	      "                                municipality of the row's year (built in)\n"
	      "      --region-names=LANG     fi (default), sv, en or code\n"
	      "      --classification=FILE   a newer municipalities table (see ind-load(1))\n"
	      "      --sum-to=LEVEL          map as --region-level (county or maakunta) and\n"
	      "                                sum the rows of each region, indicator and\n"
	      "                                period: numerators and denominators, or the\n"
	      "                                values of counts; a rate without them is refused\n"
	      "      --sum-values            with --sum-to: values without numerator and\n"
	      "                                denominator are counts (no count unit needed)\n"
	      "      --indicator-map=FILE    rename indicators by a code,name CSV\n"
	      "      --sotkanet-meta=DIR     Sotkanet region and indicator ids to names by the\n"
	      "                                API's regions.json and indicators.json in DIR\n"
	      "\n", stdout);
	fputs("Selection and output:\n"
	      "      --regions=LIST          keep only these regions (comma-separated)\n"
	      "      --indicators=LIST       keep only these indicators\n"
	      "      --where=COL=VALUE       keep rows whose COL is VALUE (COL!=VALUE: is not);\n"
	      "                                repeatable; a COL kept to one value is not\n"
	      "                                a dimension\n"
	      "      --from=PERIOD           keep periods starting at or after PERIOD\n"
	      "      --to=PERIOD             keep periods up to the end of PERIOD\n"
	      "      --rejects=FILE          write unusable rows to FILE as they were, after\n"
	      "                                the header line: fix them and load them again\n"
	      "      --reject-log=FILE       write why each row was rejected: file,line,reason\n"
	      "      --strict                exit 1 if any row is rejected\n"
	      "      --verbose               show every footnote line skipped\n"
	      "      --progress              a progress line on stderr: bytes of the total,\n"
	      "                                rows/s, time left (default when stderr is a\n"
	      "                                terminal and the output is not)\n"
	      "      --no-progress, --quiet  no progress line\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "      --threads=N             parse on N threads (default: one per CPU);\n"
	      "                                the output is the same for any N\n"
	      "      --max-record=BYTES      longest record accepted (default 268435456,\n"
	      "                                256 MiB); a longer one is an error\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "With no FILE, or when FILE is -, read standard input. Gzip input is detected.\n"
	      "\n", stdout);
	fputs("Examples:\n"
	      "  $ ind-load kuntadata.csv > long.csv\n"
	      "  $ ind-load --indicator-name t3 --region-map ids.csv sotkanet.csv.gz\n"
	      "  $ printf 'alue;aika;indikaattori;arvo\\nLappi;2021M03;t3;12,5\\n' | ind-load\n"
	      "  region,indicator,period,value\n"
	      "  Lappi,t3,2021-03,12.5\n"
	      "\n"
	      "See ind-load(1) and docs/format.md.\n", stdout);
}

static void warn_cb(const struct ind_error *w) { ind_error_print(w); }

static double period_bound(const char *opt, const char *arg, bool end)
{
	struct ind_period p;
	const char *why;
	if (!ind_period_parse(arg, strlen(arg), &p, &why))
		ind_usage_error("invalid %s '%s': %s", opt, arg, why);
	return end ? ind_period_end_time(&p) : ind_period_time(&p);
}

static ind_strmap *list_arg(ind_strmap *m, const char *arg)
{
	if (!m && !(m = ind_strmap_new()))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!ind_strmap_add_list(m, arg))
		ind_die(IND_EXIT_DATA, "out of memory");
	return m;
}

static void free_where(struct ind_where *where, size_t n, const char **ignore)
{
	for (size_t i = 0; i < n; i++)
		free((char *)where[i].column);
	free(where);
	free(ignore);
}

int main(int argc, char **argv)
{
	struct ind_load_opts o;
	struct ind_load_region rc_ctx = { NULL, IND_LEVEL_COUNTY, IND_NAMES_FI, IND_BARE_NONE };
	ind_classification *own_classes = NULL;
	const char *class_path = NULL, *meta_dir = NULL;
	bool level_given = false, names_given = false, sum_given = false, sum_values = false;
	enum ind_region_level sum_level = IND_LEVEL_COUNTY;
	const char *output = NULL, *rejects_path = NULL, *reject_log = NULL, *map_path = NULL, *imap_path = NULL;
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	ind_codemap *region_map = NULL, *indicator_map = NULL;
	ind_strmap *regions = NULL, *indicators = NULL;
	struct ind_error err;
	struct ind_load_job job;
	struct ind_progress progress;
	enum ind_progress_mode progress_mode = IND_PROGRESS_AUTO;
	bool strict = false, verbose = false;
	int threads = ind_default_threads();
	size_t block_size = IND_BLOCK_SIZE_DEFAULT;
	int ninputs, c, rc;
	struct ind_where *where;
	const char **ignore;
	size_t nwhere = 0, nignore = 0;

	ind_set_progname("ind-load");
	argv[0] = (char *)"ind-load";	/* getopt's messages name the program as ours do */
	ind_load_opts_init(&o);
	where = calloc((size_t)argc, sizeof *where);	/* no more than there are arguments */
	ignore = calloc((size_t)argc, sizeof *ignore);
	if (!where || !ignore)
		ind_die(IND_EXIT_DATA, "out of memory");
	o.warn = warn_cb;
	while ((c = getopt_long(argc, argv, "r:i:p:v:d:o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'r': o.region = optarg; break;
		case 'i': o.indicator = optarg; break;
		case 'p': o.period = optarg; break;
		case 'v': o.value = optarg; break;
		case OPT_NUMERATOR: o.numerator = optarg; break;
		case OPT_DENOMINATOR: o.denominator = optarg; break;
		case OPT_UNIT: o.unit = optarg; break;
		case OPT_REGION_NAME: o.region_name = optarg; break;
		case OPT_INDICATOR_NAME: o.indicator_name = optarg; break;
		case OPT_NO_HEADER: o.no_header = true; break;
		case OPT_WIDE: o.wide = 1; break;
		case OPT_LONG: o.wide = 0; break;
		case OPT_SKIP: o.reader.skip = ind_opt_count("--skip", optarg); break;
		case 'd': o.reader.delimiter = ind_opt_delimiter(optarg); break;
		case OPT_DECIMAL: o.reader.decimal = ind_opt_decimal(optarg); break;
		case OPT_ENCODING: o.reader.encoding = ind_opt_encoding(optarg); break;
		case OPT_DASH: {
			static const char *const names[] = { "auto", "zero", "missing", NULL };
			static const int dash[] = { IND_DASH_AUTO, IND_DASH_ZERO, IND_DASH_MISSING };
			o.dash = dash[ind_opt_choice("--dash", optarg, names)];
			break;
		}
		case OPT_GENDER: o.gender = optarg; break;
		case OPT_REGION_MAP: map_path = optarg; break;
		case OPT_REGION_LEVEL:
			if (!ind_region_level_parse(optarg, &rc_ctx.level))
				ind_usage_error("invalid --region-level '%s' (use county, maakunta or municipality)", optarg);
			level_given = true;
			break;
		case OPT_REGION_NAMES:
			if (!ind_region_names_parse(optarg, &rc_ctx.names))
				ind_usage_error("invalid --region-names '%s' (use fi, sv, en or code)", optarg);
			names_given = true;
			break;
		case OPT_CLASSIFICATION: class_path = optarg; break;
		case OPT_SUM_TO:
			if (!ind_region_level_parse(optarg, &sum_level) || sum_level == IND_LEVEL_MUNICIPALITY)
				ind_usage_error("invalid --sum-to '%s' (use county or maakunta)", optarg);
			sum_given = true;
			break;
		case OPT_SUM_VALUES: sum_values = true; break;
		case OPT_INDICATOR_MAP: imap_path = optarg; break;
		case OPT_SOTKANET_META: meta_dir = optarg; break;
		case OPT_LANG:
			if (strlen(optarg) < 2 || strlen(optarg) > 8 || strspn(optarg, "abcdefghijklmnopqrstuvwxyz-") != strlen(optarg))
				ind_usage_error("invalid --lang '%s' (a language code as the file has it: fi, sv, en)", optarg);
			o.reader.lang = optarg;
			break;
		case OPT_REGIONS: regions = list_arg(regions, optarg); break;
		case OPT_INDICATORS: indicators = list_arg(indicators, optarg); break;
		case OPT_WHERE:
			if (!ind_where_parse(optarg, &where[nwhere]))
				ind_usage_error("invalid --where '%s': expected COL=VALUE or COL!=VALUE", optarg);
			nwhere++;
			break;
		case OPT_IGNORE: ignore[nignore++] = optarg; break;
		case OPT_FROM: o.has_from = true; o.from = period_bound("--from", optarg, false); break;
		case OPT_TO: o.has_to = true; o.to = period_bound("--to", optarg, true); break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case OPT_REJECT_LOG: reject_log = optarg; break;
		case OPT_STRICT: strict = true; break;
		case OPT_VERBOSE: verbose = true; break;
		case OPT_PROGRESS: progress_mode = IND_PROGRESS_ON; break;
		case OPT_NO_PROGRESS: progress_mode = IND_PROGRESS_OFF; break;
		case OPT_LIBCSV: o.reader.always_libcsv = true; break;
		case OPT_THREADS: threads = (int)ind_opt_range("--threads", optarg, 1, IND_MAX_THREADS); break;
		case OPT_MAX_RECORD:
			o.reader.max_record = (size_t)ind_opt_count("--max-record", optarg);
			if (o.reader.max_record == 0)
				ind_usage_error("--max-record must be positive");
			break;
		case OPT_BLOCK_SIZE:
			block_size = (size_t)ind_opt_range("--block-size", optarg, 1, IND_BLOCK_SIZE_MAX);
			break;
		case 'o': output = optarg; break;
		case 'h':
			usage();
			free_where(where, nwhere, ignore);
			return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V':
			ind_opt_version();
			free_where(where, nwhere, ignore);
			return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (o.no_header && !o.region && !o.region_name)
		ind_usage_error("--no-header needs --region or --region-name");
	if (o.no_header && (!o.period || !o.value))
		ind_usage_error("--no-header needs --period and --value");
	if (o.no_header && !o.indicator && !o.indicator_name)
		ind_usage_error("--no-header needs --indicator or --indicator-name");
	ninputs = argc - optind;
	inputs = (const char *const *)argv + optind;
	if (ninputs == 0) {
		inputs = stdin_only;
		ninputs = 1;
	}
	for (int k = 0, nstdin = 0; k < ninputs; k++)
		if (strcmp(inputs[k], "-") == 0 && ++nstdin > 1)
			ind_usage_error("standard input named more than once");
	if (sum_values && !sum_given)
		ind_usage_error("--sum-values goes with --sum-to");
	if (sum_given && level_given && rc_ctx.level != sum_level)
		ind_usage_error("--sum-to and --region-level name different levels");
	if (sum_given) {
		rc_ctx.level = sum_level;
		level_given = true;
	}
	if ((names_given || class_path) && !level_given)
		ind_usage_error("--region-names and --classification go with --region-level or --sum-to");
	if (level_given && (map_path || o.region_name))
		ind_usage_error("%s does not go with --region-map or --region-name", sum_given ? "--sum-to" : "--region-level");
	if (level_given) {
		if (class_path && !(own_classes = ind_classification_read(class_path, &err))) {
			ind_error_print(&err);
			return IND_EXIT_DATA;
		}
		rc_ctx.c = own_classes ? own_classes : ind_classification_builtin();
		o.region_of = ind_load_region_of;
		o.region_ctx = &rc_ctx;
	}
	if (meta_dir && (map_path || imap_path || level_given || o.region_name))
		ind_usage_error("--sotkanet-meta does not go with --region-map, --indicator-map, --region-level or --region-name");
	if (ind_load_maps(map_path, imap_path, meta_dir, &region_map, &indicator_map) < 0)
		exit(IND_EXIT_DATA);
	o.region_map = ind_codemap_strmap(region_map);	/* NULL for a map with years, which goes by year */
	o.region_years = region_map && ind_codemap_has_years(region_map) ? region_map : NULL;
	o.indicator_map = ind_codemap_strmap(indicator_map);
	o.regions = regions;
	o.indicators = indicators;
	o.where = where;
	o.nwhere = nwhere;
	o.ignore = ignore;
	o.nignore = nignore;

	job.inputs = inputs;
	job.ninputs = ninputs;
	job.output = output;
	job.rejects_path = rejects_path;
	job.reject_log = reject_log;
	job.threads = threads;
	job.block_size = block_size;
	job.strict = strict;
	job.verbose = verbose;
	job.sum = sum_given;
	job.sum_values = sum_values;
	job.region = &rc_ctx;
	ind_progress_init(&progress, stderr, progress_mode, output);
	job.progress = progress.on ? &progress : NULL;
	rc = ind_load_files(&job, &o);
	ind_progress_end(&progress);
	ind_classification_free(own_classes);
	ind_codemap_free(region_map);
	ind_codemap_free(indicator_map);
	ind_strmap_free(regions);
	ind_strmap_free(indicators);
	free_where(where, nwhere, ignore);
	return rc;
}
