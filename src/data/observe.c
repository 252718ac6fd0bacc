/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * observe.c — a log's own figures for `backtest` (observe.h).  Pass 1 finds
 * the log's days and checks every class against the scenario's; pass 2
 * counts the rows of the whole weeks by class and hour of day, gives the
 * agents' services to fit_staff for the persons on duty, and keeps the
 * arrivals to replay.  Memory: the counts, fit_staff's bitmaps and the
 * arrivals kept (at most OBS_MAX_ROWS), whatever the number of rows.
 */
#include "observe.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "fit_staff.h"
#include "week.h"

struct obs_rd {
	struct observe *o;
	const char *file;
	int pass;
	long min_day, max_day;
	int last;                 /* the class of the row before */
	struct fit_staff *staff;
};

void
obs_count(struct obs_counts *c, const struct obs_class *k, int abandoned,
    double wait, double service)
{
	double resp;

	c->arrived += 1;
	if (k->target >= 0)
		c->arr_t += 1;
	else
		c->arr_nt += 1;
	if (abandoned) {
		c->abandoned += 1;
		return;
	}
	if (wait < 0)
		return;
	c->answered += 1;
	c->wait_sum += wait;
	/* A sync class's target is met at the start of service, an async
	 * class's at its end (the engine's definition). */
	resp = k->async && service > 0 ? wait + service : wait;
	if (k->target >= 0)
		c->met += resp <= k->target + 1e-9;
	else {
		c->met30 += resp <= 0.5 + 1e-9;
		c->met60 += resp <= 1.0 + 1e-9;
	}
}

/* The scenario's class of a row: by the class column, or the one class of a
 * scenario that has only one when the log has no class column. */
static int
row_class(struct obs_rd *rd, const struct log_row *r, struct cq_err *err)
{
	struct observe *o = rd->o;
	int c;

	if (r->cls == NULL) {
		if (o->nclasses == 1)
			return 0;
		return cq_err_set(err, CQ_EXIT_USAGE, rd->file, 1, "the log has no class "
		    "column and the scenario has %d classes; add a class column naming "
		    "them (or map codes with a profile's [class])", o->nclasses);
	}
	if (rd->last >= 0 && strcmp(o->cls[rd->last].name, r->cls) == 0)
		return rd->last;
	for (c = 0; c < o->nclasses; c++)
		if (strcmp(o->cls[c].name, r->cls) == 0)
			return rd->last = c;
	return cq_err_set(err, CQ_EXIT_USAGE, rd->file, (int)r->line, "class '%s' is no class "
	    "of the scenario; add a [class %s] section to it, or map the log's code to "
	    "one of its classes with a profile's [class]", r->cls, r->cls);
}

static int
on_header(void *ctx, const struct log_cols *cols, struct cq_err *err)
{
	struct obs_rd *rd = ctx;

	(void)err;
	rd->o->has_wait = cols->has_wait || cols->has_started;
	rd->o->has_agent = cols->has_agent;
	return 0;
}

/* Busy person-minutes of a service by hour of day, from its start. */
static void
add_busy(struct observe *o, double start_min, double service)
{
	double t = start_min, end = start_min + service;

	while (t < end) {
		double next = (floor(t / 60.0) + 1) * 60.0;
		int h = (int)fmod(floor(t / 60.0), OBS_HOURS);

		if (next > end)
			next = end;
		o->busy[h] += next - t;
		t = next;
	}
}

/* A served row of an agent: its service to fit_staff and the busy minutes. */
static int
staff_row(struct obs_rd *rd, const struct log_row *r, struct cq_err *err)
{
	long day = r->has_start ? r->start_day : r->day;
	double min = r->has_start ? r->start_minute : r->minute + r->wait;

	if (!r->has_start && r->wait < 0) {
		fit_staff_no_start(rd->staff);
		return 0;
	}
	if (r->service > 0)
		add_busy(rd->o, min, r->service);
	return fit_staff_add(rd->staff, r->agent, day, min, r->service, r->line, err);
}

/* Keep an arrival to replay. */
static int
keep_arrival(struct obs_rd *rd, const struct log_row *r, int c, struct cq_err *err)
{
	struct observe *o = rd->o;

	if (o->narr == o->cap) {
		size_t cap = o->cap > 0 ? 2 * o->cap : 4096;
		struct obs_arrival *a;

		if (o->narr >= OBS_MAX_ROWS)
			return cq_err_set(err, CQ_EXIT_USAGE, rd->file, (int)r->line, "more than %d "
			    "arrivals to replay; cut the log to fewer weeks", OBS_MAX_ROWS);
		if ((a = realloc(o->arr, cap * sizeof *a)) == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, rd->file, 0, "out of memory");
		o->arr = a;
		o->cap = cap;
	}
	o->arr[o->narr].t = (double)(r->day - (o->start_day - o->warm_days)) * DAY_MIN +
	    r->minute;
	o->arr[o->narr++].cls = c;
	return 0;
}

