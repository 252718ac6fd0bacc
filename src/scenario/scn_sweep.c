/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_sweep.c — interpreting [sweep]: its mode, action and the values of each
 * 'vary' (lists and ranges); the points themselves are checked by the sweep.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"

/* Free the values of a sweep variable. */
void
scn_sweep_var_free(struct scn_sweep_var *v)
{
	int i;

	for (i = 0; i < v->nvalues; i++)
		free(v->values[i]);
	free(v->values);
	v->values = NULL;
	v->nvalues = 0;
}

/* Add a value to a sweep variable. */
static int
sweep_add(struct scn_sweep_var *v, const char *text)
{
	char **nv;

	if ((nv = realloc(v->values, (size_t)(v->nvalues + 1) * sizeof *nv)) == NULL)
		return -1;
	v->values = nv;
	if ((v->values[v->nvalues] = strdup(text)) == NULL)
		return -1;
	v->nvalues++;
	return 0;
}

/* Parse the values of 'vary': "v1, v2, ..." or "a..b step s". */
static int
sweep_values(struct ld *ld, const struct scn_ini_ent *e, char *text, struct scn_sweep_var *v)
{
	char *dots = strstr(text, ".."), *step, *tok, *rest, num[64];
	double a, b, st, x, count, prev = 0;
	const char *why;
	long i, n;
	int empty;

	if (dots != NULL) {
		*dots = '\0';
		step = strstr(dots + 2, "step");
		/* A word between blanks: "12step30" is a typing slip, not a range. */
		if (step == NULL || (step[-1] != ' ' && step[-1] != '\t') ||
		    (step[4] != ' ' && step[4] != '\t'))
			return ld_err(ld, e, "a range in 'vary' of [sweep] is written a..b step s, "
			    "like 1000..2000 step 200 (step between blanks)");
		*step = '\0';
		if (unit_parse_number(text, &a, &why) != 0 ||
		    unit_parse_number(dots + 2, &b, &why) != 0 ||
		    unit_parse_number(step + 4, &st, &why) != 0)
			return ld_err(ld, e, "a range in 'vary' of [sweep] is written a..b step s "
			    "with numbers, like 1000..2000 step 200");
		if (!(st > 0) || b < a)
			return ld_err(ld, e, "a range a..b step s in 'vary' of [sweep] needs a <= b "
			    "and s > 0");
		/* Counted in floating point and checked before any conversion: a tiny
		 * step makes a count no integer type holds. */
		count = floor((b - a) / st + 1e-9) + 1;
		if (!isfinite(count) || count > SCN_MAX_SWEEP_VALUES)
			return ld_err(ld, e, "the range in 'vary' of [sweep] has %.6g values, above "
			    "the limit of %d (SCN_MAX_SWEEP_VALUES); use a larger step", count,
			    SCN_MAX_SWEEP_VALUES);
		n = (long)count;
		for (i = 0; i < n; i++) {
			/* 12 digits print 0.1 steps as 0.3, not 0.30000000000000004; a step
			 * too small to show in them would repeat a point. */
			snprintf(num, sizeof num, "%.12g", a + (double)i * st);
			x = strtod(num, NULL);
			if (i > 0 && !(x > prev))
				return ld_err(ld, e, "the step of the range in 'vary' of [sweep] is too "
				    "small for values near %s (12 digits); use a larger step", num);
			prev = x;
			if (sweep_add(v, num) != 0)
				return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
		}
		return 0;
	}
	for (rest = text; (tok = ld_next_item(&rest, &empty)) != NULL || empty;) {
		if (empty)
			return ld_err(ld, e, "empty item in 'vary' of [sweep] (two commas, or one "
			    "at an end); give values like vary = stream.portal.per_week: 1000, 1400");
		if (v->nvalues == SCN_MAX_SWEEP_VALUES)
			return ld_err(ld, e, "'vary' in [sweep] has more than %d values "
			    "(SCN_MAX_SWEEP_VALUES)", SCN_MAX_SWEEP_VALUES);
		if (sweep_add(v, tok) != 0)
			return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	}
	if (v->nvalues == 0)
		return ld_err(ld, e, "'vary' in [sweep] needs values, like "
		    "vary = stream.portal.per_week: 1000, 1400, 1800");
	return 0;
}

