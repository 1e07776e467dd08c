/* fetchrun.c - the requests of one Sotkanet or PxWeb query, fetched into the cache. See LICENSE. */
#include "fetchrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "loadrun.h"
#include "strmap.h"

struct request {
	char *url, *body;
	const char *ext;
	char *path;	/* the cache entry */
};

char *ind_fetch_default_cache(void)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *dir = NULL;
	size_t n;
	if (xdg && *xdg == '/') {
		n = strlen(xdg) + 16;
		if ((dir = malloc(n)))
			snprintf(dir, n, "%s/ind-tools", xdg);
	} else if (home && *home) {
		n = strlen(home) + 24;
		if ((dir = malloc(n)))
			snprintf(dir, n, "%s/.cache/ind-tools", home);
	} else {
		return NULL;
	}
	if (!dir)
		ind_die(IND_EXIT_DATA, "out of memory");
	return dir;
}

void ind_fetch_paths_free(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
}

/* Each request fetched in turn; the paths handed over, the rest freed. */
static int fetch_all(ind_fetch *f, struct request *req, size_t nreq, char ***paths, size_t *n,
		     struct ind_error *err)
{
	int rc = 0;
	for (size_t i = 0; i < nreq && rc == 0; i++)
		if (ind_fetch_get(f, req[i].url, req[i].body, req[i].ext, &req[i].path, NULL, NULL, err) < 0)
			rc = -1;
	*paths = NULL;
	*n = 0;
	if (rc == 0 && !(*paths = calloc(nreq ? nreq : 1, sizeof **paths)))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < nreq; i++) {
		free(req[i].url);
		free(req[i].body);
		if (rc == 0)
			(*paths)[i] = req[i].path;
		else
			free(req[i].path);
	}
	free(req);
	if (rc == 0)
		*n = nreq;
	return rc;
}

int ind_fetch_sotkanet(ind_fetch *f, const char *base, char *const *ids, size_t nids, const int *years,
		       size_t nyears, const char *gender, char ***paths, size_t *n, struct ind_error *err)
{
	struct request *req = calloc(nids ? nids : 1, sizeof *req);
	if (!req)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < nids; i++) {
		if (!(req[i].url = ind_sotkanet_url(base, ids[i], years, nyears, gender)))
			ind_die(IND_EXIT_DATA, "out of memory");
		req[i].ext = "json";
	}
	return fetch_all(f, req, nids, paths, n, err);
}

int ind_fetch_pxweb(ind_fetch *f, const char *url, const struct ind_pxweb_select *sel, size_t nsel,
		    const char *format, size_t max_cells, char ***paths, size_t *n, struct ind_error *err)
{
	char *meta_path, *meta, **bodies;
	size_t meta_len, nbodies;
	double cells;
	struct request *req;
	int rc;

	*paths = NULL;
	*n = 0;
	if (ind_fetch_get(f, url, NULL, "json", &meta_path, &meta, &meta_len, err) < 0)
		return -1;
	rc = ind_pxweb_plan(url, meta, meta_len, sel, nsel, format, max_cells, &bodies, &nbodies, &cells, err);
	free(meta);
	free(meta_path);
	if (rc < 0)
		return -1;
	if (nbodies > 1)
		ind_warn_at(url, 0, "%.0f cells: %zu requests of at most %zu cells", cells, nbodies, max_cells);
	if (!(req = calloc(nbodies ? nbodies : 1, sizeof *req)))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t i = 0; i < nbodies; i++) {
		if (!(req[i].url = strdup(url)))
			ind_die(IND_EXIT_DATA, "out of memory");
		req[i].body = bodies[i];
		req[i].ext = strcmp(format, "px") == 0 ? "px" : "json";
	}
	free(bodies);
	return fetch_all(f, req, nbodies, paths, n, err);
}

void ind_fetch_query_init(struct ind_fetch_query *q, size_t nargs)
{
	memset(q, 0, sizeof *q);
	q->base_url = IND_SOTKANET_URL;
	q->format = "json-stat2";
	q->max_cells = IND_PXWEB_MAX_CELLS;
	if (!(q->sel = calloc(nargs ? nargs : 1, sizeof *q->sel)) ||
	    !(q->region_args = calloc(nargs ? nargs : 1, sizeof *q->region_args)))
		ind_die(IND_EXIT_DATA, "out of memory");
}

void ind_fetch_query_free(struct ind_fetch_query *q)
{
	for (size_t i = 0; i < q->nids; i++)
		free(q->ids[i]);
	free(q->ids);
	free(q->sel);
	free(q->region_args);
}

