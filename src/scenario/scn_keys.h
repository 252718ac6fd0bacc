/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_keys.h — the section types and keys a scenario file may hold, for the
 * INI reader (scn_ini.c); the type names and suggestions are in scn_ini.h.
 */
#ifndef CQ_SCN_KEYS_H
#define CQ_SCN_KEYS_H

#include <stddef.h>

#include "scn_ini.h"

/* The section type of a header's first word, or -1. */
int scn_keys_type_by_name(const char *s);
/* Whether sections of type t take key. */
int scn_keys_known(enum scn_sec_type t, const char *key);
/* Whether a key may be given more than once in a section. */
int scn_keys_repeats(const char *key);
/* "unknown key 'rat' in [stream portal]; did you mean 'rate'?" into msg; sec
 * may be NULL (a --set naming a section not in the file). */
void scn_keys_unknown_msg(const struct scn_ini_sec *sec, enum scn_sec_type type,
    const char *key, char *msg, size_t n);
/* How many sections of type t a file may hold, and the limit's name. */
int scn_keys_limit(enum scn_sec_type t);
const char *scn_keys_limit_name(enum scn_sec_type t);

#endif
