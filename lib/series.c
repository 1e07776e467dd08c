/* series.c - a hash of series and an arena of row texts. See LICENSE. */
#include "series.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "hashtab.h"

struct ind_series_set {
	struct ind_series *series;
	size_t nseries, cap;
	struct ind_hashtab index;	/* of series by (region, indicator) */
	char **files;
	size_t nfiles;
	/* row texts: one growing arena, with offsets */
	char *arena;
	size_t arena_len, arena_cap;
	size_t *row_off;
	size_t nrows, rows_cap;
	/* ind_series_stream with row texts: the rows and bytes of finished series, waiting in the spill file */
	size_t rows_spilled, text_spilled;
	char **cols;			/* the kept rows' columns (the first input's, less the tool's own) */
	size_t ncols;
	const char *se_name;		/* the standard-error column to read, or NULL */
	char *se_missing;		/* the first input without it */
};

static uint64_t key_hash(const char *a, size_t na, const char *b, size_t nb)
{
	uint64_t h = ind_hash_bytes(IND_HASH_SEED, a, na);
	h = ind_hash_word(h, 0xff);	/* separator no UTF-8 text contains */
	return ind_hash_bytes(h, b, nb);
}

ind_series_set *ind_series_set_new(void)
{
	ind_series_set *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	if (!ind_hashtab_init(&s->index, 64)) {
		free(s);
		return NULL;
	}
	return s;
}

void ind_series_set_free(ind_series_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nseries; i++) {
		free(s->series[i].region);
		free(s->series[i].indicator);
		free(s->series[i].pts);
		free(s->series[i].folded_row);
		free(s->series[i].folded_into);
	}
	for (size_t i = 0; i < s->nfiles; i++)
		free(s->files[i]);
	free(s->files);
	for (size_t i = 0; i < s->ncols; i++)
		free(s->cols[i]);
	free(s->cols);
	free(s->se_missing);
	free(s->series);
	ind_hashtab_free(&s->index);
	free(s->arena);
	free(s->row_off);
	free(s);
}

int ind_series_file(ind_series_set *s, const char *name)
{
	char **f;
	if (s->nfiles >= UINT16_MAX || !(f = realloc(s->files, (s->nfiles + 1) * sizeof *f)))
		return -1;
	s->files = f;
	if (!(f[s->nfiles] = strdup(name)))
		return -1;
	s->nfiles++;
	return 0;
}

const char *ind_series_file_name(const ind_series_set *s, uint16_t file)
{
	return file < s->nfiles ? s->files[file] : "-";
}

struct series_key {
	const char *region, *indicator;
	size_t nr, ni;
};

static bool same_key(const void *series, size_t i, const void *key)
{
	const struct ind_series *x = (const struct ind_series *)series + i;
	const struct series_key *k = key;
	return strlen(x->region) == k->nr && memcmp(x->region, k->region, k->nr) == 0 &&
	       strlen(x->indicator) == k->ni && memcmp(x->indicator, k->indicator, k->ni) == 0;
}

/* The series for (region, indicator), made on first sight; NULL when out of memory. */
static struct ind_series *find(ind_series_set *s, const char *r, size_t nr, const char *ind, size_t ni)
{
	struct series_key k = { r, ind, nr, ni };
	uint64_t h = key_hash(r, nr, ind, ni);
	struct ind_hashtab_slot *slot = ind_hashtab_probe(&s->index, h, same_key, s->series, &k);
	struct ind_series *x;

	if (slot->entry)
		return &s->series[slot->entry - 1];
	if (s->nseries == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		struct ind_series *n = realloc(s->series, cap * sizeof *n);
		if (!n)
			return NULL;
		s->series = n;
		s->cap = cap;
	}
	x = &s->series[s->nseries];
	memset(x, 0, sizeof *x);
	x->region = strndup(r, nr);
	x->indicator = strndup(ind, ni);
	if (!x->region || !x->indicator || !ind_hashtab_fill(&s->index, slot, h, s->nseries)) {
		free(x->region);
		free(x->indicator);
		return NULL;
	}
	s->nseries++;
	return x;
}

