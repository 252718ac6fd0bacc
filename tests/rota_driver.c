/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_driver.c — the rota layer from the command line, for tests and the
 * benchmark: reads a problem as JSON (the format rota_problem_json writes,
 * doc/rota.md), solves it, prints {"rota":…,"timing":{…}} on stdout.
 *
 *   tests/rota_driver PROBLEM.json [--cap N] [--time S] [--dat FILE]
 *                     [--reverse] [--verbose] [--problem]
 *
 * --cap N: enumerate at most N lines a role (-1: none: column generation);
 * --time S: the time limit; --dat FILE: the MathProg data of the solve;
 * --reverse: shifts and contracts in the reverse order (the answer must not
 * change); --problem: print the problem as read (JSON) and stop.
 * Exit status: 0 a rota, 3 none, 2 a problem refused, 1 a failure.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rota/rota.h"
#include "week.h"

/* ---- a small JSON reader ------------------------------------------------------ */

enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jt t;
	double num;
	char *str;
	int n;
	char **keys;
	struct jv *it;
};

static const char *js;

static void
ws(void)
{
	while (isspace((unsigned char)*js))
		js++;
}

static int parse(struct jv *v);

static char *
parse_str(void)
{
	size_t n = 0, cap = 16;
	char *s = malloc(cap);

	if (*js++ != '"')
		exit(2);
	while (*js != '"' && *js != '\0') {
		char c = *js++;

		if (c == '\\') {
			c = *js++;
			if (c == 'n')
				c = '\n';
			else if (c == 'u') {
				c = (char)strtol((char[5]){ js[0], js[1], js[2], js[3], 0 }, NULL, 16);
				js += 4;
			}
		}
		if (n + 2 > cap)
			s = realloc(s, cap *= 2);
		s[n++] = c;
	}
	js++;
	s[n] = '\0';
	return s;
}

static int
parse_list(struct jv *v, char close, int obj)
{
	js++;
	ws();
	while (*js != close) {
		v->it = realloc(v->it, (size_t)(v->n + 1) * sizeof *v->it);
		if (obj) {
			v->keys = realloc(v->keys, (size_t)(v->n + 1) * sizeof *v->keys);
			v->keys[v->n] = parse_str();
			ws();
			if (*js++ != ':')
				return -1;
		}
		if (parse(&v->it[v->n++]) != 0)
			return -1;
		ws();
		if (*js == ',')
			js++, ws();
	}
	js++;
	return 0;
}

static int
parse(struct jv *v)
{
	memset(v, 0, sizeof *v);
	ws();
	if (*js == '{')
		return v->t = J_OBJ, parse_list(v, '}', 1);
	if (*js == '[')
		return v->t = J_ARR, parse_list(v, ']', 0);
	if (*js == '"')
		return v->t = J_STR, v->str = parse_str(), 0;
	if (strncmp(js, "true", 4) == 0)
		return v->t = J_BOOL, v->num = 1, js += 4, 0;
	if (strncmp(js, "false", 5) == 0)
		return v->t = J_BOOL, js += 5, 0;
	if (strncmp(js, "null", 4) == 0)
		return v->t = J_NULL, js += 4, 0;
	{
		char *end;

		v->t = J_NUM;
		v->num = strtod(js, &end);
		if (end == js)
			return -1;
		js = end;
	}
	return 0;
}

