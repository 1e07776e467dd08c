/* test_loadrun.c - inputs through the loader into one canonical stream: header union, order, --sum-to, --strict, messages. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "loadrun.h"
#include "parallel.h"
#include "tap.h"

static char dir[] = "/tmp/ind-test-loadrun.XXXXXX";
static char path_buf[4][256];

static const char *put(int k, const char *name, const char *text)
{
	FILE *f;
	snprintf(path_buf[k], sizeof path_buf[k], "%s/%s", dir, name);
	f = fopen(path_buf[k], "w");
	fputs(text, f);
	fclose(f);
	return path_buf[k];
}

/* The whole of a file, or "" when it is not there; static, overwritten by the next call. */
static const char *slurp(const char *path)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n = 0;
	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* msgs emptied before a run, so that what it holds after is what that run said */
static void forget(FILE *msgs)
{
	fflush(msgs);
	if (ftruncate(fileno(msgs), 0) != 0)
		perror("ftruncate");
	rewind(msgs);
}

int main(void)
{
	struct ind_load_opts o;
	struct ind_load_job job;
	struct ind_load_region reg = { NULL, IND_LEVEL_COUNTY, IND_NAMES_FI, IND_BARE_NONE };
	struct ind_period p = { 0 };
	const char *inputs[2], *why = NULL;
	char out[300], buf[IND_LOAD_REGION_MAX];
	FILE *msgs, *prev;
	int rc;

	ind_set_progname("test");
	if (!mkdtemp(dir) || !(msgs = tmpfile()))
		return 99;
	prev = ind_warn_to(msgs);	/* what the runs say, read back with tap_file_text */
	snprintf(out, sizeof out, "%s/out.csv", dir);
	inputs[0] = put(0, "a.csv", "region,indicator,period,value\nLappi,t1,2021,1.5\nUusimaa,t1,2021,2\n");
	inputs[1] = put(1, "b.csv", "region,indicator,period,value,numerator,denominator\n"
				     "Lappi,t2,2022,50,1,2\n");
	for (int threads = 1; threads <= 2; threads++) {
		ind_load_opts_init(&o);
		memset(&job, 0, sizeof job);
		job.inputs = inputs;
		job.ninputs = 2;
		job.output = out;
		job.threads = threads;
		job.block_size = IND_BLOCK_SIZE_DEFAULT;
		forget(msgs);
		rc = ind_load_files(&job, &o);
		OK(rc == IND_EXIT_OK, "two inputs load (%d threads)", threads);
		OK_STR(slurp(out), "region,indicator,period,value,numerator,denominator\n"
				   "Lappi,t1,2021,1.5,,\nUusimaa,t1,2021,2,,\nLappi,t2,2022,50,1,2\n",
		       "the header is the union of the inputs' columns, the records in input order (%d threads)", threads);
		OK(strstr(tap_file_text(msgs), "test: 3 rows read, 3 written, 0 rejected\n") != NULL,
		   "the totals are said (%d threads)", threads);
	}

	/* --strict: a rejected row fails the run and the output file is not made */
	unlink(out);
	inputs[0] = put(2, "bad.csv", "region,indicator,period,value\nLappi,t1,2021,x\nLappi,t1,2022,3\n");
	job.ninputs = 1;
	job.strict = true;
	forget(msgs);
	rc = ind_load_files(&job, &o);
	OK(rc == IND_EXIT_DATA, "--strict: a rejected row exits 1");
	OK(access(out, F_OK) != 0, "--strict: the output is not committed");
	OK(strstr(tap_file_text(msgs), "1 rejected") != NULL, "the reject is counted");
	job.strict = false;

	/* a missing input: the others are loaded, the exit is 1 */
	inputs[0] = "/nonexistent/x.csv";
	inputs[1] = path_buf[1];
	job.ninputs = 2;
	forget(msgs);
	rc = ind_load_files(&job, &o);
	OK(rc == IND_EXIT_DATA, "a missing input exits 1");
	OK(strstr(tap_file_text(msgs), "/nonexistent/x.csv") != NULL, "the missing input is named");

	/* --sum-to county: municipalities of a county summed into one row */
	inputs[0] = put(3, "sum.csv", "region,indicator,period,value\n049,t1,2021,2\n235,t1,2021,3\n");
	job.ninputs = 1;
	job.sum = job.sum_values = true;
	reg.c = ind_classification_builtin();
	job.region = &reg;
	o.region_of = ind_load_region_of;
	o.region_ctx = &reg;
	forget(msgs);
	rc = ind_load_files(&job, &o);
	OK(rc == IND_EXIT_OK, "--sum-to loads");
	OK_STR(slurp(out), "region,indicator,period,value\nLänsi-Uudenmaan hyvinvointialue,t1,2021,5\n",
	       "--sum-to: two municipalities of one county give one row");
	OK(strstr(tap_file_text(msgs), "2 records summed into 1 rows\n") != NULL, "--sum-to: the sum is said");

	/* ind_load_region_of */
	p.kind = IND_PERIOD_NUMERIC;
	OK(ind_load_region_of(&reg, "091", 3, &p, buf, &why) == NULL && why && strstr(why, "numeric"),
	   "a numeric period has no year to classify by");

	/* ind_load_answers: one after the other on this thread, rejects only counted */
	{
		const char *answers[2] = { path_buf[0], path_buf[1] };
		long records = -1, nrejected = -1;
		ind_load_opts_init(&o);
		put(0, "a.csv", "region,indicator,period,value\nLappi,t1,2021,1.5\n");
		put(2, "bad.csv", "region,indicator,period,value\nLappi,t1,2021,x\nLappi,t1,2022,3\n");
		answers[1] = path_buf[2];
		forget(msgs);
		rc = ind_load_answers(answers, 2, &o, out, false, &records, &nrejected);
		OK(rc == IND_EXIT_OK && records == 2 && nrejected == 1, "answers: records and rejects counted");
		OK_STR(slurp(out), "region,indicator,period,value\nLappi,t1,2021,1.5\nLappi,t1,2022,3\n",
		       "answers: one stream in their order");
		unlink(out);
		forget(msgs);
		rc = ind_load_answers(answers, 2, &o, out, true, &records, &nrejected);
		OK(rc == IND_EXIT_DATA && records == 0 && access(out, F_OK) != 0,
		   "answers under strict: a reject exits 1, nothing written");
		answers[1] = "/nonexistent/x.json";
		forget(msgs);
		rc = ind_load_answers(answers, 2, &o, out, false, &records, &nrejected);
		OK(rc == -1 && strstr(tap_file_text(msgs), "/nonexistent/x.json"), "answers: one that cannot be opened is said, -1");
	}

	/* ind_load_maps */
	{
		ind_codemap *rm = NULL, *im = NULL;
		const char *v = NULL;
		size_t vlen = 0;
		put(0, "map.csv", "code,name\nA,Alpha\n");
		put(1, "years.csv", "code,name,valid_from,valid_to\nA,Alpha,2000,2010\n");
		OK(ind_load_maps(path_buf[0], path_buf[0], NULL, &rm, &im) == 0 && rm && im &&
		   ind_codemap_get(im, "A", 1, 0, &v, &vlen) == IND_MAP_FOUND && vlen == 5 && strncmp(v, "Alpha", 5) == 0, "code maps read");
		ind_codemap_free(rm);
		ind_codemap_free(im);
		OK(ind_load_maps(path_buf[1], NULL, NULL, &rm, &im) == 0 && rm && ind_codemap_has_years(rm) && !im,
		   "a region map by year");
		ind_codemap_free(rm);
		forget(msgs);
		rc = ind_load_maps(NULL, path_buf[1], NULL, &rm, &im);
		OK(rc < 0 && !rm && !im &&
		   strstr(tap_file_text(msgs), "years.csv:1: valid_from and valid_to: only --region-map maps by year"),
		   "an indicator map by year is refused");
		forget(msgs);
		rc = ind_load_maps("/nonexistent/m.csv", path_buf[0], NULL, &rm, &im);
		OK(rc < 0 && !rm && !im && strstr(tap_file_text(msgs), "/nonexistent/m.csv"), "a missing map is said");
		OK(ind_load_maps(NULL, NULL, NULL, &rm, &im) == 0 && !rm && !im, "no maps");
	}

	for (int k = 0; k < 4; k++)
		unlink(path_buf[k]);
	unlink(out);
	rmdir(dir);
	ind_warn_to(prev);
	fclose(msgs);
	return tap_done();
}
