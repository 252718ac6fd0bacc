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
#include "measure/run.h"

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
		"pair", "more", "confirm", "trim", "baseline", "max" };

	return (unsigned)p < sizeof names / sizeof names[0] ? names[p] : "?";
}

double
opt_roster_cost(const struct scn *s, const int *staff)
{
	double c = 0.0;
	int i;

	for (i = 0; i < s->nshifts; i++)
		c += scn_shift_person_hours_per_week(s, i, staff) * s->shifts[i].cost_per_hour;
	return c;
}

/* ---- climbing to a roster that meets every target ------------------------ */

/* The roster as written (no designed shift staffed); a shift whose staff
 * differs by day (by_day = no) at its busiest day's, within its bounds: the
 * nearest roster of one number per shift. */
static void
baseline_roster(const struct opt *x, int *staff)
{
	int i;

	for (i = 0; i < x->ns; i++) {
		const struct scn_shift *sh = &x->s->shifts[i];

		staff[i] = i < x->nfixed ? sh->staff : 0;
		if (staff[i] > sh->max)
			staff[i] = sh->max;
		if (staff[i] < sh->min)
			staff[i] = sh->min;
	}
}

/* --verbose: the rows of the relaxation, generated and kept, and the
 * programme's size. */
static void
report_rows(const struct opt *x)
{
	static const char *const kind[OPT_ROW_KINDS] = { "fluid", "keeping-up",
		"simulation cuts", "utilization cuts" };
	long in[OPT_ROW_KINDS] = { 0 };
	int k;

	fprintf(stderr, "optimize: %d role groups; coverage rows: %ld, %ld implied by "
	    "another slot's, %ld in the programme\n", x->ng, x->cover_rows, x->cover_dropped,
	    x->cover_rows - x->cover_dropped);
	for (k = 0; k < x->ncuts; k++)
		if (x->cuts[k].lp_row != 0)
			in[x->cuts[k].kind]++;
	for (k = 0; k < OPT_ROW_KINDS; k++) {
		const struct opt_rowstat *st = &x->rows[k];

		if (k == OPT_ROW_FLUID || k == OPT_ROW_KEEPUP)
			fprintf(stderr, "optimize: %s rows: %ld generated, %ld implied by another "
			    "row, %ld met by the shifts' min, %ld beyond their max; %ld kept, %ld "
			    "of them in the programme\n", kind[k], st->considered, st->dominated,
			    st->at_min, st->beyond, st->kept, in[k]);
		else
			fprintf(stderr, "optimize: %s: %ld in the programme\n", kind[k], in[k]);
	}
	fprintf(stderr, "optimize: the programme has %d rows and %d columns\n",
	    x->lp != NULL ? glp_get_num_rows(x->lp) : 0,
	    x->lp != NULL ? glp_get_num_cols(x->lp) : 0);
}

/* Iteration a is a better "best roster" than b (-1: none): the smaller
 * shortfall, then the cheaper. */
static int
better(const struct opt *x, int a, int b)
{
	const struct opt_iter *u = &x->r->iter[a], *v;
	double su, sv;

	if (b < 0)
		return 1;
	v = &x->r->iter[b];
	/* A target beyond reach does not choose: persons added for it only cost. */
	su = opt_shortfall_within(x, u->m);
	sv = opt_shortfall_within(x, v->m);
	return su < sv || (su == sv && u->cost < v->cost);
}

static void
note_met(struct opt_iter *it)
{
	/* Once: a later climb may come back to the same roster. */
	if (strstr(it->note, "every target met with confidence") == NULL)
		snprintf(it->note + strlen(it->note), sizeof it->note - strlen(it->note),
		    "%severy target met with confidence", it->note[0] ? "; " : "");
}

/* The first solve: the relaxation, or without it when its rows ask more than
 * the templates' max can give (design_fallback), or the roster as written
 * when GLPK finds no integer roster in time.  Returns opt_solve's codes. */
