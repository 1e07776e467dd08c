/* px.c - PC-Axis tables to a long CSV that the loader reads like any other. See LICENSE. */
#include "px.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "writer.h"

enum codepage { CP_UTF8, CP_LATIN1, CP_LATIN9 };

/* A string of the file, undecoded: [s, s + n), or several quoted parts joined (see take_value). */
struct str {
	char *s;
	size_t n;
};

struct list {
	struct str *item;
	size_t n, cap;
};

struct var {
	struct str name;
	struct list values;
	bool time;
};

struct token {
	size_t off, len;
	long line;
};

/* The texts of one language: the main one (keywords without [lang]) or the one asked for. */
struct set {
	struct list stub, heading, contvar;
	struct var *vars;
	size_t nvars, vars_cap;
	struct str contents;	/* CONTENTS, the table's subject */
	bool any;		/* a keyword of this language was read */
};

struct px {
	const char *buf, *name;
	size_t len, pos;
	long line;
	enum codepage cp;
	struct set main, alt;	/* alt: the texts of lang */
	const char *lang;	/* NULL: the main language */
	char language[16];	/* LANGUAGE, the main one */
	struct token *data;
	size_t ndata, data_cap;
	long data_line;
	bool has_data;
	char key[64];		/* the keyword being read, and its line: where errors point */
	long key_line;
	struct ind_error *err;
};

static bool grow_array(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 8;
	void *q;
	if (need <= *cap)
		return true;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			return false;
		c *= 2;
	}
	if (!(q = realloc(*p, c * size)))
		return false;
	*p = q;
	*cap = c;
	return true;
}

static int fail(struct px *x, const char *why)
{
	if (x->key[0])
		return ind_error_set(x->err, x->name, x->key_line, "PC-Axis: %s: %s", x->key, why), -1;
	return ind_error_set(x->err, x->name, x->line, "PC-Axis: %s", why), -1;
}

/* c is one of the characters of set (a NUL byte never is: strchr would say it is) */
static bool is_one_of(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static void skip_blanks(struct px *x)
{
	while (x->pos < x->len) {
		char c = x->buf[x->pos];
		if (c == '\n')
			x->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			break;
		x->pos++;
	}
}

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->item[i].s);
	free(l->item);
	memset(l, 0, sizeof *l);
}

/*
 * A value list up to the closing ';': quoted strings (adjacent ones, as a
 * long NOTE continued on the next line, are one), separated by commas, or
 * bare words (numbers, YES, TLIST(A1, "2000"-"2024")). A ';' inside quotes
 * is text.
 */
static int take_values(struct px *x, struct list *out)
{
	struct str cur = { NULL, 0 };
	bool open_item = false;
	for (;;) {
		skip_blanks(x);
		if (x->pos >= x->len)
			return free(cur.s), fail(x, "the file ends inside a keyword's value (no ';')");
		char c = x->buf[x->pos];
		if (c == ';' || c == ',') {
			if (!grow_array((void **)&out->item, &out->cap, out->n + 1, sizeof *out->item))
				return free(cur.s), fail(x, "out of memory");
			out->item[out->n++] = cur;
			cur = (struct str){ NULL, 0 };
			open_item = false;
			x->pos++;
			if (c == ';')
				return 0;
			continue;
		}
		size_t start, end;
		if (c == '"') {
			start = ++x->pos;
			while (x->pos < x->len && x->buf[x->pos] != '"') {
				if (x->buf[x->pos] == '\n')
					x->line++;
				x->pos++;
			}
			if (x->pos >= x->len)
				return free(cur.s), fail(x, "a quoted string is not closed");
			end = x->pos++;
		} else {
			int depth = 0;
			bool quoted = false;
			start = x->pos;
			while (x->pos < x->len) {
				char d = x->buf[x->pos];
				if (d == '"')
					quoted = !quoted;
				else if (!quoted && d == '(')
					depth++;
				else if (!quoted && d == ')')
					depth--;
				else if (!quoted && depth <= 0 && (d == ';' || d == ',' || d == ' ' || d == '\t' || d == '\r' ||
								   d == '\n'))
					break;
				if (d == '\n')
					x->line++;
				x->pos++;
			}
			end = x->pos;
		}
		{	/* join to the item being read */
			char *p = realloc(cur.s, cur.n + (end - start) + 1);
			if (!p)
				return free(cur.s), fail(x, "out of memory");
			memcpy(p + cur.n, x->buf + start, end - start);
			cur.s = p;
			cur.n += end - start;
			cur.s[cur.n] = '\0';
		}
		open_item = true;
	}
	(void)open_item;
}

