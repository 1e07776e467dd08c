/* ind-report - the "Vaikutukset ja vaikuttavuus" report section from data, in one command. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "err.h"
#include "export.h"
#include "opt.h"
#include "report.h"

enum { OPT_CONFIG = CHAR_MAX + 1, OPT_LANG, OPT_QUIET, OPT_STAMP, OPT_GNUPLOT, OPT_TITLE, OPT_INPUT, OPT_EVENTS,
       OPT_REGIONS, OPT_CONTROLS, OPT_EXCLUDE, OPT_FORMAT, OPT_PANDOC, OPT_BROWSER };

static const struct option long_options[] = {
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "output", required_argument, NULL, 'o' },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "input", required_argument, NULL, OPT_INPUT },
	{ "events", required_argument, NULL, OPT_EVENTS },
	{ "regions", required_argument, NULL, OPT_REGIONS },
	{ "controls", required_argument, NULL, OPT_CONTROLS },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "stamp", no_argument, NULL, OPT_STAMP },
	{ "gnuplot", required_argument, NULL, OPT_GNUPLOT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "pandoc", required_argument, NULL, OPT_PANDOC },
	{ "browser", required_argument, NULL, OPT_BROWSER },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(void)
{
	fputs("Usage: ind-report --config FILE -o DIR [OPTION]...\n"
	      "Write the \"Vaikutukset ja vaikuttavuus\" (effects and effectiveness) section of a\n"
	      "project report from data: for each indicator of each goal area a chart, a table\n"
	      "and sentences with the numbers, as DIR/index.html (one self-contained file),\n"
	      "DIR/report.md with PNG charts, and DIR/statistics.csv (every number shown);\n"
	      "on request also DIR/report.docx, DIR/report.odt and DIR/report.pdf.\n"
	      "\n", stdout);
	fputs("      --config=FILE           the report's settings (see ind-report(1))\n"
	      "  -o, --output=DIR            the report directory, replaced atomically\n"
	      "      --lang=LANG             fi (default), en or sv\n"
	      "      --title=TEXT            overrides title in [report]; likewise:\n"
	      "      --input=FILES           input (comma-separated canonical streams)\n"
	      "      --events=FILE           events (region,indicator,period,label)\n"
	      "      --regions=LIST          regions\n"
	      "      --controls=LIST         controls (comparison regions)\n"
	      "      --exclude=WINDOWS       exclude, e.g. 2020-03..2020-12\n"
	      "      --quiet                 no warnings, only errors\n"
	      "      --stamp                 print the time of making in the report\n"
	      "      --gnuplot=PATH          the gnuplot to run\n"
	      "      --format=LIST           also write these formats: docx, odt, pdf (comma-\n"
	      "                                or space-separated; overrides format =)\n"
	      "      --pandoc=PATH           the pandoc to run (docx, odt)\n"
	      "      --browser=PATH          the Chromium to run (pdf)\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "The same input always gives byte-identical files (unless --stamp).\n"
	      "\n"
	      "Example:\n"
	      "  $ ind-report --config sample-data/report.conf -o out/report\n"
	      "\n"
	      "See ind-report(1).\n", stdout);
}

int main(int argc, char **argv)
{
	const char *config_path = NULL, *dir = NULL;
	enum ind_lang lang = IND_LANG_FI;
	const char *over[6] = { NULL, NULL, NULL, NULL, NULL, NULL };	/* title input events regions controls exclude */
	static const char *const keys[6] = { "title", "input", "events", "regions", "controls", "exclude" };
	struct ind_report r;
	struct ind_config c;
	struct ind_error err;
	bool quiet = false, stamp = false, has_lang = false;
	const char *gnuplot = NULL, *format = NULL;
	/* the keys whose values are lists: checked for their quoting, with the line */
	static const char *const list_keys[] = { "input", "regions", "controls", "exclude", "indicators", NULL };
	struct ind_export x = { 0 };
	unsigned formats = 0;
	int opt, rc;

	ind_set_progname("ind-report");
	argv[0] = (char *)"ind-report";
	while ((opt = getopt_long(argc, argv, "o:hV", long_options, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG: config_path = optarg; break;
		case 'o': dir = optarg; break;
		case OPT_LANG:
			if (!ind_lang_parse(optarg, &lang))
				ind_usage_error("invalid --lang '%s' (use fi, en or sv)", optarg);
			has_lang = true;
			break;
		case OPT_TITLE: over[0] = optarg; break;
		case OPT_INPUT: over[1] = optarg; break;
		case OPT_EVENTS: over[2] = optarg; break;
		case OPT_REGIONS: over[3] = optarg; break;
		case OPT_CONTROLS: over[4] = optarg; break;
		case OPT_EXCLUDE: over[5] = optarg; break;
		case OPT_QUIET: quiet = true; break;
		case OPT_STAMP: stamp = true; break;
		case OPT_GNUPLOT: gnuplot = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case OPT_PANDOC: x.pandoc = optarg; break;
		case OPT_BROWSER: x.browser = optarg; break;
		case 'h': usage(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (!config_path)
		ind_usage_error("give the report's settings with --config FILE");
	if (!dir)
		ind_usage_error("give the report directory with -o DIR");
	if (optind < argc)
		ind_usage_error("unexpected argument '%s'", argv[optind]);
	if (format) {
		const char *bad;
		int badlen;
		if (ind_export_parse(format, &formats, &bad, &badlen) < 0)
			ind_usage_error("invalid --format '%.*s' (use docx, odt or pdf)", badlen, bad);
	}
	for (int k = 1; k < 6; k++) {
		const char *why;
		if (over[k] && !ind_config_list_ok(over[k], &why))
			ind_usage_error("invalid --%s: %s", keys[k], why);
	}
	if (ind_config_read(config_path, &c, &err) < 0 || ind_config_check_lists(&c, list_keys, &err) < 0 ||
	    ind_export_configure(&x, &c, &err) < 0) {
		ind_error_print(&err);
		ind_config_free(&c);
		return IND_EXIT_DATA;
	}
	if (format)	/* --format wins over format = in the file */
		x.formats = formats;
	/* options override the configuration: as if their lines came last in [report] */
	for (int k = 0; k < 6; k++)
		if (over[k] && ind_config_add(&c, "report", keys[k], over[k], 0) < 0)
			ind_die(IND_EXIT_DATA, "out of memory");
	memset(&r, 0, sizeof r);
	r.lang = lang;
	rc = ind_report_configure(&r, &c, &err);
	if (has_lang)	/* --lang wins over lang = in the file */
		r.lang = lang;
	ind_config_free(&c);
	if (rc < 0) {
		ind_error_print(&err);
		ind_report_free(&r);
		return IND_EXIT_DATA;
	}
	r.quiet = quiet;
	r.stamp = stamp;
	r.gnuplot = gnuplot;
	x.lang = r.lang == IND_LANG_EN ? "en" : r.lang == IND_LANG_SV ? "sv" : "fi";
	r.export = &x;
	rc = ind_export_check(&x, &err);	/* a missing pandoc fails before the work, not after it */
	if (rc == 0)
		rc = ind_report_build(&r, dir, &err);
	if (rc < 0)
		ind_error_print(&err);
	else if (!quiet) {
		static const char *const extra[3] = { "docx", "odt", "pdf" };
		int n = (int)strlen(dir);
		while (n > 1 && dir[n - 1] == '/')	/* "rep/" wrote rep/index.html */
			n--;
		fprintf(stderr, "ind-report: wrote %.*s/index.html, %.*s/report.md and %.*s/statistics.csv\n", n, dir, n,
			dir, n, dir);
		for (int i = 0; i < 3; i++)	/* IND_EXPORT_DOCX, _ODT, _PDF */
			if (x.formats & (1u << i))
				fprintf(stderr, "ind-report: wrote %.*s/report.%s\n", n, dir, extra[i]);
	}
	ind_report_free(&r);
	return rc < 0 ? IND_EXIT_DATA : IND_EXIT_OK;
}
