/* SPDX-License-Identifier: GPL-3.0-or-later */
/* erl.c — Erlang B/C (M/M/c) and Erlang A (M/M/c+M) figures, see erl.h. */
#include "erl.h"

#include <math.h>
#include <string.h>
#include <stddef.h>

/* Relative size below which a term of the Erlang A chain no longer counts. */
#define ERL_A_EPS 1e-16
/* Erlang A gives up (-1) past this many states beyond c: only an overloaded
 * system with a vanishing abandonment rate needs that many. */
#define ERL_A_MAX_STATES 20000000L
/* An overloaded queue that settles above this many waiting is taken at its
 * fluid limit (fluid_limit): its relative fluctuations are below 0.1%. */
#define ERL_A_FLUID_STATES 1000000.0
/* Rescale the Erlang A sums when a term grows past this, so nothing overflows. */
#define ERL_A_BIG 1e200

/* One step of the Erlang B recursion: B(k) from B(k-1).  It never overflows,
 * unlike a^k/k!, and is accurate for any k. */
static double
erl_b_step(int k, double a, double b)
{
	return a * b / ((double)k + a * b);
}

/* Erlang B blocking probability of c servers, offered load a. */
static double
erl_b(int c, double a)
{
	double b = 1.0;
	int k;

	for (k = 1; k <= c; k++)
		b = erl_b_step(k, a, b);
	return b;
}

/* Erlang C from the Erlang B value b of the same c and a (needs 0 < a < c). */
static double
erl_c_from_b(int c, double a, double b)
{
	double den = (double)c - a * (1.0 - b);
	double pc = (double)c * b / den;

	/* Rounding may push a value right at the stability edge past 1. */
	return pc < 1.0 ? pc : 1.0;
}

/* P(wait) from the Erlang B recursion; 1 when unstable, 0 with no load. */
double
erl_c(int c, double a)
{
	if (isnan(a))
		return NAN;
	if (a <= 0.0)
		return c > 0 ? 0.0 : 1.0;
	if (c <= 0 || a >= (double)c)
		return 1.0;
	return erl_c_from_b(c, a, erl_b(c, a));
}

/* Mean wait in queue of all arrivals, C/(c mu - lambda); infinite when unstable. */
double
erl_mean_wait(int c, double lambda, double mu)
{
	double a;

	if (isnan(lambda) || isnan(mu) || lambda < 0.0 || mu < 0.0)
		return NAN;
	if (lambda == 0.0)
		return c > 0 ? 0.0 : INFINITY;
	if (c <= 0 || mu == 0.0)
		return INFINITY;
	a = lambda / mu;
	if (a >= (double)c)
		return INFINITY;
	return erl_c(c, a) / ((double)c * mu - lambda);
}

/* Service level 1 - C exp(-(c mu - lambda) t); 0 when unstable. */
double
erl_service_level(int c, double lambda, double mu, double t)
{
	double a, pc;

	if (isnan(lambda) || isnan(mu) || isnan(t) || lambda < 0.0 || mu < 0.0)
		return NAN;
	if (t < 0.0)
		return 0.0;
	if (lambda == 0.0)
		return c > 0 ? 1.0 : 0.0;
	if (c <= 0 || mu == 0.0)
		return 0.0;
	a = lambda / mu;
	/* The queue grows without bound: in the long run nobody is served in time. */
	if (a >= (double)c)
		return 0.0;
	pc = erl_c(c, a);
	return 1.0 - pc * exp(-((double)c * mu - lambda) * t);
}

/* Walk c upwards carrying the Erlang B recursion, so the search costs O(c)
 * rather than O(c^2); the service level rises with c, so the first c that
 * meets the share is the smallest.  With no arrivals no server is needed (0). */
int
erl_min_servers(double lambda, double mu, double t, double share, int max_c)
{
	double a, b = 1.0, pc, sl;
	int c;

	if (isnan(lambda) || isnan(mu) || isnan(t) || isnan(share) ||
	    lambda < 0.0 || !(mu > 0.0) || t < 0.0 || share > 1.0)
		return -1;
	if (lambda == 0.0)
		return 0;
	a = lambda / mu;
	if (!isfinite(a))
		return -1;
	for (c = 1; c <= max_c; c++) {
		b = erl_b_step(c, a, b);
		if ((double)c <= a)
			continue;
		pc = erl_c_from_b(c, a, b);
		sl = 1.0 - pc * exp(-((double)c * mu - lambda) * t);
		if (sl >= share)
			return c;
	}
	return -1;
}

