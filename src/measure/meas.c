/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * meas.c — from per-replication figures to estimates with 95% Student-t
 * intervals, the verdict on each target, and warnings in words.
 *
 * Every estimate is taken across replications (one value per replication), which
 * is what makes the interval honest: values within one run are correlated.
 */
#include "meas.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cover.h"

#define MEAS_MAX_WARNINGS 64
/* Coverage-gap warnings named per class; the rest are summed up in one. */
#define MEAS_MAX_GAPS 3

struct est
meas_est(const double *x, int n)
{
	struct est e;
	double sum = 0.0, ss = 0.0, h;
	int i, k = 0;

	for (i = 0; i < n; i++)
		if (!isnan(x[i])) {
			sum += x[i];
			k++;
		}
	if (k == 0) {
		e.mean = e.lo = e.hi = NAN;
		return e;
	}
	e.mean = sum / k;
	if (k < 2) {
		e.lo = e.hi = e.mean;
		return e;
	}
	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			ss += (x[i] - e.mean) * (x[i] - e.mean);
	h = gsl_cdf_tdist_Pinv(0.975, k - 1) * sqrt(ss / (k - 1) / k);
	e.lo = e.mean - h;
	e.hi = e.mean + h;
	return e;
}

const char *
meas_met_name(enum meas_met m)
{
	switch (m) {
	case MEAS_MET_CONFIDENT:
		return "confident";
	case MEAS_MET_ON_AVERAGE:
		return "on_average";
	case MEAS_MET_NO:
		return "no";
	case MEAS_MET_NA:
		return "n/a";
	default:
		return "none";
	}
}

/* At least `share`: confident when the interval's lower end is, else on average. */
static enum meas_met
verdict_at_least(const struct est *e, double share, int n)
{
	if (isnan(e->mean))
		return MEAS_MET_NA;     /* no item measured: no verdict */
	if (n >= 2 && e->lo >= share)
		return MEAS_MET_CONFIDENT;
	return e->mean >= share ? MEAS_MET_ON_AVERAGE : MEAS_MET_NO;
}

/* Met when the interval's upper end is at or under the cap (confident), or
 * the mean is (on average); no verdict without a figure. */
static enum meas_met
verdict_at_most(const struct est *e, double cap, int n)
{
	if (isnan(e->mean))
		return MEAS_MET_NA;
	if (n >= 2 && e->hi <= cap)
		return MEAS_MET_CONFIDENT;
	return e->mean <= cap ? MEAS_MET_ON_AVERAGE : MEAS_MET_NO;
}

static int
warn(struct meas *m, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (m->nwarnings >= MEAS_MAX_WARNINGS)
		return 0;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if ((m->warnings[m->nwarnings] = strdup(buf)) == NULL)
		return -1;
	m->nwarnings++;
	return 0;
}

/* Clip an interval to the range its quantity can take (a share in [0, 1], a
 * count or a time >= 0): a symmetric t-interval near a bound can cross it. */
static void
clip(struct est *e, double lo, double hi)
{
	if (e->lo < lo)
		e->lo = lo;
	if (e->hi > hi)
		e->hi = hi;
}

/* Least-squares slope of y[0..n-1] against 0..n-1. */
static double
slope(const double *y, int n)
{
	double mx = (n - 1) / 2.0, my = 0.0, sxy = 0.0, sxx = 0.0;
	int i;

	for (i = 0; i < n; i++)
		my += y[i];
	my /= n;
	for (i = 0; i < n; i++) {
		sxy += (i - mx) * (y[i] - my);
		sxx += (i - mx) * (i - mx);
	}
	return sxx > 0.0 ? sxy / sxx : 0.0;
}

/* Staff cost of one replication over the span: rostered hours plus overtime. */
static double
rep_cost(const struct sim_rep *r)
{
	double total = 0.0;
	int i;

	for (i = 0; i < r->nroles; i++)
		total += r->role[i].cost;
	return total;
}

