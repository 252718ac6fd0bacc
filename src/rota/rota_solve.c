/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_solve.c — the rota: each role solved on its own (roles share no
 * person), within one time limit, and the result assembled: the lines
 * grouped by role then contract, the headcounts, the FTE, the over-cover,
 * the cost and its bound.
 */
#include "rota_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

/* The kinds of bound, strongest first: a result states its weakest. */
static const char *const kinds[] = { "all lines enumerated",
	"LP bound (all lines enumerated)", "LP bound (column generation)",
	"Lagrangian bound (column generation cut short)", "combinatorial bound" };

static int
kind_rank(const char *k)
{
	int i;

	for (i = 0; i < (int)(sizeof kinds / sizeof kinds[0]); i++)
		if (k != NULL && strcmp(k, kinds[i]) == 0)
			return i;
	return 0;
}

/* ---- the lines, in order ---------------------------------------------------------- */

struct order {
	const struct rota_role *R;
	int i;
};

/* Role, contract (the problem's order), then the days by shift name, off
 * last: the same rota however the problem lists its shifts. */
static int
order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	const struct rota_lines *Lx = &x->R->g.cols, *Ly = &y->R->g.cols;
	const int16_t *dx = rota_lines_day(Lx, x->i), *dy = rota_lines_day(Ly, y->i);
	const struct rota_problem *p = x->R->p;
	int t, cx = x->R->ct[Lx->ct[x->i]].c, cy = y->R->ct[Ly->ct[y->i]].c;

	if (x->R->role != y->R->role)
		return x->R->role < y->R->role ? -1 : 1;
	if (cx != cy)
		return cx < cy ? -1 : 1;
	for (t = 0; t < Lx->ndays; t++) {
		int c;

		if (dx[t] == dy[t])
			continue;
		if (dx[t] == ROTA_OFF || dy[t] == ROTA_OFF)
			return dx[t] == ROTA_OFF ? 1 : -1;
		c = strcmp(p->shifts[x->R->rs.glob[dx[t]]].name, p->shifts[y->R->rs.glob[dy[t]]].name);
		if (c != 0)
			return c;
	}
	return 0;
}

static int
put_lines(struct rota_result *r, const struct rota_role *R, int nroles)
{
	struct order *o;
	int q, i, n = 0, m = 0, t, j;

	for (q = 0; q < nroles; q++)
		for (i = 0; R[q].y != NULL && i < R[q].g.cols.n; i++)
			n += R[q].y[i] > 0.5;
	if ((o = malloc(((size_t)n + 1) * sizeof *o)) == NULL)
		return -1;
	for (q = 0; q < nroles; q++)
		for (i = 0; R[q].y != NULL && i < R[q].g.cols.n; i++)
			if (R[q].y[i] > 0.5)
				o[m].R = &R[q], o[m++].i = i;
	qsort(o, (size_t)n, sizeof *o, order_cmp);
	for (i = 0, r->nlines = 0; i < n; i++)
		r->nlines += (int)lround(o[i].R->y[o[i].i]);
	if ((r->lines = calloc((size_t)r->nlines + 1, sizeof *r->lines)) == NULL) {
		free(o);
		return -1;
	}
	for (i = 0, m = 0; i < n; i++) {
		const struct rota_role *Rq = o[i].R;
		const struct rota_ct *ct = &Rq->ct[Rq->g.cols.ct[o[i].i]];
		const int16_t *day = rota_lines_day(&Rq->g.cols, o[i].i);

		for (j = 0; j < (int)lround(Rq->y[o[i].i]); j++, m++) {
			struct rota_line *ln = &r->lines[m];

			ln->contract = ct->c;
			for (t = 0; t < r->ndays; t++)
				ln->day[t] = day[t] == ROTA_OFF ? ROTA_OFF : Rq->rs.glob[day[t]];
			ln->cost_per_week = Rq->g.cols.cost[o[i].i];
			ln->hours_per_week = rota_line_hours(ct, day);
		}
	}
	free(o);
	return 0;
}

/* Headcount, FTE, over-cover, from the lines. */
static void
tally(const struct rota_problem *p, struct rota_result *r)
{
	int i, t, s;

	for (i = 0; i < r->nlines; i++) {
		const struct rota_line *ln = &r->lines[i];

		r->headcount[ln->contract]++;
		r->fte[p->contracts[ln->contract].role] += ln->hours_per_week / p->fte_hours;
		r->cost_per_week += ln->cost_per_week;
		for (t = 0; t < r->ndays; t++)
			if (ln->day[t] != ROTA_OFF)
				r->over_cover[ln->day[t] * r->ndays + t]++;
	}
	for (s = 0; s < p->nshifts; s++)
		for (t = 0; t < r->ndays; t++)
			r->over_cover[s * r->ndays + t] -= p->shifts[s].demand[t % WEEK_DAYS];
}

static int
result_alloc(const struct rota_problem *p, struct rota_result *r)
{
	r->headcount = calloc((size_t)p->ncontracts + 1, sizeof *r->headcount);
	r->fte = calloc((size_t)p->nroles + 1, sizeof *r->fte);
	r->min_persons = calloc((size_t)p->nroles + 1, sizeof *r->min_persons);
	r->over_cover = calloc((size_t)p->nshifts * (size_t)r->ndays + 1,
	    sizeof *r->over_cover);
	return r->headcount && r->fte && r->min_persons && r->over_cover ? 0 : -1;
}

