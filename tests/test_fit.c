/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_fit.c — the event-log reader (data/log.c) and the service fits
 * (data/fit_dist.c): CSV details, timestamps, error lines, maximum likelihood
 * on samples of known parameters, the reservoir's bound; patience from
 * censored waits (data/fit_patience.c) on a hand-worked Kaplan-Meier case;
 * service by hour, near-constant samples and --min-service
 * (data/fit_service.c) on hand-worked cases. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "check.h"
#include "err.h"
#include "data/fit.h"
#include "data/fit_patience.h"
#include "data/fit_service.h"
#include "data/log.h"
#include "scenario/scn.h"
#include "scenario/units.h"

struct rows {
	int n;
	long line[8];
	long day[8];
	double minute[8], service[8], wait[8];
	char cls[8][LOG_MAX_NAME], agent[8][LOG_MAX_NAME];
	int has_start[8];
	int has_class;
};

static int
on_header(void *ctx, const struct log_cols *c, struct cq_err *err)
{
	(void)err;
	((struct rows *)ctx)->has_class = c->has_class;
	return 0;
}

static int
on_row(void *ctx, const struct log_row *r, struct cq_err *err)
{
	struct rows *rs = ctx;

	(void)err;
	if (rs->n < 8) {
		rs->line[rs->n] = r->line;
		rs->day[rs->n] = r->day;
		rs->minute[rs->n] = r->minute;
		rs->service[rs->n] = r->service;
		rs->wait[rs->n] = r->wait;
		rs->has_start[rs->n] = r->has_start;
		snprintf(rs->cls[rs->n], LOG_MAX_NAME, "%s", r->cls ? r->cls : "");
		snprintf(rs->agent[rs->n], LOG_MAX_NAME, "%s", r->agent ? r->agent : "-");
	}
	rs->n++;
	return 0;
}

/* Read text; 0 or the error's line (-1 when it names none). */
static int
rd(const char *text, struct rows *rs, struct cq_err *err)
{
	struct log_cb cb = { on_header, on_row, rs, NULL };

	memset(rs, 0, sizeof *rs);
	memset(err, 0, sizeof *err);
	if (log_read_mem("t.csv", text, strlen(text), &cb, err) == 0)
		return 0;
	return err->line > 0 ? err->line : -1;
}

