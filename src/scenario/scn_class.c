/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_class.c — interpreting [class NAME] (its 'next' pathway too), and
 * [escalation] and [contact], which say what happens to a class's items.
 */
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"

/* Parse 'next = rn_review 0.3, md_review 0.1' of a class: the classes its items
 * move on to when done, with probabilities summing to at most 1 (the rest are
 * finished).  Whether the routing ever ends is checked once every class is
 * read (scn_route.c). */
static int
class_next(struct ld *ld, const struct scn_ini_ent *e, struct scn_class *c)
{
	char *copy, *item, *rest, *sp;
	const char *why;
	double p, sum = 0;
	int t, i, empty, rc = -1;

	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (rest = copy; (item = ld_next_item(&rest, &empty)) != NULL || empty;) {
		if (empty) {
			ld_err(ld, e, "empty item in 'next' of [%s] (two commas, or one at an "
			    "end); give classes with probabilities, like next = rn_review 0.3, "
			    "md_review 0.1", ld->label);
			goto out;
		}
		sp = item + strcspn(item, " \t");
		if (*sp == '\0') {
			ld_err(ld, e, "give each class in 'next' of [%s] a probability, like "
			    "next = %s 0.3", ld->label, item);
			goto out;
		}
		*sp++ = '\0';
		if (unit_parse_share(sp, &p, &why) != 0) {
			ld_err(ld, e, "bad probability '%s' for class '%s' in 'next' of [%s]: %s",
			    ld_trim(sp), item, ld->label, why);
			goto out;
		}
		if ((t = ld_ref_class(ld, e, item, "'next' names")) < 0)
			goto out;
		for (i = 0; i < c->nnext; i++) {
			if (c->next_class[i] == t) {
				ld_err(ld, e, "class '%s' appears twice in 'next' of [%s]; give it "
				    "once, with the sum of its probabilities", item, ld->label);
				goto out;
			}
		}
		c->next_class[c->nnext] = t;
		c->next_p[c->nnext++] = p;
		sum += p;
	}
	if (c->nnext == 0) {
		ld_bad_value(ld, e, "expected classes with probabilities, like "
		    "next = rn_review 0.3, md_review 0.1");
		goto out;
	}
	if (sum > 1.0 + 1e-6) {
		ld_err(ld, e, "probabilities in 'next' of [%s] sum to %.9g, more than 1; "
		    "what is left below 1 is the share finished here", ld->label, sum);
		goto out;
	}
	c->next_line = e->ov != NULL ? 0 : e->line;
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Interpret a [class NAME]. */
int
ld_load_class(struct ld *ld, struct scn_class *c)
{
	static const char *const modes[] = { "async", "sync", NULL };
	static const char *const froms[] = { "arrival", "origin", NULL };
	const struct scn_ini_ent *e;
	const char *why;
	int mode, from = 0;

	if (ld_need(ld, "mode", "mode = async or mode = sync") == NULL)
		return -1;
	if (ld_opt_choice(ld, "mode", modes, &mode) < 0)
		return -1;
	c->mode = mode == 1 ? SCN_SYNC : SCN_ASYNC;
	if (ld_need(ld, "service", "service = lognormal(6min,4min)") == NULL ||
	    ld_opt_dist(ld, "service", USE_TIME, &c->service) < 0)
		return -1;
	if (ld_opt_dist(ld, "acute", USE_PROB, &c->acute) < 0)
		return -1;
	if ((e = ld_get(ld, "target")) != NULL) {
		if (unit_parse_target(e->value, &c->target_share, &c->target_within, &why) != 0)
			return ld_bad_value(ld, e, why);
		if (!(c->target_share > 0))
			return ld_err(ld, e, "the share of 'target' in [%s] must be above 0%%",
			    ld->label);
		if (!(c->target_within > 0))
			return ld_err(ld, e, "the time of 'target' in [%s] must be positive",
			    ld->label);
		c->has_target = 1;
	}
	if (ld_opt_dur(ld, "safe_window", 0, 0, UNIT_MAX_MINUTES, NULL, &c->safe_window) < 0)
		return -1;
	if ((e = ld_get(ld, "patience")) != NULL && c->mode != SCN_SYNC)
		return ld_err(ld, e, "'patience' in [%s] applies to sync classes only; "
		    "%s is async", ld->label, c->name);
	if (ld_opt_dist(ld, "patience", USE_TIME, &c->patience) < 0)
		return -1;
	if ((e = ld_get(ld, "next")) != NULL && class_next(ld, e, c) != 0)
		return -1;
	if (ld_opt_choice(ld, "measure_from", froms, &from) < 0)
		return -1;
	c->measure_from_origin = from == 1;
	return 0;
}

/* Interpret [escalation]. */
int
ld_load_escalation(struct ld *ld)
{
	static const char *const caps[] = { "static", "dynamic", NULL };
	struct scn_escalation *x = &ld->s->esc;
	const struct scn_ini_ent *e;
	int cap = 0;

	x->enabled = 1;
	x->line = ld->sec->line;
	if (ld_need(ld, "cost_missed_acute", "cost_missed_acute = 5000") == NULL ||
	    ld_opt_num(ld, "cost_missed_acute", 0, 1, 1e12, NULL, &x->cost_missed_acute) < 0)
		return -1;
	if ((e = ld_need(ld, "cost_sync_contact", "cost_sync_contact = 40")) == NULL ||
	    ld_opt_num(ld, "cost_sync_contact", 0, 0, 1e12, NULL, &x->cost_sync_contact) < 0)
		return -1;
	x->threshold = x->cost_sync_contact / x->cost_missed_acute;
	if (x->threshold >= 1)
		return ld_err(ld, e, "the escalation threshold cost_sync_contact / "
		    "cost_missed_acute is %.6g; it must be below 1, or nothing is ever "
		    "escalated", x->threshold);
	if ((e = ld_need(ld, "to_class", "to_class = callback")) == NULL)
		return -1;
	if ((x->to_class = ld_ref_class(ld, e, e->value, "to_class names")) < 0)
		return -1;
	if (ld->s->classes[x->to_class].mode != SCN_SYNC)
		return ld_err(ld, e, "escalation to class '%s', which is not sync; escalate to "
		    "a sync class (a call-back)", e->value);
	if (ld_opt_choice(ld, "capacity", caps, &cap) < 0)
		return -1;
	x->capacity = cap == 1 ? SCN_DYNAMIC : SCN_STATIC;
	if (ld_opt_bool(ld, "screen_at_arrival", &x->screen_at_arrival) < 0 ||
	    ld_opt_share(ld, "screen_sensitivity", &x->screen_sensitivity) < 0)
		return -1;
	return 0;
}

/* Interpret [contact]. */
int
ld_load_contact(struct ld *ld)
{
	struct scn_contact *c = &ld->s->contact;
	const struct scn_ini_ent *e;

	c->enabled = 1;
	c->line = ld->sec->line;
	if (ld_opt_share(ld, "reach", &c->reach) < 0 ||
	    ld_opt_dur(ld, "attempt", 0, 0, 10080, "1w", &c->attempt) < 0 ||
	    ld_opt_dur(ld, "retry_after", 0, 0, 52 * MIN_PER_WEEK, "52w", &c->retry_after) < 0 ||
	    ld_opt_int(ld, "max_attempts", 1, 20, "20", &c->max_attempts) < 0)
		return -1;
	if ((e = ld_get(ld, "follow_up_class")) != NULL) {
		if ((c->follow_up_class = ld_ref_class(ld, e, e->value, "follow_up_class names")) < 0)
			return -1;
		if (ld->s->classes[c->follow_up_class].mode != SCN_ASYNC)
			return ld_err(ld, e, "follow_up_class '%s' of [contact] is sync; a follow-up "
			    "is left for the team, so it needs an async class", e->value);
	}
	return 0;
}
