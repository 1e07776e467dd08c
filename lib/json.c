/* json.c - JSON-stat, PxWeb JSON and Sotkanet JSON to a CSV the loader reads like any other. See LICENSE. */
#include "json.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "writer.h"

bool ind_json_detect(const char *buf, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	return i < len && (buf[i] == '{' || buf[i] == '[');
}

/* A JSON scalar as a cell: strings as they are, numbers in shortest round-trip form, null as "". */
static void put_scalar(struct ind_line *ln, const json_t *v)
{
	char num[IND_DOUBLE_TEXT_MAX];
	if (json_is_string(v)) {
		ind_line_field(ln, json_string_value(v), json_string_length(v));
	} else if (json_is_integer(v)) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		ind_line_str(ln, num);
	} else if (json_is_real(v)) {
		ind_line_str(ln, ind_num_format(json_real_value(v), num));
	} else if (json_is_true(v) || json_is_false(v)) {
		ind_line_str(ln, json_is_true(v) ? "true" : "false");
	} else {
		ind_line_str(ln, "");
	}
}

struct dim {
	const char *id, *label, *role;
	size_t size;
	const char **codes;	/* by position */
	json_t *labels;		/* category.label, or NULL */
};

static const char *role_of(json_t *ds, const char *id)
{
	static const char *const roles[] = { "time", "geo", "metric", NULL };
	json_t *role = json_object_get(ds, "role");
	for (const char *const *r = roles; role && *r; r++) {
		json_t *ids = json_object_get(role, *r), *x;
		size_t i;
		json_array_foreach(ids, i, x)
			if (json_is_string(x) && strcmp(json_string_value(x), id) == 0)
				return *r;
	}
	return NULL;
}

static int fail(struct ind_error *err, const char *name, const char *why)
{
	return ind_error_set(err, name, 0, "JSON-stat: %s", why), -1;
}

static int jsonstat(json_t *ds, const char *name, size_t limit, struct ind_line *ln, size_t *cells,
		    struct ind_error *err)
{
	json_t *ids = json_object_get(ds, "id"), *sizes = json_object_get(ds, "size");
	json_t *dims = json_object_get(ds, "dimension"), *value = json_object_get(ds, "value");
	json_t *status = json_object_get(ds, "status");
	size_t nd = json_array_size(ids), total = 1, *idx = NULL;
	struct dim *d = NULL;
	bool has_metric = false;
	const char *ds_label = json_string_value(json_object_get(ds, "label"));
	int rc = -1;

