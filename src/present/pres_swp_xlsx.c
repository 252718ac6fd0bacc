/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_swp_xlsx.c — sweep's workbook: the Sweep sheet (a row per point, the
 * key columns under readable headers grouped by class, role, safety and cost,
 * printed with the point and its varied values on every page) and the Sweep
 * charts sheet (pres_swp_charts.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/meas.h"
#include "pres.h"
#include "pres_swp_int.h"

/* Printable width of a landscape page between the margins of rpt_xlsx_sheet
 * (letter, the narrower paper: 10 in at 96 px an inch), and the print scale
 * of a sheet too wide for one page: 70% holds about 135 characters a page as
 * LibreOffice draws them (Excel fits more). */
enum { PAGE_PX = 960, WIDE_SCALE = 70 };

static int
is_number(const char *s, double *x)
{
	char *end;

	*x = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(*x);
}

void
pres_swp_key_label(const char *key, char *buf, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n && key[i] != '\0'; i++)
		buf[i] = key[i] == '.' || key[i] == '_' ? ' ' : key[i];
	if (n > 0)
		buf[i] = '\0';
}

/* A verdict code of a "met" row (meas_met_name) in the words people read:
 * "met", "met on average", "missed", "n/a", "no target"; "yes"/"no" of
 * feasible as they are. */
static const char *
verdict_word(const struct swp_row *r, int feasible)
{
	static const enum meas_met all[] = { MEAS_MET_NO, MEAS_MET_ON_AVERAGE,
	    MEAS_MET_CONFIDENT, MEAS_MET_NA };
	size_t i;

	if (r == NULL)
		return "";
	if (feasible)
		return r->verdict;
	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(r->verdict, meas_met_name(all[i])) == 0)
			return rpt_verdict_word(all[i]);
	return strcmp(r->verdict, "none") == 0 ? "no target" : r->verdict;
}

/* A verdict's colour: met (or feasible) green, on average amber, missed red;
 * none for want of items grey. */
static enum rpt_xf
verdict_xf(const struct swp_row *r)
{
	if (r == NULL)
		return RPT_XF_TEXT;
	if (strcmp(r->verdict, "confident") == 0 || strcmp(r->verdict, "yes") == 0)
		return RPT_XF_GOOD;
	if (strcmp(r->verdict, "no") == 0)
		return RPT_XF_BAD;
	if (strcmp(r->verdict, "on_average") == 0)
		return RPT_XF_AMBER;
	return RPT_XF_NO_VERDICT;
}

/* ---- the columns for people ------------------------------------------------------ */

/* A column's group header and its own header, with units; rank orders the
 * columns within a group: the attained share, its interval and the verdict
 * first, then the times. */
static int
describe(const struct col *c, const char *cur, char *group, char *label, size_t n)
{
	static const struct {
		const char *measure, *label;
		int rank, money;
	} heads[] = {
		{ "met", "verdict", 3, 0 },
		{ "wait_p90_min", "wait p90", 4, 0 },
		{ "response_p90_min", "answered p90", 4, 0 },
		{ "utilization", "busy (%)", 0, 0 },
		{ "overtime_hours_per_week", "overtime (h per week)", 1, 0 },
		{ "miss_rate", "acute cases missed (%)", 0, 0 },
		{ "total", "per week", 0, 1 },
		{ NULL, NULL, 0, 0 }
	};
	const struct swp_row *r = c->row;
	const char *m = r->measure;
	size_t i;

	if (strcmp(r->kind, "roster") == 0) {
		if (strcmp(m, "staff") == 0) {
			snprintf(group, n, "optimizer's staff per shift");
			snprintf(label, n, "%s", r->name);
			for (i = 0; label[i] != '\0'; i++)
				if (label[i] == '.')  /* SHIFT.mon: by day */
					label[i] = ' ';
			return 1;
		}
		snprintf(group, n, "optimizer's roster");
		if (strcmp(m, "feasible") == 0)
			snprintf(label, n, "meets every target");
		else
			snprintf(label, n, "roster cost per week%s%s%s", cur[0] ? " (" : "",
			    cur, cur[0] ? ")" : "");
		return 0;
	}
	if (strcmp(r->kind, "class") == 0)
		snprintf(group, n, "class %s", r->name);
	else if (strcmp(r->kind, "role") == 0)
		snprintf(group, n, "role %s", r->name);
	else
		snprintf(group, n, "%s", r->kind);
	if (strcmp(m, "attainment") == 0) {
		snprintf(label, n, "%s", c->what == COL_LO ? "95% CI low" : c->what == COL_HI ?
		    "95% CI high" : "within target (%)");
		return c->what == COL_LO ? 1 : c->what == COL_HI ? 2 : 0;
	}
	for (i = 0; heads[i].measure != NULL && strcmp(heads[i].measure, m) != 0; i++)
		;
	if (heads[i].measure == NULL) {
		pres_swp_key_label(m, label, n);
		return 6;
	}
	snprintf(label, n, "%s%s%s%s", heads[i].label, heads[i].money && cur[0] ? " (" : "",
	    heads[i].money ? cur : "", heads[i].money && cur[0] ? ")" : "");
	return heads[i].rank;
}

