/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_relax.c — the optimizer's deterministic relaxation: loads per class and
 * hour of week, role groups, sync requirements (Erlang C at the modified
 * offered load) and the fluid rows that every roster meeting the targets must
 * satisfy.  See doc/optimizer.md, "The relaxation".
 *
 * A class served by several roles may be carried by any of them, so rows are
 * written per role group, not per role: the persons of a group must carry the
 * work of every class that only the group's roles serve (Hall's condition for
 * the transportation of load from classes to roles: a split of each class's
 * load over its roles exists exactly when every group can carry its classes).
 * The integer programme then decides which role carries what, and the cheaper
 * role that can do the work is used first; nothing depends on the order of
 * sections, roles or shifts.
 *
 * Capacity is what persons are expected to have available: a shift's hours
 * times (1 - absence), less its breaks spread evenly over their windows, so
 * that the expected persons present meet each requirement (a requirement of
 * n is met by n / (1 - absence) rostered).  With [targets] max_utilization,
 * each group's available hours times the cap must carry the week's work of
 * the classes only it serves (the occupancy row of models/staffing.mod).
 */
#include "opt_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/dist.h"
#include "scenario/units.h"
#include "measure/erl.h"
#include "week.h"
#include "utf8.h"

#define OPT_MAX_SERVERS 10000

static double
overlap(double a0, double a1, double b0, double b1)
{
	double lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;

	return hi > lo ? hi - lo : 0.0;
}

double
opt_shift_minutes(const struct scn_shift *sh, double from, double to)
{
	long w, w0 = (long)floor(from / WEEK_MIN) - 1, w1 = (long)floor(to / WEEK_MIN) + 1;
	double sum = 0.0, base;
	int d;

	for (w = w0; w <= w1; w++)
		for (d = 0; d < 7; d++) {
			if (!(sh->days & (1u << d)))
				continue;
			base = w * WEEK_MIN + d * DAY_MIN;
			sum += overlap(from, to, base + sh->start, base + sh->end);
		}
	return sum;
}

double
opt_avail_minutes(const struct scn_shift *sh, double from, double to)
{
	long w, w0 = (long)floor(from / WEEK_MIN) - 1, w1 = (long)floor(to / WEEK_MIN) + 1;
	double sum = 0.0, base;
	int d, k;

	for (w = w0; w <= w1; w++)
		for (d = 0; d < 7; d++) {
			if (!(sh->days & (1u << d)))
				continue;
			base = w * WEEK_MIN + d * DAY_MIN;
			sum += overlap(from, to, base + sh->start, base + sh->end);
			/* Breaks as their expected share of the window: the shift's
			 * persons take them spread over it. */
			for (k = 0; k < sh->nbreaks; k++) {
				const struct scn_break *b = &sh->breaks[k];

				sum -= b->length / (b->to - b->from) *
				    overlap(from, to, base + b->from, base + b->to);
			}
		}
	return sum * (1.0 - sh->absence);
}

double
opt_work_in(const struct opt *x, int c, double from, double to)
{
	long k, k0 = (long)floor(from / 60.0), k1 = (long)ceil(to / 60.0);
	double sum = 0.0;
	int by_hour = x->s->classes[c].service_by_hour >= 0;

	if (!(to > from))
		return 0.0;
	for (k = k0; k < k1; k++) {
		int h = (int)(((k % WEEK_HOURS) + WEEK_HOURS) % WEEK_HOURS);

		/* Without service_by_hour the sum times work[c] below, as always
		 * (the same rounding, so the same rows as before the key). */
		sum += overlap(from, to, k * 60.0, k * 60.0 + 60.0) * x->lam[c][h] *
		    (by_hour ? x->work_h[c][h] : 1.0);
	}
	return by_hour ? sum : sum * x->work[c];
}

int
opt_substitutes(const struct opt *x, int i, int j)
{
	const struct scn_shift *a = &x->s->shifts[i], *b = &x->s->shifts[j];
	int c, d, shared = 0;

	for (c = 0; c < x->nc && !shared; c++)
		shared = ((x->serve_mask[c] >> a->role) & 1u) && ((x->serve_mask[c] >> b->role) & 1u);
	if (!shared)
		return 0;
	for (d = 0; d < 7; d++)
		if (((a->days >> d) & 1u) &&
		    opt_shift_minutes(b, d * DAY_MIN + a->start, d * DAY_MIN + a->end) > 0)
			return 1;
	return 0;
}

int
opt_serves(const struct opt *x, int i, int c)
{
	return (x->serve_mask[c] >> x->s->shifts[i].role) & 1u;
}

