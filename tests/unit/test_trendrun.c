/* test_trendrun.c - ind-trend's --aapc ranges and the statistics and warnings of one series. See LICENSE. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "tap.h"
#include "trendrun.h"

static struct ind_period period(const char *s)
{
	struct ind_period p;
	const char *why;
	ind_period_parse(s, strlen(s), &p, &why);
	return p;
}

/* A series of the periods and values given (value NAN: missing), each its own row. */
static struct ind_series series_of(struct ind_point *pts, const char *const *periods, const double *v, size_t n)
{
	struct ind_series s = { (char *)"R", (char *)"x", pts, n, n, 0, NULL, NULL, 0, false, 0, 0, 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		memset(&pts[i], 0, sizeof pts[i]);
		pts[i].period = period(periods[i]);
		pts[i].t = ind_period_time(&pts[i].period);
		pts[i].value = v[i];
		pts[i].has_value = !isnan(v[i]);
		pts[i].numerator = pts[i].denominator = pts[i].se = NAN;
		pts[i].line = (long)i + 2;
		pts[i].row = i;
	}
	return s;
}

/* ind_trend_run_inputs with standard error into msgs (what it replays goes there as its warnings do). */
static int run_to(FILE *msgs, const struct ind_trend_run *r, const char *const *inputs, const char *out)
{
	struct ind_progress none;
	int saved, rc;
	ind_progress_init(&none, stderr, IND_PROGRESS_OFF, out);
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(msgs), STDERR_FILENO);
	rc = ind_trend_run_inputs(r, inputs, 1, out, NULL, NULL, &none);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	return rc;
}

