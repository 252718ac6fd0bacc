/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * run.c — hand out replications to threads; reduce in replication order.
 */
#include "run.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct run_ctx {
	const struct scn *s;
	const struct run_opts *o;
	struct sim_rep **reps;
	struct cq_err *errs;      /* one per replication: the first by index wins */
	int *failed;
	int next, done, ok;       /* handed out, finished, finished without error */
	pthread_mutex_t mu;
};

/* Worker: take the next replication number until none are left. */
static void *
worker(void *arg)
{
	struct run_ctx *x = arg;
	struct sim_opts so;

	memset(&so, 0, sizeof so);
	so.staff = x->o->staff;
	so.stop = x->o->stop;
	for (;;) {
		int i;

		pthread_mutex_lock(&x->mu);
		i = x->next < x->s->replications ? x->next++ : -1;
		pthread_mutex_unlock(&x->mu);
		if (i < 0 || (x->o->stop != NULL && *x->o->stop))
			break;
		if (sim_run(x->s, &so, i, x->reps[i], &x->errs[i]) != 0)
			x->failed[i] = 1;
		pthread_mutex_lock(&x->mu);
		x->done++;
		x->ok += !x->failed[i];
		if (x->o->progress != NULL)
			x->o->progress(x->o->progress_arg, x->done, x->s->replications);
		pthread_mutex_unlock(&x->mu);
	}
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
	x.s = s;
	x.o = o;
	x.reps = calloc((size_t)n, sizeof *x.reps);
	x.errs = calloc((size_t)n, sizeof *x.errs);
	x.failed = calloc((size_t)n, sizeof *x.failed);
	th = calloc((size_t)jobs, sizeof *th);
	if (x.reps == NULL || x.errs == NULL || x.failed == NULL || th == NULL)
		goto nomem;
	for (i = 0; i < n; i++)
		if ((x.reps[i] = sim_rep_new(s)) == NULL)
			goto nomem;
	pthread_mutex_init(&x.mu, NULL);
	if (jobs == 1) {
		worker(&x);
	} else {
		for (i = 0; i < jobs; i++) {
			if (pthread_create(&th[i], NULL, worker, &x) != 0)
				break;
			started++;
		}
		if (started == 0)
			worker(&x);     /* no thread could start: do the work here */
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
	for (i = 0; i < n; i++)
		if (x.failed[i]) {
			*err = x.errs[i];
			goto done;
		}
	m = meas_build(s, x.reps, n, err);
	goto done;
nomem:
	cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory preparing %d replications", n);
done:
	if (x.reps != NULL)
		for (i = 0; i < n; i++)
			sim_rep_free(x.reps[i]);
	free(x.reps);
	free(x.errs);
	free(x.failed);
	free(th);
	return m;
}
