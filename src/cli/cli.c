/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.c — options shared by run, optimize and sweep (doc/clinicq.1). */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>

#include "afile.h"
#include "scenario/units.h"

/* Keep the override text alive for the life of the options: argv outlives us. */
static int
add_override(struct cli_opts *o, const char *cmd, const char *text)
{
	if (o->nov >= SCN_MAX_OVERRIDES) {
		fprintf(stderr, "clinicq: %s: more than %d --set options\n", cmd,
		    SCN_MAX_OVERRIDES);
		return -1;
	}
	o->ov[o->nov++].text = text;
	return 0;
}

/* An option that belongs to another command.  It is named from the option
 * table, not from argv, whose last word may be the option's value. */
static int
foreign_option(const char *cmd, const char *name, const char *owner)
{
	fprintf(stderr, "clinicq: %s: unknown option '--%s' (an option of 'clinicq "
	    "%s'); see 'clinicq %s --help'\n", cmd, name, owner, cmd);
	return -1;
}

/* A count on the command line is digits only: strtol and strtoull would take
 * " 4", "+4" and even " -1" (as 2^64-1 for the seed). */
static int
digits_only(const char *arg, const char **why)
{
	if (arg[0] != '\0' && arg[strspn(arg, "0123456789")] == '\0')
		return 1;
	*why = "expected digits only";
	return 0;
}

int
cli_parse(int argc, char **argv, struct cli_opts *o, const char *help_text)
{
	static const struct option longopts[] = {
		{ "set", required_argument, NULL, 's' },
		{ "replications", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 'S' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "json", no_argument, NULL, 'J' },
		{ "csv", required_argument, NULL, 'C' },
		{ "output", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "write-dat", required_argument, NULL, 'D' },
		{ "write-roster", required_argument, NULL, 'W' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "db", required_argument, NULL, 'B' },
		{ "resume", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = argv[0];
	const char *why;
	long v;
	int ch, li = 0;

	memset(o, 0, sizeof *o);
	o->jobs = 1;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":r:j:o:qh", longopts, &li)) != -1) {
		switch (ch) {
		case 's':
			if (add_override(o, cmd, optarg) != 0)
				return -1;
			break;
		case 'r':
			if (!digits_only(optarg, &why) ||
			    unit_parse_int(optarg, 1, SCN_MAX_REPLICATIONS, &v, &why) != 0) {
				fprintf(stderr, "clinicq: %s: -r %s: %s (1 to %d)\n", cmd, optarg,
				    why, SCN_MAX_REPLICATIONS);
				return -1;
			}
			o->replications = (int)v;
			break;
		case 'S': {
			uint64_t s;

			if (!digits_only(optarg, &why) || unit_parse_u64(optarg, &s, &why) != 0) {
				fprintf(stderr, "clinicq: %s: --seed %s: expected a whole number "
				    "from 0 to 18446744073709551615 (digits only)\n", cmd, optarg);
				return -1;
			}
			o->has_seed = 1;
			o->seed = s;
			break;
		}
		case 'j':
			if (!digits_only(optarg, &why) || unit_parse_int(optarg, 1, 1024, &v, &why) != 0) {
				fprintf(stderr, "clinicq: %s: -j %s: %s (1 to 1024)\n", cmd, optarg,
				    why);
				return -1;
			}
			o->jobs = (int)v;
			break;
		case 'J':
			o->json = 1;
			break;
		case 'C':
			o->csv_dir = optarg;
			break;
		case 'o': {
			size_t n = strlen(optarg);

			if (n < 6 || strcasecmp(optarg + n - 5, ".xlsx") != 0) {
				fprintf(stderr, "clinicq: %s: -o %s: the workbook's name must end "
				    "in .xlsx (CSV files: --csv DIR)\n", cmd, optarg);
				return -1;
			}
			o->xlsx = optarg;
			break;
		}
		case 'q':
			o->quiet = 1;
			break;
		case 'D':
		case 'W':
		case 'v':
			if (strcmp(cmd, "optimize") != 0)
				return foreign_option(cmd, longopts[li].name, "optimize");
			if (ch == 'D')
				o->write_dat = optarg;
			else if (ch == 'W')
				o->write_roster = optarg;
			else
				o->verbose = 1;
			break;
		case 'B':
		case 'R':
			if (strcmp(cmd, "sweep") != 0)
				return foreign_option(cmd, longopts[li].name, "sweep");
			if (ch == 'B')
				o->db = optarg;
			else
				o->resume = 1;
			break;
		case 'h':
			fputs(help_text, stdout);
			return 1;
		case ':':
			fprintf(stderr, "clinicq: %s: option '%s' needs a value\n", cmd,
			    argv[optind - 1]);
			return -1;
		default:
			fprintf(stderr, "clinicq: %s: unknown option '%s'; see 'clinicq %s "
			    "--help'\n", cmd, argv[optind - 1], cmd);
			return -1;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "clinicq: %s: %s; usage: clinicq %s SCENARIO.ini [options]\n",
		    cmd, optind >= argc ? "no scenario file given" : "more than one scenario "
		    "file given", cmd);
		return -1;
	}
	o->scenario = argv[optind];
	/* An empty name is refused now, with the usage errors, not after the work. */
	if (o->csv_dir != NULL && o->csv_dir[0] == '\0') {
		fprintf(stderr, "clinicq: %s: --csv '': an empty name; give a folder\n", cmd);
		return -1;
	}
	if (o->write_dat != NULL && o->write_dat[0] == '\0') {
		fprintf(stderr, "clinicq: %s: --write-dat '': an empty name; give a file\n",
		    cmd);
		return -1;
	}
	if (o->write_roster != NULL && o->write_roster[0] == '\0') {
		fprintf(stderr, "clinicq: %s: --write-roster '': an empty name; give a file\n",
		    cmd);
		return -1;
	}
	if (o->replications > 0) {
		snprintf(o->rbuf, sizeof o->rbuf, "scenario.replications=%d", o->replications);
		o->ov[o->nov++].text = o->rbuf;
	}
	if (o->has_seed) {
		snprintf(o->sbuf, sizeof o->sbuf, "scenario.seed=%llu",
		    (unsigned long long)o->seed);
		o->ov[o->nov++].text = o->sbuf;
	}
	return 0;
}

