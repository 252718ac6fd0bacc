/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_opt_why.c — what optimize changed and why, from what it measured:
 * one change per shift whose staff differs from the roster as written.  A
 * shift cut says what it saves; a shift raised names the target that needed
 * it and the hours where its misses fell, in a simulated roster without the
 * rise (one no larger than the answer anywhere) or, failing that, in the
 * roster as written; a cut that leaves a class with nobody on duty who
 * serves it, where the roster as written had someone, says so.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pres_int.h"
#include "measure/cover.h"
#include "week.h"

/* The roster as written's last simulation on the search's seed (the most
 * replications of it). */
const struct opt_iter *
pres_opt_baseline(const struct opt_result *r)
{
	const struct opt_iter *b = &r->iter[r->baseline];
	const struct opt_iter *best = b;
	int i;

	for (i = r->baseline + 1; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];

		if (it->seed == b->seed && it->as_written == b->as_written &&
		    memcmp(it->staff, b->staff, (size_t)r->scn->nshifts * sizeof(int)) == 0 &&
		    it->replications > best->replications)
			best = it;
	}
	return best;
}

/* Misses of class c a week in m over the hours of shift i on days, and where
 * they fell: "Mon-Fri 18:00-20:00" in where (the days and clock hours with
 * misses, within the shift). */
static double
misses_in(const struct scn *s, const struct meas *m, int c, int i, unsigned days,
    char *where, size_t n)
{
	const struct scn_shift *sh = &s->shifts[i];
	int len = (sh->end - sh->start + 59) / 60 + 1, d, o, lo = -1, hi = -1;
	unsigned with = 0;
	double sum = 0.0, weeks = s->weeks > 0 ? s->weeks : 1.0;
	char dw[64];

	for (d = 0; d < WEEK_DAYS; d++) {
		if (!(days & (1u << d)))
			continue;
		for (o = 0; o < len; o++) {
			int t = d * DAY_MINUTES + sh->start / 60 * 60 + o * 60;
			double v;

			if (t + 60 <= d * DAY_MINUTES + sh->start || t >= d * DAY_MINUTES + sh->end)
				continue;
			v = m->cls[c].misses_by_hour[(t / 60) % WEEK_HOURS];
			sum += v;
			if (v / weeks >= 0.05) {
				with |= 1u << d;
				lo = lo < 0 || o < lo ? o : lo;
				hi = o > hi ? o : hi;
			}
		}
	}
	where[0] = '\0';
	if (lo >= 0) {
		int a = sh->start / 60 * 60 + lo * 60, b = sh->start / 60 * 60 + (hi + 1) * 60;

		if (a < sh->start)
			a = sh->start;
		if (b > sh->end)
			b = sh->end;
		week_days_words(with, dw, sizeof dw);
		snprintf(where, n, "%s %02d:%02d-%02d:%02d%s", dw, a / 60 % 24, a % 60,
		    b / 60 % 24, b % 60, b > DAY_MINUTES ? " the next day" : "");
	}
	return sum / weeks;
}

void
pres_target_words(const struct scn *s, int c, char *buf, size_t n)
{
	char d[48];

	snprintf(buf, n, "%s %g%% <= %s", s->classes[c].name, 100 * s->classes[c].target_share,
	    rpt_fmt_duration(s->classes[c].target_within, d, sizeof d));
}

/* The class with a target missed in m that shift i serves with the most
 * misses in its hours on days; -1 when none. */
static int
worst_class(const struct scn *s, const struct meas *m, int i, unsigned days, double *per_week,
    char *where, size_t n)
{
	char w[128];
	int c, best = -1;

	*per_week = 0;
	for (c = 0; c < s->nclasses; c++) {
		double v;

		if (!s->classes[c].has_target || m->cls[c].met == MEAS_MET_CONFIDENT ||
		    m->cls[c].met == MEAS_MET_NA || !cover_shift_serves(s, i, c))
			continue;
		v = misses_in(s, m, c, i, days, w, sizeof w);
		if (v > *per_week && w[0] != '\0') {
			*per_week = v;
			best = c;
			snprintf(where, n, "%s", w);
		}
	}
	return best;
}

/* A failed simulation of a roster no larger than the answer on any shift and
 * smaller on one of rs's: the rise was needed there.  The most replications,
 * then the nearest; NULL when none was run. */
