/* ind-table - report-ready tables from any stream of the suite. See LICENSE. */
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "err.h"
#include "fmt.h"
#include "num.h"
#include "opt.h"
#include "period.h"
#include "reader.h"
#include "table.h"
#include "writer.h"

enum { OPT_DIGITS = CHAR_MAX + 1, OPT_CI, OPT_LANG, OPT_PIVOT, OPT_LAST, OPT_CAPTION, OPT_RAW };
enum format { F_TEXT, F_MARKDOWN, F_CSV, F_TSV, F_HTML, F_LATEX, F_JSON };

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "columns", required_argument, NULL, 'c' },
	{ "digits", required_argument, NULL, OPT_DIGITS },
	{ "ci", no_argument, NULL, OPT_CI },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "pivot", required_argument, NULL, OPT_PIVOT },
	{ "last", required_argument, NULL, OPT_LAST },
	{ "caption", required_argument, NULL, OPT_CAPTION },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void usage(void)
{
	fputs("Usage: ind-table [OPTION]... [FILE]\n"
	      "Turn a stream of the suite (canonical rows, or --summary rows of ind-trend and\n"
	      "ind-compare) into a table for a report.\n"
	      "\n", stdout);
	fputs("  -f, --format=FORMAT         text (default), markdown, csv, tsv, html, latex\n"
	      "                                or json\n"
	      "  -c, --columns=LIST          columns to show, in order: name or name:Label\n"
	      "      --digits=N              significant digits (default 3); integer parts\n"
	      "                                are never rounded\n"
	      "      --ci                    join X with X_lo and X_hi: '12.3 (8.1-16.7)'\n"
	      "      --lang=LANG             fi or en: number format, headers, month names\n"
	      "      --pivot=period          one row per region (and indicator), periods as\n"
	      "                                columns, values in the cells\n"
	      "      --last=N                with --pivot: only the last N periods\n"
	      "      --caption=TEXT          table caption (html, latex, markdown, text)\n"
	      "  -o, --output=FILE           write to FILE (atomically) instead of stdout\n"
	      "  -h, --help                  display this help and exit\n"
	      "  -V, --version               output version information and exit\n"
	      "\n"
	      "p-values (columns p and *_p) are shown as <0.001 or with three decimals.\n"
	      "csv, tsv and json keep the numbers as they are unless --lang or --digits is given.\n"
	      "\n"
	      "Examples:\n"
	      "  $ ind-trend --summary x.csv | ind-table -c region,slope:Change,slope_p --ci\n"
	      "  $ ind-table --pivot period --last 4 --lang fi -f html x.csv > t.html\n"
	      "\n"
	      "See ind-table(1).\n", stdout);
}

