/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_erl.c — Erlang C and Erlang A against closed forms and independent sums. */
#include "measure/erl.h"

#include <math.h>

#include "check.h"

/* Relative tolerance check, for values that span many magnitudes. */
#define CHECK_REL(got, want, rel) CHECK_NEAR((got), (want), (rel) * fabs((double)(want)))

/* Erlang C straight from its definition, sum of a^k/k!, in long double: no
 * recursion shared with erl.c, so agreement means both are right. */
static double
direct_erl_c(int c, double a)
{
	long double term = 1.0L, sum = 0.0L, top;
	int k;

	for (k = 0; k < c; k++) {
		sum += term;              /* term = a^k / k! */
		term = term * a / (k + 1);
	}
	top = term * c / (c - (long double)a);  /* a^c/c! * c/(c-a) */
	return (double)(top / (sum + top));
}

/* Erlang A for c = 1 by storing the whole truncated distribution: death rate
 * mu + (n-1) theta in state n >= 1. */
static void
direct_erl_a1(double lambda, double mu, double theta, double *pa, double *w, double *pw)
{
	long double p = 1.0L, sum = 1.0L, busy = 0.0L, queue = 0.0L;
	int n;

	for (n = 1; n < 200000; n++) {
		p = p * lambda / (mu + (n - 1) * (long double)theta);
		sum += p;
		busy += p;
		queue += (n - 1) * p;
		if (p < 1e-30L * sum && n > 10)
			break;
	}
	*pw = (double)(busy / sum);
	*pa = (double)(theta * queue / sum / lambda);
	*w = (double)(queue / sum / lambda);
}

/* With theta = mu every caller leaves at rate mu, served or not: the number in
 * the system is Poisson(a), whatever c is. */
static void
poisson_erl_a(int c, double a, double *tail, double *queue)
{
	long double p = expl(-(long double)a), below = 0.0L, mean_below = 0.0L;
	int k;

	for (k = 0; k < c; k++) {
		below += p;
		mean_below += k * p;
		p = p * a / (k + 1);
	}
	*tail = (double)(1.0L - below);
	/* E[(N-c)+] = E[N] - c + sum_{k<c} (c-k) p_k */
	*queue = (double)(a - c + c * below - mean_below);
}

/* Textbook forms: M/M/1, M/M/2, a = 2 on 3 servers, and the clinic example. */
static void
test_closed_forms(void)
{
	double lambda = 40.0 / 60.0, mu = 1.0 / 10.0, rho;
	int i;

	for (i = 1; i < 20; i++) {
		rho = i / 20.0;
		CHECK_REL(erl_c(1, rho), rho, 1e-14);
		CHECK_REL(erl_mean_wait(1, rho * mu, mu), rho / (mu - rho * mu), 1e-12);
		CHECK_REL(erl_c(2, 2.0 * rho), 2.0 * rho * rho / (1.0 + rho), 1e-13);
	}
	CHECK_REL(erl_c(3, 2.0), 4.0 / 9.0, 1e-14);

	/* 40/h with 10 min service: a = 6.667 Erlangs. */
	CHECK_NEAR(lambda / mu, 20.0 / 3.0, 1e-12);
	CHECK_REL(erl_c(7, lambda / mu), direct_erl_c(7, lambda / mu), 1e-12);
	CHECK_REL(erl_c(8, lambda / mu), direct_erl_c(8, lambda / mu), 1e-12);
	CHECK(erl_c(8, lambda / mu) < erl_c(7, lambda / mu));
	CHECK_REL(erl_mean_wait(8, lambda, mu),
	    direct_erl_c(8, lambda / mu) / (8 * mu - lambda), 1e-12);
}

