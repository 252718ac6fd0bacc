/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log.c — the event-log reader: a streaming CSV parser (a byte-at-a-time state
 * machine over a fixed row buffer, so a file of any size reads in constant
 * memory) and the interpretation of its rows (timestamps, names, minutes).
 */
#include "log.h"

#include "civil.h"
#include "log_profile.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ST_START, ST_PLAIN, ST_QUOTED, ST_QUOTE, ST_CR };
enum { COL_NONE = -1 };

struct parser {
	const char *file;
	const struct log_cb *cb;
	struct cq_err *err;
	char *buf;             /* the row's fields, each NUL-terminated */
	size_t len;
	size_t field[LOG_MAX_FIELDS];
	int nfields;
	int state;
	int quoted_row;        /* some field of the row was quoted (not a blank line) */
	long line, row_line, quote_line;
	int bom_checked;
	unsigned char bom[3];
	int nbom;
	/* from the header */
	int ncols;
	int c_at, c_class, c_service, c_stream, c_outcome, c_wait, c_agent, c_started;
	struct log_profile *prof;   /* NULL: the canonical columns */
	char sep;                   /* the field separator: ',' or the profile's */
	char *fp[LOG_MAX_FIELDS];   /* the fields, trimmed, for the profile */
};

static int
perr(struct parser *p, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
perr(struct parser *p, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cq_err_vset(p->err, CQ_EXIT_USAGE, p->file, line > 0x7fffffffL ? 0 : (int)line, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- time and names -------------------------------------------------------- */

/* n digits at s into *v. */
static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
log_parse_time(const char *s, int want_time, long *day, double *minute, const char **why)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d, h = 0, mi = 0, sec = 0, leap;
	double frac = 0.0;

	if (digits(s, 4, &y) != 0 || s[4] != '-' || digits(s + 5, 2, &mo) != 0 ||
	    s[7] != '-' || digits(s + 8, 2, &d) != 0) {
		*why = "expected a date like 2027-01-04";
		return -1;
	}
	if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]) {
		*why = "no such date (years 1900 to 9999, months 01-12, days of the month)";
		return -1;
	}
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (mo == 2 && d == 29 && !leap) {
		*why = "no such date (February 29 of a year that is not a leap year)";
		return -1;
	}
	s += 10;
	if (!want_time) {
		if (*s != '\0') {
			*why = "expected a date alone, like 2027-01-04";
			return -1;
		}
	} else {
		if ((*s != ' ' && *s != 'T') || digits(s + 1, 2, &h) != 0 || s[3] != ':' ||
		    digits(s + 4, 2, &mi) != 0) {
			*why = "expected a time after the date, like 2027-01-04 08:30 or "
			    "2027-01-04T08:30:00";
			return -1;
		}
		s += 6;
		if (*s == ':') {
			if (digits(s + 1, 2, &sec) != 0) {
				*why = "expected seconds as two digits, like 08:30:15";
				return -1;
			}
			s += 3;
			if (*s == '.') {   /* fractions of a second, as databases print them */
				double scale = 0.1;

				for (s++; *s >= '0' && *s <= '9'; s++, scale /= 10)
					frac += (*s - '0') * scale;
			}
		}
		if (*s != '\0') {
			*why = "unexpected text after the time (write YYYY-MM-DD HH:MM[:SS], no "
			    "time zone)";
			return -1;
		}
		if (h > 23 || mi > 59 || sec > 59) {
			*why = "no such time of day (hours 00-23, minutes and seconds 00-59)";
			return -1;
		}
	}
	*day = civil_days(y, mo, d);
	*minute = h * 60.0 + mi + (sec + frac) / 60.0;
	return 0;
}

