/* hashtab.c - the slots of the open-addressing index: made, grown, emptied. See LICENSE. */
#include "hashtab.h"

#include <stdlib.h>
#include <string.h>

bool ind_hashtab_init(struct ind_hashtab *t, size_t cap)
{
	t->slots = calloc(cap, sizeof *t->slots);
	t->cap = t->slots ? cap : 0;
	t->used = 0;
	return t->slots != NULL;
}

void ind_hashtab_free(struct ind_hashtab *t)
{
	free(t->slots);
	t->slots = NULL;
	t->cap = t->used = 0;
}

void ind_hashtab_clear(struct ind_hashtab *t)
{
	memset(t->slots, 0, t->cap * sizeof *t->slots);
	t->used = 0;
}

static struct ind_hashtab_slot *first_empty(const struct ind_hashtab *t, uint64_t hash)
{
	size_t mask = t->cap - 1, j = (size_t)hash & mask;
	while (t->slots[j].entry)
		j = (j + 1) & mask;
	return &t->slots[j];
}

static bool grow(struct ind_hashtab *t)
{
	struct ind_hashtab bigger;
	if (t->cap > SIZE_MAX / 2 / sizeof *t->slots || !ind_hashtab_init(&bigger, t->cap * 2))
		return false;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].entry)
			*first_empty(&bigger, t->slots[i].hash) = t->slots[i];
	bigger.used = t->used;
	free(t->slots);
	*t = bigger;
	return true;
}

static bool full(const struct ind_hashtab *t) { return (t->used + 1) * 2 > t->cap; }

bool ind_hashtab_fill(struct ind_hashtab *t, struct ind_hashtab_slot *slot, uint64_t hash, size_t entry)
{
	if (full(t)) {
		if (!grow(t))
			return false;
		slot = first_empty(t, hash);
	}
	slot->hash = hash;
	slot->entry = entry + 1;
	t->used++;
	return true;
}

bool ind_hashtab_place(struct ind_hashtab *t, uint64_t hash, size_t entry)
{
	if (full(t) && !grow(t))
		return false;
	return ind_hashtab_fill(t, first_empty(t, hash), hash, entry);
}
