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
 *
 * This file: the event loop and the run, arrivals, and the end of a service
 * (a person done with an item or a contact attempt).  The rest of the engine
 * is in sim_dispatch.c, sim_contact.c, sim_shift.c and sim_setup.c; what they
 * share, the hot path included, in sim_int.h.
 */
#include "sim.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dist_sample.h"
#include "evq.h"
#include "rng.h"

#include "sim_int.h"

/* ---- arrivals ---------------------------------------------------------------- */

/* The factor of t's day on a varying stream's rates (volume_cv).  Days start
 * on hours, so it holds for the hour.  A walk past the horizon (quiet days
 * can carry it there) keeps the last day's: such an arrival is dropped. */
static inline double
day_factor(const struct sim *m, const struct arrivals *a, double t)
{
	long d = (long)(t / DAY_MIN);

	return a->day_g[d < m->ndays ? d : m->ndays - 1];
}

/* Next arrival after t of a piecewise-constant Poisson process: consume one
 * Exp(1) of cumulative rate hour by hour (exact, no thinning).  The stream has
 * some positive rate (see first_arrival).  An hour's rate is that of its hour
 * of week, or on a holiday that of holiday_arrivals' weekday (arrival_hour):
 * still constant within the hour, so the walk stays exact. */
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
	/* A trace has no rate (never flat): its next row; e is not used. */
	if (__builtin_expect(st->trace != NULL, 0))
		return sim_trace_next(m, sidx);
	for (;;) {
		if (!(t < a->hour_end && t >= a->hour_end - 60.0)) {
			a->hour_end = (floor(t / 60.0) + 1.0) * 60.0;
			a->rate = st->rate[arrival_hour(m, t)];
			if (__builtin_expect(a->day_g != NULL, 0))
				a->rate *= day_factor(m, a, t);
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
	return sim_escalate(m, id);
}

/* A stream's arrival: draw its class (or its reading's value), make the item.
 * Arrival n of a stream draws from substream n of that stream. */
static int
on_arrival(struct sim *m, int sidx)
{
	const struct scn_stream *st = &m->s->streams[sidx];
	const struct scn_trace *tr = st->trace;   /* NULL: Poisson arrivals */
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
	} else if (__builtin_expect(tr != NULL, 0) && tr->has_class) {
		c = sim_trace_class(m, sidx);
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
	t = next_arrival(m, sidx, m->now);   /* or a trace's next row */
	m->arr[sidx].next = t < m->stop_at ? t : INFINITY;
	arrivals_min(m);
	return 0;
}

/* ---- people ------------------------------------------------------------------- */

/* The patient did not answer an attempt: another one later, or, after the
 * last, unreached (and a follow-up for the team).  Rare: kept out of the
 * loop's code. */
static __attribute__((noinline)) int
unanswered(struct sim *m, uint32_t id)
{
	struct item *it = &m->items[id];

	if (it->attempts < m->s->contact.max_attempts)
		return push(m, m->now + m->s->contact.retry_after, EV_RETRY, id);
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
		item_from_origin(m, fid);
		if (dispatch_new(m, fid) != 0)
			return -1;
	}
	item_free(m, id);
	return 0;
}

/* What happens after an item that is not plain is done (person pid served
 * it): its record, when records are on; it moves on along its pathway,
 * escalates, or closes its safety question.  Returns 0, -1. */
static __attribute__((noinline)) int
done_not_plain(struct sim *m, uint32_t id, uint32_t pid)
{
	struct item *it = &m->items[id];
	const struct scn_class *k = &m->s->classes[it->cls];
	int routed;

	/* Records on: every class comes here (plain_done is 0), the item still
	 * whole. */
	if (m->rec != NULL && it->measured)
		sim_record_served(m, id, pid);
	if (k->nnext > 0 && (routed = sim_route(m, id)) != 1) {
		if (routed < 0)   /* else it moved on along its pathway */
			return -1;
	} else if (k->mode == SCN_ASYNC && it->escalated) {
		/* Screened at arrival: the call-back has the safety question. */
	} else if (k->mode == SCN_ASYNC && m->s->esc.enabled &&
	    it->p_acute > m->s->esc.threshold) {
		if (sim_escalate(m, id) != 0)
			return -1;
	} else if (k->mode == SCN_ASYNC && it->safety_open) {
		/* Acute, under the threshold (or no escalation): only the reply
		 * reaches the patient. */
		if (m->s->esc.enabled && it->measured)
			m->out->safety.false_negatives++;
		if (k->safe_window > 0.0)
			safety_reach(m, it);
	}
	return 0;
}

