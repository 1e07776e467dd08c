/* export.c - report.docx, report.odt and report.pdf through pandoc and headless Chromium. See LICENSE. */
#define _XOPEN_SOURCE 700	/* nftw, realpath */
#include "export.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "writer.h"

static const struct {
	const char *name;
	unsigned bit;
} formats[] = {
	{ "docx", IND_EXPORT_DOCX }, { "odt", IND_EXPORT_ODT }, { "pdf", IND_EXPORT_PDF },
	{ "html", 0 }, { "md", 0 }, { "csv", 0 },
};

static const char *const browsers[] = { "chromium", "chromium-browser", "google-chrome", NULL };
/* pandoc's PDF engines, the HTML ones first: they print the tables and charts closest to index.html */
static const char *const pdf_engines[] = { "weasyprint", "wkhtmltopdf", "xelatex", "lualatex", "pdflatex", NULL };

int ind_export_parse(const char *list, unsigned *out, const char **bad, int *badlen)
{
	const char *s = list;
	while (*s) {
		size_t n;
		size_t i;
		s += strspn(s, ", \t");
		if (!*s)
			break;
		n = strcspn(s, ", \t");
		for (i = 0; i < sizeof formats / sizeof formats[0]; i++)
			if (strlen(formats[i].name) == n && strncmp(s, formats[i].name, n) == 0)
				break;
		if (i == sizeof formats / sizeof formats[0]) {
			*bad = s;
			*badlen = n > 64 ? 64 : (int)n;
			return -1;
		}
		*out |= formats[i].bit;
		s += n;
	}
	return 0;
}

int ind_export_configure(struct ind_export *x, struct ind_config *c, struct ind_error *err)
{
	size_t kept = 0;
	int rc = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct ind_config_entry *e = &c->e[i];
		if (strcmp(e->section, "report") == 0 && strcmp(e->key, "format") == 0) {
			const char *bad;
			int badlen;
			unsigned f = 0;
			if (rc == 0 && ind_export_parse(e->value, &f, &bad, &badlen) < 0)
				rc = ind_error_set(err, c->file, e->line, "format: '%.*s' (use docx, odt or pdf)", badlen, bad);
			x->formats = f;	/* a later line replaces an earlier one */
			free(e->section);
			free(e->key);
			free(e->value);
			continue;
		}
		c->e[kept++] = *e;
	}
	c->n = kept;
	return rc;
}

/* The program's path: name itself when it holds a '/', else the first executable on PATH; NULL if none. */
static char *find_program(const char *name)
{
	const char *path = getenv("PATH"), *p;
	if (strchr(name, '/'))
		return access(name, X_OK) == 0 ? strdup(name) : NULL;
	if (!path)
		path = "/usr/bin:/bin";
	for (p = path;; p++) {
		const char *e = strchr(p, ':');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *full = malloc(n + strlen(name) + 3);
		struct stat st;
		if (!full)
			return NULL;
		/* an empty PATH entry is the current directory */
		sprintf(full, "%.*s%s%s", (int)n, n ? p : ".", "/", name);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0)
			return full;
		free(full);
		if (!e)
			return NULL;
		p = e;
	}
}

static char *find_browser(const struct ind_export *x)
{
	char *p = NULL;
	if (x->browser)
		return find_program(x->browser);
	for (int i = 0; browsers[i] && !p; i++)
		p = find_program(browsers[i]);
	return p;
}

static const char *find_engine(void)
{
	for (int i = 0; pdf_engines[i]; i++) {
		char *p = find_program(pdf_engines[i]);
		if (p) {
			free(p);
			return pdf_engines[i];
		}
	}
	return NULL;
}

static int missing_pandoc(const struct ind_export *x, const char *format, struct ind_error *err)
{
	if (x->pandoc)
		return ind_error_set(err, NULL, 0, "pandoc not found ('%s'): install pandoc for format %s", x->pandoc, format);
	return ind_error_set(err, NULL, 0, "pandoc not found: install pandoc for format %s", format);
}

