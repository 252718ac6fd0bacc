/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_optimize.c — `clinicq optimize`: the cheapest roster that meets every target. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_rota.h"
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
"Exit status 3 when no roster within the bounds meets the targets: the output\n"
"first says why and what would help (no one is added for a target that no\n"
"staff can meet), then the best roster found, with the targets it misses.\n"
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
"      --rota               people too: the rota of the recommended roster\n"
"                           (as clinicq rota), and among rosters that meet\n"
"                           every target within 10% of its hours cost, the\n"
"                           one cheapest in people (confirmed the same way);\n"
"                           --write-dat then also writes FILE.rota.dat\n"
"      --time-limit SECONDS with --rota: the most the rota's search may take\n"
"                           (default 60; rosters compared take a quarter)\n"
"      --verbose            every simulation the search ran in the text (by\n"
"                           default one line counts them), and GLPK's output\n"
"                           and every round on stderr\n"
"      --quiet              no progress line\n"
"  -h, --help               this help\n";

/* What optimize works on. */
struct optimize_state {
	struct scn *s;
	struct opt_result r;
	struct cli_job *j;
	struct cli_rota cr;       /* --rota: the answer's rota */
	int has_rota;
	struct pres_change *ch;   /* what the answer changed, and why */
	int nch;
};

/* One line per simulation: on a terminal after a second, always with --verbose. */
static void
show_progress(void *arg, const struct opt_iter *it, int nsims)
{
	struct cli_job *j = arg;
	/* The roster indexes the scenario optimized (with templates or by_day
	 * shifts, the derived copy); its written shifts, a split one whole. */
	const struct scn *s = ((struct optimize_state *)j->state)->r.scn;
	double el = cli_now() - j->t0;
	struct scn_rshift r;
	char buf[160];
	int i;

	if (j->o.verbose) {
		fprintf(stderr, "optimize: simulation %d (%s): cost %.2f, %s; roster", nsims,
		    opt_phase_name(it->phase), it->cost, it->all_met ? "all targets met" :
		    "targets missed");
		for (i = 0; i < s->nshifts && s->shifts[i].tmpl == 0; i++) {
			if (!scn_rshift_at(s, it->as_written ? NULL : it->staff, i, &r))
				continue;
			scn_by_day_format(r.staff, r.days, buf, sizeof buf);
			fprintf(stderr, scn_by_day_varies(r.staff, r.days) ? " %s=(%s)" : " %s=%s",
			    r.name, buf);
		}
		fputc('\n', stderr);
		return;
	}
	if (!j->progress || (el < 1.0 && !j->line_open))
		return;
	j->line_open = 1;
	fprintf(stderr, "\roptimize: %d simulations, %.0fs elapsed, last cost %.0f (%s)   ",
	    nsims, el, it->cost, it->all_met ? "met" : "missed");
}

static int
optimize_load(struct cli_job *j)
{
	struct optimize_state *st = j->state;

	st->s = cli_load_scenario(&j->o, &j->err);
	return st->s != NULL ? 0 : -1;
}

/* --rota: the weekly cost of the people roster staff of s needs, or -1 when
 * no rota covers it (or it could not be found): rosters compared are
 * searched for a quarter of the rota's time limit. */
static double
people_cost(void *arg, const struct scn *s, const int *staff)
{
	struct optimize_state *st = arg;
	struct cli_job *j = st->j;
	struct scn_rota in;
	struct rota_result r;
	struct cq_err err;
	double cost = -1;

	memset(&r, 0, sizeof r);
	memset(&err, 0, sizeof err);
	if (scn_rota_problem(s, staff, &in, &err) != 0)
		return -1;
	in.p.time_limit_s = (j->o.time_limit > 0 ? j->o.time_limit : ROTA_TIME_LIMIT) / 4;
	in.p.stop = j->stop;
	if (rota_check(&in.p, &err) == 0 && rota_solve(&in.p, 0, &r, &err) == 0 &&
	    r.feasible)
		cost = r.cost_per_week;
	rota_result_free(&r);
	scn_rota_free(&in);
	return cost;
}

