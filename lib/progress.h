/* progress.h - one updating line on stderr for long work: bytes, rows, series, rate, time left. See LICENSE. */
#ifndef IND_PROGRESS_H
#define IND_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

#include "reader.h"

/*
 * The line a tool shows while it reads or computes for long:
 *
 *   ind-load: 45.2 MiB of 120.0 MiB (37%), 1234567 rows, 812345 rows/s, 0:23 left
 *   ind-trend: 12 of 340 series, 5678 rows, 2345 rows/s, 1:02 left
 *
 * On a terminal it is rewritten in place ('\r', the text, clear to the end
 * of the line) at most IND_PROGRESS_TTY_HZ times a second, cut to the
 * terminal's width, and cleared at the end, so nothing of it stays on the
 * screen; every message of lib/err.c clears it first. Into anything else
 * (--progress into a file or a pipe) it is a plain line with no control
 * codes, at most one a second, and one last line at the end.
 *
 * The caller owns the struct (no allocation), sets the counts and calls
 * ind_progress_update as often as it likes: that reads the monotonic clock
 * and returns at once when the line is not due. When off, every call
 * returns at once and nothing is written.
 */
struct ind_progress {
	FILE *fp;
	bool on, tty;
	bool shown;		/* a line is on the terminal, to be cleared */
	bool ended;
	double start, last;	/* seconds of CLOCK_MONOTONIC: when it began, when the line was last written */
	double interval;	/* seconds between two lines */
	int width;		/* the terminal's columns */

	/* What the line says; the caller keeps these up to date. */
	long long bytes;	/* input bytes read (compressed bytes for gzip); < 0: not shown */
	long long total;	/* bytes of all inputs; < 0: not known (a pipe) */
	long long bytes_done;	/* bytes of the inputs before the current one */
	long rows;
	long series;		/* series done; < 0: not shown */
	long series_total;	/* < 0: not known */
	char detail[160];	/* shown after the counts when not empty */
};

#define IND_PROGRESS_TTY_HZ 4

enum ind_progress_mode {
	IND_PROGRESS_AUTO = -1,	/* on when fp is a terminal and the output (stdout) is not one */
	IND_PROGRESS_OFF = 0,	/* --no-progress, --quiet */
	IND_PROGRESS_ON = 1	/* --progress */
};

/*
 * Start p writing to fp (stderr in the tools) in mode; output is the tool's
 * -o (NULL or "-": stdout), for IND_PROGRESS_AUTO. Counts start at 0, bytes
 * and series not shown, totals not known. A line on a terminal is cleared
 * before every message of ind_warn, ind_warn_at and ind_error_print.
 */
void ind_progress_init(struct ind_progress *p, FILE *fp, enum ind_progress_mode mode, const char *output);

/* Write the line if it is due (the rate limit above). */
void ind_progress_update(struct ind_progress *p);

/* Clear the line from the terminal, or write the last plain line; p is off afterwards. Safe to call twice. */
void ind_progress_end(struct ind_progress *p);

/*
 * The line's text for counts p and seconds elapsed, without control codes;
 * at most size - 1 bytes (cut at a character), and a control character from
 * detail shown as '?'. Returns its length.
 */
size_t ind_progress_format(const struct ind_progress *p, double elapsed, char *buf, size_t size);

/*
 * Bytes read of input r, for p->bytes (plus p->bytes_done): the file's
 * offset for gzip data and tables read whole (PC-Axis, JSON), whose text is
 * not the file's bytes; otherwise taken, the bytes of the blocks handed out
 * so far, which the file's offset runs ahead of by the blocks in flight.
 */
long long ind_progress_input_bytes(const ind_reader *r, long long taken);

/* The bytes of inputs paths[0..n) ("-": standard input) when all are regular files, else -1. */
long long ind_progress_total_of(const char *const *paths, int n);

#endif
