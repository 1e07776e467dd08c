/* writer.c - quoting CSV writer, temp-file-and-rename outputs, directories published by a link. See LICENSE. */
#define _GNU_SOURCE	/* fopencookie, renameat2, nftw */
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include "num.h"

static bool room(struct ind_line *l, size_t extra);

bool ind_line_grow(struct ind_line *l, size_t extra) { return room(l, extra); }

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
		ind_line_put_bytes(l->buf + l->len, s, n);
		l->len += n;
		return;
	}
	{
		char *o = l->buf + l->len;
		const char *q;
		*o++ = '"';
		while ((q = memchr(s, '"', n)) != NULL) {	/* each quote doubled */
			size_t k = (size_t)(q - s) + 1;
			memcpy(o, s, k);
			o += k;
			*o++ = '"';
			s += k;
			n -= k;
		}
		ind_line_put_bytes(o, s, n);
		o += n;
		*o++ = '"';
		l->len = (size_t)(o - l->buf);
	}
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

static const char *output_name_of(FILE *fp, int *why);

void ind_line_put(struct ind_line *l, FILE *fp)
{
	const char *name;
	int why = 0;
	if (l->oom || !room(l, 1))
		ind_die(IND_EXIT_DATA, "out of memory");
	l->buf[l->len++] = '\n';
	if (fwrite(l->buf, 1, l->len, fp) == l->len)
		return;
	name = output_name_of(fp, &why);
	ind_die(IND_EXIT_DATA, "%s: write error: %s", name, strerror(why ? why : EIO));
}

void ind_line_free(struct ind_line *l)
{
	free(l->buf);
	memset(l, 0, sizeof *l);
}

/* ind_line_replay; with write_failed, lines written by ind_line_write until one fails, instead of ind_line_put. */
static const char *replay(FILE *fp, FILE *out, struct ind_line *ln, bool *write_failed)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	if (fflush(fp) != 0 || fseeko(fp, 0, SEEK_SET) != 0)
		return strerror(errno);
	while ((n = getline(&line, &cap, fp)) > 0) {
		if (!ln) {
			fwrite(line, 1, (size_t)n, out);
			continue;
		}
		ind_line_reset(ln);
		ind_line_plain(ln, line, (size_t)n - (line[n - 1] == '\n'));	/* a last line may lack its LF */
		if (!write_failed)
			ind_line_put(ln, out);
		else if (ind_line_write(ln, out) < 0) {
			*write_failed = true;
			break;
		}
	}
	free(line);
	return ferror(fp) ? "read error" : NULL;
}

const char *ind_line_replay(FILE *fp, FILE *out, struct ind_line *ln) { return replay(fp, out, ln, NULL); }

const char *ind_line_replay_rows(FILE *fp, FILE *out, struct ind_line *ln, bool *write_failed)
{
	return replay(fp, out, ln, write_failed);
}

/* ---- cleanup on signals ------------------------------------------------- */

/*
 * What the handler removes. Entries are set and cleared by the main thread
 * (the paths are heap strings that outlive their entry); the handler only
 * reads them, and makes only async-signal-safe calls.
 */
#define MAX_FILES 16
#define MAX_DIRS 4
#define MAX_MADE 64
static char *volatile temp_files[MAX_FILES];
static char *volatile temp_dirs[MAX_DIRS];	/* emptied through their descriptor, then removed */
static volatile int temp_dir_fds[MAX_DIRS];
static char *volatile made_dirs[MAX_MADE];	/* parents made for an output, removed deepest first */
static volatile pid_t child_pid;
static volatile sig_atomic_t held, pending;	/* held: a count of nested holds */
static pid_t owner;	/* the process that installed the handler (not a child before its exec) */

#ifdef __linux__
/* Remove the files of a directory by its descriptor: getdents64 needs no memory and takes no lock. */
static void empty_dir(int fd)
{
	static char buf[4096] __attribute__((aligned(8)));
	for (int pass = 0; pass < 8; pass++) {
		int removed = 0;
		long n;
		lseek(fd, 0, SEEK_SET);
		while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0)
			for (long off = 0; off < n;) {
				/* struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name */
				unsigned short reclen;
				const char *name = buf + off + 19;
				memcpy(&reclen, buf + off + 16, sizeof reclen);
				if (!(name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) &&
				    unlinkat(fd, name, 0) == 0)
					removed++;
				off += reclen;
			}
		if (!removed)
			break;
	}
}
#else
static void empty_dir(int fd) { (void)fd; }
#endif

