/* report.c - statistics, honest sentences, charts and tables for each indicator, written atomically. See LICENSE. */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "charts.h"
#include "did.h"
#include "events.h"
#include "joinpoint.h"
#include "num.h"
#include "plot.h"
#include "report_text.h"
#include "render.h"
#include "series.h"
#include "stream.h"
#include "table.h"
#include "trend.h"
#include "writer.h"

/* ---- building ------------------------------------------------------------- */

struct build {
	const struct ind_report *r;
	const char *dir;
	FILE *html, *md, *stats;
	struct ind_line ln;
	int chart;
};

/* A text cell of statistics.csv, which is opened in spreadsheets: a leading ' where it would start a formula. */
static void sheet_str(struct ind_line *ln, const char *s)
{
	char *guarded;
	size_t n;
	if (!ind_cell_needs_guard(s)) {
		ind_line_str(ln, s);
		return;
	}
	n = strlen(s);
	if (!(guarded = malloc(n + 2)))
		ind_die(IND_EXIT_DATA, "out of memory");
	guarded[0] = '\'';
	memcpy(guarded + 1, s, n + 1);
	ind_line_str(ln, guarded);
	free(guarded);
}

static void stat_row(struct build *b, const char *region, const char *goal, const char *ind, const char *name,
		     double value, const char *shown)
{
	ind_line_reset(&b->ln);
	sheet_str(&b->ln, region);
	sheet_str(&b->ln, goal);
	sheet_str(&b->ln, ind);
	sheet_str(&b->ln, name);
	ind_line_double(&b->ln, value);
	sheet_str(&b->ln, shown);
	ind_line_write(&b->ln, b->stats);
}

static void html_text(FILE *fp, const char *s)
{
	for (; *s; s++)
		if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else if (*s == '&')
			fputs("&amp;", fp);
		else
			fputc(*s, fp);
}

/* dir/name, malloc'ed: a report's paths have no length limit of ours. */
static char *path_in(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	if (p)
		sprintf(p, "%s/%s", dir, name);
	return p;
}

static FILE *create_in(const char *dir, const char *name)
{
	char *p = path_in(dir, name);
	FILE *f = p ? fopen(p, "w") : NULL;
	free(p);
	return f;
}

/* Render one chart twice (SVG to inline, PNG beside report.md); the SVG text is returned (malloc'ed) or NULL. */
static char *render(struct build *b, const struct ind_table *t, const struct ind_period *at, size_t nat, const char *title,
		    const char *unit, char *png_name, size_t png_size, struct ind_error *err)
{
	bool its = nat > 0;
	struct ind_chart ch;
	char svg_name[32];
	char *svg = NULL, *svg_path;
	int id = ++b->chart;

	memset(&ch, 0, sizeof ch);
	ch.title = title;
	ch.ylabel = unit[0] ? unit : NULL;
	ch.lang = b->r->lang;
	ch.width = 760;
	for (size_t k = 0; k < nat && k < IND_CHART_MAX_AT; k++)	/* a line at each interruption's own period, as the text says */
		ch.at[ch.nat++] = at[k];
	ch.shade_label = b->r->lang == IND_LANG_FI   ? "rajattu pois malleista"
			 : b->r->lang == IND_LANG_SV ? "utesluten ur modellerna"
						     : "left out of the models";
	for (int i = 0; i < b->r->an.nexclude && i < IND_CHART_MAX_SHADE && !its; i++) {
		ch.shade_from[ch.nshade] = b->r->an.ex_from[i];
		ch.shade_to[ch.nshade++] = b->r->an.ex_to[i];
	}
	/* gnuplot works in the report's directory: it gets these names, never the user's path */
	snprintf(png_name, png_size, "chart-%02d.png", id);
	snprintf(svg_name, sizeof svg_name, "chart-%02d.svg", id);
	for (int pass = 0; pass < 2; pass++) {
		char *script = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&script, &len);
		int rc;
		if (!fp)
			return ind_error_set(err, NULL, 0, "out of memory"), NULL;
		ind_plot_preamble(fp, pass ? IND_TERM_PNG : IND_TERM_SVG, 760, 400, pass ? png_name : svg_name, b->r->lang);
		rc = its				   ? ind_chart_its(fp, t, &ch, err)
		     : ind_table_col(t, "jp_fit") >= 0 ? ind_chart_joinpoint(fp, t, &ch, err)
							 : ind_chart_lines(fp, t, &ch, false, err);
		fclose(fp);
		if (rc < 0 || ind_gnuplot_run_in(b->r->gnuplot, b->dir, script, len, err) < 0) {
			free(script);
			return NULL;
		}
		free(script);
	}
	if (!(svg_path = path_in(b->dir, svg_name)))
		return ind_error_set(err, NULL, 0, "out of memory"), NULL;
	if (ind_plot_svg_title(svg_path, title, err) < 0) {
		free(svg_path);
		return NULL;
	}
	{	/* the SVG, without its XML prolog, to inline */
		FILE *f = fopen(svg_path, "r");
		long size;
		char *start;
		if (!f) {
			ind_error_set(err, svg_path, 0, "%s", strerror(errno));
			free(svg_path);
			return NULL;
		}
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		fseek(f, 0, SEEK_SET);
		if (size < 0 || !(svg = malloc((size_t)size + 1)) || fread(svg, 1, (size_t)size, f) != (size_t)size) {
			fclose(f);
			free(svg);
			ind_error_set(err, svg_path, 0, "cannot read the chart");
			free(svg_path);
			return NULL;
		}
		fclose(f);
		svg[size] = '\0';
		unlink(svg_path);
		free(svg_path);
		if ((start = strstr(svg, "<svg")))
			memmove(svg, start, strlen(start) + 1);
	}
	return svg;
}

static void add_cell(struct ind_table *t, char **cells, int c, const char *s)
{
	cells[c] = ind_strndup_or_die(s, strlen(s));
	(void)t;
}

#define TX(b, id) ind_report_text((b)->r->lang, id)

/*
 * The texts from T_CHANGE_LABEL on are formats (see report_text.h), which the
 * compiler cannot check: ind_report_texts_checked() does before a report is made.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* ---- one indicator ---------------------------------------------------------- */

/*
 * The statistics.csv rows of one indicator, and its sentences and caveats as
 * they are made: room for every interruption's sentences and caveats; more is
 * an error, never a sentence left out.
 */
#define IND_OUT_SENTENCES (4 + 4 * IND_MAX_BREAKS)
#define IND_OUT_NOTES (8 + 8 * IND_MAX_BREAKS)
struct ind_out {
	struct build *b;
	const char *region, *goal, *id;
	char sentences[IND_OUT_SENTENCES][1024];
	int ns;
	char notes[IND_OUT_NOTES][512];
	int nn;
};

static void stat_shown(struct ind_out *o, const char *name, double x, const char *shown)
{
	stat_row(o->b, o->region, o->goal, o->id, name, x, shown);
}

/* A number as the report shows it, recorded in statistics.csv under name. */
static const char *N(struct ind_out *o, const char *name, double x, char buf[IND_FMT_MAX])
{
	ind_text_number(x, 3, o->b->r->lang, buf);
	stat_shown(o, name, x, buf);
	return buf;
}

static const char *P(struct ind_out *o, const char *name, double p, char buf[IND_FMT_MAX])
{
	ind_text_p(p, o->b->r->lang, buf);
	stat_shown(o, name, p, buf);
	return buf;
}

static const char *PCT(struct ind_out *o, const char *name, double x, char buf[IND_FMT_MAX])
{
	ind_report_pct(x, o->b->r->lang, buf);
	stat_shown(o, name, x, buf);
	return buf;
}

static const char *COUNT(struct ind_out *o, const char *name, size_t n, char buf[IND_FMT_MAX])
{
	snprintf(buf, IND_FMT_MAX, "%zu", n);
	stat_shown(o, name, (double)n, buf);
	return buf;
}

