/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_evq.c — the event calendar pops in (time, insertion) order, in both of
 * its layouts (sorted array, heap) and across the switches between them. */
#include <stdlib.h>

#include "check.h"
#include "engine/evq.h"

static unsigned long long rnd = 1;

static unsigned
next_rnd(unsigned n)
{
	rnd = rnd * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rnd >> 33) % n);
}

/* The first 20000 pushes make a heap, the pops bring it back to sorted. */
static void
check_order(void)
{
	struct evq q;
	struct ev e;
	double last_t = -1.0;
	uint64_t last_seq = 0;
	int i, ok = 1, n = 0;

	CHECK(evq_init(&q, 4) == 0);
	CHECK(q.n == 0 && evq_top(&q)->t == INFINITY);   /* empty: a sentinel on top */
	/* Many ties: times drawn from a small set, so order within a time matters. */
	for (i = 0; i < 20000; i++)
		CHECK(evq_push(&q, (double)next_rnd(50), (unsigned)(i % 9), (uint32_t)i) == 0);
	CHECK(q.heap);
	while (q.n > 0) {
		e = *evq_top(&q);
		{
			struct ev got;

			evq_pop(&q, &got);
			if (got.t != e.t || got.key != e.key)
				ok = 0;
		}
		if (e.t < last_t || (e.t == last_t && e.key >> 28 < last_seq))
			ok = 0;
		last_t = e.t;
		last_seq = e.key >> 28;
		if (!(ev_type(&e) == 1 && ev_index(&e) == EVQ_MAX_INDEX) &&
		    (ev_type(&e) != ev_index(&e) % 9 || ev_index(&e) >= 20000))
			ok = 0;
		n++;
		/* Interleave pushes after pops, as the engine does. */
		if (n % 7 == 0 && n < 15000)
			CHECK(evq_push(&q, e.t + 3.0, 1, EVQ_MAX_INDEX) == 0);
	}
	CHECK(ok);
	CHECK(n > 20000);
	CHECK(!q.heap);
	CHECK(evq_top(&q)->t == INFINITY);
	evq_free(&q);
}

/* Random pushes, pops and replace-tops against a plain array, with the size
 * wandering over both thresholds many times, as a clinic's calendar does when
 * staff come on and off duty. */
static void
check_against_reference(void)
{
	struct evq q;
	struct ev ref[400];
	size_t nref = 0, i, best;
	int step, ok = 1, switches = 0, was_heap = 0, target = 10;

	CHECK(evq_init(&q, 16) == 0);
	for (step = 0; step < 200000; step++) {
		unsigned op;

		if (step % 5000 == 0)   /* drift between small and large calendars */
			target = (int)next_rnd(3 * EVQ_TO_HEAP);
		op = next_rnd(3);
		if (nref == 0 || (op == 0 && (int)nref < target + 2) ||
		    (op != 2 && (int)nref < target)) {
			double t = (double)next_rnd(200) / 4.0;

			CHECK(evq_push(&q, t, 2, (uint32_t)step & EVQ_MAX_INDEX) == 0);
			ref[nref].t = t;
			ref[nref].key = (q.seq - 1) << 28 | 2ULL << EVQ_INDEX_BITS |
			    ((uint32_t)step & EVQ_MAX_INDEX);
			nref++;
		} else {
			struct ev got;

			for (best = 0, i = 1; i < nref; i++)
				if (ev_before(&ref[i], &ref[best]))
					best = i;
			if (evq_top(&q)->key != ref[best].key)
				ok = 0;
			if (op == 2) {  /* the handled event schedules its successor */
				double t = ref[best].t + (double)next_rnd(40) / 4.0;

				evq_replace_top(&q, t, 3, 7);
				ref[best].t = t;
				ref[best].key = (q.seq - 1) << 28 | 3ULL << EVQ_INDEX_BITS | 7;
			} else {
				evq_pop(&q, &got);
				if (got.key != ref[best].key || got.t != ref[best].t)
					ok = 0;
				ref[best] = ref[--nref];
			}
		}
		if (q.n != nref)
			ok = 0;
		if (q.heap != was_heap) {
			switches++;
			was_heap = q.heap;
		}
	}
	CHECK(ok);
	CHECK(switches > 10);   /* both layouts and both switches were exercised */
	evq_free(&q);
}

int
main(void)
{
	check_order();
	check_against_reference();
	CHECK_DONE();
}