static bool keep_text(ind_series_set *s, const char *text, size_t len)
{
	if (s->nrows == s->rows_cap) {
		size_t cap = s->rows_cap ? 2 * s->rows_cap : 1024;
		size_t *o = realloc(s->row_off, (cap + 1) * sizeof *o);
		if (!o)
			return false;
		s->row_off = o;
		s->rows_cap = cap;
	}
	if (s->arena_len + len > s->arena_cap) {
		size_t cap = s->arena_cap ? 2 * s->arena_cap : 1 << 16;
		char *a;
		while (cap < s->arena_len + len)
			cap *= 2;
		if (!(a = realloc(s->arena, cap)))
			return false;
		s->arena = a;
		s->arena_cap = cap;
	}
	memcpy(s->arena + s->arena_len, text, len);
	s->row_off[s->nrows] = s->arena_len;
	s->arena_len += len;
	s->row_off[++s->nrows] = s->arena_len;
	return true;
}

static int add_point(ind_series_set *s, struct ind_series *x, const struct ind_stream_row *r, const char *row_text,
		     size_t row_len, struct ind_error *err)
{
	struct ind_point *p;

	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;
		struct ind_point *n = realloc(x->pts, cap * sizeof *n);
		if (!n)
			return ind_error_set(err, NULL, 0, "out of memory");
		x->pts = n;
		x->cap = cap;
	}
	p = &x->pts[x->n];
	memset(p, 0, sizeof *p);	/* the padding too: points may be written to a spill file */
	p->period = r->period;
	p->t = ind_period_time(&r->period);
	p->value = r->has_value ? r->value : NAN;
	p->numerator = r->has_numerator ? r->numerator : NAN;	/* the stream leaves what is absent unset */
	p->denominator = r->has_denominator ? r->denominator : NAN;
	p->has_value = r->has_value;
	p->has_numerator = r->has_numerator;
	p->has_denominator = r->has_denominator;
	p->se = r->has_se ? r->se : NAN;	/* unset in the stream row when absent */
	p->has_se = r->has_se;
	p->file = (uint16_t)(s->nfiles ? s->nfiles - 1 : 0);
	p->line = r->line;
	p->row = SIZE_MAX;
	if (row_text) {
		if (!keep_text(s, row_text, row_len))
			return ind_error_set(err, NULL, 0, "out of memory");
		p->row = s->nrows - 1;
	}
	x->n++;
	return 0;
}

int ind_series_add(ind_series_set *s, const struct ind_stream_row *r, const char *row_text, size_t row_len,
		   struct ind_error *err)
{
	struct ind_series *x = find(s, r->region, r->region_len, r->indicator, r->indicator_len);
	if (!x)
		return ind_error_set(err, NULL, 0, "out of memory");
	return add_point(s, x, r, row_text, row_len, err);
}

