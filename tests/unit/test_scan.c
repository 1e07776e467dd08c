/* test_scan.c - the record scanner against libcsv, the reference it replaces: every short string, random
 * records, and the reader's two paths over every corpus file, read whole and in blocks. See LICENSE. */
#include <csv.h>
#include <dirent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reader.h"
#include "record_dump.h"
#include "scan.h"
#include "shared_data.h"
#include "tap.h"

/* ---- libcsv set up as the reader sets it up ---- */

static int space_only(unsigned char c) { return c == ' '; }
static int space_or_tab(unsigned char c) { return c == ' ' || c == '\t'; }
static int cr_or_lf(unsigned char c) { return c == '\n' || c == '\r'; }

struct ref {
	struct csv_parser p;
	char fields[64][64];
	size_t len[64], n;
	bool done, overflow;
};

static void ref_field(void *data, size_t n, void *ctx)
{
	struct ref *r = ctx;
	if (r->n == 64 || n > 64) {
		r->overflow = true;
		return;
	}
	memcpy(r->fields[r->n], data, n);
	r->len[r->n++] = n;
}

static void ref_record(int c, void *ctx) { (void)c, ((struct ref *)ctx)->done = true; }

static void ref_reset(struct ref *r, char delim)
{
	csv_free(&r->p);
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&r->p, (unsigned char)delim);
	csv_set_space_func(&r->p, delim == '\t' ? space_only : space_or_tab);
	csv_set_term_func(&r->p, cr_or_lf);
	r->n = 0;
	r->done = r->overflow = false;
}

/* libcsv's answer to b[0..n), in the scanner's terms */
static int ref_feed(struct ref *r, const char *b, size_t n)
{
	if (csv_parse(&r->p, b, n, ref_field, ref_record, r) != n)
		return IND_SCAN_STRAY_QUOTE;
	return r->done ? IND_SCAN_END : IND_SCAN_MORE;
}

static long mismatches, records_compared;
static char first_bad[256];

/*
 * Cut s[0..n) into lines as the reader does (LF, CRLF, or CR alone when the
 * text has a CR), feed each line and its terminator (a LF for a last line
 * without one) to the scanner (fields kept, and not) and to libcsv, and
 * compare the answer after each, and the fields when a record ends.
 */
static void compare_text(const char *s, size_t n, char delim)
{
	struct ind_scan sc, cut;
	struct ref ref = { 0 };
	bool cr = memchr(s, '\r', n) != NULL, fresh = true;
	size_t at = 0;

	ind_scan_init(&sc, delim, true);
	ind_scan_init(&cut, delim, false);
	csv_init(&ref.p, 0);
	ref_reset(&ref, delim);
	while (at < n) {
		size_t k = at, tl;
		while (k < n && s[k] != '\n' && !(cr && s[k] == '\r'))
			k++;
		tl = k == n ? 0 : s[k] == '\r' && k + 1 < n && s[k + 1] == '\n' ? 2 : 1;
		if (fresh) {
			if (k == at) {	/* the reader skips an empty line between records */
				at = k + tl;
				continue;
			}
			ind_scan_reset(&sc);
			ind_scan_reset(&cut);
			ref_reset(&ref, delim);
			fresh = false;
		}
		const char *term = tl ? s + k : "\n";
		size_t termlen = tl ? tl : 1;
		int a = ind_scan_feed(&sc, s + at, k - at), c = ind_scan_feed(&cut, s + at, k - at);
		int b = ref_feed(&ref, s + at, k - at);
		if (a == IND_SCAN_MORE)
			a = ind_scan_feed(&sc, term, termlen);
		if (c == IND_SCAN_MORE)
			c = ind_scan_feed(&cut, term, termlen);
		if (b == IND_SCAN_MORE)
			b = ref_feed(&ref, term, termlen);
		bool same = a == b && c == b;
		if (same && a == IND_SCAN_END && !ref.overflow) {
			records_compared++;
			same = sc.nfields == ref.n;
			for (size_t i = 0; same && i < ref.n; i++)
				same = sc.len[i] == ref.len[i] && memcmp(sc.store + sc.off[i], ref.fields[i], ref.len[i]) == 0;
		}
		if (!same) {
			if (!mismatches++) {
				size_t m = 0;
				for (size_t i = 0; i < n && m + 5 < sizeof first_bad; i++)
					m += (size_t)snprintf(first_bad + m, sizeof first_bad - m,
							      (unsigned char)s[i] < 0x20 ? "\\x%02x" : "%c", (unsigned char)s[i]);
			}
			break;
		}
		if (a != IND_SCAN_MORE)
			fresh = true;
		at = k + tl;
	}
	ind_scan_free(&sc);
	ind_scan_free(&cut);
	csv_free(&ref.p);
}

