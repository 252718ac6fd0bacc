/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_swp_charts.c — the Sweep charts sheet: the figures that move against
 * the first varied value — each class's share within its target (a line per
 * class, 0-100%), the share of acute cases missed and the cost per week (a
 * line per combination of the other varied values, both axes from 0) — over
 * small tables of the charted figures, formulas on the Sweep sheet.
 *
 * In a grid the first 'vary' is the outermost: point p is outer value
 * p / ninner with inner combination p mod ninner.  A zip sweep has one inner
 * combination.  The attainment charts are one per inner combination.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pres.h"
#include "pres_swp_int.h"

enum {
	MAX_LINES = 12,      /* more lines than anyone can read: the first 12 */
	MAX_ATT_CHARTS = 6,  /* attainment charts: the first 6 combinations */
	CHART_ROWS = 21,     /* rows a chart takes (403 px at 20 px a row) */
	CHART_GAP_PX = 500   /* the second chart of a row starts here */
};

/* What is charted, and where its small tables are on this sheet. */
struct plan {
	const struct swp_layout *l;
	int nouter, ninner, nblocks;
	int ncls, cls_col[SCN_MAX_CLASSES]; /* Sweep columns of the classes' attainment */
	const char *cls[SCN_MAX_CLASSES];
	int safety_col, cost_col;   /* Sweep columns, -1 without */
	int top;                    /* first row of the tables */
};

/* The point at outer value i and inner combination k. */
static int
point_at(const struct plan *pl, int i, int k)
{
	return i * pl->ninner + k;
}

/* "KEY = VALUE, ..." of the inner combination k (the varied values after the
 * first), or "" with one varied value or zip. */
static void
inner_label(const struct plan *pl, int k, char *buf, size_t n)
{
	const struct swp *w = pl->l->w;
	const struct scn_sweep *sw = &w->s->sweep;
	char key[SCN_MAX_NAME * 2];
	size_t len = 0;
	int v;

	buf[0] = '\0';
	for (v = 1; v < sw->nvars && !sw->zip && len < n; v++) {
		pres_swp_key_label(sw->vars[v].key, key, sizeof key);
		len += (size_t)snprintf(buf + len, n - len, "%s%s = %s", v > 1 ? ", " : "",
		    key, sw->vars[v].values[swp_value(w, k, v)]);
	}
}

/* The header row of inner combination b's table; its points follow. */
static int
block_head(const struct plan *pl, int b)
{
	return pl->top + 2 + b * (pl->nouter + 3);
}

/* A cell of this sheet that shows the Sweep sheet's figure of point p in
 * column col (a formula, so the chart follows the Sweep sheet if edited). */
static void
sweep_ref(struct rpt_xsheet *sh, const struct plan *pl, int row, int col, int scol,
    int p, enum rpt_xf f)
{
	const struct swp_layout *l = pl->l;
	const struct col *c = l->d[scol - l->col0].c;
	double v = pres_swp_value(pres_swp_find_row(&l->w->res[p], c), c->what);
	char cl[LXW_MAX_COL_NAME_LENGTH], ref[64];

	if (!isfinite(v))
		return;      /* blank: a gap in the line, not a 0 */
	lxw_col_to_name(cl, (lxw_col_t)scol, 0);
	snprintf(ref, sizeof ref, "=Sweep!$%s$%d", cl, l->first + p + 1);
	rpt_xlsx_formula(sh, row, col, ref, v, f);
}

/* A table per inner combination: the first varied value, then each class's
 * share within target, the share of acute cases missed and the cost per week,
 * as formulas on the Sweep sheet's cells. */
