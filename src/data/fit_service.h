/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_service.h — how far a class's service fit can be trusted (the sample
 * mean beside the fitted one, the KS distance against its critical value, a
 * spike of very short services, a near-constant sample) and service_by_hour
 * (the mean by hour of day of the start of service).  fit.c feeds it rows;
 * fit_print.c asks it for comments and sections.
 */
#ifndef CQ_FIT_SERVICE_H
#define CQ_FIT_SERVICE_H

#include <stdio.h>

#include "fit.h"
#include "log.h"

#define FIT_SPIKE_P 1e-3          /* binomial p below which a short spike is named */
#define FIT_SPIKE_EXCESS 0.01     /*   ... and the share it must exceed the fit's by */
#define FIT_MEAN_SE 4.0           /* a fitted mean this many se from the sample's ... */
#define FIT_MEAN_REL 0.05         /*   ... and this far, relatively, warns */
#define FIT_KS_P 1e-3             /* Kolmogorov p below which the KS distance warns */
#define FIT_HOUR_P 1e-3           /* F-test p below which service_by_hour is written */
#define FIT_HOUR_MIN 30           /* rows an hour of day needs for its own factor */
#define FIT_CONST_SHARE 0.9       /* share at the median that makes a sample constant */

/* Welford sums of one group of service times. */
struct fit_moments {
	long n;
	double mean_x, m2_x;      /* over x */
	double mean_log, m2_log;  /* over log x */
	double sum_log;
};

struct fit_service {
	long shorts;              /* services under FIT_SHORT_MIN, 0 included */
	long left_out;            /* under --min-service: not in the fit */
	struct fit_moments longer;   /* those of FIT_SHORT_MIN or more (spike test) */
	double sum_longer;
	struct fit_moments hour[24]; /* by hour of day of the start of service */
	long by_start, by_arrival;   /* rows whose start is known, or not (arrival hour) */
	/* fit_service_hours()'s result */
	int groups;               /* hours with FIT_HOUR_MIN rows or more */
	double F, p;              /* one-way ANOVA of log service on those hours */
	long df1, df2;
	double factor[24], se[24];   /* mean of the hour / overall mean; 0: hour not named */
	int write_by_hour;
	char pattern[LOG_MAX_NAME];  /* its [pattern]'s name (fit_print.c picks one
	                                no stream and no other class uses) */
};

void fit_service_init(struct fit_service *s);
/* A served row with a service time (>= 0): 1 to fit it, 0 to leave it out
 * (--min-service). */
int fit_service_row(struct fit_service *s, const struct fit_opts *o,
    const struct log_row *r);

/* The sample's median and whether at least FIT_CONST_SHARE of it equals the
 * median (to 0.1%): a near-constant sample that no spread fits. Sorts
 * v->sample. */
int fit_service_constant(struct fit_svc *v, double *median, long *differ);
/* The sample mean and SD. */
void fit_service_print_sample(const struct fit_svc *v, FILE *out);
/* The chosen family's mean far from the sample mean: a warning. */
void fit_service_print_mean(const struct fit_svc *v, const struct fit_family *best,
    FILE *out);
/* After the families: the KS warning for the chosen one (n: the KS sample). */
void fit_service_print_ks(const struct fit_family *best, size_t n, FILE *out);
/* The spike of very short services, or what --min-service left out. */
void fit_service_print_short(const struct fit_service *s, const struct fit_opts *o,
    FILE *out);
/* service_by_hour: the test (fills s), its comment and key in [class], and its
 * [pattern] (named s->pattern) after the class.  name: the class's. */
void fit_service_hours(struct fit_service *s);
void fit_service_print_hours(const struct fit_service *s, FILE *out);
void fit_service_print_pattern(const struct fit_service *s, const char *name, FILE *out);

#endif
