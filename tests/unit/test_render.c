/* test_render.c - which columns are text, and one precision per estimate and interval. See LICENSE. */
#include <stdlib.h>

#include "render.h"
#include "tap.h"

static void row(struct ind_table *t, const char *const *v)
{
	char **cells = calloc(t->ncols, sizeof *cells);
	for (size_t c = 0; c < t->ncols; c++)
		cells[c] = ind_strndup_or_die(v[c], strlen(v[c]));
	ind_table_add(t, cells, (long)t->nrows + 2);
}

static struct ind_table sample(void)
{
	static const char *const head[] = { "region", "year", "value", "diff", "diff_lo", "diff_hi", "diff_p" };
	static const char *const r1[] = { "049", "2017", "1234.5", "-1008.2", "-2059.3", "43.5", "0.0004" };
	static const char *const r2[] = { "091", "2018", "-0.5", "-1.58", "-2.43", "-0.73", "0.966" };
	struct ind_table t = { 0 };
	t.ncols = 7;
	t.head = calloc(t.ncols, sizeof *t.head);
	for (size_t c = 0; c < t.ncols; c++)
		t.head[c] = ind_strndup_or_die(head[c], strlen(head[c]));
	t.name = ind_strndup_or_die("t.csv", 5);
	row(&t, r1);
	row(&t, r2);
	return t;
}

/* The table as o renders it, in a string to free. */
static char *render(const struct ind_table *t, const char *list, const struct ind_render_opts *o)
{
	struct ind_render_col *cols;
	struct ind_error err;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	long n = ind_render_columns(t, list, o, &cols, &err);
	if (n < 0 || !fp)
		abort();
	ind_render_write(fp, t, cols, (size_t)n, o);
	fclose(fp);
	free(cols);
	return buf;
}

int main(void)
{
	struct ind_table t = sample();
	struct ind_render_opts o;
	struct ind_render_col *cols;
	struct ind_error err;
	char *s;
	long n;

	ind_render_opts_init(&o);
	n = ind_render_columns(&t, NULL, &o, &cols, &err);
	OK(n == 7, "all columns shown");
	OK(cols[0].is_code && !cols[0].numeric, "region 049 is a code");
	OK(cols[1].is_period && !cols[1].numeric, "year is a period");
	OK(cols[2].numeric && cols[2].est < 0, "value is a number of its own");
	OK(cols[3].est == 3 && cols[4].est == 3 && cols[5].est == 3 && cols[4].lo == 4 && cols[5].hi == 5,
	   "diff, diff_lo, diff_hi are one group");
	OK(cols[6].is_p, "diff_p is a p-value");
	free(cols);
	OK(ind_render_columns(&t, "region,nosuch", &o, &cols, &err) == -1 && strstr(err.msg, "nosuch"),
	   "an unknown column is an error");

	o.format = IND_RENDER_CSV;
	o.lang = IND_LANG_FI;
	o.lang_given = true;
	s = render(&t, "region,year,diff,diff_lo,diff_hi", &o);
	/* decimals from max(|-1008.2|, 43.5 + 2059.3) = 2102.8: 0; from max(1.58, 1.70): 2 */
	OK_STR(s, "Alue;year;Ero;Ero, alaraja;Ero, yl\xc3\xa4raja\n"
		  "049;2017;\xe2\x88\x92" "1\xc2\xa0" "008;\xe2\x88\x92" "2\xc2\xa0" "059;44\n"
		  "091;2018;\xe2\x88\x92" "1,58;\xe2\x88\x92" "2,43;\xe2\x88\x92" "0,73\n",
	       "fi csv: ';', codes and years as they are, one precision per group");
	free(s);

	o.format = IND_RENDER_JSON;
	s = render(&t, "region,year,value,diff_p", &o);
	OK_STR(s, "[\n  {\"Alue\": \"049\", \"year\": \"2017\", \"Arvo\": 1234.5, \"diff_p\": 0.0004},\n"
		  "  {\"Alue\": \"091\", \"year\": \"2018\", \"Arvo\": -0.5, \"diff_p\": 0.966}\n]\n",
	       "fi json: numbers stay numbers, codes and years strings; a column the suite does not write keeps its name");
	free(s);

	o.format = IND_RENDER_TEXT;
	o.lang = IND_LANG_EN;
	o.ci = true;
	s = render(&t, "year,diff", &o);
	OK_STR(s, "year             Difference\n----  ---------------------\n"
		  "2017   -1,008 (-2,059\xc2\xa0\xe2\x80\xa6\xc2\xa0" "44)\n"
		  "2018  -1.58 (-2.43\xc2\xa0\xe2\x80\xa6\xc2\xa0-0.73)\n",
	       "en text with --ci: 2017 not 2,017, one precision");
	free(s);

	OK(ind_render_pivot(&t, 0, &err) == -1 && strstr(err.msg, "--pivot period needs"), "pivot needs period");
	ind_table_free(&t);
	return tap_done();
}
