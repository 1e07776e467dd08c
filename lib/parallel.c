/* parallel.c - a bounded ring of blocks, worker threads, in-order emission. See LICENSE. */
#include "parallel.h"

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
	struct ind_load_counts counts;
	struct ind_error err;
	bool failed;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t ready, done;
	struct job *jobs;
	size_t njobs;
	bool quit;
	const ind_loader *parent;
	const struct ind_block_ops *ops;
	void *ctx;
};

int ind_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

static void run_job(struct pool *p, struct job *j)
{
	ind_loader *block = ind_loader_open_block(p->parent, j->buf, j->len, j->first_line, &j->err);
	if (!block) {
		j->failed = true;
		return;
	}
	j->result = p->ops->work(p->ctx, block);
	j->counts = *ind_loader_counts(block);
	ind_loader_close(block);
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
		run_job(p, next);
		pthread_mutex_lock(&p->mu);
		next->state = JOB_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Blocks one after another on the calling thread: the same results, bounded memory. */
static int run_serial(ind_loader *l, size_t block_size, const struct ind_block_ops *ops, void *ctx,
		      struct ind_error *err)
{
	struct ind_load_counts *counts = (struct ind_load_counts *)ind_loader_counts(l);
	char *buf;
	size_t len;
	long first;
	int got;

	while ((got = ind_reader_take_block(ind_loader_reader_mut(l), block_size, &buf, &len, &first, err)) > 0) {
		ind_loader *block = ind_loader_open_block(l, buf, len, first, err);
		void *result;
		if (!block) {
			free(buf);
			return -1;
		}
		result = ops->work(ctx, block);
		ind_load_counts_add(counts, ind_loader_counts(block));
		ind_loader_close(block);
		free(buf);
		if (ops->emit(ctx, result) < 0)
			return ind_error_set(err, NULL, 0, "stopped");
	}
	return got;
}

int ind_loader_run(ind_loader *l, int threads, size_t block_size, const struct ind_block_ops *ops, void *ctx,
		   struct ind_error *err)
{
	struct pool p;
	pthread_t *tids;
	long next_read = 0, next_emit = 0;
	bool eof = false;
	int started = 0, rc = 0;
	struct ind_load_counts *counts = (struct ind_load_counts *)ind_loader_counts(l);

	if (ind_loader_pending(l)) {	/* a header-less input's first row, read with the header */
		void *result;
		ind_loader_pending_only(l, true);
		result = ops->work(ctx, l);
		ind_loader_pending_only(l, false);
		if (ops->emit(ctx, result) < 0)
			return ind_error_set(err, NULL, 0, "stopped");
	}
	if (threads <= 1)
		return run_serial(l, block_size, ops, ctx, err);

	memset(&p, 0, sizeof p);
	p.njobs = (size_t)threads * 2 + 2;	/* bounds memory: njobs blocks and results at most */
	p.jobs = calloc(p.njobs, sizeof *p.jobs);
	tids = calloc((size_t)threads, sizeof *tids);
	if (!p.jobs || !tids) {
		free(p.jobs);
		free(tids);
		return run_serial(l, block_size, ops, ctx, err);
	}
	p.parent = l;
	p.ops = ops;
	p.ctx = ctx;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.done, NULL);
	for (int i = 0; i < threads; i++)
		if (pthread_create(&tids[started], NULL, worker, &p) == 0)
			started++;
	if (started == 0) {
		free(p.jobs);
		free(tids);
		return run_serial(l, block_size, ops, ctx, err);
	}

	while (!eof || next_emit < next_read) {
		struct job *j;
		/* keep the ring full */
		while (!eof && next_read - next_emit < (long)p.njobs) {
			char *buf;
			size_t len;
			long first;
			int got = ind_reader_take_block(ind_loader_reader_mut(l), block_size, &buf, &len, &first, err);
			if (got < 0) {
				rc = -1;
				eof = true;
				break;
			}
			if (got == 0) {
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
		/* emit the oldest block when it is done */
		j = &p.jobs[next_emit % (long)p.njobs];
		pthread_mutex_lock(&p.mu);
		while (j->state != JOB_DONE)
			pthread_cond_wait(&p.done, &p.mu);
		pthread_mutex_unlock(&p.mu);
		free(j->buf);
		if (j->failed) {
			if (rc == 0)
				*err = j->err, rc = -1;
		} else {
			ind_load_counts_add(counts, &j->counts);
			if (ops->emit(ctx, j->result) < 0 && rc == 0) {
				rc = ind_error_set(err, NULL, 0, "stopped");
				eof = true;	/* drain what is in flight, read no more */
			}
		}
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
