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
#include "joinpoint.h"
#include "num.h"
#include "plot.h"
#include "render.h"
#include "series.h"
#include "stream.h"
#include "table.h"
#include "trend.h"
#include "writer.h"

const char *const ind_goal_areas[5] = { "Saatavuus", "Ennaltaehk\xc3\xa4isy", "Laatu ja vaikuttavuus",
					"Monialaisuus ja yhteentoimivuus", "Kustannusten nousun hillint\xc3\xa4" };
static const char *const goal_en[5] = { "Access", "Prevention", "Quality and effectiveness",
					"Multi-professional integration", "Containing cost growth" };
static const char *const goal_sv[5] = { "Tillg\xc3\xa4nglighet", "F\xc3\xb6rebyggande", "Kvalitet och verkningsfullhet",
					"Sektors\xc3\xb6vergripande samarbete och interoperabilitet",
					"D\xc3\xa4mpning av kostnads\xc3\xb6kningen" };

/* The name of goal area a in lang. */
static const char *goal_name(int a, enum ind_lang lang)
{
	return lang == IND_LANG_FI ? ind_goal_areas[a] : lang == IND_LANG_SV ? goal_sv[a] : goal_en[a];
}

/* ---- configuration ------------------------------------------------------- */

static char *path_beside(const char *config, const char *rel)
{
	const char *slash = strrchr(config, '/');
	char *p;
	if (rel[0] == '/' || !slash)
		return strdup(rel);
	if (!(p = malloc((size_t)(slash - config) + strlen(rel) + 2)))
		return NULL;
	sprintf(p, "%.*s/%s", (int)(slash - config), config, rel);
	return p;
}

/*
 * Split "a, b, c" into trimmed, owned items; a quoted item may hold commas
 * ("6. GROSS INCOME, mean"). -1 on an unterminated quote (ind-report checks
 * the lists first, with the line, see ind_config_check_lists).
 */
/* A config list: its items, or -1 with *why (too many, a quote not closed). */
static int split_list(const char *s, char **out, int max, const char **why)
{
	return ind_config_split(s, out, max, why);
}

static struct ind_report_indicator *indicator_of(struct ind_report *r, const char *id)
{
	for (int i = 0; i < r->ninds; i++)
		if (strcmp(r->inds[i].id, id) == 0)
			return &r->inds[i];
	if (r->ninds == IND_REPORT_MAX)
		return NULL;
	memset(&r->inds[r->ninds], 0, sizeof r->inds[0]);
	snprintf(r->inds[r->ninds].id, sizeof r->inds[0].id, "%s", id);
	return &r->inds[r->ninds++];
}

static bool period_window(const char *v, struct ind_period *a, struct ind_period *b, double *from, double *to)
{
	if (ind_period_window_parse(v, a, b, NULL, NULL))
		return false;
	*from = ind_period_time(a);
	*to = ind_period_end_time(b);
	return true;
}

int ind_report_configure(struct ind_report *r, const struct ind_config *c, struct ind_error *err)
{
	/* as ind-compare --se auto: Newey-West only where the Breusch-Godfrey test finds autocorrelation */
	r->an.its.se = IND_ITS_SE_AUTO;
	for (size_t i = 0; i < c->n; i++) {
		const struct ind_config_entry *e = &c->e[i];
		const char *k = e->key, *v = e->value;
		long line = e->line;
#define BAD(...) return ind_error_set(err, c->file, line, __VA_ARGS__)
		if (strcmp(e->section, "report") == 0) {
			if (strcmp(k, "title") == 0) {
				snprintf(r->title, sizeof r->title, "%s", v);
			} else if (strcmp(k, "title_fi") == 0) {
				snprintf(r->title_fi, sizeof r->title_fi, "%s", v);
			} else if (strcmp(k, "title_en") == 0) {
				snprintf(r->title_en, sizeof r->title_en, "%s", v);
			} else if (strcmp(k, "title_sv") == 0) {
				snprintf(r->title_sv, sizeof r->title_sv, "%s", v);
			} else if (strcmp(k, "lang") == 0) {
				if (!ind_lang_parse(v, &r->lang))
					BAD("lang: '%s' (use fi, en or sv)", v);
			} else if (strcmp(k, "input") == 0) {
				char *items[16];
				const char *why;
				int n = split_list(v, items, 16, &why);
				if (n < 0)
					BAD("input: %s", why);
				if (n == 0)
					BAD("input: give one or more files");
				if (r->ninputs + n > 16) {
					for (int j = 0; j < n; j++)
						free(items[j]);
					BAD("input: more than 16 files in all");
				}
				for (int j = 0; j < n; j++) {
					r->inputs[r->ninputs++] = path_beside(c->file, items[j]);
					free(items[j]);
				}
			} else if (strcmp(k, "events") == 0) {
				free(r->events);
				r->events = path_beside(c->file, v);
			} else if (strcmp(k, "population") == 0) {
				free(r->population);
				r->population = path_beside(c->file, v);
			} else if (strcmp(k, "regions") == 0) {
				for (int j = 0; j < r->nregions; j++)	/* a later line replaces an earlier one */
					free(r->regions[j]);
				{
					const char *why;
					if ((r->nregions = split_list(v, r->regions, IND_REPORT_MAX, &why)) < 0) {
						r->nregions = 0;
						BAD("regions: %s", why);
					}
					if (r->nregions == 0)
						BAD("regions: give one or more regions");
				}
			} else if (strcmp(k, "controls") == 0) {
				snprintf(r->controls_text, sizeof r->controls_text, "%s", v);
				if (!r->controls && !(r->controls = ind_strmap_new()))
					BAD("out of memory");
				{
					char *items[IND_REPORT_MAX];
					const char *why;
					int n = split_list(v, items, IND_REPORT_MAX, &why);
					if (n < 0)
						BAD("controls: %s", why);
					for (int j = 0; j < n; j++) {
						ind_strmap_put(r->controls, items[j], strlen(items[j]), "");
						free(items[j]);
					}
				}
			} else if (strcmp(k, "exclude") == 0) {
				char *items[IND_MAX_EXCLUDE];
				const char *why;
				int n = split_list(v, items, IND_MAX_EXCLUDE, &why);
				bool ok = n > 0;
				if (n < 0)
					BAD("exclude: %s", why);
				snprintf(r->exclude_text, sizeof r->exclude_text, "%s", v);
				r->an.nexclude = 0;	/* a later line replaces an earlier one */
				for (int j = 0; j < n; j++) {
					int x = r->an.nexclude;
					if (ok && period_window(items[j], &r->ex_a[x], &r->ex_b[x], &r->an.ex_from[x], &r->an.ex_to[x]))
						r->an.nexclude++;
					else
						ok = false;
					free(items[j]);
				}
				if (!ok)
					BAD("exclude: expected FROM..TO, e.g. 2020-03..2020-12");
			} else if (strcmp(k, "model") == 0) {
				if (strcmp(v, "ols") && strcmp(v, "poisson") && strcmp(v, "quasipoisson"))
					BAD("model: '%s' (use ols, poisson or quasipoisson)", v);
				r->an.its.model = strcmp(v, "ols") == 0 ? IND_MODEL_OLS : IND_MODEL_POISSON;
				r->an.its.quasi = strcmp(v, "quasipoisson") == 0;
			} else if (strcmp(k, "se") == 0) {
				if (strcmp(v, "auto") && strcmp(v, "ols") && strcmp(v, "hac") && strcmp(v, "ar1"))
					BAD("se: '%s' (use auto, ols, hac or ar1)", v);
				r->an.its.se = strcmp(v, "auto") == 0  ? IND_ITS_SE_AUTO
					       : strcmp(v, "ols") == 0 ? IND_ITS_SE_OLS
					       : strcmp(v, "hac") == 0 ? IND_ITS_SE_HAC
								       : IND_ITS_SE_AR1;
			} else if (strcmp(k, "season") == 0) {
				if (strcmp(v, "none") == 0)
					r->an.its.season = IND_SEASON_NONE;
				else if (strcmp(v, "month") == 0)
					r->an.its.season = IND_SEASON_MONTH;
				else if (strncmp(v, "fourier", 7) == 0 && (!v[7] || (v[7] >= '1' && v[7] <= '6' && !v[8]))) {
					r->an.its.season = IND_SEASON_FOURIER;
					r->an.its.fourier_k = v[7] ? v[7] - '0' : 2;
				} else
					BAD("season: '%s' (use none, month or fourierK)", v);
			} else {
				BAD("unknown key '%s' in [report]", k);
			}
		} else if (strncmp(e->section, "goal ", 5) == 0) {
			const char *name = e->section + 5;
			struct ind_report_goal *g = NULL;
			int area = -1;
			for (int a = 0; a < 5; a++)
				if (strcmp(name, ind_goal_areas[a]) == 0 || strcmp(name, goal_en[a]) == 0 || strcmp(name, goal_sv[a]) == 0)
					area = a;
			if (area < 0)
				BAD("unknown goal area '%s' (use %s, %s, %s, %s or %s)", name, ind_goal_areas[0], ind_goal_areas[1],
				    ind_goal_areas[2], ind_goal_areas[3], ind_goal_areas[4]);
			if (strcmp(k, "indicators") != 0)
				BAD("unknown key '%s' in [goal %s] (use indicators)", k, name);
			for (int j = 0; j < r->ngoals; j++)
				if (strcmp(r->goals[j].name, ind_goal_areas[area]) == 0)
					g = &r->goals[j];
			if (!g) {
				if (r->ngoals == 8)
					BAD("too many goal sections");
				g = &r->goals[r->ngoals++];
				memset(g, 0, sizeof *g);
				snprintf(g->name, sizeof g->name, "%s", ind_goal_areas[area]);
			}
			{
				const char *why;
				int n = split_list(v, g->indicators + g->n, IND_REPORT_MAX - g->n, &why);
				if (n < 0)
					BAD("indicators: %s", why);
				if (n == 0)
					BAD("indicators: give one or more indicators");
				for (int j = g->n; j < g->n + n; j++)
					if (!indicator_of(r, g->indicators[j])) {
						g->n += n;	/* owned by the goal now: freed with it */
						BAD("indicators: more than %d in all", IND_REPORT_MAX);
					}
				g->n += n;
			}
		} else if (strncmp(e->section, "indicator ", 10) == 0) {
			struct ind_report_indicator *d = indicator_of(r, e->section + 10);
			if (!d)
				BAD("too many indicators");
			if (strcmp(k, "name_fi") == 0)
				snprintf(d->name_fi, sizeof d->name_fi, "%s", v);
			else if (strcmp(k, "name_en") == 0)
				snprintf(d->name_en, sizeof d->name_en, "%s", v);
			else if (strcmp(k, "unit_fi") == 0)
				snprintf(d->unit_fi, sizeof d->unit_fi, "%s", v);
			else if (strcmp(k, "unit_en") == 0)
				snprintf(d->unit_en, sizeof d->unit_en, "%s", v);
			else if (strcmp(k, "name_sv") == 0)
				snprintf(d->name_sv, sizeof d->name_sv, "%s", v);
			else if (strcmp(k, "unit_sv") == 0)
				snprintf(d->unit_sv, sizeof d->unit_sv, "%s", v);
			else if (strcmp(k, "better") == 0) {
				if (strcmp(v, "higher") && strcmp(v, "lower"))
					BAD("better: '%s' (use higher or lower)", v);
				d->better = strcmp(v, "higher") == 0 ? 1 : -1;
			} else if (strcmp(k, "plural") == 0) {
				if (strcmp(v, "yes") && strcmp(v, "no"))
					BAD("plural: '%s' (use yes or no)", v);
				d->plural = strcmp(v, "yes") == 0;
			} else if (strcmp(k, "count") == 0) {
				if (strcmp(v, "yes") && strcmp(v, "no"))
					BAD("count: '%s' (use yes or no)", v);
				d->count = strcmp(v, "yes") == 0;
			} else if (strcmp(k, "joinpoints") == 0) {
				if (!(v[0] >= '0' && v[0] <= '0' + IND_JP_MAX && !v[1]))
					BAD("joinpoints: '%s' (use 0 to %d)", v, IND_JP_MAX);
				d->joinpoints = v[0] - '0';
			} else if (strcmp(k, "model") == 0) {
				if (strcmp(v, "ols") && strcmp(v, "poisson"))
					BAD("model: '%s' (use ols or poisson)", v);
				d->model = strcmp(v, "ols") == 0 ? IND_MODEL_OLS : IND_MODEL_POISSON;
				d->model_given = true;
			} else {
				BAD("unknown key '%s' in [indicator %s]", k, d->id);
			}
		} else {
			BAD("unknown section [%s] (use [report], [goal NAME] or [indicator NAME])", e->section);
		}
#undef BAD
	}
	if (r->ninputs == 0)
		return ind_error_set(err, c->file, 0, "no input: give input = FILE in [report]");
	if (r->ngoals == 0)
		return ind_error_set(err, c->file, 0, "no goal areas: give at least one [goal NAME] with indicators");
	if (r->nregions == 0)
		return ind_error_set(err, c->file, 0, "no regions: give regions = ... in [report]");
	r->an.controls = r->controls;
	return 0;
}

