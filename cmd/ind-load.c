/* ind-load - read indicator exports (CSV, PxWeb, Sotkanet, THL; .gz) into the canonical stream. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "err.h"
#include "json.h"
#include "load.h"
#include "opt.h"
#include "parallel.h"
#include "regions.h"
#include "rejects.h"
#include "sumto.h"
#include "writer.h"

enum {
	OPT_NUMERATOR = CHAR_MAX + 1, OPT_DENOMINATOR, OPT_UNIT, OPT_REGION_NAME, OPT_INDICATOR_NAME,
	OPT_NO_HEADER, OPT_WIDE, OPT_LONG, OPT_SKIP, OPT_DECIMAL, OPT_ENCODING, OPT_DASH, OPT_GENDER,
	OPT_REGION_MAP, OPT_INDICATOR_MAP, OPT_REGIONS, OPT_INDICATORS, OPT_FROM, OPT_TO, OPT_REJECTS, OPT_REJECT_LOG, OPT_STRICT, OPT_LIBCSV, OPT_THREADS, OPT_BLOCK_SIZE,
	OPT_MAX_RECORD, OPT_WHERE, OPT_IGNORE, OPT_VERBOSE, OPT_REGION_LEVEL, OPT_REGION_NAMES, OPT_CLASSIFICATION,
	OPT_SOTKANET_META, OPT_LANG, OPT_SUM_TO, OPT_SUM_VALUES
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

/* A code,name file (its first two columns) as a map; NULL when no file was given. Exits 1 on a bad file. */
static ind_codemap *code_map(const char *path, bool years)
{
	ind_codemap *m;
	struct ind_error err;
	if (!path)
		return NULL;
	if (!(m = ind_codemap_read(path, NULL, NULL, NULL, &err))) {
		ind_error_print(&err);
		exit(IND_EXIT_DATA);
	}
	if (!years && ind_codemap_has_years(m)) {
		ind_warn_at(path, 1, "valid_from and valid_to: only --region-map maps by year");
		exit(IND_EXIT_DATA);
	}
	return m;
}

static void free_where(struct ind_where *where, size_t n, const char **ignore)
{
	for (size_t i = 0; i < n; i++)
		free((char *)where[i].column);
	free(where);
	free(ignore);
}

static void write_header(struct ind_line *ln, FILE *fp, unsigned cols)
{
	ind_line_reset(ln);
	ind_canon_header(ln, cols);
	ind_line_put(ln, fp);
}

/* What the blocks of all inputs write into, on the main thread. */
struct run {
	FILE *out;
	ind_rejects *rejects;
	unsigned cols;
	bool failed, write_failed;
	struct ind_trailer trailer;	/* this input's possible footnote lines so far */
	/* --sum-to: the cells so far; this input's number, name and columns */
	ind_sum *sum;
	bool sum_values;
	int file;
	const char *file_name;
	unsigned file_cols;
	enum ind_bare_codes bare;
};

/* One block's output lines and rejects, made on a worker thread. */
struct block_result {
	struct ind_line text;
	ind_sum *sum;
	struct ind_reject_list rejects;
	struct ind_trailer held;
	bool fatal;
	struct ind_error fatal_err;
};

static void *work(void *ctx, ind_loader *l)
{
	const struct run *run = ctx;
	struct block_result *b = calloc(1, sizeof *b);
	struct ind_record rec;
	struct ind_reject rej;
	struct ind_error err;
	int rc;

	if (!b || (run->sum && !(b->sum = ind_sum_new())))
		ind_die(IND_EXIT_DATA, "out of memory");
	while ((rc = ind_loader_next(l, &rec, &rej, &err)) != IND_READ_EOF) {
		if (rc == IND_READ_ROW && b->sum) {
			int key = ind_region_label_key(rec.label, rec.label_len, run->bare);
			if (ind_sum_add(b->sum, &rec, key, run->file_cols, run->sum_values, run->file, run->file_name, &err) < 0) {
				b->fatal = true;
				b->fatal_err = err;
				break;
			}
		} else if (rc == IND_READ_ROW) {
			ind_canon_record(&b->text, run->cols, &rec);
		} else if (rc == IND_READ_BAD) {
			ind_reject_list_add(&b->rejects, &err, rej.raw, rej.raw_len);
		} else {
			b->fatal = true;
			b->fatal_err = err;
			break;
		}
	}
	ind_loader_take_held(l, &b->held);
	return b;
}

