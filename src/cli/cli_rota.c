/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_rota.c — a roster's rota for `rota` and `optimize --rota` (cli_rota.h). */
#include "cli_rota.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"

int
cli_rota_solve(struct cli_job *j, const struct scn *s, const int *staff, const char *what,
    struct cli_rota *cr)
{
	if (scn_rota_problem(s, staff, &cr->in, &j->err) != 0)
		return -1;
	cr->in.p.time_limit_s = j->o.time_limit;
	cr->in.p.verbose = j->o.verbose;
	cr->in.p.stop = j->stop;
	/* For the tests: the problem as the rota layer gets it, for the checks
	 * written apart from it (tests/rota_check.py, tests/rota_enum.py). */
	if (getenv("CLINICQ_WRITE_ROTA_PROBLEM") != NULL &&
	    *getenv("CLINICQ_WRITE_ROTA_PROBLEM") != '\0') {
		FILE *f = fopen(getenv("CLINICQ_WRITE_ROTA_PROBLEM"), "w");

		if (f != NULL) {
			rota_problem_json(&cr->in.p, f);
			fclose(f);
		}
	}
	if (rota_check(&cr->in.p, &j->err) != 0) {
		if (j->err.file[0] == '\0')
			snprintf(j->err.file, sizeof j->err.file, "%s", s->file);
		return -1;
	}
	if (j->progress) {
		fprintf(stderr, "rota: searching (at most %.0fs) ...",
		    j->o.time_limit > 0 ? j->o.time_limit : ROTA_TIME_LIMIT);
		j->line_open = 1;
	}
	if (rota_solve(&cr->in.p, j->o.write_dat != NULL, &cr->r, &j->err) != 0)
		return -1;
	cli_progress_end(j);
	cr->pr.p = &cr->in.p;
	cr->pr.r = &cr->r;
	cr->pr.what = what;
	cr->pr.currency = s->currency;
	return 0;
}

int
cli_rota_write_dat(const struct cli_rota *cr, const char *path, struct cq_err *err)
{
	struct afile af;
	FILE *f;

	if (cr->r.dat == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "no rota problem was solved");
	memset(&af, 0, sizeof af);
	if ((f = afile_open(&af, path, err)) == NULL)
		return -1;
	if (fputs(cr->r.dat, f) == EOF) {
		afile_abort(&af);
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write");
	}
	return afile_commit(&af, err);
}

int
cli_rota_finish(const struct cli_rota *cr, const char *cmd)
{
	if (cr->r.feasible)
		return CQ_EXIT_OK;
	fprintf(stderr, "clinicq: %s: no rota within the contracts covers the roster: %s\n",
	    cmd, cr->r.why);
	return CQ_EXIT_NOROSTER;
}

void
cli_rota_free(struct cli_rota *cr)
{
	rota_result_free(&cr->r);
	scn_rota_free(&cr->in);
	memset(cr, 0, sizeof *cr);
}
