/* comparerun.h - ind-compare's options that go together, each series' analysis and warnings, the run over the inputs. See LICENSE. */
#ifndef IND_COMPARERUN_H
#define IND_COMPARERUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "analysis.h"
#include "did.h"
#include "events.h"
#include "notes.h"
#include "progress.h"
#include "series.h"
#include "strmap.h"

/* ind-compare's options. */
struct ind_compare_run {
	bool summary, sorted;
	struct ind_period at[IND_MAX_BREAKS];
	size_t nat;
	enum ind_duplicates duplicates;
	struct ind_analysis_opts an;
	ind_events *events;
	ind_strmap *controls;
	const char *control_args[IND_MAX_EXCLUDE];	/* the --control lists as given, for checking */
	int ncontrol_args;
	ind_population *pop;			/* read from population_path by ind_compare_run_inputs */
	/* options that go with others: --placebo, --placebo-min, the --power and the --control group */
	bool placebo, power_opts, did_opts;
	long placebo_min;
	const char *population_path;
};

/* The --help text of ind-compare, to fp. */
void ind_compare_usage(FILE *fp);

/*
 * The options that go only with others, or not with others, checked once
 * all are read, and what follows from them set (--placebo's periods, the
 * placebo rows, the seed of --sims). NULL, or the message for
 * ind_usage_error (a literal or buf, n bytes, filled).
 */
const char *ind_compare_run_check(struct ind_compare_run *o, char *buf, size_t n);

/*
 * One series analysed, for its output: the interruptions it was given
 * (with the labels of --events), the analysis and, without --summary, each
 * row's fit. Free with ind_compare_result_free.
 */
struct ind_compare_result {
	struct ind_period at[IND_MAX_BREAKS];
	char label[IND_MAX_BREAKS][IND_EVENT_LABEL_MAX];
	size_t nat;			/* 0: none (or more than IND_MAX_BREAKS, refused) */
	bool no_event;			/* --events has none for the series and there is no --at */
	bool failed;			/* an error, not a warning: the exit status is 1 */
	struct ind_analysis *a;
	struct ind_point_fit *pf;	/* s->n entries without --summary, else NULL */
};

/*
 * The analysis of series s (sorted, its duplicates settled) into r, and
 * its warnings into notes (zeroed first; free them with
 * ind_trend_notes_free) in the order ind-compare says them: too many
 * interruptions, what the analysis could not compute, a comparison value
 * that could not be weighed (at its file and line). -1, with
 * notes->fatal, when out of memory.
 */
int ind_compare_series(ind_series_set *set, const struct ind_series *s, const struct ind_compare_run *o,
		       struct ind_compare_result *r, struct ind_trend_notes *notes);

/* Free what ind_compare_series allocated in r. */
void ind_compare_result_free(struct ind_compare_result *r);

/*
 * ind-compare over its inputs: the --population table read, the rows read
 * (series by series while those of each series come together and there is
 * no --control, see ind_series_stream), the duplicates settled, the
 * comparison regions checked, each series analysed, the output (summary
 * rows, or every input row with its fits and the placebo rows) to output,
 * the messages on stderr in their usual order and the closing words, with
 * a progress line as progress_mode says (ended before anything held back
 * is said). Frees what o holds (events, controls, population). Returns
 * the exit status.
 */
int ind_compare_run_inputs(struct ind_compare_run *o, const char *const *inputs, int ninputs, const char *output,
			   const char *rejects_path, const char *reject_log, enum ind_progress_mode progress_mode);

#endif
