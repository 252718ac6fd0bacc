/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_diag.c — targets that no roster within the shifts' bounds can meet,
 * and the diagnosis an infeasible answer starts with.
 *
 * An item that arrives in an hour from which no shift of a role that serves
 * its class can be on duty before its target window ends (any staff within
 * the shifts' max, the templates' candidates too) misses, whatever the
 * roster.  When the expected share of such items alone exceeds what a target
 * allows, more persons cannot meet that target: the search adds no cut for
 * it (a person on duty where its items can still be reached raises a few
 * points at full cost, never to the target), and the answer says why and
 * what would help instead.  The shares come from the arrival pattern, not
 * from a simulation, so the verdict is the same on every seed; an hour only
 * partly out of reach counts as in reach, so the bound errs towards
 * searching on.
 */
#include "opt_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/cover.h"
#include "scenario/dist.h"
#include "week.h"

/* can[h]: some shift, within its max, can put someone on duty in hour h for
 * class c (or for class alt, when alt >= 0). */
static void
can_cover(const struct opt *x, int c, int alt, unsigned char can[WEEK_HOURS])
{
	int i, h;

	memset(can, 0, WEEK_HOURS);
	for (i = 0; i < x->ns; i++)
		if (x->s->shifts[i].max > 0)
			for (h = 0; h < WEEK_HOURS; h++)
				can[h] |= opt_covers(x, i, c, h) || (alt >= 0 &&
				    opt_covers(x, i, alt, h));
}

/* reach[h]: an item arriving in hour h can meet someone who can serve it
 * (can) within window minutes: some hour that overlaps [h, h + 1 h + window)
 * is covered. */
static void
reach_hours(const unsigned char can[WEEK_HOURS], double window,
    unsigned char reach[WEEK_HOURS])
{
	int span = (int)ceil((60.0 + window) / 60.0), h, k;

	for (h = 0; h < WEEK_HOURS; h++)
		for (k = 0, reach[h] = 0; k < span && k < WEEK_HOURS && !reach[h]; k++)
			reach[h] = can[(h + k) % WEEK_HOURS];
}

/* The share of weight w arriving in hours out of reach. */
static double
out_of_reach(const unsigned char can[WEEK_HOURS], double window, const double *w)
{
	unsigned char reach[WEEK_HOURS];
	double out = 0.0, total = 0.0;
	int h;

	reach_hours(can, window, reach);
	for (h = 0; h < WEEK_HOURS; h++) {
		total += w[h];
		out += reach[h] ? 0.0 : w[h];
	}
	return total > 0.0 ? out / total : 0.0;
}

/* Items of class c come only from the streams (not from escalation, a
 * follow-up or a care pathway), so the pattern says when they arrive. */
static int
from_streams(const struct scn *s, int c)
{
	int k;

	for (k = 0; k < s->nclasses; k++)
		if (s->classes[k].nnext > 0)
			return 0;
	return !(s->esc.enabled && s->esc.to_class == c) && s->contact.follow_up_class != c;
}

/* Safety: the share of acute patients that no roster can reach within the
 * safe window: those whose message arrives where nobody who reviews it can
 * be on duty in time; with the screen at arrival, of those only the share
 * the screen misses, where a call-back can be made in time. */
static double
safety_out_of_reach(const struct opt *x)
{
	const struct scn *s = x->s;
	unsigned char can[WEEK_HOURS], review[WEEK_HOURS], call[WEEK_HOURS];
	double lam[WEEK_HOURS], acute = 0.0, out = 0.0, win, mean, a;
	int c, h, screen = s->esc.enabled && s->esc.screen_at_arrival;

	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];

		win = s->esc.enabled ? s->classes[s->esc.to_class].safe_window : k->safe_window;
		if (k->acute.kind == DIST_NONE || !(win > 0.0) || !from_streams(s, c))
			continue;
		mean = dist_mean(&k->acute);
		cover_arrivals(s, c, lam);
		can_cover(x, c, -1, can);
		reach_hours(can, win, review);
		memset(call, 0, sizeof call);
		if (screen) {
			can_cover(x, s->esc.to_class, -1, can);
			reach_hours(can, win, call);
		}
		for (h = 0; h < WEEK_HOURS; h++) {
			a = lam[h] * mean;
			acute += a;
			if (!review[h])
				out += call[h] ? a * (1.0 - s->esc.screen_sensitivity) : a;
		}
	}
	return acute > 0.0 ? out / acute : 0.0;
}

