/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_staff.h — persons on duty inferred from a log's agent column, and the
 * staircase of whole persons cut into shifts (fit_staff.c); fit_scn.c prints
 * them as [role] and [shift] sections.
 *
 * A log shows when each agent served, never when an agent sat idle, so
 * on-duty time is inferred: an agent's services joined into one session
 * while the idle gap between two of them is at most idle_gap minutes, each
 * session on duty from its first start to its last end.  Memory: one bitmap
 * of 1440 busy minutes per agent and day served on (184 bytes), at most
 * FIT_STAFF_MAX_AGENT_DAYS of them, whatever the number of rows.
 */
#ifndef CQ_FIT_STAFF_H
#define CQ_FIT_STAFF_H

#include <stdio.h>

#include "err.h"
#include "week.h"

#define FIT_STAFF_MAX_AGENTS 10000       /* distinct agent names */
#define FIT_STAFF_MAX_AGENT_DAYS 500000  /* days an agent served on: 92 MB of bitmaps */
#define FIT_STAFF_IDLE_GAP 30.0          /* minutes: --idle-gap's default */
#define FIT_STAFF_MAX_IDLE_GAP 720.0     /* half a day: beyond, two shifts merge */
#define FIT_STAFF_LOAD_UTIL 0.85         /* without agents: persons = ceil(load / this) */
#define FIT_STAFF_MAX_SHIFTS 300         /* distinct [start, end) hours of a day */

struct fit_staff;

/* start_day: the first day fitted (a Monday); ndays of them. */
int fit_staff_new(struct fit_staff **sp, const char *file, long start_day, int ndays,
    double idle_gap, struct cq_err *err);
void fit_staff_free(struct fit_staff *s);
/* One service of agent: it starts at minute `minute` of day `day` (days
 * since 1970-01-01) and lasts service minutes (< 0: unknown, one minute
 * counted).  -1 with err (LOG:line) past the limits or out of memory. */
int fit_staff_add(struct fit_staff *s, const char *agent, long day, double minute,
    double service, long line, struct cq_err *err);
/* A row served by an agent whose start is unknown (no started_at, no wait). */
void fit_staff_no_start(struct fit_staff *s);

/* Mean persons on duty in each hour of week over the days kept (kept[day
 * index], day 0 a Monday); nkept[weekday]: the days kept.  Call once, after
 * the last fit_staff_add.  -1: out of memory. */
int fit_staff_profile(struct fit_staff *s, const unsigned char *kept,
    double mean[WEEK_HOURS], int nkept[WEEK_DAYS]);
/* Distinct agents in all and per week fitted (mean, least, most); rows with
 * no start.  After fit_staff_profile. */
void fit_staff_names(const struct fit_staff *s, int *nagents, long *no_start,
    double *week_mean, long *week_lo, long *week_hi);
double fit_staff_idle_gap(const struct fit_staff *s);

/* One shift of a weekly staircase: hours [start, end) of the days in mask
 * (bit d: weekday d, Monday 0), staff[d] persons on day d. */
struct fit_shift {
	int start, end;
	unsigned mask;
	int staff[WEEK_DAYS];
};

/* Shifts whose persons add up to persons[h] in every hour of week h (each
 * 0 .. 10000): each day's staircase cut into layers (layer k: the runs of
 * hours with at least k persons), equal runs of a day one shift of as many
 * persons, equal runs of several days one shift with staff by day.  The
 * number of shifts (at most FIT_STAFF_MAX_SHIFTS), in order of start. */
int fit_staff_staircase(const int persons[WEEK_HOURS], struct fit_shift *sh);

#endif
