/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_files.h — the data files a command's scenario loads read (trace logs,
 * empirical values), kept so that each is parsed once per command however
 * many times the scenario is loaded: a sweep loads it once per point, and a
 * 200-point sweep over a 1,000,000-row trace read the log 200 times.
 *
 * A load given a store looks a file up before reading it and adds what it
 * read; loads may run on several threads at once (a sweep's workers), so the
 * store locks around lookups and additions (a file two threads miss at once
 * is read twice and kept once).  The store owns what it keeps until
 * scn_files_free; a scenario copies what it uses and never points into it.
 */
#ifndef CQ_SCN_FILES_H
#define CQ_SCN_FILES_H

#include <stddef.h>

struct scn_files;
struct tlog;
struct dist_emp;

struct scn_files *scn_files_new(void);
void scn_files_free(struct scn_files *f);

/* A trace log parsed for a scenario starting on start_day whose streams are
 * named `streams` ("a\nb\n"), or NULL.  The result stays valid until
 * scn_files_free. */
const struct tlog *scn_files_tlog(struct scn_files *f, const char *file, long start_day,
    const char *streams);
/* Keep tl (the store takes it, with those keys); returns what the store now
 * holds for them: tl, or (when another thread got there first) the older
 * one, tl then freed by free_tl. */
const struct tlog *scn_files_tlog_put(struct scn_files *f, struct tlog *tl, long start_day,
    const char *streams, void (*free_tl)(struct tlog *));

/* Empirical values read from path as times (is_time) or values, or NULL. */
const struct dist_emp *scn_files_emp(struct scn_files *f, const char *path, int is_time);
/* Keep a copy of e under (e->path, is_time); -1 on no memory (nothing kept). */
int scn_files_emp_put(struct scn_files *f, const struct dist_emp *e, int is_time);
/* A copy of e, owned by the caller (free with dist_emp_free_all); NULL on no memory. */
struct dist_emp *scn_files_emp_copy(const struct dist_emp *e);

#endif
