/* fuzz_config.c - the ind-report configuration parser and its checks, on arbitrary text. See LICENSE. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ind_config c;
	struct ind_error err;
	if (ind_config_parse("fuzz.conf", (const char *)data, size, &c, &err) == 0) {
		struct ind_report r;
		memset(&r, 0, sizeof r);
		ind_report_configure(&r, &c, &err);
		ind_report_free(&r);
	}
	ind_config_free(&c);
	return 0;
}
