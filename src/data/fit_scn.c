/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_scn.c — what `clinicq fit` adds to its sections to make a scenario: the
 * [role] and [shift]s that play the persons on duty inferred from the agent
 * column (fit_staff.c), or with --scenario and no agent column a planner's
 * start from the offered load; with --scenario the [scenario] spanning the
 * weeks fitted and the targets left for the planner.
 */
#include "fit_int.h"
#include "civil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIT_MAX_PERSONS 10000     /* a shift's staff at most: a scenario's limit */

/* Every day kept until a stream leaves it out; fit_plan_free frees. */
int
fit_plan_init(const struct fit *ft, struct fit_plan *p, struct cq_err *err)
{
	memset(p, 0, sizeof *p);
	if ((p->kept = malloc((size_t)ft->nweeks * WEEK_DAYS)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, ft->file, 0, "out of memory");
	memset(p->kept, 1, (size_t)ft->nweeks * WEEK_DAYS);
	return 0;
}

/* Frees what fit_plan_init took. */
void
fit_plan_free(struct fit_plan *p)
{
	free(p->kept);
	p->kept = NULL;
}

/* A day left out of one stream (a gap, --exclude) is left out of the
 * staffing: agents are shared, and a day with no calls had no one on duty
 * worth counting.  The offered load: each hour's mean arrivals times the mean
 * service of the stream's classes (sample means), in erlangs. */
void
fit_plan_stream(const struct fit *ft, const struct fit_stream *st,
    const struct fit_days *fd, struct fit_plan *p)
{
	double svc = 0, var;
	int d, c, h;

	for (d = 0; d < fd->ndays; d++)
		if (fd->state[d] != FIT_DAY_KEPT)
			p->kept[d] = 0;
	for (c = 0; c < ft->nclasses; c++)
		if (st->cls_rows[c] > 0 && ft->classes[c].svc.n > 0)
			svc += (double)st->cls_rows[c] / (double)st->rows *
			    ft->classes[c].svc.sum / (double)ft->classes[c].svc.n;
	for (h = 0; h < WEEK_HOURS; h++)
		p->load[h] += fit_days_hour(ft, st, fd, h, &var) * svc / HOUR_MINUTES;
}

/* With --scenario: the [scenario], before the fitted sections. */
void
fit_scn_print_head(const struct fit *ft, FILE *out)
{
	int y, m, d;

	if (!ft->o->scenario)
		return;
	civil_date(ft->start_day, &y, &m, &d);
	fprintf(out, "\n[scenario]\n; the weeks fitted; a day's warm-up (the model starts "
	    "empty, with no one on duty) shifts the measured weeks by a day,\n; the hours of "
	    "week stay the log's\n");
	/* The sections are weekly means: a shorter run measures the same week. */
	if (ft->nweeks > FIT_MAX_SCN_WEEKS)
		fprintf(out, "; the log spans %d weeks, a scenario at most %d: the first %d of "
		    "them\n", ft->nweeks, FIT_MAX_SCN_WEEKS, FIT_MAX_SCN_WEEKS);
	fprintf(out, "name = fitted to %s\nstart_date = %04d-%02d-%02d\n"
	    "weeks = %d\nwarmup = 1d\nreplications = 10\nseed = 12345\n", ft->default_name,
	    y, m, d, ft->nweeks > FIT_MAX_SCN_WEEKS ? FIT_MAX_SCN_WEEKS : ft->nweeks);
}

/* With --scenario: the targets, commented out, last. */
void
fit_scn_print_tail(const struct fit *ft, FILE *out)
{
	if (!ft->o->scenario)
		return;
	fprintf(out, "\n; targets are the planner's: uncomment and adapt, e.g.\n"
	    "; [targets]\n; max_utilization = 90%%\n"
	    "; and in a [class]: target = 80%% <= 20s\n");
}

/* The mean persons on duty (or the load), a table of the week's hours. */
static void
print_profile(const double mean[WEEK_HOURS], FILE *out)
{
	int d, h;

	fprintf(out, "; hour:");
	for (h = 0; h < DAY_HOURS; h++)
		fprintf(out, " %5d", h);
	fputc('\n', out);
	/* At most 6 characters a value, so that a line stays under a scenario's
	 * 199 characters whatever the log (an absurd service time makes an
	 * absurd load). */
	for (d = 0; d < WEEK_DAYS; d++) {
		fprintf(out, "; %-4s:", week_day_key[d]);
		for (h = 0; h < DAY_HOURS; h++) {
			double v = mean[d * DAY_HOURS + h];

			fprintf(out, v < 99.995 ? " %5.2f" : v < 99999.5 ? " %5.0f" : " %5.0e", v);
		}
		fputc('\n', out);
	}
}

/* The persons on duty from the agent column, with the comments that say how. */
static int
agents_profile(const struct fit *ft, struct fit_plan *p, int persons[WEEK_HOURS],
    FILE *out, struct cq_err *err)
{
	double mean[WEEK_HOURS], wk_mean;
	int nkept[WEEK_DAYS], nagents, h, lo, hi;
	long no_start, wk_lo, wk_hi;

	if (fit_staff_profile(ft->staff, p->kept, mean, nkept) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, ft->file, 0, "out of memory");
	fit_staff_names(ft->staff, &nagents, &no_start, &wk_mean, &wk_lo, &wk_hi);
	/* Comment lines stay under a scenario's 199 characters. */
	fprintf(out, "; persons on duty inferred from the agent column: each agent's "
	    "services (start to end) joined into one session\n; while the idle time between "
	    "two is at most %g min (--idle-gap), a session on duty from its first start "
	    "to its last end;\n; idle time before an agent's first call and after the last, "
	    "and pauses longer than that, count as away\n", fit_staff_idle_gap(ft->staff));
	fprintf(out, "; %d agents in all; distinct agents a week: mean %.1f (%ld to %ld)\n",
	    nagents, wk_mean, wk_lo, wk_hi);
	if (no_start > 0)
		fprintf(out, "; warning: %ld served rows with an agent but neither started_at "
		    "nor wait_min left out: their agents' time is undercounted\n", no_start);
	for (lo = hi = nkept[0], h = 1; h < WEEK_DAYS; h++) {
		lo = nkept[h] < lo ? nkept[h] : lo;
		hi = nkept[h] > hi ? nkept[h] : hi;
	}
	fprintf(out, "; mean persons on duty in each hour of week, over the days kept "
	    "(%d to %d of each weekday):\n", lo, hi);
	print_profile(mean, out);
	fprintf(out, "; shifts below: each hour's mean rounded to whole persons\n");
	for (h = 0; h < WEEK_HOURS; h++) {
		double v = floor(mean[h] + 0.5);

		persons[h] = v > FIT_MAX_PERSONS ? FIT_MAX_PERSONS : (int)v;
	}
	return 0;
}

/* Without an agent column: enough persons for the offered load at 85%. */
static void
load_profile(const struct fit_plan *p, int persons[WEEK_HOURS], FILE *out)
{
	int h;

	fprintf(out, "; the log has no agent column: persons on duty are a planner's start,"
	    "\n; each hour's offered load (mean arrivals x mean service / 60, in erlangs) over "
	    "%g, rounded up; the load:\n", FIT_STAFF_LOAD_UTIL);
	print_profile(p->load, out);
	for (h = 0; h < WEEK_HOURS; h++) {
		/* 1e-9: a load of exactly 0.85 k is k persons, not k + 1 */
		double v = ceil(p->load[h] / FIT_STAFF_LOAD_UTIL - 1e-9);

		persons[h] = v < 0 ? 0 : v > FIT_MAX_PERSONS ? FIT_MAX_PERSONS : (int)v;
	}
}

/* One [shift]: one staff number when every day has the same, else by day. */
static void
print_shift(const struct fit_shift *f, FILE *out)
{
	char dbuf[64];
	int d, same = 1, first = -1, n = 0;

	for (d = 0; d < WEEK_DAYS; d++)
		if (f->mask & (1u << d)) {
			if (first < 0)
				first = d;
			else if (f->staff[d] != f->staff[first])
				same = 0;
		}
	fit_print_days(f->mask, dbuf, sizeof dbuf);
	fprintf(out, "\n[shift agent_%02d00_%02d00]\nrole = agent\ndays = %s\n"
	    "start = %02d:00\nend = %02d:00\nstaff = ", f->start, f->end, dbuf, f->start,
	    f->end);
	if (same)
		fprintf(out, "%d\n", f->staff[first]);
	else {
		for (d = 0; d < WEEK_DAYS; d++)
			if (f->mask & (1u << d))
				fprintf(out, "%s%s %d", n++ > 0 ? ", " : "", week_day_key[d],
				    f->staff[d]);
		fputc('\n', out);
	}
}

/* See fit_int.h. */
int
fit_scn_print_staff(const struct fit *ft, struct fit_plan *p, FILE *out,
    struct cq_err *err)
{
	struct fit_shift sh[FIT_STAFF_MAX_SHIFTS];
	int persons[WEEK_HOURS], n, c, i, first = 1;

	if (ft->staff == NULL && !ft->o->scenario)
		return 0;
	fprintf(out, "\n[role agent]\n");
	if (ft->staff != NULL) {
		if (agents_profile(ft, p, persons, out, err) != 0)
			return -1;
	} else
		load_profile(p, persons, out);
	fprintf(out, "; the shifts are each day's staircase of whole persons cut into "
	    "layers (layer k: the runs of hours with at least k persons),\n; equal runs one "
	    "shift with staff by weekday: they add up to the profile in every hour\n"
	    "; cost_per_hour is the planner's to set\n"
	    "; discipline = fcfs: one queue answered first come, first served, whatever the "
	    "class, as a call centre's does (sync before async)\nserves = ");
	for (c = 0; c < ft->nclasses; c++)
		if (ft->classes[c].rows > 0) {
			fprintf(out, "%s%s", first ? "" : ", ", ft->classes[c].name);
			first = 0;
		}
	fprintf(out, "\ndiscipline = fcfs\n");
	n = fit_staff_staircase(persons, sh);
	for (i = 0; i < n; i++)
		print_shift(&sh[i], out);
	return 0;
}
