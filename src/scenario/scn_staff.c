/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_staff.c — interpreting [role NAME] (what a role serves, at what cost)
 * and [shift NAME] (when a role works, how many, within which bounds), with
 * their absence and the shift's breaks (ld_absence, ld_days, ld_load_breaks,
 * ld_ref_role: [shift_template] takes them too).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"
#include "week.h"

/* absence = P: a share below 1 (of a role, a shift or a template). */
int
ld_absence(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	int set = ld_value(ld, k, e, base);

	if (set > 0 && *(const double *)scn_key_at(base, k->off) >= 1.0)
		return ld_err(ld, e, "'absence' in [%s] must be below 100%%: nobody would ever "
		    "be on duty; give the share of person-shifts missed, like absence = 6%%",
		    ld->label);
	return set < 0 ? -1 : 0;
}

/* days = mon-fri: the days a shift (or a template's shifts) starts on; all
 * when absent. */
int
ld_days(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e, void *base)
{
	unsigned *days = scn_key_at(base, k->off);
	const char *why;

	*days = 0x7f;
	if (e != NULL && unit_parse_days(e->value, days, &why) != 0)
		return ld_bad_value(ld, e, why);
	return 0;
}

/* One `break = D within HH:MM-HH:MM` of a shift from `start` to `end`
 * (minutes after midnight of its start day; end past DAY_MINUTES past midnight). */
static int
break_line(struct ld *ld, const struct scn_ini_ent *e, int start, int end,
    struct scn_break *b)
{
	static const char expect[] = "expected a break like 30min within 11:30-14:00 "
	    "(its length, then the window it is taken in)";
	char buf[256], *w, *dash;
	const char *why;