static int point_cmp(const void *a, const void *b)
{
	const struct ind_point *x = a, *y = b;
	int c = ind_period_cmp(&x->period, &y->period);
	if (c)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

void ind_series_sort(ind_series_set *s)
{
	for (size_t i = 0; i < s->nseries; i++)
		qsort(s->series[i].pts, s->series[i].n, sizeof *s->series[i].pts, point_cmp);
}

/* Fold pts[from..to) into pts[from] as how says; remember the folded rows. */
static int fold(struct ind_series *x, size_t from, size_t to, size_t into, enum ind_duplicates how)
{
	struct ind_point *p = &x->pts[from];
	double v = 0, num = 0, den = 0, se2 = 0;
	size_t nv = 0, nn = 0, nd = 0, ns = 0;
	size_t *fr = realloc(x->folded_row, (x->nfolded + (to - from)) * sizeof *fr), *fi;

	if (!fr)
		return -1;
	x->folded_row = fr;
	if (!(fi = realloc(x->folded_into, (x->nfolded + (to - from)) * sizeof *fi)))
		return -1;
	x->folded_into = fi;
	if (how == IND_DUP_LAST) {	/* the last one's numbers; the first keeps its place and row */
		const struct ind_point *q = &x->pts[to - 1];
		p->value = q->value, p->numerator = q->numerator, p->denominator = q->denominator;
		p->has_value = q->has_value, p->has_numerator = q->has_numerator, p->has_denominator = q->has_denominator;
		p->se = q->se, p->has_se = q->has_se;
	}
	if (how == IND_DUP_MEAN || how == IND_DUP_SUM) {
		for (size_t i = from; i < to; i++) {
			const struct ind_point *q = &x->pts[i];
			if (q->has_value)
				v += q->value, nv++;
			if (q->has_numerator)
				num += q->numerator, nn++;
			if (q->has_denominator)
				den += q->denominator, nd++;
			if (q->has_se)
				se2 += q->se * q->se, ns++;
		}
		p->has_se = ns > 0;
		p->se = how == IND_DUP_SUM || !ns ? sqrt(se2) : sqrt(se2) / (double)ns;
		p->has_value = nv > 0;
		p->has_numerator = nn > 0;
		p->has_denominator = nd > 0;
		p->value = how == IND_DUP_SUM || !nv ? v : v / (double)nv;
		p->numerator = how == IND_DUP_SUM || !nn ? num : num / (double)nn;
		p->denominator = how == IND_DUP_SUM || !nd ? den : den / (double)nd;
	}
	for (size_t i = from + 1; i < to; i++)
		if (x->pts[i].row != SIZE_MAX) {
			x->folded_row[x->nfolded] = x->pts[i].row;
			x->folded_into[x->nfolded++] = into;
		}
	return 0;
}

const char *const ind_duplicates_names[] = { "error", "mean", "sum", "first", "last", NULL };

/* Rows of one period that cannot be combined into one honest row: they differ in which numbers they carry. */
static bool mismatched(const struct ind_point *p, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (p[i].has_value != p[0].has_value || p[i].has_numerator != p[0].has_numerator ||
		    p[i].has_denominator != p[0].has_denominator || p[i].has_se != p[0].has_se)
			return true;
	return false;
}

long ind_series_duplicates_of(ind_series_set *s, struct ind_series *x, enum ind_duplicates how, bool *failed)
{
	long count = 0;
	char pbuf[IND_PERIOD_TEXT_MAX];
	size_t out = 0;

	for (size_t i = 0; i < x->n;) {
		size_t j = i + 1;
		while (j < x->n && ind_period_cmp(&x->pts[j].period, &x->pts[i].period) == 0)
			j++;
		if (j - i > 1) {
			if (how == IND_DUP_ERROR || !((how == IND_DUP_MEAN || how == IND_DUP_SUM) && mismatched(&x->pts[i], j - i)))
				count += (long)(j - i - 1);
			if (how == IND_DUP_ERROR) {
				for (size_t d = i + 1; d < j; d++)
					ind_warn_at(ind_series_file_name(s, x->pts[d].file), x->pts[d].line,
						    "duplicate period %s for %s / %s (first at %s:%ld)",
						    ind_period_format(&x->pts[d].period, pbuf), x->region, x->indicator,
						    ind_series_file_name(s, x->pts[i].file), x->pts[i].line);
			} else if ((how == IND_DUP_MEAN || how == IND_DUP_SUM) && mismatched(&x->pts[i], j - i)) {
				ind_warn_at(ind_series_file_name(s, x->pts[i + 1].file), x->pts[i + 1].line,
					    "duplicate period %s for %s / %s (first at %s:%ld): the rows differ in which of "
					    "value, numerator%s denominator%s they have; they cannot be combined",
					    ind_period_format(&x->pts[i].period, pbuf), x->region, x->indicator,
					    ind_series_file_name(s, x->pts[i].file), x->pts[i].line,
					    s->se_name ? "," : " and", s->se_name ? " and standard error" : "");
				*failed = true;
			} else {
				if (fold(x, i, j, out, how) < 0)
					ind_die(IND_EXIT_DATA, "out of memory");
				x->ncombined += j - i - 1;
			}
		}
		if (how != IND_DUP_ERROR)
			x->pts[out++] = x->pts[i];
		i = j;
	}
	if (how != IND_DUP_ERROR)
		x->n = out;
	return count;
}

long ind_series_duplicates(ind_series_set *s, enum ind_duplicates how, bool *failed)
{
	long count = 0;
	for (size_t k = 0; k < s->nseries; k++)
		count += ind_series_duplicates_of(s, &s->series[k], how, failed);
	return count;
}

bool ind_series_duplicates_verdict(long dups, bool failed, enum ind_duplicates how)
{
	if (dups && how == IND_DUP_ERROR) {
		ind_warn("%ld duplicate period%s: combine them with --duplicates mean|sum|first|last", dups,
			 dups == 1 ? "" : "s");
		return false;
	}
	if (dups)
		ind_warn("%ld row%s combined by --duplicates", dups, dups == 1 ? "" : "s");
	return !failed;
}

bool ind_series_check_duplicates(ind_series_set *set, enum ind_duplicates how)
{
	bool failed = false;
	long dups = ind_series_duplicates(set, how, &failed);
	return ind_series_duplicates_verdict(dups, failed, how);
}

void ind_series_read_se(ind_series_set *s, const char *name) { s->se_name = name; }
const char *ind_series_se_missing(const ind_series_set *s) { return s->se_missing; }

size_t ind_series_count(const ind_series_set *s) { return s->nseries; }
struct ind_series *ind_series_at(ind_series_set *s, size_t i) { return &s->series[i]; }
size_t ind_series_rows(const ind_series_set *s) { return s->nrows; }

const char *ind_series_row_text(const ind_series_set *s, size_t row, size_t *len)
{
	*len = s->row_off[row + 1] - s->row_off[row];
	return s->arena + s->row_off[row];
}

/* With a standard-error column asked for: the first input without it, for the tool to refuse. */
static void note_se_column(ind_series_set *set, ind_stream *st)
{
	if (set->se_name && !ind_stream_se_column(st, set->se_name) && !set->se_missing &&
	    !(set->se_missing = strdup(ind_stream_name(st))))
		ind_die(IND_EXIT_DATA, "out of memory");
}

/*
 * One input opened for reading into set: its name recorded, its header
 * line given to the rejects file, its columns in the tool's own set
 * (drop[i]) marked to be left out of the kept rows and, for the first
 * input read with rows kept, the set's columns and the output's header.
 * NULL (the error printed, *failed set) when it cannot be opened.
 */
static ind_stream *open_input(ind_series_set *set, const char *path, const struct ind_series_reading *how,
			      ind_rejects *rejects, bool **drop, bool *failed)
{
	struct ind_error err;
	ind_stream *st = ind_stream_open(path, &err);
	const struct ind_header *h;

	if (!st) {
		ind_error_print(&err);
		*failed = true;
		return NULL;
	}
	h = ind_stream_header(st);
	note_se_column(set, st);
	if (ind_series_file(set, ind_stream_name(st)) < 0 || !(*drop = calloc(h->ncols + 1, sizeof **drop)) ||
	    ind_rejects_header(rejects, h->raw, h->raw_len) < 0)
		ind_die(IND_EXIT_DATA, "out of memory");
	/* columns an earlier run of the tool added are replaced, not repeated */
	for (size_t i = 0; i < h->ncols; i++)
		for (const char *const *w = how->own; how->keep_rows && w && *w; w++)
			if (strcmp(h->name[i], *w) == 0)
				(*drop)[i] = true;
	if (how->keep_rows && !set->cols) {
		if (!(set->cols = calloc(h->ncols + 1, sizeof *set->cols)))
			ind_die(IND_EXIT_DATA, "out of memory");
		for (size_t i = 0; i < h->ncols; i++)
			if (!(*drop)[i]) {
				ind_line_str(how->header, h->name[i]);
				if (!(set->cols[set->ncols++] = strdup(h->name[i])))
					ind_die(IND_EXIT_DATA, "out of memory");
			}
		for (const char *const *w = how->own; w && *w; w++)
			ind_line_str(how->header, *w);
	}
	return st;
}

long ind_series_read(ind_series_set *set, const char *const *inputs, int ninputs, const char *const *own,
		     bool keep_rows, struct ind_line *header, ind_rejects *rejects, bool *failed)
{
	const struct ind_series_reading how = { own, keep_rows, header, false, NULL, NULL };
	bool grouped;
	return ind_series_stream(set, inputs, ninputs, &how, &grouped, rejects, failed);
}

/* Write all of buf to fd at its end; false on failure (a full disk). */
static bool spill_write(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Read n bytes at off of the spill file into buf, or exit. */
static void spill_read(int fd, void *buf, size_t n, off_t off)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			ind_die(IND_EXIT_DATA, "temporary file: read error: %s", r < 0 ? strerror(errno) : "too short");
		got += (size_t)r;
	}
}

