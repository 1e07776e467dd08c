/* test_aggrun.c - ind-agg's event rows: periods of date cells, rows into groups. See LICENSE. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggrun.h"
#include "columns.h"
#include "tap.h"

static const char *period_text(const struct ind_period *p)
{
	static char buf[IND_PERIOD_TEXT_MAX];
	return ind_period_format(p, buf);
}

static void test_period_of(void)
{
	long d = ind_days_from_civil(2021, 1, 3);	/* a Sunday: ISO week 53 of 2020 */
	struct ind_period p = ind_agg_period_of(d, IND_PERIOD_WEEK);
	OK_STR(period_text(&p), "2020-W53", "period_of: a week belongs to its ISO year");
	p = ind_agg_period_of(d, IND_PERIOD_MONTH);
	OK_STR(period_text(&p), "2021-01", "period_of: month");
	p = ind_agg_period_of(ind_days_from_civil(2021, 8, 31), IND_PERIOD_QUARTER);
	OK_STR(period_text(&p), "2021-Q3", "period_of: quarter");
	p = ind_agg_period_of(d, IND_PERIOD_YEAR);
	OK_STR(period_text(&p), "2021", "period_of: year");
}

static void test_cell_period(void)
{
	struct ind_period p;
	const char *why = NULL;
	OK(ind_agg_cell_period(IND_PERIOD_MONTH, "3.2.2021", 8, &p, &why) == IND_AGG_CELL_OK, "cell: D.M.YYYY");
	OK_STR(period_text(&p), "2021-02", "cell: its month");
	OK(ind_agg_cell_period(IND_PERIOD_QUARTER, "2021-05", 7, &p, &why) == IND_AGG_CELL_OK, "cell: a month under quarter");
	OK_STR(period_text(&p), "2021-Q2", "cell: its quarter");
	OK(ind_agg_cell_period(IND_PERIOD_MONTH, "2021", 4, &p, &why) == IND_AGG_CELL_COARSE, "cell: a year under month");
	OK(ind_agg_cell_period(IND_PERIOD_YEAR, "2021-W05", 8, &p, &why) == IND_AGG_CELL_COARSE,
	   "cell: a week only under --by week");
	OK(ind_agg_cell_period(IND_PERIOD_WEEK, "2021-W05", 8, &p, &why) == IND_AGG_CELL_OK, "cell: a week under week");
	OK(ind_agg_cell_period(IND_PERIOD_MONTH, "soon", 4, &p, &why) == IND_AGG_CELL_BAD && why, "cell: not a date, why");
	OK_STR(ind_agg_by_word(IND_PERIOD_DAY), "month", "by_word: a day is month's default");
	OK_STR(ind_agg_kind_word(IND_PERIOD_WEEK), "an ISO week", "kind_word");
}

/* A CSV text into a reader with its header read and the columns of c resolved. */
static ind_reader *open_text(const char *text, struct ind_agg_config *c, char *path)
{
	struct ind_reader_opts ro;
	struct ind_error err;
	struct ind_header h = { 0 };
	struct ind_row row;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	ind_reader *r;

	fputs(text, fp);
	fclose(fp);
	ind_reader_opts_init(&ro);
	r = ind_reader_open(path, &ro, &err);
	if (!r || ind_reader_next(r, &row, &err) != IND_READ_ROW || !ind_header_init(&h, &row, false))
		return NULL;
	c->ncols = h.ncols;
	c->c_region = ind_column_resolve(&h, "region", path, &err);
	c->c_date = ind_column_resolve(&h, "date", path, &err);
	for (size_t m = 0; m < c->nm; m++) {
		c->ms[m].c1 = c->ms[m].col1[0] ? ind_column_resolve(&h, c->ms[m].col1, path, &err) : -1;
		c->ms[m].c2 = c->ms[m].col2[0] ? ind_column_resolve(&h, c->ms[m].col2, path, &err) : -1;
	}
	for (int w = 0; w < c->nwhere; w++)
		c->where[w].c = ind_column_resolve(&h, c->where[w].col, path, &err);
	ind_header_free(&h);
	c->parent = r;
	return r;
}

