/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt.h — renderings of the measures: a table for people on stdout, the JSON of
 * doc/clinicq.1, CSV files for analysts.  Writers take a struct meas and know nothing
 * of the engine.  File writers write to a temporary name and rename into place.
 */
#ifndef CQ_RPT_H
#define CQ_RPT_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "measure/meas.h"

/* Wall-clock figures, printed only under "timing". */
struct rpt_timing {
	double wall_s, cpu_s;
	int jobs;
};

/* A count over the measured span of a replication as a count a week: the unit
 * of every count for people (text and workbook); JSON and CSV keep totals. */
struct est rpt_per_week(const struct est *e, double weeks);

/* The summary table for people. */
void rpt_text(const struct meas *m, FILE *f);
/* Its head: the scenario's name, file, clinicq's version, the seed, every --set
 * and the streams as loaded (after the overrides). */
void rpt_text_head(const struct scn *s, FILE *f);
/* The members of the run object of doc/clinicq.1 (no braces: sweep points embed them). */
void rpt_json_members(const struct meas *m, FILE *f);
/* The same for a top-level object: "version" and "overrides" after "scenario". */
void rpt_json_top_members(const struct meas *m, FILE *f);
/* "version":...,"overrides":{KEY:VALUE,...} of s: its --set, in order (no braces). */
void rpt_json_provenance(const struct scn *s, FILE *f);
/* The whole run object, with "timing" when t is not NULL, and a newline. */
void rpt_json(const struct meas *m, const struct rpt_timing *t, FILE *f);
/* classes.csv, roles.csv, safety.csv, backlog.csv, measures.csv, replications.csv
 * and provenance.csv in DIR (created if absent). */
int rpt_csv(const struct meas *m, const char *dir, struct cq_err *err);

/* Every figure of a run, in the order of the JSON: kind "class", "role", "safety"
 * or "cost"; name the class or role ("" otherwise); measure the JSON key; e the
 * estimate, or NULL for a verdict (measure "met", verdict its name). */
typedef void (*rpt_figure_fn)(void *arg, const char *kind, const char *name,
    const char *measure, const struct est *e, const char *verdict);
void rpt_figures(const struct meas *m, rpt_figure_fn fn, void *arg);
/* The unit of a figure in measures.csv: "min", "share", "items_per_replication",
 * "hours_per_week",
 * "per_week" (money), "items_per_week", "persons", "verdict". */
const char *rpt_figure_unit(const char *kind, const char *measure);
/* measures.csv: its header, and one row (point 0: none, as for run). */
void rpt_measures_head(FILE *f);
void rpt_measures_row(FILE *f, const char *scenario, int point, const char *kind,
    const char *name, const char *measure, const struct est *e);
/* replications.csv: one row per replication and class of that replication's own
 * figures (point,replication,class, then these columns; point empty for run). */
#define RPT_REP_NCOLS 25
extern const char *const rpt_rep_cols[RPT_REP_NCOLS];
/* Replication i's (from 0) figures of class c; m->reps must be kept. */
void rpt_rep_values(const struct meas *m, int i, int c, double v[RPT_REP_NCOLS]);
void rpt_replications_head(FILE *f);
void rpt_replications_row(FILE *f, int point, int rep, const char *cls, const double *v);
/* provenance.csv: key,value rows naming the scenario, its file, clinicq's
 * version, the seed, the replications and every --set ("set" rows, in order). */
void rpt_provenance_csv(const struct scn *s, FILE *f);
/* A CSV field, quoted when it holds a comma, a quote or a line break. */
void rpt_csv_str(FILE *f, const char *s);
/* measures.csv's provenance: rows of subject "provenance" (scenario_file,
 * clinicq_version and each --set as text in `unit`, the seed in `mean`). */
void rpt_measures_provenance(const struct scn *s, FILE *f);
/* Copy CSV text (len bytes, lines ending in '\n', no line break inside a
 * field) to out with provenance columns appended to every line, so that each
 * file says what it is of: scenario_file, clinicq_version, seed and overrides
 * (every --set, "; "-separated, in order).  -1 on ENOMEM. */
