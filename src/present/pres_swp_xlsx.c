/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_swp_xlsx.c — sweep's workbook: the Sweep sheet (a row per point, the
 * key columns) and, when a cost is among them, cost per week against the
 * first varied value as a table and a line chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pres.h"
#include "pres_int.h"
#include "report/rpt_xlsx.h"

struct sheet_arg {
	const struct swp *w;
	const struct col *cols;
	int ncols;
};

static int
is_number(const char *s, double *x)
{
	char *end;

	*x = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(*x);
}

/* Column letters of a 0-based column: A..Z, AA..ZZ. */
static void
col_letters(int c, char out[4])
{
	int n = 0;

	if (c >= 26)
		out[n++] = (char)('A' + c / 26 - 1);
	out[n++] = (char)('A' + c % 26);
	out[n] = '\0';
}

/* Cost per week against the first varied parameter: a small table (one row per
 * value of that parameter, one column per combination of the others) and a
 * line chart of it, below the points.  In a grid the first 'vary' is the
 * outermost, so point p has inner combination p mod (points / its values). */
static void
cost_chart(struct rpt_xlsx *x, struct rpt_xsheet *sh, const struct swp *w,
    const struct col *cc, int cost_col, int first, int last)
{
	const struct scn_sweep *sw = &w->s->sweep;
	const struct scn_sweep_var *v0 = &sw->vars[0];
	int nouter = sw->zip ? w->npoints : v0->nvalues;
	int ninner = sw->zip ? 1 : w->npoints / nouter;
	int top = last + 3, i, k, v;
	char cl[4], label[256], cat[128], ref[128];
	lxw_chart *ch;
	lxw_chart_options co;

	if (ninner > 12)        /* more lines than anyone can read: the first 12 */
		ninner = 12;
	rpt_xlsx_str(sh, top, 0, "Cost per week by the first varied value", RPT_XF_SECTION);
	rpt_xlsx_str(sh, top + 1, 0, v0->key, RPT_XF_HEAD);
	for (k = 0; k < ninner; k++) {
		int n = 0;

		label[0] = '\0';
		for (v = 1; v < sw->nvars && !sw->zip; v++)
			n += snprintf(label + n, sizeof label - (size_t)n, "%s%s=%s",
			    v > 1 ? ", " : "", sw->vars[v].key,
			    sw->vars[v].values[swp_value(w, k, v)]);
		rpt_xlsx_str(sh, top + 1, 1 + k, label[0] ? label : "cost per week",
		    RPT_XF_HEAD);
	}
	col_letters(cost_col, cl);
	for (i = 0; i < nouter; i++) {
		int row = top + 2 + i;
		const char *val = v0->values[swp_value(w, i * (sw->zip ? 1 : w->npoints /
		    nouter), 0)];
		double num;

		if (is_number(val, &num))
			rpt_xlsx_num(sh, row, 0, num, num == floor(num) ? RPT_XF_INT : RPT_XF_NUM2);
		else
			rpt_xlsx_str(sh, row, 0, val, RPT_XF_TEXT);
		for (k = 0; k < ninner; k++) {
			int p = sw->zip ? i : i * (w->npoints / nouter) + k;

			/* A formula, so the table follows the points above if edited. */
			snprintf(ref, sizeof ref, "=%s%d", cl, first + p + 1);
			rpt_xlsx_formula(sh, row, 1 + k, ref, pres_swp_value(pres_swp_find_row(&w->res[p],
			    cc), cc->what), RPT_XF_MONEY);
		}
	}
	if ((ch = workbook_add_chart(x->wb, LXW_CHART_LINE)) == NULL)
		return;
	snprintf(cat, sizeof cat, "=Sweep!$A$%d:$A$%d", top + 3, top + 2 + nouter);
	for (k = 0; k < ninner; k++) {
		char c2[4];
		lxw_chart_series *se;

		col_letters(1 + k, c2);
		snprintf(ref, sizeof ref, "=Sweep!$%s$%d:$%s$%d", c2, top + 3, c2,
		    top + 2 + nouter);
		se = chart_add_series(ch, cat, ref);
		snprintf(label, sizeof label, "=Sweep!$%s$%d", c2, top + 2);
		chart_series_set_name(se, label);
		chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
	}
	snprintf(label, sizeof label, "Cost per week against %s", v0->key);
	chart_title_set_name(ch, label);
	chart_axis_set_name(ch->x_axis, v0->key);
	chart_axis_set_name(ch->y_axis, "Cost per week");
	chart_legend_set_position(ch, ninner > 1 ? LXW_CHART_LEGEND_BOTTOM :
	    LXW_CHART_LEGEND_NONE);
	memset(&co, 0, sizeof co);
	co.x_scale = 1.6;
	co.y_scale = 1.3;
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)(top + 3 + nouter),
	    0, ch, &co), "placing a chart");
}

