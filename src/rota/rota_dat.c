/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_dat.c — the covering programme as MathProg data for models/rota.mod,
 * and where the model file is found.
 *
 * The same writer gives the data a role's programme is first built from
 * (rota_glpk.c: its first lines) and the data of the whole solve
 * (want_dat: every role's lines in its last programme), so that
 * `glpsol -m models/rota.mod -d FILE` solves what clinicq solved.
 */
#include "rota_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models.h"
#include "week.h"

/* ---- MathProg data ------------------------------------------------------------ */

void
rota_put_sym(FILE *f, const char *name)
{
	fputc('\'', f);
	for (; *name != '\0'; name++) {
		if (*name == '\'')
			fputc('\'', f);
		fputc(*name, f);
	}
	fputc('\'', f);
}

/* A line's name: its contract's and its column's number in its programme. */
static void
put_line(FILE *f, const struct rota_prog *g, int i)
{
	char num[32];
	const char *name = g->ct[g->cols.ct[i]].name;

	snprintf(num, sizeof num, ":%d", i + 1);
	fputc('\'', f);
	for (; *name != '\0'; name++) {
		if (*name == '\'')
			fputc('\'', f);
		fputc(*name, f);
	}
	fputs(num, f);
	fputc('\'', f);
}

static void
dat_head(FILE *f, const struct rota_problem *p, struct rota_prog *const *pg, int npg,
    double tie)
{
	int i, j, k, d;

	fprintf(f, "/* clinicq rota: the covering programme of models/rota.mod.\n"
	    " * glpsol -m models/rota.mod -d THIS_FILE */\ndata;\n");
	fprintf(f, "param ndays := %d;\nparam tie := %.17g;\n", npg > 0 ? pg[0]->ndays :
	    WEEK_DAYS, tie);
	fputs("set CONTRACTS :=", f);
	for (i = 0; i < npg; i++)
		for (j = 0; j < pg[i]->nct; j++) {
			fputc(' ', f);
			rota_put_sym(f, pg[i]->ct[j].name);
		}
	fputs(";\nset SHIFTS :=", f);
	for (i = 0; i < npg; i++)
		for (k = 0; k < pg[i]->rs->nsh; k++) {
			fputc(' ', f);
			rota_put_sym(f, p->shifts[pg[i]->rs->glob[k]].name);
		}
	fputs(";\nparam demand : 1 2 3 4 5 6 7 :=", f);
	for (i = 0; i < npg; i++)
		for (k = 0; k < pg[i]->rs->nsh; k++) {
			fputs("\n  ", f);
			rota_put_sym(f, p->shifts[pg[i]->rs->glob[k]].name);
			for (d = 0; d < WEEK_DAYS; d++)
				fprintf(f, " %d", p->shifts[pg[i]->rs->glob[k]].demand[d]);
		}
	fputs(";\nparam min_people :=", f);
	for (i = 0; i < npg; i++)
		for (j = 0; j < pg[i]->nct; j++)
			if (p->contracts[pg[i]->ct[j].c].min_people > 0) {
				fputc(' ', f);
				rota_put_sym(f, pg[i]->ct[j].name);
				fprintf(f, " %d", p->contracts[pg[i]->ct[j].c].min_people);
			}
	fputs(";\nset GROUPS :=", f);
	for (i = 0; i < npg; i++) {
		fputc(' ', f);
		rota_put_sym(f, p->role_names[pg[i]->rs->role]);
	}
	fputs(";\nparam : group days_worked :=", f);
	for (i = 0; i < npg; i++)
		for (j = 0; j < pg[i]->nct; j++) {
			fputs("\n  ", f);
			rota_put_sym(f, pg[i]->ct[j].name);
			fputc(' ', f);
			rota_put_sym(f, p->role_names[pg[i]->rs->role]);
			fprintf(f, " %d", pg[i]->ct[j].dpw * pg[i]->W);
		}
	fputs(";\nparam need :=", f);
	for (i = 0; i < npg; i++) {
		fputc(' ', f);
		rota_put_sym(f, p->role_names[pg[i]->rs->role]);
		fprintf(f, " %ld", rota_prog_need(p, pg[i]));
	}
	fputs(";\nparam max_people :=", f);
	for (i = 0; i < npg; i++)
		for (j = 0; j < pg[i]->nct; j++)
			if (p->contracts[pg[i]->ct[j].c].max_people >= 0) {
				fputc(' ', f);
				rota_put_sym(f, pg[i]->ct[j].name);
				fprintf(f, " %d", p->contracts[pg[i]->ct[j].c].max_people);
			}
	fputs(";\n", f);
}

/* The lines of programme g that work each shift-day, its first n lines:
 * set works[s, d]. */
static int
dat_works(FILE *f, const struct rota_problem *p, const struct rota_prog *g, int n)
{
	int nsh = g->rs->nsh, N = g->ndays, i, t, *cnt, *at, *list;
	size_t cells = (size_t)N * (size_t)nsh;

	cnt = calloc(cells + 1, sizeof *cnt);
	at = malloc((cells + 1) * sizeof *at);
	list = malloc(((size_t)n * (size_t)N + 1) * sizeof *list);
	if (cnt == NULL || at == NULL || list == NULL) {
		free(cnt);
		free(at);
		free(list);
		return -1;
	}
	for (i = 0; i < n; i++)
		for (t = 0; t < N; t++)
			if (rota_lines_day(&g->cols, i)[t] != ROTA_OFF)
				cnt[(size_t)rota_lines_day(&g->cols, i)[t] * N + (size_t)t + 1]++;
	for (i = 1; i <= (int)cells; i++)
		cnt[i] += cnt[i - 1];
	memcpy(at, cnt, (cells + 1) * sizeof *at);
	for (i = 0; i < n; i++)
		for (t = 0; t < N; t++)
			if (rota_lines_day(&g->cols, i)[t] != ROTA_OFF)
				list[at[(size_t)rota_lines_day(&g->cols, i)[t] * N + (size_t)t]++] = i;
	for (i = 0; i < (int)cells; i++) {
		int j;

		if (cnt[i] == cnt[i + 1])
			continue;
		fputs("set works[", f);
		rota_put_sym(f, p->shifts[g->rs->glob[i / N]].name);
		fprintf(f, ",%d] :=", i % N + 1);
		for (j = cnt[i]; j < cnt[i + 1]; j++) {
			fputs((j - cnt[i]) % 8 == 7 ? "\n " : " ", f);
			put_line(f, g, list[j]);
		}
		fputs(";\n", f);
	}
	free(cnt);
	free(at);
	free(list);
	return 0;
}

/* The data of programmes pg: all their lines, or the first ninit of the one
 * programme (ninit >= 0).  0, or -1 out of memory or on a write error. */
int
rota_dat_write(FILE *f, const struct rota_problem *p, struct rota_prog *const *pg, int npg,
    double tie, int ninit)
{
	int i, j;

	dat_head(f, p, pg, npg, tie);
	fputs("set LINES :=", f);
	for (i = 0; i < npg; i++) {
		int n = ninit >= 0 ? ninit : pg[i]->cols.n;

		for (j = 0; j < n; j++) {
			fputs(j % 8 == 7 ? "\n " : " ", f);
			put_line(f, pg[i], j);
		}
	}
	fputs(";\nparam : contract cost :=", f);
	for (i = 0; i < npg; i++) {
		int n = ninit >= 0 ? ninit : pg[i]->cols.n;

		for (j = 0; j < n; j++) {
			fputs("\n  ", f);
			put_line(f, pg[i], j);
			fputc(' ', f);
			rota_put_sym(f, pg[i]->ct[pg[i]->cols.ct[j]].name);
			fprintf(f, " %.17g", pg[i]->cols.cost[j]);
		}
	}
	fputs(";\n", f);
	for (i = 0; i < npg; i++)
		if (dat_works(f, p, pg[i], ninit >= 0 ? ninit : pg[i]->cols.n) != 0)
			return -1;
	fputs("end;\n", f);
	return ferror(f) ? -1 : 0;
}
