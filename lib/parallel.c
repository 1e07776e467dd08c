/* parallel.c - a bounded ring of blocks, worker threads, in-order emission. See LICENSE. */
#include "parallel.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum job_state { JOB_FREE, JOB_READY, JOB_RUNNING, JOB_DONE };

struct job {
	enum job_state state;
	long seq;
	char *buf;
	size_t len;
	long first_line;
	void *result;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t ready, done;
	struct job *jobs;
	size_t njobs;
	bool quit;
	const struct ind_block_fns *fns;
	void *ctx;
};

int ind_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct job *next = NULL;
		for (size_t i = 0; i < p->njobs; i++)
			if (p->jobs[i].state == JOB_READY && (!next || p->jobs[i].seq < next->seq))
				next = &p->jobs[i];
		if (!next) {
			if (p->quit)
				break;
			pthread_cond_wait(&p->ready, &p->mu);
			continue;
		}
		next->state = JOB_RUNNING;
		pthread_mutex_unlock(&p->mu);
		next->result = p->fns->work(p->ctx, next->buf, next->len, next->first_line);
		pthread_mutex_lock(&p->mu);
		next->state = JOB_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Blocks one after another on the calling thread: the same results. */
static int run_serial(ind_reader *r, size_t block_size, const struct ind_block_fns *fns, void *ctx,
		      struct ind_error *err)
{
	char *buf;
	size_t len;
	long first;
	long long emitted = 0;
	int got;

	while ((got = ind_reader_take_block(r, block_size, &buf, &len, &first, err)) > 0) {
		void *result = fns->work(ctx, buf, len, first);
		free(buf);
		if (fns->emit(ctx, result) < 0)
			return ind_error_set(err, NULL, 0, "stopped");
		emitted += (long long)len;
		if (fns->emitted)
			fns->emitted(ctx, emitted);
	}
	return got;
}

/*
 * Every block and every block's output is an allocation of about the block
 * size, freed when it is written. glibc would hand each back to the kernel
 * and fault the pages in again for the next (two page faults per 4 KiB of
 * input, a tenth of ind-load's time): keep freed blocks for reuse. Peak
 * memory is unchanged; it only stops being returned between blocks.
 */
static void keep_freed_blocks(size_t block_size)
{
#ifdef __GLIBC__
	size_t keep = block_size * 4 < (size_t)32 << 20 ? block_size * 4 : (size_t)32 << 20;
	mallopt(M_MMAP_THRESHOLD, (int)keep);
	mallopt(M_TRIM_THRESHOLD, (int)(keep * 16 < (size_t)1 << 30 ? keep * 16 : (size_t)1 << 30));
#else
	(void)block_size;
#endif
}

int ind_blocks_run(ind_reader *r, int threads, size_t block_size, const struct ind_block_fns *fns, void *ctx,
		   struct ind_error *err)
{
	struct pool p;
	pthread_t *tids;
	long next_read = 0, next_emit = 0;
	long long emitted = 0;
	bool eof = false, stopped = false;
	int started = 0, rc = 0;

