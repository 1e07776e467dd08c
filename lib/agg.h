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
 * Every state is exact (integers, and sums in fixed point of 1e-9), so
 * partial aggregates merge into exactly what one run over all rows gives.
 */
enum ind_measure_kind { IND_M_COUNT, IND_M_SHARE, IND_M_WAIT, IND_M_SUM, IND_M_MEAN };

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

struct ind_mstate {
	long n;			/* rows (count, share, wait) or values (sum, mean) */
	long hits;		/* share */
	ind_fixed sum;		/* sum, mean; wait: total days */
	long *hist;		/* wait: rows per day of waiting, 0..hist_len-1 */
	size_t hist_len;
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
bool ind_agg_wait_add(struct ind_mstate *s, long days, long count);
/* into += from (same measures). false when out of memory. */
bool ind_agg_merge(ind_agg *into, const ind_agg *from);
/* Sort groups by region, then period, for output. */
void ind_agg_sort(ind_agg *a);
size_t ind_agg_count(const ind_agg *a);
struct ind_group *ind_agg_at(ind_agg *a, size_t i);
const struct ind_measure *ind_agg_measures(const ind_agg *a, size_t *nm);

/* The k-th smallest (0-based) waiting time in a histogram of n rows. */
long ind_hist_kth(const struct ind_mstate *s, long k);
/* Median (midpoint of the two middle values for even n) and R's type 7 quantile num/den. */
double ind_hist_median(const struct ind_mstate *s);
double ind_hist_quantile(const struct ind_mstate *s, long num, long den);

/* Partial aggregates: CSV region,period,measure,spec,n,hits,sum,hist. */
int ind_agg_write_partial(ind_agg *a, FILE *fp);
/* Read a partial file into *a (made from the file's measures when NULL). -1 with err. */
int ind_agg_read_partial(ind_agg **a, const char *path, struct ind_error *err);

#endif
