/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dist_sample.h — one draw from a distribution of the scenario (the engine's
 * hot path: the parameters are derived once by dist_init).
 */
#ifndef CQ_DIST_SAMPLE_H
#define CQ_DIST_SAMPLE_H

#include <gsl/gsl_rng.h>

#include "scenario/dist.h"

/* Draw one value; times are never negative. */
double dist_sample(const struct dist *d, gsl_rng *r);
/* The inverse distribution function of triangular or empirical d at u in [0,1). */
double dist_inverse(const struct dist *d, double u);

#endif
