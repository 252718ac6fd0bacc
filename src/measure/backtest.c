/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * backtest.c — the simulated side of `backtest` (backtest.h).  Each
 * replication's measured items arrive through the engine's record hook and
 * are counted, by class and by hour of day of arrival, in that replication's
 * own slot (so threads never share one, and -j changes nothing) by
 * obs_count, the observed side's definition.  Persons on duty are inferred
 * from each replication's services as from the log's (fit_staff: who served
 * when), so that both sides are seen through the same lens: a log shows
 * nobody idle, and neither then does the simulated figure.
 */
#include "backtest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "data/fit_staff.h"
#include "week.h"

const char *const bt_measure_name[BT_NMEAS] = {
	"arrivals_per_week", "abandon_rate", "wait_mean_min", "within_target",
	"within_30s", "within_60s", "agents_on_duty", "utilization"
};

const char *const bt_measure_title[BT_NMEAS] = {
	"Arrivals a week", "Abandoned, share of arrivals", "Mean wait of answered items (min)",
	"Answered within the class's target", "Answered within 30 s", "Answered within 60 s",
	"Persons on duty (mean)", "Utilization of those on duty"
};

int
bt_measure_share(int m)
{
	return m == BT_ABANDON || m == BT_WITHIN || m == BT_WITHIN30 || m == BT_WITHIN60 ||
	    m == BT_UTIL;
}

/* One replication's counts: classes, then hours. */
struct bt_acc {
	const struct scn *s;
	const struct observe *o;
	int first;                /* run_opts.first */
	int stride;               /* nclasses + OBS_HOURS */
	struct obs_counts *counts;   /* replications x stride */
	double *busy;             /* replications x OBS_HOURS */
	double *duty;             /* replications x OBS_HOURS: persons on duty */
	struct fit_staff **staff; /* per replication, while it plays (with agents) */
	unsigned char *bad;       /* per replication: the inference failed */
};

static void
add_busy(double *busy, double t, double service)
{
	double end = t + service;

	while (t < end) {
		double next = (floor(t / 60.0) + 1) * 60.0;

		busy[(int)fmod(floor(t / 60.0), OBS_HOURS)] += (next < end ? next : end) - t;
		t = next;
	}
}

static void staff_add(struct bt_acc *a, int i, const struct sim_record *r);

/* The engine's record of a measured item (from the thread playing it). */
static void
on_record(void *ctx, const struct sim_record *r)
{
	struct bt_acc *a = ctx;
	int i = r->rep - a->first;
	struct obs_counts *c = a->counts + (size_t)i * (size_t)a->stride;
	const struct obs_class *k = &a->o->cls[r->cls];
	int h = (int)fmod(floor(r->arrived / 60.0), OBS_HOURS);
	int ab = r->outcome == SIM_ABANDONED;

	if (r->arrived < a->s->warmup || r->arrived >= scn_horizon(a->s))
		return;
	obs_count(&c[r->cls], k, ab, r->wait, r->service);
	obs_count(&c[a->o->nclasses + h], k, ab, r->wait, r->service);
	if (!ab && r->service > 0)
		add_busy(a->busy + (size_t)i * OBS_HOURS, r->arrived + r->wait, r->service);
	if (!ab && a->o->has_agent)
		staff_add(a, i, r);
}

/* A served item's service to its replication's inference of persons on
 * duty: the person as its agent, minutes from the measured span's start. */
static void
staff_add(struct bt_acc *a, int i, const struct sim_record *r)
{
	struct cq_err e;
	char agent[32];

	if (a->bad[i])
		return;
	if (a->staff[i] == NULL && fit_staff_new(&a->staff[i], "simulated", a->o->start_day,
	    a->o->nweeks * 7, FIT_STAFF_IDLE_GAP, &e) != 0) {
		a->bad[i] = 1;
		return;
	}
	snprintf(agent, sizeof agent, "%d.%u", r->role, (unsigned)r->person);
	if (fit_staff_add(a->staff[i], agent, a->o->start_day, r->arrived + r->wait -
	    a->s->warmup, r->service, 0, &e) != 0)
		a->bad[i] = 1;
}

