/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_ld.c — the loader's helpers, shared by the files that interpret
 * sections: errors at an entry or a section, the reading of keys by the key
 * table (ld_value: numbers, durations, shares, choices, distributions ...;
 * ld_key, ld_keys: a key, a section), comma lists, names and class lookup.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"

/* Report an error about an entry: at its line, or with the --set prefix. */
int
ld_err(struct ld *ld, const struct scn_ini_ent *e, const char *fmt, ...)
{
	char msg[2 * CQ_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (e != NULL && e->ov != NULL)
		return scn_ini_err(ld->err, CQ_EXIT_USAGE, ld->doc->file, 0, "--set %s: %s",
		    e->ov, msg);
	return scn_ini_err(ld->err, CQ_EXIT_USAGE, ld->doc->file,
	    e != NULL ? e->line : ld->sec->line, "%s", msg);
}

/* Report an error about the current section as a whole, at its header. */
int
ld_sec_err(struct ld *ld, const char *fmt, ...)
{
	char msg[2 * CQ_ERR_MSG];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return scn_ini_err(ld->err, CQ_EXIT_USAGE, ld->doc->file, ld->sec->line, "%s", msg);
}

/* Report a value that did not parse: "bad value 'x' for 'k' in [s]: why". */
int
ld_bad_value(struct ld *ld, const struct scn_ini_ent *e, const char *why)
{
	return ld_err(ld, e, "bad value '%s' for '%s' in [%s]: %s", e->value, e->key,
	    ld->label, why);
}

/* The entry for key in the current section, or NULL. */
const struct scn_ini_ent *
ld_get(struct ld *ld, const char *key)
{
	return scn_ini_get(ld->sec, key);
}

/* Require a key; the example shows how to write it. */
const struct scn_ini_ent *
ld_need(struct ld *ld, const char *key, const char *example)
{
	const struct scn_ini_ent *e = ld_get(ld, key);

	if (e == NULL)
		ld_sec_err(ld, "[%s] needs '%s', like %s", ld->label, key, example);
	return e;
}

/* Check lo <= v (lo < v when lo_open) and v <= hi; hi_what names the limit. */
int
ld_check_range(struct ld *ld, const struct scn_ini_ent *e, double v, double lo,
    int lo_open, double hi, const char *hi_what)
{
	if (lo_open ? !(v > lo) : !(v >= lo)) {
		if (lo == 0 && lo_open)
			return ld_err(ld, e, "'%s' in [%s] must be positive, not %s", e->key,
			    ld->label, e->value);
		if (lo == 0)
			return ld_err(ld, e, "'%s' in [%s] cannot be negative (%s)", e->key,
			    ld->label, e->value);
		return ld_err(ld, e, "'%s' in [%s] must be at least %g, not %s", e->key,
		    ld->label, lo, e->value);
	}
	if (v > hi) {
		if (hi_what != NULL)
			return ld_err(ld, e, "'%s' in [%s] is %s, above the limit of %s", e->key,
			    ld->label, e->value, hi_what);
		return ld_err(ld, e, "'%s' in [%s] must be at most %g, not %s", e->key,
		    ld->label, hi, e->value);
	}
	return 0;
}

/* A number or duration of a key, in its range: 1 (stored) or -1. */
static int
value_ranged(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *at)
{
	const char *why;
	double v;
	long l;

	if (k->kind == KEY_INT) {
		if (unit_parse_int(e->value, LONG_MIN, LONG_MAX, &l, &why) != 0)
			return ld_bad_value(ld, e, why);
		v = (double)l;
	} else if ((k->kind == KEY_DUR ? unit_parse_duration : unit_parse_number)(e->value,
	    &v, &why) != 0)
		return ld_bad_value(ld, e, why);
	if (ld_check_range(ld, e, v, k->lo, (k->flags & KF_LO_OPEN) != 0, k->hi,
	    k->hi_what) != 0)
		return -1;
	if (k->kind == KEY_INT)
		*(int *)at = (int)l;
	else if (k->flags & KF_U64)
		*(uint64_t *)at = (uint64_t)v;
	else
		*(double *)at = v;
	return 1;
}

/* A word among a key's choices: its index into the int (or enum) at. */
static int
value_choice(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    void *at)
{
	const char *const *choices = k->choices;
	char expect[128];
	size_t len;
	int i;

	for (i = 0; choices[i] != NULL; i++) {
		if (strcmp(e->value, choices[i]) == 0) {
			memcpy(at, &i, sizeof i);
			return 1;
		}
	}
	snprintf(expect, sizeof expect, "expected ");
	for (i = 0; choices[i] != NULL; i++) {
		len = strlen(expect);
		snprintf(expect + len, sizeof expect - len, "%s%s", i == 0 ? "" :
		    choices[i + 1] == NULL ? " or " : ", ", choices[i]);
	}
	return ld_bad_value(ld, e, expect);
}

/* A distribution: a time (positive mean), a value, or a probability. */
static int
value_dist(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e,
    struct dist *out)
{
	const char *why;
	struct dist_ctx ctx;
	struct dist d;
	int rc;

	ctx.base = ld->s->file;
	ctx.owner = &ld->s->emps;
	ctx.files = ld->files;
	ctx.err = ld->err;
	if ((rc = dist_parse_in(e->value, k->use == USE_TIME, &ctx, &d, &why)) == -2)
		return -1;   /* the CSV's own line is at fault */
	if (rc != 0)
		return ld_bad_value(ld, e, why);
	if (k->use == USE_TIME && !(dist_mean(&d) > 0))
		return ld_err(ld, e, "'%s' in [%s] must have a positive mean", e->key, ld->label);
	if (k->use == USE_PROB) {
		int ok = d.kind == DIST_BETA ||
		    (d.kind == DIST_CONST && d.a >= 0 && d.a <= 1) ||
		    (d.kind == DIST_UNIFORM && d.a >= 0 && d.b <= 1) ||
		    (d.kind == DIST_TRIANGULAR && d.a >= 0 && d.c <= 1) ||
		    (d.kind == DIST_EMPIRICAL && d.emp->x[0] >= 0 &&
		    d.emp->x[d.emp->n - 1] <= 1);

		if (!ok)
			return ld_bad_value(ld, e, "expected a probability distribution like "
			    "beta(1,400), const(0.01) or uniform(0,0.05)");
	}
	*out = d;
	return 1;
}

/* A seed, a share or a yes/no: 1 (stored) or -1. */
static int
value_word(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e, void *at)
{
	const char *why;
	int rc;

	if (k->kind == KEY_U64)
		rc = unit_parse_u64(e->value, at, &why);
	else if (k->kind == KEY_SHARE)
		rc = unit_parse_share(e->value, at, &why);
	else
		rc = unit_parse_bool(e->value, at, &why);
	return rc == 0 ? 1 : ld_bad_value(ld, e, why);
}

/* Read entry e of key k by the key's kind into base; see scn_int.h. */
int
ld_value(struct ld *ld, const struct scn_key *k, const struct scn_ini_ent *e, void *base)
{
	void *at = scn_key_at(base, k->off);
	int set = 0;

	if (e != NULL) {
		switch (k->kind) {
		case KEY_NUM:
		case KEY_INT:
		case KEY_DUR: set = value_ranged(ld, k, e, at); break;
		case KEY_U64:
		case KEY_SHARE:
		case KEY_BOOL: set = value_word(ld, k, e, at); break;
		case KEY_CHOICE: set = value_choice(ld, k, e, at); break;
		case KEY_DIST: set = value_dist(ld, k, e, at); break;
		case KEY_CUSTOM:
			return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0,
			    "key '%s' has no kind to read it by", k->name);
		}
	}
	if (set >= 0 && (k->flags & KF_GIVEN))
		scn_key_set_int(base, k->given, set);
	return set;
}

