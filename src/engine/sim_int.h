/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_int.h — the engine's private state and its hot path, shared by its files:
 * sim.c (the event loop, arrivals, the end of a service, the run), sim_dispatch.c
 * (queues, dispatch, picking the next item, preemption), sim_contact.c
 * (escalation, call-back admission, safety, patience), sim_shift.c (shift
 * starts and ends, overtime) and sim_setup.c (building and freeing a
 * replication's state).  Nothing outside the engine includes it.
 */
#ifndef CQ_SIM_INT_H
#define CQ_SIM_INT_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "dist_sample.h"
#include "evq.h"
#include "rng.h"
#include "sim.h"

/* The few small functions on every item's path are forced inline: the engine
 * spends its time in them, and call overhead is a measurable share. */
#define HOT static inline __attribute__((always_inline))
/* Out of line, but a copy in each file that calls it, as when the engine was
 * one file: the compiler then sees what the call touches (registers, memory)
 * on the hot path.  As calls to another file they cost 0.3-0.6% instructions. */
#define SIM_LOCAL static __attribute__((unused))

#define SIM_DEFAULT_MAX_EVENTS ((uint64_t)SCN_DEFAULT_MAX_EVENTS)
#define SIM_MAX_ITEMS ((uint32_t)SCN_DEFAULT_MAX_WAITING)   /* items alive at once */

enum ev_type {
	EV_ARRIVAL,     /* a = stream (never in the calendar: see struct arrivals) */
	EV_DONE,        /* a = person (stale unless its time is the person's done_at) */
	EV_SHIFT_START, /* a = shift (the day follows from the time) */
	EV_SHIFT_END,   /* a = shift */
	EV_RETRY,       /* a = item: a contact attempt failed, call again */
	EV_PATIENCE,    /* a = item (stale unless its time is arrival + patience) */
	EV_WEEK,        /* end of a measured week: backlog snapshot */
	EV_SPAN_END,    /* end of the measured span */
	EV_STOP,        /* end of the drain */
	EV_BREAK        /* a = person: a break falls due, or ends (stale unless its
	                 * time is the person's break_ev) */
};

/* An item's hot fields come first; the flags that start at 0 sit together so
 * that creating an item clears them with one or two wide stores. */
/* The flags of an item that are all 0 when it is created: one block, so that
 * item_create clears them in one assignment (it->zero = ...), and a flag
 * added here is cleared with the others.  escalated: a call-back was made for
 * it (by screening); callback: made by escalation; deferred: held back by
 * capacity = dynamic (in m->deferred). */
#define ITEM_ZERO_FLAGS \
	uint8_t started, attempts, queued, safety_open, reached, resolved; \
	uint8_t escalated, callback, deferred, was_deferred, patience_set, spare_;
struct item_zero {
	ITEM_ZERO_FLAGS
};

struct item {
	double arrival;   /* entered this class (wait and response start here; the
	                   * origin for a class with measure_from = origin) */
	double service;   /* remaining service minutes */
	uint64_t key;     /* its random substream (see rng_local) */
	int32_t cls;
	uint8_t live, measured, acute;
	uint8_t reach_at;    /* the attempt that reaches the patient; 0: none does */
	union {              /* the flags by name, or all of them as one */
		struct {
			ITEM_ZERO_FLAGS
		};
		struct item_zero zero;
	};
	double origin;    /* the message or reading it came from (safety window) */
	double p_acute;
	/* Two draws that are spent once the item has started, and in their
	 * place, with records on, what its record needs of its start: struct
	 * item stays at 88 bytes and a run without records stores nothing. */
	union {
		double patience;     /* sync: minutes before giving up; INFINITY: never */
		double rec_service;  /* started: its service as it started (scaled) */
	};
	union {
		double screen_u;     /* uniform for the arrival screen */
		double rec_start;    /* started: when (a contact: its first attempt) */
	};
	int64_t seq;      /* when it joined its queue, in the order of all pushes
	                   * (negative: put back at the head): the heap's order
	                   * within a priority, and fcfs's across classes */
};

/* The layout the hot path was tuned for: the flags right after the four set at
 * creation, in one 12-byte block, and an item in 88 bytes. */
_Static_assert(sizeof(struct item_zero) == 12, "the zero flags are 12 bytes");
_Static_assert(offsetof(struct item, zero) == offsetof(struct item, started),
    "the flags by name and as a block are the same bytes");
_Static_assert(offsetof(struct item, spare_) - offsetof(struct item, started) == 11,
    "no flag outside the block");
_Static_assert(offsetof(struct item, started) == offsetof(struct item, reach_at) + 1,
    "the block follows the flags set at creation");
_Static_assert(sizeof(struct item) == 88, "an item is 88 bytes");

struct qent {
	double prio;      /* smaller first: -p_acute for sync, 0 for async */
	int64_t seq;
	uint32_t item;
};

/* A class's waiting items: a binary heap on (-p_acute, seq), or, where that
 * order is first come, first served with interrupted work back at the head
 * (async classes; sync ones whose p_acute is always 0), a ring deque, which
 * gives the same order as the heap would, in O(1). */
enum q_kind {
	Q_HEAP,           /* the heap */
	Q_RING,           /* the ring, every item in it live */
	Q_RING_LAZY,      /* the ring, where patients who gave up may sit */
	Q_RING_LINE       /* a lazy ring served by a role with discipline = fcfs:
	                   * its items carry their place in line (seq), which
	                   * the role compares across classes.  Kept apart from
	                   * Q_RING so that the plain ring's path (no stamp, no
	                   * test of the discipline) stays as it was. */
};

struct queue {
	int kind;         /* enum q_kind: one field, one test on the hot path */
	uint32_t *ring;   /* ring: n items from ring[head], capacity cap (a power of 2) */
	uint32_t head;
	struct qent *h;   /* heap */
	uint32_t n, cap;
	uint32_t len;     /* live items (abandoned ones may still sit in h) */
	double area_t;    /* backlog accounting: time of the last change */
	double hour_end;  /* end of the hour holding area_t, and that hour of week */
	int how;
	int hour_whole;   /* that hour lies wholly inside the measured span */
};

/* A stream's next arrival, kept out of the event calendar: with a handful of
 * streams a scan is cheaper than a heap push and pop per arrival. */
struct arrivals {
	double next;      /* time of the next arrival, INFINITY when none */
	double hour_end;  /* the hour being consumed, its rate and 1 / rate */
	double rate, inv_rate;
	uint64_t count;   /* arrivals so far: the index of the next one's substream */
	int flat;         /* the same rate every hour of the week (> 0) */
	double *day_g;    /* volume_cv > 0: each day's factor on the rates, by day
	                   * index from t = 0 (m->ndays of them; owned); else NULL */
	size_t trace_pos; /* a trace stream: the row of the next arrival */
};

struct pool {
	int role, on_call;
	int nserves;
	int serves[SCN_MAX_CLASSES];
	uint32_t *idle;   /* stack of idle, on-duty persons */
	uint32_t nidle;
	uint32_t first, count; /* its persons are ids first .. first + count - 1 */
	uint32_t on_duty;      /* persons on duty and not leaving */
	int preempt;
	int fcfs;              /* discipline = fcfs: the longest-waiting head first */
};

struct person {
	int32_t pool, shift;
	int32_t item;     /* -1 when idle */
	int32_t idle_pos; /* position in the pool's idle stack, -1 if not there */
	uint8_t on_duty, leaving, reach_ok;
	uint8_t absent;   /* drawn absent for the current run of its shift */
	uint8_t on_break; /* on duty but on break: not idle, not counted available */
	uint8_t break_due; /* a break fell due while busy: taken after the item */
	uint8_t brk;      /* the next break of the run (index into the shift's) */
	double busy_since, done_at, shift_end;
	double occ;       /* 00:00 of the day the current run started */
	double break_ev;  /* time of its pending EV_BREAK, -1 when none */
	double *busy_min;          /* its role's busy minutes, in the replication's result */
};

/* What the hot path asks of a class, worked out once per replication: one
 * predictable test instead of a walk through the scenario for each question. */
struct klass {
	struct sim_class_rep *rep;   /* its figures in the replication's result */
	double svc_mean;     /* > 0: service is exponential with this mean */
	const double *svc_w_start;   /* svc_w of a class whose service starts
	                      * when an item is taken up (not a contact); NULL
	                      * without the key */
	double met_wait;     /* a wait within this meets the target (sync) */
	double met_resp;     /* a response within this meets it (async); -1: never */
	double handle_mean;  /* mean person-minutes per item (capacity = dynamic) */
	int more_draws;      /* acuity, patience, contact or screening draws follow */
	int plain_done;      /* nothing to review at the end (sync; plain async) */
	int contact;         /* sync under [contact]: every start is a call */
	int plain_queue;     /* never deferred, no patience, no preemption: waits
	                      * at the back of its ring */
	/* Misses explained: a wait (sync) or response (async) over these misses
	 * the target; INFINITY where that measure has no target. */
	double miss_wait, miss_resp;
	/* Coverage, walked forward at shift starts and ends (never per item):
	 * whether someone who serves the class is on duty now, until cov_next;
	 * cov_mark: measured arrivals when the present stretch without cover
	 * began (sim_cover.c).  cov_full: on duty throughout the run. */
	double cov_next, cov_mark;
	uint32_t cov_i;
	int cov_in, cov_full;
	/* svc_w_start, or records on: the rare work of an item's first start,
	 * behind one test.  Here, in what was padding: see the assert below. */
	int start_rare;
	/* service_by_hour: the factor by hour of week of a service that starts
	 * then (NULL without the key), for a contact's service, which starts
	 * when an attempt reaches the patient, and for capacity = dynamic;
	 * handle_svc: the part of handle_mean that the factor scales. */
	const double *svc_w;
	double handle_svc;
};

/* m->kl[c] is indexed on the hot path: at 136 bytes instead of 128 the
 * address takes more instructions, +2% of a run's (callgrind, mmc_check). */
_Static_assert(sizeof(void *) != 8 || sizeof(struct klass) == 128, "a klass is 128 bytes");

/* When someone who serves a class is on duty, by the roster the replication
 * plays (shifts, their days, holidays; on-call shifts only for sync classes):
 * t[0] < t[1] < t[2] ... alternate the starts and ends of the stretches on
 * duty, [t[2k], t[2k+1]).  Looked up only when an item misses. */
struct cover {
	double *t;
	uint32_t n;
	int shared;       /* t belongs to an earlier class served by the same shifts */
};

enum miss_cause { MISS_TIMED, MISS_ABANDONED, MISS_OPEN };


struct sim {
	const struct scn *s;
	struct sim_rep *out;
	struct cq_err *err;
	double now, warm, span_end, stop_at;
	int past_span;
	unsigned long how0;       /* hours of week before t = 0 (start_weekday x 24) */
	uint64_t max_events;
	uint32_t max_waiting;     /* items alive at once */
	struct evq q;
	int top_pending;          /* the event being handled is still q's top */
	struct arrivals *arr;
	double arr_min;           /* earliest next arrival, and its stream */
	int arr_min_i;

	struct item *items;
	uint32_t nitems, cap_items;
	uint32_t *free_items;
	uint32_t nfree;
	int64_t seq, head_seq;

	struct queue *queues;
	struct queue deferred;   /* capacity = dynamic: call-backs held back, by risk */
	struct klass kl[SCN_MAX_CLASSES];
	struct pool pools[2 * SCN_MAX_ROLES];
	int npools;
	int class_pools[SCN_MAX_CLASSES][2 * SCN_MAX_ROLES];
	int nclass_pools[SCN_MAX_CLASSES];
	int rank[2 * SCN_MAX_ROLES][SCN_MAX_CLASSES]; /* priority of class in pool */
	struct person *persons;
	uint32_t npersons;
	const int *staff;         /* persons of each shift (by day: the most on any day) */
	int *own_staff;           /* the roster as written, when no staff was given */
	int *day_staff;           /* the roster as written by day (shift x WEEK_DAYS), when
	                           * its staff differs by day; NULL: staff on every day */
	uint32_t *shift_first;   /* first person id of each shift */
	unsigned char *holiday;  /* per day index from start_date */
	uint64_t *absence_key;   /* per shift: the key of its person-shifts' draws */
	long ndays;
	uint64_t outstanding;    /* measured items not yet resolved */
	int week_no;
	struct cover cov[SCN_MAX_CLASSES];

	/* random streams */
	gsl_rng **r_arr;         /* per stream: inter-arrival times */
	uint64_t *stream_key;    /* per stream: the key of its items' substreams */
	double *arr_cum;         /* cumulative class shares, per stream x class */

	/* records (sim_opts.record): the callback, NULL when off */
	sim_record_fn rec;
	void *rec_ctx;
	int rep;
};

static inline int
hour_of_week(const struct sim *m, double t)
{
	/* t >= 0: unsigned, a cheaper remainder (misses ask per item). */
	return (int)(((unsigned long)(long)(t / 60.0) + m->how0) % WEEK_HOURS);
}

/* The hour of week whose arrival rate holds at t: on a holiday, with
 * holiday_arrivals set, the same hour of that weekday.  Asked once per hour a
 * stream walks through (next_arrival), never per event. */
static inline int
arrival_hour(const struct sim *m, double t)
{
	int how = hour_of_week(m, t), hw = m->s->holiday_arrivals;
	long day;

	if (hw < 0)
		return how;
	day = (long)(t / DAY_MIN);
	if (day >= 0 && day < m->ndays && m->holiday[day])
		return hw * 24 + how % 24;
	return how;
}

/* Length of [a, b] inside the measured span. */
static inline double
in_span(const struct sim *m, double a, double b)
{
	double lo = a > m->warm ? a : m->warm;
	double hi = b < m->span_end ? b : m->span_end;

	return hi > lo ? hi - lo : 0.0;
}

/* Persons of shift si on duty in its run of day index `day` (from start_date;
 * -1 the day before), by the weekday of that day (3.11). */
static inline uint32_t
sim_run_staff(const struct sim *m, int si, long day)
{
	if (m->day_staff == NULL)
		return (uint32_t)m->staff[si];
	return (uint32_t)m->day_staff[si * WEEK_DAYS +
	    (int)(((day + m->s->start_weekday) % WEEK_DAYS + WEEK_DAYS) % WEEK_DAYS)];
}

static inline int
sim_fail_nomem(struct sim *m)
{
	return cq_err_set(m->err, CQ_EXIT_FAIL, "", 0, "out of memory in the simulation");
}

/* sim_setup.c: a replication's pools, persons and random streams. */
int sim_setup_pools(struct sim *m);
int sim_setup_streams(struct sim *m, int rep);
/* The per-class facts of the hot path (struct klass). */
void sim_setup_classes(struct sim *m);
void sim_cleanup(struct sim *m);
/* Mean person-minutes an item of class c takes (service, attempts). */
double sim_handle_mean(const struct scn *s, int c);
/* How long the clock runs on after the measured span, at most. */
double sim_drain_span(const struct scn *s);

/* sim_dispatch.c: queues, dispatch, picking the next item, preemption. */
int sim_ring_grow(struct sim *m, struct queue *q);
int sim_heap_push(struct sim *m, struct queue *q, struct qent e);
struct qent sim_heap_pop(struct queue *q);
void sim_queue_forget(struct sim *m, int c, uint32_t id);
int sim_person_pick_all(struct sim *m, uint32_t pid);
int sim_dispatch_queue(struct sim *m, uint32_t id);

/* sim_contact.c: escalation, call-back admission, safety, patience. */
int sim_queue_can_meet(const struct sim *m, int c, int extra);
int sim_defer_item(struct sim *m, uint32_t id);
int64_t sim_lowest_risk(const struct sim *m, int c);
int sim_readmit(struct sim *m);
int sim_arm_patience(struct sim *m, uint32_t id);
int sim_escalate(struct sim *m, uint32_t src_id);
int sim_on_patience(struct sim *m, uint32_t id, double t);

/* sim_route.c: a done item of a class with 'next' moves on.  0: it did (a new
 * item queues; this step's review is done), 1: it is finished here (review it
 * as usual), -1: error. */
int sim_route(struct sim *m, uint32_t id) __attribute__((cold));

/* sim_record.c: records for sim_opts.record, handed over as an item is
 * served (by person pid) or abandoned (at t). */
void sim_record_served(struct sim *m, uint32_t id, uint32_t pid);
void sim_record_abandoned(struct sim *m, uint32_t id, double t);

/* sim_trace.c: a trace stream's arrivals, the log's rows in order. */
double sim_trace_first(struct sim *m, int sidx);
int sim_trace_class(const struct sim *m, int sidx);
double sim_trace_next(struct sim *m, int sidx);

/* sim_cover.c: the coverage timeline, misses by cause. */
int sim_cover_build(struct sim *m);
/* Bytes the timelines of a replication may take at most (sim_check_limits). */
double sim_cover_bytes(const struct scn *s);
void sim_cover_free(struct sim *m);
/* A shift started or ended: move each class's coverage on to now, counting
 * the arrivals of a stretch without cover as it ends. */
void sim_cover_tick(struct sim *m);
/* The run ended: close the stretch without cover in progress, and count as
 * queued the misses no other cause claims. */
void sim_cover_close(struct sim *m);
/* Item it (measured, of a class with a target) missed it: count it by hour of
 * arrival and by cause (MISS_TIMED: no cover or queued, from the timeline). */
void sim_miss(struct sim *m, const struct item *it, enum miss_cause why);

/* sim_shift.c: shift starts and ends, overtime. */
/* Shift si runs on day `day` (from start_date): its days, and holidays. */
int sim_shift_runs_on(const struct sim *m, int si, long day);
/* Uniform in [0, 1) deciding whether person j of shift si's run of `day` is
 * absent (absent when under the shift's absence): its own substream. */
double sim_absence_u(const struct sim *m, int si, long day, uint32_t j);
void sim_overtime_end(struct sim *m, struct person *p);
int sim_schedule_shift(struct sim *m, int si, long from);
int sim_on_shift_start(struct sim *m, int si);
void sim_on_shift_end(struct sim *m, int si);
/* A break falls due or ends (EV_BREAK); a person with a break due starts it
 * (after the item in hand). */
int sim_on_break(struct sim *m, uint32_t pid, double t);
int sim_break_start(struct sim *m, uint32_t pid);

/* ---- the hot path ------------------------------------------------------------ */

/* What every item passes through, in each file that needs it: forced inline
 * (HOT) or a private copy (SIM_LOCAL), never a call into another file. */

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
SIM_LOCAL void
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

HOT int
ring_push(struct sim *m, struct queue *q, int c, uint32_t id, int at_head)
{
	if (q->n == q->cap && sim_ring_grow(m, q) != 0)
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

HOT int
queue_push(struct sim *m, int c, uint32_t id, int at_head)
{
	struct queue *q = &m->queues[c];
	struct item *it = &m->items[id];
	struct qent e;

	if (q->kind != Q_HEAP) {
		if (q->kind == Q_RING_LINE)  /* its place in line, as the heap's */
			it->seq = at_head ? --m->head_seq : m->seq++;
		return ring_push(m, q, c, id, at_head);
	}
	backlog_account(m, c, m->now);
	e.prio = -it->p_acute;
	e.seq = at_head ? --m->head_seq : m->seq++;
	e.item = id;
	it->seq = e.seq;
	if (sim_heap_push(m, q, e) != 0)
		return -1;
	it->queued = 1;
	q->len++;
	return 0;
}

/* The next live item of class c, or -1.  Heap entries go stale when an item
 * leaves the queue other than by being popped: an entry whose seq is no longer
 * the item's is a leftover (the item moved on); one whose item is no longer
 * queued is a patient who gave up, freed here (so too in a lazy ring). */
HOT int64_t
queue_pop(struct sim *m, int c)
{
	struct queue *q = &m->queues[c];

	if (q->kind == Q_RING && q->n > 0) {  /* the head of the ring, always live */
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

		if (q->kind != Q_HEAP) {
			id = q->ring[q->head];
			q->head = (q->head + 1) & (q->cap - 1);
			q->n--;
			it = &m->items[id];
			if (!it->queued) {
				item_free(m, id);
				continue;
			}
		} else {
			struct qent e = sim_heap_pop(q);

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

/* A measured item missed its class's target in time: by the hour of week of
 * its arrival; where the class lacks cover somewhere, the timeline decides out
 * of line whether nobody was on duty (no_cover; else it queued). */
HOT void
miss_timed(struct sim *m, const struct item *it)
{
	const struct klass *kl = &m->kl[it->cls];

	kl->rep->misses_by_hour[hour_of_week(m, it->arrival)]++;
	if (!kl->cov_full)      /* queued is what the other causes leave (sim_cover_close) */
		sim_miss(m, it, MISS_TIMED);
}

HOT void
record_wait(struct sim *m, const struct item *it, double w)
{
	const struct klass *kl = &m->kl[it->cls];
	struct sim_class_rep *cr = kl->rep;

	hist_add(&cr->wait, w);
	cr->wait_sum += w;
	cr->wait_n++;
	cr->met += w <= kl->met_wait;   /* no branch: met or not is a coin toss */
	if (w > kl->miss_wait)
		miss_timed(m, it);
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
static inline void
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

/* ---- people ------------------------------------------------------------------- */

/* An acute item was reached (a contact or a reply) at time now. */
SIM_LOCAL void
safety_reach(struct sim *m, struct item *it)
{
	const struct scn_class *k = &m->s->classes[it->cls];

	if (!it->safety_open)
		return;
	if (k->safe_window <= 0.0 || m->now - it->origin <= k->safe_window)
		it->reached = 1;
	safety_close(m, it);
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
	const struct klass *kl = &m->kl[it->cls];
	double dur = it->service;

	if (!it->started) {
		it->started = 1;
		if (it->measured)
			record_wait(m, it, m->now - it->arrival);
		/* Scaled once, when the service starts: resumed (preempted) work
		 * keeps its remaining time.  A contact's service starts when the
		 * attempt that reaches the patient ends (below). */
		if (__builtin_expect(kl->start_rare, 0)) {
			if (kl->svc_w_start != NULL)
				dur = it->service *= kl->svc_w_start[hour_of_week(m, m->now)];
			if (m->rec != NULL) {   /* its patience and screen are spent */
				it->rec_start = m->now;
				it->rec_service = it->service;
			}
		}
	}
	p->reach_ok = 1;
	if (kl->contact) {
		/* Every sync item is a phone contact: an attempt, then (if the patient
		 * answers) the conversation itself. */
		it->attempts++;
		p->reach_ok = it->attempts == it->reach_at;
		if (p->reach_ok && __builtin_expect(kl->svc_w != NULL, 0))
			it->service *= kl->svc_w[hour_of_week(m,
			    m->now + m->s->contact.attempt)];
		dur = m->s->contact.attempt + (p->reach_ok ? it->service : 0.0);
		if (p->reach_ok)
			safety_reach(m, it);
	} else if (it->safety_open && k->mode == SCN_SYNC) {
		safety_reach(m, it);    /* which does nothing else without one */
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

/* An idle, on-duty person looks for work.  The common case inline: nothing
 * held back, and the first class with someone waiting is first come, first
 * served with every item live (its head is); otherwise sim_person_pick_all,
 * from the start. */
HOT int
person_pick(struct sim *m, uint32_t pid)
{
	const struct pool *pl = &m->pools[m->persons[pid].pool];
	int i;

	if (m->deferred.n > 0)
		return sim_person_pick_all(m, pid);
	for (i = 0; i < pl->nserves; i++) {
		int c = pl->serves[i];

		if (m->queues[c].len > 0) {
			if (m->queues[c].kind != Q_RING)
				return sim_person_pick_all(m, pid);
			return start_work(m, pid, (uint32_t)queue_pop(m, c));
		}
	}
	idle_push(m, pid);
	return 0;
}

/* A new (or retried, or readmitted) item: someone idle in a pool that serves
 * its class takes it at once, else it queues; the common cases inline, the
 * rest (sync, deferral) in sim_dispatch_queue. */
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
	return sim_dispatch_queue(m, id);
}

/* An item just made from another (routed, escalated, a follow-up) of a class
 * with measure_from = origin: its wait and response run from the patient's
 * first arrival, its patience clock still from now (sim_arm_patience adds the
 * patience to arrival).  Off the hot path: stream items have origin = now. */
static inline void
item_from_origin(struct sim *m, uint32_t id)
{
	struct item *it = &m->items[id];

	if (!m->s->classes[it->cls].measure_from_origin)
		return;
	if (isfinite(it->patience))
		it->patience += it->arrival - it->origin;
	it->arrival = it->origin;
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
	it->zero = (struct item_zero){ 0 };
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

#endif
