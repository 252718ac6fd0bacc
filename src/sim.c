/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim.c — the discrete-event engine: one replication of a scenario.
 *
 * The clock is in minutes from 00:00 of start_date.  Items (messages, alerts,
 * call-backs) wait in one priority queue per class; people come on duty in pools
 * (a role, on call or not) and take the highest-priority waiting item among the
 * classes their pool serves.  Randomness comes from one stream per source, and
 * every per-item draw is made when the item is created, so a roster change leaves
 * arrivals and service times unchanged (common random numbers).
 *
 * Measured: items arriving in [warmup, warmup + weeks).  After that span the
 * clock runs on (arrivals too) until every measured item is resolved, or for a
 * bounded drain; items still open then are recorded as censored.
 */
#include "sim.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "evq.h"
#include "rng.h"

#include "sim_int.h"

/* Schedule an event.  While the calendar event being handled is still the
 * calendar's top (top_pending), the first event it schedules takes its place
 * in one sift instead of a pop and a push: the order of events is the same
 * (the keys are unique), the work about half. */
HOT int
push(struct sim *m, double t, uint32_t type, uint32_t a)
{
	if (m->top_pending) {
		m->top_pending = 0;
		evq_replace_top(&m->q, t, type, a);
		return 0;
	}
	if (evq_push(&m->q, t, type, a) != 0)
		return sim_fail_nomem(m);
	return 0;
}

/* ---- items ------------------------------------------------------------------ */

HOT int
item_new(struct sim *m, uint32_t *id)
{
	if (m->nfree > 0) {
		*id = m->free_items[--m->nfree];
		return 0;
	}
	/* No free slot: all nitems items are alive. */
	if (m->nitems >= m->max_waiting)
		return cq_err_set(m->err, CQ_EXIT_USAGE, m->s->file, 0,
		    "more than %u items wait or are in hand at once, the limit set by "
		    "[scenario] max_waiting: the roster cannot keep up with the arrivals; "
		    "add staff, lower the volume or raise max_waiting", m->max_waiting);
	if (m->nitems == m->cap_items) {
		uint32_t cap = m->cap_items ? m->cap_items * 2 : 1024;
		struct item *it;

		/* Never more than the limit: sim_item_bytes() counts on it. */
		if (cap > m->max_waiting)
			cap = m->max_waiting;
		uint32_t *fr;

		it = realloc(m->items, (size_t)cap * sizeof *it);
		if (it == NULL)
			return sim_fail_nomem(m);
		m->items = it;
		fr = realloc(m->free_items, (size_t)cap * sizeof *fr);
		if (fr == NULL)
			return sim_fail_nomem(m);
		m->free_items = fr;
		m->cap_items = cap;
	}
	*id = m->nitems++;
	return 0;
}

HOT void
item_free(struct sim *m, uint32_t id)
{
	m->items[id].live = 0;
	m->free_items[m->nfree++] = id;
}

/* ---- queues and backlog ------------------------------------------------------ */

/* Add queue length x time since the last change to the hour-of-week bins.  The
 * queue remembers its current hour (and whether that hour lies wholly inside
 * the measured span), so nearly every call is one multiply-add into one bin.
 * area_t only moves forward, so area_t >= hour_end - 60 always holds. */
static void
backlog_walk(struct sim *m, int c, double now)
{
	struct queue *q = &m->queues[c];
	double *area = m->out->cls[c].backlog_area;
	double lo = q->area_t;

	while (lo < now) {
		double hi, seg;

		if (!(lo < q->hour_end && lo >= q->hour_end - 60.0)) {
			q->hour_end = (floor(lo / 60.0) + 1.0) * 60.0;
			q->how = hour_of_week(m, lo);
			q->hour_whole = q->hour_end - 60.0 >= m->warm &&
			    q->hour_end <= m->span_end;
		}
		hi = now < q->hour_end ? now : q->hour_end;
		seg = in_span(m, lo, hi);
		if (seg > 0.0)
			area[q->how] += q->len * seg;
		lo = hi;
	}
}

HOT void
backlog_account(struct sim *m, int c, double now)
{
	struct queue *q = &m->queues[c];

	/* An empty queue adds exactly 0 here: no test of len, whose outcome
	 * (someone waiting or not) is a coin toss for the branch predictor. */
	if (now <= q->hour_end && q->hour_whole)
		m->out->cls[c].backlog_area[q->how] += q->len * (now - q->area_t);
	else if (q->len > 0)
		backlog_walk(m, c, now);
	q->area_t = now;
}

static inline int
qent_before(const struct qent *x, const struct qent *y)
{
	return x->prio < y->prio || (x->prio == y->prio && x->seq < y->seq);
}

/* Grow the ring to twice its size, unwrapping it. */
static int
ring_grow(struct sim *m, struct queue *q)
{
	uint32_t cap = q->cap ? q->cap * 2 : 64, i;
	uint32_t *r = malloc((size_t)cap * sizeof *r);

	if (r == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < q->n; i++)
		r[i] = q->ring[(q->head + i) & (q->cap - 1)];
	free(q->ring);
	q->ring = r;
	q->head = 0;
	q->cap = cap;
	return 0;
}

HOT int
ring_push(struct sim *m, struct queue *q, int c, uint32_t id, int at_head)
{
	if (q->n == q->cap && ring_grow(m, q) != 0)
		return -1;
	backlog_account(m, c, m->now);
	if (at_head) {
		q->head = (q->head - 1) & (q->cap - 1);
		q->ring[q->head] = id;
	} else {
		q->ring[(q->head + q->n) & (q->cap - 1)] = id;
	}
	q->n++;
	q->len++;
	m->items[id].queued = 1;
	return 0;
}

