/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * evq.h — the event calendar, ordered on (time, insertion order).
 *
 * An entry is 16 bytes: the time, and one key packing the insertion order (high
 * 36 bits, so ties in time pop first-in first-out and runs are reproducible),
 * the event type (4 bits) and an index (24 bits: a person, an item, a shift).
 * Cancelled events are not removed: the engine recognises stale ones by their
 * time.
 *
 * Two layouts, one order.  A clinic's calendar is small (one event per busy
 * person, one per shift, a few marks), so up to EVQ_TO_HEAP events it is an
 * array sorted latest first: the next event is the last one, a pop is a
 * decrement, and an insert moves only the events due before the new one (a
 * service completion lands among the other busy people's, while the far-off
 * marks at the front are never touched).  Past EVQ_TO_HEAP events it becomes a
 * 4-ary min-heap (half the depth of a binary one, siblings in one cache line),
 * and back to sorted below EVQ_TO_SORTED; the gap keeps a calendar that
 * hovers at one size from switching back and forth.  The keys are unique, so
 * both layouts pop the same events in the same order.
 */
#ifndef CQ_EVQ_H
#define CQ_EVQ_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EVQ_INDEX_BITS 24
#define EVQ_MAX_INDEX ((1u << EVQ_INDEX_BITS) - 1)

struct ev {
	double t;
	uint64_t key;     /* seq << 28 | type << 24 | index */
};

/* Sentinel slots kept after the last event (see sift_down in evq.c). */
#define EVQ_PAD 3
/* Sorted up to EVQ_TO_HEAP events, a heap above it until the calendar falls
 * below EVQ_TO_SORTED.  An insert into the sorted array costs ~8 instructions
 * per event due before it, a heap sift ~36 per level: by that count the two
 * are about even at 32 events (an estimate, not a tuned figure). */
#define EVQ_TO_HEAP 32
#define EVQ_TO_SORTED 16

struct evq {
	struct ev *h;     /* h[-1] a sentinel, cap events, then EVQ_PAD sentinels */
	size_t n, cap;
	uint64_t seq;
	int heap;         /* 0: sorted, latest first; 1: a 4-ary min-heap */
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

/* The filler of h[-1] and of the slots past the last event: after every
 * event (an event's key is never UINT64_MAX). */
static inline struct ev
evq_sentinel(void)
{
	struct ev e = { INFINITY, UINT64_MAX };

	return e;
}

/* The event (t, type, index), numbered in insertion order. */
static inline struct ev
evq_make(struct evq *q, double t, unsigned type, uint32_t index)
{
	struct ev e;

	e.t = t + 0.0;     /* -0.0 becomes +0.0 */
	e.key = q->seq++ << 28 | (uint64_t)type << EVQ_INDEX_BITS | index;
	return e;
}

/* The next event, or a sentinel (time INFINITY) when there is none. */
static inline const struct ev *
evq_top(const struct evq *q)
{
	return &q->h[q->heap ? 0 : (ptrdiff_t)q->n - 1];
}

/* Sorted layout: put e in its place, moving the events due before it up one
 * slot; the sentinel at h[-1] ends the walk.  The walk is on a pointer: an
 * unsigned index at 0 would make h[i - 1] an offset of SIZE_MAX, which only
 * wraps round to h - 1 (undefined behaviour). */
static inline void
evq_sorted_insert(struct evq *q, struct ev e)
{
	struct ev *p = q->h + q->n++;

	while (ev_before(p - 1, &e)) {
		*p = p[-1];
		p--;
	}
	*p = e;
}

/* The heap layout's operations (evq.c): out of line, as a calendar large
 * enough to be a heap spends its time in the sift, not in the call. */
void evq_heap_push(struct evq *q, struct ev e);
void evq_heap_pop(struct evq *q, struct ev *out);
void evq_heap_replace_top(struct evq *q, struct ev e);

/* Schedule an event (type < 16, index <= EVQ_MAX_INDEX); -1 on ENOMEM. */
static inline int
evq_push(struct evq *q, double t, unsigned type, uint32_t index)
{
	struct ev e;

	if (q->n == q->cap && evq_grow(q) != 0)
		return -1;
	e = evq_make(q, t, type, index);
	if (!q->heap && q->n < EVQ_TO_HEAP)
		evq_sorted_insert(q, e);
	else
		evq_heap_push(q, e);
	return 0;
}

/* Remove the earliest event into *out; the queue must not be empty. */
static inline void
evq_pop(struct evq *q, struct ev *out)
{
	if (q->heap) {
		evq_heap_pop(q, out);
		return;
	}
	q->n--;
	*out = q->h[q->n];
	q->h[q->n] = evq_sentinel();
}

/* Pop the earliest event and push (t, type, index) in one step: what a person
 * who finishes one item and takes the next does to the calendar.  The queue
 * must not be empty. */
static inline void
evq_replace_top(struct evq *q, double t, unsigned type, uint32_t index)
{
	struct ev e = evq_make(q, t, type, index);

	if (q->heap) {
		evq_heap_replace_top(q, e);
		return;
	}
	q->n--;
	evq_sorted_insert(q, e);
}

/* Drop every event. */
static inline void
evq_clear(struct evq *q)
{
	while (q->n > 0)
		q->h[--q->n] = evq_sentinel();
	q->heap = 0;
}

#endif
