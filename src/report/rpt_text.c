/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rpt_text.c — the summary a planner reads on the terminal. */
#include "config.h"

#include "rpt.h"
#include "rpt_col.h"
#include "rpt_figs.h"

#include <math.h>
#include <string.h>

#include "scenario/units.h"
#include "week.h"

char *
rpt_fmt_duration(double minutes, char *buf, size_t n)
{
	unit_format_readable(minutes, buf, n);
	return buf;
}

/* A span of time as people say it: "2 weeks", "3 days", else as rpt_fmt_duration. */
void
rpt_fmt_span(double minutes, char *buf, size_t n)
{
	const double day = DAY_MIN;

	if (minutes > 0 && fmod(minutes, 7 * day) == 0)
		snprintf(buf, n, "%g week%s", minutes / (7 * day), minutes == 7 * day ? "" : "s");
	else if (minutes > 0 && fmod(minutes, day) == 0)
		snprintf(buf, n, "%g day%s", minutes / day, minutes == day ? "" : "s");
	else
		rpt_fmt_duration(minutes, buf, n);
}

struct est
rpt_per_week(const struct est *e, double weeks)
{
	struct est w = *e;

	w.mean /= weeks;
	w.lo /= weeks;
	w.hi /= weeks;
	return w;
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

const char *
rpt_verdict_word(enum meas_met m)
{
	switch (m) {
	case MEAS_MET_CONFIDENT:
		return "met";
	case MEAS_MET_ON_AVERAGE:
		return "met on average";
	case MEAS_MET_NO:
		return "missed";
	case MEAS_MET_NA:
		return "n/a";
	default:
		return "";
	}
}

char *
rpt_fmt_money(double x, const char *currency, char *buf, size_t n)
{
	if (currency != NULL && currency[0] != '\0')
		snprintf(buf, n, "%.2f %s", x, currency);
	else
		snprintf(buf, n, "%.2f", x);
	return buf;
}

void
rpt_text_table_head(FILE *f, const struct rpt_table *t, int w0, const char *currency)
{
	int k, n = 0;

	for (k = 0; k < t->ncols; k++) {
		const struct rpt_col *c = &t->cols[k];
		char head[48];

		if (c->text == NULL)
			continue;
		if (c->xf == RPT_XF_MONEY && currency != NULL && currency[0] != '\0')
			snprintf(head, sizeof head, "%s/wk", currency);
		else
			snprintf(head, sizeof head, "%s", c->text);
		if (n++ == 0)
			fprintf(f, "%-*s", w0, head);
		else
			fprintf(f, " %*s", c->tw, head);
	}
}

void
rpt_text_table_row(FILE *f, const struct rpt_table *t, const void *ctx, int i, int w0)
{
	struct rpt_cell cell;
	char buf[32];
	int k, n = 0;

	for (k = 0; k < t->ncols; k++) {
		const struct rpt_col *c = &t->cols[k];

		if (c->text == NULL)
			continue;
		rpt_col_cell(t, c, ctx, i, &cell);
		if (cell.kind == RPT_CELL_STR)
			fprintf(f, n == 0 ? "%-*s" : " %*s", n == 0 ? w0 : c->tw, cell.str);
		else if (cell.kind != RPT_CELL_NUM)
			fprintf(f, " %*s", c->tw, "");
		else if (c->xf == RPT_XF_PCT)
			fprintf(f, " %*s", c->tw, pct(cell.num, buf, sizeof buf));
		else
			fprintf(f, " %*.*f", c->tw, c->tprec, cell.num);
		n++;
	}
}

/* The widest of the names, at least min. */
static int
name_width(const char *first, size_t stride, int n, int min)
{
	int i, w = min;

	for (i = 0; i < n; i++) {
		int k = (int)strlen(first + (size_t)i * stride);

		if (k > w)
			w = k;
	}
	return w;
}

/* What the figures are of: the scenario file, clinicq's version, the seed and
 * every --set; then the streams as loaded (after the overrides: a name written
 * by hand may say otherwise). */
void
rpt_text_head(const struct scn *s, FILE *f)
{
	int i;

	fprintf(f, "%s\n", s->name);
	fprintf(f, "  scenario file %s, clinicq %s, seed %llu\n", s->file, PACKAGE_VERSION,
	    (unsigned long long)s->seed);
	fputs("  overrides:", f);
	if (s->nset == 0)
		fputs(" none", f);
	for (i = 0; i < s->nset; i++)
		fprintf(f, "%s --set %s", i > 0 ? "," : "", s->set[i].text);
	fputc('\n', f);
	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];

		/* Expected alerts: patients x per day x 7 x P(value > alert_above). */
		if (st->kind == SCN_READING)
			fprintf(f, "  stream %s: %d patients x %g reading%s a day, alert above %g "
			    "-> %s (expected %.1f a week)", st->name, st->patients,
			    st->per_patient_per_day, st->per_patient_per_day == 1 ? "" : "s",
			    st->alert_above, s->classes[st->alert_class].name, st->patients *
			    st->per_patient_per_day * 7.0 * dist_sf(&st->value, st->alert_above));
		else
			fprintf(f, "  stream %s: %.1f messages a week", st->name, st->per_week);
		/* Said here, as it changes what the figures below mean (SPEC 3.9). */
		if (st->volume_cv > 0)
			fprintf(f, ", volume varying by day (CV %.3g%%)", st->volume_cv * 100.0);
		fputc('\n', f);
	}
}

