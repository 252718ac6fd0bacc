/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_dist.c — service times by maximum likelihood: a lognormal (closed form)
 * and a gamma (the shape from the digamma equation, by GSL's Brent root
 * finder), standard errors from the Fisher information, and the
 * Kolmogorov-Smirnov distance of each to a reservoir sample (GSL's CDFs).
 */
#include "fit.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_sf_psi.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
fit_svc_init(struct fit_svc *v)
{
	memset(v, 0, sizeof *v);
	v->rng = 0x636c696e69637121ULL;   /* fixed: the same log gives the same sample */
}

void
fit_svc_free(struct fit_svc *v)
{
	free(v->sample);
	v->sample = NULL;
}

/* splitmix64: enough for choosing a reservoir's slots. */
static uint64_t
next_u64(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long
fit_reservoir_slot(uint64_t *rng, long n, long cap)
{
	uint64_t j = next_u64(rng) % (uint64_t)n;

	return j < (uint64_t)cap ? (long)j : -1;
}

int
fit_svc_add(struct fit_svc *v, double x)
{
	double lx, d;

	if (!(x > 0)) {
		v->zeros++;
		return 0;
	}
	v->n++;
	v->sum += x;
	lx = log(x);
	v->sum_log += lx;
	d = lx - v->mean_log;
	v->mean_log += d / (double)v->n;
	v->m2_log += d * (lx - v->mean_log);
	d = x - v->mean_x;
	v->mean_x += d / (double)v->n;
	v->m2_x += d * (x - v->mean_x);
	/* Algorithm R: after n values each is in the sample with chance FIT_SAMPLE/n;
	 * the array grows by doubling up to FIT_SAMPLE. */
	if (v->nsample < FIT_SAMPLE) {
		if (v->nsample == v->cap) {
			size_t cap = v->cap == 0 ? 1024 : v->cap * 2;
			double *p;

			if (cap > FIT_SAMPLE)
				cap = FIT_SAMPLE;
			if ((p = realloc(v->sample, cap * sizeof *p)) == NULL)
				return -1;
			v->sample = p;
			v->cap = cap;
		}
		v->sample[v->nsample++] = x;
	} else {
		long j = fit_reservoir_slot(&v->rng, v->n, FIT_SAMPLE);

		if (j >= 0)
			v->sample[j] = x;
	}
	return 0;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* sup |F_n - F| over the sorted sample. */
static double
ks_distance(const struct fit_svc *v, int gamma, double p1, double p2)
{
	double d = 0, n = (double)v->nsample, F, a, b;
	size_t i;

	gsl_error_handler_t *old = gsl_set_error_handler_off();

	/* GSL's CDFs fail for extreme shapes (a nearly constant sample): the
	 * distance is then unknown (NAN), not an abort. */
	for (i = 0; i < v->nsample; i++) {
		F = gamma ? gsl_cdf_gamma_P(v->sample[i], p1, p2) :
		    gsl_cdf_lognormal_P(v->sample[i], p1, p2);
		if (!isfinite(F)) {
			d = NAN;
			break;
		}
		a = (double)(i + 1) / n - F;
		b = F - (double)i / n;
		if (a > d)
			d = a;
		if (b > d)
			d = b;
	}
	gsl_set_error_handler(old);
	return d;
}

static void
sort_sample(struct fit_svc *v)
{
	qsort(v->sample, v->nsample, sizeof *v->sample, cmp_double);
}

void
fit_lognormal(struct fit_svc *v, struct fit_family *f)
{
	double n = (double)v->n, mu, s2, s;

	memset(f, 0, sizeof *f);
	if (v->n < 2 || !(v->m2_log > 0))
		return;
	mu = v->mean_log;
	s2 = v->m2_log / n;               /* the MLE divides by n */
	s = sqrt(s2);
	f->ok = 1;
	f->p1 = mu;
	f->p2 = s;
	/* Fisher information per value: 1/s^2 for mu, 2/s^2 for sigma. */
	f->se1 = s / sqrt(n);
	f->se2 = s / sqrt(2.0 * n);
	f->loglik = -v->sum_log - n * log(s) - 0.5 * n * log(2.0 * M_PI) - 0.5 * n;
	f->mean = exp(mu + s2 / 2.0);
	f->sd = f->mean * sqrt(expm1(s2));
	sort_sample(v);
	f->ks = ks_distance(v, 0, mu, s);
}

/* log k - psi(k) - s: decreasing in k, from +inf to 0; its root is the shape. */
static double
shape_eq(double k, void *p)
{
	return log(k) - gsl_sf_psi(k) - *(double *)p;
}

void
fit_gamma(struct fit_svc *v, struct fit_family *f)
{
	const gsl_root_fsolver_type *T = gsl_root_fsolver_brent;
	gsl_root_fsolver *rs;
	gsl_function fn;
	gsl_error_handler_t *old;
	double n = (double)v->n, mean, s, lo, hi, k = 0, th, tri, det;
	int it, status;

	memset(f, 0, sizeof *f);
	if (v->n < 2)
		return;
	mean = v->sum / n;
	s = log(mean) - v->sum_log / n;   /* >= 0 by Jensen; 0 when all values are equal */
	if (!(s > 1e-12) || !isfinite(s))
		return;
	fn.function = shape_eq;
	fn.params = &s;
	/* Bracket the root by doubling and halving from 1. */
	for (hi = 1.0; shape_eq(hi, &s) > 0 && hi < 1e12; hi *= 2)
		;
	for (lo = 1.0; shape_eq(lo, &s) < 0 && lo > 1e-12; lo /= 2)
		;
	if (!(shape_eq(lo, &s) >= 0 && shape_eq(hi, &s) <= 0))
		return;
	old = gsl_set_error_handler_off();
	if ((rs = gsl_root_fsolver_alloc(T)) == NULL) {
		gsl_set_error_handler(old);
		return;
	}
	if (lo == hi || gsl_root_fsolver_set(rs, &fn, lo, hi) != GSL_SUCCESS)
		k = lo;
	else {
		for (it = 0; it < 200; it++) {
			if (gsl_root_fsolver_iterate(rs) != GSL_SUCCESS)
				break;
			k = gsl_root_fsolver_root(rs);
			lo = gsl_root_fsolver_x_lower(rs);
			hi = gsl_root_fsolver_x_upper(rs);
			status = gsl_root_test_interval(lo, hi, 0, 1e-12);
			if (status == GSL_SUCCESS)
				break;
		}
	}
	gsl_root_fsolver_free(rs);
	gsl_set_error_handler(old);
	if (!(k > 0) || !isfinite(k))
		return;
	th = mean / k;
	f->ok = 1;
	f->p1 = k;
	f->p2 = th;
	/* Fisher information per value [[psi'(k), 1/th], [1/th, k/th^2]], inverted. */
	tri = gsl_sf_psi_1(k);
	det = k * tri - 1.0;
	if (det > 0) {
		f->se1 = sqrt(k / (n * det));
		f->se2 = th * sqrt(tri / (n * det));
	} else
		f->se1 = f->se2 = NAN;
	f->loglik = (k - 1.0) * v->sum_log - v->sum / th - n * k * log(th) -
	    n * gsl_sf_lngamma(k);
	f->mean = k * th;
	f->sd = sqrt(k) * th;
	sort_sample(v);
	f->ks = ks_distance(v, 1, k, th);
}
