/* regions.h - Finland's municipalities, maakunnat and wellbeing services counties by year, built in. See LICENSE. */
#ifndef IND_REGIONS_H
#define IND_REGIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "strmap.h"

/*
 * The classification of Statistics Finland (CC BY 4.0, see lib/data/README.md):
 * every municipality of 2010-2025 by year with its maakunta and its
 * wellbeing services county (notional before 2023: the county its area
 * belongs to from 2023), and the mergers of 2010-2025. A label maps to the
 * region of its row's own year, so Joroinen (171) is in Etelä-Savo's
 * maakunta in 2020 and in Pohjois-Savo's in 2021; a code abolished by a
 * merger maps through its successor in the years after.
 */
enum ind_region_level { IND_LEVEL_COUNTY, IND_LEVEL_MAAKUNTA, IND_LEVEL_MUNICIPALITY };
enum ind_region_names { IND_NAMES_FI, IND_NAMES_SV, IND_NAMES_EN, IND_NAMES_CODE };

#define IND_REGION_NAME_MAX 128

typedef struct ind_classification ind_classification;

/* The built-in tables (static: never freed). */
const ind_classification *ind_classification_builtin(void);
/*
 * A newer municipalities table with the columns of lib/data/municipalities.csv
 * (year, municipality_code, name_fi, name_sv, maakunta_code, maakunta_name_fi,
 * hyvinvointialue_code, hyvinvointialue_name_fi; others ignored); mergers
 * and the counties' Swedish and English names stay the built-in ones. NULL
 * with err ("FILE:LINE: why").
 */
ind_classification *ind_classification_read(const char *path, struct ind_error *err);
void ind_classification_free(ind_classification *c);

/* The years the table covers; a later year is read with the last one's division. */
void ind_classification_years(const ind_classification *c, int *first, int *last);

/*
 * The region of a label in year: a municipality code (091), or a label
 * that starts with one (091 Helsinki, KU091), a maakunta (MK11, for
 * --region-level maakunta, or county when the maakunta has one county), or
 * SSS for the whole country (written as Koko maa / Hela landet / Whole
 * country / SSS). The name goes into buf. NULL with *why (static text, or
 * text in buf) for an unknown code, a year before the table, or a region
 * coarser than the level.
 */
const char *ind_region_of(const ind_classification *c, const char *label, size_t n, int year,
			  enum ind_region_level level, enum ind_region_names names, char buf[IND_REGION_NAME_MAX],
			  const char **why);

/*
 * What a code of one or two digits alone stands for: nothing (a reject:
 * maakunta 11 and county 11 are other regions), a wellbeing services
 * county (a column named hyvinvointialue, hva..., county, välfärdsområde
 * or wellbeing...: Statistics Finland's and Sotkanet's 1, 01, 11, 90), or
 * a maakunta (a column named maakunta or landskap).
 */
enum ind_bare_codes { IND_BARE_NONE, IND_BARE_COUNTY, IND_BARE_MAAKUNTA };
enum ind_bare_codes ind_region_bare_codes(const char *column);

/*
 * ind_region_of, and also HV01, HVA01, HYV01 (any case) for a county
 * (mapped to a maakunta when all its municipalities share one), and codes
 * of one or two digits as bare says.
 */
const char *ind_region_of_codes(const ind_classification *c, const char *label, size_t n, int year,
				enum ind_region_level level, enum ind_region_names names, enum ind_bare_codes bare,
				char buf[IND_REGION_NAME_MAX], const char **why);

/*
 * A number for the region a label names (one that ind_region_of_codes
 * maps): its municipality code 0-999 as written (before any merger),
 * 1000 + a maakunta, 1100 + a county, 1200 the whole country; -1 for a
 * label of none.
 */
#define IND_REGION_KEYS 1201
int ind_region_label_key(const char *label, size_t n, enum ind_bare_codes bare);

/* "county", "maakunta", "municipality" (and "fi", "sv", "en", "code"); false for anything else. */
bool ind_region_level_parse(const char *s, enum ind_region_level *level);
bool ind_region_names_parse(const char *s, enum ind_region_names *names);

/*
 * A code map (ind-load --region-map and --indicator-map, ind-agg --map): a
 * CSV with a key and a value column, named kcol and vcol (NULL: the first
 * two columns, whatever the header calls them). When the header has the
 * columns valid_from and valid_to, years that bound (inclusive) when a row
 * holds (an empty one is open), a key maps to its row of the year asked
 * for, and ranges of one key must not overlap; without them a later row of
 * a key replaces an earlier one. *crc (when crc is not NULL): the CRC-32 of
 * the records as read. NULL with err ("FILE:LINE: why").
 */
typedef struct ind_codemap ind_codemap;

ind_codemap *ind_codemap_read(const char *path, const char *kcol, const char *vcol, unsigned long *crc,
			      struct ind_error *err);
bool ind_codemap_has_years(const ind_codemap *m);
/* A code -> value map as a code map without years (it takes map: freed with it); NULL when out of memory. */
ind_codemap *ind_codemap_wrap(ind_strmap *map);
/* The code -> value map of a code map without years (NULL for one with years), owned by it. */
const ind_strmap *ind_codemap_strmap(const ind_codemap *m);

enum ind_codemap_status { IND_MAP_FOUND, IND_MAP_NO_CODE, IND_MAP_NO_YEAR };

/*
 * The value of key in year (any year for a map without years): *value and
 * *len, valid while the map lives. IND_MAP_NO_CODE: the key has no row;
 * IND_MAP_NO_YEAR: none of its rows holds in year.
 */
enum ind_codemap_status ind_codemap_get(const ind_codemap *m, const char *key, size_t n, int year, const char **value,
					size_t *len);
/* The years of key's rows for messages ("..2020, 2021..") into buf. */
const char *ind_codemap_years(const ind_codemap *m, const char *key, size_t n, char *buf, size_t size);
void ind_codemap_free(ind_codemap *m);

#endif
