/* writer.h - CSV output lines and atomic output files. See LICENSE. */
#ifndef IND_WRITER_H
#define IND_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "err.h"

/*
 * A CSV line under construction (RFC 4180, ',' and LF). Fields are quoted
 * only when they must be: a ',', '"', CR or LF inside, or blanks at either
 * end (which readers may trim). One buffer per tool, reused for every line.
 */
struct ind_line {
	char *buf;
	size_t len, cap, nfields;
	bool oom;
};

void ind_line_reset(struct ind_line *l);
void ind_line_field(struct ind_line *l, const char *s, size_t n);
void ind_line_str(struct ind_line *l, const char *s);
/* A field the caller knows needs no quotes (numbers, canonical periods). */
void ind_line_plain(struct ind_line *l, const char *s, size_t n);
/* A double in shortest round-trip form; NaN or inf become an empty field. */
void ind_line_double(struct ind_line *l, double x);
/* End the line with LF and keep it in the buffer: the next field starts a new line. */
void ind_line_newline(struct ind_line *l);
/* Write the line and its LF; -1 on a write or memory error. */
int ind_line_write(struct ind_line *l, FILE *fp);
void ind_line_free(struct ind_line *l);

/*
 * Output to a path, written atomically: data goes to a temporary file in
 * the same directory, renamed over the path only by a successful close, so
 * a killed run never leaves half a file (SIGINT/SIGTERM/SIGHUP remove the
 * temporary file). NULL or "-" means stdout, written directly.
 */
typedef struct ind_output ind_output;

/*
 * A new empty file beside path ("PATH.tmpXXXXXX", mode 0666 less the
 * umask) for writing then renaming into place. Returns its descriptor and
 * a malloc'ed name in *tmp, or -1 with errno set.
 */
int ind_temp_beside(const char *path, char **tmp);

ind_output *ind_output_open(const char *path, struct ind_error *err);
FILE *ind_output_file(ind_output *o);
/* commit: flush, check, rename into place; otherwise discard. -1 on failure. */
int ind_output_close(ind_output *o, bool commit, struct ind_error *err);

#endif
