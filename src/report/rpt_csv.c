/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_csv.c — CSV files for analysts: one row per class, role, safety measure,
 * and the backlog by hour of week (each estimate spreads over _mean, _lo, _hi);
 * measures.csv, every figure in long form; replications.csv, each replication's
 * raw figures per class; provenance.csv, what the figures are of.
 */
#include "config.h"

#include "rpt.h"
#include "rpt_col.h"
#include "rpt_figs.h"

#include <inttypes.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "afile.h"
#include "week.h"

static void
num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, ",%.10g", x == 0.0 ? 0.0 : x);
	else
		fputc(',', f);
}

static void
est(FILE *f, const struct est *e)
{
	num(f, e->mean);
	num(f, e->lo);
	num(f, e->hi);
}

static void
est_head(FILE *f, const char *name)
{
	fprintf(f, ",%s_mean,%s_lo,%s_hi", name, name, name);
}

/* Whether column c is in a table's CSV file. */
static int
in_csv(const struct rpt_col *c)
{
	return c->key != NULL && !(c->flags & RPT_COL_NOCSV);
}

void
rpt_csv_table_head(FILE *f, const struct rpt_table *t)
{
	int k, n = 0;

	for (k = 0; k < t->ncols; k++) {
		const struct rpt_col *c = &t->cols[k];

		if (!in_csv(c))
			continue;
		if (c->part != RPT_GET)
			est_head(f, c->key);      /* never the first: a row names its subject */
		else
			fprintf(f, "%s%s", n > 0 ? "," : "", c->key);
		n++;
	}
	fputc('\n', f);
}

/* One field of a row after the first: what the cell holds. */
static void
csv_cell(FILE *f, const struct rpt_cell *cell)
{
	switch (cell->kind) {
	case RPT_CELL_NUM:
	case RPT_CELL_FMT:
		num(f, cell->num);
		break;
	case RPT_CELL_STR:
		fputc(',', f);
		rpt_csv_str(f, cell->str);
		break;
	case RPT_CELL_VERDICT:
		fprintf(f, ",%s", cell->met == MEAS_MET_NONE ? "" : meas_met_name(cell->met));
		break;
	default:
		fputc(',', f);
		break;
	}
}

void
rpt_csv_table_row(FILE *f, const struct rpt_table *t, const void *ctx, int i)
{
	struct rpt_cell cell;
	int k, n = 0;

	for (k = 0; k < t->ncols; k++) {
		const struct rpt_col *c = &t->cols[k];
		const struct est *e = rpt_col_est(t, c, ctx, i);

		if (!in_csv(c))
			continue;
		if (e != NULL) {
			est(f, e);
		} else if (n == 0) {      /* the subject's name, no separator before it */
			rpt_col_cell(t, c, ctx, i, &cell);
			rpt_csv_str(f, cell.kind == RPT_CELL_STR ? cell.str : "");
		} else {
			rpt_col_cell(t, c, ctx, i, &cell);
			csv_cell(f, &cell);
		}
		n++;
	}
	fputc('\n', f);
}

static void
write_classes(const struct meas *m, FILE *f)
{
	int c;

	rpt_csv_table_head(f, &rpt_class_table);
	for (c = 0; c < m->scn->nclasses; c++)
		rpt_csv_table_row(f, &rpt_class_table, m, c);
}

static void
write_roles(const struct meas *m, FILE *f)
{
	int r;

	rpt_csv_table_head(f, &rpt_role_table);
	for (r = 0; r < m->scn->nroles; r++)
		rpt_csv_table_row(f, &rpt_role_table, m, r);
}

/* One row per figure: measure,mean,lo,hi. */
static void
write_safety(const struct meas *m, FILE *f)
{
	const struct rpt_table *t = &rpt_safety_table;
	int k;

	fputs("measure,mean,lo,hi\n", f);
	for (k = 0; k < t->ncols; k++) {
		fputs(t->cols[k].key, f);
		est(f, rpt_col_est(t, &t->cols[k], m, 0));
		fputc('\n', f);
	}
}

