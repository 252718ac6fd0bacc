/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_int.h — what the rota layer's files share (not for other modules).
 *
 * rota_rule.c compiles a contract for a cycle (struct rota_ct) and checks a
 * line against every rule; rota_enum.c enumerates every line of a contract
 * (depth first); rota_price.c finds the line of greatest value under weights
 * on the shift-days (dynamic programming: the pricing of column generation)
 * and which shift-days any line can work; rota_glpk.c builds the covering
 * programme from models/rota.mod and solves its LP and IP with GLPK;
 * rota_dat.c writes the MathProg data and finds the model; rota_role.c
 * solves one role (enumeration or column generation, then the IP);
 * rota_solve.c runs the roles and assembles the result; rota_why.c says why
 * no rota exists; rota_bound.c gives the combinatorial bounds; rota_json.c
 * writes the rota and the problem as JSON.
 *
 * Within a role, shifts are numbered 0 .. nsh-1 in the problem's order (the
 * role's "local" indices); a line stores its days as local indices, ROTA_OFF
 * off.
 */
#ifndef CQ_ROTA_INT_H
#define CQ_ROTA_INT_H

#include <stdint.h>
#include <stdio.h>

#include "rota.h"

#define ROTA_TOL 1e-7             /* reduced costs, primal values */
#define ROTA_MAXSH 4096           /* shifts of one role, at most */

/* Rules, for diagnoses: a bit each. */
enum rota_rule {
	ROTA_R_DAYS = 1,          /* days_per_week */
	ROTA_R_HOURS = 2,
	ROTA_R_TOGETHER = 4,      /* days_off_together */
	ROTA_R_CONSEC = 8,        /* max_consecutive_days */
	ROTA_R_REST = 16,         /* min_rest (or shifts that overlap) */
	ROTA_R_WEEKENDS = 32,
	ROTA_R_MAY = 64,          /* a shift it may not work, or not on that day */
	ROTA_R_SAME = 128
};

/* One role's shifts, as the rota layer uses them. */
struct rota_shifts {
	int role;
	int nsh;
	int *glob;                /* [k]: the problem's index of local shift k */
	int *start, *end, *len;   /* minutes */
	double *rate;             /* cost per hour */
	unsigned *days;           /* weekday bits */
};

/* A contract compiled for a cycle of weeks and its role's shifts. */
struct rota_ct {
	int c;                    /* the problem's index */
	const char *name;
	const struct rota_shifts *rs;
	int W, ndays;
	int dpw;                  /* days per week */
	int hours_lim;            /* minutes a week at most; INT_MAX: none */
	int maxc;                 /* max consecutive days; 0: none */
	int dot;                  /* days off together */
	int rest;                 /* minutes of rest at least (>= 0) */
	int same;
	int wk_off, wk_in;        /* weekends off: at least wk_off in wk_in; 0: none */
	double fixed;             /* cost per week; < 0: hours worked at the rates */
	unsigned char *ok;        /* [wd * nsh + k]: may work k on weekday wd */
	double *dcost;            /* [k]: hourly: a day of k's weekly cost */
	int *gap;                 /* [k1 * nsh + k2]: least days from k1 to k2 */
	int maxgap;               /* the largest of gap[] */
	int nmay;                 /* shifts it may work */
};

/* Lines: days as local shift indices, row-major, ndays a line. */
struct rota_lines {
	int n, cap, ndays;
	int16_t *day;
	int *ct;                  /* the contract's index among the role's */
	double *cost;             /* weekly */
	/* an open-addressing set of the lines, for duplicates */
	int *slot;
	int nslot;
};

/* ---- rota_rule.c ---- */
int rota_shifts_init(struct rota_shifts *rs, const struct rota_problem *p, int role);
void rota_shifts_free(struct rota_shifts *rs);
/* Compile contract k (of rs's role) for W weeks; drop: rules (enum
 * rota_rule bits) to leave out, for diagnoses.  0, or -1 out of memory. */
int rota_ct_init(struct rota_ct *ct, const struct rota_problem *p, int c,
    const struct rota_shifts *rs, int W, unsigned drop);
void rota_ct_free(struct rota_ct *ct);
/* 0 when the line (days, local indices) follows every rule of ct, else the
 * first rule it breaks (enum rota_rule). */
