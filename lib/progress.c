/* progress.c - the progress line: rate limited by the monotonic clock, cleared at the end. See LICENSE. */
#include "progress.h"

#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "err.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* IND_PROGRESS_AUTO: fp a terminal, and the output not one (its lines would break the progress line). */
static bool auto_on(FILE *fp, const char *output)
{
	bool to_stdout = !output || strcmp(output, "-") == 0;
	return isatty(fileno(fp)) && !(to_stdout && isatty(STDOUT_FILENO));
}

static void clear_line(void *ctx)
{
	struct ind_progress *p = ctx;
	if (p->shown) {
		fputs("\r\033[K", p->fp);
		p->shown = false;
	}
}

void ind_progress_init(struct ind_progress *p, FILE *fp, enum ind_progress_mode mode, const char *output)
{
	memset(p, 0, sizeof *p);
	p->fp = fp;
	p->bytes = p->total = p->series = p->series_total = -1;
	p->on = mode == IND_PROGRESS_ON || (mode == IND_PROGRESS_AUTO && auto_on(fp, output));
	if (!p->on)
		return;
	p->tty = isatty(fileno(fp));
	p->interval = p->tty ? 1.0 / IND_PROGRESS_TTY_HZ : 1.0;
	p->width = 80;
	if (p->tty) {
		struct winsize ws;
		if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
			p->width = ws.ws_col;
		ind_warn_before(clear_line, p);
	}
	p->start = now();
	p->last = p->start - p->interval;	/* the first update writes */
}

/* Bytes as people read them: 812 B, 45.2 MiB. */
static void put_bytes(char *buf, size_t size, long long n)
{
	static const char *const unit[] = { "KiB", "MiB", "GiB", "TiB" };
	double x = (double)n;
	int u = -1;
	if (n < 1024) {
		snprintf(buf, size, "%lld B", n);
		return;
	}
	while (x >= 1024 && u < 3) {
		x /= 1024;
		u++;
	}
	snprintf(buf, size, "%.1f %s", x, unit[u]);
}

/* Appends to buf[*len..size), keeping what fits. */
static void __attribute__((format(printf, 4, 5))) add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;
	if (*len + 1 >= size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *len, size - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

static void add_left(char *buf, size_t size, size_t *len, double seconds)
{
	long s = (long)(seconds + 0.5);
	if (s >= 3600)
		add(buf, size, len, ", %ld:%02ld:%02ld left", s / 3600, s / 60 % 60, s % 60);
	else
		add(buf, size, len, ", %ld:%02ld left", s / 60, s % 60);
}

size_t ind_progress_format(const struct ind_progress *p, double elapsed, char *buf, size_t size)
{
	size_t len = 0;
	double done = -1;	/* the fraction done, when known */
	const char *sep = " ";	/* before the next count: ", " after the first */
	char a[32], b[32];

	if (size == 0)
		return 0;
	buf[0] = '\0';
	add(buf, size, &len, "%s:", ind_progname());
	if (p->bytes >= 0) {
		long long at = p->bytes_done + p->bytes;
		if (p->total > 0 && at > p->total)	/* a table's text can be longer than its file */
			at = p->total;
		put_bytes(a, sizeof a, at);
		if (p->total > 0) {
			done = (double)at / (double)p->total;
			put_bytes(b, sizeof b, p->total);
			add(buf, size, &len, " %s of %s (%.0f%%)", a, b, 100 * done);
		} else {
			add(buf, size, &len, " %s", a);
		}
		sep = ", ";
	}
	if (p->series >= 0) {
		if (p->series_total >= 0) {
			add(buf, size, &len, "%s%ld of %ld series", sep, p->series, p->series_total);
			if (p->bytes < 0 && p->series_total > 0)
				done = (double)p->series / (double)p->series_total;
		} else {
			add(buf, size, &len, "%s%ld series", sep, p->series);
		}
		sep = ", ";
	}
	add(buf, size, &len, "%s%ld rows", sep, p->rows);
	if (elapsed >= 0.1)	/* a rate over less is noise */
		add(buf, size, &len, ", %.0f rows/s", p->rows / elapsed);
	if (done > 0 && done < 1 && elapsed >= 1)
		add_left(buf, size, &len, elapsed * (1 - done) / done);
	if (p->detail[0]) {
		size_t from = len;
		add(buf, size, &len, "; %s", p->detail);
		for (size_t i = from; i < len; i++)	/* names from the data move no cursor */
			if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
				buf[i] = '?';
	}
	if (len + 1 >= size) {	/* cut short: not inside a UTF-8 character (the last one may go whole) */
		while (len > 0 && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0 && (unsigned char)buf[len - 1] >= 0xC0)
			len--;
		buf[len] = '\0';
	}
	return len;
}

/* The first cols characters of s[0..n) (UTF-8: continuation bytes take no column). */
static size_t fit_columns(const char *s, size_t n, int cols)
{
	size_t i = 0;
	int c = 0;
	while (i < n) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == cols)
			break;
		i++;
	}
	return i;
}

static void write_line(struct ind_progress *p, double t)
{
	char line[512];
	size_t n = ind_progress_format(p, t - p->start, line, sizeof line);
	if (p->tty) {
		fputs("\r", p->fp);
		fwrite(line, 1, fit_columns(line, n, p->width - 1), p->fp);
		fputs("\033[K", p->fp);
		p->shown = true;
	} else {
		fwrite(line, 1, n, p->fp);
		fputc('\n', p->fp);
	}
	fflush(p->fp);
	p->last = t;
}

void ind_progress_update(struct ind_progress *p)
{
	double t;
	if (!p->on)
		return;
	t = now();
	if (t - p->last >= p->interval)
		write_line(p, t);
}

void ind_progress_end(struct ind_progress *p)
{
	if (!p->on || p->ended)
		return;
	p->ended = true;
	if (p->tty) {
		clear_line(p);
		fflush(p->fp);
		ind_warn_before(NULL, NULL);
	} else {
		p->detail[0] = '\0';
		write_line(p, now());
	}
	p->on = false;
}

long long ind_progress_input_bytes(const ind_reader *r, long long taken)
{
	long long at = ind_reader_bytes_in(r);
	if (at >= 0 && (ind_reader_is_gzip(r) || ind_reader_dialect(r)->table))
		return at;
	return taken;
}

long long ind_progress_total_of(const char *const *paths, int n)
{
	long long total = 0;
	for (int k = 0; k < n; k++) {
		struct stat st;
		if ((strcmp(paths[k], "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(paths[k], &st)) < 0 ||
		    !S_ISREG(st.st_mode))
			return -1;
		total += (long long)st.st_size;
	}
	return total;
}
