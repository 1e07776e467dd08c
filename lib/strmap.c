/* strmap.c - keys and values in the order first put, indexed by lib/hashtab.c (FNV-1a). See LICENSE. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hashtab.h"

struct entry {
	char *key;
	size_t klen;
	char *value;
};

struct ind_strmap {
	struct entry *entries;
	size_t size, cap;
	struct ind_hashtab index;
};

struct key {
	const char *s;
	size_t n;
};

ind_strmap *ind_strmap_new(void)
{
	ind_strmap *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	if (!ind_hashtab_init(&m->index, 16)) {
		free(m);
		return NULL;
	}
	return m;
}

void ind_strmap_free(ind_strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->size; i++) {
		free(m->entries[i].key);
		free(m->entries[i].value);
	}
	free(m->entries);
	ind_hashtab_free(&m->index);
	free(m);
}

static bool same_key(const void *entries, size_t i, const void *key)
{
	const struct entry *e = (const struct entry *)entries + i;
	const struct key *k = key;
	return e->klen == k->n && memcmp(e->key, k->s, k->n) == 0;
}

bool ind_strmap_put(ind_strmap *m, const char *key, size_t klen, const char *value)
{
	struct key k = { key, klen };
	uint64_t h = ind_hash_bytes(IND_HASH_SEED, key, klen);
	struct ind_hashtab_slot *s = ind_hashtab_probe(&m->index, h, same_key, m->entries, &k);
	struct entry *e;
	char *v = strdup(value);

	if (!v)
		return false;
	if (s->entry) {
		e = &m->entries[s->entry - 1];
		free(e->value);
		e->value = v;
		return true;
	}
	if (m->size == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 8;
		struct entry *n = realloc(m->entries, cap * sizeof *n);
		if (!n) {
			free(v);
			return false;
		}
		m->entries = n;
		m->cap = cap;
	}
	e = &m->entries[m->size];
	if (!(e->key = malloc(klen + 1))) {
		free(v);
		return false;
	}
	if (klen)
		memcpy(e->key, key, klen);
	e->key[klen] = '\0';
	e->klen = klen;
	e->value = v;
	if (!ind_hashtab_fill(&m->index, s, h, m->size)) {
		free(e->key);
		free(v);
		return false;
	}
	m->size++;
	return true;
}

const char *ind_strmap_get(const ind_strmap *m, const char *key, size_t klen)
{
	struct key k = { key, klen };
	const struct ind_hashtab_slot *s =
		ind_hashtab_probe(&m->index, ind_hash_bytes(IND_HASH_SEED, key, klen), same_key, m->entries, &k);
	return s->entry ? m->entries[s->entry - 1].value : NULL;
}

size_t ind_strmap_size(const ind_strmap *m) { return m->size; }

bool ind_strmap_add_list(ind_strmap *m, const char *list)
{
	while (*list) {
		const char *c = strchr(list, ',');
		size_t n = c ? (size_t)(c - list) : strlen(list);
		if (n > 0 && !ind_strmap_put(m, list, n, ""))
			return false;
		list += n + (c != NULL);
	}
	return true;
}
