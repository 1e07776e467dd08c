/* json.h - JSON-stat 2.0 datasets, PxWeb JSON and Sotkanet REST JSON, read as CSV. See LICENSE. */
#ifndef IND_JSON_H
#define IND_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "strmap.h"

/* Does the input start (after a BOM and blanks) with '{' or '['? */
bool ind_json_detect(const char *buf, size_t len);

/*
 * The document as a CSV (',' and '.', UTF-8, LF) that the loader reads by
 * its usual rules; parsed with jansson.
 *  - JSON-stat 2.0 ("class": "dataset", or "id", "size", "dimension" and
 *    "value"): a row per cell, row-major over "id" (the last fastest), each
 *    dimension by its category label; the dimension with role "time" as
 *    "period", "geo" as "region", "metric" as "indicator" (without one, the
 *    dataset's "label" is the indicator); then "value": the number, or for
 *    a missing one (null, or absent from an object "value") its "status"
 *    (e.g. "..") or nothing.
 *  - PxWeb's "json" response ("columns" and "data"): a row per data entry,
 *    the key columns by their text (the type "t" column as "period") and
 *    each content column ("c") as a measure named by its text.
 *  - Sotkanet REST JSON (an array of objects with indicator, region, year,
 *    gender, value): the Sotkanet CSV header, so the rows read as that layout.
 * The CSV may be no longer than limit bytes. *out is malloc'ed; *cells is the
 * number of rows, *kind "JSON-stat", "PxWeb JSON" or "Sotkanet JSON". Returns
 * 0, or -1 with err set (a syntax error names its line).
 */
int ind_json_to_csv(const char *buf, size_t len, const char *name, size_t limit, char **out, size_t *out_len,
		    size_t *cells, const char **kind, struct ind_error *err);

/*
 * Sotkanet's REST metadata in dir: regions.json (the answer of
 * /rest/1.1/regions: objects with id, code, category and title {fi, sv, en})
 * and indicators.json (/rest/1.1/indicators: id and title). Either may be
 * missing, not both. Fills regions (id -> title.fi) and indicators (id ->
 * title.fi), each when not NULL, and puts into keep the names of the regions
 * whose category, in lower case, is one of cats[0..ncats) ("kunta").
 * A title several regions share gets its category, and where that is not
 * enough its id, in parentheses ("Lappi (maakunta)"): no two ids share a
 * name, so no two series are merged. Files over 64 MiB, records without an
 * id or a title, and an id twice are errors naming the file and record.
 */
int ind_sotkanet_meta_read(const char *dir, ind_strmap *regions, ind_strmap *indicators, const char *const *cats,
			   size_t ncats, ind_strmap *keep, struct ind_error *err);

#endif
