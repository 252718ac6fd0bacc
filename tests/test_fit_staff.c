/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_fit_staff.c — persons on duty from agents' services (data/fit_staff.c):
 * sessions joined across gaps up to idle_gap and across midnight, whatever
 * the order of the rows; days left out; the agent limit; and the staircase
 * cut into shifts that add up to the profile exactly. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "err.h"
#include "data/fit_staff.h"

#define MONDAY 20822L   /* 2027-01-04, days since 1970-01-01 */

/* Hand-worked sessions, the rows in no order. */
static void
test_sessions(void)
{
	struct fit_staff *s;
	struct cq_err err;
	unsigned char kept[14];
	double mean[WEEK_HOURS];
	int nkept[WEEK_DAYS], nagents;
	long no_start, lo, hi;
	double wk;

	memset(&err, 0, sizeof err);
	CHECK(fit_staff_new(&s, "t.csv", MONDAY, 14, 30, &err) == 0);
	/* b: Monday 23:50 for 20 min, past midnight, then Tuesday 00:30 for 5
	 * (20 idle minutes: one session, 23:50-00:35). */
	CHECK(fit_staff_add(s, "b", MONDAY + 1, 30, 5, 2, &err) == 0);
	CHECK(fit_staff_add(s, "b", MONDAY, 23 * 60 + 50, 20, 3, &err) == 0);
	/* a: Monday 09:30 for 5; 08:30 for 10; 08:00 for 10.  08:00-08:40 is one
	 * session (20 idle minutes), 09:30 another (50 idle minutes > 30). */
	CHECK(fit_staff_add(s, "a", MONDAY, 9 * 60 + 30, 5, 4, &err) == 0);
	CHECK(fit_staff_add(s, "a", MONDAY, 8 * 60 + 30, 10, 5, &err) == 0);
	CHECK(fit_staff_add(s, "a", MONDAY, 8 * 60, 10, 6, &err) == 0);
	/* The second week: a on Monday 08:00 for 60 min (unknown service: 1 min
	 * counted on Wednesday 12:00). */
	CHECK(fit_staff_add(s, "a", MONDAY + 7, 8 * 60, 60, 7, &err) == 0);
	CHECK(fit_staff_add(s, "c", MONDAY + 9, 12 * 60, -1, 8, &err) == 0);
	fit_staff_no_start(s);
	memset(kept, 1, sizeof kept);
	kept[8] = 0;   /* the second Tuesday left out */
	CHECK(fit_staff_profile(s, kept, mean, nkept) == 0);
	CHECK(nkept[0] == 2 && nkept[1] == 1 && nkept[2] == 2);
	/* Monday 08:00: 40 min in week 1, 60 in week 2; 09:00: 5 min; 23:00: 10. */
	CHECK_NEAR(mean[8], (40 + 60) / 60.0 / 2, 1e-12);
	CHECK_NEAR(mean[9], 5 / 60.0 / 2, 1e-12);
	CHECK_NEAR(mean[23], 10 / 60.0 / 2, 1e-12);
	/* Tuesday 00:00: 35 min, over the one Tuesday kept. */
	CHECK_NEAR(mean[24], 35 / 60.0, 1e-12);
	CHECK_NEAR(mean[2 * 24 + 12], 1 / 60.0 / 2, 1e-12);
	fit_staff_names(s, &nagents, &no_start, &wk, &lo, &hi);
	CHECK(nagents == 3 && no_start == 1);
	CHECK_NEAR(wk, 2, 1e-12);   /* a, b in week 1; a, c in week 2 */
	CHECK(lo == 2 && hi == 2);
	fit_staff_free(s);

	/* With a gap of 10 minutes, a's 08:00 and 08:30 are two sessions. */
	CHECK(fit_staff_new(&s, "t.csv", MONDAY, 7, 10, &err) == 0);
	CHECK(fit_staff_add(s, "a", MONDAY, 8 * 60 + 30, 10, 2, &err) == 0);
	CHECK(fit_staff_add(s, "a", MONDAY, 8 * 60, 10, 3, &err) == 0);
	memset(kept, 1, sizeof kept);
	CHECK(fit_staff_profile(s, kept, mean, nkept) == 0);
	CHECK_NEAR(mean[8], 20 / 60.0, 1e-12);
	fit_staff_free(s);
}

