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

static void __attribute__((format(printf, 3, 0))) vwarn_at(const char *file, long line, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", progname);
	if (file && line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void ind_error_print(const struct ind_error *err)
{
	fprintf(stderr, "%s: ", progname);
	if (err->file[0] && err->line > 0)
		fprintf(stderr, "%s:%ld: ", err->file, err->line);
	else if (err->file[0])
		fprintf(stderr, "%s: ", err->file);
	fprintf(stderr, "%s\n", err->msg);
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
