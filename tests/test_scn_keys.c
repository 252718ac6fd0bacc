/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_scn_keys.c — the key table of scenario files (src/scenario/scn_keytab.c)
 * is whole and consistent, and what derives from it agrees with it: every key
 * has a kind, a doc line, bounds that hold its default, no twin in its
 * section; doc/scenario.md documents exactly the table's keys; the fuzz
 * dictionary holds exactly its words; the loader reads every key (a bad value
 * of each is refused, naming it) and `check` prints every simple one.
 *
 *   tests/test_scn_keys --dict    writes the dictionary's block of table words
 */
#include <stdlib.h>

#include "check.h"
#include "scenario/scn.h"
#include "scenario/scn_keys.h"

/* Every section type, with the names below; the keys are --set into it. */
static const char base[] =
    "[scenario]\nname = keys\n"
    "[calendar]\nholidays = 2027-05-31\n"
    "[pattern p]\nweight = all 00:00-24:00 1\n"
    "[stream m]\nper_week = 100\npattern = p\nclasses = a 1\n"
    "[stream r]\nkind = reading\npatients = 100\nper_patient_per_day = 1\n"
    "value = normal(138,18)\nalert_above = 180\nalert_class = s\n"
    "[class a]\nmode = async\nservice = exp(5min)\n"
    "[class s]\nmode = sync\nservice = exp(5min)\n"
    "[role n]\nserves = s, a\n"
    "[shift d]\nrole = n\nstart = 08:00\nend = 16:00\n"
    "[shift_template t]\nrole = n\nstart = 06:00\nlength = 8h\nmax = 2\n"
    "[shift q]\nrole = n\nstart = 08:00\nend = 08:30\n"
    "[contract c]\nrole = n\ndays_per_week = 1\n"
    "[escalation]\ncost_missed_acute = 100\ncost_sync_contact = 0.5\nto_class = s\n"
    "[contact]\nreach = 0.5\n"
    "[targets]\nsafety_miss_rate = 1%\n"
    "[sweep]\nvary = scenario.weeks: 1, 2\n";

/* "stream.r.patients": where --set puts a key in the base scenario. */
static void
set_path(const struct scn_key *k, char *buf, size_t n)
{
	static const char *const names[SEC_NTYPES] = {
		[SEC_PATTERN] = "p", [SEC_STREAM] = "m", [SEC_CLASS] = "s", [SEC_ROLE] = "n",
		[SEC_SHIFT] = "d", [SEC_SHIFT_TEMPLATE] = "t", [SEC_CONTRACT] = "c"
	};
	const char *name = k->sec == SEC_STREAM && (k->flags & KF_READING) ? "r" :
	    names[k->sec];

	if (scn_sectab[k->sec].named)
		snprintf(buf, n, "%s.%s.%s", scn_sectab[k->sec].name, name, k->name);
	else
		snprintf(buf, n, "%s.%s", scn_sectab[k->sec].name, k->name);
}

/* Load the base scenario with one override; NULL on error (err filled). */
static struct scn *
load_with(const char *ovtext, struct cq_err *err)
{
	struct scn_override ov;

	ov.text = ovtext;
	memset(err, 0, sizeof *err);
	return scn_load_string("keys.ini", base, &ov, 1, err);
}

