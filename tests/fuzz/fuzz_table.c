/* fuzz_table.c - the whole-CSV table reader (maps, the report's event tables) on arbitrary bytes. See LICENSE. */
#define _GNU_SOURCE	/* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an in-memory file: no disk in the loop; ind_table_read takes a path, so it opens the memfd by name */
	int fd = memfd_create("fuzz", 0);
	char path[64];
	struct ind_table t;
	struct ind_error err;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	/* on failure the table is the reader's to clean up, as for its callers (ind-table, ind-plot, ind-report) */
	if (ind_table_read(path, &t, &err) == 0) {
		size_t bytes = 0;
		if (!t.head || !t.name || (t.nrows && (!t.cell || !t.line)) || t.nrows > t.cap)
			abort();
		/* a name finds its own column or an earlier one with the same name */
		for (size_t i = 0; i < t.ncols; i++) {
			int j = ind_table_col(&t, t.head[i]);
			if (j < 0 || (size_t)j > i || strcmp(t.head[j], t.head[i]) != 0)
				abort();
		}
		/* every row is whole, and rows come in input order after the header */
		for (size_t r = 0; r < t.nrows; r++) {
			if (t.line[r] < 2 || (r && t.line[r] <= t.line[r - 1]))
				abort();
			for (size_t c = 0; c < t.ncols; c++)
				bytes += strlen(t.cell[r][c]);
		}
		(void)bytes;
		ind_table_free(&t);
	}
	close(fd);
	return 0;
}
