/* events.h - interruptions per series from an events file: CSV region,indicator,period[,label]. See LICENSE. */
#ifndef IND_EVENTS_H
#define IND_EVENTS_H

#include <stddef.h>

#include "err.h"
#include "period.h"

#define IND_EVENT_LABEL_MAX 256

typedef struct ind_events ind_events;

/*
 * Read an events file: a header, then one row per interruption; several
 * rows for one series are several interruptions, in any order; a line
 * break or tab inside a label is one space. An empty
 * indicator applies to every indicator of the region. NULL with err set
 * ("FILE:LINE: why") on a bad row or file.
 */
ind_events *ind_events_read(const char *path, struct ind_error *err);
void ind_events_free(ind_events *e);

/*
 * The interruptions of (region, indicator): the rows that name the
 * indicator, else the region's rows with an empty indicator. Returns how
 * many there are; at most max are stored in at[] and label[].
 */
size_t ind_events_for(const ind_events *e, const char *region, const char *indicator, struct ind_period *at,
		      char (*label)[IND_EVENT_LABEL_MAX], size_t max);

#endif
