/* apiquery.c - Sotkanet data URLs and PxWeb API v1 query bodies (split under the cell limit). See LICENSE. */
#include "apiquery.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* ---- Sotkanet ---- */

char *ind_sotkanet_url(const char *base, const char *indicator, const int *years, size_t nyears, const char *gender)
{
	size_t n = strlen(base) + strlen(indicator) + strlen(gender) + 64 + nyears * 16;
	char *u = malloc(n), *p;
	if (!u)
		return NULL;
	p = u + snprintf(u, n, "%s%cindicator=%s", base, strchr(base, '?') ? '&' : '?', indicator);
	for (size_t i = 0; i < nyears; i++)
		p += snprintf(p, n - (size_t)(p - u), "&years=%d", years[i]);
	snprintf(p, n - (size_t)(p - u), "&genders=%s", gender);
	return u;
}

bool ind_http_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

bool ind_sotkanet_years_arg(const char *arg, int *years, size_t *nyears, size_t max, char **why)
{
	static const char bad[] = "invalid --years '%s' (e.g. 2015..2024 or 2019,2023)";
	const char *s = arg;
	size_t n = *nyears;
	while (*s) {
		char *end;
		long a = strtol(s, &end, 10), b = a;
		if (end == s || a < 1800 || a > 2200)
			return ind_why_set(why, bad, arg);
		s = end;
		if (strncmp(s, "..", 2) == 0) {
			b = strtol(s + 2, &end, 10);
			if (end == s + 2 || b < a || b > 2200)
				return ind_why_set(why, bad, arg);
			s = end;
		}
		if (*s && *s != ',')
			return ind_why_set(why, bad, arg);
		for (long y = a; y <= b; y++) {
			if (n >= max)
				return ind_why_set(why, "--years: more than %zu years", max);
			years[n++] = (int)y;
			*nyears = n;
		}
		if (*s == ',' && !*++s)
			return ind_why_set(why, bad, arg);
	}
	return true;
}

bool ind_sotkanet_ids_arg(const char *arg, char ***ids, size_t *n, char **why)
{
	const char *s = arg;
	for (;;) {
		size_t len = strcspn(s, ",");
		char **p;
		if (len == 0 || len > 9 || strspn(s, "0123456789") != len)
			return ind_why_set(why, "invalid --indicator '%s' (Sotkanet ids: digits, comma-separated)", arg);
		if (!(p = realloc(*ids, (*n + 1) * sizeof *p)) || !(p[*n] = strndup(s, len)))
			ind_die(IND_EXIT_DATA, "out of memory");
		*ids = p;
		(*n)++;
		s += len;
		if (*s != ',')
			return true;
		if (!*++s)
			return ind_why_set(why, "invalid --indicator '%s'", arg);
	}
}

/* The categories named in --regions (words, aliases resolved), owned copies; false with *why on a bad item. */
static bool region_categories(const char *const *args, size_t nargs, bool meta, const char **cats, size_t max,
			      size_t *ncats, char **why)
{
	static const char *const alias[][2] = { { "hva", "hyvinvointialue" }, { "county", "hyvinvointialue" } };
	for (size_t a = 0; a < nargs; a++) {
		const char *s = args[a];
		do {
			size_t n = strcspn(s, ",");
			if (n == 0)
				return ind_why_set(why, "invalid --regions '%s': an empty item", args[a]);
			if (strspn(s, "0123456789") != n) {
				char word[64];
				size_t k;
				if (n >= sizeof word)
					return ind_why_set(why, "invalid --regions '%s'", args[a]);
				for (k = 0; k < n; k++)
					word[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] - 'A' + 'a' : s[k]);
				word[n] = '\0';
				if (!meta)
					return ind_why_set(why, "--regions '%s': a category needs --sotkanet-meta DIR (regions.json)", word);
				if (*ncats == max)
					return ind_why_set(why, "--regions: too many categories");
				for (k = 0; k < sizeof alias / sizeof alias[0]; k++)
					if (strcmp(word, alias[k][0]) == 0)
						break;
				if (!(cats[(*ncats)++] = strdup(k < sizeof alias / sizeof alias[0] ? alias[k][1] : word)))
					ind_die(IND_EXIT_DATA, "out of memory");
			}
			s += n;
		} while (*s++ == ',');
	}
	return true;
}

