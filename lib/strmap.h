/* strmap.h - a small string-to-string hash map (code lists, region maps, sets). See LICENSE. */
#ifndef IND_STRMAP_H
#define IND_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ind_strmap ind_strmap;

ind_strmap *ind_strmap_new(void);
void ind_strmap_free(ind_strmap *m);
/* Copies key and value; a later put of the same key replaces the value. false when out of memory. */
bool ind_strmap_put(ind_strmap *m, const char *key, size_t klen, const char *value);
/* The stored value (owned by the map), or NULL. */
const char *ind_strmap_get(const ind_strmap *m, const char *key, size_t klen);
size_t ind_strmap_size(const ind_strmap *m);
/* Split a comma-separated list into keys mapping to "". */
bool ind_strmap_add_list(ind_strmap *m, const char *list);

#endif
