/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_fluid.c — the necessary rows of the relaxation: cumulative fluid rows
 * (work arrived by t - target must be servable by t) and keeping up with the
 * week, per role group; and the reduction that keeps only the rows no other
 * row implies.  See doc/optimizer.md, "The relaxation".
 *
 * A health system gives tens of thousands of distinct fluid rows (every
 * group, start hour, window and deadline), nearly all of them implied by a
 * few others.  Row u implies row v when some lambda > 0 has lambda a_u <= a_v
 * (column by column) and lambda b_u >= b_v: every x >= 0 with a_u x >= b_u
 * then has a_v x >= lambda a_u x >= lambda b_u >= b_v.  The rows are offered
 * one by one to a set of survivors: a row implied by a survivor is dropped,
 * survivors it implies are dropped, and what is left implies every row
 * offered (implication is transitive).  A row the shifts' min already meet
 * is dropped too.  The survivors wait in a pool (opt_glpk.c puts one into
 * the programme only when a solution breaks it), and every one of them
 * prunes the search (opt_breaks_necessary).
 */
#include "opt_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/dist.h"

#define OPT_ROW_TOL 1e-9          /* as opt_breaks_necessary's */

/* A row offered for the pool. */
struct sky_row {
	int nz;
	int *idx;
	double *val;
	double b;
	uint64_t sig;             /* bit (column % 64) of every nonzero */
	long tag;                 /* order of offering: the pool keeps it */
};

struct sky {
	struct sky_row *r;
	int n, cap;
};

/* u implies v (see above).  u's columns must be among v's. */
static int
implies(const struct sky_row *u, const struct sky_row *v)
{
	double lam = INFINITY, q;
	int i = 0, j;

	if ((u->sig & ~v->sig) != 0 || u->nz > v->nz)
		return 0;
	for (j = 0; j < u->nz; j++) {
		while (i < v->nz && v->idx[i] < u->idx[j])
			i++;
		if (i == v->nz || v->idx[i] != u->idx[j])
			return 0;
		q = v->val[i] / u->val[j];
		if (q < lam) {
			lam = q;
			if (lam * u->b < v->b - OPT_ROW_TOL)
				return 0;
		}
	}
	return u->nz > 0 && lam * u->b >= v->b - OPT_ROW_TOL;
}

static void
sky_free_row(struct sky_row *r)
{
	free(r->idx);
	free(r->val);
}

/* Offer a row (the sky takes its arrays).  Returns 1 kept, 0 implied by a
 * survivor, -1 out of memory. */
static int
sky_offer(struct sky *k, struct sky_row *row, long *dropped, int keep_all)
{
	int i;

	for (i = 0; i < k->n && !keep_all; i++)
		if (implies(&k->r[i], row)) {
			sky_free_row(row);
			++*dropped;
			return 0;
		}
	for (i = 0; i < k->n && !keep_all;)
		if (implies(row, &k->r[i])) {
			sky_free_row(&k->r[i]);
			k->r[i] = k->r[--k->n];
			++*dropped;
		} else
			i++;
	if (k->n == k->cap) {
		int cap = k->cap ? 2 * k->cap : 64;
		struct sky_row *p = realloc(k->r, (size_t)cap * sizeof *p);

		if (p == NULL) {
			sky_free_row(row);
			return -1;
		}
		k->r = p;
		k->cap = cap;
	}
	k->r[k->n++] = *row;
	return 1;
}

static void
sky_free(struct sky *k)
{
	int i;

	for (i = 0; i < k->n; i++)
		sky_free_row(&k->r[i]);
	free(k->r);
	memset(k, 0, sizeof *k);
}

static int
tag_cmp(const void *p, const void *q)
{
	const struct sky_row *u = p, *v = q;

	return (u->tag > v->tag) - (u->tag < v->tag);
}

/* The row of group gm's shifts (those that take async work, when
 * async_only): each one's expected available hours within [from, to), what
 * the shifts' max can put on duty there, and what their min do.  Returns 0,
 * -1 on ENOMEM. */