/* erl_c against the direct sum over a grid, up to c = 200 and rho = 0.99. */
static void
test_against_direct_sum(void)
{
	static const int cs[] = { 1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 50, 75, 100, 150, 200 };
	static const double rhos[] = { 0.01, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99 };
	size_t i, j;
	double a, got, want;

	for (i = 0; i < sizeof cs / sizeof cs[0]; i++) {
		for (j = 0; j < sizeof rhos / sizeof rhos[0]; j++) {
			a = rhos[j] * cs[i];
			got = erl_c(cs[i], a);
			want = direct_erl_c(cs[i], a);
			CHECK_REL(got, want, 1e-11);
			CHECK(got >= 0.0 && got <= 1.0);
		}
	}
	/* C rises with the load and falls with the servers. */
	for (i = 1; i < 60; i++)
		CHECK(erl_c(10, (double)i / 6.0) > erl_c(10, (double)(i - 1) / 6.0));
	for (i = 6; i < 30; i++)
		CHECK(erl_c((int)i + 1, 5.5) < erl_c((int)i, 5.5));
}

/* Unstable, empty and degenerate inputs. */
static void
test_edges(void)
{
	CHECK(erl_c(5, 5.0) == 1.0);
	CHECK(erl_c(5, 7.5) == 1.0);
	CHECK(erl_c(0, 1.0) == 1.0);
	CHECK(erl_c(-3, 1.0) == 1.0);
	CHECK(erl_c(4, 0.0) == 0.0);
	CHECK(isnan(erl_c(4, NAN)));
	CHECK(isinf(erl_mean_wait(5, 0.5, 0.1)));
	CHECK(isinf(erl_mean_wait(0, 0.5, 0.1)));
	CHECK(erl_mean_wait(3, 0.0, 0.1) == 0.0);
	CHECK(erl_service_level(5, 0.5, 0.1, 30.0) == 0.0);
	CHECK(erl_service_level(5, 0.6, 0.1, 30.0) == 0.0);
	CHECK(erl_service_level(3, 0.0, 0.1, 5.0) == 1.0);
	CHECK(erl_service_level(3, 0.2, 0.1, -1.0) == 0.0);
	/* Just below the edge the formulas stay finite and in range. */
	CHECK(erl_c(50, 49.999999) <= 1.0);
	CHECK(isfinite(erl_mean_wait(50, 49.999999 * 0.1, 0.1)));
}

/* Service level: 1 - C at t = 0, towards 1 for long t, rising in t, and the
 * integral of P(wait > t) is the mean wait. */
static void
test_service_level(void)
{
	double lambda = 40.0 / 60.0, mu = 0.1, h = 0.01, integral = 0.0, t, prev = -1.0, sl;
	int c = 8;

	CHECK_REL(erl_service_level(c, lambda, mu, 0.0), 1.0 - erl_c(c, lambda / mu), 1e-14);
	CHECK_NEAR(erl_service_level(c, lambda, mu, 1e6), 1.0, 1e-15);
	CHECK(erl_service_level(c, lambda, mu, INFINITY) == 1.0);
	for (t = 0.0; t < 400.0; t += h) {
		sl = erl_service_level(c, lambda, mu, t);
		CHECK(sl >= prev);
		prev = sl;
		/* trapezoid of 1 - SL */
		integral += h * (2.0 - sl - erl_service_level(c, lambda, mu, t + h)) / 2.0;
	}
	CHECK_REL(integral, erl_mean_wait(c, lambda, mu), 1e-5);
	/* M/M/1: P(wait <= t) = 1 - rho e^{-(mu - lambda) t}. */
	CHECK_REL(erl_service_level(1, 0.05, 0.1, 7.0), 1.0 - 0.5 * exp(-0.05 * 7.0), 1e-14);
}

