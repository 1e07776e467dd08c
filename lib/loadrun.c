/* loadrun.c - every input of ind-load through the loader, on threads, into one canonical stream. See LICENSE. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canon.h"
#include "err.h"
#include "json.h"
#include "loadrun.h"
#include "parallel.h"
#include "rejects.h"
#include "sumto.h"
#include "writer.h"

_Static_assert(IND_LOAD_REGION_MAX >= IND_REGION_NAME_MAX, "the loader's region buffer holds a region name");

/* o.region_of: a label to the region of the record's year (a week by its ISO year) */
const char *ind_load_region_of(void *ctx, const char *label, size_t n, const struct ind_period *p, char *buf,
			       const char **why)
{
	const struct ind_load_region *rc = ctx;
	if (p->kind == IND_PERIOD_NUMERIC)
		return *why = "a numeric period has no year to classify by", NULL;
	return ind_region_of_codes(rc->c, label, n, p->year, rc->level, rc->names, rc->bare, buf, why);
}

/* A code,name file (its first two columns) as a map; NULL when no file was given or it is bad (said: *bad). */
static ind_codemap *code_map(const char *path, bool years, bool *bad)
{
	ind_codemap *m;
	struct ind_error err;
	if (!path || *bad)
		return NULL;
	if (!(m = ind_codemap_read(path, NULL, NULL, NULL, &err))) {
		ind_error_print(&err);
		*bad = true;
		return NULL;
	}
	if (!years && ind_codemap_has_years(m)) {
		ind_warn_at(path, 1, "valid_from and valid_to: only --region-map maps by year");
		ind_codemap_free(m);
		*bad = true;
		return NULL;
	}
	return m;
}

int ind_load_maps(const char *region_path, const char *indicator_path, const char *meta_dir, ind_codemap **region_map,
		  ind_codemap **indicator_map)
{
	struct ind_error err;
	bool bad = false;
	*region_map = code_map(region_path, true, &bad);
	*indicator_map = code_map(indicator_path, false, &bad);
	if (!bad && meta_dir) {
		ind_strmap *rm = ind_strmap_new(), *im = ind_strmap_new();
		if (!rm || !im)
			ind_die(IND_EXIT_DATA, "out of memory");
		if (ind_sotkanet_meta_read(meta_dir, rm, im, NULL, 0, NULL, &err) < 0) {
			ind_error_print(&err);
			ind_strmap_free(rm);
			ind_strmap_free(im);
			bad = true;
		} else {
			if (ind_strmap_size(rm) == 0)
				ind_strmap_free(rm);
			else if (!(*region_map = ind_codemap_wrap(rm)))
				ind_die(IND_EXIT_DATA, "out of memory");
			if (ind_strmap_size(im) == 0)
				ind_strmap_free(im);
			else if (!(*indicator_map = ind_codemap_wrap(im)))
				ind_die(IND_EXIT_DATA, "out of memory");
		}
	}
	if (bad) {
		ind_codemap_free(*region_map);
		ind_codemap_free(*indicator_map);
		*region_map = *indicator_map = NULL;
		return -1;
	}
	return 0;
}

static void write_header(struct ind_line *ln, FILE *fp, unsigned cols)
{
	ind_line_reset(ln);
	ind_canon_header(ln, cols);
	ind_line_put(ln, fp);
}

/* What the blocks of all inputs write into, on the main thread. */
struct run {
	FILE *out;
	ind_rejects *rejects;
	unsigned cols;
	bool failed, write_failed;
	struct ind_trailer trailer;	/* this input's possible footnote lines so far */
	/* --sum-to: the cells so far; this input's number, name and columns */
	ind_sum *sum;
	bool sum_values;
	int file;
	const char *file_name;
	unsigned file_cols;
	enum ind_bare_codes bare;
	/* the progress line: this input's loader, the rows of the inputs before it */
	struct ind_progress *progress;
	ind_loader *loader;
	long rows_before;
	long long taken;
};

