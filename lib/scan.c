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
	s->ends_unquoted[(unsigned char)delimiter] = s->ends_unquoted['"'] = 1;
	s->ends_unquoted['\n'] = s->ends_unquoted['\r'] = 1;
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

static bool grow_store(struct ind_scan *s, size_t need)
{
	size_t cap = s->store_cap ? s->store_cap : 256;
	char *p;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : 2 * cap;
	if (!(p = realloc(s->store, cap)))
		return false;
	s->store = p;
	s->store_cap = cap;
	return true;
}

static inline bool room(struct ind_scan *s, size_t more)
{
	return s->store_len + more <= s->store_cap || grow_store(s, s->store_len + more);
}

static inline bool put(struct ind_scan *s, const unsigned char *b, size_t n)
{
	if (!s->keep || n == 0)	/* nothing to copy, and no store yet perhaps */
		return true;
	if (!room(s, n))
		return false;
	memcpy(s->store + s->store_len, b, n);
	s->store_len += n;
	return true;
}

/* The field collected so far ends here, less drop bytes at its end. */
static inline bool submit(struct ind_scan *s, size_t drop)
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

/* The blanks at the end of the unquoted field collected so far: libcsv trims them. */
static size_t trailing_blanks(const struct ind_scan *s)
{
	size_t k = s->store_len;
	if (!s->keep)
		return 0;
	while (k > s->field_start && is_blank(s, (unsigned char)s->store[k - 1]))
		k--;
	return s->store_len - k;
}

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
			while (p < end && !s->ends_unquoted[*p])
				p++;
			if (!put(s, b, (size_t)(p - b)))
				return IND_SCAN_NOMEM;
			if (p == end)
				return IND_SCAN_MORE;
			b = p + 1;
			if (*p == '"')
				return IND_SCAN_STRAY_QUOTE;
			if (!submit(s, trailing_blanks(s)))
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

/* ---- quote-free lines, sixteen bytes at a time (eight without SSE2) ---- */

/*
 * masks_of finds the bytes that matter in one step of the input: line
 * ends, quotes and NULs (which stop the fast path), delimiters and bytes
 * >= 0x80, each as a bit mask in which byte i of the step is bit i << SHIFT.
 */
struct step_masks {
	uint64_t ends, stop, delims, high, blanks;
};

#if defined(__SSE2__) && !defined(IND_SCAN_SWAR)
#include <emmintrin.h>
#define STEP 16
#define SHIFT 0
static inline void masks_of(const char *p, char delimiter, bool cr, char blank2, struct step_masks *m)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i ends = _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'));
	if (cr)
		ends = _mm_or_si128(ends, _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
	m->ends = (uint32_t)_mm_movemask_epi8(ends);
	m->stop = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
							    _mm_cmpeq_epi8(v, _mm_setzero_si128())));
	m->delims = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(delimiter)));
	m->high = (uint32_t)_mm_movemask_epi8(v);
	m->blanks = (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
							      _mm_cmpeq_epi8(v, _mm_set1_epi8(blank2))));
}
#else
#define STEP 8
#define SHIFT 3
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
/* The high bit of each byte of v that is zero, exactly (no false positives across bytes). */
static inline uint64_t zero_bytes(uint64_t v)
{
	return ~(((v & ~HIGHS) + ~HIGHS) | v) & HIGHS;
}
static inline void masks_of(const char *p, char delimiter, bool cr, char blank2, struct step_masks *m)
{
	uint64_t v;
	memcpy(&v, p, 8);
	m->ends = zero_bytes(v ^ (ONES * '\n')) | (cr ? zero_bytes(v ^ (ONES * '\r')) : 0);
	m->stop = zero_bytes(v ^ (ONES * '"')) | zero_bytes(v);
	m->delims = zero_bytes(v ^ (ONES * (unsigned char)delimiter));
	m->high = v & HIGHS;
	m->blanks = zero_bytes(v ^ (ONES * ' ')) | zero_bytes(v ^ (ONES * (unsigned char)blank2));
}
#endif

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

