/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota.h — people for a roster: the cyclic rota of least weekly cost of
 * people (then fewest people) that covers every shift-day of a roster, each
 * person on a contract of the shift's role and following all its rules over a
 * cycle of weeks that repeats (SPEC 5.4; doc/rota.md).
 *
 * The problem is plain data (struct rota_problem): the rota layer knows
 * shifts, demand by weekday and contracts, not how a scenario is written or
 * simulated.  scenario/scn_rota.c builds the problem from a scenario and a roster.
 *
 * A rota is a list of lines, one a person: its contract and, for each day of
 * the cycle (week 1 Monday first, then week 2, ...), the shift worked or off.
 * A person works at most one shift a day; a shift belongs to the day it
 * starts.  Rules that span days (max_consecutive_days, min_rest, days off
 * together, weekends off) wrap around the cycle: the day after the last is
 * the first.
 */
#ifndef CQ_ROTA_H
#define CQ_ROTA_H

#include <stdio.h>

#include "err.h"
#include "week.h"

#define ROTA_MAX_WEEKS 12         /* the longest cycle */
#define ROTA_MAX_DAYS (ROTA_MAX_WEEKS * WEEK_DAYS)
#define ROTA_OFF (-1)             /* a line's day off */

struct rota_shift {
	const char *name;
	int role;
	int start, end;           /* minutes after midnight of its day; end > start,
	                           * past DAY_MINUTES when it runs into the next day */
	unsigned days;            /* weekdays it runs: bit 0 Monday .. bit 6 Sunday */
	int demand[WEEK_DAYS];    /* persons it needs on each weekday (0 off its days) */
	double cost_per_hour;     /* of a person's hour on it */
};

struct rota_contract {
	const char *name;
	int role;
	int days_per_week;        /* exactly, in every week (Mon-Sun) of the cycle, 1..7 */
	double hours_per_week;    /* at most this many paid hours in any week; 0: no limit */
	int days_off_together;    /* no lone day off (cyclically) */
	int max_consecutive_days; /* working days in a row, cyclically; 0: no limit */
	int min_rest;             /* minutes from one shift's end to the next's start; 0: none */
	int weekends_off, weekends_in; /* at least weekends_off of every weekends_in
	                           * consecutive weeks (cyclically) have Sat and Sun
	                           * off; 0, 0: no rule */
	const unsigned char *may; /* may[s]: it may work shift s (NULL: every shift
	                           * of its role) */
	int same_shift;           /* one shift throughout the cycle */
	double cost_per_week;     /* a person's weekly cost; < 0: the hours worked
	                           * (averaged over the cycle) at each shift's rate */
	int min_people, max_people;  /* bounds on its headcount; max < 0: none */
};

struct rota_problem {
	int nroles;
	const char *const *role_names;
	int nshifts;
	const struct rota_shift *shifts;
	int ncontracts;
	const struct rota_contract *contracts;
	int cycle_weeks;          /* 1..ROTA_MAX_WEEKS; 0: the least the
	                           * contracts' weekends_in need (rota_cycle_weeks) */
	double fte_hours;         /* paid hours a week of one FTE (> 0) */
	double time_limit_s;      /* for the whole solve; <= 0: ROTA_TIME_LIMIT */
	long enum_cap;            /* lines of a role enumerated at most (then
	                           * column generation); 0: ROTA_ENUM_CAP; < 0:
	                           * none (column generation only) */
	int verbose;              /* GLPK's output and the rounds on stderr */
	volatile const int *stop; /* set non-zero (a signal): stop early, as at
	                           * the time limit; NULL: never */
};

#define ROTA_TIME_LIMIT 60.0
#define ROTA_ENUM_CAP 200000L     /* lines of one role, enumerated at most */

struct rota_line {
	int contract;
	int day[ROTA_MAX_DAYS];   /* shift index or ROTA_OFF, for the cycle's days */
	double cost_per_week;
	double hours_per_week;    /* paid, averaged over the cycle */
};

struct rota_result {
	int feasible;             /* every shift-day covered within the contracts */
	int exact;                /* proven least cost (then fewest people) */
	int cycle_weeks;
	int ndays;                /* cycle_weeks * 7 */
	double cost_per_week;     /* of the people */
	double bound;             /* a lower bound on it (== cost when exact) */
	double gap;               /* (cost - bound) / cost, 0 when exact */
	const char *bound_kind;   /* what the bound is: "all lines enumerated"
	                           * (exact), "LP bound (all lines enumerated)",
	                           * "LP bound (column generation)", "Lagrangian
	                           * bound (column generation cut short)",
	                           * "combinatorial bound" (the weakest of the
	                           * roles') */
	double comb_bound;        /* the combinatorial bound on cost_per_week */
	int *min_persons;         /* per role: persons any rota needs, at least
	                           * (combinatorial) */
	double tie;               /* the model's cost per person that breaks ties */
	int nlines;
	struct rota_line *lines;  /* grouped by role, then contract */
	int *headcount;           /* per contract */
	double *fte;              /* per role: paid hours a week / fte_hours */
	int *over_cover;          /* [shift * ndays + day]: persons above its demand */
	long lines_considered;    /* lines enumerated or generated */
	int rounds;               /* LPs solved in column generation */
	double seconds;
	char why[1024];           /* not feasible: the shift-days that cannot be
	                           * covered and the rule in the way */
	char *dat;                /* the data of the last solve (want_dat), or NULL */
};

/* The cycle length the contracts need: the least common multiple of their
 * weekends_in, at least 1 (capped at ROTA_MAX_WEEKS). */
int rota_cycle_weeks(const struct rota_problem *p);
/* Check a problem for rules that no rota can meet, whatever the demand
 * (days_per_week outside 1..7, weekends_off over weekends_in, a min_rest no
 * pair of its shifts on consecutive days allows, min_people over max_people,
 * a contract that may work no shift of its role ...): 0, or -1 with err
 * (CQ_EXIT_USAGE) naming the contract and the rule. */
int rota_check(const struct rota_problem *p, struct cq_err *err);
/* Solve.  0 with r filled (r->feasible says whether a rota exists; when not,
 * r->why says why); -1 with err on a failure of GLPK or memory.  want_dat:
 * keep the MathProg data of the solve in r->dat (models/rota.mod reads it). */
int rota_solve(const struct rota_problem *p, int want_dat, struct rota_result *r,
    struct cq_err *err);
void rota_result_free(struct rota_result *r);

/* The rota as JSON: the value of the "rota" key (SPEC 5.4), with the
 * solver's figures (exact, bound, gap, bound_kind; why when not feasible),
 * on one line, no newline at the end.  Wall-clock figures are left out. */
int rota_json(const struct rota_problem *p, const struct rota_result *r, FILE *f);
/* The problem as JSON, as tests/rota_check.py reads it (doc/rota.md). */
int rota_problem_json(const struct rota_problem *p, FILE *f);

#endif
