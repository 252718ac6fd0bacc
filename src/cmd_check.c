/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_check.c — `clinicq check SCENARIO.ini [--set SECTION.KEY=VALUE]...`:
 * load and validate a scenario, and print it as understood, defaults filled in.
 * The output is itself a scenario that loads to the same thing.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "scn.h"

static const char check_help[] =
    "usage: clinicq check SCENARIO.ini [--set SECTION.KEY=VALUE]...\n"
    "\n"
    "Validate a scenario and print it as clinicq understands it, with every\n"
    "default filled in; the output is itself a valid scenario.\n"
    "\n"
    "  --set SECTION.KEY=VALUE  override a value, e.g. --set stream.portal.per_week=1800\n"
    "                           (repeatable; named sections as TYPE.NAME.KEY)\n"
    "  -h, --help               print this help\n"
    "\n"
    "Exit status: 0 valid, 2 usage or scenario error, 1 I/O error.\n";

/* Print a usage error and return the usage exit status. */
static int
check_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "clinicq: check: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
	fprintf(stderr, "usage: clinicq check SCENARIO.ini [--set SECTION.KEY=VALUE]...\n");
	return CQ_EXIT_USAGE;
}

/* The `check` subcommand; argv[0] is "check". */
int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "set", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct scn_override ov[SCN_MAX_OVERRIDES];
	struct cq_err err;
	struct scn *s;
	int nov = 0, c;

	memset(&err, 0, sizeof err);
	opterr = 0;
	optind = 0;   /* glibc: reinitialize, the caller may have used getopt */
	while ((c = getopt_long(argc, argv, ":hs:", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (nov == SCN_MAX_OVERRIDES)
				return check_usage("too many --set options; the limit is 256", NULL);
			ov[nov++].text = optarg;
			break;
		case 'h':
			fputs(check_help, stdout);
			return CQ_EXIT_OK;
		case ':':
			return check_usage("option needs a value:", argv[optind - 1]);
		default:
			if (optopt == 's')
				return check_usage("option needs a value:", "--set");
			return check_usage("unknown option", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return check_usage("missing SCENARIO.ini", NULL);
	if (optind + 1 < argc)
		return check_usage("unexpected argument", argv[optind + 1]);
	s = scn_load(argv[optind], ov, nov, &err);
	if (s == NULL) {
		cq_err_print(&err);
		return err.code != 0 ? err.code : CQ_EXIT_FAIL;
	}
	scn_print(s, stdout);
	scn_free(s);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "clinicq: check: cannot write the output\n");
		return CQ_EXIT_FAIL;
	}
	return CQ_EXIT_OK;
}