/* One key's row: a kind, a doc line, flags and fields that fit its kind. */
static void
check_row(const struct scn_key *k)
{
	int simple = k->kind != KEY_CUSTOM, ranged = k->kind == KEY_NUM ||
	    k->kind == KEY_INT || k->kind == KEY_DUR, nchoices = 0;

	CHECK(k->sec < SEC_NTYPES && k->name != NULL && k->name[0] != '\0');
	CHECK(k->kind <= KEY_CUSTOM);
	CHECK(k->doc != NULL && k->doc[0] != '\0' && strchr(k->doc, '\n') == NULL);
	CHECK(simple ? k->syntax == NULL : k->syntax != NULL && k->load != NULL);
	CHECK(ranged || (k->kind == KEY_CUSTOM && k->lo <= k->hi) ||
	    (k->lo == 0 && k->hi == 0 && k->hi_what == NULL));
	CHECK(!(k->flags & KF_LO_OPEN) || ranged);
	CHECK(!(k->flags & KF_REPEATS) || !simple);          /* ld_value reads one line */
	CHECK(!(k->flags & (KF_MESSAGE | KF_READING)) || k->sec == SEC_STREAM);
	CHECK(!(k->flags & KF_PCT) || k->kind == KEY_SHARE);
	CHECK(!(k->flags & KF_MEAN) || k->kind == KEY_DIST);
	CHECK(!(k->flags & KF_U64) || k->kind == KEY_NUM);
	CHECK(!(k->flags & KF_GIVEN) || k->given != 0);
	CHECK(!(k->flags & (KF_DERIVED | KF_UNSET)) || k->def_doc != NULL);
	CHECK(simple || k->store == KS_INT || k->def == 0);
	CHECK((k->kind == KEY_CHOICE) == (k->choices != NULL));
	while (k->choices != NULL && k->choices[nchoices] != NULL)
		nchoices++;
	CHECK(k->kind != KEY_CHOICE || nchoices >= 2);
	/* The default lies in the range, unless the key has none of its own. */
	if (k->need != NULL || (k->flags & KF_DERIVED))
		return;
	if (k->flags & KF_UNSET)
		CHECK(k->def == 0);
	else if (ranged)
		CHECK(k->lo <= k->hi && ((k->flags & KF_LO_OPEN) ? k->def > k->lo :
		    k->def >= k->lo) && k->def <= k->hi);
	if (k->kind == KEY_SHARE)
		CHECK(k->def >= 0 && k->def <= 1);
	if (k->kind == KEY_BOOL || k->kind == KEY_DIST)
		CHECK(k->def == 0 || (k->kind == KEY_BOOL && k->def == 1));
	if (k->kind == KEY_CHOICE)
		CHECK(k->def >= 0 && k->def < nchoices && k->def == (int)k->def);
	if (k->kind == KEY_INT)
		CHECK(k->def == (int)k->def);
}

/* The rows: whole, no key twice in a section, orders that name keys. */
static void
test_rows(void)
{
	const struct scn_key *k, *j;
	int t, n;

	for (t = 0; t < SEC_NTYPES; t++) {
		CHECK(scn_sectab[t].name != NULL && scn_sectab[t].doc != NULL);
		CHECK(scn_sectab[t].limit >= 1);
		CHECK(scn_sectab[t].named ? scn_sectab[t].limit_name[0] != '\0' :
		    scn_sectab[t].limit == 1);
		CHECK(scn_keys_type_by_name(scn_sectab[t].name) == t);
		for (n = 0, k = scn_keys_first(t); k != NULL; k = scn_keys_next(k), n++) {
			check_row(k);
			for (j = scn_keys_next(k); j != NULL; j = scn_keys_next(j))
				CHECK(strcmp(j->name, k->name) != 0);
			CHECK(scn_keys_find(t, k->name) == k);
			if (k->read_after != NULL)
				CHECK((j = scn_keys_find(t, k->read_after)) != NULL &&
				    j->read_after == NULL);
			if (k->print_after != NULL)
				CHECK((j = scn_keys_find(t, k->print_after)) != NULL &&
				    j->print_after == NULL);
		}
		CHECK(n >= 1);
	}
}

/* A bad value of every key is refused, and the message names the key: the
 * loader reads every key of the table (a key it forgot would load). */
static void
test_every_key_read(void)
{
	struct cq_err err;
	struct scn *s;
	char path[128], ov[192];
	size_t i;

	s = load_with("scenario.seed=7", &err);
	CHECK(s != NULL);
	if (s == NULL)
		fprintf(stderr, "the base scenario does not load: %s:%d: %s\n", err.file,
		    err.line, err.msg);
	scn_free(s);
	for (i = 0; i < scn_nkeys; i++) {
		const struct scn_key *k = &scn_keytab[i];

		if (strcmp(k->name, "name") == 0 || strcmp(k->name, "currency") == 0)
			continue;         /* any text is a name, any short one a currency */
		set_path(k, path, sizeof path);
		snprintf(ov, sizeof ov, "%s=@@", path);
		s = load_with(ov, &err);
		if (s != NULL)
			fprintf(stderr, "%s: loads; does the loader read '%s'?\n", ov, k->name);
		CHECK(s == NULL);
		scn_free(s);
		if (s == NULL && strstr(err.msg, k->name) == NULL)
			fprintf(stderr, "%s: the message does not name the key: %s\n", ov, err.msg);
		CHECK(s != NULL || strstr(err.msg, k->name) != NULL);
	}
}

