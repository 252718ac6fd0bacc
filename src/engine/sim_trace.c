/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_trace.c — a trace stream's arrivals: the rows of its log (sorted when
 * the scenario was loaded) in order, the same in every replication.  Only
 * the class, when the log has none, and everything after arrival are drawn.
 */
#include <math.h>

#include "sim_int.h"

/* The first row's time (rows are at or after start_date). */
double
sim_trace_first(struct sim *m, int sidx)
{
	const struct scn_trace *tr = m->s->streams[sidx].trace;

	m->arr[sidx].trace_pos = 0;
	return tr->nrows > 0 ? tr->rows[0].t : INFINITY;
}

/* The class the log gave the arrival in hand. */
int
sim_trace_class(const struct sim *m, int sidx)
{
	return m->s->streams[sidx].trace->rows[m->arr[sidx].trace_pos].cls;
}

/* Past the arrival in hand: the next row's time, INFINITY after the last. */
double
sim_trace_next(struct sim *m, int sidx)
{
	const struct scn_trace *tr = m->s->streams[sidx].trace;
	size_t pos = ++m->arr[sidx].trace_pos;

	return pos < tr->nrows ? tr->rows[pos].t : INFINITY;
}
