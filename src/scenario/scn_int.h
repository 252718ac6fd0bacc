/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_int.h — what the loader's files share (not for other modules): the
 * loader's state while it interprets one document, the helpers of scn_ld.c,
 * the interpreters of each kind of section, which scn.c calls in order
 * (scn_stream.c, scn_class.c, scn_staff.c, scn_tmpl.c, scn_sweep.c), and the
 * functions the key table (scn_keytab.c) names for keys of their own syntax.
 */
#ifndef CQ_SCN_INT_H
#define CQ_SCN_INT_H

#include <stdint.h>

#include "scn.h"
#include "scn_ini.h"
#include "scn_keys.h"

/* A trace log as parsed (scn_tlog.c), once per load whatever the number of
 * streams that replay it.  The loader owns it and frees it when scn_load
 * returns: each stream copies the rows it takes into its own scn_trace, so the
 * scenario, its derived copies and a sweep's points never see it. */
struct tlog_row {
	double t;                 /* minutes from 00:00 of start_date; may be < 0 */
	int32_t line;             /* the log's line, for errors */
	int16_t code;             /* index in codes[], -1: no class column */
	int16_t stream;           /* the scenario's stream, -1: no stream column */
};

struct tlog {
	struct tlog *next;
	char *file;               /* realpath, owned */
	struct tlog_row *rows;    /* the rows of the scenario's streams, by stream
	                           * (with a stream column), then time, then line;
	                           * other streams' rows are dropped */
	size_t nrows, cap;
	size_t start[SCN_MAX_STREAMS + 1];  /* stream i's rows: [start[i], start[i+1]) */
	size_t lines;             /* rows of the log, every stream's */
	int has_class, has_stream;
	char (*codes)[SCN_MAX_NAME];   /* the class column's distinct values */
	int ncodes;
	int16_t *slot;            /* hash of codes: index + 1, 0 empty */
};


/* The loader's state while interpreting one document. */
struct ld {
	struct scn_ini_doc *doc;
	struct scn *s;
	struct cq_err *err;
	const struct scn_ini_sec *sec;      /* the section being interpreted */
	char label[SCN_MAX_NAME + 16];      /* its label, "stream portal" */
	const struct scn_ini_sec *pattern_sec[SCN_MAX_PATTERNS];
	const struct scn_ini_sec *stream_sec[SCN_MAX_STREAMS];
	const struct scn_ini_sec *class_sec[SCN_MAX_CLASSES];
	const struct scn_ini_sec *role_sec[SCN_MAX_ROLES];
	const struct scn_ini_sec **shift_sec;
	const struct scn_ini_sec *tmpl_sec[SCN_MAX_TEMPLATES];
	const struct scn_ini_sec *contract_sec[SCN_MAX_CONTRACTS];
	struct tlog *tlogs;                 /* the trace logs parsed so far, owned */
	size_t tlog_read;                   /* their rows, against SCN_MAX_TRACE_READ */
	struct scn_files *files;            /* the command's parsed files, or NULL */
	const struct tlog *tlog_seen[SCN_MAX_STREAMS];  /* this load's logs from files */
	int ntlog_seen;
};

/* scn_ld.c: errors, at an entry (its line, or the --set) or a section's header;
 * they return the status to return. */
