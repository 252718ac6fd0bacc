/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_trace.c — `trace = FILE.csv` of a [stream]: the arrivals of an event log
 * (data/log.h, parsed once per load by scn_tlog.c however many streams name
 * it), the stream's rows copied out, sorted, and owned by the stream; the
 * engine replays them in every replication.  Times are taken relative to
 * 00:00 of [scenario] start_date.  `trace_classes` maps the log's class
 * column to the scenario's classes.
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
	const struct tlog *log;
	const struct tlog_row *from, *to;   /* the stream's rows of the log */
	int *cls_of;                      /* the class of each of the log's codes, -1 */
	long cls_rows[SCN_MAX_CLASSES];   /* rows in the horizon, by class */
};

void
scn_trace_free(struct scn_trace *t)
{
	if (t == NULL)
		return;
	free(t->file);
	free(t->rows);
	free(t->codes);
	free(t);
}

/* The class each value of the log's class column stands for: by
 * trace_classes, else the class of that name; -1 for none. */
static int
map_codes(struct trace_ld *tl)
{
	const struct scn_trace *tr = tl->tr;
	int i, j;

	if ((tl->cls_of = malloc(((size_t)tl->log->ncodes + 1) * sizeof *tl->cls_of)) == NULL)
		return cq_err_set(tl->ld->err, CQ_EXIT_FAIL, tr->file, 0, "out of memory");
	for (i = 0; i < tl->log->ncodes; i++) {
		tl->cls_of[i] = -1;
		if (tr->codes == NULL)
			tl->cls_of[i] = scn_class_by_name(tl->ld->s, tl->log->codes[i]);
		for (j = 0; j < tr->ncodes; j++)
			if (strcmp(tr->codes[j].code, tl->log->codes[i]) == 0)
				tl->cls_of[i] = tr->codes[j].cls;
	}
	return 0;
}

/* A row whose class column names no class (by trace_classes, or by name):
 * the error at the first such row of the stream, LOG:LINE. */
static int
unmapped(struct trace_ld *tl)
{
	const struct tlog *log = tl->log;
	const struct tlog_row *r, *bad = NULL;
	const char *code;

	for (r = tl->from; r < tl->to; r++)
		if (r->code >= 0 && tl->cls_of[r->code] < 0 &&
		    (bad == NULL || r->line < bad->line))
			bad = r;
	if (bad == NULL)
		return 0;
	code = log->codes[bad->code];
	if (tl->tr->codes != NULL)
		return cq_err_set(tl->ld->err, CQ_EXIT_USAGE, log->file, bad->line, "class "
		    "'%s' has no mapping in trace_classes of [stream %s]; add it, like "
		    "trace_classes = %s %s, ...", code, tl->st->name, code,
		    tl->ld->s->classes[0].name);
	return cq_err_set(tl->ld->err, CQ_EXIT_USAGE, log->file, bad->line, "class '%s' "
	    "is no class of the scenario; add a [class %s] section or rename it in the log",
	    code, code);
}

/* Count the stream's rows by where they fall, and its rate per hour of week
 * (for what estimates a stream's load: the optimizer's relaxation, the event
 * budget); the rows it keeps, those at or after start_date. */
static size_t
count_rows(struct trace_ld *tl)
{
	const struct scn *s = tl->ld->s;
	struct scn_trace *tr = tl->tr;
	double horizon = scn_horizon(s);
	const struct tlog_row *r;
	size_t kept = 0;

	for (r = tl->from; r < tl->to; r++) {
		int c = r->code >= 0 ? tl->cls_of[r->code] : -1;

		tr->read++;
		if (r->t < 0) {
			tr->before++;
			continue;
		}
		kept++;
		if (r->t < s->warmup)
			tr->warm++;
		else if (r->t < horizon)
			tr->span++;
		else
			tr->after++;
		if (r->t < horizon) {
			int how = (int)fmod((floor(r->t / 60.0) + s->start_weekday * 24.0),
			    WEEK_HOURS);

			tl->st->rate[how] += 1.0;
			if (c >= 0)
				tl->cls_rows[c]++;
		}
	}
	return kept;
}

