/* test_fmt.c - numbers, intervals, p-values, periods and labels as people read them, in fi, en and sv. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>

#include "fmt.h"
#include "period.h"
#include "tap.h"

/* Spelled out, so a wrong byte shows: U+00A0 no-break space, U+2212 minus, U+2013 en dash, U+2026 ellipsis. */
#define NB "\xc2\xa0"
#define MI "\xe2\x88\x92"
#define ND "\xe2\x80\x93"
#define EL "\xe2\x80\xa6"

static struct ind_period per(const char *s)
{
	struct ind_period p;
	if (!ind_period_parse(s, strlen(s), &p, NULL))
		abort();
	return p;
}

static void numbers(void)
{
	char b[IND_FMT_MAX];
	/* the significant-digit rule: integer parts are never rounded */
	OK_STR(ind_text_number(1234.56, 3, IND_LANG_FI, b), "1" NB "235", "fi 1234.56");
	OK_STR(ind_text_number(1234.56, 3, IND_LANG_SV, b), "1" NB "235", "sv 1234.56");
	OK_STR(ind_text_number(1234.56, 3, IND_LANG_EN, b), "1,235", "en 1234.56");
	OK_STR(ind_text_number(-1234567.891, 3, IND_LANG_FI, b), MI "1" NB "234" NB "568", "fi large negative");
	OK_STR(ind_text_number(-1234567.891, 3, IND_LANG_EN, b), "-1,234,568", "en large negative");
	OK_STR(ind_text_number(123456789012.0, 3, IND_LANG_SV, b), "123" NB "456" NB "789" NB "012", "sv 12 digits");
	OK_STR(ind_text_number(999.0, 3, IND_LANG_FI, b), "999", "no separator below 1000");
	OK_STR(ind_text_number(0.012345, 3, IND_LANG_FI, b), "0,0123", "fi small");
	OK_STR(ind_text_number(0.012345, 3, IND_LANG_EN, b), "0.0123", "en small");
	OK_STR(ind_text_number(-2.5e-7, 2, IND_LANG_SV, b), MI "0,00000025", "sv tiny negative");
	OK_STR(ind_text_number(NAN, 3, IND_LANG_FI, b), "", "NaN is empty");
	OK_STR(ind_text_number(INFINITY, 3, IND_LANG_EN, b), "", "inf is empty");
	OK_STR(ind_text_number(0, 3, IND_LANG_FI, b), "0", "zero");
	OK_STR(ind_text_fixed(-0.0004, 2, IND_LANG_FI, b), "0,00", "no minus zero");
	OK_STR(ind_text_fixed(-0.0004, 2, IND_LANG_EN, b), "0.00", "no minus zero (en)");
	OK_STR(ind_text_fixed(2.5, 0, IND_LANG_EN, b), "2", "ties to even as printf does");
	OK_STR(ind_text_fixed(1e21, 0, IND_LANG_EN, b), "1.00e+21", "beyond 1e21: exponent");
	OK_STR(ind_text_fixed(-1.5e300, 3, IND_LANG_FI, b), MI "1,50e+300", "huge: exponent, never cut digits");
	OK_STR(ind_text_fixed(999999999999999999999.0 / 10, 0, IND_LANG_FI, b),
	       "100" NB "000" NB "000" NB "000" NB "000" NB "000" NB "000", "1e20 in full");
	/* the old entry points keep their output */
	OK_STR(ind_fmt_number(1234.56, 3, IND_LANG_FI, b), "1" NB "235", "ind_fmt_number fi");
	OK_STR(ind_fmt_number(-1234.56, 3, IND_LANG_EN, b), "-1,235", "ind_fmt_number en");
	OK_STR(ind_fmt_number(-1.5e300, 3, IND_LANG_EN, b), "-1.50e+300", "ind_fmt_number huge stays in the buffer");
	OK_STR(ind_fmt_p(0.0004, IND_LANG_FI, b), "<0,001", "ind_fmt_p fi");
	OK_STR(ind_fmt_p(0.966, IND_LANG_EN, b), "0.966", "ind_fmt_p en");
	OK_STR(ind_fmt_p(0.966, IND_LANG_SV, b), "0,966", "ind_fmt_p sv");
	OK_STR(ind_fmt_p(1e300, IND_LANG_EN, b), "1.00e+300", "ind_fmt_p on a huge non-p: the number, never cut");
}

