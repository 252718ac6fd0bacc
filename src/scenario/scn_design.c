/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_design.c — scn_design(), optimize's derived copy of a scenario, in
 * which every template's candidate is an ordinary shift and every by_day
 * shift one shift per day, so that the engine plays a designed roster, and a
 * roster by day, like any other, and the optimizer has one column for each.
 *
 * The parts of a shift split by day are named NAME[mon] ... (part set, one
 * after another); a by_day template becomes one template per day, NAME[mon],
 * whose min, max and max_shifts bound that day's candidates, and each of its
 * candidates NAME@HH:MM+LENGTH a part per day, NAME@HH:MM+LENGTH[mon].
 * scn_rshift_at() (scn_roster.c) takes the parts together again.
 */
#include <stdlib.h>
#include <string.h>

#include "scn_int.h"
#include "week.h"

int
scn_design_needed(const struct scn *s)
{
	int i;

	for (i = 0; i < s->nshifts; i++)
		if (s->shifts[i].by_day)
			return 1;
	return s->ntemplates > 0;
}

/* The days of a mask. */
static int
ndays(unsigned days)
{
	int d, n = 0;

	for (d = 0; d < WEEK_DAYS; d++)
		n += (days >> d) & 1;
	return n;
}

/* name[day] into out (fits: the loader checked the names of by_day sections). */
static void
part_name(char out[SCN_MAX_NAME], const char *name, int day)
{
	char buf[SCN_MAX_NAME + 16];

	snprintf(buf, sizeof buf, "%s[%s]", name, week_day_key[day]);
	memcpy(out, buf, SCN_MAX_NAME - 1);
	out[SCN_MAX_NAME - 1] = '\0';
}

/* One number on every day. */
static void
uniform(int day[WEEK_DAYS], int v)
{
	int d;

	for (d = 0; d < WEEK_DAYS; d++)
		day[d] = v;
}

/* Shift sh (at index n of out) as the part of its run on weekday d: that
 * day's staff and bounds, one number each. */
static void
make_part(struct scn_shift *out, int n, int first, const struct scn_shift *sh, int d)
{
	struct scn_shift *p = &out[n];

	*p = *sh;
	part_name(p->name, sh->name, d);
	p->days = 1u << d;
	p->staff = sh->day_staff[d];
	p->min = sh->day_min[d];
	p->max = sh->day_max[d];
	uniform(p->day_staff, p->staff);
	uniform(p->day_min, p->min);
	uniform(p->day_max, p->max);
	p->per_day = 0;
	p->by_day = 0;
	p->part = d + 1;
	p->part_first = first;
}

/* The written shifts: as they are, or by day.  Returns the count. */
static int
written_shifts(const struct scn *s, struct scn_shift *out)
{
	int i, d, n = 0, first;

	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		if (!sh->by_day) {
			out[n] = *sh;
			out[n++].written = i + 1;
			continue;
		}
		for (d = 0, first = n; d < WEEK_DAYS; d++)
			if (sh->days & (1u << d)) {
				make_part(out, n, first, sh, d);
				out[n++].written = i + 1;
			}
	}
	return n;
}

/* The template's breaks whose window lies within the candidate (on its
 * first day or, past midnight, its second). */
static void
candidate_breaks(const struct scn_tmpl *t, struct scn_shift *sh)
{
	int i, off;

	sh->nbreaks = 0;
	for (i = 0; i < t->nbreaks; i++)
		for (off = -DAY_MINUTES; off <= DAY_MINUTES; off += DAY_MINUTES) {
			const struct scn_break *b = &t->breaks[i];

			if (b->from + off >= sh->start && b->to + off <= sh->end) {
				sh->breaks[sh->nbreaks] = *b;
				sh->breaks[sh->nbreaks].from += off;
				sh->breaks[sh->nbreaks++].to += off;
				break;
			}
		}
}

