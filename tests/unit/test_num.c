/* test_num.c - number cells as exports write them. See LICENSE. */
#include "num.h"
#include "tap.h"

static void ok_num(const char *in, char decimal, const char *text, double value)
{
	struct ind_num n;
	enum ind_num_status st = ind_num_parse(in, strlen(in), decimal, IND_DASH_MISSING, &n);
	OK(st == IND_NUM_OK, "'%s' (decimal '%c') is a number", in, decimal);
	if (st == IND_NUM_OK) {
		OK_STR(n.text, text, "'%s' canonical text", in);
		OK(n.value == value, "'%s' value %g", in, value);
	}
}

static void missing_num(const char *in, enum ind_missing kind)
{
	struct ind_num n;
	OK(ind_num_parse(in, strlen(in), '.', IND_DASH_MISSING, &n) == IND_NUM_MISSING && n.missing == kind,
	   "'%s' is missing (%s)", in, ind_missing_name(kind));
}

static void bad_num(const char *in, char decimal, const char *why)
{
	struct ind_num n;
	enum ind_num_status st = ind_num_parse(in, strlen(in), decimal, IND_DASH_MISSING, &n);
	OK(st == IND_NUM_BAD, "'%s' (decimal '%c') is refused", in, decimal);
	if (st == IND_NUM_BAD)
		OK_STR(n.why, why, "'%s' reason", in);
}

static void bad_num_kind(const char *in, char decimal, enum ind_num_bad kind, const char *why)
{
	struct ind_num n;
	enum ind_num_status st = ind_num_parse(in, strlen(in), decimal, IND_DASH_MISSING, &n);
	OK(st == IND_NUM_BAD && n.bad == kind, "'%s' (decimal '%c') is refused as %s", in, decimal,
	   kind == IND_NUM_BAD_AMBIGUOUS ? "ambiguous" : "the wrong mark");
	if (st == IND_NUM_BAD)
		OK_STR(n.why, why, "'%s' reason", in);
}

static void fmt(double x, const char *want)
{
	char buf[IND_DOUBLE_TEXT_MAX];
	OK_STR(ind_num_format(x, buf), want, "format %.17g", x);
}

/*
 * The one-pass reading of the common cell must give what the general path
 * gives. A leading blank always takes the general path (which trims it), so
 * each text is read bare and after a blank, and everything must agree:
 * status, value to the bit (the sign of -0 too), canonical text, reason.
 * Every text of up to 6 bytes over the bytes that matter to either path.
 */
static void fast_path_is_general_path(char decimal)
{
	static const char alphabet[] = "0159-.,+e%";
	const size_t na = sizeof alphabet - 1;
	char in[8], padded[9];
	long texts = 0, differ = 0;
	for (size_t len = 1; len <= 6; len++) {
		size_t total = 1;
		for (size_t i = 0; i < len; i++)
			total *= na;
		for (size_t code = 0; code < total; code++) {
			struct ind_num a, b;
			enum ind_num_status sa, sb;
			size_t c = code;
			for (size_t i = 0; i < len; i++, c /= na)
				in[i] = alphabet[c % na];
			padded[0] = ' ';
			memcpy(padded + 1, in, len);
			sa = ind_num_parse(in, len, decimal, IND_DASH_MISSING, &a);
			sb = ind_num_parse(padded, len + 1, decimal, IND_DASH_MISSING, &b);
			texts++;
			if (sa != sb || (sa == IND_NUM_OK && (memcmp(&a.value, &b.value, sizeof a.value) != 0 ||
							      a.len != b.len || strcmp(a.text, b.text) != 0)) ||
			    (sa == IND_NUM_BAD && strcmp(a.why, b.why) != 0) || (sa == IND_NUM_MISSING && a.missing != b.missing)) {
				if (differ++ < 5)
					OK(0, "'%.*s' (decimal '%c'): read alone and after a blank differ", (int)len, in, decimal);
			}
		}
	}
	OK(differ == 0, "%ld texts (decimal '%c') read alike by the fast and the general path", texts, decimal);
}