/* Minimum servers: matches a plain search, monotone in the share and the time. */
static void
test_min_servers(void)
{
	double lambda = 40.0 / 60.0, mu = 0.1, share, t;
	int c, want, prev;

	for (share = 0.5; share < 0.995; share += 0.05) {
		for (t = 0.0; t <= 60.0; t += 5.0) {
			c = erl_min_servers(lambda, mu, t, share, 1000);
			for (want = 7; erl_service_level(want, lambda, mu, t) < share; want++)
				;
			CHECK(c == want);
			CHECK(c > lambda / mu);
			CHECK(erl_service_level(c, lambda, mu, t) >= share);
			CHECK(c == 7 || erl_service_level(c - 1, lambda, mu, t) < share);
		}
	}
	prev = 0;
	for (share = 0.0; share <= 0.999; share += 0.01) {
		c = erl_min_servers(lambda, mu, 5.0, share, 1000);
		CHECK(c >= prev);
		prev = c;
	}
	prev = 1000;
	for (t = 0.0; t <= 120.0; t += 1.0) {
		c = erl_min_servers(lambda, mu, t, 0.9, 1000);
		CHECK(c <= prev);
		prev = c;
	}
	/* Share 0 still needs a stable system; infinite patience with the target too. */
	CHECK(erl_min_servers(lambda, mu, 5.0, 0.0, 1000) == 7);
	CHECK(erl_min_servers(lambda, mu, INFINITY, 0.99, 1000) == 7);
	CHECK(erl_min_servers(0.5, 0.1, 5.0, 0.8, 1000) > 5);
	/* A large call centre: a = 1000 Erlangs. */
	c = erl_min_servers(100.0, 0.1, 0.5, 0.8, 5000);
	CHECK(c > 1000 && c < 1100);
	CHECK(erl_service_level(c, 100.0, 0.1, 0.5) >= 0.8);
	CHECK(erl_service_level(c - 1, 100.0, 0.1, 0.5) < 0.8);
	/* No arrivals need nobody; out of range and invalid give -1. */
	CHECK(erl_min_servers(0.0, mu, 5.0, 0.8, 100) == 0);
	CHECK(erl_min_servers(lambda, mu, 5.0, 0.8, 7) == -1);
	CHECK(erl_min_servers(lambda, 0.0, 5.0, 0.8, 100) == -1);
	CHECK(erl_min_servers(-1.0, mu, 5.0, 0.8, 100) == -1);
	CHECK(erl_min_servers(lambda, mu, 5.0, 1.5, 100) == -1);
	CHECK(erl_min_servers(lambda, mu, NAN, 0.8, 100) == -1);
}

