/* trendrun.c - what ind-trend does with its options: --aapc ranges, each series' statistics and warnings. See LICENSE. */
#include "trendrun.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

static char *format(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *format(const char *fmt, va_list ap)
{
	va_list again;
	char *s;
	int n;
	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0 || !(s = malloc((size_t)n + 1)))
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

static void note(struct ind_trend_notes *w, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void note(struct ind_trend_notes *w, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	if (w->n == IND_TREND_NOTES)
		return;
	va_start(ap, fmt);
	w->note[w->n].text = format(fmt, ap);
	va_end(ap);
	w->note[w->n].file = file;
	w->note[w->n].line = line;
	w->n += w->note[w->n].text != NULL;
}

static int fatal(struct ind_trend_notes *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fatal(struct ind_trend_notes *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	w->fatal = format(fmt, ap);
	va_end(ap);
	return -1;
}

void ind_trend_notes_free(struct ind_trend_notes *w)
{
	for (int i = 0; i < w->n; i++)
		free(w->note[i].text);
	free(w->fatal);
	memset(w, 0, sizeof *w);
}

static char *message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *message(const char *fmt, ...)
{
	va_list ap;
	char *s;
	va_start(ap, fmt);
	s = format(fmt, ap);
	va_end(ap);
	return s;
}

bool ind_trend_range_add(struct ind_trend_run *o, const char *arg, char **why)
{
	const char *dots = strstr(arg, "..");
	struct ind_period a, b;
	const char *bad;
	int r = o->jp.nranges;
	char *nm = o->range_name[r < IND_JP_RANGES ? r : 0];
	size_t k = 0;

	if (r == IND_JP_RANGES) {
		*why = message("--aapc: at most %d ranges", IND_JP_RANGES);
		return false;
	}
	if (!dots || !ind_period_parse(arg, (size_t)(dots - arg), &a, &bad) ||
	    !ind_period_parse(dots + 2, strlen(dots + 2), &b, &bad)) {
		*why = message("--aapc: '%s': not FROM..TO with two periods", arg);
		return false;
	}
	o->jp.ranges[r][0] = ind_period_time(&a);
	o->jp.ranges[r][1] = ind_period_time(&b);
	if (!(o->jp.ranges[r][1] > o->jp.ranges[r][0])) {
		*why = message("--aapc: '%s': TO must come after FROM", arg);
		return false;
	}
	/* the column name: the periods with every non-alphanumeric as '_' */
	for (const char *c = arg; *c && k + 1 < sizeof o->range_name[r]; c++) {
		if (c == dots) {
			nm[k++] = '_';
			c++;
			continue;
		}
		nm[k++] = (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ? *c : '_';
	}
	nm[k] = 0;
	o->jp.nranges++;
	return true;
}

void ind_trend_run_columns(struct ind_trend_run *o)
{
	o->jp.kmax = o->joinpoints;
	o->cols = (struct ind_trend_columns){ o->joinpoints, o->jp.log_scale, o->jp.joint_ci, o->jp.nranges, o->range_name,
					      o->trend.se };
}

/* Seasons from the periods: months 1-12 or quarters 1-4; 0 when the series has neither. */
static int seasons_of(const struct ind_point *p, size_t n, int *season)
{
	enum ind_period_kind kind = n ? p[0].period.kind : IND_PERIOD_YEAR;
	if (kind != IND_PERIOD_MONTH && kind != IND_PERIOD_QUARTER)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i].period.kind != kind)
			return 0;
		season[i] = p[i].period.sub;
	}
	return kind == IND_PERIOD_MONTH ? 12 : 4;
}

struct jp_progress {
	struct ind_progress *line;
	const struct ind_series *s;
};

/* The joinpoint search of one series, on the progress line after the counts. */
static void show_jp_progress(void *ctx, double done)
{
	struct jp_progress *p = ctx;
	snprintf(p->line->detail, sizeof p->line->detail, "series '%s, %s': joinpoint permutation tests %3.0f%%",
		 p->s->region, p->s->indicator, 100 * done);
	ind_progress_update(p->line);
}

/* One series more done. */
static void series_done(struct ind_progress *p, const struct ind_series *s)
{
	if (!p)
		return;
	p->series++;
	p->rows += (long)s->n;
	p->detail[0] = '\0';
	ind_progress_update(p);
}

/* The joinpoint model of the kept values t, y (weights w), or a note saying why there is none. */
static int joinpoints_of(const ind_series_set *set, const struct ind_series *s, const struct ind_trend_run *o,
			 const struct ind_point *kept, const double *t, const double *y, const double *w, size_t n,
			 struct ind_joinpoints *jp, bool *jp_ok, struct ind_trend_notes *notes)
{
	struct ind_jp_opts jo = o->jp;
	struct jp_progress pr = { o->progress, s };
	size_t bad = n;
	int rc;
	if (o->progress) {
		jo.progress = show_jp_progress;
		jo.progress_ctx = &pr;
	}
	for (size_t i = 0; o->weights != IND_JP_UNWEIGHTED && i < n && bad == n; i++)
		if (!(w[i] > 0 && isfinite(w[i])))
			bad = i;
	if (bad < n && o->weights == IND_JP_WEIGHT_POISSON) {
		note(notes, NULL, 0, "series '%s, %s': --weights poisson needs a positive numerator on every value; "
		     "no joinpoint model", s->region, s->indicator);
		return 0;
	}
	if (bad < n) {
		note(notes, ind_series_file_name(set, kept[bad].file), kept[bad].line,
		     "series '%s, %s': --weights se needs a positive standard error (column se) on every "
		     "value; no joinpoint model", s->region, s->indicator);
		return 0;
	}
	rc = ind_joinpoints_fit(t, y, o->weights != IND_JP_UNWEIGHTED ? w : NULL, n, &jo, jp);
	if (rc == IND_JP_NOMEM)
		return fatal(notes, "series '%s, %s': out of memory for the joinpoints", s->region, s->indicator);
	*jp_ok = rc == 0;
	if (!*jp_ok)
		note(notes, NULL, 0, "series '%s, %s': no joinpoint model%s", s->region, s->indicator,
		     o->jp.log_scale ? " (values <= 0 need --linear)" : "");
	return 0;
}

int ind_trend_series(const ind_series_set *set, const struct ind_series *s, const struct ind_trend_run *o,
		     struct ind_line *ln, double (*fits)[IND_TREND_NFIT], struct ind_trend_tally *tally,
		     struct ind_trend_notes *notes)
{
	size_t n = 0, missing = 0, cap = s->n ? s->n : 1;
	double *t = malloc(cap * sizeof *t), *y = malloc(cap * sizeof *y), *w = malloc(cap * sizeof *w);
	int *season = malloc(cap * sizeof *season);
	struct ind_point *kept = malloc(cap * sizeof *kept);
	struct ind_trend tr;
	struct ind_trend_opts to = o->trend;
	struct ind_joinpoints jp;
	bool jp_ok = false;
	int rc = 0;

	memset(notes, 0, sizeof *notes);
	if (!t || !y || !w || !season || !kept) {
		rc = fatal(notes, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct ind_point *p = &s->pts[i];
		if (i > 0 && p->period.kind != s->pts[0].period.kind && tally->mixed++ == 0)
			note(notes, ind_series_file_name(set, p->file), p->line, "series '%s, %s' mixes period granularities",
			     s->region, s->indicator);
		if (!p->has_value) {
			missing++;
			continue;
		}
		t[n] = p->t;
		y[n] = p->value;
		if (o->weights == IND_JP_WEIGHT_POISSON)
			/* Poisson variances: var(log y) = 1/count, var(y) = y^2/count for y proportional to the count */
			w[n] = !p->has_numerator ? NAN : o->jp.log_scale ? p->numerator : p->numerator / (p->value * p->value);
		else
			/* given standard errors: var(y) = se^2, var(log y) = (se/y)^2 by the delta method */
			w[n] = !p->has_se || !(p->se > 0) ? NAN : o->jp.log_scale ? p->value * p->value / (p->se * p->se)
										    : 1 / (p->se * p->se);
		kept[n++] = *p;
	}
	tally->missing += (long)missing;
	if (!to.ac_lags && n)
		to.ac_lags = ind_default_ac_lags(kept[0].period.kind);
	if (o->trend.season) {
		to.nseasons = seasons_of(kept, n, season);
		to.season = to.nseasons ? season : NULL;
		if (!to.nseasons && n > 0)
			note(notes, NULL, 0, "series '%s, %s': --seasonal needs monthly or quarterly periods; not seasonal",
			     s->region, s->indicator);
	}
	rc = ind_trend_fit(t, y, n, &to, &tr);
	if (rc == IND_TREND_NOMEM) {
		rc = fatal(notes, "series '%s, %s': out of memory for the trend statistics", s->region, s->indicator);
		goto done;
	}
	if (rc < 0) {
		const struct ind_point *p = s->n ? &s->pts[0] : NULL;
		if (n < 3) {
			tally->short_series++;
			note(notes, p ? ind_series_file_name(set, p->file) : NULL, p ? p->line : 0,
			     "series '%s, %s': %zu value%s; no trend statistics", s->region, s->indicator, n, n == 1 ? "" : "s");
		} else {
			tally->constant++;
			note(notes, p ? ind_series_file_name(set, p->file) : NULL, p ? p->line : 0,
			     "series '%s, %s' is constant; no trend statistics", s->region, s->indicator);
		}
	} else if (isnan(tr.apc)) {
		tally->nonpositive++;
		note(notes, NULL, 0, "series '%s, %s' has values <= 0; no annual percent change", s->region, s->indicator);
	}
	rc = 0;
	if (!isnan(tr.slope) && (isnan(tr.sen_lo) || isnan(tr.sen_hi)))
		note(notes, NULL, 0, "series '%s, %s': too few pairs for Sen's slope interval; left empty", s->region,
		     s->indicator);
	if (o->joinpoints > 0 && !isnan(tr.slope) &&
	    (rc = joinpoints_of(set, s, o, kept, t, y, w, n, &jp, &jp_ok, notes)) < 0)
		goto done;
	if (fits)
		ind_trend_fits_fill(fits, s, &tr, &jp, jp_ok);
	else
		ind_trend_summary_row(ln, &o->cols, s, kept, n, missing, &tr, &jp, jp_ok);
done:
	free(w);
	free(t);
	free(y);
	free(season);
	free(kept);
	return rc;
}

/* The statistics of s, its warnings said in the order they arose. */
static void one_series(ind_series_set *set, struct ind_series *s, const struct ind_trend_run *o, struct ind_line *ln,
		       FILE *out, double (*fits)[IND_TREND_NFIT], struct ind_trend_tally *tally)
{
	struct ind_trend_notes notes;
	int rc;
	rc = ind_trend_series(set, s, o, ln, fits, tally, &notes);
	for (int i = 0; i < notes.n; i++)
		ind_warn_at(notes.note[i].file, notes.note[i].line, "%s", notes.note[i].text);
	if (rc < 0)
		ind_die(IND_EXIT_DATA, "%s", notes.fatal);
	ind_trend_notes_free(&notes);
	if (!fits)
		ind_line_put(ln, out);
}

/*
 * Grouped input: each series is worked out as soon as the next starts, and
 * its rows (summary or input rows with their fits) and messages wait in
 * temporary files, so that the output and stderr come out in the order
 * they always have: every duplicate message first, then the rows.
 */
struct held {
	const struct ind_trend_run *o;
	struct ind_line ln;
	struct ind_trend_tally tally;
	FILE *rows, *dup_msgs, *msgs;
	long dups;
	bool dup_failed;
	double (*fits)[IND_TREND_NFIT];	/* the fits of one series' rows */
	size_t fits_cap;
};

static void held_series(ind_series_set *set, struct ind_series *s, void *ctx)
{
	struct held *h = ctx;
	FILE *old = ind_warn_to(h->dup_msgs);
	h->dups += ind_series_duplicates_of(set, s, h->o->duplicates, &h->dup_failed);
	if (!h->dup_failed && !(h->dups && h->o->duplicates == IND_DUP_ERROR)) {	/* else nothing is written */
		ind_warn_to(h->msgs);
		if (h->o->summary) {
			one_series(set, s, h->o, &h->ln, h->rows, NULL, &h->tally);
		} else {
			size_t nrows = ind_series_rows(set);
			struct ind_line none = { 0 };
			struct ind_trend_fits f;
			if (nrows > h->fits_cap) {
				free(h->fits);
				if (!(h->fits = malloc(nrows * sizeof *h->fits)))
					ind_die(IND_EXIT_DATA, "out of memory");
				h->fits_cap = nrows;
			}
			for (size_t i = 0; i < nrows; i++)
				for (int j = 0; j < IND_TREND_NFIT; j++)
					h->fits[i][j] = NAN;
			one_series(set, s, h->o, &h->ln, NULL, h->fits, &h->tally);
			f = (struct ind_trend_fits){ h->fits, h->o->joinpoints > 0 ? IND_TREND_NFIT : 3 };
			if (!ind_series_write_rows(set, &none, h->rows, ind_trend_add_fits, &f))
				ind_die(IND_EXIT_DATA, "temporary file: write error: %s", strerror(errno));
		}
	}
	ind_warn_to(old);
	series_done(h->o->progress, s);
}

/* What waited in fp, to out or (out NULL) to stderr. */
static void put_held(FILE *fp, FILE *out, struct ind_line *ln)
{
	const char *why = ind_line_replay(fp, out ? out : stderr, out ? ln : NULL);
	if (why)
		ind_die(IND_EXIT_DATA, "temporary file: %s", why);
}

static void held_close(struct held *h)
{
	if (h->rows)
		fclose(h->rows);
	if (h->dup_msgs)
		fclose(h->dup_msgs);
	if (h->msgs)
		fclose(h->msgs);
	free(h->fits);
	ind_line_free(&h->ln);
}

int ind_trend_run_inputs(const struct ind_trend_run *o, const char *const *inputs, int ninputs, const char *output,
			 const char *rejects_path, const char *reject_log, struct ind_progress *progress)
{
	ind_series_set *set;
	ind_rejects *rejects;
	ind_output *out;
	struct ind_line ln = { 0 }, header = { 0 };
	struct ind_error err;
	struct ind_trend_tally tally = { 0 };
	double (*fits)[IND_TREND_NFIT] = NULL;
	bool failed = false;
	long nread = 0;

	if (!(set = ind_series_set_new()))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!(rejects = ind_rejects_open(rejects_path, reject_log, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}

	if (o->weights == IND_JP_WEIGHT_SE)
		ind_series_read_se(set, "se");
	{
		static const char *const own[] = { "fit", "fit_lo", "fit_hi", NULL };
		static const char *const own_jp[] = { "fit", "fit_lo", "fit_hi", "jp_fit", "jp_segment", NULL };
		struct held h = { .o = o };
		struct ind_series_reading how = { o->joinpoints > 0 ? own_jp : own, !o->summary, &header, o->sorted,
						  held_series, &h };
		bool grouped = false;
		if (!(h.rows = tmpfile()) || !(h.dup_msgs = tmpfile()) || !(h.msgs = tmpfile()))
			how.done = NULL;	/* no room to wait: read everything first */
		nread = ind_series_stream(set, inputs, ninputs, &how, &grouped, rejects, &failed);
		if (grouped && !(o->weights == IND_JP_WEIGHT_SE && ind_series_se_missing(set))) {
			ind_progress_end(progress);	/* what was held back goes to stderr as it is */
			put_held(h.dup_msgs, NULL, NULL);
			if (!ind_series_duplicates_verdict(h.dups, h.dup_failed, o->duplicates)) {
				held_close(&h);
				goto refused;
			}
			if (!(out = ind_output_open(output, &err))) {
				ind_error_print(&err);
				return IND_EXIT_DATA;
			}
			if (o->summary) {
				ind_trend_summary_header(&ln, &o->cols);
				ind_line_put(&ln, ind_output_file(out));
				put_held(h.rows, ind_output_file(out), &ln);
			} else if (header.len == 0 || ind_line_write(&header, ind_output_file(out)) == 0) {
				const char *why = ind_line_replay_rows(h.rows, ind_output_file(out), &ln, &failed);
				if (why)
					ind_die(IND_EXIT_DATA, "temporary file: %s", why);
			} else {
				failed = true;
			}
			put_held(h.msgs, NULL, NULL);
			tally = h.tally;
			held_close(&h);
			goto finish;
		}
		held_close(&h);	/* the rows were not grouped, or there is no column se: as below */
	}
	/* the set holds every series */
	if (o->weights == IND_JP_WEIGHT_SE && ind_series_se_missing(set)) {
		ind_warn_at(ind_series_se_missing(set), 1,
			    "--weights se needs a column 'se', the standard error of each value; there is none");
		goto refused;
	}
	if (!ind_series_check_duplicates(set, o->duplicates))
		goto refused;

	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (o->summary) {
		ind_trend_summary_header(&ln, &o->cols);
		ind_line_put(&ln, ind_output_file(out));
	} else {
		size_t nrows = ind_series_rows(set);
		fits = malloc((nrows ? nrows : 1) * sizeof *fits);
		if (!fits)
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < nrows; i++)
			for (int j = 0; j < IND_TREND_NFIT; j++)
				fits[i][j] = NAN;
	}
	progress->series = 0;
	progress->series_total = (long)ind_series_count(set);
	progress->rows = 0;
	for (size_t i = 0; i < ind_series_count(set); i++) {
		one_series(set, ind_series_at(set, i), o, &ln, ind_output_file(out), fits, &tally);
		series_done(o->progress, ind_series_at(set, i));
	}
	ind_progress_end(progress);
	if (!o->summary) {
		struct ind_trend_fits f = { fits, o->joinpoints > 0 ? IND_TREND_NFIT : 3 };
		if (!ind_series_write_rows(set, &header, ind_output_file(out), ind_trend_add_fits, &f))
			failed = true;
	}
finish:
	if (tally.missing)
		ind_warn("%ld missing values skipped", tally.missing);
	if (ind_rejects_count(rejects) && o->strict)
		failed = true;
	failed = !ind_series_finish(set, nread, rejects, out, !failed);
	free(fits);
	ind_line_free(&ln);
	ind_line_free(&header);
	ind_series_set_free(set);
	return failed ? IND_EXIT_DATA : IND_EXIT_OK;

refused:	/* the input refused before any output was opened */
	ind_rejects_close(rejects, NULL);
	ind_series_set_free(set);
	ind_line_free(&header);
	return IND_EXIT_DATA;
}
