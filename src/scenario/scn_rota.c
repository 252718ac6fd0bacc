/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scn_rota.c — a scenario's roster as a rota problem (scn_rota.h). */
#include "scn_rota.h"

#include <stdlib.h>
#include <string.h>

/* The staffed shifts, in the scenario's order, each by weekday; in
 * optimize's copy the parts of a shift split by day (NAME[mon] ...) are one
 * rota shift under the shift's own name, as a manager reads the roster. */
static int
add_shifts(const struct scn *s, const int *staff, struct scn_rota *in)
{
	int i, d, n = 0, any;

	for (i = 0; i < s->nshifts; i++) {
		struct rota_shift *rs = &in->shifts[n];
		const struct scn_shift *sh = &s->shifts[i];
		struct scn_rshift r;

		if (!scn_rshift_at(s, staff, i, &r))
			continue;
		for (d = 0, any = 0; d < WEEK_DAYS; d++)
			any |= (rs->demand[d] = r.staff[d]) > 0;
		if (!any)
			continue;
		memcpy(in->names[n], r.name, sizeof in->names[n]);
		rs->name = in->names[n];
		rs->role = sh->role;
		rs->start = sh->start;
		rs->end = sh->end;
		rs->days = r.days;
		rs->cost_per_hour = sh->cost_per_hour;
		in->scn_shift[n++] = i;
	}
	return n;
}

static void
put_contract(const struct scn *s, struct scn_rota *in, int k, const struct scn_contract *c)
{
	struct rota_contract *rc = &in->contracts[k];
	unsigned char *may = in->may + (size_t)k * (size_t)in->p.nshifts;
	int i;

	rc->name = c->name;
	rc->role = c->role;
	rc->days_per_week = c->days_per_week;
	rc->hours_per_week = c->hours_per_week;
	rc->days_off_together = c->days_off_together;
	rc->max_consecutive_days = c->max_consecutive_days;
	rc->min_rest = (int)(c->min_rest + 0.5);
	rc->weekends_off = c->weekends_off;
	rc->weekends_in = c->weekends_in;
	rc->same_shift = c->same_shift;
	rc->cost_per_week = c->has_cost_per_week ? c->cost_per_week : -1;
	rc->min_people = c->min_people;
	rc->max_people = c->has_max_people ? c->max_people : -1;
	for (i = 0; i < in->p.nshifts; i++)
		may[i] = (unsigned char)scn_contract_may(s, c, in->scn_shift[i]);
	rc->may = may;
}

/* The roles that have staffed shifts but no contract get the default one. */
static int
add_contracts(const struct scn *s, struct scn_rota *in)
{
	struct scn_contract def;
	int k = 0, r, i, has;

	for (i = 0; i < s->ncontracts; i++)
		put_contract(s, in, k++, &s->contracts[i]);
	for (r = 0; r < s->nroles; r++) {
		for (i = 0, has = 0; i < s->ncontracts; i++)
			has |= s->contracts[i].role == r;
		for (i = 0; i < in->p.nshifts && !has; i++)
			if (in->shifts[i].role == r) {
				memset(&def, 0, sizeof def);
				snprintf(def.name, sizeof def.name, "%s", SCN_ROTA_DEFAULT_CONTRACT);
				def.role = r;
				def.days_per_week = 5;
				put_contract(s, in, k, &def);
				in->contracts[k++].name = SCN_ROTA_DEFAULT_CONTRACT;
				has = 1;
			}
	}
	return k;
}

int
scn_rota_problem(const struct scn *s, const int *staff, struct scn_rota *in,
    struct cq_err *err)
{
	int ncon = s->ncontracts + s->nroles, i;

	memset(in, 0, sizeof *in);
	in->shifts = calloc((size_t)(s->nshifts > 0 ? s->nshifts : 1), sizeof *in->shifts);
	in->scn_shift = calloc((size_t)(s->nshifts > 0 ? s->nshifts : 1), sizeof *in->scn_shift);
	in->contracts = calloc((size_t)ncon, sizeof *in->contracts);
	in->may = calloc((size_t)ncon * (size_t)(s->nshifts > 0 ? s->nshifts : 1), 1);
	in->role_names = calloc((size_t)(s->nroles > 0 ? s->nroles : 1), sizeof *in->role_names);
	in->names = calloc((size_t)(s->nshifts > 0 ? s->nshifts : 1), sizeof *in->names);
	if (in->names == NULL || in->shifts == NULL || in->scn_shift == NULL || in->contracts == NULL ||
	    in->may == NULL || in->role_names == NULL) {
		scn_rota_free(in);
		return cq_err_set(err, CQ_EXIT_FAIL, s->file, 0, "out of memory");
	}
	for (i = 0; i < s->nroles; i++)
		in->role_names[i] = s->roles[i].name;
	in->p.nroles = s->nroles;
	in->p.role_names = in->role_names;
	in->p.nshifts = add_shifts(s, staff, in);
	in->p.shifts = in->shifts;
	in->p.ncontracts = add_contracts(s, in);
	in->p.contracts = in->contracts;
	in->p.cycle_weeks = scn_cycle_weeks(s);
	in->p.fte_hours = s->fte_hours;
	return 0;
}

void
scn_rota_free(struct scn_rota *in)
{
	free(in->shifts);
	free(in->scn_shift);
	free(in->contracts);
	free(in->may);
	free(in->role_names);
	free(in->names);
	memset(in, 0, sizeof *in);
}
