/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_rota.c — a rota for people and programs: the text (headcount, FTE and
 * cost per role and contract, the over-cover, then the rota as a grid of
 * shift codes), the "rota" JSON member and rota.csv (a row per line and day).
 * The Rota sheet is pres_rota_xlsx.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pres.h"
#include "pres_rota_int.h"
#include "week.h"

/* ---- shift codes ------------------------------------------------------------ */

/* Up to three letters of a shift's own name, after its role's prefix
 * ("rn_day" of rn: "DAY" -> "D"), made unique with a digit. */
void
pres_rota_codes(const struct rota_problem *p, char (*code)[PRES_ROTA_CODE])
{
	int i, j, k, clash;

	for (i = 0; i < p->nshifts; i++) {
		const char *n = p->shifts[i].name, *r = p->role_names[p->shifts[i].role];
		size_t rl = strlen(r);

		if (strncmp(n, r, rl) == 0 && (n[rl] == '_' || n[rl] == '-') && n[rl + 1] != '\0')
			n += rl + 1;
		for (k = 1; k <= 3; k++) {
			snprintf(code[i], PRES_ROTA_CODE, "%.*s", k, n);
			for (j = 0; code[i][j] != '\0'; j++)
				if (code[i][j] >= 'a' && code[i][j] <= 'z')
					code[i][j] = (char)(code[i][j] - 'a' + 'A');
			for (j = 0, clash = 0; j < i && !clash; j++)
				clash = strcmp(code[j], code[i]) == 0;
			if (!clash)
				break;
		}
		for (k = 2; clash; k++) {
			snprintf(code[i], PRES_ROTA_CODE, "%.2s%d", n, k % 100);
			for (j = 0, clash = 0; j < i && !clash; j++)
				clash = strcmp(code[j], code[i]) == 0;
		}
	}
}

/* "08:00-16:30" (the end the next day: "22:00-06:00+"). */
void
pres_rota_span(const struct rota_shift *sh, char *buf, size_t n)
{
	snprintf(buf, n, "%02d:%02d-%02d:%02d%s", sh->start / 60, sh->start % 60,
	    sh->end % DAY_MINUTES / 60, sh->end % 60, sh->end > DAY_MINUTES ? "+" : "");
}

/* Persons on shift s on day d of the cycle. */
int
pres_rota_on(const struct rota_result *r, int s, int d)
{
	int l, n = 0;

	for (l = 0; l < r->nlines; l++)
		n += r->lines[l].day[d] == s;
	return n;
}

/* The paid hours a week of contract k's lines together. */
double
pres_rota_hours(const struct rota_result *r, int k)
{
	double h = 0;
	int l;

	for (l = 0; l < r->nlines; l++)
		if (r->lines[l].contract == k)
			h += r->lines[l].hours_per_week;
	return h;
}

/* The cost of contract k's lines together. */
double
pres_rota_cost(const struct rota_result *r, int k)
{
	double c = 0;
	int l;

	for (l = 0; l < r->nlines; l++)
		if (r->lines[l].contract == k)
			c += r->lines[l].cost_per_week;
	return c;
}

/* The weekly cost of the roster's hours: every shift-day's persons and hours. */
double
pres_rota_roster_cost(const struct rota_problem *p)
{
	double c = 0;
	int i, d;

	for (i = 0; i < p->nshifts; i++)
		for (d = 0; d < WEEK_DAYS; d++)
			c += p->shifts[i].demand[d] * (p->shifts[i].end - p->shifts[i].start) /
			    60.0 * p->shifts[i].cost_per_hour;
	return c;
}

/* ---- text ------------------------------------------------------------------- */

static void
text_headline(const struct rota_problem *p, const struct rota_result *r,
    const char *currency, const char *what, FILE *f)
{
	char a[48], b[48];

	if (!r->feasible) {
		fprintf(f, "rota of %s: a %d-week cycle; searched %.1fs (%ld lines)\n", what,
		    r->cycle_weeks, r->seconds, r->lines_considered);
		return;
	}
	fprintf(f, "rota of %s: a %d-week cycle, %d %s, people cost %s per week (the "
	    "roster's hours %s)\n", what, r->cycle_weeks, r->nlines,
	    r->nlines == 1 ? "person" : "people",
	    rpt_fmt_money(r->cost_per_week, currency, a, sizeof a),
	    rpt_fmt_money(pres_rota_roster_cost(p), currency, b, sizeof b));
	if (r->exact)
		fprintf(f, "least cost, then fewest people, proven (%s; %ld lines)\n",
		    r->bound_kind, r->lines_considered);
	else
		fprintf(f, "best found in %.1fs: %.1f%% above a lower bound of %.2f (%s; %ld "
		    "lines)\n", r->seconds, 100 * r->gap, r->bound, r->bound_kind,
		    r->lines_considered);
}

