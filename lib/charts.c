/* charts.c - line, ITS, small-multiple, bar and forest charts as gnuplot scripts. See LICENSE. */
#include "charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "period.h"
#include "plot.h"




static const char *L(const struct ind_chart *o, const char *en, const char *fi, const char *sv)
{
	return o->lang == IND_LANG_FI ? fi : o->lang == IND_LANG_SV ? sv : en;
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

static int need(const struct ind_table *t, const char *col, const char *kind, struct ind_error *err)
{
	int c = ind_table_col(t, col);
	if (c < 0 && !err->msg[0])	/* the first missing column is the one to name */
		ind_error_set(err, t->name, 0, "--kind %s needs a column '%s'", kind, col);
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

/* Decimal years of row r; NaN with err for a bad period. *kind becomes the finest kind seen (numeric wins). */
static double row_time(const struct ind_table *t, size_t r, int cp, int *kind, struct ind_error *err)
{
	struct ind_period p;
	const char *why;
	if (!ind_period_parse(t->cell[r][cp], strlen(t->cell[r][cp]), &p, &why)) {
		ind_error_set(err, t->name, t->line[r], "period '%s': %s", t->cell[r][cp], why);
		return NAN;
	}
	if (*kind < 0 || (*kind != IND_PERIOD_NUMERIC && (p.kind == IND_PERIOD_NUMERIC || (int)p.kind > *kind)))
		*kind = (int)p.kind;
	return ind_period_time(&p);
}

/* The width of one plot area: the chart's less its margins, shared between panels. */
static int plot_width(const struct ind_chart *o, int panels_across)
{
	int w = o->width > 0 ? o->width : 900;
	return w * 85 / 100 / (panels_across > 0 ? panels_across : 1);
}

static void time_axis(FILE *fp, double tmin, double tmax, int kind, const struct ind_chart *o, int panels_across)
{
	ind_plot_time_ticks(fp, tmin, tmax, kind < 0 ? IND_PERIOD_MONTH : (enum ind_period_kind)kind,
			    plot_width(o, panels_across), o->lang);
}

static bool selected(const struct ind_table *t, size_t r, const struct ind_chart *o, int cr, int ci)
{
	return (!o->region || (cr >= 0 && strcmp(t->cell[r][cr], o->region) == 0)) &&
	       (!o->indicator || (ci >= 0 && strcmp(t->cell[r][ci], o->indicator) == 0));
}

/* The distinct values of column c among the selected rows, in order of appearance (malloc'ed; *n of them). */
static const char **distinct(const struct ind_table *t, int c, const struct ind_chart *o, int cr, int ci, size_t *n)
{
	const char **out = malloc((t->nrows ? t->nrows : 1) * sizeof *out);
	if (!out)
		ind_die(IND_EXIT_DATA, "out of memory");
	*n = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		size_t k;
		if (!selected(t, r, o, cr, ci))
			continue;
		for (k = 0; k < *n && strcmp(out[k], t->cell[r][c]) != 0; k++)
			;
		if (k == *n)
			out[(*n)++] = t->cell[r][c];
	}
	return out;
}

/* The value axis title: the caller's, or the unit column when the selected rows share one unit. */
static const char *unit_of(const struct ind_table *t, const struct ind_chart *o, int cr, int ci)
{
	int cu = ind_table_col(t, "unit");
	const char *u = NULL;
	if (o->ylabel)
		return o->ylabel;
	for (size_t r = 0; cu >= 0 && r < t->nrows; r++) {
		if (!selected(t, r, o, cr, ci) || !t->cell[r][cu][0])
			continue;
		if (u && strcmp(u, t->cell[r][cu]) != 0)
			return NULL;	/* several units: none is the axis's */
		u = t->cell[r][cu];
	}
	return u;
}

static const char *shade_label(const struct ind_chart *o)
{
	return o->shade_label ? o->shade_label : L(o, "shaded period", "varjostettu jakso", "skuggad period");
}

static void shades(FILE *fp, const struct ind_chart *o)
{
	for (int i = 0; i < o->nshade; i++)
		fprintf(fp, "set object %d rect from %.6f, graph 0 to %.6f, graph 1 fc rgb '#bbbbbb' fs transparent "
			    "solid 0.25 noborder behind\n",
			i + 1, o->shade_from[i], o->shade_to[i]);
}

/* The title comment is for ind_plot_script_title: the SVG's <title> is set from it. */
static void title_comment(FILE *fp, const char *title)
{
	fputs("# title ", fp);
	ind_plot_quote(fp, title);
	fputc('\n', fp);
}

static void title_line(FILE *fp, const struct ind_chart *o, const char *fallback, const char *ylabel)
{
	const char *title = o->title ? o->title : fallback;
	title_comment(fp, title);
	fputs("set title ", fp);
	ind_plot_quote(fp, title);
	fputs(" font ',14'\n", fp);
	if (ylabel) {
		fputs("set ylabel ", fp);
		ind_plot_quote(fp, ylabel);
		fputc('\n', fp);
	}
}

/* line and multiples: a line per region (or, in multiples of one region, per indicator). */
static int chart_lines(FILE *fp, const struct ind_table *t, const struct ind_chart *o, bool multiples, struct ind_error *err)
{
	int cr = need(t, "region", "line", err), ci = need(t, "indicator", "line", err), cp = need(t, "period", "line", err),
	    cv = need(t, "value", "line", err), cf = ind_table_col(t, "fit");
	const char **groups = NULL, **inds;
	size_t ni, ng;
	int by = cr, rc = 0, kind = -1;
	double tmin = INFINITY, tmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
	char title[512];
	const char *name;

	if (cr < 0 || ci < 0 || cp < 0 || cv < 0)
		return -1;
	inds = distinct(t, ci, o, cr, ci, &ni);
	if (ni > 1 && !multiples) {
		free(inds);
		return ind_error_set(err, t->name, 0, "%zu indicators; choose one with --indicator (or use --kind multiples)",
			ni);
	}
	if (multiples && ni > 1) {
		groups = distinct(t, cr, o, cr, ci, &ng);
		if (ng == 1)
			by = ci;
		free(groups);
	}
	groups = distinct(t, by, o, cr, ci, &ng);
	if (ng == 0) {
		free(inds);
		free(groups);
		return ind_error_set(err, t->name, 0, "nothing to draw (no rows%s)", o->region || o->indicator ? " selected" : "");
	}
	/* no silent cap: every line is drawn, and the reader is told when styles repeat */
	if (!multiples && ng > IND_PLOT_STYLES)
		ind_warn("%s: %zu lines but %d line styles that can be told apart (%d colours, %d point shapes); "
			 "use --kind multiples, or --region to choose",
			 t->name, ng, IND_PLOT_STYLES, IND_PALETTE_N, IND_PLOT_SHAPES);
	if (multiples && ng > 36)
		ind_warn("%s: %zu panels, too small to read; choose regions with --region or ind-load --regions", t->name, ng);
	for (size_t g = 0; g < ng; g++) {
		struct pt *pts = malloc((t->nrows ? t->nrows : 1) * sizeof *pts);
		size_t n = 0;
		if (!pts)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t r = 0; r < t->nrows; r++)
			if (selected(t, r, o, cr, ci) && strcmp(t->cell[r][by], groups[g]) == 0)
				pts[n].row = r, pts[n].t = row_time(t, r, cp, &kind, err), n++;
		for (size_t i = 0; i < n; i++)
			if (isnan(pts[i].t)) {
				free(pts);
				rc = -1;
				goto out;
			}
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
			tmin = fmin(tmin, pts[i].t);
			tmax = fmax(tmax, pts[i].t);
			if (isfinite(v))
				ymin = fmin(ymin, v), ymax = fmax(ymax, v);
			if (isfinite(f))
				ymin = fmin(ymin, f), ymax = fmax(ymax, f);
		}
		fputs("EOD\n", fp);
		free(pts);
	}
	name = o->label ? o->label : inds[0];
	shades(fp, o);
	if (!multiples) {
		time_axis(fp, tmin, tmax, kind, o, 1);
		ind_plot_value_axis(fp, "y", ymin, ymax, false, o->lang);
		title_line(fp, o, name, unit_of(t, o, cr, ci));
		fputs("plot ", fp);
		for (size_t g = 0; g < ng; g++) {
			const char *col = ind_palette[g % IND_PALETTE_N];
			fprintf(fp, "%s$d%zu using 1:2 with linespoints lw 2 pt %d ps 0.8 lc rgb '%s' title ",
				g ? ", \\\n  " : "", g, ind_plot_shape(g), col);
			ind_plot_quote(fp, groups[g]);
			if (cf >= 0)
				fprintf(fp, ", \\\n  $d%zu using 1:3 with lines lw 1.5 dt 2 lc rgb '%s' notitle", g, col);
		}
		if (o->nshade) {
			fputs(", \\\n  ", fp);
			ind_plot_shade_key(fp, shade_label(o));
		}
		fputc('\n', fp);
		goto out;
	}
	{	/* small multiples with a shared y axis */
		int cols = (int)ceil(sqrt((double)ng)), rows = (int)((ng + (size_t)cols - 1) / (size_t)cols);
		const char *ylabel = unit_of(t, o, cr, ci);
		time_axis(fp, tmin, tmax, kind, o, cols);
		ind_plot_value_axis(fp, "y", ymin, ymax, false, o->lang);
		fputs("unset key\n", fp);
		if (by == cr)
			snprintf(title, sizeof title, "%s", name);
		else
			snprintf(title, sizeof title, "%s", groups[0]);
		if (ylabel && !o->title)	/* panels too small for an axis title: the unit goes in the title */
			snprintf(title + strlen(title), sizeof title - strlen(title), ", %s", ylabel);
		title_comment(fp, o->title ? o->title : title);
		fputs("set multiplot layout ", fp);
		fprintf(fp, "%d,%d title ", rows, cols);
		ind_plot_quote(fp, o->title ? o->title : title);
		fputs(" font ',14'", fp);
		if (o->nshade)	/* room at the bottom for what the shading means: panels have no legend */
			fputs(" scale 1,0.94 offset 0,0.01", fp);
		fputc('\n', fp);
		for (size_t g = 0; g < ng; g++) {
			if (o->nshade && g + 1 == ng) {
				/* a swatch of the shading's colour, then what it means */
				fputs("set label 98 '\xe2\x96\x88\xe2\x96\x88' at screen 0.02, screen 0.025 left tc rgb '#e4e4e4' "
				      "font ',10'\nset label 99 ", fp);
				ind_plot_quote(fp, shade_label(o));
				fputs(" at screen 0.02, screen 0.025 left offset 3,0 tc rgb '#444444' font ',10'\n", fp);
			}
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
out:
	free(inds);
	free(groups);
	return rc;
}

/* The classic ITS chart from ind-compare's default output: one fitted line per segment, a line per interruption. */
/* ind-compare --placebo adds rows of fake dates (and of the real estimate) to the stream: no data points. */
static bool is_placebo_row(const char *phase) { return strcmp(phase, "placebo") == 0 || strcmp(phase, "estimate") == 0; }

static int chart_its(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	int cr = need(t, "region", "its", err), ci = need(t, "indicator", "its", err), cp = need(t, "period", "its", err),
	    cv = need(t, "value", "its", err), cfit = need(t, "fit", "its", err), ccf = need(t, "counterfactual", "its", err),
	    clo = need(t, "cf_lo", "its", err), chi = need(t, "cf_hi", "its", err), cph = need(t, "phase", "its", err);
	int cseg = ind_table_col(t, "segment");	/* older streams have none: one interruption, at the first post row */
	int cat = ind_table_col(t, "at");	/* the interruption's own period, even where the data skip it */
	const char *first_r = NULL, *first_i = NULL;
	struct pt *pts = malloc((t->nrows ? t->nrows : 1) * sizeof *pts);
	size_t n = 0, nsel = 0, nexcl = 0;
	double tmin = INFINITY, tmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY, run_start = NAN;
	char title[600];
	int obj = o->nshade + 1, nseg = 0, last_seg = 0, kind = -1;
	size_t brk[64];

	if (cr < 0 || ci < 0 || cp < 0 || cv < 0 || cfit < 0 || ccf < 0 || clo < 0 || chi < 0 || cph < 0) {
		free(pts);
		return -1;
	}
	if (!pts)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t r = 0; r < t->nrows; r++) {
		if (!selected(t, r, o, cr, ci) || is_placebo_row(t->cell[r][cph]))
			continue;
		nsel++;
		if (!first_r)
			first_r = t->cell[r][cr], first_i = t->cell[r][ci];
		if (strcmp(t->cell[r][cr], first_r) != 0 || strcmp(t->cell[r][ci], first_i) != 0)
			continue;
		pts[n].row = r;
		pts[n].t = row_time(t, r, cp, &kind, err);
		if (isnan(pts[n].t)) {
			free(pts);
			return -1;
		}
		n++;
	}
	if (!n) {
		free(pts);
		return ind_error_set(err, t->name, 0, "nothing to draw");
	}
	if (n < nsel)
		ind_warn("%s: several series; drawing '%s, %s' (choose with --region and --indicator)", t->name, first_r,
			 first_i);
	qsort(pts, n, sizeof *pts, pt_cmp);
	fputs("$d << EOD\n", fp);
	for (size_t i = 0; i < n; i++) {
		const char *ph = t->cell[pts[i].row][cph];
		int code = strcmp(ph, "pre") == 0 ? 0 : strcmp(ph, "post") == 0 ? 1 : 2, seg;
		if (cseg >= 0) {
			double v = number(t->cell[pts[i].row][cseg]);
			seg = isfinite(v) && v >= 0 && v <= 64 ? (int)v : 0;
		} else {
			seg = code == 1 || (last_seg && code == 2) ? 1 : 0;
		}
		if (seg > last_seg && nseg < 64) {	/* an interruption: the first period of a new segment */
			brk[nseg++] = i;
			last_seg = seg;
		}
		nexcl += code == 2;
		put_num(fp, pts[i].t);
		for (int c = 0; c < 5; c++) {
			int col = (int[]){ cv, cfit, ccf, clo, chi }[c];
			double x = number(t->cell[pts[i].row][col]);
			fputc(' ', fp);
			put_num(fp, x);
			if (isfinite(x))
				ymin = fmin(ymin, x), ymax = fmax(ymax, x);
		}
		fprintf(fp, " %d %d\n", code, seg);
		tmin = fmin(tmin, pts[i].t);
		tmax = fmax(tmax, pts[i].t);
	}
	fputs("EOD\n", fp);
	/* the interruptions: the caller's periods, else the stream's at column, else the segment's first row */
	for (int k = 0; k < (o->nat > 0 ? o->nat : nseg) && k < 64; k++) {
		struct ind_period ap;
		char label[IND_FMT_MAX + 64], pbuf[IND_FMT_MAX];
		double tk;
		bool parsed;
		if (o->nat > 0) {
			ap = o->at[k];
			parsed = true;
		} else {
			const char *at = t->cell[pts[brk[k]].row][cat >= 0 && t->cell[pts[brk[k]].row][cat][0] ? cat : cp];
			parsed = ind_period_parse(at, strlen(at), &ap, NULL);
			if (!parsed)
				snprintf(pbuf, sizeof pbuf, "%s", at);
		}
		tk = parsed ? ind_period_time(&ap) : pts[brk[k]].t;
		if (parsed)
			ind_fmt_period(&ap, o->lang, pbuf);
		tmin = fmin(tmin, tk);
		tmax = fmax(tmax, tk);
		fprintf(fp, "set arrow from %.6f, graph 0 to %.6f, graph 1 nohead dt 3 lw 1.5 lc rgb '#333333'\n", tk, tk);
		snprintf(label, sizeof label, "%s %s", L(o, "intervention", "muutos", "f\xc3\xb6r\xc3\xa4ndring"), pbuf);
		fprintf(fp, "set label %d ", k + 1);
		ind_plot_quote(fp, label);
		/* staggered, so that close interruptions keep readable labels */
		fprintf(fp, " at %.6f, graph %.2f offset 0.5,0 left font ',10' tc rgb '#333333'\n", tk, 0.97 - 0.06 * (k % 3));
	}
	time_axis(fp, tmin, tmax, kind, o, 1);
	ind_plot_value_axis(fp, "y", ymin, ymax, false, o->lang);
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
	snprintf(title, sizeof title, "%s \xe2\x80\x94 %s", first_r, o->label ? o->label : first_i);
	title_line(fp, o, title, unit_of(t, o, cr, ci));
	fprintf(fp,
		"plot $d using 1:($7==1?$5:1/0):($7==1?$6:1/0) with filledcurves lc rgb '%s' title '%s', \\\n"
		"  $d using 1:($7==1?$4:1/0) with lines lw 2 dt 2 lc rgb '%s' title '%s', \\\n",
		ind_palette[1], L(o, "counterfactual 95% CI", "vertailutason 95 %:n lv", "j\xc3\xa4mf\xc3\xb6relseniv\xc3\xa5ns 95 % KI"), ind_palette[1],
		L(o, "counterfactual", "vertailutaso ilman muutosta", "j\xc3\xa4mf\xc3\xb6relseniv\xc3\xa5 utan f\xc3\xb6r\xc3\xa4ndringen"));
	for (int k = 0; k <= last_seg; k++) {	/* each segment's fit on its own, not joined across a break */
		fprintf(fp, "  $d using 1:($8==%d&&$7!=2?$3:1/0) with lines lw 2.5 lc rgb '%s' ", k, ind_palette[0]);
		if (k == 0)
			fprintf(fp, "title '%s', \\\n", L(o, "fitted", "mallin sovite", "modellens anpassning"));
		else
			fputs("notitle, \\\n", fp);
	}
	/* points big enough to see at report size; the legend lists only what is drawn */
	fprintf(fp, "  $d using 1:($7!=2?$2:1/0) with points pt 7 ps 0.9 lc rgb '#333333' title '%s'",
		L(o, "observed", "havainto", "observerat"));
	if (nexcl)
		fprintf(fp, ", \\\n  $d using 1:($7==2?$2:1/0) with points pt 6 ps 0.9 lw 1.2 lc rgb '#777777' title '%s'",
			L(o, "excluded from the model", "rajattu pois mallista", "utesluten ur modellen"));
	if (o->nshade) {
		fputs(", \\\n  ", fp);
		ind_plot_shade_key(fp, shade_label(o));
	}
	fputc('\n', fp);
	free(pts);
	return 0;
}