void ind_report_free(struct ind_report *r)
{
	for (int i = 0; i < r->ninputs; i++)
		free(r->inputs[i]);
	for (int i = 0; i < r->nregions; i++)
		free(r->regions[i]);
	for (int g = 0; g < r->ngoals; g++)
		for (int i = 0; i < r->goals[g].n; i++)
			free(r->goals[g].indicators[i]);
	free(r->events);
	free(r->population);
	ind_strmap_free(r->controls);
}

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
static char *render(struct build *b, const struct ind_table *t, const struct ind_period *at, const char *title,
		    const char *unit, char *png_name, size_t png_size, struct ind_error *err)
{
	bool its = at != NULL;
	struct ind_chart ch;
	char svg_name[32];
	char *svg = NULL, *svg_path;
	int id = ++b->chart;

	memset(&ch, 0, sizeof ch);
	ch.title = title;
	ch.ylabel = unit[0] ? unit : NULL;
	ch.lang = b->r->lang;
	ch.width = 760;
	if (at) {	/* the line at the intervention's own period, as the text says */
		ch.at[0] = *at;
		ch.nat = 1;
	}
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
		rc = its ? ind_chart_its(fp, t, &ch, err) : ind_chart_lines(fp, t, &ch, false, err);
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

/* ---- fixed texts ------------------------------------------------------------ */

/*
 * Every fixed text of the report, one table per language, indexed by enum
 * ind_lang: a language is one more table. The formats of one text take their
 * arguments in the same order in every language.
 */
enum text_id {
	T_TITLE, T_REGIONS, T_CONTROLS, T_EXCLUDED, T_NONE, T_MADE, T_NO_DATA, T_CAVEATS,
	T_STAT, T_VALUE, T_BEFORE, T_AFTER, T_MEAN, T_LEVEL_CI, T_RR_CI, T_PCT_CI, T_SLOPE_CI, T_APC_CI,
	T_JP_AAPC_LABEL,
	T_CHANGE_LABEL, T_CHANGE, T_IMPROVEMENT, T_DETERIORATION,
	T_LEVEL_SIG, T_LEVEL_NS, T_SLOPE_CHANGE, T_RR_SIG, T_RR_NS, T_RR_SLOPE, T_DID, T_DID_RR, T_DID_RATE, T_DISAGREE, T_OPPOSITE,
	T_NOT_BOTH, T_TOO_FEW, T_NO_ITS, T_OUTSIDE, T_TREND_SIG, T_TREND_NS, T_LEAVING_OUT, T_TREND_NONE,
	T_WHY_CLOSE, T_WHY_NOT_ID, T_WHY_NO_FIT, T_WHY_NO_VAR,
	T_CV_SHORT, T_CV_SHORT_TREND, T_CV_FEW_POST, T_CV_AUTOCORR, T_CV_HAC_SMALL, T_CV_COVID, T_CV_COVID_TREND,
	T_CV_DUP, T_CV_NOT_ID, T_CV_UNDERDISP, T_CV_AC_UNTESTED, T_CV_NO_CONTROL, T_CV_CONTROL_NO_DATA,
	T_CV_CONTROL_FEW, T_CV_COUNT_ABS, T_CV_AR1_BOUND, T_CV_AR1_CONV,
	T_SURE_NOT_YET, T_SURE_NEVER, T_SURE_MDE, T_SURE_PLACEBO_NONE, T_SURE_PLACEBO_SOME, T_SURE_PLACEBO_CHANCE,
	T_SURE_NO_PLACEBO, T_STEPS_MONTH, T_STEPS_QUARTER, T_STEPS_YEAR, T_STEPS_WEEK, T_STEPS_DAY,
	T_JP_NONE, T_JP_FOUND, T_JP_SEGMENTS, T_JP_APC, T_JP_SLOPE, T_JP_AAPC, T_JP_AAC, T_JP_SEG_LABEL, T_JP_SEG_LABEL_PCT, T_JP_ONE_APC, T_JP_ONE_SLOPE,
	T_COUNT
};

static const char *const text_en[T_COUNT] = {
	[T_TITLE] = "Effects and effectiveness",
	[T_REGIONS] = "Regions: ",
	[T_CONTROLS] = "Comparison regions: ",
	[T_EXCLUDED] = "Periods left out: ",
	[T_NONE] = "none",
	[T_MADE] = "Made",
	[T_NO_DATA] = "No data for this region.",
	[T_CAVEATS] = "Caveats:",
	[T_STAT] = "Statistic",
	[T_VALUE] = "Value",
	[T_BEFORE] = "Before",
	[T_AFTER] = "After",
	[T_MEAN] = "Mean",
	[T_LEVEL_CI] = "Level change (95% CI)",
	[T_RR_CI] = "Rate ratio (95% CI)",
	[T_PCT_CI] = "Change % (95% CI)",
	[T_SLOPE_CI] = "Change/yr (95% CI)",
	[T_APC_CI] = "Annual change % (95% CI)",
	[T_CHANGE_LABEL] = "the change \xe2\x80\x9c%s\xe2\x80\x9d in %s",
	[T_CHANGE] = "the change in %s",
	[T_IMPROVEMENT] = ", an improvement",
	[T_DETERIORATION] = ", a deterioration",
	[T_LEVEL_SIG] = "%s %s by %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) after %s%s.",
	[T_LEVEL_NS] = "%s %s significantly after %s: level change %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_SLOPE_CHANGE] = "The trend changed by %s per year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s); before the change it was %s per year.",
	[T_RR_SIG] = "%s %s by %s%% (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s%%, %s) after %s (rate ratio %s)%s.",
	[T_RR_NS] = "%s %s significantly after %s: rate ratio %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s), a change of %s%%.",
	[T_RR_SLOPE] = "After the change the yearly rate ratio of the trend was multiplied by %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID] = "Against the comparison regions (%s) the level change was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RR] = "Against the comparison regions (%s) the ratio of the rate ratios was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RATE] = "Against the comparison regions (%s) the level change was %s per %s inhabitants (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DISAGREE] = "The region's own change and the comparison with the comparison regions %s, so an effect of the change cannot be concluded.",
	[T_OPPOSITE] = "point in opposite directions",
	[T_NOT_BOTH] = "are not both statistically significant",
	[T_TOO_FEW] = "%s: the effect could not be estimated: too few values (before the change: %s, after it: %s).",
	[T_NO_ITS] = "%s: the effect could not be estimated: %s.",
	[T_OUTSIDE] = "%s: the change (%s) is outside the data.",
	[T_TREND_SIG] = "%s %s on average by %s per year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) over %s%s.",
	[T_TREND_NS] = "%s %s significantly over %s%s: the change was on average %s per year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_LEAVING_OUT] = ", leaving out %s",
	[T_TREND_NONE] = "%s: too short or constant a series for a trend.",
	[T_WHY_CLOSE] = "too few values after the change",
	[T_WHY_NOT_ID] = "the terms of the model cannot be told apart",
	[T_WHY_NO_FIT] = "the model could not be fitted",
	[T_WHY_NO_VAR] = "the values lie exactly on the model, so there are no intervals",
	[T_CV_SHORT] = "short series (%s values before, %s after): the intervals and p-values are uncertain",
	[T_CV_SHORT_TREND] = "short series (%s values): the interval and the p-value are uncertain",
	[T_CV_FEW_POST] = "less than a year of follow-up after the change: the effect can be assessed only after a longer follow-up",
	[T_CV_AUTOCORR] = "the residuals are autocorrelated (Breusch\xe2\x80\x93Godfrey %s); the intervals may be too narrow",
	[T_CV_HAC_SMALL] = "Newey\xe2\x80\x93West standard errors from so short a series (%s values) can be too small",
	[T_CV_COVID] = "the COVID-19 period (March 2020\xe2\x80\x93" "December 2021) falls in a compared window and is neither excluded nor modelled as an interruption",
	[T_CV_COVID_TREND] = "values of the COVID-19 period (March 2020\xe2\x80\x93" "December 2021) in the trend, not left out: %s",
	[T_CV_DUP] = "several rows for one period were combined",
	[T_CV_NOT_ID] = "the model is not identified: its terms cannot be told apart",
	[T_CV_UNDERDISP] = "the counts vary less than Poisson assumes, which narrows the quasi-Poisson intervals",
	[T_CV_AC_UNTESTED] = "too few values to test for autocorrelation: the errors assume independent values",
	[T_CV_NO_CONTROL] = "no comparison region",
	[T_CV_CONTROL_NO_DATA] = "the comparison regions have no data for this indicator, so there is no comparison",
	[T_CV_CONTROL_FEW] = "too few periods shared with the comparison regions for a comparison",
	[T_CV_COUNT_ABS] = "the comparison is in counts, not related to the population, so regions of different size are not comparable",
	[T_CV_AR1_BOUND] = "the AR(1) coefficient reached its bound: the errors are not AR(1)-like",
	[T_CV_AR1_CONV] = "the Prais\xe2\x80\x93Winsten iteration did not settle",
	[T_SURE_NOT_YET] = "The change cannot be confirmed yet: with the data at hand the smallest detectable level change is %s; detecting the estimated change (%s) would take about %s more %s of follow-up.",
	[T_SURE_NEVER] = "The change cannot be confirmed: the smallest detectable level change is %s, and the estimated change (%s) would not be detected within ten more years of follow-up.",
	[T_SURE_MDE] = "With the data at hand the smallest detectable level change is %s.",
	[T_SURE_PLACEBO_NONE] = "The change is unlikely to be chance: none of %s placebo dates in %s gave as large a change (placebo %s).",
	[T_SURE_PLACEBO_SOME] = "The change is unlikely to be chance: %s of %s placebo dates in %s gave as large a change (placebo %s).",
	[T_SURE_PLACEBO_CHANCE] = "The change may be chance: %s of %s placebo dates in %s gave as large a change (placebo %s).",
	[T_SURE_NO_PLACEBO] = "Whether the change could be chance was not checked with placebo dates: too few values before the change (%s).",
	[T_STEPS_MONTH] = "months",
	[T_STEPS_QUARTER] = "quarters",
	[T_STEPS_YEAR] = "years",
	[T_STEPS_WEEK] = "weeks",
	[T_STEPS_DAY] = "days",
	[T_JP_NONE] = "The joinpoint analysis found no point where the trend changed (up to %s tested, %s).",
	[T_JP_FOUND] = "The joinpoint analysis found %s in the trend (%s): %s.",
	[T_JP_SEGMENTS] = "The change by segment: %s.",
	[T_JP_APC] = "%s: %s%% a year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_SLOPE] = "%s: %s a year (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_AAPC] = "Over %s the average annual percent change was %s%% (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAC] = "Over %s the average annual change was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_SEG_LABEL] = "%s, change/yr (95%% CI)",
	[T_JP_SEG_LABEL_PCT] = "%s, annual change %% (95%% CI)",
	[T_JP_ONE_APC] = "Over %s the annual percent change was %s%% (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_ONE_SLOPE] = "Over %s the annual change was %s (95%% CI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAPC_LABEL] = "Average over the span (95% CI)",
};