/* One block's output lines and rejects, made on a worker thread. */
struct block_result {
	struct ind_line text;
	ind_sum *sum;
	struct ind_reject_list rejects;
	struct ind_trailer held;
	bool fatal;
	struct ind_error fatal_err;
};

static void *work(void *ctx, ind_loader *l)
{
	const struct run *run = ctx;
	struct block_result *b = calloc(1, sizeof *b);
	struct ind_record rec;
	struct ind_reject rej;
	struct ind_error err;
	int rc;

	if (!b || (run->sum && !(b->sum = ind_sum_new())))
		ind_die(IND_EXIT_DATA, "out of memory");
	while ((rc = ind_loader_next(l, &rec, &rej, &err)) != IND_READ_EOF) {
		if (rc == IND_READ_ROW && b->sum) {
			int key = ind_region_label_key(rec.label, rec.label_len, run->bare);
			if (ind_sum_add(b->sum, &rec, key, run->file_cols, run->sum_values, run->file, run->file_name, &err) < 0) {
				b->fatal = true;
				b->fatal_err = err;
				break;
			}
		} else if (rc == IND_READ_ROW) {
			ind_canon_record(&b->text, run->cols, &rec);
		} else if (rc == IND_READ_BAD) {
			ind_reject_list_add(&b->rejects, &err, rej.raw, rej.raw_len);
		} else {
			b->fatal = true;
			b->fatal_err = err;
			break;
		}
	}
	ind_loader_take_held(l, &b->held);
	return b;
}

static int emit(void *ctx, void *result)
{
	struct run *run = ctx;
	struct block_result *b = result;
	int rc = 0;

	if (run->sum && run->failed) {	/* summing stopped at the first row that cannot be summed */
		rc = -1;
	} else if (!run->write_failed) {
		struct ind_reject_list released = { 0 };
		if (b->text.oom)
			ind_die(IND_EXIT_DATA, "out of memory");
		if (b->text.len > 0 && fwrite(b->text.buf, 1, b->text.len, run->out) != b->text.len)
			run->write_failed = true;
		if (b->sum && ind_sum_merge(run->sum, b->sum) < 0)
			ind_die(IND_EXIT_DATA, "out of memory");
		ind_trailer_join(&run->trailer, &b->held, &released);
		if (ind_reject_list_flush(&released, run->rejects) < 0 ||
		    ind_reject_list_flush(&b->rejects, run->rejects) < 0)
			run->write_failed = true;
		if (b->fatal) {
			ind_error_print(&b->fatal_err);
			run->failed = true;
		}
	}
	for (size_t i = 0; i < b->rejects.n; i++)	/* left over after a write error */
		free(b->rejects.items[i].raw);
	free(b->rejects.items);
	ind_trailer_free(&b->held);
	ind_line_free(&b->text);
	ind_sum_free(b->sum);
	free(b);
	if (run->write_failed || (run->sum && run->failed))
		rc = -1;
	return rc;
}

static void emitted(void *ctx, long long bytes)
{
	struct run *run = ctx;
	struct ind_progress *p = run->progress;
	run->taken = bytes;
	p->bytes = ind_progress_input_bytes(ind_loader_reader(run->loader), bytes);
	p->rows = run->rows_before + ind_loader_counts(run->loader)->rows_read;
	ind_progress_update(p);
}

static const struct ind_block_ops block_ops = { work, emit, NULL };
static const struct ind_block_ops block_ops_progress = { work, emit, emitted };

