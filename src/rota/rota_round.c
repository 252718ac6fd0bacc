/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_round.c — a rota from the LP's values, persons no shift-day needs
 * taken out, and a rota checked before it is given.
 *
 * The rounding gives the branch and bound a rota to begin from (and the
 * answer, should GLPK find none in time): the LP's persons rounded down,
 * then, while a shift-day is short, one more person on the line that covers
 * the most short shift-days for its cost (within max_people), then the
 * contracts below min_people filled with their cheapest line, then persons
 * that no shift-day and no min_people needs taken out, dearest first.
 */
#include "rota_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

struct tally {
	int *need;                /* [t * nsh + k]: persons still short */
	int *count;               /* [ict]: persons on the contract */
};

static int
tally_init(const struct rota_role *R, const double *y, struct tally *T)
{
	const struct rota_lines *L = &R->g.cols;
	int nsh = R->rs.nsh, t, k, i;

	T->need = malloc((size_t)R->ndays * (size_t)nsh * sizeof *T->need);
	T->count = calloc((size_t)R->nct + 1, sizeof *T->count);
	if (T->need == NULL || T->count == NULL)
		return -1;
	for (t = 0; t < R->ndays; t++)
		for (k = 0; k < nsh; k++)
			T->need[t * nsh + k] = R->p->shifts[R->rs.glob[k]].demand[t % WEEK_DAYS];
	for (i = 0; i < L->n; i++) {
		int n = (int)lround(y[i]);
		const int16_t *day = rota_lines_day(L, i);

		if (n <= 0)
			continue;
		T->count[L->ct[i]] += n;
		for (t = 0; t < R->ndays; t++)
			if (day[t] != ROTA_OFF)
				T->need[t * nsh + day[t]] -= n;
	}
	return 0;
}

static void
tally_free(struct tally *T)
{
	free(T->need);
	free(T->count);
}

static void
put(const struct rota_role *R, struct tally *T, double *y, int i, int n)
{
	const int16_t *day = rota_lines_day(&R->g.cols, i);
	int t, nsh = R->rs.nsh;

	y[i] += n;
	T->count[R->g.cols.ct[i]] += n;
	for (t = 0; t < R->ndays; t++)
		if (day[t] != ROTA_OFF)
			T->need[t * nsh + day[t]] -= n;
}

static int
at_max(const struct rota_role *R, const struct tally *T, int ict)
{
	int mx = R->p->contracts[R->ct[ict].c].max_people;

	return mx >= 0 && T->count[ict] >= mx;
}

/* The line that covers the most short shift-days for its cost. */
static int
best_cover(const struct rota_role *R, const struct tally *T)
{
	const struct rota_lines *L = &R->g.cols;
	int i, t, nsh = R->rs.nsh, best = -1;
	double best_score = 0.0;

	for (i = 0; i < L->n; i++) {
		const int16_t *day = rota_lines_day(L, i);
		int gain = 0;
		double score;

		if (at_max(R, T, L->ct[i]))
			continue;
		for (t = 0; t < R->ndays; t++)
			gain += day[t] != ROTA_OFF && T->need[t * nsh + day[t]] > 0;
		if (gain == 0)
			continue;
		score = gain / (L->cost[i] + R->tie + 1e-9);
		if (best < 0 || score > best_score)
			best = i, best_score = score;
	}
	return best;
}

static int
short_any(const struct rota_role *R, const struct tally *T)
{
	int i;

	for (i = 0; i < R->ndays * R->rs.nsh; i++)
		if (T->need[i] > 0)
			return 1;
	return 0;
}

