/* strmap.c - open addressing, FNV-1a, power-of-two table. See LICENSE. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	char *key;	/* NULL: empty */
	size_t klen;
	char *value;
	uint64_t hash;
};

struct ind_strmap {
	struct slot *slots;
	size_t cap, size;
};

static uint64_t fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

ind_strmap *ind_strmap_new(void)
{
	ind_strmap *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->cap = 16;
	m->slots = calloc(m->cap, sizeof *m->slots);
	if (!m->slots) {
		free(m);
		return NULL;
	}
	return m;
}

void ind_strmap_free(ind_strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key) {
			free(m->slots[i].key);
			free(m->slots[i].value);
		}
	free(m->slots);
	free(m);
}

static struct slot *find(const ind_strmap *m, const char *key, size_t klen, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	for (;;) {
		struct slot *s = &m->slots[i];
		if (!s->key || (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

static bool rehash(ind_strmap *m)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;
	m->slots = calloc(oldcap * 2, sizeof *m->slots);
	if (!m->slots) {
		m->slots = old;
		return false;
	}
	m->cap = oldcap * 2;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
	free(old);
	return true;
}

bool ind_strmap_put(ind_strmap *m, const char *key, size_t klen, const char *value)
{
	uint64_t h = fnv1a(key, klen);
	struct slot *s;
	char *v;

	if ((m->size + 1) * 2 > m->cap && !rehash(m))
		return false;
	s = find(m, key, klen, h);
	v = strdup(value);
	if (!v)
		return false;
	if (s->key) {
		free(s->value);
		s->value = v;
		return true;
	}
	s->key = malloc(klen + 1);
	if (!s->key) {
		free(v);
		return false;
	}
	memcpy(s->key, key, klen);
	s->key[klen] = '\0';
	s->klen = klen;
	s->value = v;
	s->hash = h;
	m->size++;
	return true;
}

const char *ind_strmap_get(const ind_strmap *m, const char *key, size_t klen)
{
	const struct slot *s = find(m, key, klen, fnv1a(key, klen));
	return s->key ? s->value : NULL;
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
