/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pres_opt.c — optimize's answer for people (text) and for programs (JSON). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pres.h"
#include "pres_int.h"

/* A shift a roster shows: every written shift, the candidates it staffs; in
 * optimize's copy a shift split by day at its first part, with the others. */
int
pres_shift_shown(const struct scn *s, const int *staff, int i, struct scn_rshift *r)
{
	return scn_rshift_at(s, staff, i, r) && (s->shifts[i].tmpl == 0 || r->staffed);
}

/* {SHIFT:staff, ...}, staff by day an object by day; staff NULL: as written. */
static void
json_roster(FILE *f, const struct scn *s, const int *staff)
{
	struct scn_rshift r;
	int i, first = 1;

	fputc('{', f);
	for (i = 0; i < s->nshifts; i++) {
		if (!pres_shift_shown(s, staff, i, &r))
			continue;
		if (!first)
			fputc(',', f);
		first = 0;
		rpt_json_str(f, r.name);
		fputc(':', f);
		rpt_json_by_day(f, r.staff, r.days);
	}
	fputc('}', f);
}

/* An iteration's roster: as written when it was played so. */
static const int *
iter_staff(const struct opt_iter *it)
{
	return it->as_written ? NULL : it->staff;
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

/* The designed shifts a roster staffs, with their template, start and length. */
static void
json_designed(FILE *f, const struct scn *s, const int *staff)
{
	int i, c;

	fputc('[', f);
	struct scn_rshift r;

	for (i = 0, c = 0; i < s->nshifts; i++)
		if (s->shifts[i].tmpl > 0 && pres_shift_shown(s, staff, i, &r)) {
			fprintf(f, "%s{\"shift\":", c++ ? "," : "");
			rpt_json_str(f, r.name);
			fputs(",\"template\":", f);
			rpt_json_str(f, r.tmpl_name);
			fprintf(f, ",\"start\":\"%02d:%02d\",\"length_min\":%d,\"staff\":",
			    s->shifts[i].start / 60, s->shifts[i].start % 60,
			    s->shifts[i].end - s->shifts[i].start);
			rpt_json_by_day(f, r.staff, r.days);
			fputc('}', f);
		}
	fputc(']', f);
}

/* Every simulated roster, in the order the search ran them. */
static void
json_iterations(FILE *f, const struct opt_result *r)
{
	const struct scn *s = r->scn;
	int i;

	for (i = 0; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];

		if (i > 0)
			fputc(',', f);
		fprintf(f, "{\"n\":%d,\"phase\":\"%s\",\"seed\":%llu,\"replications\":%d,"
		    "\"roster\":", i + 1, opt_phase_name(it->phase),
		    (unsigned long long)it->seed, it->replications);
		json_roster(f, s, iter_staff(it));
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
}

/* optimize --rota: what the people pass did; when no roster met every
 * target it did not run (rosters are compared in people only then). */
static const char *
people_note(const struct opt_result *r)
{
	if (r->people_note[0] != '\0')
		return r->people_note;
	return "no roster met every target, so no roster was compared in people";
}

/* "people":{the answer's people cost (its rota's), what was done, and the
 * roster cheapest in hours when another was chosen}, then "rota". */
static void
json_people(FILE *f, const struct opt_result *r, const struct pres_rota *rota)
{
	fputs(",\"people\":{\"cost_per_week\":", f);
	if (rota->r->feasible)
		rpt_json_num(f, rota->r->cost_per_week);
	else
		fputs("null", f);
	fputs(",\"note\":", f);
	rpt_json_str(f, people_note(r));
	fputs(",\"cheapest_in_hours\":", f);
	if (r->hours_staff == NULL)
		fputs("null", f);
	else {
		fputs("{\"roster\":", f);
		json_roster(f, r->scn, r->hours_staff);
		fputs(",\"roster_cost_per_week\":", f);
		rpt_json_num(f, r->hours_cost);
		fputs(",\"people_cost_per_week\":", f);
		if (r->hours_people_cost >= 0)
			rpt_json_num(f, r->hours_people_cost);
		else
			fputs("null", f);
		fputc('}', f);
	}
	fputs("},", f);
	pres_rota_json(rota->p, rota->r, f);
}

/* {SHIFT:staff} of the roster as written (its written shifts). */
static void
json_written(FILE *f, const struct scn *s)
{
	struct scn_rshift rs;
	int i, first;

	fputc('{', f);
	for (i = 0, first = 1; i < s->nshifts && s->shifts[i].tmpl == 0; i++) {
		if (!scn_rshift_at(s, NULL, i, &rs))
			continue;
		if (!first)
			fputc(',', f);
		first = 0;
		rpt_json_str(f, rs.name);
		fputc(':', f);
		rpt_json_by_day(f, rs.written, rs.days);
	}
	fputc('}', f);
}

/* "baseline": the roster as written, its cost and its verdicts on the
 * search's seed, beside the recommendation's (the top-level keys). */
static void
json_baseline(FILE *f, const struct opt_result *r)
{
	const struct opt_iter *b = pres_opt_baseline(r);

	fputs(",\"baseline\":{\"roster\":", f);
	json_written(f, r->scn);
	fputs(",\"cost_per_week\":", f);
	rpt_json_num(f, r->baseline_cost);
	fprintf(f, ",\"seed\":%llu,\"replications\":%d,\"all_met\":%s,\"classes\":{",
	    (unsigned long long)b->seed, b->replications, b->all_met ? "true" : "false");
	json_targets(f, r->scn, b->m);
	fputs("},\"safety\":{\"miss_rate\":", f);
	rpt_json_est(f, &b->m->safety.miss_rate);
	fputs(",\"met\":", f);
	rpt_json_met(f, b->m->safety.met);
	fputs("}}", f);
}

/* "changes": a shift whose staff changed, from and to, and why. */
static void
json_changes(FILE *f, const struct scn *s, const struct pres_change *ch, int nch)
{
	int i, k;

	fputs(",\"changes\":[", f);
	for (i = 0; i < nch; i++) {
		fputs(i ? ",{\"shift\":" : "{\"shift\":", f);
		rpt_json_str(f, ch[i].rs.name);
		fputs(",\"from\":", f);
		rpt_json_by_day(f, ch[i].rs.written, ch[i].rs.days);
		fputs(",\"to\":", f);
		rpt_json_by_day(f, ch[i].rs.staff, ch[i].rs.days);
		fputs(",\"why\":", f);
		rpt_json_str(f, ch[i].why);
		fputs(",\"opens\":[", f);
		for (k = 0; k < ch[i].nopens; k++) {
			fputs(k ? ",{\"class\":" : "{\"class\":", f);
			rpt_json_str(f, s->classes[ch[i].opens[k].cls].name);
			fputs(",\"when\":", f);
			rpt_json_str(f, ch[i].opens[k].when);
			fputs(",\"share\":", f);
			rpt_json_num(f, ch[i].opens[k].share);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputc(']', f);
}

void
pres_opt_json(const struct opt_result *r, const struct pres_change *ch, int nch,
    const struct pres_rota *rota, const struct rpt_timing *t, FILE *f)
{
	const struct scn *s = r->scn;
	int i;

	fputc('{', f);
	rpt_json_top_members(r->m, f);
	fputs(",\"roster\":", f);
	json_roster(f, s, r->staff);
	fputs(",\"roster_cost_per_week\":", f);
	rpt_json_num(f, r->cost);
	fputs(",\"baseline_roster\":", f);
	json_written(f, s);
	json_baseline(f, r);
	json_changes(f, s, ch, nch);
	fputs(",\"baseline_cost_per_week\":", f);
	rpt_json_num(f, r->baseline_cost);
	fputs(",\"saving_per_week\":", f);
	rpt_json_num(f, r->baseline_cost - r->cost);
	fprintf(f, ",\"feasible\":%s,\"failed\":", r->feasible ? "true" : "false");
	if (r->feasible)
		fputs("null", f);
	else
		rpt_json_str(f, r->fail);
	fputs(",\"diagnosis\":[", f);
	for (i = 0; i < r->ndiag; i++) {
		if (i > 0)
			fputc(',', f);
		rpt_json_str(f, r->diag[i]);
	}
	fputc(']', f);
	fputs(",\"designed\":", f);
	json_designed(f, s, r->staff);
	fputs(",\"last_solve\":", f);
	json_roster(f, s, r->last_solve);
	fputs(",\"confirmation\":", f);
	json_confirmation(f, r);
	fprintf(f, ",\"simulations\":%d,\"solves\":%d,\"moves_not_simulated\":%d,"
	    "\"moves_screened_out\":%d,\"pairs_complete\":%s,\"programme\":{\"rows\":%d,"
	    "\"columns\":%d,\"pool_rows\":%ld,\"rows_generated\":%ld},\"iterations\":[",
	    r->nsims, r->nsolves, r->npruned, r->nscreened, r->pairs_complete ? "true" : "false",
	    r->lp_rows, r->lp_cols, r->pool_rows, r->rows_generated);
	json_iterations(f, r);
	fputc(']', f);
	if (rota != NULL)
		json_people(f, r, rota);
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

/* A roster's staff by day as one text cell: "3", or "mon 4, tue-thu 3". */
static const char *
by_day_text(const int v[WEEK_DAYS], unsigned days, char *buf, size_t n)
{
	scn_by_day_format(v, days, buf, n);
	return buf;
}

/* "07:00-15:00", "22:00-08:00+1" (ending the next day). */
static const char *
hours_text(const struct scn_shift *sh, char *buf, size_t n)
{
	int e = sh->end % DAY_MINUTES;

	snprintf(buf, n, "%02d:%02d-%02d:%02d%s", sh->start / 60, sh->start % 60, e / 60,
	    e % 60, sh->end > DAY_MINUTES ? "+1" : "");
	return buf;
}

/* The roster, a row per shown shift, columns ws and wr wide: its days, hours
 * and whether it is on call; a shift whose staff or bounds differ by day says
 * so, and a line under it gives them. */
static void
text_roster(FILE *f, const struct opt_result *r, int ws, int wr)
{
	const struct scn *s = r->scn;
	struct scn_rshift rs;
	char a[160], b[160], c[160], d[160], dw[64], hw[32];
	int i;

	fprintf(f, "%-*s %-*s %-13s %-13s %6s %10s %5s %5s %12s\n", ws, "shift", wr, "role",
	    "days", "hours", "staff", "as written", "min", "max", "cost/week");
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];
		int vs, vw, vn, vx;

		if (!pres_shift_shown(s, r->staff, i, &rs))
			continue;
		vs = scn_by_day_varies(rs.staff, rs.days);
		vw = scn_by_day_varies(rs.written, rs.days);
		vn = scn_by_day_varies(rs.min, rs.days);
		vx = scn_by_day_varies(rs.max, rs.days);
		week_days_words(rs.days, dw, sizeof dw);
		fprintf(f, "%-*s %-*s %-13s %-13s %6s %10s %5s %5s %12.2f%s%s\n", ws, rs.name, wr,
		    s->roles[sh->role].name, dw, hours_text(sh, hw, sizeof hw),
		    vs ? "by day" : by_day_text(rs.staff, rs.days, a, sizeof a),
		    vw ? "by day" : by_day_text(rs.written, rs.days, b, sizeof b),
		    vn ? "by day" : by_day_text(rs.min, rs.days, c, sizeof c),
		    vx ? "by day" : by_day_text(rs.max, rs.days, d, sizeof d),
		    scn_rshift_cost(s, &rs, r->staff), sh->on_call ? "  on call" : "",
		    sh->tmpl ? "  designed" : "");
		if (!(vs || vw || vn || vx))
			continue;
		fprintf(f, "%*s staff %s; as written %s", ws, "",
		    by_day_text(rs.staff, rs.days, a, sizeof a),
		    by_day_text(rs.written, rs.days, b, sizeof b));
		if (vn || vx)
			fprintf(f, "; min %s; max %s", by_day_text(rs.min, rs.days, c, sizeof c),
			    by_day_text(rs.max, rs.days, d, sizeof d));
		fputc('\n', f);
	}
}

/* Text in lines of at most 88 columns, broken at spaces: the first line
 * after lead, the others after indent. */
static void
wrap_text(FILE *f, const char *text, const char *lead, const char *indent)
{
	const char *p = text, *pre = lead, *cut, *q;
	int room;

	while (*p != '\0') {
		room = 88 - (int)strlen(pre);
		cut = NULL;
		for (q = p; *q != '\0' && (q - p <= room || cut == NULL); q++)
			if (*q == ' ')
				cut = q;
		if (*q == '\0' && q - p <= room)
			cut = q;
		else if (cut == NULL)
			cut = q;
		fprintf(f, "%s%.*s\n", pre, (int)(cut - p), p);
		for (p = cut; *p == ' '; p++)
			;
		pre = indent;
	}
}

/* No roster meets the targets: why, and what would help, before anything
 * else; then the heading of the roster that is shown. */
static void
text_diagnosis(FILE *f, const struct opt_result *r)
{
	int k;

	fputs("NO ROSTER within the shifts' bounds meets every target. Why, and what would "
	    "help:\n", f);
	for (k = 0; k < r->ndiag; k++)
		wrap_text(f, r->diag[k], "  - ", "    ");
	fputc('\n', f);
}

/* "99.3% met" of class c (or the safety miss rate, c < 0) in m. */
static const char *
verdict_text(const struct meas *m, int c, char *buf, size_t n)
{
	const struct est *e = c < 0 ? &m->safety.miss_rate : &m->cls[c].attainment;
	enum meas_met met = c < 0 ? m->safety.met : m->cls[c].met;

	if (met == MEAS_MET_NA)
		snprintf(buf, n, "%s", rpt_verdict_word(met));
	else
		snprintf(buf, n, "%.*f%% %s", c < 0 ? 2 : 1, 100 * e->mean,
		    rpt_verdict_word(met));
	return buf;
}

/* The roster as written beside the recommendation: each target's attainment
 * and verdict, and the cost, both on the search's seed. */
static void
text_side(FILE *f, const struct opt_result *r)
{
	const struct scn *s = r->scn;
	const struct opt_iter *b = pres_opt_baseline(r);
	const char *rec = r->feasible ? "recommended" : "best found";
	char lab[96], x[64], y[64], d[48];
	double save = r->baseline_cost - r->cost;
	int c;

	fprintf(f, "as written and %s, simulated on the search's seed (%d and %d "
	    "replications):\n", rec, b->replications, r->m->replications);
	fprintf(f, "  %-34s %-22s %s\n", "", "as written", rec);
	for (c = 0; c < s->nclasses; c++) {
		if (!s->classes[c].has_target)
			continue;
		pres_target_words(s, c, lab, sizeof lab);
		fprintf(f, "  %-34s %-22s %s\n", lab, verdict_text(b->m, c, x, sizeof x),
		    verdict_text(r->m, c, y, sizeof y));
	}
	if (s->has_safety_target) {
		snprintf(lab, sizeof lab, "safety miss rate <= %g%%", 100 * s->safety_miss_rate);
		fprintf(f, "  %-34s %-22s %s\n", lab, verdict_text(b->m, -1, x, sizeof x),
		    verdict_text(r->m, -1, y, sizeof y));
	}
	/* A dearer roster is an extra cost, never a negative saving. */
	fprintf(f, "  %-34s %-22s %s", "cost per week",
	    rpt_fmt_money(r->baseline_cost, s->currency, x, sizeof x),
	    rpt_fmt_money(r->cost, s->currency, y, sizeof y));
	fprintf(f, "  (%s %s, %.1f%%)\n", save >= 0 ? "saving" : "extra cost",
	    rpt_fmt_money(fabs(save), s->currency, d, sizeof d), r->baseline_cost > 0 ?
	    100 * fabs(save) / r->baseline_cost : 0.0);
}

/* Each shift whose staff changed: from, to, and why. */
static void
text_changes(FILE *f, const struct pres_change *ch, int nch, int ws, int best)
{
	char a[160], b[160];
	int i;

	if (nch == 0) {
		fputs("\nchanges: none; the roster as written is the answer\n", f);
		return;
	}
	fprintf(f, "\nchanges (as written -> %s) and why:\n", best ? "best found" :
	    "recommended");
	for (i = 0; i < nch; i++)
		fprintf(f, "  %-*s %s -> %s: %s\n", ws, ch[i].rs.name,
		    by_day_text(ch[i].rs.written, ch[i].rs.days, a, sizeof a),
		    by_day_text(ch[i].rs.staff, ch[i].rs.days, b, sizeof b), ch[i].why);
}

/* Whether every target is met, and the confirmation's figures. */
static void
text_verdict(FILE *f, const struct opt_result *r)
{
	const struct scn *s = r->scn;
	int c;

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
	} else {
		fputs("the best found misses:\n", f);
		wrap_text(f, r->fail, "  ", "  ");
	}
}

/* Every simulated roster: phase, replications, cost, verdict, staff, note. */
static void
text_iterations(FILE *f, const struct opt_result *r)
{
	const struct scn *s = r->scn;
	struct scn_rshift rs;
	char buf[160];
	int i, c;

	fputs("\niterations:\n", f);
	fprintf(f, "%3s %-8s %5s %11s %-4s %s\n", "#", "phase", "reps", "cost/week", "met",
	    "roster; note");
	for (i = 0; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];

		fprintf(f, "%3d %-8s %5d %11.2f %-4s", i + 1, opt_phase_name(it->phase),
		    it->replications, it->cost, it->all_met ? "yes" : "no");
		for (c = 0; c < s->nshifts; c++)
			if (pres_shift_shown(s, iter_staff(it), c, &rs)) {
				scn_by_day_format(rs.staff, rs.days, buf, sizeof buf);
				fprintf(f, scn_by_day_varies(rs.staff, rs.days) ? " %s=(%s)" :
				    " %s=%s", rs.name, buf);
			}
		if (it->note[0] != '\0')
			fprintf(f, "; %s", it->note);
		fputc('\n', f);
	}
}

