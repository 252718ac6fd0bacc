/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_fit.c — `clinicq fit LOG.csv [--name NAME] [--from DATE] [--to DATE]
 * [--exclude DATE[..DATE]]... [--profile PROFILE.ini] [--min-service DURATION]
 * [--idle-gap MIN] [--scenario] [-o FILE.ini]:
 * scenario sections fitted to an event log, on stdout or into FILE.ini.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "cmd.h"
#include "err.h"
#include "data/fit.h"
#include "data/fit_staff.h"
#include "data/log.h"
#include "data/log_profile.h"
#include "scenario/units.h"

static const char fit_help[] =
    "usage: clinicq fit LOG.csv [--name NAME] [--from DATE] [--to DATE]\n"
    "                   [--exclude DATE[..DATE]]... [--profile PROFILE.ini]\n"
    "                   [--min-service DURATION] [--idle-gap MIN] [--scenario]\n"
    "                   [-o FILE.ini]\n"
    "\n"
    "Fit scenario sections to an event log: a CSV file with a header row naming\n"
    "arrived_at (YYYY-MM-DD HH:MM[:SS]) and optionally class, service_min and\n"
    "stream.  Prints, for each stream, a [pattern] of mean arrivals per hour of\n"
    "week and a [stream] with per_week and class shares, and for each class a\n"
    "[class] whose service is the better of a lognormal and a gamma fitted by\n"
    "maximum likelihood.  With an agent column, a [role agent] and [shift]s that\n"
    "play the persons on duty inferred from it.  Add roles and shifts (or use\n"
    "--scenario) and the output is a scenario.\n"
    "\n"
    "  --name NAME   the stream's name when the log has no stream column\n"
    "                (default: the file's name without its extension)\n"
    "  --from DATE   fit from this date on (YYYY-MM-DD; whole weeks from the first\n"
    "                Monday on or after it)\n"
    "  --to DATE     fit up to this date, included (whole weeks up to the last\n"
    "                Sunday on or before it)\n"
    "  --exclude DATE[..DATE]\n"
    "                leave these days out of the pattern and per_week, as a holiday\n"
    "                or an outage (repeatable; both dates included)\n"
    "  --profile PROFILE.ini\n"
    "                read LOG as a foreign export described by the profile: its\n"
    "                separator, which of its columns give arrived_at and the others\n"
    "                (a date and a time column joined), their formats, units and\n"
    "                codes, and rows to skip (counted in a comment); see\n"
    "                doc/data.md and the profiles installed with clinicq\n"
    "  --idle-gap MIN  join an agent's services into one on-duty session while\n"
    "                the idle time between two is at most MIN minutes (default 30;\n"
    "                1 to 720): longer pauses count as away\n"
    "  --scenario    write a whole runnable scenario: a [scenario] spanning the\n"
    "                weeks fitted, and without an agent column a [role agent] and\n"
    "                [shift]s for the offered load at 85% utilisation\n"
    "  -o, --output FILE.ini\n"
    "                write to FILE.ini instead of stdout\n"
    "  --min-service DURATION\n"
    "                leave services shorter than this (like 10s) out of the\n"
    "                service fits; their rows still count as arrivals\n"
    "\n"
    "Days with no rows, or far fewer than their weekday's usual, are left out too\n"
    "and named in a comment.  From the days kept fit estimates volume_cv, the\n"
    "day-to-day variation beyond Poisson, and writes it when it is significant.\n"
    "Service comments give the sample mean beside each fitted mean and warn when\n"
    "the KS distance is far above its critical value or a spike of services\n"
    "under 10 s distorts the fit; service_by_hour is written when the mean\n"
    "service differs by hour of day of its start beyond its noise.\n"
    "\n"
    "  -h, --help    print this help\n"
    "\n"
    "Exit status: 0 done, 2 usage error or a malformed log (LOG.csv:LINE), 1 I/O error.\n";

/* What fit reads from its command line. */
struct fit_args {
	const char *log;           /* LOG.csv */
	const char *output;        /* -o FILE.ini; NULL: stdout */
	const char *profile;       /* --profile, or NULL */
	struct fit_opts o;
};

static int
parse_name(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct fit_args *a = opts;

	if (!log_name_ok(arg))
		return cmd_usage(e, "bad --name (letters, digits, '_' and '-', up to 63): %s",
		    arg);
	a->o.name = arg;
	return 0;
}

/* A date of --from or --to, as the log's: YYYY-MM-DD. */
static int
date_opt(const struct cmd_entry *e, const char *opt, const char *v, long *day)
{
	const char *why;
	double minute;

	if (log_parse_time(v, 0, day, &minute, &why) != 0)
		return cmd_say(e, "bad %s '%s': %s", opt, v, why);
	return 0;
}

static int
parse_from(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct fit_args *a = opts;

	a->o.has_from = 1;
	return date_opt(e, "--from", arg, &a->o.from_day);
}

static int
parse_to(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct fit_args *a = opts;

	a->o.has_to = 1;
	return date_opt(e, "--to", arg, &a->o.to_day);
}

/* --exclude DATE or DATE..DATE, repeatable. */
static int
parse_exclude(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct fit_args *a = opts;
	const char *dots = strstr(arg, "..");
	char first[64];
	long from, to;
	size_t n;

	if (a->o.nexclude == FIT_MAX_EXCLUDE)
		return cmd_usage(e, "more than %d --exclude ranges", FIT_MAX_EXCLUDE);
	n = dots != NULL ? (size_t)(dots - arg) : strlen(arg);
	if (n >= sizeof first)
		return cmd_usage(e, "bad --exclude '%s': want DATE or DATE..DATE", arg);
	memcpy(first, arg, n);
	first[n] = '\0';
	if (date_opt(e, "--exclude", first, &from) != 0)
		return -1;
	to = from;
	if (dots != NULL && date_opt(e, "--exclude", dots + 2, &to) != 0)
		return -1;
	if (to < from)
		return cmd_usage(e, "bad --exclude '%s': the range ends before it starts", arg);
	a->o.excl_from[a->o.nexclude] = from;
	a->o.excl_to[a->o.nexclude++] = to;
	return 0;
}

/* --idle-gap MIN: minutes, 1 to FIT_STAFF_MAX_IDLE_GAP. */
static int
parse_idle_gap(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct fit_args *a = opts;
	char *end;
	double v = strtod(arg, &end);

	if (end == arg || *end != '\0' || !(v >= 1 && v <= FIT_STAFF_MAX_IDLE_GAP))
		return cmd_usage(e, "bad --idle-gap '%s': want minutes from 1 to %g", arg,
		    FIT_STAFF_MAX_IDLE_GAP);
	a->o.idle_gap = v;
	return 0;
}

/* The text into -o's file (or stdout): 0, or the exit status after saying why.
 * The file is written as every output is (afile.h): complete or not at all,
 * a device written in place, a symbolic link refused. */
static int
write_out(const char *file, const char *text, size_t len)
{
	struct afile af;
	struct cq_err err;
	FILE *f;
	int bad;

	if (file == NULL) {
		fwrite(text, 1, len, stdout);
		return CQ_EXIT_OK;
	}
	memset(&af, 0, sizeof af);
	memset(&err, 0, sizeof err);
	if ((f = afile_open(&af, file, &err)) == NULL) {
		cq_err_print(&err);
		return err.code != 0 ? err.code : CQ_EXIT_FAIL;
	}
	bad = fwrite(text, 1, len, f) != len;
	if (bad) {
		afile_abort(&af);
		cq_err_set(&err, CQ_EXIT_FAIL, file, 0, "cannot write: %s", strerror(errno));
	}
	if (bad || afile_commit(&af, &err) != 0) {
		cq_err_print(&err);
		return err.code != 0 ? err.code : CQ_EXIT_FAIL;
	}
	return CQ_EXIT_OK;
}

/* --min-service DURATION: "10s", "0.2min"; a bare number is minutes. */
static int
parse_min_service(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct fit_args *a = opts;
	const char *why;

	if (unit_parse_duration(arg, &a->o.min_service, &why) != 0)
		return cmd_usage(e, "bad --min-service '%s': %s", arg, why);
	if (!(a->o.min_service > 0))
		return cmd_usage(e, "bad --min-service '%s': want a duration above 0, like 10s",
		    arg);
	return 0;
}

static int
fit_check(const struct cmd_entry *e, void *opts)
{
	const struct fit_args *a = opts;

	if (a->o.has_from && a->o.has_to && a->o.to_day < a->o.from_day)
		return cmd_usage(e, "--to is before --from");
	return 0;
}

/* The sections, built in memory: an error found late leaves nothing half
 * printed. */
static int
fit_exec(const struct cmd_entry *e, int argc, char **argv)
{
	struct fit_args a;
	struct cq_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	memset(&a, 0, sizeof a);
	memset(&err, 0, sizeof err);
	if ((rc = cmd_parse(e, argc, argv, &a, 0)) != 0)
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	if ((mem = open_memstream(&text, &len)) == NULL) {
		cmd_say(e, "out of memory");
		return CQ_EXIT_FAIL;
	}
	if (a.profile != NULL && log_profile_load(a.profile, &a.o.profile, &err) != 0)
		rc = -1;
	else
		rc = fit_run(a.log, &a.o, mem, &err);
	log_profile_free(a.o.profile);
	if (fclose(mem) != 0 && rc == 0)
		rc = cq_err_set(&err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (rc != 0) {
		cq_err_print(&err);
		free(text);
		return err.code != 0 ? err.code : CQ_EXIT_FAIL;
	}
	rc = write_out(a.output, text, len);
	free(text);
	return rc;
}

static const struct cmd_option fit_opt_name =
    { "name", 'n', CMD_VALUE | CMD_SHORT, CMD_PARSE, 0, parse_name };
static const struct cmd_option fit_opt_from =
    { "from", 'f', CMD_VALUE | CMD_SHORT, CMD_PARSE, 0, parse_from };
static const struct cmd_option fit_opt_to =
    { "to", 't', CMD_VALUE | CMD_SHORT, CMD_PARSE, 0, parse_to };

static const struct cmd_option fit_opt_exclude =
    { "exclude", 'x', CMD_VALUE, CMD_PARSE, 0, parse_exclude };

static const struct cmd_option fit_opt_idle_gap =
    { "idle-gap", 'g', CMD_VALUE, CMD_PARSE, 0, parse_idle_gap };
static const struct cmd_option fit_opt_scenario =
    { "scenario", 'c', 0, CMD_FLAG, offsetof(struct fit_args, o.scenario), NULL };
static const struct cmd_option fit_opt_output =
    { "output", 'o', CMD_VALUE | CMD_SHORT, CMD_TEXT, offsetof(struct fit_args, output),
      NULL };

static const struct cmd_option fit_opt_profile =
    { "profile", 'p', CMD_VALUE, CMD_TEXT, offsetof(struct fit_args, profile), NULL };

static const struct cmd_option fit_opt_min_service =
    { "min-service", 'm', CMD_VALUE, CMD_PARSE, 0, parse_min_service };

static const struct cmd_option *const fit_options[] = {
	&fit_opt_name, &fit_opt_from, &fit_opt_to, &fit_opt_exclude, &fit_opt_profile,
	&fit_opt_min_service, &fit_opt_idle_gap, &fit_opt_scenario, &fit_opt_output, NULL
};

const struct cmd_entry cmd_fit_entry = {
	.name = "fit",
	.summary = "LOG.csv [options]        scenario sections fitted to an event log",
	.usage = "LOG.csv [--name NAME] [--from DATE] [--to DATE] [--exclude DATE[..DATE]] "
	    "[--profile PROFILE.ini] [--min-service DURATION] [--idle-gap MIN] [--scenario] "
	    "[-o FILE.ini]",
	.help = fit_help,
	.options = fit_options,
	.operand = "LOG.csv",
	.operand_at = offsetof(struct fit_args, log),
	.style = CMD_STYLE_USAGE,
	.check = fit_check,
	.exec = fit_exec,
};