static void
write_backlog(const struct meas *m, FILE *f)
{
	int c, h;

	fputs("hour_of_week,day,hour", f);
	for (c = 0; c < m->scn->nclasses; c++)
		fprintf(f, ",%s", m->scn->classes[c].name);
	fputc('\n', f);
	for (h = 0; h < WEEK_HOURS; h++) {
		fprintf(f, "%d,%s,%d", h, week_day_key[h / DAY_HOURS], h % 24);
		for (c = 0; c < m->scn->nclasses; c++)
			num(f, m->cls[c].backlog[h]);
		fputc('\n', f);
	}
}

/* Missed items per replication by class and hour of week of arrival (classes
 * with a target). */
static void
write_misses(const struct meas *m, FILE *f)
{
	int c, h;

	fputs("class,hour_of_week,day,hour,misses\n", f);
	for (c = 0; c < m->scn->nclasses; c++) {
		if (!m->scn->classes[c].has_target)
			continue;
		for (h = 0; h < WEEK_HOURS; h++) {
			fprintf(f, "%s,%d,%s,%d", m->scn->classes[c].name, h, week_day_key[h / DAY_HOURS], h % 24);
			num(f, m->cls[c].misses_by_hour[h]);
			fputc('\n', f);
		}
	}
}

/* ---- figures, in long form -------------------------------------------------- */

/* Each figure of table t's row i. */
static void
table_figures(const struct rpt_table *t, const struct meas *m, int i, const char *kind,
    const char *name, rpt_figure_fn fn, void *arg)
{
	int k;

	for (k = 0; k < t->ncols; k++)
		if (rpt_col_figure(&t->cols[k]))
			fn(arg, kind, name, t->cols[k].key, rpt_col_est(t, &t->cols[k], m, i),
			    NULL);
}

void
rpt_figures(const struct meas *m, rpt_figure_fn fn, void *arg)
{
	const struct scn *s = m->scn;
	int c, r;

	for (c = 0; c < s->nclasses; c++) {
		table_figures(&rpt_class_table, m, c, "class", s->classes[c].name, fn, arg);
		if (s->classes[c].has_target)
			fn(arg, "class", s->classes[c].name, "met", NULL,
			    meas_met_name(m->cls[c].met));
	}
	for (r = 0; r < s->nroles; r++) {
		table_figures(&rpt_role_table, m, r, "role", s->roles[r].name, fn, arg);
		if (s->has_max_utilization)
			fn(arg, "role", s->roles[r].name, "met", NULL,
			    meas_met_name(m->role[r].met));
	}
	table_figures(&rpt_safety_table, m, 0, "safety", "", fn, arg);
	if (s->has_safety_target)
		fn(arg, "safety", "", "met", NULL, meas_met_name(m->safety.met));
	table_figures(&rpt_cost_table, m, 0, "cost", "", fn, arg);
}

static int
ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);

	return n >= k && strcmp(s + n - k, tail) == 0;
}

const char *
rpt_figure_unit(const char *kind, const char *measure)
{
	if (strcmp(measure, "met") == 0 || strcmp(measure, "feasible") == 0)
		return "verdict";
	if (ends_with(measure, "_min"))
		return "min";
	if (strcmp(measure, "attainment") == 0 || ends_with(measure, "_rate") ||
	    ends_with(measure, "_share") ||
	    strcmp(measure, "utilization") == 0)
		return "share";
	if (ends_with(measure, "hours_per_week"))
		return "hours_per_week";
	if (strcmp(kind, "cost") == 0 || strcmp(measure, "cost_per_week") == 0)
		return "per_week";        /* money a week */
	if (strcmp(measure, "backlog_growth_per_week") == 0)
		return "items_per_week";
	if (strcmp(measure, "staff") == 0)
		return "persons";
	/* A count over the measured span of one replication, averaged: said in
	 * the unit, as the text and the workbook show counts a week. */
	return "items_per_replication";
}

