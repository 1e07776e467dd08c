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

/* Okabe-Ito's yellow (#F0E442) is left out: a thin yellow line is all but invisible on white. */
const char *const ind_palette[IND_PALETTE_N] = { "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
						 "#000000", "#882255", "#999933", "#332288", "#8C564B", "#7F7F7F" };

int ind_plot_shape(size_t k)
{
	/* filled circle, square, triangle, diamond; the shift by k / 12 gives a repeated colour a new shape */
	static const int shapes[IND_PLOT_SHAPES] = { 7, 5, 9, 13 };
	return shapes[(k + k / IND_PALETTE_N) % IND_PLOT_SHAPES];
}

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
	if (lang != IND_LANG_EN)	/* Finnish and Swedish: a decimal comma */
		fputs("set decimalsign ','\n", fp);
	fputs("set border 3 lc rgb '#444444'\nset tics nomirror out\nset grid ytics lc rgb '#dddddd' lt 1\n"
	      "set key below center horizontal reverse Left noenhanced samplen 3 spacing 1.1 width 2\n"
	      "set style fill transparent solid 0.25 noborder\n",
	      fp);
}

static const char *const month_abbr_en[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
						"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* Where a month or quarter starts on the axis of data of this kind (days count for days and weeks). */
static double tick_time(enum ind_period_kind kind, int year, int month)
{
	struct ind_period p = { .kind = IND_PERIOD_MONTH, .year = year, .sub = month };
	if (kind == IND_PERIOD_DAY || kind == IND_PERIOD_WEEK) {
		p.kind = IND_PERIOD_DAY;
		p.day = 1;
	}
	return ind_period_time(&p);
}

static void tick(FILE *fp, bool *first, const char *label, double x, int level)
{
	fputs(*first ? "set xtics (" : ", ", fp);
	ind_plot_quote(fp, label);
	fprintf(fp, " %.6f", x);
	if (level)
		fputs(" 1", fp);
	*first = false;
}

/* Labels of n characters that fit in width pixels, with room between them (11-point Sans: some 7 pixels a character). */
static int fitting(int width, int n)
{
	return width / (7 * n + 24);
}

void ind_plot_time_ticks(FILE *fp, double tmin, double tmax, enum ind_period_kind kind, int width, enum ind_lang lang)
{
	static const int month_steps[] = { 1, 2, 3, 6 }, year_steps[] = { 1, 2, 5, 10, 20, 50, 100 };
	double span = tmax - tmin, lo, hi;
	int y0, y1, step = 0;
	bool first = true, fi = lang == IND_LANG_FI, sv = lang == IND_LANG_SV;
	char label[64];

	if (!isfinite(span))
		return;
	int month_len = kind == IND_PERIOD_QUARTER ? (fi ? 12 : sv ? 10 : 7) : fi || sv ? 7 : 8;	/* "2018 nelj. 1", "12/2018" */
	/* half a period of room at each end, at least a little for a single point */
	{
		double pad = kind == IND_PERIOD_YEAR ? 0.5 : kind == IND_PERIOD_QUARTER ? 0.125 : kind == IND_PERIOD_MONTH ? 0.05 : 0.02;
		if (kind == IND_PERIOD_NUMERIC)
			pad = span > 0 ? span * 0.03 : 0.5;
		lo = tmin - pad;
		hi = tmax + pad;
	}
	fprintf(fp, "set xrange [%.6f:%.6f]\n", lo, hi);
	if (kind == IND_PERIOD_NUMERIC) {
		fputs("set xtics autofreq format '% h'\n", fp);
		return;
	}
	y0 = (int)floor(tmin);
	y1 = (int)floor(tmax);
	if (kind != IND_PERIOD_YEAR) {	/* months or quarters while they fit */
		bool quarters = kind == IND_PERIOD_QUARTER;
		for (size_t i = 0; i < sizeof month_steps / sizeof *month_steps && !step; i++) {
			int s = month_steps[i], count = 0;
			if (quarters && s % 3)
				continue;
			for (int y = y0; y <= y1; y++)
				for (int m = 1; m <= 12; m += s) {
					double x = tick_time(kind, y, m);
					count += x >= tmin - 1e-9 && x <= tmax + 1e-9;
				}
			if (count >= 1 && count <= fitting(width, month_len))
				step = s;
		}
		if (step) {
			for (int y = y0; y <= y1; y++)
				for (int m = 1; m <= 12; m++) {
					double x = tick_time(kind, y, m);
					bool major = (m - 1) % step == 0;
					if (x < lo || x > hi || (quarters && (m - 1) % 3))
						continue;
					if (!major) {	/* an unlabelled tick at each period between labels */
						tick(fp, &first, "", x, 1);
						continue;
					}
					if (quarters)
						snprintf(label, sizeof label, fi ? "%d nelj. %d" : sv ? "%d kv. %d" : "%d Q%d", y, (m - 1) / 3 + 1);
					else if (fi || sv)
						snprintf(label, sizeof label, "%d/%d", m, y);
					else
						snprintf(label, sizeof label, "%s %d", month_abbr_en[m - 1], y);
					tick(fp, &first, label, x, 0);
				}
			if (!first)
				fputs(")\n", fp);
			return;
		}
	}
	/* years: the first step whose labels fit */
	for (size_t i = 0; i < sizeof year_steps / sizeof *year_steps; i++) {
		step = year_steps[i];
		if ((y1 - y0) / step + 1 <= (fitting(width, 4) > 2 ? fitting(width, 4) : 2))
			break;
	}
	for (int y = y0 - y0 % step; y <= y1 + 1; y += step) {
		double x = kind == IND_PERIOD_YEAR ? y : tick_time(kind, y, 1);
		if (x < lo || x > hi)
			continue;
		snprintf(label, sizeof label, "%d", y);
		tick(fp, &first, label, x, 0);
		/* minor ticks: quarters under single years of finer data, years under steps of years */
		for (int k = 1; k < (step == 1 ? (kind == IND_PERIOD_YEAR ? 1 : 4) : step); k++) {
			double mx = step == 1 ? tick_time(kind, y, 1 + 3 * k) : kind == IND_PERIOD_YEAR ? y + k : tick_time(kind, y + k, 1);
			if (mx >= lo && mx <= hi)
				tick(fp, &first, "", mx, 1);
		}
	}
	if (!first)
		fputs(")\n", fp);
}

void ind_plot_time_axis(FILE *fp, double tmin, double tmax, enum ind_lang lang)
{
	ind_plot_time_ticks(fp, tmin, tmax, IND_PERIOD_MONTH, 760, lang);
}

const char *ind_plot_tick_label(double x, int decimals, enum ind_lang lang, char buf[64])
{
	char tmp[64], *dot, *p = buf;
	const char *s = tmp;
	size_t intlen;
	bool fi = lang != IND_LANG_EN;	/* Swedish writes numbers as Finnish does */

	if (fabs(x) < 0.5 * pow(10, -decimals))
		x = 0;	/* no "-0" */
	if (!(fabs(x) < 1e15) || decimals > 15) {	/* past what grouping helps: as gnuplot would write it */
		snprintf(buf, 64, "%g", x);
		if (fi && (dot = strchr(buf, '.')))
			*dot = ',';
		return buf;
	}
	snprintf(tmp, sizeof tmp, "%.*f", decimals, x);
	if (*s == '-')
		*p++ = *s++;
	dot = strchr(s, '.');
	intlen = dot ? (size_t)(dot - s) : strlen(s);
	for (size_t i = 0; i < intlen; i++) {
		/* groups of three from 1000 up, as ind_fmt_number writes numbers in text */
		if (i && (intlen - i) % 3 == 0 && intlen > 3) {
			if (fi)
				*p++ = '\xc2', *p++ = '\xa0';
			else
				*p++ = ',';
		}
		*p++ = s[i];
	}
	if (dot) {
		*p++ = fi ? ',' : '.';
		strcpy(p, dot + 1);
	} else {
		*p = '\0';
	}
	return buf;
}

void ind_plot_value_axis(FILE *fp, const char *axis, double lo, double hi, bool from_zero, enum ind_lang lang)
{
	double raw, mag, norm, step, a, b;
	int decimals, n;
	char label[64];

	if (!isfinite(lo) || !isfinite(hi) || !isfinite(hi - lo))
		return;
	if (from_zero)
		lo = fmin(lo, 0), hi = fmax(hi, 0);
	if (hi - lo < 1e-12 * fmax(1, fabs(hi))) {	/* one value: a band around it */
		double d = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1;
		lo -= from_zero && lo >= 0 ? 0 : d;
		hi += from_zero && hi <= 0 ? 0 : d;
	}
	raw = (hi - lo) / 6;
	mag = pow(10, floor(log10(raw)));
	norm = raw / mag;
	step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
	a = floor(lo / step + 1e-9) * step;
	b = ceil(hi / step - 1e-9) * step;
	decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
	if (!(step > 0) || !((b - a) / step < 40))	/* steps lost in the values' precision: gnuplot's own ticks */
		return;
	n = (int)floor((b - a) / step + 0.5);
	fprintf(fp, "set %srange [%.15g:%.15g]\nset %stics (", axis, a, b, axis);
	for (int i = 0; i <= n; i++) {
		double x = a + i * step;
		fputs(i ? ", " : "", fp);
		ind_plot_quote(fp, ind_plot_tick_label(x, decimals, lang, label));
		fprintf(fp, " %.15g", x);
	}
	fputs(")\n", fp);
}

void ind_plot_shade_key(FILE *fp, const char *label)
{
	fputs("keyentry with boxes fc rgb '#bbbbbb' fs transparent solid 0.25 noborder title ", fp);
	ind_plot_quote(fp, label);
}

int ind_plot_svg_title(const char *path, const char *title, struct ind_error *err)
{
	static const char old[] = "<title>Gnuplot</title>";
	FILE *f = fopen(path, "rb");
	char *text = NULL, *at;
	long size;
	size_t n;

	if (!f)
		return ind_error_set(err, path, 0, "%s", strerror(errno));
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(text = malloc((size_t)size + 1)) || (n = fread(text, 1, (size_t)size, f)) != (size_t)size) {
		fclose(f);
		free(text);
		return ind_error_set(err, path, 0, "cannot read the chart");
	}
	fclose(f);
	text[n] = '\0';
	if (!(at = strstr(text, old))) {	/* not gnuplot's usual prolog: left as it is */
		free(text);
		return 0;
	}
	if (!(f = fopen(path, "wb"))) {
		free(text);
		return ind_error_set(err, path, 0, "%s", strerror(errno));
	}
	fwrite(text, 1, (size_t)(at - text), f);
	fputs("<title>", f);
	for (const unsigned char *s = (const unsigned char *)title; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s < 0x20 || *s == 0x7f)
			fputc(' ', f);	/* not allowed in XML 1.0 */
		else
			fputc(*s, f);
	}
	fputs("</title>", f);
	fputs(at + sizeof old - 1, f);
	free(text);
	if (ferror(f) | (fclose(f) != 0))
		return ind_error_set(err, path, 0, "write error");
	return 0;
}

bool ind_plot_script_title(const char *script, size_t len, char *buf, size_t size)
{
	static const char key[] = "\n# title '";
	size_t k = sizeof key - 1, o = 0;
	for (size_t i = 0; i + k <= len; i++) {
		if (memcmp(script + i, key, k) != 0)
			continue;
		for (i += k; i < len && script[i] != '\n'; i++) {
			if (script[i] == '\'') {
				if (i + 1 < len && script[i + 1] == '\'')
					i++;	/* a doubled quote */
				else
					break;
			}
			if (o + 1 < size)
				buf[o++] = script[i];
		}
		if (size)
			buf[o] = '\0';
		return true;
	}
	return false;
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

int ind_plot_output_svg_title(ind_output *out, const char *script, size_t len, struct ind_error *err)
{
	char title[1024], *path;
	const char *dir = ind_output_dir(out), *name = ind_output_temp_name(out);
	int rc;
	if (!ind_plot_script_title(script, len, title, sizeof title))
		return 0;
	if (!(path = malloc(strlen(dir) + strlen(name) + 2)))
		ind_die(IND_EXIT_DATA, "out of memory");
	sprintf(path, "%s/%s", dir, name);
	rc = ind_plot_svg_title(path, title, err);
	free(path);
	return rc;
}
