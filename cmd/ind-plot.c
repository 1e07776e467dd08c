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
#include "plot.h"
#include "table.h"
#include "writer.h"

enum { OPT_SIZE = CHAR_MAX + 1, OPT_TITLE, OPT_YLABEL, OPT_LANG, OPT_SHADE, OPT_SCRIPT, OPT_GNUPLOT, OPT_REGION,
       OPT_INDICATOR, OPT_ESTIMATE };
enum kind { K_LINE, K_ITS, K_MULTIPLES, K_BARS, K_SLOPES };

static const struct option long_options[] = {
	{ "kind", required_argument, NULL, 'k' },
	{ "output", required_argument, NULL, 'o' },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "title", required_argument, NULL, OPT_TITLE },
	{ "ylabel", required_argument, NULL, OPT_YLABEL },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "shade", required_argument, NULL, OPT_SHADE },
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
	      "                              bars: before/after means from ind-compare --summary;\n"
	      "                              slopes: a forest plot of estimates with CIs\n"
	      "  -o, --output=FILE           the chart (.png, .svg or .pdf), written atomically\n"
	      "      --size=W,H              size in pixels (default 900,500)\n"
	      "      --title=TEXT            title (default: from the data)\n"
	      "      --ylabel=TEXT           label of the y axis\n"
	      "      --lang=LANG             fi or en: decimal comma, labels, month names\n"
	      "      --shade=FROM..TO        shade a window, e.g. 2020-03..2020-12 (repeatable)\n"
	      "      --region=NAME           draw this region only (its, line)\n"
	      "      --indicator=NAME        draw this indicator only\n"
	      "      --estimate=COL          slopes: the estimate column (default slope, level\n"
	      "                                or diff, whichever the input has)\n"
	      "      --script=FILE           write the gnuplot script, data included, to FILE\n"
	      "                                instead of running gnuplot\n"
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

#define MAX_SHADE 8

struct opts {
	enum kind kind;
	const char *output, *title, *ylabel, *script, *gnuplot, *region, *indicator, *estimate;
	int w, h;
	enum ind_lang lang;
	bool lang_given;
	double shade_from[MAX_SHADE], shade_to[MAX_SHADE];
	int nshade;
};

static const char *L(const struct opts *o, const char *en, const char *fi)
{
	return o->lang == IND_LANG_FI ? fi : en;
}

static double number(const char *s)
{
	struct ind_num n;
	if (ind_num_parse(s, strlen(s), '.', IND_DASH_MISSING, &n) == IND_NUM_OK)
		return n.value;
	return NAN;
}

static void put_num(FILE *fp, double x)
{
	char buf[IND_DOUBLE_TEXT_MAX];
	fputs(isfinite(x) ? ind_num_format(x, buf) : "NaN", fp);
}

static int need(const struct ind_table *t, const char *col, const char *kind)
{
	int c = ind_table_col(t, col);
	if (c < 0)
		ind_die(IND_EXIT_DATA, "%s: --kind %s needs a column '%s'", t->name, kind, col);
	return c;
}

/* Rows of the table in time order, with their decimal years. */
struct pt {
	size_t row;
	double t;
};

static int pt_cmp(const void *a, const void *b)
{
	double x = ((const struct pt *)a)->t, y = ((const struct pt *)b)->t;
	return (x > y) - (x < y);
}

static double row_time(const struct ind_table *t, size_t r, int cp)
{
	struct ind_period p;
	const char *why;
	if (!ind_period_parse(t->cell[r][cp], strlen(t->cell[r][cp]), &p, &why))
		ind_die(IND_EXIT_DATA, "%s:%ld: period '%s': %s", t->name, t->line[r], t->cell[r][cp], why);
	return ind_period_time(&p);
}

static bool selected(const struct ind_table *t, size_t r, const struct opts *o, int cr, int ci)
{
	return (!o->region || (cr >= 0 && strcmp(t->cell[r][cr], o->region) == 0)) &&
	       (!o->indicator || (ci >= 0 && strcmp(t->cell[r][ci], o->indicator) == 0));
}

