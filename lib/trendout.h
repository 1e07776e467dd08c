/* trendout.h - the output of ind-trend: summary columns and rows, joinpoint fields, per-row fits. See LICENSE. */
#ifndef IND_TRENDOUT_H
#define IND_TRENDOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "joinpoint.h"
#include "series.h"
#include "trend.h"
#include "writer.h"

#define IND_TREND_RANGE_NAME_MAX (2 * IND_PERIOD_TEXT_MAX + 8)
#define IND_TREND_NFIT 5	/* fit, fit_lo, fit_hi, jp_fit, jp_segment */

/* What decides the summary's columns. */
struct ind_trend_columns {
	int joinpoints;			/* 0: no joinpoint columns */
	bool log_scale, joint_ci;	/* APC columns; the joinpoints' intervals */
	int nranges;			/* --aapc ranges, named by range_name */
	char (*range_name)[IND_TREND_RANGE_NAME_MAX];	/* read only */
	enum ind_se se;			/* as asked for: names the method of a fit without a HAC lag */
};

/* The summary's header into ln. */
void ind_trend_summary_header(struct ind_line *ln, const struct ind_trend_columns *c);

/*
 * The summary row of series s into ln: kept[0..n) are its values (in
 * period order), missing the values it lacks, tr its trend and, with
 * c->joinpoints, jp its joinpoint model when jp_ok (else empty fields).
 */
void ind_trend_summary_row(struct ind_line *ln, const struct ind_trend_columns *c, const struct ind_series *s,
			   const struct ind_point *kept, size_t n, size_t missing, const struct ind_trend *tr,
			   const struct ind_joinpoints *jp, bool jp_ok);

/* The joinpoint columns of one summary row (empty when there is no model: ok false). */
void ind_trend_jp_fields(struct ind_line *ln, const struct ind_trend_columns *c, const struct ind_joinpoints *jp,
			 bool ok, const struct ind_point *kept, size_t n);

/*
 * The fits of series s into fits, indexed by input row (the joinpoint
 * columns only with jp_ok); rows combined by --duplicates share their point's fit.
 */
void ind_trend_fits_fill(double (*fits)[IND_TREND_NFIT], const struct ind_series *s, const struct ind_trend *tr,
			 const struct ind_joinpoints *jp, bool jp_ok);

/* The fit columns of the kept rows: the first ncols of each row's fits. */
struct ind_trend_fits {
	double (*v)[IND_TREND_NFIT];
	int ncols;
};

/* An ind_series_write_rows callback over a struct ind_trend_fits. */
void ind_trend_add_fits(struct ind_line *ln, size_t row, void *fits);

#endif
