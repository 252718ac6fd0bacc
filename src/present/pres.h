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
#include "report/rpt.h"
#include "sweep/swp.h"

/* optimize's answer, its search and the recommended roster's measures, as
 * text; t gives the wall-clock seconds of the headline. */
void pres_opt_text(const struct opt_result *r, const struct rpt_timing *t, FILE *f);
/* The same as one JSON object (doc/clinicq.1), with "timing" when t is not
 * NULL, and a newline. */
void pres_opt_json(const struct opt_result *r, const struct rpt_timing *t, FILE *f);
/* The workbook of the recommended roster with the Optimization sheet.  0, or
 * -1 with err. */
int pres_opt_xlsx(const struct opt_result *r, const char *path, struct cq_err *err);
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

#endif
