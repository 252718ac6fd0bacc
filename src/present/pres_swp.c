/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_swp.c — sweep's results for people (the table) and for programs (JSON),
 * the key columns that points.csv and the Sweep sheet share, and the files of
 * all points (workbook and CSV) together.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pres.h"
#include "pres_int.h"

/* ---- the columns of points.csv and the Sweep sheet ------------------------------- */

/* Designed shifts differ from point to point: after the first point's roster
 * columns, a column for each one that another point staffs (pres_swp_find_row
 * gives 0 where a point does not).  Returns the new column count. */
static int
designed_columns(const struct swp *w, struct col *c, int n)
{
	int p, i, k;

	for (p = 1; p < w->npoints; p++)
		for (i = 0; i < w->res[p].nrows; i++) {
			const struct swp_row *row = &w->res[p].rows[i];

			if (strcmp(row->kind, "roster") != 0 || strcmp(row->measure, "staff") != 0)
				continue;
			for (k = 0; k < n && !(strcmp(c[k].row->kind, "roster") == 0 &&
			    strcmp(c[k].row->measure, "staff") == 0 &&
			    strcmp(c[k].row->name, row->name) == 0); k++)
				;
			if (k < n)
				continue;
			c[n].row = row;
			c[n].what = COL_MEAN;
			snprintf(c[n].head, sizeof c[n].head, "roster.%s", row->name);
			n++;
		}
	return n;
}

/* The key measures, from the first point's rows (every point has the same);
 * no columns when there is no point to read them from. */
int
pres_swp_columns(const struct swp *w, struct col **out)
{
	static const char *const keys[] = { "attainment", "met", "wait_p90_min",
	    "response_p90_min", "utilization", "overtime_hours_per_week", "miss_rate",
	    "total", NULL };
	const struct swp_result *r = w->npoints > 0 ? &w->res[0] : NULL;
	/* At most three columns a row: attainment, its low and its high end; and a
	 * column for each designed shift that another point staffs. */
	size_t cap = r != NULL ? (size_t)r->nrows * 3 + 1 : 1;
	struct col *c;
	int i, k, p, n = 0, roster_done = 0;

	for (p = 1; p < w->npoints; p++)
		cap += (size_t)w->res[p].nrows;
	if ((c = calloc(cap, sizeof *c)) == NULL)
		return -1;

	*out = c;
	if (r == NULL)
		return 0;
	for (i = 0; i < r->nrows; i++) {
		const struct swp_row *row = &r->rows[i];

		if (strcmp(row->kind, "roster") == 0) {
			/* An optimize point's answer, named as in its JSON. */
			c[n].row = row;
			c[n].what = strcmp(row->measure, "feasible") == 0 ? COL_VERDICT : COL_MEAN;
			if (strcmp(row->measure, "staff") == 0)
				snprintf(c[n].head, sizeof c[n].head, "roster.%s", row->name);
			else if (strcmp(row->measure, "cost_per_week") == 0)
				snprintf(c[n].head, sizeof c[n].head, "roster_cost_per_week");
			else
				snprintf(c[n].head, sizeof c[n].head, "%s", row->measure);
			n++;
			continue;
		}
		if (!roster_done++)   /* the roster rows come first */
			n = designed_columns(w, c, n);
		for (k = 0; keys[k] != NULL && strcmp(keys[k], row->measure) != 0; k++)
			;
		if (keys[k] == NULL)
			continue;
		if (strcmp(row->kind, "cost") == 0 && strcmp(row->measure, "total") != 0)
			continue;
		c[n].row = row;
		c[n].what = strcmp(row->measure, "met") == 0 ? COL_VERDICT : COL_MEAN;
		if (row->name[0] != '\0')
			snprintf(c[n].head, sizeof c[n].head, "%s.%s", row->name, row->measure);
		else
			snprintf(c[n].head, sizeof c[n].head, "%s.%s", row->kind, row->measure);
		n++;
		if (strcmp(row->measure, "attainment") == 0) {
			c[n] = c[n - 1];
			c[n].what = COL_LO;
			snprintf(c[n].head, sizeof c[n].head, "%s.attainment_lo", row->name);
			n++;
			c[n] = c[n - 1];
			c[n].what = COL_HI;
			snprintf(c[n].head, sizeof c[n].head, "%s.attainment_hi", row->name);
			n++;
		}
	}
	return n;
}

/* The row of point r matching column c, or NULL.  A designed shift that
 * another point staffs and this one does not has staff 0 here. */
const struct swp_row *
pres_swp_find_row(const struct swp_result *r, const struct col *c)
{
	static const struct swp_row unstaffed = { "roster", "", "staff", 0.0, NAN, NAN, "" };
	int i;

	for (i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].measure, c->row->measure) == 0 &&
		    strcmp(r->rows[i].name, c->row->name) == 0 &&
		    strcmp(r->rows[i].kind, c->row->kind) == 0)
			return &r->rows[i];
	if (r->done && strcmp(c->row->kind, "roster") == 0 &&
	    strcmp(c->row->measure, "staff") == 0)
		return &unstaffed;
	return NULL;
}

