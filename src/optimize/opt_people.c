/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * opt_people.c — optimize --rota: people, not only hours.  The search finds
 * the roster cheapest in hours; people are employed on contracts, and a
 * roster one person-shift dearer in hours may fit the contracts with a whole
 * person fewer.  So, once the answer is confirmed, the rosters the search saw
 * meet every target (on its seed) at up to OPT_PEOPLE_SLACK more in hours are
 * priced in people (opt_opts.people_cost: their least-cost rota), cheapest
 * in hours first; the one cheapest in people is confirmed on the independent
 * seed like the answer, and replaces it if every target holds there.  The
 * answer then states both rosters' costs (opt_result.hours_*).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opt_int.h"

#define OPT_PEOPLE_SLACK 0.10     /* candidates up to 10% dearer in hours */
#define OPT_PEOPLE_CANDIDATES 8   /* rosters priced in people, at most */
#define OPT_PEOPLE_CONFIRMS 2     /* confirmations tried, at most */

/* The iterations that met every target on the search's seed, one per roster,
 * dearer in hours than the answer by at most the slack, cheapest first. */
static int
candidates(struct opt *x, int ans, int *out)
{
	struct opt_result *r = x->r;
	double top = r->iter[ans].cost * (1 + OPT_PEOPLE_SLACK) + 1e-9;
	int i, j, n = 0, k;

	for (i = 0; i < r->niter; i++) {
		const struct opt_iter *it = &r->iter[i];

		if (!it->all_met || !it->decided || it->seed != x->s->seed || i == ans ||
		    it->cost > top || it->cost < r->iter[ans].cost - 1e-9)
			continue;
		for (j = 0; j < n; j++)
			if (memcmp(r->iter[out[j]].staff, it->staff,
			    (size_t)x->ns * sizeof *it->staff) == 0)
				break;
		if (j < n)
			continue;
		/* Insert by cost, keeping the cheapest OPT_PEOPLE_CANDIDATES. */
		for (k = n; k > 0 && r->iter[out[k - 1]].cost > it->cost; k--)
			if (k < OPT_PEOPLE_CANDIDATES)
				out[k] = out[k - 1];
		if (k < OPT_PEOPLE_CANDIDATES) {
			out[k] = i;
			if (n < OPT_PEOPLE_CANDIDATES)
				n++;
		}
	}
	return n;
}

/* Make iteration c's roster, confirmed by conf, the answer. */
static int
switch_to(struct opt *x, int c, int conf, int *ans, double people, struct cq_err *err)
{
	struct opt_result *r = x->r;
	size_t sz = (size_t)x->ns * sizeof *r->staff;

	if ((r->hours_staff = malloc(sz)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, "", 0, "out of memory");
	memcpy(r->hours_staff, r->staff, sz);
	r->hours_cost = r->iter[*ans].cost;
	r->hours_people_cost = r->people_cost;
	memcpy(r->staff, r->iter[c].staff, sz);
	r->confirm = conf;
	r->people_cost = people;
	*ans = c;
	snprintf(r->people_note, sizeof r->people_note, "the roster cheapest in hours "
	    "(%.2f%s%s a week) needs people costing %.2f; this one costs %.2f more in hours "
	    "but its people %.2f less, and every target holds on the fresh seed",
	    r->hours_cost, x->s->currency[0] ? " " : "", x->s->currency, r->hours_people_cost,
	    r->iter[c].cost - r->hours_cost, r->hours_people_cost - people);
	return 0;
}

int
opt_prefer_people(struct opt *x, int *ans, struct cq_err *err)
{
	struct opt_result *r = x->r;
	const struct opt_opts *o = x->o;
	int cand[OPT_PEOPLE_CANDIDATES], n, i, best, tries = 0, conf;
	double pc[OPT_PEOPLE_CANDIDATES], low;

	r->people_cost = o->people_cost(o->people_arg, x->s, r->staff);
	n = candidates(x, *ans, cand);
	for (i = 0; i < n; i++)
		pc[i] = o->people_cost(o->people_arg, x->s, r->iter[cand[i]].staff);
	while (tries < OPT_PEOPLE_CONFIRMS) {
		/* The cheapest in people, if cheaper than the answer's (by a cent). */
		low = r->people_cost >= 0 ? r->people_cost - 0.01 : INFINITY;
		for (i = 0, best = -1; i < n; i++)
			if (pc[i] >= 0 && pc[i] < low)
				low = pc[best = i];
		if (best < 0)
			break;
		tries++;
		if ((conf = opt_confirm(x, r->iter[cand[best]].staff, err)) < 0)
			return -1;
		if (r->iter[conf].all_met)
			return switch_to(x, cand[best], conf, ans, pc[best], err);
		pc[best] = -1;    /* it failed on fresh numbers: not a candidate */
	}
	snprintf(r->people_note, sizeof r->people_note, "%s", n == 0 ?
	    "no other roster that met every target was within 10% of its hours cost" :
	    tries == 0 ? "no roster within 10% of its hours cost that met every target "
	    "needs people that cost less" : "the rosters cheaper in people did not hold "
	    "every target on the fresh seed");
	return 0;
}