/*
 * joinpoint: ind-trend --joinpoints rows (jp_fit, jp_segment) of one series.
 * Each segment's line comes back from its fitted values: straight in
 * log(jp_fit) for a log-linear model, in jp_fit for a linear one (the rows
 * say which: the other is curved); joinpoints are where neighbouring lines
 * meet, so one between observations (--grid) is drawn where it is.
 */
#define JP_SEG_MAX 16

/* How far g(f) of the points strays from the chord of each segment, relative to the range of g: the largest. */
static double jp_curvature(const double *pt_t, const double *f, const int *sg, size_t n, int nseg, bool logs)
{
	double lo = INFINITY, hi = -INFINITY, worst = 0;
	for (size_t i = 0; i < n; i++) {
		double g = logs ? log(f[i]) : f[i];
		lo = fmin(lo, g), hi = fmax(hi, g);
	}
	if (!(hi > lo))
		return 0;
	for (int s = 1; s <= nseg; s++) {
		size_t a = n, b = n;
		for (size_t i = 0; i < n; i++)
			if (sg[i] == s) {
				if (a == n)
					a = i;
				b = i;
			}
		if (a == n || pt_t[b] <= pt_t[a])
			continue;
		for (size_t i = a; i <= b; i++) {
			double ga = logs ? log(f[a]) : f[a], gb = logs ? log(f[b]) : f[b], g = logs ? log(f[i]) : f[i];
			double chord = ga + (gb - ga) * (pt_t[i] - pt_t[a]) / (pt_t[b] - pt_t[a]);
			if (sg[i] == s)
				worst = fmax(worst, fabs(g - chord) / (hi - lo));
		}
	}
	return worst;
}

