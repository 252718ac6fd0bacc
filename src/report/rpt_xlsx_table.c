/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx_table.c — a described table (rpt_col.h) written on a sheet: its
 * group headings, header, rows, total row and chart series, each found from
 * the columns' description rather than from column numbers.  Cells are
 * written in the order a sheet reads (row by row, left to right), with the
 * cell writers of rpt_xlsx.c.
 */
#include "rpt_col.h"
#include "rpt_xlsx_int.h"

#include <math.h>
#include <string.h>

void
rpt_xtable_init(struct rpt_xtable *xt, struct rpt_xsheet *sh, const struct rpt_table *t,
    const void *ctx, unsigned mode, int col0)
{
	int k, at = col0;

	memset(xt, 0, sizeof *xt);
	xt->sh = sh;
	xt->t = t;
	xt->ctx = ctx;
	xt->first = 0;
	xt->last = -1;
	for (k = 0; k < t->ncols && xt->n < RPT_XLSX_MAX_COLS; k++) {
		const struct rpt_col *c = &t->cols[k];

		if (c->head == NULL || (c->when != 0 && !(c->when & mode)))
			continue;
		xt->idx[xt->n] = k;
		xt->pos[xt->n++] = at;
		at += c->span > 1 ? c->span : 1;
	}
}

static const struct rpt_col *
shown(const struct rpt_xtable *xt, int k)
{
	return &xt->t->cols[xt->idx[k]];
}

int
rpt_xtable_last_col(const struct rpt_xtable *xt)
{
	const struct rpt_col *c;

	if (xt->n == 0)
		return 0;
	c = shown(xt, xt->n - 1);
	return xt->pos[xt->n - 1] + (c->span > 1 ? c->span - 1 : 0);
}

int
rpt_xtable_col(const struct rpt_xtable *xt, const struct rpt_col *c)
{
	int k;

	for (k = 0; k < xt->n; k++)
		if (shown(xt, k) == c)
			return xt->pos[k];
	return -1;
}

double
rpt_xtable_sum(const struct rpt_xtable *xt, const struct rpt_col *c)
{
	int k;

	for (k = 0; k < xt->n; k++)
		if (shown(xt, k) == c)
			return xt->sum[k];
	return 0;
}

void
rpt_xtable_groups(struct rpt_xtable *xt, int row)
{
	struct rpt_xsheet *sh = xt->sh;
	lxw_format *hf = sh->x->f[RPT_XF_HEAD];
	int k, j;

	for (k = 0; k < xt->n; k = j + 1) {
		const char *g = shown(xt, k)->group;

		j = k;
		if (g == NULL) {
			rpt_xlsx_check(sh->x, worksheet_write_blank(sh->ws, (lxw_row_t)row,
			    (lxw_col_t)xt->pos[k], hf), "writing a cell");
			continue;
		}
		while (j + 1 < xt->n && shown(xt, j + 1)->group != NULL &&
		    strcmp(shown(xt, j + 1)->group, g) == 0)
			j++;
		rpt_xlsx_check(sh->x, worksheet_merge_range(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)xt->pos[k], (lxw_row_t)row, (lxw_col_t)xt->pos[j], g, hf),
		    "merging cells");
	}
	rpt_xlsx_check(sh->x, worksheet_set_row(sh->ws, (lxw_row_t)row, 30, NULL),
	    "sizing a row");
}

/* Column k's header cell. */
static void
head_cell(struct rpt_xtable *xt, int row, int k)
{
	const struct rpt_col *c = shown(xt, k);
	int col = xt->pos[k];

	if (c->span > 1)
		rpt_xlsx_note(xt->sh, row, col, col + c->span - 1, c->head, RPT_XF_HEAD);
	else if (xt->t->flags & RPT_TABLE_HEAD_LINE)
		rpt_xlsx_str(xt->sh, row, col, c->head, RPT_XF_HEAD);
	else
		rpt_xlsx_head(xt->sh, row, col, &c->head, 1);
}

void
rpt_xtable_head(struct rpt_xtable *xt, int row)
{
	int k;

	xt->head = row;
	for (k = 0; k < xt->n; k++)
		head_cell(xt, row, k);
}

