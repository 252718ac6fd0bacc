/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_records.h — `run --records`: every measured item of a run as a row of
 * an event log in the columns `clinicq fit` reads (doc/data.md, Records),
 * written as the engine hands the items over (sim_opts.record), never held
 * in memory.
 *
 * Of the first replication, rows go straight to the file.  Of all of them
 * (with a first column `replication`), each replication's rows go to a part
 * file of its own in a private temporary folder, and the parts are appended
 * to the file in replication order as they end: the same bytes whatever the
 * number of threads.
 */
#ifndef CQ_RPT_RECORDS_H
#define CQ_RPT_RECORDS_H

#include <pthread.h>
#include <stdio.h>

#include "err.h"
#include "engine/sim.h"
#include "scenario/scn.h"

struct rpt_records {
	FILE *f;                  /* the caller's: the rows end up in it */
	const struct scn *s;      /* names of classes and roles, start_date */
	int all;                  /* every replication, with its number */
	/* all: the parts, their folder ("" when none) and the next to append */
	char dir[4096];
	FILE **part;              /* the part of a replication being played */
	unsigned char *ended;     /* replication ended, its part closed */
	int nreps, next;
	int bad_errno;            /* a part could not be written: its errno */
	pthread_mutex_t mu;
};

/* Start w on f (the header row): the first replication's rows, or with all
 * every replication's.  0, or -1 with err (rpt_records_free still applies). */
int rpt_records_begin(struct rpt_records *w, FILE *f, const struct scn *s, int all,
    struct cq_err *err);
/* A sim_record_fn (ctx: a struct rpt_records): one row.  Write errors stay
 * on the streams, for rpt_records_finish and whoever closes f. */
void rpt_records_row(void *ctx, const struct sim_record *r);
/* A replication ended (run_opts.record_end): with all, append the parts
 * that are next in order. */
void rpt_records_end(void *ctx, int rep);
/* After the run: every row is in f?  0, or -1 with err. */
int rpt_records_finish(struct rpt_records *w, const char *path, struct cq_err *err);
/* Remove the parts left and their folder; safe on a zeroed w. */
void rpt_records_free(struct rpt_records *w);

#endif
