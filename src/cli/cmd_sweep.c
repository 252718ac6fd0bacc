/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_sweep.c — `clinicq sweep`: run every point of the [sweep] grid (doc/sweep.md)
 * over threads (-j) and MPI ranks, commit points to SQLite as they finish (--db),
 * then write the JSON, CSV, table and workbook of all points (present/pres_swp).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "present/pres.h"
#include "sweep/swp.h"
#include "sweep/swp_db.h"
#include "sweep/swp_mpi.h"

static const char sweep_help[] =
"usage: clinicq sweep SCENARIO.ini [options]\n"
"\n"
"Run the what-if points of the scenario's [sweep] section: every point is the\n"
"scenario with the --set options, then the point's own values, simulated with\n"
"the same seeds.  Under mpirun (or srun) points are spread over the ranks.\n"
"\n"
"options:\n"
"  --set SECTION.KEY=VALUE  override a scenario value for every point (repeatable)\n"
"  -r, --replications N     replications per point\n"
"      --seed N             random seed (overrides [scenario] seed)\n"
"  -j, --jobs N             worker threads (results do not depend on N)\n"
"      --db FILE.sqlite     commit each point to this SQLite file as it finishes\n"
"      --resume             continue the sweep in --db: compute only missing points\n"
"      --json               print {\"points\":[...]} on stdout\n"
"  -o, --output FILE.xlsx   write the workbook: the Sweep and Sweep charts sheets\n"
"      --csv DIR            write DIR/points.csv (one row per point), measures.csv,\n"
"                           replications.csv and provenance.csv\n"
"      --quiet              no progress bar\n"
"  -h, --help               this help\n"
"\n"
"See doc/sweep.md for the SQLite schema and running on a cluster (Slurm).\n";

/* What sweep works on. */
struct sweep_state {
	int rank, size;           /* this MPI rank of size; 0 of 1 without MPI */
	struct swp *w;
	struct swp_db *db;
	int *todo, ntodo;         /* the points to compute: those --db lacks */
	int total, done, done0;   /* done0: points the --db file held already */
	int agreed;               /* every rank loaded the scenario */
	int ran;                  /* the ranks were handed the points */
};

/* A progress bar on stderr, once the work has lasted a second. */
static void
show_progress(struct cli_job *j, struct sweep_state *st)
{
	double el = cli_now() - j->t0, rate, left;
	int new = st->done - st->done0, todo = st->total - st->done0, fill, i;

	if (!j->progress || (el < 1.0 && !j->line_open && st->done < st->total))
		return;
	if (!j->line_open && st->done == st->total)
		return;
	j->line_open = 1;
	rate = el > 0 ? new / el : 0;
	left = new > 0 ? el * (todo - new) / new : 0;
	fill = st->total > 0 ? 30 * st->done / st->total : 30;
	fputs("\rsweep [", stderr);
	for (i = 0; i < 30; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %d/%d points  %.2f/s  about %.0fs left ", st->done, st->total,
	    rate, left);
	if (st->done == st->total)
		cli_progress_end(j);
}

/* After each point: commit it, move the bar. */
static int
point_done(void *arg, int p, struct cq_err *err)
{
	struct cli_job *j = arg;
	struct sweep_state *st = j->state;

	if (st->db != NULL && swp_db_commit(st->db, st->w, p, err) != 0)
		return -1;
	st->done++;
	show_progress(j, st);
	return 0;
}

/* MPI first: it may take arguments of its own.  Rank 0 speaks for all. */
static int
sweep_start(struct cli_job *j, int *argc, char ***argv)
{
	struct sweep_state *st = j->state;

	st->size = 1;
	if (swp_mpi_init(argc, argv, &st->rank, &st->size, &j->err) != 0)
		return -1;
	j->speaker = st->rank == 0;
	return 0;
}

/* Every rank loads and checks every point. */
static int
sweep_load(struct cli_job *j)
{
	struct sweep_state *st = j->state;

	if ((st->w = swp_new(j->o.scenario, j->o.ov, j->o.nov, &j->err)) == NULL)
		return -1;
	st->w->s->set = j->o.ov;     /* provenance; the options outlive w */
	st->w->s->nset = j->o.nset;
	return 0;
}

/* Go on only if every rank loaded (and rank 0 can write its outputs); rank 0
 * says why not, the others stay silent. */
static int
sweep_agree(struct cli_job *j, int failed)
{
	struct sweep_state *st = j->state;

	if (!swp_mpi_any(failed)) {
		st->agreed = 1;
		return 0;
	}
	if (!j->speaker)
		j->err.code = CQ_EXIT_USAGE;
	else if (!failed)
		cq_err_set(&j->err, CQ_EXIT_USAGE, j->o.scenario, 0,
		    "another MPI rank cannot load the scenario");
	else if (j->err.code == 0)
		j->err.code = CQ_EXIT_USAGE;
	return -1;
}

/* Rank 0: open --db (a sweep its limits refuse must not leave a new file
 * behind) and list the points it lacks. */
