/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_rule.c — a contract's rules, compiled for a cycle, and a line checked
 * against every one of them (doc/rota.md, "Rules").
 *
 * A line is checked here in the plainest way, rule by rule over the whole
 * cycle; the enumeration (rota_enum.c) and the pricing (rota_price.c) prune
 * and track states of their own, and every line they give is checked here
 * once more before it enters a rota.
 */
#include "rota_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

/* ---- a role's shifts ----------------------------------------------------- */

int
rota_shifts_init(struct rota_shifts *rs, const struct rota_problem *p, int role)
{
	int s, k = 0;

	memset(rs, 0, sizeof *rs);
	rs->role = role;
	for (s = 0; s < p->nshifts; s++)
		rs->nsh += p->shifts[s].role == role;
	if (rs->nsh == 0)
		return 0;
	rs->glob = malloc((size_t)rs->nsh * sizeof *rs->glob);
	rs->start = malloc((size_t)rs->nsh * sizeof *rs->start);
	rs->end = malloc((size_t)rs->nsh * sizeof *rs->end);
	rs->len = malloc((size_t)rs->nsh * sizeof *rs->len);
	rs->rate = malloc((size_t)rs->nsh * sizeof *rs->rate);
	rs->days = malloc((size_t)rs->nsh * sizeof *rs->days);
	if (!rs->glob || !rs->start || !rs->end || !rs->len || !rs->rate || !rs->days) {
		rota_shifts_free(rs);
		return -1;
	}
	for (s = 0; s < p->nshifts; s++) {
		const struct rota_shift *sh = &p->shifts[s];

		if (sh->role != role)
			continue;
		rs->glob[k] = s;
		rs->start[k] = sh->start;
		rs->end[k] = sh->end;
		rs->len[k] = sh->end - sh->start;
		rs->rate[k] = sh->cost_per_hour;
		rs->days[k] = sh->days & 0x7fu;
		k++;
	}
	return 0;
}

void
rota_shifts_free(struct rota_shifts *rs)
{
	free(rs->glob);
	free(rs->start);
	free(rs->end);
	free(rs->len);
	free(rs->rate);
	free(rs->days);
	memset(rs, 0, sizeof *rs);
}

int
rota_rest(const struct rota_shifts *rs, int a, int b, int gap)
{
	return gap * DAY_MINUTES + rs->start[b] - rs->end[a];
}

/* ---- a contract, compiled ------------------------------------------------- */

/* The shifts it may work on each weekday: its role's, those of may, on the
 * days they run. */
static void
ct_allowed(struct rota_ct *ct, const struct rota_problem *p, unsigned drop)
{
	const struct rota_contract *k = &p->contracts[ct->c];
	const struct rota_shifts *rs = ct->rs;
	int wd, j;

	ct->nmay = 0;
	for (j = 0; j < rs->nsh; j++) {
		int may = k->may == NULL || k->may[rs->glob[j]] || (drop & ROTA_R_MAY);

		ct->nmay += may;
		for (wd = 0; wd < WEEK_DAYS; wd++)
			ct->ok[wd * rs->nsh + j] = (unsigned char)(may &&
			    ((rs->days[j] >> wd) & 1u));
	}
}

/* The least gap in days from each shift to each next one that leaves the
 * rest (and never a negative one: a person is in one shift at a time). */
static void
ct_gaps(struct rota_ct *ct)
{
	const struct rota_shifts *rs = ct->rs;
	int a, b;

	ct->maxgap = 1;
	for (a = 0; a < rs->nsh; a++)
		for (b = 0; b < rs->nsh; b++) {
			int need = ct->rest + rs->end[a] - rs->start[b], g = 1;

			if (need > DAY_MINUTES)
				g = (need + DAY_MINUTES - 1) / DAY_MINUTES;
			ct->gap[a * rs->nsh + b] = g;
			if (g > ct->maxgap)
				ct->maxgap = g;
		}
}

int
rota_ct_init(struct rota_ct *ct, const struct rota_problem *p, int c,
    const struct rota_shifts *rs, int W, unsigned drop)
{
	const struct rota_contract *k = &p->contracts[c];
	int j;

	memset(ct, 0, sizeof *ct);
	ct->c = c;
	ct->name = k->name;
	ct->rs = rs;
	ct->W = W;
	ct->ndays = W * WEEK_DAYS;
	ct->dpw = k->days_per_week;
	ct->hours_lim = INT_MAX;
	if (k->hours_per_week > 0 && !(drop & ROTA_R_HOURS) &&
	    k->hours_per_week * HOUR_MINUTES < (double)INT_MAX / 2)
		ct->hours_lim = (int)floor(k->hours_per_week * HOUR_MINUTES + 1e-6);
	ct->maxc = (drop & ROTA_R_CONSEC) || k->max_consecutive_days < 0 ? 0 :
	    k->max_consecutive_days;
	ct->dot = !(drop & ROTA_R_TOGETHER) && k->days_off_together;
	ct->rest = (drop & ROTA_R_REST) || k->min_rest < 0 ? 0 : k->min_rest;
	ct->same = !(drop & ROTA_R_SAME) && k->same_shift;
	if (!(drop & ROTA_R_WEEKENDS) && k->weekends_off > 0 && k->weekends_in > 0) {
		ct->wk_off = k->weekends_off;
		ct->wk_in = k->weekends_in;
	}
	ct->fixed = k->cost_per_week;
	if (rs->nsh == 0)
		return 0;
	ct->ok = calloc((size_t)WEEK_DAYS * (size_t)rs->nsh, 1);
	ct->dcost = calloc((size_t)rs->nsh, sizeof *ct->dcost);
	ct->gap = calloc((size_t)rs->nsh * (size_t)rs->nsh, sizeof *ct->gap);
	if (ct->ok == NULL || ct->dcost == NULL || ct->gap == NULL) {
		rota_ct_free(ct);
		return -1;
	}
	ct_allowed(ct, p, drop);
	for (j = 0; j < rs->nsh; j++)
		ct->dcost[j] = ct->fixed >= 0 ? 0.0 :
		    rs->len[j] / (double)HOUR_MINUTES * rs->rate[j] / W;
	ct_gaps(ct);
	return 0;
}

