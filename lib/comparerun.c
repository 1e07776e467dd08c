/* comparerun.c - ind-compare's options that go together, each series' analysis and warnings, the run over the inputs. See LICENSE. */
#include "comparerun.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "compareout.h"
#include "err.h"
#include "rejects.h"
#include "writer.h"

void ind_compare_usage(FILE *fp)
{
	fputs("Usage: ind-compare [OPTION]... [FILE]...\n"
	      "Did the indicator change when the intervention started? Before/after\n"
	      "statistics and interrupted time series for every series of a canonical stream.\n"
	      "\n", fp);
	fputs("Intervention and windows:\n"
	      "      --at=PERIOD             first period after an interruption, for all series\n"
	      "                                (repeatable: several interruptions)\n"
	      "      --events=FILE           per-series dates: CSV region,indicator,period,label\n"
	      "                                (an empty indicator means every indicator;\n"
	      "                                several rows for one series: several interruptions)\n"
	      "      --exclude=FROM..TO      leave these periods out of the fits (repeatable),\n"
	      "                                e.g. a COVID-19 window or a wash-in phase\n"
	      "      --pre=N                 use only the last N periods before the first\n"
	      "                                interruption\n"
	      "      --post=N                use only the first N periods after it\n"
	      "      --control=REGIONS       comparison regions (comma-separated): adds a\n"
	      "                                difference-in-differences estimate\n"
	      "      --did=METHOD            difference-series (default): the model on treated\n"
	      "                                minus comparison; pooled: one model of both\n"
	      "                                series with group interactions (Linden)\n"
	      "      --control-weights=W     population or equal: how the comparison regions\n"
	      "                                are combined (default population when they have\n"
	      "                                denominators or --population is given)\n"
	      "      --population=FILE       CSV region,period,population: the weights of\n"
	      "                                comparison values without a denominator\n"
	      "      --per=N                 counts with denominators compared as rates per N\n"
	      "                                (default 1000)\n"
	      "\n", fp);
	fputs("Models:\n"
	      "      --model=MODEL           ols (default): segmented linear regression;\n"
	      "                                poisson: log-linear GLM for counts\n"
	      "      --se=METHOD             ols (default), hac (Newey-West), ar1\n"
	      "                                (Prais-Winsten) or auto (hac where the\n"
	      "                                Breusch-Godfrey test finds autocorrelation);\n"
	      "                                for --model ols\n"
	      "      --ac-lags=L             lags of the Breusch-Godfrey test (default 12 for\n"
	      "                                months, 4 for quarters, else 1; at most n/4)\n"
	      "      --season=SEASON         none (default), month (dummies) or fourierK\n"
	      "      --quasi                 quasi-Poisson: scale by the Pearson dispersion\n"
	      "      --dispersion-floor=1    with --quasi: scale by max(1, dispersion)\n"
	      "      --bootstrap=N           percentile bootstrap CI of the mean difference\n"
	      "      --seed=S                seed of the bootstrap and of --sims (default 1)\n"
	      "\n", fp);
	fputs("How sure (OLS models):\n"
	      "      --power                 smallest detectable level and slope change, the\n"
	      "                                power for the estimated level change and the\n"
	      "                                periods of follow-up it needs (AR(1) errors)\n"
	      "      --power-level=P         the power aimed at (default 0.8)\n"
	      "      --alpha=A               two-sided significance level (default 0.05)\n"
	      "      --sims=N                also the power by N simulations (at most 100000)\n"
	      "      --placebo               refit with a fake interruption at each earlier\n"
	      "                                date: placebo_n, placebo_p (without --summary:\n"
	      "                                a row per fake date, for ind-plot --kind placebo)\n"
	      "      --placebo-min=N         periods on each side of a fake date (default 8)\n"
	      "\n", fp);
	fputs("Output:\n"
	      "  -s, --summary               one row per series and interruption (default: the\n"
	      "                                input rows with fit,counterfactual,cf_lo,cf_hi,\n"
	      "                                phase,segment,at added)\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "      --rejects=FILE          write unusable rows to FILE as they were, after\n"
	      "                                the header line: fix them and load them again\n"
	      "      --reject-log=FILE       write why each row was rejected: file,line,reason\n"
	      "      --duplicates=HOW        combine rows of one series with the same period:\n"
	      "                                mean, sum, first or last (default: an error)\n"
	      "      --sorted                the rows of each series come together: a row\n"
	      "                                after another series' is an error\n"
	      "      --progress              a progress line on stderr: series done, rows/s,\n"
	      "                                time left (default when stderr is a terminal\n"
	      "                                and the output is not)\n"
	      "      --no-progress, --quiet  no progress line\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "With no FILE, or when FILE is -, read standard input.\n"
	      "\n"
	      "Examples:\n"
	      "  $ ind-compare --at 2020-02 --summary indicators.csv\n"
	      "  $ ind-compare --at 2020-02 --at 2021-01 --exclude 2020-04..2020-12 \\\n"
	      "      --se auto --summary indicators.csv\n"
	      "  $ ind-compare --events interventions.csv --exclude 2020-03..2020-12 \\\n"
	      "      --model poisson --quasi --season month --summary indicators.csv\n"
	      "  $ ind-compare --at 2020-02 x.csv | ind-plot --kind its -o its.png\n"
	      "\n"
	      "See ind-compare(1).\n", fp);
}

