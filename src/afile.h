/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * afile.h — atomic output files: write to a temporary name in the same folder,
 * rename into place on success, remove on failure.  An existing file is never
 * touched unless the new one is complete.
 */
#ifndef CQ_AFILE_H
#define CQ_AFILE_H

#include <stdio.h>

#include "err.h"

struct afile {
	char path[4096];
	char tmp[4096];
	FILE *f;
};

/* Open a temporary file next to path; returns NULL with err on failure. */
FILE *afile_open(struct afile *a, const char *path, struct cq_err *err);
/* Flush, fsync and rename into place; on failure the temporary is removed. */
int afile_commit(struct afile *a, struct cq_err *err);
/* Drop the temporary file (safe to call after commit or on a never-opened afile). */
void afile_abort(struct afile *a);
/* The temporary name, for writers (libxlsxwriter, SQLite) that open by name. */
int afile_reserve(struct afile *a, const char *path, struct cq_err *err);
int afile_commit_path(struct afile *a, struct cq_err *err);

/* A batch makes several outputs all-or-nothing: between afile_batch_begin() and
 * afile_batch_commit(), a commit only completes the temporary file; the renames
 * happen together at the end, or afile_batch_abort() removes every temporary.
 * One batch at a time, from one thread (a command's output phase). */
void afile_batch_begin(void);
int afile_batch_commit(struct cq_err *err);
void afile_batch_abort(void);

/* Before long work: can a file be written at path (a temporary is created and
 * removed)?  afile_probe_dir: can files be written in folder dir, which may not
 * exist yet (then its parent must take it)?  0, or -1 with err. */
int afile_probe(const char *path, struct cq_err *err);
int afile_probe_dir(const char *dir, struct cq_err *err);

#endif
