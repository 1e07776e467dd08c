/* num.c - number cells as Finnish and English exports write them. See LICENSE. */
#include "num.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of a blank at s (space, tab, U+00A0, U+202F), 0 if none. */
static size_t blank_len(const unsigned char *s, const unsigned char *end)
{
	if (s < end && (*s == ' ' || *s == '\t'))
		return 1;
	if (end - s >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (end - s >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF)
		return 3;
	return 0;
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static bool ieq(const unsigned char *s, size_t n, const char *word)
{
	size_t i;
	if (strlen(word) != n)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != (unsigned char)word[i])
			return false;
	}
	return true;
}

static enum ind_num_status bad(struct ind_num *out, const char *why)
{
	out->why = why;
	return IND_NUM_BAD;
}

static enum ind_num_status ambiguous(struct ind_num *out, char decimal)
{
	out->bad = IND_NUM_BAD_AMBIGUOUS;
	out->why = decimal == ',' ? "ambiguous number (decimal mark is ',')" : "ambiguous number (decimal mark is '.')";
	return IND_NUM_BAD;
}

static enum ind_num_status wrong_mark(struct ind_num *out, char decimal)
{
	out->bad = IND_NUM_BAD_WRONG_MARK;
	out->why = decimal == ',' ? "uses '.' but the decimal mark is ','" : "uses ',' but the decimal mark is '.'";
	return IND_NUM_BAD;
}

static enum ind_num_status missing(struct ind_num *out, enum ind_missing kind)
{
	out->missing = kind;
	out->value = NAN;
	out->text[0] = '\0';
	out->len = 0;
	return IND_NUM_MISSING;
}

/*
 * The double of a canonical text. Up to 15 digits without an exponent the
 * mantissa and the power of ten are both exact doubles, so one division is
 * correctly rounded (Clinger's fast path) and much cheaper than strtod.
 */
static double text_value(const char *text)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
					1e12, 1e13, 1e14, 1e15 };
	const char *p = text;
	uint64_t mant = 0;
	int digits = 0, frac = -1;
	bool neg = *p == '-';

	if (neg)
		p++;
	for (; *p; p++) {
		if (*p == '.') {
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || ++digits > 15)
			return strtod(text, NULL);
		mant = mant * 10 + (uint64_t)(*p - '0');
		if (frac >= 0)
			frac++;
	}
	{
		double v = frac > 0 ? (double)mant / pow10[frac] : (double)mant;
		return neg ? -v : v;
	}
}

/*
 * The common cell, [-]digits[<decimal>digits] with no leading zero, no
 * blanks and at most 15 digits, read in one pass; everything else takes
 * the general path below.
 */
static bool fast_plain(const unsigned char *s, size_t n, char decimal, struct ind_num *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
					1e12, 1e13, 1e14, 1e15 };
	const unsigned char *p = s, *end = s + n, *digits;
	char *t = out->text;
	uint64_t mant = 0;	/* wraps only for more than 19 digits, which are refused below */
	size_t int_digits, frac_digits = 0;
	double v;

	if (n == 0 || n >= IND_NUM_TEXT_MAX)
		return false;
	if (*p == '-')
		*t++ = (char)*p++;
	for (digits = p; p < end && (unsigned)(*p - '0') < 10; p++) {
		mant = mant * 10 + (unsigned)(*p - '0');
		*t++ = (char)*p;
	}
	int_digits = (size_t)(p - digits);
	if (int_digits == 0 || (int_digits > 1 && *digits == '0'))
		return false;
	if (p < end) {
		if (*p != (unsigned char)decimal)
			return false;
		*t++ = '.';
		for (digits = ++p; p < end && (unsigned)(*p - '0') < 10; p++) {
			mant = mant * 10 + (unsigned)(*p - '0');
			*t++ = (char)*p;
		}
		frac_digits = (size_t)(p - digits);
		if (p < end || frac_digits == 0)
			return false;
	}
	if (int_digits + frac_digits > 15)
		return false;
	*t = '\0';
	out->len = n;
	v = frac_digits > 0 ? (double)mant / pow10[frac_digits] : (double)mant;
	out->value = *s == '-' ? -v : v;
	out->why = NULL;
	out->bad = IND_NUM_BAD_OTHER;
	return true;
}