static void
text_headcount(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	int k, role;

	fprintf(f, "\n%-16s %-16s %7s %7s %12s\n", "role", "contract", "people", "FTE",
	    "cost/week");
	for (role = 0; role < p->nroles; role++)
		for (k = 0; k < p->ncontracts; k++) {
			if (p->contracts[k].role != role ||
			    (r->headcount[k] == 0 && p->contracts[k].min_people == 0))
				continue;
			fprintf(f, "%-16s %-16s %7d %7.1f %12.2f\n", p->role_names[role],
			    p->contracts[k].name, r->headcount[k],
			    pres_rota_hours(r, k) / p->fte_hours, pres_rota_cost(r, k));
		}
	for (role = 0; role < p->nroles; role++) {
		int people = 0;
		double cost = 0;

		for (k = 0; k < p->ncontracts; k++)
			if (p->contracts[k].role == role) {
				people += r->headcount[k];
				cost += pres_rota_cost(r, k);
			}
		if (people > 0)
			fprintf(f, "%-16s %-16s %7d %7.1f %12.2f\n", p->role_names[role],
			    "(all)", people, r->fte[role], cost);
	}
}

static void
text_over_cover(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	int s, d, n = 0, total = 0;

	for (s = 0; s < p->nshifts; s++)
		for (d = 0; d < r->ndays; d++)
			total += r->over_cover[s * r->ndays + d];
	if (total == 0) {
		fputs("\nno over-cover: every shift-day has exactly its staff\n", f);
		return;
	}
	fprintf(f, "\nover-cover (persons above the roster, who only add service): %d "
	    "person-day%s a cycle:", total, total == 1 ? "" : "s");
	for (s = 0; s < p->nshifts; s++)
		for (d = 0; d < r->ndays; d++) {
			int o = r->over_cover[s * r->ndays + d];

			if (o == 0 || n++ >= 12)
				continue;
			fprintf(f, " %s week %d %s +%d;", p->shifts[s].name, d / WEEK_DAYS + 1,
			    week_day_short[d % WEEK_DAYS], o);
		}
	fputs(n > 12 ? " ...\n" : "\n", f);
}

static void
text_grid(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	char (*code)[PRES_ROTA_CODE] = calloc((size_t)(p->nshifts > 0 ? p->nshifts : 1),
	    sizeof *code), span[32];
	int s, d, l;

	if (code == NULL)
		return;
	pres_rota_codes(p, code);
	fputs("\nshifts:", f);
	for (s = 0; s < p->nshifts; s++) {
		pres_rota_span(&p->shifts[s], span, sizeof span);
		fprintf(f, " %s %s (%s)%s", code[s], p->shifts[s].name, span,
		    s + 1 < p->nshifts ? ";" : "");
	}
	fputs("; . off\n\n#    role         contract    ", f);
	for (d = 0; d < r->ndays; d++)
		fprintf(f, "%s%-3.2s", d % WEEK_DAYS == 0 && d > 0 ? "| " : "",
		    week_day_short[d % WEEK_DAYS]);
	fputc('\n', f);
	for (l = 0; l < r->nlines; l++) {
		const struct rota_line *ln = &r->lines[l];

		fprintf(f, "%-4d %-12.12s %-12.12s", l + 1,
		    p->role_names[p->contracts[ln->contract].role], p->contracts[ln->contract].name);
		for (d = 0; d < r->ndays; d++)
			fprintf(f, "%s%-3s", d % WEEK_DAYS == 0 && d > 0 ? "| " : "",
			    ln->day[d] == ROTA_OFF ? "." : code[ln->day[d]]);
		fputc('\n', f);
	}
	free(code);
}

void
pres_rota_text(const struct rota_problem *p, const struct rota_result *r,
    const char *currency, const char *what, FILE *f)
{
	text_headline(p, r, currency, what, f);
	if (!r->feasible) {
		fprintf(f, "NO ROTA within the contracts covers the roster: %s\n", r->why);
		return;
	}
	text_headcount(p, r, f);
	text_over_cover(p, r, f);
	text_grid(p, r, f);
}

/* ---- JSON and CSV ------------------------------------------------------------ */

void
pres_rota_json(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	fputs("\"rota\":", f);
	rota_json(p, r, f);
}

static void
csv_fill(const void *arg, FILE *f)
{
	const struct pres_rota *pr = arg;
	const struct rota_problem *p = pr->p;
	const struct rota_result *r = pr->r;
	int l, d;

	fputs("line,role,contract,week,day,shift,start,end\n", f);
	for (l = 0; l < r->nlines; l++)
		for (d = 0; d < r->ndays; d++) {
			const struct rota_line *ln = &r->lines[l];
			int s = ln->day[d];

			fprintf(f, "%d,", l + 1);
			rpt_csv_str(f, p->role_names[p->contracts[ln->contract].role]);
			fputc(',', f);
			rpt_csv_str(f, p->contracts[ln->contract].name);
			fprintf(f, ",%d,%s,", d / WEEK_DAYS + 1, week_day_key[d % WEEK_DAYS]);
			if (s == ROTA_OFF) {
				fputs("off,,\n", f);
				continue;
			}
			rpt_csv_str(f, p->shifts[s].name);
			fprintf(f, ",%02d:%02d,%02d:%02d\n", p->shifts[s].start / 60,
			    p->shifts[s].start % 60, p->shifts[s].end % DAY_MINUTES / 60,
			    p->shifts[s].end % 60);
		}
}

int
pres_rota_csv(const struct scn *s, const struct rota_problem *p,
    const struct rota_result *r, const char *dir, struct cq_err *err)
{
	struct pres_rota pr = { p, r, NULL, s->currency };

	return rpt_csv_file(s, dir, "rota.csv", csv_fill, &pr, err);
}
