/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_patience.h — a class's patience (how long a caller waits before hanging
 * up) from a log's outcome and wait_min columns.  Patience is seen only for
 * abandoned rows (patience = wait); a served row says only that patience
 * exceeded its wait (right-censored).  So the fits are censored: the
 * Kaplan-Meier curve, and exp, lognormal and gamma by censored maximum
 * likelihood.
 *
 * Memory: sums over every row (the exp fit needs no more) and a reservoir
 * sample of at most FIT_PAT_SAMPLE (time, censored) pairs per class as
 * floats, 4 bytes each, for KM and the two-parameter fits: 80 KB a class at
 * most, whatever the number of rows.  The cap is also the time bound: a
 * censored gamma likelihood costs an incomplete gamma function per pair and
 * evaluation (about 0.4 s a class at the cap).
 */
#ifndef CQ_FIT_PATIENCE_H
#define CQ_FIT_PATIENCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FIT_PAT_SAMPLE 20000     /* pairs kept per class: SEs about 1% of the mean */

/* One class's waits.  A sample element is the time in minutes, its sign bit
 * set when censored (served), so -0.0f is a censored 0. */
struct fit_pat {
	long abandoned, served;   /* rows by outcome, with a wait_min or not */
	long events, censored;    /* of them, with a wait_min: abandoned, served */
	long no_wait;             /* rows without a wait_min: left out of the fits */
	double exposure;          /* sum of every wait: the exp fit's denominator */
	float *sample;
	size_t nsample, cap;
	uint64_t rng;             /* the reservoir's generator, fixed seed */
};

/* One family's censored fit. */
struct fit_pfam {
	int ok;
	double mean, sd;          /* minutes */
	double se_mean, se_sd;    /* standard errors (exp: se_mean only); NAN: unknown */
	double p1, p2, se1, se2;  /* lognormal mu, sigma; gamma shape, scale (min) */
	double loglik;            /* over the sample */
	double aic;
};

void fit_pat_init(struct fit_pat *pt);
/* Add a row's wait: abandoned (an observed patience) or served (censored).
 * 0, or -1 when out of memory. */
int fit_pat_add(struct fit_pat *pt, int abandoned, double wait);
void fit_pat_free(struct fit_pat *pt);

/* The fits over the sample (sorts it).  Exp's mean and SE are over every row. */
void fit_pat_exp(struct fit_pat *pt, struct fit_pfam *f);
void fit_pat_lognormal(struct fit_pat *pt, struct fit_pfam *f);
void fit_pat_gamma(struct fit_pat *pt, struct fit_pfam *f);
/* The Kaplan-Meier survival at t over the sample (sorted), and its Greenwood
 * standard error; the median (first time S <= 0.5) or -1 if not reached. */
double fit_pat_km(struct fit_pat *pt, double t, double *se);
double fit_pat_km_median(struct fit_pat *pt);

/* The class's patience lines: `patience = ...` and its comments, or a comment
 * that none abandoned.  has_cols: the log has an outcome column. */
void fit_pat_print(struct fit_pat *pt, int has_cols, FILE *out);

#endif
