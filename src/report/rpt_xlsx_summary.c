/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx_summary.c — the workbook's Summary sheet (doc/workbook.md): the run's
 * particulars, the recommended roster of an optimize workbook, targets against
 * attainment, waits and responses, cost, safety and warnings.  It is the one
 * page a manager prints.
 */
#include "config.h"

#include "rpt.h"
#include "rpt_xlsx.h"
#include "rpt_xlsx_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "scenario/units.h"

#define EXCEL_EPOCH_DAY 25569.0   /* the Excel serial of 1970-01-01 */

/* Cost per week of the roster shown (as written if as_written). */
static double
roster_cost(const struct rpt_xlsx *x, int as_written)
{
	const struct scn *s = x->scn;
	double c = 0;
	int i;

	for (i = 0; i < s->nshifts; i++)
		c += (as_written ? s->shifts[i].staff : rpt_xlsx_shown_staff(x, i)) *
		    scn_shift_hours_per_week(s, i) * s->shifts[i].cost_per_hour;
	return c;
}

/* An amount with thousands separators, "16,999". */
static void
fmt_money(double v, char *buf, size_t n)
{
	char d[32];
	size_t len, i, k = 0;

	snprintf(d, sizeof d, "%.0f", fabs(v));
	len = strlen(d);
	if (v <= -0.5 && k + 1 < n)
		buf[k++] = '-';
	for (i = 0; i < len && k + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = d[i];
	}
	buf[k] = '\0';
}


/* "2027-01-04". */
static void
fmt_date(long epoch_day, char *buf, size_t n)
{
	int y, mo, d;

	civil_date(epoch_day, &y, &mo, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, mo, d);
}

/* An optimize workbook: which roster the figures are of, and its cost against
 * the roster as written.  Returns the next row. */
static int
summary_roster(struct rpt_xsheet *sh, int row)
{
	struct rpt_xlsx *x = sh->x;
	double cost, base;
	char line[512], a[32], b[32], c[32];

	if (x->staff == NULL)
		return row;
	cost = roster_cost(x, 0);
	base = roster_cost(x, 1);
	fmt_money(cost, a, sizeof a);
	fmt_money(base, b, sizeof b);
	fmt_money(fabs(cost - base), c, sizeof c);
	rpt_xlsx_str(sh, row++, 0, x->feasible ? "Recommended roster" :
	    "No roster met the targets: the best roster found", RPT_XF_SECTION);
	if (x->feasible)
		snprintf(line, sizeof line, "The cheapest roster clinicq optimize found that "
		    "meets every target with confidence.  It costs %s per week "
		    "against %s for the roster as written (%s %s).  Every figure of this "
		    "workbook is of the recommended roster; the Roster sheet shows it beside "
		    "the roster as written.", a, b, cost <= base ? "a saving of" :
		    "an extra cost of", c);
	else
		snprintf(line, sizeof line, "Within the shifts' bounds no roster that clinicq "
		    "optimize tried meets every target with confidence.  The figures of this workbook are of the best roster "
		    "found, which costs %s per week against %s for the roster as written "
		    "(%s %s); the Roster sheet shows it beside the roster as written.", a, b,
		    c, cost <= base ? "less" : "more");
	rpt_xlsx_note(sh, row++, 0, 11, line, RPT_XF_TEXT);
	return row + 1;
}