static void pvalues(void)
{
	char b[IND_FMT_MAX];
	OK_STR(ind_text_p(0.966, IND_LANG_FI, b), "p" NB "=" NB "0,966", "fi p = 0,966");
	OK_STR(ind_text_p(0.966, IND_LANG_EN, b), "p" NB "=" NB "0.966", "en p = 0.966");
	OK_STR(ind_text_p(0.966, IND_LANG_SV, b), "p" NB "=" NB "0,966", "sv p = 0,966");
	OK_STR(ind_text_p(0.0004, IND_LANG_FI, b), "p" NB "<" NB "0,001", "fi p < 0,001");
	OK_STR(ind_text_p(0.0004, IND_LANG_EN, b), "p" NB "<" NB "0.001", "en p < 0.001");
	OK_STR(ind_text_p(0.0004, IND_LANG_SV, b), "p" NB "<" NB "0,001", "sv p < 0,001");
	OK_STR(ind_text_p(0, IND_LANG_EN, b), "p" NB "<" NB "0.001", "p = 0 reads p < 0.001");
	OK_STR(ind_text_p(0.00099, IND_LANG_EN, b), "p" NB "<" NB "0.001", "just below 0.001");
	OK_STR(ind_text_p(0.001, IND_LANG_EN, b), "p" NB "=" NB "0.001", "0.001 itself");
	OK_STR(ind_text_p(1, IND_LANG_FI, b), "p" NB "=" NB "1,000", "fi p = 1");
	OK_STR(ind_text_p(1, IND_LANG_EN, b), "p" NB "=" NB "1.000", "en p = 1");
	OK_STR(ind_text_p(NAN, IND_LANG_FI, b), "", "NaN p is empty");
	OK_STR(ind_text_p(1.5, IND_LANG_EN, b), "", "p above 1 is not a p");
	OK_STR(ind_text_p(-0.1, IND_LANG_EN, b), "", "negative p is not a p");
}

static void intervals(void)
{
	char b[3 * IND_FMT_MAX];
	/* decimals from max(|est|, hi - lo) with 3 digits: 2102.8 has 4 integer digits, so 0 decimals */
	OK(ind_text_decimals(-1008.2, -2059.3, 43.5, 3) == 0, "decimals of -1008 (-2059, 43.5)");
	OK_STR(ind_text_ci(-1008.2, -2059.3, 43.5, 3, IND_LANG_FI, b), MI "1" NB "008 (" MI "2" NB "059" NB EL NB "44)",
	       "fi: one precision for estimate and interval");
	OK_STR(ind_text_ci(-1008.2, -2059.3, 43.5, 3, IND_LANG_EN, b), "-1,008 (-2,059" NB EL NB "44)", "en");
	/* width 1.70 > |est| 1.58: 1 integer digit, 2 decimals */
	OK(ind_text_decimals(-1.58, -2.43, -0.73, 3) == 2, "decimals of -1.58 (-2.43, -0.73)");
	OK_STR(ind_text_ci(-1.58, -2.43, -0.73, 3, IND_LANG_EN, b), "-1.58 (-2.43" NB EL NB "-0.73)", "en negative");
	OK_STR(ind_text_ci(-1.58, -2.43, -0.73, 3, IND_LANG_SV, b), MI "1,58 (" MI "2,43" NB EL NB MI "0,73)",
	       "sv negative");
	OK_STR(ind_text_ci(-330, -367, -292, 3, IND_LANG_FI, b), MI "330 (" MI "367" NB EL NB MI "292)", "fi all negative");
	OK_STR(ind_text_ci(12.34, 8.1, 16.7, 3, IND_LANG_SV, b), "12,3 (8,1" NB EL NB "16,7)", "sv positive");
	/* |est| 0.0123 > width 0.0049: 4 decimals for all three */
	OK_STR(ind_text_ci(0.0123, 0.0101, 0.0150, 3, IND_LANG_EN, b), "0.0123 (0.0101" NB EL NB "0.0150)", "small");
	/* a wide interval round a small estimate: the width decides (1.1 -> 2 decimals) */
	OK_STR(ind_text_ci(0.01234, -0.5, 0.6, 3, IND_LANG_EN, b), "0.01 (-0.50" NB EL NB "0.60)", "width decides");
	OK_STR(ind_text_ci(12.34, NAN, 16.7, 3, IND_LANG_EN, b), "12.3", "no interval without both limits");
	OK_STR(ind_text_ci(NAN, 1, 2, 3, IND_LANG_EN, b), "", "no estimate, nothing");
	OK(ind_text_decimals(0, 0, 0, 3) == 0, "all zero: 0 decimals");
	OK(ind_text_decimals(NAN, NAN, NAN, 3) == 0, "all NaN: 0 decimals");
	OK_STR(ind_text_interval(-367, -292, 0, IND_LANG_FI, b), MI "367" NB EL NB MI "292", "fi interval");
	OK_STR(ind_text_interval(-367, -292, 0, IND_LANG_EN, b), "-367" NB EL NB "-292", "en interval");
	OK_STR(ind_text_interval(NAN, -292, 0, IND_LANG_EN, b), "", "interval with a NaN limit");
	/* the old one keeps its output (the report still uses it) */
	OK_STR(ind_fmt_ci(12.34, 8.1, 16.7, 3, IND_LANG_EN, b), "12.3 (8.10" ND "16.7)", "ind_fmt_ci unchanged");
}