static int emit(void *ctx, void *result)
{
	struct run *run = ctx;
	struct block_result *b = result;
	int rc = 0;

	if (run->sum && run->failed) {	/* summing stopped at the first row that cannot be summed */
		rc = -1;
	} else if (!run->write_failed) {
		struct ind_reject_list released = { 0 };
		if (b->text.oom)
			ind_die(IND_EXIT_DATA, "out of memory");
		if (b->text.len > 0 && fwrite(b->text.buf, 1, b->text.len, run->out) != b->text.len)
			run->write_failed = true;
		if (b->sum && ind_sum_merge(run->sum, b->sum) < 0)
			ind_die(IND_EXIT_DATA, "out of memory");
		ind_trailer_join(&run->trailer, &b->held, &released);
		if (ind_reject_list_flush(&released, run->rejects) < 0 ||
		    ind_reject_list_flush(&b->rejects, run->rejects) < 0)
			run->write_failed = true;
		if (b->fatal) {
			ind_error_print(&b->fatal_err);
			run->failed = true;
		}
	}
	for (size_t i = 0; i < b->rejects.n; i++)	/* left over after a write error */
		free(b->rejects.items[i].raw);
	free(b->rejects.items);
	ind_trailer_free(&b->held);
	ind_line_free(&b->text);
	ind_sum_free(b->sum);
	free(b);
	if (run->write_failed || (run->sum && run->failed))
		rc = -1;
	return rc;
}

static const struct ind_block_ops block_ops = { work, emit };

/* --sum-to: after the last input, the cells in the order of their first rows; -1 when a cell cannot be summed. */
static int write_sums(struct run *run, const char *const *names, long records)
{
	struct ind_line text = { 0 };
	struct ind_error err;
	size_t n = ind_sum_count(run->sum);
	long empty = 0;

	if (ind_sum_check(run->sum, names, &err) < 0) {
		ind_error_print(&err);
		return -1;
	}
	for (size_t i = 0; i < n && !run->write_failed; i++) {
		empty += ind_sum_line(run->sum, i, run->cols, &text);
		if (text.oom)
			ind_die(IND_EXIT_DATA, "out of memory");
		if ((text.len >= 65536 || i + 1 == n) && fwrite(text.buf, 1, text.len, run->out) != text.len)
			run->write_failed = true;
		if (text.len >= 65536)
			ind_line_reset(&text);
	}
	ind_line_free(&text);
	ind_warn("%ld records summed into %zu rows", records, n);
	if (empty)
		ind_warn("%ld summed rows with an empty value (a row's value, numerator or denominator missing, or no "
			 "scale shown)", empty);
	return 0;
}

_Static_assert(IND_LOAD_REGION_MAX >= IND_REGION_NAME_MAX, "the loader's region buffer holds a region name");

/* --region-level: the classification, the level and the names */
struct region_ctx {
	const ind_classification *c;
	enum ind_region_level level;
	enum ind_region_names names;
	enum ind_bare_codes bare;	/* this input's region column: what one or two digits are */
};

/* o.region_of: a label to the region of the record's year (a week by its ISO year) */
static const char *region_of(void *ctx, const char *label, size_t n, const struct ind_period *p, char *buf,
			     const char **why)
{
	const struct region_ctx *rc = ctx;
	if (p->kind == IND_PERIOD_NUMERIC)
		return *why = "a numeric period has no year to classify by", NULL;
	return ind_region_of_codes(rc->c, label, n, p->year, rc->level, rc->names, rc->bare, buf, why);
}

