/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_search.c — the optimizer's neighbourhood search: from a roster that
 * meets every target, the moves of one or two persons that make it cheaper,
 * tried cheapest first; and, when no roster meets the targets, the trimming
 * of the best one found.  See doc/optimizer.md, "The local search".
 */
#include "opt_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OPT_MAX_REPLACE_SHIFTS 64  /* "one by two" moves are tried up to this many shifts */

/* A move from the roster base: one person less on shift del, one more on add1
 * and on add2 (-1: none; add1 == add2 adds two).  from: the iteration base
 * comes from, for the words (-1: the current roster). */
struct move {
	const struct opt *x;      /* for the comparison: qsort has no context */
	const int *base;
	int del, add1, add2, from;
	double cost;
	enum opt_phase kind;
};

/* The staff of shift k after a move. */
static int
staff_after(const struct move *mv, int k)
{
	return mv->base[k] - (mv->del == k) + (mv->add1 == k) + (mv->add2 == k);
}

static void
apply(const struct move *mv, int *out, int ns)
{
	int k;

	for (k = 0; k < ns; k++)
		out[k] = staff_after(mv, k);
}

/* Cheapest first; equal costs by the rosters compared shift by shift in the
 * order of the shifts' names, so that the file's order does not matter. */
static int
move_cmp(const void *p, const void *q)
{
	const struct move *u = p, *v = q;
	const struct opt *x = u->x;
	int i, a, b;

	if (fabs(u->cost - v->cost) > 1e-9)
		return u->cost < v->cost ? -1 : 1;
	for (i = 0; i < x->ns; i++) {
		a = staff_after(u, x->by_name[i]);
		b = staff_after(v, x->by_name[i]);
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
 * on cheaper shifts (two shifts, or two on one).  Returns the count, -1 on
 * ENOMEM. */
/* One by two shorter, when there are too many columns for every pair: the
 * first starts when del starts, the second ends when it ends. */
static int
halves(const struct opt *x, int del, int j, int k)
{
	const struct scn_shift *d = &x->s->shifts[del], *a = &x->s->shifts[j],
	    *b = &x->s->shifts[k];

	return a->role == d->role && b->role == d->role && a->start == d->start &&
	    b->end == d->end && a->end - a->start < d->end - d->start &&
	    b->end - b->start < d->end - d->start;
}

static int
moves(const struct opt *x, const int *cur, struct move **out)
{
	const struct scn *s = x->s;
	double c0 = opt_roster_cost(s, cur);
	int i, j, k, n = 0, cap = 0, two, *tmp = NULL, design = x->nfixed < x->ns;
	struct move *mv = NULL, add = { x, cur, 0, -1, -1, -1, 0.0, OPT_REMOVE };
	unsigned char *act = NULL;

	*out = NULL;
	/* Shift design: moves add only to the columns opt_active() names. */
	if ((act = malloc((size_t)x->ns)) == NULL ||
	    (tmp = malloc((size_t)x->ns * sizeof *tmp)) == NULL) {
		free(act);
		return -1;
	}
	opt_active(x, cur, act);
	two = x->nfixed <= OPT_MAX_REPLACE_SHIFTS;
	for (i = 0; i < x->ns; i++) {
		if (cur[i] <= s->shifts[i].min || !(x->cost[i] > 0))
			continue;
		/* j = -1: remove; k = -1: one added on j; k >= j: one on j, one on k. */
		for (j = -1; j < x->ns; j++)
			for (k = -1; k < (j >= 0 ? x->ns : 0); k++) {
				if (j == i || k == i || (k >= 0 && k < j) ||
				    (j >= 0 && !act[j]) || (k >= 0 && !act[k]))
					continue;
				/* One by two: any two written shifts (few); with a
				 * candidate, only the two shorter halves of del. */
				if (k >= 0 && !((two && j < x->nfixed && k < x->nfixed) ||
				    halves(x, i, j, k) || halves(x, i, k, j)))
					continue;
				add.del = i;
				add.add1 = j;
				add.add2 = k;
				if ((j >= 0 && staff_after(&add, j) > s->shifts[j].max) ||
				    (k >= 0 && staff_after(&add, k) > s->shifts[k].max))
					continue;
				if (design) {
					apply(&add, tmp, x->ns);
					if (!opt_tmpl_ok(x, tmp))
						continue;
				}
				add.cost = c0 - x->cost[i] + (j >= 0 ? x->cost[j] : 0.0) +
				    (k >= 0 ? x->cost[k] : 0.0);
				add.kind = j < 0 ? OPT_REMOVE : k < 0 ? OPT_MOVE : OPT_REPLACE;
				if (add.cost < c0 - 1e-6 && push_move(&mv, &n, &cap, &add) != 0) {
					free(act);
					free(tmp);
					return -1;
				}
			}
	}
	free(act);
	free(tmp);
	*out = mv;
	return n;
}

static void
move_words(const struct opt *x, const struct move *mv, char *buf, size_t n)
{
	const struct scn *s = x->s;

	if (mv->kind == OPT_PAIR)
		snprintf(buf, n, "the roster of iteration %d with one moved from %s to %s",
		    mv->from + 1, s->shifts[mv->del].name, s->shifts[mv->add1].name);
	else if (mv->add1 < 0)
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

/* Try the moves cheapest first and take the cheapest that keeps every target
 * (equal costs: the larger margin).  A move is not simulated when its roster
 * is no larger than one seen to fail, or breaks a necessary row; at most
 * budget simulations.  Returns 1 with cur moved, 0 when no move holds, -1. */
static int
take_cheapest(struct opt *x, struct move *mv, int n, int budget, int *cur,
    struct cq_err *err)
{
	const struct scn *s = x->s;
	int *try = NULL, i, best = -1;
	double best_margin = 0.0, mg;
	char words[256];
	struct opt_iter *it;

	if (n > 1)
		qsort(mv, (size_t)n, sizeof *mv, move_cmp);
	if ((try = malloc((size_t)x->ns * sizeof *try)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (i = 0; i < n; i++) {
		if (best >= 0 && mv[i].cost > mv[best].cost + 1e-6)
			break;
		apply(&mv[i], try, x->ns);
		if (memcmp(try, cur, (size_t)x->ns * sizeof *try) == 0 || !opt_tmpl_ok(x, try))
			continue;
		it = opt_find_decided(x->r, try, x->ns, s->seed);
		/* First: no larger than a failure, a failed confirmation too. */
		if (opt_dominated(x, try)) {
			x->r->npruned += it == NULL;
			continue;
		}
		if (it == NULL) {
			if (opt_breaks_necessary(x, try) >= 0) {
				x->r->npruned++;
				continue;
			}
			if (budget-- <= 0)
				break;
			if ((it = opt_simulate(x, mv[i].kind, try, err)) == NULL) {
				free(try);
				return -1;
			}
			move_words(x, &mv[i], words, sizeof words);
			snprintf(it->note, sizeof it->note, "%s%s", words, it->all_met ? "" :
			    ": targets missed");
		}
		if (!it->all_met)
			continue;
		mg = opt_margin(s, it->m);
		if (best < 0 || mg > best_margin) {
			best = i;
			best_margin = mg;
		}
	}
	if (best >= 0) {
		apply(&mv[best], try, x->ns);
		it = opt_find_decided(x->r, try, x->ns, s->seed);
		if (!it->kept)
			snprintf(it->note + strlen(it->note), sizeof it->note -
			    strlen(it->note), ", kept");
		it->kept = 1;
		memcpy(cur, try, (size_t)x->ns * sizeof *cur);
	}
	free(try);
	return best >= 0;
}

int
opt_local_search(struct opt *x, int *cur, struct cq_err *err)
{
	struct move *mv;
	int n, k;

	do {
		if ((n = moves(x, cur, &mv)) < 0)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		k = take_cheapest(x, mv, n, INT_MAX, cur, err);
		free(mv);
	} while (k > 0);
	return k;
}

int
opt_pair_search(struct opt *x, int *cur, int budget, struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_result *r = x->r;
	double c0 = opt_roster_cost(s, cur);
	struct move *mv = NULL, add = { x, NULL, 0, 0, -1, 0, 0.0, OPT_PAIR };
	int n = 0, cap = 0, it, i, j, d, c, hb, k;
	unsigned char *act = malloc((size_t)x->ns);

	if (act == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	opt_active(x, cur, act);

	/* The failed neighbours y of cur (one or two persons away, cheaper), each
	 * with a second person moved from a shift not on duty for y's first
	 * missed class in its worst hour to one that is. */
	for (it = 0; it < r->niter; it++) {
		const struct opt_iter *y = &r->iter[it];

		if (!y->decided || y->all_met || y->seed != s->seed || !(y->cost < c0 - 1e-6))
			continue;
		for (i = 0, d = 0; i < x->ns; i++)
			d += abs(y->staff[i] - cur[i]);
		if (d > 3 || (c = opt_missed_class(x, y->m)) < 0)
			continue;
		hb = opt_worst_hour(x, y->m, c);
		add.base = y->staff;
		add.from = it;
		for (i = 0; i < x->ns; i++) {
			if (y->staff[i] <= s->shifts[i].min || opt_covers(x, i, c, hb))
				continue;
			for (j = 0; j < x->ns; j++) {
				add.del = i;
				add.add1 = j;
				add.cost = y->cost - x->cost[i] + x->cost[j];
				if (j == i || !act[j] || y->staff[j] >= s->shifts[j].max ||
				    !opt_covers(x, j, c, hb) || !(add.cost < c0 - 1e-6))
					continue;
				if (push_move(&mv, &n, &cap, &add) != 0) {
					free(act);
					return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
				}
			}
		}
	}
	free(act);
	k = take_cheapest(x, mv, n, budget, cur, err);
	free(mv);
	return k;
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
		if (opt_class_ok(b->met) ? !opt_class_ok(a->met) :
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
int
opt_trim_best(struct opt *x, int *cur, const struct opt_iter *ref, struct cq_err *err)
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
		if (!opt_tmpl_ok(x, try)) {
			stuck[pick] = 1;
			continue;
		}
		if ((it = opt_simulate(x, OPT_TRIM, try, err)) == NULL)
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
