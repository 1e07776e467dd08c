/* test_trendout.c - ind-trend's summary columns and rows, joinpoint fields and per-row fits. See LICENSE. */
#include <stdint.h>
#include <stdlib.h>

#include "tap.h"
#include "trendout.h"

/* The line built so far, as a string (the buffer is not NUL-terminated). */
static const char *text(const struct ind_line *ln)
{
	static char buf[4096];
	size_t n = ln->len < sizeof buf - 1 ? ln->len : sizeof buf - 1;
	memcpy(buf, ln->buf, n);
	buf[n] = '\0';
	return buf;
}

/* The tail of s from its field number i on (0-based). */
static const char *from_field(const char *s, int i)
{
	while (i-- > 0 && s)
		if ((s = strchr(s, ',')))
			s++;
	return s ? s : "";
}

int main(void)
{
	struct ind_line ln = { 0 };
	char names[IND_JP_RANGES][IND_TREND_RANGE_NAME_MAX] = { "2019_2022" };
	struct ind_trend_columns c = { 0, false, false, 0, names, IND_SE_OLS };
	struct ind_point kept[8];
	double t[8], y[8];
	char region[] = "Kainuu", indicator[] = "visits";
	struct ind_series s = { .region = region, .indicator = indicator, .pts = kept, .n = 8 };
	struct ind_trend tr;
	struct ind_trend_opts to = { 0 };
	struct ind_joinpoints jp = { 0 };

	for (int i = 0; i < 8; i++) {
		char year[8];
		const char *why;
		snprintf(year, sizeof year, "%d", 2015 + i);
		memset(&kept[i], 0, sizeof kept[i]);
		ind_period_parse(year, 4, &kept[i].period, &why);
		kept[i].t = t[i] = ind_period_time(&kept[i].period);
		kept[i].value = y[i] = 10 + 2 * i + (i % 2 ? 0.25 : -0.25);
		kept[i].has_value = true;
		kept[i].row = i == 3 ? SIZE_MAX : (size_t)(7 - i);
	}
	OK(ind_trend_fit(t, y, 8, &to, &tr) == 0, "a trend to write");

	ind_trend_summary_header(&ln, &c);
	OK(ln.nfields == 33, "33 columns without joinpoints (got %zu)", ln.nfields);
	OK(strcmp(from_field(text(&ln), 28), "se_method,bg_lags,bg_stat,bg_p,caveats") == 0, "header ends");
	c.joinpoints = 1;
	ind_trend_summary_header(&ln, &c);
	OK_STR(from_field(text(&ln), 32),
	       "caveats,jp_k,jp_method,jp_tests,jp_1,seg_1_start,seg_1_end,seg_1_slope,seg_1_slope_lo,seg_1_slope_hi,"
	       "seg_1_p,seg_2_start,seg_2_end,seg_2_slope,seg_2_slope_lo,seg_2_slope_hi,seg_2_p,aac,aac_lo,aac_hi,aac_p",
	       "linear joinpoint columns");
	c.log_scale = c.joint_ci = true;
	c.nranges = 1;
	ind_trend_summary_header(&ln, &c);
	OK(strstr(text(&ln), ",jp_1,jp_1_lo,jp_1_hi,seg_1_start,") != NULL, "joinpoint intervals after the joinpoints");
	OK(strstr(text(&ln), ",seg_2_apc_hi,aapc,aapc_lo,aapc_hi,aapc_p,aapc_2019_2022,aapc_2019_2022_lo,") != NULL,
	   "AAPC over the whole series, then over each range");
	c = (struct ind_trend_columns){ 0, false, false, 0, names, IND_SE_OLS };

	ind_trend_summary_row(&ln, &c, &s, kept, 8, 2, &tr, NULL, false);
	OK(ln.nfields == 33, "a row as long as its header");
	OK(strncmp(text(&ln), "Kainuu,visits,8,2,2015,2022,", 28) == 0, "names, counts, first and last period");
	OK_STR(from_field(text(&ln), 28), "ols,1,6.758620689655178,0.009329584719771527,autocorrelated;covid_inside",
	       "OLS errors, Breusch-Godfrey, caveats");
	ind_trend_summary_row(&ln, &c, &s, kept, 5, 0, &tr, NULL, false);
	OK_STR(from_field(text(&ln), 32), "short_series;autocorrelated", "fewer than 8 values, none in 2020-2021");
	c.se = IND_SE_HAC;
	ind_trend_summary_row(&ln, &c, &s, kept, 8, 0, &tr, NULL, false);
	OK_STR(from_field(text(&ln), 28), "hac(0),1,6.758620689655178,0.009329584719771527,hac_small_n;covid_inside",
	       "HAC asked for, no lag: hac(0), and no autocorrelation caveat");
	c.se = IND_SE_OLS;

	c.joinpoints = 1;
	jp.k = 1;
	jp.method = IND_JP_BIC;
	jp.joint[0] = kept[3].t;
	jp.seg[0] = (struct ind_jp_segment){ kept[0].t, kept[3].t, 1, 0.2, 0.5, 1.5, 0.01, NAN, NAN, NAN };
	jp.seg[1] = (struct ind_jp_segment){ kept[3].t, kept[7].t, 2, 0.4, 1, 3, 0.001, NAN, NAN, NAN };
	jp.whole = (struct ind_jp_average){ 0, 0, 0, 0, 1.5, 1, 2, 0.02 };
	ind_line_reset(&ln);
	ind_trend_jp_fields(&ln, &c, &jp, true, kept, 8);
	OK_STR(text(&ln), "1,bic,,2018,2015,2018,1,0.5,1.5,0.01,2018,2022,2,1,3,0.001,1.5,1,2,0.02",
	       "joinpoint fields: times as periods");
	jp.joint[0] = kept[3].t + 0.5;
	jp.ntests = 1;
	jp.test[0] = (struct ind_jp_test){ 0, 1, 3, 0.25, 0.05 };
	ind_line_reset(&ln);
	ind_trend_jp_fields(&ln, &c, &jp, true, kept, 8);
	OK(strncmp(text(&ln), "1,bic,0:1:0.25,", 15) == 0, "the tests as H0:H1:p");
	OK(strncmp(from_field(text(&ln), 3), "2018.5,", 7) == 0,
	   "a joinpoint between observations as a decimal year (%s)", from_field(text(&ln), 3));
	ind_line_reset(&ln);
	ind_trend_jp_fields(&ln, &c, &jp, false, kept, 8);
	OK_STR(text(&ln), ",,,,,,,,,,,,,,,,,,,", "no model: 20 empty fields");

	{
		double fits[8][IND_TREND_NFIT];
		double fit, lo, hi;
		struct ind_trend_fits f = { fits, IND_TREND_NFIT };
		for (int i = 0; i < 8; i++)
			for (int j = 0; j < IND_TREND_NFIT; j++)
				fits[i][j] = NAN;
		ind_trend_fits_fill(fits, &s, &tr, &jp, true);
		ind_trend_predict(&tr, kept[0].t, &fit, &lo, &hi);
		OK(fits[7][0] == fit && fits[7][1] == lo && fits[7][2] == hi, "a kept row gets its point's trend");
		OK(fits[7][4] == 1 && !isnan(fits[7][3]), "and its joinpoint fit and segment (1-based)");
		OK(isnan(fits[4][0]), "a point without a kept row writes nothing");
		ind_line_reset(&ln);
		ind_trend_add_fits(&ln, 4, &f);
		OK_STR(text(&ln), ",,,,", "empty fits: empty fields");
		fits[4][0] = 1.5;
		fits[4][4] = 2;
		ind_line_reset(&ln);
		ind_trend_add_fits(&ln, 4, &f);
		OK_STR(text(&ln), "1.5,,,,2", "the segment as an integer");
		f.ncols = 3;
		ind_line_reset(&ln);
		ind_trend_add_fits(&ln, 4, &f);
		OK_STR(text(&ln), "1.5,,", "without joinpoints: three columns");
	}
	ind_line_free(&ln);
	return tap_done();
}
