/* render.c - tables for people in seven formats and three languages. See LICENSE. */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "num.h"
#include "period.h"

void ind_render_opts_init(struct ind_render_opts *o)
{
	memset(o, 0, sizeof *o);
	o->format = IND_RENDER_TEXT;
	o->digits = 3;
	o->lang = IND_LANG_EN;
}

static bool parse_number(const char *s, struct ind_num *n)
{
	return *s && ind_num_parse(s, strlen(s), '.', IND_DASH_MISSING, n) == IND_NUM_OK;
}

static bool is_number(const char *s)
{
	struct ind_num n;
	return parse_number(s, &n);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcmp(s + n - k, tail) == 0;
}

static bool name_in(const char *name, const char *const *names)
{
	for (; *names; names++)
		if (ind_header_eq(name, *names))
			return true;
	return false;
}

/* Names whose cells are periods, whatever they look like (2017 is a year, not 2,017). */
static bool period_name(const char *name)
{
	static const char *const names[] = { "period", "year", "vuosi", "\xc3\xa5r", "at", "start", "end", "month",
					     "kuukausi", "quarter", "week", "date", NULL };
	return name_in(name, names);
}

/* Names whose cells are codes or names: kept as text, never as numbers (049 stays 049). */
static bool code_name(const char *name)
{
	static const char *const names[] = { "region", "indicator", "code", "koodi", "id", "alue", "kunta",
					     "kuntakoodi", "municipality", "maakunta", "hyvinvointialue", "area",
					     "county", "control", "label", NULL };
	return name_in(name, names) || ends_with(name, "_code") || ends_with(name, "_id") || ends_with(name, "_koodi");
}

/* 049, 007: digits with a leading zero are a code, as no number is written that way. */
static bool leading_zero_code(const char *s)
{
	return s[0] == '0' && s[1] >= '0' && s[1] <= '9' && strspn(s, "0123456789") == strlen(s);
}

/* Every non-empty cell a quarter, month, week or day (a bare year or number could be a value). */
static bool holds_periods(const struct ind_table *t, int c)
{
	size_t seen = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		const char *s = t->cell[r][c];
		struct ind_period p;
		if (!*s)
			continue;
		if (!ind_period_parse(s, strlen(s), &p, NULL) || p.kind == IND_PERIOD_YEAR || p.kind == IND_PERIOD_NUMERIC)
			return false;
		seen++;
	}
	return seen > 0;
}

/* The interval partners of an estimate column: X_lo/X_hi, and the few whose names differ. */
static bool partners(const struct ind_table *t, const char *name, int *lo, int *hi)
{
	static const char *const special[][3] = { { "prop_diff", "prop_lo", "prop_hi" },
						  { "counterfactual", "cf_lo", "cf_hi" } };
	char a[300], b[300];
	*lo = *hi = -1;
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
		if (strcmp(name, special[i][0]) == 0) {
			*lo = ind_table_col(t, special[i][1]);
			*hi = ind_table_col(t, special[i][2]);
			goto done;
		}
	snprintf(a, sizeof a, "%s_lo", name);
	snprintf(b, sizeof b, "%s_hi", name);
	*lo = ind_table_col(t, a);
	*hi = ind_table_col(t, b);
done:
	if (*lo < 0 || *hi < 0)
		*lo = *hi = -1;
	return *lo >= 0;
}

/* The group (est, lo, hi) that column c belongs to as estimate or limit; false for none. */
static bool group_of(const struct ind_table *t, int c, int *est, int *lo, int *hi)
{
	for (size_t e = 0; e < t->ncols; e++) {
		if (!partners(t, t->head[e], lo, hi))
			continue;
		if ((int)e == c || *lo == c || *hi == c) {
			*est = (int)e;
			return true;
		}
	}
	*est = *lo = *hi = -1;
	return false;
}

static void classify(const struct ind_table *t, const struct ind_render_opts *o, struct ind_render_col *s)
{
	const char *name = t->head[s->col];
	s->is_p = ind_column_is_p(name);
	s->is_period = period_name(name) || holds_periods(t, s->col);
	s->is_code = code_name(name);
	for (size_t r = 0; r < t->nrows && !s->is_code; r++)
		if (leading_zero_code(t->cell[r][s->col]))
			s->is_code = true;
	group_of(t, s->col, &s->est, &s->lo, &s->hi);
	s->join = o->ci && o->format != IND_RENDER_JSON && s->est == s->col;
	s->numeric = t->nrows > 0 && !s->is_period && !s->is_code;
	for (size_t r = 0; r < t->nrows && s->numeric; r++)
		if (t->cell[r][s->col][0] && !is_number(t->cell[r][s->col]))
			s->numeric = false;
	if (!s->label[0]) {
		const char *label = o->lang_given ? ind_column_label(name, o->lang) : NULL;
		struct ind_period p;
		char tmp[IND_FMT_MAX];
		/* a pivot's period columns are named by their period */
		if (!label && o->lang_given && ind_period_parse(name, strlen(name), &p, NULL) &&
		    p.kind != IND_PERIOD_NUMERIC)
			label = ind_text_period(&p, o->lang, tmp);
		snprintf(s->label, sizeof s->label, "%s", label ? label : name);
	}
}

