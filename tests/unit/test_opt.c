/* test_opt.c - option arguments in seconds: accepted, or a usage error giving the range. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "opt.h"
#include "tap.h"

/* ind_opt_seconds in a child: its exit status (-1: it returned) and its stderr in msg. */
static int refused(const char *opt, const char *arg, double lo, double hi, char *msg, size_t size)
{
	FILE *err = tmpfile();
	int status;
	size_t n;
	pid_t pid;

	fflush(stdout);
	if (!err || (pid = fork()) < 0)
		return -2;
	if (pid == 0) {
		dup2(fileno(err), 2);
		ind_opt_seconds(opt, arg, lo, hi);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	rewind(err);
	n = fread(msg, 1, size - 1, err);
	msg[n] = '\0';
	fclose(err);
	return WIFEXITED(status) && WEXITSTATUS(status) != 99 ? WEXITSTATUS(status) : -1;
}

int main(void)
{
	char msg[512];

	ind_set_progname("test");
	OK(ind_opt_seconds("--timeout", "2.5", 0.001, 86400) == 2.5, "2.5 seconds");
	OK(ind_opt_seconds("--interval", "0", 0, 3600) == 0, "0 seconds, the lowest allowed");
	OK(ind_opt_seconds("--interval", "3600", 0, 3600) == 3600, "the highest allowed");
	OK(ind_opt_seconds("--timeout", "1e-3", 0.001, 86400) == 0.001, "an exponent");
	OK(refused("--timeout", "0", 0.001, 86400, msg, sizeof msg) == IND_EXIT_USAGE, "below the range: exit 2");
	OK_STR(msg, "test: invalid --timeout '0' (seconds, 0.001 to 86400)\nTry 'test --help' for more information.\n",
	       "below the range: the message gives the range");
	OK(refused("--retry-delay", "5s", 0, 300, msg, sizeof msg) == IND_EXIT_USAGE &&
	   strstr(msg, "invalid --retry-delay '5s'"), "a unit after the number: refused");
	OK(refused("--interval", "", 0, 3600, msg, sizeof msg) == IND_EXIT_USAGE, "empty: refused");
	OK(refused("--interval", "nan", 0, 3600, msg, sizeof msg) == IND_EXIT_USAGE, "nan: refused");
	OK(refused("--interval", "3600.5", 0, 3600, msg, sizeof msg) == IND_EXIT_USAGE, "above the range: refused");
	return tap_done();
}