double
pres_swp_value(const struct swp_row *row, enum col_what what)
{
	if (row == NULL)
		return NAN;
	return what == COL_LO ? row->lo : what == COL_HI ? row->hi : row->mean;
}

/* ---- the table ------------------------------------------------------------------- */

/* The row kind/name/measure of point r, or NULL. */
static const struct swp_row *
point_row(const struct swp_result *r, const char *kind, const char *name,
    const char *measure)
{
	int i;

	for (i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].kind, kind) == 0 && strcmp(r->rows[i].name, name) == 0 &&
		    strcmp(r->rows[i].measure, measure) == 0)
			return &r->rows[i];
	return NULL;
}

static int
col_width_of(const char *head, int min)
{
	int n = (int)strlen(head);

	return n > min ? n : min;
}

static int
written_shift(const struct scn *s, const char *name)
{
	int i;

	for (i = 0; i < s->nshifts; i++)
		if (strcmp(s->shifts[i].name, name) == 0)
			return 1;
	return 0;
}

/* With [shift_template]s, the designed shifts each point's answer staffs
 * (the table's columns are the written shifts). */
static void
write_designed(const struct swp *w, FILE *f)
{
	int p, i, shown = 0;

	for (p = 0; p < w->npoints; p++) {
		const struct swp_result *r = &w->res[p];
		int first = 1;

		for (i = 0; i < r->nrows; i++) {
			const struct swp_row *row = &r->rows[i];

			if (strcmp(row->kind, "roster") != 0 || strcmp(row->measure, "staff") != 0 ||
			    row->name[0] == '\0' || written_shift(w->s, row->name))
				continue;
			if (!shown++)
				fputs("\ndesigned shifts staffed ([shift_template]):\n", f);
			if (first)
				fprintf(f, "%5d  ", p + 1);
			else
				fputs(", ", f);
			fprintf(f, "%s x %.0f", row->name, row->mean);
			first = 0;
		}
		if (!first)
			fputc('\n', f);
	}
}

/* The targets of point r by verdict: "met: routine, callback; missed:
 * clinical, red_flag" (the safety target as "safety"); a class without items
 * or without a target is left out. */
static void
name_targets(const struct swp_result *r, char *buf, size_t n)
{
	static const char *const codes[] = { "confident", "on_average", "no" };
	static const char *const heads[] = { "met", "met on average", "missed" };
	size_t len = 0;
	int v, i, k;

	buf[0] = '\0';
	for (v = 0; v < 3; v++)
		for (i = 0, k = 0; i < r->nrows && len < n; i++) {
			const struct swp_row *row = &r->rows[i];

			if ((strcmp(row->kind, "class") != 0 && strcmp(row->kind, "safety") != 0) ||
			    strcmp(row->measure, "met") != 0 || strcmp(row->verdict, codes[v]) != 0)
				continue;
			if (k++ > 0)
				len += (size_t)snprintf(buf + len, n - len, ", ");
			else
				len += (size_t)snprintf(buf + len, n - len, "%s%s: ",
				    len ? "; " : "", heads[v]);
			if (len < n)
				len += (size_t)snprintf(buf + len, n - len, "%s", row->name[0] ?
				    row->name : row->kind);
		}
	if (buf[0] == '\0')
		snprintf(buf, n, "no targets");
}

/* The optimizer's answer of point r: its staff per written shift, rostered
 * cost and whether it meets every target. */
static void
write_answer(const struct scn *s, const struct swp_result *r, FILE *f)
{
	const struct swp_row *c = point_row(r, "roster", "", "cost_per_week");
	const struct swp_row *ok = point_row(r, "roster", "", "feasible");
	int i;

	for (i = 0; i < s->nshifts; i++) {
		const struct swp_row *st = point_row(r, "roster", s->shifts[i].name, "staff");

		if (st != NULL && isfinite(st->mean))
			fprintf(f, "  %*.0f", col_width_of(s->shifts[i].name, 3), st->mean);
		else
			fprintf(f, "  %*s", col_width_of(s->shifts[i].name, 3), "-");
	}
	if (c != NULL && isfinite(c->mean))
		fprintf(f, "  %12.2f", c->mean);
	else
		fprintf(f, "  %12s", "-");
	fprintf(f, "  %8s", ok != NULL ? ok->verdict : "-");
}

/* The table for people: per point its values, with action = optimize the
 * roster (a column per shift), its cost and whether it meets every target,
 * then the cost, the acute cases missed, each class's share within its
 * target and the targets met and missed by name. */
