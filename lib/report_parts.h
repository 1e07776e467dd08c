/* report_parts.h - the findings of one indicator: its analysis, sentences, caveats, numbers and tables. See LICENSE. */
#ifndef IND_REPORT_PARTS_H
#define IND_REPORT_PARTS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "events.h"
#include "fmt.h"
#include "report.h"
#include "series.h"
#include "table.h"

/*
 * Room for every interruption's sentences and caveats; more is an error
 * (the program ends), never a sentence left out.
 */
#define IND_PART_SENTENCES (4 + 4 * IND_MAX_BREAKS)
#define IND_PART_NOTES (8 + 8 * IND_MAX_BREAKS)
#define IND_PART_TABLES 2

/* A number of statistics.csv: its name ("level", "level_lo", "level_2"...), its value, its text in the report. */
struct ind_report_stat {
	char name[64];
	double value;
	char shown[IND_FMT_MAX];
};

/*
 * What the report says of one indicator of one region. The text is written
 * once for every language: the sentences are the formats of lib/report_text.c
 * in r->lang, filled with numbers as the report shows them, and every number
 * shown is recorded in stats under the name statistics.csv gives it. The page
 * (lib/report.c) writes the tables first, then the sentences as one paragraph,
 * then the caveats.
 */
struct ind_report_part {
	/* set by ind_report_part_init, borrowed */
	const struct ind_report *r;
	const struct ind_report_indicator *d;	/* NULL: the indicator has no [indicator] section */
	const char *region, *id;
	const char *name, *unit;	/* in r->lang: in Swedish the Finnish ones where no Swedish one is given */
	bool plural;
	/* the findings, in the order they were made */
	char sentences[IND_PART_SENTENCES][1024];
	int ns;
	char notes[IND_PART_NOTES][512];	/* caveats, each said once */
	int nn;
	struct ind_report_stat *stats;
	size_t nstats, stats_cap;
	struct ind_table tables[IND_PART_TABLES];	/* the compact tables: a label and one or two shown cells a row */
	int ntables;
};

/* Start the part of indicator id in region (strings borrowed); frees nothing: call ind_report_part_free after. */
void ind_report_part_init(struct ind_report_part *p, const struct ind_report *r, const char *region, const char *id);

/* Free the stats and the tables; p can then be initialised again. */
void ind_report_part_free(struct ind_report_part *p);

/*
 * The trend of series s without an interruption, on the periods the analyses
 * use (r->an's exclusions apply): a joinpoint regression where the indicator
 * asks for one and it fits, else the linear trend; its sentences, caveats and
 * compact table. chart (empty) gets the columns region, indicator, period,
 * value, fit (and jp_fit, jp_segment for joinpoints) and a row per point.
 */
void ind_report_part_trend(struct ind_report_part *p, const struct ind_series *s, struct ind_table *chart);

/*
 * The interrupted time series of s at the nat interruptions at (with their
 * labels, "" for none), against r->controls where there are any in set: the
 * change at each, how sure it is, the caveats, the compact tables. chart
 * (empty) gets the columns region, indicator, period, value, fit,
 * counterfactual, cf_lo, cf_hi, phase. -1 with err for a comparison value
 * that cannot be weighted (its file and line).
 */
int ind_report_part_its(struct ind_report_part *p, ind_series_set *set, const struct ind_series *s,
			const struct ind_period *at, char (*labels)[IND_EVENT_LABEL_MAX], size_t nat, struct ind_table *chart,
			struct ind_error *err);

#endif
