/* loadopts.h - ind-load's options: the help text, the checks between options, the settings they make. See LICENSE. */
#ifndef IND_LOADOPTS_H
#define IND_LOADOPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "load.h"
#include "loadrun.h"
#include "progress.h"
#include "regions.h"

/* The --help text of ind-load, to fp. */
void ind_load_usage(FILE *fp);

/*
 * What ind-load's options say, as main's getopt loop fills it in; the
 * checks and settings below turn it into o and job for ind_load_files.
 */
struct ind_load_args {
	struct ind_load_opts o;
	struct ind_load_region region;		/* --region-level, --region-names, --classification */
	const char *class_path, *meta_dir, *map_path, *imap_path;
	bool level_given, names_given, sum_given, sum_values;
	enum ind_region_level sum_level;	/* --sum-to */
	const char *output, *rejects_path, *reject_log;
	ind_strmap *regions, *indicators;	/* --regions, --indicators */
	struct ind_where *where;		/* --where: room for one per argument */
	const char **ignore;			/* --ignore */
	size_t nwhere, nignore;
	bool strict, verbose;
	int threads;
	size_t block_size;
	enum ind_progress_mode progress;
	/* made by the calls below, freed by ind_load_args_free */
	ind_classification *own_classes;
	ind_codemap *region_map, *indicator_map;
	struct ind_load_job job;
};

/* Defaults, and room for the --where and --ignore of argc arguments. -1 when out of memory. */
int ind_load_args_init(struct ind_load_args *a, int argc);
void ind_load_args_free(struct ind_load_args *a);

/* --from (end false) or --to (end true): *t the start or the end of the period; NULL, or why not (static text). */
const char *ind_load_period_bound(const char *arg, bool end, double *t);

/* --regions, --indicators: the comma-separated names of arg added to *m (made on first use). false: out of memory. */
bool ind_load_list_arg(ind_strmap **m, const char *arg);

/*
 * The options that do not go together, in the order ind-load has always
 * checked them, over the operands (none: standard input): the first gets
 * refuse (ind_usage_error, which does not return), then -1. Sets
 * job.inputs and the region level that --sum-to implies. 0 when all is well.
 */
int ind_load_check(struct ind_load_args *a, const char *const *operands, int noperands,
		   void (*refuse)(const char *fmt, ...) __attribute__((format(printf, 1, 2))));

/*
 * Then the settings, in that order: --classification read (-1 with err), the
 * check of --sotkanet-meta against the maps (refuse, then IND_EXIT_USAGE),
 * the code maps read (ind_load_maps says what is wrong: IND_EXIT_DATA), and
 * o and job filled for ind_load_files. 0 when all is well.
 */
int ind_load_settle(struct ind_load_args *a, struct ind_error *err,
		    void (*refuse)(const char *fmt, ...) __attribute__((format(printf, 1, 2))));

#endif
