/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_glpk.c — the integer programme, kept in GLPK between solves.
 *
 * The programme is built once: models/staffing.mod and the data without
 * cuts (opt_dat.c) through GLPK's MathProg API.  From then on it stays in
 * memory and only grows: a cut is one more row (glp_add_rows), in the order
 * it entered, after every row of the model (the model declares `cut` last),
 * so that the data `--write-dat` writes makes glpsol build the very same
 * programme, row by row.
 *
 * The necessary rows of the relaxation wait in a pool (opt_fluid.c): they
 * are many, and a handful bind.  Each solve first solves the LP relaxation
 * (dual simplex from the last basis: a warm start), puts into the programme
 * the pool rows its solution breaks, most broken first, and solves again
 * until none is broken; then the integer programme (GLPK's presolve and
 * branch and bound, the options glpsol is given), whose roster is checked
 * against the pool in turn.  The answer is the optimum of the whole pool
 * with a programme of a few hundred rows.
 *
 * GLPK's terminal output is captured (echoed with --verbose), its aborts
 * become errors, a signal ends a solve through the branch-and-bound
 * callback, and a time limit gives the best roster found with its gap.
 */
#include "opt_int.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define OPT_POOL_PER_ROUND 40     /* pool rows put in per LP round */
#define OPT_POOL_ROUNDS 400       /* LP rounds in one solve, at most */
#define OPT_POOL_TOL 1e-6         /* a pool row broken by more than this (relative) */

/* ---- GLPK's terminal ----------------------------------------------------- */

static int
term_hook(void *info, const char *str)
{
	struct opt_term *t = info;
	size_t n = strlen(str);

	if (t->verbose)
		fputs(str, stderr);
	if (n >= OPT_TERMBUF)
		str += n - (OPT_TERMBUF - 1), n = OPT_TERMBUF - 1;
	if (t->len + n >= OPT_TERMBUF) {
		size_t drop = t->len + n - (OPT_TERMBUF - 1);

		memmove(t->buf, t->buf + drop, t->len - drop);
		t->len -= drop;
	}
	memcpy(t->buf + t->len, str, n);
	t->len += n;
	t->buf[t->len] = '\0';
	return 1;   /* never to stdout */
}

static void
error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* GLPK's last telling message line, for an error: the lines that only give
 * context ("Context: ...", "MathProg model processing error", "Error detected
 * in file ...") are passed over; a temporary file's name (gone by the time
 * anyone reads the message) is said in words.  The line is copied to t->msg. */
static const char *
term_last(struct opt_term *t, const char *tmpname)
{
	char *p, *end = t->buf + t->len;
	size_t n;

	for (;;) {
		while (end > t->buf && (end[-1] == '\n' || end[-1] == ' '))
			*--end = '\0';
		for (p = end; p > t->buf && p[-1] != '\n'; p--)
			;
		if (p == t->buf || (strncmp(p, "Context:", 8) != 0 &&
		    strncmp(p, "Error detected", 14) != 0 &&
		    strncmp(p, "MathProg model processing error", 31) != 0))
			break;
		end = p;
	}
	if (*p == '\0')
		p = "(no message)";
	if (tmpname != NULL && (n = strlen(tmpname)) > 0 && strncmp(p, tmpname, n) == 0 &&
	    p[n] == ':')
		snprintf(t->msg, sizeof t->msg, "the optimizer's data, line %s", p + n + 1);
	else
		snprintf(t->msg, sizeof t->msg, "%s", p);
	return t->msg;
}

/* ---- building the programme once ------------------------------------------ */

