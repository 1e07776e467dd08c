/* test_numfmt.c - ind_num_format against the printf/strtod loop it replaces, on random doubles. See LICENSE. */
#include <float.h>
#include <stdint.h>
#include <stdlib.h>

#include "num.h"
#include "tap.h"

/* The formatting as it was: the first of "%.15g", "%.16g", "%.17g" that reads back as x. */
static const char *reference(double x, char buf[IND_DOUBLE_TEXT_MAX])
{
	if (!isfinite(x)) {
		buf[0] = '\0';
		return buf;
	}
	if (x == 0) {
		strcpy(buf, signbit(x) ? "-0" : "0");
		return buf;
	}
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, IND_DOUBLE_TEXT_MAX, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)	/* splitmix64 */
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double from_bits(uint64_t b)
{
	double x;
	memcpy(&x, &b, sizeof x);
	return x;
}

static uint64_t to_bits(double x)
{
	uint64_t b;
	memcpy(&b, &x, sizeof b);
	return b;
}

enum { ALL_BITS, COMMON_RANGE, INTEGERS, HALVES, SHORT_DECIMALS, NEAR_POW10, NEAR_POW2, SUBNORMAL, NKINDS };
static const char *const kind_name[NKINDS] = {
	"random bit patterns, every exponent", "random mantissas, binary exponents -60..60",
	"integers up to 2^63", "halves and quarters", "short decimals read by strtod",
	"within 64 ulps of a power of ten", "within 64 ulps of a power of two", "subnormals"
};

static double sample(int kind)
{
	uint64_t r = next();
	char text[64];
	switch (kind) {
	case ALL_BITS:
		return from_bits(r);
	case COMMON_RANGE: {
		int e = (int)(next() % 121) - 60;
		return from_bits((r & 0x800fffffffffffffULL) | (uint64_t)(1023 + e) << 52);
	}
	case INTEGERS: {
		int bitsn = (int)(next() % 64);
		double v = (double)(bitsn ? r >> (64 - bitsn) : 0);
		return r & 1 ? -v : v;
	}
	case HALVES: {
		double v = (double)(int64_t)(r % 2000000001ULL) - 1e9;
		return v / (double)(1 << (next() % 3 + 1));
	}
	case SHORT_DECIMALS: {
		int digits = (int)(next() % 17) + 1, point = (int)(next() % 24) - 4;
		uint64_t mant = r % (uint64_t)pow(10, digits);
		snprintf(text, sizeof text, "%s%llue%d", next() & 1 ? "-" : "", (unsigned long long)mant, point - digits);
		return strtod(text, NULL);
	}
	case NEAR_POW10: {
		int p = (int)(next() % 617) - 308;
		snprintf(text, sizeof text, "1e%d", p);
		return from_bits(to_bits(strtod(text, NULL)) + (uint64_t)((int64_t)(r % 129) - 64));
	}
	case NEAR_POW2: {
		int e = (int)(next() % 2044) - 1021;
		return from_bits(to_bits(ldexp(1, e)) + (uint64_t)((int64_t)(r % 129) - 64));
	}
	default:
		return from_bits(r & 0x800fffffffffffffULL);
	}
}

static long mismatches;

static void compare(double x)
{
	char a[IND_DOUBLE_TEXT_MAX], b[IND_DOUBLE_TEXT_MAX];
	if (strcmp(ind_num_format(x, a), reference(x, b)) != 0 && mismatches++ < 10)
		printf("#   %a: got '%s', want '%s'\n", x, a, b);
}

int main(void)
{
	static const double special[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1e15, 1e16, 1e17, 1e-13, 1e-14,
					  9007199254740992.0, 9007199254740993.0, 1000000000000000.25, 1e308, -1e308,
					  1e-308, 1e-307, DBL_MAX, -DBL_MAX, DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN,
					  DBL_EPSILON, 2.2250738585072009e-308, 123456789012345678.0, 0.1 + 0.2,
					  99999999999999999.0, 9.9999999999999995e16, 9.999999999999999e-14,
					  5e-324, 4.9406564584124654e-324, 1.7976931348623157e308 };
	const char *env = getenv("IND_NUMFMT_COUNT");
	long count = env ? atol(env) : 1000000, per;
	char a[IND_DOUBLE_TEXT_MAX], b[IND_DOUBLE_TEXT_MAX];

	if (count < NKINDS)
		count = NKINDS;
	per = count / NKINDS;
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		OK_STR(ind_num_format(special[i], a), reference(special[i], b), "%a as before", special[i]);
	OK_STR(ind_num_format(NAN, a), "", "NaN: empty");
	OK_STR(ind_num_format(-INFINITY, a), "", "-inf: empty");
	for (int p = -325; p <= 309; p++) {	/* every power of ten and its neighbours */
		char text[16];
		double x;
		snprintf(text, sizeof text, "1e%d", p);
		x = strtod(text, NULL);
		mismatches = 0;
		compare(x);
		compare(nextafter(x, 0));
		compare(nextafter(x, INFINITY));
		compare(-x);
		if (mismatches)
			OK(0, "1e%d and its neighbours as before", p);
	}
	OK(1, "every power of ten and its neighbours checked");
	for (int kind = 0; kind < NKINDS; kind++) {
		mismatches = 0;
		for (long i = 0; i < per; i++)
			compare(sample(kind));
		OK(mismatches == 0, "%s: %ld doubles as before (%ld differ)", kind_name[kind], per, mismatches);
	}
	return tap_done();
}
