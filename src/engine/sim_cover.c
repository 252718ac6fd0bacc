/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_cover.c — misses explained: when someone who serves each class is on
 * duty (the coverage timeline of the roster a replication plays), and the
 * count of each miss by the hour of week of its arrival and by cause.
 *
 * The timeline is built once per replication from the shifts, their days and
 * holidays, the staff played and who of them is absent (breaks, taken when
 * the item in hand allows, are not in it); it is consulted only when an item misses (a
 * binary search) and, at each measured arrival, by a cursor that moves with
 * the clock (sim_cover_advance), so the hot path pays one compare.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim_int.h"

struct span {
	double a, b;
};

static int
span_cmp(const void *x, const void *y)
{
	const struct span *p = x, *q = y;

	return p->a < q->a ? -1 : p->a > q->a;
}

/* Words of a mask of shifts (optimize's copy may hold more than SCN_MAX_SHIFTS). */
static size_t
mask_words(const struct scn *s)
{
	return (size_t)s->nshifts / 64 + 1;
}

/* The shifts whose persons serve class c (with staff, when staff is given). */
static void
serving_shifts(const struct scn *s, const int *rank_of, const int *staff, int c,
    uint64_t *mask)
{
	int si;

	memset(mask, 0, mask_words(s) * sizeof mask[0]);
	for (si = 0; si < s->nshifts; si++) {
		const struct scn_shift *sh = &s->shifts[si];

		if ((staff == NULL || staff[si] > 0) &&
		    rank_of[(sh->role * 2 + sh->on_call) * SCN_MAX_CLASSES + c] >= 0)
			mask[si / 64] |= (uint64_t)1 << (si % 64);
	}
}

/* Whether anyone of shift si's run of `day` comes: absence is drawn per
 * person-shift from its own substream (sim_shift.c), so the timeline can know
 * it before the run, and a run whose persons are all absent is no cover. */
static int
anyone_present(const struct sim *m, int si, long day)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	uint32_t j, n = sim_run_staff(m, si, day);

	if (n == 0)
		return 0;               /* staff by day: nobody on this day */
	if (!(sh->absence > 0.0))
		return 1;
	for (j = 0; j < n; j++)
		if (sim_absence_u(m, si, day, j) >= sh->absence)
			return 1;
	return 0;
}

/* The stretches on duty of class c over [0, stop_at), merged; classes served
 * by the same shifts share one timeline. */
static int
build_class(struct sim *m, int c, struct span *buf, size_t cap, uint64_t *masks)
{
	const struct scn *s = m->s;
	struct cover *cv = &m->cov[c];
	size_t n = 0, i, k, w = mask_words(s);
	uint64_t *mc = masks + (size_t)c * w;
	int si, e;
	long d;

	serving_shifts(s, &m->rank[0][0], m->staff, c, mc);
	for (e = 0; e < c; e++)
		if (memcmp(masks + (size_t)e * w, mc, w * sizeof *mc) == 0) {
			*cv = m->cov[e];
			cv->shared = 1;
			m->kl[c].cov_i = 0;
			m->kl[c].cov_in = 0;
			m->kl[c].cov_mark = 0.0;
			m->kl[c].cov_next = cv->n > 0 ? cv->t[0] : INFINITY;
			m->kl[c].cov_full = m->kl[e].cov_full;
			return 0;
		}
	for (si = 0; si < s->nshifts; si++) {
		const struct scn_shift *sh = &s->shifts[si];

		if (!(mc[si / 64] >> (si % 64) & 1))
			continue;
		for (d = -1; d < m->ndays && n < cap; d++) {
			double a = d * DAY_MIN + sh->start, b = d * DAY_MIN + sh->end;

			if (b <= 0.0 || a >= m->stop_at || !sim_shift_runs_on(m, si, d) ||
			    !anyone_present(m, si, d))
				continue;
			buf[n].a = a < 0.0 ? 0.0 : a;
			buf[n].b = b;
			n++;
		}
	}
	qsort(buf, n, sizeof *buf, span_cmp);
	/* Merge overlapping and touching stretches: back-to-back shifts are one. */
	for (i = 0, k = 0; i < n; i++) {
		if (k > 0 && buf[i].a <= buf[k - 1].b) {
			if (buf[i].b > buf[k - 1].b)
				buf[k - 1].b = buf[i].b;
		} else {
			buf[k++] = buf[i];
		}
	}
	cv->shared = 0;
	cv->t = malloc((2 * k + 1) * sizeof *cv->t);
	if (cv->t == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < k; i++) {
		cv->t[2 * i] = buf[i].a;
		cv->t[2 * i + 1] = buf[i].b;
	}
	cv->n = (uint32_t)(2 * k);
	m->kl[c].cov_i = 0;
	m->kl[c].cov_in = 0;
	m->kl[c].cov_mark = 0.0;
	m->kl[c].cov_next = cv->n > 0 ? cv->t[0] : INFINITY;
	m->kl[c].cov_full = k == 1 && cv->t[0] <= 0.0 && cv->t[1] >= m->stop_at;
	return 0;
}

int
sim_cover_build(struct sim *m)
{
	const struct scn *s = m->s;
	size_t cap = 0;
	struct span *buf;
	uint64_t *masks;
	int c, si, rc = 0;

	for (si = 0; si < s->nshifts; si++)
		cap += (size_t)m->ndays + 1;
	buf = malloc((cap + 1) * sizeof *buf);
	masks = calloc(((size_t)s->nclasses + 1) * mask_words(s), sizeof *masks);
	if (buf == NULL || masks == NULL) {
		free(buf);
		free(masks);
		return sim_fail_nomem(m);
	}
	for (c = 0; c < s->nclasses && rc == 0; c++)
		rc = build_class(m, c, buf, cap, masks);
	free(buf);
	free(masks);
	if (rc == 0)
		sim_cover_tick(m);      /* on duty from t = 0 */
	return rc;
}

