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
#include "rpt_figs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/hist.h"

/* ---- Backlog ------------------------------------------------------------------ */

/* Backlog: mean queue per class by hour of week, a line chart per class. */
int
rpt_xlsx_sheet_backlog(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	const struct meas *m = x->m;
	struct rpt_xsheet *sh;
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;
	int c, h, head = 3, first = 4, last = 4 + SCN_HOW - 1;

	if ((sh = rpt_xlsx_sheet(x, "Backlog", "Backlog by hour of week")) == NULL)
		return -1;
	rpt_xlsx_note(sh, 1, 0, 1 + s->nclasses, "Mean number of items waiting in each "
	    "hour of the week (Monday 00:00 first), averaged over the measured weeks and "
	    "the replications.", RPT_XF_NOTE);
	/* The day only on its first hour: a readable table, and chart labels one a day. */
	rpt_xlsx_str(sh, head, 0, "Day", RPT_XF_HEAD);
	rpt_xlsx_str(sh, head, 1, "Hour", RPT_XF_HEAD);
	for (c = 0; c < s->nclasses; c++)
		rpt_xlsx_head(sh, head, 2 + c, (const char *const[]){ s->classes[c].name }, 1);
	for (h = 0; h < SCN_HOW; h++) {
		rpt_xlsx_str(sh, first + h, 0, h % 24 == 0 ? rpt_xlsx_day_name[h / 24] :
		    "", RPT_XF_LABEL);
		rpt_xlsx_num(sh, first + h, 1, (h % 24) / 24.0, RPT_XF_CLOCK);
		for (c = 0; c < s->nclasses; c++)
			rpt_xlsx_num(sh, first + h, 2 + c, m->cls[c].backlog[h], RPT_XF_NUM1);
	}
	rpt_xlsx_width(sh, 0, 6);
	worksheet_freeze_panes(sh->ws, (lxw_row_t)first, 1);
	rpt_xlsx_check(x, worksheet_repeat_rows(sh->ws, (lxw_row_t)head, (lxw_row_t)head),
	    "repeating the header row");

	/* One chart per class, each on its own scale: a class with a backlog of
	 * thousands would flatten one of a handful on a shared axis. */
	for (c = 0; c < s->nclasses; c++) {
		lxw_chart_series *se;
		lxw_chart_line line = { .width = 1.5 };
		char title[SCN_MAX_NAME + 32];

		if ((ch = workbook_add_chart(x->wb, LXW_CHART_LINE)) == NULL ||
		    (se = chart_add_series(ch, NULL, NULL)) == NULL) {
			rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
			return -1;
		}
		snprintf(title, sizeof title, "%s: items waiting", s->classes[c].name);
		chart_title_set_name(ch, title);
		chart_series_set_categories(se, "Backlog", (lxw_row_t)first, 0, (lxw_row_t)last,
		    0);
		chart_series_set_values(se, "Backlog", (lxw_row_t)first, (lxw_col_t)(2 + c),
		    (lxw_row_t)last, (lxw_col_t)(2 + c));
		chart_series_set_name_range(se, "Backlog", (lxw_row_t)head, (lxw_col_t)(2 + c));
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
		co.x_offset = 10;
		co.x_scale = 2.2;
		co.y_scale = 0.95;   /* 274 px: 14 rows of 20 px, a row between charts */
		rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)(first + 15 * c),
		    (lxw_col_t)(3 + s->nclasses), ch, &co), "placing a chart");
	}
	/* Three charts to a printed page, none cut by a page break. */
	{
		lxw_row_t brk[SCN_HOW / 45 + SCN_MAX_CLASSES / 3 + 2];
		int k, n = 0, end = last > first + 15 * s->nclasses ? last : first + 15 * s->nclasses;

		for (k = first + 45; k < end && n < (int)(sizeof brk / sizeof brk[0]) - 1; k += 45)
			brk[n++] = (lxw_row_t)k;
		brk[n] = 0;
		if (n > 0)
			rpt_xlsx_check(x, worksheet_set_h_pagebreaks(sh->ws, brk),
			    "setting page breaks");
	}
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

/* Counts of a histogram per bin; a bucket goes to the bin holding its middle. */
/* A target's time as people say it: "30 min", "4 h", "24 h", "2 days". */
static void
fmt_within(double minutes, char *buf, size_t n)
{
	if (minutes >= 2 * MIN_PER_DAY && fmod(minutes, MIN_PER_DAY) == 0)
		snprintf(buf, n, "%g days", minutes / MIN_PER_DAY);
	else if (minutes >= 60 && fmod(minutes, 60) == 0)
		snprintf(buf, n, "%g h", minutes / 60);
	else if (minutes < 60 && minutes == floor(minutes))
		snprintf(buf, n, "%g min", minutes);
	else
		rpt_fmt_duration(minutes, buf, n);
}

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

