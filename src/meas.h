/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meas.h — measures across replications: means with 95% Student-t intervals
 * (SPEC 4).  One struct meas is the report model that text, JSON and CSV
 * writers render; it owns its arrays.
 */
#ifndef CQ_MEAS_H
#define CQ_MEAS_H

#include "scn.h"
#include "sim.h"

struct est {
	double mean, lo, hi;
};

enum meas_met { MEAS_MET_NO = 0, MEAS_MET_ON_AVERAGE, MEAS_MET_CONFIDENT, MEAS_MET_NONE };

struct meas_class {
	struct est arrived, completed, waiting_at_end, abandoned, abandon_rate;
	struct est wait_mean, wait_p50, wait_p90, wait_p95, wait_p99, wait_max;
	struct est resp_mean, resp_p50, resp_p90, resp_p95, resp_p99, resp_max;
	struct est attainment;
	enum meas_met met;        /* MEAS_MET_NONE when the class has no target */
	double backlog[SCN_HOW];  /* mean queue length per hour of week */
	struct est backlog_growth; /* items per week, slope of end-of-week backlog */
	/* The wait (sync) or response (async) distribution pooled over replications. */
	struct hist *dist;
};

struct meas_role {
	struct est utilization, on_duty_hours_per_week, overtime_hours_per_week, cost_per_week;
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
	int nwarnings;
	char **warnings;
};

/* An estimate from n values: mean and 95% Student-t interval (lo = hi = mean when n < 2). */
struct est meas_est(const double *x, int n);
/* Build measures from n replications.  NULL on allocation failure. */
struct meas *meas_build(const struct scn *s, struct sim_rep *const *reps, int n,
    struct cq_err *err);
void meas_free(struct meas *m);
const char *meas_met_name(enum meas_met m);

#endif
