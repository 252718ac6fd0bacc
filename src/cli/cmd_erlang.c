/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_erlang.c — `clinicq erlang`: analytic M/M/c (Erlang C) or, with
 * --patience, M/M/c+M (Erlang A) figures and minimum servers. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "err.h"
#include "measure/erl.h"
#include "scenario/units.h"

/* Most servers this command will consider; far beyond any clinic, and it
 * bounds the O(c) Erlang recursion on absurd input. */
#define ERLANG_MAX_SERVERS 1000000L

static const char erlang_help[] =
    "usage: clinicq erlang --rate RATE --service TIME [--servers N] [--target SHARE<=TIME]\n"
    "                      [--patience TIME] [--json]\n"
    "\n"
    "Analytic M/M/c (Erlang C) figures: Poisson arrivals, exponential service\n"
    "times, N identical servers, first come first served, nobody gives up.\n"
    "\n"
    "  --rate RATE         arrivals, e.g. 40/h, 300/d, 1400/w, 2/min\n"
    "  --service TIME      mean service time, e.g. 10min, 1.5h, 90s\n"
    "  --servers N         figures for N servers\n"
    "  --target S<=T       service-level target, e.g. 80%<=5min: the share of\n"
    "                      arrivals whose wait is at most T; gives the fewest\n"
    "                      servers that meet it\n"
    "  --patience TIME     mean patience, e.g. 5min: callers give up after an\n"
    "                      exponential time (Erlang A, M/M/c+M); adds the share\n"
    "                      that abandon and the mean wait of those served, and\n"
    "                      the service level counts abandoners as not answered\n"
    "  --json              one JSON object on stdout\n"
    "  -h, --help          this text\n"
    "\n"
    "With neither --servers nor --target: the fewest servers that keep up and\n"
    "the next five, each with its utilization, P(wait) and mean wait.  With\n"
    "--target and no --servers the figures are for the fewest that meet it.\n";

/* The figures of one server count. */
struct erlang_fig {
	int servers;
	int stable;
	double util;       /* offered load per server, a/N; >= 1 is unstable; with
	                    * patience the load carried, a (1 - P(abandon)) / N */
	double p_wait;
	double mean_wait;  /* minutes, infinite when unstable */
	double sl;         /* P(wait <= target), when a target is given; with
	                    * patience, P(answered within it) of all arrivals */
	double p_abandon;  /* with patience: share that give up */
	double wait_served;/* with patience: mean wait of those served */
};

/* What erlang reads from its command line. */
struct erlang_args {
	double lambda;     /* --rate, per minute */
	double service;    /* --service, minutes */
	long servers;      /* --servers; 0: not given */
	double share, within; /* --target */
	double theta;      /* 1 / --patience; 0: no patience (Erlang C) */
	int has_rate, has_service, has_target, json;
};

/* The offered load is past what this command considers: a usage error. */
static int
erlang_beyond(const struct cmd_entry *e, double load)
{
	cmd_usage(e, "offered load %.4g Erlangs is beyond the %ld servers this command "
	    "considers", load, ERLANG_MAX_SERVERS);
	return CQ_EXIT_USAGE;
}

/* Stdout is part of the answer: a failure to write it fails the command. */
static int
erlang_flush(const struct cmd_entry *e)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_say(e, "cannot write the output");
		return CQ_EXIT_FAIL;
	}
	return CQ_EXIT_OK;
}

/* Compute the figures of n servers; theta > 0: Erlang A with patience rate
 * theta (always stable: the queue sheds callers).  0, or -1 when Erlang A's
 * chain is beyond its bound. */
static int
erlang_figures(int n, double lambda, double mu, double theta, double within,
    struct erlang_fig *f)
{
	double a = lambda / mu;
	struct erl_a_fig af;

