/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn.h — the scenario: what a planner wrote, resolved and validated.
 *
 * This struct is the only thing the engine sees of a scenario file: names are
 * resolved to indices, units to minutes, patterns to a rate per hour of week.
 * scn_load() owns everything it allocates; scn_free() releases it all.
 */
#ifndef CQ_SCN_H
#define CQ_SCN_H

#include <stdint.h>
#include <stdio.h>

#include "data/fit.h"
#include "dist.h"
#include "week.h"
#include "err.h"

#define SCN_MAX_NAME 64
#define SCN_MAX_TITLE 127         /* [scenario] name, in characters */

/* Resource limits: a hostile file gets an error naming the key, not a crash. */
#define SCN_MAX_CLASSES 64
#define SCN_MAX_ROLES 32
#define SCN_MAX_SHIFTS 256
#define SCN_MAX_STREAMS 64
#define SCN_MAX_PATTERNS 64
#define SCN_MAX_REPLICATIONS 10000
#define SCN_MAX_WEEKS 520.0       /* ten years of measured span */
#define SCN_MAX_STAFF 10000
#define SCN_MAX_OVERRIDES 256
#define SCN_MAX_HOLIDAYS 1000
#define SCN_MAX_PER_WEEK 1e8       /* expected arrivals per week of one stream */
/* A stream's volume_cv: at 300% a day's gamma factor has shape 1/9, so most
 * days are nearly empty and a rare one holds weeks of volume; beyond that it
 * is a typo (15 meant as 15%), not a clinic. */
#define SCN_MAX_VOLUME_CV FIT_MAX_VOLUME_CV   /* 3.0, what fit writes at most */
#define SCN_MAX_SWEEP_VALUES 1000  /* values of one [sweep] vary */
#define SCN_MAX_SWEEP_POINTS 100000 /* points of a [sweep] grid */
#define SCN_MAX_TEMPLATES 64       /* [shift_template] sections */
#define SCN_MAX_CANDIDATES 2000    /* candidate shifts of one template, and of all */
#define SCN_MAX_CONTRACTS 64       /* [contract] sections */
#define SCN_MAX_CYCLE_WEEKS 12     /* [scenario] cycle_weeks: the longest rota cycle */
#define SCN_MAX_TRACE_ROWS 5000000 /* trace rows kept, all streams together (16 B each) */
#define SCN_MAX_TRACE_READ 20000000 /* trace log rows read, all logs together */
#define SCN_MAX_TRACE_CODES 4096   /* distinct values of a log's class column */
/* The defaults keep a command within 1 GiB and seconds before a runaway scenario
 * is refused (sim_check_limits): about 10 s of events, and max_waiting open
 * items on each of 8 threads within SIM_OPEN_BUDGET. */
#define SCN_DEFAULT_MAX_EVENTS 2e8  /* [scenario] max_events: events per replication */
#define SCN_LIMIT_MAX_EVENTS 1e11   /*   ... and the most it may be set to */
#define SCN_DEFAULT_MAX_WAITING 500000 /* [scenario] max_waiting: items open at once */
#define SCN_LIMIT_MAX_WAITING 1000000000 /*   ... and the most it may be set to */

enum scn_stream_kind { SCN_MESSAGE = 0, SCN_READING = 1 };
enum scn_mode { SCN_ASYNC = 0, SCN_SYNC = 1 };
enum scn_capacity { SCN_STATIC = 0, SCN_DYNAMIC = 1 };
/* [role] discipline: which waiting item a free person takes (3.12). */
enum scn_discipline { SCN_PRIORITY = 0, SCN_FCFS = 1 };

struct scn_pattern {
	char name[SCN_MAX_NAME];
	double weight[WEEK_HOURS];   /* relative weight per hour of week, Monday 00:00 first */
	/* 1 for an hour some weight line names: a stream gives an unnamed hour
	 * no arrivals (weight 0), a class's service_by_hour leaves it as written
	 * (factor 1), so the two must be told apart. */
	unsigned char named[WEEK_HOURS];
	int line;
};

