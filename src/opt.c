/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt.c — the optimizer's search: simulate rosters with common random
 * numbers, cut where targets are missed, search the moves of one or two
 * persons cheapest first, and confirm the answer on an independent seed.
 * The relaxation is opt_relax.c, GLPK is opt_glpk.c.  See opt.h and
 * doc/optimizer.md.
 */
#include "opt_int.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "rng.h"
#include "run.h"

#define OPT_MAX_REPLACE_SHIFTS 64  /* "one by two" moves are tried up to this many shifts */
/* Simulations a round of two-person moves may take: they are many, and only
 * the cheapest repairs are worth a simulation. */
#define OPT_PAIR_BUDGET(ns) (2 * (ns) + 4)

const char *
opt_phase_name(enum opt_phase p)
{
	static const char *const names[] = { "first", "cut", "remove", "move", "replace",
		"pair", "more", "confirm", "trim" };

	return (unsigned)p < sizeof names / sizeof names[0] ? names[p] : "?";
}

double
opt_roster_cost(const struct scn *s, const int *staff)
{
	double c = 0.0;
	int i;

	for (i = 0; i < s->nshifts; i++)
		c += (staff != NULL ? staff[i] : s->shifts[i].staff) *
		    scn_shift_hours_per_week(s, i) * s->shifts[i].cost_per_hour;
	return c;
}

/* ---- verdicts -------------------------------------------------------------- */

/* A class target holds: met with confidence, or no item to measure (n/a). */
static int
class_ok(enum meas_met met)
{
	return met == MEAS_MET_CONFIDENT || met == MEAS_MET_NA || met == MEAS_MET_NONE;
}

static int
all_met(const struct scn *s, const struct meas *m)
{
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && !class_ok(m->cls[c].met))
			return 0;
	return !(s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT);
}

/* Every target met at least on average (none plainly missed). */
static int
none_missed(const struct scn *s, const struct meas *m)
{
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && m->cls[c].met == MEAS_MET_NO)
			return 0;
	return !(s->has_safety_target && m->safety.met == MEAS_MET_NO);
}

/* How far a roster is from meeting every target: the sum of shortfalls of the
 * intervals' ends that decide. */
static double
shortfall(const struct scn *s, const struct meas *m)
{
	double sum = 0.0, d;
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && !class_ok(m->cls[c].met)) {
			d = s->classes[c].target_share - m->cls[c].attainment.lo;
			sum += isfinite(d) && d > 0 ? d : 1.0;
		}
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT) {
		d = m->safety.miss_rate.hi - s->safety_miss_rate;
		sum += isfinite(d) && d > 0 ? d : 0.01;
	}
	return sum;
}

/* The smallest margin by which a roster's intervals clear their targets:
 * equal costs are broken by it (the larger, the safer), not by file order. */
static double
margin(const struct scn *s, const struct meas *m)
{
	double best = 1.0, d;
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && m->cls[c].met != MEAS_MET_NA) {
			d = m->cls[c].attainment.lo - s->classes[c].target_share;
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

/* ---- simulations ------------------------------------------------------------ */

/* The decided simulation of a roster on a seed, or NULL. */
static struct opt_iter *
find_decided(struct opt_result *r, const int *staff, int ns, uint64_t seed)
{
	int i;

	for (i = r->niter - 1; i >= 0; i--)
		if (r->iter[i].decided && r->iter[i].seed == seed &&
		    memcmp(r->iter[i].staff, staff, (size_t)ns * sizeof *staff) == 0)
			return &r->iter[i];
	return NULL;
}

/* Simulate a roster once, on a seed with reps replications, and record it. */
static struct opt_iter *
run_once(struct opt *x, enum opt_phase phase, const int *staff, uint64_t seed, int reps,
    struct cq_err *err)
{
	struct opt_result *r = x->r;
	struct opt_iter *it;
	struct run_opts ro;
	struct scn *copy;
	struct meas *m;

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
	m = run_replications(copy, &ro, err);
	free(copy);
	if (m == NULL)
		return NULL;
	m->scn = x->s;            /* the copy is gone; the measures outlive it */
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
	it->replications = reps;
	it->cost = opt_roster_cost(x->s, staff);
	it->all_met = all_met(x->s, m);
	if (x->o->progress != NULL)
		x->o->progress(x->o->progress_arg, it, r->nsims);
	return it;
}

/* Judge a roster on the search's seed (or find it judged already).
 *
 * Sequential sampling: a roster that meets every target on average but not
 * all with confidence is simulated again with 2, 4, then 8 times the
 * replications before it is judged.  Replication i is the same run whatever
 * their number, so the first ones are unchanged and the interval narrows: a
 * roster just above a target is then confirmed rather than passed over for a
 * dearer one.  Every simulation is an iteration; the last one decides. */
static struct opt_iter *
simulate(struct opt *x, enum opt_phase phase, const int *staff, struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_iter *it;
	int k, idx;

	if ((it = find_decided(x->r, staff, x->ns, s->seed)) != NULL)
		return it;
	if ((it = run_once(x, phase, staff, s->seed, s->replications, err)) == NULL)
		return NULL;
	for (k = 2; k <= 8 && !it->all_met && none_missed(s, it->m) &&
	    s->replications * k <= SCN_MAX_REPLICATIONS; k *= 2)
		if ((it = run_once(x, OPT_MORE, staff, s->seed, s->replications * k, err)) == NULL)
			return NULL;
	idx = (int)(it - x->r->iter);
	x->r->iter[idx].decided = 1;
	return &x->r->iter[idx];
}

/* A roster no larger, shift by shift, than one already seen to fail (on the
 * search's seed or in a confirmation) fails too: fewer persons on every
 * shift cannot serve the same patients better. */
static int
dominated(const struct opt *x, const int *staff)
{
	const struct opt_result *r = x->r;
	int i, j;

	for (i = 0; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];

		if (!it->decided || it->all_met)
			continue;
		for (j = 0; j < x->ns && staff[j] <= it->staff[j]; j++)
			;
		if (j == x->ns)
			return 1;
	}
	return 0;
}

