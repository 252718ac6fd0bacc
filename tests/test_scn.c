/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_scn.c — loading scenarios: defaults, resolution, overrides, errors, round trip. */
#include <stdlib.h>

#include "check.h"
#include "scenario/scn.h"

/* A small but complete scenario; line numbers matter to the tests below. */
static const char base[] =
    "[scenario]\n"                                   /* 1 */
    "name = Test clinic\n"                           /* 2 */
    "start_date = 2027-01-06   ; a Wednesday\n"      /* 3 */
    "weeks = 4\n"                                    /* 4 */
    "warmup = 1w\n"                                  /* 5 */
    "\n"                                             /* 6 */
    "[pattern office]\n"                             /* 7 */
    "weight = mon-fri 08:00-18:00 10\n"              /* 8 */
    "weight = all 00:00-24:00 1\n"                   /* 9 */
    "weight = mon-fri 09:00-17:00 4\n"               /* 10 */
    "\n"                                             /* 11 */
    "[stream portal]\n"                              /* 12 */
    "per_week = 1400\n"                              /* 13 */
    "pattern = office\n"                             /* 14 */
    "classes = routine 0.8, urgent 20%\n"            /* 15 */
    "\n"                                             /* 16 */
    "[stream bp]\n"                                  /* 17 */
    "kind = reading\n"                               /* 18 */
    "patients = 100\n"                               /* 19 */
    "per_patient_per_day = 2\n"                      /* 20 */
    "value = normal(138,18)\n"                       /* 21 */
    "alert_above = 180\n"                            /* 22 */
    "alert_class = alert\n"                          /* 23 */
    "\n"                                             /* 24 */
    "[class routine]\n"                              /* 25 */
    "mode = async\n"                                 /* 26 */
    "service = lognormal(4min,3min)\n"               /* 27 */
    "acute = beta(1,400)\n"                          /* 28 */
    "target = 90% <= 48h\n"                          /* 29 */
    "\n"                                             /* 30 */
    "[class urgent]\n"                               /* 31 */
    "mode = async\n"                                 /* 32 */
    "service = exp(10min)\n"                         /* 33 */
    "\n"                                             /* 34 */
    "[class alert]\n"                                /* 35 */
    "mode = sync\n"                                  /* 36 */
    "service = gamma(12min,5min)\n"                  /* 37 */
    "target = 0.9<=30min\n"                          /* 38 */
    "patience = exp(20min)\n"                        /* 39 */
    "\n"                                             /* 40 */
    "[role rn]\n"                                    /* 41 */
    "cost_per_hour = 52\n"                           /* 42 */
    "serves = alert, urgent\n"                       /* 43 */
    "preempt = yes\n"                                /* 44 */
    "\n"                                             /* 45 */
    "[role ma]\n"                                    /* 46 */
    "cost_per_hour = 24\n"                           /* 47 */
    "serves = routine\n"                             /* 48 */
    "\n"                                             /* 49 */
    "[shift day]\n"                                  /* 50 */
    "role = ma\n"                                    /* 51 */
    "days = mon-fri\n"                               /* 52 */
    "start = 08:00\n"                                /* 53 */
    "end = 16:00\n"                                  /* 54 */
    "staff = 3\n"                                    /* 55 */
    "skip_holidays = yes\n"                          /* 56 */
    "\n"                                             /* 57 */
    "[shift night]\n"                                /* 58 */
    "role = rn\n"                                    /* 59 */
    "start = 22:00\n"                                /* 60 */
    "end = 06:00\n"                                  /* 61 */
    "\n"                                             /* 62 */
    "[calendar]\n"                                   /* 63 */
    "holidays = 2027-01-18, 2027-01-01\n";           /* 64 */

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

