/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota_price.c — the line of greatest value of a contract, by dynamic
 * programming over the cycle's days: the exact pricing of column generation
 * (and, with every weight 0, which shift-days any line can work).
 *
 * A line is a path through states, one a day.  The state after day t is
 *   last: the last shift worked, while the rest to the next shift can still
 *         depend on it (else "none");
 *   run:  working days in a row so far (1 .. max_consecutive_days, or just
 *         "working" without that rule), or days off in a row (1 .. a cap
 *         beyond which neither days_off_together nor any rest depends on
 *         the count);
 *   d, m: the days worked and the minutes worked in the calendar week so
 *         far (m only when hours_per_week can bind: an index into the sums
 *         of shift lengths it can reach).
 * Every rule that does not wrap around the cycle is a condition on a step
 * from a state, and the week's days on the step out of Sunday.  The rules
 * that wrap around are met by fixing the start: the state "before day 0" is
 * the state after the cycle's last day, so the programme is run once for
 * each such state sigma, from sigma, and keeps only paths that end in
 * sigma.  Weekends off (at least K weekends in every N consecutive weeks,
 * around the cycle) are met by running it once for each least set of weeks
 * whose weekends, kept off, meet the rule: any line that meets it keeps off
 * the weekends of one of those sets, and with those weekends kept off, any
 * line meets it.  same_shift runs it once per shift, with that shift alone.
 * So the best of all runs is the best line of the contract: pricing is
 * exact, and a line exists iff some run reaches its sigma.
 */
#include "rota_int.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "week.h"

struct rota_dp {
	const struct rota_ct *ct;
	int nsh, N, dpw;
	int kc, oc;               /* run codes: 0 .. kc-1 working, kc .. kc+oc-1 off */
	int orest;                /* keep the last shift while days off < orest */
	int need_last;
	int nrun, nd, nm, nstates;
	int *madd;                /* [m * nsh + k]: m after k, -1 over the limit */
	int nA;
	unsigned *A;              /* weeks whose weekend is kept off */
	int nvar;
	int *var;                 /* the shift of each run, -1: any */
	/* scratch */
	double *cur, *nxt;
	int *acur, *anxt, ncur, nnxt;
	int *bp;                  /* [t * nstates + y]: the state before */
	int16_t *bk;              /* [t * nstates + y]: the shift, ROTA_OFF */
	unsigned char *fw, *bw;   /* reachability, [t * nstates + x] */
};

/* ---- shape ------------------------------------------------------------------- */

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The sums of up to dpw shift lengths within the limit (when it can bind). */
static int
dp_minutes(struct rota_dp *dp)
{
	const struct rota_ct *ct = dp->ct;
	int k, maxlen = 0, n = 1, cap = 1, i, r, *sum;

	for (k = 0; k < dp->nsh; k++)
		if (ct->rs->len[k] > maxlen)
			maxlen = ct->rs->len[k];
	dp->nm = 1;
	if (ct->hours_lim == INT_MAX || (long)ct->dpw * maxlen <= ct->hours_lim) {
		dp->madd = calloc((size_t)dp->nsh, sizeof *dp->madd);
		return dp->madd == NULL ? -1 : 0;
	}
	for (r = 0; r < ct->dpw; r++)
		cap *= dp->nsh + 1;
	if (cap > 1 << 20)
		cap = 1 << 20;
	if ((sum = malloc((size_t)(cap + 1) * sizeof *sum)) == NULL)
		return -1;
	sum[0] = 0;
	for (r = 0; r < ct->dpw; r++) {
		int m0 = n;

		for (i = 0; i < m0; i++)
			for (k = 0; k < dp->nsh && n < cap; k++) {
				int s = sum[i] + ct->rs->len[k];

				if (s <= ct->hours_lim)
					sum[n++] = s;
			}
		qsort(sum, (size_t)n, sizeof *sum, cmp_int);
		for (i = 1, m0 = 1; i < n; i++)
			if (sum[i] != sum[m0 - 1])
				sum[m0++] = sum[i];
		n = m0;
	}
	dp->nm = n;
	if ((dp->madd = malloc((size_t)n * (size_t)dp->nsh * sizeof *dp->madd)) == NULL) {
		free(sum);
		return -1;
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < dp->nsh; k++) {
			int s = sum[i] + ct->rs->len[k];
			const int *f = s <= ct->hours_lim ? bsearch(&s, sum, (size_t)n,
			    sizeof *sum, cmp_int) : NULL;

			dp->madd[i * dp->nsh + k] = f != NULL ? (int)(f - sum) : -1;
		}
	free(sum);
	return 0;
}

