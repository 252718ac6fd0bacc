/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_staff.c — persons on duty from the agent column (see fit_staff.h):
 * busy minutes gathered per agent and day in one pass over a log in any
 * order, on-duty sessions inferred from them afterwards, and the weekly
 * staircase cut into shifts.
 */
#include "fit_staff.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

#define WORDS ((DAY_MINUTES + 63) / 64)   /* 64-bit words of a day's minutes */
#define AGENT_SLOTS 32768                 /* > 2 x FIT_STAFF_MAX_AGENTS: a sparse table */

/* The minutes one agent was busy on one day. */
struct agent_day {
	long key;                 /* agent * ndays + day index */
	uint64_t busy[WORDS];
};

struct fit_staff {
	const char *file;
	long start_day;
	int ndays;
	double idle_gap;
	int nagents;
	char (*names)[LOG_MAX_NAME];   /* [nagents], grown as met */
	int cap_names;
	int agent_slot[AGENT_SLOTS];   /* agent index + 1; 0 empty */
	int last_agent;                /* logs come in runs of one agent */
	struct agent_day *days;        /* [ndays_used] */
	long nused, cap_days;
	long *day_slot;                /* open addressing: index + 1; 0 empty */
	long nslots;
	long no_start;
};

/* A name's hash (FNV-1a). */
static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;   /* FNV-1a */

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

/* An agent-day key's hash. */
static uint64_t
hash_long(long k)
{
	uint64_t z = (uint64_t)k + 0x9e3779b97f4a7c15u;   /* splitmix64's finaliser */

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* Owner: the caller, who frees it with fit_staff_free. */
int
fit_staff_new(struct fit_staff **sp, const char *file, long start_day, int ndays,
    double idle_gap, struct cq_err *err)
{
	struct fit_staff *s = calloc(1, sizeof *s);

	*sp = NULL;
	if (s == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, file, 0, "out of memory");
	s->file = file;
	s->start_day = start_day;
	s->ndays = ndays;
	s->idle_gap = idle_gap;
	s->last_agent = -1;
	*sp = s;
	return 0;
}

/* Frees s and all it holds; NULL is fine. */
void
fit_staff_free(struct fit_staff *s)
{
	if (s == NULL)
		return;
	free(s->names);
	free(s->days);
	free(s->day_slot);
	free(s);
}

/* Counted for the warning only. */
void
fit_staff_no_start(struct fit_staff *s)
{
	s->no_start++;
}

/* The agent's index, added when new; -1 with err past the limit. */
static int
agent_index(struct fit_staff *s, const char *name, long line, struct cq_err *err)
{
	uint64_t h;
	int i;

	if (s->last_agent >= 0 && strcmp(s->names[s->last_agent], name) == 0)
		return s->last_agent;
	for (h = hash_str(name) % AGENT_SLOTS; s->agent_slot[h] != 0; h = (h + 1) % AGENT_SLOTS)
		if (strcmp(s->names[s->agent_slot[h] - 1], name) == 0)
			return s->last_agent = s->agent_slot[h] - 1;
	if (s->nagents == FIT_STAFF_MAX_AGENTS)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, (int)line, "more than %d distinct "
		    "agents; fit a part of the log (--from, --to)", FIT_STAFF_MAX_AGENTS);
	if (s->nagents == s->cap_names) {
		int cap = s->cap_names > 0 ? 2 * s->cap_names : 64;
		void *p = realloc(s->names, (size_t)cap * sizeof *s->names);

		if (p == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, s->file, 0, "out of memory");
		s->names = p;
		s->cap_names = cap;
	}
	i = s->nagents++;
	snprintf(s->names[i], LOG_MAX_NAME, "%s", name);
	s->agent_slot[h] = i + 1;
	return s->last_agent = i;
}

/* The table's slot of key: its entry's, or the empty one it would take. */
static long *
slot_of(long *slots, long nslots, const struct agent_day *days, long key)
{
	long h = (long)(hash_long(key) & (uint64_t)(nslots - 1));

	while (slots[h] != 0 && days[slots[h] - 1].key != key)
		h = (h + 1) & (nslots - 1);
	return &slots[h];
}

