/* reader.c - chunked, sniffing CSV reader over zlib, with the record scanner (libcsv for reference). See LICENSE. */
#include "reader.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <zlib.h>

#include "json.h"
#include "px.h"
#include "scan.h"

#define CHUNK (1u << 20)		/* bytes read at a time, once a file shows it is large */
#define FIRST_CHUNK (64u << 10)		/* small files (summaries, configs) never need more */
#define SNIFF_BYTES (64u << 10)		/* what the dialect is guessed from */
#define SNIFF_LINES 200
#define MAX_RECORD(r) ((r)->opts.max_record ? (r)->opts.max_record : IND_MAX_RECORD)
#define MAX_READ ((size_t)64 << 20)	/* the most read at once, however long the pending line */

struct ind_reader {
	char *name;
	int fd;			/* -1 for a block reader */
	bool borrowed;		/* buf belongs to someone else (a block) */
	bool eof;		/* no more decoded bytes */
	size_t chunk;		/* bytes to read next time (grows to CHUNK) */

	/* gzip input, detected by its magic bytes; plain input is read() directly */
	bool gzip, in_eof, z_ready;
	z_stream zs;
	unsigned char *zin;

	char *buf;		/* raw bytes: [pos, len) not yet consumed */
	size_t cap, pos, len;
	long lineno;		/* physical lines handed out so far */
	long to_skip;		/* preamble lines still to skip */

	struct ind_reader_opts opts;
	struct ind_dialect dialect;
	long recoded;

	char *conv;		/* a line decoded from Windows-1252 */
	size_t conv_cap;

	/* fields of the current record */
	const char **field;
	size_t *flen;
	size_t *off;		/* offsets into store while libcsv fills it */
	size_t nfields, fields_cap;

	/* libcsv path */
	struct csv_parser csv;
	char *store;		/* field bytes collected by the callbacks */
	size_t store_len, store_cap;
	char *raw;		/* the record's bytes as they were in the input, line ends included */
	size_t raw_len, raw_cap;
	bool record_done, oom;

	bool has_cr;		/* a CR byte was read: lines may end in CR or CRLF, not only LF */
	size_t eol;		/* length of the last line's terminator: 0 (end of input), 1 or 2 */
	struct csv_parser cut;	/* finds where quoted records end, for the block cutter (--always-libcsv) */
	struct ind_scan scan;	/* the fields of records with quotes */
	struct ind_scan cutter;	/* where such records end, for the block cutter */
};

void ind_reader_opts_init(struct ind_reader_opts *o)
{
	memset(o, 0, sizeof *o);
	o->skip = -1;
}

static bool grow(void *pp, size_t *cap, size_t need, size_t elem)
{
	void *p;
	size_t n = *cap ? *cap : 64;
	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	p = realloc(*(void **)pp, n * elem);
	if (!p)
		return false;
	*(void **)pp = p;
	*cap = n;
	return true;
}

/* ---- encoding -------------------------------------------------------- */

bool ind_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n;
	while (s < end) {
		unsigned c = *s;
		size_t k;
		uint32_t cp;
		if (c < 0x80) {	/* ASCII: 8 bytes at a time while it lasts */
			uint64_t v;
			for (s++; end - s >= 8 && (memcpy(&v, s, 8), !(v & 0x8080808080808080ull)); s += 8)
				;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3, cp = c & 0x07;
		else
			return false;
		if ((size_t)(end - s) <= k)
			return false;
		for (size_t i = 1; i <= k; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		s += k + 1;
	}
	return true;
}

/* Windows-1252 0x80-0x9F; the five holes map to the C1 controls, as Latin-1. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

size_t ind_cp1252_to_utf8(const char *str, size_t n, char *out)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char *o = (unsigned char *)out;
	for (size_t i = 0; i < n; i++) {
		unsigned cp = s[i];
		if (cp < 0x80) {
			*o++ = (unsigned char)cp;
			continue;
		}
		if (cp < 0xA0)
			cp = cp1252_high[cp - 0x80];
		if (cp < 0x800) {
			*o++ = (unsigned char)(0xC0 | (cp >> 6));
			*o++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			*o++ = (unsigned char)(0xE0 | (cp >> 12));
			*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			*o++ = (unsigned char)(0x80 | (cp & 0x3F));
		}
	}
	return (size_t)(o - (unsigned char *)out);
}

/* True if s[0..n) has a byte >= 0x80 or a NUL: the rare lines that need a closer look. */
static bool needs_check(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		if ((v & highs) || ((v - ones) & ~v & highs))
			return true;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == 0)
			return true;
	return false;
}

/* ---- raw lines --------------------------------------------------------- */

#define ZIN (1u << 18)

static ssize_t read_full(int fd, void *buf, size_t n)
{
	ssize_t got;
	do
		got = read(fd, buf, n);
	while (got < 0 && errno == EINTR);
	return got;
}

/*
 * Decompress into dst: up to cap bytes, 0 at the true end. Concatenated
 * gzip members are read as one stream; input that ends inside a member is
 * an error, not a short file.
 */
