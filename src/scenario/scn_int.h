/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_int.h — what the loader's files share (not for other modules): the
 * loader's state while it interprets one document, the helpers of scn_ld.c,
 * and the interpreters of each kind of section, which scn.c calls in order
 * (scn_stream.c, scn_class.c, scn_staff.c, scn_sweep.c).
 */
#ifndef CQ_SCN_INT_H
#define CQ_SCN_INT_H

#include "scn.h"
#include "scn_ini.h"

#define MIN_PER_WEEK 10080.0

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
};

/* What a distribution gives (ld_opt_dist). */
enum dist_use { USE_TIME, USE_VALUE, USE_PROB };

/* scn_ld.c: errors, at an entry (its line, or the --set) or a section's header;
 * they return the status to return. */
int ld_err(struct ld *ld, const struct scn_ini_ent *e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int ld_sec_err(struct ld *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ld_bad_value(struct ld *ld, const struct scn_ini_ent *e, const char *why);

/* scn_ld.c: keys of the current section.  The ld_opt_ ones return 1 if set,
 * 0 if absent, -1 on error. */
const struct scn_ini_ent *ld_get(struct ld *ld, const char *key);
const struct scn_ini_ent *ld_need(struct ld *ld, const char *key, const char *example);
int ld_check_range(struct ld *ld, const struct scn_ini_ent *e, double v, double lo,
    int lo_open, double hi, const char *hi_what);
int ld_opt_num(struct ld *ld, const char *key, double lo, int lo_open, double hi,
    const char *hi_what, double *out);
int ld_opt_int(struct ld *ld, const char *key, long lo, long hi, const char *hi_what,
    int *out);
int ld_opt_dur(struct ld *ld, const char *key, double lo, int lo_open, double hi,
    const char *hi_what, double *out);
int ld_opt_bool(struct ld *ld, const char *key, int *out);
int ld_opt_share(struct ld *ld, const char *key, double *out);
int ld_opt_choice(struct ld *ld, const char *key, const char *const *choices, int *out);
int ld_opt_dist(struct ld *ld, const char *key, enum dist_use use, struct dist *out);

/* scn_ld.c: lists, names and lookups. */
char *ld_trim(char *s);
char *ld_next_item(char **rest, int *empty);
int ld_name_ok(const char *s);
int ld_ref_class(struct ld *ld, const struct scn_ini_ent *e, const char *name,
    const char *what);
int ld_cmp_long(const void *a, const void *b);

/* The sections, interpreted into ld->s; each returns 0 or -1 (ld->err set). */
int ld_load_calendar(struct ld *ld);                            /* scn_stream.c */
int ld_load_pattern(struct ld *ld, struct scn_pattern *p);
int ld_load_stream(struct ld *ld, struct scn_stream *st);
int ld_load_trace(struct ld *ld, const struct scn_ini_ent *e, struct scn_stream *st);
void scn_trace_free(struct scn_trace *t);                      /* scn_trace.c */
int ld_load_class(struct ld *ld, struct scn_class *c);          /* scn_class.c */
int ld_load_escalation(struct ld *ld);
int ld_load_contact(struct ld *ld);
int ld_load_role(struct ld *ld, struct scn_role *r);            /* scn_staff.c */
int ld_load_shift(struct ld *ld, struct scn_shift *sh);
/* `absence` of the current section (1 set, 0 not, -1 error), and its `break`
 * lines for a shift from start to end (0 or -1): for any section of shifts. */
int ld_load_absence(struct ld *ld, double *out);
int ld_load_breaks(struct ld *ld, int start, int end, int *nbreaks, struct scn_break *out);
int ld_load_sweep(struct ld *ld);                               /* scn_sweep.c */
int ld_load_template(struct ld *ld, struct scn_tmpl *t);        /* scn_tmpl.c */
/* scn_route.c: refuse a pathway that never ends; expected arrivals per week. */
int ld_check_routes(struct ld *ld);
void scn_sweep_var_free(struct scn_sweep_var *v);

#endif
