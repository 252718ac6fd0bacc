/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt.c — the optimizer: first roster from Erlang C at the modified offered
 * load and cumulative fluid cuts, GLPK through MathProg, simulation cuts with
 * common random numbers, and a trim pass.  See opt.h and doc/optimizer.md.
 */
#include "opt.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "dist.h"
#include "erl.h"
#include "run.h"

#define WEEK 10080.0
#define SLOT 15.0
#define OPT_TERMBUF 4096
#define OPT_MAX_SERVERS 10000

/* A cut row: sum_s a[s] x[s] >= b. */
struct opt_cut {
	double *a;
	double b;
	char name[160];
};

/* The last lines GLPK printed, for error messages. */
struct opt_term {
	char buf[OPT_TERMBUF];
	size_t len;
	int verbose;
};

struct opt {
	const struct scn *s;
	const struct opt_opts *o;
	struct opt_result *r;
	int ns, nr, nc;
	double *cost;             /* per person per week */
	double *tiebreak;
	double *cover;            /* ns x OPT_SLOTS */
	double *req;              /* nr x OPT_SLOTS */
	double (*lam)[SCN_HOW];   /* nc: arrivals per minute by hour of week */
	double *work;             /* nc: staff minutes per item */
	int *role_of;             /* nc: the role that serves the class first */
	int *prio;                /* nc: its position in that role's list */
	struct opt_cut *cuts;
	int ncuts, ccuts;
	struct opt_term term;
};

const char *
opt_phase_name(enum opt_phase p)
{
	switch (p) {
	case OPT_FIRST:
		return "first";
	case OPT_CUT:
		return "cut";
	case OPT_SWAP:
		return "swap";
	default:
		return "trim";
	}
}

double
opt_roster_cost(const struct scn *s, const int *staff)
{
	double c = 0.0;
	int i;

	for (i = 0; i < s->nshifts; i++)
		c += (staff != NULL ? staff[i] : s->shifts[i].staff) *
		    scn_shift_hours_per_week(s, i) * s->shifts[i].cost_per_hour;
	return c;
}

/* ---- the model file ------------------------------------------------------ */

static int
readable(const char *dir, char *buf, size_t n)
{
	if ((size_t)snprintf(buf, n, "%s/staffing.mod", dir) >= n)
		return 0;
	return access(buf, R_OK) == 0;
}

int
opt_model_path(char *buf, size_t n, struct cq_err *err)
{
	const char *env = getenv("CLINICQ_MODELS");
	char exe[4096], dir[4200];
	ssize_t k;
	char *slash;

	if (env != NULL && *env != '\0') {
		if (readable(env, buf, n))
			return 0;
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot read %s/staffing.mod "
		    "(CLINICQ_MODELS): set it to the folder that holds the model", env);
	}
#ifdef CQ_SRCDIR
	if (readable(CQ_SRCDIR "/models", buf, n))
		return 0;
#endif
	k = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (k > 0) {
		exe[k] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof dir, "%s/models", exe);
			if (readable(dir, buf, n))
				return 0;
			/* PREFIX/bin/clinicq, or PREFIX/libexec/clinicq/clinicq-full
			 * (src/front.h): the installed tree, wherever it was moved. */
			snprintf(dir, sizeof dir, "%s/../share/clinicq/models", exe);
			if (readable(dir, buf, n))
				return 0;
			snprintf(dir, sizeof dir, "%s/../../share/clinicq/models", exe);
			if (readable(dir, buf, n))
				return 0;
		}
	}
	if (readable(CQ_PKGDATADIR "/models", buf, n))
		return 0;
	return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot find the model staffing.mod "
	    "(looked in the source tree and %s/models); set CLINICQ_MODELS to its folder",
	    CQ_PKGDATADIR);
}

/* ---- the week ------------------------------------------------------------ */

static double
overlap(double a0, double a1, double b0, double b1)
{
	double lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi > lo ? hi - lo : 0.0;
}

/* Minutes one person of shift i is on duty within [from, to) of the cyclic
 * typical week (holidays aside); from and to may lie in any week. */
static double
shift_minutes(const struct scn_shift *sh, double from, double to)
{
	long w, w0 = (long)floor(from / WEEK) - 1, w1 = (long)floor(to / WEEK) + 1;
	double sum = 0.0, base;
	int d;

	for (w = w0; w <= w1; w++)
		for (d = 0; d < 7; d++) {
			if (!(sh->days & (1u << d)))
				continue;
			base = w * WEEK + d * 1440.0;
			sum += overlap(from, to, base + sh->start, base + sh->end);
		}
	return sum;
}

/* Staff minutes of class c arriving within [from, to). */
static double
work_in(const struct opt *x, int c, double from, double to)
{
	long k, k0 = (long)floor(from / 60.0), k1 = (long)ceil(to / 60.0);
	double sum = 0.0;

	for (k = k0; k < k1; k++) {
		int h = (int)(((k % SCN_HOW) + SCN_HOW) % SCN_HOW);

		sum += overlap(from, to, k * 60.0, k * 60.0 + 60.0) * x->lam[c][h];
	}
	return sum * x->work[c];
}

/* ---- loads --------------------------------------------------------------- */

/* Arrival rates per class by hour of week, staff minutes per item, and the
 * role that serves each class first. */
