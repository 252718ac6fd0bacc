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

#include <math.h>
#include <string.h>

/* The coverage grid's colour scale. */
#define C_SCALE_HI 0x63BE7B

/* Add n x the overlap of [t, b) (minutes of the week) to the hours it covers,
 * pro rata within an hour; the week wraps. */
static void
cover_span(double out[SCN_HOW], double t, double b, double n)
{
	while (t < b) {
		double next = (floor(t / 60.0) + 1) * 60.0;
		double seg = (b < next ? b : next) - t;
		int h = (int)floor(t / 60.0) % SCN_HOW;

		out[h] += n * seg / 60.0;
		t += seg;
	}
}

/* Add each shift's staff to the hours it covers, pro rata within an hour, less
 * each person's breaks taken when due (the engine's schedule, scn_break_due);
 * a break pushed back by an item in hand, and absence, are not shown. */
void
rpt_coverage(const struct scn *s, const int *staff, int role, double out[SCN_HOW])
{
	int i, d, j, k;

	memset(out, 0, SCN_HOW * sizeof out[0]);
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];
		int n = staff != NULL ? staff[i] : sh->staff;

		if (sh->role != role || n <= 0)
			continue;
		for (d = 0; d < 7; d++) {
			double t, b;

			if (!(sh->days & (1u << d)))
				continue;
			t = d * MIN_PER_DAY + sh->start;
			b = d * MIN_PER_DAY + sh->end;
			cover_span(out, t, b, n);
			for (k = 0; k < sh->nbreaks; k++)
				for (j = 0; j < n; j++) {
					t = d * MIN_PER_DAY + scn_break_due(&sh->breaks[k], j, n);
					cover_span(out, t, t + sh->breaks[k].length, -1.0);
				}
		}
	}
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
			    rpt_xlsx_day_name[i], rpt_xlsx_day_name[j]);
		else if (j == i + 1)
			snprintf(buf + len, n - len, "%s%s, %s", len ? ", " : "",
			    rpt_xlsx_day_name[i], rpt_xlsx_day_name[j]);
		else
			snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
			    rpt_xlsx_day_name[i]);
		len = strlen(buf);
		i = j;
	}
}

/* The shifts table; returns the next free row.  An optimize workbook puts the
 * staff as written beside the staff shown, and its cost and the change in cost
 * after the cost. */
