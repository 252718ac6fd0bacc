/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_tmpl.c — [shift_template NAME]: the shifts `optimize` may design (a
 * role, days, a list or range of starts, a list of lengths, bounds over all
 * its candidates together, or per day with by_day); scn_design.c makes
 * its candidates.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"
#include "week.h"

/* "8h", "4h30min", "45min": whole hours, then the minutes left. */
void
scn_tmpl_length_name(int minutes, char *buf, size_t n)
{
	if (minutes >= 60 && minutes % 60 == 0)
		snprintf(buf, n, "%dh", minutes / 60);
	else if (minutes >= 60)
		snprintf(buf, n, "%dh%dmin", minutes / 60, minutes % 60);
	else
		snprintf(buf, n, "%dmin", minutes);
}

/* 2340 -> "2,340". */
static void
thousands(long v, char *buf, size_t n)
{
	if (v >= 1000)
		snprintf(buf, n, "%ld,%03ld", v / 1000, v % 1000);
	else
		snprintf(buf, n, "%ld", v);
}

static int
int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Sort a list and refuse a value given twice. */
static int
sorted_unique(struct ld *ld, const struct scn_ini_ent *e, int *v, int n, const char *key)
{
	int i;

	qsort(v, (size_t)n, sizeof *v, int_cmp);
	for (i = 1; i < n; i++)
		if (v[i] == v[i - 1])
			return ld_err(ld, e, "'%s' of [%s] gives the same value twice (%d:%02d "
			    "or %d min); list each once", key, ld->label, v[i] / 60, v[i] % 60,
			    v[i]);
	return 0;
}

/* A whole number of minutes within (0, hi]. */
static int
whole_minutes(struct ld *ld, const struct scn_ini_ent *e, const char *tok, double hi,
    const char *what, int *out)
{
	const char *why;
	double v;

	if (unit_parse_duration(tok, &v, &why) != 0)
		return ld_err(ld, e, "bad %s '%s' in [%s]: %s", what, tok, ld->label, why);
	if (!(v > 0) || v > hi || v != floor(v))
		return ld_err(ld, e, "bad %s '%s' in [%s]: give a whole number of minutes "
		    "above 0 and at most %g h, like 30min or 8h", what, tok, ld->label, hi / 60);
	*out = (int)v;
	return 0;
}

