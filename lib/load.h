/* load.h - any supported export layout in, canonical records out (the engine of ind-load). See LICENSE. */
#ifndef IND_LOAD_H
#define IND_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "num.h"
#include "period.h"
#include "reader.h"
#include "regions.h"
#include "strmap.h"

/*
 * Layouts recognised from the header:
 *  LONG      one row per value: region, indicator, period, value columns;
 *  WIDE      periods as columns (PxWeb, THL cubes): melted, one record per cell;
 *  MEASURES  long, but no value column: each remaining column is an
 *            indicator named by its header ("Vuosi;Alue;Äänioikeutetut");
 *  SOTKANET  Sotkanet REST CSV: long, filtered by gender, 'absolute value' kept.
 */
enum ind_layout { IND_LAYOUT_LONG, IND_LAYOUT_WIDE, IND_LAYOUT_MEASURES, IND_LAYOUT_SOTKANET };

/* Optional canonical columns an input can provide (a bit set). */
enum {
	IND_COL_NUMERATOR = 1,
	IND_COL_DENOMINATOR = 2,
	IND_COL_UNIT = 4,
	IND_COL_ABSOLUTE = 8	/* Sotkanet 'absolute value', written as absolute_value */
};

enum { IND_DASH_AUTO = -1 };

/* --where COL=VALUE (keep rows whose cell is VALUE) or COL!=VALUE (drop them). */
struct ind_where {
	const char *column;	/* header name or 1-based number, as for --region */
	const char *value;
	bool negate;
};

/*
 * Split "COL=VALUE" or "COL!=VALUE" at its first '=' into w; column is a
 * malloc'ed copy (free it), value points into arg. false for a bad argument
 * (no '=', no column) or when out of memory (w->column NULL).
 */
bool ind_where_parse(const char *arg, struct ind_where *w);

#define IND_LOAD_REGION_MAX 128

struct ind_load_opts {
	struct ind_reader_opts reader;
	/* column specs (header name or 1-based number); NULL: recognise */
	const char *region, *indicator, *period, *value, *numerator, *denominator, *unit;
	const char *region_name, *indicator_name;	/* constants for single-series files */
	const struct ind_where *where;	/* rows must pass every one */
	size_t nwhere;
	const char *const *ignore;	/* columns used for nothing (codes beside names, second values) */
	size_t nignore;
	bool no_header;
	int wide;			/* -1 detect, 0 long, 1 wide */
	int dash;			/* IND_DASH_AUTO: zero in wide layouts, missing elsewhere */
	const char *gender;		/* Sotkanet rows kept; NULL means "total" */
	/*
	 * code -> name; region_years, a region map with validity years, maps a
	 * region by the year of each record instead (a region with rows, none
	 * of that year, is a reject); codes not in a map are kept as they are,
	 * and counted
	 */
	const ind_strmap *region_map;
	const ind_strmap *indicator_map;
	const ind_codemap *region_years;
	const ind_strmap *regions, *indicators;	/* keep only these (after mapping); NULL: all */
	bool has_from, has_to;
	double from, to;		/* decimal years: keep from <= start < to */
	/*
	 * A classification by year (ind-load --region-level): the region of a
	 * record from its region label and period, written into buf (at most
	 * IND_LOAD_REGION_MAX bytes); NULL with *why rejects the record.
	 */
	const char *(*region_of)(void *ctx, const char *label, size_t n, const struct ind_period *p, char *buf,
				 const char **why);
	void *region_ctx;
	/* warnings found while reading the header; NULL: none reported */
	void (*warn)(const struct ind_error *w);
};

void ind_load_opts_init(struct ind_load_opts *o);

struct ind_load_counts {
	long rows_read;			/* data records read */
	long records;			/* canonical records produced */
	long rejected;			/* rows or cells that could not be used */
	long filtered;			/* dropped on purpose by --regions, --from, --where ... */
	long other_gender;		/* Sotkanet rows of a gender not asked for */
	long unmapped_regions;		/* regions not in the region map, kept as they were */
	long unmapped_indicators;	/* likewise for the indicator map */
	long recoded_lines;		/* lines read as Windows-1252 */
	unsigned period_kinds;		/* bit 1 << kind for each ind_period_kind met */
	long missing[IND_MISSING_NKINDS];
};

/* into += from, field by field. */
void ind_load_counts_add(struct ind_load_counts *into, const struct ind_load_counts *from);

/*
 * One canonical record; every pointer is borrowed until the next call.
 * Columns that no role uses are dimensions: their values join the
 * indicator name, "name (Sukupuoli: Miehet; Ikä: 0-64)", in column order.
 */
struct ind_record {
	const char *region, *indicator, *unit;
	size_t region_len, indicator_len, unit_len;
	bool region_plain, indicator_plain, unit_plain;	/* known to need no CSV quoting (ind_row.plain) */
	const char *label;	/* the region as read, before o.region_of or a map by year */
	size_t label_len;
	char period[IND_PERIOD_TEXT_MAX];	/* canonical text */
	size_t period_len;
	struct ind_period p;
	/* canonical number texts, "" when missing */
	const struct ind_num *value, *numerator, *denominator, *absolute;
	long line;
};

