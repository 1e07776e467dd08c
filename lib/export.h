/* export.h - the report's extra formats (docx, odt, pdf), made by pandoc and headless Chromium. See LICENSE. */
#ifndef IND_EXPORT_H
#define IND_EXPORT_H

#include <stdbool.h>

#include "config.h"
#include "err.h"

/*
 * index.html, report.md and statistics.csv are always written; these are
 * made from them, in the report's new version directory before it is
 * published, by programs run with fork and execv (no shell: a directory
 * name may hold any byte). docx and odt: pandoc from report.md (its
 * charts are PNG files beside it). pdf: headless Chromium printing
 * index.html (its CSS has print rules), or where there is no Chromium,
 * pandoc with a PDF engine found on PATH.
 */
enum {
	IND_EXPORT_DOCX = 1 << 0,
	IND_EXPORT_ODT = 1 << 1,
	IND_EXPORT_PDF = 1 << 2
};

struct ind_export {
	unsigned formats;	/* IND_EXPORT_* bits; 0: nothing to do */
	const char *pandoc;	/* program names or paths; NULL: "pandoc" and */
	const char *browser;	/* the first of chromium, chromium-browser, google-chrome on PATH */
	const char *lang;	/* "fi" or "en": the documents' language */
	int timeout;		/* seconds a program may run; 0: 300 */
};

/*
 * Add the formats of a list ("docx odt pdf", "docx,pdf": commas and
 * blanks separate) to *formats. html, md and csv are accepted and add
 * nothing (always written). -1 with *bad pointing at the bad item (its
 * length in *badlen) otherwise.
 */
int ind_export_parse(const char *list, unsigned *formats, const char **bad, int *badlen);

/*
 * Take the "format = LIST" lines out of [report] of c (a later line
 * replaces an earlier one) into x->formats. -1 with a line-numbered err
 * for a bad list.
 */
int ind_export_configure(struct ind_export *x, struct ind_config *c, struct ind_error *err);

/*
 * Is every program the formats need installed? 0, or -1 with err such as
 * "pandoc not found: install pandoc for format docx". Run it before the
 * work, to fail early; ind_export_write checks again.
 */
int ind_export_check(const struct ind_export *x, struct ind_error *err);

/*
 * Make DIR/report.docx, DIR/report.odt and DIR/report.pdf (those asked
 * for) from DIR/report.md and DIR/index.html. The programs run in DIR, one
 * after the other, each waited for; a program that fails, is killed or
 * runs longer than the timeout is an error naming it (with the end of its
 * messages). A SIGINT, SIGTERM or SIGHUP stops the program first. 0 or -1
 * with err.
 */
int ind_export_write(const struct ind_export *x, const char *dir, struct ind_error *err);

#endif
