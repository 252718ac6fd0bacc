/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_xlsx_roster.c — the workbook's Roster sheet (doc/workbook.md): the shifts
 * table (in an optimize workbook the roster shown beside the roster as
 * written), then one coverage grid per role, staff on duty by hour of a
 * typical week; and rpt_coverage(), the hours each role is covered, net of
 * the scheduled breaks.
 */
#include "rpt.h"
#include "rpt_xlsx.h"
#include "rpt_xlsx_int.h"
#include "rpt_col.h"

#include <math.h>
#include <string.h>

/* The coverage grid's colour scale. */
#define C_SCALE_HI 0x63BE7B

/* Add n x the overlap of [t, b) (minutes of the week) to the hours it covers,
 * pro rata within an hour; the week wraps. */
static void
cover_span(double out[WEEK_HOURS], double t, double b, double n)
{
	while (t < b) {
		double next = (floor(t / 60.0) + 1) * 60.0;
		double seg = (b < next ? b : next) - t;
		int h = (int)floor(t / 60.0) % WEEK_HOURS;

		out[h] += n * seg / 60.0;
		t += seg;
	}
}

/* Which shifts a coverage counts. */
enum cover_which { COVER_ALL, COVER_ON_CALL };

/* Add each shift's staff to the hours it covers, pro rata within an hour, less
 * each person's breaks taken when due (the engine's schedule, scn_break_due);
 * a break pushed back by an item in hand, and absence, are not shown. */
static void
coverage(const struct scn *s, const int *staff, int role, enum cover_which which,
    double out[WEEK_HOURS])
{
	int i, d, j, k;

	memset(out, 0, WEEK_HOURS * sizeof out[0]);
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		if (sh->role != role || (which == COVER_ON_CALL && !sh->on_call))
			continue;
		for (d = 0; d < 7; d++) {
			int n = scn_shift_staff_on(s, staff, i, d);
			double t, b;

			if (n <= 0)
				continue;
			t = d * DAY_MIN + sh->start;
			b = d * DAY_MIN + sh->end;
			cover_span(out, t, b, n);
			for (k = 0; k < sh->nbreaks; k++)
				for (j = 0; j < n; j++) {
					t = d * DAY_MIN + scn_break_due(&sh->breaks[k], j, n);
					cover_span(out, t, t + sh->breaks[k].length, -1.0);
				}
		}
	}
}

void
rpt_coverage(const struct scn *s, const int *staff, int role, double out[WEEK_HOURS])
{
	coverage(s, staff, role, COVER_ALL, out);
}

/* "Mon-Fri", "Mon, Wed, Fri", "Every day". */
static void
fmt_days(unsigned mask, char *buf, size_t n)
{
	size_t len = 0;
	int i, j;

	mask &= 0x7f;
	buf[0] = '\0';
	if (mask == 0x7f) {
		snprintf(buf, n, "Every day");
		return;
	}
	for (i = 0; i < 7 && len + 1 < n; i++) {
		if (!(mask & (1u << i)))
			continue;
		for (j = i; j + 1 < 7 && (mask & (1u << (j + 1))); j++)
			;
		if (j > i + 1)
			snprintf(buf + len, n - len, "%s%s\xe2\x80\x93%s", len ? ", " : "",
			    week_day_short[i], week_day_short[j]);
		else if (j == i + 1)
			snprintf(buf + len, n - len, "%s%s, %s", len ? ", " : "",
			    week_day_short[i], week_day_short[j]);
		else
			snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
			    week_day_short[i]);
		len = strlen(buf);
		i = j;
	}
}

/* ---- the shifts table ---------------------------------------------------------- */

/* A row is a shift as people read it: in optimize's copy the parts of a
 * shift split by day come together again under its name (scn_rshift_at). */
static const struct scn_shift *
shift_of(const void *ctx, int i)
{
	return &((const struct rpt_xlsx *)ctx)->scn->shifts[i];
}

/* Row i's shift in the roster shown; 0 when i is a later part of a split shift. */
static int
row_of(const void *ctx, int i, struct scn_rshift *r)
{
	const struct rpt_xlsx *x = ctx;

	return scn_rshift_at(x->scn, x->staff, i, r);
}

