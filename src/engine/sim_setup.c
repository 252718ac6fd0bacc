/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_setup.c — building and freeing one replication's state: staff pools and
 * persons, random streams, and the per-replication results.  The event loop
 * is in sim.c.
 */
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"
#include "sim_int.h"

/* ---- set-up ---------------------------------------------------------------------- */

/* Two pools per role, office and on call (which serves only the role's sync
 * classes), and each class's rank in a pool: its place in the role's own
 * 'serves' list, so that an on-call pool ranks a sync class where the office
 * pool of the same role does, and office comes first. */
static void
pools_define(struct sim *m)
{
	const struct scn *s = m->s;
	int r, c, i, j;

	m->npools = 0;
	for (r = 0; r < s->nroles; r++) {
		for (j = 0; j < 2; j++) {
			struct pool *pl = &m->pools[m->npools];
			const struct scn_role *ro = &s->roles[r];

			memset(pl, 0, sizeof *pl);
			pl->role = r;
			pl->on_call = j;
			pl->preempt = ro->preempt;
			pl->fcfs = ro->discipline == SCN_FCFS;
			for (i = 0; i < ro->nserves; i++) {
				c = ro->serves[i];
				if (j == 1 && s->classes[c].mode != SCN_SYNC)
					continue;   /* on call serves only sync classes */
				pl->serves[pl->nserves++] = c;
			}
			m->npools++;
		}
	}
	for (i = 0; i < m->npools; i++)
		for (c = 0; c < SCN_MAX_CLASSES; c++)
			m->rank[i][c] = -1;
	for (i = 0; i < m->npools; i++) {
		const struct scn_role *ro = &s->roles[m->pools[i].role];

		for (j = 0; j < ro->nserves; j++)
			if (!m->pools[i].on_call ||
			    s->classes[ro->serves[j]].mode == SCN_SYNC)
				m->rank[i][ro->serves[j]] = j;
	}
}

/* The persons, grouped by pool so that each pool's ids are contiguous.
 * Returns 0, -1 with m->err. */
static int
pools_persons(struct sim *m)
{
	const struct scn *s = m->s;
	uint32_t pid = 0;
	int si, i, j;

	for (i = 0; i < m->npools; i++) {
		struct pool *pl = &m->pools[i];

		pl->first = pid;
		for (si = 0; si < s->nshifts; si++) {
			const struct scn_shift *sh = &s->shifts[si];

			if (sh->role != pl->role || sh->on_call != pl->on_call)
				continue;
			m->shift_first[si] = pid;
			pid += (uint32_t)m->staff[si];
		}
		pl->count = pid - pl->first;
		pl->idle = malloc((pl->count ? pl->count : 1) * sizeof *pl->idle);
		if (pl->idle == NULL)
			return sim_fail_nomem(m);
	}
	m->npersons = pid;
	m->persons = calloc(pid ? pid : 1, sizeof *m->persons);
	if (m->persons == NULL)
		return sim_fail_nomem(m);
	for (si = 0; si < s->nshifts; si++) {
		const struct scn_shift *sh = &s->shifts[si];

		for (j = 0; j < m->staff[si]; j++) {
			struct person *p = &m->persons[m->shift_first[si] + j];

			p->pool = sh->role * 2 + sh->on_call;
			p->busy_min = &m->out->role[sh->role].busy_min;
			p->shift = si;
			p->item = -1;
			p->idle_pos = -1;
			p->break_ev = -1.0;
		}
	}
	return 0;
}

/* For each class, the pools that serve it: the pool that ranks it highest
 * first, office before on call, then cheaper roles. */
static void
pools_order(struct sim *m)
{
	const struct scn *s = m->s;
	int c, i, j;

	for (c = 0; c < s->nclasses; c++) {
		int n = 0;

		for (i = 0; i < m->npools; i++)
			if (m->rank[i][c] >= 0 && m->pools[i].count > 0)
				m->class_pools[c][n++] = i;
		for (i = 1; i < n; i++) {
			int x = m->class_pools[c][i];

			for (j = i - 1; j >= 0; j--) {
				int y = m->class_pools[c][j];
				const struct pool *px = &m->pools[x], *py = &m->pools[y];
				int before = m->rank[x][c] != m->rank[y][c] ?
				    m->rank[x][c] < m->rank[y][c] :
				    px->on_call != py->on_call ? px->on_call < py->on_call :
				    s->roles[px->role].cost_per_hour < s->roles[py->role].cost_per_hour;

				if (!before)
					break;
				m->class_pools[c][j + 1] = y;
			}
			m->class_pools[c][j + 1] = x;
		}
		m->nclass_pools[c] = n;
	}
}

