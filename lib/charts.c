/* charts.c - line, ITS, small-multiple, bar and forest charts as gnuplot scripts. See LICENSE. */
#include "charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "period.h"
#include "plot.h"




static const char *L(const struct ind_chart *o, const char *en, const char *fi)
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

/* Decimal years of row r; NaN with err for a bad period. */
static double row_time(const struct ind_table *t, size_t r, int cp, struct ind_error *err)
{
	struct ind_period p;
	const char *why;
	if (!ind_period_parse(t->cell[r][cp], strlen(t->cell[r][cp]), &p, &why)) {
		ind_error_set(err, t->name, t->line[r], "period '%s': %s", t->cell[r][cp], why);
		return NAN;
	}
	return ind_period_time(&p);
}

static bool selected(const struct ind_table *t, size_t r, const struct ind_chart *o, int cr, int ci)
{
	return (!o->region || (cr >= 0 && strcmp(t->cell[r][cr], o->region) == 0)) &&
	       (!o->indicator || (ci >= 0 && strcmp(t->cell[r][ci], o->indicator) == 0));
}

/* The distinct values of column c among selected rows, in order of appearance. */
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

static void shades(FILE *fp, const struct ind_chart *o)
{
	for (int i = 0; i < o->nshade; i++)
		fprintf(fp, "set object %d rect from %.6f, graph 0 to %.6f, graph 1 fc rgb '#bbbbbb' fs transparent "
			    "solid 0.25 noborder behind\n",
			i + 1, o->shade_from[i], o->shade_to[i]);
}

static void title_line(FILE *fp, const struct ind_chart *o, const char *fallback)
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
static int chart_lines(FILE *fp, const struct ind_table *t, const struct ind_chart *o, bool multiples, struct ind_error *err)
{
	int cr = need(t, "region", "line", err), ci = need(t, "indicator", "line", err), cp = need(t, "period", "line", err),
	    cv = need(t, "value", "line", err), cf = ind_table_col(t, "fit");
	const char **groups = NULL, **inds;
	size_t ni, ng;
	int by = cr, rc = 0;
	double tmin = INFINITY, tmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
	char title[256];

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
	if (!multiples && ng > 8)	/* no silent cap: every line is drawn, but the colours repeat */
		ind_warn("%s: %zu lines but 8 colours that can be told apart; use --kind multiples, or --region to choose",
			 t->name, ng);
	for (size_t g = 0; g < ng; g++) {
		struct pt *pts = malloc(t->nrows * sizeof *pts);
		size_t n = 0;
		if (!pts)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t r = 0; r < t->nrows; r++)
			if (selected(t, r, o, cr, ci) && strcmp(t->cell[r][by], groups[g]) == 0)
				pts[n].row = r, pts[n].t = row_time(t, r, cp, err), n++;
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
		goto out;
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
out:
	free(inds);
	free(groups);
	return rc;
}