/* Waits: the distribution per class in readable bins, and a column chart. */
int
rpt_xlsx_sheet_waits(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	const struct meas *m = x->m;
	struct rpt_xsheet *sh;
	double (*cnt)[NBINS];
	lxw_chart *ch;
	lxw_chart_axis *ax;
	lxw_chart_options co;
	int c, b, lo = NBINS, hi = -1, row, head, first, last;

	if ((sh = rpt_xlsx_sheet(x, "Waits", "Distribution of waits")) == NULL)
		return -1;
	if ((cnt = calloc((size_t)s->nclasses + 1, sizeof *cnt)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "counting waits");
		return -1;
	}
	for (c = 0; c < s->nclasses; c++) {
		bin_counts(m->cls[c].dist, cnt[c]);
		for (b = 0; b < NBINS; b++)
			if (cnt[c][b] > 0) {
				if (b < lo)
					lo = b;
				if (b > hi)
					hi = b;
			}
	}
	if (hi < 0)
		lo = hi = 1;
	rpt_xlsx_note(sh, 1, 0, s->nclasses, "Share of items by time taken: "
	    "for live (sync) classes the wait from arrival to the first contact attempt, "
	    "for inbox (async) classes the response from arrival to completion.  All "
	    "items of all replications are pooled.", RPT_XF_NOTE);

	/* What is measured and the target, per class. */
	row = 3;
	rpt_xlsx_str(sh, row, 0, "Class", RPT_XF_HEAD);
	rpt_xlsx_str(sh, row + 1, 0, "Measured", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row + 2, 0, "Target", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row + 3, 0, "Items counted", RPT_XF_LABEL);
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];
		char t[64], d[32];

		rpt_xlsx_head(sh, row, 1 + c, (const char *const[]){ k->name }, 1);
		rpt_xlsx_str(sh, row + 1, 1 + c, k->mode == SCN_SYNC ? "wait" : "response",
		    RPT_XF_TEXT);
		if (k->has_target) {
			fmt_within(k->target_within, d, sizeof d);
			snprintf(t, sizeof t, "%g%% within %s", 100.0 * k->target_share, d);
			rpt_xlsx_str(sh, row + 2, 1 + c, t, RPT_XF_TEXT);
		}
		rpt_xlsx_num(sh, row + 3, 1 + c, (double)m->cls[c].dist->n, RPT_XF_INT);
	}

	/* Share per bin: the chart's data. */
	head = row + 5;
	rpt_xlsx_str(sh, head, 0, "Time taken", RPT_XF_HEAD);
	for (c = 0; c < s->nclasses; c++)
		rpt_xlsx_str(sh, head, 1 + c, s->classes[c].name, RPT_XF_HEAD);
	first = head + 1;
	for (b = lo; b <= hi; b++) {
		row = first + b - lo;
		rpt_xlsx_str(sh, row, 0, bin_name[b], RPT_XF_LABEL);
		for (c = 0; c < s->nclasses; c++) {
			double n = (double)m->cls[c].dist->n;

			rpt_xlsx_num(sh, row, 1 + c, n > 0 ? cnt[c][b] / n : NAN, RPT_XF_PCT);
		}
	}
	last = first + hi - lo;

	/* Cumulative: the share done within each bin's upper edge. */
	row = last + 2;
	rpt_xlsx_str(sh, row, 0, "Share done", RPT_XF_HEAD);
	for (c = 0; c < s->nclasses; c++)
		rpt_xlsx_str(sh, row, 1 + c, s->classes[c].name, RPT_XF_HEAD);
	row++;
	for (b = lo; b <= hi; b++, row++) {
		rpt_xlsx_str(sh, row, 0, within_name[b], RPT_XF_LABEL);
		for (c = 0; c < s->nclasses; c++) {
			double n = (double)m->cls[c].dist->n, sum = 0;
			int k;

			for (k = 0; k <= b; k++)
				sum += cnt[c][k];
			rpt_xlsx_num(sh, row, 1 + c, n > 0 ? sum / n : NAN, RPT_XF_PCT);
		}
	}
	rpt_xlsx_note(sh, row, 0, s->nclasses, "Bins are exact to within 1% of "
	    "their edges (the simulator keeps a histogram, not every item).", RPT_XF_NOTE);
	free(cnt);
	worksheet_freeze_panes(sh->ws, 4, 1);

	if ((ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN)) == NULL) {
		rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return -1;
	}
	chart_title_set_name(ch, "Share of items by time taken");
	for (c = 0; c < s->nclasses; c++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);

		if (se == NULL) {
			rpt_xlsx_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a series");
			return -1;
		}
		chart_series_set_categories(se, "Waits", (lxw_row_t)first, 0, (lxw_row_t)last, 0);
		chart_series_set_values(se, "Waits", (lxw_row_t)first, (lxw_col_t)(1 + c),
		    (lxw_row_t)last, (lxw_col_t)(1 + c));
		chart_series_set_name_range(se, "Waits", (lxw_row_t)head, (lxw_col_t)(1 + c));
	}
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
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, 3, (lxw_col_t)(2 + s->nclasses),
	    ch, &co), "placing a chart");
	return 0;
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