static const char *const text_fi[T_COUNT] = {
	[T_TITLE] = "Vaikutukset ja vaikuttavuus",
	[T_REGIONS] = "Alueet: ",
	[T_CONTROLS] = "Vertailualueet: ",
	[T_EXCLUDED] = "Pois rajatut jaksot: ",
	[T_NONE] = "ei",
	[T_MADE] = "Laadittu",
	[T_NO_DATA] = "Ei tietoja t\xc3\xa4lle alueelle.",
	[T_CAVEATS] = "Huomioitavaa:",
	[T_STAT] = "Tunnusluku",
	[T_VALUE] = "Arvo",
	[T_BEFORE] = "Ennen",
	[T_AFTER] = "J\xc3\xa4lkeen",
	[T_MEAN] = "Keskiarvo",
	[T_LEVEL_CI] = "Tason muutos (95 %:n lv)",
	[T_RR_CI] = "Tasosuhde (95 %:n lv)",
	[T_PCT_CI] = "Muutos % (95 %:n lv)",
	[T_SLOPE_CI] = "Muutos/v (95 %:n lv)",
	[T_APC_CI] = "Vuosimuutos % (95 %:n lv)",
	[T_CHANGE_LABEL] = "muutoksen \xe2\x80\x9d%s\xe2\x80\x9d (%s)",
	[T_CHANGE] = "muutoksen (%s)",
	[T_IMPROVEMENT] = ", mik\xc3\xa4 on parannus",
	[T_DETERIORATION] = ", mik\xc3\xa4 on heikennys",
	[T_LEVEL_SIG] = "%s %s %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) %s j\xc3\xa4lkeen%s.",
	[T_LEVEL_NS] = "%s %s tilastollisesti merkitsev\xc3\xa4sti %s j\xc3\xa4lkeen: tason muutos %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_SLOPE_CHANGE] = "Trendi muuttui %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s); ennen muutosta trendi oli %s vuodessa.",
	[T_RR_SIG] = "%s %s %s %% (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s %%, %s) %s j\xc3\xa4lkeen (tasosuhde %s)%s.",
	[T_RR_NS] = "%s %s tilastollisesti merkitsev\xc3\xa4sti %s j\xc3\xa4lkeen: tasosuhde %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s), muutos %s %%.",
	[T_RR_SLOPE] = "Muutoksen j\xc3\xa4lkeen trendin vuotuinen suhde kertautui luvulla %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID] = "Vertailualueisiin (%s) n\xc3\xa4hden tason muutos oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RR] = "Vertailualueisiin (%s) n\xc3\xa4hden tasosuhteiden suhde oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RATE] = "Vertailualueisiin (%s) n\xc3\xa4hden tason muutos oli %s / %s asukasta (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DISAGREE] = "Alueen oma muutos ja vertailu vertailualueisiin %s, joten muutoksen vaikutuksesta ei voida p\xc3\xa4\xc3\xa4tell\xc3\xa4.",
	[T_OPPOSITE] = "osoittavat eri suuntiin",
	[T_NOT_BOTH] = "eiv\xc3\xa4t ole molemmat tilastollisesti merkitsevi\xc3\xa4",
	[T_TOO_FEW] = "%s: muutoksen vaikutusta ei voitu arvioida: havaintoja on liian v\xc3\xa4h\xc3\xa4n (ennen muutosta %s, sen j\xc3\xa4lkeen %s).",
	[T_NO_ITS] = "%s: muutoksen vaikutusta ei voitu arvioida: %s.",
	[T_OUTSIDE] = "%s: muutos (%s) on aineiston aikav\xc3\xa4lin ulkopuolella.",
	[T_TREND_SIG] = "%s %s keskim\xc3\xa4\xc3\xa4rin %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) aikav\xc3\xa4lill\xc3\xa4 %s%s.",
	[T_TREND_NS] = "%s %s tilastollisesti merkitsev\xc3\xa4sti aikav\xc3\xa4lill\xc3\xa4 %s%s: muutos oli keskim\xc3\xa4\xc3\xa4rin %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_LEAVING_OUT] = " ilman jaksoa %s",
	[T_TREND_NONE] = "%s: liian lyhyt tai vakio aikasarja trendin arvioimiseen.",
	[T_WHY_CLOSE] = "muutoksen j\xc3\xa4lkeen on liian v\xc3\xa4h\xc3\xa4n havaintoja",
	[T_WHY_NOT_ID] = "mallin termej\xc3\xa4 ei voi erottaa toisistaan",
	[T_WHY_NO_FIT] = "mallia ei voitu sovittaa",
	[T_WHY_NO_VAR] = "arvot ovat t\xc3\xa4sm\xc3\xa4lleen mallin mukaiset, joten luottamusv\xc3\xa4lej\xc3\xa4 ei ole",
	[T_CV_SHORT] = "lyhyt aikasarja (%s havaintoa ennen, %s j\xc3\xa4lkeen): luottamusv\xc3\xa4lit ja p-arvot ovat ep\xc3\xa4varmoja",
	[T_CV_SHORT_TREND] = "lyhyt aikasarja (%s havaintoa): luottamusv\xc3\xa4li ja p-arvo ovat ep\xc3\xa4varmoja",
	[T_CV_FEW_POST] = "alle vuoden seuranta muutoksen j\xc3\xa4lkeen: vaikutus voidaan arvioida vasta pidemm\xc3\xa4ll\xc3\xa4 aikav\xc3\xa4lill\xc3\xa4",
	[T_CV_AUTOCORR] = "j\xc3\xa4\xc3\xa4nn\xc3\xb6kset ovat autokorreloituneita (Breusch\xe2\x80\x93Godfrey %s); luottamusv\xc3\xa4lit voivat olla liian kapeita",
	[T_CV_HAC_SMALL] = "Newey\xe2\x80\x93West-virhearviot n\xc3\xa4in lyhyest\xc3\xa4 aikasarjasta (%s havaintoa) voivat olla liian pieni\xc3\xa4",
	[T_CV_COVID] = "COVID-19-jakso (maaliskuu 2020\xe2\x80\x93joulukuu 2021) osuu verrattuun jaksoon eik\xc3\xa4 sit\xc3\xa4 ole rajattu pois tai mallinnettu omana katkoksenaan",
	[T_CV_COVID_TREND] = "COVID-19-jakson (maaliskuu 2020\xe2\x80\x93joulukuu 2021) havaintoja trendiss\xc3\xa4 rajaamatta: %s",
	[T_CV_DUP] = "saman jakson useat rivit on yhdistetty",
	[T_CV_NOT_ID] = "mallia ei voitu estimoida: sen termej\xc3\xa4 ei voi erottaa toisistaan",
	[T_CV_UNDERDISP] = "hajonta on Poisson-mallin oletusta pienempi, mik\xc3\xa4 kaventaa luottamusv\xc3\xa4lej\xc3\xa4",
	[T_CV_AC_UNTESTED] = "havaintoja on liian v\xc3\xa4h\xc3\xa4n autokorrelaation testaamiseen, joten virhearviot olettavat havainnot toisistaan riippumattomiksi",
	[T_CV_NO_CONTROL] = "ei vertailualuetta",
	[T_CV_CONTROL_NO_DATA] = "vertailualueilla ei ole tietoja t\xc3\xa4st\xc3\xa4 indikaattorista, joten vertailua ei ole",
	[T_CV_CONTROL_FEW] = "vertailualueiden kanssa yhteisi\xc3\xa4 jaksoja on liian v\xc3\xa4h\xc3\xa4n vertailuun",
	[T_CV_COUNT_ABS] = "vertailu on lukum\xc3\xa4\xc3\xa4rin\xc3\xa4 eik\xc3\xa4 suhteutettuna v\303\244est\xc3\xb6\xc3\xb6n, joten erikokoiset alueet eiv\xc3\xa4t ole vertailukelpoisia",
	[T_CV_AR1_BOUND] = "AR(1)-kerroin osui rajaansa: virheet eiv\xc3\xa4t ole AR(1)-muotoisia",
	[T_CV_AR1_CONV] = "Prais\xe2\x80\x93Winsten-iterointi ei asettunut",
	[T_SURE_NOT_YET] = "Muutosta ei voida viel\xc3\xa4 todeta: nykyisell\xc3\xa4 aineistolla pienin havaittava tason muutos on %s; arvioidun muutoksen (%s) toteaminen vaatisi noin %s %s lis\xc3\xa4seurannan.",
	[T_SURE_NEVER] = "Muutosta ei voida todeta: pienin havaittava tason muutos on %s, eik\xc3\xa4 arvioitua muutosta (%s) todettaisi kymmenenk\xc3\xa4\xc3\xa4n vuoden lis\xc3\xa4seurannalla.",
	[T_SURE_MDE] = "Nykyisell\xc3\xa4 aineistolla pienin havaittava tason muutos on %s.",
	[T_SURE_PLACEBO_NONE] = "Muutos tuskin on sattumaa: yksik\xc3\xa4\xc3\xa4n %s lumeajankohdasta aikav\xc3\xa4lill\xc3\xa4 %s ei antanut yht\xc3\xa4 suurta muutosta (lumetestin %s).",
	[T_SURE_PLACEBO_SOME] = "Muutos tuskin on sattumaa: %s lumeajankohtaa %s:st\xc3\xa4 aikav\xc3\xa4lill\xc3\xa4 %s antoi yht\xc3\xa4 suuren muutoksen (lumetestin %s).",
	[T_SURE_PLACEBO_CHANCE] = "Muutos voi olla sattumaa: %s lumeajankohtaa %s:st\xc3\xa4 aikav\xc3\xa4lill\xc3\xa4 %s antoi yht\xc3\xa4 suuren muutoksen (lumetestin %s).",
	[T_SURE_NO_PLACEBO] = "Sattuman osuutta ei voitu arvioida lumeajankohdilla: ennen muutosta on liian v\xc3\xa4h\xc3\xa4n havaintoja (%s).",
	[T_STEPS_MONTH] = "kuukauden",
	[T_STEPS_QUARTER] = "nelj\xc3\xa4nneksen",
	[T_STEPS_YEAR] = "vuoden",
	[T_STEPS_WEEK] = "viikon",
	[T_STEPS_DAY] = "p\xc3\xa4iv\xc3\xa4n",
	[T_JP_NONE] = "Joinpoint-analyysi ei l\xc3\xb6yt\xc3\xa4nyt trendin muutoskohtia (enint\xc3\xa4\xc3\xa4n %s testattiin, %s).",
	[T_JP_FOUND] = "Joinpoint-analyysi l\xc3\xb6ysi trendist\xc3\xa4 %s (%s): %s.",
	[T_JP_SEGMENTS] = "Muutos jaksoittain: %s.",
	[T_JP_APC] = "%s: %s %% vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_SLOPE] = "%s: %s vuodessa (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_AAPC] = "Keskim\xc3\xa4\xc3\xa4r\xc3\xa4inen vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s %% (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAC] = "Keskim\xc3\xa4\xc3\xa4r\xc3\xa4inen vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_SEG_LABEL] = "%s, muutos/v (95 %%:n lv)",
	[T_JP_SEG_LABEL_PCT] = "%s, vuosimuutos %% (95 %%:n lv)",
	[T_JP_ONE_APC] = "Vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s %% (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_ONE_SLOPE] = "Vuosimuutos aikav\xc3\xa4lill\xc3\xa4 %s oli %s (95 %%:n lv %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAPC_LABEL] = "Keskim\xc3\xa4\xc3\xa4rin koko aikav\xc3\xa4lill\xc3\xa4 (95 %:n lv)",
};

