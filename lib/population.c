/* population.c - the population table of ind-agg and ind-compare: read and checked once, found by region and period. See LICENSE. */
#include "population.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "columns.h"
#include "hashtab.h"
#include "num.h"
#include "reader.h"

struct ind_population {
	enum ind_population_reading how;
	struct ind_population_row *rows;	/* in file order */
	size_t n, cap;
	struct ind_hashtab index;		/* of rows by (region, period) */
};

struct row_key {
	const char *region;
	const struct ind_period *period;
	const char *period_text;
	enum ind_population_reading how;
};

/* By region, kind and time: periods one to either reading hash alike (t + 0.0: -0 and 0 are one time). */
static uint64_t key_hash(const char *region, const struct ind_period *p)
{
	double t = ind_period_time(p) + 0.0;
	uint64_t bits;
	memcpy(&bits, &t, sizeof bits);
	return ind_hash_word(ind_hash_word(ind_hash_bytes(IND_HASH_SEED, region, strlen(region)), (uint64_t)p->kind), bits);
}

static bool same_key(const void *rows, size_t i, const void *key)
{
	const struct ind_population_row *r = (const struct ind_population_row *)rows + i;
	const struct row_key *k = key;
	if (strcmp(r->region, k->region) != 0)
		return false;
	return k->how == IND_POPULATION_COMPARE ? ind_period_cmp(&r->period, k->period) == 0
						: strcmp(r->period_text, k->period_text) == 0;
}

static const struct ind_population_row *find_exact(const ind_population *pop, const char *region,
						   const struct ind_period *p, const char *period_text)
{
	struct row_key k = { region, p, period_text, pop->how };
	const struct ind_hashtab_slot *s = ind_hashtab_probe(&pop->index, key_hash(region, p), same_key, pop->rows, &k);
	return s->entry ? &pop->rows[s->entry - 1] : NULL;
}

const struct ind_population_row *ind_population_find(const ind_population *pop, const char *region,
						     const struct ind_period *p)
{
	char text[IND_PERIOD_TEXT_MAX];
	struct ind_period year = { .kind = IND_PERIOD_YEAR, .year = p->year };
	const struct ind_population_row *r;

	if (!pop)
		return NULL;
	if ((r = find_exact(pop, region, p, ind_period_format(p, text))))
		return r;
	return find_exact(pop, region, &year, ind_period_format(&year, text));
}

size_t ind_population_count(const ind_population *pop) { return pop ? pop->n : 0; }

const struct ind_population_row *ind_population_at(const ind_population *pop, size_t i) { return &pop->rows[i]; }

void ind_population_free(ind_population *pop)
{
	if (!pop)
		return;
	for (size_t i = 0; i < pop->n; i++) {
		free(pop->rows[i].region);
		free(pop->rows[i].text);
	}
	free(pop->rows);
	ind_hashtab_free(&pop->index);
	free(pop);
}

/* The first column called name: in any case for ind-agg, exactly so for ind-compare; -1 when none is. */
static int column(const struct ind_header *h, const char *name, enum ind_population_reading how)
{
	for (size_t i = 0; i < h->ncols; i++)
		if (how == IND_POPULATION_COMPARE ? strcmp(h->name[i], name) == 0 : ind_header_eq(h->name[i], name))
			return (int)i;
	return -1;
}

/*
 * One data row checked and added to pop, or its problem in err at the row's
 * line (then false). The messages quote the cells as written.
 */