static ssize_t gunzip(ind_reader *r, char *dst, size_t cap, struct ind_error *err)
{
	z_stream *zs = &r->zs;
	zs->next_out = (unsigned char *)dst;
	zs->avail_out = (unsigned)cap;
	while (zs->avail_out == cap) {
		int ret;
		if (zs->avail_in == 0 && !r->in_eof) {
			ssize_t got = read_full(r->fd, r->zin, ZIN);
			if (got < 0)
				return ind_error_set(err, r->name, 0, "read error: %s", strerror(errno));
			r->in_eof = got == 0;
			zs->next_in = r->zin;
			zs->avail_in = (unsigned)got;
		}
		if (zs->avail_in == 0 && r->in_eof) {
			if (r->z_ready)
				return ind_error_set(err, r->name, 0, "truncated gzip data (unexpected end of file)");
			break;
		}
		if (!r->z_ready) {	/* the start of a member */
			if (inflateReset2(zs, 16 + MAX_WBITS) != Z_OK)
				return ind_error_set(err, r->name, 0, "out of memory");
			r->z_ready = true;
		}
		ret = inflate(zs, Z_NO_FLUSH);
		if (ret == Z_STREAM_END)
			r->z_ready = false;
		else if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT)
			return ind_error_set(err, r->name, 0, "corrupt gzip data: %s",
					     zs->msg ? zs->msg : "invalid data");
		else if (ret == Z_MEM_ERROR)
			return ind_error_set(err, r->name, 0, "out of memory");
	}
	return (ssize_t)(cap - zs->avail_out);
}

static int fill(ind_reader *r, struct ind_error *err)
{
	ssize_t got;
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->pos = 0;
	}
	/* at least as much as is pending, so that a long line is scanned a bounded number of times */
	size_t want = r->chunk ? r->chunk : FIRST_CHUNK;
	if (r->len > want)
		want = r->len < MAX_READ ? r->len : MAX_READ;
	if (r->cap - r->len < want && !grow(&r->buf, &r->cap, r->len + want, 1))
		return ind_error_set(err, r->name, 0, "out of memory");
	if (r->gzip) {
		got = gunzip(r, r->buf + r->len, want, err);
		if (got < 0)
			return -1;
	} else {
		got = read_full(r->fd, r->buf + r->len, want);
		if (got < 0)
			return ind_error_set(err, r->name, 0, "read error: %s", strerror(errno));
	}
	if (got == 0)
		r->eof = true;
	else if ((size_t)got == want && want < CHUNK)
		r->chunk = 2 * want;	/* a large input: read more at a time */
	if (!r->has_cr && got > 0 && memchr(r->buf + r->len, '\r', (size_t)got))
		r->has_cr = true;
	r->len += (size_t)got;
	return 0;
}

/*
 * Read on until what is pending has doubled (or the input ends): a pipe
 * hands out 64 KiB at a time, and a line that grows by that much per
 * search would be searched again from its start each time.
 */
static int fill_more(ind_reader *r, struct ind_error *err)
{
	size_t target = r->len - r->pos;
	target += target < FIRST_CHUNK ? FIRST_CHUNK : target < MAX_READ ? target : MAX_READ;
	if (target > MAX_RECORD(r) + 2 && r->len - r->pos <= MAX_RECORD(r) + 2)
		target = MAX_RECORD(r) + 2;	/* enough to tell a record too long */
	do
		if (fill(r, err) < 0)
			return -1;
	while (!r->eof && r->len - r->pos < target);
	return 0;
}

/* Look at the first bytes: gzip data is decompressed from here on. */
static int detect_gzip(ind_reader *r, struct ind_error *err)
{
	if (fill(r, err) < 0)
		return -1;
	if (r->len < 2 || (unsigned char)r->buf[0] != 0x1f || (unsigned char)r->buf[1] != 0x8b)
		return 0;
	r->zin = malloc(ZIN > r->len ? ZIN : r->len);
	if (!r->zin || inflateInit2(&r->zs, 16 + MAX_WBITS) != Z_OK)
		return ind_error_set(err, r->name, 0, "out of memory");
	memcpy(r->zin, r->buf, r->len);
	r->zs.next_in = r->zin;
	r->zs.avail_in = (unsigned)r->len;
	r->in_eof = r->eof;
	r->eof = false;
	r->gzip = true;
	r->z_ready = true;
	r->len = 0;
	return 0;
}

static int too_long(const ind_reader *r, long line, struct ind_error *err)
{
	size_t m = MAX_RECORD(r);
	if (m >= (1u << 20))
		return ind_error_set(err, r->name, line, "record longer than %zu MiB (an unterminated quote, or no line ends?"
				     " see --max-record)", m >> 20);
	return ind_error_set(err, r->name, line, "record longer than %zu bytes (an unterminated quote, or no line ends?"
			     " see --max-record)", m);
}

/*
 * The line at b[0..n): its length without the terminator in *k, and the
 * terminator's length (LF or CR: 1, CRLF: 2, none at the end of input: 0)
 * in *eol. False when it cannot be told yet: no terminator before the end
 * of the bytes at hand, or a CR there that a LF may follow.
 */
