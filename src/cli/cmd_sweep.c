/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_sweep.c — `clinicq sweep`: run every point of the [sweep] grid (doc/sweep.md)
 * over threads (-j) and MPI ranks, commit points to SQLite as they finish (--db),
 * and write the JSON, CSV, table and workbook of all points.
 */
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "cli.h"
#include "cmd_sweep_int.h"
#include "report/rpt.h"
#include "report/rpt_xlsx.h"
#include "sweep/swp.h"
#include "sweep/swp_db.h"
#include "sweep/swp_mpi.h"

static const char sweep_help[] =
"usage: clinicq sweep SCENARIO.ini [options]\n"
"\n"
"Run the what-if points of the scenario's [sweep] section: every point is the\n"
"scenario with the --set options, then the point's own values, simulated with\n"
"the same seeds.  Under mpirun (or srun) points are spread over the ranks.\n"
"\n"
"options:\n"
"  --set SECTION.KEY=VALUE  override a scenario value for every point (repeatable)\n"
"  -r, --replications N     replications per point\n"
"      --seed N             random seed (overrides [scenario] seed)\n"
"  -j, --jobs N             worker threads (results do not depend on N)\n"
"      --db FILE.sqlite     commit each point to this SQLite file as it finishes\n"
"      --resume             continue the sweep in --db: compute only missing points\n"
"      --json               print {\"points\":[...]} on stdout\n"
"  -o, --output FILE.xlsx   write the workbook with the Sweep sheet\n"
"      --csv DIR            write DIR/points.csv (one row per point), measures.csv,\n"
"                           replications.csv and provenance.csv\n"
"      --quiet              no progress bar\n"
"  -h, --help               this help\n"
"\n"
"See doc/sweep.md for the SQLite schema and running on a cluster (Slurm).\n";

struct state {
	struct swp *w;
	struct swp_db *db;
	int total, done, done0;   /* done0: points the --db file held already */
	int progress, shown;
	double t0;
};

/* A progress bar on stderr, once the work has lasted a second. */
static void
show_progress(struct state *st)
{
	double el = cli_now() - st->t0, rate, left;
	int new = st->done - st->done0, todo = st->total - st->done0, fill, i;

	if (!st->progress || (el < 1.0 && !st->shown && st->done < st->total))
		return;
	if (!st->shown && st->done == st->total)
		return;
	st->shown = 1;
	rate = el > 0 ? new / el : 0;
	left = new > 0 ? el * (todo - new) / new : 0;
	fill = st->total > 0 ? 30 * st->done / st->total : 30;
	fputs("\rsweep [", stderr);
	for (i = 0; i < 30; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %d/%d points  %.2f/s  about %.0fs left ", st->done, st->total,
	    rate, left);
	if (st->done == st->total)
		fputc('\n', stderr);
}

/* After each point: commit it, move the bar. */
static int
point_done(void *arg, int p, struct cq_err *err)
{
	struct state *st = arg;

	if (st->db != NULL && swp_db_commit(st->db, st->w, p, err) != 0)
		return -1;
	st->done++;
	show_progress(st);
	return 0;
}

/* ---- the columns of points.csv, the table and the Sweep sheet ------------------- */

/* Designed shifts differ from point to point: after the first point's roster
 * columns, a column for each one that another point staffs (sweep_find_row
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
static int
key_columns(const struct swp *w, struct col **out)
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

/* The table for people: per point its values, with action = optimize the
 * roster (a column per shift), its cost and whether it meets every target,
 * then the cost, targets met and the miss rate. */
