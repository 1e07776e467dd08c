/* aggopts.c - ind-agg's help text, the checks between its options and the settings they make. See LICENSE. */
#include "aggopts.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "parallel.h"

void ind_agg_usage(FILE *fp)
{
	fputs("Usage: ind-agg [OPTION]... [FILE]...\n"
	      "Aggregate event rows (one per contact or visit) into indicators per region and\n"
	      "period, written as the canonical stream. Memory grows with the number of\n"
	      "groups (and of distinct waits of 1024 days or more in them), not with the\n"
	      "number of rows.\n"
	      "\n", fp);
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
	      "\n", fp);
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
	      "\n", fp);
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
	      "See ind-agg(1).\n", fp);
}

void ind_agg_args_init(struct ind_agg_args *a)
{
	memset(a, 0, sizeof *a);
	a->c.by = IND_PERIOD_MONTH;
	a->c.c_region = a->c.c_municipality = a->c.c_date = -1;
	ind_reader_opts_init(&a->ro);
	a->threads = ind_default_threads();
	a->block_size = IND_BLOCK_SIZE_DEFAULT;
	a->progress = IND_PROGRESS_AUTO;
}

int ind_agg_measure_arg(struct ind_agg_config *c, const char *arg, ind_agg_refuse *refuse)
{
	const char *why;
	if (c->nm == IND_AGG_MAX_MEASURES)
		return refuse("at most %d measures", IND_AGG_MAX_MEASURES), -1;
	if (!ind_measure_parse(arg, &c->ms[c->nm], &why))
		return refuse("invalid --measure '%s': %s", arg, why), -1;
	for (size_t k = 0; k < c->nm; k++)
		if (strcmp(c->ms[k].name, c->ms[c->nm].name) == 0)
			return refuse("measure '%s' given twice", c->ms[k].name), -1;
	c->nm++;
	return 0;
}

int ind_agg_where_arg(struct ind_agg_config *c, const char *arg, ind_agg_refuse *refuse)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || c->nwhere == IND_AGG_MAX_WHERE || (size_t)(eq - arg) >= IND_NAME_MAX ||
	    strlen(eq + 1) >= IND_NAME_MAX)
		return refuse("invalid --where '%s': expected COL=VALUE", arg), -1;
	snprintf(c->where[c->nwhere].col, IND_NAME_MAX, "%.*s", (int)(eq - arg), arg);
	snprintf(c->where[c->nwhere].value, IND_NAME_MAX, "%s", eq + 1);
	c->nwhere++;
	return 0;
}

int ind_agg_per_arg(struct ind_agg_config *c, const char *arg, ind_agg_refuse *refuse)
{
	char *end;
	c->per = strtod(arg, &end);
	c->per_text = arg;
	if (*end || !(c->per > 0))
		return refuse("invalid --per '%s': expected a positive number", arg), -1;
	return 0;
}

/* --from/--to: a period of --by's kind (a date is taken as its --by period). */
static int window_arg(const struct ind_agg_config *c, const char *opt, const char *arg, struct ind_period *p,
		      bool *has, ind_agg_refuse *refuse)
{
	const char *why;
	if (!arg)
		return 0;
	if (ind_agg_cell_period(c->by, arg, strlen(arg), p, &why) != IND_AGG_CELL_OK)
		return refuse("invalid %s '%s': expected a %s (as --by), e.g. 2021%s", opt, arg, ind_agg_by_word(c->by),
			      c->by == IND_PERIOD_YEAR ? "" : c->by == IND_PERIOD_QUARTER ? "-Q1"
							  : c->by == IND_PERIOD_WEEK ? "-W01" : "-01"), -1;
	*has = true;
	return 0;
}

int ind_agg_check(struct ind_agg_args *a, const char *const *operands, int noperands, ind_agg_refuse *refuse)
{
	static const char *const stdin_only[] = { "-" };
	struct ind_agg_config *c = &a->c;

	if (!a->within_given) {
		static const long def[] = { 7, 14, 30, 90 };
		memcpy(c->within, def, sizeof def);
		c->nwithin = 4;
	}
	if (!c->npct) {
		c->pct[0] = 500, c->pct[1] = 900;
		c->npct = 2;
	}
	if (window_arg(c, "--from", a->from_arg, &c->from, &c->has_from, refuse) < 0 ||
	    window_arg(c, "--to", a->to_arg, &c->to, &c->has_to, refuse) < 0)
		return -1;
	if (c->has_from && c->has_to && ind_period_cmp(&c->from, &c->to) > 0)
		return refuse("--from %s is after --to %s", a->from_arg, a->to_arg), -1;
	if (a->partial && a->merge)
		return refuse("--partial and --merge do not go together"), -1;
	if (c->per > 0 && !a->pop_path && !a->merge)	/* --merge: the partial files carry it */
		return refuse("--per needs --population"), -1;
	if (!a->merge) {
		if (c->nm == 0)
			return refuse("give at least one --measure"), -1;
		if (!c->date_spec)
			return refuse("give the date column with --date"), -1;
		if (!c->region_spec == !c->municipality_spec)
			return refuse("give either --region or --municipality (with --map)"), -1;
		if (c->municipality_spec && !a->map_path == !a->level_given)
			return refuse("--municipality needs --map or --region-level"), -1;
	}
	a->inputs = noperands ? operands : stdin_only;
	a->ninputs = noperands ? noperands : 1;
	if ((a->names_arg || a->class_path) && !a->level_given)
		return refuse("--region-names and --classification go with --region-level"), -1;
	if (a->level_given && a->merge)
		return refuse("--region-level with --merge: the partial files hold the regions already"), -1;
	if (a->level_given && !c->municipality_spec)
		return refuse("--region-level maps the codes of --municipality COL"), -1;
	return 0;
}

int ind_agg_settle(struct ind_agg_args *a, struct ind_error *err)
{
	struct ind_agg_config *c = &a->c;

	if (a->level_given && a->class_path) {
		ind_classification *own = ind_classification_read(a->class_path, err);
		if (!own)
			return -1;
		c->classes = own;
		c->class_crc = ind_agg_file_crc(a->class_path);
	} else if (a->level_given) {
		c->classes = ind_classification_builtin();
	}
	if (a->map_path) {
		if (!(c->map = ind_codemap_read(a->map_path, "municipality", "region", &c->map_crc, err)))
			return -1;
		if (ind_codemap_has_years(c->map))	/* partial files of a map with years: its bytes' CRC */
			c->map_crc = ind_agg_file_crc(a->map_path);
	}
	if (a->pop_path) {
		unsigned long crc = 0;
		int rc;
		if (!(c->poptab = ind_agg_new(NULL, 0)))
			return ind_error_set(err, NULL, 0, "out of memory");
		rc = ind_agg_read_population(a->pop_path, c->poptab, &c->population, &crc, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}
