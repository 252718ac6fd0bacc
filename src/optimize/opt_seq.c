/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_seq.c — sequential tests that spare the search simulations it need not
 * run to the end.
 *
 * Screening a move.  Most moves the search tries fail, and most of them
 * plainly.  A move is first played on the first k of the scenario's n
 * replications (k = max(2, ceil(n / 3))), then on 2k while that is fewer
 * than n, each stage adding only the replications it lacks.  Replication i of the move and of
 * the roster it moves from share their random numbers (arrivals, services,
 * patience, calls: common random numbers), so the paired differences of a
 * figure, d_i = move_i - from_i, vary far less than the figure itself.  The
 * move's mean over all n replications is then predicted as the roster's own
 * mean over them plus the mean difference, with the Student-t 95% interval of
 * the differences.  When that interval lies wholly on the wrong side of a
 * target (below a share target, above a cap or a miss rate), the move would
 * miss it over the n replications, and it is abandoned as failed.  Otherwise
 * it is simulated in full and judged as any roster.  A screen only ever
 * rejects: it never accepts a roster, so no answer depends on it, and a move
 * wrongly abandoned (a 2.5% chance for a target met exactly on average) only
 * leaves the answer a little dearer.
 *
 * Futility of more replications.  A roster that meets every target on
 * average but not all with confidence is simulated again with 2, 4, then 8
 * times the replications (opt_judge.c).  Where even the far end of a
 * target's interval clears it by less than the half-width the interval would
 * have at 8 times the replications, more replications cannot confirm it
 * (unless its true figure lies outside its 95% interval), and none are run.
 */
#include "opt_int.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OPT_MORE_MAX 8            /* the largest stage of more replications */

/* The predicted mean over n replications of a figure of the move (whose
 * first k replications are mv's), from the same replications of ref: the
 * interval of ref's mean plus the paired differences.  NaN when a
 * replication has no figure. */
static struct est
predict(const struct meas *mv, const struct meas *ref, int k, int n,
    double (*fig)(const struct meas_rep *, int), int arg, double *d)
{
	struct est e = { NAN, NAN, NAN };
	double base = 0.0, a, b;
	int i;

	for (i = 0; i < n; i++) {
		if (isnan(a = fig(&ref->reps[i], arg)))
			return e;
		base += a;
	}
	base /= n;
	for (i = 0; i < k; i++) {
		a = fig(&mv->reps[i], arg);
		b = fig(&ref->reps[i], arg);
		if (isnan(a) || isnan(b))
			return e;
		d[i] = a - b;
	}
	e = meas_est(d, k);
	e.mean += base;
	e.lo += base;
	e.hi += base;
	return e;
}

static double
fig_attainment(const struct meas_rep *r, int c)
{
	return meas_rep_attainment(r, c);
}

static double
fig_utilization(const struct meas_rep *r, int role)
{
	return meas_rep_utilization(r, role);
}

static double
fig_miss_rate(const struct meas_rep *r, int unused)
{
	(void)unused;
	return meas_rep_miss_rate(r);
}

/* 1 when mv's first k replications say a target is missed over n with
 * confidence (the words in why), 0 when not, -1 on ENOMEM. */
static int
clearly_fails(const struct opt *x, const struct meas *mv, const struct meas *ref, int k,
    int n, char *why, size_t nwhy)
{
	const struct scn *s = x->s;
	double *d = malloc((size_t)k * sizeof *d);
	struct est e;
	int c, r, rc = 0;

	if (d == NULL)
		return -1;
	for (c = 0; c < s->nclasses && !rc; c++) {
		if (!s->classes[c].has_target)
			continue;
		e = predict(mv, ref, k, n, fig_attainment, c, d);
		if (e.hi < s->classes[c].target_share) {
			snprintf(why, nwhy, "class %s predicted at %.1f%% (95%% CI %.1f-%.1f%%) "
			    "over %d replications, under %g%%", s->classes[c].name, 100 * e.mean,
			    100 * e.lo, 100 * e.hi, n, 100 * s->classes[c].target_share);
			rc = 1;
		}
	}
	for (r = 0; r < s->nroles && !rc && s->has_max_utilization; r++) {
		e = predict(mv, ref, k, n, fig_utilization, r, d);
		if (e.lo > s->max_utilization) {
			snprintf(why, nwhy, "role %s utilization predicted at %.1f%% (95%% CI "
			    "%.1f-%.1f%%) over %d replications, above %g%%", s->roles[r].name,
			    100 * e.mean, 100 * e.lo, 100 * e.hi, n, 100 * s->max_utilization);
			rc = 1;
		}
	}
	if (!rc && s->has_safety_target) {
		e = predict(mv, ref, k, n, fig_miss_rate, 0, d);
		if (e.lo > s->safety_miss_rate) {
			snprintf(why, nwhy, "safety miss rate predicted at %.2f%% (95%% CI "
			    "%.2f-%.2f%%) over %d replications, above %g%%", 100 * e.mean,
			    100 * e.lo, 100 * e.hi, n, 100 * s->safety_miss_rate);
			rc = 1;
		}
	}
	free(d);
	return rc;
}

