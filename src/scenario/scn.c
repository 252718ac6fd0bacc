/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn.c — the scenario: loading a file or a string, the defaults, the order in
 * which sections are interpreted, the checks across sections, freeing, and the
 * hours a shift works.  The sections themselves are interpreted in
 * scn_stream.c, scn_class.c, scn_staff.c, scn_tmpl.c and scn_sweep.c
 * (scn_route.c: the routing of care pathways), with the helpers of
 * scn_ld.c (scn_int.h); scn_ini.c reads the text and scn_print.c prints it.
 *
 * Loading is two phases.  scn_ini_read() collects every section and entry
 * (checking section types, names, keys and repeats as it goes), then the
 * overrides are applied to that collection, so that a --set value is checked
 * exactly like one written in the file.  Then interpret() takes each section
 * in an order that lets names be used before they are defined: classes and
 * patterns first, streams, roles and shifts after.
 */
#include "scn.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scn_int.h"
#include "units.h"
#include "week.h"
#include "utf8.h"

/* Default start date: Monday 2027-01-04. */
#define SCN_DEFAULT_START "2027-01-04"

/* Make sec the current section. */
static void
ld_enter(struct ld *ld, const struct scn_ini_sec *sec)
{
	ld->sec = sec;
	scn_ini_label(sec, ld->label, sizeof ld->label);
}

/* Make sec, a named section interpreted into base, the current section, with
 * its keys' defaults. */
static void
ld_enter_named(struct ld *ld, const struct scn_ini_sec *sec, void *base)
{
	ld_enter(ld, sec);
	scn_keys_defaults(sec->type, base);
}

/* name: the title, copied (up to 127 characters). */
int
ld_scenario_name(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn *s = base;

	(void)k;
	if (e == NULL)
		return 0;
	if (utf8_length(e->value) > SCN_MAX_TITLE || strlen(e->value) >= sizeof s->name)
		return ld_err(ld, e, "'name' in [scenario] is longer than %d characters",
		    SCN_MAX_TITLE);
	snprintf(s->name, sizeof s->name, "%s", e->value);
	return 0;
}

/* start_date: the day and its weekday. */
int
ld_scenario_start_date(struct ld *ld, const struct scn_key *k,
    const struct scn_ini_ent *e, void *base)
{
	struct scn *s = base;
	const char *why;

	(void)k;
	if (e != NULL && unit_parse_date(e->value, &s->start_epoch_day, &s->start_weekday,
	    &why) != 0)
		return ld_bad_value(ld, e, why);
	return 0;
}

/* max_utilization: a share above 0. */
int
ld_targets_max_utilization(struct ld *ld, const struct scn_key *k,
    const struct scn_ini_ent *e, void *base)
{
	struct scn *s = base;
	int set = ld_value(ld, k, e, base);

	if (set < 0)
		return -1;
	if (set && !(s->max_utilization > 0))
		return ld_err(ld, e, "'max_utilization' in [targets] must be above 0%%, like "
		    "max_utilization = 85%%");
	return 0;
}

/* Set the defaults: the name from the file's, the start date, and those of
 * the key table. */
static void
set_defaults(struct scn *s, const char *file)
{
	const char *base = strrchr(file, '/'), *why;
	size_t n;
	int t;

	base = base != NULL ? base + 1 : file;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
		n -= 4;
	if (n >= sizeof s->name)
		n = utf8_fit(base, sizeof s->name - 1);
	memcpy(s->name, base, n);
	s->name[n] = '\0';
	unit_parse_date(SCN_DEFAULT_START, &s->start_epoch_day, &s->start_weekday, &why);
	/* The other sections without a name have their defaults whether or not
	 * the file holds them. */
	for (t = 0; t < SEC_NTYPES; t++) {
		if (!scn_ini_type_named(t))
			scn_keys_defaults(t, scn_keys_base(s, t));
	}
}

/* Note each section: the named ones' names and lines in s, in file order
 * (so that a name may be used before its section), the others in one[]. */