/* The distinct values of column c among selected rows, in order of appearance. */
static size_t distinct(const struct ind_table *t, int c, const struct opts *o, int cr, int ci, const char **out,
		       size_t max)
{
	size_t n = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		size_t k;
		if (!selected(t, r, o, cr, ci))
			continue;
		for (k = 0; k < n && strcmp(out[k], t->cell[r][c]) != 0; k++)
			;
		if (k == n && n < max)
			out[n++] = t->cell[r][c];
	}
	return n;
}

static void shades(FILE *fp, const struct opts *o)
{
	for (int i = 0; i < o->nshade; i++)
		fprintf(fp, "set object %d rect from %.6f, graph 0 to %.6f, graph 1 fc rgb '#bbbbbb' fs transparent "
			    "solid 0.25 noborder behind\n",
			i + 1, o->shade_from[i], o->shade_to[i]);
}

static void title_line(FILE *fp, const struct opts *o, const char *fallback)
{
	fputs("set title ", fp);
	ind_plot_quote(fp, o->title ? o->title : fallback);
	fputs(" font ',14'\n", fp);
	if (o->ylabel) {
		fputs("set ylabel ", fp);
		ind_plot_quote(fp, o->ylabel);
		fputc('\n', fp);
	}
}

/* line and multiples: a line per region (or, in multiples of one region, per indicator). */
static void plot_lines(FILE *fp, const struct ind_table *t, const struct opts *o, bool multiples)
{
	int cr = need(t, "region", "line"), ci = need(t, "indicator", "line"), cp = need(t, "period", "line"),
	    cv = need(t, "value", "line"), cf = ind_table_col(t, "fit");
	const char *groups[64], *inds[64];
	size_t ni = distinct(t, ci, o, cr, ci, inds, 64), ng;
	int by = cr;
	double tmin = INFINITY, tmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
	char title[256];

	if (ni > 1 && !multiples)
		ind_die(IND_EXIT_DATA, "%s: %zu indicators; choose one with --indicator (or use --kind multiples)", t->name,
			ni);
	if (multiples && ni > 1 && distinct(t, cr, o, cr, ci, groups, 64) == 1)
		by = ci;
	ng = distinct(t, by, o, cr, ci, groups, 64);
	if (ng == 0)
		ind_die(IND_EXIT_DATA, "%s: nothing to draw (no rows%s)", t->name, o->region || o->indicator ? " selected" : "");
	for (size_t g = 0; g < ng; g++) {
		struct pt *pts = malloc(t->nrows * sizeof *pts);
		size_t n = 0;
		if (!pts)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t r = 0; r < t->nrows; r++)
			if (selected(t, r, o, cr, ci) && strcmp(t->cell[r][by], groups[g]) == 0)
				pts[n].row = r, pts[n].t = row_time(t, r, cp), n++;
		qsort(pts, n, sizeof *pts, pt_cmp);
		fprintf(fp, "$d%zu << EOD\n", g);
		for (size_t i = 0; i < n; i++) {
			double v = number(t->cell[pts[i].row][cv]), f = cf >= 0 ? number(t->cell[pts[i].row][cf]) : NAN;
			put_num(fp, pts[i].t);
			fputc(' ', fp);
			put_num(fp, v);
			fputc(' ', fp);
			put_num(fp, f);
			fputc('\n', fp);
			if (pts[i].t < tmin)
				tmin = pts[i].t;
			if (pts[i].t > tmax)
				tmax = pts[i].t;
			if (isfinite(v))
				ymin = fmin(ymin, v), ymax = fmax(ymax, v);
		}
		fputs("EOD\n", fp);
		free(pts);
	}
	ind_plot_time_axis(fp, tmin, tmax, o->lang);
	shades(fp, o);
	if (!multiples) {
		snprintf(title, sizeof title, "%s", inds[0]);
		title_line(fp, o, title);
		fputs("plot ", fp);
		for (size_t g = 0; g < ng; g++) {
			const char *col = ind_palette[g % 8];
			fprintf(fp, "%s$d%zu using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc rgb '%s' title ", g ? ", \\\n  " : "",
				g, col);
			ind_plot_quote(fp, groups[g]);
			if (cf >= 0)
				fprintf(fp, ", \\\n  $d%zu using 1:3 with lines lw 2 dt 2 lc rgb '%s' notitle", g, col);
		}
		fputc('\n', fp);
		return;
	}
	{	/* small multiples with a shared y axis */
		int cols = (int)ceil(sqrt((double)ng)), rows = (int)((ng + (size_t)cols - 1) / (size_t)cols);
		double pad = (ymax - ymin) * 0.05 + 1e-9;
		fprintf(fp, "set yrange [%.6g:%.6g]\nunset key\n", ymin - pad, ymax + pad);
		if (tmax - tmin >= 5)	/* narrow panels: fewer year labels */
			fprintf(fp, "set xtics %d\n", tmax - tmin > 12 ? 5 : 2);
		fputs("set multiplot layout ", fp);
		fprintf(fp, "%d,%d title ", rows, cols);
		ind_plot_quote(fp, o->title ? o->title : by == cr ? inds[0] : groups[0]);
		fputs(" font ',14'\n", fp);
		for (size_t g = 0; g < ng; g++) {
			fputs("set title ", fp);
			ind_plot_quote(fp, groups[g]);
			fprintf(fp, "\nplot $d%zu using 1:2 with lines lw 2 lc rgb '%s' title ", g, ind_palette[0]);
			ind_plot_quote(fp, groups[g]);
			if (cf >= 0)
				fprintf(fp, ", $d%zu using 1:3 with lines lw 1.5 dt 2 lc rgb '%s' notitle", g, ind_palette[1]);
			fputc('\n', fp);
		}
		fputs("unset multiplot\n", fp);
	}
}