int
opt_screen_reps(const struct scn *s)
{
	int n = s->replications, k = (n + 2) / 3;

	return n >= 4 ? (k < 2 ? 2 : k) : 0;
}

/* Abandon iteration idx, a screen that failed. */
static struct opt_iter *
abandon(struct opt *x, int idx, const char *why)
{
	struct opt_iter *it = &x->r->iter[idx];

	it->decided = 1;
	it->all_met = 0;
	it->screened = 1;
	x->r->nscreened++;
	meas_slim(it->m);
	snprintf(it->note, sizeof it->note, "stopped after %d of %d replications: %s",
	    it->replications, x->s->replications, why);
	return it;
}

struct opt_iter *
opt_screen(struct opt *x, enum opt_phase phase, const int *staff, const struct meas *ref,
    struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_iter *it;
	char why[256];
	int k = opt_screen_reps(s), n = s->replications, idx, prev, rc;

	if ((it = opt_find_decided(x->r, staff, x->ns, s->seed)) != NULL)
		return it;
	if (k == 0 || ref == NULL || ref->reps == NULL || ref->replications < n)
		return opt_simulate(x, phase, staff, err);
	/* Stages of k, then 2k, replications while fewer than n; each plays
	 * only the replications it adds. */
	if ((it = opt_run_once(x, phase, staff, s->seed, k, 1, err)) == NULL)
		return NULL;
	for (;;) {
		idx = (int)(it - x->r->iter);
		if ((rc = clearly_fails(x, it->m, ref, it->replications, n, why, sizeof why)) < 0) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			return NULL;
		}
		if (rc > 0)
			return abandon(x, idx, why);
		if (2 * it->replications >= n)
			break;
		prev = idx;
		if ((it = opt_extend(x, phase, prev, 2 * it->replications, 1, err)) == NULL)
			return NULL;
		meas_slim(x->r->iter[prev].m);
	}
	snprintf(it->note, sizeof it->note, "screened on %d of %d replications; %d more",
	    it->replications, n, n - it->replications);
	return opt_settle(x, phase, staff, idx, err);
}

/* The largest stage's half-width, from one at n replications. */
static double
half_at_most(double half, int n)
{
	int N = OPT_MORE_MAX * n;

	if (n < 2 || !isfinite(half))
		return half;
	return half * sqrt((double)n / N) * gsl_cdf_tdist_Pinv(0.975, N - 1) /
	    gsl_cdf_tdist_Pinv(0.975, n - 1);
}

int
opt_more_futile(const struct scn *s, const struct meas *m, int n)
{
	int c, r;

	for (c = 0; c < s->nclasses; c++) {
		const struct est *e = &m->cls[c].attainment;

		if (s->classes[c].has_target && m->cls[c].met == MEAS_MET_ON_AVERAGE &&
		    e->hi - s->classes[c].target_share < half_at_most(e->mean - e->lo, n))
			return 1;
	}
	for (r = 0; r < s->nroles && s->has_max_utilization; r++) {
		const struct est *e = &m->role[r].utilization;

		if (m->role[r].met == MEAS_MET_ON_AVERAGE &&
		    s->max_utilization - e->lo < half_at_most(e->hi - e->mean, n))
			return 1;
	}
	if (s->has_safety_target && m->safety.met == MEAS_MET_ON_AVERAGE) {
		const struct est *e = &m->safety.miss_rate;

		if (s->safety_miss_rate - e->lo < half_at_most(e->hi - e->mean, n))
			return 1;
	}
	return 0;
}