/* One arrival of a trace log. */
struct scn_trace_row {
	double t;                 /* minutes from 00:00 of start_date, >= 0 */
	int cls;                  /* class index, or -1: drawn by the stream's shares */
};

/* One item of trace_classes: a value of the log's class column and the class
 * it stands for. */
struct scn_trace_code {
	char code[SCN_MAX_NAME];
	int cls;                  /* class index */
};

/* A stream that replays a log (trace = FILE.csv) instead of sampling arrivals.
 * The log is parsed once per scn_load however many streams name it (the
 * loader keeps the parse until it returns); each stream owns its own rows. */
struct scn_trace {
	char *file;               /* the log, an absolute path (check prints it) */
	struct scn_trace_row *rows;   /* at or after start_date, sorted by time */
	size_t nrows;
	int has_class;            /* the log's class column gave each row's class */
	struct scn_trace_code *codes; /* trace_classes, as written; NULL: the class
	                           * column holds the classes' names */
	int ncodes;
	long read;                /* rows of the log that are this stream's */
	size_t lines;             /* rows of the log, every stream's */
	long before, warm, span, after;   /* of them: before start_date, in the warm-up,
	                           * the measured span, after it */
};

struct scn_stream {
	char name[SCN_MAX_NAME];
	enum scn_stream_kind kind;
	int line;
	/* Resolved arrival rate per hour of week, items per minute.  Message streams
	 * scale the pattern to per_week (or take a constant rate); reading streams
	 * spread patients * per_patient_per_day over the day (or over their pattern). */
	double rate[WEEK_HOURS];
	double per_week;          /* total expected arrivals per week */
	int pattern;              /* index, or -1 */
	struct scn_trace *trace;  /* owned; NULL: Poisson arrivals by rate */
	/* Day-to-day variation: each day's rates are multiplied by a gamma draw of
	 * mean 1 and this coefficient of variation (0: plain Poisson; see
	 * doc/model.md, "Volume variation"). */
	double volume_cv;
	/* message: classes drawn by share */
	int nclasses;
	int class_idx[SCN_MAX_CLASSES];
	double share[SCN_MAX_CLASSES];
	/* reading */
	int patients;
	double per_patient_per_day;
	struct dist value;
	double alert_above;
	int alert_class;          /* index (sync class), -1 when kind = message */
};

struct scn_class {
	char name[SCN_MAX_NAME];
	enum scn_mode mode;
	int line;
	struct dist service;
	/* service_by_hour: a pattern's index, or -1; and the factor by hour of
	 * week of the service drawn for an item whose service starts then (the
	 * pattern's weight where it names the hour, 1 elsewhere; all 1 without
	 * the key).  Resolved at load, so the engine reads one array. */
	int service_by_hour;
	double service_w[WEEK_HOURS];
	struct dist acute;        /* DIST_NONE: p_acute = 0 */
	int has_target;
	double target_share;      /* e.g. 0.9 */
	double target_within;     /* minutes: async arrival->completion, sync arrival->first attempt */
	double safe_window;       /* minutes; 0 = none */
	struct dist patience;     /* sync only; DIST_NONE = infinite */
	/* Care pathway: when done, an item moves on to class next_class[i] with
	 * probability next_p[i] (the rest are finished); see scn_route.c. */
	int nnext;
	int next_class[SCN_MAX_CLASSES];
	double next_p[SCN_MAX_CLASSES];
	int next_line;            /* of 'next' (0 if given by --set) */
	int measure_from_origin;  /* wait and response from the patient's first arrival */
	/* Expected arrivals per week: from the streams, and with those routed by
	 * 'next' (the traffic equations); escalations and follow-ups not counted. */
	double per_week_external, per_week;
	/* With 'next' anywhere: expected visits to each class of an item that
	 * enters this one (itself included), row c of (I - R)^-1. */
	double visits[SCN_MAX_CLASSES];
};

