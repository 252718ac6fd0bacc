/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rng.c — xoshiro256++ (Blackman & Vigna, 2019) as a gsl_rng_type.
 *
 * GSL's own generators are fine but slower through the generic interface for our
 * hot path; a custom type keeps GSL's distributions and gives a 2^256 period.
 * Streams are seeded by hashing (seed, replication, source) through splitmix64,
 * so streams for different sources are statistically independent in practice.
 */
#include "rng.h"

#include <string.h>

struct xoshiro_state {
	uint64_t s[4];
};

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* One step of xoshiro256++. */
static inline uint64_t
xoshiro_next(struct xoshiro_state *st)
{
	uint64_t *s = st->s;
	uint64_t result = rotl(s[0] + s[3], 23) + s[0];
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* splitmix64: expands one 64-bit seed into well-mixed state words. */
static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
xoshiro_seed64(struct xoshiro_state *st, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++)
		st->s[i] = splitmix64(&x);
	if ((st->s[0] | st->s[1] | st->s[2] | st->s[3]) == 0)
		st->s[0] = 1;   /* the all-zero state is a fixed point */
}

static void
gsl_xoshiro_set(void *state, unsigned long seed)
{
	xoshiro_seed64(state, (uint64_t)seed);
}

/* GSL wants values in [min, max]: we give the top 32 bits. */
static unsigned long
gsl_xoshiro_get(void *state)
{
	return (unsigned long)(xoshiro_next(state) >> 32);
}

/* 53 random bits in [0, 1), as GSL's uniform expects. */
static double
gsl_xoshiro_get_double(void *state)
{
	return (double)(xoshiro_next(state) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type xoshiro_type = {
	"xoshiro256++",
	0xffffffffUL,
	0,
	sizeof(struct xoshiro_state),
	gsl_xoshiro_set,
	gsl_xoshiro_get,
	gsl_xoshiro_get_double
};

const gsl_rng_type *rng_xoshiro256pp = &xoshiro_type;

uint64_t
rng_hash(uint64_t h, const char *s)
{
	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
rng_stream_seed(gsl_rng *r, uint64_t seed, int rep, const char *kind,
    const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL, x;

	h = rng_hash(h, kind);
	h = rng_hash(h, ":");
	h = rng_hash(h, name);
	/* Mix the three parts through splitmix so that nearby seeds and
	 * replications give unrelated streams. */
	x = seed;
	x = splitmix64(&x) ^ h;
	x = splitmix64(&x) ^ (uint64_t)(unsigned)rep * 0xd1b54a32d192ed03ULL;
	xoshiro_seed64(r->state, splitmix64(&x));
}

gsl_rng *
rng_stream(uint64_t seed, int rep, const char *kind, const char *name)
{
	gsl_rng *r = gsl_rng_alloc(rng_xoshiro256pp);

	if (r != NULL)
		rng_stream_seed(r, seed, rep, kind, name);
	return r;
}
