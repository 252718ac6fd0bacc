/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_patience.c — patience from censored waits: the Kaplan-Meier curve, exp
 * in closed form (events / exposure), lognormal and gamma by censored maximum
 * likelihood (GSL's Nelder-Mead simplex on log-scale parameters, GSL's erfc
 * and incomplete gamma for the survival), standard errors from the observed
 * information (a numeric Hessian), the family by AIC.
 */
#include "fit_patience.h"
#include "fit.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An abandonment at 0 minutes has no lognormal or gamma density: it counts as
 * half a second, the resolution of most exports. */
#define PAT_TMIN (0.5 / 60.0)
/* Two-parameter fits want this many observed patiences at least. */
#define PAT_MIN_EVENTS 10

void
fit_pat_init(struct fit_pat *pt)
{
	memset(pt, 0, sizeof *pt);
	pt->rng = 0x70617469656e6365ULL;   /* fixed: the same log gives the same sample */
}

void
fit_pat_free(struct fit_pat *pt)
{
	free(pt->sample);
	pt->sample = NULL;
}

int
fit_pat_add(struct fit_pat *pt, int abandoned, double wait)
{
	float v;
	long n;

	if (abandoned)
		pt->abandoned++;
	else
		pt->served++;
	if (wait < 0) {
		pt->no_wait++;
		return 0;
	}
	if (abandoned) {
		pt->events++;
		wait = wait < PAT_TMIN ? PAT_TMIN : wait;
	} else
		pt->censored++;
	pt->exposure += wait;
	v = abandoned ? (float)wait : -(float)wait;
	n = pt->events + pt->censored;
	/* Algorithm R, as fit_svc_add: each pair is in the sample with chance
	 * FIT_PAT_SAMPLE/n. */
	if (pt->nsample < FIT_PAT_SAMPLE) {
		if (pt->nsample == pt->cap) {
			size_t cap = pt->cap == 0 ? 1024 : pt->cap * 2;
			float *p;

			if (cap > FIT_PAT_SAMPLE)
				cap = FIT_PAT_SAMPLE;
			if ((p = realloc(pt->sample, cap * sizeof *p)) == NULL)
				return -1;
			pt->sample = p;
			pt->cap = cap;
		}
		pt->sample[pt->nsample++] = v;
	} else {
		long j = fit_reservoir_slot(&pt->rng, n, FIT_PAT_SAMPLE);

		if (j >= 0)
			pt->sample[j] = v;
	}
	return 0;
}

/* By time; at a tie events first, so the censored at t are still at risk at t. */
static int
cmp_pair(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b, ax = fabsf(x), ay = fabsf(y);

	if (ax != ay)
		return (ax > ay) - (ax < ay);
	return (signbit(x) != 0) - (signbit(y) != 0);
}

static void
sort_sample(struct fit_pat *pt)
{
	qsort(pt->sample, pt->nsample, sizeof *pt->sample, cmp_pair);
}

/* Walk the KM curve up to time t (t < 0: to where S first drops to 0.5). */
static double
km_walk(const struct fit_pat *pt, double t, double *se, double *median)
{
	double s = 1.0, gw = 0.0, at_risk = (double)pt->nsample;
	size_t i = 0;

	*median = -1;
	while (i < pt->nsample) {
		double ti = fabsf(pt->sample[i]), d = 0, c = 0;

		if (t >= 0 && ti > t)
			break;
		for (; i < pt->nsample && fabsf(pt->sample[i]) == ti; i++) {
			if (signbit(pt->sample[i]))
				c++;
			else
				d++;
		}
		if (d > 0) {
			s *= 1.0 - d / at_risk;
			if (at_risk > d)
				gw += d / (at_risk * (at_risk - d));
		}
		at_risk -= d + c;
		if (t < 0 && s <= 0.5) {
			*median = ti;
			break;
		}
	}
	if (se != NULL)
		*se = s * sqrt(gw);   /* Greenwood */
	return s;
}

double
fit_pat_km(struct fit_pat *pt, double t, double *se)
{
	double m;

	return km_walk(pt, t, se, &m);
}

double
fit_pat_km_median(struct fit_pat *pt)
{
	double m;

	km_walk(pt, -1, NULL, &m);
	return m;
}

