/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_glpk.c — one role's covering programme, kept in GLPK while it grows.
 *
 * As the optimizer's programme (optimize/opt_glpk.c): built once through
 * MathProg, from models/rota.mod and the data of its first lines
 * (rota_dat.c); from then on it only grows, a line at a time, as a column
 * (glp_add_cols) in the order of the lines, so that the data of all its
 * lines makes glpsol build the very same programme.
 *
 * Column generation also needs artificial columns, one per row that needs
 * persons (a cover row, a contract's min_people), of a cost far above any
 * line's: with them the LP is feasible from the start and its duals price
 * the first lines; an artificial still in use at the LP's optimum says that
 * no set of lines covers the row within the contracts.  They come right
 * after the first lines and are deleted before the integer programme, so
 * the programme solved is the data's.
 *
 * The LP is solved by the primal simplex, warm from the last basis (new
 * columns are nonbasic: the basis stays feasible).  The IP by GLPK's branch
 * and bound without presolve, from the LP's optimal basis, with a rota to
 * begin from offered as a heuristic solution, within a time limit.  GLPK's
 * terminal output is captured (echoed with verbose), its aborts become
 * errors.
 */
#include "rota_int.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models.h"
#include "week.h"

#define LP(g) ((glp_prob *)(g)->lp)

/* ---- GLPK's terminal and its aborts ------------------------------------------ */

static int
term_hook(void *info, const char *str)
{
	struct rota_prog *g = info;
	size_t n = strlen(str), cap = sizeof g->term;

	if (g->verbose)
		fputs(str, stderr);
	if (n >= cap)
		str += n - (cap - 1), n = cap - 1;
	if (g->tlen + n >= cap) {
		size_t drop = g->tlen + n - (cap - 1);

		memmove(g->term, g->term + drop, g->tlen - drop);
		g->tlen -= drop;
	}
	memcpy(g->term + g->tlen, str, n);
	g->tlen += n;
	g->term[g->tlen] = '\0';
	return 1;
}

static void
error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* GLPK's last line, for a message. */
static const char *
term_last(struct rota_prog *g)
{
	char *p, *end = g->term + g->tlen;

	while (end > g->term && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	for (p = end; p > g->term && p[-1] != '\n'; p--)
		;
	return *p ? p : "(no message)";
}

/* ---- building --------------------------------------------------------------- */

/* Cover rows, then least, then most: the model's order. */
static int
map_rows(struct rota_prog *g, struct cq_err *err)
{
	const struct rota_problem *p = g->p;
	int nsh = g->rs->nsh, k, t, j, row = 1;       /* row 1: the objective */

	for (k = 0; k < nsh; k++)
		for (t = 0; t < g->ndays; t++)
			g->row[t * nsh + k] = p->shifts[g->rs->glob[k]].demand[t % WEEK_DAYS] > 0 ?
			    ++row : 0;
	g->nrows = row - 1;
	for (j = 0; j < g->nct; j++)
		g->least[j] = p->contracts[g->ct[j].c].min_people > 0 ? ++row : 0;
	for (j = 0; j < g->nct; j++)
		g->most[j] = p->contracts[g->ct[j].c].max_people >= 0 ? ++row : 0;
	for (j = 0; j < g->nct; j++)
		g->count[j] = ++row;
	row++;                    /* workdays */
	if (glp_get_num_rows(LP(g)) != row || (g->nrows > 0 &&
	    strncmp(glp_get_row_name(LP(g), 2), "cover[", 6) != 0))
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "models/rota.mod gives %d rows, "
		    "clinicq expects %d: the model and the program differ", glp_get_num_rows(LP(g)),
		    row);
	return 0;
}

/* Through MathProg: the model and the data of the first ninit lines. */
static int
build_mpl(struct rota_prog *g, int ninit, struct cq_err *err)
{
	char tmpl[4096], model[4096];
	const char *tmpdir = getenv("TMPDIR");
	glp_tran *tran;
	struct rota_prog *one = g;
	FILE *f;
	int fd, rc = -1;

	if (models_path("rota.mod", model, sizeof model, err) != 0)
		return -1;
	if (tmpdir == NULL || *tmpdir == '\0' ||
	    (size_t)snprintf(tmpl, sizeof tmpl, "%s/clinicq-rota-XXXXXX", tmpdir) >= sizeof tmpl)
		snprintf(tmpl, sizeof tmpl, "/tmp/clinicq-rota-XXXXXX");
	if ((fd = mkstemp(tmpl)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot create a temporary file for "
		    "the rota's data: set TMPDIR to a writable folder");
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmpl);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	if (rota_dat_write(f, g->p, &one, 1, g->tie, ninit) != 0 || fclose(f) != 0) {
		unlink(tmpl);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot write the rota's data to a "
		    "temporary file (disk full?)");
	}
	tran = glp_mpl_alloc_wksp();
	if (glp_mpl_read_model(tran, model, 1) != 0)
		cq_err_set(err, CQ_EXIT_FAIL, model, 0, "GLPK cannot read the model: %s",
		    term_last(g));
	else if (glp_mpl_read_data(tran, tmpl) != 0)
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot read the rota's data: %s",
		    term_last(g));
	else if (glp_mpl_generate(tran, NULL) != 0)
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot generate the rota's "
		    "programme: %s", term_last(g));
	else {
		g->lp = glp_create_prob();
		glp_mpl_build_prob(tran, LP(g));
		rc = 0;
	}
	glp_mpl_free_wksp(tran);
	unlink(tmpl);
	if (rc == 0 && glp_get_num_cols(LP(g)) != ninit + g->nct)
		rc = cq_err_set(err, CQ_EXIT_FAIL, "", 0, "models/rota.mod gives %d columns for "
		    "%d lines and %d contracts: the model and the program differ",
		    glp_get_num_cols(LP(g)), ninit, g->nct);
	return rc;
}