int ind_sotkanet_regions(const char *const *args, size_t nargs, const char *meta_dir, ind_strmap **keep,
			 ind_strmap **region_map, ind_strmap **indicator_map, char **why, struct ind_error *err)
{
	const char *cats[64];
	size_t ncats = 0;
	int rc = IND_EXIT_OK;
	if (nargs && !(*keep = ind_strmap_new()))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!region_categories(args, nargs, meta_dir != NULL, cats, sizeof cats / sizeof cats[0], &ncats, why))
		rc = IND_EXIT_USAGE;
	if (rc == IND_EXIT_OK && meta_dir) {
		if (!(*region_map = ind_strmap_new()) || !(*indicator_map = ind_strmap_new()))
			ind_die(IND_EXIT_DATA, "out of memory");
		if (ind_sotkanet_meta_read(meta_dir, *region_map, *indicator_map, cats, ncats, *keep, err) < 0) {
			rc = IND_EXIT_DATA;
		} else {
			if (ind_strmap_size(*region_map) == 0)
				ind_strmap_free(*region_map), *region_map = NULL;
			if (ind_strmap_size(*indicator_map) == 0)
				ind_strmap_free(*indicator_map), *indicator_map = NULL;
		}
	}
	for (size_t i = 0; i < ncats; i++)
		free((char *)cats[i]);
	for (size_t a = 0; rc == IND_EXIT_OK && a < nargs; a++) {	/* the ids, by name where the metadata has one */
		const char *s = args[a];
		do {
			size_t n = strcspn(s, ",");
			if (strspn(s, "0123456789") == n) {
				const char *name = *region_map ? ind_strmap_get(*region_map, s, n) : NULL;
				if (!(name ? ind_strmap_put(*keep, name, strlen(name), "") : ind_strmap_put(*keep, s, n, "")))
					ind_die(IND_EXIT_DATA, "out of memory");
			}
			s += n;
		} while (*s++ == ',');
	}
	return rc;
}

/* ---- PxWeb ---- */

bool ind_pxweb_select_arg(const char *arg, struct ind_pxweb_select *sel, char **why)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1])
		return ind_why_set(why, "invalid --select '%s': expected CODE=VALUE,VALUE or CODE=*", arg);
	sel->code = arg;
	sel->code_len = (size_t)(eq - arg);
	sel->values = eq + 1;
	return true;
}

struct var {
	const char *code;
	json_t *values;		/* the table's values, in order */
	bool elimination;
	const struct ind_pxweb_select *sel;
	size_t *pick;		/* positions selected, ascending */
	size_t npick;
};

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The positions of sel's values in v (all for "*"), sorted and without repeats. */
static int pick_values(const char *url, struct var *v, struct ind_error *err)
{
	size_t nv = json_array_size(v->values), k = 0;
	const char *s = v->sel->values;
	if (strcmp(s, "*") == 0) {
		if (!(v->pick = malloc((nv ? nv : 1) * sizeof *v->pick)))
			return ind_error_set(err, url, 0, "out of memory");
		for (size_t i = 0; i < nv; i++)
			v->pick[i] = i;
		v->npick = nv;
		return 0;
	}
	{
		size_t commas = 1;
		for (const char *c = s; *c; c++)
			commas += *c == ',';
		if (!(v->pick = malloc(commas * sizeof *v->pick)))
			return ind_error_set(err, url, 0, "out of memory");
	}
	while (*s) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s), i;
		json_t *x;
		bool found = false;
		if (n == 0)
			return ind_error_set(err, url, 0, "--select '%s': an empty value", v->code);
		json_array_foreach(v->values, i, x) {
			if (json_is_string(x) && json_string_length(x) == n && memcmp(json_string_value(x), s, n) == 0) {
				v->pick[k++] = i;
				found = true;
				break;
			}
		}
		if (!found)
			return ind_error_set(err, url, 0, "variable '%s' has no value '%.*s'", v->code, (int)n, s);
		s += n + (e != NULL);
		if (e && !*s)
			return ind_error_set(err, url, 0, "--select '%s': an empty value", v->code);
	}
	qsort(v->pick, k, sizeof *v->pick, cmp_size);
	v->npick = 0;
	for (size_t i = 0; i < k; i++)
		if (i == 0 || v->pick[i] != v->pick[i - 1])
			v->pick[v->npick++] = v->pick[i];
	if (v->npick == 0)
		return ind_error_set(err, url, 0, "--select '%s': no value", v->code);
	return 0;
}