static int chart_joinpoint(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	int cr = need(t, "region", "joinpoint", err), ci = need(t, "indicator", "joinpoint", err),
	    cp = need(t, "period", "joinpoint", err), cv = need(t, "value", "joinpoint", err),
	    cf = need(t, "jp_fit", "joinpoint", err), cs = need(t, "jp_segment", "joinpoint", err);
	const char *first_r = NULL, *first_i = NULL;
	struct pt *pts;
	double *pt_t = NULL, *v = NULL, *f = NULL, a[JP_SEG_MAX + 1], b[JP_SEG_MAX + 1], tj[JP_SEG_MAX + 1];
	double tmin = INFINITY, tmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY, cur_lin, cur_log;
	int *sg = NULL, nseg = 0, kind = -1, rc = -1;
	size_t n = 0, nsel = 0, nf = 0;
	bool logs;
	char title[600];

	if (cr < 0 || ci < 0 || cp < 0 || cv < 0 || cf < 0 || cs < 0)
		return -1;
	if (!(pts = malloc((t->nrows ? t->nrows : 1) * sizeof *pts)))
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
		if (isnan(pts[n].t = row_time(t, r, cp, &kind, err)))
			goto out;
		n++;
	}
	if (!n) {
		ind_error_set(err, t->name, 0, "nothing to draw");
		goto out;
	}
	if (n < nsel)
		ind_warn("%s: several series; drawing '%s, %s' (choose with --region and --indicator)", t->name, first_r,
			 first_i);
	qsort(pts, n, sizeof *pts, pt_cmp);
	pt_t = malloc(n * sizeof *pt_t), v = malloc(n * sizeof *v), f = malloc(n * sizeof *f), sg = malloc(n * sizeof *sg);
	if (!pt_t || !v || !f || !sg)
		ind_die(IND_EXIT_DATA, "out of memory");
	/* the rows with a fit (missing values have one too), in time order */
	for (size_t i = 0; i < n; i++) {
		size_t r = pts[i].row;
		double x = number(t->cell[r][cf]), s = number(t->cell[r][cs]);
		v[i] = number(t->cell[r][cv]);
		tmin = fmin(tmin, pts[i].t), tmax = fmax(tmax, pts[i].t);
		if (isfinite(v[i]))
			ymin = fmin(ymin, v[i]), ymax = fmax(ymax, v[i]);
		if (!isfinite(x) && !t->cell[r][cf][0])
			continue;
		if (!isfinite(x) || !(s >= 1 && s <= JP_SEG_MAX && s == floor(s)) ||
		    (nf && ((int)s < sg[nf - 1] || (int)s > sg[nf - 1] + 1)) || (!nf && s != 1)) {
			ind_error_set(err, t->name, t->line[r], "jp_fit '%s', jp_segment '%s': not a joinpoint fit of ind-trend",
				      t->cell[r][cf], t->cell[r][cs]);
			goto out;
		}
		pt_t[nf] = pts[i].t, f[nf] = x, sg[nf] = (int)s;
		nseg = sg[nf++];
	}
	if (!nf) {
		ind_error_set(err, t->name, 0, "'%s, %s' has no joinpoint model (jp_fit is empty): ind-trend --joinpoints "
			      "gave it none", first_r, first_i);
		goto out;
	}
	{	/* log-linear or linear: the one that is straight on every segment */
		bool positive = true;
		for (size_t i = 0; i < nf; i++)
			positive &= f[i] > 0;
		cur_lin = jp_curvature(pt_t, f, sg, nf, nseg, false);
		cur_log = positive ? jp_curvature(pt_t, f, sg, nf, nseg, true) : INFINITY;
		if (cur_log <= 1e-8 && cur_lin > 1e-5)
			logs = true;
		else if (cur_lin <= 1e-8 && cur_log > 1e-5)
			logs = false;
		else {
			ind_error_set(err, t->name, 0, "'%s, %s': cannot tell from jp_fit whether the joinpoint model is "
				      "log-linear or linear (%s)", first_r, first_i,
				      cur_lin > 1e-8 && cur_log > 1e-8 ? "neither is straight on its segments: not a joinpoint fit"
									: "every segment is nearly flat either way");
			goto out;
		}
	}
	/* each segment's line g = a + b t from its first and last rows */
	for (int s = 1; s <= nseg; s++) {
		size_t i0 = nf, i1 = nf;
		for (size_t i = 0; i < nf; i++)
			if (sg[i] == s) {
				if (i0 == nf)
					i0 = i;
				i1 = i;
			}
		if (i0 == nf || !(pt_t[i1] > pt_t[i0])) {
			ind_error_set(err, t->name, 0, "'%s, %s': segment %d has fewer than two periods; its line cannot be drawn",
				      first_r, first_i, s);
			goto out;
		}
		b[s] = ((logs ? log(f[i1]) : f[i1]) - (logs ? log(f[i0]) : f[i0])) / (pt_t[i1] - pt_t[i0]);
		a[s] = (logs ? log(f[i0]) : f[i0]) - b[s] * pt_t[i0];
	}
	/* joinpoint s ends segment s: where the lines of s and s + 1 meet, between their rows */
	tj[0] = pt_t[0];
	tj[nseg] = pt_t[nf - 1];
	for (int s = 1; s < nseg; s++) {
		double last = -INFINITY, next = INFINITY, tol = 1e-6 * (fabs(tmax) + 1);
		for (size_t i = 0; i < nf; i++) {
			if (sg[i] == s)
				last = pt_t[i];
			if (sg[i] == s + 1 && next == INFINITY)
				next = pt_t[i];
		}
		tj[s] = b[s] != b[s + 1] ? (a[s + 1] - a[s]) / (b[s] - b[s + 1]) : NAN;
		if (!(tj[s] >= last - tol && tj[s] <= next + tol)) {
			ind_error_set(err, t->name, 0, "'%s, %s': segments %d and %d do not meet between their periods: not a "
				      "joinpoint fit", first_r, first_i, s, s + 1);
			goto out;
		}
		tj[s] = fmin(fmax(tj[s], last), next);
	}
	/* data: the observed values; the fitted curve sampled along each segment (curved on the log scale) */
	fputs("$obs << EOD\n", fp);
	for (size_t i = 0; i < n; i++) {
		put_num(fp, pts[i].t);
		fputc(' ', fp);
		put_num(fp, v[i]);
		fputc('\n', fp);
	}
	fputs("EOD\n$fit << EOD\n", fp);
	for (int s = 1; s <= nseg; s++)
		for (int k = 0; k <= 48; k++) {
			double x = tj[s - 1] + (tj[s] - tj[s - 1]) * k / 48, g = a[s] + b[s] * x, y = logs ? exp(g) : g;
			put_num(fp, x);
			fputc(' ', fp);
			put_num(fp, y);
			fputc('\n', fp);
			ymin = fmin(ymin, y), ymax = fmax(ymax, y);
		}
	fputs("EOD\n$jp << EOD\n", fp);
	for (int s = 1; s < nseg; s++) {
		double g = a[s] + b[s] * tj[s];
		put_num(fp, tj[s]);
		fputc(' ', fp);
		put_num(fp, logs ? exp(g) : g);
		fputc('\n', fp);
	}
	fputs("EOD\n", fp);
	/* each joinpoint: a dotted line and its period (a decimal year when it lies between periods) */
	for (int s = 1; s < nseg; s++) {
		char label[IND_FMT_MAX + 32], pbuf[IND_FMT_MAX > IND_DOUBLE_TEXT_MAX ? IND_FMT_MAX : IND_DOUBLE_TEXT_MAX];
		bool named = false;
		for (size_t i = 0; i < n && !named; i++)
			if (fabs(pts[i].t - tj[s]) <= 1e-9 * (fabs(tj[s]) + 1)) {
				struct ind_period p;
				const char *c = t->cell[pts[i].row][cp];
				if (ind_period_parse(c, strlen(c), &p, NULL)) {
					ind_fmt_period(&p, o->lang, pbuf);
					named = true;
				}
			}
		if (!named)	/* as ind-trend writes it in jp_1 ...: a decimal year (to a millionth: the meeting is computed) */
			ind_num_format(round(tj[s] * 1e6) / 1e6, pbuf);
		fprintf(fp, "set arrow from %.6f, graph 0 to %.6f, graph 1 nohead dt 3 lw 1.5 lc rgb '#333333'\n", tj[s], tj[s]);
		snprintf(label, sizeof label, "%s", pbuf);
		fprintf(fp, "set label %d ", s);
		ind_plot_quote(fp, label);
		fprintf(fp, " at %.6f, graph %.2f offset 0.5,0 left font ',10' tc rgb '#333333'\n", tj[s], 0.97 - 0.06 * ((s - 1) % 3));
	}
	/* each segment's annual percent change (or change a year, linear), by its middle */
	for (int s = 1; s <= nseg; s++) {
		char label[IND_FMT_MAX + 32], num[IND_FMT_MAX];
		double tm = (tj[s - 1] + tj[s]) / 2, g = a[s] + b[s] * tm, x = logs ? 100 * expm1(b[s]) : b[s];
		ind_text_number(x, 2, o->lang, num);
		if (x > 0)	/* the direction always shown */
			memmove(num + 1, num, strlen(num) + 1), num[0] = '+';
		if (logs)
			snprintf(label, sizeof label, "APC %s%s", num, o->lang == IND_LANG_EN ? "%" : "\xc2\xa0%");
		else
			snprintf(label, sizeof label, "%s%s", num, L(o, "/yr", "/v", "/år"));
		fprintf(fp, "set label %d ", 100 + s);
		ind_plot_quote(fp, label);
		/* above the line on the side away from it: right of a falling one, left of a rising one */
		fprintf(fp, " at %.6f, %.17g offset %s,1.2 %s font ',10' tc rgb '%s' front\n", tm, logs ? exp(g) : g,
			b[s] < 0 ? "1.2" : "-1.2", b[s] < 0 ? "left" : "right", ind_palette[0]);
	}
	time_axis(fp, tmin, tmax, kind, o, 1);
	ind_plot_value_axis(fp, "y", ymin, ymax, false, o->lang);
	shades(fp, o);
	snprintf(title, sizeof title, "%s \xe2\x80\x94 %s", first_r, o->label ? o->label : first_i);
	title_line(fp, o, title, unit_of(t, o, cr, ci));
	fprintf(fp,
		"plot $fit using 1:2 with lines lw 2.5 lc rgb '%s' title '%s', \\\n"
		"  $obs using 1:2 with points pt 7 ps 0.9 lc rgb '#333333' title '%s'",
		ind_palette[0], logs ? L(o, "joinpoint fit (log-linear)", "muutoskohtamalli (log-lineaarinen)", "brytpunktsmodell (log-linjär)")
				     : L(o, "joinpoint fit (linear)", "muutoskohtamalli (lineaarinen)", "brytpunktsmodell (linjär)"),
		L(o, "observed", "havainto", "observerat"));
	if (nseg > 1)
		fprintf(fp, ", \\\n  $jp using 1:2 with points pt 5 ps 1.3 lc rgb '%s' title '%s'", ind_palette[1],
			L(o, "joinpoint", "muutoskohta", "brytpunkt"));
	if (o->nshade) {
		fputs(", \\\n  ", fp);
		ind_plot_shade_key(fp, shade_label(o));
	}
	fputc('\n', fp);
	rc = 0;