/* Insert e into the binary heap of q. */
static int
heap_push(struct sim *m, struct queue *q, struct qent e)
{
	uint32_t i, p;

	if (q->n == q->cap) {
		uint32_t cap = q->cap ? q->cap * 2 : 64;
		struct qent *h = realloc(q->h, (size_t)cap * sizeof *h);

		if (h == NULL)
			return sim_fail_nomem(m);
		q->h = h;
		q->cap = cap;
	}
	for (i = q->n++; i > 0; i = p) {
		p = (i - 1) / 2;
		if (!qent_before(&e, &q->h[p]))
			break;
		q->h[i] = q->h[p];
	}
	q->h[i] = e;
	return 0;
}

HOT int
queue_push(struct sim *m, int c, uint32_t id, int at_head)
{
	struct queue *q = &m->queues[c];
	struct item *it = &m->items[id];
	struct qent e;

	if (q->fifo)
		return ring_push(m, q, c, id, at_head);
	backlog_account(m, c, m->now);
	e.prio = -it->p_acute;
	e.seq = at_head ? --m->head_seq : m->seq++;
	e.item = id;
	it->seq = e.seq;
	if (heap_push(m, q, e) != 0)
		return -1;
	it->queued = 1;
	q->len++;
	return 0;
}

/* Item id leaves class c's queue other than by being popped (deferred, or its
 * patient gave up); its heap entry stays behind and goes stale. */
static void
queue_forget(struct sim *m, int c, uint32_t id)
{
	backlog_account(m, c, m->now);
	m->queues[c].len--;
	m->items[id].queued = 0;
}

/* Remove the top entry of the heap (live or not). */
static struct qent
heap_pop(struct queue *q)
{
	struct qent top = q->h[0], last;
	uint32_t i = 0, c, n = --q->n;

	last = q->h[n];
	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && qent_before(&q->h[c + 1], &q->h[c]))
			c++;
		if (!qent_before(&q->h[c], &last))
			break;
		q->h[i] = q->h[c];
		i = c;
	}
	if (n > 0)
		q->h[i] = last;
	return top;
}

/* The next live item of class c, or -1.  Heap entries go stale when an item
 * leaves the queue other than by being popped: an entry whose seq is no longer
 * the item's is a leftover (the item moved on); one whose item is no longer
 * queued is a patient who gave up, freed here. */
HOT int64_t
queue_pop(struct sim *m, int c)
{
	struct queue *q = &m->queues[c];

	if (q->fifo && q->n > 0) {    /* async: the head of the ring, always live */
		uint32_t id = q->ring[q->head];

		q->head = (q->head + 1) & (q->cap - 1);
		q->n--;
		backlog_account(m, c, m->now);
		q->len--;
		m->items[id].queued = 0;
		return id;
	}
	while (q->n > 0) {
		uint32_t id;
		struct item *it;

		if (q->fifo) {
			id = q->ring[q->head];
			q->head = (q->head + 1) & (q->cap - 1);
			q->n--;
			it = &m->items[id];
		} else {
			struct qent e = heap_pop(q);

			id = e.item;
			it = &m->items[id];
			if (e.seq != it->seq)
				continue;
			if (!it->queued) {
				item_free(m, id);
				continue;
			}
		}
		backlog_account(m, c, m->now);
		q->len--;
		it->queued = 0;
		return id;
	}
	return -1;
}

/* ---- measures ---------------------------------------------------------------- */

HOT void
record_wait(struct sim *m, const struct item *it, double w)
{
	const struct klass *kl = &m->kl[it->cls];
	struct sim_class_rep *cr = kl->rep;

	hist_add(&cr->wait, w);
	cr->wait_sum += w;
	cr->wait_n++;
	cr->met += w <= kl->met_wait;   /* no branch: met or not is a coin toss */
}

/* A response (arrival to completion, or to the end of the run if censored). */
HOT void
record_resp(struct sim_class_rep *cr, double r)
{
	hist_add(&cr->resp, r);
	cr->resp_sum += r;
	cr->resp_n++;
}

/* Settle an open safety question: reached in the window, or missed. */
static void
safety_close(struct sim *m, struct item *it)
{
	it->safety_open = 0;
	if (it->reached)
		m->out->safety.reached_in_window++;
	else
		m->out->safety.missed++;
}

/* The item leaves the books: its class count and, when acute, its safety. */
HOT void
resolve(struct sim *m, struct item *it)
{
	it->resolved = 1;
	if (it->measured && m->outstanding > 0)
		m->outstanding--;
	if (it->safety_open)
		safety_close(m, it);
}

/* An acute item was reached (a contact or a reply) at time now. */
static void
safety_reach(struct sim *m, struct item *it)
{
	const struct scn_class *k = &m->s->classes[it->cls];

	if (!it->safety_open)
		return;
	if (k->safe_window <= 0.0 || m->now - it->origin <= k->safe_window)
		it->reached = 1;
	safety_close(m, it);
}

/* ---- arrivals ---------------------------------------------------------------- */

/* Next arrival after t of a piecewise-constant Poisson process: consume one
 * Exp(1) of cumulative rate hour by hour (exact, no thinning).  The stream has
 * some positive rate (see first_arrival). */
