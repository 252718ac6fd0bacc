/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_jackson.c — care pathways ('next', 'measure_from'): the traffic
 * equations at load, the engine against an open Jackson network, what a
 * pathway keeps (measure_from = origin, acuity, safety counted once), common
 * random numbers, and the scenarios refused.
 *
 * Statistical checks follow theory.h: the closed form within TOL_HW
 * half-widths of the simulation's 95% interval, the half-width itself small.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "theory.h"
#include "engine/sim.h"
#include "measure/erl.h"
#include "measure/meas.h"
#include "measure/run.h"
#include "scenario/scn.h"

#define WEEKS 40

/* Three stations, one role each on 24/7 shifts, Poisson arrivals at A only:
 * A -> B 0.5, B -> C 0.4, C -> A 0.2.  Traffic equations (per hour):
 * lA = 6 + 0.2 lC, lB = 0.5 lA, lC = 0.4 lB, so lA = 6 / 0.96 = 6.25,
 * lB = 3.125, lC = 1.25.  Jackson's theorem (Jackson 1957): each station is
 * an M/M/c queue at its own rate, so its mean wait is Erlang C's. */
static const char jackson_ini[] =
    "[scenario]\nweeks = 40\nwarmup = 2w\nreplications = 20\nseed = 1957\n"
    "[stream in]\nrate = 6/h\nclasses = a\n"
    "[class a]\nmode = async\nservice = exp(15min)\nnext = b 0.5\n"
    "[class b]\nmode = async\nservice = exp(12min)\nnext = c 0.4\n"
    "[class c]\nmode = sync\nservice = exp(60min)\nnext = a 0.2\n"
    "[role ra]\ncost_per_hour = 1\nserves = a\n"
    "[role rb]\ncost_per_hour = 1\nserves = b\n"
    "[role rc]\ncost_per_hour = 1\nserves = c\n"
    "[shift sa]\nrole = ra\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 2\n"
    "[shift sb]\nrole = rb\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n"
    "[shift sc]\nrole = rc\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 2\n";

static void
jackson_case(void)
{
	static const double lam_h[3] = { 6.25, 3.125, 1.25 }, svc[3] = { 15, 12, 60 };
	static const int servers[3] = { 2, 1, 2 };
	static const char *const names[3] = { "A", "B", "C" };
	struct scn *s = NULL;
	struct meas *m = simulate("jackson", jackson_ini, &s);
	char label[128];
	int i;

	CHECK(m != NULL);
	if (m == NULL) {
		scn_free(s);
		return;
	}
	for (i = 0; i < 3; i++) {
		double lam = lam_h[i] / 60.0, mu = 1.0 / svc[i];

		/* The load's traffic equations, per week. */
		CHECK_NEAR(s->classes[i].per_week, lam_h[i] * 168.0, 1e-9);
		snprintf(label, sizeof label, "Jackson station %s (M/M/%d rho=%.3f) mean wait",
		    names[i], servers[i], lam / (servers[i] * mu));
		/* 10%: the half-width at 20 x 40 weeks is 3-6% of the mean wait. */
		check_est(label, &m->cls[i].wait_mean, erl_mean_wait(servers[i], lam, mu), 0.10);
		snprintf(label, sizeof label, "Jackson station %s arrived", names[i]);
		check_est(label, &m->cls[i].arrived, lam * WEEKS * 10080.0, 0.02);
		snprintf(label, sizeof label, "Jackson station %s utilization", names[i]);
		check_est(label, &m->role[i].utilization, lam / (servers[i] * mu), 0.03);
	}
	meas_free(m);
	scn_free(s);
}

/* A two-step pathway with no waiting (20 staff for 1 an hour): a takes 10 min,
 * b 20 min.  b's response from its own creation is 20 min; from the origin
 * (measure_from = origin) it is a's response plus b's: 30 min, and its wait
 * from the origin is a's 10 min. */
