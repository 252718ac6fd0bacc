/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_trace.c — `trace = FILE.csv` of a [stream]: the arrivals of an event log
 * (data/log.h), read once at load, sorted, and owned by the scenario; the
 * engine replays them in every replication.  Times are taken relative to
 * 00:00 of [scenario] start_date.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "data/log.h"
#include "scn_int.h"
#include "units.h"
#include "week.h"
#include "utf8.h"

struct trace_ld {
	struct ld *ld;
	struct scn_stream *st;
	struct scn_trace *tr;
	size_t cap;
	int has_stream;
	long cls_rows[SCN_MAX_CLASSES];   /* rows in the horizon, by class */
	size_t kept, read;                /* by the traces of earlier streams */
};

void
scn_trace_free(struct scn_trace *t)
{
	if (t == NULL)
		return;
	free(t->file);
	free(t->rows);
	free(t);
}

static int
on_header(void *ctx, const struct log_cols *cols, struct cq_err *err)
{
	struct trace_ld *tl = ctx;

	tl->tr->has_class = cols->has_class;
	tl->has_stream = cols->has_stream;
	if (!cols->has_class && tl->st->nclasses == 0)
		return cq_err_set(err, CQ_EXIT_USAGE, tl->tr->file, 1, "the log has no class "
		    "column, so [stream %s] needs classes with shares to draw them, like "
		    "classes = routine 0.8, clinical 0.2", tl->st->name);
	return 0;
}

static int
on_row(void *ctx, const struct log_row *r, struct cq_err *err)
{
	struct trace_ld *tl = ctx;
	struct scn_trace *tr = tl->tr;
	const struct scn *s = tl->ld->s;
	double t, horizon = scn_horizon(s);
	int c = -1;

	/* Bounds on memory and time over all of the scenario's traces. */
	if (++tl->read > SCN_MAX_TRACE_READ)
		return cq_err_set(err, CQ_EXIT_USAGE, tr->file, (int)r->line, "more than %d "
		    "trace rows read for the scenario (SCN_MAX_TRACE_READ); cut the logs to "
		    "the weeks and streams the scenario plays", SCN_MAX_TRACE_READ);
	/* A log of several streams: this stream's rows only. */
	if (r->stream != NULL && strcmp(r->stream, tl->st->name) != 0)
		return 0;
	tr->read++;
	if (r->cls != NULL && (c = scn_class_by_name(s, r->cls)) < 0)
		return cq_err_set(err, CQ_EXIT_USAGE, tr->file, (int)r->line, "class '%s' is "
		    "no class of the scenario; add a [class %s] section or rename it in the log",
		    r->cls, r->cls);
	t = (double)(r->day - s->start_epoch_day) * DAY_MIN + r->minute;
	if (t < 0) {
		tr->before++;
		return 0;
	}
	if (t < s->warmup)
		tr->warm++;
	else if (t < horizon)
		tr->span++;
	else
		tr->after++;
	if (t < horizon) {
		int how = (int)fmod((floor(t / 60.0) + s->start_weekday * 24.0), WEEK_HOURS);

		/* The rate per hour of week the log amounts to, for what estimates
		 * a stream's load (the optimizer's relaxation, the event budget). */
		tl->st->rate[how] += 1.0;
		if (c >= 0)
			tl->cls_rows[c]++;
	}
	if (tl->kept + tr->nrows == SCN_MAX_TRACE_ROWS)
		return cq_err_set(err, CQ_EXIT_USAGE, tr->file, (int)r->line, "more than %d "
		    "trace rows at or after start_date, all streams together "
		    "(SCN_MAX_TRACE_ROWS); cut the log to the weeks the scenario plays",
		    SCN_MAX_TRACE_ROWS);
	if (tr->nrows == tl->cap) {
		size_t cap = tl->cap == 0 ? 4096 : tl->cap * 2;
		struct scn_trace_row *p = realloc(tr->rows, cap * sizeof *p);

		if (p == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, tr->file, 0, "out of memory");
		tr->rows = p;
		tl->cap = cap;
	}
	tr->rows[tr->nrows].t = t;
	tr->rows[tr->nrows++].cls = c;
	return 0;
}

static int
cmp_row(const void *a, const void *b)
{
	const struct scn_trace_row *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->cls > y->cls) - (x->cls < y->cls);
}

