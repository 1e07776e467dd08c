/* scan.c - the record scanner: CSV fields by strict libcsv's rules, in one pass per line. See LICENSE. */
#include "scan.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libcsv's four states, with the same meaning */
enum { ROW_NOT_BEGUN, FIELD_NOT_BEGUN, UNQUOTED, QUOTED, AFTER_QUOTE };

void ind_scan_init(struct ind_scan *s, char delimiter, bool keep)
{
	memset(s, 0, sizeof *s);
	s->delim = (unsigned char)delimiter;
	s->tab_blank = delimiter != '\t';
	s->keep = keep;
}

void ind_scan_reset(struct ind_scan *s)
{
	s->state = ROW_NOT_BEGUN;
	s->spaces = 0;
	s->store_len = s->field_start = 0;
	s->nfields = 0;
}

void ind_scan_free(struct ind_scan *s)
{
	free(s->store);
	free(s->off);
	free(s->len);
	memset(s, 0, sizeof *s);
}

static bool room(struct ind_scan *s, size_t more)
{
	size_t need = s->store_len + more, cap;
	char *p;
	if (need <= s->store_cap)
		return true;
	cap = s->store_cap ? s->store_cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : 2 * cap;
	if (!(p = realloc(s->store, cap)))
		return false;
	s->store = p;
	s->store_cap = cap;
	return true;
}

static bool put(struct ind_scan *s, const unsigned char *b, size_t n)
{
	if (!s->keep)
		return true;
	if (!room(s, n))
		return false;
	memcpy(s->store + s->store_len, b, n);
	s->store_len += n;
	return true;
}

/* The field collected so far ends here, less drop bytes at its end. */
static bool submit(struct ind_scan *s, size_t drop)
{
	if (!s->keep)
		goto done;
	if (s->nfields == s->fields_cap) {
		size_t cap = s->fields_cap ? 2 * s->fields_cap : 32;
		size_t *o = realloc(s->off, cap * sizeof *o), *l;
		if (o)
			s->off = o;
		l = realloc(s->len, cap * sizeof *l);
		if (l)
			s->len = l;
		if (!o || !l)
			return false;
		s->fields_cap = cap;
	}
	s->store_len -= drop;
	if (!room(s, 1))	/* a field is never a view into nothing, and a NUL follows the last */
		return false;
	s->store[s->store_len] = '\0';
	s->off[s->nfields] = s->field_start;
	s->len[s->nfields] = s->store_len - s->field_start;
	s->nfields++;
	s->field_start = s->store_len;
done:
	s->state = FIELD_NOT_BEGUN;
	s->spaces = 0;
	return true;
}

static inline bool is_blank(const struct ind_scan *s, unsigned char c) { return c == ' ' || (c == '\t' && s->tab_blank); }
static inline bool is_term(unsigned char c) { return c == '\n' || c == '\r'; }

int ind_scan_feed(struct ind_scan *s, const char *bytes, size_t n)
{
	const unsigned char *b = (const unsigned char *)bytes, *end = b + n;

	while (b < end) {
		unsigned char c;
		switch (s->state) {
		case ROW_NOT_BEGUN:
		case FIELD_NOT_BEGUN:
			c = *b++;
			if (is_blank(s, c))
				continue;
			if (is_term(c)) {
				if (s->state == ROW_NOT_BEGUN)
					continue;	/* an empty line is no record */
				if (!submit(s, 0))
					return IND_SCAN_NOMEM;
				return IND_SCAN_END;
			}
			if (c == s->delim) {
				if (!submit(s, 0))
					return IND_SCAN_NOMEM;
			} else if (c == '"') {
				s->state = QUOTED;
			} else {
				s->state = UNQUOTED;
				if (!put(s, &c, 1))
					return IND_SCAN_NOMEM;
			}
			break;
		case QUOTED: {
			/* everything up to the next quote is text */
			const unsigned char *q = memchr(b, '"', (size_t)(end - b));
			if (!put(s, b, (size_t)((q ? q : end) - b)))
				return IND_SCAN_NOMEM;
			if (!q)
				return IND_SCAN_MORE;
			b = q + 1;
			s->state = AFTER_QUOTE;
			break;
		}
		case AFTER_QUOTE:
			c = *b++;
			if (c == s->delim || is_term(c)) {
				if (!submit(s, 0))
					return IND_SCAN_NOMEM;
				if (is_term(c))
					return IND_SCAN_END;
			} else if (is_blank(s, c)) {
				s->spaces++;
			} else if (c == '"' && s->spaces == 0) {
				s->state = QUOTED;	/* "" is one quote */
				if (!put(s, &c, 1))
					return IND_SCAN_NOMEM;
			} else {
				return IND_SCAN_STRAY_QUOTE;
			}
			break;
		default: {	/* UNQUOTED: up to a delimiter or terminator; a quote is an error */
			const unsigned char *p = b;
			while (p < end && *p != s->delim && *p != '"' && !is_term(*p)) {
				s->spaces = is_blank(s, *p) ? s->spaces + 1 : 0;
				p++;
			}
			if (!put(s, b, (size_t)(p - b)))
				return IND_SCAN_NOMEM;
			if (p == end)
				return IND_SCAN_MORE;
			b = p + 1;
			if (*p == '"')
				return IND_SCAN_STRAY_QUOTE;
			if (!submit(s, s->spaces))
				return IND_SCAN_NOMEM;
			if (is_term(*p))
				return IND_SCAN_END;
			break;
		}
		}
	}
	return IND_SCAN_MORE;
}

