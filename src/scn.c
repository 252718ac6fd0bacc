/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn.c — the scenario: interpreting the sections scn_ini.c has read,
 * resolving names to indices, validating, and printing it back as INI.
 *
 * Loading is two phases.  scn_ini_read() collects every section and entry
 * (checking section types, names, keys and repeats as it goes), then the
 * overrides are applied to that collection, so that a --set value is checked
 * exactly like one written in the file.  Then each section is interpreted here,
 * in an order that lets names be used before they are defined: classes and
 * patterns first, streams, roles and shifts after.
 */
#include "scn.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scn_ini.h"
#include "units.h"

/* Default start date: Monday 2027-01-04. */
#define SCN_DEFAULT_START "2027-01-04"
#define MIN_PER_WEEK 10080.0

/* The loader's state while interpreting one document. */
struct ld {
	struct scn_ini_doc *doc;
	struct scn *s;
	struct cq_err *err;
	const struct scn_ini_sec *sec;      /* the section being interpreted */
	char label[SCN_MAX_NAME + 16];      /* its label, "stream portal" */
	const struct scn_ini_sec *pattern_sec[SCN_MAX_PATTERNS];
	const struct scn_ini_sec *stream_sec[SCN_MAX_STREAMS];
	const struct scn_ini_sec *class_sec[SCN_MAX_CLASSES];
	const struct scn_ini_sec *role_sec[SCN_MAX_ROLES];
	const struct scn_ini_sec **shift_sec;
};

