/* record_dump.h - every record a reader hands out as one text (line, line count, raw bytes, fields, errors),
 * read directly and then in blocks as the parallel loader reads: for comparing two ways of reading. See LICENSE. */
#ifndef RECORD_DUMP_H
#define RECORD_DUMP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

struct rec_text {
	char *s;
	size_t len, cap;
};

/* Called with every record or refused row, when set. */
static void (*rec_row_hook)(const struct ind_row *row);

static void rec_add(struct rec_text *o, const void *p, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *s = realloc(o->s, cap);
		if (!s)
			abort();
		o->s = s;
		o->cap = cap;
	}
	if (n)
		memcpy(o->s + o->len, p, n);
	o->len += n;
	o->s[o->len] = '\0';
}

static void rec_add_row(struct rec_text *o, int rc, const struct ind_row *row, const struct ind_error *err)
{
	char head[64];
	int n;
	if (rc == IND_READ_BAD || rc == IND_READ_FATAL) {
		rec_add(o, err->msg, strlen(err->msg));
		n = snprintf(head, sizeof head, " @%ld\n", err->line);
		rec_add(o, head, (size_t)n);
		if (rc == IND_READ_FATAL)
			return;
	}
	if (rec_row_hook)
		rec_row_hook(row);
	n = snprintf(head, sizeof head, "%ld+%ld:", row->line, row->lines);
	rec_add(o, head, (size_t)n);
	rec_add(o, row->raw, row->raw_len);
	for (size_t i = 0; rc == IND_READ_ROW && i < row->nfields; i++) {
		rec_add(o, "|", 1);
		rec_add(o, row->field[i], row->len[i]);
	}
	rec_add(o, "\n", 1);
}

/* Every record of r: the first `direct` with ind_reader_next, the rest in blocks of `block` bytes (0: all direct). */
static void rec_read(struct rec_text *o, ind_reader *r, int direct, size_t block)
{
	struct ind_error err;
	struct ind_row row;
	int rc = IND_READ_ROW;

	for (int k = 0; (block == 0 || k < direct) && (rc = ind_reader_next(r, &row, &err)) != IND_READ_EOF; k++) {
		rec_add_row(o, rc, &row, &err);
		if (rc == IND_READ_FATAL)
			return;
	}
	while (block && rc != IND_READ_FATAL) {
		char *data;
		size_t len;
		long first;
		ind_reader *b;
		int got = ind_reader_take_block(r, block, &data, &len, &first, &err);
		if (got < 0)
			rec_add(o, err.msg, strlen(err.msg));
		if (got <= 0)
			break;
		if ((b = ind_reader_open_block(r, data, len, first, &err))) {
			while ((rc = ind_reader_next(b, &row, &err)) != IND_READ_EOF) {
				rec_add_row(o, rc, &row, &err);
				if (rc == IND_READ_FATAL)
					break;
			}
			ind_reader_close(b);
		}
		free(data);
	}
}

#endif
