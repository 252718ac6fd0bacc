/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_record.c — each measured item's record, handed to sim_opts.record as
 * the item leaves the books.  The engine knows nothing of files: the callback
 * writes.  An item's start (who, the service as it started) is kept in a side
 * array by item id, which exists only while records are on, so struct item
 * keeps its size.  A run without records pays no test on an item's path:
 * the start's hook shares its test with service_by_hour (klass.start_rare),
 * the end's sits in done_not_plain, where records send every class
 * (klass.plain_done); one test remains where an item is abandoned.
 */
#include <stdlib.h>

#include "sim_int.h"

int
sim_record_start(struct sim *m, uint32_t pid, uint32_t id)
{
	if (id >= m->rec_cap) {     /* as large as the items' array */
		struct sim_rec_side *side = realloc(m->rec_side,
		    (size_t)m->cap_items * sizeof *side);

		if (side == NULL)
			return sim_fail_nomem(m);
		m->rec_side = side;
		m->rec_cap = m->cap_items;
	}
	m->rec_side[id].start = m->now;
	m->rec_side[id].service = m->items[id].service;
	m->rec_side[id].person = pid;
	return 0;
}

/* A measured item's service ended. */
void
sim_record_served(struct sim *m, uint32_t id)
{
	const struct item *it = &m->items[id];
	const struct sim_rec_side *side = &m->rec_side[id];
	const struct person *p = &m->persons[side->person];
	const struct klass *kl = &m->kl[it->cls];
	int role = m->pools[p->pool].role;
	struct sim_record r;

	r.rep = m->rep;
	r.cls = it->cls;
	r.outcome = SIM_SERVED;
	r.role = role;
	/* A role's office pool comes first, its on-call pool right after
	 * (sim_setup.c): ids from the office pool's first are the role's. */
	r.person = side->person - m->pools[2 * role].first;
	r.arrived = it->arrival;
	/* A contact's service is scaled when the attempt that reaches the
	 * patient starts, and a call is never preempted: the item holds it.
	 * Any other's remaining service shrinks when preempted: the start's. */
	r.service = kl->contact ? it->service : side->service;
	r.wait = side->start - it->arrival;   /* as record_wait took it */
	m->rec(m->rec_ctx, &r);
}

/* A measured item's patient gave up at t. */
void
sim_record_abandoned(struct sim *m, uint32_t id, double t)
{
	const struct item *it = &m->items[id];
	struct sim_record r;

	r.rep = m->rep;
	r.cls = it->cls;
	r.outcome = SIM_ABANDONED;
	r.role = -1;
	r.person = 0;
	r.arrived = it->arrival;
	r.wait = t - it->arrival;
	r.service = -1.0;
	m->rec(m->rec_ctx, &r);
}
