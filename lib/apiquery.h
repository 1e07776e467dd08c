/* apiquery.h - Sotkanet data URLs and PxWeb API v1 query bodies. See LICENSE. */
#ifndef IND_APIQUERY_H
#define IND_APIQUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "strmap.h"

#define IND_SOTKANET_URL "https://sotkanet.fi/rest/1.1/json"
#define IND_PXWEB_MAX_CELLS 100000		/* Statistics Finland's limit per query */
#define IND_PXWEB_MAX_REQUESTS 10000		/* a split into more requests is refused */
#define IND_SOTKANET_MAX_YEARS 300		/* years of one --years query */

/* Whether s is an http:// or https:// URL (what --base-url and a PxWeb table URL must be). */
bool ind_http_url(const char *s);

/*
 * Sotkanet: the data URL of one indicator (digits), the years and one
 * gender (total, male or female): BASE?indicator=ID&years=Y...&genders=G.
 * NULL when out of memory.
 */
char *ind_sotkanet_url(const char *base, const char *indicator, const int *years, size_t nyears, const char *gender);

/*
 * The arguments of a Sotkanet query. On a bad one each returns false (or
 * IND_EXIT_USAGE) with *why a malloc'ed message quoting it, for a usage error.
 */
/* --years: YEAR, FROM..TO, comma-separated; appended to years[*nyears], at most max in all */
bool ind_sotkanet_years_arg(const char *arg, int *years, size_t *nyears, size_t max, char **why);
/* --indicator: ids of digits, comma-separated; owned copies appended to *ids */
bool ind_sotkanet_ids_arg(const char *arg, char ***ids, size_t *n, char **why);
/*
 * --regions and --sotkanet-meta: *keep the regions to keep (ids by their
 * names where the metadata has them; categories such as kunta or hva by
 * regions.json), and the id -> name maps (NULL when empty). Returns
 * IND_EXIT_OK, IND_EXIT_USAGE (*why) or IND_EXIT_DATA (err: a bad metadata file).
 */
int ind_sotkanet_regions(const char *const *args, size_t nargs, const char *meta_dir, ind_strmap **keep,
			 ind_strmap **region_map, ind_strmap **indicator_map, char **why, struct ind_error *err);

/* --select CODE=VALUE,VALUE or CODE=* */
struct ind_pxweb_select {
	const char *code;
	size_t code_len;
	const char *values;		/* comma-separated, or "*": every value */
};

/* --select: CODE=VALUES into *sel (pointing into arg); false with *why (malloc'ed) when it is not that. */
bool ind_pxweb_select_arg(const char *arg, struct ind_pxweb_select *sel, char **why);

/*
 * The POST bodies of a PxWeb API v1 query, from the table's metadata
 * (the answer to GET on its URL: {"variables": [{"code", "values",
 * "elimination"}, ...]}). Variables and values go in the table's order,
 * so answers come in the order of the table; a query of more than
 * max_cells cells is split into consecutive parts (the first variables
 * one value at a time, the next in runs) whose answers, one after the
 * other, hold the cells of the whole query in its order. Each body:
 * {"query":[{"code":C,"selection":{"filter":"item","values":[...]}},...],
 *  "response":{"format":F}}. A code or value not in the table, a variable
 * that cannot be left out and is not selected, or a split into more than
 * IND_PXWEB_MAX_REQUESTS parts is an error naming url. *bodies (each and
 * the array malloc'ed) and *nbodies; *cells the cells of the whole query.
 */
int ind_pxweb_plan(const char *url, const char *meta, size_t meta_len, const struct ind_pxweb_select *sel,
		   size_t nsel, const char *format, size_t max_cells, char ***bodies, size_t *nbodies,
		   double *cells, struct ind_error *err);

#endif