/*
 * An estimate and its interval as the report shows them, each recorded under
 * name, name_lo and name_hi: the three with one number of decimals
 * (ind_text_decimals, 3 significant digits), so the estimate never claims more
 * precision than its interval has.
 */
static void CI(struct ind_out *o, const char *name, double est, double lo, double hi, char e[IND_FMT_MAX],
	       char l[IND_FMT_MAX], char h[IND_FMT_MAX])
{
	enum ind_lang lang = o->b->r->lang;
	int dec = ind_text_decimals(est, lo, hi, 3);
	char nm[64];
	stat_shown(o, name, est, ind_text_fixed(est, dec, lang, e));
	snprintf(nm, sizeof nm, "%s_lo", name);
	stat_shown(o, nm, lo, ind_text_fixed(lo, dec, lang, l));
	snprintf(nm, sizeof nm, "%s_hi", name);
	stat_shown(o, nm, hi, ind_text_fixed(hi, dec, lang, h));
}

/* The same for percentages, one decimal each. */
static void CI_PCT(struct ind_out *o, const char *name, double est, double lo, double hi, char e[IND_FMT_MAX],
		   char l[IND_FMT_MAX], char h[IND_FMT_MAX])
{
	char nm[64];
	PCT(o, name, est, e);
	snprintf(nm, sizeof nm, "%s_lo", name);
	PCT(o, nm, lo, l);
	snprintf(nm, sizeof nm, "%s_hi", name);
	PCT(o, nm, hi, h);
}

static void sentence(struct ind_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sentence(struct ind_out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->ns == IND_OUT_SENTENCES)
		ind_die(IND_EXIT_DATA, "%s, %s: more than %d sentences", o->region, o->id, IND_OUT_SENTENCES);
	va_start(ap, fmt);
	vsnprintf(o->sentences[o->ns], sizeof o->sentences[0], fmt, ap);
	va_end(ap);
	ind_report_sentence_case(o->sentences[o->ns++]);
}

static void caveat(struct ind_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void caveat(struct ind_out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->nn == IND_OUT_NOTES)
		ind_die(IND_EXIT_DATA, "%s, %s: more than %d caveats", o->region, o->id, IND_OUT_NOTES);
	va_start(ap, fmt);
	vsnprintf(o->notes[o->nn], sizeof o->notes[0], fmt, ap);
	va_end(ap);
	for (int k = 0; k < o->nn; k++)	/* several interruptions can share a caveat: said once */
		if (strcmp(o->notes[k], o->notes[o->nn]) == 0)
			return;
	o->nn++;
}

/* The caveats of an analysis' keywords (see ind-compare(1)), in the report's language. */
static void keyword_caveats(struct ind_out *o, const struct ind_analysis_break *ab, const struct ind_analysis *a)
{
	static const struct {
		const char *word;
		enum text_id t;
	} kw[] = { { "few_post", T_CV_FEW_POST }, { "covid_inside", T_CV_COVID }, { "duplicates_combined", T_CV_DUP },
		   { "not_identified", T_CV_NOT_ID }, { "underdispersed", T_CV_UNDERDISP },
		   { "ac_untested", T_CV_AC_UNTESTED } };
	const char *w = ab->caveats;
	char x[IND_FMT_MAX], y[IND_FMT_MAX];
	while (*w) {
		size_t len = strcspn(w, ";");
#define IS(word) (strlen(word) == len && strncmp(word, w, len) == 0)
		if (IS("short_series"))
			caveat(o, TX(o->b, T_CV_SHORT), COUNT(o, "n_pre", ab->n_pre, x), COUNT(o, "n_post", ab->n_post, y));
		else if (IS("autocorrelated"))
			caveat(o, TX(o->b, T_CV_AUTOCORR), P(o, "bg_p", a->its.bg_p, x));
		else if (IS("hac_small_n"))
			caveat(o, TX(o->b, T_CV_HAC_SMALL), COUNT(o, "n", a->its.n, x));
		for (size_t k = 0; k < sizeof kw / sizeof kw[0]; k++)
			if (IS(kw[k].word))
				caveat(o, "%s", TX(o->b, kw[k].t));
#undef IS
		w += len + (w[len] == ';');
	}
}

/* Do the comparison regions have any value of indicator id? */
static bool controls_have(ind_series_set *set, const ind_strmap *controls, const char *id)
{
	for (size_t j = 0; j < ind_series_count(set); j++) {
		const struct ind_series *c = ind_series_at(set, j);
		if (strcmp(c->indicator, id) == 0 && ind_strmap_get(controls, c->region, strlen(c->region)))
			for (size_t m = 0; m < c->n; m++)
				if (c->pts[m].has_value)
					return true;
	}
	return false;
}

/*
 * The compact tables of an indicator: texts already shown (and recorded in
 * statistics.csv), a label and one or two cells a row, rendered in both
 * documents by the renderer every table has (lib/render.c).
 */
static void compact_begin(struct ind_table *t, const char *const *head, size_t ncols)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	if (!(t->head = calloc(ncols, sizeof *t->head)))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t c = 0; c < ncols; c++)
		t->head[c] = ind_strndup_or_die(head[c], strlen(head[c]));
}

static void compact_row(struct ind_table *t, const char *label, const char *c1, const char *c2)
{
	char **cells = calloc(t->ncols, sizeof *cells);
	const char *v[3] = { label, c1, c2 ? c2 : "" };
	if (!cells)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t c = 0; c < t->ncols; c++)
		cells[c] = ind_strndup_or_die(v[c], strlen(v[c]));
	ind_table_add(t, cells, 0);
}

/* "x (lo … hi)" of three numbers already shown (and recorded), as ind_text_ci writes them. */
static const char *ci_cell(const char *x, const char *lo, const char *hi, char buf[3 * IND_FMT_MAX + 8])
{
	snprintf(buf, 3 * IND_FMT_MAX + 8, "%s (%s" NBSP "\xe2\x80\xa6" NBSP "%s)", x, lo, hi);
	return buf;
}

static void compact_write(struct build *b, struct ind_table *t)
{
	struct ind_render_opts ro;
	struct ind_render_col *cols;
	struct ind_error err = { 0 };
	long n;
	ind_render_opts_init(&ro);
	ro.lang = b->r->lang;
	if ((n = ind_render_columns(t, NULL, &ro, &cols, &err)) < 0)
		ind_die(IND_EXIT_DATA, "internal error: %s", err.msg);
	for (long c = 0; c < n; c++) {	/* the cells are text as shown: labels to the left, numbers to the right */
		snprintf(cols[c].label, sizeof cols[c].label, "%s", t->head[c]);
		cols[c].is_code = true;
		cols[c].numeric = c > 0;
		cols[c].is_p = cols[c].is_period = cols[c].join = false;
		cols[c].est = cols[c].lo = cols[c].hi = -1;
	}
	ro.format = IND_RENDER_HTML;
	ind_render_write(b->html, t, cols, (size_t)n, &ro);
	ro.format = IND_RENDER_MARKDOWN;
	ind_render_write(b->md, t, cols, (size_t)n, &ro);
	fputc('\n', b->md);
	free(cols);
	ind_table_free(t);
}

/* name, or name_K for the K-th interruption from the second on: the statistics.csv name of a number. */
static const char *stat_name(const char *name, size_t k, char buf[64])
{
	if (k == 0)
		snprintf(buf, 64, "%s", name);
	else
		snprintf(buf, 64, "%s_%zu", name, k + 1);
	return buf;
}

/*
 * How sure the finding is, in one sentence: without a significant change, the
 * smallest detectable one and the follow-up it would need (ind_its_power, and
 * ind_its_power_poisson in percent);
 * with one, whether placebo dates before the change give as large a change.
 */