int
opt_reach_init(struct opt *x, struct cq_err *err)
{
	const struct scn *s = x->s;
	unsigned char can[WEEK_HOURS];
	double lam[WEEK_HOURS];
	int c;

	if ((x->reach = calloc((size_t)x->nc + 1, sizeof *x->reach)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (c = 0; c < x->nc; c++) {
		const struct scn_class *k = &s->classes[c];

		x->reach[c] = 1.0;
		if (!k->has_target || !from_streams(s, c))
			continue;
		cover_arrivals(s, c, lam);
		can_cover(x, c, -1, can);
		x->reach[c] = 1.0 - out_of_reach(can, k->target_within, lam);
		x->beyond |= x->reach[c] < k->target_share - 1e-9;
	}
	/* reach[nc]: the least safety miss rate any roster can have. */
	if (s->has_safety_target) {
		x->reach[x->nc] = safety_out_of_reach(x);
		x->beyond |= x->reach[x->nc] > s->safety_miss_rate + 1e-9;
	}
	return 0;
}

int
opt_beyond(const struct opt *x, int c)
{
	if (x->reach == NULL)
		return 0;
	if (c == x->nc)
		return x->s->has_safety_target && x->reach[c] > x->s->safety_miss_rate + 1e-9;
	return x->s->classes[c].has_target && x->reach[c] < x->s->classes[c].target_share -
	    1e-9;
}

double
opt_shortfall_within(const struct opt *x, const struct meas *m)
{
	const struct scn *s = x->s;
	double sum = opt_shortfall(s, m), d;
	int c;

	/* Less the terms of the targets out of reach (as opt_shortfall adds them). */
	for (c = 0; c < s->nclasses; c++)
		if (opt_beyond(x, c) && !opt_class_ok(m->cls[c].met)) {
			d = s->classes[c].target_share - m->cls[c].attainment.lo;
			sum -= isfinite(d) && d > 0 ? d : 1.0;
		}
	if (opt_beyond(x, x->nc) && m->safety.met != MEAS_MET_CONFIDENT) {
		d = m->safety.miss_rate.hi - s->safety_miss_rate;
		sum -= isfinite(d) && d > 0 ? d : 0.01;
	}
	return sum > 0.0 ? sum : 0.0;
}

/* ---- the diagnosis: short sentences, why first ------------------------- */

static const char *
minutes_text(double m, char *buf, size_t n)
{
	int v = (int)lround(m);

	if (v > 0 && v % 1440 == 0)
		snprintf(buf, n, "%d d", v / 1440);
	else if (v >= 60 && v % 60 == 0)
		snprintf(buf, n, "%d h", v / 60);
	else if (v >= 60)
		snprintf(buf, n, "%d h %d min", v / 60, v % 60);
	else
		snprintf(buf, n, "%d min", v);
	return buf;
}

static void
add_diag(struct opt_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add_diag(struct opt_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->ndiag >= OPT_MAX_DIAG)
		return;
	va_start(ap, fmt);
	vsnprintf(r->diag[r->ndiag++], OPT_DIAG_LEN, fmt, ap);
	va_end(ap);
}

/* The roles that serve class c (or alt), "rn" or "rn, md". */
static void
role_names(const struct scn *s, int c, int alt, char *buf, size_t n)
{
	size_t len = 0;
	int r, j;

	buf[0] = '\0';
	for (r = 0; r < s->nroles && len < n; r++)
		for (j = 0; j < s->roles[r].nserves; j++)
			if (s->roles[r].serves[j] == c || s->roles[r].serves[j] == alt) {
				len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
				    s->roles[r].name);
				break;
			}
}

/* The stretches of the week in which no shift within its max can be on duty
 * for class c (at most three named), and the share of m's misses of c that
 * arrive in hours wholly inside them (NaN without m's misses). */
static int
stretches(const struct opt *x, int c, const struct meas *m, char *buf, size_t n,
    double *share)
{
	const struct scn *s = x->s;
	struct cover_gap g[3];
	double cov[WEEK_HOURS], in = 0.0, all = 0.0;
	char when[64];
	int *top, i, ng, h;
	size_t len = 0;

	*share = NAN;
	buf[0] = '\0';
	if ((top = malloc((size_t)x->ns * sizeof *top)) == NULL)
		return -1;
	for (i = 0; i < x->ns; i++)
		top[i] = s->shifts[i].max;
	ng = cover_gaps(s, top, c, g, 3);
	cover_week(s, top, c, cov);
	free(top);
	for (i = 0; i < ng && i < 3 && len < n; i++) {
		cover_gap_name(&g[i], when, sizeof when);
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i == 0 ? "" :
		    i + 1 == ng ? " and " : ", ", when);
	}
	if (ng > 3 && len < n)
		snprintf(buf + len, n - len, " and %d more stretch%s", ng - 3,
		    ng - 3 == 1 ? "" : "es");
	if (m != NULL && m->cls[c].met != MEAS_MET_NONE)
		for (h = 0; h < WEEK_HOURS; h++) {
			double v = m->cls[c].misses_by_hour[h];

			if (!isfinite(v))
				continue;
			all += v;
			in += cov[h] > 0.0 ? 0.0 : v;
		}
	if (all > 0.0)
		*share = in / all;
	return ng;
}

