/* fmt.c - formatting for reports. See LICENSE. */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "num.h"

#define NBSP "\xc2\xa0"

/* Put thousands separators and the decimal mark of lang into a C-locale number text. */
static const char *localise(const char *plain, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	const char *dot = strchr(plain, '.'), *digits = plain;
	size_t intlen, o = 0;
	if (*digits == '-') {	/* Finnish typography uses the real minus sign */
		if (lang == IND_LANG_FI)
			memcpy(buf + o, "\xe2\x88\x92", 3), o += 3;
		else
			buf[o++] = '-';
		digits++;
	}
	intlen = dot ? (size_t)(dot - digits) : strlen(digits);
	for (size_t i = 0; i < intlen; i++) {
		if (lang == IND_LANG_FI && intlen >= 4 && i > 0 && (intlen - i) % 3 == 0) {
			memcpy(buf + o, NBSP, 2);
			o += 2;
		} else if (lang == IND_LANG_EN && intlen >= 4 && i > 0 && (intlen - i) % 3 == 0) {
			buf[o++] = ',';
		}
		buf[o++] = digits[i];
	}
	if (dot) {
		buf[o++] = lang == IND_LANG_FI ? ',' : '.';
		for (const char *p = dot + 1; *p && o < IND_FMT_MAX - 1; p++)
			buf[o++] = *p;
	}
	buf[o] = '\0';
	return buf;
}

bool ind_lang_parse(const char *s, enum ind_lang *lang)
{
	if (strcmp(s, "fi") == 0)
		*lang = IND_LANG_FI;
	else if (strcmp(s, "en") == 0)
		*lang = IND_LANG_EN;
	else
		return false;
	return true;
}

const char *ind_fmt_number(double x, int digits, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	char plain[IND_FMT_MAX];
	int decimals;
	if (!isfinite(x)) {
		buf[0] = '\0';
		return buf;
	}
	if (x == 0) {
		decimals = 0;
	} else {
		int mag = (int)floor(log10(fabs(x))) + 1;	/* digits before the point */
		decimals = digits - mag;
		if (decimals < 0)
			decimals = 0;
		if (decimals > 15)
			decimals = 15;
	}
	snprintf(plain, sizeof plain, "%.*f", decimals, x);
	if (strcmp(plain, "-0") == 0 || strspn(plain, "-0.") == strlen(plain))
		snprintf(plain, sizeof plain, "%.*f", decimals, 0.0);	/* no "-0.0" */
	return localise(plain, lang, buf);
}

const char *ind_fmt_p(double p, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	char plain[32];
	if (!isfinite(p)) {
		buf[0] = '\0';
		return buf;
	}
	if (p < 0.001) {
		snprintf(buf, IND_FMT_MAX, "<%s", lang == IND_LANG_FI ? "0,001" : "0.001");
		return buf;
	}
	snprintf(plain, sizeof plain, "%.3f", p);
	return localise(plain, lang, buf);
}

const char *ind_fmt_ci(double est, double lo, double hi, int digits, enum ind_lang lang, char buf[3 * IND_FMT_MAX])
{
	char a[IND_FMT_MAX], b[IND_FMT_MAX], c[IND_FMT_MAX];
	ind_fmt_number(est, digits, lang, a);
	if (!isfinite(lo) || !isfinite(hi))
		snprintf(buf, 3 * IND_FMT_MAX, "%s", a);
	else
		snprintf(buf, 3 * IND_FMT_MAX, "%s (%s\xe2\x80\x93%s)", a, ind_fmt_number(lo, digits, lang, b),
			 ind_fmt_number(hi, digits, lang, c));
	return buf;
}

static const char *const months_fi[12] = { "tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kes\xc3\xa4kuu",
					   "hein\xc3\xa4kuu", "elokuu", "syyskuu", "lokakuu", "marraskuu", "joulukuu" };
static const char *const months_en[12] = { "January", "February", "March", "April", "May", "June",
					   "July", "August", "September", "October", "November", "December" };

const char *ind_fmt_period(const struct ind_period *p, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	bool fi = lang == IND_LANG_FI;
	switch (p->kind) {
	case IND_PERIOD_MONTH:
		snprintf(buf, IND_FMT_MAX, "%s %d", fi ? months_fi[p->sub - 1] : months_en[p->sub - 1], p->year);
		break;
	case IND_PERIOD_QUARTER:
		snprintf(buf, IND_FMT_MAX, fi ? "%d. nelj. %d" : "Q%d %d", p->sub, p->year);
		break;
	case IND_PERIOD_WEEK:
		snprintf(buf, IND_FMT_MAX, fi ? "vko %d/%d" : "week %d, %d", p->sub, p->year);
		break;
	case IND_PERIOD_DAY:
		if (fi)
			snprintf(buf, IND_FMT_MAX, "%d.%d.%d", p->day, p->sub, p->year);
		else
			snprintf(buf, IND_FMT_MAX, "%d %s %d", p->day, months_en[p->sub - 1], p->year);
		break;
	case IND_PERIOD_YEAR:
	case IND_PERIOD_NUMERIC:
	default:
		ind_period_format(p, buf);
		break;
	}
	return buf;
}

