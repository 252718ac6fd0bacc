/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_dispatch.c — the engine's queues and dispatch: a class's waiting items
 * (a ring where the order is first come, first served; a heap for sync
 * classes ordered by risk) and their backlog accounting, a new item's
 * queueing, an idle person's pick of the next item,
 * and preemption of async work for a sync item.  The common cases of each are
 * inline in sim_int.h; this file holds the rest.
 */
#include <math.h>
#include <stdlib.h>

#include "sim_int.h"

/* ---- queues and backlog ------------------------------------------------------ */

static inline int
qent_before(const struct qent *x, const struct qent *y)
{
	return x->prio < y->prio || (x->prio == y->prio && x->seq < y->seq);
}

/* Grow the ring to twice its size, unwrapping it. */
int
sim_ring_grow(struct sim *m, struct queue *q)
{
	uint32_t cap = q->cap ? q->cap * 2 : 64, i;
	uint32_t *r = malloc((size_t)cap * sizeof *r);

	if (r == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < q->n; i++)
		r[i] = q->ring[(q->head + i) & (q->cap - 1)];
	free(q->ring);
	q->ring = r;
	q->head = 0;
	q->cap = cap;
	return 0;
}

/* Insert e into the binary heap of q. */
int
sim_heap_push(struct sim *m, struct queue *q, struct qent e)
{
	uint32_t i, p;

	if (q->n == q->cap) {
		uint32_t cap = q->cap ? q->cap * 2 : 64;
		struct qent *h = realloc(q->h, (size_t)cap * sizeof *h);

		if (h == NULL)
			return sim_fail_nomem(m);
		q->h = h;
		q->cap = cap;
	}
	for (i = q->n++; i > 0; i = p) {
		p = (i - 1) / 2;
		if (!qent_before(&e, &q->h[p]))
			break;
		q->h[i] = q->h[p];
	}
	q->h[i] = e;
	return 0;
}

/* Item id leaves class c's queue other than by being popped (deferred, or its
 * patient gave up); its heap entry stays behind and goes stale. */
void
sim_queue_forget(struct sim *m, int c, uint32_t id)
{
	backlog_account(m, c, m->now);
	m->queues[c].len--;
	m->items[id].queued = 0;
}

/* Remove the top entry of the heap (live or not). */
struct qent
sim_heap_pop(struct queue *q)
{
	struct qent top = q->h[0], last;
	uint32_t i = 0, c, n = --q->n;

	last = q->h[n];
	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && qent_before(&q->h[c + 1], &q->h[c]))
			c++;
		if (!qent_before(&q->h[c], &last))
			break;
		q->h[i] = q->h[c];
		i = c;
	}
	if (n > 0)
		q->h[i] = last;
	return top;
}

/* ---- people ------------------------------------------------------------------- */

/* The live head of class c's queue, or -1: stale entries in front of it
 * (patients who gave up, leftovers of items moved on) are dropped first, as
 * queue_pop would drop them, so that queue_pop then returns this head. */
static int64_t
queue_peek(struct sim *m, int c)
{
	struct queue *q = &m->queues[c];

	while (q->n > 0) {
		struct qent e;
		uint32_t id;

		if (q->kind != Q_HEAP) {
			id = q->ring[q->head];
			if (m->items[id].queued)
				return id;
			q->head = (q->head + 1) & (q->cap - 1);
			q->n--;
			item_free(m, id);
			continue;
		}
		e = q->h[0];
		if (e.seq == m->items[e.item].seq && m->items[e.item].queued)
			return e.item;
		sim_heap_pop(q);
		if (e.seq == m->items[e.item].seq)
			item_free(m, e.item);   /* gave up while queued */
	}
	return -1;
}

/* The class whose item a person of pool pl takes next, or -1 if none waits.
 * priority: the first in serves with someone waiting.  fcfs: sync before
 * async (3.3), then the class whose head joined the line first.  Each class
 * keeps its own order (a risk-ordered heap stays so), and its head is the
 * item it would give up next: comparing heads, one per class, picks the
 * longest-waiting of those without a scan of the queues. */