static bool line_at(const char *b, size_t n, bool cr, bool eof, size_t *k, size_t *eol)
{
	const char *nl = memchr(b, '\n', n), *c = cr ? memchr(b, '\r', nl ? (size_t)(nl - b) : n) : NULL;
	if (c) {
		*k = (size_t)(c - b);
		if (*k + 1 < n) {
			*eol = b[*k + 1] == '\n' ? 2 : 1;
			return true;
		}
		*eol = 1;
		return eof;
	}
	if (nl) {
		*k = (size_t)(nl - b);
		*eol = 1;
		return true;
	}
	*k = n;
	*eol = 0;
	return eof;
}

/*
 * Next physical line without its terminator (LF, CRLF or CR alone, mixed
 * as they come). Returns 1, 0 at the end, -1 on error. The line and its
 * terminator (r->eol bytes) live in r->buf until the next call.
 */
static int next_line(ind_reader *r, const char **line, size_t *n, struct ind_error *err)
{
	for (;;) {
		char *start = r->buf + r->pos;
		size_t k, eol;
		if (r->pos < r->len && line_at(start, r->len - r->pos, r->has_cr, r->eof, &k, &eol)) {
			if (k > MAX_RECORD(r))
				return too_long(r, r->lineno + 1, err);
			r->pos += k + eol;
			r->eol = eol;
			*line = start;
			*n = k;
			r->lineno++;
			return 1;
		}
		if (r->eof)
			return 0;
		if (r->len - r->pos > MAX_RECORD(r))
			return too_long(r, r->lineno + 1, err);
		if (fill_more(r, err) < 0)
			return -1;
	}
}

/* ---- sniffing ---------------------------------------------------------- */

static const char candidates[] = { ',', ';', '\t', '|' };

/* Delimiters outside quotes on one line; *inq carries quote state across lines. */
static size_t count_delims(const char *s, size_t n, char d, bool *inq)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			*inq = !*inq;
		else if (s[i] == d && !*inq)
			c++;
	}
	return c;
}

/* The line ends in the sniff window: offsets of up to SNIFF_LINES lines. */
struct sniff_line {
	size_t off, n;
};

static size_t sniff_lines(const ind_reader *r, struct sniff_line *lines)
{
	size_t avail = r->len - r->pos, lim = avail < SNIFF_BYTES ? avail : SNIFF_BYTES, i = 0, nl = 0;
	const char *b = r->buf + r->pos;
	while (i < lim && nl < SNIFF_LINES) {
		size_t k, eol;
		if (!line_at(b + i, avail - i, r->has_cr, r->eof, &k, &eol))
			break;	/* a partial last line says nothing reliable */
		lines[nl].off = r->pos + i;
		lines[nl].n = k;
		nl++;
		i += k + eol;
	}
	return nl;
}

static void sniff(ind_reader *r)
{
	struct sniff_line lines[SNIFF_LINES];
	size_t nl = sniff_lines(r, lines);
	size_t best_score = 0, best_mode = 0;
	char best = ',';

	if (r->opts.delimiter) {
		best = r->opts.delimiter;
		best_mode = 1;
	} else {
		for (size_t c = 0; c < sizeof candidates; c++) {
			/* the most common non-zero count, and how many lines have it */
			size_t counts[SNIFF_LINES], mode = 0, score = 0;
			bool inq = false;
			for (size_t i = 0; i < nl; i++)
				counts[i] = count_delims(r->buf + lines[i].off, lines[i].n, candidates[c], &inq);
			for (size_t i = 0; i < nl; i++) {
				size_t f = 0;
				if (counts[i] == 0)
					continue;
				for (size_t j = 0; j < nl; j++)
					f += counts[j] == counts[i];
				if (f > score || (f == score && counts[i] > mode))
					score = f, mode = counts[i];
			}
			if (score > best_score)
				best_score = score, best_mode = mode, best = candidates[c];
		}
	}
	r->dialect.delimiter = best;

	/* Title lines: leading blank or single-cell lines before a real header. */
	if (r->opts.skip >= 0) {
		r->to_skip = r->opts.skip;
	} else if (best_mode > 0) {
		bool inq = false;
		size_t i = 0;
		while (i < nl && count_delims(r->buf + lines[i].off, lines[i].n, best, &inq) == 0 && !inq)
			i++;
		r->to_skip = i < nl ? (long)i : 0;
	}
	r->dialect.skipped = r->to_skip;

	/*
	 * Decimal mark, decided here once for the whole input: ',' in a ';' file
	 * (Finnish exports), '.' in a ',' file; only TAB and '|' files are
	 * judged by which of ',' and '.' ends the number-like cells.
	 */
	if (r->opts.decimal) {
		r->dialect.decimal = r->opts.decimal;
	} else if (best == ',') {
		r->dialect.decimal = '.';
	} else if (best == ';') {
		r->dialect.decimal = ',';
	} else {
		size_t votes_comma = 0, votes_dot = 0;
		for (size_t i = (size_t)r->to_skip + 1; i < nl; i++) {
			const char *s = r->buf + lines[i].off, *e = s + lines[i].n;
			while (s <= e) {
				const char *d = memchr(s, best, (size_t)(e - s));
				const char *ce = d ? d : e, *mark = NULL;
				bool numeric = ce > s;
				const char *a = s, *z = ce;
				if (z - a >= 2 && *a == '"' && z[-1] == '"')
					a++, z--;
				for (const char *q = a; q < z; q++) {
					if (*q == ',' || *q == '.')
						mark = q;
					else if (!((*q >= '0' && *q <= '9') || *q == ' ' || *q == '-' || *q == '+' ||
						   *q == '%'))
						numeric = false;
				}
				if (numeric && mark && mark + 1 < z && mark > a) {
					if (*mark == ',')
						votes_comma++;
					else
						votes_dot++;
				}
				if (!d)
					break;
				s = d + 1;
			}
		}
		r->dialect.decimal = votes_comma > 0 && votes_dot == 0 ? ',' : '.';
	}
}

