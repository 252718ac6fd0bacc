/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * log_profile.c — reading a profile (doc/data.md "Profiles") with inih.  The
 * library gives no line numbers to its handler, so a reader of our own hands
 * it one line at a time and counts them; it also sees section headers, so an
 * empty section with a wrong name is still named at its line.
 */
#include "log_profile.h"

#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "suggest.h"

#define PROF_MAX_LINE 1024

enum sec { S_NONE = -1, S_EXPORT, S_COLUMNS, S_UNITS, S_OUTCOME, S_CLASS, S_STREAM, S_AGENT,
	S_SKIP, S_N };

static const char *const sec_names[S_N] = {
	"export", "columns", "units", "outcome", "class", "stream", "agent", "skip"
};
static const char *const col_names[PC_N] = {
	"arrived_at", "class", "service_min", "stream", "outcome", "wait_min", "agent",
	"started_at"
};
static const char *const export_keys[] = {
	"separator", "date_format", "time_format", "datetime_format", NULL
};

/* The reading's state, for inih's reader and handler. */
struct rd {
	struct log_profile *pr;
	struct cq_err *err;
	const char *text;
	size_t len, pos;
	int line, failed;
	int sec;                  /* enum sec of the current section */
	int sec_line[S_N];        /* where each section starts (0: absent) */
	int export_line[4];
	int unit_line[PC_N];
	int skip_line[PROF_MAX_SKIPS];
};

static int
rd_fail(struct rd *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
rd_fail(struct rd *rd, const char *fmt, ...)
{
	va_list ap;

	if (rd->failed)
		return 0;
	va_start(ap, fmt);
	cq_err_vset(rd->err, CQ_EXIT_USAGE, rd->pr->file, rd->line, fmt, ap);
	va_end(ap);
	rd->failed = 1;
	return 0;   /* inih: stop */
}

/* The index of word in names (n of them, or NULL-terminated with n < 0), or
 * -1 with the nearest one in *near (NULL when none is near). */
static int
lookup(const char *word, const char *const *names, int n, const char **near)
{
	int i, d, best = -1;

	*near = NULL;
	for (i = 0; n < 0 ? names[i] != NULL : i < n; i++) {
		if (strcmp(word, names[i]) == 0)
			return i;
		d = suggest_near(word, names[i]);
		if (d >= 0 && (best < 0 || d < best)) {
			best = d;
			*near = names[i];
		}
	}
	return -1;
}

/* "; did you mean 'x'?" or "" into buf. */
static const char *
mean(const char *near, char *buf, size_t n)
{
	if (near == NULL)
		return "";
	snprintf(buf, n, "; did you mean '%s'?", near);
	return buf;
}

/* A section header line: check its name, make it current. */
static int
rd_section(struct rd *rd, const char *line)
{
	char name[PROF_MAX_LINE], buf[96];
	const char *end = strchr(line, ']'), *near;
	size_t n;
	int s;

	if (end == NULL)
		return rd_fail(rd, "a section header without its ']'; write [columns]");
	n = (size_t)(end - line - 1);
	memcpy(name, line + 1, n);
	name[n] = '\0';
	if ((s = lookup(log_trim(name), sec_names, S_N, &near)) < 0)
		return rd_fail(rd, "unknown section [%s]%s (a profile has [export], [columns], "
		    "[units], [outcome], [class], [stream], [agent] and [skip])", log_trim(name),
		    mean(near, buf, sizeof buf));
	if (rd->sec_line[s] != 0)
		return rd_fail(rd, "section [%s] twice (first at line %d); merge them",
		    sec_names[s], rd->sec_line[s]);
	rd->sec = s;
	rd->sec_line[s] = rd->line;
	return 1;
}

/* inih's reader: the next line, counted; section headers are checked here. */
static char *
rd_line(char *str, int num, void *stream)
{
	struct rd *rd = stream;
	const char *start, *nl, *p;
	size_t n, i;

	if (rd->failed || rd->pos >= rd->len)
		return NULL;
	start = rd->text + rd->pos;
	nl = memchr(start, '\n', rd->len - rd->pos);
	n = nl != NULL ? (size_t)(nl - start) : rd->len - rd->pos;
	rd->pos += n + (nl != NULL);
	rd->line++;
	if (n > 0 && start[n - 1] == '\r')
		n--;
	if (n >= (size_t)num || n >= PROF_MAX_LINE) {
		rd_fail(rd, "a line longer than %d characters", num - 1 < PROF_MAX_LINE ?
		    num - 1 : PROF_MAX_LINE - 1);
		return NULL;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)start[i] < 0x20 && start[i] != '\t') {
			rd_fail(rd, "the control character 0x%02x; a profile is a text file",
			    (unsigned char)start[i]);
			return NULL;
		}
	memcpy(str, start, n);
	str[n] = '\0';
	for (p = str; *p == ' ' || *p == '\t'; p++)
		;
	if (p != str && *p != '\0' && *p != ';' && *p != '#') {
		rd_fail(rd, "an indented line; a profile's lines start at the margin");
		return NULL;
	}
	if (*p == '[' && !rd_section(rd, p))
		return NULL;
	return str;
}

