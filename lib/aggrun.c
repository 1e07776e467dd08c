/* aggrun.c - ind-agg's event rows into groups, block by block; its inputs' headers and --population; the run over its inputs and its end. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggrun.h"
#include "columns.h"
#include "num.h"
#include "parallel.h"
#include "population.h"
#include "writer.h"

bool ind_agg_field_is(const struct ind_row *row, int c, const char *value)
{
	size_t n = strlen(value);
	return (size_t)c < row->nfields && row->len[c] == n && memcmp(row->field[c], value, n) == 0;
}

struct ind_period ind_agg_period_of(long days, enum ind_period_kind by)
{
	struct ind_period p = { by, 0, 0, 0, 0 };
	int y, m, d;
	ind_civil_from_days(days, &y, &m, &d);
	p.year = y;
	switch (by) {
	case IND_PERIOD_WEEK: ind_iso_week(y, m, d, &p.year, &p.sub); break;
	case IND_PERIOD_QUARTER: p.sub = (m - 1) / 3 + 1; break;
	case IND_PERIOD_YEAR: break;
	case IND_PERIOD_DAY: p.sub = m, p.day = d; break;
	case IND_PERIOD_MONTH:
	case IND_PERIOD_NUMERIC:
	default: p.sub = m; break;
	}
	return p;
}

const char *ind_agg_kind_word(enum ind_period_kind k)
{
	switch (k) {
	case IND_PERIOD_YEAR: return "a year";
	case IND_PERIOD_QUARTER: return "a quarter";
	case IND_PERIOD_MONTH: return "a month";
	case IND_PERIOD_WEEK: return "an ISO week";
	case IND_PERIOD_DAY: return "a day";
	case IND_PERIOD_NUMERIC:
	default: return "a number";
	}
}

const char *ind_agg_by_word(enum ind_period_kind k)
{
	switch (k) {
	case IND_PERIOD_YEAR: return "year";
	case IND_PERIOD_QUARTER: return "quarter";
	case IND_PERIOD_WEEK: return "week";
	case IND_PERIOD_MONTH:
	case IND_PERIOD_DAY:
	case IND_PERIOD_NUMERIC:
	default: return "month";
	}
}


enum ind_agg_cell ind_agg_cell_period(enum ind_period_kind by, const char *s, size_t n, struct ind_period *out,
				      const char **why)
{
	struct ind_period q;
	const char *pwhy;
	long day;

	if (ind_date_parse(s, n, &day, why)) {
		*out = ind_agg_period_of(day, by);
		return IND_AGG_CELL_OK;
	}
	if (!ind_period_parse_column(s, n, &q, &pwhy) || q.kind == IND_PERIOD_NUMERIC)
		return IND_AGG_CELL_BAD;	/* *why: the date's reason */
	if (q.kind == IND_PERIOD_DAY) {
		*out = ind_agg_period_of(ind_days_from_civil(q.year, q.sub, q.day), by);
		return IND_AGG_CELL_OK;
	}
	if ((q.kind == IND_PERIOD_WEEK) != (by == IND_PERIOD_WEEK) || (by != IND_PERIOD_WEEK && q.kind < by))
		return IND_AGG_CELL_COARSE;
	*out = q;
	if (by == IND_PERIOD_YEAR)
		out->sub = 0;
	else if (by == IND_PERIOD_QUARTER && q.kind == IND_PERIOD_MONTH)
		out->sub = (q.sub - 1) / 3 + 1;
	out->kind = by;
	return IND_AGG_CELL_OK;
}

