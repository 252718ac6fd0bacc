/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_join.c — replications played in parts and joined (meas_join) give the
 * very figures of one run of them all.
 *
 * The optimizer plays a roster's first replications, then only those it
 * lacks (screening, more replications, the confirmation's): replication i
 * draws from streams (seed, i, source) whatever run it is in, and the join
 * pools the same integers and estimates from the same summaries.  So the
 * JSON of 2 + 3 + 2 joined replications must be byte for byte that of 7 in
 * one run, with threads or without, on a scenario with every kind of work
 * (async and sync classes, escalation, contact with retries, patience).
 */
#include <stdlib.h>

#include "check.h"
#include "measure/run.h"
#include "report/rpt.h"
#include "scenario/scn.h"

static const char ini[] =
    "[scenario]\nweeks = 3\nwarmup = 1w\nreplications = 7\nseed = 77\n"
    "[pattern office]\nweight = mon-fri 08:00-18:00 5\nweight = all 00:00-08:00 1\n"
    "[stream portal]\nper_week = 900\npattern = office\n"
    "classes = routine 0.7, clinical 0.3\n"
    "[class routine]\nmode = async\nservice = lognormal(4min,3min)\ntarget = 90% <= 24h\n"
    "[class clinical]\nmode = async\nservice = exp(8min)\nacute = beta(1,20)\n"
    "target = 90% <= 8h\nsafe_window = 12h\n"
    "[class callback]\nmode = sync\nservice = exp(10min)\ntarget = 80% <= 1h\n"
    "patience = exp(90min)\n"
    "[escalation]\ncost_missed_acute = 5000\ncost_sync_contact = 40\nto_class = callback\n"
    "[contact]\nreach = 0.7\nattempt = 3min\nretry_after = 30min\nmax_attempts = 3\n"
    "[targets]\nsafety_miss_rate = 5%\nmax_utilization = 90%\n"
    "[role rn]\ncost_per_hour = 50\nserves = callback, clinical, routine\npreempt = yes\n"
    "absence = 5%\n"
    "[shift day]\nrole = rn\ndays = mon-fri\nstart = 08:00\nend = 17:00\nstaff = 2\n"
    "[shift eve]\nrole = rn\nstart = 17:00\nend = 22:00\nstaff = 1\n";

/* The JSON of m (no timing), malloc'd. */
static char *
json(const struct meas *m)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (f == NULL)
		return NULL;
	rpt_json(m, NULL, f);
	fclose(f);
	return text;
}

/* Replications first .. first + n - 1 of s. */
static struct meas *
part(struct scn *s, int first, int n, int jobs)
{
	struct cq_err err = { 0 };
	struct run_opts ro = { 0 };
	int keep = s->replications;
	struct meas *m;

	s->replications = n;
	ro.jobs = jobs;
	ro.first = first;
	m = run_replications(s, &ro, &err);
	s->replications = keep;
	if (m == NULL)
		fprintf(stderr, "run: %s\n", err.msg);
	return m;
}

int
main(void)
{
	struct cq_err err = { 0 };
	struct scn *s = scn_load_string("join", ini, NULL, 0, &err);
	int jobs;

	CHECK(s != NULL);
	if (s == NULL) {
		fprintf(stderr, "%d: %s\n", err.line, err.msg);
		return 1;
	}
	for (jobs = 1; jobs <= 2; jobs++) {
		struct meas *all = part(s, 0, 7, jobs), *a = part(s, 0, 2, jobs),
		    *b = part(s, 2, 3, jobs), *c = part(s, 5, 2, jobs), *ab, *abc;
		char *want, *got;

		CHECK(all != NULL && a != NULL && b != NULL && c != NULL);
		if (all == NULL || a == NULL || b == NULL || c == NULL)
			return 1;
		ab = meas_join(a, b, &err);
		abc = ab != NULL ? meas_join(ab, c, &err) : NULL;
		CHECK(abc != NULL);
		if (abc == NULL) {
			fprintf(stderr, "join: %s\n", err.msg);
			return 1;
		}
		want = json(all);
		got = json(abc);
		CHECK(want != NULL && got != NULL && strcmp(want, got) == 0);
		CHECK(abc->replications == 7 && abc->first == 0);
		/* Something to compare: escalation and misses happened. */
		CHECK(all->safety.escalated.mean > 0 && all->cls[0].arrived.mean > 1000);
		/* Out of order is refused, not joined. */
		memset(&err, 0, sizeof err);
		CHECK(meas_join(a, c, &err) == NULL && err.code == CQ_EXIT_FAIL);
		printf("-j %d: 2 + 3 + 2 joined replications %s one run of 7\n", jobs,
		    strcmp(want, got) == 0 ? "equal" : "DIFFER from");
		free(want);
		free(got);
		meas_free(all);
		meas_free(a);
		meas_free(b);
		meas_free(c);
		meas_free(ab);
		meas_free(abc);
	}
	scn_free(s);
	CHECK_DONE();
}
