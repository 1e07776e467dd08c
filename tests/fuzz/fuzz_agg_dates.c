/* fuzz_agg_dates.c - ind-agg's date handling and measure specs: waits, histograms, quantiles. See LICENSE. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agg.h"
#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *why, *comma = memchr(s, ',', size);
	long from, to;
	struct ind_measure m;
	char spec[512];

	/* "FROM,TO": two dates and the wait between them, as ind-agg computes it */
	if (comma && ind_date_parse(s, (size_t)(comma - s), &from, &why) &&
	    ind_date_parse(comma + 1, size - (size_t)(comma + 1 - s), &to, &why) && to >= from && to - from < 100000) {
		struct ind_mstate st = { 0 };
		if (!ind_agg_wait_add(&st, to - from, 3))
			abort();
		if (ind_hist_median(&st) != (double)(to - from) || ind_hist_quantile(&st, 9, 10) != (double)(to - from))
			abort();
		free(st.hist);
	}
	if (size < sizeof spec) {
		memcpy(spec, data, size);
		spec[size] = '\0';
		ind_measure_parse(spec, &m, &why);
	}
	return 0;
}
