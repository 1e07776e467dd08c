/* test_period.c - period spellings, canonical forms and decimal years. See LICENSE. */
#include <stdio.h>
#include <string.h>

#include "period.h"
#include "tap.h"

static void ok_period(const char *in, const char *canon, double t)
{
	struct ind_period p;
	char buf[IND_PERIOD_TEXT_MAX];
	const char *why = NULL;
	bool ok = ind_period_parse(in, strlen(in), &p, &why);
	OK(ok, "'%s' is a period%s%s", in, ok ? "" : ": ", ok ? "" : why);
	if (ok) {
		OK_STR(ind_period_format(&p, buf), canon, "'%s' canonical", in);
		OK_NEAR(ind_period_time(&p), t, 1e-15, "'%s' decimal year", in);
	}
}

static void bad_period(const char *in, const char *why_want)
{
	struct ind_period p;
	const char *why = NULL;
	OK(!ind_period_parse(in, strlen(in), &p, &why), "'%s' is refused", in);
	if (why)
		OK_STR(why, why_want, "'%s' reason", in);
}

static void ok_yyyymm(const char *in, int y, int m)
{
	struct ind_period p;
	OK(ind_period_parse_yyyymm(in, strlen(in), &p) && p.kind == IND_PERIOD_MONTH && p.year == y && p.sub == m,
	   "YYYYMM '%s' is %04d-%02d", in, y, m);
}

static void bad_yyyymm(const char *in)
{
	struct ind_period p;
	OK(!ind_period_parse_yyyymm(in, strlen(in), &p), "YYYYMM '%s' is refused", in);
}

#define NOT_A_PERIOD "not a period (expected e.g. 2021, 2021-Q3, 2021-03, 2021-W05, 2021-03-15)"