/* Write a cell of column k. */
static void
put(struct rpt_xtable *xt, int row, int k, const struct rpt_cell *cell)
{
	struct rpt_xsheet *sh = xt->sh;
	const struct rpt_col *c = shown(xt, k);
	int col = xt->pos[k];

	switch (cell->kind) {
	case RPT_CELL_NONE:
		break;
	case RPT_CELL_NUM:
		if (cell->xf == RPT_XF_DUR)
			rpt_xlsx_dur(sh, row, col, cell->num);
		else
			rpt_xlsx_num(sh, row, col, cell->num, cell->xf);
		break;
	case RPT_CELL_STR:
		if (c->span > 1)
			rpt_xlsx_note(sh, row, col, col + c->span - 1, cell->str, cell->xf);
		else
			rpt_xlsx_str(sh, row, col, cell->str, cell->xf);
		break;
	case RPT_CELL_VERDICT:
		if (cell->met == MEAS_MET_NA && c->na != NULL)
			rpt_xlsx_str(sh, row, col, c->na, RPT_XF_NO_VERDICT);
		else
			rpt_xlsx_verdict(sh, row, col, cell->met);
		break;
	case RPT_CELL_FMT:
		rpt_xlsx_width(sh, col, cell->width);
		rpt_xlsx_check(sh->x, worksheet_write_number(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)col, cell->num, cell->fmt), "writing a cell");
		break;
	}
}

/* Row i at sheet row row, and what the total row will need of it. */
static void
one_row(struct rpt_xtable *xt, int row, int i)
{
	struct rpt_cell cell;
	double v[RPT_XLSX_MAX_COLS], w;
	int k, j;

	for (k = 0; k < xt->n; k++) {
		rpt_col_cell(xt->t, shown(xt, k), xt->ctx, i, &cell);
		put(xt, row, k, &cell);
		v[k] = cell.kind == RPT_CELL_NUM ? cell.num : NAN;
		if (shown(xt, k)->total == RPT_TOTAL_SUM && isfinite(v[k]))
			xt->sum[k] += v[k];
	}
	/* A weighted mean counts a row with a value, by the weights of that row. */
	for (k = 0; k < xt->n; k++) {
		if (shown(xt, k)->total != RPT_TOTAL_MEAN || !isfinite(v[k]))
			continue;
		for (w = 0, j = 0; j < xt->n; j++)
			if (shown(xt, j)->flags & RPT_COL_WEIGHT)
				w += v[j];
		xt->sum[k] += v[k] * w;
		xt->wsum[k] += w;
	}
}

int
rpt_xtable_rows(struct rpt_xtable *xt, int row, int n)
{
	int i;

	xt->nrows = n;
	xt->first = row;
	for (i = 0; i < n; i++) {
		if (xt->t->skip != NULL && xt->t->skip(xt->ctx, i))
			continue;
		one_row(xt, row++, i);
	}
	xt->last = row - 1;
	return row;
}

int
rpt_xtable_by_column(struct rpt_xtable *xt, int row, int n)
{
	struct rpt_cell cell;
	int i, k;

	xt->head = row;
	xt->nrows = n;
	xt->first = row + 1;
	xt->last = row + n;
	for (k = 0; k < xt->n; k++) {
		head_cell(xt, row, k);
		for (i = 0; i < n; i++) {
			rpt_col_cell(xt->t, shown(xt, k), xt->ctx, i, &cell);
			put(xt, row + 1 + i, k, &cell);
		}
	}
	return row + 1 + n;
}

/* The total row's format for a column's format. */
static enum rpt_xf
total_xf(enum rpt_xf f)
{
	switch (f) {
	case RPT_XF_INT:
		return RPT_XF_TOTAL_INT;
	case RPT_XF_NUM1:
		return RPT_XF_TOTAL_NUM1;
	case RPT_XF_PCT:
		return RPT_XF_TOTAL_PCT;
	case RPT_XF_MONEY:
		return RPT_XF_TOTAL_MONEY;
	case RPT_XF_CHANGE:
		return RPT_XF_TOTAL_CHANGE;
	default:
		return RPT_XF_TOTAL_LABEL;
	}
}

/* "D4:D9": column col over the rows written. */
static void
range_ref(const struct rpt_xtable *xt, int col, char *buf, size_t n)
{
	char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];

	rpt_xlsx_cell_ref(xt->first, col, a);
	rpt_xlsx_cell_ref(xt->last, col, b);
	snprintf(buf, n, "%s:%s", a, b);
}

/* Column k's weighted mean: busy over available hours, say, with each row
 * weighted by the sum of its RPT_COL_WEIGHT columns. */