/* ---- libcsv plumbing --------------------------------------------------- */

static int space_only(unsigned char c) { return c == ' '; }
static int space_or_tab(unsigned char c) { return c == ' ' || c == '\t'; }
static int cr_or_lf(unsigned char c) { return c == '\n' || c == '\r'; }

/* Twice the room for fields in the three parallel arrays. */
static bool fields_grow(ind_reader *r)
{
	size_t cap = r->fields_cap ? 2 * r->fields_cap : 32;
	const char **f;
	size_t *l, *o;
	f = realloc(r->field, cap * sizeof *f);
	if (f)
		r->field = f;
	l = realloc(r->flen, cap * sizeof *l);
	if (l)
		r->flen = l;
	o = realloc(r->off, cap * sizeof *o);
	if (o)
		r->off = o;
	if (!f || !l || !o)
		return false;
	r->fields_cap = cap;
	return true;
}

/* Room for one more field. */
static inline bool field_room(ind_reader *r)
{
	return r->nfields < r->fields_cap || fields_grow(r);
}

static void on_field(void *data, size_t n, void *ctx)
{
	ind_reader *r = ctx;
	if (!field_room(r) || !grow(&r->store, &r->store_cap, r->store_len + n + 1, 1)) {
		r->oom = true;
		return;
	}
	if (n)
		memcpy(r->store + r->store_len, data, n);
	r->off[r->nfields] = r->store_len;
	r->flen[r->nfields] = n;
	r->nfields++;
	r->store_len += n;
}

static void on_record(int c, void *ctx)
{
	(void)c;
	((ind_reader *)ctx)->record_done = true;
}

static void csv_reset(ind_reader *r)
{
	csv_free(&r->csv);
	csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_delim(&r->csv, (unsigned char)r->dialect.delimiter);
	csv_set_space_func(&r->csv, r->dialect.delimiter == '\t' ? space_only : space_or_tab);
	csv_set_term_func(&r->csv, cr_or_lf);
	/* libcsv grows a field's buffer by this much at a time: 128 bytes by default
	 * would make a 10 MB field cost 80 000 reallocations */
	csv_set_blk_size(&r->csv, 1u << 16);
}

static void scanners_init(ind_reader *r)
{
	ind_scan_init(&r->scan, r->dialect.delimiter, true);
	ind_scan_init(&r->cutter, r->dialect.delimiter, false);
}

/* ---- opening ----------------------------------------------------------- */

ind_reader *ind_reader_open(const char *path, const struct ind_reader_opts *opts, struct ind_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	if (fd < 0) {
		ind_error_set(err, path, 0, "%s", strerror(errno));
		return NULL;
	}
	return ind_reader_open_fd(fd, is_stdin ? "<stdin>" : path, opts, err);
}

/*
 * A PC-Axis table or a JSON document: read whole (neither has records to
 * stream; the limit is --max-record), then read on as the CSV it stands for.
 */
static int read_table(ind_reader *r, bool px, struct ind_error *err)
{
	char *csv;
	size_t len, cells;
	int rc;
	while (!r->eof) {
		if (r->len > MAX_RECORD(r))
			return ind_error_set(err, r->name, 0, "a %s file longer than %zu bytes (--max-record)",
					     px ? "PC-Axis" : "JSON", (size_t)MAX_RECORD(r));
		if (fill(r, err) < 0)
			return -1;
	}
	rc = px ? ind_px_to_csv_lang(r->buf, r->len, r->name, r->opts.lang, MAX_RECORD(r), &csv, &len, &cells, err)
		: ind_json_to_csv(r->buf, r->len, r->name, MAX_RECORD(r), &csv, &len, &cells, &r->dialect.table, err);
	if (rc < 0)
		return -1;
	if (px)
		r->dialect.table = "PC-Axis";
	free(r->buf);
	r->buf = csv;
	r->cap = r->len = len;
	r->pos = 0;
	r->has_cr = false;
	r->dialect.table_cells = cells;
	return 0;
}

