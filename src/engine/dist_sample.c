/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dist_sample.c — drawing from a scenario's distribution, for the engine:
 * GSL's samplers with the parameters dist_init() derived, and the ziggurat
 * Exp(1) of rng.h.  Separate from dist.c (what a distribution is, its moments,
 * its syntax) so that the scenario layer needs nothing of the engine.
 * triangular and empirical have no GSL sampler: one uniform through the
 * inverse of the distribution function (dist_inverse).
 */
#include "dist_sample.h"

#include <gsl/gsl_randist.h>
#include <math.h>

#include "rng.h"

/* The inverse distribution function of a triangular or empirical distribution
 * at u in [0,1).  Empirical: with sorted values x_0..x_n-1, position
 * p = (n-1)u, i = floor(p), x_i + (p - i)(x_i+1 - x_i); one value is a constant. */
double
dist_inverse(const struct dist *d, double u)
{
	const struct dist_emp *e;
	double pos;
	size_t i;

	if (d->kind == DIST_TRIANGULAR) {
		if (u < d->p1)
			return d->a + sqrt(u * (d->c - d->a) * (d->b - d->a));
		return d->c - sqrt((1.0 - u) * (d->c - d->a) * (d->c - d->b));
	}
	e = d->emp;
	if (e->n == 1)
		return e->x[0];
	pos = (double)(e->n - 1) * u;
	i = (size_t)pos;
	if (i > e->n - 2)       /* u rounds to 1 only by misuse; stay inside */
		i = e->n - 2;
	return e->x[i] + (pos - (double)i) * (e->x[i + 1] - e->x[i]);
}

/* Draw one value; times are never negative. */
double
dist_sample(const struct dist *d, gsl_rng *r)
{
	double x;

	switch (d->kind) {
	case DIST_NONE:
		return 0.0;
	case DIST_EXP:
		return d->a * rng_exp1(r);
	case DIST_CONST:
		return d->a;
	case DIST_UNIFORM:
		return d->a + (d->b - d->a) * gsl_rng_uniform(r);
	case DIST_LOGNORMAL:
		if (d->b == 0)
			return d->a;
		return gsl_ran_lognormal(r, d->p1, d->p2);
	case DIST_GAMMA:
		if (d->b == 0)
			return d->a;
		return gsl_ran_gamma(r, d->p1, d->p2);
	case DIST_NORMAL:
		if (d->b == 0)
			return d->a;
		do
			x = d->a + gsl_ran_gaussian(r, d->b);
		while (d->is_time && x < 0);
		return x;
	case DIST_BETA:
		return gsl_ran_beta(r, d->a, d->b);
	case DIST_TRIANGULAR:
	case DIST_EMPIRICAL:
		return dist_inverse(d, gsl_rng_uniform(r));
	}
	return 0.0;
}
