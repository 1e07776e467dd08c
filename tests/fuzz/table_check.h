/* table_check.h - what the PC-Axis and JSON harnesses check of the CSV a table becomes. See LICENSE. */
#ifndef TABLE_CHECK_H
#define TABLE_CHECK_H

#include <stdbool.h>
#include <stdlib.h>

/* The header and one line per cell, each ended by LF outside quotes; abort otherwise. */
static inline void check_table_csv(const char *csv, size_t len, size_t cells)
{
	bool quoted = false;
	size_t lines = 0;
	for (size_t i = 0; i < len; i++) {
		if (csv[i] == '"')
			quoted = !quoted;
		else if (csv[i] == '\n' && !quoted)
			lines++;
	}
	if (quoted || lines != cells + 1)
		abort();
}

#endif
