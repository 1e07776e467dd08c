/* period.h - time periods: parsing the forms exports use, canonical text, decimal years. See LICENSE. */
#ifndef IND_PERIOD_H
#define IND_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Every statistic in the suite runs on decimal years, so a slope is "per
 * year" whatever the granularity. Kinds are ordered from coarse to fine.
 */
enum ind_period_kind {
	IND_PERIOD_YEAR,	/* 2021 */
	IND_PERIOD_QUARTER,	/* 2021-Q3 */
	IND_PERIOD_MONTH,	/* 2021-03 */
	IND_PERIOD_WEEK,	/* 2021-W05, ISO 8601 week-numbering year */
	IND_PERIOD_DAY,		/* 2021-03-15 */
	IND_PERIOD_NUMERIC	/* a plain number used as time as it stands */
};

struct ind_period {
	enum ind_period_kind kind;
	int year;	/* ISO week-numbering year for IND_PERIOD_WEEK */
	int sub;	/* quarter 1-4, month 1-12, week 1-53; 0 for a year */
	int day;	/* day of month for IND_PERIOD_DAY */
	double num;	/* IND_PERIOD_NUMERIC only */
};

#define IND_PERIOD_TEXT_MAX 40

/*
 * Parse s[0..n): 2021; quarters 2021Q3, 2021-Q3, 2021 Q3 and the Finnish
 * 2021K3 (also -K3, " K3"); months 2021M03, 2021-03, 2021/03, 2021/3, 03/2021,
 * 3.2021 and Finnish month names with the year, "tammikuu 2021", "Tammi 2021",
 * "2021 tammikuu" (stem or full name, ASCII case ignored, UTF-8 "ä"); days
 * 2021-03-15, 15.3.2021; weeks 2021W05, 2021-W05, 2021 W05; plain numbers
 * (338.8). A 6-digit number such as 202103 stays a number: see below.
 * Returns false and sets *why (static text) for anything else, including
 * impossible dates (2021-13, 2021K5, 30.2.2021).
 */
bool ind_period_parse(const char *s, size_t n, struct ind_period *p, const char **why);

/*
 * The YYYYMM rule: true and a month only for exactly six digits (blanks
 * around ignored) with a year 1000-9999 and a month 01-12, e.g. 202103.
 */
bool ind_period_parse_yyyymm(const char *s, size_t n, struct ind_period *p);

/*
 * A cell of a period column (or a period column header): as ind_period_parse,
 * but six digits are always YYYYMM, and an error when they are not a month
 * (202313, 012021), never the number they would otherwise be. Decided cell by
 * cell, so no block cut or row order can change how a value is read.
 */
bool ind_period_parse_column(const char *s, size_t n, struct ind_period *p, const char **why);

/*
 * A window "FROM..TO" of two periods, e.g. 2020-03..2020-12. Returns NULL when it
 * parses; else the reason (static text) and, when bad is given, the part at fault in
 * *bad and *badlen: the whole text when ".." is missing, else the period that is not one.
 */
const char *ind_period_window_parse(const char *s, struct ind_period *from, struct ind_period *to,
				    const char **bad, int *badlen);

/* Canonical text: YYYY, YYYY-Qn, YYYY-MM, YYYY-Www, YYYY-MM-DD, or the number. */
const char *ind_period_format(const struct ind_period *p, char buf[IND_PERIOD_TEXT_MAX]);
/* The same, returning the text's length. */
size_t ind_period_text(const struct ind_period *p, char buf[IND_PERIOD_TEXT_MAX]);

/* Start of the period in decimal years: month m of y is y + (m-1)/12 etc. */
double ind_period_time(const struct ind_period *p);
/* Start of the following period (for inclusive ranges like --to 2019). */
double ind_period_end_time(const struct ind_period *p);

/* Order by start time, coarser kind first on ties; 0 only for the same period. */
int ind_period_cmp(const struct ind_period *a, const struct ind_period *b);

/* Calendar helpers shared with date handling. */
bool ind_is_leap(int year);
int ind_days_in_month(int year, int month);
int ind_iso_weeks_in_year(int year);
/* Days since 1970-01-01 (proleptic Gregorian), for date arithmetic. */
long ind_days_from_civil(int year, int month, int day);
void ind_civil_from_days(long days, int *year, int *month, int *day);
/*
 * A calendar date as event files write it: YYYY-MM-DD or D.M.YYYY, with an
 * optional time after 'T' or a space (ignored). Days since 1970-01-01 in
 * *days; false with *why for anything else, including 2021-02-30.
 */
bool ind_date_parse(const char *s, size_t n, long *days, const char **why);

/* ISO 8601 week of a date; the week's year may differ from y near New Year. */
void ind_iso_week(int y, int m, int d, int *week_year, int *week);

#endif
