/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log_profile_row.c — a foreign export's header and rows read through a
 * profile: columns found by name, timestamps parsed by the profile's formats
 * (a date and a time column joined), durations in their units, codes mapped,
 * rows skipped and counted.  The formats' parser is here too: glibc's strptime
 * wants padded fields in places and takes %y's century from the locale's
 * rules, so a small parser states its own.
 */
#include "log_profile.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "civil.h"

/* The digits a conversion takes at most: 4 for %Y, 2 for the others. */
static int
conv_width(char c)
{
	return c == 'Y' ? 4 : 2;
}

int
prof_fmt_check(const char *fmt, int want_date, int want_time, const char **why)
{
	int seen[128] = { 0 };
	const char *s;

	if (*fmt == '\0' || strlen(fmt) >= PROF_MAX_FMT) {
		*why = "give a format of 1 to 63 characters, like %y%m%d or %H:%M:%S";
		return -1;
	}
	for (s = fmt; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		s++;
		if (*s == '%')
			continue;
		if (*s == '\0' || strchr("YymdHMSp", *s) == NULL) {
			*why = "a conversion other than %Y %y %m %d %H %M %S %p (or %% for a "
			    "percent sign)";
			return -1;
		}
		if (seen[(int)*s]++ || (*s == 'Y' && seen['y']) || (*s == 'y' && seen['Y'])) {
			*why = "a field given twice";
			return -1;
		}
	}
	if (want_date && !((seen['Y'] || seen['y']) && seen['m'] && seen['d'])) {
		*why = "a date needs a year (%Y or %y), a month (%m) and a day (%d)";
		return -1;
	}
	if (!want_date && (seen['Y'] || seen['y'] || seen['m'] || seen['d'])) {
		*why = "a time format holds no date (the date comes from its own column)";
		return -1;
	}
	if (want_time && !(seen['H'] && seen['M'])) {
		*why = "a time needs hours (%H) and minutes (%M)";
		return -1;
	}
	if (!want_time && (seen['H'] || seen['M'] || seen['S'] || seen['p'])) {
		*why = "a date format holds no time (give the time its own column and format)";
		return -1;
	}
	return 0;
}

/* The fields a format read. */
struct tm6 {
	int v[128];
	char has[128];            /* the conversions the format holds */
	int pm;                   /* -1 without %p, else 0 AM, 1 PM */
};

static int
fmt_scan(const char *f, const char *s, struct tm6 *t, const char **why)
{
	int n;

	t->pm = -1;
	for (; *f != '\0'; f++) {
		if (*f == '%' && f[1] != '%') {
			f++;
			if (*f == 'p') {
				if (strncasecmp(s, "AM", 2) != 0 && strncasecmp(s, "PM", 2) != 0) {
					*why = "expected AM or PM";
					return -1;
				}
				t->pm = toupper((unsigned char)*s) == 'P';
				s += 2;
				continue;
			}
			t->v[(int)*f] = 0;
			t->has[(int)*f] = 1;
			for (n = 0; n < conv_width(*f) && isdigit((unsigned char)s[n]); n++)
				t->v[(int)*f] = t->v[(int)*f] * 10 + (s[n] - '0');
			if (n == 0 || (*f == 'Y' && n != 4)) {
				*why = *f == 'Y' ? "expected a four-digit year" : "expected a number";
				return -1;
			}
			s += n;
		} else {
			if (*f == '%')
				f++;
			if (*f == ' ' && *s == ' ') {   /* one blank matches a run of them */
				while (s[1] == ' ')
					s++;
			} else if (*s != *f) {
				*why = "the text does not match the profile's format";
				return -1;
			}
			s++;
		}
	}
	if (*s != '\0') {
		*why = "unexpected text after what the profile's format reads";
		return -1;
	}
	return 0;
}

/* Check the fields' ranges; years of two digits: 00-68 are 2000-2068, 69-99
 * are 1969-1999 (as POSIX strptime's %y). */
static int
fmt_values(const struct tm6 *t, long *day, double *minute, const char **why)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo = t->v['m'], d = t->v['d'], h = t->v['H'], leap;

	if (t->has['m']) {
		y = t->has['Y'] ? t->v['Y'] :
		    t->v['y'] + (t->v['y'] < 69 ? 2000 : 1900);
		leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] ||
		    (mo == 2 && d == 29 && !leap)) {
			*why = "no such date";
			return -1;
		}
		*day = civil_days(y, mo, d);
	}
	if (t->has['H']) {
		if (t->pm >= 0) {
			if (h < 1 || h > 12) {
				*why = "no such time (hours 1-12 with AM or PM)";
				return -1;
			}
			h = h % 12 + 12 * t->pm;
		}
		if (h > 23 || t->v['M'] > 59 || t->v['S'] > 59) {
			*why = "no such time of day (hours 0-23, minutes and seconds 0-59)";
			return -1;
		}
		*minute = h * 60.0 + t->v['M'] + t->v['S'] / 60.0;
	}
	return 0;
}