static const char *const text_sv[T_COUNT] = {
	[T_TITLE] = "Effekter och verkningsfullhet",
	[T_REGIONS] = "Omr\xc3\xa5" "den: ",
	[T_CONTROLS] = "J\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "den: ",
	[T_EXCLUDED] = "Uteslutna perioder: ",
	[T_NONE] = "inga",
	[T_MADE] = "Skapad",
	[T_NO_DATA] = "Inga uppgifter f\xc3\xb6r detta omr\xc3\xa5" "de.",
	[T_CAVEATS] = "Observera:",
	[T_STAT] = "Nyckeltal",
	[T_VALUE] = "V\xc3\xa4rde",
	[T_BEFORE] = "F\xc3\xb6re",
	[T_AFTER] = "Efter",
	[T_MEAN] = "Medelv\xc3\xa4rde",
	[T_LEVEL_CI] = "Niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring (95 % KI)",
	[T_RR_CI] = "Niv\xc3\xa5kvot (95 % KI)",
	[T_PCT_CI] = "F\xc3\xb6r\xc3\xa4ndring % (95 % KI)",
	[T_SLOPE_CI] = "F\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r (95 % KI)",
	[T_APC_CI] = "\xc3\x85rlig f\xc3\xb6r\xc3\xa4ndring % (95 % KI)",
	[T_CHANGE_LABEL] = "f\xc3\xb6r\xc3\xa4ndringen \xe2\x80\x9d%s\xe2\x80\x9d (%s)",
	[T_CHANGE] = "f\xc3\xb6r\xc3\xa4ndringen (%s)",
	[T_IMPROVEMENT] = ", vilket \xc3\xa4r en f\xc3\xb6rb\xc3\xa4ttring",
	[T_DETERIORATION] = ", vilket \xc3\xa4r en f\xc3\xb6rs\xc3\xa4mring",
	[T_LEVEL_SIG] = "%s %s med %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) efter %s%s.",
	[T_LEVEL_NS] = "%s %s statistiskt signifikant efter %s: niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_SLOPE_CHANGE] = "Trenden f\xc3\xb6r\xc3\xa4ndrades med %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s); f\xc3\xb6re f\xc3\xb6r\xc3\xa4ndringen var den %s per \xc3\xa5r.",
	[T_RR_SIG] = "%s %s med %s %% (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s %%, %s) efter %s (niv\xc3\xa5kvot %s)%s.",
	[T_RR_NS] = "%s %s statistiskt signifikant efter %s: niv\xc3\xa5kvot %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s), en f\xc3\xb6r\xc3\xa4ndring p\xc3\xa5 %s %%.",
	[T_RR_SLOPE] = "Efter f\xc3\xb6r\xc3\xa4ndringen multiplicerades trendens \xc3\xa5rliga kvot med %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID] = "J\xc3\xa4mf\xc3\xb6rt med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena (%s) var niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RR] = "J\xc3\xa4mf\xc3\xb6rt med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena (%s) var kvoten mellan niv\xc3\xa5kvoterna %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DID_RATE] = "J\xc3\xa4mf\xc3\xb6rt med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena (%s) var niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s per %s inv\xc3\xa5nare (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_DISAGREE] = "Omr\xc3\xa5" "dets egen f\xc3\xb6r\xc3\xa4ndring och j\xc3\xa4mf\xc3\xb6relsen med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena %s, s\xc3\xa5 n\xc3\xa5gon effekt av f\xc3\xb6r\xc3\xa4ndringen kan inte fastst\xc3\xa4llas.",
	[T_OPPOSITE] = "pekar i olika riktningar",
	[T_NOT_BOTH] = "\xc3\xa4r inte b\xc3\xa5" "da statistiskt signifikanta",
	[T_TOO_FEW] = "%s: effekten kunde inte uppskattas: f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden (f\xc3\xb6re f\xc3\xb6r\xc3\xa4ndringen: %s, efter den: %s).",
	[T_NO_ITS] = "%s: effekten kunde inte uppskattas: %s.",
	[T_OUTSIDE] = "%s: f\xc3\xb6r\xc3\xa4ndringen (%s) ligger utanf\xc3\xb6r uppgifternas tidsperiod.",
	[T_TREND_SIG] = "%s %s i genomsnitt med %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s) under perioden %s%s.",
	[T_TREND_NS] = "%s %s statistiskt signifikant under perioden %s%s: f\xc3\xb6r\xc3\xa4ndringen var i genomsnitt %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_LEAVING_OUT] = ", utan perioden %s",
	[T_TREND_NONE] = "%s: f\xc3\xb6r kort eller konstant tidsserie f\xc3\xb6r en trend.",
	[T_WHY_CLOSE] = "f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden efter f\xc3\xb6r\xc3\xa4ndringen",
	[T_WHY_NOT_ID] = "modellens termer kan inte skiljas \xc3\xa5t",
	[T_WHY_NO_FIT] = "modellen kunde inte anpassas",
	[T_WHY_NO_VAR] = "v\xc3\xa4rdena ligger exakt p\xc3\xa5 modellen, s\xc3\xa5 det finns inga konfidensintervall",
	[T_CV_SHORT] = "kort tidsserie (%s v\xc3\xa4rden f\xc3\xb6re, %s efter): konfidensintervallen och p-v\xc3\xa4rdena \xc3\xa4r os\xc3\xa4kra",
	[T_CV_SHORT_TREND] = "kort tidsserie (%s v\xc3\xa4rden): konfidensintervallet och p-v\xc3\xa4rdet \xc3\xa4r os\xc3\xa4kra",
	[T_CV_FEW_POST] = "mindre \xc3\xa4n ett \xc3\xa5rs uppf\xc3\xb6ljning efter f\xc3\xb6r\xc3\xa4ndringen: effekten kan bed\xc3\xb6mas f\xc3\xb6rst efter en l\xc3\xa4ngre uppf\xc3\xb6ljning",
	[T_CV_AUTOCORR] = "residualerna \xc3\xa4r autokorrelerade (Breusch\xe2\x80\x93Godfrey %s); konfidensintervallen kan vara f\xc3\xb6r smala",
	[T_CV_HAC_SMALL] = "Newey\xe2\x80\x93West-medelfel fr\xc3\xa5n en s\xc3\xa5 kort tidsserie (%s v\xc3\xa4rden) kan vara f\xc3\xb6r sm\xc3\xa5",
	[T_CV_COVID] = "covid-19-perioden (mars 2020\xe2\x80\x93" "december 2021) infaller i en j\xc3\xa4mf\xc3\xb6rd period och \xc3\xa4r varken utesluten eller modellerad som ett eget avbrott",
	[T_CV_COVID_TREND] = "v\xc3\xa4rden fr\xc3\xa5n covid-19-perioden (mars 2020\xe2\x80\x93" "december 2021) i trenden, inte uteslutna: %s",
	[T_CV_DUP] = "flera rader f\xc3\xb6r samma period har sl\xc3\xa5tts samman",
	[T_CV_NOT_ID] = "modellen \xc3\xa4r inte identifierad: dess termer kan inte skiljas \xc3\xa5t",
	[T_CV_UNDERDISP] = "antalen varierar mindre \xc3\xa4n Poissonmodellen antar, vilket g\xc3\xb6r konfidensintervallen smalare",
	[T_CV_AC_UNTESTED] = "f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden f\xc3\xb6r att testa autokorrelation: medelfelen antar oberoende v\xc3\xa4rden",
	[T_CV_NO_CONTROL] = "inget j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "de",
	[T_CV_CONTROL_NO_DATA] = "j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena har inga uppgifter om denna indikator, s\xc3\xa5 n\xc3\xa5gon j\xc3\xa4mf\xc3\xb6relse finns inte",
	[T_CV_CONTROL_FEW] = "f\xc3\xb6r f\xc3\xa5 perioder gemensamma med j\xc3\xa4mf\xc3\xb6relseomr\xc3\xa5" "dena f\xc3\xb6r en j\xc3\xa4mf\xc3\xb6relse",
	[T_CV_COUNT_ABS] = "j\xc3\xa4mf\xc3\xb6relsen g\xc3\xa4ller antal som inte st\xc3\xa4llts i relation till befolkningen, s\xc3\xa5 omr\xc3\xa5" "den av olika storlek \xc3\xa4r inte j\xc3\xa4mf\xc3\xb6rbara",
	[T_CV_AR1_BOUND] = "AR(1)-koefficienten n\xc3\xa5" "dde sin gr\xc3\xa4ns: felen liknar inte AR(1)",
	[T_CV_AR1_CONV] = "Prais\xe2\x80\x93Winsten-iterationen konvergerade inte",
	[T_SURE_NOT_YET] = "F\xc3\xb6r\xc3\xa4ndringen kan \xc3\xa4nnu inte p\xc3\xa5visas: med nuvarande data \xc3\xa4r den minsta p\xc3\xa5visbara niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s; att p\xc3\xa5visa den uppskattade f\xc3\xb6r\xc3\xa4ndringen (%s) skulle kr\xc3\xa4va ytterligare uppf\xc3\xb6ljning i ungef\xc3\xa4r %s %s.",
	[T_SURE_NEVER] = "F\xc3\xb6r\xc3\xa4ndringen kan inte p\xc3\xa5visas: den minsta p\xc3\xa5visbara niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen \xc3\xa4r %s, och den uppskattade f\xc3\xb6r\xc3\xa4ndringen (%s) skulle inte p\xc3\xa5visas ens med tio \xc3\xa5rs ytterligare uppf\xc3\xb6ljning.",
	[T_SURE_MDE] = "Med nuvarande data \xc3\xa4r den minsta p\xc3\xa5visbara niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndringen %s.",
	[T_SURE_PLACEBO_NONE] = "F\xc3\xb6r\xc3\xa4ndringen beror knappast p\xc3\xa5 slumpen: ingen av %s placebotidpunkter under perioden %s gav en lika stor f\xc3\xb6r\xc3\xa4ndring (placebotestets %s).",
	[T_SURE_PLACEBO_SOME] = "F\xc3\xb6r\xc3\xa4ndringen beror knappast p\xc3\xa5 slumpen: %s av %s placebotidpunkter under perioden %s gav en lika stor f\xc3\xb6r\xc3\xa4ndring (placebotestets %s).",
	[T_SURE_PLACEBO_CHANCE] = "F\xc3\xb6r\xc3\xa4ndringen kan bero p\xc3\xa5 slumpen: %s av %s placebotidpunkter under perioden %s gav en lika stor f\xc3\xb6r\xc3\xa4ndring (placebotestets %s).",
	[T_SURE_NO_PLACEBO] = "Om f\xc3\xb6r\xc3\xa4ndringen kan bero p\xc3\xa5 slumpen kunde inte pr\xc3\xb6vas med placebotidpunkter: f\xc3\xb6r f\xc3\xa5 v\xc3\xa4rden f\xc3\xb6re f\xc3\xb6r\xc3\xa4ndringen (%s).",
	[T_STEPS_MONTH] = "m\xc3\xa5nader",
	[T_STEPS_QUARTER] = "kvartal",
	[T_STEPS_YEAR] = "\xc3\xa5r",
	[T_STEPS_WEEK] = "veckor",
	[T_STEPS_DAY] = "dagar",
	[T_JP_NONE] = "Joinpoint-analysen fann ingen punkt d\xc3\xa4r trenden f\xc3\xb6r\xc3\xa4ndrades (h\xc3\xb6gst %s pr\xc3\xb6vades, %s).",
	[T_JP_FOUND] = "Joinpoint-analysen fann %s i trenden (%s): %s.",
	[T_JP_SEGMENTS] = "F\xc3\xb6r\xc3\xa4ndringen per period: %s.",
	[T_JP_APC] = "%s: %s %% per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_SLOPE] = "%s: %s per \xc3\xa5r (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s)",
	[T_JP_AAPC] = "Under perioden %s var den genomsnittliga \xc3\xa5rliga procentuella f\xc3\xb6r\xc3\xa4ndringen %s %% (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAC] = "Under perioden %s var den genomsnittliga \xc3\xa5rliga f\xc3\xb6r\xc3\xa4ndringen %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_SEG_LABEL] = "%s, f\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r (95 %% KI)",
	[T_JP_SEG_LABEL_PCT] = "%s, \xc3\xa5rlig f\xc3\xb6r\xc3\xa4ndring %% (95 %% KI)",
	[T_JP_ONE_APC] = "Under perioden %s var den \xc3\xa5rliga procentuella f\xc3\xb6r\xc3\xa4ndringen %s %% (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_ONE_SLOPE] = "Under perioden %s var den \xc3\xa5rliga f\xc3\xb6r\xc3\xa4ndringen %s (95 %% KI %s\xc2\xa0\xe2\x80\xa6\xc2\xa0%s, %s).",
	[T_JP_AAPC_LABEL] = "Genomsnitt \xc3\xb6ver hela perioden (95 % KI)",
};

