/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_dynamic.c — escalation capacity under overload.
 *
 * Messages carry p_acute ~ uniform(0,1) and are acute with that probability, so
 * acute patients have E[p | acute] = 2/3 against 1/2 overall.  Every message is
 * escalated (threshold 0.001) to a call-back class that keeps one nurse 93%
 * busy, so call-backs queue.  A risk-ordered queue serves acute patients first: the
 * share of acute patients reached within the window must be well above the
 * share of all call-backs started within it.  Under FCFS the two shares would be
 * equal (acuity would not affect the order), so this test fails for FCFS.
 */
#include "check.h"
#include "measure/run.h"
#include "scenario/scn.h"

static const char ini[] =
    "[scenario]\nweeks = 6\nwarmup = 1w\nreplications = 10\nseed = 17\n"
    "[stream portal]\nrate = 2.8/h\nclasses = msg\n"
    "[class msg]\nmode = async\nservice = const(1min)\nacute = uniform(0,1)\n"
    "[class callback]\nmode = sync\nservice = exp(20min)\ntarget = 90%% <= 2h\n"
    "safe_window = 2h\n"
    "[escalation]\ncost_missed_acute = 1000\ncost_sync_contact = 1\nto_class = callback\n"
    "capacity = %s\n"
    "[role ma]\ncost_per_hour = 20\nserves = msg\n"
    "[role rn]\ncost_per_hour = 50\nserves = callback\n"
    "[shift ma]\nrole = ma\nstart = 00:00\nend = 24:00\nstaff = 1\n"
    "[shift rn]\nrole = rn\nstart = 00:00\nend = 24:00\nstaff = 1\n";

static struct meas *
play(const char *capacity, struct scn **sp)
{
	char text[2048];
	struct cq_err err = { 0 };
	struct run_opts ro = { 0 };
	struct scn *s;
	struct meas *m = NULL;

	snprintf(text, sizeof text, ini, capacity);
	s = scn_load_string("dynamic", text, NULL, 0, &err);
	if (s == NULL) {
		fprintf(stderr, "%d: %s\n", err.line, err.msg);
		return NULL;
	}
	ro.jobs = 2;
	m = run_replications(s, &ro, &err);
	if (m == NULL)
		fprintf(stderr, "%s\n", err.msg);
	*sp = s;
	return m;
}

int
main(void)
{
	const char *modes[] = { "static", "dynamic" };
	int k;

	for (k = 0; k < 2; k++) {
		struct scn *s = NULL;
		struct meas *m = play(modes[k], &s);
		double reached, started;

		CHECK(m != NULL);
		if (m == NULL)
			break;
		/* Share of acute patients reached within 2h, and of all call-backs
		 * started within 2h (their attainment). */
		reached = m->safety.reached_in_window.mean / m->safety.acute.mean;
		started = m->cls[1].attainment.mean;
		printf("%s: acute reached in window %.3f, call-backs started in window "
		    "%.3f, deferred %.1f\n", modes[k], reached, started,
		    m->safety.deferred.mean);
		/* Congested: 2.8/h x 20 min = 0.93 of one nurse. */
		CHECK(started < 0.85);
		/* Risk first: a clear margin (10 points) over the FCFS expectation. */
		CHECK(reached > started + 0.10);
		CHECK(m->safety.escalated.mean > 0.99 * m->cls[0].completed.mean);
		if (k == 0)
			CHECK(m->safety.deferred.mean == 0.0);
		else
			CHECK(m->safety.deferred.mean > 0.0);
		/* Every call-back is accounted for, deferred or not. */
		CHECK_NEAR(m->cls[1].completed.mean + m->cls[1].abandoned.mean,
		    m->cls[1].arrived.mean, 0.05 * m->cls[1].arrived.mean);
		meas_free(m);
		scn_free(s);
	}
	CHECK_DONE();
}
