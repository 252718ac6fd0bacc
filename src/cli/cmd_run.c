/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_run.c — `clinicq run`: simulate the roster as written. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "cli.h"
#include "report/rpt.h"
#include "measure/run.h"

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
"                           measures.csv (every figure, long form),\n"
"                           replications.csv, provenance.csv\n"
"      --quiet              no progress bar\n"
"  -h, --help               this help\n";

/* After a signal: an error saying nothing was kept.  0 when no signal came. */
static int
interrupted(struct cq_err *err)
{
	if (!cli_stopped())
		return 0;
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0,
	    "interrupted; nothing was kept: no output file was written");
}

struct progress {
	double t0;
	int shown;
};

/* A progress line on stderr, once the work has lasted a second. */
static void
show_progress(void *arg, int done, int total)
{
	struct progress *p = arg;
	double el = cli_now() - p->t0;

	if (el < 1.0 && !p->shown)
		return;
	p->shown = 1;
	fprintf(stderr, "\rreplications %d/%d  %.0fs elapsed, about %.0fs left ", done,
	    total, el, done > 0 ? el * (total - done) / done : 0.0);
	if (done == total)
		fputc('\n', stderr);
}

int
cmd_run(int argc, char **argv)
{
	struct cli_opts o;
	struct cq_err err;
	struct scn *s = NULL;
	struct meas *m = NULL;
	struct run_opts ro;
	struct progress pg;
	struct rpt_timing tm;
	volatile int *stop;
	clock_t c0;
	int rc;

	memset(&err, 0, sizeof err);
	memset(&pg, 0, sizeof pg);
	rc = cli_parse(argc, argv, &o, run_help);
	if (rc != 0)
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	if ((s = cli_load_scenario(&o, &err)) == NULL)
		goto fail;
	/* Find an unwritable output now, not after the simulation. */
	if (cli_probe_outputs(&o, &err) != 0)
		goto fail;

	stop = cli_catch_signals();

	memset(&ro, 0, sizeof ro);
	memset(&tm, 0, sizeof tm);
	ro.jobs = o.jobs;
	ro.stop = stop;
	pg.t0 = cli_now();
	pg.shown = 0;
	if (!o.quiet && isatty(STDERR_FILENO)) {
		ro.progress = show_progress;
		ro.progress_arg = &pg;
	}
	c0 = clock();
	if ((m = run_replications(s, &ro, &err)) == NULL)
		goto fail;
	tm.wall_s = cli_now() - pg.t0;
	tm.cpu_s = (double)(clock() - c0) / CLOCKS_PER_SEC;
	tm.jobs = o.jobs;

	if (interrupted(&err) != 0)
		goto fail;
	/* All output files or none: each is completed under a temporary name,
	 * then, once stdout is written too, all are renamed into place together. */
	afile_batch_begin();
	if (o.xlsx != NULL && rpt_xlsx(m, o.xlsx, &err) != 0)
		goto fail;
	if (o.csv_dir != NULL && rpt_csv(m, o.csv_dir, &err) != 0)
		goto fail;
	if (interrupted(&err) != 0)     /* a signal while writing: print nothing */
		goto fail;
	if (o.json)
		rpt_json(m, &tm, stdout);
	else
		rpt_text(m, stdout);
	if (cli_commit_outputs(&err) != 0)
		goto fail;
	meas_free(m);
	scn_free(s);
	return CQ_EXIT_OK;
fail:
	afile_batch_abort();
	if (cli_stopped() && pg.shown)
		fputc('\n', stderr);   /* end the progress line */
	cq_err_print(&err);
	meas_free(m);
	scn_free(s);
	return err.code ? err.code : CQ_EXIT_FAIL;
}
