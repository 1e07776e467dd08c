/* fuzz_events.c - ind-compare's events file reader on arbitrary bytes. See LICENSE. */
#define _GNU_SOURCE	/* memfd_create */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz", 0);
	char path[64];
	struct ind_error err;
	ind_events *e;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if ((e = ind_events_read(path, &err)) != NULL) {
		/* look up a few series: whatever was read comes back as whole periods and short labels */
		static const char *const regions[] = { "A", "Lappi", "", "Keski-Pohjanmaa" };
		static const char *const inds[] = { "", "x", "t3", "emergency_visits" };
		for (size_t i = 0; i < 4; i++)
			for (size_t j = 0; j < 4; j++) {
				struct ind_period at[8];
				char label[8][IND_EVENT_LABEL_MAX];
				size_t n = ind_events_for(e, regions[i], inds[j], at, label, 8);
				for (size_t k = 0; k < n && k < 8; k++)
					if (strlen(label[k]) >= IND_EVENT_LABEL_MAX || ind_period_time(&at[k]) != ind_period_time(&at[k]))
						abort();
			}
		ind_events_free(e);
	}
	close(fd);
	return 0;
}