	f->servers = n;
	f->util = a / (double)n;
	if (theta > 0.0) {
		if (erl_a_figures(n, lambda, mu, theta, within, &af) != 0)
			return -1;
		f->stable = 1;
		/* Busy share: the load carried, abandoners excluded. */
		f->util = a * (1.0 - af.p_abandon) / (double)n;
		f->p_wait = af.p_wait;
		f->mean_wait = af.mean_wait;
		f->sl = af.service_level;
		f->p_abandon = af.p_abandon;
		f->wait_served = af.mean_wait_served;
		return 0;
	}
	f->stable = a < (double)n;
	f->p_wait = erl_c(n, a);
	f->mean_wait = erl_mean_wait(n, lambda, mu);
	f->sl = erl_service_level(n, lambda, mu, within);
	f->p_abandon = 0.0;
	f->wait_served = f->mean_wait;
	return 0;
}

/* Format a probability as a percentage; never rounds a non-zero value to 0% or
 * a value short of 1 to 100%, since both would read as certainties. */
static const char *
erlang_pct(double p, char *buf, size_t n)
{
	if (p > 0.0 && p < 0.0005)
		snprintf(buf, n, "<0.1%%");
	else if (p < 1.0 && p > 0.9995)
		snprintf(buf, n, ">99.9%%");
	else
		snprintf(buf, n, "%.1f%%", 100.0 * p);
	return buf;
}

/* Format a wait in minutes, adding h:mm once it passes an hour. */
static const char *
erlang_wait(double m, char *buf, size_t n)
{
	long long total;

	if (!isfinite(m))
		snprintf(buf, n, "infinite");
	else if (m > 0.0 && m < 0.005)
		snprintf(buf, n, "<0.01 min");
	else if (m < 60.0)
		snprintf(buf, n, "%.2f min", m);
	else if (m < 1e12) {
		total = llround(m);
		snprintf(buf, n, "%.1f min (%lld:%02lld)", m, total / 60, total % 60);
	} else
		snprintf(buf, n, "%.4g min", m);
	return buf;
}

/* Print one JSON number with %.10g, or null when it is not finite. */
static void
erlang_json_num(const char *key, double x, int comma)
{
	if (isfinite(x))
		printf("\"%s\":%.10g", key, x);
	else
		printf("\"%s\":null", key);
	if (comma)
		putchar(',');
}

/* The --json output: one object, keys as doc/clinicq.1 promises plus "stable" and
 * "service_level_one_fewer". */
static void
erlang_print_json(double lambda, double mu, double theta, const struct erlang_fig *f,
    int has_target, double share, double within, int min_servers,
    const struct erlang_fig *fewer)
{
	putchar('{');
	erlang_json_num("rate_per_hour", lambda * 60.0, 1);
	erlang_json_num("service_min", 1.0 / mu, 1);
	erlang_json_num("offered_load", lambda / mu, 1);
	printf("\"servers\":%d,", f->servers);
	printf("\"stable\":%s,", f->stable ? "true" : "false");
	erlang_json_num("utilization", f->util, 1);
	erlang_json_num("p_wait", f->p_wait, 1);
	if (theta > 0.0) {
		erlang_json_num("patience_min", 1.0 / theta, 1);
		erlang_json_num("abandon_rate", f->p_abandon, 1);
		erlang_json_num("mean_wait_served_min", f->wait_served, 1);
	}
	erlang_json_num("mean_wait_min", f->mean_wait, has_target);
	if (has_target) {
		erlang_json_num("service_level", f->sl, 1);
		printf("\"target\":{");
		erlang_json_num("share", share, 1);
		erlang_json_num("within_min", within, 0);
		printf("},");
		if (min_servers > 0)
			printf("\"min_servers\":%d,", min_servers);
		else
			printf("\"min_servers\":null,");
		erlang_json_num("service_level_one_fewer",
		    fewer != NULL ? fewer->sl : NAN, 0);
	}
	printf("}\n");
}

