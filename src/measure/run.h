/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run.h — replications of a scenario over worker threads.
 *
 * Replication i always uses streams (seed, i, source), and results are reduced in
 * replication order, so the measures are identical whatever the thread count.
 */
#ifndef CQ_RUN_H
#define CQ_RUN_H

#include "meas.h"
#include "scenario/scn.h"
#include "engine/sim.h"

/* Called (from worker threads, serialised) after each finished replication. */
typedef void (*run_progress_fn)(void *arg, int done, int total);

struct run_opts {
	const int *staff;         /* NULL: the roster as written */
	int jobs;                 /* worker threads, >= 1 */
	run_progress_fn progress; /* may be NULL */
	void *progress_arg;
	volatile const int *stop; /* set non-zero (by a signal) to stop early */
	/* Records (sim_opts.record) of the first replication played, or with
	 * record_all of every one, each from the thread that plays it; NULL:
	 * none.  record_end (may be NULL) follows each replication recorded
	 * that played to its end, from the same thread. */
	sim_record_fn record;
	void (*record_end)(void *ctx, int rep);
	void *record_ctx;
	int record_all;
	int first;                /* the number of the first replication played (0):
	                           * replications first .. first + s->replications - 1,
	                           * the same runs as in a longer run (meas_join) */
};

/* A seed for another purpose (the optimizer's confirmation), derived from
 * seed and the purpose's name as the engine derives its streams: independent
 * of every stream of seed, the same on every run; below 2^53, so that a JSON
 * reader keeps it exact. */
uint64_t run_derived_seed(uint64_t seed, const char *purpose);

/* Simulate s->replications replications; returns measures (caller frees with
 * meas_free) or NULL with err. */
struct meas *run_replications(const struct scn *s, const struct run_opts *o,
    struct cq_err *err);

#endif