/* --pivot period: rows per region (and indicator when there are several), a column per period. */
static void pivot(struct ind_table *t, long last)
{
	int cr = ind_table_col(t, "region"), ci = ind_table_col(t, "indicator"), cp = ind_table_col(t, "period"), cv = ind_table_col(t, "value");
	struct ind_period *periods;
	char (*ptext)[IND_PERIOD_TEXT_MAX];
	size_t np = 0, first = 0, keycols;
	struct ind_table p = { 0 };
	bool many = false;

	if (cr < 0 || cp < 0 || cv < 0)
		ind_die(IND_EXIT_DATA, "--pivot period needs the columns region, period and value");
	periods = malloc((t->nrows ? t->nrows : 1) * sizeof *periods);
	ptext = malloc((t->nrows ? t->nrows : 1) * sizeof *ptext);
	if (!periods || !ptext)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t r = 0; r < t->nrows; r++) {
		struct ind_period q;
		const char *why;
		size_t k;
		if (ci >= 0 && strcmp(t->cell[r][ci], t->cell[0][ci]) != 0)
			many = true;
		if (!ind_period_parse(t->cell[r][cp], strlen(t->cell[r][cp]), &q, &why))
			ind_die(IND_EXIT_DATA, "row %zu: period '%s': %s", r + 2, t->cell[r][cp], why);
		for (k = 0; k < np && ind_period_cmp(&periods[k], &q) != 0; k++)
			;
		if (k == np)
			periods[np++] = q;
	}
	/* sort the distinct periods (few: insertion sort) */
	for (size_t a = 1; a < np; a++)
		for (size_t b = a; b > 0 && ind_period_cmp(&periods[b], &periods[b - 1]) < 0; b--) {
			struct ind_period tmp = periods[b];
			periods[b] = periods[b - 1];
			periods[b - 1] = tmp;
		}
	if (last > 0 && (size_t)last < np)
		first = np - (size_t)last;
	keycols = many ? 2 : 1;
	p.ncols = keycols + (np - first);
	if (!(p.head = calloc(p.ncols, sizeof *p.head)))
		ind_die(IND_EXIT_DATA, "out of memory");
	p.head[0] = ind_strndup_or_die("region", 6);
	if (many)
		p.head[1] = ind_strndup_or_die("indicator", 9);
	for (size_t k = first; k < np; k++) {
		ind_period_format(&periods[k], ptext[k]);
		p.head[keycols + k - first] = ind_strndup_or_die(ptext[k], strlen(ptext[k]));
	}
	for (size_t r = 0; r < t->nrows; r++) {
		struct ind_period q;
		size_t row, k;
		ind_period_parse(t->cell[r][cp], strlen(t->cell[r][cp]), &q, NULL);
		for (k = first; k < np && ind_period_cmp(&periods[k], &q) != 0; k++)
			;
		if (k == np)
			continue;	/* before the last N */
		for (row = 0; row < p.nrows; row++)
			if (strcmp(p.cell[row][0], t->cell[r][cr]) == 0 &&
			    (!many || strcmp(p.cell[row][1], t->cell[r][ci]) == 0))
				break;
		if (row == p.nrows) {
			char **cells = calloc(p.ncols, sizeof *cells);
			if (!cells)
				ind_die(IND_EXIT_DATA, "out of memory");
			cells[0] = ind_strndup_or_die(t->cell[r][cr], strlen(t->cell[r][cr]));
			if (many)
				cells[1] = ind_strndup_or_die(t->cell[r][ci], strlen(t->cell[r][ci]));
			for (size_t c = keycols; c < p.ncols; c++)
				cells[c] = ind_strndup_or_die("", 0);
			ind_table_add(&p, cells, 0);
		}
		free(p.cell[row][keycols + k - first]);
		p.cell[row][keycols + k - first] = ind_strndup_or_die(t->cell[r][cv], strlen(t->cell[r][cv]));
	}
	free(periods);
	free(ptext);
	ind_table_free(t);
	*t = p;
}

/* A shown column: where it comes from and how it is labelled. */
struct shown {
	int col, lo, hi;	/* lo, hi >= 0: shown as an interval (--ci) */
	char label[256];
	bool numeric, is_p, is_period;
};

static bool is_number(const char *s)
{
	struct ind_num n;
	return *s && ind_num_parse(s, strlen(s), '.', IND_DASH_MISSING, &n) == IND_NUM_OK;
}

/* CI partner columns: X_lo/X_hi, and the few whose names differ. */
static void partners(const struct ind_table *t, const char *name, int *lo, int *hi)
{
	static const char *const special[][3] = { { "prop_diff", "prop_lo", "prop_hi" } };
	char a[160], b[160];
	*lo = *hi = -1;
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (strcmp(name, special[i][0]) == 0) {
			*lo = ind_table_col(t, special[i][1]);
			*hi = ind_table_col(t, special[i][2]);
			return;
		}
	snprintf(a, sizeof a, "%s_lo", name);
	snprintf(b, sizeof b, "%s_hi", name);
	*lo = ind_table_col(t, a);
	*hi = ind_table_col(t, b);
	if (*lo < 0 || *hi < 0)
		*lo = *hi = -1;
}

struct settings {
	enum format format;
	int digits;
	bool digits_given, ci, lang_given;
	enum ind_lang lang;
	const char *caption;
};