static const struct opt_iter *
without_rise(const struct opt_result *r, const struct scn_rshift *rs)
{
	const struct opt_iter *best = NULL;
	int i, k, bestd = 0;

	for (i = 0; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];
		int le = 1, less = 0, dist = 0;

		if (it->all_met || it->as_written)
			continue;
		for (k = 0; k < r->scn->nshifts && le; k++) {
			le = it->staff[k] <= r->staff[k];
			dist += r->staff[k] - it->staff[k];
			less |= k >= rs->first && k < rs->first + rs->n && it->staff[k] < r->staff[k];
		}
		if (!le || !less)
			continue;
		if (best == NULL || it->replications > best->replications ||
		    (it->replications == best->replications && dist < bestd)) {
			best = it;
			bestd = dist;
		}
	}
	return best;
}

/* Why shift rs was raised on days. */
static void
why_rise(const struct opt_result *r, const struct scn_rshift *rs, unsigned days,
    double cost, struct pres_change *ch)
{
	const struct scn *s = r->scn;
	const struct opt_iter *f = without_rise(r, rs);
	const struct opt_iter *b = pres_opt_baseline(r);
	char where[128], t[96], money[56];
	double v;
	int c;

	/* Raised on some days and cut on others, it may cost less in all. */
	snprintf(money, sizeof money, "%s ", cost >= 0 ? "costs" : "saves");
	rpt_fmt_money(fabs(cost), s->currency, money + 6, sizeof money - 6);
	if (f != NULL && (c = worst_class(s, f->m, rs->first, days, &v, where,
	    sizeof where)) >= 0) {
		pres_target_words(s, c, t, sizeof t);
		snprintf(ch->why, sizeof ch->why, "%s: without this rise (simulation %d, "
		    "%.1f%% attained) %.1f misses a week %s; %s a week", t,
		    (int)(f - r->iter) + 1, 100 * f->m->cls[c].attainment.mean, v, where, money);
	} else if ((c = worst_class(s, b->m, rs->first, days, &v, where, sizeof where)) >= 0) {
		pres_target_words(s, c, t, sizeof t);
		snprintf(ch->why, sizeof ch->why, "%s: missed as written (%.1f%%), %.1f misses "
		    "a week %s; %s a week", t, 100 * b->m->cls[c].attainment.mean, v, where,
		    money);
	} else
		snprintf(ch->why, sizeof ch->why, "%s a week; %s", money, r->feasible ?
		    "with the other changes every target is met" : "part of the best roster "
		    "found, which does not meet every target");
}

/* Whether occurrence [a, a + len) of the week lies within a stretch of g. */
static int
gap_within(int a, int len, const struct cover_gap *g, int ng)
{
	int i, d;

	for (i = 0; i < ng; i++) {
		int gl = ((g[i].to - g[i].from) % WEEK_MINUTES + WEEK_MINUTES) % WEEK_MINUTES;

		if (gl == 0)
			gl = WEEK_MINUTES;
		for (d = 0; d < WEEK_DAYS; d++) {
			int b = g[i].days ? d * DAY_MINUTES + g[i].from % DAY_MINUTES : g[i].from;

			if (g[i].days && !(g[i].days & (1u << d)))
				continue;
			if (((a - b) % WEEK_MINUTES + WEEK_MINUTES) % WEEK_MINUTES + len <= gl)
				return 1;
			if (!g[i].days)
				break;
		}
	}
	return 0;
}

/* Whether shift rs, cut on some day, had persons in [a, a + len) as written. */
static int
cut_overlaps(const struct scn *s, const struct scn_rshift *rs, int c, int a, int len)
{
	const struct scn_shift *sh = &s->shifts[rs->first];
	int d, k;

	if (!cover_shift_serves(s, rs->first, c))
		return 0;
	for (d = 0; d < WEEK_DAYS; d++) {
		int t0 = d * DAY_MINUTES + sh->start, t1 = d * DAY_MINUTES + sh->end;

		if (!(rs->days & (1u << d)) || rs->staff[d] >= rs->written[d])
			continue;
		for (k = -1; k <= 1; k++)     /* the week wraps */
			if (a < t1 + k * WEEK_MINUTES && a + len > t0 + k * WEEK_MINUTES)
				return 1;
	}
	return 0;
}

/* The stretches of class c with nobody on duty in the answer that the roster
 * as written covered at least in part: each told on the cuts that were on
 * duty in it. */