/* A replication played to its end: its persons on duty by hour. */
static void
on_rep_end(void *ctx, int rep)
{
	struct bt_acc *a = ctx;
	int i = rep - a->first;

	if (a->staff[i] != NULL && obs_duty_by_hour(a->staff[i], a->o->nweeks * 7,
	    a->duty + (size_t)i * OBS_HOURS) != 0)
		a->bad[i] = 1;
	fit_staff_free(a->staff[i]);
	a->staff[i] = NULL;
}

/* A figure of counts c; NAN where it has none. */
static double
figure(int m, const struct obs_counts *c, int nweeks)
{
	switch (m) {
	case BT_ARRIVALS:
		return c->arrived / nweeks;
	case BT_ABANDON:
		return c->arrived > 0 ? c->abandoned / c->arrived : NAN;
	case BT_WAIT:
		return c->answered > 0 ? c->wait_sum / c->answered : NAN;
	case BT_WITHIN:
		return c->arr_t > 0 ? c->met / c->arr_t : NAN;
	case BT_WITHIN30:
		return c->arr_nt > 0 ? c->met30 / c->arr_nt : NAN;
	case BT_WITHIN60:
		return c->arr_nt > 0 ? c->met60 / c->arr_nt : NAN;
	}
	return NAN;
}

/* Observed value of measure m of counts c (the hour h's staff: h >= 0). */
static double
observed(const struct observe *o, int m, const struct obs_counts *c, int h)
{
	double days = o->nweeks * 7.0;

	if (m == BT_DUTY)
		return h >= 0 ? o->duty[h] : NAN;
	if (m == BT_UTIL)
		return h >= 0 && o->duty[h] > 0 ? o->busy[h] / (o->duty[h] * 60.0 * days) : NAN;
	if (!o->has_wait && m >= BT_WAIT)
		return NAN;
	return figure(m, c, o->nweeks);
}

/* One figure: observed, and the replications' values x[] (NAN: none) as
 * their mean and the 95% interval of one replication's value, mean +-
 * t(0.975, k-1) s sqrt(1 + 1/k): the log is one history, so it is set
 * against where one run falls, not against the mean's interval (which
 * narrows without end as replications grow). */
static void
set_fig(struct bt_fig *f, double obs, const double *x, int n, int share)
{
	double sum = 0, ss = 0, tol;
	int i, k = 0;

	f->obs = obs;
	f->mean = f->lo = f->hi = NAN;
	f->outside = 0;
	for (i = 0; i < n; i++)
		if (!isnan(x[i])) {
			sum += x[i];
			k++;
		}
	if (k == 0)
		return;
	f->mean = f->lo = f->hi = sum / k;
	if (k >= 2) {
		double h;

		for (i = 0; i < n; i++)
			if (!isnan(x[i]))
				ss += (x[i] - f->mean) * (x[i] - f->mean);
		h = gsl_cdf_tdist_Pinv(0.975, k - 1) * sqrt(ss / (k - 1) * (1.0 + 1.0 / k));
		/* No figure is negative, and a share is at most 1: the normal
		 * interval is cut to the values a replication can give. */
		f->lo = fmax(f->mean - h, 0.0);
		f->hi = share ? fmin(f->mean + h, 1.0) : f->mean + h;
	}
	tol = 1e-9 * (fabs(f->mean) + 1.0);
	f->outside = !isnan(obs) && (obs < f->lo - tol || obs > f->hi + tol);
}

/* The figures of row r (a class, or nclasses + hour) for every measure. */
static void
fill_row(struct backtest *bt, const struct bt_acc *a, int r, double *x)
{
	const struct observe *o = a->o;
	int n = bt->replications, h = r - o->nclasses, m, i;
	struct bt_fig *f = h >= 0 ? bt->hour[h] : bt->cls[r];
	const struct obs_counts *oc = h >= 0 ? &o->by_hour[h] : &o->by_cls[r];
	double days = o->nweeks * 7.0;

	for (m = 0; m < BT_NMEAS; m++) {
		for (i = 0; i < n; i++) {
			const struct obs_counts *c = a->counts + (size_t)i * (size_t)a->stride + r;

			const double *duty = a->duty + (size_t)i * OBS_HOURS;

			if (m == BT_DUTY)
				x[i] = h >= 0 ? duty[h] : NAN;
			else if (m == BT_UTIL)
				x[i] = h >= 0 && duty[h] > 0 ? a->busy[(size_t)i * OBS_HOURS +
				    (size_t)h] / (duty[h] * 60.0 * days) : NAN;
			else
				x[i] = figure(m, c, o->nweeks);
		}
		set_fig(&f[m], observed(o, m, oc, h), x, n, bt_measure_share(m));
	}
}

