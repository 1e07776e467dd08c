/* fuzz_reader.c - the CSV reader with dialect sniffing, encodings, gzip and blocks, on arbitrary bytes; the
 * record scanner and libcsv (always_libcsv) must give the same records, lines, raw bytes and errors. See LICENSE. */
#define _GNU_SOURCE	/* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct out {
	char *s;
	size_t len, cap;
};

static void add(struct out *o, const void *p, size_t n)
{
	if (o->len + n > o->cap) {
		size_t cap = (o->len + n) * 2 + 64;
		char *s = realloc(o->s, cap);
		if (!s)
			abort();
		o->s = s;
		o->cap = cap;
	}
	if (n)
		memcpy(o->s + o->len, p, n);
	o->len += n;
}

static void add_row(struct out *o, int rc, const struct ind_row *row, const struct ind_error *err)
{
	char head[64];
	int n;
	if (rc == IND_READ_BAD || rc == IND_READ_FATAL) {
		add(o, err->msg, strlen(err->msg));
		n = snprintf(head, sizeof head, "@%ld\n", err->line);
		add(o, head, (size_t)n);
		if (rc == IND_READ_FATAL)
			return;
	}
	n = snprintf(head, sizeof head, "%ld+%ld:", row->line, row->lines);
	add(o, head, (size_t)n);
	add(o, row->raw, row->raw_len);
	for (size_t i = 0; rc == IND_READ_ROW && i < row->nfields; i++) {
		add(o, "|", 1);
		add(o, row->field[i], row->len[i]);
	}
	add(o, "\n", 1);
}

/* Every record of the in-memory file fd: a few directly, the rest in small blocks, as the parallel loader does. */
static struct out read_all(int fd, bool always_libcsv, enum ind_encoding enc)
{
	struct ind_reader_opts o;
	struct ind_error err;
	struct ind_row row;
	struct out out = { 0 };
	ind_reader *r;
	int rc = IND_READ_ROW;

	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
	ind_reader_opts_init(&o);
	o.always_libcsv = always_libcsv;
	o.encoding = enc;
	if (!(r = ind_reader_open_fd(dup(fd), "fuzz", &o, &err))) {
		add(&out, err.msg, strlen(err.msg));
		return out;
	}
	for (int k = 0; k < 3 && (rc = ind_reader_next(r, &row, &err)) != IND_READ_EOF && rc != IND_READ_FATAL; k++)
		add_row(&out, rc, &row, &err);
	while (rc != IND_READ_FATAL) {
		char *buf;
		size_t len;
		long first;
		ind_reader *b;
		int got = ind_reader_take_block(r, 64, &buf, &len, &first, &err);
		if (got < 0)
			add(&out, err.msg, strlen(err.msg));
		if (got <= 0)
			break;
		if ((b = ind_reader_open_block(r, buf, len, first, &err))) {
			while ((rc = ind_reader_next(b, &row, &err)) != IND_READ_EOF) {
				add_row(&out, rc, &row, &err);
				if (rc == IND_READ_FATAL)
					break;
			}
			ind_reader_close(b);
		}
		free(buf);
	}
	ind_reader_close(r);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an in-memory file: no disk in the loop */
	int fd = memfd_create("fuzz", 0);
	enum ind_encoding enc = size > 1 ? (enum ind_encoding)(data[1] % 3) : IND_ENC_AUTO;
	struct out fast, ref;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	fast = read_all(fd, false, enc);
	ref = read_all(fd, true, enc);
	if (fast.len != ref.len || (fast.len && memcmp(fast.s, ref.s, fast.len) != 0)) {
		fprintf(stderr, "the record scanner and libcsv disagree:\n--- scanner\n%.*s\n--- libcsv\n%.*s\n",
			(int)fast.len, fast.s, (int)ref.len, ref.s);
		abort();
	}
	free(fast.s);
	free(ref.s);
	close(fd);
	return 0;
}
