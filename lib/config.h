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
void ind_config_free(struct ind_config *c);

#endif
