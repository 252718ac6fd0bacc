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

/* Names are [A-Za-z0-9_-]: no quoting needed. */
static void
write_classes(const struct meas *m, FILE *f)
{
	static const char *names[] = { "arrived", "completed", "waiting_at_end",
	    "wait_mean_min", "wait_p50_min", "wait_p90_min", "wait_p95_min",
	    "wait_p99_min", "wait_max_min", "response_mean_min", "response_p90_min",
	    "abandoned", "abandon_rate", "attainment", "miss_no_cover", "miss_queued",
	    "miss_abandoned", "miss_open_at_end", "uncovered_share" };
	size_t i;
	int c;

	fputs("class,mode,target_share,target_within_min,met", f);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		est_head(f, names[i]);
	fputc('\n', f);
	for (c = 0; c < m->scn->nclasses; c++) {
		const struct scn_class *k = &m->scn->classes[c];
		const struct meas_class *mc = &m->cls[c];
		const struct est *v[] = { &mc->arrived, &mc->completed, &mc->waiting_at_end,
		    &mc->wait_mean, &mc->wait_p50, &mc->wait_p90, &mc->wait_p95, &mc->wait_p99,
		    &mc->wait_max, &mc->resp_mean, &mc->resp_p90, &mc->abandoned,
		    &mc->abandon_rate, &mc->attainment, &mc->miss_no_cover, &mc->miss_queued,
		    &mc->miss_abandoned, &mc->miss_open, &mc->uncovered_share };

		fprintf(f, "%s,%s", k->name, k->mode == SCN_SYNC ? "sync" : "async");
		num(f, k->has_target ? k->target_share : NAN);
		num(f, k->has_target ? k->target_within : NAN);
		fprintf(f, ",%s", k->has_target ? meas_met_name(mc->met) : "");
		for (i = 0; i < sizeof v / sizeof v[0]; i++)
			est(f, v[i]);
		fputc('\n', f);
	}
}

static void
write_roles(const struct meas *m, FILE *f)
{
	int r;

	rpt_csv_table_head(f, &rpt_role_table);
	for (r = 0; r < m->scn->nroles; r++)
		rpt_csv_table_row(f, &rpt_role_table, m, r);
}

static void
write_safety(const struct meas *m, FILE *f)
{
	const struct meas_safety *s = &m->safety;
	const char *names[] = { "acute", "escalated", "screened", "reached_in_window",
	    "missed", "miss_rate", "false_negatives", "unreached", "deferred" };
	const struct est *v[] = { &s->acute, &s->escalated, &s->screened,
	    &s->reached_in_window, &s->missed, &s->miss_rate, &s->false_negatives,
	    &s->unreached, &s->deferred };
	size_t i;

	fputs("measure,mean,lo,hi\n", f);
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		fputs(names[i], f);
		est(f, v[i]);
		fputc('\n', f);
	}
}

