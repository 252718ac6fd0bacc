/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cover.c — coverage of a typical week by class (cover.h): persons on duty who
 * serve a class, minute by minute, against when its items arrive.  Used for
 * the coverage-gap warnings (meas.c), the optimizer's account of a miss and
 * the workbook's Misses sheet.
 */
#include "cover.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/dist.h"
#include "week.h"


int
cover_shift_serves(const struct scn *s, int i, int c)
{
	const struct scn_shift *sh = &s->shifts[i];
	const struct scn_role *ro = &s->roles[sh->role];
	int j;

	if (sh->on_call && s->classes[c].mode != SCN_SYNC)
		return 0;
	for (j = 0; j < ro->nserves; j++)
		if (ro->serves[j] == c)
			return 1;
	return 0;
}

/* Persons on duty who serve c in each minute of the week: each shift-day adds
 * its staff at its start and takes it away at its end (a difference array,
 * summed once), an end past Sunday midnight wrapping to Monday. */
static void
week_minutes(const struct scn *s, const int *staff, int c, int on_call_only, int *on)
{
	int i, d, t, run = 0;

	memset(on, 0, (WEEK_MINUTES + 1) * sizeof *on);
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		if (!cover_shift_serves(s, i, c) || (on_call_only && !sh->on_call))
			continue;
		for (d = 0; d < 7; d++) {
			int a = d * DAY_MINUTES + sh->start, b = d * DAY_MINUTES + sh->end;
			int n = scn_shift_staff_on(s, staff, i, d);

			if (n <= 0 || b <= a)
				continue;
			if (b > WEEK_MINUTES) {
				on[0] += n;
				on[b - WEEK_MINUTES] -= n;
				b = WEEK_MINUTES;
			}
			on[a] += n;
			on[b] -= n;
		}
	}
	for (t = 0; t < WEEK_MINUTES; t++) {
		run += on[t];
		on[t] = run;
	}
}

static void
hours_of(const struct scn *s, const int *staff, int c, int on_call_only,
    double out[WEEK_HOURS])
{
	int *on = malloc((WEEK_MINUTES + 1) * sizeof *on);
	int h, t;

	memset(out, 0, WEEK_HOURS * sizeof out[0]);
	if (on == NULL)
		return;
	week_minutes(s, staff, c, on_call_only, on);
	for (h = 0; h < WEEK_HOURS; h++) {
		for (t = 0; t < 60; t++)
			out[h] += on[h * 60 + t];
		out[h] /= 60.0;
	}
	free(on);
}

void
cover_week(const struct scn *s, const int *staff, int c, double out[WEEK_HOURS])
{
	hours_of(s, staff, c, 0, out);
}

void
cover_week_on_call(const struct scn *s, const int *staff, int c, double out[WEEK_HOURS])
{
	hours_of(s, staff, c, 1, out);
}

void
cover_arrivals(const struct scn *s, int c, double out[WEEK_HOURS])
{
	int i, j, h;

	memset(out, 0, WEEK_HOURS * sizeof out[0]);
	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];
		double share = 0.0;

		if (st->kind == SCN_READING) {
			if (st->alert_class == c)
				share = dist_sf(&st->value, st->alert_above);
		} else {
			for (j = 0; j < st->nclasses; j++)
				if (st->class_idx[j] == c)
					share += st->share[j];
		}
		if (share > 0.0)
			for (h = 0; h < WEEK_HOURS; h++)
				out[h] += st->rate[h] * share;
	}
}

static int
gap_cmp(const void *x, const void *y)
{
	const struct cover_gap *a = x, *b = y;

	if (a->share != b->share)
		return a->share < b->share ? 1 : -1;
	return a->from - b->from;
}

/* Length of a stretch in minutes. */
static int
gap_len(const struct cover_gap *g)
{
	return ((g->to - g->from) % WEEK_MINUTES + WEEK_MINUTES) % WEEK_MINUTES;
}

/* One stretch for those under a day that recur at the same clock times (the
 * nights between weekday shifts): a warning per night would say one thing
 * five times.  Returns the new count. */