/* The classic ITS chart from ind-compare's default output. */
static void plot_its(FILE *fp, const struct ind_table *t, const struct opts *o)
{
	int cr = need(t, "region", "its"), ci = need(t, "indicator", "its"), cp = need(t, "period", "its"),
	    cv = need(t, "value", "its"), cfit = need(t, "fit", "its"), ccf = need(t, "counterfactual", "its"),
	    clo = need(t, "cf_lo", "its"), chi = need(t, "cf_hi", "its"), cph = need(t, "phase", "its");
	const char *first_r = NULL, *first_i = NULL;
	struct pt *pts = malloc((t->nrows ? t->nrows : 1) * sizeof *pts);
	size_t n = 0, nsel = 0;
	double t0 = NAN, tmin = INFINITY, tmax = -INFINITY, run_start = NAN;
	char title[300], at[IND_FMT_MAX] = "";
	int obj = o->nshade + 1;

	if (!pts)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t r = 0; r < t->nrows; r++) {
		if (!selected(t, r, o, cr, ci))
			continue;
		nsel++;
		if (!first_r)
			first_r = t->cell[r][cr], first_i = t->cell[r][ci];
		if (strcmp(t->cell[r][cr], first_r) != 0 || strcmp(t->cell[r][ci], first_i) != 0)
			continue;
		pts[n].row = r;
		pts[n].t = row_time(t, r, cp);
		n++;
	}
	if (!n)
		ind_die(IND_EXIT_DATA, "%s: nothing to draw", t->name);
	if (n < nsel)
		ind_warn("%s: several series; drawing '%s, %s' (choose with --region and --indicator)", t->name, first_r,
			 first_i);
	qsort(pts, n, sizeof *pts, pt_cmp);
	fputs("$d << EOD\n", fp);
	for (size_t i = 0; i < n; i++) {
		const char *ph = t->cell[pts[i].row][cph];
		int code = strcmp(ph, "pre") == 0 ? 0 : strcmp(ph, "post") == 0 ? 1 : 2;
		if (code == 1 && isnan(t0)) {
			t0 = pts[i].t;
			snprintf(at, sizeof at, "%s", t->cell[pts[i].row][cp]);
		}
		put_num(fp, pts[i].t);
		for (int c = 0; c < 5; c++) {
			int col = (int[]){ cv, cfit, ccf, clo, chi }[c];
			fputc(' ', fp);
			put_num(fp, number(t->cell[pts[i].row][col]));
		}
		fprintf(fp, " %d\n", code);
		tmin = fmin(tmin, pts[i].t);
		tmax = fmax(tmax, pts[i].t);
	}
	fputs("EOD\n", fp);
	ind_plot_time_axis(fp, tmin, tmax, o->lang);
	shades(fp, o);
	/* excluded runs shaded, so the reader sees what the model ignored */
	for (size_t i = 0; i <= n; i++) {
		bool ex = i < n && strcmp(t->cell[pts[i].row][cph], "excluded") == 0;
		if (ex && isnan(run_start))
			run_start = pts[i].t;
		if (!ex && !isnan(run_start)) {
			double end = pts[i - 1].t + (i < n ? (pts[i].t - pts[i - 1].t) : 1.0 / 12);
			fprintf(fp, "set object %d rect from %.6f, graph 0 to %.6f, graph 1 fc rgb '#cccccc' fs transparent "
				    "solid 0.35 noborder behind\n",
				obj++, run_start, end);
			run_start = NAN;
		}
	}
	if (!isnan(t0)) {
		struct ind_period p;
		char label[IND_FMT_MAX + 64], pbuf[IND_FMT_MAX];
		fprintf(fp, "set arrow from %.6f, graph 0 to %.6f, graph 1 nohead dt 3 lw 1.5 lc rgb '#333333'\n", t0, t0);
		if (ind_period_parse(at, strlen(at), &p, NULL))
			ind_fmt_period(&p, o->lang, pbuf);
		else
			snprintf(pbuf, sizeof pbuf, "%s", at);
		snprintf(label, sizeof label, "%s %s", L(o, "intervention", "muutos"), pbuf);
		fprintf(fp, "set label 1 ");
		ind_plot_quote(fp, label);
		fprintf(fp, " at %.6f, graph 0.97 offset 0.5,0 left font ',10' tc rgb '#333333'\n", t0);
	}
	snprintf(title, sizeof title, "%s \xe2\x80\x94 %s", first_r, first_i);
	title_line(fp, o, title);
	fprintf(fp,
		"plot $d using 1:($7==1?$5:1/0):($7==1?$6:1/0) with filledcurves lc rgb '%s' title '%s', \\\n"
		"  $d using 1:($7==1?$4:1/0) with lines lw 2 dt 2 lc rgb '%s' title '%s', \\\n"
		"  $d using 1:($7==0?$3:1/0) with lines lw 2.5 lc rgb '%s' title '%s', \\\n"
		"  $d using 1:($7==1?$3:1/0) with lines lw 2.5 lc rgb '%s' notitle, \\\n"
		"  $d using 1:($7!=2?$2:1/0) with points pt 7 ps 0.6 lc rgb '#333333' title '%s', \\\n"
		"  $d using 1:($7==2?$2:1/0) with points pt 6 ps 0.6 lc rgb '#999999' title '%s'\n",
		ind_palette[1], L(o, "counterfactual 95% CI", "vertailutaso 95 % lv"), ind_palette[1],
		L(o, "counterfactual", "vertailutaso ilman muutosta"), ind_palette[0], L(o, "fitted", "mallin sovite"),
		ind_palette[0], L(o, "observed", "havainto"), L(o, "excluded", "rajattu pois"));
	free(pts);
}

