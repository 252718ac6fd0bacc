/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * observe.h — a log's own figures for `backtest`: per class and per hour of
 * day of arrival, over the log's whole weeks (Monday 00:00 to Monday 00:00,
 * as fit takes them), counted in one streaming pass; and the arrivals to
 * replay, from a warm-up before those weeks to their end.
 *
 * The counts (struct obs_counts) are what the simulated side counts too, by
 * the same obs_count(), so observed and simulated figures share one
 * definition.
 */
#ifndef CQ_OBSERVE_H
#define CQ_OBSERVE_H

#include <stddef.h>

#include "err.h"
#include "log.h"

#define OBS_HOURS 24
#define OBS_MAX_CLASSES 64        /* a scenario's classes */
#define OBS_MAX_ROWS 5000000      /* arrivals kept to replay (a scenario's trace limit) */
#define OBS_MAX_WEEKS 520         /* a scenario's measured span */

/* What the figures need of a class (the scenario's). */
struct obs_class {
	char name[LOG_MAX_NAME];
	double target;            /* minutes; < 0: none */
	int async;                /* its target runs from arrival to completion */
};

/* Items by what became of them.  A target's share counts over the items of
 * classes with a target (arr_t), within_30s/60s over the others (arr_nt). */
struct obs_counts {
	double arrived, abandoned, answered, wait_sum;
	double arr_t, met;
	double arr_nt, met30, met60;
};

/* One item into c: abandoned, or served after wait minutes (< 0: unknown)
 * and service minutes (< 0: unknown). */
void obs_count(struct obs_counts *c, const struct obs_class *k, int abandoned,
    double wait, double service);

/* An arrival to replay: minutes from 00:00 of the replay's first day. */
struct obs_arrival {
	double t;
	int cls;
};

struct observe {
	/* in: the scenario's classes, the warm-up's days */
	int nclasses;
	struct obs_class cls[OBS_MAX_CLASSES];
	long warm_days;
	/* out */
	long start_day, end_day;  /* the whole weeks: [start, end), Mondays */
	int nweeks;
	long rows;                /* rows read */
	int has_wait, has_agent;
	struct obs_counts by_cls[OBS_MAX_CLASSES], by_hour[OBS_HOURS];
	/* with agents: mean persons on duty (fit_staff's inference) and busy
	 * person-minutes, by hour of day over the days of the weeks */
	double duty[OBS_HOURS], busy[OBS_HOURS];
	/* the arrivals of [start_day - warm_days, end_day), by time; owned */
	struct obs_arrival *arr;
	size_t narr, cap;
};

/* Read LOG (through profile, or NULL) twice: its span, then its figures
 * and arrivals.  0, or -1 with err: LOG:LINE for a bad row or a class the
 * scenario lacks, a span with no whole week. */
int observe_log(const char *file, struct log_profile *profile, struct observe *o,
    struct cq_err *err);
void observe_free(struct observe *o);

/* Mean persons on duty by hour of day over ndays days (every day kept) of
 * fit_staff's inference, for either side.  -1: out of memory. */
struct fit_staff;
int obs_duty_by_hour(struct fit_staff *st, int ndays, double duty[OBS_HOURS]);

#endif
