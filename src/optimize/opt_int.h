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

#define OPT_SLOT 15.0
#define OPT_TERMBUF 4096
#define OPT_MAX_GROUPS 256        /* role groups in the relaxation */
#define OPT_DESIGN_GAP 0.005      /* shift design: GLPK's relative MIP gap */
#define OPT_DESIGN_TM_LIM 30000   /*   and its time limit (ms), then the best found */
#define OPT_CUT_NAME 96
#define OPT_TM_LIM 60000          /* GLPK's time limit (ms) without candidates */
/* Templates of the derived copy: a by_day template is one per day. */
#define OPT_MAX_TEMPLATES (SCN_MAX_TEMPLATES * WEEK_DAYS)

/* What a row of the programme is for (--verbose counts them by kind). */
enum opt_row_kind { OPT_ROW_FLUID, OPT_ROW_KEEPUP, OPT_ROW_SIM, OPT_ROW_UTIL,
	OPT_ROW_KINDS };

/* A row: sum_i val[k] x[idx[k]] >= b over its nonzero coefficients (idx
 * ascending).  necessary: implied by the fluid model (a roster that breaks
 * it cannot meet the targets), so the search need not simulate it; such rows
 * wait in a pool and enter the programme only when a solution breaks them.
 * A simulation cut is a heuristic, not necessary, and enters at once. */
struct opt_cut {
	int nz;
	int *idx;
	double *val;
	double b;
	int necessary;
	enum opt_row_kind kind;
	int lp_row;               /* its row in the programme, 0: not in it */
	char name[OPT_CUT_NAME];  /* MathProg string literals hold < 100 chars */
};

/* Rows of one kind: generated, dropped (implied by another row, by the
 * shifts' min, or beyond what the shifts' max can give), and kept. */
struct opt_rowstat {
	long considered, dominated, at_min, beyond, kept;
};

/* The last lines GLPK printed, for error messages. */
struct opt_term {
	char buf[OPT_TERMBUF];
	char msg[OPT_TERMBUF + 64];   /* the line an error gives */
	size_t len;
	int verbose;
};

struct opt {
	const struct scn *s;
	const struct opt_opts *o;
	struct opt_result *r;
	int ns, nr, nc;
	int nfixed;               /* the written shifts come first; then candidates */
	int written_exact;        /* staff[i] = shifts[i].staff plays the roster as
	                           * written (no shift's staff differs by day) */
	int play_written;         /* the simulation under way plays the roster as
	                           * written by day (the baseline when not exact) */
	double *cost;             /* per person per week */
	double *tiebreak;         /* from the shift's name: order-free */
	int *by_name;             /* shift indices in the order of their names */
	double *cover;            /* ns x OPT_SLOTS: expected share of the slot one
	                           * person is available (present, not on break) */
	double *avail;            /* ns: expected hours a week one person is available */
	double (*lam)[WEEK_HOURS];   /* nc: arrivals per minute by hour of week */
	double *work;             /* nc: staff minutes per item */
	/* nc: staff minutes per item entering in each hour of week, for a class
	 * with service_by_hour (opt_relax.c: class_work_by_hour); other classes
	 * take work[c] and do not read it. */
	double (*work_h)[WEEK_HOURS];
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
	struct opt_rowstat rows[OPT_ROW_KINDS];
	int keep_implied;         /* tests: keep every row, implied or not */
	long cover_rows, cover_dropped;  /* coverage rows, and those implied */
	/* The programme, built once (opt_glpk.c): the model and the data without
	 * cuts through MathProg, then cuts added as rows; active[j] is the cut
	 * of the programme's j-th cut row. */
	/* Work profiles for dominance (opt_dominator): a shift's persons count
	 * towards the profile of its role, on call or not, skipping holidays or
	 * not; npk profiles of OPT_SLOTS each. */
	int npk;
	int *pk_of;               /* ns: the shift's profile */
	float *zprof;             /* scratch: npk x OPT_SLOTS */
	void *lp;                 /* glp_prob */
	int *active, nactive, cactive;
	int lp_fallback;          /* the last solve ignored the relaxation (design) */
	int no_cover;             /* the coverage rows are out of the programme */
	int last_nactive;         /* cut rows in the last solve */
	double last_gap;          /* relative MIP gap of the last solve (0: proven) */
	int last_timed_out;       /* the last solve hit the time limit */
	struct opt_term term;
	/* opt_diag.c: per class (and, at nc, safety) the best any roster within
	 * the bounds can attain (the least safety miss rate); beyond: some target
	 * lies beyond it.  atmax: the shifts at their max when the search last
	 * could add no cut. */
	double *reach;
	int beyond;
	char atmax[1024];
};

