/* fetch.h - HTTP answers from the Sotkanet and PxWeb APIs into a cache directory (libcurl). See LICENSE. */
#ifndef IND_FETCH_H
#define IND_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

#define IND_FETCH_MAX_BYTES ((size_t)256 << 20)	/* the largest answer accepted by default */
#define IND_FETCH_MAX_WAIT 300.0		/* a Retry-After longer than this (seconds) is an error */

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

#endif