unsigned rota_line_breaks(const struct rota_ct *ct, const int16_t *day);
double rota_line_cost(const struct rota_ct *ct, const int16_t *day);
double rota_line_hours(const struct rota_ct *ct, const int16_t *day);
/* rest from local shift a on one day to b gap days later, in minutes */
int rota_rest(const struct rota_shifts *rs, int a, int b, int gap);
/* A rule's words, for messages ("days_off_together"). */
const char *rota_rule_name(unsigned rule);

/* ---- rota_lines (rota_enum.c) ---- */
int rota_lines_init(struct rota_lines *L, int ndays);
void rota_lines_free(struct rota_lines *L);
/* Add a line unless it is there: its index, or -1 out of memory; *isnew. */
int rota_lines_add(struct rota_lines *L, int ct, const int16_t *day, double cost,
    int *isnew);
static inline const int16_t *
rota_lines_day(const struct rota_lines *L, int i)
{
	return L->day + (size_t)i * (size_t)L->ndays;
}
/* Every line of ct into L, as contract index ict; stop past cap lines in L
 * or nodes visited.  0, 1 past the cap, -1 out of memory. */
int rota_enum(const struct rota_ct *ct, int ict, struct rota_lines *L, long cap,
    long *nodes);

/* ---- rota_price.c ---- */
struct rota_dp;
struct rota_dp *rota_dp_new(const struct rota_ct *ct);
void rota_dp_free(struct rota_dp *dp);
/* The lines of greatest value sum(w[t * nsh + k] over the days t worked on k)
 * among ct's lines: the best for each start state and weekend pattern, those
 * of value above min_value, at most max of them, best first, into out (days,
 * ndays each) and val.  Returns how many, -1 out of memory; *best: the
 * greatest value of any line (-HUGE_VAL: none). */
int rota_dp_best(struct rota_dp *dp, const double *w, double min_value, int max,
    int16_t *out, double *val, double *best);
/* cov[t * nsh + k] |= 1 where some line of ct works k on day t; returns
 * whether ct has any line at all (-1 out of memory). */
int rota_dp_cover(struct rota_dp *dp, unsigned char *cov);

/* ---- rota_dat.c ---- */
void rota_put_sym(FILE *f, const char *name);
/* The MathProg data of roles' programmes (see rota_glpk.c's struct). */
struct rota_prog;
int rota_dat_write(FILE *f, const struct rota_problem *p, struct rota_prog *const *pg,
    int npg, double tie, int ninit);

/* ---- rota_glpk.c: one role's covering programme ---- */
struct rota_prog {
	const struct rota_problem *p;
	const struct rota_shifts *rs;
	int nct;
	struct rota_ct *ct;       /* its contracts */
	int W, ndays;
	double tie;
	struct rota_lines cols;   /* the programme's lines, as its columns */
	void *lp;                 /* glp_prob */
	int nrows;                /* cover rows */
	int *row;                 /* [t * nsh + k]: its cover row, 0 none */
	int *least, *most;        /* [ict]: the contract's row, 0 none */
	int *count;               /* [ict]: its headcount row (n[c], a column
	                           * after the first lines, before artificials) */
	int ninit;                /* lines built through MathProg */
	int nart;                 /* artificial columns, after those lines */
	int with_tie;             /* the costs have the tie-break */
	double big;               /* their cost */
	int min_persons;          /* persons any rota needs (rota_bound.c): a row
	                           * of the integer programme only */
	double *dual;             /* [t * nsh + k]: the cover rows' duals */
	double *mu;               /* [ict]: the contract rows' duals */
	double *xval;             /* the lines' values (LP or IP) */
	double lp_obj;
	int verbose;
	char term[2048];          /* GLPK's last lines */
	size_t tlen;
};
/* Shift-days of g's roster in the cycle: persons a day, summed. */
long rota_prog_need(const struct rota_problem *p, const struct rota_prog *g);
int rota_prog_build(struct rota_prog *g, int ninit, struct cq_err *err);
int rota_prog_add(struct rota_prog *g, int from, struct cq_err *err);
/* The LP: 0 optimal (values, duals), 1 not feasible without artificials,
 * -1 error.  tie: with the tie-break in the costs. */