/* --sum-to: after the last input, the cells in the order of their first rows; -1 when a cell cannot be summed. */
static int write_sums(struct run *run, const char *const *names, long records)
{
	struct ind_line text = { 0 };
	struct ind_error err;
	size_t n = ind_sum_count(run->sum);
	long empty = 0;

	if (ind_sum_check(run->sum, names, &err) < 0) {
		ind_error_print(&err);
		return -1;
	}
	for (size_t i = 0; i < n && !run->write_failed; i++) {
		empty += ind_sum_line(run->sum, i, run->cols, &text);
		if (text.oom)
			ind_die(IND_EXIT_DATA, "out of memory");
		if ((text.len >= 65536 || i + 1 == n) && fwrite(text.buf, 1, text.len, run->out) != text.len)
			run->write_failed = true;
		if (text.len >= 65536)
			ind_line_reset(&text);
	}
	ind_line_free(&text);
	ind_warn("%ld records summed into %zu rows", records, n);
	if (empty)
		ind_warn("%ld summed rows with an empty value (a row's value, numerator or denominator missing, or no "
			 "scale shown)", empty);
	return 0;
}

int ind_load_files(const struct ind_load_job *job, const struct ind_load_opts *o)
{
	const char *const *inputs = job->inputs;
	int ninputs = job->ninputs, threads = job->threads;
	size_t block_size = job->block_size;
	bool strict = job->strict, verbose = job->verbose, failed = false, stdin_failed = false;
	char **input_names = NULL;	/* --sum-to: each input's name, for messages */
	ind_loader *held_stdin = NULL;
	ind_rejects *rejects;
	ind_output *out;
	struct ind_line ln = { 0 };
	struct ind_error err, stdin_err;
	struct ind_load_counts total = { 0 };
	struct run run = { 0 };
	long nrejected;
	long long total_bytes = 0;	/* -1 once an input has no size (a pipe) */
	unsigned cols = 0;

	/* The header is the union of what the inputs provide: read every header first. */
	for (int k = 0; k < ninputs; k++) {
		bool is_stdin = strcmp(inputs[k], "-") == 0;
		ind_loader *l = ind_loader_open(inputs[k], o, is_stdin ? &stdin_err : &err);
		long long size;
		if (!l) {
			stdin_failed = is_stdin;	/* reported in the main pass */
			continue;
		}
		cols |= ind_loader_columns(l);
		size = ind_reader_size(ind_loader_reader(l));
		total_bytes = size < 0 || total_bytes < 0 ? -1 : total_bytes + size;
		if (is_stdin)
			held_stdin = l;
		else
			ind_loader_close(l);
	}

	out = ind_output_open(job->output, &err);
	rejects = out ? ind_rejects_open(job->rejects_path, job->reject_log, &err) : NULL;
	if (!rejects) {
		ind_error_print(&err);
		ind_output_close(out, false, NULL);
		ind_loader_close(held_stdin);
		return IND_EXIT_DATA;
	}
	write_header(&ln, ind_output_file(out), cols);

	run.out = ind_output_file(out);
	run.rejects = rejects;
	run.cols = cols;
	run.sum_values = job->sum_values;
	run.progress = job->progress;
	if (run.progress) {
		run.progress->total = total_bytes;
		run.progress->bytes = 0;
	}
	if (job->sum && (!(run.sum = ind_sum_new()) || !(input_names = calloc((size_t)ninputs, sizeof *input_names))))
		ind_die(IND_EXIT_DATA, "out of memory");
	for (int k = 0; k < ninputs && !run.write_failed && !(run.sum && run.failed); k++) {
		bool is_stdin = strcmp(inputs[k], "-") == 0;
		ind_loader *l = is_stdin ? held_stdin : ind_loader_open(inputs[k], o, &err);
		const struct ind_load_counts *n;
		struct ind_load_counts shown;
		struct ind_reject_list released = { 0 };
		const char *name;
		char about[512];
		enum ind_bare_codes bare;

		if (!l && is_stdin && stdin_failed)
			err = stdin_err;
		if (!l) {
			ind_error_print(&err);
			failed = true;
			continue;
		}
		{
			size_t hl;
			const char *h = ind_loader_header_raw(l, &hl);
			if (rejects && ind_rejects_header(rejects, h, hl) < 0)
				ind_die(IND_EXIT_DATA, "out of memory");
		}
		bare = ind_region_bare_codes(ind_loader_region_column(l));
		if (job->region)
			job->region->bare = bare;
		if (run.sum) {
			if (!(input_names[k] = strdup(ind_reader_name(ind_loader_reader(l)))))
				ind_die(IND_EXIT_DATA, "out of memory");
			run.file = k;
			run.file_name = input_names[k];
			run.file_cols = ind_loader_columns(l);
			run.bare = bare;
		}
		run.loader = l;
		run.taken = 0;
		if (ind_loader_run(l, threads, block_size, run.progress ? &block_ops_progress : &block_ops, &run, &err) < 0 &&
		    !run.failed) {
			ind_error_print(&err);
			failed = true;
		}
		if (run.progress) {	/* this input whole: its size, or (a pipe) its blocks */
			long long size = ind_reader_size(ind_loader_reader(l));
			run.progress->bytes_done += size >= 0 ? size : run.taken;
			run.progress->bytes = 0;
			run.rows_before += ind_loader_counts(l)->rows_read;
			run.progress->rows = run.rows_before;
		}
		ind_trailer_settle(&run.trailer, &released);
		if (ind_reject_list_flush(&released, rejects) < 0)
			run.write_failed = true;
		n = ind_loader_counts(l);
		name = ind_reader_name(ind_loader_reader(l));
		ind_warn_at(name, 0, "%s", ind_loader_describe(l, about, sizeof about));
		for (size_t i = 0; verbose && i < run.trailer.n; i++)
			ind_warn_at(name, run.trailer.items[i].why.line, "footnote: '%.*s'",
				    (int)run.trailer.items[i].text_len, run.trailer.items[i].text);
		if (run.trailer.n)
			ind_warn_at(name, 0, "%zu footnote line%s skipped", run.trailer.n, run.trailer.n == 1 ? "" : "s");
		shown = *n;
		shown.recoded_lines = 0;	/* the line above says it */
		ind_report_load(name, &shown, o->gender);
		total.rows_read += n->rows_read - (long)run.trailer.n;
		ind_trailer_free(&run.trailer);
		total.records += n->records;
		total.filtered += n->filtered;
		ind_loader_close(l);
	}

	if (run.progress)
		ind_progress_end(run.progress);
	failed |= run.failed;
	if (run.sum && !failed && !run.write_failed)
		failed = write_sums(&run, (const char *const *)input_names, total.records) < 0;
	if (run.sum)
		total.records = failed ? 0 : (long)ind_sum_count(run.sum);
	if (run.write_failed)	/* said, with the output's name, when it is closed */
		failed = true;
	nrejected = ind_rejects_count(rejects);
	if (ind_rejects_close(rejects, &err) < 0) {
		ind_error_print(&err);
		failed = true;
	}
	if (strict && nrejected > 0)
		failed = true;
	int closed = ind_output_close(out, !failed, &err);	/* 0: all written; 1: a file discarded */
	if (closed < 0) {
		ind_error_print(&err);
		failed = true;
	}
	if (closed != 0)	/* a write error, or the file not made: nothing counts as written */
		total.records = 0;
	if (total.filtered)
		ind_warn("%ld rows or cells left out by --regions, --indicators, --from, --to or --where",
			 total.filtered);
	ind_warn("%ld rows read, %ld written, %ld rejected", total.rows_read, total.records, nrejected);
	ind_line_free(&ln);
	ind_sum_free(run.sum);
	for (int k = 0; input_names && k < ninputs; k++)
		free(input_names[k]);
	free(input_names);
	return failed ? IND_EXIT_DATA : IND_EXIT_OK;
}