static void
test_reader(void)
{
	struct rows rs;
	struct cq_err err;
	long d;
	double m;
	const char *why;

	/* A byte-order mark, CRLF, an extra column, a quoted field with a comma,
	 * a doubled quote and a line break inside, a blank line. */
	CHECK(rd("\xef\xbb\xbf" "note,Arrived_At,class,service_min\r\n"
	    "\"a, \"\"b\"\"\nc\",2027-01-04 08:30,routine,4.5\r\n\r\n"
	    "x,2027-01-04T09:00:30,clinical,\r\n", &rs, &err) == 0);
	CHECK(rs.n == 2 && rs.has_class);
	CHECK(rs.line[0] == 2 && rs.line[1] == 5);
	CHECK(log_parse_time("2027-01-04", 0, &d, &m, &why) == 0);
	CHECK(rs.day[0] == d && rs.day[1] == d);
	CHECK_NEAR(rs.minute[0], 510, 1e-9);
	CHECK_NEAR(rs.minute[1], 540.5, 1e-9);
	CHECK_STR(rs.cls[1], "clinical");
	CHECK_NEAR(rs.service[0], 4.5, 0);
	CHECK_NEAR(rs.service[1], -1, 0);   /* empty: no service time */
	CHECK(civil_weekday(d) == 0);         /* 2027-01-04 is a Monday */

	/* Malformed rows name their line. */
	CHECK(rd("arrived_at\n2027-01-04 08:00\n2027-01-04 8:00\n", &rs, &err) == 3);
	CHECK_HAS(err.msg, "bad arrived_at");
	CHECK(err.code == CQ_EXIT_USAGE);
	CHECK(rd("class\nx\n", &rs, &err) == 1);
	CHECK_HAS(err.msg, "no 'arrived_at' column");
	CHECK(rd("arrived_at,service_min\n2027-01-04 08:00,-1\n", &rs, &err) == 2);
	CHECK_HAS(err.msg, "negative service_min");
	CHECK(rd("arrived_at,service_min\n2027-01-04 08:00,4x\n", &rs, &err) == 2);
	CHECK_HAS(err.msg, "bad service_min");
	CHECK(rd("arrived_at,service_min\n2027-01-04 08:00,nan\n", &rs, &err) == 2);
	CHECK(rd("arrived_at,class\n2027-01-04 08:00,a\n2027-01-04 08:00\n", &rs, &err) == 3);
	CHECK_HAS(err.msg, "1 fields, but the header has 2");
	CHECK(rd("arrived_at,class\n2027-01-04 08:00,a\n2027-01-04 08:00,\"b\n\n", &rs,
	    &err) == 3);
	CHECK_HAS(err.msg, "unterminated quote");
	CHECK(rd("arrived_at,class\n2027-01-04 08:00,\"a\"b\n", &rs, &err) == 2);
	CHECK(rd("arrived_at,class\n2027-01-04 08:00,a b\n", &rs, &err) == 2);
	CHECK_HAS(err.msg, "bad class name");
	CHECK(rd("arrived_at,arrived_at\n", &rs, &err) == 1);
	CHECK(rd("", &rs, &err) == -1);
	CHECK_HAS(err.msg, "empty file");
	CHECK(rd("arrived_at\n2027-02-29 08:00\n", &rs, &err) == 2);
	CHECK(rd("arrived_at\n2028-02-29 08:00\n", &rs, &err) == 0);
	CHECK(rd("arrived_at\n2027-01-04 24:00\n", &rs, &err) == 2);
	/* No newline at the end: the last row still counts. */
	CHECK(rd("arrived_at\n2027-01-04 08:00", &rs, &err) == 0 && rs.n == 1);
	/* agent and started_at: the wait from started_at when wait_min is absent
	 * (across midnight here), wait_min kept when both are given. */
	CHECK(rd("arrived_at,started_at,agent,outcome\n"
	    "2027-01-04 23:58,2027-01-05 00:01:30,Ann Lee,\n"
	    "2027-01-04 08:00,,,abandoned\n", &rs, &err) == 0);
	CHECK(rs.n == 2 && rs.has_start[0] && !rs.has_start[1]);
	CHECK_NEAR(rs.wait[0], 3.5, 1e-9);
	CHECK_NEAR(rs.wait[1], -1, 0);
	CHECK_STR(rs.agent[0], "Ann Lee");
	CHECK_STR(rs.agent[1], "-");
	CHECK(rd("arrived_at,started_at,wait_min\n2027-01-04 08:00,2027-01-04 08:10,2\n",
	    &rs, &err) == 0);
	CHECK_NEAR(rs.wait[0], 2, 0);
	CHECK(rd("arrived_at,started_at\n2027-01-04 08:00,2027-01-04 07:59\n", &rs,
	    &err) == 2);
	CHECK_HAS(err.msg, "started_at is before arrived_at");
	CHECK(rd("arrived_at,started_at\n2027-01-04 08:00,8:10\n", &rs, &err) == 2);
	CHECK_HAS(err.msg, "bad started_at");
	CHECK(log_parse_time("1970-01-01", 0, &d, &m, &why) == 0 && d == 0);
	CHECK(civil_weekday(0) == 3);         /* a Thursday */
}

/* Maximum likelihood recovers known parameters within 4 standard errors
 * (the errors themselves come from the Fisher information: the check that
 * they are right is that 4 of them hold the truth, at a fixed seed). */