static int
collect(struct ld *ld, const struct scn_ini_sec **one)
{
	struct scn *s = ld->s;
	const struct scn_ini_sec *sec;
	int i;

	for (i = 0; i < ld->doc->nsecs; i++) {
		sec = &ld->doc->secs[i];
		switch (sec->type) {
		case SEC_PATTERN:
			ld->pattern_sec[s->npatterns] = sec;
			snprintf(s->patterns[s->npatterns].name, SCN_MAX_NAME, "%s", sec->name);
			s->patterns[s->npatterns++].line = sec->line;
			break;
		case SEC_STREAM:
			ld->stream_sec[s->nstreams] = sec;
			snprintf(s->streams[s->nstreams].name, SCN_MAX_NAME, "%s", sec->name);
			s->streams[s->nstreams++].line = sec->line;
			break;
		case SEC_CLASS:
			ld->class_sec[s->nclasses] = sec;
			snprintf(s->classes[s->nclasses].name, SCN_MAX_NAME, "%s", sec->name);
			s->classes[s->nclasses++].line = sec->line;
			break;
		case SEC_ROLE:
			ld->role_sec[s->nroles] = sec;
			snprintf(s->roles[s->nroles].name, SCN_MAX_NAME, "%s", sec->name);
			s->roles[s->nroles++].line = sec->line;
			break;
		case SEC_SHIFT:
			ld->shift_sec[s->nshifts] = sec;
			snprintf(s->shifts[s->nshifts].name, SCN_MAX_NAME, "%s", sec->name);
			s->shifts[s->nshifts++].line = sec->line;
			break;
		case SEC_SHIFT_TEMPLATE:
			if (s->templates == NULL &&
			    (s->templates = calloc(SCN_MAX_TEMPLATES, sizeof *s->templates)) == NULL)
				return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0,
				    "out of memory");
			ld->tmpl_sec[s->ntemplates] = sec;
			snprintf(s->templates[s->ntemplates].name, SCN_MAX_NAME, "%s", sec->name);
			s->templates[s->ntemplates++].line = sec->line;
			break;
		case SEC_CONTRACT:
			ld->contract_sec[s->ncontracts] = sec;
			snprintf(s->contracts[s->ncontracts].name, SCN_MAX_NAME, "%s", sec->name);
			s->contracts[s->ncontracts++].line = sec->line;
			break;
		default:
			one[sec->type] = sec;
			break;
		}
	}
	return 0;
}

/* Interpret an unnamed section, if the file has it. */
static int
unnamed(struct ld *ld, const struct scn_ini_sec *sec, int (*load)(struct ld *))
{
	if (sec == NULL)
		return 0;
	ld_enter(ld, sec);
	return load(ld);
}

/* [scenario], [calendar] and [targets] hold keys of struct scn itself. */
static int
load_scn_keys(struct ld *ld)
{
	return ld_keys(ld, ld->s);
}

/* Interpret the sections in an order that resolves names: classes before the
 * streams, roles and escalation that name them, roles before shifts. */
