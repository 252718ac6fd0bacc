/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * afile.h — atomic output files: write to a temporary in a private folder
 * beside the target, rename into place on success, remove on failure.  An
 * existing file is never touched unless the new one is complete.
 *
 * The private folder is made by mkdtemp (mode 0700) in the target's folder,
 * so the rename stays on one file system; the temporary is created in it with
 * O_EXCL|O_NOFOLLOW and then used only through descriptors (the folder's and
 * the file's), never reopened by a name in the target's folder: in a folder
 * that others may write, nobody can plant a link at a name clinicq is about to
 * open, nor swap the private folder for one of their own.
 *
 * A target that exists and is not a regular file is never replaced: a
 * character device or a FIFO (/dev/null, a pipe) is written in place, the
 * whole output copied into it at the commit from a private folder in $TMPDIR
 * (or /tmp); a symbolic link, a folder or anything else is refused (a rename
 * would replace the link, and a link's target is not followed: in a folder
 * others may write, following it would let them redirect the write).
 */
#ifndef CQ_AFILE_H
#define CQ_AFILE_H

#include <stdio.h>

#include "err.h"

struct afile {
	char path[4096];  /* the target */
	char dir[4096];   /* the private folder; "" when the afile holds nothing */
	char tmp[4096];   /* a name for writers that open by name: /proc/self/fd/N */
	size_t base;      /* offset of the file's name in path (its name in dir too) */
	int dfd, fd;      /* the private folder, the temporary (-1 once closed) */
	FILE *f;
	int inplace;      /* the target is a device or FIFO: copied into, not renamed */
};

/* Open a temporary file for path; returns NULL with err on failure. */
FILE *afile_open(struct afile *a, const char *path, struct cq_err *err);
/* Flush, fsync and rename into place; on failure the temporary is removed. */
int afile_commit(struct afile *a, struct cq_err *err);
/* Drop the temporary file (safe to call after commit, on a zeroed afile). */
void afile_abort(struct afile *a);
/* A temporary for a writer (libxlsxwriter) that opens by name: it gets a->tmp,
 * a name that reaches the open temporary through its descriptor.  After the
 * writer has closed it, afile_commit_path syncs and renames it. */
int afile_reserve(struct afile *a, const char *path, struct cq_err *err);
int afile_commit_path(struct afile *a, struct cq_err *err);

/* A batch makes several outputs all-or-nothing: between afile_batch_begin() and
 * afile_batch_commit(), a commit only completes the temporary file; the renames
 * happen together at the end, or afile_batch_abort() removes every temporary.
 * One batch at a time, from one thread (a command's output phase). */
void afile_batch_begin(void);
int afile_batch_commit(struct cq_err *err);
void afile_batch_abort(void);
/* Make folder dir for outputs unless it exists; one made inside a batch is
 * removed again by afile_batch_abort (when empty), so that a failed command
 * leaves no new folder either.  0, or -1 with err. */
int afile_mkdir(const char *dir, struct cq_err *err);

/* Before long work: can a file be written at path (a temporary is created and
 * removed)?  afile_probe_dir: can files be written in folder dir, which may not
 * exist yet (then its parent must take it)?  0, or -1 with err. */
int afile_probe(const char *path, struct cq_err *err);
int afile_probe_dir(const char *dir, struct cq_err *err);

#endif
