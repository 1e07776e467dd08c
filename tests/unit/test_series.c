/* test_series.c - series read whole and series by series, with their rows kept or not. See LICENSE. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "series.h"
#include "tap.h"

/* What done() saw of each series: "REGION/INDICATOR:rows|row|row;" for every series in turn. */
struct seen {
	char text[4096];
	size_t len;
	bool rows_match;	/* every point's row is one of the series' own, and says its period */
};

/* Whether the n bytes at t hold the string s. */
static bool contains(const char *t, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(t + i, s, k) == 0)
			return true;
	return false;
}

static void add(struct seen *w, const char *s, size_t n)
{
	if (w->len + n < sizeof w->text) {
		memcpy(w->text + w->len, s, n);
		w->len += n;
		w->text[w->len] = '\0';
	}
}

static void saw(ind_series_set *set, struct ind_series *s, void *ctx)
{
	struct seen *w = ctx;
	char num[32];
	add(w, s->region, strlen(s->region));
	add(w, "/", 1);
	add(w, s->indicator, strlen(s->indicator));
	snprintf(num, sizeof num, ":%zu", ind_series_rows(set));
	add(w, num, strlen(num));
	for (size_t i = 0; i < ind_series_rows(set); i++) {
		size_t len;
		const char *t = ind_series_row_text(set, i, &len);
		add(w, "|", 1);
		add(w, t, len);
	}
	add(w, ";", 1);
	for (size_t i = 0; i < s->n; i++) {
		size_t len;
		char pb[IND_PERIOD_TEXT_MAX];
		const char *t;
		if (s->pts[i].row >= ind_series_rows(set)) {
			w->rows_match = false;
			continue;
		}
		t = ind_series_row_text(set, s->pts[i].row, &len);
		ind_period_format(&s->pts[i].period, pb);
		if (!contains(t, len, pb))
			w->rows_match = false;
	}
}

/* Every kept row of the set in order, "|"-separated, and whether each point's row names its period. */
static const char *all_rows(ind_series_set *set, bool *rows_match)
{
	static char buf[4096];
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < ind_series_rows(set); i++) {
		size_t len;
		const char *t = ind_series_row_text(set, i, &len);
		if (n + len + 2 < sizeof buf) {
			if (i)
				buf[n++] = '|';
			memcpy(buf + n, t, len);
			n += len;
			buf[n] = '\0';
		}
	}
	*rows_match = true;
	for (size_t k = 0; k < ind_series_count(set); k++) {
		const struct ind_series *s = ind_series_at(set, k);
		for (size_t i = 0; i < s->n; i++) {
			size_t len;
			char pb[IND_PERIOD_TEXT_MAX];
			const char *t = ind_series_row_text(set, s->pts[i].row, &len);
			if (!contains(t, len, ind_period_format(&s->pts[i].period, pb)))
				*rows_match = false;
		}
	}
	return buf;
}

static const char *write_file(const char *name, const char *text)
{
	static char path[4][256];
	static int k;
	char *p = path[k++ % 4];
	FILE *fp;
	snprintf(p, sizeof path[0], "%s/%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", name);
	if (!(fp = fopen(p, "w")) || fputs(text, fp) < 0 || fclose(fp) != 0)
		exit(99);
	return p;
}

