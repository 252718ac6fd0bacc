/* SPDX-License-Identifier: GPL-3.0-or-later */
/* afile.c — temporary-then-rename output files, in a private folder. */
#include "afile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Give up what a holds: the temporary (removed when unlink_it), the private
 * folder's descriptor and the folder itself. */
static void
release(struct afile *a, int unlink_it)
{
	if (a->dir[0] == '\0')
		return;
	if (a->f != NULL)
		fclose(a->f);
	else if (a->fd >= 0)
		close(a->fd);
	a->f = NULL;
	a->fd = -1;
	if (unlink_it)
		(void)unlinkat(a->dfd, a->path + a->base, 0);
	close(a->dfd);
	a->dfd = -1;
	/* By name: at worst (another user renamed ours away) this meets their
	 * folder, and rmdir takes only an empty one. */
	(void)rmdir(a->dir);
	a->dir[0] = '\0';
	a->tmp[0] = '\0';
}

/* What path is, if it exists: a regular file or nothing (renamed over), a
 * device or FIFO (written in place: *inplace), else refused.  0, -1 with err. */
static int
target_kind(const char *path, int *inplace, struct cq_err *err)
{
	struct stat st;

	*inplace = 0;
	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
		return 0;
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
		*inplace = 1;
		return 0;
	}
	if (S_ISLNK(st.st_mode))
		return cq_err_set(err, CQ_EXIT_USAGE, path, 0, "is a symbolic link: clinicq "
		    "writes an output file whole and renames it into place, which would "
		    "replace the link; give the path of the file it points to");
	if (S_ISDIR(st.st_mode))
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "is a folder, not a file");
	return cq_err_set(err, CQ_EXIT_USAGE, path, 0, "is not a regular file, a device "
	    "or a FIFO; give another output path");
}

/* Make the private folder beside path (in $TMPDIR for a target written in
 * place) and the temporary in it. */
static int
make_tmp(struct afile *a, const char *path, struct cq_err *err)
{
	const char *slash = strrchr(path, '/'), *tmpdir = getenv("TMPDIR");
	size_t base = slash ? (size_t)(slash - path + 1) : 0;
	struct stat st, st2;
	int e, tries;

	a->dir[0] = a->tmp[0] = '\0';
	a->dfd = a->fd = -1;
	a->f = NULL;
	if (path[0] == '\0')
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "an output file name is empty");
	if (path[base] == '\0')
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "names a folder, not a file");
	if (strlen(path) + strlen(path + base) + 32 >= sizeof a->tmp)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "output path is too long");
	if (target_kind(path, &a->inplace, err) != 0)
		return -1;
	if (tmpdir == NULL || *tmpdir != '/' || strlen(tmpdir) > 2048)
		tmpdir = "/tmp";
	snprintf(a->path, sizeof a->path, "%s", path);
	a->base = base;
	/* Between mkdtemp and open, another user could have put a folder of
	 * theirs at that name: only ours, still 0700, will do.  A folder that
	 * is not is left to them and another name tried (a fresh random one each
	 * time), so that such a user can delay the write but not stop it. */
	for (tries = 0;; tries++) {
		if (a->inplace)
			snprintf(a->dir, sizeof a->dir, "%s/clinicq-out.XXXXXX", tmpdir);
		else
			snprintf(a->dir, sizeof a->dir, "%.*s.%s.tmpXXXXXX", (int)base, path,
			    path + base);
		if (mkdtemp(a->dir) == NULL) {
			e = errno;
			a->dir[0] = '\0';
			return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot create a file "
			    "here: %s", strerror(e));
		}
		a->dfd = open(a->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (a->dfd >= 0 && fstat(a->dfd, &st) == 0 && st.st_uid == geteuid() &&
		    (st.st_mode & 07777) == 0700)
			break;
		e = a->dfd < 0 ? errno : EPERM;
		if (a->dfd >= 0)
			close(a->dfd);
		a->dfd = -1;
		(void)rmdir(a->dir);
		a->dir[0] = '\0';
		if (tries == 15)
			return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot make a private "
			    "temporary folder here: %s", strerror(e));
	}
	/* 0666 & ~umask, as any new file. */
	a->fd = openat(a->dfd, path + base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0666);
	if (a->fd < 0) {
		e = errno;
		release(a, 0);
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot create a file here: %s",
		    strerror(e));
	}
	/* For writers that open by name: the open file itself, through /proc;
	 * without /proc, its name inside the private folder. */
	snprintf(a->tmp, sizeof a->tmp, "/proc/self/fd/%d", a->fd);
	if (stat(a->tmp, &st2) != 0 || fstat(a->fd, &st) != 0 || st.st_ino != st2.st_ino ||
	    st.st_dev != st2.st_dev) {
		if (snprintf(a->tmp, sizeof a->tmp, "%s/%s", a->dir, path + base) >=
		    (int)sizeof a->tmp) {
			release(a, 1);
			return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "output path is too long");
		}
	}
	return 0;
}