int
opt_in_group(const struct opt *x, int c, uint32_t g)
{
	return x->serve_mask[c] != 0 && (x->serve_mask[c] & ~g) == 0;
}

int
opt_takes_async(const struct opt *x, int i)
{
	return !x->s->shifts[i].on_call;
}

/* The staff minutes per item of a class with service_by_hour, by the hour of
 * week it enters: its service times the factor of that hour (a reached
 * contact's conversation only; attempts are not scaled).  A sync item is
 * taken up within minutes, so the hour it enters is the hour its service
 * starts.  An async item may be served hours later, in an hour of another
 * factor: its work takes the smallest factor of the week, so that a row
 * stays a necessary condition (the simulation, which scales by the hour the
 * service really starts, judges every roster). */
static void
class_work_by_hour(struct opt *x, int c)
{
	const struct scn *s = x->s;
	const struct scn_class *k = &s->classes[c];
	double svc = dist_mean(&k->service), fixed = 0.0, reached = 1.0, wmin = INFINITY;
	int h, j;

	if (k->mode == SCN_SYNC && s->contact.enabled) {
		double q = 1.0 - s->contact.reach, qk = 1.0, att = 0.0;

		for (j = 0; j < s->contact.max_attempts; j++) {
			att += qk;
			qk *= q;
		}
		fixed = att * s->contact.attempt;
		reached = 1.0 - qk;
	}
	for (h = 0; h < WEEK_HOURS; h++)
		if (k->service_w[h] < wmin)
			wmin = k->service_w[h];
	for (h = 0; h < WEEK_HOURS; h++) {
		double w = k->mode == SCN_SYNC ? k->service_w[h] : wmin;

		x->work_h[c][h] = fixed + reached * svc * w;
		if (!(x->work_h[c][h] > 0))
			x->work_h[c][h] = 1e-9;
	}
}

/* Arrival rates per class by hour of week, staff minutes per item, and the
 * roles that serve each class. */
static void
loads(struct opt *x)
{
	const struct scn *s = x->s;
	const struct scn_contact *ct = &s->contact;
	int c, i, j, h, r, routed = 0;

	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];

		if (st->kind == SCN_MESSAGE) {
			for (j = 0; j < st->nclasses; j++)
				for (h = 0; h < WEEK_HOURS; h++)
					x->lam[st->class_idx[j]][h] += st->rate[h] * st->share[j];
		} else if (st->alert_class >= 0) {
			double p = dist_sf(&st->value, st->alert_above);

			for (h = 0; h < WEEK_HOURS; h++)
				x->lam[st->alert_class][h] += st->rate[h] * p;
		}
	}
	/* Care pathways: an item entering class i visits class j visits[j] times
	 * on average (the traffic equations, scn_route.c); the relaxation puts
	 * that work in the hours the item entered (the steps' delays ignored). */
	for (c = 0; c < s->nclasses; c++)
		routed |= s->classes[c].nnext > 0;
	for (h = 0; routed && h < WEEK_HOURS; h++) {
		double col[SCN_MAX_CLASSES];

		for (c = 0; c < s->nclasses; c++)
			col[c] = x->lam[c][h];
		for (j = 0; j < s->nclasses; j++) {
			x->lam[j][h] = 0.0;
			for (c = 0; c < s->nclasses; c++)
				x->lam[j][h] += col[c] * s->classes[c].visits[j];
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
			for (h = 0; h < WEEK_HOURS; h++)
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
				for (h = 0; h < WEEK_HOURS; h++)
					x->lam[ct->follow_up_class][h] += x->lam[c][h] * qk;
		}
		if (!(x->work[c] > 0))
			x->work[c] = 1e-9;
		if (k->service_by_hour >= 0)
			class_work_by_hour(x, c);
		x->serve_mask[c] = 0;
		for (r = 0; r < s->nroles; r++)
			for (j = 0; j < s->roles[r].nserves; j++)
				if (s->roles[r].serves[j] == c)
					x->serve_mask[c] |= 1u << r;
	}
}

/* The role groups: the closure under union of the classes' serve masks,
 * sorted so that the numbering is the same whatever the file's order of
 * classes (roles keep their bits; masks sort by value). */
static int
mask_cmp(const void *p, const void *q)
{
	uint32_t a = *(const uint32_t *)p, b = *(const uint32_t *)q;

	return (a > b) - (a < b);
}

/* The classes served only within gm join their roles; gm is connected when
 * they join all of its roles into one. */
