/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_design.c — shift design: the candidate shifts of [shift_template]
 * sections as columns of the optimizer.  opt_run() works on scn_design()'s
 * copy, in which every candidate is an ordinary shift (tmpl > 0), so the
 * relaxation, the simulations and the moves treat them like the written
 * shifts; this file adds what is particular to them: each template's bounds
 * over all its candidates (and max_shifts), the capacity a template can put
 * on duty, the template rows of the MathProg data, and the columns a move may
 * use, so that the number of candidates does not multiply the simulations.
 * See doc/optimizer.md, "Shift design".
 */
#include "opt_int.h"

#include <stdlib.h>
#include <string.h>

/* The template of column i (index), or -1 for a written shift. */
static int
tmpl_of(const struct opt *x, int i)
{
	return x->s->shifts[i].tmpl - 1;
}

int
opt_tmpl_ok(const struct opt *x, const int *staff)
{
	const struct scn *s = x->s;
	int tot[OPT_MAX_TEMPLATES] = { 0 }, used[OPT_MAX_TEMPLATES] = { 0 }, i, k;

	if (s->ntemplates == 0)
		return 1;
	for (i = x->nfixed; i < x->ns; i++)
		if (staff[i] > 0) {
			k = tmpl_of(x, i);
			tot[k] += staff[i];
			used[k]++;
		}
	for (k = 0; k < s->ntemplates; k++) {
		const struct scn_tmpl *t = &s->templates[k];

		if (tot[k] < t->min || tot[k] > t->max ||
		    (t->max_shifts > 0 && used[k] > t->max_shifts))
			return 0;
	}
	return 1;
}

int
opt_room(const struct opt *x, const int *staff, int i)
{
	const struct scn *s = x->s;
	int k = tmpl_of(x, i), tot = 0, used = 0, j;

	if (staff[i] >= s->shifts[i].max)
		return 0;
	if (k < 0)
		return 1;
	for (j = x->nfixed; j < x->ns; j++)
		if (tmpl_of(x, j) == k && staff[j] > 0) {
			tot += staff[j];
			used++;
		}
	return tot < s->templates[k].max && (s->templates[k].max_shifts == 0 ||
	    staff[i] > 0 || used < s->templates[k].max_shifts);
}

/* Capacity of a row: a written shift adds a[i] x its max; a template adds its
 * max persons on the candidate with the largest a (however they are spread,
 * its persons cannot be on duty more than that). */
void
opt_cap_reset(struct opt_cap *c)
{
	memset(c, 0, sizeof *c);
}

void
opt_cap_add(struct opt_cap *c, const struct opt *x, int i, double a)
{
	int k = tmpl_of(x, i);

	if (k < 0)
		c->fixed += a * x->s->shifts[i].max;
	else if (a > c->tm[k])
		c->tm[k] = a;
}

double
opt_cap_total(const struct opt_cap *c, const struct opt *x)
{
	double sum = c->fixed;
	int k;

	for (k = 0; k < x->s->ntemplates; k++)
		sum += c->tm[k] * x->s->templates[k].max;
	return sum;
}

/* The template part of the MathProg data (models/staffing.mod): the
 * templates, which candidates belong to which, their bounds. */
void
opt_design_dat(const struct opt *x, FILE *f, void (*put_sym)(FILE *, const char *))
{
	const struct scn *s = x->s;
	int k, i;

	if (s->ntemplates == 0)
		return;
	fputs("\n# shift design: candidates of [shift_template] sections\nset TEMPLATES :=", f);
	for (k = 0; k < s->ntemplates; k++) {
		fputc(' ', f);
		put_sym(f, s->templates[k].name);
	}
	fputs(";\nset IN_TEMPLATE :=", f);
	for (i = x->nfixed; i < x->ns; i++) {
		fputs("\n  (", f);
		put_sym(f, s->templates[tmpl_of(x, i)].name);
		fputc(',', f);
		put_sym(f, s->shifts[i].name);
		fputc(')', f);
	}
	fputs(";\nparam: tmin tmax max_shifts :=\n", f);
	for (k = 0; k < s->ntemplates; k++) {
		fputs("  ", f);
		put_sym(f, s->templates[k].name);
		fprintf(f, " %d %d %d\n", s->templates[k].min, s->templates[k].max,
		    s->templates[k].max_shifts);
	}
	fputs(";\n", f);
}

/* Whether candidates i and j of one template are neighbours in its grid:
 * the same length and the next start, or the same start and the next
 * length. */
static int
grid_near(const struct scn_tmpl *t, const struct scn_shift *a, const struct scn_shift *b)
{
	int si = -1, sj = -1, li = -1, lj = -1, k;

	for (k = 0; k < t->nstarts; k++) {
		if (t->starts[k] == a->start)
			si = k;
		if (t->starts[k] == b->start)
			sj = k;
	}
	for (k = 0; k < t->nlengths; k++) {
		if (t->lengths[k] == a->end - a->start)
			li = k;
		if (t->lengths[k] == b->end - b->start)
			lj = k;
	}
	return (li == lj && abs(si - sj) == 1) || (si == sj && abs(li - lj) == 1);
}

/* The columns a move from cur may add to: every written shift; a candidate
 * staffed now or in the last integer solve; a grid neighbour of a staffed
 * candidate; a candidate of the role of a staffed shift that starts when it
 * starts or ends when it ends, shorter (one by two shorter).  Returns the
 * count; the rest are left to the relaxation (a new solve after cuts). */
int
opt_active(const struct opt *x, const int *cur, unsigned char *act)
{
	const struct scn *s = x->s;
	int i, j, n = 0;

	for (i = 0; i < x->ns; i++)
		act[i] = i < x->nfixed || cur[i] > 0 || x->r->last_solve[i] > 0;
	for (j = x->nfixed; j < x->ns; j++) {
		const struct scn_shift *b = &s->shifts[j];

		if (act[j])
			continue;
		for (i = 0; i < x->ns && !act[j]; i++) {
			const struct scn_shift *a = &s->shifts[i];

			if (cur[i] <= 0 || a->role != b->role)
				continue;
			if (a->tmpl == b->tmpl && grid_near(&s->templates[b->tmpl - 1], a, b))
				act[j] = 1;
			else if ((a->start == b->start || a->end == b->end) &&
			    b->end - b->start < a->end - a->start && (a->days & b->days) != 0)
				act[j] = 1;
		}
	}
	for (i = 0; i < x->ns; i++)
		n += act[i];
	return n;
}
