/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_backtest.c — `clinicq backtest`: a log's own figures beside those of
 * the scenario replaying its arrivals. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "data/log_profile.h"
#include "data/observe.h"
#include "measure/backtest.h"
#include "present/pres_backtest.h"

static const char backtest_help[] =
"usage: clinicq backtest SCENARIO.ini LOG.csv [options]\n"
"\n"
"Replay the log's arrivals on the scenario's roster over the log's whole weeks\n"
"(Monday 00:00 to Monday 00:00, after the scenario's warm-up, which replays the\n"
"log's rows before them), each arrival of its class column's class; service,\n"
"patience and everything after arrival are drawn as the scenario says.  Then\n"
"set the log's own figures beside the simulated ones (mean and 95% interval\n"
"over replications), per class and per hour of day of arrival:\n"
"arrivals_per_week, abandon_rate, wait_mean_min, within_target (within_30s and\n"
"within_60s for a class with no target) and, with an agent column,\n"
"agents_on_duty and utilization; the agreement is the mean absolute gap over\n"
"the hours, and hours whose observed value lies outside the simulated\n"
"interval are flagged.  See doc/data.md, Backtest.\n"
"\n"
"options:\n"
"      --profile PROFILE.ini  read LOG as a foreign export described by the\n"
"                           profile (doc/data.md, Profiles)\n"
"  -r, --replications N     replications (overrides [scenario] replications)\n"
"      --seed N             random seed (overrides [scenario] seed)\n"
"  -j, --jobs N             worker threads (results do not depend on N)\n"
"      --json               print the comparison as JSON on stdout\n"
"      --csv DIR            write backtest.csv (a row per class or hour and\n"
"                           measure)\n"
"  -o, --output FILE.xlsx   write a workbook with the Backtest sheet\n"
"      --set SECTION.KEY=VALUE  override a scenario value (repeatable)\n"
"      --quiet              no progress bar\n"
"  -h, --help               this help\n";

struct bt_state {
	struct scn *s;
	struct log_profile *profile;
	struct observe *obs;
	struct backtest *bt;
};

static void
show_progress(void *arg, int done, int total)
{
	struct cli_job *j = arg;
	double el = cli_now() - j->t0;

	if (el < 1.0 && !j->line_open)
		return;
	j->line_open = 1;
	fprintf(stderr, "\rreplications %d/%d  %.0fs elapsed ", done, total, el);
	if (done == total)
		cli_progress_end(j);
}

/* The scenario's classes, as the log's figures need them. */
static void
take_classes(struct observe *o, const struct scn *s)
{
	int c;

	o->nclasses = s->nclasses;
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];

		snprintf(o->cls[c].name, LOG_MAX_NAME, "%s", k->name);
		o->cls[c].target = k->has_target ? k->target_within : -1.0;
		o->cls[c].async = k->mode == SCN_ASYNC;
	}
	o->warm_days = (long)ceil(s->warmup / DAY_MIN);
}

/* The log's arrivals as the scenario's only ones. */
static int
replay(struct bt_state *st, const char *log, struct cq_err *err)
{
	const struct observe *o = st->obs;
	struct scn_trace_row *rows = NULL;
	size_t i;

	if (o->narr > 0 && (rows = malloc(o->narr * sizeof *rows)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, log, 0, "out of memory");
	for (i = 0; i < o->narr; i++) {
		rows[i].t = o->arr[i].t;
		rows[i].cls = o->arr[i].cls;
	}
	return scn_replay(st->s, o->start_day - o->warm_days, o->nweeks, rows, o->narr,
	    log, err);
}

static int
bt_load(struct cli_job *j)
{
	struct bt_state *st = j->state;

	if ((st->s = cli_load_scenario(&j->o, &j->err)) == NULL)
		return -1;
	if (j->o.profile != NULL && log_profile_load(j->o.profile, &st->profile,
	    &j->err) != 0)
		return -1;
	if ((st->obs = calloc(1, sizeof *st->obs)) == NULL ||
	    (st->bt = calloc(1, sizeof *st->bt)) == NULL)
		return cq_err_set(&j->err, CQ_EXIT_FAIL, "", 0, "out of memory");
	take_classes(st->obs, st->s);
	if (observe_log(j->o.log, st->profile, st->obs, &j->err) != 0)
		return -1;
	return replay(st, j->o.log, &j->err);
}

static int
bt_work(struct cli_job *j)
{
	struct bt_state *st = j->state;
	struct run_opts ro;

	memset(&ro, 0, sizeof ro);
	ro.jobs = j->o.jobs;
	ro.stop = j->stop;
	if (j->progress) {
		ro.progress = show_progress;
		ro.progress_arg = j;
	}
	return backtest_run(st->s, st->obs, &ro, st->bt, &j->err);
}

static void
bt_pres(const struct cli_job *j, struct pres_bt *p)
{
	const struct bt_state *st = j->state;

	p->bt = st->bt;
	p->s = st->s;
	p->log = j->o.log;
	p->rows = st->obs->rows;
	p->profile = st->profile;
}

static int
bt_files(struct cli_job *j)
{
	struct pres_bt p;

	bt_pres(j, &p);
	if (j->o.xlsx != NULL && pres_bt_xlsx(&p, j->o.xlsx, &j->err) != 0)
		return -1;
	if (j->o.csv_dir != NULL && pres_bt_csv(&p, j->o.csv_dir, &j->err) != 0)
		return -1;
	return 0;
}

static void
bt_print(struct cli_job *j, FILE *f)
{
	struct pres_bt p;

	bt_pres(j, &p);
	if (j->o.json)
		pres_bt_json(&p, f);
	else
		pres_bt_text(&p, f);
}

static void
bt_release(struct cli_job *j)
{
	struct bt_state *st = j->state;

	if (st->obs != NULL)
		observe_free(st->obs);
	free(st->obs);
	free(st->bt);
	log_profile_free(st->profile);
	scn_free(st->s);
}

static const struct cli_steps bt_steps = {
	.state_size = sizeof(struct bt_state),
	.load = bt_load,
	.work = bt_work,
	.files = bt_files,
	.print = bt_print,
	.release = bt_release,
};

static const struct cmd_option bt_opt_profile =
    { "profile", 'p', CMD_VALUE, CMD_TEXT, offsetof(struct cli_opts, profile), NULL };

static const struct cmd_option *const bt_options[] = {
	&bt_opt_profile, &cli_opt_set, &cli_opt_replications, &cli_opt_seed, &cli_opt_jobs,
	&cli_opt_json, &cli_opt_output, &cli_opt_csv, &cli_opt_quiet, NULL
};

const struct cmd_entry cmd_backtest_entry = {
	.name = "backtest",
	.summary = "SCENARIO.ini LOG.csv [options]  the scenario against a log's history",
	.usage = "SCENARIO.ini LOG.csv [options]",
	.help = backtest_help,
	.options = bt_options,
	.operand = "SCENARIO.ini",
	.operand_at = offsetof(struct cli_opts, scenario),
	.operand2 = "LOG.csv",
	.operand2_at = offsetof(struct cli_opts, log),
	.style = CMD_STYLE_SEE_HELP,
	.check = cli_opts_check,
	.exec = cli_job_exec,
	.job = &bt_steps,
};
