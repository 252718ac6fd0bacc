/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_glpk.c — the relaxation as MathProg data for models/staffing.mod, and
 * its solution with GLPK's MathProg API (the model file found where it is
 * installed; GLPK's terminal output captured, its aborts turned into errors).
 */
#include "opt_int.h"

#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the model file ------------------------------------------------------ */

static int
readable(const char *dir, char *buf, size_t n)
{
	if ((size_t)snprintf(buf, n, "%s/staffing.mod", dir) >= n)
		return 0;
	return access(buf, R_OK) == 0;
}

int
opt_model_path(char *buf, size_t n, struct cq_err *err)
{
	const char *env = getenv("CLINICQ_MODELS");
	char exe[4096], dir[4200];
	ssize_t k;
	char *slash;

	if (env != NULL && *env != '\0') {
		if (readable(env, buf, n))
			return 0;
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot read %s/staffing.mod "
		    "(CLINICQ_MODELS): set it to the folder that holds the model", env);
	}
#ifdef CQ_SRCDIR
	if (readable(CQ_SRCDIR "/models", buf, n))
		return 0;
#endif
	k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/models", exe);
			if (readable(dir, buf, n))
				return 0;
			/* PREFIX/bin/clinicq: the installed tree, wherever it was
			 * moved. */
			snprintf(dir, sizeof dir, "%s/../share/clinicq/models", exe);
			if (readable(dir, buf, n))
				return 0;
		}
	}
	if (readable(CQ_PKGDATADIR "/models", buf, n))
		return 0;
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot find the model staffing.mod "
	    "(looked in the source tree and %s/models); set CLINICQ_MODELS to its folder",
	    CQ_PKGDATADIR);
}

/* ---- MathProg data ------------------------------------------------------- */

static void
put_sym(FILE *f, const char *name)
{
	fputc('\'', f);
	for (; *name != '\0'; name++) {
		if (*name == '\'')
			fputc('\'', f);
		fputc(*name, f);
	}
	fputc('\'', f);
}

/* A group's symbol: its roles joined by '+', in role order. */
static void
put_group(FILE *f, const struct opt *x, int g)
{
	int r, first = 1;

	fputc('\'', f);
	for (r = 0; r < x->nr; r++)
		if ((x->group[g] >> r) & 1u) {
			const char *n;

			if (!first)
				fputc('+', f);
			first = 0;
			for (n = x->s->roles[r].name; *n != '\0'; n++) {
				if (*n == '\'')
					fputc('\'', f);
				fputc(*n, f);
			}
		}
	fputc('\'', f);
}