/* The text output: what was asked, then the figures, then the minimum. */
static void
erlang_print_text(double lambda, double mu, double theta, const struct erlang_fig *f,
    int has_target, double share, double within, int min_servers,
    const struct erlang_fig *fewer)
{
	char b1[64], b2[64], label[96];
	double a = lambda / mu;

	if (theta > 0.0)
		printf("M/M/c+M (Erlang A): %.6g/h arriving, mean service %.6g min, mean "
		    "patience %.6g min (both exponential)\n", lambda * 60.0, 1.0 / mu,
		    1.0 / theta);
	else
		printf("M/M/c: %.6g/h arriving, mean service %.6g min (exponential)\n",
		    lambda * 60.0, 1.0 / mu);
	printf("offered load     %.4g Erlangs\n", a);
	printf("servers          %d\n", f->servers);
	if (theta > 0.0) {
		printf("utilization      %.1f%% (%.1f%% offered)\n", 100.0 * f->util,
		    100.0 * a / (double)f->servers);
		printf("P(wait)          %s\n", erlang_pct(f->p_wait, b1, sizeof b1));
		printf("P(abandon)       %s\n", erlang_pct(f->p_abandon, b1, sizeof b1));
		printf("mean wait        %s of those served (%s over all arrivals)\n",
		    erlang_wait(f->wait_served, b1, sizeof b1),
		    erlang_wait(f->mean_wait, b2, sizeof b2));
	} else if (f->stable) {
		printf("utilization      %.1f%%\n", 100.0 * f->util);
		printf("P(wait)          %s\n", erlang_pct(f->p_wait, b1, sizeof b1));
		printf("mean wait        %s\n", erlang_wait(f->mean_wait, b1, sizeof b1));
	} else {
		printf("utilization      %.1f%% offered (unstable: %d servers cannot "
		    "keep up with %.4g Erlangs)\n", 100.0 * f->util, f->servers, a);
		printf("P(wait)          100%%\n");
		printf("mean wait        infinite (the queue grows without bound)\n");
	}
	if (!has_target)
		return;
	unit_format_readable(within, b1, sizeof b1);   /* 20s reads "20 s" */
	snprintf(label, sizeof label, "within %s", b1);
	printf("%-16s %s (target %s: %s)%s\n", label,
	    erlang_pct(f->sl, b1, sizeof b1), erlang_pct(share, b2, sizeof b2),
	    f->sl >= share ? "met" : "missed",
	    theta > 0.0 ? "; of all arrivals, abandoners not answered" : "");
	if (min_servers <= 0) {
		printf("minimum servers  more than %ld\n", 2 * ERLANG_MAX_SERVERS);
		return;
	}
	unit_format_readable(within, b2, sizeof b2);
	printf("minimum servers  %d for %s within %s; ", min_servers,
	    erlang_pct(share, b1, sizeof b1), b2);
	if (fewer == NULL)
		printf("no fewer is possible\n");
	else if (theta > 0.0)
		printf("%d give %s and lose %s\n", fewer->servers,
		    erlang_pct(fewer->sl, b1, sizeof b1),
		    erlang_pct(fewer->p_abandon, b2, sizeof b2));
	else if (!fewer->stable)
		printf("%d would be unstable\n", fewer->servers);
	else
		printf("%d give %s\n", fewer->servers, erlang_pct(fewer->sl, b1, sizeof b1));
}

/* Neither --servers nor --target: the fewest servers that keep up (offered
 * load a: floor(a) + 1) and the next few, so a planner sees how waiting falls
 * as servers are added. */
