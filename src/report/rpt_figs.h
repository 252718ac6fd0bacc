/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_figs.h — the figures of a run, described once (rpt_col.h) for every
 * writer that lists them: the JSON, measures.csv (rpt_figures), the CSV
 * files, the text table and the workbook.  A figure's names (JSON key and CSV
 * column, workbook header, text header) and its value sit in one entry.
 * Every table's context is the struct meas; row i is class, role or (for
 * the tables of one row) the run.
 */
#ifndef CQ_RPT_FIGS_H
#define CQ_RPT_FIGS_H

#include "rpt_col.h"

/* The charts of the Roles sheet that draw a role column. */
#define RPT_CHART_UTILIZATION 0x1u
#define RPT_CHART_HOURS 0x2u

/* Per class (row i: class i): classes.csv, the class figures of the JSON and
 * measures.csv, and the Summary's waits and responses (the columns with a
 * workbook header). */
extern const struct rpt_table rpt_class_table;
/* Safety (one row): safety.csv, the JSON's "safety", the Summary's safety rows
 * (the figures with a workbook header; RPT_COL_TARGET: the one with a target). */
extern const struct rpt_table rpt_safety_table;
/* Cost per week (one row): the JSON's "cost_per_week", the Summary's rows. */
extern const struct rpt_table rpt_cost_table;
/* Per role (row i: role i): the Roles sheet, roles.csv, the text table's
 * roles, the JSON's "roles" and the role figures of measures.csv. */
extern const struct rpt_table rpt_role_table;

#endif