/* Report an error about an entry: at its line, or with the --set prefix. */
static int
ld_err(struct ld *ld, const struct scn_ini_ent *e, const char *fmt, ...)
{
	char msg[2 * CQ_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (e != NULL && e->ov != NULL)
		return scn_ini_err(ld->err, CQ_EXIT_USAGE, ld->doc->file, 0, "--set %s: %s",
		    e->ov, msg);
	return scn_ini_err(ld->err, CQ_EXIT_USAGE, ld->doc->file,
	    e != NULL ? e->line : ld->sec->line, "%s", msg);
}

/* Report an error about the current section as a whole, at its header. */
static int
ld_sec_err(struct ld *ld, const char *fmt, ...)
{
	char msg[2 * CQ_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return scn_ini_err(ld->err, CQ_EXIT_USAGE, ld->doc->file, ld->sec->line, "%s", msg);
}

/* Make sec the current section. */
static void
ld_enter(struct ld *ld, const struct scn_ini_sec *sec)
{
	ld->sec = sec;
	scn_ini_label(sec, ld->label, sizeof ld->label);
}

/* Report a value that did not parse: "bad value 'x' for 'k' in [s]: why". */
static int
bad_value(struct ld *ld, const struct scn_ini_ent *e, const char *why)
{
	return ld_err(ld, e, "bad value '%s' for '%s' in [%s]: %s", e->value, e->key,
	    ld->label, why);
}

/* The entry for key in the current section, or NULL. */
static const struct scn_ini_ent *
get(struct ld *ld, const char *key)
{
	return scn_ini_get(ld->sec, key);
}

/* Require a key; the example shows how to write it. */
static const struct scn_ini_ent *
need(struct ld *ld, const char *key, const char *example)
{
	const struct scn_ini_ent *e = get(ld, key);

	if (e == NULL)
		ld_sec_err(ld, "[%s] needs '%s', like %s", ld->label, key, example);
	return e;
}

/* Check lo <= v (lo < v when lo_open) and v <= hi; hi_what names the limit. */
static int
check_range(struct ld *ld, const struct scn_ini_ent *e, double v, double lo,
    int lo_open, double hi, const char *hi_what)
{
	if (lo_open ? !(v > lo) : !(v >= lo)) {
		if (lo == 0 && lo_open)
			return ld_err(ld, e, "'%s' in [%s] must be positive, not %s", e->key,
			    ld->label, e->value);
		if (lo == 0)
			return ld_err(ld, e, "'%s' in [%s] cannot be negative (%s)", e->key,
			    ld->label, e->value);
		return ld_err(ld, e, "'%s' in [%s] must be at least %g, not %s", e->key,
		    ld->label, lo, e->value);
	}
	if (v > hi) {
		if (hi_what != NULL)
			return ld_err(ld, e, "'%s' in [%s] is %s, above the limit of %s", e->key,
			    ld->label, e->value, hi_what);
		return ld_err(ld, e, "'%s' in [%s] must be at most %g, not %s", e->key,
		    ld->label, hi, e->value);
	}
	return 0;
}

/* Optional number in a range; returns 1 if set, 0 if absent, -1 on error. */
static int
opt_num(struct ld *ld, const char *key, double lo, int lo_open, double hi,
    const char *hi_what, double *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	const char *why;
	double v;

	if (e == NULL)
		return 0;
	if (unit_parse_number(e->value, &v, &why) != 0)
		return bad_value(ld, e, why);
	if (check_range(ld, e, v, lo, lo_open, hi, hi_what) != 0)
		return -1;
	*out = v;
	return 1;
}

/* Optional whole number in [lo, hi]. */
static int
opt_int(struct ld *ld, const char *key, long lo, long hi, const char *hi_what,
    int *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	const char *why;
	long v;

	if (e == NULL)
		return 0;
	if (unit_parse_int(e->value, LONG_MIN, LONG_MAX, &v, &why) != 0)
		return bad_value(ld, e, why);
	if (check_range(ld, e, (double)v, (double)lo, 0, (double)hi, hi_what) != 0)
		return -1;
	*out = (int)v;
	return 1;
}

/* Optional duration in [lo, hi] minutes (lo < v when lo_open). */
static int
opt_dur(struct ld *ld, const char *key, double lo, int lo_open, double hi,
    const char *hi_what, double *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	const char *why;
	double v;

	if (e == NULL)
		return 0;
	if (unit_parse_duration(e->value, &v, &why) != 0)
		return bad_value(ld, e, why);
	if (check_range(ld, e, v, lo, lo_open, hi, hi_what) != 0)
		return -1;
	*out = v;
	return 1;
}

/* Optional yes/no. */
static int
opt_bool(struct ld *ld, const char *key, int *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	const char *why;

	if (e == NULL)
		return 0;
	if (unit_parse_bool(e->value, out, &why) != 0)
		return bad_value(ld, e, why);
	return 1;
}

/* Optional share or probability in [0,1]. */
static int
opt_share(struct ld *ld, const char *key, double *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	const char *why;

	if (e == NULL)
		return 0;
	if (unit_parse_share(e->value, out, &why) != 0)
		return bad_value(ld, e, why);
	return 1;
}

/* Optional word among choices (NULL-terminated); *out is its index. */
static int
opt_choice(struct ld *ld, const char *key, const char *const *choices, int *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	char expect[128];
	size_t len;
	int i;

	if (e == NULL)
		return 0;
	for (i = 0; choices[i] != NULL; i++) {
		if (strcmp(e->value, choices[i]) == 0) {
			*out = i;
			return 1;
		}
	}
	snprintf(expect, sizeof expect, "expected ");
	for (i = 0; choices[i] != NULL; i++) {
		len = strlen(expect);
		snprintf(expect + len, sizeof expect - len, "%s%s", i == 0 ? "" :
		    choices[i + 1] == NULL ? " or " : ", ", choices[i]);
	}
	return bad_value(ld, e, expect);
}

enum dist_use { USE_TIME, USE_VALUE, USE_PROB };

/* Optional distribution: a time (positive mean), a value, or a probability. */
static int
opt_dist(struct ld *ld, const char *key, enum dist_use use, struct dist *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	const char *why;
	struct dist d;

	if (e == NULL)
		return 0;
	if (unit_parse_dist(e->value, use == USE_TIME, &d, &why) != 0)
		return bad_value(ld, e, why);
	if (use == USE_TIME && !(dist_mean(&d) > 0))
		return ld_err(ld, e, "'%s' in [%s] must have a positive mean", e->key, ld->label);
	if (use == USE_PROB) {
		int ok = d.kind == DIST_BETA ||
		    (d.kind == DIST_CONST && d.a >= 0 && d.a <= 1) ||
		    (d.kind == DIST_UNIFORM && d.a >= 0 && d.b <= 1);

		if (!ok)
			return bad_value(ld, e, "expected a probability distribution like "
			    "beta(1,400), const(0.01) or uniform(0,0.05)");
	}
	*out = d;
	return 1;
}

/* Optional clock time HH:MM. */
static int
opt_clock(struct ld *ld, const char *key, int *out)
{
	const struct scn_ini_ent *e = get(ld, key);
	const char *why;

	if (e == NULL)
		return 0;
	if (unit_parse_clock(e->value, out, &why) != 0)
		return bad_value(ld, e, why);
	return 1;
}

/* Trim blanks at both ends of s in place; returns s. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Split a comma list in place, refusing empty items (strtok would merge ",,"
 * and hide a forgotten item): the next item, trimmed, or NULL at the end.
 * *rest is the text after the item; start with *rest = text.  An empty item
 * sets *empty and returns NULL. */
static char *
next_item(char **rest, int *empty)
{
	char *tok = *rest, *comma;

	*empty = 0;
	if (tok == NULL)
		return NULL;
	if ((comma = strchr(tok, ',')) != NULL)
		*comma++ = '\0';
	*rest = comma;
	tok = trim(tok);
	if (*tok == '\0') {
		*empty = 1;
		return NULL;
	}
	return tok;
}

/* Whether a name uses only [A-Za-z0-9_-] and fits. */
static int
name_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-");

	return n > 0 && s[n] == '\0' && n < SCN_MAX_NAME;
}

/* The index of a class by name, or -1. */
int
scn_class_by_name(const struct scn *s, const char *name)
{
	int i;

	for (i = 0; i < s->nclasses; i++) {
		if (strcmp(s->classes[i].name, name) == 0)
			return i;
	}
	return -1;
}

/* Look a class up for an entry; on failure reports "<what> unknown class 'x';
 * did you mean 'y'?" and returns -1. */
static int
ref_class(struct ld *ld, const struct scn_ini_ent *e, const char *name, const char *what)
{
	struct scn_suggest sg;
	int i, c = scn_class_by_name(ld->s, name);

	if (c >= 0)
		return c;
	if (!name_ok(name)) {
		ld_err(ld, e, "[%s] %s '%s', but one class name is wanted here (letters, "
		    "digits, '_' and '-'), like %s = callback", ld->label, what, name, e->key);
		return -1;
	}
	scn_suggest_init(&sg, name);
	for (i = 0; i < ld->s->nclasses; i++)
		scn_suggest_add(&sg, ld->s->classes[i].name);
	if (scn_suggest_best(&sg) != NULL)
		ld_err(ld, e, "[%s] %s unknown class '%s'; did you mean '%s'?", ld->label, what,
		    name, scn_suggest_best(&sg));
	else if (ld->s->nclasses == 0)
		ld_err(ld, e, "[%s] %s unknown class '%s'; define it in a [class %s] section",
		    ld->label, what, name, name);
	else
		ld_err(ld, e, "[%s] %s unknown class '%s'; add a [class %s] section or use one "
		    "of the classes defined", ld->label, what, name, name);
	return -1;
}

/* Interpret [scenario]; defaults are set before. */
static int
load_scenario(struct ld *ld)
{
	struct scn *s = ld->s;
	const struct scn_ini_ent *e;
	const char *why;
	double v = (double)s->max_events;

	if ((e = get(ld, "name")) != NULL) {
		if (strlen(e->value) >= sizeof s->name)
			return ld_err(ld, e, "'name' in [scenario] is longer than %zu characters",
			    sizeof s->name - 1);
		snprintf(s->name, sizeof s->name, "%s", e->value);
	}
	if ((e = get(ld, "start_date")) != NULL &&
	    unit_parse_date(e->value, &s->start_epoch_day, &s->start_weekday, &why) != 0)
		return bad_value(ld, e, why);
	if (opt_num(ld, "weeks", 0, 1, SCN_MAX_WEEKS, "520 weeks (SCN_MAX_WEEKS)",
	    &s->weeks) < 0)
		return -1;
	if (opt_dur(ld, "warmup", 0, 0, 52 * MIN_PER_WEEK, "52w", &s->warmup) < 0)
		return -1;
	if (opt_int(ld, "replications", 1, SCN_MAX_REPLICATIONS,
	    "10000 (SCN_MAX_REPLICATIONS)", &s->replications) < 0)
		return -1;
	if (opt_int(ld, "confirm_replications", 2, SCN_MAX_REPLICATIONS,
	    "10000 (SCN_MAX_REPLICATIONS)", &s->confirm_replications) < 0)
		return -1;
	if ((e = get(ld, "seed")) != NULL &&
	    unit_parse_u64(e->value, &s->seed, &why) != 0)
		return bad_value(ld, e, why);
	if (opt_num(ld, "max_events", 1000, 0, SCN_LIMIT_MAX_EVENTS, "1e11", &v) < 0)
		return -1;
	s->max_events = (uint64_t)v;
	if (opt_int(ld, "max_waiting", 1, SCN_LIMIT_MAX_WAITING, "1e9", &s->max_waiting) < 0)
		return -1;
	return 0;
}

/* Compare two longs for qsort. */
static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* Interpret [calendar]: holidays as day indices from start_date, sorted. */
static int
load_calendar(struct ld *ld)
{
	struct scn *s = ld->s;
	const struct scn_ini_ent *e = get(ld, "holidays");
	char *copy, *tok, *save = NULL;
	const char *why;
	long day;
	int wd, i, j;

	if (e == NULL)
		return 0;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	/* Split by hand: strtok would merge ",," and hide a forgotten date. */
	for (tok = copy; tok != NULL; tok = save) {
		if ((save = strchr(tok, ',')) != NULL)
			*save++ = '\0';
		tok = trim(tok);
		if (*tok == '\0') {
			ld_err(ld, e, "empty item in 'holidays' of [calendar] (two commas, or "
			    "one at an end); give dates like 2027-05-31, 2027-07-05");
			free(copy);
			return -1;
		}
		if (unit_parse_date(tok, &day, &wd, &why) != 0) {
			ld_err(ld, e, "bad date '%s' in 'holidays' of [calendar]: %s", tok, why);
			free(copy);
			return -1;
		}
		if (s->nholidays == SCN_MAX_HOLIDAYS) {
			free(copy);
			return ld_err(ld, e, "more than %d dates in 'holidays' of [calendar] "
			    "(SCN_MAX_HOLIDAYS)", SCN_MAX_HOLIDAYS);
		}
		s->holidays[s->nholidays++] = day - s->start_epoch_day;
	}
	free(copy);
	if (s->nholidays == 0)
		return bad_value(ld, e, "expected dates like 2027-05-31, 2027-07-05");
	qsort(s->holidays, (size_t)s->nholidays, sizeof s->holidays[0], cmp_long);
	for (i = 1, j = 1; i < s->nholidays; i++) {
		if (s->holidays[i] != s->holidays[j - 1])
			s->holidays[j++] = s->holidays[i];
	}
	s->nholidays = j;
	return 0;
}

/* Apply one weight line "DAYS HH:MM-HH:MM W" to a pattern. */
static int
pattern_line(struct ld *ld, const struct scn_ini_ent *e, struct scn_pattern *p)
{
	static const char expect[] =
	    "expected a weight line like 'mon-fri 07:00-19:00 10' (days, hours, weight)";
	char buf[256], *w, *hours, *dash, *days;
	int start, end, d, h;
	unsigned mask;
	const char *why;
	double weight;

	if (strlen(e->value) >= sizeof buf)
		return bad_value(ld, e, expect);
	snprintf(buf, sizeof buf, "%s", e->value);
	days = trim(buf);
	if ((w = strrchr(days, ' ')) == NULL && (w = strrchr(days, '\t')) == NULL)
		return bad_value(ld, e, expect);
	*w++ = '\0';
	days = trim(days);
	hours = strrchr(days, ' ');
	if (hours == NULL)
		hours = strrchr(days, '\t');
	if (hours == NULL)
		return bad_value(ld, e, expect);
	*hours++ = '\0';
	if ((dash = strchr(hours, '-')) == NULL)
		return bad_value(ld, e, expect);
	*dash = '\0';
	if (unit_parse_days(days, &mask, &why) != 0)
		return bad_value(ld, e, why);
	if (unit_parse_clock(hours, &start, &why) != 0 ||
	    unit_parse_clock(dash + 1, &end, &why) != 0)
		return bad_value(ld, e, why);
	if (start % 60 != 0 || end % 60 != 0)
		return ld_err(ld, e, "pattern weights in [%s] are per whole hour: write "
		    "times like 07:00, not %s-%s", ld->label, hours, dash + 1);
	if (end <= start)
		return ld_err(ld, e, "end before start in a weight line of [%s] (%s-%s); a line "
		    "covers hours within one day: write two lines, e.g. %s-24:00 and 00:00-%s",
		    ld->label, hours, dash + 1, hours, dash + 1);
	if (unit_parse_number(w, &weight, &why) != 0)
		return bad_value(ld, e, why);
	if (weight < 0)
		return ld_err(ld, e, "a weight cannot be negative (%s in [%s])", w, ld->label);
	for (d = 0; d < 7; d++) {
		if (!(mask & (1u << d)))
			continue;
		for (h = start / 60; h < end / 60; h++)
			p->weight[d * 24 + h] = weight;
	}
	return 0;
}

/* Interpret a [pattern NAME]: later lines win where they overlap. */
static int
load_pattern(struct ld *ld, struct scn_pattern *p)
{
	double sum = 0;
	int i;

	for (i = 0; i < ld->sec->nents; i++) {
		if (pattern_line(ld, &ld->sec->ents[i], p) != 0)
			return -1;
	}
	for (i = 0; i < SCN_HOW; i++)
		sum += p->weight[i];
	if (!(sum > 0)) {
		const struct scn_ini_ent *ov = NULL;

		/* An override that zeroed the pattern is named, not the header. */
		for (i = 0; i < ld->sec->nents && ov == NULL; i++)
			if (ld->sec->ents[i].ov != NULL)
				ov = &ld->sec->ents[i];
		if (ov != NULL)
			return ld_err(ld, ov, "all weights of [%s] are 0; give some hours a "
			    "positive weight, like weight = mon-fri 08:00-17:00 1", ld->label);
		return ld_sec_err(ld, "all weights of [%s] are 0; give some hours a positive "
		    "weight, like weight = mon-fri 08:00-17:00 1", ld->label);
	}
	return 0;
}

/* Interpret a [class NAME]. */
static int
load_class(struct ld *ld, struct scn_class *c)
{
	static const char *const modes[] = { "async", "sync", NULL };
	const struct scn_ini_ent *e;
	const char *why;
	int mode;

	if (need(ld, "mode", "mode = async or mode = sync") == NULL)
		return -1;
	if (opt_choice(ld, "mode", modes, &mode) < 0)
		return -1;
	c->mode = mode == 1 ? SCN_SYNC : SCN_ASYNC;
	if (need(ld, "service", "service = lognormal(6min,4min)") == NULL ||
	    opt_dist(ld, "service", USE_TIME, &c->service) < 0)
		return -1;
	if (opt_dist(ld, "acute", USE_PROB, &c->acute) < 0)
		return -1;
	if ((e = get(ld, "target")) != NULL) {
		if (unit_parse_target(e->value, &c->target_share, &c->target_within, &why) != 0)
			return bad_value(ld, e, why);
		if (!(c->target_share > 0))
			return ld_err(ld, e, "the share of 'target' in [%s] must be above 0%%",
			    ld->label);
		if (!(c->target_within > 0))
			return ld_err(ld, e, "the time of 'target' in [%s] must be positive",
			    ld->label);
		c->has_target = 1;
	}
	if (opt_dur(ld, "safe_window", 0, 0, UNIT_MAX_MINUTES, NULL, &c->safe_window) < 0)
		return -1;
	if ((e = get(ld, "patience")) != NULL && c->mode != SCN_SYNC)
		return ld_err(ld, e, "'patience' in [%s] applies to sync classes only; "
		    "%s is async", ld->label, c->name);
	if (opt_dist(ld, "patience", USE_TIME, &c->patience) < 0)
		return -1;
	return 0;
}

/* The keys only message streams take, and those only reading streams take. */
static const char *const message_keys[] = { "per_week", "rate", "classes", NULL };
static const char *const reading_keys[] = {
	"patients", "per_patient_per_day", "value", "alert_above", "alert_class", NULL
};

/* Refuse keys of the other kind of stream. */
static int
stream_kind_keys(struct ld *ld, enum scn_stream_kind kind)
{
	const char *const *bad = kind == SCN_MESSAGE ? reading_keys : message_keys;
	const struct scn_ini_ent *e;
	int i;

	for (i = 0; bad[i] != NULL; i++) {
		if ((e = get(ld, bad[i])) == NULL)
			continue;
		if (kind == SCN_MESSAGE)
			return ld_err(ld, e, "'%s' is a key of reading streams, but [%s] has kind = "
			    "message; add kind = reading or remove '%s'", e->key, ld->label, e->key);
		return ld_err(ld, e, "'%s' is a key of message streams, but [%s] has kind = "
		    "reading (it gets patients x per_patient_per_day readings a day)", e->key,
		    ld->label);
	}
	return 0;
}

/* Parse 'classes = routine 0.8, clinical 0.2' of a message stream. */
static int
stream_classes(struct ld *ld, const struct scn_ini_ent *e, struct scn_stream *st)
{
	char *copy, *item, *rest, *sp;
	const char *why;
	double share, sum = 0;
	int nitems = 0, c, i, empty, rc = -1;

	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (i = 0; e->value[i] != '\0'; i++)
		nitems += e->value[i] == ',';
	nitems++;
	for (rest = copy; (item = next_item(&rest, &empty)) != NULL || empty;) {
		if (empty) {
			ld_err(ld, e, "empty item in 'classes' of [%s] (two commas, or one at an "
			    "end); give classes with shares, like routine 0.8, clinical 0.2",
			    ld->label);
			goto out;
		}
		sp = item + strcspn(item, " \t");
		if (*sp != '\0') {
			*sp++ = '\0';
			if (unit_parse_share(sp, &share, &why) != 0) {
				ld_err(ld, e, "bad share '%s' for class '%s' in 'classes' of [%s]: %s",
				    trim(sp), item, ld->label, why);
				goto out;
			}
		} else if (nitems == 1 && *item != '\0')
			share = 1.0;
		else {
			ld_err(ld, e, "give each class in 'classes' of [%s] a share, like "
			    "classes = routine 0.8, clinical 0.2", ld->label);
			goto out;
		}
		if (!name_ok(item)) {
			ld_err(ld, e, "bad class name '%s' in 'classes' of [%s]", item, ld->label);
			goto out;
		}
		if ((c = ref_class(ld, e, item, "'classes' names")) < 0)
			goto out;
		for (i = 0; i < st->nclasses; i++) {
			if (st->class_idx[i] == c) {
				ld_err(ld, e, "class '%s' appears twice in 'classes' of [%s]", item,
				    ld->label);
				goto out;
			}
		}
		st->class_idx[st->nclasses] = c;
		st->share[st->nclasses++] = share;
		sum += share;
	}
	if (st->nclasses == 0) {
		bad_value(ld, e, "expected classes with shares, like routine 0.8, clinical 0.2");
		goto out;
	}
	if (fabs(sum - 1.0) > 1e-6) {
		ld_err(ld, e, "shares in [%s] 'classes' sum to %.9g, not 1", ld->label, sum);
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Look a pattern up by name for a stream. */
static int
ref_pattern(struct ld *ld, const struct scn_ini_ent *e)
{
	struct scn_suggest sg;
	int i;

	for (i = 0; i < ld->s->npatterns; i++) {
		if (strcmp(ld->s->patterns[i].name, e->value) == 0)
			return i;
	}
	scn_suggest_init(&sg, e->value);
	for (i = 0; i < ld->s->npatterns; i++)
		scn_suggest_add(&sg, ld->s->patterns[i].name);
	if (scn_suggest_best(&sg) != NULL)
		return ld_err(ld, e, "[%s] uses unknown pattern '%s'; did you mean '%s'?",
		    ld->label, e->value, scn_suggest_best(&sg));
	return ld_err(ld, e, "[%s] uses unknown pattern '%s'; define it in a [pattern %s] "
	    "section", ld->label, e->value, e->value);
}

/* Spread per_week over the week, by the pattern's weights or evenly. */
static void
stream_spread(const struct scn *s, struct scn_stream *st)
{
	double sum = 0;
	int h;

	if (st->pattern < 0) {
		for (h = 0; h < SCN_HOW; h++)
			st->rate[h] = st->per_week / MIN_PER_WEEK;
		return;
	}
	for (h = 0; h < SCN_HOW; h++)
		sum += s->patterns[st->pattern].weight[h];
	for (h = 0; h < SCN_HOW; h++)
		st->rate[h] = st->per_week * s->patterns[st->pattern].weight[h] / sum / 60.0;
}

/* Interpret a [stream NAME]. */
static int
load_stream(struct ld *ld, struct scn_stream *st)
{
	static const char *const kinds[] = { "message", "reading", NULL };
	const struct scn_ini_ent *e, *pw, *rate, *pat;
	const char *why;
	double r;
	int kind = 0;

	if (opt_choice(ld, "kind", kinds, &kind) < 0)
		return -1;
	st->kind = kind == 1 ? SCN_READING : SCN_MESSAGE;
	st->pattern = -1;
	st->alert_class = -1;
	if (stream_kind_keys(ld, st->kind) != 0)
		return -1;
	if ((pat = get(ld, "pattern")) != NULL && (st->pattern = ref_pattern(ld, pat)) < 0)
		return -1;
	if (st->kind == SCN_MESSAGE) {
		pw = get(ld, "per_week");
		rate = get(ld, "rate");
		if (pw == NULL && rate == NULL)
			return ld_sec_err(ld, "[%s] needs per_week (like per_week = 1400) or a "
			    "constant rate (like rate = 8/h)", ld->label);
		if (pw != NULL && rate != NULL)
			return ld_err(ld, rate->ov != NULL ? rate : pw->ov != NULL ? pw :
			    pw->line > rate->line ? pw : rate, "[%s] has both per_week and rate; keep one", ld->label);
		if (rate != NULL && pat != NULL)
			return ld_err(ld, rate, "'rate' in [%s] is a constant rate and takes no "
			    "pattern; use per_week with a pattern", ld->label);
		if (opt_num(ld, "per_week", 0, 0, SCN_MAX_PER_WEEK, "1e8 a week "
		    "(SCN_MAX_PER_WEEK)", &st->per_week) < 0)
			return -1;
		if (rate != NULL) {
			if (unit_parse_rate(rate->value, &r, &why) != 0)
				return bad_value(ld, rate, why);
			if (check_range(ld, rate, r * MIN_PER_WEEK, 0, 0, SCN_MAX_PER_WEEK,
			    "1e8 a week (SCN_MAX_PER_WEEK)") != 0)
				return -1;
			/* Spread like per_week, so that the per_week `check` prints
			 * loads back to the very same rates. */
			st->per_week = r * MIN_PER_WEEK;
		}
		stream_spread(ld->s, st);
		if ((e = need(ld, "classes", "classes = routine 0.8, clinical 0.2")) == NULL)
			return -1;
		return stream_classes(ld, e, st);
	}
	if (need(ld, "patients", "patients = 600") == NULL ||
	    opt_int(ld, "patients", 1, 10000000, "10000000", &st->patients) < 0)
		return -1;
	if (need(ld, "per_patient_per_day", "per_patient_per_day = 1") == NULL ||
	    opt_num(ld, "per_patient_per_day", 0, 1, 1000, NULL, &st->per_patient_per_day) < 0)
		return -1;
	if (need(ld, "value", "value = normal(138,18)") == NULL ||
	    opt_dist(ld, "value", USE_VALUE, &st->value) < 0)
		return -1;
	if (need(ld, "alert_above", "alert_above = 180") == NULL ||
	    opt_num(ld, "alert_above", -1e12, 0, 1e12, NULL, &st->alert_above) < 0)
		return -1;
	if ((e = get(ld, "alert_class")) == NULL)
		return ld_sec_err(ld, "[%s] is a reading stream without an alert class; add "
		    "alert_class = NAME (a sync class)", ld->label);
	if ((st->alert_class = ref_class(ld, e, e->value, "alert_class names")) < 0)
		return -1;
	if (ld->s->classes[st->alert_class].mode != SCN_SYNC)
		return ld_err(ld, e, "alert_class '%s' of [%s] is async; a reading alert needs "
		    "a sync class", e->value, ld->label);
	st->per_week = st->patients * st->per_patient_per_day * 7.0;
	if (st->per_week > SCN_MAX_PER_WEEK)
		return ld_sec_err(ld, "[%s] makes %.6g readings a week, above the limit of 1e8 "
		    "(SCN_MAX_PER_WEEK); lower patients or per_patient_per_day", ld->label,
		    st->per_week);
	stream_spread(ld->s, st);
	return 0;
}

/* Interpret a [role NAME]. */
static int
load_role(struct ld *ld, struct scn_role *r)
{
	const struct scn_ini_ent *e;
	char *copy, *tok, *rest;
	int c, i, empty, rc = -1;

	if (opt_num(ld, "cost_per_hour", 0, 0, 1e9, NULL, &r->cost_per_hour) < 0 ||
	    opt_bool(ld, "preempt", &r->preempt) < 0)
		return -1;
	if ((e = need(ld, "serves", "serves = bp_alert, callback (highest priority first)")) == NULL)
		return -1;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (rest = copy; (tok = next_item(&rest, &empty)) != NULL || empty;) {
		if (empty) {
			ld_err(ld, e, "empty item in 'serves' of [%s] (two commas, or one at an "
			    "end); give class names, like serves = bp_alert, callback", ld->label);
			goto out;
		}
		if (!name_ok(tok)) {
			ld_err(ld, e, "bad class name '%s' in 'serves' of [%s]; separate names "
			    "with commas", tok, ld->label);
			goto out;
		}
		if ((c = ref_class(ld, e, tok, "serves")) < 0)
			goto out;
		for (i = 0; i < r->nserves; i++) {
			if (r->serves[i] == c) {
				ld_err(ld, e, "class '%s' appears twice in 'serves' of [%s]", tok,
				    ld->label);
				goto out;
			}
		}
		r->serves[r->nserves++] = c;
	}
	if (r->nserves == 0) {
		bad_value(ld, e, "expected class names, like serves = bp_alert, callback");
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Interpret a [shift NAME]. */
static int
load_shift(struct ld *ld, struct scn_shift *sh)
{
	const struct scn_ini_ent *e, *ee;
	struct scn_suggest sg;
	const char *why;
	int i, has_max = 0, r;

	if ((e = need(ld, "role", "role = rn")) == NULL)
		return -1;
	for (r = 0; r < ld->s->nroles; r++) {
		if (strcmp(ld->s->roles[r].name, e->value) == 0)
			break;
	}
	if (r == ld->s->nroles) {
		scn_suggest_init(&sg, e->value);
		for (i = 0; i < ld->s->nroles; i++)
			scn_suggest_add(&sg, ld->s->roles[i].name);
		if (scn_suggest_best(&sg) != NULL)
			return ld_err(ld, e, "[%s] has unknown role '%s'; did you mean '%s'?",
			    ld->label, e->value, scn_suggest_best(&sg));
		return ld_err(ld, e, "[%s] has unknown role '%s'; define it in a [role %s] "
		    "section", ld->label, e->value, e->value);
	}
	sh->role = r;
	sh->cost_per_hour = ld->s->roles[r].cost_per_hour;
	sh->days = 0x7f;
	if ((e = get(ld, "days")) != NULL && unit_parse_days(e->value, &sh->days, &why) != 0)
		return bad_value(ld, e, why);
	if ((e = need(ld, "start", "start = 08:00")) == NULL || opt_clock(ld, "start", &sh->start) < 0)
		return -1;
	if (sh->start == 1440)
		return ld_err(ld, e, "'start' in [%s] must be before 24:00; write 00:00 and "
		    "shift the days", ld->label);
	if ((ee = need(ld, "end", "end = 16:30")) == NULL || opt_clock(ld, "end", &sh->end) < 0)
		return -1;
	if (sh->end == sh->start)
		return ld_err(ld, ee, "[%s] ends when it starts (%s); for a 24-hour shift write "
		    "start = 00:00, end = 24:00", ld->label, ee->value);
	/* An end before the start runs past midnight into the next day. */
	if (sh->end < sh->start)
		sh->end += 1440;
	sh->staff = 1;
	if (opt_int(ld, "staff", 0, SCN_MAX_STAFF, "10000 (SCN_MAX_STAFF)", &sh->staff) < 0 ||
	    opt_int(ld, "min", 0, SCN_MAX_STAFF, "10000 (SCN_MAX_STAFF)", &sh->min) < 0 ||
	    (has_max = opt_int(ld, "max", 0, SCN_MAX_STAFF, "10000 (SCN_MAX_STAFF)", &sh->max)) < 0)
		return -1;
	if (!has_max) {
		sh->max = sh->staff * 2 > sh->staff + 4 ? sh->staff * 2 : sh->staff + 4;
		if (sh->max < sh->min)
			sh->max = sh->min;
		if (sh->max > SCN_MAX_STAFF)
			sh->max = SCN_MAX_STAFF;
	}
	if (sh->min > sh->max)
		return ld_err(ld, get(ld, "min"), "'min' (%d) is above 'max' (%d) in [%s]",
		    sh->min, sh->max, ld->label);
	/* The roster `run` plays must be one `optimize` may choose. */
	if (sh->staff < sh->min || sh->staff > sh->max)
		return ld_err(ld, get(ld, "staff") != NULL ? get(ld, "staff") :
		    get(ld, sh->staff < sh->min ? "min" : "max"), "'staff' (%d) of [%s] is "
		    "outside its bounds min = %d, max = %d; change staff or the bounds",
		    sh->staff, ld->label, sh->min, sh->max);
	if (opt_bool(ld, "skip_holidays", &sh->skip_holidays) < 0 ||
	    opt_bool(ld, "on_call", &sh->on_call) < 0 ||
	    opt_num(ld, "cost_per_hour", 0, 0, 1e9, NULL, &sh->cost_per_hour) < 0)
		return -1;
	return 0;
}

/* Interpret [escalation]. */
static int
load_escalation(struct ld *ld)
{
	static const char *const caps[] = { "static", "dynamic", NULL };
	struct scn_escalation *x = &ld->s->esc;
	const struct scn_ini_ent *e;
	int cap = 0;

	x->enabled = 1;
	x->line = ld->sec->line;
	if (need(ld, "cost_missed_acute", "cost_missed_acute = 5000") == NULL ||
	    opt_num(ld, "cost_missed_acute", 0, 1, 1e12, NULL, &x->cost_missed_acute) < 0)
		return -1;
	if ((e = need(ld, "cost_sync_contact", "cost_sync_contact = 40")) == NULL ||
	    opt_num(ld, "cost_sync_contact", 0, 0, 1e12, NULL, &x->cost_sync_contact) < 0)
		return -1;
	x->threshold = x->cost_sync_contact / x->cost_missed_acute;
	if (x->threshold >= 1)
		return ld_err(ld, e, "the escalation threshold cost_sync_contact / "
		    "cost_missed_acute is %.6g; it must be below 1, or nothing is ever "
		    "escalated", x->threshold);
	if ((e = need(ld, "to_class", "to_class = callback")) == NULL)
		return -1;
	if ((x->to_class = ref_class(ld, e, e->value, "to_class names")) < 0)
		return -1;
	if (ld->s->classes[x->to_class].mode != SCN_SYNC)
		return ld_err(ld, e, "escalation to class '%s', which is not sync; escalate to "
		    "a sync class (a call-back)", e->value);
	if (opt_choice(ld, "capacity", caps, &cap) < 0)
		return -1;
	x->capacity = cap == 1 ? SCN_DYNAMIC : SCN_STATIC;
	if (opt_bool(ld, "screen_at_arrival", &x->screen_at_arrival) < 0 ||
	    opt_share(ld, "screen_sensitivity", &x->screen_sensitivity) < 0)
		return -1;
	return 0;
}

/* Interpret [contact]. */
static int
load_contact(struct ld *ld)
{
	struct scn_contact *c = &ld->s->contact;
	const struct scn_ini_ent *e;

	c->enabled = 1;
	c->line = ld->sec->line;
	if (opt_share(ld, "reach", &c->reach) < 0 ||
	    opt_dur(ld, "attempt", 0, 0, 10080, "1w", &c->attempt) < 0 ||
	    opt_dur(ld, "retry_after", 0, 0, 52 * MIN_PER_WEEK, "52w", &c->retry_after) < 0 ||
	    opt_int(ld, "max_attempts", 1, 20, "20", &c->max_attempts) < 0)
		return -1;
	if ((e = get(ld, "follow_up_class")) != NULL) {
		if ((c->follow_up_class = ref_class(ld, e, e->value, "follow_up_class names")) < 0)
			return -1;
		if (ld->s->classes[c->follow_up_class].mode != SCN_ASYNC)
			return ld_err(ld, e, "follow_up_class '%s' of [contact] is sync; a follow-up "
			    "is left for the team, so it needs an async class", e->value);
	}
	return 0;
}

/* Free the values of a sweep variable. */
static void
sweep_var_free(struct scn_sweep_var *v)
{
	int i;

	for (i = 0; i < v->nvalues; i++)
		free(v->values[i]);
	free(v->values);
	v->values = NULL;
	v->nvalues = 0;
}

/* Add a value to a sweep variable. */
static int
sweep_add(struct scn_sweep_var *v, const char *text)
{
	char **nv;

	if ((nv = realloc(v->values, (size_t)(v->nvalues + 1) * sizeof *nv)) == NULL)
		return -1;
	v->values = nv;
	if ((v->values[v->nvalues] = strdup(text)) == NULL)
		return -1;
	v->nvalues++;
	return 0;
}

/* Parse the values of 'vary': "v1, v2, ..." or "a..b step s". */
static int
sweep_values(struct ld *ld, const struct scn_ini_ent *e, char *text, struct scn_sweep_var *v)
{
	char *dots = strstr(text, ".."), *step, *tok, *rest, num[64];
	double a, b, st, x, count, prev = 0;
	const char *why;
	long i, n;
	int empty;

	if (dots != NULL) {
		*dots = '\0';
		step = strstr(dots + 2, "step");
		if (step == NULL)
			return ld_err(ld, e, "a range in 'vary' of [sweep] is written a..b step s, "
			    "like 1000..2000 step 200");
		*step = '\0';
		if (unit_parse_number(text, &a, &why) != 0 ||
		    unit_parse_number(dots + 2, &b, &why) != 0 ||
		    unit_parse_number(step + 4, &st, &why) != 0)
			return ld_err(ld, e, "a range in 'vary' of [sweep] is written a..b step s "
			    "with numbers, like 1000..2000 step 200");
		if (!(st > 0) || b < a)
			return ld_err(ld, e, "a range a..b step s in 'vary' of [sweep] needs a <= b "
			    "and s > 0");
		/* Counted in floating point and checked before any conversion: a tiny
		 * step makes a count no integer type holds. */
		count = floor((b - a) / st + 1e-9) + 1;
		if (!isfinite(count) || count > SCN_MAX_SWEEP_VALUES)
			return ld_err(ld, e, "the range in 'vary' of [sweep] has %.6g values, above "
			    "the limit of %d (SCN_MAX_SWEEP_VALUES); use a larger step", count,
			    SCN_MAX_SWEEP_VALUES);
		n = (long)count;
		for (i = 0; i < n; i++) {
			/* 12 digits print 0.1 steps as 0.3, not 0.30000000000000004; a step
			 * too small to show in them would repeat a point. */
			snprintf(num, sizeof num, "%.12g", a + (double)i * st);
			x = strtod(num, NULL);
			if (i > 0 && !(x > prev))
				return ld_err(ld, e, "the step of the range in 'vary' of [sweep] is too "
				    "small for values near %s (12 digits); use a larger step", num);
			prev = x;
			if (sweep_add(v, num) != 0)
				return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
		}
		return 0;
	}
	for (rest = text; (tok = next_item(&rest, &empty)) != NULL || empty;) {
		if (empty)
			return ld_err(ld, e, "empty item in 'vary' of [sweep] (two commas, or one "
			    "at an end); give values like vary = stream.portal.per_week: 1000, 1400");
		if (v->nvalues == SCN_MAX_SWEEP_VALUES)
			return ld_err(ld, e, "'vary' in [sweep] has more than %d values "
			    "(SCN_MAX_SWEEP_VALUES)", SCN_MAX_SWEEP_VALUES);
		if (sweep_add(v, tok) != 0)
			return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	}
	if (v->nvalues == 0)
		return ld_err(ld, e, "'vary' in [sweep] needs values, like "
		    "vary = stream.portal.per_week: 1000, 1400, 1800");
	return 0;
}

/* Interpret [sweep]: just parse and store; points are checked by the sweep. */
static int
load_sweep(struct ld *ld)
{
	static const char *const modes[] = { "grid", "zip", NULL };
	static const char *const actions[] = { "run", "optimize", NULL };
	struct scn_sweep *sw = &ld->s->sweep;
	const struct scn_ini_ent *e;
	struct scn_sweep_var *v;
	struct scn_ini_sec *sec;
	enum scn_sec_type type;
	char *copy, *colon, key[64], msg[CQ_ERR_MSG - 64];
	double points = 1;
	int i, j, nvary = 0;

	sw->line = ld->sec->line;
	if (opt_choice(ld, "mode", modes, &sw->zip) < 0 ||
	    opt_choice(ld, "action", actions, &sw->optimize) < 0)
		return -1;
	for (i = 0; i < ld->sec->nents; i++)
		nvary += strcmp(ld->sec->ents[i].key, "vary") == 0;
	if (nvary == 0)
		return ld_sec_err(ld, "[sweep] needs at least one 'vary', like "
		    "vary = stream.portal.per_week: 1000, 1400, 1800");
	if ((sw->vars = calloc((size_t)nvary, sizeof *sw->vars)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (i = 0; i < ld->sec->nents; i++) {
		e = &ld->sec->ents[i];
		if (strcmp(e->key, "vary") != 0)
			continue;
		v = &sw->vars[sw->nvars++];
		v->line = e->line;
		if ((copy = strdup(e->value)) == NULL)
			return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
		if ((colon = strchr(copy, ':')) == NULL) {
			free(copy);
			return ld_err(ld, e, "'vary' in [sweep] is written SECTION.KEY: values, "
			    "like vary = stream.portal.per_week: 1000, 1400, 1800");
		}
		*colon = '\0';
		if (scn_ini_locate(ld->doc, trim(copy), &sec, &type, key, sizeof key, msg,
		    sizeof msg) != 0) {
			ld_err(ld, e, "'vary' in [sweep]: %s", msg);
			free(copy);
			return -1;
		}
		snprintf(v->key, sizeof v->key, "%s", trim(copy));
		for (j = 0; j < sw->nvars - 1; j++) {
			if (strcmp(sw->vars[j].key, v->key) == 0) {
				free(copy);
				return ld_err(ld, e, "'vary' in [sweep] names %s twice (first at line %d)",
				    v->key, sw->vars[j].line);
			}
		}
		if (sweep_values(ld, e, colon + 1, v) != 0) {
			free(copy);
			return -1;
		}
		free(copy);
		if (sw->zip && v->nvalues != sw->vars[0].nvalues)
			return ld_err(ld, e, "mode = zip needs as many values in every 'vary': %s "
			    "has %d, %s has %d", sw->vars[0].key, sw->vars[0].nvalues, v->key,
			    v->nvalues);
		points *= v->nvalues;
	}
	if (!sw->zip && points > SCN_MAX_SWEEP_POINTS)
		return ld_sec_err(ld, "[sweep] has %.0f points, above the limit of %d "
		    "(SCN_MAX_SWEEP_POINTS)", points, SCN_MAX_SWEEP_POINTS);
	if (!(points >= 1))
		return ld_sec_err(ld, "[sweep] has no points; give each 'vary' values");
	return 0;
}

/* Set the defaults of doc/scenario.md and the loader's brief. */
static void
set_defaults(struct scn *s, const char *file)
{
	const char *base = strrchr(file, '/'), *why;
	size_t n;

	base = base != NULL ? base + 1 : file;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
		n -= 4;
	if (n >= sizeof s->name)
		n = unit_utf8_fit(base, sizeof s->name - 1);
	memcpy(s->name, base, n);
	s->name[n] = '\0';
	unit_parse_date(SCN_DEFAULT_START, &s->start_epoch_day, &s->start_weekday, &why);
	s->weeks = 10;
	s->warmup = MIN_PER_WEEK;
	s->replications = 10;
	s->max_events = (uint64_t)SCN_DEFAULT_MAX_EVENTS;
	s->max_waiting = SCN_DEFAULT_MAX_WAITING;
	s->seed = 12345;
	s->esc.to_class = -1;
	s->contact.reach = 1;
	s->contact.attempt = 0;
	s->contact.retry_after = 30;
	s->contact.max_attempts = 1;
	s->contact.follow_up_class = -1;
}

/* Interpret every section of the document into s. */
static int
interpret(struct ld *ld)
{
	struct scn_ini_doc *doc = ld->doc;
	struct scn *s = ld->s;
	const struct scn_ini_sec *sec, *one[SEC_NTYPES] = { 0 };
	int i, c, r, k, served;

	if (doc->nsecs == 0)
		return cq_err_set(ld->err, CQ_EXIT_USAGE, doc->file, 0, "the scenario is empty "
		    "(no sections); it needs at least a [stream], a [class] and a [role] "
		    "section (see 'man clinicq')");
	for (i = 0; i < doc->nsecs; i++) {
		sec = &doc->secs[i];
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
		default:
			one[sec->type] = sec;
			break;
		}
	}
	if (one[SEC_SCENARIO] != NULL) {
		ld_enter(ld, one[SEC_SCENARIO]);
		if (load_scenario(ld) != 0)
			return -1;
	}
	if (one[SEC_CALENDAR] != NULL) {
		ld_enter(ld, one[SEC_CALENDAR]);
		if (load_calendar(ld) != 0)
			return -1;
	}
	for (i = 0; i < s->npatterns; i++) {
		ld_enter(ld, ld->pattern_sec[i]);
		if (load_pattern(ld, &s->patterns[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nclasses; i++) {
		ld_enter(ld, ld->class_sec[i]);
		if (load_class(ld, &s->classes[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nstreams; i++) {
		ld_enter(ld, ld->stream_sec[i]);
		if (load_stream(ld, &s->streams[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nroles; i++) {
		ld_enter(ld, ld->role_sec[i]);
		if (load_role(ld, &s->roles[i]) != 0)
			return -1;
	}
	for (i = 0; i < s->nshifts; i++) {
		ld_enter(ld, ld->shift_sec[i]);
		if (load_shift(ld, &s->shifts[i]) != 0)
			return -1;
	}
	if (one[SEC_ESCALATION] != NULL) {
		ld_enter(ld, one[SEC_ESCALATION]);
		if (load_escalation(ld) != 0)
			return -1;
	}
	if (one[SEC_CONTACT] != NULL) {
		ld_enter(ld, one[SEC_CONTACT]);
		if (load_contact(ld) != 0)
			return -1;
	}
	if (one[SEC_TARGETS] != NULL) {
		ld_enter(ld, one[SEC_TARGETS]);
		if (opt_share(ld, "safety_miss_rate", &s->safety_miss_rate) < 0)
			return -1;
		s->has_safety_target = get(ld, "safety_miss_rate") != NULL;
	}
	if (one[SEC_SWEEP] != NULL) {
		ld_enter(ld, one[SEC_SWEEP]);
		if (load_sweep(ld) != 0)
			return -1;
	}
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
	return 0;
}

/* Load from text of len bytes; file names the source in messages. */
static struct scn *
load_text(const char *file, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct cq_err *err)
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
	if (unit_utf8_check(file, strlen(file), 0, &off, &why) != 0) {
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
	if (interpret(&ld) != 0)
		goto fail;
	free(ld.shift_sec);
	scn_ini_free(&doc);
	return s;
fail:
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
	return load_text(name, text, strlen(text), ov, nov, err);
}

/* Load a scenario from len bytes that may hold NULs (rejected like a file's). */
struct scn *
scn_load_mem(const char *name, const char *text, size_t len,
    const struct scn_override *ov, int nov, struct cq_err *err)
{
	return load_text(name, text, len, ov, nov, err);
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

	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused
	 * below, like anything that is not a regular file. */
	if ((fd = open(file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
		cq_err_set(err, errno == ENOENT || errno == ENOTDIR ? CQ_EXIT_USAGE :
		    CQ_EXIT_FAIL, file, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
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
	s = load_text(file, buf, len, ov, nov, err);
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
		sweep_var_free(&s->sweep.vars[i]);
	free(s->sweep.vars);
	free(s->shifts);
	free(s->file);
	free(s);
}

/* Minutes of warm-up plus measured span. */
double
scn_horizon(const struct scn *s)
{
	return s->warmup + s->weeks * MIN_PER_WEEK;
}

/* Whether day index d (from start_date) is a holiday. */
static int
is_holiday(const struct scn *s, long d)
{
	return bsearch(&d, s->holidays, (size_t)s->nholidays, sizeof s->holidays[0],
	    cmp_long) != NULL;
}

/* Scheduled hours per week of ONE person on shift i, averaged over
 * the measured span [warmup, warmup + weeks): shifts that start on a skipped
 * holiday do not count; a shift overlapping an end of the span counts in part. */
double
scn_shift_hours_per_week(const struct scn *s, int i)
{
	const struct scn_shift *sh = &s->shifts[i];
	double from = s->warmup, to = scn_horizon(s), a, b, sum = 0;
	long d, first = (long)floor(from / 1440.0) - 1, last = (long)ceil(to / 1440.0);
	int wd;

	if (!(s->weeks > 0))
		return 0;
	for (d = first; d <= last; d++) {
		wd = (int)(((s->start_weekday + d) % 7 + 7) % 7);
		if (!(sh->days & (1u << wd)))
			continue;
		if (sh->skip_holidays && is_holiday(s, d))
			continue;
		a = d * 1440.0 + sh->start;
		b = d * 1440.0 + sh->end;
		if (a < from)
			a = from;
		if (b > to)
			b = to;
		if (b > a)
			sum += b - a;
	}
	return sum / 60.0 / s->weeks;
}