/* The text of one cell as shown. */
static const char *cell_text(const struct ind_table *t, size_t r, const struct shown *s, const struct settings *st,
			     char *buf, size_t size)
{
	const char *raw = t->cell[r][s->col];
	bool human = st->format != F_CSV && st->format != F_TSV && st->format != F_JSON;
	char tmp[3 * IND_FMT_MAX];

	if (!human && !st->digits_given && !st->lang_given && s->lo < 0)
		return raw;
	if (s->is_period && st->lang_given && human) {
		struct ind_period p;
		if (ind_period_parse(raw, strlen(raw), &p, NULL)) {
			ind_fmt_period(&p, st->lang, tmp);
			snprintf(buf, size, "%s", tmp);
			return buf;
		}
		return raw;
	}
	if (!is_number(raw))
		return raw;
	if (s->is_p) {
		snprintf(buf, size, "%s", ind_fmt_p(strtod(raw, NULL), st->lang, tmp));
	} else if (s->lo >= 0 && is_number(t->cell[r][s->lo]) && is_number(t->cell[r][s->hi])) {
		snprintf(buf, size, "%s", ind_fmt_ci(strtod(raw, NULL), strtod(t->cell[r][s->lo], NULL),
						     strtod(t->cell[r][s->hi], NULL), st->digits, st->lang, tmp));
	} else if (!strpbrk(raw, ".eE")) {
		/* whole numbers stay whole: 96 is not 96.0 */
		snprintf(buf, size, "%s", ind_fmt_number(strtod(raw, NULL), 1, st->lang, tmp));
	} else {
		snprintf(buf, size, "%s", ind_fmt_number(strtod(raw, NULL), st->digits, st->lang, tmp));
	}
	return buf;
}

static void put_escaped(FILE *fp, const char *s, enum format f)
{
	if (f == F_TEXT) {	/* for a terminal: control characters as \x1b, as in the messages */
		ind_fputs_visible(s, fp);
		return;
	}
	if (f == F_MARKDOWN) {	/* | < > ` * _ [ ] escaped, line breaks as spaces */
		ind_md_text(fp, s);
		return;
	}
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (f == F_LATEX && (ch < 0x20 || ch == 0x7f)) {
			/* a line break (a blank line ends the tabular) or another control character: one space */
			fputc(' ', fp);
			if (ch == '\r' && s[1] == '\n')
				s++;
		} else if (f == F_HTML && (ch == '<' || ch == '>' || ch == '&' || ch == '"'))
			fputs(ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : ch == '&' ? "&amp;" : "&quot;", fp);
		else if (f == F_LATEX && strchr("&%$#_{}", ch))
			fprintf(fp, "\\%c", ch);
		else if (f == F_LATEX && (ch == '~' || ch == '^' || ch == '\\'))
			fputs(ch == '~' ? "\\textasciitilde{}" : ch == '^' ? "\\textasciicircum{}" : "\\textbackslash{}", fp);
		else if (f == F_LATEX && ch == 0xC2 && (unsigned char)s[1] == 0xA0)
			fputc('~', fp), s++;	/* no-break space */
		else if (f == F_LATEX && ch == 0xE2 && (unsigned char)s[1] == 0x88 && (unsigned char)s[2] == 0x92)
			fputs("$-$", fp), s += 2;	/* minus sign */
		else if (f == F_LATEX && ch == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x93)
			fputs("--", fp), s += 2;	/* en dash */
		else if (f == F_LATEX && (ch == '<' || ch == '>' || ch == '|'))
			fputs(ch == '<' ? "\\textless{}" : ch == '>' ? "\\textgreater{}" : "\\textbar{}", fp);
		else if (f == F_JSON && (ch == '"' || ch == '\\'))
			fprintf(fp, "\\%c", ch);
		else if (f == F_JSON && ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			fputc(ch, fp);
	}
}

/* Display width in characters (UTF-8 code points) of s as f shows it, for aligning text and Markdown tables. */
static size_t width(const char *s, enum format f)
{
	char *buf = NULL;
	size_t len = 0, w = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		ind_die(IND_EXIT_DATA, "out of memory");
	put_escaped(mem, s, f);
	if (fclose(mem) != 0 || !buf)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (const char *p = buf; *p; p++)
		w += ((unsigned char)*p & 0xC0) != 0x80;
	free(buf);
	return w;
}

/* A CSV or TSV cell for a spreadsheet: a leading ' where it would start a formula (ind_cell_needs_guard). */
static void sheet_cell(FILE *fp, struct ind_line *ln, const char *v, enum format f)
{
	char *guarded = NULL;
	if (ind_cell_needs_guard(v)) {
		size_t n = strlen(v);
		if (!(guarded = malloc(n + 2)))
			ind_die(IND_EXIT_DATA, "out of memory");
		guarded[0] = '\'';
		memcpy(guarded + 1, v, n + 1);
		v = guarded;
	}
	if (f == F_CSV) {
		ind_line_str(ln, v);
	} else {
		for (; *v; v++)	/* TSV has no quoting: tabs and newlines become spaces */
			fputc(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v, fp);
	}
	free(guarded);
}

