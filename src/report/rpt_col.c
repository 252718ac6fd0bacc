/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_col.c — the value of a described column in a row (rpt_col.h), shared by
 * the workbook, CSV and text writers of a table.
 */
#include "rpt_col.h"

#include <string.h>

#include "rpt_xlsx_int.h"

const struct est *
rpt_col_est(const struct rpt_table *t, const struct rpt_col *c, const void *ctx, int i)
{
	if (c->part == RPT_GET)
		return NULL;
	return (const struct est *)(const void *)((const char *)t->record(ctx, i) + c->est);
}

void
rpt_cell_by_day(const int v[WEEK_DAYS], unsigned days, struct rpt_cell *cell)
{
	int d;

	if (scn_by_day_varies(v, days)) {
		scn_by_day_format(v, days, cell->buf, sizeof cell->buf);
		cell->kind = RPT_CELL_STR;
		cell->str = cell->buf;
		cell->xf = RPT_XF_TEXT;
		return;
	}
	for (d = 0; d < WEEK_DAYS - 1 && !(days & (1u << d)); d++)
		;
	cell->kind = RPT_CELL_NUM;
	cell->num = v[d];
}

void
rpt_col_cell(const struct rpt_table *t, const struct rpt_col *c, const void *ctx, int i,
    struct rpt_cell *cell)
{
	const struct est *e;

	cell->kind = RPT_CELL_NONE;
	cell->xf = c->xf;
	cell->str = NULL;
	cell->buf[0] = '\0';
	if (c->only != NULL && !c->only(ctx, i))
		return;
	if ((e = rpt_col_est(t, c, ctx, i)) == NULL) {
		c->get(ctx, i, c, cell);
		return;
	}
	cell->kind = RPT_CELL_NUM;
	cell->num = c->part == RPT_MEAN ? e->mean : c->part == RPT_LO ? e->lo : e->hi;
	if (c->top > 0)
		cell->num = rpt_xlsx_bound(cell->num, c->top);
}

const struct rpt_col *
rpt_col_find(const struct rpt_table *t, const char *head)
{
	int k;

	for (k = 0; k < t->ncols; k++)
		if (t->cols[k].head != NULL && strcmp(t->cols[k].head, head) == 0)
			return &t->cols[k];
	return NULL;
}

int
rpt_col_figure(const struct rpt_col *c)
{
	return c->key != NULL && c->part != RPT_GET;
}
