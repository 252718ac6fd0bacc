/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * swp_db.h — sweep results in SQLite (--db FILE.sqlite), committed point by
 * point so that a crash or kill -9 loses at most the points in flight, and
 * --resume recomputes only the missing ones.  The schema is in doc/sweep.md.
 *
 * This file is the one output clinicq updates in place (it must survive a
 * crash); the others are written to a temporary name and renamed.
 */
#ifndef CQ_SWP_DB_H
#define CQ_SWP_DB_H

#include "swp.h"

struct swp_db;

/* Open (or create) path for the sweep w.  Without resume an existing file is
 * refused; with resume the file's scenario hash, seed and number of points must
 * match w (else CQ_EXIT_USAGE).  Returns NULL with err. */
struct swp_db *swp_db_open(const char *path, int resume, const struct swp *w,
    struct cq_err *err);
/* Load the points the file holds into w->res; *ndone gets their number. */
int swp_db_load(struct swp_db *d, struct swp *w, int *ndone, struct cq_err *err);
/* Commit point p (w->res[p]) in its own transaction. */
int swp_db_commit(struct swp_db *d, const struct swp *w, int p, struct cq_err *err);
/* Close; accepts NULL. */
void swp_db_close(struct swp_db *d);

#endif