/* Death rate of state n: busy servers finish at mu, waiting callers give up at theta. */
static double
erl_a_death(int c, double mu, double theta, long n)
{
	if (n <= c)
		return (double)n * mu;
	return (double)c * mu + (double)(n - c) * theta;
}

/*
 * Erlang A by summing the birth-death chain's unnormalized stationary terms
 * p_n = prod lambda/death(k) in one pass.  The terms rise to a mode and then
 * fall; the sums are rescaled whenever a term grows past ERL_A_BIG, so large
 * loads neither overflow nor need logarithms.  Past the mode the remaining
 * tail is bounded by a geometric series (the ratios only shrink), and the walk
 * stops once that bound is below ERL_A_EPS of both sums.
 *
 * An arrival (PASTA: it sees p_n) that finds n = c + j, j >= 0, is behind j
 * others.  With A = c mu / theta, the line ahead of it moves at rate
 * c mu + i theta with i ahead while it gives up at theta; so it is served with
 * probability prod (A+i)/(A+i+1) = A/(A+j+1), and its time to service, given
 * that it is served, is a sum of exponentials of rates c mu + (i+1) theta,
 * i = 0..j: mean H_j = sum 1/(c mu + (i+1) theta).  That sum is distributed as
 * -ln(1-B)/theta with B ~ Beta(j+1, A+1) (the exponential order statistics'
 * identity, extended to real A), so P(served within t | j) is
 * A/(A+j+1) I_x(j+1, A+1) with x = 1 - exp(-theta t).  I_x(j+1, b) is the
 * tail past j of the negative binomial with terms
 * nb_i = Gamma(i+b)/(Gamma(b) i!) x^i (1-x)^b, summed alongside the chain in
 * logarithms (nb_0 alone underflows once (c mu + theta) t passes 745).  GSL's
 * incomplete beta is not used: it costs a continued fraction per state and
 * aborts where that fails to converge (a vanishing theta).
 *
 * Returns 0, or -1 for invalid arguments (c < 0, lambda < 0, mu <= 0,
 * theta < 0), for theta = 0 with a >= c (no stationary distribution), and when
 * the chain would need more than ERL_A_MAX_STATES states.
 */
/* Overloaded (lambda > c mu) with patience so long that the queue settles
 * at q = (lambda - c mu) / theta, beyond ERL_A_FLUID_STATES: the fluid limit,
 * exact as theta -> 0 (relative fluctuations of order 1/sqrt(q)).  Every
 * server is busy; the abandonment flow theta q is the overload; a patient
 * who is served waited w = ln(lambda / (c mu)) / theta (the queue ahead,
 * drained by service and by patients giving up), and those served are
 * c mu / lambda of all.  Solving the chain instead would take minutes and
 * then fail on its state limit. */
static int
fluid_limit(int c, double lambda, double cmu, double theta, double t, int want_sl,
    struct erl_a_fig *f)
{
	double q = (lambda - cmu) / theta, w = log(lambda / cmu) / theta;

	f->fluid = 1;
	f->p_abandon = 1.0 - cmu / lambda;
	f->p_wait = 1.0;
	f->mean_wait = q / lambda;
	f->mean_wait_served = c > 0 ? w : NAN;
	if (want_sl)
		f->service_level = t >= w ? cmu / lambda : 0.0;
	return 0;
}

/* The cases with no chain to solve: nobody abandons (plain M/M/c, which
 * needs a < c), or nobody arrives.  1 when handled (*rc its status), else 0. */