ind_reader *ind_reader_open_fd(int fd, const char *name, const struct ind_reader_opts *opts, struct ind_error *err)
{
	ind_reader *r = calloc(1, sizeof *r);

	if (!r || !(r->name = strdup(name))) {
		ind_error_set(err, name, 0, "out of memory");
		close(fd);
		free(r);
		return NULL;
	}
	r->fd = fd;
	r->opts = *opts;
	csv_init(&r->csv, 0);

	/* first chunk: enough for the BOM, the sniff window, and the header */
	if (detect_gzip(r, err) < 0)
		goto fail;
	while (!r->eof && r->len < SNIFF_BYTES)
		if (fill(r, err) < 0)
			goto fail;
	if (ind_px_detect(r->buf, r->len) ? read_table(r, true, err) < 0
	    : ind_json_detect(r->buf, r->len) && read_table(r, false, err) < 0)
		goto fail;
	if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0) {
		r->pos = 3;
		r->dialect.bom = true;
	} else if (r->len >= 2 && (memcmp(r->buf, "\xFF\xFE", 2) == 0 || memcmp(r->buf, "\xFE\xFF", 2) == 0)) {
		ind_error_set(err, r->name, 1, "UTF-16 input is not supported; convert it first, "
			      "e.g. iconv -f UTF-16 -t UTF-8");
		goto fail;
	}
	sniff(r);
	csv_reset(r);
	scanners_init(r);
	return r;
fail:
	ind_reader_close(r);
	return NULL;
}

const char *ind_reader_name(const ind_reader *r) { return r->name; }
const struct ind_dialect *ind_reader_dialect(const ind_reader *r) { return &r->dialect; }
long ind_reader_recoded_lines(const ind_reader *r) { return r->recoded; }

void ind_reader_close(ind_reader *r)
{
	if (!r)
		return;
	if (r->gzip)
		inflateEnd(&r->zs);
	free(r->zin);
	if (r->fd >= 0)
		close(r->fd);
	csv_free(&r->csv);
	ind_scan_free(&r->scan);
	ind_scan_free(&r->cutter);
	free(r->name);
	if (!r->borrowed)
		free(r->buf);
	free(r->conv);
	free(r->field);
	free(r->flen);
	free(r->off);
	free(r->store);
	free(r->raw);
	free(r);
}

/* ---- records ----------------------------------------------------------- */

/*
 * Make the line valid UTF-8 (decoding Windows-1252 where asked or needed)
 * and refuse NUL bytes. Returns 0, or -1 with err set.
 */
static int decode_line(ind_reader *r, const char **line, size_t *n, struct ind_error *err)
{
	bool recode;
	if (!needs_check(*line, *n))
		return 0;
	if (memchr(*line, '\0', *n))
		return ind_error_set(err, r->name, r->lineno, "NUL byte in line");
	recode = r->opts.encoding == IND_ENC_CP1252;
	if (!recode && !ind_utf8_valid(*line, *n)) {
		if (r->opts.encoding == IND_ENC_UTF8)
			return ind_error_set(err, r->name, r->lineno, "invalid UTF-8 (try --encoding=cp1252)");
		recode = true;
		r->recoded++;
	}
	if (recode) {
		if (!grow(&r->conv, &r->conv_cap, 3 * *n + 1, 1))
			return ind_error_set(err, r->name, r->lineno, "out of memory");
		*n = ind_cp1252_to_utf8(*line, *n, r->conv);
		*line = r->conv;
	}
	return 0;
}

static bool is_blank(char c, char delim) { return c == ' ' || (c == '\t' && delim != '\t'); }

/* Split a quote-free line in place: the fields libcsv would give (scan.h). */
static int split_plain(ind_reader *r, const char *s, size_t n)
{
	size_t k;
	while ((k = ind_scan_plain(s, n, r->dialect.delimiter, r->field, r->flen, r->fields_cap)) == 0)
		if (!fields_grow(r))
			return -1;
	r->nfields = k;
	return 0;
}

static bool raw_append(ind_reader *r, const char *s, size_t n)
{
	if (!grow(&r->raw, &r->raw_cap, r->raw_len + n + 1, 1))
		return false;
	memcpy(r->raw + r->raw_len, s, n);
	r->raw_len += n;
	return true;
}

/* The terminator of the line just read, for libcsv: a quoted field keeps it as it was. */
static const char *terminator(const ind_reader *r, const char *orig, size_t orig_n, size_t *len)
{
	*len = r->eol ? r->eol : 1;
	return r->eol ? orig + orig_n : "\n";
}

/* A line that is blanks only: one empty field, whichever parser would see it. */
static bool all_blank(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank(s[i], delim))
			return false;
	return true;
}

/* Whether a record starting with this line needs the quote-aware parse (or libcsv, the reference). */
static bool needs_parse(const ind_reader *r, const char *line, size_t n)
{
	return memchr(line, '"', n) || (r->opts.always_libcsv && !all_blank(line, n, r->dialect.delimiter));
}

/*
 * The record so far through b[0..n): the scanner's answer (IND_SCAN_*), or
 * libcsv's under --always-libcsv, its error code in *csv_err.
 */
static int feed(ind_reader *r, const char *b, size_t n, int *csv_err)
{
	if (!r->opts.always_libcsv)
		return ind_scan_feed(&r->scan, b, n);
	if (csv_parse(&r->csv, b, n, on_field, on_record, r) != n) {
		*csv_err = csv_error(&r->csv);
		return IND_SCAN_STRAY_QUOTE;
	}
	return r->oom ? IND_SCAN_NOMEM : r->record_done ? IND_SCAN_END : IND_SCAN_MORE;
}