static void
origin_case(void)
{
	static const char fmt[] =
	    "[scenario]\nweeks = 4\nwarmup = 1w\nreplications = 3\nseed = 5\n"
	    "[stream in]\nrate = 1/h\nclasses = a\n"
	    "[class a]\nmode = async\nservice = const(10min)\nnext = b 1\n"
	    "[class b]\nmode = async\nservice = const(20min)\nmeasure_from = %s\n"
	    "[role r]\ncost_per_hour = 1\nserves = a, b\n"
	    "[shift s]\nrole = r\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 20\n";
	char ini[1024];
	struct scn *s1 = NULL, *s2 = NULL;
	struct meas *own, *org;

	snprintf(ini, sizeof ini, fmt, "arrival");
	own = simulate("origin-own", ini, &s1);
	snprintf(ini, sizeof ini, fmt, "origin");
	org = simulate("origin", ini, &s2);
	CHECK(own != NULL && org != NULL);
	if (own != NULL && org != NULL) {
		CHECK_NEAR(own->cls[0].resp_mean.mean, 10.0, 1e-9);
		CHECK_NEAR(own->cls[1].resp_mean.mean, 20.0, 1e-9);
		CHECK_NEAR(own->cls[1].wait_mean.mean, 0.0, 1e-9);
		CHECK_NEAR(org->cls[1].resp_mean.mean, 30.0, 1e-9);
		CHECK_NEAR(org->cls[1].resp_mean.mean,
		    own->cls[0].resp_mean.mean + own->cls[1].resp_mean.mean, 1e-9);
		CHECK_NEAR(org->cls[1].wait_mean.mean, 10.0, 1e-9);
		CHECK(org->cls[1].resp_max.mean >= own->cls[1].resp_max.mean);
		/* Every a moves on to b: the same patients arrive at both. */
		CHECK(own->cls[0].arrived.mean > 500);
		CHECK_NEAR(own->cls[1].arrived.mean, own->cls[0].arrived.mean, 1e-9);
		CHECK_NEAR(org->cls[1].arrived.mean, own->cls[1].arrived.mean, 1e-9);
	}
	meas_free(own);
	meas_free(org);
	scn_free(s1);
	scn_free(s2);
}

/* measure_from = origin on a class made by escalation and on a follow-up:
 * every patient is acute, over the threshold; the triage takes 10 min, so
 * the call-back's wait from the origin is 10 min (no queue with 20 staff).
 * An unreached call (reach = 0, one 2-minute attempt) leaves a follow-up at
 * 10 + 2 = 12 min from the origin, which takes 3 min: response 15 min. */
static void
origin_escalation_case(const char *from)
{
	static const char fmt[] =
	    "[scenario]\nweeks = 4\nwarmup = 1w\nreplications = 3\nseed = 6\n"
	    "[stream in]\nrate = 1/h\nclasses = t\n"
	    "[class t]\nmode = async\nservice = const(10min)\nacute = const(1)\n"
	    "[class cb]\nmode = sync\nservice = const(5min)\nmeasure_from = %s\n"
	    "[class note]\nmode = async\nservice = const(3min)\nmeasure_from = %s\n"
	    "[escalation]\ncost_missed_acute = 1000\ncost_sync_contact = 10\nto_class = cb\n"
	    "[contact]\nreach = 0\nattempt = 2min\nmax_attempts = 1\nfollow_up_class = note\n"
	    "[role r]\ncost_per_hour = 1\nserves = cb, t, note\n"
	    "[shift s]\nrole = r\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 20\n";
	char ini[2048];
	struct scn *s = NULL;
	struct meas *m;
	int org = strcmp(from, "origin") == 0;

	snprintf(ini, sizeof ini, fmt, from, from);
	m = simulate("origin-escalation", ini, &s);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK(m->cls[1].arrived.mean > 500);
		CHECK_NEAR(m->cls[1].wait_mean.mean, org ? 10.0 : 0.0, 1e-9);
		CHECK_NEAR(m->cls[2].arrived.mean, m->cls[1].arrived.mean, 1e-9);
		CHECK_NEAR(m->cls[2].resp_mean.mean, org ? 15.0 : 3.0, 1e-9);
	}
	meas_free(m);
	scn_free(s);
}

/* measure_from = origin with queueing: response from the origin is at least
 * the response from the item's own creation (statistically: far above it). */
