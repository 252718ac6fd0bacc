/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_optimize.c — `clinicq optimize`: the cheapest roster that meets every target. */
#include <signal.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "cli.h"
#include "optimize/opt.h"
#include "present/pres.h"

static const char optimize_help[] =
"usage: clinicq optimize SCENARIO.ini [options]\n"
"\n"
"Find the cheapest staff count for every shift (within each shift's min and\n"
"max) such that every class target and the safety target are met with\n"
"confidence (the 95% interval's lower end at or above the target) in\n"
"simulation.  A first roster comes from Erlang C at the modified offered load\n"
"(sync classes) and cumulative fluid constraints (async classes), solved with\n"
"GLPK (models/staffing.mod), any role that serves a class may carry it;\n"
"simulation with common random numbers adds cuts where targets are missed; a\n"
"local search then moves one or two persons (remove one, move one to another\n"
"shift, replace one by two on cheaper shifts) while every target still holds;\n"
"the answer is confirmed on a fresh seed with [scenario] confirm_replications\n"
"(default 4 x replications).  [shift_template] sections add candidate shifts\n"
"(NAME@HH:MM+LENGTH) that the answer may staff, marked 'designed'.  See\n"
"doc/optimizer.md.\n"
"\n"
"Exit status 3 when no roster within the bounds meets the targets: the best\n"
"roster found is printed all the same, with the targets it misses.\n"
"\n"
"options:\n"
"  --set SECTION.KEY=VALUE  override a scenario value (repeatable)\n"
"  -r, --replications N     replications per simulation\n"
"      --seed N             random seed (the same for every roster tried)\n"
"  -j, --jobs N             worker threads (results do not depend on N)\n"
"      --json               print the answer as JSON on stdout\n"
"  -o, --output FILE.xlsx   the workbook, with an Optimization sheet\n"
"      --csv DIR            CSV files of the recommended roster's measures\n"
"      --write-dat FILE     write the data of the last solve, so that\n"
"                           glpsol -m models/staffing.mod -d FILE solves it\n"
"      --write-roster FILE.ini  the scenario with the answer as its staff and the\n"
"                           designed shifts as [shift] sections: clinicq run\n"
"                           FILE.ini plays the recommended roster\n"
"      --verbose            GLPK's output and every round on stderr\n"
"      --quiet              no progress line\n"
"  -h, --help               this help\n";

struct progress {
	double t0;
	int tty, verbose, shown;
	const struct scn *s;
};

/* One line per simulation: on a terminal after a second, always with --verbose. */
static void
show_progress(void *arg, const struct opt_iter *it, int nsims)
{
	struct progress *p = arg;
	double el = cli_now() - p->t0;
	int i;

	if (p->verbose) {
		fprintf(stderr, "optimize: simulation %d (%s): cost %.2f, %s; roster", nsims,
		    opt_phase_name(it->phase), it->cost, it->all_met ? "all targets met" :
		    "targets missed");
		for (i = 0; i < p->s->nshifts; i++)
			fprintf(stderr, " %s=%d", p->s->shifts[i].name, it->staff[i]);
		fputc('\n', stderr);
		return;
	}
	if (!p->tty || (el < 1.0 && !p->shown))
		return;
	p->shown = 1;
	fprintf(stderr, "\roptimize: %d simulations, %.0fs elapsed, last cost %.0f (%s)   ",
	    nsims, el, it->cost, it->all_met ? "met" : "missed");
}


int
cmd_optimize(int argc, char **argv)
{
	struct cli_opts o;
	struct cq_err err;
	struct scn *s = NULL;
	struct opt_result r;
	struct opt_opts oo;
	struct progress pg;
	struct rpt_timing tm;
	volatile int *stop;
	clock_t c0;
	int rc;

	memset(&err, 0, sizeof err);
	memset(&r, 0, sizeof r);
	rc = cli_parse(argc, argv, &o, optimize_help);
	if (rc != 0)
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	if ((s = cli_load_scenario(&o, &err)) == NULL)
		goto fail;
	/* Find an unwritable output now, not after the optimization. */
	if (cli_probe_outputs(&o, &err) != 0)
		goto fail;

	stop = cli_catch_signals();

	memset(&oo, 0, sizeof oo);
	memset(&tm, 0, sizeof tm);
	memset(&pg, 0, sizeof pg);
	oo.jobs = o.jobs;
	oo.verbose = o.verbose;
	oo.stop = stop;
	oo.want_dat = o.write_dat != NULL;
	pg.t0 = cli_now();
	pg.s = s;
	pg.verbose = o.verbose;
	pg.tty = !o.quiet && isatty(STDERR_FILENO);
	if (pg.tty || pg.verbose) {
		oo.progress = show_progress;
		oo.progress_arg = &pg;
	}
	c0 = clock();
	if (opt_run(s, &oo, &r, &err) != 0)
		goto fail;
	if (pg.shown)
		fputc('\n', stderr);
	tm.wall_s = cli_now() - pg.t0;
	tm.cpu_s = (double)(clock() - c0) / CLOCKS_PER_SEC;
	tm.jobs = o.jobs;

	/* All output files or none, renamed into place together. */
	afile_batch_begin();
	if (o.write_dat != NULL && opt_write_dat(&r, o.write_dat, &err) != 0)
		goto fail;
	if (o.write_roster != NULL && pres_opt_roster(&r, o.write_roster, &err) != 0)
		goto fail;
	if (o.xlsx != NULL && pres_opt_xlsx(&r, o.xlsx, &err) != 0)
		goto fail;
	if (o.csv_dir != NULL && rpt_csv(r.m, o.csv_dir, &err) != 0)
		goto fail;
	if (o.json)
		pres_opt_json(&r, &tm, stdout);
	else
		pres_opt_text(&r, &tm, stdout);
	if (cli_commit_outputs(&err) != 0)
		goto fail;
	if (!r.feasible)
		fprintf(stderr, "clinicq: optimize: no roster within the shifts' bounds meets "
		    "every target: %s\n", r.fail);
	rc = r.feasible ? CQ_EXIT_OK : CQ_EXIT_NOROSTER;
	opt_result_free(&r);
	scn_free(s);
	return rc;
fail:
	afile_batch_abort();
	if (pg.shown)
		fputc('\n', stderr);
	cq_err_print(&err);
	opt_result_free(&r);
	scn_free(s);
	return err.code ? err.code : CQ_EXIT_FAIL;
}