static int
erlang_table(const struct cmd_entry *e, double lambda, double mu, int json)
{
	double a = lambda / mu;
	int c0, c, k;
	char b1[64], b2[64];

	if (!(a <= (double)ERLANG_MAX_SERVERS))
		return erlang_beyond(e, a);
	c0 = (int)floor(a) + 1;
	if (json) {
		putchar('{');
		erlang_json_num("rate_per_hour", lambda * 60.0, 1);
		erlang_json_num("service_min", 1.0 / mu, 1);
		erlang_json_num("offered_load", a, 1);
		printf("\"min_stable_servers\":%d,\"table\":[", c0);
		for (k = 0; k < 6; k++) {
			c = c0 + k;
			printf("%s{\"servers\":%d,", k ? "," : "", c);
			erlang_json_num("utilization", a / c, 1);
			erlang_json_num("p_wait", erl_c(c, a), 1);
			erlang_json_num("mean_wait_min", erl_mean_wait(c, lambda, mu), 0);
			putchar('}');
		}
		printf("]}\n");
	} else {
		printf("M/M/c: %.6g/h arriving, mean service %.6g min (exponential)\n",
		    lambda * 60.0, 1.0 / mu);
		printf("offered load     %.4g Erlangs: at least %d servers to keep up\n\n",
		    a, c0);
		printf("%8s %12s %10s  %s\n", "servers", "utilization", "P(wait)",
		    "mean wait");
		for (k = 0; k < 6; k++) {
			c = c0 + k;
			printf("%8d %11.1f%% %10s  %s\n", c, 100.0 * a / c,
			    erlang_pct(erl_c(c, a), b1, sizeof b1),
			    erlang_wait(erl_mean_wait(c, lambda, mu), b2, sizeof b2));
		}
		printf("\nadd --target SHARE<=TIME for the fewest that meet a service level\n");
	}
	return erlang_flush(e);
}

/* With --servers or --target: the fewest servers that meet the target (if
 * one is given), then the figures of the servers asked for, or of those. */
static int
erlang_servers(const struct cmd_entry *e, const struct erlang_args *a)
{
	double mu = 1.0 / a->service;
	int n, min_servers = 0;
	struct erlang_fig fig, fewer;

	if (!(a->lambda / mu <= (double)ERLANG_MAX_SERVERS))
		return erlang_beyond(e, a->lambda / mu);
	if (a->has_target) {
		/* Any load within the bound above is met well before twice the bound. */
		if (a->theta > 0.0)
			min_servers = erl_a_min_servers(a->lambda, mu, a->theta, a->within,
			    a->share, (int)(2 * ERLANG_MAX_SERVERS));
		else
			min_servers = erl_min_servers(a->lambda, mu, a->within, a->share,
			    (int)(2 * ERLANG_MAX_SERVERS));
		if (min_servers <= 0 && a->servers == 0) {
			cmd_say(e, "no number of servers up to %ld meets the target",
			    2 * ERLANG_MAX_SERVERS);
			return CQ_EXIT_FAIL;
		}
	}
	n = a->servers > 0 ? (int)a->servers : min_servers;
	if (erlang_figures(n, a->lambda, mu, a->theta, a->has_target ? a->within : -1.0,
	    &fig) != 0 || (min_servers > 1 && erlang_figures(min_servers - 1, a->lambda,
	    mu, a->theta, a->within, &fewer) != 0)) {
		cmd_say(e, "the patience is too long for Erlang A with this load; without "
		    "--patience Erlang C applies");
		return CQ_EXIT_FAIL;
	}
	if (a->json)
		erlang_print_json(a->lambda, mu, a->theta, &fig, a->has_target, a->share,
		    a->within, min_servers, min_servers > 1 ? &fewer : NULL);
	else
		erlang_print_text(a->lambda, mu, a->theta, &fig, a->has_target, a->share,
		    a->within, min_servers, min_servers > 1 ? &fewer : NULL);
	return erlang_flush(e);
}

/* clinicq erlang: read the options, compute, print; an exit status. */
static int
erlang_exec(const struct cmd_entry *e, int argc, char **argv)
{
	struct erlang_args a;
	int rc;

	memset(&a, 0, sizeof a);
	if ((rc = cmd_parse(e, argc, argv, &a, 0)) != 0)
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	if (a.servers == 0 && !a.has_target)
		return erlang_table(e, a.lambda, 1.0 / a.service, a.json);
	return erlang_servers(e, &a);
}

/* ---- the options ----------------------------------------------------------------- */

static int
parse_rate(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct erlang_args *a = opts;
	const char *why;

	if (unit_parse_rate(arg, &a->lambda, &why) != 0)
		return cmd_usage(e, "--rate '%s': %s", arg, why);
	if (!(a->lambda > 0.0))
		return cmd_usage(e, "--rate '%s': must be above zero", arg);
	a->has_rate = 1;
	return 0;
}

