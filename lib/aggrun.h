/* aggrun.h - what ind-agg does with its options: rows into groups, blocks, indicators, partial-file settings. See LICENSE. */
#ifndef IND_AGGRUN_H
#define IND_AGGRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "agg.h"
#include "err.h"
#include "period.h"
#include "progress.h"
#include "reader.h"
#include "regions.h"
#include "rejects.h"
#include "strmap.h"

#define IND_AGG_MAX_MEASURES 32
#define IND_AGG_MAX_WHERE 16
#define IND_AGG_MAX_WITHIN 16
#define IND_AGG_MAX_PCT 16

struct ind_agg_where {
	char col[IND_NAME_MAX], value[IND_NAME_MAX];
	int c;
};

struct ind_agg_config {
	const char *region_spec, *municipality_spec, *date_spec;
	enum ind_period_kind by;
	struct ind_measure ms[IND_AGG_MAX_MEASURES];
	size_t nm;
	struct ind_agg_where where[IND_AGG_MAX_WHERE];
	int nwhere;
	long within[IND_AGG_MAX_WITHIN];
	int nwithin;
	long pct[IND_AGG_MAX_PCT];	/* percentiles in tenths: 900 is p90 */
	int npct;
	struct ind_period from, to;
	bool has_from, has_to;
	ind_codemap *map;			/* --map (with valid_from and valid_to, or not) */
	ind_strmap *population;
	const ind_classification *classes;	/* --region-level */
	enum ind_region_level level;
	enum ind_region_names names;
	enum ind_bare_codes bare;	/* what codes of one or two digits in the --municipality column are */
	ind_agg *poptab;	/* the --population rows in file order, for partial files */
	unsigned long map_crc, class_crc;	/* CRC-32 of --map's and --classification's records */
	const char *per_text;
	double per;
	int c_region, c_municipality, c_date;
	size_t ncols;
	const ind_reader *parent;	/* for block readers */
};

struct ind_agg_block {
	ind_agg *agg;
	struct ind_reject_list rejects;
	long rows, filtered, outside;
	bool first_coarse;	/* the block's first row has a date coarser than --by */
	long long bytes;	/* of its records as read */
	unsigned long first_crc, last_crc;	/* of its first and last row */
	char first_date[48];	/* that date, for the message */
	bool fatal;
	bool stop;	/* a sum out of range (in fatal_err): the run stops */
	struct ind_error fatal_err;
};

struct ind_agg_run {
	const struct ind_agg_config *cfg;
	ind_agg *total;
	ind_rejects *rejects;
	long rows, filtered, outside;
	bool failed;
	bool first_block;	/* the next block emitted is an input's first */
	long long shard_bytes;	/* this input's identity: bytes and rows read, first and last row's CRC */
	long shard_rows;
	unsigned long shard_first, shard_last;
	bool coarse;		/* an input's first date is coarser than --by: a usage error */
	char coarse_date[48];
	bool stopped;		/* emit refused a block: stop_err says why */
	struct ind_error stop_err;
	struct ind_progress *progress;	/* NULL: none; else reader is the input being read */
	const ind_reader *reader;
	long long taken;	/* bytes of this input's blocks emitted */
};

/* Field c of row is exactly value (false when the row is too short). */
bool ind_agg_field_is(const struct ind_row *row, int c, const char *value);
/* The --by period a day (days since 1970-01-01) falls in. */
struct ind_period ind_agg_period_of(long days, enum ind_period_kind by);
/* "a year", "an ISO week", ... for messages. */
const char *ind_agg_kind_word(enum ind_period_kind k);
/* The --by word of a kind: year, quarter, week; month for the rest. */
const char *ind_agg_by_word(enum ind_period_kind k);

enum ind_agg_cell { IND_AGG_CELL_OK, IND_AGG_CELL_BAD, IND_AGG_CELL_COARSE };

/*
 * The period of a date cell: a date (YYYY-MM-DD, D.M.YYYY) falls in its
 * --by period; a period spelling (2021, 2021-Q3, 2021-03, 2021M03, 2021-W05,
 * ...) is taken when it lies inside one --by period. IND_AGG_CELL_COARSE when
 * the cell is a coarser period than --by (a year under --by month), or a week
 * under anything but --by week (a week straddles months and years).
 * IND_AGG_CELL_BAD with *why the date's reason.
 */
enum ind_agg_cell ind_agg_cell_period(enum ind_period_kind by, const char *s, size_t n, struct ind_period *out,
				      const char **why);

/*
 * One row into agg; false (err filled) when the row cannot be used. A
 * usable row that --where leaves out sets *left_out to 1 (2: outside
 * --from/--to) and counts nowhere: rows are checked first, so a broken row
 * is a reject, not "left out". *coarse: the date is a coarser period than
 * --by. A sum past the fixed-point range sets *stop: the run cannot go on.
 * c's columns are resolved, c->parent is the input's reader.
 */
bool ind_agg_add_row(const struct ind_agg_config *c, ind_agg *agg, const struct ind_row *row, const char *file,
		     struct ind_error *err, int *left_out, bool *stop, bool *coarse);

