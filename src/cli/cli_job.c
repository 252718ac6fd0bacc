/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cli_job.c — the one skeleton of the commands that load a scenario and
 * write outputs (run, optimize, sweep): each gives its steps (struct
 * cli_steps) and this runs them in order, so that every such command reads
 * its options, refuses an unwritable output before the work, stops cleanly on
 * a signal and keeps all of its output files or none, the same way.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"

/* After a signal: an error saying nothing was kept.  0 when no signal came. */
static int
interrupted(struct cq_err *err)
{
	if (!cli_stopped())
		return 0;
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0,
	    "interrupted; nothing was kept: no output file was written");
}

void
cli_progress_end(struct cli_job *j)
{
	if (j->line_open)
		fputc('\n', stderr);
	j->line_open = 0;
}

/* Read the options, load, probe the outputs.  0 to go on; 1 to stop with
 * status *rc (--help, a usage error: already printed); -1 to stop with
 * j->err. */
static int
set_up(struct cli_job *j, const struct cli_steps *st, int argc, char **argv, int *rc)
{
	int failed;

	if (st->start != NULL && st->start(j, &argc, &argv) != 0)
		return -1;
	memset(&j->o, 0, sizeof j->o);
	j->o.jobs = 1;
	*rc = cmd_parse(j->cmd, argc, argv, &j->o, j->speaker ? 0 : CMD_NO_HELP);
	if (*rc != 0) {
		*rc = *rc > 0 ? CQ_EXIT_OK : CQ_EXIT_USAGE;
		return 1;
	}
	failed = st->load(j) != 0;
	/* Find an unwritable output now, not after the work. */
	if (!failed && j->speaker)
		failed = cli_probe_outputs(&j->o, &j->err) != 0;
	if (st->agree != NULL)
		failed = st->agree(j, failed);
	return failed ? -1 : 0;
}

/* The work, timed, with signals caught and the progress line ended. */
static int
work(struct cli_job *j, const struct cli_steps *st)
{
	int rc;

	j->stop = cli_catch_signals();
	j->progress = !j->o.quiet && isatty(STDERR_FILENO);
	j->t0 = cli_now();
	j->c0 = clock();
	rc = st->work(j);
	cli_progress_end(j);
	j->tm.wall_s = cli_now() - j->t0;
	j->tm.cpu_s = (double)(clock() - j->c0) / CLOCKS_PER_SEC;
	j->tm.jobs = j->o.jobs;
	return rc;
}

/* All output files or none: each is completed under a temporary name, then,
 * once stdout is written too, all are renamed into place together. */
static int
outputs(struct cli_job *j, const struct cli_steps *st)
{
	if (interrupted(&j->err) != 0)
		return -1;
	afile_batch_begin();
	if (st->files != NULL && st->files(j) != 0)
		return -1;
	if (interrupted(&j->err) != 0)     /* a signal while writing: print nothing */
		return -1;
	st->print(j, stdout);
	return cli_commit_outputs(&j->err);
}

int
cli_job_exec(const struct cmd_entry *e, int argc, char **argv)
{
	const struct cli_steps *st = e->job;
	struct cli_job j;
	int rc;

	memset(&j, 0, sizeof j);
	j.cmd = e;
	j.speaker = 1;
	if ((j.state = calloc(1, st->state_size)) == NULL) {
		cmd_say(e, "out of memory");
		return CQ_EXIT_FAIL;
	}
	switch (set_up(&j, st, argc, argv, &rc)) {
	case 1:
		goto out;
	case -1:
		goto fail;
	}
	if (work(&j, st) != 0)
		goto fail;
	rc = CQ_EXIT_OK;
	if (!j.speaker)             /* an MPI worker: rank 0 writes the outputs */
		goto out;
	if (outputs(&j, st) != 0)
		goto fail;
	rc = st->finish != NULL ? st->finish(&j) : CQ_EXIT_OK;
	goto out;
fail:
	afile_batch_abort();
	if (j.speaker)
		cq_err_print(&j.err);
	rc = j.err.code ? j.err.code : CQ_EXIT_FAIL;
out:
	if (st->release != NULL)
		st->release(&j);
	free(j.state);
	return rc;
}
