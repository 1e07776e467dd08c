/* columns.c - header names and column specs. See LICENSE. */
#include "columns.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ind_header_init(struct ind_header *h, const struct ind_row *row, bool no_header)
{
	h->ncols = row->nfields;
	h->name = calloc(h->ncols ? h->ncols : 1, sizeof *h->name);
	h->raw = NULL;
	h->raw_len = 0;
	if (!h->name)
		return false;
	if (!no_header && row->raw) {
		if (!(h->raw = malloc(row->raw_len + 1)))
			return false;
		memcpy(h->raw, row->raw, row->raw_len);
		h->raw_len = row->raw_len;
	}
	for (size_t i = 0; i < h->ncols; i++) {
		char num[24];
		size_t n = row->len[i];
		const char *s = row->field[i];
		if (no_header) {
			n = (size_t)snprintf(num, sizeof num, "%zu", i + 1);
			s = num;
		}
		h->name[i] = malloc(n + 1);
		if (!h->name[i])
			return false;
		memcpy(h->name[i], s, n);
		h->name[i][n] = '\0';
	}
	return true;
}

void ind_header_free(struct ind_header *h)
{
	if (h->name)
		for (size_t i = 0; i < h->ncols; i++)
			free(h->name[i]);
	free(h->name);
	free(h->raw);
	h->name = NULL;
	h->raw = NULL;
	h->ncols = 0;
}

bool ind_header_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

int ind_column_resolve(const struct ind_header *h, const char *spec, const char *file, struct ind_error *err)
{
	char *end;
	long k;

	for (size_t i = 0; i < h->ncols; i++)
		if (ind_header_eq(h->name[i], spec))
			return (int)i;
	k = strtol(spec, &end, 10);
	if (*spec && !*end) {
		if (k >= 1 && (size_t)k <= h->ncols)
			return (int)k - 1;
		ind_error_set(err, file, 0, "column %ld: the input has %zu columns", k, h->ncols);
		return -1;
	}
	ind_error_set(err, file, 0, "no column '%s' in the header", spec);
	return -1;
}

int ind_column_guess(const struct ind_header *h, const char *const *words, const bool *taken, int *dup)
{
	*dup = -1;
	for (; *words; words++)
		for (size_t i = 0; i < h->ncols; i++) {
			if (taken[i] || !ind_header_eq(h->name[i], *words))
				continue;
			for (size_t j = i + 1; j < h->ncols; j++)
				if (!taken[j] && ind_header_eq(h->name[j], h->name[i])) {
					*dup = (int)j;
					break;
				}
			return (int)i;
		}
	return -1;
}
