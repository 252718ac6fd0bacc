/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pres_opt_xlsx.c — optimize's workbook: the measures' sheets and the
 * Optimization sheet (answer, roster, iterations). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		cell->str = it->screened ? "no, early" : it->all_met ? "yes" : "no";
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
 * rate; the roster and the note follow as wrapped text (iter_texts).  *out is
 * the caller's to free; its count, or -1 on no memory. */
static int
iter_columns(const struct opt_result *r, struct rpt_col **out)
{
	static const struct { const char *head; int kind; enum rpt_xf xf; } fixed[] = {
		{ "#", IT_NUMBER, RPT_XF_INT }, { "Phase", IT_PHASE, RPT_XF_TEXT },
		{ "Replications", IT_REPS, RPT_XF_INT }, { "Cost per week", IT_COST, RPT_XF_MONEY },
		{ "All targets met", IT_MET, RPT_XF_TEXT },
	};
	const struct scn *s = r->scn;
	struct rpt_col *cols;
	int n = 0, k;

	if ((cols = calloc((size_t)(6 + s->nclasses), sizeof *cols)) == NULL)
		return -1;
	for (k = 0; k < RPT_NCOLS(fixed); k++)
		cols[n++] = (struct rpt_col){ .head = fixed[k].head, .xf = fixed[k].xf,
		    .get = iter_cell, .arg = fixed[k].kind };
	for (k = 0; k < s->nclasses; k++)
		cols[n++] = (struct rpt_col){ .head = s->classes[k].name, .xf = RPT_XF_PCT,
		    .get = iter_cell, .arg = IT_CLASS | k << 8 };
	cols[n++] = (struct rpt_col){ .head = "Safety miss rate", .xf = RPT_XF_PCT,
	    .get = iter_cell, .arg = IT_SAFETY };
	*out = cols;
	return n;
}

/* An iteration's roster as what differs from the roster as written
 * ("rn_early 1, md_pm 2"; "as written"). */
static void
iter_roster_text(const struct opt_result *r, const struct opt_iter *it, char *buf, size_t n)
{
	const struct scn *s = r->scn;
	struct scn_rshift rs;
	char v[160];
	size_t len = 0;
	int i, d, diff;

	buf[0] = '\0';
	for (i = 0; i < s->nshifts && len + 1 < n; i++) {
		if (!pres_shift_shown(s, it->as_written ? NULL : it->staff, i, &rs))
			continue;
		for (d = 0, diff = 0; d < WEEK_DAYS; d++)
			diff |= (rs.days & (1u << d)) && rs.staff[d] != rs.written[d];
		if (!diff)
			continue;
		scn_by_day_format(rs.staff, rs.days, v, sizeof v);
		snprintf(buf + len, n - len, "%s%s %s", len ? ", " : "", rs.name, v);
		len = strlen(buf);
	}
	if (buf[0] == '\0')
		snprintf(buf, n, "as written");
}

#define ITER_TEXT_COLS 2          /* A and B */
#define ITER_B_WIDTH 14.0         /* B, as the sheet sets it */

/* A wrapped text over columns col0..col1 of one row, made tall enough for it
 * (the columns' widths are set: w in all); valign LXW_ALIGN_VERTICAL_*. */
static lxw_format *
wrap_format(struct rpt_xlsx *x, uint8_t valign)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (f != NULL) {
		format_set_text_wrap(f);
		format_set_align(f, valign);
		format_set_font_size(f, 10);
		format_set_indent(f, 1);
	}
	return f;
}

static void
wrap_cells(struct rpt_xsheet *sh, int row, int col0, int col1, double w, const char *s,
    lxw_format *f)
{
	/* Ten-point text: about 1.2 characters to a unit of width. */
	double lines = ceil((double)strlen(s) / (1.2 * w));

	if (col1 > col0)
		rpt_xlsx_check(sh->x, worksheet_merge_range(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)col0, (lxw_row_t)row, (lxw_col_t)col1, s, f), "merging cells");
	else
		rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, (lxw_row_t)row,
		    (lxw_col_t)col0, s, f), "writing a cell");
	if (lines > 1)
		rpt_xlsx_check(sh->x, worksheet_set_row(sh->ws, (lxw_row_t)row,
		    12.75 * lines + 2, NULL), "sizing a row");
}

