/* fmt.h - numbers, p-values, periods and column labels for people, in Finnish, English or Swedish. See LICENSE. */
#ifndef IND_FMT_H
#define IND_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "period.h"

enum ind_lang { IND_LANG_EN, IND_LANG_FI, IND_LANG_SV };

/* "fi", "en" or "sv" into *lang; false for anything else. Swedish writes numbers as Finnish does. */
bool ind_lang_parse(const char *s, enum ind_lang *lang);

#define IND_FMT_MAX 96

/*
 * x with digits significant digits, but never rounding the integer part
 * (2232 stays 2232 with 3 digits, 0.012345 becomes 0.0123); in Finnish
 * with a decimal comma and, from 1000 up, no-break spaces between groups
 * of three ("1 234,5"); Swedish as Finnish. NaN gives "". The result is in buf.
 */
const char *ind_fmt_number(double x, int digits, enum ind_lang lang, char buf[IND_FMT_MAX]);

/* A p-value: "<0.001" below 0.001, otherwise three decimals ("0.043"); decimal comma in Finnish and Swedish. */
const char *ind_fmt_p(double p, enum ind_lang lang, char buf[IND_FMT_MAX]);

/*
 * "12.3 (8.10–16.7)" with an en dash, each part with digits significant digits of
 * its own (ind_text_ci gives the three one precision); a NaN limit leaves the
 * interval out.
 */
const char *ind_fmt_ci(double est, double lo, double hi, int digits, enum ind_lang lang, char buf[3 * IND_FMT_MAX]);

/*
 * A period for a reader: "maaliskuu 2021" / "March 2021" / "mars 2021", "3. nelj. 2021" /
 * "Q3 2021" / "kvartal 3 2021", "vko 5/2021" / "week 5, 2021" / "vecka 5 2021".
 */
const char *ind_fmt_period(const struct ind_period *p, enum ind_lang lang, char buf[IND_FMT_MAX]);

/*
 * The label of a known column in sentence case ("slope" -> "Muutos/v", "Change/yr",
 * "Förändring/år"); every summary column of ind-trend and ind-compare and every
 * canonical column has one in each language. NULL for unknown columns. Static text.
 */
const char *ind_column_label(const char *column, enum ind_lang lang);

/*
 * Text for people: ind_text_* write numbers, intervals, p-values and periods into
 * sentences and table cells. fi and sv: decimal comma, no-break spaces (U+00A0)
 * between groups of three digits from 1000 up, the minus sign U+2212; en: decimal
 * point, commas between groups, '-'. A NaN or infinite input gives "" (never a
 * number that is not there). Each writes to buf and returns it.
 */

/*
 * The one decimals rule for an estimate and its interval: digits significant
 * digits of the larger of |est| and the interval's width hi - lo (a NaN lo or hi
 * counts as no interval), never fewer than 0 decimals or more than 15; 0 when
 * both are 0 or NaN. Estimate and limits are then printed with these decimals,
 * so an estimate never has more precision than its interval shows.
 */
int ind_text_decimals(double est, double lo, double hi, int digits);

/* x with exactly decimals decimals (0 to 15) in lang: "−1 234,50" fi/sv, "-1,234.50" en; never "−0". */
const char *ind_text_fixed(double x, int decimals, enum ind_lang lang, char buf[IND_FMT_MAX]);

/* x with digits significant digits as ind_fmt_number, in any of the three languages. */
const char *ind_text_number(double x, int digits, enum ind_lang lang, char buf[IND_FMT_MAX]);

/*
 * A p-value for a sentence: "p = 0,043" (three decimals), "p < 0,001" below 0.001;
 * no-break spaces around the sign, so "p" never ends a line. "" for NaN or a p
 * outside [0, 1].
 */
const char *ind_text_p(double p, enum ind_lang lang, char buf[IND_FMT_MAX]);

/*
 * The interval lo … hi with decimals decimals: "−367 … −292" (no-break spaces
 * around the ellipsis, so negative limits stay readable and the interval one
 * unit). "" when lo or hi is NaN.
 */
const char *ind_text_interval(double lo, double hi, int decimals, enum ind_lang lang, char buf[2 * IND_FMT_MAX]);

/*
 * An estimate with its interval under the decimals rule: "−1 008 (−2 059 … 44)";
 * only the estimate when lo or hi is NaN; "" when est is NaN.
 */
const char *ind_text_ci(double est, double lo, double hi, int digits, enum ind_lang lang, char buf[3 * IND_FMT_MAX]);

/* The name of a level% interval: "95 %:n lv" (fi), "95% CI" (en), "95 % KI" (sv), no-break space before %. */
const char *ind_text_conf_label(double level, enum ind_lang lang, char buf[IND_FMT_MAX]);

/* One period, as ind_fmt_period ("maaliskuu 2021", "March 2021", "mars 2021"). */
const char *ind_text_period(const struct ind_period *p, enum ind_lang lang, char buf[IND_FMT_MAX]);

/*
 * From a to b for a reader. Months of one year: "maalis–joulukuu 2020",
 * "March–December 2020", "mars–december 2020"; across years "maaliskuu 2020 –
 * joulukuu 2021" (spaced en dash, a no-break space before it); years "2017–2020";
 * quarters and weeks of one year "Q1–Q3 2021", "1.–3. nelj. 2021", "kvartal 1–3
 * 2021", "weeks 5–9, 2021", "vko 5–9/2021", "vecka 5–9 2021"; one period when a
 * and b are the same; other pairs as the two periods around a spaced en dash.
 */
const char *ind_text_period_range(const struct ind_period *a, const struct ind_period *b, enum ind_lang lang,
				  char buf[2 * IND_FMT_MAX]);

/* True for columns holding p-values (named p, *_p). */
bool ind_column_is_p(const char *column);

/*
 * s as Markdown text that renders as s in pandoc and on GitHub (CommonMark/GFM), in a
 * table cell, a heading, a paragraph or an image's alt text: \ ` * _ [ ] | get a
 * backslash; < and > become &lt; and &gt;, so no raw HTML (<script>, <img onerror=...>)
 * gets through; a line break (LF, CR or CRLF) becomes one space, so a cell or a heading
 * stays one line. Two stay as they are because they cannot start markup there: a <
 * before a digit or a space (p <0.001, p < 0,001: no tag starts so) and a _ between ASCII letters or digits (slope_lo).
 */
void ind_md_text(FILE *fp, const char *s);

/*
 * CSV and TSV written for people, to open in a spreadsheet (ind-table -f csv/tsv, the
 * report's statistics.csv), not the canonical stream: true when the cell s must be
 * written with a leading ' so that Excel or LibreOffice does not run it as a formula
 * (OWASP "CSV injection"): it starts with =, +, -, @, a tab or a CR and is not a
 * number. Numbers stay as they are: -1.5, -1,5, +3, -1 234,5, -12%, and a lone "-".
 */
bool ind_cell_needs_guard(const char *s);

/* A window FROM..TO for people ("maaliskuu 2020 – joulukuu 2020"), appended to buf after ", " when buf holds one already. */
void ind_fmt_window_append(const struct ind_period *a, const struct ind_period *b, enum ind_lang lang, char *buf,
			   size_t size);

#endif