static int
wk_valid(const struct rota_ct *ct, unsigned mask)
{
	int w, i;

	for (w = 0; w < ct->W; w++) {
		int n = 0;

		for (i = 0; i < ct->wk_in; i++)
			n += (mask >> ((w + i) % ct->W)) & 1u;
		if (n < ct->wk_off)
			return 0;
	}
	return 1;
}

/* The least sets of weeks whose weekends off meet the rule. */
static int
dp_weekends(struct rota_dp *dp)
{
	const struct rota_ct *ct = dp->ct;
	unsigned mask, full = (1u << ct->W) - 1u;
	int b;

	dp->nA = 0;
	if (ct->wk_in <= 0 || ct->wk_off <= 0) {
		if ((dp->A = malloc(sizeof *dp->A)) == NULL)
			return -1;
		dp->A[dp->nA++] = 0;
		return 0;
	}
	if ((dp->A = malloc(((size_t)full + 1) * sizeof *dp->A)) == NULL)
		return -1;
	for (mask = 0; mask <= full; mask++) {
		int least = wk_valid(ct, mask);

		for (b = 0; b < ct->W && least; b++)
			if (((mask >> b) & 1u) && wk_valid(ct, mask & ~(1u << b)))
				least = 0;
		if (least)
			dp->A[dp->nA++] = mask;
	}
	return 0;
}

struct rota_dp *
rota_dp_new(const struct rota_ct *ct)
{
	struct rota_dp *dp = calloc(1, sizeof *dp);
	int k;
	size_t ns;

	if (dp == NULL)
		return NULL;
	dp->ct = ct;
	dp->nsh = ct->rs->nsh;
	dp->N = ct->ndays;
	dp->dpw = ct->dpw;
	dp->kc = ct->maxc > 0 ? ct->maxc : 1;
	dp->orest = ct->maxgap - 1;
	dp->need_last = ct->maxgap > 1;
	dp->oc = dp->orest > (ct->dot ? 2 : 1) ? dp->orest : (ct->dot ? 2 : 1);
	dp->nrun = dp->kc + dp->oc;
	dp->nd = dp->dpw + 1;
	if (dp->nsh == 0 || dp_minutes(dp) != 0 || dp_weekends(dp) != 0)
		goto fail;
	dp->nstates = (dp->nsh + 1) * dp->nrun * dp->nd * dp->nm;
	dp->nvar = ct->same ? dp->nsh : 1;
	if ((dp->var = malloc((size_t)dp->nvar * sizeof *dp->var)) == NULL)
		goto fail;
	for (k = 0; k < dp->nvar; k++)
		dp->var[k] = ct->same ? k : -1;
	ns = (size_t)dp->nstates;
	dp->cur = malloc(ns * sizeof *dp->cur);
	dp->nxt = malloc(ns * sizeof *dp->nxt);
	dp->acur = malloc(ns * sizeof *dp->acur);
	dp->anxt = malloc(ns * sizeof *dp->anxt);
	dp->bp = malloc(ns * (size_t)dp->N * sizeof *dp->bp);
	dp->bk = malloc(ns * (size_t)dp->N * sizeof *dp->bk);
	if (!dp->cur || !dp->nxt || !dp->acur || !dp->anxt || !dp->bp || !dp->bk)
		goto fail;
	for (k = 0; k < dp->nstates; k++)
		dp->cur[k] = dp->nxt[k] = -HUGE_VAL;
	return dp;
fail:
	rota_dp_free(dp);
	return NULL;
}

void
rota_dp_free(struct rota_dp *dp)
{
	if (dp == NULL)
		return;
	free(dp->madd);
	free(dp->A);
	free(dp->var);
	free(dp->cur);
	free(dp->nxt);
	free(dp->acur);
	free(dp->anxt);
	free(dp->bp);
	free(dp->bk);
	free(dp->fw);
	free(dp->bw);
	free(dp);
}

/* ---- a step ---------------------------------------------------------------- */

static int
enc(const struct rota_dp *dp, int last, int run, int d, int m)
{
	return ((last * dp->nrun + run) * dp->nd + d) * dp->nm + m;
}

/* The state after day t from state x, working shift k (ROTA_OFF: off);
 * -1 where a rule forbids it.  Whether k may be worked that day at all is
 * the caller's. */
