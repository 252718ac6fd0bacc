/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pres_opt_xlsx.c — optimize's workbook: the measures' sheets and the
 * Optimization sheet (answer, roster, iterations). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pres.h"
#include "pres_int.h"
#include "report/rpt_col.h"
#include "report/rpt_xlsx.h"

/* ---- the roster: one row per shown shift ------------------------------------ */

static double
shift_cost(const struct scn *s, int i)
{
	return scn_shift_hours_per_week(s, i) * s->shifts[i].cost_per_hour;
}

/* A row is a shift as shown (pres_shift_shown): a shift split by day in
 * optimize's copy at its first part, its staff by day. */
static void
roster_cell(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct opt_result *r = ctx;
	const struct scn_shift *p = &r->scn->shifts[i];
	struct scn_rshift rs;
	int k;

	scn_rshift_at(r->scn, r->staff, i, &rs);
	cell->kind = RPT_CELL_NUM;
	switch (c->arg) {
	case 0:
		snprintf(cell->buf, sizeof cell->buf, "%s", rs.name);
		cell->kind = RPT_CELL_STR, cell->str = cell->buf;
		break;
	case 1: cell->kind = RPT_CELL_STR, cell->str = r->scn->roles[p->role].name; break;
	case 2: rpt_cell_by_day(rs.written, rs.days, cell); break;
	case 3: rpt_cell_by_day(rs.staff, rs.days, cell); break;
	case 4: rpt_cell_by_day(rs.min, rs.days, cell); break;
	case 5: rpt_cell_by_day(rs.max, rs.days, cell); break;
	case 6:
		for (cell->num = 0, k = rs.first; k < rs.first + rs.n; k++)
			cell->num += shift_cost(r->scn, k);
		break;
	default:
		/* One shift of one number: reckoned as it always was. */
		if (rs.n == 1 && p->part == 0)
			cell->num = shift_cost(r->scn, i) * r->staff[i];
		else
			cell->num = scn_rshift_cost(r->scn, &rs, r->staff);
		break;
	}
}

static int
roster_skip(const void *ctx, int i)
{
	const struct opt_result *r = ctx;
	struct scn_rshift rs;

	return !pres_shift_shown(r->scn, r->staff, i, &rs);
}

/* Table modes: the answer meets every target, or is the best found. */
#define ROSTER_MET 0x1u
#define ROSTER_UNMET 0x2u

static const struct rpt_col roster_cols[] = {
	{ .head = "Shift", .xf = RPT_XF_TEXT, .get = roster_cell, .arg = 0 },
	{ .head = "Role", .xf = RPT_XF_TEXT, .get = roster_cell, .arg = 1 },
	{ .head = "As written", .xf = RPT_XF_INT, .get = roster_cell, .arg = 2 },
	{ .head = "Recommended", .xf = RPT_XF_INT, .get = roster_cell, .arg = 3,
	  .when = ROSTER_MET },
	{ .head = "Best found", .xf = RPT_XF_INT, .get = roster_cell, .arg = 3,
	  .when = ROSTER_UNMET },
	{ .head = "Min", .xf = RPT_XF_INT, .get = roster_cell, .arg = 4 },
	{ .head = "Max", .xf = RPT_XF_INT, .get = roster_cell, .arg = 5 },
	{ .head = "Cost per person per week", .xf = RPT_XF_MONEY, .get = roster_cell, .arg = 6 },
	{ .head = "Cost per week (recommended)", .xf = RPT_XF_MONEY, .get = roster_cell,
	  .arg = 7, .when = ROSTER_MET },
	{ .head = "Cost per week (best found)", .xf = RPT_XF_MONEY, .get = roster_cell,
	  .arg = 7, .when = ROSTER_UNMET },
};
static const struct rpt_table roster_table = { roster_cols, RPT_NCOLS(roster_cols), NULL,
	roster_skip, 0 };

/* ---- the iterations: one row per simulated roster ---------------------------- */

/* What an iteration column shows; its arg is the class or the shift. */
enum { IT_NUMBER, IT_PHASE, IT_REPS, IT_COST, IT_MET, IT_CLASS, IT_SAFETY, IT_SHIFT };