/* [export] separator = comma | tab | semicolon, and the formats. */
static int
on_export(struct rd *rd, const char *key, const char *v)
{
	static const char *const seps[] = { "comma", "tab", "semicolon", NULL };
	static const char sepc[] = { ',', '\t', ';' };
	struct log_profile *pr = rd->pr;
	struct prof_fmt *f;
	const char *near, *why;
	char buf[96];
	int k, s;

	if ((k = lookup(key, export_keys, -1, &near)) < 0)
		return rd_fail(rd, "unknown key '%s' in [export]%s (it takes separator, "
		    "date_format, time_format and datetime_format)", key,
		    mean(near, buf, sizeof buf));
	if (rd->export_line[k] != 0)
		return rd_fail(rd, "%s given twice in [export] (first at line %d)", key,
		    rd->export_line[k]);
	rd->export_line[k] = rd->line;
	if (k == 0) {
		if ((s = lookup(v, seps, -1, &near)) < 0)
			return rd_fail(rd, "bad separator '%s': write comma, tab or semicolon", v);
		pr->sep = sepc[s];
		return 1;
	}
	f = k == 1 ? &pr->date_fmt : k == 2 ? &pr->time_fmt : &pr->stamp_fmt;
	if (prof_fmt_check(v, k != 2, k != 1, &why) != 0)
		return rd_fail(rd, "bad %s '%s': %s", key, v, why);
	snprintf(f->s, sizeof f->s, "%s", v);
	return 1;
}

/* A source column's name, as the export's header writes it. */
static int
src_name(struct rd *rd, const char *key, const char *v, char *out)
{
	if (*v == '\0')
		return rd_fail(rd, "%s maps to no column; name the export's column, like "
		    "%s = %s", key, key, key);
	if (strlen(v) >= LOG_MAX_NAME)
		return rd_fail(rd, "a column name longer than %d bytes", LOG_MAX_NAME - 1);
	snprintf(out, LOG_MAX_NAME, "%s", v);
	return 1;
}

/* Whether name is already some column's source (other than as a date part of
 * a timestamp, which arrived_at and started_at may share). */
static int
mapped_twice(struct rd *rd, int c, int part, const char *name)
{
	struct log_profile *pr = rd->pr;
	int i, j;

	for (i = 0; i < PC_N; i++)
		for (j = 0; j < 2; j++) {
			if (i == c || strcmp(pr->src[i][j], name) != 0)
				continue;
			if (part == 0 && j == 0 && pr->src[i][1][0] != '\0' &&
			    pr->src[c][1][0] != '\0')
				continue;   /* one date column for both timestamps */
			return rd_fail(rd, "column '%s' is mapped twice: to %s (line %d) and to "
			    "%s; map each column of the export once", name, col_names[i],
			    pr->line[i], col_names[c]);
		}
	return 1;
}

/* [columns] LOGCOLUMN = SOURCE, or for a timestamp DATE + TIME. */
static int
on_columns(struct rd *rd, const char *key, const char *v)
{
	struct log_profile *pr = rd->pr;
	char buf[96], val[PROF_MAX_LINE], *plus;
	const char *near;
	int c;

	if ((c = lookup(key, col_names, PC_N, &near)) < 0)
		return rd_fail(rd, "unknown column '%s' in [columns]%s (the log's columns are "
		    "arrived_at, class, service_min, stream, outcome, wait_min, agent and "
		    "started_at)", key, mean(near, buf, sizeof buf));
	if (pr->line[c] != 0)
		return rd_fail(rd, "%s mapped twice in [columns] (first at line %d)", key,
		    pr->line[c]);
	snprintf(val, sizeof val, "%s", v);
	if ((plus = strchr(val, '+')) != NULL) {
		if (c != PC_ARRIVED && c != PC_STARTED)
			return rd_fail(rd, "'%s' joins two columns, but only arrived_at and "
			    "started_at join a date and a time", v);
		*plus = '\0';
		if (!src_name(rd, key, log_trim(plus + 1), pr->src[c][1]))
			return 0;
		if (strchr(pr->src[c][1], '+') != NULL)
			return rd_fail(rd, "'%s' joins more than two columns; write DATE + TIME", v);
	}
	if (!src_name(rd, key, log_trim(val), pr->src[c][0]))
		return 0;
	pr->line[c] = rd->line;
	if (!mapped_twice(rd, c, 0, pr->src[c][0]))
		return 0;
	return pr->src[c][1][0] == '\0' || mapped_twice(rd, c, 1, pr->src[c][1]);
}

