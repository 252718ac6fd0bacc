/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_rota_xlsx.c — the Rota sheet (doc/workbook.md): the answer (people,
 * their cost beside the roster's hours, how sure), headcount, FTE and cost
 * per role and contract, a legend of shift codes, one row per person with a
 * coloured cell per day of the cycle, and a cover row per shift: the staff the
 * roster needs on each day against the persons rostered.  Printed one page
 * wide, the persons' rows repeating their headers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pres.h"
#include "pres_rota_int.h"
#include "report/rpt_col.h"
#include "report/rpt_xlsx.h"
#include "week.h"

/* Soft fills, one per shift (cycled), dark enough to tell apart in print. */
static const lxw_color_t fills[] = {
	0xBDD7EE, 0xF8CBAD, 0xC6E0B4, 0xFFE699, 0xD9D2E9, 0xB4E5E2, 0xF4B6C2,
	0xDBDBDB, 0xFFD966, 0x9BC2E6, 0xA9D08E, 0xF4B084,
};
#define NFILLS ((int)(sizeof fills / sizeof fills[0]))

/* ---- headcount: one row per role and contract with people ------------------- */

struct head_ctx {
	const struct pres_rota *pr;
	int *contract;            /* the rows' contracts */
};

static void
head_cell(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct head_ctx *h = ctx;
	const struct rota_problem *p = h->pr->p;
	const struct rota_result *r = h->pr->r;
	int k = h->contract[i];

	cell->kind = RPT_CELL_NUM;
	switch (c->arg) {
	case 0: cell->kind = RPT_CELL_STR, cell->str = p->role_names[p->contracts[k].role]; break;
	case 1: cell->kind = RPT_CELL_STR, cell->str = p->contracts[k].name; break;
	case 2: cell->num = r->headcount[k]; break;
	case 3: cell->num = pres_rota_hours(r, k); break;
	case 4: cell->num = pres_rota_hours(r, k) / p->fte_hours; break;
	default: cell->num = pres_rota_cost(r, k); break;
	}
}

static const struct rpt_col head_cols[] = {
	{ .head = "Role", .xf = RPT_XF_TEXT, .get = head_cell, .arg = 0 },
	{ .head = "Contract", .xf = RPT_XF_TEXT, .get = head_cell, .arg = 1 },
	{ .head = "People", .xf = RPT_XF_INT, .get = head_cell, .arg = 2,
	  .total = RPT_TOTAL_SUM },
	{ .head = "Paid hours per week", .xf = RPT_XF_NUM1, .get = head_cell, .arg = 3,
	  .total = RPT_TOTAL_SUM },
	{ .head = "FTE", .xf = RPT_XF_NUM1, .get = head_cell, .arg = 4,
	  .total = RPT_TOTAL_SUM },
	{ .head = "Cost per week", .xf = RPT_XF_MONEY, .get = head_cell, .arg = 5,
	  .total = RPT_TOTAL_SUM },
};
static const struct rpt_table head_table = { head_cols, RPT_NCOLS(head_cols), NULL, NULL,
	RPT_TABLE_HEAD_LINE };

static int
headcount_rows(struct rpt_xsheet *sh, const struct pres_rota *pr, int row)
{
	const struct rota_problem *p = pr->p;
	struct head_ctx h = { pr, NULL };
	struct rpt_table t = head_table;
	struct rpt_xtable xt;
	int k, role, n = 0;

	if ((h.contract = calloc((size_t)(p->ncontracts > 0 ? p->ncontracts : 1),
	    sizeof *h.contract)) == NULL)
		return -1;
	for (role = 0; role < p->nroles; role++)
		for (k = 0; k < p->ncontracts; k++)
			if (p->contracts[k].role == role && pr->r->headcount[k] > 0)
				h.contract[n++] = k;
	rpt_xlsx_str(sh, row++, 0, "Headcount, FTE and cost by role and contract",
	    RPT_XF_SECTION);
	rpt_xtable_init(&xt, sh, &t, &h, 0, 0);
	rpt_xtable_head(&xt, row++);
	row = rpt_xtable_rows(&xt, row, n);
	rpt_xtable_total(&xt, row++, "Total");
	free(h.contract);
	return row + 1;
}

/* ---- the answer ---------------------------------------------------------------- */

static int
answer_rows(struct rpt_xsheet *sh, const struct pres_rota *pr, int row)
{
	const struct rota_result *r = pr->r;
	const char *cu = pr->currency != NULL ? pr->currency : "";
	char buf[256];

	rpt_xlsx_str(sh, row, 0, "People", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 2, r->nlines, RPT_XF_INT);
	snprintf(buf, sizeof buf, "People cost per week%s%s", cu[0] ? ", " : "", cu);
	rpt_xlsx_str(sh, row, 0, buf, RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 2, r->cost_per_week, RPT_XF_MONEY);
	snprintf(buf, sizeof buf, "Roster's hours cost per week%s%s", cu[0] ? ", " : "", cu);
	rpt_xlsx_str(sh, row, 0, buf, RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 2, pres_rota_roster_cost(pr->p), RPT_XF_MONEY);
	rpt_xlsx_str(sh, row, 0, "Cycle", RPT_XF_LABEL);
	snprintf(buf, sizeof buf, "%d week%s, then it repeats", r->cycle_weeks,
	    r->cycle_weeks == 1 ? "" : "s");
	rpt_xlsx_note(sh, row++, 2, 12, buf, RPT_XF_TEXT);
	rpt_xlsx_str(sh, row, 0, "Least cost", RPT_XF_LABEL);
	if (r->exact)
		snprintf(buf, sizeof buf, "proven: no rota within the contracts costs less, "
		    "nor as much with fewer people");
	else
		snprintf(buf, sizeof buf, "not proven: at most %.1f%% above the least possible "
		    "(no rota can cost under %.2f%s%s: %s)", 100 * r->gap, r->bound,
		    cu[0] ? " " : "", cu, r->bound_kind);
	rpt_xlsx_note(sh, row++, 2, 12, buf, r->exact ? RPT_XF_GOOD : RPT_XF_AMBER);
	return row + 1;
}

/* ---- the grid ------------------------------------------------------------------ */

/* A format per shift: its fill, centred, thin grey border. */
/* A format per shift (0 .. n - 1), then: off (n), a count (n + 1), a
 * count above the need (n + 2). */
#define F_OFF(n) (n)
#define F_COUNT(n) ((n) + 1)
#define F_OVER(n) ((n) + 2)

static lxw_format **
shift_formats(struct rpt_xlsx *x, int n)
{
	lxw_format **f = calloc((size_t)(n + 3), sizeof *f);
	int i;

	if (f == NULL)
		return NULL;
	for (i = 0; i <= n + 2; i++) {
		if ((f[i] = workbook_add_format(x->wb)) == NULL) {
			free(f);
			return NULL;
		}
		format_set_align(f[i], LXW_ALIGN_CENTER);
		format_set_border(f[i], LXW_BORDER_THIN);
		format_set_border_color(f[i], 0xBFBFBF);
		if (i < n)
			format_set_bg_color(f[i], fills[i % NFILLS]);
		else if (i == F_OFF(n))
			format_set_font_color(f[i], 0xA6A6A6);
		else if (i == F_OVER(n)) {
			format_set_bold(f[i]);
			format_set_bg_color(f[i], 0xFFE699);
		}
	}
	return f;
}

static void
put(struct rpt_xsheet *sh, int row, int col, const char *s, lxw_format *f)
{
	rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, s, f), "writing a cell");
}

