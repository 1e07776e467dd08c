/* writer.h - CSV output lines and atomic output files. See LICENSE. */
#ifndef IND_WRITER_H
#define IND_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

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
/* Room for extra more bytes: false (and oom set) when memory ran out. */
bool ind_line_grow(struct ind_line *l, size_t extra);

/*
 * Most fields are a few bytes: copied in at most two overlapping moves of a
 * fixed size, which the compiler writes inline, instead of a call to memcpy.
 */
static inline void ind_line_put_bytes(char *d, const char *s, size_t n)
{
	if (n >= 8 && n <= 16) {
		memcpy(d, s, 8);
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n >= 2 && n < 4) {
		memcpy(d, s, 2);
		memcpy(d + n - 2, s + n - 2, 2);
	} else if (n == 1) {
		*d = *s;
	} else if (n > 16) {
		memcpy(d, s, n);
	}
}

/* A field the caller knows needs no quotes (numbers, canonical periods): inline, it is most of the output. */
static inline void ind_line_plain(struct ind_line *l, const char *s, size_t n)
{
	char *o;
	if (l->len + n + 1 > l->cap && !ind_line_grow(l, n + 1))
		return;
	o = l->buf + l->len;	/* a local: stores through char * would make l's fields be read again */
	if (l->nfields++ > 0)
		*o++ = ',';
	ind_line_put_bytes(o, s, n);
	l->len = (size_t)(o + n - l->buf);
}
/* A double in shortest round-trip form; NaN or inf become an empty field. */
void ind_line_double(struct ind_line *l, double x);
/* End the line with LF and keep it in the buffer: the next field starts a new line. */
void ind_line_newline(struct ind_line *l);
/* Write the line and its LF; -1 on a write or memory error. */
int ind_line_write(struct ind_line *l, FILE *fp);
/*
 * Write the line and its LF, or exit 1 (removing temporary outputs): "out of
 * memory", or "NAME: write error: WHY" naming the ind_output that fp belongs to
 * ("standard output" for stdout). For tools whose output is all they do.
 */
void ind_line_put(struct ind_line *l, FILE *fp);
void ind_line_free(struct ind_line *l);

/*
 * Replay what waited in the temporary file fp from its start: with ln, line
 * by line through ind_line_put to out (every line ends in its LF); without,
 * the bytes as they are (messages held back for stderr). NULL, or what went
 * wrong with fp ("read error" or strerror's text).
 */
const char *ind_line_replay(FILE *fp, FILE *out, struct ind_line *ln);

/*
 * ind_line_replay through ln for rows whose write error the caller reports
 * later (as ind_series_write_rows does): each line by ind_line_write; the
 * first that fails sets *write_failed and ends the replay.
 */
const char *ind_line_replay_rows(FILE *fp, FILE *out, struct ind_line *ln, bool *write_failed);

/*
 * Output to a path, written atomically: data goes to a temporary file in
 * the same directory, renamed over the path only by a successful close, so
 * a killed run never leaves half a file (SIGINT/SIGTERM/SIGHUP remove the
 * temporary file). A symbolic link is written through: its target is
 * replaced and the link kept. An existing file keeps its mode (and, where
 * permitted, its owner and group); a new one gets 0666 less the umask.
 * NULL or "-" means stdout, written directly, as are devices and pipes.
 * The temporary file is "NAME.tmpXXXXXX" beside the target, NAME being the
 * target's last component with every byte but [A-Za-z0-9._-] made '_'
 * (at most 64 of them): a name safe to hand to other programs.
 */
typedef struct ind_output ind_output;

ind_output *ind_output_open(const char *path, struct ind_error *err);
FILE *ind_output_file(ind_output *o);
/* The temporary file's name (no directory) and its directory; NULL when written directly. */
const char *ind_output_temp_name(const ind_output *o);
const char *ind_output_dir(const ind_output *o);
/*
 * commit: flush, check, rename into place; otherwise discard. -1 on
 * failure: a write error (also one met before a discard) names the output
 * ("standard output" for stdout) and says why. 0 when everything written
 * reached the output; 1 when a temporary file was discarded as asked, so
 * nothing reached the path.
 */
int ind_output_close(ind_output *o, bool commit, struct ind_error *err);

/*
 * A directory output, published for readers in one step. DIR becomes a
 * symbolic link to a directory beside it, "DIR.v-XXXXXX"; the files are
 * written into a new such directory, and a successful close turns the link
 * to it with one rename(2), then removes the version it replaced. Readers
 * of DIR/FILE see the old file or the new one, never none and never half.
 * Trailing slashes are ignored; missing parents are made; a symbolic link
 * of the user's is followed to where it points; a real directory left by
 * older versions is taken over once (it must hold only report files:
 * index.html, report.md, statistics.csv, chart-N.png, chart-N.svg). Runs
 * publishing the same DIR take turns on a lock file, "DIR.lock", which the
 * last one removes. An error, a discard or SIGINT/SIGTERM/SIGHUP leaves
 * neither the new directory nor the parents made for it.
 */
typedef struct ind_dir_output ind_dir_output;

ind_dir_output *ind_dir_output_open(const char *dir, struct ind_error *err);
/* Where to write the files: the new version directory. */
const char *ind_dir_output_path(const ind_dir_output *d);
/* commit: publish (waiting for other runs on DIR); otherwise discard. -1 with err on failure. */
int ind_dir_output_close(ind_dir_output *d, bool commit, struct ind_error *err);

/*
 * Cleanup when SIGINT, SIGTERM or SIGHUP ends the run (a signal ignored at
 * start, as under nohup, stays ignored): the handler kills the registered
 * child (gnuplot), removes the temporary files and directories of the open
 * outputs, then dies of the same signal. It only makes async-signal-safe
 * calls. While held, a signal is only remembered; the release acts on it.
 */
void ind_cleanup_child(pid_t pid);	/* 0: none */
void ind_cleanup_hold(void);
void ind_cleanup_release(void);

#endif
