/* render.h - a table for people: text, Markdown, CSV, TSV, HTML, LaTeX or JSON, in fi, en or sv. See LICENSE. */
#ifndef IND_RENDER_H
#define IND_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "fmt.h"
#include "table.h"

enum ind_render_format {
	IND_RENDER_TEXT,
	IND_RENDER_MARKDOWN,
	IND_RENDER_CSV,
	IND_RENDER_TSV,
	IND_RENDER_HTML,
	IND_RENDER_LATEX,
	IND_RENDER_JSON
};

/* How a table is shown; ind_render_opts_init gives ind-table's defaults. */
struct ind_render_opts {
	enum ind_render_format format;
	int digits;		/* significant digits, 1 to 15 */
	bool digits_given;	/* csv, tsv and json round only when asked */
	bool ci;		/* X with X_lo and X_hi as one "est (lo … hi)" cell (not in json) */
	bool lang_given;	/* csv and tsv localise only when asked; headers are labelled only then */
	enum ind_lang lang;
	char csv_delimiter;	/* 0: ';' under fi and sv (a decimal comma), ',' otherwise */
	const char *caption;	/* NULL for none */
};

void ind_render_opts_init(struct ind_render_opts *o);

/*
 * What a shown column is. Cells of text columns are never read as numbers:
 * periods (a column named period, year, vuosi, år, at, start or end, or one
 * whose every cell is a quarter, month, week or day) and codes (region,
 * indicator, code, id and the like, names ending _code or _id, or a column
 * with a number written with a leading zero such as 049) keep their text in
 * every format, so 2017 never becomes 2,017 and 049 never 49. An estimate
 * column X with X_lo and X_hi in the table (prop_diff with prop_lo, prop_hi;
 * counterfactual with cf_lo, cf_hi) forms a group with them: the three are
 * printed with one number of decimals (ind_text_decimals).
 */
struct ind_render_col {
	int col;		/* index in the table */
	int est, lo, hi;	/* the interval group this column belongs to, or -1 */
	bool join;		/* shown as "est (lo … hi)" (--ci) */
	bool numeric;		/* every non-empty cell a number: right-aligned */
	bool is_p, is_period, is_code;
	char label[256];	/* the header as shown */
};

/*
 * The columns to show: list is NULL for all, or "name[:Label],..." (a name or a
 * 1-based number, as ind_column_resolve takes). Labels come from the list, then,
 * with lang_given, from ind_column_label (a column named by a period, as a pivot's
 * are, by ind_text_period),
 * else the column's name. With ci and no list, X_lo and X_hi are folded into X.
 * Returns the count and sets *cols (free() it); -1 with err for a column that is
 * not there, -2 with err for a list with more columns than the table has.
 */
long ind_render_columns(const struct ind_table *t, const char *list, const struct ind_render_opts *o,
			struct ind_render_col **cols, struct ind_error *err);

/*
 * Write t as o says. Text formats (text, markdown, html, latex, and csv/tsv with
 * --lang or --digits) show numbers through ind_text_* in o->lang; json numbers
 * stay JSON numbers in every language (rounded only with digits_given) and texts
 * are strings. Write errors show in ferror(fp); exits only when out of memory.
 */
void ind_render_write(FILE *fp, const struct ind_table *t, const struct ind_render_col *cols, size_t ncols,
		      const struct ind_render_opts *o);

/*
 * Reshape a canonical table (region, [indicator,] period, value) into one row per
 * region (and indicator, when there are several) and one column per period in time
 * order, keeping only the last last periods when last > 0. -1 with err when a
 * column is missing or a period does not parse; t is then unchanged.
 */
int ind_render_pivot(struct ind_table *t, long last, struct ind_error *err);

#endif
