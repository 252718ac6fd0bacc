/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_opt_relax.c — the optimizer's relaxation (src/optimize/opt_relax.c,
 * opt_fluid.c):
 * - a shift's minutes in a window, across midnight and the end of the week,
 *   and its expected available minutes (absence, a break spread over its
 *   window);
 * - the role groups: only the connected unions of the classes' serves sets;
 * - the pool is sound: every roster that keeps the rows kept keeps every row
 *   generated (a row dropped as implied is implied), checked on random
 *   rosters and on rosters at the edge of the kept rows, and the pool is far
 *   smaller; likewise the coverage rows left out;
 * - opt_breaks_necessary finds a roster below a necessary row;
 * - service_by_hour: a factor of 2 in every hour asks for what a service of
 *   twice the mean asks for (sync requirements by Erlang C, the rows).
 */
#include <stdlib.h>

#include "check.h"
#include "optimize/opt_int.h"
#include "scenario/scn.h"

static const char ini[] =
    "[scenario]\nweeks = 2\nreplications = 2\nseed = 3\n"
    "[pattern twice]\nweight = all 00:00-24:00 2\n"
    "[pattern office]\nweight = mon-fri 08:00-18:00 6\nweight = all 00:00-24:00 1\n"
    "[stream s]\nper_week = 900\npattern = office\nclasses = call 0.3, msg 0.5, routine 0.2\n"
    "[class call]\nmode = sync\nservice = exp(8min)\ntarget = 80% <= 10min\n"
    "[class msg]\nmode = async\nservice = exp(5min)\ntarget = 90% <= 8h\n"
    "[class routine]\nmode = async\nservice = exp(4min)\ntarget = 90% <= 24h\n"
    "[role rn]\ncost_per_hour = 50\nserves = call, msg\nabsence = 10%\n"
    "[role ma]\ncost_per_hour = 25\nserves = msg, routine\n"
    "[shift rn_day]\nrole = rn\ndays = mon-fri\nstart = 08:00\nend = 16:00\nmax = 4\n"
    "break = 30min within 12:00-14:00\n"
    "[shift rn_eve]\nrole = rn\ndays = mon-fri\nstart = 14:00\nend = 22:00\nmax = 3\n"
    "[shift rn_night]\nrole = rn\ndays = all\nstart = 22:00\nend = 08:00\nmax = 2\n"
    "on_call = yes\n"
    "[shift rn_wkend]\nrole = rn\ndays = sat-sun\nstart = 08:00\nend = 20:00\nmax = 2\n"
    "[shift ma_day]\nrole = ma\ndays = mon-fri\nstart = 09:00\nend = 17:00\nmax = 4\n"
    "[shift ma_sat]\nrole = ma\ndays = sat\nstart = 09:00\nend = 13:00\nmax = 2\n";

/* Three roles in a chain of classes: a by A, b by B, c by C, ac by A and C. */
static const char ini_groups[] =
    "[scenario]\nweeks = 1\n"
    "[stream s]\nper_week = 100\nclasses = a 0.25, b 0.25, c 0.25, ac 0.25\n"
    "[class a]\nmode = async\nservice = exp(5min)\n"
    "[class b]\nmode = async\nservice = exp(5min)\n"
    "[class c]\nmode = async\nservice = exp(5min)\n"
    "[class ac]\nmode = async\nservice = exp(5min)\n"
    "[role A]\nserves = a, ac\n[role B]\nserves = b\n[role C]\nserves = c, ac\n"
    "[shift sa]\nrole = A\nstart = 00:00\nend = 24:00\n"
    "[shift sb]\nrole = B\nstart = 00:00\nend = 24:00\n"
    "[shift sc]\nrole = C\nstart = 00:00\nend = 24:00\n";

static struct opt_opts opts;