static int
erl_a_edge(int c, double lambda, double mu, double theta, double t, int want_sl,
    struct erl_a_fig *f, int *rc)
{
	*rc = 0;
	if (theta == 0.0) {
		if (lambda > 0.0 && (c == 0 || lambda / mu >= (double)c)) {
			*rc = -1;
			return 1;
		}
		f->p_abandon = 0.0;
		f->mean_wait = f->mean_wait_served = erl_mean_wait(c, lambda, mu);
		f->p_wait = erl_c(c, lambda / mu);
		if (want_sl)
			f->service_level = erl_service_level(c, lambda, mu, t);
		return 1;
	}
	if (lambda == 0.0) {
		/* An arrival finds the system empty: it waits only if there is no server. */
		f->p_abandon = c == 0 ? 1.0 : 0.0;
		f->mean_wait = c == 0 ? 1.0 / theta : 0.0;
		f->mean_wait_served = c == 0 ? NAN : 0.0;
		f->p_wait = c == 0 ? 1.0 : 0.0;
		if (want_sl)
			f->service_level = c == 0 ? 0.0 : 1.0;
		return 1;
	}
	return 0;
}

/* The birth-death chain's running sums, all in the same (rescaled) unit:
 * term the state's weight, sum all weights, sw those who wait, sq the
 * number waiting; s_imm served at once, s_srv served after waiting, s_wsrv
 * their waits, s_sl those served within t.  Along the waiting states: h the
 * mean time to service from j ahead, lx and lnb the negative binomial's
 * log x and log nb_j, nb_cum its sum so far. */
struct erl_a_chain {
	double term, sum, sw, sq, s_imm, s_srv, s_wsrv, s_sl;
	double A, cmu, theta, t, h, lx, lnb, nb_cum;
	int want_sl;
};

/* Waiting state j (n = c + j persons in the system) of weight ch->term. */
static void
chain_wait(struct erl_a_chain *ch, long j)
{
	double ws = ch->A / (ch->A + (double)j + 1.0), ix = 0.0;

	ch->sw += ch->term;
	ch->h += 1.0 / (ch->cmu + (double)(j + 1) * ch->theta);
	ch->s_srv += ch->term * ws;
	ch->s_wsrv += ch->term * ws * ch->h;
	if (!ch->want_sl)
		return;
	/* ix = I_x(j+1, A+1) = 1 - sum_{i<=j} nb_i */
	if (ch->t > 0.0) {
		if (j > 0)
			ch->lnb += ch->lx + log((ch->A + (double)j) / (double)j);
		ch->nb_cum += exp(ch->lnb);
		ix = ch->nb_cum < 1.0 ? 1.0 - ch->nb_cum : 0.0;
	}
	ch->s_sl += ch->term * ws * ix;
}

/* Keep the sums in range: all divided alike. */
static void
chain_rescale(struct erl_a_chain *ch)
{
	ch->term /= ERL_A_BIG;
	ch->sum /= ERL_A_BIG;
	ch->sw /= ERL_A_BIG;
	ch->sq /= ERL_A_BIG;
	ch->s_imm /= ERL_A_BIG;
	ch->s_srv /= ERL_A_BIG;
	ch->s_wsrv /= ERL_A_BIG;
	ch->s_sl /= ERL_A_BIG;
}

/* Walk the chain from n = 1 until its tail cannot count.  0, or -1 past
 * ERL_A_MAX_STATES waiting states. */
static int
chain_walk(int c, double lambda, double mu, struct erl_a_chain *ch)
{
	double r, q, tail_s, tail_q;
	long n;

	for (n = 1; ; n++) {
		if (n - c > ERL_A_MAX_STATES)
			return -1;
		r = lambda / erl_a_death(c, mu, ch->theta, n);
		ch->term *= r;
		ch->sum += ch->term;
		if (n < c)
			ch->s_imm += ch->term;
		else
			chain_wait(ch, n - c);
		if (n > c)
			ch->sq += (double)(n - c) * ch->term;
		if (ch->term > ERL_A_BIG)
			chain_rescale(ch);
		if (n < c)
			continue;
		/* Ratios from here on are at most r, so the tail sums to at most
		 * term r/(1-r), and its queue lengths to the matching weighted series. */
		/* Terms so small they vanished: nothing further can count. */
		if (ch->term == 0.0)
			return 0;
		r = lambda / erl_a_death(c, mu, ch->theta, n + 1);
		if (r >= 1.0)
			continue;
		q = (double)(n - c);
		tail_s = ch->term * r / (1.0 - r);
		tail_q = ch->term * (q * r / (1.0 - r) + r / ((1.0 - r) * (1.0 - r)));
		if (tail_s <= ERL_A_EPS * ch->sum && tail_q <= ERL_A_EPS * ch->sq)
			return 0;
	}
}

