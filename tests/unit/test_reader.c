/* test_reader.c - dialect sniffing, encodings, gzip, quoting, and the two parse paths agreeing. See LICENSE. */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "reader.h"
#include "tap.h"

static char dir[] = "/tmp/ind-test-reader.XXXXXX";

static const char *put(const char *name, const char *data, size_t n, bool gz)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (gz) {
		gzFile g = gzopen(path, "wb");
		gzwrite(g, data, (unsigned)n);
		gzclose(g);
	} else {
		FILE *f = fopen(path, "wb");
		fwrite(data, 1, n, f);
		fclose(f);
	}
	return path;
}

/* Read a whole file into one string: fields joined by '|', rows by '\n', errors as "!line:msg". */
static char *slurp(const char *path, const struct ind_reader_opts *o, struct ind_dialect *d)
{
	struct ind_error err;
	struct ind_row row;
	ind_reader *r = ind_reader_open(path, o, &err);
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	int rc;

	out[0] = '\0';
	if (!r) {
		snprintf(out, cap, "!open:%s", err.msg);
		return out;
	}
	while ((rc = ind_reader_next(r, &row, &err)) != IND_READ_EOF) {
		if (rc == IND_READ_FATAL) {
			len += (size_t)snprintf(out + len, cap - len, "!fatal:%s\n", err.msg);
			break;
		}
		if (rc == IND_READ_BAD) {
			len += (size_t)snprintf(out + len, cap - len, "!%ld:%s\n", err.line, err.msg);
			continue;
		}
		len += (size_t)snprintf(out + len, cap - len, "%ld:", row.line);
		for (size_t i = 0; i < row.nfields && len < cap; i++)
			len += (size_t)snprintf(out + len, cap - len, "%s%.*s", i ? "|" : "", (int)row.len[i], row.field[i]);
		if (len < cap - 1)
			out[len++] = '\n', out[len] = '\0';
	}
	if (d)
		*d = *ind_reader_dialect(r);
	ind_reader_close(r);
	return out;
}

static void same(const char *name, const char *data, const char *want, char delim, char decimal)
{
	struct ind_reader_opts o;
	struct ind_dialect d;
	const char *path = put(name, data, strlen(data), false);
	char *got;

	ind_reader_opts_init(&o);
	got = slurp(path, &o, &d);
	OK_STR(got, want, "%s: records", name);
	OK(d.delimiter == delim, "%s: delimiter '%c' (got '%c')", name, delim, d.delimiter);
	OK(d.decimal == decimal, "%s: decimal '%c' (got '%c')", name, decimal, d.decimal);
	free(got);
	/* the libcsv path must give exactly the same records */
	o.always_libcsv = true;
	got = slurp(path, &o, NULL);
	OK_STR(got, want, "%s: same records through libcsv only", name);
	free(got);
}

/*
 * Well-formed UTF-8 as the Unicode standard's table 3-7 lists it, byte
 * ranges per position: an independent statement of what ind_utf8_valid
 * must accept.
 */
static bool utf8_by_table(const unsigned char *s, size_t n)
{
	static const struct { unsigned char lo[4], hi[4]; int len; } forms[] = {
		{ { 0x00 }, { 0x7F }, 1 },
		{ { 0xC2, 0x80 }, { 0xDF, 0xBF }, 2 },
		{ { 0xE0, 0xA0, 0x80 }, { 0xE0, 0xBF, 0xBF }, 3 },
		{ { 0xE1, 0x80, 0x80 }, { 0xEC, 0xBF, 0xBF }, 3 },
		{ { 0xED, 0x80, 0x80 }, { 0xED, 0x9F, 0xBF }, 3 },
		{ { 0xEE, 0x80, 0x80 }, { 0xEF, 0xBF, 0xBF }, 3 },
		{ { 0xF0, 0x90, 0x80, 0x80 }, { 0xF0, 0xBF, 0xBF, 0xBF }, 4 },
		{ { 0xF1, 0x80, 0x80, 0x80 }, { 0xF3, 0xBF, 0xBF, 0xBF }, 4 },
		{ { 0xF4, 0x80, 0x80, 0x80 }, { 0xF4, 0x8F, 0xBF, 0xBF }, 4 },
	};
	size_t i = 0;
	while (i < n) {
		size_t f, k = 0;
		for (f = 0; f < sizeof forms / sizeof *forms; f++) {
			int len = forms[f].len;
			for (k = 0; (int)k < len && i + k < n && s[i + k] >= forms[f].lo[k] && s[i + k] <= forms[f].hi[k]; k++)
				;
			if ((int)k == len)
				break;
		}
		if (f == sizeof forms / sizeof *forms)
			return false;
		i += k;
	}
	return true;
}