static void how_sure(struct ind_out *o, const struct ind_series *s, const struct ind_analysis_break *ab,
		     const struct ind_its_break *its, bool its_sig, bool poisson, const char *unit, size_t k)
{
	char nm[64];
	struct build *b = o->b;
	enum ind_lang lang = b->r->lang;
	char n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80],
		u2[IND_FMT_MAX + 80], span[2 * IND_FMT_MAX];
	if (!its_sig && isfinite(ab->pw.mde_level)) {
		enum ind_period_kind kind = s->n ? s->pts[0].period.kind : IND_PERIOD_YEAR;
		enum text_id steps = kind == IND_PERIOD_MONTH	  ? T_STEPS_MONTH
				     : kind == IND_PERIOD_QUARTER ? T_STEPS_QUARTER
				     : kind == IND_PERIOD_WEEK	  ? T_STEPS_WEEK
				     : kind == IND_PERIOD_DAY	  ? T_STEPS_DAY
								  : T_STEPS_YEAR;
		if (poisson) {	/* the log scale as percent changes, in the direction of the estimate */
			double m = ab->pw.mde_level;
			ind_report_with_unit(PCT(o, stat_name("mde_level_pct", k, nm), 100 * (its->level < 0 ? exp(-m) - 1 : exp(m) - 1), n1), "%",
					     u1);
			ind_report_with_unit(PCT(o, stat_name("level_pct", k, nm), 100 * (its->rr_level - 1), n3), "%", u2);
		} else {
			ind_report_with_unit(N(o, stat_name("mde_level", k, nm), ab->pw.mde_level, n1), unit, u1);
			/* the estimate as the sentence before showed it, with its interval's decimals */
			ind_text_fixed(its->level, ind_text_decimals(its->level, its->level_lo, its->level_hi, 3), lang, u2);
			stat_shown(o, stat_name("level", k, nm), its->level, u2);
		}
		if (ab->pw.followup > 0)
			sentence(o, TX(b, T_SURE_NOT_YET), u1, u2, COUNT(o, stat_name("followup_needed", k, nm), (size_t)ab->pw.followup, n3),
				 TX(b, steps));
		else if (ab->pw.followup < 0)
			sentence(o, TX(b, T_SURE_NEVER), u1, u2);
		else
			sentence(o, TX(b, T_SURE_MDE), u1);
	} else if (its_sig && ab->placebo_n > 0) {
		long as_large = lround(ab->placebo_p * (double)(ab->placebo_n + 1)) - 1;
		ind_text_period_range(&ab->placebo_first, &ab->placebo_last, lang, span);
		COUNT(o, stat_name("placebo_n", k, nm), ab->placebo_n, n2);
		P(o, stat_name("placebo_p", k, nm), ab->placebo_p, pb);
		if (as_large <= 0)	/* none as large: telling only when there were dates enough for a small p */
			sentence(o, TX(b, ab->placebo_p < 0.05 ? T_SURE_PLACEBO_NONE : T_SURE_PLACEBO_FEW), n2, span, pb);
		else
			sentence(o, TX(b, ab->placebo_p < 0.05 ? T_SURE_PLACEBO_SOME : T_SURE_PLACEBO_CHANCE),
				 COUNT(o, stat_name("placebo_as_large", k, nm), (size_t)as_large, n1), n2, span, pb);
	} else if (its_sig) {
		sentence(o, TX(b, T_SURE_NO_PLACEBO), COUNT(o, stat_name("n_pre", k, nm), ab->n_pre, n1));
	}
}

/*
 * The interrupted time series of one indicator, with every interruption the
 * events file gives it: sentences, caveats, table rows, points.
 */