/*
 * Put the points (and kept rows) of every finished series back from the
 * spill file, as if all had been read at once: the rows numbered in input
 * order again, the spilled ones before those of the series being read.
 */
static void unspill(ind_series_set *set, int fd)
{
	size_t nrows = set->rows_spilled + set->nrows, text = set->text_spilled + set->arena_len;
	char *arena = set->arena;
	size_t *row_off = set->row_off;

	if (set->rows_spilled) {
		if (!(arena = malloc(text ? text : 1)) || !(row_off = malloc((nrows + 1) * sizeof *row_off)))
			ind_die(IND_EXIT_DATA, "out of memory");
		row_off[0] = 0;
		for (size_t i = 0; i < set->nrows; i++)	/* the rows of the series being read come last */
			row_off[set->rows_spilled + i + 1] = set->text_spilled + set->row_off[i + 1];
		if (set->arena_len)
			memcpy(arena + set->text_spilled, set->arena, set->arena_len);
	}
	for (size_t i = 0; i < set->nseries; i++) {
		struct ind_series *x = &set->series[i];
		off_t off = x->spill_off;
		if (!x->done) {
			for (size_t j = 0; j < x->n; j++)
				if (x->pts[j].row != SIZE_MAX)
					x->pts[j].row += set->rows_spilled;
			continue;
		}
		x->done = false;
		x->ncombined = 0;	/* what done() folded is undone: the points come back as they were read */
		if (!(x->pts = malloc((x->spill_n ? x->spill_n : 1) * sizeof *x->pts)))
			ind_die(IND_EXIT_DATA, "out of memory");
		x->n = x->cap = x->spill_n;
		spill_read(fd, x->pts, x->n * sizeof *x->pts, off);
		off += (off_t)(x->n * sizeof *x->pts);
		for (size_t j = 0; j < x->n; j++)
			if (x->pts[j].row != SIZE_MAX)
				x->pts[j].row += x->spill_row0;
		if (x->spill_nrows) {	/* the rows' ends, then their bytes */
			size_t *end = row_off + x->spill_row0 + 1, base = x->spill_text0;
			spill_read(fd, end, x->spill_nrows * sizeof *end, off);
			off += (off_t)(x->spill_nrows * sizeof *end);
			for (size_t j = 0; j < x->spill_nrows; j++)
				end[j] += base;
			spill_read(fd, arena + base, end[x->spill_nrows - 1] - base, off);
		}
	}
	if (set->rows_spilled) {
		free(set->arena);
		free(set->row_off);
		set->arena = arena;
		set->row_off = row_off;
		set->arena_len = set->arena_cap = text;
		set->nrows = set->rows_cap = nrows;
		set->rows_spilled = set->text_spilled = 0;
	}
}