/* A class target out of reach: why, and what would help. */
static void
diag_class(struct opt *x, int c, const struct meas *m)
{
	const struct scn_class *k = &x->s->classes[c];
	char roles[160], when[400], win[32], miss[64] = "";
	double share;

	role_names(x->s, c, -1, roles, sizeof roles);
	minutes_text(k->target_within, win, sizeof win);
	if (stretches(x, c, m, when, sizeof when, &share) <= 0)
		snprintf(when, sizeof when, "in the hours its items arrive");
	if (isfinite(share))
		snprintf(miss, sizeof miss, ", where %.0f%% of its misses arrive", 100 * share);
	add_diag(x->r, "%s (%g%% within %s): no shift of a role that serves it (%s) can be "
	    "on duty %s%s. At most %.1f%% of its items can be answered within %s, "
	    "whatever the staff.", k->name, 100 * k->target_share, win, roles, when, miss,
	    100 * x->reach[c], win);
	add_diag(x->r, "What would help %s: a [shift] or [shift_template] of %s on duty in "
	    "those hours; more persons in the hours already covered would not.", k->name,
	    roles);
}

/* The safety target out of reach: the acute messages' class with most
 * acute patients names the stretches. */
static void
diag_safety(struct opt *x)
{
	const struct scn *s = x->s;
	char roles[160], when[400], win[32];
	double best = 0.0, a, lam[WEEK_HOURS], share;
	int c, h, kc = -1, alt = s->esc.enabled && s->esc.screen_at_arrival ?
	    s->esc.to_class : -1;

	for (c = 0; c < s->nclasses; c++) {
		if (s->classes[c].acute.kind == DIST_NONE || !from_streams(s, c))
			continue;
		cover_arrivals(s, c, lam);
		for (h = 0, a = 0.0; h < WEEK_HOURS; h++)
			a += lam[h];
		a *= dist_mean(&s->classes[c].acute);
		if (a > best)
			best = a, kc = c;
	}
	if (kc < 0)
		return;
	role_names(s, kc, alt, roles, sizeof roles);
	minutes_text(s->esc.enabled ? s->classes[s->esc.to_class].safe_window :
	    s->classes[kc].safe_window, win, sizeof win);
	if (stretches(x, kc, NULL, when, sizeof when, &share) <= 0)
		snprintf(when, sizeof when, "in the hours acute messages arrive");
	add_diag(x->r, "safety (at most %g%% of acute patients not reached within %s): no "
	    "shift of a role that reviews %s (%s) can be on duty %s, so at least %.1f%% of "
	    "acute patients cannot be reached in time, whatever the staff.",
	    100 * s->safety_miss_rate, win, s->classes[kc].name, roles, when,
	    100 * x->reach[x->nc]);
	if (s->esc.enabled && s->esc.screen_at_arrival)
		add_diag(x->r, "What would help safety: a [shift] or [shift_template] of %s on "
		    "duty in those hours; the screen at arrival finds only %g%% of acute "
		    "messages, so call-backs alone cannot reach the rest.", roles,
		    100 * s->esc.screen_sensitivity);
	else
		add_diag(x->r, "What would help safety: a [shift] or [shift_template] of %s on "
		    "duty in those hours, or a screen at arrival with an on-call shift for the "
		    "call-backs.", roles);
}

/* The targets m misses that are within reach: "call 70.8% against 80%". */
static void
missed_within(const struct opt *x, const struct meas *m, char *buf, size_t n)
{
	const struct scn *s = x->s;
	size_t len = 0;
	int c;

	buf[0] = '\0';
	for (c = 0; c < s->nclasses && len < n; c++)
		if (s->classes[c].has_target && !opt_class_ok(m->cls[c].met) &&
		    !opt_beyond(x, c))
			len += (size_t)snprintf(buf + len, n - len, "%s%s %.1f%% against %g%%%s",
			    len ? ", " : "", s->classes[c].name,
			    100 * m->cls[c].attainment.mean, 100 * s->classes[c].target_share,
			    m->cls[c].attainment.mean >= s->classes[c].target_share ?
			    " (not with confidence)" : "");
	for (c = 0; c < s->nroles && len < n; c++)
		if (opt_role_fails(s, m, c))
			len += (size_t)snprintf(buf + len, n - len, "%srole %s utilization "
			    "%.1f%% against at most %g%%", len ? ", " : "", s->roles[c].name,
			    100 * m->role[c].utilization.mean, 100 * s->max_utilization);
	if (len < n && s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT &&
	    !opt_beyond(x, x->nc))
		snprintf(buf + len, n - len, "%ssafety miss rate %.2f%% against at most %g%%",
		    len ? ", " : "", 100 * m->safety.miss_rate.mean, 100 * s->safety_miss_rate);
}

void
opt_diagnose(struct opt *x, const struct meas *m)
{
	struct opt_result *r = x->r;
	int c;

	r->ndiag = 0;
	r->beyond = x->beyond;
	for (c = 0; c < x->nc; c++)
		if (opt_beyond(x, c))
			diag_class(x, c, m);
	if (opt_beyond(x, x->nc))
		diag_safety(x);
	if (x->atmax[0] != '\0') {
		char what[512];

		missed_within(x, m, what, sizeof what);
		add_diag(r, "%s: missed even with every shift that could add cover at its max "
		    "(%s). What would help: a higher max for those shifts, or a "
		    "[shift_template].", what[0] ? what : "a target", x->atmax);
	}
	if (r->ndiag == 0)
		add_diag(r, "%s", r->fail);
}
