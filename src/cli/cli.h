/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h — the command line: subcommands and the options they share (doc/clinicq.1).
 *
 * Each subcommand is `int cmd_NAME(int argc, char **argv)` with argv[0] the
 * subcommand's name; it returns an exit status (enum cq_exit) and never exits.
 */
#ifndef CQ_CLI_H
#define CQ_CLI_H

#include <stdint.h>

#include "scenario/scn.h"

struct cli_opts {
	const char *scenario;     /* the positional SCENARIO.ini */
	/* --set, then -r and --seed as scenario.replications / scenario.seed
	 * (last, so they win): overrides like any other, validated the same way. */
	struct scn_override ov[SCN_MAX_OVERRIDES + 2];
	int nov;
	char rbuf[64], sbuf[64];  /* the text of the -r and --seed overrides */
	int replications;         /* -r; 0 = the scenario's */
	int has_seed;
	uint64_t seed;            /* --seed */
	int jobs;                 /* -j; 1 by default */
	int json;                 /* --json */
	const char *csv_dir;      /* --csv DIR */
	const char *xlsx;         /* -o FILE.xlsx */
	int quiet;                /* --quiet */
	const char *write_dat;    /* optimize: --write-dat FILE */
	const char *write_roster; /* optimize: --write-roster FILE.ini */
	int verbose;              /* optimize: --verbose */
	const char *db;           /* sweep: --db FILE.sqlite */
	int resume;               /* sweep: --resume */
};

/* Parse the common options of run/optimize/sweep.  usage() is printed by the
 * caller on -1; help_text is printed for --help (returns 1 then). */
int cli_parse(int argc, char **argv, struct cli_opts *o, const char *help_text);
/* Load the scenario named by the options, with --set/-r/--seed applied. */
struct scn *cli_load_scenario(const struct cli_opts *o, struct cq_err *err);
/* Before long work: can every output the options name (-o, --csv,
 * --write-dat) be written?  0, or -1 with err. */
int cli_probe_outputs(const struct cli_opts *o, struct cq_err *err);

/* Catch SIGINT and SIGTERM from now on: they set the flag returned, which long
 * work (replications, optimizer, sweep points) polls to stop cleanly.  SIGPIPE
 * is ignored: a closed stdout is then an error the command handles (removing
 * its temporaries), not a death that leaves them behind. */
volatile int *cli_catch_signals(void);
/* Whether a signal came. */
int cli_stopped(void);
/* The end of a command that writes files, after its output files are complete
 * under temporary names (an afile batch) and its stdout is printed: flush
 * stdout, then rename every file into place.  A failed stdout or a signal
 * that came during the work or the writing keeps no file (-1 with err); a
 * signal during the renames waits until they are done.  0, or -1 with err and
 * the batch aborted. */
int cli_commit_outputs(struct cq_err *err);
/* Monotonic wall clock, seconds. */
double cli_now(void);

int cmd_run(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_erlang(int argc, char **argv);
int cmd_optimize(int argc, char **argv);
int cmd_fit(int argc, char **argv);

#endif
