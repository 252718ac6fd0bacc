/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_role.c — one role's rota: its lines, its covering programme, its
 * least-cost rota and a bound on it.
 *
 * 1. Every line of each contract is enumerated (rota_enum.c) while the
 *    role's lines stay within the cap; past it, the contracts' lines are
 *    priced by dynamic programming instead (rota_price.c).
 * 2. Column generation (rota_cg.c), first on the costs alone: its LP
 *    optimum bounds the weekly cost from below; then with the tie-break,
 *    whose optimum and duals serve the integer programme.  An artificial
 *    still in use means no rota: the role is diagnosed (rota_why.c).
 * 3. The integer programme over the lines generated (GLPK's branch and
 *    bound from a rounded rota, rota_round.c), within the time left.
 * 4. With every line enumerated: any line of an optimal rota has a reduced
 *    cost (under the last LP's duals) of at most the gap between the rota
 *    found and the LP bound; so all such lines enter and the integer
 *    programme is solved once more: its optimum is the optimum over every
 *    line.  That is what "exact" means here.
 * Without enumeration the answer is the best rota over the lines generated,
 * with the LP bound (or, out of time, a Lagrangian one) and its gap.
 */
#include "rota_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

/* ---- set-up ------------------------------------------------------------------------ */

static int
role_setup(struct rota_role *R)
{
	const struct rota_problem *p = R->p;
	int c, j = 0;

	R->ndays = R->W * WEEK_DAYS;
	if (rota_shifts_init(&R->rs, p, R->role) != 0)
		return -1;
	for (c = 0; c < p->ncontracts; c++)
		R->nct += p->contracts[c].role == R->role;
	R->ct = calloc((size_t)R->nct + 1, sizeof *R->ct);
	R->dp = calloc((size_t)R->nct + 1, sizeof *R->dp);
	if (R->ct == NULL || R->dp == NULL)
		return -1;
	for (c = 0; c < p->ncontracts; c++)
		if (p->contracts[c].role == R->role &&
		    rota_ct_init(&R->ct[j++], p, c, &R->rs, R->W, 0) != 0)
			return -1;
	return 0;
}

/* Every line, within cap: 0 (have_pool says whether), -1 out of memory. */
static int
role_enum(struct rota_role *R, long cap)
{
	long nodes = 0;
	int j, rc = 0;

	R->have_pool = 0;
	if (cap <= 0)
		return 0;
	rota_lines_init(&R->pool, R->ndays);
	for (j = 0; j < R->nct && rc == 0; j++)
		rc = rota_enum(&R->ct[j], j, &R->pool, cap, &nodes);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		R->have_pool = 1;
		R->considered = R->pool.n;
	} else {
		rota_lines_free(&R->pool);
	}
	if (R->verbose)
		fprintf(stderr, "rota: %s: %s (%ld nodes)\n", R->p->role_names[R->role],
		    rc == 0 ? "every line enumerated" : "past the cap: column generation", nodes);
	return 0;
}

static int
role_pricers(struct rota_role *R)
{
	int j;

	for (j = 0; j < R->nct; j++)
		if ((R->dp[j] = rota_dp_new(&R->ct[j])) == NULL)
			return -1;
	return 0;
}

/* The scale of a line's cost: the tolerance, the artificials' cost and a
 * lower bound on any line's cost. */
static void
role_scale(struct rota_role *R)
{
	double maxcost = 0.0;
	int j, k;

	R->cmin = HUGE_VAL;
	for (j = 0; j < R->nct; j++) {
		const struct rota_ct *ct = &R->ct[j];
		double hi = ct->fixed, lo = ct->fixed;

		if (ct->fixed < 0) {
			double dmin = HUGE_VAL, dmax = 0.0;

			for (k = 0; k < R->rs.nsh; k++) {
				if (ct->dcost[k] < dmin)
					dmin = ct->dcost[k];
				if (ct->dcost[k] > dmax)
					dmax = ct->dcost[k];
			}
			hi = dmax * ct->dpw * ct->W;
			lo = dmin * ct->dpw * ct->W;
		}
		if (hi > maxcost)
			maxcost = hi;
		if (lo < R->cmin)
			R->cmin = lo;
	}
	R->tol = 1e-7 * (1.0 + maxcost);
	R->g.big = 1e5 * (1.0 + maxcost + R->tie);
}

/* A lower bound on the objective from an LP over some lines: its optimum,
 * less the least reduced cost times the most persons a rota of at most ub
 * can have (Lagrangian); -HUGE_VAL when there is no such bound. */
static double
lagrange(double lp, double minrc, double ub, double cmin)
{
	if (minrc >= 0.0)
		return lp;
	if (!(cmin > 0.0) || !isfinite(ub))
		return -HUGE_VAL;
	return lp + minrc * (ub / cmin);
}

/* ---- the integer programme ------------------------------------------------------ */