static void
origin_queue_case(void)
{
	char ini[sizeof jackson_ini + 64];
	struct scn *s1 = NULL, *s2 = NULL;
	struct meas *own, *org;
	const char *at = strstr(jackson_ini, "next = c 0.4\n");

	/* measure_from = origin on b, in the Jackson network. */
	snprintf(ini, sizeof ini, "%.*smeasure_from = origin\n%s",
	    (int)(at - jackson_ini), jackson_ini, at);
	own = simulate("jackson-own", jackson_ini, &s1);
	org = simulate("jackson-origin", ini, &s2);
	CHECK(own != NULL && org != NULL);
	if (own != NULL && org != NULL) {
		/* b's own response plus the mean time its patient spent before b
		 * (a's response at least): the lower end of the interval is above. */
		CHECK(org->cls[1].resp_mean.lo > own->cls[1].resp_mean.hi);
		CHECK(org->cls[1].resp_mean.mean >=
		    own->cls[1].resp_mean.mean + own->cls[0].resp_mean.lo);
		/* The same draws: a, the first step, is unchanged to the last figure. */
		CHECK(org->cls[0].wait_mean.mean == own->cls[0].wait_mean.mean);
		CHECK(org->cls[1].arrived.mean == own->cls[1].arrived.mean);
	}
	meas_free(own);
	meas_free(org);
	scn_free(s1);
	scn_free(s2);
}

/* Common random numbers: giving a class 'next' (to a class served by another
 * role) changes nothing of that class's own figures: the routing draw comes
 * from a substream of its own. */
static void
crn_case(void)
{
	static const char fmt[] =
	    "[scenario]\nweeks = 6\nwarmup = 1w\nreplications = 4\nseed = 9\n"
	    "[stream in]\nrate = 4/h\nclasses = a\n"
	    "[class a]\nmode = async\nservice = lognormal(10min,6min)\n"
	    "acute = beta(1,20)\n%s"
	    "[class b]\nmode = async\nservice = exp(5min)\n"
	    "[role ra]\ncost_per_hour = 1\nserves = a\n"
	    "[role rb]\ncost_per_hour = 1\nserves = b\n"
	    "[shift sa]\nrole = ra\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n"
	    "[shift sb]\nrole = rb\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n"
	    "[stream b_direct]\nrate = 1/h\nclasses = b\n";
	char ini[2048];
	struct scn *s1 = NULL, *s2 = NULL;
	struct meas *m1, *m2;

	snprintf(ini, sizeof ini, fmt, "");
	m1 = simulate("crn-plain", ini, &s1);
	snprintf(ini, sizeof ini, fmt, "next = b 0.3\n");
	m2 = simulate("crn-next", ini, &s2);
	CHECK(m1 != NULL && m2 != NULL);
	if (m1 != NULL && m2 != NULL) {
		CHECK(m1->cls[0].arrived.mean == m2->cls[0].arrived.mean);
		/* Equal but for the order of a sum (item slots differ). */
		CHECK_NEAR(m1->cls[0].wait_mean.mean, m2->cls[0].wait_mean.mean,
		    1e-9 * m1->cls[0].wait_mean.mean);
		CHECK(m1->cls[0].resp_p90.mean == m2->cls[0].resp_p90.mean);
		CHECK(m1->role[0].utilization.mean == m2->role[0].utilization.mean);
		CHECK(m1->safety.acute.mean == m2->safety.acute.mean);
		/* b gets 30% of a's items on top of its own stream. */
		CHECK_NEAR(m2->cls[1].arrived.mean - m1->cls[1].arrived.mean,
		    0.3 * m1->cls[0].arrived.mean, 0.05 * m1->cls[0].arrived.mean);
		CHECK_NEAR(s2->classes[1].per_week, 168.0 + 0.3 * 4 * 168.0, 1e-9);
	}
	meas_free(m1);
	meas_free(m2);
	scn_free(s1);
	scn_free(s2);
}

/* Safety along a pathway.  Every patient is acute (acute = const(1)) and over
 * the threshold.  Sync triage (which escalation does not review) -> async
 * review: the review escalates.  Async triage -> async review: the triage
 * escalates, the review does not again.  Either way a patient is one acute
 * item and one escalation, and routed items are not new acute items. */