out:
	free(pts);
	free(pt_t);
	free(v);
	free(f);
	free(sg);
	return rc;
}

/* Before/after means per region, from ind-compare --summary; the error bar is mean_pre + the CI of the difference. */
static int chart_bars(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	int cr = need(t, "region", "bars", err), ci = need(t, "indicator", "bars", err), ca = need(t, "mean_pre", "bars", err),
	    cb = need(t, "mean_post", "bars", err), clo = need(t, "diff_lo", "bars", err), chi = need(t, "diff_hi", "bars", err);
	size_t ni, k = 0;
	double ymax = 0;

	if (cr < 0 || ci < 0 || ca < 0 || cb < 0 || clo < 0 || chi < 0)
		return -1;
	const char **inds = distinct(t, ci, o, cr, ci, &ni);
	char first[256];
	snprintf(first, sizeof first, "%s", ni ? inds[0] : "");
	free(inds);
	if (ni > 1)
		return ind_error_set(err, t->name, 0, "%zu indicators; choose one with --indicator", ni);
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
		ymax = fmax(ymax, fmax(fmax(a, b), a + number(t->cell[r][chi])));
		fputs(" \"", fp);
		for (const char *s = t->cell[r][cr]; *s; s++)
			if (*s != '"')
				fputc(*s, fp);
		fputs("\"\n", fp);
	}
	fputs("EOD\n", fp);
	if (!k)
		return ind_error_set(err, t->name, 0, "no rows with mean_pre and mean_post");
	title_line(fp, o, o->label ? o->label : first, unit_of(t, o, cr, ci));
	ind_plot_value_axis(fp, "y", 0, ymax, true, o->lang);
	fprintf(fp, "set xrange [-0.6:%zu.6]\nset boxwidth 0.38\nset style fill solid 0.85 noborder\n"
		    "set xtics rotate by -30 left\nset grid noxtics\n",
		k - 1);
	fprintf(fp,
		"plot $d using ($1-0.2):2:xtic(6) with boxes lc rgb '%s' title '%s', \\\n"
		"  $d using ($1+0.2):3 with boxes lc rgb '%s' title '%s', \\\n"
		"  $d using ($1+0.2):3:4:5 with yerrorbars ps 0 lw 1.5 lc rgb '#333333' title '%s'\n",
		ind_palette[4], L(o, "before", "ennen", "f\xc3\xb6re"), ind_palette[0], L(o, "after", "jälkeen", "efter"),
		L(o, "95% CI of the change", "muutoksen 95 %:n lv", "f\xc3\xb6r\xc3\xa4ndringens 95 % KI"));
	return 0;
}