/* [units] service_min = seconds | minutes | hours (likewise wait_min). */
static int
on_units(struct rd *rd, const char *key, const char *v)
{
	static const char *const units[] = { "seconds", "minutes", "hours", NULL };
	static const int codes[] = { PU_SECONDS, PU_MINUTES, PU_HOURS };
	static const char *const durations[] = { "service_min", "wait_min", NULL };
	struct log_profile *pr = rd->pr;
	char buf[96];
	const char *near;
	int c, u;

	if ((c = lookup(key, durations, -1, &near)) < 0)
		return rd_fail(rd, "unknown key '%s' in [units]%s (units are given for "
		    "service_min and wait_min)", key, mean(near, buf, sizeof buf));
	c = c == 0 ? PC_SERVICE : PC_WAIT;
	if (rd->unit_line[c] != 0)
		return rd_fail(rd, "%s given twice in [units] (first at line %d)", key,
		    rd->unit_line[c]);
	rd->unit_line[c] = rd->line;
	if ((u = lookup(v, units, -1, &near)) < 0)
		return rd_fail(rd, "unknown unit '%s' for %s%s: write seconds, minutes or "
		    "hours", v, key, mean(near, buf, sizeof buf));
	pr->unit[c] = codes[u];
	pr->unit_name[c] = units[u];
	return 1;
}

/* [outcome] CODE = served | abandoned | skip, [class] and [stream] CODE =
 * NAME | skip,
 * [agent] CODE = nobody. */
static int
on_code(struct rd *rd, int sec, const char *key, const char *v)
{
	static const char *const outcomes[] = { "served", "abandoned", "skip", NULL };
	struct log_profile *pr = rd->pr;
	struct prof_map *m = sec == S_OUTCOME ? &pr->outcome : sec == S_CLASS ? &pr->cls :
	    sec == S_STREAM ? &pr->stream : &pr->agent;
	struct prof_code *e;
	char buf[96];
	const char *near;
	int i, to;

	if (strlen(key) >= LOG_MAX_NAME)
		return rd_fail(rd, "a code longer than %d bytes in [%s]", LOG_MAX_NAME - 1,
		    sec_names[sec]);
	for (i = 0; i < m->n; i++)
		if (strcmp(m->e[i].code, key) == 0)
			return rd_fail(rd, "code '%s' given twice in [%s]; map each code once", key,
			    sec_names[sec]);
	if (m->n == PROF_MAX_CODES)
		return rd_fail(rd, "more than %d codes in [%s]", PROF_MAX_CODES, sec_names[sec]);
	if (sec == S_OUTCOME) {
		if ((to = lookup(v, outcomes, -1, &near)) < 0)
			return rd_fail(rd, "outcome code '%s' maps to '%s'; write served, abandoned "
			    "or skip%s", key, v, mean(near, buf, sizeof buf));
	} else if (sec == S_AGENT) {
		if (strcmp(v, "nobody") != 0)
			return rd_fail(rd, "agent code '%s' maps to '%s'; an agent code maps only "
			    "to nobody (no agent served the row)", key, v);
		to = PT_NOBODY;
	} else if (strcmp(v, "skip") == 0)
		to = PT_SKIP;
	else if (!log_name_ok(v))
		return rd_fail(rd, "%s code '%s' maps to '%s', not a %s name: use up to %d "
		    "letters, digits, '_' and '-' (or skip)", sec_names[sec], key, v,
		    sec_names[sec], LOG_MAX_NAME - 1);
	else
		to = PT_NAME;
	e = &m->e[m->n++];
	snprintf(e->code, sizeof e->code, "%s", key);
	snprintf(e->name, sizeof e->name, "%s", v);
	e->to = to;
	return 1;
}

