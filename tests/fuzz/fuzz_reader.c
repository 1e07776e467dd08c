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
#include "../unit/record_dump.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every record of the in-memory file fd: a few directly, the rest in small blocks, as the parallel loader does. */
static struct rec_text read_all(int fd, bool always_libcsv, enum ind_encoding enc)
{
	struct ind_reader_opts o;
	struct ind_error err;
	struct rec_text out = { 0 };
	ind_reader *r;

	if (lseek(fd, 0, SEEK_SET) != 0)
		abort();
	ind_reader_opts_init(&o);
	o.always_libcsv = always_libcsv;
	o.encoding = enc;
	rec_add(&out, "", 0);
	if (!(r = ind_reader_open_fd(dup(fd), "fuzz", &o, &err))) {
		rec_add(&out, err.msg, strlen(err.msg));
		return out;
	}
	rec_read(&out, r, 3, 64);
	ind_reader_close(r);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an in-memory file: no disk in the loop */
	int fd = memfd_create("fuzz", 0);
	enum ind_encoding enc = size > 1 ? (enum ind_encoding)(data[1] % 3) : IND_ENC_AUTO;
	struct rec_text fast, ref;

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
