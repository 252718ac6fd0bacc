/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd.h — the commands, one entry each (as tmux's cmd_entry), and the one
 * parser that reads a command line against its entry.
 *
 * An entry says everything `clinicq NAME ...` takes: its line in `clinicq
 * --help`, its usage and --help text, its options and its operand.
 * cmd_parse() builds getopt_long's tables from the entry, stores each option
 * through its descriptor in the order given, and words every usage error as
 * the entry's style says.  -h/--help is implied for every command.
 *
 * Adding an option: a struct cmd_option (its names, whether it takes a value,
 * where or how it is stored), listed in the entry of each command that takes
 * it, and a line in that command's help text (tests/test_cmd.c holds the two
 * together).  Adding a command: cmd_NAME.c with its entry and its exec (or,
 * for a command that loads a scenario and writes outputs, its struct
 * cli_steps: cli.h), and the entry in cmd_table (cmd.c).
 */
#ifndef CQ_CMD_H
#define CQ_CMD_H

#include <stddef.h>

struct cmd_entry;
struct cli_steps;

/* How an option's value is kept in the command's options struct. */
enum cmd_store {
	CMD_FLAG,       /* an int at `at`, set to 1 */
	CMD_TEXT,       /* a const char * at `at`: the value itself (argv outlives it) */
	CMD_PARSE       /* parse() checks the value and stores it */
};

/* cmd_option.flags */
#define CMD_VALUE 1u    /* takes a value: --NAME VALUE, --NAME=VALUE */
#define CMD_SHORT 2u    /* -KEY is accepted too */
#define CMD_ALONE 4u    /* stands alone, as --help does: when it is given, the
                         * operand may be left out (check --list-keys) */

/* One option.  `key` is getopt_long's value for it: a character, unique
 * among the options a command reads (its own and, for the commands that
 * share struct cli_opts, the others'); with CMD_SHORT it is also the short
 * option. */
struct cmd_option {
	const char *name;         /* --NAME */
	int key;
	unsigned flags;
	enum cmd_store store;
	size_t at;                /* CMD_FLAG, CMD_TEXT: offsetof the field */
	/* CMD_PARSE: check arg and store it in opts; 0, or -1 once the usage
	 * error is printed (cmd_usage). */
	int (*parse)(const struct cmd_entry *e, void *opts, const char *arg);
};

/* How a command words its usage errors: each as it always has. */
enum cmd_style {
	CMD_STYLE_SCENARIO,  /* "clinicq: NAME: message" (run, optimize, sweep) */
	CMD_STYLE_USAGE,     /* the message, then "usage: clinicq NAME USAGE" */
	CMD_STYLE_SEE_HELP   /* "clinicq: NAME: message (see 'clinicq NAME --help')" */
};

struct cmd_entry {
	const char *name;         /* clinicq NAME */
	const char *summary;      /* its line in `clinicq --help`, after the name */
	const char *usage;        /* what follows "clinicq NAME" in a usage line */
	const char *help;         /* the --help text */
	const struct cmd_option *const *options; /* NULL-terminated */
	const char *operand;      /* "SCENARIO.ini", "LOG.csv"; NULL: none taken */
	size_t operand_at;        /* offsetof its const char * in the options */
	const char *operand2;     /* a second operand after it ("LOG.csv"); NULL: none */
	size_t operand2_at;
	enum cmd_style style;
	/* After the options and the operand: what no single option can check
	 * (a value that needs another).  0, or -1 once the usage error is
	 * printed.  NULL: nothing to check. */
	int (*check)(const struct cmd_entry *e, void *opts);
	/* Run the command on argv (argv[0] its name); an exit status. */
	int (*exec)(const struct cmd_entry *e, int argc, char **argv);
	/* The commands that load a scenario and write outputs: their steps
	 * in cli_job_exec (cli.h), which is their exec.  They share struct
	 * cli_opts, so an option of one given to another is named as the
	 * first's ("an option of 'clinicq sweep'"). */
	const struct cli_steps *job;
};

extern const struct cmd_entry cmd_run_entry, cmd_optimize_entry, cmd_sweep_entry,
    cmd_rota_entry, cmd_check_entry, cmd_erlang_entry, cmd_fit_entry,
    cmd_backtest_entry;

/* Every command, in the order of `clinicq --help`; NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];

/* The command called name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);

/* cmd_parse flags */
#define CMD_NO_HELP 1u  /* --help prints nothing (an MPI worker: rank 0 prints it) */

/* Parse argv (argv[0] the command's name) against e into opts, which the
 * caller has set to its defaults.  0; 1 when --help was printed; -1 once a
 * usage error is printed on stderr. */
int cmd_parse(const struct cmd_entry *e, int argc, char **argv, void *opts,
    unsigned flags);

/* "clinicq: NAME: message" on stderr.  Returns -1. */
int cmd_say(const struct cmd_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A usage error in the entry's style (enum cmd_style).  Returns -1. */
int cmd_usage(const struct cmd_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