static int
sweep_plan(struct cli_job *j, struct sweep_state *st)
{
	struct swp *w = st->w;
	int p;

	st->total = w->npoints;
	if ((st->todo = calloc((size_t)w->npoints, sizeof *st->todo)) == NULL)
		return cq_err_set(&j->err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (j->o.db != NULL) {
		if (sim_check_limits(w->s, j->o.jobs, &j->err) != 0)
			return -1;
		if ((st->db = swp_db_open(j->o.db, j->o.resume, w, &j->err)) == NULL ||
		    swp_db_load(st->db, w, &st->done0, &j->err) != 0)
			return -1;
	}
	for (p = 0; p < w->npoints; p++)
		if (!w->res[p].done)
			st->todo[st->ntodo++] = p;
	st->done = st->done0;
	return 0;
}

/* A worker computes what rank 0 hands out; rank 0 hands out the points
 * (computing some itself) or, alone, runs them over threads. */
static int
sweep_work(struct cli_job *j)
{
	struct sweep_state *st = j->state;
	int rc;

	if (!j->speaker) {
		st->ran = 1;
		rc = swp_mpi_run(st->w, st->rank, st->size, NULL, 0, j->o.jobs,
		    (volatile const int *)j->stop, NULL, NULL, &j->err);
		if (rc != 0)
			j->err.code = CQ_EXIT_FAIL;    /* silent: rank 0 reports */
		return rc;
	}
	if (sweep_plan(j, st) != 0)
		return -1;
	/* The clock starts with the points: the rate counts them. */
	j->t0 = cli_now();
	j->c0 = clock();
	st->ran = 1;
	if (st->size > 1)
		rc = swp_mpi_run(st->w, st->rank, st->size, st->todo, st->ntodo, j->o.jobs,
		    j->stop, point_done, j, &j->err);
	else
		rc = swp_run_threads(st->w, st->todo, st->ntodo, j->o.jobs, j->stop,
		    point_done, j, &j->err);
	cli_progress_end(j);
	if (rc != 0 && st->db != NULL && st->done > st->done0)
		fprintf(stderr, "clinicq: %s: %d of %d points are saved; --resume "
		    "continues\n", j->o.db, st->done, st->total);
	return rc;
}

/* The workbook and points.csv: both or neither, renamed together after
 * stdout. */
static int
sweep_files(struct cli_job *j)
{
	const struct swp *w = ((struct sweep_state *)j->state)->w;

	if (w->npoints < 1)
		return cq_err_set(&j->err, CQ_EXIT_USAGE, w->file, w->s->sweep.line,
		    "[sweep] has no points; give each 'vary' values");
	return pres_swp_files(w, j->o.xlsx, j->o.csv_dir, &j->err);
}

static void
sweep_print(struct cli_job *j, FILE *f)
{
	const struct sweep_state *st = j->state;

	if (j->o.json)
		pres_swp_json(st->w, &j->tm, st->size, st->ntodo, f);
	else
		pres_swp_table(st->w, f);
}

static void
sweep_release(struct cli_job *j)
{
	struct sweep_state *st = j->state;

	if (st->agreed && st->size > 1 && !st->ran) {
		struct cq_err e2;

		memset(&e2, 0, sizeof e2);    /* release the workers: no points to hand out */
		swp_mpi_run(st->w, st->rank, st->size, st->todo, 0, j->o.jobs, NULL, NULL,
		    NULL, &e2);
	}
	swp_db_close(st->db);
	free(st->todo);
	swp_free(st->w);
	swp_mpi_finalize();
}

static const struct cli_steps sweep_steps = {
	.state_size = sizeof(struct sweep_state),
	.start = sweep_start,
	.load = sweep_load,
	.agree = sweep_agree,
	.work = sweep_work,
	.files = sweep_files,
	.print = sweep_print,
	.release = sweep_release,
};

/* After the shared checks: --resume continues a --db. */
static int
sweep_check(const struct cmd_entry *e, void *opts)
{
	const struct cli_opts *o = opts;

	if (cli_opts_check(e, opts) != 0)
		return -1;
	if (o->resume && o->db == NULL)
		return cmd_usage(e, "--resume needs --db FILE.sqlite");
	return 0;
}

static const struct cmd_option sweep_opt_db =
    { "db", 'B', CMD_VALUE, CMD_TEXT, offsetof(struct cli_opts, db), NULL };
static const struct cmd_option sweep_opt_resume =
    { "resume", 'R', 0, CMD_FLAG, offsetof(struct cli_opts, resume), NULL };

static const struct cmd_option *const sweep_options[] = {
	&cli_opt_set, &cli_opt_replications, &cli_opt_seed, &cli_opt_jobs, &sweep_opt_db,
	&sweep_opt_resume, &cli_opt_json, &cli_opt_output, &cli_opt_csv, &cli_opt_quiet,
	NULL
};

const struct cmd_entry cmd_sweep_entry = {
	.name = "sweep",
	.summary = "SCENARIO.ini [options]  run the what-if points of its [sweep]",
	.usage = "SCENARIO.ini [options]",
	.help = sweep_help,
	.options = sweep_options,
	.operand = "SCENARIO.ini",
	.operand_at = offsetof(struct cli_opts, scenario),
	.style = CMD_STYLE_SCENARIO,
	.check = sweep_check,
	.exec = cli_job_exec,
	.job = &sweep_steps,
};