/* A person finished what they were doing (an item, or a contact attempt). */
static int
on_done(struct sim *m, uint32_t pid, double t)
{
	struct person *p = &m->persons[pid];
	struct item *it;
	uint32_t id;
	int c;

	if (p->item < 0 || t != p->done_at)
		return 0;               /* preempted: stale */
	id = (uint32_t)p->item;
	it = &m->items[id];
	c = it->cls;
	account_busy(m, p);
	p->item = -1;

	if (!p->reach_ok) {
		if (unanswered(m, id) != 0)
			return -1;
	} else {
		double resp = m->now - it->arrival;

		if (it->measured) {
			struct sim_class_rep *cr = m->kl[c].rep;

			cr->completed++;
			record_resp(cr, resp);
			cr->met += resp <= m->kl[c].met_resp;
			if (resp > m->kl[c].miss_resp)
				miss_timed(m, it);
		}
		/* Plain (nothing to escalate, no safety question): the common case. */
		if (!m->kl[c].plain_done) {
			if (done_not_plain(m, id, pid) != 0)
				return -1;
			it = &m->items[id];     /* the items may have moved */
		}
		resolve(m, it);
		item_free(m, id);
	}

	if (p->leaving) {
		sim_overtime_end(m, p);
		p->on_duty = 0;
		return 0;
	}
	if (p->break_due)       /* a break fell due during the item */
		return sim_break_start(m, pid);
	return person_pick(m, pid);
}

/* At the end of the drain, items still open are censored: their age so far is a
 * lower bound of their wait and response, recorded as such. */