/* "COL: '2021' is a year, coarser than --by month" */
static void coarse_error(const struct ind_agg_config *c, const struct ind_row *row, const char *file, struct ind_error *err)
{
	struct ind_period q;
	const char *s = row->field[c->c_date], *why;
	size_t n = row->len[c->c_date];
	bool week = ind_period_parse_column(s, n, &q, &why) && q.kind == IND_PERIOD_WEEK;

	ind_error_set(err, file, row->line, week ? "%s: '%.*s' is %s, which does not fall in one %s (use --by week)"
						 : "%s: '%.*s' is %s, coarser than --by %s",
		      c->date_spec, (int)(n < 40 ? n : 40), s, ind_agg_kind_word(q.kind), ind_agg_by_word(c->by));
}

static bool in_window(const struct ind_agg_config *c, const struct ind_period *p)
{
	return (!c->has_from || ind_period_cmp(p, &c->from) >= 0) && (!c->has_to || ind_period_cmp(p, &c->to) <= 0);
}

bool ind_agg_add_row(const struct ind_agg_config *c, ind_agg *agg, const struct ind_row *row, const char *file,
		    struct ind_error *err, int *left_out, bool *stop, bool *coarse)
{
	const char *region = NULL, *why;
	size_t rlen = 0;
	long waits[IND_AGG_MAX_MEASURES];
	char rbuf[IND_REGION_NAME_MAX];
	ind_fixed vals[IND_AGG_MAX_MEASURES];
	bool has_val[IND_AGG_MAX_MEASURES];
	struct ind_period p;
	struct ind_group *g;

