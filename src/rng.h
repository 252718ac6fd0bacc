/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rng.h — random streams: xoshiro256++ as a GSL generator type, seeded per
 * (seed, replication, source) so that every source of randomness has its own
 * stream (common random numbers across rosters, SPEC 3.5).
 *
 * Distributions are drawn with GSL's gsl_ran_* on these generators.
 */
#ifndef CQ_RNG_H
#define CQ_RNG_H

#include <gsl/gsl_rng.h>
#include <stdint.h>

extern const gsl_rng_type *rng_xoshiro256pp;

/* A new generator for source "KIND:NAME" of replication rep; NULL on ENOMEM.
 * Free with gsl_rng_free(). */
gsl_rng *rng_stream(uint64_t seed, int rep, const char *kind, const char *name);
/* Reseed an existing xoshiro generator the same way. */
void rng_stream_seed(gsl_rng *r, uint64_t seed, int rep, const char *kind,
    const char *name);
/* 64-bit FNV-1a of a string, chained from h. */
uint64_t rng_hash(uint64_t h, const char *s);

#endif
