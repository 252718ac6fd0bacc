/* SPDX-License-Identifier: GPL-3.0-or-later */
/* evq.c — allocation of the event calendar (the heap itself is inline in evq.h). */
#include "evq.h"

static void
fill_sentinels(struct ev *h, size_t from, size_t to)
{
	for (; from < to; from++)
		h[from] = evq_sentinel();
}

int
evq_init(struct evq *q, size_t cap)
{
	q->n = 0;
	q->seq = 0;
	q->cap = cap < 16 ? 16 : cap;
	q->h = malloc((q->cap + EVQ_PAD) * sizeof *q->h);
	if (q->h == NULL)
		return -1;
	fill_sentinels(q->h, 0, q->cap + EVQ_PAD);
	return 0;
}

void
evq_free(struct evq *q)
{
	free(q->h);
	q->h = NULL;
	q->n = q->cap = 0;
}

int
evq_grow(struct evq *q)
{
	size_t cap = q->cap * 2;
	struct ev *h = realloc(q->h, (cap + EVQ_PAD) * sizeof *h);

	if (h == NULL)
		return -1;
	fill_sentinels(h, q->cap + EVQ_PAD, cap + EVQ_PAD);
	q->h = h;
	q->cap = cap;
	return 0;
}