/* DATA: tokens separated by blanks up to ';' (which may be glued to the last one). */
static int take_data(struct px *x)
{
	x->has_data = true;
	x->data_line = x->line;
	for (;;) {
		skip_blanks(x);
		if (x->pos >= x->len)
			return fail(x, "DATA does not end with ';'");
		if (x->buf[x->pos] == ';') {
			x->pos++;
			return 0;
		}
		struct token t = { x->pos, 0, x->line };
		if (x->buf[x->pos] == '"') {
			size_t q = x->pos + 1;
			while (q < x->len && x->buf[q] != '"' && x->buf[q] != '\n')
				q++;
			if (q >= x->len || x->buf[q] != '"')
				return fail(x, "a quoted DATA value is not closed");
			t.off = x->pos + 1;
			t.len = q - t.off;
			x->pos = q + 1;
		} else {
			while (x->pos < x->len && !is_one_of(x->buf[x->pos], " \t\r\n;"))
				x->pos++;
			t.len = x->pos - t.off;
		}
		if (!grow_array((void **)&x->data, &x->data_cap, x->ndata + 1, sizeof *x->data))
			return fail(x, "out of memory");
		x->data[x->ndata++] = t;
	}
}

static bool str_is(const struct str *s, const char *w)
{
	return s->n == strlen(w) && (s->n == 0 || memcmp(s->s, w, s->n) == 0);
}

static bool str_eq(const struct str *a, const struct str *b)
{
	return a->n == b->n && (a->n == 0 || memcmp(a->s, b->s, a->n) == 0);
}

static struct var *var_of(struct set *x, const struct str *name)
{
	for (size_t i = 0; i < x->nvars; i++)
		if (str_eq(&x->vars[i].name, name))
			return &x->vars[i];
	if (!grow_array((void **)&x->vars, &x->vars_cap, x->nvars + 1, sizeof *x->vars))
		return NULL;
	memset(&x->vars[x->nvars], 0, sizeof x->vars[0]);
	if (!(x->vars[x->nvars].name.s = malloc(name->n + 1)))	/* the bytes as they are, NULs too */
		return NULL;
	if (name->n)
		memcpy(x->vars[x->nvars].name.s, name->s, name->n);
	x->vars[x->nvars].name.s[name->n] = '\0';
	x->vars[x->nvars].name.n = name->n;
	return &x->vars[x->nvars++];
}

