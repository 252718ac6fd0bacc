/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli.h — what the commands that load a scenario and write outputs (run,
 * optimize, sweep) share: their options (struct cli_opts, doc/clinicq.1),
 * and one skeleton, cli_job_exec, that runs each of them as steps: parse,
 * load, probe the outputs, catch signals, work with a progress line, then
 * write every output file or none.
 *
 * A command returns an exit status (enum cq_exit) and never exits.
 */
#ifndef CQ_CLI_H
#define CQ_CLI_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "cmd.h"
#include "err.h"
#include "report/rpt.h"
#include "scenario/scn.h"

struct cli_opts {
	const char *scenario;     /* the positional SCENARIO.ini */
	/* --set, then -r and --seed as scenario.replications / scenario.seed
	 * (last, so they win): overrides like any other, validated the same way. */
	struct scn_override ov[SCN_MAX_OVERRIDES + 2];
	int nov;
	int nset;                 /* of which the first nset are --set (provenance) */
	char rbuf[64], sbuf[64];  /* the text of the -r and --seed overrides */
	int replications;         /* -r; 0 = the scenario's */
	int has_seed;
	uint64_t seed;            /* --seed */
	int jobs;                 /* -j; 1 by default */
	int json;                 /* --json */
	const char *csv_dir;      /* --csv DIR */
	const char *xlsx;         /* -o FILE.xlsx */
	const char *records;      /* run: --records FILE.csv */
	int records_all;          /* run: --records-all */
	int quiet;                /* --quiet */
	const char *write_dat;    /* optimize: --write-dat FILE */
	const char *write_roster; /* optimize: --write-roster FILE.ini */
	int verbose;              /* optimize: --verbose */
	const char *db;           /* sweep: --db FILE.sqlite */
	int resume;               /* sweep: --resume */
	int rota;                 /* optimize: --rota */
	double time_limit;        /* rota, optimize --rota: --time-limit; 0: the default */
	const char *log;          /* backtest: the positional LOG.csv */
	const char *profile;      /* backtest: --profile PROFILE.ini */
};

/* The options run, optimize and sweep all take (the last, -h, is cmd_parse's). */
extern const struct cmd_option cli_opt_set, cli_opt_replications, cli_opt_seed,
    cli_opt_jobs, cli_opt_json, cli_opt_csv, cli_opt_output, cli_opt_quiet;
/* ... and those of optimize and rota. */
extern const struct cmd_option cli_opt_write_dat, cli_opt_verbose, cli_opt_time_limit;
/* The check of struct cli_opts after parsing (cmd_entry.check): names that
 * must not be empty, then -r and --seed appended as overrides. */
int cli_opts_check(const struct cmd_entry *e, void *opts);

/* One run of a command through cli_job_exec. */
struct cli_job {
	const struct cmd_entry *cmd;
	struct cli_opts o;
	struct cq_err err;
	volatile int *stop;       /* set once SIGINT or SIGTERM came */
	double t0;                /* when the work began (cli_now) */
	clock_t c0;
	struct rpt_timing tm;     /* the work's wall and CPU seconds, -j */
	int progress;             /* a progress line may be shown: stderr is a
	                           * terminal and no --quiet */
	int line_open;            /* a progress line is on stderr, unended */
	int speaker;              /* prints --help and errors, writes the outputs:
	                           * all but an MPI worker */
	void *state;              /* the command's own: cli_steps.state_size bytes,
	                           * zeroed; its contents freed by release() */
};

/* A command's steps, in the order cli_job_exec takes them.  Steps that can
 * fail return 0, or -1 with j->err set; NULL steps are skipped. */
struct cli_steps {
	size_t state_size;
	/* Before the options are read (sweep: MPI, which may take some); may
	 * clear j->speaker. */
	int (*start)(struct cli_job *j, int *argc, char ***argv);
	/* Load what the command works on, from j->o. */
	int (*load)(struct cli_job *j);
	/* After the load and the probe of the outputs, failed: whether either
	 * failed here.  Returns non-zero when the command stops (every MPI rank
	 * must agree: sweep).  NULL: stop when failed. */
	int (*agree)(struct cli_job *j, int failed);
	/* The long work: polls j->stop, may show a progress line. */
	int (*work)(struct cli_job *j);
	/* The output files, into the afile batch: renamed into place after
	 * stdout is printed, or removed. */
	int (*files)(struct cli_job *j);
	/* What the command prints on stdout. */
	void (*print)(struct cli_job *j, FILE *f);
	/* Once everything is in place: the exit status.  NULL: 0. */
	int (*finish)(struct cli_job *j);
	/* Free the contents of j->state, whatever step was reached. */
	void (*release)(struct cli_job *j);
};

/* The exec of every entry with steps (cmd_entry.job). */
int cli_job_exec(const struct cmd_entry *e, int argc, char **argv);
/* End a progress line left open (j->line_open), so that what follows on
 * stderr starts a line of its own. */
void cli_progress_end(struct cli_job *j);

/* Load the scenario named by the options, with --set/-r/--seed applied. */
struct scn *cli_load_scenario(const struct cli_opts *o, struct cq_err *err);
/* Before long work: can every output the options name (-o, --csv,
 * --write-dat, --write-roster) be written?  0, or -1 with err. */
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

#endif
