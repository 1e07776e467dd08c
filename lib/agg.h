/* agg.h - event rows to indicators: measures, groups and mergeable partial aggregates. See LICENSE. */
#ifndef IND_AGG_H
#define IND_AGG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "period.h"

/*
 * A measure turns the rows of a group into one or more indicators:
 *   NAME=count                 rows per group
 *   NAME=share:COL=VALUE       percent of rows with COL equal to VALUE
 *   NAME=wait:FROM,TO          days from FROM to TO: mean, median, p90, within N days
 *   NAME=sum:COL, NAME=mean:COL
 *   NAME=quantile:COL          percentiles of a numeric column
 * Every state is exact (integers, and sums in fixed point of 1e-9), so
 * partial aggregates merge into exactly what one run over all rows gives.
 */
enum ind_measure_kind { IND_M_COUNT, IND_M_SHARE, IND_M_WAIT, IND_M_SUM, IND_M_MEAN, IND_M_QUANTILE };

#define IND_NAME_MAX 128

struct ind_measure {
	enum ind_measure_kind kind;
	char name[IND_NAME_MAX];
	char col1[IND_NAME_MAX], col2[IND_NAME_MAX];	/* column specs as given */
	char value[IND_NAME_MAX];			/* share: the value counted */
	char spec[3 * IND_NAME_MAX + 16];		/* the SPEC text after NAME= */
	int c1, c2;					/* resolved column indexes */
};

/* Parse NAME=SPEC; false with *why. */
bool ind_measure_parse(const char *arg, struct ind_measure *m, const char **why);

__extension__ typedef __int128 ind_fixed;	/* value * 1e9, exactly summable */
#define IND_FIXED_SCALE 1000000000

/* Canonical number text to fixed point (rounded at 1e-9); false when out of range. */
bool ind_fixed_from_text(const char *text, ind_fixed *out);
/* Exact decimal text of a fixed-point value. */
const char *ind_fixed_format(ind_fixed v, char buf[64]);

/* The longest wait two dates give: 0000-01-01 to 9999-12-31. */
#define IND_WAIT_MAX 3652424L
/* The most rows (or values) a state counts: 2^53, the largest whole number a double holds exactly. */
#define IND_COUNT_MAX 9007199254740992L
/*
 * A wait histogram counts waits of fewer than IND_HIST_DENSE days in a dense
 * array (8 bytes a day, from day 0 to the longest such wait seen, grown
 * while it has at most IND_HIST_DENSE_FREE days or at most two days a row)
 * and every other wait as a sparse (day, rows) pair. A state takes at most
 * 8 KiB (2 KiB, or 16 bytes a row, when that is more) plus at most 64 bytes
 * for each distinct wait kept sparse, whatever the waits: memory is bounded
 * by the work, and median, p90 and within-N stay exact.
 */
#define IND_HIST_DENSE 1024
#define IND_HIST_DENSE_FREE 256

struct ind_qval {
	ind_fixed v;
	long rows;
};

struct ind_mstate {
	long n;			/* rows (count, share, wait) or values (sum, mean) */
	long hits;		/* share */
	ind_fixed sum;		/* sum, mean; wait: total days */
	/*
	 * wait: one allocation (free(hist) frees it): rows for each day
	 * 0..hist_len-1, then nfar (day, rows) pairs for days >= hist_len
	 * (room for farcap), in order of day unless far_unsorted.
	 */
	long *hist;
	size_t hist_len, nfar, farcap;
	bool far_unsorted;
	/*
	 * quantile: the values (n rows, their sum in sum) as (value, rows),
	 * each value once and in order after a compaction; appended between
	 * compactions, at most twice as many entries as distinct values.
	 */
	struct ind_qval *vals;
	size_t nvals, valcap;
	bool vals_unsorted;
};

struct ind_group {
	char *region;
	struct ind_period period;
	struct ind_mstate *m;	/* one per measure */
};

typedef struct ind_agg ind_agg;

ind_agg *ind_agg_new(const struct ind_measure *ms, size_t nm);
void ind_agg_free(ind_agg *a);
/* The group for (region, period), made on first sight; NULL when out of memory. */
struct ind_group *ind_agg_group(ind_agg *a, const char *region, size_t rlen, const struct ind_period *p);
/*
 * count rows waiting days. false (s unchanged) when days is outside
 * 0..IND_WAIT_MAX, count < 1, s->n would pass IND_COUNT_MAX, or out of memory.
 */
bool ind_agg_wait_add(struct ind_mstate *s, long days, long count);
/* *acc += v; false (acc unchanged) when the sum would overflow. */
bool ind_fixed_add(ind_fixed *acc, ind_fixed v);
/*
 * into += from (same measures). -1 with err (file and line not set) when a
 * count would pass IND_COUNT_MAX or a sum overflow (into unchanged: every
 * group is checked first), or when out of memory (into may be half merged).
 */