static void
put_num(struct rpt_xsheet *sh, int row, int col, double v, lxw_format *f)
{
	rpt_xlsx_check(sh->x, worksheet_write_number(sh->ws, (lxw_row_t)row,
	    (lxw_col_t)col, v, f), "writing a cell");
}

/* The grid's columns: role, contract, person, paid hours, FTE and cost (the
 * headcount table's above them), then a column per day of the cycle. */
#define DAY0 6

static int
legend_rows(struct rpt_xsheet *sh, const struct pres_rota *pr, lxw_format **f,
    char (*code)[PRES_ROTA_CODE], int row)
{
	const struct rota_problem *p = pr->p;
	char span[32];
	int s;

	rpt_xlsx_str(sh, row++, 0, "Shifts", RPT_XF_SECTION);
	for (s = 0; s < p->nshifts; s++, row++) {
		put(sh, row, 0, code[s], f[s]);
		rpt_xlsx_str(sh, row, 1, p->shifts[s].name, RPT_XF_TEXT);
		pres_rota_span(&p->shifts[s], span, sizeof span);
		rpt_xlsx_str(sh, row, 2, span, RPT_XF_TEXT);
	}
	put(sh, row, 0, "off", f[F_OFF(p->nshifts)]);
	rpt_xlsx_note(sh, row++, 1, 2, "a day off", RPT_XF_NOTE);
	return row + 1;
}

/* Week and day headers over the day columns. */
static void
day_heads(struct rpt_xsheet *sh, const struct rota_result *r, int row)
{
	char buf[16];
	int w, d;

	for (w = 0; w < r->cycle_weeks; w++) {
		snprintf(buf, sizeof buf, "Week %d", w + 1);
		rpt_xlsx_check(sh->x, worksheet_merge_range(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)(DAY0 + w * WEEK_DAYS), (lxw_row_t)row,
		    (lxw_col_t)(DAY0 + w * WEEK_DAYS + WEEK_DAYS - 1), buf,
		    sh->x->f[RPT_XF_HEAD]), "merging cells");
	}
	for (d = 0; d < r->ndays; d++) {
		rpt_xlsx_str(sh, row + 1, DAY0 + d, week_day_short[d % WEEK_DAYS], RPT_XF_HEAD);
		rpt_xlsx_width(sh, DAY0 + d, 4.5);
	}
}