/* Which measures each row has, from the classes' targets and the columns. */
static void
set_has(struct backtest *bt, const struct observe *o)
{
	int c, m;

	for (c = 0; c < o->nclasses; c++) {
		int t = o->cls[c].target >= 0;

		snprintf(bt->names[c], LOG_MAX_NAME, "%s", o->cls[c].name);
		for (m = 0; m <= BT_WAIT; m++)
			bt->cls_has[c][m] = bt->hour_has[m] = 1;
		bt->cls_has[c][BT_WITHIN] = (unsigned char)t;
		bt->cls_has[c][BT_WITHIN30] = bt->cls_has[c][BT_WITHIN60] = (unsigned char)!t;
		bt->hour_has[BT_WITHIN] |= (unsigned char)t;
		bt->hour_has[BT_WITHIN30] |= (unsigned char)!t;
		bt->hour_has[BT_WITHIN60] |= (unsigned char)!t;
	}
	bt->hour_has[BT_DUTY] = bt->hour_has[BT_UTIL] = (unsigned char)o->has_agent;
}

/* The mean absolute gap by hour and the hours flagged. */
static void
agreement(struct backtest *bt)
{
	int m, h;

	for (m = 0; m < BT_NMEAS; m++) {
		double sum = 0;

		for (h = 0; h < OBS_HOURS; h++) {
			const struct bt_fig *f = &bt->hour[h][m];

			if (isnan(f->obs) || isnan(f->mean))
				continue;
			sum += fabs(f->obs - f->mean);
			bt->gap_hours[m]++;
			bt->nout[m] += f->outside;
		}
		bt->gap[m] = bt->gap_hours[m] > 0 ? sum / bt->gap_hours[m] : NAN;
	}
}

int
backtest_run(const struct scn *s, const struct observe *o, const struct run_opts *ro,
    struct backtest *bt, struct cq_err *err)
{
	struct run_opts r = *ro;
	struct bt_acc a;
	struct meas *m;
	double *x;
	int n = s->replications, i, rc = -1;

	memset(&a, 0, sizeof a);
	memset(bt, 0, sizeof *bt);
	a.s = s;
	a.o = o;
	a.first = r.first;
	a.stride = o->nclasses + OBS_HOURS;
	a.counts = calloc((size_t)n * (size_t)a.stride, sizeof *a.counts);
	a.busy = calloc((size_t)n * OBS_HOURS, sizeof *a.busy);
	a.duty = calloc((size_t)n * OBS_HOURS, sizeof *a.duty);
	a.staff = calloc((size_t)n, sizeof *a.staff);
	a.bad = calloc((size_t)n, 1);
	x = calloc((size_t)n, sizeof *x);
	if (a.counts == NULL || a.busy == NULL || a.duty == NULL || a.staff == NULL ||
	    a.bad == NULL || x == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory for %d replications", n);
		goto out;
	}
	r.record = on_record;
	r.record_end = on_rep_end;
	r.record_ctx = &a;
	r.record_all = 1;
	if ((m = run_replications(s, &r, err)) == NULL)
		goto out;
	meas_free(m);
	for (i = 0; i < n; i++)
		if (a.bad[i]) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory inferring the "
			    "persons on duty of replication %d", i + 1);
			goto out;
		}
	bt->nclasses = o->nclasses;
	bt->nweeks = o->nweeks;
	bt->replications = n;
	bt->start_day = o->start_day;
	bt->end_day = o->end_day;
	set_has(bt, o);
	for (i = 0; i < a.stride; i++)
		fill_row(bt, &a, i, x);
	agreement(bt);
	rc = 0;
out:
	for (i = 0; a.staff != NULL && i < n; i++)
		fit_staff_free(a.staff[i]);
	free(a.staff);
	free(a.bad);
	free(a.duty);
	free(x);
	free(a.busy);
	free(a.counts);
	return rc;
}