static int
parse_service(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct erlang_args *a = opts;
	const char *why;

	if (unit_parse_duration(arg, &a->service, &why) != 0)
		return cmd_usage(e, "--service '%s': %s", arg, why);
	if (!(a->service > 0.0))
		return cmd_usage(e, "--service '%s': must be above zero", arg);
	a->has_service = 1;
	return 0;
}

static int
parse_servers(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct erlang_args *a = opts;
	const char *why;

	if (unit_parse_int(arg, 1, ERLANG_MAX_SERVERS, &a->servers, &why) != 0)
		return cmd_usage(e, "--servers '%s': expected a whole number from 1 to %ld",
		    arg, ERLANG_MAX_SERVERS);
	return 0;
}

static int
parse_target(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct erlang_args *a = opts;
	const char *why;

	if (unit_parse_target(arg, &a->share, &a->within, &why) != 0)
		return cmd_usage(e, "--target '%s': %s", arg, why);
	a->has_target = 1;
	return 0;
}

static int
parse_patience(const struct cmd_entry *e, void *opts, const char *arg)
{
	struct erlang_args *a = opts;
	const char *why;
	double patience;

	if (unit_parse_duration(arg, &patience, &why) != 0)
		return cmd_usage(e, "--patience '%s': %s", arg, why);
	if (!(patience > 0.0))
		return cmd_usage(e, "--patience '%s': must be above zero (the mean time a "
		    "caller waits before giving up)", arg);
	a->theta = 1.0 / patience;
	return 0;
}

/* What the options need of each other. */
static int
erlang_check(const struct cmd_entry *e, void *opts)
{
	const struct erlang_args *a = opts;

	if (!a->has_rate)
		return cmd_usage(e, "missing --rate (arrivals, e.g. --rate 40/h)");
	if (!a->has_service)
		return cmd_usage(e, "missing --service (mean service time, e.g. --service "
		    "10min)");
	if (a->servers == 0 && !a->has_target && a->theta > 0.0)
		return cmd_usage(e, "--patience needs --servers N or --target SHARE<=TIME");
	return 0;
}

static const struct cmd_option erlang_opt_rate =
    { "rate", 'r', CMD_VALUE, CMD_PARSE, 0, parse_rate };
static const struct cmd_option erlang_opt_service =
    { "service", 's', CMD_VALUE, CMD_PARSE, 0, parse_service };
static const struct cmd_option erlang_opt_servers =
    { "servers", 'n', CMD_VALUE, CMD_PARSE, 0, parse_servers };
static const struct cmd_option erlang_opt_target =
    { "target", 't', CMD_VALUE, CMD_PARSE, 0, parse_target };
static const struct cmd_option erlang_opt_patience =
    { "patience", 'p', CMD_VALUE, CMD_PARSE, 0, parse_patience };
/* Its key is the 'j' of "unknown option '-j'" for --json=VALUE. */
static const struct cmd_option erlang_opt_json =
    { "json", 'j', 0, CMD_FLAG, offsetof(struct erlang_args, json), NULL };

static const struct cmd_option *const erlang_options[] = {
	&erlang_opt_rate, &erlang_opt_service, &erlang_opt_servers, &erlang_opt_target,
	&erlang_opt_patience, &erlang_opt_json, NULL
};

const struct cmd_entry cmd_erlang_entry = {
	.name = "erlang",
	.summary = "--rate R --service T [--servers N | --target P<=T]\n"
	    "                                   analytic M/M/c (Erlang C) figures",
	.usage = "--rate RATE --service TIME [--servers N] [--target SHARE<=TIME] "
	    "[--patience TIME] [--json]",
	.help = erlang_help,
	.options = erlang_options,
	.style = CMD_STYLE_SEE_HELP,
	.check = erlang_check,
	.exec = erlang_exec,
};
