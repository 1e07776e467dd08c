/* test_loadopts.c - ind-load's help text, the checks between its options, the settings they make. See LICENSE. */
#include <stdlib.h>

#include "loadopts.h"
#include "parallel.h"
#include "refuse.h"
#include "tap.h"

/* ind_load_check of fresh arguments changed by set, over operands; the message refused or "". */
static const char *check_of(void (*set)(struct ind_load_args *), const char *const *operands, int n, int *rc)
{
	struct ind_load_args a;
	refused[0] = '\0';
	nrefused = 0;
	ind_load_args_init(&a, 4);
	set(&a);
	*rc = ind_load_check(&a, operands, n, refuse);
	ind_load_args_free(&a);
	return refused;
}

static void no_header(struct ind_load_args *a) { a->o.no_header = true; }
static void no_header_region(struct ind_load_args *a) { a->o.no_header = true, a->o.region = "1"; }
static void no_header_rpv(struct ind_load_args *a) { no_header_region(a), a->o.period = "2", a->o.value = "3"; }
static void nothing(struct ind_load_args *a) { (void)a; }
static void sum_values(struct ind_load_args *a) { a->sum_values = true; }
static void sum_and_level(struct ind_load_args *a)
{
	a->sum_given = a->level_given = true;
	a->sum_level = IND_LEVEL_MAAKUNTA;
}
static void names_alone(struct ind_load_args *a) { a->names_given = true; }
static void level_and_map(struct ind_load_args *a) { a->level_given = true, a->map_path = "m.csv"; }
static void sum_and_name(struct ind_load_args *a) { a->sum_given = true, a->o.region_name = "Lappi"; }
static void sum_maakunta(struct ind_load_args *a) { a->sum_given = true, a->sum_level = IND_LEVEL_MAAKUNTA; }