/* The most a row sum_i a[i] x[i] can reach within the bounds (opt_design.c):
 * written shifts at their max, each template's max on its best candidate. */
struct opt_cap {
	double fixed;
	double tm[OPT_MAX_TEMPLATES];
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
/* Add a row from a dense a[ns] (kept sparse). */
int opt_add_cut(struct opt *x, const double *a, double b, int necessary,
    enum opt_row_kind kind, struct cq_err *err, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Add a row whose sparse coefficients (idx ascending) it takes over. */
int opt_add_row(struct opt *x, int nz, int *idx, double *val, double b, int necessary,
    enum opt_row_kind kind, struct cq_err *err, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));
void opt_cuts_free(struct opt *x);
/* sum a x over the row */
double opt_cut_dot(const struct opt_cut *k, const double *xv);
double opt_cut_dot_int(const struct opt_cut *k, const int *staff);
/* Staff minutes of class c arriving within [from, to). */
double opt_work_in(const struct opt *x, int c, double from, double to);
/* Class c is served only by roles of the group mask gm. */
int opt_in_group(const struct opt *x, int c, uint32_t gm);
/* Shift i can work on async items (on-call persons take sync work only). */
int opt_takes_async(const struct opt *x, int i);

/* opt_fluid.c */
/* The fluid and keeping-up rows of group g, less those another row implies. */
int opt_fluid_rows(struct opt *x, int g, struct cq_err *err);
/* Leave out the coverage rows of group g that another slot's row implies
 * (their req set to 0).  Returns 0, -1 on ENOMEM. */
int opt_cover_reduce(struct opt *x, int g);
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
/* Shift j can take over from shift i: its role serves a class that i's
 * role serves, and it is on duty at some time i is ("replace one by two"). */
int opt_substitutes(const struct opt *x, int i, int j);
/* Whether shift i's role serves class c. */
int opt_serves(const struct opt *x, int i, int c);

/* opt_glpk.c */
/* Solve the current model: 0 with staff filled, 1 when no integer roster
 * satisfies it, 2 when the time limit came before any integer roster, -1
 * with err on a GLPK failure.  fallback: ignore the relaxation's rows (the
 * coverage requirements and the pool), keeping the bounds and the cuts. */
int opt_solve(struct opt *x, int *staff, int fallback, struct cq_err *err);
void opt_lp_free(struct opt *x);
/* Take the coverage requirements (Erlang C, an approximation) out of the
 * programme for good: with templates, together they may ask more than the
 * templates' max can give. */
void opt_drop_cover(struct opt *x);

/* opt_dat.c */
/* The MathProg data (models/staffing.mod) with the programme's first ncut
 * cut rows; fallback: without the requirements (as that solve was).
 * Returns 0, -1 on a write error. */
int opt_dat_write(const struct opt *x, FILE *f, int ncut, int fallback);
/* The data of the last solve, malloc'd; NULL on ENOMEM. */
char *opt_dat_text(const struct opt *x);

/* opt_judge.c */
/* A class target holds: met with confidence, no item to measure, no target. */
int opt_class_ok(enum meas_met met);
/* Every target met at least on average (none plainly missed). */
int opt_none_missed(const struct scn *s, const struct meas *m);
/* How far a roster is from meeting every target: the sum of the shortfalls
 * of the intervals' ends that decide. */
double opt_shortfall(const struct scn *s, const struct meas *m);
/* The smallest margin by which the intervals clear their targets. */
double opt_margin(const struct scn *s, const struct meas *m);
struct opt_iter *opt_find_decided(struct opt_result *r, const int *staff, int ns,
    uint64_t seed);
/* Simulate a roster on a seed with reps replications and record it; a roster
 * that fails has its measures slimmed unless keep. */
struct opt_iter *opt_run_once(struct opt *x, enum opt_phase phase, const int *staff,
    uint64_t seed, int reps, int keep, struct cq_err *err);
struct opt_iter *opt_simulate(struct opt *x, enum opt_phase phase, const int *staff,
    struct cq_err *err);
/* opt_simulate, from iteration from (its first replications, kept; -1: none). */
struct opt_iter *opt_settle(struct opt *x, enum opt_phase phase, const int *staff, int from,
    struct cq_err *err);
/* Iteration from (kept) with more replications, up to reps in all: only the
 * ones it lacks are played, and joined to its own (meas_join). */
struct opt_iter *opt_extend(struct opt *x, enum opt_phase phase, int from, int reps,
    int keep, struct cq_err *err);
/* A roster with no more persons available, role by role and quarter hour by
 * quarter hour, than one that failed (decided, on any seed) fails too:
 * opt_dominator gives that failed iteration, or -1. */
int opt_dominated(const struct opt *x, const int *staff);
int opt_dominator(const struct opt *x, const int *staff);
/* The full measures of an iteration whose roster failed (slimmed: no
 * distributions), simulated again: the same seed, the same figures. */
int opt_refill(struct opt *x, struct opt_iter *it, struct cq_err *err);
/* Append words for every target m misses to buf. */
void opt_describe_misses(const struct scn *s, const struct meas *m, char *buf, size_t n);

/* opt_seq.c */
/* Replications a move is screened on (0: no screening, too few). */
int opt_screen_reps(const struct scn *s);
/* Judge a move from the roster whose decided run on the search's seed has
 * the measures ref: abandoned as failed after its first replications when
 * they show a target missed with confidence, else opt_simulate. */
struct opt_iter *opt_screen(struct opt *x, enum opt_phase phase, const int *staff,
    const struct meas *ref, struct cq_err *err);
/* More replications of m (run with n) could not confirm a target it meets
 * on average. */
int opt_more_futile(const struct scn *s, const struct meas *m, int n);

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
int opt_trim_best(struct opt *x, int *cur, const struct meas *ref, struct cq_err *err);

/* opt_diag.c */
/* Which targets no roster within the bounds can meet (x->reach).  0, or -1
 * with err. */
int opt_reach_init(struct opt *x, struct cq_err *err);
/* The target of class c (c = nc: the safety target) is beyond reach. */
int opt_beyond(const struct opt *x, int c);
/* opt_shortfall, less the targets beyond reach: what a best roster is judged by. */
double opt_shortfall_within(const struct opt *x, const struct meas *m);
/* The diagnosis of an infeasible answer (r->diag), m its measures. */
void opt_diagnose(struct opt *x, const struct meas *m);

/* opt.c: confirm a roster on the independent seed (more replications while
 * it meets every target on average only); the deciding run's index, -1 on
 * error. */
int opt_confirm(struct opt *x, const int *cur, struct cq_err *err);
/* opt_people.c: with opt_opts.people_cost, the answer *ans may give way to a
 * roster that met every target, dearer in hours but cheaper in people, once
 * that roster is confirmed too.  0, or -1 with err. */
int opt_prefer_people(struct opt *x, int *ans, struct cq_err *err);

#endif
