/* test_config.c - configuration lines and lists, quoted list items, the format list. See LICENSE. */
#include <stdlib.h>

#include "config.h"
#include "export.h"
#include "tap.h"

/* The items of a list joined with '|', or "ERR: why". */
static const char *split(const char *s)
{
	static char buf[512];
	char *items[8];
	const char *why = "";
	int n = ind_config_split(s, items, 8, &why);
	size_t len = 0;
	if (n < 0) {
		snprintf(buf, sizeof buf, "ERR: %s", why);
		return buf;
	}
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? "|" : "", items[i]);
		free(items[i]);
	}
	return buf;
}

int main(void)
{
	OK_STR(split("a, b,c"), "a|b|c", "plain items, blanks trimmed");
	OK_STR(split(" a ,, \t b\t,"), "a|b", "empty items skipped, tabs trimmed");
	OK_STR(split("\"6. GROSS INCOME, mean\", t3"), "6. GROSS INCOME, mean|t3", "a quoted item keeps its comma");
	OK_STR(split("t3, \"6. GROSS INCOME, mean\""), "t3|6. GROSS INCOME, mean", "a quoted item last");
	OK_STR(split("\" padded \""), " padded ", "a quoted item keeps its blanks");
	OK_STR(split("\"say \"\"hi\"\"\""), "say \"hi\"", "\"\" inside quotes is one quote");
	OK_STR(split("\"\", a"), "a", "an empty quoted item is skipped");
	OK_STR(split("O\"Neill, b"), "O\"Neill|b", "a quote inside an unquoted item is text");
	OK_STR(split("\"a, b"), "ERR: unterminated quote", "unterminated quote");
	OK_STR(split("a, \"b\"\""), "ERR: unterminated quote", "a doubled quote at the end does not close");
	OK_STR(split("\"a\" b, c"), "ERR: text after a closing quote (quote the whole item)", "text after the closing quote");
	OK_STR(split(""), "", "an empty list");
	{
		char *items[2];
		const char *why = NULL;
		int n = ind_config_split("a, b", items, 2, NULL);
		OK(n == 2 && strcmp(items[0], "a") == 0 && strcmp(items[1], "b") == 0, "max items fit");
		for (int i = 0; i < n; i++)
			free(items[i]);
		n = ind_config_split("a, b, c", items, 2, &why);
		OK(n == -1 && why && strcmp(why, "more than 2 items") == 0, "more than max items: an error, none left out quietly");
		n = ind_config_split("a, b, ", items, 2, &why);
		OK(n == 2, "a trailing comma after max items is no item");
		for (int i = 0; i < n && n > 0; i++)
			free(items[i]);
	}
	{
		const char *why = NULL;
		OK(ind_config_list_ok("a, \"b, c\"", &why), "list_ok: good quoting");
		OK(!ind_config_list_ok("a, \"b, c", &why) && strcmp(why, "unterminated quote") == 0, "list_ok: bad quoting");
	}
	{
		static const char text[] = "[report]\ntitle = \"x\n\n[goal Saatavuus]\nindicators = a, \"b, c\nregions = x\n";
		static const char *const keys[] = { "indicators", "regions", NULL };
		struct ind_config c;
		struct ind_error err;
		OK(ind_config_parse("t.conf", text, sizeof text - 1, &c, &err) == 0, "a title with one quote parses");
		OK(ind_config_check_lists(&c, keys, &err) < 0 && err.line == 5 && strcmp(err.file, "t.conf") == 0 &&
		   strcmp(err.msg, "indicators: unterminated quote") == 0, "check_lists names the file, line and key");
		ind_config_free(&c);
	}
	{
		unsigned f = 0;
		const char *bad = NULL;
		int badlen = 0;
		OK(ind_export_parse("docx odt,pdf", &f, &bad, &badlen) == 0 &&
		   f == (IND_EXPORT_DOCX | IND_EXPORT_ODT | IND_EXPORT_PDF), "formats: blanks and commas separate");
		f = 0;
		OK(ind_export_parse(" html, md ,csv ", &f, &bad, &badlen) == 0 && f == 0, "html, md and csv add nothing");
		OK(ind_export_parse("docx, pdfx", &f, &bad, &badlen) < 0 && badlen == 4 && strncmp(bad, "pdfx", 4) == 0,
		   "formats: the bad item is pointed at");
	}
	{
		static const char text[] = "[report]\nformat = docx\nlang = fi\nformat = pdf\n";
		struct ind_config c;
		struct ind_error err;
		struct ind_export x = { 0 };
		ind_config_parse("t.conf", text, sizeof text - 1, &c, &err);
		OK(ind_export_configure(&x, &c, &err) == 0 && x.formats == IND_EXPORT_PDF, "a later format = replaces");
		OK(c.n == 1 && strcmp(c.e[0].key, "lang") == 0, "format lines are taken out, the others kept");
		ind_config_free(&c);
	}
	{
		static const char text[] = "[report]\ntitle = from the file\n";
		struct ind_config c;
		struct ind_error err;
		int ok = ind_config_parse("t.conf", text, sizeof text - 1, &c, &err) == 0;
		for (int i = 0; ok && i < 40; i++)	/* beyond the first allocation */
			ok = ind_config_add(&c, "report", "title", i == 39 ? "given" : "x", 0) == 0;
		OK(ok && c.n == 41, "add: entries appended after the file's (41)");
		OK(strcmp(c.e[40].section, "report") == 0 && strcmp(c.e[40].key, "title") == 0 &&
		   strcmp(c.e[40].value, "given") == 0 && c.e[40].line == 0, "add: section, key, value and line 0");
		OK(strcmp(c.e[0].value, "from the file") == 0 && c.e[0].line == 2, "add: the file's entry kept");
		ind_config_free(&c);
	}
	return tap_done();
}
