/* loadopts.c - ind-load's help text, the checks between its options and the settings they make. See LICENSE. */
#include "loadopts.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "parallel.h"

void ind_load_usage(FILE *fp)
{
	fputs("Usage: ind-load [OPTION]... [FILE]...\n"
	      "Read indicator exports and write the canonical stream: CSV with columns\n"
	      "region,indicator,period,value (and numerator,denominator,unit when present).\n"
	      "\n", fp);
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
	      "\n", fp);
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
	      "\n", fp);
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
	      "\n", fp);
	fputs("Examples:\n"
	      "  $ ind-load kuntadata.csv > long.csv\n"
	      "  $ ind-load --indicator-name t3 --region-map ids.csv sotkanet.csv.gz\n"
	      "  $ printf 'alue;aika;indikaattori;arvo\\nLappi;2021M03;t3;12,5\\n' | ind-load\n"
	      "  region,indicator,period,value\n"
	      "  Lappi,t3,2021-03,12.5\n"
	      "\n"
	      "See ind-load(1) and docs/format.md.\n", fp);
}

int ind_load_args_init(struct ind_load_args *a, int argc)
{
	memset(a, 0, sizeof *a);
	ind_load_opts_init(&a->o);
	a->region = (struct ind_load_region){ NULL, IND_LEVEL_COUNTY, IND_NAMES_FI, IND_BARE_NONE };
	a->sum_level = IND_LEVEL_COUNTY;
	a->threads = ind_default_threads();
	a->block_size = IND_BLOCK_SIZE_DEFAULT;
	a->progress = IND_PROGRESS_AUTO;
	a->where = calloc((size_t)argc, sizeof *a->where);	/* no more than there are arguments */
	a->ignore = calloc((size_t)argc, sizeof *a->ignore);
	return a->where && a->ignore ? 0 : -1;
}

void ind_load_args_free(struct ind_load_args *a)
{
	for (size_t i = 0; i < a->nwhere; i++)
		free((char *)a->where[i].column);
	free(a->where);
	free(a->ignore);
	ind_classification_free(a->own_classes);
	ind_codemap_free(a->region_map);
	ind_codemap_free(a->indicator_map);
	ind_strmap_free(a->regions);
	ind_strmap_free(a->indicators);
	memset(a, 0, sizeof *a);
}

const char *ind_load_period_bound(const char *arg, bool end, double *t)
{
	struct ind_period p;
	const char *why;
	if (!ind_period_parse(arg, strlen(arg), &p, &why))
		return why;
	*t = end ? ind_period_end_time(&p) : ind_period_time(&p);
	return NULL;
}

bool ind_load_list_arg(ind_strmap **m, const char *arg)
{
	if (!*m && !(*m = ind_strmap_new()))
		return false;
	return ind_strmap_add_list(*m, arg);
}

int ind_load_check(struct ind_load_args *a, const char *const *operands, int noperands,
		   void (*refuse)(const char *fmt, ...))
{
	static const char *const stdin_only[] = { "-" };
	const struct ind_load_opts *o = &a->o;

	if (o->no_header && !o->region && !o->region_name)
		return refuse("--no-header needs --region or --region-name"), -1;
	if (o->no_header && (!o->period || !o->value))
		return refuse("--no-header needs --period and --value"), -1;
	if (o->no_header && !o->indicator && !o->indicator_name)
		return refuse("--no-header needs --indicator or --indicator-name"), -1;
	a->job.inputs = noperands ? operands : stdin_only;
	a->job.ninputs = noperands ? noperands : 1;
	for (int k = 0, nstdin = 0; k < a->job.ninputs; k++)
		if (strcmp(a->job.inputs[k], "-") == 0 && ++nstdin > 1)
			return refuse("standard input named more than once"), -1;
	if (a->sum_values && !a->sum_given)
		return refuse("--sum-values goes with --sum-to"), -1;
	if (a->sum_given && a->level_given && a->region.level != a->sum_level)
		return refuse("--sum-to and --region-level name different levels"), -1;
	if (a->sum_given) {
		a->region.level = a->sum_level;
		a->level_given = true;
	}
	if ((a->names_given || a->class_path) && !a->level_given)
		return refuse("--region-names and --classification go with --region-level or --sum-to"), -1;
	if (a->level_given && (a->map_path || o->region_name))
		return refuse("%s does not go with --region-map or --region-name",
			      a->sum_given ? "--sum-to" : "--region-level"), -1;
	return 0;
}

int ind_load_settle(struct ind_load_args *a, struct ind_error *err, void (*refuse)(const char *fmt, ...))
{
	struct ind_load_opts *o = &a->o;
	struct ind_load_job *job = &a->job;

	if (a->level_given) {
		if (a->class_path && !(a->own_classes = ind_classification_read(a->class_path, err)))
			return -1;
		a->region.c = a->own_classes ? a->own_classes : ind_classification_builtin();
		o->region_of = ind_load_region_of;
		o->region_ctx = &a->region;
	}
	if (a->meta_dir && (a->map_path || a->imap_path || a->level_given || o->region_name))
		return refuse("--sotkanet-meta does not go with --region-map, --indicator-map, --region-level or "
			      "--region-name"), IND_EXIT_USAGE;
	if (ind_load_maps(a->map_path, a->imap_path, a->meta_dir, &a->region_map, &a->indicator_map) < 0)
		return IND_EXIT_DATA;
	o->region_map = ind_codemap_strmap(a->region_map);	/* NULL for a map with years, which goes by year */
	o->region_years = a->region_map && ind_codemap_has_years(a->region_map) ? a->region_map : NULL;
	o->indicator_map = ind_codemap_strmap(a->indicator_map);
	o->regions = a->regions;
	o->indicators = a->indicators;
	o->where = a->where;
	o->nwhere = a->nwhere;
	o->ignore = a->ignore;
	o->nignore = a->nignore;

	job->output = a->output;
	job->rejects_path = a->rejects_path;
	job->reject_log = a->reject_log;
	job->threads = a->threads;
	job->block_size = a->block_size;
	job->strict = a->strict;
	job->verbose = a->verbose;
	job->sum = a->sum_given;
	job->sum_values = a->sum_values;
	job->region = &a->region;
	return 0;
}
