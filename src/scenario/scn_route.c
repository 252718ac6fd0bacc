/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_route.c — care pathways across classes: the traffic equations of the
 * routing that the classes' 'next' keys make, and the check that it ends.
 *
 * With R[i][j] the probability that an item of class i moves on to class j
 * when done, a class's arrival rate is its external rate (from the streams)
 * plus what the other classes send it:
 *
 *     lambda_j = lambda0_j + sum_i lambda_i R[i][j],  i.e.  (I - R^T) lambda = lambda0.
 *
 * A patient takes a finite expected number of steps from every class exactly
 * when the spectral radius of R is below 1; for a non-negative R that is when
 * I - R is invertible with a non-negative inverse (a non-singular M-matrix),
 * whose row sums are the expected steps.  The equations are solved with GSL's
 * LU decomposition.  Items made by escalation (to_class) and by an unreached
 * call (follow_up_class) are not in lambda0: they depend on acuity and on the
 * calls, not on the streams alone.
 */
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scn_int.h"

/* A pivot this small (the matrix has entries of order 1) means I - R is
 * singular as far as doubles can tell: some loop is never left. */
#define ROUTE_PIVOT_MIN 1e-9

/* Expected arrivals per week from the streams: a message stream's per_week by
 * its shares; a reading stream's readings over the alert threshold. */
static void
external_per_week(struct scn *s)
{
	int i, j;

	for (i = 0; i < s->nclasses; i++)
		s->classes[i].per_week_external = 0.0;
	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];

		if (st->kind == SCN_MESSAGE) {
			for (j = 0; j < st->nclasses; j++)
				s->classes[st->class_idx[j]].per_week_external +=
				    st->per_week * st->share[j];
		} else if (st->alert_class >= 0) {
			s->classes[st->alert_class].per_week_external +=
			    st->per_week * dist_sf(&st->value, st->alert_above);
		}
	}
}

/* Whether an item at class c can ever be finished: some class reachable from
 * c (c too) keeps a share below 1.  The loop that is never left is named in
 * the message by following the first route of each class from c. */
static int
can_finish(const struct scn *s, int c)
{
	unsigned char seen[SCN_MAX_CLASSES] = { 0 };
	int stack[SCN_MAX_CLASSES], n = 0, i, k;

	seen[c] = 1;
	stack[n++] = c;
	while (n > 0) {
		const struct scn_class *k0 = &s->classes[stack[--n]];
		double sum = 0.0;

		for (k = 0; k < k0->nnext; k++)
			sum += k0->next_p[k];
		if (sum < 1.0 - 1e-12)
			return 1;
		for (k = 0; k < k0->nnext; k++) {
			i = k0->next_class[k];
			if (k0->next_p[k] > 0.0 && !seen[i]) {
				seen[i] = 1;
				stack[n++] = i;
			}
		}
	}
	return 0;
}

/* Refuse the routing at class c's 'next', naming the loop it enters. */
static int
never_ends(struct ld *ld, int c, const char *why)
{
	const struct scn *s = ld->s;
	const struct scn_ini_ent *e;
	char path[512];
	size_t used;
	unsigned char seen[SCN_MAX_CLASSES] = { 0 };
	int i = c, k;

	ld->sec = ld->class_sec[c];
	scn_ini_label(ld->sec, ld->label, sizeof ld->label);
	used = (size_t)snprintf(path, sizeof path, "%s", s->classes[c].name);
	/* Follow the largest route out of each class until a class repeats. */
	while (!seen[i] && used < sizeof path) {
		const struct scn_class *k0 = &s->classes[i];
		int best = -1;

		seen[i] = 1;
		for (k = 0; k < k0->nnext; k++)
			if (best < 0 || k0->next_p[k] > k0->next_p[best])
				best = k;
		if (best < 0)
			break;
		i = k0->next_class[best];
		used += (size_t)snprintf(path + used, sizeof path - used, " -> %s",
		    s->classes[i].name);
	}
	e = ld_get(ld, "next");
	return ld_err(ld, e, "routing in [%s] next never ends: %s (%s); an item would "
	    "move on for ever, so lower a probability on the loop below 1 in all, "
	    "leaving a share that is finished", ld->label, why, path);
}