static int
roster_shifts(struct rpt_xsheet *sh, int row)
{
	static const char *const head[] = { "Shift", "Role", "Days", "Start", "End",
	    "Hours per shift", "Staff", "Min", "Max", "Cost per hour",
	    "Person-hours per week", "Cost per week", "Notes" };
	static const char *const head_opt[] = { "Shift", "Role", "Days", "Start", "End",
	    "Hours per shift", "Recommended staff", "Staff as written", "Min", "Max",
	    "Cost per hour", "Person-hours per week", "Cost per week",
	    "Cost per week as written", "Change in cost per week", "Notes" };
	struct rpt_xlsx *x = sh->x;
	const struct scn *s = x->scn;
	/* From Min on the columns move one right in an optimize workbook. */
	const int opt = x->staff != NULL, o = opt, notes = opt ? 15 : 12;
	double total_cost = 0, total_hours = 0, total_staff = 0, total_base = 0,
	    total_base_staff = 0;
	const char *hd[16];
	char buf[128];
	int i, first;

	if (opt) {
		memcpy(hd, head_opt, sizeof head_opt);
		if (!x->feasible)
			hd[6] = "Staff of the best roster found";
	} else {
		memcpy(hd, head, sizeof head);
	}
	rpt_xlsx_head(sh, row++, 0, hd, notes + 1);
	first = row;
	for (i = 0; i < s->nshifts; i++, row++) {
		const struct scn_shift *t = &s->shifts[i];
		double per = scn_shift_hours_per_week(s, i);

		/* Shift design: the candidates the roster shown does not staff. */
		if (t->tmpl > 0 && rpt_xlsx_shown_staff(x, i) == 0) {
			row--;
			continue;
		}
		double hours = rpt_xlsx_shown_staff(x, i) * per;
		double cost = hours * t->cost_per_hour;
		double base = t->staff * per * t->cost_per_hour;

		rpt_xlsx_str(sh, row, 0, t->name, RPT_XF_LABEL);
		rpt_xlsx_str(sh, row, 1, s->roles[t->role].name, RPT_XF_TEXT);
		fmt_days(t->days, buf, sizeof buf);
		rpt_xlsx_str(sh, row, 2, buf, RPT_XF_TEXT);
		rpt_xlsx_num(sh, row, 3, t->start / MIN_PER_DAY, RPT_XF_CLOCK);
		if (t->end > MIN_PER_DAY) {
			/* Past midnight: the clock time, said to be the next day. */
			rpt_xlsx_width(sh, 4, 15);
			rpt_xlsx_check(x, worksheet_write_number(sh->ws, (lxw_row_t)row, 4,
			    (t->end - MIN_PER_DAY) / MIN_PER_DAY, x->clock_next), "writing a cell");
		} else {
			rpt_xlsx_num(sh, row, 4, t->end / MIN_PER_DAY, RPT_XF_CLOCK);
		}
		rpt_xlsx_dur(sh, row, 5, t->end - t->start);
		rpt_xlsx_num(sh, row, 6, rpt_xlsx_shown_staff(x, i), RPT_XF_INT);
		if (opt)
			rpt_xlsx_num(sh, row, 7, t->staff, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 7 + o, t->min, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 8 + o, t->max, RPT_XF_INT);
		rpt_xlsx_num(sh, row, 9 + o, t->cost_per_hour, RPT_XF_NUM2);
		rpt_xlsx_num(sh, row, 10 + o, hours, RPT_XF_NUM1);
		rpt_xlsx_num(sh, row, 11 + o, cost, RPT_XF_MONEY);
		if (opt) {
			rpt_xlsx_num(sh, row, 13, base, RPT_XF_MONEY);
			rpt_xlsx_num(sh, row, 14, cost - base, RPT_XF_CHANGE);
		}
		buf[0] = '\0';
		if (t->tmpl > 0)
			snprintf(buf, sizeof buf, "designed (shift_template %s)%s",
			    s->templates[t->tmpl - 1].name, t->on_call ? "; " : "");
		if (t->on_call)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "on call (live work only)");
		if (t->skip_holidays)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%snot on holidays",
			    buf[0] ? "; " : "");
		if (buf[0] != '\0')
			rpt_xlsx_str(sh, row, notes, buf, RPT_XF_TEXT);
		total_cost += cost;
		total_hours += hours;
		total_staff += rpt_xlsx_shown_staff(x, i);
		total_base += base;
		total_base_staff += t->staff;
	}
	rpt_xlsx_total_row(sh, row, "Total", notes, 1u << 6 | 1u << (10 + o) |
	    1u << (11 + o) | (opt ? 1u << 7 | 1u << 13 | 1u << 14 : 0));
	if (s->nshifts > 0) {
		rpt_xlsx_column_total(sh, row, 6, first, row - 1, total_staff,
		    RPT_XF_TOTAL_INT);
		rpt_xlsx_column_total(sh, row, 10 + o, first, row - 1, total_hours,
		    RPT_XF_TOTAL_NUM1);
		rpt_xlsx_column_total(sh, row, 11 + o, first, row - 1, total_cost,
		    RPT_XF_TOTAL_MONEY);
		if (opt) {
			rpt_xlsx_column_total(sh, row, 7, first, row - 1, total_base_staff,
			    RPT_XF_TOTAL_INT);
			rpt_xlsx_column_total(sh, row, 13, first, row - 1, total_base,
			    RPT_XF_TOTAL_MONEY);
			rpt_xlsx_column_total(sh, row, 14, first, row - 1,
			    total_cost - total_base, RPT_XF_TOTAL_CHANGE);
		}
	}
	row++;
	if (opt)
		rpt_xlsx_note(sh, row++, 0, notes, x->feasible ? "Recommended: the roster "
		    "clinicq optimize recommends, the cheapest it found that meets every "
		    "target with confidence; the coverage grids and the other sheets show "
		    "it.  As written: the staff in the scenario file.  Change: the cost "
		    "of the recommended roster less that of the roster as written "
		    "(negative is a saving)." : "No roster within the shifts' bounds met "
		    "every target: this is the best roster clinicq optimize found, and the "
		    "coverage grids and the other sheets show it.  As written: the staff in "
		    "the scenario file.  Change: the cost of the best roster found less that "
		    "of the roster as written (negative is a saving).", RPT_XF_NOTE);
	rpt_xlsx_note(sh, row++, 0, notes, "Person-hours and cost per week are averaged "
	    "over the measured weeks, holidays included: a shift that does not run on "
	    "holidays costs less in a week with one.", RPT_XF_NOTE);
	return row + 1;
}