void
rpt_csv_str(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
rpt_measures_head(FILE *f)
{
	fputs("scenario,point,subject,measure,mean,lo,hi,unit\n", f);
}

void
rpt_measures_row(FILE *f, const char *scenario, int point, const char *kind,
    const char *name, const char *measure, const struct est *e)
{
	rpt_csv_str(f, scenario);
	if (point > 0)
		fprintf(f, ",%d,", point);
	else
		fputs(",,", f);
	/* "class:routine", "role:rn"; "safety" and "cost" stand alone. */
	rpt_csv_str(f, kind);
	if (name[0] != '\0') {
		fputc(':', f);
		rpt_csv_str(f, name);
	}
	fprintf(f, ",%s", measure);
	est(f, e);
	fprintf(f, ",%s\n", rpt_figure_unit(kind, measure));
}

struct measures_arg {
	const struct meas *m;
	FILE *f;
};

static void
measures_fig(void *arg, const char *kind, const char *name, const char *measure,
    const struct est *e, const char *verdict)
{
	struct measures_arg *a = arg;

	(void)verdict;            /* a verdict is no figure: classes.csv has it */
	if (e != NULL)
		rpt_measures_row(a->f, a->m->scn->name, 0, kind, name, measure, e);
}

static void
write_measures(const struct meas *m, FILE *f)
{
	struct measures_arg a = { m, f };

	rpt_measures_head(f);
	rpt_figures(m, measures_fig, &a);
	rpt_measures_provenance(m->scn, f);
}

void
rpt_measures_provenance(const struct scn *s, FILE *f)
{
	int i;

	/* Text in `unit`, the seed in `mean`: the file's columns stay its own. */
	rpt_csv_str(f, s->name);
	fputs(",,provenance,scenario_file,,,,", f);
	rpt_csv_str(f, s->file != NULL ? s->file : "");
	fputc('\n', f);
	rpt_csv_str(f, s->name);
	fprintf(f, ",,provenance,clinicq_version,,,,%s\n", PACKAGE_VERSION);
	rpt_csv_str(f, s->name);
	fprintf(f, ",,provenance,seed,%" PRIu64 ",,,\n", s->seed);
	for (i = 0; i < s->nset; i++) {
		rpt_csv_str(f, s->name);
		fputs(",,provenance,set,,,,", f);
		rpt_csv_str(f, s->set[i].text);
		fputc('\n', f);
	}
}

static double
ratio(double a, double b)
{
	return b > 0.0 ? a / b : NAN;
}

const char *const rpt_rep_cols[RPT_REP_NCOLS] = { "arrived", "completed",
	"open_at_end", "abandoned", "abandon_rate", "met_target",
	"attainment", "wait_mean_min", "wait_p50_min", "wait_p90_min", "wait_p95_min",
	"wait_p99_min", "wait_max_min", "response_mean_min", "response_p50_min",
	"response_p90_min", "response_p95_min", "response_p99_min", "response_max_min",
	"backlog_growth_per_week", "miss_no_cover", "miss_queued", "miss_abandoned",
	"miss_open_at_end", "uncovered_share" };

/* Replication i's own figures of class c, as meas_build takes them: the mean of
 * a column over the replications is the estimate's mean. */
void
rpt_rep_values(const struct meas *m, int i, int c, double v[RPT_REP_NCOLS])
{
	const struct meas_class_rep *r = &m->reps[i].cls[c];
	int t = m->scn->classes[c].has_target, j, k = 0;

	v[k++] = r->arrived;
	v[k++] = r->completed;
	v[k++] = r->censored;
	v[k++] = r->abandoned;
	v[k++] = ratio(r->abandoned, r->arrived);
	v[k++] = t ? r->met : NAN;
	v[k++] = t ? ratio(r->met, r->arrived) : NAN;
	v[k++] = ratio(r->wait_sum, r->wait_n);
	for (j = 0; j < 4; j++)
		v[k++] = r->wait_q[j];
	v[k++] = r->wait_max;
	v[k++] = ratio(r->resp_sum, r->resp_n);
	for (j = 0; j < 4; j++)
		v[k++] = r->resp_q[j];
	v[k++] = r->resp_max;
	v[k++] = r->growth;
	v[k++] = t ? r->miss_no_cover : NAN;
	v[k++] = t ? r->miss_queued : NAN;
	v[k++] = t ? r->miss_abandoned : NAN;
	v[k++] = t ? r->miss_open : NAN;
	v[k++] = ratio(r->uncovered, r->arrived);
}

void
rpt_replications_head(FILE *f)
{
	int j;

	fputs("point,replication,class", f);
	for (j = 0; j < RPT_REP_NCOLS; j++)
		fprintf(f, ",%s", rpt_rep_cols[j]);
	fputc('\n', f);
}

void
rpt_replications_row(FILE *f, int point, int rep, const char *cls, const double *v)
{
	int j;

	if (point > 0)
		fprintf(f, "%d", point);
	fprintf(f, ",%d,", rep);
	rpt_csv_str(f, cls);
	for (j = 0; j < RPT_REP_NCOLS; j++)
		num(f, v[j]);
	fputc('\n', f);
}

static void
write_replications(const struct meas *m, FILE *f)
{
	double v[RPT_REP_NCOLS];
	int i, c;

	rpt_replications_head(f);
	if (m->reps == NULL)
		return;
	for (i = 0; i < m->replications; i++)
		for (c = 0; c < m->scn->nclasses; c++) {
			rpt_rep_values(m, i, c, v);
			rpt_replications_row(f, 0, i + 1, m->scn->classes[c].name, v);
		}
}

void
rpt_provenance_csv(const struct scn *s, FILE *f)
{
	int i;

	fputs("key,value\nscenario,", f);
	rpt_csv_str(f, s->name);
	fputs("\nscenario_file,", f);
	rpt_csv_str(f, s->file);
	fprintf(f, "\nclinicq_version,%s\nseed,%" PRIu64 "\nreplications,%d\n",
	    PACKAGE_VERSION, s->seed, s->replications);
	/* Every --set as given, in order: "set" rows repeat like the option. */
	for (i = 0; i < s->nset; i++) {
		fputs("set,", f);
		rpt_csv_str(f, s->set[i].text);
		fputc('\n', f);
	}
}

static void
write_provenance(const struct meas *m, FILE *f)
{
	rpt_provenance_csv(m->scn, f);
}

/* The provenance fields of every data line, made once: ",FILE,VERSION,SEED,SETS"
 * with each field quoted as CSV needs.  NULL on ENOMEM. */
static char *
stamp_fields(const struct scn *s)
{
	char *joined = NULL, *line = NULL;
	size_t jlen = 0, llen = 0;
	FILE *j = open_memstream(&joined, &jlen), *f;
	int i;

	if (j == NULL)
		return NULL;
	for (i = 0; i < s->nset; i++)
		fprintf(j, "%s%s", i > 0 ? "; " : "", s->set[i].text);
	if (fclose(j) != 0 || joined == NULL) {
		free(joined);
		return NULL;
	}
	if ((f = open_memstream(&line, &llen)) == NULL) {
		free(joined);
		return NULL;
	}
	fputc(',', f);
	rpt_csv_str(f, s->file != NULL ? s->file : "");
	fprintf(f, ",%s,%" PRIu64 ",", PACKAGE_VERSION, s->seed);
	rpt_csv_str(f, joined);   /* one field: quoted when an override holds a comma */
	free(joined);
	if (fclose(f) != 0) {
		free(line);
		return NULL;
	}
	return line;
}

int
rpt_csv_stamp(const struct scn *s, const char *buf, size_t len, FILE *out)
{
	char *fields = stamp_fields(s);
	size_t i = 0, n;
	int head = 1;

	if (fields == NULL)
		return -1;
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);

		n = nl != NULL ? (size_t)(nl - (buf + i)) : len - i;
		fwrite(buf + i, 1, n, out);
		fputs(head ? ",scenario_file,clinicq_version,seed,overrides" : fields, out);
		fputc('\n', out);
		head = 0;
		i += n + 1;
	}
	free(fields);
	return 0;
}