/* start = 06:00, 07:30   or   start = 06:00..12:00 step 30min */
int
ld_tmpl_start(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_tmpl *t = base;
	const char *why, *dots;
	char *step;
	char *copy, *tok, *rest;
	int a, b, d, empty, rc = -1;

	(void)k;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	if ((dots = strstr(copy, "..")) != NULL) {
		copy[dots - copy] = '\0';
		tok = ld_trim(copy);
		rest = copy + (dots - copy) + 2;
		if ((step = strstr(rest, "step")) == NULL) {
			ld_err(ld, e, "'start' of [%s] gives a range without a step; write it "
			    "like start = 06:00..12:00 step 30min", ld->label);
			goto out;
		}
		*step = '\0';
		if (unit_parse_clock(tok, &a, &why) != 0 ||
		    unit_parse_clock(ld_trim(rest), &b, &why) != 0) {
			ld_err(ld, e, "bad 'start' range in [%s]: %s; write it like start = "
			    "06:00..12:00 step 30min", ld->label, why);
			goto out;
		}
		if (b < a || a >= DAY_MINUTES || b >= DAY_MINUTES) {
			ld_err(ld, e, "'start' range of [%s] must run forwards within a day, "
			    "before 24:00 (like 06:00..12:00 step 30min)", ld->label);
			goto out;
		}
		if (whole_minutes(ld, e, ld_trim(step + 4), DAY_MINUTES, "step", &d) != 0)
			goto out;
		t->range_step = d;
		for (; a <= b; a += d)
			t->starts[t->nstarts++] = a;
	} else {
		for (rest = copy; (tok = ld_next_item(&rest, &empty)) != NULL || empty;) {
			if (empty) {
				ld_err(ld, e, "empty item in 'start' of [%s] (two commas, or one at an "
				    "end); give clock times, like start = 06:00, 07:30", ld->label);
				goto out;
			}
			if (unit_parse_clock(tok, &a, &why) != 0) {
				ld_err(ld, e, "bad start '%s' in [%s]: %s; give clock times separated "
				    "by commas, like start = 06:00, 07:30", tok, ld->label, why);
				goto out;
			}
			if (a >= DAY_MINUTES) {
				ld_err(ld, e, "start '%s' in [%s] must be before 24:00", tok, ld->label);
				goto out;
			}
			if (t->nstarts == DAY_MINUTES) {
				ld_err(ld, e, "too many starts in [%s]", ld->label);
				goto out;
			}
			t->starts[t->nstarts++] = a;
		}
		if (sorted_unique(ld, e, t->starts, t->nstarts, "start") != 0)
			goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* length = 4h, 8h, 10h */
int
ld_tmpl_length(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_tmpl *t = base;
	char *copy, *tok, *rest;
	int empty, rc = -1;

	(void)k;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (rest = copy; (tok = ld_next_item(&rest, &empty)) != NULL || empty;) {
		if (empty) {
			ld_err(ld, e, "empty item in 'length' of [%s] (two commas, or one at an "
			    "end); give durations, like length = 4h, 8h", ld->label);
			goto out;
		}
		if (t->nlengths == DAY_MINUTES) {
			ld_err(ld, e, "too many lengths in [%s]", ld->label);
			goto out;
		}
		if (whole_minutes(ld, e, tok, DAY_MINUTES, "length", &t->lengths[t->nlengths]) != 0)
			goto out;
		t->nlengths++;
	}
	if (t->nlengths == 0) {
		ld_bad_value(ld, e, "expected durations, like length = 4h, 8h");
		goto out;
	}
	rc = sorted_unique(ld, e, t->lengths, t->nlengths, "length");
out:
	free(copy);
	return rc;
}

/* role: a template's role, whose cost and absence its shifts have unless it
 * sets its own. */
int
ld_tmpl_role(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_tmpl *t = base;

	(void)k;
	if ((t->role = ld_ref_role(ld, e)) < 0)
		return -1;
	t->cost_per_hour = ld->s->roles[t->role].cost_per_hour;
	t->absence = ld->s->roles[t->role].absence;
	return 0;
}

/* Whether some candidate of t (its longest length from some start, on the
 * start's day or the next) holds break b's window, as scn_design gives it. */
static int
tmpl_holds(const struct scn_tmpl *t, const struct scn_break *b)
{
	int i, off, end;

	for (i = 0; i < t->nstarts; i++) {
		end = t->starts[i] + t->lengths[t->nlengths - 1];
		for (off = -DAY_MINUTES; off <= DAY_MINUTES; off += DAY_MINUTES)
			if (b->from + off >= t->starts[i] && b->to + off <= end)
				return 1;
	}
	return 0;
}

/* break lines: checked against the span of all candidates; each candidate
 * takes those whose window it holds (scn_design). */
int
ld_tmpl_break(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_tmpl *t = base;

	const struct scn_ini_ent *at;
	int i, j;

	(void)k;
	(void)e;
	if (ld_load_breaks(ld, t->starts[0], t->starts[t->nstarts - 1] +
	    t->lengths[t->nlengths - 1], &t->nbreaks, t->breaks) != 0)
		return -1;
	/* A window inside the span may still lie in no single candidate (the
	 * span's two ends belong to different starts): its break would vanish. */
	for (i = 0; i < t->nbreaks; i++) {
		if (tmpl_holds(t, &t->breaks[i]))
			continue;
		for (at = NULL, j = 0; j < ld->sec->nents; j++)
			if (strcmp(ld->sec->ents[j].key, "break") == 0 &&
			    ld->sec->ents[j].line == t->breaks[i].line)
				at = &ld->sec->ents[j];
		return ld_err(ld, at, "no candidate of [%s] holds the break window "
		    "%02d:%02d-%02d:%02d, so no shift would take that break; widen the "
		    "lengths or move the window inside one candidate", ld->label,
		    t->breaks[i].from / 60 % 24, t->breaks[i].from % 60,
		    t->breaks[i].to / 60 % 24, t->breaks[i].to % 60);
	}
	return 0;
}

/* The candidate shifts a template makes: by day, one per start, length and day. */
static long
tmpl_candidates(const struct scn_tmpl *t)
{
	long n = (long)t->nstarts * t->nlengths;
	int d;

	if (t->by_day) {
		long per = n;

		for (n = 0, d = 0; d < WEEK_DAYS; d++)
			n += ((t->days >> d) & 1) ? per : 0;
	}
	return n;
}

/* Interpret a [shift_template NAME]: its keys, then what they make together. */
int
ld_load_template(struct ld *ld, struct scn_tmpl *t)
{
	const struct scn *s = ld->s;
	char n1[32], n2[32], n3[32], len[32];
	long prod, total = 0;
	int i, ndays;

	if (ld_keys(ld, t) != 0)
		return -1;
	if (ld_get(ld, "max") == NULL)
		return ld_sec_err(ld, "[%s] needs 'max', the most persons over all its shifts "
		    "together, like max = 6", ld->label);
	if (t->min > t->max)
		return ld_err(ld, ld_get(ld, "min"), "'min' (%d) is above 'max' (%d) in [%s]",
		    t->min, t->max, ld->label);
	/* By day: a candidate per start, length and day. */
	for (i = 0, ndays = 0; i < WEEK_DAYS; i++)
		ndays += (t->days >> i) & 1;
	prod = (long)t->nstarts * t->nlengths * (t->by_day ? ndays : 1);
	if (prod > SCN_MAX_CANDIDATES && t->by_day) {
		thousands(prod, n3, sizeof n3);
		return ld_err(ld, ld_get(ld, "start"), "[%s] makes %d start%s x %d length%s "
		    "x %d days (by_day) = %s candidate shifts, over the limit of 2,000; give "
		    "fewer starts (a larger step), lengths or days", ld->label, t->nstarts,
		    t->nstarts == 1 ? "" : "s", t->nlengths, t->nlengths == 1 ? "" : "s",
		    ndays, n3);
	}
	if (prod > SCN_MAX_CANDIDATES) {
		thousands(t->nstarts, n1, sizeof n1);
		thousands(t->nlengths, n2, sizeof n2);
		thousands(prod, n3, sizeof n3);
		return ld_err(ld, ld_get(ld, "start"), "[%s] makes %s start%s x %s length%s = "
		    "%s candidate shifts, over the limit of 2,000; give fewer starts (a "
		    "larger step) or lengths", ld->label, n1, t->nstarts == 1 ? "" : "s", n2,
		    t->nlengths == 1 ? "" : "s", n3);
	}
	for (i = 0; i < s->ntemplates && &s->templates[i] != t; i++)
		total += tmpl_candidates(&s->templates[i]);
	if (total + prod > SCN_MAX_CANDIDATES) {
		thousands(total + prod, n3, sizeof n3);
		return ld_sec_err(ld, "the templates up to [%s] make %s candidate shifts "
		    "together, over the limit of 2,000; give fewer starts or lengths",
		    ld->label, n3);
	}
	/* The candidates' names: NAME@HH:MM+LENGTH must fit a shift's name. */
	scn_tmpl_length_name(t->lengths[t->nlengths - 1], len, sizeof len);
	if (strlen(t->name) + 7 + strlen(len) >= SCN_MAX_NAME && !t->by_day)
		return ld_sec_err(ld, "the name of [%s] is too long for its candidates' names "
		    "(%s@HH:MM+%s); use at most %d characters", ld->label, t->name, len,
		    (int)(SCN_MAX_NAME - 8 - strlen(len)));
	if (strlen(t->name) + 7 + strlen(len) + SCN_PART_SUFFIX >= SCN_MAX_NAME)
		return ld_sec_err(ld, "the name of [%s] is too long for its candidates' names "
		    "by day (%s@HH:MM+%s[mon]); use at most %d characters", ld->label, t->name,
		    len, (int)(SCN_MAX_NAME - 8 - SCN_PART_SUFFIX - strlen(len)));
	return 0;
}
