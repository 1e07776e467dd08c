/* test_aggopts.c - ind-agg's help text and option checks (lib/aggopts.c), its run and its end (lib/aggrun.c). See LICENSE. */
#include <stdlib.h>
#include <unistd.h>

#include "aggopts.h"
#include "parallel.h"
#include "refuse.h"
#include "tap.h"

/* A temporary file holding text; its name in path. */
static void make_file(char *path, const char *text)
{
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fp) {
		fputs(text, fp);
		fclose(fp);
	}
}

/* ind_agg_check of args that set leaves; the message refused, "" for none. */
static const char *check_of(void (*set)(struct ind_agg_args *), int *rc)
{
	struct ind_agg_args a;
	static const char *const file[] = { "x.csv" };
	refused[0] = '\0';
	nrefused = 0;
	ind_agg_args_init(&a);
	set(&a);
	*rc = ind_agg_check(&a, file, 1, refuse);
	return refused;
}

static void usable(struct ind_agg_args *a)
{
	ind_agg_measure_arg(&a->c, "n=count", refuse);
	a->c.date_spec = "visit_date";
	a->c.region_spec = "region";
}
static void no_measure(struct ind_agg_args *a) { a->c.date_spec = "d"; }
static void no_date(struct ind_agg_args *a) { usable(a), a->c.date_spec = NULL; }
static void both_regions(struct ind_agg_args *a) { usable(a), a->c.municipality_spec = "kunta"; }
static void municipality_alone(struct ind_agg_args *a) { usable(a), a->c.region_spec = NULL, a->c.municipality_spec = "k"; }
static void partial_merge(struct ind_agg_args *a) { a->partial = a->merge = true; }
static void per_alone(struct ind_agg_args *a) { ind_agg_per_arg(&a->c, "1000", refuse); }
static void bad_from(struct ind_agg_args *a) { usable(a), a->from_arg = "2021-13"; }
static void bad_quarter(struct ind_agg_args *a) { usable(a), a->c.by = IND_PERIOD_QUARTER, a->to_arg = "x"; }
static void from_after_to(struct ind_agg_args *a) { usable(a), a->from_arg = "2021-05", a->to_arg = "2021-02"; }
static void names_alone(struct ind_agg_args *a) { usable(a), a->names_arg = "sv"; }
static void level_merge(struct ind_agg_args *a) { a->merge = a->level_given = true; }
static void level_region(struct ind_agg_args *a) { usable(a), a->level_given = true; }

