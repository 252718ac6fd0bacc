/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_warn.c — what a scenario says that the model will not do: valid, but
 * most likely not what the planner meant.  `check` prints these on stderr and
 * `run` and `optimize` list them with their other warnings.
 */
#include <stdio.h>
#include <string.h>

#include "scn.h"

/* preempt = yes interrupts async work for a sync class; a role that serves no
 * sync class has nothing to preempt for. */
static int
warn_preempt(const struct scn *s, scn_warn_fn emit, void *ctx)
{
	char msg[512];
	int r, i, rc, sync;

	for (r = 0; r < s->nroles; r++) {
		const struct scn_role *ro = &s->roles[r];

		if (!ro->preempt)
			continue;
		for (sync = 0, i = 0; i < ro->nserves; i++)
			sync |= s->classes[ro->serves[i]].mode == SCN_SYNC;
		if (sync)
			continue;
		snprintf(msg, sizeof msg, "[role %s] preempt = yes has no effect: %s serves "
		    "no sync class (preemption interrupts async work for a sync one); "
		    "set preempt = no or add a sync class to its serves", ro->name, ro->name);
		if ((rc = emit(ctx, ro->line, msg)) != 0)
			return rc;
	}
	return 0;
}

/* discipline = fcfs orders a role's line across its classes; with one class
 * the class's own order is all there is. */
static int
warn_fcfs(const struct scn *s, scn_warn_fn emit, void *ctx)
{
	char msg[512];
	int r, rc;

	for (r = 0; r < s->nroles; r++) {
		const struct scn_role *ro = &s->roles[r];

		if (ro->discipline != SCN_FCFS || ro->nserves > 1)
			continue;
		snprintf(msg, sizeof msg, "[role %s] discipline = fcfs has no effect: %s "
		    "serves one class (fcfs orders the line across classes); drop the key "
		    "or add classes to its serves", ro->name, ro->name);
		if ((rc = emit(ctx, ro->line, msg)) != 0)
			return rc;
	}
	return 0;
}

/* Persons on call take sync work only (the engine's on-call pools drop the
 * async classes), so the async classes of an on-call shift's role wait for
 * an office shift.  One warning per role, at its first on-call shift. */
static int
warn_on_call(const struct scn *s, scn_warn_fn emit, void *ctx)
{
	char msg[1024], list[512], more[64];
	size_t used;
	int r, si, first, nshifts, i, n, rc;

	for (r = 0; r < s->nroles; r++) {
		const struct scn_role *ro = &s->roles[r];

		first = -1;
		for (nshifts = 0, si = 0; si < s->nshifts; si++)
			if (s->shifts[si].on_call && s->shifts[si].role == r) {
				if (first < 0)
					first = si;
				nshifts++;
			}
		if (first < 0)
			continue;
		list[0] = '\0';
		for (used = 0, n = 0, i = 0; i < ro->nserves; i++) {
			const struct scn_class *c = &s->classes[ro->serves[i]];

			if (c->mode != SCN_ASYNC)
				continue;
			if (used < sizeof list)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
				    n ? ", " : "", c->name);
			n++;
		}
		if (n == 0)
			continue;
		more[0] = '\0';
		if (nshifts > 1)
			snprintf(more, sizeof more, " (and %d more of role %s)", nshifts - 1,
			    ro->name);
		snprintf(msg, sizeof msg, "[shift %s]%s is on call, which takes only "
		    "sync work: role %s's async class%s %s %s never served on call and "
		    "wait%s for an office shift (on_call = no); cover those hours with "
		    "one, or give the on-call shifts a role that lists only sync classes",
		    s->shifts[first].name, more, ro->name, n > 1 ? "es" : "", list,
		    n > 1 ? "are" : "is", n > 1 ? "" : "s");
		if ((rc = emit(ctx, s->shifts[first].line, msg)) != 0)
			return rc;
	}
	return 0;
}

int
scn_warnings(const struct scn *s, scn_warn_fn emit, void *ctx)
{
	int rc;

	if ((rc = warn_preempt(s, emit, ctx)) != 0)
		return rc;
	if ((rc = warn_fcfs(s, emit, ctx)) != 0)
		return rc;
	return warn_on_call(s, emit, ctx);
}
