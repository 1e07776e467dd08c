/* test_population.c - the population table as ind-agg and ind-compare read it (lib/population.c). See LICENSE. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "population.h"
#include "tap.h"

static char path[] = "/tmp/ind-test-population.XXXXXX";

/* text into the file at path */
static void put(const char *text)
{
	FILE *fp = fopen(path, "w");
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

/* text read by the rules of how: the return of ind_population_load, the table in *pop */
static int load(const char *text, enum ind_population_reading how, ind_population **pop, struct ind_error *err)
{
	put(text);
	return ind_population_load(path, how, NULL, pop, err);
}

static struct ind_period period(const char *text)
{
	struct ind_period p = { 0 };
	const char *why;
	ind_period_parse(text, strlen(text), &p, &why);
	return p;
}

/* The message of text's problem under how, "" when it has none; line in *line. */
static const char *problem(const char *text, enum ind_population_reading how, long *line)
{
	static struct ind_error err;
	ind_population *pop;
	if (load(text, how, &pop, &err) == 0) {
		ind_population_free(pop);
		return "";
	}
	*line = err.line;
	return err.msg;
}

static void test_rows(void)
{
	static const enum ind_population_reading both[] = { IND_POPULATION_AGG, IND_POPULATION_COMPARE };
	for (int k = 0; k < 2; k++) {
		ind_population *pop = NULL;
		struct ind_error err;
		struct ind_period p;
		const struct ind_population_row *r;
		const char *name = k ? "compare" : "agg";

		OK(load("x,population,period,region\n1,\"1 234 567\",2021M03,A\n2,500,2021,A\n3,7.50,2021,B\n", both[k], &pop,
			&err) == 0 && ind_population_count(pop) == 3, "%s: three rows read", name);
		if (!pop)
			continue;
		r = ind_population_at(pop, 0);
		OK(strcmp(r->region, "A") == 0 && strcmp(r->period_text, "2021-03") == 0 && r->line == 2 &&
		   strcmp(r->text, "1234567") == 0 && r->value == 1234567, "%s: region, canonical period, line, value and text",
		   name);
		OK_STR(ind_population_at(pop, 2)->text, "7.50", "%s: the text keeps every digit written", name);
		p = period("2021-03");
		OK((r = ind_population_find(pop, "A", &p)) && r->line == 2, "%s: found by its own period", name);
		p = period("2021-04");
		OK((r = ind_population_find(pop, "A", &p)) && r->line == 3, "%s: else by its year", name);
		p = period("2022-03");
		OK(!ind_population_find(pop, "A", &p) && !ind_population_find(pop, "C", &p), "%s: else none", name);
		ind_population_free(pop);
	}
	OK(!ind_population_find(NULL, "A", &(struct ind_period){ .kind = IND_PERIOD_YEAR, .year = 2021 }),
	   "find in no table: none");
}

/* What both readings say of a table, alike or each its own way ("": nothing), and at which line. */
static const struct rule_case {
	const char *what, *text;
	const char *agg;
	long agg_line;
	const char *compare;
	long compare_line;
} rule_cases[] = {
	{ "a population of 0", "region,period,population\nA,2021,0\n",
	  "population '0': not a positive number", 2, "population '0': not a positive number", 2 },
	{ "a negative population", "region,period,population\nA,2021,-5\n",
	  "population '-5': not a positive number", 2, "population '-5': not a positive number", 2 },
	{ "no number", "region,period,population\nA,2021,12abc\n",
	  "population '12abc': not a positive number", 2, "population '12abc': not a positive number", 2 },
	{ "a period twice, written two ways", "region,period,population\nA,2021-03,5\nA,2021M03,6\n",
	  "the population of 'A' in 2021-03 is given twice", 3, "the population of 'A' in 2021M03 is given twice", 3 },
	{ "a bad period", "region,period,population\nA,soon,5\n",
	  "period: not a period", 2, "period 'soon': not a period", 2 },
	{ "a column missing", "region,year,population\nA,2021,5\n",
	  "needs the columns region, period and population", 1, "expected the columns region, period, population", 1 },
	{ "the columns in capitals", "Region,Period,Population\nA,2021,5\n",
	  "", 0, "expected the columns region, period, population", 1 },
	{ "a decimal comma", "region;period;population\nA;2021;1,5\n",
	  "", 0, "population '1,5': not a positive number", 2 },
	{ "an empty file", "", "", 0, "empty input: no header row", 0 },
	{ "a bad value, then a malformed row", "region,period,population\nA,2021,x\nB,2021,5\nC,2021\n",
	  "population 'x': not a positive number", 2, "row has 2 fields where the header has 3", 4 },
	{ "a column missing, then a malformed row", "region,year,population\nC,2021\n",
	  "needs the columns region, period and population", 1, "row has 2 fields where the header has 3", 2 },
	{ "a bad value, then an open quote", "region,period,population\nA,2021,x\nB,2021,\"5\n",
	  "population 'x': not a positive number", 2, "unterminated quoted field", 3 },
	{ "the periods -0 and 0", "region,period,population\nA,-0,5\nA,0,6\n",
	  "", 0, "the population of 'A' in 0 is given twice", 3 },
};

static void test_rules(void)
{
	ind_population *pop = NULL;
	struct ind_error err;

	for (size_t i = 0; i < sizeof rule_cases / sizeof *rule_cases; i++) {
		const struct rule_case *c = &rule_cases[i];
		long line = -1;
		OK_STR(problem(c->text, IND_POPULATION_AGG, &line), c->agg, "%s: ind-agg's reading", c->what);
		OK(!c->agg[0] || line == c->agg_line, "%s: ind-agg's line %ld", c->what, line);
		OK_STR(problem(c->text, IND_POPULATION_COMPARE, &line), c->compare, "%s: ind-compare's reading", c->what);
		OK(!c->compare[0] || line == c->compare_line, "%s: ind-compare's line %ld", c->what, line);
	}
	OK(load("", IND_POPULATION_COMPARE, &pop, &err) == -2 && !pop && strcmp(err.file, path) == 0,
	   "an empty file: named by the reader");
	OK(load("region,period,population\nA,-0,5\n", IND_POPULATION_COMPARE, &pop, &err) == 0 &&
	   ind_population_find(pop, "A", &(struct ind_period){ .kind = IND_PERIOD_NUMERIC, .num = 0 }),
	   "ind-compare: the period 0 finds the row of -0");
	ind_population_free(pop);
	OK(ind_population_load("/nonexistent/pop.csv", IND_POPULATION_AGG, NULL, &pop, &err) == -1 && !pop &&
	   strstr(err.file, "/nonexistent/pop.csv"), "a missing file: -1, the reader's error");
}

struct seen {
	int records, rows;
	long refuse_at;
};

static void count_record(void *ctx, const char *raw, size_t len)
{
	(void)raw, (void)len;
	((struct seen *)ctx)->records++;
}

static int check_row(void *ctx, const struct ind_population_row *row, struct ind_error *err)
{
	struct seen *s = ctx;
	s->rows++;
	if (row->line == s->refuse_at)
		return ind_error_set(err, NULL, 0, "no room for '%s'", row->region);
	return 0;
}

static void test_hooks(void)
{
	struct seen s = { 0, 0, -1 };
	struct ind_population_hooks hooks = { count_record, check_row, &s };
	ind_population *pop;
	struct ind_error err;

	put("region,period,population\nA,2021,5\nB,2021,6\nC,2021,7\n");
	OK(ind_population_load(path, IND_POPULATION_AGG, &hooks, &pop, &err) == 0 && s.records == 4 && s.rows == 3,
	   "hooks: every record (the header too), every row");
	ind_population_free(pop);
	s = (struct seen){ 0, 0, 3 };
	OK(ind_population_load(path, IND_POPULATION_AGG, &hooks, &pop, &err) == -2 && !pop && s.rows == 2 &&
	   err.line == 3 && strcmp(err.file, path) == 0 && strcmp(err.msg, "no room for 'B'") == 0,
	   "a row refused: the reading stops there, the hook's message at the row");
}

int main(void)
{
	int fd = mkstemp(path);
	if (fd < 0)
		return 99;
	close(fd);
	test_rows();
	test_rules();
	test_hooks();
	unlink(path);
	return tap_done();
}
