/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_staff.c — interpreting [role NAME] (what a role serves, at what cost)
 * and [shift NAME] (when a role works, how many, within which bounds), with
 * their absence and the shift's breaks (ld_load_absence, ld_load_breaks: a
 * section that expands into shifts calls them too).
 */
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"

/* Optional clock time HH:MM. */
static int
opt_clock(struct ld *ld, const char *key, int *out)
{
	const struct scn_ini_ent *e = ld_get(ld, key);
	const char *why;

	if (e == NULL)
		return 0;
	if (unit_parse_clock(e->value, out, &why) != 0)
		return ld_bad_value(ld, e, why);
	return 1;
}

/* Optional `absence = P` (a share below 1) into *out: 1 if set, 0 if not,
 * -1 on error. */
int
ld_load_absence(struct ld *ld, double *out)
{
	int set = ld_opt_share(ld, "absence", out);

	if (set > 0 && *out >= 1.0)
		return ld_err(ld, ld_get(ld, "absence"), "'absence' in [%s] must be below "
		    "100%%: nobody would ever be on duty; give the share of person-shifts "
		    "missed, like absence = 6%%", ld->label);
	return set;
}

/* One `break = D within HH:MM-HH:MM` of a shift from `start` to `end`
 * (minutes after midnight of its start day; end past 1440 past midnight). */
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
	if (!(b->length > 0))
		return ld_err(ld, e, "a break in [%s] must last more than 0 minutes (%s)",
		    ld->label, e->value);
	/* A window before the start lies in the shift's second day. */
	if (b->from < start) {
		b->from += 1440;
		b->to += 1440;
	}
	if (b->to <= b->from)
		b->to += 1440;
	if (b->to > end || b->from >= end)
		return ld_err(ld, e, "the break window %s in [%s] is not inside the shift "
		    "(%02d:%02d-%02d:%02d); give a window within the shift's hours",
		    strstr(e->value, " within ") + strlen(" within "), ld->label, start / 60, start % 60, end % 1440 / 60 +
		    (end == 1440 ? 24 : 0), end % 60);
	if (b->length > b->to - b->from)
		return ld_err(ld, e, "a break of %s in [%s] does not fit in its window; "
		    "make the window at least as long as the break", buf, ld->label);
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
		if (break_line(ld, e, start, end, &out[n]) != 0)
			return -1;
		n++;
	}
	qsort(out, (size_t)n, sizeof *out, break_cmp);
	*nbreaks = n;
	return 0;
}

/* Interpret a [role NAME]. */
int
ld_load_role(struct ld *ld, struct scn_role *r)
{
	const struct scn_ini_ent *e;
	char *copy, *tok, *rest;
	int c, i, empty, rc = -1;

	if (ld_opt_num(ld, "cost_per_hour", 0, 0, 1e9, NULL, &r->cost_per_hour) < 0 ||
	    ld_opt_bool(ld, "preempt", &r->preempt) < 0 || ld_load_absence(ld, &r->absence) < 0)
		return -1;
	if ((e = ld_need(ld, "serves", "serves = bp_alert, callback (highest priority first)"))
	    == NULL)
		return -1;
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

/* Interpret a [shift NAME]. */
int
ld_load_shift(struct ld *ld, struct scn_shift *sh)
{
	const struct scn_ini_ent *e, *ee;
	struct scn_suggest sg;
	const char *why;
	int i, has_max = 0, r;

	if ((e = ld_need(ld, "role", "role = rn")) == NULL)
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
	if ((e = ld_get(ld, "days")) != NULL && unit_parse_days(e->value, &sh->days, &why) != 0)
		return ld_bad_value(ld, e, why);
	if ((e = ld_need(ld, "start", "start = 08:00")) == NULL || opt_clock(ld, "start", &sh->start) < 0)
		return -1;
	if (sh->start == 1440)
		return ld_err(ld, e, "'start' in [%s] must be before 24:00; write 00:00 and "
		    "shift the days", ld->label);
	if ((ee = ld_need(ld, "end", "end = 16:30")) == NULL ||
	    opt_clock(ld, "end", &sh->end) < 0)
		return -1;
	if (sh->end == sh->start)
		return ld_err(ld, ee, "[%s] ends when it starts (%s); for a 24-hour shift write "
		    "start = 00:00, end = 24:00", ld->label, ee->value);
	/* An end before the start runs past midnight into the next day. */
	if (sh->end < sh->start)
		sh->end += 1440;
	sh->staff = 1;
	if (ld_opt_int(ld, "staff", 0, SCN_MAX_STAFF, "10000 (SCN_MAX_STAFF)", &sh->staff) < 0 ||
	    ld_opt_int(ld, "min", 0, SCN_MAX_STAFF, "10000 (SCN_MAX_STAFF)", &sh->min) < 0 ||
	    (has_max = ld_opt_int(ld, "max", 0, SCN_MAX_STAFF, "10000 (SCN_MAX_STAFF)", &sh->max)) < 0)
		return -1;
	if (!has_max) {
		sh->max = sh->staff * 2 > sh->staff + 4 ? sh->staff * 2 : sh->staff + 4;
		if (sh->max < sh->min)
			sh->max = sh->min;
		if (sh->max > SCN_MAX_STAFF)
			sh->max = SCN_MAX_STAFF;
	}
	if (sh->min > sh->max)
		return ld_err(ld, ld_get(ld, "min"), "'min' (%d) is above 'max' (%d) in [%s]",
		    sh->min, sh->max, ld->label);
	/* The roster `run` plays must be one `optimize` may choose. */
	if (sh->staff < sh->min || sh->staff > sh->max)
		return ld_err(ld, ld_get(ld, "staff") != NULL ? ld_get(ld, "staff") :
		    ld_get(ld, sh->staff < sh->min ? "min" : "max"), "'staff' (%d) of [%s] is "
		    "outside its bounds min = %d, max = %d; change staff or the bounds",
		    sh->staff, ld->label, sh->min, sh->max);
	if (ld_opt_bool(ld, "skip_holidays", &sh->skip_holidays) < 0 ||
	    ld_opt_bool(ld, "on_call", &sh->on_call) < 0 ||
	    ld_opt_num(ld, "cost_per_hour", 0, 0, 1e9, NULL, &sh->cost_per_hour) < 0)
		return -1;
	sh->absence = ld->s->roles[r].absence;
	if ((sh->own_absence = ld_load_absence(ld, &sh->absence)) < 0)
		return -1;
	return ld_load_breaks(ld, sh->start, sh->end, &sh->nbreaks, sh->breaks);
}
