/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_records.h — `run --records`: every measured item of a run as a row of
 * an event log in the columns `clinicq fit` reads (doc/data.md, Records),
 * written as the engine hands the items over (sim_opts.record), never held.
 */
#ifndef CQ_RPT_RECORDS_H
#define CQ_RPT_RECORDS_H

#include <stdio.h>

#include "engine/sim.h"
#include "scenario/scn.h"

struct rpt_records {
	FILE *f;                  /* the caller's; rows are written to it */
	const struct scn *s;      /* names of classes and roles, start_date */
	int with_rep;             /* a first column `replication` (1-based) */
};

/* Start w on f: the header row. */
void rpt_records_begin(struct rpt_records *w, FILE *f, const struct scn *s,
    int with_rep);
/* A sim_record_fn (ctx: a struct rpt_records): one row.  Write errors stay
 * on the stream (ferror), for whoever closes it. */
void rpt_records_row(void *ctx, const struct sim_record *r);

#endif