void
fit_pat_exp(struct fit_pat *pt, struct fit_pfam *f)
{
	double d = 0, tot = 0;
	size_t i;

	memset(f, 0, sizeof *f);
	if (pt->events == 0 || !(pt->exposure > 0))
		return;
	f->ok = 1;
	/* The MLE over every row: events / exposure; its SE by the information d / lambda^2. */
	f->mean = pt->exposure / (double)pt->events;
	f->sd = f->mean;
	f->se_mean = f->mean / sqrt((double)pt->events);
	f->se_sd = f->se_mean;
	f->p1 = f->mean;
	f->se1 = f->se_mean;
	/* The likelihood over the sample, comparable with the other families'. */
	for (i = 0; i < pt->nsample; i++) {
		tot += fabsf(pt->sample[i]);
		d += !signbit(pt->sample[i]);
	}
	f->loglik = d > 0 && tot > 0 ? d * log(d / tot) - d : NAN;
	f->aic = 2.0 - 2.0 * f->loglik;
}

struct ll_ctx {
	const struct fit_pat *pt;
	int gamma;                /* 0: lognormal (mu, log sigma); 1: gamma (log k, log theta) */
};

/* log S(t) of the gamma: GSL's Q, or its asymptotic form where Q underflows. */
static double
gamma_log_sf(double k, double x, double lgk)
{
	gsl_sf_result r;

	if (gsl_sf_gamma_inc_Q_e(k, x, &r) == GSL_SUCCESS && r.val > 0)
		return log(r.val);
	return (k - 1.0) * log(x) - x - lgk;
}

/* Minus the censored log-likelihood: events add log f(t), censored log S(t). */
static double
negll(const gsl_vector *x, void *p)
{
	const struct ll_ctx *c = p;
	const struct fit_pat *pt = c->pt;
	double a = gsl_vector_get(x, 0), b = gsl_vector_get(x, 1), ll = 0, sg = exp(b);
	double k = exp(a), lgk = c->gamma ? gsl_sf_lngamma(k) : 0;
	size_t i;

	if (!isfinite(sg) || !isfinite(k) || sg <= 0 || k <= 0 || fabs(a) > 50 || fabs(b) > 50)
		return 1e300;
	for (i = 0; i < pt->nsample; i++) {
		double t = fabsf(pt->sample[i]);
		int cens = signbit(pt->sample[i]) != 0;

		if (cens && t <= 0)
			continue;                     /* S(0) = 1 */
		if (!c->gamma) {
			double lt = log(t), z = (lt - a) / sg;

			ll += cens ? log(0.5) + gsl_sf_log_erfc(z / M_SQRT2) :
			    -lt - b - 0.5 * log(2.0 * M_PI) - 0.5 * z * z;
		} else {
			double xx = t / sg;

			ll += cens ? gamma_log_sf(k, xx, lgk) :
			    (k - 1.0) * log(t) - xx - k * b - lgk;
		}
	}
	return isfinite(ll) ? -ll : 1e300;
}

/* The family's mean and SD in minutes at parameters x. */
static void
moments(int gamma, const double *x, double *mean, double *sd)
{
	if (!gamma) {
		double s2 = exp(2.0 * x[1]);

		*mean = exp(x[0] + s2 / 2.0);
		*sd = *mean * sqrt(expm1(s2));
	} else {
		double k = exp(x[0]), th = exp(x[1]);

		*mean = k * th;
		*sd = sqrt(k) * th;
	}
}

