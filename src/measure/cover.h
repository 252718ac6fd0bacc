/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cover.h — coverage of a typical week by class: who serves each class when
 * (by the roster played), when its items arrive (from the arrival pattern),
 * and the stretches where they arrive with nobody on duty to serve them.
 * Holidays aside: this is the week as the shifts' days write it.
 */
#ifndef CQ_COVER_H
#define CQ_COVER_H

#include <stddef.h>

#include "scenario/scn.h"


/* A stretch of the week, minutes from Monday 00:00: [from, to), wrapping past
 * Sunday 24:00 when to <= from; share: of the class's expected arrivals.
 * Stretches under a day that recur at the same clock times on several days
 * are one, starting on each day of `days` (bit 0 Monday; 0: just the one). */
struct cover_gap {
	int from, to;
	unsigned days;
	double share;
};

/* Does a person of shift i serve class c?  On call: sync classes only. */
int cover_shift_serves(const struct scn *s, int i, int c);

/* Persons on duty who serve class c in each hour of a typical week, averaged
 * over the hour (Monday 00:00 first); on-call persons count for sync classes
 * only.  staff: per shift, NULL for the roster as written. */
void cover_week(const struct scn *s, const int *staff, int c, double out[WEEK_HOURS]);
/* The part of cover_week that is on call (0 everywhere for an async class). */
void cover_week_on_call(const struct scn *s, const int *staff, int c,
    double out[WEEK_HOURS]);

/* Expected arrivals of class c per minute in each hour of week, from the
 * streams (message shares, readings over their alert threshold).  All 0 for a
 * class that only escalation or follow-up makes. */
void cover_arrivals(const struct scn *s, int c, double out[WEEK_HOURS]);

/* The stretches of the week where class c has arrivals and nobody who serves
 * it is on duty (within one such stretch, from its first arrival hour to its
 * last), largest share first.  Stores at most max in g; returns how many there
 * are, -1 on ENOMEM. */
int cover_gaps(const struct scn *s, const int *staff, int c, struct cover_gap *g,
    int max);

/* "Fri 17:00 - Mon 08:00", "Mon-Thu 17:00 - 08:00 the next day", "every day
 * 12:00 - 12:30", or "at every hour of the week". */
void cover_gap_name(const struct cover_gap *g, char *buf, size_t n);

#endif