/* One answer through the loader, as ind-load reads a file; false on a fatal error. */
static bool load_one(const char *path, const struct ind_load_opts *o, unsigned cols, struct ind_line *ln,
		     FILE *out, ind_rejects *rj, long *records, long *filtered, bool *write_failed)
{
	struct ind_error err;
	struct ind_record rec;
	struct ind_reject rej;
	struct ind_trailer held = { 0 }, trailer = { 0 };
	struct ind_reject_list released = { 0 };
	ind_loader *l = ind_loader_open(path, o, &err);
	bool ok = true;
	int rc;
	char about[512];
	size_t hl;
	const char *h;

	if (!l) {
		ind_error_print(&err);
		return false;
	}
	h = ind_loader_header_raw(l, &hl);
	if (ind_rejects_header(rj, h, hl) < 0)
		ind_die(IND_EXIT_DATA, "out of memory");
	while ((rc = ind_loader_next(l, &rec, &rej, &err)) != IND_READ_EOF) {
		if (rc == IND_READ_ROW) {
			ind_canon_record(ln, cols, &rec);
			(*records)++;
			if (ln->len >= 65536) {
				if (ln->oom)
					ind_die(IND_EXIT_DATA, "out of memory");
				if (fwrite(ln->buf, 1, ln->len, out) != ln->len)
					*write_failed = true;
				ind_line_reset(ln);
			}
		} else if (rc == IND_READ_BAD) {
			if (ind_rejects_add(rj, &err, rej.raw, rej.raw_len) < 0)
				*write_failed = true;
		} else {
			ind_error_print(&err);
			ok = false;
			break;
		}
	}
	ind_loader_take_held(l, &held);
	ind_trailer_join(&trailer, &held, &released);
	ind_trailer_settle(&trailer, &released);
	if (ind_reject_list_flush(&released, rj) < 0)
		*write_failed = true;
	ind_warn_at(path, 0, "%s", ind_loader_describe(l, about, sizeof about));
	if (trailer.n)
		ind_warn_at(path, 0, "%zu footnote line%s skipped", trailer.n, trailer.n == 1 ? "" : "s");
	{
		struct ind_load_counts shown = *ind_loader_counts(l);
		*filtered += shown.filtered;
		shown.recoded_lines = 0;
		ind_report_load(path, &shown, o->gender);
	}
	ind_trailer_free(&trailer);
	ind_trailer_free(&held);
	ind_loader_close(l);
	return ok;
}

