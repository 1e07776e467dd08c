/* test_report_parts.c - one indicator's sentences, caveats, numbers and tables, the numbers refitted here. See LICENSE. */
#include <gsl/gsl_cdf.h>
#include <stdlib.h>

#include "report_parts.h"
#include "report_text.h"
#include "tap.h"

#define NB "\xc2\xa0"
#define ELLIPSIS NB "\xe2\x80\xa6" NB

static struct ind_period period(const char *s)
{
	struct ind_period p;
	const char *why;
	ind_period_parse(s, strlen(s), &p, &why);
	return p;
}

/* Series R, x of n periods from first on (years or months), value v[i] each. */
static struct ind_series series_of(struct ind_point *pts, struct ind_period first, const double *v, size_t n)
{
	struct ind_series s = { (char *)"R", (char *)"x", pts, n, n, 0, NULL, NULL, 0, false, 0, 0, 0, 0, 0 };
	struct ind_period p = first;
	for (size_t i = 0; i < n; i++) {
		memset(&pts[i], 0, sizeof pts[i]);
		pts[i].period = p;
		pts[i].t = ind_period_time(&p);
		pts[i].value = v[i];
		pts[i].has_value = true;
		pts[i].numerator = pts[i].denominator = pts[i].se = NAN;
		pts[i].line = (long)i + 2;
		if (p.kind == IND_PERIOD_YEAR)
			p.year++;
		else if (++p.sub > 12)	/* a month */
			p.sub = 1, p.year++;
	}
	return s;
}

/* A report in lang with one configured indicator x ("Waiting days" in days, lower is better), OLS errors. */
static void report_of(struct ind_report *r, enum ind_lang lang)
{
	memset(r, 0, sizeof *r);
	r->lang = lang;
	r->an.its.se = IND_ITS_SE_OLS;
	snprintf(r->inds[0].id, sizeof r->inds[0].id, "x");
	snprintf(r->inds[0].name_fi, sizeof r->inds[0].name_fi, "odotusp\xc3\xa4iv\xc3\xa4t");
	snprintf(r->inds[0].name_en, sizeof r->inds[0].name_en, "waiting days");
	snprintf(r->inds[0].unit_fi, sizeof r->inds[0].unit_fi, "p\xc3\xa4iv\xc3\xa4\xc3\xa4");
	snprintf(r->inds[0].unit_en, sizeof r->inds[0].unit_en, "days");
	r->inds[0].better = -1;
	r->inds[0].plural = true;
	r->ninds = 1;
}

/* x with 3 significant digits of the larger of |est| and the interval's width, as the report promises, in English or Finnish. */
static int decimals(double est, double lo, double hi)
{
	double m = fmax(fabs(est), fabs(hi - lo));
	int dec = 3 - ((int)floor(log10(m)) + 1);
	return dec < 0 ? 0 : dec > 15 ? 15 : dec;
}

static const char *fixed(double x, int dec, bool fi, char *buf)
{
	char plain[64], *o = buf;
	snprintf(plain, sizeof plain, "%.*f", dec, x);
	for (const char *c = plain; *c; c++)
		if (*c == '-' && fi)
			o += sprintf(o, "\xe2\x88\x92");
		else
			*o++ = *c == '.' && fi ? ',' : *c;
	*o = '\0';
	return buf;
}

static const char *p_text(double p, bool fi, char *buf)
{
	char v[64];
	if (p < 0.001)
		sprintf(buf, "p" NB "<" NB "%s", fi ? "0,001" : "0.001");
	else
		sprintf(buf, "p" NB "=" NB "%s", fixed(p, 3, fi, v));
	return buf;
}

static const struct ind_report_stat *stat(const struct ind_report_part *p, const char *name)
{
	for (size_t i = 0; i < p->nstats; i++)
		if (strcmp(p->stats[i].name, name) == 0)
			return &p->stats[i];
	return NULL;
}

/* Every number of a sentence or a table is recorded: the stat name's shown text is in the text. */
static bool shown_in(const struct ind_report_part *p, const char *name, const char *text)
{
	const struct ind_report_stat *st = stat(p, name);
	return st && strstr(text, st->shown) != NULL;
}

static bool starts_with(const char *s, const char *start)
{
	return strncmp(s, start, strlen(start)) == 0;
}