/* optimize --rota: which roster and why, then its rota. */
static void
text_people(FILE *f, const struct opt_result *r, const struct pres_rota *rota)
{
	const char *cu = r->scn->currency;
	char money[48];

	fputs("\npeople: ", f);
	if (rota->r->feasible)
		fprintf(f, "the %s needs people costing %s a week; %s\n",
		    r->feasible ? "recommended roster" : "best roster found",
		    rpt_fmt_money(rota->r->cost_per_week, cu, money, sizeof money),
		    people_note(r));
	else
		fprintf(f, "no rota within the contracts covers the %s; %s\n",
		    r->feasible ? "recommended roster" : "best roster found", people_note(r));
	if (r->hours_staff != NULL) {
		struct scn_rshift rs;
		char buf[160];
		int i, first = 1;

		fputs("the roster cheapest in hours:", f);
		for (i = 0; i < r->scn->nshifts; i++)
			if (pres_shift_shown(r->scn, r->hours_staff, i, &rs)) {
				fprintf(f, "%s %s %s", first ? "" : ",", rs.name,
				    by_day_text(rs.staff, rs.days, buf, sizeof buf));
				first = 0;
			}
		fputc('\n', f);
	}
	fputc('\n', f);
	pres_rota_text(rota->p, rota->r, cu, r->feasible ?
	    "the recommended roster" : "the best roster found", f);
}