/* ---- the one-pass split of a line (ind_scan_line) against libcsv ---- */

static long lines_split, quoted_lines_split, line_mismatches;
static char first_bad_line[256];

/*
 * When ind_scan_line splits the first line of s[0..n), libcsv fed that line
 * and its line end must end the record there with the same fields; the facts
 * must be right (its length, line end, ASCII, quoted). When it declines, the
 * reader takes the long way, which the tests above compare.
 */
static void compare_line(const char *s, size_t n, char delim)
{
	const char *field[64];
	size_t flen[64], nf;
	struct ind_scan_line_facts f;
	bool cr = memchr(s, '\r', n) != NULL, same;
	struct ref ref = { 0 };

	if (!(nf = ind_scan_line(s, n, delim, cr, &f, field, flen, 64)) || f.len == 0)
		return;	/* declined, or an empty line, which the reader skips */
	if (strspn(s, delim == '\t' ? " " : " \t") >= f.len)
		return;	/* blanks only: one empty field by the reader's own rule, which libcsv glues to the next line */
	lines_split++;
	csv_init(&ref.p, 0);
	ref_reset(&ref, delim);
	same = f.len + f.eol <= n && (s[f.len] == '\n' || s[f.len] == '\r') &&
	       f.eol == (s[f.len] == '\r' && f.len + 1 < n && s[f.len + 1] == '\n' ? 2u : 1u) &&
	       !memchr(s, '\n', f.len) && !(cr && memchr(s, '\r', f.len)) && !memchr(s, '\0', f.len) &&
	       ref_feed(&ref, s, f.len) == IND_SCAN_MORE && ref_feed(&ref, s + f.len, f.eol) == IND_SCAN_END &&
	       !ref.overflow && ref.n == nf && (f.quoted != 0) == (memchr(s, '"', f.len) != NULL);
	for (size_t i = 0; same && i < nf && i < 63; i++)	/* a quoted field's text starts after its quote */
		same = (f.quoted >> i & 1) == (field[i] > s && field[i][-1] == '"');
	for (size_t i = 0; i < f.len && same; i++)
		if ((unsigned char)s[i] >= 0x80 && f.ascii)
			same = false;
	for (size_t i = 0; same && i < nf; i++)
		same = flen[i] == ref.len[i] && memcmp(field[i], ref.fields[i], flen[i]) == 0;
	quoted_lines_split += f.quoted != 0;
	if (!same && !line_mismatches++) {
		size_t m = 0;
		for (size_t i = 0; i < n && m + 5 < sizeof first_bad_line; i++)
			m += (size_t)snprintf(first_bad_line + m, sizeof first_bad_line - m,
					      (unsigned char)s[i] < 0x20 ? "\\x%02x" : "%c", (unsigned char)s[i]);
	}
	csv_free(&ref.p);
}

/* ---- the reader's two paths over files ---- */

static long lines_checked, lines_wrong;

/* A record's physical lines counted from its raw bytes, independently of the reader. */
static long lines_in(const char *raw, size_t n)
{
	long c = 0;
	for (size_t i = 0; i < n; i++)
		if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == n || raw[i + 1] != '\n')))
			c++;
	return n && (raw[n - 1] == '\n' || raw[n - 1] == '\r') ? c : c + 1;
}

static void check_lines(const struct ind_row *row)
{
	lines_checked++;
	lines_wrong += row->lines != lines_in(row->raw, row->raw_len);
}

/* Every record of path, as text; blocks of block bytes after the first few records (0: no blocks). */
static struct rec_text dump(const char *path, bool always_libcsv, enum ind_encoding enc, size_t block)
{
	struct ind_reader_opts o;
	struct ind_error err;
	struct rec_text b = { 0 };
	ind_reader *r;

	ind_reader_opts_init(&o);
	o.always_libcsv = always_libcsv;
	o.encoding = enc;
	rec_add(&b, "", 0);
	if (!(r = ind_reader_open(path, &o, &err))) {
		rec_add(&b, err.msg, strlen(err.msg));
		return b;
	}
	rec_read(&b, r, 3, block);
	ind_reader_close(r);
	return b;
}

/* Every record of text[0..n) through a block reader with parent's dialect and options. */
static struct rec_text dump_text(const ind_reader *parent, const char *text, size_t n)
{
	struct ind_error err;
	struct rec_text b = { 0 };
	ind_reader *r = ind_reader_open_block(parent, text, n, 1, &err);
	rec_add(&b, "", 0);
	if (r)
		rec_read(&b, r, 0, 0);
	ind_reader_close(r);
	return b;
}