long ind_render_columns(const struct ind_table *t, const char *list, const struct ind_render_opts *o,
			struct ind_render_col **cols, struct ind_error *err)
{
	struct ind_render_col *sh = calloc(t->ncols + 1, sizeof *sh);
	size_t ns = 0;

	if (!sh)
		ind_die(IND_EXIT_DATA, "out of memory");
	if (list) {
		const char *p = list;
		while (*p) {
			const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p), *colon;
			char name[256];
			int col;
			colon = memchr(p, ':', (size_t)(end - p));
			snprintf(name, sizeof name, "%.*s", (int)((colon ? colon : end) - p), p);
			if ((col = ind_table_col(t, name)) < 0) {
				struct ind_header h = { t->ncols, t->head, NULL, 0 };
				if ((col = ind_column_resolve(&h, name, t->name, err)) < 0) {
					free(sh);
					return -1;
				}
			}
			if (ns == t->ncols + 1 || ns > 255) {
				ind_error_set(err, "", 0, "too many columns");
				free(sh);
				return -2;
			}
			sh[ns].col = col;
			snprintf(sh[ns].label, sizeof sh[ns].label, "%.*s", (int)(colon ? end - colon - 1 : 0),
				 colon ? colon + 1 : "");
			ns++;
			p = comma ? comma + 1 : end;
			if (ns > t->ncols)
				break;
		}
	} else {
		for (size_t i = 0; i < t->ncols; i++)
			sh[ns++].col = (int)i;
	}
	for (size_t i = 0; i < ns; i++)
		classify(t, o, &sh[i]);
	/* with --ci and no --columns, the limits are folded into their estimate */
	if (o->ci && !list && o->format != IND_RENDER_JSON) {
		size_t kept = 0;
		for (size_t i = 0; i < ns; i++) {
			bool limit = false;
			for (size_t j = 0; j < ns; j++)
				if (sh[j].join && (sh[j].lo == sh[i].col || sh[j].hi == sh[i].col))
					limit = true;
			if (!limit)
				sh[kept++] = sh[i];
		}
		ns = kept;
	}
	*cols = sh;
	return (long)ns;
}

/* A number for JSON: C locale, no grouping; rounded to digits significant digits when asked. */
static const char *json_number(const struct ind_num *n, const struct ind_render_col *s, const struct ind_table *t,
			       size_t r, const struct ind_render_opts *o, char *buf, size_t size)
{
	int dec;
	if (!o->digits_given)
		return n->text;
	if (s->est >= 0) {
		struct ind_num e, l, h;
		dec = ind_text_decimals(parse_number(t->cell[r][s->est], &e) ? e.value : NAN,
					parse_number(t->cell[r][s->lo], &l) ? l.value : NAN,
					parse_number(t->cell[r][s->hi], &h) ? h.value : NAN, o->digits);
	} else {	/* p-values too: 0.0004 is not 0.000 */
		dec = ind_text_decimals(n->value, NAN, NAN, o->digits);
	}
	snprintf(buf, size, "%.*f", dec, n->value);
	if (strspn(buf, "-0.") == strlen(buf))
		snprintf(buf, size, "%.*f", dec, 0.0);	/* no -0 */
	return buf;
}

