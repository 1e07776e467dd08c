/* err.h - error records and the one way every tool reports problems. See LICENSE. */
#ifndef IND_ERR_H
#define IND_ERR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit statuses shared by every tool (GNU convention). */
enum {
	IND_EXIT_OK = 0,
	IND_EXIT_DATA = 1,	/* bad input, failed output, partial failure */
	IND_EXIT_USAGE = 2	/* bad options or arguments */
};

/*
 * lib/ never prints: it fills an ind_error and returns a status. The
 * record owns copies of its texts, so it outlives the reader that made it.
 * file is "" and line 0 when they do not apply.
 */
struct ind_error {
	char file[512];
	long line;
	char msg[512];
};

/* Fill err (if not NULL) with a printf-style message. Returns -1 for tail calls. */
int ind_error_set(struct ind_error *err, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

int ind_error_vset(struct ind_error *err, const char *file, long line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

/*
 * *why = a malloc'ed printf-style message of any length (the argument it
 * quotes is not cut short), for the caller's usage error; out of memory
 * exits. Returns false for tail calls.
 */
bool ind_why_set(char **why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The program name used in every message; set once in main. */
void ind_set_progname(const char *name);
const char *ind_progname(void);

/*
 * Messages go to a terminal: in every message below, and in ind_fputs_visible,
 * a control character (a byte below 0x20, or 0x7f) from a file name or the
 * data is shown as \xNN ("\x1b" for ESC), so no input can move the cursor,
 * change colours or set the window title.
 */
void ind_fputs_visible(const char *s, FILE *fp);

/* Print "prog: file:line: msg" for a filled error record. */
void ind_error_print(const struct ind_error *err);

/* "prog: msg"; a format ending in ':' gets ": strerror(errno)" appended. */
void ind_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: file:line: msg" (file may be NULL, line 0 for none). */
void ind_warn_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* ind_warn, then exit(status). */
/*
 * Send the messages of ind_warn, ind_warn_at and ind_error_print to fp
 * (NULL: stderr again), to show them later in another order; returns the
 * previous one. ind_die always writes to stderr.
 */
FILE *ind_warn_to(FILE *fp);
/* fn(ctx) runs before each message written to stderr (a progress line clears itself); NULL for none. */
void ind_warn_before(void (*fn)(void *ctx), void *ctx);
_Noreturn void ind_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "Try 'prog --help' for more information." and exit 2. */
_Noreturn void ind_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Only "Try 'prog --help' for more information." and exit 2 (after getopt's own message). */
_Noreturn void ind_usage_try(void);

/* Flush and close stdout; on failure report "write error" and return -1. */
int ind_close_stdout(void);

#endif
