/* config.c - the report configuration format. See LICENSE. */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *trimmed(const char *s, const char *e)
{
	char *d;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (!(d = malloc((size_t)(e - s) + 1)))
		return NULL;
	memcpy(d, s, (size_t)(e - s));
	d[e - s] = '\0';
	return d;
}

int ind_config_add(struct ind_config *c, const char *section, const char *key, const char *value, long line)
{
	struct ind_config_entry *e;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 32;
		if (!(e = realloc(c->e, cap * sizeof *e)))
			return -1;
		c->e = e;
		c->cap = cap;
	}
	e = &c->e[c->n];
	e->section = strdup(section);
	e->key = strdup(key);
	e->value = strdup(value);
	e->line = line;
	if (!e->section || !e->key || !e->value) {
		free(e->section);
		free(e->key);
		free(e->value);
		return -1;
	}
	c->n++;
	return 0;
}

int ind_config_parse(const char *file, const char *text, size_t len, struct ind_config *c, struct ind_error *err)
{
	const char *p = text, *end = text + len;
	char *section = strdup("");
	long line = 0;

	memset(c, 0, sizeof *c);
	c->file = strdup(file);
	if (!section || !c->file)
		return free(section), ind_error_set(err, file, 0, "out of memory");
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end, *s = p, *eq;
		line++;
		p = nl ? nl + 1 : end;
		while (s < le && (*s == ' ' || *s == '\t' || *s == '\r'))
			s++;
		if (s == le || *s == '#' || *s == ';')
			continue;
		if (memchr(s, '\0', (size_t)(le - s))) {
			free(section);
			return ind_error_set(err, file, line, "NUL byte in line");
		}
		if (*s == '[') {
			const char *close = memchr(s, ']', (size_t)(le - s));
			const char *after = close ? close + 1 : le;
			while (after < le && (*after == ' ' || *after == '\t' || *after == '\r'))
				after++;
			if (!close || after != le) {
				free(section);
				return ind_error_set(err, file, line, "expected [section]");
			}
			free(section);
			if (!(section = trimmed(s + 1, close)))
				return ind_error_set(err, file, line, "out of memory");
			if (!*section) {
				free(section);
				return ind_error_set(err, file, line, "empty section name");
			}
			continue;
		}
		eq = memchr(s, '=', (size_t)(le - s));
		if (!eq || eq == s) {
			free(section);
			return ind_error_set(err, file, line, "expected key = value");
		}
		if (c->n == c->cap) {
			size_t cap = c->cap ? 2 * c->cap : 32;
			struct ind_config_entry *ne = realloc(c->e, cap * sizeof *ne);
			if (!ne) {
				free(section);
				return ind_error_set(err, file, line, "out of memory");
			}
			c->e = ne;
			c->cap = cap;
		}
		c->e[c->n].section = strdup(section);
		c->e[c->n].key = trimmed(s, eq);
		c->e[c->n].value = trimmed(eq + 1, le);
		c->e[c->n].line = line;
		if (!c->e[c->n].section || !c->e[c->n].key || !c->e[c->n].value) {
			free(c->e[c->n].section);
			free(c->e[c->n].key);
			free(c->e[c->n].value);
			free(section);
			return ind_error_set(err, file, line, "out of memory");
		}
		c->n++;
		if (!*c->e[c->n - 1].key) {
			free(section);
			return ind_error_set(err, file, line, "expected key = value");
		}
	}
	free(section);
	return 0;
}

int ind_config_read(const char *path, struct ind_config *c, struct ind_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	int rc;

	memset(c, 0, sizeof *c);
	if (!f)
		return ind_error_set(err, path, 0, "%s", strerror(errno));
	do {
		if (len + 4096 > cap) {
			char *nb = realloc(buf, cap = 2 * (len + 4096));
			if (!nb) {
				free(buf);
				fclose(f);
				return ind_error_set(err, path, 0, "out of memory");
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0 && len < ((size_t)1 << 24));
	if (ferror(f) || len >= ((size_t)1 << 24)) {
		bool read_error = ferror(f);
		free(buf);
		fclose(f);
		return ind_error_set(err, path, 0, read_error ? "read error" : "larger than 16 MiB: not a configuration");
	}
	fclose(f);
	rc = ind_config_parse(path, buf ? buf : "", len, c, err);
	free(buf);
	return rc;
}

void ind_config_free(struct ind_config *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->e[i].section);
		free(c->e[i].key);
		free(c->e[i].value);
	}
	free(c->e);
	free(c->file);
	memset(c, 0, sizeof *c);
}

static bool blank(char ch) { return ch == ' ' || ch == '\t'; }

/* The next non-empty item of a list at *sp: 1 with an owned *item, 0 at the end, -1 with *why. */
static int next_item(const char **sp, char **item, const char **why)
{
	const char *s = *sp;
	while (*s) {
		const char *b = s, *e;
		while (blank(*b))
			b++;
		if (*b == '"') {
			size_t len = 0;
			const char *q = b + 1;
			char *it = malloc(strlen(q) + 1);	/* the item is at most the rest of the value */
			if (!it)
				return *why = "out of memory", -1;
			for (;; q++) {
				if (!*q) {
					free(it);
					return *why = "unterminated quote", -1;
				}
				if (*q == '"') {
					if (q[1] != '"')
						break;
					q++;
				}
				it[len++] = *q;
			}
			it[len] = '\0';
			for (q++; blank(*q); q++)
				;
			if (*q && *q != ',') {
				free(it);
				return *why = "text after a closing quote (quote the whole item)", -1;
			}
			s = *q ? q + 1 : q;
			if (!len) {
				free(it);
				continue;
			}
			*sp = s;
			*item = it;
			return 1;
		}
		e = strchr(b, ',');
		s = e ? e + 1 : b + strlen(b);
		if (!e)
			e = s;
		while (e > b && blank(e[-1]))
			e--;
		if (e > b) {
			if (!(*item = strndup(b, (size_t)(e - b))))
				return *why = "out of memory", -1;
			*sp = s;
			return 1;
		}
	}
	*sp = s;
	return 0;
}

int ind_config_split(const char *s, char **out, int max, const char **why)
{
	const char *dummy;
	int n = 0, got = 1;
	if (!why)
		why = &dummy;
	while (n < max && (got = next_item(&s, &out[n], why)) > 0)
		n++;
	if (got > 0 && n == max) {	/* more than fit: an error, not items quietly left out */
		char *extra;
		if ((got = next_item(&s, &extra, why)) > 0) {
			static char too_many[48];
			free(extra);
			snprintf(too_many, sizeof too_many, "more than %d items", max);
			*why = too_many;
			got = -1;
		}
	}
	if (got < 0) {
		while (n > 0)
			free(out[--n]);
		return -1;
	}
	return n;
}

int ind_config_list_ok(const char *s, const char **why)
{
	char *item;
	int got;
	while ((got = next_item(&s, &item, why)) > 0)
		free(item);
	return got == 0;
}

int ind_config_check_lists(const struct ind_config *c, const char *const *keys, struct ind_error *err)
{
	for (size_t i = 0; i < c->n; i++)
		for (const char *const *k = keys; *k; k++) {
			const char *why;
			if (strcmp(c->e[i].key, *k) == 0 && !ind_config_list_ok(c->e[i].value, &why))
				return ind_error_set(err, c->file, c->e[i].line, "%s: %s", *k, why);
		}
	return 0;
}