static int
opened_gaps(const struct opt_result *r, int c, struct pres_change *ch, int n)
{
	const struct scn *s = r->scn;
	struct cover_gap *now = NULL, *was = NULL;
	int nn, nw, i, d, k;

	if ((nn = cover_gaps(s, r->staff, c, NULL, 0)) < 0 ||
	    (nw = cover_gaps(s, NULL, c, NULL, 0)) < 0)
		return -1;
	if (nn == 0)
		return 0;
	now = calloc((size_t)nn, sizeof *now);
	was = calloc((size_t)nw + 1, sizeof *was);
	if (now == NULL || was == NULL || cover_gaps(s, r->staff, c, now, nn) < 0 ||
	    cover_gaps(s, NULL, c, was, nw) < 0) {
		free(now);
		free(was);
		return -1;
	}
	for (i = 0; i < nn; i++) {
		int len = ((now[i].to - now[i].from) % WEEK_MINUTES + WEEK_MINUTES) % WEEK_MINUTES;
		int opened = 0;

		if (len == 0)
			len = WEEK_MINUTES;
		for (d = 0; d < WEEK_DAYS && !opened; d++) {
			int a = now[i].days ? d * DAY_MINUTES + now[i].from % DAY_MINUTES : now[i].from;

			if (now[i].days && !(now[i].days & (1u << d)))
				continue;
			opened = !gap_within(a, len, was, nw);
			for (k = 0; k < n && opened; k++)
				if (cut_overlaps(s, &ch[k].rs, c, a, len) && ch[k].nopens < PRES_MAX_OPENS) {
					struct pres_open *o = &ch[k].opens[ch[k].nopens++];

					o->cls = c;
					o->share = now[i].share;
					cover_gap_name(&now[i], o->when, sizeof o->when);
				}
			if (!now[i].days)
				break;
		}
	}
	free(now);
	free(was);
	return 0;
}

/* "; leaves nobody on duty Mon-Fri 18:30 - 20:00 for bp_alert (8% of its
 * items), ..." after the why: one clause per stretch, its classes together. */
static void
why_opens(const struct scn *s, struct pres_change *ch)
{
	size_t len;
	int k, j, seen;

	for (k = 0; k < ch->nopens; k++) {
		for (j = 0, seen = 0; j < k && !seen; j++)
			seen = strcmp(ch->opens[j].when, ch->opens[k].when) == 0;
		if (seen)
			continue;
		len = strlen(ch->why);
		snprintf(ch->why + len, sizeof ch->why - len, "; leaves nobody on duty %s for",
		    ch->opens[k].when);
		for (j = k; j < ch->nopens; j++) {
			const struct pres_open *o = &ch->opens[j];

			if (strcmp(o->when, ch->opens[k].when) != 0)
				continue;
			len = strlen(ch->why);
			snprintf(ch->why + len, sizeof ch->why - len, "%s %s (%.*f%%%s)",
			    j > k ? "," : "", s->classes[o->cls].name, o->share < 0.01 ? 1 : 0,
			    100 * o->share, j == k ? " of its items" : "");
		}
		len = strlen(ch->why);
		snprintf(ch->why + len, sizeof ch->why - len, ", which the roster as written "
		    "covered at least in part");
	}
}

int
pres_opt_changes(const struct opt_result *r, struct pres_change **out)
{
	const struct scn *s = r->scn;
	struct pres_change *ch;
	int i, d, n = 0, c;

	*out = NULL;
	if ((ch = calloc((size_t)s->nshifts + 1, sizeof *ch)) == NULL)
		return -1;
	for (i = 0; i < s->nshifts; i++) {
		struct scn_rshift rs;
		unsigned up = 0, down = 0;

		if (!pres_shift_shown(s, r->staff, i, &rs))
			continue;
		for (d = 0; d < WEEK_DAYS; d++)
			if (rs.days & (1u << d)) {
				up |= rs.staff[d] > rs.written[d] ? 1u << d : 0;
				down |= rs.staff[d] < rs.written[d] ? 1u << d : 0;
			}
		if (!up && !down)
			continue;
		ch[n].shift = i;
		ch[n].rs = rs;
		ch[n].up = up;
		ch[n].down = down;
		n++;
	}
	for (c = 0; c < s->nclasses; c++)
		if (opened_gaps(r, c, ch, n) != 0) {
			free(ch);
			return -1;
		}
	for (i = 0; i < n; i++) {
		double delta = scn_rshift_cost(s, &ch[i].rs, r->staff) -
		    scn_rshift_cost(s, &ch[i].rs, NULL);
		char money[48];

		if (ch[i].up)
			why_rise(r, &ch[i].rs, ch[i].up, delta, &ch[i]);
		else
			snprintf(ch[i].why, sizeof ch[i].why, "saves %s a week; %s",
			    rpt_fmt_money(-delta, s->currency, money, sizeof money),
			    r->feasible ? "every target still met" :
			    "the best roster found does not meet every target");
		why_opens(s, &ch[i]);
	}
	*out = ch;
	return n;
}
