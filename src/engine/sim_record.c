/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_record.c — each measured item's record, handed to sim_opts.record as
 * the item leaves the books.  The engine knows nothing of files: the callback
 * writes.  What a record needs of the item's start is kept in the item itself,
 * in two draws spent by then (struct item: rec_start, rec_service), so no
 * memory is added.  A run without records pays no test on an item's path:
 * the start's stores share their test with service_by_hour
 * (klass.start_rare), and records send every class through done_not_plain
 * (klass.plain_done), where the end's test sits; one test remains where a
 * patient gives up.
 */
#include "sim_int.h"

/* A measured item's service ended; person pid served it (the last part of
 * it, when it was interrupted; a contact: the attempt that reached the
 * patient and the conversation). */
void
sim_record_served(struct sim *m, uint32_t id, uint32_t pid)
{
	const struct item *it = &m->items[id];
	const struct klass *kl = &m->kl[it->cls];
	int role = m->pools[m->persons[pid].pool].role;
	struct sim_record r;

	r.rep = m->rep;
	r.cls = it->cls;
	r.outcome = SIM_SERVED;
	r.role = role;
	/* A role's office pool comes first, its on-call pool right after
	 * (sim_setup.c): ids from the office pool's first are the role's. */
	r.person = pid - m->pools[2 * role].first;
	r.arrived = it->arrival;
	/* A contact's service is scaled when the attempt that reaches the
	 * patient starts, and a call is never preempted: the item holds it.
	 * Any other's remaining service shrinks when preempted: the start's. */
	r.service = kl->contact ? it->service : it->rec_service;
	r.wait = it->rec_start - it->arrival;   /* as record_wait took it */
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
