/* report.c - the report's pages: index.html, report.md, statistics.csv and the charts of every indicator's findings, written atomically. See LICENSE. */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "charts.h"
#include "events.h"
#include "plot.h"
#include "report_parts.h"
#include "report_text.h"
#include "render.h"
#include "series.h"
#include "stream.h"
#include "table.h"
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

#define TX(b, id) ind_report_text((b)->r->lang, id)

/* ---- one indicator ---------------------------------------------------------- */

/*
 * A compact table of an indicator (lib/report_parts.c): texts already shown
 * and recorded, rendered in both documents by the renderer every table has.
 */
static void compact_write(struct build *b, const struct ind_table *t)
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
}

/* One indicator of one region: statistics, sentences, chart, table. */
static int indicator(struct build *b, ind_series_set *set, const ind_events *events, const char *region,
		     int goal_index, const char *id, struct ind_error *err)
{
	const struct ind_report *r = b->r;
	const char *name, *unit;
	struct ind_series *s = NULL;
	struct ind_period at[IND_MAX_BREAKS];
	static char labels[IND_MAX_BREAKS][IND_EVENT_LABEL_MAX];	/* large: kept off the stack */
	size_t nat;
	static struct ind_report_part o;	/* large: kept off the stack */
	struct ind_table t = { 0 };
	char *svg, png[64];
	int rc;

	ind_report_part_init(&o, r, region, id);
	name = o.name, unit = o.unit;
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
	if (!nat) {
		ind_report_part_trend(&o, s, &t);
	} else if (ind_report_part_its(&o, set, s, at, labels, nat, &t, err) < 0) {
		ind_table_free(&t);
		ind_report_part_free(&o);
		return -1;
	}
	/* the numbers shown, the compact tables, sentences, caveats, chart */
	for (size_t k = 0; k < o.nstats; k++)
		stat_row(b, region, ind_goal_areas[goal_index], id, o.stats[k].name, o.stats[k].value, o.stats[k].shown);
	for (int k = 0; k < o.ntables; k++)
		compact_write(b, &o.tables[k]);
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
		rc = svg ? 0 : -1;
		if (svg) {
			fprintf(b->html, "<figure>%s<figcaption>", svg);
			html_text(b->html, title);
			fputs("</figcaption></figure>\n</section>\n", b->html);
			fputs("![", b->md);
			ind_md_text(b->md, title);
			fprintf(b->md, "](%s)\n\n", png);
			free(svg);
		}
	}
	ind_report_part_free(&o);
	return rc;
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