int ind_export_check(const struct ind_export *x, struct ind_error *err)
{
	char *p;
	if (x->formats & (IND_EXPORT_DOCX | IND_EXPORT_ODT)) {
		if (!(p = find_program(x->pandoc ? x->pandoc : "pandoc")))
			return missing_pandoc(x, x->formats & IND_EXPORT_DOCX ? "docx" : "odt", err);
		free(p);
	}
	if (x->formats & IND_EXPORT_PDF) {
		if ((p = find_browser(x))) {
			free(p);
			return 0;
		}
		if (x->browser)
			return ind_error_set(err, NULL, 0, "browser not found ('%s'): install chromium for format pdf", x->browser);
		if ((p = find_program(x->pandoc ? x->pandoc : "pandoc"))) {
			free(p);
			if (find_engine())
				return 0;
		}
		return ind_error_set(err, NULL, 0, "chromium not found: install chromium (or pandoc and a PDF engine, "
				     "e.g. weasyprint) for format pdf");
	}
	return 0;
}

/* ---- running a program --------------------------------------------------- */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The end of what the program printed, on one line, after ": " (or ""). */
static void tail_of(int fd, char *msg, size_t size)
{
	char buf[300];
	off_t end = lseek(fd, 0, SEEK_END);
	ssize_t n;
	msg[0] = '\0';
	if (end < 0 || lseek(fd, end > (off_t)sizeof buf - 1 ? end - (off_t)sizeof buf + 1 : 0, SEEK_SET) < 0)
		return;
	if ((n = read(fd, buf, sizeof buf - 1)) <= 0)
		return;
	buf[n] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	while (n > 0 && buf[n - 1] == ' ')
		buf[--n] = '\0';
	if (n > 0)
		snprintf(msg, size, ": %s", buf + strspn(buf, " "));
}

/*
 * Run path with argv in dir, stdin from /dev/null, stdout and stderr to a
 * temporary file (the end of which goes into a failure's message). name is
 * the program's name for messages. The child leads its own process group
 * so that a timeout or a signal stops its helpers too (Chromium forks).
 */
static int run(const char *name, const char *path, char *const argv[], const char *dir, int timeout,
	       struct ind_error *err)
{
	char logpath[] = "/tmp/ind-report-log.XXXXXX", msg[320];
	int logfd = mkstemp(logpath), status = 0, report[2];
	bool interrupted = false, timed_out = false;
	double start = now();
	pid_t pid;
	int child_errno = 0, wait_errno = 0;

	if (logfd < 0)
		return ind_error_set(err, NULL, 0, "cannot make a temporary file: %s", strerror(errno));
	unlink(logpath);
	if (pipe(report) < 0) {
		close(logfd);
		return ind_error_set(err, NULL, 0, "pipe: %s", strerror(errno));
	}
	fcntl(report[1], F_SETFD, FD_CLOEXEC);	/* closed by a good exec: the parent then reads nothing */
	/* held while the program runs: a signal interrupts the wait below, and is acted on once it is stopped */
	ind_cleanup_hold();
	pid = fork();
	if (pid < 0) {
		int e = errno;
		ind_cleanup_release();
		close(logfd);
		close(report[0]);
		close(report[1]);
		return ind_error_set(err, NULL, 0, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		setpgid(0, 0);
		close(report[0]);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			close(null);
		}
		dup2(logfd, STDOUT_FILENO);
		dup2(logfd, STDERR_FILENO);
		close(logfd);
		if (chdir(dir) == 0)
			execv(path, argv);
		child_errno = errno;
		if (write(report[1], &child_errno, sizeof child_errno) < 0)
			_exit(127);
		_exit(127);
	}
	setpgid(pid, pid);	/* as the child does: whichever runs first */
	ind_cleanup_child(pid);
	close(report[1]);
	for (;;) {
		struct timespec tick = { 0, 50 * 1000 * 1000 };
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			wait_errno = errno;
			break;
		}
		if (!interrupted && !timed_out && now() - start > (timeout > 0 ? timeout : 300))
			timed_out = true;
		if (interrupted || timed_out) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			break;
		}
		if (nanosleep(&tick, NULL) < 0 && errno == EINTR)
			interrupted = true;	/* one of the signals held above */
	}
	kill(-pid, SIGKILL);	/* helpers left behind, if any (none: ESRCH) */
	ind_cleanup_child(0);
	if (read(report[0], &child_errno, sizeof child_errno) != (ssize_t)sizeof child_errno)
		child_errno = 0;
	close(report[0]);
	tail_of(logfd, msg, sizeof msg);
	close(logfd);
	ind_cleanup_release();	/* a held signal ends the run here */
	if (interrupted)
		return ind_error_set(err, NULL, 0, "%s was interrupted", name);
	if (timed_out)
		return ind_error_set(err, NULL, 0, "%s did not finish in %d s; stopped it", name, timeout > 0 ? timeout : 300);
	if (child_errno)
		return ind_error_set(err, NULL, 0, "cannot run %s ('%s'): %s", name, path, strerror(child_errno));
	if (wait_errno)
		return ind_error_set(err, NULL, 0, "waitpid: %s", strerror(wait_errno));
	if (WIFSIGNALED(status))
		return ind_error_set(err, NULL, 0, "%s was killed by signal %d%s", name, WTERMSIG(status), msg);
	if (WEXITSTATUS(status) != 0)
		return ind_error_set(err, NULL, 0, "%s failed (exit %d)%s", name, WEXITSTATUS(status), msg);
	return 0;
}