int main(void)
{
	struct ind_trend_run o = { 0 };
	char *why = NULL;

	ind_jp_opts_init(&o.jp, 0);
	OK(ind_trend_range_add(&o, "2019..2022-06", &why) && o.jp.nranges == 1, "FROM..TO: a range");
	OK_STR(o.range_name[0], "2019_2022_06", "its column name: the dots one '_', the dash '_'");
	OK(o.jp.ranges[0][0] == 2019 && o.jp.ranges[0][1] > 2022.4 && o.jp.ranges[0][1] < 2022.5, "its interval in years");
	OK(!ind_trend_range_add(&o, "2019", &why), "no dots: refused");
	OK_STR(why, "--aapc: '2019': not FROM..TO with two periods", "the message names the argument");
	free(why);
	OK(!ind_trend_range_add(&o, "2022..2019", &why), "TO before FROM: refused");
	OK_STR(why, "--aapc: '2022..2019': TO must come after FROM", "and says so");
	free(why);
	while (o.jp.nranges < IND_JP_RANGES)
		ind_trend_range_add(&o, "2000..2001", &why);
	OK(!ind_trend_range_add(&o, "2000..2001", &why), "a ninth range: refused");
	OK_STR(why, "--aapc: at most 8 ranges", "at most 8");
	free(why);
	o.jp.nranges = 0;
	o.joinpoints = 2;
	ind_trend_run_columns(&o);
	OK(o.jp.kmax == 2 && o.cols.joinpoints == 2 && o.cols.log_scale && o.cols.range_name == o.range_name,
	   "the columns follow the options");

	o.joinpoints = 0;
	ind_trend_run_columns(&o);
	{
		ind_series_set *set = ind_series_set_new();
		struct ind_point pts[6];
		static const char *const years[] = { "2018", "2019", "2020", "2021", "2022", "2023" };
		const double rising[] = { 1, 2, NAN, 4, 5, 7 }, flat[] = { 3, 3, 3, 3, 3, 3 }, negative[] = { -1, 1, 2, 4, 3, 6 };
		struct ind_series s = series_of(pts, years, rising, 6);
		struct ind_trend_tally tally = { 0 };
		struct ind_trend_notes notes;
		struct ind_line ln = { 0 };
		double fits[6][IND_TREND_NFIT];

		for (int i = 0; i < 6; i++)
			for (int j = 0; j < IND_TREND_NFIT; j++)
				fits[i][j] = NAN;
		OK(ind_trend_series(set, &s, &o, &ln, fits, &tally, &notes) == 0 && notes.n == 0, "a rising series: no warning");
		OK(!isnan(fits[0][0]) && !isnan(fits[5][2]) && fits[0][1] < fits[0][0] && fits[0][0] < fits[0][2], "each row its fit inside its interval");
		OK(tally.missing == 1, "the missing value counted");
		ind_trend_notes_free(&notes);
		OK(ind_trend_series(set, &s, &o, &ln, NULL, &tally, &notes) == 0 && ln.len > 0 && strncmp(ln.buf, "R,x,5,1,", 8) == 0,
		   "the summary row: region, indicator, 5 values, 1 missing");
		ind_trend_notes_free(&notes);

		s = series_of(pts, years, flat, 6);
		ind_trend_series(set, &s, &o, &ln, NULL, &tally, &notes);
		OK(notes.n == 1 && tally.constant == 1, "a constant series: one warning, counted");
		OK_STR(notes.n ? notes.note[0].text : "", "series 'R, x' is constant; no trend statistics", "its words");
		OK(notes.n && notes.note[0].line == 2, "at the series' first row");
		ind_trend_notes_free(&notes);

		s = series_of(pts, years, negative, 6);
		ind_trend_series(set, &s, &o, &ln, NULL, &tally, &notes);
		OK(notes.n == 1 && tally.nonpositive == 1 && notes.note[0].file == NULL, "values <= 0: a warning without a place");
		OK_STR(notes.n ? notes.note[0].text : "", "series 'R, x' has values <= 0; no annual percent change", "its words");
		ind_trend_notes_free(&notes);

		s = series_of(pts, years, rising, 2);
		o.trend.season = &(const int){ 1 };
		ind_trend_series(set, &s, &o, &ln, NULL, &tally, &notes);
		OK(notes.n == 2 && tally.short_series == 1, "two values, --seasonal on years: two warnings in order");
		OK_STR(notes.n == 2 ? notes.note[0].text : "",
		       "series 'R, x': --seasonal needs monthly or quarterly periods; not seasonal", "first the season");
		OK_STR(notes.n == 2 ? notes.note[1].text : "", "series 'R, x': 2 values; no trend statistics", "then the count");
		ind_trend_notes_free(&notes);
		o.trend.season = NULL;

		{
			static const char *const mixed[] = { "2018", "2019", "2020-01", "2021", "2022", "2023" };
			s = series_of(pts, mixed, rising, 6);
			ind_trend_series(set, &s, &o, &ln, NULL, &tally, &notes);
			ind_trend_notes_free(&notes);
			ind_trend_series(set, &s, &o, &ln, NULL, &tally, &notes);
			OK(tally.mixed == 2 && notes.n == 0, "mixed granularities: warned once in a run, counted each time");
			ind_trend_notes_free(&notes);
		}
		ind_line_free(&ln);
		ind_series_set_free(set);
	}
	{
		/* the whole run over a file: rows with their fits, messages through the warning sink */
		char in[256], outp[256], line[512];
		const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
		const char *inputs[1] = { in };
		FILE *fp, *msgs = tmpfile();
		struct ind_trend_run r = { 0 };
		int rc, nlines = 0;
		snprintf(in, sizeof in, "%s/test_trendrun_in.csv", tmp);
		snprintf(outp, sizeof outp, "%s/test_trendrun_out.csv", tmp);
		if (!(fp = fopen(in, "w")) || !msgs)
			return 99;
		fputs("region,indicator,period,value\nA,x,2020,1\nA,x,2021,2\nA,x,2022,4\nB,x,2020,1\nB,x,2021,1\n", fp);
		fclose(fp);
		ind_jp_opts_init(&r.jp, 0);
		ind_trend_run_columns(&r);
		rc = run_to(msgs, &r, inputs, outp);
		OK(rc == 0, "a run: exit 0");
		if ((fp = fopen(outp, "r"))) {
			if (fgets(line, sizeof line, fp))
				OK_STR(line, "region,indicator,period,value,fit,fit_lo,fit_hi\n", "the header, the fit columns added");
			while (fgets(line, sizeof line, fp))
				nlines++;
			fclose(fp);
		}
		OK(nlines == 5, "every row with its fits (%d)", nlines);
		rewind(msgs);
		OK(fgets(line, sizeof line, msgs) && strstr(line, "series 'A, x': too few pairs for Sen's slope interval"),
		   "the messages of the first series");
		OK(fgets(line, sizeof line, msgs) && strstr(line, "in.csv:5: series 'B, x': 2 values; no trend statistics"),
		   "then the short series, at its first row");
		OK(fgets(line, sizeof line, msgs) && strstr(line, "5 rows read, 2 series, 0 rejected"), "then the closing words");
		if (!(fp = fopen(in, "a")))
			return 99;
		fputs("B,x,2021,3\n", fp);
		fclose(fp);
		remove(outp);
		rc = run_to(msgs, &r, inputs, outp);
		OK(rc == 1 && !(fp = fopen(outp, "r")), "a duplicate period: exit 1, no output");
		fclose(msgs);
		remove(in);
	}
	return tap_done();
}
