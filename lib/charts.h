/* charts.h - gnuplot scripts for the chart kinds of ind-plot and ind-report. See LICENSE. */
#ifndef IND_CHARTS_H
#define IND_CHARTS_H

#include <stdbool.h>
#include <stdio.h>

#include "err.h"
#include "fmt.h"
#include "table.h"

#define IND_CHART_MAX_SHADE 8

/* What a chart shows and how; the kinds read the columns they need from a table. */
struct ind_chart {
	const char *title, *ylabel, *region, *indicator, *estimate;
	enum ind_lang lang;
	double shade_from[IND_CHART_MAX_SHADE], shade_to[IND_CHART_MAX_SHADE];
	int nshade;
};

/*
 * Each writes the data blocks and plot commands (after ind_plot_preamble)
 * to fp; -1 with err when the table lacks what the kind needs.
 */
int ind_chart_lines(FILE *fp, const struct ind_table *t, const struct ind_chart *o, bool multiples,
		    struct ind_error *err);
int ind_chart_its(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);
int ind_chart_bars(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);
int ind_chart_slopes(FILE *fp, const struct ind_table *t, const struct ind_chart *o, struct ind_error *err);

#endif
