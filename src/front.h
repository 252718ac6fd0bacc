/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * front.h — the two programs: clinicq, the front end, and clinicq-full.
 *
 * Loading a shared library costs start-up time on every run, whether or not the
 * run uses it: libxlsxwriter brings OpenSSL's libcrypto, Open MPI brings hwloc,
 * libevent and PMIx, and together they took ~4 ms of dynamic linking, more than
 * 6% of a two-year M/M/8 run (doc/performance.md).  So clinicq is linked with
 * only what run, check and erlang need (inih, GSL) and hands everything else to
 * clinicq-full, the same program with every library, by exec (same process,
 * same arguments, same exit status): optimize, sweep, --version, and run -o.
 */
#ifndef CQ_FRONT_H
#define CQ_FRONT_H

#include "err.h"
#include "meas.h"

/* The workbook writer of run -o: rpt_xlsx in clinicq-full, NULL in clinicq. */
extern int (*front_xlsx)(const struct meas *m, const char *path, struct cq_err *err);

/* Replace this process by clinicq-full running the same subcommand: argv[0] is
 * the subcommand's name (or an option such as --version), as cmd_* receive it.
 * Returns only on failure, with err set (the program could not be found or
 * started). */
int front_exec_full(int argc, char **argv, struct cq_err *err);

#endif