int main(void)
{
	fast_path_is_general_path('.');
	fast_path_is_general_path(',');
	ok_num("1234.5", '.', "1234.5", 1234.5);
	ok_num("1 234,5", ',', "1234.5", 1234.5);
	ok_num("-0,3", ',', "-0.3", -0.3);
	ok_num("1\xc2\xa0" "234\xc2\xa0" "567,25", ',', "1234567.25", 1234567.25);	/* no-break spaces */
	ok_num("1\xe2\x80\xaf" "234", ',', "1234", 1234);				/* narrow no-break space */
	ok_num("12,5 %", ',', "12.5", 12.5);
	ok_num("12.5%", '.', "12.5", 12.5);
	ok_num("1.234.567,8", ',', "1234567.8", 1234567.8);
	ok_num("1,234,567.8", '.', "1234567.8", 1234567.8);
	/* the decimal mark is the input's, never guessed per cell */
	ok_num("1,234", ',', "1.234", 1.234);
	ok_num("1,5", ',', "1.5", 1.5);
	ok_num("1.234,5", ',', "1234.5", 1234.5);
	ok_num("1,234.5", '.', "1234.5", 1234.5);
	ok_num("1.234.567", ',', "1234567", 1234567);	/* twice: cannot be a decimal mark */
	ok_num("1,234,567", '.', "1234567", 1234567);
	ok_num("1 234", '.', "1234", 1234);
	ok_num("1 000", ',', "1000", 1000);			/* zeros in a later group */
	ok_num("1.000,5", ',', "1000.5", 1000.5);
	ok_num("1,000.5", '.', "1000.5", 1000.5);
	ok_num("2.000.000", ',', "2000000", 2000000);
	ok_num("1\xc2\xa0" "234", '.', "1234", 1234);
	ok_num("  42  ", '.', "42", 42);
	ok_num("+7", '.', "7", 7);
	ok_num("007", '.', "7", 7);
	ok_num("0", '.', "0", 0);
	ok_num("000", '.', "0", 0);
	ok_num(",5", ',', "0.5", 0.5);
	ok_num("-.5", '.', "-0.5", -0.5);
	ok_num("1.5e-3", '.', "1.5e-3", 1.5e-3);
	ok_num("2E+02", '.', "2e02", 200);
	ok_num("\xe2\x88\x92" "4,2", ',', "-4.2", -4.2);	/* U+2212 minus sign */
	ok_num("0.1000000000000000055511151231257827", '.', "0.1000000000000000055511151231257827", 0.1);

	missing_num("", IND_MISSING_EMPTY);
	missing_num("   ", IND_MISSING_EMPTY);
	missing_num("NA", IND_MISSING_NA);
	missing_num("n/a", IND_MISSING_NA);
	missing_num("\xe2\x80\xa6", IND_MISSING_ELLIPSIS);
	missing_num(".", IND_MISSING_DOT1);
	missing_num("..", IND_MISSING_DOT2);
	missing_num("...", IND_MISSING_DOT3);
	missing_num("......", IND_MISSING_DOT6);
	missing_num("-", IND_MISSING_DASH);
	{
		struct ind_num n;
		OK(ind_num_parse("-", 1, ',', IND_DASH_ZERO, &n) == IND_NUM_OK && n.value == 0 &&
			   strcmp(n.text, "0") == 0,
		   "'-' is zero under --dash=zero");
	}

	bad_num("abc", '.', "not a number");
	bad_num("NaN", '.', "not a finite number");
	bad_num("-inf", '.', "not a finite number");
	bad_num(".......", '.', "not a number");
	bad_num("1.234,5", '.', "both ',' and '.' in a number; check the decimal mark (--decimal)");
	bad_num("1,234.5", ',', "both ',' and '.' in a number; check the decimal mark (--decimal)");
	bad_num_kind("1,234", '.', IND_NUM_BAD_AMBIGUOUS, "ambiguous number (decimal mark is '.')");
	bad_num_kind("1.234", ',', IND_NUM_BAD_AMBIGUOUS, "ambiguous number (decimal mark is ',')");
	bad_num_kind("-12.345", ',', IND_NUM_BAD_AMBIGUOUS, "ambiguous number (decimal mark is ',')");
	bad_num_kind("999,000", '.', IND_NUM_BAD_AMBIGUOUS, "ambiguous number (decimal mark is '.')");
	bad_num_kind("10.000", ',', IND_NUM_BAD_AMBIGUOUS, "ambiguous number (decimal mark is ',')");
	bad_num_kind("0.000", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num_kind("1,5", '.', IND_NUM_BAD_WRONG_MARK, "uses ',' but the decimal mark is '.'");
	bad_num_kind("1.5", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num_kind("10.4", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num_kind("1.2345", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num_kind("1234.567", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num_kind("0.234", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num_kind(".5", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num_kind("12.", ',', IND_NUM_BAD_WRONG_MARK, "uses '.' but the decimal mark is ','");
	bad_num("1,2,3", ',', "decimal mark ',' more than once");
	bad_num("1.23.456", ',', "misplaced digit-group separator");
	bad_num("1.23,5", ',', "misplaced digit-group separator");
	bad_num("12 34", '.', "misplaced digit-group separator");
	bad_num("1 234.567,8", ',', "mixed digit-group separators");
	bad_num("0x1A", '.', "not a number");
	bad_num("1e", '.', "not a number");
	bad_num("1e999", '.', "number out of range");
	bad_num("--1", '.', "not a number");
	bad_num("12 %%", '.', "not a number");

	fmt(0.1, "0.1");
	fmt(1.0 / 3, "0.3333333333333333");
	fmt(2.0 / 3, "0.6666666666666666");
	fmt(5e-324, "4.94065645841247e-324");
	fmt(2021.25, "2021.25");
	fmt(-0.0, "-0");
	fmt(1e300, "1e+300");
	fmt(NAN, "");
	fmt(INFINITY, "");
	return tap_done();
}