/* [skip] COLUMN = VALUE[, VALUE]...: rows holding one of them are left out. */
static int
on_skip(struct rd *rd, const char *key, const char *v)
{
	struct log_profile *pr = rd->pr;
	char val[PROF_MAX_LINE], *item, *save = NULL;
	int i;

	if (strlen(key) >= LOG_MAX_NAME)
		return rd_fail(rd, "a column name longer than %d bytes", LOG_MAX_NAME - 1);
	for (i = 0; i < pr->nskip; i++)
		if (strcmp(pr->skip[i].column, key) == 0)
			return rd_fail(rd, "column '%s' given twice in [skip] (first at line %d); "
			    "list its values on one line, separated by commas", key,
			    rd->skip_line[i]);
	snprintf(val, sizeof val, "%s", v);
	for (item = strtok_r(val, ",", &save); item != NULL; item = strtok_r(NULL, ",", &save)) {
		item = log_trim(item);
		if (*item == '\0' || strlen(item) >= LOG_MAX_NAME)
			return rd_fail(rd, "bad value to skip in column '%s': give values of up to "
			    "%d bytes, separated by commas", key, LOG_MAX_NAME - 1);
		if (pr->nskip == PROF_MAX_SKIPS)
			return rd_fail(rd, "more than %d values in [skip]", PROF_MAX_SKIPS);
		rd->skip_line[pr->nskip] = rd->line;
		snprintf(pr->skip[pr->nskip].column, LOG_MAX_NAME, "%s", key);
		snprintf(pr->skip[pr->nskip++].value, LOG_MAX_NAME, "%s", item);
	}
	if (pr->nskip == 0 || strcmp(pr->skip[pr->nskip - 1].column, key) != 0)
		return rd_fail(rd, "no value to skip in column '%s'; write %s = VALUE", key, key);
	return 1;
}

/* inih's handler: one key = value of the current line. */
static int
rd_entry(void *user, const char *section, const char *name, const char *value)
{
	struct rd *rd = user;

	(void)section;
	if (rd->failed)
		return 0;
	if (rd->sec == S_NONE)
		return rd_fail(rd, "'%s' comes before any section; put it under a header "
		    "like [columns]", name);
	if (value == NULL || *value == '\0')
		return rd_fail(rd, "no value for '%s' in [%s]; write %s = VALUE or remove the "
		    "line", name, sec_names[rd->sec], name);
	switch (rd->sec) {
	case S_EXPORT:
		return on_export(rd, name, value);
	case S_COLUMNS:
		return on_columns(rd, name, value);
	case S_UNITS:
		return on_units(rd, name, value);
	case S_SKIP:
		return on_skip(rd, name, value);
	default:
		return on_code(rd, rd->sec, name, value);
	}
}

/* What only the whole profile shows: arrived_at mapped, each map and unit
 * used by a column. */
static int
rd_finish(struct rd *rd)
{
	static const int uses[][2] = {
		{ S_OUTCOME, PC_OUTCOME }, { S_CLASS, PC_CLASS }, { S_STREAM, PC_STREAM },
		{ S_AGENT, PC_AGENT }
	};
	struct log_profile *pr = rd->pr;
	size_t i;

	if (pr->line[PC_ARRIVED] == 0) {
		rd->line = rd->sec_line[S_COLUMNS];
		return rd_fail(rd, "the profile maps no arrived_at; write arrived_at = COLUMN "
		    "(or DATE + TIME) in [columns]");
	}
	for (i = 0; i < sizeof uses / sizeof uses[0]; i++)
		if (rd->sec_line[uses[i][0]] != 0 && pr->line[uses[i][1]] == 0) {
			rd->line = rd->sec_line[uses[i][0]];
			return rd_fail(rd, "[%s] maps codes, but [columns] maps no %s column; map "
			    "one (%s = COLUMN)", sec_names[uses[i][0]], col_names[uses[i][1]],
			    col_names[uses[i][1]]);
		}
	for (i = 0; i < PC_N; i++)
		if (rd->unit_line[i] != 0 && pr->line[i] == 0) {
			rd->line = rd->unit_line[i];
			return rd_fail(rd, "a unit for %s, but [columns] maps no %s column",
			    col_names[i], col_names[i]);
		}
	return 1;
}

