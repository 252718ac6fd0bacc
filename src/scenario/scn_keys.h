/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_keys.h — what a scenario file may say: its section types and one
 * descriptor per key (struct scn_key), kept in one table (scn_keytab.c).
 * Everything that lists or handles keys derives from it: the reader's keys
 * per section and its near-miss suggestions (scn_ini.c), the reading of
 * simple values (ld_value, scn_ld.c), the defaults, `check`'s printer
 * (scn_print.c), `--list-keys` (scn_keys_print) and the tests that hold the
 * table to doc/scenario.md and the fuzz dictionary (tests/test_scn_keys.c).
 * Internal to the scn module (and the tests of its table).
 *
 * Adding a key: its field in the section's struct (scn.h), a row in
 * scn_keytab.c (kind, where it is stored, bounds, default, one line of doc)
 * and a row in doc/scenario.md's table of the section.  A value of a simple
 * kind is then read, defaulted, range-checked and printed by the table; a
 * key with a syntax or a meaning of its own also names its load (and print)
 * function.  [stream] and [sweep] read their keys in an order of their own
 * (ld_load_stream, ld_load_sweep): a key of theirs is also read there.
 */
#ifndef CQ_SCN_KEYS_H
#define CQ_SCN_KEYS_H

#include <stddef.h>
#include <stdio.h>

#include "scn_ini.h"

struct ld;
struct scn_key;

/* What the value of a key is. */
enum scn_key_kind {
	KEY_NUM,                  /* a number in lo..hi (a double; KF_U64: a uint64_t) */
	KEY_INT,                  /* a whole number in lo..hi (an int) */
	KEY_U64,                  /* an unsigned 64-bit whole number (a uint64_t) */
	KEY_DUR,                  /* a duration in lo..hi minutes (a double) */
	KEY_SHARE,                /* a share or probability in [0, 1] (a double) */
	KEY_BOOL,                 /* yes/no (an int) */
	KEY_CHOICE,               /* one word of .choices; its index (an int or enum) */
	KEY_DIST,                 /* a distribution of .use (a struct dist) */
	KEY_CUSTOM                /* a syntax of its own: .load reads it, .print writes it */
};

/* What a distribution gives. */
enum dist_use { USE_TIME, USE_VALUE, USE_PROB };

/* Flags of a key. */
#define KF_LO_OPEN  0x001u        /* lo itself is out of range */
#define KF_REPEATS  0x002u        /* may be given more than once: each adds a line */
#define KF_DERIVED  0x004u        /* no constant default: its loader computes it */
#define KF_UNSET    0x008u        /* its default 0 means "not set" (may lie outside lo..hi) */
#define KF_GIVEN    0x010u        /* the int at .given records whether it was given;
                                   * check prints it only then */
#define KF_NONZERO  0x020u        /* check prints it only when not 0 (or not none) */
#define KF_PCT      0x040u        /* a share printed as a percentage (when exact) */
#define KF_MEAN     0x080u        /* a distribution printed with its mean as a comment */
#define KF_U64      0x100u        /* a KEY_NUM stored as a uint64_t */
#define KF_MESSAGE  0x200u        /* [stream]: a key of message streams only */
#define KF_READING  0x400u        /* [stream]: a key of reading streams only */

/* A key's own reading: e is its first entry (NULL when absent; a required
 * key is checked before); base is the section's struct.  0, or -1 with
 * ld->err set.  It may read the value by its kind with ld_value. */
typedef int scn_key_load_fn(struct ld *ld, const struct scn_key *k,
    const struct scn_ini_ent *e, void *base);
/* A key's own writing by `check` (it decides whether to write it). */
typedef void scn_key_print_fn(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base);

/* Where a custom key's default goes (simple kinds: implied by the kind). */
enum scn_key_store { KS_NONE, KS_INT };

/* One key of one section type. */
struct scn_key {
	enum scn_sec_type sec;
	const char *name;
	enum scn_key_kind kind;
	size_t off;               /* its value in the section's struct (offsetof) */
	double lo, hi;            /* NUM, INT, DUR: the range */
	const char *hi_what;      /* names the upper limit in messages ("52w"), or NULL */
	double def;               /* stored before the section is read (not KF_DERIVED) */
	unsigned flags;           /* KF_* */
	const char *const *choices; /* CHOICE: the words, NULL-terminated */
	enum dist_use use;        /* DIST: a time, a value or a probability */
	const char *need;         /* required: how to write it, for the message; else NULL */
	size_t given;             /* KF_GIVEN: the int that records it was given */
	enum scn_key_store store; /* CUSTOM: KS_INT when .def goes to an int at .off */
	const char *syntax;       /* CUSTOM: how it is written (for the key list) */
	const char *def_doc;      /* the default in words, where .def does not say it */
	const char *note;         /* a comment `check` writes after the value */
	const char *read_after;   /* the loader reads it after this key, not in table order */
	const char *print_after;  /* `check` writes it after this key, not in table order */
	scn_key_load_fn *load;    /* reads it, instead of its kind */
	scn_key_print_fn *print;  /* writes it, instead of its kind */
	const char *doc;          /* one line: what it means */
};

/* One section type. */
struct scn_sec_desc {
	const char *name;         /* "stream" */
	int named;                /* [stream NAME] */
	int limit;                /* sections of the type a file may hold */
	const char *limit_name;   /* the limit's name in the source, or "" */
	size_t base;              /* unnamed types: where their struct is in struct scn */
	const char *doc;
};

/* scn_keytab.c: the table. */
extern const struct scn_sec_desc scn_sectab[SEC_NTYPES];
extern const struct scn_key scn_keytab[];
extern const size_t scn_nkeys;

/* The keys of type t in table order: for (k = scn_keys_first(t); k; k = scn_keys_next(k)). */
const struct scn_key *scn_keys_first(enum scn_sec_type t);
const struct scn_key *scn_keys_next(const struct scn_key *k);
/* The key of type t with this name, or NULL. */
const struct scn_key *scn_keys_find(enum scn_sec_type t, const char *name);
/* The section type of a header's first word, or -1. */
int scn_keys_type_by_name(const char *s);
/* Whether sections of type t take key. */
int scn_keys_known(enum scn_sec_type t, const char *key);
/* Whether a key may be given more than once in a section of type t. */
int scn_keys_repeats(enum scn_sec_type t, const char *key);
/* "unknown key 'rat' in [stream portal]; did you mean 'rate'?" into msg; sec
 * may be NULL (a --set naming a section not in the file). */
void scn_keys_unknown_msg(const struct scn_ini_sec *sec, enum scn_sec_type type,
    const char *key, char *msg, size_t n);
/* "[scenario], [calendar], [pattern NAME], ... and [sweep]" into msg. */
void scn_keys_sections(char *msg, size_t n);
/* Store the defaults of type t's keys into base, the section's struct. */
void scn_keys_defaults(enum scn_sec_type t, void *base);
/* The struct of an unnamed section type within s. */
void *scn_keys_base(struct scn *s, enum scn_sec_type t);
/* The storage of a key's value, and of an int a key records. */
void *scn_key_at(void *base, size_t off);
const void *scn_key_at_c(const void *base, size_t off);
int scn_key_int(const void *base, size_t off);
void scn_key_set_int(void *base, size_t off, int v);

#endif