/* A valid value, not the default, of a simple key. */
static void
sample_value(const struct scn_key *k, char *buf, size_t n)
{
	static const char *const dists[] = { "exp(5min)", "normal(1,2)", "beta(1,2)" };
	double v = k->lo + 1 == k->def ? k->lo + 2 : k->lo + 1;

	switch (k->kind) {
	case KEY_NUM: case KEY_INT: snprintf(buf, n, "%.17g", v); break;
	case KEY_DUR: snprintf(buf, n, "%.17gmin", v); break;
	case KEY_U64: snprintf(buf, n, "7"); break;
	case KEY_SHARE: snprintf(buf, n, "0.5"); break;
	case KEY_BOOL: snprintf(buf, n, "%s", k->def != 0 ? "no" : "yes"); break;
	case KEY_DIST: snprintf(buf, n, "%s", dists[k->use]); break;
	case KEY_CHOICE: case KEY_CUSTOM: buf[0] = '\0'; break;
	}
}

/* `check` prints every key of a simple kind that is given a value (choices:
 * the base's own, the last word where that is free). */
static void
test_every_key_printed(void)
{
	struct cq_err err;
	struct scn *s;
	char path[128], val[64], ov[256], line[96], *out;
	size_t i, len;
	FILE *f;

	for (i = 0; i < scn_nkeys; i++) {
		const struct scn_key *k = &scn_keytab[i];

		if (k->kind == KEY_CUSTOM)
			continue;         /* test_roundtrip.c writes and reads them back */
		set_path(k, path, sizeof path);
		if (k->kind == KEY_CHOICE)
			snprintf(val, sizeof val, "%s", strcmp(k->name, "kind") == 0 ? "message" :
			    strcmp(k->name, "mode") == 0 && k->sec == SEC_CLASS ? "sync" :
			    k->choices[1]);
		else
			sample_value(k, val, sizeof val);
		snprintf(ov, sizeof ov, "%s=%s", path, val);
		s = load_with(ov, &err);
		CHECK(s != NULL);
		if (s == NULL) {
			fprintf(stderr, "%s: %s:%d: %s\n", ov, err.file, err.line, err.msg);
			continue;
		}
		out = NULL;
		f = open_memstream(&out, &len);
		scn_print(s, f);
		fclose(f);
		snprintf(line, sizeof line, "\n%s = ", k->name);
		if (strstr(out, line) == NULL)
			fprintf(stderr, "%s: check does not print '%s'\n", ov, k->name);
		CHECK(strstr(out, line) != NULL);
		free(out);
		scn_free(s);
	}
}

/* A file's text (caller frees), or NULL. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0;
	long size;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)size + 1)) != NULL) {
		n = fread(buf, 1, (size_t)size, f);
		buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

/* The keys of doc/scenario.md's table for section type t ("### [stream"),
 * as " kind per_week ... " (the first backquoted word of each row). */
static void
doc_keys(const char *doc, int t, char *out, size_t n)
{
	char head[64];
	const char *p, *q, *eol;
	int in_table = 0;

	out[0] = '\0';
	snprintf(head, sizeof head, "\n### [%s%s", scn_sectab[t].name,
	    scn_sectab[t].named ? " " : "]");
	if ((p = strstr(doc, head)) == NULL)
		return;
	for (p = strchr(p + 1, '\n') + 1; *p != '\0' && strncmp(p, "### ", 4) != 0 &&
	    strncmp(p, "## ", 3) != 0; p = eol + 1) {
		if ((eol = strchr(p, '\n')) == NULL)
			break;
		if (*p != '|') {
			if (in_table)
				break;
			continue;
		}
		in_table = 1;
		if (strncmp(p, "| `", 3) != 0 || (q = strchr(p + 3, '`')) == NULL || q > eol)
			continue;
		snprintf(out + strlen(out), n - strlen(out), " %.*s", (int)(q - p - 3), p + 3);
	}
	strncat(out, " ", n - strlen(out) - 1);
}

