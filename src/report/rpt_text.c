/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rpt_text.c — the summary a planner reads on the terminal. */
#include "rpt.h"

#include <math.h>
#include <string.h>

#include "scenario/units.h"

char *
rpt_fmt_duration(double minutes, char *buf, size_t n)
{
	long total;

	if (!isfinite(minutes)) {
		snprintf(buf, n, "-");
	} else if (minutes < 60.0) {
		snprintf(buf, n, "%.1fmin", minutes);
	} else {
		total = lround(minutes);
		if (total < 1440)
			snprintf(buf, n, "%ld:%02ld", total / 60, total % 60);
		else
			snprintf(buf, n, "%ldd %ld:%02ld", total / 1440, total % 1440 / 60,
			    total % 60);
	}
	return buf;
}

/* A span of time as people say it: "2 weeks", "3 days", else h:mm. */
void
rpt_fmt_span(double minutes, char *buf, size_t n)
{
	const double day = 1440.0;

	if (minutes > 0 && fmod(minutes, 7 * day) == 0)
		snprintf(buf, n, "%g week%s", minutes / (7 * day), minutes == 7 * day ? "" : "s");
	else if (minutes > 0 && fmod(minutes, day) == 0)
		snprintf(buf, n, "%g day%s", minutes / day, minutes == day ? "" : "s");
	else
		rpt_fmt_duration(minutes, buf, n);
}

static const char *
pct(double x, char *buf, size_t n)
{
	if (isnan(x))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", 100.0 * x);
	return buf;
}

static const char *
verdict(enum meas_met m)
{
	switch (m) {
	case MEAS_MET_CONFIDENT:
		return "met";
	case MEAS_MET_ON_AVERAGE:
		return "on average";
	case MEAS_MET_NO:
		return "MISSED";
	case MEAS_MET_NA:
		return "no items";
	default:
		return "";
	}
}

/* A line per class with misses: how many, and why. */
static void
text_misses(const struct meas *m, FILE *f)
{
	const struct scn *s = m->scn;
	int c, head = 0;

	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *mc = &m->cls[c];
		double n = mc->miss_no_cover.mean + mc->miss_queued.mean +
		    mc->miss_abandoned.mean + mc->miss_open.mean;
		char a[32];

		if (!s->classes[c].has_target || !(n > 0.0))
			continue;
		if (!head)
			fputs("\nmisses by cause (items per replication):\n", f);
		head = 1;
		fprintf(f, "  %-14s %.1f missed: %.1f no cover, %.1f queued, %.1f abandoned, "
		    "%.1f open at end; %s of its items arrive with nobody on duty who "
		    "serves it\n", s->classes[c].name, n, mc->miss_no_cover.mean,
		    mc->miss_queued.mean, mc->miss_abandoned.mean, mc->miss_open.mean,
		    pct(mc->uncovered_share.mean, a, sizeof a));
	}
}

void
rpt_text(const struct meas *m, FILE *f)
{
	const struct scn *s = m->scn;
	char a[32], b[32], c3[32], d[32], e[32], t[80];
	int c, r, i;

	rpt_fmt_span(s->warmup, a, sizeof a);
	fprintf(f, "%s: %d replication%s of %g weeks (after %s warm-up), seed %llu\n\n",
	    s->name, m->replications, m->replications == 1 ? "" : "s", s->weeks,
	    a, (unsigned long long)s->seed);

	fprintf(f, "%-14s %-5s %9s  %-16s %-22s %-10s %9s %9s %9s\n", "class", "mode",
	    "per week", "target", "attained (95% CI)", "verdict", "wait mean", "wait p90",
	    "resp p90");
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];
		const struct meas_class *mc = &m->cls[c];
		char ci[112];

		t[0] = ci[0] = '\0';
		if (k->has_target) {
			snprintf(t, sizeof t, "%g%% <= %s", 100.0 * k->target_share,
			    rpt_fmt_duration(k->target_within, a, sizeof a));
			snprintf(ci, sizeof ci, "%s [%s, %s]", pct(mc->attainment.mean, a, sizeof a),
			    pct(mc->attainment.lo, b, sizeof b), pct(mc->attainment.hi, c3, sizeof c3));
		}
		fprintf(f, "%-14s %-5s %9.1f  %-16s %-22s %-10s %9s %9s %9s\n", k->name,
		    k->mode == SCN_SYNC ? "sync" : "async", mc->arrived.mean / s->weeks, t, ci,
		    verdict(mc->met), rpt_fmt_duration(mc->wait_mean.mean, d, sizeof d),
		    rpt_fmt_duration(mc->wait_p90.mean, e, sizeof e),
		    rpt_fmt_duration(mc->resp_p90.mean, b, sizeof b));
	}

	text_misses(m, f);

	fprintf(f, "\n%-14s %12s %14s %14s %12s %12s", "role", "utilization",
	    "on duty h/wk", "overtime h/wk", "cost/wk", "absent h/wk");
	if (s->has_max_utilization)
		fprintf(f, "  verdict (utilization <= %s)", pct(s->max_utilization, a, sizeof a));
	fputc('\n', f);
	for (r = 0; r < s->nroles; r++) {
		const struct meas_role *mr = &m->role[r];

		fprintf(f, "%-14s %12s %14.1f %14.1f %12.0f %12.1f", s->roles[r].name,
		    pct(mr->utilization.mean, a, sizeof a), mr->on_duty_hours_per_week.mean,
		    mr->overtime_hours_per_week.mean, mr->cost_per_week.mean,
		    mr->absent_hours_per_week.mean);
		if (s->has_max_utilization)
			fprintf(f, "  %s [%s, %s]", verdict(mr->met),
			    pct(mr->utilization.lo, b, sizeof b), pct(mr->utilization.hi, c3, sizeof c3));
		fputc('\n', f);
	}
	fprintf(f, "\ncost per week: %.0f (rostered %.0f + overtime %.0f)\n",
	    m->cost_total.mean, m->cost_staff.mean, m->cost_overtime.mean);

	if (m->safety.acute.mean > 0.0) {
		fprintf(f, "\nsafety (per replication): %.1f acute, %.1f escalated, %.1f screened, "
		    "%.1f reached in window, %.1f missed (%s",
		    m->safety.acute.mean, m->safety.escalated.mean, m->safety.screened.mean,
		    m->safety.reached_in_window.mean, m->safety.missed.mean,
		    pct(m->safety.miss_rate.mean, a, sizeof a));
		if (s->has_safety_target)
			fprintf(f, ", target <= %s: %s", pct(s->safety_miss_rate, b, sizeof b),
			    verdict(m->safety.met));
		fprintf(f, "), %.1f false negatives, %.1f unreached\n",
		    m->safety.false_negatives.mean, m->safety.unreached.mean);
	}
	if (m->nwarnings > 0) {
		fputs("\nwarnings:\n", f);
		for (i = 0; i < m->nwarnings; i++)
			fprintf(f, "  - %s\n", m->warnings[i]);
	}
}