static int
make_row(const struct opt *x, uint32_t gm, int async_only, double from, double to,
    struct sky_row *row, double *capacity, double *at_min)
{
	const struct scn *s = x->s;
	struct opt_cap cc;
	int i, n = 0;

	memset(row, 0, sizeof *row);
	for (i = 0; i < x->ns; i++)
		if (((gm >> s->shifts[i].role) & 1u) && !(async_only && !opt_takes_async(x, i)))
			n++;
	row->idx = malloc((size_t)(n > 0 ? n : 1) * sizeof *row->idx);
	row->val = malloc((size_t)(n > 0 ? n : 1) * sizeof *row->val);
	if (row->idx == NULL || row->val == NULL) {
		sky_free_row(row);
		return -1;
	}
	opt_cap_reset(&cc);
	*at_min = 0.0;
	for (i = 0; i < x->ns; i++) {
		double a;

		if (!((gm >> s->shifts[i].role) & 1u) || (async_only && !opt_takes_async(x, i)))
			continue;
		a = from == 0.0 && to == WEEK_MIN ? x->avail[i] :
		    opt_avail_minutes(&s->shifts[i], from, to) / 60.0;
		if (!(a > 0))
			continue;
		row->idx[row->nz] = i;
		row->val[row->nz++] = a;
		row->sig |= UINT64_C(1) << (i % 64);
		opt_cap_add(&cc, x, i, a);
		*at_min += a * s->shifts[i].min;
	}
	*capacity = opt_cap_total(&cc, x);
	return 0;
}

/* Offer the row "the group's shifts (async: those that take async work) put
 * `need` person-hours on duty within [from, to)".  Returns 0, -1 on ENOMEM. */
static int
offer(struct opt *x, struct sky *k, uint32_t gm, int async_only, double from, double to,
    double need, enum opt_row_kind kind, long tag)
{
	struct opt_rowstat *st = &x->rows[kind];
	struct sky_row row;
	double cap, at_min;

	st->considered++;
	if (make_row(x, gm, async_only, from, to, &row, &cap, &at_min) != 0)
		return -1;
	row.b = need;
	row.tag = tag;
	/* More than any roster within bounds can serve: the share target may
	 * allow it; the simulation will tell. */
	if (row.nz == 0 || need > cap + 1e-9) {
		st->beyond++;
		sky_free_row(&row);
		return 0;
	}
	if (at_min >= need - OPT_ROW_TOL && !x->keep_implied) {
		st->at_min++;
		sky_free_row(&row);
		return 0;
	}
	return sky_offer(k, &row, &st->dominated, x->keep_implied) < 0 ? -1 : 0;
}

/* The work of class j due by the deadline, as a share of its staff time:
 * all of it for async items (the target is to completion); for sync items
 * the first attempt, and the service when it reaches the patient (later
 * attempts come after the target's time). */
static double
due_share(const struct opt *x, int j)
{
	const struct scn *s = x->s;
	const struct scn_class *kj = &s->classes[j];
	double due = x->work[j], share = INFINITY;
	int h;

	if (kj->mode == SCN_SYNC && s->contact.enabled)
		due = s->contact.attempt + s->contact.reach * dist_mean(&kj->service);
	if (kj->service_by_hour < 0 || !(kj->mode == SCN_SYNC && s->contact.enabled))
		return due / x->work[j];
	/* service_by_hour: the share differs by hour; the smallest keeps the
	 * rows necessary (less work claimed due). */
	for (h = 0; h < WEEK_HOURS; h++) {
		double dh = s->contact.attempt + s->contact.reach *
		    dist_mean(&kj->service) * kj->service_w[h];

		if (dh / x->work_h[j][h] < share)
			share = dh / x->work_h[j][h];
	}
	return share;
}

/* The minutes a sync item of class j takes until its due work is done (the
 * slack its deadline gets): the longest of the week with service_by_hour,
 * which keeps the rows necessary. */