/* OLS of y on the p columns of x (n rows): beta, and the standard errors from s^2 (X'X)^-1. */
static void ols(const double *x, const double *y, size_t n, size_t p, double *beta, double *se)
{
	double a[8][17], sse = 0;
	for (size_t i = 0; i < p; i++) {
		for (size_t j = 0; j < p; j++) {
			a[i][j] = 0;
			for (size_t k = 0; k < n; k++)
				a[i][j] += x[k * p + i] * x[k * p + j];
		}
		for (size_t j = 0; j < p; j++)	/* the identity beside: the inverse */
			a[i][p + j] = i == j;
		a[i][2 * p] = 0;
		for (size_t k = 0; k < n; k++)
			a[i][2 * p] += x[k * p + i] * y[k];
	}
	for (size_t c = 0; c < p; c++) {	/* Gauss-Jordan, the pivot the largest of its column */
		size_t best = c;
		for (size_t i = c + 1; i < p; i++)
			if (fabs(a[i][c]) > fabs(a[best][c]))
				best = i;
		for (size_t j = 0; j <= 2 * p; j++) {
			double t = a[c][j];
			a[c][j] = a[best][j], a[best][j] = t;
		}
		for (size_t j = 2 * p + 1; j-- > 0;)
			a[c][j] /= a[c][c];
		for (size_t i = 0; i < p; i++)
			if (i != c)
				for (size_t j = 2 * p + 1; j-- > 0;)
					a[i][j] -= a[i][c] * a[c][j];
	}
	for (size_t i = 0; i < p; i++)
		beta[i] = a[i][2 * p];
	for (size_t k = 0; k < n; k++) {
		double fit = 0;
		for (size_t i = 0; i < p; i++)
			fit += x[k * p + i] * beta[i];
		sse += (y[k] - fit) * (y[k] - fit);
	}
	for (size_t i = 0; i < p; i++)
		se[i] = sqrt(sse / (double)(n - p) * a[i][p + i]);
}

