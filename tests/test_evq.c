/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_evq.c — the event calendar pops in (time, insertion) order. */
#include <stdlib.h>

#include "check.h"
#include "evq.h"

int
main(void)
{
	struct evq q;
	struct ev e;
	double last_t = -1.0;
	uint64_t last_seq = 0;
	unsigned long long x = 1;
	int i, ok = 1, n = 0;

	CHECK(evq_init(&q, 4) == 0);
	/* Many ties: times drawn from a small set, so order within a time matters. */
	for (i = 0; i < 20000; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		CHECK(evq_push(&q, (double)((x >> 33) % 50), (unsigned)(i % 9), (uint32_t)i) == 0);
	}
	while (q.n > 0) {
		evq_pop(&q, &e);
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
	evq_free(&q);
	CHECK_DONE();
}