static void
loads(struct opt *x)
{
	const struct scn *s = x->s;
	const struct scn_contact *ct = &s->contact;
	int c, i, j, h, r;

	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];

		if (st->kind == SCN_MESSAGE) {
			for (j = 0; j < st->nclasses; j++)
				for (h = 0; h < SCN_HOW; h++)
					x->lam[st->class_idx[j]][h] += st->rate[h] * st->share[j];
		} else if (st->alert_class >= 0) {
			double p = dist_sf(&st->value, st->alert_above);

			for (h = 0; h < SCN_HOW; h++)
				x->lam[st->alert_class][h] += st->rate[h] * p;
		}
	}
	/* Escalations: at review (p_acute over the threshold) or by the screen. */
	if (s->esc.enabled)
		for (c = 0; c < s->nclasses; c++) {
			const struct scn_class *k = &s->classes[c];
			double p;

			if (k->mode != SCN_ASYNC || k->acute.kind == DIST_NONE ||
			    c == s->esc.to_class)
				continue;
			p = dist_sf(&k->acute, s->esc.threshold);
			if (s->esc.screen_at_arrival)
				p += s->esc.screen_sensitivity * dist_mean(&k->acute);
			if (p > 1.0)
				p = 1.0;
			for (h = 0; h < SCN_HOW; h++)
				x->lam[s->esc.to_class][h] += x->lam[c][h] * p;
		}
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];

		x->work[c] = dist_mean(&k->service);
		if (k->mode == SCN_SYNC && ct->enabled) {
			double q = 1.0 - ct->reach, att = 0.0, qk = 1.0;

			for (j = 0; j < ct->max_attempts; j++) {
				att += qk;
				qk *= q;
			}
			/* qk = P(never reached) */
			x->work[c] = att * ct->attempt + (1.0 - qk) * x->work[c];
			if (ct->follow_up_class >= 0)
				for (h = 0; h < SCN_HOW; h++)
					x->lam[ct->follow_up_class][h] += x->lam[c][h] * qk;
		}
		if (!(x->work[c] > 0))
			x->work[c] = 1e-9;
		x->role_of[c] = -1;
		x->prio[c] = INT_MAX;
		for (r = 0; r < s->nroles; r++)
			for (j = 0; j < s->roles[r].nserves; j++)
				if (s->roles[r].serves[j] == c && j < x->prio[c]) {
					x->role_of[c] = r;
					x->prio[c] = j;
				}
	}
}

/* Mean offered load of class c per slot from the fluid model
 * m'(t) = lambda(t) - mu m(t), periodic over the week (the modified offered
 * load: it lags and smooths the arrival rate as the queue does). */
static void
offered_load(const struct opt *x, int c, double *mol)
{
	double mu = 1.0 / x->work[c], m = 0.0, e = exp(-mu * SLOT), lam, inf;
	int w, j;

	for (j = 0; j < SCN_HOW; j++)
		m += x->lam[c][j] / SCN_HOW / mu;
	for (w = 0; w < 4; w++)
		for (j = 0; j < OPT_SLOTS; j++) {
			lam = x->lam[c][j / 4];
			inf = lam / mu;
			if (w == 3)
				mol[j] = inf + (m - inf) * (1.0 - e) / (mu * SLOT);
			m = inf + (m - inf) * e;
		}
}

/* ---- the first roster ---------------------------------------------------- */

