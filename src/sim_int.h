/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_int.h — the engine's private state, shared by sim.c (the event loop and
 * its handlers) and sim_setup.c (building and freeing a replication's state).
 * Nothing outside the engine includes it.
 */
#ifndef CQ_SIM_INT_H
#define CQ_SIM_INT_H

#include <gsl/gsl_rng.h>
#include <stdint.h>

#include "evq.h"
#include "sim.h"

/* The few small functions on every item's path are forced inline: the engine
 * spends its time in them, and call overhead is a measurable share. */
#define HOT static inline __attribute__((always_inline))

#define WEEK_MIN 10080.0
#define DAY_MIN 1440.0
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
	EV_STOP         /* end of the drain */
};

/* An item's hot fields come first; the flags that start at 0 sit together so
 * that creating an item clears them with one or two wide stores. */
struct item {
	double arrival;   /* entered this class (wait and response start here) */
	double service;   /* remaining service minutes */
	uint64_t key;     /* its random substream (see rng_local) */
	int32_t cls;
	uint8_t live, measured, acute;
	uint8_t reach_at;    /* the attempt that reaches the patient; 0: none does */
	/* all 0 at creation: */
	uint8_t started, attempts, queued, safety_open, reached, resolved;
	uint8_t escalated;   /* a call-back was made for it (by screening) */
	uint8_t callback;    /* made by escalation */
	uint8_t deferred;    /* held back by capacity = dynamic (in m->deferred) */
	uint8_t was_deferred, patience_set;
	uint8_t spare_;
	double origin;    /* the message or reading it came from (safety window) */
	double p_acute;
	double patience;     /* sync: minutes before giving up; INFINITY: never */
	double screen_u;     /* uniform for the arrival screen */
	int64_t seq;      /* queue order within a priority (negative: head) */
};

struct qent {
	double prio;      /* smaller first: -p_acute for sync, 0 for async */
	int64_t seq;
	uint32_t item;
};

/* A class's waiting items.  Sync classes: a binary heap on (-p_acute, seq).
 * Async classes are FCFS with interrupted work back at the head: a ring deque,
 * which gives the same order as the heap would, in O(1). */
struct queue {
	int fifo;
	uint32_t *ring;   /* fifo: n items from ring[head], capacity cap (a power of 2) */
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
};

struct person {
	int32_t pool, shift;
	int32_t item;     /* -1 when idle */
	int32_t idle_pos; /* position in the pool's idle stack, -1 if not there */
	uint8_t on_duty, leaving, reach_ok;
	double busy_since, done_at, shift_end;
	double *busy_min;          /* its role's busy minutes, in the replication's result */
};

/* What the hot path asks of a class, worked out once per replication: one
 * predictable test instead of a walk through the scenario for each question. */
struct klass {
	struct sim_class_rep *rep;   /* its figures in the replication's result */
	double svc_mean;     /* > 0: service is exponential with this mean */
	double met_wait;     /* a wait within this meets the target (sync) */
	double met_resp;     /* a response within this meets it (async); -1: never */
	double handle_mean;  /* mean person-minutes per item (capacity = dynamic) */
	int more_draws;      /* acuity, patience, contact or screening draws follow */
	int plain_done;      /* async without acuity or escalation: done is done */
	int contact;         /* sync under [contact]: every start is a call */
	int plain_queue;     /* async, never deferred: waits at the back of its queue */
};

struct sim {
	const struct scn *s;
	struct sim_rep *out;
	struct cq_err *err;
	double now, warm, span_end, stop_at;
	int past_span;
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
	const int *staff;
	uint32_t *shift_first;   /* first person id of each shift */
	unsigned char *holiday;  /* per day index from start_date */
	long ndays;
	uint64_t outstanding;    /* measured items not yet resolved */
	int week_no;

	/* random streams */
	gsl_rng **r_arr;         /* per stream: inter-arrival times */
	uint64_t *stream_key;    /* per stream: the key of its items' substreams */
	double *arr_cum;         /* cumulative class shares, per stream x class */
};

static inline int
hour_of_week(const struct sim *m, double t)
{
	return (int)(((long)(t / 60.0) + m->s->start_weekday * 24) % SCN_HOW);
}

/* Length of [a, b] inside the measured span. */
static inline double
in_span(const struct sim *m, double a, double b)
{
	double lo = a > m->warm ? a : m->warm;
	double hi = b < m->span_end ? b : m->span_end;

	return hi > lo ? hi - lo : 0.0;
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

#endif
