/* test_hashtab.c - the open-addressing index: many keys, forced collisions, growth, missing and empty keys. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hashtab.h"
#include "strmap.h"
#include "tap.h"

/* The entries of the tests: keys in the order they were added. */
struct keys {
	char **text;
	size_t n;
	struct ind_hashtab index;
};

static bool same_text(const void *entries, size_t i, const void *key)
{
	return strcmp(((char *const *)entries)[i], key) == 0;
}

static uint64_t text_hash(const char *s) { return ind_hash_bytes(IND_HASH_SEED, s, strlen(s)); }
static uint64_t constant_hash(const char *s) { return (void)s, 42; }

/* The position of s, added when new; -1 when out of memory. */
static long add(struct keys *k, const char *s, uint64_t (*hash)(const char *))
{
	uint64_t h = hash(s);
	struct ind_hashtab_slot *slot = ind_hashtab_probe(&k->index, h, same_text, k->text, s);
	if (slot->entry)
		return (long)slot->entry - 1;
	k->text = realloc(k->text, (k->n + 1) * sizeof *k->text);
	k->text[k->n] = strdup(s);
	if (!ind_hashtab_fill(&k->index, slot, h, k->n))
		return -1;
	return (long)k->n++;
}

static long find(const struct keys *k, const char *s, uint64_t (*hash)(const char *))
{
	const struct ind_hashtab_slot *slot = ind_hashtab_probe(&k->index, hash(s), same_text, k->text, s);
	return slot->entry ? (long)slot->entry - 1 : -1;
}

static void keys_free(struct keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->text[i]);
	free(k->text);
	ind_hashtab_free(&k->index);
}

/* n keys "k0".."k(n-1)" added twice, then each found at its position, and keys never added not found. */
static void many(size_t n, size_t cap, uint64_t (*hash)(const char *), const char *what)
{
	struct keys k = { 0 };
	char buf[32];
	size_t wrong = 0;

	OK(ind_hashtab_init(&k.index, cap), "%s: made", what);
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < n; i++) {
			snprintf(buf, sizeof buf, "k%zu", i);
			wrong += add(&k, buf, hash) != (long)i;
		}
	OK(wrong == 0, "%s: each key added once, at the next position (%zu wrong)", what, wrong);
	OK(k.n == n && k.index.used == n, "%s: %zu entries", what, k.n);
	OK(k.index.used * 2 <= k.index.cap, "%s: at most half full (%zu of %zu slots)", what, k.index.used,
	   k.index.cap);
	OK((k.index.cap & (k.index.cap - 1)) == 0, "%s: a power of two slots (%zu)", what, k.index.cap);
	for (size_t i = 0; i < n; i++) {
		snprintf(buf, sizeof buf, "k%zu", i);
		wrong += find(&k, buf, hash) != (long)i;
		snprintf(buf, sizeof buf, "x%zu", i);
		wrong += find(&k, buf, hash) != -1;
	}
	OK(wrong == 0, "%s: every key found, no missing key found (%zu wrong)", what, wrong);
	keys_free(&k);
}

static void empty_key(void)
{
	struct keys k = { 0 };
	ind_hashtab_init(&k.index, 2);
	OK(find(&k, "", text_hash) == -1, "empty key: missing from an empty table");
	OK(add(&k, "", text_hash) == 0, "empty key: added");
	OK(add(&k, "a", text_hash) == 1, "a key after it: added (the table grew from 2 slots)");
	OK(k.index.cap == 4, "two entries in 4 slots (%zu)", k.index.cap);
	OK(find(&k, "", text_hash) == 0 && find(&k, "a", text_hash) == 1, "empty key: found beside another");
	keys_free(&k);
}

static void rebuilt(void)
{
	struct keys k = { 0 };
	char *t;
	ind_hashtab_init(&k.index, 8);
	add(&k, "b", constant_hash);
	add(&k, "a", constant_hash);
	add(&k, "c", constant_hash);
	/* the entries move (swapped), and the index is placed again */
	t = k.text[0], k.text[0] = k.text[1], k.text[1] = t;
	ind_hashtab_clear(&k.index);
	OK(k.index.used == 0 && k.index.cap == 8 && find(&k, "a", constant_hash) == -1, "cleared: empty, same size");
	for (size_t i = 0; i < k.n; i++)
		ind_hashtab_place(&k.index, constant_hash(k.text[i]), i);
	OK(find(&k, "a", constant_hash) == 0 && find(&k, "b", constant_hash) == 1 && find(&k, "c", constant_hash) == 2,
	   "placed again: each key at its new position");
	keys_free(&k);
}

static void hashes(void)
{
	uint64_t prime = 1099511628211ull;
	OK(ind_hash_bytes(IND_HASH_SEED, "", 0) == IND_HASH_SEED, "the hash of nothing is its seed");
	OK(ind_hash_bytes(IND_HASH_SEED, "ab", 2) == ((IND_HASH_SEED ^ 'a') * prime ^ 'b') * prime,
	   "a byte at a time: xor, then times the FNV prime");
	OK(ind_hash_word(7, 0x1ff) == (7 ^ 0x1ffull) * prime, "a word at once");
}

static void strmap(void)
{
	ind_strmap *m = ind_strmap_new();
	char key[32], value[32];
	size_t wrong = 0;
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "code%d", i);
		snprintf(value, sizeof value, "v%d", i);
		wrong += !ind_strmap_put(m, key, strlen(key), value);
	}
	wrong += !ind_strmap_put(m, "code7", 5, "again");
	wrong += !ind_strmap_put(m, "", 0, "empty");
	for (int i = 0; i < 5000; i++) {
		const char *v;
		snprintf(key, sizeof key, "code%d", i);
		snprintf(value, sizeof value, "v%d", i);
		v = ind_strmap_get(m, key, strlen(key));
		wrong += !v || strcmp(v, i == 7 ? "again" : value) != 0;
	}
	OK(wrong == 0, "strmap: 5000 keys put and got back, a later put replacing (%zu wrong)", wrong);
	OK(ind_strmap_size(m) == 5001, "strmap: 5001 keys (%zu)", ind_strmap_size(m));
	OK_STR(ind_strmap_get(m, "", 0), "empty", "strmap: the empty key");
	OK(ind_strmap_get(m, "code5000", 8) == NULL, "strmap: a missing key");
	OK(ind_strmap_get(m, "code1", 4) == NULL, "strmap: a prefix of a key is missing");
	ind_strmap_free(m);
}

int main(void)
{
	many(10000, 16, text_hash, "10000 keys from 16 slots");
	many(300, 2, constant_hash, "300 keys, one hash for all");
	empty_key();
	rebuilt();
	hashes();
	strmap();
	return tap_done();
}
