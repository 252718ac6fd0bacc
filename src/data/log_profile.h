/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log_profile.h — reading a foreign export through a profile (an INI file,
 * doc/data.md "Profiles"): its separator, which of its columns give the log's
 * columns (a date and a time in two columns joined), their formats (two-digit
 * years, unpadded hours), units of durations, code maps for outcome, class and
 * agent, and rows skipped by a column's value.
 *
 * The reader (log.c) resolves the profile's columns against each header and
 * counts the rows the profile skips in it, so a profile serves one read at a
 * time; the counts are those of the latest read.
 */
#ifndef CQ_LOG_PROFILE_H
#define CQ_LOG_PROFILE_H

#include <stdio.h>

#include "err.h"
#include "log.h"

#define PROF_MAX_BYTES (1 << 20)  /* a profile file */
#define PROF_MAX_CODES 256        /* entries of one code map */
#define PROF_MAX_SKIPS 64         /* values of [skip] */
#define PROF_MAX_FMT 64           /* a format string, NUL included */

/* The log's columns, in log.h's order. */
enum prof_col {
	PC_ARRIVED, PC_CLASS, PC_SERVICE, PC_STREAM, PC_OUTCOME, PC_WAIT, PC_AGENT,
	PC_STARTED, PC_N
};

/* A code map's entry: [outcome] AGENT = served, [class] PS = routine (and
 * [stream] likewise), [agent] NO_SERVER = nobody. */
enum prof_unit { PU_MINUTES, PU_SECONDS, PU_HOURS };
enum prof_to { PT_SERVED, PT_ABANDONED, PT_SKIP, PT_NAME, PT_NOBODY };
struct prof_code {
	char code[LOG_MAX_NAME];
	char name[LOG_MAX_NAME];  /* PT_NAME: the class name */
	int to;                   /* enum prof_to */
	long skipped;             /* PT_SKIP: rows skipped in the latest read */
};

struct prof_map {
	int n;
	struct prof_code e[PROF_MAX_CODES];
};

/* [skip]: rows whose column holds value are left out. */
struct prof_skip {
	char column[LOG_MAX_NAME];
	char value[LOG_MAX_NAME];
	int col;                  /* its index in the header read */
	long skipped;
};

/* One date-time format: conversions %Y %y %m %d %H %M %S %p and literals. */
struct prof_fmt {
	char s[PROF_MAX_FMT];     /* "" for the canonical YYYY-MM-DD HH:MM[:SS] */
};

struct log_profile {
	char file[256];
	char sep;                 /* ',', '\t' or ';' */
	/* the source columns of each log column: src[c][0] alone, or
	 * src[c][0] (a date) + src[c][1] (a time) for arrived_at and started_at */
	char src[PC_N][2][LOG_MAX_NAME];
	int line[PC_N];           /* where [columns] maps it, for messages */
	struct prof_fmt date_fmt, time_fmt, stamp_fmt;
	int unit[PC_N];           /* service_min's and wait_min's: enum prof_unit */
	const char *unit_name[PC_N];
	struct prof_map outcome, cls, stream, agent;
	int nskip;
	struct prof_skip skip[PROF_MAX_SKIPS];
	/* resolved against the latest header: the index of each source column */
	int col[PC_N][2];
	int ncols;
	long skipped;             /* rows skipped in the latest read */
};

/* Read a profile from FILE, or from len bytes of text (name for messages).
 * 0 with *out (free it with log_profile_free), or -1 with err:
 * CQ_EXIT_USAGE and PROFILE:LINE for a mistake in it, CQ_EXIT_FAIL for I/O. */
int log_profile_load(const char *file, struct log_profile **out, struct cq_err *err);
int log_profile_parse(const char *name, const char *text, size_t len,
    struct log_profile **out, struct cq_err *err);
void log_profile_free(struct log_profile *pr);

/* The comment naming the rows the latest read skipped, if any:
 * "; 1234 rows skipped by the profile: outcome PHANTOM 1200, ...". */
void log_profile_print_skips(const struct log_profile *pr, FILE *out);

/* For log.c.  The header's fields (names[i], trimmed): resolve the profile's
 * columns and fill cols; -1 with err at LOG:line when one is missing. */
int log_profile_header(struct log_profile *pr, char *const *names, int n,
    struct log_cols *cols, const char *log, long line, struct cq_err *err);
/* One row's fields into r: 0, 1 when the profile skips the row, or -1 with
 * err at LOG:line. */
int log_profile_row(struct log_profile *pr, char *const *fields, struct log_row *r,
    const char *log, long line, struct cq_err *err);

/* Parse s by the format (0, or -1 with *why): the date's day (when the
 * format has one) and the minute of the day (when it has a time). */
int prof_fmt_check(const char *fmt, int want_date, int want_time, const char **why);
int prof_fmt_parse(const struct prof_fmt *f, const char *s, long *day, double *minute,
    const char **why);

#endif
