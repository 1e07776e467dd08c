/* test_comparerun.c - ind-compare's options that go together, and its run over an input. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "comparerun.h"
#include "tap.h"

static struct ind_period period(const char *s)
{
	struct ind_period p;
	const char *why;
	ind_period_parse(s, strlen(s), &p, &why);
	return p;
}

static struct ind_compare_run defaults(void)
{
	return (struct ind_compare_run){ .an.seed = 1, .an.pw = { .alpha = 0.05, .power = 0.8 }, .an.did = { .per = 1000 } };
}

/* ind_compare_run_inputs with standard error into msgs (held messages are replayed there). */
static int run_to(FILE *msgs, struct ind_compare_run *o, const char *in, const char *out)
{
	const char *inputs[1] = { in };
	int saved, rc;
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(msgs), STDERR_FILENO);
	rc = ind_compare_run_inputs(o, inputs, 1, out, NULL, NULL, IND_PROGRESS_OFF);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	return rc;
}

int main(void)
{
	char buf[128];
	{
		struct ind_compare_run o = defaults();
		OK_STR(ind_compare_run_check(&o, buf, sizeof buf), "give the intervention with --at PERIOD or --events FILE",
		       "no interruption: refused");
		o.at[o.nat++] = period("2020");
		o.at[o.nat++] = period("2021");
		o.at[o.nat++] = period("2020");
		OK_STR(ind_compare_run_check(&o, buf, sizeof buf), "--at 2020 is given twice", "an interruption twice: named");
		o.nat = 1;
		OK(ind_compare_run_check(&o, buf, sizeof buf) == NULL, "one interruption: fine");
		o.an.its.quasi = true;
		OK_STR(ind_compare_run_check(&o, buf, sizeof buf), "--quasi goes with --model poisson", "--quasi alone");
		o.an.its.model = IND_MODEL_POISSON;
		o.an.its.se = IND_ITS_SE_HAC;
		OK(strncmp(ind_compare_run_check(&o, buf, sizeof buf), "--se is for --model ols", 23) == 0,
		   "--se with --model poisson");
		o.an.its.se = IND_ITS_SE_OLS;
		o.placebo_min = 5;
		OK_STR(ind_compare_run_check(&o, buf, sizeof buf), "--placebo-min goes with --placebo", "--placebo-min alone");
		o.placebo = true;
		OK(ind_compare_run_check(&o, buf, sizeof buf) == NULL && o.an.placebo_min == 5 && o.an.placebo_dates,
		   "--placebo: its periods, and the placebo rows without --summary");
		o.did_opts = true;
		OK_STR(ind_compare_run_check(&o, buf, sizeof buf),
		       "--did, --control-weights, --population and --per go with --control", "--did without --control");
		o = defaults();
		o.nat = 1;
		o.an.seed = 7;
		o.power_opts = true;
		OK_STR(ind_compare_run_check(&o, buf, sizeof buf), "--power-level, --alpha and --sims go with --power",
		       "--sims without --power");
		o.an.power = true;
		OK(ind_compare_run_check(&o, buf, sizeof buf) == NULL && o.an.pw.seed == 7, "--sims seeded by --seed");
	}
	{
		char in[256], out[256], line[4096];
		const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
		struct ind_compare_run o = defaults();
		FILE *fp, *msgs = tmpfile();
		int rows = 0;
		snprintf(in, sizeof in, "%s/test_comparerun_in.csv", tmp);
		snprintf(out, sizeof out, "%s/test_comparerun_out.csv", tmp);
		if (!(fp = fopen(in, "w")) || !msgs)
			return 99;
		fputs("region,indicator,period,value\n", fp);
		for (int y = 2010; y < 2020; y++)
			fprintf(fp, "A,x,%d,%d\nB,x,%d,%d\n", y, 10 + y % 3 + (y >= 2015 ? 5 : 0), y, 20 - y % 2);
		fclose(fp);
		o.at[o.nat++] = period("2015");
		o.summary = true;
		OK(ind_compare_run_check(&o, buf, sizeof buf) == NULL && run_to(msgs, &o, in, out) == 0, "a run: exit 0");
		if ((fp = fopen(out, "r"))) {
			OK(fgets(line, sizeof line, fp) && strncmp(line, "region,indicator,at,label,n_pre,", 32) == 0,
			   "the summary's header");
			while (fgets(line, sizeof line, fp))
				rows += strncmp(line, "A,x,2015,,5,5,", 14) == 0 || strncmp(line, "B,x,2015,,5,5,", 14) == 0;
			fclose(fp);
		}
		OK(rows == 2, "a row per series, 5 values on each side (%d)", rows);
		rewind(msgs);
		while (fgets(line, sizeof line, msgs) && !strstr(line, "rows read"))
			;
		OK(strstr(line, "ind: 20 rows read, 2 series, 0 rejected") != NULL, "the closing words: %s", line);
		o = defaults();
		o.at[o.nat++] = period("2015");
		o.controls = ind_strmap_new();
		ind_strmap_add_list(o.controls, "C");
		o.control_args[o.ncontrol_args++] = "C";
		remove(out);
		OK(run_to(msgs, &o, in, out) == 1 && !(fp = fopen(out, "r")), "a comparison region not in the data: exit 1, no output");
		fclose(msgs);
		remove(in);
	}
	{	/* the help text: the usage line first, every option group, the man page last */
		FILE *fp = tmpfile();
		const char *t;
		ind_compare_usage(fp);
		t = tap_file_text(fp);
		OK(fp && strncmp(t, "Usage: ind-compare [OPTION]... [FILE]...\n", 41) == 0 && strstr(t, "      --at=PERIOD ") &&
		   strstr(t, "      --sorted ") && strstr(t, "      --progress ") &&
		   strlen(t) > 21 && strcmp(t + strlen(t) - 21, "\nSee ind-compare(1).\n") == 0, "the help text");
		if (fp)
			fclose(fp);
	}
	return tap_done();
}
