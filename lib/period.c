/* period.c - periods in all the spellings Finnish and international exports use. See LICENSE. */
#include "period.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

bool ind_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int ind_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && ind_is_leap(y) ? 29 : days[m - 1];
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
long ind_days_from_civil(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void ind_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 1 = Monday ... 7 = Sunday */
static int weekday(long days) { return (int)((((days + 3) % 7) + 7) % 7) + 1; }

int ind_iso_weeks_in_year(int y)
{
	/* A year has 53 ISO weeks when it starts on Thursday, or on Wednesday in a leap year. */
	int jan1 = weekday(ind_days_from_civil(y, 1, 1));
	return jan1 == 4 || (jan1 == 3 && ind_is_leap(y)) ? 53 : 52;
}

/* Read 1..maxd digits at *s; returns -1 if none. */
static int digits(const char **s, const char *end, int maxd, int *ndig)
{
	int v = 0, k = 0;
	while (*s < end && k < maxd && **s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		(*s)++;
		k++;
	}
	if (ndig)
		*ndig = k;
	return k ? v : -1;
}

static bool fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return false;
}

static bool set_month(struct ind_period *p, int y, int m, const char **why)
{
	if (m < 1 || m > 12)
		return fail(why, "month out of range 1-12");
	p->kind = IND_PERIOD_MONTH;
	p->year = y;
	p->sub = m;
	return true;
}

static bool set_day(struct ind_period *p, int y, int m, int d, const char **why)
{
	if (m < 1 || m > 12)
		return fail(why, "month out of range 1-12");
	if (d < 1 || d > ind_days_in_month(y, m))
		return fail(why, "no such day in that month");
	p->kind = IND_PERIOD_DAY;
	p->year = y;
	p->sub = m;
	p->day = d;
	return true;
}

/* Finnish month stems; the full name adds "kuu" (tammi, tammikuu). UTF-8, lower case. */
static const char *const fi_months[12] = {
	"tammi", "helmi", "maalis", "huhti", "touko", "kes\xc3\xa4",
	"hein\xc3\xa4", "elo", "syys", "loka", "marras", "joulu",
};

/* Does [s, end) start with word, ASCII case ignored? Moves *s past it if so. */
static bool word_at(const char **s, const char *end, const char *word)
{
	const char *t = *s;
	for (; *word; word++, t++) {
		unsigned char c = t < end ? (unsigned char)*t : 0;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char)*word)
			return false;
	}
	*s = t;
	return true;
}

/* A Finnish month name at *s: 1-12 and *s moved past it, or 0 and *s unchanged. */
static int fi_month(const char **s, const char *end)
{
	for (int m = 0; m < 12; m++) {
		const char *t = *s;
		if (word_at(&t, end, fi_months[m])) {
			word_at(&t, end, "kuu");
			if (t == end || *t == ' ') {	/* a whole word: "elokuva" is no month */
				*s = t;
				return m + 1;
			}
		}
	}
	return 0;
}

static const char *spaces(const char *s, const char *end)
{
	while (s < end && *s == ' ')
		s++;
	return s;
}

bool ind_period_parse_yyyymm(const char *s, size_t n, struct ind_period *p)
{
	const char *end = s + n;
	int v = 0;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	memset(p, 0, sizeof *p);
	if (end - s != 6 || *s == '0')
		return false;
	for (const char *t = s; t < end; t++) {
		if (*t < '0' || *t > '9')
			return false;
		v = v * 10 + (*t - '0');
	}
	return set_month(p, v / 100, v % 100, NULL);
}

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

/*
 * The two commonest cells, "2021" and "2021-03", as the grammar below reads
 * them (it gives the same), without it. False for anything else.
 */
