/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_why.c — why a role has no rota, in words a planner can act on.
 *
 * Three diagnoses are computed explicitly, each exact for what it says:
 *  - a shift-day that no line of any contract can work (the lines'
 *    coverage: every enumerated line, or the pricing's reachability), with
 *    the contracts of the role that may work the shift and the rules that,
 *    left out one at a time, would let a line work it;
 *  - a shift-day, or a day, or a week, that needs more persons than the
 *    max_people of the contracts that may work it add up to;
 *  - else the shift-days the LP leaves short (its artificials): covered
 *    one at a time, but not all together within the contracts.
 */
#include "rota_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

void
rota_why_append(char *why, size_t n, const char *fmt, ...)
{
	size_t len = strlen(why);
	va_list ap;

	if (len + 1 >= n)
		return;
	va_start(ap, fmt);
	vsnprintf(why + len, n - len, fmt, ap);
	va_end(ap);
}

const char *
rota_dur(int min, char *buf, size_t n)
{
	if (min % HOUR_MINUTES == 0)
		snprintf(buf, n, "%dh", min / HOUR_MINUTES);
	else if (min > HOUR_MINUTES)
		snprintf(buf, n, "%dh%02d", min / HOUR_MINUTES, min % HOUR_MINUTES);
	else
		snprintf(buf, n, "%dmin", min);
	return buf;
}

void
rota_rule_words(const struct rota_contract *k, unsigned rule, char *buf, size_t n)
{
	char b[32];

	switch (rule) {
	case ROTA_R_HOURS: snprintf(buf, n, "hours_per_week = %g", k->hours_per_week); break;
	case ROTA_R_TOGETHER: snprintf(buf, n, "days_off_together"); break;
	case ROTA_R_CONSEC:
		snprintf(buf, n, "max_consecutive_days = %d", k->max_consecutive_days);
		break;
	case ROTA_R_REST:
		snprintf(buf, n, "min_rest = %s", rota_dur(k->min_rest, b, sizeof b));
		break;
	case ROTA_R_WEEKENDS:
		snprintf(buf, n, "weekends_off = %d in %d", k->weekends_off, k->weekends_in);
		break;
	case ROTA_R_SAME: snprintf(buf, n, "same_shift"); break;
	default: snprintf(buf, n, "%s", rota_rule_name(rule)); break;
	}
}

int
rota_cover_with(const struct rota_problem *p, int c, const struct rota_shifts *rs, int W,
    unsigned drop, unsigned char *cov)
{
	struct rota_ct ct;
	struct rota_dp *dp;
	int any = -1;

	if (rota_ct_init(&ct, p, c, rs, W, drop) != 0)
		return -1;
	if ((dp = rota_dp_new(&ct)) != NULL) {
		any = rota_dp_cover(dp, cov);
		rota_dp_free(dp);
	}
	rota_ct_free(&ct);
	return any;
}

/* ---- days in words ---------------------------------------------------------------- */

void
rota_days_words(const unsigned char *mask, int W, char *buf, size_t n)
{
	char part[WEEK_DAYS * ROTA_MAX_WEEKS][24];
	int np = 0, wd, w, i;

	for (wd = 0; wd < WEEK_DAYS; wd++) {
		int all = 1, any = 0;

		for (w = 0; w < W; w++) {
			all &= mask[w * WEEK_DAYS + wd] != 0;
			any |= mask[w * WEEK_DAYS + wd] != 0;
		}
		if (all)
			snprintf(part[np++], sizeof part[0], "%s", week_day_short[wd]);
		else if (any)
			for (w = 0; w < W; w++)
				if (mask[w * WEEK_DAYS + wd])
					snprintf(part[np++], sizeof part[0], "%s of week %d",
					    week_day_short[wd], w + 1);
	}
	buf[0] = '\0';
	for (i = 0; i < np; i++)
		rota_why_append(buf, n, "%s%s", i == 0 ? "" : i == np - 1 ? " and " : ", ",
		    part[i]);
}

/* The days on which shift k needs persons and mask says so. */
static int
shift_days(const struct rota_problem *p, const struct rota_shifts *rs, int W, int k,
    const unsigned char *cell, int want, unsigned char *days)
{
	int t, nsh = rs->nsh, n = 0;

	for (t = 0; t < W * WEEK_DAYS; t++) {
		days[t] = p->shifts[rs->glob[k]].demand[t % WEEK_DAYS] > 0 &&
		    (cell[t * nsh + k] != 0) == want;
		n += days[t];
	}
	return n;
}

/* ---- shift-days no line can work ------------------------------------------------- */

/* The contracts of the role that may work k: "rn_full, rn_part". */
static int
may_list(const struct rota_problem *p, int role, int s, int want, char *buf, size_t n)
{
	int c, cnt = 0;

	buf[0] = '\0';
	for (c = 0; c < p->ncontracts; c++) {
		const struct rota_contract *k = &p->contracts[c];

		if (k->role != role || (k->may == NULL || k->may[s]) != want)
			continue;
		rota_why_append(buf, n, "%s%s", cnt++ ? ", " : "", k->name);
	}
	return cnt;
}

/* The shifts contract c may work: "rn_full's shifts: rn_day, rn_eve". */
static void
shifts_of(const struct rota_problem *p, int c, char *buf, size_t n)
{
	int s, cnt = 0;

	rota_why_append(buf, n, "%s's shifts:", p->contracts[c].name);
	for (s = 0; s < p->nshifts; s++)
		if (p->shifts[s].role == p->contracts[c].role && (p->contracts[c].may == NULL ||
		    p->contracts[c].may[s]))
			rota_why_append(buf, n, "%s %s", cnt++ ? "," : "", p->shifts[s].name);
}

/* The rules of contract c that, left out alone, let a line work k on one
 * of days: "weekends_off = 1 in 1, min_rest = 11h". */
static void
rules_in_way(const struct rota_problem *p, int c, const struct rota_shifts *rs, int W,
    int k, const unsigned char *days, char *buf, size_t n)
{
	static const unsigned rules[] = { ROTA_R_HOURS, ROTA_R_TOGETHER, ROTA_R_CONSEC,
	    ROTA_R_REST, ROTA_R_WEEKENDS, ROTA_R_SAME };
	unsigned char *cov = malloc((size_t)W * WEEK_DAYS * (size_t)rs->nsh);
	int j, t, cnt = 0;
	char one[64];

	buf[0] = '\0';
	for (j = 0; cov != NULL && j < (int)(sizeof rules / sizeof rules[0]); j++) {
		int helps = 0;

		memset(cov, 0, (size_t)W * WEEK_DAYS * (size_t)rs->nsh);
		if (rota_cover_with(p, c, rs, W, rules[j], cov) <= 0)
			continue;
		for (t = 0; t < W * WEEK_DAYS; t++)
			helps |= days[t] && cov[t * rs->nsh + k];
		if (!helps)
			continue;
		rota_rule_words(&p->contracts[c], rules[j], one, sizeof one);
		rota_why_append(buf, n, "%s%s", cnt++ ? ", " : "", one);
	}
	free(cov);
	if (cnt == 0)
		rota_why_append(buf, n, "its rules together");
}

/* Shift k on days: why no line works it. */
static void
cover_cause(const struct rota_problem *p, const struct rota_shifts *rs, int W, int k,
    const unsigned char *days, char *why, size_t n)
{
	char list[256], rules[256], dw[256];
	int s = rs->glob[k], c, cnt;

	rota_days_words(days, W, dw, sizeof dw);
	rota_why_append(why, n, "%s%s on %s: ", *why ? "; " : "", p->shifts[s].name, dw);
	if (may_list(p, rs->role, s, 1, list, sizeof list) == 0) {
		list[0] = '\0';
		for (c = 0, cnt = 0; c < p->ncontracts; c++)
			if (p->contracts[c].role == rs->role) {
				if (cnt++)
					rota_why_append(list, sizeof list, "; ");
				shifts_of(p, c, list, sizeof list);
			}
		if (cnt == 0)
			rota_why_append(why, n, "role %s has no contract: give it one",
			    p->role_names[rs->role]);
		else
			rota_why_append(why, n, "no contract of role %s may work it (%s): add it to "
			    "a contract's shifts", p->role_names[rs->role], list);
		return;
	}
	rota_why_append(why, n, "no line of %s can work it within %s rules (", list,
	    strchr(list, ',') ? "their" : "its");
	for (c = 0, cnt = 0; c < p->ncontracts; c++) {
		const struct rota_contract *ko = &p->contracts[c];

		if (ko->role != rs->role || !(ko->may == NULL || ko->may[s]))
			continue;
		rules_in_way(p, c, rs, W, k, days, rules, sizeof rules);
		rota_why_append(why, n, "%s%s: %s", cnt++ ? "; " : "", ko->name, rules);
	}
	rota_why_append(why, n, "): relax %s", cnt > 1 ? "one of them" : "it");
}

int
rota_why_cover(const struct rota_problem *p, const struct rota_shifts *rs, int W,
    const unsigned char *cov, char *why, size_t n)
{
	unsigned char days[ROTA_MAX_DAYS];
	int k, found = 0;

	for (k = 0; k < rs->nsh; k++)
		if (shift_days(p, rs, W, k, cov, 0, days) > 0) {
			cover_cause(p, rs, W, k, days, why, n);
			found = 1;
		}
	return found;
}

/* ---- more persons than max_people allows ---------------------------------------------- */

/* The max_people of the role's contracts that may work shift s (s < 0: any
 * of them), added up: -1 when one has no max.  words: "rn_full's
 * max_people is 12", "the max_people of rn_full and rn_part add up to 12". */
static int
cap_of(const struct rota_problem *p, int role, int s, char *words, size_t n)
{
	int c, total = 0, cnt = 0;
	char names[256] = "";

	for (c = 0; c < p->ncontracts; c++) {
		const struct rota_contract *k = &p->contracts[c];

		if (k->role != role || (s >= 0 && !(k->may == NULL || k->may[s])))
			continue;
		if (k->max_people < 0)
			return -1;
		total += k->max_people;
		rota_why_append(names, sizeof names, "%s%s %d", cnt++ ? ", " : "", k->name,
		    k->max_people);
	}
	if (cnt == 1)
		snprintf(words, n, "%.*s's max_people is %d", (int)(strrchr(names, ' ') - names),
		    names, total);
	else
		snprintf(words, n, "the max_people of %s add up to %d (%s)", s >= 0 ?
		    "the contracts that may work it" : "its contracts", total, names);
	return cnt > 0 ? total : -1;
}

/* Shift-days with more demand than the contracts that may work them allow. */
static int
why_shift_cap(const struct rota_problem *p, const struct rota_shifts *rs, int W, char *why,
    size_t n)
{
	unsigned char days[ROTA_MAX_DAYS];
	char words[320], dw[256];
	int k, t, found = 0;

	for (k = 0; k < rs->nsh; k++) {
		const struct rota_shift *sh = &p->shifts[rs->glob[k]];
		int cap = cap_of(p, rs->role, rs->glob[k], words, sizeof words), most = 0, any = 0;

		if (cap < 0)
			continue;
		for (t = 0; t < W * WEEK_DAYS; t++) {
			days[t] = sh->demand[t % WEEK_DAYS] > cap;
			any |= days[t];
			if (sh->demand[t % WEEK_DAYS] > most)
				most = sh->demand[t % WEEK_DAYS];
		}
		if (!any)
			continue;
		rota_days_words(days, W, dw, sizeof dw);
		rota_why_append(why, n, "%s%s on %s: needs %d persons but %s: raise it",
		    *why ? "; " : "", sh->name, dw, most, words);
		found = 1;
	}
	return found;
}

int
rota_why_people(const struct rota_problem *p, const struct rota_shifts *rs, int W,
    char *why, size_t n)
{
	unsigned char days[ROTA_MAX_DAYS];
	char words[320], dw[256];
	const char *role = p->role_names[rs->role];
	int k, t, c, cap, most = 0, any = 0, week = 0, found;
	long pdays = 0;

	if ((found = why_shift_cap(p, rs, W, why, n)) != 0 ||
	    (cap = cap_of(p, rs->role, -1, words, sizeof words)) < 0)
		return found;
	for (t = 0; t < W * WEEK_DAYS; t++) {
		int need = 0;

		for (k = 0; k < rs->nsh; k++)
			need += p->shifts[rs->glob[k]].demand[t % WEEK_DAYS];
		days[t] = need > cap;
		any |= days[t];
		if (need > most)
			most = need;
		if (t < WEEK_DAYS)
			week += need;
	}
	if (any) {
		rota_days_words(days, W, dw, sizeof dw);
		rota_why_append(why, n, "%s%s: needs at least %d persons on %s (one shift a "
		    "person a day) but %s: raise max_people", *why ? "; " : "", role, most, dw,
		    words);
		return 1;
	}
	words[0] = '\0';
	for (c = 0; c < p->ncontracts; c++)
		if (p->contracts[c].role == rs->role) {
			pdays += (long)p->contracts[c].max_people * p->contracts[c].days_per_week;
			rota_why_append(words, sizeof words, "%s%s: %d persons x %d days",
			    *words ? ", " : "", p->contracts[c].name, p->contracts[c].max_people,
			    p->contracts[c].days_per_week);
		}
	if (week <= pdays)
		return 0;
	rota_why_append(why, n, "%s%s: needs %d person-days a week but its contracts give at "
	    "most %ld (%s): raise max_people", *why ? "; " : "", role, week, pdays, words);
	return 1;
}

void
rota_why_short(const struct rota_problem *p, const struct rota_shifts *rs, int W,
    const unsigned char *cell, char *why, size_t n)
{
	unsigned char days[ROTA_MAX_DAYS];
	char dw[256];
	int k, cnt = 0;

	rota_why_append(why, n, "%s", *why ? "; " : "");
	for (k = 0; k < rs->nsh; k++)
		if (shift_days(p, rs, W, k, cell, 1, days) > 0) {
			rota_days_words(days, W, dw, sizeof dw);
			rota_why_append(why, n, "%s%s on %s", cnt++ ? ", " : "",
			    p->shifts[rs->glob[k]].name, dw);
		}
	if (cnt == 0)
		rota_why_append(why, n, "%s", p->role_names[rs->role]);
	rota_why_append(why, n, ": each can be covered, but not all together within the "
	    "contracts' rules, min_people and max_people: raise max_people or relax a rule");
}