/* The rota over the lines in the programme, from prev (persons per line,
 * fewer lines than now) or from the LP's values rounded.  0 with R->y,
 * 1 none over these lines, 2 none found in time, -1. */
static int
role_ip(struct rota_role *R, const double *prev, int nprev, struct cq_err *err)
{
	int n = R->g.cols.n, i, rc, optimal = 0;
	double *start = calloc((size_t)n + 1, sizeof *start), *y;

	if (start == NULL || (y = realloc(R->y, ((size_t)n + 1) * sizeof *y)) == NULL) {
		free(start);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	R->y = y;
	if (prev != NULL) {
		memcpy(start, prev, (size_t)nprev * sizeof *start);
	} else if ((rc = rota_round(R, R->g.xval, start)) != 0) {
		free(start);
		if (rc < 0)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		start = NULL;
	}
	rc = rota_prog_ip(&R->g, R->deadline - rota_now(), start, &optimal, err);
	if (rc == 0) {
		for (i = 0; i < n; i++)
			R->y[i] = floor(R->g.xval[i] + 0.5);
	} else if (rc > 0 && start != NULL) {
		memcpy(R->y, start, (size_t)n * sizeof *R->y);   /* GLPK found none better */
		rc = 0;
	}
	R->optimal = rc == 0 && optimal;
	free(start);
	if (rc == 0 && rota_trim(R, R->y) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	return rc;
}

static double
objective(const struct rota_role *R, const double *y, int tie)
{
	double v = 0.0;
	int i;

	for (i = 0; i < R->g.cols.n; i++)
		v += y[i] * (R->g.cols.cost[i] + (tie ? R->tie : 0.0));
	return v;
}

/* Every enumerated line that can be in a rota better than the one found
 * (or all, found none) into the programme, and the programme solved again. */
static int
role_exact(struct rota_role *R, int have_rota, struct cq_err *err)
{
	double room = have_rota ? objective(R, R->y, 1) - R->lp_obj : HUGE_VAL, *prev = NULL;
	int n0 = R->g.cols.n, i, isnew, added = 0, rc;

	room += 10 * R->tol + 1e-9 * fabs(R->lp_obj);
	for (i = 0; i < R->pool.n; i++) {
		const int16_t *day = rota_lines_day(&R->pool, i);

		if (rota_rc(R, R->pool.ct[i], day, R->pool.cost[i]) > room)
			continue;
		if (rota_lines_add(&R->g.cols, R->pool.ct[i], day, R->pool.cost[i], &isnew) < 0)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		added += isnew;
	}
	if (R->verbose)
		fprintf(stderr, "rota: %s: %d more lines within %.6g of the LP bound\n",
		    R->p->role_names[R->role], added, room);
	if (added == 0)
		return have_rota ? 0 : 1;
	if (rota_prog_add(&R->g, n0, err) != 0)
		return -1;
	if (have_rota && (prev = malloc((size_t)n0 * sizeof *prev)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (prev != NULL)
		memcpy(prev, R->y, (size_t)n0 * sizeof *prev);
	rc = role_ip(R, prev, n0, err);
	free(prev);
	return rc;
}

/* ---- no rota: why ---------------------------------------------------------------- */

/* How the role was found to have no rota. */
enum none { NONE_LP, NONE_IP, NONE_TIME };

static int
role_none(struct rota_role *R, enum none how, char *why, size_t nwhy, struct cq_err *err)
{
	int nsh = R->rs.nsh, i, t, j, found = 0;
	unsigned char *cov = calloc((size_t)R->ndays * (size_t)nsh, 1);
	const char *role = R->p->role_names[R->role];

	R->feasible = 0;
	if (cov == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (R->have_pool) {
		for (i = 0; i < R->pool.n; i++)
			for (t = 0; t < R->ndays; t++)
				if (rota_lines_day(&R->pool, i)[t] != ROTA_OFF)
					cov[t * nsh + rota_lines_day(&R->pool, i)[t]] = 1;
	} else {
		for (j = 0; j < R->nct; j++)
			if (rota_dp_cover(R->dp[j], cov) < 0) {
				free(cov);
				return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			}
	}
	found = rota_why_cover(R->p, &R->rs, R->W, cov, why, nwhy);
	found |= rota_why_people(R->p, &R->rs, R->W, why, nwhy);
	if (!found && how == NONE_LP) {
		memset(cov, 0, (size_t)R->ndays * (size_t)nsh);
		rota_prog_short(&R->g, cov);
		rota_why_short(R->p, &R->rs, R->W, cov, why, nwhy);
	} else if (!found && how == NONE_IP) {
		rota_why_append(why, nwhy, "%s%s: no whole number of persons on the lines of its "
		    "contracts covers every shift-day within their min_people and max_people "
		    "(the covering programme has no integer solution): raise max_people",
		    *why ? "; " : "", role);
	} else if (!found) {
		rota_why_append(why, nwhy, "%s%s: no rota found among the %d lines generated "
		    "within the time limit, though the LP bound allows one: give more time",
		    *why ? "; " : "", role, R->g.cols.n);
	}
	free(cov);
	return 0;
}

/* ---- the whole ---------------------------------------------------------------------- */

/* The bound on the role's weekly cost, its kind, and whether the rota is
 * proven least. */
/* The unit every line's cost is a whole multiple of: the greatest common
 * divisor of the contracts' weekly costs when all are whole numbers; 0
 * when there is none (a cost by the hour). */
static double
cost_unit(const struct rota_role *R)
{
	long u = 0;
	int j;

	for (j = 0; j < R->nct; j++) {
		double f = R->ct[j].fixed;
		long a;

		if (f < 0 || f != floor(f) || f > 1e12)
			return 0.0;
		for (a = (long)f; a != 0;) {
			long t = u % a;

			u = a;
			a = t;
		}
	}
	return (double)u;
}

static void
role_bound(struct rota_role *R, int conv_a)
{
	double lb = conv_a ? R->lp_cost : lagrange(R->lp_cost, R->minrc_cost, R->cost,
	    R->cmin), u = cost_unit(R);

	/* Every rota's cost is a whole multiple of u: so is its bound. */
	if (u > 0 && isfinite(lb))
		lb = u * ceil(lb / u - 1e-9);

	R->bound = lb > R->comb ? lb : R->comb;
	if (R->bound > R->cost)
		R->bound = R->cost;
	if (R->exact) {
		R->bound = R->cost;
		R->bound_kind = "all lines enumerated";
	} else if (R->have_pool && conv_a) {
		R->bound_kind = "LP bound (all lines enumerated)";
	} else if (conv_a) {
		R->bound_kind = "LP bound (column generation)";
	} else {
		R->bound_kind = lb >= R->comb ? "Lagrangian bound (column generation cut short)" :
		    "combinatorial bound";
	}
	if (!R->exact && R->optimal && conv_a && R->cost - R->bound <= 1e-9 * (1.0 + R->cost))
		R->exact = 1;
}

static int
role_program(struct rota_role *R, struct cq_err *err)
{
	R->g.p = R->p;
	R->g.rs = &R->rs;
	R->g.nct = R->nct;
	R->g.ct = R->ct;
	R->g.W = R->W;
	R->g.ndays = R->ndays;
	R->g.tie = R->tie;
	R->g.verbose = R->verbose;
	rota_lines_init(&R->g.cols, R->ndays);
	role_scale(R);
	return rota_prog_build(&R->g, 0, err);
}

int
rota_role_solve(struct rota_role *R, long cap, char *why, size_t nwhy, struct cq_err *err)
{
	double t0 = rota_now(), span = R->deadline - t0;
	int rc, conv_a, conv_b;
	char msg[256];

	if (role_setup(R) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	R->feasible = 1;
	R->bound_kind = "all lines enumerated";
	if (R->rs.nsh == 0) {
		R->exact = 1;
		return 0;
	}
	R->comb = rota_comb_bound(R->p, R->role, R->W, &R->g.min_persons);
	if (role_enum(R, cap) != 0 || (!R->have_pool && role_pricers(R) != 0))
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (role_program(R, err) != 0 || (rc = rota_cg(R, 0, t0 + 0.5 * span, err)) < 0)
		return -1;
	if (rc == 1)
		return role_none(R, NONE_LP, why, nwhy, err);
	conv_a = rc == 0;
	if ((rc = rota_cg(R, 1, t0 + 0.7 * span, err)) < 0)
		return -1;
	conv_b = rc == 0;
	if (!R->have_pool)
		R->considered = R->g.cols.n;
	if ((rc = role_ip(R, NULL, 0, err)) < 0)
		return -1;
	if (R->have_pool && conv_b && (rc == 0 || rc == 1) &&
	    (rc = role_exact(R, rc == 0, err)) < 0)
		return -1;
	if (rc != 0)
		return role_none(R, rc == 1 && R->have_pool && conv_b ? NONE_IP : NONE_TIME, why,
		    nwhy, err);
	R->cost = objective(R, R->y, 0);
	R->exact = R->have_pool && conv_b && R->optimal;
	role_bound(R, conv_a);
	if (rota_verify(R, R->y, msg, sizeof msg) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "internal error: the rota of role %s "
		    "fails its own check: %s", R->p->role_names[R->role], msg);
	return 0;
}

void
rota_role_free(struct rota_role *R)
{
	int j;

	for (j = 0; j < R->nct; j++) {
		rota_ct_free(&R->ct[j]);
		if (R->dp != NULL)
			rota_dp_free(R->dp[j]);
	}
	free(R->ct);
	free(R->dp);
	rota_prog_free(&R->g);
	rota_lines_free(&R->pool);
	rota_shifts_free(&R->rs);
	free(R->sdual);
	free(R->smu);
	free(R->y);
	R->ct = NULL;
	R->dp = NULL;
	R->sdual = R->smu = R->y = NULL;
}