static void
iter_cell(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct opt_iter *it = &((const struct opt_result *)ctx)->iter[i];
	int kind = c->arg & 0xff, k = c->arg >> 8;
	enum meas_met met;

	cell->kind = RPT_CELL_NUM;
	switch (kind) {
	case IT_NUMBER: cell->num = i + 1; break;
	case IT_PHASE: cell->kind = RPT_CELL_STR, cell->str = opt_phase_name(it->phase); break;
	case IT_REPS: cell->num = it->replications; break;
	case IT_COST: cell->num = it->cost; break;
	case IT_MET:
		cell->kind = RPT_CELL_STR;
		cell->str = it->screened ? "no (screened out)" : it->all_met ? "yes" : "no";
		cell->xf = it->all_met ? RPT_XF_GOOD : RPT_XF_BAD;
		break;
	case IT_CLASS:
		if ((met = it->m->cls[k].met) == MEAS_MET_NA) {
			cell->kind = RPT_CELL_STR, cell->str = rpt_verdict_word(MEAS_MET_NA);
			cell->xf = RPT_XF_NO_VERDICT;
			break;
		}
		cell->num = it->m->cls[k].attainment.mean;
		cell->xf = met == MEAS_MET_ON_AVERAGE ? RPT_XF_PCT_AMBER :
		    met == MEAS_MET_NO ? RPT_XF_PCT_BAD : RPT_XF_PCT;
		break;
	case IT_SAFETY:
		met = it->m->safety.met;
		cell->num = it->m->safety.miss_rate.mean;
		cell->xf = met == MEAS_MET_NO ? RPT_XF_PCT_BAD :
		    met == MEAS_MET_ON_AVERAGE ? RPT_XF_PCT_AMBER : RPT_XF_PCT;
		break;
	default: {
		struct scn_rshift rs;

		scn_rshift_at(((const struct opt_result *)ctx)->scn,
		    it->as_written ? NULL : it->staff, k, &rs);
		rpt_cell_by_day(rs.staff, rs.days, cell);
		break;
	}
	}
}

/* The iterations' columns: five about the run, one per class, the safety miss
 * rate, then every written shift and each candidate some iteration staffs (as
 * many as a sheet's columns hold).  *out is the caller's to free; its count,
 * or -1 on no memory. */
static int
iter_columns(const struct opt_result *r, struct rpt_col **out)
{
	static const struct { const char *head; int kind; enum rpt_xf xf; } fixed[] = {
		{ "#", IT_NUMBER, RPT_XF_INT }, { "Phase", IT_PHASE, RPT_XF_TEXT },
		{ "Replications", IT_REPS, RPT_XF_INT }, { "Cost per week", IT_COST, RPT_XF_MONEY },
		{ "All targets met", IT_MET, RPT_XF_TEXT },
	};
	const struct scn *s = r->scn;
	size_t cap = (size_t)(6 + s->nclasses + s->nshifts);
	struct rpt_col *cols;
	char (*names)[SCN_MAX_NAME];
	int n = 0, i, k;

	/* One block: the columns, then the shifts' names (as shown) they head. */
	if ((cols = calloc(cap, sizeof *cols + SCN_MAX_NAME)) == NULL)
		return -1;
	names = (char (*)[SCN_MAX_NAME])(void *)(cols + cap);
	for (k = 0; k < RPT_NCOLS(fixed); k++)
		cols[n++] = (struct rpt_col){ .head = fixed[k].head, .xf = fixed[k].xf,
		    .get = iter_cell, .arg = fixed[k].kind };
	for (k = 0; k < s->nclasses; k++)
		cols[n++] = (struct rpt_col){ .head = s->classes[k].name, .xf = RPT_XF_PCT,
		    .get = iter_cell, .arg = IT_CLASS | k << 8 };
	cols[n++] = (struct rpt_col){ .head = "Safety miss rate", .xf = RPT_XF_PCT,
	    .get = iter_cell, .arg = IT_SAFETY };
	for (i = 0; i < s->nshifts && n < RPT_XLSX_MAX_COLS - 1; i++) {
		struct scn_rshift rs;
		int any = s->shifts[i].tmpl == 0;

		if (s->shifts[i].part > 0 && s->shifts[i].part_first != i)
			continue;         /* a shift split by day: one column, at its first part */
		for (k = 0; k < r->niter && !any; k++)
			any = pres_shift_shown(s, r->iter[k].as_written ? NULL : r->iter[k].staff,
			    i, &rs);
		if (!any)
			continue;
		scn_rshift_at(s, NULL, i, &rs);
		snprintf(names[n], SCN_MAX_NAME, "%s", rs.name);
		cols[n] = (struct rpt_col){ .head = names[n], .xf = RPT_XF_INT,
		    .get = iter_cell, .arg = IT_SHIFT | i << 8 };
		n++;
	}
	*out = cols;
	return n;
}

/* ---- the sheet --------------------------------------------------------------- */

