/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * evq.h — the event calendar: a 4-ary min-heap on (time, insertion order).
 *
 * An entry is 16 bytes: the time, and one key packing the insertion order (high
 * 36 bits, so ties in time pop first-in first-out and runs are reproducible),
 * the event type (4 bits) and an index (24 bits: a person, an item, a shift).
 * A 4-ary heap halves the depth of a binary one and keeps siblings in one cache
 * line; the calendar of a clinic is small (one event per busy person, per
 * shift), so push and pop stay in L1.  Cancelled events are not removed: the
 * engine recognises stale ones by their time.
 */
#ifndef CQ_EVQ_H
#define CQ_EVQ_H

#include <stdint.h>
#include <stdlib.h>

#define EVQ_INDEX_BITS 24
#define EVQ_MAX_INDEX ((1u << EVQ_INDEX_BITS) - 1)

struct ev {
	double t;
	uint64_t key;     /* seq << 28 | type << 24 | index */
};

struct evq {
	struct ev *h;
	size_t n, cap;
	uint64_t seq;
};

int evq_init(struct evq *q, size_t cap);
void evq_free(struct evq *q);
int evq_grow(struct evq *q);

static inline unsigned
ev_type(const struct ev *e)
{
	return (unsigned)(e->key >> EVQ_INDEX_BITS) & 15u;
}

static inline uint32_t
ev_index(const struct ev *e)
{
	return (uint32_t)(e->key & EVQ_MAX_INDEX);
}

/* Short-circuit on purpose: measured faster than a branchless form here (ties
 * in time are rare, so the second test is almost never reached). */
static inline int
ev_before(const struct ev *x, const struct ev *y)
{
	return x->t < y->t || (x->t == y->t && x->key < y->key);
}

/* Schedule an event (type < 16, index <= EVQ_MAX_INDEX); -1 on ENOMEM. */
static inline int
evq_push(struct evq *q, double t, unsigned type, uint32_t index)
{
	size_t i, p;
	struct ev e;

	if (q->n == q->cap && evq_grow(q) != 0)
		return -1;
	e.t = t;
	e.key = q->seq++ << 28 | (uint64_t)type << EVQ_INDEX_BITS | index;
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
	size_t i = 0, c, best, n;

	*out = q->h[0];
	n = --q->n;
	if (n == 0)
		return;
	last = q->h[n];
	for (;;) {
		c = 4 * i + 1;
		if (c + 3 < n) {        /* all four children: no bound checks */
			size_t b2 = ev_before(&q->h[c + 3], &q->h[c + 2]) ? c + 3 : c + 2;

			best = ev_before(&q->h[c + 1], &q->h[c]) ? c + 1 : c;
			if (ev_before(&q->h[b2], &q->h[best]))
				best = b2;
		} else if (c < n) {
			size_t k;

			best = c;
			for (k = c + 1; k < n; k++)
				if (ev_before(&q->h[k], &q->h[best]))
					best = k;
		} else {
			break;
		}
		if (!ev_before(&q->h[best], &last))
			break;
		q->h[i] = q->h[best];
		i = best;
	}
	q->h[i] = last;
}

#endif
