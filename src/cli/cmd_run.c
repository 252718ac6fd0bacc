/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_run.c — `clinicq run`: simulate the roster as written. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "afile.h"
#include "cli.h"
#include "measure/run.h"
#include "report/rpt.h"
#include "report/rpt_records.h"

static const char run_help[] =
"usage: clinicq run SCENARIO.ini [options]   (SCENARIO.ini '-': standard input)\n"
"\n"
"Simulate the roster as written: replications of warm-up + measured weeks,\n"
"then per class waits, responses and target attainment with 95% intervals,\n"
"per role utilization, overtime and cost, safety measures and warnings.\n"
"\n"
"options:\n"
"  --set SECTION.KEY=VALUE  override a scenario value (repeatable), e.g.\n"
"                           --set stream.portal.per_week=1800\n"
"  -r, --replications N     replications (overrides [scenario] replications)\n"
"      --seed N             random seed (overrides [scenario] seed)\n"
"  -j, --jobs N             worker threads (results do not depend on N)\n"
"      --json               print the summary as JSON on stdout\n"
"  -o, --output FILE.xlsx   write the workbook for managers (see doc/workbook.md)\n"
"      --csv DIR            write classes.csv, roles.csv, safety.csv, backlog.csv,\n"
"                           misses_by_hour.csv, measures.csv (every figure,\n"
"                           long form), replications.csv, provenance.csv\n"
"      --records FILE.csv   write every measured item of the first replication\n"
"                           as an event log (arrived_at, class, service_min,\n"
"                           outcome, wait_min, agent, started_at) that\n"
"                           'clinicq fit' reads; see doc/data.md, Records\n"
"      --records-all        --records writes every replication's items, after\n"
"                           a first column 'replication' (1, 2, ...)\n"
"      --quiet              no progress bar\n"
"  -h, --help               this help\n";

/* What run works on. */
struct run_state {
	struct scn *s;
	struct meas *m;
	struct afile rec_file;    /* --records: written during the work */
	struct rpt_records rec;
};

/* A progress line on stderr, once the work has lasted a second. */
static void
show_progress(void *arg, int done, int total)
{
	struct cli_job *j = arg;
	double el = cli_now() - j->t0;

	if (el < 1.0 && !j->line_open)
		return;
	j->line_open = 1;
	fprintf(stderr, "\rreplications %d/%d  %.0fs elapsed, about %.0fs left ", done,
	    total, el, done > 0 ? el * (total - done) / done : 0.0);
	if (done == total)
		cli_progress_end(j);
}

static int
run_load(struct cli_job *j)
{
	struct run_state *st = j->state;

	st->s = cli_load_scenario(&j->o, &j->err);
	return st->s != NULL ? 0 : -1;
}

static int
run_work(struct cli_job *j)
{
	struct run_state *st = j->state;
	struct run_opts ro;

	memset(&ro, 0, sizeof ro);
	if (j->o.records != NULL) {
		FILE *f = afile_open(&st->rec_file, j->o.records, &j->err);

		if (f == NULL)
			return -1;
		if (rpt_records_begin(&st->rec, f, st->s, j->o.records_all, &j->err) != 0)
			return -1;
		ro.record = rpt_records_row;
		ro.record_end = rpt_records_end;
		ro.record_ctx = &st->rec;
		ro.record_all = j->o.records_all;
	}
	ro.jobs = j->o.jobs;
	ro.stop = j->stop;
	if (j->progress) {
		ro.progress = show_progress;
		ro.progress_arg = j;
	}
	st->m = run_replications(st->s, &ro, &j->err);
	return st->m != NULL ? 0 : -1;
}

static int
run_files(struct cli_job *j)
{
	struct run_state *st = j->state;

	/* Complete now, renamed into place with the others. */
	if (j->o.records != NULL && (rpt_records_finish(&st->rec, j->o.records,
	    &j->err) != 0 || afile_commit(&st->rec_file, &j->err) != 0))
		return -1;
	if (j->o.xlsx != NULL && rpt_xlsx(st->m, j->o.xlsx, &j->err) != 0)
		return -1;
	if (j->o.csv_dir != NULL && rpt_csv(st->m, j->o.csv_dir, &j->err) != 0)
		return -1;
	return 0;
}

static void
run_print(struct cli_job *j, FILE *f)
{
	struct run_state *st = j->state;

	if (j->o.json)
		rpt_json(st->m, &j->tm, f);
	else
		rpt_text(st->m, f);
}

static void
run_release(struct cli_job *j)
{
	struct run_state *st = j->state;

	rpt_records_free(&st->rec);
	afile_abort(&st->rec_file);   /* unless committed */
	meas_free(st->m);
	scn_free(st->s);
}

static const struct cli_steps run_steps = {
	.state_size = sizeof(struct run_state),
	.load = run_load,
	.work = run_work,
	.files = run_files,
	.print = run_print,
	.release = run_release,
};

static const struct cmd_option run_opt_records =
    { "records", 'E', CMD_VALUE, CMD_TEXT, offsetof(struct cli_opts, records), NULL };

static const struct cmd_option run_opt_records_all =
    { "records-all", 'A', 0, CMD_FLAG, offsetof(struct cli_opts, records_all), NULL };

static const struct cmd_option *const run_options[] = {
	&cli_opt_set, &cli_opt_replications, &cli_opt_seed, &cli_opt_jobs, &cli_opt_json,
	&cli_opt_output, &cli_opt_csv, &run_opt_records, &run_opt_records_all,
	&cli_opt_quiet, NULL
};

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.summary = "SCENARIO.ini [options]  simulate the roster as written",
	.usage = "SCENARIO.ini [options]",
	.help = run_help,
	.options = run_options,
	.operand = "SCENARIO.ini",
	.operand_at = offsetof(struct cli_opts, scenario),
	.style = CMD_STYLE_SCENARIO,
	.check = cli_opts_check,
	.exec = cli_job_exec,
	.job = &run_steps,
};
