/* px.h - PC-Axis (.px) tables, as Statistics Finland, THL and the Nordic PxWeb write them. See LICENSE. */
#ifndef IND_PX_H
#define IND_PX_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"

/* Does this look like a PC-Axis file: keywords such as AXIS-VERSION, CHARSET or STUB before any data? */
bool ind_px_detect(const char *buf, size_t len);

/*
 * The table as a long CSV (',' and '.', UTF-8, LF): a header of the variable
 * names (the time variable, known by TIMEVAL or VARIABLE-TYPE, as "period";
 * the CONTVARIABLE as "indicator"), then "value", and one row per cell in the
 * file's order (stub variables first, the last heading variable fastest),
 * each variable by its label (VALUES) and the cell as written: a number,
 * or a special ("..", "-", ...) without its quotes. Strings are decoded by
 * CODEPAGE (utf-8, iso-8859-1, iso-8859-15, windows-1252; bytes 0x80-0x9F of
 * the ISO code pages are read as Windows-1252, as older files hold them).
 * Only the main language is used: keywords with a [lang] part are skipped
 * (but see ind_px_to_csv_lang).
 * The CSV may be no longer than limit bytes: labels repeat on every row, so
 * a small file can stand for a large table. *out is malloc'ed. Returns 0,
 * or -1 with err naming the line of the file.
 */
int ind_px_to_csv(const char *buf, size_t len, const char *name, size_t limit, char **out, size_t *out_len,
		  size_t *cells, struct ind_error *err);

/*
 * The same in the language lang (as in VALUES[sv]): STUB, HEADING,
 * CONTVARIABLE, VALUES, CONTENTS and the like of lang in place of the
 * main language's, variable by variable (the time variable is the main
 * language's). lang NULL, or the file's LANGUAGE, is the main language. A
 * language the file has no texts for, or texts that do not match the main
 * language's variables and values in number, are errors.
 */
int ind_px_to_csv_lang(const char *buf, size_t len, const char *name, const char *lang, size_t limit, char **out,
		       size_t *out_len, size_t *cells, struct ind_error *err);

#endif