static void
provenance(const struct meas *m, FILE *f)
{
	const struct scn *s = m->scn;
	char a[32], b[32];

	rpt_text_head(s, f);
	rpt_fmt_span(s->warmup, a, sizeof a);
	rpt_fmt_span(s->weeks * 7 * DAY_MIN, b, sizeof b);
	fprintf(f, "  %d replication%s of %s (after %s warm-up)\n\n", m->replications,
	    m->replications == 1 ? "" : "s", b, a);
}

/* A count per replication (the measured span) and per week. */
static void
safety_row(FILE *f, const char *label, const struct est *e, double weeks)
{
	fprintf(f, "  %-48s %10.1f %10.2f\n", label, e->mean, e->mean / weeks);
}

static void
safety(const struct meas *m, FILE *f)
{
	const struct scn *s = m->scn;
	const struct meas_safety *y = &m->safety;
	char a[32], b[32], lab[96];

	fprintf(f, "\nsafety %42s %10s %10s\n", "", "per repl.", "per week");
	safety_row(f, "acute items", &y->acute, s->weeks);
	safety_row(f, "escalated to a call-back", &y->escalated, s->weeks);
	safety_row(f, "escalated by the screen at arrival", &y->screened, s->weeks);
	safety_row(f, "reached within the safe window", &y->reached_in_window, s->weeks);
	safety_row(f, "missed (acute, not reached in the window)", &y->missed, s->weeks);
	safety_row(f, "false negatives (acute, under the threshold)", &y->false_negatives,
	    s->weeks);
	snprintf(lab, sizeof lab, "alerts and call-backs not reached (%d attempt%s)",
	    s->contact.max_attempts, s->contact.max_attempts == 1 ? "" : "s");
	safety_row(f, lab, &y->unreached, s->weeks);
	fprintf(f, "  miss rate %s [%s, %s]", pct(y->miss_rate.mean, a, sizeof a),
	    pct(y->miss_rate.lo, b, sizeof b), pct(y->miss_rate.hi, lab, sizeof lab));
	if (s->has_safety_target)
		fprintf(f, ", target <= %s: %s", pct(s->safety_miss_rate, a, sizeof a),
		    rpt_verdict_word(y->met));
	fputc('\n', f);
}

/* A line per class with misses: how many, and why. */
static void
text_misses(const struct meas *m, FILE *f)
{
	const struct scn *s = m->scn;
	int c, head = 0;

	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *mc = &m->cls[c];
		const double w = s->weeks;
		double n = mc->miss_no_cover.mean + mc->miss_queued.mean +
		    mc->miss_abandoned.mean + mc->miss_open.mean;
		char a[32];

		if (!s->classes[c].has_target || !(n > 0.0))
			continue;
		if (!head)
			fputs("\nmisses by cause (items a week):\n", f);
		head = 1;
		fprintf(f, "  %-14s %.1f missed of %.1f arrived: %.1f no cover, %.1f queued, "
		    "%.1f abandoned, %.1f open at end; %s of its items arrive with nobody "
		    "on duty who serves it\n", s->classes[c].name, n / w, mc->arrived.mean / w,
		    mc->miss_no_cover.mean / w, mc->miss_queued.mean / w,
		    mc->miss_abandoned.mean / w, mc->miss_open.mean / w,
		    pct(mc->uncovered_share.mean, a, sizeof a));
	}
}

