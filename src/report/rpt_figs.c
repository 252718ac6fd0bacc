/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_figs.c — the figures of a run, described once (rpt_figs.h): per role
 * here, and the getters of the columns that are not an estimate.
 */
#include "rpt_figs.h"

#include <math.h>
#include <string.h>

/* ---- roles -------------------------------------------------------------------- */

static const void *
role_record(const void *ctx, int i)
{
	return &((const struct meas *)ctx)->role[i];
}

static void
role_name(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = ((const struct meas *)ctx)->scn->roles[i].name;
}

/* The classes it serves, in priority order: "routine, urgent". */
static void
role_serves(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct scn *s = ((const struct meas *)ctx)->scn;
	const struct scn_role *ro = &s->roles[i];
	size_t len = 0;
	int k;

	(void)c;
	for (k = 0; k < ro->nserves && len + 1 < sizeof cell->buf; k++) {
		snprintf(cell->buf + len, sizeof cell->buf - len, "%s%s", k ? ", " : "",
		    s->classes[ro->serves[k]].name);
		len = strlen(cell->buf);
	}
	cell->kind = RPT_CELL_STR;
	cell->str = cell->buf;
}

static void
role_cost_per_hour(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = ((const struct meas *)ctx)->scn->roles[i].cost_per_hour;
}

/* [targets] max_utilization, the same for every role (none: empty). */
static void
role_max_utilization(const void *ctx, int i, const struct rpt_col *c,
    struct rpt_cell *cell)
{
	const struct scn *s = ((const struct meas *)ctx)->scn;

	(void)c;
	(void)i;
	cell->kind = RPT_CELL_NUM;
	cell->num = s->has_max_utilization ? s->max_utilization : NAN;
}

static void
role_met(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_VERDICT;
	cell->met = ((const struct meas *)ctx)->role[i].met;
}

static const struct rpt_col role_cols[] = {
	{ .head = "Role", .key = "role", .text = "role", .xf = RPT_XF_LABEL,
	  .get = role_name },
	{ .head = "Serves (priority order)", .xf = RPT_XF_TEXT, .get = role_serves },
	{ .head = "Cost per hour", .xf = RPT_XF_NUM2, .get = role_cost_per_hour },
	{ .head = "Utilization", .key = "utilization", .text = "utilization", .tw = 12,
	  .xf = RPT_XF_PCT, RPT_EST(struct meas_role, utilization, RPT_MEAN),
	  .total = RPT_TOTAL_MEAN, .chart = RPT_CHART_UTILIZATION,
	  .series = "Utilization", .labels = "0%" },
	{ .head = "95% CI low", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_role, utilization, RPT_LO), .top = 1 },
	{ .head = "95% CI high", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_role, utilization, RPT_HI), .top = 1 },
	{ .head = "On-duty hours per week", .key = "on_duty_hours_per_week",
	  .text = "on duty h/wk", .tw = 14, .tprec = 1, .xf = RPT_XF_NUM1,
	  RPT_EST(struct meas_role, on_duty_hours_per_week, RPT_MEAN),
	  .total = RPT_TOTAL_SUM, .flags = RPT_COL_WEIGHT, .chart = RPT_CHART_HOURS,
	  .series = "On duty" },
	{ .head = "Overtime hours per week", .key = "overtime_hours_per_week",
	  .text = "overtime h/wk", .tw = 14, .tprec = 1, .xf = RPT_XF_NUM1,
	  RPT_EST(struct meas_role, overtime_hours_per_week, RPT_MEAN),
	  .total = RPT_TOTAL_SUM, .flags = RPT_COL_WEIGHT, .chart = RPT_CHART_HOURS,
	  .series = "Overtime" },
	{ .head = "Cost per week", .key = "cost_per_week", .text = "cost/wk", .tw = 12,
	  .tprec = 2, .xf = RPT_XF_MONEY,
	  RPT_EST(struct meas_role, cost_per_week, RPT_MEAN), .total = RPT_TOTAL_SUM },
	{ .head = "95% CI low", .xf = RPT_XF_MONEY,
	  RPT_EST(struct meas_role, cost_per_week, RPT_LO), .top = INFINITY },
	{ .head = "95% CI high", .xf = RPT_XF_MONEY,
	  RPT_EST(struct meas_role, cost_per_week, RPT_HI) },
	{ .head = "Absent hours per week", .key = "absent_hours_per_week",
	  .text = "absent h/wk", .tw = 12, .tprec = 1, .xf = RPT_XF_NUM1,
	  RPT_EST(struct meas_role, absent_hours_per_week, RPT_MEAN) },
	{ .key = "max_utilization", .get = role_max_utilization },
	{ .head = "Utilization verdict", .key = "met", .get = role_met, .na = "no hours" },
};

const struct rpt_table rpt_role_table = { role_cols, RPT_NCOLS(role_cols), role_record,
    NULL, 0 };
