/* err.c - message formatting for all tools. See LICENSE. */
#include "err.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "ind";

void ind_set_progname(const char *name) { progname = name; }
const char *ind_progname(void) { return progname; }

int ind_error_vset(struct ind_error *err, const char *file, long line, const char *fmt, va_list ap)
{
	if (err) {
		snprintf(err->file, sizeof err->file, "%s", file ? file : "");
		err->line = line;
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	}
	return -1;
}

int ind_error_set(struct ind_error *err, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ind_error_vset(err, file, line, fmt, ap);
	va_end(ap);
	return -1;
}

bool ind_why_set(char **why, const char *fmt, ...)
{
	va_list ap, again;
	int len;
	va_start(ap, fmt);
	va_copy(again, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0 || !(*why = malloc((size_t)len + 1)))
		ind_die(IND_EXIT_DATA, "out of memory");
	vsnprintf(*why, (size_t)len + 1, fmt, again);
	va_end(again);
	return false;
}

void ind_fputs_visible(const char *s, FILE *fp)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			fprintf(fp, "\\x%02x", ch);
		else
			putc(ch, fp);
	}
}

static FILE *sink;	/* where messages go: stderr when NULL */
static void (*before_stderr)(void *);	/* clears a progress line from the terminal */
static void *before_ctx;

void ind_warn_before(void (*fn)(void *ctx), void *ctx)
{
	before_stderr = fn;
	before_ctx = ctx;
}

FILE *ind_warn_to(FILE *fp)
{
	FILE *old = sink;
	sink = fp;
	return old;
}

/* "prog: [file[:line]: ]msg[: strerror]" and a newline, with every control character shown as \xNN. */
static void put_message(const char *file, long line, const char *msg, const char *errtext)
{
	FILE *fp = sink ? sink : stderr;
	if (before_stderr && fp == stderr)
		before_stderr(before_ctx);
	fprintf(fp, "%s: ", progname);
	if (file) {
		ind_fputs_visible(file, fp);
		if (line > 0)
			fprintf(fp, ":%ld", line);
		fputs(": ", fp);
	}
	ind_fputs_visible(msg, fp);
	if (errtext) {
		fputc(' ', fp);
		ind_fputs_visible(errtext, fp);
	}
	fputc('\n', fp);
}

static void __attribute__((format(printf, 3, 0))) vwarn_at(const char *file, long line, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);
	char small[1024], *msg = small;
	va_list again;
	int len;

	va_copy(again, ap);
	len = vsnprintf(small, sizeof small, fmt, ap);
	if (len < 0) {
		small[0] = '\0';
	} else if ((size_t)len >= sizeof small) {
		char *big = malloc((size_t)len + 1);
		if (big) {	/* without memory the message is cut short */
			vsnprintf(big, (size_t)len + 1, fmt, again);
			msg = big;
		}
	}
	va_end(again);
	put_message(file, line, msg, n > 0 && fmt[n - 1] == ':' ? strerror(saved) : NULL);
	if (msg != small)
		free(msg);
}

void ind_error_print(const struct ind_error *err)
{
	put_message(err->file[0] ? err->file : NULL, err->line, err->msg, NULL);
}

void ind_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
}

void ind_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(file, line, fmt, ap);
	va_end(ap);
}

void ind_die(int status, const char *fmt, ...)
{
	va_list ap;
	sink = NULL;	/* the last word always reaches stderr */
	va_start(ap, fmt);
	vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void ind_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn_at(NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(IND_EXIT_USAGE);
}

void ind_usage_try(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(IND_EXIT_USAGE);
}

int ind_close_stdout(void)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);
	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		ind_warn("write error:");
		return -1;
	}
	return 0;
}
