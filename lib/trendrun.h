/* trendrun.h - what ind-trend does with its options: --aapc ranges, each series' statistics and warnings. See LICENSE. */
#ifndef IND_TRENDRUN_H
#define IND_TRENDRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "joinpoint.h"
#include "notes.h"
#include "progress.h"
#include "series.h"
#include "trend.h"
#include "trendout.h"
#include "writer.h"

/* ind-trend's options, as the series need them. */
struct ind_trend_run {
	bool summary, strict, sorted;
	struct ind_progress *progress;	/* the progress line, or NULL: none */
	enum ind_duplicates duplicates;
	int joinpoints;
	enum ind_jp_weights weights;
	struct ind_jp_opts jp;
	char range_name[IND_JP_RANGES][IND_TREND_RANGE_NAME_MAX];
	struct ind_trend_opts trend;
	struct ind_trend_columns cols;	/* from the options above (ind_trend_run_columns) */
};

/* What the series had, for the closing words and the exit status. */
struct ind_trend_tally {
	long short_series, constant, nonpositive, missing, mixed;
};

/*
 * --aapc FROM..TO: the range and its column name (the periods with every
 * byte but [A-Za-z0-9] made '_', the dots one '_') added to o. false, with
 * *why the message for ind_usage_error (malloc'd; NULL when out of
 * memory), when it is not two periods FROM before TO or o has
 * IND_JP_RANGES already.
 */
bool ind_trend_range_add(struct ind_trend_run *o, const char *arg, char **why);

/* o->cols and o->jp.kmax from the other options, once they are all read. */
void ind_trend_run_columns(struct ind_trend_run *o);

/*
 * The statistics of series s (sorted, its duplicates settled): with fits,
 * the fits of its rows into fits (indexed by row, NaN where there is
 * none); else its summary row into ln. Counts go to tally, the warnings to
 * notes (zeroed first; free them with ind_trend_notes_free). -1, with
 * notes->fatal, when out of memory.
 */
int ind_trend_series(const ind_series_set *set, const struct ind_series *s, const struct ind_trend_run *o,
		     struct ind_line *ln, double (*fits)[IND_TREND_NFIT], struct ind_trend_tally *tally,
		     struct ind_trend_notes *notes);

/*
 * ind-trend over its inputs: the rows read (series by series while those
 * of each series come together, see ind_series_stream), the duplicates
 * settled, each series' statistics, the output (the summary, or every
 * input row with its fits) to output, the messages on stderr in their
 * usual order and the closing words; progress is ended before anything
 * held back is said. Returns the exit status.
 */
int ind_trend_run_inputs(const struct ind_trend_run *o, const char *const *inputs, int ninputs, const char *output,
			 const char *rejects_path, const char *reject_log, struct ind_progress *progress);

#endif
