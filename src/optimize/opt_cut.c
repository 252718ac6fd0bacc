/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_cut.c — where a roster falls short, and the cuts that say so: the hours
 * of week ranked by the simulated queue of a class that misses its target,
 * and the row "one more person on duty then" for the integer programme.
 */
#include "opt_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/dist.h"
#include "week.h"


int
opt_covers(const struct opt *x, int i, int c, int h)
{
	const struct scn_shift *sh = &x->s->shifts[i];

	return opt_serves(x, i, c) && !(sh->on_call && x->s->classes[c].mode == SCN_ASYNC) &&
	    opt_shift_minutes(sh, h * 60.0, h * 60.0 + 60.0) > 0;
}

void
opt_hour_scores(const struct opt *x, const struct meas *m, int c, double *score)
{
	const double *bl = m->cls[c].backlog;
	double best = 0.0;
	int h;

	for (h = 0; h < WEEK_HOURS; h++) {
		score[h] = isfinite(bl[h]) ? bl[h] : 0.0;
		best = score[h] > best ? score[h] : best;
	}
	if (best < 1e-9)
		for (h = 0; h < WEEK_HOURS; h++)
			score[h] = x->lam[c][h];
}

int
opt_missed_class(const struct opt *x, const struct meas *m)
{
	const struct scn *s = x->s;
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && !opt_class_ok(m->cls[c].met))
			return c;
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT)
		return opt_safety_class(s);
	return -1;
}

