/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dist.h — the distributions a scenario names: their syntax, moments and
 * printing (drawing from them is the engine's: dist_sample.h).
 *
 * Parameters are given as the planner writes them (mean and SD for lognormal and
 * gamma); dist_init() derives the library's parameters once.  Times are minutes.
 * A time never comes out negative: normal(MEAN,SD) as a time is truncated at 0
 * (draws below 0 are redrawn), and dist_mean, dist_sd and dist_sf describe that.
 */
#ifndef CQ_DIST_H
#define CQ_DIST_H

#include <gsl/gsl_rng.h>
#include <stddef.h>

#include "err.h"

/* Most data rows an empirical(FILE.csv) may hold. */
#define DIST_EMP_MAX_ROWS 1000000

enum dist_kind {
	DIST_NONE = 0,
	DIST_EXP,       /* exp(MEAN) */
	DIST_CONST,     /* const(X) */
	DIST_UNIFORM,   /* uniform(A,B) */
	DIST_LOGNORMAL, /* lognormal(MEAN,SD) */
	DIST_GAMMA,     /* gamma(MEAN,SD) */
	DIST_NORMAL,    /* normal(MEAN,SD) */
	DIST_BETA,      /* beta(A,B), a probability */
	DIST_TRIANGULAR, /* triangular(MIN,MODE,MAX) */
	DIST_EMPIRICAL  /* empirical(FILE.csv): observed values */
};

struct scn_files;

/* The observed values of one empirical(FILE.csv), sorted; owned by the list
 * its loader was given (the scenario's). */
struct dist_emp {
	char *path;      /* absolute, so a printed scenario loads from any folder */
	double *x;       /* n >= 1 values, ascending */
	size_t n;
	double mean, sd; /* of the piecewise-linear distribution (dist_mean) */
	struct dist_emp *next;
};

/* What empirical(FILE) needs to load its file (dist_parse_in). */
struct dist_ctx {
	const char *base;          /* the scenario file's name: FILE is relative to its folder */
	struct dist_emp **owner;   /* loaded values go on this list */
	struct scn_files *files;   /* the command's files read so far (scn_files.h), or NULL */
	struct cq_err *err;        /* an error of the CSV itself, at FILE.csv:LINE */
	char msg[512];             /* room for a reason that names the file */
};

struct dist {
	enum dist_kind kind;
	double a, b;     /* as written: mean/sd, A/B, X; triangular MIN/MODE */
	double c;        /* triangular MAX */
	double p1, p2;   /* derived by dist_init: lognormal mu/sigma, gamma shape/scale,
	                  * triangular F(MODE) */
	int is_time;     /* printed with a time unit */
	const struct dist_emp *emp; /* DIST_EMPIRICAL: the scenario's values */
};

/* Derive sampling parameters; returns -1 (and a reason) when a, b are invalid. */
int dist_init(struct dist *d, const char **why);
double dist_mean(const struct dist *d);
double dist_sd(const struct dist *d);
/* P(X > x): closed form, used by tests and by the optimizer's fluid model. */
double dist_sf(const struct dist *d, double x);
/* Write "lognormal(6min,4min)" style text; returns snprintf's count. */
int dist_format(const struct dist *d, char *buf, size_t n);
const char *dist_kind_name(enum dist_kind k);
/* Parse and validate a distribution like "lognormal(6min,4min)"; is_time: its
 * parameters are durations (beta is refused).  0, or -1 with a reason. */
int dist_parse(const char *s, int is_time, struct dist *d, const char **why);
/* Same, and empirical(FILE.csv) loads FILE (relative to ctx->base's folder)
 * onto ctx->owner.  -1 with a reason about the value (a file that cannot be
 * opened included), or -2 with ctx->err set at the CSV's own line. */
int dist_parse_in(const char *s, int is_time, struct dist_ctx *ctx, struct dist *d,
    const char **why);
/* Free a list of loaded values. */
void dist_emp_free_all(struct dist_emp *e);
/* dist_emp.c: load empirical(ARG), ARG being len bytes (dist_parse_in's
 * statuses), and P(X > x) of the piecewise-linear distribution. */
int dist_emp_parse(const char *arg, size_t len, int is_time, struct dist_ctx *ctx,
    struct dist *d, const char **why);
double dist_emp_sf(const struct dist_emp *e, double x);

#endif
