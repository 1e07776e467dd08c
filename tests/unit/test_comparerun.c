/* test_comparerun.c - ind-compare's options that go together, and its run over an input. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "comparerun.h"
#include "rejects.h"
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
		if (!(msgs = tmpfile()))
			return 99;
		o = defaults();
		o.at[o.nat++] = period("2030");
		o.summary = true;
		OK(run_to(msgs, &o, in, out) == 0, "an intervention after the data: exit 0");
		OK_STR(tap_file_text(msgs),
		       "ind: series 'A, x': the intervention 2030 is outside the data (2010..2019)\n"
		       "ind: series 'B, x': the intervention 2030 is outside the data (2010..2019)\n"
		       "ind: 20 rows read, 2 series, 0 rejected\n", "each series' warning in turn, then the closing words");
		fclose(msgs);
		remove(out);
		remove(in);
	}
	{	/* one series analysed: its warnings come back as data, in the order they are said */
		char in[256], ev[256], want[512];
		const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
		const char *inputs[1] = { in };
		struct ind_compare_run o = defaults();
		struct ind_compare_result r;
		struct ind_trend_notes notes;
		struct ind_error err;
		ind_series_set *set = ind_series_set_new();
		ind_rejects *rj = ind_rejects_open(NULL, NULL, &err);
		struct ind_series *a;
		bool failed = false;
		FILE *fp;

		snprintf(in, sizeof in, "%s/test_comparerun_series.csv", tmp);
		snprintf(ev, sizeof ev, "%s/test_comparerun_events.csv", tmp);
		if (!set || !rj || !(fp = fopen(in, "w")))
			return 99;
		fputs("region,indicator,period,value\n", fp);
		for (int y = 2010; y < 2020; y++)	/* A on even lines from 2, C on odd lines from 3 */
			fprintf(fp, "A,x,%d,%d\nC,x,%d,%d\n", y, 10 + y % 3 + (y >= 2015 ? 5 : 0), y, 20 - y % 2);
		fclose(fp);
		OK(ind_series_read(set, inputs, 1, NULL, false, NULL, rj, &failed) == 20 && !failed, "two series read");
		ind_series_sort(set);
		a = ind_series_at(set, 0);

		o.at[o.nat++] = period("2015");
		OK(ind_compare_series(set, a, &o, &r, &notes) == 0 && notes.n == 0 && !r.failed && !r.no_event,
		   "a series that can be analysed: no warning");
		OK(r.a->nbreaks == 1 && r.a->its_ok && r.pf && r.pf[9].segment == 1, "its analysis and each row's fit");
		ind_compare_result_free(&r);
		ind_trend_notes_free(&notes);

		o.at[0] = period("2030");
		o.summary = true;
		OK(ind_compare_series(set, a, &o, &r, &notes) == 0 && notes.n == 1 && !r.failed && !r.pf,
		   "an intervention after the data: one warning, not an error");
		OK_STR(notes.n ? notes.note[0].text : "", "series 'A, x': the intervention 2030 is outside the data (2010..2019)",
		       "its words, with the series");
		OK(notes.n && notes.note[0].file == NULL && notes.note[0].line == 0, "and no place");
		ind_compare_result_free(&r);
		ind_trend_notes_free(&notes);

		o.at[0] = period("2015");
		o.at[o.nat++] = period("2016");
		ind_compare_series(set, a, &o, &r, &notes);
		OK(notes.n == 1 && r.failed, "interruptions too close together: a warning and an error");
		OK_STR(notes.n ? notes.note[0].text : "",
		       "series 'A, x': the interruptions 2015 and 2016 have 1 fitted period between them; at least 2 are "
		       "needed to tell their terms apart", "its words");
		ind_compare_result_free(&r);
		ind_trend_notes_free(&notes);

		o.nat = 1;
		o.controls = ind_strmap_new();
		ind_strmap_add_list(o.controls, "C");
		o.an.controls = o.controls;
		o.an.did.weights = IND_WEIGHTS_POPULATION;
		ind_compare_series(set, a, &o, &r, &notes);
		OK(notes.n == 1 && r.failed, "a comparison value without a weight: a warning and an error");
		OK_STR(notes.n ? notes.note[0].text : "",
		       "comparison region 'C' in 2010: no denominator to weigh it by (give --population or --control-weights equal)",
		       "its words");
		OK(notes.n && notes.note[0].file && strcmp(notes.note[0].file, in) == 0 && notes.note[0].line == 3,
		   "at the comparison value's file and line");
		ind_compare_result_free(&r);
		ind_trend_notes_free(&notes);
		ind_strmap_free(o.controls);
		o.controls = NULL;
		o.an.controls = NULL;
		o.an.did.weights = IND_WEIGHTS_AUTO;

		if (!(fp = fopen(ev, "w")))
			return 99;
		fputs("region,indicator,period,label\n", fp);
		for (int k = 0; k <= IND_MAX_BREAKS; k++)
			fprintf(fp, "A,x,%d,\n", 2011 + k);
		fclose(fp);
		o.events = ind_events_read(ev, &err);
		o.nat = 0;
		OK(o.events && ind_compare_series(set, a, &o, &r, &notes) == 0 && r.failed && r.nat == 0 && !r.no_event,
		   "more interruptions than a series can have: an error, none analysed");
		snprintf(want, sizeof want, "series 'A, x': %d interruptions; at most %d", IND_MAX_BREAKS + 1, IND_MAX_BREAKS);
		OK(notes.n == 1, "one warning (%d)", notes.n);
		OK_STR(notes.n ? notes.note[0].text : "", want, "its words");
		ind_compare_result_free(&r);
		ind_trend_notes_free(&notes);
		ind_compare_series(set, ind_series_at(set, 1), &o, &r, &notes);
		OK(r.no_event && notes.n == 0 && !r.failed, "a series --events has nothing for: counted, no warning");
		ind_compare_result_free(&r);
		ind_trend_notes_free(&notes);
		ind_events_free(o.events);

		ind_rejects_close(rj, NULL);
		ind_series_set_free(set);
		remove(in);
		remove(ev);
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
