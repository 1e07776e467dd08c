/* sumto.h - canonical records of municipalities summed into the cells of a coarser region. See LICENSE. */
#ifndef IND_SUMTO_H
#define IND_SUMTO_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "load.h"
#include "writer.h"

/*
 * ind-load --sum-to: the records of one region (after --region-level),
 * indicator (with its dimensions), period and unit are one cell. A cell of
 * rows with numerator and denominator sums both and writes the value as
 * the summed numerator over the summed denominator times the scale that
 * every row shows (1, 10, ..., 100000: value = scale * numerator /
 * denominator, within the rounding of the value's decimals); a cell of
 * value-only rows sums the values, which must be counts (a count unit, or
 * the caller says so). Sums are exact (fixed point, 9 decimals), so blocks
 * summed apart and merged in input order give the same bytes as one pass.
 * Memory grows with the number of cells, not of rows. A cell with a
 * missing value (numerator, denominator) is written with that field empty:
 * a sum over a missing row is no sum.
 */
typedef struct ind_sum ind_sum;

ind_sum *ind_sum_new(void);
void ind_sum_free(ind_sum *s);

/*
 * Add a record of input number file (0, 1, ...; named fname in messages)
 * whose input has the columns cols (IND_COL_*); region_key is the region
 * its label names before mapping (ind_region_label_key; -1: none), and one
 * twice in a cell is refused by ind_sum_check. counts: value-only rows
 * with no unit, or a unit that is no known count, are counts. -1 with err
 * ("FILE:LINE: why") when the row cannot be summed: a rate or share
 * without numerator and denominator, a value that is no numerator /
 * denominator at any scale, a number with more than 9 decimals, or out of
 * memory.
 */
int ind_sum_add(ind_sum *s, const struct ind_record *r, int region_key, unsigned cols, bool counts, int file,
		const char *fname, struct ind_error *err);

/* Move from's cells into into (from is emptied), from coming after into in the input. -1 when out of memory. */
int ind_sum_merge(ind_sum *into, ind_sum *from);

/*
 * After the last record: the first row, in input order, at which a cell
 * cannot be summed (rows with and without numerator and denominator, no
 * one scale for every row, a sum out of range, a region twice: reported at
 * the cell's first row, naming the smallest such key), as -1 with err; names
 * holds each input's name by number. 0 when every cell can be written.
 */
int ind_sum_check(const ind_sum *s, const char *const *names, struct ind_error *err);

size_t ind_sum_count(const ind_sum *s);
/*
 * Cell i (in the order of the rows that started them) as a canonical line
 * with the columns of cols; true when its value is written empty.
 */
bool ind_sum_line(const ind_sum *s, size_t i, unsigned cols, struct ind_line *ln);

/* A unit that is a count (lkm, kpl, henkilöä, count, persons, ...); a rate unit ('%', 'per 1000') is none. */
bool ind_sum_count_unit(const char *unit, size_t n);

#endif