static void
safety_case(int sync_first)
{
	static const char fmt[] =
	    "[scenario]\nweeks = 4\nwarmup = 1w\nreplications = 3\nseed = 21\n"
	    "[stream in]\nrate = 2/h\nclasses = t\n"
	    "[class t]\nmode = %s\nservice = exp(5min)\nacute = const(1)\nnext = r 1\n"
	    "[class r]\nmode = async\nservice = exp(5min)\n"
	    "[class cb]\nmode = sync\nservice = exp(5min)\nsafe_window = 1w\n"
	    "[escalation]\ncost_missed_acute = 1000\ncost_sync_contact = 10\nto_class = cb\n"
	    "[role n]\ncost_per_hour = 1\nserves = cb, t, r\n"
	    "[shift s]\nrole = n\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 4\n";
	char ini[2048];
	struct scn *s = NULL;
	struct meas *m;

	snprintf(ini, sizeof ini, fmt, sync_first ? "sync" : "async");
	m = simulate(sync_first ? "safety-sync-first" : "safety-async-first", ini, &s);
	CHECK(m != NULL);
	if (m != NULL) {
		double n = m->cls[0].arrived.mean;

		CHECK(n > 200);
		CHECK_NEAR(m->cls[1].arrived.mean, n, 1e-9);       /* every t moves on */
		CHECK_NEAR(m->safety.acute.mean, n, 1e-9);         /* once per patient */
		CHECK_NEAR(m->safety.escalated.mean, n, 1e-9);     /* once per patient */
		CHECK_NEAR(m->cls[2].arrived.mean, n, 1e-9);       /* one call-back each */
		CHECK_NEAR(m->safety.reached_in_window.mean + m->safety.missed.mean, n, 1e-9);
		CHECK_NEAR(m->safety.missed.mean, 0.0, 1e-9);
		CHECK_NEAR(m->safety.false_negatives.mean, 0.0, 1e-9);
	}
	meas_free(m);
	scn_free(s);
}

/* Under the threshold, the safety question travels with the patient and is
 * settled once, where the pathway ends: a false negative per acute patient,
 * not one per step. */
static void
false_negative_case(void)
{
	static const char ini[] =
	    "[scenario]\nweeks = 4\nwarmup = 1w\nreplications = 3\nseed = 22\n"
	    "[stream in]\nrate = 2/h\nclasses = t\n"
	    "[class t]\nmode = async\nservice = exp(5min)\nacute = const(0.005)\n"
	    "next = r 0.5, t 0.2\n"
	    "[class r]\nmode = async\nservice = exp(5min)\nsafe_window = 1w\n"
	    "[class cb]\nmode = sync\nservice = exp(5min)\n"
	    "[escalation]\ncost_missed_acute = 1000\ncost_sync_contact = 10\nto_class = cb\n"
	    "[role n]\ncost_per_hour = 1\nserves = cb, t, r\n"
	    "[shift s]\nrole = n\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 4\n";
	struct scn *s = NULL;
	struct meas *m = simulate("false-negatives", ini, &s);

	CHECK(m != NULL);
	if (m != NULL) {
		CHECK(m->safety.acute.mean > 0);
		CHECK_NEAR(m->safety.false_negatives.mean, m->safety.acute.mean, 1e-9);
		CHECK_NEAR(m->safety.escalated.mean, 0.0, 1e-9);
		CHECK_NEAR(m->safety.reached_in_window.mean + m->safety.missed.mean,
		    m->safety.acute.mean, 1e-9);
		/* Self-routing: t's arrivals are 1 / (1 - 0.2) of the stream's. */
		CHECK_NEAR(s->classes[0].per_week, 2 * 168.0 / 0.8, 1e-9);
		CHECK_NEAR(s->classes[1].per_week, 0.5 * 2 * 168.0 / 0.8, 1e-9);
	}
	meas_free(m);
	scn_free(s);
}

/* A scenario that must be refused, with the message and line expected. */
static void
refused(const char *next_a, const char *next_b, const char *want, int line)
{
	char ini[1024];
	struct cq_err err = { 0 };
	struct scn *s;

	snprintf(ini, sizeof ini,
	    "[stream in]\nrate = 1/h\nclasses = a\n"
	    "[class a]\nmode = async\nservice = exp(5min)\nnext = %s\n"
	    "[class b]\nmode = async\nservice = exp(5min)\n%s%s%s"
	    "[role r]\ncost_per_hour = 1\nserves = a, b\n"
	    "[shift s]\nrole = r\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n",
	    next_a, next_b ? "next = " : "", next_b ? next_b : "", next_b ? "\n" : "");
	s = scn_load_string("route.ini", ini, NULL, 0, &err);
	CHECK(s == NULL);
	CHECK_HAS(err.msg, want);
	CHECK(err.line == line);
	CHECK(err.code == CQ_EXIT_USAGE);
	scn_free(s);
}