	if (!json_is_array(ids) || !json_is_array(sizes) || json_array_size(sizes) != nd || !json_is_object(dims) || nd == 0)
		return fail(err, name, "\"id\", \"size\" and \"dimension\" do not agree");
	if (!json_is_array(value) && !json_is_object(value))
		return fail(err, name, "no \"value\" array or object");
	d = calloc(nd, sizeof *d);
	idx = calloc(nd, sizeof *idx);
	if (!d || !idx) {
		rc = fail(err, name, "out of memory");
		goto out;
	}
	for (size_t k = 0; k < nd; k++) {
		json_t *dim, *cat, *index;
		json_int_t sz = json_integer_value(json_array_get(sizes, k));
		d[k].id = json_string_value(json_array_get(ids, k));
		dim = d[k].id ? json_object_get(dims, d[k].id) : NULL;
		cat = json_object_get(dim, "category");
		index = json_object_get(cat, "index");
		if (!dim || !json_is_integer(json_array_get(sizes, k)) || sz < 1 || (size_t)sz > SIZE_MAX / 2 ||
		    total > SIZE_MAX / (size_t)sz) {
			rc = fail(err, name, "a dimension of \"id\" has no entry in \"dimension\" or no valid size");
			goto out;
		}
		{	/* the categories given bound the size before anything is allocated for it */
			size_t ncat = json_is_object(index) ? json_object_size(index)
				      : json_is_array(index) ? json_array_size(index)
				      : json_is_object(json_object_get(cat, "label")) ? json_object_size(json_object_get(cat, "label"))
											 : 0;
			if ((size_t)sz != ncat) {
				ind_error_set(err, name, 0, "JSON-stat: dimension '%s' has size %lld but %zu categories",
					      d[k].id, (long long)sz, ncat);
				goto out;
			}
		}
		d[k].size = (size_t)sz;
		total *= d[k].size;
		if (total > limit / 2) {
			rc = fail(err, name, "more cells than --max-record allows");
			goto out;
		}
		d[k].label = json_string_value(json_object_get(dim, "label"));
		d[k].role = role_of(ds, d[k].id);
		has_metric |= d[k].role && strcmp(d[k].role, "metric") == 0;
		d[k].labels = json_object_get(cat, "label");
		if (!(d[k].codes = calloc(d[k].size, sizeof *d[k].codes))) {
			rc = fail(err, name, "out of memory");
			goto out;
		}
		if (json_is_object(index)) {	/* code -> position */
			const char *code;
			json_t *pos;
			json_object_foreach(index, code, pos) {
				json_int_t p = json_integer_value(pos);
				if (!json_is_integer(pos) || p < 0 || (size_t)p >= d[k].size || d[k].codes[p]) {
					rc = fail(err, name, "a category index is out of range or used twice");
					goto out;
				}
				d[k].codes[p] = code;
			}
		} else if (json_is_array(index)) {
			json_t *code;
			size_t p;
			json_array_foreach(index, p, code)
				if (p < d[k].size)
					d[k].codes[p] = json_string_value(code);
		} else if (d[k].size == 1 && json_is_object(d[k].labels) && json_object_size(d[k].labels) == 1) {
			d[k].codes[0] = json_object_iter_key(json_object_iter(d[k].labels));	/* one category: no index needed */
		}
		for (size_t p = 0; p < d[k].size; p++)
			if (!d[k].codes[p]) {
				rc = fail(err, name, "a dimension's category index does not cover its size");
				goto out;
			}
	}
	if (json_is_array(value) && json_array_size(value) != total) {
		ind_error_set(err, name, 0, "JSON-stat: \"value\" has %zu entries where \"size\" makes %zu cells",
			      json_array_size(value), total);
		goto out;
	}
	for (size_t k = 0; k < nd; k++) {
		const char *h = d[k].role && strcmp(d[k].role, "time") == 0	? "period"
				: d[k].role && strcmp(d[k].role, "geo") == 0	? "region"
				: d[k].role && strcmp(d[k].role, "metric") == 0 ? "indicator"
				: d[k].label					? d[k].label
										: d[k].id;
		ind_line_str(ln, h);
	}
	if (!has_metric && ds_label)
		ind_line_str(ln, "indicator");
	ind_line_str(ln, "value");
	ind_line_newline(ln);
	for (size_t c = 0; c < total; c++) {
		size_t rest = c;
		char key[32];
		json_t *v;
		for (size_t k = nd; k-- > 0;) {
			idx[k] = rest % d[k].size;
			rest /= d[k].size;
		}
		for (size_t k = 0; k < nd; k++) {
			const char *code = d[k].codes[idx[k]];
			json_t *lab = json_object_get(d[k].labels, code);
			ind_line_str(ln, json_is_string(lab) ? json_string_value(lab) : code);
		}
		if (!has_metric && ds_label)
			ind_line_str(ln, ds_label);
		snprintf(key, sizeof key, "%zu", c);
		v = json_is_array(value) ? json_array_get(value, c) : json_object_get(value, key);
		if (v && !json_is_null(v)) {
			put_scalar(ln, v);
		} else {	/* missing: its status code ("..") where one is given */
			json_t *st = json_is_string(status) ? status
				     : json_is_array(status) ? json_array_get(status, c)
							     : json_object_get(status, key);
			ind_line_str(ln, json_is_string(st) ? json_string_value(st) : "");
		}
		ind_line_newline(ln);
		if (ln->len > limit) {
			ind_error_set(err, name, 0, "JSON-stat: the table as rows is longer than %zu bytes (--max-record)", limit);
			goto out;
		}
	}
	*cells = total;
	rc = 0;
out:
	for (size_t k = 0; d && k < nd; k++)
		free(d[k].codes);
	free(d);
	free(idx);
	return rc;
}