static void
write_table(const struct swp *w, FILE *f)
{
	const struct scn_sweep *sw = &w->s->sweep;
	const struct scn *s = w->s;
	int p, v, i;

	rpt_text_head(s, f);
	fprintf(f, "  %d points (%s), %d replications each; a point is the above with "
	    "its own values\n\n", w->npoints, sw->zip ? "zip" : "grid", s->replications);
	fprintf(f, "%5s", "point");
	for (v = 0; v < sw->nvars; v++)
		fprintf(f, "  %*s", col_width_of(sw->vars[v].key, 10), sw->vars[v].key);
	if (sw->optimize) {
		for (i = 0; i < s->nshifts; i++)
			fprintf(f, "  %*s", col_width_of(s->shifts[i].name, 3),
			    s->shifts[i].name);
		fprintf(f, "  %12s  %8s", "roster/week", "feasible");
	}
	fprintf(f, "  %12s  %11s  %9s\n", "cost/week", "targets met", "miss rate");
	for (p = 0; p < w->npoints; p++) {
		const struct swp_result *r = &w->res[p];
		double cost = NAN, miss = NAN;
		int met = 0, targets = 0;

		for (i = 0; i < r->nrows; i++) {
			const struct swp_row *row = &r->rows[i];

			if (strcmp(row->kind, "cost") == 0 && strcmp(row->measure, "total") == 0)
				cost = row->mean;
			else if (strcmp(row->kind, "safety") == 0 &&
			    strcmp(row->measure, "miss_rate") == 0)
				miss = row->mean;
			else if ((strcmp(row->kind, "class") == 0 ||
			    strcmp(row->kind, "safety") == 0) &&
			    strcmp(row->measure, "met") == 0 &&
			    strcmp(row->verdict, "n/a") != 0) {
				/* A class without items has no verdict: no target here.
				 * The safety target counts like a class's. */
				targets++;
				met += strcmp(row->verdict, "no") != 0;
			}
		}
		fprintf(f, "%5d", p + 1);
		for (v = 0; v < sw->nvars; v++)
			fprintf(f, "  %*s", col_width_of(sw->vars[v].key, 10),
			    sw->vars[v].values[swp_value(w, p, v)]);
		if (sw->optimize) {
			const struct swp_row *c = point_row(r, "roster", "", "cost_per_week");
			const struct swp_row *ok = point_row(r, "roster", "", "feasible");

			for (i = 0; i < s->nshifts; i++) {
				const struct swp_row *st = point_row(r, "roster", s->shifts[i].name,
				    "staff");

				if (st != NULL && isfinite(st->mean))
					fprintf(f, "  %*.0f", col_width_of(s->shifts[i].name, 3),
					    st->mean);
				else
					fprintf(f, "  %*s", col_width_of(s->shifts[i].name, 3), "-");
			}
			if (c != NULL && isfinite(c->mean))
				fprintf(f, "  %12.2f", c->mean);
			else
				fprintf(f, "  %12s", "-");
			fprintf(f, "  %8s", ok != NULL ? ok->verdict : "-");
		}
		fprintf(f, "  %12.2f  %5d of %-3d  %8.2f%%\n", cost, met, targets,
		    isfinite(miss) ? 100 * miss : 0.0);
	}
	if (sw->optimize)
		write_designed(w, f);
	if (sw->optimize)
		fputs("\nA point's roster is the optimizer's answer (staff per shift); "
		    "roster/week is its rostered\ncost, cost/week adds overtime; feasible: "
		    "it meets every target with confidence\n(no: it is the best roster "
		    "found).", f);
	fputs("\n'targets met' counts the classes' targets and the safety target met "
	    "with confidence\nor on average; --json has every figure.\n", f);
}

/* ---- the Sweep sheet ------------------------------------------------------------- */

struct sheet_arg {
	const struct swp *w;
	const struct col *cols;
	int ncols;
};

static int
is_number(const char *s, double *x)
{
	char *end;

	*x = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(*x);
}

/* Column letters of a 0-based column: A..Z, AA..ZZ. */
static void
col_letters(int c, char out[4])
{
	int n = 0;

	if (c >= 26)
		out[n++] = (char)('A' + c / 26 - 1);
	out[n++] = (char)('A' + c % 26);
	out[n] = '\0';
}

/* Cost per week against the first varied parameter: a small table (one row per
 * value of that parameter, one column per combination of the others) and a
 * line chart of it, below the points.  In a grid the first 'vary' is the
 * outermost, so point p has inner combination p mod (points / its values). */