/* The text of one cell as shown (not for json numbers). */
static const char *cell_text(const struct ind_table *t, size_t r, const struct ind_render_col *s,
			     const struct ind_render_opts *o, char *buf, size_t size)
{
	const char *raw = t->cell[r][s->col];
	bool sheet = o->format == IND_RENDER_CSV || o->format == IND_RENDER_TSV || o->format == IND_RENDER_JSON;
	char tmp[3 * IND_FMT_MAX];
	struct ind_num n;

	if (s->is_code)
		return raw;
	if (s->is_period) {
		struct ind_period p;
		if (o->lang_given && !sheet && ind_period_parse(raw, strlen(raw), &p, NULL)) {
			snprintf(buf, size, "%s", ind_text_period(&p, o->lang, tmp));
			return buf;
		}
		return raw;
	}
	/* csv and tsv are data until asked to be text */
	if (sheet && !o->digits_given && !o->lang_given && !s->join)
		return raw;
	if (!parse_number(raw, &n))
		return raw;
	if (s->is_p) {
		snprintf(buf, size, "%s", ind_fmt_p(n.value, o->lang, tmp));
	} else if (s->est >= 0) {
		struct ind_num e, l, h;
		bool have = parse_number(t->cell[r][s->est], &e) && parse_number(t->cell[r][s->lo], &l) &&
			    parse_number(t->cell[r][s->hi], &h);
		if (s->join && have)
			snprintf(buf, size, "%s", ind_text_ci(n.value, l.value, h.value, o->digits, o->lang, tmp));
		else	/* estimate and limits in their own columns: still one precision */
			snprintf(buf, size, "%s",
				 ind_text_fixed(n.value,
						ind_text_decimals(parse_number(t->cell[r][s->est], &e) ? e.value : NAN,
								  parse_number(t->cell[r][s->lo], &l) ? l.value : NAN,
								  parse_number(t->cell[r][s->hi], &h) ? h.value : NAN,
								  o->digits),
						o->lang, tmp));
	} else if (!strpbrk(raw, ".eE")) {
		snprintf(buf, size, "%s", ind_text_fixed(n.value, 0, o->lang, tmp));	/* 96 is not 96.0 */
	} else {
		snprintf(buf, size, "%s", ind_text_number(n.value, o->digits, o->lang, tmp));
	}
	return buf;
}

static void put_escaped(FILE *fp, const char *s, enum ind_render_format f)
{
	if (f == IND_RENDER_TEXT) {	/* for a terminal: control characters as \x1b, as in the messages */
		ind_fputs_visible(s, fp);
		return;
	}
	if (f == IND_RENDER_MARKDOWN) {	/* | < > ` * _ [ ] escaped, line breaks as spaces */
		ind_md_text(fp, s);
		return;
	}
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		bool latex = f == IND_RENDER_LATEX, html = f == IND_RENDER_HTML, json = f == IND_RENDER_JSON;
		if (latex && (ch < 0x20 || ch == 0x7f)) {
			/* a line break (a blank line ends the tabular) or another control character: one space */
			fputc(' ', fp);
			if (ch == '\r' && s[1] == '\n')
				s++;
		} else if (html && (ch == '<' || ch == '>' || ch == '&' || ch == '"'))
			fputs(ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : ch == '&' ? "&amp;" : "&quot;", fp);
		else if (latex && strchr("&%$#_{}", ch))
			fprintf(fp, "\\%c", ch);
		else if (latex && (ch == '~' || ch == '^' || ch == '\\'))
			fputs(ch == '~' ? "\\textasciitilde{}" : ch == '^' ? "\\textasciicircum{}" : "\\textbackslash{}", fp);
		else if (latex && ch == 0xC2 && (unsigned char)s[1] == 0xA0)
			fputc('~', fp), s++;	/* no-break space */
		else if (latex && ch == 0xE2 && (unsigned char)s[1] == 0x88 && (unsigned char)s[2] == 0x92)
			fputs("$-$", fp), s += 2;	/* minus sign */
		else if (latex && ch == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x93)
			fputs("--", fp), s += 2;	/* en dash */
		else if (latex && ch == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xA6)
			fputs("\\ldots{}", fp), s += 2;	/* ellipsis */
		else if (latex && (ch == '<' || ch == '>' || ch == '|'))
			fputs(ch == '<' ? "\\textless{}" : ch == '>' ? "\\textgreater{}" : "\\textbar{}", fp);
		else if (json && (ch == '"' || ch == '\\'))
			fprintf(fp, "\\%c", ch);
		else if (json && ch < 0x20)
			fprintf(fp, "\\u%04x", ch);
		else
			fputc(ch, fp);
	}
}

/* Display width in characters (UTF-8 code points) of s as f shows it, for aligning text and Markdown tables. */
static size_t width(const char *s, enum ind_render_format f)
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

/*
 * A CSV or TSV cell for a spreadsheet: a leading ' where it would start a formula
 * (ind_cell_needs_guard). CSV quotes as RFC 4180 does, for the delimiter in use;
 * TSV has no quoting, so tabs and line breaks become spaces.
 */