/* The fields of the record just ended, as views. */
static bool take_fields(ind_reader *r)
{
	if (r->opts.always_libcsv) {
		for (size_t i = 0; i < r->nfields; i++)
			r->field[i] = r->store + r->off[i];
		return true;
	}
	for (r->nfields = 0; r->nfields < r->scan.nfields; r->nfields++) {
		if (!field_room(r))
			return false;
		r->field[r->nfields] = r->scan.store + r->scan.off[r->nfields];
		r->flen[r->nfields] = r->scan.len[r->nfields];
	}
	return true;
}

/*
 * Feed lines to the scanner until the record ends (quoted fields may span
 * lines). line is the first line decoded; orig[0..orig_n) its bytes as
 * read, its terminator following them in the buffer.
 */
static int parse_quoted(ind_reader *r, const char *line, size_t n, const char *orig, size_t orig_n,
			struct ind_row *row, struct ind_error *err)
{
	long start = r->lineno;

	r->nfields = 0;
	r->store_len = 0;
	r->raw_len = 0;
	r->record_done = false;
	r->oom = false;
	ind_scan_reset(&r->scan);
	row->line = start;
	/* a record of one line keeps its raw bytes where they are; a longer one gathers them in r->raw */
	row->raw = orig;
	row->raw_len = orig_n + r->eol;
	for (;;) {
		size_t tl;
		const char *term = terminator(r, orig, orig_n, &tl);
		int csv_err = CSV_EPARSE, st;
		if (row->raw != orig) {
			if (!raw_append(r, orig, orig_n + r->eol))
				return ind_error_set(err, r->name, start, "out of memory");
			row->raw = r->raw;
			row->raw_len = r->raw_len;
		}
		st = feed(r, line, n, &csv_err);
		if (st == IND_SCAN_MORE)
			st = feed(r, term, tl, &csv_err);
		if (st == IND_SCAN_STRAY_QUOTE) {
			csv_reset(r);
			return ind_error_set(err, r->name, start, "%s",
					     csv_err == CSV_EPARSE ? "malformed quoted field (stray '\"')"
								   : csv_strerror(csv_err));
		}
		if (st == IND_SCAN_NOMEM) {
			r->oom = true;
			return ind_error_set(err, r->name, start, "out of memory");
		}
		if (st == IND_SCAN_END)
			break;
		if (row->raw_len > MAX_RECORD(r)) {
			csv_reset(r);
			row->raw_len = 200;
			return too_long(r, start, err);
		}
		if (row->raw != r->raw) {	/* the first line, before the buffer moves */
			if (!raw_append(r, row->raw, row->raw_len))
				return ind_error_set(err, r->name, start, "out of memory");
			row->raw = r->raw;
		}
		switch (next_line(r, &line, &n, err)) {
		case 1:
			break;
		case 0:
			csv_reset(r);
			return ind_error_set(err, r->name, start, "unterminated quoted field");
		default:
			return IND_READ_FATAL;
		}
		orig = line;
		orig_n = n;
		if (decode_line(r, &line, &n, err) < 0) {
			raw_append(r, orig, orig_n + r->eol);
			row->raw = r->raw;
			row->raw_len = r->raw_len;
			csv_reset(r);
			return -1;
		}
	}
	if (!take_fields(r)) {
		r->oom = true;
		return ind_error_set(err, r->name, start, "out of memory");
	}
	return 0;
}

/* Newlines in s[0..n). */
static long count_newlines(const char *s, size_t n)
{
	long c = 0;
	for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++)
		c++;
	return c;
}

/* Physical lines in a block of whole lines: LFs, plus CRs that no LF follows. */
static long count_lines(const char *s, size_t n, bool cr)
{
	long c = count_newlines(s, n);
	for (const char *p = s, *e = s + n; cr && (p = memchr(p, '\r', (size_t)(e - p))) != NULL; p++)
		c += p + 1 == e || p[1] != '\n';
	return c;
}

/* A line the reader refuses whole (decode_line's rule): it ends the record it is in. */
static bool bad_line(const ind_reader *r, const char *s, size_t n)
{
	return needs_check(s, n) &&
	       (memchr(s, '\0', n) || (r->opts.encoding == IND_ENC_UTF8 && !ind_utf8_valid(s, n)));
}

static void cut_field(void *data, size_t n, void *ctx) { (void)data, (void)n, (void)ctx; }
static void cut_record(int c, void *ctx) { (void)c, *(bool *)ctx = true; }

/* One line of a quoted record and its terminator through the cutter's parser: true when the record ends or fails there. */
static bool cut_feed(ind_reader *r, const char *line, size_t k, const char *term, size_t tl, bool *done)
{
	int st;
	if (r->opts.always_libcsv)
		return csv_parse(&r->cut, line, k, cut_field, cut_record, done) != k ||
		       csv_parse(&r->cut, term, tl, cut_field, cut_record, done) != tl || *done;
	st = ind_scan_feed(&r->cutter, line, k);
	if (st == IND_SCAN_MORE)
		st = ind_scan_feed(&r->cutter, term, tl);
	return st != IND_SCAN_MORE;
}

