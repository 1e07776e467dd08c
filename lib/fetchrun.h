/* fetchrun.h - the requests of one Sotkanet or PxWeb query, fetched into the cache. See LICENSE. */
#ifndef IND_FETCHRUN_H
#define IND_FETCHRUN_H

#include <stddef.h>

#include "apiquery.h"
#include "err.h"
#include "fetch.h"

/*
 * The cache directory when --cache is not given: $XDG_CACHE_HOME/ind-tools
 * (an absolute XDG_CACHE_HOME), else $HOME/.cache/ind-tools; malloc'ed.
 * NULL when neither is set.
 */
char *ind_fetch_default_cache(void);

/*
 * Sotkanet: one request per indicator id (the years, gender), each answer
 * fetched into the cache in turn. *paths (each and the array malloc'ed) the
 * cache entries, *n of them. -1 at the first that fails (err; nothing kept).
 */
int ind_fetch_sotkanet(ind_fetch *f, const char *base, char *const *ids, size_t nids, const int *years,
		       size_t nyears, const char *gender, char ***paths, size_t *n, struct ind_error *err);

/*
 * PxWeb: the table's metadata (GET url), the query planned from it
 * (ind_pxweb_plan; a split into several requests is said), each part
 * POSTed in turn. *paths and *n as for ind_fetch_sotkanet.
 */
int ind_fetch_pxweb(ind_fetch *f, const char *url, const struct ind_pxweb_select *sel, size_t nsel,
		    const char *format, size_t max_cells, char ***paths, size_t *n, struct ind_error *err);

void ind_fetch_paths_free(char **paths, size_t n);

#endif
