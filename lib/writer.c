/* writer.c - quoting CSV writer and temp-file-and-rename outputs. See LICENSE. */
#include "writer.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "num.h"

static bool room(struct ind_line *l, size_t extra)
{
	size_t need = l->len + extra, cap;
	char *p;
	if (need <= l->cap)
		return true;
	cap = l->cap ? l->cap : 256;
	while (cap < need)
		cap *= 2;
	p = realloc(l->buf, cap);
	if (!p) {
		l->oom = true;
		return false;
	}
	l->buf = p;
	l->cap = cap;
	return true;
}

void ind_line_reset(struct ind_line *l)
{
	l->len = 0;
	l->nfields = 0;
}

/* Bytes that force quoting anywhere in a field. */
static const bool special[256] = { [','] = true, ['"'] = true, ['\n'] = true, ['\r'] = true };

static bool needs_quotes(const char *s, size_t n)
{
	if (n == 0)
		return false;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return true;
	for (size_t i = 0; i < n; i++)
		if (special[(unsigned char)s[i]])
			return true;
	return false;
}

void ind_line_field(struct ind_line *l, const char *s, size_t n)
{
	if (l->len + 2 * n + 3 > l->cap && !room(l, 2 * n + 3))
		return;
	if (l->nfields++ > 0)
		l->buf[l->len++] = ',';
	if (!needs_quotes(s, n)) {
		memcpy(l->buf + l->len, s, n);
		l->len += n;
		return;
	}
	l->buf[l->len++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			l->buf[l->len++] = '"';
		l->buf[l->len++] = s[i];
	}
	l->buf[l->len++] = '"';
}

void ind_line_plain(struct ind_line *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap && !room(l, n + 1))
		return;
	if (l->nfields++ > 0)
		l->buf[l->len++] = ',';
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

void ind_line_str(struct ind_line *l, const char *s) { ind_line_field(l, s, strlen(s)); }

void ind_line_double(struct ind_line *l, double x)
{
	char buf[IND_DOUBLE_TEXT_MAX];
	ind_line_str(l, ind_num_format(x, buf));
}

void ind_line_newline(struct ind_line *l)
{
	if (l->len + 1 > l->cap && !room(l, 1))
		return;
	l->buf[l->len++] = '\n';
	l->nfields = 0;
}

int ind_line_write(struct ind_line *l, FILE *fp)
{
	if (l->oom || !room(l, 1))
		return -1;
	l->buf[l->len++] = '\n';
	return fwrite(l->buf, 1, l->len, fp) == l->len ? 0 : -1;
}

void ind_line_free(struct ind_line *l)
{
	free(l->buf);
	memset(l, 0, sizeof *l);
}

/* ---- atomic outputs ---------------------------------------------------- */

struct ind_output {
	FILE *fp;
	char *path, *tmp;	/* both NULL for stdout and direct outputs */
	int slot;
	bool direct;		/* a device or pipe: no temporary file */
};

/* Temporary files to remove if a signal ends the run; touched by the handler. */
#define MAX_TEMPS 16
static char *volatile temps[MAX_TEMPS];

static void remove_temps(int sig)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i])
			unlink(temps[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static int register_temp(char *tmp)
{
	static bool handlers;
	if (!handlers) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = remove_temps;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		sigaction(SIGHUP, &sa, NULL);
		handlers = true;
	}
	for (int i = 0; i < MAX_TEMPS; i++)
		if (!temps[i]) {
			temps[i] = tmp;
			return i;
		}
	return -1;
}

/* mkstemp makes 0600 files; outputs get the usual 0666 less the umask. */
static mode_t umask_value(void)
{
	mode_t m = umask(0);
	umask(m);
	return m;
}

int ind_temp_beside(const char *path, char **tmp)
{
	int fd;
	if (!(*tmp = malloc(strlen(path) + sizeof ".tmpXXXXXX")))
		return -1;
	strcpy(*tmp, path);
	strcat(*tmp, ".tmpXXXXXX");
	if ((fd = mkstemp(*tmp)) < 0) {
		int e = errno;
		free(*tmp);
		*tmp = NULL;
		errno = e;
		return -1;
	}
	fchmod(fd, 0666 & ~umask_value());
	return fd;
}

ind_output *ind_output_open(const char *path, struct ind_error *err)
{
	ind_output *o = calloc(1, sizeof *o);
	int fd;

	if (!o) {
		ind_error_set(err, path, 0, "out of memory");
		return NULL;
	}
	o->slot = -1;
	if (!path || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return o;
	}
	{	/* devices and pipes (/dev/full, /dev/stdout, a FIFO) are written as they are */
		struct stat st;
		if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			if (!(o->fp = fopen(path, "w"))) {
				ind_error_set(err, path, 0, "cannot open output: %s", strerror(errno));
				free(o);
				return NULL;
			}
			o->direct = true;
			return o;
		}
	}
	if (!(o->path = strdup(path))) {
		ind_error_set(err, path, 0, "out of memory");
		goto fail;
	}
	if ((fd = ind_temp_beside(path, &o->tmp)) < 0) {
		ind_error_set(err, path, 0, "cannot create output: %s", strerror(errno));
		goto fail;
	}
	o->fp = fdopen(fd, "w");
	if (!o->fp) {
		ind_error_set(err, path, 0, "%s", strerror(errno));
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	o->slot = register_temp(o->tmp);
	return o;
fail:
	free(o->path);
	free(o->tmp);
	free(o);
	return NULL;
}

FILE *ind_output_file(ind_output *o) { return o->fp; }

int ind_output_close(ind_output *o, bool commit, struct ind_error *err)
{
	int rc = 0;

	if (!o)
		return 0;
	if (o->fp == stdout || o->direct) {
		if (fflush(o->fp) != 0 || ferror(o->fp)) {
			ind_error_set(err, NULL, 0, "write error: %s", strerror(errno));
			rc = -1;
		}
		if (o->direct && fclose(o->fp) != 0 && rc == 0)
			rc = ind_error_set(err, NULL, 0, "write error: %s", strerror(errno));
		free(o);
		return rc;
	}
	if (commit && (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0)) {
		ind_error_set(err, o->path, 0, "write error: %s", strerror(errno));
		commit = false;
		rc = -1;
	}
	if (fclose(o->fp) != 0 && commit) {
		ind_error_set(err, o->path, 0, "write error: %s", strerror(errno));
		commit = false;
		rc = -1;
	}
	if (commit && rename(o->tmp, o->path) != 0) {
		ind_error_set(err, o->path, 0, "cannot rename output into place: %s", strerror(errno));
		rc = -1;
	}
	if (!commit || rc < 0)
		unlink(o->tmp);
	if (o->slot >= 0)
		temps[o->slot] = NULL;
	free(o->path);
	free(o->tmp);
	free(o);
	return rc;
}