/* One KEYWORD[lang]("sub")=value; */
static int take_keyword(struct px *x)
{
	size_t k0 = x->pos, k1;
	bool lang = false;
	struct list sub = { 0 }, val = { 0 };
	char key[64];
	int rc = -1;
	struct set *set = &x->main;

	while (x->pos < x->len && !is_one_of(x->buf[x->pos], "[(=;\n"))
		x->pos++;
	k1 = x->pos;
	while (k1 > k0 && (x->buf[k1 - 1] == ' ' || x->buf[k1 - 1] == '\t'))
		k1--;
	x->key[0] = '\0';
	x->key_line = x->line;
	if (k1 - k0 >= sizeof key || k1 == k0)
		return fail(x, "not a keyword");
	memcpy(key, x->buf + k0, k1 - k0);
	key[k1 - k0] = '\0';
	memcpy(x->key, key, sizeof key);
	if (x->pos < x->len && x->buf[x->pos] == '[') {
		size_t l0 = ++x->pos;
		while (x->pos < x->len && x->buf[x->pos] != ']' && x->buf[x->pos] != '\n')
			x->pos++;
		if (x->pos >= x->len || x->buf[x->pos] != ']')
			return fail(x, "'[' without ']'");
		/* a language asked for is read into its own set; the others are skipped */
		lang = !(x->lang && strlen(x->lang) == x->pos - l0 && memcmp(x->buf + l0, x->lang, x->pos - l0) == 0);
		if (!lang)
			set = &x->alt;
		x->pos++;
	}
	if (x->pos < x->len && x->buf[x->pos] == '(') {
		size_t close;
		bool quoted = false;
		for (close = x->pos + 1; close < x->len && (quoted || x->buf[close] != ')'); close++)
			quoted ^= x->buf[close] == '"';
		if (close >= x->len)
			return fail(x, "'(' without ')'");
		{	/* the subkeys as a value list of their own */
			struct px sx = *x;
			char *copy = malloc(close - x->pos + 1);
			if (!copy)
				return fail(x, "out of memory");
			memcpy(copy, x->buf + x->pos + 1, close - x->pos - 1);
			copy[close - x->pos - 1] = ';';
			sx.buf = copy;
			sx.len = close - x->pos;
			sx.pos = 0;
			rc = take_values(&sx, &sub);
			free(copy);
			if (rc < 0) {
				list_free(&sub);
				return -1;
			}
			rc = -1;
		}
		x->pos = close + 1;
	}
	skip_blanks(x);
	if (x->pos >= x->len || x->buf[x->pos] != '=') {
		fail(x, "no '='");
		goto out;
	}
	x->pos++;
	if (strcmp(key, "DATA") == 0) {
		rc = take_data(x);
		goto out;
	}
	if (take_values(x, &val) < 0)
		goto out;
	rc = 0;
	if (lang)
		goto out;
	if (strcmp(key, "LANGUAGE") == 0 && val.n == 1 && set == &x->main) {
		size_t n = val.item[0].n < sizeof x->language - 1 ? val.item[0].n : sizeof x->language - 1;
		if (n)	/* an empty string has no bytes (s is NULL) */
			memcpy(x->language, val.item[0].s, n);
		x->language[n] = '\0';
	} else if (strcmp(key, "CODEPAGE") == 0 && val.n == 1) {
		char cp[32];
		size_t n = val.item[0].n < sizeof cp - 1 ? val.item[0].n : sizeof cp - 1;
		for (size_t i = 0; i < n; i++)
			cp[i] = (char)((val.item[0].s[i] >= 'A' && val.item[0].s[i] <= 'Z') ? val.item[0].s[i] + 32 : val.item[0].s[i]);
		cp[n] = '\0';
		x->cp = strstr(cp, "8859-15") ? CP_LATIN9 : strstr(cp, "utf") ? CP_UTF8 : CP_LATIN1;
	} else if (strcmp(key, "CONTENTS") == 0 && val.n == 1) {
		free(set->contents.s);
		set->contents = val.item[0];
		val.item[0].s = NULL;
		set->any = true;
	} else if (strcmp(key, "STUB") == 0 || strcmp(key, "HEADING") == 0 || strcmp(key, "CONTVARIABLE") == 0) {
		struct list *l = key[0] == 'S' ? &set->stub : key[0] == 'H' ? &set->heading : &set->contvar;
		set->any = true;
		list_free(l);
		*l = val;
		memset(&val, 0, sizeof val);
	} else if ((strcmp(key, "VALUES") == 0 || strcmp(key, "TIMEVAL") == 0 || strcmp(key, "VARIABLE-TYPE") == 0) &&
		   sub.n == 1) {
		struct var *v = var_of(set, &sub.item[0]);
		set->any = true;
		if (!v) {
			rc = fail(x, "out of memory");
			goto out;
		}
		if (key[0] == 'V' && key[1] == 'A' && key[2] == 'L') {
			list_free(&v->values);
			v->values = val;
			memset(&val, 0, sizeof val);
		} else if (key[0] == 'T' || (val.n == 1 && str_is(&val.item[0], "Time"))) {
			v->time = true;
		}
	}
out:
	list_free(&sub);
	list_free(&val);
	return rc;
}

/* s decoded by the file's code page into ln as one field. */
static void put_text(struct ind_line *ln, const struct px *x, const char *s, size_t n)
{
	static const struct {
		unsigned char byte;
		const char *utf8;
	} latin9[] = { { 0xA4, "\xe2\x82\xac" }, { 0xA6, "\xc5\xa0" }, { 0xA8, "\xc5\xa1" }, { 0xB4, "\xc5\xbd" },
		       { 0xB8, "\xc5\xbe" }, { 0xBC, "\xc5\x92" }, { 0xBD, "\xc5\x93" }, { 0xBE, "\xc5\xb8" } };
	char *out;
	size_t len = 0;
	if (n == 0) {
		ind_line_field(ln, "", 0);
		return;
	}
	if (x->cp == CP_UTF8 || ind_utf8_valid(s, n)) {
		ind_line_field(ln, s, n);
		return;
	}
	if (!(out = malloc(3 * n + 1))) {
		ln->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		bool done = false;
		for (size_t k = 0; x->cp == CP_LATIN9 && k < sizeof latin9 / sizeof latin9[0] && !done; k++)
			if (latin9[k].byte == b) {
				size_t m = strlen(latin9[k].utf8);
				memcpy(out + len, latin9[k].utf8, m);
				len += m;
				done = true;
			}
		if (!done)
			len += ind_cp1252_to_utf8(s + i, 1, out + len);
	}
	ind_line_field(ln, out, len);
	free(out);
}

