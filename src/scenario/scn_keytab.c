/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_keytab.c — the section types and keys of a scenario file, one row per
 * key (struct scn_key in scn_keys.h says what each column means).  A
 * section's rows are in the order the reader lists its keys in messages; the
 * loader reads them and `check` prints them in that order too, but for the
 * few rows that say otherwise (read_after, print_after: the orders they have
 * always had).
 *
 * doc/scenario.md documents every key (tests/test_scn_keys.c holds the two
 * to each other), doc/model.md what they mean to the simulation.
 */
#include <stddef.h>

#include "scn_int.h"
#include "units.h"
#include "week.h"

/* Choice words are stored as their index, in an int or an enum of the same size. */
_Static_assert(sizeof(enum scn_stream_kind) == sizeof(int) && SCN_READING == 1,
    "stream kind: the index of message, reading");
_Static_assert(sizeof(enum scn_mode) == sizeof(int) && SCN_SYNC == 1,
    "class mode: the index of async, sync");
_Static_assert(sizeof(enum scn_capacity) == sizeof(int) && SCN_DYNAMIC == 1,
    "escalation capacity: the index of static, dynamic");

const struct scn_sec_desc scn_sectab[SEC_NTYPES] = {
	[SEC_SCENARIO] = { "scenario", 0, 1, "", 0, "the run as a whole" },
	[SEC_CALENDAR] = { "calendar", 0, 1, "", 0, "holidays, and the arrivals on them" },
	[SEC_PATTERN] = { "pattern", 1, SCN_MAX_PATTERNS, "SCN_MAX_PATTERNS", 0,
		"relative arrival weights by hour of week" },
	[SEC_STREAM] = { "stream", 1, SCN_MAX_STREAMS, "SCN_MAX_STREAMS", 0,
		"a source of arrivals" },
	[SEC_CLASS] = { "class", 1, SCN_MAX_CLASSES, "SCN_MAX_CLASSES", 0, "a kind of work item" },
	[SEC_ROLE] = { "role", 1, SCN_MAX_ROLES, "SCN_MAX_ROLES", 0, "a kind of staff member" },
	[SEC_SHIFT] = { "shift", 1, SCN_MAX_SHIFTS, "SCN_MAX_SHIFTS", 0,
		"people of one role on duty on some days between two times" },
	[SEC_SHIFT_TEMPLATE] = { "shift_template", 1, SCN_MAX_TEMPLATES, "SCN_MAX_TEMPLATES", 0,
		"shifts that optimize may design" },
	[SEC_ESCALATION] = { "escalation", 0, 1, "", offsetof(struct scn, esc),
		"async items reviewed for escalation to a sync call-back" },
	[SEC_CONTACT] = { "contact", 0, 1, "", offsetof(struct scn, contact),
		"every sync item is a phone contact with attempts" },
	[SEC_TARGETS] = { "targets", 0, 1, "", 0, "scenario-wide targets" },
	[SEC_SWEEP] = { "sweep", 0, 1, "", offsetof(struct scn, sweep),
		"the what-if grid that clinicq sweep runs" },
};

static const char *const stream_kinds[] = { "message", "reading", NULL };
static const char *const class_modes[] = { "async", "sync", NULL };
static const char *const measure_froms[] = { "arrival", "origin", NULL };
static const char *const capacities[] = { "static", "dynamic", NULL };
static const char *const sweep_modes[] = { "grid", "zip", NULL };
static const char *const sweep_actions[] = { "run", "optimize", NULL };

#define OFF(type, field) offsetof(struct type, field)
#define STAFF_LIMIT .lo = 0, .hi = SCN_MAX_STAFF, .hi_what = "10000 (SCN_MAX_STAFF)"
#define COST_LIMIT .lo = 0, .hi = 1e9
#define BY_DAY_SYNTAX "a whole number, or one for each of its days: mon 4, tue-thu 3, fri 2"