/*
 * An input's header row: its columns for c (the first missing one fails,
 * -1 with err), the rejects file's header, and run's shard identity begun.
 * r stays c->parent for the blocks.
 */
int ind_agg_input_header(struct ind_agg_run *run, struct ind_agg_config *c, const ind_reader *r,
			 const struct ind_row *row, struct ind_error *err);
/* What c owns: --map, --population, --region-level's classification. */
void ind_agg_config_free(struct ind_agg_config *c);

/*
 * The ind_blocks_run functions over a struct ind_agg_run (ctx): work reads
 * one block into a struct ind_agg_block, emit merges it into run->total in
 * input order, passes on its rejects and counts, and refuses (-1) once the
 * run has stopped.
 */
void *ind_agg_block_work(void *ctx, const char *buf, size_t len, long first_line);
int ind_agg_block_emit(void *ctx, void *result);
/* The progress line after each block: run->progress's bytes and rows. */
void ind_agg_block_emitted(void *ctx, long long bytes);

/*
 * --population: the table as ind-agg reads it (lib/population.c: columns
 * found in any case) into *population (region \037 period -> population)
 * and its rows in file order into rows' table; *crc the CRC-32 of the
 * records as read. -1 with err from the reader, -2 with err's line and
 * message for a problem of the table's own (the caller says it at path).
 */
int ind_agg_read_population(const char *path, ind_agg *rows, ind_strmap **population, unsigned long *crc,
			    struct ind_error *err);

/* What writing the indicators met, for the warnings after. */
struct ind_agg_tally {
	long no_population, no_values, no_events, filled;
};

/* The population of a group from c->population: its own period's, else its year's; NULL when there is none. */
const char *ind_agg_population_of(const struct ind_agg_config *c, const struct ind_group *g);
/* The suffix of a percentile in tenths: 500 is _median, 900 _p90, 975 _p97.5. */
void ind_agg_pct_suffix(long tenths, char *buf, size_t size);
/*
 * The canonical stream of agg's groups (sorted here), one row per indicator.
 * Every region gets every period from the first to the last (of the input,
 * or --from/--to), so that a series has no silent gaps; t counts what was
 * filled or left empty.
 */
void ind_agg_write_indicators(const struct ind_agg_config *c, ind_agg *agg, FILE *fp, struct ind_agg_tally *t);

/* The CRC-32 of a file's bytes (1 when it cannot be read again: still not the built-in table's 0). */
unsigned long ind_agg_file_crc(const char *path);
/* The identity of the input just read (name without directories, run's bytes, rows, first and last row's CRC-32) as a shard of a. */
void ind_agg_add_shard(ind_agg *a, const char *name, const struct ind_agg_run *run);
/* Every option of c that changes the result, in a fixed order, as settings of a: --merge takes them from there. */
void ind_agg_record_settings(const struct ind_agg_config *c, ind_agg *a);
/*
 * --merge: c takes the options of the partial files in a (already checked
 * when read). An option given here that disagrees with them is refused:
 * refuse gets the message (ind_usage_error does not return), then -1.
 * Files without settings (older ind-agg) keep the options given here.
 */
int ind_agg_take_settings(struct ind_agg_config *c, ind_agg *a, bool within_given, bool pct_given, bool window_given,
			  void (*refuse)(const char *fmt, ...) __attribute__((format(printf, 1, 2))));

/* refuse: gets a usage message (ind_usage_error in the tool, which does not return). */
typedef void ind_agg_refuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Every input (not --merge) through the blocks into run->total (made here),
 * run->cfg being c: an input that cannot be opened or is empty is said and
 * counted (run->failed), the next one read; a sum out of range stops the
 * run (run->stopped). With --partial each input's shard identity goes into
 * run->total. run->progress (NULL: none) gets the bytes of the inputs' total
 * and the rows. -1 with err when an input's header lacks a column (the
 * tool says err and exits 1); else 0.
 */
int ind_agg_read_inputs(struct ind_agg_run *run, struct ind_agg_config *c, const char *const *inputs, int n,
			const struct ind_reader_opts *ro, int threads, size_t block_size, bool partial,
			struct ind_error *err);

/*
 * --merge: the partial files into run->total (one that cannot be read is
 * said and counted), then c takes their settings (ind_agg_take_settings).
 */
void ind_agg_merge_inputs(struct ind_agg_run *run, struct ind_agg_config *c, const char *const *inputs, int n,
			  bool within_given, bool pct_given, bool window_given, ind_agg_refuse *refuse);

/* run->coarse: the usage message of a date column coarser than --by (a week column: its own), to refuse. */
void ind_agg_refuse_coarse(const struct ind_agg_run *run, const struct ind_agg_config *c, ind_agg_refuse *refuse);

/*
 * The end of a run: nothing written after a stop (its counts said); else
 * the partial file (--partial) or the indicators to output (NULL: stdout),
 * what writing met and the counts said, the rejects file and the output
 * closed. Frees run->total and c's tables. Returns the exit status.
 */
int ind_agg_finish(struct ind_agg_run *run, struct ind_agg_config *c, const char *output, bool partial, bool merge);

#endif