/* Nelder-Mead from x0; 0 with x the minimum, or -1. */
static int
minimise(struct ll_ctx *c, double x0[2], double *fmin)
{
	const gsl_multimin_fminimizer_type *T = gsl_multimin_fminimizer_nmsimplex2;
	gsl_multimin_fminimizer *m;
	gsl_multimin_function fn;
	gsl_vector *x, *step;
	int it, rc = -1;

	fn.n = 2;
	fn.f = negll;
	fn.params = c;
	x = gsl_vector_alloc(2);
	step = gsl_vector_alloc(2);
	m = gsl_multimin_fminimizer_alloc(T, 2);
	if (x == NULL || step == NULL || m == NULL)
		goto out;
	gsl_vector_set(x, 0, x0[0]);
	gsl_vector_set(x, 1, x0[1]);
	gsl_vector_set_all(step, 0.3);
	if (gsl_multimin_fminimizer_set(m, &fn, x, step) != GSL_SUCCESS)
		goto out;
	for (it = 0; it < 1000; it++) {
		if (gsl_multimin_fminimizer_iterate(m) != GSL_SUCCESS)
			break;
		if (gsl_multimin_test_size(gsl_multimin_fminimizer_size(m), 1e-5) == GSL_SUCCESS)
			break;
	}
	x0[0] = gsl_vector_get(m->x, 0);
	x0[1] = gsl_vector_get(m->x, 1);
	*fmin = m->fval;
	rc = *fmin < 1e299 ? 0 : -1;
out:
	gsl_multimin_fminimizer_free(m);
	gsl_vector_free(step);
	gsl_vector_free(x);
	return rc;
}

/* Standard errors of x from the observed information (the Hessian of negll by
 * central differences), and of the mean and SD by the delta method. */
static void
std_errors(struct ll_ctx *c, const double x[2], double f0, struct fit_pfam *f)
{
	const double h = 1e-3;
	gsl_vector *v = gsl_vector_alloc(2);
	double H[2][2], cov[2][2], det, g[2][2], m0, s0, xp[2];
	int i, j;

	f->se1 = f->se2 = f->se_mean = f->se_sd = NAN;
	if (v == NULL)
		return;
	for (i = 0; i < 2; i++)
		for (j = i; j < 2; j++) {
			double fpp, fpm, fmp, fmm;

			gsl_vector_set(v, 0, x[0] + h * (i == 0) + h * (j == 0));
			gsl_vector_set(v, 1, x[1] + h * (i == 1) + h * (j == 1));
			fpp = negll(v, c);
			gsl_vector_set(v, 0, x[0] + h * (i == 0) - h * (j == 0));
			gsl_vector_set(v, 1, x[1] + h * (i == 1) - h * (j == 1));
			fpm = negll(v, c);
			gsl_vector_set(v, 0, x[0] - h * (i == 0) + h * (j == 0));
			gsl_vector_set(v, 1, x[1] - h * (i == 1) + h * (j == 1));
			fmp = negll(v, c);
			gsl_vector_set(v, 0, x[0] - h * (i == 0) - h * (j == 0));
			gsl_vector_set(v, 1, x[1] - h * (i == 1) - h * (j == 1));
			fmm = negll(v, c);
			H[i][j] = H[j][i] = (fpp - fpm - fmp + fmm) / (4.0 * h * h);
		}
	gsl_vector_free(v);
	(void)f0;
	det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
	if (!(det > 0) || !(H[0][0] > 0))
		return;
	cov[0][0] = H[1][1] / det;
	cov[1][1] = H[0][0] / det;
	cov[0][1] = cov[1][0] = -H[0][1] / det;
	/* Parameters as printed: mu and sigma = e^b; k = e^a and theta = e^b. */
	f->se1 = c->gamma ? f->p1 * sqrt(cov[0][0]) : sqrt(cov[0][0]);
	f->se2 = f->p2 * sqrt(cov[1][1]);
	/* Delta method: g[i] = gradient of (mean, sd) along x[i]. */
	moments(c->gamma, x, &m0, &s0);
	for (i = 0; i < 2; i++) {
		xp[0] = x[0] + 1e-6 * (i == 0);
		xp[1] = x[1] + 1e-6 * (i == 1);
		moments(c->gamma, xp, &g[0][i], &g[1][i]);
		g[0][i] = (g[0][i] - m0) / 1e-6;
		g[1][i] = (g[1][i] - s0) / 1e-6;
	}
	f->se_mean = sqrt(g[0][0] * g[0][0] * cov[0][0] + 2 * g[0][0] * g[0][1] * cov[0][1] +
	    g[0][1] * g[0][1] * cov[1][1]);
	f->se_sd = sqrt(g[1][0] * g[1][0] * cov[0][0] + 2 * g[1][0] * g[1][1] * cov[0][1] +
	    g[1][1] * g[1][1] * cov[1][1]);
}

