/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * hist.h — streaming histogram of non-negative values with bounded relative error.
 *
 * Log-linear buckets (the top HIST_SUB_BITS bits of the mantissa under each binary
 * exponent, as HdrHistogram does): a quantile is returned within HIST_REL_ERR of
 * the true sample quantile.  Values below HIST_MIN (including 0) share one bucket
 * reported as 0.  Memory is fixed, whatever the number of values.
 */
#ifndef CQ_HIST_H
#define CQ_HIST_H

#include <stdint.h>
#include <string.h>

#define HIST_SUB_BITS 7
#define HIST_SUB (1 << HIST_SUB_BITS)
#define HIST_MIN_EXP (-10)              /* 2^-10 min, ~0.06 s */
#define HIST_MAX_EXP 26                 /* 2^26 min, ~128 years */
#define HIST_NBUCKETS (1 + (HIST_MAX_EXP - HIST_MIN_EXP) * HIST_SUB)
#define HIST_REL_ERR (1.0 / (2 * HIST_SUB)) /* midpoint of a bucket of width 2^e/128 */

struct hist {
	uint64_t n;
	double max;
	uint32_t count[HIST_NBUCKETS];
};

void hist_reset(struct hist *h);
/* Bucket of x: 0 below 2^HIST_MIN_EXP, then HIST_SUB buckets per power of two,
 * read straight from the IEEE-754 bits (exponent, top mantissa bits).  Without
 * branches: half the waits in a busy clinic are 0 and half are not, a pattern
 * no branch predictor learns. */
static inline int
hist_bucket_of(double x)
{
	uint64_t u;
	int64_t b;

	memcpy(&u, &x, sizeof u);
	/* Exponent and top mantissa bits in one shift: (biased exponent) x
	 * HIST_SUB + sub-bucket, which orders like x.  Negative x (sign bit set)
	 * goes to bucket 0, like anything below HIST_MIN. */
	b = (int64_t)(u >> (52 - HIST_SUB_BITS)) -
	    ((int64_t)(1023 + HIST_MIN_EXP) << HIST_SUB_BITS) + 1;
	b = b < 1 || (u >> 63) ? 0 : b;
	return (int)(b > HIST_NBUCKETS - 1 ? HIST_NBUCKETS - 1 : b);
}
/* Add one value (inline: the engine records two per item). */
static inline void
hist_add(struct hist *h, double x)
{
	h->count[hist_bucket_of(x)]++;
	h->n++;
	if (x > h->max)
		h->max = x;
}
/* The q-quantile (0 < q <= 1) of the values added; 0 when empty. */
double hist_quantile(const struct hist *h, double q);
/* Bucket bounds, for reports that show the distribution. */
double hist_bucket_lo(int i);
double hist_bucket_hi(int i);

#endif