HOT double
next_arrival(struct sim *m, int sidx, double t)
{
	const struct scn_stream *st = &m->s->streams[sidx];
	struct arrivals *a = &m->arr[sidx];
	double e, mass;
	long guard = 0;

	e = rng_xoshiro_exp1(m->r_arr[sidx]);
	if (a->flat)            /* a homogeneous Poisson process */
		return t + e * a->inv_rate;
	for (;;) {
		if (!(t < a->hour_end && t >= a->hour_end - 60.0)) {
			a->hour_end = (floor(t / 60.0) + 1.0) * 60.0;
			a->rate = st->rate[hour_of_week(m, t)];
			/* A multiply per arrival instead of a division. */
			a->inv_rate = a->rate > 0.0 ? 1.0 / a->rate : 0.0;
		}
		mass = a->rate * (a->hour_end - t);
		if (mass >= e)
			return t + e * a->inv_rate;
		e -= mass;
		t = a->hour_end;
		if (++guard > 100000000L)  /* some hour has a positive rate */
			return INFINITY;
	}
}

/* Recompute the earliest pending arrival over all streams. */
HOT void
arrivals_min(struct sim *m)
{
	int i;

	if (m->s->nstreams == 1) {
		m->arr_min = m->arr[0].next;
		m->arr_min_i = isinf(m->arr_min) ? -1 : 0;
		return;
	}
	m->arr_min = INFINITY;
	m->arr_min_i = -1;
	for (i = 0; i < m->s->nstreams; i++)
		if (m->arr[i].next < m->arr_min) {
			m->arr_min = m->arr[i].next;
			m->arr_min_i = i;
		}
}

static int dispatch_queue(struct sim *m, uint32_t id);
HOT int start_work(struct sim *m, uint32_t pid, uint32_t id);

/* A new (or retried, or readmitted) item: someone idle in a pool that serves
 * its class takes it at once, else it queues; the common cases inline, the
 * rest (sync, deferral) in dispatch_queue. */
HOT int
dispatch_new(struct sim *m, uint32_t id)
{
	int c = m->items[id].cls, i;

	for (i = 0; i < m->nclass_pools[c]; i++) {
		struct pool *pl = &m->pools[m->class_pools[c][i]];

		if (pl->nidle > 0) {
			uint32_t pid = pl->idle[--pl->nidle];  /* the top of the stack */

			m->persons[pid].idle_pos = -1;
			return start_work(m, pid, id);
		}
	}
	if (m->kl[c].plain_queue)
		return ring_push(m, &m->queues[c], c, id, 0);
	return dispatch_queue(m, id);
}

/* Create an item of class c at now from substream key; the caller dispatches
 * it.  Every draw the item will ever need is made here, in a fixed order, so
 * that no roster changes them (common random numbers). */
HOT int
item_create(struct sim *m, int c, double origin, int measured, uint64_t key,
    struct rng_local *gp, uint32_t *out)
{
	const struct scn_class *k = &m->s->classes[c];
	const struct scn_contact *ct = &m->s->contact;
	const struct klass *kl = &m->kl[c];
	struct rng_local own, *g = gp;
	struct item *it;
	uint32_t id = 0;
	double service, p_acute = 0.0, patience = INFINITY, screen_u = 1.0;
	uint8_t acute = 0, reach_at = 1;
	int a;

	if (item_new(m, &id) != 0)
		return -1;
	if (g == NULL) {        /* not drawing on from a stream arrival's substream */
		g = &own;
		rng_local_seed(g, key);
	}
	/* The draws, in their fixed order. */
	service = kl->svc_mean > 0.0 ? kl->svc_mean * rng_local_exp1(g) :
	    dist_sample(&k->service, rng_local_gen(g));
	if (kl->more_draws) {
		gsl_rng *r = rng_local_gen(g);

		if (k->acute.kind != DIST_NONE) {
			p_acute = dist_sample(&k->acute, r);
			acute = gsl_rng_uniform(r) < p_acute;
		}
		if (k->mode == SCN_SYNC) {
			if (k->patience.kind != DIST_NONE)
				patience = dist_sample(&k->patience, r);
			if (ct->enabled) {
				for (a = 1; a <= ct->max_attempts; a++)
					if (gsl_rng_uniform(r) < ct->reach)
						break;
				reach_at = (uint8_t)(a <= ct->max_attempts ? a : 0);
			}
		}
		if (m->s->esc.screen_at_arrival)
			screen_u = gsl_rng_uniform(r);
	}

	/* The stores, in field order. */
	it = &m->items[id];
	it->arrival = m->now;
	it->service = service;
	it->key = key;
	it->cls = c;
	it->live = 1;
	it->measured = (uint8_t)measured;
	it->acute = acute;
	it->reach_at = reach_at;
	it->started = it->attempts = it->queued = it->safety_open = 0;
	it->reached = it->resolved = it->escalated = it->callback = 0;
	it->deferred = it->was_deferred = it->patience_set = it->spare_ = 0;
	it->origin = origin;
	it->p_acute = p_acute;
	it->patience = patience;
	it->screen_u = screen_u;
	if (measured) {
		kl->rep->arrived++;
		m->outstanding++;
	}
	*out = id;
	return 0;
}

static int escalate(struct sim *m, uint32_t src_id);

/* A keyword screen at arrival flags screen_sensitivity of the truly acute async
 * items at once, whatever the hour. */
HOT int
screen(struct sim *m, uint32_t id)
{
	const struct scn_escalation *e = &m->s->esc;
	struct item *it = &m->items[id];

	if (!e->enabled || !e->screen_at_arrival ||
	    m->s->classes[it->cls].mode != SCN_ASYNC)
		return 0;
	if (!it->acute || it->screen_u >= e->screen_sensitivity)
		return 0;
	it->escalated = 1;
	if (it->measured)
		m->out->safety.screened++;
	return escalate(m, id);
}