/* Everything but the common cell: blanks, groups, signs, exponents, '%', missing marks. */
static enum ind_num_status parse_general(const char *str, size_t n, char decimal, enum ind_dash dash,
					 struct ind_num *out)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n, *p;
	char *t = out->text, *tend = out->text + IND_NUM_TEXT_MAX - 1;
	char group = decimal == ',' ? '.' : ',';
	int sep_kind = 0;	/* 0 none yet, else the grouping character (' ' for blanks) */
	size_t group_digits = 0, int_digits = 0, frac_digits = 0, ngroups = 0;
	bool groups_ok = true, has_decimal = false;
	char *int_start;
	size_t b, step;

	out->why = NULL;
	out->bad = IND_NUM_BAD_OTHER;
	while ((b = blank_len(s, end)) > 0)
		s += b;
	while (end > s) {
		size_t k;
		for (k = 1; k <= 3 && k <= (size_t)(end - s); k++)
			if (blank_len(end - k, end) == k)
				break;
		if (k > 3 || k > (size_t)(end - s))
			break;
		end -= k;
	}
	n = (size_t)(end - s);

	if (n == 0)
		return missing(out, IND_MISSING_EMPTY);
	if (ieq(s, n, "na") || ieq(s, n, "n/a") || ieq(s, n, "#n/a"))
		return missing(out, IND_MISSING_NA);
	if (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xA6)
		return missing(out, IND_MISSING_ELLIPSIS);
	if (n <= 6 && *s == '.') {
		size_t dots = 0;
		while (dots < n && s[dots] == '.')
			dots++;
		if (dots == n)
			return missing(out, (enum ind_missing)(IND_MISSING_DOT1 + n - 1));
	}
	if (n == 1 && *s == '-') {
		if (dash == IND_DASH_MISSING)
			return missing(out, IND_MISSING_DASH);
		out->value = 0;
		strcpy(out->text, "0");
		out->len = 1;
		return IND_NUM_OK;
	}
	if (ieq(s, n, "nan") || ieq(s, n, "inf") || ieq(s, n, "-inf") || ieq(s, n, "+inf") ||
	    ieq(s, n, "infinity") || ieq(s, n, "-infinity"))
		return bad(out, "not a finite number");

	p = s;
	if (*p == '+' || *p == '-' || (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)) {
		/* U+2212 MINUS SIGN is what some spreadsheets write */
		if (*p == '-' || *p == 0xE2)
			*t++ = '-';
		p += *p == 0xE2 ? 3 : 1;
	}
	if (p == end)
		return bad(out, "not a number");

	/*
	 * Integer part, with optional digit grouping. A group made by the
	 * other mark is judged only once it is known whether a decimal part
	 * follows; blanks are grouping whatever follows.
	 */
	int_start = t;
	for (;;) {
		const unsigned char *run = p;
		while (p < end && is_digit(*p)) {
			if (t >= tend)
				return bad(out, "number too long");
			*t++ = (char)*p++;
		}
		group_digits = (size_t)(p - run);
		b = blank_len(p, end);
		step = b ? b : 1;
		if (p < end && (b > 0 || *p == (unsigned char)group) && p + step < end &&
		    is_digit(p[step])) {
			int kind = b ? ' ' : group;
			if (group_digits == 0)
				return kind == ' ' ? bad(out, "not a number") : wrong_mark(out, decimal);
			if (sep_kind && sep_kind != kind)
				return bad(out, "mixed digit-group separators");
			if ((ngroups > 0 && group_digits != 3) || group_digits > 3 ||
			    (kind == group && ngroups == 0 && *run == '0'))	/* "0.234" is no grouping */
				groups_ok = false;
			if (kind == ' ' && !groups_ok)
				return bad(out, "misplaced digit-group separator");
			sep_kind = kind;
			ngroups++;
			p += step;
			continue;
		}
		break;
	}
	if (ngroups > 0 && group_digits != 3) {
		if (sep_kind == ' ')
			return bad(out, "misplaced digit-group separator");
		groups_ok = false;
	}
	int_digits = (size_t)(t - int_start);
	while (int_digits > 1 && *int_start == '0') {	/* "007" is 7 */
		memmove(int_start, int_start + 1, --int_digits);
		t--;
	}

	if (p < end && *p == (unsigned char)decimal) {
		has_decimal = true;
		p++;
		if (int_digits == 0)
			*t++ = '0';
		if (p < end && is_digit(*p)) {
			*t++ = '.';
			while (p < end && is_digit(*p)) {
				if (t >= tend)
					return bad(out, "number too long");
				*t++ = (char)*p++;
				frac_digits++;
			}
		}
		if (int_digits == 0 && frac_digits == 0)
			return bad(out, "not a number");
		if (p < end && *p == (unsigned char)decimal)
			return bad(out, decimal == ',' ? "decimal mark ',' more than once" : "decimal mark '.' more than once");
		if (p < end && *p == (unsigned char)group)
			return bad(out, "both ',' and '.' in a number; check the decimal mark (--decimal)");
	} else if (p < end && *p == (unsigned char)group) {
		return wrong_mark(out, decimal);	/* "12." where the mark is ',' */
	}
	if (sep_kind == group) {
		/* the other mark: grouping beside a decimal part or when repeated, never alone */
		if (!groups_ok)
			return ngroups == 1 && !has_decimal ? wrong_mark(out, decimal)
							     : bad(out, "misplaced digit-group separator");
		if (ngroups == 1 && !has_decimal)
			return ambiguous(out, decimal);
	}
	if (int_digits == 0 && frac_digits == 0)
		return bad(out, "not a number");

	if (p < end && (*p == 'e' || *p == 'E')) {
		const unsigned char *q = p + 1;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (q == end || !is_digit(*q))
			return bad(out, "not a number");
		*t++ = 'e';
		p++;
		if (*p == '-')
			*t++ = '-';
		if (*p == '+' || *p == '-')
			p++;
		while (p < end && is_digit(*p)) {
			if (t >= tend)
				return bad(out, "number too long");
			*t++ = (char)*p++;
		}
	}
	if (p < end && *p == '%') {
		p++;
		while ((b = blank_len(p, end)) > 0)
			p += b;
	} else if (p < end && blank_len(p, end) && end - p > 1) {
		/* "12 %" */
		const unsigned char *q = p;
		while ((b = blank_len(q, end)) > 0)
			q += b;
		if (q + 1 == end && *q == '%')
			p = end;
	}
	if (p != end)
		return bad(out, "not a number");
	*t = '\0';
	out->len = (size_t)(t - out->text);
	out->value = text_value(out->text);
	if (!isfinite(out->value))
		return bad(out, "number out of range");
	return IND_NUM_OK;
}