/* How the search went: simulations, solves, moves not simulated, and how far
 * it searched (--verbose). */
static void
text_search(FILE *f, const struct opt_result *r, const struct rpt_timing *t)
{
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
}

void
pres_opt_text(const struct opt_result *r, const struct pres_change *ch, int nch,
    const struct pres_rota *rota, const struct rpt_timing *t, int verbose, FILE *f)
{
	const struct scn *s = r->scn;
	struct scn_rshift rs;
	int i, ws = 16, wr = 10;

	/* Columns as wide as the longest names (designed shifts: NAME@HH:MM+LEN). */
	for (i = 0; i < s->nshifts; i++) {
		if (!pres_shift_shown(s, r->staff, i, &rs))
			continue;
		if ((int)strlen(rs.name) > ws)
			ws = (int)strlen(rs.name);
		if ((int)strlen(s->roles[s->shifts[i].role].name) > wr)
			wr = (int)strlen(s->roles[s->shifts[i].role].name);
	}
	if (!r->feasible)
		text_diagnosis(f, r);
	if (verbose)
		text_search(f, r, t);
	else
		fprintf(f, "optimized roster: %d simulation%s, %d GLPK solve%s, %.1fs%s "
		    "(--verbose: the search in full)\n\n", r->nsims, r->nsims == 1 ? "" : "s",
		    r->nsolves, r->nsolves == 1 ? "" : "s", t->wall_s, r->pairs_complete ?
		    "; searched to the end" : "; two-person repairs cut short by their budget");
	text_side(f, r);
	text_changes(f, ch, nch, ws, !r->feasible);
	fputc('\n', f);
	if (!r->feasible)
		fputs("best found (does not meet the targets):\n", f);
	text_roster(f, r, ws, wr);
	text_verdict(f, r);
	if (rota != NULL)
		text_people(f, r, rota);
	if (verbose)
		text_iterations(f, r);
	else
		fprintf(f, "\n%d simulations ran; --verbose lists them here, --json and the "
		    "workbook's Optimization sheet give each with its roster and verdicts\n",
		    r->niter);
	fputs(r->feasible ? "\nthe recommended roster in simulation (the search's seed):\n" :
	    "\nbest found (does not meet the targets), in simulation:\n", f);
	rpt_text(r->m, f);
}