static void
write_backlog(const struct meas *m, FILE *f)
{
	static const char *day[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	int c, h;

	fputs("hour_of_week,day,hour", f);
	for (c = 0; c < m->scn->nclasses; c++)
		fprintf(f, ",%s", m->scn->classes[c].name);
	fputc('\n', f);
	for (h = 0; h < SCN_HOW; h++) {
		fprintf(f, "%d,%s,%d", h, day[h / 24], h % 24);
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
	static const char *day[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	int c, h;

	fputs("class,hour_of_week,day,hour,misses\n", f);
	for (c = 0; c < m->scn->nclasses; c++) {
		if (!m->scn->classes[c].has_target)
			continue;
		for (h = 0; h < SCN_HOW; h++) {
			fprintf(f, "%s,%d,%s,%d", m->scn->classes[c].name, h, day[h / 24], h % 24);
			num(f, m->cls[c].misses_by_hour[h]);
			fputc('\n', f);
		}
	}
}

/* ---- figures, in long form -------------------------------------------------- */

void
rpt_figures(const struct meas *m, rpt_figure_fn fn, void *arg)
{
	const struct scn *s = m->scn;
	int c, r, k;

#define FIG(kind, name, measure, e) fn(arg, kind, name, measure, e, NULL)
#define VERDICT(kind, name, v) fn(arg, kind, name, "met", NULL, v)
	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *mc = &m->cls[c];
		const char *n = s->classes[c].name;

		FIG("class", n, "arrived", &mc->arrived);
		FIG("class", n, "completed", &mc->completed);
		FIG("class", n, "waiting_at_end", &mc->waiting_at_end);
		FIG("class", n, "wait_mean_min", &mc->wait_mean);
		FIG("class", n, "wait_p50_min", &mc->wait_p50);
		FIG("class", n, "wait_p90_min", &mc->wait_p90);
		FIG("class", n, "wait_p95_min", &mc->wait_p95);
		FIG("class", n, "wait_p99_min", &mc->wait_p99);
		FIG("class", n, "wait_max_min", &mc->wait_max);
		FIG("class", n, "response_mean_min", &mc->resp_mean);
		FIG("class", n, "response_p50_min", &mc->resp_p50);
		FIG("class", n, "response_p90_min", &mc->resp_p90);
		FIG("class", n, "response_p95_min", &mc->resp_p95);
		FIG("class", n, "response_p99_min", &mc->resp_p99);
		FIG("class", n, "response_max_min", &mc->resp_max);
		FIG("class", n, "abandoned", &mc->abandoned);
		FIG("class", n, "abandon_rate", &mc->abandon_rate);
		FIG("class", n, "attainment", &mc->attainment);
		FIG("class", n, "backlog_growth_per_week", &mc->backlog_growth);
		FIG("class", n, "miss_no_cover", &mc->miss_no_cover);
		FIG("class", n, "miss_queued", &mc->miss_queued);
		FIG("class", n, "miss_abandoned", &mc->miss_abandoned);
		FIG("class", n, "miss_open_at_end", &mc->miss_open);
		FIG("class", n, "uncovered_share", &mc->uncovered_share);
		if (s->classes[c].has_target)
			VERDICT("class", n, meas_met_name(mc->met));
	}
	for (r = 0; r < s->nroles; r++) {
		const char *n = s->roles[r].name;

		for (k = 0; k < rpt_role_table.ncols; k++)
			if (rpt_col_figure(&rpt_role_table.cols[k]))
				FIG("role", n, rpt_role_table.cols[k].key,
				    rpt_col_est(&rpt_role_table, &rpt_role_table.cols[k], m, r));
		if (s->has_max_utilization)
			VERDICT("role", n, meas_met_name(m->role[r].met));
	}
	FIG("safety", "", "acute", &m->safety.acute);
	FIG("safety", "", "escalated", &m->safety.escalated);
	FIG("safety", "", "screened", &m->safety.screened);
	FIG("safety", "", "reached_in_window", &m->safety.reached_in_window);
	FIG("safety", "", "missed", &m->safety.missed);
	FIG("safety", "", "miss_rate", &m->safety.miss_rate);
	FIG("safety", "", "false_negatives", &m->safety.false_negatives);
	FIG("safety", "", "unreached", &m->safety.unreached);
	FIG("safety", "", "deferred", &m->safety.deferred);
	if (s->has_safety_target)
		VERDICT("safety", "", meas_met_name(m->safety.met));
	FIG("cost", "", "staff", &m->cost_staff);
	FIG("cost", "", "overtime", &m->cost_overtime);
	FIG("cost", "", "total", &m->cost_total);
#undef FIG
#undef VERDICT
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
	return "items";               /* counts over the measured span of a replication */
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
	"waiting_at_end", "open_at_end", "abandoned", "abandon_rate", "met_target",
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
	v[k++] = r->waiting_at_end;
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
