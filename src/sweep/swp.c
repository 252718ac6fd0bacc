/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * swp.c — the points of a sweep, their validation, computing one point, and
 * spreading points (and replications) over threads.
 */
#include "swp.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/meas.h"
#include "scenario/scn_files.h"
#include "report/rpt.h"
#include "optimize/opt.h"
#include "measure/run.h"

uint64_t
swp_fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

int
swp_value(const struct swp *w, int p, int v)
{
	const struct scn_sweep *sw = &w->s->sweep;
	int i;

	if (sw->zip)
		return p;
	/* Grid: the last 'vary' changes fastest. */
	for (i = sw->nvars - 1; i > v; i--)
		p /= sw->vars[i].nvalues;
	return p % sw->vars[v].nvalues;
}

void
swp_point_label(const struct swp *w, int p, char *buf, size_t n)
{
	const struct scn_sweep *sw = &w->s->sweep;
	size_t used = 0;
	int v, k;

	buf[0] = '\0';
	for (v = 0; v < sw->nvars && used < n; v++) {
		k = snprintf(buf + used, n - used, "%s%s=%s", v ? ", " : "", sw->vars[v].key,
		    sw->vars[v].values[swp_value(w, p, v)]);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}

/* The overrides of point p: the base ones, then one per 'vary'.  texts holds the
 * "KEY=VALUE" strings (freed by the caller, nvars of them). */
static struct scn_override *
point_overrides(const struct swp *w, int p, char ***texts, int *nov)
{
	const struct scn_sweep *sw = &w->s->sweep;
	struct scn_override *ov;
	char **t;
	int v;

	ov = calloc((size_t)(w->nbase + sw->nvars), sizeof *ov);
	t = calloc((size_t)sw->nvars, sizeof *t);
	if (ov == NULL || t == NULL)
		goto fail;
	memcpy(ov, w->base, (size_t)w->nbase * sizeof *ov);
	for (v = 0; v < sw->nvars; v++) {
		const char *val = sw->vars[v].values[swp_value(w, p, v)];
		size_t len = strlen(sw->vars[v].key) + strlen(val) + 2;

		if ((t[v] = malloc(len)) == NULL)
			goto fail;
		snprintf(t[v], len, "%s=%s", sw->vars[v].key, val);
		ov[w->nbase + v].text = t[v];
	}
	*texts = t;
	*nov = w->nbase + sw->nvars;
	return ov;
fail:
	if (t != NULL)
		for (v = 0; v < sw->nvars; v++)
			free(t[v]);
	free(t);
	free(ov);
	return NULL;
}

static void
free_texts(char **t, int n)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < n; i++)
		free(t[i]);
	free(t);
}

/* Load point p's scenario; on a scenario error, say which point and key. */
static struct scn *
load_point(const struct swp *w, int p, struct cq_err *err)
{
	const struct scn_sweep *sw = &w->s->sweep;
	struct scn_override *ov;
	struct cq_err e;
	struct scn *s;
	char **texts = NULL, label[1024];
	const char *msg;
	int nov, v, line;

	if ((ov = point_overrides(w, p, &texts, &nov)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, w->file, 0, "out of memory");
		return NULL;
	}
	memset(&e, 0, sizeof e);
	s = scn_load_files(w->file, w->text, strlen(w->text), ov, nov, w->files, &e);
	if (s == NULL) {
		/* An error about one override reads "--set KEY=VALUE: message". */
		msg = e.msg;
		line = sw->vars[0].line;
		swp_point_label(w, p, label, sizeof label);
		for (v = 0; v < sw->nvars; v++) {
			size_t n = strlen(texts[v]);

			if (strncmp(e.msg, "--set ", 6) == 0 &&
			    strncmp(e.msg + 6, texts[v], n) == 0 && e.msg[6 + n] == ':') {
				msg = e.msg + 6 + n + 1 + (e.msg[7 + n] == ' ');
				line = sw->vars[v].line;
				snprintf(label, sizeof label, "%s", texts[v]);
				break;
			}
		}
		if (e.code == CQ_EXIT_USAGE && msg == e.msg && e.line > 0)
			cq_err_set(err, e.code, w->file, line, "point %d (%s): %s (line %d)",
			    p + 1, label, msg, e.line);
		else
			cq_err_set(err, e.code ? e.code : CQ_EXIT_FAIL, w->file, line,
			    "point %d (%s): %s", p + 1, label, msg);
	}
	free_texts(texts, sw->nvars);
	free(ov);
	return s;
}