static void test_options(void)
{
	struct ind_agg_args a;
	FILE *fp = tmpfile();
	int rc;

	ind_agg_usage(fp);
	OK(strncmp(tap_file_text(fp), "Usage: ind-agg [OPTION]... [FILE]...\n", 37) == 0 &&
	   strstr(tap_file_text(fp), "\nSee ind-agg(1).\n") && strstr(tap_file_text(fp), "      --merge "), "the help text");
	fclose(fp);

	ind_agg_args_init(&a);
	OK(a.c.by == IND_PERIOD_MONTH && a.c.c_region == -1 && a.c.c_date == -1 && a.threads >= 1 &&
	   a.block_size == IND_BLOCK_SIZE_DEFAULT && a.progress == IND_PROGRESS_AUTO, "defaults");
	nrefused = 0;
	OK(ind_agg_measure_arg(&a.c, "n=count", refuse) == 0 && ind_agg_measure_arg(&a.c, "w=wait:a,b", refuse) == 0 &&
	   a.c.nm == 2 && nrefused == 0, "--measure: two");
	OK(ind_agg_measure_arg(&a.c, "n=count", refuse) == -1 && strcmp(refused, "measure 'n' given twice") == 0 &&
	   a.c.nm == 2, "--measure: a name twice");
	OK(ind_agg_measure_arg(&a.c, "z=bogus", refuse) == -1 && strncmp(refused, "invalid --measure 'z=bogus': ", 29) == 0,
	   "--measure: a bad spec");
	a.c.nm = IND_AGG_MAX_MEASURES;
	OK(ind_agg_measure_arg(&a.c, "q=count", refuse) == -1 && strcmp(refused, "at most 32 measures") == 0,
	   "--measure: too many");
	OK(ind_agg_where_arg(&a.c, "urgency=non-urgent", refuse) == 0 && a.c.nwhere == 1 &&
	   strcmp(a.c.where[0].col, "urgency") == 0 && strcmp(a.c.where[0].value, "non-urgent") == 0, "--where COL=VALUE");
	OK(ind_agg_where_arg(&a.c, "=x", refuse) == -1 && strcmp(refused, "invalid --where '=x': expected COL=VALUE") == 0 &&
	   a.c.nwhere == 1, "--where without a column");
	OK(ind_agg_per_arg(&a.c, "1000", refuse) == 0 && a.c.per == 1000 && strcmp(a.c.per_text, "1000") == 0, "--per");
	OK(ind_agg_per_arg(&a.c, "-1", refuse) == -1 &&
	   strcmp(refused, "invalid --per '-1': expected a positive number") == 0, "--per not positive");

	OK_STR(check_of(usable, &rc), "", "a usable set: nothing refused");
	OK(rc == 0, "0");
	ind_agg_args_init(&a);
	usable(&a);
	OK(ind_agg_check(&a, NULL, 0, refuse) == 0 && a.ninputs == 1 && strcmp(a.inputs[0], "-") == 0 &&
	   a.c.nwithin == 4 && a.c.within[3] == 90 && a.c.npct == 2 && a.c.pct[1] == 900,
	   "no operand: stdin; the default --within and --percentiles");
	OK_STR(check_of(no_measure, &rc), "give at least one --measure", "no measure");
	OK(rc == -1 && nrefused == 1, "refused once, -1");
	OK_STR(check_of(no_date, &rc), "give the date column with --date", "no date");
	OK_STR(check_of(both_regions, &rc), "give either --region or --municipality (with --map)", "two region columns");
	OK_STR(check_of(municipality_alone, &rc), "--municipality needs --map or --region-level", "no map");
	OK_STR(check_of(partial_merge, &rc), "--partial and --merge do not go together", "--partial --merge");
	OK_STR(check_of(per_alone, &rc), "--per needs --population", "--per alone");
	OK_STR(check_of(bad_from, &rc), "invalid --from '2021-13': expected a month (as --by), e.g. 2021-01", "bad --from");
	OK_STR(check_of(bad_quarter, &rc), "invalid --to 'x': expected a quarter (as --by), e.g. 2021-Q1", "bad --to");
	OK_STR(check_of(from_after_to, &rc), "--from 2021-05 is after --to 2021-02", "--from after --to");
	OK_STR(check_of(names_alone, &rc), "--region-names and --classification go with --region-level", "names alone");
	OK_STR(check_of(level_merge, &rc), "--region-level with --merge: the partial files hold the regions already",
	       "--region-level --merge");
	OK_STR(check_of(level_region, &rc), "--region-level maps the codes of --municipality COL", "no municipality");
}

static void test_settle(void)
{
	char pop[] = "/tmp/ind-test-aggopts-pop.XXXXXX";
	struct ind_agg_args a;
	struct ind_error err;

	ind_agg_args_init(&a);
	OK(ind_agg_settle(&a, &err) == 0 && a.c.classes == NULL && a.c.map == NULL, "nothing to read");
	a.level_given = true;
	OK(ind_agg_settle(&a, &err) == 0 && a.c.classes == ind_classification_builtin(), "--region-level: built in");
	a.map_path = "/nonexistent/map.csv";
	OK(ind_agg_settle(&a, &err) == -1 && strstr(err.file, "/nonexistent"), "a --map that cannot be read: -1");
	ind_agg_config_free(&a.c);

	make_file(pop, "region,period,inhabitants\nLappi,2021,177000\n");
	ind_agg_args_init(&a);
	a.pop_path = pop;
	OK(ind_agg_settle(&a, &err) == -2 && err.line >= 1 && err.msg[0], "--population without its column: -2, the table's line");
	ind_agg_config_free(&a.c);
	unlink(pop);
}

