/* fuzz_pxweb.c - PxWeb table metadata from the network: any bytes give query bodies within the cell limit or an error. See LICENSE. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apiquery.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the cells of one body: the product of its value counts; 0 when it is no query */
static double cells_of(const char *body)
{
	json_t *doc = json_loads(body, 0, NULL), *q = json_object_get(doc, "query"), *item;
	size_t i;
	double n = json_array_size(q) ? 1 : 0;
	json_array_foreach(q, i, item)
		n *= (double)json_array_size(json_object_get(json_object_get(item, "selection"), "values"));
	json_decref(doc);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the first byte: the cell limit; the rest: the metadata, with A, B and C selected in three ways */
	static const char *const specs[] = { "A=*", "B=x,y,x", "C=1" };
	struct ind_pxweb_select sel[3];
	struct ind_error err;
	char **bodies;
	size_t nb, max;
	double cells, sum = 0;
	if (size < 1)
		return 0;
	max = (size_t)data[0] + 1;
	for (int k = 0; k < 3; k++) {
		sel[k].code = specs[k];
		sel[k].code_len = 1;
		sel[k].values = specs[k] + 2;
	}
	err.msg[0] = '\0';
	if (ind_pxweb_plan("U", (const char *)data + 1, size - 1, sel, 3, "json-stat2", max, &bodies, &nb, &cells, &err) < 0) {
		if (!err.msg[0])
			abort();
		return 0;
	}
	for (size_t i = 0; i < nb; i++) {
		double c = cells_of(bodies[i]);
		if (c < 1 || c > (double)max)
			abort();	/* a part over the limit, or not a query */
		sum += c;
		free(bodies[i]);
	}
	free(bodies);
	if (sum != cells)
		abort();	/* the parts do not add up to the whole */
	return 0;
}
