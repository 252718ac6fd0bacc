/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_run.c — a run stops at its first failed replication.
 *
 * Every replication of this scenario exceeds max_events (about 3,000 arrivals
 * and as many ends of service against a limit of 5,000), so a run of 500 must
 * finish no more replications than it has threads, and report replication 1
 * whatever the thread count.  Playing on used to finish all 500.
 */
#include "check.h"
#include "measure/run.h"
#include "scenario/scn.h"

static const char ini[] =
    "[scenario]\nweeks = 1\nwarmup = 0\nreplications = 500\nseed = 5\nmax_events = 5000\n"
    "[stream s]\nrate = 18/h\nclasses = msg\n"
    "[class msg]\nmode = async\nservice = const(1min)\n"
    "[role ma]\ncost_per_hour = 20\nserves = msg\n"
    "[shift ma]\nrole = ma\nstart = 00:00\nend = 24:00\nstaff = 1\n";

static int calls, last_done;

static void
progress(void *arg, int done, int total)
{
	(void)arg;
	(void)total;
	calls++;
	last_done = done;
}

int
main(void)
{
	struct cq_err err = { 0 };
	struct scn *s = scn_load_string("run", ini, NULL, 0, &err);
	int jobs;

	CHECK(s != NULL);
	if (s == NULL) {
		fprintf(stderr, "%d: %s\n", err.line, err.msg);
		return 1;
	}
	for (jobs = 1; jobs <= 4; jobs *= 2) {
		struct run_opts ro = { 0 };
		struct meas *m;

		memset(&err, 0, sizeof err);
		calls = last_done = 0;
		ro.jobs = jobs;
		ro.progress = progress;
		m = run_replications(s, &ro, &err);
		printf("-j %d: %d replications finished, error: %s\n", jobs, last_done, err.msg);
		CHECK(m == NULL);
		CHECK(err.code == CQ_EXIT_USAGE);
		CHECK(strstr(err.msg, "replication 1 exceeds 5000 events") != NULL);
		CHECK(last_done >= 1 && last_done <= jobs);
		CHECK(calls == last_done);
	}

	/* Open items on every thread must fit the memory budget: refused before
	 * any replication starts, naming the key. */
	s->max_waiting = (int)(SIM_OPEN_BUDGET / sim_item_bytes() / 2 + 1);
	s->max_events = 0;
	memset(&err, 0, sizeof err);
	CHECK(sim_check_limits(s, 1, &err) == 0);
	CHECK(sim_check_limits(s, 2, &err) != 0);
	CHECK(err.code == CQ_EXIT_USAGE);
	CHECK(strstr(err.msg, "max_waiting") != NULL && strstr(err.msg, "-j") != NULL);
	scn_free(s);
	CHECK_DONE();
}
