/* fmt.c - formatting for reports. See LICENSE. */
#include "fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "num.h"

#define NBSP "\xc2\xa0"
#define MINUS "\xe2\x88\x92"
#define EN_DASH "\xe2\x80\x93"
#define ELLIPSIS "\xe2\x80\xa6"

/* Put thousands separators and the decimal mark of lang into a C-locale number text. */
static const char *localise(const char *plain, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	const char *dot = strchr(plain, '.'), *digits = plain;
	bool comma = lang != IND_LANG_EN;	/* fi and sv write numbers alike */
	size_t intlen, o = 0, need;
	if (*digits == '-')
		digits++;
	intlen = dot ? (size_t)(dot - digits) : strlen(digits);
	/* sign, digits, separators (2 bytes each in fi/sv), the fraction; ind_text_fixed keeps below 1e21,
	   so this always fits, and an overlong text would be cut to nothing rather than to a wrong number */
	need = 3 + intlen + 2 * (intlen / 3) + (dot ? strlen(dot) : 0) + 1;
	if (need > IND_FMT_MAX) {
		buf[0] = '\0';
		return buf;
	}
	if (digits != plain) {	/* Finnish and Swedish typography use the real minus sign */
		if (comma)
			memcpy(buf + o, MINUS, 3), o += 3;
		else
			buf[o++] = '-';
	}
	for (size_t i = 0; i < intlen; i++) {
		if (intlen >= 4 && i > 0 && (intlen - i) % 3 == 0) {
			if (comma)
				memcpy(buf + o, NBSP, 2), o += 2;
			else
				buf[o++] = ',';
		}
		buf[o++] = digits[i];
	}
	if (dot) {
		buf[o++] = comma ? ',' : '.';
		for (const char *p = dot + 1; *p; p++)
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
	else if (strcmp(s, "sv") == 0)
		*lang = IND_LANG_SV;
	else
		return false;
	return true;
}

/* Decimals that give x digits significant digits without rounding its integer part. */
static int sig_decimals(double x, int digits)
{
	int decimals;
	if (x == 0 || !isfinite(x))
		return 0;
	decimals = digits - ((int)floor(log10(fabs(x))) + 1);	/* minus the digits before the point */
	return decimals < 0 ? 0 : decimals > 15 ? 15 : decimals;
}

/* Room for %.15f of any double: 309 integer digits, the point, 15 decimals, the sign. */
#define PLAIN_MAX 330

const char *ind_text_fixed(double x, int decimals, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	char plain[PLAIN_MAX];
	if (!isfinite(x)) {
		buf[0] = '\0';
		return buf;
	}
	decimals = decimals < 0 ? 0 : decimals > 15 ? 15 : decimals;
	if (fabs(x) >= 1e21) {	/* beyond what a reader counts digits of: 1.23e+21 */
		char *point;
		snprintf(plain, sizeof plain, "%.2e", fabs(x));
		if (lang != IND_LANG_EN && (point = strchr(plain, '.')))
			*point = ',';
		snprintf(buf, IND_FMT_MAX, "%s%s", x > 0 ? "" : lang != IND_LANG_EN ? MINUS : "-", plain);
		return buf;
	}
	snprintf(plain, sizeof plain, "%.*f", decimals, x);
	if (strspn(plain, "-0.") == strlen(plain))
		snprintf(plain, sizeof plain, "%.*f", decimals, 0.0);	/* no "-0.0" */
	return localise(plain, lang, buf);
}

const char *ind_fmt_number(double x, int digits, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	return ind_text_fixed(x, sig_decimals(x, digits), lang, buf);
}

const char *ind_text_number(double x, int digits, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	return ind_text_fixed(x, sig_decimals(x, digits), lang, buf);
}

const char *ind_fmt_p(double p, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	if (!isfinite(p)) {
		buf[0] = '\0';
		return buf;
	}
	if (p < 0.001) {
		snprintf(buf, IND_FMT_MAX, "<%s", lang != IND_LANG_EN ? "0,001" : "0.001");
		return buf;
	}
	return ind_text_fixed(p, 3, lang, buf);
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
static const char *const months_sv[12] = { "januari", "februari", "mars", "april", "maj", "juni",
					   "juli", "augusti", "september", "oktober", "november", "december" };

static const char *month_name(int m, enum ind_lang lang)
{
	return lang == IND_LANG_FI ? months_fi[m - 1] : lang == IND_LANG_SV ? months_sv[m - 1] : months_en[m - 1];
}

const char *ind_fmt_period(const struct ind_period *p, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	bool fi = lang == IND_LANG_FI, sv = lang == IND_LANG_SV;
	switch (p->kind) {
	case IND_PERIOD_MONTH:
		snprintf(buf, IND_FMT_MAX, "%s %d", month_name(p->sub, lang), p->year);
		break;
	case IND_PERIOD_QUARTER:
		snprintf(buf, IND_FMT_MAX, fi ? "%d. nelj. %d" : sv ? "kvartal %d %d" : "Q%d %d", p->sub, p->year);
		break;
	case IND_PERIOD_WEEK:
		snprintf(buf, IND_FMT_MAX, fi ? "vko %d/%d" : sv ? "vecka %d %d" : "week %d, %d", p->sub, p->year);
		break;
	case IND_PERIOD_DAY:
		if (fi)
			snprintf(buf, IND_FMT_MAX, "%d.%d.%d", p->day, p->sub, p->year);
		else
			snprintf(buf, IND_FMT_MAX, "%d %s %d", p->day, month_name(p->sub, lang), p->year);
		break;
	case IND_PERIOD_YEAR:
	case IND_PERIOD_NUMERIC:
	default:
		ind_period_format(p, buf);
		break;
	}
	return buf;
}

const char *ind_text_period(const struct ind_period *p, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	return ind_fmt_period(p, lang, buf);
}

const char *ind_text_period_range(const struct ind_period *a, const struct ind_period *b, enum ind_lang lang,
				  char buf[2 * IND_FMT_MAX])
{
	char x[IND_FMT_MAX], y[IND_FMT_MAX];
	bool fi = lang == IND_LANG_FI, sv = lang == IND_LANG_SV;
	int n = 0;

	if (ind_period_cmp(a, b) == 0) {
		snprintf(buf, 2 * IND_FMT_MAX, "%s", ind_fmt_period(a, lang, x));
		return buf;
	}
	if (a->kind == b->kind && a->year == b->year) {
		switch (a->kind) {
		case IND_PERIOD_MONTH:
			if (fi)	/* the first month by its stem: maalis(kuu) */
				n = snprintf(buf, 2 * IND_FMT_MAX, "%.*s" EN_DASH "%s %d", (int)strlen(months_fi[a->sub - 1]) - 3,
					     months_fi[a->sub - 1], months_fi[b->sub - 1], a->year);
			else
				n = snprintf(buf, 2 * IND_FMT_MAX, "%s" EN_DASH "%s %d", month_name(a->sub, lang),
					     month_name(b->sub, lang), a->year);
			break;
		case IND_PERIOD_QUARTER:
			n = snprintf(buf, 2 * IND_FMT_MAX, fi ? "%d." EN_DASH "%d. nelj. %d" : sv ? "kvartal %d" EN_DASH "%d %d"
					: "Q%d" EN_DASH "Q%d %d", a->sub, b->sub, a->year);
			break;
		case IND_PERIOD_WEEK:
			n = snprintf(buf, 2 * IND_FMT_MAX, fi ? "vko %d" EN_DASH "%d/%d" : sv ? "vecka %d" EN_DASH "%d %d"
					: "weeks %d" EN_DASH "%d, %d", a->sub, b->sub, a->year);
			break;
		case IND_PERIOD_YEAR:
		case IND_PERIOD_DAY:
		case IND_PERIOD_NUMERIC:
		default:
			break;
		}
		if (n > 0)
			return buf;
	}
	if (a->kind == IND_PERIOD_YEAR && b->kind == IND_PERIOD_YEAR)
		snprintf(buf, 2 * IND_FMT_MAX, "%d" EN_DASH "%d", a->year, b->year);
	else	/* a no-break space keeps the dash off the start of a line */
		snprintf(buf, 2 * IND_FMT_MAX, "%s" NBSP EN_DASH " %s", ind_fmt_period(a, lang, x), ind_fmt_period(b, lang, y));
	return buf;
}

int ind_text_decimals(double est, double lo, double hi, int digits)
{
	double m = isfinite(est) ? fabs(est) : 0;
	if (isfinite(lo) && isfinite(hi) && fabs(hi - lo) > m)
		m = fabs(hi - lo);
	return sig_decimals(m, digits);
}

const char *ind_text_p(double p, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	char v[IND_FMT_MAX];
	if (!isfinite(p) || p < 0 || p > 1)
		buf[0] = '\0';
	else if (p < 0.001)
		snprintf(buf, IND_FMT_MAX, "p" NBSP "<" NBSP "%s", lang != IND_LANG_EN ? "0,001" : "0.001");
	else
		snprintf(buf, IND_FMT_MAX, "p" NBSP "=" NBSP "%s", ind_text_fixed(p, 3, lang, v));
	return buf;
}

const char *ind_text_interval(double lo, double hi, int decimals, enum ind_lang lang, char buf[2 * IND_FMT_MAX])
{
	char a[IND_FMT_MAX], b[IND_FMT_MAX];
	if (!isfinite(lo) || !isfinite(hi))
		buf[0] = '\0';
	else
		snprintf(buf, 2 * IND_FMT_MAX, "%s" NBSP ELLIPSIS NBSP "%s", ind_text_fixed(lo, decimals, lang, a),
			 ind_text_fixed(hi, decimals, lang, b));
	return buf;
}

const char *ind_text_ci(double est, double lo, double hi, int digits, enum ind_lang lang, char buf[3 * IND_FMT_MAX])
{
	char e[IND_FMT_MAX], iv[2 * IND_FMT_MAX];
	int dec = ind_text_decimals(est, lo, hi, digits);
	if (!isfinite(est))
		buf[0] = '\0';
	else if (!isfinite(lo) || !isfinite(hi))
		snprintf(buf, 3 * IND_FMT_MAX, "%s", ind_text_fixed(est, dec, lang, e));
	else
		snprintf(buf, 3 * IND_FMT_MAX, "%s (%s)", ind_text_fixed(est, dec, lang, e),
			 ind_text_interval(lo, hi, dec, lang, iv));
	return buf;
}

const char *ind_text_conf_label(double level, enum ind_lang lang, char buf[IND_FMT_MAX])
{
	char v[IND_FMT_MAX];
	if (!isfinite(level) || level <= 0 || level >= 100) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(v, sizeof v, "%.10g", level);
	if (lang != IND_LANG_EN && strchr(v, '.'))
		*strchr(v, '.') = ',';
	snprintf(buf, IND_FMT_MAX, lang == IND_LANG_FI ? "%s" NBSP "%%:n lv" : lang == IND_LANG_SV ? "%s" NBSP "%% KI" : "%s%% CI", v);
	return buf;
}

/* Column, then its label in Finnish, English and Swedish (the order of enum ind_lang is EN, FI, SV). */
static const char *const labels[][4] = {
	{ "region", "Alue", "Region", "Omr\xc3\xa5" "de" },
	{ "indicator", "Indikaattori", "Indicator", "Indikator" },
	{ "period", "Ajanjakso", "Period", "Period" },
	{ "value", "Arvo", "Value", "V\xc3\xa4rde" },
	{ "numerator", "Osoittaja", "Numerator", "T\xc3\xa4ljare" },
	{ "denominator", "Nimitt\xc3\xa4j\xc3\xa4", "Denominator", "N\xc3\xa4mnare" },
	{ "unit", "Yksikk\xc3\xb6", "Unit", "Enhet" },
	{ "n", "n", "n", "n" },
	{ "n_missing", "Puuttuvia", "Missing", "Saknas" },
	{ "start", "Alku", "Start", "B\xc3\xb6rjan" },
	{ "end", "Loppu", "End", "Slut" },
	{ "slope", "Muutos/v", "Change/yr", "F\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r" },
	{ "slope_se", "Muutos/v, keskivirhe", "Change/yr, SE", "F\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, medelfel" },
	{ "slope_lo", "Muutos/v, alaraja", "Change/yr, lower limit", "F\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, nedre gr\xc3\xa4ns" },
	{ "slope_hi", "Muutos/v, yl\xc3\xa4raja", "Change/yr, upper limit", "F\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "slope_p", "p", "p", "p" },
	{ "intercept", "Vakiotermi", "Intercept", "Konstant" },
	{ "r2", "R\xc2\xb2", "R\xc2\xb2", "R\xc2\xb2" },
	{ "fit_start", "Trendi alussa", "Trend at start", "Trend vid b\xc3\xb6rjan" },
	{ "fit_end", "Trendi lopussa", "Trend at end", "Trend vid slutet" },
	{ "apc", "Vuosimuutos %", "Annual change %", "\xc3\x85rlig f\xc3\xb6r\xc3\xa4ndring %" },
	{ "apc_lo", "Vuosimuutos %, alaraja", "Annual change %, lower limit", "\xc3\x85rlig f\xc3\xb6r\xc3\xa4ndring %, nedre gr\xc3\xa4ns" },
	{ "apc_hi", "Vuosimuutos %, yl\xc3\xa4raja", "Annual change %, upper limit", "\xc3\x85rlig f\xc3\xb6r\xc3\xa4ndring %, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "mk_s", "Mann-Kendallin S", "Mann-Kendall S", "Mann-Kendall S" },
	{ "mk_var", "Mann-Kendallin varianssi", "Mann-Kendall variance", "Mann-Kendall varians" },
	{ "mk_z", "Mann-Kendallin z", "Mann-Kendall z", "Mann-Kendall z" },
	{ "mk_p", "p (Mann-Kendall)", "p (Mann-Kendall)", "p (Mann-Kendall)" },
	{ "mk_tau", "Kendallin \xcf\x84", "Kendall's \xcf\x84", "Kendalls \xcf\x84" },
	{ "sen", "Senin kulmakerroin", "Sen's slope", "Sens lutning" },
	{ "sen_lo", "Senin kulmakerroin, alaraja", "Sen's slope, lower limit", "Sens lutning, nedre gr\xc3\xa4ns" },
	{ "sen_hi", "Senin kulmakerroin, yl\xc3\xa4raja", "Sen's slope, upper limit", "Sens lutning, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "dw", "Durbin-Watson", "Durbin-Watson", "Durbin-Watson" },
	{ "acf1", "Autokorrelaatio (viive 1)", "Autocorrelation (lag 1)", "Autokorrelation (f\xc3\xb6rdr\xc3\xb6jning 1)" },
	{ "se_method", "Keskivirheen menetelm\xc3\xa4", "SE method", "Medelfelsmetod" },
	{ "bg_lags", "Breusch-Godfrey, viiveet", "Breusch-Godfrey lags", "Breusch-Godfrey, f\xc3\xb6rdr\xc3\xb6jningar" },
	{ "bg_stat", "Breusch-Godfrey, testisuure", "Breusch-Godfrey statistic", "Breusch-Godfrey, teststorhet" },
	{ "bg_p", "p (Breusch-Godfrey)", "p (Breusch-Godfrey)", "p (Breusch-Godfrey)" },
	{ "caveats", "Huomiot", "Caveats", "F\xc3\xb6rbeh\xc3\xa5ll" },
	{ "jp_k", "Taitekohtia", "Joinpoints", "Brytpunkter" },
	{ "jp_periods", "Taitekohdat", "Joinpoint periods", "Brytpunktsperioder" },
	{ "jp_slopes", "Jaksojen muutos/v", "Segment changes/yr", "Segmentens f\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r" },
	{ "jp_slopes_lo", "Jaksojen muutos/v, alaraja", "Segment changes/yr, lower limit", "Segmentens f\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, nedre gr\xc3\xa4ns" },
	{ "jp_slopes_hi", "Jaksojen muutos/v, yl\xc3\xa4raja", "Segment changes/yr, upper limit", "Segmentens f\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "jp_apcs", "Jaksojen vuosimuutos %", "Segment annual change %", "Segmentens \xc3\xa5rliga f\xc3\xb6r\xc3\xa4ndring %" },
	{ "jp_apcs_lo", "Jaksojen vuosimuutos %, alaraja", "Segment annual change %, lower limit", "Segmentens \xc3\xa5rliga f\xc3\xb6r\xc3\xa4ndring %, nedre gr\xc3\xa4ns" },
	{ "jp_apcs_hi", "Jaksojen vuosimuutos %, yl\xc3\xa4raja", "Segment annual change %, upper limit", "Segmentens \xc3\xa5rliga f\xc3\xb6r\xc3\xa4ndring %, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "aapc", "Keskim\xc3\xa4\xc3\xa4r\xc3\xa4inen vuosimuutos %", "Average annual change %", "Genomsnittlig \xc3\xa5rlig f\xc3\xb6r\xc3\xa4ndring %" },
	{ "aapc_lo", "Keskim\xc3\xa4\xc3\xa4r\xc3\xa4inen vuosimuutos %, alaraja", "Average annual change %, lower limit", "Genomsnittlig \xc3\xa5rlig f\xc3\xb6r\xc3\xa4ndring %, nedre gr\xc3\xa4ns" },
	{ "aapc_hi", "Keskim\xc3\xa4\xc3\xa4r\xc3\xa4inen vuosimuutos %, yl\xc3\xa4raja", "Average annual change %, upper limit", "Genomsnittlig \xc3\xa5rlig f\xc3\xb6r\xc3\xa4ndring %, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "at", "Muutos alkoi", "Intervention", "F\xc3\xb6r\xc3\xa4ndringen b\xc3\xb6rjade" },
	{ "label", "Muutos", "Change", "F\xc3\xb6r\xc3\xa4ndring" },
	{ "n_pre", "n ennen", "n before", "n f\xc3\xb6re" },
	{ "n_post", "n j\xc3\xa4lkeen", "n after", "n efter" },
	{ "mean_pre", "Keskiarvo ennen", "Mean before", "Medelv\xc3\xa4rde f\xc3\xb6re" },
	{ "mean_post", "Keskiarvo j\xc3\xa4lkeen", "Mean after", "Medelv\xc3\xa4rde efter" },
	{ "median_pre", "Mediaani ennen", "Median before", "Median f\xc3\xb6re" },
	{ "median_post", "Mediaani j\xc3\xa4lkeen", "Median after", "Median efter" },
	{ "diff", "Ero", "Difference", "Skillnad" },
	{ "diff_lo", "Ero, alaraja", "Difference, lower limit", "Skillnad, nedre gr\xc3\xa4ns" },
	{ "diff_hi", "Ero, yl\xc3\xa4raja", "Difference, upper limit", "Skillnad, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "rel_change", "Suhteellinen muutos", "Relative change", "Relativ f\xc3\xb6r\xc3\xa4ndring" },
	{ "welch_t", "t (Welch)", "t (Welch)", "t (Welch)" },
	{ "welch_df", "Vapausasteet (Welch)", "df (Welch)", "Frihetsgrader (Welch)" },
	{ "welch_p", "p (Welch)", "p (Welch)", "p (Welch)" },
	{ "mw_u", "U (Mann-Whitney)", "U (Mann-Whitney)", "U (Mann-Whitney)" },
	{ "mw_p", "p (Mann-Whitney)", "p (Mann-Whitney)", "p (Mann-Whitney)" },
	{ "hedges_g", "Hedgesin g", "Hedges' g", "Hedges g" },
	{ "level", "Tason muutos", "Level change", "Niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring" },
	{ "level_se", "Tason muutos, keskivirhe", "Level change, SE", "Niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring, medelfel" },
	{ "level_lo", "Tason muutos, alaraja", "Level change, lower limit", "Niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring, nedre gr\xc3\xa4ns" },
	{ "level_hi", "Tason muutos, yl\xc3\xa4raja", "Level change, upper limit", "Niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "level_p", "p", "p", "p" },
	{ "slope_change", "Trendin muutos/v", "Slope change/yr", "Trendf\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r" },
	{ "slope_change_se", "Trendin muutos/v, keskivirhe", "Slope change/yr, SE", "Trendf\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, medelfel" },
	{ "slope_change_lo", "Trendin muutos/v, alaraja", "Slope change/yr, lower limit", "Trendf\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, nedre gr\xc3\xa4ns" },
	{ "slope_change_hi", "Trendin muutos/v, yl\xc3\xa4raja", "Slope change/yr, upper limit", "Trendf\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "slope_change_p", "p (trendi)", "p (slope)", "p (trend)" },
	{ "pre_slope", "Trendi ennen/v", "Trend before/yr", "Trend f\xc3\xb6re/\xc3\xa5r" },
	{ "effect_end", "Vaikutus lopussa", "Effect at end", "Effekt vid slutet" },
	{ "effect_end_lo", "Vaikutus lopussa, alaraja", "Effect at end, lower limit", "Effekt vid slutet, nedre gr\xc3\xa4ns" },
	{ "effect_end_hi", "Vaikutus lopussa, yl\xc3\xa4raja", "Effect at end, upper limit", "Effekt vid slutet, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "effect_end_rel", "Vaikutus lopussa %", "Effect at end %", "Effekt vid slutet %" },
	{ "model", "Malli", "Model", "Modell" },
	{ "rho", "Autokorrelaatio \xcf\x81", "Autocorrelation \xcf\x81", "Autokorrelation \xcf\x81" },
	{ "rr_level", "Tason suhde", "Rate ratio (level)", "Kvot (niv\xc3\xa5)" },
	{ "rr_level_lo", "Tason suhde, alaraja", "Rate ratio (level), lower limit", "Kvot (niv\xc3\xa5), nedre gr\xc3\xa4ns" },
	{ "rr_level_hi", "Tason suhde, yl\xc3\xa4raja", "Rate ratio (level), upper limit", "Kvot (niv\xc3\xa5), \xc3\xb6vre gr\xc3\xa4ns" },
	{ "rr_slope", "Trendin suhde/v", "Rate ratio (slope)/yr", "Kvot (trend)/\xc3\xa5r" },
	{ "rr_slope_lo", "Trendin suhde/v, alaraja", "Rate ratio (slope)/yr, lower limit", "Kvot (trend)/\xc3\xa5r, nedre gr\xc3\xa4ns" },
	{ "rr_slope_hi", "Trendin suhde/v, yl\xc3\xa4raja", "Rate ratio (slope)/yr, upper limit", "Kvot (trend)/\xc3\xa5r, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "dispersion", "Dispersio", "Dispersion", "Dispersion" },
	{ "p_pre", "Osuus ennen", "Share before", "Andel f\xc3\xb6re" },
	{ "p_post", "Osuus j\xc3\xa4lkeen", "Share after", "Andel efter" },
	{ "prop_diff", "Osuuksien ero", "Difference in shares", "Skillnad i andelar" },
	{ "prop_lo", "Osuuksien ero, alaraja", "Difference in shares, lower limit", "Skillnad i andelar, nedre gr\xc3\xa4ns" },
	{ "prop_hi", "Osuuksien ero, yl\xc3\xa4raja", "Difference in shares, upper limit", "Skillnad i andelar, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "prop_p", "p (osuudet)", "p (shares)", "p (andelar)" },
	{ "control", "Vertailualueet", "Controls", "Kontrollomr\xc3\xa5" "den" },
	{ "did", "Ero vertailualueisiin", "Difference-in-differences", "Skillnad mot kontrollomr\xc3\xa5" "den" },
	{ "did_lo", "Ero vertailualueisiin, alaraja", "Difference-in-differences, lower limit", "Skillnad mot kontrollomr\xc3\xa5" "den, nedre gr\xc3\xa4ns" },
	{ "did_hi", "Ero vertailualueisiin, yl\xc3\xa4raja", "Difference-in-differences, upper limit", "Skillnad mot kontrollomr\xc3\xa5" "den, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "did_p", "p (vertailu)", "p (controls)", "p (kontroll)" },
	{ "boot_lo", "Bootstrap, alaraja", "Bootstrap, lower limit", "Bootstrap, nedre gr\xc3\xa4ns" },
	{ "boot_hi", "Bootstrap, yl\xc3\xa4raja", "Bootstrap, upper limit", "Bootstrap, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "mde_level", "Pienin havaittava tason muutos", "Minimum detectable level change", "Minsta detekterbara niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring" },
	{ "mde_slope", "Pienin havaittava trendin muutos/v", "Minimum detectable slope change/yr", "Minsta detekterbara trendf\xc3\xb6r\xc3\xa4ndring/\xc3\xa5r" },
	{ "power_level", "Testin voima (tason muutos)", "Power (level change)", "Styrka (niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring)" },
	{ "followup_needed", "Seurantaa tarvitaan (jaksoja)", "Follow-up needed (periods)", "Uppf\xc3\xb6ljning som beh\xc3\xb6vs (perioder)" },
	{ "power_level_sim", "Testin voima (tason muutos, simuloitu)", "Power (level change, simulated)", "Styrka (niv\xc3\xa5" "f\xc3\xb6r\xc3\xa4ndring, simulerad)" },
	{ "placebo_n", "Lumeajankohtia", "Placebo dates", "Placebotidpunkter" },
	{ "placebo_p", "p (lumeajankohdat)", "p (placebo dates)", "p (placebotidpunkter)" },
	{ "space_placebo_n", "Lumealueita", "Placebo regions", "Placeboomr\xc3\xa5" "den" },
	{ "space_placebo_p", "p (lumealueet)", "p (placebo regions)", "p (placeboomr\xc3\xa5" "den)" },
	{ "fit", "Trendi", "Trend", "Trend" },
	{ "fit_lo", "Trendi, alaraja", "Trend, lower limit", "Trend, nedre gr\xc3\xa4ns" },
	{ "fit_hi", "Trendi, yl\xc3\xa4raja", "Trend, upper limit", "Trend, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "counterfactual", "Ilman muutosta", "Counterfactual", "Utan f\xc3\xb6r\xc3\xa4ndring" },
	{ "cf_lo", "Ilman muutosta, alaraja", "Counterfactual, lower limit", "Utan f\xc3\xb6r\xc3\xa4ndring, nedre gr\xc3\xa4ns" },
	{ "cf_hi", "Ilman muutosta, yl\xc3\xa4raja", "Counterfactual, upper limit", "Utan f\xc3\xb6r\xc3\xa4ndring, \xc3\xb6vre gr\xc3\xa4ns" },
	{ "phase", "Vaihe", "Phase", "Fas" },
	{ "segment", "Jakso", "Segment", "Segment" },
};

const char *ind_column_label(const char *column, enum ind_lang lang)
{
	int k = lang == IND_LANG_FI ? 1 : lang == IND_LANG_SV ? 3 : 2;
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], column) == 0)
			return labels[i][k];
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

/*
 * Where s starts a line, "6. GROSS INCOME" would be a numbered list, "- x",
 * "+ x" or "# x" a list or a heading: the marker's character gets a backslash.
 * Returns the offset of that character, or -1.
 */
static long block_marker(const char *s)
{
	size_t d = strspn(s, "0123456789");
	if (d > 0 && d <= 9 && (s[d] == '.' || s[d] == ')') && (s[d + 1] == ' ' || s[d + 1] == '\t' || !s[d + 1]))
		return (long)d;
	if ((s[0] == '-' || s[0] == '+' || s[0] == '#') && (s[1] == ' ' || s[1] == '\t' || !s[1] || (s[0] == '#' && s[1] == '#')))
		return 0;
	return -1;
}

void ind_md_text(FILE *fp, const char *s)
{
	const char *start = s;
	long marker = block_marker(s);
	for (; *s; s++) {
		if (s - start == marker)
			fputc('\\', fp);
		unsigned char ch = (unsigned char)*s;
		if (ch == '_' && s > start && ascii_alnum((unsigned char)s[-1]) && ascii_alnum((unsigned char)s[1])) {
			fputc('_', fp);	/* inside a word (slope_lo) it cannot open or close emphasis */
			continue;
		}
		if (ch == '\r' || ch == '\n') {
			fputc(' ', fp);
			if (ch == '\r' && s[1] == '\n')
				s++;
		} else if (ch == '<' && !(s[1] >= '0' && s[1] <= '9') && !(s[1] == ' ') &&
			   !((unsigned char)s[1] == 0xC2 && (unsigned char)s[2] == 0xA0)) {
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

void ind_fmt_window_append(const struct ind_period *a, const struct ind_period *b, enum ind_lang lang, char *buf,
			   size_t size)
{
	char fa[IND_FMT_MAX], fb[IND_FMT_MAX];
	size_t len = strlen(buf);
	ind_fmt_period(a, lang, fa);
	ind_fmt_period(b, lang, fb);
	snprintf(buf + len, size - len, "%s%s \xe2\x80\x93 %s", len ? ", " : "", fa, fb);
}
