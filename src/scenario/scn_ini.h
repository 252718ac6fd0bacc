/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_ini.h — the first phase of loading a scenario: reading the INI text
 * (with inih) into sections and entries, checking names and keys, and applying
 * --set overrides.  scn.c interprets the result.  Internal to the scn module.
 *
 * A struct scn_ini_doc owns every string it holds; scn_ini_free() releases them.
 * Entries that come from an override have line 0 and ov pointing to the
 * override's text (owned by the caller of scn_load, which outlives the doc).
 */
#ifndef CQ_SCN_INI_H
#define CQ_SCN_INI_H

#include <stddef.h>

#include "err.h"
#include "scn.h"

/* Scenario files larger than this, or with more lines, are refused. */
#define SCN_INI_MAX_BYTES (4u << 20)
#define SCN_INI_MAX_LINES 100000
/* The longest line, in characters, without its newline.  inih's buffer is 200
 * bytes: a longer line in bytes (UTF-8 text) is handed to it in pieces. */
#define SCN_INI_MAX_LINE 199
#define SCN_INI_MAX_LINE_BYTES (4 * SCN_INI_MAX_LINE)

/* The section types, in the order doc/scenario.md and `check` give them
 * (scn_keytab.c describes each). */
enum scn_sec_type {
	SEC_SCENARIO,
	SEC_CALENDAR,
	SEC_PATTERN,
	SEC_STREAM,
	SEC_CLASS,
	SEC_ROLE,
	SEC_SHIFT,
	SEC_SHIFT_TEMPLATE,
	SEC_CONTRACT,
	SEC_ESCALATION,
	SEC_CONTACT,
	SEC_TARGETS,
	SEC_SWEEP,
	SEC_NTYPES
};

struct scn_ini_ent {
	char *key;
	char *value;
	size_t vlen, vcap;
	int line;                 /* 0 for an override */
	const char *ov;           /* the --set text, or NULL */
};

struct scn_ini_sec {
	enum scn_sec_type type;
	char name[SCN_MAX_NAME];  /* "" for unnamed section types */
	int line;                 /* of the header; 0 when made by an override */
	int nents, capents;
	struct scn_ini_ent *ents;
};

struct scn_ini_doc {
	const char *file;         /* for messages */
	int nsecs, capsecs;
	struct scn_ini_sec *secs;
	int noverrides;           /* --set options applied so far */
};

/* Read text (len bytes, not necessarily NUL-terminated) into doc. */
int scn_ini_read(struct scn_ini_doc *doc, const char *text, size_t len,
    struct cq_err *err);
/* Apply one "SECTION.KEY=VALUE" override. */
int scn_ini_override(struct scn_ini_doc *doc, const char *text, struct cq_err *err);
void scn_ini_free(struct scn_ini_doc *doc);

/*
 * Find the section and key named by a dotted path ("stream.portal.per_week",
 * "scenario.weeks").  On success *sec is the section, or NULL for an absent
 * [scenario], [calendar] or [targets] (always implied); *key points into path's
 * copy in keybuf.  On failure writes a message to msg and returns -1.
 */
int scn_ini_locate(const struct scn_ini_doc *doc, const char *path,
    struct scn_ini_sec **sec, enum scn_sec_type *type, char *keybuf, size_t keyn,
    char *msg, size_t msgn);

/* cq_err_set, but a message cut to fit ends between UTF-8 characters (for
 * messages that quote scenario text). */
int scn_ini_err(struct cq_err *err, int code, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

const char *scn_ini_type_name(enum scn_sec_type t);
int scn_ini_type_named(enum scn_sec_type t);
/* The first entry with this key, or NULL. */
struct scn_ini_ent *scn_ini_get(const struct scn_ini_sec *sec, const char *key);
/* "stream portal" or "scenario", for messages. */
void scn_ini_label(const struct scn_ini_sec *sec, char *buf, size_t n);

/* Did-you-mean: feed candidates, then ask for the nearest (NULL if none is near). */
struct scn_suggest {
	const char *word;
	const char *best;
	int bestd;
};
void scn_suggest_init(struct scn_suggest *sg, const char *word);
void scn_suggest_add(struct scn_suggest *sg, const char *cand);
const char *scn_suggest_best(const struct scn_suggest *sg);

#endif
