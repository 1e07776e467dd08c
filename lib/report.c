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
#include "num.h"
#include "plot.h"
#include "series.h"
#include "stream.h"
#include "table.h"
#include "trend.h"
#include "writer.h"

const char *const ind_goal_areas[5] = { "Saatavuus", "Ennaltaehk\xc3\xa4isy", "Laatu ja vaikuttavuus",
					"Monialaisuus ja yhteentoimivuus", "Kustannusten nousun hillint\xc3\xa4" };
static const char *const goal_en[5] = { "Access", "Prevention", "Quality and effectiveness",
					"Multi-professional integration", "Containing cost growth" };

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

/* Split "a, b, c" into trimmed, owned items. */
static int split_list(const char *s, char **out, int max)
{
	int n = 0;
	while (*s && n < max) {
		const char *comma = strchr(s, ','), *e = comma ? comma : s + strlen(s), *b = s;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		if (e > b && !(out[n++] = strndup(b, (size_t)(e - b))))
			return -1;
		s = comma ? comma + 1 : s + strlen(s);
	}
	return n;
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

static bool period_window(const char *v, double *from, double *to)
{
	struct ind_period a, b;
	if (ind_period_window_parse(v, &a, &b, NULL, NULL))
		return false;
	*from = ind_period_time(&a);
	*to = ind_period_end_time(&b);
	return true;
}

int ind_report_configure(struct ind_report *r, const struct ind_config *c, struct ind_error *err)
{
	snprintf(r->title, sizeof r->title, "%s", r->lang == IND_LANG_EN ? "Effects and effectiveness" : "Vaikutukset ja vaikuttavuus");
	r->an.its.se = IND_ITS_SE_HAC;
	for (size_t i = 0; i < c->n; i++) {
		const struct ind_config_entry *e = &c->e[i];
		const char *k = e->key, *v = e->value;
		long line = e->line;
#define BAD(...) return ind_error_set(err, c->file, line, __VA_ARGS__)
		if (strcmp(e->section, "report") == 0) {
			if (strcmp(k, "title") == 0) {
				snprintf(r->title, sizeof r->title, "%s", v);
			} else if (strcmp(k, "lang") == 0) {
				if (!ind_lang_parse(v, &r->lang))
					BAD("lang: '%s' (use fi or en)", v);
			} else if (strcmp(k, "input") == 0) {
				char *items[16];
				int n = split_list(v, items, 16);
				if (n <= 0)
					BAD("input: give one or more files");
				for (int j = 0; j < n; j++) {
					if (r->ninputs < 16)
						r->inputs[r->ninputs++] = path_beside(c->file, items[j]);
					free(items[j]);
				}
			} else if (strcmp(k, "events") == 0) {
				free(r->events);
				r->events = path_beside(c->file, v);
			} else if (strcmp(k, "regions") == 0) {
				for (int j = 0; j < r->nregions; j++)	/* a later line replaces an earlier one */
					free(r->regions[j]);
				if ((r->nregions = split_list(v, r->regions, IND_REPORT_MAX)) <= 0)
					BAD("regions: give one or more regions");
			} else if (strcmp(k, "controls") == 0) {
				snprintf(r->controls_text, sizeof r->controls_text, "%s", v);
				if (!r->controls && !(r->controls = ind_strmap_new()))
					BAD("out of memory");
				{
					char *items[IND_REPORT_MAX];
					int n = split_list(v, items, IND_REPORT_MAX);
					for (int j = 0; j < n; j++) {
						ind_strmap_put(r->controls, items[j], strlen(items[j]), "");
						free(items[j]);
					}
				}
			} else if (strcmp(k, "exclude") == 0) {
				char *items[IND_MAX_EXCLUDE];
				int n = split_list(v, items, IND_MAX_EXCLUDE);
				bool ok = n > 0;
				snprintf(r->exclude_text, sizeof r->exclude_text, "%s", v);
				r->an.nexclude = 0;	/* a later line replaces an earlier one */
				for (int j = 0; j < n; j++) {
					if (ok && period_window(items[j], &r->an.ex_from[r->an.nexclude], &r->an.ex_to[r->an.nexclude]))
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
				if (strcmp(v, "ols") && strcmp(v, "hac") && strcmp(v, "ar1"))
					BAD("se: '%s' (use ols, hac or ar1)", v);
				r->an.its.se = strcmp(v, "ols") == 0 ? IND_ITS_SE_OLS : strcmp(v, "hac") == 0 ? IND_ITS_SE_HAC : IND_ITS_SE_AR1;
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
				if (strcmp(name, ind_goal_areas[a]) == 0 || strcmp(name, goal_en[a]) == 0)
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
				int n = split_list(v, g->indicators + g->n, IND_REPORT_MAX - g->n);
				if (n <= 0)
					BAD("indicators: give one or more indicators");
				for (int j = g->n; j < g->n + n; j++)
					indicator_of(r, g->indicators[j]);
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
			else if (strcmp(k, "better") == 0) {
				if (strcmp(v, "higher") && strcmp(v, "lower"))
					BAD("better: '%s' (use higher or lower)", v);
				d->better = strcmp(v, "higher") == 0 ? 1 : -1;
			} else if (strcmp(k, "plural") == 0) {
				if (strcmp(v, "yes") && strcmp(v, "no"))
					BAD("plural: '%s' (use yes or no)", v);
				d->plural = strcmp(v, "yes") == 0;
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
	ind_strmap_free(r->controls);
}

/* ---- building ------------------------------------------------------------- */

struct build {
	const struct ind_report *r;
	const char *dir;
	FILE *html, *md, *stats;
	struct ind_line ln;
	int chart;
	bool fi;
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

/* A number as shown, recorded in statistics.csv under name. */
static const char *num(struct build *b, const char *region, const char *goal, const char *ind, const char *name, double x,
		       char buf[IND_FMT_MAX])
{
	ind_fmt_number(x, 3, b->r->lang, buf);
	stat_row(b, region, goal, ind, name, x, buf);
	return buf;
}

static const char *pval(struct build *b, const char *region, const char *goal, const char *ind, const char *name, double p,
			char buf[IND_FMT_MAX])
{
	ind_fmt_p(p, b->r->lang, buf);
	stat_row(b, region, goal, ind, name, p, buf);
	return buf;
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
	ch.shade_label = b->r->lang == IND_LANG_FI ? "rajattu pois malleista" : "left out of the models";
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

enum verb { V_IMPROVED, V_WORSENED, V_INCREASED, V_DECREASED, V_CHANGED, V_UNCHANGED };

/* The verb of a finding, agreeing with a Finnish plural name. */
static const char *verb(enum verb v, bool fi, bool plural)
{
	static const char *const fi1[] = { "parani", "heikkeni", "kasvoi", "laski", "muuttui", "ei muuttunut" };
	static const char *const fi2[] = { "paranivat", "heikkenivät", "kasvoivat", "laskivat", "muuttuivat",
					   "eivät muuttuneet" };
	static const char *const en[] = { "improved", "worsened", "increased", "decreased", "changed", "did not change" };
	return fi ? (plural ? fi2 : fi1)[v] : en[v];
}

/* The caveat sentences of the analysis' keywords, Finnish and English. */
static const struct {
	const char *word, *fi, *en;
} caveat_text[] = {
	{ "short_series", NULL, NULL },	/* with numbers: written in caveat_sentences */
	{ "few_post", "alle vuoden seuranta muutoksen j\xc3\xa4lkeen: vaikutus voidaan arvioida vasta pidemm\xc3\xa4ll\xc3\xa4 aikav\xc3\xa4lill\xc3\xa4",
	  "less than a year of follow-up after the change: the effect can be assessed only after a longer follow-up" },
	{ "autocorrelated", NULL, NULL },
	{ "hac_small_n", "Newey\xe2\x80\x93West-virhearviot alle 24 havainnosta voivat olla liian pieni\xc3\xa4",
	  "Newey-West standard errors from fewer than 24 values can be too small" },
	{ "covid_inside", "COVID-19-jakso (3/2020\xe2\x80\x93" "12/2021) osuu verrattuun jaksoon eik\xc3\xa4 sit\xc3\xa4 ole rajattu pois tai mallinnettu omana katkoksenaan",
	  "the COVID-19 period (2020-03 to 2021-12) falls in a compared window and is neither excluded nor modelled as an interruption" },
	{ "duplicates_combined", "saman jakson useat rivit on yhdistetty", "several rows for one period were combined" },
	{ "not_identified", "mallia ei voitu estimoida: sen termej\xc3\xa4 ei voi erottaa toisistaan",
	  "the model is not identified: its terms cannot be told apart" },
	{ "underdispersed", "hajonta on Poisson-mallin oletusta pienempi, mik\xc3\xa4 kaventaa luottamusv\xc3\xa4lej\xc3\xa4",
	  "the counts vary less than Poisson assumes, which narrows the quasi-Poisson intervals" },
};

static void caveat_sentences(const struct ind_analysis_break *ab, const struct ind_analysis *a, bool fi,
			     char (*notes)[512], int *nn, int max, struct build *b, const char *region, const char *goal,
			     const char *id)
{
	const char *w = ab->caveats;
	while (*w && *nn < max) {
		size_t len = strcspn(w, ";");
		for (size_t k = 0; k < sizeof caveat_text / sizeof caveat_text[0]; k++) {
			const char *fmt = fi ? caveat_text[k].fi : caveat_text[k].en;
			char pb[IND_FMT_MAX];
			if (strlen(caveat_text[k].word) != len || strncmp(caveat_text[k].word, w, len) != 0)
				continue;
			if (k == 0)
				snprintf(notes[(*nn)++], sizeof notes[0],
					 fi ? "lyhyt aikasarja (%zu havaintoa ennen, %zu j\xc3\xa4lkeen)" : "short series (%zu values before, %zu after)",
					 ab->n_pre, ab->n_post);
			else if (k == 2)
				snprintf(notes[(*nn)++], sizeof notes[0],
					 fi ? "j\xc3\xa4\xc3\xa4nn\xc3\xb6kset ovat autokorreloituneita (Breusch\xe2\x80\x93Godfrey p %s); luottamusv\xc3\xa4lit voivat olla liian kapeita"
					    : "the residuals are autocorrelated (Breusch-Godfrey p %s); the intervals may be too narrow",
					 pval(b, region, goal, id, "bg_p", a->its.bg_p, pb));
			else
				snprintf(notes[(*nn)++], sizeof notes[0], "%s", fmt);
		}
		w += len + (w[len] == ';');
	}
}

/* One indicator of one region: statistics, sentences, chart, table. */
static int indicator(struct build *b, ind_series_set *set, const struct ind_table *events, const char *region,
		     int goal_index, const char *id, struct ind_error *err)
{
	const struct ind_report *r = b->r;
	const char *goal = ind_goal_areas[goal_index];
	const struct ind_report_indicator *d = NULL;
	const char *name, *unit;
	struct ind_series *s = NULL;
	struct ind_period at, *atp = NULL;
	char label[256] = "", n1[IND_FMT_MAX], n2[IND_FMT_MAX], n3[IND_FMT_MAX], n4[IND_FMT_MAX], pname[IND_FMT_MAX];
	char sentences[4][1024];
	int ns = 0;
	char notes[16][512];
	int nn = 0;
	struct ind_table t = { 0 };
	char *svg, png[64], cibuf[3 * IND_FMT_MAX], cibuf2[3 * IND_FMT_MAX];
	bool fi = b->fi, plural;

	for (int i = 0; i < r->ninds; i++)
		if (strcmp(r->inds[i].id, id) == 0)
			d = &r->inds[i];
	name = d && (fi ? d->name_fi : d->name_en)[0] ? (fi ? d->name_fi : d->name_en) : id;
	unit = d && (fi ? d->unit_fi : d->unit_en)[0] ? (fi ? d->unit_fi : d->unit_en) : "";
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
		const char *msg = fi ? "Ei tietoja tälle alueelle." : "No data for this region.";
		fprintf(b->html, "<p class=\"note\">%s</p>\n</section>\n", msg);
		fprintf(b->md, "%s\n\n", msg);
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
	if (atp) {
		static struct ind_analysis a;	/* large: kept off the stack */
		struct ind_analysis_opts ao = r->an;
		struct ind_point_fit *pf = malloc(s->n * sizeof *pf);
		char when[IND_FMT_MAX], change[300];
		const struct ind_its_break *its;
		const struct ind_analysis_break *ab;
		if (!pf)
			ind_die(IND_EXIT_DATA, "out of memory");
		if (d && d->model_given)
			ao.its.model = d->model;
		ind_analyse(set, s, atp, 1, &ao, &a, pf);
		its = &a.its.brk[0];
		ab = &a.b[0];
		ind_fmt_period(atp, r->lang, when);
		if (label[0])
			snprintf(change, sizeof change, fi ? "muutoksen \xe2\x80\x9d%s\xe2\x80\x9d (%s)" : "the change \xe2\x80\x9c%s\xe2\x80\x9d (%s)",
				 label, when);
		else
			snprintf(change, sizeof change, fi ? "muutoksen (%s)" : "the change (%s)", when);
		for (int k = 0; k < a.nnotes && nn < 16; k++)
			snprintf(notes[nn++], sizeof notes[0], "%s", a.notes[k]);
		if (a.its_ok && ao.its.model == IND_MODEL_POISSON) {
			double rel = its->rr_level - 1, lo = its->rr_level_lo - 1, hi = its->rr_level_hi - 1;
			bool sig = lo > 0 || hi < 0;
			num(b, region, goal, id, "rr_level", its->rr_level, n1);
			if (sig) {
				bool up = rel > 0;
				snprintf(sentences[ns++], sizeof sentences[0],
					 fi ? "%s %s %s %% (95 %% lv %s\xe2\x80\x93%s %%) %s j\xc3\xa4lkeen (tason suhde %s, p %s)."
					    : "%s %s by %s%% (95%% CI %s\xe2\x80\x93%s%%) after %s (rate ratio %s, p %s).",
					 name, verb(up ? V_INCREASED : V_DECREASED, fi, plural),
					 num(b, region, goal, id, "level_pct", 100 * fabs(rel), n2),
					 num(b, region, goal, id, "level_pct_lo", 100 * fmin(fabs(lo), fabs(hi)), n3),
					 num(b, region, goal, id, "level_pct_hi", 100 * fmax(fabs(lo), fabs(hi)), n4), change, n1,
					 pval(b, region, goal, id, "level_p", its->level_p, pname));
			} else {
				snprintf(sentences[ns++], sizeof sentences[0],
					 fi ? "%s %s tilastollisesti merkitsev\xc3\xa4sti %s j\xc3\xa4lkeen (tason suhde %s, 95 %% lv %s\xe2\x80\x93%s, p %s)."
					    : "%s %s significantly after %s (rate ratio %s, 95%% CI %s\xe2\x80\x93%s, p %s).",
					 name, verb(V_UNCHANGED, fi, plural), change, n1, num(b, region, goal, id, "rr_level_lo", its->rr_level_lo, n2),
					 num(b, region, goal, id, "rr_level_hi", its->rr_level_hi, n3),
					 pval(b, region, goal, id, "level_p", its->level_p, pname));
			}
		} else if (a.its_ok) {
			double lv = its->level, lo = its->level_lo, hi = its->level_hi;
			bool sig = lo > 0 || hi < 0;
			if (sig) {
				int dir = lv > 0 ? 1 : -1;
				const char *vb = verb(dir > 0 ? V_INCREASED : V_DECREASED, fi, plural);
				const char *judgement = !d || !d->better ? ""
							: dir == d->better ? (fi ? ", mik\xc3\xa4 on parannus" : ", an improvement")
									   : (fi ? ", mik\xc3\xa4 on heikennys" : ", a deterioration");
				snprintf(sentences[ns++], sizeof sentences[0],
					 fi ? "%s %s %s %s (95 %% lv %s\xe2\x80\x93%s) %s j\xc3\xa4lkeen (p %s)%s."
					    : "%s %s by %s %s (95%% CI %s\xe2\x80\x93%s) after %s (p %s)%s.",
					 name, vb, num(b, region, goal, id, "level_abs", fabs(lv), n1), unit,
					 num(b, region, goal, id, "level_abs_lo", fmin(fabs(lo), fabs(hi)), n2),
					 num(b, region, goal, id, "level_abs_hi", fmax(fabs(lo), fabs(hi)), n3), change,
					 pval(b, region, goal, id, "level_p", its->level_p, pname), judgement);
			} else {
				snprintf(sentences[ns++], sizeof sentences[0],
					 fi ? "%s %s tilastollisesti merkitsev\xc3\xa4sti %s j\xc3\xa4lkeen: tason muutos %s %s (95 %% lv %s\xe2\x80\x93%s, p %s)."
					    : "%s %s significantly after %s: level change %s %s (95%% CI %s\xe2\x80\x93%s, p %s).",
					 name, verb(V_UNCHANGED, fi, plural), change, num(b, region, goal, id, "level", lv, n1), unit,
					 num(b, region, goal, id, "level_lo", lo, n2), num(b, region, goal, id, "level_hi", hi, n3),
					 pval(b, region, goal, id, "level_p", its->level_p, pname));
			}
			snprintf(sentences[ns++], sizeof sentences[0],
				 fi ? "Trendi muuttui %s %s vuodessa (95 %% lv %s\xe2\x80\x93%s, p %s); ennen muutosta trendi oli %s %s vuodessa."
				    : "The trend changed by %s %s per year (95%% CI %s\xe2\x80\x93%s, p %s); before the change it was %s %s per year.",
				 num(b, region, goal, id, "slope_change", its->slope_change, n1), unit,
				 num(b, region, goal, id, "slope_change_lo", its->slope_change_lo, n2),
				 num(b, region, goal, id, "slope_change_hi", its->slope_change_hi, n3),
				 pval(b, region, goal, id, "slope_change_p", its->slope_change_p, pname),
				 num(b, region, goal, id, "pre_slope", its->pre_slope, n4), unit);
		} else {
			snprintf(sentences[ns++], sizeof sentences[0],
				 fi ? "%s: muutoksen vaikutusta ei voitu arvioida (liian v\xc3\xa4h\xc3\xa4n havaintoja ennen tai j\xc3\xa4lkeen)."
				    : "%s: the effect could not be estimated (too few values before or after).",
				 name);
		}
		if (!isnan(ab->did)) {
			snprintf(sentences[ns++], sizeof sentences[0],
				 fi ? "Vertailualueisiin (%s) n\xc3\xa4hden tason muutos oli %s %s (95 %% lv %s\xe2\x80\x93%s, p %s)."
				    : "Against the comparison regions (%s) the level change was %s %s (95%% CI %s\xe2\x80\x93%s, p %s).",
				 r->controls_text, num(b, region, goal, id, "did", ab->did, n1), unit,
				 num(b, region, goal, id, "did_lo", ab->did_lo, n2), num(b, region, goal, id, "did_hi", ab->did_hi, n3),
				 pval(b, region, goal, id, "did_p", ab->did_p, pname));
		}
		/* caveats: one sentence per keyword of the analysis (see ind-compare(1)) */
		caveat_sentences(ab, &a, fi, notes, &nn, 16, b, region, goal, id);
		if (!r->controls && nn < 16)
			snprintf(notes[nn++], sizeof notes[0], "%s", fi ? "ei vertailualuetta" : "no comparison region");
		for (size_t i = 0; i < s->n; i++) {
			char **cells = calloc(9, sizeof *cells), pb[IND_PERIOD_TEXT_MAX], nb[IND_DOUBLE_TEXT_MAX];
			static const char *const phases[] = { "pre", "post", "excluded" };
			if (!cells)
				ind_die(IND_EXIT_DATA, "out of memory");
			add_cell(&t, cells, 0, region);
			add_cell(&t, cells, 1, id);
			add_cell(&t, cells, 2, ind_period_format(&s->pts[i].period, pb));
			add_cell(&t, cells, 3, s->pts[i].has_value ? ind_num_format(s->pts[i].value, nb) : "");
			add_cell(&t, cells, 4, ind_num_format(pf[i].fit, nb));
			add_cell(&t, cells, 5, ind_num_format(pf[i].cf, nb));
			add_cell(&t, cells, 6, ind_num_format(pf[i].cf_lo, nb));
			add_cell(&t, cells, 7, ind_num_format(pf[i].cf_hi, nb));
			add_cell(&t, cells, 8, phases[pf[i].phase]);
			ind_table_add(&t, cells, 0);
		}
		/* the compact table */
		fprintf(b->html, "<table class=\"stats\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
			fi ? "Tunnusluku" : "Statistic", fi ? "Ennen" : "Before", fi ? "Jälkeen" : "After");
		fprintf(b->html, "<tr><th scope=\"row\">n</th><td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n", ab->n_pre,
			ab->n_post);
		fprintf(b->html, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
			fi ? "Keskiarvo" : "Mean", num(b, region, goal, id, "mean_pre", ab->g.mean_a, n1),
			num(b, region, goal, id, "mean_post", ab->g.mean_b, n2));
		fprintf(b->html, "<tr><th scope=\"row\">%s</th><td class=\"num\" colspan=\"2\">%s (%s)</td></tr>\n",
			fi ? "Tason muutos (95 % lv)" : "Level change (95% CI)",
			ind_fmt_ci(its->level, its->level_lo, its->level_hi, 3, r->lang, cibuf),
			ind_fmt_p(its->level_p, r->lang, n3));
		fputs("</tbody></table>\n", b->html);
		fprintf(b->md, "| %s | %s | %s |\n| --- | ---: | ---: |\n| n | %zu | %zu |\n| %s | %s | %s |\n| %s | %s | |\n\n",
			fi ? "Tunnusluku" : "Statistic", fi ? "Ennen" : "Before", fi ? "Jälkeen" : "After", ab->n_pre, ab->n_post,
			fi ? "Keskiarvo" : "Mean", n1, n2, fi ? "Tason muutos (95 % lv)" : "Level change (95% CI)", cibuf);
		free(pf);
	} else {
		/* no intervention: the trend */
		double *tt = malloc(s->n * sizeof *tt), *yy = malloc(s->n * sizeof *yy);
		size_t m = 0;
		struct ind_trend tr;
		struct ind_trend_opts to = { r->an.its.se == IND_ITS_SE_HAC ? IND_SE_HAC : IND_SE_OLS, NULL, 0, 0 };
		char s1[IND_FMT_MAX], s2[IND_FMT_MAX];
		if (!tt || !yy)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < s->n; i++)
			if (s->pts[i].has_value)
				tt[m] = s->pts[i].t, yy[m++] = s->pts[i].value;
		int trc = ind_trend_fit(tt, yy, m, &to, &tr);
		if (trc == IND_TREND_NOMEM)
			ind_die(IND_EXIT_DATA, "out of memory for the trend statistics of '%s, %s'", region, id);
		if (trc == 0) {
			bool sig = tr.slope_lo > 0 || tr.slope_hi < 0;
			ind_fmt_period(&s->pts[0].period, r->lang, s1);
			ind_fmt_period(&s->pts[s->n - 1].period, r->lang, s2);
			if (sig) {
				bool up = tr.slope > 0;
				snprintf(sentences[ns++], sizeof sentences[0],
					 fi ? "%s %s keskim\xc3\xa4\xc3\xa4rin %s %s vuodessa (95 %% lv %s\xe2\x80\x93%s, p %s) aikav\xc3\xa4lill\xc3\xa4 %s\xe2\x80\x93%s."
					    : "%s %s on average by %s %s per year (95%% CI %s\xe2\x80\x93%s, p %s) from %s to %s.",
					 name, verb(up ? V_INCREASED : V_DECREASED, fi, plural),
					 num(b, region, goal, id, "slope_abs", fabs(tr.slope), n1), unit,
					 num(b, region, goal, id, "slope_abs_lo", fmin(fabs(tr.slope_lo), fabs(tr.slope_hi)), n2),
					 num(b, region, goal, id, "slope_abs_hi", fmax(fabs(tr.slope_lo), fabs(tr.slope_hi)), n3),
					 pval(b, region, goal, id, "slope_p", tr.slope_p, pname), s1, s2);
			} else {
				snprintf(sentences[ns++], sizeof sentences[0],
					 fi ? "%s %s keskim\xc3\xa4\xc3\xa4rin %s %s vuodessa (95 %% lv %s\xe2\x80\x93%s, p %s) aikav\xc3\xa4lill\xc3\xa4 %s\xe2\x80\x93%s."
					    : "%s %s on average by %s %s per year (95%% CI %s\xe2\x80\x93%s, p %s) from %s to %s.",
					 name, verb(V_CHANGED, fi, plural), num(b, region, goal, id, "slope", tr.slope, n1), unit,
					 num(b, region, goal, id, "slope_lo", tr.slope_lo, n2),
					 num(b, region, goal, id, "slope_hi", tr.slope_hi, n3),
					 pval(b, region, goal, id, "slope_p", tr.slope_p, pname), s1, s2);
			}
			if (!sig)
				snprintf(notes[nn++], sizeof notes[0], "%s",
					 fi ? "trendi ei ole tilastollisesti merkitsevä" : "the trend is not statistically significant");
			if (tr.acf1 > 0.3)
				snprintf(notes[nn++], sizeof notes[0], fi ? "havainnot ovat autokorreloituneita (r1 = %s)" : "the values are autocorrelated (r1 = %s)",
					 num(b, region, goal, id, "acf1", tr.acf1, n4));
			/* the compact table */
			fprintf(b->html, "<table class=\"stats\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
				fi ? "Tunnusluku" : "Statistic", fi ? "Arvo" : "Value");
			fprintf(b->html, "<tr><th scope=\"row\">n</th><td class=\"num\">%zu</td></tr>\n", tr.n);
			fprintf(b->html, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td></tr>\n",
				fi ? "Muutos/v (95 % lv)" : "Change/yr (95% CI)",
				ind_fmt_ci(tr.slope, tr.slope_lo, tr.slope_hi, 3, r->lang, cibuf));
			fprintf(b->html, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td></tr>\n",
				fi ? "Vuosimuutos % (95 % lv)" : "Annual change % (95% CI)",
				ind_fmt_ci(tr.apc, tr.apc_lo, tr.apc_hi, 3, r->lang, cibuf2));
			fputs("</tbody></table>\n", b->html);
			fprintf(b->md, "| %s | %s |\n| --- | ---: |\n| n | %zu |\n| %s | %s |\n| %s | %s |\n\n",
				fi ? "Tunnusluku" : "Statistic", fi ? "Arvo" : "Value", tr.n,
				fi ? "Muutos/v (95 % lv)" : "Change/yr (95% CI)", cibuf,
				fi ? "Vuosimuutos % (95 % lv)" : "Annual change % (95% CI)", cibuf2);
		} else {
			snprintf(sentences[ns++], sizeof sentences[0], fi ? "%s: liian lyhyt tai vakio aikasarja trendin arvioimiseen."
									: "%s: too short or constant a series for a trend.", name);
		}
		for (size_t i = 0; i < s->n; i++) {
			char **cells = calloc(5, sizeof *cells), pb[IND_PERIOD_TEXT_MAX], nb[IND_DOUBLE_TEXT_MAX];
			double fit, lo, hi;
			if (!cells)
				ind_die(IND_EXIT_DATA, "out of memory");
			ind_trend_predict(&tr, s->pts[i].t, &fit, &lo, &hi);
			add_cell(&t, cells, 0, region);
			add_cell(&t, cells, 1, id);
			add_cell(&t, cells, 2, ind_period_format(&s->pts[i].period, pb));
			add_cell(&t, cells, 3, s->pts[i].has_value ? ind_num_format(s->pts[i].value, nb) : "");
			add_cell(&t, cells, 4, ind_num_format(fit, nb));
			ind_table_add(&t, cells, 0);
		}
		free(tt);
		free(yy);
	}
	/* sentences, caveats, chart */
	fputs("<p class=\"finding\">", b->html);
	for (int k = 0; k < ns; k++) {
		html_text(b->html, sentences[k]);
		fputc(k + 1 < ns ? ' ' : '\n', b->html);
		ind_md_text(b->md, sentences[k]);
		fputs(k + 1 < ns ? " " : "\n\n", b->md);
	}
	fputs("</p>\n", b->html);
	if (nn) {
		fprintf(b->html, "<p class=\"caveat\"><strong>%s</strong> ", fi ? "Huomioitavaa:" : "Caveats:");
		fprintf(b->md, "*%s* ", fi ? "Huomioitavaa:" : "Caveats:");
		for (int k = 0; k < nn; k++) {
			html_text(b->html, notes[k]);
			fputs(k + 1 < nn ? "; " : ".", b->html);
			ind_md_text(b->md, notes[k]);
			fputs(k + 1 < nn ? "; " : ".\n\n", b->md);
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
	struct build b = { .r = r, .fi = r->lang == IND_LANG_FI };
	ind_dir_output *out;
	ind_series_set *set = ind_series_set_new();
	struct ind_table events = { 0 };
	bool have_events = false;
	int rc = -1;

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

	fprintf(b.html, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", b.fi ? "fi" : "en");
	html_text(b.html, r->title);
	fprintf(b.html, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", css);
	html_text(b.html, r->title);
	fputs("</h1>\n", b.html);
	fputs("# ", b.md);
	ind_md_text(b.md, r->title);
	fputs("\n\n", b.md);
	{
		char meta[1024];
		snprintf(meta, sizeof meta, b.fi ? "Alueet: %s. Vertailualueet: %s. Pois rajatut jaksot: %s."
						 : "Regions: %s. Comparison regions: %s. Periods left out: %s.",
			 "", r->controls_text[0] ? r->controls_text : (b.fi ? "ei" : "none"),
			 r->exclude_text[0] ? r->exclude_text : (b.fi ? "ei" : "none"));
		fputs("<p class=\"meta\">", b.html);
		fputs(b.fi ? "Alueet: " : "Regions: ", b.html);
		fputs(b.fi ? "Alueet: " : "Regions: ", b.md);
		for (int i = 0; i < r->nregions; i++) {
			html_text(b.html, r->regions[i]);
			ind_md_text(b.md, r->regions[i]);
			fputs(i + 1 < r->nregions ? ", " : ". ", b.html);
			fputs(i + 1 < r->nregions ? ", " : ". ", b.md);
		}
		html_text(b.html, strstr(meta, ". ") + 2);
		ind_md_text(b.md, strstr(meta, ". ") + 2);
		fputs("\n\n", b.md);
		if (r->stamp) {
			time_t now = time(NULL);
			char ts[64];
			strftime(ts, sizeof ts, "%Y-%m-%d %H:%M", localtime(&now));
			fprintf(b.html, " %s %s.", b.fi ? "Laadittu" : "Made", ts);
			fprintf(b.md, "%s %s.\n\n", b.fi ? "Laadittu" : "Made", ts);
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
				fprintf(b.html, "<section class=\"goal\">\n<h2>%s</h2>\n", b.fi ? ind_goal_areas[a] : goal_en[a]);
				fprintf(b.md, "## %s\n\n", b.fi ? ind_goal_areas[a] : goal_en[a]);
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
	/* publish: readers of DIR/index.html see the old report or the new one, never none, never half */
	if (ind_dir_output_close(out, rc == 0, err) < 0)
		rc = -1;
	ind_line_free(&b.ln);
	if (have_events)
		ind_table_free(&events);
	ind_series_set_free(set);
	return rc;
}