int main(void)
{
	ok_period("2021", "2021", 2021);
	ok_period("2021Q3", "2021-Q3", 2021.5);
	ok_period("2021-Q3", "2021-Q3", 2021.5);
	ok_period("2021q1", "2021-Q1", 2021);
	ok_period("2021M03", "2021-03", 2021 + 2 / 12.0);
	ok_period("2021-03", "2021-03", 2021 + 2 / 12.0);
	ok_period("03/2021", "2021-03", 2021 + 2 / 12.0);
	ok_period("3/2021", "2021-03", 2021 + 2 / 12.0);
	ok_period("3.2021", "2021-03", 2021 + 2 / 12.0);
	ok_period("12.2021", "2021-12", 2021 + 11 / 12.0);
	ok_period("2021-03-15", "2021-03-15", 2021 + (31 + 28 + 14) / 365.0);
	ok_period("15.3.2021", "2021-03-15", 2021 + (31 + 28 + 14) / 365.0);
	ok_period("29.2.2024", "2024-02-29", 2024 + (31 + 28) / 366.0);
	ok_period("2021W05", "2021-W05", 2021 + 4 / 52.0);
	ok_period("2021-W05", "2021-W05", 2021 + 4 / 52.0);
	ok_period("2020-W53", "2020-W53", 2020 + 52 / 53.0);	/* 2020 has 53 ISO weeks */
	ok_period(" 2019 ", "2019", 2019);
	ok_period("338.8", "338.8", 338.8);
	ok_period("12", "12", 12);

	/* quarters: K is "kvartaali" in Finnish exports, and some put a space before Q */
	ok_period("2023Q1", "2023-Q1", 2023);
	ok_period("2023-Q1", "2023-Q1", 2023);
	ok_period("2023 Q1", "2023-Q1", 2023);
	ok_period("2023  q2", "2023-Q2", 2023.25);
	ok_period("2023K1", "2023-Q1", 2023);
	ok_period("2023K4", "2023-Q4", 2023.75);
	ok_period("2023k3", "2023-Q3", 2023.5);
	ok_period("2023-K2", "2023-Q2", 2023.25);
	ok_period("2023 K2", "2023-Q2", 2023.25);
	ok_period("2023 W05", "2023-W05", 2023 + 4 / 52.0);
	/* months: PxWeb 2023M01 and year/month */
	ok_period("2023M01", "2023-01", 2023);
	ok_period("2023/01", "2023-01", 2023);
	ok_period("2023/1", "2023-01", 2023);
	ok_period("2023/12", "2023-12", 2023 + 11 / 12.0);
	/* Finnish month names: stem or full name, before or after the year */
	{
		static const char *const names[12] = { "tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu",
			"kes\xc3\xa4kuu", "hein\xc3\xa4kuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu" };
		for (int m = 0; m < 12; m++) {
			char in[40], canon[8];
			size_t n = strlen(names[m]);
			snprintf(canon, sizeof canon, "2023-%02d", m + 1);
			snprintf(in, sizeof in, "%s 2023", names[m]);
			ok_period(in, canon, 2023 + m / 12.0);
			snprintf(in, sizeof in, "%.*s 2023", (int)(n - 3), names[m]);	/* the stem: tammi 2023 */
			ok_period(in, canon, 2023 + m / 12.0);
			snprintf(in, sizeof in, "2023 %s", names[m]);
			ok_period(in, canon, 2023 + m / 12.0);
		}
	}
	ok_period("Tammi 2023", "2023-01", 2023);
	ok_period("TAMMIKUU 2023", "2023-01", 2023);
	ok_period("Kes\xc3\xa4kuu 2021", "2021-06", 2021 + 5 / 12.0);
	ok_period("kes\xc3\xa4  2021", "2021-06", 2021 + 5 / 12.0);
	ok_period(" Joulukuu 2021 ", "2021-12", 2021 + 11 / 12.0);
	ok_period("2021  Elo", "2021-08", 2021 + 7 / 12.0);

	/* found by fuzzing: numeric time must not come back as a year or a month */
	{
		struct ind_period p, q;
		char buf[IND_PERIOD_TEXT_MAX];
		const char *inputs[] = { "002202", "2021.0", "3.20210", "1e3", ".32020", "0.3202" };
		for (int i = 0; i < 6; i++) {
			bool ok = ind_period_parse(inputs[i], strlen(inputs[i]), &p, NULL) && p.kind == IND_PERIOD_NUMERIC;
			ind_period_format(&p, buf);
			OK(ok && ind_period_parse(buf, strlen(buf), &q, NULL) && q.kind == IND_PERIOD_NUMERIC && q.num == p.num,
			   "numeric '%s' formats as '%s' and reads back as the same number", inputs[i], buf);
		}
	}

	/* canonical text and its length, against printf's, for every year and every sub-period kind */
	{
		char buf[IND_PERIOD_TEXT_MAX], want[64];
		long texts = 0, differ = 0;
		for (int year = 0; year <= 9999; year++) {
			for (int kind = 0; kind < 5; kind++) {
				struct ind_period p = { .year = year };
				int subs = kind == 0 ? 1 : kind == 1 ? 4 : kind == 2 ? 12 : kind == 3 ? 53 : 12;
				for (int sub = 1; sub <= subs; sub++) {
					switch (kind) {
					case 0: p.kind = IND_PERIOD_YEAR, p.sub = 0, snprintf(want, sizeof want, "%04d", year); break;
					case 1: p.kind = IND_PERIOD_QUARTER, p.sub = sub, snprintf(want, sizeof want, "%04d-Q%d", year, sub); break;
					case 2: p.kind = IND_PERIOD_MONTH, p.sub = sub, snprintf(want, sizeof want, "%04d-%02d", year, sub); break;
					case 3: p.kind = IND_PERIOD_WEEK, p.sub = sub, snprintf(want, sizeof want, "%04d-W%02d", year, sub); break;
					default: p.kind = IND_PERIOD_DAY, p.sub = sub, p.day = 1 + (year + sub) % 28,
						 snprintf(want, sizeof want, "%04d-%02d-%02d", year, sub, p.day); break;
					}
					texts++;
					if (ind_period_text(&p, buf) != strlen(want) || strcmp(buf, want) != 0)
						if (differ++ < 5)
							OK(0, "'%s' formats as '%s'", want, buf);
				}
			}
		}
		OK(differ == 0, "%ld periods format as printf writes them, with their length", texts);
	}

	bad_period("2021-13", "month out of range 1-12");
	bad_period("2021M00", "month out of range 1-12");
	bad_period("30.2.2021", "no such day in that month");
	bad_period("2021-02-29", "no such day in that month");
	bad_period("2021Q5", "quarter must be Q1-Q4");
	bad_period("2021-W53", "no such ISO week in that year");
	bad_period("", "empty period");
	bad_period("spring", "not a period");
	bad_period("2021-03-15x", "not a date (YYYY-MM-DD)");
	bad_period("2023K5", "quarter must be K1-K4");
	bad_period("2023K0", "quarter must be K1-K4");
	bad_period("2023 K12", "quarter must be K1-K4");
	bad_period("2023k", "quarter must be K1-K4");
	bad_period("2023 Q5", "quarter must be Q1-Q4");
	bad_period("2023 Q1x", "quarter must be Q1-Q4");
	bad_period("202K1", NOT_A_PERIOD);	/* a year has four digits */
	bad_period("202 Q1", NOT_A_PERIOD);
	bad_period("2023 -Q1", NOT_A_PERIOD);
	bad_period("2023M13", "month out of range 1-12");
	bad_period("2023Mx", "not a month (2021M03, 2021/03)");
	bad_period("2023/13", "month out of range 1-12");
	bad_period("2023/0", "month out of range 1-12");
	bad_period("2023/", "not a month (2021M03, 2021/03)");
	bad_period("2023/001", "not a month (2021M03, 2021/03)");
	bad_period("2023/01x", "not a month (2021M03, 2021/03)");
	bad_period("202/01", NOT_A_PERIOD);
	bad_period("tammikuu", "a month name needs a 4-digit year (tammikuu 2021)");
	bad_period("tammikuu 23", "a month name needs a 4-digit year (tammikuu 2021)");
	bad_period("tammikuu 20231", "a month name needs a 4-digit year (tammikuu 2021)");
	bad_period("tammikuu 2023x", "a month name needs a 4-digit year (tammikuu 2021)");
	bad_period("tammikuu 2023 1", "a month name needs a 4-digit year (tammikuu 2021)");
	bad_period("tammikuu2023", "not a period");	/* the year is a word of its own */
	bad_period("tammikuuta 2023", "not a period");
	bad_period("elokuva 2023", "not a period");
	bad_period("kesakuu 2021", "not a period");	/* the umlaut is part of the name */
	bad_period("KES\xc3\x84KUU 2021", "not a period");	/* ASCII case only, like column names */
	bad_period("2023 tammikuux", NOT_A_PERIOD);
	bad_period("2023 tammikuu 1", "not a period");
	bad_period("2023tammikuu", NOT_A_PERIOD);

	/* YYYYMM only through its own function: alone, 202301 is a number */
	ok_period("202301", "202301", 202301);
	ok_yyyymm("202301", 2023, 1);
	ok_yyyymm("202312", 2023, 12);
	ok_yyyymm("100001", 1000, 1);
	ok_yyyymm("999912", 9999, 12);
	ok_yyyymm(" 202106 ", 2021, 6);
	bad_yyyymm("202313");
	bad_yyyymm("202300");
	bad_yyyymm("099912");	/* year 999 */
	bad_yyyymm("20231");
	bad_yyyymm("2023011");
	bad_yyyymm("2023-1");
	bad_yyyymm("20230a");
	bad_yyyymm("+20231");
	bad_yyyymm("");
	/* a period column's cell: six digits are a month or an error, never the number */
	{
		struct ind_period p;
		const char *why = NULL;
		OK(ind_period_parse_column("202301", 6, &p, &why) && p.kind == IND_PERIOD_MONTH && p.year == 2023 &&
		   p.sub == 1, "column cell 202301 is 2023-01");
		OK(ind_period_parse_column(" 202412\t", 8, &p, &why) && p.kind == IND_PERIOD_MONTH && p.sub == 12,
		   "column cell ' 202412' is 2024-12");
		OK(!ind_period_parse_column("202313", 6, &p, &why), "column cell 202313 is refused");
		OK_STR(why, "six digits but not a month YYYYMM (year 1000-9999, month 01-12)", "202313 reason");
		OK(!ind_period_parse_column("012023", 6, &p, &why), "column cell 012023 is refused");
		OK(!ind_period_parse_column("202300", 6, &p, &why), "column cell 202300 is refused");
		OK(ind_period_parse_column("2023", 4, &p, &why) && p.kind == IND_PERIOD_YEAR, "column cell 2023 is a year");
		OK(ind_period_parse_column("20231", 5, &p, &why) && p.kind == IND_PERIOD_NUMERIC,
		   "column cell 20231 is a number");
		OK(ind_period_parse_column("202301.5", 8, &p, &why) && p.kind == IND_PERIOD_NUMERIC,
		   "column cell 202301.5 is a number");
		OK(ind_period_parse_column("2023M01", 7, &p, &why) && p.kind == IND_PERIOD_MONTH,
		   "column cell 2023M01 is a month");
	}

	{	/* ISO weeks around New Year */
		int y, w;
		ind_iso_week(2021, 1, 3, &y, &w);
		OK(y == 2020 && w == 53, "2021-01-03 is in 2020-W53");
		ind_iso_week(2019, 12, 30, &y, &w);
		OK(y == 2020 && w == 1, "2019-12-30 is in 2020-W01");
		ind_iso_week(2021, 3, 15, &y, &w);
		OK(y == 2021 && w == 11, "2021-03-15 is in 2021-W11");
	}
	{	/* day arithmetic round trip over four centuries */
		int bad = 0;
		for (long d = -150000; d < 150000; d += 7) {
			int y, m, dd;
			ind_civil_from_days(d, &y, &m, &dd);
			bad += ind_days_from_civil(y, m, dd) != d;
		}
		OK(bad == 0, "civil <-> days round trip");
		OK(ind_days_from_civil(1970, 1, 1) == 0 && ind_days_from_civil(2000, 3, 1) == 11017,
		   "days since the epoch");
	}
	{	/* ordering and ranges */
		struct ind_period a, b;
		ind_period_parse("2019", 4, &a, NULL);
		ind_period_parse("2019-12", 7, &b, NULL);
		OK(ind_period_cmp(&a, &b) < 0 && ind_period_cmp(&b, &a) > 0 && ind_period_cmp(&a, &a) == 0,
		   "2019 < 2019-12");
		OK(ind_period_end_time(&a) == 2020 && ind_period_end_time(&b) == 2020, "both end at 2020");
		ind_period_parse("2021-12-31", 10, &a, NULL);
		OK(ind_period_end_time(&a) == 2022, "last day ends the year");
	}
	{	/* FROM..TO windows: the part at fault is named */
		struct ind_period f, t;
		const char *bad = NULL;
		int n = -1;
		OK(ind_period_window_parse("2020-03..2020-12", &f, &t, &bad, &n) == NULL &&
		   ind_period_time(&f) == 2020 + 2.0 / 12 && ind_period_end_time(&t) == 2021, "2020-03..2020-12");
		OK(ind_period_window_parse("2019..2020Q2", &f, &t, NULL, NULL) == NULL && f.kind == IND_PERIOD_YEAR &&
		   t.kind == IND_PERIOD_QUARTER, "mixed kinds");
		OK(strcmp(ind_period_window_parse("2020", &f, &t, &bad, &n), "expected FROM..TO, e.g. 2020-03..2020-12") == 0 &&
		   n == 4 && strncmp(bad, "2020", 4) == 0, "no '..': the whole text");
		OK(ind_period_window_parse("2020-13..2021", &f, &t, &bad, &n) != NULL && n == 7 && strncmp(bad, "2020-13", 7) == 0,
		   "bad FROM");
		OK(ind_period_window_parse("2020..x", &f, &t, &bad, &n) != NULL && n == 1 && *bad == 'x', "bad TO");
		OK(ind_period_window_parse("2020..", &f, &t, &bad, &n) != NULL && n == 0, "empty TO");
		OK(ind_period_window_parse("tammikuu 2023..2023/06", &f, &t, NULL, NULL) == NULL &&
		   ind_period_time(&f) == 2023 && ind_period_end_time(&t) == 2023.5, "tammikuu 2023..2023/06");
	}
	/* "YYYY" and "YYYY-MM" are read by a shortcut: a leading blank sends the same text through the whole
	 * grammar, which must agree for every year 0000-9999 and every month 00-99 (kind, fields, message) */
	{
		long differ = 0, texts = 0;
		char text[16], blank[20];
		for (int y = 0; y <= 9999; y++)
			for (int m = -1; m <= 99; m++, texts++) {
				struct ind_period a, b;
				const char *wa = NULL, *wb = NULL;
				int n = m < 0 ? snprintf(text, sizeof text, "%04d", y) : snprintf(text, sizeof text, "%04d-%02d", y, m);
				snprintf(blank, sizeof blank, " %s", text);
				bool oka = ind_period_parse(text, (size_t)n, &a, &wa), okb = ind_period_parse(blank, (size_t)n + 1, &b, &wb);
				bool okc = ind_period_parse_column(text, (size_t)n, &a, &wa);
				if (oka != okb || okc != okb || (okb && (a.kind != b.kind || a.year != b.year || a.sub != b.sub || a.day != b.day)) ||
				    (!okb && (!wa || !wb || strcmp(wa, wb) != 0)))
					differ++;
			}
		OK(differ == 0 && texts == 1010000, "every YYYY and YYYY-MM: the shortcut reads what the grammar reads "
		   "(%ld texts, %ld differ)", texts, differ);
	}
	return tap_done();
}
