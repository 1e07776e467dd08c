/* tap.h - the smallest TAP producer: one "ok"/"not ok" line per check, plan at the end. See LICENSE. */
#ifndef IND_TAP_H
#define IND_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define OK(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static void __attribute__((format(printf, 4, 5))) tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	printf("%sok %d - ", pass ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass) {
		printf("#   failed at %s:%d\n", file, line);
		tap_failed++;
	}
}

/* Strings equal, with both shown on failure. */
#define OK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	OK(g_ && strcmp(g_, w_) == 0, __VA_ARGS__); \
	if (!g_ || strcmp(g_, w_) != 0) printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)", w_); \
} while (0)

/* Relative closeness for doubles: |got - want| <= tol * max(1, |want|). */
#define OK_NEAR(got, want, tol, ...) do { \
	double g_ = (got), w_ = (want); \
	int p_ = fabs(g_ - w_) <= (tol) * (fabs(w_) > 1 ? fabs(w_) : 1); \
	OK(p_, __VA_ARGS__); \
	if (!p_) printf("#   got %.17g, want %.17g\n", g_, w_); \
} while (0)

static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

/* Everything written to the file at fp so far, from its start (at most 64 KiB), as a string. */
static inline const char *tap_file_text(FILE *fp)
{
	static char buf[1 << 16];
	size_t n;
	fflush(fp);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	return buf;
}

#endif