int
meas_take(struct meas_rep *r, const struct scn *s, const struct sim_rep *rep)
{
	static const double qs[4] = { 0.50, 0.90, 0.95, 0.99 };
	int c, j;

	memset(r, 0, sizeof *r);
	r->cls = calloc((size_t)s->nclasses + 1, sizeof *r->cls);
	r->role = calloc((size_t)s->nroles + 1, sizeof *r->role);
	if (r->cls == NULL || r->role == NULL) {
		meas_rep_free(r);
		return -1;
	}
	r->events = rep->events;
	r->safety = rep->safety;
	r->roster_cost = rep->roster_cost;
	r->cost = rep_cost(rep);
	memcpy(r->role, rep->role, (size_t)s->nroles * sizeof *r->role);
	for (c = 0; c < s->nclasses; c++) {
		const struct sim_class_rep *k = &rep->cls[c];
		struct meas_class_rep *o = &r->cls[c];

		o->arrived = k->arrived;
		o->completed = k->completed;
		o->abandoned = k->abandoned;
		o->censored = k->censored;
		o->met = k->met;
		o->wait_sum = k->wait_sum;
		o->wait_n = k->wait_n;
		o->resp_sum = k->resp_sum;
		o->resp_n = k->resp_n;
		for (j = 0; j < 4; j++) {
			o->wait_q[j] = k->wait.n ? hist_quantile(&k->wait, qs[j]) : NAN;
			o->resp_q[j] = k->resp.n ? hist_quantile(&k->resp, qs[j]) : NAN;
		}
		o->wait_max = k->wait.n ? k->wait.max : NAN;
		o->resp_max = k->resp.n ? k->resp.max : NAN;
		o->growth = rep->nweeks >= 3 ? slope(k->week_backlog, rep->nweeks) : NAN;
		o->miss_no_cover = k->miss_no_cover;
		o->miss_queued = k->miss_queued;
		o->miss_abandoned = k->miss_abandoned;
		o->miss_open = k->miss_open;
		o->uncovered = k->uncovered;
	}
	return 0;
}

void
meas_rep_free(struct meas_rep *r)
{
	if (r == NULL)
		return;
	free(r->cls);
	free(r->role);
	r->cls = NULL;
	r->role = NULL;
}

void
meas_pool(const struct scn *s, const struct sim_rep *rep, struct meas_pooled *pooled)
{
	int c, b, h;

	for (c = 0; c < s->nclasses; c++) {
		const struct sim_class_rep *k = &rep->cls[c];
		const struct hist *src = s->classes[c].mode == SCN_SYNC ? &k->wait : &k->resp;
		struct meas_pooled *d = &pooled[c];

		for (b = 0; b < HIST_NBUCKETS; b++)
			d->dist.count[b] += src->count[b];
		d->dist.n += src->n;
		if (src->max > d->dist.max)
			d->dist.max = src->max;
		for (h = 0; h < WEEK_HOURS; h++) {
			d->area[h] += llround(k->backlog_area[h] * 1e6);
			d->time[h] += llround(k->backlog_time[h] * 1e6);
			d->misses[h] += llround(k->misses_by_hour[h]);
		}
	}
}

void
meas_pool_add(const struct scn *s, struct meas_pooled *a, const struct meas_pooled *b)
{
	int c, i;

	for (c = 0; c < s->nclasses; c++) {
		for (i = 0; i < HIST_NBUCKETS; i++)
			a[c].dist.count[i] += b[c].dist.count[i];
		a[c].dist.n += b[c].dist.n;
		if (b[c].dist.max > a[c].dist.max)
			a[c].dist.max = b[c].dist.max;
		for (i = 0; i < WEEK_HOURS; i++) {
			a[c].area[i] += b[c].area[i];
			a[c].time[i] += b[c].time[i];
			a[c].misses[i] += b[c].misses[i];
		}
	}
}

static double
ratio(double a, double b)
{
	return b > 0.0 ? a / b : NAN;
}

double
meas_rep_attainment(const struct meas_rep *r, int c)
{
	return ratio(r->cls[c].met, r->cls[c].arrived);
}

double
meas_rep_utilization(const struct meas_rep *r, int role)
{
	const struct sim_role_rep *q = &r->role[role];

	return ratio(q->busy_min, q->on_duty_min + q->overtime_min);
}

double
meas_rep_miss_rate(const struct meas_rep *r)
{
	return ratio(r->safety.missed, r->safety.acute);
}