/* A stream's arrival: draw its class (or its reading's value), make the item.
 * Arrival n of a stream draws from substream n of that stream. */
static int
on_arrival(struct sim *m, int sidx)
{
	const struct scn_stream *st = &m->s->streams[sidx];
	int measured = m->now >= m->warm && m->now < m->span_end;
	uint64_t key = rng_child_key(m->stream_key[sidx], m->arr[sidx].count++);
	struct rng_local g;
	int c = -1;
	double t;
	uint32_t id;

	rng_local_seed(&g, key);
	if (st->kind == SCN_READING) {
		double v = dist_sample(&st->value, rng_local_gen(&g));

		if (v > st->alert_above)
			c = st->alert_class;
	} else if (st->nclasses == 1) {
		c = st->class_idx[0];
	} else {
		double u = gsl_rng_uniform(rng_local_gen(&g));
		const double *cum = m->arr_cum + (size_t)sidx * SCN_MAX_CLASSES;
		int i;

		for (i = 0; i < st->nclasses - 1 && u >= cum[i]; i++)
			;
		c = st->class_idx[i];
	}
	if (c >= 0) {
		if (item_create(m, c, m->now, measured, key, &g, &id) != 0)
			return -1;
		if (m->items[id].acute && measured) {
			m->out->safety.acute++;
			m->items[id].safety_open = 1;
		}
		if (m->s->esc.screen_at_arrival && screen(m, id) != 0)
			return -1;
		if (dispatch_new(m, id) != 0)
			return -1;
	}
	t = next_arrival(m, sidx, m->now);
	m->arr[sidx].next = t < m->stop_at ? t : INFINITY;
	arrivals_min(m);
	return 0;
}

/* ---- people ------------------------------------------------------------------- */

/* Person p, who stayed past the end of their stretch to finish an item, stops
 * now: the time past shift_end is overtime, paid at the shift's rate. */
static void
overtime_end(struct sim *m, struct person *p)
{
	const struct scn_shift *sh = &m->s->shifts[p->shift];
	double ot = in_span(m, p->shift_end, m->now);

	m->out->role[sh->role].overtime_min += ot;
	m->out->role[sh->role].cost += ot / 60.0 * sh->cost_per_hour;
	p->leaving = 0;
}

HOT void
idle_push(struct sim *m, uint32_t pid)
{
	struct person *p = &m->persons[pid];
	struct pool *pl = &m->pools[p->pool];

	p->idle_pos = (int32_t)pl->nidle;
	pl->idle[pl->nidle++] = pid;
}

HOT void
idle_remove(struct sim *m, uint32_t pid)
{
	struct person *p = &m->persons[pid];
	struct pool *pl = &m->pools[p->pool];
	uint32_t last = pl->idle[--pl->nidle];

	if (last != pid) {
		pl->idle[p->idle_pos] = last;
		m->persons[last].idle_pos = p->idle_pos;
	}
	p->idle_pos = -1;
}

/* Person pid starts (or resumes) item id now. */
HOT int
start_work(struct sim *m, uint32_t pid, uint32_t id)
{
	struct person *p = &m->persons[pid];
	struct item *it = &m->items[id];
	const struct scn_class *k = &m->s->classes[it->cls];
	double dur = it->service;

	if (!it->started) {
		it->started = 1;
		if (it->measured)
			record_wait(m, it, m->now - it->arrival);
	}
	p->reach_ok = 1;
	if (m->kl[it->cls].contact) {
		/* Every sync item is a phone contact: an attempt, then (if the patient
		 * answers) the conversation itself. */
		it->attempts++;
		p->reach_ok = it->attempts == it->reach_at;
		dur = m->s->contact.attempt + (p->reach_ok ? it->service : 0.0);
		if (p->reach_ok)
			safety_reach(m, it);
	} else if (k->mode == SCN_SYNC) {
		safety_reach(m, it);
	}
	p->item = (int32_t)id;
	p->busy_since = m->now;
	p->done_at = m->now + dur;
	return push(m, p->done_at, EV_DONE, pid);
}

/* Busy time of person p from busy_since to now, inside the span. */
HOT void
account_busy(struct sim *m, struct person *p)
{
	*p->busy_min += in_span(m, p->busy_since, m->now);
}

static int readmit(struct sim *m);

/* An idle, on-duty person looks for work: the highest-priority class first.
 * With call-backs held back (capacity = dynamic), freeing up may let them in.
 * The general case of person_pick. */
static int
person_pick_all(struct sim *m, uint32_t pid)
{
	struct person *p = &m->persons[pid];
	struct pool *pl = &m->pools[p->pool];
	int i, to = m->s->esc.to_class;

	for (;;) {
		for (i = 0; i < pl->nserves; i++) {
			int c = pl->serves[i];

			if (m->queues[c].len > 0) {
				int64_t id = queue_pop(m, c);

				if (id >= 0) {
					if (start_work(m, pid, (uint32_t)id) != 0)
						return -1;
					return c == to && m->deferred.n > 0 ? readmit(m) : 0;
				}
			}
		}
		if (m->deferred.n == 0 || m->rank[p->pool][to] < 0)
			break;
		if (readmit(m) != 0)
			return -1;
		if (m->queues[to].len == 0)
			break;
	}
	idle_push(m, pid);
	return 0;
}

/* An idle, on-duty person looks for work.  The common case inline: nothing
 * held back, and the first class with someone waiting is first come, first
 * served (its head is live); otherwise person_pick_all, from the start. */