static void
censor_open(struct sim *m)
{
	uint32_t i;
	int c;

	/* A miss found now is an item still open, not one that waited too long. */
	for (c = 0; c < m->s->nclasses; c++)
		m->kl[c].miss_wait = INFINITY;
	for (i = 0; i < m->nitems; i++) {
		struct item *it = &m->items[i];
		struct sim_class_rep *cr;
		const struct scn_class *k;

		if (!it->live || it->resolved || !it->measured)
			continue;
		cr = &m->out->cls[it->cls];
		k = &m->s->classes[it->cls];
		if (!it->started) {
			record_wait(m, it, m->now - it->arrival);
			if (k->mode == SCN_SYNC && k->has_target &&
			    m->now - it->arrival > k->target_within)
				sim_miss(m, it, MISS_OPEN);
		}
		record_resp(cr, m->now - it->arrival);
		cr->censored++;
		if (k->mode == SCN_ASYNC)
			sim_miss(m, it, MISS_OPEN);   /* a sync one missed, or met, at its start */
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

/* The set-up and the end of a replication are kept out of line (COLD): inlined
 * into sim_run they cost its event loop about 3% more instructions under
 * callgrind (bench/mm8.ini), for a worse register allocation of the loop. */
#define COLD static __attribute__((noinline))

/* The roster as written: persons per shift, and by day when a shift's staff
 * differs by day (its persons: the most on any day).  0, -1 with m->err. */
COLD int
roster_as_written(struct sim *m, const struct scn *s)
{
	int *st = malloc((size_t)(s->nshifts + 1) * sizeof *st), i, d;

	if (st == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < s->nshifts; i++)
		st[i] = s->shifts[i].staff;
	m->staff = m->own_staff = st;
	if (scn_roster_uniform(s))
		return 0;
	if ((m->day_staff = malloc((size_t)s->nshifts * WEEK_DAYS * sizeof *m->day_staff)) == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < s->nshifts; i++) {
		st[i] = 0;
		for (d = 0; d < WEEK_DAYS; d++) {
			m->day_staff[i * WEEK_DAYS + d] = scn_shift_staff_on(s, NULL, i, d);
			if (m->day_staff[i * WEEK_DAYS + d] > st[i])
				st[i] = m->day_staff[i * WEEK_DAYS + d];
		}
	}
	return 0;
}

/* The replication's state: its limits, the roster, the queues, the calendar's
 * holidays, pools, streams, classes and cover.  Returns 0, -1 with m->err. */
COLD int
run_begin(struct sim *m, const struct scn *s, const struct sim_opts *o, int rep)
{
	int i;

	m->warm = s->warmup;
	m->how0 = (unsigned long)s->start_weekday * 24;
	m->span_end = s->warmup + s->weeks * WEEK_MIN;
	m->stop_at = m->span_end + sim_drain_span(s);
	m->max_events = o && o->max_events ? o->max_events :
	    s->max_events ? s->max_events : SIM_DEFAULT_MAX_EVENTS;
	m->max_waiting = s->max_waiting > 0 ? (uint32_t)s->max_waiting : SIM_MAX_ITEMS;
	m->ndays = (long)ceil(m->stop_at / DAY_MIN) + 2;
	if (o != NULL && o->staff != NULL) {
		m->staff = o->staff;
	} else if (roster_as_written(m, s) != 0) {
		return -1;
	}
	if (evq_init(&m->q, 256) != 0)
		return sim_fail_nomem(m);
	m->arr = calloc((size_t)s->nstreams + 1, sizeof *m->arr);
	m->queues = calloc((size_t)s->nclasses + 1, sizeof *m->queues);
	m->shift_first = calloc((size_t)s->nshifts + 1, sizeof *m->shift_first);
	m->holiday = calloc((size_t)m->ndays, 1);
	if (m->arr == NULL || m->queues == NULL || m->shift_first == NULL || m->holiday == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < s->nholidays; i++)
		if (s->holidays[i] >= 0 && s->holidays[i] < m->ndays)
			m->holiday[s->holidays[i]] = 1;
	if (sim_setup_pools(m) != 0 || sim_setup_streams(m, rep) != 0)
		return -1;
	sim_setup_classes(m);
	return sim_cover_build(m);
}

/* The first arrival of every stream, every shift's first run, the week marks,
 * the end of the span and the end of the drain.  Returns 0, -1. */
COLD int
run_schedule(struct sim *m)
{
	const struct scn *s = m->s;
	int i;

	for (i = 0; i < s->nstreams; i++) {
		double t = s->streams[i].trace != NULL ? sim_trace_first(m, i) :
		    s->streams[i].per_week > 0.0 ? next_arrival(m, i, 0.0) : INFINITY;

		m->arr[i].next = t < m->stop_at ? t : INFINITY;
	}
	arrivals_min(m);
	for (i = 0; i < s->nshifts; i++)
		if (sim_schedule_shift(m, i, -1) != 0)
			return -1;
	/* Week marks are scheduled one at a time: a small calendar pops faster. */
	if (m->out->nweeks > 0 && push(m, m->warm + WEEK_MIN, EV_WEEK, 0) != 0)
		return -1;
	if (push(m, m->span_end, EV_SPAN_END, 0) != 0 || push(m, m->stop_at, EV_STOP, 0) != 0)
		return -1;
	return 0;
}

/* A week mark, the end of the span, the end of the drain: rare. */
COLD int
on_mark(struct sim *m, int type)
{
	const struct scn *s = m->s;
	struct sim_rep *out = m->out;
	int c;

	switch (type) {
	case EV_WEEK:
		for (c = 0; c < s->nclasses; c++)
			out->cls[c].week_backlog[m->week_no] = m->queues[c].len;
		m->week_no++;
		if (m->week_no < out->nweeks && push(m, m->warm + (m->week_no + 1) *
		    WEEK_MIN, EV_WEEK, 0) != 0)
			return -1;
		break;
	case EV_SPAN_END:
		for (c = 0; c < s->nclasses; c++) {
			backlog_account(m, c, m->now);
			out->cls[c].waiting_at_end = m->queues[c].len;
		}
		m->past_span = 1;
		break;
	case EV_STOP:
		censor_open(m);
		evq_clear(&m->q);
		m->top_pending = 0;
		m->arr_min_i = -1;
		break;
	}
	return 0;
}

/* A calendar event (on top of the calendar until its handler schedules one or
 * returns).  Returns 0, -1. */
HOT int
on_event(struct sim *m, const struct ev *e)
{
	switch (ev_type(e)) {
	case EV_DONE:
		return on_done(m, ev_index(e), e->t);
	case EV_SHIFT_START:
		return sim_on_shift_start(m, (int)ev_index(e));
	case EV_SHIFT_END:
		sim_on_shift_end(m, (int)ev_index(e));
		return 0;
	case EV_BREAK:
		return sim_on_break(m, ev_index(e), e->t);
	case EV_RETRY:
		return dispatch_new(m, ev_index(e));
	case EV_PATIENCE:
		return sim_on_patience(m, ev_index(e), e->t);
	default:
		return on_mark(m, ev_type(e));
	}
}

/* The replication's last figures: its events, and the minutes observed per
 * hour of week (for the mean backlog). */
COLD void
run_finish(struct sim *m, uint64_t events)
{
	const struct scn *s = m->s;
	long d;
	int c;

	sim_cover_close(m);
	m->out->events = events;
	for (d = (long)(m->warm / 60.0); d < (long)ceil(m->span_end / 60.0); d++) {
		double seg = in_span(m, d * 60.0, (d + 1) * 60.0);
		int h = hour_of_week(m, d * 60.0);

		for (c = 0; c < s->nclasses; c++)
			m->out->cls[c].backlog_time[h] += seg;
	}
}

int
sim_run(const struct scn *s, const struct sim_opts *o, int rep,
    struct sim_rep *out, struct cq_err *err)
{
	struct sim m;
	struct ev e;
	int rc = -1;
	uint64_t events = 0;   /* a local: it is touched every event */
	uint64_t check_at;

	memset(&m, 0, sizeof m);
	m.s = s;
	m.out = out;
	m.err = err;
	m.rep = rep;
	if (o != NULL) {
		m.rec = o->record;
		m.rec_ctx = o->record_ctx;
	}
	if (run_begin(&m, s, o, rep) != 0 || run_schedule(&m) != 0)
		goto done;
	check_at = next_check(0, m.max_events);
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
		if (on_event(&m, &e) != 0)
			goto done;
		if (m.top_pending) {
			struct ev done_with;

			m.top_pending = 0;
			evq_pop(&m.q, &done_with);
		}
		if (m.past_span && m.outstanding == 0)
			break;
	}
	run_finish(&m, events);
	rc = 0;
done:
	sim_cleanup(&m);
	free(m.own_staff);
	free(m.day_staff);
	return rc;
}