static int
first_solve(struct opt *x, int *cur, struct cq_err *err)
{
	int k = opt_solve(x, cur, 0, err);

	if (k == 1 && x->nfixed < x->ns) {
		/* The coverage requirements are an approximation: without them
		 * for the rest of the search. */
		opt_drop_cover(x);
		if ((k = opt_solve(x, cur, 0, err)) == 0)
			snprintf(x->r->fail, sizeof x->r->fail, "the Erlang C requirements ask "
			    "for more than the templates' max can put on duty, so the search "
			    "went on without them; ");
	}
	if (k == 1 && x->nfixed < x->ns && (k = opt_solve(x, cur, 1, err)) == 0)
		snprintf(x->r->fail, sizeof x->r->fail, "the relaxation's rows ask for more "
		    "than the templates' max can put on duty; ");
	if (k == 1)
		/* Should not happen (requirements are capped at the bounds). */
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the first roster problem has "
		    "no solution within the shifts' bounds");
	if (k == 2)
		baseline_roster(x, cur);
	return k < 0 ? -1 : k == 2 ? 3 : 0;
}

/* Solve, simulate, cut, until a roster meets every target on the search's
 * seed (*ok, an iteration's index) or no cut can help.  *best is the
 * smallest shortfall seen. */
static int
climb(struct opt *x, int *cur, int first, int *ok, int *best, struct cq_err *err)
{
	struct opt_result *r = x->r;
	int round, k, maxit = x->o->max_iter > 0 ? x->o->max_iter : OPT_MAX_ITER, i, timed;
	char atmax[1024];
	struct opt_iter *it;

	*ok = -1;
	for (round = 0; round < maxit; round++) {
		k = first && round == 0 ? first_solve(x, cur, err) : opt_solve(x, cur, 0, err);
		if (k < 0)
			return -1;
		timed = x->last_timed_out ? k == 3 ? 2 : 1 : 0;
		if (k == 3)
			k = 0;        /* no integer roster in time: the roster as written */
		if (k == 1) {
			snprintf(r->fail, sizeof r->fail, "no roster within the shifts' bounds "
			    "satisfies the cuts the simulations added; the best roster found: ");
			return 0;
		}
		if (k == 2) {
			snprintf(r->fail, sizeof r->fail, "GLPK found no integer roster within "
			    "its time limit (%d s) once the simulations' cuts were added; the "
			    "best roster found: ", (x->nfixed < x->ns ? OPT_DESIGN_TM_LIM :
			    OPT_TM_LIM) / 1000);
			return 0;
		}
		memcpy(r->last_solve, cur, (size_t)x->ns * sizeof *cur);
		if ((it = opt_simulate(x, first && round == 0 ? OPT_FIRST : OPT_CUT, cur, err)) == NULL)
			return -1;
		if (timed == 2 && strstr(it->note, "time limit") == NULL)
			snprintf(it->note + strlen(it->note), sizeof it->note - strlen(it->note),
			    "%sGLPK found no integer roster within its time limit: the roster as "
			    "written", it->note[0] ? "; " : "");
		else if (timed == 1 && strstr(it->note, "time limit") == NULL)
			snprintf(it->note + strlen(it->note), sizeof it->note - strlen(it->note),
			    "%sGLPK's time limit: the best integer roster it found, within %.2f%% "
			    "of the optimum of its programme", it->note[0] ? "; " : "",
			    100 * x->last_gap);
		i = (int)(it - r->iter);
		if (better(x, i, *best))
			*best = i;
		if (it->all_met) {
			*ok = i;
			note_met(it);
			return 0;
		}
		if ((k = opt_sim_cuts(x, it, atmax, sizeof atmax, err)) < 0)
			return -1;
		if (k == 0 && atmax[0] == '\0') {
			snprintf(r->fail, sizeof r->fail, "roster %d, the last tried, misses a "
			    "target that no roster within the shifts' bounds can meet; the best "
			    "roster found: ", i + 1);
			return 0;
		}
		if (k == 0) {
			snprintf(x->atmax, sizeof x->atmax, "%s", atmax);
			snprintf(r->fail, sizeof r->fail, "roster %d, the last tried, misses a "
			    "target with every shift that serves it at its max (%s); the best "
			    "roster found: ", i + 1, atmax);
			return 0;
		}
	}
	snprintf(r->fail, sizeof r->fail, "no roster met every target within %d rounds of "
	    "cuts; the best roster found: ", maxit);
	return 0;
}

/* ---- confirmation ------------------------------------------------------- */