static void
write_tables(struct rpt_xsheet *sh, const struct plan *pl)
{
	const struct swp *w = pl->l->w;
	const struct scn_sweep_var *v0 = &w->s->sweep.vars[0];
	char key[SCN_MAX_NAME * 2], label[512];
	int b, i, j;

	rpt_xlsx_str(sh, pl->top, 0, "The figures charted (from the Sweep sheet)",
	    RPT_XF_SECTION);
	pres_swp_key_label(v0->key, key, sizeof key);
	for (b = 0; b < pl->nblocks; b++) {
		int head = block_head(pl, b);
		const char *heads[SCN_MAX_CLASSES + 3];
		int nh = 0;

		inner_label(pl, b, label, sizeof label);
		/* A section heading runs over the next cells: column A stays narrow. */
		rpt_xlsx_str(sh, head - 1, 0, label[0] ? label : "every point", RPT_XF_SECTION);
		heads[nh++] = key;
		for (j = 0; j < pl->ncls; j++)
			heads[nh++] = pl->cls[j];
		if (pl->safety_col >= 0)
			heads[nh++] = "acute cases missed";
		if (pl->cost_col >= 0)
			heads[nh++] = "cost per week";
		rpt_xlsx_head(sh, head, 0, heads, nh);
		for (i = 0; i < pl->nouter; i++) {
			int p = point_at(pl, i, b), r = head + 1 + i, c = 1;
			const char *val = v0->values[swp_value(w, p, 0)];
			char *end;
			double num = strtod(val, &end);

			if (end != val && *end == '\0' && isfinite(num))
				rpt_xlsx_num(sh, r, 0, num, num == floor(num) ? RPT_XF_INT :
				    RPT_XF_NUM2);
			else
				rpt_xlsx_str(sh, r, 0, val, RPT_XF_TEXT);
			for (j = 0; j < pl->ncls; j++)
				sweep_ref(sh, pl, r, c++, pl->cls_col[j], p, RPT_XF_PCT);
			if (pl->safety_col >= 0)
				sweep_ref(sh, pl, r, c++, pl->safety_col, p, RPT_XF_PCT);
			if (pl->cost_col >= 0)
				sweep_ref(sh, pl, r, c++, pl->cost_col, p, RPT_XF_MONEY);
		}
	}
}

/* A series of column c of table b against the first varied value. */
static void
add_series(lxw_chart *ch, const struct plan *pl, int b, int c, const char *name)
{
	char cat[96], val[96], cl[LXW_MAX_COL_NAME_LENGTH];
	int head = block_head(pl, b);
	lxw_chart_series *se;

	lxw_col_to_name(cl, (lxw_col_t)c, 0);
	snprintf(cat, sizeof cat, "='Sweep charts'!$A$%d:$A$%d", head + 2, head + 1 +
	    pl->nouter);
	snprintf(val, sizeof val, "='Sweep charts'!$%s$%d:$%s$%d", cl, head + 2, cl,
	    head + 1 + pl->nouter);
	se = chart_add_series(ch, cat, val);
	chart_series_set_name(se, name);
	chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
}

/* A line chart with its axes named, placed n-th (two a row). */
static lxw_chart *
new_chart(struct rpt_xsheet *sh, const struct plan *pl, const char *title,
    const char *yname, int share)
{
	lxw_chart *ch = workbook_add_chart(sh->x->wb, LXW_CHART_LINE);
	lxw_chart_font title_font = { .size = 11, .bold = 1 };
	char key[SCN_MAX_NAME * 2];

	if (ch == NULL) {
		rpt_xlsx_check(sh->x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a chart");
		return NULL;
	}
	pres_swp_key_label(pl->l->w->s->sweep.vars[0].key, key, sizeof key);
	chart_title_set_name(ch, title);
	chart_title_set_name_font(ch, &title_font);
	chart_axis_set_name(ch->x_axis, key);
	chart_axis_set_name(ch->y_axis, yname);
	/* From 0: a small change must not look like a large one. */
	chart_axis_set_min(ch->y_axis, 0);
	if (share) {
		chart_axis_set_max(ch->y_axis, 1);
		chart_axis_set_num_format(ch->y_axis, "0%");
	} else {
		chart_axis_set_num_format(ch->y_axis, "#,##0");
	}
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_GAP);
	return ch;
}

static void
place(struct rpt_xsheet *sh, lxw_chart *ch, int n)
{
	lxw_chart_options co;

	memset(&co, 0, sizeof co);
	co.x_offset = n % 2 ? CHART_GAP_PX : 0;
	co.y_offset = 4;
	co.y_scale = 1.4;
	rpt_xlsx_check(sh->x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)(2 + n / 2 *
	    CHART_ROWS), 0, ch, &co), "placing a chart");
}

/* The charts: attainment per inner combination, then the acute cases missed
 * and the cost, a line per inner combination.  Returns how many. */
