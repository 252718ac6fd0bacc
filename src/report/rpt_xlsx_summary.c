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
#include "rpt_col.h"
#include "rpt_figs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "scenario/units.h"

#define EXCEL_EPOCH_DAY 25569.0   /* the Excel serial of 1970-01-01 */
#define NOTE_LAST_COL 11          /* notes and warnings span the targets table */

/* Cost per week of the roster shown (as written if as_written). */
static double
roster_cost(const struct rpt_xlsx *x, int as_written)
{
	const struct scn *s = x->scn;
	double c = 0;
	int i;

	for (i = 0; i < s->nshifts; i++)
		c += scn_shift_person_hours_per_week(s, i, as_written ? NULL : x->staff) *
		    s->shifts[i].cost_per_hour;
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

/* The staff of shift r as a cell: a number, or by day ("mon 4, tue-fri 3"). */
static void
staff_cell(struct rpt_xsheet *sh, int row, int col, const int v[WEEK_DAYS],
    unsigned days)
{
	char buf[160];

	if (scn_by_day_varies(v, days)) {
		scn_by_day_format(v, days, buf, sizeof buf);
		rpt_xlsx_str(sh, row, col, buf, RPT_XF_TEXT);
	} else {
		int d;

		for (d = 0; d < WEEK_DAYS && !(days & (1u << d)); d++)
			;
		rpt_xlsx_num(sh, row, col, d < WEEK_DAYS ? v[d] : 0, RPT_XF_INT);
	}
}

/* The roster the figures are of, shift by shift, beside the roster as
 * written: every shift staffed in either (designed shifts by their names). */
static int
summary_roster_table(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Shift", "Role", "Recommended", "As written" };
	static const char *const head_best[] = { "Shift", "Role", "Best found", "As written" };
	const struct rpt_xlsx *x = sh->x;
	const struct scn *s = x->scn;
	struct scn_rshift r;
	int i, d, any;

	rpt_xlsx_head(sh, row++, 0, x->feasible ? head : head_best, 4);
	for (i = 0; i < s->nshifts; i++) {
		if (!scn_rshift_at(s, x->staff, i, &r))
			continue;
		for (any = 0, d = 0; d < WEEK_DAYS; d++)
			any |= r.staff[d] > 0 || r.written[d] > 0;
		if (!any)
			continue;
		rpt_xlsx_str(sh, row, 0, r.name, RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, s->roles[s->shifts[i].role].name, RPT_XF_TEXT);
		staff_cell(sh, row, 2, r.staff, r.days);
		staff_cell(sh, row++, 3, r.written, r.days);
	}
	return row;
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
	    "Best found (does not meet the targets)", RPT_XF_SECTION);
	if (x->feasible)
		snprintf(line, sizeof line, "The cheapest roster clinicq optimize found that "
		    "meets every target with confidence.  It costs %s per week "
		    "against %s for the roster as written (%s %s).  Every figure of this "
		    "workbook is of the recommended roster; the Roster sheet shows it beside "
		    "the roster as written.", a, b, cost <= base ? "a saving of" :
		    "an extra cost of", c);
	else
		snprintf(line, sizeof line, "Within the shifts' bounds no roster that clinicq "
		    "optimize tried meets every target with confidence.  The figures of "
		    "this workbook are of the best roster found, which costs %s per week "
		    "against %s for the roster as written (%s %s); the Roster sheet shows "
		    "it beside the roster as written.", a, b, c, cost <= base ? "less" :
		    "more");
	rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, line, RPT_XF_TEXT);
	/* Why no roster can, before the roster that falls short. */
	if (!x->feasible && x->nwhy > 0) {
		int k;

		rpt_xlsx_str(sh, row++, 0, "Why no roster meets the targets, and what would "
		    "help", RPT_XF_LABEL);
		for (k = 0; k < x->nwhy; k++)
			rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, x->why[k], RPT_XF_WRAP);
	}
	row = summary_roster_table(sh, row);
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
	double from = s->warmup, to = s->warmup + s->weeks * 7 * DAY_MIN;
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
	fmt_date(s->start_epoch_day + (long)floor(from / DAY_MIN), a, sizeof a);
	fmt_date(s->start_epoch_day + (long)ceil(to / DAY_MIN) - 1, b, sizeof b);
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
	rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, "Figures are means over the "
	    "replications; \"95% CI\" is the 95% confidence interval of the mean (Student t). "
	    "Durations read with their units (\"8 min\", \"16 h 08 min\"), the days first "
	    "past a day.  Counts are items a week.", RPT_XF_NOTE);
	return row + 1;
}