/* Texts with NULs in them compare whole. */
static bool same_buf(struct rec_text a, struct rec_text b)
{
	bool same = a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
	free(a.s);
	free(b.s);
	return same;
}

/* The same from line first on: a block that does not start the input. */
static struct rec_text dump_text_from(const ind_reader *parent, const char *text, size_t n, long first)
{
	struct ind_error err;
	struct rec_text b = { 0 };
	ind_reader *r = ind_reader_open_block(parent, text, n, first, &err);
	rec_add(&b, "", 0);
	if (r)
		rec_read(&b, r, 0, 0);
	ind_reader_close(r);
	return b;
}

static long even_cuts, even_cut_bad;
static char first_bad_cut[128];

/*
 * Where ind_scan_even_lines cuts s[0..n) must be a record boundary: the
 * records read whole are those of the two parts read one after the other.
 */
static void check_even_cut(const ind_reader *parent, const char *s, size_t n, size_t want)
{
	size_t cut = ind_scan_even_lines(s, n, want);
	long lines = 1;
	bool same;
	if (cut == 0)
		return;
	even_cuts++;
	for (size_t i = 0; i < cut; i++)
		lines += s[i] == '\n';
	same = s[cut - 1] == '\n' && cut <= n;
	if (same) {
		struct rec_text whole = dump_text_from(parent, s, n, 1), a = dump_text_from(parent, s, cut, 1),
				b = dump_text_from(parent, s + cut, n - cut, lines);
		rec_add(&a, b.s, b.len);
		free(b.s);
		same = same_buf(whole, a);
	}
	if (!same && !even_cut_bad++)
		for (size_t i = 0, m = 0; i < n && m + 5 < sizeof first_bad_cut; i++)
			m += (size_t)snprintf(first_bad_cut + m, sizeof first_bad_cut - m, "\\x%02x", (unsigned char)s[i]);
}

/* Parents for block readers: a ',' file read the fast way and through libcsv, in one encoding mode. */
static ind_reader *parent_of(const char *path, bool always_libcsv, enum ind_encoding enc)
{
	struct ind_reader_opts o;
	struct ind_error err;
	FILE *f = fopen(path, "w");
	fputs("a,b\n", f);
	fclose(f);
	ind_reader_opts_init(&o);
	o.always_libcsv = always_libcsv;
	o.encoding = enc;
	return ind_reader_open(path, &o, &err);
}

static int files_same, files_differ;
static char first_file[1024];

static void compare_file(const char *path, off_t size)
{
	static const size_t blocks[] = { 0, 4096, 64, 7, 1 };
	/* tiny blocks cost a block reader per record: only for small files */
	size_t nblocks = size < (64 << 10) ? 5 : size < (1 << 20) ? 3 : 2;
	bool same = true;
	for (int enc = 0; enc < 3 && same; enc++)
		for (size_t k = 0; k < nblocks && same; k++) {
			same = same_buf(dump(path, false, (enum ind_encoding)enc, blocks[k]),
					dump(path, true, (enum ind_encoding)enc, blocks[k]));
		}
	if (same)
		files_same++;
	else if (!files_differ++)
		snprintf(first_file, sizeof first_file, "%s", path);
}