static bool add_row(ind_population *pop, const struct ind_row *row, int cr, int cp, int cv, char decimal,
		    const char *path, struct ind_error *err)
{
	bool compare = pop->how == IND_POPULATION_COMPARE;
	struct ind_population_row r = { .line = row->line };
	struct ind_num num;
	const char *why = "not a period";
	struct ind_hashtab_slot *slot;
	struct row_key k;
	uint64_t h;

	if (!ind_period_parse(row->field[cp], row->len[cp], &r.period, &why)) {
		if (compare)
			ind_error_set(err, path, row->line, "period '%.*s': %s", (int)row->len[cp], row->field[cp], why);
		else
			ind_error_set(err, path, row->line, "period: %s", why);
		return false;
	}
	ind_period_format(&r.period, r.period_text);
	if (ind_num_parse(row->field[cv], row->len[cv], decimal, IND_DASH_MISSING, &num) != IND_NUM_OK ||
	    !(num.value > 0) || !isfinite(num.value) || num.text[0] == '-') {
		ind_error_set(err, path, row->line, "population '%.*s': not a positive number", (int)row->len[cv],
			      row->field[cv]);
		return false;
	}
	r.value = num.value;
	if (!(r.region = strndup(row->field[cr], row->len[cr])))
		ind_die(IND_EXIT_DATA, "out of memory");
	k = (struct row_key){ r.region, &r.period, r.period_text, pop->how };
	h = key_hash(r.region, &r.period);
	slot = ind_hashtab_probe(&pop->index, h, same_key, pop->rows, &k);
	if (slot->entry) {
		ind_error_set(err, path, row->line, "the population of '%s' in %.*s is given twice", r.region,
			      compare ? (int)row->len[cp] : (int)strlen(r.period_text),
			      compare ? row->field[cp] : r.period_text);
		free(r.region);
		return false;
	}
	if (pop->n == pop->cap) {
		size_t cap = pop->cap ? 2 * pop->cap : 64;
		struct ind_population_row *rows = realloc(pop->rows, cap * sizeof *rows);
		if (!rows)
			ind_die(IND_EXIT_DATA, "out of memory");
		pop->rows = rows;
		pop->cap = cap;
	}
	if (!(r.text = strndup(num.text, num.len)) || !ind_hashtab_fill(&pop->index, slot, h, pop->n))
		ind_die(IND_EXIT_DATA, "out of memory");
	pop->rows[pop->n++] = r;
	return true;
}

int ind_population_load(const char *path, enum ind_population_reading how, const struct ind_population_hooks *hooks,
			ind_population **out, struct ind_error *err)
{
	bool compare = how == IND_POPULATION_COMPARE, found = false;
	struct ind_reader_opts ro;
	struct ind_header h = { 0 };
	struct ind_error problem;	/* the first found, said at once by ind-agg, at the end by ind-compare */
	struct ind_row row;
	ind_population *pop;
	ind_reader *r;
	int rc, ret = 0, cr = -1, cp = -1, cv = -1;

	*out = NULL;
	if (!(pop = calloc(1, sizeof *pop)) || !ind_hashtab_init(&pop->index, 64))
		ind_die(IND_EXIT_DATA, "out of memory");
	pop->how = how;
	ind_reader_opts_init(&ro);
	if (!(r = ind_reader_open(path, &ro, err))) {
		ind_population_free(pop);
		return -1;
	}
	while (!(found && !compare) && (rc = ind_reader_next(r, &row, err)) != IND_READ_EOF) {
		if (rc < 0) {
			ret = -1;
			break;
		}
		if (hooks && hooks->record)
			hooks->record(hooks->ctx, row.raw, row.raw_len);
		if (!h.name) {
			if (!ind_header_init(&h, &row, false))
				ind_die(IND_EXIT_DATA, "out of memory");
			cr = column(&h, "region", how), cp = column(&h, "period", how), cv = column(&h, "population", how);
			if (cr < 0 || cp < 0 || cv < 0) {
				ind_error_set(&problem, path, 1, compare ? "expected the columns region, period, population"
									 : "needs the columns region, period and population");
				found = true;
			}
			continue;
		}
		if (row.nfields != h.ncols) {
			ind_error_set(err, ind_reader_name(r), row.line, "row has %zu fields where the header has %zu",
				      row.nfields, h.ncols);
			ret = -2;
			break;
		}
		if (found)
			continue;	/* ind-compare: a malformed row further on is said first */
		if (!add_row(pop, &row, cr, cp, cv, compare ? '.' : ind_reader_dialect(r)->decimal, path, &problem)) {
			found = true;
		} else if (hooks && hooks->row && hooks->row(hooks->ctx, &pop->rows[pop->n - 1], &problem) != 0) {
			snprintf(problem.file, sizeof problem.file, "%s", path);	/* the hook's message, at its row */
			problem.line = row.line;
			found = true;
		}
	}
	if (ret == 0 && found) {
		*err = problem;
		ret = -2;
	} else if (ret == 0 && compare && !h.name) {
		ind_error_set(err, ind_reader_name(r), 0, "empty input: no header row");
		ret = -2;
	}
	ind_header_free(&h);
	ind_reader_close(r);
	if (ret) {
		ind_population_free(pop);
		return ret;
	}
	*out = pop;
	return 0;
}
