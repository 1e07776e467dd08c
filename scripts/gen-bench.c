/* gen-bench - inputs for scripts/bench. See LICENSE.
 * Usage: gen-bench MIB [QUOTED_PERCENT] > file.csv
 *   a long canonical CSV of about MIB MiB; one line in 20 (by default) has a
 *   quoted region, so both parse paths are exercised;
 * or:    gen-bench series NSERIES NPOINTS > file.csv
 *   NSERIES monthly series of NPOINTS points (trend, season and noise);
 * or:    gen-bench events MIB > file.csv
 *   event rows as in sample-data/events.csv.gz: region, municipality, contact
 *   and visit dates, channel, urgency. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int series(unsigned long nseries, unsigned npoints)
{
	unsigned long x = 54321;
	printf("region,indicator,period,value\n");
	for (unsigned long s = 0; s < nseries; s++) {
		double level = 20 + (double)(s % 50), slope = ((double)(s % 7) - 3) / 10;
		for (unsigned i = 0; i < npoints; i++) {
			double noise;
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			noise = (double)(x >> 11) / 9007199254740992.0 - 0.5;
			printf("region-%lu,ind-%lu,%u-%02u,%.2f\n", s / 10, s % 10, 2000 + i / 12, i % 12 + 1,
			       level + slope * i / 12 + 3 * ((i % 12) == 6) + 2 * noise);
		}
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

static int events(unsigned long long want)
{
	static const char *const regions[] = { "Pohjois-Savo", "Keski-Pohjanmaa", "Lappi", "Etelä-Savo", "Kainuu",
					       "Pohjois-Pohjanmaa" };
	static const char *const channels[] = { "digital", "phone", "in-person" };
	static const char *const municipalities[] = { "297", "272", "698", "491", "205", "564" };
	unsigned long long written = 0;
	unsigned long x = 777;
	static char buf[1 << 16];

	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	written += (unsigned long long)printf("region,municipality,contact_date,visit_date,channel,urgency\n");
	while (written < want) {
		unsigned r, y, m, d, wait;
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		r = (unsigned)(x >> 33) % 6;
		y = 2017 + (unsigned)(x >> 20) % 8;
		m = 1 + (unsigned)(x >> 24) % 12;
		d = 1 + (unsigned)(x >> 28) % 28;
		wait = (unsigned)(x >> 40) % 20;
		written += (unsigned long long)printf("%s,%s,%u-%02u-%02u,%u-%02u-%02u,%s,%s\n", regions[r], municipalities[r],
						      y, m, d > wait ? d - wait : 1, y, m, d, channels[(x >> 50) % 3],
						      (x >> 55) % 4 ? "non-urgent" : "urgent");
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "events") == 0)
		return events(strtoull(argv[2], NULL, 10) << 20);
	if (argc > 3 && strcmp(argv[1], "series") == 0)
		return series(strtoul(argv[2], NULL, 10), (unsigned)strtoul(argv[3], NULL, 10));
	static const char *const regions[] = { "Pohjois-Savo", "Keski-Pohjanmaa", "Lappi", "Etelä-Savo",
					       "Kainuu", "Pohjois-Pohjanmaa" };
	static const char *const indicators[] = { "t3_days", "access_7d", "emergency_visits", "digital_share",
						  "gp_visits" };
	unsigned long long want = (argc > 1 ? strtoull(argv[1], NULL, 10) : 100) << 20, written = 0;
	unsigned quoted = argc > 2 ? (unsigned)atoi(argv[2]) : 5;
	unsigned long x = 12345;	/* a fixed LCG: the same file every time */
	static char buf[1 << 16];

	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	written += (unsigned long long)printf("region,indicator,period,value,numerator,denominator\n");
	for (unsigned long long i = 0; written < want; i++) {
		unsigned r, k, y, m, den, num;
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		r = (unsigned)(x >> 33) % 6;
		k = (unsigned)(x >> 40) % 5;
		y = 2000 + (unsigned)(i / 60) % 25;
		m = 1 + (unsigned)(i / 5) % 12;
		den = 100 + (unsigned)(x >> 20) % 900;
		num = (unsigned)(x >> 13) % den;
		if ((x >> 50) % 100 < quoted)
			written += (unsigned long long)printf("\"%s, alue %llu\",%s,%u-%02u,%.1f,%u,%u\n", regions[r], i % 97,
							      indicators[k], y, m, 100.0 * num / den, num, den);
		else
			written += (unsigned long long)printf("%s-%llu,%s,%u-%02u,%.1f,%u,%u\n", regions[r], i % 97,
							      indicators[k], y, m, 100.0 * num / den, num, den);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