/* Erlang A: the limits it must reach and two independent solutions. */
static void
test_erlang_a(void)
{
	double lambda = 40.0 / 60.0, mu = 0.1, pa, w, pw, pa2, w2, pw2, tail, queue, prev;
	int c;

	/* theta -> 0 is Erlang C when stable, theta = 0 exactly too. */
	for (c = 7; c <= 12; c++) {
		CHECK(erl_a(c, lambda, mu, 1e-9, &pa, &w, &pw) == 0);
		CHECK_REL(pw, erl_c(c, lambda / mu), 1e-6);
		CHECK_REL(w, erl_mean_wait(c, lambda, mu), 1e-5);
		CHECK(pa < 1e-6);
		CHECK(erl_a(c, lambda, mu, 0.0, &pa, &w, &pw) == 0);
		CHECK(pa == 0.0);
		CHECK_REL(pw, erl_c(c, lambda / mu), 1e-14);
		CHECK_REL(w, erl_mean_wait(c, lambda, mu), 1e-14);
	}
	CHECK(erl_a(6, lambda, mu, 0.0, &pa, &w, &pw) == -1);
	CHECK(erl_a(0, lambda, mu, 0.0, &pa, &w, &pw) == -1);

	/* c = 1 against the stored distribution, stable and overloaded. */
	direct_erl_a1(0.05, 0.1, 0.02, &pa2, &w2, &pw2);
	CHECK(erl_a(1, 0.05, 0.1, 0.02, &pa, &w, &pw) == 0);
	CHECK_REL(pa, pa2, 1e-10);
	CHECK_REL(w, w2, 1e-10);
	CHECK_REL(pw, pw2, 1e-10);
	direct_erl_a1(0.3, 0.1, 1.0 / 20.0, &pa2, &w2, &pw2);
	CHECK(erl_a(1, 0.3, 0.1, 1.0 / 20.0, &pa, &w, &pw) == 0);
	CHECK_REL(pa, pa2, 1e-10);
	CHECK_REL(w, w2, 1e-10);
	CHECK_REL(pw, pw2, 1e-10);
	/* Abandonments are the flow the one server cannot take: pa = 1 - P(busy) mu/lambda. */
	CHECK_REL(pa, 1.0 - pw * 0.1 / 0.3, 1e-10);

	/* theta = mu: Poisson(a) in the system. */
	poisson_erl_a(5, 7.0, &tail, &queue);
	CHECK(erl_a(5, 0.7, 0.1, 0.1, &pa, &w, &pw) == 0);
	CHECK_REL(pw, tail, 1e-10);
	CHECK_REL(w, queue / 0.7, 1e-10);
	CHECK_REL(pa, 0.1 * queue / 0.7, 1e-10);
	poisson_erl_a(150, 160.0, &tail, &queue);
	CHECK(erl_a(150, 16.0, 0.1, 0.1, &pa, &w, &pw) == 0);
	CHECK_REL(pw, tail, 1e-9);
	CHECK_REL(pa, 0.1 * queue / 16.0, 1e-9);

	/* P(abandon) and the mean wait fall as servers are added. */
	prev = 2.0;
	for (c = 1; c <= 20; c++) {
		CHECK(erl_a(c, lambda, mu, 1.0 / 20.0, &pa, &w, &pw) == 0);
		CHECK(pa < prev);
		CHECK(pa >= 0.0 && pa <= 1.0 && pw >= 0.0 && pw <= 1.0);
		prev = pa;
	}
	/* Overloaded, large: terms near e^1000 must not overflow; the fluid
	 * model says a share 1 - c mu / lambda is lost. */
	CHECK(erl_a(950, 100.0, 0.1, 0.01, &pa, &w, &pw) == 0);
	CHECK(isfinite(pa) && isfinite(w));
	CHECK_NEAR(pa, 0.05, 0.005);
	CHECK_NEAR(pw, 1.0, 1e-3);
	/* No servers: everyone waits and leaves after 1/theta on average. */
	CHECK(erl_a(0, 0.5, 0.1, 0.05, &pa, &w, &pw) == 0);
	CHECK_NEAR(pa, 1.0, 1e-12);
	CHECK_REL(w, 20.0, 1e-12);
	CHECK(pw == 1.0);
	/* No arrivals; invalid arguments; NULL outputs. */
	CHECK(erl_a(3, 0.0, 0.1, 0.05, &pa, &w, &pw) == 0);
	CHECK(pa == 0.0 && w == 0.0 && pw == 0.0);
	CHECK(erl_a(-1, lambda, mu, 0.05, &pa, &w, &pw) == -1);
	CHECK(erl_a(3, -1.0, mu, 0.05, &pa, &w, &pw) == -1);
	CHECK(erl_a(3, lambda, 0.0, 0.05, &pa, &w, &pw) == -1);
	CHECK(erl_a(3, lambda, mu, -0.05, &pa, &w, &pw) == -1);
	CHECK(erl_a(3, lambda, mu, NAN, &pa, &w, &pw) == -1);
	CHECK(erl_a(8, lambda, mu, 0.05, NULL, NULL, NULL) == 0);
}

/*
 * The served callers of M/M/c+M by brute force, independent of erl.c's
 * formulas: the stationary distribution stored (death rate n mu, then
 * c mu + (n-c) theta), and each arrival that waits followed as a mass on its
 * place in line: with j ahead it moves up at rate c mu + j theta, from the
 * head into service at c mu, and gives up at theta.  The ODE of those masses
 * is integrated (RK4, step h) to get P(served within t), P(served) and the
 * mean wait of the served.
 */