int
prof_fmt_parse(const struct prof_fmt *f, const char *s, long *day, double *minute,
    const char **why)
{
	struct tm6 t;

	if (f->s[0] == '\0')
		return log_parse_time(s, 1, day, minute, why);
	memset(&t, 0, sizeof t);
	if (fmt_scan(f->s, s, &t, why) != 0)
		return -1;
	return fmt_values(&t, day, minute, why);
}

static const char *const col_names[PC_N] = {
	"arrived_at", "class", "service_min", "stream", "outcome", "wait_min", "agent",
	"started_at"
};

static int
rerr(const char *log, long line, struct cq_err *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
rerr(const char *log, long line, struct cq_err *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cq_err_vset(err, CQ_EXIT_USAGE, log, line > 0x7fffffffL ? 0 : (int)line, fmt, ap);
	va_end(ap);
	return -1;
}

/* The index of the header's column named name, or -1; -2 when two are. */
static int
find_col(char *const *names, int n, const char *name)
{
	int i, at = -1;

	for (i = 0; i < n; i++)
		if (strcasecmp(names[i], name) == 0) {
			if (at >= 0)
				return -2;
			at = i;
		}
	return at;
}

static int
resolve(struct log_profile *pr, char *const *names, int n, const char *name,
    const char *what, int *col, const char *log, long line, struct cq_err *err)
{
	if ((*col = find_col(names, n, name)) == -1)
		return rerr(log, line, err, "the header has no column '%s', which the profile %s "
		    "%s; is this the export the profile describes?", name, pr->file, what);
	if (*col == -2)
		return rerr(log, line, err, "the header names column '%s' twice; the profile %s "
		    "cannot tell which %s", name, pr->file, what);
	return 0;
}

int
log_profile_header(struct log_profile *pr, char *const *names, int n,
    struct log_cols *cols, const char *log, long line, struct cq_err *err)
{
	char what[96];
	int c, j, i;

	pr->ncols = n;
	pr->skipped = 0;
	for (c = 0; c < PC_N; c++)
		for (j = 0; j < 2; j++) {
			pr->col[c][j] = -1;
			if (pr->src[c][j][0] == '\0')
				continue;
			snprintf(what, sizeof what, "maps to %s", col_names[c]);
			if (resolve(pr, names, n, pr->src[c][j], what, &pr->col[c][j], log, line,
			    err) != 0)
				return -1;
		}
	for (i = 0; i < pr->nskip; i++) {
		pr->skip[i].skipped = 0;
		if (resolve(pr, names, n, pr->skip[i].column, "skips rows by", &pr->skip[i].col,
		    log, line, err) != 0)
			return -1;
	}
	for (i = 0; i < pr->outcome.n; i++)
		pr->outcome.e[i].skipped = 0;
	for (i = 0; i < pr->cls.n; i++)
		pr->cls.e[i].skipped = 0;
	for (i = 0; i < pr->stream.n; i++)
		pr->stream.e[i].skipped = 0;
	memset(cols, 0, sizeof *cols);
	cols->has_class = pr->col[PC_CLASS][0] >= 0;
	cols->has_service = pr->col[PC_SERVICE][0] >= 0;
	cols->has_stream = pr->col[PC_STREAM][0] >= 0;
	cols->has_outcome = pr->col[PC_OUTCOME][0] >= 0;
	cols->has_wait = pr->col[PC_WAIT][0] >= 0;
	cols->has_agent = pr->col[PC_AGENT][0] >= 0;
	cols->has_started = pr->col[PC_STARTED][0] >= 0;
	return 0;
}

/* The reading of one row: where, and the messages' context. */
struct prow {
	struct log_profile *pr;
	char *const *f;
	const char *log;
	long line;
	struct cq_err *err;
};

/* The field of column c (part j), "" when the profile maps no such column. */
static const char *
fld(const struct prow *w, int c, int j)
{
	return w->pr->col[c][j] >= 0 ? w->f[w->pr->col[c][j]] : "";
}

/* A code's entry in a map, or NULL. */
static struct prof_code *
code_of(struct prof_map *m, const char *v)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->e[i].code, v) == 0)
			return &m->e[i];
	return NULL;
}