static int
connected(const struct opt *x, uint32_t gm)
{
	uint32_t reach = 0;
	int c, grown;

	for (c = 0; c < x->nc && reach == 0; c++)
		if (opt_in_group(x, c, gm))
			reach = x->serve_mask[c];
	do {
		grown = 0;
		for (c = 0; c < x->nc; c++)
			if (opt_in_group(x, c, gm) && (x->serve_mask[c] & reach) != 0 &&
			    (x->serve_mask[c] & ~reach) != 0) {
				reach |= x->serve_mask[c];
				grown = 1;
			}
	} while (grown);
	return reach == gm;
}

static int
groups(struct opt *x, struct cq_err *err)
{
	int c, g, h, n = 0, grown;

	for (c = 0; c < x->nc; c++) {
		uint32_t m = x->serve_mask[c];

		if (m == 0)
			continue;
		for (g = 0; g < n && x->group[g] != m; g++)
			;
		if (g == n)
			x->group[n++] = m;
	}
	do {
		grown = 0;
		for (g = 0; g < n; g++)
			for (h = g + 1; h < n; h++) {
				uint32_t m = x->group[g] | x->group[h];
				int k;

				for (k = 0; k < n && x->group[k] != m; k++)
					;
				if (k < n)
					continue;
				if (n == OPT_MAX_GROUPS)
					return cq_err_set(err, CQ_EXIT_USAGE, x->s->file, 0,
					    "the roles' serves lists make more than %d role groups "
					    "for the optimizer; let fewer roles share classes",
					    OPT_MAX_GROUPS);
				x->group[n++] = m;
				grown = 1;
			}
	} while (grown);
	/* Only the connected groups: a group whose roles split into two parts
	 * that no class of its own spans has rows that are the sums of its
	 * parts' rows (each a group too), which imply them. */
	for (g = h = 0; g < n; g++)
		if (connected(x, x->group[g]))
			x->group[h++] = x->group[g];
	n = h;
	qsort(x->group, (size_t)n, sizeof x->group[0], mask_cmp);
	x->ng = n;
	return 0;
}

/* Mean offered load of class c per slot from the fluid model
 * m'(t) = lambda(t) - mu m(t), periodic over the week (the modified offered
 * load: it lags and smooths the arrival rate as the queue does). */
static void
offered_load(const struct opt *x, int c, double *mol)
{
	/* service_by_hour: the service rate of the hour (work_h), else one rate. */
	const double *wh = x->s->classes[c].service_by_hour >= 0 ? x->work_h[c] : NULL;
	double mu = 1.0 / x->work[c], m = 0.0, e = exp(-mu * OPT_SLOT), lam, inf;
	int w, j;

	for (j = 0; j < WEEK_HOURS; j++)
		m += wh != NULL ? x->lam[c][j] * wh[j] / WEEK_HOURS :
		    x->lam[c][j] / WEEK_HOURS / mu;
	for (w = 0; w < 4; w++)
		for (j = 0; j < OPT_SLOTS; j++) {
			if (wh != NULL && j % 4 == 0) {
				mu = 1.0 / wh[j / 4];
				e = exp(-mu * OPT_SLOT);
			}
			lam = x->lam[c][j / 4];
			inf = lam / mu;
			if (w == 3)
				mol[j] = inf + (m - inf) * (1.0 - e) / (mu * OPT_SLOT);
			m = inf + (m - inf) * e;
		}
}

static void
cut_name(struct opt_cut *k, const char *fmt, va_list ap)
{
	char *q;

	vsnprintf(k->name, sizeof k->name, fmt, ap);
	/* Cut short, not inside a character. */
	k->name[utf8_fit(k->name, sizeof k->name - 1)] = '\0';
	/* A MathProg string literal: no quotes, no backslashes. */
	for (q = k->name; *q != '\0'; q++)
		if (*q == '"' || *q == '\'' || *q == '\\')
			*q = ' ';
}

static struct opt_cut *
new_cut(struct opt *x, struct cq_err *err)
{
	if (x->ncuts == x->ccuts) {
		int n = x->ccuts ? 2 * x->ccuts : 64;
		struct opt_cut *p = realloc(x->cuts, (size_t)n * sizeof *p);

		if (p == NULL) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			return NULL;
		}
		x->cuts = p;
		x->ccuts = n;
	}
	memset(&x->cuts[x->ncuts], 0, sizeof x->cuts[0]);
	return &x->cuts[x->ncuts];
}