/* Trim the blanks around fields [from, to): unquoted fields, once they are whole. */
static void trim_fields(const char **field, size_t *flen, size_t from, size_t to, bool tab_blank)
{
	for (size_t i = from; i < to; i++) {
		const char *fs = trim_start(field[i], field[i] + flen[i], tab_blank);
		flen[i] = (size_t)(trim_end(fs, field[i] + flen[i], tab_blank) - fs);
		field[i] = fs;
	}
}

/*
 * The quoted field whose opening quote is at q: its text to *text and *text_len,
 * and where the blanks after its closing quote end (at a delimiter or the line
 * end, which the caller checks). NULL when the long way must read it: a quote
 * ("") or a line end in the text, a NUL, or the closing quote not in sight.
 */
static const char *quoted_field(const char *q, const char *end, bool tab_blank, const char **text, size_t *text_len,
				uint64_t *high)
{
	const char *c = NULL, *p;
	size_t at, n = (size_t)(end - q - 1);
	const char *b = q + 1;
	for (at = 0; !c; at += STEP) {	/* the closing quote, and no line end or NUL before it */
		struct step_masks m;
		size_t take;
		uint64_t hit;
		if (at >= n)
			return NULL;
		take = n - at < STEP ? n - at : STEP;
		if (take == STEP) {
			masks_of(b + at, '"', true, ' ', &m);
		} else {
			char pad[STEP] = { 0 };
			uint64_t real = ((uint64_t)1 << (take << SHIFT)) - 1;
			memcpy(pad, b + at, take);
			masks_of(pad, '"', true, ' ', &m);
			m.stop &= real;
			m.ends &= real;
			m.high &= real;
		}
		hit = m.stop | m.ends;
		if (hit) {
			p = b + at + ((size_t)__builtin_ctzll(hit) >> SHIFT);
			if (*p != '"')
				return NULL;
			c = p;
			m.high &= (hit & -hit) - 1;
		}
		*high |= m.high;
	}
	*text = q + 1;
	*text_len = (size_t)(c - q - 1);
	p = c + 1;
	if (p < end && *p == '"')
		return NULL;
	while (p < end && (*p == ' ' || (*p == '\t' && tab_blank)))
		p++;
	return p < end ? p : NULL;
}

