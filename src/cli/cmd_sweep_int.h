/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_sweep_int.h — what cmd_sweep.c and cmd_sweep_csv.c share: the key
 * columns of points.csv, the table and the Sweep sheet, and the CSV writer.
 */
#ifndef CQ_CMD_SWEEP_INT_H
#define CQ_CMD_SWEEP_INT_H

#include "sweep/swp.h"

enum col_what { COL_MEAN, COL_LO, COL_HI, COL_VERDICT };

struct col {
	const struct swp_row *row; /* of the first point: kind, name, measure */
	enum col_what what;
	char head[SCN_MAX_NAME + 48];
};

/* The row of point r matching column c, or NULL. */
const struct swp_row *sweep_find_row(const struct swp_result *r, const struct col *c);
/* A column's figure of row (NaN when row is NULL). */
double sweep_col_value(const struct swp_row *row, enum col_what what);
/* points.csv, measures.csv, replications.csv and provenance.csv in dir: all or
 * none.  0, or -1 with err. */
int sweep_write_csv(const struct swp *w, const struct col *cols, int ncols,
    const char *dir, struct cq_err *err);

#endif