static void clean_up_now(void)
{
	pid_t p = child_pid;
	if (p > 0) {	/* first the child, so that it writes nothing more */
		kill(p, SIGKILL);
		while (waitpid(p, NULL, 0) < 0 && errno == EINTR)
			;
	}
	for (int i = 0; i < MAX_DIRS; i++)
		if (temp_dirs[i]) {
			if (temp_dir_fds[i] >= 0)
				empty_dir(temp_dir_fds[i]);
			rmdir(temp_dirs[i]);
		}
	for (int i = 0; i < MAX_FILES; i++)
		if (temp_files[i])
			unlink(temp_files[i]);
	for (int i = MAX_MADE - 1; i >= 0; i--)
		if (made_dirs[i])
			rmdir(made_dirs[i]);
}

static void on_signal(int sig)
{
	int saved = errno;
	if (getpid() == owner) {
		if (held) {
			pending = sig;
			errno = saved;
			return;
		}
		clean_up_now();
	}
	signal(sig, SIG_DFL);
	raise(sig);	/* blocked until the handler returns, then the default action: die of it */
	errno = saved;
}

/* An exit with outputs still open (ind_die) removes their temporary files too. */
static void at_exit(void)
{
	if (getpid() == owner)
		clean_up_now();
}

static void install_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	static bool done;
	if (done)
		return;
	done = true;
	owner = getpid();
	atexit(at_exit);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa, old;
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;	/* nohup and background jobs: stay ignored */
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t j = 0; j < sizeof sigs / sizeof sigs[0]; j++)
			sigaddset(&sa.sa_mask, sigs[j]);
		sa.sa_flags = 0;	/* no SA_RESTART: a held signal interrupts a wait for the lock */
		sigaction(sigs[i], &sa, NULL);
	}
}

void ind_cleanup_hold(void)
{
	install_handlers();
	held++;
}

void ind_cleanup_release(void)
{
	if (held > 0)
		held--;
	if (!held && pending) {
		int sig = pending;
		pending = 0;
		raise(sig);
	}
}

void ind_cleanup_child(pid_t pid)
{
	install_handlers();
	child_pid = pid;
}

static int slot_set(char *volatile *slots, int n, char *path)
{
	install_handlers();
	for (int i = 0; i < n; i++)
		if (!slots[i]) {
			slots[i] = path;
			return i;
		}
	return -1;
}

static void slot_clear(char *volatile *slots, int i)
{
	if (i >= 0)
		slots[i] = NULL;
}

/* ---- paths --------------------------------------------------------------- */

static char *concat3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *p = malloc(la + lb + lc + 1);
	if (p) {
		memcpy(p, a, la);
		memcpy(p + la, b, lb);
		memcpy(p + la + lb, c, lc + 1);
	}
	return p;
}

/* The directory part of path ("." when none; "/" for "/x"), malloc'ed. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* dir/name, or name alone when dir is "." (so that relative paths stay as the user gave them). */
static char *join(const char *dir, const char *name)
{
	if (strcmp(dir, ".") == 0)
		return strdup(name);
	return concat3(dir, strcmp(dir, "/") == 0 ? "" : "/", name);
}

static char *read_link(const char *path)
{
	for (size_t size = 256;; size *= 2) {
		char *buf = malloc(size);
		ssize_t n;
		if (!buf)
			return NULL;
		n = readlink(path, buf, size);
		if (n < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return NULL;
		}
		if ((size_t)n < size) {
			buf[n] = '\0';
			return buf;
		}
		free(buf);
	}
}

static void strip_slashes(char *p)
{
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
}

/*
 * Follow symbolic links from path to what they finally name (which may not
 * exist); stop early at a link for which stop() is true. malloc'ed, or NULL
 * with errno (ELOOP after 40 links).
 */
static char *follow_links(const char *path, bool (*stop)(const char *link, const char *target))
{
	char *p = strdup(path);
	if (!p)
		return NULL;
	for (int hops = 0;; hops++) {
		struct stat st;
		char *t, *d, *next;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		if (hops == 40) {
			free(p);
			errno = ELOOP;
			return NULL;
		}
		if (!(t = read_link(p))) {
			free(p);
			return NULL;
		}
		if (stop && stop(p, t)) {
			free(t);
			return p;
		}
		d = dir_of(p);
		next = t[0] == '/' || !d ? strdup(t) : join(d, t);
		free(d);
		free(t);
		free(p);
		if (!(p = next))
			return NULL;
	}
}

