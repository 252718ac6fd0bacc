/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_json.c — the rota as JSON (SPEC 5.4's "rota" value), and the problem
 * as JSON (what tests/rota_check.py checks a rota against; doc/rota.md).
 *
 * A day of the cycle is named by its weekday key ("mon") when the cycle is
 * one week, else by its week and weekday ("w2_mon").  Wall-clock figures are
 * left out: the command gives them under "timing".
 */
#include "rota_int.h"

#include <math.h>

#include "week.h"

static void
put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void
put_num(FILE *f, double x)
{
	if (!isfinite(x))
		x = 0.0;
	if (x == floor(x) && fabs(x) < 1e15)
		fprintf(f, "%.0f", x);
	else
		fprintf(f, "%.10g", x);
}

static void
put_day(FILE *f, int W, int t)
{
	if (W == 1)
		fprintf(f, "\"%s\"", week_day_key[t % WEEK_DAYS]);
	else
		fprintf(f, "\"w%d_%s\"", t / WEEK_DAYS + 1, week_day_key[t % WEEK_DAYS]);
}

/* The cost of the roster's hours: each shift-day's persons at the shift's
 * rate. */
static double
roster_cost(const struct rota_problem *p)
{
	double c = 0.0;
	int s, d;

	for (s = 0; s < p->nshifts; s++)
		for (d = 0; d < WEEK_DAYS; d++)
			c += p->shifts[s].demand[d] * (p->shifts[s].end - p->shifts[s].start) /
			    (double)HOUR_MINUTES * p->shifts[s].cost_per_hour;
	return c;
}

static void
json_people(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	int q, c, n;

	fputs("\"headcount\":{", f);
	for (q = 0; q < p->nroles; q++) {
		fputs(q ? "," : "", f);
		put_str(f, p->role_names[q]);
		fputs(":{", f);
		for (c = 0, n = 0; c < p->ncontracts; c++)
			if (p->contracts[c].role == q) {
				fputs(n++ ? "," : "", f);
				put_str(f, p->contracts[c].name);
				fprintf(f, ":%d", r->headcount != NULL ? r->headcount[c] : 0);
			}
		fputc('}', f);
	}
	fputs("},\"fte\":{", f);
	for (q = 0; q < p->nroles; q++) {
		fputs(q ? "," : "", f);
		put_str(f, p->role_names[q]);
		fputc(':', f);
		put_num(f, r->fte != NULL ? floor(r->fte[q] * 1e4 + 0.5) / 1e4 : 0.0);
	}
	fputc('}', f);
}

static void
json_over(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	int s, t, n;

	fputs(",\"over_cover\":{", f);
	for (s = 0; s < p->nshifts && r->feasible; s++) {
		fputs(s ? "," : "", f);
		put_str(f, p->shifts[s].name);
		fputs(":{", f);
		for (t = 0, n = 0; t < r->ndays; t++)
			if ((p->shifts[s].days >> (t % WEEK_DAYS)) & 1u) {
				fputs(n++ ? "," : "", f);
				put_day(f, r->cycle_weeks, t);
				fprintf(f, ":%d", r->over_cover[s * r->ndays + t]);
			}
		fputc('}', f);
	}
	fputc('}', f);
}

static void
json_lines(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	int i, t;

	fputs(",\"lines\":[", f);
	for (i = 0; i < r->nlines; i++) {
		const struct rota_line *ln = &r->lines[i];
		const struct rota_contract *k = &p->contracts[ln->contract];

		fputs(i ? ",{\"role\":" : "{\"role\":", f);
		put_str(f, p->role_names[k->role]);
		fputs(",\"contract\":", f);
		put_str(f, k->name);
		fputs(",\"days\":[", f);
		for (t = 0; t < r->ndays; t++) {
			fputs(t ? "," : "", f);
			put_str(f, ln->day[t] == ROTA_OFF ? "off" : p->shifts[ln->day[t]].name);
		}
		fputs("]}", f);
	}
	fputc(']', f);
}

int
rota_json(const struct rota_problem *p, const struct rota_result *r, FILE *f)
{
	fprintf(f, "{\"feasible\":%s,\"cycle_weeks\":%d,", r->feasible ? "true" : "false",
	    r->cycle_weeks);
	json_people(p, r, f);
	fputs(",\"cost_per_week\":", f);
	put_num(f, floor(r->cost_per_week * 100 + 0.5) / 100);
	fputs(",\"roster_cost_per_week\":", f);
	put_num(f, floor(roster_cost(p) * 100 + 0.5) / 100);
	json_over(p, r, f);
	json_lines(p, r, f);
	fprintf(f, ",\"exact\":%s,\"bound\":", r->exact ? "true" : "false");
	put_num(f, floor(r->bound * 100 + 0.5) / 100);
	fputs(",\"gap\":", f);
	put_num(f, floor(r->gap * 1e6 + 0.5) / 1e6);
	fputs(",\"bound_kind\":", f);
	put_str(f, r->bound_kind != NULL ? r->bound_kind : "");
	fputs(",\"comb_bound\":", f);
	put_num(f, floor(r->comb_bound * 100 + 0.5) / 100);
	fprintf(f, ",\"lines_considered\":%ld", r->lines_considered);
	if (!r->feasible) {
		fputs(",\"why\":", f);
		put_str(f, r->why);
	}
	fputc('}', f);
	return ferror(f) ? -1 : 0;
}

/* ---- the problem --------------------------------------------------------------------- */

static void
json_shift(const struct rota_problem *p, int s, FILE *f)
{
	const struct rota_shift *sh = &p->shifts[s];
	int d, n = 0;

	fputs("{\"name\":", f);
	put_str(f, sh->name);
	fputs(",\"role\":", f);
	put_str(f, p->role_names[sh->role]);
	fprintf(f, ",\"start\":%d,\"end\":%d,\"days\":[", sh->start, sh->end);
	for (d = 0; d < WEEK_DAYS; d++)
		if ((sh->days >> d) & 1u)
			fprintf(f, "%s\"%s\"", n++ ? "," : "", week_day_key[d]);
	fputs("],\"demand\":[", f);
	for (d = 0; d < WEEK_DAYS; d++)
		fprintf(f, "%s%d", d ? "," : "", sh->demand[d]);
	fputs("],\"cost_per_hour\":", f);
	put_num(f, sh->cost_per_hour);
	fputc('}', f);
}

static void
json_contract(const struct rota_problem *p, int c, FILE *f)
{
	const struct rota_contract *k = &p->contracts[c];
	int s, n = 0;

	fputs("{\"name\":", f);
	put_str(f, k->name);
	fputs(",\"role\":", f);
	put_str(f, p->role_names[k->role]);
	fprintf(f, ",\"days_per_week\":%d,\"hours_per_week\":", k->days_per_week);
	put_num(f, k->hours_per_week);
	fprintf(f, ",\"days_off_together\":%s,\"max_consecutive_days\":%d,\"min_rest\":%d,"
	    "\"weekends_off\":[%d,%d],\"shifts\":", k->days_off_together ? "true" : "false",
	    k->max_consecutive_days, k->min_rest, k->weekends_off, k->weekends_in);
	if (k->may == NULL) {
		fputs("null", f);
	} else {
		fputc('[', f);
		for (s = 0; s < p->nshifts; s++)
			if (k->may[s]) {
				fputs(n++ ? "," : "", f);
				put_str(f, p->shifts[s].name);
			}
		fputc(']', f);
	}
	fprintf(f, ",\"same_shift\":%s,\"cost_per_week\":", k->same_shift ? "true" : "false");
	put_num(f, k->cost_per_week);
	fprintf(f, ",\"min_people\":%d,\"max_people\":%d}", k->min_people, k->max_people);
}

int
rota_problem_json(const struct rota_problem *p, FILE *f)
{
	int i;

	fprintf(f, "{\"cycle_weeks\":%d,\"fte_hours\":", rota_cycle_weeks(p));
	put_num(f, p->fte_hours);
	fputs(",\"roles\":[", f);
	for (i = 0; i < p->nroles; i++) {
		fputs(i ? "," : "", f);
		put_str(f, p->role_names[i]);
	}
	fputs("],\n\"shifts\":[", f);
	for (i = 0; i < p->nshifts; i++) {
		fputs(i ? ",\n " : "", f);
		json_shift(p, i, f);
	}
	fputs("],\n\"contracts\":[", f);
	for (i = 0; i < p->ncontracts; i++) {
		fputs(i ? ",\n " : "", f);
		json_contract(p, i, f);
	}
	fputs("]}\n", f);
	return ferror(f) ? -1 : 0;
}