size_t ind_scan_plain(const char *line, size_t n, char delimiter, const char **field, size_t *len, size_t cap)
{
	const char *s = line, *end = line + n;
	bool tab_blank = delimiter != '\t';
	size_t k = 0;
	for (;;) {
		const char *d = memchr(s, delimiter, (size_t)(end - s)), *fe = d ? d : end, *fs = s;
		while (fs < fe && (*fs == ' ' || (*fs == '\t' && tab_blank)))
			fs++;
		while (fe > fs && (fe[-1] == ' ' || (fe[-1] == '\t' && tab_blank)))
			fe--;
		if (k == cap)
			return 0;
		field[k] = fs;
		len[k] = (size_t)(fe - fs);
		k++;
		if (!d)
			return k;
		s = d + 1;
	}
}

/* ---- quote-free lines, eight bytes at a time ---- */

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* The high bit of each byte of v that is zero, exactly (no false positives across bytes). */
static inline uint64_t zero_bytes(uint64_t v)
{
	return ~(((v & ~HIGHS) + ~HIGHS) | v) & HIGHS;
}

static inline const char *trim_start(const char *s, const char *e, bool tab_blank)
{
	while (s < e && (*s == ' ' || (*s == '\t' && tab_blank)))
		s++;
	return s;
}

static inline const char *trim_end(const char *s, const char *e, bool tab_blank)
{
	while (e > s && (e[-1] == ' ' || (e[-1] == '\t' && tab_blank)))
		e--;
	return e;
}

size_t ind_scan_line(const char *b, size_t n, char delimiter, bool cr, size_t *len, size_t *eol, bool *ascii,
		     const char **field, size_t *flen, size_t cap)
{
	uint64_t high = 0;
	const uint64_t lf = ONES * '\n', crs = ONES * '\r', quote = ONES * '"', delim = ONES * (unsigned char)delimiter;
	bool tab_blank = delimiter != '\t';
	const char *start = b;	/* of the current field */
	size_t k = 0, at = 0;

	if (cap == 0)
		return 0;
	for (;;) {
		uint64_t v = 0, ends, stop, delims;
		size_t take = n - at < 8 ? n - at : 8;
		if (take == 0)
			return 0;	/* no line end in sight */
		if (take == 8)
			memcpy(&v, b + at, 8);	/* a fixed size: one load, not a call */
		else
			memcpy(&v, b + at, take);
		ends = zero_bytes(v ^ lf) | (cr ? zero_bytes(v ^ crs) : 0);
		stop = zero_bytes(v ^ quote) | zero_bytes(v);
		delims = zero_bytes(v ^ delim);
		if (take < 8) {	/* the padding is not input */
			uint64_t real = (1ull << (8 * take)) - 1;
			ends &= real;
			stop &= real;
			delims &= real;
			v &= (1ull << (8 * take)) - 1;
		}
		if (ends) {
			uint64_t before = (ends & -ends) - 1;	/* the bytes before the line end */
			stop &= before;
			delims &= before;
			v &= before;
		}
		high |= v & HIGHS;
		if (stop)
			return 0;
		while (delims) {
			const char *d = b + at + ((size_t)__builtin_ctzll(delims) >> 3);
			const char *fs = trim_start(start, d, tab_blank);
			if (k + 1 == cap)
				return 0;
			field[k] = fs;
			flen[k] = (size_t)(trim_end(fs, d, tab_blank) - fs);
			k++;
			start = d + 1;
			delims &= delims - 1;
		}
		if (ends) {
			const char *e = b + at + ((size_t)__builtin_ctzll(ends) >> 3), *fs;
			if (*e == '\r') {
				if (e + 1 == b + n)
					return 0;	/* a LF may follow */
				*eol = e[1] == '\n' ? 2 : 1;
			} else {
				*eol = 1;
			}
			fs = trim_start(start, e, tab_blank);
			field[k] = fs;
			flen[k] = (size_t)(trim_end(fs, e, tab_blank) - fs);
			*len = (size_t)(e - b);
			*ascii = high == 0;
			return k + 1;
		}
		at += take;
	}
}
