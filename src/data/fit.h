/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit.h — scenario sections fitted to an event log (`clinicq fit`): per stream
 * a [pattern] of mean arrivals per hour of week and a [stream] with per_week,
 * volume_cv and class shares, over the days kept (gaps and --exclude out);
 * per class a [class] whose service is the better of a lognormal and a gamma
 * by maximum likelihood.  Also the service-time fits
 * themselves, for tests.
 */
#ifndef CQ_FIT_H
#define CQ_FIT_H

#include <stdint.h>
#include <stdio.h>

#include "err.h"

struct log_profile;   /* log_profile.h */

/* The most volume_cv fit writes: a scenario refuses more (SCN_MAX_VOLUME_CV
 * in scenario/scn.h, which is this), so a log more overdispersed than that
 * is written at the limit, with a warning. */
#define FIT_MAX_VOLUME_CV 3.0

/* The longest service fit writes: the scenario's largest duration (100
 * years, UNIT_MAX_MINUTES in scenario/units.h, a layer above). */
#define FIT_MAX_SERVICE_MIN (100.0 * 365.25 * 1440.0)
/* The longest span --scenario writes: a scenario's weeks limit (SCN_MAX_WEEKS
 * in scenario/scn.h, a layer above). */
#define FIT_MAX_SCN_WEEKS 520

#define FIT_MAX_STREAMS 64        /* as a scenario takes (SCN_MAX_STREAMS) */
#define FIT_MAX_CLASSES 64        /* likewise (SCN_MAX_CLASSES) */
#define FIT_MAX_PATTERNS 64       /* likewise (SCN_MAX_PATTERNS): streams' and service_by_hour's */
#define FIT_MAX_WEEKS 1040        /* twenty years of whole weeks */
#define FIT_SAMPLE 100000         /* service times kept per class for the KS distance */
#define FIT_MIN_ROWS 30           /* service times needed to fit a class */
#define FIT_OVERDISPERSED 1.5     /* variance / mean of hourly counts that warns */
#define FIT_MAX_EXCLUDE 64        /* --exclude ranges */
#define FIT_SHORT_MIN (10.0 / 60) /* a service under 10 s is "very short" (spike test) */

struct fit_opts {
	const char *name;         /* the stream's name without a stream column; NULL: the file's */
	int has_from, has_to;
	long from_day, to_day;    /* days since 1970-01-01, both included */
	int nexclude;             /* --exclude: days left out, each range both included */
	long excl_from[FIT_MAX_EXCLUDE], excl_to[FIT_MAX_EXCLUDE];
	int scenario;             /* --scenario: a whole runnable scenario */
	double idle_gap;          /* --idle-gap, minutes; 0: FIT_STAFF_IDLE_GAP */
	struct log_profile *profile;   /* --profile: the log is a foreign export; or NULL */
	double min_service;       /* --min-service: minutes; shorter services are left
	                             out of the service fit (0: none) */
};

/* Read LOG twice (a streaming pass for the range and the names, one to count)
 * and print the sections to out.  0, or -1 with err set (CQ_EXIT_USAGE with
 * LOG:LINE for a malformed row or an unusable range). */
int fit_run(const char *log, const struct fit_opts *o, FILE *out, struct cq_err *err);

/* Service times of one class: sums over all of them (the likelihoods need no
 * more) and a reservoir sample of at most FIT_SAMPLE (the KS distance does). */
struct fit_svc {
	long n;                   /* positive values */
	long zeros;               /* values of 0, which neither family can hold */
	double sum, mean_log, m2_log;   /* sum of x; Welford over log x */
	double mean_x, m2_x;      /* Welford over x: the sample mean and SD */
	double sum_log;
	double *sample;
	size_t nsample, cap;
	uint64_t rng;             /* the reservoir's generator, fixed seed */
};

/* One family's fit. */
struct fit_family {
	int ok;
	double p1, p2;            /* lognormal: mu, sigma; gamma: shape k, scale theta */
	double se1, se2;          /* their standard errors (inverse Fisher information) */
	double loglik;
	double ks;                /* Kolmogorov-Smirnov distance to the sample */
	double mean, sd;          /* in minutes, as a scenario writes them */
};

/* A reservoir sample's slot for the n-th value seen (1-based) past its cap
 * values: 0 .. cap - 1 to replace, or -1 to drop it (rng: the sample's own
 * splitmix64 state, so the same log gives the same sample). */
long fit_reservoir_slot(uint64_t *rng, long n, long cap);
void fit_svc_init(struct fit_svc *v);
int fit_svc_add(struct fit_svc *v, double x);   /* -1: out of memory */
void fit_svc_free(struct fit_svc *v);
/* Fit both families (sorts v->sample). */
void fit_lognormal(struct fit_svc *v, struct fit_family *f);
void fit_gamma(struct fit_svc *v, struct fit_family *f);

#endif