/*
 * Whole quote-free lines at the start of b[0..n) that take the block to
 * want bytes or more: the length of those lines, up to and including the
 * first line end at or after want (or the last at hand when want is
 * beyond), or only up to the line with the first quote. Lines without a quote are records of their own (however they are
 * read), so they can be cut anywhere between. 0 when it cannot be told this
 * way: a CR in the input (a CR alone ends a line too), libcsv only, or no
 * line end in sight; record_end then goes record by record.
 */
static size_t plain_run(const ind_reader *r, const char *b, size_t n, size_t want)
{
	const char *q;
	size_t end;
	if (r->has_cr || r->opts.always_libcsv)
		return 0;
	if (want <= n) {
		const char *nl = memchr(b + want - 1, '\n', n - (want - 1));
		if (!nl)
			return 0;
		end = (size_t)(nl - b) + 1;
		q = memchr(b, '"', end);
	} else if ((q = memchr(b, '"', n)) == NULL) {	/* all whole lines at hand: the block takes them, reads on */
		for (end = n; end > 0 && b[end - 1] != '\n'; end--)
			;
		return end;
	}
	if (!q)
		return end;
	while (q > b && q[-1] != '\n')	/* back to the start of the quote's line */
		q--;
	return (size_t)(q - b);
}

/*
 * Whether a line has an even number of quotes. Such a line, starting a
 * record, also ends it: without an error the scanner is inside a quoted
 * field exactly when it has seen an odd number of quotes, and an error
 * ends the record on its line too. Only a line with an odd number needs
 * the scanner to tell where its record ends.
 */
static bool even_quotes(const char *s, size_t n)
{
	bool even = true;
	for (const char *p = s, *e = s + n; (p = memchr(p, '"', (size_t)(e - p))) != NULL; p++)
		even = !even;
	return even;
}

/*
 * Where the record starting at b[0..n) ends, as ind_reader_next would end
 * it: after a line that needs no quote-aware parse (or is refused), or
 * where the scanner (libcsv under --always-libcsv), fed the same lines and
 * terminators, ends the record or fails. Returns the offset past the
 * record's last terminator, or 0 when the bytes at hand do not tell.
 */
static size_t record_end(ind_reader *r, const char *b, size_t n)
{
	size_t at = 0, k, eol;
	bool quoted = false, done = false, ended = false;

	while (!ended && at < n && line_at(b + at, n - at, r->has_cr, r->eof, &k, &eol)) {
		const char *line = b + at;
		size_t tl = eol ? eol : 1;
		at += k + eol;
		if (bad_line(r, line, k)) {
			ended = true;	/* refused: alone, or as the line that ends a quoted record */
			break;
		}
		if (!quoted) {
			if (k == 0 || !needs_parse(r, line, k) || (!r->opts.always_libcsv && even_quotes(line, k))) {
				ended = true;
				break;
			}
			if (r->opts.always_libcsv) {
				csv_init(&r->cut, CSV_STRICT | CSV_STRICT_FINI);
				csv_set_delim(&r->cut, (unsigned char)r->dialect.delimiter);
				csv_set_space_func(&r->cut, r->dialect.delimiter == '\t' ? space_only : space_or_tab);
				csv_set_term_func(&r->cut, cr_or_lf);
				csv_set_blk_size(&r->cut, 1u << 16);
			}
			ind_scan_reset(&r->cutter);
			quoted = true;
		}
		ended = cut_feed(r, line, k, eol ? line + k : "\n", tl, &done) ||
			at > MAX_RECORD(r) || !eol;	/* ended, failed, too long, or the input's last line */
	}
	if (quoted && r->opts.always_libcsv)
		csv_free(&r->cut);
	return ended || (r->eof && at == n) ? at : 0;
}

int ind_reader_take_block(ind_reader *r, size_t want, char **buf, size_t *len, long *first_line,
			  struct ind_error *err)
{
	size_t cut = 0;

	if (r->to_skip > 0) {	/* title lines are never data */
		const char *line;
		size_t n;
		while (r->to_skip > 0) {
			int got = next_line(r, &line, &n, err);
			if (got <= 0)
				return got;
			r->to_skip--;
		}
	}
	/* whole records, one after another, until the block is big enough */
	while (cut < want || cut == 0) {
		size_t e;
		if (r->pos + cut >= r->len && r->eof)
			break;
		e = plain_run(r, r->buf + r->pos + cut, r->len - r->pos - cut, want > cut ? want - cut : 1);
		if (e == 0 && !r->has_cr && !r->opts.always_libcsv)	/* lines with quotes, each a record if even */
			e = ind_scan_even_lines(r->buf + r->pos + cut, r->len - r->pos - cut, want > cut ? want - cut : 1);
		if (e == 0 && r->pos + cut < r->len)
			e = record_end(r, r->buf + r->pos + cut, r->len - r->pos - cut);
		if (e > 0) {
			cut += e;
			continue;
		}
		if (r->eof)
			break;
		if (r->len - r->pos - cut > MAX_RECORD(r))
			return too_long(r, r->lineno + 1 + count_lines(r->buf + r->pos, cut, r->has_cr), err);
		if (fill_more(r, err) < 0)	/* moves [pos, len) to the start: offsets from pos stay */
			return -1;
	}
	if (cut == 0)
		return 0;
	if (!(*buf = malloc(cut)))
		return ind_error_set(err, r->name, 0, "out of memory");
	memcpy(*buf, r->buf + r->pos, cut);
	*len = cut;
	*first_line = r->lineno + 1;
	r->lineno += count_lines(*buf, cut, r->has_cr);
	r->pos += cut;
	return 1;
}

