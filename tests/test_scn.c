/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_scn.c — loading scenarios: defaults, resolution, overrides, round trip.  The
 * errors a scenario can give are files in tests/bad, each with its message
 * (tests/bad_input.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "scenario/scn.h"
#include "scenario/scn_files.h"

/* A small but complete scenario.  Tests find a line by its text (line_of), so
 * that an edit of the fixture breaks none of them; errors live in tests/bad. */
static const char base[] =
    "[scenario]\n"
    "name = Test clinic\n"
    "start_date = 2027-01-06   ; a Wednesday\n"
    "weeks = 4\n"
    "warmup = 1w\n"
    "\n"
    "[pattern office]\n"
    "weight = mon-fri 08:00-18:00 10\n"
    "weight = all 00:00-24:00 1\n"
    "weight = mon-fri 09:00-17:00 4\n"
    "\n"
    "[stream portal]\n"
    "per_week = 1400\n"
    "pattern = office\n"
    "classes = routine 0.8, urgent 20%\n"
    "\n"
    "[stream bp]\n"
    "kind = reading\n"
    "patients = 100\n"
    "per_patient_per_day = 2\n"
    "value = normal(138,18)\n"
    "alert_above = 180\n"
    "alert_class = alert\n"
    "\n"
    "[class routine]\n"
    "mode = async\n"
    "service = lognormal(4min,3min)\n"
    "acute = beta(1,400)\n"
    "target = 90% <= 48h\n"
    "\n"
    "[class urgent]\n"
    "mode = async\n"
    "service = exp(10min)\n"
    "\n"
    "[class alert]\n"
    "mode = sync\n"
    "service = gamma(12min,5min)\n"
    "target = 0.9<=30min\n"
    "patience = exp(20min)\n"
    "\n"
    "[role rn]\n"
    "cost_per_hour = 52\n"
    "serves = alert, urgent\n"
    "preempt = yes\n"
    "\n"
    "[role ma]\n"
    "cost_per_hour = 24\n"
    "serves = routine\n"
    "\n"
    "[shift day]\n"
    "role = ma\n"
    "days = mon-fri\n"
    "start = 08:00\n"
    "end = 16:00\n"
    "staff = 3\n"
    "skip_holidays = yes\n"
    "\n"
    "[shift night]\n"
    "role = rn\n"
    "start = 22:00\n"
    "end = 06:00\n"
    "\n"
    "[calendar]\n"
    "holidays = 2027-01-18, 2027-01-01\n";

/* Load text with overrides; NULL on error (err filled). */
static struct scn *
load(const char *text, const char *const *ovs, int nov, struct cq_err *err)
{
	struct scn_override ov[8];
	int i;

	memset(err, 0, sizeof *err);
	for (i = 0; i < nov; i++)
		ov[i].text = ovs[i];
	return scn_load_string("test.ini", text, ov, nov, err);
}

/* Load text that must fail; returns the message and sets *line. */
static const char *
load_fail(const char *text, const char *const *ovs, int nov, int *line)
{
	static struct cq_err err;
	struct scn *s = load(text, ovs, nov, &err);

	if (s != NULL) {
		scn_free(s);
		*line = -1;
		return "(loaded without error)";
	}
	*line = err.line;
	CHECK(err.code == CQ_EXIT_USAGE);
	CHECK_STR(err.file, "test.ini");
	return err.msg;
}

/* Append text to base and return a new string (caller frees). */
static char *
with(const char *before, const char *after)
{
	size_t n = strlen(before) + strlen(after) + 1;
	char *s = malloc(n);

	snprintf(s, n, "%s%s", before, after);
	return s;
}

/* The line (from 1) of the first line of text that holds needle, or -1. */
static int
line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle), *p;
	int line = 1;

	if (at == NULL)
		return -1;
	for (p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

/* Sum of a stream's rate over the week, in arrivals per week. */
static double
week_total(const struct scn_stream *st)
{
	double sum = 0;
	int h;

	for (h = 0; h < WEEK_HOURS; h++)
		sum += st->rate[h] * 60.0;
	return sum;
}

/* Defaults of a minimal scenario. */
static void
test_defaults(void)
{
	static const char mini[] =
	    "[stream in]\nrate = 6/h\nclasses = c\n"
	    "[class c]\nmode = async\nservice = const(5)\n"
	    "[role r]\nserves = c\n"
	    "[shift s]\nrole = r\nstart = 09:00\nend = 17:00\n";
	struct cq_err err;
	struct scn *s = scn_load_string("dir/mini.ini", mini, NULL, 0, &err);

	CHECK(s != NULL);
	if (s == NULL) {
		cq_err_print(&err);
		return;
	}
	CHECK_STR(s->name, "mini");
	CHECK(s->start_weekday == 0);
	CHECK(s->start_epoch_day == 20822);   /* 2027-01-04 */
	CHECK_NEAR(s->weeks, 10, 0);
	CHECK_NEAR(s->warmup, 10080, 0);
	CHECK(s->replications == 10);
	CHECK(s->seed == 12345);
	CHECK(s->nholidays == 0);
	CHECK(s->streams[0].kind == SCN_MESSAGE);
	CHECK(s->streams[0].pattern == -1);
	CHECK(s->streams[0].nclasses == 1 && s->streams[0].share[0] == 1.0);
	CHECK_NEAR(s->streams[0].rate[0], 0.1, 1e-15);
	CHECK_NEAR(s->streams[0].per_week, 1008, 1e-9);
	CHECK(s->classes[0].acute.kind == DIST_NONE);
	CHECK(s->classes[0].patience.kind == DIST_NONE);
	CHECK(!s->classes[0].has_target);
	CHECK(s->roles[0].preempt == 0);
	CHECK(s->roles[0].cost_per_hour == 0);
	CHECK(s->shifts[0].days == 0x7f);
	CHECK(s->shifts[0].staff == 1);
	CHECK(s->shifts[0].min == 0);
	CHECK(s->shifts[0].max == 5);
	CHECK(s->shifts[0].skip_holidays == 0);
	CHECK(s->shifts[0].on_call == 0);
	CHECK(!s->esc.enabled && s->esc.to_class == -1);
	CHECK(!s->contact.enabled);
	CHECK(s->contact.reach == 1 && s->contact.max_attempts == 1);
	CHECK(s->contact.retry_after == 30 && s->contact.follow_up_class == -1);
	CHECK(!s->has_safety_target);
	CHECK(s->sweep.nvars == 0);
	CHECK_NEAR(scn_horizon(s), 11 * 10080, 0);
	CHECK_NEAR(scn_shift_hours_per_week(s, 0), 56, 1e-9);
	scn_free(s);
}

/* Names, rates, patterns, shifts and holidays of the base scenario. */
static void
test_resolution(void)
{
	struct cq_err err;
	struct scn *s = load(base, NULL, 0, &err);
	const struct scn_stream *portal, *bp;
	const struct scn_pattern *p;
	double sum = 0;
	int h;

	CHECK(s != NULL);
	if (s == NULL) {
		cq_err_print(&err);
		return;
	}
	CHECK_STR(s->name, "Test clinic");
	CHECK(s->start_weekday == 2);
	CHECK(s->npatterns == 1 && s->nstreams == 2 && s->nclasses == 3);
	CHECK(s->nroles == 2 && s->nshifts == 2);
	CHECK(scn_class_by_name(s, "alert") == 2);
	CHECK(scn_class_by_name(s, "nope") == -1);

	/* Later lines win: Monday 08:00 is 1 (the "all" line overwrote the first),
	 * 09:00 is 4. */
	p = &s->patterns[0];
	CHECK_NEAR(p->weight[8], 1, 0);
	CHECK_NEAR(p->weight[9], 4, 0);
	CHECK_NEAR(p->weight[16], 4, 0);
	CHECK_NEAR(p->weight[17], 1, 0);
	CHECK_NEAR(p->weight[5 * 24 + 10], 1, 0);    /* Saturday */
	for (h = 0; h < WEEK_HOURS; h++)
		sum += p->weight[h];
	CHECK_NEAR(sum, 168 + 5 * 8 * 3, 0);

	portal = &s->streams[0];
	CHECK(portal->pattern == 0);
	CHECK_NEAR(week_total(portal), 1400, 1e-9);
	CHECK_NEAR(portal->rate[9] / portal->rate[0], 4, 1e-12);
	CHECK_NEAR(portal->rate[9], 1400.0 * 4 / sum / 60, 1e-15);
	CHECK(portal->nclasses == 2);
	CHECK(portal->class_idx[0] == 0 && portal->class_idx[1] == 1);
	CHECK_NEAR(portal->share[1], 0.2, 1e-15);
	CHECK(portal->alert_class == -1);

	bp = &s->streams[1];
	CHECK(bp->kind == SCN_READING);
	CHECK_NEAR(bp->per_week, 1400, 1e-9);
	CHECK_NEAR(week_total(bp), 1400, 1e-9);
	CHECK_NEAR(bp->rate[0], bp->rate[100], 1e-15);
	CHECK(bp->alert_class == 2);
	CHECK(bp->value.kind == DIST_NORMAL && bp->value.a == 138);
	CHECK_NEAR(bp->alert_above, 180, 0);

	CHECK(s->classes[2].mode == SCN_SYNC);
	CHECK(s->classes[2].has_target && s->classes[2].target_share == 0.9);
	CHECK_NEAR(s->classes[2].target_within, 30, 0);
	CHECK(s->classes[2].patience.kind == DIST_EXP);
	CHECK_NEAR(s->classes[0].target_within, 2880, 0);

	CHECK(s->roles[0].nserves == 2 && s->roles[0].serves[0] == 2);
	CHECK(s->roles[0].preempt == 1);

	/* Overnight: 22:00 to 06:00 the next day. */
	CHECK(s->shifts[1].start == 1320 && s->shifts[1].end == 1800);
	CHECK_NEAR(scn_shift_hours_per_week(s, 1), 56, 1e-9);
	CHECK(s->shifts[1].cost_per_hour == 52);
	CHECK(s->shifts[0].cost_per_hour == 24);
	CHECK(s->shifts[0].max == 7);   /* max(2 x 3, 3 + 4) */

	/* Holidays sorted, as day indices from start_date (2027-01-06). */
	CHECK(s->nholidays == 2);
	CHECK(s->holidays[0] == -5 && s->holidays[1] == 12);
	/* Span: days 7..34; Monday 2027-01-18 (day 12) is skipped: 40*4 - 8 hours. */
	CHECK_NEAR(scn_shift_hours_per_week(s, 0), (160.0 - 8) / 4, 1e-9);
	scn_free(s);
}

/* --set: replace and add (its errors: tests/bad/override_*.ini). */
static void
test_overrides(void)
{
	static const char *const ok[] = {
		"stream.portal.per_week=2100", "scenario.weeks = 8", "role.ma.preempt=yes",
		"pattern.office.weight=all 00:00-24:00 1", "shift.night.cost_per_hour=70",
		"scenario.seed=18446744073709551615"
	};
	struct cq_err err;
	struct scn *s = load(base, ok, 6, &err);

	CHECK(s != NULL);
	if (s != NULL) {
		CHECK_NEAR(s->streams[0].per_week, 2100, 0);
		CHECK_NEAR(week_total(&s->streams[0]), 2100, 1e-9);
		CHECK_NEAR(s->streams[0].rate[9], s->streams[0].rate[0], 1e-15);
		CHECK_NEAR(s->weeks, 8, 0);
		CHECK(s->roles[1].preempt == 1);
		CHECK(s->shifts[1].cost_per_hour == 70);
		CHECK(s->seed == UINT64_MAX);
		scn_free(s);
	} else
		cq_err_print(&err);
}

/* Escalation, contact, targets and sweep sections (their errors: tests/bad). */
static void
test_sections(void)
{
	static const char more[] =
	    "[escalation]\n"
	    "cost_missed_acute = 5000\n"
	    "cost_sync_contact = 40\n"
	    "to_class = alert\n"
	    "capacity = dynamic\n"
	    "screen_sensitivity = 70%\n"
	    "[contact]\n"
	    "reach = 0.65\n"
	    "attempt = 3min\n"
	    "max_attempts = 3\n"
	    "follow_up_class = urgent\n"
	    "[targets]\n"
	    "safety_miss_rate = 1%\n"
	    "[sweep]\n"
	    "vary = stream.portal.per_week: 1000, 1400, 1800\n"
	    "vary = shift.day.staff: 2..4 step 1\n"
	    "mode = zip\n";
	static const char *const ov[] = { "sweep.vary=scenario.weeks: 1, 2" };
	struct cq_err err;
	char *text = with(base, more);
	struct scn *s = load(text, NULL, 0, &err);

	CHECK(s != NULL);
	if (s != NULL) {
		CHECK(s->esc.enabled && s->esc.to_class == 2);
		CHECK_NEAR(s->esc.threshold, 0.008, 1e-15);
		CHECK(s->esc.capacity == SCN_DYNAMIC);
		CHECK_NEAR(s->esc.screen_sensitivity, 0.7, 1e-15);
		CHECK(s->contact.enabled && s->contact.max_attempts == 3);
		CHECK_NEAR(s->contact.attempt, 3, 0);
		CHECK_NEAR(s->contact.retry_after, 30, 0);
		CHECK(s->contact.follow_up_class == 1);
		CHECK(s->has_safety_target && s->safety_miss_rate == 0.01);
		CHECK(s->sweep.nvars == 2 && s->sweep.zip == 1 && s->sweep.optimize == 0);
		CHECK_STR(s->sweep.vars[0].key, "stream.portal.per_week");
		CHECK(s->sweep.vars[1].nvalues == 3);
		if (s->sweep.vars[1].nvalues == 3)
			CHECK_STR(s->sweep.vars[1].values[2], "4");
		CHECK(s->sweep.vars[1].line == line_of(text, "vary = shift.day.staff"));
		scn_free(s);
	} else
		cq_err_print(&err);

	/* An override of vary replaces all of them. */
	s = load(text, ov, 1, &err);
	CHECK(s != NULL && s->sweep.nvars == 1 && s->sweep.vars[0].nvalues == 2);
	scn_free(s);
	free(text);
}

/* Two scenarios agree on what the engine sees. */
static void
check_same(const struct scn *a, const struct scn *b)
{
	int i, j, h;

	CHECK_STR(a->name, b->name);
	CHECK(a->start_epoch_day == b->start_epoch_day);
	CHECK_NEAR(a->weeks, b->weeks, 0);
	CHECK_NEAR(a->warmup, b->warmup, 0);
	CHECK(a->replications == b->replications && a->seed == b->seed);
	CHECK(a->nholidays == b->nholidays);
	for (i = 0; i < a->nholidays && i < b->nholidays; i++)
		CHECK(a->holidays[i] == b->holidays[i]);
	CHECK(a->nstreams == b->nstreams && a->nclasses == b->nclasses);
	CHECK(a->nroles == b->nroles && a->nshifts == b->nshifts);
	CHECK(a->npatterns == b->npatterns);
	if (a->nstreams != b->nstreams || a->nclasses != b->nclasses ||
	    a->nroles != b->nroles || a->nshifts != b->nshifts)
		return;
	for (i = 0; i < a->nstreams; i++) {
		CHECK(a->streams[i].kind == b->streams[i].kind);
		CHECK_NEAR(a->streams[i].per_week, b->streams[i].per_week, 1e-9);
		for (h = 0; h < WEEK_HOURS; h++)
			CHECK_NEAR(a->streams[i].rate[h], b->streams[i].rate[h], 1e-12);
		CHECK(a->streams[i].nclasses == b->streams[i].nclasses);
		for (j = 0; j < a->streams[i].nclasses; j++) {
			CHECK(a->streams[i].class_idx[j] == b->streams[i].class_idx[j]);
			CHECK_NEAR(a->streams[i].share[j], b->streams[i].share[j], 1e-15);
		}
		CHECK(a->streams[i].alert_class == b->streams[i].alert_class);
	}
	for (i = 0; i < a->nclasses; i++) {
		const struct scn_class *x = &a->classes[i], *y = &b->classes[i];

		CHECK_STR(x->name, y->name);
		CHECK(x->mode == y->mode);
		CHECK(x->service.kind == y->service.kind);
		CHECK_NEAR(x->service.a, y->service.a, 1e-12);
		CHECK_NEAR(x->service.b, y->service.b, 1e-12);
		CHECK(x->acute.kind == y->acute.kind && x->patience.kind == y->patience.kind);
		CHECK(x->has_target == y->has_target);
		CHECK_NEAR(x->target_share, y->target_share, 1e-15);
		CHECK_NEAR(x->target_within, y->target_within, 1e-12);
		CHECK_NEAR(x->safe_window, y->safe_window, 1e-12);
	}
	for (i = 0; i < a->nroles; i++) {
		CHECK(a->roles[i].nserves == b->roles[i].nserves);
		CHECK(a->roles[i].preempt == b->roles[i].preempt);
		CHECK(a->roles[i].cost_per_hour == b->roles[i].cost_per_hour);
	}
	for (i = 0; i < a->nshifts; i++) {
		const struct scn_shift *x = &a->shifts[i], *y = &b->shifts[i];

		CHECK(x->role == y->role && x->days == y->days);
		CHECK(x->start == y->start && x->end == y->end);
		CHECK(x->staff == y->staff && x->min == y->min && x->max == y->max);
		CHECK(x->skip_holidays == y->skip_holidays && x->on_call == y->on_call);
		CHECK(x->cost_per_hour == y->cost_per_hour);
	}
	CHECK(a->esc.enabled == b->esc.enabled && a->esc.to_class == b->esc.to_class);
	CHECK_NEAR(a->esc.threshold, b->esc.threshold, 1e-15);
	CHECK(a->esc.capacity == b->esc.capacity);
	CHECK(a->contact.enabled == b->contact.enabled);
	CHECK_NEAR(a->contact.reach, b->contact.reach, 1e-15);
	CHECK(a->contact.follow_up_class == b->contact.follow_up_class);
	CHECK(a->has_safety_target == b->has_safety_target);
	CHECK_NEAR(a->safety_miss_rate, b->safety_miss_rate, 1e-15);
	CHECK(a->sweep.nvars == b->sweep.nvars && a->sweep.zip == b->sweep.zip);
	for (i = 0; i < a->sweep.nvars && i < b->sweep.nvars; i++) {
		CHECK_STR(a->sweep.vars[i].key, b->sweep.vars[i].key);
		CHECK(a->sweep.vars[i].nvalues == b->sweep.vars[i].nvalues);
	}
}

/* scn_print writes a scenario that loads to the same thing. */
static void
test_round_trip(void)
{
	static const char more[] =
	    "[escalation]\ncost_missed_acute = 5000\ncost_sync_contact = 40\n"
	    "to_class = alert\n[contact]\nreach = 65%\nfollow_up_class = urgent\n"
	    "[targets]\nsafety_miss_rate = 0.5%\n"
	    "[sweep]\nvary = escalation.cost_missed_acute: 2000..5000 step 1000\n";
	struct cq_err err;
	char *text = with(base, more), *out = NULL, *out2 = NULL;
	size_t n = 0, n2 = 0;
	struct scn *a = load(text, NULL, 0, &err), *b = NULL;
	FILE *f;

	CHECK(a != NULL);
	if (a == NULL) {
		cq_err_print(&err);
		free(text);
		return;
	}
	f = open_memstream(&out, &n);
	scn_print(a, f);
	fclose(f);
	b = scn_load_string("test.ini", out, NULL, 0, &err);
	CHECK(b != NULL);
	if (b == NULL) {
		cq_err_print(&err);
		fprintf(stderr, "%s", out);
	} else {
		check_same(a, b);
		/* And printing again gives the same text. */
		f = open_memstream(&out2, &n2);
		scn_print(b, f);
		fclose(f);
		CHECK_STR(out2, out);
	}
	scn_free(a);
	scn_free(b);
	free(out);
	free(out2);
	free(text);
}

/* Text-level limits and oddities: those no file in tests/bad can hold (more
 * than 100000 lines, 4 MiB) and what must be accepted. */
static void
test_text(void)
{
	const char *msg;
	char *big;
	struct cq_err err;
	struct scn *s;
	char *text;
	int line, i;

	/* A UTF-8 BOM and CRLF line ends are fine. */
	text = with("\xEF\xBB\xBF[scenario]\r\nseed = 7\r\n", base + strlen("[scenario]\n"));
	s = load(text, NULL, 0, &err);
	CHECK(s != NULL && s->seed == 7 && s->weeks == 4);
	scn_free(s);
	free(text);

	/* A continuation line extends a value. */
	text = with(base, "[role extra]\nserves = routine,\n    urgent\n");
	s = load(text, NULL, 0, &err);
	CHECK(s != NULL && s->roles[2].nserves == 2);
	scn_free(s);
	free(text);

	/* Too many lines. */
	big = malloc(100002 * 2 + 1);
	for (i = 0; i < 100002; i++) {
		big[2 * i] = ';';
		big[2 * i + 1] = '\n';
	}
	big[2 * 100002] = '\0';
	msg = load_fail(big, NULL, 0, &line);
	CHECK(line == 100001);
	CHECK_HAS(msg, "100000 lines");
	free(big);

	/* Larger than 4 MiB. */
	big = malloc((5u << 20) + 1);
	memset(big, '\n', 5u << 20);
	big[5u << 20] = '\0';
	msg = load_fail(big, NULL, 0, &line);
	CHECK_HAS(msg, "larger than 4 MiB");
	free(big);

	/* A missing file is a usage error (the command line names it). */
	s = scn_load("/nonexistent/x.ini", NULL, 0, &err);
	CHECK(s == NULL && err.code == CQ_EXIT_USAGE);
	CHECK_HAS(err.msg, "No such file");
}

/* Staff by weekday: staff, min and max by day, their defaults, what they
 * print as, and person-hours (the errors: tests/bad/shift_*day*.ini). */
static void
test_by_day(void)
{
	static const char *const ov[] = { "shift.day.staff=mon 4, tue-thu 3, fri 2",
	    "shift.day.by_day=yes" };
	static const char *const lists[] = { "shift.day.staff=mon,wed 4 tue thu-fri 3" };
	static const char *const uni[] = { "shift.day.staff=mon 4, tue-fri 3",
	    "shift.day.staff=3" };
	static const char *const bounds[] = { "shift.day.min=mon 2, tue-fri 1",
	    "shift.day.max=mon-wed 6, thu-fri 5" };
	struct cq_err err;
	char *out = NULL;
	size_t len;
	FILE *f;
	struct scn *s = load(base, ov, 2, &err);
	int d;

	CHECK(s != NULL);
	if (s == NULL) {
		cq_err_print(&err);
		return;
	}
	{
		const struct scn_shift *sh = &s->shifts[0];
		static const int want[7] = { 4, 3, 3, 3, 2, 0, 0 }, wmax[7] = { 8, 7, 7, 7, 6, 0, 0 };

		for (d = 0; d < 7; d++) {
			CHECK(sh->day_staff[d] == want[d]);
			CHECK(sh->day_max[d] == wmax[d]);
			CHECK(scn_shift_staff_on(s, NULL, 0, d) == want[d]);
		}
		CHECK(sh->staff == 4 && sh->max == 6 && sh->min == 0);
		CHECK(sh->per_day == (SCN_PER_DAY_STAFF | SCN_PER_DAY_MAX));
		CHECK(sh->by_day == 1);
		CHECK(!scn_roster_uniform(s));
		/* Measured: Wed 2027-01-13 for 4 weeks, a Monday holiday (skipped):
		 * Mon 3 runs x 4, Tue-Thu 4 x 3 each, Fri 4 x 2, of 8 h, a week. */
		CHECK_NEAR(scn_shift_person_hours_per_week(s, 0, NULL),
		    (3 * 4 + 4 * 9 + 4 * 2) * 8.0 / 4, 1e-9);
		CHECK_NEAR(scn_shift_person_hours_per_week(s, 0, (const int[]){ 2, 1 }),
		    2 * scn_shift_hours_per_week(s, 0), 1e-9);
	}
	f = open_memstream(&out, &len);
	scn_print(s, f);
	fclose(f);
	CHECK_HAS(out, "\nstaff = mon 4, tue-thu 3, fri 2\n");
	CHECK_HAS(out, "\nmax = mon 8, tue-thu 7, fri 6\n");
	CHECK_HAS(out, "\nby_day = yes\n");
	free(out);
	scn_free(s);

	/* A day list shares the next number; items need no commas. */
	s = load(base, lists, 1, &err);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK(s->shifts[0].day_staff[0] == 4 && s->shifts[0].day_staff[2] == 4);
		CHECK(s->shifts[0].day_staff[1] == 3 && s->shifts[0].day_staff[4] == 3);
		scn_free(s);
	}
	/* The later --set makes it one number again. */
	s = load(base, uni, 2, &err);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK(s->shifts[0].per_day == 0 && s->shifts[0].staff == 3);
		for (d = 0; d < 7; d++)
			CHECK(s->shifts[0].day_staff[d] == 3);
		CHECK(scn_roster_uniform(s));
		scn_free(s);
	}
	/* Bounds by day: one number for all days lies within the largest min
	 * and the smallest max. */
	s = load(base, bounds, 2, &err);
	CHECK(s != NULL);
	if (s != NULL) {
		CHECK(s->shifts[0].min == 2 && s->shifts[0].max == 5 && s->shifts[0].staff == 3);
		CHECK(s->shifts[0].day_min[0] == 2 && s->shifts[0].day_min[1] == 1);
		CHECK(s->shifts[0].day_max[2] == 6 && s->shifts[0].day_max[3] == 5);
		CHECK(s->shifts[0].per_day == (SCN_PER_DAY_MIN | SCN_PER_DAY_MAX));
		scn_free(s);
	}
}

