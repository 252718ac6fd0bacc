/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_contract.c — people: [contract NAME] sections and the [scenario] keys of
 * the rota (cycle_weeks, fte_hours, currency).  A contract's keys are read
 * by the key table; here are those of a syntax of their own, and the checks
 * that refuse a contract no person could work whatever the roster (SPEC 5.4:
 * days_per_week outside 1..7, weekends_off = 3 in 2, a min_rest that no pair
 * of its shifts on consecutive days allows, contradictory bounds).  Whether
 * a roster can be covered is the rota's question (src/rota/), not the
 * loader's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"
#include "week.h"

/* currency = EUR: shown with every cost. */
int
ld_scenario_currency(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn *s = base;
	const char *v;

	(void)k;
	if (e == NULL)
		return 0;
	v = e->value;
	if (*v == '\0' || strlen(v) >= sizeof s->currency)
		return ld_err(ld, e, "'currency' in [%s] must be 1 to %d bytes, like currency = "
		    "EUR", ld->label, (int)sizeof s->currency - 1);
	if (strpbrk(v, ";=[]") != NULL)
		return ld_err(ld, e, "'currency' in [%s] cannot hold ';', '=', '[' or ']'; "
		    "write it like currency = EUR", ld->label);
	memcpy(s->currency, v, strlen(v) + 1);
	return 0;
}

void
pr_scenario_currency(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	(void)k;
	(void)base;
	if (s->currency[0] != '\0')
		fprintf(f, "currency = %s\n", s->currency);
}

/* cycle_weeks, or (with contracts) what it defaults to, as a comment. */
void
pr_scenario_cycle_weeks(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	(void)k;
	(void)base;
	if (s->cycle_weeks > 0)
		fprintf(f, "cycle_weeks = %d\n", s->cycle_weeks);
	else if (s->ncontracts > 0)
		fprintf(f, "; cycle_weeks: %d, the least the contracts' weekends_off need\n",
		    scn_cycle_weeks(s));
}

/* fte_hours: with contracts, or when not the default. */
void
pr_scenario_people(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	char buf[64];

	(void)base;
	if (s->ncontracts == 0 && s->fte_hours == k->def)
		return;
	unit_format_number(s->fte_hours, buf, sizeof buf);
	fprintf(f, "fte_hours = %s\n", buf);
}