/* Fill the class measures of class c. */
static void
build_class(struct meas *m, int c, const struct meas_rep *reps, int n,
    const struct meas_pooled *pooled, double *x)
{
	const struct scn *s = m->scn;
	const struct scn_class *k = &s->classes[c];
	struct meas_class *mc = &m->cls[c];
	int i, h;

#define EST(field, expr) do { for (i = 0; i < n; i++) { \
	const struct meas_class_rep *r = &reps[i].cls[c]; (void)r; x[i] = (expr); } \
	mc->field = meas_est(x, n); } while (0)
	EST(arrived, r->arrived);
	EST(completed, r->completed);
	EST(open_at_end, r->censored);
	EST(abandoned, r->abandoned);
	EST(abandon_rate, ratio(r->abandoned, r->arrived));
	EST(wait_mean, ratio(r->wait_sum, r->wait_n));
	EST(wait_p50, r->wait_q[0]);
	EST(wait_p90, r->wait_q[1]);
	EST(wait_p95, r->wait_q[2]);
	EST(wait_p99, r->wait_q[3]);
	EST(wait_max, r->wait_max);
	EST(resp_mean, ratio(r->resp_sum, r->resp_n));
	EST(resp_p50, r->resp_q[0]);
	EST(resp_p90, r->resp_q[1]);
	EST(resp_p95, r->resp_q[2]);
	EST(resp_p99, r->resp_q[3]);
	EST(resp_max, r->resp_max);
	EST(attainment, k->has_target ? meas_rep_attainment(&reps[i], c) : NAN);
	EST(miss_no_cover, k->has_target ? r->miss_no_cover : NAN);
	EST(miss_queued, k->has_target ? r->miss_queued : NAN);
	EST(miss_abandoned, k->has_target ? r->miss_abandoned : NAN);
	EST(miss_open, k->has_target ? r->miss_open : NAN);
	EST(uncovered_share, ratio(r->uncovered, r->arrived));
#undef EST
	clip(&mc->uncovered_share, 0.0, 1.0);
	for (h = 0; h < WEEK_HOURS; h++)
		mc->misses_by_hour[h] = n > 0 ? (double)pooled[c].misses[h] / n : 0.0;
	mc->met = k->has_target ? verdict_at_least(&mc->attainment, k->target_share, n) :
	    MEAS_MET_NONE;
	clip(&mc->attainment, 0.0, 1.0);
	clip(&mc->abandon_rate, 0.0, 1.0);
	{
		struct est *nonneg[] = { &mc->arrived, &mc->completed, &mc->open_at_end,
		    &mc->abandoned, &mc->wait_mean, &mc->wait_p50, &mc->wait_p90,
		    &mc->wait_p95, &mc->wait_p99, &mc->wait_max, &mc->resp_mean,
		    &mc->resp_p50, &mc->resp_p90, &mc->resp_p95, &mc->resp_p99,
		    &mc->resp_max, &mc->miss_no_cover, &mc->miss_queued,
		    &mc->miss_abandoned, &mc->miss_open };
		size_t j;

		for (j = 0; j < sizeof nonneg / sizeof nonneg[0]; j++)
			clip(nonneg[j], 0.0, INFINITY);
	}

	for (h = 0; h < WEEK_HOURS; h++)
		mc->backlog[h] = pooled[c].time[h] > 0 ?
		    (double)pooled[c].area[h] / (double)pooled[c].time[h] : 0.0;
	for (i = 0; i < n; i++)
		x[i] = reps[i].cls[c].growth;
	mc->backlog_growth = meas_est(x, n);
	*mc->dist = pooled[c].dist;
}