struct swp *
swp_new(const char *file, const struct scn_override *base, int nbase,
    struct cq_err *err)
{
	struct swp *w;
	struct scn *s;
	size_t len;
	int p, i;
	double np;

	if ((w = calloc(1, sizeof *w)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
		return NULL;
	}
	w->file = file;
	/* Read once: "-" (standard input) cannot be read twice. */
	if ((w->text = scn_read_file(file, &len, err)) == NULL)
		goto fail;
	if ((w->files = scn_files_new()) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
		goto fail;
	}
	if ((w->s = scn_load_files(file, w->text, len, base, nbase, w->files, err)) == NULL)
		goto fail;
	if (w->s->sweep.nvars == 0) {
		cq_err_set(err, CQ_EXIT_USAGE, file, 0, "no [sweep] section: add one like "
		    "[sweep] with vary = stream.portal.per_week: 1000, 1400, 1800");
		goto fail;
	}
	if ((w->base = calloc((size_t)nbase + 1, sizeof *w->base)) == NULL ||
	    (w->base_text = calloc((size_t)nbase + 1, sizeof *w->base_text)) == NULL)
		goto nomem;
	w->hash = swp_fnv(SWP_FNV_INIT, w->text, strlen(w->text) + 1);
	for (i = 0; i < nbase; i++) {
		if ((w->base_text[i] = strdup(base[i].text)) == NULL)
			goto nomem;
		w->base[i].text = w->base_text[i];
		w->nbase++;
		if (strncmp(base[i].text, "scenario.seed", 13) != 0)
			w->hash = swp_fnv(w->hash, base[i].text, strlen(base[i].text) + 1);
	}
	w->nvars = w->s->sweep.nvars;
	if (w->s->sweep.zip) {
		np = w->s->sweep.vars[0].nvalues;
	} else {
		for (np = 1, i = 0; i < w->nvars; i++)
			np *= w->s->sweep.vars[i].nvalues;
	}
	w->npoints = (int)np;
	if ((w->res = calloc((size_t)w->npoints, sizeof *w->res)) == NULL)
		goto nomem;
	/* Every point is checked before any work starts. */
	for (p = 0; p < w->npoints; p++) {
		if ((s = load_point(w, p, err)) == NULL)
			goto fail;
		if (s->replications > w->max_reps)
			w->max_reps = s->replications;
		scn_free(s);
	}
	return w;
nomem:
	cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
fail:
	swp_free(w);
	return NULL;
}

void
swp_result_clear(struct swp_result *r)
{
	if (r == NULL)
		return;
	free(r->json);
	free(r->rows);
	free(r->repv);
	memset(r, 0, sizeof *r);
}

void
swp_free(struct swp *w)
{
	int i;

	if (w == NULL)
		return;
	if (w->res != NULL)
		for (i = 0; i < w->npoints; i++)
			swp_result_clear(&w->res[i]);
	free(w->res);
	if (w->base_text != NULL)
		for (i = 0; i < w->nbase; i++)
			free(w->base_text[i]);
	free(w->base_text);
	free(w->base);
	free(w->text);
	scn_free(w->s);
	scn_files_free(w->files);
	free(w);
}

/* ---- one point ------------------------------------------------------------------ */

struct rows {
	struct swp_row *r;
	int n, cap, oom;
};

static void
row_add(struct rows *rs, const char *kind, const char *name, const char *measure,
    const struct est *e, const char *verdict)
{
	struct swp_row *r;

	if (rs->n == rs->cap) {
		int cap = rs->cap ? rs->cap * 2 : 64;

		if ((r = realloc(rs->r, (size_t)cap * sizeof *r)) == NULL) {
			rs->oom = 1;
			return;
		}
		rs->r = r;
		rs->cap = cap;
	}
	r = &rs->r[rs->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->kind, sizeof r->kind, "%s", kind);
	snprintf(r->name, sizeof r->name, "%s", name);
	snprintf(r->measure, sizeof r->measure, "%s", measure);
	r->mean = e ? e->mean : NAN;
	r->lo = e ? e->lo : NAN;
	r->hi = e ? e->hi : NAN;
	snprintf(r->verdict, sizeof r->verdict, "%s", verdict ? verdict : "");
}

static void
fig_row(void *arg, const char *kind, const char *name, const char *measure,
    const struct est *e, const char *verdict)
{
	row_add(arg, kind, name, measure, e, verdict);
}

/* The estimates of a run as rows: the figures of the JSON but the backlog by
 * hour, as the report lists them (so that measures.csv reads the same). */
static void
meas_rows(const struct meas *m, struct rows *rs)
{
	rpt_figures(m, fig_row, rs);
}

/* Whether the answer's shift i belongs in the point's roster: every written
 * shift, and the designed candidates ([shift_template]) the answer staffs
 * (o->scn is then the derived scenario, its candidates after the written
 * shifts); a shift split by day at its first part (r: the shift as shown). */
static int
roster_shows(const struct opt_result *o, int i, struct scn_rshift *r)
{
	return scn_rshift_at(o->scn, o->staff, i, r) &&
	    (o->scn->shifts[i].tmpl == 0 || r->staffed);
}

/* An optimize point's answer as rows of kind "roster", first so that the
 * tables show it first: the cost per week of the recommended roster, whether
 * it meets every target ("feasible", verdict yes or no), and its staff per
 * shift ("staff", named by the shift; a shift whose staff optimize chose by
 * day, a row per day named SHIFT.mon).  Exact figures: no interval. */
static void
roster_rows(const struct opt_result *o, struct rows *rs)
{
	struct est e = { o->cost, NAN, NAN };
	struct scn_rshift r;
	char name[SCN_MAX_NAME + 8];
	int i, d;

	row_add(rs, "roster", "", "cost_per_week", &e, NULL);
	row_add(rs, "roster", "", "feasible", NULL, o->feasible ? "yes" : "no");
	for (i = 0; i < o->scn->nshifts; i++) {
		if (!roster_shows(o, i, &r))
			continue;
		if (o->scn->shifts[i].part == 0) {
			e.mean = o->staff[i];
			row_add(rs, "roster", r.name, "staff", &e, NULL);
			continue;
		}
		for (d = 0; d < WEEK_DAYS; d++)
			if (r.days & (1u << d)) {
				snprintf(name, sizeof name, "%s.%s", r.name, week_day_key[d]);
				e.mean = r.staff[d];
				row_add(rs, "roster", name, "staff", &e, NULL);
			}
	}
}

/* A point's JSON object: its overrides, the optimizer's roster (orr, when
 * the point optimized) and the measures mm.  A malloc'd string, or NULL out
 * of memory. */
static char *
point_json(const struct swp *w, int p, const struct opt_result *orr, const struct meas *mm)
{
	const struct scn_sweep *sw = &w->s->sweep;
	struct scn_rshift rsh;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int v, first;

	if ((f = open_memstream(&buf, &len)) == NULL)
		return NULL;
	fputs("{\"overrides\":{", f);
	for (v = 0; v < sw->nvars; v++) {
		if (v > 0)
			fputc(',', f);
		rpt_json_str(f, sw->vars[v].key);
		fputc(':', f);
		rpt_json_str(f, sw->vars[v].values[swp_value(w, p, v)]);
	}
	fputs("},", f);
	if (orr != NULL) {
		fputs("\"roster\":{", f);
		for (v = 0, first = 1; v < orr->scn->nshifts; v++) {
			if (!roster_shows(orr, v, &rsh))
				continue;
			if (!first)
				fputc(',', f);
			first = 0;
			rpt_json_str(f, rsh.name);
			fputc(':', f);
			rpt_json_by_day(f, rsh.staff, rsh.days);
		}
		fprintf(f, "},\"feasible\":%s,\"roster_cost_per_week\":",
		    orr->feasible ? "true" : "false");
		rpt_json_num(f, orr->cost);
		fputc(',', f);
	}
	rpt_json_members(mm, f);
	fputc('}', f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Each replication's figures of every class into r->repv (none when the
 * measures keep no replications).  0, or -1 out of memory. */
static int
point_reps(const struct meas *mm, int nclasses, struct swp_result *r)
{
	int i, c;

	if (mm->reps == NULL)
		return 0;
	if ((r->repv = malloc((size_t)mm->replications * (size_t)nclasses *
	    RPT_REP_NCOLS * sizeof *r->repv)) == NULL)
		return -1;
	r->nrep = mm->replications;
	for (i = 0; i < r->nrep; i++)
		for (c = 0; c < nclasses; c++)
			rpt_rep_values(mm, i, c, swp_repv(r, nclasses, i, c));
	return 0;
}

/* A point whose run fails says which point it was, as a point that does not
 * load does; not when it was stopped (the user's signal, or another point's
 * failure), which is not this point's doing. */
static void
name_point(const struct swp *w, int p, volatile const int *stop, struct cq_err *err)
{
	char label[512], file[sizeof err->file], msg[sizeof err->msg];

	if (stop != NULL && *stop)
		return;
	swp_point_label(w, p, label, sizeof label);
	snprintf(file, sizeof file, "%s", err->file);
	snprintf(msg, sizeof msg, "%s", err->msg);
	cq_err_set(err, err->code, file, err->line, "point %d (%s): %s", p + 1, label, msg);
}

int
swp_compute(const struct swp *w, int p, int jobs, volatile const int *stop,
    struct swp_result *r, struct cq_err *err)
{
	struct run_opts ro;
	struct opt_opts oo;
	struct opt_result orr;
	struct scn *s;
	struct meas *m = NULL;
	const struct meas *mm;
	int optimized = 0;
	struct rows rs;
	char *buf = NULL;

	memset(&orr, 0, sizeof orr);
	memset(r, 0, sizeof *r);
	memset(&rs, 0, sizeof rs);
	if ((s = load_point(w, p, err)) == NULL)
		return -1;
	if (w->s->sweep.optimize) {
		/* The staff each point needs: the optimizer's answer, reported with
		 * its measures.  GLPK's environment is per thread. */
		memset(&oo, 0, sizeof oo);
		oo.jobs = jobs;
		oo.stop = stop;
		if (opt_run(s, &oo, &orr, err) != 0) {
			name_point(w, p, stop, err);
			goto fail;
		}
		optimized = 1;
		mm = orr.m;
	} else {
		memset(&ro, 0, sizeof ro);
		ro.jobs = jobs;
		ro.stop = stop;
		if ((m = run_replications(s, &ro, err)) == NULL) {
			name_point(w, p, stop, err);
			goto fail;
		}
		mm = m;
	}
	if ((buf = point_json(w, p, optimized ? &orr : NULL, mm)) == NULL)
		goto nomem;
	if (optimized)
		roster_rows(&orr, &rs);
	meas_rows(mm, &rs);
	if (rs.oom || point_reps(mm, s->nclasses, r) != 0)
		goto nomem;
	r->json = buf;
	r->rows = rs.r;
	r->nrows = rs.n;
	r->done = 1;
	meas_free(m);
	if (optimized)
		opt_result_free(&orr);
	scn_free(s);
	return 0;
nomem:
	cq_err_set(err, CQ_EXIT_FAIL, w->file, 0, "out of memory at point %d", p + 1);
fail:
	free(buf);
	free(rs.r);
	free(r->repv);
	r->repv = NULL;
	meas_free(m);
	opt_result_free(&orr);  /* also what a failed opt_run allocated */
	scn_free(s);
	return -1;
}

/* ---- results as bytes ------------------------------------------------------------ */

/* The JSON text, a NUL, then one line per row: kind, name, measure, mean, lo, hi
 * (hexadecimal floating point, exact), verdict, separated by tabs. */
char *
swp_result_pack(const struct swp_result *r, int nclasses, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f;
	int i;

	if ((f = open_memstream(&buf, &n)) == NULL)
		return NULL;
	fputs(r->json, f);
	fputc('\0', f);
	for (i = 0; i < r->nrows; i++) {
		const struct swp_row *w = &r->rows[i];

		fprintf(f, "%s\t%s\t%s\t%a\t%a\t%a\t%s\n", w->kind, w->name, w->measure,
		    w->mean, w->lo, w->hi, w->verdict);
	}
	/* The replications' figures: "#" (no kind starts so), their count, then
	 * every value, exact. */
	if (r->repv != NULL) {
		fprintf(f, "#\t%d\t%d", r->nrep, nclasses);
		for (i = 0; i < r->nrep * nclasses * RPT_REP_NCOLS; i++)
			fprintf(f, "\t%a", r->repv[i]);
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* Copy the tab-separated field at *s into out; advance past the tab. */
static void
field(char **s, char *out, size_t n)
{
	char *t = strchr(*s, '\t');
	size_t k = t ? (size_t)(t - *s) : strlen(*s);

	snprintf(out, n, "%.*s", (int)k, *s);
	*s += k + (t != NULL);
}

/* The "#" line of swp_result_pack into r->repv; -1 when it is malformed or
 * memory runs out. */
static int
unpack_reps(char *line, int nclasses, struct swp_result *r)
{
	char *s = line + 1, *end;
	long nrep = strtol(s, &end, 10), ncls, i, n;

	if (end == s || nrep < 1 || nrep > SCN_MAX_REPLICATIONS)
		return -1;
	ncls = strtol(s = end, &end, 10);
	if (end == s || ncls != nclasses || r->repv != NULL)
		return -1;
	n = nrep * ncls * RPT_REP_NCOLS;
	if ((r->repv = malloc((size_t)n * sizeof *r->repv)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		r->repv[i] = strtod(s = end, &end);
		if (end == s)
			return -1;
	}
	r->nrep = (int)nrep;
	return 0;
}

int
swp_result_unpack(const char *buf, size_t len, int nclasses, struct swp_result *r,
    struct cq_err *err)
{
	const char *nul = memchr(buf, '\0', len);
	char *copy = NULL, *line, *save = NULL, num[64];
	struct swp_row *row;
	int cap = 0;

	memset(r, 0, sizeof *r);
	if (nul == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "a malformed point result");
	if ((r->json = strdup(buf)) == NULL)
		goto nomem;
	if ((copy = malloc(len - (size_t)(nul + 1 - buf) + 1)) == NULL)
		goto nomem;
	memcpy(copy, nul + 1, len - (size_t)(nul + 1 - buf));
	copy[len - (size_t)(nul + 1 - buf)] = '\0';
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#') {
			if (unpack_reps(line, nclasses, r) != 0)
				goto bad;
			continue;
		}
		if (r->nrows == cap) {
			cap = cap ? cap * 2 : 64;
			if ((row = realloc(r->rows, (size_t)cap * sizeof *row)) == NULL)
				goto nomem;
			r->rows = row;
		}
		row = &r->rows[r->nrows++];
		memset(row, 0, sizeof *row);
		field(&line, row->kind, sizeof row->kind);
		field(&line, row->name, sizeof row->name);
		field(&line, row->measure, sizeof row->measure);
		field(&line, num, sizeof num);
		row->mean = strtod(num, NULL);
		field(&line, num, sizeof num);
		row->lo = strtod(num, NULL);
		field(&line, num, sizeof num);
		row->hi = strtod(num, NULL);
		field(&line, row->verdict, sizeof row->verdict);
	}
	free(copy);
	r->done = 1;
	return 0;
bad:
	free(copy);
	swp_result_clear(r);
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "a malformed point result");
nomem:
	free(copy);
	swp_result_clear(r);
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
}

/* ---- threads ---------------------------------------------------------------------- */

struct pool {
	struct swp *w;
	const int *todo;
	int ntodo, next, inner;
	volatile const int *stop; /* the user's (a signal) */
	volatile int cancel;      /* the points in flight stop: the user's stop, or a
	                           * point failed (what the points are given when
	                           * watched: another thread passes the user's on) */
	int watched;
	int running;              /* workers not yet done */
	swp_done_fn done;
	void *arg;
	int failed_at;            /* the lowest todo position that failed, or ntodo */
	struct cq_err err;
	pthread_mutex_t mu;
};

static void *
pool_worker(void *arg)
{
	struct pool *x = arg;
	struct swp_result r;
	struct cq_err e;
	int i, p;

	for (;;) {
		pthread_mutex_lock(&x->mu);
		i = x->next < x->ntodo && x->failed_at == x->ntodo ? x->next++ : -1;
		pthread_mutex_unlock(&x->mu);
		if (i < 0 || (x->stop != NULL && *x->stop))
			break;
		p = x->todo[i];
		memset(&e, 0, sizeof e);
		if (swp_compute(x->w, p, x->inner, x->watched ? &x->cancel : x->stop, &r,
		    &e) != 0) {
			pthread_mutex_lock(&x->mu);
			/* A point stopped because another failed reports nothing. */
			if (i < x->failed_at && !(x->cancel && x->failed_at != x->ntodo &&
			    !(x->stop != NULL && *x->stop))) {
				x->failed_at = i;
				x->err = e;
			}
			x->cancel = 1;    /* the points in flight need not finish */
			pthread_mutex_unlock(&x->mu);
			break;
		}
		pthread_mutex_lock(&x->mu);
		x->w->res[p] = r;
		if (x->done != NULL && x->failed_at == x->ntodo &&
		    x->done(x->arg, p, &e) != 0) {
			x->failed_at = -1;
			x->err = e;
		}
		pthread_mutex_unlock(&x->mu);
	}
	pthread_mutex_lock(&x->mu);
	x->running--;
	pthread_mutex_unlock(&x->mu);
	return NULL;
}

/* Until the workers are done, pass the user's stop on to the points in
 * flight (the engine polls one flag; cancel is the points'). */
static void
watch(struct pool *x)
{
	const struct timespec tick = { 0, 20 * 1000 * 1000 };
	int left;

	for (;;) {
		pthread_mutex_lock(&x->mu);
		left = x->running;
		if (x->stop != NULL && *x->stop)
			x->cancel = 1;
		pthread_mutex_unlock(&x->mu);
		if (left == 0)
			break;
		nanosleep(&tick, NULL);
	}
}

int
swp_run_threads(struct swp *w, const int *todo, int ntodo, int jobs,
    volatile const int *stop, swp_done_fn done, void *arg, struct cq_err *err)
{
	struct pool x;
	pthread_t *th;
	int outer, i, started = 0;

	if (ntodo == 0)
		return 0;
	if (jobs < 1)
		jobs = 1;
	/* The points' threads share one memory budget: refuse now, not at a point. */
	if (sim_check_limits(w->s, jobs, err) != 0)
		return -1;
	outer = jobs < ntodo ? jobs : ntodo;
	memset(&x, 0, sizeof x);
	x.w = w;
	x.todo = todo;
	x.ntodo = ntodo;
	x.inner = jobs / outer;   /* fewer points than threads: replications share them */
	x.stop = stop;
	x.done = done;
	x.arg = arg;
	x.failed_at = ntodo;
	if ((th = calloc((size_t)outer, sizeof *th)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	pthread_mutex_init(&x.mu, NULL);
	x.watched = outer > 1;
	if (outer > 1)
		for (i = 0; i < outer; i++) {
			pthread_mutex_lock(&x.mu);
			x.running++;
			pthread_mutex_unlock(&x.mu);
			if (pthread_create(&th[i], NULL, pool_worker, &x) != 0) {
				pthread_mutex_lock(&x.mu);
				x.running--;
				pthread_mutex_unlock(&x.mu);
				break;
			}
			started++;
		}
	if (started == 0) {
		/* One thread: nothing else in flight; the user's stop directly. */
		x.watched = 0;
		x.running = 1;
		pool_worker(&x);
	} else
		watch(&x);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&x.mu);
	free(th);
	if (x.failed_at != ntodo) {
		*err = x.err;
		return -1;
	}
	if (stop != NULL && *stop)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted");
	return 0;
}