/* The log's path: as written when absolute, else beside the scenario file. */
static char *
trace_path(const char *scn_file, const char *value)
{
	const char *slash = strrchr(scn_file, '/');
	size_t dn = slash != NULL ? (size_t)(slash - scn_file) + 1 : 0;
	char *p;

	if (value[0] == '/' || dn == 0)
		return strdup(value);
	if ((p = malloc(dn + strlen(value) + 1)) == NULL)
		return NULL;
	memcpy(p, scn_file, dn);
	strcpy(p + dn, value);
	return p;
}

/* Classes by the log's shares in the horizon, when the stream names none. */
static void
shares_from_log(struct trace_ld *tl)
{
	struct scn_stream *st = tl->st;
	long total = 0;
	double acc = 0;
	int c, last = -1;

	for (c = 0; c < tl->ld->s->nclasses; c++) {
		total += tl->cls_rows[c];
		if (tl->cls_rows[c] > 0)
			last = c;
	}
	for (c = 0; c < tl->ld->s->nclasses; c++) {
		if (tl->cls_rows[c] == 0)
			continue;
		st->class_idx[st->nclasses] = c;
		/* To 1e-9, the last what makes the sum 1, as `check` prints them. */
		st->share[st->nclasses] = c == last ? 1.0 - acc :
		    round((double)tl->cls_rows[c] / (double)total * 1e9) / 1e9;
		acc += st->share[st->nclasses++];
	}
}

/* trace = FILE.csv: a message stream's arrivals, read from the log at load. */
int
ld_stream_trace(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_stream *st = base;
	struct trace_ld tl;
	struct log_cb cb;
	struct scn_trace *tr;
	char *path, *real;
	const char *why;
	size_t off, read0;
	double weeks = scn_horizon(ld->s) / WEEK_MIN;
	int h;

	(void)k;
	if (e == NULL)
		return 0;
	if ((tr = calloc(1, sizeof *tr)) == NULL || (path = trace_path(ld->doc->file,
	    e->value)) == NULL) {
		free(tr);
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	}
	st->trace = tr;
	/* Absolute, so that `check`'s output loads the same log from anywhere. */
	real = realpath(path, NULL);
	if (real == NULL) {
		ld_err(ld, e, "cannot open the trace log '%s' of [%s] (a path relative to the "
		    "scenario file)", path, ld->label);
		free(path);
		return -1;
	}
	free(path);
	tr->file = real;
	/* The path reaches JSON and `check`'s output, which carry only UTF-8. */
	if (utf8_check(real, strlen(real), 0, &off, &why) != 0)
		return ld_err(ld, e, "the trace log's path has %s at byte %zu; rename it "
		    "(paths are UTF-8 text)", why, off + 1);
	memset(&tl, 0, sizeof tl);
	tl.ld = ld;
	tl.st = st;
	tl.tr = tr;
	for (h = 0; h < ld->s->nstreams; h++)
		if (ld->s->streams[h].trace != NULL) {
			tl.kept += ld->s->streams[h].trace->nrows;
			tl.read += ld->s->streams[h].trace->lines;
		}
	read0 = tl.read;
	cb.header = on_header;
	cb.row = on_row;
	cb.ctx = &tl;
	for (h = 0; h < WEEK_HOURS; h++)
		st->rate[h] = 0.0;
	if (log_read_file(tr->file, &cb, ld->err) != 0)
		return -1;
	tr->lines = tl.read - read0;
	if (tr->read == 0)
		return ld_err(ld, e, "the trace log of [%s] has no rows%s", ld->label,
		    tl.has_stream ? " of this stream (its stream column names others)" : "");
	if (tr->warm + tr->span == 0)
		return ld_err(ld, e, "none of the %ld rows of the trace log of [%s] falls in "
		    "the scenario's warm-up and measured span; check [scenario] start_date",
		    tr->read, ld->label);
	qsort(tr->rows, tr->nrows, sizeof *tr->rows, cmp_row);
	/* Counts per hour of week over the horizon, made a rate per minute. */
	st->per_week = 0;
	for (h = 0; h < WEEK_HOURS; h++) {
		st->rate[h] /= weeks * 60.0;
		st->per_week += st->rate[h] * 60.0;
	}
	if (tr->has_class && st->nclasses == 0)
		shares_from_log(&tl);
	return 0;
}