/* ---- simulation cuts ---------------------------------------------------- */

static const char *const day_name[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

/* A cut for a missed target of class c: one more person, among the shifts of
 * the roles that serve c, on duty in the hour of week where the simulated
 * queue of c was longest (and some such shift can still grow).  Returns 1 if a
 * cut was added, 0 if none can be (every such shift is at its max: their
 * names go to atmax), -1 on error. */
static int
class_cut(struct opt *x, int c, struct opt_iter *it, const char *why, char *atmax,
    size_t natmax, unsigned char *named, struct cq_err *err)
{
	const struct scn *s = x->s;
	const struct scn_class *k = &s->classes[c];
	const double *bl = it->m->cls[c].backlog;
	double score[SCN_HOW], best, *a = NULL;
	int used[SCN_HOW], h, i, hb, n, room, rc = -1, sum;
	size_t len;

	if ((a = calloc((size_t)x->ns, sizeof *a)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	best = 0.0;
	for (h = 0; h < SCN_HOW; h++) {
		score[h] = isfinite(bl[h]) ? bl[h] : 0.0;
		best = score[h] > best ? score[h] : best;
		used[h] = 0;
	}
	if (best < 1e-9)
		for (h = 0; h < SCN_HOW; h++)
			score[h] = x->lam[c][h];
	for (n = 0; n < SCN_HOW; n++) {
		hb = -1;
		for (h = 0; h < SCN_HOW; h++)
			if (!used[h] && (hb < 0 || score[h] > score[hb]))
				hb = h;
		used[hb] = 1;
		room = 0;
		sum = 0;
		for (i = 0; i < x->ns; i++) {
			const struct scn_shift *sh = &s->shifts[i];

			a[i] = 0;
			if (!opt_serves(x, i, c) || (sh->on_call && k->mode == SCN_ASYNC))
				continue;
			if (opt_shift_minutes(sh, hb * 60.0, hb * 60.0 + 60.0) <= 0)
				continue;
			a[i] = 1;
			sum += it->staff[i];
			room += it->staff[i] < sh->max;
		}
		if (room > 0) {
			rc = opt_add_cut(x, a, sum + 1, 0, err, "%s: one more on duty %s %02d:00",
			    why, day_name[hb / 24], hb % 24) == 0 ? 1 : -1;
			snprintf(it->note + strlen(it->note), sizeof it->note -
			    strlen(it->note), "%s%s: +1 on duty %s %02d:00",
			    it->note[0] ? "; " : "", why, day_name[hb / 24], hb % 24);
			goto out;
		}
	}
	/* No hour has room: every shift that serves c is at its max. */
	len = strlen(atmax);
	for (i = 0; i < x->ns && len < natmax; i++)
		if (opt_serves(x, i, c) && !(s->shifts[i].on_call && k->mode == SCN_ASYNC) &&
		    !named[i]) {
			named[i] = 1;
			len += (size_t)snprintf(atmax + len, natmax - len, "%s%s %d of %d",
			    len ? ", " : "", s->shifts[i].name, it->staff[i], s->shifts[i].max);
		}
	rc = 0;
out:
	free(a);
	return rc;
}

/* The class that carries the safety question. */
static int
safety_class(const struct scn *s)
{
	int c;

	if (s->esc.enabled)
		return s->esc.to_class;
	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].mode == SCN_SYNC && s->classes[c].safe_window > 0)
			return c;
	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].safe_window > 0)
			return c;
	return -1;
}

