/* stream.h - reading the canonical indicator stream (docs/format.md). See LICENSE. */
#ifndef IND_STREAM_H
#define IND_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "columns.h"
#include "err.h"
#include "period.h"
#include "reader.h"

/*
 * The input of every analysis tool: CSV with at least region, indicator,
 * period and value columns, found by name. Other columns are kept in
 * the row for tools that pass them through.
 */
typedef struct ind_stream ind_stream;

struct ind_stream_row {
	const struct ind_row *row;	/* every field, borrowed until the next call */
	const char *region, *indicator;
	size_t region_len, indicator_len;
	struct ind_period period;
	double value, numerator, denominator;
	bool has_value, has_numerator, has_denominator;
	double se;		/* the standard error of value, from the column ind_stream_se_column named */
	bool has_se;
	long line;
};

/* Open and read the header; NULL with err when a required column is missing. */
ind_stream *ind_stream_open(const char *path, struct ind_error *err);
const struct ind_header *ind_stream_header(const ind_stream *s);
const char *ind_stream_name(const ind_stream *s);
/* Index of a column by name, -1 if absent. */
int ind_stream_column(const ind_stream *s, const char *name);
/*
 * Also read the optional column name as the standard error of value (a
 * number, or empty when missing; not read unless asked, so other tools
 * pass such a column through untouched). false when there is no such column.
 */
bool ind_stream_se_column(ind_stream *s, const char *name);
/* IND_READ_ROW, IND_READ_EOF, IND_READ_BAD (err says why; reading goes on) or IND_READ_FATAL. */
int ind_stream_next(ind_stream *s, struct ind_stream_row *out, struct ind_error *err);
void ind_stream_close(ind_stream *s);

#endif
