/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_optimize.c — `clinicq optimize`: the cheapest roster that meets every target. */
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "cli.h"
#include "optimize/opt.h"
#include "report/rpt.h"
#include "report/rpt_xlsx.h"
#include "scenario/units.h"

static const char optimize_help[] =
"usage: clinicq optimize SCENARIO.ini [options]\n"
"\n"
"Find the cheapest staff count for every shift (within each shift's min and\n"
"max) such that every class target and the safety target are met with\n"
"confidence (the 95% interval's lower end at or above the target) in\n"
"simulation.  A first roster comes from Erlang C at the modified offered load\n"
"(sync classes) and cumulative fluid constraints (async classes), solved with\n"
"GLPK (models/staffing.mod), any role that serves a class may carry it;\n"
"simulation with common random numbers adds cuts where targets are missed; a\n"
"local search then moves one or two persons (remove one, move one to another\n"
"shift, replace one by two on cheaper shifts) while every target still holds;\n"
"the answer is confirmed on a fresh seed with [scenario] confirm_replications\n"
"(default 4 x replications).  [shift_template] sections add candidate shifts\n"
"(NAME@HH:MM+LENGTH) that the answer may staff, marked 'designed'.  See\n"
"doc/optimizer.md.\n"
"\n"
"Exit status 3 when no roster within the bounds meets the targets: the best\n"
"roster found is printed all the same, with the targets it misses.\n"
"\n"
"options:\n"
"  --set SECTION.KEY=VALUE  override a scenario value (repeatable)\n"
"  -r, --replications N     replications per simulation\n"
"      --seed N             random seed (the same for every roster tried)\n"
"  -j, --jobs N             worker threads (results do not depend on N)\n"
"      --json               print the answer as JSON on stdout\n"
"  -o, --output FILE.xlsx   the workbook, with an Optimization sheet\n"
"      --csv DIR            CSV files of the recommended roster's measures\n"
"      --write-dat FILE     write the data of the last solve, so that\n"
"                           glpsol -m models/staffing.mod -d FILE solves it\n"
"      --write-roster FILE.ini  the scenario with the answer as its staff and the\n"
"                           designed shifts as [shift] sections: clinicq run\n"
"                           FILE.ini plays the recommended roster\n"
"      --verbose            GLPK's output and every round on stderr\n"
"      --quiet              no progress line\n"
"  -h, --help               this help\n";

struct progress {
	double t0;
	int tty, verbose, shown;
	const struct scn *s;
};

/* One line per simulation: on a terminal after a second, always with --verbose. */
static void
show_progress(void *arg, const struct opt_iter *it, int nsims)
{
	struct progress *p = arg;
	double el = cli_now() - p->t0;
	int i;

	if (p->verbose) {
		fprintf(stderr, "optimize: simulation %d (%s): cost %.2f, %s; roster", nsims,
		    opt_phase_name(it->phase), it->cost, it->all_met ? "all targets met" :
		    "targets missed");
		for (i = 0; i < p->s->nshifts; i++)
			fprintf(stderr, " %s=%d", p->s->shifts[i].name, it->staff[i]);
		fputc('\n', stderr);
		return;
	}
	if (!p->tty || (el < 1.0 && !p->shown))
		return;
	p->shown = 1;
	fprintf(stderr, "\roptimize: %d simulations, %.0fs elapsed, last cost %.0f (%s)   ",
	    nsims, el, it->cost, it->all_met ? "met" : "missed");
}

/* A shift a roster shows: every written shift, the candidates it staffs. */
static int
shown(const struct scn *s, const int *staff, int i)
{
	return s->shifts[i].tmpl == 0 || staff[i] > 0;
}

static void
json_roster(FILE *f, const struct scn *s, const int *staff)
{
	int i, first = 1;

	fputc('{', f);
	for (i = 0; i < s->nshifts; i++) {
		if (!shown(s, staff, i))
			continue;
		if (!first)
			fputc(',', f);
		first = 0;
		rpt_json_str(f, s->shifts[i].name);
		fprintf(f, ":%d", staff[i]);
	}
	fputc('}', f);
}