/* Cuts for every missed target of it.  Returns the number added, -1 on error. */
static int
sim_cuts(struct opt *x, struct opt_iter *it, char *atmax, size_t natmax,
    struct cq_err *err)
{
	const struct scn *s = x->s;
	const struct meas *m = it->m;
	char why[160];
	int c, k, added = 0;
	unsigned char *named = calloc((size_t)x->ns, 1);

	if (named == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	atmax[0] = '\0';
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *cl = &s->classes[c];

		if (!cl->has_target || class_ok(m->cls[c].met))
			continue;
		/* Two decimals: a lower end just under the target must not print
		 * as equal to it. */
		snprintf(why, sizeof why, "%s %.2f%% < %g%%", cl->name,
		    100 * m->cls[c].attainment.lo, 100 * cl->target_share);
		if ((k = class_cut(x, c, it, why, atmax, natmax, named, err)) < 0)
			goto fail;
		added += k;
	}
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT &&
	    (c = safety_class(s)) >= 0) {
		snprintf(why, sizeof why, "safety miss rate %.2f%% > %g%%",
		    100 * m->safety.miss_rate.hi, 100 * s->safety_miss_rate);
		if ((k = class_cut(x, c, it, why, atmax, natmax, named, err)) < 0)
			goto fail;
		added += k;
	}
	free(named);
	return added;
fail:
	free(named);
	return -1;
}

/* Words for every target a roster misses: the mean and its interval, and the
 * shortfall of the mean with its interval. */