HOT int
person_pick(struct sim *m, uint32_t pid)
{
	const struct pool *pl = &m->pools[m->persons[pid].pool];
	int i;

	if (m->deferred.n > 0)
		return person_pick_all(m, pid);
	for (i = 0; i < pl->nserves; i++) {
		int c = pl->serves[i];

		if (m->queues[c].len > 0) {
			if (!m->queues[c].fifo)
				return person_pick_all(m, pid);
			return start_work(m, pid, (uint32_t)queue_pop(m, c));
		}
	}
	idle_push(m, pid);
	return 0;
}

/* Interrupt async work in hand for sync item of class c (preempt = yes).  The
 * victim is the busy person doing the lowest-priority async work, the latest
 * started among equals.  Returns 1 if someone was freed for the queue. */
static int
preempt_for(struct sim *m, int c)
{
	int i;

	for (i = 0; i < m->nclass_pools[c]; i++) {
		int pi = m->class_pools[c][i];
		struct pool *pl = &m->pools[pi];
		int32_t best = -1, best_rank = -1;
		uint32_t j;

		if (!pl->preempt)
			continue;
		for (j = pl->first; j < pl->first + pl->count; j++) {
			struct person *p = &m->persons[j];
			int r;

			if (!p->on_duty || p->leaving || p->item < 0)
				continue;
			if (m->s->classes[m->items[p->item].cls].mode != SCN_ASYNC)
				continue;
			r = m->rank[pi][m->items[p->item].cls];
			if (r > best_rank || (r == best_rank &&
			    p->busy_since > m->persons[best].busy_since)) {
				best = (int32_t)j;
				best_rank = r;
			}
		}
		if (best >= 0) {
			struct person *p = &m->persons[best];
			uint32_t id = (uint32_t)p->item;

			m->items[id].service = p->done_at - m->now;
			account_busy(m, p);
			p->done_at = -1.0;      /* its EV_DONE is now stale */
			p->item = -1;
			if (queue_push(m, m->items[id].cls, id, 1) != 0)
				return -1;
			if (person_pick(m, (uint32_t)best) != 0)
				return -1;
			return 1;
		}
	}
	return 0;
}

/* Persons on duty (not leaving) who serve class c. */
static uint32_t
on_duty_for(const struct sim *m, int c)
{
	uint32_t n = 0;
	int i;

	for (i = 0; i < m->nclass_pools[c]; i++)
		n += m->pools[m->class_pools[c][i]].on_duty;
	return n;
}

/* Would an item joining class c's queue behind `len + extra - 1` others start
 * within the class target?  A fluid estimate: work ahead over people on duty. */
static int
queue_can_meet(const struct sim *m, int c, int extra)
{
	const struct scn_class *k = &m->s->classes[c];
	uint32_t n;

	if (!k->has_target)
		return 1;
	n = on_duty_for(m, c);
	if (n == 0)
		return 0;
	return (m->queues[c].len + extra - 1) * m->kl[c].handle_mean / n <= k->target_within;
}

/* Hold a call-back back (capacity = dynamic), counted once per item. */
static int
defer_item(struct sim *m, uint32_t id)
{
	struct item *it = &m->items[id];
	struct qent e;

	e.prio = -it->p_acute;
	e.seq = m->seq++;
	e.item = id;
	it->seq = e.seq;
	it->deferred = 1;
	if (!it->was_deferred && it->measured)
		m->out->safety.deferred++;
	it->was_deferred = 1;
	return heap_push(m, &m->deferred, e);
}

/* The queued call-back of class c with the lowest risk (latest among equals). */
static int64_t
lowest_risk(const struct sim *m, int c)
{
	const struct queue *q = &m->queues[c];
	int64_t best = -1;
	uint32_t i;

	for (i = 0; i < q->n; i++) {
		const struct qent *e = &q->h[i];
		const struct item *it = &m->items[e->item];

		if (e->seq != it->seq || !it->queued || !it->callback)
			continue;
		if (best < 0 || it->p_acute < m->items[best].p_acute ||
		    (it->p_acute == m->items[best].p_acute && it->seq > m->items[best].seq))
			best = e->item;
	}
	return best;
}

/* Let held-back call-backs in, highest risk first, while the queue can meet its
 * target. */
static int
readmit(struct sim *m)
{
	int c = m->s->esc.to_class;

	while (m->deferred.n > 0 && queue_can_meet(m, c, 1)) {
		struct qent e = heap_pop(&m->deferred);
		struct item *it = &m->items[e.item];

		if (e.seq != it->seq)
			continue;
		if (!it->deferred) {    /* gave up while held back */
			item_free(m, e.item);
			continue;
		}
		it->deferred = 0;
		if (dispatch_new(m, e.item) != 0)
			return -1;
	}
	return 0;
}

static int
arm_patience(struct sim *m, uint32_t id)
{
	struct item *it = &m->items[id];

	if (it->started || it->patience_set || !isfinite(it->patience))
		return 0;
	it->patience_set = 1;
	return push(m, it->arrival + it->patience, EV_PATIENCE, id);
}

/* No one idle for a new item: it queues.  capacity = dynamic: when the
 * call-back queue cannot meet its target, a new call-back is admitted only
 * ahead of lower-risk ones; the lowest-risk one is held back (deferred, not
 * lost) until the queue can meet its target again. */
