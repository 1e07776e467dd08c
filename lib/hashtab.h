/* hashtab.h - the library's one open-addressing index: slots of (hash, entry), the probe written once. See LICENSE. */
#ifndef IND_HASHTAB_H
#define IND_HASHTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * An index over entries its user keeps in an array of its own, in the order they were made:
 * walking the entries never depends on where their slots are. A slot holds the key's hash and
 * the entry's position + 1 (0: an empty slot). The capacity is a power of two, probing is
 * linear, and the table doubles before it would be more than half full, so that a probe always
 * ends at an empty slot.
 *
 * The user hashes its keys (ind_hash_bytes, ind_hash_word: FNV-1a steps) and says when an entry has
 * the key asked for (ind_hashtab_same). The probe is inline so that a comparison known where it
 * is called is inlined with it: the group table of ind-agg looks up every event row.
 */
struct ind_hashtab_slot {
	uint64_t hash;
	size_t entry;	/* position + 1; 0: empty */
};

struct ind_hashtab {
	struct ind_hashtab_slot *slots;
	size_t cap;	/* a power of two */
	size_t used;
};

#define IND_HASH_SEED 1469598103934665603ull

static inline uint64_t ind_hash_word(uint64_t h, uint64_t v) { return (h ^ v) * 1099511628211ull; }

static inline uint64_t ind_hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = ind_hash_word(h, s[i]);
	return h;
}

/* Whether the entry at position entry of entries has the key key. */
typedef bool ind_hashtab_same(const void *entries, size_t entry, const void *key);

/* An empty table of cap slots (a power of two, at least 2); false when out of memory. */
bool ind_hashtab_init(struct ind_hashtab *t, size_t cap);
/* Frees the slots, not the entries; t may be zeroed. */
void ind_hashtab_free(struct ind_hashtab *t);
/* Every slot emptied, the capacity kept: before the entries are placed again after they moved. */
void ind_hashtab_clear(struct ind_hashtab *t);

/*
 * The slot of the entry with this key (slot->entry != 0), or the empty slot where it would go.
 * The slot is valid until the next ind_hashtab_fill or ind_hashtab_place.
 */
static inline struct ind_hashtab_slot *ind_hashtab_probe(const struct ind_hashtab *t, uint64_t hash,
							 ind_hashtab_same *same, const void *entries, const void *key)
{
	size_t mask = t->cap - 1;
	for (size_t j = (size_t)hash & mask;; j = (j + 1) & mask) {
		struct ind_hashtab_slot *s = &t->slots[j];
		if (!s->entry || (s->hash == hash && same(entries, s->entry - 1, key)))
			return s;
	}
}

/*
 * Records entry (a position) under hash in slot, the empty slot ind_hashtab_probe returned for
 * its key; the table is doubled first when it would be more than half full. false when out of
 * memory: then nothing is recorded and the table is as it was.
 */
bool ind_hashtab_fill(struct ind_hashtab *t, struct ind_hashtab_slot *slot, uint64_t hash, size_t entry);
/* Records entry under hash in the first empty slot, not looking for its key (which must not be there). */
bool ind_hashtab_place(struct ind_hashtab *t, uint64_t hash, size_t entry);

#endif