static void
write_dat(const struct opt *x, FILE *f)
{
	const struct scn *s = x->s;
	int i, j, r, k, g;

	fprintf(f, "# clinicq optimize: data for models/staffing.mod\n# scenario: ");
	for (i = 0; s->name[i] != '\0'; i++)
		fputc(s->name[i] == '\n' ? ' ' : s->name[i], f);
	fprintf(f, "\n#   glpsol -m models/staffing.mod -d THIS_FILE -o solution.txt%s\n\ndata;\n\n",
	    x->nfixed < x->ns ? "\n# shift design: solved with GLPK's cuts and a relative gap of "
	    "0.5% (glpsol --cuts --mipgap 0.005)" : "");
	fputs("set SHIFTS :=", f);
	for (i = 0; i < x->ns; i++) {
		fputc(' ', f);
		put_sym(f, s->shifts[i].name);
	}
	fputs(";\nset ROLES :=", f);
	for (r = 0; r < x->nr; r++) {
		fputc(' ', f);
		put_sym(f, s->roles[r].name);
	}
	fputs(";\n\nparam:", f);
	fputs(" role cost tiebreak lo hi :=\n", f);
	for (i = 0; i < x->ns; i++) {
		fputs("  ", f);
		put_sym(f, s->shifts[i].name);
		fputc(' ', f);
		put_sym(f, s->roles[s->shifts[i].role].name);
		fprintf(f, " %.17g %.17g %d %d\n", x->cost[i], x->tiebreak[i],
		    s->shifts[i].min, s->shifts[i].max);
	}
	fputs(";\n\nparam cover :=", f);
	for (i = 0; i < x->ns; i++) {
		fputs("\n  [", f);
		put_sym(f, s->shifts[i].name);
		fputs(",*]", f);
		for (j = 0, k = 0; j < OPT_SLOTS; j++)
			if (x->cover[i * OPT_SLOTS + j] > 0) {
				fprintf(f, "%s%d %.17g", k++ % 8 == 0 ? "\n    " : "  ", j,
				    x->cover[i * OPT_SLOTS + j]);
			}
	}
	/* Role groups (opt_relax.c): named by their roles, with their members. */
	fputs(";\n\nset GROUPS :=", f);
	for (g = 0; g < x->ng; g++) {
		fputc(' ', f);
		put_group(f, x, g);
	}
	fputs(";\nset MEMBER :=", f);
	for (g = 0; g < x->ng; g++)
		for (r = 0; r < x->nr; r++)
			if ((x->group[g] >> r) & 1u) {
				fputs("\n  (", f);
				put_group(f, x, g);
				fputc(',', f);
				put_sym(f, s->roles[r].name);
				fputc(')', f);
			}
	fputs(";\n\nparam req :=", f);
	for (g = 0; g < x->ng; g++) {
		fputs("\n  [", f);
		put_group(f, x, g);
		fputs(",*]", f);
		for (j = 0, k = 0; j < OPT_SLOTS; j++)
			if (x->req[g * OPT_SLOTS + j] > 0)
				fprintf(f, "%s%d %.17g", k++ % 8 == 0 ? "\n    " : "  ", j,
				    x->req[g * OPT_SLOTS + j]);
	}
	/* Occupancy (max_utilization): available hours and each group's work. */
	fputs(";\n\nparam avail :=", f);
	for (i = 0; i < x->ns; i++) {
		fputs("\n  ", f);
		put_sym(f, s->shifts[i].name);
		fprintf(f, " %.17g", x->avail[i]);
	}
	fputs(";\n\nparam load :=", f);
	for (g = 0; g < x->ng; g++)
		if (x->load[g] > 0) {
			fputs("\n  ", f);
			put_group(f, x, g);
			fprintf(f, " %.17g", x->load[g]);
		}
	fprintf(f, ";\n\nparam max_util := %.17g;\n", s->has_max_utilization ?
	    s->max_utilization : 1.0);
	fputs("\nset CUTS :=", f);
	for (k = 0; k < x->ncuts; k++)
		fprintf(f, "%s%d", k % 16 == 0 ? "\n  " : " ", k + 1);
	fputs(";\n", f);
	if (x->ncuts > 0) {
		fputs("\nparam: b necessary cut_name :=\n", f);
		for (k = 0; k < x->ncuts; k++)
			fprintf(f, "  %d %.17g %d \"%s\"\n", k + 1, x->cuts[k].b,
			    x->cuts[k].necessary, x->cuts[k].name);
		fputs(";\n\nparam a :=", f);
		for (k = 0; k < x->ncuts; k++) {
			fprintf(f, "\n  [%d,*]", k + 1);
			for (i = 0; i < x->ns; i++)
				if (x->cuts[k].a[i] != 0) {
					fputc(' ', f);
					put_sym(f, s->shifts[i].name);
					fprintf(f, " %.17g", x->cuts[k].a[i]);
				}
		}
		fputs(";\n", f);
	}
	opt_design_dat(x, f, put_sym);
	fputs("\nend;\n", f);
}

/* ---- GLPK ---------------------------------------------------------------- */

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
 * in file ...") are passed over. */
static const char *
term_last(struct opt_term *t)
{
	char *p, *end = t->buf + t->len;

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
	return *p != '\0' ? p : "(no message)";
}

/* Solve the current model.  Returns 0 with x filled, 1 when the problem has
 * no integer solution, -1 with err on a GLPK failure. */