/* Every regular file under dir (one level of subdirectories), smaller than 8 MB. */
static void compare_dir(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[1024];
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth < 2)
			compare_dir(path, depth + 1);
		else if (S_ISREG(st.st_mode) && st.st_size < (8 << 20))
			compare_file(path, st.st_size);
	}
	closedir(d);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(void)
{
	rec_row_hook = check_lines;
	static const char alphabet[] = { 'a', ' ', '\t', ',', '"', '\n', '\r', ';' };
	char s[16];
	/* IND_SCAN_LEN=8 for a longer run; 6 keeps make check (and its ASan run) quick */
	size_t max_len = getenv("IND_SCAN_LEN") ? (size_t)atoi(getenv("IND_SCAN_LEN")) : 6;
	if (max_len > sizeof s)
		max_len = sizeof s;

	/* every string of up to 6 characters over the bytes that matter (8^6: 262 144), ',' and TAB delimited */
	for (int delim = 0; delim < 2; delim++) {
		mismatches = records_compared = 0;
		for (size_t len = 1; len <= max_len; len++) {
			size_t total = 1;
			for (size_t i = 0; i < len; i++)
				total *= sizeof alphabet;
			for (size_t code = 0; code < total; code++) {
				size_t c = code;
				for (size_t i = 0; i < len; i++, c /= sizeof alphabet)
					s[i] = alphabet[c % sizeof alphabet];
				compare_text(s, len, delim ? '\t' : ',');
				compare_line(s, len, delim ? '\t' : ',');
			}
		}
		OK(mismatches == 0 && records_compared > 10000,
		   "every string to %zu bytes, delimiter %s: the scanner ends, refuses and splits records as libcsv "
		   "does (%ld records compared, %ld differ%s%s)", max_len, delim ? "TAB" : "','", records_compared, mismatches,
		   mismatches ? "; first: " : "", mismatches ? first_bad : "");
	}

	/* the reader's one-pass path against libcsv: every text of up to 5 bytes, high bytes, NUL and CR included */
	{
		static const char bytes[] = { 'a', ' ', '\t', ',', '"', '\n', '\r', '\0', '\xe4' };
		char path[] = "/tmp/ind-test-scan.XXXXXX";
		int fd = mkstemp(path);
		long differ = 0, texts = 0;
		char shown[64] = "";
		for (int enc = 0; enc < 3 && fd >= 0; enc++) {
			ind_reader *fast = parent_of(path, false, (enum ind_encoding)enc);
			ind_reader *ref = parent_of(path, true, (enum ind_encoding)enc);
			for (size_t len = 1; len <= 5 && fast && ref; len++) {
				size_t total = 1;
				for (size_t i = 0; i < len; i++)
					total *= sizeof bytes;
				for (size_t code = 0; code < total; code++, texts++) {
					size_t c = code;
					/* alone, and after a first record: a reader's first record always takes the long way */
					s[0] = 'x', s[1] = '\n';
					for (size_t i = 0; i < len; i++, c /= sizeof bytes)
						s[2 + i] = bytes[c % sizeof bytes];
					for (size_t from = 0; from <= 2; from += 2)
						if (!same_buf(dump_text(fast, s + from, len + 2 - from),
							      dump_text(ref, s + from, len + 2 - from)) && !differ++)
							for (size_t i = from, m = 0; i < len + 2; i++)
								m += (size_t)snprintf(shown + m, sizeof shown - m, "\\x%02x",
										      (unsigned char)s[i]);
				}
			}
			ind_reader_close(fast);
			ind_reader_close(ref);
		}
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		OK(differ == 0 && texts > 100000, "every text to 5 bytes in every encoding mode: the reader's records, "
		   "lines, raw bytes and errors are libcsv's (%ld texts, %ld differ%s%s)", texts, differ,
		   differ ? "; first: " : "", shown);
	}

	/* a quoted field that does not close, in a buffer of just its size (under ASan: no byte beyond is read) */
	{
		bool declined = true;
		for (size_t n = 1; n <= 64; n++) {
			char *b = malloc(n);
			const char *field[4];
			size_t flen[4];
			struct ind_scan_line_facts f;
			if (!b)
				abort();
			memset(b, 'a', n);
			b[0] = '"';
			declined &= ind_scan_line(b, n, ',', false, &f, field, flen, 4) == 0;
			if (n > 1) {	/* a line end inside the open quote: still no record of one line */
				b[n - 1] = '\n';
				declined &= ind_scan_line(b, n, ',', false, &f, field, flen, 4) == 0;
			}
			free(b);
		}
		OK(declined, "an open quoted field to the end of the buffer, 1 to 64 bytes: left to the scanner");
	}

	/* the block cutter's run of even lines: every text of up to 7 bytes, and longer random ones below */
	{
		static const char bytes[] = { 'a', '"', '\n', '\0', ',', ' ' };
		char path[] = "/tmp/ind-test-scan.XXXXXX";
		int fd = mkstemp(path);
		ind_reader *parent = fd >= 0 ? parent_of(path, false, IND_ENC_AUTO) : NULL;
		for (size_t len = 1; len <= 7 && parent; len++) {
			size_t total = 1;
			for (size_t i = 0; i < len; i++)
				total *= sizeof bytes;
			for (size_t code = 0; code < total; code++) {
				size_t c = code;
				for (size_t i = 0; i < len; i++, c /= sizeof bytes)
					s[i] = bytes[c % sizeof bytes];
				check_even_cut(parent, s, len, 1);
				check_even_cut(parent, s, len, len);
			}
		}
		for (int iter = 0; iter < 50000 && parent; iter++) {
			static const char *pieces[] = { "a", "\"", "\"\"", "\n", ",", " ", "\"x,\ny\"", "\"q\"", "\xc3\xa4", "\0" };
			char text[128];
			size_t n = 0, parts = 1 + next_random() % 30;
			for (size_t i = 0; i < parts; i++) {
				const char *p = pieces[next_random() % (sizeof pieces / sizeof *pieces)];
				size_t pl = p[0] ? strlen(p) : 1;
				if (n + pl < sizeof text) {
					memcpy(text + n, p, pl);
					n += pl;
				}
			}
			check_even_cut(parent, text, n, 1 + next_random() % (n + 1));
		}
		ind_reader_close(parent);
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		OK(even_cut_bad == 0 && even_cuts > 50000,
		   "the block cutter's run of even lines ends at a record boundary (%ld cuts, %ld not%s%s)", even_cuts,
		   even_cut_bad, even_cut_bad ? "; first: " : "", first_bad_cut);
	}

	/* longer random records: quoted fields with line breaks, doubled quotes, blanks, high bytes */
	{
		static const char *pieces[] = { "a", "bc", " ", "\t", ",", ";", "\"", "\"\"", "\n", "\r\n", "\r",
						"\xc3\xa4", "x y", "\"q,1\"", "12,5", "" };
		char text[256];
		mismatches = records_compared = 0;
		for (int iter = 0; iter < 200000; iter++) {
			size_t n = 0, parts = 1 + next_random() % 24;
			for (size_t i = 0; i < parts; i++) {
				const char *p = pieces[next_random() % (sizeof pieces / sizeof *pieces)];
				size_t pl = strlen(p);
				if (n + pl < sizeof text) {
					memcpy(text + n, p, pl);
					n += pl;
				}
			}
			compare_text(text, n, iter & 1 ? ';' : ',');
			compare_line(text, n, iter & 1 ? ';' : ',');
		}
		OK(line_mismatches == 0 && lines_split > 100000 && quoted_lines_split > 10000,
		   "every string to %zu bytes and 200 000 random texts: the lines split in one pass, quoted fields and all, "
		   "are libcsv's records (%ld lines, %ld with quotes, %ld differ%s%s)", max_len, lines_split,
		   quoted_lines_split, line_mismatches, line_mismatches ? "; first: " : "", first_bad_line);
		OK(mismatches == 0 && records_compared > 100000,
		   "200 000 random texts: the same records as libcsv (%ld records compared, %ld differ%s%s)",
		   records_compared, mismatches, mismatches ? "; first: " : "", mismatches ? first_bad : "");
	}

	/* a field longer than any buffer the scanner starts with */
	{
		size_t n = 3 << 20;
		char *big = malloc(n + 8);
		memset(big + 1, 'x', n);
		big[0] = '"';
		memcpy(big + n + 1, "\"\"\",b\n", 6);
		struct ind_scan sc;
		ind_scan_init(&sc, ',', true);
		ind_scan_reset(&sc);
		int st = ind_scan_feed(&sc, big, n + 7);
		OK(st == IND_SCAN_END && sc.nfields == 2 && sc.len[0] == n + 1 && sc.store[sc.off[0] + n] == '"' &&
		   sc.len[1] == 1, "a 3 MiB quoted field with a doubled quote at its end: one field of 3 MiB + 1");
		ind_scan_free(&sc);
		free(big);
	}

	/* the reader: scanner against libcsv over every corpus file, whole and in blocks, in every encoding mode */
	files_same = files_differ = 0;
	compare_dir("tests/fuzz/seeds/reader", 0);
	compare_dir("sample-data", 0);
	compare_dir("tests/cli/ind-load", 0);
	OK(files_differ == 0 && files_same > 60,
	   "fuzz seeds, sample data and ind-load cases: the same records, lines, raw bytes and errors through the "
	   "scanner as through libcsv, whole and in blocks of 4096 and 64 bytes (and 7 and 1 below 64 KiB) (%d files%s%s)",
	   files_same + files_differ, files_differ ? "; first differing: " : "", files_differ ? first_file : "");
	OK(lines_wrong == 0 && lines_checked > 100000, "every record's line count is that of its raw bytes "
	   "(%ld records, %ld wrong)", lines_checked, lines_wrong);
	{
		const char *real = shared("real-exports");
		struct stat st;
		if (stat(real, &st) != 0) {
			printf("ok %d - real exports # SKIP %s absent\n", ++tap_n, real);
		} else {
			char dir[512];
			snprintf(dir, sizeof dir, "%s", real);
			files_same = files_differ = 0;
			compare_dir(dir, 0);
			OK(files_differ == 0 && files_same > 5, "real exports: the same through the scanner as through libcsv "
			   "(%d files%s%s)", files_same + files_differ, files_differ ? "; first differing: " : "",
			   files_differ ? first_file : "");
		}
	}
	return tap_done();
}