static const char *const *const texts[] = { [IND_LANG_EN] = text_en, [IND_LANG_FI] = text_fi, [IND_LANG_SV] = text_sv };

#define TX(b, id) (texts[(b)->r->lang][id])

/*
 * The texts from T_CHANGE_LABEL on are formats the compiler cannot check
 * (-Wformat-nonliteral): they may hold only %s and %%, the same number of
 * %s in every language, which texts_checked() makes sure of before a report
 * is made. The texts before it are labels, never formats.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static bool texts_checked(void)
{
	for (size_t l = 0; l < sizeof texts / sizeof texts[0]; l++)
		for (int id = 0; id < T_COUNT; id++) {
			const char *c;
			if (id < T_CHANGE_LABEL) {
				if (!texts[l] || !texts[l][id])
					return false;
				continue;
			}
			int n = 0, n0 = 0;
			if (!texts[l] || !texts[l][id])
				return false;
			for (c = texts[l][id]; (c = strchr(c, '%')); c += 2)
				if (c[1] == 's')
					n++;
				else if (c[1] != '%')
					return false;
			for (c = texts[0][id]; (c = strchr(c, '%')); c += 2)
				n0 += c[1] == 's';
			if (n != n0)
				return false;
		}
	return true;
}

/* ---- a few formats of the report's own (sentence typography) --------------- */