/* Room for one more agent-day: the array and, at half full, the table. */
static int
grow_days(struct fit_staff *s, long line, struct cq_err *err)
{
	long i;

	if (s->nused == FIT_STAFF_MAX_AGENT_DAYS)
		return cq_err_set(err, CQ_EXIT_USAGE, s->file, (int)line, "agents served on more "
		    "than %d agent-days (a limit on fit's memory); fit a part of the log "
		    "(--from, --to)", FIT_STAFF_MAX_AGENT_DAYS);
	if (s->nused == s->cap_days) {
		long cap = s->cap_days > 0 ? 2 * s->cap_days : 256;
		void *p;

		if (cap > FIT_STAFF_MAX_AGENT_DAYS)
			cap = FIT_STAFF_MAX_AGENT_DAYS;
		if ((p = realloc(s->days, (size_t)cap * sizeof *s->days)) == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, s->file, 0, "out of memory");
		s->days = p;
		s->cap_days = cap;
	}
	if (2 * (s->nused + 1) > s->nslots) {
		long n = s->nslots > 0 ? 2 * s->nslots : 1024;
		long *t = calloc((size_t)n, sizeof *t);

		if (t == NULL)
			return cq_err_set(err, CQ_EXIT_FAIL, s->file, 0, "out of memory");
		for (i = 0; i < s->nused; i++)
			*slot_of(t, n, s->days, s->days[i].key) = i + 1;
		free(s->day_slot);
		s->day_slot = t;
		s->nslots = n;
	}
	return 0;
}

/* The busy bitmap of agent a on day index d, made when new. */
static struct agent_day *
agent_day(struct fit_staff *s, int a, long d, long line, struct cq_err *err)
{
	long key = (long)a * s->ndays + d, *slot;
	struct agent_day *ad;

	if (s->nslots > 0 && *(slot = slot_of(s->day_slot, s->nslots, s->days, key)) != 0)
		return &s->days[*slot - 1];
	if (grow_days(s, line, err) != 0)
		return NULL;
	slot = slot_of(s->day_slot, s->nslots, s->days, key);
	ad = &s->days[s->nused];
	memset(ad, 0, sizeof *ad);
	ad->key = key;
	*slot = ++s->nused;
	return ad;
}

/* Marks the service's minutes busy, clipped to the days fitted. */
int
fit_staff_add(struct fit_staff *s, const char *agent, long day, double minute,
    double service, long line, struct cq_err *err)
{
	long t0, t1, t, end = (long)s->ndays * DAY_MINUTES;
	int a;

	/* Minutes since the first day fitted: [t0, t1), at least the minute it began. */
	t0 = (day - s->start_day) * DAY_MINUTES + (long)floor(minute);
	t1 = service > 0 ? (day - s->start_day) * DAY_MINUTES + (long)ceil(minute + service) :
	    t0 + 1;
	if (t1 <= t0)
		t1 = t0 + 1;
	if (t0 < 0)
		t0 = 0;
	if (t1 > end)
		t1 = end;
	if (t0 >= t1)
		return 0;
	if ((a = agent_index(s, agent, line, err)) < 0)
		return -1;
	for (t = t0; t < t1;) {
		long d = t / DAY_MINUTES, m = t % DAY_MINUTES;
		struct agent_day *ad = agent_day(s, a, d, line, err);

		if (ad == NULL)
			return -1;
		for (; m < DAY_MINUTES && t < t1; m++, t++)
			ad->busy[m / 64] |= (uint64_t)1 << (m % 64);
	}
	return 0;
}

/* qsort: by agent, then day. */
static int
by_key(const void *x, const void *y)
{
	long a = ((const struct agent_day *)x)->key, b = ((const struct agent_day *)y)->key;

	return (a > b) - (a < b);
}

/* Minutes [t0, t1) on duty into per[day * 24 + hour]. */
static void
add_duty(double *per, long t0, long t1)
{
	while (t0 < t1) {
		long h = t0 / HOUR_MINUTES, next = (h + 1) * HOUR_MINUTES;

		if (next > t1)
			next = t1;
		per[h] += (double)(next - t0);
		t0 = next;
	}
}

/*
 * Person-minutes on duty in each hour of each day fitted, per[ndays * 24]:
 * each agent's busy minutes in time order (the bitmaps sorted by agent and
 * day), a gap of at most idle_gap minutes between two of them on duty too.
 * Sorting ends the table's use: no fit_staff_add after it.
 */
static void
infer_duty(struct fit_staff *s, double *per)
{
	long i, gap = (long)s->idle_gap, last = -1, prev_agent = -1;

	if (s->nused > 0)   /* qsort wants a valid pointer even for none */
		qsort(s->days, (size_t)s->nused, sizeof *s->days, by_key);
	free(s->day_slot);
	s->day_slot = NULL;
	s->nslots = 0;
	for (i = 0; i < s->nused; i++) {
		const struct agent_day *ad = &s->days[i];
		long agent = ad->key / s->ndays, base = (ad->key % s->ndays) * DAY_MINUTES;
		int w;

		if (agent != prev_agent)
			last = -1;   /* no session yet */
		prev_agent = agent;
		for (w = 0; w < WORDS; w++) {
			uint64_t bits = ad->busy[w];

			while (bits != 0) {
				long t = base + w * 64 + __builtin_ctzll(bits);

				bits &= bits - 1;
				if (last >= 0 && t - last <= gap)
					add_duty(per, last, t + 1);   /* the gap and t */
				else
					add_duty(per, t, t + 1);
				last = t + 1;
			}
		}
	}
}