/* Before/after means per region, from ind-compare --summary; the error bar is mean_pre + the CI of the difference. */
static void plot_bars(FILE *fp, const struct ind_table *t, const struct opts *o)
{
	int cr = need(t, "region", "bars"), ci = need(t, "indicator", "bars"), ca = need(t, "mean_pre", "bars"),
	    cb = need(t, "mean_post", "bars"), clo = need(t, "diff_lo", "bars"), chi = need(t, "diff_hi", "bars");
	const char *inds[64];
	size_t ni = distinct(t, ci, o, cr, ci, inds, 64), k = 0;

	if (ni > 1)
		ind_die(IND_EXIT_DATA, "%s: %zu indicators; choose one with --indicator", t->name, ni);
	fputs("$d << EOD\n", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		double a = number(t->cell[r][ca]), b = number(t->cell[r][cb]);
		if (!selected(t, r, o, cr, ci) || !isfinite(a) || !isfinite(b))
			continue;
		fprintf(fp, "%zu ", k++);
		put_num(fp, a);
		fputc(' ', fp);
		put_num(fp, b);
		fputc(' ', fp);
		put_num(fp, a + number(t->cell[r][clo]));
		fputc(' ', fp);
		put_num(fp, a + number(t->cell[r][chi]));
		fputs(" \"", fp);
		for (const char *s = t->cell[r][cr]; *s; s++)
			if (*s != '"')
				fputc(*s, fp);
		fputs("\"\n", fp);
	}
	fputs("EOD\n", fp);
	if (!k)
		ind_die(IND_EXIT_DATA, "%s: no rows with mean_pre and mean_post", t->name);
	title_line(fp, o, ni ? inds[0] : "");
	fprintf(fp, "set xrange [-0.6:%zu.6]\nset yrange [0:*]\nset boxwidth 0.38\nset style fill solid 0.85 noborder\n"
		    "set xtics rotate by -30 left\nset grid noxtics\n",
		k - 1);
	fprintf(fp,
		"plot $d using ($1-0.2):2:xtic(6) with boxes lc rgb '%s' title '%s', \\\n"
		"  $d using ($1+0.2):3 with boxes lc rgb '%s' title '%s', \\\n"
		"  $d using ($1+0.2):3:4:5 with yerrorbars ps 0 lw 1.5 lc rgb '#333333' title '%s'\n",
		ind_palette[4], L(o, "before", "ennen"), ind_palette[0], L(o, "after", "jälkeen"),
		L(o, "95% CI of the change", "muutoksen 95 % lv"));
}