#define DIRECT_MAXJ 400
static void
direct_erl_a_served(int c, double lambda, double mu, double theta, double t,
    double *sl, double *pa, double *wserved)
{
	static long double p[DIRECT_MAXJ + 1024], m[DIRECT_MAXJ], k1[DIRECT_MAXJ + 2],
	    k2[DIRECT_MAXJ + 2], k3[DIRECT_MAXJ + 2], k4[DIRECT_MAXJ + 2], y[DIRECT_MAXJ + 2],
	    tmp[DIRECT_MAXJ + 2];
	long double sum = 0, imm = 0, h = 0.005L, now = 0, within = 0, left;
	long double cmu = c * (long double)mu;
	int n, N = c + DIRECT_MAXJ, J = DIRECT_MAXJ, i, s, stage;

	p[0] = 1;
	for (n = 1; n < N; n++)
		p[n] = p[n - 1] * lambda / (n <= c ? n * (long double)mu :
		    cmu + (n - c) * (long double)theta);
	for (n = 0; n < N; n++)
		sum += p[n];
	for (n = 0; n < c; n++)
		imm += p[n] / sum;
	for (i = 0; i < J; i++)
		m[i] = p[c + i] / sum;
	while (J > 1 && m[J - 1] < 1e-20L)   /* places in line nobody reaches */
		J--;
	/* y = masses m_0..m_J-1, then F = integral of the served flux, G = of t x flux */
	for (i = 0; i < J; i++)
		y[i] = m[i];
	y[J] = y[J + 1] = 0;
	for (s = 0; s < 2000000; s++) {
		long double *ks[4] = { k1, k2, k3, k4 };
		static const long double a[4] = { 0, 0.5L, 0.5L, 1 };

		if (now <= t && now + h > t)
			h = t - now > 0 ? t - now : h;   /* land on t exactly */
		for (stage = 0; stage < 4; stage++) {
			long double *k = ks[stage], tt = now + a[stage] * h;

			for (i = 0; i < J + 2; i++)
				tmp[i] = y[i] + (stage ? a[stage] * h * ks[stage - 1][i] : 0);
			for (i = 0; i < J; i++)
				k[i] = -(cmu + (i + 1) * (long double)theta) * tmp[i] +
				    (i + 1 < J ? (cmu + (i + 1) * (long double)theta) * tmp[i + 1] : 0);
			k[J] = cmu * tmp[0];
			k[J + 1] = tt * cmu * tmp[0];
		}
		for (i = 0; i < J + 2; i++)
			y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
		now += h;
		if (fabsl(now - t) < 1e-12L)
			within = y[J];
		h = 0.005L;
		for (left = 0, i = 0; i < J; i++)
			left += y[i];
		if (now > t && left < 1e-15L)
			break;
	}
	*sl = (double)(imm + within);
	*pa = (double)(1 - imm - y[J]);
	*wserved = (double)(y[J + 1] / (imm + y[J]));
}

/* Erlang A's served callers: abandonment, mean wait of the served and the
 * service level against the brute force above, and Erlang C as theta -> 0. */
