/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_int.h — what fit.c (the passes over the log) hands fit_print.c (the
 * sections): the counts of the whole weeks fitted.  Not for other modules.
 */
#ifndef CQ_FIT_INT_H
#define CQ_FIT_INT_H

#include "fit.h"
#include "fit_patience.h"
#include "fit_staff.h"
#include "fit_service.h"
#include "log.h"
#include "week.h"


struct fit_stream {
	char name[LOG_MAX_NAME];
	uint32_t *counts;         /* [week * WEEK_HOURS + hour of week], the fitted weeks */
	long rows;                /* in the fitted weeks */
	long cls_rows[FIT_MAX_CLASSES];
};

struct fit_class {
	char name[LOG_MAX_NAME];
	long rows;                /* in the fitted weeks */
	struct fit_svc svc;
	struct fit_service srv;   /* short services, the mean by hour */
	struct fit_pat pat;       /* waits, when the log has an outcome column */
};

struct fit {
	const char *file;
	const struct fit_opts *o;
	int pass;                 /* 1: range and names; 2: counts */
	struct log_cols cols;
	long rows;                /* all rows of the log */
	long min_day, max_day;
	long start_day, end_day;  /* the whole weeks fitted: [start, end), Mondays */
	int nweeks;
	long dropped;             /* rows outside them */
	long before, after;       /* of which before the first week, after the last */
	long no_service;          /* rows in range with an empty service_min */
	int nstreams, nclasses;
	struct fit_stream streams[FIT_MAX_STREAMS];
	struct fit_class classes[FIT_MAX_CLASSES];
	int last_stream, last_class;   /* lookup caches: logs come in runs */
	char default_name[LOG_MAX_NAME];
	struct fit_staff *staff;  /* with an agent column: its busy minutes */
};

/* fit_days.c: one stream's days over the weeks fitted, day i being
 * start_day + i (weekday i % 7). */
enum { FIT_DAY_KEPT, FIT_DAY_GAP, FIT_DAY_EXCLUDED };

struct fit_days {
	int ndays;
	unsigned char *state;     /* FIT_DAY_* per day */
	long *count;              /* the stream's rows per day */
	long rows, kept_rows;
	int kept_days, nkept[7];
	double median[7];         /* of each weekday's days not excluded (gap test) */
	double mean[7];           /* of each weekday's days kept */
	double per_week, var_pw;  /* the sum of the means; its variance */
	double disp, p;           /* Poisson dispersion statistic, its chi-square p */
	int df;
	double cv;                /* volume_cv's estimate */
	int cv_sig;               /* the dispersion is significant: write it */
};

/* 0, or -1 with err set: out of memory, or no day kept (CQ_EXIT_USAGE); fd
 * is freed then. */
int fit_days_run(const struct fit *ft, const struct fit_stream *st, struct fit_days *fd,
    struct cq_err *err);
void fit_days_free(struct fit_days *fd);
/* Hour of week h's mean count over the days kept of its weekday, and in *var
 * their unbiased variance (-1 with fewer than 2 days kept). */
double fit_days_hour(const struct fit *ft, const struct fit_stream *st,
    const struct fit_days *fd, int h, double *var);
void fit_days_print_left_out(const struct fit *ft, const struct fit_days *fd, FILE *out);
void fit_days_print_per_week(const struct fit *ft, const struct fit_days *fd, FILE *out);
void fit_days_print_cv(const struct fit_days *fd, FILE *out);

/* fit_print.c */
int fit_print(struct fit *ft, FILE *out, struct cq_err *err);
/* Days of a mask (bit d: weekday d) as a scenario writes them: mon-fri, mon,wed-fri, all. */
void fit_print_days(unsigned mask, char *buf, size_t n);

/* fit_scn.c: the staffing and, with --scenario, the rest of a scenario.
 * What the streams tell the staffing: the days kept in every stream, the
 * offered load. */
struct fit_plan {
	unsigned char *kept;      /* [day index]: kept in every stream with rows */
	double load[WEEK_HOURS];  /* mean erlangs offered in each hour of week */
};

int fit_plan_init(const struct fit *ft, struct fit_plan *p, struct cq_err *err);
void fit_plan_stream(const struct fit *ft, const struct fit_stream *st,
    const struct fit_days *fd, struct fit_plan *p);
void fit_plan_free(struct fit_plan *p);
void fit_scn_print_head(const struct fit *ft, FILE *out);
/* The [role] and [shift]s: from the agent column, else (--scenario) from
 * the offered load; nothing without either.  -1: out of memory. */
int fit_scn_print_staff(const struct fit *ft, struct fit_plan *p, FILE *out,
    struct cq_err *err);
void fit_scn_print_tail(const struct fit *ft, FILE *out);

#endif