const char *ind_compare_run_check(struct ind_compare_run *o, char *buf, size_t n)
{
	for (size_t i = 0; i < o->nat; i++)
		for (size_t j = 0; j < i; j++)
			if (ind_period_cmp(&o->at[i], &o->at[j]) == 0) {
				char pb[IND_PERIOD_TEXT_MAX];
				snprintf(buf, n, "--at %s is given twice", ind_period_format(&o->at[i], pb));
				return buf;
			}
	if (!o->nat && !o->events)
		return "give the intervention with --at PERIOD or --events FILE";
	if (o->an.its.quasi && o->an.its.model != IND_MODEL_POISSON)
		return "--quasi goes with --model poisson";
	if (o->an.its.dispersion_floor && !o->an.its.quasi)
		return "--dispersion-floor goes with --quasi";
	if (o->power_opts && !o->an.power)
		return "--power-level, --alpha and --sims go with --power";
	if (o->placebo_min && !o->placebo)
		return "--placebo-min goes with --placebo";
	if (o->placebo)
		o->an.placebo_min = o->placebo_min ? (size_t)o->placebo_min : 8;
	if (o->did_opts && !o->controls)
		return "--did, --control-weights, --population and --per go with --control";
	if (o->an.did.method == IND_DID_POOLED && o->an.its.model == IND_MODEL_POISSON && o->an.did.weights == IND_WEIGHTS_EQUAL)
		return "--control-weights equal: the pooled Poisson model adds the comparison regions' counts (their sizes are their weights)";
	if (o->population_path && o->an.did.method == IND_DID_POOLED && o->an.its.model == IND_MODEL_POISSON)
		return "--population: the pooled Poisson model weighs the comparison regions by their counts and denominators";
	o->an.placebo_dates = o->placebo && !o->summary;
	o->an.pw.seed = o->an.seed;
	if (o->an.its.se != IND_ITS_SE_OLS && o->an.its.model == IND_MODEL_POISSON)
		return "--se is for --model ols; Poisson intervals come from the GLM (use --quasi for overdispersion)";
	return NULL;
}

/* The interruptions of a series and their labels: how many (0: none). */
static size_t interventions(const struct ind_compare_run *o, const struct ind_series *s, struct ind_period *at,
			    char (*label)[IND_EVENT_LABEL_MAX])
{
	if (o->events) {
		size_t n = ind_events_for(o->events, s->region, s->indicator, at, label, IND_MAX_BREAKS);
		if (n)
			return n;
	}
	for (size_t n = 0; n < o->nat; n++) {
		at[n] = o->at[n];
		label[n][0] = '\0';
	}
	return o->nat;
}