static void
cost_chart(struct rpt_xlsx *x, struct rpt_xsheet *sh, const struct swp *w,
    const struct col *cc, int cost_col, int first, int last)
{
	const struct scn_sweep *sw = &w->s->sweep;
	const struct scn_sweep_var *v0 = &sw->vars[0];
	int nouter = sw->zip ? w->npoints : v0->nvalues;
	int ninner = sw->zip ? 1 : w->npoints / nouter;
	int top = last + 3, i, k, v;
	char cl[4], label[256], cat[128], ref[128];
	lxw_chart *ch;
	lxw_chart_options co;

	if (ninner > 12)        /* more lines than anyone can read: the first 12 */
		ninner = 12;
	rpt_xlsx_str(sh, top, 0, "Cost per week by the first varied value", RPT_XF_SECTION);
	rpt_xlsx_str(sh, top + 1, 0, v0->key, RPT_XF_HEAD);
	for (k = 0; k < ninner; k++) {
		int n = 0;

		label[0] = '\0';
		for (v = 1; v < sw->nvars && !sw->zip; v++)
			n += snprintf(label + n, sizeof label - (size_t)n, "%s%s=%s",
			    v > 1 ? ", " : "", sw->vars[v].key,
			    sw->vars[v].values[swp_value(w, k, v)]);
		rpt_xlsx_str(sh, top + 1, 1 + k, label[0] ? label : "cost per week",
		    RPT_XF_HEAD);
	}
	col_letters(cost_col, cl);
	for (i = 0; i < nouter; i++) {
		int row = top + 2 + i;
		const char *val = v0->values[swp_value(w, i * (sw->zip ? 1 : w->npoints /
		    nouter), 0)];
		double num;

		if (is_number(val, &num))
			rpt_xlsx_num(sh, row, 0, num, num == floor(num) ? RPT_XF_INT : RPT_XF_NUM2);
		else
			rpt_xlsx_str(sh, row, 0, val, RPT_XF_TEXT);
		for (k = 0; k < ninner; k++) {
			int p = sw->zip ? i : i * (w->npoints / nouter) + k;

			/* A formula, so the table follows the points above if edited. */
			snprintf(ref, sizeof ref, "=%s%d", cl, first + p + 1);
			rpt_xlsx_formula(sh, row, 1 + k, ref, sweep_col_value(sweep_find_row(&w->res[p],
			    cc), cc->what), RPT_XF_MONEY);
		}
	}
	if ((ch = workbook_add_chart(x->wb, LXW_CHART_LINE)) == NULL)
		return;
	snprintf(cat, sizeof cat, "=Sweep!$A$%d:$A$%d", top + 3, top + 2 + nouter);
	for (k = 0; k < ninner; k++) {
		char c2[4];
		lxw_chart_series *se;

		col_letters(1 + k, c2);
		snprintf(ref, sizeof ref, "=Sweep!$%s$%d:$%s$%d", c2, top + 3, c2,
		    top + 2 + nouter);
		se = chart_add_series(ch, cat, ref);
		snprintf(label, sizeof label, "=Sweep!$%s$%d", c2, top + 2);
		chart_series_set_name(se, label);
		chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
	}
	snprintf(label, sizeof label, "Cost per week against %s", v0->key);
	chart_title_set_name(ch, label);
	chart_axis_set_name(ch->x_axis, v0->key);
	chart_axis_set_name(ch->y_axis, "Cost per week");
	chart_legend_set_position(ch, ninner > 1 ? LXW_CHART_LEGEND_BOTTOM :
	    LXW_CHART_LEGEND_NONE);
	memset(&co, 0, sizeof co);
	co.x_scale = 1.6;
	co.y_scale = 1.3;
	rpt_xlsx_check(x, worksheet_insert_chart_opt(sh->ws, (lxw_row_t)(top + 3 + nouter),
	    0, ch, &co), "placing a chart");
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

static int
add_sweep_sheet(struct rpt_xlsx *x, void *arg, struct cq_err *err)
{
	const struct sheet_arg *a = arg;
	const struct swp *w = a->w;
	const struct scn_sweep *sw = &w->s->sweep;
	struct rpt_xsheet *sh;
	char title[256];
	const int head = 2, first = 3;
	int p, v, k, col, last = first + w->npoints - 1, cost_col = -1;
	const struct col *cost = NULL;
	double num;

	(void)err;
	snprintf(title, sizeof title, "What-if sweep: %d points (%s), %d replications each",
	    w->npoints, sw->zip ? "zip" : "grid", w->s->replications);
	if ((sh = rpt_xlsx_sheet(x, "Sweep", title)) == NULL)
		return 0;     /* x->lerr is set */
	rpt_xlsx_str(sh, head, 0, "Point", RPT_XF_HEAD);
	for (v = 0; v < sw->nvars; v++)
		rpt_xlsx_str(sh, head, 1 + v, sw->vars[v].key, RPT_XF_HEAD);
	for (k = 0; k < a->ncols; k++) {
		rpt_xlsx_str(sh, head, 1 + sw->nvars + k, a->cols[k].head, RPT_XF_HEAD);
		if (strcmp(a->cols[k].row->kind, "cost") == 0) {
			cost_col = 1 + sw->nvars + k;
			cost = &a->cols[k];
		}
	}
	for (p = 0; p < w->npoints; p++) {
		int row = first + p;

		rpt_xlsx_num(sh, row, 0, p + 1, RPT_XF_INT);
		for (v = 0; v < sw->nvars; v++) {
			const char *s = sw->vars[v].values[swp_value(w, p, v)];

			if (is_number(s, &num))
				rpt_xlsx_num(sh, row, 1 + v, num, num == floor(num) ?
				    RPT_XF_INT : RPT_XF_NUM2);
			else
				rpt_xlsx_str(sh, row, 1 + v, s, RPT_XF_TEXT);
		}
		for (k = 0; k < a->ncols; k++) {
			const struct col *c = &a->cols[k];
			const struct swp_row *r = sweep_find_row(&w->res[p], c);
			double val = sweep_col_value(r, c->what);
			const char *m = c->row->measure;

			col = 1 + sw->nvars + k;
			if (c->what == COL_VERDICT)
				rpt_xlsx_str(sh, row, col, r ? r->verdict : "", verdict_xf(r));
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
	}
	col = sw->nvars + a->ncols;
	worksheet_freeze_panes(sh->ws, first, 1);
	rpt_xlsx_check(x, worksheet_autofilter(sh->ws, head, 0, (lxw_row_t)last,
	    (lxw_col_t)col), "adding filters");
	/* Print as many pages wide as the columns need, not one unreadable page. */
	worksheet_fit_to_pages(sh->ws, (uint16_t)((col + 1 + 13) / 14), 0);
	if (cost != NULL)
		cost_chart(x, sh, w, cost, cost_col, first, last);
	return 0;
}

/* ---- the command ----------------------------------------------------------------- */

static int
write_outputs(const struct swp *w, const struct cli_opts *o, const struct rpt_timing *tm,
    int ranks, int computed, struct cq_err *err)
{
	struct col *cols = NULL;
	int ncols, p, rc = -1;

	if (w->npoints < 1)
		return cq_err_set(err, CQ_EXIT_USAGE, w->file, w->s->sweep.line,
		    "[sweep] has no points; give each 'vary' values");
	if ((ncols = key_columns(w, &cols)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	/* The workbook and points.csv: both or neither, renamed together after
	 * stdout. */
	afile_batch_begin();
	if (o->xlsx != NULL) {
		struct sheet_arg a = { w, cols, ncols };
		struct rpt_xlsx_extra ex = { add_sweep_sheet, &a };

		if (rpt_xlsx_ext(w->s, NULL, NULL, &ex, 1, o->xlsx, err) != 0)
			goto out;
	}
	if (o->csv_dir != NULL && sweep_write_csv(w, cols, ncols, o->csv_dir, err) != 0)
		goto out;
	if (o->json) {
		/* Provenance at the top, as in run's object; each point has its own. */
		fputs("{\"scenario\":", stdout);
		rpt_json_str(stdout, w->s->name);
		fputc(',', stdout);
		rpt_json_provenance(w->s, stdout);
		printf(",\"seed\":%" PRIu64 ",\"points\":[", w->s->seed);
		for (p = 0; p < w->npoints; p++) {
			if (p > 0)
				fputs(",\n", stdout);
			fputs(w->res[p].json, stdout);
		}
		fputs("],\n\"timing\":{\"wall_s\":", stdout);
		rpt_json_num(stdout, tm->wall_s);
		fputs(",\"cpu_s\":", stdout);
		rpt_json_num(stdout, tm->cpu_s);
		printf(",\"jobs\":%d,\"ranks\":%d,\"points_computed\":%d,\"points_per_s\":",
		    tm->jobs, ranks, computed);
		rpt_json_num(stdout, tm->wall_s > 0 ? computed / tm->wall_s : NAN);
		fputs("}}\n", stdout);
	} else {
		write_table(w, stdout);
	}
	/* The files are renamed into place once stdout is written. */
	if (cli_commit_outputs(err) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		afile_batch_abort();
	free(cols);
	return rc;
}

int
cmd_sweep(int argc, char **argv)
{
	struct cli_opts o;
	struct cq_err err;
	struct swp *w = NULL;
	struct state st;
	struct rpt_timing tm;
	volatile int *stop;
	int *todo = NULL, ntodo = 0, p, rank = 0, size = 1, failed, bad_out = 0, rc, ran = 0;
	clock_t c0;

	memset(&err, 0, sizeof err);
	memset(&st, 0, sizeof st);
	if (swp_mpi_init(&argc, &argv, &rank, &size, &err) != 0) {
		cq_err_print(&err);
		return CQ_EXIT_FAIL;
	}
	rc = cli_parse(argc, argv, &o, rank == 0 ? sweep_help : "");
	if (rc == 0 && o.resume && o.db == NULL) {
		fprintf(stderr, "clinicq: sweep: --resume needs --db FILE.sqlite\n");
		rc = -1;
	}
	if (rc != 0) {
		swp_mpi_finalize();
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	}
	/* Every rank loads and checks every point; rank 0 speaks for them. */
	w = swp_new(o.scenario, o.ov, o.nov, &err);
	if (w != NULL) {
		w->s->set = o.ov;     /* provenance; the options outlive w */
		w->s->nset = o.nset;
	}
	/* Rank 0 writes the outputs: find an unwritable one now, not after every
	 * point has been computed. */
	bad_out = w != NULL && rank == 0 && cli_probe_outputs(&o, &err) != 0;
	failed = swp_mpi_any(w == NULL || bad_out);
	if (failed) {
		if (rank == 0 && (w == NULL || bad_out))
			cq_err_print(&err);
		else if (rank == 0)
			fprintf(stderr, "clinicq: %s: another MPI rank cannot load the scenario\n",
			    o.scenario);
		rc = (w == NULL || bad_out) && err.code ? err.code : CQ_EXIT_USAGE;
		swp_free(w);
		swp_mpi_finalize();
		return rank == 0 ? rc : CQ_EXIT_USAGE;
	}

	stop = cli_catch_signals();

	if (rank != 0) {
		/* A worker: compute what rank 0 hands out, write nothing. */
		rc = swp_mpi_run(w, rank, size, NULL, 0, o.jobs, (volatile const int *)
		    stop, NULL, NULL, &err);
		swp_free(w);
		swp_mpi_finalize();
		return rc == 0 ? CQ_EXIT_OK : CQ_EXIT_FAIL;
	}

	st.w = w;
	st.total = w->npoints;
	if ((todo = calloc((size_t)w->npoints, sizeof *todo)) == NULL) {
		cq_err_set(&err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto fail;
	}
	if (o.db != NULL) {
		/* A sweep its limits refuse must not leave a new --db file behind. */
		if (sim_check_limits(w->s, o.jobs, &err) != 0)
			goto fail;
		if ((st.db = swp_db_open(o.db, o.resume, w, &err)) == NULL ||
		    swp_db_load(st.db, w, &st.done0, &err) != 0)
			goto fail;
	}
	for (p = 0; p < w->npoints; p++)
		if (!w->res[p].done)
			todo[ntodo++] = p;
	st.done = st.done0;
	st.progress = !o.quiet && isatty(STDERR_FILENO);
	st.t0 = cli_now();
	c0 = clock();
	ran = 1;
	if (size > 1)
		rc = swp_mpi_run(w, rank, size, todo, ntodo, o.jobs,
		    stop, point_done, &st, &err);
	else
		rc = swp_run_threads(w, todo, ntodo, o.jobs,
		    stop, point_done, &st, &err);
	if (st.shown && st.done < st.total)
		fputc('\n', stderr);
	if (rc != 0) {
		if (st.db != NULL && st.done > st.done0)
			fprintf(stderr, "clinicq: %s: %d of %d points are saved; --resume "
			    "continues\n", o.db, st.done, st.total);
		goto fail;
	}
	memset(&tm, 0, sizeof tm);
	tm.wall_s = cli_now() - st.t0;
	tm.cpu_s = (double)(clock() - c0) / CLOCKS_PER_SEC;
	tm.jobs = o.jobs;
	if (write_outputs(w, &o, &tm, size, ntodo, &err) != 0)
		goto fail;
	swp_db_close(st.db);
	free(todo);
	swp_free(w);
	swp_mpi_finalize();
	return CQ_EXIT_OK;
fail:
	if (size > 1 && !ran) {
		struct cq_err e2;

		memset(&e2, 0, sizeof e2);    /* release the workers: no points to hand out */
		swp_mpi_run(w, rank, size, todo, 0, o.jobs, NULL, NULL, NULL, &e2);
	}
	cq_err_print(&err);
	swp_db_close(st.db);
	free(todo);
	swp_free(w);
	swp_mpi_finalize();
	return err.code ? err.code : CQ_EXIT_FAIL;
}
