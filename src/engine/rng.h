/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rng.h — random streams: xoshiro256++ as a GSL generator type, seeded per
 * (seed, replication, source) so that every source of randomness has its own
 * stream (common random numbers across rosters, doc/model.md).
 *
 * Distributions are drawn with GSL's gsl_ran_* on these generators.
 */
#ifndef CQ_RNG_H
#define CQ_RNG_H

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdint.h>

extern const gsl_rng_type *rng_xoshiro256pp;
/* SplitMix64 (Steele, Lea & Flood, 2014): one 64-bit word of state, so seeding
 * is a store; used for the short per-item substreams (struct rng_local). */
extern const gsl_rng_type *rng_splitmix64;

static inline uint64_t
rng_splitmix_next(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

struct rng_xoshiro_state {
	uint64_t s[4];
};

/* One step of xoshiro256++ (Blackman & Vigna, 2019). */
static inline uint64_t
rng_xoshiro_next(struct rng_xoshiro_state *st)
{
	uint64_t *s = st->s;
	uint64_t result = ((s[0] + s[3]) << 23 | (s[0] + s[3]) >> 41) + s[0];
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = s[3] << 45 | s[3] >> 19;
	return result;
}

/* Ziggurat tables for Exp(1) (Marsaglia & Tsang, 2000), 256 layers, scaled to
 * 53-bit uniforms; filled once by rng_init(). */
extern uint64_t rng_zig_k[256];
extern double rng_zig_w[256], rng_zig_f[256];
/* Fill the tables; idempotent and thread-safe (pthread_once). */
void rng_init(void);
/* The rare path of the ziggurat: the base strip or a wedge. */
double rng_exp1_slow(gsl_rng *r, uint64_t x);

/* 64 random bits from one of our generators (r->type must be one of them). */
static inline uint64_t
rng_next64(gsl_rng *r)
{
	if (r->type == rng_splitmix64)
		return rng_splitmix_next((uint64_t *)r->state);
	return rng_xoshiro_next((struct rng_xoshiro_state *)r->state);
}

/* The ziggurat's common case for the word x: ~99% of draws end here, with
 * *v, a table compare and a multiply; otherwise (0) rng_exp1_slow goes on. */
static inline int
rng_zig_fast(uint64_t x, double *v)
{
	uint64_t j = x >> 11;           /* 53 bits for the abscissa */
	unsigned i = (unsigned)(x & 255);  /* 8 independent bits for the layer */

	*v = (double)j * rng_zig_w[i];
	return j < rng_zig_k[i];
}

/* Exp(1) from the word x, drawing on from r in the rare case. */
static inline double
rng_zig_exp1(gsl_rng *r, uint64_t x)
{
	double v;

	return rng_zig_fast(x, &v) ? v : rng_exp1_slow(r, x);
}

/* An Exp(1) draw.  The hot path of the engine (every arrival and most service
 * times): on our generator a ziggurat, exact in distribution.  Other generators
 * use GSL. */
static inline double
rng_exp1(gsl_rng *r)
{
	if (r->type == rng_xoshiro256pp || r->type == rng_splitmix64)
		return rng_zig_exp1(r, rng_next64(r));
	return -log1p(-gsl_rng_uniform(r));
}

/* The same draw from a generator known to be rng_xoshiro256pp (a source's
 * stream): the engine's arrivals skip the test of the generator's type. */
static inline double
rng_xoshiro_exp1(gsl_rng *r)
{
	return rng_zig_exp1(r, rng_xoshiro_next((struct rng_xoshiro_state *)r->state));
}

/* A generator on the stack for one item's draws: every item (and the call-backs
 * it causes) draws from its own substream, keyed by (seed, replication, stream,
 * arrival index), so its service time, acuity, patience and call outcomes are
 * the same whatever the roster or the order in which people reach it. */
struct rng_local {
	gsl_rng r;
	uint64_t st;
};

/* Seed l from key.  rng_local_exp1 draws from it as it is; GSL's
 * distributions take it through rng_local_gen. */
static inline void
rng_local_seed(struct rng_local *l, uint64_t key)
{
	l->st = key;
}

/* l as a gsl_rng, drawing on from where it stands (pointing l->r at l->st is
 * left to here: most items never need it). */
static inline gsl_rng *
rng_local_gen(struct rng_local *l)
{
	l->r.type = rng_splitmix64;
	l->r.state = &l->st;
	return &l->r;
}

/* Exp(1) from an item's substream: the same numbers as
 * rng_exp1(rng_local_gen(l)). */
static inline double
rng_local_exp1(struct rng_local *l)
{
	uint64_t x = rng_splitmix_next(&l->st);
	double v;

	return rng_zig_fast(x, &v) ? v : rng_exp1_slow(rng_local_gen(l), x);
}

/* The 64-bit key of a source: the same hash rng_stream() seeds from. */
uint64_t rng_source_key(uint64_t seed, int rep, const char *kind, const char *name);
/* The key of child k of key (arrival k of a stream, the call-back of an item). */
static inline uint64_t
rng_child_key(uint64_t key, uint64_t k)
{
	uint64_t x = key ^ (k * 0xd1b54a32d192ed03ULL);

	return rng_splitmix_next(&x);
}
/* A new generator for source "KIND:NAME" of replication rep; NULL on ENOMEM.
 * Free with gsl_rng_free(). */
gsl_rng *rng_stream(uint64_t seed, int rep, const char *kind, const char *name);
/* Reseed an existing xoshiro generator the same way. */
void rng_stream_seed(gsl_rng *r, uint64_t seed, int rep, const char *kind,
    const char *name);
/* 64-bit FNV-1a of a string, chained from h. */
uint64_t rng_hash(uint64_t h, const char *s);

#endif