static int
add_cut(struct opt *x, const double *a, double b, struct cq_err *err,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
add_cut(struct opt *x, const double *a, double b, struct cq_err *err,
    const char *fmt, ...)
{
	struct opt_cut *k;
	va_list ap;
	char *q;

	if (x->ncuts == x->ccuts) {
		int n = x->ccuts ? 2 * x->ccuts : 64;
		struct opt_cut *p = realloc(x->cuts, (size_t)n * sizeof *p);

		if (p == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		x->cuts = p;
		x->ccuts = n;
	}
	k = &x->cuts[x->ncuts];
	if ((k->a = malloc((size_t)x->ns * sizeof *k->a)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	memcpy(k->a, a, (size_t)x->ns * sizeof *k->a);
	k->b = b;
	va_start(ap, fmt);
	vsnprintf(k->name, sizeof k->name, fmt, ap);
	va_end(ap);
	for (q = k->name; *q != '\0'; q++)
		if (*q == '"' || *q == '\'' || *q == '\\')
			*q = ' ';
	x->ncuts++;
	return 0;
}

/* Sync requirements per role and slot: Erlang C at the modified offered load
 * of the sync classes the role serves first, capped at what the shifts' max
 * can put on duty. */
static int
sync_requirements(struct opt *x, struct cq_err *err)
{
	const struct scn *s = x->s;
	double *mol = NULL, *A = NULL, *L = NULL;
	int c, r, j, i, rc = -1;

	mol = malloc(OPT_SLOTS * sizeof *mol);
	A = calloc((size_t)x->nr * OPT_SLOTS, sizeof *A);
	L = calloc((size_t)x->nr * OPT_SLOTS, sizeof *L);
	if (mol == NULL || A == NULL || L == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	for (c = 0; c < x->nc; c++) {
		if (s->classes[c].mode != SCN_SYNC || (r = x->role_of[c]) < 0)
			continue;
		offered_load(x, c, mol);
		for (j = 0; j < OPT_SLOTS; j++) {
			A[r * OPT_SLOTS + j] += mol[j];
			L[r * OPT_SLOTS + j] += mol[j] / x->work[c];
		}
	}
	for (c = 0; c < x->nc; c++) {
		const struct scn_class *k = &s->classes[c];

		if (k->mode != SCN_SYNC || !k->has_target || (r = x->role_of[c]) < 0)
			continue;
		for (j = 0; j < OPT_SLOTS; j++) {
			double a = A[r * OPT_SLOTS + j], l = L[r * OPT_SLOTS + j], cap = 0.0;
			int n;

			if (a < 1e-9)
				continue;
			n = erl_min_servers(l, l / a, k->target_within, k->target_share,
			    OPT_MAX_SERVERS);
			if (n < 0)
				n = OPT_MAX_SERVERS;
			for (i = 0; i < x->ns; i++)
				if (s->shifts[i].role == r)
					cap += x->cover[i * OPT_SLOTS + j] * s->shifts[i].max;
			if (n > cap)
				n = (int)floor(cap + 1e-9);
			if (n > x->req[r * OPT_SLOTS + j])
				x->req[r * OPT_SLOTS + j] = n;
		}
	}
	rc = 0;
out:
	free(mol);
	free(A);
	free(L);
	return rc;
}

struct row {
	double *a;
	double b;
};

static int
row_cmp(const void *p, const void *q)
{
	const struct row *u = p, *v = q;
	int i, n = (int)u->a[-1];

	for (i = 0; i < n; i++)
		if (u->a[i] != v->a[i])
			return u->a[i] < v->a[i] ? -1 : 1;
	return u->b > v->b ? -1 : u->b < v->b;
}

/* Cumulative fluid cuts for async class c on role r.  Of the work of c that
 * arrives in [t0, t0 + W], all but what may be late in a whole week ((1 -
 * share) of the weekly work) must be done by t0 + W + target, and so must the
 * on-time work of the classes the role serves before c: it must fit in the
 * person-hours the role's shifts put on duty over [t0, t0 + W + target].  This
 * is a necessary condition of the fluid model, so the first roster errs low and
 * the simulation cuts raise it. */
static int
fluid_cuts(struct opt *x, int c, struct cq_err *err)
{
	static const double wins[] = { 1, 2, 4, 8, 12, 24, 48, 72, 120, 168 };
	const struct scn *s = x->s;
	const struct scn_class *k = &s->classes[c];
	int r = x->role_of[c], nw = (int)(sizeof wins / sizeof wins[0]);
	int t0, w, i, j, n = 0, kept = 0, rc = -1, stride = x->ns + 1;
	struct row *rows = NULL;
	double *store = NULL, late[SCN_MAX_CLASSES];

	/* The work of each class that may finish late in a week: (1 - share) of
	 * its weekly work (none for sync classes, whose waits are Erlang's). */
	for (j = 0; j < x->nc; j++) {
		const struct scn_class *kj = &s->classes[j];

		late[j] = kj->mode == SCN_ASYNC && kj->has_target ?
		    (1.0 - kj->target_share) * work_in(x, j, 0.0, WEEK) : 0.0;
	}
	rows = calloc((size_t)SCN_HOW * nw, sizeof *rows);
	store = calloc((size_t)SCN_HOW * nw * stride, sizeof *store);
	if (rows == NULL || store == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	for (t0 = 0; t0 < SCN_HOW; t0++)
		for (w = 0; w < nw; w++) {
			double from = t0 * 60.0, to = from + wins[w] * 60.0 + k->target_within;
			double b = work_in(x, c, from, from + wins[w] * 60.0) - late[c];
			double cap = 0.0, hb;
			struct row *rw = &rows[n];

			if (b < 1e-9)
				continue;
			for (j = 0; j < x->nc; j++)
				if (j != c && x->role_of[j] == r && x->prio[j] < x->prio[c]) {
					hb = work_in(x, j, from, to) - late[j];
					b += hb > 0 ? hb : 0.0;
				}
			b /= 60.0;
			rw->a = store + (size_t)n * stride + 1;
			rw->a[-1] = x->ns;
			for (i = 0; i < x->ns; i++) {
				const struct scn_shift *sh = &s->shifts[i];

				if (sh->role != r || sh->on_call)
					continue;
				rw->a[i] = shift_minutes(sh, from, to) / 60.0;
				cap += rw->a[i] * sh->max;
			}
			/* Nothing to serve, or more than any roster within bounds can
			 * serve (the share target may allow it; simulation will tell). */
			if (b < 1e-9 || b > cap + 1e-9)
				continue;
			rw->b = b;
			n++;
		}
	qsort(rows, (size_t)n, sizeof *rows, row_cmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && memcmp(rows[i].a, rows[i - 1].a, (size_t)x->ns * sizeof(double)) == 0)
			continue;
		if (add_cut(x, rows[i].a, rows[i].b, err, "fluid %s %d", k->name, ++kept) != 0)
			goto out;
	}
	rc = 0;
out:
	free(rows);
	free(store);
	return rc;
}

/* Each role that serves async work must keep up with all its work over a week
 * (when the shifts' max allow it at all). */
static int
stability_cuts(struct opt *x, struct cq_err *err)
{
	const struct scn *s = x->s;
	double *a, b, cap;
	int r, c, i, async, rc = 0;

	if ((a = calloc((size_t)x->ns, sizeof *a)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	for (r = 0; r < x->nr && rc == 0; r++) {
		b = 0.0;
		async = 0;
		for (c = 0; c < x->nc; c++)
			if (x->role_of[c] == r) {
				b += work_in(x, c, 0.0, WEEK) / 60.0;
				async |= s->classes[c].mode == SCN_ASYNC;
			}
		cap = 0.0;
		for (i = 0; i < x->ns; i++) {
			const struct scn_shift *sh = &s->shifts[i];

			a[i] = sh->role == r && !sh->on_call ? shift_minutes(sh, 0.0, WEEK) / 60.0 :
			    0.0;
			cap += a[i] * sh->max;
		}
		if (async && b > 1e-9 && b <= cap)
			rc = add_cut(x, a, b, err, "keep up with the week: %s",
			    s->roles[r].name);
	}
	free(a);
	return rc;
}

static int
first_model(struct opt *x, struct cq_err *err)
{
	const struct scn *s = x->s;
	int i, j, c;

	for (i = 0; i < x->ns; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		x->cost[i] = scn_shift_hours_per_week(s, i) * sh->cost_per_hour;
		x->tiebreak[i] = 1e-3 * (i + 1) / x->ns;
		for (j = 0; j < OPT_SLOTS; j++) {
			double m = shift_minutes(sh, j * SLOT, (j + 1) * SLOT);

			x->cover[i * OPT_SLOTS + j] = m / SLOT > 1.0 ? 1.0 : m / SLOT;
		}
	}
	loads(x);
	if (sync_requirements(x, err) != 0)
		return -1;
	for (c = 0; c < x->nc; c++)
		if (s->classes[c].mode == SCN_ASYNC && s->classes[c].has_target &&
		    x->role_of[c] >= 0 && fluid_cuts(x, c, err) != 0)
			return -1;
	return stability_cuts(x, err);
}

/* ---- MathProg data ------------------------------------------------------- */

static void
put_sym(FILE *f, const char *name)
{
	fputc('\'', f);
	for (; *name != '\0'; name++) {
		if (*name == '\'')
			fputc('\'', f);
		fputc(*name, f);
	}
	fputc('\'', f);
}

static void
write_dat(const struct opt *x, FILE *f)
{
	const struct scn *s = x->s;
	int i, j, r, k;

	fprintf(f, "# clinicq optimize: data for models/staffing.mod\n# scenario: ");
	for (i = 0; s->name[i] != '\0'; i++)
		fputc(s->name[i] == '\n' ? ' ' : s->name[i], f);
	fprintf(f, "\n#   glpsol -m models/staffing.mod -d THIS_FILE -o solution.txt\n\ndata;\n\n");
	fputs("set SHIFTS :=", f);
	for (i = 0; i < x->ns; i++) {
		fputc(' ', f);
		put_sym(f, s->shifts[i].name);
	}
	fputs(";\nset ROLES :=", f);
	for (r = 0; r < x->nr; r++) {
		fputc(' ', f);
		put_sym(f, s->roles[r].name);
	}
	fputs(";\n\nparam:", f);
	fputs(" role cost tiebreak lo hi :=\n", f);
	for (i = 0; i < x->ns; i++) {
		fputs("  ", f);
		put_sym(f, s->shifts[i].name);
		fputc(' ', f);
		put_sym(f, s->roles[s->shifts[i].role].name);
		fprintf(f, " %.17g %.17g %d %d\n", x->cost[i], x->tiebreak[i],
		    s->shifts[i].min, s->shifts[i].max);
	}
	fputs(";\n\nparam cover :=", f);
	for (i = 0; i < x->ns; i++) {
		fputs("\n  [", f);
		put_sym(f, s->shifts[i].name);
		fputs(",*]", f);
		for (j = 0, k = 0; j < OPT_SLOTS; j++)
			if (x->cover[i * OPT_SLOTS + j] > 0) {
				fprintf(f, "%s%d %.17g", k++ % 8 == 0 ? "\n    " : "  ", j,
				    x->cover[i * OPT_SLOTS + j]);
			}
	}
	fputs(";\n\nparam req :=", f);
	for (r = 0; r < x->nr; r++) {
		fputs("\n  [", f);
		put_sym(f, s->roles[r].name);
		fputs(",*]", f);
		for (j = 0, k = 0; j < OPT_SLOTS; j++)
			if (x->req[r * OPT_SLOTS + j] > 0)
				fprintf(f, "%s%d %.17g", k++ % 8 == 0 ? "\n    " : "  ", j,
				    x->req[r * OPT_SLOTS + j]);
	}
	fputs(";\n\nset CUTS :=", f);
	for (k = 0; k < x->ncuts; k++)
		fprintf(f, "%s%d", k % 16 == 0 ? "\n  " : " ", k + 1);
	fputs(";\n", f);
	if (x->ncuts > 0) {
		fputs("\nparam: b cut_name :=\n", f);
		for (k = 0; k < x->ncuts; k++)
			fprintf(f, "  %d %.17g \"%s\"\n", k + 1, x->cuts[k].b, x->cuts[k].name);
		fputs(";\n\nparam a :=", f);
		for (k = 0; k < x->ncuts; k++) {
			fprintf(f, "\n  [%d,*]", k + 1);
			for (i = 0; i < x->ns; i++)
				if (x->cuts[k].a[i] != 0) {
					fputc(' ', f);
					put_sym(f, s->shifts[i].name);
					fprintf(f, " %.17g", x->cuts[k].a[i]);
				}
		}
		fputs(";\n", f);
	}
	fputs("\nend;\n", f);
}

/* ---- GLPK ---------------------------------------------------------------- */

static int
term_hook(void *info, const char *str)
{
	struct opt_term *t = info;
	size_t n = strlen(str);

	if (t->verbose)
		fputs(str, stderr);
	if (n >= OPT_TERMBUF)
		str += n - (OPT_TERMBUF - 1), n = OPT_TERMBUF - 1;
	if (t->len + n >= OPT_TERMBUF) {
		size_t drop = t->len + n - (OPT_TERMBUF - 1);

		memmove(t->buf, t->buf + drop, t->len - drop);
		t->len -= drop;
	}
	memcpy(t->buf + t->len, str, n);
	t->len += n;
	t->buf[t->len] = '\0';
	return 1;   /* never to stdout */
}

static void
error_hook(void *info)
{
	longjmp(*(jmp_buf *)info, 1);
}

/* GLPK's last telling message line, for an error: the lines that only give
 * context ("Context: ...", "MathProg model processing error", "Error detected
 * in file ...") are passed over. */
static const char *
term_last(struct opt_term *t)
{
	char *p, *end = t->buf + t->len;

	for (;;) {
		while (end > t->buf && (end[-1] == '\n' || end[-1] == ' '))
			*--end = '\0';
		for (p = end; p > t->buf && p[-1] != '\n'; p--)
			;
		if (p == t->buf || (strncmp(p, "Context:", 8) != 0 &&
		    strncmp(p, "Error detected", 14) != 0 &&
		    strncmp(p, "MathProg model processing error", 31) != 0))
			break;
		end = p;
	}
	return *p != '\0' ? p : "(no message)";
}

/* Solve the current model.  Returns 0 with x filled, 1 when the problem has
 * no integer solution, -1 with err on a GLPK failure. */
static int
solve(struct opt *x, int *staff, struct cq_err *err)
{
	char datpath[] = "/tmp/clinicq-opt-XXXXXX";
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int fd, ret;
	jmp_buf jb;
	glp_tran *volatile tran = NULL;
	glp_prob *volatile lp = NULL;
	volatile int rc = -1;
	const char *tmpdir = getenv("TMPDIR");
	char tmpl[4096];

	if ((f = open_memstream(&text, &len)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	write_dat(x, f);
	if (fclose(f) != 0 || text == NULL) {
		free(text);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	free(x->r->dat);
	x->r->dat = text;

	if (tmpdir != NULL && *tmpdir != '\0' &&
	    (size_t)snprintf(tmpl, sizeof tmpl, "%s/clinicq-opt-XXXXXX", tmpdir) < sizeof tmpl)
		;
	else
		snprintf(tmpl, sizeof tmpl, "%s", datpath);
	if ((fd = mkstemp(tmpl)) < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot create a temporary "
		    "file for the optimizer's data in %s", tmpdir ? tmpdir : "/tmp");
	if ((f = fdopen(fd, "w")) == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
		if (f == NULL)
			close(fd);
		unlink(tmpl);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "cannot write the optimizer's "
		    "data to %s", tmpl);
	}

	x->term.len = 0;
	x->term.buf[0] = '\0';
	x->term.verbose = x->o->verbose;
	glp_term_hook(term_hook, &x->term);
	if (setjmp(jb) != 0) {
		/* GLPK hit an internal error: its whole environment is dropped. */
		tran = NULL;
		lp = NULL;
		glp_free_env();
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK failed: %s", term_last(&x->term));
		rc = -1;
		goto out;
	}
	glp_error_hook(error_hook, &jb);
	tran = glp_mpl_alloc_wksp();
	if (glp_mpl_read_model(tran, x->r->model, 1) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, x->r->model, 0, "GLPK cannot read the model: %s",
		    term_last(&x->term));
		goto out;
	}
	if (glp_mpl_read_data(tran, tmpl) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot read the optimizer's data: "
		    "%s", term_last(&x->term));
		goto out;
	}
	if (glp_mpl_generate(tran, NULL) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK cannot generate the model: %s",
		    term_last(&x->term));
		goto out;
	}
	lp = glp_create_prob();
	glp_mpl_build_prob(tran, lp);
	if (glp_get_num_cols(lp) != x->ns) {
		cq_err_set(err, CQ_EXIT_FAIL, x->r->model, 0, "the model has %d columns for "
		    "%d shifts", glp_get_num_cols(lp), x->ns);
		goto out;
	}
	{
		glp_iocp p;

		glp_init_iocp(&p);
		p.presolve = GLP_ON;
		p.msg_lev = x->o->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
		p.tm_lim = 60000;
		ret = glp_intopt(lp, &p);
	}
	x->r->nsolves++;
	if (ret == GLP_ENOPFS || ret == GLP_ENODFS ||
	    (ret == 0 && glp_mip_status(lp) == GLP_NOFEAS)) {
		rc = 1;
		goto out;
	}
	if (ret != 0 || (glp_mip_status(lp) != GLP_OPT && glp_mip_status(lp) != GLP_FEAS)) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK could not solve the roster problem "
		    "(glp_intopt returned %d, status %d): %s", ret, glp_mip_status(lp),
		    term_last(&x->term));
		goto out;
	}
	if (glp_mpl_postsolve(tran, lp, GLP_MIP) != 0) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "GLPK postsolve failed: %s",
		    term_last(&x->term));
		goto out;
	}
	{
		int i;

		for (i = 0; i < x->ns; i++)
			staff[i] = (int)lround(glp_mip_col_val(lp, i + 1));
	}
	rc = 0;
out:
	glp_error_hook(NULL, NULL);
	if (lp != NULL)
		glp_delete_prob(lp);
	if (tran != NULL)
		glp_mpl_free_wksp(tran);
	glp_term_hook(NULL, NULL);
	unlink(tmpl);
	return rc;
}

/* ---- simulation ---------------------------------------------------------- */

/* A class target holds: met with confidence, or no item to measure (n/a). */
static int
class_ok(enum meas_met met)
{
	return met == MEAS_MET_CONFIDENT || met == MEAS_MET_NA;
}

static int
all_met(const struct scn *s, const struct meas *m)
{
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && !class_ok(m->cls[c].met))
			return 0;
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT)
		return 0;
	return 1;
}

