/* test_err.c - usage messages of any length. See LICENSE. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "tap.h"

int main(void)
{
	char *why = NULL, quoted[2000];

	memset(quoted, 'x', sizeof quoted - 1);
	quoted[sizeof quoted - 1] = '\0';
	OK(!ind_why_set(&why, "invalid --select '%s'", quoted), "ind_why_set returns false");
	OK(why && strlen(why) == strlen("invalid --select ''") + strlen(quoted) && strncmp(why, "invalid --select 'xx", 20) == 0,
	   "a message longer than any buffer: not cut short");
	free(why);
	OK(!ind_why_set(&why, "%s needs %d", "sotkanet", 2) && strcmp(why, "sotkanet needs 2") == 0, "formatted");
	free(why);
	return tap_done();
}