/* The order of the groups: the optimizer's answer, what the point costs and
 * its acute cases missed, then the classes, the roles last. */
static int
group_order(const struct col *c)
{
	static const char *const kinds[] = { "roster", "cost", "safety", "class", "role",
	    NULL };
	int i;

	for (i = 0; kinds[i] != NULL && strcmp(kinds[i], c->row->kind) != 0; i++)
		;
	return i;
}

/* Whether the sheet shows column c: of a class's two p90 times, the one its
 * people feel (a call's wait, a message's time to an answer); points.csv has
 * both. */
static int
shown(const struct scn *s, const struct col *c)
{
	int i, sync;

	if (strcmp(c->row->kind, "class") != 0 || (strcmp(c->row->measure, "wait_p90_min") != 0 &&
	    strcmp(c->row->measure, "response_p90_min") != 0))
		return 1;
	for (i = 0; i < s->nclasses && strcmp(s->classes[i].name, c->row->name) != 0; i++)
		;
	sync = i < s->nclasses && s->classes[i].mode == SCN_SYNC;
	return sync == (strcmp(c->row->measure, "wait_p90_min") == 0);
}

/* Group the key columns for people: fills l->d, l->groups.  0, or -1 out of
 * memory. */
static int
layout_new(struct swp_layout *l, const struct swp *w, const struct col *cols, int ncols)
{
	int *rank, k, j, g;
	char group[sizeof l->groups[0]];

	memset(l, 0, sizeof *l);
	l->w = w;
	l->head = 2;
	l->first = 3;
	l->col0 = 1 + w->s->sweep.nvars;
	l->d = calloc((size_t)ncols + 1, sizeof *l->d);
	l->groups = calloc((size_t)ncols + 1, sizeof *l->groups);
	rank = calloc((size_t)ncols + 1, sizeof *rank);
	if (l->d == NULL || l->groups == NULL || rank == NULL) {
		free(rank);
		return -1;
	}
	for (k = 0; k < ncols; k++) {
		struct swp_dcol d = { &cols[k], 0, "" };
		int rk;

		if (!shown(w->s, &cols[k]))
			continue;
		rk = describe(&cols[k], w->s->currency, group, d.label, sizeof d.label);

		for (g = 0; g < l->ngroups && strcmp(l->groups[g], group) != 0; g++)
			;
		if (g == l->ngroups)
			snprintf(l->groups[l->ngroups++], sizeof l->groups[0], "%s", group);
		d.group = g;
		/* Insert after every column that comes first: by the order of its
		 * group's kind, its group, its rank in the group. */
		rk += 16 * (g + (ncols + 1) * group_order(&cols[k]));
		for (j = l->nd; j > 0 && rank[j - 1] > rk; j--) {
			l->d[j] = l->d[j - 1];
			rank[j] = rank[j - 1];
		}
		l->d[j] = d;
		rank[j] = rk;
		l->nd++;
	}
	free(rank);
	return 0;
}

int
pres_swp_sheet_col(const struct swp_layout *l, const char *kind, const char *name,
    const char *measure, enum col_what what)
{
	int k;

	for (k = 0; k < l->nd; k++) {
		const struct col *c = l->d[k].c;

		if (c->what == what && strcmp(c->row->kind, kind) == 0 &&
		    strcmp(c->row->name, name) == 0 && strcmp(c->row->measure, measure) == 0)
			return l->col0 + k;
	}
	return -1;
}

/* ---- the sheet ------------------------------------------------------------------- */