/* How far a roster is from meeting every target: the sum of shortfalls. */
static double
shortfall(const struct scn *s, const struct meas *m)
{
	double sum = 0.0, d;
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && !class_ok(m->cls[c].met)) {
			d = s->classes[c].target_share - m->cls[c].attainment.lo;
			sum += isfinite(d) && d > 0 ? d : 1.0;
		}
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT) {
		d = m->safety.miss_rate.hi - s->safety_miss_rate;
		sum += isfinite(d) && d > 0 ? d : 0.01;
	}
	return sum;
}

static struct opt_iter *
find_iter(struct opt_result *r, const int *staff, int ns)
{
	int i;

	for (i = 0; i < r->niter; i++)
		if (memcmp(r->iter[i].staff, staff, (size_t)ns * sizeof *staff) == 0)
			return &r->iter[i];
	return NULL;
}

/* Every target met at least on average (none plainly missed). */
static int
none_missed(const struct scn *s, const struct meas *m)
{
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && m->cls[c].met == MEAS_MET_NO)
			return 0;
	return !(s->has_safety_target && m->safety.met == MEAS_MET_NO);
}

/* Sequential sampling: a roster that meets every target on average but not
 * all with confidence is simulated again with 2, 4, then 8 times the
 * replications before it is judged.  Replication i is the same run whatever
 * their number, so the first ones are unchanged and the interval narrows: a
 * roster just above a target is then confirmed rather than passed over for a
 * dearer one.  Returns the measures to keep (m, or its successor) or NULL. */