int
opt_add_row(struct opt *x, int nz, int *idx, double *val, double b, int necessary,
    enum opt_row_kind kind, struct cq_err *err, const char *fmt, ...)
{
	struct opt_cut *k;
	va_list ap;

	if ((k = new_cut(x, err)) == NULL) {
		free(idx);
		free(val);
		return -1;
	}
	k->nz = nz;
	k->idx = idx;
	k->val = val;
	k->b = b;
	k->necessary = necessary;
	k->kind = kind;
	va_start(ap, fmt);
	cut_name(k, fmt, ap);
	va_end(ap);
	x->ncuts++;
	return 0;
}

int
opt_add_cut(struct opt *x, const double *a, double b, int necessary,
    enum opt_row_kind kind, struct cq_err *err, const char *fmt, ...)
{
	struct opt_cut *k;
	va_list ap;
	int i, nz = 0;

	if ((k = new_cut(x, err)) == NULL)
		return -1;
	for (i = 0; i < x->ns; i++)
		nz += a[i] != 0;
	k->idx = malloc((size_t)(nz > 0 ? nz : 1) * sizeof *k->idx);
	k->val = malloc((size_t)(nz > 0 ? nz : 1) * sizeof *k->val);
	if (k->idx == NULL || k->val == NULL) {
		free(k->idx);
		free(k->val);
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	}
	for (i = 0; i < x->ns; i++)
		if (a[i] != 0) {
			k->idx[k->nz] = i;
			k->val[k->nz++] = a[i];
		}
	k->b = b;
	k->necessary = necessary;
	k->kind = kind;
	va_start(ap, fmt);
	cut_name(k, fmt, ap);
	va_end(ap);
	x->ncuts++;
	return 0;
}

void
opt_cuts_free(struct opt *x)
{
	int k;

	for (k = 0; k < x->ncuts; k++) {
		free(x->cuts[k].idx);
		free(x->cuts[k].val);
	}
	free(x->cuts);
	x->cuts = NULL;
	x->ncuts = x->ccuts = 0;
}

double
opt_cut_dot(const struct opt_cut *k, const double *xv)
{
	double sum = 0.0;
	int j;

	for (j = 0; j < k->nz; j++)
		sum += k->val[j] * xv[k->idx[j]];
	return sum;
}

double
opt_cut_dot_int(const struct opt_cut *k, const int *staff)
{
	double sum = 0.0;
	int j;

	for (j = 0; j < k->nz; j++)
		sum += k->val[j] * staff[k->idx[j]];
	return sum;
}

/* Sync requirements per group and slot: Erlang C at the pooled modified
 * offered load of the sync classes only the group serves, the largest over
 * their targets, capped at what the group's shifts' max can put on duty. */
