/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run.c — hand out replications to threads; reduce in replication order.
 *
 * Each thread plays its replications in one reusable result buffer and keeps
 * only a summary of each (struct meas_rep, no histograms) and a pooled
 * histogram per class, so memory does not grow with the number of
 * replications beyond those summaries.
 *
 * The first failure stops the run: no more replications are handed out, and
 * those in flight with a higher number are halted (their result could not
 * change the error reported).  Lower-numbered ones play on, so the error is
 * always that of the lowest failing replication, whatever the thread count.
 */
#include "run.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rng.h"

struct run_ctx;

struct run_worker {
	struct run_ctx *x;
	int cur;                  /* the replication it plays, -1: none */
	volatile int halt;        /* a lower-numbered replication failed */
};

struct run_ctx {
	const struct scn *s;
	const struct run_opts *o;
	struct meas_rep *sums;    /* one per replication, in replication order */
	struct meas_pooled *pool; /* per class: the threads' pools added up */
	struct cq_err err;        /* the failure of the lowest replication index */
	int failed;               /* that index + 1; 0: none failed */
	int next, done, ok;       /* handed out, finished, finished without error */
	struct run_worker *w;
	int nw;
	pthread_mutex_t mu;
};

/* Play replication i (its records on when asked); 0, or -1 with e. */
static int
play(struct run_ctx *x, struct sim_opts *so, int i, struct sim_rep *rep,
    struct cq_err *e)
{
	const struct run_opts *o = x->o;

	so->record = i == 0 || o->record_all ? o->record : NULL;
	so->record_ctx = o->record_ctx;
	if (sim_run(x->s, so, o->first + i, rep, e) != 0)
		return -1;
	if (so->record != NULL && o->record_end != NULL)
		o->record_end(o->record_ctx, o->first + i);
	return 0;
}

/* Worker: take the next replication number until none are left. */
static void *
worker(void *arg)
{
	struct run_worker *self = arg;
	struct run_ctx *x = self->x;
	const struct scn *s = x->s;
	struct sim_opts so;
	struct sim_rep *rep = sim_rep_new(s);
	struct meas_pooled *pool = calloc((size_t)s->nclasses + 1, sizeof *pool);
	int k;

	memset(&so, 0, sizeof so);
	so.staff = x->o->staff;
	so.stop = x->o->stop;
	so.halt = &self->halt;
	for (;;) {
		int i, bad = 0;
		struct cq_err e;

		pthread_mutex_lock(&x->mu);
		i = x->next < s->replications && x->failed == 0 ? x->next++ : -1;
		self->cur = i;
		pthread_mutex_unlock(&x->mu);
		if (i < 0 || (x->o->stop != NULL && *x->o->stop))
			break;
		memset(&e, 0, sizeof e);
		if (rep == NULL || pool == NULL) {
			cq_err_set(&e, CQ_EXIT_FAIL, "", 0, "out of memory for a replication");
			bad = 1;
		} else {
			sim_rep_reset(rep);
			if (play(x, &so, i, rep, &e) != 0)
				bad = 1;
			else if (meas_take(&x->sums[i], s, rep) != 0) {
				cq_err_set(&e, CQ_EXIT_FAIL, "", 0, "out of memory "
				    "summarising replication %d", i + 1);
				bad = 1;
			} else
				meas_pool(s, rep, pool);
		}
		pthread_mutex_lock(&x->mu);
		self->cur = -1;
		/* Halted: a lower index failed, and its error is the one kept. */
		if (bad && !self->halt && (x->failed == 0 || i + 1 < x->failed)) {
			x->failed = i + 1;
			x->err = e;
			for (k = 0; k < x->nw; k++)
				if (x->w[k].cur > i)
					x->w[k].halt = 1;
		}
		x->done++;
		x->ok += !bad;
		if (x->o->progress != NULL)
			x->o->progress(x->o->progress_arg, x->done, s->replications);
		pthread_mutex_unlock(&x->mu);
		if (self->halt)
			break;
	}
	/* Integers: the total does not depend on which thread ran what. */
	if (pool != NULL) {
		pthread_mutex_lock(&x->mu);
		meas_pool_add(s, x->pool, pool);
		pthread_mutex_unlock(&x->mu);
	}
	free(pool);
	sim_rep_free(rep);
	return NULL;
}

struct meas *
run_replications(const struct scn *s, const struct run_opts *o,
    struct cq_err *err)
{
	struct run_ctx x;
	struct meas *m = NULL;
	pthread_t *th = NULL;
	int n = s->replications, jobs = o->jobs < 1 ? 1 : o->jobs, i, started = 0;

	memset(&x, 0, sizeof x);
	if (jobs > n)
		jobs = n;
	if (sim_check_limits(s, jobs, err) != 0)
		return NULL;
	x.s = s;
	x.o = o;
	x.sums = calloc((size_t)n, sizeof *x.sums);
	x.pool = calloc((size_t)s->nclasses + 1, sizeof *x.pool);
	th = calloc((size_t)jobs, sizeof *th);
	x.w = calloc((size_t)jobs, sizeof *x.w);
	if (x.sums == NULL || x.pool == NULL || th == NULL || x.w == NULL)
		goto nomem;
	x.nw = jobs;
	for (i = 0; i < jobs; i++) {
		x.w[i].x = &x;
		x.w[i].cur = -1;
	}
	pthread_mutex_init(&x.mu, NULL);
	if (jobs == 1) {
		worker(&x.w[0]);
	} else {
		for (i = 0; i < jobs; i++) {
			if (pthread_create(&th[i], NULL, worker, &x.w[i]) != 0)
				break;
			started++;
		}
		if (started == 0)
			worker(&x.w[0]);     /* no thread could start: do the work here */
		for (i = 0; i < started; i++)
			pthread_join(th[i], NULL);
	}
	pthread_mutex_destroy(&x.mu);
	/* A stop wins over the "interrupted" errors it caused in the workers. */
	if (o->stop != NULL && *o->stop) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted after %d of %d "
		    "replications; nothing was kept: no output file was written", x.ok, n);
		goto done;
	}
	if (x.failed) {
		*err = x.err;
		goto done;
	}
	m = meas_build(s, x.sums, n, x.pool, o->staff, err);
	if (m != NULL) {
		/* The measures keep the summaries and the pool (meas_join). */
		m->reps = x.sums;
		m->pool = x.pool;
		m->first = o->first;
		x.sums = NULL;
		x.pool = NULL;
	}
	goto done;
nomem:
	cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory preparing %d replications", n);
done:
	if (x.sums != NULL)
		for (i = 0; i < n; i++)
			meas_rep_free(&x.sums[i]);
	free(x.sums);
	free(x.pool);
	free(x.w);
	free(th);
	return m;
}

uint64_t
run_derived_seed(uint64_t seed, const char *purpose)
{
	return rng_source_key(seed, 0, "optimize", purpose) & ((UINT64_C(1) << 53) - 1);
}
