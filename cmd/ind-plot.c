/* ind-plot - gnuplot charts of indicator streams: lines, ITS, small multiples, bars, forest plots. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fmt.h"
#include "num.h"
#include "opt.h"
#include "period.h"
#include "charts.h"
#include "plot.h"
#include "table.h"
#include "writer.h"

enum { OPT_SIZE = CHAR_MAX + 1, OPT_TITLE, OPT_YLABEL, OPT_LANG, OPT_SHADE, OPT_SCRIPT, OPT_GNUPLOT, OPT_REGION,
       OPT_INDICATOR, OPT_ESTIMATE, OPT_LABEL, OPT_SHADE_LABEL, OPT_AT };
enum kind { K_LINE, K_ITS, K_MULTIPLES, K_BARS, K_SLOPES, K_PLACEBO, K_JOINPOINT };

static const struct option long_options[] = {
	{ "kind", required_argument, NULL, 'k' },
	{ "output", required_argument, NULL, 'o' },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "ylabel", required_argument, NULL, OPT_YLABEL },
	{ "unit", required_argument, NULL, OPT_YLABEL },
	{ "label", required_argument, NULL, OPT_LABEL },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "shade", required_argument, NULL, OPT_SHADE },
	{ "shade-label", required_argument, NULL, OPT_SHADE_LABEL },
	{ "at", required_argument, NULL, OPT_AT },
	{ "script", required_argument, NULL, OPT_SCRIPT },
	{ "gnuplot", required_argument, NULL, OPT_GNUPLOT },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "indicator", required_argument, NULL, OPT_INDICATOR },
	{ "estimate", required_argument, NULL, OPT_ESTIMATE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(void)
{
	fputs("Usage: ind-plot [OPTION]... -o FILE [INPUT]\n"
	      "Draw a chart of an indicator stream with gnuplot: PNG, SVG or PDF by the\n"
	      "extension of FILE.\n"
	      "\n", stdout);
	fputs("  -k, --kind=KIND             line (default): one line per region, fitted trend\n"
	      "                                dashed when the input has fit columns;\n"
	      "                              its: interrupted time series from ind-compare;\n"
	      "                              multiples: a panel per region (or indicator);\n"
	      "                              bars: before/after means, ind-compare --summary;\n"
	      "                              slopes: a forest plot of estimates with CIs;\n"
	      "                              placebo: the level changes at ind-compare\n"
	      "                                --placebo's fake dates, the estimate marked;\n"
	      "                              joinpoint: ind-trend --joinpoints rows, the\n"
	      "                                fitted segments, joinpoints and APCs\n"
	      "  -o, --output=FILE           the chart (.png, .svg or .pdf), written atomically\n"
	      "      --size=W,H              size in pixels (default 900,500)\n"
	      "      --title=TEXT            title (default: from the data, with --label for\n"
	      "                                the indicator's code)\n"
	      "      --label=TEXT            the indicator's name for the default title\n"
	      "      --ylabel=TEXT, --unit=TEXT\n"
	      "                              title of the value axis (default: the unit\n"
	      "                                column, when the rows drawn share one)\n"
	      "      --lang=LANG             fi, en or sv: number format, labels, month names\n"
	      "      --shade=FROM..TO        shade a window, e.g. 2020-03..2020-12 (repeatable)\n"
	      "      --shade-label=TEXT      the shaded windows' legend entry (default: the\n"
	      "                                windows, e.g. March 2020 - December 2020)\n"
	      "      --at=PERIOD             its: an interruption's own period, for streams\n"
	      "                                without an at column (repeatable)\n"
	      "      --region=NAME           draw this region only (its, line)\n"
	      "      --indicator=NAME        draw this indicator only\n"
	      "      --estimate=COL          slopes: the estimate column (default slope, level\n"
	      "                                or diff, whichever the input has)\n"
	      "      --script=FILE           write the gnuplot script, data included, to FILE\n"
	      "                                (- for stdout) instead of running gnuplot\n"
	      "      --gnuplot=PATH          the gnuplot to run (default: gnuplot on PATH)\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "With no INPUT, or when INPUT is -, read standard input.\n"
	      "\n"
	      "Examples:\n"
	      "  $ ind-load x.csv | ind-trend | ind-plot -o trend.png\n"
	      "  $ ind-compare --at 2020-02 x.csv | ind-plot --kind its -o its.svg\n"
	      "\n"
	      "See ind-plot(1).\n", stdout);
}

struct opts {
	enum kind kind;
	const char *output, *script, *gnuplot;
	int w, h;
	struct ind_chart chart;
	char shade_text[IND_CHART_MAX_SHADE * (2 * IND_FMT_MAX + 8)];
};

int main(int argc, char **argv)
{
	struct opts o = { .kind = K_LINE, .w = 900, .h = 500 };
	struct ind_period shade_a[IND_CHART_MAX_SHADE], shade_b[IND_CHART_MAX_SHADE];
	struct ind_table t;
	struct ind_error err;
	enum ind_terminal term = IND_TERM_PNG;
	const char *input = "-";
	char *script = NULL;
	ind_output *out = NULL;
	size_t len = 0;
	FILE *fp;
	int c, rc = IND_EXIT_OK;

	ind_set_progname("ind-plot");
	argv[0] = (char *)"ind-plot";
	while ((c = getopt_long(argc, argv, "k:o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'k': {
			static const char *const kinds[] = { "line", "its", "multiples", "bars", "slopes", "placebo", "joinpoint", NULL };
			o.kind = (enum kind)ind_opt_choice("--kind", optarg, kinds);
			break;
		}
		case 'o': o.output = optarg; break;
		case OPT_SIZE:
			if (sscanf(optarg, "%d,%d", &o.w, &o.h) != 2 || o.w < 100 || o.h < 100 || o.w > 10000 || o.h > 10000)
				ind_usage_error("invalid --size '%s': expected W,H in pixels, e.g. 900,500", optarg);
			break;
		case OPT_TITLE: o.chart.title = optarg; break;
		case OPT_YLABEL: o.chart.ylabel = optarg; break;
		case OPT_LANG: o.chart.lang = ind_opt_lang(optarg); break;
		case OPT_SHADE: {
			struct ind_period a, b;
			if (o.chart.nshade == IND_CHART_MAX_SHADE || ind_period_window_parse(optarg, &a, &b, NULL, NULL))
				ind_usage_error("invalid --shade '%s': expected FROM..TO, e.g. 2020-03..2020-12", optarg);
			shade_a[o.chart.nshade] = a;
			shade_b[o.chart.nshade] = b;
			o.chart.shade_from[o.chart.nshade] = ind_period_time(&a);
			o.chart.shade_to[o.chart.nshade++] = ind_period_end_time(&b);
			break;
		}
		case OPT_SHADE_LABEL: o.chart.shade_label = optarg; break;
		case OPT_AT:
			if (o.chart.nat == IND_CHART_MAX_AT ||
			    !ind_period_parse(optarg, strlen(optarg), &o.chart.at[o.chart.nat], NULL))
				ind_usage_error("invalid --at '%s': expected a period, e.g. 2020-02 (at most %d)", optarg,
						IND_CHART_MAX_AT);
			o.chart.nat++;
			break;
		case OPT_LABEL: o.chart.label = optarg; break;
		case OPT_SCRIPT: o.script = optarg; break;
		case OPT_GNUPLOT: o.gnuplot = optarg; break;
		case OPT_REGION: o.chart.region = optarg; break;
		case OPT_INDICATOR: o.chart.indicator = optarg; break;
		case OPT_ESTIMATE: o.chart.estimate = optarg; break;
		case 'h': usage(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (!o.output && !o.script)
		ind_usage_error("give the chart file with -o FILE (.png, .svg or .pdf)");
	if (o.output && !ind_plot_terminal(o.output, &term))
		ind_usage_error("'%s': the chart file must end in .png, .svg or .pdf", o.output);
	if (argc - optind > 1)
		ind_usage_error("one input at a time");
	/* after all options, so that --lang applies wherever it stands */
	for (int i = 0; i < o.chart.nshade; i++)
		ind_fmt_window_append(&shade_a[i], &shade_b[i], o.chart.lang, o.shade_text, sizeof o.shade_text);
	if (!o.chart.shade_label && o.chart.nshade)
		o.chart.shade_label = o.shade_text;
	o.chart.width = o.w;
	if (optind < argc)
		input = argv[optind];
	if (ind_table_read(input, &t, &err) < 0) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}

	if (!(fp = open_memstream(&script, &len)))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!o.script) {
		/*
		 * gnuplot writes a temporary file beside the chart, named by us and
		 * opened from that directory; renamed into place only on success
		 */
		if (!(out = ind_output_open(o.output, &err))) {
			ind_error_print(&err);
			fclose(fp);
			free(script);
			ind_table_free(&t);
			return IND_EXIT_DATA;
		}
		if (!ind_output_temp_name(out)) {
			ind_warn("%s: not a regular file: the chart is made under a temporary name and renamed", o.output);
			ind_output_close(out, false, NULL);
			fclose(fp);
			free(script);
			ind_table_free(&t);
			return IND_EXIT_DATA;
		}
	}
	ind_plot_preamble(fp, term, o.w, o.h, out ? ind_output_temp_name(out) : o.output ? o.output : "plot.png",
			  o.chart.lang);
	switch (o.kind) {
	case K_ITS: c = ind_chart_its(fp, &t, &o.chart, &err); break;
	case K_MULTIPLES: c = ind_chart_lines(fp, &t, &o.chart, true, &err); break;
	case K_BARS: c = ind_chart_bars(fp, &t, &o.chart, &err); break;
	case K_SLOPES: c = ind_chart_slopes(fp, &t, &o.chart, &err); break;
	case K_PLACEBO: c = ind_chart_placebo(fp, &t, &o.chart, &err); break;
	case K_JOINPOINT: c = ind_chart_joinpoint(fp, &t, &o.chart, &err); break;
	case K_LINE:
	default: c = ind_chart_lines(fp, &t, &o.chart, false, &err); break;
	}
	fclose(fp);
	if (c < 0) {
		ind_error_print(&err);
		ind_output_close(out, false, NULL);
		free(script);
		ind_table_free(&t);
		return IND_EXIT_DATA;
	}
	if (o.script) {	/* "-": standard output */
		ind_output *so = ind_output_open(o.script, &err);
		if (so)
			fwrite(script, 1, len, ind_output_file(so));
		if (!so || ind_output_close(so, true, &err) < 0) {
			ind_error_print(&err);
			rc = IND_EXIT_DATA;
		}
	} else if (ind_gnuplot_run_in(o.gnuplot, ind_output_dir(out), script, len, &err) < 0 ||
		   (term == IND_TERM_SVG && ind_plot_output_svg_title(out, script, len, &err) < 0)) {
		ind_error_print(&err);
		ind_output_close(out, false, NULL);
		rc = IND_EXIT_DATA;
	} else if (ind_output_close(out, true, &err) < 0) {
		ind_error_print(&err);
		rc = IND_EXIT_DATA;
	}
	free(script);
	ind_table_free(&t);
	return rc;
}