static struct meas *
sample_more(struct opt *x, struct run_opts *ro, struct meas *m, struct cq_err *err)
{
	struct scn *more;
	int k;

	if (all_met(x->s, m) || !none_missed(x->s, m))
		return m;
	if ((more = malloc(sizeof *more)) == NULL) {
		meas_free(m);
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		return NULL;
	}
	for (k = 2; k <= 8 && !all_met(x->s, m) && none_missed(x->s, m) &&
	    x->s->replications * k <= SCN_MAX_REPLICATIONS; k *= 2) {
		struct meas *m2;

		*more = *x->s;          /* shallow: shares the shifts, read only */
		more->replications = x->s->replications * k;
		if ((m2 = run_replications(more, ro, err)) == NULL) {
			meas_free(m);
			m = NULL;
			break;
		}
		x->r->nsims++;
		meas_free(m);
		m = m2;
		m->scn = x->s;          /* the copy goes; the measures outlive it */
	}
	free(more);
	return m;
}

/* Simulate a roster (or find it simulated already); returns its record. */
static struct opt_iter *
simulate(struct opt *x, enum opt_phase phase, const int *staff, struct cq_err *err)
{
	struct opt_result *r = x->r;
	struct opt_iter *it;
	struct run_opts ro;
	struct meas *m;

	if ((it = find_iter(r, staff, x->ns)) != NULL)
		return it;
	if (x->o->stop != NULL && *x->o->stop) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted");
		return NULL;
	}
	memset(&ro, 0, sizeof ro);
	ro.staff = staff;
	ro.jobs = x->o->jobs;
	ro.stop = x->o->stop;
	if ((m = run_replications(x->s, &ro, err)) == NULL)
		return NULL;
	r->nsims++;
	if ((m = sample_more(x, &ro, m, err)) == NULL)
		return NULL;
	if (r->niter % 16 == 0) {
		struct opt_iter *p = realloc(r->iter, (size_t)(r->niter + 16) * sizeof *p);

		if (p == NULL) {
			meas_free(m);
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			return NULL;
		}
		r->iter = p;
	}
	it = &r->iter[r->niter];
	memset(it, 0, sizeof *it);
	if ((it->staff = malloc((size_t)x->ns * sizeof *it->staff)) == NULL) {
		meas_free(m);
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		return NULL;
	}
	r->niter++;
	memcpy(it->staff, staff, (size_t)x->ns * sizeof *staff);
	it->phase = phase;
	it->m = m;
	it->cost = opt_roster_cost(x->s, staff);
	it->all_met = all_met(x->s, m);
	if (x->o->progress != NULL)
		x->o->progress(x->o->progress_arg, it, r->nsims);
	return it;
}

