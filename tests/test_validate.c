/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_validate.c — the engine against queueing theory.
 *
 * Every statistical check has a fixed seed and a tolerance taken from the
 * simulation's own 95% Student-t interval: the theoretical value must lie within
 * TOL_HW half-widths of the simulated mean (2 half-widths is about a 99.9%
 * interval for 20 replications), and the half-width must be small enough for the
 * check to mean something.  Expected values come from closed forms cited at
 * each case.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "theory.h"
#include "measure/erl.h"
#include "measure/run.h"
#include "scenario/scn.h"

/* One M/M/c case: a sync class measures wait to the start of service, so its
 * attainment is P(W <= t) of Erlang C. */
static void
erlang_case(int c, double lambda_h, double svc_min, double t_min, double weeks)
{
	char ini[2048], label[128];
	struct scn *s = NULL;
	struct meas *m;
	double lam = lambda_h / 60.0, mu = 1.0 / svc_min;

	snprintf(ini, sizeof ini,
	    "[scenario]\nweeks = %g\nwarmup = 1w\nreplications = 20\nseed = 7\n"
	    "[stream calls]\nrate = %g/h\nclasses = call\n"
	    "[class call]\nmode = sync\nservice = exp(%gmin)\ntarget = 80%% <= %gmin\n"
	    "[role agent]\ncost_per_hour = 1\nserves = call\n"
	    "[shift always]\nrole = agent\ndays = all\nstart = 00:00\nend = 24:00\n"
	    "staff = %d\n", weeks, lambda_h, svc_min, t_min, c);
	m = simulate("erlang", ini, &s);
	CHECK(m != NULL);
	if (m == NULL) {
		scn_free(s);
		return;
	}
	snprintf(label, sizeof label, "M/M/%d rho=%.3f mean wait", c, lam / (c * mu));
	check_est(label, &m->cls[0].wait_mean, erl_mean_wait(c, lam, mu), 0.08);
	snprintf(label, sizeof label, "M/M/%d rho=%.3f P(W<=%g)", c, lam / (c * mu), t_min);
	check_est(label, &m->cls[0].attainment, erl_service_level(c, lam, mu, t_min), 0.03);
	/* A person is busy lambda/(c mu) of the time: utilization is a check too. */
	snprintf(label, sizeof label, "M/M/%d utilization", c);
	check_est(label, &m->role[0].utilization, lam / (c * mu), 0.02);
	meas_free(m);
	scn_free(s);
}

/* Two classes on one server, exponential 10 min each: urgent (sync) 1.5/h over
 * routine (async) 3/h.  Cobham's formulas (Kleinrock, Queueing Systems II, 3.7):
 * non-preemptive W_k = W0 / ((1 - s_{k-1})(1 - s_k)), W0 = sum lambda_i E[S_i^2]/2;
 * preemptive-resume: class 1 sees an M/M/1 of its own, and class 2's response is
 * E[S]/(1 - s_1) + R_2 / ((1 - s_1)(1 - s_2)). */
static void
priority_case(int preempt)
{
	char ini[2048];
	struct scn *s = NULL;
	struct meas *m;
	double l1 = 1.5 / 60, l2 = 3.0 / 60, es = 10.0, es2 = 2 * es * es;
	double r1 = l1 * es, s2 = (l1 + l2) * es;
	double w0 = (l1 * es2 + l2 * es2) / 2.0;

	snprintf(ini, sizeof ini,
	    "[scenario]\nweeks = 40\nwarmup = 1w\nreplications = 20\nseed = 11\n"
	    "[stream urgent]\nrate = 1.5/h\nclasses = urgent\n"
	    "[stream routine]\nrate = 3/h\nclasses = routine\n"
	    "[class urgent]\nmode = sync\nservice = exp(10min)\n"
	    "[class routine]\nmode = async\nservice = exp(10min)\n"
	    "[role nurse]\ncost_per_hour = 50\nserves = urgent, routine\npreempt = %s\n"
	    "[shift always]\nrole = nurse\ndays = all\nstart = 00:00\nend = 24:00\n"
	    "staff = 1\n", preempt ? "yes" : "no");
	m = simulate("priority", ini, &s);
	CHECK(m != NULL);
	if (m == NULL) {
		scn_free(s);
		return;
	}
	if (!preempt) {
		check_est("non-preemptive urgent wait", &m->cls[0].wait_mean,
		    w0 / (1.0 - r1), 0.06);
		check_est("non-preemptive routine wait", &m->cls[1].wait_mean,
		    w0 / ((1.0 - r1) * (1.0 - s2)), 0.08);
	} else {
		double r2 = w0;       /* both classes' residual work */

		check_est("preemptive urgent wait", &m->cls[0].wait_mean,
		    r1 * es / (1.0 - r1), 0.06);
		check_est("preemptive routine response", &m->cls[1].resp_mean,
		    es / (1.0 - r1) + r2 / ((1.0 - r1) * (1.0 - s2)), 0.08);
	}
	meas_free(m);
	scn_free(s);
}