/* A warning of the series, after those before it (dropped when notes is full or memory is short). */
static void note(struct ind_trend_notes *w, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void note(struct ind_trend_notes *w, const char *file, long line, const char *fmt, ...)
{
	va_list ap, again;
	char *text = NULL;
	int len;
	if (w->n == IND_TREND_NOTES)
		return;
	va_start(ap, fmt);
	va_copy(again, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	if (len >= 0 && (text = malloc((size_t)len + 1)))
		vsnprintf(text, (size_t)len + 1, fmt, again);
	va_end(again);
	va_end(ap);
	if (!text)
		return;
	w->note[w->n].file = file;
	w->note[w->n].line = line;
	w->note[w->n++].text = text;
}

/* Every warning a series can have fits: too many interruptions, the analysis' notes, a refused comparison value. */
_Static_assert(1 + IND_MAX_NOTES + 1 <= IND_TREND_NOTES, "room for every warning of a series");

int ind_compare_series(ind_series_set *set, const struct ind_series *s, const struct ind_compare_run *o,
		       struct ind_compare_result *r, struct ind_trend_notes *notes)
{
	memset(notes, 0, sizeof *notes);
	r->nat = interventions(o, s, r->at, r->label);
	r->no_event = r->nat == 0;	/* reported once, at the end */
	r->failed = false;
	r->a = malloc(sizeof *r->a);
	r->pf = o->summary ? NULL : malloc((s->n ? s->n : 1) * sizeof *r->pf);
	if (!r->a || (!o->summary && !r->pf)) {
		free(r->a);	/* nothing analysed: nothing for ind_analysis_release */
		free(r->pf);
		r->a = NULL;
		r->pf = NULL;
		notes->fatal = strdup("out of memory");
		return -1;
	}
	if (r->nat > IND_MAX_BREAKS) {
		note(notes, NULL, 0, "series '%s, %s': %zu interruptions; at most %d", s->region, s->indicator, r->nat,
		     IND_MAX_BREAKS);
		r->failed = true;
		r->nat = 0;
	}
	ind_analyse(set, s, r->at, r->nat, &o->an, r->a, r->pf);
	for (int k = 0; k < r->a->nnotes; k++)
		note(notes, NULL, 0, "series '%s, %s': %s", s->region, s->indicator, r->a->notes[k]);
	if (r->a->did_refused && r->a->did.file)
		note(notes, r->a->did.file, r->a->did.line, "%s", r->a->did.why);
	r->failed = r->failed || r->a->failed;
	return 0;
}

void ind_compare_result_free(struct ind_compare_result *r)
{
	if (r->a)
		ind_analysis_release(r->a);
	free(r->a);
	free(r->pf);
	r->a = NULL;
	r->pf = NULL;
}

/*
 * The analysis of one series, its warnings said first: its summary rows
 * to out (and, when out_shares is not NULL, the same rows with the shares
 * columns to it), or its fits into rows and its placebo rows to
 * placebo_out.
 */
static void one_series(ind_series_set *set, struct ind_series *s, const struct ind_compare_run *o,
		       const struct ind_compare_columns *cols, struct ind_line *ln, FILE *out, FILE *out_shares,
		       struct ind_compare_row *rows, FILE *placebo_out, long *no_event, bool *failed)
{
	struct ind_compare_result r;
	struct ind_trend_notes notes;
	const struct ind_analysis *a;

	if (ind_compare_series(set, s, o, &r, &notes) < 0)
		ind_die(IND_EXIT_DATA, "%s", notes.fatal ? notes.fatal : "out of memory");
	for (int i = 0; i < notes.n; i++)
		ind_warn_at(notes.note[i].file, notes.note[i].line, "%s", notes.note[i].text);
	ind_trend_notes_free(&notes);
	*no_event += r.no_event;
	*failed = *failed || r.failed;
	a = r.a;
	if (rows) {
		ind_compare_rows_fill(rows, s, a, r.pf, placebo_out != NULL);
		if (placebo_out && ind_compare_placebo_rows(ln, set, s, a))
			ind_line_put(ln, placebo_out);
	} else {
		/* the labels follow their interruptions into period order */
		for (size_t k = 0; k < (a->nbreaks ? a->nbreaks : 1); k++) {
			const char *lab = "";
			for (size_t j = 0; a->nbreaks && j < r.nat; j++)
				if (ind_period_cmp(&r.at[j], &a->b[k].at) == 0)
					lab = r.label[j];
			ind_compare_summary_row(ln, s, &o->an, cols, a, k, lab);
			ind_line_put(ln, out);
			if (out_shares) {
				struct ind_compare_columns with_shares = *cols;
				with_shares.shares = true;
				ind_compare_summary_row(ln, s, &o->an, &with_shares, a, k, lab);
				ind_line_put(ln, out_shares);
			}
		}
	}
	ind_compare_result_free(&r);
}

/*
 * Grouped input: each series is analysed as soon as the next starts, and
 * its rows and messages wait in temporary files, to come out in the order
 * they always have: every duplicate message first, then the rows, then the
 * series' messages. Whether the summary has the shares columns is known
 * only at the end: its rows wait both without them (rows) and with them.
 */
struct held {
	const struct ind_compare_run *o;
	const struct ind_compare_columns *cols;	/* shares: false; the rest as the output's */
	struct ind_line ln;
	FILE *rows, *rows_shares, *placebo, *dup_msgs, *msgs;
	long dups, no_event;
	bool dup_failed, failed, shares;
	struct ind_compare_row *fits;	/* the fits of one series' rows */
	size_t fits_cap;
	struct ind_progress *progress;
};

static void held_series(ind_series_set *set, struct ind_series *s, void *ctx)
{
	struct held *h = ctx;
	FILE *old = ind_warn_to(h->dup_msgs);
	h->dups += ind_series_duplicates_of(set, s, h->o->duplicates, &h->dup_failed);
	if (!h->dup_failed && !(h->dups && h->o->duplicates == IND_DUP_ERROR)) {	/* else nothing is written */
		for (size_t j = 0; j < s->n && !h->shares; j++)
			h->shares = s->pts[j].has_numerator && s->pts[j].has_denominator;
		ind_warn_to(h->msgs);
		if (h->o->summary) {
			one_series(set, s, h->o, h->cols, &h->ln, h->rows, h->rows_shares, NULL, NULL, &h->no_event,
				   &h->failed);
		} else {
			size_t nrows = ind_series_rows(set);
			struct ind_line none = { 0 };
			if (nrows + 1 > h->fits_cap) {
				free(h->fits);
				if (!(h->fits = malloc((nrows + 1) * sizeof *h->fits)))
					ind_die(IND_EXIT_DATA, "out of memory");
				h->fits_cap = nrows + 1;
			}
			memset(h->fits, 0, (nrows + 1) * sizeof *h->fits);
			one_series(set, s, h->o, h->cols, &h->ln, NULL, NULL, h->fits, h->placebo, &h->no_event,
				   &h->failed);
			if (!ind_series_write_rows(set, &none, h->rows, ind_compare_add_fits, h->fits))
				ind_die(IND_EXIT_DATA, "temporary file: write error: %s", strerror(errno));
		}
	}
	ind_warn_to(old);
	h->progress->series++;
	h->progress->rows += (long)s->n;
	ind_progress_update(h->progress);
}

/* What waited in fp, to out through ln (dying on a write error), or (out NULL) to stderr. */
static void put_held(FILE *fp, FILE *out, struct ind_line *ln)
{
	const char *why = ind_line_replay(fp, out ? out : stderr, out ? ln : NULL);
	if (why)
		ind_die(IND_EXIT_DATA, "temporary file: %s", why);
}

static void held_close(struct held *h)
{
	FILE *files[] = { h->rows, h->rows_shares, h->placebo, h->dup_msgs, h->msgs };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
		if (files[i])
			fclose(files[i]);
	free(h->fits);
	ind_line_free(&h->ln);
}

int ind_compare_run_inputs(struct ind_compare_run *o, const char *const *inputs, int ninputs, const char *output,
			   const char *rejects_path, const char *reject_log, enum ind_progress_mode progress_mode)
{
	char *placebo_buf = NULL;
	size_t placebo_len = 0;
	FILE *placebo_out = NULL;
	ind_series_set *set;
	ind_rejects *rejects;
	ind_output *out;
	struct ind_line ln = { 0 }, hdr = { 0 };
	struct ind_error err;
	struct ind_compare_row *rows = NULL;
	struct ind_compare_columns cols = { 0 };
	bool failed = false, stop = false;	/* stop: nothing can be analysed honestly */
	long nread = 0, no_event = 0;
	struct ind_progress progress;

	if (o->population_path) {
		if (!(o->pop = ind_population_read(o->population_path, &err))) {
			ind_error_print(&err);
			ind_events_free(o->events);
			ind_strmap_free(o->controls);
			return IND_EXIT_DATA;
		}
		o->an.did.pop = o->pop;
	}
	if (!(set = ind_series_set_new()))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!(rejects = ind_rejects_open(rejects_path, reject_log, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	o->an.controls = o->controls;
	cols.did = o->controls != NULL;
	cols.poisson = o->an.its.model == IND_MODEL_POISSON;
	cols.boot = o->an.bootstrap > 0;
	cols.power = o->an.power;
	cols.sims = o->an.pw.sims > 0;
	cols.placebo = o->an.placebo_min > 0;
	cols.space_placebo = cols.placebo && o->controls;
	{
		static const char *const own[] = { "fit", "counterfactual", "cf_lo", "cf_hi", "phase", "segment", "at", NULL };
		static const char *const own_placebo[] = { "fit", "counterfactual", "cf_lo", "cf_hi", "phase", "segment", "at",
							   "placebo_level", NULL };
		struct held h = { .o = o, .cols = &cols, .progress = &progress };
		struct ind_series_reading how = { o->an.placebo_dates ? own_placebo : own, !o->summary, &hdr, o->sorted,
						  held_series, &h };
		bool grouped = false;
		ind_progress_init(&progress, stderr, progress_mode, output);
		progress.series = 0;
		/* comparison regions need several series at once: then everything is read first */
		if (o->controls || !(h.rows = tmpfile()) || !(h.dup_msgs = tmpfile()) || !(h.msgs = tmpfile()) ||
		    (o->summary && !(h.rows_shares = tmpfile())) || (o->an.placebo_dates && !(h.placebo = tmpfile())))
			how.done = NULL;
		nread = ind_series_stream(set, inputs, ninputs, &how, &grouped, rejects, &failed);
		if (grouped) {
			ind_progress_end(&progress);	/* what was held back goes to stderr as it is */
			put_held(h.dup_msgs, NULL, NULL);
			if (!ind_series_duplicates_verdict(h.dups, h.dup_failed, o->duplicates)) {
				held_close(&h);
				stop = true;
				goto finish;
			}
			cols.shares = h.shares;
			if (!(out = ind_output_open(output, &err))) {
				ind_error_print(&err);
				return IND_EXIT_DATA;
			}
			if (o->summary) {
				ind_compare_header(&ln, &cols);
				ind_line_put(&ln, ind_output_file(out));
				put_held(cols.shares ? h.rows_shares : h.rows, ind_output_file(out), &ln);
			} else if (hdr.len == 0 || ind_line_write(&hdr, ind_output_file(out)) == 0) {
				const char *why = ind_line_replay_rows(h.rows, ind_output_file(out), &ln, &failed);
				if (why)
					ind_die(IND_EXIT_DATA, "temporary file: %s", why);
			} else {
				failed = true;
			}
			if (h.placebo) {	/* the bytes as they are, after the rows */
				const char *why = ind_line_replay(h.placebo, ind_output_file(out), NULL);
				if (why)
					ind_die(IND_EXIT_DATA, "temporary file: %s", why);
				failed = failed || ferror(ind_output_file(out));
			}
			put_held(h.msgs, NULL, NULL);
			if (h.no_event)
				ind_warn("%ld series have no intervention in --events: their statistics are empty", h.no_event);
			failed = failed || h.failed;
			held_close(&h);
			goto finish;
		}
		held_close(&h);	/* the rows were not grouped, or everything was read first: as below */
		if (!ind_series_check_duplicates(set, o->duplicates))
			stop = true;
		for (size_t i = 0; i < ind_series_count(set) && !cols.shares; i++) {
			const struct ind_series *x = ind_series_at(set, i);
			for (size_t j = 0; j < x->n && !cols.shares; j++)
				cols.shares = x->pts[j].has_numerator && x->pts[j].has_denominator;
		}
	}
	if (o->controls) {
		/* every comparison region must be in the data */
		ind_strmap *seen = ind_strmap_new();
		if (!seen)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < ind_series_count(set); i++)
			ind_strmap_put(seen, ind_series_at(set, i)->region, strlen(ind_series_at(set, i)->region), "");
		for (int k = 0; k < o->ncontrol_args; k++)
			for (const char *p = o->control_args[k]; *p;) {
				const char *comma = strchr(p, ',');
				size_t len = comma ? (size_t)(comma - p) : strlen(p);
				if (len && !ind_strmap_get(seen, p, len)) {
					ind_warn("unknown region in --control: '%.*s'", (int)len, p);
					stop = true;
				}
				p += len + (comma != NULL);
			}
		ind_strmap_free(seen);
	}
	if (stop)
		goto finish;
	if (o->an.placebo_dates && !(placebo_out = open_memstream(&placebo_buf, &placebo_len)))
		ind_die(IND_EXIT_DATA, "out of memory");

	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (o->summary) {
		ind_compare_header(&ln, &cols);
		ind_line_put(&ln, ind_output_file(out));
	} else if (!(rows = calloc(ind_series_rows(set) + 1, sizeof *rows))) {
		ind_die(IND_EXIT_DATA, "out of memory");
	}
	progress.series = 0;
	progress.series_total = (long)ind_series_count(set);
	for (size_t i = 0; i < ind_series_count(set); i++) {
		one_series(set, ind_series_at(set, i), o, &cols, &ln, ind_output_file(out), NULL, rows, placebo_out,
			   &no_event, &failed);
		progress.series++;
		progress.rows += (long)ind_series_at(set, i)->n;
		ind_progress_update(&progress);
	}
	ind_progress_end(&progress);
	if (no_event)
		ind_warn("%ld series have no intervention in --events: their statistics are empty", no_event);
	if (!o->summary && !ind_series_write_rows(set, &hdr, ind_output_file(out), ind_compare_add_fits, rows))
		failed = true;
	if (placebo_out) {
		if (fclose(placebo_out) != 0)
			ind_die(IND_EXIT_DATA, "out of memory");
		if (placebo_len && fwrite(placebo_buf, 1, placebo_len, ind_output_file(out)) != placebo_len)
			failed = true;
		free(placebo_buf);
	}
finish:
	if (stop)	/* nothing was written: no closing words */
		ind_rejects_close(rejects, NULL);
	else
		failed = !ind_series_finish(set, nread, rejects, out, !failed);
	free(rows);
	ind_line_free(&ln);
	ind_line_free(&hdr);
	ind_events_free(o->events);
	ind_strmap_free(o->controls);
	ind_population_free(o->pop);
	ind_series_set_free(set);
	return failed || stop ? IND_EXIT_DATA : IND_EXIT_OK;
}
