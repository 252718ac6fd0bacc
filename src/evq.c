/* SPDX-License-Identifier: GPL-3.0-or-later */
/* evq.c — allocation of the event calendar (the heap itself is inline in evq.h). */
#include "evq.h"

int
evq_init(struct evq *q, size_t cap)
{
	q->n = 0;
	q->seq = 0;
	q->cap = cap < 16 ? 16 : cap;
	q->h = malloc(q->cap * sizeof *q->h);
	return q->h == NULL ? -1 : 0;
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
	struct ev *h = realloc(q->h, cap * sizeof *h);

	if (h == NULL)
		return -1;
	q->h = h;
	q->cap = cap;
	return 0;
}