static void test_run(void)
{
	char events[] = "/tmp/ind-test-aggopts-ev.XXXXXX", out[] = "/tmp/ind-test-aggopts-out.XXXXXX";
	struct ind_agg_args a;
	struct ind_agg_run run = { 0 };
	struct ind_error err;
	const char *const inputs[1] = { events };
	FILE *msgs = tmpfile(), *old;
	int fd;

	make_file(events, "region,visit_date\nLappi,2021-01-05\nLappi,2021-01-20\nKainuu,2021-02-01\nLappi,bad\n");
	fd = mkstemp(out);
	close(fd);
	old = ind_warn_to(msgs);

	ind_agg_args_init(&a);
	usable(&a);
	ind_agg_check(&a, inputs, 1, refuse);
	run.rejects = ind_rejects_open(NULL, NULL, &err);
	run.cfg = &a.c;
	OK(ind_agg_read_inputs(&run, &a.c, a.inputs, a.ninputs, &a.ro, 2, 16, false, &err) == 0 && run.rows == 4 &&
	   ind_agg_count(run.total) == 2 && !run.failed, "the input read on two threads in small blocks: rows, groups");
	OK(ind_agg_finish(&run, &a.c, out, false, false) == IND_EXIT_OK, "finished: exit 0");
	{
		FILE *fp = fopen(out, "r");
		OK(fp && strcmp(tap_file_text(fp), "region,indicator,period,value,numerator,denominator\nKainuu,n,2021-01,0,,\n"
					"Kainuu,n,2021-02,1,,\nLappi,n,2021-01,2,,\nLappi,n,2021-02,0,,\n") == 0,
		   "the indicators written, every period of each region");
		if (fp)
			fclose(fp);
	}
	OK(strstr(tap_file_text(msgs), "2 periods without rows written") && strstr(tap_file_text(msgs), "4 rows read, 2 groups, 1 rejected\n"),
	   "what was filled and the counts said");

	ind_agg_args_init(&a);
	usable(&a);
	a.c.region_spec = "alue";
	ind_agg_check(&a, inputs, 1, refuse);
	memset(&run, 0, sizeof run);
	run.rejects = ind_rejects_open(NULL, NULL, &err);
	run.cfg = &a.c;
	OK(ind_agg_read_inputs(&run, &a.c, a.inputs, 1, &a.ro, 1, 1 << 20, false, &err) == -1 && err.msg[0],
	   "a column missing from the header: -1 with the error");
	ind_rejects_close(run.rejects, NULL);
	ind_agg_free(run.total);

	memset(&run, 0, sizeof run);
	strcpy(run.coarse_date, "2021");
	ind_agg_args_init(&a);
	a.c.date_spec = "visit_date";
	nrefused = 0;
	ind_agg_refuse_coarse(&run, &a.c, refuse);
	OK(nrefused == 1 && strcmp(refused, "--by month is finer than the date column 'visit_date' ('2021' is a year); use "
				  "--by year or coarser") == 0, "a year column under --by month");
	strcpy(run.coarse_date, "2021-W05");
	ind_agg_refuse_coarse(&run, &a.c, refuse);
	OK(nrefused == 2 && strstr(refused, "over the week column 'visit_date' ('2021-W05'): a week does not fall in one "
			       "month; use --by week"), "a week column under --by month");

	memset(&run, 0, sizeof run);
	ind_agg_args_init(&a);
	run.rejects = ind_rejects_open(NULL, NULL, &err);
	run.cfg = &a.c;
	ind_agg_merge_inputs(&run, &a.c, inputs, 1, false, false, false, refuse);
	OK(run.failed && run.total != NULL, "--merge of a file that is not partial: said, counted, an empty total");
	run.stopped = true;
	OK(ind_agg_finish(&run, &a.c, out, false, true) == IND_EXIT_DATA &&
	   strstr(tap_file_text(msgs), "nothing written\n"), "a stopped run: nothing written, exit 1");

	ind_warn_to(old);
	fclose(msgs);
	unlink(events);
	unlink(out);
}

int main(void)
{
	ind_set_progname("ind-agg");
	test_options();
	test_settle();
	test_run();
	return tap_done();
}