void
pres_swp_table(const struct swp *w, FILE *f)
{
	const struct scn_sweep *sw = &w->s->sweep;
	const struct scn *s = w->s;
	char cost_head[32], targets[1024];
	int p, v, i;

	rpt_text_head(s, f);
	fprintf(f, "  %d points (%s), %d replications each; a point is the above with "
	    "its own values\n\n", w->npoints, sw->zip ? "zip" : "grid", s->replications);
	snprintf(cost_head, sizeof cost_head, "cost/week%s%s", s->currency[0] ? " " : "",
	    s->currency);
	fprintf(f, "%5s", "point");
	for (v = 0; v < sw->nvars; v++)
		fprintf(f, "  %*s", col_width_of(sw->vars[v].key, 10), sw->vars[v].key);
	if (sw->optimize) {
		for (i = 0; i < s->nshifts; i++)
			fprintf(f, "  %*s", col_width_of(s->shifts[i].name, 3),
			    s->shifts[i].name);
		fprintf(f, "  %12s  %8s", "roster/week", "feasible");
	}
	fprintf(f, "  %13s  %12s", cost_head, "acute missed");
	for (i = 0; i < s->nclasses; i++)
		fprintf(f, "  %*s", col_width_of(s->classes[i].name, 6), s->classes[i].name);
	fputs("  targets\n", f);
	for (p = 0; p < w->npoints; p++) {
		const struct swp_result *r = &w->res[p];
		const struct swp_row *cost = point_row(r, "cost", "", "total");
		const struct swp_row *miss = point_row(r, "safety", "", "miss_rate");

		fprintf(f, "%5d", p + 1);
		for (v = 0; v < sw->nvars; v++)
			fprintf(f, "  %*s", col_width_of(sw->vars[v].key, 10),
			    sw->vars[v].values[swp_value(w, p, v)]);
		if (sw->optimize)
			write_answer(s, r, f);
		fprintf(f, "  %13.2f", cost != NULL ? cost->mean : NAN);
		if (miss != NULL && isfinite(miss->mean))
			fprintf(f, "  %11.1f%%", 100 * miss->mean);
		else
			fprintf(f, "  %12s", "-");
		for (i = 0; i < s->nclasses; i++) {
			const struct swp_row *a = point_row(r, "class", s->classes[i].name,
			    "attainment");

			if (a != NULL && isfinite(a->mean))
				fprintf(f, "  %*.1f%%", col_width_of(s->classes[i].name, 6) - 1,
				    100 * a->mean);
			else
				fprintf(f, "  %*s", col_width_of(s->classes[i].name, 6), "-");
		}
		name_targets(r, targets, sizeof targets);
		fprintf(f, "  %s\n", targets);
	}
	if (sw->optimize)
		write_designed(w, f);
	if (sw->optimize)
		fputs("\nA point's roster is the optimizer's answer (staff per shift); "
		    "roster/week is its rostered\ncost, cost/week adds overtime; feasible: "
		    "it meets every target with confidence\n(no: it is the best roster "
		    "found).", f);
	fputs("\nacute missed: share of acute cases missed (safety); a class's column: "
	    "share of its items\nwithin its target; targets: met (with confidence), met "
	    "on average, missed; --json has\nevery figure.\n", f);
}

/* ---- the JSON and the files ------------------------------------------------------ */

void
pres_swp_json(const struct swp *w, const struct rpt_timing *tm, int ranks,
    int computed, FILE *f)
{
	int p;

	/* Provenance at the top, as in run's object; each point has its own. */
	fputs("{\"scenario\":", f);
	rpt_json_str(f, w->s->name);
	fputc(',', f);
	rpt_json_provenance(w->s, f);
	fprintf(f, ",\"seed\":%" PRIu64 ",\"points\":[", w->s->seed);
	for (p = 0; p < w->npoints; p++) {
		if (p > 0)
			fputs(",\n", f);
		fputs(w->res[p].json, f);
	}
	fputs("],\n\"timing\":{\"wall_s\":", f);
	rpt_json_num(f, tm->wall_s);
	fputs(",\"cpu_s\":", f);
	rpt_json_num(f, tm->cpu_s);
	fprintf(f, ",\"jobs\":%d,\"ranks\":%d,\"points_computed\":%d,\"points_per_s\":",
	    tm->jobs, ranks, computed);
	rpt_json_num(f, tm->wall_s > 0 ? computed / tm->wall_s : NAN);
	fputs("}}\n", f);
}

int
pres_swp_files(const struct swp *w, const char *xlsx, const char *csv_dir,
    struct cq_err *err)
{
	struct col *cols = NULL;
	int ncols, rc = 0;

	if ((ncols = pres_swp_columns(w, &cols)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (xlsx != NULL)
		rc = pres_swp_xlsx(w, cols, ncols, xlsx, err);
	if (rc == 0 && csv_dir != NULL)
		rc = pres_swp_csv(w, cols, ncols, csv_dir, err);
	free(cols);
	return rc;
}