static int its_part(struct ind_out *o, ind_series_set *set, const struct ind_series *s, const struct ind_report_indicator *d,
		    const struct ind_period *at, char (*labels)[IND_EVENT_LABEL_MAX], size_t nat, const char *name,
		    const char *unit, bool plural, struct ind_table *t, struct ind_error *err)
{
	struct build *b = o->b;
	const struct ind_report *r = b->r;
	enum ind_lang lang = r->lang;
	static struct ind_analysis a;	/* large: kept off the stack */
	struct ind_analysis_opts ao = r->an;
	struct ind_point_fit *pf = malloc(s->n * sizeof *pf);
	char when[IND_FMT_MAX], change[400], n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], n4[IND_FMT_MAX],
		pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80], u2[IND_FMT_MAX + 80], cell[3 * IND_FMT_MAX + 8], nm[64], nm2[64],
		row[IND_FMT_MAX + 200];
	const char *yunit = ind_report_per_year_unit(unit);
	bool poisson, rates;

	if (!pf)
		ind_die(IND_EXIT_DATA, "out of memory");
	if (d && d->model_given) {
		ao.its.model = d->model;
		if (d->model == IND_MODEL_OLS)
			ao.its.quasi = false;
	}
	poisson = ao.its.model == IND_MODEL_POISSON;
	/*
	 * against the comparison regions (lib/did.c): under Poisson one GLM on the
	 * region's counts and their pooled counts, a ratio of rate ratios; counts
	 * with denominators as rates per 1 000, never in persons; each comparison
	 * region weighted by its population (denominators) where it has one
	 */
	ao.did.method = poisson ? IND_DID_POOLED : IND_DID_DIFFERENCE;
	/* how sure: the detectable change and follow-up, placebo dates */
	ao.power = true;
	ao.pw.alpha = 0.05, ao.pw.power = 0.8, ao.pw.sims = 0;
	ao.placebo_min = 8;
	ind_analyse(set, s, at, nat, &ao, &a, pf);
	ind_text_period(&at[0], lang, when);
	rates = a.did_tried && a.did.status == IND_ITS_OK && a.did.scale == IND_DID_RATES;
	if (a.did_refused) {	/* a comparison value without the weight it needs: a data error at its line */
		free(pf);
		return ind_error_set(err, a.did.file, a.did.line, "%s", a.did.why);
	}

	if (!a.has_at) {
		sentence(o, TX(b, T_OUTSIDE), name, when);
	} else if (a.n_pre < 3 || a.n_post < 3) {
		sentence(o, TX(b, T_TOO_FEW), name, COUNT(o, "n_pre", a.n_pre, n1), COUNT(o, "n_post", a.n_post, n2));
	} else if (!a.its_ok) {
		enum text_id why = a.its.status == IND_ITS_TOO_CLOSE	   ? T_WHY_CLOSE
				   : a.its.status == IND_ITS_NOT_IDENTIFIED ? T_WHY_NOT_ID
				   : a.its.status == IND_ITS_NO_VARIATION   ? T_WHY_NO_VAR
									    : T_WHY_NO_FIT;
		sentence(o, TX(b, T_NO_ITS), name, TX(b, why));
	} else {
		for (size_t k = 0; k < a.nbreaks; k++) {
			const struct ind_its_break *its = &a.its.brk[k];
			const struct ind_analysis_break *ab = &a.b[k];
			/* the region's own change, and against the comparison regions: a ratio of rate ratios under Poisson */
			bool did = a.did_tried && a.did.status == IND_ITS_OK && !isnan(ab->did) && !isnan(ab->did_lo);
			double dv = poisson ? ab->did_rr : ab->did, dlo = poisson ? ab->did_rr_lo : ab->did_lo,
			       dhi = poisson ? ab->did_rr_hi : ab->did_hi, null = poisson ? 1 : 0;
			bool did_sig = did && (dlo > null || dhi < null), its_sig, disagree;
			int did_dir = dv > null ? 1 : dv < null ? -1 : 0, its_dir;
			const char *judgement = "", *label = "";
			for (size_t e = 0; e < nat; e++)	/* the interruptions are in period order now */
				if (ind_period_cmp(&at[e], &ab->at) == 0)
					label = labels[e];
			ind_text_period(&ab->at, lang, when);
			if (label[0])
				snprintf(change, sizeof change, TX(b, T_CHANGE_LABEL), label, when);
			else
				snprintf(change, sizeof change, TX(b, T_CHANGE), when);
			its_sig = its->level_lo > 0 || its->level_hi < 0;	/* log scale under Poisson: 0 is a ratio of 1 */
			its_dir = its->level > 0 ? 1 : its->level < 0 ? -1 : 0;
			disagree = did && (its_sig || did_sig) && (its_sig != did_sig || its_dir != did_dir);
			if (its_sig && !disagree && d && d->better)
				judgement = TX(b, its_dir == d->better ? T_IMPROVEMENT : T_DETERIORATION);
			if (poisson) {
				double rel = its->rr_level - 1, lo = its->rr_level_lo - 1, hi = its->rr_level_hi - 1;
				if (its_sig) {
					CI_PCT(o, stat_name("level_pct_abs", k, nm), 100 * fabs(rel), 100 * fmin(fabs(lo), fabs(hi)),
					       100 * fmax(fabs(lo), fabs(hi)), n1, n2, n3);
					sentence(o, TX(b, T_RR_SIG), name, ind_report_verb(rel > 0 ? V_INCREASED : V_DECREASED, lang, plural),
						 n1, n2, n3, P(o, stat_name("level_p", k, nm), its->level_p, pb), change,
						 N(o, stat_name("rr_level", k, nm2), its->rr_level, n4), judgement);
				} else {
					CI(o, stat_name("rr_level", k, nm), its->rr_level, its->rr_level_lo, its->rr_level_hi, n1, n2, n3);
					sentence(o, TX(b, T_RR_NS), name, ind_report_verb(V_UNCHANGED, lang, plural), change, n1, n2, n3,
						 P(o, stat_name("level_p", k, nm), its->level_p, pb),
						 PCT(o, stat_name("level_pct", k, nm2), 100 * rel, n4));
				}
				CI(o, stat_name("rr_slope", k, nm), its->rr_slope, its->rr_slope_lo, its->rr_slope_hi, n1, n2, n3);
				sentence(o, TX(b, T_RR_SLOPE), n1, n2, n3, P(o, stat_name("slope_change_p", k, nm), its->slope_change_p, pb));
			} else {
				double lv = its->level, lo = its->level_lo, hi = its->level_hi;
				if (its_sig) {
					CI(o, stat_name("level_abs", k, nm), fabs(lv), fmin(fabs(lo), fabs(hi)), fmax(fabs(lo), fabs(hi)), n1, n2,
					   n3);
					sentence(o, TX(b, T_LEVEL_SIG), name,
						 ind_report_verb(lv > 0 ? V_INCREASED : V_DECREASED, lang, plural),
						 ind_report_with_unit(n1, unit, u1), n2, n3, P(o, stat_name("level_p", k, nm), its->level_p, pb),
						 change, judgement);
				} else {
					CI(o, stat_name("level", k, nm), lv, lo, hi, n1, n2, n3);
					sentence(o, TX(b, T_LEVEL_NS), name, ind_report_verb(V_UNCHANGED, lang, plural), change,
						 ind_report_with_unit(n1, unit, u1), n2, n3, P(o, stat_name("level_p", k, nm), its->level_p, pb));
				}
				CI(o, stat_name("slope_change", k, nm), its->slope_change, its->slope_change_lo, its->slope_change_hi, n1,
				   n2, n3);
				sentence(o, TX(b, T_SLOPE_CHANGE), ind_report_with_unit(n1, yunit, u1), n2, n3,
					 P(o, stat_name("slope_change_p", k, nm), its->slope_change_p, pb),
					 ind_report_with_unit(N(o, stat_name("pre_slope", k, nm2), its->pre_slope, n4), yunit, u2));
			}
			if (did && poisson) {
				CI(o, stat_name("did_rr", k, nm), ab->did_rr, ab->did_rr_lo, ab->did_rr_hi, n1, n2, n3);
				sentence(o, TX(b, T_DID_RR), r->controls_text, n1, n2, n3,
					 P(o, stat_name("did_rr_p", k, nm), ab->did_p, pb));
			} else if (did && rates) {
				CI(o, stat_name("did_rate", k, nm), ab->did, ab->did_lo, ab->did_hi, n1, n3, n4);
				sentence(o, TX(b, T_DID_RATE), r->controls_text, ind_report_with_unit(n1, unit, u1),
					 N(o, stat_name("rate_per", k, nm), 1000, n2), n3, n4,
					 P(o, stat_name("did_rate_p", k, nm), ab->did_p, pb));
			} else if (did) {
				CI(o, stat_name("did", k, nm), ab->did, ab->did_lo, ab->did_hi, n1, n2, n3);
				sentence(o, TX(b, T_DID), r->controls_text, ind_report_with_unit(n1, unit, u1), n2, n3,
					 P(o, stat_name("did_p", k, nm), ab->did_p, pb));
			}
			if (did && !poisson && !rates && d && d->count)
				caveat(o, "%s", TX(b, T_CV_COUNT_ABS));
			if (disagree)
				sentence(o, TX(b, T_DISAGREE), TX(b, its_dir != did_dir ? T_OPPOSITE : T_NOT_BOTH));
			how_sure(o, s, ab, its, its_sig, poisson, unit, k);
			/* caveats: one per keyword of the analysis, then what the comparison could not give */
			keyword_caveats(o, ab, &a);
			if (k + 1 == a.nbreaks && a.its.se_used == IND_ITS_SE_AR1 && a.its.fit.rho_bound)
				caveat(o, "%s", TX(b, T_CV_AR1_BOUND));
			if (k + 1 == a.nbreaks && a.its.se_used == IND_ITS_SE_AR1 && !a.its.fit.converged)
				caveat(o, "%s", TX(b, T_CV_AR1_CONV));
			if (r->controls && !a.is_control && !did)
				caveat(o, "%s",
				       TX(b, controls_have(set, r->controls, s->indicator) ? T_CV_CONTROL_FEW : T_CV_CONTROL_NO_DATA));
		}
	}
	if (!r->controls)
		caveat(o, "%s", TX(b, T_CV_NO_CONTROL));
	for (size_t i = 0; i < s->n; i++) {
		char **cells = calloc(9, sizeof *cells), pp[IND_PERIOD_TEXT_MAX], nb[IND_DOUBLE_TEXT_MAX];
		static const char *const phases[] = { "pre", "post", "excluded" };
		if (!cells)
			ind_die(IND_EXIT_DATA, "out of memory");
		add_cell(t, cells, 0, o->region);
		add_cell(t, cells, 1, o->id);
		add_cell(t, cells, 2, ind_period_format(&s->pts[i].period, pp));
		add_cell(t, cells, 3, s->pts[i].has_value ? ind_num_format(s->pts[i].value, nb) : "");
		add_cell(t, cells, 4, ind_num_format(pf[i].fit, nb));
		add_cell(t, cells, 5, ind_num_format(pf[i].cf, nb));
		add_cell(t, cells, 6, ind_num_format(pf[i].cf_lo, nb));
		add_cell(t, cells, 7, ind_num_format(pf[i].cf_hi, nb));
		add_cell(t, cells, 8, phases[pf[i].phase]);
		ind_table_add(t, cells, 0);
	}
	/*
	 * the compact tables: every number recorded under the name a reader of
	 * statistics.csv looks for; with several interruptions a row's label names
	 * the one it belongs to
	 */
	{
		const char *h3[] = { TX(b, T_STAT), TX(b, T_BEFORE), TX(b, T_AFTER) }, *h2[] = { TX(b, T_STAT), TX(b, T_VALUE) };
		struct ind_table ct;
		size_t nk = a.nbreaks ? a.nbreaks : 1;
#define ROW_LABEL(text, k) \
	(nk > 1 ? (snprintf(row, sizeof row, "%s (%s)", text, ind_text_period(&a.b[k].at, lang, when)), row) : text)
		compact_begin(&ct, h3, 3);
		for (size_t k = 0; k < nk; k++) {
			const struct ind_analysis_break *ab = &a.b[k];
			compact_row(&ct, ROW_LABEL("n", k), COUNT(o, stat_name("n_pre", k, nm), ab->n_pre, n1),
				    COUNT(o, stat_name("n_post", k, nm2), ab->n_post, n2));
			compact_row(&ct, ROW_LABEL(TX(b, T_MEAN), k), N(o, stat_name("mean_pre", k, nm), ab->g.mean_a, n1),
				    N(o, stat_name("mean_post", k, nm2), ab->g.mean_b, n2));
		}
		compact_write(b, &ct);
		if (a.its_ok) {
			compact_begin(&ct, h2, 2);
			for (size_t k = 0; k < a.nbreaks; k++) {
				const struct ind_its_break *its = &a.its.brk[k];
				if (poisson) {
					CI(o, stat_name("rr_level", k, nm), its->rr_level, its->rr_level_lo, its->rr_level_hi, n1, n2, n3);
					compact_row(&ct, ROW_LABEL(TX(b, T_RR_CI), k), ci_cell(n1, n2, n3, cell), NULL);
					CI_PCT(o, stat_name("level_pct", k, nm), 100 * (its->rr_level - 1), 100 * (its->rr_level_lo - 1),
					       100 * (its->rr_level_hi - 1), n1, n2, n3);
					compact_row(&ct, ROW_LABEL(TX(b, T_PCT_CI), k), ci_cell(n1, n2, n3, cell), NULL);
				} else {
					CI(o, stat_name("level", k, nm), its->level, its->level_lo, its->level_hi, n1, n2, n3);
					compact_row(&ct, ROW_LABEL(TX(b, T_LEVEL_CI), k), ci_cell(n1, n2, n3, cell), NULL);
				}
				compact_row(&ct, ROW_LABEL("p", k), P(o, stat_name("level_p", k, nm), its->level_p, n1), NULL);
			}
			compact_write(b, &ct);
		}
#undef ROW_LABEL
	}
	free(pf);
	return 0;
}

