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

enum dist_kind {
	DIST_NONE = 0,
	DIST_EXP,       /* exp(MEAN) */
	DIST_CONST,     /* const(X) */
	DIST_UNIFORM,   /* uniform(A,B) */
	DIST_LOGNORMAL, /* lognormal(MEAN,SD) */
	DIST_GAMMA,     /* gamma(MEAN,SD) */
	DIST_NORMAL,    /* normal(MEAN,SD) */
	DIST_BETA       /* beta(A,B), a probability */
};

struct dist {
	enum dist_kind kind;
	double a, b;     /* as written: mean/sd, A/B, X */
	double p1, p2;   /* derived by dist_init: lognormal mu/sigma, gamma shape/scale */
	int is_time;     /* printed with a time unit */
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

#endif
