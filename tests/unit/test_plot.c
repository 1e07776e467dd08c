/* test_plot.c - the SVG's <title> set from the chart's script in the output's temporary file. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "plot.h"
#include "tap.h"
#include "writer.h"

/* An SVG as gnuplot writes it, through an output, titled by script; the committed file's text. */
static const char *chart(const char *dir, const char *script, int *rc)
{
	static char text[512];
	char path[300];
	struct ind_error err;
	ind_output *out;
	FILE *f;
	size_t n = 0;

	snprintf(path, sizeof path, "%s/chart.svg", dir);
	if (!(out = ind_output_open(path, &err)))
		return NULL;
	fputs("<svg>\n<title>Gnuplot</title>\n</svg>\n", ind_output_file(out));
	fflush(ind_output_file(out));
	*rc = ind_plot_output_svg_title(out, script, strlen(script), &err);
	if (ind_output_close(out, *rc == 0, &err) < 0 || !(f = fopen(path, "r")))
		return NULL;
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	unlink(path);
	return text;
}

int main(void)
{
	char dir[] = "/tmp/ind-test-plot.XXXXXX";
	int rc = -1;

	ind_set_progname("test");
	if (!mkdtemp(dir))
		return 99;
	OK_STR(chart(dir, "set term svg\n# title 'Kuolleisuus <75 & ''muut'''\nplot x\n", &rc),
	       "<svg>\n<title>Kuolleisuus &lt;75 &amp; 'muut'</title>\n</svg>\n", "the script's title, escaped for XML");
	OK(rc == 0, "the title set");
	OK_STR(chart(dir, "set term svg\nplot x\n", &rc), "<svg>\n<title>Gnuplot</title>\n</svg>\n",
	       "a script without a title: the file as gnuplot wrote it");
	OK(rc == 0, "no title: nothing to do");
	rmdir(dir);
	return tap_done();
}