/* vary lines: each SECTION.KEY once, its values, and the points they make
 * (mode, read before, decides how). */
int
ld_sweep_vary(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *base)
{
	struct scn_sweep *sw = base;
	struct scn_sweep_var *v;
	struct scn_ini_sec *sec;
	enum scn_sec_type type;
	char *copy, *colon, key[64], msg[CQ_ERR_MSG - 64];
	double points = 1;
	int i, j, nvary = 0;

	(void)k;
	(void)e;
	for (i = 0; i < ld->sec->nents; i++)
		nvary += strcmp(ld->sec->ents[i].key, "vary") == 0;
	if (nvary == 0)
		return ld_sec_err(ld, "[sweep] needs at least one 'vary', like "
		    "vary = stream.portal.per_week: 1000, 1400, 1800");
	if ((sw->vars = calloc((size_t)nvary, sizeof *sw->vars)) == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
	for (i = 0; i < ld->sec->nents; i++) {
		e = &ld->sec->ents[i];
		if (strcmp(e->key, "vary") != 0)
			continue;
		v = &sw->vars[sw->nvars++];
		v->line = e->line;
		if ((copy = strdup(e->value)) == NULL)
			return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0, "out of memory");
		if ((colon = strchr(copy, ':')) == NULL) {
			free(copy);
			return ld_err(ld, e, "'vary' in [sweep] is written SECTION.KEY: values, "
			    "like vary = stream.portal.per_week: 1000, 1400, 1800");
		}
		*colon = '\0';
		if (scn_ini_locate(ld->doc, ld_trim(copy), &sec, &type, key, sizeof key, msg,
		    sizeof msg) != 0) {
			ld_err(ld, e, "'vary' in [sweep]: %s", msg);
			free(copy);
			return -1;
		}
		snprintf(v->key, sizeof v->key, "%s", ld_trim(copy));
		for (j = 0; j < sw->nvars - 1; j++) {
			if (strcmp(sw->vars[j].key, v->key) == 0) {
				free(copy);
				return ld_err(ld, e, "'vary' in [sweep] names %s twice (first at line %d)",
				    v->key, sw->vars[j].line);
			}
		}
		if (sweep_values(ld, e, colon + 1, v) != 0) {
			free(copy);
			return -1;
		}
		free(copy);
		if (sw->zip && v->nvalues != sw->vars[0].nvalues)
			return ld_err(ld, e, "mode = zip needs as many values in every 'vary': %s "
			    "has %d, %s has %d", sw->vars[0].key, sw->vars[0].nvalues, v->key,
			    v->nvalues);
		points *= v->nvalues;
	}
	if (!sw->zip && points > SCN_MAX_SWEEP_POINTS)
		return ld_sec_err(ld, "[sweep] has %.0f points, above the limit of %d "
		    "(SCN_MAX_SWEEP_POINTS)", points, SCN_MAX_SWEEP_POINTS);
	if (!(points >= 1))
		return ld_sec_err(ld, "[sweep] has no points; give each 'vary' values");
	return 0;
}

/* Interpret [sweep]: just parse and store; points are checked by the sweep.
 * mode and action first: 'vary' checks its values by the mode. */
int
ld_load_sweep(struct ld *ld)
{
	struct scn_sweep *sw = &ld->s->sweep;

	sw->line = ld->sec->line;
	if (ld_key_named(ld, "mode", sw) != 0 || ld_key_named(ld, "action", sw) != 0)
		return -1;
	return ld_key_named(ld, "vary", sw);
}
