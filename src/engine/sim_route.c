/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_route.c — care pathways: an item of a class with 'next', once done,
 * moves on to another class with the listed probabilities (doc/model.md,
 * "Care pathways").  Called from on_done (sim.c) only for such classes, so a
 * class without 'next' pays nothing.
 *
 * What moves on with the patient: the origin time, p_acute and the acute
 * truth; an open safety question (the patient was not yet reached); and
 * whether a call-back was already made (screened, or escalated at an earlier
 * step), so a patient is escalated at most once along a pathway.  The new item
 * is not a new acute patient (safety counts the patient once, at arrival) and
 * is not screened again.  It counts in its class's 'arrived', as an item of
 * the same measured span as the first.
 */
#include <gsl/gsl_rng.h>

#include "rng.h"
#include "sim_int.h"

/* The substream of an item's routing draw, and of the item it becomes: child
 * 3 of its key (1 is its call-back, 2 its follow-up), so the draw shifts no
 * other stream (common random numbers). */
#define ROUTE_CHILD 3

int
sim_route(struct sim *m, uint32_t id)
{
	const struct scn_class *k = &m->s->classes[m->items[id].cls];
	const struct scn_escalation *x = &m->s->esc;
	struct item *src = &m->items[id], *it;
	uint64_t key = rng_child_key(src->key, ROUTE_CHILD);
	struct rng_local g;
	double u, cum = 0.0;
	int i, to = -1, esc_now;
	uint32_t nid;

	rng_local_seed(&g, key);
	u = gsl_rng_uniform(rng_local_gen(&g));
	for (i = 0; i < k->nnext; i++) {
		cum += k->next_p[i];
		if (u < cum) {
			to = k->next_class[i];
			break;
		}
	}
	if (to < 0)
		return 1;       /* finished here: the caller reviews it as usual */
	/* This step's review still escalates (and the call-back takes the safety
	 * question); otherwise the question moves on with the patient, to be
	 * settled where the pathway ends. */
	esc_now = k->mode == SCN_ASYNC && x->enabled && !src->escalated &&
	    src->p_acute > x->threshold;
	if (esc_now && sim_escalate(m, id) != 0)
		return -1;
	if (item_create(m, to, m->items[id].origin, m->items[id].measured, key, &g,
	    &nid) != 0)
		return -1;
	src = &m->items[id];    /* creating may move the array */
	it = &m->items[nid];
	it->p_acute = src->p_acute;
	it->acute = src->acute;
	it->escalated = (uint8_t)(src->escalated || esc_now);
	it->safety_open = src->safety_open;
	src->safety_open = 0;
	item_from_origin(m, nid);
	return dispatch_new(m, nid);
}