static int
step(const struct rota_dp *dp, int x, int t, int k)
{
	const struct rota_ct *ct = dp->ct;
	int m = x % dp->nm, d, run, last, none = dp->nsh, wd = t % WEEK_DAYS;

	x /= dp->nm;
	d = x % dp->nd;
	x /= dp->nd;
	run = x % dp->nrun;
	last = x / dp->nrun;
	if (k == ROTA_OFF) {
		int o = run < dp->kc ? 1 : run - dp->kc + 2;

		if (o > dp->oc)
			o = dp->oc;
		run = dp->kc + o - 1;
		if (!(dp->need_last && o < dp->orest))
			last = none;
	} else {
		if (d + 1 > dp->dpw || (m = dp->madd[m * dp->nsh + k]) < 0)
			return -1;
		d++;
		if (run < dp->kc) {             /* worked yesterday */
			if (last != none && ct->gap[last * dp->nsh + k] > 1)
				return -1;
			if (ct->maxc > 0 && ++run >= dp->kc)
				return -1;
		} else {
			int o = run - dp->kc + 1;

			if (ct->dot && o < 2)
				return -1;
			if (last != none && ct->gap[last * dp->nsh + k] > o + 1)
				return -1;
			run = 0;
		}
		last = dp->need_last ? k : none;
	}
	if (wd == WEEK_DAYS - 1) {
		if (d != dp->dpw)
			return -1;
		d = m = 0;
	} else if (d + (WEEK_DAYS - 1 - wd) < dp->dpw) {
		return -1;
	}
	return enc(dp, last, run, d, m);
}

/* Whether shift k may be worked on day t in run v with weekends A kept off. */
static int
may(const struct rota_dp *dp, int t, int k, int v, unsigned A)
{
	int wd = t % WEEK_DAYS;

	if (v >= 0 && k != v)
		return 0;
	if (wd >= 5 && ((A >> (t / WEEK_DAYS)) & 1u))
		return 0;
	return dp->ct->ok[wd * dp->nsh + k];
}

/* The start states of run v: (last, run) pairs, d = m = 0. */
static int
sigmas(const struct rota_dp *dp, int v, int *out)
{
	int n = 0, run, last, none = dp->nsh;

	for (run = 0; run < dp->nrun; run++) {
		int keep = dp->need_last && (run < dp->kc || run - dp->kc + 1 < dp->orest);

		for (last = keep ? 0 : none; last <= none; last++) {
			if (keep && last == none)
				break;
			if (v >= 0 && last != none && last != v)
				continue;
			out[n++] = enc(dp, last, run, 0, 0);
		}
	}
	return n;
}

/* ---- the best line ---------------------------------------------------------- */

/* From sigma over the cycle; the value of the best path back to sigma
 * (-HUGE_VAL: none), its days in day. */
static double
run_best(struct rota_dp *dp, const double *w, int v, unsigned A, int sigma, int16_t *day)
{
	int t, i, k, ns = dp->nstates;
	double best;

	dp->ncur = 0;
	dp->cur[sigma] = 0.0;
	dp->acur[dp->ncur++] = sigma;
	for (t = 0; t < dp->N; t++) {
		int *bp = dp->bp + (size_t)t * (size_t)ns;
		int16_t *bk = dp->bk + (size_t)t * (size_t)ns;

		dp->nnxt = 0;
		for (i = 0; i < dp->ncur; i++) {
			int x = dp->acur[i];
			double vx = dp->cur[x];

			for (k = ROTA_OFF; k < dp->nsh; k++) {
				int y;
				double vy;

				if (k != ROTA_OFF && !may(dp, t, k, v, A))
					continue;
				if ((y = step(dp, x, t, k)) < 0)
					continue;
				vy = vx + (k == ROTA_OFF ? 0.0 : w[t * dp->nsh + k]);
				if (dp->nxt[y] == -HUGE_VAL)
					dp->anxt[dp->nnxt++] = y;
				if (vy > dp->nxt[y]) {
					dp->nxt[y] = vy;
					bp[y] = x;
					bk[y] = (int16_t)k;
				}
			}
			dp->cur[x] = -HUGE_VAL;
		}
		{
			double *tv = dp->cur;
			int *ta = dp->acur;

			dp->cur = dp->nxt;
			dp->nxt = tv;
			dp->acur = dp->anxt;
			dp->anxt = ta;
			dp->ncur = dp->nnxt;
		}
	}
	best = dp->cur[sigma];
	for (i = 0; i < dp->ncur; i++)
		dp->cur[dp->acur[i]] = -HUGE_VAL;
	if (best == -HUGE_VAL)
		return best;
	for (t = dp->N - 1, i = sigma; t >= 0; t--) {
		day[t] = dp->bk[(size_t)t * (size_t)ns + (size_t)i];
		i = dp->bp[(size_t)t * (size_t)ns + (size_t)i];
	}
	return best;
}

struct cand {
	double val;
	int i;
};

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->val != y->val)
		return x->val > y->val ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

