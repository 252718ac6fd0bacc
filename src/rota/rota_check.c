/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_check.c — rules that no rota can meet, whatever the demand, found
 * before any solve; and the cycle's length the contracts need.
 *
 * Each message names the contract and the rule and says what to do.  Last,
 * each contract is asked whether any line at all meets its rules together
 * (the pricing's reachability, rota_price.c): exact, so that a contract
 * whose rules only clash in combination (days_per_week 7 with
 * max_consecutive_days 6; shifts that run on fewer days than it must work)
 * is refused too, naming the rules that clash.
 */
#include "rota_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

static int
gcd(int a, int b)
{
	while (b != 0) {
		int r = a % b;

		a = b;
		b = r;
	}
	return a;
}

int
rota_cycle_weeks(const struct rota_problem *p)
{
	int c, w = 1;

	if (p->cycle_weeks > 0)
		return p->cycle_weeks;
	for (c = 0; c < p->ncontracts; c++) {
		int n = p->contracts[c].weekends_in;

		if (p->contracts[c].weekends_off <= 0 || n <= 1)
			continue;
		if (n > ROTA_MAX_WEEKS)
			return ROTA_MAX_WEEKS;
		w = w / gcd(w, n) * n;
		if (w > ROTA_MAX_WEEKS)
			return ROTA_MAX_WEEKS;
	}
	return w;
}

/* ---- the problem's own sanity -------------------------------------------------- */

static int
check_shifts(const struct rota_problem *p, struct cq_err *err)
{
	int s, d;

	if (p->nroles < 0 || p->nshifts < 0 || p->ncontracts < 0)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "the rota's problem has a negative count");
	if (p->cycle_weeks < 0 || p->cycle_weeks > ROTA_MAX_WEEKS)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "cycle_weeks = %d is outside 1..%d: "
		    "give a cycle of at most %d weeks", p->cycle_weeks, ROTA_MAX_WEEKS,
		    ROTA_MAX_WEEKS);
	if (!(p->fte_hours > 0))
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "fte_hours = %g: give the paid hours "
		    "a week of one full-time equivalent (> 0)", p->fte_hours);
	for (s = 0; s < p->nshifts; s++) {
		const struct rota_shift *sh = &p->shifts[s];

		if (sh->role < 0 || sh->role >= p->nroles)
			return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "shift %s: its role is not one of "
			    "the rota's roles", sh->name);
		if (sh->start < 0 || sh->end <= sh->start || sh->end - sh->start > DAY_MINUTES)
			return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "shift %s: runs from minute %d to "
			    "%d of its day: a shift lasts more than 0 and at most 24 hours",
			    sh->name, sh->start, sh->end);
		for (d = 0; d < WEEK_DAYS; d++)
			if (sh->demand[d] < 0)
				return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "shift %s: a negative "
				    "demand on %s", sh->name, week_day_short[d]);
	}
	return 0;
}

/* days_per_week, weekends_off, headcount, hours_per_week's sign. */
static int
check_numbers(const struct rota_contract *k, struct cq_err *err)
{
	if (k->days_per_week < 1 || k->days_per_week > WEEK_DAYS)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: days_per_week = %d is "
		    "outside 1..7: give the working days of each week, 1 to 7", k->name,
		    k->days_per_week);
	if (k->weekends_off < 0 || k->weekends_in < 0)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: weekends_off = %d in %d:"
		    " give K in N with 0 <= K <= N", k->name, k->weekends_off, k->weekends_in);
	if (k->weekends_off > 0 && k->weekends_in < 1)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: weekends_off = %d in %d:"
		    " the weeks counted must be at least 1: write e.g. weekends_off = 1 in 2",
		    k->name, k->weekends_off, k->weekends_in);
	if (k->weekends_off > k->weekends_in)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: weekends_off = %d in %d "
		    "asks more weekends off than there are weeks: give at most %d in %d",
		    k->name, k->weekends_off, k->weekends_in, k->weekends_in, k->weekends_in);
	if (k->min_people < 0)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: min_people = %d: give "
		    "0 or more", k->name, k->min_people);
	if (k->max_people >= 0 && k->min_people > k->max_people)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: min_people = %d is above "
		    "max_people = %d: raise max_people or lower min_people", k->name,
		    k->min_people, k->max_people);
	if (k->hours_per_week < 0 || k->max_consecutive_days < 0 || k->min_rest < 0)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: a negative "
		    "hours_per_week, max_consecutive_days or min_rest", k->name);
	return 0;
}

