/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_sync_fifo.c — a sync class whose items all have p_acute 0 waits in a
 * first-come ring instead of the p_acute heap (sim_setup_classes); the two
 * must play the same replication.  `acute = const(0)` keeps the heap with
 * every p_acute 0 and changes no draw that follows service and patience
 * (its one uniform is the last draw an item makes here), so each scenario is
 * run both ways and every figure compared: plain, with a patience clock (the
 * lazy ring, where patients who gave up wait to be freed at the head), and
 * with preemption of async work. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scenario/scn.h"
#include "engine/sim.h"

static struct scn *
load(const char *ini)
{
	struct cq_err err = { 0 };
	struct scn *s = scn_load_string("test", ini, NULL, 0, &err);

	if (s == NULL)
		fprintf(stderr, "load: %d: %s\n", err.line, err.msg);
	return s;
}

static struct sim_rep *
play(const struct scn *s, int rep)
{
	struct cq_err err = { 0 };
	struct sim_rep *r = sim_rep_new(s);

	if (r != NULL && sim_run(s, NULL, rep, r, &err) != 0) {
		fprintf(stderr, "sim_run: %s\n", err.msg);
		sim_rep_free(r);
		return NULL;
	}
	return r;
}

/* Every figure of two results, class by class, role by role. */
static int
same_rep(const struct sim_rep *a, const struct sim_rep *b)
{
	int c, w;

	if (a->events != b->events || a->roster_cost != b->roster_cost ||
	    memcmp(&a->safety, &b->safety, sizeof a->safety) != 0)
		return 0;
	for (c = 0; c < a->nclasses; c++) {
		const struct sim_class_rep *x = &a->cls[c], *y = &b->cls[c];

		if (x->arrived != y->arrived || x->completed != y->completed ||
		    x->waiting_at_end != y->waiting_at_end || x->abandoned != y->abandoned ||
		    x->censored != y->censored || x->met != y->met ||
		    x->wait_sum != y->wait_sum || x->resp_sum != y->resp_sum ||
		    x->wait_n != y->wait_n || x->resp_n != y->resp_n ||
		    memcmp(&x->wait, &y->wait, sizeof x->wait) != 0 ||
		    memcmp(&x->resp, &y->resp, sizeof x->resp) != 0 ||
		    memcmp(x->backlog_area, y->backlog_area, sizeof x->backlog_area) != 0 ||
		    memcmp(x->backlog_time, y->backlog_time, sizeof x->backlog_time) != 0)
			return 0;
		for (w = 0; w < a->nweeks; w++)
			if (x->week_backlog[w] != y->week_backlog[w])
				return 0;
	}
	for (c = 0; c < a->nroles; c++)
		if (memcmp(&a->role[c], &b->role[c], sizeof a->role[c]) != 0)
			return 0;
	return 1;
}

/* The scenario: %s is the call class's extra lines, %s the role's preempt. */
static const char fmt[] =
    "[scenario]\nweeks = 6\nwarmup = 1w\nreplications = 1\nseed = 31\n"
    "start_date = 2027-01-04\n"
    "[stream phone]\nrate = 9/h\nclasses = call 0.5, msg 0.5\n"
    "[class call]\nmode = sync\nservice = exp(12min)\ntarget = 80%% <= 5min\n%s"
    "[class msg]\nmode = async\nservice = exp(9min)\ntarget = 90%% <= 8h\n"
    "[role nurse]\ncost_per_hour = 40\nserves = call, msg\npreempt = %s\n"
    "[shift day]\nrole = nurse\ndays = mon-fri\nstart = 08:00\nend = 17:00\nstaff = 2\n"
    "[shift late]\nrole = nurse\ndays = all\nstart = 12:00\nend = 20:00\nstaff = 1\n";

/* Play `extra` (the call class's own lines) with the ring and with the heap,
 * over two replications; the ring's run must be the heap's.  Returns the
 * ring's abandoned calls of replication 0, to show the clock was at work. */
static double
ring_is_heap(const char *extra, const char *preempt)
{
	char ring_ini[2048], heap_ini[2048], heap_extra[256];
	struct scn *ring_s, *heap_s;
	double abandoned = -1.0;
	int rep;

	snprintf(heap_extra, sizeof heap_extra, "%sacute = const(0)\n", extra);
	snprintf(ring_ini, sizeof ring_ini, fmt, extra, preempt);
	snprintf(heap_ini, sizeof heap_ini, fmt, heap_extra, preempt);
	ring_s = load(ring_ini);
	heap_s = load(heap_ini);
	CHECK(ring_s != NULL && heap_s != NULL);
	for (rep = 0; ring_s != NULL && heap_s != NULL && rep < 2; rep++) {
		struct sim_rep *a = play(ring_s, rep), *b = play(heap_s, rep);

		CHECK(a != NULL && b != NULL);
		if (a != NULL && b != NULL) {
			CHECK(a->cls[0].completed > 100);
			CHECK(same_rep(a, b));
			if (rep == 0)
				abandoned = a->cls[0].abandoned;
		}
		sim_rep_free(a);
		sim_rep_free(b);
	}
	scn_free(ring_s);
	scn_free(heap_s);
	return abandoned;
}

int
main(void)
{
	CHECK(ring_is_heap("", "no") == 0.0);
	CHECK(ring_is_heap("", "yes") == 0.0);
	CHECK(ring_is_heap("patience = const(6min)\n", "no") > 10.0);
	CHECK(ring_is_heap("patience = const(6min)\n", "yes") > 10.0);
	CHECK_DONE();
}