/* The run's particulars: file, dates, replications, seed. */
static int
summary_about(struct rpt_xsheet *sh, int row)
{
	const struct scn *s = sh->x->scn;
	const struct meas *m = sh->x->m;
	const char *base = strrchr(s->file, '/');
	char a[64], b[64], c[64], line[256];
	double from = s->warmup, to = s->warmup + s->weeks * 7 * MIN_PER_DAY;
	int i;

	rpt_xlsx_str(sh, row, 0, "Scenario file", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row, 1, base ? base + 1 : s->file, RPT_XF_TEXT);
	if (base != NULL)         /* the path as given, beside the name */
		rpt_xlsx_note(sh, row, 2, 5, s->file, RPT_XF_NOTE);
	row++;
	rpt_xlsx_str(sh, row, 0, "Start date", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, (double)s->start_epoch_day + EXCEL_EPOCH_DAY,
	    RPT_XF_VALUE_DATE);
	rpt_xlsx_str(sh, row, 0, "Warm-up (not measured)", RPT_XF_LABEL);
	rpt_fmt_span(s->warmup, a, sizeof a);
	rpt_xlsx_str(sh, row++, 1, a, RPT_XF_TEXT);
	rpt_xlsx_str(sh, row, 0, "Measured period", RPT_XF_LABEL);
	fmt_date(s->start_epoch_day + (long)floor(from / MIN_PER_DAY), a, sizeof a);
	fmt_date(s->start_epoch_day + (long)ceil(to / MIN_PER_DAY) - 1, b, sizeof b);
	rpt_fmt_span(to - from, c, sizeof c);
	snprintf(line, sizeof line, "%s to %s (%s)", a, b, c);
	rpt_xlsx_note(sh, row++, 1, 4, line, RPT_XF_TEXT);
	rpt_xlsx_str(sh, row, 0, "Replications", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, m->replications, RPT_XF_VALUE_INT);
	rpt_xlsx_str(sh, row, 0, "Seed", RPT_XF_LABEL);
	if (s->seed <= (1ULL << 53)) {
		rpt_xlsx_check(sh->x, worksheet_write_number(sh->ws, (lxw_row_t)row, 1,
		    (double)s->seed, sh->x->f[RPT_XF_VALUE_SEED]), "writing a cell");
		row++;
	} else {
		snprintf(a, sizeof a, "%llu", (unsigned long long)s->seed);
		rpt_xlsx_str(sh, row++, 1, a, RPT_XF_TEXT);
	}
	rpt_xlsx_str(sh, row, 0, "Events simulated", RPT_XF_LABEL);
	rpt_xlsx_num(sh, row++, 1, (double)m->events, RPT_XF_VALUE_INT);
	/* Provenance: which program made these figures, and every --set. */
	rpt_xlsx_str(sh, row, 0, "clinicq version", RPT_XF_LABEL);
	rpt_xlsx_str(sh, row++, 1, PACKAGE_VERSION, RPT_XF_TEXT);
	rpt_xlsx_str(sh, row, 0, "Overrides (--set)", RPT_XF_LABEL);
	if (s->nset == 0)
		rpt_xlsx_str(sh, row++, 1, "none", RPT_XF_TEXT);
	for (i = 0; i < s->nset; i++)
		rpt_xlsx_note(sh, row++, 1, 4, s->set[i].text, RPT_XF_TEXT);
	row++;
	rpt_xlsx_note(sh, row++, 0, 11, "Figures are means over the replications; "
	    "\"95% CI\" is the 95% confidence interval of the mean (Student t). "
	    "Durations read h:mm, or days then h:mm past a day.", RPT_XF_NOTE);
	return row + 1;
}

/* Targets against attainment, one row per class. */
static int
summary_targets(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Class", "Mode", "Arrived per week",
	    "Target share", "Within", "Measured", "Attained", "95% CI low",
	    "95% CI high", "Verdict", "Abandoned", "Still open at end" };
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	int c;

	rpt_xlsx_str(sh, row++, 0, "Targets", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, head, 12);
	for (c = 0; c < s->nclasses; c++, row++) {
		const struct scn_class *k = &s->classes[c];
		const struct meas_class *mc = &m->cls[c];

		rpt_xlsx_str(sh, row, 0, k->name, RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, k->mode == SCN_SYNC ? "sync" : "async", RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 2, mc->arrived.mean / s->weeks, RPT_XF_NUM1);
		if (k->has_target) {
			rpt_xlsx_num(sh, row, 3, k->target_share, RPT_XF_PCT);
			rpt_xlsx_dur(sh, row, 4, k->target_within);
			rpt_xlsx_str(sh, row, 5, k->mode == SCN_SYNC ? "wait" : "response",
			    RPT_XF_TEXT);
			rpt_xlsx_num(sh, row, 6, mc->attainment.mean, RPT_XF_PCT);
			rpt_xlsx_num(sh, row, 7, rpt_xlsx_bound(mc->attainment.lo, 1),
			    RPT_XF_PCT);
			rpt_xlsx_num(sh, row, 8, rpt_xlsx_bound(mc->attainment.hi, 1),
			    RPT_XF_PCT);
		}
		rpt_xlsx_verdict(sh, row, 9, k->has_target ? mc->met : MEAS_MET_NONE);
		if (k->mode == SCN_SYNC)
			rpt_xlsx_num(sh, row, 10, mc->abandon_rate.mean, RPT_XF_PCT);
		rpt_xlsx_num(sh, row, 11, mc->waiting_at_end.mean, RPT_XF_NUM1);
	}
	rpt_xlsx_note(sh, row++, 0, 11, "Measured: the wait to the first contact for live "
	    "(sync) classes, the response to completion for inbox (async) classes.  "
	    "Met: the 95% interval of the attained share "
	    "lies at or above the target.  Met on average: the mean does, the interval's "
	    "low end does not; more replications may settle it.  Missed: the mean is "
	    "below the target.", RPT_XF_NOTE);
	return row + 1;
}

