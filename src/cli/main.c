/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c — dispatch to a subcommand.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glpk.h>
#include <gsl/gsl_version.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

#include "cli.h"
#include "err.h"

static const char main_help[] =
"usage: clinicq COMMAND [options]\n"
"\n"
"Plan the staff of a clinic with asynchronous and synchronous work.\n"
"\n"
"commands:\n"
"  run      SCENARIO.ini [options]  simulate the roster as written\n"
"  optimize SCENARIO.ini [options]  find the cheapest roster that meets every target\n"
"  sweep    SCENARIO.ini [options]  run the what-if points of its [sweep]\n"
"  check    SCENARIO.ini            validate; print the scenario as understood\n"
"  erlang   --rate R --service T [--servers N | --target P<=T]\n"
"                                   analytic M/M/c (Erlang C) figures\n"
"  fit      LOG.csv [options]        scenario sections fitted to an event log\n"
"\n"
"'clinicq COMMAND --help' describes a command's options; 'man clinicq' the rest.\n";

static void
version(void)
{
	printf("clinicq %s\n", PACKAGE_VERSION);
	/* The headers' versions are what clinicq was built with; where the
	 * library can say, the version it runs with follows when it differs. */
	printf("built with GLPK %d.%d, libxlsxwriter %s, GSL %s, SQLite %s, MPI: %s\n",
	    GLP_MAJOR_VERSION, GLP_MINOR_VERSION, LXW_VERSION, GSL_VERSION,
	    SQLITE_VERSION,
#ifdef HAVE_MPI
	    "yes"
#else
	    "no"
#endif
	    );
	if (strcmp(gsl_version, GSL_VERSION) != 0 ||
	    strcmp(sqlite3_libversion(), SQLITE_VERSION) != 0)
		printf("running with GLPK %s, GSL %s, SQLite %s\n", glp_version(),
		    gsl_version, sqlite3_libversion());
}

/* What a command printed on stdout is part of it: a command that succeeded
 * but whose stdout could not be written (--help > /dev/full) fails.  Commands
 * that write files check before renaming them (cli_commit_outputs). */
static int
stdout_done(int rc)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	if (rc == CQ_EXIT_OK) {
		fputs("clinicq: cannot write to standard output\n", stderr);
		rc = CQ_EXIT_FAIL;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "run", cmd_run },
		{ "check", cmd_check },
		{ "erlang", cmd_erlang },
		{ "optimize", cmd_optimize },
		{ "sweep", cmd_sweep },
		{ "fit", cmd_fit },
	};
	size_t i;

	if (argc < 2) {
		fputs(main_help, stderr);
		return CQ_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(main_help, stdout);
		return stdout_done(CQ_EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		version();
		return stdout_done(CQ_EXIT_OK);
	}
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return stdout_done(cmds[i].fn(argc - 1, argv + 1));
	fprintf(stderr, "clinicq: unknown command '%s'; see 'clinicq --help'\n", argv[1]);
	return CQ_EXIT_USAGE;
}