/* Copy the kept rows, in the log's order by time; rows at one time by class
 * (as a sort by time and class would put them: the order of replay). */
static int
copy_rows(struct trace_ld *tl, size_t kept)
{
	struct scn_trace *tr = tl->tr;
	const struct tlog_row *r;
	size_t j;

	if (kept == 0)
		return 0;
	if ((tr->rows = malloc(kept * sizeof *tr->rows)) == NULL)
		return cq_err_set(tl->ld->err, CQ_EXIT_FAIL, tr->file, 0, "out of memory");
	for (r = tl->from; r < tl->to; r++) {
		struct scn_trace_row row;

		if (r->t < 0)
			continue;
		row.t = r->t;
		row.cls = r->code >= 0 ? tl->cls_of[r->code] : -1;
		/* Insertion within a run of one time: short, so linear overall. */
		for (j = tr->nrows; j > 0 && tr->rows[j - 1].t == row.t &&
		    tr->rows[j - 1].cls > row.cls; j--)
			tr->rows[j] = tr->rows[j - 1];
		tr->rows[j] = row;
		tr->nrows++;
	}
	return 0;
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

/* trace = FILE.csv: a message stream's arrivals, from the log parsed at
 * its first use in this load (ld_trace_take keeps the stream's rows). */
int
ld_stream_trace(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_stream *st = base;
	struct scn_trace *tr;
	char *path, *real;
	const char *why;
	size_t off;

	(void)k;
	if (e == NULL)
		return 0;
	if ((tr = calloc(1, sizeof *tr)) == NULL || (path = trace_path(ld->doc->file,
	    e->value)) == NULL) {
		free(tr);
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	}
	st->trace = tr;
	/* Absolute, so that `check`'s output loads the same log from anywhere, and
	 * two streams naming one log by different paths share its parse. */
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
	if (ld_tlog_get(ld, real) != NULL)
		return 0;
	/* A fault of the file as a whole (not a row's): the scenario's line names it. */
	if (ld->err->line == 0 && strcmp(ld->err->file, real) == 0) {
		char msg[CQ_ERR_MSG];

		snprintf(msg, sizeof msg, "%s", ld->err->msg);
		return ld_err(ld, e, "the trace log '%s' of [%s]: %s", real, ld->label, msg);
	}
	return -1;
}

/* trace_classes = PS routine, NE clinical: what the values of the log's class
 * column stand for, when they are codes rather than the classes' names. */
int
ld_stream_trace_classes(struct ld *ld, const struct scn_key *k,
    const struct scn_ini_ent *e, void *base)
{
	struct scn_stream *st = base;
	struct scn_trace *tr = st->trace;
	char *copy, *item, *rest, *sp;
	int n = 1, c, i, empty, rc = -1;

	(void)k;
	if (e == NULL)
		return 0;
	for (i = 0; e->value[i] != '\0'; i++)
		n += e->value[i] == ',';
	if ((copy = strdup(e->value)) == NULL ||
	    (tr->codes = calloc((size_t)n, sizeof *tr->codes)) == NULL) {
		free(copy);
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	}
	for (rest = copy; (item = ld_next_item(&rest, &empty)) != NULL || empty;) {
		if (empty) {
			ld_err(ld, e, "empty item in 'trace_classes' of [%s] (two commas, or one "
			    "at an end); give codes and classes, like PS routine, NE clinical",
			    ld->label);
			goto out;
		}
		sp = item + strcspn(item, " \t");
		if (*sp == '\0') {
			ld_err(ld, e, "give each code in 'trace_classes' of [%s] its class, like "
			    "trace_classes = PS routine, NE clinical", ld->label);
			goto out;
		}
		*sp++ = '\0';
		sp = ld_trim(sp);
		if (!log_name_ok(item) || strlen(item) >= SCN_MAX_NAME) {
			ld_err(ld, e, "bad code '%s' in 'trace_classes' of [%s]: a value of the "
			    "log's class column (letters, digits, '_' and '-')", item, ld->label);
			goto out;
		}
		if ((c = ld_ref_class(ld, e, sp, "'trace_classes' maps a code to")) < 0)
			goto out;
		for (i = 0; i < tr->ncodes; i++)
			if (strcmp(tr->codes[i].code, item) == 0) {
				ld_err(ld, e, "code '%s' appears twice in 'trace_classes' of [%s]; "
				    "map each code to one class", item, ld->label);
				goto out;
			}
		snprintf(tr->codes[tr->ncodes].code, SCN_MAX_NAME, "%s", item);
		tr->codes[tr->ncodes++].cls = c;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* A trace stream, once trace and trace_classes are read: its rows of the log,
 * where they fall, its rate by hour of week and, when it names no classes,
 * their shares in the log. */
int
ld_trace_take(struct ld *ld, struct scn_stream *st)
{
	struct scn_trace *tr = st->trace;
	const struct scn_ini_ent *e = ld_get(ld, "trace"), *tc = ld_get(ld, "trace_classes");
	struct trace_ld tl;
	double weeks = scn_horizon(ld->s) / WEEK_MIN;
	size_t kept, total = 0;
	int h, rc = -1;

	memset(&tl, 0, sizeof tl);
	tl.ld = ld;
	tl.st = st;
	tl.tr = tr;
	if ((tl.log = ld_tlog_get(ld, tr->file)) == NULL)
		return -1;
	h = tl.log->has_stream ? (int)(st - ld->s->streams) : 0;
	tl.from = tl.log->rows + tl.log->start[h];
	tl.to = tl.log->rows + tl.log->start[tl.log->has_stream ? h + 1 : SCN_MAX_STREAMS];
	tr->has_class = tl.log->has_class;
	tr->lines = tl.log->lines;
	if (!tr->has_class && tr->codes != NULL)
		return ld_err(ld, tc, "trace_classes of [%s] maps the log's class column, but "
		    "the log has none; drop trace_classes", ld->label);
	if (!tr->has_class && st->nclasses == 0)
		return cq_err_set(ld->err, CQ_EXIT_USAGE, tr->file, 1, "the log has no class "
		    "column, so [stream %s] needs classes with shares to draw them, like "
		    "classes = routine 0.8, clinical 0.2", st->name);
	if (map_codes(&tl) != 0 || unmapped(&tl) != 0)
		goto out;
	for (h = 0; h < WEEK_HOURS; h++)
		st->rate[h] = 0.0;
	kept = count_rows(&tl);
	for (h = 0; h < ld->s->nstreams; h++)
		if (ld->s->streams[h].trace != NULL && &ld->s->streams[h] != st)
			total += ld->s->streams[h].trace->nrows;
	if (total + kept > SCN_MAX_TRACE_ROWS) {
		cq_err_set(ld->err, CQ_EXIT_USAGE, tr->file, 0, "more than %d trace rows at "
		    "or after start_date, all streams together (SCN_MAX_TRACE_ROWS); cut the "
		    "log to the weeks the scenario plays", SCN_MAX_TRACE_ROWS);
		goto out;
	}
	if (tr->read == 0) {
		ld_err(ld, e, "the trace log of [%s] has no rows%s", ld->label,
		    tl.log->has_stream ? " of this stream (its stream column names others)" : "");
		goto out;
	}
	if (tr->warm + tr->span == 0) {
		ld_err(ld, e, "none of the %ld rows of the trace log of [%s] falls in the "
		    "scenario's warm-up and measured span; check [scenario] start_date",
		    tr->read, ld->label);
		goto out;
	}
	if (copy_rows(&tl, kept) != 0)
		goto out;
	/* Counts per hour of week over the horizon, made a rate per minute. */
	st->per_week = 0;
	for (h = 0; h < WEEK_HOURS; h++) {
		st->rate[h] /= weeks * 60.0;
		st->per_week += st->rate[h] * 60.0;
	}
	if (tr->has_class && st->nclasses == 0)
		shares_from_log(&tl);
	rc = 0;
out:
	free(tl.cls_of);
	return rc;
}