int rota_prog_lp(struct rota_prog *g, int tie, struct cq_err *err);
/* The IP over the lines (artificials gone), within seconds; start: a
 * rota to begin from (persons per line) or NULL.  0 a rota (xval, *optimal),
 * 1 none exists, 2 none found in time, -1 error. */
int rota_prog_ip(struct rota_prog *g, double seconds, const double *start,
    int *optimal, struct cq_err *err);
/* cell[t * nsh + k] = 1 where the LP leaves the shift-day short. */
void rota_prog_short(struct rota_prog *g, unsigned char *cell);
/* GLPK's programme freed (its lines stay, for the data). */
void rota_prog_lp_free(struct rota_prog *g);
void rota_prog_free(struct rota_prog *g);

/* ---- rota_cg.c, rota_role.c: one role solved ---- */
struct rota_role {
	const struct rota_problem *p;
	int role, W, ndays;
	int verbose;
	struct rota_shifts rs;
	int nct;
	struct rota_ct *ct;       /* its contracts, compiled */
	struct rota_dp **dp;      /* their pricing (column generation) */
	struct rota_lines pool;   /* every line, when enumerated */
	int have_pool;
	struct rota_prog g;
	double tie, tol;
	double deadline;          /* rota_now() seconds */
	/* column generation */
	int rounds;
	double lp_cost;           /* LP optimum without the tie-break ... */
	double minrc_cost;        /*   and the least reduced cost then (0: converged) */
	double lp_obj, minrc_obj; /* the same with it */
	double *sdual, *smu;      /* the duals with it, at its last LP */
	double cmin;              /* a line's least cost (+ tie), a lower bound */
	/* the answer */
	int feasible, exact, optimal;
	double *y;                /* persons per line of g.cols */
	double cost, bound, comb;
	const char *bound_kind;
	long considered;
	int *min_persons;         /* combinatorial, one value */
};
double rota_now(void);
/* Column generation on R's programme until no line has a negative reduced
 * cost (tie: with the tie-break) or until.  0 converged, 1 the LP needs
 * its artificials (no cover within the contracts), 2 out of time, -1. */
int rota_cg(struct rota_role *R, int tie, double until, struct cq_err *err);
/* Reduced cost of line day (contract ict) under the saved duals. */
double rota_rc(const struct rota_role *R, int ict, const int16_t *day, double cost);
/* rota_round.c: a rota from LP values x (NULL: none) into y, 0, 1 none
 * found, -1; persons nothing needs taken out; a rota checked (0, or -1
 * with what is wrong). */
int rota_round(const struct rota_role *R, const double *x, double *y);
int rota_trim(const struct rota_role *R, double *y);
int rota_verify(const struct rota_role *R, const double *y, char *msg, size_t n);
int rota_role_solve(struct rota_role *R, long cap, char *why, size_t nwhy,
    struct cq_err *err);
void rota_role_free(struct rota_role *R);

/* ---- rota_bound.c ---- */
double rota_comb_bound(const struct rota_problem *p, int role, int W, int *persons);

/* ---- rota_why.c ---- */
/* Diagnose a role with no rota into r->why (appending); returns whether a
 * cause was found.  cov: the shift-days some line covers, [t * nsh + k]. */
int rota_why_cover(const struct rota_problem *p, const struct rota_shifts *rs, int W,
    const unsigned char *cov, char *why, size_t n);
int rota_why_people(const struct rota_problem *p, const struct rota_shifts *rs, int W,
    char *why, size_t n);
void rota_why_short(const struct rota_problem *p, const struct rota_shifts *rs, int W,
    const unsigned char *cell, char *why, size_t n);
/* "11h", "10h30" */
const char *rota_dur(int min, char *buf, size_t n);
/* A rule with its value: "max_consecutive_days = 6". */
void rota_rule_words(const struct rota_contract *k, unsigned rule, char *buf, size_t n);
/* Mark in cov (|=) the shift-days some line of contract c can work, with
 * the rules drop left out; whether it has any line (-1 out of memory). */
int rota_cover_with(const struct rota_problem *p, int c, const struct rota_shifts *rs,
    int W, unsigned drop, unsigned char *cov);
void rota_why_append(char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "Mon", "Sat and Sun", "Mon of week 2": the days of mask (cycle days). */
void rota_days_words(const unsigned char *mask, int W, char *buf, size_t n);

#endif