/* Sum of a stream's rate over the week, in arrivals per week. */
static double
week_total(const struct scn_stream *st)
{
	double sum = 0;
	int h;

	for (h = 0; h < SCN_HOW; h++)
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

	/* Later lines win: Monday 08:00 is 1 (line 9 overwrote line 8), 09:00 is 4. */
	p = &s->patterns[0];
	CHECK_NEAR(p->weight[8], 1, 0);
	CHECK_NEAR(p->weight[9], 4, 0);
	CHECK_NEAR(p->weight[16], 4, 0);
	CHECK_NEAR(p->weight[17], 1, 0);
	CHECK_NEAR(p->weight[5 * 24 + 10], 1, 0);    /* Saturday */
	for (h = 0; h < SCN_HOW; h++)
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

/* --set: replace, add, errors. */
static void
test_overrides(void)
{
	static const char *const ok[] = {
		"stream.portal.per_week=2100", "scenario.weeks = 8", "role.ma.preempt=yes",
		"pattern.office.weight=all 00:00-24:00 1", "shift.night.cost_per_hour=70",
		"scenario.seed=18446744073709551615"
	};
	const char *ov[1];
	struct cq_err err;
	struct scn *s = load(base, ok, 6, &err);
	const char *msg;
	int line;

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

	ov[0] = "stream.portl.per_week=1";
	msg = load_fail(base, ov, 1, &line);
	CHECK(line == 0);
	CHECK_STR(msg, "--set stream.portl.per_week=1: there is no section [stream portl]; "
	    "did you mean [stream portal]?");
	ov[0] = "stream.portal.per_week=abc";
	msg = load_fail(base, ov, 1, &line);
	CHECK(line == 0);
	CHECK_HAS(msg, "--set stream.portal.per_week=abc: ");
	CHECK_HAS(msg, "expected a number");
	ov[0] = "stream.portal.rat=5/h";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "unknown key 'rat' in [stream portal]; did you mean 'rate'?");
	ov[0] = "stream.portal.rate=5/h";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "--set stream.portal.rate=5/h: [stream portal] has both per_week and rate");
	ov[0] = "strem.portal.per_week=1";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "did you mean 'stream'?");
	ov[0] = "per_week=1";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "expected SECTION.KEY");
	ov[0] = "stream.portal.per_week";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "expected SECTION.KEY=VALUE");
	ov[0] = "stream.portal.per_week=";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "no value");
	ov[0] = "escalation.capacity=dynamic";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "there is no section [escalation]");
	/* A key never in the file is checked like one that is. */
	ov[0] = "class.urgent.patience=exp(5min)";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "--set class.urgent.patience=exp(5min): 'patience' in [class urgent] "
	    "applies to sync classes only");
	ov[0] = "calendar.holidays=2027-02-30";
	msg = load_fail(base, ov, 1, &line);
	CHECK_HAS(msg, "no such day");
}

/* One error, at the right line, with the right words. */
struct bad_case {
	const char *append;       /* appended to base, or a whole text when full */
	int full;
	int line;
	const char *msg;
};

/* Errors and their lines. */
static void
test_errors(void)
{
	static const struct bad_case cases[] = {
		{ "rat = 5\n", 0, 65, "unknown key 'rat' in [calendar]" },
		{ "[strem x]\n", 0, 65, "unknown section type [strem x]; did you mean [stream x]?" },
		{ "[class routine]\nmode = async\n", 0, 65,
		  "duplicate section [class routine] (first at line 25)" },
		{ "[scenario]\nweeks = 4\nweeks = 5\n", 1, 3,
		  "duplicate key 'weeks' in [scenario] (first at line 2)" },
		{ "[stream portal]\nrat = 5/h\n", 1, 2,
		  "unknown key 'rat' in [stream portal]; did you mean 'rate'?" },
		{ "weeks = 4\n", 1, 1, "before any section" },
		{ "[scenario]\nweeks\n", 1, 2, "expected 'key = value'" },
		{ "[scenario\n", 1, 1, "without a closing ']'" },
		{ "[stream]\n", 1, 1, "[stream] needs a name" },
		{ "[scenario x]\n", 1, 1, "[scenario] takes no name" },
		{ "[class a.b]\n", 1, 1, "bad name 'a.b'" },
		{ "[scenario]\nweeks = 0\n", 1, 2, "must be positive" },
		{ "[scenario]\nweeks = 600\n", 1, 2, "above the limit of 520 weeks" },
		{ "[scenario]\nreplications = 0\n", 1, 2, "'replications' in [scenario]" },
		{ "[scenario]\nstart_date = 2027-02-29\n", 1, 2, "no such day" },
		{ "[scenario]\nwarmup = 15 parsecs\n", 1, 2, "unknown time unit" },
		{ "[scenario]\nseed = -1\n", 1, 2, "unsigned whole number" },
		{ "[scenario]\nname = x\n    weeks = 4\n", 1, 3, "is indented, so it continues 'name'" },
	};
	const char *msg;
	char *text;
	size_t i;
	int line;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		text = cases[i].full ? with(cases[i].append, "") : with(base, cases[i].append);
		msg = load_fail(text, NULL, 0, &line);
		if (line != cases[i].line)
			fprintf(stderr, "case %zu: line %d, want %d (%s)\n", i, line,
			    cases[i].line, msg);
		CHECK(line == cases[i].line);
		CHECK_HAS(msg, cases[i].msg);
		free(text);
	}
}