static const char *const day_name[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };

/* A cut for a missed target of class c: one more person, among the shifts of
 * the roles that serve c, on duty in the hour of week where the simulated
 * queue of c was longest (and some such shift can still grow).  Returns 1 if a
 * cut was added, 0 if none can be (every such shift is at its max). */
static int
class_cut(struct opt *x, int c, struct opt_iter *it, const char *why,
    struct cq_err *err)
{
	const struct scn *s = x->s;
	const struct scn_class *k = &s->classes[c];
	const double *bl = it->m->cls[c].backlog;
	double score[SCN_HOW], best, *a = NULL;
	int used[SCN_HOW], h, i, j, hb, n, room, rc = -1, sum;

	if ((a = calloc((size_t)x->ns, sizeof *a)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	best = 0.0;
	for (h = 0; h < SCN_HOW; h++) {
		score[h] = isfinite(bl[h]) ? bl[h] : 0.0;
		best = score[h] > best ? score[h] : best;
		used[h] = 0;
	}
	if (best < 1e-9)
		for (h = 0; h < SCN_HOW; h++)
			score[h] = x->lam[c][h];
	for (n = 0; n < SCN_HOW; n++) {
		hb = -1;
		for (h = 0; h < SCN_HOW; h++)
			if (!used[h] && (hb < 0 || score[h] > score[hb]))
				hb = h;
		used[hb] = 1;
		room = 0;
		sum = 0;
		for (i = 0; i < x->ns; i++) {
			const struct scn_shift *sh = &s->shifts[i];
			const struct scn_role *ro = &s->roles[sh->role];
			int serves = 0;

			a[i] = 0;
			for (j = 0; j < ro->nserves; j++)
				serves |= ro->serves[j] == c;
			if (!serves || (sh->on_call && k->mode == SCN_ASYNC))
				continue;
			if (shift_minutes(sh, hb * 60.0, hb * 60.0 + 60.0) <= 0)
				continue;
			a[i] = 1;
			sum += it->staff[i];
			room += it->staff[i] < sh->max;
		}
		if (room > 0) {
			rc = add_cut(x, a, sum + 1, err, "%s: one more on duty %s %02d:00",
			    why, day_name[hb / 24], hb % 24) == 0 ? 1 : -1;
			snprintf(it->note + strlen(it->note), sizeof it->note -
			    strlen(it->note), "%s%s: +1 on duty %s %02d:00",
			    it->note[0] ? "; " : "", why, day_name[hb / 24], hb % 24);
			goto out;
		}
	}
	rc = 0;
out:
	free(a);
	return rc;
}

/* The class that carries the safety question. */
static int
safety_class(const struct scn *s)
{
	int c;

	if (s->esc.enabled)
		return s->esc.to_class;
	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].mode == SCN_SYNC && s->classes[c].safe_window > 0)
			return c;
	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].safe_window > 0)
			return c;
	return -1;
}

/* Words for every target a roster misses. */
static void
describe_misses(const struct scn *s, const struct meas *m, char *buf, size_t n)
{
	size_t len = 0;
	int c;

	buf[0] = '\0';
	for (c = 0; c < s->nclasses && len < n; c++) {
		const struct scn_class *k = &s->classes[c];
		const struct est *e = &m->cls[c].attainment;

		if (!k->has_target || class_ok(m->cls[c].met))
			continue;
		len += (size_t)snprintf(buf + len, n - len, "%sclass %s attained %.1f%% "
		    "(95%% CI %.1f-%.1f%%) against %g%%, short by %.1f points", len ? "; " : "",
		    k->name, 100 * e->mean, 100 * e->lo, 100 * e->hi, 100 * k->target_share,
		    100 * (k->target_share - e->lo));
	}
	if (len < n && s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT) {
		const struct est *e = &m->safety.miss_rate;

		snprintf(buf + len, n - len, "%ssafety miss rate %.2f%% (95%% CI %.2f-%.2f%%) "
		    "above %g%%, over by %.2f points", len ? "; " : "", 100 * e->mean,
		    100 * e->lo, 100 * e->hi, 100 * s->safety_miss_rate,
		    100 * (e->hi - s->safety_miss_rate));
	}
}