/* Each iteration's roster (what differs from as written) and what was done,
 * wrapped in one cell over ITER_TEXT_COLS columns from col, at the foot of
 * the row like its figures: numbers never run into text. */
static void
iter_texts(struct rpt_xsheet *sh, const struct opt_result *r, int row, int col)
{
	lxw_format *f = wrap_format(sh->x, LXW_ALIGN_VERTICAL_BOTTOM);
	char roster[768], buf[1400];
	int i;

	rpt_xlsx_note(sh, row - 1, col, col + ITER_TEXT_COLS - 1, "Roster (what differs "
	    "from as written); what was done", RPT_XF_HEAD);
	for (i = 0; i < r->niter; i++) {
		const char *note = r->iter[i].note;

		iter_roster_text(r, &r->iter[i], roster, sizeof roster);
		snprintf(buf, sizeof buf, "%s%s%s", roster, note[0] ? "; " : "", note);
		wrap_cells(sh, row + i, col, col + ITER_TEXT_COLS - 1,
		    (sh->width[0] > 8.43 ? sh->width[0] : 8.43) + ITER_B_WIDTH, buf, f);
	}
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
	rpt_xlsx_str(sh, row++, 1, r->feasible ? "yes" : "no",
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

/* What the Optimization sheet shows. */
struct opt_view {
	const struct opt_result *r;
	const struct pres_change *ch;
	int nch;
};

/* One figure as written and recommended: attained share (or miss rate) and
 * verdict of each. */
static void
side_row(struct rpt_xsheet *sh, int row, const char *label, const struct meas *b,
    const struct meas *m, int c)
{
	const struct meas *ms[2] = { b, m };
	int k;

	rpt_xlsx_str(sh, row, 0, label, RPT_XF_LABEL);
	for (k = 0; k < 2; k++) {
		if (c >= 0)
			rpt_xlsx_attained(sh, row, 1 + 2 * k, ms[k]->cls[c].attainment.mean,
			    ms[k]->cls[c].met);
		else
			rpt_xlsx_num(sh, row, 1 + 2 * k, ms[k]->safety.miss_rate.mean,
			    ms[k]->safety.met == MEAS_MET_NO ? RPT_XF_PCT_BAD :
			    ms[k]->safety.met == MEAS_MET_ON_AVERAGE ? RPT_XF_PCT_AMBER : RPT_XF_PCT);
		rpt_xlsx_verdict(sh, row, 2 + 2 * k, c >= 0 ? ms[k]->cls[c].met : ms[k]->safety.met);
	}
}

/* The roster as written beside the recommendation: each target, the cost. */
static int
side_rows(struct rpt_xsheet *sh, const struct opt_result *r, int row)
{
	static const char *const head[] = { "Target", "As written", "Verdict",
		"Recommended", "Verdict" };
	static const char *const head_best[] = { "Target", "As written", "Verdict",
		"Best found", "Verdict" };
	const struct scn *s = r->scn;
	const struct opt_iter *b = pres_opt_baseline(r);
	char lab[128];
	int c;

	snprintf(lab, sizeof lab, "As written and %s, simulated on the search's seed (%d and "
	    "%d replications)", r->feasible ? "recommended" : "best found", b->replications,
	    r->m->replications);
	rpt_xlsx_str(sh, row++, 0, lab, RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, r->feasible ? head : head_best, 5);
	for (c = 0; c < s->nclasses; c++) {
		if (!s->classes[c].has_target)
			continue;
		pres_target_words(s, c, lab, sizeof lab);
		side_row(sh, row++, lab, b->m, r->m, c);
	}
	if (s->has_safety_target) {
		snprintf(lab, sizeof lab, "safety miss rate <= %g%%", 100 * s->safety_miss_rate);
		side_row(sh, row++, lab, b->m, r->m, -1);
	}
	snprintf(lab, sizeof lab, "Cost per week%s%s", s->currency[0] ? ", " : "", s->currency);
	rpt_xlsx_str(sh, row, 0, lab, RPT_XF_LABEL);
	rpt_xlsx_num(sh, row, 1, r->baseline_cost, RPT_XF_MONEY);
	rpt_xlsx_num(sh, row++, 3, r->cost, RPT_XF_MONEY);
	return row + 1;
}

/* The why's columns' width in all (columns D to J as the sheet sets them). */
#define CHANGE_WHY_WIDTH (2 * 14.0 + 2 * 10.0 + 3 * 10.0)

/* Each shift whose staff changed: as written, recommended, and why. */
static int
change_rows(struct rpt_xsheet *sh, const struct opt_view *v, int row)
{
	static const char *const head[] = { "Shift", "As written", "Recommended", "Why" };
	static const char *const head_best[] = { "Shift", "As written", "Best found", "Why" };
	lxw_format *top, *bold;
	int i;

	rpt_xlsx_str(sh, row++, 0, "Changes and why", RPT_XF_SECTION);
	if (v->nch == 0) {
		rpt_xlsx_note(sh, row++, 0, 7, "None: the roster as written is the answer.",
		    RPT_XF_NOTE);
		return row + 1;
	}
	rpt_xlsx_head(sh, row++, 0, v->r->feasible ? head : head_best, 4);
	top = wrap_format(sh->x, LXW_ALIGN_VERTICAL_TOP);
	if ((bold = wrap_format(sh->x, LXW_ALIGN_VERTICAL_TOP)) != NULL)
		format_set_bold(bold);
	for (i = 0; i < v->nch; i++, row++) {
		const struct scn_rshift *rs = &v->ch[i].rs;
		char a[160], b[160];

		/* All at the top of the row, beside the first line of the why. */
		scn_by_day_format(rs->written, rs->days, a, sizeof a);
		scn_by_day_format(rs->staff, rs->days, b, sizeof b);
		rpt_xlsx_width(sh, 0, 1.1 * (double)strlen(rs->name) + 2);
		wrap_cells(sh, row, 0, 0, 30, rs->name, bold);
		wrap_cells(sh, row, 1, 1, 30, a, top);
		wrap_cells(sh, row, 2, 2, 30, b, top);
		wrap_cells(sh, row, 3, 9, CHANGE_WHY_WIDTH, v->ch[i].why, top);
	}
	return row + 1;
}

/* The Optimization sheet: answer, the comparison, roster, changes, iterations. */
static int
xlsx_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct opt_view *v = arg;
	const struct opt_result *r = v->r;
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
	row = side_rows(sh, r, row);

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
	row = change_rows(sh, v, row);

	rpt_xlsx_str(sh, row++, 0, "Iterations: every simulation the search ran",
	    RPT_XF_SECTION);
	if ((iters.ncols = iter_columns(r, &cols)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	iters.cols = cols;
	/* The text first, in the wide columns the labels above make. */
	rpt_xtable_init(&xt, sh, &iters, r, 0, ITER_TEXT_COLS);
	rpt_xtable_head(&xt, row++);
	iter_texts(sh, r, row, 0);
	rpt_xtable_rows(&xt, row, r->niter);
	/* One page wide at a readable size: the figures' columns as narrow as
	 * their numbers (headers and verdicts wrap), the text in four. */
	for (i = 1; i < iters.ncols + ITER_TEXT_COLS; i++)
		if (i < 5 || sh->width[i] < 10)
			sh->width[i] = i < 5 ? ITER_B_WIDTH : 10;
		else if (i >= 8 || sh->width[i] > 16)
			sh->width[i] = i < 8 ? 16 : 10;   /* G, H: the roster's costs */
	free(cols);
	/* Printed: the iterations' header on every page. */
	rpt_xlsx_check(x, worksheet_repeat_rows(sh->ws, (lxw_row_t)(row - 1),
	    (lxw_row_t)(row - 1)), "repeating the header row");
	return 0;
}

static int
rota_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	return pres_rota_sheet(x, arg, err);
}

int
pres_opt_xlsx(const struct opt_result *r, const struct pres_change *ch, int nch,
    const struct pres_rota *rota, const char *path, struct cq_err *err)
{
	struct pres_rota copy;
	struct opt_view v = { r, ch, nch };
	struct rpt_xlsx_extra ex[2] = { { xlsx_sheet, &v }, { rota_sheet, &copy } };
	const char *why[OPT_MAX_DIAG];
	struct rpt_xlsx_opts xo = { r->staff, r->feasible, why, r->ndiag };
	int k;

	for (k = 0; k < r->ndiag; k++)
		why[k] = r->diag[k];
	if (rota != NULL)
		copy = *rota;
	return rpt_xlsx_ext(r->scn, r->m, &xo, ex, rota != NULL ? 2 : 1, path, err);
}