#define NBSP "\xc2\xa0"

/* A percentage with one decimal ("0,0", not "0,00212"): the estimate and its interval alike. */
static const char *pct_text(double x, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	if (isfinite(x) && fabs(x) >= 1000)
		return ind_text_number(x, 3, lang, buf);
	return ind_text_fixed(x, 1, lang, buf);
}

/* A sentence starts with a capital, whatever the name of its indicator (ASCII and ä, ö, å). */
static void sentence_case(char *s)
{
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
	else if ((unsigned char)s[0] == 0xc3 && ((unsigned char)s[1] == 0xa4 || (unsigned char)s[1] == 0xb6 ||
						 (unsigned char)s[1] == 0xa5))
		s[1] = (char)((unsigned char)s[1] - 0x20);
}

enum verb { V_INCREASED, V_DECREASED, V_UNCHANGED };

/* The verb of a finding, agreeing with a Finnish plural name. */
static const char *verb(enum verb v, enum ind_lang lang, bool plural)
{
	static const char *const fi1[] = { "kasvoi", "laski", "ei muuttunut" };
	static const char *const fi2[] = { "kasvoivat", "laskivat", "eiv\xc3\xa4t muuttuneet" };
	static const char *const en[] = { "increased", "decreased", "did not change" };
	static const char *const sv[] = { "\xc3\xb6kade", "minskade", "f\xc3\xb6r\xc3\xa4ndrades inte" };
	return lang == IND_LANG_FI ? (plural ? fi2 : fi1)[v] : lang == IND_LANG_SV ? sv[v] : en[v];
}

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
	pct_text(x, o->b->r->lang, buf);
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
	sentence_case(o->sentences[o->ns++]);
}

static void caveat(struct ind_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void caveat(struct ind_out *o, const char *fmt, ...)
{
	va_list ap;
	if (o->nn == IND_OUT_NOTES)
		ind_die(IND_EXIT_DATA, "%s, %s: more than %d caveats", o->region, o->id, IND_OUT_NOTES);
	va_start(ap, fmt);
	vsnprintf(o->notes[o->nn++], sizeof o->notes[0], fmt, ap);
	va_end(ap);
}

/* "329 käyntiä kuukaudessa", or "329" without a unit: never a space too many. */
static const char *with_unit(const char *num, const char *unit, char buf[IND_FMT_MAX + 80])
{
	snprintf(buf, IND_FMT_MAX + 80, "%s%s%.64s", num, unit[0] ? " " : "", unit);
	return buf;
}

/*
 * The unit of a change per year: none when the unit is itself per a time
 * ("käyntiä kuukaudessa vuodessa" says nothing a reader can follow).
 */
static const char *per_year_unit(const char *unit)
{
	static const char *const per_time[] = { "kuukaudessa", "viikossa", "p\xc3\xa4iv\xc3\xa4ss\xc3\xa4", "vuodessa",
						"a month", "a week", "a day", "a year", "per ", "i m\xc3\xa5naden", "i veckan",
						"om dagen", "om \xc3\xa5ret", "i \xc3\xa5ret" };
	for (size_t i = 0; i < sizeof per_time / sizeof per_time[0]; i++)
		if (strstr(unit, per_time[i]))
			return "";
	return unit;
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

/*
 * Poisson against the comparison regions: the ratio of the region's level
 * rate ratio to theirs, from one Poisson GLM on the region's counts and the
 * pooled counts of the comparison regions at the same periods,
 *   log E y = offset + b0 + b1 tt + c post + d tt post + G (g0 + g1 tt + g2 post + g3 tt post),
 * G 1 for the region, tt = t - t_1 (R: glm(y ~ G * (tt + post + tpost), poisson)):
 * exp(g2) with exp(g2 -+ z se), z the normal quantile. Sizes cancel in a
 * ratio of ratios, so regions of any size compare. The offset is the log of
 * the denominators where every count has one, the pooled ones for the
 * comparison regions. Season terms are not part of it. false when there are
 * fewer than 3 shared periods on a side or the fit fails.
 */
struct ratio_did {
	double est, lo, hi, p;
	size_t n;		/* shared periods */
};

static bool ratio_did(ind_series_set *set, const struct ind_report *r, const struct ind_analysis_opts *ao,
		      const struct ind_series *s, double t1, struct ratio_did *out)
{
	size_t cap = 2 * (s->n ? s->n : 1), m = 0, npre = 0, npost = 0;
	double *x = malloc(cap * 8 * sizeof *x), *y = malloc(cap * sizeof *y), *off = malloc(cap * sizeof *off);
	struct ind_fit *f = malloc(sizeof *f);
	bool use_offset = true, ok = false;

	if (!x || !y || !off || !f)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < s->n; i++) {
		const struct ind_point *p = &s->pts[i];
		double cy = 0, cd = 0;
		int k = 0;
		bool cden = true;
		if (!p->has_value || ind_analysis_excluded(ao, p->t))
			continue;
		for (size_t j = 0; j < ind_series_count(set); j++) {
			const struct ind_series *c = ind_series_at(set, j);
			if (strcmp(c->indicator, s->indicator) != 0 || !ind_strmap_get(r->controls, c->region, strlen(c->region)))
				continue;
			for (size_t q = 0; q < c->n; q++)
				if (c->pts[q].has_value && ind_period_cmp(&c->pts[q].period, &p->period) == 0) {
					cy += c->pts[q].has_numerator ? c->pts[q].numerator : c->pts[q].value;
					if (c->pts[q].has_denominator && c->pts[q].denominator > 0)
						cd += c->pts[q].denominator;
					else
						cden = false;
					k++;
					break;
				}
		}
		if (!k)
			continue;
		for (int g = 0; g < 2; g++) {	/* g 1: the region, 0: the comparison regions */
			double tt = p->t - t1, post = p->t >= t1 - 1e-9, row[8] = { 1, tt, post, tt * post, g, g * tt, g * post,
										  g * tt * post };
			memcpy(x + m * 8, row, sizeof row);
			y[m] = g ? (p->has_numerator ? p->numerator : p->value) : cy;
			if (g && p->has_denominator && p->denominator > 0)
				off[m] = log(p->denominator);
			else if (!g && cden)
				off[m] = log(cd);
			else
				use_offset = false;
			m++;
		}
		if (p->t >= t1 - 1e-9)
			npost++;
		else
			npre++;
	}
	out->n = npre + npost;
	if (npre >= 3 && npost >= 3 &&
	    ind_fit_poisson(x, y, use_offset ? off : NULL, m, 8, ao->its.quasi, f) == 0 && f->cov[6 * 8 + 6] > 0) {
		double se = sqrt(f->cov[6 * 8 + 6]), z = 1.959963984540054;
		out->est = exp(f->beta[6]);
		out->lo = exp(f->beta[6] - z * se);
		out->hi = exp(f->beta[6] + z * se);
		out->p = erfc(fabs(f->beta[6] / se) / sqrt(2.0));
		ok = true;
	}
	free(x);
	free(y);
	free(off);
	free(f);
	return ok;
}

/* Is every value of s a count with its denominator (value = numerator), not a rate or a share? */
static bool counts_with_denominators(const struct ind_series *s)
{
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct ind_point *p = &s->pts[i];
		if (!p->has_value)
			continue;
		if (!(p->has_numerator && p->has_denominator && p->denominator > 0 &&
		      fabs(p->value - p->numerator) <= 1e-9 * fabs(p->numerator)))
			return false;
		k++;
	}
	return k > 0;
}

/*
 * OLS on counts with denominators: the comparison on rates per 1 000 of the
 * denominator (inhabitants, for a population), so that regions of different
 * size compare: the same segmented regression as ind_analyse's
 * difference-in-differences, on 1000 x / d of the region minus the mean of
 * the comparison regions' at the same periods. false without 3 shared
 * periods on a side or a fit.
 */