static void
test_erlang_a_served(void)
{
	static const struct { int c; double lambda, mu, theta, t; } cases[] = {
		{ 6, 40.0 / 60.0, 0.1, 0.2, 5.0 },   /* clinicq erlang's example, patience 5 min */
		{ 3, 0.5, 0.1, 0.2, 2.0 },           /* overloaded: a = 5 on 3 */
		{ 1, 0.3, 0.1, 0.05, 10.0 },
		{ 8, 40.0 / 60.0, 0.1, 0.01, 1.0 },
	};
	struct erl_a_fig f;
	double sl, pa, ws, lambda = 40.0 / 60.0, mu = 0.1;
	size_t i;
	int c;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		direct_erl_a_served(cases[i].c, cases[i].lambda, cases[i].mu, cases[i].theta,
		    cases[i].t, &sl, &pa, &ws);
		CHECK(erl_a_figures(cases[i].c, cases[i].lambda, cases[i].mu, cases[i].theta,
		    cases[i].t, &f) == 0);
		CHECK_REL(f.service_level, sl, 1e-6);
		CHECK_REL(f.p_abandon, pa, 1e-6);
		CHECK_REL(f.mean_wait_served, ws, 1e-6);
	}
	/* Patience very long: Erlang C's figures. */
	for (c = 7; c <= 10; c++) {
		CHECK(erl_a_figures(c, lambda, mu, 1e-9, 5.0, &f) == 0);
		CHECK_REL(f.service_level, erl_service_level(c, lambda, mu, 5.0), 1e-6);
		CHECK_REL(f.mean_wait_served, erl_mean_wait(c, lambda, mu), 1e-5);
		CHECK(f.p_abandon < 1e-6);
		CHECK(erl_a_figures(c, lambda, mu, 0.0, 5.0, &f) == 0);
		CHECK(f.service_level == erl_service_level(c, lambda, mu, 5.0));
	}
	/* Within 0 only those served at once; no time asked: NAN. */
	CHECK(erl_a_figures(6, lambda, mu, 0.2, 0.0, &f) == 0);
	CHECK_REL(f.service_level, 1.0 - f.p_wait, 1e-12);
	CHECK(erl_a_figures(6, lambda, mu, 0.2, -1.0, &f) == 0 && isnan(f.service_level));
	/* No servers: nobody served. */
	CHECK(erl_a_figures(0, lambda, mu, 0.2, 5.0, &f) == 0);
	CHECK(f.service_level == 0.0 && isnan(f.mean_wait_served) && f.p_abandon == 1.0);
	/* The fewest servers: the first c that meets the share, and c - 1 does not. */
	c = erl_a_min_servers(lambda, mu, 0.2, 5.0, 0.8, 1000);
	CHECK(c > 0);
	CHECK(erl_a_figures(c, lambda, mu, 0.2, 5.0, &f) == 0 && f.service_level >= 0.8);
	CHECK(erl_a_figures(c - 1, lambda, mu, 0.2, 5.0, &f) == 0 && f.service_level < 0.8);
	CHECK(erl_a_min_servers(lambda, mu, 1e-9, 5.0, 0.8, 1000) ==
	    erl_min_servers(lambda, mu, 5.0, 0.8, 1000));
	CHECK(erl_a_min_servers(0.0, mu, 0.2, 5.0, 0.8, 1000) == 0);
	CHECK(erl_a_min_servers(lambda, mu, 0.2, 5.0, 0.8, 3) == -1);
	CHECK(erl_a_min_servers(lambda, mu, 0.2, 5.0, 1.5, 100) == -1);
}

/* Overloaded with very long patience: past a million waiting, the fluid
 * limit (p_abandon = 1 - c mu / lambda; a patient served waits
 * ln(lambda / (c mu)) / theta), at once; just under it, the chain itself
 * agrees with the limit (the queue's relative fluctuations ~ 1/sqrt(q)). */
static void
test_erlang_a_fluid(void)
{
	struct erl_a_fig f, g;
	double lambda = 40.0 / 60.0, mu = 0.1, cmu = 0.6;
	double theta_far = (lambda - cmu) / 1e8, theta_near = (lambda - cmu) / 9e5;

	CHECK(erl_a_figures(6, lambda, mu, theta_far, 5.0, &f) == 0 && f.fluid);
	CHECK_NEAR(f.p_abandon, 1.0 - cmu / lambda, 1e-12);
	CHECK_NEAR(f.mean_wait_served, log(lambda / cmu) / theta_far, 1e-6 * f.mean_wait_served);
	CHECK_NEAR(f.mean_wait, (lambda - cmu) / theta_far / lambda, 1e-6 * f.mean_wait);
	CHECK(f.p_wait == 1.0 && f.service_level == 0.0);
	/* Just under the limit: the chain, within 0.1% of the fluid figures. */
	CHECK(erl_a_figures(6, lambda, mu, theta_near, 5.0, &g) == 0 && !g.fluid);
	CHECK_NEAR(g.p_abandon, 1.0 - cmu / lambda, 1e-3 * (1.0 - cmu / lambda));
	CHECK_NEAR(g.mean_wait, (lambda - cmu) / theta_near / lambda,
	    1e-3 * g.mean_wait);
	/* The search over servers meets them at once, not after minutes: with
	 * 40/h, 10 minutes and 100 years of patience, Erlang C's answer. */
	CHECK(erl_a_min_servers(lambda, mu, 1.0 / (100 * 525960.0), 5.0, 0.8, 1000) ==
	    erl_min_servers(lambda, mu, 5.0, 0.8, 1000));
}

int
main(void)
{
	test_closed_forms();
	test_against_direct_sum();
	test_edges();
	test_service_level();
	test_min_servers();
	test_erlang_a();
	test_erlang_a_served();
	test_erlang_a_fluid();
	CHECK_DONE();
}
