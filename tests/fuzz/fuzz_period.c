/* fuzz_period.c - periods and event dates: parsing, canonical form round trip, decimal years. See LICENSE. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ind_period p, q;
	char buf[IND_PERIOD_TEXT_MAX];
	const char *why;
	long days;

	if (ind_period_parse((const char *)data, size, &p, &why)) {
		ind_period_format(&p, buf);
		/* the canonical text parses to the same period */
		if (!ind_period_parse(buf, strlen(buf), &q, &why) || ind_period_cmp(&p, &q) != 0)
			abort();
		if (p.kind != IND_PERIOD_NUMERIC && !(ind_period_end_time(&p) > ind_period_time(&p)))
			abort();
	}
	if (ind_date_parse((const char *)data, size, &days, &why)) {
		int y, m, d;
		ind_civil_from_days(days, &y, &m, &d);
		if (ind_days_from_civil(y, m, d) != days || m < 1 || m > 12 || d < 1 || d > ind_days_in_month(y, m))
			abort();
	}
	return 0;
}
