/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_service.c — the honesty of a class's service fit: the sample mean
 * beside the fitted one, the Kolmogorov-Smirnov distance against its
 * critical value, a spike of very short services tested against a fit to
 * the longer ones (left-truncated maximum likelihood, GSL's Nelder-Mead), a
 * near-constant sample, and service_by_hour from a one-way ANOVA of log
 * service by hour of day of the start of service (GSL's F distribution).
 * doc/data.md gives the rules and their thresholds.
 */
#include "fit_service.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void
fit_service_init(struct fit_service *s)
{
	memset(s, 0, sizeof *s);
}

static void
moments_add(struct fit_moments *m, double x)
{
	double lx = log(x), d;

	m->n++;
	d = x - m->mean_x;
	m->mean_x += d / (double)m->n;
	m->m2_x += d * (x - m->mean_x);
	d = lx - m->mean_log;
	m->mean_log += d / (double)m->n;
	m->m2_log += d * (lx - m->mean_log);
	m->sum_log += lx;
}

/* The hour of day service started: started_at, else arrival + wait_min, else
 * (neither known) the arrival's: the engine applies the factor at the start. */
static int
start_hour(struct fit_service *s, const struct log_row *r)
{
	double m;

	if (r->has_start)
		m = r->start_minute;
	else if (r->wait >= 0)
		m = fmod(r->minute + r->wait, 1440.0);
	else {
		s->by_arrival++;
		return (int)(r->minute / 60.0) % 24;
	}
	s->by_start++;
	return (int)(m / 60.0) % 24;
}

int
fit_service_row(struct fit_service *s, const struct fit_opts *o, const struct log_row *r)
{
	double x = r->service;

	if (o->min_service > 0 && x < o->min_service) {
		s->left_out++;
		return 0;
	}
	if (x < FIT_SHORT_MIN)
		s->shorts++;
	else {
		moments_add(&s->longer, x);
		s->sum_longer += x;
	}
	if (x > 0)
		moments_add(&s->hour[start_hour(s, r)], x);
	return 1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
fit_service_constant(struct fit_svc *v, double *median, long *differ)
{
	size_t i, at = 0;
	double med;

	if (v->nsample == 0)
		return 0;
	qsort(v->sample, v->nsample, sizeof *v->sample, cmp_double);
	med = v->sample[v->nsample / 2];
	for (i = 0; i < v->nsample; i++)
		if (fabs(v->sample[i] - med) <= 1e-3 * med)
			at++;
	*median = med;
	*differ = (long)(v->nsample - at);
	return (double)at >= FIT_CONST_SHARE * (double)v->nsample;
}

void
fit_service_print_sample(const struct fit_svc *v, FILE *out)
{
	double sd = v->n > 1 ? sqrt(v->m2_x / (double)(v->n - 1)) : 0;

	fprintf(out, "; sample: mean %.4g min, SD %.4g min (se of the mean %.3g)\n",
	    v->mean_x, sd, sd / sqrt((double)v->n));
}

void
fit_service_print_mean(const struct fit_svc *v, const struct fit_family *best, FILE *out)
{
	double se = v->n > 1 ? sqrt(v->m2_x / (double)(v->n - 1) / (double)v->n) : 0;
	double d = best->mean - v->mean_x;

	if (!(se > 0) || fabs(d) <= FIT_MEAN_SE * se || fabs(d) <= FIT_MEAN_REL * v->mean_x)
		return;
	fprintf(out, "; warning: the chosen family's mean %.4g min is %.3g%% %s the sample "
	    "mean %.4g min (%.3g of its standard errors): the model's load will be off by "
	    "as much; see the KS distance and the short services\n", best->mean,
	    100 * fabs(d) / v->mean_x, d > 0 ? "above" : "below", v->mean_x, fabs(d) / se);
}

/* Kolmogorov's limiting distribution, P(D > d) for a sample of n, with
 * Stephens' small-sample correction of the argument. */
static double
kolmogorov_p(double d, double n)
{
	double sn = sqrt(n), lam = (sn + 0.12 + 0.11 / sn) * d, p = 0, t;
	int k;

	if (lam < 0.2)
		return 1.0;
	for (k = 1; k <= 100; k++) {
		t = 2.0 * exp(-2.0 * k * k * lam * lam);
		p += k % 2 ? t : -t;
		if (t < 1e-16)
			break;
	}
	return p < 0 ? 0 : p > 1 ? 1 : p;
}

void
fit_service_print_ks(const struct fit_family *best, size_t n, FILE *out)
{
	double crit = 1.36 / sqrt((double)n), p;

	if (!isfinite(best->ks) || n == 0)
		return;
	p = kolmogorov_p(best->ks, (double)n);
	if (p >= FIT_KS_P) {
		fprintf(out, "; KS distance %.4f is %.2g times its 5%% critical value 1.36/sqrt(%zu) "
		    "= %.4f (p %.2g)\n", best->ks, best->ks / crit, n, crit, p);
		return;
	}
	fprintf(out, "; warning: the KS distance %.4f is %.2g times its 5%% critical value "
	    "1.36/sqrt(%zu) = %.4f (Kolmogorov p %.2g < %g): the family does not fit; "
	    "look for mixed kinds of work or a spike of short services, or write "
	    "service = empirical(FILE.csv)\n", best->ks, best->ks / crit, n, crit, p, FIT_KS_P);
}

/* Left-truncated maximum likelihood: the services of FIT_SHORT_MIN or more
 * under a family's density over [t, inf). x = (mu, log sigma) or
 * (log k, log theta). */
struct trunc {
	const struct fit_service *s;
	int gamma;
};

static double
trunc_nll(const gsl_vector *x, void *params)
{
	const struct trunc *tr = params;
	const struct fit_moments *m = &tr->s->longer;
	double a = gsl_vector_get(x, 0), b = exp(gsl_vector_get(x, 1)), n = (double)m->n, q, nll;

	if (!(b > 1e-6 && b < 1e6) || (tr->gamma && !(a > -14 && a < 28)))
		return 1e300;
	if (tr->gamma) {
		double k = exp(a);

		q = gsl_cdf_gamma_Q(FIT_SHORT_MIN, k, b);
		nll = -(k - 1.0) * m->sum_log + tr->s->sum_longer / b + n * k * log(b) +
		    n * gsl_sf_lngamma(k);
	} else {
		double dm = m->mean_log - a;

		q = gsl_cdf_lognormal_Q(FIT_SHORT_MIN, a, b);
		nll = m->sum_log + n * log(b) + 0.5 * n * log(2.0 * M_PI) +
		    (m->m2_log + n * dm * dm) / (2.0 * b * b);
	}
	if (!(q > 0) || !isfinite(nll))
		return 1e300;
	return nll + n * log(q);
}

/* A family's share below FIT_SHORT_MIN and its mean at x. */
static double
share_below(int gamma, const double *x, double *mean)
{
	double b = exp(x[1]);

	if (gamma) {
		*mean = exp(x[0]) * b;
		return gsl_cdf_gamma_P(FIT_SHORT_MIN, exp(x[0]), b);
	}
	*mean = exp(x[0] + b * b / 2.0);
	return gsl_cdf_lognormal_P(FIT_SHORT_MIN, x[0], b);
}

static double
nll_at(struct trunc *tr, double a, double b)
{
	gsl_vector_view v;
	double x[2] = { a, b };

	v = gsl_vector_view_array(x, 2);
	return trunc_nll(&v.vector, tr);
}

/* The variance of the predicted share by the delta method: its gradient
 * over the inverse of the observed information (central differences). */
static double
share_variance(struct trunc *tr, const double *x)
{
	const double h = 1e-3;
	double H[2][2], g[2], xp[2], xm[2], m, det, f0 = nll_at(tr, x[0], x[1]);
	int i;

	H[0][0] = (nll_at(tr, x[0] + h, x[1]) - 2 * f0 + nll_at(tr, x[0] - h, x[1])) / (h * h);
	H[1][1] = (nll_at(tr, x[0], x[1] + h) - 2 * f0 + nll_at(tr, x[0], x[1] - h)) / (h * h);
	H[0][1] = (nll_at(tr, x[0] + h, x[1] + h) - nll_at(tr, x[0] + h, x[1] - h) -
	    nll_at(tr, x[0] - h, x[1] + h) + nll_at(tr, x[0] - h, x[1] - h)) / (4 * h * h);
	for (i = 0; i < 2; i++) {
		xp[0] = xm[0] = x[0];
		xp[1] = xm[1] = x[1];
		xp[i] += h;
		xm[i] -= h;
		g[i] = (share_below(tr->gamma, xp, &m) - share_below(tr->gamma, xm, &m)) / (2 * h);
	}
	det = H[0][0] * H[1][1] - H[0][1] * H[0][1];
	if (!(det > 0) || !(H[0][0] > 0))
		return NAN;
	return (g[0] * g[0] * H[1][1] - 2 * g[0] * g[1] * H[0][1] + g[1] * g[1] * H[0][0]) / det;
}

struct trunc_fit {
	double nll;               /* INFINITY: no fit */
	double p0, var_p0;        /* the share below FIT_SHORT_MIN, its variance */
	double mean;
};

/* Fit one family to the longer services by Nelder-Mead from the
 * untruncated fit. */
static void
trunc_fit(const struct fit_service *s, int gamma, struct trunc_fit *r)
{
	const struct fit_moments *m = &s->longer;
	gsl_multimin_fminimizer *mz;
	gsl_multimin_function fn;
	gsl_vector *x, *step;
	struct trunc tr = { s, gamma };
	double n = (double)m->n, sl = log(s->sum_longer / n) - m->sum_log / n, xs[2];
	int it;

	r->nll = INFINITY;
	x = gsl_vector_alloc(2);
	step = gsl_vector_alloc(2);
	mz = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, 2);
	if (x == NULL || step == NULL || mz == NULL || !(m->m2_log > 0) || !(sl > 0))
		goto out;
	if (gamma) {
		/* Minka's approximation of the shape's maximum likelihood. */
		double k = (3.0 - sl + sqrt((sl - 3.0) * (sl - 3.0) + 24.0 * sl)) / (12.0 * sl);

		gsl_vector_set(x, 0, log(k));
		gsl_vector_set(x, 1, log(s->sum_longer / n / k));
	} else {
		gsl_vector_set(x, 0, m->mean_log);
		gsl_vector_set(x, 1, 0.5 * log(m->m2_log / n));
	}
	gsl_vector_set_all(step, 0.1);
	fn.n = 2;
	fn.f = trunc_nll;
	fn.params = &tr;
	if (gsl_multimin_fminimizer_set(mz, &fn, x, step) != GSL_SUCCESS)
		goto out;
	for (it = 0; it < 1000; it++)
		if (gsl_multimin_fminimizer_iterate(mz) != GSL_SUCCESS ||
		    gsl_multimin_test_size(gsl_multimin_fminimizer_size(mz), 1e-9) == GSL_SUCCESS)
			break;
	xs[0] = gsl_vector_get(gsl_multimin_fminimizer_x(mz), 0);
	xs[1] = gsl_vector_get(gsl_multimin_fminimizer_x(mz), 1);
	r->p0 = share_below(gamma, xs, &r->mean);
	r->var_p0 = share_variance(&tr, xs);
	r->nll = gsl_multimin_fminimizer_minimum(mz);
	if (!(r->nll < 1e299) || !isfinite(r->p0) || !isfinite(r->mean))
		r->nll = INFINITY;
out:
	gsl_multimin_fminimizer_free(mz);
	gsl_vector_free(step);
	gsl_vector_free(x);
}

/* P(as many short services or more) with no spike: the binomial tail at the
 * predicted share, and a normal one whose variance adds the prediction's own
 * (N^2 var p0); the larger, since p0 is an estimate. */
static double
spike_p(long k, long N, const struct trunc_fit *f)
{
	double pb, pz = 0, v;

	if (!(f->p0 > 0))
		return k > 0 ? 0 : 1;
	pb = gsl_cdf_binomial_Q((unsigned)(k - 1), f->p0, (unsigned)N);
	v = (double)N * f->p0 * (1 - f->p0) + (double)N * (double)N * f->var_p0;
	if (isfinite(v) && v > 0)
		pz = gsl_cdf_ugaussian_Q(((double)k - (double)N * f->p0) / sqrt(v));
	return pb > pz ? pb : pz;
}

void
fit_service_print_short(const struct fit_service *s, const struct fit_opts *o, FILE *out)
{
	gsl_error_handler_t *old;
	struct trunc_fit ln, ga;
	const struct trunc_fit *f;
	long N = s->shorts + s->longer.n;
	double share, pv, se;

	if (s->left_out > 0)
		fprintf(out, "; %ld services under %.4g s left out of the fit (--min-service); "
		    "they still count as arrivals\n", s->left_out, o->min_service * 60);
	if (s->shorts == 0 || s->longer.n < FIT_MIN_ROWS)
		return;
	old = gsl_set_error_handler_off();
	trunc_fit(s, 0, &ln);
	trunc_fit(s, 1, &ga);
	gsl_set_error_handler(old);
	if (!isfinite(ln.nll) && !isfinite(ga.nll))
		return;
	f = ln.nll <= ga.nll ? &ln : &ga;
	share = (double)s->shorts / (double)N;
	pv = spike_p(s->shorts, N, f);
	se = isfinite(f->var_p0) ? sqrt(f->var_p0) : NAN;
	fprintf(out, "; %ld of %ld services (%.3g%%) are under 10 s; the %s fitted to the "
	    "%ld of 10 s or more (left-truncated) puts %.3g%% (se %.2g%%) there, mean %.4g "
	    "min (p %.2g)\n", s->shorts, N, 100 * share, f == &ga ? "gamma" : "lognormal",
	    s->longer.n, 100 * f->p0, 100 * se, f->mean, pv);
	if (pv < FIT_SPIKE_P && share >= f->p0 + FIT_SPIKE_EXCESS && share >= 2 * f->p0)
		fprintf(out, "; warning: a spike of very short services (%ld under 10 s, %.3g "
		    "expected): calls cut off or records closed at once pull the fit; if they "
		    "are not work, leave them out with --min-service 10s\n", s->shorts,
		    f->p0 * (double)N);
}

void
fit_service_hours(struct fit_service *s)
{
	double n = 0, sum = 0, grand, ssb = 0, ssw = 0, mean, cv2;
	int h;

	s->groups = 0;
	for (h = 0; h < 24; h++) {
		const struct fit_moments *m = &s->hour[h];

		n += (double)m->n;
		sum += (double)m->n * m->mean_x;
		if (m->n >= FIT_HOUR_MIN)
			s->groups++;
	}
	s->write_by_hour = 0;
	if (s->groups < 2 || !(n > 0))
		return;
	mean = sum / n;
	/* The ANOVA over the hours with enough rows; log service, in which the
	 * engine's factor is a shift and the spread is the same at every hour. */
	n = grand = 0;
	for (h = 0; h < 24; h++)
		if (s->hour[h].n >= FIT_HOUR_MIN) {
			n += (double)s->hour[h].n;
			grand += s->hour[h].sum_log;
		}
	grand /= n;
	for (h = 0; h < 24; h++) {
		const struct fit_moments *m = &s->hour[h];

		s->factor[h] = s->se[h] = 0;
		if (m->n < FIT_HOUR_MIN)
			continue;
		ssb += (double)m->n * (m->mean_log - grand) * (m->mean_log - grand);
		ssw += m->m2_log;
		s->factor[h] = m->mean_x / mean;
		/* The ratio's delta-method se, the hour's and the overall mean's
		 * errors taken as independent. */
		cv2 = m->m2_x / (double)(m->n - 1) / (m->mean_x * m->mean_x);
		s->se[h] = s->factor[h] * sqrt(cv2 / (double)m->n + cv2 / n);
	}
	s->df1 = s->groups - 1;
	s->df2 = (long)n - s->groups;
	if (!(ssw > 0) || s->df2 < 1)
		return;
	s->F = (ssb / (double)s->df1) / (ssw / (double)s->df2);
	s->p = gsl_cdf_fdist_Q(s->F, (double)s->df1, (double)s->df2);
	s->write_by_hour = s->p < FIT_HOUR_P;
}

void
fit_service_print_hours(const struct fit_service *s, FILE *out)
{
	const char *by = s->by_arrival == 0 ? "of the start of service" : s->by_start == 0 ?
	    "of arrival (the log has neither wait_min nor started_at)" :
	    "of the start of service (of arrival where the wait is unknown)";

	if (s->groups < 2) {
		fprintf(out, "; service by hour %s: fewer than 2 hours with %d rows, not "
		    "tested\n", by, FIT_HOUR_MIN);
		return;
	}
	fprintf(out, "; service by hour %s: one-way ANOVA of log service over the %d "
	    "hours with %d rows or more: F %.4g on %ld and %ld df, p %.2g\n", by, s->groups,
	    FIT_HOUR_MIN, s->F, s->df1, s->df2, s->p);
	if (!s->write_by_hour) {
		if (!(s->p < FIT_HOUR_P))
			fprintf(out, "; the mean service is flat by hour of day (p >= %g): no "
			    "service_by_hour\n", FIT_HOUR_P);
		return;
	}
	fprintf(out, "service_by_hour = %s\n", s->pattern);
}

void
fit_service_print_pattern(const struct fit_service *s, const char *name, FILE *out)
{
	int h;

	if (!s->write_by_hour)
		return;
	fprintf(out, "\n[pattern %s]\n; service_by_hour of [class %s]: the mean service "
	    "starting in each hour of day over the class's mean (hours with fewer than %d "
	    "rows are not named and weigh 1); se by the delta method\n", s->pattern, name,
	    FIT_HOUR_MIN);
	for (h = 0; h < 24; h++)
		if (s->factor[h] > 0)
			fprintf(out, "weight = all %02d:00-%02d:00 %.4f  ; %ld rows, mean %.4g "
			    "min, se %.2g\n", h, h + 1, s->factor[h] < 1e-4 ? 1e-4 : s->factor[h],
			    s->hour[h].n, s->hour[h].mean_x, s->se[h]);
}
