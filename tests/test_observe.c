/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_observe.c — a log's own figures for backtest (data/observe.c): what
 * obs_count counts (a target met at its limit, an async class's answer at
 * the end of service, abandoned rows never answered, within_30s/60s for a
 * class with none); the whole weeks, the warm-up's rows kept to replay and
 * in order, the counts by class and hour, persons on duty from agents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "err.h"
#include "data/observe.h"

static void
test_count(void)
{
	struct obs_class sync = { "call", 2.0, 0 }, async = { "note", 10.0, 1 };
	struct obs_class none = { "walk", -1.0, 0 };
	struct obs_counts c;

	memset(&c, 0, sizeof c);
	obs_count(&c, &sync, 0, 2.0, 5.0);      /* met at its limit */
	obs_count(&c, &sync, 0, 2.5, 5.0);      /* late */
	obs_count(&c, &sync, 1, 1.0, -1.0);     /* abandoned: counted, never answered */
	obs_count(&c, &sync, 0, -1.0, 5.0);     /* no wait known: not answered */
	CHECK_NEAR(c.arrived, 4, 0);
	CHECK_NEAR(c.abandoned, 1, 0);
	CHECK_NEAR(c.answered, 2, 0);
	CHECK_NEAR(c.wait_sum, 4.5, 1e-12);
	CHECK_NEAR(c.arr_t, 4, 0);
	CHECK_NEAR(c.met, 1, 0);
	memset(&c, 0, sizeof c);
	obs_count(&c, &async, 0, 4.0, 6.0);     /* 4 + 6 = 10: met */
	obs_count(&c, &async, 0, 4.0, 7.0);     /* 11: not */
	CHECK_NEAR(c.met, 1, 0);
	memset(&c, 0, sizeof c);
	obs_count(&c, &none, 0, 0.5, 3.0);
	obs_count(&c, &none, 0, 0.75, 3.0);
	obs_count(&c, &none, 0, 2.0, 3.0);
	CHECK_NEAR(c.arr_nt, 3, 0);
	CHECK_NEAR(c.arr_t, 0, 0);
	CHECK_NEAR(c.met30, 1, 0);
	CHECK_NEAR(c.met60, 2, 0);
}

/* 2027-01-02 (a Saturday) to 2027-01-19: the whole weeks are 2027-01-04 to
 * 2027-01-18 (two), a day's warm-up replays 2027-01-03; rows out of order. */
static const char log_text[] =
"arrived_at,class,outcome,wait_min,service_min,agent\n"
"2027-01-05 09:10,call,served,1.0,30,ann\n"
"2027-01-02 10:00,call,served,0,5,ann\n"
"2027-01-03 23:30,note,served,0,5,ann\n"
"2027-01-04 09:00,call,abandoned,3.0,,\n"
"2027-01-12 09:20,note,served,600,20,bob\n"
"2027-01-18 00:10,call,served,0,5,ann\n";

static void
test_log(void)
{
	char path[] = "/tmp/test_observe_XXXXXX";
	int fd = mkstemp(path);
	struct observe *o = calloc(1, sizeof *o);
	struct cq_err err;

	memset(&err, 0, sizeof err);
	CHECK(fd >= 0 && o != NULL);
	if (fd < 0 || o == NULL)
		return;
	CHECK(write(fd, log_text, sizeof log_text - 1) == (ssize_t)(sizeof log_text - 1));
	close(fd);
	o->nclasses = 2;
	snprintf(o->cls[0].name, sizeof o->cls[0].name, "call");
	o->cls[0].target = 2.0;
	snprintf(o->cls[1].name, sizeof o->cls[1].name, "note");
	o->cls[1].target = -1.0;
	o->cls[1].async = 1;
	o->warm_days = 1;
	CHECK(observe_log(path, NULL, o, &err) == 0);
	CHECK(o->start_day == 20822 && o->end_day == 20836 && o->nweeks == 2);
	CHECK(o->rows == 6 && o->has_wait && o->has_agent);
	/* Kept to replay: 01-03 23:30 (warm-up) and the three of the weeks, by
	 * time, from 00:00 of 2027-01-03; 01-02 and 01-18 are out. */
	CHECK(o->narr == 4);
	if (o->narr == 4) {
		CHECK_NEAR(o->arr[0].t, 23 * 60 + 30, 1e-9);
		CHECK(o->arr[0].cls == 1);
		CHECK_NEAR(o->arr[1].t, 1440 + 9 * 60, 1e-9);
		CHECK_NEAR(o->arr[3].t, 9 * 1440 + 9 * 60 + 20, 1e-9);
	}
	CHECK_NEAR(o->by_cls[0].arrived, 2, 0);
	CHECK_NEAR(o->by_cls[0].abandoned, 1, 0);
	CHECK_NEAR(o->by_cls[0].met, 1, 0);
	CHECK_NEAR(o->by_cls[1].arrived, 1, 0);
	CHECK_NEAR(o->by_hour[9].arrived, 3, 0);
	CHECK_NEAR(o->by_hour[9].wait_sum, 601, 1e-9);
	/* Busy minutes by the hour their service falls in: ann 09:11-09:41,
	 * bob 19:20-19:40 (started 600 min after 09:20). */
	CHECK_NEAR(o->busy[9], 30, 1e-9);
	CHECK_NEAR(o->busy[19], 20, 1e-9);
	CHECK(o->duty[9] > 0 && o->duty[3] == 0);
	observe_free(o);
	free(o);
	unlink(path);
}

/* A class the scenario lacks: LOG:LINE. */
static void
test_unknown_class(void)
{
	char path[] = "/tmp/test_observe_XXXXXX";
	int fd = mkstemp(path);
	static const char text[] = "arrived_at,class\n2027-01-04 10:00,call\n"
	    "2027-01-05 10:00,walk\n";
	struct observe *o = calloc(1, sizeof *o);
	struct cq_err err;

	memset(&err, 0, sizeof err);
	CHECK(fd >= 0 && o != NULL);
	if (fd < 0 || o == NULL)
		return;
	CHECK(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
	close(fd);
	o->nclasses = 1;
	snprintf(o->cls[0].name, sizeof o->cls[0].name, "call");
	o->cls[0].target = -1;
	CHECK(observe_log(path, NULL, o, &err) == -1);
	CHECK(err.line == 3 && err.code == CQ_EXIT_USAGE);
	CHECK_HAS(err.msg, "class 'walk' is no class of the scenario");
	observe_free(o);
	free(o);
	unlink(path);
}

int
main(void)
{
	test_count();
	test_log();
	test_unknown_class();
	CHECK_DONE();
}