	if (row->nfields != c->ncols)
		return ind_error_set(err, file, row->line, "row has %zu fields where the header has %zu", row->nfields,
				     c->ncols), false;
	if (c->c_region >= 0) {
		region = row->field[c->c_region];
		rlen = row->len[c->c_region];
		if (!rlen)
			return ind_error_set(err, file, row->line, "empty region"), false;
	} else {
		const char *code = row->field[c->c_municipality];
		size_t clen = row->len[c->c_municipality];
		if (!clen)
			return ind_error_set(err, file, row->line, "empty municipality code"), false;
		if (c->map && !ind_codemap_has_years(c->map) &&
		    ind_codemap_get(c->map, code, clen, 0, &region, &rlen) != IND_MAP_FOUND)
			return ind_error_set(err, file, row->line, "unknown municipality code '%.*s' (not in --map)",
					     (int)(clen < 40 ? clen : 40), code), false;
	}
	switch (ind_agg_cell_period(c->by, row->field[c->c_date], row->len[c->c_date], &p, &why)) {
	case IND_AGG_CELL_OK:
		if (c->map && ind_codemap_has_years(c->map)) {	/* the map's row for the row's own year */
			const char *code = row->field[c->c_municipality];
			size_t clen = row->len[c->c_municipality];
			switch (ind_codemap_get(c->map, code, clen, p.year, &region, &rlen)) {
			case IND_MAP_FOUND: break;
			case IND_MAP_NO_CODE:
				return ind_error_set(err, file, row->line, "unknown municipality code '%.*s' (not in --map)",
						     (int)(clen < 40 ? clen : 40), code), false;
			case IND_MAP_NO_YEAR:
			default:
				return ind_error_set(err, file, row->line,
						     "municipality code '%.*s' has no region in --map for %d (its rows: %s)",
						     (int)(clen < 40 ? clen : 40), code, p.year,
						     ind_codemap_years(c->map, code, clen, rbuf, sizeof rbuf)), false;
			}
		}
		if (c->classes) {	/* the region of the row's own year */
			const char *code = row->field[c->c_municipality];
			size_t clen = row->len[c->c_municipality];
			if (!(region = ind_region_of_codes(c->classes, code, clen, p.year, c->level, c->names, c->bare, rbuf,
							   &why)))
				return ind_error_set(err, file, row->line, "%s '%.*s': %s", c->municipality_spec,
						     (int)(clen < 40 ? clen : 40), code, why), false;
			rlen = strlen(region);
		}
		break;
	case IND_AGG_CELL_COARSE:
		*coarse = true;
		return coarse_error(c, row, file, err), false;
	case IND_AGG_CELL_BAD:
	default:
		return ind_error_set(err, file, row->line, "%s: date '%.*s': %s", c->date_spec,
				     (int)(row->len[c->c_date] < 40 ? row->len[c->c_date] : 40), row->field[c->c_date], why),
		       false;
	}
	/* check every measure before counting any: a row counts everywhere or nowhere */
	for (size_t k = 0; k < c->nm; k++) {
		const struct ind_measure *m = &c->ms[k];
		has_val[k] = false;
		if (m->kind == IND_M_WAIT) {
			long from, to;
			if (!ind_date_parse(row->field[m->c1], row->len[m->c1], &from, &why))
				return ind_error_set(err, file, row->line, "%s: date '%.*s': %s", m->col1,
						     (int)(row->len[m->c1] < 40 ? row->len[m->c1] : 40), row->field[m->c1], why),
				       false;
			if (!ind_date_parse(row->field[m->c2], row->len[m->c2], &to, &why))
				return ind_error_set(err, file, row->line, "%s: date '%.*s': %s", m->col2,
						     (int)(row->len[m->c2] < 40 ? row->len[m->c2] : 40), row->field[m->c2], why),
				       false;
			if (to < from)
				return ind_error_set(err, file, row->line, "%s is %ld days before %s", m->col2, from - to,
						     m->col1), false;
			waits[k] = to - from;
		} else if (m->kind == IND_M_SUM || m->kind == IND_M_MEAN || m->kind == IND_M_QUANTILE) {
			struct ind_num n;
			enum ind_num_status st = ind_num_parse(row->field[m->c1], row->len[m->c1],
							       ind_reader_dialect(c->parent)->decimal, IND_DASH_MISSING, &n);
			if (st == IND_NUM_BAD || (st == IND_NUM_OK && !ind_fixed_from_text(n.text, &vals[k])))
				return ind_error_set(err, file, row->line, "%s: %s: '%.*s'", m->col1,
						     st == IND_NUM_BAD ? n.why : "out of range",
						     (int)(row->len[m->c1] < 40 ? row->len[m->c1] : 40), row->field[m->c1]),
				       false;
			has_val[k] = st == IND_NUM_OK;
		}
	}
	for (int w = 0; w < c->nwhere; w++)
		if (!ind_agg_field_is(row, c->where[w].c, c->where[w].value))
			return *left_out = 1, true;
	if (!in_window(c, &p))
		return *left_out = 2, true;
	if (!(g = ind_agg_group(agg, region, rlen, &p)))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (size_t k = 0; k < c->nm; k++) {	/* every sum fits before any counts */
		ind_fixed sum = g->m[k].sum;
		char pbuf[IND_PERIOD_TEXT_MAX];
		if (has_val[k] && !ind_fixed_add(&sum, vals[k]))
			return ind_error_set(err, file, row->line, "%s: the sum for %s %s is out of range", c->ms[k].col1,
					     g->region, ind_period_format(&g->period, pbuf)),
			       *stop = true, false;
	}
	for (size_t k = 0; k < c->nm; k++) {
		struct ind_mstate *s = &g->m[k];
		switch (c->ms[k].kind) {
		case IND_M_COUNT: s->n++; break;
		case IND_M_SHARE:
			s->n++;
			s->hits += ind_agg_field_is(row, c->ms[k].c1, c->ms[k].value);
			break;
		case IND_M_WAIT:
			if (!ind_agg_wait_add(s, waits[k], 1))
				ind_die(IND_EXIT_DATA, "out of memory");
			break;
		case IND_M_QUANTILE:
			if (has_val[k]) {
				if (!ind_agg_value_add(s, vals[k], 1))
					ind_die(IND_EXIT_DATA, "out of memory");
				s->n++;
				s->sum += vals[k];	/* checked above */
			}
			break;
		case IND_M_SUM:
		case IND_M_MEAN:
		default:
			if (has_val[k]) {
				s->n++;
				s->sum += vals[k];	/* checked above */
			}
			break;
		}
	}
	return true;
}