/* mkstemp makes 0600 files; outputs get the usual 0666 less the umask. */
static mode_t umask_value(void)
{
	mode_t m = umask(0);
	umask(m);
	return m;
}

/* ---- atomic outputs ---------------------------------------------------- */

struct ind_output {
	FILE *fp;
	int fd;
	char *name;		/* as given, for messages */
	char *path;		/* the file renamed over: the final target of symbolic links */
	char *dir, *tmp;	/* the temporary file and its directory; NULL when written directly */
	const char *tmp_name;	/* tmp's last component */
	int slot, werr;		/* werr: errno of the first failed write */
	bool is_stdout;
	char *vbuf;		/* fp's buffer, freed after fclose */
};

/* Writes go through here so that the reason of a failed write is kept for the message. */
static ssize_t output_write(void *cookie, const char *buf, size_t n)
{
	ind_output *o = cookie;
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(o->fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!o->werr)
				o->werr = w < 0 ? errno : EIO;
			return -1;
		}
		done += (size_t)w;
	}
	return (ssize_t)n;
}

static void output_free(ind_output *o)
{
	free(o->name);
	free(o->path);
	free(o->dir);
	free(o->tmp);
	free(o->vbuf);
	free(o);
}

/* The temporary file beside o->path, with the target's mode (st) or 0666 less the umask. */
static int make_temp(ind_output *o, const struct stat *st)
{
	const char *base = base_of(o->path);
	char safe[80];
	size_t n = 0;
	int fd;

	if (!*base) {
		errno = EISDIR;
		return -1;
	}
	for (; base[n] && n < 64; n++) {
		unsigned char c = (unsigned char)base[n];
		safe[n] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
				  c == '_' || c == '-'
			  ? (char)c
			  : '_';
	}
	strcpy(safe + n, ".tmpXXXXXX");
	if (!(o->dir = dir_of(o->path)) || !(o->tmp = join(o->dir, safe))) {
		errno = ENOMEM;
		return -1;
	}
	o->tmp_name = base_of(o->tmp);
	ind_cleanup_hold();	/* a signal between mkstemp and the registration would leave the file */
	if ((fd = mkstemp(o->tmp)) >= 0)
		o->slot = slot_set(temp_files, MAX_FILES, o->tmp);
	ind_cleanup_release();
	if (fd < 0)
		return -1;
	if (st) {
		if ((st->st_uid != geteuid() || st->st_gid != getegid()) && fchown(fd, st->st_uid, st->st_gid) != 0 &&
		    fchown(fd, (uid_t)-1, st->st_gid) != 0) {
			/* not permitted: the file becomes ours, with the target's mode */
		}
		fchmod(fd, st->st_mode & 07777);
	} else {
		fchmod(fd, 0666 & ~umask_value());
	}
	return fd;
}

/* The outputs open now, to name the one a failed write went to. */
static ind_output *open_outputs[MAX_FILES];

static const char *output_name_of(FILE *fp, int *why)
{
	for (size_t i = 0; i < MAX_FILES; i++)
		if (open_outputs[i] && open_outputs[i]->fp == fp) {
			*why = open_outputs[i]->werr;
			return open_outputs[i]->name;
		}
	*why = errno;
	return fp == stdout ? "standard output" : "output";
}

static void output_listed(ind_output *o, bool listed)
{
	for (size_t i = 0; i < MAX_FILES; i++)
		if (listed ? !open_outputs[i] : open_outputs[i] == o) {
			open_outputs[i] = listed ? o : NULL;
			return;
		}
}

/*
 * A pipe's capacity raised towards what the system allows (1 MiB at most; the
 * kernel's default is 64 KiB), so that writer and reader each move bigger
 * chunks per wakeup. Failure (an older kernel, the user's pipe quota) leaves
 * the pipe as it was. True when fd is a pipe.
 */
#define PIPE_WANT (1 << 20)
#define PIPE_CHUNK (1 << 18)	/* the stdio buffer of an output that is a pipe */
static bool widen_pipe(int fd)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode))
		return false;
