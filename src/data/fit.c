/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit.c — `clinicq fit`'s passes over the log.  The first finds the log's
 * dates, streams and classes; the second counts arrivals per hour of week of
 * each whole week fitted and gathers service times.  Memory: the counts
 * (weeks x 168 per stream) and at most FIT_SAMPLE service times per class,
 * whatever the number of rows.
 */
#include "fit_int.h"
#include "civil.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The name of the stream a row belongs to, or of its class. */
static const char *
row_stream(const struct fit *ft, const struct log_row *r)
{
	return r->stream != NULL ? r->stream : ft->default_name;
}

static const char *
row_class(const struct fit *ft, const struct log_row *r)
{
	/* Without a class column each stream has one class, of its own name. */
	return r->cls != NULL ? r->cls : row_stream(ft, r);
}

static int
find_stream(struct fit *ft, const char *name)
{
	int i;

	if (ft->last_stream >= 0 && strcmp(ft->streams[ft->last_stream].name, name) == 0)
		return ft->last_stream;
	for (i = 0; i < ft->nstreams; i++)
		if (strcmp(ft->streams[i].name, name) == 0)
			return ft->last_stream = i;
	return -1;
}

static int
find_class(struct fit *ft, const char *name)
{
	int i;

	if (ft->last_class >= 0 && strcmp(ft->classes[ft->last_class].name, name) == 0)
		return ft->last_class;
	for (i = 0; i < ft->nclasses; i++)
		if (strcmp(ft->classes[i].name, name) == 0)
			return ft->last_class = i;
	return -1;
}

static int
on_header(void *ctx, const struct log_cols *cols, struct cq_err *err)
{
	struct fit *ft = ctx;

	(void)err;
	ft->cols = *cols;
	return 0;
}

/* Pass 1: dates and names. */
static int
scan_row(struct fit *ft, const struct log_row *r, struct cq_err *err)
{
	const char *sn = row_stream(ft, r), *cn = row_class(ft, r);

	if (ft->rows == 0 || r->day < ft->min_day)
		ft->min_day = r->day;
	if (ft->rows == 0 || r->day > ft->max_day)
		ft->max_day = r->day;
	ft->rows++;
	if (find_stream(ft, sn) < 0) {
		if (ft->nstreams == FIT_MAX_STREAMS)
			return cq_err_set(err, CQ_EXIT_USAGE, ft->file, (int)r->line, "more than %d "
			    "streams (a scenario's limit); fit a part of the log", FIT_MAX_STREAMS);
		snprintf(ft->streams[ft->nstreams++].name, LOG_MAX_NAME, "%s", sn);
	}
	if (find_class(ft, cn) < 0) {
		if (ft->nclasses == FIT_MAX_CLASSES)
			return cq_err_set(err, CQ_EXIT_USAGE, ft->file, (int)r->line, "more than %d "
			    "classes (a scenario's limit); merge some", FIT_MAX_CLASSES);
		snprintf(ft->classes[ft->nclasses].name, LOG_MAX_NAME, "%s", cn);
		fit_pat_init(&ft->classes[ft->nclasses].pat);
		fit_service_init(&ft->classes[ft->nclasses].srv);
		fit_svc_init(&ft->classes[ft->nclasses++].svc);
	}
	return 0;
}

/* A served row's service into its agent's busy minutes: from started_at, else
 * from arrived_at + wait_min. */
static int
staff_row(struct fit *ft, const struct log_row *r, struct cq_err *err)
{
	if (r->has_start)
		return fit_staff_add(ft->staff, r->agent, r->start_day, r->start_minute,
		    r->service, r->line, err);
	if (r->wait >= 0)
		return fit_staff_add(ft->staff, r->agent, r->day, r->minute + r->wait,
		    r->service, r->line, err);
	fit_staff_no_start(ft->staff);
	return 0;
}

/* Pass 2: counts of the whole weeks. */
static int
count_row(struct fit *ft, const struct log_row *r, struct cq_err *err)
{
	struct fit_stream *st;
	long w;
	int si, ci, how;

	if (r->day < ft->start_day || r->day >= ft->end_day) {
		ft->dropped++;
		if (r->day < ft->start_day)
			ft->before++;
		else
			ft->after++;
		return 0;
	}
	si = find_stream(ft, row_stream(ft, r));
	ci = find_class(ft, row_class(ft, r));
	if (si < 0 || ci < 0)   /* the file changed between the passes */
		return cq_err_set(err, CQ_EXIT_FAIL, ft->file, (int)r->line, "the log changed "
		    "while it was read; run fit again on a file nothing writes to");
	st = &ft->streams[si];
	w = (r->day - ft->start_day) / 7;
	how = civil_weekday(r->day) * 24 + (int)(r->minute / 60.0);
	st->counts[w * WEEK_HOURS + how]++;
	st->rows++;
	st->cls_rows[ci]++;
	ft->classes[ci].rows++;
	if (ft->cols.has_outcome &&
	    fit_pat_add(&ft->classes[ci].pat, r->abandoned, r->wait) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, ft->file, 0, "out of memory");
	if (ft->staff != NULL && r->agent != NULL && !r->abandoned &&
	    staff_row(ft, r, err) != 0)
		return -1;
	if (!ft->cols.has_service || r->abandoned)   /* an abandoned row had no service */
		return 0;
	if (r->service < 0) {
		ft->no_service++;
		return 0;
	}
	if (!fit_service_row(&ft->classes[ci].srv, ft->o, r))   /* --min-service */
		return 0;
	if (fit_svc_add(&ft->classes[ci].svc, r->service) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, ft->file, 0, "out of memory");
	return 0;
}