/* A line's column: its cover rows and its contract's rows. */
static void
set_column(struct rota_prog *g, int j, int i, int *ind, double *val)
{
	const int16_t *day = rota_lines_day(&g->cols, i);
	int nsh = g->rs->nsh, t, n = 0, c = g->cols.ct[i];
	char name[300];

	snprintf(name, sizeof name, "x['%.200s:%d']", g->ct[c].name, i + 1);
	glp_set_col_name(LP(g), j, name);
	glp_set_col_kind(LP(g), j, GLP_IV);
	glp_set_col_bnds(LP(g), j, GLP_LO, 0.0, 0.0);
	glp_set_obj_coef(LP(g), j, g->cols.cost[i] + (g->with_tie ? g->tie : 0.0));
	for (t = 0; t < g->ndays; t++)
		if (day[t] != ROTA_OFF && g->row[t * nsh + day[t]] > 0) {
			ind[++n] = g->row[t * nsh + day[t]];
			val[n] = 1.0;
		}
	if (g->least[c] > 0)
		ind[++n] = g->least[c], val[n] = 1.0;
	if (g->most[c] > 0)
		ind[++n] = g->most[c], val[n] = 1.0;
	ind[++n] = g->count[c], val[n] = 1.0;
	glp_set_mat_col(LP(g), j, n, ind, val);
}

/* The glpk column of line i: the first lines, the headcounts, the
 * artificials, then the lines added. */
static int
col_of(const struct rota_prog *g, int i)
{
	return i < g->ninit ? i + 1 : i + 1 + g->nct + g->nart;
}

/* The glpk column of artificial j (1-based). */
static int
art_col(const struct rota_prog *g, int j)
{
	return g->ninit + g->nct + j;
}

long
rota_prog_need(const struct rota_problem *p, const struct rota_prog *g)
{
	long need = 0;
	int k, t;

	for (k = 0; k < g->rs->nsh; k++)
		for (t = 0; t < g->ndays; t++)
			need += p->shifts[g->rs->glob[k]].demand[t % WEEK_DAYS];
	return need;
}

/* Artificial columns: one per cover row and min_people row. */
static void
add_art(struct rota_prog *g)
{
	int m = glp_get_num_rows(LP(g)), i, j, n = 0;
	int ind[2];
	double val[2] = { 0.0, 1.0 };

	for (i = 2; i <= m; i++)
		if (glp_get_row_type(LP(g), i) == GLP_LO && glp_get_row_lb(LP(g), i) > 0)
			n++;
	g->nart = n;
	if (n == 0)
		return;
	j = glp_add_cols(LP(g), n);
	for (i = 2; i <= m; i++) {
		if (!(glp_get_row_type(LP(g), i) == GLP_LO && glp_get_row_lb(LP(g), i) > 0))
			continue;
		glp_set_col_name(LP(g), j, "art");
		glp_set_col_bnds(LP(g), j, GLP_LO, 0.0, 0.0);
		glp_set_obj_coef(LP(g), j, g->big);
		ind[1] = i;
		glp_set_mat_col(LP(g), j, 1, ind, val);
		j++;
	}
}

