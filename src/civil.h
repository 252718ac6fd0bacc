/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * civil.h — calendar arithmetic on days since 1970-01-01 (proleptic
 * Gregorian, H. Hinnant's algorithms): what the scenario's dates and an event
 * log's timestamps both need, so it lives at the root, below both.
 */
#ifndef CQ_CIVIL_H
#define CQ_CIVIL_H

/* Days since 1970-01-01 of year y, month m (1-12), day d (1-31). */
long civil_days(long y, long m, long d);
/* The date of day z (days since 1970-01-01). */
void civil_date(long z, int *y, int *m, int *d);
/* Day z's weekday, 0 = Monday. */
int civil_weekday(long z);

#endif