int
rpt_csv_stamped(const struct scn *s, FILE *out, void (*fill)(const void *, FILE *),
    const void *arg, struct cq_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);

	if (mem == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, NULL, 0, "out of memory writing a CSV file");
	fill(arg, mem);
	if (fclose(mem) != 0 || buf == NULL) {
		free(buf);
		return cq_err_set(err, CQ_EXIT_FAIL, NULL, 0, "out of memory writing a CSV file");
	}
	if (rpt_csv_stamp(s, buf, len, out) != 0) {
		free(buf);
		return cq_err_set(err, CQ_EXIT_FAIL, NULL, 0, "out of memory writing a CSV file");
	}
	free(buf);
	return 0;
}

int
rpt_csv_file(const struct scn *s, const char *dir, const char *name,
    void (*fill)(const void *, FILE *), const void *arg, struct cq_err *err)
{
	struct afile af;
	char path[4096];
	FILE *f;

	if (afile_mkdir(dir, err) != 0)
		return -1;
	memset(&af, 0, sizeof af);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = afile_open(&af, path, err)) == NULL)
		return -1;
	if (rpt_csv_stamped(s, f, fill, arg, err) != 0 || afile_commit(&af, err) != 0) {
		afile_abort(&af);
		return -1;
	}
	return 0;
}