/* Where a rejected row came from, for the rejects file. */
struct ind_reject {
	long line;
	const char *raw;
	size_t raw_len;
};

typedef struct ind_loader ind_loader;

/*
 * Footnote lines. Exports end with source and note lines ("Lähde: THL"),
 * often after an empty line. They are not data and not rejects, but
 * whether a line is one depends on what follows it, and a block of the
 * input (see ind_loader_open_block) cannot see that. So a row that would
 * be rejected as a whole (its field count, region, indicator or period)
 * is held back instead; a usable row after it makes it a reject after
 * all. What a block still holds at its end is handed on (ind_loader_take_held)
 * and joined, in input order, into one ind_trailer for the input
 * (ind_trailer_join). At the end of the input the rows still held are
 * settled (ind_trailer_settle): a footnote when it has at most one
 * non-empty field, or when an empty line comes before it or before an
 * earlier held row; otherwise a reject. At most IND_HELD_MAX rows are held:
 * beyond that the oldest is a reject.
 */
#define IND_HELD_MAX 200

struct ind_held {
	struct ind_error why;	/* the reject it is if it is not a footnote */
	char *raw;		/* the row's bytes as read, owned (and text with them) */
	size_t raw_len;
	const char *text;	/* its fields as decoded, joined by the delimiter, for messages */
	size_t text_len;
	bool one_field;		/* at most one non-empty field */
	bool after_blank;	/* an empty line just before it */
};

struct ind_trailer {
	struct ind_held *items;
	size_t n, cap;
	bool whole;		/* every row of the block is held: nothing came after the rows held before */
	bool ends_blank;	/* empty lines after the last row */
};

/* Open, sniff, read the header and map columns. NULL with err on failure. */
ind_loader *ind_loader_open(const char *path, const struct ind_load_opts *o, struct ind_error *err);

/*
 * IND_READ_ROW (rec filled), IND_READ_EOF, IND_READ_BAD (rej and err filled), IND_READ_FATAL.
 * At IND_READ_EOF rows may still be held as possible footnotes: take them
 * with ind_loader_take_held, or they are lost with the loader.
 */
int ind_loader_next(ind_loader *l, struct ind_record *rec, struct ind_reject *rej, struct ind_error *err);

/* Move the rows l holds at its end into out (which is overwritten), with out->whole and out->ends_blank. */
void ind_loader_take_held(ind_loader *l, struct ind_trailer *out);

unsigned ind_loader_columns(const ind_loader *l);
/* The header name of the region column, or NULL (none, or --region-name). */
const char *ind_loader_region_column(const ind_loader *l);
/* The input's header line as read (for rejects files), NULL with --no-header. */
const char *ind_loader_header_raw(const ind_loader *l, size_t *len);
enum ind_layout ind_loader_layout(const ind_loader *l);
const char *ind_layout_name(enum ind_layout layout);
const ind_reader *ind_loader_reader(const ind_loader *l);
const struct ind_load_counts *ind_loader_counts(ind_loader *l);

/*
 * What ind-load found out about l's input, as one line for stderr, once the
 * input has been read (the counts go into it): "delimiter ';', decimal ',',
 * encoding UTF-8 (5 lines read as Windows-1252), 2 title lines, layout wide,
 * periods months, dimensions Sukupuoli, Ikä". Written into buf (truncated
 * to size), which is returned.
 */
const char *ind_loader_describe(ind_loader *l, char *buf, size_t size);

/*
 * A loader for one block of l's input (see ind_reader_take_block): it shares
 * l's header and column mapping, which must outlive it, and counts on its own.
 */
ind_loader *ind_loader_open_block(const ind_loader *l, const char *buf, size_t len, long first_line,
				  struct ind_error *err);
ind_reader *ind_loader_reader_mut(ind_loader *l);
/* True while l still holds a row it has not fully handed out (header-less input's first row). */
bool ind_loader_pending(const ind_loader *l);
/* While on, ind_loader_next ends after the pending row instead of reading on. */
void ind_loader_pending_only(ind_loader *l, bool on);
void ind_loader_close(ind_loader *l);

struct ind_reject_list;

/*
 * Join the next block's held rows (emptied) onto t, in input order. When
 * the block had a usable row, or t grows past IND_HELD_MAX, the older held
 * rows are rejects after all: they are added to rejects, which must be
 * written before the block's own rejects. Exits when out of memory.
 */
void ind_trailer_join(struct ind_trailer *t, struct ind_trailer *block, struct ind_reject_list *rejects);

/* At the end of the input: move the held rows that are not footnotes to rejects; t keeps the footnotes. */
void ind_trailer_settle(struct ind_trailer *t, struct ind_reject_list *rejects);

void ind_trailer_free(struct ind_trailer *t);

#endif