static const struct jv *
get(const struct jv *o, const char *key)
{
	int i;

	for (i = 0; o != NULL && o->t == J_OBJ && i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return &o->it[i];
	return NULL;
}

static double
num(const struct jv *o, const char *key, double dflt)
{
	const struct jv *v = get(o, key);

	return v != NULL && (v->t == J_NUM || v->t == J_BOOL) ? v->num : dflt;
}

/* ---- the problem ------------------------------------------------------------------ */

struct prob {
	struct rota_problem p;
	const char **roles;
	struct rota_shift *sh;
	struct rota_contract *ct;
	unsigned char **may;      /* the contracts' may lists, owned */
};

static int
index_of(const char *const *names, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	fprintf(stderr, "rota_driver: unknown name %s\n", name);
	exit(2);
}

static void
read_shift(struct prob *P, const struct jv *o, int s)
{
	struct rota_shift *sh = &P->sh[s];
	const struct jv *d = get(o, "days"), *dem = get(o, "demand");
	int i, wd;

	sh->name = get(o, "name")->str;
	sh->role = index_of(P->roles, P->p.nroles, get(o, "role")->str);
	sh->start = (int)num(o, "start", 0);
	sh->end = (int)num(o, "end", 0);
	sh->cost_per_hour = num(o, "cost_per_hour", 0);
	sh->days = 0;
	for (i = 0; d != NULL && i < d->n; i++)
		for (wd = 0; wd < WEEK_DAYS; wd++)
			if (strcmp(d->it[i].str, week_day_key[wd]) == 0)
				sh->days |= 1u << wd;
	for (wd = 0; dem != NULL && wd < WEEK_DAYS && wd < dem->n; wd++)
		sh->demand[wd] = (int)dem->it[wd].num;
	if (d == NULL)
		for (wd = 0; wd < WEEK_DAYS; wd++)
			if (sh->demand[wd] > 0)
				sh->days |= 1u << wd;
}

static void
read_contract(struct prob *P, const struct jv *o, int c, const char **shift_names)
{
	struct rota_contract *k = &P->ct[c];
	const struct jv *we = get(o, "weekends_off"), *may = get(o, "shifts");
	int i;

	k->name = get(o, "name")->str;
	k->role = index_of(P->roles, P->p.nroles, get(o, "role")->str);
	k->days_per_week = (int)num(o, "days_per_week", 5);
	k->hours_per_week = num(o, "hours_per_week", 0);
	k->days_off_together = (int)num(o, "days_off_together", 0);
	k->max_consecutive_days = (int)num(o, "max_consecutive_days", 0);
	k->min_rest = (int)num(o, "min_rest", 0);
	if (we != NULL && we->t == J_ARR && we->n == 2) {
		k->weekends_off = (int)we->it[0].num;
		k->weekends_in = (int)we->it[1].num;
	}
	k->same_shift = (int)num(o, "same_shift", 0);
	k->cost_per_week = num(o, "cost_per_week", -1);
	k->min_people = (int)num(o, "min_people", 0);
	k->max_people = (int)num(o, "max_people", -1);
	k->may = NULL;
	if (may != NULL && may->t == J_ARR) {
		unsigned char *m = calloc((size_t)P->p.nshifts + 1, 1);

		for (i = 0; i < may->n; i++)
			m[index_of(shift_names, P->p.nshifts, may->it[i].str)] = 1;
		k->may = P->may[c] = m;
	}
}

/* The shifts (and the contracts' may lists) in reverse order. */
static void
reverse(struct prob *P)
{
	int n = P->p.nshifts, m = P->p.ncontracts, i, c;

	for (i = 0; i < n / 2; i++) {
		struct rota_shift t = P->sh[i];

		P->sh[i] = P->sh[n - 1 - i];
		P->sh[n - 1 - i] = t;
	}
	for (c = 0; c < m; c++)
		if (P->may[c] != NULL) {
			unsigned char *q = P->may[c];

			for (i = 0; i < n / 2; i++) {
				unsigned char t = q[i];

				q[i] = q[n - 1 - i];
				q[n - 1 - i] = t;
			}
		}
	for (c = 0; c < m / 2; c++) {
		struct rota_contract t = P->ct[c];

		P->ct[c] = P->ct[m - 1 - c];
		P->ct[m - 1 - c] = t;
	}
}

static void
read_problem(struct prob *P, const struct jv *root)
{
	const struct jv *roles = get(root, "roles"), *sh = get(root, "shifts"),
	    *ct = get(root, "contracts");
	const char **names;
	int i;

	memset(P, 0, sizeof *P);
	P->p.nroles = roles->n;
	P->roles = calloc((size_t)roles->n + 1, sizeof *P->roles);
	for (i = 0; i < roles->n; i++)
		P->roles[i] = roles->it[i].str;
	P->p.role_names = P->roles;
	P->p.nshifts = sh->n;
	P->sh = calloc((size_t)sh->n + 1, sizeof *P->sh);
	names = calloc((size_t)sh->n + 1, sizeof *names);
	for (i = 0; i < sh->n; i++) {
		read_shift(P, &sh->it[i], i);
		names[i] = P->sh[i].name;
	}
	P->p.ncontracts = ct->n;
	P->ct = calloc((size_t)ct->n + 1, sizeof *P->ct);
	P->may = calloc((size_t)ct->n + 1, sizeof *P->may);
	for (i = 0; i < ct->n; i++)
		read_contract(P, &ct->it[i], i, names);
	free(names);
	P->p.shifts = P->sh;
	P->p.contracts = P->ct;
	P->p.cycle_weeks = (int)num(root, "cycle_weeks", 0);
	P->p.fte_hours = num(root, "fte_hours", 40);
	P->p.time_limit_s = num(root, "time_limit_s", 0);
	P->p.enum_cap = (long)num(root, "enum_cap", 0);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		exit(1);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The problem and its JSON live until exit: held here, they stay reachable,
 * so that LeakSanitizer (make check under --enable-sanitizers) sees no leak. */
static struct prob the_prob;
static struct jv the_root;
static char *the_text;

int
main(int argc, char **argv)
{
	struct rota_result r;
	struct cq_err err;
	const char *dat = NULL;
	int i, rev = 0, show = 0, rc;

	if (argc < 2) {
		fprintf(stderr, "usage: rota_driver PROBLEM.json [--cap N] [--time S] "
		    "[--dat FILE] [--reverse] [--verbose] [--problem]\n");
		return 2;
	}
	the_text = slurp(argv[1]);
	js = the_text;
	if (parse(&the_root) != 0 || the_root.t != J_OBJ) {
		fprintf(stderr, "rota_driver: %s: not a JSON object\n", argv[1]);
		return 2;
	}
	read_problem(&the_prob, &the_root);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--cap") == 0 && i + 1 < argc)
			the_prob.p.enum_cap = atol(argv[++i]);
		else if (strcmp(argv[i], "--time") == 0 && i + 1 < argc)
			the_prob.p.time_limit_s = atof(argv[++i]);
		else if (strcmp(argv[i], "--dat") == 0 && i + 1 < argc)
			dat = argv[++i];
		else if (strcmp(argv[i], "--reverse") == 0)
			rev = 1;
		else if (strcmp(argv[i], "--verbose") == 0)
			the_prob.p.verbose = 1;
		else if (strcmp(argv[i], "--problem") == 0)
			show = 1;
	}
	if (rev)
		reverse(&the_prob);
	if (show)
		return rota_problem_json(&the_prob.p, stdout) != 0;
	memset(&err, 0, sizeof err);
	if (rota_solve(&the_prob.p, dat != NULL, &r, &err) != 0) {
		fprintf(stderr, "rota_driver: %s\n", err.msg);
		return err.code ? err.code : 1;
	}
	if (dat != NULL) {
		FILE *f = fopen(dat, "w");

		if (f == NULL || fputs(r.dat, f) < 0 || fclose(f) != 0) {
			perror(dat);
			return 1;
		}
	}
	fputs("{\"rota\":", stdout);
	rota_json(&the_prob.p, &r, stdout);
	printf(",\"timing\":{\"seconds\":%.3f,\"rounds\":%d}}\n", r.seconds, r.rounds);
	rc = r.feasible ? 0 : 3;
	rota_result_free(&r);
	return rc;
}
