/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_judge.c — the optimizer's judge: verdicts of a roster's measures against the
 * targets, its simulations (each one an iteration; sequential sampling on
 * the search's seed), rosters already decided, and the words for what a
 * roster misses.
 */
#include "opt_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure/cover.h"
#include "measure/run.h"

/* A class target holds: met with confidence, or no item to measure (n/a). */
int
opt_class_ok(enum meas_met met)
{
	return met == MEAS_MET_CONFIDENT || met == MEAS_MET_NA || met == MEAS_MET_NONE;
}

/* A role with max_utilization: under the cap with confidence, or without
 * available hours (no verdict), else it fails. */
int
opt_role_fails(const struct scn *s, const struct meas *m, int r)
{
	return s->has_max_utilization && m->role[r].met != MEAS_MET_CONFIDENT &&
	    m->role[r].met != MEAS_MET_NA;
}

static int
all_met(const struct scn *s, const struct meas *m)
{
	int c, r;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && !opt_class_ok(m->cls[c].met))
			return 0;
	for (r = 0; r < s->nroles; r++)
		if (opt_role_fails(s, m, r))
			return 0;
	return !(s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT);
}

int
opt_none_missed(const struct scn *s, const struct meas *m)
{
	int c, r;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && m->cls[c].met == MEAS_MET_NO)
			return 0;
	for (r = 0; r < s->nroles; r++)
		if (s->has_max_utilization && m->role[r].met == MEAS_MET_NO)
			return 0;
	return !(s->has_safety_target && m->safety.met == MEAS_MET_NO);
}

/* How far a roster is from meeting every target: the sum of shortfalls of the
 * intervals' ends that decide. */
double
opt_shortfall(const struct scn *s, const struct meas *m)
{
	double sum = 0.0, d;
	int c, r;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && !opt_class_ok(m->cls[c].met)) {
			d = s->classes[c].target_share - m->cls[c].attainment.lo;
			sum += isfinite(d) && d > 0 ? d : 1.0;
		}
	for (r = 0; r < s->nroles; r++)
		if (opt_role_fails(s, m, r)) {
			d = m->role[r].utilization.hi - s->max_utilization;
			sum += isfinite(d) && d > 0 ? d : 0.01;
		}
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT) {
		d = m->safety.miss_rate.hi - s->safety_miss_rate;
		sum += isfinite(d) && d > 0 ? d : 0.01;
	}
	return sum;
}

/* The smallest margin by which a roster's intervals clear their targets:
 * equal costs are broken by it (the larger, the safer), not by file order. */
double
opt_margin(const struct scn *s, const struct meas *m)
{
	double best = 1.0, d;
	int c, r;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && m->cls[c].met != MEAS_MET_NA) {
			d = m->cls[c].attainment.lo - s->classes[c].target_share;
			if (isfinite(d) && d < best)
				best = d;
		}
	for (r = 0; r < s->nroles && s->has_max_utilization; r++)
		if (m->role[r].met != MEAS_MET_NA) {
			d = s->max_utilization - m->role[r].utilization.hi;
			if (isfinite(d) && d < best)
				best = d;
		}
	if (s->has_safety_target) {
		d = s->safety_miss_rate - m->safety.miss_rate.hi;
		if (isfinite(d) && d < best)
			best = d;
	}
	return best;
}

/* The decided simulation of a roster on a seed, or NULL. */
struct opt_iter *
opt_find_decided(struct opt_result *r, const int *staff, int ns, uint64_t seed)
{
	int i;

	for (i = r->niter - 1; i >= 0; i--)
		if (r->iter[i].decided && r->iter[i].seed == seed && !r->iter[i].as_written &&
		    memcmp(r->iter[i].staff, staff, (size_t)ns * sizeof *staff) == 0)
			return &r->iter[i];
	return NULL;
}