static int
dispatch_queue(struct sim *m, uint32_t id)
{
	int c = m->items[id].cls;
	const struct scn_class *k = &m->s->classes[c];

	if (m->items[id].callback && m->s->esc.capacity == SCN_DYNAMIC &&
	    !queue_can_meet(m, c, 1)) {
		int64_t low = lowest_risk(m, c);

		if (low < 0 || m->items[low].p_acute >= m->items[id].p_acute) {
			if (defer_item(m, id) != 0)
				return -1;
			return arm_patience(m, id);
		}
		queue_forget(m, c, (uint32_t)low);
		if (defer_item(m, (uint32_t)low) != 0)
			return -1;
	}
	if (queue_push(m, c, id, 0) != 0)
		return -1;
	if (k->mode == SCN_SYNC) {
		if (arm_patience(m, id) != 0)
			return -1;
		if (preempt_for(m, c) < 0)
			return -1;
	}
	return 0;
}

/* Escalate an async item: a call-back of to_class for the same patient.  Items
 * are addressed by index: creating one may move the array. */
static int
escalate(struct sim *m, uint32_t src_id)
{
	const struct scn_escalation *e = &m->s->esc;
	struct item *src, *cb;
	uint32_t id;

	src = &m->items[src_id];
	if (item_create(m, e->to_class, src->origin, src->measured,
	    rng_child_key(src->key, 1), NULL, &id) != 0)
		return -1;
	src = &m->items[src_id];
	cb = &m->items[id];
	/* The call-back is about the same patient: same risk, same truth. */
	cb->p_acute = src->p_acute;
	cb->acute = src->acute;
	cb->callback = 1;
	/* The safety question moves to the call-back. */
	cb->safety_open = src->safety_open;
	src->safety_open = 0;
	if (src->measured && !src->escalated)
		m->out->safety.escalated++;
	return dispatch_new(m, id);
}

/* A person finished what they were doing (an item, or a contact attempt). */
static int
on_done(struct sim *m, uint32_t pid, double t)
{
	struct person *p = &m->persons[pid];
	struct item *it;
	const struct scn_class *k;
	uint32_t id;
	int c;

	if (p->item < 0 || t != p->done_at)
		return 0;               /* preempted: stale */
	id = (uint32_t)p->item;
	it = &m->items[id];
	c = it->cls;
	k = &m->s->classes[c];
	account_busy(m, p);
	p->item = -1;

	if (!p->reach_ok) {
		/* The patient did not answer. */
		if (it->attempts < m->s->contact.max_attempts) {
			if (push(m, m->now + m->s->contact.retry_after, EV_RETRY, id) != 0)
				return -1;
		} else {
			if (it->measured)
				m->out->safety.unreached++;
			resolve(m, it);
			if (m->s->contact.follow_up_class >= 0) {
				uint32_t fid;

				if (item_create(m, m->s->contact.follow_up_class, it->origin,
				    it->measured, rng_child_key(it->key, 2), NULL, &fid) != 0)
					return -1;
				/* A follow-up is a note for the team, not a new risk. */
				m->items[fid].p_acute = 0.0;
				m->items[fid].acute = 0;
				if (dispatch_new(m, fid) != 0)
					return -1;
			}
			item_free(m, id);
		}
	} else {
		double resp = m->now - it->arrival;

		if (it->measured) {
			struct sim_class_rep *cr = m->kl[c].rep;

			cr->completed++;
			record_resp(cr, resp);
			cr->met += resp <= m->kl[c].met_resp;
		}
		if (m->kl[c].plain_done) {
			/* Nothing to escalate, no safety question: the common case. */
		} else if (k->mode == SCN_ASYNC && it->escalated) {
			/* Screened at arrival: the call-back has the safety question. */
		} else if (k->mode == SCN_ASYNC && m->s->esc.enabled &&
		    it->p_acute > m->s->esc.threshold) {
			if (escalate(m, id) != 0)
				return -1;
			it = &m->items[id];
		} else if (k->mode == SCN_ASYNC && it->safety_open) {
			/* Acute, under the threshold (or no escalation): only the reply
			 * reaches the patient. */
			if (m->s->esc.enabled && it->measured)
				m->out->safety.false_negatives++;
			if (k->safe_window > 0.0)
				safety_reach(m, it);
		}
		resolve(m, it);
		item_free(m, id);
	}

	if (p->leaving) {
		overtime_end(m, p);
		p->on_duty = 0;
		return 0;
	}
	return person_pick(m, pid);
}

static int
on_patience(struct sim *m, uint32_t id, double t)
{
	struct item *it = &m->items[id];

	if (!it->live || it->started || !(it->queued || it->deferred) ||
	    t != it->arrival + it->patience)
		return 0;
	/* The patient gives up: the entry stays in its heap and is freed when popped. */
	if (it->queued)
		queue_forget(m, it->cls, id);
	it->deferred = 0;
	if (it->measured)
		m->out->cls[it->cls].abandoned++;
	resolve(m, it);
	return 0;
}

/* ---- shifts -------------------------------------------------------------------- */

static int
shift_runs_on(const struct sim *m, int si, long day)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	int wd = (int)(((day + m->s->start_weekday) % 7 + 7) % 7);

	if (!(sh->days & (1u << wd)))
		return 0;
	if (sh->skip_holidays && day >= 0 && day < m->ndays && m->holiday[day])
		return 0;
	return 1;
}

/* Schedule the next start of shift si on or after day `from`. */
static int
schedule_shift(struct sim *m, int si, long from)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	long d;

	for (d = from; d < m->ndays; d++) {
		double t = d * DAY_MIN + sh->start;

		if (d * DAY_MIN + sh->end <= 0.0 || !shift_runs_on(m, si, d))
			continue;
		if (t >= m->stop_at)
			return 0;
		return push(m, t < 0.0 ? 0.0 : t, EV_SHIFT_START, (uint32_t)si);
	}
	return 0;
}