/* Read one key of the current section into base; see scn_int.h. */
int
ld_key(struct ld *ld, const struct scn_key *k, void *base)
{
	const struct scn_ini_ent *e = ld_get(ld, k->name);

	if (e == NULL && k->need != NULL) {
		ld_need(ld, k->name, k->need);
		return -1;
	}
	if (k->load != NULL)
		return k->load(ld, k, e, base);
	return ld_value(ld, k, e, base) < 0 ? -1 : 0;
}

/* Read the key of the current section's type named name. */
int
ld_key_named(struct ld *ld, const char *name, void *base)
{
	const struct scn_key *k = scn_keys_find(ld->sec->type, name);

	if (k == NULL)
		return cq_err_set(ld->err, CQ_EXIT_FAIL, ld->doc->file, 0,
		    "no key '%s' in the table of [%s]", name, scn_ini_type_name(ld->sec->type));
	return ld_key(ld, k, base);
}

/* Read every key of the current section, in the table's order, each followed
 * by those read after it (read_after). */
int
ld_keys(struct ld *ld, void *base)
{
	const struct scn_key *k, *a;

	for (k = scn_keys_first(ld->sec->type); k != NULL; k = scn_keys_next(k)) {
		if (k->read_after != NULL)
			continue;
		if (ld_key(ld, k, base) != 0)
			return -1;
		for (a = scn_keys_first(ld->sec->type); a != NULL; a = scn_keys_next(a)) {
			if (a->read_after != NULL && strcmp(a->read_after, k->name) == 0 &&
			    ld_key(ld, a, base) != 0)
				return -1;
		}
	}
	return 0;
}

