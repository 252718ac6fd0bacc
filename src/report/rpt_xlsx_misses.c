/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx_misses.c — the workbook's Misses sheet: for each class that misses
 * its target, the missed items by hour of week of arrival (a 7 x 24 grid,
 * white to red), beside the persons on duty who serve the class in the
 * roster played (white to green), and the misses by cause, with a bar chart.
 * Side by side, a gap in cover and a column of red show up together.
 */
#include "rpt.h"
#include "rpt_xlsx.h"
#include "rpt_xlsx_int.h"
#include "rpt_col.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "measure/cover.h"

#define C_MISS_HI 0xF8696B
#define ON_DUTY_COL 9     /* the grid of persons on duty, and the causes' chart above */
#define GRIDS_LAST_COL (ON_DUTY_COL + 7)
#define CAUSES_ROWS 11    /* the causes' table, and the chart beside it, taller */
#define C_ON_LO 0xFFFFFF
#define C_ON_HI 0x63BE7B

/* Missed items per replication of class c (NaN without a target); the sheet
 * shows them per week, as every count for people. */
static double
class_misses(const struct meas_class *mc)
{
	return mc->miss_no_cover.mean + mc->miss_queued.mean + mc->miss_abandoned.mean +
	    mc->miss_open.mean;
}

int
rpt_xlsx_misses_any(const struct meas *m)
{
	int c;

	for (c = 0; c < m->scn->nclasses; c++)
		if (m->scn->classes[c].has_target && class_misses(&m->cls[c]) > 0.0)
			return 1;
	return 0;
}

/* A 7 x 24 grid of v (hours down, days across) at (row, col), coloured from
 * white to hi; fmt for the cells.  Returns the rows used. */
static int
grid(struct rpt_xsheet *sh, int row, int col, const char *title, const double *v,
    const double *call, lxw_format *fmt, int hi)
{
	struct rpt_xlsx *x = sh->x;
	lxw_format *oncall = call != NULL ? rpt_xlsx_on_call_format(x) : NULL;
	double max = 0.0;
	int d, h;

	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, (lxw_col_t)col,
	    (lxw_row_t)row, (lxw_col_t)(col + 7), title, x->f[RPT_XF_SECTION]),
	    "merging cells");
	rpt_xlsx_str(sh, row + 1, col, "Hour", RPT_XF_HEAD);
	for (d = 0; d < 7; d++)
		rpt_xlsx_str(sh, row + 1, col + 1 + d, week_day_short[d], RPT_XF_HEAD);
	for (h = 0; h < 24; h++) {
		char lab[16];

		snprintf(lab, sizeof lab, "%02d:00", h);
		rpt_xlsx_str(sh, row + 2 + h, col, lab, RPT_XF_LABEL);
		for (d = 0; d < 7; d++) {
			double y = isfinite(v[d * 24 + h]) ? v[d * 24 + h] : 0.0;

			if (y > max)
				max = y;
			rpt_xlsx_width(sh, col + 1 + d, 6);
			/* Persons on call said so, never read as persons on site. */
			if (call != NULL && call[d * 24 + h] > 1e-9) {
				rpt_xlsx_on_call_cell(sh, row + 2 + h, col + 1 + d,
				    y - call[d * 24 + h], call[d * 24 + h], oncall);
				continue;
			}
			rpt_xlsx_check(x, worksheet_write_number(sh->ws, (lxw_row_t)(row + 2 + h),
			    (lxw_col_t)(col + 1 + d), y, fmt), "writing a cell");
		}
	}
	rpt_xlsx_grid_scale(sh, row + 2, col + 1, max, hi, "colouring a grid");
	return 26;
}

/* ---- causes ------------------------------------------------------------------- */

/* The causes of a class's misses, one a row. */
static const struct {
	const char *name;
	size_t est;               /* in struct meas_class */
} cause[] = {
	{ "Nobody on duty", offsetof(struct meas_class, miss_no_cover) },
	{ "Queued", offsetof(struct meas_class, miss_queued) },
	{ "Abandoned", offsetof(struct meas_class, miss_abandoned) },
	{ "Open at the end", offsetof(struct meas_class, miss_open) },
};

/* The class whose causes the table shows. */
struct causes {
	struct est e[RPT_NCOLS(cause)];  /* missed items per week by cause */
	double total;             /* its missed items per week */
};

/* Row i's record is its cause's estimate. */
static const void *
cause_est(const void *ctx, int i)
{
	return &((const struct causes *)ctx)->e[i];
}

static void
cause_name(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)ctx;
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = cause[i].name;
}

static void
cause_share(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct causes *a = ctx;

	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = a->total > 0 ? a->e[i].mean / a->total : NAN;
}

/* The labels span the grid's first columns (merged: they do not widen its
 * hour column); the figures sit under its day columns.  The chart draws the
 * items. */
static const struct rpt_col cause_cols[] = {
	{ .head = "Cause", .xf = RPT_XF_LABEL, .get = cause_name, .span = 3 },
	{ .head = "Items", .xf = RPT_XF_NUM1, .part = RPT_MEAN, .chart = 1,
	  .flags = RPT_COL_UNNAMED },
	{ .head = "CI low", .xf = RPT_XF_NUM1, .part = RPT_LO },
	{ .head = "CI high", .xf = RPT_XF_NUM1, .part = RPT_HI },
	{ .head = "Share", .xf = RPT_XF_PCT, .get = cause_share },
};

static const struct rpt_table cause_table = { cause_cols, RPT_NCOLS(cause_cols),
    cause_est, NULL, 0 };

