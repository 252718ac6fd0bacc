/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli_rota.h — the rota of a roster, as `clinicq rota` and `optimize --rota`
 * both make it: the problem from the scenario, checked, solved within the
 * --time-limit, its data kept for --write-dat, and the exit status.
 */
#ifndef CQ_CLI_ROTA_H
#define CQ_CLI_ROTA_H

#include "cli.h"
#include "present/pres.h"
#include "scenario/scn_rota.h"

struct cli_rota {
	struct scn_rota in;
	struct rota_result r;
	struct pres_rota pr;      /* in.p and r, for the writers */
};

/* Solve the rota of roster staff (per shift of s; NULL: as written); what
 * says whose roster it is, for the sheet's title.  0 (r.feasible says
 * whether there is one), or -1 with j->err: a contract no rota can follow
 * (exit 2) or a failure. */
int cli_rota_solve(struct cli_job *j, const struct scn *s, const int *staff,
    const char *what, struct cli_rota *cr);
/* --write-dat: the rota's MathProg data (models/rota.mod).  0, or -1 with err. */
int cli_rota_write_dat(const struct cli_rota *cr, const char *path, struct cq_err *err);
/* The exit status: 0, or 3 (no rota) with the reason on stderr. */
int cli_rota_finish(const struct cli_rota *cr, const char *cmd);
void cli_rota_free(struct cli_rota *cr);

#endif
