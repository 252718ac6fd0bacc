/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim.h — the discrete-event engine: one replication of a scenario.
 *
 * The engine knows the scenario struct and nothing of files.  sim_run() plays
 * warm-up + measured span (+ a bounded drain so that items arriving in the span
 * get their response measured) and fills a struct sim_rep of raw per-replication
 * figures; meas.c turns many of them into estimates with intervals.
 */
#ifndef CQ_SIM_H
#define CQ_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "hist.h"
#include "scenario/scn.h"

/* Per class, one replication; counts cover items that arrived in the measured span. */
struct sim_class_rep {
	double arrived, completed, waiting_at_end, abandoned;
	double censored;          /* still open when the drain ended: ages recorded as lower bounds */
	double met;               /* items meeting the class target */
	double wait_sum, resp_sum;
	double wait_n, resp_n;    /* items with a wait / response recorded */
	struct hist wait, resp;   /* minutes */
	double backlog_area[WEEK_HOURS]; /* queue-length x minutes, per hour of week */
	double backlog_time[WEEK_HOURS]; /* minutes observed per hour of week */
	double *week_backlog;     /* queue length at the end of each measured week */
	/* Misses explained (classes with a target): every measured item that does
	 * not meet the target counts once, by the hour of week of its arrival and
	 * by cause, so the causes add up to arrived - met. */
	double misses_by_hour[WEEK_HOURS];
	double miss_no_cover;     /* nobody who serves the class on duty, arrival to deadline */
	double miss_queued;       /* someone was, and the item still missed */
	double miss_abandoned;    /* the patient gave up */
	double miss_open;         /* still open when the drain ended */
	double uncovered;         /* arrivals when nobody who serves the class is on duty */
};

struct sim_role_rep {
	double on_duty_min;       /* scheduled person-minutes in the measured span,
	                           * less absence and breaks */
	double absent_min;        /* scheduled person-minutes of absent persons */
	double breaks_skipped;    /* breaks not started by their window's end */
	double busy_min;          /* person-minutes spent on items (incl. overtime) */
	double overtime_min;      /* person-minutes worked past shift ends */
	double cost;              /* over the measured span */
};

struct sim_safety_rep {
	double acute, escalated, screened, reached_in_window, missed;
	double false_negatives, unreached;
	double deferred;          /* call-backs held back by capacity = dynamic */
};

struct sim_rep {
	int nclasses, nroles, nweeks;
	uint64_t events;
	struct sim_class_rep *cls;
	struct sim_role_rep *role;
	struct sim_safety_rep safety;
	double roster_cost;       /* scheduled cost over the measured span */
};

/* Allocate a result for this scenario; NULL on allocation failure. */
struct sim_rep *sim_rep_new(const struct scn *s);
void sim_rep_free(struct sim_rep *r);
/* Zero a result for another replication of the same scenario. */
void sim_rep_reset(struct sim_rep *r);

/* One measured item's record, handed to sim_opts.record as the item leaves
 * the books: served (its service ended) or abandoned (the patient gave up).
 * Items still open when the run ends and contacts that never reached the
 * patient are not handed over. */
enum sim_outcome { SIM_SERVED, SIM_ABANDONED };
struct sim_record {
	int rep;          /* the replication, as sim_run's rep */
	int cls;
	int outcome;      /* enum sim_outcome */
	int role;         /* served: the role of the person who served it (who
	                   * finished it, when it was interrupted); else -1 */
	uint32_t person;  /* served: that person's number within the role, from 0
	                   * (the same slot of the same shift on every run) */
	double arrived;   /* minutes from 00:00 of start_date */
	double wait;      /* to the start of service (a contact: of its first
	                   * attempt), or to giving up */
	double service;   /* served: staff minutes of its service, over any
	                   * interruptions, without contact attempts; else -1 */
};
/* Called from the thread playing the replication, during sim_run. */
typedef void (*sim_record_fn)(void *ctx, const struct sim_record *r);

/* Staff per shift to play (NULL: the scenario's own `staff`). */
struct sim_opts {
	const int *staff;
	sim_record_fn record;     /* NULL: no records (the engine's cost: a test) */
	void *record_ctx;
	uint64_t max_events;      /* 0: the scenario's [scenario] max_events */
	volatile const int *stop; /* NULL, or set non-zero (by a signal) to stop */
	volatile const int *halt; /* likewise, set by run.c when a replication failed */
};

/* How often (in events, a power of two) sim_run() looks at opts->stop. */
#define SIM_STOP_EVERY (1u << 16)

/* Memory that open items (waiting or in hand) may take, over all the threads of a
 * command: the rest of a replication's state is small and bounded by the scenario,
 * so with it a command stays under 1 GiB. */
#define SIM_OPEN_BUDGET ((uint64_t)768 << 20)
/* ... and the coverage timelines of the replications in progress (misses by
 * cause), which grow with the horizon and the number of shifts. */
#define SIM_COVER_BUDGET ((uint64_t)192 << 20)

/* Bytes one open item may cost at most (its record, free-list slot, queue slot
 * and calendar event, with the slack of arrays that grow by doubling). */
size_t sim_item_bytes(void);

/* Refuse, before any replication starts, a scenario that its limits cannot keep
 * within memory and time: max_waiting items on each of `threads` threads over
 * SIM_OPEN_BUDGET, or more arrivals expected in one replication than max_events
 * allows (each arrival is an event).  Returns 0, or -1 with err (CQ_EXIT_USAGE). */
int sim_check_limits(const struct scn *s, int threads, struct cq_err *err);

/* Run replication `rep` (0-based).  Deterministic in (scenario, seed, rep, staff).
 * Returns 0, or -1 with err filled (resource limit, allocation, or
 * "interrupted" when opts->stop or opts->halt was set). */
int sim_run(const struct scn *s, const struct sim_opts *o, int rep,
    struct sim_rep *out, struct cq_err *err);

#endif