/* One role's grid: hours down, days across, at (row, col); returns rows used. */
static int
roster_grid(struct rpt_xsheet *sh, int row, int col, int role)
{
	struct rpt_xlsx *x = sh->x;
	const struct scn *s = x->scn;
	double cov[SCN_HOW], max = 0;
	char title[SCN_MAX_NAME + 64];
	int d, h;

	int i, designed = 0;

	rpt_coverage(s, x->staff, role, cov);
	for (i = 0; i < s->nshifts; i++)
		designed |= s->shifts[i].tmpl > 0 && s->shifts[i].role == role &&
		    rpt_xlsx_shown_staff(x, i) > 0;
	snprintf(title, sizeof title, "%s on duty%s%s", s->roles[role].name,
	    x->staff == NULL ? "" : x->feasible ? ", recommended roster" :
	    ", best roster found", designed ? " (with designed shifts)" : "");
	rpt_xlsx_check(x, worksheet_merge_range(sh->ws, (lxw_row_t)row, (lxw_col_t)col,
	    (lxw_row_t)row, (lxw_col_t)(col + 7), title, x->f[RPT_XF_SECTION]),
	    "merging cells");
	rpt_xlsx_str(sh, row + 1, col, "Hour", RPT_XF_HEAD);
	for (d = 0; d < 7; d++)
		rpt_xlsx_str(sh, row + 1, col + 1 + d, rpt_xlsx_day_name[d],
		    RPT_XF_HEAD);
	for (h = 0; h < 24; h++) {
		char lab[16];

		snprintf(lab, sizeof lab, "%02d:00", h);
		rpt_xlsx_str(sh, row + 2 + h, col, lab, RPT_XF_LABEL);
		for (d = 0; d < 7; d++) {
			double v = cov[d * 24 + h];
			double r = round(v);

			if (v > max)
				max = v;
			if (fabs(v - r) < 1e-9)
				rpt_xlsx_check(x, worksheet_write_number(sh->ws,
				    (lxw_row_t)(row + 2 + h), (lxw_col_t)(col + 1 + d), r,
				    x->grid_int), "writing a cell");
			else
				rpt_xlsx_check(x, worksheet_write_number(sh->ws,
				    (lxw_row_t)(row + 2 + h), (lxw_col_t)(col + 1 + d), v,
				    x->grid_frac), "writing a cell");
			rpt_xlsx_width(sh, col + 1 + d, 6);
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
	lxw_row_t brk[SCN_MAX_ROLES + 2];
	double w = 0;
	int row, r, c, nbrk;

	if ((sh = rpt_xlsx_sheet(x, "Roster", x->staff == NULL ? "Roster" :
	    x->feasible ? "Roster: recommended, beside the roster as written" :
	    "Roster: the best found (no roster met every target), beside the roster "
	    "as written")) == NULL)
		return -1;
	row = roster_shifts(sh, 2);
	/* One role to a page; the first after the shifts if it fits there. */
	brk[0] = row + 30 > 42 ? (lxw_row_t)row : 0;
	rpt_xlsx_str(sh, row++, 0, "Coverage: staff on duty by hour of a typical week",
	    RPT_XF_SECTION);
	rpt_xlsx_note(sh, row++, 0, x->staff ? 15 : 12, "Each cell is the number of "
	    "people on duty in "
	    "that hour, averaged over the hour (2 people from 08:30 count 1 at 08:00), "
	    "less scheduled breaks taken when due (staggered over their window); "
	    "darker is more.  Holidays, absence and overtime are not shown.", RPT_XF_NOTE);
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