static int
on_row(void *ctx, const struct log_row *r, struct cq_err *err)
{
	struct obs_rd *rd = ctx;
	struct observe *o = rd->o;
	int c = row_class(rd, r, err);

	if (c < 0)
		return -1;
	if (rd->pass == 1) {
		if (o->rows == 0 || r->day < rd->min_day)
			rd->min_day = r->day;
		if (o->rows == 0 || r->day > rd->max_day)
			rd->max_day = r->day;
		o->rows++;
		return 0;
	}
	if (r->day < o->start_day - o->warm_days || r->day >= o->end_day)
		return 0;
	if (keep_arrival(rd, r, c, err) != 0)
		return -1;
	if (r->day < o->start_day)
		return 0;
	obs_count(&o->by_cls[c], &o->cls[c], r->abandoned, r->wait, r->service);
	obs_count(&o->by_hour[(int)(r->minute / 60.0) % OBS_HOURS], &o->cls[c],
	    r->abandoned, r->wait, r->service);
	if (rd->staff != NULL && !r->abandoned && r->agent != NULL)
		return staff_row(rd, r, err);
	return 0;
}

/* The whole weeks of the log's days: Monday to Monday. */
static int
set_span(struct obs_rd *rd, struct cq_err *err)
{
	struct observe *o = rd->o;
	int y1, m1, d1, y2, m2, d2;

	if (o->rows == 0)
		return cq_err_set(err, CQ_EXIT_USAGE, rd->file, 0, "no rows after the header: "
		    "nothing to compare");
	o->start_day = rd->min_day + (7 - civil_weekday(rd->min_day)) % 7;
	o->end_day = (rd->max_day + 1) - civil_weekday(rd->max_day + 1);
	if (o->end_day - o->start_day < 7) {
		civil_date(rd->min_day, &y1, &m1, &d1);
		civil_date(rd->max_day, &y2, &m2, &d2);
		return cq_err_set(err, CQ_EXIT_USAGE, rd->file, 0, "the rows from "
		    "%04d-%02d-%02d to %04d-%02d-%02d hold no whole week (Monday 00:00 to "
		    "Monday 00:00); backtest needs at least one", y1, m1, d1, y2, m2, d2);
	}
	o->nweeks = (int)((o->end_day - o->start_day) / 7);
	if (o->nweeks > OBS_MAX_WEEKS)
		return cq_err_set(err, CQ_EXIT_USAGE, rd->file, 0, "the log spans %d whole "
		    "weeks, more than a scenario's %d; cut it", o->nweeks, OBS_MAX_WEEKS);
	return 0;
}

static int
by_time(const void *a, const void *b)
{
	const struct obs_arrival *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->cls > y->cls) - (x->cls < y->cls);
}

int
obs_duty_by_hour(struct fit_staff *st, int ndays, double duty[OBS_HOURS])
{
	int nkept[WEEK_DAYS], h, d;
	double mean[WEEK_HOURS];
	unsigned char *kept = malloc((size_t)ndays);

	if (kept == NULL)
		return -1;
	memset(kept, 1, (size_t)ndays);
	if (fit_staff_profile(st, kept, mean, nkept) != 0) {
		free(kept);
		return -1;
	}
	free(kept);
	for (h = 0; h < OBS_HOURS; h++) {
		duty[h] = 0;
		for (d = 0; d < WEEK_DAYS; d++)
			duty[h] += mean[d * 24 + h] / WEEK_DAYS;
	}
	return 0;
}

int
observe_log(const char *file, struct log_profile *profile, struct observe *o,
    struct cq_err *err)
{
	struct obs_rd rd;
	struct log_cb cb;
	int rc = -1;

	memset(&rd, 0, sizeof rd);
	rd.o = o;
	rd.file = file;
	rd.last = -1;
	cb.header = on_header;
	cb.row = on_row;
	cb.ctx = &rd;
	cb.profile = profile;
	rd.pass = 1;
	if (log_read_file(file, &cb, err) != 0 || set_span(&rd, err) != 0)
		return -1;
	if (o->has_agent && fit_staff_new(&rd.staff, file, o->start_day, o->nweeks * 7,
	    FIT_STAFF_IDLE_GAP, err) != 0)
		return -1;
	rd.pass = 2;
	if (log_read_file(file, &cb, err) != 0)
		goto out;
	if (rd.staff != NULL && obs_duty_by_hour(rd.staff, o->nweeks * 7, o->duty) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
		goto out;
	}
	qsort(o->arr, o->narr, sizeof *o->arr, by_time);
	rc = 0;
out:
	fit_staff_free(rd.staff);
	return rc;
}

void
observe_free(struct observe *o)
{
	free(o->arr);
	o->arr = NULL;
	o->narr = o->cap = 0;
}
