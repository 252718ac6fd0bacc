/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_cover.c — misses explained: when someone who serves each class is on
 * duty (the coverage timeline of the roster a replication plays), and the
 * count of each miss by the hour of week of its arrival and by cause.
 *
 * The timeline is built once per replication from the shifts, their days and
 * holidays and the staff played; it is consulted only when an item misses (a
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

/* Does a person of a shift of role `role`, on call or not, serve class c?
 * On-call persons serve sync classes only (sim_setup_pools). */
static int
pool_serves(const struct sim *m, int role, int on_call, int c)
{
	return m->rank[role * 2 + on_call][c] >= 0;
}

/* The stretches on duty of class c over [0, stop_at), merged. */
static int
build_class(struct sim *m, int c, struct span *buf, size_t cap)
{
	const struct scn *s = m->s;
	struct cover *cv = &m->cov[c];
	size_t n = 0, i, k;
	int si;
	long d;

	for (si = 0; si < s->nshifts; si++) {
		const struct scn_shift *sh = &s->shifts[si];

		if (m->staff[si] <= 0 || !pool_serves(m, sh->role, sh->on_call, c))
			continue;
		for (d = -1; d < m->ndays && n < cap; d++) {
			double a = d * DAY_MIN + sh->start, b = d * DAY_MIN + sh->end;

			if (b <= 0.0 || a >= m->stop_at || !sim_shift_runs_on(m, si, d))
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
	int c, si, rc = 0;

	for (si = 0; si < s->nshifts; si++)
		cap += (size_t)m->ndays + 1;
	buf = malloc((cap + 1) * sizeof *buf);
	if (buf == NULL)
		return sim_fail_nomem(m);
	for (c = 0; c < s->nclasses && rc == 0; c++)
		rc = build_class(m, c, buf, cap);
	free(buf);
	if (rc == 0)
		sim_cover_tick(m);      /* on duty from t = 0 */
	return rc;
}

void
sim_cover_free(struct sim *m)
{
	int c;

	for (c = 0; c < SCN_MAX_CLASSES; c++) {
		free(m->cov[c].t);
		m->cov[c].t = NULL;
	}
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
	for (c = 0; c < m->s->nclasses; c++)
		if (!m->kl[c].cov_in) {
			m->kl[c].rep->uncovered += m->kl[c].rep->arrived - m->kl[c].cov_mark;
			m->kl[c].cov_mark = m->kl[c].rep->arrived;
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
		if (covered(m, it->cls, it->arrival, it->arrival + k->target_within))
			cr->miss_queued++;
		else
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
