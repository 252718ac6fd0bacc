/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_workforce.c — absence, breaks and the max_utilization verdict.
 *
 * Statistical checks follow theory.h: a fixed seed, the expected value within
 * TOL_HW half-widths of the simulated 95% interval, and a half-width small
 * enough to mean something.  The break checks are exact: with nobody busy,
 * on-duty time is the roster less the breaks to the minute.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "theory.h"
#include "engine/sim.h"
#include "measure/erl.h"
#include "measure/run.h"
#include "scenario/scn.h"

/* A 24/7 pool of c nurses, calls at lambda per hour of exp(30min). */
static void
pool_ini(char *buf, size_t n, int c, double lambda_h, const char *absence,
    const char *targets)
{
	snprintf(buf, n,
	    "[scenario]\nweeks = 8\nwarmup = 1w\nreplications = 20\nseed = 11\n"
	    "[stream calls]\nrate = %g/h\nclasses = call\n"
	    "[class call]\nmode = sync\nservice = exp(30min)\ntarget = 80%% <= 10min\n"
	    "[role rn]\ncost_per_hour = 50\nserves = call\nabsence = %s\n"
	    "[role spare]\ncost_per_hour = 10\nserves = call\n"
	    "[shift always]\nrole = rn\ndays = all\nstart = 00:00\nend = 24:00\nstaff = %d\n"
	    "%s", lambda_h, absence, c, targets);
}

/* Absence P on a 24/7 pool of c: on duty (1 - P) x rostered, absent P x
 * rostered (each person-day is absent with probability P), the roster's cost
 * in full.  The wait lies between the full pool's and that of the pool with
 * absence 30%: the absence draws are common (u < 0.2 implies u < 0.3), so the
 * persons present at 30% are a subset of those at 20% at every moment, and a
 * first-come-first-served pool's waits only grow, path by path, as servers are
 * taken away (the same arrivals and service times).  It also lies above Erlang
 * C at the mean (1 - P) c persons present (Jensen: the mean wait is convex and
 * decreasing in the persons present), which is why Erlang C at (1 - P) c is no
 * upper bound. */
static void
absence_case(void)
{
	char ini[2048];
	struct scn *s = NULL, *s0 = NULL, *s3 = NULL;
	struct meas *m, *m0, *m3;
	const int c = 5;
	const double p = 0.2, lambda = 2.0, hours = c * 168.0;

	pool_ini(ini, sizeof ini, c, lambda, "20%", "");
	m = simulate("absence", ini, &s);
	pool_ini(ini, sizeof ini, c, lambda, "0", "");
	m0 = simulate("full", ini, &s0);
	pool_ini(ini, sizeof ini, c, lambda, "30%", "");
	m3 = simulate("absence 30%", ini, &s3);
	CHECK(m != NULL && m0 != NULL && m3 != NULL);
	if (m != NULL && m0 != NULL && m3 != NULL) {
		check_est("absence 20%: on-duty hours a week", &m->role[0].on_duty_hours_per_week,
		    (1 - p) * hours, 0.02);
		check_est("absence 20%: absent hours a week", &m->role[0].absent_hours_per_week,
		    p * hours, 0.1);
		/* Every person-hour is on duty or absent. */
		CHECK_NEAR(m->role[0].on_duty_hours_per_week.mean +
		    m->role[0].absent_hours_per_week.mean, hours, 1e-6);
		CHECK_NEAR(m->cost_staff.mean, hours * 50, 1e-6);   /* absent are paid */
		CHECK_NEAR(m0->role[0].on_duty_hours_per_week.mean, hours, 1e-9);
		CHECK_NEAR(m0->role[0].absent_hours_per_week.mean, 0, 1e-9);
		printf("wait: full pool %.3g [%.3g, %.3g] min, with absence %.3g [%.3g, %.3g] "
		    "min, Erlang C at %g present %.3g min\n", m0->cls[0].wait_mean.mean,
		    m0->cls[0].wait_mean.lo, m0->cls[0].wait_mean.hi, m->cls[0].wait_mean.mean,
		    m->cls[0].wait_mean.lo, m->cls[0].wait_mean.hi, (1 - p) * c,
		    erl_mean_wait((int)lround((1 - p) * c), lambda / 60.0, 1 / 30.0));
		printf("wait with absence 30%%: %.3g [%.3g, %.3g] min\n", m3->cls[0].wait_mean.mean,
		    m3->cls[0].wait_mean.lo, m3->cls[0].wait_mean.hi);
		CHECK(m->cls[0].wait_mean.lo > m0->cls[0].wait_mean.hi);
		CHECK(m->cls[0].wait_mean.mean <= m3->cls[0].wait_mean.mean);
		CHECK(m->role[0].absent_hours_per_week.mean <=
		    m3->role[0].absent_hours_per_week.mean);
		CHECK(m->cls[0].wait_mean.mean >=
		    erl_mean_wait((int)lround((1 - p) * c), lambda / 60.0, 1 / 30.0));
		/* Utilization is busy over available: absence raises it by 1/(1-P). */
		check_est("absence 20%: utilization", &m->role[0].utilization,
		    lambda * 0.5 / ((1 - p) * c), 0.03);
	}
	meas_free(m);
	meas_free(m0);
	meas_free(m3);
	scn_free(s);
	scn_free(s0);
	scn_free(s3);
}