ind_reader *ind_reader_open_block(const ind_reader *parent, const char *buf, size_t len, long first_line,
				  struct ind_error *err)
{
	ind_reader *r = calloc(1, sizeof *r);
	if (!r || !(r->name = strdup(parent->name))) {
		free(r);
		ind_error_set(err, parent->name, 0, "out of memory");
		return NULL;
	}
	r->fd = -1;
	r->borrowed = true;
	r->buf = (char *)buf;
	r->len = r->cap = len;
	r->eof = true;
	r->lineno = first_line - 1;
	r->has_cr = memchr(buf, '\r', len) != NULL;
	r->opts = parent->opts;
	r->dialect = parent->dialect;
	csv_init(&r->csv, 0);
	csv_reset(r);
	scanners_init(r);
	return r;
}

/* The physical lines of a record's raw bytes: its line ends, and a last line without one. */
static long raw_lines(const char *raw, size_t n)
{
	long lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == n || raw[i + 1] != '\n'));
	if (n == 0 || (raw[n - 1] != '\n' && raw[n - 1] != '\r'))
		lines++;
	return lines;
}

/*
 * The next record when it is a quote-free line already in the buffer, in
 * ASCII or valid UTF-8 that is to stay as it is (most are): one pass over its bytes finds its end and its fields. 1 when
 * it was, 0 when the long way must tell (nothing is consumed then but
 * empty lines).
 */
static int next_plain(ind_reader *r, struct ind_row *row)
{
	if (r->opts.always_libcsv || r->to_skip > 0)
		return 0;
	while (r->pos < r->len) {
		const char *line = r->buf + r->pos;
		struct ind_scan_line_facts f;
		size_t nf = ind_scan_line(line, r->len - r->pos, r->dialect.delimiter, r->has_cr, &f, r->field, r->flen,
					  r->fields_cap);
		size_t k = f.len;
		if (nf == 0 || k > MAX_RECORD(r))
			return 0;
		if (!f.ascii && (r->opts.encoding == IND_ENC_CP1252 || !ind_utf8_valid(line, k)))
			return 0;	/* decode_line's work */
		r->pos += k + f.eol;
		r->eol = f.eol;
		r->lineno++;
		if (k == 0)
			continue;	/* blank lines carry no record */
		r->nfields = nf;
		row->line = r->lineno;
		row->raw = line;
		row->raw_len = k + f.eol;
		row->lines = 1;
		/* no quote or line end, ',' only between fields: only a quoted field may need quotes again */
		row->plain = r->dialect.delimiter == ',' ? ~f.quoted : 0;
		row->nfields = nf;
		row->field = r->field;
		row->len = r->flen;
		return 1;
	}
	return 0;
}

int ind_reader_next(ind_reader *r, struct ind_row *row, struct ind_error *err)
{
	const char *line, *orig;
	size_t n, orig_n;

	if (next_plain(r, row))
		return IND_READ_ROW;
	for (;;) {
		int got = next_line(r, &line, &n, err);
		if (got == 0)
			return IND_READ_EOF;
		if (got < 0)
			return IND_READ_FATAL;
		if (r->to_skip > 0) {
			r->to_skip--;
			continue;
		}
		if (n == 0)
			continue;	/* blank lines carry no record, as in libcsv */
		row->line = r->lineno;
		row->raw = line;	/* the bytes as read, with their terminator */
		row->raw_len = n + r->eol;
		row->lines = 1;
		row->plain = 0;
		orig = line;
		orig_n = n;
		if (decode_line(r, &line, &n, err) < 0)
			return IND_READ_BAD;
		if (needs_parse(r, line, n)) {
			int rc = parse_quoted(r, line, n, orig, orig_n, row, err);
			/* the lines read, unless the raw bytes were cut short for a record too long */
			row->lines = rc < 0 ? raw_lines(row->raw, row->raw_len) : r->lineno - row->line + 1;
			if (rc == IND_READ_FATAL)
				return rc;
			if (rc < 0)
				return r->oom ? IND_READ_FATAL : IND_READ_BAD;
		} else if (split_plain(r, line, n) < 0) {
			return ind_error_set(err, r->name, r->lineno, "out of memory"), IND_READ_FATAL;
		}
		row->nfields = r->nfields;
		row->field = r->field;
		row->len = r->flen;
		return IND_READ_ROW;
	}
}

/* ---- progress ---------------------------------------------------------- */

#include <sys/stat.h>

long long ind_reader_size(const ind_reader *r)
{
	struct stat st;
	if (r->fd < 0 || fstat(r->fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	return (long long)st.st_size;
}

long long ind_reader_bytes_in(const ind_reader *r)
{
	off_t at;
	if (ind_reader_size(r) < 0 || (at = lseek(r->fd, 0, SEEK_CUR)) < 0)
		return -1;
	return (long long)at;
}

bool ind_reader_is_gzip(const ind_reader *r) { return r->gzip; }
