/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_by_day.c — staff by weekday in the engine (SPEC 3.11): a run that
 * starts on a day puts that day's staff on duty.  The role's on-duty hours
 * are the sum over the days of the day's staff times the run's length
 * (back-to-back runs of different staff are not one stretch; absent persons
 * are paid); the weekday is the run's own, whatever the start date; and with
 * exponential services the busy share is the offered work over the hours on
 * duty by day (a closed form).
 */
#include "check.h"
#include "measure/run.h"
#include "scenario/scn.h"

/* start_date is a Wednesday: the weekday of day 0 is not Monday. */
static const char ini[] =
    "[scenario]\nstart_date = 2027-01-06\nweeks = 8\nwarmup = 1w\nreplications = 10\n"
    "seed = 31\n"
    "[pattern monday]\nweight = mon 08:00-16:00 1\n"
    "[stream calls]\nrate = 1/h\nclasses = call 1\n"
    "[stream mon]\nper_week = 40\npattern = monday\nclasses = msg 1\n"
    "[class call]\nmode = sync\nservice = exp(30min)\n"
    "[class msg]\nmode = async\nservice = exp(5min)\ntarget = 90% <= 8h\n"
    "[role rn]\ncost_per_hour = 10\nserves = call\n"
    "[role ma]\ncost_per_hour = 1\nserves = msg\n"
    "[shift line]\nrole = rn\nstart = 00:00\nend = 24:00\nstaff = mon 3, tue-sun 2\n"
    "[shift desk]\nrole = ma\ndays = mon-tue\nstart = 08:00\nend = 16:00\n"
    "staff = mon 2, tue 0\n";

/* The scenario of the last run (freed with its measures by done()). */
static struct scn *loaded;

static struct meas *
run(const char *const *ovs, int nov, const int *staff)
{
	struct scn_override ov[4];
	struct cq_err err = { 0 };
	struct run_opts ro = { 0 };
	struct scn *s;
	struct meas *m;
	int i;

	for (i = 0; i < nov; i++)
		ov[i].text = ovs[i];
	if ((s = scn_load_string("by_day", ini, ov, nov, &err)) == NULL) {
		fprintf(stderr, "load: %d: %s\n", err.line, err.msg);
		return NULL;
	}
	ro.jobs = 2;
	ro.staff = staff;
	if ((m = run_replications(s, &ro, &err)) == NULL) {
		fprintf(stderr, "run: %s\n", err.msg);
		scn_free(s);
		return NULL;
	}
	loaded = s;
	return m;
}

static void
done(struct meas *m)
{
	meas_free(m);
	scn_free(loaded);
	loaded = NULL;
}

int
main(void)
{
	static const char *const swap[] = { "shift.desk.staff=mon 0, tue 2" };
	static const char *const absent[] = { "shift.line.absence=10%" };
	const int one[2] = { 2, 2 };
	struct meas *m;

	/* On duty by day, as written: line 24 h x (3 + 6 x 2), desk 8 h x 2.
	 * Busy: 1 call an hour of 30 min, every hour of the week. */
	if ((m = run(NULL, 0, NULL)) != NULL) {
		CHECK_NEAR(m->role[0].on_duty_hours_per_week.mean, 24.0 * 15, 1e-6);
		CHECK_NEAR(m->role[1].on_duty_hours_per_week.mean, 8.0 * 2, 1e-6);
		CHECK_NEAR(m->cost_staff.mean, 24.0 * 15 * 10 + 8.0 * 2, 1e-6);
		CHECK_NEAR(m->role[0].utilization.mean, 168 * 0.5 / (24.0 * 15), 0.012);
		/* Monday's messages find the desk on duty: the weekday is right. */
		CHECK(m->cls[1].uncovered_share.mean < 0.01);
		done(m);
	}
	/* The desk on Tuesday instead: every Monday message arrives with nobody
	 * on duty who serves it. */
	if ((m = run(swap, 1, NULL)) != NULL) {
		CHECK(m->cls[1].uncovered_share.mean > 0.99);
		CHECK_NEAR(m->role[1].on_duty_hours_per_week.mean, 8.0 * 2, 1e-6);
		done(m);
	}
	/* Absent persons are paid: on duty and absent add up to the roster. */
	if ((m = run(absent, 1, NULL)) != NULL) {
		CHECK_NEAR(m->role[0].on_duty_hours_per_week.mean +
		    m->role[0].absent_hours_per_week.mean, 24.0 * 15, 1e-6);
		CHECK(m->role[0].absent_hours_per_week.mean > 0.05 * 24 * 15);
		done(m);
	}
	/* A roster of one number per shift (the optimizer's) plays it every day. */
	if ((m = run(NULL, 0, one)) != NULL) {
		CHECK_NEAR(m->role[0].on_duty_hours_per_week.mean, 24.0 * 14, 1e-6);
		CHECK_NEAR(m->role[1].on_duty_hours_per_week.mean, 8.0 * 4, 1e-6);
		done(m);
	}
	CHECK_DONE();
}