static void write_table(FILE *fp, const struct ind_table *t, const struct shown *sh, size_t ns, const struct settings *st)
{
	char buf[512];
	size_t *w = calloc(ns ? ns : 1, sizeof *w);
	struct ind_line ln = { 0 };

	if (!w)
		ind_die(IND_EXIT_DATA, "out of memory");
	switch (st->format) {
	case F_CSV:
	case F_TSV:
		for (size_t c = 0; c < ns; c++) {
			if (st->format == F_TSV && c)
				fputc('\t', fp);
			sheet_cell(fp, &ln, sh[c].label, st->format);
		}
		if (st->format == F_CSV)
			ind_line_put(&ln, fp);
		else
			fputc('\n', fp);
		for (size_t r = 0; r < t->nrows; r++) {
			ind_line_reset(&ln);
			for (size_t c = 0; c < ns; c++) {
				if (st->format == F_TSV && c)
					fputc('\t', fp);
				sheet_cell(fp, &ln, cell_text(t, r, &sh[c], st, buf, sizeof buf), st->format);
			}
			if (st->format == F_CSV)
				ind_line_put(&ln, fp);
			else
				fputc('\n', fp);
		}
		break;
	case F_JSON:
		fputs("[\n", fp);
		for (size_t r = 0; r < t->nrows; r++) {
			fputs("  {", fp);
			for (size_t c = 0; c < ns; c++) {
				const char *v = cell_text(t, r, &sh[c], st, buf, sizeof buf);
				fprintf(fp, "%s\"", c ? ", " : "");
				put_escaped(fp, sh[c].label, F_JSON);
				fputs("\": ", fp);
				if (!*v)
					fputs("null", fp);
				else if (is_number(v) && !st->lang_given && v == t->cell[r][sh[c].col]) {
					struct ind_num n;
					ind_num_parse(v, strlen(v), '.', IND_DASH_MISSING, &n);
					fputs(n.text, fp);
				} else {
					fputc('"', fp);
					put_escaped(fp, v, F_JSON);
					fputc('"', fp);
				}
			}
			fprintf(fp, "}%s\n", r + 1 < t->nrows ? "," : "");
		}
		fputs("]\n", fp);
		break;
	case F_HTML:
		fputs("<table class=\"ind-table\">\n", fp);
		if (st->caption) {
			fputs("<caption>", fp);
			put_escaped(fp, st->caption, F_HTML);
			fputs("</caption>\n", fp);
		}
		fputs("<thead>\n<tr>", fp);
		for (size_t c = 0; c < ns; c++) {
			fprintf(fp, "<th scope=\"col\"%s>", sh[c].numeric ? " class=\"num\"" : "");
			put_escaped(fp, sh[c].label, F_HTML);
			fputs("</th>", fp);
		}
		fputs("</tr>\n</thead>\n<tbody>\n", fp);
		for (size_t r = 0; r < t->nrows; r++) {
			fputs("<tr>", fp);
			for (size_t c = 0; c < ns; c++) {
				const char *v = cell_text(t, r, &sh[c], st, buf, sizeof buf);
				if (c == 0)
					fputs("<th scope=\"row\">", fp);
				else
					fprintf(fp, "<td%s>", sh[c].numeric ? " class=\"num\"" : "");
				put_escaped(fp, v, F_HTML);
				fputs(c == 0 ? "</th>" : "</td>", fp);
			}
			fputs("</tr>\n", fp);
		}
		fputs("</tbody>\n</table>\n", fp);
		break;
	case F_LATEX:
		fputs("\\begin{table}[htbp]\n\\centering\n", fp);
		if (st->caption) {
			fputs("\\caption{", fp);
			put_escaped(fp, st->caption, F_LATEX);
			fputs("}\n", fp);
		}
		fputs("\\begin{tabular}{", fp);
		for (size_t c = 0; c < ns; c++)
			fputc(sh[c].numeric ? 'r' : 'l', fp);
		fputs("}\n\\toprule\n", fp);
		for (size_t c = 0; c < ns; c++) {
			fputs(c ? " & " : "", fp);
			put_escaped(fp, sh[c].label, F_LATEX);
		}
		fputs(" \\\\\n\\midrule\n", fp);
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < ns; c++) {
				fputs(c ? " & " : "", fp);
				put_escaped(fp, cell_text(t, r, &sh[c], st, buf, sizeof buf), F_LATEX);
			}
			fputs(" \\\\\n", fp);
		}
		fputs("\\bottomrule\n\\end{tabular}\n\\end{table}\n", fp);
		break;
	case F_MARKDOWN:
	case F_TEXT:
	default:
		for (size_t c = 0; c < ns; c++)
			w[c] = width(sh[c].label, st->format);
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < ns; c++) {
				size_t cw = width(cell_text(t, r, &sh[c], st, buf, sizeof buf), st->format);
				if (cw > w[c])
					w[c] = cw;
			}
		if (st->caption) {
			fputs(st->format == F_MARKDOWN ? "**" : "", fp);
			put_escaped(fp, st->caption, st->format);
			fputs(st->format == F_MARKDOWN ? "**\n\n" : "\n\n", fp);
		}
		for (int part = 0; part < 2; part++) {	/* header, then the rule under it */
			for (size_t c = 0; c < ns; c++) {
				size_t pad;
				if (st->format == F_MARKDOWN)
					fputs(c ? " | " : "| ", fp);
				else if (c)
					fputs("  ", fp);
				if (part == 0) {
					pad = w[c] - width(sh[c].label, st->format);
					if (sh[c].numeric)
						fprintf(fp, "%*s", (int)pad, "");
					put_escaped(fp, sh[c].label, st->format);
					if (!sh[c].numeric && (c + 1 < ns || st->format == F_MARKDOWN))
						fprintf(fp, "%*s", (int)pad, "");
				} else {
					for (size_t k = 0; k < w[c]; k++)
						fputc(st->format == F_MARKDOWN && sh[c].numeric && k + 1 == w[c] ? ':' : '-', fp);
				}
			}
			fputs(st->format == F_MARKDOWN ? " |\n" : "\n", fp);
		}
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t c = 0; c < ns; c++) {
				const char *v = cell_text(t, r, &sh[c], st, buf, sizeof buf);
				size_t pad = w[c] - width(v, st->format);
				if (st->format == F_MARKDOWN)
					fputs(c ? " | " : "| ", fp);
				else if (c)
					fputs("  ", fp);
				if (sh[c].numeric)
					fprintf(fp, "%*s", (int)pad, "");
				put_escaped(fp, v, st->format);
				if (!sh[c].numeric && (c + 1 < ns || st->format == F_MARKDOWN))
					fprintf(fp, "%*s", (int)pad, "");
			}
			fputs(st->format == F_MARKDOWN ? " |\n" : "\n", fp);
		}
		break;
	}
	ind_line_free(&ln);
	free(w);
}

