/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.c — what run, optimize and sweep share: their options (doc/clinicq.1),
 * loading the scenario, probing the outputs, signals, committing the outputs. */
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <time.h>

#include "afile.h"
#include "scenario/units.h"

/* Keep the override text alive for the life of the options: argv outlives us. */
static int
parse_set(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct cli_opts *o = opts;

	if (o->nov >= SCN_MAX_OVERRIDES)
		return cmd_usage(e, "more than %d --set options", SCN_MAX_OVERRIDES);
	o->ov[o->nov++].text = arg;
	return 0;
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

static int
parse_replications(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct cli_opts *o = opts;
	const char *why;
	long v;

	if (!digits_only(arg, &why) ||
	    unit_parse_int(arg, 1, SCN_MAX_REPLICATIONS, &v, &why) != 0)
		return cmd_usage(e, "-r %s: %s (1 to %d)", arg, why, SCN_MAX_REPLICATIONS);
	o->replications = (int)v;
	return 0;
}

static int
parse_seed(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct cli_opts *o = opts;
	const char *why;
	uint64_t s;

	if (!digits_only(arg, &why) || unit_parse_u64(arg, &s, &why) != 0)
		return cmd_usage(e, "--seed %s: expected a whole number from 0 to "
		    "18446744073709551615 (digits only)", arg);
	o->has_seed = 1;
	o->seed = s;
	return 0;
}

static int
parse_jobs(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct cli_opts *o = opts;
	const char *why;
	long v;

	if (!digits_only(arg, &why) || unit_parse_int(arg, 1, 1024, &v, &why) != 0)
		return cmd_usage(e, "-j %s: %s (1 to 1024)", arg, why);
	o->jobs = (int)v;
	return 0;
}

static int
parse_output(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct cli_opts *o = opts;
	size_t n = strlen(arg);
	struct stat st;

	/* A device or FIFO (-o /dev/null) takes the workbook as it is (afile.h). */
	if ((n < 6 || strcasecmp(arg + n - 5, ".xlsx") != 0) && !(lstat(arg, &st) == 0 &&
	    (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))))
		return cmd_usage(e, "-o %s: the workbook's name must end in .xlsx (CSV "
		    "files: --csv DIR)", arg);
	o->xlsx = arg;
	return 0;
}

/* --time-limit: seconds, above 0, at most a day. */
static int
parse_time_limit(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct cli_opts *o = opts;
	const char *why;
	double v;

	if (unit_parse_number(arg, &v, &why) != 0 || !(v > 0) || v > 86400)
		return cmd_usage(e, "--time-limit %s: expected seconds above 0, at most 86400",
		    arg);
	o->time_limit = v;
	return 0;
}

const struct cmd_option cli_opt_set =
    { "set", 's', CMD_VALUE, CMD_PARSE, 0, parse_set };
const struct cmd_option cli_opt_replications =
    { "replications", 'r', CMD_VALUE | CMD_SHORT, CMD_PARSE, 0, parse_replications };
const struct cmd_option cli_opt_seed =
    { "seed", 'S', CMD_VALUE, CMD_PARSE, 0, parse_seed };
const struct cmd_option cli_opt_jobs =
    { "jobs", 'j', CMD_VALUE | CMD_SHORT, CMD_PARSE, 0, parse_jobs };
const struct cmd_option cli_opt_json =
    { "json", 'J', 0, CMD_FLAG, offsetof(struct cli_opts, json), NULL };
const struct cmd_option cli_opt_csv =
    { "csv", 'C', CMD_VALUE, CMD_TEXT, offsetof(struct cli_opts, csv_dir), NULL };
const struct cmd_option cli_opt_output =
    { "output", 'o', CMD_VALUE | CMD_SHORT, CMD_PARSE, 0, parse_output };
const struct cmd_option cli_opt_quiet =
    { "quiet", 'q', CMD_SHORT, CMD_FLAG, offsetof(struct cli_opts, quiet), NULL };
const struct cmd_option cli_opt_write_dat =
    { "write-dat", 'D', CMD_VALUE, CMD_TEXT, offsetof(struct cli_opts, write_dat), NULL };
const struct cmd_option cli_opt_verbose =
    { "verbose", 'v', 0, CMD_FLAG, offsetof(struct cli_opts, verbose), NULL };
const struct cmd_option cli_opt_time_limit =
    { "time-limit", 'T', CMD_VALUE, CMD_PARSE, 0, parse_time_limit };

static int
has_option(const struct cmd_entry *e, const char *name)
{
	int i;

	for (i = 0; e->options != NULL && e->options[i] != NULL; i++)
		if (strcmp(e->options[i]->name, name) == 0)
			return 1;
	return 0;
}

int
cli_opts_check(const struct cmd_entry *e, void *opts)
{
	struct cli_opts *o = opts;

	/* An empty name is refused now, with the usage errors, not after the work. */
	if (o->csv_dir != NULL && o->csv_dir[0] == '\0')
		return cmd_usage(e, "--csv '': an empty name; give a folder");
	if (o->records != NULL && o->records[0] == '\0')
		return cmd_usage(e, "--records '': an empty name; give a file");
	if (o->records_all && o->records == NULL)
		return cmd_usage(e, "--records-all says which replications --records writes: "
		    "it needs --records FILE.csv");
	if (o->write_dat != NULL && o->write_dat[0] == '\0')
		return cmd_usage(e, "--write-dat '': an empty name; give a file");
	if (o->write_roster != NULL && o->write_roster[0] == '\0')
		return cmd_usage(e, "--write-roster '': an empty name; give a file");
	/* Where --rota is an option (optimize), --time-limit bounds its search alone. */
	if (o->time_limit > 0 && !o->rota && has_option(e, "rota"))
		return cmd_usage(e, "--time-limit bounds the rota's search: it needs --rota");
	o->nset = o->nov;
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
	struct scn *s = scn_load(o->scenario, o->ov, o->nov, err);

	if (s != NULL) {
		s->set = o->ov;       /* the options outlive the scenario */
		s->nset = o->nset;
	}
	return s;
}

int
cli_probe_outputs(const struct cli_opts *o, struct cq_err *err)
{
	if (o->xlsx != NULL && afile_probe(o->xlsx, err) != 0)
		return -1;
	if (o->records != NULL && afile_probe(o->records, err) != 0)
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