static int
line_rows(struct rpt_xsheet *sh, const struct pres_rota *pr, lxw_format **f,
    char (*code)[PRES_ROTA_CODE], int row)
{
	const struct rota_problem *p = pr->p;
	const struct rota_result *r = pr->r;
	int l, d;

	static const char *const head[DAY0] = { "Role", "Contract", "Person",
		"Paid hours per week", "FTE", "Cost per week" };
	int c;

	rpt_xlsx_str(sh, row++, 0, "The rota: one row per person", RPT_XF_SECTION);
	day_heads(sh, r, row);
	for (c = 0; c < DAY0; c++)
		rpt_xlsx_str(sh, row + 1, c, head[c], RPT_XF_HEAD);
	rpt_xlsx_check(sh->x, worksheet_repeat_rows(sh->ws, (lxw_row_t)row,
	    (lxw_row_t)(row + 1)), "repeating the header rows");
	row += 2;
	for (l = 0; l < r->nlines; l++, row++) {
		const struct rota_line *ln = &r->lines[l];

		rpt_xlsx_str(sh, row, 0, p->role_names[p->contracts[ln->contract].role],
		    RPT_XF_TEXT);
		rpt_xlsx_str(sh, row, 1, p->contracts[ln->contract].name, RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 2, l + 1, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 3, ln->hours_per_week, RPT_XF_NUM1);
		rpt_xlsx_num(sh, row, 4, ln->hours_per_week / p->fte_hours, RPT_XF_NUM1);
		rpt_xlsx_num(sh, row, 5, ln->cost_per_week, RPT_XF_MONEY);
		for (d = 0; d < r->ndays; d++)
			put(sh, row, DAY0 + d, ln->day[d] == ROTA_OFF ? "off" : code[ln->day[d]],
			    f[ln->day[d] == ROTA_OFF ? F_OFF(p->nshifts) : ln->day[d]]);
	}
	return row + 1;
}

/* Per shift, the staff the roster needs each day and the persons rostered
 * (over-cover in bold amber). */
static int
cover_rows(struct rpt_xsheet *sh, const struct pres_rota *pr, lxw_format **f, int row)
{
	const struct rota_problem *p = pr->p;
	const struct rota_result *r = pr->r;
	int s, d;

	rpt_xlsx_str(sh, row++, 0, "Cover: staff the roster needs, persons rostered",
	    RPT_XF_SECTION);
	day_heads(sh, r, row);
	rpt_xlsx_str(sh, row + 1, 0, "Shift", RPT_XF_HEAD);
	rpt_xlsx_str(sh, row + 1, 1, "", RPT_XF_HEAD);
	row += 2;
	for (s = 0; s < p->nshifts; s++) {
		rpt_xlsx_str(sh, row, 0, p->shifts[s].name, RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, "needed", RPT_XF_TEXT);
		rpt_xlsx_str(sh, row + 1, 1, "rostered", RPT_XF_TEXT);
		for (d = 0; d < r->ndays; d++) {
			int need = p->shifts[s].demand[d % WEEK_DAYS], on = pres_rota_on(r, s, d);

			put_num(sh, row, DAY0 + d, need, f[s]);
			put_num(sh, row + 1, DAY0 + d, on,
			    f[on > need ? F_OVER(p->nshifts) : F_COUNT(p->nshifts)]);
		}
		row += 2;
	}
	return row;
}

/* The Rota sheet, written on x. */
int
pres_rota_sheet(struct rpt_xlsx *x, const struct pres_rota *pr, struct cq_err *err)
{
	const struct rota_problem *p = pr->p;
	char (*code)[PRES_ROTA_CODE] = NULL, title[160];
	lxw_format **f = NULL;
	struct rpt_xsheet *sh;
	int row, rc = -1;

	snprintf(title, sizeof title, "Rota: %d people on a %d-week cycle%s", pr->r->nlines,
	    pr->r->cycle_weeks, pr->what != NULL ? pr->what : "");
	if ((sh = rpt_xlsx_sheet(x, "Rota", title)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot add the Rota sheet");
	if ((code = calloc((size_t)(p->nshifts + 1), sizeof *code)) == NULL ||
	    (f = shift_formats(x, p->nshifts)) == NULL)
		goto out;
	pres_rota_codes(p, code);
	row = answer_rows(sh, pr, 2);
	if (!pr->r->feasible) {
		rpt_xlsx_note(sh, row, 0, 12, pr->r->why, RPT_XF_WRAP);
		rc = 0;
		goto out;
	}
	if ((row = headcount_rows(sh, pr, row)) < 0)
		goto out;
	row = legend_rows(sh, pr, f, code, row);
	row = line_rows(sh, pr, f, code, row);
	cover_rows(sh, pr, f, row);
	rc = 0;
out:
	free(code);
	free(f);
	if (rc != 0)
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory writing the Rota sheet");
	return rc;
}

static int
rota_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	return pres_rota_sheet(x, arg, err);
}

int
pres_rota_xlsx(const struct scn *s, const struct pres_rota *pr, const char *path,
    struct cq_err *err)
{
	struct pres_rota copy = *pr;
	struct rpt_xlsx_extra ex = { rota_sheet, &copy };

	return rpt_xlsx_ext(s, NULL, NULL, &ex, 1, path, err);
}