/* ---- targets, occupancy: one row per class, per role ------------------------ */

static const void *
target_record(const void *ctx, int i)
{
	return &((const struct rpt_xlsx *)ctx)->m->cls[i];
}

static const struct scn_class *
target_class(const void *ctx, int i)
{
	return &((const struct rpt_xlsx *)ctx)->scn->classes[i];
}

static int
target_set(const void *ctx, int i)
{
	return target_class(ctx, i)->has_target;
}

static int
target_sync(const void *ctx, int i)
{
	return target_class(ctx, i)->mode == SCN_SYNC;
}

static void
target_name(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = target_class(ctx, i)->name;
}

static void
target_mode(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = target_class(ctx, i)->mode == SCN_SYNC ? "sync" : "async";
}

static void
target_arrived(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct rpt_xlsx *x = ctx;

	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = x->m->cls[i].arrived.mean / x->scn->weeks;
}

/* Items still open when the drain ended, a week of arrivals' worth: the one
 * "open at end" of doc/model.md, as the Misses sheet and the text count it. */
static void
target_open(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct rpt_xlsx *x = ctx;

	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = x->m->cls[i].open_at_end.mean / x->scn->weeks;
}

static void
target_share(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = target_class(ctx, i)->target_share;
}

static void
target_within(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = target_class(ctx, i)->target_within;
}

/* What the target is on: the wait (sync) or the response (async). */
static void
target_measured(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = target_class(ctx, i)->mode == SCN_SYNC ? "wait" : "response";
}

static void
target_verdict(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_VERDICT;
	cell->met = target_set(ctx, i) ? ((const struct rpt_xlsx *)ctx)->m->cls[i].met :
	    MEAS_MET_NONE;
}

static const struct rpt_col target_cols[] = {
	{ .head = "Class", .xf = RPT_XF_LABEL, .get = target_name },
	{ .head = "Mode", .xf = RPT_XF_TEXT, .get = target_mode },
	{ .head = "Arrived per week", .xf = RPT_XF_NUM1, .get = target_arrived },
	{ .head = "Target share", .xf = RPT_XF_PCT, .get = target_share,
	  .only = target_set },
	{ .head = "Within", .xf = RPT_XF_DUR, .get = target_within, .only = target_set },
	{ .head = "Measured", .xf = RPT_XF_TEXT, .get = target_measured,
	  .only = target_set },
	{ .head = "Attained", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_class, attainment, RPT_MEAN), .only = target_set },
	{ .head = "95% CI low", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_class, attainment, RPT_LO), .top = 1, .only = target_set },
	{ .head = "95% CI high", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_class, attainment, RPT_HI), .top = 1, .only = target_set },
	{ .head = "Verdict", .get = target_verdict },
	{ .head = "Gave up (share)", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_class, abandon_rate, RPT_MEAN), .only = target_sync },
	{ .head = "Open at end per week", .xf = RPT_XF_NUM1, .get = target_open },
};

static const struct rpt_table target_table = { target_cols, RPT_NCOLS(target_cols),
    target_record, NULL, 0 };

/* Targets against attainment, one row per class. */
static int
summary_targets(struct rpt_xsheet *sh, int row)
{
	struct rpt_xtable xt;

	rpt_xlsx_str(sh, row++, 0, "Targets", RPT_XF_SECTION);
	rpt_xtable_init(&xt, sh, &target_table, sh->x, 0, 0);
	rpt_xtable_head(&xt, row++);
	row = rpt_xtable_rows(&xt, row, sh->x->scn->nclasses);
	rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, "Measured: the wait to the first "
	    "contact for live (sync) classes, the response to completion for inbox "
	    "(async) classes.  Met: the 95% interval of the attained share "
	    "lies at or above the target.  Met on average: the mean does, the interval's "
	    "low end does not; more replications may settle it.  Missed: the mean is "
	    "below the target.", RPT_XF_NOTE);
	return row + 1;
}

static const void *
occupancy_record(const void *ctx, int i)
{
	return &((const struct rpt_xlsx *)ctx)->m->role[i];
}

static void
occupancy_role(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = ((const struct rpt_xlsx *)ctx)->scn->roles[i].name;
}

static void
occupancy_cap(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	(void)i;
	cell->kind = RPT_CELL_NUM;
	cell->num = ((const struct rpt_xlsx *)ctx)->scn->max_utilization;
}

static void
occupancy_verdict(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_VERDICT;
	cell->met = ((const struct rpt_xlsx *)ctx)->m->role[i].met;
}

