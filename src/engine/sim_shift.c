/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_shift.c — shifts in the engine: scheduling a shift's next start (days,
 * holidays), persons coming on duty (back-to-back runs as one stretch, the
 * roster's cost), going off duty at the end, and the overtime of those who
 * stay to finish an item; absence (drawn per person-shift at its start) and
 * breaks (staggered over their window, taken after the item in hand).
 */
#include <math.h>

#include "sim_int.h"

/* ---- shifts -------------------------------------------------------------------- */

/* Person p, who stayed past the end of their stretch to finish an item, stops
 * now: the time past shift_end is overtime, paid at the shift's rate. */
void
sim_overtime_end(struct sim *m, struct person *p)
{
	const struct scn_shift *sh = &m->s->shifts[p->shift];
	double ot = in_span(m, p->shift_end, m->now);

	m->out->role[sh->role].overtime_min += ot;
	m->out->role[sh->role].cost += ot / 60.0 * sh->cost_per_hour;
	p->leaving = 0;
}

int
sim_shift_runs_on(const struct sim *m, int si, long day)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	int wd = (int)(((day + m->s->start_weekday) % 7 + 7) % 7);

	if (!(sh->days & (1u << wd)))
		return 0;
	if (sh->skip_holidays && day >= 0 && day < m->ndays && m->holiday[day])
		return 0;
	return 1;
}

/* Schedule the next start of shift si on or after day `from`. */
int
sim_schedule_shift(struct sim *m, int si, long from)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	long d;

	for (d = from; d < m->ndays; d++) {
		double t = d * DAY_MIN + sh->start;

		if (d * DAY_MIN + sh->end <= 0.0 || !sim_shift_runs_on(m, si, d))
			continue;
		if (t >= m->stop_at)
			return 0;
		return push(m, t < 0.0 ? 0.0 : t, EV_SHIFT_START, (uint32_t)si);
	}
	return 0;
}

/* Uniform in [0, 1) for person j of shift si's run starting on `day`: its own
 * substream of the shift's absence key, so that neither the roster nor any
 * other draw changes it (common random numbers). */
double
sim_absence_u(const struct sim *m, int si, long day, uint32_t j)
{
	uint64_t x = rng_child_key(rng_child_key(m->absence_key[si], (uint64_t)day), j);

	return (double)(x >> 11) * 0x1.0p-53;
}

/* Schedule person pid's next break of the run that is still to come: person
 * j of n at scn_break_due (spread over the window), or at once when that time
 * is past (a run clipped at t = 0). */
static int
break_next(struct sim *m, uint32_t pid)
{
	struct person *p = &m->persons[pid];
	const struct scn_shift *sh = &m->s->shifts[p->shift];
	uint32_t j = pid - m->shift_first[p->shift];
	uint32_t n = sim_run_staff(m, p->shift, (long)floor(p->occ / DAY_MIN + 0.5));

	p->break_ev = -1.0;
	for (; p->brk < sh->nbreaks; p->brk++) {
		const struct scn_break *b = &sh->breaks[p->brk];
		double t = p->occ + scn_break_due(b, (int)j, (int)n);

		if (p->occ + b->to <= m->now)
			continue;
		p->break_ev = t > m->now ? t : m->now;
		return push(m, p->break_ev, EV_BREAK, pid);
	}
	return 0;
}

/* Person pid, free now, starts its due break: off duty for its length, cut
 * at the window's end; one free only after the window ends skips it (and
 * stays on duty).  Then picks work if it did not go on break. */
int
sim_break_start(struct sim *m, uint32_t pid)
{
	struct person *p = &m->persons[pid];
	const struct scn_shift *sh = &m->s->shifts[p->shift];
	const struct scn_break *b = &sh->breaks[p->brk];
	double end = m->now + b->length, we = p->occ + b->to, off;

	p->break_due = 0;
	if (end > we)
		end = we;
	if (end <= m->now) {
		if (m->now >= m->warm && m->now < m->span_end)
			m->out->role[sh->role].breaks_skipped++;
		p->brk++;
		if (break_next(m, pid) != 0)
			return -1;
		return p->item < 0 && p->idle_pos < 0 ? person_pick(m, pid) : 0;
	}
	if (p->idle_pos >= 0)
		idle_remove(m, pid);
	p->on_break = 1;
	m->pools[p->pool].on_duty--;
	off = in_span(m, m->now, end);
	m->out->role[sh->role].on_duty_min -= off;
	p->break_ev = end;
	return push(m, end, EV_BREAK, pid);
}

/* A break ends now (at a shift's boundary, or its own end): back among the
 * persons on duty, not yet looking for work. */
static void
break_stop(struct sim *m, struct person *p)
{
	p->on_break = 0;
	p->break_ev = -1.0;
	m->pools[p->pool].on_duty++;
	p->brk++;
}