static bool parse_usual(const char *s, size_t n, struct ind_period *p, const char **why, bool *ok)
{
	if (n < 4 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
		return false;
	if (n == 4) {
		memset(p, 0, sizeof *p);
		p->kind = IND_PERIOD_YEAR;
		p->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		return *ok = true;
	}
	if (n == 7 && s[4] == '-' && is_digit(s[5]) && is_digit(s[6])) {
		memset(p, 0, sizeof *p);
		*ok = set_month(p, (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
				(s[5] - '0') * 10 + (s[6] - '0'), why);
		return true;
	}
	return false;
}

bool ind_period_parse_column(const char *s, size_t n, struct ind_period *p, const char **why)
{
	size_t a = 0, b = n, digits = 0;
	bool ok;
	if (parse_usual(s, n, p, why, &ok))
		return ok;
	while (a < b && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
		b--;
	while (a + digits < b && s[a + digits] >= '0' && s[a + digits] <= '9')
		digits++;
	if (digits == 6 && a + digits == b) {
		if (ind_period_parse_yyyymm(s + a, 6, p))
			return true;
		return fail(why, "six digits but not a month YYYYMM (year 1000-9999, month 01-12)");
	}
	return ind_period_parse(s, n, p, why);
}

bool ind_period_parse(const char *str, size_t n, struct ind_period *p, const char **why)
{
	const char *s = str, *end = str + n;
	int a, b, c, na, nb, nc;
	char sep;
	bool ok;

	if (parse_usual(str, n, p, why, &ok))
		return ok;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	memset(p, 0, sizeof *p);
	if (s == end)
		return fail(why, "empty period");

	a = digits(&s, end, 9, &na);
	if (a < 0 && (b = fi_month(&s, end)) != 0) {	/* tammikuu 2021, Tammi 2021 */
		s = spaces(s, end);
		a = digits(&s, end, 4, &na);
		if (na != 4 || s != end)
			return fail(why, "a month name needs a 4-digit year (tammikuu 2021)");
		return set_month(p, a, b, why);
	}
	if (a < 0 && !(*s == '-' || *s == '+' || *s == '.'))
		return fail(why, "not a period");
	if (na == 4) {
		const char *t;
		if (s == end) {
			p->kind = IND_PERIOD_YEAR;
			p->year = a;
			return true;
		}
		t = spaces(s, end);
		if (t > s && (b = fi_month(&t, end)) != 0) {	/* 2021 tammikuu */
			if (t != end)
				return fail(why, "not a period");
			return set_month(p, a, b, why);
		}
		/* 2021Q3, 2021-Q3, 2021 Q3; K is "kvartaali" in Finnish exports */
		if (*s == '-')
			t = s + 1;
		if (t < end && *t && strchr("QqKkWw", *t))
			s = t;
		sep = *s;
		switch (sep) {
		case 'Q': case 'q': case 'K': case 'k':
			s++;
			b = digits(&s, end, 1, &nb);
			if (b < 1 || b > 4 || s != end)
				return fail(why, sep == 'Q' || sep == 'q' ? "quarter must be Q1-Q4" : "quarter must be K1-K4");
			p->kind = IND_PERIOD_QUARTER;
			p->year = a;
			p->sub = b;
			return true;
		case 'W': case 'w':
			s++;
			b = digits(&s, end, 2, &nb);
			if (b < 1 || s != end || b > ind_iso_weeks_in_year(a))
				return fail(why, "no such ISO week in that year");
			p->kind = IND_PERIOD_WEEK;
			p->year = a;
			p->sub = b;
			return true;
		case 'M': case 'm': case '/':	/* 2021M03 (PxWeb), 2021/03, 2021/3 */
			s++;
			b = digits(&s, end, 2, &nb);
			if (b < 0 || s != end)
				return fail(why, "not a month (2021M03, 2021/03)");
			return set_month(p, a, b, why);
		case '-':
			s++;
			b = digits(&s, end, 2, &nb);
			if (b < 0)
				return fail(why, "not a period");
			if (s == end)
				return set_month(p, a, b, why);
			if (*s != '-')
				return fail(why, "not a period");
			s++;
			c = digits(&s, end, 2, &nc);
			if (c < 0 || s != end)
				return fail(why, "not a date (YYYY-MM-DD)");
			return set_day(p, a, b, c, why);
		default:
			break;
		}
	} else if (na >= 1 && na <= 2 && s < end && (*s == '/' || *s == '.')) {
		/* 03/2021, 3.2021, 15.3.2021 */
		const char *save = s;
		sep = *s++;
		b = digits(&s, end, 4, &nb);
		if (nb == 4 && s == end && (sep == '/' || (a >= 1 && a <= 12)))
			return set_month(p, b, a, why);	/* "0.3202" and "13.2021" are numbers */
		if (sep == '.' && nb >= 1 && nb <= 2 && s < end && *s == '.') {
			s++;
			c = digits(&s, end, 4, &nc);
			if (nc == 4 && s == end)
				return set_day(p, c, b, a, why);
		}
		s = save;
	}

	/* Anything else must be a plain number: numeric time. */
	{
		struct ind_num num;
		if (ind_num_parse(str, n, '.', IND_DASH_MISSING, &num) == IND_NUM_OK) {
			p->kind = IND_PERIOD_NUMERIC;
			p->num = num.value;
			return true;
		}
	}
	return fail(why, "not a period (expected e.g. 2021, 2021-Q3, 2021-03, 2021-W05, 2021-03-15)");
}

/* Zero-padded decimal digits: snprintf would be the slowest step of a loader's row. */
static const char two_digits[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
				 "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
				 "8081828384858687888990919293949596979899";

static char *put_digits(char *p, int v, int width)
{
	char tmp[12];
	int n = 0;
	if (v < 0)
		v = 0;
	if (width == 2 && v < 100) {
		memcpy(p, two_digits + 2 * v, 2);
		return p + 2;
	}
	if (width == 4 && v < 10000) {
		memcpy(p, two_digits + 2 * (v / 100), 2);
		memcpy(p + 2, two_digits + 2 * (v % 100), 2);
		return p + 4;
	}
	do
		tmp[n++] = (char)('0' + v % 10), v /= 10;
	while (v > 0 && n < 11);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

const char *ind_period_window_parse(const char *s, struct ind_period *from, struct ind_period *to,
				    const char **bad, int *badlen)
{
	const char *dots = strstr(s, ".."), *why = "expected FROM..TO, e.g. 2020-03..2020-12";
	const char *part = s;
	size_t n = strlen(s);

	if (dots) {
		n = (size_t)(dots - s);
		if (ind_period_parse(s, n, from, &why)) {
			part = dots + 2;
			n = strlen(part);
			if (ind_period_parse(part, n, to, &why))
				return NULL;
		}
	}
	if (bad) {
		*bad = part;
		*badlen = n > INT_MAX ? INT_MAX : (int)n;
	}
	return why;
}

size_t ind_period_text(const struct ind_period *p, char buf[IND_PERIOD_TEXT_MAX])
{
	char *o = buf;

	if (p->kind == IND_PERIOD_NUMERIC) {
		/* a number must not read back as a year or a month: 2202 is 2202e0, 3.2021 is 3.2021e0 */
		struct ind_period back;
		size_t n = strlen(ind_num_format(p->num, buf));
		if (ind_period_parse(buf, n, &back, NULL) && back.kind != IND_PERIOD_NUMERIC && n + 3 < IND_PERIOD_TEXT_MAX)
			strcpy(buf + n, "e0"), n += 2;
		return n;
	}
	o = put_digits(o, p->year, 4);
	switch (p->kind) {
	case IND_PERIOD_QUARTER:
		*o++ = '-', *o++ = 'Q';
		o = put_digits(o, p->sub, 1);
		break;
	case IND_PERIOD_MONTH:
		*o++ = '-';
		o = put_digits(o, p->sub, 2);
		break;
	case IND_PERIOD_WEEK:
		*o++ = '-', *o++ = 'W';
		o = put_digits(o, p->sub, 2);
		break;
	case IND_PERIOD_DAY:
		*o++ = '-';
		o = put_digits(o, p->sub, 2);
		*o++ = '-';
		o = put_digits(o, p->day, 2);
		break;
	case IND_PERIOD_YEAR:
	case IND_PERIOD_NUMERIC:
	default:
		break;
	}
	*o = '\0';
	return (size_t)(o - buf);
}

const char *ind_period_format(const struct ind_period *p, char buf[IND_PERIOD_TEXT_MAX])
{
	ind_period_text(p, buf);
	return buf;
}

double ind_period_time(const struct ind_period *p)
{
	switch (p->kind) {
	case IND_PERIOD_YEAR:
		return p->year;
	case IND_PERIOD_QUARTER:
		return p->year + (p->sub - 1) / 4.0;
	case IND_PERIOD_MONTH:
		return p->year + (p->sub - 1) / 12.0;
	case IND_PERIOD_WEEK:
		return p->year + (p->sub - 1) / (double)ind_iso_weeks_in_year(p->year);
	case IND_PERIOD_DAY: {
		long doy = ind_days_from_civil(p->year, p->sub, p->day) - ind_days_from_civil(p->year, 1, 1);
		return p->year + doy / (ind_is_leap(p->year) ? 366.0 : 365.0);
	}
	case IND_PERIOD_NUMERIC:
	default:
		return p->num;
	}
}

double ind_period_end_time(const struct ind_period *p)
{
	struct ind_period next = *p;
	long days;

	switch (p->kind) {
	case IND_PERIOD_YEAR:
		return p->year + 1;
	case IND_PERIOD_QUARTER:
		return p->year + p->sub / 4.0;
	case IND_PERIOD_MONTH:
		return p->year + p->sub / 12.0;
	case IND_PERIOD_WEEK:
		if (p->sub == ind_iso_weeks_in_year(p->year))
			return p->year + 1;
		return p->year + p->sub / (double)ind_iso_weeks_in_year(p->year);
	case IND_PERIOD_DAY:
		days = ind_days_from_civil(p->year, p->sub, p->day) + 1;
		ind_civil_from_days(days, &next.year, &next.sub, &next.day);
		if (next.year != p->year)
			return p->year + 1;
		return ind_period_time(&next);
	case IND_PERIOD_NUMERIC:
	default:
		return p->num;
	}
}

int ind_period_cmp(const struct ind_period *a, const struct ind_period *b)
{
	double ta = ind_period_time(a), tb = ind_period_time(b);
	if (ta < tb)
		return -1;
	if (ta > tb)
		return 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return 0;
}

void ind_iso_week(int y, int m, int d, int *week_year, int *week)
{
	long days = ind_days_from_civil(y, m, d);
	long thursday = days - (weekday(days) - 1) + 3;	/* the Thursday decides the year */
	int ty, tm, td;

	ind_civil_from_days(thursday, &ty, &tm, &td);
	*week_year = ty;
	*week = (int)((thursday - ind_days_from_civil(ty, 1, 1)) / 7 + 1);
}

bool ind_date_parse(const char *s, size_t n, long *days, const char **why)
{
	const char *end = s + n, *cut;
	struct ind_period p;

	while (s < end && *s == ' ')
		s++;
	while (end > s && end[-1] == ' ')
		end--;
	/* the common case first: exactly YYYY-MM-DD, maybe followed by a time */
	if (end - s >= 10 && s[4] == '-' && s[7] == '-' && (end - s == 10 || s[10] == 'T' || s[10] == ' ')) {
		int y = 0, m, d;
		for (int i = 0; i < 4; i++) {
			if (s[i] < '0' || s[i] > '9')
				return fail(why, "not a date");
			y = y * 10 + (s[i] - '0');
		}
		if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9' || s[8] < '0' || s[8] > '9' || s[9] < '0' ||
		    s[9] > '9')
			return fail(why, "not a date");
		m = (s[5] - '0') * 10 + (s[6] - '0');
		d = (s[8] - '0') * 10 + (s[9] - '0');
		if (m < 1 || m > 12)
			return fail(why, "month out of range 1-12");
		if (d < 1 || d > ind_days_in_month(y, m))
			return fail(why, "no such day in that month");
		*days = ind_days_from_civil(y, m, d);
		return true;
	}
	cut = s;
	while (cut < end && *cut != 'T' && *cut != ' ')
		cut++;
	if (!ind_period_parse(s, (size_t)(cut - s), &p, why))
		return false;
	if (p.kind != IND_PERIOD_DAY)
		return fail(why, "not a date (expected YYYY-MM-DD or D.M.YYYY)");
	*days = ind_days_from_civil(p.year, p.sub, p.day);
	return true;
}