static void test_add_row(void)
{
	static struct ind_agg_config c = { .by = IND_PERIOD_MONTH, .c_municipality = -1 };
	char path[] = "/tmp/ind-test-rows.XXXXXX";
	const char *why;
	struct ind_error err;
	struct ind_row row;
	ind_reader *r;
	ind_agg *agg;
	int results[8], left[8], n = 0;
	char msgs[8][512];

	OK(ind_measure_parse("n=count", &c.ms[0], &why) && ind_measure_parse("s=sum:x", &c.ms[1], &why) &&
	   ind_measure_parse("w=wait:from,date", &c.ms[2], &why), "measures parsed");
	c.nm = 3;
	snprintf(c.where[0].col, IND_NAME_MAX, "kind");
	snprintf(c.where[0].value, IND_NAME_MAX, "a");
	c.nwhere = 1;
	ind_period_parse("2021-02", 7, &c.to, &why);
	c.has_to = true;
	r = open_text("region,date,from,x,kind\n"
		      "A,2021-01-05,2021-01-01,1.5,a\n"	/* counts */
		      "A,2021-01-09,2021-01-09,2,a\n"	/* counts */
		      "A,2021-01-09,2021-01-10,2,a\n"	/* waits backwards */
		      ",2021-01-09,2021-01-09,2,a\n"	/* no region */
		      "B,2021-01-09,2021-01-09,2,b\n"	/* --where */
		      "B,2021-03-09,2021-03-09,2,a\n"	/* after --to */
		      "B,2021-01-09,2021-01-09,z,a\n",	/* not a number */
		      &c, path);
	OK(r != NULL, "reader open");
	if (!r)
		return;
	agg = ind_agg_new(c.ms, c.nm);
	while (n < 8 && ind_reader_next(r, &row, &err) == IND_READ_ROW) {
		bool stop = false, coarse = false;
		left[n] = 0;
		results[n] = ind_agg_add_row(&c, agg, &row, "f", &err, &left[n], &stop, &coarse);
		snprintf(msgs[n], sizeof msgs[n], "%s", results[n] ? "" : err.msg);
		n++;
	}
	OK(n == 7, "seven rows");
	OK(results[0] && results[1] && !left[0] && !left[1], "two rows count");
	OK_STR(msgs[2], "date is 1 days before from", "a wait backwards is refused");
	OK_STR(msgs[3], "empty region", "an empty region is refused");
	OK(results[4] && left[4] == 1, "--where leaves a row out");
	OK(results[5] && left[5] == 2, "--to leaves a row out");
	OK_STR(msgs[6], "x: not a number: 'z'", "a bad number is refused, before --where");
	OK(ind_agg_count(agg) == 1, "one group");
	if (ind_agg_count(agg) == 1) {
		struct ind_group *g = ind_agg_at(agg, 0);
		char buf[64];
		OK_STR(g->region, "A", "its region");
		OK_STR(period_text(&g->period), "2021-01", "its period");
		OK(g->m[0].n == 2, "count 2");
		OK_STR(ind_fixed_format(g->m[1].sum, buf), "3.5", "sum 3.5");
		OK(g->m[2].n == 2 && ind_hist_within(&g->m[2], 4) == 2, "two waits within 4 days");
	}
	ind_agg_free(agg);
	ind_reader_close(r);
	unlink(path);
}

