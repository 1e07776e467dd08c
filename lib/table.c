/* table.c - read a CSV whole. See LICENSE. */
#include "table.h"

#include <stdlib.h>
#include <string.h>

#include "reader.h"

char *ind_strndup_or_die(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (!d)
		ind_die(IND_EXIT_DATA, "out of memory");
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void ind_table_add(struct ind_table *t, char **cells, long line)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		char ***c = realloc(t->cell, cap * sizeof *c);
		long *l = realloc(t->line, cap * sizeof *l);
		if (c)
			t->cell = c;
		if (l)
			t->line = l;
		if (!c || !l)
			ind_die(IND_EXIT_DATA, "out of memory");
		t->cap = cap;
	}
	t->line[t->nrows] = line;
	t->cell[t->nrows++] = cells;
}

int ind_table_col(const struct ind_table *t, const char *name)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (strcmp(t->head[i], name) == 0)
			return (int)i;
	return -1;
}

int ind_table_read(const char *path, struct ind_table *t, struct ind_error *err)
{
	struct ind_reader_opts o;
	struct ind_row row;
	ind_reader *r;
	int rc;

	memset(t, 0, sizeof *t);
	ind_reader_opts_init(&o);
	if (!(r = ind_reader_open(path, &o, err)))
		return -1;
	t->name = ind_strndup_or_die(ind_reader_name(r), strlen(ind_reader_name(r)));
	while ((rc = ind_reader_next(r, &row, err)) != IND_READ_EOF) {
		char **cells;
		if (rc < 0)
			break;
		if (!t->head) {
			t->ncols = row.nfields;
			if (!(t->head = calloc(t->ncols, sizeof *t->head)))
				ind_die(IND_EXIT_DATA, "out of memory");
			for (size_t i = 0; i < t->ncols; i++)
				t->head[i] = ind_strndup_or_die(row.field[i], row.len[i]);
			continue;
		}
		if (row.nfields != t->ncols) {
			ind_error_set(err, ind_reader_name(r), row.line, "row has %zu fields where the header has %zu",
				      row.nfields, t->ncols);
			rc = -1;
			break;
		}
		if (!(cells = calloc(t->ncols, sizeof *cells)))
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < t->ncols; i++)
			cells[i] = ind_strndup_or_die(row.field[i], row.len[i]);
		ind_table_add(t, cells, row.line);
	}
	if (rc == IND_READ_EOF && !t->head) {
		ind_error_set(err, ind_reader_name(r), 0, "empty input: no header row");
		rc = -1;
	}
	ind_reader_close(r);
	if (rc != IND_READ_EOF) {
		ind_table_free(t);	/* nothing half-read is left to the caller */
		return -1;
	}
	return 0;
}

void ind_table_free(struct ind_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->cell[r][c]);
		free(t->cell[r]);
	}
	for (size_t c = 0; c < t->ncols; c++)
		free(t->head[c]);
	free(t->head);
	free(t->cell);
	free(t->line);
	free(t->name);
	memset(t, 0, sizeof *t);
}