/* Column, Finnish, English. */
static const char *const labels[][3] = {
	{ "region", "Alue", "Region" },
	{ "indicator", "Indikaattori", "Indicator" },
	{ "period", "Ajanjakso", "Period" },
	{ "value", "Arvo", "Value" },
	{ "numerator", "Osoittaja", "Numerator" },
	{ "denominator", "Nimitt\xc3\xa4j\xc3\xa4", "Denominator" },
	{ "unit", "Yksikk\xc3\xb6", "Unit" },
	{ "n", "n", "n" },
	{ "n_missing", "Puuttuvia", "Missing" },
	{ "start", "Alku", "Start" },
	{ "end", "Loppu", "End" },
	{ "slope", "Muutos/v", "Change/yr" },
	{ "slope_p", "p", "p" },
	{ "r2", "R\xc2\xb2", "R\xc2\xb2" },
	{ "apc", "Vuosimuutos %", "Annual change %" },
	{ "mk_tau", "Kendallin \xcf\x84", "Kendall's \xcf\x84" },
	{ "mk_p", "p (Mann-Kendall)", "p (Mann-Kendall)" },
	{ "sen", "Senin kulmakerroin", "Sen's slope" },
	{ "dw", "Durbin-Watson", "Durbin-Watson" },
	{ "at", "Muutos alkoi", "Intervention" },
	{ "n_pre", "n ennen", "n before" },
	{ "n_post", "n j\xc3\xa4lkeen", "n after" },
	{ "mean_pre", "Keskiarvo ennen", "Mean before" },
	{ "mean_post", "Keskiarvo j\xc3\xa4lkeen", "Mean after" },
	{ "median_pre", "Mediaani ennen", "Median before" },
	{ "median_post", "Mediaani j\xc3\xa4lkeen", "Median after" },
	{ "diff", "Ero", "Difference" },
	{ "rel_change", "Suhteellinen muutos", "Relative change" },
	{ "welch_p", "p (Welch)", "p (Welch)" },
	{ "mw_p", "p (Mann-Whitney)", "p (Mann-Whitney)" },
	{ "hedges_g", "Hedgesin g", "Hedges' g" },
	{ "level", "Tason muutos", "Level change" },
	{ "level_p", "p", "p" },
	{ "slope_change", "Trendin muutos/v", "Slope change/yr" },
	{ "slope_change_p", "p (trendi)", "p (slope)" },
	{ "pre_slope", "Trendi ennen/v", "Trend before/yr" },
	{ "effect_end", "Vaikutus lopussa", "Effect at end" },
	{ "effect_end_rel", "Vaikutus lopussa %", "Effect at end %" },
	{ "rr_level", "Tason suhde", "Rate ratio (level)" },
	{ "rr_slope", "Trendin suhde/v", "Rate ratio (slope)/yr" },
	{ "p_pre", "Osuus ennen", "Share before" },
	{ "p_post", "Osuus j\xc3\xa4lkeen", "Share after" },
	{ "prop_diff", "Osuuksien ero", "Difference in shares" },
	{ "prop_p", "p (osuudet)", "p (shares)" },
	{ "did", "Ero vertailualueisiin", "Difference-in-differences" },
	{ "did_p", "p (vertailu)", "p (controls)" },
	{ "label", "Muutos", "Change" },
	{ "fit", "Trendi", "Trend" },
};

const char *ind_column_label(const char *column, enum ind_lang lang)
{
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], column) == 0)
			return labels[i][lang == IND_LANG_FI ? 1 : 2];
	return NULL;
}

bool ind_column_is_p(const char *column)
{
	size_t n = strlen(column);
	return strcmp(column, "p") == 0 || (n > 2 && strcmp(column + n - 2, "_p") == 0);
}

static bool ascii_alnum(int ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

void ind_md_text(FILE *fp, const char *s)
{
	const char *start = s;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '_' && s > start && ascii_alnum((unsigned char)s[-1]) && ascii_alnum((unsigned char)s[1])) {
			fputc('_', fp);	/* inside a word (slope_lo) it cannot open or close emphasis */
			continue;
		}
		if (ch == '\r' || ch == '\n') {
			fputc(' ', fp);
			if (ch == '\r' && s[1] == '\n')
				s++;
		} else if (ch == '<' && !(s[1] >= '0' && s[1] <= '9')) {
			fputs("&lt;", fp);
		} else if (ch == '>') {
			fputs("&gt;", fp);
		} else if (strchr("\\`*_[]|", ch)) {
			fputc('\\', fp);
			fputc(ch, fp);
		} else {
			fputc(ch, fp);
		}
	}
}

bool ind_cell_needs_guard(const char *s)
{
	struct ind_num n;
	size_t len = strlen(s);
	if (!s[0] || !strchr("=+-@\t\r", s[0]))
		return false;
	/* a number with either decimal mark; a lone '-' (magnitude nil) reads as zero here */
	return ind_num_parse(s, len, '.', IND_DASH_ZERO, &n) != IND_NUM_OK &&
	       ind_num_parse(s, len, ',', IND_DASH_ZERO, &n) != IND_NUM_OK;
}
