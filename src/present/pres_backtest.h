/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_backtest.h — `clinicq backtest`'s outputs: the text for people, the
 * JSON object, backtest.csv and the workbook's Backtest sheet.  Nothing here
 * keeps or frees what it is given; files go through afile (the caller's
 * batch renames them into place).
 */
#ifndef CQ_PRES_BACKTEST_H
#define CQ_PRES_BACKTEST_H

#include <stdio.h>

#include "err.h"
#include "data/log_profile.h"
#include "measure/backtest.h"

/* What a backtest is of, for headings and provenance. */
struct pres_bt {
	const struct backtest *bt;
	const struct scn *s;      /* the replay (scn_replay) */
	const char *log;          /* the log's file as given */
	long rows;                /* the log's rows */
	const struct log_profile *profile;  /* --profile, or NULL */
};

/* Per class, by hour of day, the agreement and the hours flagged. */
void pres_bt_text(const struct pres_bt *p, FILE *f);
/* {"backtest":{"classes":...,"by_hour":[...],"agreement":{...}}} and a newline. */
void pres_bt_json(const struct pres_bt *p, FILE *f);
/* backtest.csv in dir.  0, or -1 with err. */
int pres_bt_csv(const struct pres_bt *p, const char *dir, struct cq_err *err);
/* A workbook with the Backtest sheet: the figures by hour and charts of
 * observed against simulated.  0, or -1 with err. */
int pres_bt_xlsx(const struct pres_bt *p, const char *path, struct cq_err *err);

#endif
