/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt.h — the optimizer: the cheapest roster (staff per shift, within each
 * shift's min/max) whose simulated targets are all met with confidence.
 *
 * 1. A deterministic first roster: per quarter hour of the week, Erlang C
 *    staff for the sync classes at the modified offered load, and cumulative
 *    fluid cuts for the async classes; solved as an integer programme
 *    (models/staffing.mod) through GLPK's MathProg API.
 * 2. Simulation with common random numbers; each missed target adds a cut that
 *    raises staff where the simulated backlog is highest; solve again.
 * 3. A trim pass removes single people, most expensive first, while every
 *    target still holds; a swap pass moves single people to cheaper shifts of
 *    the same role (then trims again).
 *
 * opt_run() fills a struct opt_result that the caller frees with
 * opt_result_free(); everything in it belongs to it.  The scenario is
 * borrowed and must outlive the result (the measures point to it).
 */
#ifndef CQ_OPT_H
#define CQ_OPT_H

#include <stdio.h>

#include "err.h"
#include "meas.h"
#include "scn.h"

#define OPT_SLOTS 672             /* quarter hours in a week */
#define OPT_MAX_ITER 30           /* solve-and-simulate rounds */

enum opt_phase { OPT_FIRST, OPT_CUT, OPT_TRIM, OPT_SWAP };

/* One simulated roster. */
struct opt_iter {
	enum opt_phase phase;
	int *staff;               /* per shift */
	double cost;              /* scheduled cost per week */
	struct meas *m;           /* its measures */
	int all_met;              /* every target met with confidence */
	int kept;                 /* trim: the removal was kept */
	char note[512];           /* what was done after it (the cut) or to make it */
};

struct opt_opts {
	int jobs;
	int verbose;              /* GLPK's output and the rounds on stderr */
	int max_iter;             /* 0: OPT_MAX_ITER */
	volatile const int *stop; /* set non-zero (a signal) to stop early */
	/* Called after each simulation (may be NULL). */
	void (*progress)(void *arg, const struct opt_iter *it, int nsims);
	void *progress_arg;
};

struct opt_result {
	const struct scn *scn;
	int feasible;             /* every target met by the recommended roster */
	int *staff;               /* recommended (or, if !feasible, best found) */
	double cost, baseline_cost;
	const struct meas *m;     /* measures of staff: points into iter[] */
	int niter;
	struct opt_iter *iter;
	int nsims, nsolves;
	int *last_solve;          /* roster of the last integer solve */
	char *dat;                /* the data of the last solve (MathProg) */
	char fail[1024];          /* !feasible: which targets fail, by how much */
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
