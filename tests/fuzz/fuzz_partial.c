/* fuzz_partial.c - ind-agg --merge's reader of partial files, untrusted input from other machines. See LICENSE. */
#define _GNU_SOURCE	/* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "agg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as an in-memory file with a path the reader can open; -1 when none can be made. */
static int memfile(const void *data, size_t size, char path[64])
{
	int fd = memfd_create("fuzz.part", 0);
	if (fd < 0)
		return -1;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, 64, "/proc/self/fd/%d", fd);
	return fd;
}

/* The partial file of a, as bytes (malloc'ed, *len). */
static char *written(ind_agg *a, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	if (!fp)
		abort();
	ind_agg_sort(a);
	if (ind_agg_write_partial(a, fp) != 0)
		abort();
	fclose(fp);
	return buf;
}

/* What a file that was read gives must be sane: every histogram adds up and its quantiles lie in it. */
static void check(ind_agg *a)
{
	size_t nm;
	const struct ind_measure *ms = ind_agg_measures(a, &nm);
	for (size_t i = 0; i < ind_agg_count(a); i++)
		for (size_t k = 0; k < nm; k++) {
			struct ind_mstate *s = &ind_agg_at(a, i)->m[k];
			if (s->n < 0 || s->n > IND_COUNT_MAX || s->hits < 0 || s->hits > IND_COUNT_MAX)
				abort();
			if (ms[k].kind == IND_M_QUANTILE && s->n) {
				double lo = ind_values_quantile(s, 1, 1000), mid = ind_values_quantile(s, 500, 1000);
				if (!(lo <= mid))
					abort();
			}
			if (ms[k].kind != IND_M_WAIT || !s->n)
				continue;
			if (ind_hist_within(s, IND_WAIT_MAX) != s->n || ind_hist_kth(s, s->n) != -1)
				abort();
			double lo = (double)ind_hist_kth(s, 0), hi = (double)ind_hist_kth(s, s->n - 1);
			double med = ind_hist_median(s), p90 = ind_hist_quantile(s, 9, 10);
			if (!(lo >= 0 && lo <= med && med <= p90 && p90 <= hi && hi <= IND_WAIT_MAX))
				abort();
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], path2[64];
	struct ind_error err;
	ind_agg *a = NULL, *b = NULL;
	int fd = memfile(data, size, path), fd2;

	if (fd < 0)
		return 0;
	if (ind_agg_read_partial(&a, path, &err) == 0) {
		size_t len, len2;
		char *w, *w2;
		check(a);
		/* what was read writes out a file that reads back to the same bytes */
		w = written(a, &len);
		if ((fd2 = memfile(w, len, path2)) >= 0) {
			if (ind_agg_read_partial(&b, path2, &err) != 0)
				abort();
			w2 = written(b, &len2);
			if (len != len2 || memcmp(w, w2, len) != 0)
				abort();
			free(w2);
			close(fd2);
		}
		free(w);
		/* the same bytes merged again would count twice: refused, a as it was */
		if (lseek(fd, 0, SEEK_SET) == 0 && ind_agg_read_partial(&a, path, &err) == 0)
			abort();
		check(a);
	} else if (a) {
		abort();	/* a bad first file leaves nothing behind */
	}
	ind_agg_free(a);
	ind_agg_free(b);
	close(fd);
	return 0;
}