static int
sync_requirements(struct opt *x, struct cq_err *err)
{
	const struct scn *s = x->s;
	double *mol = NULL, *A = NULL, *L = NULL;
	int c, g, j, i, rc = -1;

	mol = malloc((size_t)x->nc * OPT_SLOTS * sizeof *mol);
	A = calloc(OPT_SLOTS, sizeof *A);
	L = calloc(OPT_SLOTS, sizeof *L);
	if (mol == NULL || A == NULL || L == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
		goto out;
	}
	for (c = 0; c < x->nc; c++)
		if (s->classes[c].mode == SCN_SYNC)
			offered_load(x, c, mol + (size_t)c * OPT_SLOTS);
	for (g = 0; g < x->ng; g++) {
		memset(A, 0, OPT_SLOTS * sizeof *A);
		memset(L, 0, OPT_SLOTS * sizeof *L);
		for (c = 0; c < x->nc; c++)
			if (s->classes[c].mode == SCN_SYNC && opt_in_group(x, c, x->group[g]))
				for (j = 0; j < OPT_SLOTS; j++) {
					A[j] += mol[(size_t)c * OPT_SLOTS + j];
					L[j] += mol[(size_t)c * OPT_SLOTS + j] /
					    (s->classes[c].service_by_hour >= 0 ?
					    x->work_h[c][j / 4] : x->work[c]);
				}
		for (c = 0; c < x->nc; c++) {
			const struct scn_class *k = &s->classes[c];

			if (k->mode != SCN_SYNC || !k->has_target || !opt_in_group(x, c, x->group[g]))
				continue;
			for (j = 0; j < OPT_SLOTS; j++) {
				struct opt_cap cc;
				double cap;
				int n;

				if (A[j] < 1e-9)
					continue;
				n = erl_min_servers(L[j], L[j] / A[j], k->target_within,
				    k->target_share, OPT_MAX_SERVERS);
				if (n < 0)
					n = OPT_MAX_SERVERS;
				opt_cap_reset(&cc);
				for (i = 0; i < x->ns; i++)
					if ((x->group[g] >> s->shifts[i].role) & 1u)
						opt_cap_add(&cc, x, i, x->cover[i * OPT_SLOTS + j]);
				cap = opt_cap_total(&cc, x);
				if (n > cap)
					n = (int)floor(cap + 1e-9);
				if (n > x->req[g * OPT_SLOTS + j])
					x->req[g * OPT_SLOTS + j] = n;
			}
		}
		if (opt_cover_reduce(x, g) != 0) {
			cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	free(mol);
	free(A);
	free(L);
	return rc;
}

/* With max_utilization: each group's week of work (every class only its roles
 * serve, with a target or not) over the cap, in available hours.  Busy time
 * is at least that work in the long run, so a roster whose groups fall short
 * cannot keep every role under the cap on average (overtime aside, which
 * adds a little to the time the simulation counts available).  A group that
 * its shifts' max cannot cover gets no row: the simulation will tell. */
static void
occupancy_loads(struct opt *x)
{
	const struct scn *s = x->s;
	int g, c, i;

	if (!s->has_max_utilization)
		return;
	for (g = 0; g < x->ng; g++) {
		double load = 0.0, cap = 0.0;

		for (c = 0; c < x->nc; c++)
			if (opt_in_group(x, c, x->group[g]))
				load += opt_work_in(x, c, 0.0, WEEK_MIN) / 60.0;
		for (i = 0; i < x->ns; i++)
			if ((x->group[g] >> s->shifts[i].role) & 1u)
				cap += x->avail[i] * s->shifts[i].max;
		x->load[g] = load > 1e-9 && load <= s->max_utilization * cap + 1e-9 ? load : 0.0;
	}
}

/* FNV-1a of the shift's name: a tie-break that does not depend on where the
 * shift stands in the file. */
static double
name_tiebreak(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name != '\0'; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	return 1e-4 * (1.0 + (double)(h % 1000u)) / 1000.0;
}

int
opt_relax_build(struct opt *x, struct cq_err *err)
{
	const struct scn *s = x->s;
	int i, j, g;

	for (i = 0; i < x->ns; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		x->cost[i] = scn_shift_hours_per_week(s, i) * sh->cost_per_hour;
		/* Between a written shift and a candidate of the same cost, the
		 * written one. */
		x->tiebreak[i] = name_tiebreak(sh->name) + (sh->tmpl ? 2e-4 : 0.0);
		x->avail[i] = opt_avail_minutes(sh, 0.0, WEEK_MIN) / 60.0;
		for (j = 0; j < OPT_SLOTS; j++) {
			double m = opt_avail_minutes(sh, j * OPT_SLOT, (j + 1) * OPT_SLOT);

			x->cover[i * OPT_SLOTS + j] = m / OPT_SLOT > 1.0 ? 1.0 : m / OPT_SLOT;
		}
	}
	loads(x);
	if (groups(x, err) != 0)
		return -1;
	if ((x->req = calloc((size_t)(x->ng > 0 ? x->ng : 1) * OPT_SLOTS, sizeof *x->req)) == NULL ||
	    (x->load = calloc((size_t)x->ng + 1, sizeof *x->load)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	occupancy_loads(x);
	if (sync_requirements(x, err) != 0)
		return -1;
	for (g = 0; g < x->ng; g++) {
		if (x->o->stop != NULL && *x->o->stop)
			return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "interrupted");
		if (opt_fluid_rows(x, g, err) != 0)
			return -1;
	}
	return 0;
}

int
opt_breaks_necessary(const struct opt *x, const int *staff)
{
	int k, i;

	for (k = 0; k < x->ncuts; k++) {
		const struct opt_cut *ct = &x->cuts[k];

		if (ct->necessary && opt_cut_dot_int(ct, staff) < ct->b - 1e-9)
			return k;
	}
	/* The occupancy rows are necessary too; one broken is reported as the
	 * row after the cuts. */
	for (k = 0; k < x->ng; k++) {
		double sum = 0.0;

		if (!(x->load[k] > 0))
			continue;
		for (i = 0; i < x->ns; i++)
			if ((x->group[k] >> x->s->shifts[i].role) & 1u)
				sum += x->avail[i] * staff[i];
		if (x->s->max_utilization * sum < x->load[k] - 1e-9)
			return x->ncuts + k;
	}
	return -1;
}
