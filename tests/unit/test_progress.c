/* test_progress.c - the progress line: its text, its rate limit, its clearing, nothing when off. See LICENSE. */
#define _XOPEN_SOURCE 700	/* posix_openpt: a terminal to write to */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "err.h"
#include "progress.h"
#include "reader.h"
#include "tap.h"

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, ms % 1000 * 1000000 };
	nanosleep(&t, NULL);
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n') || *s == 0x7f)
			return true;
	return false;
}

/* What the terminal's other end has received, waiting a little for it. */
static const char *from_terminal(int master)
{
	static char buf[4096];
	size_t n = 0;
	for (int tries = 0; tries < 50; tries++) {
		ssize_t got = read(master, buf + n, sizeof buf - 1 - n);
		if (got > 0) {
			n += (size_t)got;
			tries = 40;	/* more may follow at once; then stop */
		} else {
			sleep_ms(2);
		}
	}
	buf[n] = '\0';
	return buf;
}

static void test_format(void)
{
	struct ind_progress p;
	char line[256];

	ind_progress_init(&p, stdout, IND_PROGRESS_OFF, NULL);
	p.bytes = 1 << 20;
	p.total = 4 << 20;
	p.rows = 100;
	ind_progress_format(&p, 10, line, sizeof line);
	OK_STR(line, "ind-test: 1.0 MiB of 4.0 MiB (25%), 100 rows, 10 rows/s, 0:30 left",
	       "bytes of the total, rows, rows/s, the time left");
	p.bytes_done = 3 << 20;
	ind_progress_format(&p, 10, line, sizeof line);
	OK_STR(line, "ind-test: 4.0 MiB of 4.0 MiB (100%), 100 rows, 10 rows/s", "the inputs before count; no time left at 100%%");
	p.bytes = 5 << 20;
	ind_progress_format(&p, 10, line, sizeof line);
	OK_STR(line, "ind-test: 4.0 MiB of 4.0 MiB (100%), 100 rows, 10 rows/s", "never past the total");

	p.bytes_done = 0;
	p.bytes = 812;
	p.total = -1;
	p.rows = 5;
	ind_progress_format(&p, 0.5, line, sizeof line);
	OK_STR(line, "ind-test: 812 B, 5 rows, 10 rows/s", "a pipe: bytes and rate, no percent, no time left");

	ind_progress_init(&p, stdout, IND_PROGRESS_OFF, NULL);
	p.series = 12;
	p.series_total = 340;
	p.rows = 5678;
	ind_progress_format(&p, 3, line, sizeof line);
	OK_STR(line, "ind-test: 12 of 340 series, 5678 rows, 1893 rows/s, 1:22 left", "series of the total");
	p.series_total = -1;
	ind_progress_format(&p, 0, line, sizeof line);
	OK_STR(line, "ind-test: 12 series, 5678 rows", "series without a total, no rate at time 0");
	p.series_total = 340;
	p.rows = 1;
	ind_progress_format(&p, 7200, line, sizeof line);
	OK_STR(line, "ind-test: 12 of 340 series, 1 rows, 0 rows/s, 54:40:00 left", "hours left");

	ind_progress_init(&p, stdout, IND_PROGRESS_OFF, NULL);
	snprintf(p.detail, sizeof p.detail, "series 'Lap\033]0;x\007pi, t3': tests 40%%");
	ind_progress_format(&p, 0, line, sizeof line);
	OK_STR(line, "ind-test: 0 rows; series 'Lap?]0;x?pi, t3': tests 40%", "control codes from the data shown as '?'");

	snprintf(p.detail, sizeof p.detail, "Pyhäjärvi");
	ind_progress_format(&p, 0, line, 26);
	OK_STR(line, "ind-test: 0 rows; Pyhäj", "cut short at a character, not inside one");
	OK(ind_progress_format(&p, 0, line, 1) == 0 && line[0] == '\0', "a buffer of one byte: empty");
}

static void test_off_and_plain(void)
{
	struct ind_progress p;
	FILE *fp = tmpfile();

	ind_progress_init(&p, fp, IND_PROGRESS_OFF, NULL);
	p.rows = 5;
	ind_progress_update(&p);
	ind_progress_end(&p);
	OK_STR(tap_file_text(fp), "", "off: nothing at all");
	ind_progress_init(&p, fp, IND_PROGRESS_AUTO, NULL);
	ind_progress_update(&p);
	ind_progress_end(&p);
	OK(!p.on && tap_file_text(fp)[0] == '\0', "by default into a file: off, nothing");

	ind_progress_init(&p, fp, IND_PROGRESS_ON, NULL);
	OK(p.on && !p.tty && p.interval >= 1, "--progress into a file: plain lines, one a second at most");
	p.rows = 7;
	ind_progress_update(&p);
	p.rows = 8;
	ind_progress_update(&p);
	OK_STR(tap_file_text(fp), "ind-test: 7 rows\n", "the first update writes (no rate yet), the next within a second does not");
	p.rows = 9;
	ind_progress_end(&p);
	ind_progress_end(&p);
	{
		const char *s = tap_file_text(fp);
		OK(strncmp(s, "ind-test: 7 rows", 16) == 0 && strstr(s, "\nind-test: 9 rows") && !strstr(s, "8 rows") &&
		   s[strlen(s) - 1] == '\n' && !has_control(s), "one last line at the end, once; no control codes");
	}
	{
		size_t n = strlen(tap_file_text(fp));
		ind_progress_update(&p);
		OK(strlen(tap_file_text(fp)) == n, "nothing after the end");
	}
	fclose(fp);
}