struct scn_role {
	char name[SCN_MAX_NAME];
	int line;
	double cost_per_hour;
	int nserves;
	int serves[SCN_MAX_CLASSES]; /* class indices, highest priority first */
	int preempt;
	enum scn_discipline discipline; /* priority: by serves; fcfs: longest waiting */
	double absence;           /* P(a person-shift is absent), in [0, 1) */
};

#define SCN_MAX_BREAKS 4          /* `break` lines of one shift */

/* A break: `length` minutes taken inside [from, to), minutes after midnight of
 * the shift's start day (past DAY_MINUTES for a shift that runs past midnight). */
struct scn_break {
	double length;
	int from, to;
	int line;                 /* its line in the scenario file (messages) */
};

struct scn_shift {
	char name[SCN_MAX_NAME];
	int line;
	int role;
	unsigned days;            /* bit 0 = Monday ... bit 6 = Sunday */
	int start;                /* minutes after midnight */
	int end;                  /* minutes after midnight of the start day; > DAY_MINUTES past midnight */
	/* One number for all its days.  A key written per day (per_day) has
	 * here: staff the most on any of its days; min and max the bounds of one
	 * number for all its days (the largest min, the smallest max). */
	int staff, min, max;
	/* The same by weekday of a run's start (0 = Monday), always filled: a
	 * uniform key has its number on every day, a key written per day 0 on
	 * the days the shift does not run.  scn_shift_staff_on() reads them. */
	int day_staff[WEEK_DAYS], day_min[WEEK_DAYS], day_max[WEEK_DAYS];
	unsigned per_day;         /* SCN_PER_DAY_*: the keys written per day (max
	                           * also when its default follows a staff by day) */
	int by_day;               /* optimize chooses each weekday's staff on its own */
	/* optimize's copy (scn_design) splits a by_day shift into one shift per
	 * day, NAME[mon] ...: part = 1 + that weekday (0: not a part), part_first
	 * = the index of its first part, the parts one after another. */
	int part, part_first;
	int written;              /* optimize's copy: 1 + the index of the written
	                           * shift this one comes from (0: a candidate, or
	                           * a loaded scenario, where a shift is itself) */
	int skip_holidays;
	int on_call;              /* serves only sync classes */
	double cost_per_hour;     /* the role's, unless the shift sets its own */
	double absence;           /* the role's, unless the shift sets its own */
	int own_absence;          /* the shift sets its own (printed by check) */
	int nbreaks;              /* breaks, by window start */
	struct scn_break breaks[SCN_MAX_BREAKS];
	int tmpl;                 /* 0: a written [shift]; k: a candidate of template k - 1
	                           * (scn_design: only optimize's derived copy has them) */
};

#define SCN_PER_DAY_STAFF 0x1u
#define SCN_PER_DAY_MIN 0x2u
#define SCN_PER_DAY_MAX 0x4u
/* A shift's or a template's name and a day's in optimize's copy: NAME[mon]. */
#define SCN_PART_SUFFIX 5

/* [shift_template NAME]: shifts `optimize` may design, one candidate per start
 * and length (NAME@HH:MM+LENGTH), each with bounds 0..max; min..max bound
 * the staff of all its candidates together, max_shifts how many of them are
 * staffed at all.  `run` plays none of them. */
struct scn_tmpl {
	char name[SCN_MAX_NAME];
	int line;
	int role;
	unsigned days;
	int nstarts, nlengths;
	int starts[DAY_MINUTES];         /* minutes after midnight, ascending */
	int lengths[DAY_MINUTES];        /* minutes, ascending */
	int range_step;           /* start written as FROM..TO step D (D minutes); 0: a list */
	int min, max;
	int max_shifts;           /* 0: no limit */
	int by_day;               /* candidates by day: min, max, max_shifts per day */
	int part;                 /* optimize's copy: 1 + the weekday of a by_day
	                           * template's part NAME[mon] (0: not a part) */
	int written;              /* optimize's copy: 1 + the index of the written
	                           * template it comes from (0: a loaded scenario) */
	int skip_holidays, on_call;
	double cost_per_hour;     /* the role's, unless the template sets its own */
	double absence;           /* the role's, unless the template sets its own */
	int own_absence;
	int nbreaks;              /* a candidate takes those whose window it holds */
	struct scn_break breaks[SCN_MAX_BREAKS];
};