/* Distinct agents of each week fitted: their mean, least and most. */
static void
agents_per_week(const struct fit_staff *s, double *mean, long *lo, long *hi)
{
	long i, prev_agent = -1, prev_week = -1, n = 0, nweeks = s->ndays / WEEK_DAYS, w;
	long *count = calloc((size_t)nweeks, sizeof *count);

	*mean = 0;
	*lo = *hi = 0;
	if (count == NULL)
		return;
	for (i = 0; i < s->nused; i++) {
		long agent = s->days[i].key / s->ndays, week = s->days[i].key % s->ndays / 7;

		if (agent != prev_agent || week != prev_week)
			count[week]++;
		prev_agent = agent;
		prev_week = week;
	}
	for (w = 0; w < nweeks; w++) {
		n += count[w];
		if (w == 0 || count[w] < *lo)
			*lo = count[w];
		if (count[w] > *hi)
			*hi = count[w];
	}
	*mean = nweeks > 0 ? (double)n / (double)nweeks : 0;
	free(count);
}

/* Fills mean[WEEK_HOURS] with the mean persons on duty over the days kept
 * (kept[day index]); nkept[weekday] the days kept.  -1: out of memory. */
int
fit_staff_profile(struct fit_staff *s, const unsigned char *kept, double mean[WEEK_HOURS],
    int nkept[WEEK_DAYS])
{
	double *per = calloc((size_t)s->ndays * DAY_HOURS, sizeof *per);
	long d;
	int h;

	if (per == NULL)
		return -1;
	infer_duty(s, per);
	memset(nkept, 0, WEEK_DAYS * sizeof *nkept);
	for (h = 0; h < WEEK_HOURS; h++)
		mean[h] = 0;
	/* Day index 0 is a Monday: weekday d % 7. */
	for (d = 0; d < s->ndays; d++) {
		if (!kept[d])
			continue;
		nkept[d % 7]++;
		for (h = 0; h < DAY_HOURS; h++)
			mean[d % 7 * DAY_HOURS + h] += per[d * DAY_HOURS + h] / HOUR_MINUTES;
	}
	for (h = 0; h < WEEK_HOURS; h++)
		if (nkept[h / DAY_HOURS] > 0)
			mean[h] /= nkept[h / DAY_HOURS];
	free(per);
	return 0;
}

/* See fit_staff.h. */
void
fit_staff_names(const struct fit_staff *s, int *nagents, long *no_start, double *week_mean,
    long *week_lo, long *week_hi)
{
	*nagents = s->nagents;
	*no_start = s->no_start;
	agents_per_week(s, week_mean, week_lo, week_hi);
}

/* The gap in use, for the comments. */
double
fit_staff_idle_gap(const struct fit_staff *s)
{
	return s->idle_gap;
}

/* The shift of hours [a, b) in sh[0 .. *n), added when new. */
static struct fit_shift *
shift_of(struct fit_shift *sh, int *n, int a, int b)
{
	int i;

	for (i = 0; i < *n; i++)
		if (sh[i].start == a && sh[i].end == b)
			return &sh[i];
	memset(&sh[*n], 0, sizeof sh[*n]);
	sh[*n].start = a;
	sh[*n].end = b;
	return &sh[(*n)++];
}

/* qsort: by start, then end. */
static int
by_start(const void *x, const void *y)
{
	const struct fit_shift *a = x, *b = y;

	return a->start != b->start ? a->start - b->start : a->end - b->end;
}

/* See fit_staff.h. */
int
fit_staff_staircase(const int persons[WEEK_HOURS], struct fit_shift *sh)
{
	int n = 0, d, k, h, top;

	for (d = 0; d < WEEK_DAYS; d++) {
		const int *p = &persons[d * DAY_HOURS];

		for (top = 0, h = 0; h < DAY_HOURS; h++)
			if (p[h] > top)
				top = p[h];
		/* Layer k: each maximal run of hours with at least k persons, one
		 * person.  A day has 300 (start, end) pairs: sh holds them all. */
		for (k = 1; k <= top; k++)
			for (h = 0; h < DAY_HOURS;) {
				int a;
				struct fit_shift *f;

				if (p[h] < k) {
					h++;
					continue;
				}
				for (a = h; h < DAY_HOURS && p[h] >= k; h++)
					;
				f = shift_of(sh, &n, a, h);
				f->mask |= 1u << d;
				f->staff[d]++;
			}
	}
	qsort(sh, (size_t)n, sizeof *sh, by_start);
	return n;
}
