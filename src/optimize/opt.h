/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt.h — the optimizer: the cheapest roster (staff per shift, within each
 * shift's min/max) whose simulated targets are all met with confidence.
 *
 * 1. A deterministic relaxation (opt_relax.c): per quarter hour of the week
 *    and group of roles, Erlang C staff for the sync classes at the modified
 *    offered load, and cumulative fluid rows; solved as an integer programme
 *    (models/staffing.mod) through GLPK's MathProg API (opt_glpk.c).
 * 2. Simulation with common random numbers; each missed target adds a cut that
 *    raises staff where the simulated backlog is highest; solve again, until
 *    a roster meets every target.
 * 3. A local search: remove one person, move one to another shift, or replace
 *    one by two on cheaper shifts, cheapest roster first, until no such move
 *    gives a cheaper roster that meets every target; then pairs: a cheaper
 *    move that failed, repaired by moving a second person to where it failed.  Moves that break a
 *    necessary row of the relaxation, or that are no larger than a roster
 *    already seen to fail, are not simulated.
 * 4. Confirmation: the roster is simulated again on an independent seed with
 *    confirm_replications; it is the answer only if every target holds there
 *    with confidence, otherwise the search goes on from it.
 *
 * 5. Shift design: with [shift_template] sections, the search runs on a
 *    derived copy whose shifts are the written ones then every template's
 *    candidates (opt_design.c); r->scn is that copy, and r->staff and every
 *    roster index its shifts.  The copy also splits a by_day shift (and a
 *    by_day template's candidates) into one shift per day (scn_design), so
 *    that each weekday's staff is a column of its own; scn_rshift_at takes
 *    the parts together again for the outputs.
 *
 * opt_run() fills a struct opt_result that the caller frees with
 * opt_result_free(); everything in it belongs to it.  The scenario is
 * borrowed and must outlive the result (the measures point to it, or to the
 * derived copy the result owns).
 */
#ifndef CQ_OPT_H
#define CQ_OPT_H

#include <stdio.h>

#include "err.h"
#include "measure/meas.h"
#include "scenario/scn.h"

#define OPT_SLOTS 672             /* quarter hours in a week */
#define OPT_MAX_ITER 30           /* solve-and-simulate rounds */
#define OPT_MAX_CONFIRM 6         /* confirmation runs before giving up */
#define OPT_MAX_DIAG 12           /* sentences of an infeasible answer's diagnosis */
#define OPT_DIAG_LEN 768

/* What a simulation was for: the first solve, a solve after cuts, a move of
 * the local search, more replications of a roster not yet decided, the
 * confirmation, trimming the best roster when none meets the targets, the
 * roster as written (always a candidate answer), or every written shift at
 * its max (the last resort before exit 3). */
enum opt_phase { OPT_FIRST, OPT_CUT, OPT_REMOVE, OPT_MOVE, OPT_REPLACE, OPT_PAIR,
	OPT_MORE, OPT_CONFIRM, OPT_TRIM, OPT_BASELINE, OPT_MAX };

/* One simulation (a roster, a seed, a number of replications). */
struct opt_iter {
	enum opt_phase phase;
	int *staff;               /* per shift */
	double cost;              /* scheduled cost per week */
	struct meas *m;           /* its measures */
	uint64_t seed;
	int replications;
	int all_met;              /* every target met with confidence (n/a: no target) */
	int decided;              /* the last simulation of this roster on this seed */
	int kept;                 /* a move the search kept */
	int screened;             /* abandoned after its first replications (opt_seq.c) */
	int as_written;           /* the roster as written was played, by day: staff is
	                           * only its nearest one number per shift (a shift
	                           * whose staff differs by day with by_day = no) */
	float *prof;              /* a failed roster's persons available per role and
	                           * quarter hour (opt_dominator), or NULL */
	char note[512];           /* what was done after it (the cut) or to make it */
};

struct opt_opts {
	int jobs;
	int verbose;              /* GLPK's output and the rounds on stderr */
	int max_iter;             /* 0: OPT_MAX_ITER */
	int want_dat;             /* keep the data of the last solve (r->dat) */
	volatile const int *stop; /* set non-zero (a signal) to stop early */
	/* optimize --rota: the weekly cost of the people roster staff needs (the
	 * least-cost rota of scenario s's contracts), or a negative number when
	 * no rota covers it.  NULL: rosters are judged by their hours alone. */
	double (*people_cost)(void *arg, const struct scn *s, const int *staff);
	void *people_arg;
	/* Called after each simulation (may be NULL). */
	void (*progress)(void *arg, const struct opt_iter *it, int nsims);
	void *progress_arg;
};

struct opt_result {
	const struct scn *scn;    /* the scenario optimized: with [shift_template]s, */
	struct scn *design;       /*   this derived copy (owned; candidates after the
	                           *   written shifts, scn_design), else NULL */
	int feasible;             /* every target met by the recommended roster */
	int *staff;               /* recommended (or, if !feasible, best found) */
	double cost, baseline_cost;
	const struct meas *m;     /* measures of staff: points into iter[] */
	int niter;
	struct opt_iter *iter;
	int nsims, nsolves;
	int npruned;              /* moves not simulated (a necessary row, or dominated) */
	int nscreened;            /* moves abandoned after their first replications */
	int pairs_complete;       /* the last round of pairs tried all its candidates */
	/* The integer programme at the end: its rows and columns, the necessary
	 * rows kept in the pool (and generated before the implied ones were
	 * dropped), and the wall time GLPK took in all. */
	int lp_rows, lp_cols;
	long pool_rows, rows_generated;
	double glpk_seconds;
	int confirm;              /* index in iter of the confirmation of staff, or -1 */
	int baseline;             /* index in iter of the roster as written */
	uint64_t confirm_seed;
	int confirm_replications;
	int *last_solve;          /* roster of the last integer solve */
	char *dat;                /* the data of the last solve (MathProg) */
	/* With opt_opts.people_cost: the answer's people cost, and when another
	 * roster than the cheapest in hours was chosen for it, that cheapest
	 * roster, its hours and people costs; people_note says what was done. */
	double people_cost;
	int *hours_staff;         /* NULL: the answer is the cheapest in hours too */
	double hours_cost, hours_people_cost;
	char people_note[512];
	char fail[2048];          /* !feasible: which targets fail, by how much */
	/* !feasible: why no roster within the bounds meets the targets and what
	 * would help, a sentence each (opt_diag.c), what the answer says first. */
	int ndiag;
	char diag[OPT_MAX_DIAG][OPT_DIAG_LEN];
	int beyond;               /* a target no roster within the bounds can meet */
	char model[4096];         /* path of the model file */
};

/* Run the optimizer.  Returns 0 (check r->feasible) or -1 with err (GLPK
 * failure, model not found, allocation: CQ_EXIT_FAIL). */
int opt_run(const struct scn *s, const struct opt_opts *o, struct opt_result *r,
    struct cq_err *err);
void opt_result_free(struct opt_result *r);

/* Cost per week of a roster: sum of staff x scheduled hours x cost per hour. */
double opt_roster_cost(const struct scn *s, const int *staff);
/* Write r->dat to path (atomically). */
int opt_write_dat(const struct opt_result *r, const char *path, struct cq_err *err);
/* The model file: $CLINICQ_MODELS, the source tree, beside the binary, or the
 * installed data folder.  Returns 0, or -1 with err. */
int opt_model_path(char *buf, size_t n, struct cq_err *err);
const char *opt_phase_name(enum opt_phase p);

#endif
