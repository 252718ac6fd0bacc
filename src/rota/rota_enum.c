/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_enum.c — sets of lines, and every line of a contract enumerated.
 *
 * The enumeration goes depth first over the cycle's days, trying off and
 * then each shift the contract may work that day, and prunes a partial line
 * as soon as a rule that does not wrap around the cycle is broken: the days
 * of the week (too many, or too few days left to reach them), the hours of
 * the week, a lone day off or a run of working days too long (both once the
 * run is known not to reach back around), the rest from the last shift, a
 * window of weeks without its weekends off.  A complete line is checked
 * against every rule, those that wrap around included (rota_line_breaks).
 */
#include "rota_int.h"

#include <stdlib.h>
#include <string.h>

#include "week.h"

/* ---- sets of lines ---------------------------------------------------------- */

int
rota_lines_init(struct rota_lines *L, int ndays)
{
	memset(L, 0, sizeof *L);
	L->ndays = ndays;
	return 0;
}

void
rota_lines_free(struct rota_lines *L)
{
	free(L->day);
	free(L->ct);
	free(L->cost);
	free(L->slot);
	memset(L, 0, sizeof *L);
}

static uint64_t
line_hash(int ct, const int16_t *day, int ndays)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)(unsigned)ct;
	int t;

	for (t = 0; t < ndays; t++) {
		h ^= (uint64_t)(uint16_t)day[t];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

/* The slot of the line, or of the empty place where it would go. */
static int
find_slot(const struct rota_lines *L, int ct, const int16_t *day)
{
	int mask = L->nslot - 1, i = (int)(line_hash(ct, day, L->ndays) & (uint64_t)mask);

	for (;; i = (i + 1) & mask) {
		int j = L->slot[i] - 1;

		if (j < 0 || (L->ct[j] == ct && memcmp(rota_lines_day(L, j), day,
		    (size_t)L->ndays * sizeof *day) == 0))
			return i;
	}
}

static int
grow(struct rota_lines *L)
{
	int ncap = L->cap ? 2 * L->cap : 256, i, nslot;
	int16_t *d = realloc(L->day, (size_t)ncap * (size_t)L->ndays * sizeof *d);
	int *c, *slot;
	double *co;

	if (d == NULL)
		return -1;
	L->day = d;
	if ((c = realloc(L->ct, (size_t)ncap * sizeof *c)) == NULL)
		return -1;
	L->ct = c;
	if ((co = realloc(L->cost, (size_t)ncap * sizeof *co)) == NULL)
		return -1;
	L->cost = co;
	L->cap = ncap;
	nslot = 2 * ncap;
	if ((slot = calloc((size_t)nslot, sizeof *slot)) == NULL)
		return -1;
	free(L->slot);
	L->slot = slot;
	L->nslot = nslot;
	for (i = 0; i < L->n; i++)
		L->slot[find_slot(L, L->ct[i], rota_lines_day(L, i))] = i + 1;
	return 0;
}

int
rota_lines_add(struct rota_lines *L, int ct, const int16_t *day, double cost, int *isnew)
{
	int i;

	*isnew = 0;
	if (L->nslot > 0 && (i = L->slot[find_slot(L, ct, day)] - 1) >= 0)
		return i;
	if (L->n == L->cap && grow(L) != 0)
		return -1;
	i = L->n++;
	memcpy(L->day + (size_t)i * (size_t)L->ndays, day, (size_t)L->ndays * sizeof *day);
	L->ct[i] = ct;
	L->cost[i] = cost;
	L->slot[find_slot(L, ct, day)] = i + 1;
	*isnew = 1;
	return i;
}

/* ---- the enumeration ----------------------------------------------------------- */

struct en {
	const struct rota_ct *ct;
	int ict;
	struct rota_lines *L;
	long cap, nodes, max_nodes;
	int16_t day[ROTA_MAX_DAYS];
	int wdays, wmin;          /* this week's working days and minutes */
	int lastk, lastt;         /* the last shift worked and its day; -1 none */
	int run;                  /* > 0 working days in a row, < 0 days off */
	int same;                 /* same_shift: the shift, -1 not yet */
	int wkoff[ROTA_MAX_WEEKS];
};

static int dfs(struct en *e, int t);

/* A week ends: its days, and the window of weeks that ends with it. */
static int
week_ok(struct en *e, int w)
{
	const struct rota_ct *ct = e->ct;
	int i, n = 0;

	if (e->wdays != ct->dpw)
		return 0;
	e->wkoff[w] = e->day[w * WEEK_DAYS + 5] == ROTA_OFF &&
	    e->day[w * WEEK_DAYS + 6] == ROTA_OFF;
	if (ct->wk_in <= 0 || w + 1 < ct->wk_in)
		return 1;
	for (i = w + 1 - ct->wk_in; i <= w; i++)
		n += e->wkoff[i];
	return n >= ct->wk_off;
}

/* Day t is k (or off); go on from t + 1.  0, 1 past the cap, -1. */
static int
place(struct en *e, int t, int k)
{
	const struct rota_ct *ct = e->ct;
	int save_wd = e->wdays, save_wm = e->wmin, save_k = e->lastk, save_t = e->lastt,
	    save_run = e->run, save_same = e->same, rc = 0;

	e->day[t] = (int16_t)k;
	if (k == ROTA_OFF) {
		e->run = e->run < 0 ? e->run - 1 : -1;
	} else {
		e->wdays++;
		e->wmin += ct->rs->len[k];
		e->run = e->run > 0 ? e->run + 1 : 1;
		e->lastk = k;
		e->lastt = t;
		e->same = k;
	}
	if (t % WEEK_DAYS == WEEK_DAYS - 1) {
		if (week_ok(e, t / WEEK_DAYS)) {
			int wd = e->wdays, wm = e->wmin;

			e->wdays = e->wmin = 0;
			rc = dfs(e, t + 1);
			e->wdays = wd;
			e->wmin = wm;
		}
	} else {
		rc = dfs(e, t + 1);
	}
	e->wdays = save_wd;
	e->wmin = save_wm;
	e->lastk = save_k;
	e->lastt = save_t;
	e->run = save_run;
	e->same = save_same;
	return rc;
}

/* Whether shift k may be worked on day t after what is placed. */
static int
may_work(const struct en *e, int t, int k)
{
	const struct rota_ct *ct = e->ct;
	int nsh = ct->rs->nsh;

	if (!ct->ok[(t % WEEK_DAYS) * nsh + k] || (ct->same && e->same >= 0 && k != e->same))
		return 0;
	if (e->wmin + ct->rs->len[k] > ct->hours_lim)
		return 0;
	if (e->lastt >= 0) {
		/* A run of days off between two shifts is complete. */
		if (ct->dot && e->run == -1)
			return 0;
		if (t - e->lastt < ct->gap[e->lastk * nsh + k])
			return 0;
	}
	/* A run of working days, even one that reaches back around the
	 * cycle, is at least as long as its part placed so far. */
	if (ct->maxc > 0 && e->run >= ct->maxc)
		return 0;
	return 1;
}

static int
dfs(struct en *e, int t)
{
	const struct rota_ct *ct = e->ct;
	int k, rc, left = WEEK_DAYS - 1 - t % WEEK_DAYS;

	if (++e->nodes > e->max_nodes)
		return 1;
	if (t == ct->ndays) {
		int isnew;

		if (rota_line_breaks(ct, e->day) != 0)
			return 0;
		if (e->L->n >= e->cap)
			return 1;
		if (rota_lines_add(e->L, e->ict, e->day, rota_line_cost(ct, e->day), &isnew) < 0)
			return -1;
		return 0;
	}
	/* Off, if the week's days can still be reached. */
	if (e->wdays + left >= ct->dpw && (rc = place(e, t, ROTA_OFF)) != 0)
		return rc;
	if (e->wdays >= ct->dpw)
		return 0;
	for (k = 0; k < ct->rs->nsh; k++)
		if (may_work(e, t, k) && (rc = place(e, t, k)) != 0)
			return rc;
	return 0;
}

int
rota_enum(const struct rota_ct *ct, int ict, struct rota_lines *L, long cap, long *nodes)
{
	struct en e;
	int rc;

	memset(&e, 0, sizeof e);
	e.ct = ct;
	e.ict = ict;
	e.L = L;
	e.cap = cap;
	e.max_nodes = cap * 64 + 100000;
	e.lastk = e.lastt = e.same = -1;
	if (ct->rs->nsh == 0)
		return 0;
	rc = dfs(&e, 0);
	if (nodes != NULL)
		*nodes += e.nodes;
	return rc;
}