static void set_free(struct set *x)
{
	list_free(&x->stub);
	list_free(&x->heading);
	list_free(&x->contvar);
	for (size_t i = 0; i < x->nvars; i++) {
		free(x->vars[i].name.s);
		list_free(&x->vars[i].values);
	}
	free(x->vars);
	free(x->contents.s);
}

static void px_free(struct px *x)
{
	set_free(&x->main);
	set_free(&x->alt);
	free(x->data);
}

/* The variables of STUB and HEADING in order, into order[0..nv); -1 with err when one has no VALUES or is named twice. */
static int resolve(const struct px *x, const struct set *s, struct var **order, struct ind_error *err)
{
	size_t nv = s->stub.n + s->heading.n;
	for (size_t i = 0; i < nv; i++) {
		const struct str *vn = i < s->stub.n ? &s->stub.item[i] : &s->heading.item[i - s->stub.n];
		struct var *v = NULL;
		for (size_t k = 0; k < s->nvars && !v; k++)
			if (str_eq(&s->vars[k].name, vn))
				v = &s->vars[k];
		if (!v || v->values.n == 0)
			return ind_error_set(err, x->name, 0, "PC-Axis: no VALUES%s%s%s for the variable '%.*s'",
					     s == &x->alt ? "[" : "", s == &x->alt ? x->lang : "", s == &x->alt ? "]" : "",
					     (int)vn->n, vn->s ? vn->s : ""), -1;
		for (size_t j = 0; j < i; j++)
			if (order[j] == v)
				return ind_error_set(err, x->name, 0, "PC-Axis: the variable '%.*s' is named twice in STUB and HEADING",
						     (int)vn->n, vn->s ? vn->s : ""), -1;
		order[i] = v;
	}
	return 0;
}

/* The contents variable: CONTVARIABLE, or PxWeb's usual name for it in fi, sv and en. */
static bool is_contents(const struct set *x, const struct var *v)
{
	static const char *const names[] = { "Tiedot", "Uppgifter", "Information", NULL };
	if (x->contvar.n == 1)
		return str_eq(&x->contvar.item[0], &v->name);
	for (const char *const *n = names; *n; n++)
		if (str_is(&v->name, *n))
			return true;
	return false;
}

/* Does a line start here with KEY=, KEY[ or KEY( for this keyword? */
static bool keyword_at(const char *buf, size_t len, size_t i, const char *key)
{
	size_t n = strlen(key);
	return len - i > n && memcmp(buf + i, key, n) == 0 && (buf[i + n] == '=' || buf[i + n] == '[' || buf[i + n] == '(');
}

bool ind_px_detect(const char *buf, size_t len)
{
	size_t i = 0, k;
	bool table = false;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	/* the first line is a keyword: capitals, digits and '-', then '=', '[' or '(' */
	for (k = i; k < len && ((buf[k] >= 'A' && buf[k] <= 'Z') || (buf[k] >= '0' && buf[k] <= '9') || buf[k] == '-'); k++)
		;
	if (k == i || k >= len || (buf[k] != '=' && buf[k] != '[' && buf[k] != '('))
		return false;
	/* and a table's keywords start lines of what was read */
	for (size_t j = i; j < len && !table; j++)
		if (j == i || buf[j - 1] == '\n')
			table = keyword_at(buf, len, j, "STUB") || keyword_at(buf, len, j, "HEADING") ||
				keyword_at(buf, len, j, "DATA");
	return table;
}

int ind_px_to_csv(const char *buf, size_t len, const char *name, size_t limit, char **out, size_t *out_len,
		  size_t *cells, struct ind_error *err)
{
	return ind_px_to_csv_lang(buf, len, name, NULL, limit, out, out_len, cells, err);
}