static void test_write_indicators(void)
{
	static struct ind_agg_config c = { .by = IND_PERIOD_MONTH, .npct = 1, .pct = { 975 }, .nwithin = 1, .within = { 7 } };
	struct ind_agg_tally t = { 0 };
	struct ind_period p;
	const char *why;
	char buf[4096] = "", sfx[32];
	FILE *fp = tmpfile();
	ind_agg *agg;
	struct ind_group *g;

	ind_agg_pct_suffix(500, sfx, sizeof sfx);
	OK_STR(sfx, "_median", "pct_suffix: 50 is the median");
	ind_agg_pct_suffix(975, sfx, sizeof sfx);
	OK_STR(sfx, "_p97.5", "pct_suffix: tenths");
	ind_measure_parse("n=count", &c.ms[0], &why);
	ind_measure_parse("w=wait:a,b", &c.ms[1], &why);
	c.nm = 2;
	c.per = 1000;
	c.population = ind_strmap_new();
	ind_strmap_put(c.population, "A\0372021", 6, "500");
	ind_strmap_put(c.population, "A\0372021-03", 9, "250");
	agg = ind_agg_new(c.ms, c.nm);
	ind_period_parse("2021-03", 7, &p, &why);
	g = ind_agg_group(agg, "A", 1, &p);
	g->m[0].n = 5;
	ind_agg_wait_add(&g->m[1], 3, 1);
	OK_STR(ind_agg_population_of(&c, g), "250", "population_of: the period's own");
	ind_period_parse("2021-01", 7, &p, &why);
	g = ind_agg_group(agg, "A", 1, &p);
	g->m[0].n = 1;
	ind_agg_wait_add(&g->m[1], 10, 1);
	OK_STR(ind_agg_population_of(&c, g), "500", "population_of: else the year's");
	ind_agg_write_indicators(&c, agg, fp, &t);
	rewind(fp);
	buf[fread(buf, 1, sizeof buf - 1, fp)] = '\0';
	OK_STR(buf, "region,indicator,period,value,numerator,denominator\n"
	       "A,n,2021-01,2,1,500\n"
	       "A,w_mean,2021-01,10,,\n"
	       "A,w_p97.5,2021-01,10,,\n"
	       "A,w_within_7d,2021-01,0,0,1\n"
	       "A,n,2021-02,0,0,500\n"
	       "A,w_mean,2021-02,,,\n"
	       "A,w_p97.5,2021-02,,,\n"
	       "A,w_within_7d,2021-02,,0,0\n"
	       "A,n,2021-03,20,5,250\n"
	       "A,w_mean,2021-03,3,,\n"
	       "A,w_p97.5,2021-03,3,,\n"
	       "A,w_within_7d,2021-03,100,1,1\n",
	       "write_indicators: rates per 1000, the empty month filled");
	OK(t.filled == 1 && t.no_events == 1 && t.no_population == 0 && t.no_values == 0, "the tally");
	fclose(fp);
	ind_agg_free(agg);
	ind_strmap_free(c.population);
}

static char refused[512];

static void __attribute__((format(printf, 1, 2))) refuse(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(refused, sizeof refused, fmt, ap);
	va_end(ap);
}

static void test_settings(void)
{
	static struct ind_agg_config c = { .by = IND_PERIOD_QUARTER, .nwithin = 2, .within = { 7, 30 }, .npct = 2,
					   .pct = { 500, 975 }, .nwhere = 2, .per = 1000, .per_text = "1e3",
					   .date_spec = "d", .region_spec = "r" };
	static struct ind_agg_config m = { .by = IND_PERIOD_MONTH, .nwithin = 1, .within = { 7 }, .per = 0,
					   .per_text = "10" };
	const struct ind_agg_setting *set;
	ind_agg *a = ind_agg_new(NULL, 0);
	const char *why;
	char line[1024] = "";
	size_t n;

	snprintf(c.where[0].col, IND_NAME_MAX, "z");
	snprintf(c.where[0].value, IND_NAME_MAX, "1");
	snprintf(c.where[1].col, IND_NAME_MAX, "b");
	snprintf(c.where[1].value, IND_NAME_MAX, "2");
	ind_period_parse("2020-Q2", 7, &c.from, &why);
	c.has_from = true;
	ind_agg_record_settings(&c, a);
	n = ind_agg_settings(a, &set);
	for (size_t i = 0; i < n; i++)
		snprintf(line + strlen(line), sizeof line - strlen(line), "%s%s=%s", i ? " " : "", set[i].key, set[i].value);
	OK_STR(line, "by=quarter from=2020-Q2 within=7,30 percentiles=50,97.5 where=b=2 where=z=1 per=1000 date=d region=r",
	       "record_settings: the options in a fixed order, --where sorted");
	OK(ind_agg_take_settings(&m, a, false, false, false, refuse) == 0, "take_settings: nothing given disagrees");
	OK(m.by == IND_PERIOD_QUARTER && m.has_from && m.nwithin == 2 && m.within[1] == 30 && m.npct == 2 &&
	   m.pct[1] == 975 && m.per == 1000, "take_settings: the files' options");
	m.nwithin = 1;
	OK(ind_agg_take_settings(&m, a, true, false, false, refuse) == -1, "take_settings: another --within refused");
	OK_STR(refused, "--within 7 with --merge: the partial files were made with --within 7,30", "its message");
	OK(ind_agg_take_settings(&m, a, false, false, true, refuse) == -1, "take_settings: --from refused");
	OK_STR(refused, "--from/--to with --merge: the partial files have their own", "its message");
	ind_agg_free(a);
	OK(ind_agg_file_crc("/nonexistent/file") == 1, "file_crc: 1 for a file not read");
}