/* optimize's copy splits a by_day shift into one shift per day, and a by_day
 * template into one template per day; scn_rshift_at joins them again. */
static void
test_design_by_day(void)
{
	static const char *const ov[] = { "shift.day.staff=mon 4, tue-thu 3, fri 2",
	    "shift.day.by_day=yes" };
	char *text = with(base, "[shift_template flex]\nrole = rn\ndays = sat-sun\n"
	    "start = 08:00, 09:00\nlength = 4h\nmax = 2\nby_day = yes\n");
	struct cq_err err;
	struct scn *s = load(text, ov, 2, &err), *d;
	struct scn_rshift r;
	int staff[32] = { 0 }, k;

	CHECK(s != NULL);
	if (s == NULL) {
		cq_err_print(&err);
		free(text);
		return;
	}
	CHECK(scn_design_needed(s));
	d = scn_design(s, &err);
	CHECK(d != NULL);
	if (d == NULL) {
		scn_free(s);
		free(text);
		return;
	}
	/* day[mon] .. day[fri], night, then flex@08:00+4h[sat], [sun], @09:00 ... */
	CHECK(d->nshifts == 5 + 1 + 2 * 2);
	CHECK(d->ntemplates == 2);
	CHECK_STR(d->shifts[0].name, "day[mon]");
	CHECK_STR(d->shifts[4].name, "day[fri]");
	CHECK(d->shifts[4].days == 0x10 && d->shifts[4].staff == 2 && d->shifts[4].max == 6);
	CHECK(d->shifts[1].part == 2 && d->shifts[1].part_first == 0);
	CHECK_STR(d->shifts[5].name, "night");
	CHECK_STR(d->shifts[6].name, "flex@08:00+4h[sat]");
	CHECK_STR(d->shifts[7].name, "flex@08:00+4h[sun]");
	CHECK(d->shifts[7].tmpl == 2 && d->shifts[7].part_first == 6);
	CHECK_STR(d->templates[1].name, "flex[sun]");
	CHECK(d->templates[1].days == 0x40 && d->templates[1].max == 2);
	/* The copy's roster as written is the scenario's. */
	CHECK_NEAR(scn_shift_person_hours_per_week(d, 0, NULL) +
	    scn_shift_person_hours_per_week(d, 1, NULL) +
	    scn_shift_person_hours_per_week(d, 2, NULL) +
	    scn_shift_person_hours_per_week(d, 3, NULL) +
	    scn_shift_person_hours_per_week(d, 4, NULL),
	    scn_shift_person_hours_per_week(s, 0, NULL), 1e-9);
	CHECK(scn_rshift_at(d, NULL, 0, &r) == 1);
	CHECK_STR(r.name, "day");
	CHECK(r.n == 5 && r.days == 0x1f && r.staff[0] == 4 && r.staff[4] == 2);
	CHECK(scn_rshift_at(d, NULL, 1, &r) == 0);
	for (k = 0; k < d->nshifts; k++)
		staff[k] = d->shifts[k].staff;
	staff[7] = 1;
	CHECK(scn_rshift_at(d, staff, 6, &r) == 1);
	CHECK_STR(r.name, "flex@08:00+4h");
	CHECK_STR(r.tmpl_name, "flex");
	CHECK(r.n == 2 && r.staffed && r.staff[5] == 0 && r.staff[6] == 1);
	scn_free(d);
	scn_free(s);
	free(text);
}