/* 0 when dir/file is a non-empty regular file. */
static int wrote(const char *name, const char *dir, const char *file, struct ind_error *err)
{
	char *p = malloc(strlen(dir) + strlen(file) + 2);
	struct stat st;
	int ok;
	if (!p)
		return ind_error_set(err, NULL, 0, "out of memory");
	sprintf(p, "%s/%s", dir, file);
	ok = stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
	free(p);
	return ok ? 0 : ind_error_set(err, NULL, 0, "%s exited 0 but wrote no %s", name, file);
}

static int pandoc(const struct ind_export *x, const char *dir, const char *to, const char *engine, struct ind_error *err)
{
	char *path = find_program(x->pandoc ? x->pandoc : "pandoc");
	char out[32], lang[16], eng[64], toopt[32];
	char *argv[12];	/* at most 10 used */
	int n = 0, rc;

	if (!path)
		return missing_pandoc(x, to, err);
	snprintf(out, sizeof out, "--output=report.%s", to);
	snprintf(toopt, sizeof toopt, "--to=%s", strcmp(to, "pdf") == 0 ? "pdf" : to);
	snprintf(lang, sizeof lang, "lang=%s", x->lang ? x->lang : "fi");
	argv[n++] = (char *)"pandoc";
	/* the text as written: no curly quotes or dashes, no math, citations, raw TeX, sub- or superscripts from the data */
	argv[n++] = (char *)"--from=markdown-smart-citations-tex_math_dollars-raw_tex-superscript-subscript";
	if (strcmp(to, "pdf") != 0)
		argv[n++] = toopt;
	argv[n++] = (char *)"--metadata";
	argv[n++] = lang;
	argv[n++] = (char *)"--resource-path=.";
	if (engine) {
		snprintf(eng, sizeof eng, "--pdf-engine=%s", engine);
		argv[n++] = eng;
	}
	argv[n++] = out;
	argv[n++] = (char *)"report.md";	/* relative: pandoc runs in dir, so a name starting '-' never reaches it */
	argv[n] = NULL;
	rc = run("pandoc", path, argv, dir, x->timeout, err);
	free(path);
	return rc < 0 ? -1 : wrote("pandoc", dir, out + 9, err);
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* "file://" and the absolute path of dir/name, percent-encoded but for '/' and the unreserved characters. */
static char *file_url(const char *dir, const char *name)
{
	char *abs = realpath(dir, NULL), *url, *u;
	static const char hex[] = "0123456789ABCDEF";
	if (!abs)
		return NULL;
	if (!(url = malloc(7 + 3 * strlen(abs) + strlen(name) + 2))) {
		free(abs);
		return NULL;
	}
	u = url + sprintf(url, "file://");
	for (const unsigned char *c = (const unsigned char *)abs; *c; c++)
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || strchr("-._~/", *c))
			*u++ = (char)*c;
		else {
			*u++ = '%';
			*u++ = hex[*c >> 4];
			*u++ = hex[*c & 15];
		}
	sprintf(u, "/%s", name);
	free(abs);
	return url;
}

#define PRINT_HTML ".print.html"

/*
 * dir/PRINT_HTML: index.html with an A4 page (Chromium's command line has
 * no paper size, and its default is Letter). 0, or -1 with err.
 */
