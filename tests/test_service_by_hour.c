/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_service_by_hour.c — [class] service_by_hour (SPEC 3.10, doc/model.md)
 * against closed forms.
 *
 * With ample staff nothing waits, so an item's service starts at its arrival
 * and the hour that scales it is its arrival hour.  Busy person-minutes per
 * minute are then the arrival rate times the mean scaled service (the
 * renewal-reward theorem, or Little's law for the people busy):
 * lambda E[S w(H)], H the hour of week of an arrival.  With const(S) service
 * and c persons on duty all week, utilization = lambda S E[w(H)] / c.  The
 * check is strict: theory inside the simulated 95% Student-t interval
 * (fixed seeds), and the interval narrow enough to tell the weights apart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "theory.h"
#include "measure/run.h"
#include "scenario/scn.h"

#define WEEK 10080.0

/* Theory inside the 95% interval, and the half-width below max_rel of it. */
static void
check_in95(const char *what, const struct est *e, double theory, double max_rel)
{
	double hw = (e->hi - e->lo) / 2.0;

	check_count++;
	if (!(e->lo <= theory && theory <= e->hi) || !(hw <= max_rel * theory)) {
		check_failures++;
		fprintf(stderr, "%s: simulated %.6g [%.6g, %.6g], theory %.6g\n", what,
		    e->mean, e->lo, e->hi, theory);
	} else {
		printf("%s: simulated %.6g [%.6g, %.6g], theory %.6g\n", what, e->mean,
		    e->lo, e->hi, theory);
	}
}

/* const(10min) service, per_week arrivals spread by the stream's pattern, and
 * service doubled mon-fri 08:00-12:00 (every other hour unnamed: factor 1).
 * ew is E[w(H)] for that stream. */
static void
busy_case(const char *label, const char *stream_pattern, double ew)
{
	const double per_week = 1200, svc = 10;
	const int c = 60;
	char ini[2048];
	struct scn *s = NULL;
	struct meas *m;

	snprintf(ini, sizeof ini,
	    "[scenario]\nweeks = 4\nwarmup = 1d\nreplications = 20\nseed = 310\n"
	    "[pattern arrivals]\nweight = %s\n"
	    "[pattern slow_mornings]\nweight = mon-fri 08:00-12:00 2\n"
	    "[stream portal]\nper_week = %g\npattern = arrivals\nclasses = msg\n"
	    "[class msg]\nmode = async\nservice = const(%gmin)\n"
	    "service_by_hour = slow_mornings\n"
	    "[role rn]\ncost_per_hour = 52\nserves = msg\n"
	    "[shift always]\nrole = rn\ndays = all\nstart = 00:00\nend = 24:00\nstaff = %d\n",
	    stream_pattern, per_week, svc, c);
	m = simulate(label, ini, &s);
	CHECK(m != NULL);
	if (m != NULL) {
		check_in95(label, &m->role[0].utilization,
		    per_week / WEEK * svc * ew / c, 0.02);
		/* The premise: ample staff, so service starts at arrival. */
		CHECK(m->cls[0].wait_max.hi < 1e-9);
	}
	meas_free(m);
	scn_free(s);
}

/* M/M/c with a waiting queue: a pattern of weight 1 (named everywhere, or
 * in some hours only) must give today's numbers exactly, not just close. */
static void
identity_case(void)
{
	static const char base[] =
	    "[scenario]\nweeks = 2\nwarmup = 1d\nreplications = 8\nseed = 77\n"
	    "[pattern ones]\nweight = all 00:00-24:00 1\n"
	    "[pattern some]\nweight = mon 09:00-17:00 1\n"
	    "[stream calls]\nrate = 20/h\nclasses = call\n"
	    "[class call]\nmode = sync\nservice = exp(8min)\ntarget = 80%% <= 5min\n%s"
	    "[role rn]\ncost_per_hour = 52\nserves = call\n"
	    "[shift always]\nrole = rn\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 3\n";
	static const char *const keys[] = { "service_by_hour = ones\n",
		"service_by_hour = some\n" };
	char ini[2048];
	struct scn *s0 = NULL, *s1 = NULL;
	struct meas *m0, *m1;
	size_t i;

	snprintf(ini, sizeof ini, base, "");
	m0 = simulate("M/M/3 as written", ini, &s0);
	CHECK(m0 != NULL);
	for (i = 0; i < sizeof keys / sizeof keys[0] && m0 != NULL; i++) {
		snprintf(ini, sizeof ini, base, keys[i]);
		m1 = simulate("M/M/3 weight 1", ini, &s1);
		CHECK(m1 != NULL);
		if (m1 != NULL) {
			CHECK(m1->cls[0].wait_mean.mean == m0->cls[0].wait_mean.mean);
			CHECK(m1->cls[0].wait_p90.mean == m0->cls[0].wait_p90.mean);
			CHECK(m1->cls[0].attainment.mean == m0->cls[0].attainment.mean);
			CHECK(m1->cls[0].completed.mean == m0->cls[0].completed.mean);
			CHECK(m1->role[0].utilization.mean == m0->role[0].utilization.mean);
			CHECK(m1->role[0].utilization.hi == m0->role[0].utilization.hi);
		}
		meas_free(m1);
		scn_free(s1);
		s1 = NULL;
	}
	/* And the queue is real: Erlang C's utilization rho = lambda S / c. */
	if (m0 != NULL)
		check_est("M/M/3 utilization", &m0->role[0].utilization, 20.0 / 60 * 8 / 3, 0.03);
	meas_free(m0);
	scn_free(s0);
}

/* Preemption: sync calls interrupt async work of one person.  With the
 * async service doubled in every hour, the person's work is
 * lambda_a 2 S_a + lambda_s S_s per minute whoever interrupts whom, but only
 * if resumed work keeps its remaining time: scaled again at each resumption,
 * an interrupted item would take more. */
static void
preempt_case(void)
{
	const double la = 1.0 / 60, sa = 12, ls = 1.0 / 30, ss = 6;
	char ini[2048];
	struct scn *s = NULL;
	struct meas *m;

	snprintf(ini, sizeof ini,
	    "[scenario]\nweeks = 8\nwarmup = 1d\nreplications = 20\nseed = 4242\n"
	    "[pattern slow]\nweight = all 00:00-24:00 2\n"
	    "[stream portal]\nrate = %g/h\nclasses = msg\n"
	    "[stream phone]\nrate = %g/h\nclasses = call\n"
	    "[class msg]\nmode = async\nservice = exp(%gmin)\nservice_by_hour = slow\n"
	    "[class call]\nmode = sync\nservice = exp(%gmin)\n"
	    "[role rn]\ncost_per_hour = 52\nserves = call, msg\npreempt = yes\n"
	    "[shift always]\nrole = rn\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n",
	    la * 60, ls * 60, sa, ss);
	m = simulate("preemption", ini, &s);
	CHECK(m != NULL);
	if (m != NULL)
		check_in95("busy share with preemption, async service doubled",
		    &m->role[0].utilization, la * 2 * sa + ls * ss, 0.03);
	meas_free(m);
	scn_free(s);
}

/* A phone contact: attempts are not scaled, the conversation is.  Each
 * attempt reaches the patient with probability r, at most n attempts:
 * E[attempts] = (1 - (1 - r)^n) / r, P(reached) = 1 - (1 - r)^n, so with the
 * service doubled in every hour the staff minutes per call are
 * E[attempts] attempt + P(reached) 2 S (test_protocols.c's contact case, the
 * service doubled). */
static void
contact_case(void)
{
	const double lam = 0.5, r = 0.5, att = 2, svc = 10;
	const int n = 3, c = 40;
	double reached = 1 - pow(1 - r, n), ea = reached / r;
	char ini[2048];
	struct scn *s = NULL;
	struct meas *m;

	snprintf(ini, sizeof ini,
	    "[scenario]\nweeks = 4\nwarmup = 1d\nreplications = 20\nseed = 99\n"
	    "[pattern slow]\nweight = all 00:00-24:00 2\n"
	    "[stream phone]\nrate = %g/h\nclasses = call\n"
	    "[class call]\nmode = sync\nservice = const(%gmin)\nservice_by_hour = slow\n"
	    "[contact]\nreach = %g\nattempt = %gmin\nretry_after = 30min\n"
	    "max_attempts = %d\n"
	    "[role rn]\ncost_per_hour = 52\nserves = call\n"
	    "[shift always]\nrole = rn\ndays = all\nstart = 00:00\nend = 24:00\nstaff = %d\n",
	    lam * 60, svc, r, att, n, c);
	m = simulate("contact", ini, &s);
	CHECK(m != NULL);
	if (m != NULL)
		check_in95("busy share of contacts, conversation doubled",
		    &m->role[0].utilization, lam * (ea * att + reached * 2 * svc) / c, 0.02);
	meas_free(m);
	scn_free(s);
}

int
main(void)
{
	/* Arrivals at every hour: E[w] = (148 + 20 x 2) / 168. */
	busy_case("even arrivals, mornings doubled", "all 00:00-24:00 1", 188.0 / 168);
	/* Arrivals only in the doubled hours: E[w] = 2 (the hours line up). */
	busy_case("morning arrivals, mornings doubled", "mon-fri 08:00-12:00 1", 2.0);
	/* Arrivals 08:00-16:00, half of them doubled: E[w] = 1.5. */
	busy_case("day arrivals, mornings doubled", "mon-fri 08:00-16:00 1", 1.5);
	identity_case();
	preempt_case();
	contact_case();
	CHECK_DONE();
}