int
opt_solve(struct opt *x, int *staff, struct cq_err *err)
{
	char datpath[] = "/tmp/clinicq-opt-XXXXXX";
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int fd, ret;
	jmp_buf jb;
	glp_tran *volatile tran = NULL;
	glp_prob *volatile lp = NULL;
	volatile int rc = -1;
	const char *tmpdir = getenv("TMPDIR");
	char tmpl[4096];

	if ((f = open_memstream(&text, &len)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	write_dat(x, f);
	if (fclose(f) != 0 || text == NULL) {
		free(text);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	free(x->r->dat);
	x->r->dat = text;

	if (tmpdir != NULL && *tmpdir != '\0' &&
	    (size_t)snprintf(tmpl, sizeof tmpl, "%s/clinicq-opt-XXXXXX", tmpdir) < sizeof tmpl)
		;
	else
		snprintf(tmpl, sizeof tmpl, "%s", datpath);
	if ((fd = mkstemp(tmpl)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot create a temporary "
		    "file for the optimizer's data in %s", tmpdir ? tmpdir : "/tmp");
	if ((f = fdopen(fd, "w")) == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		if (f == NULL)
			close(fd);
		unlink(tmpl);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot write the optimizer's "
		    "data to %s", tmpl);
	}

	x->term.len = 0;
	x->term.buf[0] = '\0';
	x->term.verbose = x->o->verbose;
	glp_term_hook(term_hook, &x->term);
	if (setjmp(jb) != 0) {
		/* GLPK hit an internal error: its whole environment is dropped. */
		tran = NULL;
		lp = NULL;
		glp_free_env();
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK failed: %s", term_last(&x->term));
		rc = -1;
		goto out;
	}
	glp_error_hook(error_hook, &jb);
	tran = glp_mpl_alloc_wksp();
	if (glp_mpl_read_model(tran, x->r->model, 1) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, x->r->model, 0, "GLPK cannot read the model: %s",
		    term_last(&x->term));
		goto out;
	}
	if (glp_mpl_read_data(tran, tmpl) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot read the optimizer's data: "
		    "%s", term_last(&x->term));
		goto out;
	}
	if (glp_mpl_generate(tran, NULL) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot generate the model: %s",
		    term_last(&x->term));
		goto out;
	}
	lp = glp_create_prob();
	glp_mpl_build_prob(tran, lp);
	/* x[s] first, in the order of SHIFTS; then shift design's use[t,s]. */
	if (glp_get_num_cols(lp) < x->ns || (x->ns > 0 && (glp_get_col_name(lp, x->ns) == NULL ||
	    strncmp(glp_get_col_name(lp, x->ns), "x[", 2) != 0))) {
		cq_err_set(err, CQ_EXIT_FAIL, x->r->model, 0, "the model has %d columns for "
		    "%d shifts", glp_get_num_cols(lp), x->ns);
		goto out;
	}
	{
		glp_iocp p;

		glp_init_iocp(&p);
		p.presolve = GLP_ON;
		p.msg_lev = x->o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
		p.tm_lim = 60000;
		if (x->nfixed < x->ns) {
			/* Shift design: many overlapping candidates make a weak
			 * relaxation that branching alone closes slowly; GLPK's cuts
			 * and a small gap end it, and the simulations judge anyway. */
			p.gmi_cuts = p.mir_cuts = p.cov_cuts = p.clq_cuts = GLP_ON;
			p.mip_gap = OPT_DESIGN_GAP;
			p.tm_lim = OPT_DESIGN_TM_LIM;
		}
		ret = glp_intopt(lp, &p);
	}
	/* Within the gap, or out of time with a roster in hand (shift design). */
	if ((ret == GLP_ETMLIM || ret == GLP_EMIPGAP) && glp_mip_status(lp) == GLP_FEAS &&
	    x->nfixed < x->ns)
		ret = 0;
	x->r->nsolves++;
	if (ret == GLP_ENOPFS || ret == GLP_ENODFS ||
	    (ret == 0 && glp_mip_status(lp) == GLP_NOFEAS)) {
		rc = 1;
		goto out;
	}
	if (ret != 0 || (glp_mip_status(lp) != GLP_OPT && glp_mip_status(lp) != GLP_FEAS)) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK could not solve the roster problem "
		    "(glp_intopt returned %d, status %d): %s", ret, glp_mip_status(lp),
		    term_last(&x->term));
		goto out;
	}
	if (glp_mpl_postsolve(tran, lp, GLP_MIP) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK postsolve failed: %s",
		    term_last(&x->term));
		goto out;
	}
	{
		int i;

		for (i = 0; i < x->ns; i++)
			staff[i] = (int)lround(glp_mip_col_val(lp, i + 1));
	}
	rc = 0;
out:
	glp_error_hook(NULL, NULL);
	if (lp != NULL)
		glp_delete_prob(lp);
	if (tran != NULL)
		glp_mpl_free_wksp(tran);
	glp_term_hook(NULL, NULL);
	unlink(tmpl);
	return rc;
}