int rpt_csv_stamp(const struct scn *s, const char *buf, size_t len, FILE *out);
/* Run fill(arg, f) into memory and copy it stamped to out; -1 with err on ENOMEM. */
int rpt_csv_stamped(const struct scn *s, FILE *out, void (*fill)(const void *, FILE *),
    const void *arg, struct cq_err *err);
/* The same into the file DIR/NAME, made whole or not at all (afile.h; DIR
 * made when absent): 0, or -1 with err. */
int rpt_csv_file(const struct scn *s, const char *dir, const char *name,
    void (*fill)(const void *, FILE *), const void *arg, struct cq_err *err);
/* A CSV number field after its comma: empty when not finite, no -0. */
void rpt_csv_num(FILE *f, double x);

/* An extra sheet for the workbook (optimize: Optimization; sweep: Sweep).  add()
 * writes it with the helpers of rpt_xlsx.h; it returns 0, or -1 with err set. */
struct rpt_xlsx;
struct rpt_xlsx_extra {
	int (*add)(struct rpt_xlsx *x, void *arg, struct cq_err *err);
	void *arg;
};

/* What a workbook shows besides the measures (all may be zero). */
struct rpt_xlsx_opts {
	/* optimize: the roster the measures are of, staff per shift of the
	 * scenario.  The Summary says so, and the Roster sheet and its coverage
	 * grid show it with the roster as written beside it.  NULL: the measures
	 * are of the roster as written. */
	const int *staff;
	int feasible;             /* staff meets every target; else the best found */
	/* Not feasible: why no roster meets the targets and what would help, one
	 * sentence each, first on the Summary (none: NULL, 0). */
	const char *const *why;
	int nwhy;
};

/* The workbook of doc/workbook.md at path: Summary, Roster, Backlog, Waits, Roles.  It is
 * written to a temporary file beside path and renamed into place; on error -1 is
 * returned with err (code CQ_EXIT_FAIL), no file is left and an existing file at
 * path is untouched. */
int rpt_xlsx(const struct meas *m, const char *path, struct cq_err *err);
/* The same with options (o may be NULL) and extra sheets, added in order after
 * Summary.  m may be NULL: then only the extra sheets are written (s names the
 * workbook and fixes its date). */
int rpt_xlsx_ext(const struct scn *s, const struct meas *m,
    const struct rpt_xlsx_opts *o, const struct rpt_xlsx_extra *extra, int nextra,
    const char *path, struct cq_err *err);
/* Staff of a role on duty in each hour of a typical week (Monday 00:00 first,
 * holidays aside), averaged over the hour: 2 people from 08:30 give 1 at 08:00.
 * staff: per shift, or NULL for the roster as written. */
void rpt_coverage(const struct scn *s, const int *staff, int role,
    double out[WEEK_HOURS]);

/* JSON helpers shared by writers: NaN and infinities print as null. */
void rpt_json_str(FILE *f, const char *s);
void rpt_json_num(FILE *f, double x);
/* Staff by weekday v on days: one number when all its days have the same,
 * else {"mon":4,"tue":3,...}, its days only (SPEC 4). */
void rpt_json_by_day(FILE *f, const int v[WEEK_DAYS], unsigned days);
void rpt_json_est(FILE *f, const struct est *e);
/* A verdict as a JSON string; null when there is no target (MEAS_MET_NONE). */
void rpt_json_met(FILE *f, enum meas_met m);
/* Minutes for people: "45 min", "3 h 5 min", "1 d 18 h" (unit_format_readable). */
char *rpt_fmt_duration(double minutes, char *buf, size_t n);
/* A span: "2 weeks", "3 days", else as rpt_fmt_duration. */
void rpt_fmt_span(double minutes, char *buf, size_t n);
/* The verdict in the words every output for people uses: "met" (with
 * confidence), "met on average", "missed", "n/a" (no item measured); "" for
 * no target.  JSON and CSV keep the contract's codes (meas_met_name). */
const char *rpt_verdict_word(enum meas_met m);
/* A cost for people: "12828.28 EUR" with the scenario's currency, "12828.28"
 * without one (currency NULL or ""). */
char *rpt_fmt_money(double x, const char *currency, char *buf, size_t n);

#endif