static void
write_value(struct rpt_xsheet *sh, int row, int col, const char *s)
{
	double num;

	if (is_number(s, &num))
		rpt_xlsx_num(sh, row, col, num, num == floor(num) ? RPT_XF_INT : RPT_XF_NUM2);
	else
		rpt_xlsx_str(sh, row, col, s, RPT_XF_TEXT);
}

static void
write_cell(struct rpt_xsheet *sh, int row, int col, const struct col *c,
    const struct swp_result *res)
{
	const struct swp_row *r = pres_swp_find_row(res, c);
	double val = pres_swp_value(r, c->what);
	const char *m = c->row->measure;

	if (c->what == COL_VERDICT)
		rpt_xlsx_str(sh, row, col, verdict_word(r, strcmp(m, "feasible") == 0),
		    verdict_xf(r));
	else if (strcmp(c->row->kind, "roster") == 0)
		rpt_xlsx_num(sh, row, col, val, strcmp(m, "staff") == 0 ?
		    RPT_XF_INT : RPT_XF_MONEY);
	else if (strcmp(m, "attainment") == 0 || strcmp(m, "utilization") == 0 ||
	    strcmp(m, "miss_rate") == 0)
		rpt_xlsx_num(sh, row, col, val, RPT_XF_PCT);
	else if (strstr(m, "_min") != NULL)
		rpt_xlsx_dur(sh, row, col, val);
	else if (strcmp(m, "total") == 0)
		rpt_xlsx_num(sh, row, col, val, RPT_XF_MONEY);
	else
		rpt_xlsx_num(sh, row, col, val, RPT_XF_NUM1);
}

/* The group headers above the column headers: merged over their columns. */
static void
write_groups(struct rpt_xsheet *sh, const struct swp_layout *l)
{
	int k = 0, end;
	lxw_format *f = sh->x->f[RPT_XF_HEAD];

	if (l->col0 > 1)
		rpt_xlsx_check(sh->x, worksheet_merge_range(sh->ws, 1, 0, 1,
		    (lxw_col_t)(l->col0 - 1), "what varies", f), "merging a header");
	else
		rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, 1, 0, "", f),
		    "writing a cell");
	while (k < l->nd) {
		for (end = k; end + 1 < l->nd && l->d[end + 1].group == l->d[k].group; end++)
			;
		if (end > k)
			rpt_xlsx_check(sh->x, worksheet_merge_range(sh->ws, 1,
			    (lxw_col_t)(l->col0 + k), 1, (lxw_col_t)(l->col0 + end),
			    l->groups[l->d[k].group], f), "merging a header");
		else
			rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, 1,
			    (lxw_col_t)(l->col0 + k), l->groups[l->d[k].group], f),
			    "writing a cell");
		k = end + 1;
	}
}

/* A column header wrapped on up to three lines: the column as wide as its
 * longest word or a third of it, whichever is wider. */
static void
head_cell(struct rpt_xsheet *sh, int row, int col, const char *name)
{
	double longest = 0, w;
	const char *s = name, *sp;

	while (*s != '\0') {
		sp = strchr(s, ' ');
		w = sp ? (double)(sp - s) : (double)strlen(s);
		if (w > longest)
			longest = w;
		s = sp ? sp + 1 : s + strlen(s);
	}
	w = ceil((double)strlen(name) / 3.0);
	rpt_xlsx_width(sh, col, 1.1 * (w > longest ? w : longest) + 2);
	rpt_xlsx_check(sh->x, worksheet_write_string(sh->ws, (lxw_row_t)row, (lxw_col_t)col,
	    name, sh->x->f[RPT_XF_HEAD]), "writing a cell");
}

static double
col_px(const struct rpt_xsheet *sh, int c)
{
	double w = c >= RPT_XLSX_MAX_COLS ? 8.43 : sh->width[c] > 60 ? 60 :
	    sh->width[c] > 0 ? sh->width[c] : 8.43;

	return w * 10;    /* LibreOffice's width of a character: Excel's is 7 */
}

/* Print the point and its varied values on every page, the two header rows
 * at the top of each; a sheet wider than a page prints at WIDE_SCALE with the
 * page breaks between groups, so that no class is split over two pages. */
