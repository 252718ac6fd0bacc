/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_sweep.c — `clinicq sweep`: run every point of the [sweep] grid (doc/sweep.md)
 * over threads (-j) and MPI ranks, commit points to SQLite as they finish (--db),
 * and write the JSON, CSV, table and workbook of all points.
 */
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
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
"  -o, --output FILE.xlsx   write the workbook with the Sweep sheet\n"
"      --csv DIR            write DIR/points.csv (one row per point), measures.csv,\n"
"                           replications.csv and provenance.csv\n"
"      --quiet              no progress bar\n"
"  -h, --help               this help\n"
"\n"
"See doc/sweep.md for the SQLite schema and running on a cluster (Slurm).\n";

struct state {
	struct swp *w;
	struct swp_db *db;
	int total, done, done0;   /* done0: points the --db file held already */
	int progress, shown;
	double t0;
};

/* A progress bar on stderr, once the work has lasted a second. */
static void
show_progress(struct state *st)
{
	double el = cli_now() - st->t0, rate, left;
	int new = st->done - st->done0, todo = st->total - st->done0, fill, i;

	if (!st->progress || (el < 1.0 && !st->shown && st->done < st->total))
		return;
	if (!st->shown && st->done == st->total)
		return;
	st->shown = 1;
	rate = el > 0 ? new / el : 0;
	left = new > 0 ? el * (todo - new) / new : 0;
	fill = st->total > 0 ? 30 * st->done / st->total : 30;
	fputs("\rsweep [", stderr);
	for (i = 0; i < 30; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %d/%d points  %.2f/s  about %.0fs left ", st->done, st->total,
	    rate, left);
	if (st->done == st->total)
		fputc('\n', stderr);
}

/* After each point: commit it, move the bar. */
static int
point_done(void *arg, int p, struct cq_err *err)
{
	struct state *st = arg;

	if (st->db != NULL && swp_db_commit(st->db, st->w, p, err) != 0)
		return -1;
	st->done++;
	show_progress(st);
	return 0;
}

/* ---- the command ----------------------------------------------------------------- */

static int
write_outputs(const struct swp *w, const struct cli_opts *o, const struct rpt_timing *tm,
    int ranks, int computed, struct cq_err *err)
{
	if (w->npoints < 1)
		return cq_err_set(err, CQ_EXIT_USAGE, w->file, w->s->sweep.line,
		    "[sweep] has no points; give each 'vary' values");
	/* The workbook and points.csv: both or neither, renamed together after
	 * stdout. */
	afile_batch_begin();
	if (pres_swp_files(w, o->xlsx, o->csv_dir, err) != 0)
		goto out;
	if (o->json)
		pres_swp_json(w, tm, ranks, computed, stdout);
	else
		pres_swp_table(w, stdout);
	/* The files are renamed into place once stdout is written. */
	if (cli_commit_outputs(err) != 0)
		goto out;
	return 0;
out:
	afile_batch_abort();
	return -1;
}