/* Solve the traffic equations into each class's per_week, or refuse a routing
 * whose expected number of steps is not finite. */
int
ld_check_routes(struct ld *ld)
{
	struct scn *s = ld->s;
	int n = s->nclasses, i, j, k, sign, any = 0, rc = -1;
	gsl_matrix *a = NULL, *inv = NULL;
	gsl_permutation *perm = NULL;
	gsl_vector *b = NULL, *x = NULL;
	char why[128];

	external_per_week(s);
	for (i = 0; i < n; i++) {
		s->classes[i].per_week = s->classes[i].per_week_external;
		any |= s->classes[i].nnext > 0;
	}
	if (!any)
		return 0;
	/* The graph first: a loop no item leaves is named exactly, whatever the
	 * rounding of the matrix. */
	for (i = 0; i < n; i++)
		if (s->classes[i].nnext > 0 && !can_finish(s, i))
			return never_ends(ld, i, "every item that reaches it moves on again");
	a = gsl_matrix_alloc((size_t)n, (size_t)n);
	inv = gsl_matrix_alloc((size_t)n, (size_t)n);
	perm = gsl_permutation_alloc((size_t)n);
	b = gsl_vector_alloc((size_t)n);
	x = gsl_vector_alloc((size_t)n);
	if (a == NULL || inv == NULL || perm == NULL || b == NULL || x == NULL) {
		cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
		goto out;
	}
	/* A = I - R^T, so that A lambda = lambda0. */
	gsl_matrix_set_identity(a);
	for (i = 0; i < n; i++) {
		const struct scn_class *c = &s->classes[i];

		for (k = 0; k < c->nnext; k++) {
			j = c->next_class[k];
			gsl_matrix_set(a, (size_t)j, (size_t)i,
			    gsl_matrix_get(a, (size_t)j, (size_t)i) - c->next_p[k]);
		}
		gsl_vector_set(b, (size_t)i, c->per_week_external);
	}
	gsl_linalg_LU_decomp(a, perm, &sign);
	/* GSL's solve and invert stop the program on a zero pivot: look first. */
	for (i = 0; i < n; i++) {
		if (!(fabs(gsl_matrix_get(a, (size_t)i, (size_t)i)) >= ROUTE_PIVOT_MIN)) {
			for (j = 0; j < n && s->classes[j].nnext == 0; j++)
				;
			rc = never_ends(ld, j < n ? j : 0, "I - R is singular");
			goto out;
		}
	}
	gsl_linalg_LU_invert(a, perm, inv);
	/* inv = (I - R^T)^-1; its column i summed is the expected number of
	 * steps of an item starting at class i. */
	for (i = 0; i < n; i++) {
		double steps = 0.0;

		for (j = 0; j < n; j++) {
			double v = gsl_matrix_get(inv, (size_t)j, (size_t)i);

			if (!isfinite(v) || v < -1e-9) {
				snprintf(why, sizeof why, "(I - R) has no non-negative inverse");
				rc = never_ends(ld, i, why);
				goto out;
			}
			steps += v;
			s->classes[i].visits[j] = v > 0.0 ? v : 0.0;
		}
		if (!(steps <= 1e9)) {
			snprintf(why, sizeof why, "an item would take %.3g steps on average",
			    steps);
			rc = never_ends(ld, i, why);
			goto out;
		}
	}
	gsl_linalg_LU_solve(a, perm, b, x);
	for (i = 0; i < n; i++) {
		double v = gsl_vector_get(x, (size_t)i);

		/* Rounding may leave -0 or a hair below the external rate. */
		s->classes[i].per_week = v > s->classes[i].per_week_external ? v :
		    s->classes[i].per_week_external;
	}
	rc = 0;
out:
	gsl_vector_free(x);
	gsl_vector_free(b);
	gsl_permutation_free(perm);
	gsl_matrix_free(inv);
	gsl_matrix_free(a);
	return rc;
}