/* Columns for lines from .. cols.n - 1, at the end. */
static int
add_lines(struct rota_prog *g, int from, struct cq_err *err)
{
	int n = g->cols.n - from, i, j, *ind;
	double *val;

	if (n <= 0)
		return 0;
	ind = malloc(((size_t)g->ndays + 4) * sizeof *ind);
	val = malloc(((size_t)g->ndays + 4) * sizeof *val);
	if (ind == NULL || val == NULL) {
		free(ind);
		free(val);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	j = glp_add_cols(LP(g), n);
	for (i = from; i < g->cols.n; i++, j++)
		set_column(g, j, i, ind, val);
	free(ind);
	free(val);
	/* The new lines' values are 0 until the next solve. */
	if ((g->xval = realloc(g->xval, ((size_t)g->cols.n + 1) * sizeof *g->xval)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (i = from; i < g->cols.n; i++)
		g->xval[i] = 0.0;
	return 0;
}

static int
build(struct rota_prog *g, int ninit, struct cq_err *err)
{
	size_t cells = (size_t)g->ndays * (size_t)g->rs->nsh;

	g->row = calloc(cells, sizeof *g->row);
	g->dual = calloc(cells, sizeof *g->dual);
	g->least = calloc((size_t)g->nct + 1, sizeof *g->least);
	g->most = calloc((size_t)g->nct + 1, sizeof *g->most);
	g->mu = calloc((size_t)g->nct + 1, sizeof *g->mu);
	g->count = calloc((size_t)g->nct + 1, sizeof *g->count);
	if (g->row == NULL || g->dual == NULL || g->least == NULL || g->most == NULL ||
	    g->mu == NULL || g->count == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	if (ninit > g->cols.n)
		ninit = g->cols.n;
	g->ninit = ninit;
	if (build_mpl(g, ninit, err) != 0 || map_rows(g, err) != 0)
		return -1;
	if (g->big > 0)
		add_art(g);
	g->with_tie = 1;
	return add_lines(g, ninit, err);
}

/* The LP's values and duals. */
static void
lp_read(struct rota_prog *g)
{
	int nsh = g->rs->nsh, i, c;
	size_t cells = (size_t)g->ndays * (size_t)nsh;

	for (i = 0; i < g->cols.n; i++)
		g->xval[i] = glp_get_col_prim(LP(g), col_of(g, i));
	for (i = 0; i < (int)cells; i++)
		g->dual[i] = g->row[i] > 0 ? glp_get_row_dual(LP(g), g->row[i]) : 0.0;
	for (c = 0; c < g->nct; c++)
		g->mu[c] = (g->least[c] > 0 ? glp_get_row_dual(LP(g), g->least[c]) : 0.0) +
		    (g->most[c] > 0 ? glp_get_row_dual(LP(g), g->most[c]) : 0.0) +
		    glp_get_row_dual(LP(g), g->count[c]);
	g->lp_obj = glp_get_obj_val(LP(g));
}

/* The objective's costs, with the tie-break or without. */
static void
set_costs(struct rota_prog *g, int tie)
{
	int i;

	if (g->with_tie == tie)
		return;
	for (i = 0; i < g->cols.n; i++)
		glp_set_obj_coef(LP(g), col_of(g, i), g->cols.cost[i] + (tie ? g->tie : 0.0));
	g->with_tie = tie;
}

/* The simplex, warm; afresh when the basis has gone bad.  0, 1 no
 * feasible point, -1. */
static int
simplex(struct rota_prog *g, struct cq_err *err)
{
	glp_smcp sp;
	int ret;

	glp_init_smcp(&sp);
	sp.msg_lev = g->verbose > 1 ? GLP_MSG_ON : GLP_MSG_ERR;
	sp.meth = GLP_PRIMAL;
	if (glp_warm_up(LP(g)) != 0)
		glp_adv_basis(LP(g), 0);
	ret = glp_simplex(LP(g), &sp);
	if (ret == GLP_EFAIL || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EBADB) {
		glp_adv_basis(LP(g), 0);
		ret = glp_simplex(LP(g), &sp);
	}
	if (ret != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK could not solve the rota's LP "
		    "(glp_simplex returned %d): %s", ret, term_last(g));
	if (glp_get_status(LP(g)) == GLP_NOFEAS)
		return 1;
	if (glp_get_status(LP(g)) != GLP_OPT)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the rota's LP has status %d",
		    glp_get_status(LP(g)));
	return 0;
}

static int
lp(struct rota_prog *g, int tie, struct cq_err *err)
{
	int rc, j;

	if ((g->xval = realloc(g->xval, ((size_t)g->cols.n + 1) * sizeof *g->xval)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	set_costs(g, tie);
	if ((rc = simplex(g, err)) != 0)
		return rc;
	lp_read(g);
	for (j = 1; j <= g->nart; j++)
		if (glp_get_col_prim(LP(g), art_col(g, j)) > ROTA_TOL)
			return 1;
	return 0;
}

/* ---- the integer programme ------------------------------------------------------- */

struct ip_cb {
	struct rota_prog *g;
	const double *start;
	int given;
};

/* Branch and bound: offer the rota to begin from, once. */
static void
ip_callback(glp_tree *tree, void *info)
{
	struct ip_cb *cb = info;
	struct rota_prog *g = cb->g;
	double *x;
	int i;

	if (g->p->stop != NULL && *g->p->stop) {
		glp_ios_terminate(tree);      /* a signal: the best rota so far */
		return;
	}
	if (glp_ios_reason(tree) != GLP_IHEUR || cb->given || cb->start == NULL)
		return;
	cb->given = 1;
	if ((x = calloc((size_t)glp_get_num_cols(LP(g)) + 1, sizeof *x)) == NULL)
		return;
	for (i = 0; i < g->cols.n; i++) {
		x[col_of(g, i)] = cb->start[i];
		x[g->ninit + 1 + g->cols.ct[i]] += cb->start[i];   /* its headcount */
	}
	glp_ios_heur_sol(tree, x);
	free(x);
}

static void
drop_art(struct rota_prog *g)
{
	int *del, j;

	if (g->nart == 0)
		return;
	if ((del = malloc(((size_t)g->nart + 1) * sizeof *del)) == NULL)
		return;               /* they stay, at 0 below */
	for (j = 1; j <= g->nart; j++)
		del[j] = art_col(g, j);
	glp_del_cols(LP(g), g->nart, del);
	free(del);
	g->nart = 0;
}

static int ip_search(struct rota_prog *g, double seconds, const double *start,
    int *optimal, struct cq_err *err);

/* The row sum of persons >= g->min_persons, or 0 when it says nothing.  A
 * count every rota meets, it lifts the LP bound where persons come whole
 * (19 shift-days of 3-day persons: 7 persons, not 6.33) and spares branch
 * and bound a search it cannot finish; it is no row of the model, and it
 * leaves the programme after the search, so that column generation's duals
 * stay the model's. */
static int
persons_row(struct rota_prog *g, struct cq_err *err)
{
	int n = g->nct, r, j, *ind;      /* the headcounts n[c]: the persons */
	double *val;

	if (g->min_persons <= 1 || n == 0)
		return 0;
	ind = malloc(((size_t)n + 1) * sizeof *ind);
	val = malloc(((size_t)n + 1) * sizeof *val);
	if (ind == NULL || val == NULL) {
		free(ind);
		free(val);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	for (j = 1; j <= n; j++)
		ind[j] = g->ninit + j, val[j] = 1.0;
	r = glp_add_rows(LP(g), 1);
	glp_set_row_name(LP(g), r, "persons");
	glp_set_row_bnds(LP(g), r, GLP_LO, g->min_persons, 0.0);
	glp_set_mat_row(LP(g), r, n, ind, val);
	free(ind);
	free(val);
	return r;
}

static int
ip(struct rota_prog *g, double seconds, const double *start, int *optimal,
    struct cq_err *err)
{
	int row, rc;

	*optimal = 0;
	drop_art(g);
	if ((row = persons_row(g, err)) < 0)
		return -1;
	rc = ip_search(g, seconds, start, optimal, err);
	if (row > 0) {
		int del[2] = { 0, row };

		glp_del_rows(LP(g), 1, del);
	}
	return rc;
}

static int
ip_search(struct rota_prog *g, double seconds, const double *start, int *optimal,
    struct cq_err *err)
{
	glp_iocp ip;
	struct ip_cb cb = { g, start, 0 };
	int ret, st, rc, i;

	if ((rc = lp(g, 1, err)) != 0)
		return rc;
	glp_sort_matrix(LP(g));
	glp_init_iocp(&ip);
	ip.msg_lev = g->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	ip.presolve = GLP_OFF;
	/* Past the deadline (an earlier role took the time): a millisecond, as
	 * GLPK refuses a negative limit with an error that drops its whole
	 * environment, the optimizer's problem too (optimize --rota). */
	ip.tm_lim = seconds > 1e6 ? 1000000000 : seconds < 0.001 ? 1 :
	    (int)(seconds * 1000.0) + 1;
	ip.cb_func = ip_callback;
	ip.cb_info = &cb;
	ip.gmi_cuts = ip.mir_cuts = ip.cov_cuts = GLP_ON;
	ret = glp_intopt(LP(g), &ip);
	st = glp_mip_status(LP(g));
	if (ret == GLP_ESTOP)
		ret = GLP_ETMLIM;     /* stopped by a signal: as out of time */
	if (ret == GLP_ETMLIM && st != GLP_FEAS && st != GLP_OPT)
		return 2;
	if (st == GLP_NOFEAS)
		return 1;
	if ((ret != 0 && ret != GLP_ETMLIM && ret != GLP_EMIPGAP) ||
	    (st != GLP_OPT && st != GLP_FEAS))
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK could not solve the rota's "
		    "integer programme (glp_intopt returned %d, status %d): %s", ret, st,
		    term_last(g));
	*optimal = ret == 0 && st == GLP_OPT;
	for (i = 0; i < g->cols.n; i++)
		g->xval[i] = glp_mip_col_val(LP(g), col_of(g, i));
	return 0;
}

/* ---- the public face: GLPK's hooks around each call ------------------------------- */

enum call { CALL_BUILD, CALL_ADD, CALL_LP, CALL_IP };

struct call_args {
	int ninit, tie, *optimal;
	double seconds;
	const double *start;
};

static int
call(struct rota_prog *g, enum call what, struct call_args *a, struct cq_err *err)
{
	jmp_buf jb;
	volatile int rc = -1;

	g->tlen = 0;
	g->term[0] = '\0';
	glp_term_hook(term_hook, g);
	if (setjmp(jb) != 0) {
		/* GLPK hit an internal error: its whole environment is dropped. */
		g->lp = NULL;
		glp_free_env();
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK failed: %s", term_last(g));
		rc = -1;
		goto out;
	}
	glp_error_hook(error_hook, &jb);
	switch (what) {
	case CALL_BUILD: rc = build(g, a->ninit, err); break;
	case CALL_ADD: rc = add_lines(g, a->ninit, err); break;
	case CALL_LP: rc = lp(g, a->tie, err); break;
	case CALL_IP: rc = ip(g, a->seconds, a->start, a->optimal, err); break;
	}
out:
	glp_error_hook(NULL, NULL);
	glp_term_hook(NULL, NULL);
	return rc;
}

int
rota_prog_build(struct rota_prog *g, int ninit, struct cq_err *err)
{
	struct call_args a = { ninit, 0, NULL, 0.0, NULL };

	return call(g, CALL_BUILD, &a, err);
}

int
rota_prog_add(struct rota_prog *g, int from, struct cq_err *err)
{
	struct call_args a = { from, 0, NULL, 0.0, NULL };

	if (g->lp == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the rota's programme is gone");
	return call(g, CALL_ADD, &a, err);
}

int
rota_prog_lp(struct rota_prog *g, int tie, struct cq_err *err)
{
	struct call_args a = { 0, tie, NULL, 0.0, NULL };

	if (g->lp == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the rota's programme is gone");
	return call(g, CALL_LP, &a, err);
}

int
rota_prog_ip(struct rota_prog *g, double seconds, const double *start, int *optimal,
    struct cq_err *err)
{
	struct call_args a = { 0, 1, optimal, seconds, start };

	if (g->lp == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the rota's programme is gone");
	return call(g, CALL_IP, &a, err);
}

void
rota_prog_short(struct rota_prog *g, unsigned char *cell)
{
	int j, cells = g->ndays * g->rs->nsh, i, ind[2];
	double val[2];

	if (g->lp == NULL)
		return;
	for (j = art_col(g, 1); j <= art_col(g, g->nart); j++) {
		if (glp_get_col_prim(LP(g), j) <= ROTA_TOL || glp_get_mat_col(LP(g), j, ind,
		    val) != 1)
			continue;
		for (i = 0; i < cells; i++)
			if (g->row[i] == ind[1])
				cell[i] = 1;
	}
}

void
rota_prog_lp_free(struct rota_prog *g)
{
	if (g->lp != NULL)
		glp_delete_prob(LP(g));
	g->lp = NULL;
}

void
rota_prog_free(struct rota_prog *g)
{
	rota_prog_lp_free(g);
	free(g->row);
	free(g->dual);
	free(g->least);
	free(g->most);
	free(g->mu);
	free(g->count);
	free(g->xval);
	g->row = g->least = g->most = NULL;
	g->dual = g->mu = g->xval = NULL;
	rota_lines_free(&g->cols);
}
