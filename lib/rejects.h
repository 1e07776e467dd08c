/* rejects.h - the rejects file and the stderr account every reading tool gives. See LICENSE. */
#ifndef IND_REJECTS_H
#define IND_REJECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "load.h"
#include "num.h"

/*
 * Nothing is dropped silently: every unusable row is counted and its reason
 * shown on stderr (the first IND_REJECTS_SHOWN of them). With --rejects FILE
 * the rows themselves are written there exactly as their bytes were in the
 * input, after the input's header line, so that the file can be corrected
 * and loaded again with the same options; with --reject-log FILE the
 * reasons are written as CSV file,line,reason.
 */
#define IND_REJECTS_SHOWN 10

typedef struct ind_rejects ind_rejects;

/* path and log_path NULL: count and show only. NULL with err when a file cannot be made. */
ind_rejects *ind_rejects_open(const char *path, const char *log_path, struct ind_error *err);
/*
 * The header line (bytes as read, or NULL for input without one) of the
 * input whose rejects follow: written before the first of them, unless it
 * is the header written last. Copied. -1 when out of memory.
 */
int ind_rejects_header(ind_rejects *rj, const char *raw, size_t raw_len);
/* Record one reject: why holds file, line and reason; raw is the row's bytes (a missing line end is added). -1 on a write error. */
int ind_rejects_add(ind_rejects *rj, const struct ind_error *why, const char *raw, size_t raw_len);
long ind_rejects_count(const ind_rejects *rj);
/* Close (committing the file); -1 with err on a write error. */
int ind_rejects_close(ind_rejects *rj, struct ind_error *err);

/*
 * Rejects kept by a worker thread for one block, to be added to the
 * rejects file in input order on the main thread (ind_reject_list_flush).
 */
struct ind_reject_list {
	struct ind_kept_reject {
		struct ind_error why;
		char *raw;
		size_t raw_len;
	} *items;
	size_t n, cap;
};

/* Keep a copy of one reject; exits when out of memory. */
void ind_reject_list_add(struct ind_reject_list *l, const struct ind_error *why, const char *raw, size_t raw_len);
/* Add them all to rj, in order, and empty the list; -1 on a write error. */
int ind_reject_list_flush(struct ind_reject_list *l, ind_rejects *rj);

/* "prog: FILE: missing values: 3 '..', 1 empty" when any were met. */
void ind_report_missing(const char *file, const long counts[IND_MISSING_NKINDS]);

/* What a loader met in one input: recoded lines, unmapped codes, other genders, missing cells. */
void ind_report_load(const char *file, const struct ind_load_counts *n, const char *gender);

#endif
