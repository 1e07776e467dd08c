/* ind-table - report-ready tables from any stream of the suite. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "fmt.h"
#include "opt.h"
#include "render.h"
#include "table.h"
#include "writer.h"

enum { OPT_DIGITS = CHAR_MAX + 1, OPT_CI, OPT_LANG, OPT_PIVOT, OPT_LAST, OPT_CAPTION, OPT_CSV_DELIMITER };

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "columns", required_argument, NULL, 'c' },
	{ "digits", required_argument, NULL, OPT_DIGITS },
	{ "ci", no_argument, NULL, OPT_CI },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "pivot", required_argument, NULL, OPT_PIVOT },
	{ "last", required_argument, NULL, OPT_LAST },
	{ "caption", required_argument, NULL, OPT_CAPTION },
	{ "csv-delimiter", required_argument, NULL, OPT_CSV_DELIMITER },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(void)
{
	fputs("Usage: ind-table [OPTION]... [FILE]\n"
	      "Turn a stream of the suite (canonical rows, or --summary rows of ind-trend and\n"
	      "ind-compare) into a table for a report.\n"
	      "\n", stdout);
	fputs("  -f, --format=FORMAT         text (default), markdown, csv, tsv, html, latex\n"
	      "                                or json\n"
	      "  -c, --columns=LIST          columns to show, in order: name or name:Label\n"
	      "      --digits=N              significant digits (default 3); integer parts\n"
	      "                                are never rounded\n"
	      "      --ci                    join X with X_lo and X_hi: '12.3 (8.1 ... 16.7)'\n"
	      "                                (not in json, which keeps three numbers)\n"
	      "      --lang=LANG             fi, en or sv: number format, headers, month names\n"
	      "      --pivot=period          one row per region (and indicator), periods as\n"
	      "                                columns, values in the cells\n"
	      "      --last=N                with --pivot: only the last N periods\n"
	      "      --caption=TEXT          table caption (html, latex, markdown, text)\n"
	      "      --csv-delimiter=CHAR    with -f csv: the delimiter (default ';' with\n"
	      "                                --lang fi or sv, ',' otherwise)\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "p-values (columns p and *_p) are shown as <0.001 or with three decimals; an\n"
	      "estimate and its X_lo, X_hi are shown with the same decimals. Periods and codes\n"
	      "(region, indicator, 049) are text: never thousands-separated, never numbers.\n"
	      "csv and tsv keep the numbers as they are unless --lang, --digits or --ci is\n"
	      "given; json numbers stay numbers in every language.\n"
	      "\n"
	      "Examples:\n"
	      "  $ ind-trend --summary x.csv | ind-table -c region,slope:Change,slope_p --ci\n"
	      "  $ ind-table --pivot period --last 4 --lang fi -f html x.csv > t.html\n"
	      "\n"
	      "See ind-table(1).\n", stdout);
}

int main(int argc, char **argv)
{
	struct ind_render_opts o;
	const char *columns = NULL, *output = NULL, *input = "-";
	struct ind_table t = { 0 };
	struct ind_render_col *cols;
	long ncols, last = 0;
	bool do_pivot = false;
	struct ind_error err;
	ind_output *out;
	int c;

	ind_set_progname("ind-table");
	argv[0] = (char *)"ind-table";
	ind_render_opts_init(&o);
	while ((c = getopt_long(argc, argv, "f:c:o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'f': {
			/* in the order of enum ind_render_format */
			static const char *const names[] = { "text", "markdown", "csv", "tsv", "html", "latex", "json", NULL };
			o.format = (enum ind_render_format)ind_opt_choice("--format", optarg, names);
			break;
		}
		case 'c': columns = optarg; break;
		case OPT_DIGITS:
			o.digits = (int)ind_opt_count("--digits", optarg);
			if (o.digits < 1 || o.digits > 15)
				ind_usage_error("--digits: 1 to 15");
			o.digits_given = true;
			break;
		case OPT_CI: o.ci = true; break;
		case OPT_LANG:
			if (!ind_lang_parse(optarg, &o.lang))
				ind_usage_error("invalid --lang '%s' (use fi, en or sv)", optarg);
			o.lang_given = true;
			break;
		case OPT_PIVOT:
			if (strcmp(optarg, "period") != 0)
				ind_usage_error("--pivot: only 'period' is supported");
			do_pivot = true;
			break;
		case OPT_LAST: last = ind_opt_count("--last", optarg); break;
		case OPT_CAPTION: o.caption = optarg; break;
		case OPT_CSV_DELIMITER:
			/* one ASCII character that cannot be part of a cell's text or its quoting */
			if (strlen(optarg) != 1 || strchr("\"\r\n", optarg[0]) || (unsigned char)optarg[0] >= 0x80 ||
			    (optarg[0] < 0x20 && optarg[0] != '\t'))
				ind_usage_error("invalid --csv-delimiter '%s' (one character, not '\"')", optarg);
			o.csv_delimiter = optarg[0];
			break;
		case 'o': output = optarg; break;
		case 'h': usage(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (argc - optind > 1)
		ind_usage_error("one input at a time");
	if (optind < argc)
		input = argv[optind];
	if (last && !do_pivot)
		ind_usage_error("--last goes with --pivot");
	if (o.csv_delimiter && o.format != IND_RENDER_CSV)
		ind_usage_error("--csv-delimiter goes with --format=csv");
	if (ind_table_read(input, &t, &err) < 0 || (do_pivot && ind_render_pivot(&t, last, &err) < 0)) {
		ind_error_print(&err);
		ind_table_free(&t);
		return IND_EXIT_DATA;
	}
	if ((ncols = ind_render_columns(&t, columns, &o, &cols, &err)) < 0) {
		ind_table_free(&t);
		if (ncols == -2)
			ind_usage_error("%s", err.msg);
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		free(cols);
		ind_table_free(&t);
		return IND_EXIT_DATA;
	}
	ind_render_write(ind_output_file(out), &t, cols, (size_t)ncols, &o);
	free(cols);
	ind_table_free(&t);
	if (ind_output_close(out, true, &err) < 0) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	return IND_EXIT_OK;
}