/* The shifts whose staff differs by weekday, by day (3.11): persons on duty
 * on a run that starts on that day. */
static void
text_by_day(const struct meas *m, FILE *f)
{
	const struct scn *s = m->scn;
	struct scn_rshift r;
	char buf[160];
	int i, n = 0;

	for (i = 0; i < s->nshifts; i++) {
		if (!scn_rshift_at(s, m->staff, i, &r) || !scn_by_day_varies(r.staff, r.days))
			continue;
		if (n++ == 0)
			fputs("\nstaff by weekday (persons on duty on a run that starts that day):\n",
			    f);
		scn_by_day_format(r.staff, r.days, buf, sizeof buf);
		fprintf(f, "  %-16s %s\n", r.name, buf);
	}
}

void
rpt_text(const struct meas *m, FILE *f)
{
	const struct scn *s = m->scn;
	char a[32], b[32], c3[32], d[32], e[32], g[32], t[80];
	int c, r, i, wc, wr, sync = 0;

	provenance(m, f);
	wc = name_width(s->classes[0].name, sizeof s->classes[0], s->nclasses, 14);
	fprintf(f, "%-*s %-5s %9s  %-18s %-24s %-14s %8s %12s %12s %12s\n", wc, "class",
	    "mode", "per week", "target", "attained (95% CI)", "verdict", "gave up",
	    "wait mean", "wait p90", "resp p90");
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
		fprintf(f, "%-*s %-5s %9.1f  %-18s %-24s %-14s %8s %12s %12s %12s\n", wc,
		    k->name, k->mode == SCN_SYNC ? "sync" : "async", mc->arrived.mean / s->weeks,
		    t, ci, rpt_verdict_word(mc->met), k->mode == SCN_SYNC ?
		    pct(mc->abandon_rate.mean, g, sizeof g) : "-",
		    rpt_fmt_duration(mc->wait_mean.mean, d, sizeof d),
		    rpt_fmt_duration(mc->wait_p90.mean, e, sizeof e),
		    rpt_fmt_duration(mc->resp_p90.mean, b, sizeof b));
		sync |= k->mode == SCN_SYNC;
	}
	/* The population of each figure, where it could mislead (a p90 of the
	 * answered beside a target missed for those who gave up). */
	if (sync)
		fputs("  (sync classes: waits are of answered items only; \"gave up\" is the "
		    "share of arrivals who abandoned,\n   counted as misses in \"attained\")\n",
		    f);

	text_misses(m, f);

	wr = name_width(s->roles[0].name, sizeof s->roles[0], s->nroles, 14);
	fputc('\n', f);
	rpt_text_table_head(f, &rpt_role_table, wr, s->currency);
	if (s->has_max_utilization)
		fprintf(f, "  verdict (utilization <= %s)", pct(s->max_utilization, a, sizeof a));
	fputc('\n', f);
	for (r = 0; r < s->nroles; r++) {
		const struct meas_role *mr = &m->role[r];

		rpt_text_table_row(f, &rpt_role_table, m, r, wr);
		if (s->has_max_utilization)
			fprintf(f, "  %s [%s, %s]", rpt_verdict_word(mr->met),
			    pct(mr->utilization.lo, b, sizeof b), pct(mr->utilization.hi, c3, sizeof c3));
		fputc('\n', f);
	}
	text_by_day(m, f);
	fprintf(f, "\ncost per week: %s (rostered %s + overtime %s)\n",
	    rpt_fmt_money(m->cost_total.mean, s->currency, a, sizeof a),
	    rpt_fmt_money(m->cost_staff.mean, s->currency, b, sizeof b),
	    rpt_fmt_money(m->cost_overtime.mean, s->currency, c3, sizeof c3));

	if (m->safety.acute.mean > 0.0)
		safety(m, f);
	if (m->nwarnings > 0) {
		fputs("\nwarnings:\n", f);
		for (i = 0; i < m->nwarnings; i++)
			fprintf(f, "  - %s\n", m->warnings[i]);
	}
}