static int
on_shift_start(struct sim *m, int si)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	/* The run started on this day (a run from the day before t = 0 starts
	 * at 0, which still gives that day: start > 0 then). */
	long day = (long)floor((m->now - sh->start) / DAY_MIN);
	double end = day * DAY_MIN + sh->end;
	long d = day + 1;
	uint32_t j, n = (uint32_t)m->staff[si];

	/* Back-to-back runs of the same shift (00:00-24:00 every day) are one
	 * stretch on duty: nobody hands over at midnight. */
	while (d < m->ndays && shift_runs_on(m, si, d) && d * DAY_MIN + sh->start == end) {
		end = d * DAY_MIN + sh->end;
		d++;
	}
	{
		double on = in_span(m, m->now, end) * n;
		int role = sh->role;

		m->out->role[role].on_duty_min += on;
		m->out->role[role].cost += on / 60.0 * sh->cost_per_hour;
		m->out->roster_cost += on / 60.0 * sh->cost_per_hour;
	}
	for (j = 0; j < n; j++) {
		uint32_t pid = m->shift_first[si] + j;
		struct person *p = &m->persons[pid];
		int counted = p->on_duty && !p->leaving;

		if (p->leaving)         /* still on overtime from the last stretch */
			overtime_end(m, p);
		if (!counted)
			m->pools[p->pool].on_duty++;
		p->on_duty = 1;
		p->shift_end = end;
		if (p->item < 0 && person_pick(m, pid) != 0)
			return -1;
	}
	if (n > 0 && push(m, end, EV_SHIFT_END, (uint32_t)si) != 0)
		return -1;
	if (m->deferred.n > 0 && readmit(m) != 0)
		return -1;
	return schedule_shift(m, si, d);
}

static void
on_shift_end(struct sim *m, int si)
{
	uint32_t j, n = (uint32_t)m->staff[si];

	for (j = 0; j < n; j++) {
		uint32_t pid = m->shift_first[si] + j;
		struct person *p = &m->persons[pid];

		if (!p->on_duty || p->leaving || p->shift_end > m->now)
			continue;
		m->pools[p->pool].on_duty--;
		if (p->item >= 0) {
			p->leaving = 1;  /* finishes the item in hand: overtime */
		} else {
			idle_remove(m, pid);
			p->on_duty = 0;
		}
	}
}

/* At the end of the drain, items still open are censored: their age so far is a
 * lower bound of their wait and response, recorded as such. */
static void
censor_open(struct sim *m)
{
	uint32_t i;

	for (i = 0; i < m->nitems; i++) {
		struct item *it = &m->items[i];
		struct sim_class_rep *cr;

		if (!it->live || it->resolved || !it->measured)
			continue;
		cr = &m->out->cls[it->cls];
		if (!it->started)
			record_wait(m, it, m->now - it->arrival);
		record_resp(cr, m->now - it->arrival);
		cr->censored++;
		if (it->safety_open)    /* not reached by the end of the drain: a miss */
			safety_close(m, it);
	}
}

/* ---- the loop ------------------------------------------------------------------- */

/* The event count at which the loop next looks at the limit and the stop flag:
 * the next multiple of SIM_STOP_EVERY, or one past the limit if sooner.  So the
 * loop pays one compare per event for both. */
static uint64_t
next_check(uint64_t events, uint64_t max_events)
{
	uint64_t at = (events | (SIM_STOP_EVERY - 1)) + 1;

	return max_events < at - 1 ? max_events + 1 : at;
}

/* Reached *check_at events: over the limit, or asked to stop?  Else the next
 * checkpoint. */
static int
event_checkpoint(struct sim *m, const struct sim_opts *o, int rep, uint64_t events,
    uint64_t *check_at)
{
	if (events > m->max_events)
		return cq_err_set(m->err, CQ_EXIT_USAGE, m->s->file, 0,
		    "replication %d exceeds %llu events, the limit set by [scenario] "
		    "max_events; raise max_events, shorten [scenario] weeks or lower the "
		    "volume", rep + 1, (unsigned long long)m->max_events);
	if (o != NULL && ((o->stop != NULL && *o->stop) || (o->halt != NULL && *o->halt)))
		return cq_err_set(m->err, CQ_EXIT_FAIL, "", 0, "interrupted");
	*check_at = next_check(events, m->max_events);
	return 0;
}

int
sim_run(const struct scn *s, const struct sim_opts *o, int rep,
    struct sim_rep *out, struct cq_err *err)
{
	struct sim m;
	struct ev e;
	int i, c, rc = -1;
	long d;
	uint64_t events = 0;   /* a local: it is touched every event */
	uint64_t check_at;

	memset(&m, 0, sizeof m);
	m.s = s;
	m.out = out;
	m.err = err;
	m.staff = NULL;
	m.warm = s->warmup;
	m.span_end = s->warmup + s->weeks * WEEK_MIN;
	m.stop_at = m.span_end + sim_drain_span(s);
	m.max_events = o && o->max_events ? o->max_events :
	    s->max_events ? s->max_events : SIM_DEFAULT_MAX_EVENTS;
	m.max_waiting = s->max_waiting > 0 ? (uint32_t)s->max_waiting : SIM_MAX_ITEMS;
	m.ndays = (long)ceil(m.stop_at / DAY_MIN) + 2;
	check_at = next_check(0, m.max_events);

