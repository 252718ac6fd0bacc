/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dist_sample.c — drawing from a scenario's distribution, for the engine:
 * GSL's samplers with the parameters dist_init() derived, and the ziggurat
 * Exp(1) of rng.h.  Separate from dist.c (what a distribution is, its moments,
 * its syntax) so that the scenario layer needs nothing of the engine.
 */
#include "dist_sample.h"

#include <gsl/gsl_randist.h>

#include "rng.h"

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
	}
	return 0.0;
}