/* doc/scenario.md's table of each section lists exactly the table's keys. */
static void
test_doc(void)
{
	char *doc = slurp(CQ_SRCDIR "/doc/scenario.md"), listed[2048], word[80];
	const struct scn_key *k;
	const char *p;
	int t, n;

	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	for (t = 0; t < SEC_NTYPES; t++) {
		doc_keys(doc, t, listed, sizeof listed);
		if (listed[1] == '\0')
			fprintf(stderr, "doc/scenario.md: no table of keys under ### [%s\n",
			    scn_sectab[t].name);
		CHECK(listed[1] != '\0');
		for (k = scn_keys_first(t); k != NULL; k = scn_keys_next(k)) {
			snprintf(word, sizeof word, " %s ", k->name);
			if (strstr(listed, word) == NULL)
				fprintf(stderr, "doc/scenario.md: [%s] does not list '%s'\n",
				    scn_sectab[t].name, k->name);
			CHECK(strstr(listed, word) != NULL);
		}
		for (p = listed + 1; *p != '\0'; p += n + 1) {
			n = (int)strcspn(p, " ");
			snprintf(word, sizeof word, "%.*s", n, p);
			if (scn_keys_find(t, word) == NULL)
				fprintf(stderr, "doc/scenario.md: [%s] lists '%s', which the key "
				    "table lacks\n", scn_sectab[t].name, word);
			CHECK(scn_keys_find(t, word) != NULL);
		}
	}
	free(doc);
}

#define DICT_BEGIN "# --- the key table's words: "
#define DICT_END "# --- end of the key table's words\n"

/* Write word as the dictionary's entry k<n>, unless it is there already. */
static void
dict_word(FILE *f, const char **words, int *n, const char *word)
{
	int i;

	for (i = 0; i < *n; i++) {
		if (strcmp(words[i], word) == 0)
			return;
	}
	if (*n == 512)
		return;
	fprintf(f, "k%d=\"%s\"\n", *n, word);
	words[(*n)++] = word;
}

/* The dictionary's block of words from the key table: the section headers,
 * the keys and the choice words. */
static void
dict_block(FILE *f)
{
	const char *words[512];
	const char *const *c;
	size_t i;
	int t, n = 0;

	fprintf(f, "%stests/test_scn_keys --dict writes them\n", DICT_BEGIN);
	for (t = 0; t < SEC_NTYPES; t++)
		fprintf(f, "s%d=\"[%s%s\"\n", t, scn_sectab[t].name,
		    scn_sectab[t].named ? " " : "]");
	for (i = 0; i < scn_nkeys; i++)
		dict_word(f, words, &n, scn_keytab[i].name);
	for (i = 0; i < scn_nkeys; i++) {
		for (c = scn_keytab[i].choices; c != NULL && *c != NULL; c++)
			dict_word(f, words, &n, *c);
	}
	fputs(DICT_END, f);
}

/* tests/fuzz/scn.dict holds the key table's words, as dict_block writes them. */
static void
test_dict(void)
{
	char *dict = slurp(CQ_SRCDIR "/tests/fuzz/scn.dict"), *want = NULL, *at;
	size_t len;
	FILE *f;

	CHECK(dict != NULL);
	if (dict == NULL)
		return;
	f = open_memstream(&want, &len);
	dict_block(f);
	fclose(f);
	at = strstr(dict, DICT_BEGIN);
	if (at == NULL || strncmp(at, want, len) != 0)
		fprintf(stderr, "tests/fuzz/scn.dict does not hold the key table's words: "
		    "replace its block with the output of tests/test_scn_keys --dict\n");
	CHECK(at != NULL && strncmp(at, want, len) == 0);
	free(want);
	free(dict);
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--dict") == 0) {
		dict_block(stdout);
		return 0;
	}
	test_rows();
	test_every_key_read();
	test_every_key_printed();
	test_doc();
	test_dict();
	CHECK_DONE();
}
