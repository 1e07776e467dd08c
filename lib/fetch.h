/* fetch.h - HTTP answers from the Sotkanet and PxWeb APIs into a cache directory (libcurl). See LICENSE. */
#ifndef IND_FETCH_H
#define IND_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define IND_SOTKANET_URL "https://sotkanet.fi/rest/1.1/json"
#define IND_FETCH_MAX_BYTES ((size_t)256 << 20)	/* the largest answer accepted by default */
#define IND_FETCH_MAX_WAIT 300.0		/* a Retry-After longer than this (seconds) is an error */
#define IND_PXWEB_MAX_CELLS 100000		/* Statistics Finland's limit per query */
#define IND_PXWEB_MAX_REQUESTS 10000		/* a split into more requests is refused */

/*
 * Every answer is kept in the cache directory under a name made from the
 * request (method, URL and body: the same query is the same file), written
 * to a temporary file there and renamed into place, and only after a
 * complete answer with HTTP status 2xx. Online, every request is made
 * again and replaces its entry; offline, entries are only read.
 */
struct ind_fetch_opts {
	const char *cache_dir;		/* made (with its parents) when missing */
	double timeout;			/* seconds per attempt, connecting included */
	int retries;			/* attempts after the first, on 429, 5xx and network errors */
	double retry_delay;		/* seconds before the first retry; doubles each time, or Retry-After when longer */
	double interval;		/* seconds at least between the starts of two requests */
	bool offline;			/* answer from the cache only */
	size_t max_bytes;		/* the largest answer (0: IND_FETCH_MAX_BYTES) */
	/* each retry, said before waiting (NULL: quiet) */
	void (*note)(const char *url, const char *why, double wait);
};

void ind_fetch_opts_init(struct ind_fetch_opts *o);

/* libcurl's global state: call init once before any ind_fetch_new, cleanup once at the end. */
int ind_fetch_global_init(struct ind_error *err);
void ind_fetch_global_cleanup(void);

typedef struct ind_fetch ind_fetch;

ind_fetch *ind_fetch_new(const struct ind_fetch_opts *o, struct ind_error *err);
void ind_fetch_free(ind_fetch *f);

/*
 * GET url (body NULL) or POST body (JSON) to it. *path is the cache file
 * holding the answer (malloc'ed); with buf, the answer too (malloc'ed,
 * NUL-terminated, *len bytes). ext ("json", "px") ends the file's name.
 * Returns 0, or -1 with err naming the URL: "HTTP 503 after 3 attempts",
 * a network error, an answer over max_bytes, or, offline, a missing entry.
 */
int ind_fetch_get(ind_fetch *f, const char *url, const char *body, const char *ext, char **path, char **buf,
		  size_t *len, struct ind_error *err);

/* Requests sent over the network, and answers taken from the cache, so far. */
long ind_fetch_sent(const ind_fetch *f);
long ind_fetch_cached(const ind_fetch *f);

/*
 * Sotkanet: the data URL of one indicator (digits), the years and one
 * gender (total, male or female): BASE?indicator=ID&years=Y...&genders=G.
 * NULL when out of memory.
 */
char *ind_sotkanet_url(const char *base, const char *indicator, const int *years, size_t nyears, const char *gender);

/* --select CODE=VALUE,VALUE or CODE=* */
struct ind_pxweb_select {
	const char *code;
	size_t code_len;
	const char *values;		/* comma-separated, or "*": every value */
};

/*
 * The POST bodies of a PxWeb API v1 query, from the table's metadata
 * (the answer to GET on its URL: {"variables": [{"code", "values",
 * "elimination"}, ...]}). Variables and values go in the table's order,
 * so answers come in the order of the table; a query of more than
 * max_cells cells is split into consecutive parts (the first variables
 * one value at a time, the next in runs) whose answers, one after the
 * other, hold the cells of the whole query in its order. Each body:
 * {"query":[{"code":C,"selection":{"filter":"item","values":[...]}},...],
 *  "response":{"format":F}}. A code or value not in the table, a variable
 * that cannot be left out and is not selected, or a split into more than
 * IND_PXWEB_MAX_REQUESTS parts is an error naming url. *bodies (each and
 * the array malloc'ed) and *nbodies; *cells the cells of the whole query.
 */
int ind_pxweb_plan(const char *url, const char *meta, size_t meta_len, const struct ind_pxweb_select *sel,
		   size_t nsel, const char *format, size_t max_cells, char ***bodies, size_t *nbodies,
		   double *cells, struct ind_error *err);

#endif
