/* fetchrun.h - the requests of one Sotkanet or PxWeb query, fetched into the cache. See LICENSE. */
#ifndef IND_FETCHRUN_H
#define IND_FETCHRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "apiquery.h"
#include "err.h"
#include "fetch.h"

/* What one run of ind-fetch asks for: its source and the options that make the query. */
struct ind_fetch_query {
	bool sotkanet;			/* else pxweb */
	const char *table_url;		/* pxweb: the table */
	const char *base_url;		/* sotkanet: the data URL (IND_SOTKANET_URL) */
	char **ids;			/* --indicator (owned) */
	size_t nids;
	int years[IND_SOTKANET_MAX_YEARS];	/* --years */
	size_t nyears;
	const char *gender;		/* --gender; NULL: not given (total) */
	const char **region_args;	/* each --regions */
	size_t nregion_args;
	const char *meta_dir;		/* --sotkanet-meta */
	struct ind_pxweb_select *sel;	/* each --select */
	size_t nsel;
	const char *format;		/* pxweb: json-stat2 (default), json or px */
	size_t max_cells;		/* pxweb: cells per request */
};

/* The defaults, with room for nargs --regions and --select (the number of arguments). */
void ind_fetch_query_init(struct ind_fetch_query *q, size_t nargs);
void ind_fetch_query_free(struct ind_fetch_query *q);

/*
 * The operands (a source, sotkanet or pxweb, then the table's URL for
 * pxweb) checked with the options given for it. true, or false with *why
 * (malloc'ed) for a usage error: a missing or unknown source, an option
 * of the other source, a missing --indicator, --years or --select, a URL
 * that is not http(s).
 */
bool ind_fetch_query_source(struct ind_fetch_query *q, char *const *operands, size_t n, char **why);

/*
 * One run: the regions kept and the metadata's names read (--regions,
 * --sotkanet-meta), the query's requests fetched into fo's cache, their
 * answers read as ind-load reads them into one stream written to output
 * (NULL: stdout), and "N answers (N sent, N from the cache), N records
 * written, N rejected" said. Returns IND_EXIT_OK; IND_EXIT_DATA when
 * something failed (said), or with strict when a row was rejected;
 * IND_EXIT_USAGE with *why (malloc'ed) for a bad --regions, before any request.
 */
int ind_fetch_run(const struct ind_fetch_query *q, const struct ind_fetch_opts *fo, const char *output, bool strict,
		  char **why);

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