static void
bad_input(void)
{
	struct cq_err err = { 0 };
	struct scn *s;

	refused("zz 0.5", NULL, "'next' names unknown class 'zz'", 7);
	refused("b 1.5", NULL, "bad probability '1.5' for class 'b' in 'next'", 7);
	refused("b 0.6, a 0.5", NULL, "sum to 1.1, more than 1", 7);
	refused("a 1.0", NULL, "routing in [class a] next never ends", 7);
	refused("b 1", "a 1", "routing in [class a] next never ends", 7);
	refused("b 0.5, a 0.5", "a 1", "(a -> b -> a)", 7);
	refused("b", NULL, "give each class in 'next' of [class a] a probability", 7);
	refused("b 0.2, b 0.3", NULL, "appears twice", 7);
	/* A routing that ends, with self-routing, loads; so does a sum of 1 + 1e-7. */
	s = scn_load_string("ok.ini",
	    "[stream in]\nrate = 1/h\nclasses = a\n"
	    "[class a]\nmode = async\nservice = exp(5min)\nnext = a 0.9, b 0.1000001\n"
	    "[class b]\nmode = async\nservice = exp(5min)\nmeasure_from = origin\n"
	    "[role r]\ncost_per_hour = 1\nserves = a, b\n"
	    "[shift s]\nrole = r\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n",
	    NULL, 0, &err);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK(s->classes[0].nnext == 2 && s->classes[1].measure_from_origin);
		/* a: 168 / (1 - 0.9); b: a's rate x 0.1000001. */
		CHECK_NEAR(s->classes[0].per_week, 1680.0, 1e-6);
		CHECK_NEAR(s->classes[1].per_week, 168.000168, 1e-6);
	}
	scn_free(s);
	memset(&err, 0, sizeof err);
	s = scn_load_string("mf.ini",
	    "[stream in]\nrate = 1/h\nclasses = a\n"
	    "[class a]\nmode = async\nservice = exp(5min)\nmeasure_from = first\n"
	    "[role r]\ncost_per_hour = 1\nserves = a\n"
	    "[shift s]\nrole = r\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n",
	    NULL, 0, &err);
	CHECK(s == NULL);
	CHECK_HAS(err.msg, "expected arrival or origin");
	scn_free(s);
}

/* The limit on events counts routed items: a loop that multiplies the
 * stream's 168 a week by 1000 is refused before it runs. */
static void
limits_case(void)
{
	static const char fmt[] =
	    "[scenario]\nweeks = 10\nwarmup = 0\nmax_events = 100000\n"
	    "[stream in]\nrate = 1/h\nclasses = a\n"
	    "[class a]\nmode = async\nservice = exp(1min)\n%s"
	    "[role r]\ncost_per_hour = 1\nserves = a\n"
	    "[shift s]\nrole = r\ndays = all\nstart = 00:00\nend = 24:00\nstaff = 1\n";
	char ini[1024];
	struct cq_err err = { 0 };
	struct scn *s;

	snprintf(ini, sizeof ini, fmt, "");
	s = scn_load_string("limits.ini", ini, NULL, 0, &err);
	CHECK(s != NULL && sim_check_limits(s, 1, &err) == 0);
	scn_free(s);
	snprintf(ini, sizeof ini, fmt, "next = a 0.999\n");
	s = scn_load_string("limits.ini", ini, NULL, 0, &err);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_NEAR(s->classes[0].per_week, 168000.0, 1e-6);
		CHECK(sim_check_limits(s, 1, &err) != 0);
		CHECK_HAS(err.msg, "more than the 100000 events");
	}
	scn_free(s);
}

int
main(void)
{
	limits_case();
	bad_input();
	origin_case();
	origin_escalation_case("arrival");
	origin_escalation_case("origin");
	crn_case();
	safety_case(1);
	safety_case(0);
	false_negative_case();
	jackson_case();
	origin_queue_case();
	CHECK_DONE();
}
