/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pres_opt_xlsx.c — optimize's workbook: the measures' sheets and the
 * Optimization sheet (answer, roster, iterations). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pres.h"
#include "pres_int.h"
#include "report/rpt_xlsx.h"

/* The Optimization sheet: answer, roster, iterations. */
static int
xlsx_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct opt_result *r = *(const struct opt_result *const *)arg;
	const struct scn *s = r->scn;
	static const char *const roster_head[] = { "Shift", "Role", "As written",
		"Recommended", "Min", "Max", "Cost per person per week",
		"Cost per week (recommended)" };
	struct rpt_xsheet *sh;
	const char **head = NULL;
	int row, i, c, ncol, ncs, *col;
	char words[256];

	if ((sh = rpt_xlsx_sheet(x, "Optimization", r->feasible ?
	    "Optimization: the cheapest roster that meets every target" :
	    "Optimization: no roster within the bounds meets every target; the best found"))
	    == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot add the Optimization sheet");
	row = 2;
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
		char buf[160];

		/* The detail in a note: a long text would widen the column. */
		snprintf(buf, sizeof buf, "every target holds on a fresh seed (%llu), %d "
		    "replications", (unsigned long long)cf->seed, cf->replications);
		rpt_xlsx_str(sh, row, 0, "Confirmed", RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, "yes", RPT_XF_GOOD);
		rpt_xlsx_note(sh, row++, 2, 7, buf, RPT_XF_NOTE);
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

	row++;
	rpt_xlsx_str(sh, row++, 0, "Roster", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, roster_head, 8);
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *p = &s->shifts[i];
		double pc = scn_shift_hours_per_week(s, i) * p->cost_per_hour;

		if (!pres_shift_shown(s, r->staff, i))
			continue;
		if (p->tmpl)
			rpt_xlsx_note(sh, row, 8, 9, "designed", RPT_XF_NOTE);
		rpt_xlsx_str(sh, row, 0, p->name, RPT_XF_TEXT);
		rpt_xlsx_str(sh, row, 1, s->roles[p->role].name, RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 2, p->staff, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 3, r->staff[i], RPT_XF_INT);
		rpt_xlsx_num(sh, row, 4, p->min, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 5, p->max, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 6, pc, RPT_XF_MONEY);
		rpt_xlsx_num(sh, row++, 7, pc * r->staff[i], RPT_XF_MONEY);
	}

	row++;
	rpt_xlsx_str(sh, row++, 0, "Iterations", RPT_XF_SECTION);
	/* The columns: every written shift, the candidates some iteration staffs. */
	if ((col = calloc((size_t)s->nshifts, sizeof *col)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (i = 0, ncs = 0; i < s->nshifts; i++) {
		int any = s->shifts[i].tmpl == 0;

		for (c = 0; c < r->niter && !any; c++)
			any = r->iter[c].staff[i] > 0;
		if (any)
			col[ncs++] = i;
	}
	ncol = 5 + s->nclasses + 1 + ncs;
	if ((head = calloc((size_t)ncol, sizeof *head)) == NULL) {
		free(col);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	head[0] = "#";
	head[1] = "Phase";
	head[2] = "Replications";
	head[3] = "Cost per week";
	head[4] = "All targets met";
	for (c = 0; c < s->nclasses; c++)
		head[5 + c] = s->classes[c].name;
	head[5 + s->nclasses] = "Safety miss rate";
	for (i = 0; i < ncs; i++)
		head[6 + s->nclasses + i] = s->shifts[col[i]].name;
	rpt_xlsx_head(sh, row++, 0, head, ncol);
	free(head);
	for (i = 0; i < r->niter; i++, row++) {
		const struct opt_iter *it = &r->iter[i];

		rpt_xlsx_num(sh, row, 0, i + 1, RPT_XF_INT);
		rpt_xlsx_str(sh, row, 1, opt_phase_name(it->phase), RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 2, it->replications, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 3, it->cost, RPT_XF_MONEY);
		rpt_xlsx_str(sh, row, 4, it->screened ? "no (screened out)" : it->all_met ? "yes" :
		    "no", it->all_met ? RPT_XF_GOOD : RPT_XF_BAD);
		for (c = 0; c < s->nclasses; c++)
			rpt_xlsx_attained(sh, row, 5 + c, it->m->cls[c].attainment.mean,
			    it->m->cls[c].met);
		rpt_xlsx_num(sh, row, 5 + s->nclasses, it->m->safety.miss_rate.mean,
		    it->m->safety.met == MEAS_MET_NO ? RPT_XF_PCT_BAD :
		    it->m->safety.met == MEAS_MET_ON_AVERAGE ? RPT_XF_PCT_AMBER : RPT_XF_PCT);
		for (c = 0; c < ncs; c++)
			rpt_xlsx_num(sh, row, 6 + s->nclasses + c, it->staff[col[c]], RPT_XF_INT);
		rpt_xlsx_note(sh, row, ncol, ncol + 6, it->note, RPT_XF_NOTE);
	}
	free(col);
	return 0;
}

int
pres_opt_xlsx(const struct opt_result *r, const char *path, struct cq_err *err)
{
	struct rpt_xlsx_extra ex = { xlsx_sheet, &r };
	struct rpt_xlsx_opts xo = { r->staff, r->feasible };

	return rpt_xlsx_ext(r->scn, r->m, &xo, &ex, 1, path, err);
}
