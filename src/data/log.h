/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log.h — reading an event log: a CSV file with a header row, one row per
 * arrival.  Columns: arrived_at (required; YYYY-MM-DD HH:MM[:SS], or with 'T'),
 * and optionally class, service_min (minutes), stream, outcome (served or
 * abandoned), wait_min (minutes to service or to hanging up), agent (who
 * served it) and started_at (the start of service, an alternative to
 * wait_min); others are ignored.
 * Quoted fields with "" escapes, CRLF line ends and a UTF-8 byte-order mark
 * are accepted.  The reader streams: each row goes to a callback, and memory
 * stays one row's worth (LOG_MAX_ROW bytes at most), whatever the file's size.
 */
#ifndef CQ_LOG_H
#define CQ_LOG_H

#include <stddef.h>

#include "err.h"

#define LOG_MAX_ROW 65536         /* bytes in one row, quoted newlines included */
#define LOG_MAX_FIELDS 1024       /* fields in one row */
#define LOG_MAX_NAME 64           /* a class, stream or agent name, NUL included */
/* The longest duration a log may give (service_min, wait_min): a scenario's
 * longest, 100 years (UNIT_MAX_MINUTES in scenario/units.h, a layer above). */
#define LOG_MAX_MINUTES (100.0 * 365.25 * 1440.0)

/* One row, valid only during the callback. */
struct log_row {
	long line;            /* the line the row starts on (the header is line 1) */
	long day;             /* arrived_at: days since 1970-01-01 ... */
	double minute;        /*   ... and minutes into that day, [0, 1440) */
	const char *cls;      /* NULL when the log has no class column */
	const char *stream;   /* NULL when the log has no stream column */
	double service;       /* minutes, >= 0; -1 when absent (no column, empty field) */
	int abandoned;        /* outcome: 1 abandoned, 0 served (also an empty field or no column) */
	double wait;          /* wait_min, >= 0; -1 when absent (no column, empty field);
	                         from started_at - arrived_at when only that is given */
	const char *agent;    /* who served it; NULL without the column or with an empty field */
	int has_start;        /* started_at given: start_day, start_minute hold it */
	long start_day;
	double start_minute;
};

/* The columns the header named. */
struct log_cols {
	int has_class, has_service, has_stream, has_outcome, has_wait, has_agent, has_started;
};

struct log_profile;   /* log_profile.h */

/* Called once after the header (cols) and once per row; a nonzero return
 * stops the reading, which returns it (the callback fills err).  With a
 * profile the file is a foreign export read through it (its separator,
 * columns, formats and codes; the rows it skips are counted in it and never
 * reach row); NULL reads the canonical columns above. */
struct log_cb {
	int (*header)(void *ctx, const struct log_cols *cols, struct cq_err *err);
	int (*row)(void *ctx, const struct log_row *row, struct cq_err *err);
	void *ctx;
	struct log_profile *profile;
};

/* Read FILE (a regular file).  Returns 0, or -1 with err set: CQ_EXIT_USAGE
 * with FILE:LINE for a malformed row, CQ_EXIT_FAIL for I/O. */
int log_read_file(const char *file, const struct log_cb *cb, struct cq_err *err);
/* The same over len bytes in memory; name is used in messages. */
int log_read_mem(const char *name, const char *buf, size_t len, const struct log_cb *cb,
    struct cq_err *err);

/* Parse "YYYY-MM-DD" (a date; *minute 0) or "YYYY-MM-DD HH:MM[:SS]" (or 'T'):
 * 0, or -1 with *why.  want_time: 1 requires the time, 0 forbids it. */
int log_parse_time(const char *s, int want_time, long *day, double *minute,
    const char **why);
/* A number as a scenario writes one: a plain decimal ([+-]digits[.digits]
 * [e[+-]digits], no hex, inf or nan) of magnitude at most 1e12; 0 or -1. */
int log_parse_number(const char *s, double *out);
/* Blanks (spaces, tabs) off both ends of s, in place; s moved past the leading. */
char *log_trim(char *s);
/* A name a scenario section can carry: letters, digits, '_' and '-'. */
int log_name_ok(const char *s);

#endif
