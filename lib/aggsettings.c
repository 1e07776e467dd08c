/* aggsettings.c - what a partial file records of ind-agg's options and inputs, and --merge takes back. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggrun.h"
#include "num.h"

/* The CRC-32 of a file's bytes (1 when it cannot be read again: still not the built-in table's 0). */
unsigned long ind_agg_file_crc(const char *path)
{
	char buf[65536];
	unsigned long crc = 0;
	size_t n;
	FILE *f = fopen(path, "rb");
	if (!f)
		return 1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		crc = ind_agg_crc(crc, buf, n);
	fclose(f);
	return crc ? crc : 1;
}

/* ---- partial files: what they record ---------------------------------------------- */

/* The identity of the input just read: its name without directories, bytes, rows, first and last row's CRC-32. */
void ind_agg_add_shard(ind_agg *a, const char *name, const struct ind_agg_run *run)
{
	char id[IND_SETTING_MAX];
	const char *base = strrchr(name, '/');
	snprintf(id, sizeof id, "%.200s bytes=%lld rows=%ld first=%08lx last=%08lx", base ? base + 1 : name, run->shard_bytes,
		 run->shard_rows, run->shard_first, run->shard_last);
	for (char *p = id; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';	/* a name with control bytes: the identity stays plain text */
	if (ind_agg_shard_add(a, id, NULL) < 0)
		ind_die(IND_EXIT_DATA, "out of memory");
}

static void list_text(char *buf, size_t size, const long *v, int n, bool tenths)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && used < size; i++)
		used += (size_t)(tenths && v[i] % 10 ? snprintf(buf + used, size - used, "%s%ld.%ld", i ? "," : "", v[i] / 10, v[i] % 10)
					    : snprintf(buf + used, size - used, "%s%ld", i ? "," : "", tenths ? v[i] / 10 : v[i]));
}

static int where_cmp(const void *x, const void *y)
{
	const struct ind_agg_where *a = x, *b = y;
	int k = strcmp(a->col, b->col);
	return k ? k : strcmp(a->value, b->value);
}

static void setting(ind_agg *a, const char *key, const char *value)
{
	if (ind_agg_setting_add(a, key, value) < 0)
		ind_die(IND_EXIT_DATA, "setting --%s: too long or out of memory", key);
}

/* Every option that changes the result, in a fixed order: --merge takes them from here. */
void ind_agg_record_settings(const struct ind_agg_config *c, ind_agg *a)
{
	char buf[IND_SETTING_MAX], pbuf[IND_PERIOD_TEXT_MAX];
	struct ind_agg_where w[IND_AGG_MAX_WHERE];

	setting(a, "by", ind_agg_by_word(c->by));
	if (c->has_from)
		setting(a, "from", ind_period_format(&c->from, pbuf));
	if (c->has_to)
		setting(a, "to", ind_period_format(&c->to, pbuf));
	list_text(buf, sizeof buf, c->within, c->nwithin, false);
	setting(a, "within", buf);
	list_text(buf, sizeof buf, c->pct, c->npct, true);
	setting(a, "percentiles", buf);
	memcpy(w, c->where, (size_t)c->nwhere * sizeof *w);
	qsort(w, (size_t)c->nwhere, sizeof *w, where_cmp);	/* the order of --where does not matter */
	for (int i = 0; i < c->nwhere; i++) {
		char cond[2 * IND_NAME_MAX + 2];
		snprintf(cond, sizeof cond, "%.*s=%.*s", IND_NAME_MAX - 1, w[i].col, IND_NAME_MAX - 1, w[i].value);
		setting(a, "where", cond);
	}
	if (c->per > 0) {
		char nbuf[IND_DOUBLE_TEXT_MAX];
		setting(a, "per", ind_num_format(c->per, nbuf));
	}
	if (c->poptab) {
		const struct ind_agg_row *rows;
		size_t n = ind_agg_table(c->poptab, &rows);
		for (size_t i = 0; i < n; i++)
			if (ind_agg_table_add(a, rows[i].region, rows[i].period, rows[i].value) < 0)
				ind_die(IND_EXIT_DATA, "out of memory");
		ind_agg_table_checksum(a, buf);
		setting(a, "population", buf);
	}
	if (c->map) {
		snprintf(buf, sizeof buf, "%08lx", c->map_crc);
		setting(a, "map", buf);
	}
	if (c->classes) {
		static const char *const levels[] = { "county", "maakunta", "municipality" };
		static const char *const names[] = { "fi", "sv", "en", "code" };
		int first, last;
		ind_classification_years(c->classes, &first, &last);
		snprintf(buf, sizeof buf, "%s %s %s %d-%d", levels[c->level], names[c->names],
			 c->class_crc ? "file" : "built-in", first, last);
		if (c->class_crc)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " %08lx", c->class_crc);
		setting(a, "region-level", buf);
	}
	setting(a, "date", c->date_spec);
	if (c->region_spec)
		setting(a, "region", c->region_spec);
	else
		setting(a, "municipality", c->municipality_spec);
}

