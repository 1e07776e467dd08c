/* loadrun.h - every input of ind-load through the loader into one canonical stream. See LICENSE. */
#ifndef IND_LOADRUN_H
#define IND_LOADRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"
#include "progress.h"
#include "regions.h"

/* --region-level: the classification, the level and the names; o.region_ctx for ind_load_region_of */
struct ind_load_region {
	const ind_classification *c;
	enum ind_region_level level;
	enum ind_region_names names;
	enum ind_bare_codes bare;	/* this input's region column: what one or two digits are */
};

/* o.region_of: a label to the region of the record's year (a week by its ISO year) */
const char *ind_load_region_of(void *ctx, const char *label, size_t n, const struct ind_period *p, char *buf,
			       const char **why);

/*
 * --region-map and --indicator-map (code,name files; only the region map by
 * year), or --sotkanet-meta DIR (regions.json, indicators.json): the maps,
 * NULL where none. -1 after saying why a file is bad (nothing kept).
 */
int ind_load_maps(const char *region_path, const char *indicator_path, const char *meta_dir, ind_codemap **region_map,
		  ind_codemap **indicator_map);

/* What to load and where to: the inputs ("-" for standard input, at most once) and the outputs. */
struct ind_load_job {
	const char *const *inputs;
	int ninputs;
	const char *output, *rejects_path, *reject_log;	/* NULL: stdout; no rejects file; no log */
	int threads;
	size_t block_size;
	bool strict, verbose;
	bool sum, sum_values;		/* --sum-to (the level is the region mapping's) and --sum-values */
	struct ind_load_region *region;	/* --region-level: its bare codes set for each input; NULL without */
	struct ind_progress *progress;	/* bytes of the inputs' total and rows, as blocks are written; NULL: none */
};

/*
 * Every input through o into the canonical stream: the header is the union of
 * the inputs' columns, the records in input order (summed by --sum-to), the
 * rejects, footnotes and counts said on stderr. Returns IND_EXIT_OK or
 * IND_EXIT_DATA (an input, a row under --strict, or the output failed).
 */
int ind_load_files(const struct ind_load_job *job, const struct ind_load_opts *o);

/*
 * ind-fetch: the answers at paths through o, one after the other on this
 * thread, into the canonical stream at output (NULL: stdout), the header the
 * union of their columns; every row rejected goes to no file, only counted.
 * *records written and *nrejected. Returns -1 when an answer or the output
 * cannot be opened (said; nothing counted), else IND_EXIT_OK or IND_EXIT_DATA
 * (a fatal row, a write error, or a reject under strict).
 */
int ind_load_answers(const char *const *paths, size_t n, const struct ind_load_opts *o, const char *output, bool strict,
		     long *records, long *nrejected);

#endif