static void
mean_total(struct rpt_xtable *xt, int row, int k)
{
	char formula[512], sums[256], prod[256], r[32];
	size_t ls = 0, lp = 0;
	int j;

	if (!(xt->wsum[k] > 0))
		return;
	sums[0] = prod[0] = '\0';
	for (j = 0; j < xt->n; j++) {
		if (!(shown(xt, j)->flags & RPT_COL_WEIGHT))
			continue;
		range_ref(xt, xt->pos[j], r, sizeof r);
		snprintf(sums + ls, sizeof sums - ls, "%s%s", ls ? "," : "", r);
		snprintf(prod + lp, sizeof prod - lp, "%s%s", lp ? "+" : "", r);
		ls = strlen(sums);
		lp = strlen(prod);
	}
	range_ref(xt, xt->pos[k], r, sizeof r);
	snprintf(formula, sizeof formula, "=SUMPRODUCT(%s,%s)/SUM(%s)", r, prod, sums);
	rpt_xlsx_formula(xt->sh, row, xt->pos[k], formula, xt->sum[k] / xt->wsum[k],
	    total_xf(shown(xt, k)->xf));
}

void
rpt_xtable_total(struct rpt_xtable *xt, int row, const char *label)
{
	struct rpt_xsheet *sh = xt->sh;
	int k;

	if (xt->n == 0)
		return;
	rpt_xlsx_str(sh, row, xt->pos[0], label, RPT_XF_TOTAL_LABEL);
	for (k = 1; k < xt->n; k++)
		if (shown(xt, k)->total == RPT_TOTAL_NONE)
			rpt_xlsx_check(sh->x, worksheet_write_blank(sh->ws, (lxw_row_t)row,
			    (lxw_col_t)xt->pos[k], sh->x->f[RPT_XF_TOTAL_LABEL]), "writing a cell");
	if (xt->nrows == 0)
		return;
	for (k = 1; k < xt->n; k++) {
		const struct rpt_col *c = shown(xt, k);

		if (c->total == RPT_TOTAL_SUM)
			rpt_xlsx_column_total(sh, row, xt->pos[k], xt->first, xt->last,
			    c->total_value != NULL ? c->total_value(xt) : xt->sum[k],
			    total_xf(c->xf));
		else if (c->total == RPT_TOTAL_MEAN)
			mean_total(xt, row, k);
	}
}

/* A series of column k over the rows written, its categories the first column;
 * NULL on ENOMEM. */
static lxw_chart_series *
add_series(struct rpt_xtable *xt, lxw_chart *ch, int k)
{
	struct rpt_xsheet *sh = xt->sh;
	const struct rpt_col *c = shown(xt, k);
	lxw_chart_series *se;

	if ((se = chart_add_series(ch, NULL, NULL)) == NULL) {
		rpt_xlsx_check(sh->x, LXW_ERROR_MEMORY_MALLOC_FAILED, "adding a series");
		return NULL;
	}
	chart_series_set_categories(se, sh->name, (lxw_row_t)xt->first,
	    (lxw_col_t)xt->pos[0], (lxw_row_t)xt->last, (lxw_col_t)xt->pos[0]);
	chart_series_set_values(se, sh->name, (lxw_row_t)xt->first,
	    (lxw_col_t)xt->pos[k], (lxw_row_t)xt->last, (lxw_col_t)xt->pos[k]);
	if (c->series != NULL)
		chart_series_set_name(se, c->series);
	else if (!(c->flags & RPT_COL_UNNAMED))
		chart_series_set_name_range(se, sh->name, (lxw_row_t)xt->head,
		    (lxw_col_t)xt->pos[k]);
	if (c->labels != NULL) {
		chart_series_set_labels(se);
		chart_series_set_labels_num_format(se, c->labels);
	}
	return se;
}

int
rpt_xtable_series(struct rpt_xtable *xt, lxw_chart *ch, unsigned chart)
{
	int k;

	for (k = 0; k < xt->n; k++)
		if ((shown(xt, k)->chart & chart) && add_series(xt, ch, k) == NULL)
			return -1;
	return 0;
}

lxw_chart_series *
rpt_xtable_series_of(struct rpt_xtable *xt, lxw_chart *ch, const struct rpt_col *c)
{
	int k;

	for (k = 0; k < xt->n; k++)
		if (shown(xt, k) == c)
			return add_series(xt, ch, k);
	return NULL;
}