/* {CLASS:{"attainment":est,"met":verdict or null}} of one simulation. */
static void
json_targets(FILE *f, const struct scn *s, const struct meas *m)
{
	int c;

	for (c = 0; c < s->nclasses; c++) {
		if (c > 0)
			fputc(',', f);
		rpt_json_str(f, s->classes[c].name);
		fputs(":{\"attainment\":", f);
		rpt_json_est(f, &m->cls[c].attainment);
		fputs(",\"met\":", f);
		rpt_json_met(f, m->cls[c].met);
		fputc('}', f);
	}
}

/* The confirmation run of the answer: null when none was run. */
/* With max_utilization: ,"roles":{NAME:{"utilization":est,"met":...}}. */
static void
json_roles(FILE *f, const struct scn *s, const struct meas *m)
{
	int r;

	if (!s->has_max_utilization)
		return;
	fputs(",\"roles\":{", f);
	for (r = 0; r < s->nroles; r++) {
		if (r > 0)
			fputc(',', f);
		rpt_json_str(f, s->roles[r].name);
		fputs(":{\"utilization\":", f);
		rpt_json_est(f, &m->role[r].utilization);
		fputs(",\"met\":", f);
		rpt_json_met(f, m->role[r].met);
		fputc('}', f);
	}
	fputc('}', f);
}

static void
json_confirmation(FILE *f, const struct opt_result *r)
{
	const struct scn *s = r->scn;
	const struct opt_iter *it = NULL;
	int i;

	/* The answer's own confirmation, or (no answer) the last one run. */
	if (r->confirm >= 0)
		it = &r->iter[r->confirm];
	else
		for (i = r->niter - 1; i >= 0 && it == NULL; i--)
			if (r->iter[i].phase == OPT_CONFIRM &&
			    memcmp(r->iter[i].staff, r->staff, (size_t)s->nshifts * sizeof(int)) == 0)
				it = &r->iter[i];
	if (it == NULL) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"seed\":%llu,\"replications\":%d,\"met\":%s,\"classes\":{",
	    (unsigned long long)it->seed, it->replications, it->all_met ? "true" : "false");
	json_targets(f, s, it->m);
	fputs("},\"safety\":{\"miss_rate\":", f);
	rpt_json_est(f, &it->m->safety.miss_rate);
	fputs(",\"met\":", f);
	rpt_json_met(f, it->m->safety.met);
	fputc('}', f);
	json_roles(f, s, it->m);
	fputc('}', f);
}

static void
print_json(const struct opt_result *r, const struct rpt_timing *t, FILE *f)
{
	const struct scn *s = r->scn;
	int i, c;

	fputc('{', f);
	rpt_json_top_members(r->m, f);
	fputs(",\"roster\":", f);
	json_roster(f, s, r->staff);
	fputs(",\"roster_cost_per_week\":", f);
	rpt_json_num(f, r->cost);
	fputs(",\"baseline_roster\":{", f);
	for (i = 0; i < s->nshifts && s->shifts[i].tmpl == 0; i++) {
		if (i > 0)
			fputc(',', f);
		rpt_json_str(f, s->shifts[i].name);
		fprintf(f, ":%d", s->shifts[i].staff);
	}
	fputc('}', f);
	fputs(",\"baseline_cost_per_week\":", f);
	rpt_json_num(f, r->baseline_cost);
	fputs(",\"saving_per_week\":", f);
	rpt_json_num(f, r->baseline_cost - r->cost);
	fprintf(f, ",\"feasible\":%s,\"failed\":", r->feasible ? "true" : "false");
	if (r->feasible)
		fputs("null", f);
	else
		rpt_json_str(f, r->fail);
	fputs(",\"designed\":[", f);
	for (i = 0, c = 0; i < s->nshifts; i++)
		if (s->shifts[i].tmpl > 0 && r->staff[i] > 0) {
			fprintf(f, "%s{\"shift\":", c++ ? "," : "");
			rpt_json_str(f, s->shifts[i].name);
			fputs(",\"template\":", f);
			rpt_json_str(f, s->templates[s->shifts[i].tmpl - 1].name);
			fprintf(f, ",\"start\":\"%02d:%02d\",\"length_min\":%d,\"staff\":%d}",
			    s->shifts[i].start / 60, s->shifts[i].start % 60,
			    s->shifts[i].end - s->shifts[i].start, r->staff[i]);
		}
	fputs("],\"last_solve\":", f);
	json_roster(f, s, r->last_solve);
	fputs(",\"confirmation\":", f);
	json_confirmation(f, r);
	fprintf(f, ",\"simulations\":%d,\"solves\":%d,\"moves_not_simulated\":%d,"
	    "\"moves_screened_out\":%d,\"pairs_complete\":%s,\"programme\":{\"rows\":%d,"
	    "\"columns\":%d,\"pool_rows\":%ld,\"rows_generated\":%ld},\"iterations\":[",
	    r->nsims, r->nsolves, r->npruned, r->nscreened, r->pairs_complete ? "true" : "false",
	    r->lp_rows, r->lp_cols, r->pool_rows, r->rows_generated);
	for (i = 0; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];

		if (i > 0)
			fputc(',', f);
		fprintf(f, "{\"n\":%d,\"phase\":\"%s\",\"seed\":%llu,\"replications\":%d,"
		    "\"roster\":", i + 1, opt_phase_name(it->phase),
		    (unsigned long long)it->seed, it->replications);
		json_roster(f, s, it->staff);
		fputs(",\"cost_per_week\":", f);
		rpt_json_num(f, it->cost);
		fprintf(f, ",\"all_met\":%s,\"targets\":{", it->all_met ? "true" : "false");
		json_targets(f, s, it->m);
		fputs("},\"safety_miss_rate\":", f);
		rpt_json_est(f, &it->m->safety.miss_rate);
		fputs(",\"safety_met\":", f);
		rpt_json_met(f, it->m->safety.met);
		json_roles(f, s, it->m);
		fprintf(f, ",\"kept\":%s,\"screened\":%s", it->kept ? "true" : "false",
		    it->screened ? "true" : "false");
		fputs(",\"note\":", f);
		rpt_json_str(f, it->note);
		fputc('}', f);
	}
	fputc(']', f);
	if (t != NULL) {
		fputs(",\"timing\":{\"wall_s\":", f);
		rpt_json_num(f, t->wall_s);
		fputs(",\"cpu_s\":", f);
		rpt_json_num(f, t->cpu_s);
		fputs(",\"glpk_s\":", f);
		rpt_json_num(f, r->glpk_seconds);
		fprintf(f, ",\"jobs\":%d}", t->jobs);
	}
	fputs("}\n", f);
}