/*
 * One record (rc from ind_reader_next) into block b; false when the block
 * stops there. *coarse (when given) is set for a date coarser than --by.
 */
static bool one_row(const struct ind_agg_config *c, struct ind_agg_block *b, const ind_reader *r, int rc,
		    const struct ind_row *row, struct ind_error *err, bool *coarse)
{
	int left_out = 0;
	bool is_coarse = false;
	if (rc == IND_READ_FATAL) {
		b->fatal = true;
		b->fatal_err = *err;
		return false;
	}
	b->rows++;
	if (rc == IND_READ_BAD) {
		ind_reject_list_add(&b->rejects, err, row->raw, row->raw_len);
		return true;
	}
	if (ind_agg_add_row(c, b->agg, row, ind_reader_name(r), err, &left_out, &b->stop, &is_coarse)) {
		b->filtered += left_out == 1;
		b->outside += left_out == 2;
	} else if (b->stop) {
		b->fatal_err = *err;
		return false;
	} else {
		if (coarse)
			*coarse = is_coarse;
		ind_reject_list_add(&b->rejects, err, row->raw, row->raw_len);
	}
	return true;
}

void *ind_agg_block_work(void *ctx, const char *buf, size_t len, long first_line)
{
	const struct ind_agg_config *c = ((const struct ind_agg_run *)ctx)->cfg;
	struct ind_agg_block *b = calloc(1, sizeof *b);
	struct ind_row row;
	struct ind_error err;
	ind_reader *r;
	int rc;

	if (!b || !(b->agg = ind_agg_new(c->ms, c->nm)))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!(r = ind_reader_open_block(c->parent, buf, len, first_line, &b->fatal_err))) {
		b->fatal = true;
		return b;
	}
	while ((rc = ind_reader_next(r, &row, &err)) != IND_READ_EOF) {
		bool coarse = false;
		if (rc != IND_READ_FATAL) {
			unsigned long crc = ind_agg_crc(0, row.raw, row.raw_len);
			if (!b->rows)
				b->first_crc = crc;
			b->last_crc = crc;
			b->bytes += (long long)row.raw_len;
		}
		if (!one_row(c, b, r, rc, &row, &err, &coarse))
			break;
		if (b->rows == 1 && coarse) {
			b->first_coarse = true;
			snprintf(b->first_date, sizeof b->first_date, "%.*s",
				 (int)(row.len[c->c_date] < 40 ? row.len[c->c_date] : 40), row.field[c->c_date]);
		}
	}
	ind_reader_close(r);
	return b;
}

void ind_agg_block_emitted(void *ctx, long long bytes)
{
	struct ind_agg_run *run = ctx;
	run->taken = bytes;
	run->progress->bytes = ind_progress_input_bytes(run->reader, bytes);
	run->progress->rows = run->rows;
	ind_progress_update(run->progress);
}

int ind_agg_block_emit(void *ctx, void *result)
{
	struct ind_agg_run *run = ctx;
	struct ind_agg_block *b = result;
	struct ind_error err;
	run->rows += b->rows;
	if (b->rows) {
		if (!run->shard_rows)
			run->shard_first = b->first_crc;
		run->shard_last = b->last_crc;
		run->shard_rows += b->rows;
		run->shard_bytes += b->bytes;
	}
	if (run->first_block && b->first_coarse) {
		run->coarse = true;
		snprintf(run->coarse_date, sizeof run->coarse_date, "%s", b->first_date);
	}
	run->first_block = false;
	if (run->coarse) {
		run->stopped = true;
		ind_error_set(&run->stop_err, NULL, 0, "coarse date");
	} else if (!run->stopped && b->stop) {
		run->stopped = true;
		run->stop_err = b->fatal_err;
	} else if (!run->stopped && ind_agg_merge(run->total, b->agg, &err) < 0) {
		if (strcmp(err.msg, "out of memory") == 0)
			ind_die(IND_EXIT_DATA, "out of memory");
		run->stopped = true;	/* a sum out of range only in blocks together: the total is as it was */
		run->stop_err = err;
	}
	if (run->stopped) {	/* this block and all after it count in nothing */
		for (size_t i = 0; i < b->rejects.n; i++)
			free(b->rejects.items[i].raw);
		free(b->rejects.items);
		ind_agg_free(b->agg);
		free(b);
		return -1;
	}
	run->filtered += b->filtered;
	run->outside += b->outside;
	if (ind_reject_list_flush(&b->rejects, run->rejects) < 0)
		run->failed = true;
	if (b->fatal) {
		ind_error_print(&b->fatal_err);
		run->failed = true;
	}
	ind_agg_free(b->agg);
	free(b);
	return 0;
}

