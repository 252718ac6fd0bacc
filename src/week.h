/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * week.h — the week clinicq counts in: minutes and hours of a day and a week,
 * and the weekday names, defined once.
 *
 * Time is in minutes.  The whole-minute counts (DAY_MINUTES, WEEK_MINUTES)
 * are for the clock of a day or a week in whole minutes (a shift's start,
 * a break's window, a gap in the cover); DAY_MIN and WEEK_MIN are the same
 * spans as real minutes, for the simulation's time and the estimates built on
 * it.  Day 0 is Monday, as in a scenario's `days` and the hour of week (0 =
 * Monday 00:00 .. WEEK_HOURS - 1 = Sunday 23:00).
 */
#ifndef CQ_WEEK_H
#define CQ_WEEK_H

#define WEEK_DAYS 7
#define DAY_HOURS 24
#define WEEK_HOURS 168             /* hours of week */
#define HOUR_MINUTES 60
#include <stddef.h>

#define DAY_MINUTES 1440
#define WEEK_MINUTES 10080
#define DAY_MIN 1440.0             /* minutes, as time */
#define WEEK_MIN 10080.0

/* The weekdays, Monday first: as scenarios and CSV files write them ("mon"),
 * as tables and grids show them ("Mon"), in full ("Monday"). */
extern const char *const week_day_key[WEEK_DAYS];
extern const char *const week_day_short[WEEK_DAYS];
extern const char *const week_day_long[WEEK_DAYS];
/* Days of a mask (bit 0 Monday) as people read them: "Mon-Fri", "Sat, Sun",
 * "Mon, Wed, Fri", "every day". */
void week_days_words(unsigned days, char *buf, size_t n);

#endif
