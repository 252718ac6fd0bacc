/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_cg.c — column generation on a role's covering programme.
 *
 * Each round solves the LP over the lines in the programme, then prices
 * every contract's lines against its duals: the reduced cost of a line is
 * its cost (+ the tie-break) less its contract row's dual less the duals of
 * the shift-days it works.  The lines of least reduced cost enter, up to
 * ROTA_PRICE_MAX a contract a round, while any is negative.  Pricing is
 * exact either way: over every line when they were enumerated (a scan), or
 * by dynamic programming over the days (rota_price.c).  So when a round adds
 * none, the LP's optimum is the LP optimum over all lines, a lower bound on
 * any rota; and before that, each round's least reduced cost gives a
 * Lagrangian bound (rota_role.c).
 */
#include "rota_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROTA_PRICE_MAX 40         /* lines a contract a round, at most */

double
rota_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* A line's reduced cost of value 0: its fixed cost, the tie, less its
 * contract row's dual. */
static double
base(const struct rota_role *R, int j, const double *mu, int tie)
{
	return (R->ct[j].fixed >= 0 ? R->ct[j].fixed : 0.0) + (tie ? R->tie : 0.0) - mu[j];
}

/* The value of working k on day t: its row's dual less a day's pay. */
static void
weights(const struct rota_role *R, int j, const double *dual, double *w)
{
	int nsh = R->rs.nsh, t, k;

	for (t = 0; t < R->ndays; t++)
		for (k = 0; k < nsh; k++)
			w[t * nsh + k] = dual[t * nsh + k] - R->ct[j].dcost[k];
}

double
rota_rc(const struct rota_role *R, int ict, const int16_t *day, double cost)
{
	int nsh = R->rs.nsh, t;
	double v = cost + R->tie - R->smu[ict];

	for (t = 0; t < R->ndays; t++)
		if (day[t] != ROTA_OFF)
			v -= R->sdual[t * nsh + day[t]];
	return v;
}

struct pick {
	double val;
	int i;
};

static int
pick_cmp(const void *a, const void *b)
{
	const struct pick *x = a, *y = b;

	if (x->val != y->val)
		return x->val > y->val ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* Pool pricing for contract j: its lines of value above min into out. */
static int
price_pool(const struct rota_role *R, int j, const double *w, double min, int16_t *out,
    double *best)
{
	const struct rota_lines *P = &R->pool;
	int nsh = R->rs.nsh, i, t, n = 0, cap = 1024, m;
	struct pick *pk = malloc((size_t)cap * sizeof *pk);

	*best = -HUGE_VAL;
	if (pk == NULL)
		return -1;
	for (i = 0; i < P->n; i++) {
		const int16_t *day = rota_lines_day(P, i);
		double v = 0.0;

		if (P->ct[i] != j)
			continue;
		for (t = 0; t < R->ndays; t++)
			if (day[t] != ROTA_OFF)
				v += w[t * nsh + day[t]];
		if (v > *best)
			*best = v;
		if (!(v > min))
			continue;
		if (n == cap) {
			struct pick *q = realloc(pk, 2 * (size_t)cap * sizeof *q);

			if (q == NULL) {
				free(pk);
				return -1;
			}
			pk = q;
			cap *= 2;
		}
		pk[n].val = v;
		pk[n++].i = i;
	}
	qsort(pk, (size_t)n, sizeof *pk, pick_cmp);
	for (m = 0; m < n && m < ROTA_PRICE_MAX; m++)
		memcpy(out + (size_t)m * (size_t)R->ndays, rota_lines_day(P, pk[m].i),
		    (size_t)R->ndays * sizeof *out);
	free(pk);
	return m;
}

/* Price every contract; new lines into the programme's lines.  Returns how
 * many entered (-1 out of memory); *minrc: the least reduced cost. */
static int
price(struct rota_role *R, int tie, double *minrc)
{
	int nsh = R->rs.nsh, j, m, q, isnew, added = 0;
	size_t N = (size_t)R->ndays;
	double *w = malloc(N * (size_t)nsh * sizeof *w), val[ROTA_PRICE_MAX], best;
	int16_t *out = malloc((size_t)ROTA_PRICE_MAX * N * sizeof *out);

	*minrc = HUGE_VAL;
	if (w == NULL || out == NULL)
		goto oom;
	for (j = 0; j < R->nct; j++) {
		double b = base(R, j, R->g.mu, tie);

		weights(R, j, R->g.dual, w);
		m = R->have_pool ? price_pool(R, j, w, b + R->tol, out, &best) :
		    rota_dp_best(R->dp[j], w, b + R->tol, ROTA_PRICE_MAX, out, val, &best);
		if (m < 0)
			goto oom;
		if (best > -HUGE_VAL && b - best < *minrc)
			*minrc = b - best;
		for (q = 0; q < m; q++) {
			const int16_t *day = out + (size_t)q * N;

			if (rota_lines_add(&R->g.cols, j, day, rota_line_cost(&R->ct[j], day),
			    &isnew) < 0)
				goto oom;
			added += isnew;
		}
	}
	free(w);
	free(out);
	return added;
oom:
	free(w);
	free(out);
	return -1;
}

/* Keep the duals of the LP with the tie-break, for reduced costs later. */
static int
save_duals(struct rota_role *R)
{
	size_t cells = (size_t)R->ndays * (size_t)R->rs.nsh;

	if (R->sdual == NULL) {
		R->sdual = malloc(cells * sizeof *R->sdual);
		R->smu = malloc(((size_t)R->nct + 1) * sizeof *R->smu);
		if (R->sdual == NULL || R->smu == NULL)
			return -1;
	}
	memcpy(R->sdual, R->g.dual, cells * sizeof *R->sdual);
	memcpy(R->smu, R->g.mu, (size_t)R->nct * sizeof *R->smu);
	return 0;
}

int
rota_cg(struct rota_role *R, int tie, double until, struct cq_err *err)
{
	for (;;) {
		int rc = rota_prog_lp(&R->g, tie, err), art, n0 = R->g.cols.n, added;
		double minrc;

		if (rc < 0)
			return -1;
		art = rc == 1;
		R->rounds++;
		if ((added = price(R, tie, &minrc)) < 0 || (tie && save_duals(R) != 0))
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		if (minrc > -R->tol)
			minrc = 0.0;
		if (tie) {
			R->lp_obj = R->g.lp_obj;
			R->minrc_obj = minrc;
		} else {
			R->lp_cost = R->g.lp_obj;
			R->minrc_cost = minrc;
		}
		if (R->verbose)
			fprintf(stderr, "rota: %s round %d%s: LP %.6g%s, %d lines, %d new, least "
			    "reduced cost %.3g\n", R->p->role_names[R->role], R->rounds,
			    tie ? " (tie-break)" : "", R->g.lp_obj, art ? " (artificials)" : "",
			    R->g.cols.n, added, minrc);
		if (added == 0)
			return art ? 1 : 0;
		if (rota_prog_add(&R->g, n0, err) != 0)
			return -1;
		if (rota_now() > until || (R->p->stop != NULL && *R->p->stop))
			return 2;
	}
}
