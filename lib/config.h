/* config.h - plain "key = value" files with [sections], with line numbers for messages. See LICENSE. */
#ifndef IND_CONFIG_H
#define IND_CONFIG_H

#include <stddef.h>

#include "err.h"

struct ind_config_entry {
	char *section;	/* "report", "goal Saatavuus", ... ("" before any section) */
	char *key, *value;
	long line;
};

struct ind_config {
	char *file;
	struct ind_config_entry *e;
	size_t n, cap;
};

/*
 * Parse text[0..len) (named file for messages): '#' or ';' start a comment
 * line, "[name]" opens a section, "key = value" sets a key (blanks around
 * both trimmed). A line that is neither is an error with its number.
 */
int ind_config_parse(const char *file, const char *text, size_t len, struct ind_config *c, struct ind_error *err);
int ind_config_read(const char *path, struct ind_config *c, struct ind_error *err);
/* Append "key = value" to section (owned copies) as if read at line (0: given elsewhere); -1 when out of memory. */
int ind_config_add(struct ind_config *c, const char *section, const char *key, const char *value, long line);
void ind_config_free(struct ind_config *c);

/*
 * Split a list value: items separated by commas, blanks around each
 * trimmed, empty items skipped. An item that starts with '"' runs to the
 * next lone '"' and may hold commas and blanks ("" is one '"' inside it);
 * only blanks may follow its closing quote. Stores at most max owned items
 * in out and returns their count. -1 on a bad list, with *why (if not
 * NULL) a static text such as "unterminated quote" or "more than 16
 * items", or on out of memory (*why "out of memory"); out then holds nothing.
 */
int ind_config_split(const char *s, char **out, int max, const char **why);

/* Is the quoting of a list right? 1, or 0 with *why as ind_config_split gives it. */
int ind_config_list_ok(const char *s, const char **why);

/*
 * Check the quoting of every entry whose key is one of keys (NULL-ended):
 * 0, or -1 with err "FILE:LINE: KEY: unterminated quote".
 */
int ind_config_check_lists(const struct ind_config *c, const char *const *keys, struct ind_error *err);

#endif