/* Cuts for every missed target of it.  Returns the number added, -1 on error. */
static int
sim_cuts(struct opt *x, struct opt_iter *it, struct cq_err *err)
{
	const struct scn *s = x->s;
	const struct meas *m = it->m;
	char why[160];
	int c, k, added = 0;

	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *cl = &s->classes[c];

		if (!cl->has_target || class_ok(m->cls[c].met))
			continue;
		/* Two decimals: a lower end just under the target must not print
		 * as equal to it. */
		snprintf(why, sizeof why, "%s %.2f%% < %g%%", cl->name,
		    100 * m->cls[c].attainment.lo, 100 * cl->target_share);
		if ((k = class_cut(x, c, it, why, err)) < 0)
			return -1;
		added += k;
	}
	if (s->has_safety_target && m->safety.met != MEAS_MET_CONFIDENT &&
	    (c = safety_class(s)) >= 0) {
		snprintf(why, sizeof why, "safety miss rate %.2f%% > %g%%",
		    100 * m->safety.miss_rate.hi, 100 * s->safety_miss_rate);
		if ((k = class_cut(x, c, it, why, err)) < 0)
			return -1;
		added += k;
	}
	return added;
}

/* ---- the whole --------------------------------------------------------- */

struct order {
	int i;
	double cost;
};

static int
order_cmp(const void *p, const void *q)
{
	const struct order *u = p, *v = q;

	if (u->cost != v->cost)
		return u->cost < v->cost ? 1 : -1;
	return u->i - v->i;
}

/* Whether a trimmed roster is as good as it must be: every target met (ref
 * NULL), or, when no roster meets them all, every target ref meets still met
 * and the others no worse on average. */
static int
acceptable(const struct scn *s, const struct opt_iter *it, const struct opt_iter *ref)
{
	int c;

	if (ref == NULL)
		return it->all_met;
	for (c = 0; c < s->nclasses; c++) {
		const struct meas_class *a = &it->m->cls[c], *b = &ref->m->cls[c];

		if (!s->classes[c].has_target)
			continue;
		if (b->met == MEAS_MET_CONFIDENT ? a->met != MEAS_MET_CONFIDENT :
		    !(a->attainment.mean >= b->attainment.mean))
			return 0;
	}
	if (s->has_safety_target && (ref->m->safety.met == MEAS_MET_CONFIDENT ?
	    it->m->safety.met != MEAS_MET_CONFIDENT :
	    !(it->m->safety.miss_rate.mean <= ref->m->safety.miss_rate.mean)))
		return 0;
	return 1;
}

/* Remove single people, most expensive shift first, while the roster stays
 * acceptable.  A shift whose removal failed is not tried again: with fewer
 * people elsewhere it could only fail again. */