/* text as a file, read by ind_agg_read_population. */
static int read_pop(const char *text, ind_agg *rows, ind_strmap **pop, struct ind_error *err)
{
	char path[] = "/tmp/ind-test-pop.XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *fp = fdopen(fd, "w");
	unsigned long crc = 0;
	fputs(text, fp);
	fclose(fp);
	rc = ind_agg_read_population(path, rows, pop, &crc, err);
	unlink(path);
	return rc;
}

static void test_population(void)
{
	ind_agg *rows = ind_agg_new(NULL, 0);
	ind_strmap *pop = NULL;
	struct ind_error err;
	const struct ind_agg_row *r;
	const char *v;

	OK(read_pop("period,population,region\n2021M03,250,A\n2021,500,A\n", rows, &pop, &err) == 0, "population read");
	v = pop ? ind_strmap_get(pop, "A\0372021-03", 9) : NULL;
	OK_STR(v, "250", "population: keyed by region and canonical period");
	OK(ind_agg_table(rows, &r) == 2 && strcmp(r[0].period, "2021-03") == 0 && strcmp(r[1].value, "500") == 0,
	   "population: rows in file order for partial files");
	ind_strmap_free(pop);
	pop = NULL;
	OK(read_pop("region,year,population\nA,2021,5\n", rows, &pop, &err) == -2 && err.line == 1 && !pop, "no period column");
	OK_STR(err.msg, "needs the columns region, period and population", "its message");
	OK(read_pop("region,period,population\nA,2021,5\nA,soon,5\n", rows, &pop, &err) == -2 && err.line == 3,
	   "a bad period, at its line");
	OK(ind_agg_read_population("/nonexistent/pop.csv", rows, &pop, &(unsigned long){ 0 }, &err) == -1 && err.file[0],
	   "a missing file: the reader's error");
	ind_agg_free(rows);
}

static void test_input_header(void)
{
	static struct ind_agg_config c = { .by = IND_PERIOD_MONTH, .date_spec = "date", .region_spec = "2" };
	struct ind_agg_run run = { .cfg = &c };
	char path[] = "/tmp/ind-test-head.XXXXXX";
	struct ind_reader_opts ro;
	struct ind_error err;
	struct ind_row row;
	const char *why;
	ind_reader *r;
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");

	fputs("date,region,x\n2021-01-01,A,1\n", fp);
	fclose(fp);
	ind_measure_parse("s=sum:x", &c.ms[0], &why);
	ind_measure_parse("t=sum:y", &c.ms[1], &why);
	c.nm = 1;
	run.rejects = ind_rejects_open(NULL, NULL, &err);
	ind_reader_opts_init(&ro);
	r = ind_reader_open(path, &ro, &err);
	OK(r && ind_reader_next(r, &row, &err) == IND_READ_ROW, "header read");
	OK(ind_agg_input_header(&run, &c, r, &row, &err) == 0, "input_header: the columns found");
	OK(c.c_date == 0 && c.c_region == 1 && c.c_municipality == -1 && c.ms[0].c1 == 2 && c.ncols == 3 &&
	   run.first_block && run.shard_bytes == (long long)row.raw_len, "input_header: columns and shard begun");
	c.nm = 2;
	OK(ind_agg_input_header(&run, &c, r, &row, &err) == -1, "input_header: a missing column fails");
	OK(strstr(err.msg, "'y'") != NULL, "its message names it (%s)", err.msg);
	ind_reader_close(r);
	ind_rejects_close(run.rejects, &err);
	ind_agg_config_free(&c);
	unlink(path);
}

int main(void)
{
	test_input_header();
	test_population();
	test_settings();
	test_write_indicators();
	test_period_of();
	test_cell_period();
	test_add_row();
	return tap_done();
}
