/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * erl.h — analytic M/M/c (Erlang C) figures.  The oracle of the validation tests
 * and of `clinicq erlang`; the optimizer's first roster uses it per hour.
 *
 * lambda and mu are per minute; times are minutes.  Unstable systems (a >= c)
 * give P(wait) = 1 and infinite waits.
 */
#ifndef CQ_ERL_H
#define CQ_ERL_H

/* P(an arrival waits) in M/M/c, offered load a = lambda/mu (Erlang C formula). */
double erl_c(int c, double a);
/* Mean wait in queue, minutes. */
double erl_mean_wait(int c, double lambda, double mu);
/* P(wait <= t). */
double erl_service_level(int c, double lambda, double mu, double t);
/* Smallest c with P(wait <= t) >= share (c > a); returns -1 if above max_c. */
int erl_min_servers(double lambda, double mu, double t, double share, int max_c);

/* Erlang A (M/M/c+M): exponential patience with rate theta.  Birth-death solution
 * truncated where the tail is negligible.  P(abandon) and mean wait of all arrivals. */
int erl_a(int c, double lambda, double mu, double theta, double *p_abandon,
    double *mean_wait, double *p_wait);

/* The figures of Erlang A, over all arrivals unless named otherwise. */
struct erl_a_fig {
	double p_abandon;         /* share that give up before service */
	double p_wait;            /* share that find every server busy */
	double mean_wait;         /* time in queue, abandoners' included */
	double mean_wait_served;  /* time in queue of those served; NAN if none is */
	double service_level;     /* share of all arrivals whose service starts
	                           * within t (abandoners count as not answered);
	                           * NAN when t < 0 */
	int fluid;                /* overloaded with patience so long that over a
	                           * million would wait: the figures of the fluid
	                           * limit (exact as theta -> 0; erl.c) */
};
/* Erlang A figures of c servers, service level within t minutes (t < 0: not
 * asked).  Same statuses as erl_a. */
int erl_a_figures(int c, double lambda, double mu, double theta, double t,
    struct erl_a_fig *f);
/* Fewest c (0 with no arrivals) whose Erlang A service level within t reaches
 * share; -1 if none up to max_c or on invalid arguments. */
int erl_a_min_servers(double lambda, double mu, double theta, double t, double share,
    int max_c);

#endif
