/* compareout.h - the output of ind-compare: summary columns and rows, per-row fits, placebo rows. See LICENSE. */
#ifndef IND_COMPAREOUT_H
#define IND_COMPAREOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"
#include "series.h"
#include "writer.h"

/* Which optional column groups the summary has. */
struct ind_compare_columns {
	bool poisson, shares, did, boot, power, sims, placebo, space_placebo;
};

/* Per-row results for the default output. */
struct ind_compare_row {
	double fit, cf, cf_lo, cf_hi;
	enum ind_phase phase;
	int segment;
	struct ind_period at;	/* the interruption that opened the segment (segment >= 1) */
	bool placebo_col;	/* the output has the placebo_level column */
};

/* The summary's header, in the order of ind-compare(1), into ln. */
void ind_compare_header(struct ind_line *ln, const struct ind_compare_columns *c);

/*
 * The summary row of interruption k of series s (k = 0 with nbreaks 0: the
 * series without one) into ln; o names the model and its standard errors.
 */
void ind_compare_summary_row(struct ind_line *ln, const struct ind_series *s, const struct ind_analysis_opts *o,
			     const struct ind_compare_columns *cols, const struct ind_analysis *a, size_t k,
			     const char *label);

/*
 * With --placebo, after the rows: one row per fake date (phase placebo) and
 * one for the real interruption (phase estimate), with the level change
 * fitted there in placebo_level and the other input columns empty. The rows
 * go into ln one after another (ind_line_newline between them, none after
 * the last); the number of rows is returned (0: ln untouched).
 */
size_t ind_compare_placebo_rows(struct ind_line *ln, const ind_series_set *set, const struct ind_series *s,
				const struct ind_analysis *a);

/*
 * The fits of series s (pf, one per point) into rows, indexed by input row;
 * rows combined by --duplicates share their point's fit.
 */
void ind_compare_rows_fill(struct ind_compare_row *rows, const struct ind_series *s, const struct ind_analysis *a,
			   const struct ind_point_fit *pf, bool placebo_col);

/* The model columns of one kept row: an ind_series_write_rows callback over an ind_compare_row array. */
void ind_compare_add_fits(struct ind_line *ln, size_t row, void *rows);

#endif