static void
test_mle(void)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	struct fit_svc v;
	struct fit_family ln, ga;
	int i;

	gsl_rng_set(r, 42);
	fit_svc_init(&v);
	for (i = 0; i < 20000; i++)
		CHECK(fit_svc_add(&v, gsl_ran_gamma(r, 2.5, 3.0)) == 0);
	fit_lognormal(&v, &ln);
	fit_gamma(&v, &ga);
	CHECK(ga.ok && ln.ok);
	CHECK_NEAR(ga.p1, 2.5, 4 * ga.se1);
	CHECK_NEAR(ga.p2, 3.0, 4 * ga.se2);
	CHECK(ga.loglik > ln.loglik);       /* the right family wins */
	CHECK(ga.ks < ln.ks);
	CHECK(ga.ks < 0.02);                /* ~1.36 / sqrt(n) = 0.0096 at 5% */
	CHECK_NEAR(ga.mean, 7.5, 0.1);
	fit_svc_free(&v);

	fit_svc_init(&v);
	for (i = 0; i < 20000; i++)
		CHECK(fit_svc_add(&v, gsl_ran_lognormal(r, 1.0, 0.6)) == 0);
	CHECK(fit_svc_add(&v, 0.0) == 0);   /* kept out, counted */
	CHECK(v.zeros == 1 && v.n == 20000);
	fit_lognormal(&v, &ln);
	fit_gamma(&v, &ga);
	CHECK_NEAR(ln.p1, 1.0, 4 * ln.se1);
	CHECK_NEAR(ln.p2, 0.6, 4 * ln.se2);
	CHECK_NEAR(ln.se1, 0.6 / sqrt(20000.0), 1e-4);
	CHECK(ln.loglik > ga.loglik);
	CHECK_NEAR(ln.mean, exp(1.0 + 0.18), 0.05);
	fit_svc_free(&v);

	/* The reservoir keeps at most FIT_SAMPLE values, the sums all of them. */
	fit_svc_init(&v);
	for (i = 0; i < FIT_SAMPLE + 50000; i++)
		CHECK(fit_svc_add(&v, gsl_ran_lognormal(r, 0.5, 0.4)) == 0);
	CHECK(v.nsample == FIT_SAMPLE && v.n == FIT_SAMPLE + 50000);
	fit_lognormal(&v, &ln);
	/* a fair sample: KS ~ 1.36 / sqrt(FIT_SAMPLE) = 0.0043 at 5% */
	CHECK(ln.ok && ln.ks < 0.0065);
	fit_svc_free(&v);

	/* All values equal: neither family fits (fit prints const). */
	fit_svc_init(&v);
	for (i = 0; i < 40; i++)
		fit_svc_add(&v, 5.0);
	fit_lognormal(&v, &ln);
	fit_gamma(&v, &ga);
	CHECK(!ln.ok && !ga.ok);
	fit_svc_free(&v);
	gsl_rng_free(r);
}

/* Waits 1 (abandoned), 2 (served), 3 (abandoned), 3 (served: at risk at 3),
 * 4 (abandoned), 5 (served), and one served row without a wait.  By hand:
 * S(1) = 5/6, S(3) = 5/6 * 3/4 = 0.625, S(4) = 0.3125, so the median is 4;
 * Greenwood at 3: 0.625^2 (1/(6*5) + 1/(4*3)); exp: 3 events over 18 minutes. */
static void
test_patience(void)
{
	static const double w[] = { 1, 2, 3, 3, 4, 5, -1 };
	static const int ab[] = { 1, 0, 1, 0, 1, 0, 0 };
	struct fit_pat pt;
	struct fit_pfam ex;
	double se;
	size_t i;

	fit_pat_init(&pt);
	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		CHECK(fit_pat_add(&pt, ab[i], w[i]) == 0);
	CHECK(pt.events == 3 && pt.censored == 3 && pt.no_wait == 1 && pt.served == 4);
	fit_pat_print(&pt, 1, stdout);   /* sorts the sample, and must not crash on 3 events */
	CHECK_NEAR(fit_pat_km(&pt, 0.5, &se), 1.0, 1e-12);
	CHECK_NEAR(fit_pat_km(&pt, 2.5, &se), 5.0 / 6.0, 1e-12);
	CHECK_NEAR(fit_pat_km(&pt, 3, &se), 0.625, 1e-12);
	CHECK_NEAR(se, 0.625 * sqrt(1.0 / 30 + 1.0 / 12), 1e-12);
	CHECK_NEAR(fit_pat_km(&pt, 4, &se), 0.3125, 1e-12);
	CHECK_NEAR(fit_pat_km_median(&pt), 4.0, 1e-12);
	fit_pat_exp(&pt, &ex);
	CHECK(ex.ok);
	CHECK_NEAR(ex.mean, 6.0, 1e-12);
	CHECK_NEAR(ex.se_mean, 6.0 / sqrt(3.0), 1e-12);
	fit_pat_free(&pt);
}

/* Services starting in hour h: n at each of the values xs. */
static void
service_rows(struct fit_service *sv, const struct fit_opts *o, int h, const double *xs,
    int nx, int n)
{
	struct log_row r;
	int i, j;

	memset(&r, 0, sizeof r);
	r.minute = h * 60 + 5;
	r.wait = -1;
	for (i = 0; i < nx; i++)
		for (j = 0; j < n; j++) {
			r.service = xs[i];
			CHECK(fit_service_row(sv, o, &r) == 1);
		}
}

