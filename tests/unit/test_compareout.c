/* test_compareout.c - ind-compare's summary columns and rows, per-row fits and placebo rows. See LICENSE. */
#include <stdint.h>
#include <stdlib.h>

#include "compareout.h"
#include "tap.h"

/* The line built so far, as a string (the buffer is not NUL-terminated). */
static const char *text(struct ind_line *ln)
{
	static char buf[4096];
	size_t n = ln->len < sizeof buf - 1 ? ln->len : sizeof buf - 1;
	memcpy(buf, ln->buf, n);
	buf[n] = '\0';
	return buf;
}

static struct ind_period period(const char *s)
{
	struct ind_period p;
	const char *why;
	ind_period_parse(s, strlen(s), &p, &why);
	return p;
}

int main(void)
{
	struct ind_line ln = { 0 };
	struct ind_analysis *a = calloc(1, sizeof *a);
	struct ind_analysis_opts o = { 0 };
	char region[] = "Lappi", indicator[] = "t3_days";
	struct ind_point pts[2] = { { .row = 1 }, { .row = SIZE_MAX } };
	struct ind_series s = { .region = region, .indicator = indicator, .pts = pts, .n = 2 };

	if (!a)
		return 99;
	{
		struct ind_compare_columns c = { 0 };
		ind_compare_header(&ln, &c);
		OK(ln.nfields == 43, "the base header has 43 columns (got %zu)", ln.nfields);
		OK(strncmp(text(&ln), "region,indicator,at,label,n_pre,n_post,mean_pre,", 48) == 0, "header starts");
		OK(strstr(text(&ln), ",bg_p,caveats") && strcmp(strstr(text(&ln), ",bg_p,caveats"), ",bg_p,caveats") == 0,
		   "the base header ends with caveats");
		c.poisson = c.did = c.placebo = c.space_placebo = true;
		ind_compare_header(&ln, &c);
		OK(strstr(text(&ln), ",caveats,rr_level,") != NULL, "Poisson columns follow caveats");
		OK(strstr(text(&ln), ",control_weights,did_rr,did_rr_lo,did_rr_hi,") != NULL, "ratio of rate ratios after DiD");
		OK(strstr(text(&ln), ",placebo_p,space_placebo_n,space_placebo_p") != NULL, "placebo columns last");
	}
	{
		/* no interruption and no fit: the before/after numbers as they are, the model's columns empty */
		struct ind_compare_columns c = { 0 };
		a->b[0].n_pre = 3;
		a->b[0].g.diff = 1.5;
		strcpy(a->b[0].caveats, "short_series");
		ind_compare_summary_row(&ln, &s, &o, &c, a, 0, "");
		OK_STR(text(&ln), "Lappi,t3_days,,,3,0,0,0,0,0,1.5,0,0,0,0,0,0,0,0,0,,,,,,,,,,,,,,,,ols,,,,,,,short_series",
		       "summary row without interruption or fit");
		OK(ln.nfields == 43, "as many fields as the header");
		o.its.model = IND_MODEL_POISSON;
		o.its.quasi = true;
		a->nbreaks = 1;
		a->b[0].at = period("2020-02");
		ind_compare_summary_row(&ln, &s, &o, &c, a, 0, "ban");
		OK(strncmp(text(&ln), "Lappi,t3_days,2020-02,ban,3,", 28) == 0, "the interruption and its label");
		OK(strstr(text(&ln), ",quasipoisson,,") != NULL, "the model named, no standard errors without a fit");
		o = (struct ind_analysis_opts){ 0 };
	}
	{
		struct ind_compare_row r[2] = { 0 };
		struct ind_point_fit pf[2] = { { 1.5, 2, NAN, 3, IND_PHASE_POST, 1 }, { 9, 9, 9, 9, IND_PHASE_PRE, 0 } };
		a->nbreaks = 1;
		a->b[0].at = period("2020-02");
		ind_compare_rows_fill(r, &s, a, pf, true);
		OK(r[1].fit == 1.5 && r[1].segment == 1 && r[1].placebo_col, "a kept row gets its point's fit");
		OK(r[0].fit == 0, "a point without a kept row writes nothing");
		ind_line_reset(&ln);
		ind_compare_add_fits(&ln, 1, r);
		OK_STR(text(&ln), "1.5,2,,3,post,1,2020-02,", "the model columns of a row");
		r[0].segment = -1;
		r[0].phase = IND_PHASE_EXCLUDED;
		r[0].placebo_col = false;
		ind_line_reset(&ln);
		ind_compare_add_fits(&ln, 0, r);
		OK_STR(text(&ln), "0,0,0,0,excluded,,", "no segment: segment and at empty");
	}
	{
		ind_series_set *set = ind_series_set_new();
		struct ind_placebo_date d[2] = { { 0, period("2019-01"), 0.5 }, { 1, period("2019-06"), 7 } };
		a->its_ok = false;
		a->nbreaks = 1;
		a->placebo = d;
		a->nplacebo = 2;
		a->b[0].placebo_n = 1;
		a->its.brk[0].level = 2;
		OK(ind_compare_placebo_rows(&ln, set, &s, a) == 0, "no fit: no placebo rows");
		a->its_ok = true;
		OK(ind_compare_placebo_rows(&ln, set, &s, a) == 2, "one fake date of this interruption and the estimate");
		OK_STR(text(&ln), ",,,,placebo,,2020-02,0.5\n,,,,estimate,,2020-02,2", "placebo rows, one per line");
		a->b[0].placebo_n = 0;
		a->nplacebo = 0;
		OK(ind_compare_placebo_rows(&ln, set, &s, a) == 0, "no fake date: no histogram");
		a->placebo = NULL;
		ind_series_set_free(set);
	}
	ind_line_free(&ln);
	free(a);
	return tap_done();
}
