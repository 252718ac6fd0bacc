/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt.c — the optimizer as a whole: climb to a roster that meets every
 * target (GLPK solves and simulation cuts), search its neighbourhood, and
 * confirm the answer on an independent seed.  The relaxation is
 * opt_relax.c, GLPK opt_glpk.c, the verdicts and simulations opt_judge.c, the
 * cuts opt_cut.c, the moves opt_search.c.  See opt.h and doc/optimizer.md.
 */
#include "opt_int.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "engine/rng.h"

/* Simulations a round of two-person moves may take: they are many, and only
 * the cheapest repairs are worth a simulation. */
#define OPT_PAIR_BUDGET(ns) (8 * (ns) + 4)
/* With shift design, as many as the written shifts alone would have: the
 * candidates must not multiply the simulations. */
#define OPT_PAIR_COLUMNS(x) ((x)->nfixed < (x)->ns ? (x)->nfixed / 2 : (x)->nfixed)

const char *
opt_phase_name(enum opt_phase p)
{
	static const char *const names[] = { "first", "cut", "remove", "move", "replace",
		"pair", "more", "confirm", "trim" };

	return (unsigned)p < sizeof names / sizeof names[0] ? names[p] : "?";
}

double
opt_roster_cost(const struct scn *s, const int *staff)
{
	double c = 0.0;
	int i;

	for (i = 0; i < s->nshifts; i++)
		c += (staff != NULL ? staff[i] : s->shifts[i].staff) *
		    scn_shift_hours_per_week(s, i) * s->shifts[i].cost_per_hour;
	return c;
}

/* ---- climbing to a roster that meets every target ------------------------ */

/* Shift design: each row is capped at what the shifts can put on duty, but
 * a template's max is shared by all its candidates, so the rows together may
 * ask for more than its persons can give.  Then no roster meets them: the
 * first roster is solved without them (the cheapest within the bounds), the
 * simulation and its cuts say what is missed, and the answer is the best
 * roster found (exit 3).  Returns what opt_solve returns. */
static int
design_fallback(struct opt *x, int *cur, struct cq_err *err)
{
	double *req = x->req;
	int ncuts = x->ncuts, k;

	if ((x->req = calloc((size_t)(x->ng > 0 ? x->ng : 1) * OPT_SLOTS, sizeof *x->req))
	    == NULL) {
		x->req = req;
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	x->ncuts = 0;
	k = opt_solve(x, cur, err);
	free(x->req);
	x->req = req;
	x->ncuts = ncuts;
	if (k == 0)
		snprintf(x->r->fail, sizeof x->r->fail, "the relaxation's rows ask for more "
		    "than the templates' max can put on duty; ");
	return k;
}

/* Solve, simulate, cut, until a roster meets every target on the search's
 * seed (*ok) or no cut can help.  *best is the smallest shortfall seen. */
static int
climb(struct opt *x, int *cur, int first, struct opt_iter **ok, struct opt_iter **best,
    struct cq_err *err)
{
	const struct scn *s = x->s;
	struct opt_result *r = x->r;
	int round, k, maxit = x->o->max_iter > 0 ? x->o->max_iter : OPT_MAX_ITER;
	char atmax[1024];
	struct opt_iter *it;

	*ok = NULL;
	for (round = 0; round < maxit; round++) {
		if ((k = opt_solve(x, cur, err)) < 0)
			return -1;
		if (k > 0 && first && round == 0 && x->nfixed < x->ns &&
		    (k = design_fallback(x, cur, err)) < 0)
			return -1;
		if (k > 0) {
			if (first && round == 0)
				/* Should not happen (requirements are capped at the bounds). */
				return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the first roster "
				    "problem has no solution within the shifts' bounds");
			snprintf(r->fail, sizeof r->fail, "no roster within the shifts' bounds "
			    "satisfies the cuts the simulations added; the best roster found: ");
			return 0;
		}
		memcpy(r->last_solve, cur, (size_t)x->ns * sizeof *cur);
		if ((it = opt_simulate(x, first && round == 0 ? OPT_FIRST : OPT_CUT, cur, err)) == NULL)
			return -1;
		if (*best == NULL || opt_shortfall(s, it->m) < opt_shortfall(s, (*best)->m) ||
		    (opt_shortfall(s, it->m) == opt_shortfall(s, (*best)->m) && it->cost < (*best)->cost))
			*best = it;
		if (it->all_met) {
			*ok = it;
			/* Once: a later climb may come back to the same roster. */
			if (strstr(it->note, "every target met with confidence") == NULL)
				snprintf(it->note + strlen(it->note), sizeof it->note -
				    strlen(it->note), "%severy target met with confidence",
				    it->note[0] ? "; " : "");
			return 0;
		}
		if ((k = opt_sim_cuts(x, it, atmax, sizeof atmax, err)) < 0)
			return -1;
		if (k == 0) {
			snprintf(r->fail, sizeof r->fail, "roster %d, the last tried, misses a "
			    "target with every shift that serves it at its max (%s); the best "
			    "roster found: ", (int)(it - r->iter) + 1, atmax);
			return 0;
		}
	}
	snprintf(r->fail, sizeof r->fail, "no roster met every target within %d rounds of "
	    "cuts; the best roster found: ", maxit);
	return 0;
}