/* A start: log-moments of every wait as if all were observed, the scale
 * raised to the exp fit's mean (censoring hides the long patiences). */
static void
start_point(const struct fit_pat *pt, int gamma, double x[2])
{
	double sl = 0, sl2 = 0, n = 0, v, mean_exp;
	size_t i;

	for (i = 0; i < pt->nsample; i++) {
		double t = fabsf(pt->sample[i]);

		if (t <= 0)
			continue;
		sl += log(t);
		sl2 += log(t) * log(t);
		n++;
	}
	mean_exp = pt->exposure / (double)pt->events;
	v = n > 1 ? sl2 / n - (sl / n) * (sl / n) : 1.0;
	if (!(v > 1e-6))
		v = 1.0;
	if (!gamma) {
		x[1] = 0.5 * log(v);
		x[0] = log(mean_exp) - v / 2.0;
	} else {
		double k = 1.0 / v;               /* log-variance of a gamma is about 1/k */

		x[0] = log(k);
		x[1] = log(mean_exp / k);
	}
}

static void
fit_two(struct fit_pat *pt, int gamma, struct fit_pfam *f)
{
	struct ll_ctx c = { pt, gamma };
	gsl_error_handler_t *old;
	double x[2], fmin;
	long d = 0;
	size_t i;

	memset(f, 0, sizeof *f);
	for (i = 0; i < pt->nsample; i++)
		d += !signbit(pt->sample[i]);
	if (d < PAT_MIN_EVENTS)
		return;
	old = gsl_set_error_handler_off();
	start_point(pt, gamma, x);
	if (minimise(&c, x, &fmin) == 0) {
		f->ok = 1;
		f->loglik = -fmin;
		f->aic = 4.0 - 2.0 * f->loglik;
		f->p1 = gamma ? exp(x[0]) : x[0];
		f->p2 = exp(x[1]);
		moments(gamma, x, &f->mean, &f->sd);
		std_errors(&c, x, fmin, f);
		f->ok = isfinite(f->mean) && isfinite(f->sd) && f->mean > 0 && f->sd > 0;
	}
	gsl_set_error_handler(old);
}

void
fit_pat_lognormal(struct fit_pat *pt, struct fit_pfam *f)
{
	fit_two(pt, 0, f);
}

void
fit_pat_gamma(struct fit_pat *pt, struct fit_pfam *f)
{
	fit_two(pt, 1, f);
}

/* ---- printing ------------------------------------------------------------- */

/* Minutes as a scenario's time, plain decimals (as fit_print.c writes them). */
static void
minutes(double x, char *buf, size_t n)
{
	snprintf(buf, n, "%.5g", x);
	if (strchr(buf, 'e') != NULL)
		snprintf(buf, n, x >= 1 ? "%.0f" : "%.7f", x);
	strncat(buf, "min", n - strlen(buf) - 1);
}

/* The KM curve at a few times within the waits seen, and its median. */
static void
print_km(struct fit_pat *pt, FILE *out)
{
	static const double at[] = { 1, 2, 5, 10, 20, 30, 60 };
	double tmax = pt->nsample > 0 ? fabsf(pt->sample[pt->nsample - 1]) : 0, se, s, med;
	size_t i;

	/* One time a line: a scenario's lines hold at most 199 characters. */
	fprintf(out, "; Kaplan-Meier survival of patience (the share still waiting at t, had "
	    "nobody answered), Greenwood se:\n");
	for (i = 0; i < sizeof at / sizeof at[0] && at[i] <= tmax; i++) {
		s = fit_pat_km(pt, at[i], &se);
		fprintf(out, ";   S(%gmin) = %.4f (se %.4f)\n", at[i], s, se);
	}
	med = fit_pat_km_median(pt);
	if (med >= 0)
		fprintf(out, ";   median %.4gmin\n", med);
	else
		fprintf(out, ";   median not reached by the longest wait, %.4gmin\n", tmax);
}