/* The bar chart of the causes, at (row, col). */
static void
causes_chart(struct rpt_xtable *xt, int row, int col)
{
	struct rpt_xlsx *x = xt->sh->x;
	lxw_chart *ch;
	lxw_chart_options co;

	if ((ch = workbook_add_chart(x->wb, LXW_CHART_BAR)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return;
	}
	if (rpt_xtable_series(xt, ch, 1) != 0)
		return;
	chart_title_set_name(ch, "Misses by cause");
	/* A bar chart's categories run down its Y axis: every one labelled, the
	 * first at the top as in the table. */
	chart_axis_set_reverse(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y));
	chart_axis_set_interval_unit(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y), 1);
	chart_axis_set_min(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X), 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	memset(&co, 0, sizeof co);
	co.x_offset = 10;
	co.x_scale = 1.0;
	co.y_scale = 0.7;
	rpt_xlsx_check(x, worksheet_insert_chart_opt(xt->sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, ch, &co), "placing a chart");
}

/* The causes of class c's misses: a small table at (row, 0) and a bar chart
 * beside it.  Returns the rows used. */
static int
causes(struct rpt_xsheet *sh, int row, int c)
{
	const struct meas_class *mc = &sh->x->m->cls[c];
	double weeks = sh->x->scn->weeks;
	struct causes a;
	struct rpt_xtable xt;
	int next, last, i;

	for (i = 0; i < RPT_NCOLS(cause); i++)
		a.e[i] = rpt_per_week((const struct est *)(const void *)((const char *)mc +
		    cause[i].est), weeks);
	a.total = class_misses(mc) / weeks;

	rpt_xtable_init(&xt, sh, &cause_table, &a, 0, 0);
	last = rpt_xtable_last_col(&xt);
	rpt_xtable_head(&xt, row);
	next = rpt_xtable_rows(&xt, row + 1, RPT_NCOLS(cause));
	/* A share of arrivals, not of misses: labelled across, in the share column. */
	rpt_xlsx_note(sh, next, 0, last - 1, "Its arrivals with nobody on duty who serves "
	    "it", RPT_XF_LABEL);
	rpt_xlsx_num(sh, next, last, mc->uncovered_share.mean, RPT_XF_PCT);
	rpt_xlsx_note(sh, next + 1, 0, last + 1, "Items: missed items a week "
	    "(mean, 95% CI); share: of the class's misses.", RPT_XF_NOTE);
	causes_chart(&xt, row, ON_DUTY_COL);
	return CAUSES_ROWS;
}

/* Misses: one block per class that misses its target. */
int
rpt_xlsx_sheet_misses(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	const struct meas *m = x->m;
	struct rpt_xsheet *sh;
	lxw_row_t brk[SCN_MAX_CLASSES + 1];
	int row = 2, c, i, nbrk = 0;

	if ((sh = rpt_xlsx_sheet(x, "Misses", "Misses: when the missed items arrived, "
	    "and why they missed")) == NULL)
		return -1;
	rpt_xlsx_note(sh, row++, 0, GRIDS_LAST_COL, "For each class that misses its target: its "
	    "missed items a week by the hour of week they arrived (left, "
	    "redder is more), beside the persons on duty who serve the class in that "
	    "hour (right, averaged over the hour; holidays and overtime not shown).  "
	    "A miss is 'nobody on duty' when no one who serves the class was on duty "
	    "from its arrival to its deadline (on-call staff count for sync classes "
	    "only).", RPT_XF_NOTE);
	row++;
	worksheet_freeze_panes(sh->ws, 1, 0);   /* the title stays in view */
	if (!rpt_xlsx_misses_any(m)) {
		rpt_xlsx_note(sh, row, 0, GRIDS_LAST_COL, "No item missed its target.",
		    RPT_XF_TEXT);
		return 0;
	}
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];
		const struct meas_class *mc = &m->cls[c];
		double on[WEEK_HOURS], call[WEEK_HOURS], per_week[WEEK_HOURS];
		char title[SCN_MAX_NAME + 160], dur[32];

		if (!k->has_target || !(class_misses(mc) > 0.0))
			continue;
		if (row > 5)            /* each class on a page of its own */
			brk[nbrk++] = (lxw_row_t)row;
		snprintf(title, sizeof title, "%s: %.1f missed items a week of %.1f "
		    "arrived (target %g%% within %s)", k->name, class_misses(mc) / s->weeks,
		    mc->arrived.mean / s->weeks, 100.0 * k->target_share,
		    rpt_fmt_duration(k->target_within, dur, sizeof dur));
		rpt_xlsx_str(sh, row++, 0, title, RPT_XF_SECTION);
		row += causes(sh, row, c);
		for (i = 0; i < WEEK_HOURS; i++)
			per_week[i] = mc->misses_by_hour[i] / s->weeks;
		grid(sh, row, 0, "Missed items a week by hour of arrival", per_week, NULL,
		    x->grid_frac, C_MISS_HI);
		cover_week(s, m->staff, c, on);
		cover_week_on_call(s, m->staff, c, call);
		snprintf(title, sizeof title, "Persons on duty who serve %s", k->name);
		grid(sh, row, ON_DUTY_COL, title, on, call, x->grid_frac, C_ON_HI);
		row += 26 + 1;          /* the grids, and a row between classes */
	}
	brk[nbrk] = 0;
	/* The day columns of both grids alike, whatever the causes put in them
	 * (not the column between the grids). */
	for (c = 1; c <= GRIDS_LAST_COL; c++)
		if (c != ON_DUTY_COL - 1)
			rpt_xlsx_width(sh, c, 7.5);
	if (nbrk > 0)
		rpt_xlsx_check(x, worksheet_set_h_pagebreaks(sh->ws, brk),
		    "setting page breaks");
	return 0;
}