/* What opt_run sets up before the relaxation. */
static int
build(struct opt *x, struct opt_result *r, const struct scn *s, int keep_implied)
{
	struct cq_err err = { 0 };
	int i;

	memset(x, 0, sizeof *x);
	memset(r, 0, sizeof *r);
	x->s = s;
	x->o = &opts;
	x->r = r;
	x->ns = x->nfixed = s->nshifts;
	x->nr = s->nroles;
	x->nc = s->nclasses;
	x->keep_implied = keep_implied;
	x->cost = calloc((size_t)x->ns, sizeof *x->cost);
	x->tiebreak = calloc((size_t)x->ns, sizeof *x->tiebreak);
	x->by_name = calloc((size_t)x->ns, sizeof *x->by_name);
	x->cover = calloc((size_t)x->ns * OPT_SLOTS, sizeof *x->cover);
	x->avail = calloc((size_t)x->ns + 1, sizeof *x->avail);
	x->lam = calloc((size_t)x->nc, sizeof *x->lam);
	x->work = calloc((size_t)x->nc, sizeof *x->work);
	x->work_h = calloc((size_t)x->nc, sizeof *x->work_h);
	x->serve_mask = calloc((size_t)x->nc, sizeof *x->serve_mask);
	for (i = 0; i < x->ns; i++)
		x->by_name[i] = i;
	if (opt_relax_build(x, &err) != 0) {
		fprintf(stderr, "opt_relax_build: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static void
teardown(struct opt *x)
{
	opt_cuts_free(x);
	free(x->cost);
	free(x->tiebreak);
	free(x->by_name);
	free(x->cover);
	free(x->avail);
	free(x->req);
	free(x->load);
	free(x->lam);
	free(x->work);
	free(x->work_h);
	free(x->serve_mask);
}

/* Every necessary row of x holds for staff. */
static int
keeps(const struct opt *x, const int *staff)
{
	int k;

	for (k = 0; k < x->ncuts; k++)
		if (x->cuts[k].necessary && opt_cut_dot_int(&x->cuts[k], staff) <
		    x->cuts[k].b - 1e-9)
			return 0;
	return 1;
}

/* Every coverage row (req) of x holds for staff. */
static int
covers(const struct opt *x, const int *staff)
{
	int g, j, i;

	for (g = 0; g < x->ng; g++)
		for (j = 0; j < OPT_SLOTS; j++) {
			double sum = 0.0;

			if (!(x->req[g * OPT_SLOTS + j] > 0))
				continue;
			for (i = 0; i < x->ns; i++)
				if ((x->group[g] >> x->s->shifts[i].role) & 1u)
					sum += x->cover[i * OPT_SLOTS + j] * staff[i];
			if (sum < x->req[g * OPT_SLOTS + j] - 1e-9)
				return 0;
		}
	return 1;
}

/* Random rosters; those that keep the reduced rows must keep all of them.
 * Rosters near the edge: from a random one, persons are added one at a time
 * until it keeps the reduced rows (so it barely does). */
static void
soundness(const struct opt *kept, const struct opt *all, const struct scn *s)
{
	int staff[16], i, n, trials, in = 0, bad = 0, cin = 0, cbad = 0;
	unsigned seed = 12345;

	for (trials = 0; trials < 20000; trials++) {
		for (i = 0; i < s->nshifts; i++)
			staff[i] = (int)(rand_r(&seed) % (unsigned)(s->shifts[i].max + 1));
		for (n = 0; n < 40 && !keeps(kept, staff); n++) {
			i = (int)(rand_r(&seed) % (unsigned)s->nshifts);
			if (staff[i] < s->shifts[i].max)
				staff[i]++;
		}
		if (keeps(kept, staff)) {
			in++;
			bad += !keeps(all, staff);
		}
		if (covers(kept, staff)) {
			cin++;
			cbad += !covers(all, staff);
		}
	}
	printf("rosters keeping the pool: %d of 20000, %d breaking a dropped row\n", in, bad);
	printf("rosters keeping the coverage rows: %d, %d breaking a dropped one\n", cin, cbad);
	CHECK(in > 1000 && bad == 0);
	CHECK(cin > 100 && cbad == 0);
}

/* The relaxation of ini with its call and msg services as given. */
static char *
ini_with(const char *call, const char *msg)
{
	static char buf[4096];
	const char *a = strstr(ini, "service = exp(8min)"), *b = strstr(ini, "service = exp(5min)");

	snprintf(buf, sizeof buf, "%.*s%s%.*s%s%s", (int)(a - ini), ini, call,
	    (int)(b - a - strlen("service = exp(8min)")), a + strlen("service = exp(8min)"),
	    msg, b + strlen("service = exp(5min)"));
	return buf;
}

/* A pattern of 2 everywhere as service_by_hour is a service twice as long:
 * the same sync requirements and as many rows. */
static void
service_by_hour(void)
{
	struct cq_err err = { 0 };
	struct scn *s1 = scn_load_string("twice", ini_with("service = exp(16min)",
	    "service = exp(10min)"), NULL, 0, &err);
	struct scn *s2 = scn_load_string("by_hour", ini_with("service = exp(8min)\n"
	    "service_by_hour = twice", "service = exp(5min)\nservice_by_hour = twice"),
	    NULL, 0, &err);
	struct opt a, b;
	struct opt_result ra, rb;
	int j, same = 1;

	CHECK(s1 != NULL);
	if (s1 == NULL || s2 == NULL) {
		fprintf(stderr, "%d: %s\n", err.line, err.msg);
		scn_free(s1);
		scn_free(s2);
		CHECK(0);
		return;
	}
	CHECK(build(&a, &ra, s1, 0) == 0 && build(&b, &rb, s2, 0) == 0);
	CHECK(a.ng == b.ng && a.ncuts == b.ncuts);
	for (j = 0; j < a.ng * OPT_SLOTS && a.ng == b.ng; j++)
		same &= a.req[j] == b.req[j];
	CHECK(same);
	printf("service_by_hour 2: %d rows, as a service twice as long: %d\n", b.ncuts,
	    a.ncuts);
	teardown(&a);
	teardown(&b);
	scn_free(s1);
	scn_free(s2);
}

int
main(void)
{
	struct cq_err err = { 0 };
	struct scn *s = scn_load_string("relax", ini, NULL, 0, &err);
	struct scn *sg = scn_load_string("groups", ini_groups, NULL, 0, &err);
	struct opt kept, all, g;
	struct opt_result rk, ra, rg;
	int zero[16] = { 0 }, i;

	CHECK(s != NULL && sg != NULL);
	if (s == NULL || sg == NULL) {
		fprintf(stderr, "%d: %s\n", err.line, err.msg);
		return 1;
	}
	/* rn_night 22:00-08:00 every day: Monday 00:00-06:00 is Sunday's night. */
	CHECK_NEAR(opt_shift_minutes(&s->shifts[2], 0.0, 360.0), 360.0, 1e-9);
	/* The week wraps: [10080, 10080 + 360) is the same. */
	CHECK_NEAR(opt_shift_minutes(&s->shifts[2], 10080.0, 10440.0), 360.0, 1e-9);
	/* rn_day on Monday 12:00-14:00: 120 minutes, less the 30-minute break
	 * spread over its 2-hour window, times 1 - 10% absence. */
	CHECK_NEAR(opt_avail_minutes(&s->shifts[0], 720.0, 840.0), 0.9 * 90.0, 1e-9);
	CHECK_NEAR(opt_shift_minutes(&s->shifts[0], 720.0, 840.0), 120.0, 1e-9);

	/* Groups: {A}, {B}, {C}, {A,C}; {A,B}, {B,C}, {A,B,C} are not connected. */
	CHECK(build(&g, &rg, sg, 0) == 0);
	CHECK(g.ng == 4);
	if (g.ng == 4)
		CHECK(g.group[0] == 1u && g.group[1] == 2u && g.group[2] == 4u &&
		    g.group[3] == 5u);
	teardown(&g);

	CHECK(build(&kept, &rk, s, 0) == 0 && build(&all, &ra, s, 1) == 0);
	printf("necessary rows: %d kept of %d generated (%ld implied, %ld met by the min)\n",
	    kept.ncuts, all.ncuts, kept.rows[OPT_ROW_FLUID].dominated,
	    kept.rows[OPT_ROW_FLUID].at_min);
	CHECK(kept.ncuts > 0 && kept.ncuts * 5 < all.ncuts);
	printf("coverage rows: %ld, %ld left out\n", kept.cover_rows, kept.cover_dropped);
	CHECK(kept.cover_dropped > 0);
	soundness(&kept, &all, s);

	/* Nobody on duty breaks a necessary row; everyone at their max does not. */
	CHECK(opt_breaks_necessary(&kept, zero) >= 0);
	for (i = 0; i < s->nshifts; i++)
		zero[i] = s->shifts[i].max;
	CHECK(opt_breaks_necessary(&kept, zero) < 0);

	teardown(&kept);
	teardown(&all);
	scn_free(s);
	scn_free(sg);
	service_by_hour();
	CHECK_DONE();
}
