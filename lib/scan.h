/* scan.h - the record scanner: CSV fields by strict libcsv's rules, without its per-byte callbacks. See LICENSE. */
#ifndef IND_SCAN_H
#define IND_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The rules are libcsv's with CSV_STRICT, a delimiter, blanks of ' ' (and
 * '\t' unless it is the delimiter) and CR and LF as terminators, which is
 * how the reader has always configured it (--always-libcsv still runs
 * libcsv itself, the reference the tests compare against):
 *  - blanks around an unquoted field are trimmed; blanks before an opening
 *    quote and after a closing one are dropped;
 *  - in a quoted field "" is one quote, and delimiters, CR and LF are text;
 *  - a quote inside an unquoted field, or anything but a blank, delimiter,
 *    terminator or second quote after a closing quote, is an error;
 *  - a terminator outside quotes ends the record; one at its very start
 *    (an empty line) ends nothing.
 *
 * The reader feeds a record line by line, each line followed by its
 * terminator, so a record can only end in a terminator; what follows the
 * byte that ended it (the LF of a CRLF) is not looked at.
 */
enum { IND_SCAN_MORE, IND_SCAN_END, IND_SCAN_STRAY_QUOTE, IND_SCAN_NOMEM };

struct ind_scan {
	unsigned char delim;
	bool tab_blank;		/* '\t' is a blank (it is not the delimiter) */
	bool keep;		/* collect the fields; false: only find where the record ends */
	unsigned char state;
	size_t spaces;		/* blanks after a closing quote */
	unsigned char ends_unquoted[256];	/* the bytes that end (or spoil) an unquoted field */

	/* the record's fields: store[off[i] .. off[i] + len[i]) */
	char *store;
	size_t store_len, store_cap, field_start;
	size_t *off, *len;
	size_t nfields, fields_cap;
};

void ind_scan_init(struct ind_scan *s, char delimiter, bool keep);
/* Forget the record so far: the next byte starts a new one. */
void ind_scan_reset(struct ind_scan *s);
/* Go on with the record through b[0..n): one of IND_SCAN_*. */
int ind_scan_feed(struct ind_scan *s, const char *b, size_t n);
void ind_scan_free(struct ind_scan *s);

/*
 * A quote-free line: its fields as (pointer, length) views into it, blanks
 * trimmed as above. field and len must hold *cap entries; returns the
 * number of fields, or 0 when more than *cap would be needed (grow and call
 * again). A line always has at least one field.
 */
size_t ind_scan_plain(const char *line, size_t n, char delimiter, const char **field, size_t *len, size_t cap);

/* What ind_scan_line found out about a line besides its fields. */
struct ind_scan_line_facts {
	size_t len;	/* without the line end */
	size_t eol;	/* bytes of the line end: 1, or 2 for CRLF */
	bool ascii;	/* all ASCII; if not, it may need decoding, and its fields are only good if it does not */
	uint64_t quoted;	/* bit i: field i was quoted (it may hold the delimiter or blanks at its ends);
			   bit 63 stands for field 63 and every later one */
};

/*
 * The line at b[0..n) when it can be split in one pass, without the
 * scanner: a record of one line (its end a LF, or with cr a CR, CRLF
 * counting as one; without cr there is no CR in the input) whose quoted
 * fields, if any, hold no quote (""), line end or NUL, and with no NUL
 * elsewhere. Its fields, by the rules above (blanks around an unquoted field
 * trimmed, a quoted field's text as it is), go to field and flen (views into
 * b; cap entries), the rest to *facts. Returns the number of fields, or 0
 * when the line is not like that, is not well formed, its end is not in
 * b[0..n) (or a CR ends b, which a LF may follow), or it has more than cap
 * fields: the caller then reads it the long way, which also says what is
 * wrong with it.
 */
size_t ind_scan_line(const char *b, size_t n, char delimiter, bool cr, struct ind_scan_line_facts *facts,
		     const char **field, size_t *flen, size_t cap);

/*
 * Whole lines at the start of b[0..n), each with an even number of quotes
 * and NULs, up to and including the first LF at or after want (or the last
 * at hand): their length, or 0. For the block cutter, with no CR in the
 * input: a line that starts a record and has an even number of quotes also
 * ends it (inside a quoted field exactly when an odd number was seen, and an
 * error ends the record on its line), and a line with a NUL is refused whole,
 * which ends its record too. Counting the NULs with the quotes keeps both
 * rules: a line seen as odd is left to the scanner. The first line with an
 * odd count ends the run before it, a line with none after it (quote-free
 * lines are cut faster by memchr).
 */
size_t ind_scan_even_lines(const char *b, size_t n, size_t want);

#endif
