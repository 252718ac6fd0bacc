/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_scn.h — the rota problem of a scenario's roster: its staffed shifts
 * with their demand by weekday, its contracts (a role with none gets the
 * default: 5 days a week, nothing else), the cycle, the FTE hours.  The one
 * place the rota layer reads a scenario.
 */
#ifndef CQ_ROTA_SCN_H
#define CQ_ROTA_SCN_H

#include "err.h"
#include "rota.h"
#include "scenario/scn.h"

#define ROTA_DEFAULT_CONTRACT "default"

/* A problem and the arrays it points into (all owned). */
struct rota_input {
	struct rota_problem p;
	struct rota_shift *shifts;
	int *scn_shift;           /* the scenario's shift of each rota shift */
	struct rota_contract *contracts;
	unsigned char *may;       /* contract k may work shift i: may[k * nshifts + i] */
	const char **role_names;
};

/* The problem of covering roster staff (per shift of s; NULL: as written)
 * of s.  Shifts with no one on any day are left out.  0, or -1 with err. */
int rota_scn_problem(const struct scn *s, const int *staff, struct rota_input *in,
    struct cq_err *err);
void rota_scn_free(struct rota_input *in);

#endif