/* A trend without an interruption: the slope, its interval and p refitted here; the caveats, the table, the chart. */
static void trend_cases(void)
{
	static struct ind_report r;
	static struct ind_report_part part;
	static const double noise[12] = { 0.3, -0.2, 0.1, -0.4, 0.2, 0.0, -0.1, 0.3, -0.3, 0.2, -0.1, 0.0 };
	struct ind_point pts[12];
	double y[12], x[24], beta[2], se[2], q, lo, hi, p;
	char want[1024], e[64], l[64], h[64], pb[64], span[2 * IND_FMT_MAX];
	struct ind_table chart = { 0 };
	struct ind_series s;
	int dec;

	for (int i = 0; i < 12; i++)
		y[i] = 10 + 0.5 * i + noise[i];
	s = series_of(pts, period("2005"), y, 12);
	for (int i = 0; i < 12; i++)
		x[2 * i] = 1, x[2 * i + 1] = pts[i].t;
	ols(x, y, 12, 2, beta, se);
	q = gsl_cdf_tdist_Qinv(0.025, 10);
	lo = beta[1] - q * se[1], hi = beta[1] + q * se[1];
	p = 2 * gsl_cdf_tdist_Q(fabs(beta[1] / se[1]), 10);
	dec = decimals(beta[1], lo, hi);

	report_of(&r, IND_LANG_EN);
	ind_report_part_init(&part, &r, "R", "x");
	OK_STR(part.name, "waiting days", "the name in the report's language");
	OK_STR(part.unit, "days", "the unit in the report's language");
	ind_report_part_trend(&part, &s, &chart);
	ind_text_period_range(&pts[0].period, &pts[11].period, IND_LANG_EN, span);
	snprintf(want, sizeof want, "Waiting days increased on average by %s days per year (95%% CI %s" ELLIPSIS "%s, %s) over %s.",
		 fixed(beta[1], dec, false, e), fixed(lo, dec, false, l), fixed(hi, dec, false, h), p_text(p, false, pb), span);
	OK(part.ns == 1, "a trend: one sentence (%d)", part.ns);
	OK_STR(part.sentences[0], want, "the slope and its t interval as refitted, with a capital");
	OK(part.nn == 1 && starts_with(part.notes[0], "the residuals are autocorrelated (Breusch\xe2\x80\x93Godfrey p") &&
		   shown_in(&part, "bg_p", part.notes[0]),
	   "OLS errors, residuals autocorrelated: the caveat, with the test's p as recorded");
	OK_NEAR(stat(&part, "slope") ? stat(&part, "slope")->value : NAN, beta[1], 1e-9, "statistics.csv: the slope");
	OK_NEAR(stat(&part, "slope_lo") ? stat(&part, "slope_lo")->value : NAN, lo, 1e-9, "statistics.csv: its lower limit");
	OK_NEAR(stat(&part, "slope_hi") ? stat(&part, "slope_hi")->value : NAN, hi, 1e-9, "statistics.csv: its upper limit");
	OK(shown_in(&part, "slope_lo", part.sentences[0]) && shown_in(&part, "slope_p", part.sentences[0]),
	   "the interval and the p shown are the ones recorded");
	OK(part.ntables == 1 && part.tables[0].ncols == 2, "one compact table of two columns");
	if (part.ntables == 1 && part.tables[0].nrows >= 3) {
		char cell[256];
		snprintf(cell, sizeof cell, "%s (%s" ELLIPSIS "%s)", e, l, h);
		OK_STR(part.tables[0].head[0], "Statistic", "the table's header in English");
		OK(strcmp(part.tables[0].cell[0][0], "n") == 0 && strcmp(part.tables[0].cell[0][1], "12") == 0, "its row n: 12");
		OK_STR(part.tables[0].cell[1][1], cell, "its slope row: the sentence's numbers");
	}
	OK(chart.ncols == 5 && chart.nrows == 12 && strcmp(chart.head[4], "fit") == 0, "the chart's table: a row per period, the fit");
	if (chart.nrows == 12)
		OK_NEAR(strtod(chart.cell[11][4], NULL), beta[0] + beta[1] * pts[11].t, 1e-9, "the fit of the last period");
	ind_table_free(&chart);
	ind_report_part_free(&part);
	OK(part.nstats == 0 && part.ntables == 0, "freed: no numbers, no tables");

	/* Finnish, six values, no trend: the sentence in Finnish numbers, the short-series caveat */
	{
		static const double flat[6] = { 5.2, 4.9, 5.3, 4.8, 5.1, 5.0 };
		double xf[12];
		for (int i = 0; i < 6; i++)
			y[i] = flat[i];
		s = series_of(pts, period("2005"), y, 6);
		for (int i = 0; i < 6; i++)
			xf[2 * i] = 1, xf[2 * i + 1] = pts[i].t;
		ols(xf, y, 6, 2, beta, se);
		q = gsl_cdf_tdist_Qinv(0.025, 4);
		lo = beta[1] - q * se[1], hi = beta[1] + q * se[1];
		p = 2 * gsl_cdf_tdist_Q(fabs(beta[1] / se[1]), 4);
		dec = decimals(beta[1], lo, hi);
		report_of(&r, IND_LANG_FI);
		ind_report_part_init(&part, &r, "R", "x");
		ind_report_part_trend(&part, &s, &chart);
		ind_text_period_range(&pts[0].period, &pts[5].period, IND_LANG_FI, span);
		snprintf(want, sizeof want,
			 "Odotusp\xc3\xa4iv\xc3\xa4t eiv\xc3\xa4t muuttuneet tilastollisesti merkitsev\xc3\xa4sti aikav\xc3\xa4lill\xc3\xa4 %s: "
			 "muutos oli keskim\xc3\xa4\xc3\xa4rin %s p\xc3\xa4iv\xc3\xa4\xc3\xa4 vuodessa (95 %%:n lv %s" ELLIPSIS "%s, %s).",
			 span, fixed(beta[1], dec, true, e), fixed(lo, dec, true, l), fixed(hi, dec, true, h), p_text(p, true, pb));
		OK(p >= 0.05 && lo < 0 && hi > 0, "the flat series' interval holds 0 (p %g)", p);
		OK_STR(part.ns ? part.sentences[0] : "", want, "Finnish: the plural verb, decimal commas, the minus sign");
		OK_STR(part.nn ? part.notes[0] : "",
		       "lyhyt aikasarja (6 havaintoa): luottamusv\xc3\xa4li ja p-arvo ovat ep\xc3\xa4varmoja", "the short-series caveat");
		ind_table_free(&chart);
		ind_report_part_free(&part);
	}

	/* an indicator with no [indicator] section: its id as its name, a capital all the same */
	{
		const double two[2] = { 1, 2 };
		s = series_of(pts, period("2005"), two, 2);
		report_of(&r, IND_LANG_EN);
		ind_report_part_init(&part, &r, "R", "other");
		OK(part.d == NULL && strcmp(part.name, "other") == 0 && part.unit[0] == '\0', "not configured: the id, no unit");
		ind_report_part_trend(&part, &s, &chart);
		OK_STR(part.ns ? part.sentences[0] : "", "Other: too short or constant a series for a trend.", "two values: no trend");
		OK(part.ntables == 0 && chart.nrows == 2, "no table; the chart still has its points");
		ind_table_free(&chart);
		ind_report_part_free(&part);
	}
}