static void
test_service(void)
{
	struct fit_service sv;
	struct fit_opts o;
	struct fit_svc v;
	struct log_row r;
	const double e = exp(1.0), a[] = { 1.0, e }, b[] = { e, e * e };
	double med;
	long differ;
	int i;

	memset(&o, 0, sizeof o);
	/* fit's longest service is the scenario's longest duration. */
	CHECK(FIT_MAX_SERVICE_MIN == UNIT_MAX_MINUTES);
	CHECK(FIT_MAX_SCN_WEEKS == SCN_MAX_WEEKS);
	CHECK(FIT_MAX_PATTERNS == SCN_MAX_PATTERNS);
	/* Hour 8: log service 0 and 1 (15 each); hour 9: 1 and 2.  Group means of
	 * log 0.5 and 1.5, grand 1: SSB = 60 x 0.25 = 15, SSW = 60 x 0.25 = 15,
	 * F = (15 / 1) / (15 / 58) = 58.  Factors: (1 + e)/2 and (e + e^2)/2 over
	 * their mean, 2/(1 + e) and 2e/(1 + e). */
	fit_service_init(&sv);
	service_rows(&sv, &o, 8, a, 2, 15);
	service_rows(&sv, &o, 9, b, 2, 15);
	CHECK(sv.by_arrival == 60 && sv.by_start == 0 && sv.shorts == 0);
	fit_service_hours(&sv);
	CHECK(sv.groups == 2 && sv.df1 == 1 && sv.df2 == 58);
	CHECK_NEAR(sv.F, 58.0, 1e-9);
	CHECK(sv.p < 1e-9 && sv.write_by_hour);
	CHECK_NEAR(sv.factor[8], 2.0 / (1.0 + e), 1e-12);
	CHECK_NEAR(sv.factor[9], 2.0 * e / (1.0 + e), 1e-12);
	CHECK(sv.factor[10] == 0);
	/* The same values in both hours: F = 0, flat. An hour with 29 rows is not
	 * a group of its own. */
	fit_service_init(&sv);
	service_rows(&sv, &o, 8, a, 2, 15);
	service_rows(&sv, &o, 9, a, 2, 15);
	service_rows(&sv, &o, 10, b, 1, 29);
	fit_service_hours(&sv);
	CHECK(sv.groups == 2);
	CHECK_NEAR(sv.F, 0.0, 1e-12);
	CHECK(!sv.write_by_hour && sv.factor[10] == 0);
	/* The hour of the start: arrival 23:50 + a 20-minute wait starts at 00:10. */
	fit_service_init(&sv);
	memset(&r, 0, sizeof r);
	r.minute = 23 * 60 + 50;
	r.wait = 20;
	r.service = 3;
	CHECK(fit_service_row(&sv, &o, &r) == 1);
	CHECK(sv.hour[0].n == 1 && sv.by_start == 1);
	/* --min-service 10s: a 5-second service and a 0 are left out, not counted
	 * short. */
	o.min_service = 10.0 / 60;
	r.service = 5.0 / 60;
	CHECK(fit_service_row(&sv, &o, &r) == 0);
	r.service = 0;
	CHECK(fit_service_row(&sv, &o, &r) == 0);
	CHECK(sv.left_out == 2 && sv.shorts == 0);
	/* Near-constant: 9 of 10 at 5 and one mistyped huge value. */
	fit_svc_init(&v);
	for (i = 0; i < 9; i++)
		CHECK(fit_svc_add(&v, 5.0) == 0);
	CHECK(fit_svc_add(&v, 8.9e55) == 0);
	CHECK(fit_service_constant(&v, &med, &differ) == 1);
	CHECK_NEAR(med, 5.0, 0);
	CHECK(differ == 1);
	/* 9 of 12 at 5 (75%): not near-constant. */
	CHECK(fit_svc_add(&v, 7.0) == 0);
	CHECK(fit_svc_add(&v, 9.0) == 0);
	CHECK(fit_service_constant(&v, &med, &differ) == 0);
	fit_svc_free(&v);
}

int
main(void)
{
	test_reader();
	test_mle();
	test_patience();
	test_service();
	CHECK_DONE();
}
