/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_files.c — the store of data files parsed once per command (see
 * scn_files.h): two short lists under one lock.  A command names a handful of
 * files, so a list is search enough.
 */
#include "scn_files.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "dist.h"
#include "scn_int.h"

struct tlog_ent {
	struct tlog_ent *next;
	struct tlog *tl;
	long start_day;
	char *streams;
};

struct emp_ent {
	struct emp_ent *next;
	struct dist_emp *e;
	int is_time;
};

struct scn_files {
	pthread_mutex_t lock;
	struct tlog_ent *tlogs;
	struct emp_ent *emps;
	void (*free_tl)(struct tlog *);
};

struct scn_files *
scn_files_new(void)
{
	struct scn_files *f = calloc(1, sizeof *f);

	if (f != NULL && pthread_mutex_init(&f->lock, NULL) != 0) {
		free(f);
		return NULL;
	}
	return f;
}

void
scn_files_free(struct scn_files *f)
{
	struct tlog_ent *t, *tn;
	struct emp_ent *e, *en;

	if (f == NULL)
		return;
	for (t = f->tlogs; t != NULL; t = tn) {
		tn = t->next;
		f->free_tl(t->tl);
		free(t->streams);
		free(t);
	}
	for (e = f->emps; e != NULL; e = en) {
		en = e->next;
		dist_emp_free_all(e->e);
		free(e);
	}
	pthread_mutex_destroy(&f->lock);
	free(f);
}

/* The entry for these keys; the caller holds the lock. */
static struct tlog_ent *
tlog_find(struct scn_files *f, const char *file, long start_day, const char *streams)
{
	struct tlog_ent *t;

	for (t = f->tlogs; t != NULL; t = t->next)
		if (t->start_day == start_day && strcmp(t->tl->file, file) == 0 &&
		    strcmp(t->streams, streams) == 0)
			return t;
	return NULL;
}

const struct tlog *
scn_files_tlog(struct scn_files *f, const char *file, long start_day, const char *streams)
{
	struct tlog_ent *t;

	pthread_mutex_lock(&f->lock);
	t = tlog_find(f, file, start_day, streams);
	pthread_mutex_unlock(&f->lock);
	return t != NULL ? t->tl : NULL;
}

const struct tlog *
scn_files_tlog_put(struct scn_files *f, struct tlog *tl, long start_day,
    const char *streams, void (*free_tl)(struct tlog *))
{
	struct tlog_ent *t;
	const struct tlog *held;

	pthread_mutex_lock(&f->lock);
	f->free_tl = free_tl;
	if ((t = tlog_find(f, tl->file, start_day, streams)) != NULL) {
		held = t->tl;
		free_tl(tl);
	} else if ((t = calloc(1, sizeof *t)) == NULL ||
	    (t->streams = strdup(streams)) == NULL) {
		free(t);
		held = NULL;
		free_tl(tl);
	} else {
		t->tl = tl;
		t->start_day = start_day;
		t->next = f->tlogs;
		f->tlogs = t;
		held = tl;
	}
	pthread_mutex_unlock(&f->lock);
	return held;
}

const struct dist_emp *
scn_files_emp(struct scn_files *f, const char *path, int is_time)
{
	struct emp_ent *e;

	pthread_mutex_lock(&f->lock);
	for (e = f->emps; e != NULL; e = e->next)
		if (e->is_time == is_time && strcmp(e->e->path, path) == 0)
			break;
	pthread_mutex_unlock(&f->lock);
	return e != NULL ? e->e : NULL;
}

struct dist_emp *
scn_files_emp_copy(const struct dist_emp *e)
{
	struct dist_emp *c = calloc(1, sizeof *c);

	if (c == NULL || (c->path = strdup(e->path)) == NULL ||
	    (c->x = malloc(e->n * sizeof *c->x)) == NULL) {
		dist_emp_free_all(c);
		return NULL;
	}
	memcpy(c->x, e->x, e->n * sizeof *c->x);
	c->n = e->n;
	c->mean = e->mean;
	c->sd = e->sd;
	return c;
}

int
scn_files_emp_put(struct scn_files *f, const struct dist_emp *e, int is_time)
{
	struct emp_ent *n, *o;

	if ((n = calloc(1, sizeof *n)) == NULL || (n->e = scn_files_emp_copy(e)) == NULL) {
		free(n);
		return -1;
	}
	n->is_time = is_time;
	pthread_mutex_lock(&f->lock);
	for (o = f->emps; o != NULL; o = o->next)
		if (o->is_time == is_time && strcmp(o->e->path, e->path) == 0)
			break;
	if (o == NULL) {
		n->next = f->emps;
		f->emps = n;
	}
	pthread_mutex_unlock(&f->lock);
	if (o != NULL) {
		dist_emp_free_all(n->e);
		free(n);
	}
	return 0;
}
