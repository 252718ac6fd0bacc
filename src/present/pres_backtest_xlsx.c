/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_backtest_xlsx.c — the Backtest sheet of `clinicq backtest -o`: the
 * figures by hour of day (observed, simulated mean and interval, flagged
 * hours), the figures per class, and line charts of observed against
 * simulated by hour for abandonment, wait and the share within target.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pres_backtest.h"
#include "report/rpt_xlsx.h"

#define BT_CHARTS 3               /* the charts' first row */
#define BT_CHART_ROWS 17          /* the rows a chart takes */

static enum rpt_xf
fmt_of(int m)
{
	if (bt_measure_share(m))
		return RPT_XF_PCT;
	return m == BT_WAIT ? RPT_XF_NUM2 : RPT_XF_NUM1;
}

/* A figure of the by-hour table: none (an hour with nothing answered) is a
 * blank cell, which a chart leaves out, where a dash would plot as 0. */
static void
hour_num(struct rpt_xsheet *sh, int row, int col, double v, int m)
{
	if (isnan(v))
		rpt_xlsx_check(sh->x, worksheet_write_blank(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)col, NULL), "writing a cell");
	else
		rpt_xlsx_num(sh, row, col, v, fmt_of(m));
}

/* Spreadsheet column letters of col (0: A). */
static void
letters(int col, char out[4])
{
	if (col < 26)
		snprintf(out, 4, "%c", 'A' + col);
	else
		snprintf(out, 4, "%c%c", 'A' + col / 26 - 1, 'A' + col % 26);
}

/* The by-hour table, its header at row top: hour, then for each measure
 * observed, simulated mean, lo, hi and "outside".  The first column of each
 * measure's, or -1. */
static void
hour_table(struct rpt_xsheet *sh, const struct backtest *bt, int first[BT_NMEAS], int top)
{
	static const char *const part[] = { "observed", "simulated", "95% lo", "95% hi",
	    "outside" };
	char head[128];
	int col = 1, h, m, k;

	rpt_xlsx_str(sh, top - 1, 0, "By hour of day of arrival (all classes)",
	    RPT_XF_SECTION);
	rpt_xlsx_str(sh, top, 0, "hour", RPT_XF_HEAD);
	for (m = 0; m < BT_NMEAS; m++) {
		first[m] = -1;
		if (!bt->hour_has[m])
			continue;
		first[m] = col;
		for (k = 0; k < 5; k++) {
			snprintf(head, sizeof head, "%s: %s", bt_measure_title[m], part[k]);
			rpt_xlsx_str(sh, top, col + k, head, RPT_XF_HEAD);
		}
		for (h = 0; h < OBS_HOURS; h++) {
			const struct bt_fig *g = &bt->hour[h][m];

			hour_num(sh, top + 1 + h, col, g->obs, m);
			hour_num(sh, top + 1 + h, col + 1, g->mean, m);
			hour_num(sh, top + 1 + h, col + 2, g->lo, m);
			hour_num(sh, top + 1 + h, col + 3, g->hi, m);
			rpt_xlsx_str(sh, top + 1 + h, col + 4, g->outside ? "yes" : "",
			    g->outside ? RPT_XF_BAD : RPT_XF_TEXT);
		}
		col += 5;
	}
	for (h = 0; h < OBS_HOURS; h++)
		rpt_xlsx_num(sh, top + 1 + h, 0, h, RPT_XF_INT);
	rpt_xlsx_str(sh, top + 25, 0, "mean |gap|", RPT_XF_TOTAL_LABEL);
	for (m = 0; m < BT_NMEAS; m++)
		if (first[m] >= 0)
			rpt_xlsx_num(sh, top + 25, first[m], bt->gap[m], fmt_of(m));
}

/* Per class: a row per class and measure.  The row after the table. */
static int
class_table(struct rpt_xsheet *sh, const struct backtest *bt, int top)
{
	static const char *const head[] = { "class", "measure", "observed", "simulated",
	    "95% lo", "95% hi", "outside" };
	int row = top + 1, c, m;

	rpt_xlsx_str(sh, top - 1, 0, "By class", RPT_XF_SECTION);
	rpt_xlsx_head(sh, top, 0, head, 7);
	for (c = 0; c < bt->nclasses; c++)
		for (m = 0; m < BT_NMEAS; m++) {
			const struct bt_fig *g = &bt->cls[c][m];

			if (!bt->cls_has[c][m])
				continue;
			rpt_xlsx_str(sh, row, 0, bt->names[c], RPT_XF_LABEL);
			rpt_xlsx_str(sh, row, 1, bt_measure_title[m], RPT_XF_TEXT);
			rpt_xlsx_num(sh, row, 2, g->obs, fmt_of(m));
			rpt_xlsx_num(sh, row, 3, g->mean, fmt_of(m));
			rpt_xlsx_num(sh, row, 4, g->lo, fmt_of(m));
			rpt_xlsx_num(sh, row, 5, g->hi, fmt_of(m));
			rpt_xlsx_str(sh, row, 6, g->outside ? "yes" : "", g->outside ?
			    RPT_XF_BAD : RPT_XF_TEXT);
			row++;
		}
	return row;
}

