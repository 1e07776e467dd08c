/* shared_data.h - reading the series of ../shared (NIST, oracle data) in unit tests. See LICENSE. */
#ifndef SHARED_DATA_H
#define SHARED_DATA_H

#include <stdio.h>
#include <stdlib.h>

/* A two-column CSV (a header, then a,b per line) into a and b; 0 when absent. */
static inline size_t read_pairs(const char *path, double *a, double *b, size_t max)
{
	FILE *f = fopen(path, "r");
	char line[256];
	size_t n = 0;
	if (!f)
		return 0;
	if (!fgets(line, sizeof line, f)) {
		fclose(f);
		return 0;
	}
	while (n < max && fgets(line, sizeof line, f))
		if (sscanf(line, "%lf,%lf", &a[n], &b[n]) == 2)
			n++;
	fclose(f);
	return n;
}

/* The path of rel under ../shared, or under $IND_SHARED. */
static inline const char *shared(const char *rel)
{
	static char path[512];
	const char *top = getenv("IND_SHARED");
	snprintf(path, sizeof path, "%s/%s", top ? top : "../shared", rel);
	return path;
}

#endif