/* ---- --population ---------------------------------------------------------- */

/* What ind-agg keeps of the table as lib/population.c reads it. */
struct pop_keeping {
	ind_agg *rows;		/* for partial files */
	ind_strmap *map;	/* region \037 period -> population, as ind_agg_population_of looks it up */
	unsigned long *crc;
};

static void pop_record(void *ctx, const char *raw, size_t len)
{
	struct pop_keeping *k = ctx;
	*k->crc = ind_agg_crc(*k->crc, raw, len);
}

static int pop_row(void *ctx, const struct ind_population_row *row, struct ind_error *err)
{
	struct pop_keeping *k = ctx;
	char key[512];

	/* the map's keys are cut where ind_agg_population_of cuts them: two regions alike that far are one */
	snprintf(key, sizeof key, "%s\037%s", row->region, row->period_text);
	if (ind_strmap_get(k->map, key, strlen(key)))
		return ind_error_set(err, NULL, 0, "the population of '%s' in %s is given twice", row->region,
				     row->period_text);
	if (ind_agg_table_add(k->rows, row->region, row->period_text, row->text) < 0)
		return ind_error_set(err, NULL, 0, "a control character, a field longer than %d bytes, or out of memory",
				     IND_SETTING_MAX);
	if (!ind_strmap_put(k->map, key, strlen(key), row->text))
		ind_die(IND_EXIT_DATA, "out of memory");
	return 0;
}

int ind_agg_read_population(const char *path, ind_agg *rows, ind_strmap **population, unsigned long *crc,
			    struct ind_error *err)
{
	struct pop_keeping k = { rows, ind_strmap_new(), crc };
	struct ind_population_hooks hooks = { pop_record, pop_row, &k };
	ind_population *pop;
	int rc;

	if (!k.map)
		ind_die(IND_EXIT_DATA, "out of memory");
	rc = ind_population_load(path, IND_POPULATION_AGG, &hooks, &pop, err);
	ind_population_free(pop);	/* what ind-agg needs is in rows and the map */
	if (rc < 0) {
		ind_strmap_free(k.map);
		return rc;
	}
	*population = k.map;
	return 0;
}

/* ---- inputs ---------------------------------------------------------------- */

/* A column of the header by name or number; -1 with err past the first missing one. */
static int resolve(const struct ind_header *h, const char *spec, const char *file, int *bad, struct ind_error *err)
{
	int c;
	if (*bad)
		return -1;
	if ((c = ind_column_resolve(h, spec, file, err)) < 0)
		*bad = 1;
	return c;
}