static void
describe_misses(const struct scn *s, const struct meas *m, char *buf, size_t n)
{
	size_t len = strlen(buf);
	int c, first = 1;

	for (c = 0; c < s->nclasses && len < n; c++) {
		const struct scn_class *k = &s->classes[c];
		const struct est *e = &m->cls[c].attainment;
		double t = k->target_share;

		if (!k->has_target || class_ok(m->cls[c].met))
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

/* ---- climbing to a roster that meets every target ------------------------ */

/* Solve, simulate, cut, until a roster meets every target on the search's
 * seed (*ok) or no cut can help.  *best is the smallest shortfall seen. */
static int
climb(struct opt *x, int *cur, int first, struct opt_iter **ok, struct opt_iter **best,
    struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_result *r = x->r;
	int round, k, maxit = x->o->max_iter > 0 ? x->o->max_iter : OPT_MAX_ITER;
	char atmax[1024];
	struct opt_iter *it;

	*ok = NULL;
	for (round = 0; round < maxit; round++) {
		if ((k = opt_solve(x, cur, err)) < 0)
			return -1;
		if (k > 0) {
			if (first && round == 0)
				/* Should not happen (requirements are capped at the bounds). */
				return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the first roster "
				    "problem has no solution within the shifts' bounds");
			snprintf(r->fail, sizeof r->fail, "no roster within the shifts' bounds "
			    "satisfies the cuts the simulations added; the best roster found: ");
			return 0;
		}
		memcpy(r->last_solve, cur, (size_t)x->ns * sizeof *cur);
		if ((it = simulate(x, first && round == 0 ? OPT_FIRST : OPT_CUT, cur, err)) == NULL)
			return -1;
		if (*best == NULL || shortfall(s, it->m) < shortfall(s, (*best)->m) ||
		    (shortfall(s, it->m) == shortfall(s, (*best)->m) && it->cost < (*best)->cost))
			*best = it;
		if (it->all_met) {
			*ok = it;
			snprintf(it->note + strlen(it->note), sizeof it->note - strlen(it->note),
			    "%severy target met with confidence", it->note[0] ? "; " : "");
			return 0;
		}
		if ((k = sim_cuts(x, it, atmax, sizeof atmax, err)) < 0)
			return -1;
		if (k == 0) {
			snprintf(r->fail, sizeof r->fail, "roster %d, the last tried, misses a "
			    "target with every shift that serves it at its max (%s); the best "
			    "roster found: ", (int)(it - r->iter) + 1, atmax);
			return 0;
		}
	}
	snprintf(r->fail, sizeof r->fail, "no roster met every target within %d rounds of "
	    "cuts; the best roster found: ", maxit);
	return 0;
}

/* ---- the local search ---------------------------------------------------- */

/* A move: one person less on shift del, one more on add1 and on add2 (-1:
 * none; add1 == add2 adds two). */
struct move {
	int del, add1, add2;
	double cost;
	enum opt_phase kind;
};

static const struct opt *move_ctx;  /* qsort has no context argument */
static const int *move_cur;

/* The roster after a move. */
static void
apply(const struct move *mv, const int *cur, int *out, int ns)
{
	memcpy(out, cur, (size_t)ns * sizeof *out);
	out[mv->del]--;
	if (mv->add1 >= 0)
		out[mv->add1]++;
	if (mv->add2 >= 0)
		out[mv->add2]++;
}

/* Cheapest first; equal costs by the rosters compared shift by shift in the
 * order of the shifts' names, so that the file's order does not matter. */
static int
move_cmp(const void *p, const void *q)
{
	const struct move *u = p, *v = q;
	const struct opt *x = move_ctx;
	int i, a, b;

	if (fabs(u->cost - v->cost) > 1e-9)
		return u->cost < v->cost ? -1 : 1;
	for (i = 0; i < x->ns; i++) {
		int k = x->by_name[i];

		a = move_cur[k] - (u->del == k) + (u->add1 == k) + (u->add2 == k);
		b = move_cur[k] - (v->del == k) + (v->add1 == k) + (v->add2 == k);
		if (a != b)
			return a < b ? -1 : 1;
	}
	return 0;
}

/* Append a move to a growing array; on ENOMEM the array is freed (-1). */
static int
push_move(struct move **mv, int *n, int *cap, const struct move *add)
{
	if (*n == *cap) {
		struct move *p = realloc(*mv, (size_t)(*cap = *cap ? 2 * *cap : 64) * sizeof *p);

		if (p == NULL) {
			free(*mv);
			*mv = NULL;
			return -1;
		}
		*mv = p;
	}
	(*mv)[(*n)++] = *add;
	return 0;
}

/* Every move of one or two persons from cur that makes the roster cheaper:
 * remove one; move one to any other shift (of any role); replace one by two
 * on cheaper shifts.  Returns the count, -1 on ENOMEM. */
static int
moves(const struct opt *x, const int *cur, struct move **out)
{
	const struct scn *s = x->s;
	double c0 = opt_roster_cost(s, cur);
	int i, j, k, n = 0, cap = 0;
	struct move *mv = NULL, add;

	for (i = 0; i < x->ns; i++) {
		if (cur[i] <= s->shifts[i].min || !(x->cost[i] > 0))
			continue;
		for (j = -1; j < x->ns; j++)
			for (k = j; k < (j < 0 || x->ns > OPT_MAX_REPLACE_SHIFTS ? j + 1 : x->ns);
			    k++) {
				if (j == i || (k == i && k >= 0))
					continue;
				add.del = i;
				add.add1 = j;
				add.add2 = k == j ? -1 : k;
				if (j >= 0 && cur[j] + 1 + (k == j && k >= 0 && add.add2 >= 0) >
				    s->shifts[j].max)
					continue;
				if (add.add2 >= 0 && cur[k] + 1 > s->shifts[k].max)
					continue;
				add.cost = c0 - x->cost[i] + (j >= 0 ? x->cost[j] : 0.0) +
				    (add.add2 >= 0 ? x->cost[add.add2] : 0.0);
				add.kind = j < 0 ? OPT_REMOVE : add.add2 < 0 ? OPT_MOVE : OPT_REPLACE;
				if (!(add.cost < c0 - 1e-6))
					continue;
				if (push_move(&mv, &n, &cap, &add) != 0)
					return -1;
			}
		/* Two more on one cheaper shift. */
		for (j = 0; j < x->ns && x->ns <= OPT_MAX_REPLACE_SHIFTS; j++) {
			if (j == i || cur[j] + 2 > s->shifts[j].max)
				continue;
			add.del = i;
			add.add1 = j;
			add.add2 = j;
			add.cost = c0 - x->cost[i] + 2 * x->cost[j];
			add.kind = OPT_REPLACE;
			if (!(add.cost < c0 - 1e-6))
				continue;
			if (push_move(&mv, &n, &cap, &add) != 0)
				return -1;
		}
	}
	move_ctx = x;
	move_cur = cur;
	if (n > 1)          /* mv is NULL when there is no move */
		qsort(mv, (size_t)n, sizeof *mv, move_cmp);
	*out = mv;
	return n;
}

static void
move_words(const struct opt *x, const struct move *mv, char *buf, size_t n)
{
	const struct scn *s = x->s;

	if (mv->add1 < 0)
		snprintf(buf, n, "remove one from %s", s->shifts[mv->del].name);
	else if (mv->add2 < 0)
		snprintf(buf, n, "move one from %s to %s", s->shifts[mv->del].name,
		    s->shifts[mv->add1].name);
	else if (mv->add1 == mv->add2)
		snprintf(buf, n, "replace one on %s by two on %s", s->shifts[mv->del].name,
		    s->shifts[mv->add1].name);
	else
		snprintf(buf, n, "replace one on %s by one on %s and one on %s",
		    s->shifts[mv->del].name, s->shifts[mv->add1].name, s->shifts[mv->add2].name);
}

/* From a roster that meets every target, take the cheapest move that keeps
 * them all (equal costs: the larger margin), until none does. */
static int
local_search(struct opt *x, int *cur, struct cq_err *err)
{
	const struct scn *s = x->s;
	struct move *mv = NULL;
	int *try = NULL, n, i, best, rc = -1;
	double best_margin = 0.0, mg;
	char words[256];
	struct opt_iter *it;

	if ((try = malloc((size_t)x->ns * sizeof *try)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (;;) {
		if ((n = moves(x, cur, &mv)) < 0) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			goto out;
		}
		best = -1;
		for (i = 0; i < n; i++) {
			if (best >= 0 && mv[i].cost > mv[best].cost + 1e-6)
				break;
			apply(&mv[i], cur, try, x->ns);
			/* First: no larger than a failure, a failed confirmation too. */
			if (dominated(x, try)) {
				if (find_decided(x->r, try, x->ns, s->seed) == NULL)
					x->r->npruned++;
				continue;
			}
			if ((it = find_decided(x->r, try, x->ns, s->seed)) == NULL) {
				if (opt_breaks_necessary(x, try) >= 0) {
					x->r->npruned++;
					continue;
				}
				if ((it = simulate(x, mv[i].kind, try, err)) == NULL)
					goto out;
				move_words(x, &mv[i], words, sizeof words);
				snprintf(it->note, sizeof it->note, "%s%s", words, it->all_met ?
				    "" : ": targets missed");
			}
			if (!it->all_met)
				continue;
			mg = margin(s, it->m);
			if (best < 0 || mg > best_margin) {
				best = i;
				best_margin = mg;
			}
		}
		if (best < 0)
			break;
		apply(&mv[best], cur, try, x->ns);
		it = find_decided(x->r, try, x->ns, s->seed);
		it->kept = 1;
		snprintf(it->note + strlen(it->note), sizeof it->note - strlen(it->note),
		    ", kept");
		memcpy(cur, try, (size_t)x->ns * sizeof *cur);
		free(mv);
		mv = NULL;
	}
	rc = 0;
out:
	free(mv);
	free(try);
	return rc;
}

/* The hour of week where the first target a roster misses hurts most: its
 * class's longest simulated queue (its arrivals when nothing queued).  *cls
 * is the class, -1 when none is missed. */
static int
worst_hour(const struct opt *x, const struct opt_iter *it, int *cls)
{
	const struct scn *s = x->s;
	int c, h, hb = 0;
	double best = -1.0, v;

	*cls = -1;
	for (c = 0; c < s->nclasses && *cls < 0; c++)
		if (s->classes[c].has_target && !class_ok(it->m->cls[c].met))
			*cls = c;
	if (*cls < 0 && s->has_safety_target && it->m->safety.met != MEAS_MET_CONFIDENT)
		*cls = safety_class(s);
	if (*cls < 0)
		return -1;
	for (h = 0; h < SCN_HOW; h++) {
		v = isfinite(it->m->cls[*cls].backlog[h]) ? it->m->cls[*cls].backlog[h] : 0.0;
		if (v > best + 1e-12)
			best = v, hb = h;
	}
	if (best < 1e-9)
		for (h = 0, best = -1.0; h < SCN_HOW; h++)
			if (x->lam[*cls][h] > best)
				best = x->lam[*cls][h], hb = h;
	return hb;
}

/* Shift i puts someone on duty for class c in hour h of the week. */
static int
covers(const struct opt *x, int i, int c, int h)
{
	const struct scn_shift *sh = &x->s->shifts[i];

	return opt_serves(x, i, c) && !(sh->on_call && x->s->classes[c].mode == SCN_ASYNC) &&
	    opt_shift_minutes(sh, h * 60.0, h * 60.0 + 60.0) > 0;
}

static int *const *pair_base;    /* qsort has no context argument */

static int
pair_cmp(const void *p, const void *q)
{
	const struct move *u = p, *v = q;
	const struct opt *x = move_ctx;
	int i, a, b;

	if (fabs(u->cost - v->cost) > 1e-9)
		return u->cost < v->cost ? -1 : 1;
	for (i = 0; i < x->ns; i++) {
		int k = x->by_name[i];

		a = pair_base[u->add2][k] - (u->del == k) + (u->add1 == k);
		b = pair_base[v->add2][k] - (v->del == k) + (v->add1 == k);
		if (a != b)
			return a < b ? -1 : 1;
	}
	return 0;
}

/* Moves of two persons: a cheaper move that failed (y), repaired by moving a
 * second person from a shift that is not on duty where y failed to one that
 * is, when the two together still cost less than cur.  Cheapest first, at
 * most budget simulations.  Returns 1 when cur was improved, 0 if not, -1. */
static int
pair_search(struct opt *x, int *cur, int budget, struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_result *r = x->r;
	double c0 = opt_roster_cost(s, cur);
	struct move *mv = NULL, add;
	int **base = NULL, nbase = 0, n = 0, cap = 0, k, i, j, d, c, hb, best = -1, rc = -1;
	int *try = NULL;
	double best_margin = 0.0, mg;
	struct opt_iter *it;
	char words[256];

	base = calloc((size_t)r->niter, sizeof *base);
	try = malloc((size_t)x->ns * sizeof *try);
	if (base == NULL || try == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	/* The failed neighbours of cur: one or two persons away, cheaper. */
	for (k = 0; k < r->niter; k++) {
		const struct opt_iter *y = &r->iter[k];

		if (!y->decided || y->all_met || y->seed != s->seed || !(y->cost < c0 - 1e-6))
			continue;
		for (i = 0, d = 0; i < x->ns; i++)
			d += abs(y->staff[i] - cur[i]);
		if (d <= 3)
			base[nbase++] = y->staff;
	}
	for (k = 0; k < nbase; k++) {
		const struct opt_iter *y = find_decided(r, base[k], x->ns, s->seed);
		double cy = y->cost;

		if ((hb = worst_hour(x, y, &c)) < 0)
			continue;
		for (i = 0; i < x->ns; i++) {
			if (y->staff[i] <= s->shifts[i].min || covers(x, i, c, hb))
				continue;
			for (j = 0; j < x->ns; j++) {
				double cz = cy - x->cost[i] + x->cost[j];

				if (j == i || y->staff[j] >= s->shifts[j].max || !covers(x, j, c, hb) ||
				    !(cz < c0 - 1e-6))
					continue;
				/* Stored as a move from y: del i, add j, and y's index in
				 * base where a second add would go. */
				add.del = i;
				add.add1 = j;
				add.add2 = k;
				add.cost = cz;
				add.kind = OPT_PAIR;
				if (push_move(&mv, &n, &cap, &add) != 0) {
					cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
					goto out;
				}
			}
		}
	}
	/* Cheapest first; equal costs in an order-free order (shift names). */
	move_ctx = x;
	pair_base = base;
	if (n > 1)
		qsort(mv, (size_t)n, sizeof *mv, pair_cmp);
	for (i = 0; i < n; i++) {
		if (best >= 0 && mv[i].cost > mv[best].cost + 1e-6)
			break;
		memcpy(try, base[mv[i].add2], (size_t)x->ns * sizeof *try);
		try[mv[i].del]--;
		try[mv[i].add1]++;
		if (memcmp(try, cur, (size_t)x->ns * sizeof *try) == 0 || dominated(x, try))
			continue;
		if ((it = find_decided(r, try, x->ns, s->seed)) == NULL) {
			if (opt_breaks_necessary(x, try) >= 0) {
				r->npruned++;
				continue;
			}
			if (budget-- <= 0)
				break;
			if ((it = simulate(x, OPT_PAIR, try, err)) == NULL)
				goto out;
			snprintf(words, sizeof words, "the roster of iteration %d with one moved "
			    "from %s to %s", (int)(find_decided(r, base[mv[i].add2], x->ns,
			    s->seed) - r->iter) + 1, s->shifts[mv[i].del].name,
			    s->shifts[mv[i].add1].name);
			snprintf(it->note, sizeof it->note, "%s%s", words, it->all_met ? "" :
			    ": targets missed");
		}
		if (!it->all_met)
			continue;
		mg = margin(s, it->m);
		if (best < 0 || mg > best_margin) {
			best = i;
			best_margin = mg;
		}
	}
	rc = 0;
	if (best >= 0) {
		memcpy(try, base[mv[best].add2], (size_t)x->ns * sizeof *try);
		try[mv[best].del]--;
		try[mv[best].add1]++;
		it = find_decided(r, try, x->ns, s->seed);
		it->kept = 1;
		snprintf(it->note + strlen(it->note), sizeof it->note - strlen(it->note),
		    ", kept");
		memcpy(cur, try, (size_t)x->ns * sizeof *cur);
		rc = 1;
	}
out:
	free(mv);
	free(base);
	free(try);
	return rc;
}

/* ---- when no roster meets the targets ------------------------------------ */

/* Every target ref meets with confidence still met, the others no worse on
 * average. */
static int
no_worse(const struct scn *s, const struct opt_iter *it, const struct opt_iter *ref)
{
	int c;

	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *a = &it->m->cls[c], *b = &ref->m->cls[c];

		if (!s->classes[c].has_target || b->met == MEAS_MET_NA)
			continue;
		if (class_ok(b->met) ? !class_ok(a->met) :
		    !(a->attainment.mean >= b->attainment.mean))
			return 0;
	}
	if (s->has_safety_target && (ref->m->safety.met == MEAS_MET_CONFIDENT ?
	    it->m->safety.met != MEAS_MET_CONFIDENT :
	    !(it->m->safety.miss_rate.mean <= ref->m->safety.miss_rate.mean)))
		return 0;
	return 1;
}

/* Remove single people who do not help from the best roster, most expensive
 * shift first.  A shift whose removal failed is not tried again. */
static int
trim_best(struct opt *x, int *cur, const struct opt_iter *ref, struct cq_err *err)
{
	const struct scn *s = x->s;
	int *stuck = NULL, *try = NULL, i, pick, rc = -1;
	struct opt_iter *it;

	stuck = calloc((size_t)x->ns, sizeof *stuck);
	try = calloc((size_t)x->ns, sizeof *try);
	if (stuck == NULL || try == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	for (;;) {
		pick = -1;
		for (i = 0; i < x->ns; i++)
			if (!stuck[i] && cur[i] > s->shifts[i].min && x->cost[i] > 0 &&
			    (pick < 0 || x->cost[i] + x->tiebreak[i] > x->cost[pick] +
			    x->tiebreak[pick]))
				pick = i;
		if (pick < 0)
			break;
		memcpy(try, cur, (size_t)x->ns * sizeof *try);
		try[pick]--;
		if ((it = simulate(x, OPT_TRIM, try, err)) == NULL)
			goto out;
		if (!no_worse(s, it, ref)) {
			stuck[pick] = 1;
			if (it->note[0] == '\0')
				snprintf(it->note, sizeof it->note, "one fewer on %s: worse, undone",
				    s->shifts[pick].name);
			continue;
		}
		if (it->note[0] == '\0')
			snprintf(it->note, sizeof it->note, "one fewer on %s: no worse, kept",
			    s->shifts[pick].name);
		it->kept = 1;
		memcpy(cur, try, (size_t)x->ns * sizeof *cur);
	}
	rc = 0;
out:
	free(stuck);
	free(try);
	return rc;
}

/* ---- the whole --------------------------------------------------------- */

static const struct scn *name_ctx;

static int
name_cmp(const void *p, const void *q)
{
	return strcmp(name_ctx->shifts[*(const int *)p].name,
	    name_ctx->shifts[*(const int *)q].name);
}

/* Confirm cur on the independent seed.  Returns the run, NULL on error. */
static struct opt_iter *
confirm(struct opt *x, const int *cur, struct cq_err *err)
{
	struct opt_result *r = x->r;
	struct opt_iter *it;

	if ((it = run_once(x, OPT_CONFIRM, cur, r->confirm_seed, r->confirm_replications,
	    err)) == NULL)
		return NULL;
	it->decided = 1;
	snprintf(it->note, sizeof it->note, "confirmation on a fresh seed, %d replications: "
	    "%s", it->replications, it->all_met ? "every target holds with confidence" :
	    "a target fails; the search goes on from this roster");
	return it;
}

int
opt_run(const struct scn *s, const struct opt_opts *o, struct opt_result *r,
    struct cq_err *err)
{
	struct opt x;
	struct opt_iter *it, *best = NULL, *ok = NULL, *conf = NULL;
	int *cur = NULL, rc = -1, k, i, nconf = 0;
	char atmax[1024];

	memset(r, 0, sizeof *r);
	memset(&x, 0, sizeof x);
	r->scn = s;
	r->confirm = -1;
	x.s = s;
	x.o = o;
	x.r = r;
	x.ns = s->nshifts;
	x.nr = s->nroles;
	x.nc = s->nclasses;
	r->baseline_cost = opt_roster_cost(s, NULL);
	/* Independent of the search's streams, and the same for every run. */
	r->confirm_seed = rng_source_key(s->seed, 0, "optimize", "confirmation") &
	    ((UINT64_C(1) << 53) - 1);   /* exact in any JSON reader */
	r->confirm_replications = s->confirm_replications > 0 ? s->confirm_replications :
	    4 * s->replications;
	if (r->confirm_replications > SCN_MAX_REPLICATIONS)
		r->confirm_replications = SCN_MAX_REPLICATIONS;
	if (r->confirm_replications < 2)
		r->confirm_replications = 2;
	if (x.ns < 1)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, 0, "no [shift] to optimize");
	if (opt_model_path(r->model, sizeof r->model, err) != 0)
		return -1;
	x.cost = calloc((size_t)x.ns, sizeof *x.cost);
	x.tiebreak = calloc((size_t)x.ns, sizeof *x.tiebreak);
	x.by_name = calloc((size_t)x.ns, sizeof *x.by_name);
	x.cover = calloc((size_t)x.ns * OPT_SLOTS, sizeof *x.cover);
	x.lam = calloc((size_t)x.nc, sizeof *x.lam);
	x.work = calloc((size_t)x.nc, sizeof *x.work);
	x.serve_mask = calloc((size_t)x.nc, sizeof *x.serve_mask);
	cur = calloc((size_t)x.ns, sizeof *cur);
	r->staff = calloc((size_t)x.ns, sizeof *r->staff);
	r->last_solve = calloc((size_t)x.ns, sizeof *r->last_solve);
	if (x.cost == NULL || x.tiebreak == NULL || x.by_name == NULL || x.cover == NULL ||
	    x.lam == NULL || x.work == NULL || x.serve_mask == NULL || cur == NULL ||
	    r->staff == NULL || r->last_solve == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	for (i = 0; i < x.ns; i++)
		x.by_name[i] = i;
	name_ctx = s;
	qsort(x.by_name, (size_t)x.ns, sizeof *x.by_name, name_cmp);
	if (opt_relax_build(&x, err) != 0)
		goto out;

	if (climb(&x, cur, 1, &ok, &best, err) != 0)
		goto out;
	while (ok != NULL) {
		memcpy(cur, ok->staff, (size_t)x.ns * sizeof *cur);
		do {
			if (local_search(&x, cur, err) != 0)
				goto out;
		} while ((k = pair_search(&x, cur, OPT_PAIR_BUDGET(x.ns), err)) > 0);
		if (k < 0)
			goto out;
		if ((conf = confirm(&x, cur, err)) == NULL)
			goto out;
		if (conf->all_met) {
			r->feasible = 1;
			r->confirm = (int)(conf - r->iter);
			break;
		}
		if (++nconf >= OPT_MAX_CONFIRM) {
			snprintf(r->fail, sizeof r->fail, "the search's rosters met every target "
			    "on its own seed, but none held on fresh random numbers in %d "
			    "confirmations; the last, in its confirmation: ", nconf);
			ok = NULL;
			break;
		}
		/* The search goes on from it: the confirmation's misses cut it off. */
		if ((k = sim_cuts(&x, conf, atmax, sizeof atmax, err)) < 0)
			goto out;
		if (k == 0) {
			snprintf(r->fail, sizeof r->fail, "the search's roster met every target "
			    "on its own seed but not in its confirmation, and every shift that "
			    "could add cover is at its max (%s); in its confirmation: ", atmax);
			ok = NULL;
			break;
		}
		best = NULL;
		if (climb(&x, cur, 0, &ok, &best, err) != 0)
			goto out;
		if (ok == NULL)
			conf = NULL;      /* report the climb's best, not the confirmation */
	}
	if (r->feasible) {
		memcpy(r->staff, cur, (size_t)x.ns * sizeof *cur);
		r->m = find_decided(r, cur, x.ns, s->seed)->m;
	} else if (conf != NULL) {
		/* Met on the search's seed, missed on fresh numbers: the fresh ones tell. */
		describe_misses(s, conf->m, r->fail, sizeof r->fail);
		memcpy(r->staff, conf->staff, (size_t)x.ns * sizeof *cur);
		r->m = conf->m;
	} else {
		if (best == NULL) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "no roster was simulated");
			goto out;
		}
		if (r->fail[0] == '\0')
			snprintf(r->fail, sizeof r->fail, "the best roster found: ");
		describe_misses(s, best->m, r->fail, sizeof r->fail);
		/* Trim what does not help: keep what best meets, worsen nothing. */
		memcpy(cur, best->staff, (size_t)x.ns * sizeof *cur);
		k = (int)(best - r->iter);
		if (trim_best(&x, cur, &r->iter[k], err) != 0)
			goto out;
		it = find_decided(r, cur, x.ns, s->seed);
		memcpy(r->staff, cur, (size_t)x.ns * sizeof *cur);
		r->m = it->m;
	}
	r->cost = opt_roster_cost(s, r->staff);
	rc = 0;
out:
	for (i = 0; i < x.ncuts; i++)
		free(x.cuts[i].a);
	free(x.cuts);
	free(x.cost);
	free(x.tiebreak);
	free(x.by_name);
	free(x.cover);
	free(x.req);
	free(x.lam);
	free(x.work);
	free(x.serve_mask);
	free(cur);
	glp_free_env();   /* GLPK's own allocations, kept per thread otherwise */
	return rc;
}

void
opt_result_free(struct opt_result *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->niter; i++) {
		free(r->iter[i].staff);
		meas_free(r->iter[i].m);
	}
	free(r->iter);
	free(r->staff);
	free(r->last_solve);
	free(r->dat);
	memset(r, 0, sizeof *r);
}

int
opt_write_dat(const struct opt_result *r, const char *path, struct cq_err *err)
{
	struct afile af;
	FILE *f;

	if (r->dat == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "no problem was solved");
	memset(&af, 0, sizeof af);
	if ((f = afile_open(&af, path, err)) == NULL)
		return -1;
	if (fputs(r->dat, f) == EOF) {
		afile_abort(&af);
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write");
	}
	return afile_commit(&af, err);
}
