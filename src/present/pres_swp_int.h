/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_swp_int.h — what the sweep's two sheets share: the Sweep sheet's
 * columns for people (readable headers under a group header, in the order
 * shown) and where they are, so that the Sweep charts sheet can chart them.
 */
#ifndef CQ_PRES_SWP_INT_H
#define CQ_PRES_SWP_INT_H

#include "pres_int.h"
#include "report/rpt_xlsx.h"

/* A column of the Sweep sheet: a key column and its header for people. */
struct swp_dcol {
	const struct col *c;
	int group;                    /* index of its group header */
	char label[SCN_MAX_NAME + 48];
};

struct swp_layout {
	const struct swp *w;
	struct swp_dcol *d;           /* in the order shown */
	int nd;
	char (*groups)[SCN_MAX_NAME + 48]; /* the group headers ("class routine", ...) */
	int ngroups;
	int head, first;              /* 0-based rows: column headers, the first point */
	int col0;                     /* sheet column of d[0]: after Point and the varied */
};

/* The sheet column of the key column kind/name/measure (what: mean, low, ...),
 * or -1 when the sweep has none. */
int pres_swp_sheet_col(const struct swp_layout *l, const char *kind, const char *name,
    const char *measure, enum col_what what);
/* A varied key for people: "stream.portal.per_week" as "stream portal per week". */
void pres_swp_key_label(const char *key, char *buf, size_t n);
/* Add the Sweep charts sheet (extra sheet callback; arg: the layout). */
int pres_swp_charts(struct rpt_xlsx *x, void *arg, struct cq_err *err);

#endif