int ind_agg_input_header(struct ind_agg_run *run, struct ind_agg_config *c, const ind_reader *r,
			 const struct ind_row *row, struct ind_error *err)
{
	struct ind_header h = { 0 };
	const char *name = ind_reader_name(r);
	int bad = 0;

	if (!ind_header_init(&h, row, false) || ind_rejects_header(run->rejects, h.raw, h.raw_len) < 0)
		ind_die(IND_EXIT_DATA, "out of memory");
	run->shard_bytes = (long long)row->raw_len;
	run->shard_rows = 0;
	run->shard_first = run->shard_last = 0;
	c->ncols = h.ncols;
	c->c_date = resolve(&h, c->date_spec, name, &bad, err);
	c->c_region = c->region_spec ? resolve(&h, c->region_spec, name, &bad, err) : -1;
	c->c_municipality = c->municipality_spec ? resolve(&h, c->municipality_spec, name, &bad, err) : -1;
	c->bare = !bad && c->c_municipality >= 0 ? ind_region_bare_codes(h.name[c->c_municipality]) : IND_BARE_NONE;
	for (size_t m = 0; m < c->nm; m++) {
		c->ms[m].c1 = c->ms[m].col1[0] ? resolve(&h, c->ms[m].col1, name, &bad, err) : -1;
		c->ms[m].c2 = c->ms[m].col2[0] ? resolve(&h, c->ms[m].col2, name, &bad, err) : -1;
	}
	for (int w = 0; w < c->nwhere; w++)
		c->where[w].c = resolve(&h, c->where[w].col, name, &bad, err);
	ind_header_free(&h);
	c->parent = r;
	run->first_block = true;
	return bad ? -1 : 0;
}

void ind_agg_config_free(struct ind_agg_config *c)
{
	ind_codemap_free(c->map);
	ind_strmap_free(c->population);
	ind_agg_free(c->poptab);
	ind_classification_free((ind_classification *)c->classes);
	c->map = NULL;
	c->population = NULL;
	c->poptab = NULL;
	c->classes = NULL;
}

int ind_agg_read_inputs(struct ind_agg_run *run, struct ind_agg_config *c, const char *const *inputs, int n,
			const struct ind_reader_opts *ro, int threads, size_t block_size, bool partial,
			struct ind_error *err)
{
	if (!(run->total = ind_agg_new(c->ms, c->nm)))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (run->progress) {
		run->progress->total = ind_progress_total_of(inputs, n);
		run->progress->bytes = 0;
	}
	for (int k = 0; k < n; k++) {
		struct ind_row row;
		ind_reader *r = ind_reader_open(inputs[k], ro, err);
		const char *name;
		static const struct ind_block_fns fns = { ind_agg_block_work, ind_agg_block_emit, NULL };
		static const struct ind_block_fns fns_progress = { ind_agg_block_work, ind_agg_block_emit,
								   ind_agg_block_emitted };
		int rc;

		if (!r || (rc = ind_reader_next(r, &row, err)) < 0) {
			ind_error_print(err);
			run->failed = true;
			ind_reader_close(r);
			continue;
		}
		name = ind_reader_name(r);
		if (rc == IND_READ_EOF) {
			ind_warn_at(name, 0, "empty input: no header row");
			run->failed = true;
			ind_reader_close(r);
			continue;
		}
		if (ind_agg_input_header(run, c, r, &row, err) < 0) {	/* the columns are missing: stop */
			ind_reader_close(r);
			return -1;
		}
		run->reader = r;
		run->taken = 0;
		if (ind_blocks_run(r, threads, block_size, run->progress ? &fns_progress : &fns, run, err) < 0) {
			if (!run->coarse)
				ind_error_print(run->stopped ? &run->stop_err : err);
			run->failed = true;
		}
		if (run->stopped) {
			ind_reader_close(r);
			break;
		}
		if (run->progress) {	/* this input whole: its size, or (a pipe) its blocks */
			long long size = ind_reader_size(r);
			run->progress->bytes_done += size >= 0 ? size : run->taken;
			run->progress->bytes = 0;
		}
		if (partial)
			ind_agg_add_shard(run->total, name, run);
		if (ind_reader_recoded_lines(r))
			ind_warn_at(name, 0, "%ld line(s) not valid UTF-8, read as Windows-1252",
				    ind_reader_recoded_lines(r));
		ind_reader_close(r);
	}
	return 0;
}

