/* fuzz_number.c - number cells: parsing never crashes, and a parsed number reads back to itself. See LICENSE. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ind_num n, again;
	for (int d = 0; d < 2; d++) {
		char decimal = d ? ',' : '.';
		if (ind_num_parse((const char *)data, size, decimal, IND_DASH_MISSING, &n) == IND_NUM_OK) {
			/* the canonical text is itself a valid number with the same value */
			if (ind_num_parse(n.text, strlen(n.text), '.', IND_DASH_MISSING, &again) != IND_NUM_OK ||
			    again.value != n.value)
				abort();
			if (strlen(n.text) != n.len)
				abort();
		}
	}
	{
		char buf[IND_DOUBLE_TEXT_MAX];
		double x;
		if (size >= sizeof x) {
			memcpy(&x, data, sizeof x);
			ind_num_format(x, buf);
			if (buf[0] && strtod(buf, NULL) != x)
				abort();	/* shortest form must round-trip */
		}
	}
	return 0;
}