int ind_agg_merge(ind_agg *into, const ind_agg *from, struct ind_error *err);
/* The period after p (year, quarter, month or ISO week; a day or a number stays as it is). */
void ind_agg_period_next(struct ind_period *p);
/* Sort groups by region, then period, for output. */
void ind_agg_sort(ind_agg *a);
size_t ind_agg_count(const ind_agg *a);
struct ind_group *ind_agg_at(ind_agg *a, size_t i);
const struct ind_measure *ind_agg_measures(const ind_agg *a, size_t *nm);

/*
 * The histogram readers put the sparse waits in order first (in place, no
 * allocation), hence the non-const states.
 */
/* The k-th smallest (0-based) waiting time in a histogram of n rows; -1 when k is not below n. */
long ind_hist_kth(struct ind_mstate *s, long k);
/* rows more rows of value v (n and sum are the caller's); false when out of memory. */
bool ind_agg_value_add(struct ind_mstate *s, ind_fixed v, long rows);
/* R's type 7 quantile num/den of the values (0 < num < den <= 1000); NaN when there are none. */
double ind_values_quantile(struct ind_mstate *s, long num, long den);
/* Rows waiting at most days. */
long ind_hist_within(struct ind_mstate *s, long days);
/* Median (midpoint of the two middle values for even n) and R's type 7 quantile num/den (0 < num < den <= 1000). */
double ind_hist_median(struct ind_mstate *s);
double ind_hist_quantile(struct ind_mstate *s, long num, long den);

/*
 * What else a partial file carries, so that --merge needs no option and
 * cannot mix shards made differently:
 *   settings  the options that change the result, as (key, canonical text)
 *             in a fixed order, e.g. ("by", "month"), ("within", "7,14");
 *             every file of a merge must have the same list
 *   shards    one identity per input aggregated (name, bytes, rows, first
 *             and last row's CRC-32): no shard may come twice in a merge
 *   table     the population rows (region, period, value) of --population,
 *             checked against the "population" setting, "CRC/ROWS"
 * Keys, values and identities: at most IND_SETTING_MAX bytes, no control
 * characters. The ind_agg copies what it is given.
 */
#define IND_SETTING_MAX 4096

struct ind_agg_setting {
	char *key, *value;
};

struct ind_agg_row {
	char *region, *period, *value;
};

/* Append a setting (several with one key are kept in order); -1 when out of memory or too long. */
int ind_agg_setting_add(ind_agg *a, const char *key, const char *value);
/* The first value of key, or NULL. */
const char *ind_agg_setting(const ind_agg *a, const char *key);
size_t ind_agg_settings(const ind_agg *a, const struct ind_agg_setting **s);
/* A shard identity, read from partial file from (or NULL); 1 when it is there already, -1 when out of memory or too long. */
int ind_agg_shard_add(ind_agg *a, const char *id, const char *from);
/* A population row; -1 when out of memory or too long. */
int ind_agg_table_add(ind_agg *a, const char *region, const char *period, const char *value);
size_t ind_agg_table(const ind_agg *a, const struct ind_agg_row **rows);
/* CRC-32 (zlib's) of n bytes after crc (start with 0). */
unsigned long ind_agg_crc(unsigned long crc, const char *s, size_t n);
/* "CRC/ROWS" of the table rows in order (the "population" setting). */
void ind_agg_table_checksum(const ind_agg *a, char buf[32]);

/*
 * Lists of --within days ("7,14,30,90": 0 to IND_WAIT_MAX, at most max) and
 * of --percentiles ("25,50,97.5", above 0 and below 100 with at most one
 * decimal, in tenths: 975; none twice). NULL, or why not (static text).
 */
const char *ind_agg_parse_within(const char *list, long *days, int *n, int max);
const char *ind_agg_parse_percentiles(const char *list, long *tenths, int *n, int max);
/* "by" setting text to a kind: week, month, quarter, year; false for anything else. */
bool ind_agg_parse_by(const char *s, enum ind_period_kind *by);

/* Partial aggregates: CSV region,period,measure,spec,n,hits,sum,hist. */
int ind_agg_write_partial(ind_agg *a, FILE *fp);
/*
 * Read a partial file into *a (made from the file's measures when NULL).
 * The file is untrusted: every field is checked (numbers in range, the
 * histogram in order of day and adding up to n and sum, every period of the
 * "by" setting's kind, month without one, and inside "from".."to") before it
 * counts, and a file counts whole or not at all. A later file must have the
 * measures and settings of the first (the first difference is named, with
 * both files) and no shard already read. -1 with err (file:line: why).
 */
int ind_agg_read_partial(ind_agg **a, const char *path, struct ind_error *err);

#endif
