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

#include "scenario/units.h"
#include "utf8.h"

#define OPT_MAX_REPLACE_SHIFTS 64  /* "one by two" moves are tried up to this many shifts */
#define OPT_PAIR_HOURS 3           /* a failed move is repaired at its worst hours */

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
/* One by two shorter among candidates: the first starts when del starts,
 * the second ends when it ends. */
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
				if (k >= 0 && !((two && j < x->nfixed && k < x->nfixed &&
				    opt_substitutes(x, i, j) && opt_substitutes(x, i, k)) ||
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

/* A two-person repair in words: the changes from cur, shift by shift. */
static void
pair_words(const struct opt *x, const struct move *mv, const int *cur, char *buf, size_t n)
{
	size_t len;
	int i, d, sign;

	len = (size_t)snprintf(buf, n, "repair of a cheaper roster that failed (as iteration "
	    "%d shows):", mv->from + 1);
	for (sign = -1; sign <= 1; sign += 2)
		for (i = 0; i < x->ns && len < n; i++) {
			d = staff_after(mv, x->by_name[i]) - cur[x->by_name[i]];
			if (d * sign > 0)
				len += (size_t)snprintf(buf + len, n - len, " %s%d %s", sign < 0 ?
				    "-" : "+", d * sign, x->s->shifts[x->by_name[i]].name);
		}
}

static void
move_words(const struct opt *x, const struct move *mv, const int *cur, char *buf, size_t n)
{
	const struct scn *s = x->s;

	if (mv->kind == OPT_PAIR)
		pair_words(x, mv, cur, buf, n);
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

/* Words for a simulated move: what it was, then what its run says. */
static void
prefix_note(struct opt_iter *it, const char *words)
{
	char tail[sizeof it->note];
	size_t n;

	memcpy(tail, it->note, sizeof tail);
	n = (size_t)snprintf(it->note, sizeof it->note, "%s%s", words, tail[0] ? ": " :
	    it->all_met ? "" : ": targets missed");
	if (n < sizeof it->note)
		memcpy(it->note + n, tail, strnlen(tail, sizeof it->note - 1 - n) + 1);
	it->note[utf8_fit(it->note, sizeof it->note - 1)] = '\0';
}

/* Try the moves cheapest first and take the cheapest that keeps every target
 * (equal costs: the larger margin).  A move is not simulated when its roster
 * is no larger than one seen to fail, or breaks a necessary row; at most
 * budget simulations.  Returns 1 with cur moved, 0 when no move holds, -1. */
static int
take_cheapest(struct opt *x, struct move *mv, int n, int budget, int *cur,
    int *complete, struct cq_err *err)
{
	const struct scn *s = x->s;
	int *try = NULL, i, best = -1;
	double best_margin = 0.0, mg;
	char words[256];
	struct opt_iter *it;
	const struct meas *ref;

	if (n > 1)
		qsort(mv, (size_t)n, sizeof *mv, move_cmp);
	if ((try = malloc((size_t)x->ns * sizeof *try)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	/* The moves are screened against the roster they move from. */
	it = opt_find_decided(x->r, cur, x->ns, s->seed);
	ref = it != NULL ? it->m : NULL;
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
			if (budget-- <= 0) {
				if (complete != NULL)
					*complete = 0;
				break;
			}
			if ((it = opt_screen(x, mv[i].kind, try, ref, err)) == NULL) {
				free(try);
				return -1;
			}
			move_words(x, &mv[i], cur, words, sizeof words);
			prefix_note(it, words);
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
		k = take_cheapest(x, mv, n, INT_MAX, cur, NULL, err);
		free(mv);
	} while (k > 0);
	return k;
}

/* The hours of week class c suffered most in m (its queue, else its
 * arrivals), at most OPT_PAIR_HOURS of them, the worst first. */
static int
worst_hours(const struct opt *x, const struct meas *m, int c, int *hb)
{
	double score[WEEK_HOURS];
	int n = 0, h, k, best;

	opt_hour_scores(x, m, c, score);
	for (k = 0; k < OPT_PAIR_HOURS; k++) {
		for (best = -1, h = 0; h < WEEK_HOURS; h++)
			if (score[h] > 0 && (best < 0 || score[h] > score[best]))
				best = h;
		if (best < 0)
			break;
		hb[n++] = best;
		score[best] = 0.0;
	}
	if (n == 0)
		hb[n++] = opt_worst_hour(x, m, c);
	return n;
}

/* Second persons for a failed cheaper roster y (staff; the iteration that
 * failed it, y's own or one that dominates it, is info): one moved from a
 * shift not on duty for info's first missed class in one of its worst
 * hours to one that is then, when the two moves together still cost less
 * than c0.  Returns 0, -1 on ENOMEM. */
static int
repairs(const struct opt *x, const int *y, double ycost, int info, double c0,
    const unsigned char *act, struct move **mv, int *n, int *cap)
{
	const struct scn *s = x->s;
	const struct meas *m = x->r->iter[info].m;
	struct move add = { x, y, 0, 0, -1, info, 0.0, OPT_PAIR };
	int i, j, c, h, nh, hb[OPT_PAIR_HOURS];

	if ((c = opt_missed_class(x, m)) < 0)
		return 0;
	nh = worst_hours(x, m, c, hb);
	for (i = 0; i < x->ns; i++) {
		if (y[i] <= s->shifts[i].min)
			continue;
		for (j = 0; j < x->ns; j++) {
			add.del = i;
			add.add1 = j;
			add.cost = ycost - x->cost[i] + x->cost[j];
			if (j == i || !act[j] || y[j] >= s->shifts[j].max || !(add.cost < c0 - 1e-6))
				continue;
			for (h = 0; h < nh && (opt_covers(x, i, c, hb[h]) ||
			    !opt_covers(x, j, c, hb[h])); h++)
				;
			if (h < nh && push_move(mv, n, cap, &add) != 0)
				return -1;
		}
	}
	return 0;
}

int
opt_pair_search(struct opt *x, int *cur, int budget, struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_result *r = x->r;
	double c0 = opt_roster_cost(s, cur);
	struct move *mv = NULL, *first = NULL;
	int n = 0, cap = 0, nfirst, it, i, d, k = -1, *ys = NULL;
	unsigned char *act = malloc((size_t)x->ns);

	if (act == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	opt_active(x, cur, act);
	/* The failed rosters near cur (one to three persons away, cheaper). */
	for (it = 0; it < r->niter; it++) {
		const struct opt_iter *y = &r->iter[it];

		if (!y->decided || y->all_met || y->as_written || y->seed != s->seed ||
		    !(y->cost < c0 - 1e-6))
			continue;
		for (i = 0, d = 0; i < x->ns; i++)
			d += abs(y->staff[i] - cur[i]);
		if (d <= 3 && repairs(x, y->staff, y->cost, it, c0, act, &mv, &n, &cap) != 0)
			goto nomem;
	}
	/* And cur's cheaper moves that were never simulated, known to fail by a
	 * larger roster that failed: that failure says where they fall short. */
	if ((nfirst = moves(x, cur, &first)) < 0 ||
	    (ys = malloc(((size_t)nfirst + 1) * (size_t)x->ns * sizeof *ys)) == NULL)
		goto nomem;
	for (i = 0; i < nfirst; i++) {
		int *y = ys + (size_t)i * x->ns, dom;

		apply(&first[i], y, x->ns);
		if (opt_find_decided(r, y, x->ns, s->seed) != NULL || (dom = opt_dominator(x, y)) < 0)
			continue;
		if (repairs(x, y, first[i].cost, dom, c0, act, &mv, &n, &cap) != 0)
			goto nomem;
	}
	x->r->pairs_complete = 1;
	k = take_cheapest(x, mv, n, budget, cur, &x->r->pairs_complete, err);
	goto out;
nomem:
	k = cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
out:
	free(act);
	free(first);
	free(ys);
	free(mv);
	return k;
}

/* ---- when no roster meets the targets ------------------------------------ */

/* Every target ref meets with confidence still met, the others no worse on
 * average. */
static int
no_worse(const struct scn *s, const struct meas *it, const struct meas *ref)
{
	int c;

	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *a = &it->cls[c], *b = &ref->cls[c];

		if (!s->classes[c].has_target || b->met == MEAS_MET_NA)
			continue;
		if (opt_class_ok(b->met) ? !opt_class_ok(a->met) :
		    !(a->attainment.mean >= b->attainment.mean))
			return 0;
	}
	for (c = 0; c < s->nroles && s->has_max_utilization; c++) {
		const struct meas_role *a = &it->role[c], *b = &ref->role[c];

		if (b->met == MEAS_MET_NA)
			continue;
		if (b->met == MEAS_MET_CONFIDENT ? a->met != MEAS_MET_CONFIDENT :
		    !(a->utilization.mean <= b->utilization.mean))
			return 0;
	}
	if (s->has_safety_target && (ref->safety.met == MEAS_MET_CONFIDENT ?
	    it->safety.met != MEAS_MET_CONFIDENT :
	    !(it->safety.miss_rate.mean <= ref->safety.miss_rate.mean)))
		return 0;
	return 1;
}

/* Remove single people who do not help from the best roster, most expensive
 * shift first.  A shift whose removal failed is not tried again. */
int
opt_trim_best(struct opt *x, int *cur, const struct meas *ref, struct cq_err *err)
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
		if (!no_worse(s, it->m, ref)) {
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