/* ---- the whole --------------------------------------------------------- */

/* Confirm cur on the independent seed.  Returns the run, NULL on error. */
static struct opt_iter *
confirm(struct opt *x, const int *cur, struct cq_err *err)
{
	struct opt_result *r = x->r;
	struct opt_iter *it;

	if ((it = opt_run_once(x, OPT_CONFIRM, cur, r->confirm_seed, r->confirm_replications,
	    err)) == NULL)
		return NULL;
	it->decided = 1;
	snprintf(it->note, sizeof it->note, "confirmation on a fresh seed, %d replications: "
	    "%s", it->replications, it->all_met ? "every target holds with confidence" :
	    "a target fails; the search goes on from this roster");
	return it;
}

int
opt_run(const struct scn *s, const struct opt_opts *o, struct opt_result *r,
    struct cq_err *err)
{
	struct opt x;
	struct opt_iter *it, *best = NULL, *ok = NULL, *conf = NULL;
	int *cur = NULL, rc = -1, k, i, nconf = 0;
	char atmax[1024];

	memset(r, 0, sizeof *r);
	memset(&x, 0, sizeof x);
	x.nfixed = s->nshifts;
	if (s->ntemplates > 0) {
		/* The candidates become ordinary shifts of a copy (opt_design.c). */
		if ((r->design = scn_design(s, err)) == NULL)
			return -1;
		s = r->design;
	}
	r->scn = s;
	r->confirm = -1;
	x.s = s;
	x.o = o;
	x.r = r;
	x.ns = s->nshifts;
	x.nr = s->nroles;
	x.nc = s->nclasses;
	r->baseline_cost = opt_roster_cost(s, NULL);
	/* Independent of the search's streams, and the same for every run. */
	r->confirm_seed = rng_source_key(s->seed, 0, "optimize", "confirmation") &
	    ((UINT64_C(1) << 53) - 1);   /* exact in any JSON reader */
	r->confirm_replications = s->confirm_replications > 0 ? s->confirm_replications :
	    4 * s->replications;
	if (r->confirm_replications > SCN_MAX_REPLICATIONS)
		r->confirm_replications = SCN_MAX_REPLICATIONS;
	if (r->confirm_replications < 2)
		r->confirm_replications = 2;
	if (x.ns < 1)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, 0, "no [shift] to optimize");
	if (opt_model_path(r->model, sizeof r->model, err) != 0)
		return -1;
	x.cost = calloc((size_t)x.ns, sizeof *x.cost);
	x.tiebreak = calloc((size_t)x.ns, sizeof *x.tiebreak);
	x.by_name = calloc((size_t)x.ns, sizeof *x.by_name);
	x.cover = calloc((size_t)x.ns * OPT_SLOTS, sizeof *x.cover);
	x.avail = calloc((size_t)x.ns + 1, sizeof *x.avail);
	x.lam = calloc((size_t)x.nc, sizeof *x.lam);
	x.work = calloc((size_t)x.nc, sizeof *x.work);
	x.serve_mask = calloc((size_t)x.nc, sizeof *x.serve_mask);
	cur = calloc((size_t)x.ns, sizeof *cur);
	r->staff = calloc((size_t)x.ns, sizeof *r->staff);
	r->last_solve = calloc((size_t)x.ns, sizeof *r->last_solve);
	if (x.cost == NULL || x.tiebreak == NULL || x.by_name == NULL || x.cover == NULL ||
	    x.avail == NULL ||
	    x.lam == NULL || x.work == NULL || x.serve_mask == NULL || cur == NULL ||
	    r->staff == NULL || r->last_solve == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	/* Shift indices in the order of their names (insertion: few shifts). */
	for (i = 0; i < x.ns; i++) {
		for (k = i; k > 0 && strcmp(s->shifts[x.by_name[k - 1]].name,
		    s->shifts[i].name) > 0; k--)
			x.by_name[k] = x.by_name[k - 1];
		x.by_name[k] = i;
	}
	if (opt_relax_build(&x, err) != 0)
		goto out;

	if (climb(&x, cur, 1, &ok, &best, err) != 0)
		goto out;
	while (ok != NULL) {
		memcpy(cur, ok->staff, (size_t)x.ns * sizeof *cur);
		do {
			if (opt_local_search(&x, cur, err) != 0)
				goto out;
		} while ((k = opt_pair_search(&x, cur, OPT_PAIR_BUDGET(OPT_PAIR_COLUMNS(&x)),
		    err)) > 0);
		if (k < 0)
			goto out;
		if ((conf = confirm(&x, cur, err)) == NULL)
			goto out;
		if (conf->all_met) {
			r->feasible = 1;
			r->confirm = (int)(conf - r->iter);
			break;
		}
		if (++nconf >= OPT_MAX_CONFIRM) {
			snprintf(r->fail, sizeof r->fail, "the search's rosters met every target "
			    "on its own seed, but none held on fresh random numbers in %d "
			    "confirmations; the last, in its confirmation: ", nconf);
			ok = NULL;
			break;
		}
		/* The search goes on from it: the confirmation's misses cut it off. */
		if ((k = opt_sim_cuts(&x, conf, atmax, sizeof atmax, err)) < 0)
			goto out;
		if (k == 0) {
			snprintf(r->fail, sizeof r->fail, "the search's roster met every target "
			    "on its own seed but not in its confirmation, and every shift that "
			    "could add cover is at its max (%s); in its confirmation: ", atmax);
			ok = NULL;
			break;
		}
		best = NULL;
		if (climb(&x, cur, 0, &ok, &best, err) != 0)
			goto out;
		if (ok == NULL)
			conf = NULL;      /* report the climb's best, not the confirmation */
	}
	if (r->feasible) {
		memcpy(r->staff, cur, (size_t)x.ns * sizeof *cur);
		r->m = opt_find_decided(r, cur, x.ns, s->seed)->m;
	} else if (conf != NULL) {
		/* Met on the search's seed, missed on fresh numbers: the fresh ones tell. */
		opt_describe_misses(s, conf->m, r->fail, sizeof r->fail);
		memcpy(r->staff, conf->staff, (size_t)x.ns * sizeof *cur);
		r->m = conf->m;
	} else {
		if (best == NULL) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "no roster was simulated");
			goto out;
		}
		if (r->fail[0] == '\0')
			snprintf(r->fail, sizeof r->fail, "the best roster found: ");
		opt_describe_misses(s, best->m, r->fail, sizeof r->fail);
		/* Trim what does not help: keep what best meets, worsen nothing. */
		memcpy(cur, best->staff, (size_t)x.ns * sizeof *cur);
		k = (int)(best - r->iter);
		if (opt_trim_best(&x, cur, &r->iter[k], err) != 0)
			goto out;
		it = opt_find_decided(r, cur, x.ns, s->seed);
		memcpy(r->staff, cur, (size_t)x.ns * sizeof *cur);
		r->m = it->m;
	}
	r->cost = opt_roster_cost(s, r->staff);
	rc = 0;
out:
	for (i = 0; i < x.ncuts; i++)
		free(x.cuts[i].a);
	free(x.cuts);
	free(x.cost);
	free(x.tiebreak);
	free(x.by_name);
	free(x.cover);
	free(x.avail);
	free(x.req);
	free(x.load);
	free(x.lam);
	free(x.work);
	free(x.serve_mask);
	free(cur);
	glp_free_env();   /* GLPK's own allocations, kept per thread otherwise */
	return rc;
}

void
opt_result_free(struct opt_result *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->niter; i++) {
		free(r->iter[i].staff);
		meas_free(r->iter[i].m);
	}
	free(r->iter);
	free(r->staff);
	free(r->last_solve);
	free(r->dat);
	scn_free(r->design);
	memset(r, 0, sizeof *r);
}

int
opt_write_dat(const struct opt_result *r, const char *path, struct cq_err *err)
{
	struct afile af;
	FILE *f;

	if (r->dat == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "no problem was solved");
	memset(&af, 0, sizeof af);
	if ((f = afile_open(&af, path, err)) == NULL)
		return -1;
	if (fputs(r->dat, f) == EOF) {
		afile_abort(&af);
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write");
	}
	return afile_commit(&af, err);
}