int main(void)
{
	static const char *const own[] = { "fit", NULL };
	const char *grouped_csv = write_file("test_series_grouped.csv",
					     "region,indicator,period,value,fit\n"
					     "A,x,2021,2,9\nA,x,2020,1,9\n"
					     "B,x,2020,3,9\nB,x,2022,5,9\nB,x,2021,4,9\n"
					     "C,y,2020,6,9\n");
	const char *back_csv = write_file("test_series_back.csv",
					  "region,indicator,period,value,fit\n"
					  "A,x,2021,2,9\nA,x,2020,1,9\n"
					  "B,x,2020,3,9\nB,x,2022,5,9\n"
					  "A,x,2022,7,9\n"
					  "B,x,2021,4,9\nC,y,2020,6,9\n");
	const char *more_csv = write_file("test_series_more.csv",
					  "region,indicator,period,value\nC,y,2021,8\nD,y,2020,1\n");

	{
		/* grouped rows: each series handed over with its own rows, numbered from 0, the own column left out */
		ind_series_set *set = ind_series_set_new();
		struct ind_error err;
		ind_rejects *rj = ind_rejects_open(NULL, NULL, &err);
		struct ind_line header = { 0 };
		struct seen w = { .rows_match = true };
		struct ind_series_reading how = { own, true, &header, false, saw, &w };
		bool grouped = false, failed = false;
		const char *inputs[] = { grouped_csv, more_csv };
		long n = ind_series_stream(set, inputs, 2, &how, &grouped, rj, &failed);
		OK(n == 8 && grouped && !failed, "two files of grouped series: 8 rows, streamed (%ld)", n);
		OK_STR(w.text,
		       "A/x:2|A,x,2021,2|A,x,2020,1;B/x:3|B,x,2020,3|B,x,2022,5|B,x,2021,4;C/y:2|C,y,2020,6|C,y,2021,8;"
		       "D/y:1|D,y,2020,1;",
		       "each series with its rows in input order (C continues into the second file)");
		OK(w.rows_match, "each point's row index is one of its series' rows, the row of its period");
		OK(header.len == strlen("region,indicator,period,value,fit") &&
			   memcmp(header.buf, "region,indicator,period,value,fit", header.len) == 0,
		   "the header: the first input's columns less own, then own");
		OK(ind_series_count(set) == 4 && ind_series_at(set, 0)->pts == NULL && ind_series_at(set, 0)->done,
		   "the series stay, their points freed");
		ind_rejects_close(rj, NULL);
		ind_line_free(&header);
		ind_series_set_free(set);
	}
	{
		/* a series that comes back: the set is what ind_series_read makes of the same input */
		ind_series_set *a = ind_series_set_new(), *b = ind_series_set_new();
		struct ind_error err;
		ind_rejects *rj = ind_rejects_open(NULL, NULL, &err);
		struct ind_line ha = { 0 }, hb = { 0 };
		struct seen w = { .rows_match = true };
		struct ind_series_reading how = { own, true, &ha, false, saw, &w };
		bool grouped = true, failed = false, match_a, match_b;
		const char *inputs[] = { back_csv, more_csv };
		char rows_a[4096];
		long na = ind_series_stream(a, inputs, 2, &how, &grouped, rj, &failed);
		long nb = ind_series_read(b, inputs, 2, own, true, &hb, rj, &failed);
		OK(na == 9 && nb == 9 && !grouped, "a series coming back: not grouped (%ld rows)", na);
		snprintf(rows_a, sizeof rows_a, "%s", all_rows(a, &match_a));
		OK_STR(rows_a, all_rows(b, &match_b), "every row back, in input order, as read whole");
		OK_STR(rows_a, "A,x,2021,2|A,x,2020,1|B,x,2020,3|B,x,2022,5|A,x,2022,7|B,x,2021,4|C,y,2020,6|C,y,2021,8|"
			       "D,y,2020,1", "the rows");
		OK(match_a && match_b, "every point's row is the row of its period again");
		OK(ind_series_count(a) == 4 && ind_series_at(a, 0)->n == 3 && ind_series_at(a, 1)->n == 3 &&
			   !ind_series_at(a, 0)->done,
		   "A and B have all their points, sorted");
		OK(ind_period_time(&ind_series_at(a, 0)->pts[0].period) < ind_period_time(&ind_series_at(a, 0)->pts[2].period),
		   "in period order");
		OK(ha.len == hb.len && memcmp(ha.buf, hb.buf, ha.len) == 0, "the same header");
		ind_rejects_close(rj, NULL);
		ind_line_free(&ha);
		ind_line_free(&hb);
		ind_series_set_free(a);
		ind_series_set_free(b);
	}
	{
		/* no rows kept (--summary): points only, the same hand-over */
		ind_series_set *set = ind_series_set_new();
		struct ind_error err;
		ind_rejects *rj = ind_rejects_open(NULL, NULL, &err);
		struct seen w = { .rows_match = true };
		struct ind_series_reading how = { NULL, false, NULL, true, saw, &w };
		bool grouped = false, failed = false;
		const char *inputs[] = { grouped_csv };
		ind_series_stream(set, inputs, 1, &how, &grouped, rj, &failed);
		OK(grouped && strcmp(w.text, "A/x:0;B/x:0;C/y:0;") == 0, "--sorted, no rows kept: %s", w.text);
		ind_rejects_close(rj, NULL);
		ind_series_set_free(set);
	}
	unlink(grouped_csv);
	unlink(back_csv);
	unlink(more_csv);
	return tap_done();
}
