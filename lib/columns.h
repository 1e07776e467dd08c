/* columns.h - naming columns: by header name or 1-based number, and by well-known header words. See LICENSE. */
#ifndef IND_COLUMNS_H
#define IND_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "reader.h"

/* A header, copied out of the reader so it outlives the row. */
struct ind_header {
	size_t ncols;
	char **name;	/* NUL-terminated; "1", "2", ... for input without a header */
	char *raw;	/* the header line's bytes as read, for rejects files; NULL without a header */
	size_t raw_len;
};

/* Copy a header row; with no_header, name the n columns by number. false when out of memory. */
bool ind_header_init(struct ind_header *h, const struct ind_row *row, bool no_header);
void ind_header_free(struct ind_header *h);

/* Case-insensitive (ASCII) comparison of a header cell with a word. */
bool ind_header_eq(const char *cell, const char *word);

/*
 * Column index of spec: a header name (case-insensitive) or a 1-based
 * number. -1 with err filled ("no column 'x'", "column 9: only 4 columns").
 */
int ind_column_resolve(const struct ind_header *h, const char *spec, const char *file,
		       struct ind_error *err);

/*
 * First column, not yet taken, whose name is one of words (earlier words
 * win): how ind-load recognises 'alue', 'vuosi', 'arvo' and friends.
 * -1 if none. *dup is set to a second matching column (or -1), for a warning.
 */
int ind_column_guess(const struct ind_header *h, const char *const *words, const bool *taken, int *dup);

#endif
