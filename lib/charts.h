/* charts.h - gnuplot scripts for the chart kinds of ind-plot and ind-report. See LICENSE. */
#ifndef IND_CHARTS_H
#define IND_CHARTS_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "fmt.h"
#include "period.h"
#include "table.h"

#define IND_CHART_MAX_SHADE 8

#define IND_CHART_MAX_AT 8

/*
 * What a chart shows and how; the kinds read the columns they need from a
 * table. Every field has a safe zero: a struct cleared with memset or "= {0}"
 * gives the default chart, so callers set only what they know.
 */
struct ind_chart {
	const char *title;	/* NULL: from the data (label or indicator, region) */
	const char *ylabel;	/* the value axis title; NULL: the table's unit column when it has one value */
	const char *label;	/* the indicator's name for people, for the default title; NULL: the code */
	const char *region, *indicator, *estimate;
	enum ind_lang lang;
	double shade_from[IND_CHART_MAX_SHADE], shade_to[IND_CHART_MAX_SHADE];
	int nshade;
	const char *shade_label;	/* the legend entry of the shaded windows; NULL: "shaded period" */
	/*
	 * its: the interruptions' own periods, when the caller knows them; the
	 * line is drawn there even when the data start later. nat 0: from the
	 * table's at column, or (older streams) the first row of each segment.
	 */
	struct ind_period at[IND_CHART_MAX_AT];
	int nat;
	int width;	/* the chart's width in pixels, for how many tick labels fit; 0: 900 */
};

/*
 * Each writes the data blocks and plot commands (after ind_plot_preamble)
 * to fp; -1 with err when the table lacks what the kind needs.
 */
int ind_chart_lines(FILE *fp, const struct ind_table *t, const struct ind_chart *o, bool multiples,
		    struct ind_error *err);
int ind_chart_its(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);
/* ind-trend --joinpoints rows: observed points, the fitted segments, the joinpoints, each segment's APC. */
int ind_chart_joinpoint(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);
int ind_chart_bars(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);
int ind_chart_slopes(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);
/* The level changes at ind-compare's placebo dates as a histogram, the real estimate marked. */
int ind_chart_placebo(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);

#endif