/* "'...'" of a field for a message: at most 40 bytes of it. */
#define SHOW(v) (int)(strlen(v) > 40 ? 40 : strlen(v)), (v), strlen(v) > 40 ? "..." : ""

/* The skip rules and the maps' skip codes: 1 when the row is left out. */
static int
skipped(const struct prow *w)
{
	struct log_profile *pr = w->pr;
	struct prof_code *e;
	int i;

	for (i = 0; i < pr->nskip; i++)
		if (strcmp(w->f[pr->skip[i].col], pr->skip[i].value) == 0) {
			pr->skip[i].skipped++;
			return 1;
		}
	if (pr->outcome.n > 0 && (e = code_of(&pr->outcome, fld(w, PC_OUTCOME, 0))) != NULL &&
	    e->to == PT_SKIP) {
		e->skipped++;
		return 1;
	}
	if (pr->cls.n > 0 && (e = code_of(&pr->cls, fld(w, PC_CLASS, 0))) != NULL &&
	    e->to == PT_SKIP) {
		e->skipped++;
		return 1;
	}
	if (pr->stream.n > 0 && (e = code_of(&pr->stream, fld(w, PC_STREAM, 0))) != NULL &&
	    e->to == PT_SKIP) {
		e->skipped++;
		return 1;
	}
	return 0;
}

static int
outcome_of(const struct prow *w, int *abandoned)
{
	const char *v = fld(w, PC_OUTCOME, 0), *col = w->pr->src[PC_OUTCOME][0];
	struct prof_code *e;

	*abandoned = 0;
	if (*v == '\0')
		return 0;
	if (w->pr->outcome.n == 0) {
		if (strcasecmp(v, "abandoned") == 0)
			*abandoned = 1;
		else if (strcasecmp(v, "served") != 0)
			return rerr(w->log, w->line, w->err, "outcome '%.*s%s' in column '%s': write "
			    "served or abandoned, or map the export's codes in the profile's "
			    "[outcome]", SHOW(v), col);
		return 0;
	}
	if ((e = code_of(&w->pr->outcome, v)) == NULL)
		return rerr(w->log, w->line, w->err, "outcome code '%.*s%s' in column '%s' is "
		    "not in the profile's [outcome] map; add it there (CODE = served, abandoned "
		    "or skip)", SHOW(v), col);
	*abandoned = e->to == PT_ABANDONED;
	return 0;
}

/* class and stream: a name a scenario can carry, class codes mapped. */
static int
name_of(const struct prow *w, int c, const char **out)
{
	const char *v = fld(w, c, 0), *col = w->pr->src[c][0];
	struct prof_map *m = c == PC_CLASS ? &w->pr->cls : &w->pr->stream;
	struct prof_code *e;

	*out = NULL;
	if (w->pr->col[c][0] < 0)
		return 0;
	if (*v == '\0')
		return rerr(w->log, w->line, w->err, "empty %s in column '%s'; give every row "
		    "a %s", col_names[c], col, col_names[c]);
	if (m->n > 0) {
		if ((e = code_of(m, v)) == NULL)
			return rerr(w->log, w->line, w->err, "%s code '%.*s%s' in column '%s' is "
			    "not in the profile's [%s] map; add it there (CODE = NAME or skip)",
			    col_names[c], SHOW(v), col, col_names[c]);
		*out = e->name;
		return 0;
	}
	if (!log_name_ok(v))
		return rerr(w->log, w->line, w->err, "bad %s '%.*s%s' in column '%s': use up to "
		    "%d letters, digits, '_' and '-' (a scenario section's name), or map the "
		    "codes in the profile's [%s]", col_names[c], SHOW(v), col,
		    LOG_MAX_NAME - 1, col_names[c]);
	*out = v;
	return 0;
}

/* service_min and wait_min: a number in the profile's unit, into minutes. */
static int
duration_of(const struct prow *w, int c, double *out)
{
	const char *v = fld(w, c, 0), *col = w->pr->src[c][0];

	*out = -1.0;
	if (*v == '\0')
		return 0;
	if (log_parse_number(v, out) != 0)
		return rerr(w->log, w->line, w->err, "bad %s '%.*s%s' in column '%s': expected "
		    "%s as a number", col_names[c], SHOW(v), col, w->pr->unit_name[c]);
	if (*out < 0)
		return rerr(w->log, w->line, w->err, "negative %s '%.*s%s' in column '%s'",
		    col_names[c], SHOW(v), col);
	/* Divided, not multiplied by 1/60: the minutes are then exactly those of
	 * the same seconds written as minutes by any correctly rounding program. */
	if (w->pr->unit[c] == PU_SECONDS)
		*out /= 60.0;
	else if (w->pr->unit[c] == PU_HOURS)
		*out *= 60.0;
	if (*out > LOG_MAX_MINUTES)
		return rerr(w->log, w->line, w->err, "%s '%.*s%s' in column '%s' is longer than "
		    "any duration a scenario takes (100 years); correct or skip the row",
		    col_names[c], SHOW(v), col);
	*out += 0.0;   /* no -0 */
	return 0;
}