/* The model and the data without cuts, through MathProg.  Returns 0, -1. */
static int
build(struct opt *x, struct cq_err *err)
{
	char tmpl[4096];
	const char *tmpdir = getenv("TMPDIR");
	glp_tran *tran = NULL;
	FILE *f;
	int fd, rc = -1;

	if (tmpdir == NULL || *tmpdir == '\0' ||
	    (size_t)snprintf(tmpl, sizeof tmpl, "%s/clinicq-opt-XXXXXX", tmpdir) >= sizeof tmpl)
		snprintf(tmpl, sizeof tmpl, "/tmp/clinicq-opt-XXXXXX");
	if ((fd = mkstemp(tmpl)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot create a temporary file for "
		    "the optimizer's data in %s: set TMPDIR to a writable folder",
		    tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmpl);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	if (opt_dat_write(x, f, 0, 0) != 0 || fclose(f) != 0) {
		unlink(tmpl);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot write the optimizer's data "
		    "to a temporary file (disk full?)");
	}
	tran = glp_mpl_alloc_wksp();
	if (glp_mpl_read_model(tran, x->r->model, 1) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, x->r->model, 0, "GLPK cannot read the model: %s",
		    term_last(&x->term, NULL));
		goto out;
	}
	if (glp_mpl_read_data(tran, tmpl) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot read the optimizer's data: %s",
		    term_last(&x->term, tmpl));
		goto out;
	}
	if (glp_mpl_generate(tran, NULL) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot generate the model: %s",
		    term_last(&x->term, tmpl));
		goto out;
	}
	x->lp = glp_create_prob();
	glp_mpl_build_prob(tran, x->lp);
	/* x[s] first, in the order of SHIFTS; then shift design's use[t,s]. */
	if (glp_get_num_cols(x->lp) < x->ns || (x->ns > 0 &&
	    (glp_get_col_name(x->lp, x->ns) == NULL ||
	    strncmp(glp_get_col_name(x->lp, x->ns), "x[", 2) != 0))) {
		cq_err_set(err, CQ_EXIT_FAIL, x->r->model, 0, "the model has %d columns for "
		    "%d shifts", glp_get_num_cols(x->lp), x->ns);
		goto out;
	}
	rc = 0;
out:
	glp_mpl_free_wksp(tran);
	unlink(tmpl);
	return rc;
}

/* Put cut k into the programme, as its next cut row. */
static int
activate(struct opt *x, int k, struct cq_err *err)
{
	struct opt_cut *ct = &x->cuts[k];
	int row, j, *ind;
	double *val;
	char name[32];

	if (x->nactive == x->cactive) {
		int n = x->cactive ? 2 * x->cactive : 64, *p = realloc(x->active,
		    (size_t)n * sizeof *p);

		if (p == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		x->active = p;
		x->cactive = n;
	}
	ind = malloc((size_t)(ct->nz + 1) * sizeof *ind);
	val = malloc((size_t)(ct->nz + 1) * sizeof *val);
	if (ind == NULL || val == NULL) {
		free(ind);
		free(val);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	for (j = 0; j < ct->nz; j++) {        /* GLPK counts from 1 */
		ind[j + 1] = ct->idx[j] + 1;
		val[j + 1] = ct->val[j];
	}
	x->active[x->nactive++] = k;
	row = glp_add_rows(x->lp, 1);
	snprintf(name, sizeof name, "cut[%d]", x->nactive);
	glp_set_row_name(x->lp, row, name);
	glp_set_row_bnds(x->lp, row, GLP_LO, ct->b, 0.0);
	glp_set_mat_row(x->lp, row, ct->nz, ind, val);
	ct->lp_row = row;
	free(ind);
	free(val);
	return 0;
}

/* ---- the pool ------------------------------------------------------------- */

struct broken {
	int k;
	double by;                /* how far, per unit of the row's norm */
};

static int
broken_cmp(const void *p, const void *q)
{
	const struct broken *u = p, *v = q;

	if (u->by != v->by)
		return u->by > v->by ? -1 : 1;
	return (u->k > v->k) - (u->k < v->k);
}

/* Put into the programme the pool rows xv breaks, at most max of them, the
 * most broken first.  Returns how many, -1 on error. */
static int
add_broken(struct opt *x, const double *xv, int max, struct cq_err *err)
{
	struct broken *b = NULL;
	int k, n = 0, j;

	for (k = 0; k < x->ncuts; k++) {
		const struct opt_cut *ct = &x->cuts[k];
		double gap, norm = 0.0;

		if (ct->lp_row != 0)
			continue;
		gap = ct->b - opt_cut_dot(ct, xv);
		if (!(gap > OPT_POOL_TOL * (1.0 + fabs(ct->b))))
			continue;
		if (n % 256 == 0) {
			struct broken *p = realloc(b, (size_t)(n + 256) * sizeof *p);

			if (p == NULL) {
				free(b);
				return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			}
			b = p;
		}
		for (j = 0; j < ct->nz; j++)
			norm += ct->val[j] * ct->val[j];
		b[n].k = k;
		b[n++].by = gap / sqrt(norm > 0 ? norm : 1.0);
	}
	if (n > max)
		qsort(b, (size_t)n, sizeof *b, broken_cmp);
	for (j = 0; j < n && j < max; j++)
		if (activate(x, b[j].k, err) != 0) {
			free(b);
			return -1;
		}
	free(b);
	return n < max ? n : max;
}

/* ---- solving -------------------------------------------------------------- */

struct mip_cb {
	struct opt *x;
	double gap;               /* the relative gap when last seen */
};

/* Branch and bound: stop on a signal; note the gap for a time limit. */
static void
mip_callback(glp_tree *tree, void *info)
{
	struct mip_cb *cb = info;
	volatile const int *stop = cb->x->o->stop;

	if (glp_ios_reason(tree) == GLP_IBINGO || glp_ios_reason(tree) == GLP_ISELECT)
		cb->gap = glp_ios_mip_gap(tree);
	if (stop != NULL && *stop)
		glp_ios_terminate(tree);
}

/* The LP relaxation, warm from the last basis, with the pool rows its
 * solution breaks put in until none is.  Returns 0, 1 when infeasible, -1. */
static int
solve_lp(struct opt *x, double *xv, struct cq_err *err)
{
	glp_smcp p;
	int round, ret, k, i;

	glp_init_smcp(&p);
	p.msg_lev = GLP_MSG_ERR;
	p.meth = GLP_DUALP;
	for (round = 0; round < OPT_POOL_ROUNDS; round++) {
		if (x->o->stop != NULL && *x->o->stop)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted");
		ret = glp_simplex(x->lp, &p);
		if (ret == GLP_EFAIL || ret == GLP_ESING || ret == GLP_ECOND) {
			/* A basis gone bad after many rows: start afresh. */
			glp_adv_basis(x->lp, 0);
			ret = glp_simplex(x->lp, &p);
		}
		if (ret != 0)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK could not solve the "
			    "roster problem's relaxation (glp_simplex returned %d): %s", ret,
			    term_last(&x->term, NULL));
		if (glp_get_status(x->lp) == GLP_NOFEAS)
			return 1;
		if (glp_get_status(x->lp) != GLP_OPT)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the roster problem's "
			    "relaxation has status %d", glp_get_status(x->lp));
		for (i = 0; i < x->ns; i++)
			xv[i] = glp_get_col_prim(x->lp, i + 1);
		if ((k = add_broken(x, xv, OPT_POOL_PER_ROUND, err)) < 0)
			return -1;
		if (k == 0)
			return 0;
	}
	return 0;         /* the integer solve and its check will finish it */
}