static void
print_text(const struct opt_result *r, const struct rpt_timing *t, FILE *f)
{
	const struct scn *s = r->scn;
	int i, c, ws = 16, wr = 10;

	/* Columns as wide as the longest names (designed shifts: NAME@HH:MM+LEN). */
	for (i = 0; i < s->nshifts; i++) {
		if (!shown(s, r->staff, i))
			continue;
		if ((int)strlen(s->shifts[i].name) > ws)
			ws = (int)strlen(s->shifts[i].name);
		if ((int)strlen(s->roles[s->shifts[i].role].name) > wr)
			wr = (int)strlen(s->roles[s->shifts[i].role].name);
	}
	fprintf(f, "optimized roster: %d simulation%s (%d move%s stopped after their first "
	    "replications), %d GLPK solve%s (%.1fs; %d rows), %d move%s not simulated (no more "
	    "persons on duty than a failure, or below a necessary condition), %.1fs\n",
	    r->nsims, r->nsims == 1 ? "" : "s", r->nscreened, r->nscreened == 1 ? "" : "s",
	    r->nsolves, r->nsolves == 1 ? "" : "s", r->glpk_seconds, r->lp_rows, r->npruned,
	    r->npruned == 1 ? "" : "s", t->wall_s);
	fprintf(f, "searched to the end: remove one person; move one to any shift; replace one "
	    "by two who can take over its work%s\n\n", r->pairs_complete ? "; two-person "
	    "repairs of cheaper moves that failed (a second person moved to where each fell "
	    "short)" : " (two-person repairs cut short by their budget)");
	fprintf(f, "%-*s %-*s %6s %10s %5s %5s %12s\n", ws, "shift", wr, "role", "staff",
	    "as written", "min", "max", "cost/week");
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		if (!shown(s, r->staff, i))
			continue;
		fprintf(f, "%-*s %-*s %6d %10d %5d %5d %12.2f%s\n", ws, sh->name, wr,
		    s->roles[sh->role].name, r->staff[i], sh->staff, sh->min, sh->max,
		    r->staff[i] * scn_shift_hours_per_week(s, i) * sh->cost_per_hour,
		    sh->tmpl ? "  designed" : "");
	}
	/* A dearer roster is an extra cost, never a negative saving. */
	fprintf(f, "\ncost per week %.2f; as written %.2f; %s %.2f (%.1f%%)\n",
	    r->cost, r->baseline_cost, r->cost <= r->baseline_cost ? "saving" : "extra cost",
	    fabs(r->baseline_cost - r->cost), r->baseline_cost > 0 ?
	    100 * fabs(r->baseline_cost - r->cost) / r->baseline_cost : 0.0);
	if (r->feasible) {
		const struct opt_iter *cf = &r->iter[r->confirm];

		fputs("every target is met with confidence (95% interval at or above it)\n",
		    f);
		fprintf(f, "confirmed on a fresh seed (%llu) with %d replications:",
		    (unsigned long long)cf->seed, cf->replications);
		for (c = 0; c < s->nclasses; c++) {
			const struct est *e = &cf->m->cls[c].attainment;

			if (!s->classes[c].has_target)
				continue;
			if (cf->m->cls[c].met == MEAS_MET_NA)
				fprintf(f, " %s no items;", s->classes[c].name);
			else
				fprintf(f, " %s %.1f%% [%.1f%%, %.1f%%];", s->classes[c].name,
				    100 * e->mean, 100 * e->lo, 100 * e->hi);
		}
		if (s->has_safety_target)
			fprintf(f, " safety miss rate %.2f%% [%.2f%%, %.2f%%];",
			    100 * cf->m->safety.miss_rate.mean, 100 * cf->m->safety.miss_rate.lo,
			    100 * cf->m->safety.miss_rate.hi);
		for (c = 0; c < s->nroles && s->has_max_utilization; c++) {
			const struct est *e = &cf->m->role[c].utilization;

			if (cf->m->role[c].met == MEAS_MET_NA)
				fprintf(f, " role %s no hours;", s->roles[c].name);
			else
				fprintf(f, " role %s utilization %.1f%% [%.1f%%, %.1f%%];",
				    s->roles[c].name, 100 * e->mean, 100 * e->lo, 100 * e->hi);
		}
		fputs(" every target holds\n", f);
	} else
		fprintf(f, "NO ROSTER within the shifts' bounds meets every target; the best "
		    "found is shown.\n%s\n", r->fail);

	fputs("\niterations:\n", f);
	fprintf(f, "%3s %-8s %5s %11s %-4s %s\n", "#", "phase", "reps", "cost/week", "met",
	    "roster; note");
	for (i = 0; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];

		fprintf(f, "%3d %-8s %5d %11.2f %-4s", i + 1, opt_phase_name(it->phase),
		    it->replications, it->cost, it->all_met ? "yes" : "no");
		for (c = 0; c < s->nshifts; c++)
			if (shown(s, it->staff, c))
				fprintf(f, " %s=%d", s->shifts[c].name, it->staff[c]);
		if (it->note[0] != '\0')
			fprintf(f, "; %s", it->note);
		fputc('\n', f);
	}
	fputs(r->feasible ? "\nthe recommended roster in simulation (the search's seed):\n" :
	    "\nthe best roster found, in simulation:\n", f);
	rpt_text(r->m, f);
}

