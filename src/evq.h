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

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EVQ_INDEX_BITS 24
#define EVQ_MAX_INDEX ((1u << EVQ_INDEX_BITS) - 1)

struct ev {
	double t;
	uint64_t key;     /* seq << 28 | type << 24 | index */
};

/* Sentinel slots kept after the last event (see evq_pop). */
#define EVQ_PAD 3

struct evq {
	struct ev *h;     /* cap events, then EVQ_PAD sentinels */
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

/* Times are never negative (and never -0.0, see evq_push), so their IEEE-754
 * bits order like the times; (time bits, key) as one 128-bit integer makes the
 * comparison a cmp/sbb pair the compiler can turn into conditional moves, where
 * comparing doubles then keys took two unpredictable branches. */
__extension__ typedef unsigned __int128 ev_rank_t;

static inline ev_rank_t
ev_rank(const struct ev *e)
{
	uint64_t tb;

	memcpy(&tb, &e->t, sizeof tb);
	return (ev_rank_t)tb << 64 | e->key;
}

static inline int
ev_before(const struct ev *x, const struct ev *y)
{
	return ev_rank(x) < ev_rank(y);
}

/* The filler of the EVQ_PAD slots past the last event: after every event. */
static inline struct ev
evq_sentinel(void)
{
	struct ev e = { INFINITY, UINT64_MAX };

	return e;
}

/* Schedule an event (type < 16, index <= EVQ_MAX_INDEX); -1 on ENOMEM. */
static inline int
evq_push(struct evq *q, double t, unsigned type, uint32_t index)
{
	size_t i, p;
	struct ev e;

	if (q->n == q->cap && evq_grow(q) != 0)
		return -1;
	e.t = t + 0.0;     /* -0.0 becomes +0.0 */
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

/* Put e at hole i and sift it down: the sentinels past the end let every level
 * compare four children without bound checks, and the smallest of four is
 * picked with flag arithmetic and one select, so the only data-dependent
 * branch per level is "sift further?". */
static inline void
evq_sift_down(struct evq *q, size_t i, struct ev e)
{
	struct ev *h = q->h;
	size_t c, best, b01, b23, n = q->n;

	for (;;) {
		c = 4 * i + 1;
		if (c >= n)
			break;
		b01 = c + (size_t)ev_before(&h[c + 1], &h[c]);
		b23 = c + 2 + (size_t)ev_before(&h[c + 3], &h[c + 2]);
		best = ev_before(&h[b23], &h[b01]) ? b23 : b01;
		if (!ev_before(&h[best], &e))
			break;
		h[i] = h[best];
		i = best;
	}
	h[i] = e;
}

/* Remove the earliest event into *out; the queue must not be empty. */
static inline void
evq_pop(struct evq *q, struct ev *out)
{
	struct ev last;
	size_t n;

	*out = q->h[0];
	n = --q->n;
	last = q->h[n];
	q->h[n] = evq_sentinel();
	if (n > 0)
		evq_sift_down(q, 0, last);
}

/* Pop the earliest event and push (t, type, index) in one sift: what a person
 * who finishes one item and takes the next does to the calendar.  The queue
 * must not be empty. */
static inline void
evq_replace_top(struct evq *q, double t, unsigned type, uint32_t index)
{
	struct ev e;

	e.t = t + 0.0;     /* -0.0 becomes +0.0 */
	e.key = q->seq++ << 28 | (uint64_t)type << EVQ_INDEX_BITS | index;
	evq_sift_down(q, 0, e);
}

/* Drop every event. */
static inline void
evq_clear(struct evq *q)
{
	while (q->n > 0)
		q->h[--q->n] = evq_sentinel();
}

#endif