int
sim_on_break(struct sim *m, uint32_t pid, double t)
{
	struct person *p = &m->persons[pid];

	if (t != p->break_ev)
		return 0;               /* stale: the run it belonged to is over */
	if (p->on_break) {
		break_stop(m, p);
		if (break_next(m, pid) != 0)
			return -1;
		return person_pick(m, pid);
	}
	p->break_ev = -1.0;
	if (!p->on_duty || p->leaving || p->absent)
		return 0;
	if (p->item >= 0) {
		p->break_due = 1;       /* after the item in hand */
		return 0;
	}
	return sim_break_start(m, pid);
}

int
sim_on_shift_start(struct sim *m, int si)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	/* The run started on this day (a run from the day before t = 0 starts
	 * at 0, which still gives that day: start > 0 then). */
	long day = (long)floor((m->now - sh->start) / DAY_MIN);
	double end = day * DAY_MIN + sh->end;
	long d = day + 1;
	uint32_t j, n = sim_run_staff(m, si, day), absent = 0;
	/* Absence and breaks come run by run (a day's person-shift), so such a
	 * shift is never merged with the next day's run. */
	int merge = !(sh->absence > 0.0) && sh->nbreaks == 0;

	/* Back-to-back runs of the same shift (00:00-24:00 every day) with the
	 * same staff are one stretch on duty: nobody hands over at midnight. */
	while (merge && d < m->ndays && sim_shift_runs_on(m, si, d) &&
	    d * DAY_MIN + sh->start == end && sim_run_staff(m, si, d) == n) {
		end = d * DAY_MIN + sh->end;
		d++;
	}
	for (j = 0; j < n; j++) {
		uint32_t pid = m->shift_first[si] + j;
		struct person *p = &m->persons[pid];
		int counted;

		if (p->on_break)        /* a break of the last run ends with it */
			break_stop(m, p);
		p->break_due = 0;
		p->absent = sh->absence > 0.0 && sim_absence_u(m, si, day, j) < sh->absence;
		if (p->absent) {
			absent++;
			p->break_ev = -1.0;
			/* Still on from the run that ends now: off, after the item. */
			if (p->on_duty && !p->leaving) {
				m->pools[p->pool].on_duty--;
				if (p->item >= 0) {
					p->leaving = 1;
				} else {
					if (p->idle_pos >= 0)
						idle_remove(m, pid);
					p->on_duty = 0;
				}
			}
			continue;
		}
		counted = p->on_duty && !p->leaving;
		if (p->leaving)         /* still on overtime from the last stretch */
			sim_overtime_end(m, p);
		if (!counted)
			m->pools[p->pool].on_duty++;
		p->on_duty = 1;
		p->shift_end = end;
		if (sh->nbreaks > 0) {
			p->occ = day * DAY_MIN;
			p->brk = 0;
			if (break_next(m, pid) != 0)
				return -1;
		}
		if (p->item < 0 && p->idle_pos < 0 && person_pick(m, pid) != 0)
			return -1;
	}
	{
		double on = in_span(m, m->now, end);
		int role = sh->role;

		/* Absent persons are paid: the cost counts the roster. */
		m->out->role[role].on_duty_min += on * (n - absent);
		m->out->role[role].absent_min += on * absent;
		m->out->role[role].cost += on * n / 60.0 * sh->cost_per_hour;
		m->out->roster_cost += on * n / 60.0 * sh->cost_per_hour;
	}
	if (n > 0 && push(m, end, EV_SHIFT_END, (uint32_t)si) != 0)
		return -1;
	sim_cover_tick(m);
	if (m->deferred.n > 0 && sim_readmit(m) != 0)
		return -1;
	return sim_schedule_shift(m, si, d);
}

void
sim_on_shift_end(struct sim *m, int si)
{
	uint32_t j, n = (uint32_t)m->staff[si];

	sim_cover_tick(m);
	for (j = 0; j < n; j++) {
		uint32_t pid = m->shift_first[si] + j;
		struct person *p = &m->persons[pid];

		if (!p->on_duty || p->leaving || p->shift_end > m->now)
			continue;
		if (p->on_break) {      /* a break ending with the shift: off now */
			p->on_break = 0;
			p->break_ev = -1.0;
			p->on_duty = 0;
			continue;
		}
		m->pools[p->pool].on_duty--;
		if (p->break_due) {     /* busy through its break's window */
			p->break_due = 0;
			if (m->now >= m->warm && m->now < m->span_end)
				m->out->role[m->s->shifts[si].role].breaks_skipped++;
		}
		if (p->item >= 0) {
			p->leaving = 1;  /* finishes the item in hand: overtime */
		} else {
			idle_remove(m, pid);
			p->on_duty = 0;
		}
	}
}