static void test_terminal(void)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), slave = -1, saved = -1;
	struct winsize ws = { .ws_row = 24, .ws_col = 40 };
	struct termios tio;
	struct ind_progress p;
	const char *s;

	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    (slave = open(ptsname(master), O_RDWR | O_NOCTTY)) < 0) {
		OK(1, "# SKIP no pseudo-terminal");
		return;
	}
	fcntl(master, F_SETFL, O_NONBLOCK);
	ioctl(master, TIOCSWINSZ, &ws);
	if (tcgetattr(slave, &tio) == 0) {
		tio.c_oflag &= ~(tcflag_t)OPOST;	/* the bytes as written: no LF to CRLF */
		tcsetattr(slave, TCSANOW, &tio);
	}
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(slave, STDERR_FILENO);

	ind_progress_init(&p, stderr, IND_PROGRESS_AUTO, "out.csv");
	OK(p.on && p.tty && p.width == 40, "by default on a terminal (the output a file), its width known");
	p.bytes = 1 << 20;
	p.total = 4 << 20;
	p.rows = 100;
	ind_progress_update(&p);
	s = from_terminal(master);
	OK_STR(s, "\rind-test: 1.0 MiB of 4.0 MiB (25%), 100\033[K", "'\\r', the line cut to the width, clear to its end");
	p.rows = 200;
	ind_progress_update(&p);
	OK_STR(from_terminal(master), "", "not again within a quarter of a second");
	sleep_ms(260);
	ind_progress_update(&p);
	OK(strstr(from_terminal(master), "200") != NULL, "again after it");
	ind_warn("a message");
	OK_STR(from_terminal(master), "\r\033[Kind-test: a message\n", "a message clears the line first");
	ind_warn("another");
	OK_STR(from_terminal(master), "ind-test: another\n", "nothing to clear the second time");
	sleep_ms(260);
	ind_progress_update(&p);
	from_terminal(master);
	ind_progress_end(&p);
	OK_STR(from_terminal(master), "\r\033[K", "the end clears the line: nothing stays");
	ind_warn("after");
	OK_STR(from_terminal(master), "ind-test: after\n", "after the end messages go as they are");

	ind_progress_init(&p, stderr, IND_PROGRESS_AUTO, NULL);
	OK(p.on == !isatty(STDOUT_FILENO), "by default off when the output is a terminal too");
	ind_progress_end(&p);
	from_terminal(master);
	ind_progress_init(&p, stderr, IND_PROGRESS_OFF, "out.csv");
	ind_progress_update(&p);
	ind_progress_end(&p);
	OK_STR(from_terminal(master), "", "--no-progress on a terminal: nothing");

	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(slave);
	close(master);
}

static void test_bytes(void)
{
	char plain[] = "/tmp/ind-test-progress.XXXXXX", packed[] = "/tmp/ind-test-progress-gz.XXXXXX";
	int fd = mkstemp(plain), zfd = mkstemp(packed), pipefd[2];
	struct ind_reader_opts ro;
	struct ind_error err;
	ind_reader *r;
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	gzFile gz = zfd >= 0 ? gzdopen(zfd, "wb") : NULL;
	const char *const both[] = { plain, packed }, *const with_stdin[] = { plain, "-" };
	long long plain_size, gz_size;

	if (!fp || !gz) {
		OK(0, "temporary files");
		return;
	}
	fputs("region,indicator,period,value\n", fp);
	gzputs(gz, "region,indicator,period,value\n");
	for (int i = 0; i < 20000; i++) {
		fprintf(fp, "Lappi,t%d,2021,%d\n", i, i);
		gzprintf(gz, "Lappi,t%d,2021,%d\n", i % 7, i * 7919 % 10007);
	}
	fclose(fp);
	gzclose(gz);
	ind_reader_opts_init(&ro);

	r = ind_reader_open(plain, &ro, &err);
	plain_size = ind_reader_size(r);
	OK(plain_size > 300000, "a file's size");
	OK(ind_reader_bytes_in(r) > 0 && ind_reader_bytes_in(r) <= plain_size, "its offset after the sniff");
	OK(!ind_reader_is_gzip(r) && ind_progress_input_bytes(r, 1234) == 1234, "plain text: the blocks taken");
	ind_reader_close(r);

	r = ind_reader_open(packed, &ro, &err);
	gz_size = ind_reader_size(r);
	OK(gz_size > 0 && gz_size < plain_size, "gzip: the compressed size");
	OK(ind_reader_is_gzip(r) && ind_progress_input_bytes(r, 1234) == ind_reader_bytes_in(r) &&
	   ind_reader_bytes_in(r) > 0 && ind_reader_bytes_in(r) <= gz_size, "gzip: the compressed bytes read");
	ind_reader_close(r);

	OK(ind_progress_total_of(both, 2) == plain_size + gz_size, "the total of files");
	if (pipe(pipefd) == 0) {
		int saved = dup(STDIN_FILENO);
		if (write(pipefd[1], "region,indicator,period,value\nLappi,t3,2021,1\n", 46) != 46)
			OK(0, "write to a pipe");
		close(pipefd[1]);
		dup2(pipefd[0], STDIN_FILENO);
		OK(ind_progress_total_of(with_stdin, 2) == -1, "standard input a pipe: no total");
		r = ind_reader_open("-", &ro, &err);
		OK(r && ind_reader_size(r) == -1 && ind_reader_bytes_in(r) == -1 &&
		   ind_progress_input_bytes(r, 46) == 46, "a pipe: no size, no offset, the blocks taken");
		ind_reader_close(r);
		dup2(saved, STDIN_FILENO);
		close(saved);
		close(pipefd[0]);
	}
	OK(ind_progress_total_of(with_stdin, 1) == plain_size, "a file alone");
	unlink(plain);
	unlink(packed);
}

int main(void)
{
	ind_set_progname("ind-test");
	test_format();
	test_off_and_plain();
	test_terminal();
	test_bytes();
	return tap_done();
}
