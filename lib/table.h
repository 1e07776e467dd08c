/* table.h - a whole CSV in memory: header and cells, for tools that need every row at once. See LICENSE. */
#ifndef IND_TABLE_H
#define IND_TABLE_H

#include <stddef.h>

#include "err.h"

/* Small tables (summaries, one indicator's series): rows are kept as owned strings. */
struct ind_table {
	size_t ncols, nrows, cap;
	char **head;
	char ***cell;	/* [row][col] */
	long *line;	/* the input line of each row */
	char *name;	/* the input's name for messages */
};

/* Read path ("-" for stdin) with the usual sniffing; -1 with err (a ragged row is an error here),
   and then t is left empty: nothing to free. */
int ind_table_read(const char *path, struct ind_table *t, struct ind_error *err);
/* Index of the column named name, or -1. */
int ind_table_col(const struct ind_table *t, const char *name);
/* Append a row of owned cells (ncols of them). */
void ind_table_add(struct ind_table *t, char **cells, long line);
void ind_table_free(struct ind_table *t);
/* A copy of s[0..n) as a string; exits on no memory. */
char *ind_strndup_or_die(const char *s, size_t n);

#endif