/* Confirm a roster on the independent seed, with more replications (2, 4, 8
 * times confirm_replications) while it meets every target on average but
 * not all with confidence, as the search does on its own seed.  Returns the
 * deciding run's index, -1 on error. */
int
opt_confirm(struct opt *x, const int *cur, struct cq_err *err)
{
	struct opt_result *r = x->r;
	struct opt_iter *it;
	int k, n = r->confirm_replications, prev;

	if ((it = opt_run_once(x, OPT_CONFIRM, cur, r->confirm_seed, n, 1, err)) == NULL)
		return -1;
	for (k = 2; k <= 8 && !it->all_met && opt_none_missed(x->s, it->m) &&
	    !opt_more_futile(x->s, it->m, it->replications) &&
	    n * k <= SCN_MAX_REPLICATIONS; k *= 2) {
		snprintf(it->note, sizeof it->note, "confirmation on a fresh seed, %d "
		    "replications: every target met on average, not all with confidence; "
		    "more replications", it->replications);
		prev = (int)(it - r->iter);
		if ((it = opt_extend(x, OPT_CONFIRM, prev, n * k, 1, err)) == NULL)
			return -1;
		meas_slim(r->iter[prev].m);
	}
	if (!it->all_met)
		meas_slim(it->m);
	it->decided = 1;
	snprintf(it->note, sizeof it->note, "confirmation on a fresh seed, %d replications: "
	    "%s", it->replications, it->all_met ? "every target holds with confidence" :
	    "a target fails; the search goes on from this roster");
	return (int)(it - r->iter);
}

/* ---- the whole --------------------------------------------------------- */

/* Allocate the optimizer's arrays and the result's; the shifts in the
 * order of their names.  Returns 0, -1 with err. */