/* The copy's shifts: the written ones, then the staffed candidates. */
static int
compact(const struct opt *x, struct scn *copy, const int *staff, struct run_opts *ro,
    int **own, struct cq_err *err)
{
	struct scn_shift *sh = malloc((size_t)x->ns * sizeof *sh);
	int *st = malloc((size_t)x->ns * sizeof *st), i, n = 0;

	if (sh == NULL || st == NULL) {
		free(sh);
		free(st);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	for (i = 0; i < x->ns; i++)
		if (i < x->nfixed || staff[i] > 0) {
			sh[n] = x->s->shifts[i];
			st[n++] = staff[i];
		}
	copy->shifts = sh;
	copy->nshifts = n;
	ro->staff = *own = st;
	return 0;
}

/* Simulate a roster on a seed with reps replications: its measures, NULL
 * with err. */
static struct meas *
play(struct opt *x, const int *staff, uint64_t seed, int first, int reps, struct cq_err *err)
{
	struct run_opts ro;
	struct scn *copy;
	struct meas *m;
	int *own = NULL;            /* the compacted roster (shift design) */

	if (x->o->stop != NULL && *x->o->stop) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted");
		return NULL;
	}
	if ((copy = malloc(sizeof *copy)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		return NULL;
	}
	*copy = *x->s;            /* shallow: shares the shifts, read only */
	copy->seed = seed;
	copy->replications = reps;
	memset(&ro, 0, sizeof ro);
	ro.staff = staff;
	ro.jobs = x->o->jobs;
	ro.stop = x->o->stop;
	ro.first = first;
	/* Shift design: the engine plays only the candidates staffed, so that
	 * many unstaffed candidates cost no events (the written shifts keep their
	 * places, the staffed candidates their order: the same play). */
	if (x->nfixed < x->ns && compact(x, copy, staff, &ro, &own, err) != 0) {
		free(copy);
		return NULL;
	}
	if (x->play_written)
		ro.staff = NULL;      /* by day, as the shifts write it */
	m = run_replications(copy, &ro, err);
	if (copy->shifts != x->s->shifts && !x->play_written) {
		free(copy->shifts);
		free(own);
		/* The measures' roster indexes the derived scenario's shifts, which
		 * they are reported with (m->scn below), not the copy's. */
		if (m != NULL) {
			int *full = malloc((size_t)(x->ns + 1) * sizeof *full);

			if (full == NULL) {
				meas_free(m);
				free(copy);
				cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
				return NULL;
			}
			memcpy(full, staff, (size_t)x->ns * sizeof *full);
			free(m->staff);
			m->staff = full;
		}
	}
	free(copy);
	if (m != NULL)
		m->scn = x->s;        /* the copy is gone; the measures outlive it */
	return m;
}

/* Record a simulation's measures m (taken over) as an iteration. */
static struct opt_iter *
record(struct opt *x, enum opt_phase phase, const int *staff, uint64_t seed, struct meas *m,
    int keep, struct cq_err *err)
{
	struct opt_result *r = x->r;
	struct opt_iter *it;

	r->nsims++;
	if (r->niter % 16 == 0) {
		struct opt_iter *p = realloc(r->iter, (size_t)(r->niter + 16) * sizeof *p);

		if (p == NULL) {
			meas_free(m);
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			return NULL;
		}
		r->iter = p;
	}
	it = &r->iter[r->niter];
	memset(it, 0, sizeof *it);
	if ((it->staff = malloc((size_t)x->ns * sizeof *it->staff)) == NULL) {
		meas_free(m);
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		return NULL;
	}
	r->niter++;
	memcpy(it->staff, staff, (size_t)x->ns * sizeof *staff);
	it->phase = phase;
	it->m = m;
	it->seed = seed;
	it->replications = m->replications;
	it->as_written = x->play_written;
	it->cost = opt_roster_cost(x->s, it->as_written ? NULL : staff);
	it->all_met = all_met(x->s, m);
	/* A roster that fails is no answer: its estimates stay, its
	 * distributions go, so memory does not grow with the rounds (the
	 * answer's are simulated again if needed: opt_refill). */
	if (!it->all_met && !keep)
		meas_slim(m);
	if (x->o->progress != NULL)
		x->o->progress(x->o->progress_arg, it, r->nsims);
	return it;
}

struct opt_iter *
opt_run_once(struct opt *x, enum opt_phase phase, const int *staff, uint64_t seed, int reps,
    int keep, struct cq_err *err)
{
	struct meas *m;

	if ((m = play(x, staff, seed, 0, reps, err)) == NULL)
		return NULL;
	return record(x, phase, staff, seed, m, keep, err);
}

/* opt_extend, playing the roster as play_written says. */
static struct opt_iter *
extend(struct opt *x, enum opt_phase phase, int from, int reps, int keep,
    struct cq_err *err)
{
	const struct opt_iter *f = &x->r->iter[from];
	struct meas *more, *m;
	struct opt_iter *it;
	uint64_t seed = f->seed;
	int *staff, have = f->replications;

	if ((staff = malloc((size_t)x->ns * sizeof *staff)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		return NULL;
	}
	memcpy(staff, f->staff, (size_t)x->ns * sizeof *staff);
	if (f->m->slim || have >= reps) {
		it = opt_run_once(x, phase, staff, seed, reps, keep, err);
		free(staff);
		return it;
	}
	/* Only the replications it lacks: replication i is the same run. */
	if ((more = play(x, staff, seed, have, reps - have, err)) == NULL) {
		free(staff);
		return NULL;
	}
	m = meas_join(x->r->iter[from].m, more, err);
	meas_free(more);
	it = m != NULL ? record(x, phase, staff, seed, m, keep, err) : NULL;
	free(staff);
	return it;
}

struct opt_iter *
opt_extend(struct opt *x, enum opt_phase phase, int from, int reps, int keep,
    struct cq_err *err)
{
	int was = x->play_written;
	struct opt_iter *it;

	/* More of the roster as written is more of it as written. */
	x->play_written = x->r->iter[from].as_written;
	it = extend(x, phase, from, reps, keep, err);
	x->play_written = was;
	return it;
}

int
opt_refill(struct opt *x, struct opt_iter *it, struct cq_err *err)
{
	struct meas *m;
	int was = x->play_written;

	if (!it->m->slim)
		return 0;
	/* The same roster, seed and replications: the same figures. */
	x->play_written = it->as_written;
	m = play(x, it->staff, it->seed, 0, it->replications, err);
	x->play_written = was;
	if (m == NULL)
		return -1;
	meas_free(it->m);
	it->m = m;
	return 0;
}

/* Judge a roster on the search's seed (or find it judged already).
 *
 * Sequential sampling: a roster that meets every target on average but not
 * all with confidence is simulated again with 2, 4, then 8 times the
 * replications before it is judged.  Replication i is the same run whatever
 * their number, so the first ones are unchanged and the interval narrows: a
 * roster just above a target is then confirmed rather than passed over for a
 * dearer one; not when the largest stage could not confirm it (opt_seq.c).
 * Each stage plays only the replications it adds (opt_extend).  Every
 * simulation is an iteration; the last one decides. */
struct opt_iter *
opt_settle(struct opt *x, enum opt_phase phase, const int *staff, int from,
    struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_iter *it;
	int k, idx;

	if ((it = opt_find_decided(x->r, staff, x->ns, s->seed)) != NULL)
		return it;
	it = from >= 0 ? opt_extend(x, phase, from, s->replications, 1, err) :
	    opt_run_once(x, phase, staff, s->seed, s->replications, 1, err);
	if (it == NULL)
		return NULL;
	if (from >= 0)
		meas_slim(x->r->iter[from].m);
	for (k = 2; k <= 8 && !it->all_met && opt_none_missed(s, it->m) &&
	    !opt_more_futile(s, it->m, it->replications) &&
	    s->replications * k <= SCN_MAX_REPLICATIONS; k *= 2) {
		idx = (int)(it - x->r->iter);
		if ((it = opt_extend(x, OPT_MORE, idx, s->replications * k, 1, err)) == NULL)
			return NULL;
		meas_slim(x->r->iter[idx].m);
	}
	it->decided = 1;
	if (!it->all_met)
		meas_slim(it->m);
	return it;
}

struct opt_iter *
opt_simulate(struct opt *x, enum opt_phase phase, const int *staff, struct cq_err *err)
{
	return opt_settle(x, phase, staff, -1, err);
}

/* The persons of a roster expected available, per profile and quarter hour. */
static void
profile(const struct opt *x, const int *staff, float *prof)
{
	int i, h;

	memset(prof, 0, (size_t)x->npk * OPT_SLOTS * sizeof *prof);
	for (i = 0; i < x->ns; i++)
		if (staff[i] > 0) {
			float *p = prof + (size_t)x->pk_of[i] * OPT_SLOTS;
			const double *c = x->cover + (size_t)i * OPT_SLOTS;

			for (h = 0; h < OPT_SLOTS; h++)
				p[h] += (float)(staff[i] * c[h]);
		}
}

static int
no_more(const float *z, const float *y, int n)
{
	int k;

	for (k = 0; k < n; k++)
		if (z[k] > y[k] + 1e-4f)
			return 0;
	return 1;
}

/* A roster that has, role by role and quarter hour by quarter hour, no more
 * persons available than a roster that failed (decided, on any seed) fails
 * too: fewer persons at every moment cannot serve the same patients better.
 * This holds in particular when it has no more persons on every shift.
 * Returns the failed iteration, or -1. */
int
opt_dominator(const struct opt *x, const int *staff)
{
	struct opt_result *r = x->r;
	int i, j, n = x->npk * OPT_SLOTS, zdone = 0;

	for (i = 0; i < r->niter; i++) {
		struct opt_iter *it = &r->iter[i];

		if (!it->decided || it->all_met || it->as_written)
			continue;
		for (j = 0; j < x->ns && staff[j] <= it->staff[j]; j++)
			;
		if (j == x->ns)
			return i;
		if (it->prof == NULL) {
			if ((it->prof = malloc((size_t)n * sizeof *it->prof)) == NULL)
				continue;     /* no memory: no pruning, no harm */
			profile(x, it->staff, it->prof);
		}
		if (!zdone) {
			profile(x, staff, x->zprof);
			zdone = 1;
		}
		if (no_more(x->zprof, it->prof, n))
			return i;
	}
	return -1;
}

int
opt_dominated(const struct opt *x, const int *staff)
{
	return opt_dominator(x, staff) >= 0;
}

/* When most of class c's misses come with nobody on duty who serves it, say
 * where in the week (the same stretches as the run's warnings): more staff in
 * the busy hours would not help them. */
static size_t
describe_gaps(const struct scn *s, const struct meas *m, int c, char *buf, size_t len,
    size_t n)
{
	const struct meas_class *mc = &m->cls[c];
	double miss = mc->miss_no_cover.mean + mc->miss_queued.mean +
	    mc->miss_abandoned.mean + mc->miss_open.mean;
	struct cover_gap g[2];
	char when[64];
	int ng, i;

	if (!(miss > 0.0) || !(mc->miss_no_cover.mean > 0.5 * miss))
		return len;
	len += (size_t)snprintf(buf + len, n - len, "; %.0f%% of its misses had nobody "
	    "who serves it on duty between arriving and the end of its target window",
	    100.0 * mc->miss_no_cover.mean / miss);
	if ((ng = cover_gaps(s, m->staff, c, g, 2)) <= 0 || len >= n)
		return len < n ? len : n;
	for (i = 0; i < ng && i < 2 && len < n; i++) {
		cover_gap_name(&g[i], when, sizeof when);
		len += (size_t)snprintf(buf + len, n - len, "%s%s (%.0f%% of its items)",
		    i ? ", " : ": ", when, 100.0 * g[i].share);
	}
	if (ng > 2 && len < n)
		len += (size_t)snprintf(buf + len, n - len, " and %d more stretch%s", ng - 2,
		    ng - 2 == 1 ? "" : "es");
	if (len < n)
		len += (size_t)snprintf(buf + len, n - len, "; a shift of a role that "
		    "serves it in those hours would cover them");
	return len < n ? len : n;
}

/* Words for every target a roster misses: the mean and its interval, and the
 * shortfall of the mean with its interval; and, when most misses come with
 * nobody on duty, the stretches of the week without cover. */
void
opt_describe_misses(const struct scn *s, const struct meas *m, char *buf, size_t n)
{
	size_t len = strlen(buf);
	int c, r, first = 1;

	for (c = 0; c < s->nclasses && len < n; c++) {
		const struct scn_class *k = &s->classes[c];
		const struct est *e = &m->cls[c].attainment;
		double t = k->target_share;

		if (!k->has_target || opt_class_ok(m->cls[c].met))
			continue;
		if (e->mean >= t)
			len += (size_t)snprintf(buf + len, n - len, "%sclass %s attained %.1f%% "
			    "(95%% CI %.1f-%.1f%%) against %g%%: met on average, not with "
			    "confidence", first ? "" : "; ", k->name, 100 * e->mean, 100 * e->lo,
			    100 * e->hi, 100 * t);
		else
			len += (size_t)snprintf(buf + len, n - len, "%sclass %s attained %.1f%% "
			    "(95%% CI %.1f-%.1f%%) against %g%%, short by %.1f points (95%% CI "
			    "%.1f-%.1f)", first ? "" : "; ", k->name, 100 * e->mean, 100 * e->lo,
			    100 * e->hi, 100 * t, 100 * (t - e->mean),
			    100 * (t - e->hi > 0 ? t - e->hi : 0.0), 100 * (t - e->lo));
		if (len > n)
			len = n;
		if (len < n)
			len = describe_gaps(s, m, c, buf, len, n);
		first = 0;
	}
	for (r = 0; r < s->nroles && len < n; r++) {
		const struct est *e = &m->role[r].utilization;

		if (!opt_role_fails(s, m, r))
			continue;
		len += (size_t)snprintf(buf + len, n - len, "%srole %s utilization %.1f%% (95%% "
		    "CI %.1f-%.1f%%) against at most %g%%%s", first ? "" : "; ",
		    s->roles[r].name, 100 * e->mean, 100 * e->lo, 100 * e->hi,
		    100 * s->max_utilization, e->mean <= s->max_utilization ?
		    ": met on average, not with confidence" : "");
		first = 0;
	}
	if (len < n && s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT) {
		const struct est *e = &m->safety.miss_rate;
		double t = s->safety_miss_rate;

		if (e->mean <= t)
			snprintf(buf + len, n - len, "%ssafety miss rate %.2f%% (95%% CI "
			    "%.2f-%.2f%%) against at most %g%%: met on average, not with "
			    "confidence", first ? "" : "; ", 100 * e->mean, 100 * e->lo,
			    100 * e->hi, 100 * t);
		else
			snprintf(buf + len, n - len, "%ssafety miss rate %.2f%% (95%% CI "
			    "%.2f-%.2f%%) above %g%%, over by %.2f points (95%% CI %.2f-%.2f)",
			    first ? "" : "; ", 100 * e->mean, 100 * e->lo, 100 * e->hi, 100 * t,
			    100 * (e->mean - t), 100 * (e->lo - t > 0 ? e->lo - t : 0.0),
			    100 * (e->hi - t));
	}
}