/* glp_intopt with the options glpsol is given for this programme (see the
 * data's header).  Returns glp_intopt's code. */
static int
intopt(struct opt *x, glp_prob *lp, struct mip_cb *cb)
{
	glp_iocp p;

	glp_init_iocp(&p);
	p.presolve = GLP_ON;
	p.msg_lev = x->o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	p.tm_lim = OPT_TM_LIM;
	p.cb_func = mip_callback;
	p.cb_info = cb;
	if (x->nfixed < x->ns) {
		/* Shift design: many overlapping candidates make a weak
		 * relaxation that branching alone closes slowly; GLPK's cuts
		 * and a small gap end it, and the simulations judge anyway. */
		p.gmi_cuts = p.mir_cuts = p.cov_cuts = p.clq_cuts = GLP_ON;
		p.mip_gap = OPT_DESIGN_GAP;
		p.tm_lim = OPT_DESIGN_TM_LIM;
	}
	cb->gap = 0.0;
	return glp_intopt(lp, &p);
}

/* Read glp_intopt's outcome: 0 with staff, 1 no integer roster, 2 the time
 * limit before one, -1 with err. */
static int
mip_outcome(struct opt *x, glp_prob *lp, int ret, const struct mip_cb *cb, int *staff,
    struct cq_err *err)
{
	int i, st = glp_mip_status(lp);

	x->last_timed_out = ret == GLP_ETMLIM;
	x->last_gap = ret == GLP_ETMLIM || ret == GLP_EMIPGAP ? cb->gap : 0.0;
	if (ret == GLP_ESTOP)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted");
	if (ret == GLP_ENOPFS || ret == GLP_ENODFS || (ret == 0 && st == GLP_NOFEAS))
		return 1;
	/* Within the gap, or out of time with a roster in hand. */
	if ((ret == GLP_ETMLIM || ret == GLP_EMIPGAP) && st == GLP_FEAS)
		ret = 0;
	if (ret == GLP_ETMLIM)
		return 2;
	if (ret != 0 || (st != GLP_OPT && st != GLP_FEAS))
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK could not solve the roster "
		    "problem (glp_intopt returned %d, status %d): %s", ret, st,
		    term_last(&x->term, NULL));
	for (i = 0; i < x->ns; i++)
		staff[i] = (int)lround(glp_mip_col_val(lp, i + 1));
	return 0;
}