/* Persons that nothing needs out, dearest line first. */
static void
trim(const struct rota_role *R, struct tally *T, double *y)
{
	const struct rota_lines *L = &R->g.cols;
	int nsh = R->rs.nsh, pass, i, t;

	for (pass = 0; pass < L->n; pass++) {
		int worst = -1;

		for (i = 0; i < L->n; i++) {
			const int16_t *day = rota_lines_day(L, i);
			int ok = y[i] > 0.5 && T->count[L->ct[i]] - 1 >=
			    R->p->contracts[R->ct[L->ct[i]].c].min_people;

			for (t = 0; t < R->ndays && ok; t++)
				if (day[t] != ROTA_OFF && T->need[t * nsh + day[t]] >= 0 &&
				    R->p->shifts[R->rs.glob[day[t]]].demand[t % WEEK_DAYS] > 0)
					ok = 0;
			if (ok && (worst < 0 || L->cost[i] > L->cost[worst]))
				worst = i;
		}
		if (worst < 0)
			return;
		put(R, T, y, worst, -1);
	}
}

int
rota_round(const struct rota_role *R, const double *x, double *y)
{
	const struct rota_lines *L = &R->g.cols;
	struct tally T = { NULL, NULL };
	int i, j, rc = 0;

	for (i = 0; i < L->n; i++)
		y[i] = x != NULL ? floor(x[i] + 1e-6) : 0.0;
	if (tally_init(R, y, &T) != 0) {
		tally_free(&T);
		return -1;
	}
	for (j = 0; j < R->nct && rc == 0; j++)
		if (at_max(R, &T, j) && T.count[j] > R->p->contracts[R->ct[j].c].max_people)
			rc = 1;
	while (rc == 0 && short_any(R, &T)) {
		if ((i = best_cover(R, &T)) < 0)
			rc = 1;
		else
			put(R, &T, y, i, 1);
	}
	for (j = 0; j < R->nct && rc == 0; j++)
		while (rc == 0 && T.count[j] < R->p->contracts[R->ct[j].c].min_people) {
			int best = -1;

			for (i = 0; i < L->n; i++)
				if (L->ct[i] == j && (best < 0 || L->cost[i] < L->cost[best]))
					best = i;
			if (best < 0 || at_max(R, &T, j))
				rc = 1;
			else
				put(R, &T, y, best, 1);
		}
	if (rc == 0)
		trim(R, &T, y);
	tally_free(&T);
	return rc;
}

int
rota_trim(const struct rota_role *R, double *y)
{
	struct tally T = { NULL, NULL };

	if (tally_init(R, y, &T) != 0) {
		tally_free(&T);
		return -1;
	}
	trim(R, &T, y);
	tally_free(&T);
	return 0;
}

/* Every person's line follows its contract, every shift-day is covered,
 * every headcount within its bounds: 0, or -1 with what is wrong in msg. */
int
rota_verify(const struct rota_role *R, const double *y, char *msg, size_t n)
{
	const struct rota_lines *L = &R->g.cols;
	struct tally T = { NULL, NULL };
	int i, j, rc = 0;
	unsigned b;

	for (i = 0; i < L->n && rc == 0; i++)
		if (y[i] > 0.5 && (b = rota_line_breaks(&R->ct[L->ct[i]],
		    rota_lines_day(L, i))) != 0) {
			snprintf(msg, n, "a line of %s breaks its %s", R->ct[L->ct[i]].name,
			    rota_rule_name(b));
			rc = -1;
		}
	if (rc != 0 || tally_init(R, y, &T) != 0) {
		if (rc == 0)
			snprintf(msg, n, "out of memory");
		tally_free(&T);
		return -1;
	}
	for (i = 0; i < R->ndays * R->rs.nsh && rc == 0; i++)
		if (T.need[i] > 0) {
			snprintf(msg, n, "%s is short on day %d of the cycle",
			    R->p->shifts[R->rs.glob[i % R->rs.nsh]].name, i / R->rs.nsh + 1);
			rc = -1;
		}
	for (j = 0; j < R->nct && rc == 0; j++) {
		const struct rota_contract *k = &R->p->contracts[R->ct[j].c];

		if (T.count[j] < k->min_people || (k->max_people >= 0 &&
		    T.count[j] > k->max_people)) {
			snprintf(msg, n, "%s has %d persons, outside %d..%d", k->name, T.count[j],
			    k->min_people, k->max_people);
			rc = -1;
		}
	}
	tally_free(&T);
	return rc;
}
