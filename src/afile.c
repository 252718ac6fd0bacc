/* SPDX-License-Identifier: GPL-3.0-or-later */
/* afile.c — temporary-then-rename output files. */
#include "afile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Make a unique temporary name beside path (same folder, so rename is atomic). */
static int
make_tmp(struct afile *a, const char *path, struct cq_err *err)
{
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	int fd;
	mode_t um;

	if (strlen(path) + 32 >= sizeof a->path)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "output path is too long");
	snprintf(a->path, sizeof a->path, "%s", path);
	snprintf(a->tmp, sizeof a->tmp, "%.*s.%s.tmpXXXXXX", dirlen, path,
	    path + dirlen);
	fd = mkstemp(a->tmp);
	if (fd < 0) {
		int e = errno;

		a->tmp[0] = '\0';
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot create a file here: %s",
		    strerror(e));
	}
	/* mkstemp makes the file 0600; an output gets the usual 0666 & ~umask. */
	um = umask(022);
	umask(um);
	(void)fchmod(fd, 0666 & ~um);
	close(fd);
	return 0;
}

FILE *
afile_open(struct afile *a, const char *path, struct cq_err *err)
{
	a->f = NULL;
	if (make_tmp(a, path, err) != 0)
		return NULL;
	a->f = fopen(a->tmp, "w");
	if (a->f == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write: %s", strerror(errno));
		afile_abort(a);
	}
	return a->f;
}

int
afile_reserve(struct afile *a, const char *path, struct cq_err *err)
{
	a->f = NULL;
	return make_tmp(a, path, err);
}

#define AFILE_BATCH_MAX 64

static struct {
	int active, n;
	struct afile pending[AFILE_BATCH_MAX];
} batch;

void
afile_batch_begin(void)
{
	batch.active = 1;
	batch.n = 0;
}

void
afile_batch_abort(void)
{
	int i;

	for (i = 0; i < batch.n; i++)
		afile_abort(&batch.pending[i]);
	batch.active = 0;
	batch.n = 0;
}

int
afile_batch_commit(struct cq_err *err)
{
	int i;

	batch.active = 0;
	for (i = 0; i < batch.n; i++)
		if (afile_commit_path(&batch.pending[i], err) != 0) {
			/* Those already renamed stay: a rename in the same folder
			 * only fails for reasons that hit the first one too. */
			for (i++; i < batch.n; i++)
				afile_abort(&batch.pending[i]);
			batch.n = 0;
			return -1;
		}
	batch.n = 0;
	return 0;
}

int
afile_commit_path(struct afile *a, struct cq_err *err)
{
	if (batch.active) {
		if (batch.n == AFILE_BATCH_MAX) {
			cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "more than %d output files",
			    AFILE_BATCH_MAX);
			afile_abort(a);
			return -1;
		}
		batch.pending[batch.n] = *a;
		batch.pending[batch.n++].f = NULL;
		a->tmp[0] = '\0';      /* the batch owns the temporary now */
		return 0;
	}
	if (rename(a->tmp, a->path) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "cannot rename into place: %s",
		    strerror(errno));
		afile_abort(a);
		return -1;
	}
	a->tmp[0] = '\0';
	return 0;
}

int
afile_commit(struct afile *a, struct cq_err *err)
{
	int bad = ferror(a->f) || fflush(a->f) != 0 || fsync(fileno(a->f)) != 0;

	if (fclose(a->f) != 0)
		bad = 1;
	a->f = NULL;
	if (bad) {
		cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "write failed: %s", strerror(errno));
		afile_abort(a);
		return -1;
	}
	return afile_commit_path(a, err);
}

void
afile_abort(struct afile *a)
{
	if (a->f != NULL) {
		fclose(a->f);
		a->f = NULL;
	}
	if (a->tmp[0] != '\0') {
		unlink(a->tmp);
		a->tmp[0] = '\0';
	}
}

int
afile_probe(const char *path, struct cq_err *err)
{
	struct afile a;
	struct stat st;

	memset(&a, 0, sizeof a);
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "is a folder, not a file");
	if (make_tmp(&a, path, err) != 0)
		return -1;
	afile_abort(&a);
	return 0;
}

int
afile_probe_dir(const char *dir, struct cq_err *err)
{
	char d[4000], probe[4096];
	struct stat st;
	char *slash;
	size_t n = strlen(dir);

	if (n >= sizeof d)
		return cq_err_set(err, CQ_EXIT_FAIL, dir, 0, "output path is too long");
	while (n > 1 && dir[n - 1] == '/')
		n--;
	snprintf(d, sizeof d, "%.*s", (int)n, dir);
	if (stat(d, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return cq_err_set(err, CQ_EXIT_FAIL, dir, 0, "exists and is not a folder");
		snprintf(probe, sizeof probe, "%s/probe", d);
	} else {
		/* The folder is made when the files are written: probe its parent. */
		if ((slash = strrchr(d, '/')) == NULL)
			snprintf(probe, sizeof probe, "probe");
		else if (slash == d)
			snprintf(probe, sizeof probe, "/probe");
		else {
			*slash = '\0';
			if (stat(d, &st) != 0 || !S_ISDIR(st.st_mode))
				return cq_err_set(err, CQ_EXIT_FAIL, dir, 0, "cannot create the "
				    "folder: %s does not exist or is not a folder", d);
			snprintf(probe, sizeof probe, "%s/probe", d);
		}
	}
	if (afile_probe(probe, err) != 0) {
		snprintf(err->file, sizeof err->file, "%s", dir);
		return -1;
	}
	return 0;
}