/* Trim blanks at both ends of s in place; returns s. */
char *
ld_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Split a comma list in place, refusing empty items (strtok would merge ",,"
 * and hide a forgotten item): the next item, trimmed, or NULL at the end.
 * *rest is the text after the item; start with *rest = text.  An empty item
 * sets *empty and returns NULL. */
char *
ld_next_item(char **rest, int *empty)
{
	char *tok = *rest, *comma;

	*empty = 0;
	if (tok == NULL)
		return NULL;
	if ((comma = strchr(tok, ',')) != NULL)
		*comma++ = '\0';
	*rest = comma;
	tok = ld_trim(tok);
	if (*tok == '\0') {
		*empty = 1;
		return NULL;
	}
	return tok;
}

/* Whether a name uses only [A-Za-z0-9_-] and fits. */
int
ld_name_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_-");

	return n > 0 && s[n] == '\0' && n < SCN_MAX_NAME;
}

/* The index of a class by name, or -1. */
int
scn_class_by_name(const struct scn *s, const char *name)
{
	int i;

	for (i = 0; i < s->nclasses; i++) {
		if (strcmp(s->classes[i].name, name) == 0)
			return i;
	}
	return -1;
}

/* Look a class up for an entry; on failure reports "<what> unknown class 'x';
 * did you mean 'y'?" and returns -1. */
int
ld_ref_class(struct ld *ld, const struct scn_ini_ent *e, const char *name,
    const char *what)
{
	struct scn_suggest sg;
	int i, c = scn_class_by_name(ld->s, name);

	if (c >= 0)
		return c;
	if (!ld_name_ok(name)) {
		ld_err(ld, e, "[%s] %s '%s', but one class name is wanted here (letters, "
		    "digits, '_' and '-'), like %s = callback", ld->label, what, name, e->key);
		return -1;
	}
	scn_suggest_init(&sg, name);
	for (i = 0; i < ld->s->nclasses; i++)
		scn_suggest_add(&sg, ld->s->classes[i].name);
	if (scn_suggest_best(&sg) != NULL)
		ld_err(ld, e, "[%s] %s unknown class '%s'; did you mean '%s'?", ld->label, what,
		    name, scn_suggest_best(&sg));
	else if (ld->s->nclasses == 0)
		ld_err(ld, e, "[%s] %s unknown class '%s'; define it in a [class %s] section",
		    ld->label, what, name, name);
	else
		ld_err(ld, e, "[%s] %s unknown class '%s'; add a [class %s] section or use one "
		    "of the classes defined", ld->label, what, name, name);
	return -1;
}

/* Compare two longs for qsort. */
int
ld_cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}