bool ind_fetch_query_source(struct ind_fetch_query *q, char *const *operands, size_t n, char **why)
{
	if (n == 0)
		return ind_why_set(why, "which source: sotkanet or pxweb");
	if (strcmp(operands[0], "sotkanet") == 0) {
		q->sotkanet = true;
		if (n > 1)
			return ind_why_set(why, "sotkanet takes no URL (--base-url changes the API's): '%s'", operands[1]);
		if (!q->nids)
			return ind_why_set(why, "sotkanet needs --indicator");
		if (!q->nyears)
			return ind_why_set(why, "sotkanet needs --years");
		if (q->nsel)
			return ind_why_set(why, "--select goes with pxweb");
		if (!ind_http_url(q->base_url))
			return ind_why_set(why, "invalid --base-url '%s' (http:// or https://)", q->base_url);
	} else if (strcmp(operands[0], "pxweb") == 0) {
		q->sotkanet = false;
		if (n < 2)
			return ind_why_set(why, "pxweb needs the table's URL");
		q->table_url = operands[1];
		if (n > 2)
			return ind_why_set(why, "one table URL at a time: '%s'", operands[2]);
		if (!ind_http_url(q->table_url))
			return ind_why_set(why, "invalid table URL '%s' (http:// or https://)", q->table_url);
		if (!q->nsel)
			return ind_why_set(why, "pxweb needs --select (e.g. --select 'Vuosi=*')");
		if (q->nids || q->nyears || q->gender || q->nregion_args || q->meta_dir)
			return ind_why_set(why, "--indicator, --years, --gender, --regions and --sotkanet-meta go with sotkanet");
	} else {
		return ind_why_set(why, "unknown source '%s' (use sotkanet or pxweb)", operands[0]);
	}
	return true;
}

static void say_retry(const char *url, const char *why, double wait)
{
	ind_warn_at(url, 0, "%s; trying again in %.3g s", why, wait);
}

static void say_warning(const struct ind_error *w) { ind_error_print(w); }

int ind_fetch_run(const struct ind_fetch_query *q, const struct ind_fetch_opts *fetch_opts, const char *output, bool strict,
		  char **why)
{
	struct ind_fetch_opts fo = *fetch_opts;
	struct ind_load_opts lo;
	struct ind_error err;
	ind_strmap *regions = NULL, *region_map = NULL, *indicator_map = NULL;
	ind_fetch *f = NULL;
	char **paths = NULL;
	size_t nreq = 0;
	long records = 0, nrejected = 0;
	int rc = IND_EXIT_OK;

	if (q->nregion_args || q->meta_dir)
		rc = ind_sotkanet_regions(q->region_args, q->nregion_args, q->meta_dir, &regions, &region_map,
					  &indicator_map, why, &err);
	if (rc == IND_EXIT_DATA)
		ind_error_print(&err);
	if (rc == IND_EXIT_OK && ind_fetch_global_init(&err) < 0) {
		ind_error_print(&err);
		rc = IND_EXIT_DATA;
	}
	if (rc != IND_EXIT_OK)
		goto maps;
	fo.note = say_retry;
	if (!(f = ind_fetch_new(&fo, &err)) ||
	    (q->sotkanet ? ind_fetch_sotkanet(f, q->base_url, q->ids, q->nids, q->years, q->nyears,
					      q->gender ? q->gender : "total", &paths, &nreq, &err)
			 : ind_fetch_pxweb(f, q->table_url, q->sel, q->nsel, q->format, q->max_cells, &paths, &nreq,
					   &err)) < 0) {
		ind_error_print(&err);
		rc = IND_EXIT_DATA;
		goto done;
	}
	/* the answers, read as ind-load reads them */
	ind_load_opts_init(&lo);
	lo.warn = say_warning;
	lo.gender = q->gender;
	lo.regions = regions;
	lo.region_map = region_map;
	lo.indicator_map = indicator_map;
	switch (ind_load_answers((const char *const *)paths, nreq, &lo, output, strict, &records, &nrejected)) {
	case IND_EXIT_OK: break;
	case IND_EXIT_DATA: rc = IND_EXIT_DATA; break;
	default: rc = IND_EXIT_DATA; goto done;		/* an answer or the output could not be opened */
	}
	ind_warn("%zu answer%s (%ld sent, %ld from the cache), %ld records written, %ld rejected", nreq,
		 nreq == 1 ? "" : "s", ind_fetch_sent(f), ind_fetch_cached(f), records, nrejected);
done:
	ind_fetch_paths_free(paths, nreq);
	ind_fetch_free(f);
	ind_fetch_global_cleanup();
maps:
	ind_strmap_free(regions);
	ind_strmap_free(region_map);
	ind_strmap_free(indicator_map);
	return rc;
}