/* Later parts of a split shift, and (shift design) the candidates the roster
 * shown does not staff, are left out. */
static int
shift_skip(const void *ctx, int i)
{
	struct scn_rshift r;

	if (!row_of(ctx, i, &r))
		return 1;
	return shift_of(ctx, i)->tmpl > 0 && !r.staffed;
}

static void
shift_name(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	struct scn_rshift r;

	(void)c;
	row_of(ctx, i, &r);
	snprintf(cell->buf, sizeof cell->buf, "%s", r.name);
	cell->kind = RPT_CELL_STR;
	cell->str = cell->buf;
}

static void
shift_role(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = ((const struct rpt_xlsx *)ctx)->scn->roles[shift_of(ctx, i)->role].name;
}

static void
shift_days(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	struct scn_rshift r;

	(void)c;
	row_of(ctx, i, &r);
	fmt_days(r.days, cell->buf, sizeof cell->buf);
	cell->kind = RPT_CELL_STR;
	cell->str = cell->buf;
}

static void
shift_start(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = shift_of(ctx, i)->start / DAY_MIN;
}

/* Past midnight: the clock time, said to be the next day. */
static void
shift_end(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	double end = shift_of(ctx, i)->end;

	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = end / DAY_MIN;
	if (end > DAY_MIN) {
		cell->kind = RPT_CELL_FMT;
		cell->fmt = ((const struct rpt_xlsx *)ctx)->clock_next;
		cell->width = 15;
		cell->num = (end - DAY_MIN) / DAY_MIN;
	}
}

static void
shift_length(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = shift_of(ctx, i)->end - shift_of(ctx, i)->start;
}

/* A count of persons of the shift: the column's arg. */
enum { STAFF_SHOWN, STAFF_WRITTEN, STAFF_MIN, STAFF_MAX };

static void
shift_count(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	struct scn_rshift r;

	row_of(ctx, i, &r);
	rpt_cell_by_day(c->arg == STAFF_SHOWN ? r.staff : c->arg == STAFF_WRITTEN ? r.written :
	    c->arg == STAFF_MIN ? r.min : r.max, r.days, cell);
}

static void
shift_cost_per_hour(const void *ctx, int i, const struct rpt_col *c,
    struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_NUM;
	cell->num = shift_of(ctx, i)->cost_per_hour;
}

/* Person-hours per week of the roster shown, averaged over the measured weeks. */
static double
shift_hours(const void *ctx, int i)
{
	const struct rpt_xlsx *x = ctx;
	struct scn_rshift r;

	row_of(ctx, i, &r);
	return scn_rshift_hours(x->scn, &r, x->staff);
}

static double
shift_cost(const void *ctx, int i)
{
	const struct rpt_xlsx *x = ctx;
	struct scn_rshift r;

	row_of(ctx, i, &r);
	return scn_rshift_cost(x->scn, &r, x->staff);
}

/* Cost per week of the roster as written. */
static double
shift_base(const void *ctx, int i)
{
	struct scn_rshift r;

	row_of(ctx, i, &r);
	return scn_rshift_cost(((const struct rpt_xlsx *)ctx)->scn, &r, NULL);
}

/* A figure of the shift per week: the column's arg. */
enum { PERWEEK_HOURS, PERWEEK_COST, PERWEEK_COST_WRITTEN, PERWEEK_CHANGE };

static void
shift_week(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	cell->kind = RPT_CELL_NUM;
	cell->num = c->arg == PERWEEK_HOURS ? shift_hours(ctx, i) :
	    c->arg == PERWEEK_COST ? shift_cost(ctx, i) :
	    c->arg == PERWEEK_COST_WRITTEN ? shift_base(ctx, i) :
	    shift_cost(ctx, i) - shift_base(ctx, i);
}