int main(int argc, char **argv)
{
	struct ind_load_opts o;
	struct region_ctx rc_ctx = { NULL, IND_LEVEL_COUNTY, IND_NAMES_FI, IND_BARE_NONE };
	ind_classification *own_classes = NULL;
	const char *class_path = NULL, *meta_dir = NULL;
	bool level_given = false, names_given = false, sum_given = false, sum_values = false;
	enum ind_region_level sum_level = IND_LEVEL_COUNTY;
	char **input_names = NULL;	/* --sum-to: each input's name, for messages */
	const char *output = NULL, *rejects_path = NULL, *reject_log = NULL, *map_path = NULL, *imap_path = NULL;
	static const char *const stdin_only[] = { "-" };
	const char *const *inputs;
	ind_codemap *region_map = NULL, *indicator_map = NULL;
	ind_strmap *regions = NULL, *indicators = NULL;
	ind_loader *held_stdin = NULL;
	ind_rejects *rejects;
	ind_output *out;
	struct ind_line ln = { 0 };
	struct ind_error err;
	struct ind_load_counts total = { 0 };
	bool strict = false, verbose = false, failed = false;
	struct run run = { 0 };
	int threads = ind_default_threads();
	size_t block_size = IND_BLOCK_SIZE_DEFAULT;
	struct ind_error stdin_err;
	bool stdin_failed = false;
	long nrejected;
	unsigned cols = 0;
	int ninputs, c;
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
		o.region_of = region_of;
		o.region_ctx = &rc_ctx;
	}
	if (meta_dir && (map_path || imap_path || level_given || o.region_name))
		ind_usage_error("--sotkanet-meta does not go with --region-map, --indicator-map, --region-level or --region-name");
	region_map = code_map(map_path, true);
	indicator_map = code_map(imap_path, false);
	if (meta_dir) {
		ind_strmap *rm = ind_strmap_new(), *im = ind_strmap_new();
		if (!rm || !im)
			ind_die(IND_EXIT_DATA, "out of memory");
		if (ind_sotkanet_meta_read(meta_dir, rm, im, NULL, 0, NULL, &err) < 0) {
			ind_error_print(&err);
			return IND_EXIT_DATA;
		}
		if (ind_strmap_size(rm) == 0)
			ind_strmap_free(rm);
		else if (!(region_map = ind_codemap_wrap(rm)))
			ind_die(IND_EXIT_DATA, "out of memory");
		if (ind_strmap_size(im) == 0)
			ind_strmap_free(im);
		else if (!(indicator_map = ind_codemap_wrap(im)))
			ind_die(IND_EXIT_DATA, "out of memory");
	}
	o.region_map = ind_codemap_strmap(region_map);	/* NULL for a map with years, which goes by year */
	o.region_years = region_map && ind_codemap_has_years(region_map) ? region_map : NULL;
	o.indicator_map = ind_codemap_strmap(indicator_map);
	o.regions = regions;
	o.indicators = indicators;
	o.where = where;
	o.nwhere = nwhere;
	o.ignore = ignore;
	o.nignore = nignore;

	/* The header is the union of what the inputs provide: read every header first. */
	for (int k = 0; k < ninputs; k++) {
		bool is_stdin = strcmp(inputs[k], "-") == 0;
		ind_loader *l = ind_loader_open(inputs[k], &o, is_stdin ? &stdin_err : &err);
		if (!l) {
			stdin_failed = is_stdin;	/* reported in the main pass */
			continue;
		}
		cols |= ind_loader_columns(l);
		if (is_stdin)
			held_stdin = l;
		else
			ind_loader_close(l);
	}

	out = ind_output_open(output, &err);
	rejects = out ? ind_rejects_open(rejects_path, reject_log, &err) : NULL;
	if (!rejects) {
		ind_error_print(&err);
		ind_output_close(out, false, NULL);
		ind_loader_close(held_stdin);
		ind_classification_free(own_classes);
		ind_codemap_free(region_map);
		ind_codemap_free(indicator_map);
		ind_strmap_free(regions);
		ind_strmap_free(indicators);
		free_where(where, nwhere, ignore);
		return IND_EXIT_DATA;
	}
	write_header(&ln, ind_output_file(out), cols);

	run.out = ind_output_file(out);
	run.rejects = rejects;
	run.cols = cols;
	run.sum_values = sum_values;
	if (sum_given && (!(run.sum = ind_sum_new()) || !(input_names = calloc((size_t)ninputs, sizeof *input_names))))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (int k = 0; k < ninputs && !run.write_failed && !(run.sum && run.failed); k++) {
		bool is_stdin = strcmp(inputs[k], "-") == 0;
		ind_loader *l = is_stdin ? held_stdin : ind_loader_open(inputs[k], &o, &err);
		const struct ind_load_counts *n;
		struct ind_load_counts shown;
		struct ind_reject_list released = { 0 };
		const char *name;
		char about[512];

		if (!l && is_stdin && stdin_failed)
			err = stdin_err;
		if (!l) {
			ind_error_print(&err);
			failed = true;
			continue;
		}
		{
			size_t hl;
			const char *h = ind_loader_header_raw(l, &hl);
			if (rejects && ind_rejects_header(rejects, h, hl) < 0)
				ind_die(IND_EXIT_DATA, "out of memory");
		}
		rc_ctx.bare = ind_region_bare_codes(ind_loader_region_column(l));
		if (run.sum) {
			if (!(input_names[k] = strdup(ind_reader_name(ind_loader_reader(l)))))
				ind_die(IND_EXIT_DATA, "out of memory");
			run.file = k;
			run.file_name = input_names[k];
			run.file_cols = ind_loader_columns(l);
			run.bare = rc_ctx.bare;
		}
		if (ind_loader_run(l, threads, block_size, &block_ops, &run, &err) < 0 && !run.failed) {
			ind_error_print(&err);
			failed = true;
		}
		ind_trailer_settle(&run.trailer, &released);
		if (ind_reject_list_flush(&released, rejects) < 0)
			run.write_failed = true;
		n = ind_loader_counts(l);
		name = ind_reader_name(ind_loader_reader(l));
		ind_warn_at(name, 0, "%s", ind_loader_describe(l, about, sizeof about));
		for (size_t i = 0; verbose && i < run.trailer.n; i++)
			ind_warn_at(name, run.trailer.items[i].why.line, "footnote: '%.*s'",
				    (int)run.trailer.items[i].text_len, run.trailer.items[i].text);
		if (run.trailer.n)
			ind_warn_at(name, 0, "%zu footnote line%s skipped", run.trailer.n, run.trailer.n == 1 ? "" : "s");
		shown = *n;
		shown.recoded_lines = 0;	/* the line above says it */
		ind_report_load(name, &shown, o.gender);
		total.rows_read += n->rows_read - (long)run.trailer.n;
		ind_trailer_free(&run.trailer);
		total.records += n->records;
		total.filtered += n->filtered;
		ind_loader_close(l);
	}

	failed |= run.failed;
	if (run.sum && !failed && !run.write_failed)
		failed = write_sums(&run, (const char *const *)input_names, total.records) < 0;
	if (run.sum)
		total.records = failed ? 0 : (long)ind_sum_count(run.sum);
	if (run.write_failed)	/* said, with the output's name, when it is closed */
		failed = true;
	nrejected = ind_rejects_count(rejects);
	if (ind_rejects_close(rejects, &err) < 0) {
		ind_error_print(&err);
		failed = true;
	}
	if (strict && nrejected > 0)
		failed = true;
	int closed = ind_output_close(out, !failed, &err);	/* 0: all written; 1: a file discarded */
	if (closed < 0) {
		ind_error_print(&err);
		failed = true;
	}
	if (closed != 0)	/* a write error, or the file not made: nothing counts as written */
		total.records = 0;
	if (total.filtered)
		ind_warn("%ld rows or cells left out by --regions, --indicators, --from, --to or --where",
			 total.filtered);
	ind_warn("%ld rows read, %ld written, %ld rejected", total.rows_read, total.records, nrejected);
	ind_line_free(&ln);
	ind_sum_free(run.sum);
	for (int k = 0; input_names && k < ninputs; k++)
		free(input_names[k]);
	free(input_names);
	ind_classification_free(own_classes);
	ind_codemap_free(region_map);
	ind_codemap_free(indicator_map);
	ind_strmap_free(regions);
	ind_strmap_free(indicators);
	free_where(where, nwhere, ignore);
	return failed ? IND_EXIT_DATA : IND_EXIT_OK;
}