/* A forest plot: each row's estimate with its interval, zero marked. */
static int chart_slopes(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	static const char *const defaults[] = { "slope", "level", "diff", "did", "apc", NULL };
	const char *est = o->estimate;
	char lo[160], hi[160];
	int cr = need(t, "region", "slopes", err), ci = ind_table_col(t, "indicator"), ce, cl, ch;
	size_t ni = 0, k = 0;
	double xmin = 0, xmax = 0;	/* zero always in view: it is marked */
	const char *xlabel;

	if (cr < 0)
		return -1;
	char first[256] = "";
	if (ci >= 0) {
		const char **inds = distinct(t, ci, o, cr, ci, &ni);
		snprintf(first, sizeof first, "%s", ni ? inds[0] : "");
		free(inds);
	}

	for (const char *const *d = defaults; !est && *d; d++)
		if (ind_table_col(t, *d) >= 0)
			est = *d;
	if (!est)
		return ind_error_set(err, t->name, 0, "no estimate column (slope, level, diff ...); name one with --estimate");
	snprintf(lo, sizeof lo, "%s_lo", est);
	snprintf(hi, sizeof hi, "%s_hi", est);
	ce = need(t, est, "slopes", err);
	cl = need(t, lo, "slopes", err);
	ch = need(t, hi, "slopes", err);
	if (ce < 0 || cl < 0 || ch < 0)
		return -1;
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
		for (int c = 0; c < 3; c++) {
			double x = number(t->cell[r][(int[]){ ce, cl, ch }[c]]);
			if (isfinite(x))
				xmin = fmin(xmin, x), xmax = fmax(xmax, x);
		}
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
		return ind_error_set(err, t->name, 0, "no rows with an estimate in '%s'", est);
	title_line(fp, o, o->label ? o->label : ni == 1 ? first : est, NULL);
	ind_plot_value_axis(fp, "x", xmin, xmax, true, o->lang);
	fprintf(fp, "set yrange [-0.7:%zu.7]\nset grid xtics noytics\nunset key\nset xlabel ", k - 1);
	/* the estimate's name for people ("Change/yr"), with the unit when known */
	xlabel = ind_column_label(est, o->lang);
	{
		char xl[512];
		const char *u = unit_of(t, o, cr, ci);
		if (o->ylabel)	/* the value axis is x here */
			snprintf(xl, sizeof xl, "%s", o->ylabel);
		else
			snprintf(xl, sizeof xl, "%s%s%s", xlabel ? xlabel : est, u ? ", " : "", u ? u : "");
		ind_plot_quote(fp, xl);
	}
	fprintf(fp, "\nset arrow from 0, graph 0 to 0, graph 1 nohead lc rgb '#777777' dt 2\n"
		    "plot $d using 2:1:3:4:ytic(5) with xerrorbars pt 7 ps 1.1 lw 1.5 lc rgb '%s'\n",
		ind_palette[0]);
	return 0;
}