void
rota_ct_free(struct rota_ct *ct)
{
	free(ct->ok);
	free(ct->dcost);
	free(ct->gap);
	ct->ok = NULL;
	ct->dcost = NULL;
	ct->gap = NULL;
}

/* ---- a line against the rules ---------------------------------------------- */

/* The shifts, the days a week and the hours a week. */
static unsigned
breaks_week(const struct rota_ct *ct, const int16_t *day)
{
	int nsh = ct->rs->nsh, w, d, first = ROTA_OFF;

	for (w = 0; w < ct->W; w++) {
		int n = 0;
		long min = 0;

		for (d = 0; d < WEEK_DAYS; d++) {
			int k = day[w * WEEK_DAYS + d];

			if (k == ROTA_OFF)
				continue;
			if (k < 0 || k >= nsh || !ct->ok[d * nsh + k])
				return ROTA_R_MAY;
			if (ct->same && first != ROTA_OFF && k != first)
				return ROTA_R_SAME;
			first = k;
			n++;
			min += ct->rs->len[k];
		}
		if (n != ct->dpw)
			return ROTA_R_DAYS;
		if (min > ct->hours_lim)
			return ROTA_R_HOURS;
	}
	return 0;
}

/* Runs of days off and of working days, around the cycle. */
static unsigned
breaks_runs(const struct rota_ct *ct, const int16_t *day)
{
	int N = ct->ndays, t, t0 = -1, run, i;

	for (t = 0; t < N; t++)
		if (day[t] == ROTA_OFF && day[(t + N - 1) % N] != ROTA_OFF) {
			t0 = t;       /* an off run starts here */
			break;
		}
	if (t0 < 0)               /* never off (or always: not with dpw >= 1) */
		return ct->maxc > 0 ? ROTA_R_CONSEC : 0;
	/* From t0, around once: each run's length when it ends. */
	for (i = 0, run = 0; i < N; i++) {
		int cur = day[(t0 + i) % N] == ROTA_OFF, next = day[(t0 + i + 1) % N] ==
		    ROTA_OFF;

		run++;
		if (cur != next || i == N - 1) {
			if (cur && ct->dot && run < 2)
				return ROTA_R_TOGETHER;
			if (!cur && ct->maxc > 0 && run > ct->maxc)
				return ROTA_R_CONSEC;
			run = 0;
		}
	}
	return 0;
}

/* The rest from each shift to the next worked one, around the cycle. */
static unsigned
breaks_rest(const struct rota_ct *ct, const int16_t *day)
{
	int N = ct->ndays, t, g, nsh = ct->rs->nsh;

	for (t = 0; t < N; t++) {
		if (day[t] == ROTA_OFF)
			continue;
		for (g = 1; g <= N; g++)
			if (day[(t + g) % N] != ROTA_OFF)
				break;
		if (g < ct->gap[day[t] * nsh + day[(t + g) % N]])
			return ROTA_R_REST;
	}
	return 0;
}

static unsigned
breaks_weekends(const struct rota_ct *ct, const int16_t *day)
{
	int w, i, W = ct->W;

	if (ct->wk_in <= 0 || ct->wk_off <= 0)
		return 0;
	for (w = 0; w < W; w++) {
		int n = 0;

		for (i = 0; i < ct->wk_in; i++) {
			int u = (w + i) % W;

			n += day[u * WEEK_DAYS + 5] == ROTA_OFF && day[u * WEEK_DAYS + 6] == ROTA_OFF;
		}
		if (n < ct->wk_off)
			return ROTA_R_WEEKENDS;
	}
	return 0;
}

unsigned
rota_line_breaks(const struct rota_ct *ct, const int16_t *day)
{
	unsigned r;

	if ((r = breaks_week(ct, day)) != 0 || (r = breaks_runs(ct, day)) != 0 ||
	    (r = breaks_rest(ct, day)) != 0 || (r = breaks_weekends(ct, day)) != 0)
		return r;
	return 0;
}

double
rota_line_cost(const struct rota_ct *ct, const int16_t *day)
{
	double c = 0.0;
	int t;

	if (ct->fixed >= 0)
		return ct->fixed;
	for (t = 0; t < ct->ndays; t++)
		if (day[t] != ROTA_OFF)
			c += ct->dcost[day[t]];
	return c;
}

double
rota_line_hours(const struct rota_ct *ct, const int16_t *day)
{
	long min = 0;
	int t;

	for (t = 0; t < ct->ndays; t++)
		if (day[t] != ROTA_OFF)
			min += ct->rs->len[day[t]];
	return (double)min / HOUR_MINUTES / ct->W;
}

const char *
rota_rule_name(unsigned rule)
{
	switch (rule) {
	case ROTA_R_DAYS: return "days_per_week";
	case ROTA_R_HOURS: return "hours_per_week";
	case ROTA_R_TOGETHER: return "days_off_together";
	case ROTA_R_CONSEC: return "max_consecutive_days";
	case ROTA_R_REST: return "min_rest";
	case ROTA_R_WEEKENDS: return "weekends_off";
	case ROTA_R_MAY: return "shifts";
	case ROTA_R_SAME: return "same_shift";
	default: return "its rules";
	}
}