/* A line chart of measure m by hour (its columns from col of the by-hour
 * table headed at row top): observed, simulated mean, lo and hi; placed at
 * row, col_at. */
static void
hour_chart(struct rpt_xsheet *sh, int m, int col, int top, int row, int col_at)
{
	static const char *const names[] = { "observed", "simulated mean",
	    "simulated 95% lo", "simulated 95% hi" };
	char cat[64], ref[64], c1[4];
	lxw_chart *ch = workbook_add_chart(sh->x->wb, LXW_CHART_LINE);
	lxw_chart_options co;
	int k;

	if (ch == NULL)
		return;
	snprintf(cat, sizeof cat, "=Backtest!$A$%d:$A$%d", top + 2, top + 25);
	for (k = 0; k < 4; k++) {
		lxw_chart_series *se;

		letters(col + k, c1);
		snprintf(ref, sizeof ref, "=Backtest!$%s$%d:$%s$%d", c1, top + 2, c1,
		    top + 25);
		se = chart_add_series(ch, cat, ref);
		chart_series_set_name(se, names[k]);
		if (k >= 2)
			chart_series_set_line(se, &(lxw_chart_line){ .dash_type =
			    LXW_CHART_LINE_DASH_DASH, .width = 0.75 });
	}
	chart_title_set_name(ch, bt_measure_title[m]);
	chart_axis_set_name(ch->x_axis, "hour of day of arrival");
	/* No figure is negative; a share runs from 0 to 100%. */
	chart_axis_set_min(ch->y_axis, 0);
	if (bt_measure_share(m)) {
		chart_axis_set_max(ch->y_axis, 1);
		chart_axis_set_num_format(ch->y_axis, "0%");
	}
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
	memset(&co, 0, sizeof co);
	co.x_scale = 1.2;
	co.y_scale = 1.1;
	rpt_xlsx_check(sh->x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col_at, ch, &co), "placing a chart");
}

static int
add_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct pres_bt *p = arg;
	const struct backtest *bt = p->bt;
	static const int charted[] = { BT_ABANDON, BT_WAIT, BT_WITHIN, BT_WITHIN60 };
	struct rpt_xsheet *sh = rpt_xlsx_sheet(x, "Backtest", "Backtest: the log against "
	    "the scenario replaying its arrivals");
	int first[BT_NMEAS], row, k, n = 0;
	char note[512];

	(void)err;
	if (sh == NULL)
		return 0;         /* x->lerr says why */
	snprintf(note, sizeof note, "Observed: the log %s over its %d whole weeks. "
	    "Simulated: %d replications replaying its arrivals; mean and 95%% interval. "
	    "'outside': the observed value lies outside the interval.", p->log,
	    bt->nweeks, bt->replications);
	rpt_xlsx_note(sh, 1, 0, 10, note, RPT_XF_NOTE);
	/* What a manager reads first: the charts, one under another (a page's
	 * width), then the figures per class, then the by-hour table the charts
	 * are drawn from. */
	for (k = 0; k < 4; k++)
		n += bt->hour_has[charted[k]] != 0;
	row = class_table(sh, bt, BT_CHARTS + n * BT_CHART_ROWS + 2);
	n = 0;
	hour_table(sh, bt, first, row + 3);
	for (k = 0; k < 4; k++)
		if (first[charted[k]] >= 0) {
			hour_chart(sh, charted[k], first[charted[k]], row + 3,
			    BT_CHARTS + n * BT_CHART_ROWS, 0);
			n++;
		}
	/* Printed at a readable scale, the wide table over pages with its hours. */
	worksheet_set_print_scale(sh->ws, 60);
	rpt_xlsx_check(x, worksheet_repeat_columns(sh->ws, 0, 0), "the print titles");
	return 0;
}

int
pres_bt_xlsx(const struct pres_bt *p, const char *path, struct cq_err *err)
{
	struct rpt_xlsx_extra ex;

	ex.add = add_sheet;
	ex.arg = (void *)(uintptr_t)p;
	return rpt_xlsx_ext(p->s, NULL, NULL, &ex, 1, path, err);
}