static void
shift_notes(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	const struct scn_shift *t = shift_of(ctx, i);
	char *buf = cell->buf;
	size_t n = sizeof cell->buf;
	struct scn_rshift r;

	(void)c;
	row_of(ctx, i, &r);
	if (t->tmpl > 0)
		snprintf(buf, n, "designed (shift_template %s)%s", r.tmpl_name,
		    t->on_call ? "; " : "");
	if (t->on_call)
		snprintf(buf + strlen(buf), n - strlen(buf), "on call (live work only)");
	if (t->skip_holidays)
		snprintf(buf + strlen(buf), n - strlen(buf), "%snot on holidays",
		    buf[0] ? "; " : "");
	if (t->part > 0 || t->by_day)
		snprintf(buf + strlen(buf), n - strlen(buf), "%sstaff chosen by day",
		    buf[0] ? "; " : "");
	if (buf[0] != '\0') {
		cell->kind = RPT_CELL_STR;
		cell->str = buf;
	}
}

/* The change's total: the totals' difference, as the cells above say. */
static double
change_total(const struct rpt_xtable *xt)
{
	return rpt_xtable_sum(xt, rpt_col_find(xt->t, "Cost per week")) -
	    rpt_xtable_sum(xt, rpt_col_find(xt->t, "Cost per week as written"));
}

/* Modes: a run's roster; optimize's recommended or best roster, shown beside
 * the roster as written. */
#define AS_WRITTEN 0x1u
#define RECOMMENDED 0x2u
#define BEST_FOUND 0x4u
#define OPTIMIZED (RECOMMENDED | BEST_FOUND)

static const struct rpt_col shift_cols[] = {
	{ .head = "Shift", .xf = RPT_XF_LABEL, .get = shift_name },
	{ .head = "Role", .xf = RPT_XF_TEXT, .get = shift_role },
	{ .head = "Days", .xf = RPT_XF_TEXT, .get = shift_days },
	{ .head = "Start", .xf = RPT_XF_CLOCK, .get = shift_start },
	{ .head = "End", .xf = RPT_XF_CLOCK, .get = shift_end },
	{ .head = "Hours per shift", .xf = RPT_XF_DUR, .get = shift_length },
	{ .head = "Staff", .xf = RPT_XF_INT, .get = shift_count,
	  .arg = STAFF_SHOWN, .total = RPT_TOTAL_SUM, .when = AS_WRITTEN },
	{ .head = "Recommended staff", .xf = RPT_XF_INT, .get = shift_count,
	  .arg = STAFF_SHOWN, .total = RPT_TOTAL_SUM, .when = RECOMMENDED },
	{ .head = "Staff of the best roster found", .xf = RPT_XF_INT, .get = shift_count,
	  .arg = STAFF_SHOWN, .total = RPT_TOTAL_SUM, .when = BEST_FOUND },
	{ .head = "Staff as written", .xf = RPT_XF_INT, .get = shift_count,
	  .arg = STAFF_WRITTEN, .total = RPT_TOTAL_SUM, .when = OPTIMIZED },
	{ .head = "Min", .xf = RPT_XF_INT, .get = shift_count, .arg = STAFF_MIN },
	{ .head = "Max", .xf = RPT_XF_INT, .get = shift_count, .arg = STAFF_MAX },
	{ .head = "Cost per hour", .xf = RPT_XF_MONEY2, .get = shift_cost_per_hour },
	{ .head = "Person-hours per week", .xf = RPT_XF_NUM1, .get = shift_week,
	  .arg = PERWEEK_HOURS, .total = RPT_TOTAL_SUM },
	{ .head = "Cost per week", .xf = RPT_XF_MONEY, .get = shift_week,
	  .arg = PERWEEK_COST, .total = RPT_TOTAL_SUM },
	{ .head = "Cost per week as written", .xf = RPT_XF_MONEY, .get = shift_week,
	  .arg = PERWEEK_COST_WRITTEN, .total = RPT_TOTAL_SUM, .when = OPTIMIZED },
	{ .head = "Change in cost per week", .xf = RPT_XF_CHANGE, .get = shift_week,
	  .arg = PERWEEK_CHANGE, .total = RPT_TOTAL_SUM, .total_value = change_total,
	  .when = OPTIMIZED },
	{ .head = "Notes", .xf = RPT_XF_TEXT, .get = shift_notes },
};