static void
print_fams(const struct fit_pfam *ex, const struct fit_pfam *ln, const struct fit_pfam *ga,
    FILE *out)
{
	fprintf(out, "; exp: mean %.6g min (se %.3g = mean / sqrt(abandoned)); "
	    "log-likelihood %.10g; AIC %.10g\n", ex->mean, ex->se_mean, ex->loglik, ex->aic);
	if (ln->ok)
		fprintf(out, "; lognormal: mu %.6g (se %.3g), sigma %.6g (se %.3g); mean %.6g "
		    "min (se %.3g), sd %.6g min (se %.3g)\n; lognormal: log-likelihood %.10g; "
		    "AIC %.10g\n", ln->p1, ln->se1, ln->p2, ln->se2, ln->mean, ln->se_mean, ln->sd,
		    ln->se_sd, ln->loglik, ln->aic);
	else
		fprintf(out, "; lognormal: no fit (fewer than %d abandoned, or no optimum)\n",
		    PAT_MIN_EVENTS);
	if (ga->ok)
		fprintf(out, "; gamma: shape %.6g (se %.3g), scale %.6g min (se %.3g); mean %.6g "
		    "min (se %.3g), sd %.6g min (se %.3g)\n; gamma: log-likelihood %.10g; AIC "
		    "%.10g\n", ga->p1, ga->se1, ga->p2, ga->se2, ga->mean, ga->se_mean, ga->sd,
		    ga->se_sd, ga->loglik, ga->aic);
	else
		fprintf(out, "; gamma: no fit (fewer than %d abandoned, or no optimum)\n",
		    PAT_MIN_EVENTS);
}

void
fit_pat_print(struct fit_pat *pt, int has_cols, FILE *out)
{
	struct fit_pfam ex, ln, ga;
	const struct fit_pfam *best;
	long n = pt->events + pt->censored;
	char m[48], s[48];

	if (!has_cols)
		return;
	if (pt->abandoned == 0) {
		fprintf(out, "; none abandoned (%ld served): no patience\n", pt->served);
		return;
	}
	fprintf(out, "; patience: %ld of %ld rows abandoned (%.1f%%)", pt->abandoned,
	    pt->abandoned + pt->served,
	    100.0 * (double)pt->abandoned / (double)(pt->abandoned + pt->served));
	if (pt->no_wait > 0)
		fprintf(out, "; %ld rows without wait_min left out", pt->no_wait);
	fputc('\n', out);
	if (pt->events == 0) {
		fprintf(out, "; warning: no abandoned row has a wait_min; add patience = DIST "
		    "by hand\n");
		return;
	}
	fprintf(out, "; censored (served: patience longer than the wait): %ld of %ld, %.1f%%; "
	    "fitted by censored maximum likelihood\n", pt->censored, n,
	    100.0 * (double)pt->censored / (double)n);
	if (pt->nsample < (size_t)n)
		fprintf(out, "; lognormal, gamma and KM over a random sample of %zu of them (fixed "
		    "seed); exp over all\n", pt->nsample);
	if (pt->events < FIT_MIN_ROWS)
		fprintf(out, "; warning: only %ld abandoned rows (fewer than %d): the patience "
		    "is rough\n", pt->events, FIT_MIN_ROWS);
	sort_sample(pt);
	print_km(pt, out);
	fit_pat_exp(pt, &ex);
	fit_pat_lognormal(pt, &ln);
	fit_pat_gamma(pt, &ga);
	print_fams(&ex, &ln, &ga, out);
	best = &ex;
	if (ln.ok && isfinite(ln.aic) && !(ln.aic >= best->aic))
		best = &ln;
	if (ga.ok && isfinite(ga.aic) && !(ga.aic >= best->aic))
		best = &ga;
	fprintf(out, "; chosen: %s, the lowest AIC (2 x parameters - 2 x log-likelihood; exp "
	    "has 1 parameter, the others 2)\n", best == &ex ? "exp" : best == &ln ?
	    "lognormal" : "gamma");
	minutes(best->mean, m, sizeof m);
	if (best == &ex) {
		fprintf(out, "patience = exp(%s)\n", m);
		return;
	}
	minutes(best->sd, s, sizeof s);
	fprintf(out, "patience = %s(%s,%s)\n", best == &ln ? "lognormal" : "gamma", m, s);
}