struct scn_escalation {
	int enabled;              /* the section is present */
	double cost_missed_acute;
	double cost_sync_contact;
	double threshold;         /* cost_sync_contact / cost_missed_acute */
	int to_class;
	enum scn_capacity capacity;
	int screen_at_arrival;
	double screen_sensitivity;
	int line;
};

struct scn_contact {
	int enabled;
	double reach;
	double attempt;           /* minutes of staff time per attempt */
	double retry_after;
	int max_attempts;
	int follow_up_class;      /* -1 = none */
	int line;
};

struct scn_sweep_var {
	char key[3 * SCN_MAX_NAME];   /* SECTION.KEY as written, e.g. stream.portal.per_week */
	int nvalues;
	char **values;
	int line;
};

struct scn_sweep {
	int nvars;
	struct scn_sweep_var *vars;
	int zip;                  /* mode = zip */
	int optimize;             /* action = optimize */
	int line;
};

/* A contract people of one role work on (SPEC 5.4; the rota layer reads it). */
struct scn_contract {
	char name[SCN_MAX_NAME];
	int line;
	int role;
	int days_per_week;        /* exactly, in every week of the cycle */
	double hours_per_week;    /* at most, in any week; 0: no limit */
	int days_off_together;    /* no lone day off */
	int max_consecutive_days; /* 0: no limit */
	double min_rest;          /* minutes from a shift's end to the next's start */
	int weekends_off, weekends_in; /* at least K weekends off in every N weeks; 0: none */
	int has_shifts;           /* `shifts` given: only these ... */
	unsigned char may_shift[SCN_MAX_SHIFTS];    /* ... written shifts (by index) */
	unsigned char may_tmpl[SCN_MAX_TEMPLATES];  /* ... and templates' candidates */
	int same_shift;           /* one shift throughout the cycle */
	double cost_per_week;     /* a person's weekly cost, when given */
	int has_cost_per_week;
	int min_people, max_people;
	int has_max_people;
};

struct scn {
	char *file;               /* as given to scn_load, owned */
	char name[SCN_MAX_TITLE * 4 + 1];   /* UTF-8: up to 4 bytes a character */
	long start_epoch_day;     /* days since 1970-01-01 */
	int start_weekday;        /* 0 = Monday */
	double weeks;             /* measured span, weeks */
	double warmup;            /* minutes */
	int replications;
	int confirm_replications; /* optimize's confirmation run; 0: 4 x replications */
	uint64_t seed;
	uint64_t max_events;      /* per replication; a run past it is an error */
	int max_waiting;          /* items waiting or in hand at once, likewise */

	int nholidays;
	long holidays[SCN_MAX_HOLIDAYS]; /* day index from start_date (0 = first day) */
	int holiday_arrivals;     /* arrivals on a holiday follow this weekday's hours
	                           * (0 = Monday); -1: the holiday's own weekday */

	int npatterns, nstreams, nclasses, nroles, nshifts;
	struct scn_pattern patterns[SCN_MAX_PATTERNS];
	struct scn_stream streams[SCN_MAX_STREAMS];
	struct scn_class classes[SCN_MAX_CLASSES];
	struct scn_role roles[SCN_MAX_ROLES];
	struct scn_shift *shifts;  /* nshifts, heap-allocated (the array is large) */

