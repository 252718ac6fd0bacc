/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_class.c — interpreting [class NAME] (its 'next' pathway too), and
 * [escalation] and [contact], which say what happens to a class's items.
 */
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"
#include "week.h"

/* Parse 'next = rn_review 0.3, md_review 0.1' of a class: the classes its items
 * move on to when done, with probabilities summing to at most 1 (the rest are
 * finished).  Whether the routing ever ends is checked once every class is
 * read (scn_route.c). */
int
ld_class_next(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_class *c = base;
	char *copy, *item, *rest, *sp;
	const char *why;
	double p, sum = 0;
	int t, i, empty, rc = -1;

	(void)k;
	if (e == NULL)
		return 0;
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

/* target = 90% <= 48h: a share above 0 within a positive time. */
int
ld_class_target(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_class *c = base;
	const char *why;

	(void)k;
	if (e == NULL)
		return 0;
	if (unit_parse_target(e->value, &c->target_share, &c->target_within, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (!(c->target_share > 0))
		return ld_err(ld, e, "the share of 'target' in [%s] must be above 0%%", ld->label);
	if (!(c->target_within > 0))
		return ld_err(ld, e, "the time of 'target' in [%s] must be positive", ld->label);
	c->has_target = 1;
	return 0;
}

/* patience: a time distribution, of sync classes only (said before its value
 * is read). */
int
ld_class_patience(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_class *c = base;

	if (e != NULL && c->mode != SCN_SYNC)
		return ld_err(ld, e, "'patience' in [%s] applies to sync classes only; "
		    "%s is async", ld->label, c->name);
	return ld_value(ld, k, e, base) < 0 ? -1 : 0;
}

/* service_by_hour = PATTERN: the factor of a service that starts in each hour
 * of week.  An hour the pattern names takes its weight, any other keeps the
 * service as drawn (1): a stream's unnamed hour has no arrivals, but a
 * service is not free there.  A named weight of 0 is refused, for the same
 * reason: work that takes no time is no model of a clinic (and the engine
 * would count an item served by nobody's time). */
int
ld_class_service_by_hour(struct ld *ld, const struct scn_key *k,
    const struct scn_ini_ent *e, void *base)
{
	struct scn_class *c = base;
	const struct scn_pattern *p;
	int h, i;

	(void)k;
	for (h = 0; h < WEEK_HOURS; h++)
		c->service_w[h] = 1.0;
	if (e == NULL)
		return 0;
	if ((i = ld_ref_pattern(ld, e)) < 0)
		return -1;
	p = &ld->s->patterns[i];
	for (h = 0; h < WEEK_HOURS; h++) {
		if (!p->named[h])
			continue;
		if (!(p->weight[h] > 0))
			return ld_err(ld, e, "service_by_hour of [%s] names [pattern %s] (line "
			    "%d), which weighs 0 on %s %02d:00-%02d:00; a service factor must be "
			    "above 0 (an hour the pattern does not name keeps the service as "
			    "drawn)", ld->label, p->name, p->line, week_day_key[h / 24], h % 24,
			    h % 24 + 1);
		c->service_w[h] = p->weight[h];
	}
	c->service_by_hour = i;
	return 0;
}

/* Interpret a [class NAME]. */
int
ld_load_class(struct ld *ld, struct scn_class *c)
{
	return ld_keys(ld, c);
}

/* cost_sync_contact, and the escalation threshold it makes with
 * cost_missed_acute (read before it), which must be below 1. */
int
ld_esc_cost_sync(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_escalation *x = base;

	if (ld_value(ld, k, e, base) < 0)
		return -1;
	x->threshold = x->cost_sync_contact / x->cost_missed_acute;
	if (x->threshold >= 1)
		return ld_err(ld, e, "the escalation threshold cost_sync_contact / "
		    "cost_missed_acute is %.6g; it must be below 1, or nothing is ever "
		    "escalated", x->threshold);
	return 0;
}

/* to_class: the sync class of the call-back. */
int
ld_esc_to_class(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_escalation *x = base;

	(void)k;
	if ((x->to_class = ld_ref_class(ld, e, e->value, "to_class names")) < 0)
		return -1;
	if (ld->s->classes[x->to_class].mode != SCN_SYNC)
		return ld_err(ld, e, "escalation to class '%s', which is not sync; escalate to "
		    "a sync class (a call-back)", e->value);
	return 0;
}

/* Interpret [escalation]. */
int
ld_load_escalation(struct ld *ld)
{
	ld->s->esc.enabled = 1;
	ld->s->esc.line = ld->sec->line;
	return ld_keys(ld, &ld->s->esc);
}

/* follow_up_class: the async class left for the team after an unreached contact. */
int
ld_contact_follow_up(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_contact *c = base;

	(void)k;
	if (e == NULL)
		return 0;
	if ((c->follow_up_class = ld_ref_class(ld, e, e->value, "follow_up_class names")) < 0)
		return -1;
	if (ld->s->classes[c->follow_up_class].mode != SCN_ASYNC)
		return ld_err(ld, e, "follow_up_class '%s' of [contact] is sync; a follow-up "
		    "is left for the team, so it needs an async class", e->value);
	return 0;
}

/* Interpret [contact]. */
int
ld_load_contact(struct ld *ld)
{
	ld->s->contact.enabled = 1;
	ld->s->contact.line = ld->sec->line;
	return ld_keys(ld, &ld->s->contact);
}
