/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres.h — the presentation of optimize's and sweep's results: their text for
 * people and JSON on a stream, their workbooks (the Optimization and Sweep
 * sheets beside report's), sweep's CSV files, and optimize's answer as a
 * scenario file (--write-roster).
 *
 * present/ sits between sweep/ and cli/ (doc/architecture.md): it reads
 * struct opt_result and struct swp and writes through report's helpers; it
 * knows nothing of the command line.  Files are written through afile: to a
 * temporary name, renamed into place by the caller's batch (or, outside one,
 * at once).  Nothing here keeps or frees what it is given.
 */
#ifndef CQ_PRES_H
#define CQ_PRES_H

#include <stdio.h>

#include "err.h"
#include "optimize/opt.h"
#include "rota/rota.h"
#include "report/rpt.h"
#include "sweep/swp.h"

struct pres_rota;

/* What optimize changed and why (pres_opt_why.c): one change per shift whose
 * staff differs from the roster as written.  *out (the caller frees it) and
 * their count, or -1 on no memory. */
struct pres_change;
int pres_opt_changes(const struct opt_result *r, struct pres_change **out);
/* optimize's answer: the roster as written beside the recommendation, the
 * changes ch (nch, from pres_opt_changes) and why, and the recommended
 * roster's measures, as text; t gives the wall-clock seconds of the headline;
 * rota (optimize --rota; NULL: none) the answer's rota and people; verbose:
 * every simulation the search ran, else one line counting them. */
void pres_opt_text(const struct opt_result *r, const struct pres_change *ch, int nch,
    const struct pres_rota *rota, const struct rpt_timing *t, int verbose, FILE *f);
/* The same as one JSON object (doc/clinicq.1), with "baseline" and "changes",
 * "people" and "rota" when rota is not NULL, "timing" when t is not NULL,
 * and a newline. */
void pres_opt_json(const struct opt_result *r, const struct pres_change *ch, int nch,
    const struct pres_rota *rota, const struct rpt_timing *t, FILE *f);
/* The workbook of the recommended roster with the Optimization sheet (the
 * comparison, the changes, the iterations) and the Rota sheet with rota.
 * 0, or -1 with err. */
int pres_opt_xlsx(const struct opt_result *r, const struct pres_change *ch, int nch,
    const struct pres_rota *rota, const char *path, struct cq_err *err);
/* --write-roster: the scenario with the answer as its staff and the staffed
 * designed shifts as [shift] sections.  0, or -1 with err. */
int pres_opt_roster(const struct opt_result *r, const char *path, struct cq_err *err);

/* sweep's points as a table for people. */
void pres_swp_table(const struct swp *w, FILE *f);
/* {"points":[...]} with the provenance and "timing" (ranks: MPI ranks;
 * computed: the points this run computed, not read back from --db). */
void pres_swp_json(const struct swp *w, const struct rpt_timing *t, int ranks,
    int computed, FILE *f);
/* The workbook (xlsx, when not NULL) and the CSV files (in csv_dir, when not
 * NULL) of every point.  0, or -1 with err. */
int pres_swp_files(const struct swp *w, const char *xlsx, const char *csv_dir,
    struct cq_err *err);

/* A rota to present: the problem it solves, the answer, and what it is of
 * (" of the roster as written", NULL: nothing said). */
struct pres_rota {
	const struct rota_problem *p;
	const struct rota_result *r;
	const char *what;
	const char *currency;     /* the scenario's ("" none), beside costs */
};
/* The rota as text: headline (people, their cost beside the roster's hours,
 * how sure), headcount, FTE and cost per role and contract, over-cover, then
 * the grid of shift codes; `what` says whose roster it covers. */
void pres_rota_text(const struct rota_problem *p, const struct rota_result *r,
    const char *currency, const char *what, FILE *f);
/* "rota":{...} (SPEC 5.4), a member of the caller's object. */
void pres_rota_json(const struct rota_problem *p, const struct rota_result *r, FILE *f);
/* rota.csv in dir: a row per line and day of the cycle.  0, or -1 with err. */
int pres_rota_csv(const struct scn *s, const struct rota_problem *p,
    const struct rota_result *r, const char *dir, struct cq_err *err);
/* The Rota sheet, on a workbook being written (an extra sheet's add()). */
int pres_rota_sheet(struct rpt_xlsx *x, const struct pres_rota *pr, struct cq_err *err);
/* A workbook with the Rota sheet alone (clinicq rota).  0, or -1 with err. */
int pres_rota_xlsx(const struct scn *s, const struct pres_rota *pr, const char *path,
    struct cq_err *err);

#endif
