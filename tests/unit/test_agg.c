/* test_agg.c - measures, exact sums, histogram quantiles against R, merging and partial files. See LICENSE. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "agg.h"
#include "tap.h"

static int long_cmp(const void *x, const void *y)
{
	long a = *(const long *)x, b = *(const long *)y;
	return (a > b) - (a < b);
}

/* A heavy-tailed wait: mostly short, some of years, a few of millennia. */
static long random_wait(uint64_t *x)
{
	*x = *x * 6364136223846793005ull + 1442695040888963407ull;
	uint64_t r = *x >> 33;
	switch (r % 10) {
	case 0: return (long)(r / 10 % (IND_WAIT_MAX + 1));
	case 1:
	case 2: return 1000 + (long)(r / 10 % 5000);
	default: return (long)(r / 10 % 400);
	}
}

/* A partial file's text into a read back; 0 or -1 with err. */
static int read_text(ind_agg **a, const char *text, struct ind_error *err)
{
	char path[] = "/tmp/ind-test-part.XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	rc = ind_agg_read_partial(a, path, err);
	unlink(path);
	return rc;
}

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
		OK(ind_agg_merge(a, b, &err) == 0, "merged");
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
	/* waits of any length: the dense days and the sparse ones give exact quantiles, bounded memory */
	OK(IND_WAIT_MAX == ind_days_from_civil(9999, 12, 31) - ind_days_from_civil(0, 1, 1),
	   "IND_WAIT_MAX is the wait from 0000-01-01 to 9999-12-31");
	{
		struct ind_mstate s = { 0 };
		OK(!ind_agg_wait_add(&s, IND_WAIT_MAX + 1, 1) && !ind_agg_wait_add(&s, 5, 0) &&
			   !ind_agg_wait_add(&s, 5, -1) && s.n == 0,
		   "waits past IND_WAIT_MAX and counts below 1 refused");
		OK(ind_agg_wait_add(&s, IND_WAIT_MAX, IND_COUNT_MAX - 1) && !ind_agg_wait_add(&s, 3, 2) &&
			   ind_agg_wait_add(&s, 3, 1) && s.n == IND_COUNT_MAX,
		   "no more than IND_COUNT_MAX rows");
		OK(ind_hist_median(&s) == IND_WAIT_MAX && ind_hist_kth(&s, 0) == 3 && ind_hist_within(&s, 3) == 1,
		   "quantiles at IND_COUNT_MAX rows");
		free(s.hist);
	}
	{
		enum { N = 20000 };
		static long v[N];
		struct ind_mstate s = { 0 };
		uint64_t x = 42;
		bool ok = true;
		for (int i = 0; i < N; i++)
			ok &= ind_agg_wait_add(&s, v[i] = random_wait(&x), 1);
		qsort(v, N, sizeof *v, long_cmp);
		OK(ok && s.n == N, "%d heavy-tailed waits counted", N);
		for (long k = 0; k < N && ok; k += 7)
			ok = ind_hist_kth(&s, k) == v[k];
		OK(ok && ind_hist_kth(&s, N - 1) == v[N - 1] && ind_hist_kth(&s, N) == -1, "every k-th wait is exact");
		OK_NEAR(ind_hist_median(&s), (v[N / 2 - 1] + v[N / 2]) / 2.0, 0, "median of heavy-tailed waits");
		/* R type 7: h = 0.9 (N - 1) = 17999.1 */
		OK_NEAR(ind_hist_quantile(&s, 9, 10), v[17999] + 0.1 * (v[18000] - v[17999]), 1e-15, "p90 of heavy-tailed waits");
		{
			const long t[] = { 0, 7, 399, 1023, 1024, 5999, 100000, IND_WAIT_MAX };
			bool w = true;
			for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
				long want = 0;
				while (want < N && v[want] <= t[i])
					want++;
				w &= ind_hist_within(&s, t[i]) == want;
			}
			OK(w, "within N days, around the dense limit too");
		}
		OK(s.hist_len <= IND_HIST_DENSE && s.farcap <= 4 * s.nfar + 4, "dense days capped, sparse room at most 4 a wait (%zu days, %zu of %zu)",
		   s.hist_len, s.nfar, s.farcap);
		free(s.hist);
	}
	{
		struct ind_mstate one = { 0 }, same = { 0 }, far = { 0 };
		ind_agg_wait_add(&one, 1000, 1);
		OK(one.hist_len <= IND_HIST_DENSE_FREE && one.nfar == 1, "one long wait takes no 8 KiB array");
		for (long i = 0; i < 1000000; i++)
			ind_agg_wait_add(&same, 5000, 1);
		OK(same.n == 1000000 && same.nfar == 1 && same.farcap <= 4, "a million equal long waits take one pair");
		for (long i = 0; i < 100000; i++)
			ind_agg_wait_add(&far, IND_WAIT_MAX - i * 31 % 100000, 1);
		OK(far.nfar == 100000 && far.farcap <= 4 * 100000 && ind_hist_kth(&far, 0) == IND_WAIT_MAX - 99999,
		   "100000 distinct waits of millennia, in any order: %zu pairs of room", far.farcap);
		free(one.hist);
		free(same.hist);
		free(far.hist);
	}

	/* long waits through merging and a partial file: the same as one table */
	{
		struct ind_measure ms[1];
		struct ind_period p = { IND_PERIOD_YEAR, 2021, 0, 0, 0 };
		ind_agg *a = NULL, *b = NULL, *all = NULL, *back = NULL;
		struct ind_error err;
		uint64_t x = 7;
		bool same = true;
		char *text = NULL;
		size_t len;
		FILE *fp;
		ind_measure_parse("w=wait:a,b", &ms[0], &why);
		a = ind_agg_new(ms, 1), b = ind_agg_new(ms, 1), all = ind_agg_new(ms, 1);
		for (int i = 0; i < 3000; i++) {
			long w = random_wait(&x);
			ind_agg_wait_add(&ind_agg_group(i % 3 ? a : b, "A", 1, &p)->m[0], w, 1);
			ind_agg_wait_add(&ind_agg_group(all, "A", 1, &p)->m[0], w, 1);
		}
		OK(ind_agg_merge(a, b, &err) == 0, "long waits merged");
		fp = open_memstream(&text, &len);
		ind_agg_write_partial(a, fp);
		fclose(fp);
		OK(read_text(&back, text, &err) == 0, "long waits written and read back");
		for (long k = 0; back && k < 3000; k++)
			same &= ind_hist_kth(&ind_agg_at(a, 0)->m[0], k) == ind_hist_kth(&ind_agg_at(all, 0)->m[0], k) &&
				ind_hist_kth(&ind_agg_at(back, 0)->m[0], k) == ind_hist_kth(&ind_agg_at(all, 0)->m[0], k);
		OK(same, "merged halves and the partial file hold every wait of the whole");
		free(text);
		ind_agg_free(a);
		ind_agg_free(b);
		ind_agg_free(all);
		ind_agg_free(back);
	}

	/* partial files are untrusted: a bad one counts in nothing */
	{
		const char *good = "region,period,measure,spec,n,hits,sum,hist\n,,n,count,0,0,0,\nA,2021,n,count,5,0,0,\n";
		ind_agg *a = NULL;
		struct ind_error err;
		OK(read_text(&a, "region,period,measure,spec,n,hits,sum,hist\n,,w,\"wait:a,b\",0,0,0,\n"
				 "A,2021-01,w,\"wait:a,b\",1,0,0,2305843009213694952:1\n", &err) < 0 && !a &&
			   err.line == 3 && strstr(err.msg, "day '2305843009213694952'"),
		   "a day past IND_WAIT_MAX: the line and the day (%s)", err.msg);
		OK(read_text(&a, good, &err) == 0 && a && ind_agg_at(a, 0)->m[0].n == 5, "a good file");
		OK(read_text(&a, "region,period,measure,spec,n,hits,sum,hist\n,,n,count,0,0,0,\nB,2021,n,count,1,0,0,\n"
				 "A,2021,n,count,x,0,0,\n", &err) < 0 && err.line == 4 && ind_agg_count(a) == 1 &&
			   ind_agg_at(a, 0)->m[0].n == 5,
		   "a bad second file leaves the first's groups as they were (%s)", err.msg);
		OK(read_text(&a, "region,period,measure,spec,n,hits,sum,hist\n,,n,count,0,0,0,\nA,2021,n,count,9007199254740988,0,0,\n",
			     &err) < 0 && err.line == 0 && ind_agg_at(a, 0)->m[0].n == 5 && strstr(err.msg, "more than"),
		   "counts past IND_COUNT_MAX across files are refused, untouched (%s)", err.msg);
		ind_agg_free(a);
	}
	return tap_done();
}