/* The answer: cost, saving, verdict, confirmation and how far the search went. */
static int
answer_rows(struct rpt_xsheet *sh, const struct opt_result *r, int row)
{
	char words[256];

	rpt_xlsx_str(sh, row, 0, r->feasible ? "Recommended cost per week" :
	    "Best roster's cost per week", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, r->cost, RPT_XF_MONEY);
	rpt_xlsx_str(sh, row, 0, "Cost as written", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, r->baseline_cost, RPT_XF_MONEY);
	/* When no roster meets the targets, the best found may cost more. */
	rpt_xlsx_str(sh, row, 0, r->cost <= r->baseline_cost ? "Saving per week" :
	    "Extra cost per week", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, fabs(r->baseline_cost - r->cost), RPT_XF_MONEY);
	rpt_xlsx_str(sh, row, 0, "Every target met", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row++, 1, r->feasible ? "yes, with confidence" : "no",
	    r->feasible ? RPT_XF_GOOD : RPT_XF_BAD);
	if (!r->feasible)
		rpt_xlsx_note(sh, row++, 0, 7, r->fail, RPT_XF_WRAP);
	if (r->feasible) {
		const struct opt_iter *cf = &r->iter[r->confirm];

		/* The detail in a note: a long text would widen the column. */
		snprintf(words, sizeof words, "every target holds on a fresh seed (%llu), %d "
		    "replications", (unsigned long long)cf->seed, cf->replications);
		rpt_xlsx_str(sh, row, 0, "Confirmed", RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, "yes", RPT_XF_GOOD);
		rpt_xlsx_note(sh, row++, 2, 7, words, RPT_XF_NOTE);
	}
	rpt_xlsx_str(sh, row, 0, "Simulations / GLPK solves", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row, 1, r->nsims, RPT_XF_INT);
	rpt_xlsx_num(sh, row++, 2, r->nsolves, RPT_XF_INT);
	snprintf(words, sizeof words, "%d stopped after their first replications, %d not "
	    "simulated", r->nscreened, r->npruned);
	rpt_xlsx_str(sh, row, 0, "Moves not played in full", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row, 1, r->nscreened + r->npruned, RPT_XF_INT);
	rpt_xlsx_note(sh, row++, 2, 7, words, RPT_XF_NOTE);
	rpt_xlsx_str(sh, row, 0, "Searched to the end", RPT_XF_LABEL);
	rpt_xlsx_note(sh, row++, 1, 7, r->pairs_complete ? "remove one; move one; one by two; "
	    "two-person repairs" : "remove one; move one; one by two (repairs cut short)",
	    RPT_XF_NOTE);
	return row;
}

/* No roster meets the targets: why, and what would help, first (a wrapped
 * row per sentence). */
static int
diagnosis_rows(struct rpt_xsheet *sh, const struct opt_result *r, int row)
{
	int k;

	if (r->feasible)
		return row;
	rpt_xlsx_str(sh, row++, 0, "No roster within the shifts' bounds meets every target. "
	    "Why, and what would help:", RPT_XF_SECTION);
	for (k = 0; k < r->ndiag; k++)
		rpt_xlsx_note(sh, row++, 0, 7, r->diag[k], RPT_XF_WRAP);
	return row + 1;
}

/* The Optimization sheet: answer, roster, iterations. */
static int
xlsx_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct opt_result *r = *(const struct opt_result *const *)arg;
	const struct scn *s = r->scn;
	struct rpt_xsheet *sh;
	struct rpt_xtable xt;
	struct rpt_table iters = { NULL, 0, NULL, NULL, 0 };
	struct rpt_col *cols;
	int row, i, n;

	if ((sh = rpt_xlsx_sheet(x, "Optimization", r->feasible ?
	    "Optimization: the cheapest roster that meets every target" :
	    "Optimization: best found (does not meet the targets)")) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot add the Optimization sheet");
	row = answer_rows(sh, r, diagnosis_rows(sh, r, 2)) + 1;

	rpt_xlsx_str(sh, row++, 0, "Roster", RPT_XF_SECTION);
	rpt_xtable_init(&xt, sh, &roster_table, r, r->feasible ? ROSTER_MET : ROSTER_UNMET, 0);
	rpt_xtable_head(&xt, row++);
	for (i = 0, n = row; i < s->nshifts; i++) {
		if (roster_skip(r, i))
			continue;
		if (s->shifts[i].tmpl)
			rpt_xlsx_note(sh, n, 8, 9, "designed", RPT_XF_NOTE);
		n++;
	}
	row = rpt_xtable_rows(&xt, row, s->nshifts) + 1;

	rpt_xlsx_str(sh, row++, 0, "Iterations", RPT_XF_SECTION);
	if ((iters.ncols = iter_columns(r, &cols)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	iters.cols = cols;
	rpt_xtable_init(&xt, sh, &iters, r, 0, 0);
	rpt_xtable_head(&xt, row++);
	for (i = 0; i < r->niter; i++)
		rpt_xlsx_note(sh, row + i, iters.ncols, iters.ncols + 6, r->iter[i].note,
		    RPT_XF_NOTE);
	rpt_xtable_rows(&xt, row, r->niter);
	free(cols);
	return 0;
}

static int
rota_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	return pres_rota_sheet(x, arg, err);
}

int
pres_opt_xlsx(const struct opt_result *r, const struct pres_rota *rota, const char *path,
    struct cq_err *err)
{
	struct pres_rota copy;
	struct rpt_xlsx_extra ex[2] = { { xlsx_sheet, &r }, { rota_sheet, &copy } };
	struct rpt_xlsx_opts xo = { r->staff, r->feasible };

	if (rota != NULL)
		copy = *rota;
	return rpt_xlsx_ext(r->scn, r->m, &xo, ex, rota != NULL ? 2 : 1, path, err);
}
