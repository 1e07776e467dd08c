/* reader.h - streaming CSV records from files, stdin and .gz, with dialect sniffing. See LICENSE. */
#ifndef IND_READER_H
#define IND_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "err.h"

/*
 * The reader turns bytes into records. It
 *  - reads files, "-" (stdin) and gzip data alike (zlib detects gzip),
 *    in large chunks, holding only the current record: memory does not
 *    grow with file length;
 *  - sniffs the dialect from the first chunk: delimiter among , ; TAB |,
 *    a UTF-8 BOM, title lines before the header, and the decimal mark,
 *    which is ',' in a ';' file and '.' in a ',' file (only TAB and '|'
 *    files are judged by their cells); it never changes within an input;
 *  - splits quote-free lines in one pass and reads records with quotes
 *    through the record scanner (scan.h), by strict libcsv's rules; libcsv
 *    itself under always_libcsv, the reference the tests compare against;
 *  - decodes lines that are not valid UTF-8 as Windows-1252 (auto mode).
 */
typedef struct ind_reader ind_reader;

enum ind_encoding { IND_ENC_AUTO, IND_ENC_UTF8, IND_ENC_CP1252 };

struct ind_reader_opts {
	char delimiter;			/* 0: sniff */
	char decimal;			/* 0: by the delimiter (see above); otherwise ',' or '.' */
	enum ind_encoding encoding;
	long skip;			/* lines before the header; -1: detect title lines */
	bool always_libcsv;		/* every record (and every block cut) through libcsv (tests, benchmarks) */
	size_t max_record;		/* longest record in bytes; 0: IND_MAX_RECORD */
	const char *lang;		/* the language of a PC-Axis table's texts (VALUES[sv]); NULL: its main one */
};

#define IND_MAX_RECORD ((size_t)256 << 20)	/* a runaway quoted field or a file without line ends stops here */

/* What was found out (or given) about the input. */
struct ind_dialect {
	char delimiter;
	char decimal;
	long skipped;			/* title/preamble lines skipped */
	bool bom;
	const char *table;		/* "PC-Axis", "JSON-stat", ...: read as the CSV it stands for (px.h, json.h); NULL for CSV */
	size_t table_cells;		/* its cells (rows) */
};

/*
 * A record, borrowed from the reader until the next call. Fields are
 * (pointer, length) views, not NUL-terminated; raw is the record's bytes
 * exactly as they were in the input (encoding, CR, NUL, quotes, line ends
 * included), for rejects files.
 */
struct ind_row {
	size_t nfields;
	const char **field;
	size_t *len;
	long line;			/* physical line where the record starts */
	const char *raw;
	size_t raw_len;
	long lines;			/* physical lines in raw (a last one without its line end counts) */
	uint64_t plain;			/* bit i: field i holds no ',', '"', CR or LF and no blank at an end, so it is
					   CSV as it is (fields from 64 on are never marked) */
};

/* Whether field i of row is known to need no CSV quoting (ind_row.plain). */
static inline bool ind_row_field_plain(const struct ind_row *row, int i)
{
	return i >= 0 && i < 64 && (row->plain >> i & 1);
}

enum {
	IND_READ_ROW = 1,
	IND_READ_EOF = 0,
	IND_READ_BAD = -1,	/* this record is unusable (row.line, row.raw set); reading may go on */
	IND_READ_FATAL = -2	/* I/O or decompression error: stop reading this input */
};

void ind_reader_opts_init(struct ind_reader_opts *opts);

/* Open path ("-" for stdin) and sniff. NULL with err filled on failure. */
ind_reader *ind_reader_open(const char *path, const struct ind_reader_opts *opts, struct ind_error *err);

/* The same over an open descriptor, which the reader owns (closes) from here on; name is for messages. */
ind_reader *ind_reader_open_fd(int fd, const char *name, const struct ind_reader_opts *opts, struct ind_error *err);

/* Next record: one of the IND_READ_* codes; err is filled for BAD and FATAL. */
int ind_reader_next(ind_reader *r, struct ind_row *row, struct ind_error *err);

/* Name for messages: the path, or "<stdin>". Valid until close. */
const char *ind_reader_name(const ind_reader *r);
const struct ind_dialect *ind_reader_dialect(const ind_reader *r);
/* Lines that were not valid UTF-8 and were read as Windows-1252 (auto mode). */
long ind_reader_recoded_lines(const ind_reader *r);

void ind_reader_close(ind_reader *r);

/*
 * Blocks, for parsing one input on several threads. ind_reader_take_block
 * hands out the next run of whole records, at least want bytes unless the
 * input ends first, cut where the sequential reader would end a record
 * (the same line ends, the same quote rules through the same libcsv
 * settings, the same errors that end a record), so that the records of the
 * blocks are exactly those of one sequential pass. *buf is malloc'ed and the caller's; *first_line is
 * the line number of its first line. Returns 1, 0 at the end, -1 on error.
 */
int ind_reader_take_block(ind_reader *r, size_t want, char **buf, size_t *len, long *first_line,
			  struct ind_error *err);

/*
 * A reader over one such block, with the dialect of the reader it came from
 * (no sniffing). buf is borrowed and must outlive the reader.
 */
ind_reader *ind_reader_open_block(const ind_reader *parent, const char *buf, size_t len, long first_line,
				  struct ind_error *err);

/* Append the UTF-8 form of Windows-1252 text s[0..n) to out (needs 3n bytes). */
size_t ind_cp1252_to_utf8(const char *s, size_t n, char *out);
/* True when s[0..n) is well-formed UTF-8. */
bool ind_utf8_valid(const char *s, size_t n);

/*
 * Progress: the size of the input when it is a regular file (for gzip the
 * compressed size), else -1; the bytes read from it so far (its offset,
 * ahead of the records handed out by what is buffered), -1 when it is not a
 * regular file; whether it is gzip data.
 */
long long ind_reader_size(const ind_reader *r);
long long ind_reader_bytes_in(const ind_reader *r);
bool ind_reader_is_gzip(const ind_reader *r);

#endif