struct scn *
cli_load_scenario(const struct cli_opts *o, struct cq_err *err)
{
	return scn_load(o->scenario, o->ov, o->nov, err);
}

int
cli_probe_outputs(const struct cli_opts *o, struct cq_err *err)
{
	if (o->xlsx != NULL && afile_probe(o->xlsx, err) != 0)
		return -1;
	if (o->write_dat != NULL && afile_probe(o->write_dat, err) != 0)
		return -1;
	if (o->write_roster != NULL && afile_probe(o->write_roster, err) != 0)
		return -1;
	if (o->csv_dir != NULL && afile_probe_dir(o->csv_dir, err) != 0)
		return -1;
	return 0;
}

static volatile sig_atomic_t cli_stop;

static void
on_signal(int sig)
{
	(void)sig;
	cli_stop = 1;
}

volatile int *
cli_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	return (volatile int *)&cli_stop;
}

int
cli_commit_outputs(struct cq_err *err)
{
	sigset_t block, old;
	int rc;

	if (fflush(stdout) != 0 || ferror(stdout)) {
		afile_batch_abort();
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot write to standard output; "
		    "no output file was written");
	}
	/* The check and the renames as one step, so that a signal either comes
	 * before it (nothing kept) or after it (everything complete). */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	if (cli_stop) {
		afile_batch_abort();
		rc = cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted; nothing was kept: no "
		    "output file was written");
	} else {
		rc = afile_batch_commit(err);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int
cli_stopped(void)
{
	return cli_stop != 0;
}

double
cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
