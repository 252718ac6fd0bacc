/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_dat.c — the optimizer's problem as MathProg data for
 * models/staffing.mod: the programme is built from it once (opt_glpk.c), and
 * `--write-dat` writes the data of the last solve, so that glpsol solves the
 * same problem.  Also where the model file is found.
 */
#include "opt_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models.h"

int
opt_model_path(char *buf, size_t n, struct cq_err *err)
{
	return models_path("staffing.mod", buf, n, err);
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

/* The shifts, roles and each shift's parameters and cover. */
static void
dat_shifts(const struct opt *x, FILE *f)
{
	const struct scn *s = x->s;
	int i, j, k, r;

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
	fputs(";\n\nparam: role cost tiebreak lo hi :=\n", f);
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
			if (x->cover[i * OPT_SLOTS + j] > 0)
				fprintf(f, "%s%d %.17g", k++ % 8 == 0 ? "\n    " : "  ", j,
				    x->cover[i * OPT_SLOTS + j]);
	}
	fputs(";\n", f);
}

/* Role groups (opt_relax.c), named by their roles, with their members, their
 * requirements (none when reqs is 0) and their occupancy rows. */
static void
dat_groups(const struct opt *x, FILE *f, int reqs)
{
	const struct scn *s = x->s;
	int i, j, k, r, g;

	fputs("\nset GROUPS :=", f);
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
		for (j = 0, k = 0; j < OPT_SLOTS && reqs; j++)
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
}

/* The programme's first ncut cut rows, in the order they entered it. */
static void
dat_cuts(const struct opt *x, FILE *f, int ncut)
{
	int i, k;

	fputs("\nset CUTS :=", f);
	for (k = 0; k < ncut; k++)
		fprintf(f, "%s%d", k % 16 == 0 ? "\n  " : " ", k + 1);
	fputs(";\n", f);
	if (ncut == 0)
		return;
	fputs("\nparam: b necessary cut_name :=\n", f);
	for (k = 0; k < ncut; k++) {
		const struct opt_cut *ct = &x->cuts[x->active[k]];

		fprintf(f, "  %d %.17g %d \"%s\"\n", k + 1, ct->b, ct->necessary, ct->name);
	}
	fputs(";\n\nparam a :=", f);
	for (k = 0; k < ncut; k++) {
		const struct opt_cut *ct = &x->cuts[x->active[k]];

		fprintf(f, "\n  [%d,*]", k + 1);
		for (i = 0; i < ct->nz; i++) {
			fputc(' ', f);
			put_sym(f, x->s->shifts[ct->idx[i]].name);
			fprintf(f, " %.17g", ct->val[i]);
		}
	}
	fputs(";\n", f);
}

/* The data of a solve with the programme's first ncut cut rows (fallback:
 * without the requirements and cuts, as that solve was). */
static void
write_dat(const struct opt *x, FILE *f, int ncut, int fallback)
{
	const struct scn *s = x->s;
	int i;

	fprintf(f, "# clinicq optimize: data for models/staffing.mod\n# scenario: ");
	for (i = 0; s->name[i] != '\0'; i++)
		fputc(s->name[i] == '\n' ? ' ' : s->name[i], f);
	fprintf(f, "\n#   glpsol -m models/staffing.mod -d THIS_FILE -o solution.txt%s%s\n\ndata;\n\n",
	    x->nfixed < x->ns ? "\n# shift design: solved with GLPK's cuts and a relative gap of "
	    "0.5% (glpsol --cuts --mipgap 0.005)" : "", fallback ? "\n# solved without the "
	    "relaxation's rows: they ask more than the templates' max can give" :
	    x->no_cover ? "\n# without the coverage requirements: they ask more than the "
	    "templates' max can give" : "");
	dat_shifts(x, f);
	dat_groups(x, f, !fallback && !x->no_cover);
	dat_cuts(x, f, ncut);
	opt_design_dat(x, f, put_sym);
	fputs("\nend;\n", f);
}

int
opt_dat_write(const struct opt *x, FILE *f, int ncut, int fallback)
{
	write_dat(x, f, ncut, fallback);
	return ferror(f) ? -1 : 0;
}

char *
opt_dat_text(const struct opt *x)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if ((f = open_memstream(&text, &len)) == NULL)
		return NULL;
	write_dat(x, f, x->lp_fallback ? 0 : x->last_nactive, x->lp_fallback);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
