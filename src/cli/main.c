/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * main.c — dispatch to a command of cmd_table.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glpk.h>
#include <gsl/gsl_version.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

#include "cmd.h"
#include "err.h"

static const char main_head[] =
"usage: clinicq COMMAND [options]\n"
"\n"
"Plan the staff of a clinic with asynchronous and synchronous work.\n"
"\n"
"commands:\n";

static const char main_tail[] =
"\n"
"SCENARIO.ini may be '-': the scenario is read from standard input.\n"
"\n"
"'clinicq COMMAND --help' describes a command's options.  The manual has the\n"
"rest: 'man clinicq' once installed, 'man -l doc/clinicq.1' in the source tree.\n";

/* The usage: a line per command, from its entry. */
static void
usage(FILE *f)
{
	const struct cmd_entry *const *e;

	fputs(main_head, f);
	for (e = cmd_table; *e != NULL; e++)
		fprintf(f, "  %-8s %s\n", (*e)->name, (*e)->summary);
	fputs(main_tail, f);
}

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
	const struct cmd_entry *e;

	if (argc < 2) {
		usage(stderr);
		return CQ_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return stdout_done(CQ_EXIT_OK);
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		version();
		return stdout_done(CQ_EXIT_OK);
	}
	if ((e = cmd_find(argv[1])) != NULL)
		return stdout_done(e->exec(e, argc - 1, argv + 1));
	fprintf(stderr, "clinicq: unknown command '%s'; see 'clinicq --help'\n", argv[1]);
	return CQ_EXIT_USAGE;
}
