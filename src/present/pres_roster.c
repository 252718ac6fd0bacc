/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pres_roster.c — optimize --write-roster: the answer as a scenario file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "afile.h"
#include "pres.h"
#include "pres_int.h"
#include "scenario/units.h"
#include "utf8.h"

/* A designed shift's section name must not be one already written (a
 * written [shift night-2000-12h] beside a template night): NAME-2, NAME-3,
 * ... until it is new. */
static void
unique_name(struct scn_shift *sh, int n)
{
	char base[SCN_MAX_NAME], *name = sh[n].name;
	int i, k = 1;
	size_t len;

	snprintf(base, sizeof base, "%s", name);
	for (;;) {
		for (i = 0; i < n && strcmp(sh[i].name, name) != 0; i++)
			;
		if (i == n)
			return;
		k++;
		len = utf8_fit(base, SCN_MAX_NAME - 12);
		snprintf(name, SCN_MAX_NAME, "%.*s-%d", (int)len, base, k);
	}
}

/* Shift rs of the answer as a [shift] of the written scenario: a shift split
 * by day (optimize's copy) whole again, with the answer's staff by day and
 * by_day = yes; a designed shift by day on the days it staffs. */
static void
written_shift(const struct scn *s, const struct scn_rshift *rs, struct scn_shift *out)
{
	const struct scn_shift *first = &s->shifts[rs->first];
	unsigned days = rs->days;
	int d;

	*out = *first;
	snprintf(out->name, sizeof out->name, "%s", rs->name);
	out->part = out->part_first = 0;
	if (first->part == 0)
		return;               /* one shift of the copy, as it was written */
	out->by_day = 1;
	for (d = 0; d < WEEK_DAYS && first->tmpl > 0; d++)
		if (rs->staff[d] == 0)
			days &= ~(1u << d);
	scn_shift_set_by_day(out, days, rs->staff, rs->min, rs->max);
}

/* --write-roster: the scenario as check prints it, with the answer as its
 * staff and the staffed candidates as [shift] sections (named NAME-HHMM-LENGTH:
 * '@', ':' and '+' are not section name characters), no templates, so that
 * `clinicq run FILE.ini` plays the recommended roster.  Staff chosen by day is
 * written by day (staff = mon 4, tue-thu 3, fri 2). */
int
pres_opt_roster(const struct opt_result *r, const char *path, struct cq_err *err)
{
	const struct scn *s = r->scn;
	struct scn w = *s;
	struct scn_rshift rs;
	struct afile af;
	char *p;
	FILE *f;
	int i, n = 0;

	if ((w.shifts = calloc((size_t)s->nshifts, sizeof *w.shifts)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "out of memory");
	for (i = 0; i < s->nshifts; i++) {
		if (!pres_shift_shown(s, r->staff, i, &rs))
			continue;
		written_shift(s, &rs, &w.shifts[n]);
		if (s->shifts[i].part == 0) {
			/* One number for all its days (by_day = no chose one). */
			scn_shift_set_by_day(&w.shifts[n], w.shifts[n].days, rs.staff,
			    w.shifts[n].day_min, w.shifts[n].day_max);
			w.shifts[n].per_day |= s->shifts[i].per_day &
			    (SCN_PER_DAY_MIN | SCN_PER_DAY_MAX);
		}
		for (p = w.shifts[n].name; *p != '\0'; p++)
			if (*p == '@' || *p == '+')
				*p = '-';
		for (p = w.shifts[n].name; (p = strchr(p, ':')) != NULL;)
			memmove(p, p + 1, strlen(p));
		unique_name(w.shifts, n);
		n++;
	}
	w.nshifts = n;
	w.ntemplates = 0;
	w.templates = NULL;
	memset(&af, 0, sizeof af);
	if ((f = afile_open(&af, path, err)) == NULL) {
		free(w.shifts);
		return -1;
	}
	scn_print(&w, f);
	free(w.shifts);
	if (ferror(f)) {
		afile_abort(&af);
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write");
	}
	return afile_commit(&af, err);
}
