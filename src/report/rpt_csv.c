/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_csv.c — CSV files for analysts: one row per class, role, safety measure,
 * and the backlog by hour of week.  Each estimate spreads over _mean, _lo, _hi.
 */
#include "rpt.h"

#include <errno.h>
#include <math.h>
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

	fputs("role", f);
	est_head(f, "utilization");
	est_head(f, "on_duty_hours_per_week");
	est_head(f, "overtime_hours_per_week");
	est_head(f, "cost_per_week");
	est_head(f, "absent_hours_per_week");
	fputs(",max_utilization,met", f);
	fputc('\n', f);
	for (r = 0; r < m->scn->nroles; r++) {
		fputs(m->scn->roles[r].name, f);
		est(f, &m->role[r].utilization);
		est(f, &m->role[r].on_duty_hours_per_week);
		est(f, &m->role[r].overtime_hours_per_week);
		est(f, &m->role[r].cost_per_week);
		est(f, &m->role[r].absent_hours_per_week);
		num(f, m->scn->has_max_utilization ? m->scn->max_utilization : NAN);
		fprintf(f, ",%s", m->role[r].met == MEAS_MET_NONE ? "" :
		    meas_met_name(m->role[r].met));
		fputc('\n', f);
	}
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

int
rpt_csv(const struct meas *m, const char *dir, struct cq_err *err)
{
	static const char *files[] = { "classes.csv", "roles.csv", "safety.csv",
	    "backlog.csv", "misses_by_hour.csv" };
	void (*writers[])(const struct meas *, FILE *) = { write_classes, write_roles,
	    write_safety, write_backlog, write_misses };
	struct afile a[5];
	char path[4096];
	size_t i, n = sizeof files / sizeof files[0];

	memset(a, 0, sizeof a);
	if (afile_mkdir(dir, err) != 0)
		return -1;
	/* Write all to temporaries first, then rename: all or nothing is kept. */
	for (i = 0; i < n; i++) {
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if ((f = afile_open(&a[i], path, err)) == NULL)
			goto fail;
		writers[i](m, f);
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
