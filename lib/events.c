/* events.c - the events file of ind-compare, one string map from series to its interruptions. See LICENSE. */
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"
#include "strmap.h"

#define FIELD_MAX 200	/* region, indicator and label are names, not texts */
#define VALUE_MAX 4096	/* the interruptions of one series, packed */

struct ind_events {
	ind_strmap *map;	/* "region\037indicator" -> "period\037label\036" for each row, in file order */
};

void ind_events_free(ind_events *e)
{
	if (!e)
		return;
	ind_strmap_free(e->map);
	free(e);
}

/* Control bytes would break the packing (\036, \037) and mean nothing in a name. */
static bool plain(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/*
 * A label is text for people: a line break or a tab inside it (a quoted
 * field may hold one) is one space, as a report shows it; other control
 * characters are refused like in the other fields. The result is in out.
 */
static bool label_text(const char *s, size_t n, char *out, size_t *len)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' || c == '\n' || c == '\t') {
			if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			out[o++] = ' ';
		} else if (c < 0x20 || c == 0x7f) {
			return false;
		} else {
			out[o++] = (char)c;
		}
	}
	*len = o;
	return true;
}

ind_events *ind_events_read(const char *path, struct ind_error *err)
{
	struct ind_reader_opts ro;
	struct ind_row row;
	ind_reader *r;
	ind_events *e = calloc(1, sizeof *e);
	bool header = true;
	int rc;

	ind_reader_opts_init(&ro);
	if (!e || !(e->map = ind_strmap_new())) {
		ind_error_set(err, path, 0, "out of memory");
		ind_events_free(e);
		return NULL;
	}
	if (!(r = ind_reader_open(path, &ro, err))) {
		ind_events_free(e);
		return NULL;
	}
	while ((rc = ind_reader_next(r, &row, err)) != IND_READ_EOF) {
		char key[2 * FIELD_MAX + 2], val[VALUE_MAX], label[FIELD_MAX];
		size_t label_len = 0;
		const char *old, *why;
		struct ind_period p;
		size_t used;
		if (rc < 0)
			goto fail;
		if (header) {
			header = false;
			continue;
		}
		if (row.nfields < 3 || row.nfields > 4) {
			ind_error_set(err, path, row.line, "expected region,indicator,period[,label]");
			goto fail;
		}
		for (size_t f = 0; f < row.nfields; f++) {
			if (row.len[f] > FIELD_MAX) {
				ind_error_set(err, path, row.line, "field %zu longer than %d bytes", f + 1, FIELD_MAX);
				goto fail;
			}
			if (f == 3 ? !label_text(row.field[3], row.len[3], label, &label_len) : !plain(row.field[f], row.len[f])) {
				ind_error_set(err, path, row.line, "control character in field %zu", f + 1);
				goto fail;
			}
		}
		if (row.len[0] == 0) {
			ind_error_set(err, path, row.line, "empty region");
			goto fail;
		}
		if (!ind_period_parse(row.field[2], row.len[2], &p, &why)) {
			ind_error_set(err, path, row.line, "period: %s", why);
			goto fail;
		}
		snprintf(key, sizeof key, "%.*s\037%.*s", (int)row.len[0], row.field[0], (int)row.len[1], row.field[1]);
		old = ind_strmap_get(e->map, key, strlen(key));
		used = (size_t)snprintf(val, sizeof val, "%s%.*s\037%.*s\036", old ? old : "", (int)row.len[2], row.field[2],
					(int)(row.nfields > 3 ? label_len : 0), row.nfields > 3 ? label : "");
		if (used >= sizeof val) {
			ind_error_set(err, path, row.line, "too many interruptions for one series");
			goto fail;
		}
		if (!ind_strmap_put(e->map, key, strlen(key), val)) {
			ind_error_set(err, path, row.line, "out of memory");
			goto fail;
		}
	}
	ind_reader_close(r);
	return e;
fail:
	ind_reader_close(r);
	ind_events_free(e);
	return NULL;
}

size_t ind_events_for(const ind_events *e, const char *region, const char *indicator, struct ind_period *at,
		      char (*label)[IND_EVENT_LABEL_MAX], size_t max)
{
	char key[2 * FIELD_MAX + 2];
	const char *v;
	size_t n = 0;

	if (strlen(region) > FIELD_MAX || strlen(indicator) > FIELD_MAX)
		return 0;	/* no events row can name it */
	snprintf(key, sizeof key, "%s\037%s", region, indicator);
	if (!(v = ind_strmap_get(e->map, key, strlen(key)))) {
		snprintf(key, sizeof key, "%s\037", region);
		v = ind_strmap_get(e->map, key, strlen(key));
	}
	for (; v && *v; n++) {
		const char *sep = strchr(v, '\037'), *end = sep ? strchr(sep, '\036') : NULL;
		if (!end)
			break;	/* cannot happen: the packing is ours and its bytes are refused in fields */
		if (n < max) {
			if (!ind_period_parse(v, (size_t)(sep - v), &at[n], NULL))
				break;
			snprintf(label[n], IND_EVENT_LABEL_MAX, "%.*s", (int)(end - sep - 1), sep + 1);
		}
		v = end + 1;
	}
	return n;
}