/* One body: for the selected variables q[0..nq), the values pick[lo[k] .. hi[k]) of each. */
static char *make_body(struct var **q, size_t nq, const size_t *lo, const size_t *hi, const char *format)
{
	json_t *root = json_object(), *query = json_array(), *resp = json_object();
	char *s = NULL;
	bool ok = root && query && resp;
	for (size_t k = 0; ok && k < nq; k++) {
		json_t *item = json_object(), *selection = json_object(), *values = json_array();
		ok = item && selection && values;
		for (size_t i = lo[k]; ok && i < hi[k]; i++)
			ok = json_array_append(values, json_array_get(q[k]->values, q[k]->pick[i])) == 0;
		ok = ok && json_object_set_new(item, "code", json_string(q[k]->code)) == 0;
		ok = ok && json_object_set_new(selection, "filter", json_string("item")) == 0;
		ok = ok && json_object_set(selection, "values", values) == 0;
		ok = ok && json_object_set(item, "selection", selection) == 0;
		ok = ok && json_array_append(query, item) == 0;
		json_decref(item);
		json_decref(selection);
		json_decref(values);
	}
	ok = ok && json_object_set(root, "query", query) == 0;
	ok = ok && json_object_set_new(resp, "format", json_string(format)) == 0;
	ok = ok && json_object_set(root, "response", resp) == 0;
	if (ok)
		s = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(root);
	json_decref(query);
	json_decref(resp);
	return s;
}