static int
agent_of(const struct prow *w, const char **agent)
{
	const char *v = fld(w, PC_AGENT, 0);
	struct prof_code *e;

	*agent = NULL;
	if (*v == '\0' || ((e = code_of(&w->pr->agent, v)) != NULL && e->to == PT_NOBODY))
		return 0;
	if (strlen(v) >= LOG_MAX_NAME)
		return rerr(w->log, w->line, w->err, "an agent longer than %d bytes in column "
		    "'%s'", LOG_MAX_NAME - 1, w->pr->src[PC_AGENT][0]);
	*agent = v;
	return 0;
}

/* arrived_at or started_at: one column by datetime_format, or a date column
 * and a time column joined.  1 when the field is empty (started_at only). */
static int
stamp_of(const struct prow *w, int c, long *day, double *minute)
{
	const struct log_profile *pr = w->pr;
	const char *why, *v = fld(w, c, 0);
	int joined = pr->src[c][1][0] != '\0';

	if (*v == '\0' && c == PC_STARTED)
		return 1;
	if (!joined && prof_fmt_parse(&pr->stamp_fmt, v, day, minute, &why) != 0)
		return rerr(w->log, w->line, w->err, "bad %s '%.*s%s' in column '%s': %s "
		    "(datetime_format %s)", col_names[c], SHOW(v), pr->src[c][0], why,
		    pr->stamp_fmt.s[0] != '\0' ? pr->stamp_fmt.s : "YYYY-MM-DD HH:MM[:SS]");
	if (joined && prof_fmt_parse(&pr->date_fmt, v, day, minute, &why) != 0)
		return rerr(w->log, w->line, w->err, "bad %s date '%.*s%s' in column '%s': %s "
		    "(date_format %s)", col_names[c], SHOW(v), pr->src[c][0], why,
		    pr->date_fmt.s);
	if (joined && *(v = fld(w, c, 1)) == '\0' && c == PC_STARTED)
		return 1;
	if (joined && prof_fmt_parse(&pr->time_fmt, v, day, minute, &why) != 0)
		return rerr(w->log, w->line, w->err, "bad %s time '%.*s%s' in column '%s': %s "
		    "(time_format %s)", col_names[c], SHOW(v), pr->src[c][1], why,
		    pr->time_fmt.s);
	return 0;
}

static int
started_of(const struct prow *w, struct log_row *r)
{
	double wait;
	int rc;

	if (w->pr->col[PC_STARTED][0] < 0 ||
	    (rc = stamp_of(w, PC_STARTED, &r->start_day, &r->start_minute)) == 1)
		return 0;
	if (rc != 0)
		return -1;
	wait = (double)(r->start_day - r->day) * 1440.0 + (r->start_minute - r->minute);
	if (wait < -1e-9)
		return rerr(w->log, w->line, w->err, "started_at is before arrived_at; service "
		    "starts after the item arrives");
	r->has_start = 1;
	if (r->wait < 0)
		r->wait = wait > 0 ? wait : 0.0;
	return 0;
}

int
log_profile_row(struct log_profile *pr, char *const *fields, struct log_row *r,
    const char *log, long line, struct cq_err *err)
{
	struct prow w = { pr, fields, log, line, err };

	if (skipped(&w)) {
		pr->skipped++;
		return 1;
	}
	if (stamp_of(&w, PC_ARRIVED, &r->day, &r->minute) != 0 ||
	    name_of(&w, PC_CLASS, &r->cls) != 0 || name_of(&w, PC_STREAM, &r->stream) != 0 ||
	    duration_of(&w, PC_SERVICE, &r->service) != 0 ||
	    duration_of(&w, PC_WAIT, &r->wait) != 0 || outcome_of(&w, &r->abandoned) != 0 ||
	    agent_of(&w, &r->agent) != 0 || started_of(&w, r) != 0)
		return -1;
	return 0;
}