	if (o != NULL && o->staff != NULL) {
		m.staff = o->staff;
	} else {
		int *st = malloc((size_t)(s->nshifts + 1) * sizeof *st);

		if (st == NULL)
			return sim_fail_nomem(&m);
		for (i = 0; i < s->nshifts; i++)
			st[i] = s->shifts[i].staff;
		m.staff = st;
	}
	if (evq_init(&m.q, 256) != 0)
		goto nomem;
	m.arr = calloc((size_t)s->nstreams + 1, sizeof *m.arr);
	if (m.arr == NULL)
		goto nomem;
	m.queues = calloc((size_t)s->nclasses + 1, sizeof *m.queues);
	m.shift_first = calloc((size_t)s->nshifts + 1, sizeof *m.shift_first);
	m.holiday = calloc((size_t)m.ndays, 1);
	if (m.queues == NULL || m.shift_first == NULL || m.holiday == NULL)
		goto nomem;
	for (c = 0; c < s->nclasses; c++)
		m.queues[c].fifo = s->classes[c].mode == SCN_ASYNC;
	for (i = 0; i < s->nholidays; i++)
		if (s->holidays[i] >= 0 && s->holidays[i] < m.ndays)
			m.holiday[s->holidays[i]] = 1;
	if (sim_setup_pools(&m) != 0 || sim_setup_streams(&m, rep) != 0)
		goto done;
	sim_setup_classes(&m);

	for (i = 0; i < s->nstreams; i++) {
		double t = s->streams[i].per_week > 0.0 ? next_arrival(&m, i, 0.0) : INFINITY;

		m.arr[i].next = t < m.stop_at ? t : INFINITY;
	}
	arrivals_min(&m);
	for (i = 0; i < s->nshifts; i++)
		if (schedule_shift(&m, i, -1) != 0)
			goto done;
	/* Week marks are scheduled one at a time: a small calendar pops faster. */
	if (out->nweeks > 0 && push(&m, m.warm + WEEK_MIN, EV_WEEK, 0) != 0)
		goto done;
	if (push(&m, m.span_end, EV_SPAN_END, 0) != 0 ||
	    push(&m, m.stop_at, EV_STOP, 0) != 0)
		goto done;

	for (;;) {
		/* Arrivals are handled apart from the calendar's switch: which of the
		 * two comes next is a coin toss the branch predictor cannot learn, and
		 * one unpredictable branch per event is better than two. */
		if (m.q.n == 0 || m.arr_min < evq_top(&m.q)->t) {
			if (m.arr_min_i < 0)
				break;          /* neither events nor arrivals left */
			m.now = m.arr_min;
			if (++events >= check_at &&
			    event_checkpoint(&m, o, rep, events, &check_at) != 0)
				goto done;
			if (on_arrival(&m, m.arr_min_i) != 0)
				goto done;
			continue;       /* an arrival resolves nothing */
		}
		/* Calendar events go first on a tie with an arrival.  The event stays
		 * on top until its handler schedules one (see push) or returns. */
		e = *evq_top(&m.q);
		m.top_pending = 1;
		m.now = e.t;
		if (++events >= check_at &&
		    event_checkpoint(&m, o, rep, events, &check_at) != 0)
			goto done;
		switch (ev_type(&e)) {
		case EV_DONE:
			if (on_done(&m, ev_index(&e), e.t) != 0)
				goto done;
			break;
		case EV_SHIFT_START:
			if (on_shift_start(&m, (int)ev_index(&e)) != 0)
				goto done;
			break;
		case EV_SHIFT_END:
			on_shift_end(&m, (int)ev_index(&e));
			break;
		case EV_RETRY:
			if (dispatch_new(&m, ev_index(&e)) != 0)
				goto done;
			break;
		case EV_PATIENCE:
			if (on_patience(&m, ev_index(&e), e.t) != 0)
				goto done;
			break;
		case EV_WEEK:
			for (c = 0; c < s->nclasses; c++)
				out->cls[c].week_backlog[m.week_no] = m.queues[c].len;
			m.week_no++;
			if (m.week_no < out->nweeks && push(&m, m.warm + (m.week_no + 1) *
			    WEEK_MIN, EV_WEEK, 0) != 0)
				goto done;
			break;
		case EV_SPAN_END:
			for (c = 0; c < s->nclasses; c++) {
				backlog_account(&m, c, m.now);
				out->cls[c].waiting_at_end = m.queues[c].len;
			}
			m.past_span = 1;
			break;
		case EV_STOP:
			censor_open(&m);
			evq_clear(&m.q);
			m.top_pending = 0;
			m.arr_min_i = -1;
			break;
		}
		if (m.top_pending) {
			struct ev done_with;

			m.top_pending = 0;
			evq_pop(&m.q, &done_with);
		}
		if (m.past_span && m.outstanding == 0)
			break;
	}
	out->events = events;
	/* Minutes observed per hour of week, for mean backlog. */
	for (d = (long)(m.warm / 60.0); d < (long)ceil(m.span_end / 60.0); d++) {
		double seg = in_span(&m, d * 60.0, (d + 1) * 60.0);
		int h = hour_of_week(&m, d * 60.0);

		for (c = 0; c < s->nclasses; c++)
			out->cls[c].backlog_time[h] += seg;
	}
	rc = 0;
	goto done;
nomem:
	sim_fail_nomem(&m);
done:
	sim_cleanup(&m);
	if (o == NULL || o->staff == NULL)
		free((void *)m.staff);
	return rc;
}

