/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_rng.c — streams are reproducible, distinct per source and replication,
 * and uniform enough for GSL's distributions. */
#include <gsl/gsl_randist.h>
#include <string.h>

#include "check.h"
#include "engine/rng.h"

int
main(void)
{
	gsl_rng *a = rng_stream(42, 0, "arrivals", "portal");
	gsl_rng *b = rng_stream(42, 0, "arrivals", "portal");
	gsl_rng *c = rng_stream(42, 1, "arrivals", "portal");
	gsl_rng *d = rng_stream(42, 0, "service", "portal");
	gsl_rng *e = rng_stream(43, 0, "arrivals", "portal");
	double sum = 0.0, sum2 = 0.0, esum = 0.0;
	int i, same = 1, diff_c = 0, diff_d = 0, diff_e = 0;
	const int n = 1000000;

	CHECK(a && b && c && d && e);
	for (i = 0; i < 1000; i++) {
		double x = gsl_rng_uniform(a), y = gsl_rng_uniform(b);

		same &= x == y;
		diff_c += x != gsl_rng_uniform(c);
		diff_d += x != gsl_rng_uniform(d);
		diff_e += x != gsl_rng_uniform(e);
	}
	CHECK(same);
	CHECK(diff_c == 1000 && diff_d == 1000 && diff_e == 1000);
	/* Mean 1/2 and variance 1/12: with n = 1e6, 5 standard errors are ~0.0015. */
	for (i = 0; i < n; i++) {
		double u = gsl_rng_uniform(a);

		CHECK(u >= 0.0 && u < 1.0);
		sum += u;
		sum2 += u * u;
		esum += gsl_ran_exponential(b, 2.0);
	}
	CHECK_NEAR(sum / n, 0.5, 5 * sqrt(1.0 / 12 / n));
	CHECK_NEAR(sum2 / n - (sum / n) * (sum / n), 1.0 / 12, 0.001);
	/* Exp(mean 2): standard error of the mean is 2/sqrt(n). */
	CHECK_NEAR(esum / n, 2.0, 5 * 2.0 / sqrt(n));
	CHECK(strcmp(gsl_rng_name(a), "xoshiro256++") == 0);

	/* The ziggurat Exp(1): moments and tail probabilities P(X > x) = e^-x,
	 * each within 5 standard errors for n = 4e6 (binomial SE sqrt(p(1-p)/n));
	 * x = 7.7 and 9 probe the base strip's tail past R = 7.697. */
	{
		const double xs[] = { 0.01, 0.1, 0.5, 1.0, 2.0, 3.0, 5.0, 7.7, 9.0 };
		const int nx = sizeof xs / sizeof xs[0], m = 4000000;
		long above[sizeof xs / sizeof xs[0]] = { 0 };
		double s1 = 0.0, s2 = 0.0, dmax = 0.0;
		static long bins[1000];
		long cum = 0;
		int k;

		for (i = 0; i < m; i++) {
			double x = rng_exp1(c);

			CHECK(x >= 0.0);
			s1 += x;
			s2 += x * x;
			for (k = 0; k < nx; k++)
				above[k] += x > xs[k];
			if (x < 10.0)
				bins[(int)(x * 100)]++;
		}
		CHECK_NEAR(s1 / m, 1.0, 5 * 1.0 / sqrt(m));
		/* Var = 1; the SE of the second moment is sqrt(20)/sqrt(m). */
		CHECK_NEAR(s2 / m, 2.0, 5 * sqrt(20.0 / m));
		for (k = 0; k < nx; k++) {
			double p = exp(-xs[k]);

			CHECK_NEAR((double)above[k] / m, p, 5 * sqrt(p * (1 - p) / m) + 1e-7);
		}
		/* Kolmogorov-Smirnov on a 0.01 grid: D < 1.95/sqrt(m) is the 0.1% level. */
		for (k = 0; k < 1000; k++) {
			double gap;

			cum += bins[k];
			gap = fabs((double)cum / m - (1.0 - exp(-(k + 1) / 100.0)));
			if (gap > dmax)
				dmax = gap;
		}
		CHECK(dmax < 1.95 / sqrt(m));
	}
	/* Per-item substreams (SplitMix64): reproducible from their key, distinct
	 * for neighbouring keys, and Exp(1) and uniform moments right. */
	{
		struct rng_local l1, l2;
		double u = 0.0, x = 0.0;
		const int m = 1000000;

		rng_local_seed(&l1, rng_child_key(42, 7));
		rng_local_seed(&l2, rng_child_key(42, 7));
		CHECK(gsl_rng_uniform(rng_local_gen(&l1)) == gsl_rng_uniform(rng_local_gen(&l2)));
		rng_local_seed(&l2, rng_child_key(42, 8));
		CHECK(gsl_rng_uniform(&l1.r) != gsl_rng_uniform(rng_local_gen(&l2)));
		for (i = 0; i < m; i++) {
			u += gsl_rng_uniform(&l1.r);
			x += rng_exp1(&l2.r);
		}
		CHECK_NEAR(u / m, 0.5, 5 * sqrt(1.0 / 12 / m));
		CHECK_NEAR(x / m, 1.0, 5 / sqrt(m));
	}
	gsl_rng_free(a);
	gsl_rng_free(b);
	gsl_rng_free(c);
	gsl_rng_free(d);
	gsl_rng_free(e);
	CHECK_DONE();
}