enum ind_num_status ind_num_parse(const char *s, size_t n, char decimal, enum ind_dash dash, struct ind_num *out)
{
	if (fast_plain((const unsigned char *)s, n, decimal, out))
		return IND_NUM_OK;
	return parse_general(s, n, decimal, dash, out);
}

const char *ind_missing_name(enum ind_missing kind)
{
	static const char *const names[IND_MISSING_NKINDS] = {
		"empty", "'NA'", "'\xe2\x80\xa6'", "'.'", "'..'", "'...'",
		"'....'", "'.....'", "'......'", "'-'"
	};
	return (unsigned)kind < IND_MISSING_NKINDS ? names[kind] : "?";
}

/*
 * The text ind_num_format has always written is "%.Pg" for the first P of
 * 15, 16 and 17 that reads back as x. That is computed here without printf
 * or strtod for |x| in [1e-13, 1e17) (the range of nearly every statistic):
 * x = m 2^e exactly, and x 10^k = m 5^k / 2^sh with k chosen so that x 10^k
 * has 17 integer digits; m 5^k fits 128 bits for k <= 29. Rounding to P
 * digits and the test whether that decimal reads back as x (whether it lies
 * inside x's rounding interval, ends included when m is even, as strtod
 * rounds half to even) are then exact integer comparisons. Anything else
 * takes the printf/strtod loop. tests/unit/test_numfmt.c compares both on
 * random doubles of every exponent.
 */
#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

static const uint64_t pow10_u64[] = { 1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
				     10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
				     100000000000ULL, 1000000000000ULL, 10000000000000ULL,
				     100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
				     100000000000000000ULL };

static u128 pow5(int k)
{
	u128 p = 1;
	for (; k >= 8; k -= 8)
		p *= 390625;	/* 5^8 */
	for (; k > 0; k--)
		p *= 5;
	return p;
}

/* Compare d 2^j with b: -1, 0 or 1 (b < 2^127, d < 2^58). */
static int cmp_shifted(uint64_t d, int j, u128 b)
{
	if (j >= 0) {
		u128 q = j >= 128 ? 0 : b >> j, r = j >= 128 ? b : b - (q << j);
		if ((u128)d != q)
			return (u128)d < q ? -1 : 1;
		return r ? -1 : 0;
	}
	if (-j >= 64 || (b >> (127 + j)) != 0)
		return -1;	/* b 2^-j beyond 2^127, d far below */
	b <<= -j;
	return (u128)d < b ? -1 : (u128)d > b ? 1 : 0;
}