int
sim_setup_pools(struct sim *m)
{
	pools_define(m);
	if (pools_persons(m) != 0)
		return -1;
	pools_order(m);
	return 0;
}
/* Stream i's day factors when it has a volume_cv: G ~ gamma(shape 1/c^2,
 * scale c^2), mean 1 and CV c, one per day of the horizon.  Drawn all at once
 * from a source of their own ("volume", the stream's name), so they neither
 * shift the stream's arrival draws nor any other stream's (common random
 * numbers), and a day's factor does not depend on how many arrivals came
 * before it.  Returns 0, -1 with m->err. */
static int
volume_days(struct sim *m, int rep, int i)
{
	const struct scn_stream *st = &m->s->streams[i];
	double c2 = st->volume_cv * st->volume_cv;
	gsl_rng *r;
	long d;

	if (!(st->volume_cv > 0.0) || st->trace != NULL)
		return 0;
	m->arr[i].day_g = malloc((size_t)m->ndays * sizeof *m->arr[i].day_g);
	if (m->arr[i].day_g == NULL ||
	    (r = rng_stream(m->s->seed, rep, "volume", st->name)) == NULL)
		return sim_fail_nomem(m);
	for (d = 0; d < m->ndays; d++)
		m->arr[i].day_g[d] = gsl_ran_gamma(r, 1.0 / c2, c2);
	gsl_rng_free(r);
	return 0;
}

int
sim_setup_streams(struct sim *m, int rep)
{
	const struct scn *s = m->s;
	uint64_t seed = s->seed;
	int i, j;

	m->r_arr = calloc((size_t)s->nstreams + 1, sizeof *m->r_arr);
	m->stream_key = calloc((size_t)s->nstreams + 1, sizeof *m->stream_key);
	if (m->r_arr == NULL || m->stream_key == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < s->nstreams; i++) {
		const char *n = s->streams[i].name;

		if ((m->r_arr[i] = rng_stream(seed, rep, "arrivals", n)) == NULL)
			return sim_fail_nomem(m);
		m->stream_key[i] = rng_source_key(seed, rep, "items", n);
	}
	/* Absence draws per shift, apart from every other source: a roster's
	 * size changes no one else's draws (common random numbers). */
	if ((m->absence_key = calloc((size_t)s->nshifts + 1, sizeof *m->absence_key)) == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];
		char name[SCN_MAX_NAME];
		size_t len = strlen(sh->name);

		/* A day of a shift split by day (optimize's copy, NAME[mon]) draws
		 * as the whole shift does on that day: the same persons absent. */
		if (sh->part > 0 && len >= SCN_PART_SUFFIX)
			len -= SCN_PART_SUFFIX;
		snprintf(name, sizeof name, "%.*s", (int)len, sh->name);
		m->absence_key[i] = rng_source_key(seed, rep, "absence", name);
	}
	/* A stream with one rate all week has no hours to walk through, unless
	 * its days vary: then next_arrival walks the hours to meet each day. */
	for (i = 0; i < s->nstreams; i++) {
		const double *r = s->streams[i].rate;
		struct arrivals *a = &m->arr[i];

		if (volume_days(m, rep, i) != 0)
			return -1;
		for (j = 1; j < WEEK_HOURS && r[j] == r[0]; j++)
			;
		a->flat = j == WEEK_HOURS && r[0] > 0.0 && a->day_g == NULL;
		if (a->flat)            /* all next_arrival needs of it */
			a->inv_rate = 1.0 / r[0];
	}
	m->arr_cum = calloc((size_t)s->nstreams * SCN_MAX_CLASSES + 1, sizeof *m->arr_cum);
	if (m->arr_cum == NULL)
		return sim_fail_nomem(m);
	for (i = 0; i < s->nstreams; i++) {
		double acc = 0.0;

		for (j = 0; j < s->streams[i].nclasses; j++) {
			acc += s->streams[i].share[j];
			m->arr_cum[(size_t)i * SCN_MAX_CLASSES + j] = acc;
		}
	}
	return 0;
}