static int
optimize_work(struct cli_job *j)
{
	struct optimize_state *st = j->state;
	struct opt_opts oo;

	memset(&oo, 0, sizeof oo);
	oo.jobs = j->o.jobs;
	oo.verbose = j->o.verbose;
	oo.stop = j->stop;
	oo.want_dat = j->o.write_dat != NULL;
	if (j->progress || j->o.verbose) {
		oo.progress = show_progress;
		oo.progress_arg = j;
	}
	st->j = j;
	if (j->o.rota) {
		oo.people_cost = people_cost;
		oo.people_arg = st;
	}
	if (opt_run(st->s, &oo, &st->r, &j->err) != 0)
		return -1;
	if ((st->nch = pres_opt_changes(&st->r, &st->ch)) < 0)
		return cq_err_set(&j->err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (!j->o.rota)
		return 0;
	st->has_rota = 1;
	return cli_rota_solve(j, st->r.scn, st->r.staff, st->r.feasible ?
	    " of the recommended roster" : " of the best roster found", &st->cr);
}

/* --write-dat FILE with --rota: the rota's data beside it, FILE.rota.dat. */
static int
write_rota_dat(struct cli_job *j, const struct cli_rota *cr)
{
	size_t n = strlen(j->o.write_dat) + sizeof ".rota.dat";
	char *path = malloc(n);
	int rc;

	if (path == NULL)
		return cq_err_set(&j->err, CQ_EXIT_FAIL, "", 0, "out of memory");
	snprintf(path, n, "%s.rota.dat", j->o.write_dat);
	rc = cli_rota_write_dat(cr, path, &j->err);
	free(path);
	return rc;
}

/* The answer's rota to present, or NULL without --rota. */
static const struct pres_rota *
answer_rota(const struct optimize_state *st)
{
	return st->has_rota ? &st->cr.pr : NULL;
}

static int
optimize_files(struct cli_job *j)
{
	const struct optimize_state *st = j->state;
	const struct opt_result *r = &st->r;
	const struct cli_opts *o = &j->o;

	if (o->write_dat != NULL && opt_write_dat(r, o->write_dat, &j->err) != 0)
		return -1;
	if (o->write_dat != NULL && st->has_rota && write_rota_dat(j, &st->cr) != 0)
		return -1;
	if (o->write_roster != NULL && pres_opt_roster(r, o->write_roster, &j->err) != 0)
		return -1;
	if (o->xlsx != NULL && pres_opt_xlsx(r, st->ch, st->nch, answer_rota(st), o->xlsx, &j->err) != 0)
		return -1;
	if (o->csv_dir != NULL && rpt_csv(r->m, o->csv_dir, &j->err) != 0)
		return -1;
	if (o->csv_dir != NULL && st->has_rota && pres_rota_csv(r->scn, &st->cr.in.p,
	    &st->cr.r, o->csv_dir, &j->err) != 0)
		return -1;
	return 0;
}

static void
optimize_print(struct cli_job *j, FILE *f)
{
	const struct optimize_state *st = j->state;

	if (j->o.json)
		pres_opt_json(&st->r, st->ch, st->nch, answer_rota(st), &j->tm, f);
	else
		pres_opt_text(&st->r, st->ch, st->nch, answer_rota(st), &j->tm, j->o.verbose, f);
}

/* Exit status 3 when no roster meets the targets (the best was still
 * written), or with --rota when no rota covers the answer. */
static int
optimize_finish(struct cli_job *j)
{
	const struct optimize_state *st = j->state;
	const struct opt_result *r = &st->r;

	if (r->feasible)
		return st->has_rota ? cli_rota_finish(&st->cr, "optimize --rota") : CQ_EXIT_OK;
	/* A target beyond reach: its reason, first of the diagnosis that the
	 * output gives in full. */
	fprintf(stderr, "clinicq: optimize: no roster within the shifts' bounds meets "
	    "every target: %s\n", r->beyond && r->ndiag > 0 ? r->diag[0] : r->fail);
	return CQ_EXIT_NOROSTER;
}

static void
optimize_release(struct cli_job *j)
{
	struct optimize_state *st = j->state;

	cli_rota_free(&st->cr);
	free(st->ch);
	opt_result_free(&st->r);
	scn_free(st->s);
}

static const struct cli_steps optimize_steps = {
	.state_size = sizeof(struct optimize_state),
	.load = optimize_load,
	.work = optimize_work,
	.files = optimize_files,
	.print = optimize_print,
	.finish = optimize_finish,
	.release = optimize_release,
};

static const struct cmd_option optimize_opt_write_roster =
    { "write-roster", 'W', CMD_VALUE, CMD_TEXT,
    offsetof(struct cli_opts, write_roster), NULL };

static const struct cmd_option optimize_opt_rota =
    { "rota", 'P', 0, CMD_FLAG, offsetof(struct cli_opts, rota), NULL };

static const struct cmd_option *const optimize_options[] = {
	&cli_opt_set, &cli_opt_replications, &cli_opt_seed, &cli_opt_jobs, &cli_opt_json,
	&cli_opt_output, &cli_opt_csv, &cli_opt_write_dat, &optimize_opt_write_roster,
	&optimize_opt_rota, &cli_opt_time_limit, &cli_opt_verbose, &cli_opt_quiet, NULL
};

const struct cmd_entry cmd_optimize_entry = {
	.name = "optimize",
	.summary = "SCENARIO.ini [options]  find the cheapest roster that meets every target",
	.usage = "SCENARIO.ini [options]",
	.help = optimize_help,
	.options = optimize_options,
	.operand = "SCENARIO.ini",
	.operand_at = offsetof(struct cli_opts, scenario),
	.style = CMD_STYLE_SCENARIO,
	.check = cli_opts_check,
	.exec = cli_job_exec,
	.job = &optimize_steps,
};
