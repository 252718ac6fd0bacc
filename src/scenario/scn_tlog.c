/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_tlog.c — a trace log parsed once per scenario load: the first stream
 * that names a log reads it (data/log.h), the others take their rows from the
 * parse.  Reading is most of a trace's cost (23 streams on one log read it 23
 * times before), so the rows are kept, sorted by time, until scn_load
 * returns (or, given the command's store, scn_files.h, until the command
 * ends); a stream copies the rows it plays (scn_trace.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/log.h"
#include "scn_files.h"
#include "scn_int.h"

#define TLOG_SLOTS (2 * SCN_MAX_TRACE_CODES)   /* a power of two, half full at most */

struct tlog_ctx {
	struct ld *ld;
	struct tlog *tl;
	int last;                 /* the code of the row before: logs come in runs */
};

static void
tlog_free(struct tlog *tl)
{
	free(tl->file);
	free(tl->rows);
	free(tl->codes);
	free(tl->slot);
	free(tl);
}

void
ld_tlog_free_all(struct ld *ld)
{
	struct tlog *tl, *next;

	for (tl = ld->tlogs; tl != NULL; tl = next) {
		next = tl->next;
		tlog_free(tl);
	}
	ld->tlogs = NULL;
}

static int
on_header(void *ctx, const struct log_cols *cols, struct cq_err *err)
{
	struct tlog *tl = ((struct tlog_ctx *)ctx)->tl;

	(void)err;
	tl->has_class = cols->has_class;
	tl->has_stream = cols->has_stream;
	return 0;
}

/* The index of a class column's value, added at its first row; -1 with err
 * set past SCN_MAX_TRACE_CODES.  Hashed: a hostile log's many values cost no
 * more than a few. */
static int
code_of(struct tlog_ctx *c, const char *v, long line, struct cq_err *err)
{
	struct tlog *tl = c->tl;
	unsigned h = 2166136261u;
	const char *p;

	if (c->last >= 0 && strcmp(tl->codes[c->last], v) == 0)
		return c->last;
	for (p = v; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (h &= TLOG_SLOTS - 1; tl->slot[h] != 0; h = (h + 1) & (TLOG_SLOTS - 1))
		if (strcmp(tl->codes[tl->slot[h] - 1], v) == 0)
			return c->last = tl->slot[h] - 1;
	if (tl->ncodes == SCN_MAX_TRACE_CODES)
		return cq_err_set(err, CQ_EXIT_USAGE, tl->file, (int)line, "more than %d "
		    "different values in the class column (SCN_MAX_TRACE_CODES)",
		    SCN_MAX_TRACE_CODES);
	/* log_name_ok() held the value under LOG_MAX_NAME, which fits a name. */
	snprintf(tl->codes[tl->ncodes], SCN_MAX_NAME, "%s", v);
	tl->slot[h] = (int16_t)(tl->ncodes + 1);
	return c->last = tl->ncodes++;
}

static int
on_row(void *ctx, const struct log_row *r, struct cq_err *err)
{
	struct tlog_ctx *c = ctx;
	struct tlog *tl = c->tl;
	const struct scn *s = c->ld->s;
	struct tlog_row *row;
	int st = -1, i;

	/* Bounds on memory and time over all of the scenario's traces. */
	if (++c->ld->tlog_read > SCN_MAX_TRACE_READ)
		return cq_err_set(err, CQ_EXIT_USAGE, tl->file, (int)r->line, "more than %d "
		    "trace rows read for the scenario (SCN_MAX_TRACE_READ); cut the logs to "
		    "the weeks and streams the scenario plays", SCN_MAX_TRACE_READ);
	tl->lines++;
	if (r->line > INT32_MAX)
		return cq_err_set(err, CQ_EXIT_USAGE, tl->file, 0, "more than %ld lines; cut "
		    "the log to the weeks the scenario plays", (long)INT32_MAX);
	/* A row of a stream the scenario lacks is nobody's: not kept. */
	if (r->stream != NULL) {
		for (i = 0; i < s->nstreams && strcmp(s->streams[i].name, r->stream) != 0; i++)
			;
		if (i == s->nstreams)
			return 0;
		st = i;
	}
	if (tl->nrows == tl->cap) {
		size_t cap = tl->cap == 0 ? 4096 : tl->cap * 2;
		struct tlog_row *p = realloc(tl->rows, cap * sizeof *p);

		if (p == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, tl->file, 0, "out of memory");
		tl->rows = p;
		tl->cap = cap;
	}
	row = &tl->rows[tl->nrows];
	row->t = (double)(r->day - s->start_epoch_day) * DAY_MIN + r->minute;
	row->line = (int32_t)r->line;
	row->stream = (int16_t)st;
	row->code = -1;
	if (r->cls != NULL && (row->code = (int16_t)code_of(c, r->cls, r->line, err)) < 0)
		return -1;
	tl->nrows++;
	return 0;
}

static int
cmp_row(const void *a, const void *b)
{
	const struct tlog_row *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/* By time, then line: each stream's rows come out in its order of replay.
 * A log is usually written in time order, which a pass confirms. */
static void
sort_by_time(struct tlog *tl)
{
	size_t i;

	for (i = 1; i < tl->nrows && cmp_row(&tl->rows[i - 1], &tl->rows[i]) < 0; i++)
		;
	if (i < tl->nrows)
		qsort(tl->rows, tl->nrows, sizeof *tl->rows, cmp_row);
}

/* Each stream's rows together, still by time (a counting sort, stable), so
 * that a stream reads its own rows only: 10 streams on a log would otherwise
 * scan it 10 times.  Without a stream column every stream takes every row. */
static int
group_by_stream(struct tlog *tl, struct cq_err *err)
{
	size_t at[SCN_MAX_STREAMS + 1] = { 0 }, i;
	struct tlog_row *by;
	int k;

	if (!tl->has_stream) {
		for (k = 1; k <= SCN_MAX_STREAMS; k++)
			tl->start[k] = tl->nrows;
		return 0;
	}
	if ((by = malloc((tl->nrows > 0 ? tl->nrows : 1) * sizeof *by)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, tl->file, 0, "out of memory");
	for (i = 0; i < tl->nrows; i++)
		at[tl->rows[i].stream + 1]++;
	for (k = 1; k <= SCN_MAX_STREAMS; k++)
		at[k] += at[k - 1];
	memcpy(tl->start, at, sizeof at);
	for (i = 0; i < tl->nrows; i++)
		by[at[tl->rows[i].stream]++] = tl->rows[i];
	free(tl->rows);
	tl->rows = by;
	return 0;
}

/* Read and sort the log at file into a new tlog. */
static struct tlog *
tlog_read(struct ld *ld, const char *file)
{
	struct tlog_ctx c;
	struct log_cb cb;
	struct tlog *tl = calloc(1, sizeof *tl);

	if (tl == NULL || (tl->file = strdup(file)) == NULL ||
	    (tl->codes = malloc(SCN_MAX_TRACE_CODES * sizeof *tl->codes)) == NULL ||
	    (tl->slot = calloc(TLOG_SLOTS, sizeof *tl->slot)) == NULL) {
		if (tl != NULL)
			tlog_free(tl);
		cq_err_set(ld->err, CQ_EXIT_FAIL, file, 0, "out of memory");
		return NULL;
	}
	c.ld = ld;
	c.tl = tl;
	c.last = -1;
	cb.header = on_header;
	cb.row = on_row;
	cb.ctx = &c;
	cb.profile = NULL;   /* a trace is a canonical log */
	if (log_read_file(file, &cb, ld->err) != 0) {
		tlog_free(tl);
		return NULL;
	}
	sort_by_time(tl);
	if (group_by_stream(tl, ld->err) != 0) {
		tlog_free(tl);
		return NULL;
	}
	return tl;
}

/* The scenario's stream names, one a line: with its start_date, what a parse
 * depends on (rows of other streams are dropped, times count from start). */
static char *
stream_key(const struct scn *s)
{
	size_t n = 1;
	char *k;
	int i;

	for (i = 0; i < s->nstreams; i++)
		n += strlen(s->streams[i].name) + 1;
	if ((k = malloc(n)) == NULL)
		return NULL;
	for (*k = '\0', n = 0, i = 0; i < s->nstreams; i++)
		n += (size_t)sprintf(k + n, "%s\n", s->streams[i].name);
	return k;
}

/* The log through the command's store: parsed at most once per command.  Its
 * rows count against SCN_MAX_TRACE_READ once per load, as a parse's do. */
static const struct tlog *
tlog_shared(struct ld *ld, const char *file)
{
	const struct tlog *held;
	struct tlog *tl;
	char *key;
	int i;

	if ((key = stream_key(ld->s)) == NULL) {
		cq_err_set(ld->err, CQ_EXIT_FAIL, file, 0, "out of memory");
		return NULL;
	}
	held = scn_files_tlog(ld->files, file, ld->s->start_epoch_day, key);
	if (held != NULL) {
		for (i = 0; i < ld->ntlog_seen && ld->tlog_seen[i] != held; i++)
			;
		if (i == ld->ntlog_seen && (ld->tlog_read += held->lines) > SCN_MAX_TRACE_READ) {
			free(key);
			cq_err_set(ld->err, CQ_EXIT_USAGE, file, 0, "more than %d trace rows read "
			    "for the scenario (SCN_MAX_TRACE_READ); cut the logs to the weeks and "
			    "streams the scenario plays", SCN_MAX_TRACE_READ);
			return NULL;
		}
	} else if ((tl = tlog_read(ld, file)) != NULL &&
	    (held = scn_files_tlog_put(ld->files, tl, ld->s->start_epoch_day, key,
	    tlog_free)) == NULL)
		cq_err_set(ld->err, CQ_EXIT_FAIL, file, 0, "out of memory");
	free(key);
	if (held != NULL && ld->ntlog_seen < SCN_MAX_STREAMS)
		ld->tlog_seen[ld->ntlog_seen++] = held;
	return held;
}

const struct tlog *
ld_tlog_get(struct ld *ld, const char *file)
{
	struct tlog *tl;

	if (ld->files != NULL)
		return tlog_shared(ld, file);
	for (tl = ld->tlogs; tl != NULL; tl = tl->next)
		if (strcmp(tl->file, file) == 0)
			return tl;
	if ((tl = tlog_read(ld, file)) == NULL)
		return NULL;
	tl->next = ld->tlogs;
	ld->tlogs = tl;
	return tl;
}