static void conf_labels(void)
{
	char b[IND_FMT_MAX];
	OK_STR(ind_text_conf_label(95, IND_LANG_FI, b), "95" NB "%:n lv", "fi 95 %%:n lv");
	OK_STR(ind_text_conf_label(95, IND_LANG_EN, b), "95% CI", "en 95%% CI");
	OK_STR(ind_text_conf_label(95, IND_LANG_SV, b), "95" NB "% KI", "sv 95 %% KI");
	OK_STR(ind_text_conf_label(99.5, IND_LANG_FI, b), "99,5" NB "%:n lv", "fi 99,5 %%:n lv");
	OK_STR(ind_text_conf_label(90, IND_LANG_EN, b), "90% CI", "en 90%% CI");
	OK_STR(ind_text_conf_label(NAN, IND_LANG_EN, b), "", "no level");
}

static void periods(void)
{
	char b[2 * IND_FMT_MAX];
	struct ind_period a, z;
	a = per("2017");
	OK_STR(ind_text_period(&a, IND_LANG_FI, b), "2017", "a year is not a number: no separator (fi)");
	OK_STR(ind_text_period(&a, IND_LANG_EN, b), "2017", "a year is not a number: no separator (en)");
	OK_STR(ind_text_period(&a, IND_LANG_SV, b), "2017", "a year is not a number: no separator (sv)");
	a = per("2021-03");
	OK_STR(ind_text_period(&a, IND_LANG_FI, b), "maaliskuu 2021", "fi month");
	OK_STR(ind_text_period(&a, IND_LANG_EN, b), "March 2021", "en month");
	OK_STR(ind_text_period(&a, IND_LANG_SV, b), "mars 2021", "sv month");
	a = per("2021-Q3");
	OK_STR(ind_text_period(&a, IND_LANG_FI, b), "3. nelj. 2021", "fi quarter");
	OK_STR(ind_text_period(&a, IND_LANG_EN, b), "Q3 2021", "en quarter");
	OK_STR(ind_text_period(&a, IND_LANG_SV, b), "kvartal 3 2021", "sv quarter");
	a = per("2021-W05");
	OK_STR(ind_text_period(&a, IND_LANG_SV, b), "vecka 5 2021", "sv week");
	a = per("2021-03-15");
	OK_STR(ind_text_period(&a, IND_LANG_FI, b), "15.3.2021", "fi day");
	OK_STR(ind_text_period(&a, IND_LANG_SV, b), "15 mars 2021", "sv day");

	a = per("2020-03"), z = per("2020-12");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_FI, b), "maalis" ND "joulukuu 2020", "fi months of a year");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_EN, b), "March" ND "December 2020", "en months of a year");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_SV, b), "mars" ND "december 2020", "sv months of a year");
	a = per("2020-07"), z = per("2020-08");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_FI, b), "hein\xc3\xa4" ND "elokuu 2020", "fi stem with a-umlaut");
	a = per("2020-03"), z = per("2021-12");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_FI, b), "maaliskuu 2020" NB ND " joulukuu 2021", "fi across years");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_EN, b), "March 2020" NB ND " December 2021", "en across years");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_SV, b), "mars 2020" NB ND " december 2021", "sv across years");
	a = per("2020-03"), z = per("2020-03");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_FI, b), "maaliskuu 2020", "one month");
	a = per("2017"), z = per("2020");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_FI, b), "2017" ND "2020", "years");
	a = per("2021-Q1"), z = per("2021-Q3");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_FI, b), "1." ND "3. nelj. 2021", "fi quarters");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_EN, b), "Q1" ND "Q3 2021", "en quarters");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_SV, b), "kvartal 1" ND "3 2021", "sv quarters");
	a = per("2021-W05"), z = per("2021-W09");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_FI, b), "vko 5" ND "9/2021", "fi weeks");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_EN, b), "weeks 5" ND "9, 2021", "en weeks");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_SV, b), "vecka 5" ND "9 2021", "sv weeks");
	a = per("2020-Q4"), z = per("2021-03");
	OK_STR(ind_text_period_range(&a, &z, IND_LANG_EN, b), "Q4 2020" NB ND " March 2021", "mixed kinds");
}