static int
next_class(struct sim *m, const struct pool *pl)
{
	int i, best = -1, best_sync = 0;
	int64_t best_seq = 0;

	for (i = 0; i < pl->nserves; i++) {
		int c = pl->serves[i], sync;
		int64_t id;

		if (m->queues[c].len == 0)
			continue;
		if (!pl->fcfs)
			return c;
		sync = m->s->classes[c].mode == SCN_SYNC;
		if (best >= 0 && sync < best_sync)
			continue;
		if ((id = queue_peek(m, c)) < 0)
			continue;
		if (best < 0 || sync > best_sync || m->items[id].seq < best_seq) {
			best = c;
			best_sync = sync;
			best_seq = m->items[id].seq;
		}
	}
	return best;
}

/* An idle, on-duty person looks for work (next_class says where).  With
 * call-backs held back (capacity = dynamic), freeing up may let them in.
 * The general case of person_pick. */
int
sim_person_pick_all(struct sim *m, uint32_t pid)
{
	struct person *p = &m->persons[pid];
	struct pool *pl = &m->pools[p->pool];
	int c, to = m->s->esc.to_class;

	for (;;) {
		while ((c = next_class(m, pl)) >= 0) {
			int64_t id = queue_pop(m, c);

			if (id < 0)
				break;  /* never: len counts live items; no loop if it did */
			if (start_work(m, pid, (uint32_t)id) != 0)
				return -1;
			return c == to && m->deferred.n > 0 ? sim_readmit(m) : 0;
		}
		if (m->deferred.n == 0 || m->rank[p->pool][to] < 0)
			break;
		if (sim_readmit(m) != 0)
			return -1;
		if (m->queues[to].len == 0)
			break;
	}
	idle_push(m, pid);
	return 0;
}

/* Interrupt async work in hand for sync item of class c (preempt = yes).  The
 * victim is the busy person doing the lowest-priority async work, the latest
 * started among equals; under fcfs every async class ranks alike, so the
 * latest started.  Returns 1 if someone was freed for the queue. */
static int
preempt_for(struct sim *m, int c)
{
	int i;

	for (i = 0; i < m->nclass_pools[c]; i++) {
		int pi = m->class_pools[c][i];
		struct pool *pl = &m->pools[pi];
		int32_t best = -1, best_rank = -1;
		uint32_t j;

		if (!pl->preempt)
			continue;
		for (j = pl->first; j < pl->first + pl->count; j++) {
			struct person *p = &m->persons[j];
			int r;

			if (!p->on_duty || p->leaving || p->item < 0)
				continue;
			if (m->s->classes[m->items[p->item].cls].mode != SCN_ASYNC)
				continue;
			r = pl->fcfs ? 0 : m->rank[pi][m->items[p->item].cls];
			if (r > best_rank || (r == best_rank &&
			    p->busy_since > m->persons[best].busy_since)) {
				best = (int32_t)j;
				best_rank = r;
			}
		}
		if (best >= 0) {
			struct person *p = &m->persons[best];
			uint32_t id = (uint32_t)p->item;

			m->items[id].service = p->done_at - m->now;
			account_busy(m, p);
			p->done_at = -1.0;      /* its EV_DONE is now stale */
			p->item = -1;
			if (queue_push(m, m->items[id].cls, id, 1) != 0)
				return -1;
			if (person_pick(m, (uint32_t)best) != 0)
				return -1;
			return 1;
		}
	}
	return 0;
}

/* No one idle for a new item: it queues.  capacity = dynamic: when the
 * call-back queue cannot meet its target, a new call-back is admitted only
 * ahead of lower-risk ones; the lowest-risk one is held back (deferred, not
 * lost) until the queue can meet its target again. */
int
sim_dispatch_queue(struct sim *m, uint32_t id)
{
	int c = m->items[id].cls;
	const struct scn_class *k = &m->s->classes[c];

	if (m->items[id].callback && m->s->esc.capacity == SCN_DYNAMIC &&
	    !sim_queue_can_meet(m, c, 1)) {
		int64_t low = sim_lowest_risk(m, c);

		if (low < 0 || m->items[low].p_acute >= m->items[id].p_acute) {
			if (sim_defer_item(m, id) != 0)
				return -1;
			return sim_arm_patience(m, id);
		}
		sim_queue_forget(m, c, (uint32_t)low);
		if (sim_defer_item(m, (uint32_t)low) != 0)
			return -1;
	}
	if (queue_push(m, c, id, 0) != 0)
		return -1;
	if (k->mode == SCN_SYNC) {
		if (sim_arm_patience(m, id) != 0)
			return -1;
		if (preempt_for(m, c) < 0)
			return -1;
	}
	return 0;
}
