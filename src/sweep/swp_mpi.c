/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * swp_mpi.c — sweep points over MPI ranks: rank 0 coordinates (and computes),
 * workers compute and send results with non-blocking sends.
 */
#include "config.h"

#include "swp_mpi.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_MPI
#include <mpi.h>

enum { TAG_WORK = 1, TAG_HDR = 2, TAG_BODY = 3 };
#define DEPTH 2                  /* points a worker holds: one running, one next */
#define STOP_IDX (-1)

static int mpi_on;

int
swp_mpi_init(int *argc, char ***argv, int *rank, int *size, struct cq_err *err)
{
	int provided;

	*rank = 0;
	*size = 1;
	/* Only under a launcher: a plain run stays a plain process. */
	if (getenv("OMPI_COMM_WORLD_SIZE") == NULL && getenv("PMIX_RANK") == NULL &&
	    getenv("PMI_RANK") == NULL && getenv("PMI_SIZE") == NULL)
		return 0;
	if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot initialise MPI");
	mpi_on = 1;
	MPI_Comm_rank(MPI_COMM_WORLD, rank);
	MPI_Comm_size(MPI_COMM_WORLD, size);
	return 0;
}

void
swp_mpi_finalize(void)
{
	if (mpi_on)
		MPI_Finalize();
	mpi_on = 0;
}