/* Common random numbers: one more person on the shift leaves the others'
 * absence and every arrival as they were.  Replication by replication, the
 * larger roster's absent minutes are the smaller's plus the new person's. */
static void
absence_crn_case(void)
{
	char ini[2048];
	struct cq_err err = { 0 };
	struct scn *s;
	struct sim_rep *a, *b;
	struct sim_opts oa = { 0 }, ob = { 0 };
	int staff_a[1] = { 5 }, staff_b[1] = { 6 }, rep, grew = 0;

	pool_ini(ini, sizeof ini, 5, 2.0, "20%", "");
	s = scn_load_string("crn", ini, NULL, 0, &err);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	a = sim_rep_new(s);
	b = sim_rep_new(s);
	oa.staff = staff_a;
	ob.staff = staff_b;
	for (rep = 0; rep < 5 && a != NULL && b != NULL; rep++) {
		sim_rep_reset(a);
		sim_rep_reset(b);
		CHECK(sim_run(s, &oa, rep, a, &err) == 0);
		CHECK(sim_run(s, &ob, rep, b, &err) == 0);
		CHECK(b->role[0].absent_min >= a->role[0].absent_min);
		grew += b->role[0].absent_min > a->role[0].absent_min;
		CHECK(a->cls[0].arrived == b->cls[0].arrived);
	}
	CHECK(grew > 0);        /* the sixth person was absent some days */
	sim_rep_free(a);
	sim_rep_free(b);
	scn_free(s);
}

/* Breaks with nobody busy: on duty is the roster less every break, exactly:
 * 3 persons, Mon-Fri 08:00-16:30, breaks of 30 and 15 minutes. */
static void
break_exact_case(void)
{
	static const char ini[] =
	    "[scenario]\nstart_date = 2027-01-04\nweeks = 2\nwarmup = 0\nreplications = 2\nseed = 5\n"
	    "[stream msgs]\nper_week = 0\nclasses = msg\n"
	    "[class msg]\nmode = async\nservice = exp(5min)\n"
	    "[role rn]\ncost_per_hour = 40\nserves = msg\n"
	    "[shift day]\nrole = rn\ndays = mon-fri\nstart = 08:00\nend = 16:30\nstaff = 3\n"
	    "break = 30min within 11:30-14:00\nbreak = 15min within 09:00-10:00\n";
	struct scn *s = NULL;
	struct meas *m = simulate("breaks", ini, &s);

	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_NEAR(m->role[0].on_duty_hours_per_week.mean, 3 * 5 * (8.5 - 0.75), 1e-9);
		CHECK_NEAR(m->role[0].on_duty_hours_per_week.hi,
		    m->role[0].on_duty_hours_per_week.lo, 1e-9);
		/* Paid in full. */
		CHECK_NEAR(m->cost_staff.mean, 3 * 5 * 8.5 * 40, 1e-6);
	}
	meas_free(m);
	scn_free(s);
}

