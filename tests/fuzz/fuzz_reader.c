/* fuzz_reader.c - the CSV reader with dialect sniffing, encodings, gzip and blocks, on arbitrary bytes. See LICENSE. */
#define _GNU_SOURCE	/* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an in-memory file: no disk in the loop */
	int fd = memfd_create("fuzz", 0);
	struct ind_reader_opts o;
	struct ind_error err;
	struct ind_row row;
	ind_reader *r;
	int rc;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return 0;
	}
	ind_reader_opts_init(&o);
	o.always_libcsv = size && (data[0] & 1);	/* both parse paths */
	o.encoding = size > 1 ? (enum ind_encoding)(data[1] % 3) : IND_ENC_AUTO;
	if ((r = ind_reader_open_fd(fd, "fuzz", &o, &err))) {
		size_t fields = 0;
		/* read a few records directly, then the rest in small blocks, as the parallel loader does */
		for (int k = 0; k < 3 && (rc = ind_reader_next(r, &row, &err)) != IND_READ_EOF && rc != IND_READ_FATAL; k++)
			if (rc == IND_READ_ROW)
				for (size_t i = 0; i < row.nfields; i++)
					fields += row.len[i] + (row.field[i][0] == 0);
		for (;;) {
			char *buf;
			size_t len;
			long first;
			ind_reader *b;
			if (ind_reader_take_block(r, 64, &buf, &len, &first, &err) <= 0)
				break;
			if ((b = ind_reader_open_block(r, buf, len, first, &err))) {
				while ((rc = ind_reader_next(b, &row, &err)) != IND_READ_EOF && rc != IND_READ_FATAL)
					if (rc == IND_READ_ROW)
						fields += row.nfields;
				ind_reader_close(b);
			}
			free(buf);
		}
		(void)fields;
		ind_reader_close(r);
	}
	return 0;
}
