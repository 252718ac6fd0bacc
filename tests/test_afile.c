/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_afile.c — atomic output files (src/afile.c): a committed file appears
 * whole under its name and leaves nothing else behind; an aborted one leaves
 * no file and an existing one untouched; a batch renames all its files
 * together or none; a writer that opens by name (libxlsxwriter) writes through
 * the reserved name; a folder made in an aborted batch is removed; an
 * unwritable place is refused before any work, with the path in the message.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "check.h"

static char dir[] = "/tmp/test_afile-XXXXXX";

/* The entries of dir (not . and ..). */
static int
entries(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* The contents of path, or "" when it cannot be read. */
static const char *
contents(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (f != NULL) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

int
main(void)
{
	struct cq_err err = { 0 };
	struct afile a, b;
	char p1[256], p2[256], sub[256];
	FILE *f;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(p1, sizeof p1, "%s/one.txt", dir);
	snprintf(p2, sizeof p2, "%s/two.txt", dir);
	snprintf(sub, sizeof sub, "%s/made", dir);

	/* A commit: the file whole, nothing else beside it. */
	memset(&a, 0, sizeof a);
	f = afile_open(&a, p1, &err);
	CHECK(f != NULL);
	if (f != NULL)
		fputs("first\n", f);
	CHECK(access(p1, F_OK) != 0);         /* not there before the commit */
	CHECK(afile_commit(&a, &err) == 0);
	CHECK_STR(contents(p1), "first\n");
	CHECK(entries() == 1);

	/* An abort: the file as it was. */
	memset(&a, 0, sizeof a);
	f = afile_open(&a, p1, &err);
	CHECK(f != NULL);
	if (f != NULL)
		fputs("half a", f);
	afile_abort(&a);
	CHECK_STR(contents(p1), "first\n");
	CHECK(entries() == 1);
	afile_abort(&a);                      /* twice: harmless */

	/* A batch: both files appear at its commit, not before. */
	afile_batch_begin();
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	if ((f = afile_open(&a, p1, &err)) != NULL)
		fputs("second\n", f);
	CHECK(afile_commit(&a, &err) == 0);
	if ((f = afile_open(&b, p2, &err)) != NULL)
		fputs("two\n", f);
	CHECK(afile_commit(&b, &err) == 0);
	CHECK_STR(contents(p1), "first\n");   /* still the old one */
	CHECK(access(p2, F_OK) != 0);
	CHECK(afile_batch_commit(&err) == 0);
	CHECK_STR(contents(p1), "second\n");
	CHECK_STR(contents(p2), "two\n");
	CHECK(entries() == 2);

	/* An aborted batch: neither changes, its new folder goes again. */
	afile_batch_begin();
	CHECK(afile_mkdir(sub, &err) == 0);
	memset(&a, 0, sizeof a);
	if ((f = afile_open(&a, p1, &err)) != NULL)
		fputs("third\n", f);
	CHECK(afile_commit(&a, &err) == 0);
	afile_batch_abort();
	CHECK_STR(contents(p1), "second\n");
	CHECK(access(sub, F_OK) != 0);
	CHECK(entries() == 2);

	/* A writer that opens by name writes through the reserved name. */
	memset(&a, 0, sizeof a);
	CHECK(afile_reserve(&a, p2, &err) == 0);
	put(a.tmp, "by name\n");
	CHECK(afile_commit_path(&a, &err) == 0);
	CHECK_STR(contents(p2), "by name\n");
	CHECK(entries() == 2);

	/* Refused before any work: a folder that is not there, a file in place
	 * of a folder; the message names the path. */
	memset(&err, 0, sizeof err);
	CHECK(afile_probe("/nonexistent-folder/x.csv", &err) != 0);
	CHECK(err.code != 0 && (strstr(err.msg, "/nonexistent-folder") != NULL ||
	    strstr(err.file, "/nonexistent-folder") != NULL));
	memset(&err, 0, sizeof err);
	CHECK(afile_probe_dir(p1, &err) != 0 && err.code != 0);
	memset(&err, 0, sizeof err);
	CHECK(afile_probe(p1, &err) == 0);    /* a file that is there: writable */
	CHECK_STR(contents(p1), "second\n");  /* and untouched by the probe */
	CHECK(entries() == 2);

	unlink(p1);
	unlink(p2);
	rmdir(dir);
	CHECK_DONE();
}
