/* series.h - rows grouped into series by (region, indicator), ordered by period. See LICENSE. */
#ifndef IND_SERIES_H
#define IND_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "err.h"
#include "period.h"
#include "rejects.h"
#include "stream.h"
#include "writer.h"

/*
 * The analysis tools need whole series, and the stream's rows come in any
 * order, so a set holds every point (about 80 bytes each) and, when asked,
 * each input row's text for passing it through. Series keep the order in
 * which they first appeared; points are sorted by period, then by input
 * order, and remember their file and line for messages.
 */
struct ind_point {
	struct ind_period period;
	double t;			/* decimal years (ind_period_time) */
	double value, numerator, denominator;
	bool has_value, has_numerator, has_denominator;
	double se;			/* standard error of value, read when ind_series_read_se asked */
	bool has_se;
	uint16_t file;			/* index into the set's file names */
	long line;
	size_t row;			/* index of the kept row text, SIZE_MAX if not kept */
};

struct ind_series {
	char *region, *indicator;
	struct ind_point *pts;
	size_t n, cap;
	size_t ncombined;		/* points folded into another by ind_series_duplicates */
	/* the kept rows of folded points, and the index in pts of the point each went into */
	size_t *folded_row, *folded_into;
	size_t nfolded;
	/*
	 * ind_series_stream: handed over and freed; where its points (then
	 * its rows' ends and texts) are in the spill file, and which rows
	 * and bytes of the input's kept rows they were
	 */
	bool done;
	off_t spill_off;
	size_t spill_n, spill_nrows, spill_row0, spill_text0;
};

typedef struct ind_series_set ind_series_set;

ind_series_set *ind_series_set_new(void);
void ind_series_set_free(ind_series_set *set);

/* Name the file the following rows come from (copied); -1 when out of memory or too many files. */
int ind_series_file(ind_series_set *set, const char *name);
const char *ind_series_file_name(const ind_series_set *set, uint16_t file);

/*
 * Add a stream row to its series. row_text, if not NULL, is kept as the
 * row's text (a CSV line without its LF) and indexed in the point.
 */
int ind_series_add(ind_series_set *set, const struct ind_stream_row *r, const char *row_text, size_t row_len,
		   struct ind_error *err);

/* Sort every series by period (stable in input order). */
void ind_series_sort(ind_series_set *set);

/* What to do with points of one series that share a period. */
enum ind_duplicates { IND_DUP_ERROR, IND_DUP_MEAN, IND_DUP_SUM, IND_DUP_FIRST, IND_DUP_LAST };
/* Their names for --duplicates, in enum order, NULL-terminated (for ind_opt_choice). */
extern const char *const ind_duplicates_names[];

/*
 * After sorting: with IND_DUP_ERROR report each repeated period as
 * "FILE:LINE: duplicate period P for REGION / INDICATOR (first at FILE:LINE)"
 * and return their number (the caller exits 1); otherwise fold each group
 * into its first point (value, numerator and denominator each combined the
 * same way; mean and sum refuse, setting *failed, rows that differ in which
 * of them they carry) and return the points folded.
 */
long ind_series_duplicates(ind_series_set *set, enum ind_duplicates how, bool *failed);

/* ind_series_duplicates for one series (x of set). */
long ind_series_duplicates_of(ind_series_set *set, struct ind_series *x, enum ind_duplicates how, bool *failed);

/* The closing word on dups duplicates found (and *failed) on stderr; false when the tool must stop. */
bool ind_series_duplicates_verdict(long dups, bool failed, enum ind_duplicates how);

/* ind_series_duplicates with the closing word on stderr; false when the tool must stop (exit 1). */
bool ind_series_check_duplicates(ind_series_set *set, enum ind_duplicates how);

size_t ind_series_count(const ind_series_set *set);
struct ind_series *ind_series_at(ind_series_set *set, size_t i);
size_t ind_series_rows(const ind_series_set *set);
const char *ind_series_row_text(const ind_series_set *set, size_t row, size_t *len);

/*
 * Make ind_series_read also read column name as each value's standard
 * error (--duplicates combines them as for independent values: first,
 * last, sqrt of the sum of squares for sum, that over the count for
 * mean). After the read, ind_series_se_missing names the first input
 * without the column (NULL when every input has it).
 */
void ind_series_read_se(ind_series_set *set, const char *name);
const char *ind_series_se_missing(const ind_series_set *set);

/*
 * Read canonical streams into set, the way every analysis tool does: own
 * names the columns the tool adds (NULL-terminated); with keep_rows each
 * row's text is kept without them, and header receives the input's
 * columns (less own) followed by own. Unusable rows go to rejects. Returns
 * the rows read; *failed is set when an input could not be read.
 */
long ind_series_read(ind_series_set *set, const char *const *inputs, int ninputs, const char *const *own,
		     bool keep_rows, struct ind_line *header, ind_rejects *rejects, bool *failed);

/* How ind_series_stream reads: as ind_series_read, and series by series when done is not NULL. */
struct ind_series_reading {
	const char *const *own;		/* the columns the tool adds, NULL-terminated (or NULL) */
	bool keep_rows;			/* keep each row's text without them; header receives the columns */
	struct ind_line *header;
	bool sorted;			/* a row of a series after another series' is an error (FILE:LINE, exit 1) */
	void (*done)(ind_series_set *set, struct ind_series *s, void *ctx);
	void *ctx;
};

/*
 * Read as ind_series_read does, handing each series to how->done() as
 * soon as the next one starts (and at the end), sorted, its duplicates not
 * yet looked at; its points and kept rows are freed when done() returns,
 * so memory holds one series, not the input. Inside done() the set's kept
 * rows (ind_series_rows, ind_series_row_text, ind_series_write_rows) are
 * those of that series alone, in input order, and its points' row indices
 * count from 0. *grouped tells whether that held to the end. When a row
 * comes back to a series already handed over, the rows were not grouped
 * by series: every series gets its points and rows back (they wait in a
 * temporary file meanwhile), the rest is read whole, and *grouped is
 * false: the set is then as ind_series_read leaves it and what done()
 * made is to be thrown away. With how->sorted, such a row is an error
 * instead and nothing waits in a file; without done, that is all it adds
 * to ind_series_read.
 */
long ind_series_stream(ind_series_set *set, const char *const *inputs, int ninputs,
		       const struct ind_series_reading *how, bool *grouped, ind_rejects *rejects, bool *failed);

/*
 * Write the kept rows in input order after header, each followed by the
 * fields extra() adds for it (a tool's fitted values). false on a write error.
 */
bool ind_series_write_rows(const ind_series_set *set, struct ind_line *header, FILE *fp,
			   void (*extra)(struct ind_line *ln, size_t row, void *ctx), void *ctx);

/* The name of column i of the kept rows (the first input's columns, less own), or NULL past the last. */
const char *ind_series_column(const ind_series_set *set, size_t i);

/*
 * The end of an analysis tool's run: close the rejects file and the output
 * (committed only when ok), report failures, and print the closing
 * "N rows read, S series, K rejected" line. Returns ok && nothing failed.
 */
bool ind_series_finish(const ind_series_set *set, long nread, ind_rejects *rejects, ind_output *out, bool ok);

#endif