/* A forest plot: each row's estimate with its interval, zero marked. */
static void plot_slopes(FILE *fp, const struct ind_table *t, const struct opts *o)
{
	static const char *const defaults[] = { "slope", "level", "diff", "did", "apc", NULL };
	const char *est = o->estimate;
	char lo[160], hi[160];
	int cr = need(t, "region", "slopes"), ci = ind_table_col(t, "indicator"), ce, cl, ch;
	const char *inds[64];
	size_t ni = ci >= 0 ? distinct(t, ci, o, cr, ci, inds, 64) : 0, k = 0;

	for (const char *const *d = defaults; !est && *d; d++)
		if (ind_table_col(t, *d) >= 0)
			est = *d;
	if (!est)
		ind_die(IND_EXIT_DATA, "%s: no estimate column (slope, level, diff ...); name one with --estimate", t->name);
	snprintf(lo, sizeof lo, "%s_lo", est);
	snprintf(hi, sizeof hi, "%s_hi", est);
	ce = need(t, est, "slopes");
	cl = need(t, lo, "slopes");
	ch = need(t, hi, "slopes");
	fputs("$d << EOD\n", fp);
	for (size_t r = t->nrows; r-- > 0;) {	/* the first row on top */
		double e = number(t->cell[r][ce]);
		if (!selected(t, r, o, cr, ci) || !isfinite(e))
			continue;
		fprintf(fp, "%zu ", k++);
		put_num(fp, e);
		fputc(' ', fp);
		put_num(fp, number(t->cell[r][cl]));
		fputc(' ', fp);
		put_num(fp, number(t->cell[r][ch]));
		fputs(" \"", fp);
		for (const char *s = t->cell[r][cr]; *s; s++)
			if (*s != '"')
				fputc(*s, fp);
		if (ni > 1)
			for (const char *s = t->cell[r][ci], *sep = ", "; *sep || *s; ) {
				if (*sep)
					fputc(*sep++, fp);
				else if (*s != '"')
					fputc(*s++, fp);
				else
					s++;
			}
		fputs("\"\n", fp);
	}
	fputs("EOD\n", fp);
	if (!k)
		ind_die(IND_EXIT_DATA, "%s: no rows with an estimate in '%s'", t->name, est);
	title_line(fp, o, ni == 1 ? inds[0] : est);
	fprintf(fp, "set yrange [-0.7:%zu.7]\nset grid xtics noytics\nunset key\nset xlabel ", k - 1);
	ind_plot_quote(fp, est);
	fprintf(fp, "\nset arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#777777' dt 2\n"
		    "plot $d using 2:1:3:4:ytic(5) with xerrorbars pt 7 ps 1.1 lw 1.5 lc rgb '%s'\n",
		ind_palette[0]);
}

