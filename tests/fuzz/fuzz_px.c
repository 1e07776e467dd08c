/* fuzz_px.c - PC-Axis tables: any bytes give a long CSV or an error, never a crash, a leak or a wrong count. See LICENSE. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "px.h"
#include "table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ind_error err;
	char *csv = NULL;
	size_t len = 0, cells = 0;
	(void)ind_px_detect((const char *)data, size);
	if (ind_px_to_csv((const char *)data, size, "fuzz.px", (size_t)16 << 20, &csv, &len, &cells, &err) == 0) {
		check_table_csv(csv, len, cells);
		free(csv);
	} else if (!err.msg[0]) {
		abort();
	}
	csv = NULL;
	err.msg[0] = '\0';
	if (ind_px_to_csv_lang((const char *)data, size, "fuzz.px", "sv", (size_t)16 << 20, &csv, &len, &cells, &err) == 0) {
		check_table_csv(csv, len, cells);	/* another language's texts, the same cells */
		free(csv);
	} else if (!err.msg[0]) {
		abort();
	}
	return 0;
}
