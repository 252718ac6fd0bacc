/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx_grid.c — the cells of a 7 x 24 grid of the week (coverage on the
 * Roster sheet, misses and persons on duty on the Misses sheet): the colour
 * scale over its numbers, and persons on call written so that they never
 * read as persons on site.
 */
#include "rpt.h"
#include "rpt_xlsx.h"
#include "rpt_xlsx_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A white-to-max_color scale over the 24 x 7 numbers at (row, col). */
void
rpt_xlsx_grid_scale(struct rpt_xsheet *sh, int row, int col, double max,
    lxw_color_t max_color, const char *what)
{
	lxw_conditional_format cf;

	memset(&cf, 0, sizeof cf);
	cf.type = LXW_CONDITIONAL_2_COLOR_SCALE;
	cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.min_value = 0;
	cf.min_color = 0xFFFFFF;
	cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
	cf.max_value = max > 0 ? max : 1;
	cf.max_color = max_color;
	rpt_xlsx_check(sh->x, worksheet_conditional_format_range(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, (lxw_row_t)(row + 23), (lxw_col_t)(col + 6), &cf), what);
}

/* On-call cells: a shade of their own, italic, so that a person on call does
 * not read as one on site. */
lxw_format *
rpt_xlsx_on_call_format(struct rpt_xlsx *x)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (f != NULL) {
		format_set_align(f, LXW_ALIGN_CENTER);
		format_set_italic(f);
		format_set_bg_color(f, 0xDDEBF7 /* light blue */);
		format_set_font_size(f, 9);
	}
	return f;
}

/* "1 on call", "2 + 1 on call": persons on site, then on call. */
void
rpt_xlsx_on_call_cell(struct rpt_xsheet *sh, int row, int col, double site, double call,
    lxw_format *f)
{
	char a[32], b[32], buf[80];

	snprintf(a, sizeof a, fabs(site - round(site)) < 1e-9 ? "%.0f" : "%.1f", site);
	snprintf(b, sizeof b, fabs(call - round(call)) < 1e-9 ? "%.0f" : "%.1f", call);
	if (site > 1e-9)
		snprintf(buf, sizeof buf, "%s + %s on call", a, b);
	else
		snprintf(buf, sizeof buf, "%s on call", b);
	rpt_xlsx_width(sh, col, 1.0 * (double)strlen(buf) + 1);
	rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, (lxw_row_t)row, (lxw_col_t)col,
	    buf, f), "writing a cell");
}