/* Little's law, L = lambda W, on a time-varying week: the mean backlog over the
 * week (time average) against arrivals per minute times mean wait in queue. */
static void
little_case(void)
{
	static const char ini[] =
	    "[scenario]\nweeks = 20\nwarmup = 2w\nreplications = 10\nseed = 3\n"
	    "[pattern office]\nweight = mon-fri 08:00-18:00 10\nweight = mon-fri 18:00-22:00 3\n"
	    "weight = sat-sun 09:00-13:00 2\n"
	    "[stream portal]\nper_week = 900\npattern = office\nclasses = msg\n"
	    "[class msg]\nmode = async\nservice = lognormal(6min,4min)\ntarget = 90% <= 24h\n"
	    "[role ma]\ncost_per_hour = 24\nserves = msg\n"
	    "[shift day]\nrole = ma\ndays = mon-fri\nstart = 08:00\nend = 17:00\nstaff = 2\n";
	struct scn *s = NULL;
	struct meas *m = simulate("little", ini, &s);
	double l = 0.0, lam, w;
	int h;

	CHECK(m != NULL);
	if (m == NULL) {
		scn_free(s);
		return;
	}
	for (h = 0; h < WEEK_HOURS; h++)
		l += m->cls[0].backlog[h] / WEEK_HOURS;
	lam = m->cls[0].arrived.mean / (20 * 10080.0);
	w = m->cls[0].wait_mean.mean;
	printf("little: L = %.3f, lambda W = %.3f\n", l, lam * w);
	/* Edge effects (items spanning the ends of the span) are O(1/weeks): 3%. */
	CHECK_NEAR(l / (lam * w), 1.0, 0.03);
	meas_free(m);
	scn_free(s);
}

/* A message sent on Friday between 21:00 and 22:00 to a weekday 08:00-17:00
 * clinic waits until Monday 08:00: between 58 and 59 hours (plus the minutes
 * to clear the handful of them). */
static void
calendar_case(const char *start_date)
{
	char ini[1024];
	static const char fmt[] =
	    "[scenario]\nstart_date = %s\nweeks = 8\nwarmup = 1w\n"
	    "replications = 4\nseed = 5\n"
	    "[pattern friday_evening]\nweight = fri 21:00-22:00 1\n"
	    "[stream portal]\nper_week = 3\npattern = friday_evening\nclasses = msg\n"
	    "[class msg]\nmode = async\nservice = const(1min)\n"
	    "[role ma]\ncost_per_hour = 24\nserves = msg\n"
	    "[shift office]\nrole = ma\ndays = mon-fri\nstart = 08:00\nend = 17:00\nstaff = 1\n";
	struct scn *s = NULL;
	struct meas *m;

	snprintf(ini, sizeof ini, fmt, start_date);
	m = simulate("calendar", ini, &s);

	CHECK(m != NULL);
	if (m == NULL) {
		scn_free(s);
		return;
	}
	CHECK(m->cls[0].arrived.mean > 10);
	printf("calendar from %s: wait p50 %.1f min, max %.1f min\n", start_date,
	    m->cls[0].wait_p50.mean, m->cls[0].wait_max.mean);
	CHECK(m->cls[0].wait_p50.lo >= 58 * 60.0 * (1 - 0.01));
	CHECK(m->cls[0].wait_max.hi <= 59 * 60.0 + 30.0);
	meas_free(m);
	scn_free(s);
}

int
main(void)
{
	erlang_case(1, 3.0, 10.0, 5.0, 40);      /* light: rho = 0.5 */
	erlang_case(8, 40.0, 10.0, 5.0, 20);     /* the benchmark model: rho = 0.83 */
	erlang_case(20, 110.0, 10.0, 2.0, 10);   /* many servers: rho = 0.92 */
	/* A large team: ~55 services in progress, so the event calendar runs in
	 * its heap layout, not the sorted one of a small team (see evq.h). */
	erlang_case(60, 330.0, 10.0, 2.0, 6);     /* rho = 0.92 */
	erlang_case(5, 27.9, 10.0, 10.0, 60);    /* heavy: rho = 0.93 */
	priority_case(0);
	priority_case(1);
	little_case();
	calendar_case("2027-01-04");           /* the clock starts on a Monday */
	calendar_case("2027-01-06");           /* ... and on a Wednesday: same waits */
	CHECK_DONE();
}
