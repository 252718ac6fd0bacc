/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_int.h — what the files of present/ share: the shifts a roster shows,
 * and the key columns of a sweep, which points.csv and the Sweep sheet both
 * list.
 */
#ifndef CQ_PRES_INT_H
#define CQ_PRES_INT_H

#include "pres.h"

/* Whether a roster (NULL: as written) shows shift i: every written shift,
 * the designed candidates it staffs; in optimize's copy a shift split by day
 * at its first part only.  r: the shift as shown (scn_rshift_at). */
int pres_shift_shown(const struct scn *s, const int *staff, int i, struct scn_rshift *r);

enum col_what { COL_MEAN, COL_LO, COL_HI, COL_VERDICT };

struct col {
	const struct swp_row *row; /* of the first point: kind, name, measure */
	enum col_what what;
	char head[SCN_MAX_NAME + 48];
};

/* The key measures of a sweep's points, from the first point's rows, with a
 * column for each designed shift another point staffs: *out (the caller
 * frees it) and their count, or -1 on no memory. */
int pres_swp_columns(const struct swp *w, struct col **out);
/* The row of point r matching column c, or NULL. */
const struct swp_row *pres_swp_find_row(const struct swp_result *r, const struct col *c);
/* A column's figure of row (NaN when row is NULL). */
double pres_swp_value(const struct swp_row *row, enum col_what what);
/* The workbook of the points (its Sweep sheet) at path.  0, or -1 with err. */
int pres_swp_xlsx(const struct swp *w, const struct col *cols, int ncols,
    const char *path, struct cq_err *err);
/* points.csv, measures.csv, replications.csv and provenance.csv in dir: all or
 * none.  0, or -1 with err. */
int pres_swp_csv(const struct swp *w, const struct col *cols, int ncols,
    const char *dir, struct cq_err *err);

/* ---- optimize: what changed and why (pres_opt_why.c) ---- */

#define PRES_MAX_OPENS 4

/* A stretch with nobody on duty who serves class cls in the answer, which
 * the roster as written covered: when, and the share of cls's items. */
struct pres_open {
	int cls;
	double share;
	char when[64];
};

/* A shift whose staff differs from the roster as written. */
struct pres_change {
	int shift;                /* its first part in r->scn */
	struct scn_rshift rs;     /* as shown: staff (answer) and written */
	unsigned up, down;        /* the days raised, and cut */
	int nopens;
	struct pres_open opens[PRES_MAX_OPENS];
	char why[768];
};

/* The roster as written's simulation on the search's seed (its most
 * replications). */
const struct opt_iter *pres_opt_baseline(const struct opt_result *r);
/* Class c's target in words: "clinical 90% <= 2 h". */
void pres_target_words(const struct scn *s, int c, char *buf, size_t n);

#endif