/*
 * The trend as a joinpoint regression (joinpoints = K): where it changed,
 * each segment's annual change, the average over the span; sentences and the
 * compact table. tt, yy the m values used, at[j] their point in s. false when
 * no model fits: the linear trend is then said instead.
 */
static bool joinpoint_part(struct ind_out *o, const struct ind_series *s, int kmax, const double *tt, const double *yy,
			   const size_t *at, size_t m, const char *unit, struct ind_joinpoints *jp)
{
	struct build *b = o->b;
	enum ind_lang lang = b->r->lang;
	struct ind_jp_opts jo;
	bool positive = m > 0;
	char n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80],
		span[2 * IND_FMT_MAX], list[1536] = "", cell[3 * IND_FMT_MAX + 8], label[2 * IND_FMT_MAX + 64], nm[64],
		count[64];
	const char *method, *yunit = ind_report_per_year_unit(unit);
	struct ind_table ct;
	const char *h2[] = { TX(b, T_STAT), TX(b, T_VALUE) };
	int rc;

	for (size_t i = 0; i < m; i++)
		positive &= yy[i] > 0;
	ind_jp_opts_init(&jo, kmax);
	jo.log_scale = positive;	/* annual percent changes where every value is positive, as Joinpoint */
	rc = ind_joinpoints_fit(tt, yy, NULL, m, &jo, jp);
	if (rc == IND_JP_NOMEM)
		ind_die(IND_EXIT_DATA, "out of memory for the joinpoints of '%s, %s'", o->region, o->id);
	if (rc != 0)
		return false;
	method = jp->method == IND_JP_BIC ? "BIC"
		 : lang == IND_LANG_FI	  ? "permutaatiotesti"
		 : lang == IND_LANG_SV	  ? "permutationstest"
					  : "permutation test";
	if (jp->k == 0) {
		sentence(o, TX(b, T_JP_NONE), COUNT(o, "jp_kmax", (size_t)kmax, n2), method);
	} else {
		COUNT(o, "jp_k", (size_t)jp->k, n1);
		for (int j = 0; j < jp->k; j++) {
			size_t len = strlen(list);
			char one[IND_FMT_MAX];
			size_t q = 0;
			while (q + 1 < m && tt[q] < jp->joint[j] - 1e-9)	/* a joinpoint is an observed time */
				q++;
			snprintf(list + len, sizeof list - len, "%s%s", j ? ", " : "",
				 ind_text_period(&s->pts[at[q]].period, lang, one));
		}
		snprintf(count, sizeof count,
			 lang == IND_LANG_FI ? (jp->k == 1 ? "%s muutoskohdan" : "%s muutoskohtaa")
			 : lang == IND_LANG_SV ? (jp->k == 1 ? "%s brytpunkt" : "%s brytpunkter")
					       : (jp->k == 1 ? "%s joinpoint" : "%s joinpoints"),
			 n1);
		sentence(o, TX(b, T_JP_FOUND), count, method, list);
	}
	compact_begin(&ct, h2, 2);
	compact_row(&ct, "n", COUNT(o, "n", m, n1), NULL);
	list[0] = '\0';
	for (int g = 0; g <= jp->k; g++) {
		const struct ind_jp_segment *sg = &jp->seg[g];
		size_t q0 = 0, q1 = 0, len = strlen(list);
		char one[3 * IND_FMT_MAX + 2 * IND_FMT_MAX + 160];
		while (q0 + 1 < m && tt[q0] < sg->t0 - 1e-9)
			q0++;
		while (q1 + 1 < m && tt[q1] < sg->t1 - 1e-9)
			q1++;
		ind_text_period_range(&s->pts[at[q0]].period, &s->pts[at[q1]].period, lang, span);
		snprintf(nm, sizeof nm, "seg_%d_p", g + 1);
		P(o, nm, sg->slope_p, pb);
		if (jp->log_scale) {
			snprintf(nm, sizeof nm, "seg_%d_apc", g + 1);
			CI_PCT(o, nm, sg->apc, sg->apc_lo, sg->apc_hi, n1, n2, n3);
			snprintf(one, sizeof one, TX(b, jp->k ? T_JP_APC : T_JP_ONE_APC), span, n1, n2, n3, pb);
		} else {
			snprintf(nm, sizeof nm, "seg_%d_slope", g + 1);
			CI(o, nm, sg->slope, sg->slope_lo, sg->slope_hi, n1, n2, n3);
			snprintf(one, sizeof one, TX(b, jp->k ? T_JP_SLOPE : T_JP_ONE_SLOPE), span, ind_report_with_unit(n1, yunit, u1), n2,
				 n3, pb);
		}
		snprintf(list + len, sizeof list - len, "%s%s", g ? "; " : "", one);
		snprintf(label, sizeof label, TX(b, jp->log_scale ? T_JP_SEG_LABEL_PCT : T_JP_SEG_LABEL), span);
		compact_row(&ct, label, ci_cell(n1, n2, n3, cell), NULL);
	}
	if (jp->k)
		sentence(o, TX(b, T_JP_SEGMENTS), list);
	else	/* one segment: its change is the sentence */
		sentence(o, "%s", list);
	if (jp->k > 0 && isfinite(jp->whole.value)) {
		ind_text_period_range(&s->pts[at[0]].period, &s->pts[at[m - 1]].period, lang, span);
		P(o, "aapc_p", jp->whole.p, pb);
		if (jp->log_scale) {
			CI_PCT(o, "aapc", jp->whole.value, jp->whole.lo, jp->whole.hi, n1, n2, n3);
			sentence(o, TX(b, T_JP_AAPC), span, n1, n2, n3, pb);
		} else {
			CI(o, "aac", jp->whole.value, jp->whole.lo, jp->whole.hi, n1, n2, n3);
			sentence(o, TX(b, T_JP_AAC), span, ind_report_with_unit(n1, yunit, u1), n2, n3, pb);
		}
		compact_row(&ct, TX(b, T_JP_AAPC_LABEL), ci_cell(n1, n2, n3, cell), NULL);
	}
	compact_write(b, &ct);
	return true;
}