static int
trim(struct opt *x, int *cur, const struct opt_iter *ref, struct cq_err *err)
{
	const struct scn *s = x->s;
	struct order *ord = NULL;
	int *stuck = NULL, *try = NULL, i, j, changed, ok, rc = -1;
	struct opt_iter *it;

	ord = calloc((size_t)x->ns, sizeof *ord);
	stuck = calloc((size_t)x->ns, sizeof *stuck);
	try = calloc((size_t)x->ns, sizeof *try);
	if (ord == NULL || stuck == NULL || try == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	for (i = 0; i < x->ns; i++) {
		ord[i].i = i;
		ord[i].cost = x->cost[i];
	}
	qsort(ord, (size_t)x->ns, sizeof *ord, order_cmp);
	do {
		changed = 0;
		for (j = 0; j < x->ns; j++) {
			i = ord[j].i;
			if (stuck[i] || cur[i] <= s->shifts[i].min || x->cost[i] <= 0)
				continue;
			memcpy(try, cur, (size_t)x->ns * sizeof *try);
			try[i]--;
			if ((it = simulate(x, OPT_TRIM, try, err)) == NULL)
				goto out;
			ok = acceptable(s, it, ref);
			if (it->note[0] == '\0')
				snprintf(it->note, sizeof it->note, "trim: one fewer on %s%s",
				    s->shifts[i].name, ok ? ", kept" : ", targets missed, undone");
			if (!ok) {
				stuck[i] = 1;
				continue;
			}
			it->kept = 1;
			memcpy(cur, try, (size_t)x->ns * sizeof *cur);
			changed = 1;
			break;
		}
	} while (changed);
	rc = 0;
out:
	free(ord);
	free(stuck);
	free(try);
	return rc;
}

/* Move one person to a cheaper shift of the same role while every target
 * holds; after each move, trim again.  Bounded: each pair is tried once per
 * roster, at most 4 x shifts simulations in all. */
static int
swap(struct opt *x, int *cur, struct cq_err *err)
{
	const struct scn *s = x->s;
	int *try = NULL, i, j, moved, budget = 4 * x->ns, rc = -1;
	struct opt_iter *it;

	if ((try = malloc((size_t)x->ns * sizeof *try)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	do {
		moved = 0;
		for (i = 0; i < x->ns && !moved && budget > 0; i++) {
			if (cur[i] <= s->shifts[i].min)
				continue;
			for (j = 0; j < x->ns && !moved && budget > 0; j++) {
				if (j == i || s->shifts[j].role != s->shifts[i].role ||
				    !(x->cost[j] < x->cost[i]) || cur[j] >= s->shifts[j].max)
					continue;
				memcpy(try, cur, (size_t)x->ns * sizeof *try);
				try[i]--;
				try[j]++;
				if (find_iter(x->r, try, x->ns) != NULL)
					continue;
				budget--;
				if ((it = simulate(x, OPT_SWAP, try, err)) == NULL)
					goto out;
				snprintf(it->note, sizeof it->note, "swap: one from %s to %s%s",
				    s->shifts[i].name, s->shifts[j].name, it->all_met ? ", kept" :
				    ", targets missed, undone");
				if (!it->all_met)
					continue;
				it->kept = 1;
				memcpy(cur, try, (size_t)x->ns * sizeof *cur);
				moved = 1;
			}
		}
		if (moved && trim(x, cur, NULL, err) != 0)
			goto out;
	} while (moved && budget > 0);
	rc = 0;
out:
	free(try);
	return rc;
}

int
opt_run(const struct scn *s, const struct opt_opts *o, struct opt_result *r,
    struct cq_err *err)
{
	struct opt x;
	struct opt_iter *it, *best = NULL, *ok = NULL;
	int *cur = NULL, round, maxit = o->max_iter > 0 ? o->max_iter : OPT_MAX_ITER;
	int rc = -1, k, i;

	memset(r, 0, sizeof *r);
	memset(&x, 0, sizeof x);
	r->scn = s;
	x.s = s;
	x.o = o;
	x.r = r;
	x.ns = s->nshifts;
	x.nr = s->nroles;
	x.nc = s->nclasses;
	r->baseline_cost = opt_roster_cost(s, NULL);
	if (x.ns < 1)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, 0, "no [shift] to optimize");
	if (opt_model_path(r->model, sizeof r->model, err) != 0)
		return -1;
	x.cost = calloc((size_t)x.ns, sizeof *x.cost);
	x.tiebreak = calloc((size_t)x.ns, sizeof *x.tiebreak);
	x.cover = calloc((size_t)x.ns * OPT_SLOTS, sizeof *x.cover);
	x.req = calloc((size_t)x.nr * OPT_SLOTS, sizeof *x.req);
	x.lam = calloc((size_t)x.nc, sizeof *x.lam);
	x.work = calloc((size_t)x.nc, sizeof *x.work);
	x.role_of = calloc((size_t)x.nc, sizeof *x.role_of);
	x.prio = calloc((size_t)x.nc, sizeof *x.prio);
	cur = calloc((size_t)x.ns, sizeof *cur);
	r->staff = calloc((size_t)x.ns, sizeof *r->staff);
	r->last_solve = calloc((size_t)x.ns, sizeof *r->last_solve);
	if (x.cost == NULL || x.tiebreak == NULL || x.cover == NULL || x.req == NULL ||
	    x.lam == NULL || x.work == NULL || x.role_of == NULL || x.prio == NULL ||
	    cur == NULL || r->staff == NULL || r->last_solve == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	if (first_model(&x, err) != 0)
		goto out;

	for (round = 0; round < maxit; round++) {
		k = solve(&x, cur, err);
		if (k < 0)
			goto out;
		if (k > 0) {
			if (round == 0) {
				/* Should not happen (requirements are capped at the bounds). */
				cq_err_set(err, CQ_EXIT_FAIL, "", 0, "the first roster problem has "
				    "no solution within the shifts' bounds");
				goto out;
			}
			snprintf(r->fail, sizeof r->fail, "no roster within the shifts' bounds "
			    "satisfies the cuts: ");
			break;
		}
		memcpy(r->last_solve, cur, (size_t)x.ns * sizeof *cur);
		if ((it = simulate(&x, round == 0 ? OPT_FIRST : OPT_CUT, cur, err)) == NULL)
			goto out;
		if (best == NULL || shortfall(s, it->m) < shortfall(s, best->m) ||
		    (shortfall(s, it->m) == shortfall(s, best->m) && it->cost < best->cost))
			best = it;
		if (it->all_met) {
			ok = it;
			snprintf(it->note, sizeof it->note, "every target met with confidence");
			break;
		}
		if ((k = sim_cuts(&x, it, err)) < 0)
			goto out;
		if (k == 0) {
			snprintf(r->fail, sizeof r->fail, "every shift that could help is at its "
			    "max: ");
			break;
		}
	}
	if (ok != NULL) {
		memcpy(cur, ok->staff, (size_t)x.ns * sizeof *cur);
		if (trim(&x, cur, NULL, err) != 0 || swap(&x, cur, err) != 0)
			goto out;
		it = find_iter(r, cur, x.ns);
		r->feasible = 1;
		memcpy(r->staff, cur, (size_t)x.ns * sizeof *cur);
		r->m = it->m;
	} else {
		size_t len = strlen(r->fail);

		if (len == 0)
			len = (size_t)snprintf(r->fail, sizeof r->fail, "no roster met every "
			    "target within %d rounds: ", maxit);
		if (best == NULL) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "no roster was simulated");
			goto out;
		}
		describe_misses(s, best->m, r->fail + len, sizeof r->fail - len);
		/* Trim what does not help: keep what best meets, worsen nothing. */
		memcpy(cur, best->staff, (size_t)x.ns * sizeof *cur);
		k = (int)(best - r->iter);
		if (trim(&x, cur, &r->iter[k], err) != 0)
			goto out;
		it = find_iter(r, cur, x.ns);
		memcpy(r->staff, cur, (size_t)x.ns * sizeof *cur);
		r->m = it->m;
	}
	r->cost = opt_roster_cost(s, r->staff);
	rc = 0;
out:
	for (i = 0; i < x.ncuts; i++)
		free(x.cuts[i].a);
	free(x.cuts);
	free(x.cost);
	free(x.tiebreak);
	free(x.cover);
	free(x.req);
	free(x.lam);
	free(x.work);
	free(x.role_of);
	free(x.prio);
	free(cur);
	glp_free_env();   /* GLPK's own allocations, kept per thread otherwise */
	return rc;
}

void
opt_result_free(struct opt_result *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < r->niter; i++) {
		free(r->iter[i].staff);
		meas_free(r->iter[i].m);
	}
	free(r->iter);
	free(r->staff);
	free(r->last_solve);
	free(r->dat);
	memset(r, 0, sizeof *r);
}

int
opt_write_dat(const struct opt_result *r, const char *path, struct cq_err *err)
{
	struct afile af;
	FILE *f;

	if (r->dat == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "no problem was solved");
	memset(&af, 0, sizeof af);
	if ((f = afile_open(&af, path, err)) == NULL)
		return -1;
	if (fputs(r->dat, f) == EOF) {
		afile_abort(&af);
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write");
	}
	return afile_commit(&af, err);
}
