/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_misses.c — misses explained, per replication: every measured item of a
 * class with a target either meets it or is one miss, of one cause, in one hour
 * of week (so the causes and the hours each add up to arrived - met exactly);
 * and the share of arrivals with nobody on duty follows the roster. */
#include <stdlib.h>

#include "check.h"
#include "scenario/scn.h"
#include "engine/sim.h"

static struct scn *
load(const char *ini)
{
	struct cq_err err = { 0 };
	struct scn *s = scn_load_string("test", ini, NULL, 0, &err);

	if (s == NULL)
		fprintf(stderr, "load: %d: %s\n", err.line, err.msg);
	return s;
}

/* Replications 0..n-1: the books of every class balance; returns the pooled
 * uncovered arrivals and arrivals of class c. */
static void
balance(const struct scn *s, int n, int c, double *unc, double *arr)
{
	struct sim_rep *r = sim_rep_new(s);
	struct cq_err err = { 0 };
	int rep, k, h;

	*unc = *arr = 0.0;
	CHECK(r != NULL);
	if (r == NULL)
		return;
	for (rep = 0; rep < n; rep++) {
		sim_rep_reset(r);
		if (sim_run(s, NULL, rep, r, &err) != 0) {
			fprintf(stderr, "sim_run: %s\n", err.msg);
			CHECK(0);
			break;
		}
		for (k = 0; k < s->nclasses; k++) {
			const struct sim_class_rep *q = &r->cls[k];
			double causes = q->miss_no_cover + q->miss_queued + q->miss_abandoned +
			    q->miss_open, hours = 0.0;

			for (h = 0; h < 168; h++)
				hours += q->misses_by_hour[h];
			if (s->classes[k].has_target) {
				CHECK_NEAR(causes, q->arrived - q->met, 0.0);
				CHECK_NEAR(hours, q->arrived - q->met, 0.0);
			} else {
				CHECK_NEAR(causes + hours, 0.0, 0.0);
			}
			CHECK(q->miss_abandoned <= q->abandoned);
			CHECK(q->miss_open <= q->censored);
			CHECK(q->uncovered >= 0.0 && q->uncovered <= q->arrived);
		}
		*unc += r->cls[c].uncovered;
		*arr += r->cls[c].arrived;
	}
	sim_rep_free(r);
}

/* Office hours mon-fri 08:00-17:00 (not on the holiday), a night nurse every
 * day 22:00-06:00 who also serves routine; urgent is served by the nurse only. */
static const char office[] =
    "[scenario]\nweeks = 4\nwarmup = 1w\nreplications = 3\nseed = 9\n"
    "start_date = 2027-01-04\n"
    "[calendar]\nholidays = 2027-01-20\n"
    "[stream portal]\nrate = 2/h\nclasses = routine 0.7, urgent 0.3\n"
    "[class routine]\nmode = async\nservice = exp(10min)\ntarget = 90% <= 4h\n"
    "[class urgent]\nmode = sync\nservice = const(20min)\n"
    "[role ma]\ncost_per_hour = 24\nserves = routine\n"
    "[role rn]\ncost_per_hour = 50\nserves = urgent, routine\n"
    "[shift ma_day]\nrole = ma\ndays = mon-fri\nstart = 08:00\nend = 17:00\nstaff = 1\n"
    "skip_holidays = yes\n"
    "[shift rn_night]\nrole = rn\ndays = all\nstart = 22:00\nend = 06:00\nstaff = 1\n";

/* Sync work with patience, contact attempts, escalation with dynamic capacity,
 * and an on-call nurse at weekends. */
static const char busy[] =
    "[scenario]\nweeks = 3\nwarmup = 1w\nreplications = 3\nseed = 4\n"
    "[stream portal]\nper_week = 900\nclasses = msg 0.9, alert 0.1\n"
    "[class msg]\nmode = async\nservice = lognormal(6min,3min)\nacute = beta(1,20)\n"
    "target = 90% <= 8h\n"
    "[class alert]\nmode = sync\nservice = exp(8min)\npatience = exp(30min)\n"
    "target = 90% <= 15min\n"
    "[class callback]\nmode = sync\nservice = exp(10min)\ntarget = 95% <= 1h\n"
    "safe_window = 4h\n"
    "[escalation]\ncost_missed_acute = 1000\ncost_sync_contact = 40\n"
    "to_class = callback\ncapacity = dynamic\n"
    "[contact]\nreach = 0.6\nattempt = 3min\nretry_after = 20min\nmax_attempts = 3\n"
    "[role rn]\ncost_per_hour = 50\nserves = alert, callback, msg\n"
    "[shift day]\nrole = rn\ndays = mon-fri\nstart = 08:00\nend = 18:00\nstaff = 1\n"
    "[shift weekend]\nrole = rn\ndays = sat-sun\nstart = 08:00\nend = 20:00\nstaff = 1\n"
    "on_call = yes\n";

int
main(void)
{
	struct scn *s = load(office);
	double unc, arr;

	CHECK(s != NULL);
	if (s != NULL) {
		/* routine is covered 5 x 9 + 7 x 8 = 101 of 168 hours, less the
		 * holiday's 9 office hours in 4 weeks: uncovered 67/168 + 9/672 =
		 * 0.4122.  About 1400 arrivals over 3 replications: standard error
		 * 0.013; tolerance 4 of them. */
		balance(s, 3, 0, &unc, &arr);
		CHECK(arr > 1000);
		CHECK_NEAR(unc / arr, 67.0 / 168.0 + 9.0 / 672.0, 0.052);
		/* urgent: the nurse's 8 hours a day only, 112/168 uncovered;
		 * about 600 arrivals: standard error 0.019, tolerance 4 of them. */
		balance(s, 3, 1, &unc, &arr);
		CHECK_NEAR(unc / arr, 112.0 / 168.0, 0.077);
		scn_free(s);
	}
	s = load(busy);
	CHECK(s != NULL);
	if (s != NULL) {
		struct sim_rep *r = sim_rep_new(s);
		struct cq_err err = { 0 };

		balance(s, 3, 0, &unc, &arr);
		/* Misses with and without cover, and patients who gave up. */
		if (r != NULL && sim_run(s, NULL, 0, r, &err) == 0) {
			CHECK(r->cls[0].miss_no_cover > 0 && r->cls[0].miss_queued > 0);
			CHECK(r->cls[1].miss_abandoned > 0);
			CHECK(r->cls[1].miss_abandoned == r->cls[1].abandoned);
			/* On-call weekends cover the sync alerts, not the async
			 * messages: uncovered 1 - 74/168 = 0.56 against 1 - 50/168 = 0.70. */
			CHECK(r->cls[1].uncovered / r->cls[1].arrived <
			    r->cls[0].uncovered / r->cls[0].arrived - 0.05);
		}
		sim_rep_free(r);
		scn_free(s);
	}
	CHECK_DONE();
}
