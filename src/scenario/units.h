/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * units.h — the value syntax of scenario files (doc/scenario.md): durations, rates, clock
 * times, days, percent targets (distributions: dist.h).
 *
 * Every parser takes a NUL-terminated string (leading/trailing blanks allowed),
 * returns 0 on success or -1 with a static reason in *why ("expected a duration
 * like 15min, 4h, 2d, 1w").  Non-finite and absurd numbers are rejected.
 * Internal units: minutes for time, items per minute for rates.
 */
#ifndef CQ_UNITS_H
#define CQ_UNITS_H

#include <stddef.h>
#include <stdint.h>
#include "week.h"


/* Largest duration accepted anywhere (100 years, in minutes). */
#define UNIT_MAX_MINUTES (100.0 * 365.25 * DAY_MIN)

int unit_parse_number(const char *s, double *out, const char **why);
int unit_parse_int(const char *s, long lo, long hi, long *out, const char **why);
/* An unsigned 64-bit whole number (seeds). */
int unit_parse_u64(const char *s, uint64_t *out, const char **why);
/* "15min", "4h", "2d", "1w", "90s", bare number = minutes. */
int unit_parse_duration(const char *s, double *minutes, const char **why);
/* "40/h", "300/d", "1400/w", "2/min"; result in items per minute. */
int unit_parse_rate(const char *s, double *per_minute, const char **why);
/* "HH:MM", 00:00..24:00; minutes since midnight. */
int unit_parse_clock(const char *s, int *minute, const char **why);
/* "mon-fri", "mon,wed,fri", "sat-sun", "all"; bit 0 = Monday. */
int unit_parse_days(const char *s, unsigned *mask, const char **why);
/* A whole number in [lo, hi] for each day named: "mon 4, tue-thu 3, fri 2"
 * (days as unit_parse_days takes them, one range or word a day item; a day
 * item without a number shares the next one's, "mon,wed 3"; commas or blanks
 * between items, so "mon 4 tue-fri 3" reads the same).  v[d] set for each
 * day of *given.  A day named twice: -1 with *twice set to it (else -1). */
int unit_parse_day_ints(const char *s, long lo, long hi, long v[WEEK_DAYS], unsigned *given,
    int *twice, const char **why);
/* "90% <= 48h" or "0.9 <= 48h"; share in [0,1], minutes. */
int unit_parse_target(const char *s, double *share, double *within, const char **why);
/* "15%" or "0.15", "300%": a fraction of any size (the caller checks its range). */
int unit_parse_fraction(const char *s, double *v, const char **why);
/* "1%" or "0.01"; a share in [0,1]. */
int unit_parse_share(const char *s, double *share, const char **why);
/* "yes/no/true/false/on/off/1/0". */
int unit_parse_bool(const char *s, int *out, const char **why);
/* "YYYY-MM-DD"; days since 1970-01-01 and weekday (0 = Monday). */
int unit_parse_date(const char *s, long *epoch_day, int *weekday, const char **why);

/* Format minutes as "15min", "4h", "2d 3h" etc. for `check`; the text always
 * reads back to the same value (exact minutes when no unit form is exact). */
int unit_format_duration(double minutes, char *buf, size_t n);
/* Format minutes for people (reports, not scenario files): "20 s", "4.5 min",
 * "45 min", "1 h 58 min", "12 h", "1 d 18 h"; "-" for NaN. */
int unit_format_readable(double minutes, char *buf, size_t n);
/* Format a number as briefly as reads back to the same double. */
int unit_format_number(double v, char *buf, size_t n);
void unit_format_days(unsigned mask, char *buf, size_t n);
/* v on the days of mask as unit_parse_day_ints reads it: runs of equal values
 * on consecutive days as ranges, Monday first ("mon 4, tue-thu 3, fri 2"). */
void unit_format_day_ints(const int v[WEEK_DAYS], unsigned days, char *buf, size_t n);

/* Scanning helpers the value parsers share (dist.c's too). */
const char *unit_skip_blanks(const char *s);
int unit_at_end(const char *s);
/* Length of the word of letters at s. */
size_t unit_word_len(const char *s);

#endif
