/* num.h - locale-independent parsing and formatting of numbers. See LICENSE. */
#ifndef IND_NUM_H
#define IND_NUM_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Cells that stand for "no value". Each kind is counted separately so a
 * tool can say on stderr what it met (an analyst wants to know whether
 * '..' meant "confidential" or the cell was just empty).
 */
enum ind_missing {
	IND_MISSING_EMPTY,	/* empty or blank cell */
	IND_MISSING_NA,		/* NA, N/A, #N/A */
	IND_MISSING_ELLIPSIS,	/* the one character U+2026 */
	IND_MISSING_DOT1,	/* PxWeb dot codes: "." */
	IND_MISSING_DOT2,	/* ".." */
	IND_MISSING_DOT3,
	IND_MISSING_DOT4,
	IND_MISSING_DOT5,
	IND_MISSING_DOT6,	/* "......" */
	IND_MISSING_DASH,	/* lone "-", when read as missing */
	IND_MISSING_NKINDS
};

/* How a lone "-" is read: Statistics Finland uses it for "magnitude nil". */
enum ind_dash { IND_DASH_MISSING, IND_DASH_ZERO };

enum ind_num_status { IND_NUM_OK, IND_NUM_MISSING, IND_NUM_BAD };

/*
 * The two refusals that come from the decimal mark, so a caller can word
 * them with the cell inside: "ambiguous number '1,234' (decimal mark is '.')".
 */
enum ind_num_bad {
	IND_NUM_BAD_OTHER,
	IND_NUM_BAD_AMBIGUOUS,	/* the other mark, one three-digit group, no decimal part: 1,234 */
	IND_NUM_BAD_WRONG_MARK	/* the other mark where only a decimal mark could stand: 1,5 */
};

#define IND_NUM_TEXT_MAX 64

/*
 * A parsed cell. text is the value in canonical form (sign, digits, '.',
 * exponent: no grouping, no '%'): written out as it stands, it keeps
 * every digit the source had, so loading never rounds.
 */
struct ind_num {
	double value;
	enum ind_missing missing;	/* set when status is IND_NUM_MISSING */
	char text[IND_NUM_TEXT_MAX];
	size_t len;			/* strlen(text) */
	const char *why;		/* static reason when status is IND_NUM_BAD */
	enum ind_num_bad bad;		/* which kind of reason, likewise */
};

/*
 * Parse s[0..n) with decimal mark ',' or '.', which the caller knows for
 * the whole input: a cell never changes it. Accepts surrounding blanks, a
 * sign, an exponent, a '%' suffix, and digit groups of three separated by
 * space or no-break space (U+00A0, U+202F). The other mark is digit
 * grouping only where it cannot be a decimal mark: beside a decimal part
 * (1.234,5 when the mark is ',') or more than once (1.234.567). Where it
 * could be either (1.234: one group of three, nothing after) the cell is
 * IND_NUM_BAD_AMBIGUOUS; where it can only be a misplaced decimal mark
 * (1.5, 0.234) IND_NUM_BAD_WRONG_MARK. "NaN", "inf", hex and mixed-up
 * grouping are IND_NUM_BAD with a reason.
 */
enum ind_num_status ind_num_parse(const char *s, size_t n, char decimal, enum ind_dash dash,
				  struct ind_num *out);

/* Short stable name of a missing kind for messages: "empty", "'..'", ... */
const char *ind_missing_name(enum ind_missing kind);

/* Shortest text that reads back as exactly x ("%.17g" at worst); "" for NaN/inf. */
#define IND_DOUBLE_TEXT_MAX 32
const char *ind_num_format(double x, char buf[IND_DOUBLE_TEXT_MAX]);

#endif
