/* rejects.c - rejects file and missing-value account. See LICENSE. */
#include "rejects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writer.h"

struct ind_rejects {
	ind_output *out, *log;
	struct ind_line line;
	long count;
	bool failed;
	char *header, *written;		/* the current input's header line, and the one written last */
	size_t header_len, written_len;
	bool has_header, wrote_any;
};

ind_rejects *ind_rejects_open(const char *path, const char *log_path, struct ind_error *err)
{
	ind_rejects *rj = calloc(1, sizeof *rj);
	if (!rj) {
		ind_error_set(err, path, 0, "out of memory");
		return NULL;
	}
	if (path && !(rj->out = ind_output_open(path, err))) {
		free(rj);
		return NULL;
	}
	if (log_path) {
		if (!(rj->log = ind_output_open(log_path, err))) {
			if (rj->out)
				ind_output_close(rj->out, false, NULL);
			free(rj);
			return NULL;
		}
		ind_line_str(&rj->line, "file");
		ind_line_str(&rj->line, "line");
		ind_line_str(&rj->line, "reason");
		if (ind_line_write(&rj->line, ind_output_file(rj->log)) < 0)
			rj->failed = true;
	}
	return rj;
}

int ind_rejects_header(ind_rejects *rj, const char *raw, size_t raw_len)
{
	char *h = NULL;
	if (raw && !(h = malloc(raw_len ? raw_len : 1)))
		return -1;
	if (raw_len)
		memcpy(h, raw, raw_len);
	free(rj->header);
	rj->header = h;
	rj->header_len = raw ? raw_len : 0;
	rj->has_header = raw != NULL;
	return 0;
}

/* Bytes as they are, then a line end if they have none. */
static bool write_record(FILE *fp, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, fp) != n)
		return false;
	return n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r') ? true : putc('\n', fp) != EOF;
}

int ind_rejects_add(ind_rejects *rj, const struct ind_error *why, const char *raw, size_t raw_len)
{
	char num[24];
	if (rj->count++ < IND_REJECTS_SHOWN)
		ind_error_print(why);
	else if (rj->count == IND_REJECTS_SHOWN + 1)
		ind_warn("further rejected rows not shown%s",
			 rj->log ? " (see the reject log)" : "; use --reject-log FILE");
	if (rj->out) {
		FILE *fp = ind_output_file(rj->out);
		bool same = rj->wrote_any && rj->has_header == (rj->written != NULL) && rj->header_len == rj->written_len &&
			    (!rj->header_len || memcmp(rj->header, rj->written, rj->header_len) == 0);
		if (!same) {	/* the header of the input these rows come from */
			free(rj->written);
			rj->written = NULL;
			rj->written_len = 0;
			if (rj->has_header) {
				if (!(rj->written = malloc(rj->header_len ? rj->header_len : 1)))
					rj->failed = true;
				else {
					memcpy(rj->written, rj->header, rj->header_len);
					rj->written_len = rj->header_len;
					if (!write_record(fp, rj->header, rj->header_len))
						rj->failed = true;
				}
			}
			rj->wrote_any = true;
		}
		if (!write_record(fp, raw ? raw : "", raw ? raw_len : 0))
			rj->failed = true;
	}
	if (rj->log) {
		ind_line_reset(&rj->line);
		ind_line_str(&rj->line, why->file);
		snprintf(num, sizeof num, "%ld", why->line);
		ind_line_str(&rj->line, num);
		ind_line_str(&rj->line, why->msg);
		if (ind_line_write(&rj->line, ind_output_file(rj->log)) < 0)
			rj->failed = true;
	}
	return rj->failed ? -1 : 0;
}

long ind_rejects_count(const ind_rejects *rj) { return rj->count; }

int ind_rejects_close(ind_rejects *rj, struct ind_error *err)
{
	int rc = 0;
	if (!rj)
		return 0;
	if (rj->out && ind_output_close(rj->out, !rj->failed, err) < 0)
		rc = -1;
	if (rj->log) {
		struct ind_error e2;
		if (ind_output_close(rj->log, !rj->failed, rc < 0 ? &e2 : err) < 0)
			rc = -1;
	}
	if (rj->failed && rc == 0)
		rc = ind_error_set(err, "rejects file", 0, "write error");
	ind_line_free(&rj->line);
	free(rj->header);
	free(rj->written);
	free(rj);
	return rc;
}

void ind_report_missing(const char *file, const long counts[IND_MISSING_NKINDS])
{
	char msg[512];
	size_t len = 0;
	for (int k = 0; k < IND_MISSING_NKINDS; k++)
		if (counts[k] && len < sizeof msg)
			len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%ld %s", len ? ", " : "", counts[k],
						ind_missing_name((enum ind_missing)k));
	if (len)
		ind_warn_at(file, 0, "missing values: %s", msg);
}

void ind_report_load(const char *file, const struct ind_load_counts *n, const char *gender)
{
	if (n->recoded_lines)
		ind_warn_at(file, 0, "%ld line(s) not valid UTF-8, read as Windows-1252", n->recoded_lines);
	if (n->unmapped_regions)
		ind_warn_at(file, 0, "%ld rows have a region not in --region-map; kept as it was", n->unmapped_regions);
	if (n->unmapped_indicators)
		ind_warn_at(file, 0, "%ld rows have an indicator not in --indicator-map; kept as it was",
			    n->unmapped_indicators);
	if (n->other_gender)
		ind_warn_at(file, 0, "%ld Sotkanet rows of another gender than '%s' left out (see --gender)",
			    n->other_gender, gender ? gender : "total");
	ind_report_missing(file, n->missing);
}

void ind_reject_list_add(struct ind_reject_list *l, const struct ind_error *why, const char *raw, size_t raw_len)
{
	struct ind_kept_reject *k;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		if (!(k = realloc(l->items, cap * sizeof *k)))
			ind_die(IND_EXIT_DATA, "out of memory");
		l->items = k;
		l->cap = cap;
	}
	k = &l->items[l->n++];
	k->why = *why;
	k->raw_len = raw ? raw_len : 0;
	if (!(k->raw = malloc(k->raw_len ? k->raw_len : 1)))
		ind_die(IND_EXIT_DATA, "out of memory");
	if (k->raw_len)
		memcpy(k->raw, raw, k->raw_len);
}

int ind_reject_list_flush(struct ind_reject_list *l, ind_rejects *rj)
{
	int rc = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (ind_rejects_add(rj, &l->items[i].why, l->items[i].raw, l->items[i].raw_len) < 0)
			rc = -1;
		free(l->items[i].raw);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
	return rc;
}
