/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * theory.h — what the validation tests share: simulate a scenario given as
 * text, and compare an estimate with a closed form.
 *
 * The tolerance rule: theory must lie within TOL_HW half-widths of the
 * simulated 95% Student-t interval (2 half-widths is about a 99.9% interval
 * for 10-20 replications), and the half-width must be below max_rel of the
 * theory, so that a loose interval cannot pass anything.  Seeds are fixed.
 * Include after check.h.
 */
#ifndef CQ_TEST_THEORY_H
#define CQ_TEST_THEORY_H

#include <math.h>
#include <stdio.h>

#include "measure/run.h"
#include "scenario/scn.h"

#define TOL_HW 2.0

/* Load the scenario text and run its replications on two threads.  *sp gets
 * the scenario (NULL if it did not load); the caller frees both. */
static struct meas *
simulate(const char *name, const char *ini, struct scn **sp)
{
	struct cq_err err = { 0 };
	struct run_opts ro = { 0 };
	struct scn *s = scn_load_string(name, ini, NULL, 0, &err);
	struct meas *m;

	*sp = s;
	if (s == NULL) {
		fprintf(stderr, "%s: %s:%d: %s\n", name, err.file, err.line, err.msg);
		return NULL;
	}
	ro.jobs = 2;
	m = run_replications(s, &ro, &err);
	if (m == NULL)
		fprintf(stderr, "%s: %s\n", name, err.msg);
	return m;
}

/* One check: theory within TOL_HW half-widths, half-width below max_rel. */
static void
check_est(const char *what, const struct est *e, double theory, double max_rel)
{
	double hw = (e->hi - e->lo) / 2.0;

	check_count++;
	if (!(fabs(e->mean - theory) <= TOL_HW * hw) || !(hw <= max_rel * fabs(theory))) {
		check_failures++;
		fprintf(stderr, "%s: simulated %.5g [%.5g, %.5g], theory %.5g\n", what,
		    e->mean, e->lo, e->hi, theory);
	} else {
		printf("%s: simulated %.5g [%.5g, %.5g], theory %.5g\n", what, e->mean,
		    e->lo, e->hi, theory);
	}
}

#endif