/*
 * The rows of x are all in: sorted, kept in the spill file (fd >= 0) with
 * its rows' texts, handed over and freed, and the row texts with it. False,
 * with x as it was, when the spill file cannot take it.
 */
static bool finish_series(ind_series_set *set, struct ind_series *x, int fd, off_t *spilled,
			  const struct ind_series_reading *how)
{
	qsort(x->pts, x->n, sizeof *x->pts, point_cmp);
	if (fd >= 0) {
		size_t nrows = set->nrows;
		off_t size = (off_t)(x->n * sizeof *x->pts + nrows * sizeof *set->row_off + set->arena_len);
		if (!spill_write(fd, x->pts, x->n * sizeof *x->pts) ||
		    (nrows && (!spill_write(fd, set->row_off + 1, nrows * sizeof *set->row_off) ||
			       !spill_write(fd, set->arena, set->arena_len)))) {
			/* what did go in is past the end of every finished series: the file is as it was */
			return false;
		}
		x->spill_off = *spilled;
		x->spill_n = x->n;
		x->spill_nrows = nrows;
		x->spill_row0 = set->rows_spilled;
		x->spill_text0 = set->text_spilled;
		*spilled += size;
	}
	how->done(set, x, how->ctx);
	set->rows_spilled += set->nrows;
	set->text_spilled += set->arena_len;
	set->nrows = set->arena_len = 0;	/* the next series' rows are numbered from 0 */
	free(x->pts);
	free(x->folded_row);
	free(x->folded_into);
	x->pts = NULL;
	x->folded_row = x->folded_into = NULL;
	x->n = x->cap = x->nfolded = 0;
	x->done = true;
	return true;
}