/* The public entries start with an empty error, so need() can name the first missing column. */
int ind_chart_lines(FILE *fp, const struct ind_table *t, const struct ind_chart *o, bool multiples,
		    struct ind_error *err)
{
	err->msg[0] = '\0';
	return chart_lines(fp, t, o, multiples, err);
}

int ind_chart_its(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	err->msg[0] = '\0';
	return chart_its(fp, t, o, err);
}

int ind_chart_joinpoint(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	err->msg[0] = '\0';
	return chart_joinpoint(fp, t, o, err);
}

int ind_chart_bars(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	err->msg[0] = '\0';
	return chart_bars(fp, t, o, err);
}

int ind_chart_slopes(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	err->msg[0] = '\0';
	return chart_slopes(fp, t, o, err);
}

/*
 * Placebo dates (ind-compare --placebo, the stream output): a histogram of
 * the level changes fitted at the fake dates (phase placebo, placebo_level),
 * with the real interruption's (phase estimate) marked, and its mirror image:
 * placebo_p counts the fakes at least as far from zero. Bins: Sturges'
 * number over the range of the fakes and the estimate.
 */
int ind_chart_placebo(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	int cr, ci, cph, clv, cat;
	const char *first_r = NULL, *first_i = NULL, *first_at = NULL;
	double *v, real = NAN, lo = INFINITY, hi = -INFINITY, width;
	size_t n = 0, nsel = 0, nbins, *count, as_large = 0;
	char title[600], num[IND_FMT_MAX], label[IND_FMT_MAX + 200], pbuf[IND_FMT_MAX];
	struct ind_period ap;

	err->msg[0] = '\0';
	cr = need(t, "region", "placebo", err), ci = need(t, "indicator", "placebo", err);
	cph = need(t, "phase", "placebo", err), clv = need(t, "placebo_level", "placebo", err), cat = need(t, "at", "placebo", err);
	if (cr < 0 || ci < 0 || cph < 0 || clv < 0 || cat < 0) {
		if (clv < 0)
			ind_error_set(err, t->name, 0, "--kind placebo needs the rows of ind-compare --placebo (without --summary)");
		return -1;
	}
	if (!(v = malloc((t->nrows ? t->nrows : 1) * sizeof *v)))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t r = 0; r < t->nrows; r++) {
		double x;
		if (!selected(t, r, o, cr, ci) || !is_placebo_row(t->cell[r][cph]))
			continue;
		nsel++;
		if (!first_r)
			first_r = t->cell[r][cr], first_i = t->cell[r][ci], first_at = t->cell[r][cat];
		if (strcmp(t->cell[r][cr], first_r) != 0 || strcmp(t->cell[r][ci], first_i) != 0 ||
		    strcmp(t->cell[r][cat], first_at) != 0)
			continue;
		x = number(t->cell[r][clv]);
		if (!isfinite(x)) {
			free(v);
			return ind_error_set(err, t->name, t->line ? t->line[r] : 0, "placebo_level '%s': not a number",
					     t->cell[r][clv]);
		}
		if (strcmp(t->cell[r][cph], "estimate") == 0)
			real = x;
		else
			v[n++] = x;
		lo = fmin(lo, x);
		hi = fmax(hi, x);
	}
	if (!n || isnan(real)) {
		free(v);
		return ind_error_set(err, t->name, 0, "no placebo dates%s to draw (ind-compare --placebo, without --summary)",
				     isnan(real) && n ? " with their estimate" : "");
	}
	if (n + 1 < nsel)
		ind_warn("%s: several series or interruptions; drawing '%s, %s' at %s (choose with --region and --indicator)",
			 t->name, first_r, first_i, first_at);
	lo = fmin(lo, -fabs(real));
	hi = fmax(hi, fabs(real));
	nbins = (size_t)ceil(log2((double)n) + 1);
	width = hi > lo ? (hi - lo) / (double)nbins : 1;
	if (!(count = calloc(nbins, sizeof *count)))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < n; i++) {
		size_t b = hi > lo ? (size_t)floor((v[i] - lo) / width) : 0;
		count[b < nbins ? b : nbins - 1]++;
		as_large += fabs(v[i]) >= fabs(real);
	}
	fputs("$d << EOD\n", fp);
	for (size_t b = 0; b < nbins; b++) {
		put_num(fp, lo + ((double)b + 0.5) * width);
		fprintf(fp, " %zu\n", count[b]);
	}
	fputs("EOD\n", fp);
	snprintf(title, sizeof title, "%s \xe2\x80\x94 %s: %s", first_r, o->label ? o->label : first_i,
		 L(o, "placebo dates", "lumeajankohdat", "placebotidpunkter"));
	title_line(fp, o, title, L(o, "placebo dates", "lumeajankohtia", "placebotidpunkter"));
	{	/* the unit of the values, when the series' rows share one */
		const char *u = unit_of(t, o, cr, ci);
		snprintf(label, sizeof label, "%s%s%s", L(o, "level change at the date", "tason muutos ajankohdassa", "niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring vid tidpunkten"),
			 u ? ", " : "", u ? u : "");
		fputs("set xlabel ", fp);
		ind_plot_quote(fp, label);
		fputc('\n', fp);
	}
	ind_plot_value_axis(fp, "x", lo - width, hi + width, false, o->lang);
	{
		size_t most = 0;
		for (size_t b = 0; b < nbins; b++)
			most = count[b] > most ? count[b] : most;
		ind_plot_value_axis(fp, "y", 0, (double)most * 1.15, true, o->lang);
	}
	fprintf(fp, "set boxwidth %.10g\nset style fill solid 0.85 noborder\nset grid noxtics\n", width * 0.92);
	fprintf(fp, "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead lw 2.5 lc rgb '%s'\n", real, real, ind_palette[5]);
	if (real != 0)
		fprintf(fp, "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead lw 1.5 dt 3 lc rgb '%s'\n", -real, -real,
			ind_palette[5]);
	if (ind_period_parse(first_at, strlen(first_at), &ap, NULL))
		ind_fmt_period(&ap, o->lang, pbuf);
	else
		snprintf(pbuf, sizeof pbuf, "%s", first_at);
	fprintf(fp, "plot $d using 1:2 with boxes lc rgb '%s' title ", ind_palette[4]);
	snprintf(label, sizeof label, "%s (n = %zu, %s %zu)", L(o, "fake dates", "lumeajankohdat", "placebotidpunkter"), n,
		 L(o, "as large", "yhtä suuria", "lika stora"), as_large);
	ind_plot_quote(fp, label);
	fprintf(fp, ", \\\n  keyentry with lines lw 2.5 lc rgb '%s' title ", ind_palette[5]);
	snprintf(label, sizeof label, "%s %s: %s", L(o, "estimate at", "arvio ajankohdassa", "skattning vid"), pbuf,
		 ind_fmt_number(real, 3, o->lang, num));
	ind_plot_quote(fp, label);
	if (real != 0) {
		fprintf(fp, ", \\\n  keyentry with lines lw 1.5 dt 3 lc rgb '%s' title ", ind_palette[5]);
		ind_plot_quote(fp, L(o, "as large, other sign", "yhtä suuri, toinen suunta", "lika stor, andra tecknet"));
	}
	fputc('\n', fp);
	free(count);
	free(v);
	return 0;
}