static const struct rpt_col occupancy_cols[] = {
	{ .head = "Role", .xf = RPT_XF_LABEL, .get = occupancy_role },
	{ .head = "Utilization", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_role, utilization, RPT_MEAN) },
	{ .head = "95% CI low", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_role, utilization, RPT_LO), .top = 1 },
	{ .head = "95% CI high", .xf = RPT_XF_PCT,
	  RPT_EST(struct meas_role, utilization, RPT_HI), .top = 1 },
	{ .head = "At most", .xf = RPT_XF_PCT, .get = occupancy_cap },
	{ .head = "Verdict", .get = occupancy_verdict, .na = "n/a" },
};

static const struct rpt_table occupancy_table = { occupancy_cols,
    RPT_NCOLS(occupancy_cols), occupancy_record, NULL, 0 };

/* With [targets] max_utilization: each role's utilization against the cap. */
static int
summary_occupancy(struct rpt_xsheet *sh, int row)
{
	struct rpt_xtable xt;

	if (!sh->x->scn->has_max_utilization)
		return row;
	rpt_xlsx_str(sh, row++, 0, "Occupancy", RPT_XF_SECTION);
	rpt_xtable_init(&xt, sh, &occupancy_table, sh->x, 0, 0);
	rpt_xtable_head(&xt, row++);
	row = rpt_xtable_rows(&xt, row, sh->x->scn->nroles);
	rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, "Utilization: busy time over "
	    "available time (on duty, not absent, not on break).  Met: the 95% "
	    "interval's upper end is at or under the cap; met on average: the mean is.",
	    RPT_XF_NOTE);
	return row + 1;
}

/* Wait and response quantiles, one row per class: the class figures with a
 * workbook header, under their groups' headings. */
static int
summary_waits(struct rpt_xsheet *sh, int row)
{
	struct rpt_xtable xt;

	rpt_xlsx_str(sh, row++, 0, "Waits and responses", RPT_XF_SECTION);
	rpt_xtable_init(&xt, sh, &rpt_class_table, sh->x->m, 0, 0);
	rpt_xtable_groups(&xt, row++);
	rpt_xtable_head(&xt, row++);
	row = rpt_xtable_rows(&xt, row, sh->x->scn->nclasses);
	return row + 1;
}

/* ---- cost, safety: one row per figure ----------------------------------------- */

/* Figures as rows: those of a one-row table (rpt_figs.h) with a workbook
 * header, their header as the label. */
struct fig_rows {
	const struct rpt_xlsx *x;
	const struct rpt_table *t;
	int k[RPT_XLSX_MAX_COLS];     /* row i is column k[i] of t */
	int n;
};

/* The figures of t with a workbook header, as rows. */
static void
fig_rows_init(struct fig_rows *fr, const struct rpt_xlsx *x, const struct rpt_table *t)
{
	int k;

	fr->x = x;
	fr->t = t;
	fr->n = 0;
	for (k = 0; k < t->ncols; k++)
		if (t->cols[k].head != NULL)
			fr->k[fr->n++] = k;
}

static const struct rpt_col *
fig_of(const void *ctx, int i)
{
	const struct fig_rows *fr = ctx;

	return &fr->t->cols[fr->k[i]];
}

static void
fig_label(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = fig_of(ctx, i)->head;
}

/* The mean, or (arg RPT_LO, RPT_HI) an end of the interval within what the
 * figure can be: a share in [0, 1], a count or cost at least 0. */
static void
fig_value(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct fig_rows *fr = ctx;
	const struct rpt_col *f = fig_of(ctx, i);
	const struct est *e = rpt_col_est(fr->t, f, fr->x->m, 0);

	/* Counts a week, as every count for people; shares and money as they are. */
	double k = f->xf == RPT_XF_NUM1 ? fr->x->scn->weeks : 1.0;

	cell->kind = RPT_CELL_NUM;
	cell->xf = f->xf;
	if (c->arg == RPT_MEAN)
		cell->num = e->mean / k;
	else
		cell->num = rpt_xlsx_bound((c->arg == RPT_LO ? e->lo : e->hi) / k,
		    f->xf == RPT_XF_PCT ? 1 : INFINITY);
}

static int
fig_targeted(const void *ctx, int i)
{
	return (fig_of(ctx, i)->flags & RPT_COL_TARGET) != 0;
}

static void
safety_target(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	(void)i;
	cell->kind = RPT_CELL_NUM;
	cell->num = ((const struct fig_rows *)ctx)->x->scn->safety_miss_rate;
}