long ind_series_stream(ind_series_set *set, const char *const *inputs, int ninputs,
		       const struct ind_series_reading *how, bool *grouped, ind_rejects *rejects, bool *failed)
{
	struct ind_line row = { 0 };
	struct ind_error err;
	struct ind_series *cur = NULL;
	size_t cur_i = 0;
	FILE *spill = how->done && !how->sorted ? tmpfile() : NULL;
	int fd = spill ? fileno(spill) : -1;
	off_t spilled = 0;
	bool streaming = how->done && (how->sorted || spill);
	long nread = 0;

	for (int k = 0; k < ninputs; k++) {
		bool *drop = NULL;
		ind_stream *st = open_input(set, inputs[k], how, rejects, &drop, failed);
		struct ind_stream_row r;
		int rc;

		if (!st)
			continue;
		while ((rc = ind_stream_next(st, &r, &err)) != IND_READ_EOF) {
			struct ind_series *x;
			if (rc == IND_READ_FATAL) {
				ind_error_print(&err);
				*failed = true;
				break;
			}
			nread++;
			if (rc == IND_READ_BAD) {
				ind_rejects_add(rejects, &err, r.row->raw, r.row->raw_len);
				continue;
			}
			if (!(x = find(set, r.region, r.region_len, r.indicator, r.indicator_len)))
				ind_die(IND_EXIT_DATA, "out of memory");
			if (cur)	/* find may have moved the series */
				cur = &set->series[cur_i];
			if (x != cur && how->sorted && (x->done || x->n)) {
				ind_warn_at(ind_stream_name(st), r.line,
					    "--sorted: a row of series '%s, %s' after those of another series", x->region,
					    x->indicator);
				exit(IND_EXIT_DATA);
			}
			if (streaming && x != cur &&
			    (x->done || (cur && !finish_series(set, cur, fd, &spilled, how)))) {
				/* not grouped (or no room to wait): from here on, every series is read whole */
				unspill(set, fd);
				streaming = false;
			}
			if (x != cur) {
				cur = x;
				cur_i = (size_t)(x - set->series);
			}
			if (how->keep_rows) {
				ind_line_reset(&row);
				for (size_t i = 0; i < r.row->nfields; i++)
					if (!drop[i])
						ind_line_field(&row, r.row->field[i], r.row->len[i]);
			}
			if (add_point(set, x, &r, how->keep_rows ? (row.buf ? row.buf : "") : NULL,
				      how->keep_rows ? row.len : 0, &err) < 0)
				ind_die(IND_EXIT_DATA, "%s", err.msg);
		}
		free(drop);
		ind_stream_close(st);
	}
	ind_line_free(&row);
	if (streaming && cur && !finish_series(set, cur, fd, &spilled, how)) {
		unspill(set, fd);
		streaming = false;
	}
	if (!streaming)
		ind_series_sort(set);
	if (spill)
		fclose(spill);
	*grouped = streaming;
	return nread;
}

bool ind_series_write_rows(const ind_series_set *set, struct ind_line *header, FILE *fp,
			   void (*extra)(struct ind_line *ln, size_t row, void *ctx), void *ctx)
{
	struct ind_line ln = { 0 };
	bool ok = header->len == 0 || ind_line_write(header, fp) == 0;

	for (size_t i = 0; ok && i < set->nrows; i++) {
		size_t len;
		const char *text = ind_series_row_text(set, i, &len);
		ind_line_reset(&ln);
		ind_line_plain(&ln, text, len);
		extra(&ln, i, ctx);
		ok = ind_line_write(&ln, fp) == 0;
	}
	ind_line_free(&ln);
	return ok;
}

const char *ind_series_column(const ind_series_set *set, size_t i) { return i < set->ncols ? set->cols[i] : NULL; }

bool ind_series_finish(const ind_series_set *set, long nread, ind_rejects *rejects, ind_output *out, bool ok)
{
	struct ind_error err;
	long nrej = ind_rejects_count(rejects);
	if (ind_rejects_close(rejects, &err) < 0) {
		ind_error_print(&err);
		ok = false;
	}
	if (ind_output_close(out, ok, &err) < 0) {
		ind_error_print(&err);
		ok = false;
	}
	ind_warn("%ld rows read, %zu series, %ld rejected", nread, set->nseries, nrej);
	return ok;
}
