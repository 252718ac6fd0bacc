/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rpt_records.c — the rows of `run --records` (rpt_records.h). */
#include "rpt_records.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civil.h"

int
rpt_records_begin(struct rpt_records *w, FILE *f, const struct scn *s, int all,
    struct cq_err *err)
{
	const char *tmpdir = getenv("TMPDIR");

	memset(w, 0, sizeof *w);
	w->f = f;
	w->s = s;
	w->all = all;
	w->nreps = s->replications;
	fprintf(f, "%sarrived_at,class,service_min,outcome,wait_min,agent,started_at\n",
	    all ? "replication," : "");
	if (!all)
		return 0;
	pthread_mutex_init(&w->mu, NULL);
	w->part = calloc((size_t)w->nreps, sizeof *w->part);
	w->ended = calloc((size_t)w->nreps, 1);
	if (w->part == NULL || w->ended == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory for the records");
	if (tmpdir == NULL || *tmpdir != '/' || strlen(tmpdir) > 2048)
		tmpdir = "/tmp";
	snprintf(w->dir, sizeof w->dir, "%s/clinicq-records.XXXXXX", tmpdir);
	if (mkdtemp(w->dir) == NULL) {
		int e = errno;

		w->dir[0] = '\0';
		return cq_err_set(err, CQ_EXIT_FAIL, tmpdir, 0, "cannot make a temporary "
		    "folder for the records of each replication: %s; set TMPDIR to a "
		    "folder that can take them", strerror(e));
	}
	return 0;
}

/* Minutes from 00:00 of start_date as YYYY-MM-DD HH:MM:SS, to the nearest
 * second, on the scenario's clock (no time zone: the clinic's local time). */
static void
put_time(FILE *f, const struct scn *s, double minutes)
{
	long long sec = llround(minutes * 60.0);
	long day = (long)(sec / 86400);
	long rest = (long)(sec % 86400);
	int y, mo, d;

	civil_date(s->start_epoch_day + day, &y, &mo, &d);
	fprintf(f, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, mo, d, rest / 3600,
	    rest / 60 % 60, rest % 60);
}

static void
part_name(const struct rpt_records *w, int rep, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%d.csv", w->dir, rep);
}

/* The stream for replication rep's rows: f, or its part (opened at its
 * first row; only the thread playing rep touches it).  NULL: none. */
static FILE *
row_stream(struct rpt_records *w, int rep)
{
	char name[4200];

	if (!w->all)
		return w->f;
	if (rep < 0 || rep >= w->nreps)
		return NULL;
	if (w->part[rep] == NULL) {
		part_name(w, rep, name, sizeof name);
		if ((w->part[rep] = fopen(name, "w")) == NULL) {
			pthread_mutex_lock(&w->mu);
			w->bad_errno = errno;
			pthread_mutex_unlock(&w->mu);
		}
	}
	return w->part[rep];
}

void
rpt_records_row(void *ctx, const struct sim_record *r)
{
	struct rpt_records *w = ctx;
	const struct scn *s = w->s;
	FILE *f = row_stream(w, r->rep);

	if (f == NULL)
		return;
	if (w->all)
		fprintf(f, "%d,", r->rep + 1);
	put_time(f, s, r->arrived);
	fprintf(f, ",%s,", s->classes[r->cls].name);
	if (r->outcome == SIM_ABANDONED) {
		/* Nobody served it: no service, agent or start. */
		fprintf(f, ",abandoned,%.4f,,\n", r->wait);
		return;
	}
	fprintf(f, "%.4f,served,%.4f,%s-%u,", r->service, r->wait,
	    s->roles[r->role].name, r->person + 1);
	put_time(f, s, r->arrived + r->wait);
	fputc('\n', f);
}

/* Append replication rep's part to f and remove it (under w->mu). */
static void
append_part(struct rpt_records *w, int rep)
{
	char name[4200], buf[65536];
	FILE *p;
	size_t n;

	part_name(w, rep, name, sizeof name);
	if ((p = fopen(name, "r")) == NULL) {
		if (errno != ENOENT)   /* none: the replication had no rows */
			w->bad_errno = errno;
		return;
	}
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		if (fwrite(buf, 1, n, w->f) != n)
			break;
	if (ferror(p))
		w->bad_errno = EIO;
	fclose(p);
	(void)unlink(name);
}

void
rpt_records_end(void *ctx, int rep)
{
	struct rpt_records *w = ctx;
	int bad = 0;

	if (!w->all || rep < 0 || rep >= w->nreps)
		return;
	if (w->part[rep] != NULL) {
		bad = ferror(w->part[rep]) || fclose(w->part[rep]) != 0;
		w->part[rep] = NULL;
	}
	pthread_mutex_lock(&w->mu);
	if (bad)
		w->bad_errno = errno ? errno : EIO;
	w->ended[rep] = 1;
	while (w->next < w->nreps && w->ended[w->next])
		append_part(w, w->next++);
	pthread_mutex_unlock(&w->mu);
}

int
rpt_records_finish(struct rpt_records *w, const char *path, struct cq_err *err)
{
	if (!w->all)
		return 0;
	if (w->bad_errno != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "the records of a replication "
		    "could not be kept in %s: %s", w->dir, strerror(w->bad_errno));
	if (w->next < w->nreps)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "the records of replication %d "
		    "are missing", w->next + 1);
	return 0;
}

void
rpt_records_free(struct rpt_records *w)
{
	char name[4200];
	int i;

	if (w->part != NULL)
		for (i = 0; i < w->nreps; i++) {
			if (w->part[i] != NULL)
				fclose(w->part[i]);
			if (w->dir[0] != '\0') {
				part_name(w, i, name, sizeof name);
				(void)unlink(name);
			}
		}
	if (w->dir[0] != '\0')
		(void)rmdir(w->dir);
	if (w->all)
		pthread_mutex_destroy(&w->mu);
	free(w->part);
	free(w->ended);
	memset(w, 0, sizeof *w);
}