static void sheet_cell(FILE *fp, const char *v, const struct ind_render_opts *o, char delim, bool first)
{
	bool guard = ind_cell_needs_guard(v), quote;
	size_t n = strlen(v);
	if (!first)
		fputc(o->format == IND_RENDER_CSV ? delim : '\t', fp);
	if (o->format == IND_RENDER_TSV) {
		fputs(guard ? "'" : "", fp);
		for (; *v; v++)
			fputc(*v == '\t' || *v == '\n' || *v == '\r' ? ' ' : *v, fp);
		return;
	}
	/* quoted for the delimiter, quotes, line breaks and blanks at either end (readers may trim them);
	   a guarded cell starts with the ', not a blank */
	quote = strchr(v, delim) || strpbrk(v, "\"\r\n") ||
		(n && ((!guard && (v[0] == ' ' || v[0] == '\t')) || v[n - 1] == ' ' || v[n - 1] == '\t'));
	fputs(quote ? "\"" : "", fp);
	fputs(guard ? "'" : "", fp);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', fp);
		fputc(*v, fp);
	}
	fputs(quote ? "\"" : "", fp);
}

static void write_sheet(FILE *fp, const struct ind_table *t, const struct ind_render_col *sh, size_t ns,
			const struct ind_render_opts *o)
{
	char buf[512];
	char delim = o->csv_delimiter ? o->csv_delimiter
				      : o->lang_given && o->lang != IND_LANG_EN ? ';' : ',';
	for (size_t c = 0; c < ns; c++)
		sheet_cell(fp, sh[c].label, o, delim, c == 0);
	fputc('\n', fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < ns; c++)
			sheet_cell(fp, cell_text(t, r, &sh[c], o, buf, sizeof buf), o, delim, c == 0);
		fputc('\n', fp);
	}
}

static void write_json(FILE *fp, const struct ind_table *t, const struct ind_render_col *sh, size_t ns,
		       const struct ind_render_opts *o)
{
	char buf[512];
	fputs("[\n", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("  {", fp);
		for (size_t c = 0; c < ns; c++) {
			const char *raw = t->cell[r][sh[c].col];
			struct ind_num n;
			fprintf(fp, "%s\"", c ? ", " : "");
			put_escaped(fp, sh[c].label, IND_RENDER_JSON);
			fputs("\": ", fp);
			if (!*raw) {
				fputs("null", fp);
			} else if (!sh[c].is_code && !sh[c].is_period && parse_number(raw, &n)) {
				fputs(json_number(&n, &sh[c], t, r, o, buf, sizeof buf), fp);	/* a number in every language */
			} else {
				fputc('"', fp);
				put_escaped(fp, raw, IND_RENDER_JSON);
				fputc('"', fp);
			}
		}
		fprintf(fp, "}%s\n", r + 1 < t->nrows ? "," : "");
	}
	fputs("]\n", fp);
}