/* The trend of one indicator without an intervention, on the periods the analyses use (exclude applies). */
static void trend_part(struct ind_out *o, const struct ind_series *s, const struct ind_report_indicator *d,
		       const char *name, const char *unit, bool plural, struct ind_table *t)
{
	struct build *b = o->b;
	const struct ind_report *r = b->r;
	enum ind_lang lang = r->lang;
	double *tt = malloc((s->n ? s->n : 1) * sizeof *tt), *yy = malloc((s->n ? s->n : 1) * sizeof *yy);
	size_t *at = malloc((s->n ? s->n : 1) * sizeof *at);
	size_t m = 0, nexcl = 0, ncovid = 0, first = 0, last = 0;
	static struct ind_joinpoints jp;	/* large: kept off the stack */
	bool jp_ok = false;
	struct ind_trend tr;
	struct ind_trend_opts to = { IND_SE_OLS, NULL, 0, 0 };
	char n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80],
		span[2 * IND_FMT_MAX + 8], left[(2 * IND_FMT_MAX + 2) * IND_MAX_EXCLUDE + 64] = "", cell[3 * IND_FMT_MAX + 8];
	const char *yunit = ind_report_per_year_unit(unit);
	enum ind_its_se se = r->an.its.se;
	int trc;

	if (!tt || !yy || !at)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < s->n; i++) {
		const struct ind_point *p = &s->pts[i];
		if (!p->has_value)
			continue;
		if (ind_analysis_excluded(&r->an, p->t)) {
			nexcl++;
			continue;
		}
		if (!m)
			first = i;
		last = i;
		/* 2020-03..2021-12, as ind_analyse's covid_inside */
		if (ind_period_end_time(&p->period) > 2020 + 2 / 12.0 + 1e-9 && p->t < 2022.0 - 1e-9)
			ncovid++;
		at[m] = i;
		tt[m] = p->t, yy[m++] = p->value;
	}
	to.ac_lags = s->n ? ind_default_ac_lags(s->pts[0].period.kind) : 1;
	if (r->an.its.ac_lags > 0)
		to.ac_lags = r->an.its.ac_lags;
	/* Newey-West as asked, or (auto) only where Breusch-Godfrey finds autocorrelation */
	to.se = se == IND_ITS_SE_HAC ? IND_SE_HAC : IND_SE_OLS;
	trc = ind_trend_fit(tt, yy, m, &to, &tr);
	if (trc == 0 && se == IND_ITS_SE_AUTO && tr.bg_p < 0.05) {
		to.se = IND_SE_HAC;
		trc = ind_trend_fit(tt, yy, m, &to, &tr);
	}
	if (trc == IND_TREND_NOMEM)
		ind_die(IND_EXIT_DATA, "out of memory for the trend statistics of '%s, %s'", o->region, o->id);
	if (trc == 0) {
		bool sig = tr.slope_lo > 0 || tr.slope_hi < 0;
		ind_text_period_range(&s->pts[first].period, &s->pts[last].period, lang, span);
		if (nexcl)	/* the text names the periods the numbers leave out */
			for (int w = 0; w < r->an.nexclude; w++) {
				char one[2 * IND_FMT_MAX];
				size_t len = strlen(left);
				snprintf(left + len, sizeof left - len, "%s%s", w ? ", " : "",
					 ind_text_period_range(&r->ex_a[w], &r->ex_b[w], lang, one));
			}
		if (d && d->joinpoints > 0)
			jp_ok = joinpoint_part(o, s, d->joinpoints, tt, yy, at, m, unit, &jp);
		if (!jp_ok) {
			char leaving[sizeof left + 64] = "";
			if (nexcl)
				snprintf(leaving, sizeof leaving, TX(b, T_LEAVING_OUT), left);
			if (sig) {
				CI(o, "slope_abs", fabs(tr.slope), fmin(fabs(tr.slope_lo), fabs(tr.slope_hi)),
				   fmax(fabs(tr.slope_lo), fabs(tr.slope_hi)), n1, n2, n3);
				sentence(o, TX(b, T_TREND_SIG), name, ind_report_verb(tr.slope > 0 ? V_INCREASED : V_DECREASED, lang, plural),
					 ind_report_with_unit(n1, yunit, u1), n2, n3, P(o, "slope_p", tr.slope_p, pb), span, leaving);
			} else {
				CI(o, "slope", tr.slope, tr.slope_lo, tr.slope_hi, n1, n2, n3);
				sentence(o, TX(b, T_TREND_NS), name, ind_report_verb(V_UNCHANGED, lang, plural), span, leaving,
					 ind_report_with_unit(n1, yunit, u1), n2, n3, P(o, "slope_p", tr.slope_p, pb));
			}
		}
		/* the caveats an ITS would give, for the trend */
		if (tr.n < 8)
			caveat(o, TX(b, T_CV_SHORT_TREND), COUNT(o, "n", tr.n, n1));
		if (to.se == IND_SE_OLS && tr.bg_p < 0.05)
			caveat(o, TX(b, T_CV_AUTOCORR), P(o, "bg_p", tr.bg_p, n1));
		if (to.se == IND_SE_OLS && isnan(tr.bg_p))
			caveat(o, "%s", TX(b, T_CV_AC_UNTESTED));
		if (to.se == IND_SE_HAC && tr.n < 24)
			caveat(o, TX(b, T_CV_HAC_SMALL), COUNT(o, "n", tr.n, n1));
		if (ncovid)
			caveat(o, TX(b, T_CV_COVID_TREND), COUNT(o, "n_covid", ncovid, n1));
		if (s->ncombined)
			caveat(o, "%s", TX(b, T_CV_DUP));
		if (!jp_ok) {
			const char *h2[] = { TX(b, T_STAT), TX(b, T_VALUE) };
			struct ind_table ct;
			compact_begin(&ct, h2, 2);
			compact_row(&ct, "n", COUNT(o, "n", tr.n, n1), NULL);
			CI(o, "slope", tr.slope, tr.slope_lo, tr.slope_hi, n1, n2, n3);
			compact_row(&ct, TX(b, T_SLOPE_CI), ci_cell(n1, n2, n3, cell), NULL);
			if (!isnan(tr.apc)) {
				CI_PCT(o, "apc", tr.apc, tr.apc_lo, tr.apc_hi, n1, n2, n3);
				compact_row(&ct, TX(b, T_APC_CI), ci_cell(n1, n2, n3, cell), NULL);
			}
			compact_row(&ct, "p", P(o, "slope_p", tr.slope_p, n1), NULL);
			compact_write(b, &ct);
		}
	} else {
		sentence(o, TX(b, T_TREND_NONE), name);
	}
	if (jp_ok) {	/* the joinpoint chart's columns: the fitted segments and which segment a period is in */
		char **head = realloc(t->head, 7 * sizeof *head);
		if (!head)
			ind_die(IND_EXIT_DATA, "out of memory");
		t->head = head;
		t->head[5] = ind_strndup_or_die("jp_fit", 6);
		t->head[6] = ind_strndup_or_die("jp_segment", 10);
		t->ncols = 7;
	}
	for (size_t i = 0; i < s->n; i++) {
		char **cells = calloc(t->ncols, sizeof *cells), pp[IND_PERIOD_TEXT_MAX], nb[IND_DOUBLE_TEXT_MAX];
		double fit, lo, hi;
		if (!cells)
			ind_die(IND_EXIT_DATA, "out of memory");
		ind_trend_predict(&tr, s->pts[i].t, &fit, &lo, &hi);
		if (jp_ok) {
			int segment = 0;
			char sg[16];
			fit = ind_joinpoints_predict(&jp, s->pts[i].t, &segment);
			add_cell(t, cells, 5, ind_num_format(fit, nb));
			snprintf(sg, sizeof sg, "%d", segment);
			add_cell(t, cells, 6, sg);
		}
		add_cell(t, cells, 0, o->region);
		add_cell(t, cells, 1, o->id);
		add_cell(t, cells, 2, ind_period_format(&s->pts[i].period, pp));
		add_cell(t, cells, 3, s->pts[i].has_value ? ind_num_format(s->pts[i].value, nb) : "");
		add_cell(t, cells, 4, ind_num_format(fit, nb));
		ind_table_add(t, cells, 0);
	}
	free(tt);
	free(yy);
	free(at);
}