static void
free_rngs(gsl_rng **r, int n)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < n; i++)
		if (r[i] != NULL)
			gsl_rng_free(r[i]);
	free(r);
}

void
sim_cleanup(struct sim *m)
{
	const struct scn *s = m->s;
	int i;

	evq_free(&m->q);
	if (m->arr != NULL)
		for (i = 0; i < s->nstreams; i++)
			free(m->arr[i].day_g);
	free(m->arr);
	free(m->items);
	free(m->free_items);
	if (m->queues != NULL)
		for (i = 0; i < s->nclasses; i++) {
			free(m->queues[i].h);
			free(m->queues[i].ring);
		}
	free(m->queues);
	free(m->deferred.h);
	for (i = 0; i < m->npools; i++)
		free(m->pools[i].idle);
	free(m->persons);
	free(m->shift_first);
	free(m->holiday);
	free_rngs(m->r_arr, s->nstreams);
	free(m->stream_key);
	free(m->absence_key);
	free(m->arr_cum);
	sim_cover_free(m);
}

/* Some pool that serves class c has discipline = fcfs: its items need their
 * place in line (seq) to be compared with other classes' heads. */
static int
class_fcfs(const struct sim *m, int c)
{
	int i;

	for (i = 0; i < m->nclass_pools[c]; i++)
		if (m->pools[m->class_pools[c][i]].fcfs)
			return 1;
	return 0;
}

/* Some pool in the roster that serves class c may preempt async work for it. */
static int
class_preempts(const struct sim *m, int c)
{
	int i;

	for (i = 0; i < m->nclass_pools[c]; i++)
		if (m->pools[m->class_pools[c][i]].preempt)
			return 1;
	return 0;
}

/* The per-class facts of the hot path, and each class's kind of queue; after
 * sim_setup_pools (a pool's part in the roster counts). */
