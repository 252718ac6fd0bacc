/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_keys.c — questions about the table of section types and keys
 * (scn_keytab.c): a type by its name, a key by its name, the keys a type
 * takes, the near-miss suggestions of messages ("did you mean 'rate'?"), the
 * defaults, and the key list of `clinicq check --list-keys`.  scn_ini.c's
 * reader asks it; the loader (scn_ld.c) and the printer (scn_print.c) walk
 * the table themselves.
 */
#include "scn_keys.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dist.h"
#include "units.h"
#include "suggest.h"

/* Section type name ("stream"). */
const char *
scn_ini_type_name(enum scn_sec_type t)
{
	return t < SEC_NTYPES ? scn_sectab[t].name : "?";
}

/* Whether sections of this type carry a name ([stream portal]). */
int
scn_ini_type_named(enum scn_sec_type t)
{
	return t < SEC_NTYPES && scn_sectab[t].named;
}

/* The label of a section for messages: "stream portal" or "scenario". */
void
scn_ini_label(const struct scn_ini_sec *sec, char *buf, size_t n)
{
	if (sec->name[0] != '\0')
		snprintf(buf, n, "%s %s", scn_ini_type_name(sec->type), sec->name);
	else
		snprintf(buf, n, "%s", scn_ini_type_name(sec->type));
}

/* Start a did-you-mean search for word. */
void
scn_suggest_init(struct scn_suggest *sg, const char *word)
{
	sg->word = word;
	sg->best = NULL;
	sg->bestd = -1;
}

/* Consider one candidate; keeps the nearest, the first of equals. */
void
scn_suggest_add(struct scn_suggest *sg, const char *cand)
{
	int d = suggest_near(sg->word, cand);

	if (d < 0)
		return;
	if (sg->best == NULL || d < sg->bestd) {
		sg->best = cand;
		sg->bestd = d;
	}
}

/* The nearest candidate seen, or NULL. */
const char *
scn_suggest_best(const struct scn_suggest *sg)
{
	return sg->best;
}


/* The first key of type t in the table, or NULL. */
const struct scn_key *
scn_keys_first(enum scn_sec_type t)
{
	size_t i;

	for (i = 0; i < scn_nkeys; i++) {
		if (scn_keytab[i].sec == t)
			return &scn_keytab[i];
	}
	return NULL;
}

/* The next key of k's type after k, or NULL. */
const struct scn_key *
scn_keys_next(const struct scn_key *k)
{
	const struct scn_key *p;

	for (p = k + 1; p < scn_keytab + scn_nkeys; p++) {
		if (p->sec == k->sec)
			return p;
	}
	return NULL;
}

/* The key of type t named name, or NULL. */
const struct scn_key *
scn_keys_find(enum scn_sec_type t, const char *name)
{
	const struct scn_key *k;

	if (t >= SEC_NTYPES)
		return NULL;
	for (k = scn_keys_first(t); k != NULL; k = scn_keys_next(k)) {
		if (strcmp(k->name, name) == 0)
			return k;
	}
	return NULL;
}

int
scn_keys_known(enum scn_sec_type t, const char *key)
{
	return scn_keys_find(t, key) != NULL;
}

int
scn_keys_repeats(enum scn_sec_type t, const char *key)
{
	const struct scn_key *k = scn_keys_find(t, key);

	return k != NULL && (k->flags & KF_REPEATS);
}

/* Find a section type by name; -1 if none. */
int
scn_keys_type_by_name(const char *s)
{
	int t;

	for (t = 0; t < SEC_NTYPES; t++) {
		if (strcmp(scn_sectab[t].name, s) == 0)
			return t;
	}
	return -1;
}

/* Write "unknown key 'rat' in [stream portal]; did you mean 'rate'?" to msg,
 * or list the keys the section takes when none is near. */
