/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_fit.c — `clinicq fit LOG.csv [--name NAME] [--from DATE] [--to DATE]`:
 * scenario sections fitted to an event log, on stdout.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "data/fit.h"
#include "data/log.h"

static const char fit_help[] =
    "usage: clinicq fit LOG.csv [--name NAME] [--from DATE] [--to DATE]\n"
    "\n"
    "Fit scenario sections to an event log: a CSV file with a header row naming\n"
    "arrived_at (YYYY-MM-DD HH:MM[:SS]) and optionally class, service_min and\n"
    "stream.  Prints, for each stream, a [pattern] of mean arrivals per hour of\n"
    "week and a [stream] with per_week and class shares, and for each class a\n"
    "[class] whose service is the better of a lognormal and a gamma fitted by\n"
    "maximum likelihood.  Add roles and shifts and the output is a scenario.\n"
    "\n"
    "  --name NAME   the stream's name when the log has no stream column\n"
    "                (default: the file's name without its extension)\n"
    "  --from DATE   fit from this date on (YYYY-MM-DD; whole weeks from the first\n"
    "                Monday on or after it)\n"
    "  --to DATE     fit up to this date, included (whole weeks up to the last\n"
    "                Sunday on or before it)\n"
    "  -h, --help    print this help\n"
    "\n"
    "Exit status: 0 done, 2 usage error or a malformed log (LOG.csv:LINE), 1 I/O error.\n";

static int
fit_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "clinicq: fit: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
	fprintf(stderr, "usage: clinicq fit LOG.csv [--name NAME] [--from DATE] [--to DATE]\n");
	return CQ_EXIT_USAGE;
}

static int
date_opt(const char *opt, const char *v, long *day)
{
	const char *why;
	double minute;

	if (log_parse_time(v, 0, day, &minute, &why) != 0) {
		fprintf(stderr, "clinicq: fit: bad %s '%s': %s\n", opt, v, why);
		return -1;
	}
	return 0;
}

int
cmd_fit(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct fit_opts o;
	struct cq_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;
	int c, rc;

	memset(&o, 0, sizeof o);
	memset(&err, 0, sizeof err);
	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":hn:f:t:", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (!log_name_ok(optarg))
				return fit_usage("bad --name (letters, digits, '_' and '-', up to 63):",
				    optarg);
			o.name = optarg;
			break;
		case 'f':
			if (date_opt("--from", optarg, &o.from_day) != 0)
				return CQ_EXIT_USAGE;
			o.has_from = 1;
			break;
		case 't':
			if (date_opt("--to", optarg, &o.to_day) != 0)
				return CQ_EXIT_USAGE;
			o.has_to = 1;
			break;
		case 'h':
			fputs(fit_help, stdout);
			return CQ_EXIT_OK;
		case ':':
			return fit_usage("option needs a value:", argv[optind - 1]);
		default:
			return fit_usage("unknown option", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return fit_usage("missing LOG.csv", NULL);
	if (optind + 1 < argc)
		return fit_usage("unexpected argument", argv[optind + 1]);
	if (o.has_from && o.has_to && o.to_day < o.from_day)
		return fit_usage("--to is before --from", NULL);
	/* Built in memory: an error found late leaves nothing half printed. */
	if ((mem = open_memstream(&text, &len)) == NULL) {
		fprintf(stderr, "clinicq: fit: out of memory\n");
		return CQ_EXIT_FAIL;
	}
	rc = fit_run(argv[optind], &o, mem, &err);
	if (fclose(mem) != 0 && rc == 0)
		rc = cq_err_set(&err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (rc != 0) {
		cq_err_print(&err);
		free(text);
		return err.code != 0 ? err.code : CQ_EXIT_FAIL;
	}
	fwrite(text, 1, len, stdout);
	free(text);
	return CQ_EXIT_OK;
}