/* Where class c arrives with nobody on duty who serves it, in words. */
static int
gap_warnings(struct meas *m, int c)
{
	const struct scn *s = m->scn;
	struct cover_gap g[MEAS_MAX_GAPS];
	char when[64];
	int ng, i;

	if ((ng = cover_gaps(s, m->staff, c, g, MEAS_MAX_GAPS)) < 0)
		return -1;
	for (i = 0; i < ng && i < MEAS_MAX_GAPS; i++) {
		cover_gap_name(&g[i], when, sizeof when);
		if (warn(m, "%s arrives %s with nobody on duty who serves it: %.*f%% of "
		    "its items", s->classes[c].name, when, g[i].share < 0.01 ? 1 : 0,
		    100.0 * g[i].share) != 0)
			return -1;
	}
	if (ng > MEAS_MAX_GAPS) {
		struct cover_gap *all = calloc((size_t)ng, sizeof *all);
		double more = 0.0;

		if (all == NULL || cover_gaps(s, m->staff, c, all, ng) < 0) {
			free(all);
			return -1;
		}
		for (i = MEAS_MAX_GAPS; i < ng; i++)
			more += all[i].share;
		free(all);
		if (warn(m, "%s also arrives in %d more stretch%s with nobody on duty who "
		    "serves it: %.*f%% of its items", s->classes[c].name, ng - MEAS_MAX_GAPS,
		    ng - MEAS_MAX_GAPS == 1 ? "" : "es", more < 0.01 ? 1 : 0,
		    100.0 * more) != 0)
			return -1;
	}
	return 0;
}

/* scn_warnings' emit: the scenario's warnings join the run's. */
static int
warn_scn(void *ctx, int line, const char *msg)
{
	(void)line;
	return warn(ctx, "%s", msg);
}

/* A figure that would alarm anyone, where no target judges it: all verdicts
 * green beside 90% of acute patients unreached is a report that misleads.
 * One in ten is the line: an acute patient not reached in the window, or a
 * patient who hung up. */
#define MEAS_ALARM 0.10

static int
alarm_warnings(struct meas *m)
{
	const struct scn *s = m->scn;
	int c;

	if (!s->has_safety_target && m->safety.acute.mean > 0 &&
	    m->safety.miss_rate.mean >= MEAS_ALARM &&
	    warn(m, "no safety target, but %.1f%% of acute items (%.3g a week) were "
	    "not reached within their safe window; set [targets] safety_miss_rate to "
	    "judge it", 100.0 * m->safety.miss_rate.mean, m->safety.missed.mean /
	    s->weeks) != 0)
		return -1;
	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *mc = &m->cls[c];

		if (!s->classes[c].has_target && mc->abandon_rate.mean >= MEAS_ALARM &&
		    warn(m, "class %s has no target, but %.1f%% of its patients gave up "
		    "waiting; give it a target to judge it", s->classes[c].name,
		    100.0 * mc->abandon_rate.mean) != 0)
			return -1;
	}
	return 0;
}

static int
build_warnings(struct meas *m, const struct meas_rep *reps, int n)
{
	const struct scn *s = m->scn;
	int c, i;

	if (scn_warnings(s, warn_scn, m) != 0)
		return -1;
	if (n < 2 && warn(m, "one replication: no confidence intervals; "
	    "use -r 2 or more to judge targets with confidence") != 0)
		return -1;
	if (alarm_warnings(m) != 0)
		return -1;
	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *mc = &m->cls[c];
		double per_week = mc->arrived.mean / s->weeks, cens = 0.0;

		if (!isnan(mc->backlog_growth.lo) && mc->backlog_growth.lo > 0.0 &&
		    mc->backlog_growth.mean * s->weeks > 5.0 &&
		    mc->backlog_growth.mean > 0.02 * per_week &&
		    warn(m, "the backlog of class %s grows by %.1f items a week: the "
		    "roster cannot keep up", s->classes[c].name,
		    mc->backlog_growth.mean) != 0)
			return -1;
		if (gap_warnings(m, c) != 0)
			return -1;
		for (i = 0; i < n; i++)
			cens += reps[i].cls[c].censored;
		/* Three digits: a mean under half an item must not read "0 item(s)". */
		if (cens > 0.0 && warn(m, "%.3g item(s) of class %s a week were still "
		    "open at the end, a while after the measured span; their waits count as "
		    "misses and as lower bounds", cens / n / s->weeks,
		    s->classes[c].name) != 0)
			return -1;
	}
	return 0;
}

