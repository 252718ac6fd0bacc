/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_rota.h — the rota problem of a scenario's roster: its staffed shifts
 * with their demand by weekday, its contracts (a role with none gets the
 * default: 5 days a week, nothing else), the cycle, the FTE hours.  The one
 * place a scenario becomes the rota layer's plain data (the rota layer
 * knows no scenario).
 */
#ifndef CQ_SCN_ROTA_H
#define CQ_SCN_ROTA_H

#include "err.h"
#include "rota/rota.h"
#include "scn.h"

#define SCN_ROTA_DEFAULT_CONTRACT "default"

/* A problem and the arrays it points into (all owned). */
struct scn_rota {
	struct rota_problem p;
	struct rota_shift *shifts;
	int *scn_shift;           /* the scenario's shift of each rota shift */
	struct rota_contract *contracts;
	unsigned char *may;       /* contract k may work shift i: may[k * nshifts + i] */
	const char **role_names;
	char (*names)[SCN_MAX_NAME]; /* each rota shift's name */
};

/* The problem of covering roster staff (per shift of s; NULL: as written,
 * by weekday) of s, which may be optimize's copy (scn_design).  Shifts with
 * no one on any day are left out.  0, or -1 with err. */
int scn_rota_problem(const struct scn *s, const int *staff, struct scn_rota *in,
    struct cq_err *err);
void scn_rota_free(struct scn_rota *in);

#endif
