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

#include <math.h>
#include <pthread.h>
#include <string.h>

#define xoshiro_state rng_xoshiro_state
#define xoshiro_next rng_xoshiro_next

/* splitmix64 expands one 64-bit seed into well-mixed state words. */
#define splitmix64 rng_splitmix_next

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

static void
gsl_splitmix_set(void *state, unsigned long seed)
{
	*(uint64_t *)state = (uint64_t)seed;
}

static unsigned long
gsl_splitmix_get(void *state)
{
	return (unsigned long)(rng_splitmix_next(state) >> 32);
}

static double
gsl_splitmix_get_double(void *state)
{
	return (double)(rng_splitmix_next(state) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type splitmix_type = {
	"splitmix64",
	0xffffffffUL,
	0,
	sizeof(uint64_t),
	gsl_splitmix_set,
	gsl_splitmix_get,
	gsl_splitmix_get_double
};

const gsl_rng_type *rng_splitmix64 = &splitmix_type;

uint64_t
rng_hash(uint64_t h, const char *s)
{
	while (*s != '\0') {
		h ^= (unsigned char)*s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
rng_source_key(uint64_t seed, int rep, const char *kind, const char *name)
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
	return splitmix64(&x);
}


void
rng_stream_seed(gsl_rng *r, uint64_t seed, int rep, const char *kind,
    const char *name)
{
	xoshiro_seed64(r->state, rng_source_key(seed, rep, kind, name));
}

gsl_rng *
rng_stream(uint64_t seed, int rep, const char *kind, const char *name)
{
	gsl_rng *r;

	rng_init();
	r = gsl_rng_alloc(rng_xoshiro256pp);

	if (r != NULL)
		rng_stream_seed(r, seed, rep, kind, name);
	return r;
}

/* ---- ziggurat for Exp(1) ------------------------------------------------------ */

#define ZIG_R 7.69711747013104972      /* start of the tail */
#define ZIG_V 3.949659822581572e-3     /* area of each layer */
#define TWO53 9007199254740992.0

uint64_t rng_zig_k[256];
double rng_zig_w[256], rng_zig_f[256];
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;

/* Marsaglia & Tsang's set-up, with 53-bit rather than 32-bit uniforms. */
static void
zig_setup(void)
{
	double de = ZIG_R, te = ZIG_R, q = ZIG_V / exp(-ZIG_R);
	int i;

	rng_zig_k[0] = (uint64_t)((de / q) * TWO53);
	rng_zig_k[1] = 0;
	rng_zig_w[0] = q / TWO53;
	rng_zig_w[255] = de / TWO53;
	rng_zig_f[0] = 1.0;
	rng_zig_f[255] = exp(-de);
	for (i = 254; i >= 1; i--) {
		de = -log(ZIG_V / de + exp(-de));
		rng_zig_k[i + 1] = (uint64_t)((de / te) * TWO53);
		te = de;
		rng_zig_f[i] = exp(-de);
		rng_zig_w[i] = de / TWO53;
	}
}

void
rng_init(void)
{
	pthread_once(&zig_once, zig_setup);
}

static inline double
u01_open0(gsl_rng *r)
{
	return (double)((rng_next64(r) >> 11) + 1) * 0x1.0p-53;
}

double
rng_exp1_slow(gsl_rng *r, uint64_t x)
{
	for (;;) {
		uint64_t j = x >> 11;
		unsigned i = (unsigned)(x & 255);
		double v;

		if (j < rng_zig_k[i])
			return (double)j * rng_zig_w[i];
		if (i == 0)     /* the tail is an exponential shifted by R */
			return ZIG_R - log(u01_open0(r));
		v = (double)j * rng_zig_w[i];
		if (rng_zig_f[i] + u01_open0(r) * (rng_zig_f[i - 1] - rng_zig_f[i]) < exp(-v))
			return v;
		x = rng_next64(r);
	}
}
