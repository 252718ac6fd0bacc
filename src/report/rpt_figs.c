/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_figs.c — the figures of a run, described once (rpt_figs.h): per class,
 * per role, of safety and of cost, with the getters of the columns that are
 * not an estimate.  Their order is the JSON's, and so that of measures.csv.
 */
#include "rpt_figs.h"

#include <math.h>
#include <string.h>

/* ---- classes ------------------------------------------------------------------ */

static const void *
class_record(const void *ctx, int i)
{
	return &((const struct meas *)ctx)->cls[i];
}

static const struct scn_class *
class_of(const void *ctx, int i)
{
	return &((const struct meas *)ctx)->scn->classes[i];
}

static int
class_has_target(const void *ctx, int i)
{
	return class_of(ctx, i)->has_target;
}

static void
class_name(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = class_of(ctx, i)->name;
}

static void
class_mode(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = class_of(ctx, i)->mode == SCN_SYNC ? "sync" : "async";
}

static void
class_target_share(const void *ctx, int i, const struct rpt_col *c,
    struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = class_of(ctx, i)->target_share;
}

static void
class_target_within(const void *ctx, int i, const struct rpt_col *c,
    struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = class_of(ctx, i)->target_within;
}

static void
class_met(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = meas_met_name(((const struct meas *)ctx)->cls[i].met);
}

/* A class's wait or response figure in minutes, a duration in the workbook. */
#define DURATION(HEAD, KEY, FIELD, GROUP, FLAGS) { .head = HEAD, .key = KEY, \
	.xf = RPT_XF_DUR, RPT_EST(struct meas_class, FIELD, RPT_MEAN), .group = GROUP, \
	.flags = FLAGS }
/* Another figure of a class. */
#define FIGURE(KEY, FIELD, FLAGS) { .key = KEY, RPT_EST(struct meas_class, FIELD, \
	RPT_MEAN), .flags = FLAGS }

static const char wait_group[] = "Wait: arrival to first contact (sync, answered "
    "items only) or to start of work (async)";
static const char resp_group[] = "Response: arrival to completion";

static const struct rpt_col class_cols[] = {
	{ .head = "Class", .key = "class", .xf = RPT_XF_LABEL, .get = class_name },
	{ .key = "mode", .get = class_mode },
	{ .key = "target_share", .get = class_target_share, .only = class_has_target },
	{ .key = "target_within_min", .get = class_target_within,
	  .only = class_has_target },
	{ .key = "met", .get = class_met, .only = class_has_target },
	FIGURE("arrived", arrived, 0),
	FIGURE("completed", completed, 0),
	FIGURE("open_at_end", open_at_end, 0),
	DURATION("Mean", "wait_mean_min", wait_mean, wait_group, 0),
	DURATION("Median", "wait_p50_min", wait_p50, wait_group, 0),
	DURATION("90th pct", "wait_p90_min", wait_p90, wait_group, 0),
	DURATION("95th pct", "wait_p95_min", wait_p95, wait_group, 0),
	DURATION("99th pct", "wait_p99_min", wait_p99, wait_group, 0),
	DURATION("Longest", "wait_max_min", wait_max, wait_group, 0),
	DURATION("Mean", "response_mean_min", resp_mean, resp_group, 0),
	DURATION("Median", "response_p50_min", resp_p50, resp_group, RPT_COL_NOCSV),
	DURATION("90th pct", "response_p90_min", resp_p90, resp_group, 0),
	DURATION("95th pct", "response_p95_min", resp_p95, resp_group, RPT_COL_NOCSV),
	DURATION("99th pct", "response_p99_min", resp_p99, resp_group, RPT_COL_NOCSV),
	DURATION("Longest", "response_max_min", resp_max, resp_group, RPT_COL_NOCSV),
	FIGURE("abandoned", abandoned, 0),
	FIGURE("abandon_rate", abandon_rate, 0),
	FIGURE("attainment", attainment, 0),
	FIGURE("backlog_growth_per_week", backlog_growth, RPT_COL_NOCSV),
	FIGURE("miss_no_cover", miss_no_cover, 0),
	FIGURE("miss_queued", miss_queued, 0),
	FIGURE("miss_abandoned", miss_abandoned, 0),
	FIGURE("miss_open_at_end", miss_open, 0),
	FIGURE("uncovered_share", uncovered_share, 0),
};
#undef DURATION
#undef FIGURE

const struct rpt_table rpt_class_table = { class_cols, RPT_NCOLS(class_cols),
    class_record, NULL, 0 };

/* ---- safety and cost: one row, the run ---------------------------------------- */

static const void *
safety_record(const void *ctx, int i)
{
	(void)i;
	return &((const struct meas *)ctx)->safety;
}

#define SAFETY(HEAD, KEY, FIELD, XF) { .head = HEAD, .key = KEY, .xf = XF, \
	RPT_EST(struct meas_safety, FIELD, RPT_MEAN) }

static const struct rpt_col safety_cols[] = {
	SAFETY("Acute items", "acute", acute, RPT_XF_NUM1),
	SAFETY("Escalated to call-back", "escalated", escalated, RPT_XF_NUM1),
	SAFETY("Screened at arrival", "screened", screened, RPT_XF_NUM1),
	SAFETY("Reached in safe window", "reached_in_window", reached_in_window,
	    RPT_XF_NUM1),
	SAFETY("Missed", "missed", missed, RPT_XF_NUM1),
	{ .head = "Miss rate", .key = "miss_rate", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_safety, miss_rate, RPT_MEAN), .flags = RPT_COL_TARGET },
	SAFETY("Acute under threshold", "false_negatives", false_negatives, RPT_XF_NUM1),
	SAFETY("Call-backs unreached", "unreached", unreached, RPT_XF_NUM1),
	SAFETY(NULL, "deferred", deferred, RPT_XF_NUM1),
};
#undef SAFETY

const struct rpt_table rpt_safety_table = { safety_cols, RPT_NCOLS(safety_cols),
    safety_record, NULL, 0 };

static const void *
run_record(const void *ctx, int i)
{
	(void)i;
	return ctx;
}

static const struct rpt_col cost_cols[] = {
	{ .head = "Rostered hours", .key = "staff", .xf = RPT_XF_MONEY,
	  RPT_EST(struct meas, cost_staff, RPT_MEAN) },
	{ .head = "Overtime", .key = "overtime", .xf = RPT_XF_MONEY,
	  RPT_EST(struct meas, cost_overtime, RPT_MEAN) },
	{ .head = "Total", .key = "total", .xf = RPT_XF_TOTAL_MONEY,
	  RPT_EST(struct meas, cost_total, RPT_MEAN) },
};

const struct rpt_table rpt_cost_table = { cost_cols, RPT_NCOLS(cost_cols), run_record,
    NULL, 0 };

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
	{ .head = "Cost per hour", .xf = RPT_XF_MONEY2, .get = role_cost_per_hour },
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
	{ .head = "Utilization verdict", .key = "met", .get = role_met, .na = "n/a" },
};

const struct rpt_table rpt_role_table = { role_cols, RPT_NCOLS(role_cols), role_record,
    NULL, 0 };