static void
safety_verdict(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	(void)i;
	cell->kind = RPT_CELL_VERDICT;
	cell->met = ((const struct fig_rows *)ctx)->x->m->safety.met;
}

/* Modes of the figure rows: cost, safety, safety with a target. */
#define FIG_COST 0x1u
#define FIG_SAFETY 0x2u
#define FIG_TARGET 0x4u

static const struct rpt_col fig_cols[] = {
	{ .head = "", .xf = RPT_XF_LABEL, .get = fig_label },
	{ .head = "Mean", .get = fig_value, .arg = RPT_MEAN, .when = FIG_COST },
	{ .head = "Mean (counts a week)", .get = fig_value, .arg = RPT_MEAN,
	  .when = FIG_SAFETY },
	{ .head = "95% CI low", .get = fig_value, .arg = RPT_LO },
	{ .head = "95% CI high", .get = fig_value, .arg = RPT_HI },
	{ .head = "Target", .xf = RPT_XF_PCT, .get = safety_target, .only = fig_targeted,
	  .when = FIG_TARGET },
	{ .head = "Verdict", .get = safety_verdict, .only = fig_targeted,
	  .when = FIG_TARGET },
};

static const struct rpt_table fig_table = { fig_cols, RPT_NCOLS(fig_cols), NULL,
    NULL, 0 };

/* The figures of t as rows under a header, in mode; returns the next row. */
static int
fig_rows(struct rpt_xsheet *sh, int row, const struct rpt_table *t, unsigned mode)
{
	struct fig_rows fr;
	struct rpt_xtable xt;

	fig_rows_init(&fr, sh->x, t);
	rpt_xtable_init(&xt, sh, &fig_table, &fr, mode, 0);
	rpt_xtable_head(&xt, row++);
	return rpt_xtable_rows(&xt, row, fr.n);
}

/* Cost per week: rostered, overtime, total. */
static int
summary_cost(struct rpt_xsheet *sh, int row)
{
	rpt_xlsx_str(sh, row++, 0, "Cost per week", RPT_XF_SECTION);
	row = fig_rows(sh, row, &rpt_cost_table, FIG_COST);
	/* The last row is the total: its label in the total style. */
	rpt_xlsx_str(sh, row - 1, 0, "Total", RPT_XF_TOTAL_LABEL);
	rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, "In the scenario's currency: hours "
	    "on duty times each shift's cost per hour; overtime is work finished after "
	    "a shift's end.", RPT_XF_NOTE);
	return row + 1;
}

/* Safety measures, counts a week. */
static int
summary_safety(struct rpt_xsheet *sh, int row)
{
	const struct meas *m = sh->x->m;
	const struct scn *s = sh->x->scn;
	const struct meas_safety *sf = &m->safety;
	char note[512];

	rpt_xlsx_str(sh, row++, 0, "Safety", RPT_XF_SECTION);
	row = fig_rows(sh, row, &rpt_safety_table, FIG_SAFETY |
	    (s->has_safety_target ? FIG_TARGET : 0));
	snprintf(note, sizeof note, "Counts are items a week (the measured weeks' "
	    "total over their number, averaged over the runs).  Missed: acute items not reached within their "
	    "class's safe window.  Acute under threshold: acute messages whose risk "
	    "was at or under the escalation threshold, so no call-back was made.%s",
	    sf->acute.mean > 0 ? "" : "  No item in this scenario was acute.");
	rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, note, RPT_XF_NOTE);
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
		rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, "None.", RPT_XF_TEXT);
	for (i = 0; i < m->nwarnings; i++) {
		char buf[600];

		/* Sentence case for people; the message itself stays as written. */
		snprintf(buf, sizeof buf, "\xe2\x80\xa2 %s.", m->warnings[i]);
		if (buf[4] >= 'a' && buf[4] <= 'z')
			buf[4] = (char)(buf[4] - 'a' + 'A');
		rpt_xlsx_note(sh, row++, 0, NOTE_LAST_COL, buf, RPT_XF_TEXT);
	}
	if (rpt_xlsx_misses_any(m)) {
		/* Where the misses arrived and why: a link to the sheet that shows it. */
		rpt_xlsx_check(sh->x, worksheet_write_url_opt(sh->ws, (lxw_row_t)row, 0,
		    "internal:'Misses'!A1", NULL, "see Misses",
		    "Missed items by hour of arrival and by cause"), "writing a link");
		rpt_xlsx_note(sh, row++, 1, NOTE_LAST_COL, "when the missed items arrived, "
		    "who was on duty then, and the causes", RPT_XF_NOTE);
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
