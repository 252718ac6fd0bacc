/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_rota_int.h — what the rota's text and sheet share: shift codes, a
 * shift's span, and the figures both show.
 */
#ifndef CQ_PRES_ROTA_INT_H
#define CQ_PRES_ROTA_INT_H

#include <stddef.h>

#include "pres.h"

#define PRES_ROTA_CODE 8          /* a shift's code, NUL included */

/* A short code per shift ("D" for rn_day), unique within the problem. */
void pres_rota_codes(const struct rota_problem *p, char (*code)[PRES_ROTA_CODE]);
/* "08:00-16:30", "22:00-06:00+" when it ends the next day. */
void pres_rota_span(const struct rota_shift *sh, char *buf, size_t n);
/* Persons on shift s on day d of the cycle. */
int pres_rota_on(const struct rota_result *r, int s, int d);
/* Contract k's people together: paid hours a week, cost a week. */
double pres_rota_hours(const struct rota_result *r, int k);
double pres_rota_cost(const struct rota_result *r, int k);
/* The roster's hours at their shifts' cost per hour, a week. */
double pres_rota_roster_cost(const struct rota_problem *p);

#endif