void ind_agg_merge_inputs(struct ind_agg_run *run, struct ind_agg_config *c, const char *const *inputs, int n,
			  bool within_given, bool pct_given, bool window_given, ind_agg_refuse *refuse)
{
	struct ind_error err;
	for (int k = 0; k < n; k++)
		if (ind_agg_read_partial(&run->total, inputs[k], &err) < 0) {
			ind_error_print(&err);
			run->failed = true;
		}
	if (!run->total && !(run->total = ind_agg_new(c->ms, 0)))
		ind_die(IND_EXIT_DATA, "out of memory");
	ind_agg_take_settings(c, run->total, within_given, pct_given, window_given, refuse);
}

void ind_agg_refuse_coarse(const struct ind_agg_run *run, const struct ind_agg_config *c, ind_agg_refuse *refuse)
{
	struct ind_period q = { 0 };
	const char *why, *s = run->coarse_date;
	if (ind_period_parse_column(s, strlen(s), &q, &why) && q.kind == IND_PERIOD_WEEK) {
		refuse("--by %s over the week column '%s' ('%s'): a week does not fall in one %s; use --by week",
		       ind_agg_by_word(c->by), c->date_spec, s, ind_agg_by_word(c->by));
		return;
	}
	refuse("--by %s is finer than the date column '%s' ('%s' is %s); use --by %s or coarser", ind_agg_by_word(c->by),
	       c->date_spec, s, ind_agg_kind_word(q.kind), ind_agg_by_word(q.kind));
}

int ind_agg_finish(struct ind_agg_run *run, struct ind_agg_config *c, const char *output, bool partial, bool merge)
{
	struct ind_agg_tally t = { 0 };
	struct ind_error err;
	ind_output *out;
	long nrej;

	if (run->stopped) {	/* a sum out of range: no indicators from part of the rows */
		ind_warn("%ld rows read, %zu groups, %ld rejected: nothing written", run->rows, ind_agg_count(run->total),
			 ind_rejects_count(run->rejects));
		ind_rejects_close(run->rejects, &err);
		ind_agg_free(run->total);
		ind_agg_config_free(c);
		return IND_EXIT_DATA;
	}
	if (!(out = ind_output_open(output, &err))) {
		ind_error_print(&err);
		return IND_EXIT_DATA;
	}
	if (partial) {
		ind_agg_record_settings(c, run->total);
		ind_agg_sort(run->total);
		if (ind_agg_write_partial(run->total, ind_output_file(out)) < 0)
			run->failed = true;
	} else {
		ind_agg_write_indicators(c, run->total, ind_output_file(out), &t);
	}
	if (t.filled)
		ind_warn("%ld periods without rows written: counts and sums 0, the rest empty", t.filled);
	if (t.no_events)
		ind_warn("%ld shares, waits and means have no rows in their period: left empty", t.no_events);
	if (t.no_values)
		ind_warn("%ld sums or means have no numeric value in their group: left empty", t.no_values);
	if (t.no_population)
		ind_warn("%ld groups have no population in --population: their rates are empty", t.no_population);
	if (run->filtered)
		ind_warn("%ld rows left out by --where", run->filtered);
	if (run->outside)
		ind_warn("%ld rows left out by --from/--to", run->outside);
	nrej = ind_rejects_count(run->rejects);
	if (ind_rejects_close(run->rejects, &err) < 0) {
		ind_error_print(&err);
		run->failed = true;
	}
	if (ind_output_close(out, !run->failed, &err) < 0) {
		ind_error_print(&err);
		run->failed = true;
	}
	if (merge)
		ind_warn("%zu groups merged", ind_agg_count(run->total));
	else
		ind_warn("%ld rows read, %zu groups, %ld rejected", run->rows, ind_agg_count(run->total), nrej);
	ind_agg_free(run->total);
	ind_agg_config_free(c);
	return run->failed ? IND_EXIT_DATA : IND_EXIT_OK;
}