void
sim_setup_classes(struct sim *m)
{
	const struct scn *s = m->s;
	unsigned char routed_into[SCN_MAX_CLASSES] = { 0 };
	int c, j, any_acute = 0;

	/* A pathway carries its patient's p_acute into the classes it reaches. */
	for (c = 0; c < s->nclasses; c++) {
		any_acute |= s->classes[c].acute.kind != DIST_NONE;
		for (j = 0; j < s->classes[c].nnext; j++)
			routed_into[s->classes[c].next_class[j]] = 1;
	}
	for (c = 0; c < s->nclasses; c++) {
		const struct scn_class *k = &s->classes[c];
		struct klass *kl = &m->kl[c];
		struct queue *q = &m->queues[c];

		kl->rep = &m->out->cls[c];
		kl->handle_mean = sim_handle_mean(s, c);
		kl->svc_mean = k->service.kind == DIST_EXP ? k->service.a : 0.0;
		kl->svc_w = k->service_by_hour >= 0 ? k->service_w : NULL;
		kl->contact = k->mode == SCN_SYNC && s->contact.enabled;
		kl->svc_w_start = kl->contact ? NULL : kl->svc_w;
		kl->start_rare = kl->svc_w_start != NULL || m->rec != NULL;
		kl->handle_svc = dist_mean(&k->service) * (k->mode == SCN_SYNC &&
		    s->contact.enabled ? 1.0 - pow(1.0 - s->contact.reach,
		    s->contact.max_attempts) : 1.0);
		/* The target applies to the wait (sync) or the response (async);
		 * -1 minute is never met. */
		kl->met_wait = k->has_target && k->mode == SCN_SYNC ? k->target_within : -1.0;
		kl->met_resp = k->has_target && k->mode == SCN_ASYNC ? k->target_within : -1.0;
		kl->miss_wait = k->has_target && k->mode == SCN_SYNC ? k->target_within :
		    INFINITY;
		kl->miss_resp = k->has_target && k->mode == SCN_ASYNC ? k->target_within :
		    INFINITY;
		kl->more_draws = k->acute.kind != DIST_NONE || s->esc.screen_at_arrival ||
		    (k->mode == SCN_SYNC && (k->patience.kind != DIST_NONE ||
		    s->contact.enabled));
		/* Done is done for an async item without acuity (none of its own,
		 * none brought along a pathway) or escalation, and for every reached
		 * sync item (on_done reviews async items only), unless the class
		 * has 'next' (the item may move on: sim_route) or records are on
		 * (done_not_plain hands them over: no test on the plain path). */
		kl->plain_done = m->rec == NULL && k->nnext == 0 && (k->mode == SCN_SYNC ||
		    (k->acute.kind == DIST_NONE && !(routed_into[c] && any_acute) &&
		    !s->esc.enabled));
		kl->contact = k->mode == SCN_SYNC && s->contact.enabled;
		/* A sync queue orders by descending p_acute, then first come.  With
		 * every p_acute 0 (no acute distribution, and no call-back escalated
		 * into the class with its source's risk) that is first come, first
		 * served: the ring.  A sync item is never put back at the head
		 * (preemption interrupts async work only).  Patience may leave
		 * abandoned items in it (lazy), freed when they reach the head. */
		if (k->mode == SCN_ASYNC)
			q->kind = Q_RING;
		else if (k->acute.kind != DIST_NONE ||
		    (s->esc.enabled && c == s->esc.to_class) ||
		    (routed_into[c] && any_acute))
			q->kind = Q_HEAP;
		else
			q->kind = k->patience.kind != DIST_NONE ? Q_RING_LAZY : Q_RING;
		/* Call-backs held back by capacity = dynamic are decided in
		 * dispatch_queue; any other async item just joins its queue, and so
		 * does a sync item of a ring with no patience clock to start and no
		 * async work to preempt. */
		if (k->mode == SCN_ASYNC)
			kl->plain_queue = !(s->esc.enabled &&
			    s->esc.capacity == SCN_DYNAMIC && c == s->esc.to_class);
		else
			kl->plain_queue = q->kind == Q_RING && !class_preempts(m, c);
		/* A ring an fcfs role serves: its items go through queue_push,
		 * which stamps their place in line, and its persons through
		 * sim_person_pick_all (person_pick's inline case is Q_RING). */
		if (q->kind != Q_HEAP && class_fcfs(m, c)) {
			q->kind = Q_RING_LINE;
			kl->plain_queue = 0;
		}
	}
}

/* Mean person-minutes an item of class c takes: its service, and for a sync
 * item with [contact] the attempts, E[attempts] = sum_{k<n} (1 - r)^k. */
double
sim_handle_mean(const struct scn *s, int c)
{
	const struct scn_contact *ct = &s->contact;
	double t = dist_mean(&s->classes[c].service), q = 1.0;
	int k;

	if (s->classes[c].mode == SCN_SYNC && ct->enabled) {
		t *= 1.0 - pow(1.0 - ct->reach, ct->max_attempts);
		for (k = 0; k < ct->max_attempts; k++, q *= 1.0 - ct->reach)
			t += ct->attempt * q;
	}
	return t;
}

/* Drain: long enough for every class target twice over, at least a week. */
double
sim_drain_span(const struct scn *s)
{
	double d = WEEK_MIN;
	int c;

	for (c = 0; c < s->nclasses; c++)
		if (s->classes[c].has_target && 2.0 * s->classes[c].target_within > d)
			d = 2.0 * s->classes[c].target_within;
	return d;
}

/* ---- limits -------------------------------------------------------------------- */

size_t
sim_item_bytes(void)
{
	size_t slot = sizeof(struct qent) > sizeof(uint32_t) ? sizeof(struct qent) :
	    sizeof(uint32_t);

	/* Items and their free list stop growing at max_waiting (item_new); a
	 * queue and the calendar double, so they may hold twice what is live. */
	return sizeof(struct item) + sizeof(uint32_t) + 2 * slot + 2 * sizeof(struct ev);
}