int main(void)
{
	struct ind_reader_opts o;
	struct ind_dialect d;
	char *got;

	if (!mkdtemp(dir))
		return 99;
	ind_reader_opts_init(&o);

	same("comma", "a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n", ',', '.');
	same("semicolon-decimal-comma", "alue;arvo\nLappi;1,5\nKainuu;12,25\n",
	     "1:alue|arvo\n2:Lappi|1,5\n3:Kainuu|12,25\n", ';', ',');
	same("tab", "a\tb\n x \t y\n", "1:a|b\n2:x|y\n", '\t', '.');
	/* ';' means decimal ',' whatever the first cells look like; only TAB and '|' files are judged */
	same("semicolon-dot-cells", "a;b\nx;1.5\n", "1:a|b\n2:x|1.5\n", ';', ',');
	same("semicolon-integers", "a;b\nx;1\n", "1:a|b\n2:x|1\n", ';', ',');
	same("comma-quoted-comma-cells", "a,b\nx,\"1,5\"\n", "1:a|b\n2:x|1,5\n", ',', '.');
	same("tab-decimal-comma", "a\tb\nx\t1,5\n", "1:a|b\n2:x|1,5\n", '\t', ',');
	same("pipe-decimal-dot", "a|b\nx|1.5\n", "1:a|b\n2:x|1.5\n", '|', '.');
	{
		const char *path = put("semicolon-decimal-option", "a;b\nx;1,5\n", 10, false);
		o.decimal = '.';
		got = slurp(path, &o, &d);
		OK(d.delimiter == ';' && d.decimal == '.', "--decimal . holds in a ';' file");
		free(got);
		o.decimal = 0;
	}
	same("pipe", "a|b|c\n1|2|3\n", "1:a|b|c\n2:1|2|3\n", '|', '.');
	same("crlf-and-lf", "a,b\r\n1,2\n3,4\r\n", "1:a|b\n2:1|2\n3:3|4\n", ',', '.');
	same("no-final-newline", "a,b\n1,2", "1:a|b\n2:1|2\n", ',', '.');
	same("blank-lines", "a,b\n\n1,2\n\r\n3,4\n", "1:a|b\n3:1|2\n5:3|4\n", ',', '.');
	same("trimmed", "a , b\n 1,2 \n", "1:a|b\n2:1|2\n", ',', '.');
	same("empty-fields", "a,,c\n,,\n", "1:a||c\n2:||\n", ',', '.');
	same("bom", "\xEF\xBB\xBFx;y\n1;2\n", "1:x|y\n2:1|2\n", ';', ',');
	same("title-lines", "\"Table 1: income, 2020\"\n\n\"a\",\"b\"\n\"x\",1\n",
	     "3:a|b\n4:x|1\n", ',', '.');
	same("quoted", "a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n", "1:a|b\n2:x, y|he said \"hi\"\n", ',', '.');
	same("multi-line-field", "a,b\n\"line 1\nline 2\",3\n4,5\n", "1:a|b\n2:line 1\nline 2|3\n4:4|5\n", ',', '.');
	same("quoted-decimal-comma", "a;b\n\"x\";\"1,5\"\n", "1:a|b\n2:x|1,5\n", ';', ',');
	same("latin1", "alue;arvo\n\xC4\xE4nekoski;1\n", "1:alue|arvo\n2:\xC3\x84\xC3\xA4nekoski|1\n", ';', ',');
	same("cp1252-euro", "a;b\n\x80;\x96\n", "1:a|b\n2:\xE2\x82\xAC|\xE2\x80\x93\n", ';', ',');
	same("utf8-kept", "a;b\n\xC3\xA4;1\n", "1:a|b\n2:\xC3\xA4|1\n", ';', ',');
	same("stray-quote", "a,b\nx\"y,1\n2,3\n", "1:a|b\n!2:malformed quoted field (stray '\"')\n3:2|3\n", ',', '.');
	same("quote-then-text", "a,b\n\"x\"y,1\n2,3\n", "1:a|b\n!2:malformed quoted field (stray '\"')\n3:2|3\n", ',', '.');
	same("unterminated", "a,b\n1,2\n\"open,3\n4,5\n", "1:a|b\n2:1|2\n!3:unterminated quoted field\n", ',', '.');

	/* strlen stops at NUL: write that one by length */
	{
		static const char data[] = "a,b\n1,\0002\n3,4\n";
		const char *path = put("nul", data, sizeof data - 1, false);
		got = slurp(path, &o, NULL);
		OK_STR(got, "1:a|b\n!2:NUL byte in line\n3:3|4\n", "NUL byte rejects its line only");
		free(got);
	}
	{
		const char *data = "alue;arvo\nLappi;1,5\n";
		const char *path = put("x.csv.gz", data, strlen(data), true);
		got = slurp(path, &o, &d);
		OK_STR(got, "1:alue|arvo\n2:Lappi|1,5\n", "gzip input read transparently");
		OK(d.delimiter == ';' && d.decimal == ',', "gzip input sniffed");
		free(got);
	}
	{
		const char *data = "alue;arvo\nLappi;1,5\nKainuu;2\n";
		const char *path = put("bad.csv.gz", data, strlen(data), true);
		FILE *f = fopen(path, "r+b");
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fclose(f);
		if (truncate(path, n - 12) != 0)
			return 99;
		got = slurp(path, &o, NULL);
		OK_STR(got, "!open:truncated gzip data (unexpected end of file)", "truncated gzip is an error");
		free(got);
	}
	{	/* gzip members one after another read as one stream, as gzip -dc does */
		const char *a = "alue;arvo\nLappi;1,5\n", *b = "Kainuu;2,5\n";
		char pa[256], pb[256], cmd[700];
		snprintf(pa, sizeof pa, "%s", put("a.gz", a, strlen(a), true));
		snprintf(pb, sizeof pb, "%s", put("b.gz", b, strlen(b), true));
		snprintf(cmd, sizeof cmd, "cat %s %s > %s/ab.gz", pa, pb, dir);
		if (system(cmd) != 0)
			return 99;
		snprintf(cmd, sizeof cmd, "%s/ab.gz", dir);
		got = slurp(cmd, &o, NULL);
		OK_STR(got, "1:alue|arvo\n2:Lappi|1,5\n3:Kainuu|2,5\n", "concatenated gzip members");
		free(got);
	}
	{
		const char *path = put("utf16", "\xFF\xFE" "a\0,\0b\0", 8, false);
		got = slurp(path, &o, NULL);
		OK(strncmp(got, "!open:UTF-16 input is not supported", 35) == 0, "UTF-16 is refused with advice");
		free(got);
	}
	{
		struct ind_reader_opts u = o;
		const char *path = put("bad-utf8", "a;b\n\xC4;1\n", 8, false);
		u.encoding = IND_ENC_UTF8;
		got = slurp(path, &u, NULL);
		OK_STR(got, "1:a|b\n!2:invalid UTF-8 (try --encoding=cp1252)\n", "--encoding=utf-8 refuses Latin-1");
		free(got);
		u.encoding = IND_ENC_CP1252;
		path = put("utf8-as-cp1252", "a;b\n\xC3\xA4;1\n", 9, false);
		got = slurp(path, &u, NULL);
		OK_STR(got, "1:a|b\n2:\xC3\x83\xC2\xA4|1\n", "--encoding=cp1252 recodes every byte");
		free(got);
	}
	{	/* a 10 MB field, quoted and unquoted, and a line longer than the first chunk */
		size_t big = 10u << 20;
		char *data = malloc(2 * big + 64), *p = data;
		p += sprintf(p, "a,b\n\"");
		memset(p, 'x', big), p += big;
		p += sprintf(p, "\",1\n");
		memset(p, 'y', big), p += big;
		p += sprintf(p, ",2\n");
		const char *path = put("big", data, (size_t)(p - data), false);
		struct ind_error err;
		struct ind_row row;
		ind_reader *r = ind_reader_open(path, &o, &err);
		int n = 0, good = 0;
		while (ind_reader_next(r, &row, &err) == IND_READ_ROW) {
			n++;
			if (n == 2 && row.nfields == 2 && row.len[0] == big && row.field[0][big - 1] == 'x')
				good++;
			if (n == 3 && row.nfields == 2 && row.len[0] == big && row.field[1][0] == '2')
				good++;
		}
		OK(n == 3 && good == 2, "10 MB fields, quoted and plain");
		ind_reader_close(r);
		free(data);
	}
	{
		struct ind_reader_opts s = o;
		const char *path = put("skip", "x\ny\na;b\n1;2\n", 12, false);
		s.skip = 2;
		got = slurp(path, &s, &d);
		OK_STR(got, "3:a|b\n4:1|2\n", "--skip=2");
		OK(d.skipped == 2, "skipped lines reported");
		free(got);
	}
	{
		const char *path = put("missing", "", 0, false);
		unlink(path);
		got = slurp(path, &o, NULL);
		OK_STR(got, "!open:No such file or directory", "missing file");
		free(got);
	}
	OK(ind_utf8_valid("\xF0\x9F\x98\x80", 4) && !ind_utf8_valid("\xC0\xAF", 2) && !ind_utf8_valid("\xED\xA0\x80", 3),
	   "UTF-8 validation: emoji ok, overlong and surrogate refused");
	{	/* random texts: ASCII runs of every length between bytes of every kind, against the table */
		unsigned char text[48];
		uint64_t x = 88172645463325252ull;
		long differ = 0, valid = 0;
		for (int iter = 0; iter < 300000; iter++) {
			size_t n = 0, len;
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			len = x % sizeof text;
			while (n < len) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				if (x % 3 == 0) {
					size_t run = (x >> 8) % 20;
					while (run-- > 0 && n < len)
						text[n++] = (unsigned char)('a' + run % 26);
				} else {
					static const unsigned char edges[] = { 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED,
									       0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90 };
					text[n++] = x % 5 ? edges[(x >> 16) % sizeof edges] : (unsigned char)(x >> 24);
				}
			}
			valid += utf8_by_table(text, n);
			differ += ind_utf8_valid((const char *)text, n) != utf8_by_table(text, n);
		}
		OK(differ == 0 && valid > 10000, "UTF-8 validation agrees with the standard's table on 300 000 random texts "
		   "(%ld valid, %ld differ)", valid, differ);
	}
	{
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 99;
	}
	return tap_done();
}