static int
on_row(void *ctx, const struct log_row *r, struct cq_err *err)
{
	struct fit *ft = ctx;

	return ft->pass == 1 ? scan_row(ft, r, err) : count_row(ft, r, err);
}

/* The stream's name from the file's: its base name, extension off, other
 * characters than a section name takes made '_'. */
static void
name_from_file(const char *file, char *out)
{
	const char *b = strrchr(file, '/'), *dot;
	size_t n, i;

	b = b != NULL ? b + 1 : file;
	dot = strrchr(b, '.');
	n = dot != NULL && dot != b ? (size_t)(dot - b) : strlen(b);
	if (n > LOG_MAX_NAME - 1)
		n = LOG_MAX_NAME - 1;
	for (i = 0; i < n; i++) {
		char c = b[i];

		out[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' ? c : '_';
	}
	out[n] = '\0';
	if (n == 0)
		snprintf(out, LOG_MAX_NAME, "log");
}

/* The whole weeks of [from, to] (both days included): Monday to Monday. */
static int
set_range(struct fit *ft, struct cq_err *err)
{
	long from = ft->min_day, to = ft->max_day;
	int y1, m1, d1, y2, m2, d2;

	if (ft->o->has_from && ft->o->from_day > from)
		from = ft->o->from_day;
	if (ft->o->has_to && ft->o->to_day < to)
		to = ft->o->to_day;
	ft->start_day = from + (7 - civil_weekday(from)) % 7;
	ft->end_day = (to + 1) - civil_weekday(to + 1);
	/* --from past the last row, or --to before the first: say so, not a
	 * span that ends before it starts. */
	if (from > to) {
		civil_date(ft->min_day, &y1, &m1, &d1);
		civil_date(ft->max_day, &y2, &m2, &d2);
		return cq_err_set(err, CQ_EXIT_USAGE, ft->file, 0, "no rows between --from and "
		    "--to: the log's rows run from %04d-%02d-%02d to %04d-%02d-%02d", y1, m1, d1,
		    y2, m2, d2);
	}
	if (ft->end_day - ft->start_day < 7) {
		civil_date(from, &y1, &m1, &d1);
		civil_date(to, &y2, &m2, &d2);
		return cq_err_set(err, CQ_EXIT_USAGE, ft->file, 0, "the rows from %04d-%02d-%02d "
		    "to %04d-%02d-%02d hold no whole week (Monday 00:00 to Monday 00:00); fit "
		    "needs at least one, better several", y1, m1, d1, y2, m2, d2);
	}
	if ((ft->end_day - ft->start_day) / 7 > FIT_MAX_WEEKS)
		return cq_err_set(err, CQ_EXIT_USAGE, ft->file, 0, "the log spans %ld whole "
		    "weeks, more than %d; choose a span with --from and --to",
		    (ft->end_day - ft->start_day) / 7, FIT_MAX_WEEKS);
	ft->nweeks = (int)((ft->end_day - ft->start_day) / 7);
	return 0;
}

int
fit_run(const char *file, const struct fit_opts *o, FILE *out, struct cq_err *err)
{
	struct fit *ft;
	struct log_cb cb;
	int i, rc = -1;

	if ((ft = calloc(1, sizeof *ft)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
	ft->file = file;
	ft->o = o;
	ft->last_stream = ft->last_class = -1;
	if (o->name != NULL)
		snprintf(ft->default_name, sizeof ft->default_name, "%s", o->name);
	else
		name_from_file(file, ft->default_name);
	cb.header = on_header;
	cb.row = on_row;
	cb.ctx = ft;
	cb.profile = o->profile;
	ft->pass = 1;
	if (log_read_file(file, &cb, err) != 0)
		goto out;
	if (ft->rows == 0) {
		cq_err_set(err, CQ_EXIT_USAGE, file, 0, "no rows after the header: nothing "
		    "to fit");
		goto out;
	}
	if (set_range(ft, err) != 0)
		goto out;
	for (i = 0; i < ft->nstreams; i++) {
		ft->streams[i].counts = calloc((size_t)ft->nweeks * WEEK_HOURS,
		    sizeof *ft->streams[i].counts);
		if (ft->streams[i].counts == NULL) {
			cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
			goto out;
		}
	}
	if (ft->cols.has_agent && fit_staff_new(&ft->staff, file, ft->start_day,
	    ft->nweeks * 7, o->idle_gap > 0 ? o->idle_gap : FIT_STAFF_IDLE_GAP, err) != 0)
		goto out;
	ft->pass = 2;
	ft->last_stream = ft->last_class = -1;
	if (log_read_file(file, &cb, err) != 0)
		goto out;
	rc = fit_print(ft, out, err);
out:
	for (i = 0; i < ft->nstreams; i++)
		free(ft->streams[i].counts);
	for (i = 0; i < ft->nclasses; i++) {
		fit_svc_free(&ft->classes[i].svc);
		fit_pat_free(&ft->classes[i].pat);
	}
	fit_staff_free(ft->staff);
	free(ft);
	return rc;
}