static void labels(void)
{
	/* every column the summaries of ind-trend (with --joinpoints) and ind-compare (every option, --power,
	   --sims, --placebo with --control too) write,
	   the canonical columns and the row-mode extras */
	static const char *const cols[] = {
		"region", "indicator", "period", "value", "numerator", "denominator", "unit", "n", "n_missing", "start",
		"end", "slope", "slope_se", "slope_lo", "slope_hi", "slope_p", "intercept", "r2", "fit_start", "fit_end",
		"apc", "apc_lo", "apc_hi", "mk_s", "mk_var", "mk_z", "mk_p", "mk_tau", "sen", "sen_lo", "sen_hi", "dw",
		"acf1", "se_method", "bg_lags", "bg_stat", "bg_p", "caveats", "jp_k", "jp_periods", "jp_slopes",
		"jp_slopes_lo", "jp_slopes_hi", "jp_apcs", "jp_apcs_lo", "jp_apcs_hi", "aapc", "aapc_lo", "aapc_hi",
		"at", "label", "n_pre", "n_post", "mean_pre", "mean_post", "median_pre", "median_post", "diff",
		"diff_lo", "diff_hi", "rel_change", "welch_t", "welch_df", "welch_p", "mw_u", "mw_p", "hedges_g",
		"level", "level_se", "level_lo", "level_hi", "level_p", "slope_change", "slope_change_se",
		"slope_change_lo", "slope_change_hi", "slope_change_p", "pre_slope", "effect_end", "effect_end_lo",
		"effect_end_hi", "effect_end_rel", "model", "rho", "rr_level", "rr_level_lo", "rr_level_hi", "rr_slope",
		"rr_slope_lo", "rr_slope_hi", "dispersion", "p_pre", "p_post", "prop_diff", "prop_lo", "prop_hi",
		"prop_p", "control", "did", "did_lo", "did_hi", "did_p", "boot_lo", "boot_hi", "mde_level", "mde_slope",
		"power_level", "followup_needed", "power_level_sim", "placebo_n", "placebo_p", "space_placebo_n",
		"space_placebo_p", "fit", "fit_lo", "fit_hi",
		"counterfactual", "cf_lo", "cf_hi", "phase", "segment", NULL
	};
	static const enum ind_lang langs[] = { IND_LANG_FI, IND_LANG_EN, IND_LANG_SV };
	size_t missing = 0, raw = 0;
	for (const char *const *c = cols; *c; c++)
		for (size_t l = 0; l < 3; l++) {
			const char *s = ind_column_label(*c, langs[l]);
			if (!s) {
				missing++;
				printf("# no label for %s in language %zu\n", *c, l);
			} else if (strchr(s, '_')) {
				raw++;
				printf("# label of %s looks raw: %s\n", *c, s);
			}
		}
	OK(missing == 0, "every column has a label in fi, en and sv");
	OK(raw == 0, "no label is a raw name");
	OK_STR(ind_column_label("slope", IND_LANG_FI), "Muutos/v", "fi slope");
	OK_STR(ind_column_label("slope", IND_LANG_EN), "Change/yr", "en slope");
	OK_STR(ind_column_label("slope", IND_LANG_SV), "F\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r", "sv slope");
	OK_STR(ind_column_label("slope_se", IND_LANG_FI), "Muutos/v, keskivirhe", "fi slope_se");
	OK_STR(ind_column_label("welch_t", IND_LANG_EN), "t (Welch)", "en welch_t");
	OK_STR(ind_column_label("mw_u", IND_LANG_SV), "U (Mann-Whitney)", "sv mw_u");
	OK_STR(ind_column_label("level_se", IND_LANG_SV), "Niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring, medelfel", "sv level_se");
	OK(ind_column_label("no_such_column", IND_LANG_FI) == NULL, "unknown column: NULL");
}