	keep_freed_blocks(block_size);
	if (threads <= 1)
		return run_serial(r, block_size, fns, ctx, err);
	memset(&p, 0, sizeof p);
	p.njobs = (size_t)threads * 2 + 2;	/* bounds memory: njobs blocks and results at most */
	p.jobs = calloc(p.njobs, sizeof *p.jobs);
	tids = calloc((size_t)threads, sizeof *tids);
	p.fns = fns;
	p.ctx = ctx;
	if (!p.jobs || !tids) {
		free(p.jobs);
		free(tids);
		return run_serial(r, block_size, fns, ctx, err);
	}
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.done, NULL);
	for (int i = 0; i < threads; i++)
		if (pthread_create(&tids[started], NULL, worker, &p) == 0)
			started++;
	if (started == 0) {
		free(p.jobs);
		free(tids);
		return run_serial(r, block_size, fns, ctx, err);
	}

	for (;;) {
		struct job *j;
		while (!eof && next_read - next_emit < (long)p.njobs) {	/* keep the ring full */
			char *buf;
			size_t len;
			long first;
			int got = ind_reader_take_block(r, block_size, &buf, &len, &first, err);
			if (got <= 0) {
				rc = got;
				eof = true;
				break;
			}
			pthread_mutex_lock(&p.mu);
			j = &p.jobs[next_read % (long)p.njobs];
			memset(j, 0, sizeof *j);
			j->seq = next_read++;
			j->buf = buf;
			j->len = len;
			j->first_line = first;
			j->state = JOB_READY;
			pthread_cond_signal(&p.ready);
			pthread_mutex_unlock(&p.mu);
		}
		if (next_emit == next_read)
			break;
		j = &p.jobs[next_emit % (long)p.njobs];	/* the oldest block, when it is done */
		pthread_mutex_lock(&p.mu);
		while (j->state != JOB_DONE)
			pthread_cond_wait(&p.done, &p.mu);
		pthread_mutex_unlock(&p.mu);
		free(j->buf);
		if (fns->emit(ctx, j->result) < 0 && !stopped) {
			stopped = true;
			eof = true;	/* drain what is in flight, read no more */
			if (rc == 0)
				rc = ind_error_set(err, NULL, 0, "stopped");
		}
		emitted += (long long)j->len;
		if (fns->emitted && !stopped)
			fns->emitted(ctx, emitted);
		pthread_mutex_lock(&p.mu);
		j->state = JOB_FREE;
		pthread_mutex_unlock(&p.mu);
		next_emit++;
	}

	pthread_mutex_lock(&p.mu);
	p.quit = true;
	pthread_cond_broadcast(&p.ready);
	pthread_mutex_unlock(&p.mu);
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.ready);
	pthread_cond_destroy(&p.done);
	free(p.jobs);
	free(tids);
	return rc;
}

/* ---- loaders over blocks ------------------------------------------------ */

struct loader_run {
	ind_loader *parent;
	const struct ind_block_ops *ops;
	void *ctx;
};

struct loader_result {
	void *result;
	struct ind_load_counts counts;
	bool failed;
	struct ind_error err;
};

static void *loader_work(void *ctx, const char *buf, size_t len, long first_line)
{
	struct loader_run *lr = ctx;
	struct loader_result *res = calloc(1, sizeof *res);
	ind_loader *block;
	if (!res)
		return NULL;
	block = ind_loader_open_block(lr->parent, buf, len, first_line, &res->err);
	if (!block) {
		res->failed = true;
		return res;
	}
	res->result = lr->ops->work(lr->ctx, block);
	res->counts = *ind_loader_counts(block);
	ind_loader_close(block);
	return res;
}

static void loader_emitted(void *ctx, long long bytes)
{
	struct loader_run *lr = ctx;
	lr->ops->emitted(lr->ctx, bytes);
}

static int loader_emit(void *ctx, void *result)
{
	struct loader_run *lr = ctx;
	struct loader_result *res = result;
	int rc;
	if (!res || res->failed) {
		free(res);
		return -1;
	}
	ind_load_counts_add((struct ind_load_counts *)ind_loader_counts(lr->parent), &res->counts);
	rc = lr->ops->emit(lr->ctx, res->result);
	free(res);
	return rc;
}

int ind_loader_run(ind_loader *l, int threads, size_t block_size, const struct ind_block_ops *ops, void *ctx,
		   struct ind_error *err)
{
	static const struct ind_block_fns fns = { loader_work, loader_emit, NULL };
	static const struct ind_block_fns fns_progress = { loader_work, loader_emit, loader_emitted };
	struct loader_run lr = { l, ops, ctx };

	if (ind_loader_pending(l)) {	/* a header-less input's first row, read with the header */
		void *result;
		ind_loader_pending_only(l, true);
		result = ops->work(ctx, l);
		ind_loader_pending_only(l, false);
		if (ops->emit(ctx, result) < 0)
			return ind_error_set(err, NULL, 0, "stopped");
	}
	return ind_blocks_run(ind_loader_reader_mut(l), threads, block_size, ops->emitted ? &fns_progress : &fns, &lr,
			      err);
}
