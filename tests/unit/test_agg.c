/* test_agg.c - measures, exact sums, histogram quantiles against R, merging and partial files. See LICENSE. */
#include <stdlib.h>
#include <unistd.h>

#include "agg.h"
#include "tap.h"

static struct ind_mstate hist_of(const long *days, size_t n)
{
	struct ind_mstate s = { 0 };
	for (size_t i = 0; i < n; i++)
		ind_agg_wait_add(&s, days[i], 1);
	return s;
}

int main(void)
{
	struct ind_measure m;
	const char *why = NULL;
	char buf[64];
	ind_fixed f;

	OK(ind_measure_parse("visits=count", &m, &why) && m.kind == IND_M_COUNT && strcmp(m.name, "visits") == 0,
	   "count");
	OK(ind_measure_parse("dig=share:channel=digital", &m, &why) && m.kind == IND_M_SHARE &&
		   strcmp(m.col1, "channel") == 0 && strcmp(m.value, "digital") == 0,
	   "share:COL=VALUE");
	OK(ind_measure_parse("w=wait:contact,visit", &m, &why) && m.kind == IND_M_WAIT && strcmp(m.col2, "visit") == 0,
	   "wait:FROM,TO");
	OK(ind_measure_parse("c=sum:cost", &m, &why) && m.kind == IND_M_SUM, "sum");
	OK(ind_measure_parse("c=mean:cost", &m, &why) && m.kind == IND_M_MEAN, "mean");
	OK(!ind_measure_parse("=count", &m, &why) && !ind_measure_parse("x=share:channel", &m, &why) &&
		   !ind_measure_parse("x=wait:a", &m, &why) && !ind_measure_parse("x=median:a", &m, &why),
	   "malformed measures are refused");

	/* fixed point: exact decimal sums, whatever the order */
	OK(ind_fixed_from_text("0.1", &f) && f == 100000000, "0.1 in fixed point");
	{
		ind_fixed a = 0, b = 0, x;
		const char *v[] = { "0.1", "0.2", "1e3", "-5.25", "123456789.123456789" };
		for (int i = 0; i < 5; i++)
			ind_fixed_from_text(v[i], &x), a += x;
		for (int i = 4; i >= 0; i--)
			ind_fixed_from_text(v[i], &x), b += x;
		OK(a == b, "sums do not depend on the order");
		OK_STR(ind_fixed_format(a, buf), "123457784.173456789", "exact sum");
	}
	OK_STR(ind_fixed_format(-1500000000, buf), "-1.5", "negative fixed point");
	OK(ind_fixed_from_text("0.0000000015", &f) && f == 2, "the tenth decimal rounds");

	/*
	 * Histogram quantiles against R: x = 0 1 3 10 -> median(x) = 2 (midpoint of 1 and 3),
	 * quantile(x, 0.9, type = 7) = 3 + 0.7 * (10 - 3) = 7.9; x = 0 1 3 10 10 2 7 -> median 3,
	 * quantile 0.9 = 10.
	 */
	{
		const long a[] = { 0, 1, 3, 10 }, b[] = { 0, 1, 3, 10, 10, 2, 7 };
		struct ind_mstate sa = hist_of(a, 4), sb = hist_of(b, 7);
		OK_NEAR(ind_hist_median(&sa), 2, 0, "median, even count");
		OK_NEAR(ind_hist_quantile(&sa, 9, 10), 7.9, 1e-15, "p90 (R type 7)");
		OK_NEAR(ind_hist_median(&sb), 3, 0, "median, odd count");
		OK_NEAR(ind_hist_quantile(&sb, 9, 10), 10, 0, "p90 at a tie");
		OK(sb.n == 7 && sb.sum == (ind_fixed)33 * IND_FIXED_SCALE, "n and total days");
		OK(!ind_agg_wait_add(&sa, -1, 1), "negative waits refused");
		free(sa.hist);
		free(sb.hist);
	}

	/* merging two tables = one table over all rows; a partial file reads back the same */
	{
		struct ind_measure ms[2];
		struct ind_period p = { IND_PERIOD_MONTH, 2021, 3, 0, 0 };
		ind_agg *a, *b, *all, *back = NULL;
		struct ind_error err;
		char path[] = "/tmp/ind-test-agg.XXXXXX";
		int fd = mkstemp(path);
		FILE *fp;
		ind_measure_parse("n=count", &ms[0], &why);
		ind_measure_parse("w=wait:a,b", &ms[1], &why);
		a = ind_agg_new(ms, 2);
		b = ind_agg_new(ms, 2);
		all = ind_agg_new(ms, 2);
		for (int i = 0; i < 10; i++) {
			struct ind_group *g = ind_agg_group(i % 2 ? a : b, i % 3 ? "Lappi" : "Kainuu", i % 3 ? 5 : 6, &p);
			struct ind_group *h = ind_agg_group(all, i % 3 ? "Lappi" : "Kainuu", i % 3 ? 5 : 6, &p);
			g->m[0].n++, h->m[0].n++;
			ind_agg_wait_add(&g->m[1], i, 1), ind_agg_wait_add(&h->m[1], i, 1);
		}
		ind_agg_merge(a, b);
		ind_agg_sort(a);
		ind_agg_sort(all);
		OK(ind_agg_count(a) == 2 && ind_agg_at(a, 0)->m[0].n == ind_agg_at(all, 0)->m[0].n &&
			   ind_agg_at(a, 1)->m[1].sum == ind_agg_at(all, 1)->m[1].sum &&
			   ind_hist_median(&ind_agg_at(a, 1)->m[1]) == ind_hist_median(&ind_agg_at(all, 1)->m[1]),
		   "merged halves equal the whole");
		fp = fdopen(fd, "w");
		OK(ind_agg_write_partial(a, fp) == 0, "partial file written");
		fclose(fp);
		OK(ind_agg_read_partial(&back, path, &err) == 0 && ind_agg_count(back) == 2, "partial file read");
		if (back) {
			ind_agg_sort(back);
			OK(ind_agg_at(back, 1)->m[1].n == ind_agg_at(all, 1)->m[1].n &&
				   ind_hist_quantile(&ind_agg_at(back, 1)->m[1], 9, 10) ==
					   ind_hist_quantile(&ind_agg_at(all, 1)->m[1], 9, 10),
			   "the partial file keeps the histograms");
		}
		unlink(path);
		ind_agg_free(a);
		ind_agg_free(b);
		ind_agg_free(all);
		ind_agg_free(back);
	}
	return tap_done();
}