int
cmd_sweep(int argc, char **argv)
{
	struct cli_opts o;
	struct cq_err err;
	struct swp *w = NULL;
	struct state st;
	struct rpt_timing tm;
	volatile int *stop;
	int *todo = NULL, ntodo = 0, p, rank = 0, size = 1, failed, bad_out = 0, rc, ran = 0;
	clock_t c0;

	memset(&err, 0, sizeof err);
	memset(&st, 0, sizeof st);
	if (swp_mpi_init(&argc, &argv, &rank, &size, &err) != 0) {
		cq_err_print(&err);
		return CQ_EXIT_FAIL;
	}
	rc = cli_parse(argc, argv, &o, rank == 0 ? sweep_help : "");
	if (rc == 0 && o.resume && o.db == NULL) {
		fprintf(stderr, "clinicq: sweep: --resume needs --db FILE.sqlite\n");
		rc = -1;
	}
	if (rc != 0) {
		swp_mpi_finalize();
		return rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
	}
	/* Every rank loads and checks every point; rank 0 speaks for them. */
	w = swp_new(o.scenario, o.ov, o.nov, &err);
	if (w != NULL) {
		w->s->set = o.ov;     /* provenance; the options outlive w */
		w->s->nset = o.nset;
	}
	/* Rank 0 writes the outputs: find an unwritable one now, not after every
	 * point has been computed. */
	bad_out = w != NULL && rank == 0 && cli_probe_outputs(&o, &err) != 0;
	failed = swp_mpi_any(w == NULL || bad_out);
	if (failed) {
		if (rank == 0 && (w == NULL || bad_out))
			cq_err_print(&err);
		else if (rank == 0)
			fprintf(stderr, "clinicq: %s: another MPI rank cannot load the scenario\n",
			    o.scenario);
		rc = (w == NULL || bad_out) && err.code ? err.code : CQ_EXIT_USAGE;
		swp_free(w);
		swp_mpi_finalize();
		return rank == 0 ? rc : CQ_EXIT_USAGE;
	}

	stop = cli_catch_signals();

	if (rank != 0) {
		/* A worker: compute what rank 0 hands out, write nothing. */
		rc = swp_mpi_run(w, rank, size, NULL, 0, o.jobs, (volatile const int *)
		    stop, NULL, NULL, &err);
		swp_free(w);
		swp_mpi_finalize();
		return rc == 0 ? CQ_EXIT_OK : CQ_EXIT_FAIL;
	}

	st.w = w;
	st.total = w->npoints;
	if ((todo = calloc((size_t)w->npoints, sizeof *todo)) == NULL) {
		cq_err_set(&err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto fail;
	}
	if (o.db != NULL) {
		/* A sweep its limits refuse must not leave a new --db file behind. */
		if (sim_check_limits(w->s, o.jobs, &err) != 0)
			goto fail;
		if ((st.db = swp_db_open(o.db, o.resume, w, &err)) == NULL ||
		    swp_db_load(st.db, w, &st.done0, &err) != 0)
			goto fail;
	}
	for (p = 0; p < w->npoints; p++)
		if (!w->res[p].done)
			todo[ntodo++] = p;
	st.done = st.done0;
	st.progress = !o.quiet && isatty(STDERR_FILENO);
	st.t0 = cli_now();
	c0 = clock();
	ran = 1;
	if (size > 1)
		rc = swp_mpi_run(w, rank, size, todo, ntodo, o.jobs,
		    stop, point_done, &st, &err);
	else
		rc = swp_run_threads(w, todo, ntodo, o.jobs,
		    stop, point_done, &st, &err);
	if (st.shown && st.done < st.total)
		fputc('\n', stderr);
	if (rc != 0) {
		if (st.db != NULL && st.done > st.done0)
			fprintf(stderr, "clinicq: %s: %d of %d points are saved; --resume "
			    "continues\n", o.db, st.done, st.total);
		goto fail;
	}
	memset(&tm, 0, sizeof tm);
	tm.wall_s = cli_now() - st.t0;
	tm.cpu_s = (double)(clock() - c0) / CLOCKS_PER_SEC;
	tm.jobs = o.jobs;
	if (write_outputs(w, &o, &tm, size, ntodo, &err) != 0)
		goto fail;
	swp_db_close(st.db);
	free(todo);
	swp_free(w);
	swp_mpi_finalize();
	return CQ_EXIT_OK;
fail:
	if (size > 1 && !ran) {
		struct cq_err e2;

		memset(&e2, 0, sizeof e2);    /* release the workers: no points to hand out */
		swp_mpi_run(w, rank, size, todo, 0, o.jobs, NULL, NULL, NULL, &e2);
	}
	cq_err_print(&err);
	swp_db_close(st.db);
	free(todo);
	swp_free(w);
	swp_mpi_finalize();
	return err.code ? err.code : CQ_EXIT_FAIL;
}