int ind_pxweb_plan(const char *url, const char *meta, size_t meta_len, const struct ind_pxweb_select *sel,
		   size_t nsel, const char *format, size_t max_cells, char ***bodies, size_t *nbodies,
		   double *cells, struct ind_error *err)
{
	json_error_t jerr;
	json_t *doc = json_loadb(meta, meta_len, 0, &jerr), *vars, *x;
	struct var *v = NULL, **q = NULL;
	size_t nv, nq = 0, i, split, inner, chunk = 1, nreq, *lo = NULL, *hi = NULL, *at = NULL, nb = 0;
	char **out = NULL;
	double total = 1;
	int rc = -1;

	*bodies = NULL;
	*nbodies = 0;
	if (max_cells == 0)
		max_cells = 1;
	if (!doc)
		return ind_error_set(err, url, jerr.line > 0 ? jerr.line : 0, "table metadata: JSON: %s", jerr.text);
	vars = json_object_get(doc, "variables");
	nv = json_array_size(vars);
	if (!json_is_array(vars) || nv == 0) {
		ind_error_set(err, url, 0, "table metadata: no \"variables\" (is this the URL of a PxWeb table?)");
		goto out;
	}
	v = calloc(nv, sizeof *v);
	q = calloc(nv, sizeof *q);
	if (!v || !q) {
		ind_error_set(err, url, 0, "out of memory");
		goto out;
	}
	json_array_foreach(vars, i, x) {
		v[i].code = json_string_value(json_object_get(x, "code"));
		v[i].values = json_object_get(x, "values");
		v[i].elimination = json_is_true(json_object_get(x, "elimination"));
		if (!v[i].code || !json_is_array(v[i].values) || json_array_size(v[i].values) == 0) {
			ind_error_set(err, url, 0, "table metadata: variable %zu has no code or no values", i + 1);
			goto out;
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(v[k].code, v[i].code) == 0) {
				ind_error_set(err, url, 0, "table metadata: variable '%s' twice", v[i].code);
				goto out;
			}
	}
	for (size_t s = 0; s < nsel; s++) {
		bool found = false;
		for (i = 0; i < nv; i++) {
			if (strlen(v[i].code) == sel[s].code_len && memcmp(v[i].code, sel[s].code, sel[s].code_len) == 0) {
				if (v[i].sel) {
					ind_error_set(err, url, 0, "variable '%s' selected twice", v[i].code);
					goto out;
				}
				v[i].sel = &sel[s];
				found = true;
			}
		}
		if (!found) {
			char names[256] = "";
			for (i = 0; i < nv; i++) {
				size_t l = strlen(names);
				snprintf(names + l, sizeof names - l, "%s%s", i ? ", " : "", v[i].code);
			}
			ind_error_set(err, url, 0, "the table has no variable '%.*s' (it has %s)", (int)sel[s].code_len,
				      sel[s].code, names);
			goto out;
		}
	}
	for (i = 0; i < nv; i++) {
		if (!v[i].sel) {
			if (!v[i].elimination) {
				ind_error_set(err, url, 0, "variable '%s' cannot be left out: select its values (--select '%s=*')",
					      v[i].code, v[i].code);
				goto out;
			}
			continue;
		}
		if (pick_values(url, &v[i], err) < 0)
			goto out;
		q[nq++] = &v[i];
		total *= (double)v[i].npick;
	}
	if (nq == 0) {
		ind_error_set(err, url, 0, "no variable selected (--select CODE=VALUES)");
		goto out;
	}
	*cells = total;
	/* split: q[0..split) one value at a time, q[split] in runs of chunk values, the rest whole */
	inner = 1;
	split = nq;
	for (size_t k = nq; k-- > 0;) {
		if ((double)inner * (double)q[k]->npick <= (double)max_cells) {
			inner *= q[k]->npick;
			continue;
		}
		split = k;
		break;
	}
	if (split == nq) {	/* fits in one */
		nreq = 1;
	} else {
		double n = 1;
		chunk = max_cells / inner;
		for (size_t k = 0; k < split; k++)
			n *= (double)q[k]->npick;
		n *= (double)((q[split]->npick + chunk - 1) / chunk);
		if (n > IND_PXWEB_MAX_REQUESTS) {
			ind_error_set(err, url, 0, "the query of %.0f cells needs %.0f requests of at most %zu cells (more than %d)",
				      total, n, max_cells, IND_PXWEB_MAX_REQUESTS);
			goto out;
		}
		nreq = (size_t)n;
	}
	lo = calloc(nq, sizeof *lo);
	hi = calloc(nq, sizeof *hi);
	at = calloc(nq, sizeof *at);
	out = calloc(nreq, sizeof *out);
	if (!lo || !hi || !at || !out) {
		ind_error_set(err, url, 0, "out of memory");
		goto out;
	}
	for (nb = 0; nb < nreq; nb++) {
		/* at[] counts like an odometer over q[0..split] (q[split] in chunks) */
		for (size_t k = 0; k < nq; k++) {
			if (split == nq || k > split) {
				lo[k] = 0, hi[k] = q[k]->npick;
			} else if (k < split) {
				lo[k] = at[k], hi[k] = at[k] + 1;
			} else if (k == split) {
				lo[k] = at[k] * chunk;
				hi[k] = lo[k] + chunk < q[k]->npick ? lo[k] + chunk : q[k]->npick;
			}
		}
		if (!(out[nb] = make_body(q, nq, lo, hi, format))) {
			ind_error_set(err, url, 0, "out of memory");
			goto out;
		}
		if (split < nq) {
			for (size_t k = split + 1; k-- > 0;) {
				size_t lim = k == split ? (q[k]->npick + chunk - 1) / chunk : q[k]->npick;
				if (++at[k] < lim)
					break;
				at[k] = 0;
			}
		}
	}
	*bodies = out;
	*nbodies = nreq;
	out = NULL;
	rc = 0;
out:
	if (out) {
		for (size_t k = 0; k < nb; k++)
			free(out[k]);
		free(out);
	}
	for (i = 0; v && i < nv; i++)
		free(v[i].pick);
	free(v);
	free(q);
	free(lo);
	free(hi);
	free(at);
	json_decref(doc);
	return rc;
}