/* Errors found while interpreting, in the base scenario with one line changed. */
static void
test_value_errors(void)
{
	static const struct {
		const char *from, *to;
		int line;
		const char *msg;
	} cases[] = {
		{ "per_week = 1400\n", "per_week = -5\n", 13, "cannot be negative" },
		{ "routine 0.8, urgent 20%", "routine 0.77, urgent 20%", 15,
		  "shares in [stream portal] 'classes' sum to 0.97, not 1" },
		{ "serves = alert, urgent\n", "serves = alrt, urgent\n", 43,
		  "[role rn] serves unknown class 'alrt'; did you mean 'alert'?" },
		{ "serves = routine\n", "serves = urgent\n", 25,
		  "[class routine] is served by no role; add it to some role's 'serves'" },
		{ "pattern = office\n", "pattern = ofice\n", 14,
		  "unknown pattern 'ofice'; did you mean 'office'?" },
		{ "08:00-18:00 10", "18:00-08:00 10", 8, "end before start" },
		{ "08:00-18:00 10", "08:30-18:00 10", 8, "per whole hour" },
		{ "08:00-18:00 10", "08:00-18:00 -1", 8, "weight cannot be negative" },
		{ "acute = beta(1,400)", "acute = normal(1,2)", 28, "probability distribution" },
		{ "acute = beta(1,400)", "acute = const(1.5)", 28, "probability distribution" },
		{ "alert_class = alert", "alert_class = routine", 23, "a reading alert needs a sync class" },
		{ "alert_class = alert\n", "\n", 17, "a reading stream without an alert class" },
		{ "patients = 100", "per_week = 100", 19, "'per_week' is a key of message streams" },
		{ "mode = async\nservice = exp(10min)", "mode = async\nservice = exp(0)", 33, "positive" },
		{ "mode = async\nservice = exp(10min)", "mode = asink\nservice = exp(10min)", 32,
		  "expected async or sync" },
		{ "service = exp(10min)", "service = beta(1,2)", 33, "not of times" },
		{ "target = 90% <= 48h", "target = 0% <= 48h", 29, "above 0%" },
		{ "end = 06:00", "end = 22:00", 61, "ends when it starts" },
		{ "role = rn\nstart", "role = nr\nstart", 59, "unknown role 'nr'; did you mean 'rn'?" },
		{ "staff = 3\n", "staff = 3\nmin = 9\nmax = 4\n", 56, "'min' (9) is above 'max' (4)" },
		{ "staff = 3\n", "staff = 20000\n", 55, "above the limit of 10000" },
		{ "end = 16:00", "end = 25:00", 54, "HH:MM" },
		{ "days = mon-fri", "days = mon-", 52, "two days" },
		{ "per_week = 1400\n", "", 12, "needs per_week" },
		{ "pattern = office\n", "rate = 5/h\npattern = office\n", 14, "both per_week and rate" },
		{ "per_week = 1400\n", "rate = 5/h\n", 13, "takes no pattern" },
		{ "holidays = 2027-01-18", "holidays = 2027-01-32", 64, "bad date" },
	};
	const char *msg, *at;
	char *text;
	size_t i, n;
	int line;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		at = strstr(base, cases[i].from);
		CHECK(at != NULL);
		if (at == NULL)
			continue;
		n = strlen(base) + strlen(cases[i].to) + 1;
		text = malloc(n);
		snprintf(text, n, "%.*s%s%s", (int)(at - base), base, cases[i].to,
		    at + strlen(cases[i].from));
		msg = load_fail(text, NULL, 0, &line);
		if (line != cases[i].line || strstr(msg, cases[i].msg) == NULL)
			fprintf(stderr, "value case %zu: line %d, want %d: %s\n", i, line,
			    cases[i].line, msg);
		CHECK(line == cases[i].line);
		CHECK_HAS(msg, cases[i].msg);
		free(text);
	}
}

