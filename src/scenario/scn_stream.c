/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_stream.c — interpreting [calendar] (holidays), [pattern NAME] (weekly
 * weights) and [stream NAME] (message and reading streams, their classes):
 * the keys of these sections that the key table (scn_keytab.c) cannot read
 * by their kind alone, and the order a stream's keys are read in.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"

/* holiday_arrivals: one weekday, or none (the holiday's own weekday). */
int
ld_calendar_holiday_arrivals(struct ld *ld, const struct scn_key *k,
    const struct scn_ini_ent *e, void *base)
{
	const char *why;
	unsigned mask;
	int wd;

	(void)k;
	if (e == NULL || strcmp(e->value, "none") == 0)
		return 0;
	if (unit_parse_days(e->value, &mask, &why) != 0 || mask == 0 ||
	    (mask & (mask - 1)) != 0)
		return ld_bad_value(ld, e, "expected one weekday (mon .. sun) whose hours "
		    "arrivals follow on a holiday, or none");
	for (wd = 0; !(mask & (1u << wd)); wd++)
		;
	((struct scn *)base)->holiday_arrivals = wd;
	return 0;
}

/* holidays: day indices from start_date, sorted, each once. */
int
ld_calendar_holidays(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn *s = base;
	char *copy, *tok, *save = NULL;
	const char *why;
	long day;
	int wd, i, j;

	(void)k;
	if (e == NULL)
		return 0;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	/* Split by hand: strtok would merge ",," and hide a forgotten date. */
	for (tok = copy; tok != NULL; tok = save) {
		if ((save = strchr(tok, ',')) != NULL)
			*save++ = '\0';
		tok = ld_trim(tok);
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
		return ld_bad_value(ld, e, "expected dates like 2027-05-31, 2027-07-05");
	qsort(s->holidays, (size_t)s->nholidays, sizeof s->holidays[0], ld_cmp_long);
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
		return ld_bad_value(ld, e, expect);
	snprintf(buf, sizeof buf, "%s", e->value);
	days = ld_trim(buf);
	if ((w = strrchr(days, ' ')) == NULL && (w = strrchr(days, '\t')) == NULL)
		return ld_bad_value(ld, e, expect);
	*w++ = '\0';
	days = ld_trim(days);
	hours = strrchr(days, ' ');
	if (hours == NULL)
		hours = strrchr(days, '\t');
	if (hours == NULL)
		return ld_bad_value(ld, e, expect);
	*hours++ = '\0';
	if ((dash = strchr(hours, '-')) == NULL)
		return ld_bad_value(ld, e, expect);
	*dash = '\0';
	if (unit_parse_days(days, &mask, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (unit_parse_clock(hours, &start, &why) != 0 ||
	    unit_parse_clock(dash + 1, &end, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (start % 60 != 0 || end % 60 != 0)
		return ld_err(ld, e, "pattern weights in [%s] are per whole hour: write "
		    "times like 07:00, not %s-%s", ld->label, hours, dash + 1);
	if (end <= start)
		return ld_err(ld, e, "end before start in a weight line of [%s] (%s-%s); a line "
		    "covers hours within one day: write two lines, e.g. %s-24:00 and 00:00-%s",
		    ld->label, hours, dash + 1, hours, dash + 1);
	if (unit_parse_number(w, &weight, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (weight < 0)
		return ld_err(ld, e, "a weight cannot be negative (%s in [%s])", w, ld->label);
	for (d = 0; d < 7; d++) {
		if (!(mask & (1u << d)))
			continue;
		for (h = start / 60; h < end / 60; h++) {
			p->weight[d * 24 + h] = weight;
			p->named[d * 24 + h] = 1;
		}
	}
	return 0;
}

/* weight: every line of the pattern, later lines winning where they overlap;
 * some hour must weigh more than 0. */
int
ld_pattern_weight(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_pattern *p = base;
	double sum = 0;
	int i;

	(void)k;
	(void)e;
	for (i = 0; i < ld->sec->nents; i++) {
		if (pattern_line(ld, &ld->sec->ents[i], p) != 0)
			return -1;
	}
	for (i = 0; i < WEEK_HOURS; i++)
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

/* Interpret a [pattern NAME]. */
int
ld_load_pattern(struct ld *ld, struct scn_pattern *p)
{
	return ld_keys(ld, p);
}

/* Refuse keys of the other kind of stream (KF_MESSAGE, KF_READING). */
static int
stream_kind_keys(struct ld *ld, enum scn_stream_kind kind)
{
	unsigned other = kind == SCN_MESSAGE ? KF_READING : KF_MESSAGE;
	const struct scn_ini_ent *e;
	const struct scn_key *k;

	for (k = scn_keys_first(SEC_STREAM); k != NULL; k = scn_keys_next(k)) {
		if (!(k->flags & other) || (e = ld_get(ld, k->name)) == NULL)
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

/* classes = routine 0.8, clinical 0.2: a message stream's classes and shares. */
int
ld_stream_classes(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_stream *st = base;
	char *copy, *item, *rest, *sp;
	const char *why;
	double share, sum = 0;
	int nitems = 0, c, i, empty, rc = -1;

	(void)k;
	if (e == NULL)
		return 0;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (i = 0; e->value[i] != '\0'; i++)
		nitems += e->value[i] == ',';
	nitems++;
	for (rest = copy; (item = ld_next_item(&rest, &empty)) != NULL || empty;) {
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
				    ld_trim(sp), item, ld->label, why);
				goto out;
			}
		} else if (nitems == 1 && *item != '\0')
			share = 1.0;
		else {
			ld_err(ld, e, "give each class in 'classes' of [%s] a share, like "
			    "classes = routine 0.8, clinical 0.2", ld->label);
			goto out;
		}
		if (!ld_name_ok(item)) {
			ld_err(ld, e, "bad class name '%s' in 'classes' of [%s]", item, ld->label);
			goto out;
		}
		if ((c = ld_ref_class(ld, e, item, "'classes' names")) < 0)
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
		ld_bad_value(ld, e, "expected classes with shares, like routine 0.8, clinical 0.2");
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

/* The index of the pattern an entry names; on failure reports "[X] uses
 * unknown pattern 'y'" with a near name, and returns -1. */
int
ld_ref_pattern(struct ld *ld, const struct scn_ini_ent *e)
{
	struct scn_suggest sg;
	int i;

	for (i = 0; i < ld->s->npatterns; i++)
		if (strcmp(ld->s->patterns[i].name, e->value) == 0)
			return i;
	scn_suggest_init(&sg, e->value);
	for (i = 0; i < ld->s->npatterns; i++)
		scn_suggest_add(&sg, ld->s->patterns[i].name);
	if (scn_suggest_best(&sg) != NULL)
		ld_err(ld, e, "[%s] uses unknown pattern '%s'; did you mean '%s'?",
		    ld->label, e->value, scn_suggest_best(&sg));
	else
		ld_err(ld, e, "[%s] uses unknown pattern '%s'; define it in a [pattern %s] "
		    "section", ld->label, e->value, e->value);
	return -1;
}

/* pattern: a stream's pattern, by name. */
int
ld_stream_pattern(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	int i;

	(void)k;
	if (e == NULL)
		return 0;
	if ((i = ld_ref_pattern(ld, e)) < 0)
		return -1;
	((struct scn_stream *)base)->pattern = i;
	return 0;
}

/* Spread per_week over the week, by the pattern's weights or evenly. */
static void
stream_spread(const struct scn *s, struct scn_stream *st)
{
	double sum = 0;
	int h;

	if (st->pattern < 0) {
		for (h = 0; h < WEEK_HOURS; h++)
			st->rate[h] = st->per_week / WEEK_MIN;
		return;
	}
	for (h = 0; h < WEEK_HOURS; h++)
		sum += s->patterns[st->pattern].weight[h];
	for (h = 0; h < WEEK_HOURS; h++)
		st->rate[h] = st->per_week * s->patterns[st->pattern].weight[h] / sum / 60.0;
}

/* rate = 8/h: a constant rate, kept as the per_week it makes (in the range of
 * the key's row). */
int
ld_stream_rate(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_stream *st = base;
	const char *why;
	double r;

	if (e == NULL)
		return 0;
	if (unit_parse_rate(e->value, &r, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (ld_check_range(ld, e, r * WEEK_MIN, k->lo, 0, k->hi, k->hi_what) != 0)
		return -1;
	/* Spread like per_week, so that the per_week `check` prints loads back to
	 * the very same rates. */
	st->per_week = r * WEEK_MIN;
	return 0;
}

/* volume_cv = 15%: a share or a fraction, in the row's range; above 100% is
 * allowed (real logs show such days), so not a KEY_SHARE. */
int
ld_stream_volume_cv(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_stream *st = base;
	const char *why;
	double v;

	if (e == NULL)
		return 0;
	if (unit_parse_fraction(e->value, &v, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (ld_check_range(ld, e, v, k->lo, 0, k->hi, k->hi_what) != 0)
		return -1;
	st->volume_cv = v;
	return 0;
}

/* alert_class: a reading stream's alert class, a sync one. */
int
ld_stream_alert_class(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_stream *st = base;

	(void)k;
	if (e == NULL)
		return ld_sec_err(ld, "[%s] is a reading stream without an alert class; add "
		    "alert_class = NAME (a sync class)", ld->label);
	if ((st->alert_class = ld_ref_class(ld, e, e->value, "alert_class names")) < 0)
		return -1;
	if (ld->s->classes[st->alert_class].mode != SCN_SYNC)
		return ld_err(ld, e, "alert_class '%s' of [%s] is async; a reading alert needs "
		    "a sync class", e->value, ld->label);
	return 0;
}

/* A message stream that replays a log: its arrivals are the log's, so it
 * takes no rate; its classes come from the log's class column or its shares. */
static int
load_trace_stream(struct ld *ld, struct scn_stream *st)
{
	/* volume_cv too: a log's days already vary as they did; refused rather
	 * than ignored, so that nobody believes a replay was made more variable. */
	static const char *const rate_keys[] = {
		"per_week", "rate", "pattern", "volume_cv", NULL
	};
	const struct scn_ini_ent *e;
	int i;

	for (i = 0; rate_keys[i] != NULL; i++)
		if ((e = ld_get(ld, rate_keys[i])) != NULL)
			return ld_err(ld, e, "[%s] replays a trace, whose arrivals are the log's; "
			    "it takes no '%s' (drop it, or drop trace)", ld->label, e->key);
	if (ld_key_named(ld, "classes", st) != 0 || ld_key_named(ld, "trace", st) != 0 ||
	    ld_key_named(ld, "trace_classes", st) != 0)
		return -1;
	return ld_trace_take(ld, st);
}

/* A message stream: per_week or a constant rate, spread over the week, and
 * its classes. */
static int
load_message_stream(struct ld *ld, struct scn_stream *st)
{
	const struct scn_ini_ent *pw = ld_get(ld, "per_week"), *rate = ld_get(ld, "rate");
	const struct scn_ini_ent *tc = ld_get(ld, "trace_classes");

	if (tc != NULL)
		return ld_err(ld, tc, "trace_classes of [%s] maps a trace log's class column, "
		    "but [%s] has no trace; add trace = FILE.csv or drop trace_classes",
		    ld->label, ld->label);
	if (pw == NULL && rate == NULL)
		return ld_sec_err(ld, "[%s] needs per_week (like per_week = 1400) or a "
		    "constant rate (like rate = 8/h)", ld->label);
	if (pw != NULL && rate != NULL)
		return ld_err(ld, rate->ov != NULL ? rate : pw->ov != NULL ? pw :
		    pw->line > rate->line ? pw : rate, "[%s] has both per_week and rate; keep one",
		    ld->label);
	if (rate != NULL && ld_get(ld, "pattern") != NULL)
		return ld_err(ld, rate, "'rate' in [%s] is a constant rate and takes no "
		    "pattern; use per_week with a pattern", ld->label);
	if (ld_key_named(ld, "per_week", st) != 0 || ld_key_named(ld, "rate", st) != 0)
		return -1;
	stream_spread(ld->s, st);
	if (ld_need(ld, "classes", "classes = routine 0.8, clinical 0.2") == NULL)
		return -1;
	return ld_key_named(ld, "classes", st);
}

/* A reading stream: patients x per_patient_per_day readings a day, each
 * checked against alert_above. */
static int
load_reading_stream(struct ld *ld, struct scn_stream *st)
{
	static const char *const keys[] = {
		"patients", "per_patient_per_day", "value", "alert_above", "alert_class", NULL
	};
	int i;

	for (i = 0; keys[i] != NULL; i++)
		if (ld_key_named(ld, keys[i], st) != 0)
			return -1;
	st->per_week = st->patients * st->per_patient_per_day * 7.0;
	if (st->per_week > SCN_MAX_PER_WEEK)
		return ld_sec_err(ld, "[%s] makes %.6g readings a week, above the limit of 1e8 "
		    "(SCN_MAX_PER_WEEK); lower patients or per_patient_per_day", ld->label,
		    st->per_week);
	stream_spread(ld->s, st);
	return 0;
}

/* Interpret a [stream NAME]: its kind first, which decides the keys it takes
 * and the order they are read in. */
int
ld_load_stream(struct ld *ld, struct scn_stream *st)
{
	if (ld_key_named(ld, "kind", st) != 0 || stream_kind_keys(ld, st->kind) != 0 ||
	    ld_key_named(ld, "pattern", st) != 0)
		return -1;
	if (st->kind == SCN_MESSAGE && ld_get(ld, "trace") != NULL)
		return load_trace_stream(ld, st);
	if (ld_key_named(ld, "volume_cv", st) != 0)
		return -1;
	if (st->kind == SCN_MESSAGE)
		return load_message_stream(ld, st);
	return load_reading_stream(ld, st);
}
