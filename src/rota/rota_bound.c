/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_bound.c — cheap lower bounds, from counting alone (in the manner of
 * Burns and Carter's bounds for days-off scheduling).
 *
 * Persons: a person works at most one shift a day, so a role needs at
 * least the most persons any day needs; each person works exactly
 * days_per_week days a week, so at least the week's person-days over the
 * largest days_per_week; and with weekends_off K in N, a person works at
 * most N - K of any N weekends, so the persons a Saturday (or Sunday) needs
 * are at most the share (N - K) / N of all (the largest share among the
 * role's contracts).
 *
 * Cost: each shift-day's persons cost at least the cheapest way a contract
 * that may work it pays for one day: cost_per_week / days_per_week for a
 * weekly cost, the shift's hours at its rate for a cost by the hour.  And
 * when every contract has a weekly cost, at least the persons bound times
 * the cheapest weekly cost.
 */
#include "rota_int.h"

#include <math.h>

#include "week.h"

/* The least persons the role needs. */
static int
persons(const struct rota_problem *p, int role)
{
	int s, wd, c, day_most = 0, week = 0, dpw = 0, end_most = 0;
	double share = 0.0, lb;

	for (wd = 0; wd < WEEK_DAYS; wd++) {
		int need = 0;

		for (s = 0; s < p->nshifts; s++)
			if (p->shifts[s].role == role)
				need += p->shifts[s].demand[wd];
		week += need;
		if (need > day_most)
			day_most = need;
		if (wd >= 5 && need > end_most)
			end_most = need;
	}
	for (c = 0; c < p->ncontracts; c++) {
		const struct rota_contract *k = &p->contracts[c];
		double sh = 1.0;

		if (k->role != role)
			continue;
		if (k->days_per_week > dpw)
			dpw = k->days_per_week;
		if (k->weekends_off > 0 && k->weekends_in > 0)
			sh = (double)(k->weekends_in - k->weekends_off) / k->weekends_in;
		if (sh > share)
			share = sh;
	}
	lb = day_most;
	if (dpw > 0 && ceil((double)week / dpw - 1e-9) > lb)
		lb = ceil((double)week / dpw - 1e-9);
	if (share > 0 && ceil(end_most / share - 1e-9) > lb)
		lb = ceil(end_most / share - 1e-9);
	return (int)lb;
}

/* The cheapest a contract of the role pays for a day of shift s on weekday
 * wd; HUGE_VAL when none may work it. */
static double
day_cost(const struct rota_problem *p, int role, int s, int wd)
{
	const struct rota_shift *sh = &p->shifts[s];
	double best = HUGE_VAL;
	int c;

	if (!((sh->days >> wd) & 1u))
		return best;
	for (c = 0; c < p->ncontracts; c++) {
		const struct rota_contract *k = &p->contracts[c];
		double v;

		if (k->role != role || !(k->may == NULL || k->may[s]) || k->days_per_week < 1)
			continue;
		v = k->cost_per_week >= 0 ? k->cost_per_week / k->days_per_week :
		    (sh->end - sh->start) / (double)HOUR_MINUTES * sh->cost_per_hour;
		if (v < best)
			best = v;
	}
	return best;
}

double
rota_comb_bound(const struct rota_problem *p, int role, int W, int *persons_lb)
{
	int s, wd, c, n = persons(p, role), all_fixed = 1, any = 0;
	double lb = 0.0, fmin = HUGE_VAL;

	(void)W;
	if (persons_lb != NULL)
		*persons_lb = n;
	for (s = 0; s < p->nshifts; s++) {
		if (p->shifts[s].role != role)
			continue;
		for (wd = 0; wd < WEEK_DAYS; wd++) {
			double v;

			if (p->shifts[s].demand[wd] <= 0)
				continue;
			v = day_cost(p, role, s, wd);
			if (v < HUGE_VAL)
				lb += p->shifts[s].demand[wd] * v;
		}
	}
	for (c = 0; c < p->ncontracts; c++) {
		const struct rota_contract *k = &p->contracts[c];

		if (k->role != role)
			continue;
		any = 1;
		if (k->cost_per_week < 0)
			all_fixed = 0;
		else if (k->cost_per_week < fmin)
			fmin = k->cost_per_week;
	}
	if (any && all_fixed && n * fmin > lb)
		lb = n * fmin;
	return lb;
}
