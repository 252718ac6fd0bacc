/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_replay.c — a loaded scenario made to replay given arrivals (a log's
 * rows, read by the caller through any reader or profile) as its only ones:
 * its streams give way to one trace stream of those rows, its dates to the
 * log's span.  What the scenario says of everything after arrival (classes,
 * roles, roster, patience, service) stays as written.  `backtest` uses it, so
 * that a log read through a profile replays as a canonical one does.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "scn_int.h"

/* Holidays are days from start_date: keep those that fall in the new span,
 * counted from the new start. */
static void
move_holidays(struct scn *s, long start_day, double days)
{
	int i, n = 0;

	for (i = 0; i < s->nholidays; i++) {
		long d = s->start_epoch_day + s->holidays[i] - start_day;

		if (d >= 0 && d < days)
			s->holidays[n++] = d;
	}
	s->nholidays = n;
}

/* The one stream: its rate per hour of week and the classes' volumes from
 * the rows of the horizon (what estimates the load: the event budget). */
static void
stream_rates(struct scn *s, struct scn_stream *st)
{
	const struct scn_trace *tr = st->trace;
	double horizon = scn_horizon(s), weeks = horizon / WEEK_MIN;
	size_t i;
	int h, c;

	for (c = 0; c < s->nclasses; c++)
		s->classes[c].per_week_external = s->classes[c].per_week = 0;
	for (i = 0; i < tr->nrows && tr->rows[i].t < horizon; i++) {
		h = (int)fmod(floor(tr->rows[i].t / 60.0) + s->start_weekday * 24.0, WEEK_HOURS);
		st->rate[h] += 1.0;
		s->classes[tr->rows[i].cls].per_week += 1.0 / weeks;
	}
	st->per_week = 0;
	for (h = 0; h < WEEK_HOURS; h++) {
		st->rate[h] /= weeks * 60.0;
		st->per_week += st->rate[h] * 60.0;
	}
	for (c = 0; c < s->nclasses; c++) {
		s->classes[c].per_week_external = s->classes[c].per_week;
		if (s->classes[c].per_week > 0) {
			st->class_idx[st->nclasses] = c;
			st->share[st->nclasses++] = s->classes[c].per_week / st->per_week;
		}
	}
}

int
scn_replay(struct scn *s, long start_day, double weeks, struct scn_trace_row *rows,
    size_t nrows, const char *file, struct cq_err *err)
{
	struct scn_trace *tr;
	struct scn_stream *st;
	int i;

	if (s->derived) {
		free(rows);
		return cq_err_set(err, CQ_EXIT_FAIL, file, 0, "internal: replay on a "
		    "derived scenario");
	}
	if ((tr = calloc(1, sizeof *tr)) == NULL || (tr->file = strdup(file)) == NULL) {
		free(tr);
		free(rows);
		return cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
	}
	for (i = 0; i < s->nstreams; i++)
		scn_trace_free(s->streams[i].trace);
	/* Warm-up in whole days, so that the measured span starts at 00:00. */
	s->warmup = ceil(s->warmup / DAY_MINUTES) * DAY_MINUTES;
	move_holidays(s, start_day, s->warmup / DAY_MINUTES + weeks * 7);
	s->start_epoch_day = start_day;
	s->start_weekday = civil_weekday(start_day);
	s->weeks = weeks;
	tr->rows = rows;
	tr->nrows = nrows;
	tr->has_class = 1;
	tr->read = (long)nrows;
	tr->lines = nrows;
	st = &s->streams[0];
	memset(st, 0, sizeof *st);
	snprintf(st->name, sizeof st->name, "log");
	st->kind = SCN_MESSAGE;
	st->pattern = -1;
	st->alert_class = -1;
	st->trace = tr;
	s->nstreams = 1;
	stream_rates(s, st);
	return 0;
}
