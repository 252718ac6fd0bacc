/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx_int.h — what the workbook's files share (not for other modules):
 * rpt_xlsx.c writes the cells, formats and page setup every sheet uses and
 * the workbook itself; rpt_xlsx_table.c writes a table described by its
 * columns (rpt_col.h); rpt_xlsx_summary.c writes Summary, rpt_xlsx_roster.c
 * Roster, rpt_xlsx_misses.c Misses, rpt_xlsx_charts.c Backlog, Waits and
 * Roles.  Commands that add a sheet of their own use rpt_xlsx.h and rpt_col.h
 * only.
 */
#ifndef CQ_RPT_XLSX_INT_H
#define CQ_RPT_XLSX_INT_H

#include "rpt_xlsx.h"
#include "week.h"

/* The sheets of a run, in the order they are added; 0, or -1 with x->lerr set. */
int rpt_xlsx_sheet_summary(struct rpt_xlsx *x);
int rpt_xlsx_sheet_roster(struct rpt_xlsx *x);
int rpt_xlsx_sheet_backlog(struct rpt_xlsx *x);
int rpt_xlsx_sheet_waits(struct rpt_xlsx *x);
int rpt_xlsx_sheet_roles(struct rpt_xlsx *x);
/* rpt_xlsx_misses.c: the Misses sheet, and whether any class has a miss. */
int rpt_xlsx_sheet_misses(struct rpt_xlsx *x);
int rpt_xlsx_misses_any(const struct meas *m);

/* An interval's end clamped to [0, top] (NaN stays NaN). */
double rpt_xlsx_bound(double v, double top);
/* A cell reference such as "B7". */
void rpt_xlsx_cell_ref(int row, int col, char buf[LXW_MAX_CELL_NAME_LENGTH]);
/* =SUM of column col over rows first..last, with its value cached. */
void rpt_xlsx_column_total(struct rpt_xsheet *sh, int row, int col, int first,
    int last, double value, enum rpt_xf f);
/* The first column that starts at least px pixels from the left edge, with
 * the widths known so far. */
int rpt_xlsx_col_after(const struct rpt_xsheet *sh, double px);

#endif
