/* csvparse - the bare libcsv baseline for scripts/bench: parse a file, count fields and rows. See LICENSE. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void on_field(void *s, size_t n, void *ctx) { (void)s, (void)n, ((size_t *)ctx)[0]++; }
static void on_row(int c, void *ctx) { (void)c, ((size_t *)ctx)[1]++; }

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	struct csv_parser p;
	size_t counts[2] = { 0, 0 }, n;
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;
	if (!f || csv_init(&p, 0) != 0)
		return 1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_row, counts) != n)
			return 1;
	csv_fini(&p, on_field, on_row, counts);
	csv_free(&p);
	printf("%zu fields, %zu rows\n", counts[0], counts[1]);
	return 0;
}