	struct scn_escalation esc;
	struct scn_contact contact;
	int has_safety_target;
	double safety_miss_rate;
	int has_max_utilization;  /* [targets] max_utilization is set */
	double max_utilization;   /* busy share of available time, per role */
	struct scn_sweep sweep;
	/* Provenance for the reports: the --set overrides as given, in order.
	 * Borrowed: the command line sets it and outlives the scenario; none
	 * otherwise (-r and --seed show as replications and seed). */
	const struct scn_override *set;
	int nset;
	int ntemplates;
	struct scn_tmpl *templates; /* ntemplates, heap-allocated (NULL when none) */
	int derived;              /* scn_design's copy: the traces and empirical
	                           * values are the original's (not freed) */
	struct dist_emp *emps;    /* the values of every empirical(FILE.csv), owned */

	/* People (SPEC 5.4): the rota's cycle, the hours of one FTE, the contracts. */
	int cycle_weeks;          /* 0: what the contracts' weekends_off need */
	double fte_hours;
	char currency[16];        /* shown with every cost; "" none */
	int ncontracts;
	struct scn_contract contracts[SCN_MAX_CONTRACTS];
};

/* One --set SECTION.KEY=VALUE, e.g. "stream.portal.per_week=1800". */
struct scn_override {
	const char *text;
};

/* Load FILE, apply the overrides in order, validate.  On error returns NULL and
 * fills err (code CQ_EXIT_USAGE for scenario errors, CQ_EXIT_FAIL for I/O). */
struct scn *scn_load(const char *file, const struct scn_override *ov, int nov,
    struct cq_err *err);
/* Same from a string (tests, fuzzing); name is used in messages. */
struct scn *scn_load_string(const char *name, const char *text,
    const struct scn_override *ov, int nov, struct cq_err *err);
/* Same from len bytes, which may contain NULs (the fuzzer's entry). */
struct scn *scn_load_mem(const char *name, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct cq_err *err);
/* Same, reading its data files (traces, empirical values) through files
 * (scn_files.h), so that loading the scenario again (a sweep's points) parses
 * none of them twice; files NULL reads them. */
struct scn_files;
struct scn *scn_load_files(const char *name, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct scn_files *files,
    struct cq_err *err);
void scn_free(struct scn *s);
/* A scenario file's bytes, NUL-terminated (caller frees); the same 4 MiB limit
 * and messages as scn_load.  *len may be NULL. */
char *scn_read_file(const char *file, size_t *len, struct cq_err *err);

/* optimize's derived copy of s: the written shifts, then every template's
 * candidates as ordinary shifts (staff 0, bounds 0..max, tmpl set), in
 * template order, starts then lengths ascending.  A by_day shift becomes
 * one shift per day of its days (NAME[mon], its staff and bounds of that
 * day; part set), a by_day template one template per day (NAME[mon], its
 * bounds per day) whose candidates are the parts of NAME@HH:MM+LENGTH[mon].
 * The copy owns its arrays (no sweep); scn_free() frees it.  NULL with err
 * on ENOMEM. */
struct scn *scn_design(const struct scn *s, struct cq_err *err);
/* Whether optimize needs scn_design's copy: a template, or a by_day shift. */
int scn_design_needed(const struct scn *s);
/* A candidate's length as its name writes it: "8h", "4h30min", "45min". */
void scn_tmpl_length_name(int minutes, char *buf, size_t n);
/* scn_warn.c: each warning about the scenario (valid, but not doing what it
 * seems to say), with the line it is about; emit returns non-zero to stop,
 * which scn_warnings returns. */
typedef int (*scn_warn_fn)(void *ctx, int line, const char *msg);
int scn_warnings(const struct scn *s, scn_warn_fn emit, void *ctx);

/* scn_replay.c: make s replay rows (owned from now on, sorted by time, each
 * with its class) as its only arrivals: its streams give way to one trace
 * stream of the rows, start_date becomes start_day, the measured span weeks
 * after a warm-up of the scenario's (rounded up to whole days; the caller
 * takes start_day that much before the span).  0, or -1 with err (file). */
int scn_replay(struct scn *s, long start_day, double weeks, struct scn_trace_row *rows,
    size_t nrows, const char *file, struct cq_err *err);