/* One person all day with a break of the whole window 12:00-13:00: calls
 * queue in that hour and nowhere else.  With the same arrivals and services,
 * every hour before 12:00 has the very backlog of the same run without the
 * break (the queue it left has emptied by then), hour 12 a far longer one;
 * and on-duty time lies between the roster less the breaks (all taken whole)
 * and the roster (a break begun late is cut at 13:00). */
static void
break_window_case(void)
{
	static const char tmpl[] =
	    "[scenario]\nweeks = 6\nwarmup = 1w\nreplications = 10\nseed = 3\n"
	    "[stream calls]\nrate = 6/h\nclasses = call\n"
	    "[class call]\nmode = sync\nservice = exp(4min)\ntarget = 80%% <= 10min\n"
	    "[role rn]\ncost_per_hour = 50\nserves = call\n"
	    "[shift day]\nrole = rn\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n%s";
	char ini[1024];
	struct scn *s = NULL, *s0 = NULL;
	struct meas *m, *m0;
	int h, same = 1;

	snprintf(ini, sizeof ini, tmpl, "break = 60min within 12:00-13:00\n");
	m = simulate("break window", ini, &s);
	snprintf(ini, sizeof ini, tmpl, "");
	m0 = simulate("no break", ini, &s0);
	CHECK(m != NULL && m0 != NULL);
	if (m != NULL && m0 != NULL) {
		for (h = 0; h < WEEK_HOURS; h++) {
			if (h % 24 < 12 && fabs(m->cls[0].backlog[h] - m0->cls[0].backlog[h]) >
			    1e-9 * (1 + m0->cls[0].backlog[h])) {
				same = 0;
				fprintf(stderr, "hour %d: backlog %.6g with the break, %.6g "
				    "without\n", h, m->cls[0].backlog[h], m0->cls[0].backlog[h]);
			}
			if (h % 24 == 12)
				CHECK(m->cls[0].backlog[h] > 5 * m0->cls[0].backlog[h] + 1.0);
		}
		CHECK(same);
		CHECK(m->role[0].on_duty_hours_per_week.mean >= 7 * 23.0 - 1e-9);
		CHECK(m->role[0].on_duty_hours_per_week.mean <= 7 * 24.0 + 1e-9);
		CHECK(m->role[0].on_duty_hours_per_week.mean < 7 * 24.0 - 6.0);
	}
	meas_free(m);
	meas_free(m0);
	scn_free(s);
	scn_free(s0);
}

/* The verdict of max_utilization: utilization 0.25 here (2 calls an hour of
 * 30 min over 4 persons); a cap above it is met with confidence, one below
 * missed, and a role with no hours has none. */
static void
verdict_case(void)
{
	char ini[2048];
	struct scn *s = NULL;
	struct meas *m;

	pool_ini(ini, sizeof ini, 4, 2.0, "0", "[targets]\nmax_utilization = 85%\n");
	m = simulate("cap 85%", ini, &s);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK(m->role[0].met == MEAS_MET_CONFIDENT);
		CHECK(m->role[1].met == MEAS_MET_NA);      /* spare: no shift */
	}
	meas_free(m);
	scn_free(s);
	pool_ini(ini, sizeof ini, 4, 2.0, "0", "[targets]\nmax_utilization = 20%\n");
	m = simulate("cap 20%", ini, &s);
	CHECK(m != NULL);
	if (m != NULL) {
		check_est("cap 20%: utilization", &m->role[0].utilization, 2 * 0.5 / 4, 0.03);
		CHECK(m->role[0].met == MEAS_MET_NO);
	}
	meas_free(m);
	scn_free(s);
	pool_ini(ini, sizeof ini, 4, 2.0, "0", "");
	m = simulate("no cap", ini, &s);
	CHECK(m != NULL && m->role[0].met == MEAS_MET_NONE);
	meas_free(m);
	scn_free(s);
}

int
main(void)
{
	absence_case();
	absence_crn_case();
	break_exact_case();
	break_window_case();
	verdict_case();
	CHECK_DONE();
}