int ind_load_answers(const char *const *paths, size_t n, const struct ind_load_opts *o, const char *output, bool strict,
		     long *records, long *nrejected)
{
	struct ind_error err;
	struct ind_line ln = { 0 };
	ind_output *out;
	ind_rejects *rj;
	bool failed = false, write_failed = false;
	long filtered = 0;
	unsigned cols = 0;
	int closed;

	*records = 0;
	for (size_t i = 0; i < n; i++) {
		ind_loader *l = ind_loader_open(paths[i], o, &err);
		if (!l) {
			ind_error_print(&err);
			return -1;
		}
		cols |= ind_loader_columns(l);
		ind_loader_close(l);
	}
	out = ind_output_open(output, &err);
	rj = out ? ind_rejects_open(NULL, NULL, &err) : NULL;
	if (!rj) {
		ind_error_print(&err);
		ind_output_close(out, false, NULL);
		return -1;
	}
	ind_canon_header(&ln, cols);
	ind_line_newline(&ln);
	for (size_t i = 0; i < n && !failed && !write_failed; i++)
		if (!load_one(paths[i], o, cols, &ln, ind_output_file(out), rj, records, &filtered, &write_failed))
			failed = true;
	if (ln.oom)
		ind_die(IND_EXIT_DATA, "out of memory");
	if (!failed && ln.len && fwrite(ln.buf, 1, ln.len, ind_output_file(out)) != ln.len)
		write_failed = true;
	ind_line_free(&ln);
	*nrejected = ind_rejects_count(rj);
	if (ind_rejects_close(rj, &err) < 0) {
		ind_error_print(&err);
		failed = true;
	}
	if (strict && *nrejected > 0)
		failed = true;
	failed |= write_failed;
	closed = ind_output_close(out, !failed, &err);
	if (closed < 0) {
		ind_error_print(&err);
		failed = true;
	}
	if (closed != 0)
		*records = 0;
	if (filtered)
		ind_warn("%ld rows left out by --regions", filtered);
	return failed ? IND_EXIT_DATA : IND_EXIT_OK;
}