static int
write_charts(struct rpt_xsheet *sh, const struct plan *pl)
{
	char title[640], label[512];
	int b, j, n = 0, c = 1 + pl->ncls;
	lxw_chart *ch;

	for (b = 0; pl->ncls > 0 && b < pl->nblocks && b < MAX_ATT_CHARTS; b++) {
		inner_label(pl, b, label, sizeof label);
		snprintf(title, sizeof title, "Within target%s%s", label[0] ? ": " : "", label);
		if ((ch = new_chart(sh, pl, title, "share within target", 1)) == NULL)
			return n;
		for (j = 0; j < pl->ncls; j++)
			add_series(ch, pl, b, 1 + j, pl->cls[j]);
		place(sh, ch, n++);
	}
	if (pl->safety_col >= 0 && (ch = new_chart(sh, pl, "Acute cases missed",
	    "share of acute cases", 1)) != NULL) {
		for (b = 0; b < pl->nblocks; b++) {
			inner_label(pl, b, label, sizeof label);
			add_series(ch, pl, b, c, label[0] ? label : "acute cases missed");
		}
		place(sh, ch, n++);
		c++;
	}
	if (pl->cost_col >= 0 && (ch = new_chart(sh, pl, "Cost per week", "cost per week",
	    0)) != NULL) {
		for (b = 0; b < pl->nblocks; b++) {
			inner_label(pl, b, label, sizeof label);
			add_series(ch, pl, b, c, label[0] ? label : "cost per week");
		}
		place(sh, ch, n++);
	}
	return n;
}

/* Sheet column scol if some point has a figure in it (no escalation, no acute
 * cases missed to chart), else -1. */
static int
charted(const struct swp_layout *l, int scol)
{
	const struct col *c;
	int p;

	if (scol < 0)
		return -1;
	c = l->d[scol - l->col0].c;
	for (p = 0; p < l->w->npoints; p++)
		if (isfinite(pres_swp_value(pres_swp_find_row(&l->w->res[p], c), c->what)))
			return scol;
	return -1;
}

int
pres_swp_charts(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct swp_layout *l = arg;
	const struct swp *w = l->w;
	const struct scn_sweep *sw = &w->s->sweep;
	struct rpt_xsheet *sh;
	struct plan pl;
	lxw_row_t breaks[64];
	int i, n, nb = 0;

	(void)err;
	if (w->npoints == 0)
		return 0;
	memset(&pl, 0, sizeof pl);
	pl.l = l;
	pl.nouter = sw->zip ? w->npoints : sw->vars[0].nvalues;
	pl.ninner = sw->zip ? 1 : w->npoints / pl.nouter;
	pl.nblocks = pl.ninner < MAX_LINES ? pl.ninner : MAX_LINES;
	for (i = 0; i < w->s->nclasses && pl.ncls < SCN_MAX_CLASSES; i++) {
		int c = pres_swp_sheet_col(l, "class", w->s->classes[i].name, "attainment",
		    COL_MEAN);

		if (charted(l, c) >= 0) {
			pl.cls[pl.ncls] = w->s->classes[i].name;
			pl.cls_col[pl.ncls++] = c;
		}
	}
	pl.safety_col = charted(l, pres_swp_sheet_col(l, "safety", "", "miss_rate",
	    COL_MEAN));
	pl.cost_col = charted(l, pres_swp_sheet_col(l, "cost", "", "total", COL_MEAN));
	if ((sh = rpt_xlsx_sheet(x, "Sweep charts", "What moves with the varied values"))
	    == NULL)
		return 0;     /* x->lerr is set */
	n = (pl.ncls > 0 ? (pl.nblocks < MAX_ATT_CHARTS ? pl.nblocks : MAX_ATT_CHARTS) : 0) +
	    (pl.safety_col >= 0) + (pl.cost_col >= 0);
	pl.top = 2 + (n + 1) / 2 * CHART_ROWS + 1;
	write_tables(sh, &pl);
	write_charts(sh, &pl);
	/* Two rows of charts a page; the tables after them on a page of their own. */
	for (i = 2; i < (n + 1) / 2 && nb < 62; i += 2)
		breaks[nb++] = (lxw_row_t)(2 + i * CHART_ROWS);
	breaks[nb++] = (lxw_row_t)pl.top;
	breaks[nb] = 0;
	rpt_xlsx_check(x, worksheet_set_h_pagebreaks(sh->ws, breaks), "breaking the pages");
	return 0;
}