static const struct rpt_table shift_table = { shift_cols, RPT_NCOLS(shift_cols), NULL,
    shift_skip, 0 };

/* Whether a row of the shifts table shows staff or bounds by day. */
static int
any_by_day(const struct rpt_xlsx *x)
{
	struct scn_rshift r;
	int i;

	for (i = 0; i < x->scn->nshifts; i++)
		if (!shift_skip(x, i) && scn_rshift_at(x->scn, x->staff, i, &r) &&
		    (scn_by_day_varies(r.staff, r.days) || scn_by_day_varies(r.written, r.days) ||
		    scn_by_day_varies(r.min, r.days) || scn_by_day_varies(r.max, r.days)))
			return 1;
	return 0;
}

/* The shifts table from row, its total and notes; returns the next free row. */
static int
roster_shifts(struct rpt_xsheet *sh, int row, struct rpt_xtable *xt)
{
	struct rpt_xlsx *x = sh->x;
	int last;

	rpt_xtable_init(xt, sh, &shift_table, x, x->staff == NULL ? AS_WRITTEN :
	    x->feasible ? RECOMMENDED : BEST_FOUND, 0);
	last = rpt_xtable_last_col(xt);
	rpt_xtable_head(xt, row++);
	row = rpt_xtable_rows(xt, row, x->scn->nshifts);
	rpt_xtable_total(xt, row++, "Total");
	if (x->staff != NULL)
		rpt_xlsx_note(sh, row++, 0, last, x->feasible ? "Recommended: the roster "
		    "clinicq optimize recommends, the cheapest it found that meets every "
		    "target with confidence; the coverage grids and the other sheets show "
		    "it.  As written: the staff in the scenario file.  Change: the cost "
		    "of the recommended roster less that of the roster as written "
		    "(negative is a saving)." : "No roster within the shifts' bounds met "
		    "every target: this is the best roster clinicq optimize found, and the "
		    "coverage grids and the other sheets show it.  As written: the staff in "
		    "the scenario file.  Change: the cost of the best roster found less that "
		    "of the roster as written (negative is a saving).", RPT_XF_NOTE);
	rpt_xlsx_note(sh, row++, 0, last, "Person-hours and cost per week are averaged "
	    "over the measured weeks, holidays included: a shift that does not run on "
	    "holidays costs less in a week with one.", RPT_XF_NOTE);
	if (any_by_day(x))
		rpt_xlsx_note(sh, row++, 0, last, "A shift whose staff differs by weekday "
		    "shows it by day (mon 4, tue-thu 3, fri 2: the persons on duty on a run "
		    "that starts on that day); a staff column's total counts the shifts "
		    "with one number for all their days.", RPT_XF_NOTE);
	return row + 1;
}