/* The Optimization sheet: answer, roster, iterations. */
static int
xlsx_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct opt_result *r = arg;
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

		if (!shown(s, r->staff, i))
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

/* A designed shift's section name must not be one already written (a
 * written [shift night-2000-12h] beside a template night): NAME-2, NAME-3,
 * ... until it is new. */
static void
unique_name(struct scn_shift *sh, int n)
{
	char base[SCN_MAX_NAME], *name = sh[n].name;
	int i, k = 1;
	size_t len;

	snprintf(base, sizeof base, "%s", name);
	for (;;) {
		for (i = 0; i < n && strcmp(sh[i].name, name) != 0; i++)
			;
		if (i == n)
			return;
		k++;
		len = unit_utf8_fit(base, SCN_MAX_NAME - 12);
		snprintf(name, SCN_MAX_NAME, "%.*s-%d", (int)len, base, k);
	}
}

/* --write-roster: the scenario as check prints it, with the answer as its
 * staff and the staffed candidates as [shift] sections (named NAME-HHMM-LENGTH:
 * '@', ':' and '+' are not section name characters), no templates, so that
 * `clinicq run FILE.ini` plays the recommended roster. */
static int
write_roster(const struct opt_result *r, const char *path, struct cq_err *err)
{
	const struct scn *s = r->scn;
	struct scn w = *s;
	struct afile af;
	char *p;
	FILE *f;
	int i, n = 0;

	if ((w.shifts = calloc((size_t)s->nshifts, sizeof *w.shifts)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "out of memory");
	for (i = 0; i < s->nshifts; i++) {
		if (!shown(s, r->staff, i))
			continue;
		w.shifts[n] = s->shifts[i];
		w.shifts[n].staff = r->staff[i];
		for (p = w.shifts[n].name; *p != '\0'; p++)
			if (*p == '@' || *p == '+')
				*p = '-';
		for (p = w.shifts[n].name; (p = strchr(p, ':')) != NULL;)
			memmove(p, p + 1, strlen(p));
		unique_name(w.shifts, n);
		n++;
	}
	w.nshifts = n;
	w.ntemplates = 0;
	w.templates = NULL;
	memset(&af, 0, sizeof af);
	if ((f = afile_open(&af, path, err)) == NULL) {
		free(w.shifts);
		return -1;
	}
	scn_print(&w, f);
	free(w.shifts);
	if (ferror(f)) {
		afile_abort(&af);
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write");
	}
	return afile_commit(&af, err);
}

int
cmd_optimize(int argc, char **argv)
{
	struct cli_opts o;
	struct cq_err err;
	struct scn *s = NULL;
	struct opt_result r;
	struct opt_opts oo;
	struct progress pg;
	struct rpt_timing tm;
	volatile int *stop;
	clock_t c0;
	int rc;

	memset(&err, 0, sizeof err);
	memset(&r, 0, sizeof r);
	rc = cli_parse(argc, argv, &o, optimize_help);
	if (rc != 0)
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	if ((s = cli_load_scenario(&o, &err)) == NULL)
		goto fail;
	/* Find an unwritable output now, not after the optimization. */
	if (cli_probe_outputs(&o, &err) != 0)
		goto fail;

	stop = cli_catch_signals();

	memset(&oo, 0, sizeof oo);
	memset(&tm, 0, sizeof tm);
	memset(&pg, 0, sizeof pg);
	oo.jobs = o.jobs;
	oo.verbose = o.verbose;
	oo.stop = stop;
	oo.want_dat = o.write_dat != NULL;
	pg.t0 = cli_now();
	pg.s = s;
	pg.verbose = o.verbose;
	pg.tty = !o.quiet && isatty(STDERR_FILENO);
	if (pg.tty || pg.verbose) {
		oo.progress = show_progress;
		oo.progress_arg = &pg;
	}
	c0 = clock();
	if (opt_run(s, &oo, &r, &err) != 0)
		goto fail;
	if (pg.shown)
		fputc('\n', stderr);
	tm.wall_s = cli_now() - pg.t0;
	tm.cpu_s = (double)(clock() - c0) / CLOCKS_PER_SEC;
	tm.jobs = o.jobs;

	/* All output files or none, renamed into place together. */
	afile_batch_begin();
	if (o.write_dat != NULL && opt_write_dat(&r, o.write_dat, &err) != 0)
		goto fail;
	if (o.write_roster != NULL && write_roster(&r, o.write_roster, &err) != 0)
		goto fail;
	if (o.xlsx != NULL) {
		struct rpt_xlsx_extra ex = { xlsx_sheet, &r };
		struct rpt_xlsx_opts xo = { r.staff, r.feasible };

		if (rpt_xlsx_ext(r.scn, r.m, &xo, &ex, 1, o.xlsx, &err) != 0)
			goto fail;
	}
	if (o.csv_dir != NULL && rpt_csv(r.m, o.csv_dir, &err) != 0)
		goto fail;
	if (o.json)
		print_json(&r, &tm, stdout);
	else
		print_text(&r, &tm, stdout);
	if (cli_commit_outputs(&err) != 0)
		goto fail;
	if (!r.feasible)
		fprintf(stderr, "clinicq: optimize: no roster within the shifts' bounds meets "
		    "every target: %s\n", r.fail);
	rc = r.feasible ? CQ_EXIT_OK : CQ_EXIT_NOROSTER;
	opt_result_free(&r);
	scn_free(s);
	return rc;
fail:
	afile_batch_abort();
	if (pg.shown)
		fputc('\n', stderr);
	cq_err_print(&err);
	opt_result_free(&r);
	scn_free(s);
	return err.code ? err.code : CQ_EXIT_FAIL;
}