void
scn_keys_unknown_msg(const struct scn_ini_sec *sec, enum scn_sec_type type,
    const char *key, char *msg, size_t n)
{
	const struct scn_key *k;
	struct scn_suggest sg;
	char label[SCN_MAX_NAME + 16];
	size_t len;

	if (sec != NULL)
		scn_ini_label(sec, label, sizeof label);
	else
		snprintf(label, sizeof label, "%s", scn_ini_type_name(type));
	scn_suggest_init(&sg, key);
	for (k = scn_keys_first(type); k != NULL; k = scn_keys_next(k))
		scn_suggest_add(&sg, k->name);
	if (scn_suggest_best(&sg) != NULL) {
		snprintf(msg, n, "unknown key '%s' in [%s]; did you mean '%s'?", key,
		    label, scn_suggest_best(&sg));
		return;
	}
	snprintf(msg, n, "unknown key '%s' in [%s]; [%s] takes ", key, label,
	    scn_ini_type_name(type));
	for (k = scn_keys_first(type); k != NULL; k = scn_keys_next(k)) {
		len = strlen(msg);
		snprintf(msg + len, n - len, "%s%s", k == scn_keys_first(type) ? "" : ", ",
		    k->name);
	}
}

/* "[scenario], [calendar], [pattern NAME], ... and [sweep]". */
void
scn_keys_sections(char *msg, size_t n)
{
	size_t len;
	int t;

	msg[0] = '\0';
	for (t = 0; t < SEC_NTYPES; t++) {
		len = strlen(msg);
		snprintf(msg + len, n - len, "%s[%s%s]", t == 0 ? "" : t == SEC_NTYPES - 1 ?
		    " and " : ", ", scn_sectab[t].name, scn_sectab[t].named ? " NAME" : "");
	}
}

void *
scn_key_at(void *base, size_t off)
{
	return (char *)base + off;
}

const void *
scn_key_at_c(const void *base, size_t off)
{
	return (const char *)base + off;
}

/* An int, or an enum of an int's size (a choice), at off. */
int
scn_key_int(const void *base, size_t off)
{
	int v;

	memcpy(&v, scn_key_at_c(base, off), sizeof v);
	return v;
}

void
scn_key_set_int(void *base, size_t off, int v)
{
	memcpy(scn_key_at(base, off), &v, sizeof v);
}

/* Store one key's constant default. */
static void
key_default(const struct scn_key *k, void *base)
{
	void *at = scn_key_at(base, k->off);

	switch (k->kind) {
	case KEY_NUM:
		if (k->flags & KF_U64)
			*(uint64_t *)at = (uint64_t)k->def;
		else
			*(double *)at = k->def;
		break;
	case KEY_DUR:
	case KEY_SHARE:
		*(double *)at = k->def;
		break;
	case KEY_U64:
		*(uint64_t *)at = (uint64_t)k->def;
		break;
	case KEY_INT:
	case KEY_BOOL:
	case KEY_CHOICE:
		scn_key_set_int(base, k->off, (int)k->def);
		break;
	case KEY_DIST:
		memset(at, 0, sizeof(struct dist));   /* none */
		break;
	case KEY_CUSTOM:
		if (k->store == KS_INT)
			scn_key_set_int(base, k->off, (int)k->def);
		break;
	}
}

/* Store the defaults of type t's keys into its struct; keys whose default the
 * loader derives (KF_DERIVED) are left to it. */
void
scn_keys_defaults(enum scn_sec_type t, void *base)
{
	const struct scn_key *k;

	for (k = scn_keys_first(t); k != NULL; k = scn_keys_next(k)) {
		if (!(k->flags & KF_DERIVED))
			key_default(k, base);
	}
}

/* The struct of an unnamed section type within s. */
void *
scn_keys_base(struct scn *s, enum scn_sec_type t)
{
	return scn_key_at(s, scn_sectab[t].base);
}