/* One role's grid: hours down, days across, at (row, col); returns rows used. */
static int
roster_grid(struct rpt_xsheet *sh, int row, int col, int role)
{
	struct rpt_xlsx *x = sh->x;
	const struct scn *s = x->scn;
	double cov[WEEK_HOURS], call[WEEK_HOURS], max = 0;
	char title[SCN_MAX_NAME + 64];
	int d, h;
	lxw_format *oncall = rpt_xlsx_on_call_format(x);
	int i, designed = 0;

	rpt_coverage(s, x->staff, role, cov);
	for (i = 0; i < s->nshifts; i++)
		for (d = 0; d < WEEK_DAYS; d++)
			designed |= s->shifts[i].tmpl > 0 && s->shifts[i].role == role &&
			    scn_shift_staff_on(s, x->staff, i, d) > 0;
	snprintf(title, sizeof title, "%s on duty%s%s", s->roles[role].name,
	    x->staff == NULL ? "" : x->feasible ? ", recommended roster" :
	    ", best found (does not meet the targets)", designed ? " (with designed shifts)" : "");
	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, (lxw_col_t)col,
	    (lxw_row_t)row, (lxw_col_t)(col + 7), title, x->f[RPT_XF_SECTION]),
	    "merging cells");
	rpt_xlsx_str(sh, row + 1, col, "Hour", RPT_XF_HEAD);
	for (d = 0; d < 7; d++)
		rpt_xlsx_str(sh, row + 1, col + 1 + d, week_day_short[d],
		    RPT_XF_HEAD);
	coverage(s, x->staff, role, COVER_ON_CALL, call);
	for (h = 0; h < 24; h++) {
		char lab[16];

		snprintf(lab, sizeof lab, "%02d:00", h);
		rpt_xlsx_str(sh, row + 2 + h, col, lab, RPT_XF_LABEL);
		for (d = 0; d < 7; d++) {
			double v = cov[d * 24 + h], c = call[d * 24 + h];
			double r = round(v);

			if (v > max)
				max = v;
			rpt_xlsx_width(sh, col + 1 + d, 6);
			if (c > 1e-9) {
				rpt_xlsx_on_call_cell(sh, row + 2 + h, col + 1 + d, v - c, c, oncall);
				continue;
			}
			if (fabs(v - r) < 1e-9)
				rpt_xlsx_check(x, worksheet_write_number(sh->ws,
				    (lxw_row_t)(row + 2 + h), (lxw_col_t)(col + 1 + d), r,
				    x->grid_int), "writing a cell");
			else
				rpt_xlsx_check(x, worksheet_write_number(sh->ws,
				    (lxw_row_t)(row + 2 + h), (lxw_col_t)(col + 1 + d), v,
				    x->grid_frac), "writing a cell");
		}
	}
	rpt_xlsx_grid_scale(sh, row + 2, col + 1, max, C_SCALE_HI,
	    "colouring the coverage grid");
	return 26;
}

/* Roster: the shifts, then one coverage grid per role. */
int
rpt_xlsx_sheet_roster(struct rpt_xlsx *x)
{
	const struct scn *s = x->scn;
	struct rpt_xsheet *sh;
	struct rpt_xtable xt;
	lxw_row_t brk[SCN_MAX_ROLES + 2];
	double w = 0;
	int row, r, c, nbrk;

	if ((sh = rpt_xlsx_sheet(x, "Roster", x->staff == NULL ? "Roster" :
	    x->feasible ? "Roster: recommended, beside the roster as written" :
	    "Roster: best found (does not meet the targets), beside the roster "
	    "as written")) == NULL)
		return -1;
	row = roster_shifts(sh, 2, &xt);
	/* One role to a page; the first after the shifts if it fits there. */
	brk[0] = row + 30 > 42 ? (lxw_row_t)row : 0;
	rpt_xlsx_str(sh, row++, 0, "Coverage: staff on duty by hour of a typical week",
	    RPT_XF_SECTION);
	rpt_xlsx_note(sh, row++, 0, rpt_xtable_last_col(&xt), "Each cell is the number of "
	    "people on duty in "
	    "that hour, averaged over the hour (2 people from 08:30 count 1 at 08:00), "
	    "less scheduled breaks taken when due (staggered over their window); "
	    "darker is more.  Holidays, absence and overtime are not shown.", RPT_XF_NOTE);
	for (c = 0; c < s->nshifts && !s->shifts[c].on_call; c++)
		;
	if (c < s->nshifts)
		rpt_xlsx_note(sh, row++, 0, rpt_xtable_last_col(&xt), "On call: a shift with "
		    "on_call = yes takes live work only, from off site; its persons show as "
		    "\"1 on call\" (\"2 + 1 on call\" beside 2 on site) on a blue ground, never as "
		    "staff on site.", RPT_XF_NOTE);
	for (r = 0, nbrk = brk[0] != 0; r < s->nroles; r++) {
		if (r > 0)
			brk[nbrk++] = (lxw_row_t)row;
		row += roster_grid(sh, row, 0, r) + 1;
	}
	brk[nbrk] = 0;
	if (nbrk > 0)
		rpt_xlsx_check(x, worksheet_set_h_pagebreaks(sh->ws, brk),
		    "setting page breaks");
	/* The seven day columns alike, whatever the shifts table put in them. */
	for (c = 1; c <= 7; c++)
		if (sh->width[c] > w)
			w = sh->width[c];
	for (c = 1; c <= 7; c++)
		sh->width[c] = w;
	worksheet_freeze_panes(sh->ws, 3, 1);
	return 0;
}