static bool rate_did(ind_series_set *set, const struct ind_report *r, const struct ind_analysis_opts *ao,
		     const struct ind_series *s, double t1, struct ratio_did *out)
{
	size_t cap = s->n ? s->n : 1, m = 0, npre = 0, npost = 0;
	double *t = malloc(cap * sizeof *t), *y = malloc(cap * sizeof *y);
	int *month = malloc(cap * sizeof *month);
	struct ind_its *its = malloc(sizeof *its);
	struct ind_its_opts o = ao->its;
	bool ok = false;

	if (!t || !y || !month || !its)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < s->n; i++) {
		const struct ind_point *p = &s->pts[i];
		double sum = 0;
		int k = 0;
		if (!p->has_value || ind_analysis_excluded(ao, p->t))
			continue;
		for (size_t j = 0; j < ind_series_count(set); j++) {
			const struct ind_series *c = ind_series_at(set, j);
			if (strcmp(c->indicator, s->indicator) != 0 || !ind_strmap_get(r->controls, c->region, strlen(c->region)))
				continue;
			for (size_t q = 0; q < c->n; q++)
				if (c->pts[q].has_numerator && c->pts[q].has_denominator && c->pts[q].denominator > 0 &&
				    ind_period_cmp(&c->pts[q].period, &p->period) == 0) {
					sum += 1000 * c->pts[q].numerator / c->pts[q].denominator;
					k++;
					break;
				}
		}
		if (!k)
			continue;
		t[m] = p->t;
		y[m] = 1000 * p->numerator / p->denominator - sum / k;
		month[m++] = p->period.kind == IND_PERIOD_MONTH ? p->period.sub : 0;
		if (p->t >= t1 - 1e-9)
			npost++;
		else
			npre++;
	}
	o.model = IND_MODEL_OLS;
	o.quasi = false;
	if (o.ac_lags <= 0)
		o.ac_lags = s->n ? ind_default_ac_lags(s->pts[0].period.kind) : 1;
	out->n = m;
	if (npre >= 3 && npost >= 3 && ind_its_fit(t, y, NULL, month, m, &t1, 1, &o, its) == 0) {
		out->est = its->brk[0].level, out->lo = its->brk[0].level_lo, out->hi = its->brk[0].level_hi;
		out->p = its->brk[0].level_p;
		ok = true;
	}
	free(t);
	free(y);
	free(month);
	free(its);
	return ok;
}

/*
 * How sure the finding is, in one sentence: without a significant change, the
 * smallest detectable one and the follow-up it would need (OLS: ind_its_power);
 * with one, whether placebo dates before the change give as large a change.
 */
static void how_sure(struct ind_out *o, const struct ind_series *s, const struct ind_analysis_break *ab,
		     const struct ind_its_break *its, bool its_sig, const char *unit)
{
	struct build *b = o->b;
	enum ind_lang lang = b->r->lang;
	char n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80],
		span[2 * IND_FMT_MAX];
	if (!its_sig && isfinite(ab->pw.mde_level)) {
		enum ind_period_kind kind = s->n ? s->pts[0].period.kind : IND_PERIOD_YEAR;
		enum text_id steps = kind == IND_PERIOD_MONTH	  ? T_STEPS_MONTH
				     : kind == IND_PERIOD_QUARTER ? T_STEPS_QUARTER
				     : kind == IND_PERIOD_WEEK	  ? T_STEPS_WEEK
				     : kind == IND_PERIOD_DAY	  ? T_STEPS_DAY
								  : T_STEPS_YEAR;
		with_unit(N(o, "mde_level", ab->pw.mde_level, n1), unit, u1);
		/* the estimate as the sentence before showed it, with its interval's decimals */
		ind_text_fixed(its->level, ind_text_decimals(its->level, its->level_lo, its->level_hi, 3), lang, n2);
		stat_shown(o, "level", its->level, n2);
		if (ab->pw.followup > 0)
			sentence(o, TX(b, T_SURE_NOT_YET), u1, n2, COUNT(o, "followup_needed", (size_t)ab->pw.followup, n3),
				 TX(b, steps));
		else if (ab->pw.followup < 0)
			sentence(o, TX(b, T_SURE_NEVER), u1, n2);
		else
			sentence(o, TX(b, T_SURE_MDE), u1);
	} else if (its_sig && ab->placebo_n > 0) {
		long as_large = lround(ab->placebo_p * (double)(ab->placebo_n + 1)) - 1;
		ind_text_period_range(&ab->placebo_first, &ab->placebo_last, lang, span);
		COUNT(o, "placebo_n", ab->placebo_n, n2);
		P(o, "placebo_p", ab->placebo_p, pb);
		if (as_large <= 0)
			sentence(o, TX(b, T_SURE_PLACEBO_NONE), n2, span, pb);
		else
			sentence(o, TX(b, ab->placebo_p < 0.05 ? T_SURE_PLACEBO_SOME : T_SURE_PLACEBO_CHANCE),
				 COUNT(o, "placebo_as_large", (size_t)as_large, n1), n2, span, pb);
	} else if (its_sig) {
		sentence(o, TX(b, T_SURE_NO_PLACEBO), COUNT(o, "n_pre", ab->n_pre, n1));
	}
}

