/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rpt_records.c — the rows of `run --records` (rpt_records.h). */
#include "rpt_records.h"

#include <math.h>

#include "civil.h"

void
rpt_records_begin(struct rpt_records *w, FILE *f, const struct scn *s, int with_rep)
{
	w->f = f;
	w->s = s;
	w->with_rep = with_rep;
	fprintf(f, "%sarrived_at,class,service_min,outcome,wait_min,agent,started_at\n",
	    with_rep ? "replication," : "");
}

/* Minutes from 00:00 of start_date as YYYY-MM-DD HH:MM:SS, to the nearest
 * second, on the scenario's clock (no time zone: the clinic's local time). */
static void
put_time(const struct rpt_records *w, double minutes)
{
	long long sec = llround(minutes * 60.0);
	long day = (long)(sec / 86400);
	long rest = (long)(sec % 86400);
	int y, mo, d;

	civil_date(w->s->start_epoch_day + day, &y, &mo, &d);
	fprintf(w->f, "%04d-%02d-%02d %02ld:%02ld:%02ld", y, mo, d, rest / 3600,
	    rest / 60 % 60, rest % 60);
}

void
rpt_records_row(void *ctx, const struct sim_record *r)
{
	const struct rpt_records *w = ctx;
	FILE *f = w->f;

	if (w->with_rep)
		fprintf(f, "%d,", r->rep + 1);
	put_time(w, r->arrived);
	fprintf(f, ",%s,", w->s->classes[r->cls].name);
	if (r->outcome == SIM_ABANDONED) {
		/* Nobody served it: no service, agent or start. */
		fprintf(f, ",abandoned,%.4f,,\n", r->wait);
		return;
	}
	fprintf(f, "%.4f,served,%.4f,%s-%u,", r->service, r->wait,
	    w->s->roles[r->role].name, r->person + 1);
	put_time(w, r->arrived + r->wait);
	fputc('\n', f);
}