static void
test_limit(void)
{
	struct fit_staff *s;
	struct cq_err err;
	char name[16];
	int i, rc = 0;

	memset(&err, 0, sizeof err);
	CHECK(fit_staff_new(&s, "t.csv", MONDAY, 7, 30, &err) == 0);
	for (i = 0; i < FIT_STAFF_MAX_AGENTS && rc == 0; i++) {
		snprintf(name, sizeof name, "a%d", i);
		rc = fit_staff_add(s, name, MONDAY + i % 7, 600, 3, i + 2, &err);
	}
	CHECK(rc == 0);
	CHECK(fit_staff_add(s, "one_more", MONDAY, 600, 3, 99, &err) == -1);
	CHECK(err.code == CQ_EXIT_USAGE && err.line == 99);
	CHECK_HAS(err.msg, "more than 10000 distinct agents");
	/* A known agent is still welcome. */
	CHECK(fit_staff_add(s, "a5", MONDAY, 700, 3, 100, &err) == 0);
	fit_staff_free(s);
}

/* The shifts' persons in each hour of week. */
static void
sum_shifts(const struct fit_shift *sh, int n, int out[WEEK_HOURS])
{
	int i, d, h;

	memset(out, 0, WEEK_HOURS * sizeof *out);
	for (i = 0; i < n; i++)
		for (d = 0; d < WEEK_DAYS; d++)
			if (sh[i].mask & (1u << d))
				for (h = sh[i].start; h < sh[i].end; h++)
					out[d * 24 + h] += sh[i].staff[d];
}

static void
test_staircase(void)
{
	struct fit_shift sh[FIT_STAFF_MAX_SHIFTS];
	int p[WEEK_HOURS], got[WEEK_HOURS], n, d, h, trial, i, ok = 1;
	unsigned seed = 7;

	/* Monday to Friday 08-16 two persons, 10-12 one more: two shifts. */
	memset(p, 0, sizeof p);
	for (d = 0; d < 5; d++)
		for (h = 8; h < 16; h++)
			p[d * 24 + h] = h >= 10 && h < 12 ? 3 : 2;
	p[5 * 24 + 9] = 1;   /* Saturday 09-10 one */
	n = fit_staff_staircase(p, sh);
	CHECK(n == 3);
	CHECK(sh[0].start == 8 && sh[0].end == 16 && sh[0].mask == 0x1f &&
	    sh[0].staff[0] == 2 && sh[0].staff[4] == 2);
	CHECK(sh[1].start == 9 && sh[1].end == 10 && sh[1].mask == 0x20 &&
	    sh[1].staff[5] == 1);
	CHECK(sh[2].start == 10 && sh[2].end == 12 && sh[2].mask == 0x1f &&
	    sh[2].staff[2] == 1);
	/* Random profiles, a whole day's 0-24 run and 10000 persons among them:
	 * the shifts add up to them exactly, each with someone on each of its days. */
	for (trial = 0; trial < 2000; trial++) {
		for (h = 0; h < WEEK_HOURS; h++) {
			seed = seed * 1103515245u + 12345u;
			p[h] = (int)((seed >> 16) % 13);
		}
		if (trial == 0)
			for (h = 0; h < WEEK_HOURS; h++)
				p[h] = h < 24 ? 10000 : 5;
		n = fit_staff_staircase(p, sh);
		sum_shifts(sh, n, got);
		ok &= memcmp(got, p, sizeof got) == 0 && n <= FIT_STAFF_MAX_SHIFTS;
		for (i = 0; i < n; i++) {
			ok &= sh[i].mask != 0 && sh[i].start < sh[i].end;
			for (d = 0; d < WEEK_DAYS; d++)
				ok &= (sh[i].mask & (1u << d)) ? sh[i].staff[d] > 0 :
				    sh[i].staff[d] == 0;
			ok &= i == 0 || sh[i - 1].start < sh[i].start ||
			    (sh[i - 1].start == sh[i].start && sh[i - 1].end < sh[i].end);
		}
	}
	CHECK(ok);
	/* Nobody: no shift. */
	memset(p, 0, sizeof p);
	CHECK(fit_staff_staircase(p, sh) == 0);
}

int
main(void)
{
	test_sessions();
	test_limit();
	test_staircase();
	CHECK_DONE();
}