static int print_copy(const char *dir, struct ind_error *err)
{
	static const char page[] = "<style>@page{size:A4;margin:16mm 15mm}</style>\n";
	char *in = malloc(strlen(dir) + sizeof PRINT_HTML + 2), *out = malloc(strlen(dir) + sizeof PRINT_HTML + 2);
	char *text = NULL, *head;
	size_t len = 0, cap = 0, got;
	FILE *f = NULL;
	int rc = -1;

	if (!in || !out) {
		rc = ind_error_set(err, NULL, 0, "out of memory");
		goto done;
	}
	sprintf(in, "%s/index.html", dir);
	sprintf(out, "%s/%s", dir, PRINT_HTML);
	if (!(f = fopen(in, "rb"))) {
		rc = ind_error_set(err, in, 0, "%s", strerror(errno));
		goto done;
	}
	do {
		if (len + 65536 + 1 > cap) {
			char *nt = realloc(text, cap = 2 * (len + 65536) + 1);
			if (!nt) {
				rc = ind_error_set(err, NULL, 0, "out of memory");
				goto done;
			}
			text = nt;
		}
		len += got = fread(text + len, 1, cap - len - 1, f);
	} while (got > 0);
	if (ferror(f)) {
		rc = ind_error_set(err, in, 0, "read error");
		goto done;
	}
	fclose(f);
	text[len] = '\0';
	if (!(f = fopen(out, "wb"))) {
		rc = ind_error_set(err, out, 0, "%s", strerror(errno));
		goto done;
	}
	head = strstr(text, "</head>");
	if (head) {
		fwrite(text, 1, (size_t)(head - text), f);
		fputs(page, f);
		fwrite(head, 1, len - (size_t)(head - text), f);
	} else
		fwrite(text, 1, len, f);
	rc = fclose(f) == 0 ? 0 : ind_error_set(err, out, 0, "write error");
	f = NULL;
done:
	if (f)
		fclose(f);
	free(text);
	free(in);
	free(out);
	return rc;
}

static int chromium(const struct ind_export *x, const char *dir, const char *path, struct ind_error *err)
{
	char profile[] = "/tmp/ind-report-browser.XXXXXX";
	char *url = file_url(dir, PRINT_HTML), *abs = realpath(dir, NULL), *pdfopt = NULL, *profopt = NULL;
	int rc = -1;

	/* held to the end: a signal while Chromium runs acts once its profile is removed */
	ind_cleanup_hold();
	if (print_copy(dir, err) < 0) {
		rc = -1;
		goto out;
	}
	if (!url || !abs) {
		rc = ind_error_set(err, dir, 0, "%s", strerror(errno));
		goto out;
	}
	if (!mkdtemp(profile)) {
		rc = ind_error_set(err, NULL, 0, "cannot make a temporary directory: %s", strerror(errno));
		goto out;
	}
	if (!(pdfopt = malloc(strlen(abs) + 32)) || !(profopt = malloc(strlen(profile) + 32))) {
		rc = ind_error_set(err, NULL, 0, "out of memory");
	} else {
		/* a profile of its own, no network, no GPU, no sandbox (root, containers): it only reads our file */
		char *argv[] = { (char *)"chromium", (char *)"--headless", (char *)"--no-sandbox", (char *)"--disable-gpu",
				 (char *)"--no-first-run", (char *)"--no-default-browser-check",
				 (char *)"--disable-background-networking", (char *)"--disable-component-update",
				 (char *)"--disable-sync", (char *)"--disable-extensions", profopt,
				 (char *)"--no-pdf-header-footer", pdfopt, url, NULL };
		sprintf(pdfopt, "--print-to-pdf=%s/report.pdf", abs);
		sprintf(profopt, "--user-data-dir=%s", profile);
		rc = run("chromium", path, argv, dir, x->timeout, err);
		if (rc == 0)
			rc = wrote("chromium", dir, "report.pdf", err);
	}
	nftw(profile, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
out:
	if (abs) {	/* the copy is not part of the report */
		char *copy = malloc(strlen(abs) + sizeof PRINT_HTML + 2);
		if (copy) {
			sprintf(copy, "%s/%s", abs, PRINT_HTML);
			unlink(copy);
			free(copy);
		}
	}
	free(url);
	free(abs);
	free(pdfopt);
	free(profopt);
	ind_cleanup_release();
	return rc;
}

int ind_export_write(const struct ind_export *x, const char *dir, struct ind_error *err)
{
	if (!x || !x->formats)
		return 0;
	if (ind_export_check(x, err) < 0)
		return -1;
	if ((x->formats & IND_EXPORT_DOCX) && pandoc(x, dir, "docx", NULL, err) < 0)
		return -1;
	if ((x->formats & IND_EXPORT_ODT) && pandoc(x, dir, "odt", NULL, err) < 0)
		return -1;
	if (x->formats & IND_EXPORT_PDF) {
		char *path = find_browser(x);
		int rc;
		if (path) {
			rc = chromium(x, dir, path, err);
			free(path);
		} else
			rc = pandoc(x, dir, "pdf", find_engine(), err);
		if (rc < 0)
			return -1;
	}
	return 0;
}