/* The shifts it may work: of its role, some at all, hours for the shortest. */
static int
check_may(const struct rota_problem *p, const struct rota_contract *k, struct cq_err *err)
{
	int s, n = 0, nrole = 0, shortest = -1, dpw = k->days_per_week;
	char b1[32];

	for (s = 0; s < p->nshifts; s++) {
		const struct rota_shift *sh = &p->shifts[s];
		int may = k->may == NULL || k->may[s];

		if (k->may != NULL && k->may[s] && sh->role != k->role)
			return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s may work shift %s, "
			    "of role %s, not of its role %s: list only shifts of role %s",
			    k->name, sh->name, p->role_names[sh->role], p->role_names[k->role],
			    p->role_names[k->role]);
		if (sh->role != k->role)
			continue;
		nrole++;
		if (!may)
			continue;
		n++;
		if (shortest < 0 || sh->end - sh->start < p->shifts[shortest].end -
		    p->shifts[shortest].start)
			shortest = s;
	}
	if (nrole == 0)
		return k->min_people > 0 ? cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: "
		    "min_people = %d but role %s has no shift to work: lower min_people to 0",
		    k->name, k->min_people, p->role_names[k->role]) : 0;
	if (n == 0)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s may work no shift of "
		    "its role %s: list some of the role's shifts in its shifts", k->name,
		    p->role_names[k->role]);
	if (k->hours_per_week > 0 && k->hours_per_week * HOUR_MINUTES + 1e-6 <
	    (double)dpw * (p->shifts[shortest].end - p->shifts[shortest].start))
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: hours_per_week = %g is "
		    "below %d days of its shortest shift (%s, %s): raise hours_per_week to at "
		    "least %g or lower days_per_week", k->name, k->hours_per_week, dpw,
		    p->shifts[shortest].name, rota_dur(p->shifts[shortest].end -
		    p->shifts[shortest].start, b1, sizeof b1), dpw * (p->shifts[shortest].end -
		    p->shifts[shortest].start) / (double)HOUR_MINUTES);
	return 0;
}

/* min_rest, when days_per_week makes two working days in a row: with 4 or
 * more days in each week of 7 some two are consecutive (the only 4 days
 * with none in a row, Mon Wed Fri Sun, meet the next Monday).  The rest of
 * a shift to one on the next day; a shift never overlaps the next. */
static int
check_rest(const struct rota_problem *p, const struct rota_contract *k, struct cq_err *err)
{
	int a, b, best = -(1 << 30), ba = -1, bb = -1, need = k->min_rest > 0 ? k->min_rest : 0;
	char b1[32], b2[32];

	if (k->days_per_week < 4)
		return 0;
	for (a = 0; a < p->nshifts; a++)
		for (b = 0; b < p->nshifts; b++) {
			const struct rota_shift *x = &p->shifts[a], *y = &p->shifts[b];
			int rest = DAY_MINUTES + y->start - x->end;

			if (x->role != k->role || y->role != k->role || (k->same_shift && a != b) ||
			    (k->may != NULL && (!k->may[a] || !k->may[b])))
				continue;
			if (rest > best)
				best = rest, ba = a, bb = b;
		}
	if (ba < 0 || best >= need)
		return 0;
	if (k->min_rest <= 0)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: with days_per_week = %d "
		    "it works two days in a row, and each shift it may work overlaps %s the "
		    "next day: lower days_per_week to 3 or allow a shorter shift", k->name,
		    k->days_per_week, ba == bb ? "itself" : "another");
	return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: min_rest = %s cannot be met: "
	    "with days_per_week = %d it works two days in a row, and no two of its shifts on "
	    "consecutive days leave that much rest (at most %s, %s then %s): lower min_rest or "
	    "days_per_week, or allow a shift that leaves the rest", k->name,
	    rota_dur(k->min_rest, b1, sizeof b1), k->days_per_week, rota_dur(best, b2, sizeof b2),
	    p->shifts[ba].name, p->shifts[bb].name);
}