static double
due_minutes(const struct opt *x, int j, double due)
{
	const struct scn_class *kj = &x->s->classes[j];
	double most = 0.0;
	int h;

	if (kj->service_by_hour < 0)
		return due * x->work[j];
	for (h = 0; h < WEEK_HOURS; h++)
		if (due * x->work_h[j][h] > most)
			most = due * x->work_h[j][h];
	return most;
}

/* Cumulative fluid rows for group g.  For every start hour t0, window W and
 * deadline d of a class only the group serves, over [t0, t0 + W + d]: the
 * work of each such class j that arrived by the end less d_j, less what may
 * be late in a whole week ((1 - share) of j's weekly work), must fit in the
 * person-hours the group's shifts put on duty.  On-call persons take sync
 * work only, so a second row holds the async work to the other shifts. */
static int
fluid(struct opt *x, uint32_t gm, struct sky *k)
{
	static const double wins[] = { 1, 2, 4, 8, 12, 24, 48, 72, 120, 168 };
	const struct scn *s = x->s;
	const int nw = (int)(sizeof wins / sizeof wins[0]);
	double late[SCN_MAX_CLASSES], d[SCN_MAX_CLASSES], due[SCN_MAX_CLASSES];
	double ds[SCN_MAX_CLASSES];
	int timed[SCN_MAX_CLASSES], t0, w, j, c, pass, nd = 0, any_on_call = 0, i;
	long tag = 0;

	for (i = 0; i < x->ns; i++)
		any_on_call |= ((gm >> s->shifts[i].role) & 1u) && !opt_takes_async(x, i);
	for (j = 0; j < x->nc; j++) {
		const struct scn_class *kj = &s->classes[j];

		due[j] = due_share(x, j);
		late[j] = kj->has_target ? (1.0 - kj->target_share) *
		    opt_work_in(x, j, 0.0, WEEK_MIN) * due[j] : 0.0;
		d[j] = kj->target_within + (kj->mode == SCN_SYNC ? due_minutes(x, j, due[j]) : 0.0);
		/* Escalated call-backs and follow-ups arise when another item is
		 * handled, not at the hours their loads are computed from: no fluid
		 * row may claim to know when they are due. */
		timed[j] = kj->has_target && !(s->esc.enabled && j == s->esc.to_class) &&
		    !(s->contact.enabled && j == s->contact.follow_up_class);
	}
	/* The window's rows depend on the anchor class only through its d: one
	 * set of windows per distinct d. */
	for (c = 0; c < x->nc; c++) {
		if (!timed[c] || !opt_in_group(x, c, gm))
			continue;
		for (j = 0; j < nd && ds[j] != d[c]; j++)
			;
		if (j == nd)
			ds[nd++] = d[c];
	}
	for (c = 0; c < nd; c++)
		for (t0 = 0; t0 < WEEK_HOURS; t0++)
			for (w = 0; w < nw; w++) {
				double from = t0 * 60.0, to = from + wins[w] * 60.0 + ds[c];
				double b[2] = { 0.0, 0.0 }, hb;   /* [0] async, [1] sync */

				for (j = 0; j < x->nc; j++) {
					if (!timed[j] || !opt_in_group(x, j, gm))
						continue;
					hb = opt_work_in(x, j, from, to - d[j]) * due[j] - late[j];
					if (hb > 0)
						b[s->classes[j].mode == SCN_SYNC] += hb / 60.0;
				}
				/* pass 0: every shift, all the work; pass 1: the shifts that
				 * take async work, the async work (a row of its own only
				 * when some shift is on call). */
				for (pass = 0; pass < 1 + any_on_call; pass++) {
					double need = pass == 0 ? b[0] + b[1] : b[0];

					if (need < 1e-9)
						continue;
					if (offer(x, k, gm, pass, from, to, need, OPT_ROW_FLUID,
					    tag++) != 0)
						return -1;
				}
			}
	return 0;
}

/* The group keeps up with the on-time work of its classes with targets over
 * a week (at least the target's share of it must be done at all), when the
 * shifts' max allow it; async work on the shifts that take it. */