void
sim_cover_free(struct sim *m)
{
	int c;

	for (c = 0; c < SCN_MAX_CLASSES; c++) {
		if (!m->cov[c].shared)
			free(m->cov[c].t);
		m->cov[c].t = NULL;
	}
}

double
sim_cover_bytes(const struct scn *s)
{
	/* Who serves what, as sim_setup_pools ranks it: role r's pools, office
	 * (every class it serves) and on call (its sync classes).  Classes served
	 * by the same pools share a timeline. */
	unsigned char served[SCN_MAX_CLASSES][2 * SCN_MAX_ROLES], has[2 * SCN_MAX_ROLES] = { 0 };
	double stop = s->warmup + s->weeks * WEEK_MIN + sim_drain_span(s);
	double runs = ceil(stop / DAY_MIN) + 3, spans = 0.0;
	int c, e, r, j, si, d, nd;

	for (si = 0; si < s->nshifts; si++)
		has[2 * s->shifts[si].role + s->shifts[si].on_call] = 1;
	for (c = 0; c < s->nclasses; c++) {
		memset(served[c], 0, sizeof served[c]);
		for (r = 0; r < s->nroles; r++)
			for (j = 0; j < s->roles[r].nserves; j++)
				if (s->roles[r].serves[j] == c) {
					served[c][2 * r] = 1;
					served[c][2 * r + 1] = s->classes[c].mode == SCN_SYNC;
				}
		/* Only the pools some shift has tell timelines apart. */
		for (j = 0; j < 2 * SCN_MAX_ROLES; j++)
			served[c][j] &= has[j];
		for (e = 0; e < c && memcmp(served[e], served[c], sizeof served[c]) != 0; e++)
			;
		if (e < c)
			continue;       /* shares an earlier class's timeline */
		for (si = 0; si < s->nshifts; si++)
			if (served[c][2 * s->shifts[si].role + s->shifts[si].on_call]) {
				/* A stretch for each day it runs (of the week's seven). */
				for (d = 0, nd = 0; d < WEEK_DAYS; d++)
					nd += (s->shifts[si].days >> d) & 1;
				spans += runs * nd / WEEK_DAYS;
			}
	}
	/* Each stretch two doubles, and the sorting buffer of one class. */
	return spans * 2 * sizeof(double) + s->nshifts * runs * sizeof(struct span);
}

/* Move class c's coverage on to now.  Arrivals at a boundary come after it
 * (calendar events go first on a tie), as [start, end) says. */
static void
advance(struct sim *m, int c)
{
	const struct cover *cv = &m->cov[c];
	struct klass *kl = &m->kl[c];
	int was = kl->cov_in;
	double arrived = kl->rep->arrived;

	while (kl->cov_i < cv->n && cv->t[kl->cov_i] <= m->now)
		kl->cov_i++;
	kl->cov_in = kl->cov_i & 1;   /* past a start, not yet its end */
	kl->cov_next = kl->cov_i < cv->n ? cv->t[kl->cov_i] : INFINITY;
	if (was && !kl->cov_in)
		kl->cov_mark = arrived;
	else if (!was && kl->cov_in)
		kl->rep->uncovered += arrived - kl->cov_mark;
}

void
sim_cover_tick(struct sim *m)
{
	int c;

	for (c = 0; c < m->s->nclasses; c++)
		if (m->now >= m->kl[c].cov_next)
			advance(m, c);
}

void
sim_cover_close(struct sim *m)
{
	int c;

	sim_cover_tick(m);
	for (c = 0; c < m->s->nclasses; c++) {
		struct sim_class_rep *cr = m->kl[c].rep;
		double missed = 0.0;
		int h;

		if (!m->kl[c].cov_in) {
			cr->uncovered += cr->arrived - m->kl[c].cov_mark;
			m->kl[c].cov_mark = cr->arrived;
		}
		/* Every miss is in its hour; the ones no other cause claims queued
		 * (counts: the sums are exact). */
		for (h = 0; h < WEEK_HOURS; h++)
			missed += cr->misses_by_hour[h];
		cr->miss_queued = missed - cr->miss_no_cover - cr->miss_abandoned - cr->miss_open;
	}
}

/* Is anyone who serves class c on duty at some time in [a, b)? */
static int
covered(const struct sim *m, int c, double a, double b)
{
	const struct cover *cv = &m->cov[c];
	uint32_t lo = 0, hi = cv->n;

	/* lo: the first boundary after a. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (cv->t[mid] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo & 1)
		return 1;               /* a lies inside a stretch on duty */
	return lo < cv->n && cv->t[lo] < b;
}

void
sim_miss(struct sim *m, const struct item *it, enum miss_cause why)
{
	const struct scn_class *k = &m->s->classes[it->cls];
	struct sim_class_rep *cr = m->kl[it->cls].rep;

	if (why == MISS_TIMED) {        /* counted by hour in miss_timed */
		if (!covered(m, it->cls, it->arrival, it->arrival + k->target_within))
			cr->miss_no_cover++;
		return;
	}
	if (!it->measured || !k->has_target)
		return;
	cr->misses_by_hour[hour_of_week(m, it->arrival)]++;
	if (why == MISS_ABANDONED)
		cr->miss_abandoned++;
	else
		cr->miss_open++;
}