int main(int argc, char **argv)
{
	struct opts o = { .kind = K_LINE, .w = 900, .h = 500 };
	struct ind_table t;
	struct ind_error err;
	enum ind_terminal term = IND_TERM_PNG;
	const char *input = "-";
	char *script = NULL, *tmp = NULL;
	size_t len = 0;
	FILE *fp;
	int c, rc = IND_EXIT_OK;

	ind_set_progname("ind-plot");
	argv[0] = (char *)"ind-plot";
	while ((c = getopt_long(argc, argv, "k:o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'k': {
			static const char *const kinds[] = { "line", "its", "multiples", "bars", "slopes" };
			int k;
			for (k = 0; k < 5 && strcmp(optarg, kinds[k]) != 0; k++)
				;
			if (k == 5)
				ind_usage_error("invalid --kind '%s' (use line, its, multiples, bars or slopes)", optarg);
			o.kind = (enum kind)k;
			break;
		}
		case 'o': o.output = optarg; break;
		case OPT_SIZE:
			if (sscanf(optarg, "%d,%d", &o.w, &o.h) != 2 || o.w < 100 || o.h < 100 || o.w > 10000 || o.h > 10000)
				ind_usage_error("invalid --size '%s': expected W,H in pixels, e.g. 900,500", optarg);
			break;
		case OPT_TITLE: o.title = optarg; break;
		case OPT_YLABEL: o.ylabel = optarg; break;
		case OPT_LANG:
			if (strcmp(optarg, "fi") == 0)
				o.lang = IND_LANG_FI;
			else if (strcmp(optarg, "en") == 0)
				o.lang = IND_LANG_EN;
			else
				ind_usage_error("invalid --lang '%s' (use fi or en)", optarg);
			break;
		case OPT_SHADE: {
			const char *dots = strstr(optarg, "..");
			struct ind_period a, b;
			if (!dots || o.nshade == MAX_SHADE || !ind_period_parse(optarg, (size_t)(dots - optarg), &a, NULL) ||
			    !ind_period_parse(dots + 2, strlen(dots + 2), &b, NULL))
				ind_usage_error("invalid --shade '%s': expected FROM..TO, e.g. 2020-03..2020-12", optarg);
			o.shade_from[o.nshade] = ind_period_time(&a);
			o.shade_to[o.nshade++] = ind_period_end_time(&b);
			break;
		}
		case OPT_SCRIPT: o.script = optarg; break;
		case OPT_GNUPLOT: o.gnuplot = optarg; break;
		case OPT_REGION: o.region = optarg; break;
		case OPT_INDICATOR: o.indicator = optarg; break;
		case OPT_ESTIMATE: o.estimate = optarg; break;
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
	if (optind < argc)
		input = argv[optind];
	if (ind_table_read(input, &t, &err) < 0) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}

	if (!(fp = open_memstream(&script, &len)))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!o.script) {
		/* gnuplot writes beside the final name; it is renamed into place only on success */
		int fd = ind_temp_beside(o.output, &tmp);
		if (fd < 0)
			ind_die(IND_EXIT_DATA, "%s: cannot create output:", o.output);
		close(fd);
	}
	ind_plot_preamble(fp, term, o.w, o.h, tmp ? tmp : o.output ? o.output : "plot.png", o.lang);
	switch (o.kind) {
	case K_ITS: plot_its(fp, &t, &o); break;
	case K_MULTIPLES: plot_lines(fp, &t, &o, true); break;
	case K_BARS: plot_bars(fp, &t, &o); break;
	case K_SLOPES: plot_slopes(fp, &t, &o); break;
	case K_LINE:
	default: plot_lines(fp, &t, &o, false); break;
	}
	fclose(fp);
	if (o.script) {
		FILE *sf = fopen(o.script, "w");
		if (!sf || fwrite(script, 1, len, sf) != len || fclose(sf) != 0) {
			ind_warn("%s: cannot write the script:", o.script);
			rc = IND_EXIT_DATA;
		}
	} else if (ind_gnuplot_run(o.gnuplot, script, len, &err) < 0) {
		ind_error_print(&err);
		unlink(tmp);
		rc = IND_EXIT_DATA;
	} else if (rename(tmp, o.output) != 0) {
		ind_warn("%s: cannot rename the chart into place:", o.output);
		unlink(tmp);
		rc = IND_EXIT_DATA;
	}
	free(tmp);
	free(script);
	ind_table_free(&t);
	return rc;
}