int
log_name_ok(const char *s)
{
	size_t n;

	/* By hand, not strspn: every row's names pass here. */
	for (n = 0; s[n] != '\0'; n++) {
		char c = s[n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return n > 0 && n < LOG_MAX_NAME;
}

char *
log_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* ---- the header and the rows ----------------------------------------------- */

/* The fields trimmed, as pointers, for the profile. */
static void
field_ptrs(struct parser *p)
{
	int i;

	for (i = 0; i < p->nfields; i++)
		p->fp[i] = log_trim(p->buf + p->field[i]);
}

static int
header(struct parser *p)
{
	struct log_cols cols;
	int i, *slot;

	p->ncols = p->nfields;
	if (p->prof != NULL) {
		field_ptrs(p);
		if (log_profile_header(p->prof, p->fp, p->nfields, &cols, p->file, p->row_line,
		    p->err) != 0)
			return -1;
		return p->cb->header != NULL ? p->cb->header(p->cb->ctx, &cols, p->err) : 0;
	}
	p->c_at = p->c_class = p->c_service = p->c_stream = COL_NONE;
	p->c_outcome = p->c_wait = p->c_agent = p->c_started = COL_NONE;
	for (i = 0; i < p->nfields; i++) {
		char *name = log_trim(p->buf + p->field[i]);

		if (strcasecmp(name, "arrived_at") == 0)
			slot = &p->c_at;
		else if (strcasecmp(name, "class") == 0)
			slot = &p->c_class;
		else if (strcasecmp(name, "service_min") == 0)
			slot = &p->c_service;
		else if (strcasecmp(name, "stream") == 0)
			slot = &p->c_stream;
		else if (strcasecmp(name, "outcome") == 0)
			slot = &p->c_outcome;
		else if (strcasecmp(name, "wait_min") == 0)
			slot = &p->c_wait;
		else if (strcasecmp(name, "agent") == 0)
			slot = &p->c_agent;
		else if (strcasecmp(name, "started_at") == 0)
			slot = &p->c_started;
		else
			continue;
		if (*slot != COL_NONE)
			return perr(p, p->row_line, "the header names column '%s' twice; keep one",
			    name);
		*slot = i;
	}
	if (p->c_at == COL_NONE)
		return perr(p, p->row_line, "the header has no 'arrived_at' column; the first "
		    "row must name the columns, like arrived_at,class,service_min");
	cols.has_class = p->c_class != COL_NONE;
	cols.has_service = p->c_service != COL_NONE;
	cols.has_stream = p->c_stream != COL_NONE;
	cols.has_outcome = p->c_outcome != COL_NONE;
	cols.has_wait = p->c_wait != COL_NONE;
	cols.has_agent = p->c_agent != COL_NONE;
	cols.has_started = p->c_started != COL_NONE;
	if (p->cb->header != NULL)
		return p->cb->header(p->cb->ctx, &cols, p->err);
	return 0;
}

/* A class or stream field: a name a scenario can carry. */
static int
name_field(struct parser *p, int col, const char *what, const char **out)
{
	char *v = log_trim(p->buf + p->field[col]);

	if (*v == '\0')
		return perr(p, p->row_line, "empty '%s' field; give every row a %s name", what,
		    what);
	if (!log_name_ok(v))
		return perr(p, p->row_line, "bad %s name in the '%s' column: use up to %d "
		    "letters, digits, '_' and '-' (a scenario section's name)", what, what,
		    LOG_MAX_NAME - 1);
	*out = v;
	return 0;
}

int
log_parse_number(const char *s, double *out)
{
	const char *p = s;
	int digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (digits == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p != '\0')
		return -1;
	*out = strtod(s, NULL);   /* an underflow to 0 or a denormal is a number */
	return isfinite(*out) && fabs(*out) <= 1e12 ? 0 : -1;
}

/* A minutes column (service_min, wait_min) into *out: -1 without the column or
 * with an empty field, else a number >= 0. */
static int
minutes_field(struct parser *p, int col, const char *name, const char *what, double *out)
{
	char *v;

	*out = -1.0;
	if (col == COL_NONE || *(v = log_trim(p->buf + p->field[col])) == '\0')
		return 0;
	if (log_parse_number(v, out) != 0)
		return perr(p, p->row_line, "bad %s: expected minutes as a plain number, like "
		    "4.5 (no hex, inf or nan; at most 1e12)", name);
	if (*out < 0)
		return perr(p, p->row_line, "negative %s; %s is 0 minutes or more", name, what);
	if (*out > LOG_MAX_MINUTES)
		return perr(p, p->row_line, "%s of %g minutes is longer than any duration a "
		    "scenario takes (100 years); correct or remove the row", name, *out);
	*out += 0.0;   /* no -0 */
	return 0;
}

/* The outcome column: served or abandoned, any case; empty is served (the
 * usual export leaves it blank for an answered item). */
static int
outcome_field(struct parser *p, int *abandoned)
{
	char *v;

	*abandoned = 0;
	if (p->c_outcome == COL_NONE || *(v = log_trim(p->buf + p->field[p->c_outcome])) == '\0')
		return 0;
	if (strcasecmp(v, "abandoned") == 0)
		*abandoned = 1;
	else if (strcasecmp(v, "served") != 0)
		return perr(p, p->row_line, "bad outcome '%.40s%s': write served or abandoned "
		    "(map other codes to these first)", v, strlen(v) > 40 ? "..." : "");
	return 0;
}

/* The agent column: any text (a name, a number, an id) of at most
 * LOG_MAX_NAME - 1 bytes; empty for nobody (an abandoned call). */
static int
agent_field(struct parser *p, const char **agent)
{
	char *v;

	*agent = NULL;
	if (p->c_agent == COL_NONE || *(v = log_trim(p->buf + p->field[p->c_agent])) == '\0')
		return 0;
	if (strlen(v) >= LOG_MAX_NAME)
		return perr(p, p->row_line, "an agent longer than %d bytes; the agent column "
		    "names who served the item", LOG_MAX_NAME - 1);
	*agent = v;
	return 0;
}

/* started_at: the start of service.  Without wait_min it gives the wait. */
static int
started_field(struct parser *p, struct log_row *r)
{
	const char *why;
	char *v;
	double w;

	if (p->c_started == COL_NONE || *(v = log_trim(p->buf + p->field[p->c_started])) == '\0')
		return 0;
	if (log_parse_time(v, 1, &r->start_day, &r->start_minute, &why) != 0)
		return perr(p, p->row_line, "bad started_at: %s", why);
	w = (double)(r->start_day - r->day) * 1440.0 + (r->start_minute - r->minute);
	if (w < -1e-9)
		return perr(p, p->row_line, "started_at is before arrived_at; service starts "
		    "after the item arrives");
	r->has_start = 1;
	if (r->wait < 0)
		r->wait = w > 0 ? w : 0.0;
	return 0;
}

static int
row(struct parser *p)
{
	struct log_row r;
	const char *why;
	char *v;
	int rc;

	if (p->nfields != p->ncols)
		return perr(p, p->row_line, "%d fields, but the header has %d; quote a field "
		    "that holds %s", p->nfields, p->ncols, p->sep == ',' ? "a comma" :
		    p->sep == ';' ? "a semicolon" : "a tab");
	memset(&r, 0, sizeof r);
	r.line = p->row_line;
	if (p->prof != NULL) {
		field_ptrs(p);
		rc = log_profile_row(p->prof, p->fp, &r, p->file, p->row_line, p->err);
		return rc != 0 ? (rc > 0 ? 0 : -1) : p->cb->row(p->cb->ctx, &r, p->err);
	}
	v = log_trim(p->buf + p->field[p->c_at]);
	if (log_parse_time(v, 1, &r.day, &r.minute, &why) != 0)
		return perr(p, p->row_line, "bad arrived_at: %s", why);
	if (p->c_class != COL_NONE && name_field(p, p->c_class, "class", &r.cls) != 0)
		return -1;
	if (p->c_stream != COL_NONE && name_field(p, p->c_stream, "stream", &r.stream) != 0)
		return -1;
	if (minutes_field(p, p->c_service, "service_min", "a service time", &r.service) != 0 ||
	    minutes_field(p, p->c_wait, "wait_min", "a wait", &r.wait) != 0 ||
	    outcome_field(p, &r.abandoned) != 0 || agent_field(p, &r.agent) != 0 ||
	    started_field(p, &r) != 0)
		return -1;
	return p->cb->row(p->cb->ctx, &r, p->err);
}

/* ---- the CSV state machine ------------------------------------------------- */

static int
put(struct parser *p, char c)
{
	if (p->len + 1 >= LOG_MAX_ROW)
		return perr(p, p->row_line, "a row longer than %d bytes; is this a CSV event "
		    "log (or a quote left open)?", LOG_MAX_ROW);
	p->buf[p->len++] = c;
	return 0;
}

static int
end_field(struct parser *p)
{
	if (p->nfields == LOG_MAX_FIELDS)
		return perr(p, p->row_line, "more than %d fields in a row", LOG_MAX_FIELDS);
	if (put(p, '\0') != 0)
		return -1;
	p->field[p->nfields++] = p->len;   /* where the next field starts */
	return 0;
}

/* The row is complete (its last field ended). */
static int
end_row(struct parser *p)
{
	int rc = 0, i;

	if (end_field(p) != 0)
		return -1;
	/* field[] held ends; make them starts */
	for (i = p->nfields - 1; i > 0; i--)
		p->field[i] = p->field[i - 1];
	p->field[0] = 0;
	if (p->nfields == 1 && p->buf[0] == '\0' && !p->quoted_row)
		;                   /* a blank line */
	else if (p->ncols == 0)
		rc = header(p);
	else
		rc = row(p);
	p->len = 0;
	p->nfields = 0;
	p->quoted_row = 0;
	return rc;
}

static int
feed(struct parser *p, const char *s, size_t n)
{
	const char sep = p->sep;
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\0')
			return perr(p, p->line, "a NUL byte: an event log is a text file");
		if (p->state == ST_CR) {
			p->state = ST_START;
			if (c == '\n')
				continue;   /* CRLF */
		}
		if (p->state == ST_START && p->nfields == 0 && p->len == 0)
			p->row_line = p->line;
		/* The bulk of a field is plain bytes: copy a run of them at once. */
		if ((p->state == ST_PLAIN || p->state == ST_QUOTED) && c != '"' && c != '\n' &&
		    (p->state == ST_QUOTED || (c != sep && c != '\r'))) {
			size_t j = i + 1;

			if (p->state == ST_PLAIN)
				while (j < n && s[j] != sep && s[j] != '\n' && s[j] != '\r' &&
				    s[j] != '"' && s[j] != '\0')
					j++;
			else
				while (j < n && s[j] != '"' && s[j] != '\n' && s[j] != '\0')
					j++;
			if (p->len + (j - i) + 1 >= LOG_MAX_ROW)
				return perr(p, p->row_line, "a row longer than %d bytes; is this a "
				    "CSV event log (or a quote left open)?", LOG_MAX_ROW);
			memcpy(p->buf + p->len, s + i, j - i);
			p->len += j - i;
			i = j - 1;
			continue;
		}
		switch (p->state) {
		case ST_START:
		case ST_PLAIN:
			if (c == '"' && p->state == ST_START) {
				p->state = ST_QUOTED;
				p->quoted_row = 1;
				p->quote_line = p->line;
			} else if (c == sep) {
				if (end_field(p) != 0)
					return -1;
				p->state = ST_START;
			} else if (c == '\n' || c == '\r') {
				if (end_row(p) != 0)
					return -1;
				p->line++;
				p->state = c == '\r' ? ST_CR : ST_START;
			} else {
				if (put(p, c) != 0)
					return -1;
				p->state = ST_PLAIN;
			}
			break;
		case ST_QUOTED:
			if (c == '"')
				p->state = ST_QUOTE;
			else {
				if (c == '\n')
					p->line++;
				if (put(p, c) != 0)
					return -1;
			}
			break;
		case ST_QUOTE:
			if (c == '"') {
				if (put(p, '"') != 0)
					return -1;
				p->state = ST_QUOTED;
			} else if (c == sep) {
				if (end_field(p) != 0)
					return -1;
				p->state = ST_START;
			} else if (c == '\n' || c == '\r') {
				if (end_row(p) != 0)
					return -1;
				p->line++;
				p->state = c == '\r' ? ST_CR : ST_START;
			} else
				return perr(p, p->line, "text after a closing quote; inside a quoted "
				    "field write a quote as \"\"");
			break;
		}
	}
	return 0;
}

static int
finish(struct parser *p)
{
	if (p->state == ST_QUOTED)
		return perr(p, p->quote_line, "unterminated quote: a field opened with \" on "
		    "this line never closes");
	if (p->state != ST_CR && (p->len > 0 || p->nfields > 0 || p->state == ST_QUOTE) &&
	    end_row(p) != 0)
		return -1;
	if (p->ncols == 0)
		return perr(p, 0, "empty file: an event log starts with a header row naming "
		    "its columns, like arrived_at,class,service_min");
	return 0;
}

static int
start(struct parser *p, const char *file, const struct log_cb *cb, struct cq_err *err)
{
	memset(p, 0, sizeof *p);
	p->file = file;
	p->cb = cb;
	p->err = err;
	p->line = 1;
	p->row_line = 1;
	p->prof = cb->profile;
	p->sep = p->prof != NULL ? p->prof->sep : ',';
	if ((p->buf = malloc(LOG_MAX_ROW)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
	return 0;
}

/* Skip a UTF-8 byte-order mark at the very start. */
static size_t
skip_bom(const char *s, size_t n)
{
	return n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

int
log_read_mem(const char *name, const char *buf, size_t len, const struct log_cb *cb,
    struct cq_err *err)
{
	struct parser p;
	size_t off;
	int rc;

	if (start(&p, name, cb, err) != 0)
		return -1;
	off = skip_bom(buf, len);
	rc = feed(&p, buf + off, len - off) != 0 || finish(&p) != 0 ? -1 : 0;
	free(p.buf);
	return rc;
}

int
log_read_file(const char *file, const struct log_cb *cb, struct cq_err *err)
{
	struct parser p;
	struct stat st;
	char *chunk = NULL;
	ssize_t n;
	size_t have = 0, off;
	int fd, rc = -1, first = 1;

	/* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
	if ((fd = open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return cq_err_set(err, errno == ENOENT || errno == ENOTDIR ? CQ_EXIT_USAGE :
		    CQ_EXIT_FAIL, file, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return cq_err_set(err, CQ_EXIT_USAGE, file, 0, "cannot read: not a regular "
		    "file (an event log is a CSV file)");
	}
	if (start(&p, file, cb, err) != 0 || (chunk = malloc(1 << 16)) == NULL) {
		if (chunk == NULL && p.buf != NULL)
			cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
		goto out;
	}
	for (;;) {
		n = read(fd, chunk + have, (1 << 16) - have);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			cq_err_set(err, CQ_EXIT_FAIL, file, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		have += (size_t)n;
		/* The mark may only be judged with three bytes in hand (or at the end). */
		if (first && have < 3 && n > 0)
			continue;
		off = first ? skip_bom(chunk, have) : 0;
		first = 0;
		if (feed(&p, chunk + off, have - off) != 0)
			goto out;
		have = 0;
		if (n == 0)
			break;
	}
	rc = finish(&p);
out:
	free(chunk);
	free(p.buf);
	close(fd);
	return rc;
}
