/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx_charts.c — the workbook's sheets of tables with charts
 * (doc/workbook.md): Backlog (mean queue per class by hour of week, a line
 * chart per class), Waits (the distribution per class in readable bins, a
 * column chart) and Roles (utilization, hours and cost per role, two charts).
 */
#include "rpt.h"
#include "rpt_xlsx.h"
#include "rpt_xlsx_int.h"
#include "rpt_col.h"
#include "rpt_figs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/hist.h"

/* ---- Backlog ------------------------------------------------------------------ */

/* The day only on its first hour: a readable table, and chart labels one a day. */
static void
backlog_day(const void *ctx, int h, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)ctx;
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = h % 24 == 0 ? week_day_short[h / 24] : "";
}

static void
backlog_hour(const void *ctx, int h, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)ctx;
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = (h % 24) / 24.0;
}

/* Class arg's mean queue in hour of week h. */
static void
backlog_queue(const void *ctx, int h, const struct rpt_col *c, struct rpt_cell *cell)
{
	cell->kind = RPT_CELL_NUM;
	cell->num = ((const struct meas *)ctx)->cls[c->arg].backlog[h];
}

static const struct rpt_col backlog_fixed[] = {
	{ .head = "Day", .xf = RPT_XF_LABEL, .get = backlog_day },
	{ .head = "Hour", .xf = RPT_XF_CLOCK, .get = backlog_hour },
};

/* The backlog table: the fixed columns, then one per class (cols holds them). */
static void
backlog_columns(const struct scn *s, struct rpt_col *cols, struct rpt_table *t)
{
	int k, c;

	for (k = 0; k < RPT_NCOLS(backlog_fixed); k++)
		cols[k] = backlog_fixed[k];
	for (c = 0; c < s->nclasses; c++, k++)
		cols[k] = (struct rpt_col){ .head = s->classes[c].name, .xf = RPT_XF_NUM1,
		    .get = backlog_queue, .arg = c };
	*t = (struct rpt_table){ .cols = cols, .ncols = k };
}

/* Class column c's line chart at (row, col), on its own scale: a class with a backlog
 * of thousands would flatten one of a handful on a shared axis. */