size_t ind_scan_line(const char *b, size_t n, char delimiter, bool cr, struct ind_scan_line_facts *facts,
		     const char **field, size_t *flen, size_t cap)
{
	bool tab_blank = delimiter != '\t';
	char blank2 = tab_blank ? '\t' : ' ';	/* the blanks are ' ' and, unless it delimits, TAB */
	const char *start = b, *end = b + n;	/* start: of the current field */
	uint64_t high = 0, blanks = 0;
	size_t k = 0, at = 0, trimmed = 0;	/* fields before trimmed are final */

	if (cap == 0)
		return 0;
	facts->quoted = 0;
	for (;;) {
		struct step_masks m;
		size_t take = n - at < STEP ? n - at : STEP;
		const char *e;
		if (take == 0)
			return 0;	/* no line end in sight */
		if (take == STEP) {
			masks_of(b + at, delimiter, cr, blank2, &m);
		} else {	/* the last bytes, padded; the padding is not input */
			char pad[STEP] = { 0 };
			uint64_t real = ((uint64_t)1 << (take << SHIFT)) - 1;
			memcpy(pad, b + at, take);
			masks_of(pad, delimiter, cr, blank2, &m);
			m.ends &= real;
			m.stop &= real;
			m.delims &= real;
			m.high &= real;
			m.blanks &= real;
		}
		if (m.ends) {
			uint64_t before = (m.ends & -m.ends) - 1;	/* the bytes before the line end */
			m.stop &= before;
			m.delims &= before;
			m.high &= before;
			m.blanks &= before;
		}
		if (m.stop) {	/* only what comes before the quote or NUL counts here */
			uint64_t before = (m.stop & -m.stop) - 1;
			m.delims &= before;
			m.high &= before;
			m.blanks &= before;
			m.ends = 0;
		}
		high |= m.high;
		blanks |= m.blanks;
		while (m.delims) {
			const char *d = b + at + ((size_t)__builtin_ctzll(m.delims) >> SHIFT);
			if (k + 1 == cap)
				return 0;
			field[k] = start;
			flen[k] = (size_t)(d - start);
			k++;
			start = d + 1;
			m.delims &= m.delims - 1;
		}
		if (m.stop) {
			const char *q = b + at + ((size_t)__builtin_ctzll(m.stop) >> SHIFT), *after;
			if (*q != '"')
				return 0;	/* a NUL */
			if (trim_start(start, q, tab_blank) != q)
				return 0;	/* a quote inside an unquoted field */
			if (!(after = quoted_field(q, end, tab_blank, &field[k], &flen[k], &high)))
				return 0;
			if (blanks)
				trim_fields(field, flen, trimmed, k, tab_blank);
			trimmed = k + 1;
			facts->quoted |= k < 63 ? (uint64_t)1 << k : ~(uint64_t)0 << 63;
			if (*after == delimiter) {
				if (k + 1 == cap)
					return 0;
				k++;
				start = after + 1;
				at = (size_t)(start - b);
				continue;
			}
			if (*after != '\n' && !(cr && *after == '\r'))
				return 0;	/* text after the closing quote */
			e = after;
		} else if (m.ends) {
			e = b + at + ((size_t)__builtin_ctzll(m.ends) >> SHIFT);
			field[k] = start;
			flen[k] = (size_t)(e - start);
		} else {
			at += take;
			continue;
		}
		if (*e == '\r') {
			if (e + 1 == end)
				return 0;	/* a LF may follow */
			facts->eol = e[1] == '\n' ? 2 : 1;
		} else {
			facts->eol = 1;
		}
		if (blanks)	/* most lines have no blank outside quotes: no field to trim */
			trim_fields(field, flen, trimmed, k + 1, tab_blank);
		facts->len = (size_t)(e - b);
		facts->ascii = high == 0;
		return k + 1;
	}
}

/* The quotes (and NULs) and the LFs of one step of the input. */
static inline void quotes_and_lfs(const char *p, uint64_t *quotes, uint64_t *lfs)
{
	struct step_masks m;
	masks_of(p, '\n', false, ' ', &m);
	*quotes = m.stop;
	*lfs = m.ends;
}

size_t ind_scan_even_lines(const char *b, size_t n, size_t want)
{
	size_t at = 0, cut = 0;
	bool odd = false, seen = false;	/* quotes (and NULs) so far on the current line: an odd count, any */
	while (at < n) {
		size_t take = n - at < STEP ? n - at : STEP;
		uint64_t quotes, lfs;
		if (take == STEP) {
			quotes_and_lfs(b + at, &quotes, &lfs);
		} else {	/* the last bytes, padded; the padding is not input */
			char pad[STEP] = { 0 };
			uint64_t real = ((uint64_t)1 << (take << SHIFT)) - 1;
			memcpy(pad, b + at, take);
			quotes_and_lfs(pad, &quotes, &lfs);
			quotes &= real;
			lfs &= real;
		}
		while (lfs) {
			uint64_t before = (lfs & -lfs) - 1;	/* the bytes before this LF */
			odd ^= __builtin_popcountll(quotes & before) & 1;
			seen |= (quotes & before) != 0;
			if (odd)
				return cut;	/* an odd count: the scanner must say where this line's record ends */
			quotes &= ~before;
			cut = at + ((size_t)__builtin_ctzll(lfs) >> SHIFT) + 1;
			if (cut >= want || !seen)
				return cut;	/* enough, or quote-free lines again, which memchr cuts faster */
			seen = false;
			lfs &= lfs - 1;
		}
		odd ^= __builtin_popcountll(quotes) & 1;
		seen |= quotes != 0;
		at += take;
	}
	return cut;
}