/* One indicator of one region: statistics, sentences, chart, table. */
static int indicator(struct build *b, ind_series_set *set, const ind_events *events, const char *region,
		     int goal_index, const char *id, struct ind_error *err)
{
	const struct ind_report *r = b->r;
	const struct ind_report_indicator *d = NULL;
	const char *name, *unit;
	struct ind_series *s = NULL;
	struct ind_period at[IND_MAX_BREAKS];
	static char labels[IND_MAX_BREAKS][IND_EVENT_LABEL_MAX];	/* large: kept off the stack */
	size_t nat;
	static struct ind_out o;	/* large: kept off the stack */
	struct ind_table t = { 0 };
	char *svg, png[64];
	enum ind_lang lang = r->lang;
	bool plural;

	memset(&o, 0, sizeof o);
	o.b = b, o.region = region, o.goal = ind_goal_areas[goal_index], o.id = id;
	for (int i = 0; i < r->ninds; i++)
		if (strcmp(r->inds[i].id, id) == 0)
			d = &r->inds[i];
	/* in Swedish the Finnish name and unit where no Swedish one is given: the official names are Finnish */
	name = !d ? id
	       : lang == IND_LANG_FI ? (d->name_fi[0] ? d->name_fi : id)
	       : lang == IND_LANG_SV ? (d->name_sv[0] ? d->name_sv : d->name_fi[0] ? d->name_fi : id)
				     : (d->name_en[0] ? d->name_en : id);
	unit = !d ? ""
	       : lang == IND_LANG_FI ? d->unit_fi
	       : lang == IND_LANG_SV ? (d->unit_sv[0] ? d->unit_sv : d->unit_fi)
				     : d->unit_en;
	plural = d && d->plural;
	for (size_t i = 0; i < ind_series_count(set); i++) {
		struct ind_series *x = ind_series_at(set, i);
		if (strcmp(x->region, region) == 0 && strcmp(x->indicator, id) == 0)
			s = x;
	}
	fprintf(b->html, "<section class=\"indicator\">\n<h3>");
	html_text(b->html, name);
	fprintf(b->html, "</h3>\n");
	fputs("### ", b->md);
	ind_md_text(b->md, name);
	fputs("\n\n", b->md);
	if (!s) {
		fprintf(b->html, "<p class=\"note\">%s</p>\n</section>\n", TX(b, T_NO_DATA));
		fprintf(b->md, "%s\n\n", TX(b, T_NO_DATA));
		if (!r->quiet)
			ind_warn("%s, %s: no data", region, id);
		return 0;
	}
	/* the interruptions of this series, from the events file */
	nat = events ? ind_events_for(events, region, id, at, labels, IND_MAX_BREAKS) : 0;
	if (nat > IND_MAX_BREAKS)
		return ind_error_set(err, r->events, 0, "%s, %s: %zu interruptions; at most %d", region, id, nat, IND_MAX_BREAKS);
	for (size_t i = 0; i < nat; i++)
		for (size_t j = i + 1; j < nat; j++)
			if (ind_period_cmp(&at[i], &at[j]) == 0) {
				char p[IND_PERIOD_TEXT_MAX];
				return ind_error_set(err, r->events, 0, "%s, %s: the interruption %s is given twice", region, id,
						     ind_period_format(&at[i], p));
			}
	t.ncols = nat ? 9 : 5;
	t.head = calloc(t.ncols, sizeof *t.head);
	t.name = ind_strndup_or_die(region, strlen(region));
	{
		static const char *const cols[] = { "region", "indicator", "period", "value", "fit", "counterfactual", "cf_lo",
						    "cf_hi", "phase" };
		if (!t.head)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t c = 0; c < t.ncols; c++)
			t.head[c] = ind_strndup_or_die(cols[c], strlen(cols[c]));
	}
	if (!nat) {
		trend_part(&o, s, d, name, unit, plural, &t);
	} else if (its_part(&o, set, s, d, at, labels, nat, name, unit, plural, &t, err) < 0) {
		ind_table_free(&t);
		return -1;
	}
	/* sentences, caveats, chart */
	fputs("<p class=\"finding\">", b->html);
	for (int k = 0; k < o.ns; k++) {
		html_text(b->html, o.sentences[k]);
		fputc(k + 1 < o.ns ? ' ' : '\n', b->html);
		ind_md_text(b->md, o.sentences[k]);
		fputs(k + 1 < o.ns ? " " : "\n\n", b->md);
	}
	fputs("</p>\n", b->html);
	if (o.nn) {
		fprintf(b->html, "<p class=\"caveat\"><strong>%s</strong> ", TX(b, T_CAVEATS));
		fprintf(b->md, "*%s* ", TX(b, T_CAVEATS));
		for (int k = 0; k < o.nn; k++) {
			html_text(b->html, o.notes[k]);
			fputs(k + 1 < o.nn ? "; " : ".", b->html);
			ind_md_text(b->md, o.notes[k]);
			fputs(k + 1 < o.nn ? "; " : ".\n\n", b->md);
		}
		fputs("</p>\n", b->html);
	}
	{
		char title[512];
		snprintf(title, sizeof title, "%s \xe2\x80\x94 %s", region, name);
		svg = render(b, &t, at, nat, title, unit, png, sizeof png, err);
		ind_table_free(&t);
		if (!svg)
			return -1;
		fprintf(b->html, "<figure>%s<figcaption>", svg);
		html_text(b->html, title);
		fputs("</figcaption></figure>\n</section>\n", b->html);
		fputs("![", b->md);
		ind_md_text(b->md, title);
		fprintf(b->md, "](%s)\n\n", png);
		free(svg);
	}
	return 0;
}

/*
 * The population as the denominator of the counts of every [indicator]
 * with count = yes, in the report's regions and the comparison regions
 * (a point's own denominator wins): then they are compared as rates. A
 * period with no population of its year is an error, not a comparison in
 * persons.
 */
static int attach_population(const struct ind_report *r, ind_series_set *set, struct ind_error *err)
{
	struct ind_table pop = { 0 };
	int cr, cp, cv, rc = 0;
	if (ind_table_read(r->population, &pop, err) < 0)
		return -1;
	cr = ind_table_col(&pop, "region"), cp = ind_table_col(&pop, "period"), cv = ind_table_col(&pop, "population");
	if (cr < 0 || cp < 0 || cv < 0) {
		ind_table_free(&pop);
		return ind_error_set(err, r->population, 1, "expected the columns region, period, population");
	}
	for (size_t j = 0; j < ind_series_count(set) && rc == 0; j++) {
		struct ind_series *x = ind_series_at(set, j);
		bool count = false, wanted = r->controls && ind_strmap_get(r->controls, x->region, strlen(x->region));
		for (int i = 0; i < r->ninds; i++)
			count |= r->inds[i].count && strcmp(r->inds[i].id, x->indicator) == 0;
		for (int i = 0; i < r->nregions; i++)
			wanted |= strcmp(r->regions[i], x->region) == 0;
		for (size_t i = 0; count && wanted && i < x->n && rc == 0; i++) {
			struct ind_point *p = &x->pts[i];
			bool found = false;
			if (!p->has_value || p->has_denominator)
				continue;
			for (size_t e = 0; e < pop.nrows && !found; e++) {
				struct ind_period y;
				char *end;
				double v = strtod(pop.cell[e][cv], &end);
				if (strcmp(pop.cell[e][cr], x->region) != 0 ||
				    !ind_period_parse(pop.cell[e][cp], strlen(pop.cell[e][cp]), &y, NULL) || y.year != p->period.year)
					continue;
				if (end == pop.cell[e][cv] || *end || !(v > 0)) {
					rc = ind_error_set(err, r->population, pop.line ? pop.line[e] : 0, "population '%s': not a positive number",
							   pop.cell[e][cv]);
					break;
				}
				p->numerator = p->value, p->has_numerator = true;
				p->denominator = v, p->has_denominator = true;
				found = true;
			}
			if (!found && rc == 0)
				rc = ind_error_set(err, r->population, 0, "no population of '%s' in %d (for the counts of '%s')",
						   x->region, p->period.year, x->indicator);
		}
	}
	ind_table_free(&pop);
	return rc;
}

