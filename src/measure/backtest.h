/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * backtest.h — a log's figures (data/observe.h) beside those of replications
 * that replay its arrivals (scn_replay): per class and per hour of day of
 * arrival, each simulated figure a mean over replications with a 95%
 * t-interval, and the agreement by hour.
 */
#ifndef CQ_BACKTEST_H
#define CQ_BACKTEST_H

#include "data/observe.h"
#include "run.h"

enum bt_measure {
	BT_ARRIVALS, BT_ABANDON, BT_WAIT, BT_WITHIN, BT_WITHIN30, BT_WITHIN60,
	BT_DUTY, BT_UTIL, BT_NMEAS
};

/* "arrivals_per_week", "abandon_rate", ...: the JSON keys; their titles for
 * people ("Abandoned, share of arrivals"); and whether each is a share
 * (0 to 1, shown as a percentage). */
extern const char *const bt_measure_name[BT_NMEAS];
extern const char *const bt_measure_title[BT_NMEAS];
int bt_measure_share(int m);

/* One figure: observed, simulated mean and interval; NAN where it has no
 * value (a wait mean of an hour with nothing answered).  outside: the
 * observed value lies outside the simulated interval. */
struct bt_fig {
	double obs, mean, lo, hi;
	int outside;
};

struct backtest {
	int nclasses, nweeks, replications;
	long start_day, end_day;
	char names[OBS_MAX_CLASSES][LOG_MAX_NAME];
	unsigned char cls_has[OBS_MAX_CLASSES][BT_NMEAS], hour_has[BT_NMEAS];
	struct bt_fig cls[OBS_MAX_CLASSES][BT_NMEAS], hour[OBS_HOURS][BT_NMEAS];
	double gap[BT_NMEAS];     /* mean |observed - simulated mean| over the hours */
	int gap_hours[BT_NMEAS];  /* the hours it is taken over (both have a value) */
	int nout[BT_NMEAS];       /* hours flagged outside */
};

/* Play s (a replay of o's arrivals: scn_replay) with ro's jobs and progress
 * and fill bt.  0, or -1 with err. */
int backtest_run(const struct scn *s, const struct observe *o, const struct run_opts *ro,
    struct backtest *bt, struct cq_err *err);

#endif