int ind_px_to_csv_lang(const char *buf, size_t len, const char *name, const char *lang, size_t limit, char **out,
		       size_t *out_len, size_t *cells, struct ind_error *err)
{
	struct px x = { .buf = buf, .len = len, .name = name, .line = 1, .cp = CP_LATIN1, .lang = lang, .err = err };
	struct var **order = NULL, **main_order = NULL;
	const struct set *set = &x.main;
	size_t nv, total = 1, *idx = NULL;
	struct ind_line ln = { 0 };
	bool has_contents = false;
	int rc = -1;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		x.pos = 3, x.cp = CP_UTF8;
	for (;;) {
		skip_blanks(&x);
		if (x.pos >= x.len)
			break;
		if (take_keyword(&x) < 0)
			goto out;
	}
	x.key[0] = '\0';
	if (!x.has_data) {
		ind_error_set(err, name, x.line, "PC-Axis: no DATA");
		goto out;
	}
	nv = x.main.stub.n + x.main.heading.n;
	if (nv == 0) {
		ind_error_set(err, name, x.line, "PC-Axis: neither STUB nor HEADING names a variable");
		goto out;
	}
	order = calloc(nv, sizeof *order);
	main_order = calloc(nv, sizeof *main_order);
	idx = calloc(nv, sizeof *idx);
	if (!order || !main_order || !idx) {
		ind_error_set(err, name, 0, "out of memory");
		goto out;
	}
	if (resolve(&x, &x.main, main_order, err) < 0)
		goto out;
	if (lang && strcmp(lang, x.language) != 0) {
		/* another language: its texts, variable by variable as the main language's */
		if (!x.alt.any) {
			ind_error_set(err, name, 0, "PC-Axis: no texts in the language '%s' (the file's main language is '%s')",
				      lang, x.language[0] ? x.language : "not named");
			goto out;
		}
		if (x.alt.stub.n != x.main.stub.n || x.alt.heading.n != x.main.heading.n) {
			ind_error_set(err, name, 0, "PC-Axis: STUB[%s] and HEADING[%s] do not name as many variables as STUB and HEADING",
				      lang, lang);
			goto out;
		}
		if (resolve(&x, &x.alt, order, err) < 0)
			goto out;
		for (size_t i = 0; i < nv; i++) {
			if (order[i]->values.n != main_order[i]->values.n) {
				ind_error_set(err, name, 0, "PC-Axis: VALUES[%s](\"%.*s\") has %zu values where the main language has %zu",
					      lang, (int)order[i]->name.n, order[i]->name.s, order[i]->values.n, main_order[i]->values.n);
				goto out;
			}
			order[i]->time |= main_order[i]->time;
		}
		set = &x.alt;
	} else {
		memcpy(order, main_order, nv * sizeof *order);
	}
	for (size_t i = 0; i < nv; i++) {
		struct var *v = order[i];
		if (total > x.ndata / v->values.n + 1) {	/* more cells than DATA could hold: said below */
			total = x.ndata + 1;
			continue;
		}
		total *= v->values.n;
	}
	if (total != x.ndata) {
		ind_error_set(err, name, x.data_line, "PC-Axis: DATA has %zu values where the variables make %s%zu cells",
			      x.ndata, total > x.ndata ? "more than " : "", total > x.ndata ? x.ndata : total);
		goto out;
	}
	/* the header: the roles the loader knows by name, the other variables by theirs */
	for (size_t i = 0; i < nv; i++) {
		if (order[i]->time) {
			ind_line_str(&ln, "period");
		} else if (!has_contents && is_contents(set, order[i])) {
			ind_line_str(&ln, "indicator");
			has_contents = true;
		} else {
			put_text(&ln, &x, order[i]->name.s, order[i]->name.n);
		}
	}
	if (!has_contents && set->contents.s)	/* no contents variable: one indicator, the table's subject */
		ind_line_str(&ln, "indicator");
	ind_line_str(&ln, "value");
	ind_line_newline(&ln);
	for (size_t c = 0; c < x.ndata; c++) {
		size_t rest = c;
		for (size_t i = nv; i-- > 0;) {
			idx[i] = rest % order[i]->values.n;
			rest /= order[i]->values.n;
		}
		for (size_t i = 0; i < nv; i++) {
			const struct str *s = &order[i]->values.item[idx[i]];
			put_text(&ln, &x, s->s, s->n);
		}
		if (!has_contents && set->contents.s)
			put_text(&ln, &x, set->contents.s, set->contents.n);
		ind_line_field(&ln, x.buf + x.data[c].off, x.data[c].len);
		ind_line_newline(&ln);
		if (ln.len > limit) {
			ind_error_set(err, name, x.data[c].line, "PC-Axis: the table as rows is longer than %zu bytes "
				      "(--max-record) by cell %zu of %zu", limit, c + 1, x.ndata);
			goto out;
		}
	}
	if (ln.oom) {
		ind_error_set(err, name, 0, "out of memory");
		goto out;
	}
	*out = ln.buf;
	*out_len = ln.len;
	*cells = x.ndata;
	ln.buf = NULL;
	rc = 0;
out:
	ind_line_free(&ln);
	free(order);
	free(main_order);
	free(idx);
	px_free(&x);
	return rc;
}
