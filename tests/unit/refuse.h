/* refuse.h - the usage-error hook of option checks under test: the last message kept, calls counted. See LICENSE. */
#ifndef REFUSE_H
#define REFUSE_H

#include <stdarg.h>
#include <stdio.h>

/* What the last refuse said, and how many times it was called; a test sets them back itself. */
static char refused[1024];
static int nrefused;

/* In the tools the hook is ind_usage_error, which does not return; this one does, so that the check's -1 is seen. */
static void __attribute__((format(printf, 1, 2))) refuse(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(refused, sizeof refused, fmt, ap);
	va_end(ap);
	nrefused++;
}

#endif