/* Shift design's fallback: the cheapest roster within the bounds, on a copy
 * without the coverage and cut rows (the data then leaves them out too). */
static int
solve_fallback(struct opt *x, int *staff, struct mip_cb *cb, struct cq_err *err)
{
	glp_prob *cp = glp_create_prob();
	int m, i, n = 0, *del, rc;
	const char *name;

	glp_copy_prob(cp, x->lp, GLP_ON);
	m = glp_get_num_rows(cp);
	if ((del = malloc((size_t)(m + 1) * sizeof *del)) == NULL) {
		glp_delete_prob(cp);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	for (i = 1; i <= m; i++)
		if ((name = glp_get_row_name(cp, i)) != NULL &&
		    (strncmp(name, "coverage[", 9) == 0 || strncmp(name, "cut[", 4) == 0))
			del[++n] = i;
	if (n > 0)
		glp_del_rows(cp, n, del);
	free(del);
	glp_sort_matrix(cp);
	rc = mip_outcome(x, cp, intopt(x, cp, cb), cb, staff, err);
	glp_delete_prob(cp);
	return rc;
}

void
opt_drop_cover(struct opt *x)
{
	int m, i, n = 0, *del;
	const char *name;

	x->no_cover = 1;
	if (x->lp == NULL)
		return;
	m = glp_get_num_rows(x->lp);
	if ((del = malloc((size_t)(m + 1) * sizeof *del)) == NULL)
		return;               /* they stay: lb 0 below does the same */
	for (i = 1; i <= m; i++)
		if ((name = glp_get_row_name(x->lp, i)) != NULL && strncmp(name, "coverage[", 9) == 0)
			del[++n] = i;
	if (n > 0)
		glp_del_rows(x->lp, n, del);
	free(del);
	/* The basis lost rows: start the next LP afresh. */
	glp_std_basis(x->lp);
}

int
opt_solve(struct opt *x, int *staff, int fallback, struct cq_err *err)
{
	jmp_buf jb;
	double *volatile xv;
	struct timespec t0, t1;
	struct mip_cb cb;
	volatile int rc = -1;
	int k, i, added;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	x->term.len = 0;
	x->term.buf[0] = '\0';
	x->term.verbose = x->o->verbose;
	memset(&cb, 0, sizeof cb);
	cb.x = x;
	if ((xv = calloc((size_t)x->ns + 1, sizeof *xv)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	glp_term_hook(term_hook, &x->term);
	if (setjmp(jb) != 0) {
		/* GLPK hit an internal error: its whole environment is dropped. */
		x->lp = NULL;
		glp_free_env();
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK failed: %s", term_last(&x->term, NULL));
		rc = -1;
		goto out;
	}
	glp_error_hook(error_hook, &jb);
	if (x->lp == NULL && build(x, err) != 0)
		goto out;
	/* Cuts learnt from simulations enter at once. */
	for (k = 0; k < x->ncuts; k++)
		if (!x->cuts[k].necessary && x->cuts[k].lp_row == 0 && activate(x, k, err) != 0)
			goto out;
	x->r->nsolves++;
	x->lp_fallback = fallback;
	x->last_nactive = x->nactive;
	if (fallback) {
		rc = solve_fallback(x, staff, &cb, err);
		goto out;
	}
	for (;;) {
		if ((rc = solve_lp(x, xv, err)) != 0)
			goto out;
		/* Each row's and column's elements in index order, as glpsol sorts
		 * them: the programme glpsol builds from the data, element by
		 * element, and so the same search. */
		glp_sort_matrix(x->lp);
		rc = mip_outcome(x, x->lp, intopt(x, x->lp, &cb), &cb, staff, err);
		x->last_nactive = x->nactive;
		if (rc != 0)
			goto out;
		/* The roster against the pool rows not in the programme. */
		for (i = 0; i < x->ns; i++)
			xv[i] = staff[i];
		if ((added = add_broken(x, xv, OPT_POOL_PER_ROUND, err)) < 0) {
			rc = -1;
			goto out;
		}
		if (added == 0)
			break;
	}
	rc = 0;
out:
	free(xv);
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	x->r->glpk_seconds += (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec -
	    t0.tv_nsec);
	return rc;
}

void
opt_lp_free(struct opt *x)
{
	if (x->lp != NULL)
		glp_delete_prob(x->lp);
	x->lp = NULL;
	free(x->active);
	x->active = NULL;
	x->nactive = x->cactive = 0;
}