/* "%.*g" of the value N 10^(X - P + 1), N of exactly P digits, sign first when neg. */
static void put_g(char *buf, bool neg, uint64_t N, int P, int X)
{
	char d[20], *o = buf;
	int nd = P;
	for (int i = P - 1; i >= 0; i--) {
		d[i] = (char)('0' + N % 10);
		N /= 10;
	}
	while (nd > 1 && d[nd - 1] == '0')
		nd--;
	if (neg)
		*o++ = '-';
	if (X < -4 || X >= P) {
		unsigned ax = (unsigned)(X < 0 ? -X : X);
		*o++ = d[0];
		if (nd > 1) {
			*o++ = '.';
			memcpy(o, d + 1, (size_t)nd - 1);
			o += nd - 1;
		}
		*o++ = 'e';
		*o++ = X < 0 ? '-' : '+';
		if (ax >= 100)
			*o++ = (char)('0' + ax / 100);
		*o++ = (char)('0' + ax / 10 % 10);
		*o++ = (char)('0' + ax % 10);
	} else if (X >= 0) {
		memcpy(o, d, (size_t)X + 1);
		o += X + 1;
		if (nd > X + 1) {
			*o++ = '.';
			memcpy(o, d + X + 1, (size_t)(nd - X - 1));
			o += nd - X - 1;
		}
	} else {
		*o++ = '0';
		*o++ = '.';
		for (int i = 0; i < -X - 1; i++)
			*o++ = '0';
		memcpy(o, d, (size_t)nd);
		o += nd;
	}
	*o = '\0';
}

static bool format_exact(double x, char *buf)
{
	uint64_t bits, m, q = 0;
	u128 big, frac = 0, p5;
	int be, e, k, sh = 0, X;

	memcpy(&bits, &x, sizeof bits);
	be = (int)(bits >> 52 & 0x7ff);
	if (be == 0 || be == 0x7ff)
		return false;
	m = (bits & ((1ULL << 52) - 1)) | 1ULL << 52;
	e = be - 1075;
	/* floor(log10 x) is floor((e + 52) log10 2) or one more */
	X = (int)(((int64_t)(e + 52) * 78913) >> 18);
	for (int tries = 0;; tries++) {
		k = 16 - X;
		if (k < 0 || k > 29 || tries == 3)
			return false;
		p5 = pow5(k);
		big = (u128)m * p5;
		sh = -(e + k);
		if (sh > 100)
			return false;
		if (sh > 0) {
			u128 ip = big >> sh;
			if (ip >> 64)
				return false;
			q = (uint64_t)ip;
			frac = big - (ip << sh);
		} else {
			if (-sh > 63 || (big >> (64 + sh)) != 0)
				return false;
			q = (uint64_t)(big << -sh);
			frac = 0;
		}
		if (q < pow10_u64[16])
			X--;
		else if (q >= pow10_u64[17])
			X++;
		else
			break;
	}
	/* x 10^k = q + frac / 2^sh (frac = 0 when sh <= 0), 10^16 <= q < 10^17 */
	for (int P = 15; P <= 17; P++) {
		uint64_t div = pow10_u64[17 - P], N = q / div, rem = q % div, D;
		int cmp, XP = X;
		if (sh > 0) {
			u128 r2 = (((u128)rem << sh) + frac) << 1, half = (u128)div << sh;
			cmp = r2 < half ? -1 : r2 > half ? 1 : 0;
		} else {
			cmp = 2 * rem < div ? -1 : 2 * rem > div ? 1 : 0;
		}
		if (cmp > 0 || (cmp == 0 && (N & 1)))
			N++;
		D = N * div;	/* the candidate in units of 10^-k */
		if (P < 17) {
			bool even = !(m & 1);
			u128 hi = ((u128)(2 * m + 1)) * p5, lo;
			int jl = sh + 1, c;
			if (m == 1ULL << 52 && be > 1) {
				lo = ((u128)(4 * m - 1)) * p5;
				jl = sh + 2;
			} else {
				lo = ((u128)(2 * m - 1)) * p5;
			}
			c = cmp_shifted(D, sh + 1, hi);
			if (c > 0 || (c == 0 && !even))
				continue;
			c = cmp_shifted(D, jl, lo);
			if (c < 0 || (c == 0 && !even))
				continue;
		}
		if (N == pow10_u64[P]) {
			N = pow10_u64[P - 1];
			XP++;
		}
		put_g(buf, signbit(x), N, P, XP);
		return true;
	}
	return false;	/* not reached: 17 digits always do */
}
#else
static bool format_exact(double x, char *buf)
{
	(void)x, (void)buf;
	return false;
}
#endif

const char *ind_num_format(double x, char buf[IND_DOUBLE_TEXT_MAX])
{
	int prec;

	if (!isfinite(x)) {
		buf[0] = '\0';
		return buf;
	}
	if (x == 0) {
		strcpy(buf, signbit(x) ? "-0" : "0");
		return buf;
	}
	if (format_exact(x, buf))
		return buf;
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, IND_DOUBLE_TEXT_MAX, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}