/* The data of every role's last programme, in memory. */
static int
keep_dat(const struct rota_problem *p, struct rota_role *R, int nroles, double tie,
    struct rota_result *r)
{
	struct rota_prog **pg = malloc(((size_t)nroles + 1) * sizeof *pg);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int q, n = 0, rc;

	if (pg == NULL)
		return -1;
	for (q = 0; q < nroles; q++)
		if (R[q].rs.nsh > 0 && R[q].g.rs != NULL)
			pg[n++] = &R[q].g;
	if ((f = open_memstream(&buf, &len)) == NULL) {
		free(pg);
		return -1;
	}
	rc = rota_dat_write(f, p, pg, n, tie, -1);
	if (fclose(f) != 0)
		rc = -1;
	free(pg);
	if (rc != 0) {
		free(buf);
		return -1;
	}
	r->dat = buf;
	return 0;
}

/* What the roles' answers add up to. */
static void
combine(struct rota_result *r, const struct rota_role *R, int nroles)
{
	int q, rank = 0;

	r->feasible = 1;
	r->exact = 1;
	for (q = 0; q < nroles; q++) {
		r->feasible &= R[q].feasible;
		r->exact &= R[q].exact;
		r->bound += R[q].bound;
		r->comb_bound += R[q].comb;
		r->lines_considered += R[q].considered;
		r->rounds += R[q].rounds;
		if (R[q].bound_kind != NULL && kind_rank(R[q].bound_kind) > rank)
			rank = kind_rank(R[q].bound_kind);
	}
	r->bound_kind = kinds[rank];
}

/* Free what a solved role no longer needs: its pool, its pricers, GLPK. */
static void
role_shrink(struct rota_role *R)
{
	int j;

	rota_lines_free(&R->pool);
	for (j = 0; R->dp != NULL && j < R->nct; j++) {
		rota_dp_free(R->dp[j]);
		R->dp[j] = NULL;
	}
	rota_prog_lp_free(&R->g);
}

static int
solve_roles(const struct rota_problem *p, struct rota_role *R, double tie, long cap,
    double deadline, struct rota_result *r, struct cq_err *err)
{
	int q, left = 0;

	for (q = 0; q < p->nroles; q++)
		left += rota_comb_bound(p, q, r->cycle_weeks, &r->min_persons[q]) >= 0;
	for (q = 0; q < p->nroles; q++) {
		double now = rota_now();

		R[q].p = p;
		R[q].role = q;
		R[q].W = r->cycle_weeks;
		R[q].tie = tie;
		R[q].verbose = p->verbose;
		R[q].deadline = now + (deadline - now) / (left > 0 ? left : 1);
		left--;
		if (rota_role_solve(&R[q], cap, r->why, sizeof r->why, err) != 0)
			return -1;
		role_shrink(&R[q]);
	}
	return 0;
}

int
rota_solve(const struct rota_problem *p, int want_dat, struct rota_result *r,
    struct cq_err *err)
{
	double t0 = rota_now(), limit = p->time_limit_s > 0 ? p->time_limit_s : ROTA_TIME_LIMIT;
	long cap = p->enum_cap == 0 ? ROTA_ENUM_CAP : p->enum_cap;
	struct rota_role *R;
	double tie = 0.0;
	int q, rc = -1;

	memset(r, 0, sizeof *r);
	if (rota_check(p, err) != 0)
		return -1;
	r->cycle_weeks = rota_cycle_weeks(p);
	r->ndays = r->cycle_weeks * WEEK_DAYS;
	if (result_alloc(p, r) != 0 || (R = calloc((size_t)p->nroles + 1, sizeof *R)) == NULL) {
		rota_result_free(r);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	for (q = 0; q < p->nroles; q++)
		tie += rota_comb_bound(p, q, r->cycle_weeks, NULL);
	r->tie = tie = fmax(1e-4, 1e-6 * tie);
	if (solve_roles(p, R, tie, cap, t0 + limit, r, err) != 0)
		goto out;
	combine(r, R, p->nroles);
	if (r->feasible) {
		if (put_lines(r, R, p->nroles) != 0)
			goto oom;
		tally(p, r);
		r->gap = r->cost_per_week > 0 ? (r->cost_per_week - r->bound) / r->cost_per_week : 0;
		if (r->exact || r->gap < 0)
			r->gap = 0.0;
	} else {
		r->exact = 0;
		r->bound = r->gap = 0.0;
	}
	if (want_dat && keep_dat(p, R, p->nroles, tie, r) != 0)
		goto oom;
	rc = 0;
	goto out;
oom:
	cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
out:
	for (q = 0; q < p->nroles; q++)
		rota_role_free(&R[q]);
	free(R);
	if (rc != 0)
		rota_result_free(r);
	else
		r->seconds = rota_now() - t0;
	return rc;
}

void
rota_result_free(struct rota_result *r)
{
	free(r->lines);
	free(r->headcount);
	free(r->fte);
	free(r->over_cover);
	free(r->min_persons);
	free(r->dat);
	r->lines = NULL;
	r->headcount = NULL;
	r->fte = NULL;
	r->over_cover = NULL;
	r->min_persons = NULL;
	r->dat = NULL;
}