static int
group_daily(struct cover_gap *g, int n)
{
	int i, j, k;

	for (i = 0; i < n; i++) {
		if (gap_len(&g[i]) == 0 || gap_len(&g[i]) >= DAY_MINUTES)
			continue;
		for (j = i + 1; j < n; j++) {
			if (g[j].from % DAY_MINUTES != g[i].from % DAY_MINUTES ||
			    g[j].to % DAY_MINUTES != g[i].to % DAY_MINUTES || gap_len(&g[j]) != gap_len(&g[i]))
				continue;
			if (g[i].days == 0)
				g[i].days = 1u << (g[i].from / DAY_MINUTES);
			g[i].days |= 1u << (g[j].from / DAY_MINUTES);
			g[i].share += g[j].share;
			for (k = j; k + 1 < n; k++)
				g[k] = g[k + 1];
			n--;
			j--;
		}
	}
	return n;
}

int
cover_gaps(const struct scn *s, const int *staff, int c, struct cover_gap *g, int max)
{
	double rate[WEEK_HOURS], total = 0.0;
	struct cover_gap *found;
	/* Two weeks end to end, so that a stretch over Sunday midnight needs no
	 * modulo in the loops. */
	int *on = malloc((2 * WEEK_MINUTES + 1) * sizeof *on);
	int h, i, n = 0, start = -1, k;

	/* At most one gap in two minutes. */
	found = malloc((WEEK_MINUTES / 2 + 1) * sizeof *found);
	if (on == NULL || found == NULL) {
		free(on);
		free(found);
		return -1;
	}
	cover_arrivals(s, c, rate);
	for (h = 0; h < WEEK_HOURS; h++)
		total += rate[h];
	week_minutes(s, staff, c, 0, on);
	memcpy(on + WEEK_MINUTES, on, WEEK_MINUTES * sizeof *on);
	for (i = 0; i < WEEK_MINUTES && on[i] == 0; i++)
		;
	if (total <= 0.0) {
		free(on);
		free(found);
		return 0;
	}
	if (i == WEEK_MINUTES) {      /* nobody serves it at any hour */
		free(on);
		free(found);
		if (max > 0) {
			g[0].from = g[0].to = 0;
			g[0].share = 1.0;
		}
		return 1;
	}
	start = i;                      /* a covered minute: each gap lies between two */
	for (k = start + 1; k <= start + WEEK_MINUTES; k++) {
		int first = -1, last = -1, u;
		double mass = 0.0;

		if (on[k] != 0 || on[k - 1] == 0)
			continue;               /* not the first minute of a gap */
		/* The gap runs from k while nobody is on duty (it ends before the
		 * covered minute start + a week): its arrivals, from the first minute
		 * with a rate to the last. */
		for (u = k; on[u] == 0; u++) {
			double r = rate[u % WEEK_MINUTES / 60];

			if (r > 0.0) {
				if (first < 0)
					first = u % WEEK_MINUTES;
				last = u % WEEK_MINUTES;
				mass += r;
			}
		}
		k = u;
		if (first < 0)
			continue;
		found[n].from = first;
		found[n].to = (last + 1) % WEEK_MINUTES;
		found[n].days = 0;
		found[n].share = mass / 60.0 / total;
		n++;
	}
	free(on);
	n = group_daily(found, n);
	qsort(found, (size_t)n, sizeof found[0], gap_cmp);
	for (i = 0; i < n && i < max; i++)
		g[i] = found[i];
	free(found);
	return n;
}

void
cover_gap_name(const struct cover_gap *g, char *buf, size_t n)
{
	if (g->from == g->to) {
		snprintf(buf, n, "at every hour of the week");
		return;
	}
	if (g->days != 0) {
		char dl[64];
		int to = g->to % DAY_MINUTES == 0 ? DAY_MINUTES : g->to % DAY_MINUTES;

		week_days_words(g->days, dl, sizeof dl);
		snprintf(buf, n, "%s %02d:%02d - %02d:%02d%s", dl, g->from % DAY_MINUTES / 60,
		    g->from % 60, to / 60, to % 60,
		    g->from % DAY_MINUTES + gap_len(g) > DAY_MINUTES ? " the next day" : "");
		return;
	}
	/* An end at midnight reads as 24:00 of the day before. */
	{
		int to = g->to == 0 ? WEEK_MINUTES : g->to;
		int de = (to - 1) / DAY_MINUTES, me = to - de * DAY_MINUTES;

		snprintf(buf, n, "%s %02d:%02d - %s %02d:%02d", week_day_short[g->from / DAY_MINUTES],
		    g->from % DAY_MINUTES / 60, g->from % 60, week_day_short[de % 7], me / 60, me % 60);
	}
}