static int
setup(struct opt *x, const struct scn *s, struct opt_result *r, struct cq_err *err)
{
	int i, k;

	x->cost = calloc((size_t)x->ns, sizeof *x->cost);
	x->tiebreak = calloc((size_t)x->ns, sizeof *x->tiebreak);
	x->by_name = calloc((size_t)x->ns, sizeof *x->by_name);
	x->cover = calloc((size_t)x->ns * OPT_SLOTS, sizeof *x->cover);
	x->avail = calloc((size_t)x->ns + 1, sizeof *x->avail);
	x->lam = calloc((size_t)x->nc, sizeof *x->lam);
	x->work = calloc((size_t)x->nc, sizeof *x->work);
	x->work_h = calloc((size_t)x->nc, sizeof *x->work_h);
	x->serve_mask = calloc((size_t)x->nc, sizeof *x->serve_mask);
	r->staff = calloc((size_t)x->ns, sizeof *r->staff);
	r->last_solve = calloc((size_t)x->ns, sizeof *r->last_solve);
	if (x->cost == NULL || x->tiebreak == NULL || x->by_name == NULL || x->cover == NULL ||
	    x->avail == NULL || x->lam == NULL || x->work == NULL || x->work_h == NULL ||
	    x->serve_mask == NULL ||
	    r->staff == NULL || r->last_solve == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	/* Dominance profiles: one per role, on call or not, skipping holidays
	 * or not, among the shifts. */
	if ((x->pk_of = calloc((size_t)x->ns, sizeof *x->pk_of)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (i = 0; i < x->ns; i++) {
		const struct scn_shift *a = &s->shifts[i];

		for (k = 0; k < i; k++) {
			const struct scn_shift *b = &s->shifts[k];

			if (a->role == b->role && !a->on_call == !b->on_call &&
			    !a->skip_holidays == !b->skip_holidays)
				break;
		}
		x->pk_of[i] = k < i ? x->pk_of[k] : x->npk++;
	}
	if ((x->zprof = calloc((size_t)x->npk * OPT_SLOTS, sizeof *x->zprof)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	/* Insertion: few shifts, or candidates already in name order. */
	for (i = 0; i < x->ns; i++) {
		for (k = i; k > 0 && strcmp(s->shifts[x->by_name[k - 1]].name,
		    s->shifts[i].name) > 0; k--)
			x->by_name[k] = x->by_name[k - 1];
		x->by_name[k] = i;
	}
	return 0;
}

static void
teardown(struct opt *x)
{
	opt_lp_free(x);
	opt_cuts_free(x);
	free(x->cost);
	free(x->tiebreak);
	free(x->by_name);
	free(x->cover);
	free(x->avail);
	free(x->req);
	free(x->load);
	free(x->lam);
	free(x->work);
	free(x->work_h);
	free(x->serve_mask);
	free(x->pk_of);
	free(x->zprof);
	free(x->reach);
	glp_free_env();   /* GLPK's own allocations, kept per thread otherwise */
}

/* The roster to search from: the climb's, or the roster as written when it
 * meets every target too and costs less (or the climb found none). */
static int
start_from(const struct opt *x, int ok, int base)
{
	const struct opt_iter *it = x->r->iter;

	/* Not the roster as written by day: no roster of the search is it. */
	if (base >= 0 && !it[base].as_written && it[base].all_met &&
	    (ok < 0 || it[base].cost < it[ok].cost))
		return base;
	return ok;
}

/* Search and confirm until a roster holds on the fresh seed, or no more can
 * be tried.  *conf: the last failed confirmation (-1: none), *best. */
static int
search(struct opt *x, int *cur, int ok, int *conf, int *best, struct cq_err *err)
{
	struct opt_result *r = x->r;
	int k, nconf = 0, c;
	char atmax[1024];

	while (ok >= 0) {
		memcpy(cur, r->iter[ok].staff, (size_t)x->ns * sizeof *cur);
		do {
			if (opt_local_search(x, cur, err) != 0)
				return -1;
		} while ((k = opt_pair_search(x, cur, OPT_PAIR_BUDGET(OPT_PAIR_COLUMNS(x)),
		    err)) > 0);
		if (k < 0 || (c = opt_confirm(x, cur, err)) < 0)
			return -1;
		*conf = c;
		if (r->iter[c].all_met) {
			r->feasible = 1;
			r->confirm = c;
			return 0;
		}
		if (++nconf >= OPT_MAX_CONFIRM) {
			snprintf(r->fail, sizeof r->fail, "the search's rosters met every target "
			    "on its own seed, but none held on fresh random numbers in %d "
			    "confirmations; the last, in its confirmation: ", nconf);
			return 0;
		}
		/* The search goes on from it: the confirmation's misses cut it off. */
		if ((k = opt_sim_cuts(x, &r->iter[c], atmax, sizeof atmax, err)) < 0)
			return -1;
		if (k == 0) {
			snprintf(x->atmax, sizeof x->atmax, "%s", atmax);
			snprintf(r->fail, sizeof r->fail, "the search's roster met every target "
			    "on its own seed but not in its confirmation, and every shift that "
			    "could add cover is at its max (%s); in its confirmation: ", atmax);
			return 0;
		}
		*best = -1;
		if (climb(x, cur, 0, &ok, best, err) != 0)
			return -1;
		if (ok < 0)
			*conf = -1;       /* report the climb's best, not the confirmation */
	}
	return 0;
}

/* No roster was confirmed.  Before exit 3, the strongest roster: every
 * written shift at its max (candidates as in the best roster found).  When
 * it holds on the search's seed, the search goes on from it (exit 3 only
 * when no roster within bounds can be confirmed); when it does not, no
 * roster within bounds does, and the message says so. */
static int
last_resort(struct opt *x, int *cur, int *conf, int *best, struct cq_err *err)
{
	struct opt_result *r = x->r;
	struct opt_iter *it;
	char fail[sizeof r->fail];
	int i, c;

	/* A target beyond reach: no roster within the bounds meets it, as the
	 * arrival pattern shows (opt_diag.c); every shift at its max proves no more. */
	if (x->beyond)
		return 0;
	for (i = 0; i < x->ns; i++)
		cur[i] = i < x->nfixed ? x->s->shifts[i].max : *best >= 0 ?
		    r->iter[*best].staff[i] : 0;
	if (!opt_tmpl_ok(x, cur) || opt_find_decided(r, cur, x->ns, x->s->seed) != NULL ||
	    opt_dominated(x, cur))
		return 0;
	if ((it = opt_simulate(x, OPT_MAX, cur, err)) == NULL)
		return -1;
	snprintf(it->note, sizeof it->note, "every written shift at its max: %s",
	    it->all_met ? "every target met; the search goes on from it" :
	    "a target is still missed, so no roster within the bounds meets them all");
	if (!it->all_met) {
		if (better(x, (int)(it - r->iter), *best))
			*best = (int)(it - r->iter);
		return 0;
	}
	memcpy(fail, r->fail, sizeof fail);
	r->fail[0] = '\0';
	c = -1;
	if (search(x, cur, (int)(it - r->iter), &c, best, err) != 0)
		return -1;
	if (!r->feasible && r->fail[0] == '\0')
		memcpy(r->fail, fail, sizeof fail);
	if (c >= 0)
		*conf = c;
	return 0;
}

/* No roster confirmed: the answer is the last confirmation's roster (met on
 * the search's seed), or the best found, trimmed of persons who do not help. */
static int
answer_best(struct opt *x, int *cur, int conf, int best, struct cq_err *err)
{
	struct opt_result *r = x->r;
	const struct scn *s = x->s;
	struct opt_iter *it;

	if (conf >= 0) {
		/* Met on the search's seed, missed on fresh numbers: the fresh ones tell. */
		opt_describe_misses(s, r->iter[conf].m, r->fail, sizeof r->fail);
		memcpy(r->staff, r->iter[conf].staff, (size_t)x->ns * sizeof *cur);
		return conf;
	}
	if (best < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "no roster was simulated");
	if (r->fail[0] == '\0')
		snprintf(r->fail, sizeof r->fail, "the best roster found: ");
	opt_describe_misses(s, r->iter[best].m, r->fail, sizeof r->fail);
	/* Trim what does not help: keep what best meets, worsen nothing. */
	memcpy(cur, r->iter[best].staff, (size_t)x->ns * sizeof *cur);
	if (opt_trim_best(x, cur, r->iter[best].m, err) != 0)
		return -1;
	it = opt_find_decided(r, cur, x->ns, s->seed);
	memcpy(r->staff, cur, (size_t)x->ns * sizeof *cur);
	return (int)(it - r->iter);
}

/* A shift with bounds by day and by_day = no takes one number for all its
 * days: some number must lie within every day's min and max.  0, or -1 with
 * err (a scenario error). */
static int
one_number_bounds(const struct scn *s, struct cq_err *err)
{
	int i, d, lo, hi;

	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		if (sh->by_day || sh->min <= sh->max)
			continue;
		for (d = 0, lo = hi = -1; d < WEEK_DAYS; d++)
			if (sh->days & (1u << d)) {
				if (lo < 0 || sh->day_min[d] > sh->day_min[lo])
					lo = d;
				if (hi < 0 || sh->day_max[d] < sh->day_max[hi])
					hi = d;
			}
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, sh->line, "[shift %s] has "
		    "by_day = no, so optimize chooses one number for all its days, but none "
		    "lies within every day's bounds (min on %s is %d, max on %s is %d); set "
		    "by_day = yes, or bounds that one number meets", sh->name,
		    week_day_key[lo], sh->day_min[lo], week_day_key[hi], sh->day_max[hi]);
	}
	return 0;
}

/* The scenario optimized (with templates or by_day shifts, scn_design's
 * copy), the roster as written's cost, the confirmation's seed and size, the
 * model file. */
static int
begin(struct opt *x, const struct scn *s, const struct opt_opts *o, struct opt_result *r,
    struct cq_err *err)
{
	if (one_number_bounds(s, err) != 0)
		return -1;
	if (scn_design_needed(s)) {
		/* The candidates, and the days of by_day shifts, become ordinary
		 * shifts of a copy (opt_design.c). */
		if ((r->design = scn_design(s, err)) == NULL)
			return -1;
		s = r->design;
	}
	for (x->nfixed = 0; x->nfixed < s->nshifts && s->shifts[x->nfixed].tmpl == 0;)
		x->nfixed++;
	x->written_exact = scn_roster_uniform(s);
	r->scn = s;
	r->confirm = -1;
	x->s = s;
	x->o = o;
	x->r = r;
	x->ns = s->nshifts;
	x->nr = s->nroles;
	x->nc = s->nclasses;
	r->baseline_cost = opt_roster_cost(s, NULL);
	/* Independent of the search's streams, and the same for every run. */
	r->confirm_seed = run_derived_seed(s->seed, "confirmation");
	r->confirm_replications = s->confirm_replications > 0 ? s->confirm_replications :
	    4 * s->replications;
	if (r->confirm_replications > SCN_MAX_REPLICATIONS)
		r->confirm_replications = SCN_MAX_REPLICATIONS;
	if (r->confirm_replications < 2)
		r->confirm_replications = 2;
	if (x->ns < 1)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, 0, "no [shift] to optimize");
	return opt_model_path(r->model, sizeof r->model, err);
}

int
opt_run(const struct scn *s, const struct opt_opts *o, struct opt_result *r,
    struct cq_err *err)
{
	struct opt x;
	struct opt_iter *it;
	int *cur = NULL, rc = -1, best = -1, ok = -1, conf = -1, base, ans;

	memset(r, 0, sizeof *r);
	memset(&x, 0, sizeof x);
	if (begin(&x, s, o, r, err) != 0)
		return -1;
	s = x.s;
	if (setup(&x, s, r, err) != 0 || (cur = calloc((size_t)x.ns, sizeof *cur)) == NULL ||
	    opt_relax_build(&x, err) != 0 || opt_reach_init(&x, err) != 0) {
		if (cur == NULL && err->msg[0] == '\0')
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	/* The roster as written is always a candidate answer, but for a shift
	 * whose staff differs by day with by_day = no: it is simulated as
	 * written, for its cost and verdicts, and the search chooses one number
	 * for all the shift's days. */
	baseline_roster(&x, cur);
	x.play_written = !x.written_exact;
	it = opt_simulate(&x, OPT_BASELINE, cur, err);
	x.play_written = 0;
	if (it == NULL)
		goto out;
	base = (int)(it - r->iter);
	r->baseline = base;
	best = it->as_written ? -1 : base;
	if (climb(&x, cur, 1, &ok, &best, err) != 0)
		goto out;
	if (search(&x, cur, start_from(&x, ok, base), &conf, &best, err) != 0 ||
	    (!r->feasible && last_resort(&x, cur, &conf, &best, err) != 0))
		goto out;
	if (r->feasible) {
		memcpy(r->staff, cur, (size_t)x.ns * sizeof *cur);
		ans = (int)(opt_find_decided(r, cur, x.ns, s->seed) - r->iter);
		if (o->people_cost != NULL && opt_prefer_people(&x, &ans, err) != 0)
			goto out;
	} else if ((ans = answer_best(&x, cur, conf, best, err)) < 0)
		goto out;
	/* The answer's measures in full (a failed roster's were slimmed). */
	if (opt_refill(&x, &r->iter[ans], err) != 0)
		goto out;
	r->m = r->iter[ans].m;
	r->cost = opt_roster_cost(s, r->staff);
	if (!r->feasible)
		opt_diagnose(&x, r->m);
	rc = 0;
out:
	if (rc == 0 && o->want_dat && r->nsolves > 0 && (r->dat = opt_dat_text(&x)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		rc = -1;
	}
	/* For the tests: the programme as GLPK holds it, in CPLEX LP format,
	 * to set beside what glpsol builds from --write-dat's data. */
	if (x.lp != NULL && !x.lp_fallback && getenv("CLINICQ_WRITE_LP") != NULL &&
	    *getenv("CLINICQ_WRITE_LP") != '\0')
		glp_write_lp(x.lp, NULL, getenv("CLINICQ_WRITE_LP"));
	r->lp_rows = x.lp != NULL ? glp_get_num_rows(x.lp) : 0;
	r->lp_cols = x.lp != NULL ? glp_get_num_cols(x.lp) : 0;
	r->pool_rows = x.rows[OPT_ROW_FLUID].kept + x.rows[OPT_ROW_KEEPUP].kept;
	r->rows_generated = x.rows[OPT_ROW_FLUID].considered + x.rows[OPT_ROW_KEEPUP].considered;
	if (o->verbose)
		report_rows(&x);
	teardown(&x);
	free(cur);
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
		free(r->iter[i].prof);
		meas_free(r->iter[i].m);
	}
	free(r->iter);
	free(r->staff);
	free(r->last_solve);
	free(r->hours_staff);
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
