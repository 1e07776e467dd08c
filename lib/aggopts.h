/* aggopts.h - ind-agg's options: the help text, the checks between options, the settings they make. See LICENSE. */
#ifndef IND_AGGOPTS_H
#define IND_AGGOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "aggrun.h"
#include "progress.h"
#include "reader.h"

/* The --help text of ind-agg, to fp. */
void ind_agg_usage(FILE *fp);

/* What ind-agg's options say, as main's getopt loop fills it in. */
struct ind_agg_args {
	struct ind_agg_config c;
	struct ind_reader_opts ro;
	const char *output, *rejects_path, *reject_log, *map_path, *pop_path;
	const char *from_arg, *to_arg, *names_arg, *class_path;
	bool partial, merge, within_given, pct_given, level_given;
	int threads;
	size_t block_size;
	enum ind_progress_mode progress;
	const char *const *inputs;	/* set by ind_agg_check: the operands, or "-" */
	int ninputs;
};

/* Defaults: --by month, no columns yet, one thread per CPU, 1 MiB blocks, progress by the terminal. */
void ind_agg_args_init(struct ind_agg_args *a);

/*
 * Arguments of single options into c; -1 after refuse with the message:
 * --measure NAME=SPEC (at most IND_AGG_MAX_MEASURES, names unique),
 * --where COL=VALUE, --per N (a positive number).
 */
int ind_agg_measure_arg(struct ind_agg_config *c, const char *arg, ind_agg_refuse *refuse);
int ind_agg_where_arg(struct ind_agg_config *c, const char *arg, ind_agg_refuse *refuse);
int ind_agg_per_arg(struct ind_agg_config *c, const char *arg, ind_agg_refuse *refuse);

/*
 * After the options, in the order ind-agg has always made them: the default
 * --within and --percentiles, --from and --to as periods of --by, and the
 * options that do not go together; sets a->inputs over the operands (none:
 * standard input). The first problem gets refuse, then -1; 0 when all is well.
 */
int ind_agg_check(struct ind_agg_args *a, const char *const *operands, int noperands, ind_agg_refuse *refuse);

/*
 * Then what the options read: --classification, --map, --population, into
 * a->c. -1 with err to say as it is; -2 with err's line and message for a
 * problem of the population table's own (say it with a->pop_path). 0 when
 * all is well. ind_agg_config_free(&a->c) frees what was read.
 */
int ind_agg_settle(struct ind_agg_args *a, struct ind_error *err);

#endif
