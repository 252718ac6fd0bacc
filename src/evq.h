/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * evq.h — the event calendar: a 4-ary min-heap on (time, insertion order).
 *
 * Ties in time are broken by insertion order, which makes runs reproducible.
 * A 4-ary heap halves the depth of a binary one and keeps siblings in one cache
 * line; the calendar of a clinic is small (one event per busy person, per
 * stream, per shift), so push and pop stay in L1.  Cancelled events are not
 * removed: the engine marks them stale with a generation number.
 */
#ifndef CQ_EVQ_H
#define CQ_EVQ_H

#include <stdint.h>
#include <stdlib.h>

struct ev {
	double t;
	uint64_t seq;
	uint32_t type;
	uint32_t a;       /* an index: stream, person, shift, item */
	uint32_t b;       /* a generation number, for events that can go stale */
	uint32_t pad;
};

struct evq {
	struct ev *h;
	size_t n, cap;
	uint64_t seq;
};

int evq_init(struct evq *q, size_t cap);
void evq_free(struct evq *q);
int evq_grow(struct evq *q);

static inline int
ev_before(const struct ev *x, const struct ev *y)
{
	return x->t < y->t || (x->t == y->t && x->seq < y->seq);
}

/* Schedule an event; returns -1 on allocation failure. */
static inline int
evq_push(struct evq *q, double t, uint32_t type, uint32_t a, uint32_t b)
{
	size_t i, p;
	struct ev e;

	if (q->n == q->cap && evq_grow(q) != 0)
		return -1;
	e.t = t;
	e.seq = q->seq++;
	e.type = type;
	e.a = a;
	e.b = b;
	e.pad = 0;
	i = q->n++;
	while (i > 0) {
		p = (i - 1) / 4;
		if (!ev_before(&e, &q->h[p]))
			break;
		q->h[i] = q->h[p];
		i = p;
	}
	q->h[i] = e;
	return 0;
}

/* Remove the earliest event into *out; the queue must not be empty. */
static inline void
evq_pop(struct evq *q, struct ev *out)
{
	struct ev last;
	size_t i = 0, c, k, best, n;

	*out = q->h[0];
	n = --q->n;
	if (n == 0)
		return;
	last = q->h[n];
	for (;;) {
		c = 4 * i + 1;
		if (c >= n)
			break;
		best = c;
		for (k = c + 1; k < c + 4 && k < n; k++)
			if (ev_before(&q->h[k], &q->h[best]))
				best = k;
		if (!ev_before(&q->h[best], &last))
			break;
		q->h[i] = q->h[best];
		i = best;
	}
	q->h[i] = last;
}

#endif
