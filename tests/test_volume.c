/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_volume.c — a stream's volume_cv (SPEC 3.9, doc/model.md "Volume
 * variation"): each day's rates times a gamma factor G of mean 1 and CV c make
 * a doubly stochastic Poisson count N with E N = m and Var N = m + c^2 m^2
 * (law of total variance: E Var(N|G) + Var E(N|G) = m + m^2 c^2).  Checked
 * on daily counts (one day per replication) and weekly totals (independent
 * days: 7m + 7 c^2 m^2), against the sampling error of the estimates; and
 * common random numbers: one stream's volume_cv moves no other stream's
 * arrivals, and volume_cv = 0 is the Poisson run draw for draw.
 *
 * Tolerances.  The mean is checked against its 95% confidence interval,
 * mean +- 1.96 sqrt(S^2 / n), as the brief of the feature asks.  The sample
 * variance S^2 of n independent counts has, for large n, the standard error
 * sqrt((mu4 - sigma^4) / n) (mu4 the fourth central moment: the counts are not
 * normal, and the gamma factor's excess kurtosis 6 c^2 widens it), estimated
 * here from the sample's own fourth moment; S^2 must lie within 4 of them of
 * m + c^2 m^2 (about 6e-5 two-sided), and Poisson's m must lie outside, so
 * the test would see a volume_cv that did nothing.  The seed is fixed, so the
 * outcome is the same on every run.
 */
#include <stdlib.h>

#include "check.h"
#include "scenario/scn.h"
#include "engine/sim.h"

/* One stream of 700 a week, spread evenly: m = 100 a day.  WEEKS and CV are
 * filled in; warm-up 0, so that replication r's span starts at t = 0. */
static const char one_tmpl[] =
    "[scenario]\nweeks = %s\nwarmup = 0\nseed = 20270104\n"
    "[stream v]\nper_week = 700\nvolume_cv = %s\nclasses = a 1\n"
    "[class a]\nmode = async\nservice = exp(1min)\n"
    "[role n]\nserves = a\n"
    "[shift d]\nrole = n\nstart = 00:00\nend = 24:00\nstaff = 2\n";

/* Two streams with classes of their own, so that each one's arrivals are
 * counted apart; %s is stream a's volume_cv. */
static const char two_tmpl[] =
    "[scenario]\nweeks = 2\nwarmup = 1w\nseed = 7\n"
    "[pattern office]\nweight = mon-fri 08:00-18:00 1\n"
    "[stream a]\nper_week = 700\nvolume_cv = %s\nclasses = ca 1\n"
    "[stream b]\nper_week = 300\npattern = office\nclasses = cb 1\n"
    "[stream r]\nkind = reading\npatients = 50\nper_patient_per_day = 2\n"
    "value = normal(138,18)\nalert_above = 170\nalert_class = cr\n"
    "[class ca]\nmode = async\nservice = exp(1min)\n"
    "[class cb]\nmode = async\nservice = exp(1min)\n"
    "[class cr]\nmode = sync\nservice = exp(1min)\n"
    "[role n]\nserves = cr, ca, cb\n"
    "[shift d]\nrole = n\nstart = 00:00\nend = 24:00\nstaff = 3\n";

static struct scn *
load(const char *tmpl, const char *a, const char *b)
{
	struct cq_err err = { 0 };
	char text[2048];
	struct scn *s;

	if (b != NULL)
		snprintf(text, sizeof text, tmpl, a, b);
	else
		snprintf(text, sizeof text, tmpl, a);
	s = scn_load_string("volume.ini", text, NULL, 0, &err);
	if (s == NULL)
		fprintf(stderr, "load: %d: %s\n", err.line, err.msg);
	return s;
}

/* The arrivals of each class in replication rep into got[]; 0, or -1. */
static int
play(const struct scn *s, int rep, double *got)
{
	struct cq_err err = { 0 };
	struct sim_rep *r = sim_rep_new(s);
	int c;

	if (r == NULL || sim_run(s, NULL, rep, r, &err) != 0) {
		fprintf(stderr, "sim_run: %s\n", err.msg);
		sim_rep_free(r);
		return -1;
	}
	for (c = 0; c < s->nclasses; c++)
		got[c] = r->cls[c].arrived;
	sim_rep_free(r);
	return 0;
}

/* Counts of n replications of a one-stream scenario: their mean, variance S^2
 * and the standard error of S^2 (see the head of the file).  0, or -1. */
static int
moments(const char *weeks, const char *cv, int n, double *mean, double *var, double *var_se)
{
	struct scn *s = load(one_tmpl, weeks, cv);
	double *x = malloc((size_t)n * sizeof *x), sum = 0, m2 = 0, m4 = 0;
	int i, rc = -1;

	if (s == NULL || x == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		if (play(s, i, &x[i]) != 0)
			goto out;
		sum += x[i];
	}
	*mean = sum / n;
	for (i = 0; i < n; i++) {
		double d = x[i] - *mean;

		m2 += d * d;
		m4 += d * d * d * d;
	}
	*var = m2 / (n - 1);
	*var_se = sqrt((m4 / n - (m2 / n) * (m2 / n)) / n);
	rc = 0;
out:
	free(x);
	scn_free(s);
	return rc;
}

/* Counts over days (days = 1, 7) with CV c: mean within its 95% CI of 100
 * days, S^2 within 4 standard errors of the gamma-Poisson variance, and (for
 * c > 0) Poisson's variance out of reach. */
static void
check_counts(const char *weeks, int days, const char *cv, double c, int n)
{
	double m = 100.0 * days, want = m + days * c * c * 100.0 * 100.0;
	double mean = 0, var = 0, se = 0;

	if (moments(weeks, cv, n, &mean, &var, &se) != 0) {
		CHECK(!"the replications run");
		return;
	}
	printf("%d day(s), volume_cv %s, %d replications: mean %.2f (want %.0f), "
	    "variance %.1f +- %.1f (want %.1f)\n", days, cv, n, mean, m, var, se, want);
	CHECK_NEAR(mean, m, 1.96 * sqrt(var / n));
	CHECK_NEAR(var, want, 4.0 * se);
	if (c > 0)
		CHECK(fabs(var - m) > 4.0 * se);
}

/* Common random numbers: stream a's volume_cv leaves b's and the readings'
 * arrivals as they were, replication by replication; a's own change. */
static void
check_crn(void)
{
	struct scn *p = load(two_tmpl, "0", NULL), *v = load(two_tmpl, "30%", NULL);
	struct scn *z = load(two_tmpl, "0%", NULL);
	double gp[3], gv[3], gz[3];
	int rep, moved = 0;

	CHECK(p != NULL && v != NULL && z != NULL);
	for (rep = 0; p && v && z && rep < 8; rep++) {
		CHECK(play(p, rep, gp) == 0 && play(v, rep, gv) == 0 && play(z, rep, gz) == 0);
		CHECK(gv[1] == gp[1]);     /* cb: stream b */
		CHECK(gv[2] == gp[2]);     /* cr: the readings' alerts */
		CHECK(gz[0] == gp[0]);     /* volume_cv = 0% is Poisson, draw for draw */
		moved += gv[0] != gp[0];
	}
	CHECK(moved > 0);
	scn_free(p);
	scn_free(v);
	scn_free(z);
}

int
main(void)
{
	/* One day per replication: weeks = 1/7 makes the span 00:00-24:00 of
	 * day 0 exactly (0.14285714285714285 x 10080 = 1440). */
	check_counts("0.14285714285714285", 1, "30%", 0.30, 4000);
	check_counts("0.14285714285714285", 1, "0", 0.0, 2000);
	check_counts("0.14285714285714285", 1, "1", 1.0, 4000);
	/* Weekly totals of 7 independent days: 7m + 7 c^2 m^2 = 7000. */
	check_counts("1", 7, "30%", 0.30, 1500);
	check_crn();
	CHECK_DONE();
}
