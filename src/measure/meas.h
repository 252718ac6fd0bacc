/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meas.h — measures across replications: means with 95% Student-t intervals
 * (doc/clinicq.1).  One struct meas is the report model that text, JSON and CSV
 * writers render; it owns its arrays.
 */
#ifndef CQ_MEAS_H
#define CQ_MEAS_H

#include "scenario/scn.h"
#include "engine/sim.h"

struct est {
	double mean, lo, hi;
};

/* NONE: the class has no target; NA: it has one, but no item was measured in
 * any replication (no verdict, never a miss: doc/clinicq.1). */
enum meas_met { MEAS_MET_NO = 0, MEAS_MET_ON_AVERAGE, MEAS_MET_CONFIDENT, MEAS_MET_NONE,
	MEAS_MET_NA };

struct meas_class {
	struct est arrived, completed, abandoned, abandon_rate;
	/* Measured items still open when the drain ended: neither completed,
	 * abandoned nor unreached (doc/model.md, "Open at end"). */
	struct est open_at_end;
	struct est wait_mean, wait_p50, wait_p90, wait_p95, wait_p99, wait_max;
	struct est resp_mean, resp_p50, resp_p90, resp_p95, resp_p99, resp_max;
	struct est attainment;
	enum meas_met met;        /* MEAS_MET_NONE when the class has no target */
	double backlog[WEEK_HOURS];  /* mean queue length per hour of week */
	struct est backlog_growth; /* items per week, slope of end-of-week backlog */
	/* Misses explained (NaN for a class without a target): items per
	 * replication that missed, by cause (they add up to arrived - met), and
	 * the mean per replication by hour of week of arrival. */
	struct est miss_no_cover, miss_queued, miss_abandoned, miss_open;
	struct est uncovered_share; /* of arrivals, with nobody who serves it on duty */
	double misses_by_hour[WEEK_HOURS];
	/* The wait (sync) or response (async) distribution pooled over replications. */
	struct hist *dist;
};

struct meas_role {
	struct est utilization, on_duty_hours_per_week, overtime_hours_per_week, cost_per_week;
	struct est absent_hours_per_week;
	/* utilization against [targets] max_utilization: NONE if unset, NA when
	 * the role has no available hours */
	enum meas_met met;
};

struct meas_safety {
	struct est acute, escalated, screened, reached_in_window, missed, miss_rate;
	struct est false_negatives, unreached, deferred;
	enum meas_met met;        /* against [targets] safety_miss_rate; NONE if unset */
};

struct meas {
	const struct scn *scn;    /* borrowed */
	int replications;
	uint64_t events;
	struct meas_class *cls;
	struct meas_role *role;
	struct meas_safety safety;
	struct est cost_staff, cost_overtime, cost_total; /* per week */
	int *staff;               /* the roster played, per shift (owned); NULL: as
	                           * written (by day, scn_shift_staff_on) */
	int nwarnings;
	char **warnings;
	/* The replications' summaries, in replication order (replications of
	 * them; owned), for per-replication output; NULL when not kept. */
	struct meas_rep *reps;
	struct meas_pooled *pool; /* what was pooled (per class; owned), or NULL */
	int first;                /* the number of the first replication */
	int slim;                 /* meas_slim: no distributions, no replications */
};

/* One replication reduced to what the estimates need: no histograms (their
 * quantiles are taken here), so keeping every replication's summary costs
 * little whatever the count; the distributions are pooled apart (meas_pool). */
struct meas_class_rep {
	double arrived, completed, abandoned, censored, met;   /* censored: open at end */
	double wait_sum, wait_n, resp_sum, resp_n;
	double wait_q[4], resp_q[4];  /* p50, p90, p95, p99; NaN when none */
	double wait_max, resp_max;
	double growth;                /* backlog slope, items a week; NaN < 3 weeks */
	double miss_no_cover, miss_queued, miss_abandoned, miss_open, uncovered;
};

/* What is pooled across replications, per class: the distribution and the
 * backlog by hour of week, in integers (item-microminutes, microminutes) so
 * that the total is exact and the same whichever thread added what. */
struct meas_pooled {
	struct hist dist;             /* wait for sync classes, response for async */
	int64_t area[WEEK_HOURS], time[WEEK_HOURS];
	int64_t misses[WEEK_HOURS];      /* missed items by hour of week of arrival */
};

struct meas_rep {
	uint64_t events;
	struct meas_class_rep *cls;
	struct sim_role_rep *role;
	struct sim_safety_rep safety;
	double roster_cost, cost;     /* over the measured span */
};

/* One replication's figures, as the estimates take them (NaN when there is
 * nothing to measure): a class's attainment (items met over items arrived),
 * a role's utilization (busy over available), the safety miss rate. */
double meas_rep_attainment(const struct meas_rep *r, int c);
double meas_rep_utilization(const struct meas_rep *r, int role);
double meas_rep_miss_rate(const struct meas_rep *r);

/* Summarise a finished replication into r (allocating its arrays); -1 on ENOMEM. */
int meas_take(struct meas_rep *r, const struct scn *s, const struct sim_rep *rep);
void meas_rep_free(struct meas_rep *r);
/* Add a replication to pooled[nclasses]; any order gives the same pool. */
void meas_pool(const struct scn *s, const struct sim_rep *rep,
    struct meas_pooled *pooled);
/* Add pool b into a (threads' pools into the total). */
void meas_pool_add(const struct scn *s, struct meas_pooled *a,
    const struct meas_pooled *b);

/* An estimate from n values: mean and 95% Student-t interval (lo = hi = mean when n < 2). */
struct est meas_est(const double *x, int n);
/* Build measures from n replication summaries, in replication order, and the
 * pooled distributions (copied), of the roster staff (per shift; NULL: as
 * written).  NULL on allocation failure. */
struct meas *meas_build(const struct scn *s, const struct meas_rep *reps, int n,
    const struct meas_pooled *pooled, const int *staff, struct cq_err *err);
void meas_free(struct meas *m);
/* The measures of a's replications followed by b's (b's first must follow
 * a's last): the same figures as one run of them all.  Both must keep their
 * replications and pool (not slimmed).  NULL with err. */
struct meas *meas_join(const struct meas *a, const struct meas *b, struct cq_err *err);
/* Drop what only a report needs (the pooled distributions) and the
 * replications' summaries, keeping every estimate, verdict and backlog: for
 * the many rosters an optimizer tries and does not answer with. */
void meas_slim(struct meas *m);
const char *meas_met_name(enum meas_met m);

#endif