int
opt_worst_hour(const struct opt *x, const struct meas *m, int c)
{
	double score[WEEK_HOURS];
	int h, hb = 0;

	opt_hour_scores(x, m, c, score);
	for (h = 1; h < WEEK_HOURS; h++)
		if (score[h] > score[hb])
			hb = h;
	return hb;
}

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
	double score[WEEK_HOURS], *a = NULL;
	int used[WEEK_HOURS] = { 0 }, h, i, hb, n, room, rc = -1, sum;
	size_t len;

	if ((a = calloc((size_t)x->ns, sizeof *a)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	opt_hour_scores(x, it->m, c, score);
	for (n = 0; n < WEEK_HOURS; n++) {
		hb = -1;
		for (h = 0; h < WEEK_HOURS; h++)
			if (!used[h] && (hb < 0 || score[h] > score[hb]))
				hb = h;
		used[hb] = 1;
		room = 0;
		sum = 0;
		for (i = 0; i < x->ns; i++) {
			a[i] = opt_covers(x, i, c, hb);
			if (!a[i])
				continue;
			sum += it->staff[i];
			room += opt_room(x, it->staff, i);
		}
		if (room > 0) {
			rc = opt_add_cut(x, a, sum + 1, 0, OPT_ROW_SIM, err, "%s: one more on duty %s %02d:00",
			    why, week_day_short[hb / 24], hb % 24) == 0 ? 1 : -1;
			snprintf(it->note + strlen(it->note), sizeof it->note -
			    strlen(it->note), "%s%s: +1 on duty %s %02d:00",
			    it->note[0] ? "; " : "", why, week_day_short[hb / 24], hb % 24);
			goto out;
		}
	}
	/* No hour has room: every shift that serves c is at its max. */
	len = strlen(atmax);
	for (i = 0; i < x->ns && len < natmax; i++)
		/* Candidates of a template: only those staffed are named. */
		if (opt_serves(x, i, c) && !(s->shifts[i].on_call &&
		    s->classes[c].mode == SCN_ASYNC) && !named[i] &&
		    (s->shifts[i].tmpl == 0 || it->staff[i] > 0)) {
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
int
opt_safety_class(const struct scn *s)
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

/* Role r serves only classes no other role serves, none with patience. */
static int
alone_with_work(const struct opt *x, int r)
{
	const struct scn_role *ro = &x->s->roles[r];
	int j, c;

	for (j = 0; j < ro->nserves; j++) {
		c = ro->serves[j];
		if (x->serve_mask[c] != (1u << r) ||
		    x->s->classes[c].patience.kind != DIST_NONE)
			return 0;
	}
	return ro->nserves > 0;
}

/* A cut for role r over max_utilization: its shifts' available hours must
 * grow by the factor that brings the interval's upper end down to the cap
 * (its busy hours taken as fixed).  A heuristic, like every simulation cut.
 * Returns 1 if added, 0 if every shift of the role is at its max (named in
 * atmax), -1 on error. */
static int
role_cut(struct opt *x, int r, struct opt_iter *it, char *atmax, size_t natmax,
    unsigned char *named, struct cq_err *err)
{
	const struct scn *s = x->s;
	const struct est *u = &it->m->role[r].utilization;
	double *a, have = 0.0, least = INFINITY;
	int i, room = 0, rc;
	size_t len;

	if ((a = calloc((size_t)x->ns, sizeof *a)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (i = 0; i < x->ns; i++) {
		if (s->shifts[i].role != r || !(x->avail[i] > 0))
			continue;
		a[i] = x->avail[i];
		have += a[i] * it->staff[i];
		if (it->staff[i] < s->shifts[i].max) {
			room++;
			if (a[i] < least)
				least = a[i];
		}
	}
	if (room == 0) {
		len = strlen(atmax);
		for (i = 0; i < x->ns && len < natmax; i++)
			if (s->shifts[i].role == r && !named[i]) {
				named[i] = 1;
				len += (size_t)snprintf(atmax + len, natmax - len, "%s%s %d of %d",
				    len ? ", " : "", s->shifts[i].name, it->staff[i],
				    s->shifts[i].max);
			}
		free(a);
		return 0;
	}
	/* A role alone with its work (no other role serves its classes, no
	 * patient gives up on them) has the same busy time under any roster, so
	 * a roster with no more of its available hours fails its cap too: a
	 * necessary row, that the search keeps to (a failed confirmation is not
	 * met again by a twin roster of the same hours). */
	if (alone_with_work(x, r) && opt_add_cut(x, a, have + 1e-6, 1, OPT_ROW_UTIL, err,
	    "role %s over its cap with %.6g available hours a week", s->roles[r].name,
	    have) != 0) {
		free(a);
		return -1;
	}
	{
		double need = isfinite(u->hi) ? have * u->hi / s->max_utilization : have;

		/* At least one more person of the role's shortest shift. */
		if (need < have + least)
			need = have + least;
		rc = opt_add_cut(x, a, need, 0, OPT_ROW_UTIL, err, "role %s utilization %.2f%% > %g%%: "
		    "%.6g available hours a week", s->roles[r].name, 100 * u->hi,
		    100 * s->max_utilization, need) == 0 ? 1 : -1;
		snprintf(it->note + strlen(it->note), sizeof it->note - strlen(it->note),
		    "%srole %s utilization %.2f%% > %g%%: %.6g available hours a week",
		    it->note[0] ? "; " : "", s->roles[r].name, 100 * u->hi,
		    100 * s->max_utilization, need);
	}
	free(a);
	return rc;
}

/* Cuts for every missed target of it.  Returns the number added, -1 on error. */
int
opt_sim_cuts(struct opt *x, struct opt_iter *it, char *atmax, size_t natmax,
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

		/* Beyond reach (opt_diag.c): persons where its items can still be
		 * reached would cost much and never meet it. */
		if (!cl->has_target || opt_class_ok(m->cls[c].met) || opt_beyond(x, c))
			continue;
		/* Two decimals: a lower end just under the target must not print
		 * as equal to it. */
		snprintf(why, sizeof why, "%s %.2f%% < %g%%", cl->name,
		    100 * m->cls[c].attainment.lo, 100 * cl->target_share);
		if ((k = class_cut(x, c, it, why, atmax, natmax, named, err)) < 0)
			goto fail;
		added += k;
	}
	for (c = 0; c < s->nroles; c++)
		if (opt_role_fails(s, m, c)) {
			if ((k = role_cut(x, c, it, atmax, natmax, named, err)) < 0)
				goto fail;
			added += k;
		}
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT &&
	    !opt_beyond(x, x->nc) && (c = opt_safety_class(s)) >= 0) {
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