/* Run every test; exit 1 if any check failed. */
/* Line limits count characters: a title of 127 two-byte characters (254 bytes,
 * past inih's 200-byte buffer) reads whole, as do a value continued over a
 * long line and a long comment; a line of 200 characters is refused. */
static void
test_utf8_lines(void)
{
	char text[4096], name[4 * SCN_MAX_TITLE + 1], list[1024];
	struct cq_err err;
	struct scn *s;
	int i;

	for (i = 0; i < SCN_MAX_TITLE; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);
	name[2 * SCN_MAX_TITLE] = '\0';
	for (list[0] = '\0', i = 1; i <= 14; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s2027-02-%02d",
		    i > 1 ? ", " : "", i);
	snprintf(text, sizeof text, "[scenario]\nname = %s\n"
	    "[calendar]\nholidays = 2027-01-05,\n  %s  ; %s\n"
	    "[stream in]\nrate = 6/h\nclasses = c\n"
	    "[class c]\nmode = async\nservice = const(5)\n"
	    "[role r]\nserves = c\n"
	    "[shift s]\nrole = r\nstart = 09:00\nend = 17:00\n", name, list, name + 200);
	s = scn_load_string("utf.ini", text, NULL, 0, &err);
	CHECK(s != NULL);
	if (s == NULL) {
		cq_err_print(&err);
		return;
	}
	CHECK_STR(s->name, name);
	CHECK(s->nholidays == 15);
	scn_free(s);
	/* A key with no value on its line and a long comment: the value comes
	 * from the next line. */
	snprintf(text, sizeof text, "[calendar]\nholidays = ; %s\n  2027-01-05\n"
	    "[stream in]\nrate = 6/h\nclasses = c\n"
	    "[class c]\nmode = async\nservice = const(5)\n"
	    "[role r]\nserves = c\n[shift s]\nrole = r\nstart = 09:00\nend = 17:00\n",
	    name + 100);
	s = scn_load_string("utf.ini", text, NULL, 0, &err);
	CHECK(s != NULL && s->nholidays == 1);
	scn_free(s);
	/* 200 characters on one line: its line is named. */
	snprintf(text, sizeof text, "[scenario]\nname = %s%s\n", name,
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	CHECK(scn_load_string("utf.ini", text, NULL, 0, &err) == NULL);
	CHECK(err.line == 2);
	CHECK_HAS(err.msg, "longer than 199 characters");
	/* 128 characters of title (within a line): too long a title. */
	snprintf(text, sizeof text, "[scenario]\nname = %sx\n", name);
	CHECK(scn_load_string("utf.ini", text, NULL, 0, &err) == NULL);
	CHECK_HAS(err.msg, "longer than 127 characters");
}

/* Write text to path (a test's scratch file). */
static void
put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/* A command's store of data files: the second load given it parses neither
 * the trace nor the empirical file again, so it still sees their first text
 * when both were rewritten in between; without the store it reads the new. */
static void
test_files_once(void)
{
	char dir[] = "/tmp/clinicq-files-XXXXXX", ini[64], log[64], emp[64], text[1024];
	struct scn_files *files = scn_files_new();
	struct cq_err err;
	struct scn *a, *b, *c;

	CHECK(files != NULL && mkdtemp(dir) != NULL);
	snprintf(ini, sizeof ini, "%s/s.ini", dir);
	snprintf(log, sizeof log, "%s/log.csv", dir);
	snprintf(emp, sizeof emp, "%s/emp.csv", dir);
	snprintf(text, sizeof text, "[scenario]\nstart_date = 2027-01-04\nweeks = 1\n"
	    "warmup = 0\n[stream in]\ntrace = log.csv\nclasses = c\n"
	    "[class c]\nmode = async\nservice = empirical(emp.csv)\n"
	    "[role r]\nserves = c\n[shift s]\nrole = r\nstart = 09:00\nend = 17:00\n");
	put_file(log, "arrived_at\n2027-01-04 09:00\n2027-01-05 10:00\n");
	put_file(emp, "minutes\n2\n4\n");
	a = scn_load_files(ini, text, strlen(text), NULL, 0, files, &err);
	put_file(log, "arrived_at\n2027-01-04 09:00\n");
	put_file(emp, "minutes\n10\n20\n");
	b = scn_load_files(ini, text, strlen(text), NULL, 0, files, &err);
	c = scn_load_files(ini, text, strlen(text), NULL, 0, NULL, &err);
	CHECK(a != NULL && b != NULL && c != NULL);
	if (a != NULL && b != NULL && c != NULL) {
		CHECK(a->streams[0].trace->nrows == 2 && b->streams[0].trace->nrows == 2);
		CHECK(c->streams[0].trace->nrows == 1);
		CHECK_NEAR(dist_mean(&a->classes[0].service), 3, 1e-12);
		CHECK_NEAR(dist_mean(&b->classes[0].service), 3, 1e-12);
		CHECK_NEAR(dist_mean(&c->classes[0].service), 15, 1e-12);
		/* b owns its copies: freeing the store and a leaves them whole. */
		scn_free(a);
		a = NULL;
		scn_files_free(files);
		files = NULL;
		CHECK(b->streams[0].trace->rows[1].t > 0);
		CHECK_NEAR(b->classes[0].service.emp->x[1], 4, 0);
	}
	scn_free(a);
	scn_free(b);
	scn_free(c);
	scn_files_free(files);
	remove(log);
	remove(emp);
	rmdir(dir);
}

int
main(void)
{
	test_defaults();
	test_resolution();
	test_overrides();
	test_sections();
	test_round_trip();
	test_text();
	test_by_day();
	test_design_by_day();
	test_utf8_lines();
	test_files_once();
	CHECK_DONE();
}
