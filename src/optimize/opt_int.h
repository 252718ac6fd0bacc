/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_int.h — what the optimizer's files share (not for other modules):
 * opt_relax.c builds the deterministic relaxation (loads, role groups, the
 * requirement and fluid rows), opt_glpk.c writes it as MathProg data and
 * solves it with GLPK, opt_judge.c simulates rosters and judges them,
 * opt_cut.c says where they fall short, opt_search.c moves persons, and
 * opt.c runs the whole: climb, search, confirm.
 */
#ifndef CQ_OPT_INT_H
#define CQ_OPT_INT_H

#include <stdint.h>

#include "opt.h"

#define OPT_WEEK 10080.0
#define OPT_SLOT 15.0
#define OPT_TERMBUF 4096
#define OPT_MAX_GROUPS 256        /* role groups in the relaxation */
#define OPT_DESIGN_GAP 0.005      /* shift design: GLPK's relative MIP gap */
#define OPT_DESIGN_TM_LIM 30000   /*   and its time limit (ms), then the best found */

/* A row: sum_s a[s] x[s] >= b.  necessary: implied by the fluid model (a
 * roster that breaks it cannot meet the targets), so the search need not
 * simulate it; a simulation cut is a heuristic and is not. */
struct opt_cut {
	double *a;
	double b;
	int necessary;
	char name[160];
};

/* The last lines GLPK printed, for error messages. */
struct opt_term {
	char buf[OPT_TERMBUF];
	size_t len;
	int verbose;
};

struct opt {
	const struct scn *s;
	const struct opt_opts *o;
	struct opt_result *r;
	int ns, nr, nc;
	int nfixed;               /* the written shifts come first; then candidates */
	double *cost;             /* per person per week */
	double *tiebreak;         /* from the shift's name: order-free */
	int *by_name;             /* shift indices in the order of their names */
	double *cover;            /* ns x OPT_SLOTS: expected share of the slot one
	                           * person is available (present, not on break) */
	double *avail;            /* ns: expected hours a week one person is available */
	double (*lam)[SCN_HOW];   /* nc: arrivals per minute by hour of week */
	double *work;             /* nc: staff minutes per item */
	uint32_t *serve_mask;     /* nc: the roles that serve the class */
	/* Role groups: every union of the classes' serve masks.  A group's
	 * persons must carry the classes served only within it (Hall's
	 * condition): req is its sync requirement per slot. */
	int ng;
	uint32_t group[OPT_MAX_GROUPS];
	double *req;              /* ng x OPT_SLOTS */
	double *load;             /* ng: staff hours a week of the classes only the
	                           * group serves, for max_utilization (0: no row) */
	struct opt_cut *cuts;
	int ncuts, ccuts;
	struct opt_term term;
};

/* The most a row sum_i a[i] x[i] can reach within the bounds (opt_design.c):
 * written shifts at their max, each template's max on its best candidate. */
struct opt_cap {
	double fixed;
	double tm[SCN_MAX_TEMPLATES];
};

/* opt_design.c: shift design (templates' candidates as columns) */
/* Every template's total within its min..max, and at most max_shifts used. */
int opt_tmpl_ok(const struct opt *x, const int *staff);
/* Column i can take one more person (its max, its template's max and max_shifts). */
int opt_room(const struct opt *x, const int *staff, int i);
void opt_cap_reset(struct opt_cap *c);
void opt_cap_add(struct opt_cap *c, const struct opt *x, int i, double a);
double opt_cap_total(const struct opt_cap *c, const struct opt *x);
void opt_design_dat(const struct opt *x, FILE *f, void (*put_sym)(FILE *, const char *));
/* The columns moves from cur may add to (act[i] = 1); returns their count. */
int opt_active(const struct opt *x, const int *cur, unsigned char *act);

/* opt_relax.c */
int opt_relax_build(struct opt *x, struct cq_err *err);
int opt_add_cut(struct opt *x, const double *a, double b, int necessary,
    struct cq_err *err, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Minutes one person of the shift is on duty within [from, to) of the cyclic week. */
double opt_shift_minutes(const struct scn_shift *sh, double from, double to);
/* The same, expected available: times (1 - absence), less its breaks spread
 * evenly over their windows. */
double opt_avail_minutes(const struct scn_shift *sh, double from, double to);
/* The roles whose utilization misses [targets] max_utilization (with
 * confidence): 1 if role r does. */
int opt_role_fails(const struct scn *s, const struct meas *m, int r);
/* The first necessary row the roster breaks, or -1. */
int opt_breaks_necessary(const struct opt *x, const int *staff);
/* Whether shift i's role serves class c. */
int opt_serves(const struct opt *x, int i, int c);

/* opt_glpk.c */
/* Solve the current model: 0 with staff filled, 1 when no integer roster
 * satisfies it, -1 with err on a GLPK failure. */
int opt_solve(struct opt *x, int *staff, struct cq_err *err);

/* opt_judge.c */
/* A class target holds: met with confidence, no item to measure, no target. */
int opt_class_ok(enum meas_met met);
/* How far a roster is from meeting every target: the sum of the shortfalls
 * of the intervals' ends that decide. */
double opt_shortfall(const struct scn *s, const struct meas *m);
/* The smallest margin by which the intervals clear their targets. */
double opt_margin(const struct scn *s, const struct meas *m);
struct opt_iter *opt_find_decided(struct opt_result *r, const int *staff, int ns,
    uint64_t seed);
struct opt_iter *opt_run_once(struct opt *x, enum opt_phase phase, const int *staff,
    uint64_t seed, int reps, struct cq_err *err);
struct opt_iter *opt_simulate(struct opt *x, enum opt_phase phase, const int *staff,
    struct cq_err *err);
int opt_dominated(const struct opt *x, const int *staff);
/* Append words for every target m misses to buf. */
void opt_describe_misses(const struct scn *s, const struct meas *m, char *buf, size_t n);

/* opt_cut.c */
/* Shift i puts someone on duty for class c in hour h of the week (on-call
 * persons take sync work only). */
int opt_covers(const struct opt *x, int i, int c, int h);
/* Per hour of week, how much class c suffers: its simulated queue, or its
 * arrivals when nothing queued. */
void opt_hour_scores(const struct opt *x, const struct meas *m, int c, double *score);
int opt_worst_hour(const struct opt *x, const struct meas *m, int c);
/* The first class whose target m misses (the safety question's class for
 * the safety target), or -1. */
int opt_missed_class(const struct opt *x, const struct meas *m);
int opt_safety_class(const struct scn *s);
/* Cuts for every missed target: the count added, -1 on error; when none can
 * be added for a class, the shifts at their max are named in atmax. */
int opt_sim_cuts(struct opt *x, struct opt_iter *it, char *atmax, size_t natmax,
    struct cq_err *err);

/* opt_search.c */
/* Cheapest move of one or two persons that keeps every target, until none. */
int opt_local_search(struct opt *x, int *cur, struct cq_err *err);
/* Two-person repairs of failed cheaper moves, at most budget simulations:
 * 1 when cur improved, 0 if not, -1 on error. */
int opt_pair_search(struct opt *x, int *cur, int budget, struct cq_err *err);
/* Remove from the best roster the persons who do not help (none meets every
 * target). */
int opt_trim_best(struct opt *x, int *cur, const struct opt_iter *ref,
    struct cq_err *err);

#endif
