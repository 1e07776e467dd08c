/* population.h - the population table of ind-agg --population and ind-compare --population. See LICENSE. */
#ifndef IND_POPULATION_H
#define IND_POPULATION_H

#include <stddef.h>

#include "err.h"
#include "period.h"

/*
 * A population table is a CSV with the columns region, period and
 * population, in any order among others: one row per (region, period), a
 * year's row covering its quarters, months, weeks and days. Both tools read
 * it by the same rules: the period as the loader reads periods, the
 * population a positive number (digit groups as in "1 234 567" allowed), a
 * (region, period) given once, each problem said at its FILE:LINE. Where the
 * two have always read it differently, each keeps its own reading:
 *
 *                        IND_POPULATION_AGG           IND_POPULATION_COMPARE
 *   the columns          named in any case            named exactly so
 *   the decimal mark     the one the reader found     '.'
 *   an empty file        an empty table               an error
 *   a malformed row,     said where it stands,        said before any other problem
 *   a reader's error     the rows before it checked   (the file was read whole first)
 *   one period           the same canonical text      ind_period_cmp 0 (numeric -0 is 0)
 *   the messages         "period: WHY",               "period '2021M03': WHY",
 *                        "... in 2021-03 ..."         "... in 2021M03 ..." (as written)
 */
enum ind_population_reading { IND_POPULATION_AGG, IND_POPULATION_COMPARE };

/* One row of the table, as checked. */
struct ind_population_row {
	char *region;
	struct ind_period period;
	char period_text[IND_PERIOD_TEXT_MAX];	/* canonical (ind_period_format) */
	double value;
	char *text;	/* the population in canonical text (lib/num.c): every digit as written, for exact rates */
	long line;
};

typedef struct ind_population ind_population;

/*
 * What a reader of the table may do besides, both optional: record sees
 * every record's bytes as read (the header's too), row each row once it is
 * checked, in file order. A row refused (non-zero, with err's message) is
 * that row's problem: the reading stops there.
 */
struct ind_population_hooks {
	void (*record)(void *ctx, const char *raw, size_t len);
	int (*row)(void *ctx, const struct ind_population_row *row, struct ind_error *err);
	void *ctx;
};

/*
 * Read path ("-": standard input) by the rules of how into *pop (NULL on
 * failure); hooks may be NULL. 0; -1 with the reader's error (which names
 * the file); -2 with err for a problem of the table's own: its line (0 for
 * an empty file) and message, and for its file path, or the reader's name
 * for a malformed row or an empty file.
 */
int ind_population_load(const char *path, enum ind_population_reading how, const struct ind_population_hooks *hooks,
			ind_population **pop, struct ind_error *err);
void ind_population_free(ind_population *pop);

/* The rows in file order: count, and the i-th (valid while pop lives). */
size_t ind_population_count(const ind_population *pop);
const struct ind_population_row *ind_population_at(const ind_population *pop, size_t i);
/* The row of region in period p: that period's own, else its year's; NULL when neither is there, or pop is NULL. */
const struct ind_population_row *ind_population_find(const ind_population *pop, const char *region,
						     const struct ind_period *p);

#endif