#ifdef F_SETPIPE_SZ
	{
		long max = 0, want = PIPE_WANT;
		int pfd = open("/proc/sys/fs/pipe-max-size", O_RDONLY | O_CLOEXEC);
		if (pfd >= 0) {
			char text[32];
			ssize_t n = read(pfd, text, sizeof text - 1);
			close(pfd);
			if (n > 0) {
				char *end;
				text[n] = '\0';
				errno = 0;
				max = strtol(text, &end, 10);
				if (errno || end == text || max < 4096)
					max = 0;	/* not a size: the pipe stays as it is */
			}
		}
		if (max > 0 && max < want)
			want = max;
		if (max > 0 && fcntl(fd, F_GETPIPE_SZ) < want)
			(void)fcntl(fd, F_SETPIPE_SZ, (int)want);
	}
#endif
	return true;
}

ind_output *ind_output_open(const char *path, struct ind_error *err)
{
	static const cookie_io_functions_t io = { .write = output_write };
	ind_output *o = calloc(1, sizeof *o);
	struct stat st;
	bool exists;

	if (!o) {
		ind_error_set(err, path, 0, "out of memory");
		return NULL;
	}
	o->slot = -1;
	if (!path || strcmp(path, "-") == 0) {
		fflush(stdout);
		o->fd = STDOUT_FILENO;
		o->is_stdout = true;
		if (!(o->name = strdup("standard output")))
			goto oom;
		goto stream;
	}
	if (!(o->name = strdup(path)))
		goto oom;
	if (!(o->path = follow_links(path, NULL))) {
		ind_error_set(err, path, 0, "cannot create output: %s", strerror(errno));
		output_free(o);
		return NULL;
	}
	exists = stat(o->path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {	/* devices and pipes (/dev/full, /dev/stdout, a FIFO) as they are */
		if ((o->fd = open(o->path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
			ind_error_set(err, path, 0, "cannot open output: %s", strerror(errno));
			output_free(o);
			return NULL;
		}
		goto stream;
	}
	if ((o->fd = make_temp(o, exists ? &st : NULL)) < 0) {
		ind_error_set(err, path, 0, "cannot create output: %s", strerror(errno));
		slot_clear(temp_files, o->slot);
		output_free(o);
		return NULL;
	}
stream:
	if (!(o->fp = fopencookie(o, "w", io))) {
		ind_error_set(err, path, 0, "%s", strerror(errno));
		if (o->tmp) {
			unlink(o->tmp);
			slot_clear(temp_files, o->slot);
		}
		if (!o->is_stdout)
			close(o->fd);
		output_free(o);
		return NULL;
	}
	/* glibc sizes a buffer it allocates itself by BUFSIZ, whatever setvbuf asks: the buffer is ours */
	if (o->is_stdout && isatty(STDOUT_FILENO)) {
		setvbuf(o->fp, NULL, _IOLBF, 1 << 16);
	} else {
		size_t size = widen_pipe(o->fd) ? PIPE_CHUNK : 1 << 16;
		if ((o->vbuf = malloc(size)))
			setvbuf(o->fp, o->vbuf, _IOFBF, size);
	}
	output_listed(o, true);
	return o;
oom:
	ind_error_set(err, path, 0, "out of memory");
	output_free(o);
	return NULL;
}

FILE *ind_output_file(ind_output *o) { return o->fp; }
const char *ind_output_temp_name(const ind_output *o) { return o->tmp_name; }
const char *ind_output_dir(const ind_output *o) { return o->tmp ? o->dir : NULL; }

int ind_output_close(ind_output *o, bool commit, struct ind_error *err)
{
	int rc = 0;

	if (!o)
		return 0;
	if (fflush(o->fp) != 0 && !o->werr)
		o->werr = errno ? errno : EIO;
	if (ferror(o->fp) && !o->werr)
		o->werr = EIO;
	if (commit && o->tmp && !o->werr && fsync(o->fd) != 0)
		o->werr = errno;
	output_listed(o, false);
	fclose(o->fp);	/* the cookie has no close: the descriptor is closed here */
	if (!o->is_stdout && close(o->fd) != 0 && !o->werr && (commit || !o->tmp))
		o->werr = errno;
	if (o->werr)
		rc = ind_error_set(err, o->name, 0, "write error: %s", strerror(o->werr));
	if (o->tmp) {
		ind_cleanup_hold();	/* renamed and forgotten as one step: a signal must not remove it in between */
		if (commit && rc == 0 && rename(o->tmp, o->path) != 0)
			rc = ind_error_set(err, o->name, 0, "cannot rename output into place: %s", strerror(errno));
		if (!commit || rc < 0)
			unlink(o->tmp);
		slot_clear(temp_files, o->slot);
		ind_cleanup_release();
		if (rc == 0 && !commit)
			rc = 1;
	}
	output_free(o);
	return rc;
}

/* ---- directories published by a link ------------------------------------ */

struct ind_dir_output {
	char *name;		/* DIR as given, for messages */
	char *path;		/* DIR without trailing slashes, links of the user's followed */
	char *parent;		/* its directory */
	char *prefix;		/* its last component, cut to leave room for ".v-XXXXXX" */
	char *version;		/* parent/PREFIX.v-XXXXXX: the new files */
	char *made[MAX_MADE];	/* parents made for it, outermost first */
	int nmade, made_slot[MAX_MADE];
	int fd, slot;		/* version's descriptor and temp_dirs slot */
};

#define PREFIX_MAX 200	/* NAME_MAX 255 less ".v-XXXXXX", ".l-XXXXXX" and ".lock", with room to spare */

/* prefix of a DIR's last component: the start of its versions' names */
static char *prefix_of(const char *base)
{
	size_t n = strlen(base);
	return strndup(base, n > PREFIX_MAX ? PREFIX_MAX : n);
}

/* Is target (of the link at link_path) one of our versions: "PREFIX.v-XXXXXX", beside it? */
static bool is_version(const char *prefix, const char *target)
{
	size_t n = strlen(prefix);
	if (strncmp(target, prefix, n) != 0 || strncmp(target + n, ".v-", 3) != 0 || strlen(target + n + 3) != 6)
		return false;
	for (const char *c = target + n + 3; *c; c++)
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')))
			return false;
	return true;
}

static bool our_link(const char *link, const char *target)
{
	char *prefix = prefix_of(base_of(link));
	bool ours = prefix && is_version(prefix, target);
	free(prefix);
	return ours;
}

/* A file of a report, or what an older version left inside one (empty .oldXXXXXX/.tmpXXXXXX directories). */
static bool report_entry(const char *name)
{
	const char *d;
	if (strcmp(name, "index.html") == 0 || strcmp(name, "report.md") == 0 || strcmp(name, "statistics.csv") == 0)
		return true;
	if ((strncmp(name, ".old", 4) == 0 || strncmp(name, ".tmp", 4) == 0) && strlen(name) == 10)
		return true;
	if (strncmp(name, "chart-", 6) != 0)
		return false;
	for (d = name + 6; *d >= '0' && *d <= '9'; d++)
		;
	return d > name + 6 && (strcmp(d, ".png") == 0 || strcmp(d, ".svg") == 0);
}

/* 0 if the real directory path holds only report files; else -1 with err naming what else it holds. */
static int check_report_dir(const char *path, const char *name, struct ind_error *err)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int rc = 0;
	if (!d)
		return ind_error_set(err, name, 0, "cannot read the directory: %s", strerror(errno));
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 && !report_entry(e->d_name)) {
			rc = ind_error_set(err, name, 0, "not a report directory (it holds '%s'); remove it or give another -o",
					   e->d_name);
			break;
		}
	closedir(d);
	return rc;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
		nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void dir_output_free(ind_dir_output *d)
{
	for (int i = 0; i < d->nmade; i++)
		free(d->made[i]);
	free(d->name);
	free(d->path);
	free(d->parent);
	free(d->prefix);
	free(d->version);
	free(d);
}

/* Make the missing directories of d->parent, each noted for removal on failure. */
static int make_parents(ind_dir_output *d, struct ind_error *err)
{
	size_t n = strlen(d->parent);
	for (size_t i = 1; i <= n; i++) {
		char *p;
		if (i < n && d->parent[i] != '/')
			continue;
		if (!(p = strndup(d->parent, i)))
			return ind_error_set(err, d->name, 0, "out of memory");
		if (mkdir(p, 0777) == 0 && d->nmade < MAX_MADE) {
			d->made[d->nmade] = p;
			d->made_slot[d->nmade++] = slot_set(made_dirs, MAX_MADE, p);
		} else {
			if (errno != EEXIST && errno != EISDIR && i == n) {
				ind_error_set(err, d->name, 0, "cannot create the directory '%s': %s", p, strerror(errno));
				free(p);
				return -1;
			}
			free(p);
		}
	}
	return 0;
}

/* Remove the parents made for d, deepest first (they stay where another run has put something). */
static void remove_parents(ind_dir_output *d)
{
	for (int i = d->nmade - 1; i >= 0; i--) {
		rmdir(d->made[i]);
		slot_clear(made_dirs, d->made_slot[i]);
	}
}

static void forget_parents(ind_dir_output *d)
{
	for (int i = 0; i < d->nmade; i++)
		slot_clear(made_dirs, d->made_slot[i]);
}

ind_dir_output *ind_dir_output_open(const char *dir, struct ind_error *err)
{
	ind_dir_output *d = calloc(1, sizeof *d);
	struct stat st;
	char *given = NULL;
	const char *base;

	if (!d) {
		ind_error_set(err, dir, 0, "out of memory");
		return NULL;
	}
	d->fd = d->slot = -1;
	if (!(d->name = strdup(dir)) || !(given = strdup(dir)))
		goto oom;
	strip_slashes(given);
	d->path = follow_links(given, our_link);
	free(given);
	if (!d->path) {
		ind_error_set(err, dir, 0, "%s", strerror(errno));
		goto fail;
	}
	strip_slashes(d->path);
	base = base_of(d->path);
	if (!*base || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		ind_error_set(err, dir, 0, "give the report directory by name, not '.', '..' or '/'");
		goto fail;
	}
	if (!(d->parent = dir_of(d->path)) || !(d->prefix = prefix_of(base)))
		goto oom;
	/* what is there now (checked again when publishing) */
	if (lstat(d->path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			if (check_report_dir(d->path, dir, err) < 0)
				goto fail;
		} else if (!S_ISLNK(st.st_mode)) {	/* a link here is one of ours: follow_links stopped at it */
			ind_error_set(err, dir, 0, "exists and is not a directory");
			goto fail;
		}
	}
	ind_cleanup_hold();	/* made and registered as one step */
	for (int tries = 0;; tries++) {
		char *tail = concat3(d->prefix, ".v-XXXXXX", "");
		free(d->version);
		d->version = tail ? join(d->parent, tail) : NULL;
		free(tail);
		if (!d->version) {
			ind_cleanup_release();
			goto oom;
		}
		if (make_parents(d, err) < 0) {
			remove_parents(d);
			ind_cleanup_release();
			goto fail;
		}
		if (mkdtemp(d->version))
			break;
		if (errno != ENOENT || tries == 3) {	/* ENOENT: a failing run removed the parents it made */
			ind_error_set(err, dir, 0, "cannot create a directory beside it: %s", strerror(errno));
			remove_parents(d);
			ind_cleanup_release();
			goto fail;
		}
	}
	d->fd = open(d->version, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	for (int i = 0; i < MAX_DIRS; i++)
		if (!temp_dirs[i]) {
			temp_dir_fds[i] = d->fd;
			d->slot = slot_set(temp_dirs, MAX_DIRS, d->version);
			break;
		}
	ind_cleanup_release();
	chmod(d->version, 0777 & ~umask_value());
	return d;
oom:
	ind_error_set(err, dir, 0, "out of memory");
fail:
	dir_output_free(d);
	return NULL;
}

const char *ind_dir_output_path(const ind_dir_output *d) { return d->version; }

/* Take the lock beside DIR: waits for another run; a held signal ends the wait. -1 on failure. */
static int lock_dir(const ind_dir_output *d, const char *lock, struct ind_error *err)
{
	for (;;) {
		struct flock fl;
		struct stat a, b;
		int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
		if (fd < 0)
			return ind_error_set(err, d->name, 0, "cannot create the lock file '%s': %s", lock, strerror(errno));
		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		for (;;) {
			int e;
			if (!pending && fcntl(fd, F_SETLKW, &fl) == 0)
				break;
			e = errno;
			if (!pending && e == EINTR)
				continue;
			close(fd);
			return ind_error_set(err, d->name, 0, "cannot lock '%s': %s", lock,
					     pending ? "interrupted" : strerror(e));
		}
		if (fstat(fd, &a) == 0 && stat(lock, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return fd;
		close(fd);	/* its holder removed the file we waited on: lock the new one */
	}
}

static void unlock_dir(const char *lock, int fd)
{
	unlink(lock);	/* while still held: a run waiting on it sees it gone and takes the next */
	close(fd);
}

/* Put the link at d->path, turned to the new version; the directory it replaces goes to *old. */
static int flip(ind_dir_output *d, const char *link, char **old, struct ind_error *err)
{
	struct stat st;
	char *target;

	*old = NULL;
	if (lstat(d->path, &st) != 0) {
		if (errno != ENOENT)
			return ind_error_set(err, d->name, 0, "%s", strerror(errno));
		if (rename(link, d->path) != 0)
			return ind_error_set(err, d->name, 0, "cannot move the report into place: %s", strerror(errno));
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		if (!(target = read_link(d->path)))
			return ind_error_set(err, d->name, 0, "%s", strerror(errno));
		if (!is_version(d->prefix, target)) {
			ind_error_set(err, d->name, 0, "became a link to '%s' while the report was made; left as it is", target);
			free(target);
			return -1;
		}
		if (rename(link, d->path) != 0) {
			free(target);
			return ind_error_set(err, d->name, 0, "cannot replace the report: %s", strerror(errno));
		}
		*old = join(d->parent, target);
		free(target);
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return ind_error_set(err, d->name, 0, "exists and is not a directory");
	/* a real directory of an older version: taken over once */
	if (check_report_dir(d->path, d->name, err) < 0)
		return -1;
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, link, AT_FDCWD, d->path, RENAME_EXCHANGE) == 0) {
		*old = strdup(link);	/* the old directory, now under the link's temporary name */
		return 0;
	}
	if (errno != ENOSYS && errno != EINVAL && errno != ENOTSUP)
		return ind_error_set(err, d->name, 0, "cannot replace the report: %s", strerror(errno));
#endif
	{	/* no exchange here: move the old directory aside, then the link in (DIR is missing in between) */
		char *tail = concat3(d->prefix, ".v-XXXXXX", ""), *aside = tail ? join(d->parent, tail) : NULL;
		free(tail);
		if (!aside)
			return ind_error_set(err, d->name, 0, "out of memory");
		if (!mkdtemp(aside) || rename(d->path, aside) != 0) {
			ind_error_set(err, d->name, 0, "cannot replace the report: %s", strerror(errno));
			rmdir(aside);
			free(aside);
			return -1;
		}
		if (rename(link, d->path) != 0) {
			ind_error_set(err, d->name, 0, "cannot replace the report: %s", strerror(errno));
			rename(aside, d->path);
			free(aside);
			return -1;
		}
		*old = aside;
		return 0;
	}
}

int ind_dir_output_close(ind_dir_output *d, bool commit, struct ind_error *err)
{
	char *lock = NULL, *link = NULL, *tail = NULL, *old = NULL;
	int rc = 0, lfd = -1;

	if (!d)
		return 0;
	ind_cleanup_hold();
	if (commit) {
		const char *suffix = d->version + strlen(d->version) - 6;
		if (!(tail = concat3(d->prefix, ".lock", "")) || !(lock = join(d->parent, tail)))
			rc = ind_error_set(err, d->name, 0, "out of memory");
		free(tail);
		if (rc == 0 && (!(tail = concat3(d->prefix, ".l-", suffix)) || !(link = join(d->parent, tail))))
			rc = ind_error_set(err, d->name, 0, "out of memory");
		if (rc == 0 && (lfd = lock_dir(d, lock, err)) < 0)
			rc = -1;
		if (rc == 0) {
			unlink(link);	/* left by a run killed with SIGKILL, if any */
			if (symlink(base_of(d->version), link) != 0)
				rc = ind_error_set(err, d->name, 0, "cannot make a link beside it: %s", strerror(errno));
			else if (flip(d, link, &old, err) < 0) {
				unlink(link);
				rc = -1;
			}
		}
		if (rc == 0) {	/* published: the new version stays, the old one goes */
			slot_clear(temp_dirs, d->slot);
			forget_parents(d);
			if (old)
				remove_tree(old);
		}
		if (lfd >= 0)
			unlock_dir(lock, lfd);
	}
	if (!commit || rc < 0) {
		slot_clear(temp_dirs, d->slot);
		remove_tree(d->version);
		remove_parents(d);
	}
	if (d->fd >= 0)
		close(d->fd);
	free(old);
	free(tail);
	free(link);
	free(lock);
	dir_output_free(d);
	ind_cleanup_release();
	return rc;
}