/* PxWeb's "json": columns [{code, text, type}], data [{key: [...], values: [...]}]. */
static int pxweb(json_t *doc, const char *name, size_t limit, struct ind_line *ln, size_t *cells,
		 struct ind_error *err)
{
	json_t *cols = json_object_get(doc, "columns"), *data = json_object_get(doc, "data"), *col, *row;
	size_t i, nkey = 0, nval = 0;
	json_array_foreach(cols, i, col) {
		const char *type = json_string_value(json_object_get(col, "type"));
		const char *text = json_string_value(json_object_get(col, "text"));
		if (!text)
			text = json_string_value(json_object_get(col, "code"));
		if (!text)
			return ind_error_set(err, name, 0, "PxWeb JSON: a column without code or text"), -1;
		if (type && strcmp(type, "c") == 0) {
			nval++;
		} else {
			if (nval)
				return ind_error_set(err, name, 0, "PxWeb JSON: a key column after a content column"), -1;
			nkey++;
		}
		ind_line_str(ln, type && strcmp(type, "t") == 0 ? "period" : text);
	}
	ind_line_newline(ln);
	json_array_foreach(data, i, row) {
		json_t *key = json_object_get(row, "key"), *values = json_object_get(row, "values"), *x;
		size_t j;
		if (json_array_size(key) != nkey || json_array_size(values) != nval)
			return ind_error_set(err, name, 0, "PxWeb JSON: data entry %zu has %zu keys and %zu values where the columns make %zu and %zu",
					     i + 1, json_array_size(key), json_array_size(values), nkey, nval), -1;
		json_array_foreach(key, j, x)
			put_scalar(ln, x);
		json_array_foreach(values, j, x)
			put_scalar(ln, x);
		ind_line_newline(ln);
		if (ln->len > limit)
			return ind_error_set(err, name, 0, "PxWeb JSON: longer than %zu bytes as rows (--max-record)", limit), -1;
	}
	*cells = json_array_size(data);
	return 0;
}

/* Sotkanet REST: [{indicator, region, year, gender, value, absValue}, ...] */
static int sotkanet(json_t *doc, const char *name, size_t limit, struct ind_line *ln, size_t *cells,
		    struct ind_error *err)
{
	static const char *const keys[] = { "indicator", "region", "year", "gender", "value", "absValue" };
	json_t *rec;
	size_t i;
	ind_line_str(ln, "indicator");
	ind_line_str(ln, "region");
	ind_line_str(ln, "year");
	ind_line_str(ln, "gender");
	ind_line_str(ln, "primary value");
	ind_line_str(ln, "absolute value");
	ind_line_newline(ln);
	json_array_foreach(doc, i, rec) {
		if (!json_is_object(rec))
			return ind_error_set(err, name, 0, "Sotkanet JSON: record %zu is not an object", i + 1), -1;
		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
			put_scalar(ln, json_object_get(rec, keys[k]));
		ind_line_newline(ln);
		if (ln->len > limit)
			return ind_error_set(err, name, 0, "Sotkanet JSON: longer than %zu bytes as rows (--max-record)", limit), -1;
	}
	*cells = json_array_size(doc);
	return 0;
}

int ind_json_to_csv(const char *buf, size_t len, const char *name, size_t limit, char **out, size_t *out_len,
		    size_t *cells, const char **kind, struct ind_error *err)
{
	json_error_t jerr;
	json_t *doc;
	struct ind_line ln = { 0 };
	int rc = -1;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		buf += 3, len -= 3;
	if (!(doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr))) {
		ind_error_set(err, name, jerr.line > 0 ? jerr.line : 0, "JSON: %s", jerr.text);
		return -1;
	}
	if (json_is_object(doc) && json_is_object(json_object_get(doc, "dimension")))
		*kind = "JSON-stat", rc = jsonstat(doc, name, limit, &ln, cells, err);
	else if (json_is_object(doc) && json_is_array(json_object_get(doc, "columns")) &&
		 json_is_array(json_object_get(doc, "data")))
		*kind = "PxWeb JSON", rc = pxweb(doc, name, limit, &ln, cells, err);
	else if (json_is_array(doc) && (json_array_size(doc) == 0 ||
					json_object_get(json_array_get(doc, 0), "indicator")))
		*kind = "Sotkanet JSON", rc = sotkanet(doc, name, limit, &ln, cells, err);
	else
		ind_error_set(err, name, 0, "JSON: neither a JSON-stat dataset, a PxWeb JSON table nor Sotkanet records");
	if (rc == 0 && ln.oom)
		rc = ind_error_set(err, name, 0, "out of memory");
	json_decref(doc);
	if (rc < 0) {
		ind_line_free(&ln);
		return -1;
	}
	*out = ln.buf;
	*out_len = ln.len;
	return 0;
}