static const char *const css =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
	"color:#222;line-height:1.5}h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:2px solid #0072B2;padding-bottom:.2rem;"
	"margin-top:2.5rem}h3{font-size:1.1rem;margin-bottom:.3rem}figure{margin:1rem 0}figure svg{max-width:100%;height:auto}"
	"figcaption{font-size:.85rem;color:#555}table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}"
	"th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}"
	".caveat{font-size:.9rem;color:#6b4f00;background:#fff8e1;padding:.4rem .6rem;border-left:3px solid #E69F00}"
	".meta{color:#555;font-size:.9rem}@media print{body{margin:0;max-width:none}section.indicator{break-inside:avoid}"
	"h2{break-after:avoid}}";

int ind_report_build(const struct ind_report *r, const char *dir, struct ind_error *err)
{
	struct build b = { .r = r };
	ind_dir_output *out;
	ind_series_set *set = ind_series_set_new();
	ind_events *events = NULL;
	int rc = -1;
	const char *title;

	if (!ind_report_texts_checked())
		return ind_series_set_free(set), ind_error_set(err, NULL, 0, "internal error: the texts of the languages do not agree");
	if (!set)
		return ind_error_set(err, NULL, 0, "out of memory");
	for (int i = 0; i < r->ninputs; i++) {
		ind_stream *st = ind_stream_open(r->inputs[i], err);
		struct ind_stream_row row;
		int got;
		if (!st) {
			ind_series_set_free(set);
			return -1;
		}
		ind_series_file(set, ind_stream_name(st));
		while ((got = ind_stream_next(st, &row, err)) != IND_READ_EOF) {
			if (got == IND_READ_FATAL) {
				ind_stream_close(st);
				ind_series_set_free(set);
				return -1;
			}
			if (got == IND_READ_BAD) {
				if (!r->quiet)
					ind_error_print(err);
				continue;
			}
			if (ind_series_add(set, &row, NULL, 0, err) < 0) {
				ind_stream_close(st);
				ind_series_set_free(set);
				return -1;
			}
		}
		ind_stream_close(st);
	}
	ind_series_sort(set);
	if (ind_series_duplicates(set, IND_DUP_ERROR, &(bool){ false }) > 0) {
		ind_series_set_free(set);
		return ind_error_set(err, NULL, 0, "duplicate periods in the data (each is listed above)");
	}
	if (r->events) {
		if (!(events = ind_events_read(r->events, err))) {
			ind_series_set_free(set);
			return -1;
		}
	}
	if (r->population && attach_population(r, set, err) < 0) {
		ind_events_free(events);
		ind_series_set_free(set);
		return -1;
	}

	/*
	 * everything goes to a new directory beside DIR, published at the end by
	 * turning the link DIR to it (lib/writer.c)
	 */
	if (!(out = ind_dir_output_open(dir, err))) {
		ind_events_free(events);
		ind_series_set_free(set);
		return -1;
	}
	b.dir = ind_dir_output_path(out);
	b.html = create_in(b.dir, "index.html");
	b.md = create_in(b.dir, "report.md");
	b.stats = create_in(b.dir, "statistics.csv");
	if (!b.html || !b.md || !b.stats) {
		ind_error_set(err, b.dir, 0, "%s", strerror(errno));
		goto out;
	}
	ind_line_str(&b.ln, "region");
	ind_line_str(&b.ln, "goal");
	ind_line_str(&b.ln, "indicator");
	ind_line_str(&b.ln, "statistic");
	ind_line_str(&b.ln, "value");
	ind_line_str(&b.ln, "shown");
	ind_line_write(&b.ln, b.stats);

	{
		const char *own = r->lang == IND_LANG_FI ? r->title_fi : r->lang == IND_LANG_SV ? r->title_sv : r->title_en;
		title = r->title[0] ? r->title : own[0] ? own : TX(&b, T_TITLE);
	}
	fprintf(b.html, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		r->lang == IND_LANG_FI ? "fi" : r->lang == IND_LANG_SV ? "sv" : "en");
	html_text(b.html, title);
	fprintf(b.html, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
	html_text(b.html, title);
	fputs("</h1>\n", b.html);
	fputs("# ", b.md);
	ind_md_text(b.md, title);
	fputs("\n\n", b.md);
	{
		/* "Alueet: A, B. Vertailualueet: C. Pois rajatut jaksot: maalis–joulukuu 2020." */
		char meta[2048], one[2 * IND_FMT_MAX];
		size_t len;
		snprintf(meta, sizeof meta, "%s", TX(&b, T_REGIONS));
		for (int i = 0; i < r->nregions; i++) {
			len = strlen(meta);
			snprintf(meta + len, sizeof meta - len, "%s%s", i ? ", " : "", r->regions[i]);
		}
		len = strlen(meta);
		snprintf(meta + len, sizeof meta - len, ". %s%s. %s", TX(&b, T_CONTROLS),
			 r->controls_text[0] ? r->controls_text : TX(&b, T_NONE), TX(&b, T_EXCLUDED));
		for (int w = 0; w < r->an.nexclude; w++) {
			len = strlen(meta);
			snprintf(meta + len, sizeof meta - len, "%s%s", w ? ", " : "", ind_text_period_range(&r->ex_a[w], &r->ex_b[w], r->lang, one));
		}
		len = strlen(meta);
		snprintf(meta + len, sizeof meta - len, "%s.", r->an.nexclude ? "" : TX(&b, T_NONE));
		fputs("<p class=\"meta\">", b.html);
		html_text(b.html, meta);
		ind_md_text(b.md, meta);
		fputs("\n\n", b.md);
		if (r->stamp) {
			time_t now = time(NULL);
			char ts[64];
			strftime(ts, sizeof ts, "%Y-%m-%d %H:%M", localtime(&now));
			fprintf(b.html, " %s %s.", TX(&b, T_MADE), ts);
			fprintf(b.md, "%s %s.\n\n", TX(&b, T_MADE), ts);
		}
		fputs("</p>\n", b.html);
	}
	for (int reg = 0; reg < r->nregions; reg++) {
		if (r->nregions > 1) {
			fputs("<h1>", b.html);
			html_text(b.html, r->regions[reg]);
			fputs("</h1>\n", b.html);
			fputs("# ", b.md);
			ind_md_text(b.md, r->regions[reg]);
			fputs("\n\n", b.md);
		}
		for (int a = 0; a < 5; a++)
			for (int g = 0; g < r->ngoals; g++) {
				if (strcmp(r->goals[g].name, ind_goal_areas[a]) != 0)
					continue;
				fprintf(b.html, "<section class=\"goal\">\n<h2>%s</h2>\n", ind_report_goal_name(a, r->lang));
				fprintf(b.md, "## %s\n\n", ind_report_goal_name(a, r->lang));
				for (int i = 0; i < r->goals[g].n; i++)
					if (indicator(&b, set, events, r->regions[reg], a, r->goals[g].indicators[i],
						      err) < 0)
						goto out;
				fputs("</section>\n", b.html);
			}
	}
	fputs("</body>\n</html>\n", b.html);
	rc = 0;
out:
	if (b.html && (fclose(b.html) != 0) && rc == 0)
		rc = ind_error_set(err, dir, 0, "write error");
	if (b.md && (fclose(b.md) != 0) && rc == 0)
		rc = ind_error_set(err, dir, 0, "write error");
	if (b.stats && (fclose(b.stats) != 0) && rc == 0)
		rc = ind_error_set(err, dir, 0, "write error");
	if (rc == 0 && ind_export_write(r->export, b.dir, err) < 0)	/* inside the new version, before publishing */
		rc = -1;
	/* publish: readers of DIR/index.html see the old report or the new one, never none, never half */
	if (ind_dir_output_close(out, rc == 0, err) < 0)
		rc = -1;
	ind_line_free(&b.ln);
	ind_events_free(events);
	ind_series_set_free(set);
	return rc;
}
