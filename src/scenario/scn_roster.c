/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_roster.c — rosters by weekday: the persons a shift puts on duty on
 * each day (a roster is staff per shift, or NULL for the roster as written,
 * whose staff may differ by day), its person-hours, and a roster as people
 * read it: in optimize's copy (scn_design.c) the parts of a shift split by
 * day taken together again under the shift's own name, its staff by day.
 */
#include <string.h>

#include "scn_int.h"
#include "units.h"
#include "week.h"

int
scn_shift_staff_on(const struct scn *s, const int *staff, int i, int wd)
{
	const struct scn_shift *sh = &s->shifts[i];

	if (!(sh->days & (1u << wd)))
		return 0;
	return staff != NULL ? staff[i] : sh->day_staff[wd];
}

double
scn_shift_person_hours_per_week(const struct scn *s, int i, const int *staff)
{
	const struct scn_shift *sh = &s->shifts[i];

	/* One number for all days: staff x hours, as it has always been reckoned. */
	if (staff != NULL)
		return staff[i] * scn_shift_hours_per_week(s, i);
	if (!scn_by_day_varies(sh->day_staff, sh->days))
		return sh->staff * scn_shift_hours_per_week(s, i);
	return scn_shift_weighted_hours(s, i, sh->day_staff);
}

int
scn_roster_uniform(const struct scn *s)
{
	int i;

	for (i = 0; i < s->nshifts; i++)
		if (scn_by_day_varies(s->shifts[i].day_staff, s->shifts[i].days))
			return 0;
	return 1;
}

int
scn_by_day_varies(const int v[WEEK_DAYS], unsigned days)
{
	int d, first = -1;

	for (d = 0; d < WEEK_DAYS; d++) {
		if (!(days & (1u << d)))
			continue;
		if (first < 0)
			first = v[d];
		else if (v[d] != first)
			return 1;
	}
	return 0;
}

void
scn_by_day_format_days(const int v[WEEK_DAYS], unsigned days, char *buf, size_t n)
{
	unit_format_day_ints(v, days, buf, n);
}

void
scn_by_day_format(const int v[WEEK_DAYS], unsigned days, char *buf, size_t n)
{
	int d;

	if (scn_by_day_varies(v, days)) {
		unit_format_day_ints(v, days, buf, n);
		return;
	}
	for (d = 0; d < WEEK_DAYS - 1 && !(days & (1u << d)); d++)
		;
	snprintf(buf, n, "%d", v[d]);
}

/* name less a part's "[mon]". */
static void
base_name(char out[SCN_MAX_NAME], const char *name, int part)
{
	size_t len = strlen(name);

	if (part > 0 && len >= SCN_PART_SUFFIX && name[len - SCN_PART_SUFFIX] == '[')
		len -= SCN_PART_SUFFIX;
	snprintf(out, SCN_MAX_NAME, "%.*s", (int)len, name);
}

/* Add shift k (one day or all of its days) to r. */
static void
add_part(const struct scn *s, const int *staff, int k, struct scn_rshift *r)
{
	const struct scn_shift *sh = &s->shifts[k];
	int d;

	r->days |= sh->days;
	for (d = 0; d < WEEK_DAYS; d++) {
		if (!(sh->days & (1u << d)))
			continue;
		r->staff[d] = scn_shift_staff_on(s, staff, k, d);
		r->written[d] = sh->day_staff[d];
		r->min[d] = sh->day_min[d];
		r->max[d] = sh->day_max[d];
		r->staffed |= r->staff[d] > 0;
	}
}

int
scn_rshift_at(const struct scn *s, const int *staff, int i, struct scn_rshift *r)
{
	const struct scn_shift *sh = &s->shifts[i];
	int k;

	if (sh->part > 0 && sh->part_first != i)
		return 0;
	memset(r, 0, sizeof *r);
	r->first = i;
	base_name(r->name, sh->name, sh->part);
	if (sh->tmpl > 0)
		base_name(r->tmpl_name, s->templates[sh->tmpl - 1].name,
		    s->templates[sh->tmpl - 1].part);
	for (k = i; k < s->nshifts && (k == i || (s->shifts[k].part > 0 &&
	    s->shifts[k].part_first == i)); k++)
		add_part(s, staff, k, r);
	r->n = k - i;
	return 1;
}

double
scn_rshift_hours(const struct scn *s, const struct scn_rshift *r, const int *staff)
{
	double h = 0;
	int k;

	for (k = r->first; k < r->first + r->n; k++)
		h += scn_shift_person_hours_per_week(s, k, staff);
	return h;
}

double
scn_rshift_cost(const struct scn *s, const struct scn_rshift *r, const int *staff)
{
	double c = 0;
	int k;

	for (k = r->first; k < r->first + r->n; k++)
		c += scn_shift_person_hours_per_week(s, k, staff) * s->shifts[k].cost_per_hour;
	return c;
}

/* One key by day: its days' values (0 on the others), and whether they differ. */
static int
set_key(int out[WEEK_DAYS], unsigned days, const int v[WEEK_DAYS], int most, int *one)
{
	int d, varies = scn_by_day_varies(v, days);

	*one = -1;
	for (d = 0; d < WEEK_DAYS; d++) {
		if (!(days & (1u << d))) {
			out[d] = 0;
			continue;
		}
		out[d] = v[d];
		if (*one < 0 || (most ? v[d] > *one : v[d] < *one))
			*one = v[d];
	}
	if (*one < 0)
		*one = 0;
	if (!varies)
		for (d = 0; d < WEEK_DAYS; d++)
			out[d] = *one;
	return varies;
}

void
scn_shift_set_by_day(struct scn_shift *sh, unsigned days, const int staff[WEEK_DAYS],
    const int min[WEEK_DAYS], const int max[WEEK_DAYS])
{
	sh->days = days;
	sh->per_day = 0;
	if (set_key(sh->day_staff, days, staff, 1, &sh->staff))
		sh->per_day |= SCN_PER_DAY_STAFF;
	if (set_key(sh->day_min, days, min, 1, &sh->min))
		sh->per_day |= SCN_PER_DAY_MIN;
	if (set_key(sh->day_max, days, max, 0, &sh->max))
		sh->per_day |= SCN_PER_DAY_MAX;
}