/* A verdict's colour: met (or feasible) green, on average amber, missed red;
 * none for want of items grey. */
static enum rpt_xf
verdict_xf(const struct swp_row *r)
{
	if (r == NULL)
		return RPT_XF_TEXT;
	if (strcmp(r->verdict, "confident") == 0 || strcmp(r->verdict, "yes") == 0)
		return RPT_XF_GOOD;
	if (strcmp(r->verdict, "no") == 0)
		return RPT_XF_BAD;
	if (strcmp(r->verdict, "on_average") == 0)
		return RPT_XF_AMBER;
	return RPT_XF_NO_VERDICT;
}

static int
add_sweep_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct sheet_arg *a = arg;
	const struct swp *w = a->w;
	const struct scn_sweep *sw = &w->s->sweep;
	struct rpt_xsheet *sh;
	char title[256];
	const int head = 2, first = 3;
	int p, v, k, col, last = first + w->npoints - 1, cost_col = -1;
	const struct col *cost = NULL;
	double num;

	(void)err;
	snprintf(title, sizeof title, "What-if sweep: %d points (%s), %d replications each",
	    w->npoints, sw->zip ? "zip" : "grid", w->s->replications);
	if ((sh = rpt_xlsx_sheet(x, "Sweep", title)) == NULL)
		return 0;     /* x->lerr is set */
	rpt_xlsx_str(sh, head, 0, "Point", RPT_XF_HEAD);
	for (v = 0; v < sw->nvars; v++)
		rpt_xlsx_str(sh, head, 1 + v, sw->vars[v].key, RPT_XF_HEAD);
	for (k = 0; k < a->ncols; k++) {
		rpt_xlsx_str(sh, head, 1 + sw->nvars + k, a->cols[k].head, RPT_XF_HEAD);
		if (strcmp(a->cols[k].row->kind, "cost") == 0) {
			cost_col = 1 + sw->nvars + k;
			cost = &a->cols[k];
		}
	}
	for (p = 0; p < w->npoints; p++) {
		int row = first + p;

		rpt_xlsx_num(sh, row, 0, p + 1, RPT_XF_INT);
		for (v = 0; v < sw->nvars; v++) {
			const char *s = sw->vars[v].values[swp_value(w, p, v)];

			if (is_number(s, &num))
				rpt_xlsx_num(sh, row, 1 + v, num, num == floor(num) ?
				    RPT_XF_INT : RPT_XF_NUM2);
			else
				rpt_xlsx_str(sh, row, 1 + v, s, RPT_XF_TEXT);
		}
		for (k = 0; k < a->ncols; k++) {
			const struct col *c = &a->cols[k];
			const struct swp_row *r = pres_swp_find_row(&w->res[p], c);
			double val = pres_swp_value(r, c->what);
			const char *m = c->row->measure;

			col = 1 + sw->nvars + k;
			if (c->what == COL_VERDICT)
				rpt_xlsx_str(sh, row, col, r ? r->verdict : "", verdict_xf(r));
			else if (strcmp(c->row->kind, "roster") == 0)
				rpt_xlsx_num(sh, row, col, val, strcmp(m, "staff") == 0 ?
				    RPT_XF_INT : RPT_XF_MONEY);
			else if (strcmp(m, "attainment") == 0 || strcmp(m, "utilization") == 0 ||
			    strcmp(m, "miss_rate") == 0)
				rpt_xlsx_num(sh, row, col, val, RPT_XF_PCT);
			else if (strstr(m, "_min") != NULL)
				rpt_xlsx_dur(sh, row, col, val);
			else if (strcmp(m, "total") == 0)
				rpt_xlsx_num(sh, row, col, val, RPT_XF_MONEY);
			else
				rpt_xlsx_num(sh, row, col, val, RPT_XF_NUM1);
		}
	}
	col = sw->nvars + a->ncols;
	worksheet_freeze_panes(sh->ws, first, 1);
	rpt_xlsx_check(x, worksheet_autofilter(sh->ws, head, 0, (lxw_row_t)last,
	    (lxw_col_t)col), "adding filters");
	/* Print as many pages wide as the columns need, not one unreadable page. */
	worksheet_fit_to_pages(sh->ws, (uint16_t)((col + 1 + 13) / 14), 0);
	if (cost != NULL)
		cost_chart(x, sh, w, cost, cost_col, first, last);
	return 0;
}

int
pres_swp_xlsx(const struct swp *w, const struct col *cols, int ncols, const char *path,
    struct cq_err *err)
{
	struct sheet_arg a = { w, cols, ncols };
	struct rpt_xlsx_extra ex = { add_sweep_sheet, &a };

	return rpt_xlsx_ext(w->s, NULL, NULL, &ex, 1, path, err);
}