int
rota_dp_best(struct rota_dp *dp, const double *w, double min_value, int max,
    int16_t *out, double *val, double *best)
{
	int v, a, s, n = 0, nsig, i, j, ncap = 64, *sig = NULL;
	int16_t *days = NULL;
	struct cand *c = NULL;
	size_t N = (size_t)dp->N;

	*best = -HUGE_VAL;
	sig = malloc((size_t)dp->nrun * (size_t)(dp->nsh + 1) * sizeof *sig);
	days = malloc((size_t)ncap * N * sizeof *days);
	c = malloc((size_t)ncap * sizeof *c);
	if (sig == NULL || days == NULL || c == NULL)
		goto oom;
	for (v = 0; v < dp->nvar; v++) {
		nsig = sigmas(dp, dp->var[v], sig);
		for (a = 0; a < dp->nA; a++)
			for (s = 0; s < nsig; s++) {
				double b;

				if (n == ncap) {
					int16_t *d2 = realloc(days, 2 * (size_t)ncap * N * sizeof *d2);
					struct cand *c2;

					if (d2 == NULL)
						goto oom;
					days = d2;
					if ((c2 = realloc(c, 2 * (size_t)ncap * sizeof *c2)) == NULL)
						goto oom;
					c = c2;
					ncap *= 2;
				}
				b = run_best(dp, w, dp->var[v], dp->A[a], sig[s], days + (size_t)n * N);
				if (b > *best)
					*best = b;
				if (b > min_value) {
					c[n].val = b;
					c[n].i = n;
					n++;
				}
			}
	}
	qsort(c, (size_t)n, sizeof *c, cand_cmp);
	for (i = 0, j = 0; i < n && j < max; i++) {
		const int16_t *d = days + (size_t)c[i].i * N;
		int dup = 0, q;

		for (q = 0; q < j && !dup; q++)
			dup = memcmp(out + (size_t)q * N, d, N * sizeof *d) == 0;
		if (dup)
			continue;
		memcpy(out + (size_t)j * N, d, N * sizeof *d);
		val[j++] = c[i].val;
	}
	free(sig);
	free(days);
	free(c);
	return j;
oom:
	free(sig);
	free(days);
	free(c);
	return -1;
}

/* ---- which shift-days a line can work ----------------------------------------- */

/* From sigma: mark in cov what the paths back to sigma work; whether any. */
static int
run_cover(struct rota_dp *dp, int v, unsigned A, int sigma, unsigned char *cov)
{
	int t, x, k, ns = dp->nstates, any;
	unsigned char *fw = dp->fw, *bw = dp->bw;
	size_t all = (size_t)(dp->N + 1) * (size_t)ns;

	memset(fw, 0, all);
	memset(bw, 0, all);
	fw[sigma] = 1;
	for (t = 0; t < dp->N; t++)
		for (x = 0; x < ns; x++) {
			if (!fw[(size_t)t * ns + x])
				continue;
			for (k = ROTA_OFF; k < dp->nsh; k++) {
				int y;

				if ((k == ROTA_OFF || may(dp, t, k, v, A)) && (y = step(dp, x, t, k)) >= 0)
					fw[(size_t)(t + 1) * ns + y] = 1;
			}
		}
	any = fw[(size_t)dp->N * ns + sigma];
	if (!any)
		return 0;
	bw[(size_t)dp->N * ns + sigma] = 1;
	for (t = dp->N - 1; t >= 0; t--)
		for (x = 0; x < ns; x++) {
			if (!fw[(size_t)t * ns + x])
				continue;
			for (k = ROTA_OFF; k < dp->nsh; k++) {
				int y;

				if ((k == ROTA_OFF || may(dp, t, k, v, A)) &&
				    (y = step(dp, x, t, k)) >= 0 && bw[(size_t)(t + 1) * ns + y]) {
					bw[(size_t)t * ns + x] = 1;
					if (k != ROTA_OFF)
						cov[t * dp->nsh + k] = 1;
				}
			}
		}
	return 1;
}

int
rota_dp_cover(struct rota_dp *dp, unsigned char *cov)
{
	int v, a, s, nsig, any = 0, *sig;
	size_t all = (size_t)(dp->N + 1) * (size_t)dp->nstates;

	if (dp->fw == NULL) {
		dp->fw = malloc(all);
		dp->bw = malloc(all);
		if (dp->fw == NULL || dp->bw == NULL)
			return -1;
	}
	if ((sig = malloc((size_t)dp->nrun * (size_t)(dp->nsh + 1) * sizeof *sig)) == NULL)
		return -1;
	for (v = 0; v < dp->nvar; v++) {
		nsig = sigmas(dp, dp->var[v], sig);
		for (a = 0; a < dp->nA; a++)
			for (s = 0; s < nsig; s++)
				any |= run_cover(dp, dp->var[v], dp->A[a], sig[s], cov);
	}
	free(sig);
	return any;
}
