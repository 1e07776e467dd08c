/* fetchrun.c - the requests of one Sotkanet or PxWeb query, fetched into the cache. See LICENSE. */
#include "fetchrun.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
