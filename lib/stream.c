/* stream.c - canonical stream rows with parsed periods and numbers. See LICENSE. */
#include "stream.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"

struct ind_stream {
	ind_reader *reader;
	struct ind_header h;
	int c_region, c_indicator, c_period, c_value, c_num, c_den, c_se;
	struct ind_row row;
};

int ind_stream_column(const ind_stream *s, const char *name)
{
	for (size_t i = 0; i < s->h.ncols; i++)
		if (strcmp(s->h.name[i], name) == 0)
			return (int)i;
	return -1;
}

ind_stream *ind_stream_open(const char *path, struct ind_error *err)
{
	struct ind_reader_opts o;
	ind_stream *s = calloc(1, sizeof *s);
	int rc;

	if (!s) {
		ind_error_set(err, path, 0, "out of memory");
		return NULL;
	}
	ind_reader_opts_init(&o);
	o.delimiter = ',';
	o.decimal = '.';
	o.skip = 0;
	if (!(s->reader = ind_reader_open(path, &o, err)))
		goto fail;
	rc = ind_reader_next(s->reader, &s->row, err);
	if (rc == IND_READ_EOF) {
		ind_error_set(err, ind_reader_name(s->reader), 0, "empty input: no header row");
		goto fail;
	}
	if (rc < 0 || !ind_header_init(&s->h, &s->row, false)) {
		if (rc >= 0)
			ind_error_set(err, ind_reader_name(s->reader), 0, "out of memory");
		goto fail;
	}
	s->c_region = ind_stream_column(s, "region");
	s->c_indicator = ind_stream_column(s, "indicator");
	s->c_period = ind_stream_column(s, "period");
	s->c_value = ind_stream_column(s, "value");
	s->c_num = ind_stream_column(s, "numerator");
	s->c_den = ind_stream_column(s, "denominator");
	s->c_se = -1;
	if (s->c_region < 0 || s->c_indicator < 0 || s->c_period < 0 || s->c_value < 0) {
		ind_error_set(err, ind_reader_name(s->reader), 1,
			      "not a canonical stream: the header needs region, indicator, period and value "
			      "(ind-load makes one from other layouts)");
		goto fail;
	}
	return s;
fail:
	ind_stream_close(s);
	return NULL;
}

const struct ind_header *ind_stream_header(const ind_stream *s) { return &s->h; }

bool ind_stream_se_column(ind_stream *s, const char *name)
{
	s->c_se = ind_stream_column(s, name);
	return s->c_se >= 0;
}
const char *ind_stream_name(const ind_stream *s) { return ind_reader_name(s->reader); }

void ind_stream_close(ind_stream *s)
{
	if (!s)
		return;
	ind_reader_close(s->reader);
	ind_header_free(&s->h);
	free(s);
}

/* An optional number cell: true with *has set; false (err filled) when it is not a number. */
static bool number(ind_stream *s, int col, const char *what, double *v, bool *has, struct ind_error *err)
{
	struct ind_num n;
	*has = false;
	if (col < 0)
		return true;
	switch (ind_num_parse(s->row.field[col], s->row.len[col], '.', IND_DASH_MISSING, &n)) {
	case IND_NUM_OK:
		*v = n.value;
		*has = true;
		return true;
	case IND_NUM_MISSING:
		return true;
	case IND_NUM_BAD:
	default:
		ind_error_set(err, ind_reader_name(s->reader), s->row.line, "%s: %s: '%.*s'", what, n.why,
			      (int)(s->row.len[col] < 40 ? s->row.len[col] : 40), s->row.field[col]);
		return false;
	}
}

int ind_stream_next(ind_stream *s, struct ind_stream_row *out, struct ind_error *err)
{
	const char *why;
	int rc = ind_reader_next(s->reader, &s->row, err);

	out->row = &s->row;	/* a rejected record still has its line and text */
	if (rc != IND_READ_ROW)
		return rc;
	out->line = s->row.line;
	if (s->row.nfields != s->h.ncols)
		return ind_error_set(err, ind_reader_name(s->reader), s->row.line,
				     "row has %zu fields where the header has %zu", s->row.nfields, s->h.ncols),
		       IND_READ_BAD;
	out->region = s->row.field[s->c_region];
	out->region_len = s->row.len[s->c_region];
	out->indicator = s->row.field[s->c_indicator];
	out->indicator_len = s->row.len[s->c_indicator];
	if (out->region_len == 0 || out->indicator_len == 0)
		return ind_error_set(err, ind_reader_name(s->reader), s->row.line, "empty %s",
				     out->region_len == 0 ? "region" : "indicator"),
		       IND_READ_BAD;
	if (!ind_period_parse(s->row.field[s->c_period], s->row.len[s->c_period], &out->period, &why))
		return ind_error_set(err, ind_reader_name(s->reader), s->row.line, "period: %s", why), IND_READ_BAD;
	if (!number(s, s->c_value, "value", &out->value, &out->has_value, err) ||
	    !number(s, s->c_num, "numerator", &out->numerator, &out->has_numerator, err) ||
	    !number(s, s->c_den, "denominator", &out->denominator, &out->has_denominator, err) ||
	    !number(s, s->c_se, s->c_se >= 0 ? s->h.name[s->c_se] : "se", &out->se, &out->has_se, err))
		return IND_READ_BAD;
	return IND_READ_ROW;
}
