/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * sim_shift.c — shifts in the engine: scheduling a shift's next start (days,
 * holidays), persons coming on duty (back-to-back runs as one stretch, the
 * roster's cost), going off duty at the end, and the overtime of those who
 * stay to finish an item.
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

int
sim_on_shift_start(struct sim *m, int si)
{
	const struct scn_shift *sh = &m->s->shifts[si];
	/* The run started on this day (a run from the day before t = 0 starts
	 * at 0, which still gives that day: start > 0 then). */
	long day = (long)floor((m->now - sh->start) / DAY_MIN);
	double end = day * DAY_MIN + sh->end;
	long d = day + 1;
	uint32_t j, n = (uint32_t)m->staff[si];

	/* Back-to-back runs of the same shift (00:00-24:00 every day) are one
	 * stretch on duty: nobody hands over at midnight. */
	while (d < m->ndays && sim_shift_runs_on(m, si, d) && d * DAY_MIN + sh->start == end) {
		end = d * DAY_MIN + sh->end;
		d++;
	}
	{
		double on = in_span(m, m->now, end) * n;
		int role = sh->role;

		m->out->role[role].on_duty_min += on;
		m->out->role[role].cost += on / 60.0 * sh->cost_per_hour;
		m->out->roster_cost += on / 60.0 * sh->cost_per_hour;
	}
	for (j = 0; j < n; j++) {
		uint32_t pid = m->shift_first[si] + j;
		struct person *p = &m->persons[pid];
		int counted = p->on_duty && !p->leaving;

		if (p->leaving)         /* still on overtime from the last stretch */
			sim_overtime_end(m, p);
		if (!counted)
			m->pools[p->pool].on_duty++;
		p->on_duty = 1;
		p->shift_end = end;
		if (p->item < 0 && person_pick(m, pid) != 0)
			return -1;
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
		m->pools[p->pool].on_duty--;
		if (p->item >= 0) {
			p->leaving = 1;  /* finishes the item in hand: overtime */
		} else {
			idle_remove(m, pid);
			p->on_duty = 0;
		}
	}
}