const struct scn_key scn_keytab[] = {
	/* [scenario] */
	{ SEC_SCENARIO, "name", KEY_CUSTOM, .syntax = "text, at most 127 bytes",
	  .load = ld_scenario_name, .print = pr_scenario_name,
	  .def_doc = "the file's base name without .ini", .doc = "title shown in reports" },
	{ SEC_SCENARIO, "start_date", KEY_CUSTOM, .syntax = "a date YYYY-MM-DD",
	  .load = ld_scenario_start_date, .print = pr_scenario_start_date,
	  .def_doc = "2027-01-04 (a Monday)",
	  .doc = "t = 0 is 00:00 of this date; fixes weekdays and holidays" },
	{ SEC_SCENARIO, "weeks", KEY_NUM, OFF(scn, weeks), .lo = 0, .flags = KF_LO_OPEN,
	  .hi = SCN_MAX_WEEKS, .hi_what = "520 weeks (SCN_MAX_WEEKS)", .def = 10,
	  .doc = "length of the measured span, after the warm-up, in weeks" },
	{ SEC_SCENARIO, "warmup", KEY_DUR, OFF(scn, warmup), .lo = 0, .hi = 52 * WEEK_MIN,
	  .hi_what = "52w", .def = WEEK_MIN, .doc = "simulated before measuring" },
	{ SEC_SCENARIO, "replications", KEY_INT, OFF(scn, replications), .lo = 1,
	  .hi = SCN_MAX_REPLICATIONS, .hi_what = "10000 (SCN_MAX_REPLICATIONS)", .def = 10,
	  .doc = "independent replications" },
	{ SEC_SCENARIO, "seed", KEY_U64, OFF(scn, seed), .def = 12345,
	  .doc = "seed of every random stream" },
	{ SEC_SCENARIO, "max_events", KEY_NUM, OFF(scn, max_events), .flags = KF_U64,
	  .lo = 1000, .hi = SCN_LIMIT_MAX_EVENTS, .hi_what = "1e11",
	  .def = SCN_DEFAULT_MAX_EVENTS, .note = "per replication",
	  .doc = "events one replication may take before it stops with an error" },
	{ SEC_SCENARIO, "max_waiting", KEY_INT, OFF(scn, max_waiting), .lo = 1,
	  .hi = SCN_LIMIT_MAX_WAITING, .hi_what = "1e9", .def = SCN_DEFAULT_MAX_WAITING,
	  .note = "items open at once",
	  .doc = "items waiting or in hand at once before a replication stops with an error" },
	/* Listed last, as it came last; read and printed with the other replications. */
	{ SEC_SCENARIO, "confirm_replications", KEY_INT, OFF(scn, confirm_replications),
	  .lo = 2, .hi = SCN_MAX_REPLICATIONS, .hi_what = "10000 (SCN_MAX_REPLICATIONS)",
	  .flags = KF_UNSET, .def_doc = "4 x replications", .print = pr_scenario_confirm,
	  .read_after = "replications", .print_after = "seed",
	  .doc = "replications of optimize's confirmation run" },

	/* [calendar] */
	{ SEC_CALENDAR, "holidays", KEY_CUSTOM, .syntax = "dates YYYY-MM-DD, comma-separated",
	  .load = ld_calendar_holidays, .print = pr_calendar_holidays, .def_doc = "none",
	  .read_after = "holiday_arrivals",
	  .doc = "days on which shifts with skip_holidays = yes do not start" },
	{ SEC_CALENDAR, "holiday_arrivals", KEY_CUSTOM, OFF(scn, holiday_arrivals),
	  .store = KS_INT, .def = -1, .syntax = "a weekday (mon .. sun) or none",
	  .load = ld_calendar_holiday_arrivals, .print = pr_calendar_holiday_arrivals,
	  .def_doc = "none", .doc = "on a holiday, arrivals follow this weekday's hours" },

	/* [pattern NAME] */
	{ SEC_PATTERN, "weight", KEY_CUSTOM, .flags = KF_REPEATS,
	  .syntax = "DAYS HH:MM-HH:MM WEIGHT", .load = ld_pattern_weight,
	  .print = pr_pattern_weight, .def_doc = "0 for hours no line names",
	  .doc = "the weight of whole hours on some days; the later line wins" },

	/* [stream NAME]: ld_load_stream reads them in an order of its own */
	{ SEC_STREAM, "kind", KEY_CHOICE, OFF(scn_stream, kind), .choices = stream_kinds,
	  .doc = "message or reading" },
	{ SEC_STREAM, "per_week", KEY_NUM, OFF(scn_stream, per_week), .flags = KF_MESSAGE,
	  .lo = 0, .hi = SCN_MAX_PER_WEEK, .hi_what = "1e8 a week (SCN_MAX_PER_WEEK)",
	  .print = pr_stream_per_week, .def_doc = "one of per_week and rate is required",
	  .doc = "expected arrivals per week" },
	{ SEC_STREAM, "rate", KEY_CUSTOM, .flags = KF_MESSAGE, .syntax = "RATE, like 8/h",
	  .lo = 0, .hi = SCN_MAX_PER_WEEK, .hi_what = "1e8 a week (SCN_MAX_PER_WEEK)",
	  .load = ld_stream_rate, .def_doc = "one of per_week and rate is required",
	  .doc = "constant arrival rate, every hour of the week (check writes it as per_week)" },
	{ SEC_STREAM, "pattern", KEY_CUSTOM, OFF(scn_stream, pattern), .store = KS_INT,
	  .def = -1, .syntax = "a pattern's name", .load = ld_stream_pattern,
	  .print = pr_stream_pattern, .def_doc = "an even spread",
	  .doc = "spreads the weekly volume over the hours of the week" },
	{ SEC_STREAM, "classes", KEY_CUSTOM, .flags = KF_MESSAGE,
	  .syntax = "NAME SHARE, NAME SHARE, ...", .load = ld_stream_classes,
	  .print = pr_stream_classes,
	  .def_doc = "required, but a trace's class column may give them",
	  .doc = "classes of the items and their shares" },
	{ SEC_STREAM, "patients", KEY_INT, OFF(scn_stream, patients), .flags = KF_READING,
	  .lo = 1, .hi = 10000000, .hi_what = "10000000", .need = "patients = 600",
	  .doc = "patients sending readings" },
	{ SEC_STREAM, "per_patient_per_day", KEY_NUM, OFF(scn_stream, per_patient_per_day),
	  .flags = KF_READING | KF_LO_OPEN, .lo = 0, .hi = 1000,
	  .need = "per_patient_per_day = 1", .print = pr_stream_per_patient_per_day,
	  .doc = "readings per patient per day" },
	{ SEC_STREAM, "value", KEY_DIST, OFF(scn_stream, value), .flags = KF_READING,
	  .use = USE_VALUE, .need = "value = normal(138,18)",
	  .doc = "distribution of a reading's value" },
	{ SEC_STREAM, "alert_above", KEY_NUM, OFF(scn_stream, alert_above),
	  .flags = KF_READING, .lo = -1e12, .hi = 1e12, .need = "alert_above = 180",
	  .doc = "a value strictly above this becomes an alert" },
	{ SEC_STREAM, "alert_class", KEY_CUSTOM, OFF(scn_stream, alert_class),
	  .flags = KF_READING, .store = KS_INT, .def = -1, .syntax = "a sync class's name",
	  .load = ld_stream_alert_class, .print = pr_class_ref, .def_doc = "required",
	  .doc = "class of the alert item" },
	{ SEC_STREAM, "trace", KEY_CUSTOM, .flags = KF_MESSAGE,
	  .syntax = "FILE.csv, relative to the scenario file", .load = ld_stream_trace,
	  .print = pr_stream_trace, .def_doc = "none: Poisson arrivals",
	  .doc = "replay the arrivals of an event log" },

	/* [class NAME] */
	{ SEC_CLASS, "mode", KEY_CHOICE, OFF(scn_class, mode), .choices = class_modes,
	  .need = "mode = async or mode = sync",
	  .doc = "async (waits in a store) or sync (needs a live contact)" },
	{ SEC_CLASS, "service", KEY_DIST, OFF(scn_class, service), .use = USE_TIME,
	  .flags = KF_MEAN, .need = "service = lognormal(6min,4min)",
	  .doc = "staff time to handle one item" },
	{ SEC_CLASS, "acute", KEY_DIST, OFF(scn_class, acute), .use = USE_PROB,
	  .flags = KF_MEAN | KF_NONZERO, .def_doc = "none: never acute",
	  .doc = "probability that an item is acute (each item draws it)" },
	{ SEC_CLASS, "target", KEY_CUSTOM, .syntax = "SHARE <= DURATION",
	  .load = ld_class_target, .print = pr_class_target, .def_doc = "none (no verdict)",
	  .doc = "service-level target: async on the response, sync on the wait" },
	{ SEC_CLASS, "safe_window", KEY_DUR, OFF(scn_class, safe_window), .lo = 0,
	  .hi = UNIT_MAX_MINUTES, .flags = KF_NONZERO, .def_doc = "0: none",
	  .doc = "an acute item not reached within this time of its origin is a safety miss" },
	{ SEC_CLASS, "patience", KEY_DIST, OFF(scn_class, patience), .use = USE_TIME,
	  .flags = KF_NONZERO, .load = ld_class_patience, .def_doc = "none (infinite)",
	  .doc = "sync only: time a patient waits for the first attempt before giving up" },
	{ SEC_CLASS, "next", KEY_CUSTOM, .syntax = "CLASS P, CLASS P, ...",
	  .load = ld_class_next, .print = pr_class_next, .def_doc = "none: done here",
	  .doc = "care pathway: the classes a done item moves on to, with probabilities" },
	{ SEC_CLASS, "measure_from", KEY_CHOICE, OFF(scn_class, measure_from_origin),
	  .choices = measure_froms, .print = pr_class_measure_from,
	  .doc = "where wait and response start: the item's arrival or the patient's first" },

	/* [role NAME] */
	{ SEC_ROLE, "cost_per_hour", KEY_NUM, OFF(scn_role, cost_per_hour), COST_LIMIT,
	  .doc = "cost of one person-hour" },
	{ SEC_ROLE, "serves", KEY_CUSTOM, .syntax = "CLASS, CLASS, ... (highest priority first)",
	  .need = "serves = bp_alert, callback (highest priority first)",
	  .load = ld_role_serves, .print = pr_role_serves, .read_after = "absence",
	  .doc = "classes this role handles, highest priority first" },
	{ SEC_ROLE, "preempt", KEY_BOOL, OFF(scn_role, preempt),
	  .doc = "sync work may interrupt this role's async work in hand" },
	{ SEC_ROLE, "absence", KEY_SHARE, OFF(scn_role, absence), .flags = KF_PCT | KF_NONZERO,
	  .load = ld_absence, .doc = "probability that a person-shift is absent (below 1)" },

	/* [shift NAME] */
	{ SEC_SHIFT, "role", KEY_CUSTOM, OFF(scn_shift, role), .syntax = "a role's name",
	  .need = "role = rn", .load = ld_shift_role, .print = pr_role_name,
	  .doc = "the role of its persons" },
	{ SEC_SHIFT, "days", KEY_CUSTOM, OFF(scn_shift, days), .syntax = "days, like mon-fri",
	  .load = ld_days, .print = pr_days, .def_doc = "all", .doc = "days the shift starts on" },
	{ SEC_SHIFT, "start", KEY_CUSTOM, OFF(scn_shift, start), .syntax = "a clock time HH:MM",
	  .need = "start = 08:00", .load = ld_shift_start, .print = pr_shift_start,
	  .doc = "start time, before 24:00" },
	{ SEC_SHIFT, "end", KEY_CUSTOM, OFF(scn_shift, end), .syntax = "a clock time HH:MM",
	  .need = "end = 16:30", .load = ld_shift_end, .print = pr_shift_end,
	  .doc = "end time; before the start: on the next day" },
	{ SEC_SHIFT, "staff", KEY_CUSTOM, OFF(scn_shift, staff), STAFF_LIMIT, .store = KS_INT,
	  .def = 1, .syntax = BY_DAY_SYNTAX, .load = ld_shift_staff, .print = pr_shift_staff,
	  .doc = "persons on duty: the roster that run plays" },
	{ SEC_SHIFT, "min", KEY_CUSTOM, OFF(scn_shift, min), STAFF_LIMIT, .store = KS_INT,
	  .syntax = BY_DAY_SYNTAX, .load = ld_shift_min, .print = pr_shift_min,
	  .doc = "lower bound for the optimizer" },
	{ SEC_SHIFT, "max", KEY_CUSTOM, OFF(scn_shift, max), STAFF_LIMIT, .flags = KF_DERIVED,
	  .store = KS_INT, .syntax = BY_DAY_SYNTAX, .load = ld_shift_max,
	  .print = pr_shift_max, .def_doc = "max(2 x staff, staff + 4), at least min",
	  .doc = "upper bound for the optimizer" },
	{ SEC_SHIFT, "by_day", KEY_BOOL, OFF(scn_shift, by_day), .flags = KF_NONZERO,
	  .load = ld_by_day, .doc = "optimize chooses the staff of each of its days on its own" },
	{ SEC_SHIFT, "skip_holidays", KEY_BOOL, OFF(scn_shift, skip_holidays),
	  .doc = "does not start on [calendar] holidays" },
	{ SEC_SHIFT, "on_call", KEY_BOOL, OFF(scn_shift, on_call),
	  .doc = "on call: serves only the sync classes of its role" },
	{ SEC_SHIFT, "cost_per_hour", KEY_NUM, OFF(scn_shift, cost_per_hour), COST_LIMIT,
	  .flags = KF_DERIVED, .print = pr_cost_own, .def_doc = "the role's",
	  .doc = "cost of one person-hour of this shift" },
	{ SEC_SHIFT, "absence", KEY_SHARE, OFF(scn_shift, absence),
	  .flags = KF_PCT | KF_GIVEN | KF_DERIVED, .given = OFF(scn_shift, own_absence),
	  .load = ld_absence, .def_doc = "the role's",
	  .doc = "as the role's absence, for this shift" },
	{ SEC_SHIFT, "break", KEY_CUSTOM, .flags = KF_REPEATS,
	  .syntax = "D within HH:MM-HH:MM (at most 4)", .load = ld_shift_break,
	  .print = pr_shift_break, .def_doc = "none",
	  .doc = "each person takes a break of D inside the window" },

	/* [shift_template NAME] */
	{ SEC_SHIFT_TEMPLATE, "role", KEY_CUSTOM, OFF(scn_tmpl, role), .syntax = "a role's name",
	  .need = "role = rn", .load = ld_tmpl_role, .print = pr_role_name,
	  .doc = "the role of its persons" },
	{ SEC_SHIFT_TEMPLATE, "days", KEY_CUSTOM, OFF(scn_tmpl, days),
	  .syntax = "days, like mon-fri", .load = ld_days, .print = pr_days, .def_doc = "all",
	  .doc = "days its shifts start on" },
	{ SEC_SHIFT_TEMPLATE, "start", KEY_CUSTOM,
	  .syntax = "clock times HH:MM, or HH:MM..HH:MM step D",
	  .need = "start = 06:00..12:00 step 30min (or a list: start = 06:00, 07:30)",
	  .load = ld_tmpl_start, .print = pr_tmpl_start, .doc = "the starts to choose from" },
	{ SEC_SHIFT_TEMPLATE, "length", KEY_CUSTOM, .syntax = "durations, comma-separated",
	  .need = "length = 4h, 8h", .load = ld_tmpl_length, .print = pr_tmpl_length,
	  .doc = "the lengths to choose from" },
	{ SEC_SHIFT_TEMPLATE, "min", KEY_INT, OFF(scn_tmpl, min), STAFF_LIMIT,
	  .read_after = "max", .doc = "the fewest persons over all its candidates together" },
	{ SEC_SHIFT_TEMPLATE, "max", KEY_INT, OFF(scn_tmpl, max), STAFF_LIMIT,
	  .def_doc = "required", .doc = "the most persons over all its candidates together" },
	{ SEC_SHIFT_TEMPLATE, "max_shifts", KEY_INT, OFF(scn_tmpl, max_shifts), .lo = 1,
	  .hi = SCN_MAX_CANDIDATES, .hi_what = "2000 (SCN_MAX_CANDIDATES)", .flags = KF_UNSET,
	  .print = pr_tmpl_max_shifts, .def_doc = "no limit",
	  .doc = "how many different candidates may be staffed at all" },
	{ SEC_SHIFT_TEMPLATE, "by_day", KEY_BOOL, OFF(scn_tmpl, by_day), .flags = KF_NONZERO,
	  .doc = "candidates by day: optimize staffs each day on its own; min, max and "
	  "max_shifts per day" },
	{ SEC_SHIFT_TEMPLATE, "skip_holidays", KEY_BOOL, OFF(scn_tmpl, skip_holidays),
	  .doc = "its shifts do not start on holidays" },
	{ SEC_SHIFT_TEMPLATE, "on_call", KEY_BOOL, OFF(scn_tmpl, on_call),
	  .doc = "its shifts are on call (sync classes only)" },
	{ SEC_SHIFT_TEMPLATE, "cost_per_hour", KEY_NUM, OFF(scn_tmpl, cost_per_hour),
	  COST_LIMIT, .flags = KF_DERIVED, .print = pr_cost_own, .def_doc = "the role's",
	  .doc = "cost of one person-hour of its shifts" },
	{ SEC_SHIFT_TEMPLATE, "absence", KEY_SHARE, OFF(scn_tmpl, absence),
	  .flags = KF_PCT | KF_GIVEN | KF_DERIVED, .given = OFF(scn_tmpl, own_absence),
	  .load = ld_absence, .def_doc = "the role's",
	  .doc = "as a shift's absence, for its shifts" },
	{ SEC_SHIFT_TEMPLATE, "break", KEY_CUSTOM, .flags = KF_REPEATS,
	  .syntax = "D within HH:MM-HH:MM (at most 4)", .load = ld_tmpl_break,
	  .print = pr_tmpl_break, .def_doc = "none",
	  .doc = "a break, taken by each candidate whose span holds its window" },

	/* [escalation] */
	{ SEC_ESCALATION, "cost_missed_acute", KEY_NUM, OFF(scn_escalation, cost_missed_acute),
	  .lo = 0, .flags = KF_LO_OPEN, .hi = 1e12, .need = "cost_missed_acute = 5000",
	  .doc = "C_fn: cost of missing an acute item" },
	{ SEC_ESCALATION, "cost_sync_contact", KEY_NUM, OFF(scn_escalation, cost_sync_contact),
	  .lo = 0, .hi = 1e12, .need = "cost_sync_contact = 40", .load = ld_esc_cost_sync,
	  .print = pr_esc_cost_sync, .doc = "C_s: cost of one sync contact; C_s / C_fn < 1" },
	{ SEC_ESCALATION, "to_class", KEY_CUSTOM, OFF(scn_escalation, to_class),
	  .store = KS_INT, .def = -1, .syntax = "a sync class's name",
	  .need = "to_class = callback", .load = ld_esc_to_class, .print = pr_class_ref,
	  .doc = "class of the call-back created" },
	{ SEC_ESCALATION, "capacity", KEY_CHOICE, OFF(scn_escalation, capacity),
	  .choices = capacities, .doc = "static: every call-back joins its queue; dynamic: "
	  "lower-risk ones wait while the queue misses its target" },
	{ SEC_ESCALATION, "screen_at_arrival", KEY_BOOL, OFF(scn_escalation, screen_at_arrival),
	  .doc = "a keyword screen escalates acute async items at arrival" },
	{ SEC_ESCALATION, "screen_sensitivity", KEY_SHARE,
	  OFF(scn_escalation, screen_sensitivity),
	  .doc = "share of truly acute async items the screen catches" },

	/* [contact] */
	{ SEC_CONTACT, "reach", KEY_SHARE, OFF(scn_contact, reach), .def = 1,
	  .doc = "P(the patient answers an attempt)" },
	{ SEC_CONTACT, "attempt", KEY_DUR, OFF(scn_contact, attempt), .lo = 0, .hi = WEEK_MINUTES,
	  .hi_what = "1w", .doc = "staff time per attempt, answered or not" },
	{ SEC_CONTACT, "retry_after", KEY_DUR, OFF(scn_contact, retry_after), .lo = 0,
	  .hi = 52 * WEEK_MIN, .hi_what = "52w", .def = 30,
	  .doc = "delay before the next attempt, from the end of a failed one" },
	{ SEC_CONTACT, "max_attempts", KEY_INT, OFF(scn_contact, max_attempts), .lo = 1,
	  .hi = 20, .hi_what = "20", .def = 1,
	  .doc = "attempts before the item counts as unreached" },
	{ SEC_CONTACT, "follow_up_class", KEY_CUSTOM, OFF(scn_contact, follow_up_class),
	  .store = KS_INT, .def = -1, .syntax = "an async class's name",
	  .load = ld_contact_follow_up, .print = pr_class_ref, .def_doc = "none",
	  .doc = "after an unreached contact, an item of this class is left for the team" },

	/* [targets] */
	{ SEC_TARGETS, "safety_miss_rate", KEY_SHARE, OFF(scn, safety_miss_rate),
	  .flags = KF_PCT | KF_GIVEN, .given = OFF(scn, has_safety_target),
	  .def_doc = "none (no verdict)", .doc = "at most this share of acute items missed" },
	{ SEC_TARGETS, "max_utilization", KEY_SHARE, OFF(scn, max_utilization),
	  .flags = KF_PCT | KF_GIVEN, .given = OFF(scn, has_max_utilization),
	  .load = ld_targets_max_utilization, .def_doc = "none (no verdict)",
	  .doc = "no role busier than this share of its available time (above 0)" },

	/* [sweep]: ld_load_sweep reads them in an order of its own */
	{ SEC_SWEEP, "vary", KEY_CUSTOM, .flags = KF_REPEATS,
	  .syntax = "SECTION.KEY: v1, v2, ... or SECTION.KEY: a..b step s",
	  .load = ld_sweep_vary, .print = pr_sweep_vary, .def_doc = "at least one required",
	  .doc = "one dimension of the grid" },
	{ SEC_SWEEP, "mode", KEY_CHOICE, OFF(scn_sweep, zip), .choices = sweep_modes,
	  .doc = "grid (every combination) or zip (the i-th values together)" },
	{ SEC_SWEEP, "action", KEY_CHOICE, OFF(scn_sweep, optimize), .choices = sweep_actions,
	  .doc = "run or optimize at each point" },
};

const size_t scn_nkeys = sizeof scn_keytab / sizeof scn_keytab[0];