/* The classic ITS chart from ind-compare's default output: one fitted line per segment, a line per interruption. */
static int chart_its(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	int cr = need(t, "region", "its", err), ci = need(t, "indicator", "its", err), cp = need(t, "period", "its", err),
	    cv = need(t, "value", "its", err), cfit = need(t, "fit", "its", err), ccf = need(t, "counterfactual", "its", err),
	    clo = need(t, "cf_lo", "its", err), chi = need(t, "cf_hi", "its", err), cph = need(t, "phase", "its", err);
	int cseg = ind_table_col(t, "segment");	/* older streams have none: one interruption, at the first post row */
	int cat = ind_table_col(t, "at");	/* the interruption's own period, even where the data skip it */
	const char *first_r = NULL, *first_i = NULL;
	struct pt *pts = malloc((t->nrows ? t->nrows : 1) * sizeof *pts);
	size_t n = 0, nsel = 0;
	double tmin = INFINITY, tmax = -INFINITY, run_start = NAN;
	char title[300];
	int obj = o->nshade + 1, nseg = 0, last_seg = 0;
	size_t brk[64];

	if (cr < 0 || ci < 0 || cp < 0 || cv < 0 || cfit < 0 || ccf < 0 || clo < 0 || chi < 0 || cph < 0) {
		free(pts);
		return -1;
	}
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
		pts[n].t = row_time(t, r, cp, err);
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
		put_num(fp, pts[i].t);
		for (int c = 0; c < 5; c++) {
			int col = (int[]){ cv, cfit, ccf, clo, chi }[c];
			fputc(' ', fp);
			put_num(fp, number(t->cell[pts[i].row][col]));
		}
		fprintf(fp, " %d %d\n", code, seg);
		tmin = fmin(tmin, pts[i].t);
		tmax = fmax(tmax, pts[i].t);
	}
	fputs("EOD\n", fp);
	for (int k = 0; k < nseg; k++) {
		struct ind_period p;
		char label[IND_FMT_MAX + 64], pbuf[IND_FMT_MAX];
		const char *at = t->cell[pts[brk[k]].row][cat >= 0 && t->cell[pts[brk[k]].row][cat][0] ? cat : cp];
		double tk = pts[brk[k]].t;
		struct ind_period ap;
		if (ind_period_parse(at, strlen(at), &ap, NULL))
			tk = ind_period_time(&ap);
		fprintf(fp, "set arrow from %.6f, graph 0 to %.6f, graph 1 nohead dt 3 lw 1.5 lc rgb '#333333'\n", tk, tk);
		if (ind_period_parse(at, strlen(at), &p, NULL))
			ind_fmt_period(&p, o->lang, pbuf);
		else
			snprintf(pbuf, sizeof pbuf, "%s", at);
		snprintf(label, sizeof label, "%s %s", L(o, "intervention", "muutos"), pbuf);
		fprintf(fp, "set label %d ", k + 1);
		ind_plot_quote(fp, label);
		/* staggered, so that close interruptions keep readable labels */
		fprintf(fp, " at %.6f, graph %.2f offset 0.5,0 left font ',10' tc rgb '#333333'\n", tk, 0.97 - 0.06 * (k % 3));
	}
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
	snprintf(title, sizeof title, "%s \xe2\x80\x94 %s", first_r, first_i);
	title_line(fp, o, title);
	fprintf(fp,
		"plot $d using 1:($7==1?$5:1/0):($7==1?$6:1/0) with filledcurves lc rgb '%s' title '%s', \\\n"
		"  $d using 1:($7==1?$4:1/0) with lines lw 2 dt 2 lc rgb '%s' title '%s', \\\n",
		ind_palette[1], L(o, "counterfactual 95% CI", "vertailutaso 95 % lv"), ind_palette[1],
		L(o, "counterfactual", "vertailutaso ilman muutosta"));
	for (int k = 0; k <= last_seg; k++) {	/* each segment's fit on its own, not joined across a break */
		fprintf(fp, "  $d using 1:($8==%d&&$7!=2?$3:1/0) with lines lw 2.5 lc rgb '%s' ", k, ind_palette[0]);
		if (k == 0)
			fprintf(fp, "title '%s', \\\n", L(o, "fitted", "mallin sovite"));
		else
			fputs("notitle, \\\n", fp);
	}
	fprintf(fp,
		"  $d using 1:($7!=2?$2:1/0) with points pt 7 ps 0.6 lc rgb '#333333' title '%s', \\\n"
		"  $d using 1:($7==2?$2:1/0) with points pt 6 ps 0.6 lc rgb '#999999' title '%s'\n",
		L(o, "observed", "havainto"), L(o, "excluded", "rajattu pois"));
	free(pts);
	return 0;
}

/* Before/after means per region, from ind-compare --summary; the error bar is mean_pre + the CI of the difference. */
static int chart_bars(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err)
{
	int cr = need(t, "region", "bars", err), ci = need(t, "indicator", "bars", err), ca = need(t, "mean_pre", "bars", err),
	    cb = need(t, "mean_post", "bars", err), clo = need(t, "diff_lo", "bars", err), chi = need(t, "diff_hi", "bars", err);
	size_t ni, k = 0;

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
		fputs(" \"", fp);
		for (const char *s = t->cell[r][cr]; *s; s++)
			if (*s != '"')
				fputc(*s, fp);
		fputs("\"\n", fp);
	}
	fputs("EOD\n", fp);
	if (!k)
		return ind_error_set(err, t->name, 0, "no rows with mean_pre and mean_post");
	title_line(fp, o, first);
	fprintf(fp, "set xrange [-0.6:%zu.6]\nset yrange [0:*]\nset boxwidth 0.38\nset style fill solid 0.85 noborder\n"
		    "set xtics rotate by -30 left\nset grid noxtics\n",
		k - 1);
	fprintf(fp,
		"plot $d using ($1-0.2):2:xtic(6) with boxes lc rgb '%s' title '%s', \\\n"
		"  $d using ($1+0.2):3 with boxes lc rgb '%s' title '%s', \\\n"
		"  $d using ($1+0.2):3:4:5 with yerrorbars ps 0 lw 1.5 lc rgb '#333333' title '%s'\n",
		ind_palette[4], L(o, "before", "ennen"), ind_palette[0], L(o, "after", "jälkeen"),
		L(o, "95% CI of the change", "muutoksen 95 % lv"));
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
	title_line(fp, o, ni == 1 ? first : est);
	fprintf(fp, "set yrange [-0.7:%zu.7]\nset grid xtics noytics\nunset key\nset xlabel ", k - 1);
	ind_plot_quote(fp, est);
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
