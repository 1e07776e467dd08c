/* parallel.h - one input, parsed in blocks on several threads, results in input order. See LICENSE. */
#ifndef IND_PARALLEL_H
#define IND_PARALLEL_H

#include <stddef.h>

#include "err.h"
#include "load.h"
#include "reader.h"

/*
 * The input is cut into blocks of whole records (ind_reader_take_block).
 * work runs on a worker thread for one block and returns that block's
 * result (its own allocation); emit runs on the calling thread, once per
 * block, strictly in input order, and frees the result. A negative emit
 * stops the run. work may touch nothing shared but ctx's read-only parts.
 * emitted, when not NULL, runs on the calling thread after each emit with
 * the bytes of the blocks emitted so far (for the progress line).
 * Memory is a few blocks and results per thread, whatever the input size.
 */
struct ind_block_fns {
	void *(*work)(void *ctx, const char *buf, size_t len, long first_line);
	int (*emit)(void *ctx, void *result);
	void (*emitted)(void *ctx, long long bytes);
};

#define IND_BLOCK_SIZE_DEFAULT ((size_t)1 << 20)
#define IND_BLOCK_SIZE_MAX (1L << 30)	/* --block-size: a block is held in memory */
#define IND_MAX_THREADS 256		/* --threads */

/* Threads worth using on this machine (online CPUs, at most 8). */
int ind_default_threads(void);

/* The rest of r's input through fns; with threads <= 1 on the calling thread. 0, or -1 with err. */
int ind_blocks_run(ind_reader *r, int threads, size_t block_size, const struct ind_block_fns *fns, void *ctx,
		   struct ind_error *err);

/* The same for a loader: work sees a loader over each block (see ind_loader_open_block). */
struct ind_block_ops {
	void *(*work)(void *ctx, ind_loader *block);
	int (*emit)(void *ctx, void *result);
	void (*emitted)(void *ctx, long long bytes);	/* as in ind_block_fns; NULL for none */
};

/*
 * Run the rest of l's input through ops. A pending row (header-less input)
 * goes first, as a result of its own. Block counts are added to l's counts.
 * Returns 0, or -1 with err (a read error, or emit's stop).
 */
int ind_loader_run(ind_loader *l, int threads, size_t block_size, const struct ind_block_ops *ops, void *ctx,
		   struct ind_error *err);

#endif