	if (strlen(e->value) >= sizeof buf)
		return ld_bad_value(ld, e, expect);
	snprintf(buf, sizeof buf, "%s", e->value);
	if ((w = strstr(buf, " within ")) == NULL)
		return ld_bad_value(ld, e, expect);
	*w = '\0';
	w += strlen(" within ");
	if ((dash = strchr(w, '-')) == NULL)
		return ld_bad_value(ld, e, expect);
	*dash = '\0';
	if (unit_parse_duration(buf, &b->length, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (unit_parse_clock(ld_trim(w), &b->from, &why) != 0 ||
	    unit_parse_clock(ld_trim(dash + 1), &b->to, &why) != 0)
		return ld_bad_value(ld, e, why);
	b->line = e->line;
	if (!(b->length > 0))
		return ld_err(ld, e, "a break in [%s] must last more than 0 minutes (%s)",
		    ld->label, e->value);
	/* A window before the start lies in the shift's second day. */
	if (b->from < start) {
		b->from += DAY_MINUTES;
		b->to += DAY_MINUTES;
	}
	if (b->to <= b->from)
		b->to += DAY_MINUTES;
	if (b->to > end || b->from >= end)
		return ld_err(ld, e, "the break window %s in [%s] is not inside the shift "
		    "(%02d:%02d-%02d:%02d); give a window within the shift's hours",
		    strstr(e->value, " within ") + strlen(" within "), ld->label, start / 60, start % 60, end % DAY_MINUTES / 60 +
		    (end == DAY_MINUTES ? 24 : 0), end % 60);
	if (b->length > b->to - b->from)
		return ld_err(ld, e, "a break of %s in [%s] does not fit in its window; "
		    "make the window at least as long as the break", buf, ld->label);
	return 0;
}

/* A person takes a shift's breaks one at a time, each in its window: that
 * can be done only if every stretch from one window's start to another's end
 * holds the breaks whose windows lie inside it (the condition for one
 * server to meet all release times and deadlines).  Checked as each line is
 * read, so the error names the line that overfills; all the breaks together
 * must also leave time to work. */
static int
breaks_fit(struct ld *ld, const struct scn_ini_ent *e, const struct scn_break *b, int n,
    int shift_len)
{
	char held[64], room[64];
	double sum, total = 0;
	int i, j, k;

	for (k = 0; k < n; k++)
		total += b[k].length;
	if (total >= shift_len) {
		unit_format_duration(total, held, sizeof held);
		unit_format_duration(shift_len, room, sizeof room);
		return ld_err(ld, e, "the breaks of [%s] add up to %s, leaving no time to "
		    "work in its %s; shorten them", ld->label, held, room);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++) {
			if (b[j].to <= b[i].from)
				continue;
			for (sum = 0, k = 0; k < n; k++)
				if (b[k].from >= b[i].from && b[k].to <= b[j].to)
					sum += b[k].length;
			if (sum > b[j].to - b[i].from + 1e-9) {
				unit_format_duration(sum, held, sizeof held);
				unit_format_duration(b[j].to - b[i].from, room, sizeof room);
				return ld_err(ld, e, "the breaks of [%s] taken within %02d:%02d-%02d:%02d "
				    "add up to %s, more than those %s hold (a person takes one "
				    "break at a time); shorten them or widen their windows",
				    ld->label, b[i].from / 60 % 24, b[i].from % 60,
				    b[j].to == DAY_MINUTES ? 24 : b[j].to / 60 % 24, b[j].to % 60,
				    held, room);
			}
		}
	}
	return 0;
}

static int
break_cmp(const void *p, const void *q)
{
	const struct scn_break *a = p, *b = q;

	return (a->from > b->from) - (a->from < b->from);
}

/* The `break` lines of the current section, for a shift from start to end,
 * sorted by window start. */
int
ld_load_breaks(struct ld *ld, int start, int end, int *nbreaks, struct scn_break *out)
{
	int i, n = 0;

	for (i = 0; i < ld->sec->nents; i++) {
		const struct scn_ini_ent *e = &ld->sec->ents[i];

		if (strcmp(e->key, "break") != 0)
			continue;
		if (n == SCN_MAX_BREAKS)
			return ld_err(ld, e, "more than %d breaks in [%s] (SCN_MAX_BREAKS); "
			    "merge some", SCN_MAX_BREAKS, ld->label);
		if (break_line(ld, e, start, end, &out[n]) != 0 ||
		    breaks_fit(ld, e, out, n + 1, end - start) != 0)
			return -1;
		n++;
	}
	qsort(out, (size_t)n, sizeof *out, break_cmp);
	*nbreaks = n;
	return 0;
}

/* serves = a, b: the classes a role serves, highest priority first. */
int
ld_role_serves(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_role *r = base;
	char *copy, *tok, *rest;
	int c, i, empty, rc = -1;

	(void)k;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (rest = copy; (tok = ld_next_item(&rest, &empty)) != NULL || empty;) {
		if (empty) {
			ld_err(ld, e, "empty item in 'serves' of [%s] (two commas, or one at an "
			    "end); give class names, like serves = bp_alert, callback", ld->label);
			goto out;
		}
		if (!ld_name_ok(tok)) {
			ld_err(ld, e, "bad class name '%s' in 'serves' of [%s]; separate names "
			    "with commas", tok, ld->label);
			goto out;
		}
		if ((c = ld_ref_class(ld, e, tok, "serves")) < 0)
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
		ld_bad_value(ld, e, "expected class names, like serves = bp_alert, callback");
		goto out;
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Interpret a [role NAME]. */
int
ld_load_role(struct ld *ld, struct scn_role *r)
{
	return ld_keys(ld, r);
}

/* The role named by e's value: its index, or -1 (with a near-miss). */
int
ld_ref_role(struct ld *ld, const struct scn_ini_ent *e)
{
	struct scn_suggest sg;
	int i, r;

	for (r = 0; r < ld->s->nroles; r++) {
		if (strcmp(ld->s->roles[r].name, e->value) == 0)
			return r;
	}
	scn_suggest_init(&sg, e->value);
	for (i = 0; i < ld->s->nroles; i++)
		scn_suggest_add(&sg, ld->s->roles[i].name);
	if (scn_suggest_best(&sg) != NULL)
		return ld_err(ld, e, "[%s] has unknown role '%s'; did you mean '%s'?",
		    ld->label, e->value, scn_suggest_best(&sg));
	return ld_err(ld, e, "[%s] has unknown role '%s'; define it in a [role %s] "
	    "section", ld->label, e->value, e->value);
}

/* role: a shift's role, whose cost and absence it has unless it sets its own. */
int
ld_shift_role(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_shift *sh = base;

	(void)k;
	if ((sh->role = ld_ref_role(ld, e)) < 0)
		return -1;
	sh->cost_per_hour = ld->s->roles[sh->role].cost_per_hour;
	sh->absence = ld->s->roles[sh->role].absence;
	return 0;
}

/* A clock time HH:MM, minutes after midnight. */
static int
clock_value(struct ld *ld, const struct scn_ini_ent *e, int *out)
{
	const char *why;

	if (unit_parse_clock(e->value, out, &why) != 0)
		return ld_bad_value(ld, e, why);
	return 0;
}

/* start = 08:00, before 24:00. */
int
ld_shift_start(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_shift *sh = base;

	(void)k;
	if (clock_value(ld, e, &sh->start) != 0)
		return -1;
	if (sh->start == DAY_MINUTES)
		return ld_err(ld, e, "'start' in [%s] must be before 24:00; write 00:00 and "
		    "shift the days", ld->label);
	return 0;
}

/* end = 16:30; an end before the start runs past midnight into the next day. */
int
ld_shift_end(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_shift *sh = base;

	(void)k;
	if (clock_value(ld, e, &sh->end) != 0)
		return -1;
	if (sh->end == sh->start)
		return ld_err(ld, e, "[%s] ends when it starts (%s); for a 24-hour shift write "
		    "start = 00:00, end = 24:00", ld->label, e->value);
	if (sh->end < sh->start)
		sh->end += DAY_MINUTES;
	return 0;
}

/* ---- staff, min and max: one number, or one for each day --------------------- */

/* Whether a value names days (a letter): then it is read by day. */
static int
names_days(const char *v)
{
	for (; *v != '\0'; v++)
		if ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z'))
			return 1;
	return 0;
}

/* The first day of mask. */
static int
first_day(unsigned mask)
{
	int d = 0;

	while (d < WEEK_DAYS - 1 && !(mask & (1u << d)))
		d++;
	return d;
}

/* A value by day of key k: every day of the shift's days once, none other.
 * day[] gets each of its days' numbers, 0 on the others.  0 or -1. */
static int
by_day_read(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    const struct scn_shift *sh, int day[WEEK_DAYS])
{
	static const char like[] = "mon 4, tue-thu 3, fri 2";
	long v[WEEK_DAYS];
	unsigned given = 0;
	const char *why;
	char dl[64];
	int d, twice;

	if (unit_parse_day_ints(e->value, LONG_MIN, LONG_MAX, v, &given, &twice, &why) != 0) {
		if (twice >= 0)
			return ld_err(ld, e, "'%s' of [%s] gives %s twice; give each of its days "
			    "once, like %s = %s", k->name, ld->label, week_day_key[twice],
			    k->name, like);
		return ld_err(ld, e, "bad value '%s' for '%s' in [%s]: %s", e->value, k->name,
		    ld->label, why);
	}
	unit_format_days(sh->days, dl, sizeof dl);
	if (given & ~sh->days)
		return ld_err(ld, e, "'%s' of [%s] gives a value for %s, which is not one of "
		    "its days (days = %s); give a value for each of its days only", k->name,
		    ld->label, week_day_key[first_day(given & ~sh->days)], dl);
	if (sh->days & ~given)
		return ld_err(ld, e, "'%s' of [%s] gives no value for %s, one of its days "
		    "(days = %s); give a value for each of its days, like %s = %s", k->name,
		    ld->label, week_day_key[first_day(sh->days & ~given)], dl, k->name, like);
	for (d = 0; d < WEEK_DAYS; d++) {
		if (!(given & (1u << d))) {
			day[d] = 0;
			continue;
		}
		if (v[d] < k->lo)
			return ld_err(ld, e, "'%s' of [%s] on %s cannot be negative (%ld)", k->name,
			    ld->label, week_day_key[d], v[d]);
		if (v[d] > k->hi)
			return ld_err(ld, e, "'%s' of [%s] on %s is %ld, above the limit of %s",
			    k->name, ld->label, week_day_key[d], v[d], k->hi_what);
		day[d] = (int)v[d];
	}
	return 0;
}

/* staff, min or max of a shift (k): one whole number for all its days, or one
 * for each of them.  Fills day[] (a number on every day) and the key's bit of
 * per_day.  1 when given, 0 when absent, -1 on error. */
static int
staff_key(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    struct scn_shift *sh, int day[WEEK_DAYS], unsigned bit)
{
	const char *why;
	long x;
	int d;

	sh->per_day &= ~bit;
	if (e == NULL)
		return 0;
	if (names_days(e->value)) {
		if (by_day_read(ld, k, e, sh, day) != 0)
			return -1;
		sh->per_day |= bit;
		return 1;
	}
	if (unit_parse_int(e->value, LONG_MIN, LONG_MAX, &x, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (ld_check_range(ld, e, (double)x, k->lo, 0, k->hi, k->hi_what) != 0)
		return -1;
	for (d = 0; d < WEEK_DAYS; d++)
		day[d] = (int)x;
	return 1;
}

/* The most (most != 0) or the least of day[] over the shift's days. */
static int
day_extreme(const struct scn_shift *sh, const int day[WEEK_DAYS], int most)
{
	int d, v = -1;

	for (d = 0; d < WEEK_DAYS; d++)
		if ((sh->days & (1u << d)) && (v < 0 || (most ? day[d] > v : day[d] < v)))
			v = day[d];
	return v < 0 ? day[0] : v;
}

/* staff: the roster `run` plays; absent: the table's default on every day. */
int
ld_shift_staff(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_shift *sh = base;
	int set = staff_key(ld, k, e, sh, sh->day_staff, SCN_PER_DAY_STAFF), d;

	if (set < 0)
		return -1;
	if (!set)
		for (d = 0; d < WEEK_DAYS; d++)
			sh->day_staff[d] = sh->staff;
	sh->staff = day_extreme(sh, sh->day_staff, 1);
	return 0;
}

/* min: by day, one number for all days must be at least the largest. */
int
ld_shift_min(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_shift *sh = base;
	int set = staff_key(ld, k, e, sh, sh->day_min, SCN_PER_DAY_MIN), d;

	if (set < 0)
		return -1;
	if (!set)
		for (d = 0; d < WEEK_DAYS; d++)
			sh->day_min[d] = sh->min;
	sh->min = day_extreme(sh, sh->day_min, 1);
	return 0;
}

/* max's default on each day: max(2 x staff, staff + 4), at least min; by day
 * when staff or min is and the days' defaults differ. */
static void
default_max(struct scn_shift *sh)
{
	int d, differ = 0, m;

	for (d = 0; d < WEEK_DAYS; d++) {
		m = sh->day_staff[d] * 2 > sh->day_staff[d] + 4 ? sh->day_staff[d] * 2 :
		    sh->day_staff[d] + 4;
		if (m < sh->day_min[d])
			m = sh->day_min[d];
		if (m > SCN_MAX_STAFF)
			m = SCN_MAX_STAFF;
		sh->day_max[d] = m;
	}
	for (d = 0; d < WEEK_DAYS; d++)
		if ((sh->days & (1u << d)) && sh->day_max[d] != day_extreme(sh, sh->day_max, 1))
			differ = 1;
	if (differ && (sh->per_day & (SCN_PER_DAY_STAFF | SCN_PER_DAY_MIN))) {
		sh->per_day |= SCN_PER_DAY_MAX;
		for (d = 0; d < WEEK_DAYS; d++)
			if (!(sh->days & (1u << d)))
				sh->day_max[d] = 0;
		return;
	}
	m = day_extreme(sh, sh->day_max, 1);
	for (d = 0; d < WEEK_DAYS; d++)
		sh->day_max[d] = m;
}

/* Each of the shift's days has min <= staff <= max: the roster `run` plays
 * must be one `optimize` may choose.  Written without days, the messages
 * are those of one number. */
static int
check_bounds(struct ld *ld, const struct scn_shift *sh)
{
	const struct scn_ini_ent *es = ld_get(ld, "staff");
	int d, by_day = (sh->per_day & (SCN_PER_DAY_STAFF | SCN_PER_DAY_MIN |
	    SCN_PER_DAY_MAX)) != 0;

	for (d = 0; d < WEEK_DAYS; d++) {
		int st = sh->day_staff[d], lo = sh->day_min[d], hi = sh->day_max[d];

		if (!(sh->days & (1u << d)))
			continue;
		if (lo > hi && !by_day)
			return ld_err(ld, ld_get(ld, "min"), "'min' (%d) is above 'max' (%d) in "
			    "[%s]", lo, hi, ld->label);
		if (lo > hi)
			return ld_err(ld, ld_get(ld, "min"), "'min' (%d) is above 'max' (%d) on %s "
			    "in [%s]", lo, hi, week_day_key[d], ld->label);
		if ((st < lo || st > hi) && !by_day)
			return ld_err(ld, es != NULL ? es : ld_get(ld, st < lo ? "min" : "max"),
			    "'staff' (%d) of [%s] is outside its bounds min = %d, max = %d; "
			    "change staff or the bounds", st, ld->label, lo, hi);
		if (st < lo || st > hi)
			return ld_err(ld, es != NULL ? es : ld_get(ld, st < lo ? "min" : "max"),
			    "'staff' of [%s] on %s (%d) is outside its bounds on that day, "
			    "min = %d, max = %d; change staff or the bounds", ld->label,
			    week_day_key[d], st, lo, hi);
	}
	return 0;
}

/* max, by default max(2 x staff, staff + 4) but at least min (on each day);
 * then the roster `run` plays must be one `optimize` may choose. */
int
ld_shift_max(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_shift *sh = base;
	int has_max = staff_key(ld, k, e, sh, sh->day_max, SCN_PER_DAY_MAX);

	if (has_max < 0)
		return -1;
	if (!has_max)
		default_max(sh);
	sh->max = day_extreme(sh, sh->day_max, 0);
	return check_bounds(ld, sh);
}

/* by_day = yes: optimize splits the shift into NAME[mon] ..., which must fit
 * a shift's name. */
int
ld_by_day(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e, void *base)
{
	int set = ld_value(ld, k, e, base);

	if (set < 0)
		return -1;
	if (set > 0 && *(const int *)scn_key_at(base, k->off) && ld->sec->type == SEC_SHIFT &&
	    strlen(ld->sec->name) + SCN_PART_SUFFIX >= SCN_MAX_NAME)
		return ld_err(ld, e, "'by_day' of [%s]: its name is too long for the names of "
		    "its days in optimize (%s[mon]); use at most %d characters", ld->label,
		    ld->sec->name, SCN_MAX_NAME - 1 - SCN_PART_SUFFIX);
	return 0;
}

/* break lines of a shift, within its hours. */
int
ld_shift_break(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_shift *sh = base;

	(void)k;
	(void)e;
	return ld_load_breaks(ld, sh->start, sh->end, &sh->nbreaks, sh->breaks);
}

/* Interpret a [shift NAME]. */
int
ld_load_shift(struct ld *ld, struct scn_shift *sh)
{
	return ld_keys(ld, sh);
}