/* The interrupted time series of one indicator: sentences, caveats, table rows, points. */
static void its_part(struct ind_out *o, ind_series_set *set, const struct ind_series *s, const struct ind_report_indicator *d,
		     const struct ind_period *atp, const char *label, const char *name, const char *unit, bool plural,
		     struct ind_table *t)
{
	struct build *b = o->b;
	const struct ind_report *r = b->r;
	enum ind_lang lang = r->lang;
	static struct ind_analysis a;	/* large: kept off the stack */
	struct ind_analysis_opts ao = r->an;
	struct ind_point_fit *pf = malloc(s->n * sizeof *pf);
	char when[IND_FMT_MAX], change[400], n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], n4[IND_FMT_MAX],
		pb[IND_FMT_MAX], u1[IND_FMT_MAX + 80], u2[IND_FMT_MAX + 80], cell[3 * IND_FMT_MAX + 8];
	const char *yunit = per_year_unit(unit);
	const struct ind_its_break *its;
	const struct ind_analysis_break *ab;
	bool poisson, its_sig = false, disagree = false;
	int its_dir = 0;

	if (!pf)
		ind_die(IND_EXIT_DATA, "out of memory");
	if (d && d->model_given) {
		ao.its.model = d->model;
		if (d->model == IND_MODEL_OLS)
			ao.its.quasi = false;
	}
	poisson = ao.its.model == IND_MODEL_POISSON;
	/* how sure: the detectable change and follow-up (OLS), placebo dates (both models) */
	ao.power = true;
	ao.pw.alpha = 0.05, ao.pw.power = 0.8, ao.pw.sims = 0;
	ao.placebo_min = 8;
	ind_analyse(set, s, atp, 1, &ao, &a, pf);
	its = &a.its.brk[0];
	ab = &a.b[0];
	ind_text_period(atp, lang, when);
	if (label[0])
		snprintf(change, sizeof change, TX(b, T_CHANGE_LABEL), label, when);
	else
		snprintf(change, sizeof change, TX(b, T_CHANGE), when);

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
		/* the region's own change, and against the comparison regions: a ratio of rate ratios under Poisson */
		struct ratio_did rd = { NAN, NAN, NAN, NAN, 0 };
		bool rates = !poisson && counts_with_denominators(s);	/* counts: compared as rates, never in persons */
		bool did = poisson  ? r->controls && !a.is_control && ratio_did(set, r, &ao, s, ind_period_time(atp), &rd)
			   : rates ? r->controls && !a.is_control && rate_did(set, r, &ao, s, ind_period_time(atp), &rd)
				   : !isnan(ab->did) && !isnan(ab->did_lo);
		double dv = poisson || rates ? rd.est : ab->did, dlo = poisson || rates ? rd.lo : ab->did_lo,
		       dhi = poisson || rates ? rd.hi : ab->did_hi, null = poisson ? 1 : 0;
		bool did_sig = did && (dlo > null || dhi < null);
		int did_dir = dv > null ? 1 : dv < null ? -1 : 0;
		const char *judgement = "";
		its_sig = its->level_lo > 0 || its->level_hi < 0;	/* log scale under Poisson: 0 is a ratio of 1 */
		its_dir = its->level > 0 ? 1 : its->level < 0 ? -1 : 0;
		disagree = did && (its_sig || did_sig) && (its_sig != did_sig || its_dir != did_dir);
		if (its_sig && !disagree && d && d->better)
			judgement = TX(b, its_dir == d->better ? T_IMPROVEMENT : T_DETERIORATION);
		if (poisson) {
			double rel = its->rr_level - 1, lo = its->rr_level_lo - 1, hi = its->rr_level_hi - 1;
			if (its_sig) {
				CI_PCT(o, "level_pct_abs", 100 * fabs(rel), 100 * fmin(fabs(lo), fabs(hi)), 100 * fmax(fabs(lo), fabs(hi)),
				       n1, n2, n3);
				sentence(o, TX(b, T_RR_SIG), name, verb(rel > 0 ? V_INCREASED : V_DECREASED, lang, plural), n1, n2,
					 n3, P(o, "level_p", its->level_p, pb), change, N(o, "rr_level", its->rr_level, n4), judgement);
			} else {
				CI(o, "rr_level", its->rr_level, its->rr_level_lo, its->rr_level_hi, n1, n2, n3);
				sentence(o, TX(b, T_RR_NS), name, verb(V_UNCHANGED, lang, plural), change, n1, n2, n3,
					 P(o, "level_p", its->level_p, pb), PCT(o, "level_pct", 100 * rel, n4));
			}
			CI(o, "rr_slope", its->rr_slope, its->rr_slope_lo, its->rr_slope_hi, n1, n2, n3);
			sentence(o, TX(b, T_RR_SLOPE), n1, n2, n3, P(o, "slope_change_p", its->slope_change_p, pb));
		} else {
			double lv = its->level, lo = its->level_lo, hi = its->level_hi;
			if (its_sig) {
				CI(o, "level_abs", fabs(lv), fmin(fabs(lo), fabs(hi)), fmax(fabs(lo), fabs(hi)), n1, n2, n3);
				sentence(o, TX(b, T_LEVEL_SIG), name, verb(lv > 0 ? V_INCREASED : V_DECREASED, lang, plural),
					 with_unit(n1, unit, u1), n2, n3, P(o, "level_p", its->level_p, pb), change, judgement);
			} else {
				CI(o, "level", lv, lo, hi, n1, n2, n3);
				sentence(o, TX(b, T_LEVEL_NS), name, verb(V_UNCHANGED, lang, plural), change, with_unit(n1, unit, u1),
					 n2, n3, P(o, "level_p", its->level_p, pb));
			}
			CI(o, "slope_change", its->slope_change, its->slope_change_lo, its->slope_change_hi, n1, n2, n3);
			sentence(o, TX(b, T_SLOPE_CHANGE), with_unit(n1, yunit, u1), n2, n3,
				 P(o, "slope_change_p", its->slope_change_p, pb),
				 with_unit(N(o, "pre_slope", its->pre_slope, n4), yunit, u2));
		}
		if (did && poisson) {
			CI(o, "did_rr", rd.est, rd.lo, rd.hi, n1, n2, n3);
			sentence(o, TX(b, T_DID_RR), r->controls_text, n1, n2, n3, P(o, "did_rr_p", rd.p, pb));
		} else if (did && rates) {
			CI(o, "did_rate", rd.est, rd.lo, rd.hi, n1, n3, n4);
			sentence(o, TX(b, T_DID_RATE), r->controls_text, with_unit(n1, unit, u1), N(o, "rate_per", 1000, n2), n3,
				 n4, P(o, "did_rate_p", rd.p, pb));
		} else if (did) {
			CI(o, "did", ab->did, ab->did_lo, ab->did_hi, n1, n2, n3);
			sentence(o, TX(b, T_DID), r->controls_text, with_unit(n1, unit, u1), n2, n3, P(o, "did_p", ab->did_p, pb));
		}
		if (did && !poisson && !rates && d && d->count)
			caveat(o, "%s", TX(b, T_CV_COUNT_ABS));
		if (disagree)
			sentence(o, TX(b, T_DISAGREE), TX(b, its_dir != did_dir ? T_OPPOSITE : T_NOT_BOTH));
		how_sure(o, s, ab, its, its_sig, unit);
		/* caveats: one per keyword of the analysis, then what the comparison could not give */
		keyword_caveats(o, ab, &a);
		if (a.its.se_used == IND_ITS_SE_AR1 && a.its.fit.rho_bound)
			caveat(o, "%s", TX(b, T_CV_AR1_BOUND));
		if (a.its.se_used == IND_ITS_SE_AR1 && !a.its.fit.converged)
			caveat(o, "%s", TX(b, T_CV_AR1_CONV));
		if (r->controls && !a.is_control && !did)
			caveat(o, "%s", TX(b, controls_have(set, r->controls, s->indicator) ? T_CV_CONTROL_FEW : T_CV_CONTROL_NO_DATA));
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
	/* the compact tables: every number recorded under the name a reader of statistics.csv looks for */
	{
		const char *h3[] = { TX(b, T_STAT), TX(b, T_BEFORE), TX(b, T_AFTER) }, *h2[] = { TX(b, T_STAT), TX(b, T_VALUE) };
		struct ind_table ct;
		compact_begin(&ct, h3, 3);
		compact_row(&ct, "n", COUNT(o, "n_pre", ab->n_pre, n1), COUNT(o, "n_post", ab->n_post, n2));
		compact_row(&ct, TX(b, T_MEAN), N(o, "mean_pre", ab->g.mean_a, n1), N(o, "mean_post", ab->g.mean_b, n2));
		compact_write(b, &ct);
		if (a.its_ok) {
			compact_begin(&ct, h2, 2);
			if (poisson) {
				CI(o, "rr_level", its->rr_level, its->rr_level_lo, its->rr_level_hi, n1, n2, n3);
				compact_row(&ct, TX(b, T_RR_CI), ci_cell(n1, n2, n3, cell), NULL);
				CI_PCT(o, "level_pct", 100 * (its->rr_level - 1), 100 * (its->rr_level_lo - 1),
				       100 * (its->rr_level_hi - 1), n1, n2, n3);
				compact_row(&ct, TX(b, T_PCT_CI), ci_cell(n1, n2, n3, cell), NULL);
			} else {
				CI(o, "level", its->level, its->level_lo, its->level_hi, n1, n2, n3);
				compact_row(&ct, TX(b, T_LEVEL_CI), ci_cell(n1, n2, n3, cell), NULL);
			}
			compact_row(&ct, "p", P(o, "level_p", its->level_p, n1), NULL);
			compact_write(b, &ct);
		}
	}
	free(pf);
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
	const char *method, *yunit = per_year_unit(unit);
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
			snprintf(one, sizeof one, TX(b, jp->k ? T_JP_SLOPE : T_JP_ONE_SLOPE), span, with_unit(n1, yunit, u1), n2,
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
			sentence(o, TX(b, T_JP_AAC), span, with_unit(n1, yunit, u1), n2, n3, pb);
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
	const char *yunit = per_year_unit(unit);
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
				sentence(o, TX(b, T_TREND_SIG), name, verb(tr.slope > 0 ? V_INCREASED : V_DECREASED, lang, plural),
					 with_unit(n1, yunit, u1), n2, n3, P(o, "slope_p", tr.slope_p, pb), span, leaving);
			} else {
				CI(o, "slope", tr.slope, tr.slope_lo, tr.slope_hi, n1, n2, n3);
				sentence(o, TX(b, T_TREND_NS), name, verb(V_UNCHANGED, lang, plural), span, leaving,
					 with_unit(n1, yunit, u1), n2, n3, P(o, "slope_p", tr.slope_p, pb));
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
	for (size_t i = 0; i < s->n; i++) {
		char **cells = calloc(5, sizeof *cells), pp[IND_PERIOD_TEXT_MAX], nb[IND_DOUBLE_TEXT_MAX];
		double fit, lo, hi;
		if (!cells)
			ind_die(IND_EXIT_DATA, "out of memory");
		ind_trend_predict(&tr, s->pts[i].t, &fit, &lo, &hi);
		if (jp_ok)	/* the chart draws the fitted segments */
			fit = ind_joinpoints_predict(&jp, s->pts[i].t, &(int){ 0 });
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
static int indicator(struct build *b, ind_series_set *set, const struct ind_table *events, const char *region,
		     int goal_index, const char *id, struct ind_error *err)
{
	const struct ind_report *r = b->r;
	const struct ind_report_indicator *d = NULL;
	const char *name, *unit;
	struct ind_series *s = NULL;
	struct ind_period at, *atp = NULL;
	char label[256] = "";
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
	/* the intervention of this series, from the events file */
	for (size_t e = 0; events && e < events->nrows; e++) {
		int cr = ind_table_col(events, "region"), ci = ind_table_col(events, "indicator"),
		    cp = ind_table_col(events, "period"), cl = ind_table_col(events, "label");
		if (cr < 0 || ci < 0 || cp < 0)
			break;
		if (strcmp(events->cell[e][cr], region) == 0 &&
		    (!events->cell[e][ci][0] || strcmp(events->cell[e][ci], id) == 0) &&
		    ind_period_parse(events->cell[e][cp], strlen(events->cell[e][cp]), &at, NULL)) {
			atp = &at;
			snprintf(label, sizeof label, "%s", cl >= 0 ? events->cell[e][cl] : "");
		}
	}
	t.ncols = atp ? 9 : 5;
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
	if (atp)
		its_part(&o, set, s, d, atp, label, name, unit, plural, &t);
	else
		trend_part(&o, s, d, name, unit, plural, &t);
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
		svg = render(b, &t, atp, title, unit, png, sizeof png, err);
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
	struct ind_table events = { 0 };
	bool have_events = false;
	int rc = -1;
	const char *title;

	if (!texts_checked())
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
		if (ind_table_read(r->events, &events, err) < 0) {
			ind_series_set_free(set);
			return -1;
		}
		have_events = true;
	}
	if (r->population && attach_population(r, set, err) < 0) {
		if (have_events)
			ind_table_free(&events);
		ind_series_set_free(set);
		return -1;
	}

	/*
	 * everything goes to a new directory beside DIR, published at the end by
	 * turning the link DIR to it (lib/writer.c)
	 */
	if (!(out = ind_dir_output_open(dir, err))) {
		if (have_events)
			ind_table_free(&events);
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
				fprintf(b.html, "<section class=\"goal\">\n<h2>%s</h2>\n", goal_name(a, r->lang));
				fprintf(b.md, "## %s\n\n", goal_name(a, r->lang));
				for (int i = 0; i < r->goals[g].n; i++)
					if (indicator(&b, set, have_events ? &events : NULL, r->regions[reg], a, r->goals[g].indicators[i],
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
	if (have_events)
		ind_table_free(&events);
	ind_series_set_free(set);
	return rc;
}