FILE *
afile_open(struct afile *a, const char *path, struct cq_err *err)
{
	if (make_tmp(a, path, err) != 0)
		return NULL;
	a->f = fdopen(a->fd, "w");
	if (a->f == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write: %s", strerror(errno));
		afile_abort(a);
	}
	return a->f;
}

int
afile_reserve(struct afile *a, const char *path, struct cq_err *err)
{
	return make_tmp(a, path, err);
}

#define AFILE_BATCH_MAX 64

#define AFILE_BATCH_DIRS 4

static struct {
	int active, n, ndirs;
	struct afile pending[AFILE_BATCH_MAX];
	char dirs[AFILE_BATCH_DIRS][4096];  /* folders made in the batch */
} batch;

void
afile_batch_begin(void)
{
	batch.active = 1;
	batch.n = batch.ndirs = 0;
}

int
afile_mkdir(const char *dir, struct cq_err *err)
{
	if (mkdir(dir, 0777) != 0) {
		struct stat st;

		if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		return cq_err_set(err, CQ_EXIT_FAIL, dir, 0, "cannot create the folder: %s",
		    errno == EEXIST ? "a file of that name is in the way" : strerror(errno));
	}
	if (batch.active && batch.ndirs < AFILE_BATCH_DIRS)
		snprintf(batch.dirs[batch.ndirs++], sizeof batch.dirs[0], "%s", dir);
	return 0;
}

void
afile_batch_abort(void)
{
	int i;

	for (i = 0; i < batch.n; i++)
		afile_abort(&batch.pending[i]);
	while (batch.ndirs > 0)
		(void)rmdir(batch.dirs[--batch.ndirs]);
	batch.active = 0;
	batch.n = 0;
}

int
afile_batch_commit(struct cq_err *err)
{
	int i;

	batch.active = 0;
	batch.ndirs = 0;       /* the folders stay, with their files */
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

/* The whole output into a device or FIFO, then the temporary goes. */
static int
copy_in_place(struct afile *a, struct cq_err *err)
{
	char buf[65536];
	struct stat st;
	ssize_t n, w, off;
	int in, out, rc = -1;

	in = openat(a->dfd, a->path + a->base, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	/* No O_CREAT: the target must still be the device or FIFO it was. */
	out = open(a->path, O_WRONLY | O_NOCTTY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0 || out < 0 || fstat(out, &st) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "cannot write: %s", strerror(errno));
		goto out;
	}
	if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "is no longer a device or FIFO; "
		    "nothing was written");
		goto out;
	}
	while ((n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		for (off = 0; off < n; off += w)
			if ((w = write(out, buf + off, (size_t)(n - off))) < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "write failed: %s",
				    strerror(errno));
				goto out;
			}
	}
	if (n < 0) {
		cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "cannot read the output back: %s",
		    strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0 && rc == 0)
		rc = cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "write failed: %s",
		    strerror(errno));
	release(a, 1);
	return rc;
}

int
afile_commit_path(struct afile *a, struct cq_err *err)
{
	/* The writer has closed its own handle; ours makes the data durable. */
	if (a->fd >= 0) {
		int bad = fsync(a->fd) != 0;

		if (close(a->fd) != 0)
			bad = 1;
		a->fd = -1;
		if (bad) {
			cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "write failed: %s",
			    strerror(errno));
			afile_abort(a);
			return -1;
		}
	}
	if (batch.active) {
		if (batch.n == AFILE_BATCH_MAX) {
			cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "more than %d output files",
			    AFILE_BATCH_MAX);
			afile_abort(a);
			return -1;
		}
		batch.pending[batch.n++] = *a;
		a->dir[0] = '\0';      /* the batch owns the temporary now */
		return 0;
	}
	if (a->inplace)
		return copy_in_place(a, err);
	if (renameat(a->dfd, a->path + a->base, AT_FDCWD, a->path) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, a->path, 0, "cannot rename into place: %s",
		    strerror(errno));
		afile_abort(a);
		return -1;
	}
	release(a, 0);
	return 0;
}

int
afile_commit(struct afile *a, struct cq_err *err)
{
	int bad = ferror(a->f) || fflush(a->f) != 0 || fsync(fileno(a->f)) != 0;

	if (fclose(a->f) != 0)
		bad = 1;
	a->f = NULL;
	a->fd = -1;            /* closed with the stream */
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
	release(a, 1);
}

int
afile_probe(const char *path, struct cq_err *err)
{
	struct afile a;
	struct stat st;

	memset(&a, 0, sizeof a);
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
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

	if (n == 0)
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "an output folder name is empty");
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