/* Candidate (start i, length j) of template t, of copy template k (0-based). */
static void
make_candidate(struct scn_shift *sh, const struct scn_tmpl *t, int k, int i, int j)
{
	char len[32], buf[SCN_MAX_NAME + 64];

	memset(sh, 0, sizeof *sh);
	scn_tmpl_length_name(t->lengths[j], len, sizeof len);
	/* Fits: the loader checked the longest name. */
	snprintf(buf, sizeof buf, "%s@%02d:%02d+%s", t->name,
	    (t->starts[i] / 60) % 100, t->starts[i] % 60, len);
	memcpy(sh->name, buf, sizeof sh->name - 1);
	sh->line = t->line;
	sh->role = t->role;
	sh->days = t->days;
	sh->start = t->starts[i];
	sh->end = t->starts[i] + t->lengths[j];
	sh->staff = 0;
	sh->min = 0;
	sh->max = t->max;
	uniform(sh->day_staff, 0);
	uniform(sh->day_min, 0);
	uniform(sh->day_max, t->max);
	sh->skip_holidays = t->skip_holidays;
	sh->on_call = t->on_call;
	sh->cost_per_hour = t->cost_per_hour;
	sh->absence = t->absence;
	sh->own_absence = t->own_absence;
	candidate_breaks(t, sh);
	sh->tmpl = k + 1;
}

/* Every template's candidates after the written shifts (n of them), its copy
 * templates in tm (*ntm of them): a by_day template one per day, and its
 * candidates' parts one after another.  Returns the count of shifts. */
static int
candidates(const struct scn *s, struct scn_shift *out, int n, struct scn_tmpl *tm, int *ntm)
{
	int k, i, j, d, m = 0, first, base[SCN_MAX_TEMPLATES];

	for (k = 0; k < s->ntemplates; k++) {
		const struct scn_tmpl *t = &s->templates[k];

		base[k] = m;
		if (!t->by_day) {
			tm[m] = *t;
			tm[m++].written = k + 1;
			continue;
		}
		for (d = 0; d < WEEK_DAYS; d++)
			if (t->days & (1u << d)) {
				tm[m] = *t;
				tm[m].written = k + 1;
				part_name(tm[m].name, t->name, d);
				tm[m].days = 1u << d;
				tm[m].by_day = 0;
				tm[m++].part = d + 1;
			}
	}
	*ntm = m;
	for (k = 0; k < s->ntemplates; k++) {
		const struct scn_tmpl *t = &s->templates[k];

		for (i = 0; i < t->nstarts; i++)
			for (j = 0; j < t->nlengths; j++) {
				struct scn_shift c;

				if (!t->by_day) {
					make_candidate(&out[n++], t, base[k], i, j);
					continue;
				}
				make_candidate(&c, t, 0, i, j);
				for (d = 0, m = base[k], first = n; d < WEEK_DAYS; d++)
					if (t->days & (1u << d)) {
						make_part(out, n, first, &c, d);
						out[n++].tmpl = ++m;
					}
			}
	}
	return n;
}

struct scn *
scn_design(const struct scn *s, struct cq_err *err)
{
	struct scn *d;
	int k, i, n = 0, nt = 0;

	for (i = 0; i < s->nshifts; i++)
		n += s->shifts[i].by_day ? ndays(s->shifts[i].days) : 1;
	for (k = 0; k < s->ntemplates; k++) {
		const struct scn_tmpl *t = &s->templates[k];
		int per = t->by_day ? ndays(t->days) : 1;

		n += t->nstarts * t->nlengths * per;
		nt += per;
	}
	if ((d = malloc(sizeof *d)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, s->file, 0, "out of memory");
		return NULL;
	}
	*d = *s;
	d->derived = 1;           /* borrows the traces and empirical values */
	memset(&d->sweep, 0, sizeof d->sweep);
	d->file = strdup(s->file);
	d->shifts = calloc((size_t)(n > 0 ? n : 1), sizeof *d->shifts);
	d->templates = nt > 0 ? calloc((size_t)nt, sizeof *d->templates) : NULL;
	if (d->file == NULL || d->shifts == NULL || (nt > 0 && d->templates == NULL)) {
		scn_free(d);
		cq_err_set(err, CQ_EXIT_FAIL, s->file, 0, "out of memory");
		return NULL;
	}
	n = written_shifts(s, d->shifts);
	d->nshifts = candidates(s, d->shifts, n, d->templates, &d->ntemplates);
	return d;
}
