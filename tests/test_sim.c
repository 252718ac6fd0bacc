/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_sim.c — the engine's bookkeeping: shifts, overtime, holidays, common
 * random numbers, conservation of items, determinism. */
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

/* One replication with an optional roster. */
static struct sim_rep *
play(const struct scn *s, const int *staff, int rep)
{
	struct cq_err err = { 0 };
	struct sim_opts o = { .staff = staff };
	struct sim_rep *r = sim_rep_new(s);

	if (r != NULL && sim_run(s, &o, rep, r, &err) != 0) {
		fprintf(stderr, "sim_run: %s\n", err.msg);
		sim_rep_free(r);
		return NULL;
	}
	return r;
}

static const char base[] =
    "[scenario]\nweeks = 4\nwarmup = 1w\nreplications = 1\nseed = 9\n"
    "start_date = 2027-01-04\n"
    "[calendar]\nholidays = 2027-01-20\n"
    "[stream portal]\nper_week = 300\nclasses = routine 0.7, urgent 0.3\n"
    "[class routine]\nmode = async\nservice = exp(10min)\ntarget = 90% <= 48h\n"
    "[class urgent]\nmode = sync\nservice = const(150min)\n"
    "[role ma]\ncost_per_hour = 24\nserves = routine\n"
    "[role rn]\ncost_per_hour = 50\nserves = urgent, routine\n"
    "[shift ma_day]\nrole = ma\ndays = mon-fri\nstart = 08:00\nend = 17:00\nstaff = 2\n"
    "skip_holidays = yes\n"
    "[shift rn_night]\nrole = rn\ndays = all\nstart = 22:00\nend = 06:00\nstaff = 1\n";

int
main(void)
{
	struct scn *s = load(base);
	struct sim_rep *a, *b, *c;
	int staff[2] = { 5, 3 }, k;
	double items;

	CHECK(s != NULL);
	if (s == NULL)
		CHECK_DONE();
	a = play(s, NULL, 0);
	b = play(s, NULL, 0);
	c = play(s, staff, 0);
	CHECK(a && b && c);
	if (!(a && b && c))
		CHECK_DONE();

	/* Determinism: the same replication twice is the same run. */
	CHECK(a->events == b->events);
	CHECK(a->cls[0].wait_sum == b->cls[0].wait_sum);

	/* Common random numbers: another roster sees the same arrivals. */
	CHECK(a->cls[0].arrived == c->cls[0].arrived);
	CHECK(a->cls[1].arrived == c->cls[1].arrived);
	CHECK(a->cls[0].wait_sum != c->cls[0].wait_sum);
	/* Arrivals: 300 a week over 4 weeks, Poisson: within 5 sd of 1200. */
	items = a->cls[0].arrived + a->cls[1].arrived;
	CHECK_NEAR(items, 1200, 5 * sqrt(1200));

	/* Shifts: 2 MAs x 9 h x 5 days x 4 weeks, less one holiday (Wed 20 Jan,
	 * inside the measured span that starts 11 Jan). */
	CHECK_NEAR(a->role[0].on_duty_min / 60.0, 2 * 9 * 5 * 4 - 2 * 9, 1e-9);
	/* The night nurse: 8 h a night, 28 nights, across midnight. */
	CHECK_NEAR(a->role[1].on_duty_min / 60.0, 8 * 28, 1e-9);
	/* Cost of the rostered hours. */
	CHECK_NEAR(a->roster_cost, 24 * (2 * 9 * 5 * 4 - 18) + 50 * 8 * 28, 1e-6);
	/* 150-minute urgent items taken near 06:00 run past the shift: overtime. */
	CHECK(a->role[1].overtime_min > 0.0);
	CHECK(a->role[0].busy_min <= a->role[0].on_duty_min + a->role[0].overtime_min);

	/* Every measured item is accounted for: done, abandoned or censored. */
	for (k = 0; k < 2; k++)
		CHECK_NEAR(a->cls[k].completed + a->cls[k].abandoned + a->cls[k].censored,
		    a->cls[k].arrived, 1e-9);
	/* Backlog hours cover the measured span exactly: 4 weeks of each hour. */
	CHECK_NEAR(a->cls[0].backlog_time[0], 4 * 60.0, 1e-9);
	CHECK_NEAR(a->cls[0].backlog_time[100], 4 * 60.0, 1e-9);

	/* No one on duty for a class: everything waits until the drain ends. */
	{
		int none[2] = { 0, 0 };
		struct sim_rep *z = play(s, none, 0);

		CHECK(z != NULL);
		if (z != NULL) {
			CHECK(z->cls[0].completed == 0);
			CHECK(z->cls[0].censored == z->cls[0].arrived);
			CHECK(z->role[0].on_duty_min == 0);
			sim_rep_free(z);
		}
	}
	sim_rep_free(a);
	sim_rep_free(b);
	sim_rep_free(c);
	scn_free(s);

	/* Weekdays come from the date: 2027-01-06 is a Wednesday, so one week
	 * from it has five weekdays (Wed-Fri, Mon-Tue) and the holiday on
	 * Saturday 2027-01-09 removes nothing: 5 x 9 h.  A clock that took the
	 * start for a Monday would put the holiday on a working day (36 h). */
	s = load("[scenario]\nstart_date = 2027-01-06\nweeks = 1\nwarmup = 0\n"
	    "[calendar]\nholidays = 2027-01-09\n"
	    "[stream s]\nrate = 1/h\nclasses = k\n[class k]\nmode = async\n"
	    "service = exp(5min)\n[role r]\nserves = k\n[shift day]\nrole = r\n"
	    "days = mon-fri\nstart = 08:00\nend = 17:00\nstaff = 1\nskip_holidays = yes\n");
	CHECK(s != NULL);
	if (s != NULL) {
		a = play(s, NULL, 0);
		CHECK(a != NULL);
		if (a != NULL) {
			CHECK_NEAR(a->role[0].on_duty_min / 60.0, 45.0, 1e-9);
			sim_rep_free(a);
		}
		scn_free(s);
	}

	/* A 24/7 shift is one stretch on duty: no handover, no overtime. */
	s = load("[scenario]\nweeks = 2\nwarmup = 0\n[stream s]\nrate = 5/h\nclasses = k\n"
	    "[class k]\nmode = async\nservice = exp(30min)\n[role r]\ncost_per_hour = 1\n"
	    "serves = k\n[shift all]\nrole = r\nstart = 00:00\nend = 24:00\nstaff = 4\n");
	CHECK(s != NULL);
	if (s != NULL) {
		a = play(s, NULL, 0);
		CHECK(a != NULL);
		if (a != NULL) {
			CHECK(a->role[0].overtime_min == 0.0);
			CHECK_NEAR(a->role[0].on_duty_min, 4 * 2 * 10080.0, 1e-6);
			sim_rep_free(a);
		}
		scn_free(s);
	}
	CHECK_DONE();
}