int
swp_mpi_any(int flag)
{
	int any = flag != 0;

	if (mpi_on)
		MPI_Allreduce(MPI_IN_PLACE, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
	return any;
}

/* A worker: compute the points rank 0 sends until it sends STOP_IDX. */
static int
worker(struct swp *w, int jobs, volatile const int *stop)
{
	MPI_Request wreq, sreq[2] = { MPI_REQUEST_NULL, MPI_REQUEST_NULL };
	int queue[DEPTH + 1], nq = 0, stopped = 0, incoming, flag, p;
	int64_t hdr[3], prev_hdr[3];
	char *body = NULL, *prev = NULL;
	struct swp_result r;
	struct cq_err e;
	size_t len;

	MPI_Irecv(&incoming, 1, MPI_INT, 0, TAG_WORK, MPI_COMM_WORLD, &wreq);
	for (;;) {
		/* Take what rank 0 has sent; wait only when there is nothing to do. */
		while (!stopped) {
			if (nq == 0)
				MPI_Wait(&wreq, MPI_STATUS_IGNORE);
			else if (MPI_Test(&wreq, &flag, MPI_STATUS_IGNORE), !flag)
				break;
			if (incoming == STOP_IDX) {
				stopped = 1;
			} else {
				queue[nq++] = incoming;
				MPI_Irecv(&incoming, 1, MPI_INT, 0, TAG_WORK, MPI_COMM_WORLD, &wreq);
			}
		}
		if (nq == 0)
			break;
		p = queue[0];
		memmove(queue, queue + 1, (size_t)--nq * sizeof queue[0]);
		memset(&e, 0, sizeof e);
		if (swp_compute(w, p, jobs, stop, &r, &e) == 0) {
			body = swp_result_pack(&r, w->s->nclasses, &len);
			swp_result_clear(&r);
			if (body == NULL)
				cq_err_set(&e, CQ_EXIT_FAIL, "", 0, "out of memory");
		}
		if (body == NULL) {
			/* An error travels as its message, with status = the exit code. */
			char msg[CQ_ERR_MSG + 300];

			if (e.line > 0)
				snprintf(msg, sizeof msg, "%s:%d: %s", e.file, e.line, e.msg);
			else if (e.file[0] != '\0')
				snprintf(msg, sizeof msg, "%s: %s", e.file, e.msg);
			else
				snprintf(msg, sizeof msg, "%s", e.msg);
			body = strdup(msg);
			len = body ? strlen(body) + 1 : 0;
			hdr[2] = e.code ? e.code : CQ_EXIT_FAIL;
		} else {
			hdr[2] = 0;
		}
		/* The previous result has had a whole point's time to go. */
		MPI_Waitall(2, sreq, MPI_STATUSES_IGNORE);
		free(prev);
		prev = body;
		body = NULL;
		hdr[0] = p;
		hdr[1] = (int64_t)len;
		memcpy(prev_hdr, hdr, sizeof hdr);
		MPI_Isend(prev_hdr, 3, MPI_INT64_T, 0, TAG_HDR, MPI_COMM_WORLD, &sreq[0]);
		MPI_Isend(prev, (int)len, MPI_CHAR, 0, TAG_BODY, MPI_COMM_WORLD, &sreq[1]);
	}
	MPI_Waitall(2, sreq, MPI_STATUSES_IGNORE);
	free(prev);
	return 0;
}

struct coord {
	struct swp *w;
	const int *todo;
	int ntodo, next, failed, jobs;
	volatile const int *stop;
	swp_done_fn done;
	void *arg;
	struct cq_err *err;       /* the first failure's */
	int nw;
	MPI_Request *hreq;        /* header receives, one per worker */
	int64_t (*hdr)[3];
	MPI_Request *sreq;        /* index sends: DEPTH + 1 slots per worker */
	int *sbuf;
	int *slot, *outstanding, *stopped;
};

/* Send an index (or STOP_IDX) to worker w without blocking. */
static void
give(struct coord *c, int w, int idx)
{
	int k = w * (DEPTH + 1) + c->slot[w];

	c->slot[w] = (c->slot[w] + 1) % (DEPTH + 1);
	MPI_Wait(&c->sreq[k], MPI_STATUS_IGNORE);   /* long complete: a tiny message */
	c->sbuf[k] = idx;
	MPI_Isend(&c->sbuf[k], 1, MPI_INT, w + 1, TAG_WORK, MPI_COMM_WORLD, &c->sreq[k]);
	if (idx == STOP_IDX)
		c->stopped[w] = 1;
	else
		c->outstanding[w]++;
}

/* The first failure is the one reported. */
static void
fail(struct coord *c, const struct cq_err *e)
{
	if (!c->failed)
		*c->err = *e;
	c->failed = 1;
}

/* More points may be handed out. */
static int
more(const struct coord *c)
{
	return c->next < c->ntodo && !c->failed && !(c->stop != NULL && *c->stop);
}

/* The coordinator's state; the receives posted before any work is handed
 * out, DEPTH points to each worker, and STOP to those left without any.
 * Returns 0, -1 when memory ran out (MPI_Abort releases the workers). */
static int
coord_begin(struct coord *c, int size)
{
	int i, k;

	c->nw = size - 1;
	c->hreq = calloc((size_t)c->nw, sizeof *c->hreq);
	c->hdr = calloc((size_t)c->nw, sizeof *c->hdr);
	c->sreq = calloc((size_t)c->nw * (DEPTH + 1), sizeof *c->sreq);
	c->sbuf = calloc((size_t)c->nw * (DEPTH + 1), sizeof *c->sbuf);
	c->slot = calloc((size_t)c->nw, sizeof *c->slot);
	c->outstanding = calloc((size_t)c->nw, sizeof *c->outstanding);
	c->stopped = calloc((size_t)c->nw, sizeof *c->stopped);
	if (c->hreq == NULL || c->hdr == NULL || c->sreq == NULL || c->sbuf == NULL ||
	    c->slot == NULL || c->outstanding == NULL || c->stopped == NULL) {
		/* Cannot even coordinate: the workers are released by MPI_Abort. */
		MPI_Abort(MPI_COMM_WORLD, CQ_EXIT_FAIL);
		return -1;
	}
	for (i = 0; i < c->nw * (DEPTH + 1); i++)
		c->sreq[i] = MPI_REQUEST_NULL;
	/* Receives first, before any work is handed out or done. */
	for (i = 0; i < c->nw; i++)
		MPI_Irecv(c->hdr[i], 3, MPI_INT64_T, i + 1, TAG_HDR, MPI_COMM_WORLD, &c->hreq[i]);
	for (k = 0; k < DEPTH; k++)
		for (i = 0; i < c->nw; i++)
			if (c->next < c->ntodo)
				give(c, i, c->todo[c->next++]);
	for (i = 0; i < c->nw; i++)
		if (c->outstanding[i] == 0) {
			give(c, i, STOP_IDX);
			MPI_Cancel(&c->hreq[i]);
			MPI_Wait(&c->hreq[i], MPI_STATUS_IGNORE);
			c->hreq[i] = MPI_REQUEST_NULL;
		}
	return 0;
}

/* Nothing has come in: rank 0 computes the next point itself. */
static void
compute_here(struct coord *c)
{
	struct swp_result r;
	struct cq_err e;
	int p = c->todo[c->next++];

	memset(&e, 0, sizeof e);
	if (swp_compute(c->w, p, c->jobs, c->stop, &r, &e) != 0) {
		fail(c, &e);
		return;
	}
	c->w->res[p] = r;
	if (c->done != NULL && c->done(c->arg, p, &e) != 0)
		fail(c, &e);
}

/* A header from worker k: its body follows; then its next point or STOP. */
static void
take_result(struct coord *c, int k)
{
	struct swp *w = c->w;
	struct swp_result r;
	struct cq_err e;
	int p = (int)c->hdr[k][0], status = (int)c->hdr[k][2], len = (int)c->hdr[k][1];
	char *buf = malloc(len > 0 ? (size_t)len : 1), none;

	MPI_Recv(buf ? buf : &none, buf ? len : 0, MPI_CHAR, k + 1, TAG_BODY,
	    MPI_COMM_WORLD, MPI_STATUS_IGNORE);
	c->outstanding[k]--;
	memset(&e, 0, sizeof e);
	if (buf == NULL) {
		cq_err_set(&e, CQ_EXIT_FAIL, "", 0, "out of memory");
	} else if (status != 0) {
		cq_err_set(&e, status, "", 0, "rank %d: %.*s", k + 1, len, buf);
	} else if (p < 0 || p >= w->npoints) {
		cq_err_set(&e, CQ_EXIT_FAIL, "", 0, "rank %d sent point %d", k + 1, p + 1);
	} else if (swp_result_unpack(buf, (size_t)len, w->s->nclasses, &r, &e) == 0) {
		swp_result_clear(&w->res[p]);
		w->res[p] = r;
		if (c->done != NULL)
			c->done(c->arg, p, &e);
	}
	free(buf);
	if (e.code != 0)
		fail(c, &e);
	if (more(c))
		give(c, k, c->todo[c->next++]);
	else if (!c->stopped[k])
		give(c, k, STOP_IDX);
	if (c->outstanding[k] > 0)
		MPI_Irecv(c->hdr[k], 3, MPI_INT64_T, k + 1, TAG_HDR, MPI_COMM_WORLD,
		    &c->hreq[k]);
}

static void
coord_end(struct coord *c)
{
	int i;

	for (i = 0; i < c->nw; i++)
		if (!c->stopped[i])
			give(c, i, STOP_IDX);
	MPI_Waitall(c->nw * (DEPTH + 1), c->sreq, MPI_STATUSES_IGNORE);
	free(c->hreq);
	free(c->hdr);
	free(c->sreq);
	free(c->sbuf);
	free(c->slot);
	free(c->outstanding);
	free(c->stopped);
}

static int
coordinator(struct swp *w, int size, const int *todo, int ntodo, int jobs,
    volatile const int *stop, swp_done_fn done, void *arg, struct cq_err *err)
{
	struct coord c;
	MPI_Status st;
	int i, k, left, mo;

	memset(&c, 0, sizeof c);
	c.w = w;
	c.todo = todo;
	c.ntodo = ntodo;
	c.jobs = jobs;
	c.stop = stop;
	c.done = done;
	c.arg = arg;
	c.err = err;
	if (coord_begin(&c, size) != 0)
		return -1;
	for (;;) {
		for (left = 0, i = 0; i < c.nw; i++)
			left += c.outstanding[i];
		mo = more(&c);
		if (left == 0 && !mo)
			break;
		k = MPI_UNDEFINED;
		if (left > 0) {
			int flag = 0;

			if (mo)
				MPI_Testany(c.nw, c.hreq, &k, &flag, &st);
			else
				MPI_Waitany(c.nw, c.hreq, &k, &st);
			if (mo && !flag)
				k = MPI_UNDEFINED;
		}
		if (k == MPI_UNDEFINED)
			compute_here(&c);
		else
			take_result(&c, k);
	}
	coord_end(&c);
	if (c.failed)
		return -1;
	if (stop != NULL && *stop)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted");
	return 0;
}

int
swp_mpi_run(struct swp *w, int rank, int size, const int *todo, int ntodo,
    int jobs, volatile const int *stop, swp_done_fn done, void *arg,
    struct cq_err *err)
{
	if (rank != 0)
		return worker(w, jobs, stop);
	return coordinator(w, size, todo, ntodo, jobs, stop, done, arg, err);
}

#else /* !HAVE_MPI */

int
swp_mpi_init(int *argc, char ***argv, int *rank, int *size, struct cq_err *err)
{
	(void)argc;
	(void)argv;
	(void)err;
	*rank = 0;
	*size = 1;
	return 0;
}

void
swp_mpi_finalize(void)
{
}

int
swp_mpi_any(int flag)
{
	return flag != 0;
}

int
swp_mpi_run(struct swp *w, int rank, int size, const int *todo, int ntodo,
    int jobs, volatile const int *stop, swp_done_fn done, void *arg,
    struct cq_err *err)
{
	(void)rank;
	(void)size;
	return swp_run_threads(w, todo, ntodo, jobs, stop, done, arg, err);
}

#endif
