/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * swp.h — what-if sweeps (doc/sweep.md): the points of a [sweep] grid, their
 * validation, the computation of one point, and threads over points.
 *
 * A point is the scenario with the base overrides (--set, -r, --seed) and then
 * the point's own overrides, one per 'vary', applied in that order.  Points are
 * numbered from 1, in grid order (the first 'vary' outermost), in messages, in
 * points.csv and in the SQLite file; "points" of the JSON lists them in that
 * order.  Every point runs with the same seed, so a point's results depend on
 * nothing but its overrides: not on threads, ranks, or which points ran before.
 *
 * Ownership: struct swp owns the scenario text, the base scenario and the
 * results; swp_free() releases them all.  A struct swp_result owns its JSON
 * text and rows (swp_result_clear()).
 */
#ifndef CQ_SWP_H
#define CQ_SWP_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "report/rpt.h"
#include "scenario/scn.h"

/* One estimate of a point, as stored in the measures table of the SQLite file. */
struct swp_row {
	char kind[8];             /* "class", "role", "safety", "cost"; with action =
	                           * optimize also "roster" (first) */
	char name[SCN_MAX_NAME];  /* the class, role or (roster staff) shift; "" for
	                           * safety, cost and the roster's cost and feasible */
	char measure[32];         /* the JSON key, e.g. "attainment", "total"; roster:
	                           * "cost_per_week", "feasible", "staff" */
	double mean, lo, hi;      /* NaN when the verdict is all there is */
	char verdict[16];         /* "met" rows: confident, on_average, no, n/a;
	                           * "feasible": yes, no; else "" */
};

/* The result of one point. */
struct swp_result {
	int done;
	char *json;               /* the point's object, {"overrides":{...}, ...run keys} */
	int nrows;
	struct swp_row *rows;
	/* Each replication's own figures (replications.csv): nrep x classes x
	 * RPT_REP_NCOLS values, replication-major, NaN where undefined. */
	int nrep;
	double *repv;
};

struct swp {
	const char *file;         /* the scenario file, as named on the command line */
	char *text;               /* its text, read once: every point starts from it */
	struct scn_override *base; /* the base overrides, their texts in base_text */
	char **base_text;         /* the copied texts (owned) */
	int nbase;
	struct scn *s;            /* the scenario with the base overrides only */
	struct scn_files *files;  /* its data files, parsed once for every point */
	int npoints, nvars;
	int max_reps;             /* the most replications of any point */
	uint64_t hash;            /* FNV-1a of the text, the base overrides (seed aside) */
	struct swp_result *res;   /* npoints */
};

/* Called, serialised, as each point finishes; returns 0 or -1 with err (which stops
 * the sweep). */
typedef int (*swp_done_fn)(void *arg, int p, struct cq_err *err);

/* Load the scenario and its [sweep], expand the points, and validate every point
 * before any work.  base holds --set texts plus "scenario.replications=N" and
 * "scenario.seed=N" when given (seed overrides are left out of the hash).  Returns
 * NULL with err (CQ_EXIT_USAGE naming the point and key for a bad point). */
struct swp *swp_new(const char *file, const struct scn_override *base, int nbase,
    struct cq_err *err);
void swp_free(struct swp *w);

/* The value index of variable v at point p (0-based internally). */
int swp_value(const struct swp *w, int p, int v);
/* "KEY=VALUE, KEY=VALUE" of point p into buf. */
void swp_point_label(const struct swp *w, int p, char *buf, size_t n);

/* Compute point p with `jobs` threads over replications.  On success fills r (the
 * caller clears it) and returns 0; -1 with err otherwise. */
int swp_compute(const struct swp *w, int p, int jobs, volatile const int *stop,
    struct swp_result *r, struct cq_err *err);

/* Compute the points todo[0..ntodo-1] over `jobs` threads (and over replications
 * within a point when there are fewer points than threads); results go to w->res
 * and done() is called after each.  The first error by point wins. */
int swp_run_threads(struct swp *w, const int *todo, int ntodo, int jobs,
    volatile const int *stop, swp_done_fn done, void *arg, struct cq_err *err);

/* A result as bytes (MPI), and back (nclasses: the scenario's).  pack returns a
 * malloc'ed buffer or NULL. */
char *swp_result_pack(const struct swp_result *r, int nclasses, size_t *len);
int swp_result_unpack(const char *buf, size_t len, int nclasses, struct swp_result *r,
    struct cq_err *err);
/* The figures of replication i (from 0) and class c in r. */
static inline double *
swp_repv(const struct swp_result *r, int nclasses, int i, int c)
{
	return r->repv + ((size_t)i * (size_t)nclasses + (size_t)c) * RPT_REP_NCOLS;
}
void swp_result_clear(struct swp_result *r);

/* FNV-1a 64, continued from h (start with SWP_FNV_INIT). */
#define SWP_FNV_INIT 0xcbf29ce484222325ULL
uint64_t swp_fnv(uint64_t h, const void *data, size_t n);

#endif