/* ---- a line at all ---------------------------------------------------------- */

/* Whether contract c has any line over W weeks with the rules drop left
 * out: 1, 0, -1 out of memory. */
static int
has_line(const struct rota_problem *p, int c, const struct rota_shifts *rs, int W,
    unsigned drop)
{
	unsigned char *cov = calloc((size_t)W * WEEK_DAYS * (size_t)rs->nsh, 1);
	int any = -1;

	if (cov != NULL)
		any = rota_cover_with(p, c, rs, W, drop, cov);
	free(cov);
	return any;
}

/* The contract has no line: say which rules clash. */
static int
no_line(const struct rota_problem *p, const struct rota_contract *k, int c,
    const struct rota_shifts *rs, int W, struct cq_err *err)
{
	static const unsigned rules[] = { ROTA_R_HOURS, ROTA_R_TOGETHER, ROTA_R_CONSEC,
	    ROTA_R_REST, ROTA_R_WEEKENDS, ROTA_R_SAME };
	char list[256] = "", one[64];
	unsigned runs = 0;
	int j, wd, nd = 0, rc;

	for (j = 0; j < rs->nsh; j++)
		if (k->may == NULL || k->may[rs->glob[j]])
			runs |= rs->days[j];
	for (wd = 0; wd < WEEK_DAYS; wd++)
		nd += (runs >> wd) & 1u;
	if (nd < k->days_per_week)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: days_per_week = %d but "
		    "the shifts it may work run on %d weekday%s only: lower days_per_week or "
		    "allow shifts on more days", k->name, k->days_per_week, nd, nd == 1 ? "" : "s");
	for (j = 0; j < (int)(sizeof rules / sizeof rules[0]); j++) {
		if ((rc = has_line(p, c, rs, W, rules[j])) < 0)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		if (rc == 0)
			continue;
		rota_rule_words(k, rules[j], one, sizeof one);
		rota_why_append(list, sizeof list, "%s%s", *list ? ", " : "", one);
	}
	return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: no cycle of %d week%s meets "
	    "all its rules together (days_per_week = %d with %s): relax %s", k->name, W,
	    W == 1 ? "" : "s", k->days_per_week, *list ? list : "its other rules",
	    *list ? "one of these" : "them");
}

int
rota_check(const struct rota_problem *p, struct cq_err *err)
{
	int c, r, W, rc = 0;

	if (check_shifts(p, err) != 0)
		return -1;
	W = rota_cycle_weeks(p);
	for (c = 0; c < p->ncontracts; c++) {
		const struct rota_contract *k = &p->contracts[c];

		if (k->role < 0 || k->role >= p->nroles)
			return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "contract %s: its role is not one "
			    "of the rota's roles", k->name);
		if (check_numbers(k, err) != 0 || check_may(p, k, err) != 0 ||
		    check_rest(p, k, err) != 0)
			return -1;
	}
	for (r = 0; r < p->nroles && rc == 0; r++) {
		struct rota_shifts rs;

		if (rota_shifts_init(&rs, p, r) != 0)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		for (c = 0; c < p->ncontracts && rc == 0 && rs.nsh > 0; c++) {
			int any;

			if (p->contracts[c].role != r)
				continue;
			if ((any = has_line(p, c, &rs, W, 0)) < 0)
				rc = cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			else if (any == 0)
				rc = no_line(p, &p->contracts[c], c, &rs, W, err);
		}
		rota_shifts_free(&rs);
	}
	return rc;
}
