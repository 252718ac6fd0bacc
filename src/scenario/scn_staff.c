/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_staff.c — interpreting [role NAME] (what a role serves, at what cost)
 * and [shift NAME] (when a role works, how many, within which bounds).
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

/* Interpret a [role NAME]. */
int
ld_load_role(struct ld *ld, struct scn_role *r)
{
	const struct scn_ini_ent *e;
	char *copy, *tok, *rest;
	int c, i, empty, rc = -1;

	if (ld_opt_num(ld, "cost_per_hour", 0, 0, 1e9, NULL, &r->cost_per_hour) < 0 ||
	    ld_opt_bool(ld, "preempt", &r->preempt) < 0)
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
	return 0;
}