/* "0 to 1e9", "above 0, at most 520", "1min to 52w": a key's range. */
static void
key_range(const struct scn_key *k, char *buf, size_t n)
{
	char lo[64], hi[64];

	if (k->kind == KEY_DUR) {
		unit_format_duration(k->lo, lo, sizeof lo);
		unit_format_duration(k->hi, hi, sizeof hi);
	} else {
		unit_format_number(k->lo, lo, sizeof lo);
		unit_format_number(k->hi, hi, sizeof hi);
	}
	if (k->flags & KF_LO_OPEN)
		snprintf(buf, n, "above %s, at most %s", lo, hi);
	else
		snprintf(buf, n, "%s to %s", lo, hi);
}

/* How a key is written: "whole number, 1 to 10000", "async | sync". */
static void
key_syntax(const struct scn_key *k, char *buf, size_t n)
{
	static const char *const uses[] = { "times", "values", "probabilities" };
	char range[160];
	size_t len;
	int i;

	if (k->kind == KEY_NUM || k->kind == KEY_INT || k->kind == KEY_DUR)
		key_range(k, range, sizeof range);
	switch (k->kind) {
	case KEY_NUM: snprintf(buf, n, "number, %s", range); break;
	case KEY_INT: snprintf(buf, n, "whole number, %s", range); break;
	case KEY_DUR: snprintf(buf, n, "duration, %s", range); break;
	case KEY_U64: snprintf(buf, n, "whole number, 0 to 2^64 - 1"); break;
	case KEY_SHARE: snprintf(buf, n, "share, 0 to 1 (0.25 or 25%%)"); break;
	case KEY_BOOL: snprintf(buf, n, "yes or no"); break;
	case KEY_DIST: snprintf(buf, n, "distribution of %s", uses[k->use]); break;
	case KEY_CUSTOM: snprintf(buf, n, "%s", k->syntax); break;
	case KEY_CHOICE:
		buf[0] = '\0';
		for (i = 0; k->choices[i] != NULL; i++) {
			len = strlen(buf);
			snprintf(buf + len, n - len, "%s%s", i ? " | " : "", k->choices[i]);
		}
		break;
	}
}

/* A key's default in words. */
static void
key_default_text(const struct scn_key *k, char *buf, size_t n)
{
	if (k->def_doc != NULL)
		snprintf(buf, n, "%s", k->def_doc);
	else if (k->need != NULL)
		snprintf(buf, n, "required");
	else if (k->kind == KEY_DUR)
		unit_format_duration(k->def, buf, n);
	else if (k->kind == KEY_BOOL)
		snprintf(buf, n, "%s", k->def != 0 ? "yes" : "no");
	else if (k->kind == KEY_CHOICE)
		snprintf(buf, n, "%s", k->choices[(int)k->def]);
	else if (k->kind == KEY_DIST)
		snprintf(buf, n, "none");
	else
		unit_format_number(k->def, buf, n);
}

/* Every section type and key, one key a line: where to write it, how, its
 * default and what it means (for `clinicq check --list-keys`). */
void
scn_keys_print(FILE *f)
{
	const struct scn_key *k;
	char path[160], syntax[256], def[160];
	int t;

	for (t = 0; t < SEC_NTYPES; t++) {
		fprintf(f, "%s[%s%s]  %s\n", t ? "\n" : "", scn_sectab[t].name,
		    scn_sectab[t].named ? " NAME" : "", scn_sectab[t].doc);
		for (k = scn_keys_first(t); k != NULL; k = scn_keys_next(k)) {
			snprintf(path, sizeof path, "%s%s.%s", scn_sectab[t].name,
			    scn_sectab[t].named ? ".NAME" : "", k->name);
			key_syntax(k, syntax, sizeof syntax);
			key_default_text(k, def, sizeof def);
			fprintf(f, "%-34s %s%s%s; default %s\n    %s\n", path, syntax,
			    k->flags & KF_REPEATS ? "; may repeat" : "",
			    k->flags & KF_MESSAGE ? "; message streams" :
			    k->flags & KF_READING ? "; reading streams" : "", def, k->doc);
		}
	}
}