/* Wait and response quantiles, one row per class. */
static int
summary_waits(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Class", "Mean", "Median", "90th pct",
	    "95th pct", "99th pct", "Longest", "Mean", "Median", "90th pct", "95th pct",
	    "99th pct", "Longest" };
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	struct rpt_xlsx *x = sh->x;
	int c;

	rpt_xlsx_str(sh, row++, 0, "Waits and responses", RPT_XF_SECTION);
	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, 1, (lxw_row_t)row,
	    6, "Wait: arrival to first contact (sync) or to start of work (async)",
	    x->f[RPT_XF_HEAD]), "merging cells");
	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, 7, (lxw_row_t)row,
	    12, "Response: arrival to completion", x->f[RPT_XF_HEAD]), "merging cells");
	rpt_xlsx_check(x, worksheet_write_blank(sh->ws, (lxw_row_t)row, 0,
	    x->f[RPT_XF_HEAD]), "writing a cell");
	rpt_xlsx_check(x, worksheet_set_row(sh->ws, (lxw_row_t)row, 30, NULL),
	    "sizing a row");
	row++;
	rpt_xlsx_head(sh, row++, 0, head, 13);
	for (c = 0; c < s->nclasses; c++, row++) {
		const struct meas_class *mc = &m->cls[c];
		const struct est *v[] = { &mc->wait_mean, &mc->wait_p50, &mc->wait_p90,
		    &mc->wait_p95, &mc->wait_p99, &mc->wait_max, &mc->resp_mean, &mc->resp_p50,
		    &mc->resp_p90, &mc->resp_p95, &mc->resp_p99, &mc->resp_max };
		int i;

		rpt_xlsx_str(sh, row, 0, s->classes[c].name, RPT_XF_LABEL);
		for (i = 0; i < 12; i++)
			rpt_xlsx_dur(sh, row, 1 + i, v[i]->mean);
	}
	return row + 1;
}

/* A small table of estimates: label, mean, CI low, CI high (all non-negative). */
static void
est_row(struct rpt_xsheet *sh, int row, const char *label, const struct est *e,
    enum rpt_xf f)
{
	double top = f == RPT_XF_PCT ? 1 : INFINITY;

	rpt_xlsx_str(sh, row, 0, label, RPT_XF_LABEL);
	rpt_xlsx_num(sh, row, 1, e->mean, f);
	rpt_xlsx_num(sh, row, 2, rpt_xlsx_bound(e->lo, top), f);
	rpt_xlsx_num(sh, row, 3, rpt_xlsx_bound(e->hi, top), f);
}

/* Cost per week: rostered, overtime, total. */
static int
summary_cost(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "", "Mean", "95% CI low", "95% CI high" };
	const struct meas *m = sh->x->m;

	rpt_xlsx_str(sh, row++, 0, "Cost per week", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, head, 4);
	est_row(sh, row++, "Rostered hours", &m->cost_staff, RPT_XF_MONEY);
	est_row(sh, row++, "Overtime", &m->cost_overtime, RPT_XF_MONEY);
	est_row(sh, row, "Total", &m->cost_total, RPT_XF_TOTAL_MONEY);
	rpt_xlsx_str(sh, row++, 0, "Total", RPT_XF_TOTAL_LABEL);
	rpt_xlsx_note(sh, row++, 0, 11, "In the scenario's currency: hours on duty times "
	    "each shift's cost per hour; overtime is work finished after a shift's end.",
	    RPT_XF_NOTE);
	return row + 1;
}

/* With [targets] max_utilization: each role's utilization against the cap. */
static int
summary_occupancy(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Role", "Utilization", "95% CI low",
	    "95% CI high", "At most", "Verdict" };
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	int r;

	if (!s->has_max_utilization)
		return row;
	rpt_xlsx_str(sh, row++, 0, "Occupancy", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, head, 6);
	for (r = 0; r < s->nroles; r++, row++) {
		est_row(sh, row, s->roles[r].name, &m->role[r].utilization, RPT_XF_PCT);
		rpt_xlsx_num(sh, row, 4, s->max_utilization, RPT_XF_PCT);
		if (m->role[r].met == MEAS_MET_NA)
			rpt_xlsx_str(sh, row, 5, "no hours", RPT_XF_NO_VERDICT);
		else
			rpt_xlsx_verdict(sh, row, 5, m->role[r].met);
	}
	rpt_xlsx_note(sh, row++, 0, 11, "Utilization: busy time over available time (on "
	    "duty, not absent, not on break).  Met: the 95% interval's upper end is at "
	    "or under the cap; met on average: the mean is.", RPT_XF_NOTE);
	return row + 1;
}