static void
print_setup(struct rpt_xsheet *sh, const struct swp_layout *l)
{
	lxw_col_t breaks[RPT_XLSX_MAX_COLS + 1];
	double rep = 0, used, total = 0, room = PAGE_PX * 100.0 / WIDE_SCALE;
	int c, k, nb = 0, start;

	for (c = 0; c < l->col0 + l->nd; c++)
		total += col_px(sh, c);
	for (c = 0; c < l->col0; c++)
		rep += col_px(sh, c);
	rpt_xlsx_check(sh->x, worksheet_repeat_rows(sh->ws, 1, (lxw_row_t)l->head),
	    "repeating the header rows");
	rpt_xlsx_check(sh->x, worksheet_repeat_columns(sh->ws, 0, (lxw_col_t)(l->col0 - 1)),
	    "repeating the varied values");
	if (total <= PAGE_PX)
		return;       /* one page wide, rpt_xlsx_sheet's fit */
	worksheet_set_print_scale(sh->ws, WIDE_SCALE);
	used = rep;
	for (k = 0; k < l->nd; k = start) {
		double gw = 0;

		for (start = k; start < l->nd && l->d[start].group == l->d[k].group; start++)
			gw += col_px(sh, l->col0 + start);
		if (used + gw > room && used > rep && nb < RPT_XLSX_MAX_COLS) {
			breaks[nb++] = (lxw_col_t)(l->col0 + k);
			used = rep;
		}
		used += gw;
	}
	breaks[nb] = 0;
	if (nb > 0)
		rpt_xlsx_check(sh->x, worksheet_set_v_pagebreaks(sh->ws, breaks),
		    "breaking the pages");
}

static int
add_sweep_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct swp_layout *l = arg;
	const struct swp *w = l->w;
	const struct scn_sweep *sw = &w->s->sweep;
	struct rpt_xsheet *sh;
	char title[256], key[SCN_MAX_NAME * 2];
	int p, v, k, last = l->first + w->npoints - 1;

	(void)err;
	snprintf(title, sizeof title, "What-if sweep: %d points (%s), %d replications each",
	    w->npoints, sw->zip ? "zip" : "grid", w->s->replications);
	if ((sh = rpt_xlsx_sheet(x, "Sweep", title)) == NULL)
		return 0;     /* x->lerr is set */
	write_groups(sh, l);
	head_cell(sh, l->head, 0, "Point");
	for (v = 0; v < sw->nvars; v++) {
		pres_swp_key_label(sw->vars[v].key, key, sizeof key);
		head_cell(sh, l->head, 1 + v, key);
	}
	for (k = 0; k < l->nd; k++)
		head_cell(sh, l->head, l->col0 + k, l->d[k].label);
	rpt_xlsx_check(x, worksheet_set_row(sh->ws, (lxw_row_t)l->head, 45, NULL),
	    "sizing a row");
	for (p = 0; p < w->npoints; p++) {
		int row = l->first + p;

		rpt_xlsx_num(sh, row, 0, p + 1, RPT_XF_INT);
		for (v = 0; v < sw->nvars; v++)
			write_value(sh, row, 1 + v, sw->vars[v].values[swp_value(w, p, v)]);
		for (k = 0; k < l->nd; k++)
			write_cell(sh, row, l->col0 + k, l->d[k].c, &w->res[p]);
	}
	/* Under the repeated columns: on every printed page. */
	rpt_xlsx_note(sh, last + 2, 0, l->col0 - 1,
	    "within target: share of a class's items within its target, with its 95% "
	    "confidence interval; p90: 90% waited (were answered) within it; busy: share "
	    "of paid time at work.  Charts: the Sweep charts sheet.", RPT_XF_NOTE);
	worksheet_freeze_panes(sh->ws, (lxw_row_t)l->first, (lxw_col_t)l->col0);
	rpt_xlsx_check(x, worksheet_autofilter(sh->ws, (lxw_row_t)l->head, 0, (lxw_row_t)last,
	    (lxw_col_t)(l->col0 + l->nd - 1)), "adding filters");
	print_setup(sh, l);
	return 0;
}

int
pres_swp_xlsx(const struct swp *w, const struct col *cols, int ncols, const char *path,
    struct cq_err *err)
{
	struct swp_layout l;
	int rc;

	if (layout_new(&l, w, cols, ncols) != 0) {
		free(l.d);
		free(l.groups);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	{
		struct rpt_xlsx_extra ex[2] = { { add_sweep_sheet, &l },
		    { pres_swp_charts, &l } };

		rc = rpt_xlsx_ext(w->s, NULL, NULL, ex, 2, path, err);
	}
	free(l.d);
	free(l.groups);
	return rc;
}