/* An interrupted series: the level change and its interval refitted here as the segmented regression; how sure; caveats. */
static void its_cases(void)
{
	enum { N = 48, BREAK = 24 };
	static struct ind_report r;
	static struct ind_report_part part;
	static char labels[IND_MAX_BREAKS][IND_EVENT_LABEL_MAX];
	struct ind_point pts[N];
	double y[N], x[4 * N], beta[4], se[4], q, lo, hi, p;
	char want[1024], e[64], l[64], h[64], pb[64], when[IND_FMT_MAX];
	struct ind_table chart = { 0 };
	struct ind_period at[1];
	ind_series_set *set = ind_series_set_new();
	struct ind_error err = { 0 };
	struct ind_series s;
	unsigned long seed = 12345;
	int dec;

	for (int i = 0; i < N; i++) {	/* a trend, a drop of 5 at the 25th month, noise of about +-1 */
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		y[i] = 40 + 0.05 * i - (i >= BREAK ? 5 : 0) + ((double)(seed >> 33) / (double)(1UL << 31) - 0.5) * 2;
	}
	s = series_of(pts, period("2015-01"), y, N);
	at[0] = pts[BREAK].period;
	for (int i = 0; i < N; i++) {
		double t = pts[i].t - pts[0].t, tk = pts[i].t - pts[BREAK].t;
		x[4 * i] = 1, x[4 * i + 1] = t, x[4 * i + 2] = i >= BREAK, x[4 * i + 3] = i >= BREAK ? tk : 0;
	}
	ols(x, y, N, 4, beta, se);
	q = gsl_cdf_tdist_Qinv(0.025, N - 4);
	lo = beta[2] - q * se[2], hi = beta[2] + q * se[2];
	p = 2 * gsl_cdf_tdist_Q(fabs(beta[2] / se[2]), N - 4);

	report_of(&r, IND_LANG_EN);
	snprintf(labels[0], sizeof labels[0], "team model");
	ind_report_part_init(&part, &r, "R", "x");
	OK(ind_report_part_its(&part, set, &s, at, labels, 1, &chart, &err) == 0, "the interrupted series analysed");
	ind_text_period(&at[0], IND_LANG_EN, when);
	/* a significant drop: its size as a positive number, the interval's ends in order, "an improvement" (lower is better) */
	dec = decimals(fabs(beta[2]), fmin(fabs(lo), fabs(hi)), fmax(fabs(lo), fabs(hi)));
	snprintf(want, sizeof want,
		 "Waiting days decreased by %s days (95%% CI %s" ELLIPSIS "%s, %s) after the change \xe2\x80\x9cteam model\xe2\x80\x9d in %s, "
		 "an improvement.",
		 fixed(fabs(beta[2]), dec, false, e), fixed(fabs(hi), dec, false, l), fixed(fabs(lo), dec, false, h), p_text(p, false, pb),
		 when);
	OK(hi < 0, "the refitted drop is significant (%g .. %g)", lo, hi);
	OK_STR(part.ns ? part.sentences[0] : "", want, "the level change and its interval as refitted");
	OK_NEAR(stat(&part, "level_abs") ? stat(&part, "level_abs")->value : NAN, fabs(beta[2]), 1e-9, "statistics.csv: level_abs");
	OK_NEAR(stat(&part, "level") ? stat(&part, "level")->value : NAN, beta[2], 1e-9, "statistics.csv: the signed level");
	OK_NEAR(stat(&part, "level_lo") ? stat(&part, "level_lo")->value : NAN, lo, 1e-9, "statistics.csv: level_lo");
	OK_NEAR(stat(&part, "slope_change") ? stat(&part, "slope_change")->value : NAN, beta[3], 1e-9,
		"statistics.csv: the slope change per year");
	OK(part.ns >= 2 && shown_in(&part, "slope_change", part.sentences[1]) && shown_in(&part, "pre_slope", part.sentences[1]),
	   "the second sentence: the slope change and the slope before");
	/* 9 placebo dates, none with as large a change: p = 1/10, too few dates for a small p */
	OK(part.ns == 3 && starts_with(part.sentences[2], "Whether the change could be chance cannot be judged well: none of 9 "),
	   "how sure: none of the placebo dates before the change, but too few of them");
	OK_NEAR(stat(&part, "placebo_p") ? stat(&part, "placebo_p")->value : NAN, 1 / 10.0, 1e-12, "the placebo p: 1 / (9 + 1)");
	OK(part.ns == 3 && shown_in(&part, "placebo_n", part.sentences[2]) && shown_in(&part, "placebo_p", part.sentences[2]),
	   "their count and p as recorded");
	OK(part.nn >= 1 && strcmp(part.notes[part.nn - 1], ind_report_text(IND_LANG_EN, T_CV_NO_CONTROL)) == 0,
	   "no comparison regions: the last caveat says so");
	OK(part.ntables == 2, "two compact tables: before and after, the model");
	if (part.ntables == 2 && part.tables[0].nrows == 2 && part.tables[0].ncols == 3)
		OK(strcmp(part.tables[0].cell[0][1], "24") == 0 && strcmp(part.tables[0].cell[0][2], "24") == 0, "24 values before, 24 after");
	OK(chart.ncols == 9 && chart.nrows == N && strcmp(chart.cell[0][8], "pre") == 0 && strcmp(chart.cell[BREAK][8], "post") == 0,
	   "the chart's table: phases pre and post");
	ind_table_free(&chart);
	ind_report_part_free(&part);

	/* no change at a date in the middle: not significant, the detectable change instead */
	for (int i = BREAK; i < N; i++)
		y[i] += 5;
	s = series_of(pts, period("2015-01"), y, N);
	ind_report_part_init(&part, &r, "R", "x");
	ind_report_part_its(&part, set, &s, at, labels, 1, &chart, &err);
	ols(x, y, N, 4, beta, se);
	lo = beta[2] - q * se[2], hi = beta[2] + q * se[2];
	p = 2 * gsl_cdf_tdist_Q(fabs(beta[2] / se[2]), N - 4);
	dec = decimals(beta[2], lo, hi);
	snprintf(want, sizeof want,
		 "Waiting days did not change significantly after the change \xe2\x80\x9cteam model\xe2\x80\x9d in %s: "
		 "level change %s days (95%% CI %s" ELLIPSIS "%s, %s).",
		 when, fixed(beta[2], dec, false, e), fixed(lo, dec, false, l), fixed(hi, dec, false, h), p_text(p, false, pb));
	OK(lo < 0 && hi > 0, "the refitted change's interval holds 0 (%g .. %g)", lo, hi);
	OK_STR(part.ns == 3 ? part.sentences[0] : "", want, "no significant change: the signed change and its interval as refitted");
	OK(part.ns == 3 && starts_with(part.sentences[2], "The change cannot be confirmed") &&
		   shown_in(&part, "mde_level", part.sentences[2]) && shown_in(&part, "level", part.sentences[2]),
	   "how sure: the detectable change and the estimate as recorded");
	ind_table_free(&chart);
	ind_report_part_free(&part);

	/* the interruption outside the data */
	at[0] = period("2030-01");
	labels[0][0] = '\0';
	ind_report_part_init(&part, &r, "R", "x");
	ind_report_part_its(&part, set, &s, at, labels, 1, &chart, &err);
	OK_STR(part.ns ? part.sentences[0] : "", "Waiting days: the change (January 2030) is outside the data.", "outside the data");
	OK(part.ntables == 1, "outside the data: the table of the values only");
	ind_table_free(&chart);
	ind_report_part_free(&part);
	ind_series_set_free(set);
}

int main(void)
{
	OK(ind_report_texts_checked(), "the texts of the languages agree");
	trend_cases();
	its_cases();
	return tap_done();
}