static int
keep_up(struct opt *x, uint32_t gm, struct sky *k)
{
	const struct scn *s = x->s;
	double b;
	int c, pass;

	for (pass = 0; pass < 2; pass++) {
		b = 0.0;
		for (c = 0; c < x->nc; c++)
			if (opt_in_group(x, c, gm) && s->classes[c].has_target &&
			    (pass == 0 || s->classes[c].mode == SCN_ASYNC))
				b += s->classes[c].target_share * opt_work_in(x, c, 0.0, WEEK_MIN) /
				    60.0;
		if (b > 1e-9 && offer(x, k, gm, pass, 0.0, WEEK_MIN, b, OPT_ROW_KEEPUP,
		    -1 - pass) != 0)
			return -1;
	}
	return 0;
}

int
opt_fluid_rows(struct opt *x, int g, struct cq_err *err)
{
	struct sky k;
	long nfluid = 0;
	int i, rc = -1;

	memset(&k, 0, sizeof k);
	if (keep_up(x, x->group[g], &k) != 0 || fluid(x, x->group[g], &k) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	/* The survivors in the order they were offered: the same whatever
	 * order the offers dropped them in. */
	if (k.n > 1)          /* k.r is NULL when no row survived */
		qsort(k.r, (size_t)k.n, sizeof *k.r, tag_cmp);
	for (i = 0; i < k.n; i++) {
		struct sky_row *r = &k.r[i];
		int keep = r->tag < 0;

		x->rows[keep ? OPT_ROW_KEEPUP : OPT_ROW_FLUID].kept++;
		if (keep)
			rc = opt_add_row(x, r->nz, r->idx, r->val, r->b, 1, OPT_ROW_KEEPUP, err,
			    "keep up with the week: group %d%s", g + 1, r->tag == -2 ? " (async)" :
			    "");
		else
			rc = opt_add_row(x, r->nz, r->idx, r->val, r->b, 1, OPT_ROW_FLUID, err,
			    "fluid group %d row %ld", g + 1, ++nfluid);
		r->idx = NULL;
		r->val = NULL;
		if (rc != 0)
			goto out;
	}
	rc = 0;
out:
	sky_free(&k);
	return rc;
}

/* Coverage rows: slot j of group g needs req[g, j] persons on duty.  A slot
 * whose row another slot's row implies (the same shifts on duty, no larger
 * need) is left out (its req set to 0). */
int
opt_cover_reduce(struct opt *x, int g)
{
	const struct scn *s = x->s;
	struct sky k;
	long dropped = 0;
	int j, i, m;
	double *req = x->req + (size_t)g * OPT_SLOTS;
	unsigned char keep[OPT_SLOTS];

	memset(&k, 0, sizeof k);
	for (j = 0; j < OPT_SLOTS; j++) {
		struct sky_row row;

		if (!(req[j] > 0))
			continue;
		x->cover_rows++;
		memset(&row, 0, sizeof row);
		row.idx = malloc((size_t)x->ns * sizeof *row.idx);
		row.val = malloc((size_t)x->ns * sizeof *row.val);
		if (row.idx == NULL || row.val == NULL) {
			sky_free_row(&row);
			sky_free(&k);
			return -1;
		}
		for (i = 0; i < x->ns; i++)
			if (((x->group[g] >> s->shifts[i].role) & 1u) &&
			    x->cover[(size_t)i * OPT_SLOTS + j] > 0) {
				row.idx[row.nz] = i;
				row.val[row.nz++] = x->cover[(size_t)i * OPT_SLOTS + j];
				row.sig |= UINT64_C(1) << (i % 64);
			}
		row.b = req[j];
		row.tag = j;
		if (sky_offer(&k, &row, &dropped, x->keep_implied) < 0) {
			sky_free(&k);
			return -1;
		}
	}
	memset(keep, 0, sizeof keep);
	for (m = 0; m < k.n; m++)
		keep[k.r[m].tag] = 1;
	for (j = 0; j < OPT_SLOTS; j++)
		if (req[j] > 0 && !keep[j])
			req[j] = 0.0;
	x->cover_dropped += dropped;
	sky_free(&k);
	return 0;
}