static long
gcd(long a, long b)
{
	while (b != 0) {
		long t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* The least common multiple of the contracts' weekends_in (1 without); *at
 * (when not NULL) the first contract that takes it over the cycle's limit. */
static long
weekends_lcm(const struct scn *s, int *at)
{
	long l = 1;
	int i;

	for (i = 0; i < s->ncontracts && l <= 1000; i++)
		if (s->contracts[i].weekends_in > 0) {
			l = l / gcd(l, s->contracts[i].weekends_in) * s->contracts[i].weekends_in;
			if (at != NULL && *at < 0 && l > SCN_MAX_CYCLE_WEEKS)
				*at = i;
		}
	return l;
}

int
scn_cycle_weeks(const struct scn *s)
{
	long l;

	if (s->cycle_weeks > 0)
		return s->cycle_weeks;
	l = weekends_lcm(s, NULL);
	return l > SCN_MAX_CYCLE_WEEKS ? SCN_MAX_CYCLE_WEEKS : (int)l;
}

int
ld_contract_role(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_contract *c = base;

	(void)k;
	return (c->role = ld_ref_role(ld, e)) < 0 ? -1 : 0;
}

/* weekends_off = K in N: whole numbers, 1 <= K <= N <= 12. */
int
ld_contract_weekends_off(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_contract *c = base;
	const char *why;
	char *copy, *in;
	long kk, nn;
	int rc = 0;

	(void)k;
	if (e == NULL)
		return 0;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, e->line, "out of memory");
	if ((in = strstr(copy, " in ")) == NULL) {
		rc = ld_err(ld, e, "bad 'weekends_off' in [%s]: write K in N, like weekends_off "
		    "= 1 in 2 (at least 1 weekend off in every 2 weeks)", ld->label);
		goto out;
	}
	*in = '\0';
	if (unit_parse_int(ld_trim(copy), 1, 7 * SCN_MAX_CYCLE_WEEKS, &kk, &why) != 0 ||
	    unit_parse_int(ld_trim(in + 4), 1, SCN_MAX_CYCLE_WEEKS, &nn, &why) != 0) {
		rc = ld_err(ld, e, "bad 'weekends_off' in [%s]: %s; write K in N with whole "
		    "numbers, N at most %d, like weekends_off = 1 in 2", ld->label, why,
		    SCN_MAX_CYCLE_WEEKS);
		goto out;
	}
	if (kk > nn) {
		rc = ld_err(ld, e, "'weekends_off = %ld in %ld' in [%s] asks for more weekends "
		    "off than there are weeks; K must be at most N, like weekends_off = 1 in 2",
		    kk, nn, ld->label);
		goto out;
	}
	c->weekends_off = (int)kk;
	c->weekends_in = (int)nn;
out:
	free(copy);
	return rc;
}

void
pr_contract_weekends_off(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_contract *c = base;

	(void)s;
	(void)k;
	if (c->weekends_in > 0)
		fprintf(f, "weekends_off = %d in %d\n", c->weekends_off, c->weekends_in);
}

/* The shift or template named name: 0 with *shift or *tmpl set (the other
 * -1), or -1 when there is none. */
static int
find_shift(const struct scn *s, const char *name, int *shift, int *tmpl)
{
	int i;

	*shift = *tmpl = -1;
	for (i = 0; i < s->nshifts; i++)
		if (s->shifts[i].tmpl == 0 && strcmp(s->shifts[i].name, name) == 0)
			return *shift = i, 0;
	for (i = 0; i < s->ntemplates; i++)
		if (strcmp(s->templates[i].name, name) == 0)
			return *tmpl = i, 0;
	return -1;
}

/* One name of `shifts`: a shift or a template of the contract's role. */
static int
allow_shift(struct ld *ld, const struct scn_ini_ent *e, struct scn_contract *c,
    const char *name)
{
	const struct scn *s = ld->s;
	struct scn_suggest sg;
	const char *near;
	int sh, tm, role, i;

	if (find_shift(s, name, &sh, &tm) != 0) {
		scn_suggest_init(&sg, name);
		for (i = 0; i < s->nshifts; i++)
			scn_suggest_add(&sg, s->shifts[i].name);
		for (i = 0; i < s->ntemplates; i++)
			scn_suggest_add(&sg, s->templates[i].name);
		near = scn_suggest_best(&sg);
		return ld_err(ld, e, "'shifts' in [%s] names '%s', which is no [shift] or "
		    "[shift_template]%s%s%s", ld->label, name, near ? "; did you mean '" : "",
		    near ? near : "", near ? "'?" : "");
	}
	role = sh >= 0 ? s->shifts[sh].role : s->templates[tm].role;
	if (role != c->role)
		return ld_err(ld, e, "'shifts' in [%s] names %s, a shift of role %s; a contract "
		    "of role %s may only work that role's shifts", ld->label, name,
		    s->roles[role].name, s->roles[c->role].name);
	if (sh >= 0)
		c->may_shift[sh] = 1;
	else
		c->may_tmpl[tm] = 1;
	return 0;
}

/* shifts = rn_day, rn_eve: the shifts (or templates' candidates) it may work. */
int
ld_contract_shifts(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_contract *c = base;
	char *copy, *rest, *tok;
	int empty, rc = 0;

	(void)k;
	if (e == NULL)
		return 0;
	if ((copy = strdup(e->value)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, e->line, "out of memory");
	c->has_shifts = 1;
	for (rest = copy; rc == 0 && ((tok = ld_next_item(&rest, &empty)) != NULL || empty);) {
		if (empty) {
			rc = ld_err(ld, e, "empty item in 'shifts' of [%s]; write shift names "
			    "separated by commas, like shifts = rn_day, rn_eve", ld->label);
			break;
		}
		rc = allow_shift(ld, e, c, tok);
	}
	free(copy);
	return rc;
}

void
pr_contract_shifts(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_contract *c = base;
	const char *sep = "";
	int i;

	(void)k;
	if (!c->has_shifts)
		return;
	fputs("shifts = ", f);
	for (i = 0; i < s->nshifts; i++)
		if (s->shifts[i].tmpl == 0 && c->may_shift[i]) {
			fprintf(f, "%s%s", sep, s->shifts[i].name);
			sep = ", ";
		}
	for (i = 0; i < s->ntemplates; i++)
		if (c->may_tmpl[i]) {
			fprintf(f, "%s%s", sep, s->templates[i].name);
			sep = ", ";
		}
	fputc('\n', f);
}

int
scn_contract_may(const struct scn *s, const struct scn_contract *c, int shift)
{
	const struct scn_shift *sh = &s->shifts[shift];

	if (sh->role != c->role)
		return 0;
	if (!c->has_shifts)
		return 1;
	/* The contract names written shifts and templates: in optimize's copy,
	 * the ones this shift comes from. */
	if (sh->tmpl > 0) {
		const struct scn_tmpl *t = &s->templates[sh->tmpl - 1];

		return c->may_tmpl[t->written > 0 ? t->written - 1 : sh->tmpl - 1];
	}
	return c->may_shift[sh->written > 0 ? sh->written - 1 : shift];
}

/* The span of the shifts a contract may work: the earliest start, the latest
 * start, the earliest end and the shortest length (minutes); 0, or -1 when
 * it may work none. */
struct span { int first_start, last_start, first_end, shortest; };

static void
span_add(struct span *sp, int start, int end)
{
	if (start < sp->first_start)
		sp->first_start = start;
	if (start > sp->last_start)
		sp->last_start = start;
	if (end < sp->first_end)
		sp->first_end = end;
	if (end - start < sp->shortest)
		sp->shortest = end - start;
}

static int
contract_span(const struct scn *s, const struct scn_contract *c, struct span *sp)
{
	int i, j, any = 0;

	sp->first_start = sp->first_end = sp->shortest = 1 << 30;
	sp->last_start = -1;
	for (i = 0; i < s->nshifts; i++)
		if (s->shifts[i].tmpl == 0 && scn_contract_may(s, c, i)) {
			span_add(sp, s->shifts[i].start, s->shifts[i].end);
			any = 1;
		}
	for (i = 0; i < s->ntemplates; i++) {
		const struct scn_tmpl *t = &s->templates[i];

		if (t->role != c->role || (c->has_shifts && !c->may_tmpl[i]))
			continue;
		for (j = 0; j < t->nstarts; j++)
			span_add(sp, t->starts[j], t->starts[j] + t->lengths[0]);
		any = 1;
	}
	return any ? 0 : -1;
}

/* The rules that no person could follow, whatever the roster. */
static int
check_rules(struct ld *ld, const struct scn_contract *c)
{
	struct span sp;
	char b1[32], b2[32];

	if (c->weekends_in > 0 && c->days_per_week > 5)
		return ld_err(ld, ld_get(ld, "weekends_off"), "[%s] works %d days every week, "
		    "so no weekend is ever off, but asks for weekends_off = %d in %d; lower "
		    "days_per_week to 5 or drop weekends_off", ld->label, c->days_per_week,
		    c->weekends_off, c->weekends_in);
	if (c->days_per_week == 7 && c->max_consecutive_days > 0)
		return ld_err(ld, ld_get(ld, "max_consecutive_days"), "[%s] works 7 days every "
		    "week, every day in a row, but max_consecutive_days is %d; lower "
		    "days_per_week or drop max_consecutive_days", ld->label,
		    c->max_consecutive_days);
	if (contract_span(ld->s, c, &sp) != 0)
		return 0;         /* no shift to work: the rota says so if it matters */
	if (c->hours_per_week > 0 &&
	    c->days_per_week * sp.shortest > c->hours_per_week * 60 + 1e-9) {
		unit_format_readable(sp.shortest, b1, sizeof b1);
		return ld_err(ld, ld_get(ld, "hours_per_week"), "[%s] works %d days a week of "
		    "at least %s each, over its hours_per_week = %g; raise hours_per_week, "
		    "lower days_per_week or allow shorter shifts", ld->label,
		    c->days_per_week, b1, c->hours_per_week);
	}
	/* Four working days in a week of seven always include two in a row. */
	if (c->min_rest > 0 && c->days_per_week >= 4 &&
	    DAY_MINUTES + sp.last_start - sp.first_end < c->min_rest) {
		unit_format_readable(c->min_rest, b1, sizeof b1);
		unit_format_readable(DAY_MINUTES + sp.last_start - sp.first_end, b2, sizeof b2);
		return ld_err(ld, ld_get(ld, "min_rest"), "min_rest = %s of [%s] is longer than "
		    "any pair of its shifts on consecutive days allows (%s at most), and %d days "
		    "a week always include two in a row; shorten min_rest or allow a later or "
		    "shorter shift", b1, ld->label, b2, c->days_per_week);
	}
	return 0;
}

int
ld_load_contract(struct ld *ld, struct scn_contract *c)
{
	if (ld_keys(ld, c) != 0)
		return -1;
	if (c->has_max_people && c->min_people > c->max_people)
		return ld_err(ld, ld_get(ld, "min_people"), "'min_people' (%d) is above "
		    "'max_people' (%d) in [%s]", c->min_people, c->max_people, ld->label);
	return check_rules(ld, c);
}

/* After every contract: the cycle their weekends_off need must fit. */
int
ld_check_people(struct ld *ld)
{
	const struct scn *s = ld->s;
	int at = -1;
	long l;

	if (s->cycle_weeks > 0 || s->ncontracts == 0 ||
	    (l = weekends_lcm(s, &at)) <= SCN_MAX_CYCLE_WEEKS || at < 0)
		return 0;
	return cq_err_set(ld->err, CQ_EXIT_USAGE, ld->doc->file, s->contracts[at].line,
	    "with weekends_off = %d in %d of [contract %s], the contracts' weekends_off "
	    "need a rota cycle of %ld weeks (every N of theirs divides it), over the limit "
	    "of %d; set [scenario] cycle_weeks (the rules then wrap around it) or use N that "
	    "share a multiple", s->contracts[at].weekends_off, s->contracts[at].weekends_in,
	    s->contracts[at].name, l, SCN_MAX_CYCLE_WEEKS);
}
