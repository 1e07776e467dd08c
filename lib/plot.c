/* plot.c - gnuplot through a pipe, with its standard error kept for messages. See LICENSE. */
#include "plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "writer.h"

const char *const ind_palette[8] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
				     "#000000" };

bool ind_plot_terminal(const char *path, enum ind_terminal *t)
{
	const char *dot = strrchr(path, '.');
	if (!dot)
		return false;
	if (strcmp(dot, ".png") == 0)
		*t = IND_TERM_PNG;
	else if (strcmp(dot, ".svg") == 0)
		*t = IND_TERM_SVG;
	else if (strcmp(dot, ".pdf") == 0)
		*t = IND_TERM_PDF;
	else
		return false;
	return true;
}

void ind_plot_quote(FILE *fp, const char *s)
{
	fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', fp);
		if (*s != '\n')
			fputc(*s, fp);
	}
	fputc('\'', fp);
}

void ind_plot_quote_name(FILE *fp, const char *s)
{
	const unsigned char *p;
	for (p = (const unsigned char *)s; *p && *p >= 0x20 && *p != 0x7f; p++)
		;
	if (!*p) {	/* no control characters: single quotes keep everything but the quote, doubled */
		fputc('\'', fp);
		for (; *s; s++) {
			if (*s == '\'')
				fputc('\'', fp);
			fputc(*s, fp);
		}
		fputc('\'', fp);
		return;
	}
	fputc('"', fp);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p == '\t')
			fputs("\\t", fp);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(fp, "\\%03o", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

void ind_plot_preamble(FILE *fp, enum ind_terminal t, int w, int h, const char *output, enum ind_lang lang)
{
	switch (t) {
	case IND_TERM_SVG:
		fprintf(fp, "set terminal svg size %d,%d dynamic font 'Sans,12' background '#ffffff'\n", w, h);
		break;
	case IND_TERM_PDF:
		fprintf(fp, "set terminal pdfcairo size %.2fin,%.2fin font 'Sans,10'\n", w / 100.0, h / 100.0);
		break;
	case IND_TERM_PNG:
	default:
		fprintf(fp, "set terminal pngcairo size %d,%d font 'Sans,11' background '#ffffff'\n", w, h);
		break;
	}
	fputs("set output ", fp);
	ind_plot_quote_name(fp, output);
	fputs("\nset encoding utf8\nset termoption noenhanced\n", fp);
	if (lang == IND_LANG_FI)
		fputs("set decimalsign ','\n", fp);
	fputs("set border 3 lc rgb '#444444'\nset tics nomirror out\nset grid ytics lc rgb '#dddddd' lt 1\n"
	      "set key outside right top vertical noreverse noenhanced\nset style fill transparent solid 0.25 noborder\n",
	      fp);
}

void ind_plot_time_axis(FILE *fp, double tmin, double tmax, enum ind_lang lang)
{
	double span = tmax - tmin;
	fprintf(fp, "set xrange [%.6f:%.6f]\n", tmin - span * 0.02 - 0.01, tmax + span * 0.02 + 0.01);
	if (span >= 3) {
		int step = span > 24 ? 5 : span > 12 ? 2 : 1;
		fprintf(fp, "set xtics %d format '%%.0f'\nset mxtics %d\n", step, step == 1 ? 4 : step);
	} else {
		/* quarters, labelled */
		fputs("set xtics (", fp);
		for (int y = (int)floor(tmin), first = 1; y <= (int)ceil(tmax); y++)
			for (int q = 0; q < 4; q++) {
				double x = y + q / 4.0;
				if (x < tmin - 0.13 || x > tmax + 0.13)
					continue;
				fprintf(fp, "%s'%s%d %d' %.4f", first ? "" : ", ", lang == IND_LANG_FI ? "" : "Q", q + 1, y, x);
				first = 0;
			}
		fputs(")\n", fp);
	}
}

int ind_gnuplot_run(const char *gnuplot, const char *script, size_t len, struct ind_error *err)
{
	return ind_gnuplot_run_in(gnuplot, NULL, script, len, err);
}

/* prog made absolute when it names a file relative to our directory and gnuplot works in another (malloc'ed). */
static char *program_path(const char *prog, const char *dir)
{
	char *cwd = NULL, *p;
	if (!dir || prog[0] == '/' || !strchr(prog, '/'))
		return strdup(prog);
	for (size_t size = 256; size <= (1u << 20); size *= 2) {
		free(cwd);
		if (!(cwd = malloc(size)))
			return NULL;
		if (getcwd(cwd, size))
			break;
		if (errno != ERANGE) {
			free(cwd);
			return strdup(prog);	/* left as it is: gnuplot not found will say so */
		}
	}
	if (!(p = malloc(strlen(cwd) + strlen(prog) + 2))) {
		free(cwd);
		return NULL;
	}
	sprintf(p, "%s/%s", cwd, prog);
	free(cwd);
	return p;
}

int ind_gnuplot_run_in(const char *gnuplot, const char *dir, const char *script, size_t len, struct ind_error *err)
{
	char errpath[] = "/tmp/ind-plot-stderr.XXXXXX";
	int in[2], errfd = mkstemp(errpath), status;
	const char *prog = gnuplot ? gnuplot : "gnuplot";
	char *exe;
	pid_t pid;
	size_t done = 0;

	if (errfd < 0)
		return ind_error_set(err, NULL, 0, "cannot make a temporary file: %s", strerror(errno));
	unlink(errpath);
	if (!(exe = program_path(prog, dir))) {
		close(errfd);
		return ind_error_set(err, NULL, 0, "out of memory");
	}
	if (pipe(in) < 0) {
		close(errfd);
		free(exe);
		return ind_error_set(err, NULL, 0, "pipe: %s", strerror(errno));
	}
	ind_cleanup_hold();	/* forked and registered as one step: a signal then kills it */
	pid = fork();
	if (pid < 0) {
		ind_cleanup_release();
		close(errfd);
		close(in[0]);
		close(in[1]);
		free(exe);
		return ind_error_set(err, NULL, 0, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(errfd, STDERR_FILENO);
		dup2(errfd, STDOUT_FILENO);
		close(in[0]);
		close(in[1]);
		close(errfd);
		if (dir && chdir(dir) != 0) {
			dprintf(STDERR_FILENO, "cannot enter the output directory: %s", strerror(errno));
			_exit(126);
		}
		execlp(exe, exe, (char *)NULL);
		dprintf(STDERR_FILENO, "cannot run '%s': %s", prog, strerror(errno));
		_exit(127);
	}
	ind_cleanup_child(pid);
	ind_cleanup_release();
	free(exe);
	close(in[0]);
	{	/* gnuplot may die early: a broken pipe is an error to report, not a signal to die of */
		void (*old)(int) = signal(SIGPIPE, SIG_IGN);
		while (done < len) {
			ssize_t n = write(in[1], script + done, len - done);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			done += (size_t)n;
		}
		close(in[1]);
		signal(SIGPIPE, old);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			ind_cleanup_child(0);
			close(errfd);
			return ind_error_set(err, NULL, 0, "waitpid: %s", strerror(errno));
		}
	ind_cleanup_child(0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && done == len) {
		close(errfd);
		return 0;
	}
	{
		char msg[400];
		ssize_t n;
		lseek(errfd, 0, SEEK_SET);
		n = read(errfd, msg, sizeof msg - 1);
		close(errfd);
		msg[n > 0 ? n : 0] = '\0';
		for (char *p = msg; *p; p++)	/* one line for the message */
			if (*p == '\n')
				*p = ' ';
		while (n > 0 && msg[n - 1] == ' ')
			msg[--n] = '\0';
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			return ind_error_set(err, NULL, 0, "gnuplot not found ('%s'): install gnuplot-nox, or give --gnuplot=PATH%s%s",
					     prog, *msg ? "; " : "", msg);
		if (WIFSIGNALED(status))
			return ind_error_set(err, NULL, 0, "gnuplot was killed by signal %d%s%s", WTERMSIG(status),
					     *msg ? ": " : "", msg);
		return ind_error_set(err, NULL, 0, "gnuplot failed (exit %d)%s%s", WEXITSTATUS(status), *msg ? ": " : "",
				     msg);
	}
}