int
erl_a_figures(int c, double lambda, double mu, double theta, double t,
    struct erl_a_fig *f)
{
	struct erl_a_chain ch;
	double q, served, cmu = (double)c * mu;
	int want_sl = !(t < 0.0) && !isnan(t), rc;

	if (c < 0 || isnan(lambda) || isnan(mu) || isnan(theta) ||
	    lambda < 0.0 || !(mu > 0.0) || theta < 0.0 ||
	    !isfinite(lambda) || !isfinite(theta))
		return -1;
	f->service_level = NAN;
	if (erl_a_edge(c, lambda, mu, theta, t, want_sl, f, &rc))
		return rc;
	f->fluid = 0;
	if (lambda > cmu && (lambda - cmu) / theta > ERL_A_FLUID_STATES)
		return fluid_limit(c, lambda, cmu, theta, t, want_sl, f);
	memset(&ch, 0, sizeof ch);
	ch.term = ch.sum = 1.0;
	ch.A = cmu / theta;
	ch.cmu = cmu;
	ch.theta = theta;
	ch.t = t;
	ch.want_sl = want_sl;
	if (want_sl && t > 0.0) {
		ch.lx = log(-expm1(-theta * t));  /* log x */
		ch.lnb = -(cmu + theta) * t;      /* log nb_0 = (A+1) log(1-x) */
	}
	/* n = 0: served at once if there is a server; with none it waits (j = 0)
	 * and, A being 0, is never served. */
	ch.s_imm = c > 0 ? 1.0 : 0.0;
	ch.sw = c == 0 ? 1.0 : 0.0;
	if (chain_walk(c, lambda, mu, &ch) != 0)
		return -1;
	q = ch.sq / ch.sum;                 /* E[number waiting] */
	f->p_abandon = theta * q / lambda;  /* abandonment flow over arrival flow */
	f->mean_wait = q / lambda;          /* Little's law over all arrivals */
	f->p_wait = ch.sw / ch.sum;         /* PASTA: an arrival sees the time average */
	served = ch.s_imm + ch.s_srv;
	f->mean_wait_served = served > 0.0 ? ch.s_wsrv / served : NAN;
	if (want_sl)
		f->service_level = (ch.s_imm + ch.s_sl) / ch.sum;
	if (f->p_abandon > 1.0)
		f->p_abandon = 1.0;
	if (f->p_wait > 1.0)
		f->p_wait = 1.0;
	if (want_sl && f->service_level > 1.0)
		f->service_level = 1.0;
	return 0;
}

/* The three figures erl_a always gave; any output pointer may be NULL. */
int
erl_a(int c, double lambda, double mu, double theta, double *p_abandon,
    double *mean_wait, double *p_wait)
{
	struct erl_a_fig f;

	if (erl_a_figures(c, lambda, mu, theta, -1.0, &f) != 0)
		return -1;
	if (p_abandon != NULL)
		*p_abandon = f.p_abandon;
	if (mean_wait != NULL)
		*mean_wait = f.mean_wait;
	if (p_wait != NULL)
		*p_wait = f.p_wait;
	return 0;
}

/* The service level rises with c: double c until it meets the share, then
 * bisect, so the search costs O(log c) evaluations of O(c + tail) each. */
int
erl_a_min_servers(double lambda, double mu, double theta, double t, double share,
    int max_c)
{
	struct erl_a_fig f;
	long lo = 0, hi = 1, mid;

	if (isnan(lambda) || isnan(mu) || isnan(theta) || isnan(t) || isnan(share) ||
	    lambda < 0.0 || !(mu > 0.0) || theta < 0.0 || t < 0.0 || share > 1.0 ||
	    max_c < 1)
		return -1;
	if (lambda == 0.0)
		return 0;
	/* lo: fails (or 0); hi: meets. */
	for (;;) {
		if (erl_a_figures((int)hi, lambda, mu, theta, t, &f) == 0 &&
		    f.service_level >= share)
			break;
		lo = hi;
		if (hi >= max_c)
			return -1;
		hi = 2 * hi > max_c ? max_c : 2 * hi;
	}
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (erl_a_figures((int)mid, lambda, mu, theta, t, &f) == 0 &&
		    f.service_level >= share)
			hi = mid;
		else
			lo = mid;
	}
	return (int)hi;
}