int
sim_check_limits(const struct scn *s, int threads, struct cq_err *err)
{
	uint64_t waiting = s->max_waiting > 0 ? (uint64_t)s->max_waiting : SIM_MAX_ITEMS;
	uint64_t max_events = s->max_events ? s->max_events : SIM_DEFAULT_MAX_EVENTS;
	uint64_t need;
	double arrivals = 0.0, weeks = s->weeks + s->warmup / WEEK_MIN;
	int i;

	if (threads < 1)
		threads = 1;
	need = waiting * sim_item_bytes() * (uint64_t)threads;
	if (need > SIM_OPEN_BUDGET)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, 0, "[scenario] max_waiting = %llu "
		    "on %d thread%s could take %llu MiB for open items, more than the %llu "
		    "MiB clinicq allows them; lower max_waiting (at most %llu per thread)%s",
		    (unsigned long long)waiting, threads,
		    threads == 1 ? "" : "s", (unsigned long long)(need >> 20),
		    (unsigned long long)(SIM_OPEN_BUDGET >> 20),
		    (unsigned long long)(SIM_OPEN_BUDGET / sim_item_bytes() /
		    (uint64_t)threads), threads > 1 ? " or run fewer threads (-j)" : "");
	{
		double cov = sim_cover_bytes(s) * threads;

		if (cov > (double)SIM_COVER_BUDGET)
			return cq_err_set(err, CQ_EXIT_USAGE, s->file, 0, "the coverage "
			    "timelines of %d shift%s over %g weeks on %d thread%s could take "
			    "%.0f MiB, more than the %llu MiB clinicq allows them; shorten "
			    "[scenario] weeks or use fewer shifts%s", s->nshifts,
			    s->nshifts == 1 ? "" : "s", s->weeks, threads, threads == 1 ? "" : "s",
			    cov / 1048576.0, (unsigned long long)(SIM_COVER_BUDGET >> 20),
			    threads > 1 ? ", or run fewer threads (-j)" : "");
	}
	/* Each arrival is an event: a replication that expects more is refused
	 * now rather than after playing max_events of them. */
	for (i = 0; i < s->nstreams; i++)
		arrivals += s->streams[i].per_week * weeks;
	/* Items routed on by 'next' are events too (the traffic equations). */
	for (i = 0; i < s->nclasses; i++)
		arrivals += (s->classes[i].per_week - s->classes[i].per_week_external) * weeks;
	if (arrivals > (double)max_events)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, 0, "a replication expects "
		    "about %.3g arrivals over warm-up and span, more than the %llu events "
		    "set by [scenario] max_events; raise max_events, shorten [scenario] "
		    "weeks or lower the volume", arrivals, (unsigned long long)max_events);
	return 0;
}

/* ---- results ------------------------------------------------------------------- */

struct sim_rep *
sim_rep_new(const struct scn *s)
{
	struct sim_rep *r = calloc(1, sizeof *r);
	int c;

	if (r == NULL)
		return NULL;
	r->nclasses = s->nclasses;
	r->nroles = s->nroles;
	r->nweeks = (int)floor(s->weeks + 1e-9);
	r->cls = calloc((size_t)s->nclasses + 1, sizeof *r->cls);
	r->role = calloc((size_t)s->nroles + 1, sizeof *r->role);
	if (r->cls == NULL || r->role == NULL)
		goto fail;
	for (c = 0; c < s->nclasses; c++) {
		r->cls[c].week_backlog = calloc((size_t)r->nweeks + 1, sizeof(double));
		if (r->cls[c].week_backlog == NULL)
			goto fail;
	}
	return r;
fail:
	sim_rep_free(r);
	return NULL;
}

void
sim_rep_free(struct sim_rep *r)
{
	int c;

	if (r == NULL)
		return;
	if (r->cls != NULL)
		for (c = 0; c < r->nclasses; c++)
			free(r->cls[c].week_backlog);
	free(r->cls);
	free(r->role);
	free(r);
}

void
sim_rep_reset(struct sim_rep *r)
{
	int c;

	for (c = 0; c < r->nclasses; c++) {
		double *wb = r->cls[c].week_backlog;

		memset(&r->cls[c], 0, sizeof r->cls[c]);
		memset(wb, 0, ((size_t)r->nweeks + 1) * sizeof *wb);
		r->cls[c].week_backlog = wb;
	}
	memset(r->role, 0, (size_t)r->nroles * sizeof *r->role);
	memset(&r->safety, 0, sizeof r->safety);
	r->events = 0;
	r->roster_cost = 0.0;
}