int
log_profile_parse(const char *name, const char *text, size_t len,
    struct log_profile **out, struct cq_err *err)
{
	struct rd rd;
	int rc;

	*out = NULL;
	memset(&rd, 0, sizeof rd);
	if (len > PROF_MAX_BYTES)
		return cq_err_set(err, CQ_EXIT_USAGE, name, 0, "larger than 1 MiB (a profile "
		    "is a short INI file)");
	if (memchr(text, '\0', len) != NULL)
		return cq_err_set(err, CQ_EXIT_USAGE, name, 0, "a NUL byte; a profile is a "
		    "text file");
	if ((rd.pr = calloc(1, sizeof *rd.pr)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, name, 0, "out of memory");
	snprintf(rd.pr->file, sizeof rd.pr->file, "%s", name);
	rd.pr->sep = ',';
	rd.pr->unit_name[PC_SERVICE] = rd.pr->unit_name[PC_WAIT] = "minutes";
	snprintf(rd.pr->date_fmt.s, PROF_MAX_FMT, "%%Y-%%m-%%d");
	snprintf(rd.pr->time_fmt.s, PROF_MAX_FMT, "%%H:%%M:%%S");
	rd.err = err;
	rd.text = text;
	rd.len = len;
	rd.sec = S_NONE;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		rd.pos = 3;
	rc = ini_parse_stream(rd_line, &rd, rd_entry, &rd);
	if (!rd.failed && rc > 0) {
		rd.line = rc;
		rd_fail(&rd, "expected 'key = value' or a [section] header");
	} else if (!rd.failed && rc < 0)
		cq_err_set(err, CQ_EXIT_FAIL, name, 0, "inih failed (%d)", rc);
	if (rd.failed || rc < 0 || !rd_finish(&rd)) {
		free(rd.pr);
		return -1;
	}
	*out = rd.pr;
	return 0;
}

int
log_profile_load(const char *file, struct log_profile **out, struct cq_err *err)
{
	struct stat st;
	char *text;
	ssize_t n;
	size_t have = 0;
	int fd, rc;

	*out = NULL;
	if ((fd = open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return cq_err_set(err, errno == ENOENT || errno == ENOTDIR ? CQ_EXIT_USAGE :
		    CQ_EXIT_FAIL, file, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return cq_err_set(err, CQ_EXIT_USAGE, file, 0, "cannot read: not a regular "
		    "file (a profile is an INI file)");
	}
	if ((text = malloc(PROF_MAX_BYTES + 1)) == NULL) {
		close(fd);
		return cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
	}
	while (have <= PROF_MAX_BYTES &&
	    ((n = read(fd, text + have, PROF_MAX_BYTES + 1 - have)) > 0 ||
	    (n < 0 && errno == EINTR)))
		have += n > 0 ? (size_t)n : 0;
	if (n < 0) {
		rc = cq_err_set(err, CQ_EXIT_FAIL, file, 0, "cannot read: %s", strerror(errno));
	} else
		rc = log_profile_parse(file, text, have, out, err);
	free(text);
	close(fd);
	return rc;
}

void
log_profile_free(struct log_profile *pr)
{
	free(pr);
}

/* One reason's count, as "outcome PHANTOM 1200". */
static void
print_one(FILE *out, int *first, const char *col, const char *value, long n)
{
	if (n == 0)
		return;
	fprintf(out, "%s%s %s %ld", *first ? ": " : ", ", col, value, n);
	*first = 0;
}

void
log_profile_print_skips(const struct log_profile *pr, FILE *out)
{
	int i, first = 1;

	if (pr == NULL || pr->skipped == 0)
		return;
	fprintf(out, "; %ld rows skipped by the profile %s", pr->skipped, pr->file);
	for (i = 0; i < pr->nskip; i++)
		print_one(out, &first, pr->skip[i].column, pr->skip[i].value, pr->skip[i].skipped);
	for (i = 0; i < pr->outcome.n; i++)
		print_one(out, &first, pr->src[PC_OUTCOME][0], pr->outcome.e[i].code,
		    pr->outcome.e[i].skipped);
	for (i = 0; i < pr->cls.n; i++)
		print_one(out, &first, pr->src[PC_CLASS][0], pr->cls.e[i].code,
		    pr->cls.e[i].skipped);
	for (i = 0; i < pr->stream.n; i++)
		print_one(out, &first, pr->src[PC_STREAM][0], pr->stream.e[i].code,
		    pr->stream.e[i].skipped);
	fputc('\n', out);
}