/* Print the scenario as understood, defaults filled in, as valid INI. */
void scn_print(const struct scn *s, FILE *f);
/* Print every section type and key a scenario may hold, one key a line with
 * its syntax, default and meaning (for `clinicq check --list-keys`). */
void scn_keys_print(FILE *f);

int scn_class_by_name(const struct scn *s, const char *name);
/* Minutes in the measured span and warm-up. */
double scn_horizon(const struct scn *s);
/* When person j of a shift's n persons is due to start break b (minutes after
 * midnight of the run's day): spread over the window, the first at its start
 * and the last ending at its end, so that they do not all fall at once. */
double scn_break_due(const struct scn_break *b, int j, int n);
/* Scheduled hours per week of one person of a shift over the measured span
 * (holidays counted). */
double scn_shift_hours_per_week(const struct scn *s, int shift);

/* People (scn_contract.c): the rota's cycle in weeks (cycle_weeks, or the
 * least the contracts' weekends_off need); whether contract c may work
 * shift i (of its role, and in its `shifts` when given). */
int scn_cycle_weeks(const struct scn *s);
int scn_contract_may(const struct scn *s, const struct scn_contract *c, int shift);
/* scn_roster.c: rosters by weekday.  A roster is staff per shift (NULL: as
 * written, by weekday). */
/* Persons shift i puts on duty on a run that starts on weekday wd (0 =
 * Monday) in roster staff; 0 on a day it does not run. */
int scn_shift_staff_on(const struct scn *s, const int *staff, int i, int wd);
/* Person-hours per week of shift i in roster staff over the measured span:
 * each run's scheduled hours times the staff of its weekday, holidays as
 * scn_shift_hours_per_week counts them. */
double scn_shift_person_hours_per_week(const struct scn *s, int i, const int *staff);
/* Whether the roster as written has one number for all of each shift's
 * days (then staff[i] = shifts[i].staff plays it exactly). */
int scn_roster_uniform(const struct scn *s);

/* A shift of a roster as people read it: shift i of s, or in optimize's copy
 * the parts of a shift split by day taken together, under its own name. */
struct scn_rshift {
	int first, n;             /* its shifts in s: first .. first + n - 1 */
	char name[SCN_MAX_NAME];  /* as written (a part's name less its [mon]) */
	char tmpl_name[SCN_MAX_NAME]; /* a designed shift's template, "" if none */
	unsigned days;            /* the days it starts on */
	int staff[WEEK_DAYS];     /* persons on duty by weekday (0 off its days) */
	int written[WEEK_DAYS];   /* the same, as written */
	int min[WEEK_DAYS], max[WEEK_DAYS];
	int staffed;              /* someone on some day */
};
/* The shift whose first part is i, in roster staff: 1, or 0 (r untouched)
 * when i is a later part of a split shift, shown with its first. */
int scn_rshift_at(const struct scn *s, const int *staff, int i, struct scn_rshift *r);
/* Whether the values of v differ between the days of mask days. */
int scn_by_day_varies(const int v[WEEK_DAYS], unsigned days);
/* v over days as a scenario writes it: "mon 4, tue-thu 3, fri 2" (runs of
 * equal values on consecutive days), or one number when all are equal. */
void scn_by_day_format(const int v[WEEK_DAYS], unsigned days, char *buf, size_t n);
/* The same always by day, even when all are equal ("mon-fri 3"). */
void scn_by_day_format_days(const int v[WEEK_DAYS], unsigned days, char *buf, size_t n);
/* Give shift sh these days and staff, min and max by day, as the loader reads
 * them written so: a key by day (per_day) where it differs between days. */
void scn_shift_set_by_day(struct scn_shift *sh, unsigned days, const int staff[WEEK_DAYS],
    const int min[WEEK_DAYS], const int max[WEEK_DAYS]);
/* Person-hours and cost per week of r in roster staff (NULL: as written). */
double scn_rshift_hours(const struct scn *s, const struct scn_rshift *r, const int *staff);
double scn_rshift_cost(const struct scn *s, const struct scn_rshift *r, const int *staff);

#endif
