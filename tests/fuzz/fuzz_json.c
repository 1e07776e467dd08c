/* fuzz_json.c - JSON-stat, PxWeb JSON and Sotkanet JSON: a CSV or an error, never a crash, a leak or a wrong count. See LICENSE. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "table_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ind_error err;
	char *csv = NULL;
	size_t len = 0, cells = 0;
	const char *kind = NULL;
	(void)ind_json_detect((const char *)data, size);
	if (ind_json_to_csv((const char *)data, size, "fuzz.json", (size_t)16 << 20, &csv, &len, &cells, &kind, &err) == 0) {
		check_table_csv(csv, len, cells);
		free(csv);
	} else if (!err.msg[0]) {
		abort();
	}
	return 0;
}