/* ind_md_text of s, as a string */
static const char *md(const char *s)
{
	static char buf[256];
	FILE *f = tmpfile();
	size_t n = 0;
	if (!f)
		return "";
	ind_md_text(f, s);
	rewind(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Shaded windows for the legend: each FROM – TO, joined by ", ". */
static void windows(void)
{
	struct ind_period a = per("2020-03"), b = per("2020-12"), c = per("2021");
	char buf[1024] = "", fa[IND_FMT_MAX], fb[IND_FMT_MAX], fc[IND_FMT_MAX], want[1024];
	ind_fmt_period(&a, IND_LANG_FI, fa);
	ind_fmt_period(&b, IND_LANG_FI, fb);
	ind_fmt_period(&c, IND_LANG_FI, fc);
	ind_fmt_window_append(&a, &b, IND_LANG_FI, buf, sizeof buf);
	snprintf(want, sizeof want, "%s \xe2\x80\x93 %s", fa, fb);
	OK_STR(buf, want, "one window: FROM – TO");
	ind_fmt_window_append(&c, &c, IND_LANG_FI, buf, sizeof buf);
	snprintf(want, sizeof want, "%s \xe2\x80\x93 %s, %s \xe2\x80\x93 %s", fa, fb, fc, fc);
	OK_STR(buf, want, "a second window after a comma");
}

int main(void)
{
	/* a name that starts a paragraph must not start a list or a heading */
	OK_STR(md("6. GROSS INCOME, mean"), "6\\. GROSS INCOME, mean", "md: '6. x' is no numbered list");
	OK_STR(md("12) x"), "12\\) x", "md: '12) x' is no numbered list");
	OK_STR(md("- x"), "\\- x", "md: '- x' is no bullet");
	OK_STR(md("+ x"), "\\+ x", "md: '+ x' is no bullet");
	OK_STR(md("# x"), "\\# x", "md: '# x' is no heading");
	OK_STR(md("-1.5"), "-1.5", "md: a negative number stays");
	OK_STR(md("1.5 %"), "1.5 %", "md: a decimal stays");
	OK_STR(md("2017 Q1"), "2017 Q1", "md: a period stays");
	enum ind_lang l = IND_LANG_EN;
	OK(ind_lang_parse("sv", &l) && l == IND_LANG_SV, "sv parses");
	OK(ind_lang_parse("fi", &l) && l == IND_LANG_FI, "fi parses");
	OK(ind_lang_parse("en", &l) && l == IND_LANG_EN, "en parses");
	OK(!ind_lang_parse("se", &l), "se is not a language here");
	numbers();
	pvalues();
	intervals();
	conf_labels();
	periods();
	labels();
	windows();
	return tap_done();
}