int main(int argc, char **argv)
{
	struct settings st = { F_TEXT, 3, false, false, false, IND_LANG_EN, NULL };
	const char *columns = NULL, *output = NULL, *input = "-";
	struct ind_table t = { 0 };
	struct shown *sh;
	size_t ns = 0;
	long last = 0;
	bool do_pivot = false;
	struct ind_error err;
	ind_output *out;
	int c;

	ind_set_progname("ind-table");
	argv[0] = (char *)"ind-table";
	while ((c = getopt_long(argc, argv, "f:c:o:hV", long_options, NULL)) != -1) {
		switch (c) {
		case 'f': {
			static const char *const names[] = { "text", "markdown", "csv", "tsv", "html", "latex", "json", NULL };
			st.format = (enum format)ind_opt_choice("--format", optarg, names);
			break;
		}
		case 'c': columns = optarg; break;
		case OPT_DIGITS:
			st.digits = (int)ind_opt_count("--digits", optarg);
			if (st.digits < 1 || st.digits > 15)
				ind_usage_error("--digits: 1 to 15");
			st.digits_given = true;
			break;
		case OPT_CI: st.ci = true; break;
		case OPT_LANG:
			st.lang = ind_opt_lang(optarg);
			st.lang_given = true;
			break;
		case OPT_PIVOT:
			if (strcmp(optarg, "period") != 0)
				ind_usage_error("--pivot: only 'period' is supported");
			do_pivot = true;
			break;
		case OPT_LAST: last = ind_opt_count("--last", optarg); break;
		case OPT_CAPTION: st.caption = optarg; break;
		case 'o': output = optarg; break;
		case 'h': usage(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		case 'V': ind_opt_version(); return ind_close_stdout() ? IND_EXIT_DATA : IND_EXIT_OK;
		default: ind_usage_try();
		}
	}
	if (argc - optind > 1)
		ind_usage_error("one input at a time");
	if (optind < argc)
		input = argv[optind];
	if (last && !do_pivot)
		ind_usage_error("--last goes with --pivot");
	if (ind_table_read(input, &t, &err) < 0) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (do_pivot)
		pivot(&t, last);

	if (!(sh = calloc(t.ncols + 1, sizeof *sh)))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (columns) {
		const char *p = columns;
		while (*p) {
			const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p), *colon;
			char name[256];
			int col;
			colon = memchr(p, ':', (size_t)(end - p));
			snprintf(name, sizeof name, "%.*s", (int)((colon ? colon : end) - p), p);
			if ((col = ind_table_col(&t, name)) < 0) {
				struct ind_header h = { t.ncols, t.head, NULL, 0 };
				if ((col = ind_column_resolve(&h, name, input, &err)) < 0) {
					ind_error_print(&err);
					free(sh);
					ind_table_free(&t);
					return IND_EXIT_DATA;
				}
			}
			if (ns == t.ncols + 1 || ns > 255)
				ind_usage_error("too many columns");
			sh[ns].col = col;
			snprintf(sh[ns].label, sizeof sh[ns].label, "%.*s", (int)(colon ? end - colon - 1 : 0),
				 colon ? colon + 1 : "");
			ns++;
			p = comma ? comma + 1 : end;
			if (ns > t.ncols)
				break;
		}
	} else {
		for (size_t i = 0; i < t.ncols; i++)
			sh[ns++].col = (int)i;
	}
	/* intervals, labels and alignment */
	{
		size_t kept = 0;
		for (size_t i = 0; i < ns; i++) {
			const char *name = t.head[sh[i].col], *label;
			sh[i].lo = sh[i].hi = -1;
			if (st.ci)
				partners(&t, name, &sh[i].lo, &sh[i].hi);
			sh[i].is_p = ind_column_is_p(name);
			sh[i].is_period = strcmp(name, "period") == 0 || strcmp(name, "at") == 0 ||
					  strcmp(name, "start") == 0 || strcmp(name, "end") == 0;
			if (!sh[i].label[0]) {
				label = st.lang_given ? ind_column_label(name, st.lang) : NULL;
				if (do_pivot && st.lang_given && (int)i >= (ind_table_col(&t, "indicator") >= 0 ? 2 : 1)) {
					struct ind_period p;
					char tmp[IND_FMT_MAX];
					if (ind_period_parse(name, strlen(name), &p, NULL))
						label = ind_fmt_period(&p, st.lang, tmp), snprintf(sh[i].label, sizeof sh[i].label, "%s", label);
				}
				if (!sh[i].label[0])
					snprintf(sh[i].label, sizeof sh[i].label, "%s", label ? label : name);
			}
			sh[i].numeric = t.nrows > 0;
			for (size_t r = 0; r < t.nrows; r++)
				if (t.cell[r][sh[i].col][0] && !is_number(t.cell[r][sh[i].col]))
					sh[i].numeric = false;
		}
		/* with --ci and no --columns, the _lo/_hi columns are folded into their estimate */
		if (st.ci && !columns) {
			for (size_t i = 0; i < ns; i++) {
				bool partner = false;
				for (size_t j = 0; j < ns; j++)
					if (sh[j].lo == sh[i].col || sh[j].hi == sh[i].col)
						partner = true;
				if (!partner)
					sh[kept++] = sh[i];
			}
			ns = kept;
		}
	}
	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	write_table(ind_output_file(out), &t, sh, ns, &st);
	free(sh);
	ind_table_free(&t);
	if (ind_output_close(out, true, &err) < 0) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	return IND_EXIT_OK;
}