static void test_usage(void)
{
	FILE *fp = tmpfile();
	char buf[8192];
	size_t n;
	ind_load_usage(fp);
	rewind(fp);
	n = fread(buf, 1, sizeof buf - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	OK(strncmp(buf, "Usage: ind-load [OPTION]... [FILE]...\n", 38) == 0, "the help text begins with the usage line");
	OK(n > 40 && strcmp(buf + n - 36, "See ind-load(1) and docs/format.md.\n") == 0, "and ends with where to read on");
	OK(strstr(buf, "      --sum-to=LEVEL ") && strstr(buf, "      --no-progress, --quiet  no progress line\n"),
	   "the options are there");
}

static void test_args(void)
{
	struct ind_load_args a;
	double t = 0;
	const char *why;

	OK(ind_load_args_init(&a, 3) == 0 && a.threads >= 1 && a.block_size == IND_BLOCK_SIZE_DEFAULT &&
	   a.progress == IND_PROGRESS_AUTO && a.region.level == IND_LEVEL_COUNTY && a.o.reader.skip == -1,
	   "defaults: threads, blocks, progress by the terminal, county, title lines detected");
	OK(ind_load_list_arg(&a.regions, "Lappi,Kainuu") && ind_load_list_arg(&a.regions, "Uusimaa") &&
	   ind_strmap_size(a.regions) == 3, "--regions: a list, given twice, into one map");
	OK(ind_load_period_bound("2021", false, &t) == NULL && t == 2021, "--from 2021: its start");
	OK(ind_load_period_bound("2021", true, &t) == NULL && t == 2022, "--to 2021: its end");
	why = ind_load_period_bound("20x1", false, &t);
	OK(why && *why && t == 2022, "a bad period: why, and nothing set");
	a.where[a.nwhere].column = strdup("sex");	/* as ind_where_parse leaves it: freed by ind_load_args_free */
	a.nwhere++;
	ind_load_args_free(&a);
	OK(a.where == NULL && a.regions == NULL, "freed, what it held too");
}

static void test_check(void)
{
	static const char *const two_stdin[] = { "a.csv", "-", "-" }, *const files[] = { "a.csv", "b.csv" };
	struct ind_load_args a;
	int rc;

	OK_STR(check_of(no_header, NULL, 0, &rc), "--no-header needs --region or --region-name", "--no-header alone");
	OK(rc == -1 && nrefused == 1, "refused once, -1");
	OK_STR(check_of(no_header_region, NULL, 0, &rc), "--no-header needs --period and --value", "then the period");
	OK_STR(check_of(no_header_rpv, NULL, 0, &rc), "--no-header needs --indicator or --indicator-name",
	       "then the indicator");
	OK_STR(check_of(nothing, two_stdin, 3, &rc), "standard input named more than once", "'-' twice");
	OK_STR(check_of(sum_values, NULL, 0, &rc), "--sum-values goes with --sum-to", "--sum-values alone");
	OK_STR(check_of(sum_and_level, NULL, 0, &rc), "--sum-to and --region-level name different levels",
	       "two levels");
	OK_STR(check_of(names_alone, NULL, 0, &rc),
	       "--region-names and --classification go with --region-level or --sum-to", "--region-names alone");
	OK_STR(check_of(level_and_map, NULL, 0, &rc), "--region-level does not go with --region-map or --region-name",
	       "--region-level and --region-map");
	OK_STR(check_of(sum_and_name, NULL, 0, &rc), "--sum-to does not go with --region-map or --region-name",
	       "named by the option given");
	OK_STR(check_of(nothing, files, 2, &rc), "", "files: nothing refused");
	OK(rc == 0 && nrefused == 0, "0");

	ind_load_args_init(&a, 1);
	sum_maakunta(&a);
	OK(ind_load_check(&a, NULL, 0, refuse) == 0 && a.job.ninputs == 1 && strcmp(a.job.inputs[0], "-") == 0 &&
	   a.level_given && a.region.level == IND_LEVEL_MAAKUNTA, "no operand: stdin; --sum-to sets the level");
	ind_load_args_free(&a);
}

static void test_settle(void)
{
	struct ind_load_args a;
	struct ind_error err;

	ind_load_args_init(&a, 1);
	a.level_given = true;
	a.class_path = "/nonexistent/municipalities.csv";
	OK(ind_load_settle(&a, &err, refuse) == -1 && strstr(err.file, "/nonexistent") && err.msg[0],
	   "a --classification that cannot be read: -1 with the error");
	ind_load_args_free(&a);

	ind_load_args_init(&a, 1);
	a.meta_dir = "meta";
	a.imap_path = "i.csv";
	nrefused = 0;
	OK(ind_load_settle(&a, &err, refuse) == IND_EXIT_USAGE && nrefused == 1 &&
	   strcmp(refused, "--sotkanet-meta does not go with --region-map, --indicator-map, --region-level or "
			   "--region-name") == 0, "--sotkanet-meta with a map: refused");
	ind_load_args_free(&a);

	ind_load_args_init(&a, 1);
	a.level_given = true;
	a.output = "out.csv";
	a.threads = 3;
	a.strict = a.sum_given = true;
	OK(ind_load_check(&a, NULL, 0, refuse) == 0 && ind_load_settle(&a, &err, refuse) == 0, "settled");
	OK(a.o.region_of == ind_load_region_of && a.o.region_ctx == &a.region && a.region.c != NULL &&
	   a.job.region == &a.region, "--region-level: the built-in classification, the loader's mapping");
	OK(strcmp(a.job.output, "out.csv") == 0 && a.job.threads == 3 && a.job.strict && a.job.sum &&
	   a.job.block_size == IND_BLOCK_SIZE_DEFAULT && a.job.ninputs == 1, "the job from the options");
	OK(a.o.where == a.where && a.o.ignore == a.ignore && a.o.region_map == NULL, "the loader's options too");
	ind_load_args_free(&a);
}

int main(void)
{
	test_usage();
	test_args();
	test_check();
	test_settle();
	return tap_done();
}
