/* SPDX-License-Identifier: GPL-3.0-or-later */
/* evq.c — allocation and change of layout of the event calendar (its
 * operations are inline in evq.h). */
#include "evq.h"

static void
fill_sentinels(struct ev *h, size_t from, size_t to)
{
	for (; from < to; from++)
		h[from] = evq_sentinel();
}

/* The allocation holds one sentinel before h[0] (the sorted insert stops on
 * it), cap events, and EVQ_PAD sentinels after them (the heap's sift reads
 * four children without bound checks). */
int
evq_init(struct evq *q, size_t cap)
{
	struct ev *a;

	q->n = 0;
	q->seq = 0;
	q->heap = 0;
	q->cap = cap < 16 ? 16 : cap;
	a = malloc((1 + q->cap + EVQ_PAD) * sizeof *a);
	if (a == NULL) {
		q->h = NULL;
		return -1;
	}
	fill_sentinels(a, 0, 1 + q->cap + EVQ_PAD);
	q->h = a + 1;
	return 0;
}

void
evq_free(struct evq *q)
{
	if (q->h != NULL)
		free(q->h - 1);
	q->h = NULL;
	q->n = q->cap = 0;
}

int
evq_grow(struct evq *q)
{
	size_t cap = q->cap * 2;
	struct ev *a = realloc(q->h - 1, (1 + cap + EVQ_PAD) * sizeof *a);

	if (a == NULL)
		return -1;
	fill_sentinels(a, 1 + q->cap + EVQ_PAD, 1 + cap + EVQ_PAD);
	q->h = a + 1;
	q->cap = cap;
	return 0;
}

/* Sorted latest first, reversed, is sorted earliest first: a valid heap. */
static void
to_heap(struct evq *q)
{
	size_t i, j;

	for (i = 0, j = q->n; i + 1 < j; i++) {
		struct ev t = q->h[i];

		j--;
		q->h[i] = q->h[j];
		q->h[j] = t;
	}
	q->heap = 1;
}

/* Sort the heap's few events latest first (an insertion sort: fewer than
 * EVQ_TO_SORTED of them). */
static void
to_sorted(struct evq *q)
{
	size_t i, j;

	for (i = 1; i < q->n; i++) {
		struct ev e = q->h[i];

		for (j = i; j > 0 && ev_before(&q->h[j - 1], &e); j--)
			q->h[j] = q->h[j - 1];
		q->h[j] = e;
	}
	q->heap = 0;
}

/* Put e at hole i and sift it down: the sentinels past the end let every level
 * compare four children without bound checks, and the smallest of four is
 * picked with flag arithmetic and one select, so the only data-dependent
 * branch per level is "sift further?". */
static void
sift_down(struct evq *q, size_t i, struct ev e)
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

/* Called when the sorted array is full (EVQ_TO_HEAP events) or already a
 * heap; there is room for one more (evq_push grew it). */
void
evq_heap_push(struct evq *q, struct ev e)
{
	size_t i, p;

	if (!q->heap)
		to_heap(q);
	i = q->n++;
	while (i > 0) {
		p = (i - 1) / 4;
		if (!ev_before(&e, &q->h[p]))
			break;
		q->h[i] = q->h[p];
		i = p;
	}
	q->h[i] = e;
}

void
evq_heap_pop(struct evq *q, struct ev *out)
{
	size_t n = --q->n;
	struct ev last = q->h[n];

	*out = q->h[0];
	q->h[n] = evq_sentinel();
	if (n > 0)
		sift_down(q, 0, last);
	if (n < EVQ_TO_SORTED)
		to_sorted(q);
}

void
evq_heap_replace_top(struct evq *q, struct ev e)
{
	sift_down(q, 0, e);
}