/* Per role: utilization, hours, cost, and the utilization verdict. */
static void
build_roles(struct meas *m, const struct meas_rep *reps, int n, double *x)
{
	const struct scn *s = m->scn;
	double weeks = s->weeks;
	int r, i;

	for (r = 0; r < s->nroles; r++) {
		struct meas_role *mr = &m->role[r];

#define EST(field, expr) do { for (i = 0; i < n; i++) { \
	const struct sim_role_rep *q = &reps[i].role[r]; (void)q; x[i] = (expr); } \
	mr->field = meas_est(x, n); } while (0)
		EST(utilization, meas_rep_utilization(&reps[i], r));
		EST(on_duty_hours_per_week, q->on_duty_min / 60.0 / weeks);
		EST(overtime_hours_per_week, q->overtime_min / 60.0 / weeks);
		EST(cost_per_week, q->cost / weeks);
		EST(absent_hours_per_week, q->absent_min / 60.0 / weeks);
#undef EST
		clip(&mr->utilization, 0.0, 1.0);
		clip(&mr->overtime_hours_per_week, 0.0, INFINITY);
		clip(&mr->absent_hours_per_week, 0.0, INFINITY);
		mr->met = s->has_max_utilization ?
		    verdict_at_most(&mr->utilization, s->max_utilization, n) : MEAS_MET_NONE;
	}
}

/* Safety: counts, the miss rate and its verdict. */
static void
build_safety(struct meas *m, const struct meas_rep *reps, int n, double *x)
{
	const struct scn *s = m->scn;
	int i;

#define EST(field, expr) do { for (i = 0; i < n; i++) { \
	const struct sim_safety_rep *q = &reps[i].safety; (void)q; x[i] = (expr); } \
	m->safety.field = meas_est(x, n); } while (0)
	EST(acute, q->acute);
	EST(escalated, q->escalated);
	EST(screened, q->screened);
	EST(reached_in_window, q->reached_in_window);
	EST(missed, q->missed);
	EST(miss_rate, meas_rep_miss_rate(&reps[i]));
	EST(false_negatives, q->false_negatives);
	EST(unreached, q->unreached);
	EST(deferred, q->deferred);
#undef EST
	clip(&m->safety.miss_rate, 0.0, 1.0);
	{
		struct est *nonneg[] = { &m->safety.acute, &m->safety.escalated,
		    &m->safety.screened, &m->safety.reached_in_window, &m->safety.missed,
		    &m->safety.false_negatives, &m->safety.unreached, &m->safety.deferred };
		size_t j;

		for (j = 0; j < sizeof nonneg / sizeof nonneg[0]; j++)
			clip(nonneg[j], 0.0, INFINITY);
	}
	m->safety.met = MEAS_MET_NONE;
	if (s->has_safety_target) {
		const struct est *e = &m->safety.miss_rate;

		if (isnan(e->mean))
			m->safety.met = MEAS_MET_CONFIDENT;   /* no acute item: nothing missed */
		else if (n >= 2 && e->hi <= s->safety_miss_rate)
			m->safety.met = MEAS_MET_CONFIDENT;
		else
			m->safety.met = e->mean <= s->safety_miss_rate ?
			    MEAS_MET_ON_AVERAGE : MEAS_MET_NO;
	}
}

struct meas *
meas_build(const struct scn *s, const struct meas_rep *reps, int n,
    const struct meas_pooled *pooled, const int *staff, struct cq_err *err)
{
	struct meas *m = calloc(1, sizeof *m);
	double *x = calloc((size_t)n + 1, sizeof *x);
	double weeks = s->weeks;
	int c, i;

	if (m == NULL || x == NULL)
		goto nomem;
	m->scn = s;
	m->replications = n;
	m->cls = calloc((size_t)s->nclasses + 1, sizeof *m->cls);
	m->role = calloc((size_t)s->nroles + 1, sizeof *m->role);
	m->warnings = calloc(MEAS_MAX_WARNINGS, sizeof *m->warnings);
	/* As written: NULL, the scenario's staff by day (scn_shift_staff_on). */
	m->staff = staff != NULL ? calloc((size_t)s->nshifts + 1, sizeof *m->staff) : NULL;
	if (m->cls == NULL || m->role == NULL || m->warnings == NULL ||
	    (staff != NULL && m->staff == NULL))
		goto nomem;
	for (i = 0; i < s->nshifts && staff != NULL; i++)
		m->staff[i] = staff[i];
	for (i = 0; i < n; i++)
		m->events += reps[i].events;
	for (c = 0; c < s->nclasses; c++) {
		if ((m->cls[c].dist = malloc(sizeof *m->cls[c].dist)) == NULL)
			goto nomem;
		build_class(m, c, reps, n, pooled, x);
	}
	build_roles(m, reps, n, x);
	build_safety(m, reps, n, x);
	for (i = 0; i < n; i++)
		x[i] = reps[i].roster_cost / weeks;
	m->cost_staff = meas_est(x, n);
	for (i = 0; i < n; i++)
		x[i] = (reps[i].cost - reps[i].roster_cost) / weeks;
	m->cost_overtime = meas_est(x, n);
	for (i = 0; i < n; i++)
		x[i] = reps[i].cost / weeks;
	m->cost_total = meas_est(x, n);
	if (build_warnings(m, reps, n) != 0)
		goto nomem;
	free(x);
	return m;
nomem:
	free(x);
	meas_free(m);
	cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory while summarising results");
	return NULL;
}

