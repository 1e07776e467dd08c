/* report_config.c - the report's settings from its configuration file. See LICENSE. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "joinpoint.h"
#include "report_text.h"

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
				if (strcmp(name, ind_goal_areas[a]) == 0 || strcmp(name, ind_report_goal_en[a]) == 0 ||
				    strcmp(name, ind_report_goal_sv[a]) == 0)
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