/* ---- Sotkanet metadata ---- */

#define META_MAX ((size_t)64 << 20)

/* path as JSON; 1 when it does not exist, -1 on error */
static int load_meta(const char *path, json_t **doc, struct ind_error *err)
{
	FILE *fp = fopen(path, "rb");
	json_error_t jerr;
	char *buf;
	size_t n = 0;
	if (!fp)
		return errno == ENOENT ? 1 : ind_error_set(err, path, 0, "cannot open: %s", strerror(errno));
	if (!(buf = malloc(META_MAX + 1))) {
		fclose(fp);
		return ind_error_set(err, path, 0, "out of memory");
	}
	n = fread(buf, 1, META_MAX + 1, fp);
	if (ferror(fp) || n > META_MAX) {
		ind_error_set(err, path, 0, ferror(fp) ? "read error" : "larger than %zu bytes", META_MAX);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	*doc = json_loadb(buf, n, 0, &jerr);
	free(buf);
	if (!*doc)
		return ind_error_set(err, path, jerr.line > 0 ? jerr.line : 0, "JSON: %s", jerr.text);
	if (!json_is_array(*doc)) {
		json_decref(*doc);
		return ind_error_set(err, path, 0, "not a JSON array of Sotkanet records");
	}
	return 0;
}

/* record i's id as text and its Finnish title; false when either is missing */
static bool meta_record(json_t *rec, char *id, size_t idsize, const char **title)
{
	json_t *jid = json_object_get(rec, "id"), *t = json_object_get(rec, "title");
	if (json_is_integer(jid))
		snprintf(id, idsize, "%" JSON_INTEGER_FORMAT, json_integer_value(jid));
	else if (json_is_string(jid) && json_string_length(jid) > 0 && json_string_length(jid) < idsize)
		snprintf(id, idsize, "%s", json_string_value(jid));
	else
		return false;
	*title = json_is_string(t) ? json_string_value(t) : json_string_value(json_object_get(t, "fi"));
	return *title && **title;
}

static int meta_regions(const char *path, json_t *doc, ind_strmap *regions, const char *const *cats, size_t ncats,
			ind_strmap *keep, struct ind_error *err)
{
	ind_strmap *seen = ind_strmap_new(), *count = ind_strmap_new(), *count_cat = ind_strmap_new();
	json_t *rec;
	size_t i;
	int rc = -1;
	bool hit[64] = { false };
	if (ncats > sizeof hit / sizeof hit[0])
		ncats = sizeof hit / sizeof hit[0];
	if (!seen || !count || !count_cat) {
		ind_error_set(err, path, 0, "out of memory");
		goto out;
	}
	/* first pass: how many regions share each title, and each title and category */
	json_array_foreach(doc, i, rec) {
		char id[64], key[1024], num[32];
		const char *title, *cat = json_string_value(json_object_get(rec, "category")), *c;
		if (!json_is_object(rec) || !meta_record(rec, id, sizeof id, &title)) {
			ind_error_set(err, path, 0, "record %zu has no id or no title", i + 1);
			goto out;
		}
		if (ind_strmap_get(seen, id, strlen(id))) {
			ind_error_set(err, path, 0, "record %zu: region id %s twice", i + 1, id);
			goto out;
		}
		if (!ind_strmap_put(seen, id, strlen(id), ""))
			goto oom;
		c = ind_strmap_get(count, title, strlen(title));
		snprintf(num, sizeof num, "%ld", c ? atol(c) + 1 : 1);
		if (!ind_strmap_put(count, title, strlen(title), num))
			goto oom;
		snprintf(key, sizeof key, "%s\n%s", title, cat ? cat : "");
		c = ind_strmap_get(count_cat, key, strlen(key));
		snprintf(num, sizeof num, "%ld", c ? atol(c) + 1 : 1);
		if (!ind_strmap_put(count_cat, key, strlen(key), num))
			goto oom;
	}
	json_array_foreach(doc, i, rec) {
		char id[64], key[1024], name[1200], lower[64];
		const char *title, *cat = json_string_value(json_object_get(rec, "category"));
		size_t k;
		meta_record(rec, id, sizeof id, &title);
		for (k = 0; cat && cat[k] && k < sizeof lower - 1; k++)
			lower[k] = (char)(cat[k] >= 'A' && cat[k] <= 'Z' ? cat[k] - 'A' + 'a' : cat[k]);
		lower[k] = '\0';
		snprintf(key, sizeof key, "%s\n%s", title, cat ? cat : "");
		if (atol(ind_strmap_get(count, title, strlen(title))) == 1)
			snprintf(name, sizeof name, "%s", title);
		else if (cat && atol(ind_strmap_get(count_cat, key, strlen(key))) == 1)
			snprintf(name, sizeof name, "%s (%s)", title, lower);
		else
			snprintf(name, sizeof name, "%s (%s%s%s)", title, lower, *lower ? " " : "", id);
		if (regions && !ind_strmap_put(regions, id, strlen(id), name))
			goto oom;
		for (size_t c = 0; keep && c < ncats; c++)
			if (strcmp(cats[c], lower) == 0 && (hit[c] = true) && !ind_strmap_put(keep, name, strlen(name), ""))
				goto oom;
	}
	for (size_t c = 0; c < ncats; c++)
		if (!hit[c]) {
			ind_error_set(err, path, 0, "no region of category '%s'", cats[c]);
			goto out;
		}
	rc = 0;
	goto out;
oom:
	ind_error_set(err, path, 0, "out of memory");
out:
	ind_strmap_free(seen);
	ind_strmap_free(count);
	ind_strmap_free(count_cat);
	return rc;
}

static int meta_indicators(const char *path, json_t *doc, ind_strmap *indicators, struct ind_error *err)
{
	json_t *rec;
	size_t i;
	json_array_foreach(doc, i, rec) {
		char id[64];
		const char *title;
		if (!json_is_object(rec) || !meta_record(rec, id, sizeof id, &title))
			return ind_error_set(err, path, 0, "record %zu has no id or no title", i + 1);
		if (ind_strmap_get(indicators, id, strlen(id)))
			return ind_error_set(err, path, 0, "record %zu: indicator id %s twice", i + 1, id);
		if (!ind_strmap_put(indicators, id, strlen(id), title))
			return ind_error_set(err, path, 0, "out of memory");
	}
	return 0;
}

int ind_sotkanet_meta_read(const char *dir, ind_strmap *regions, ind_strmap *indicators, const char *const *cats,
			   size_t ncats, ind_strmap *keep, struct ind_error *err)
{
	size_t n = strlen(dir) + 32;
	char *path = malloc(n);
	json_t *doc = NULL;
	int found = 0, rc;
	bool has_regions = false;
	if (!path)
		return ind_error_set(err, dir, 0, "out of memory");
	snprintf(path, n, "%s/regions.json", dir);
	if ((rc = load_meta(path, &doc, err)) == 0) {
		found++;
		has_regions = true;
		rc = meta_regions(path, doc, regions, cats, ncats, keep, err);
		json_decref(doc);
	}
	if (rc < 0)
		goto out;
	snprintf(path, n, "%s/indicators.json", dir);
	if ((rc = load_meta(path, &doc, err)) == 0) {
		found++;
		rc = indicators ? meta_indicators(path, doc, indicators, err) : 0;
		json_decref(doc);
	}
	if (rc < 0)
		goto out;
	if (!found)
		rc = ind_error_set(err, dir, 0, "neither regions.json nor indicators.json (--sotkanet-meta)");
	else if (ncats && !has_regions)
		rc = ind_error_set(err, dir, 0, "no regions.json: regions cannot be chosen by category");
out:
	free(path);
	return rc;
}