static int
interpret_sections(struct ld *ld, const struct scn_ini_sec *const *one)
{
	struct scn *s = ld->s;
	int i;

	if (unnamed(ld, one[SEC_SCENARIO], load_scn_keys) != 0 ||
	    unnamed(ld, one[SEC_CALENDAR], load_scn_keys) != 0)
		return -1;
	for (i = 0; i < s->npatterns; i++) {
		ld_enter_named(ld, ld->pattern_sec[i], &s->patterns[i]);
		if (ld_load_pattern(ld, &s->patterns[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nclasses; i++) {
		ld_enter_named(ld, ld->class_sec[i], &s->classes[i]);
		if (ld_load_class(ld, &s->classes[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nstreams; i++) {
		ld_enter_named(ld, ld->stream_sec[i], &s->streams[i]);
		if (ld_load_stream(ld, &s->streams[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nroles; i++) {
		ld_enter_named(ld, ld->role_sec[i], &s->roles[i]);
		if (ld_load_role(ld, &s->roles[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nshifts; i++) {
		ld_enter_named(ld, ld->shift_sec[i], &s->shifts[i]);
		if (ld_load_shift(ld, &s->shifts[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->ntemplates; i++) {
		ld_enter_named(ld, ld->tmpl_sec[i], &s->templates[i]);
		if (ld_load_template(ld, &s->templates[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->ncontracts; i++) {
		ld_enter_named(ld, ld->contract_sec[i], &s->contracts[i]);
		if (ld_load_contract(ld, &s->contracts[i]) != 0)
			return -1;
	}
	return unnamed(ld, one[SEC_ESCALATION], ld_load_escalation) != 0 ||
	    unnamed(ld, one[SEC_CONTACT], ld_load_contact) != 0 ||
	    unnamed(ld, one[SEC_TARGETS], load_scn_keys) != 0 ||
	    unnamed(ld, one[SEC_SWEEP], ld_load_sweep) != 0 ? -1 : 0;
}

/* Interpret every section of the document into s, then check across them. */
static int
interpret(struct ld *ld)
{
	struct scn_ini_doc *doc = ld->doc;
	struct scn *s = ld->s;
	const struct scn_ini_sec *one[SEC_NTYPES] = { 0 };
	int c, r, k, served;

	if (doc->nsecs == 0)
		return cq_err_set(ld->err, CQ_EXIT_USAGE, doc->file, 0, "the scenario is empty "
		    "(no sections); it needs at least a [stream], a [class] and a [role] "
		    "section (see 'man clinicq')");
	if (collect(ld, one) != 0 || interpret_sections(ld, one) != 0 ||
	    ld_check_people(ld) != 0)
		return -1;
	/* Every class needs someone to serve it. */
	for (c = 0; c < s->nclasses; c++) {
		served = 0;
		for (r = 0; r < s->nroles && !served; r++) {
			for (k = 0; k < s->roles[r].nserves; k++)
				served |= s->roles[r].serves[k] == c;
		}
		if (!served) {
			ld_enter(ld, ld->class_sec[c]);
			return ld_sec_err(ld, "[%s] is served by no role; add it to some role's "
			    "'serves'", ld->label);
		}
	}
	if (s->nstreams == 0)
		return cq_err_set(ld->err, CQ_EXIT_USAGE, doc->file, 0, "no [stream] section: "
		    "nothing would arrive; add one like [stream portal] with per_week and classes");
	/* Care pathways: the routing of 'next' ends, and the classes' rates. */
	return ld_check_routes(ld);
}

/* Load from text of len bytes; file names the source in messages. */
static struct scn *
load_text(const char *file, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct scn_files *files, struct cq_err *err)
{
	struct scn_ini_doc doc;
	struct ld ld;
	struct scn *s;
	const char *why;
	size_t off;
	int i;

	memset(&doc, 0, sizeof doc);
	memset(&ld, 0, sizeof ld);
	doc.file = file;
	if ((s = calloc(1, sizeof *s)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
		return NULL;
	}
	if ((s->file = strdup(file)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
		goto fail;
	}
	/* The name reaches workbooks and JSON, which carry only UTF-8 text. */
	if (utf8_check(file, strlen(file), 0, &off, &why) != 0) {
		cq_err_set(err, CQ_EXIT_USAGE, "", 0, "the scenario's file name has %s at "
		    "byte %zu; rename the file (names are UTF-8 text)", why, off + 1);
		goto fail;
	}
	set_defaults(s, file);
	/* The command line caps --set (SCN_MAX_OVERRIDES); -r, --seed and a sweep
	 * point's values come on top. */
	if (nov < 0) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "a negative number of overrides");
		goto fail;
	}
	if (scn_ini_read(&doc, text, len, err) != 0)
		goto fail;
	for (i = 0; i < nov; i++) {
		if (scn_ini_override(&doc, ov[i].text, err) != 0)
			goto fail;
	}
	s->shifts = calloc(SCN_MAX_SHIFTS, sizeof *s->shifts);
	ld.shift_sec = calloc(SCN_MAX_SHIFTS, sizeof *ld.shift_sec);
	if (s->shifts == NULL || ld.shift_sec == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
		goto fail;
	}
	ld.doc = &doc;
	ld.s = s;
	ld.err = err;
	ld.files = files;
	if (interpret(&ld) != 0)
		goto fail;
	ld_tlog_free_all(&ld);
	free(ld.shift_sec);
	scn_ini_free(&doc);
	return s;
fail:
	ld_tlog_free_all(&ld);
	free(ld.shift_sec);
	scn_ini_free(&doc);
	scn_free(s);
	return NULL;
}

/* Load a scenario from a string; name is used in messages. */
struct scn *
scn_load_string(const char *name, const char *text, const struct scn_override *ov,
    int nov, struct cq_err *err)
{
	return load_text(name, text, strlen(text), ov, nov, NULL, err);
}

/* Load a scenario from len bytes that may hold NULs (rejected like a file's). */
struct scn *
scn_load_mem(const char *name, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct cq_err *err)
{
	return load_text(name, text, len, ov, nov, NULL, err);
}

struct scn *
scn_load_files(const char *name, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct scn_files *files, struct cq_err *err)
{
	return load_text(name, text, len, ov, nov, files, err);
}

/* Read a scenario file whole (at most 4 MiB), NUL-terminated. */
char *
scn_read_file(const char *file, size_t *lenp, struct cq_err *err)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	struct stat st;
	FILE *f;
	int fd;
	/* "-" is standard input: a pipe or a terminal as well as a file. */
	int is_stdin = strcmp(file, "-") == 0;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused
	 * below, like anything that is not a regular file. */
	if ((fd = is_stdin ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) :
	    open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
		cq_err_set(err, errno == ENOENT || errno == ENOTDIR ? CQ_EXIT_USAGE :
		    CQ_EXIT_FAIL, file, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || (!is_stdin && !S_ISREG(st.st_mode))) {
		cq_err_set(err, CQ_EXIT_USAGE, file, 0, "cannot read: not a regular file "
		    "(a scenario is a text file)");
		close(fd);
		return NULL;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "cannot read: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			char *nb;

			if (cap > SCN_INI_MAX_BYTES) {
				cq_err_set(err, CQ_EXIT_USAGE, file, 0,
				    "larger than 4 MiB (the limit for a scenario file)");
				goto fail;
			}
			cap = cap ? cap * 2 : 65536;
			if ((nb = realloc(buf, cap + 1)) == NULL) {
				cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
				goto fail;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "cannot read: %s", strerror(errno));
		goto fail;
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

/* Load a scenario file (at most 4 MiB), apply overrides, validate. */
struct scn *
scn_load(const char *file, const struct scn_override *ov, int nov, struct cq_err *err)
{
	struct scn *s;
	size_t len;
	char *buf = scn_read_file(file, &len, err);

	if (buf == NULL)
		return NULL;
	s = load_text(file, buf, len, ov, nov, NULL, err);
	free(buf);
	return s;
}

/* Free a scenario and all it owns; accepts NULL. */
void
scn_free(struct scn *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < s->sweep.nvars; i++)
		scn_sweep_var_free(&s->sweep.vars[i]);
	for (i = 0; i < s->nstreams && !s->derived; i++)
		scn_trace_free(s->streams[i].trace);
	free(s->sweep.vars);
	free(s->templates);
	free(s->shifts);
	if (!s->derived)
		dist_emp_free_all(s->emps);
	free(s->file);
	free(s);
}

/* Minutes of warm-up plus measured span. */
double
scn_horizon(const struct scn *s)
{
	return s->warmup + s->weeks * WEEK_MIN;
}

/* Whether day index d (from start_date) is a holiday. */
static int
is_holiday(const struct scn *s, long d)
{
	return bsearch(&d, s->holidays, (size_t)s->nholidays, sizeof s->holidays[0],
	    ld_cmp_long) != NULL;
}

/* Scheduled hours per week of ONE person on shift i, averaged over
 * the measured span [warmup, warmup + weeks): shifts that start on a skipped
 * holiday do not count; a shift overlapping an end of the span counts in part. */
double
scn_break_due(const struct scn_break *b, int j, int n)
{
	double slack = b->to - b->from - b->length;

	return b->from + (n > 1 ? slack * j / (n - 1) : 0.0);
}

/* Hours per week of shift i's runs, each weighted by w[] of its weekday. */
double
scn_shift_weighted_hours(const struct scn *s, int i, const int w[WEEK_DAYS])
{
	const struct scn_shift *sh = &s->shifts[i];
	double from = s->warmup, to = scn_horizon(s), a, b, sum = 0;
	long d, first = (long)floor(from / DAY_MIN) - 1, last = (long)ceil(to / DAY_MIN);
	int wd;

	if (!(s->weeks > 0))
		return 0;
	for (d = first; d <= last; d++) {
		wd = (int)(((s->start_weekday + d) % 7 + 7) % 7);
		if (!(sh->days & (1u << wd)))
			continue;
		if (sh->skip_holidays && is_holiday(s, d))
			continue;
		a = d * DAY_MIN + sh->start;
		b = d * DAY_MIN + sh->end;
		if (a < from)
			a = from;
		if (b > to)
			b = to;
		if (b > a)
			sum += w[wd] * (b - a);
	}
	return sum / 60.0 / s->weeks;
}

double
scn_shift_hours_per_week(const struct scn *s, int i)
{
	static const int one[WEEK_DAYS] = { 1, 1, 1, 1, 1, 1, 1 };

	return scn_shift_weighted_hours(s, i, one);
}