static int
backlog_chart(struct rpt_xtable *xt, const struct rpt_col *c, int row, int col)
{
	struct rpt_xlsx *x = xt->sh->x;
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;
	lxw_chart_line line = { .width = 1.5 };
	lxw_chart_series *se;
	char title[SCN_MAX_NAME + 32];

	if ((ch = workbook_add_chart(x->wb, LXW_CHART_LINE)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	if ((se = rpt_xtable_series_of(xt, ch, c)) == NULL)
		return -1;
	snprintf(title, sizeof title, "%s: items waiting", c->head);
	chart_title_set_name(ch, title);
	chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
	chart_series_set_line(se, &line);
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
	chart_axis_set_interval_unit(ax, 1);
	chart_axis_set_interval_tick(ax, 24);
	chart_axis_set_label_position(ax, LXW_CHART_AXIS_LABEL_POSITION_LOW);
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	chart_axis_set_min(ax, 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	memset(&co, 0, sizeof co);
	co.x_offset = 0;
	co.x_scale = 2.2;
	co.y_scale = 0.95;   /* 274 px: 14 rows of 20 px, a row between charts */
	rpt_xlsx_check(x, worksheet_insert_chart_opt(xt->sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, ch, &co), "placing a chart");
	return 0;
}

/* Three charts to a printed page, none cut by a page break; the table from
 * a new page (row table), its own pages broken where they fill. */
static void
backlog_breaks(struct rpt_xsheet *sh, int first, int table)
{
	lxw_row_t brk[SCN_MAX_CLASSES / 3 + 3];
	int k, n = 0, max = (int)(sizeof brk / sizeof brk[0]) - 2;

	for (k = first + 45; k < table && n < max; k += 45)
		brk[n++] = (lxw_row_t)k;
	brk[n++] = (lxw_row_t)table;
	brk[n] = 0;
	if (n > 0)
		rpt_xlsx_check(sh->x, worksheet_set_h_pagebreaks(sh->ws, brk),
		    "setting page breaks");
}

/* Backlog: a line chart per class of its mean queue by hour of week, first,
 * so that the page prints what a reader looks at; the 168-row table the
 * charts draw follows below them. */
int
rpt_xlsx_sheet_backlog(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	struct rpt_col cols[RPT_NCOLS(backlog_fixed) + SCN_MAX_CLASSES];
	struct rpt_table t;
	struct rpt_xtable xt;
	struct rpt_xsheet *sh;
	int c, first = 3, table;

	if ((sh = rpt_xlsx_sheet(x, "Backlog", "Backlog by hour of week")) == NULL)
		return -1;
	backlog_columns(s, cols, &t);
	rpt_xtable_init(&xt, sh, &t, x->m, 0, 0);
	rpt_xlsx_note(sh, 1, 0, 16, "Mean number of items waiting in each hour of the "
	    "week (Monday 00:00 first), averaged over the measured weeks and the "
	    "replications.  The table of the figures follows the charts.", RPT_XF_NOTE);
	table = first + 15 * s->nclasses + 1;
	rpt_xlsx_str(sh, table, 0, "Items waiting by hour of week", RPT_XF_SECTION);
	rpt_xtable_head(&xt, table + 1);
	rpt_xlsx_check(x, worksheet_repeat_rows(sh->ws, (lxw_row_t)xt.head,
	    (lxw_row_t)xt.head), "repeating the header row");
	rpt_xtable_rows(&xt, table + 2, WEEK_HOURS);
	rpt_xlsx_width(sh, 0, 6);
	worksheet_freeze_panes(sh->ws, 1, 0);   /* the title stays in view */
	for (c = 0; c < s->nclasses; c++)
		if (backlog_chart(&xt, &cols[RPT_NCOLS(backlog_fixed) + c], first + 15 * c,
		    0) != 0)
			return -1;
	backlog_breaks(sh, first, table);
	return 0;
}

/* ---- Waits --------------------------------------------------------------------- */

#define NBINS 13

/* Upper edges of the bins in minutes; bin 0 is "no wait" (the histogram's
 * bucket of zero), the last bin is open. */
static const double bin_hi[NBINS] = { 0, 5, 15, 30, 60, 120, 240, 480, 1440, 2880,
    4320, 10080, INFINITY };
static const char *const bin_name[NBINS] = { "No wait", "Under 5 min", "5\xe2\x80\x93"
    "15 min", "15\xe2\x80\x93" "30 min", "30 min\xe2\x80\x93" "1 h", "1\xe2\x80\x93" "2 h",
    "2\xe2\x80\x93" "4 h", "4\xe2\x80\x93" "8 h", "8\xe2\x80\x93" "24 h",
    "1\xe2\x80\x93" "2 days", "2\xe2\x80\x93" "3 days", "3\xe2\x80\x93" "7 days",
    "Over 7 days" };
static const char *const within_name[NBINS] = { "At once", "Within 5 min",
    "Within 15 min", "Within 30 min", "Within 1 h", "Within 2 h", "Within 4 h",
    "Within 8 h", "Within 24 h", "Within 2 days", "Within 3 days", "Within 7 days",
    "All" };

/* A target's time as people say it: "30 min", "4 h", "24 h", "2 days". */
static void
fmt_within(double minutes, char *buf, size_t n)
{
	if (minutes >= 2 * DAY_MIN && fmod(minutes, DAY_MIN) == 0)
		snprintf(buf, n, "%g days", minutes / DAY_MIN);
	else if (minutes >= 60 && fmod(minutes, 60) == 0)
		snprintf(buf, n, "%g h", minutes / 60);
	else if (minutes < 60 && minutes == floor(minutes))
		snprintf(buf, n, "%g min", minutes);
	else
		rpt_fmt_duration(minutes, buf, n);
}

/* Counts of a histogram per bin; a bucket goes to the bin holding its middle. */
static void
bin_counts(const struct hist *hs, double out[NBINS])
{
	int i, b;

	memset(out, 0, NBINS * sizeof out[0]);
	out[0] = hs->count[0];
	for (i = 1; i < HIST_NBUCKETS; i++) {
		double mid;

		if (hs->count[i] == 0)
			continue;
		mid = 0.5 * (hist_bucket_lo(i) + hist_bucket_hi(i));
		for (b = 1; b < NBINS - 1 && mid >= bin_hi[b]; b++)
			;
		out[b] += hs->count[i];
	}
}

/* The Waits sheet's tables: the bins lo..hi that hold an item of some class
 * (rows), per class (columns). */
struct waits {
	const struct rpt_xlsx *x;
	double (*cnt)[NBINS];     /* items per class and bin */
	int lo, hi;
};

/* Count each class's items per bin; the bins lo..hi that hold any.  -1 on ENOMEM. */
static int
waits_count(struct waits *w, const struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	int c, b;

	w->x = x;
	w->lo = NBINS;
	w->hi = -1;
	if ((w->cnt = calloc((size_t)s->nclasses + 1, sizeof *w->cnt)) == NULL)
		return -1;
	for (c = 0; c < s->nclasses; c++) {
		bin_counts(x->m->cls[c].dist, w->cnt[c]);
		for (b = 0; b < NBINS; b++)
			if (w->cnt[c][b] > 0) {
				if (b < w->lo)
					w->lo = b;
				if (b > w->hi)
					w->hi = b;
			}
	}
	if (w->hi < 0)
		w->lo = w->hi = 1;
	return 0;
}

/* What each class's figures are of: row labels and per class cells. */
enum { WAITS_MEASURED, WAITS_TARGET, WAITS_COUNTED, WAITS_GAVE_UP, WAITS_ATTAINED,
	WAITS_NINFO };

/* The shares below are of the items counted: for a sync class those answered,
 * not those who gave up; the attainment of the Summary (of all arrivals, the
 * abandoned counted as misses) is set beside them so that the two never read
 * as one figure that disagrees. */
static void
info_label(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	static const char *const label[WAITS_NINFO] = { "Measured", "Target",
	    "Items counted", "Gave up (not counted)", "Attained, of all arrivals" };

	(void)ctx;
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = label[i];
}

static void
info_class(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct waits *w = ctx;
	const struct scn_class *k = &w->x->scn->classes[c->arg];
	char d[32];

	switch (i) {
	case WAITS_MEASURED:
		cell->kind = RPT_CELL_STR;
		cell->str = k->mode == SCN_SYNC ? "wait, answered only" : "response";
		break;
	case WAITS_GAVE_UP:
		if (k->mode != SCN_SYNC)
			break;
		cell->kind = RPT_CELL_NUM;
		cell->xf = RPT_XF_PCT;
		cell->num = w->x->m->cls[c->arg].abandon_rate.mean;
		break;
	case WAITS_ATTAINED:
		if (!k->has_target)
			break;
		cell->kind = RPT_CELL_NUM;
		cell->xf = RPT_XF_PCT;
		cell->num = w->x->m->cls[c->arg].attainment.mean;
		break;
	case WAITS_TARGET:
		if (!k->has_target)
			break;
		fmt_within(k->target_within, d, sizeof d);
		snprintf(cell->buf, sizeof cell->buf, "%g%% within %s",
		    100.0 * k->target_share, d);
		cell->kind = RPT_CELL_STR;
		cell->str = cell->buf;
		break;
	default:
		cell->kind = RPT_CELL_NUM;
		cell->xf = RPT_XF_INT;
		cell->num = (double)w->x->m->cls[c->arg].dist->n;
		break;
	}
}

static void
bin_label(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = bin_name[((const struct waits *)ctx)->lo + i];
}

static void
within_label(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = within_name[((const struct waits *)ctx)->lo + i];
}

/* The share of class arg's items in bin lo + i. */
static void
bin_share(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct waits *w = ctx;
	double n = (double)w->x->m->cls[c->arg].dist->n;

	cell->kind = RPT_CELL_NUM;
	cell->num = n > 0 ? w->cnt[c->arg][w->lo + i] / n : NAN;
}

/* The share of class arg's items done within bin lo + i's upper edge. */
static void
done_share(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct waits *w = ctx;
	double n = (double)w->x->m->cls[c->arg].dist->n, sum = 0;
	int k;

	for (k = 0; k <= w->lo + i; k++)
		sum += w->cnt[c->arg][k];
	cell->kind = RPT_CELL_NUM;
	cell->num = n > 0 ? sum / n : NAN;
}

/* A table of the Waits sheet: its first column, then a column per class with
 * get() (cols holds them); the chart draws the class columns. */
static void
waits_columns(const struct scn *s, const struct rpt_col *first,
    void (*get)(const void *, int, const struct rpt_col *, struct rpt_cell *),
    enum rpt_xf xf, unsigned flags, struct rpt_col *cols, struct rpt_table *t)
{
	int c;

	cols[0] = *first;
	for (c = 0; c < s->nclasses; c++)
		cols[1 + c] = (struct rpt_col){ .head = s->classes[c].name, .xf = xf,
		    .get = get, .arg = c, .chart = 1 };
	*t = (struct rpt_table){ .cols = cols, .ncols = 1 + s->nclasses, .flags = flags };
}

/* The column chart of the shares per bin, at (row, col). */
static int
waits_chart(struct rpt_xtable *xt, int row, int col)
{
	struct rpt_xlsx *x = xt->sh->x;
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;

	if ((ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	chart_title_set_name(ch, "Share of items by time taken");
	if (rpt_xtable_series(xt, ch, 1) != 0)
		return -1;
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	chart_axis_set_num_format(ax, "0%");
	chart_axis_set_min(ax, 0);
	chart_axis_set_max(ax, 1);
	chart_axis_set_name(ax, "Share of the class's items");
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X);
	chart_axis_set_name(ax, "Time taken");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	memset(&co, 0, sizeof co);
	co.x_offset = 10;
	co.x_scale = 1.8;
	co.y_scale = 1.8;
	rpt_xlsx_check(x, worksheet_insert_chart_opt(xt->sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, ch, &co), "placing a chart");
	return 0;
}

/* The Waits tables from row 3: what is measured per class, the share per bin
 * (the chart's data), the share done; then the chart. */
static int
waits_tables(struct rpt_xsheet *sh, const struct waits *w)
{
	static const struct rpt_col info = { .head = "Class", .xf = RPT_XF_LABEL,
	    .get = info_label };
	static const struct rpt_col bins = { .head = "Time taken", .xf = RPT_XF_LABEL,
	    .get = bin_label };
	static const struct rpt_col done = { .head = "Share of items counted done",
	    .xf = RPT_XF_LABEL,
	    .get = within_label };
	const struct scn *s = sh->x->scn;
	struct rpt_col cols[1 + SCN_MAX_CLASSES], share_cols[1 + SCN_MAX_CLASSES];
	struct rpt_table t, share_t;
	struct rpt_xtable xt, shares;
	int row, nbins = w->hi - w->lo + 1;

	waits_columns(s, &info, info_class, RPT_XF_TEXT, 0, cols, &t);
	rpt_xtable_init(&xt, sh, &t, w, 0, 0);
	row = rpt_xtable_by_column(&xt, 3, WAITS_NINFO) + 1;

	waits_columns(s, &bins, bin_share, RPT_XF_PCT, RPT_TABLE_HEAD_LINE, share_cols,
	    &share_t);
	rpt_xtable_init(&shares, sh, &share_t, w, 0, 0);
	rpt_xtable_head(&shares, row++);
	row = rpt_xtable_rows(&shares, row, nbins) + 1;

	waits_columns(s, &done, done_share, RPT_XF_PCT, RPT_TABLE_HEAD_LINE, cols, &t);
	rpt_xtable_init(&xt, sh, &t, w, 0, 0);
	rpt_xtable_head(&xt, row++);
	row = rpt_xtable_rows(&xt, row, nbins);
	rpt_xlsx_note(sh, row, 0, rpt_xtable_last_col(&xt), "Bins are exact to within "
	    "1% of their edges (the simulator keeps a histogram, not every item).",
	    RPT_XF_NOTE);
	worksheet_freeze_panes(sh->ws, 4, 1);
	return waits_chart(&shares, 3, rpt_xtable_last_col(&shares) + 2);
}

/* Waits: the distribution per class in readable bins, and a column chart. */
int
rpt_xlsx_sheet_waits(struct rpt_xlsx *x)
{
	struct rpt_xsheet *sh;
	struct waits w;
	int rc;

	if ((sh = rpt_xlsx_sheet(x, "Waits", "Distribution of waits")) == NULL)
		return -1;
	if (waits_count(&w, x) != 0) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "counting waits");
		return -1;
	}
	rpt_xlsx_note(sh, 1, 0, x->scn->nclasses, "Share of items by time taken: "
	    "for live (sync) classes the wait from arrival to the first contact attempt "
	    "of the answered items (those who gave up are not counted here; the "
	    "attainment, of all arrivals, is in the first table as on the Summary), "
	    "for inbox (async) classes the response from arrival to completion.  All "
	    "items of all replications are pooled.", RPT_XF_NOTE);
	rc = waits_tables(sh, &w);
	free(w.cnt);
	return rc;
}

/* ---- Roles --------------------------------------------------------------------- */

/* The roles table from row 2, its total row and notes; returns the next row. */
static int
roles_table(struct rpt_xsheet *sh, struct rpt_xtable *xt)
{
	const struct scn *s = sh->x->scn;
	int row, last;

	rpt_xtable_init(xt, sh, &rpt_role_table, sh->x->m, 0, 0);
	rpt_xtable_head(xt, 2);
	row = rpt_xtable_rows(xt, 3, s->nroles);
	rpt_xtable_total(xt, row++, "All roles");
	last = rpt_xtable_last_col(xt);
	rpt_xlsx_note(sh, row++, 0, last, "Utilization is the share of available time (on "
	    "duty, not absent, not on break, plus overtime) spent working on items.  "
	    "Overtime is the time spent finishing the item in hand after a shift's end.  "
	    "Absent hours are paid, never on duty.", RPT_XF_NOTE);
	if (s->has_max_utilization) {
		char note[160];

		snprintf(note, sizeof note, "Utilization verdict: met when the 95%% "
		    "interval's upper end is at most %g%% (max_utilization).",
		    100.0 * s->max_utilization);
		rpt_xlsx_note(sh, row++, 0, last, note, RPT_XF_NOTE);
	}
	return row;
}

/* The Roles charts at row: utilization per role, and hours per week with
 * overtime stacked on on-duty hours beside it. */
static int
roles_charts(struct rpt_xsheet *sh, struct rpt_xtable *xt, int row)
{
	struct rpt_xlsx *x = sh->x;
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;

	if ((ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	chart_title_set_name(ch, "Utilization");
	if (rpt_xtable_series(xt, ch, RPT_CHART_UTILIZATION) != 0)
		return -1;
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	chart_axis_set_num_format(ax, "0%");
	chart_axis_set_min(ax, 0);
	chart_axis_set_max(ax, 1);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	memset(&co, 0, sizeof co);
	co.x_scale = 1.2;
	co.y_scale = 1.2;
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)row, 0, ch, &co),
	    "placing a chart");

	if ((ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN_STACKED)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	chart_title_set_name(ch, "Hours per week");
	if (rpt_xtable_series(xt, ch, RPT_CHART_HOURS) != 0)
		return -1;
	ax = chart_axis_get(ch, LXW_CHART_AXIS_TYPE_Y);
	chart_axis_set_name(ax, "Hours per week");
	chart_axis_set_min(ax, 0);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)rpt_xlsx_col_after(sh, 480 * co.x_scale + 16), ch, &co),
	    "placing a chart");
	return 0;
}

/* Roles: utilization, hours and cost per role, with two charts. */
int
rpt_xlsx_sheet_roles(struct rpt_xlsx *x)
{
	struct rpt_xsheet *sh;
	struct rpt_xtable xt;
	int row;

	if ((sh = rpt_xlsx_sheet(x, "Roles", "Roles")) == NULL)
		return -1;
	row = roles_table(sh, &xt);
	worksheet_freeze_panes(sh->ws, 3, 1);
	return roles_charts(sh, &xt, row + 1);
}