/* Escalation, contact, targets and sweep sections. */
static void
test_sections(void)
{
	static const char more[] =
	    "[escalation]\n"                          /* 65 */
	    "cost_missed_acute = 5000\n"              /* 66 */
	    "cost_sync_contact = 40\n"                /* 67 */
	    "to_class = alert\n"                      /* 68 */
	    "capacity = dynamic\n"                    /* 69 */
	    "screen_sensitivity = 70%\n"              /* 70 */
	    "[contact]\n"                             /* 71 */
	    "reach = 0.65\n"                          /* 72 */
	    "attempt = 3min\n"                        /* 73 */
	    "max_attempts = 3\n"                      /* 74 */
	    "follow_up_class = urgent\n"              /* 75 */
	    "[targets]\n"                             /* 76 */
	    "safety_miss_rate = 1%\n"                 /* 77 */
	    "[sweep]\n"                               /* 78 */
	    "vary = stream.portal.per_week: 1000, 1400, 1800\n"  /* 79 */
	    "vary = shift.day.staff: 2..4 step 1\n"   /* 80 */
	    "mode = zip\n";                           /* 81 */
	static const char *const ov[] = { "sweep.vary=scenario.weeks: 1, 2" };
	struct cq_err err;
	char *text = with(base, more), *bad;
	struct scn *s = load(text, NULL, 0, &err);
	const char *msg;
	int line;

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
		CHECK(s->sweep.vars[1].line == 80);
		scn_free(s);
	} else
		cq_err_print(&err);

	/* An override of vary replaces all of them. */
	s = load(text, ov, 1, &err);
	CHECK(s != NULL && s->sweep.nvars == 1 && s->sweep.vars[0].nvalues == 2);
	scn_free(s);
	free(text);

	bad = with(base, "[escalation]\ncost_missed_acute = 40\ncost_sync_contact = 50\n"
	    "to_class = alert\n");
	msg = load_fail(bad, NULL, 0, &line);
	CHECK(line == 67);
	CHECK_HAS(msg, "must be below 1");
	free(bad);
	bad = with(base, "[escalation]\ncost_missed_acute = 4000\ncost_sync_contact = 50\n"
	    "to_class = routine\n");
	msg = load_fail(bad, NULL, 0, &line);
	CHECK(line == 68);
	CHECK_HAS(msg, "escalation to class 'routine', which is not sync");
	free(bad);
	bad = with(base, "[escalation]\ncost_missed_acute = 4000\nto_class = alert\n");
	msg = load_fail(bad, NULL, 0, &line);
	CHECK(line == 65);
	CHECK_HAS(msg, "needs 'cost_sync_contact'");
	free(bad);
	bad = with(base, "[contact]\nmax_attempts = 21\n");
	msg = load_fail(bad, NULL, 0, &line);
	CHECK(line == 66);
	CHECK_HAS(msg, "max_attempts");
	free(bad);
	bad = with(base, "[contact]\nfollow_up_class = alert\n");
	msg = load_fail(bad, NULL, 0, &line);
	CHECK(line == 66);
	CHECK_HAS(msg, "needs an async class");
	free(bad);
	bad = with(base, "[sweep]\nvary = stream.portal.per_week: 1, 2\nvary = scenario.weeks: 1\n"
	    "mode = zip\n");
	msg = load_fail(bad, NULL, 0, &line);
	CHECK(line == 67);
	CHECK_HAS(msg, "mode = zip");
	free(bad);
	bad = with(base, "[sweep]\nvary = stream.portl.per_week: 1, 2\n");
	msg = load_fail(bad, NULL, 0, &line);
	CHECK(line == 66);
	CHECK_HAS(msg, "did you mean [stream portal]?");
	free(bad);
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
		for (h = 0; h < SCN_HOW; h++)
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

/* Text-level limits and oddities. */
static void
test_text(void)
{
	char long_line[400], *big;
	const char *msg;
	struct cq_err err;
	struct scn *s;
	char *text;
	int line, i;

	memset(long_line, 'x', sizeof long_line);
	memcpy(long_line, "[scenario]\nname = ", 18);
	long_line[18 + 200] = '\n';
	long_line[18 + 201] = '\0';
	msg = load_fail(long_line, NULL, 0, &line);
	CHECK(line == 2);
	CHECK_HAS(msg, "line 2 is longer than 199 characters");

	/* A UTF-8 BOM and CRLF line ends are fine. */
	text = with("\xEF\xBB\xBF[scenario]\r\nseed = 7\r\n", base + strlen("[scenario]\n"));
	s = load(text, NULL, 0, &err);
	CHECK(s != NULL && s->seed == 7 && s->weeks == 4);
	scn_free(s);
	free(text);

	msg = load_fail("[scenario]\nname = a\x01b\n", NULL, 0, &line);
	CHECK(line == 2);
	CHECK_HAS(msg, "control character");

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

	/* No streams at all. */
	msg = load_fail("[scenario]\nweeks = 2\n", NULL, 0, &line);
	CHECK_HAS(msg, "no [stream] section");

	/* A missing file is a usage error (the command line names it). */
	s = scn_load("/nonexistent/x.ini", NULL, 0, &err);
	CHECK(s == NULL && err.code == CQ_EXIT_USAGE);
	CHECK_HAS(err.msg, "No such file");
}

/* Run every test; exit 1 if any check failed. */
int
main(void)
{
	test_defaults();
	test_resolution();
	test_overrides();
	test_errors();
	test_value_errors();
	test_sections();
	test_round_trip();
	test_text();
	CHECK_DONE();
}
