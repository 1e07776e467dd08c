/* fmt.h - numbers, p-values, periods and column labels for people, in Finnish or English. See LICENSE. */
#ifndef IND_FMT_H
#define IND_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "period.h"

enum ind_lang { IND_LANG_EN, IND_LANG_FI };

/* "fi" or "en" into *lang; false for anything else. */
bool ind_lang_parse(const char *s, enum ind_lang *lang);

#define IND_FMT_MAX 96

/*
 * x with digits significant digits, but never rounding the integer part
 * (2232 stays 2232 with 3 digits, 0.012345 becomes 0.0123); in Finnish
 * with a decimal comma and, from 1000 up, no-break spaces between groups
 * of three ("1 234,5"). NaN gives "". The result is in buf.
 */
const char *ind_fmt_number(double x, int digits, enum ind_lang lang, char buf[IND_FMT_MAX]);

/* A p-value: "<0.001" below 0.001, otherwise three decimals ("0.043"); decimal comma in Finnish. */
const char *ind_fmt_p(double p, enum ind_lang lang, char buf[IND_FMT_MAX]);

/* "12.3 (8.1–16.7)" with an en dash; any NaN part gives "" for the interval. */
const char *ind_fmt_ci(double est, double lo, double hi, int digits, enum ind_lang lang, char buf[3 * IND_FMT_MAX]);

/* A period for a reader: "maaliskuu 2021" / "March 2021", "Q3 2021", "vko 5/2021" / "week 5, 2021". */
const char *ind_fmt_period(const struct ind_period *p, enum ind_lang lang, char buf[IND_FMT_MAX]);

/* The label of a known column ("slope" -> "Muutos/v" or "Change/yr"); NULL for unknown columns. */
const char *ind_column_label(const char *column, enum ind_lang lang);

/* True for columns holding p-values (named p, *_p). */
bool ind_column_is_p(const char *column);

/*
 * s as Markdown text that renders as s in pandoc and on GitHub (CommonMark/GFM), in a
 * table cell, a heading, a paragraph or an image's alt text: \ ` * _ [ ] | get a
 * backslash; < and > become &lt; and &gt;, so no raw HTML (<script>, <img onerror=...>)
 * gets through; a line break (LF, CR or CRLF) becomes one space, so a cell or a heading
 * stays one line. Two stay as they are because they cannot start markup there: a <
 * before a digit (p <0.001) and a _ between ASCII letters or digits (slope_lo).
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

#endif
