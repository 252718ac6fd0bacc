/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_int.h — what fit.c (the passes over the log) hands fit_print.c (the
 * sections): the counts of the whole weeks fitted.  Not for other modules.
 */
#ifndef CQ_FIT_INT_H
#define CQ_FIT_INT_H

#include "fit.h"
#include "fit_patience.h"
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
};

/* fit_print.c */
int fit_print(struct fit *ft, FILE *out, struct cq_err *err);

#endif
