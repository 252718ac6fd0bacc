/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_contact.c — what happens to a patient beyond plain service: escalation
 * of an async item into a call-back (which takes over its safety question),
 * admission of call-backs under capacity = dynamic (held back, readmitted),
 * and patience (a sync item's patient giving up).  On the hot path, in
 * sim_int.h: a contact attempt (start_work), a safety question reached or
 * closed (safety_reach, resolve); the attempt's end is on_done (sim.c).
 */
#include <math.h>

#include "rng.h"

#include "sim_int.h"

/* Persons on duty (not leaving) who serve class c. */
static uint32_t
on_duty_for(const struct sim *m, int c)
{
	uint32_t n = 0;
	int i;

	for (i = 0; i < m->nclass_pools[c]; i++)
		n += m->pools[m->class_pools[c][i]].on_duty;
	return n;
}

/* Would an item joining class c's queue behind `len + extra - 1` others start
 * within the class target?  A fluid estimate: work ahead over people on duty. */
int
sim_queue_can_meet(const struct sim *m, int c, int extra)
{
	const struct scn_class *k = &m->s->classes[c];
	const struct klass *kl = &m->kl[c];
	double handle = kl->handle_mean;
	uint32_t n;

	if (!k->has_target)
		return 1;
	n = on_duty_for(m, c);
	if (n == 0)
		return 0;
	/* service_by_hour: the work ahead starts about now, so its service takes
	 * this hour's factor (attempts are not scaled). */
	if (kl->svc_w != NULL)
		handle += kl->handle_svc * (kl->svc_w[hour_of_week(m, m->now)] - 1.0);
	return (m->queues[c].len + extra - 1) * handle / n <= k->target_within;
}

/* Hold a call-back back (capacity = dynamic), counted once per item. */
int
sim_defer_item(struct sim *m, uint32_t id)
{
	struct item *it = &m->items[id];
	struct qent e;

	e.prio = -it->p_acute;
	e.seq = m->seq++;
	e.item = id;
	it->seq = e.seq;
	it->deferred = 1;
	if (!it->was_deferred && it->measured)
		m->out->safety.deferred++;
	it->was_deferred = 1;
	return sim_heap_push(m, &m->deferred, e);
}

/* The queued call-back of class c with the lowest risk (latest among equals). */
int64_t
sim_lowest_risk(const struct sim *m, int c)
{
	const struct queue *q = &m->queues[c];
	int64_t best = -1;
	uint32_t i;

	for (i = 0; i < q->n; i++) {
		const struct qent *e = &q->h[i];
		const struct item *it = &m->items[e->item];

		if (e->seq != it->seq || !it->queued || !it->callback)
			continue;
		if (best < 0 || it->p_acute < m->items[best].p_acute ||
		    (it->p_acute == m->items[best].p_acute && it->seq > m->items[best].seq))
			best = e->item;
	}
	return best;
}

/* Let held-back call-backs in, highest risk first, while the queue can meet its
 * target. */
int
sim_readmit(struct sim *m)
{
	int c = m->s->esc.to_class;

	while (m->deferred.n > 0 && sim_queue_can_meet(m, c, 1)) {
		struct qent e = sim_heap_pop(&m->deferred);
		struct item *it = &m->items[e.item];

		if (e.seq != it->seq)
			continue;
		if (!it->deferred) {    /* gave up while held back */
			item_free(m, e.item);
			continue;
		}
		it->deferred = 0;
		if (dispatch_new(m, e.item) != 0)
			return -1;
	}
	return 0;
}

int
sim_arm_patience(struct sim *m, uint32_t id)
{
	struct item *it = &m->items[id];

	if (it->started || it->patience_set || !isfinite(it->patience))
		return 0;
	it->patience_set = 1;
	return push(m, it->arrival + it->patience, EV_PATIENCE, id);
}

/* Escalate an async item: a call-back of to_class for the same patient.  Items
 * are addressed by index: creating one may move the array. */
int
sim_escalate(struct sim *m, uint32_t src_id)
{
	const struct scn_escalation *e = &m->s->esc;
	struct item *src, *cb;
	uint32_t id;

	src = &m->items[src_id];
	if (item_create(m, e->to_class, src->origin, src->measured,
	    rng_child_key(src->key, 1), NULL, &id) != 0)
		return -1;
	src = &m->items[src_id];
	cb = &m->items[id];
	/* The call-back is about the same patient: same risk, same truth. */
	cb->p_acute = src->p_acute;
	cb->acute = src->acute;
	cb->callback = 1;
	/* The safety question moves to the call-back. */
	cb->safety_open = src->safety_open;
	src->safety_open = 0;
	if (src->measured && !src->escalated)
		m->out->safety.escalated++;
	item_from_origin(m, id);
	return dispatch_new(m, id);
}

int
sim_on_patience(struct sim *m, uint32_t id, double t)
{
	struct item *it = &m->items[id];

	if (!it->live || it->started || !(it->queued || it->deferred) ||
	    t != it->arrival + it->patience)
		return 0;
	/* The patient gives up: the entry stays in its heap and is freed when popped. */
	if (it->queued)
		sim_queue_forget(m, it->cls, id);
	it->deferred = 0;
	if (it->measured) {
		m->out->cls[it->cls].abandoned++;
		if (m->rec != NULL)
			sim_record_abandoned(m, id, t);
	}
	sim_miss(m, it, MISS_ABANDONED);
	resolve(m, it);
	return 0;
}