int ld_err(struct ld *ld, const struct scn_ini_ent *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int ld_sec_err(struct ld *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ld_bad_value(struct ld *ld, const struct scn_ini_ent *e, const char *why);

/* scn_ld.c: keys of the current section, by the key table. */
const struct scn_ini_ent *ld_get(struct ld *ld, const char *key);
const struct scn_ini_ent *ld_need(struct ld *ld, const char *key, const char *example);
int ld_check_range(struct ld *ld, const struct scn_ini_ent *e, double v, double lo,
    int lo_open, double hi, const char *hi_what);
/* Read entry e (NULL: absent) by its key's kind into base: 1 if set, 0 if
 * absent, -1 on error; records KF_GIVEN. */
int ld_value(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base);
/* Read one key (required or not; by its load function or its kind), the key
 * of the current section's type named name, or all of them in table order.
 * 0 or -1. */
int ld_key(struct ld *ld, const struct scn_key *k, void *base);
int ld_key_named(struct ld *ld, const char *name, void *base);
int ld_keys(struct ld *ld, void *base);

/* scn_ld.c: lists, names and lookups. */
char *ld_trim(char *s);
char *ld_next_item(char **rest, int *empty);
int ld_name_ok(const char *s);
int ld_ref_class(struct ld *ld, const struct scn_ini_ent *e, const char *name,
    const char *what);
int ld_cmp_long(const void *a, const void *b);
/* scn_stream.c: the index of the pattern e names, or -1 (reported). */
int ld_ref_pattern(struct ld *ld, const struct scn_ini_ent *e);

/* The sections, interpreted into ld->s; each returns 0 or -1 (ld->err set). */
int ld_load_pattern(struct ld *ld, struct scn_pattern *p);       /* scn_stream.c */
int ld_load_stream(struct ld *ld, struct scn_stream *st);
void scn_trace_free(struct scn_trace *t);                      /* scn_trace.c */
/* Finish a trace stream once trace and trace_classes are read: take its rows
 * of the parsed log. */
int ld_trace_take(struct ld *ld, struct scn_stream *st);
/* scn_tlog.c: the log at the absolute path file, parsed at its first use in
 * this load (FILE:LINE errors in err); NULL on error. */
const struct tlog *ld_tlog_get(struct ld *ld, const char *file);
void ld_tlog_free_all(struct ld *ld);
int ld_load_class(struct ld *ld, struct scn_class *c);          /* scn_class.c */
int ld_load_escalation(struct ld *ld);
int ld_load_contact(struct ld *ld);
int ld_load_role(struct ld *ld, struct scn_role *r);            /* scn_staff.c */
int ld_load_shift(struct ld *ld, struct scn_shift *sh);
/* The `break` lines of the current section for a shift from start to end. */
int ld_load_breaks(struct ld *ld, int start, int end, int *nbreaks, struct scn_break *out);
/* The role named by e (an index), or -1 with the error set. */
int ld_ref_role(struct ld *ld, const struct scn_ini_ent *e);
int ld_load_sweep(struct ld *ld);                               /* scn_sweep.c */
int ld_load_template(struct ld *ld, struct scn_tmpl *t);        /* scn_tmpl.c */
int ld_load_contract(struct ld *ld, struct scn_contract *c);    /* scn_contract.c */
/* After the contracts: the rota cycle their weekends_off need fits. */
int ld_check_people(struct ld *ld);
/* scn.c: hours per week of shift i's runs, each weighted by w[] of its weekday. */
double scn_shift_weighted_hours(const struct scn *s, int i, const int w[WEEK_DAYS]);
/* scn_route.c: refuse a pathway that never ends; expected arrivals per week. */
int ld_check_routes(struct ld *ld);
void scn_sweep_var_free(struct scn_sweep_var *v);

/* The keys of their own syntax or meaning, as the key table names them: the
 * reading of each, in the file of its section ... */
scn_key_load_fn ld_scenario_name, ld_scenario_start_date,       /* scn.c */
    ld_targets_max_utilization;
scn_key_load_fn ld_calendar_holidays, ld_calendar_holiday_arrivals, /* scn_stream.c */
    ld_pattern_weight, ld_stream_rate, ld_stream_pattern, ld_stream_classes,
    ld_stream_alert_class, ld_stream_volume_cv;
scn_key_load_fn ld_stream_trace, ld_stream_trace_classes;       /* scn_trace.c */
scn_key_load_fn ld_class_target, ld_class_patience, ld_class_next, /* scn_class.c */
    ld_class_service_by_hour, ld_esc_cost_sync, ld_esc_to_class, ld_contact_follow_up;
scn_key_load_fn ld_absence, ld_role_serves, ld_shift_role,      /* scn_staff.c */
    ld_days, ld_shift_start, ld_shift_end, ld_shift_staff, ld_shift_min, ld_shift_max,
    ld_by_day, ld_shift_break;
scn_key_load_fn ld_tmpl_role, ld_tmpl_start, ld_tmpl_length,    /* scn_tmpl.c */
    ld_tmpl_break;
scn_key_load_fn ld_sweep_vary;                                  /* scn_sweep.c */
scn_key_load_fn ld_scenario_currency, ld_contract_role,         /* scn_contract.c */
    ld_contract_weekends_off, ld_contract_shifts;
/* ... and their writing by `check` (scn_print.c). */
scn_key_print_fn pr_scenario_name, pr_scenario_start_date, pr_scenario_confirm,
    pr_calendar_holidays, pr_calendar_holiday_arrivals, pr_pattern_weight,
    pr_stream_per_week, pr_stream_pattern, pr_stream_classes, pr_stream_volume_cv,
    pr_stream_per_patient_per_day, pr_stream_trace, pr_stream_trace_classes,
    pr_class_ref, pr_class_target, pr_class_next, pr_class_measure_from,
    pr_class_service_by_hour, pr_role_serves, pr_role_name, pr_days,
    pr_shift_start, pr_shift_end, pr_shift_staff, pr_shift_min, pr_shift_max,
    pr_cost_own, pr_shift_break, pr_tmpl_start, pr_tmpl_length, pr_tmpl_max_shifts,
    pr_tmpl_break, pr_esc_cost_sync, pr_sweep_vary;
scn_key_print_fn pr_scenario_cycle_weeks, pr_scenario_people,   /* scn_contract.c */
    pr_scenario_currency, pr_contract_weekends_off, pr_contract_shifts;

#endif