/*
 * The list v of the partial files, --percentiles (in tenths) when pct, else
 * --within, into list and n; one given here must be the same list (refuse,
 * then -1).
 */
static int take_list(const char *v, bool pct, bool given, long *list, int *n, void (*refuse)(const char *fmt, ...))
{
	const char *name = pct ? "percentiles" : "within";
	char buf[IND_SETTING_MAX];

	list_text(buf, sizeof buf, list, *n, pct);
	if (given && strcmp(buf, v) != 0) {
		refuse("--%s %s with --merge: the partial files were made with --%s %s", name, buf, name, v);
		return -1;
	}
	if (pct ? ind_agg_parse_percentiles(v, list, n, IND_AGG_MAX_PCT) != NULL
		: ind_agg_parse_within(v, list, n, IND_AGG_MAX_WITHIN) != NULL)
		ind_die(IND_EXIT_DATA, "partial files: bad --%s '%s'", name, v);
	return 0;
}

/*
 * --merge: the options of the partial files (already checked there: the
 * same in every file, well formed). One given here must agree with them;
 * files without settings (older ind-agg) take the options given here.
 */
int ind_agg_take_settings(struct ind_agg_config *c, ind_agg *a, bool within_given, bool pct_given, bool window_given,
			  void (*refuse)(const char *fmt, ...))
{
	const char *v, *why;

	if ((v = ind_agg_setting(a, "by")) && !ind_agg_parse_by(v, &c->by))
		ind_die(IND_EXIT_DATA, "partial files: bad --by '%s'", v);	/* checked when read */
	if (!v && ind_agg_count(a))	/* files without settings: the kind of their periods (one kind, checked) */
		c->by = ind_agg_at(a, 0)->period.kind;
	if (window_given && (ind_agg_setting(a, "from") || ind_agg_setting(a, "to"))) {
		refuse("--from/--to with --merge: the partial files have their own");
		return -1;
	}
	if ((v = ind_agg_setting(a, "from")) && (why = NULL, !ind_period_parse(v, strlen(v), &c->from, &why)))
		ind_die(IND_EXIT_DATA, "partial files: bad --from '%s'", v);
	c->has_from = c->has_from || v;
	if ((v = ind_agg_setting(a, "to")) && !ind_period_parse(v, strlen(v), &c->to, &why))
		ind_die(IND_EXIT_DATA, "partial files: bad --to '%s'", v);
	c->has_to = c->has_to || v;
	if ((v = ind_agg_setting(a, "within")) && take_list(v, false, within_given, c->within, &c->nwithin, refuse) < 0)
		return -1;
	if ((v = ind_agg_setting(a, "percentiles")) && take_list(v, true, pct_given, c->pct, &c->npct, refuse) < 0)
		return -1;
	if ((v = ind_agg_setting(a, "per"))) {
		if (c->per > 0 && c->per != strtod(v, NULL)) {
			refuse("--per %s with --merge: the partial files were made with --per %s", c->per_text, v);
			return -1;
		}
		c->per = strtod(v, NULL);
	}
	if (ind_agg_setting(a, "population")) {
		const struct ind_agg_row *rows;
		size_t n = ind_agg_table(a, &rows);
		if (c->population) {
			char mine[32];
			ind_agg_table_checksum(c->poptab, mine);
			if (strcmp(mine, ind_agg_setting(a, "population")) != 0) {
				refuse("--population with --merge: not the population the partial files were made with");
				return -1;
			}
			ind_strmap_free(c->population);
		}
		if (!(c->population = ind_strmap_new()))
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < n; i++) {
			char key[2 * IND_SETTING_MAX + 2];
			snprintf(key, sizeof key, "%s\037%s", rows[i].region, rows[i].period);
			if (!ind_strmap_put(c->population, key, strlen(key), rows[i].value))
				ind_die(IND_EXIT_DATA, "out of memory");
		}
	}
	return 0;
}
