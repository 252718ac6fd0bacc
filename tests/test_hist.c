/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_hist.c — the streaming histogram's quantiles stay within its error bound. */
#include <stdlib.h>

#include "check.h"
#include "engine/hist.h"

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(void)
{
	static struct hist h;
	static double v[100000];
	const double qs[] = { 0.5, 0.9, 0.95, 0.99, 1.0 };
	unsigned long long x = 88172645463325252ULL;
	size_t i, k;
	int b;

	hist_reset(&h);
	CHECK(hist_quantile(&h, 0.5) == 0.0);
	/* Log-uniform values over 6 decades: the hardest case for a linear histogram. */
	for (i = 0; i < 100000; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		v[i] = pow(10.0, -2.0 + 6.0 * (double)(x >> 11) / 9007199254740992.0);
		hist_add(&h, v[i]);
	}
	qsort(v, 100000, sizeof v[0], cmp);
	for (k = 0; k < sizeof qs / sizeof qs[0]; k++) {
		size_t idx = (size_t)ceil(qs[k] * 100000) - 1;
		double want = v[idx], got = hist_quantile(&h, qs[k]);

		CHECK_NEAR(got / want, 1.0, HIST_REL_ERR * 1.001);
	}
	CHECK(h.n == 100000);
	CHECK(h.max == v[99999]);

	/* Zeros (a wait of nothing) are a bucket of their own, reported as 0. */
	hist_reset(&h);
	for (i = 0; i < 60; i++)
		hist_add(&h, 0.0);
	for (i = 0; i < 40; i++)
		hist_add(&h, 10.0);
	CHECK(hist_quantile(&h, 0.5) == 0.0);
	CHECK(hist_quantile(&h, 0.6) == 0.0);
	CHECK_NEAR(hist_quantile(&h, 0.61), 10.0, 10.0 * HIST_REL_ERR);

	/* Buckets tile the line: each upper bound is the next lower bound. */
	for (b = 1; b < HIST_NBUCKETS - 1; b++)
		CHECK(hist_bucket_hi(b) == hist_bucket_lo(b + 1));
	for (b = 1; b < HIST_NBUCKETS - 1; b += 97) {
		double mid = 0.5 * (hist_bucket_lo(b) + hist_bucket_hi(b));

		CHECK(hist_bucket_of(mid) == b);
		CHECK(hist_bucket_of(hist_bucket_lo(b)) == b);
	}
	/* Huge values land in the last bucket rather than out of bounds. */
	CHECK(hist_bucket_of(1e30) == HIST_NBUCKETS - 1);
	CHECK(hist_bucket_of(-1.0) == 0);
	CHECK_DONE();
}