static void write_html(FILE *fp, const struct ind_table *t, const struct ind_render_col *sh, size_t ns,
		       const struct ind_render_opts *o)
{
	char buf[512];
	fputs("<table class=\"ind-table\">\n", fp);
	if (o->caption) {
		fputs("<caption>", fp);
		put_escaped(fp, o->caption, IND_RENDER_HTML);
		fputs("</caption>\n", fp);
	}
	fputs("<thead>\n<tr>", fp);
	for (size_t c = 0; c < ns; c++) {
		fprintf(fp, "<th scope=\"col\"%s>", sh[c].numeric ? " class=\"num\"" : "");
		put_escaped(fp, sh[c].label, IND_RENDER_HTML);
		fputs("</th>", fp);
	}
	fputs("</tr>\n</thead>\n<tbody>\n", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs("<tr>", fp);
		for (size_t c = 0; c < ns; c++) {
			const char *v = cell_text(t, r, &sh[c], o, buf, sizeof buf);
			if (c == 0)
				fputs("<th scope=\"row\">", fp);
			else
				fprintf(fp, "<td%s>", sh[c].numeric ? " class=\"num\"" : "");
			put_escaped(fp, v, IND_RENDER_HTML);
			fputs(c == 0 ? "</th>" : "</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n", fp);
}

static void write_latex(FILE *fp, const struct ind_table *t, const struct ind_render_col *sh, size_t ns,
			const struct ind_render_opts *o)
{
	char buf[512];
	fputs("\\begin{table}[htbp]\n\\centering\n", fp);
	if (o->caption) {
		fputs("\\caption{", fp);
		put_escaped(fp, o->caption, IND_RENDER_LATEX);
		fputs("}\n", fp);
	}
	fputs("\\begin{tabular}{", fp);
	for (size_t c = 0; c < ns; c++)
		fputc(sh[c].numeric ? 'r' : 'l', fp);
	fputs("}\n\\toprule\n", fp);
	for (size_t c = 0; c < ns; c++) {
		fputs(c ? " & " : "", fp);
		put_escaped(fp, sh[c].label, IND_RENDER_LATEX);
	}
	fputs(" \\\\\n\\midrule\n", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < ns; c++) {
			fputs(c ? " & " : "", fp);
			put_escaped(fp, cell_text(t, r, &sh[c], o, buf, sizeof buf), IND_RENDER_LATEX);
		}
		fputs(" \\\\\n", fp);
	}
	fputs("\\bottomrule\n\\end{tabular}\n\\end{table}\n", fp);
}

/* One cell of an aligned text or Markdown row: numbers to the right, the rest to the left. */
static void aligned(FILE *fp, const char *v, size_t w, bool numeric, bool last, enum ind_render_format f)
{
	size_t pad = w - width(v, f);
	if (numeric)
		fprintf(fp, "%*s", (int)pad, "");
	put_escaped(fp, v, f);
	if (!numeric && (!last || f == IND_RENDER_MARKDOWN))
		fprintf(fp, "%*s", (int)pad, "");
}

static void write_aligned(FILE *fp, const struct ind_table *t, const struct ind_render_col *sh, size_t ns,
			  const struct ind_render_opts *o)
{
	enum ind_render_format f = o->format;
	bool md = f == IND_RENDER_MARKDOWN;
	char buf[512];
	size_t *w = calloc(ns ? ns : 1, sizeof *w);

	if (!w)
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t c = 0; c < ns; c++)
		w[c] = width(sh[c].label, f);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < ns; c++) {
			size_t cw = width(cell_text(t, r, &sh[c], o, buf, sizeof buf), f);
			if (cw > w[c])
				w[c] = cw;
		}
	if (o->caption) {
		fputs(md ? "**" : "", fp);
		put_escaped(fp, o->caption, f);
		fputs(md ? "**\n\n" : "\n\n", fp);
	}
	for (size_t c = 0; c < ns; c++) {	/* the header */
		fputs(md ? (c ? " | " : "| ") : c ? "  " : "", fp);
		aligned(fp, sh[c].label, w[c], sh[c].numeric, c + 1 == ns, f);
	}
	fputs(md ? " |\n" : "\n", fp);
	for (size_t c = 0; c < ns; c++) {	/* the rule under it */
		fputs(md ? (c ? " | " : "| ") : c ? "  " : "", fp);
		for (size_t k = 0; k < w[c]; k++)
			fputc(md && sh[c].numeric && k + 1 == w[c] ? ':' : '-', fp);
	}
	fputs(md ? " |\n" : "\n", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < ns; c++) {
			fputs(md ? (c ? " | " : "| ") : c ? "  " : "", fp);
			aligned(fp, cell_text(t, r, &sh[c], o, buf, sizeof buf), w[c], sh[c].numeric, c + 1 == ns, f);
		}
		fputs(md ? " |\n" : "\n", fp);
	}
	free(w);
}

void ind_render_write(FILE *fp, const struct ind_table *t, const struct ind_render_col *cols, size_t ncols,
		      const struct ind_render_opts *o)
{
	switch (o->format) {
	case IND_RENDER_CSV:
	case IND_RENDER_TSV:
		write_sheet(fp, t, cols, ncols, o);
		break;
	case IND_RENDER_JSON:
		write_json(fp, t, cols, ncols, o);
		break;
	case IND_RENDER_HTML:
		write_html(fp, t, cols, ncols, o);
		break;
	case IND_RENDER_LATEX:
		write_latex(fp, t, cols, ncols, o);
		break;
	case IND_RENDER_TEXT:
	case IND_RENDER_MARKDOWN:
	default:
		write_aligned(fp, t, cols, ncols, o);
		break;
	}
}

int ind_render_pivot(struct ind_table *t, long last, struct ind_error *err)
{
	int cr = ind_table_col(t, "region"), ci = ind_table_col(t, "indicator"), cp = ind_table_col(t, "period"),
	    cv = ind_table_col(t, "value");
	struct ind_period *periods;
	char (*ptext)[IND_PERIOD_TEXT_MAX];
	size_t np = 0, first = 0, keycols;
	struct ind_table p = { 0 };
	bool many = false;

	if (cr < 0 || cp < 0 || cv < 0)
		return ind_error_set(err, "", 0, "--pivot period needs the columns region, period and value");
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
		if (!ind_period_parse(t->cell[r][cp], strlen(t->cell[r][cp]), &q, &why)) {
			ind_error_set(err, "", 0, "row %zu: period '%s': %s", r + 2, t->cell[r][cp], why);
			free(periods);
			free(ptext);
			return -1;
		}
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
	p.name = t->name;	/* the input's name stays for messages */
	t->name = NULL;
	ind_table_free(t);
	*t = p;
	return 0;
}
