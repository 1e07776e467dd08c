/* canon.h - the canonical stream's header and records, as ind-load and ind-fetch write them. See LICENSE. */
#ifndef IND_CANON_H
#define IND_CANON_H

#include "load.h"
#include "writer.h"

/* region,indicator,period,value and the optional columns of cols (IND_COL_* bits), the line left open (ind_line_put ends it). */
void ind_canon_header(struct ind_line *ln, unsigned cols);
/* One record in the columns of cols, ended by LF, appended to ln. */
void ind_canon_record(struct ind_line *ln, unsigned cols, const struct ind_record *r);

#endif