void
rpt_csv_num(FILE *f, double x)
{
	fputc(',', f);
	if (isfinite(x))
		fprintf(f, "%.10g", x == 0.0 ? 0.0 : x);
}

/* Adapts a run's writers to rpt_csv_stamped. */
struct run_fill {
	void (*writer)(const struct meas *, FILE *);
	const struct meas *m;
};

static void
run_fill(const void *arg, FILE *f)
{
	const struct run_fill *rf = arg;

	rf->writer(rf->m, f);
}

int
rpt_csv(const struct meas *m, const char *dir, struct cq_err *err)
{
	static const char *files[] = { "classes.csv", "roles.csv", "safety.csv",
	    "backlog.csv", "misses_by_hour.csv", "measures.csv", "replications.csv",
	    "provenance.csv" };
	void (*writers[])(const struct meas *, FILE *) = { write_classes, write_roles,
	    write_safety, write_backlog, write_misses, write_measures, write_replications,
	    write_provenance };
	struct afile a[sizeof files / sizeof files[0]];
	char path[4096];
	size_t i, n = sizeof files / sizeof files[0];

	memset(a, 0, sizeof a);
	if (afile_mkdir(dir, err) != 0)
		return -1;
	/* Write all to temporaries first, then rename: all or nothing is kept. */
	for (i = 0; i < n; i++) {
		FILE *f;

		struct run_fill rf = { writers[i], m };

		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if ((f = afile_open(&a[i], path, err)) == NULL)
			goto fail;
		if (writers[i] == write_provenance || writers[i] == write_measures)
			writers[i](m, f);   /* provenance as rows: columns as documented */
		else if (rpt_csv_stamped(m->scn, f, run_fill, &rf, err) != 0)
			goto fail;
	}
	for (i = 0; i < n; i++)
		if (afile_commit(&a[i], err) != 0)
			goto fail;
	return 0;
fail:
	for (i = 0; i < n; i++)
		afile_abort(&a[i]);
	return -1;
}