/* Safety measures, per replication of the measured span. */
static int
summary_safety(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "", "Mean per run", "95% CI low",
	    "95% CI high", "Target", "Verdict" };
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	const struct meas_safety *sf = &m->safety;
	char note[512], span[64];

	rpt_xlsx_str(sh, row++, 0, "Safety", RPT_XF_SECTION);
	rpt_xlsx_head(sh, row++, 0, head, s->has_safety_target ? 6 : 4);
	est_row(sh, row++, "Acute items", &sf->acute, RPT_XF_NUM1);
	est_row(sh, row++, "Escalated to call-back", &sf->escalated, RPT_XF_NUM1);
	est_row(sh, row++, "Screened at arrival", &sf->screened, RPT_XF_NUM1);
	est_row(sh, row++, "Reached in safe window", &sf->reached_in_window, RPT_XF_NUM1);
	est_row(sh, row++, "Missed", &sf->missed, RPT_XF_NUM1);
	est_row(sh, row, "Miss rate", &sf->miss_rate, RPT_XF_PCT);
	if (s->has_safety_target) {
		rpt_xlsx_num(sh, row, 4, s->safety_miss_rate, RPT_XF_PCT);
		rpt_xlsx_verdict(sh, row, 5, sf->met);
	}
	row++;
	est_row(sh, row++, "Acute under threshold", &sf->false_negatives, RPT_XF_NUM1);
	est_row(sh, row++, "Call-backs unreached", &sf->unreached, RPT_XF_NUM1);
	rpt_fmt_span(s->weeks * 7 * MIN_PER_DAY, span, sizeof span);
	snprintf(note, sizeof note, "Counts are totals over the measured %s of one run, "
	    "averaged over the runs.  Missed: acute items not reached within their "
	    "class's safe window.  Acute under threshold: acute messages whose risk "
	    "was at or under the escalation threshold, so no call-back was made.%s", span, sf->acute.mean > 0 ? "" :
	    "  No item in this scenario was acute.");
	rpt_xlsx_note(sh, row++, 0, 11, note, RPT_XF_NOTE);
	return row + 1;
}

/* Warnings in words. */
static int
summary_warnings(struct rpt_xsheet *sh, int row)
{
	const struct meas *m = sh->x->m;
	int i;

	rpt_xlsx_str(sh, row++, 0, "Warnings", RPT_XF_SECTION);
	if (m->nwarnings == 0)
		rpt_xlsx_note(sh, row++, 0, 11, "None.", RPT_XF_TEXT);
	for (i = 0; i < m->nwarnings; i++) {
		char buf[600];

		/* Sentence case for people; the message itself stays as written. */
		snprintf(buf, sizeof buf, "\xe2\x80\xa2 %s.", m->warnings[i]);
		if (buf[4] >= 'a' && buf[4] <= 'z')
			buf[4] = (char)(buf[4] - 'a' + 'A');
		rpt_xlsx_note(sh, row++, 0, 11, buf, RPT_XF_TEXT);
	}
	if (rpt_xlsx_misses_any(m)) {
		/* Where the misses arrived and why: a link to the sheet that shows it. */
		rpt_xlsx_check(sh->x, worksheet_write_url_opt(sh->ws, (lxw_row_t)row, 0,
		    "internal:'Misses'!A1", NULL, "see Misses",
		    "Missed items by hour of arrival and by cause"), "writing a link");
		rpt_xlsx_note(sh, row++, 1, 11, "when the missed items arrived, who was on "
		    "duty then, and the causes", RPT_XF_NOTE);
	}
	return row;
}

/* Summary: the run, targets, waits, cost, safety, warnings. */
int
rpt_xlsx_sheet_summary(struct rpt_xlsx *x)
{
	struct rpt_xsheet *sh;
	int row;

	if ((sh = rpt_xlsx_sheet(x, "Summary", x->scn->name)) == NULL)
		return -1;
	/* The summary is the one page a manager prints: fit it on one. */
	worksheet_fit_to_pages(sh->ws, 1, 1);
	row = summary_about(sh, summary_roster(sh, 2));
	row = summary_targets(sh, row);
	row = summary_occupancy(sh, row);
	row = summary_waits(sh, row);
	row = summary_cost(sh, row);
	row = summary_safety(sh, row);
	summary_warnings(sh, row);
	worksheet_freeze_panes(sh->ws, 1, 1);
	return 0;
}