void
meas_slim(struct meas *m)
{
	int c, i;

	if (m == NULL || m->slim)
		return;
	for (c = 0; c < m->scn->nclasses; c++) {
		free(m->cls[c].dist);
		m->cls[c].dist = NULL;
	}
	if (m->reps != NULL)
		for (i = 0; i < m->replications; i++)
			meas_rep_free(&m->reps[i]);
	free(m->reps);
	free(m->pool);
	m->reps = NULL;
	m->pool = NULL;
	m->slim = 1;
}

/* Copy a replication's summary (its arrays too); -1 on ENOMEM. */
static int
rep_copy(struct meas_rep *d, const struct meas_rep *r, const struct scn *s)
{
	*d = *r;
	d->cls = malloc(((size_t)s->nclasses + 1) * sizeof *d->cls);
	d->role = malloc(((size_t)s->nroles + 1) * sizeof *d->role);
	if (d->cls == NULL || d->role == NULL) {
		meas_rep_free(d);
		return -1;
	}
	memcpy(d->cls, r->cls, (size_t)s->nclasses * sizeof *d->cls);
	memcpy(d->role, r->role, (size_t)s->nroles * sizeof *d->role);
	return 0;
}

struct meas *
meas_join(const struct meas *a, const struct meas *b, struct cq_err *err)
{
	const struct scn *s = a->scn;
	int n = a->replications + b->replications, i, k = 0;
	struct meas_rep *reps = calloc((size_t)n, sizeof *reps);
	struct meas_pooled *pool = calloc((size_t)s->nclasses + 1, sizeof *pool);
	struct meas *m = NULL;

	if (a->reps == NULL || b->reps == NULL || a->pool == NULL || b->pool == NULL ||
	    b->first != a->first + a->replications) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "internal error: measures that cannot "
		    "be joined");
		goto out;
	}
	if (reps == NULL || pool == NULL)
		goto nomem;
	for (i = 0; i < a->replications; i++, k++)
		if (rep_copy(&reps[k], &a->reps[i], s) != 0)
			goto nomem;
	for (i = 0; i < b->replications; i++, k++)
		if (rep_copy(&reps[k], &b->reps[i], s) != 0)
			goto nomem;
	/* Integers: the sum is the pool of one run of them all. */
	meas_pool_add(s, pool, a->pool);
	meas_pool_add(s, pool, b->pool);
	if ((m = meas_build(s, reps, n, pool, a->staff, err)) == NULL)
		goto out;
	m->reps = reps;
	m->pool = pool;
	m->first = a->first;
	return m;
nomem:
	cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory joining replications");
out:
	for (i = 0; i < k; i++)
		meas_rep_free(&reps[i]);
	free(reps);
	free(pool);
	return NULL;
}

void
meas_free(struct meas *m)
{
	int c, i;

	if (m == NULL)
		return;
	if (m->cls != NULL)
		for (c = 0; c < m->scn->nclasses; c++)
			free(m->cls[c].dist);
	if (m->warnings != NULL)
		for (i = 0; i < m->nwarnings; i++)
			free(m->warnings[i]);
	free(m->warnings);
	if (m->reps != NULL)
		for (i = 0; i < m->replications; i++)
			meas_rep_free(&m->reps[i]);
	free(m->reps);
	free(m->pool);
	free(m->staff);
	free(m->cls);
	free(m->role);
	free(m);
}
