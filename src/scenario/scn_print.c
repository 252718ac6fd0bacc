/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_print.c — `clinicq check`: the scenario as understood, every default
 * filled in, written as INI that scn_load() reads back to the same scenario.
 */
#include <stdio.h>
#include <string.h>

#include "scn.h"
#include "units.h"
#include "civil.h"

/* Print "key = a, b, c" wrapping long lists onto indented continuation lines. */
static void
print_list(FILE *f, const char *prefix, const char *const *items, int n)
{
	size_t col;
	int i;

	col = (size_t)fprintf(f, "%s", prefix);
	for (i = 0; i < n; i++) {
		if (i > 0 && col + strlen(items[i]) + 2 > 150) {
			fprintf(f, ",\n    ");
			col = 4;
		} else if (i > 0)
			col += (size_t)fprintf(f, ", ");
		col += (size_t)fprintf(f, "%s", items[i]);
	}
	fputc('\n', f);
}

/* Print a duration. */
static const char *
dur(double minutes, char *buf, size_t n)
{
	unit_format_duration(minutes, buf, n);
	return buf;
}

/* A number that reads back to the same double. */
static const char *
num(double v, char *buf, size_t n)
{
	unit_format_number(v, buf, n);
	return buf;
}

/* A share as a percentage when that reads back exactly, else as a fraction. */
static const char *
pct(double share, char *buf, size_t n)
{
	const char *why;
	char t[48];
	double back;

	snprintf(buf, n, "%s%%", num(share * 100.0, t, sizeof t));
	if (unit_parse_share(buf, &back, &why) == 0 && back == share)
		return buf;
	return num(share, buf, n);
}

/* Print a distribution. */
static const char *
dstr(const struct dist *d, char *buf, size_t n)
{
	dist_format(d, buf, n);
	return buf;
}

/* Print a class's care pathway: 'next', and 'measure_from' where it matters
 * (the class is reached by 'next') or is not the default. */
static void
print_pathway(FILE *f, const struct scn *s, int c)
{
	const struct scn_class *k = &s->classes[c];
	const char *items[SCN_MAX_CLASSES];
	char pairs[SCN_MAX_CLASSES][SCN_MAX_NAME + 32], n1[64];
	int i, j, routed = 0;

	for (i = 0; i < k->nnext; i++) {
		snprintf(pairs[i], sizeof pairs[i], "%s %s", s->classes[k->next_class[i]].name,
		    num(k->next_p[i], n1, sizeof n1));
		items[i] = pairs[i];
	}
	if (k->nnext > 0)
		print_list(f, "next = ", items, k->nnext);
	for (i = 0; i < s->nclasses; i++)
		for (j = 0; j < s->classes[i].nnext; j++)
			routed |= s->classes[i].next_class[j] == c;
	if (routed || k->measure_from_origin)
		fprintf(f, "measure_from = %s\n", k->measure_from_origin ? "origin" : "arrival");
}

/* Print the pattern's weights as lines: hours grouped into runs, days with the
 * same profile grouped into one day set. */
static void
print_pattern(FILE *f, const struct scn_pattern *p)
{
	unsigned done = 0, mask;
	char days[64], w[64];
	int d, e, h, k, same;

	for (d = 0; d < 7; d++) {
		if (done & (1u << d))
			continue;
		mask = 0;
		for (e = d; e < 7; e++) {
			same = !(done & (1u << e));
			for (h = 0; h < 24 && same; h++)
				same = p->weight[e * 24 + h] == p->weight[d * 24 + h];
			if (same)
				mask |= 1u << e;
		}
		done |= mask;
		unit_format_days(mask, days, sizeof days);
		for (h = 0; h < 24; h = k) {
			for (k = h + 1; k < 24 && p->weight[d * 24 + k] == p->weight[d * 24 + h]; k++)
				;
			if (p->weight[d * 24 + h] != 0)
				fprintf(f, "weight = %s %02d:00-%02d:00 %s\n", days, h, k,
				    num(p->weight[d * 24 + h], w, sizeof w));
		}
	}
}

/* Print a [shift_template]: the start as its range when it was one. */
static void
print_template(FILE *f, const struct scn *s, const struct scn_tmpl *t)
{
	char b1[64], b2[64], n1[64];
	int i;

	unit_format_days(t->days, b1, sizeof b1);
	fprintf(f, "\n[shift_template %s]\nrole = %s\ndays = %s\n", t->name,
	    s->roles[t->role].name, b1);
	if (t->range_step > 0)
		fprintf(f, "start = %02d:%02d..%02d:%02d step %dmin\n", t->starts[0] / 60,
		    t->starts[0] % 60, t->starts[t->nstarts - 1] / 60,
		    t->starts[t->nstarts - 1] % 60, t->range_step);
	else {
		fputs("start = ", f);
		for (i = 0; i < t->nstarts; i++)
			fprintf(f, "%s%02d:%02d", i ? (i % 12 == 0 ? ",\n    " : ", ") : "",
			    t->starts[i] / 60, t->starts[i] % 60);
		fputc('\n', f);
	}
	fputs("length = ", f);
	for (i = 0; i < t->nlengths; i++)
		fprintf(f, "%s%s", i ? (i % 12 == 0 ? ",\n    " : ", ") : "",
		    dur(t->lengths[i], b2, sizeof b2));
	fprintf(f, "\nmin = %d\nmax = %d\n", t->min, t->max);
	if (t->max_shifts > 0)
		fprintf(f, "max_shifts = %d\n", t->max_shifts);
	else
		fputs("; max_shifts: no limit on how many of its candidates are staffed\n", f);
	fprintf(f, "skip_holidays = %s\non_call = %s\n", t->skip_holidays ? "yes" : "no",
	    t->on_call ? "yes" : "no");
	if (t->cost_per_hour != s->roles[t->role].cost_per_hour)
		fprintf(f, "cost_per_hour = %s\n", num(t->cost_per_hour, n1, sizeof n1));
	if (t->own_absence)
		fprintf(f, "absence = %s\n", pct(t->absence, n1, sizeof n1));
	for (i = 0; i < t->nbreaks; i++) {
		const struct scn_break *bk = &t->breaks[i];
		int from = bk->from % 1440, to = bk->to > 1440 ? bk->to - 1440 : bk->to;

		fprintf(f, "break = %s within %02d:%02d-%02d:%02d\n",
		    dur(bk->length, b2, sizeof b2), from / 60, from % 60, to / 60, to % 60);
	}
	fprintf(f, "; %d candidate shifts for optimize (run plays none)\n",
	    t->nstarts * t->nlengths);
}

/* Print the scenario as INI that loads back to the same scenario. */
void
scn_print(const struct scn *s, FILE *f)
{
	const char *items[SCN_MAX_CLASSES > SCN_MAX_HOLIDAYS ? SCN_MAX_CLASSES : SCN_MAX_HOLIDAYS];
	char dates[SCN_MAX_HOLIDAYS][16];
	static const char *const wdays[7] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
	};
	char b1[4352], b2[128], shares[SCN_MAX_CLASSES][SCN_MAX_NAME + 32];
	char n1[64], n2[64], n3[64];
	int i, j, y, m, d;

	fprintf(f, "; %s as clinicq understands it, defaults filled in\n\n", s->file);
	civil_date(s->start_epoch_day, &y, &m, &d);
	fprintf(f, "[scenario]\nname = %s\n", s->name);
	fprintf(f, "start_date = %04d-%02d-%02d  ; a %s\n", y, m, d, wdays[s->start_weekday]);
	fprintf(f, "weeks = %s\nwarmup = %s\nreplications = %d\nseed = %llu\n",
	    num(s->weeks, n1, sizeof n1),
	    dur(s->warmup, b1, sizeof b1), s->replications, (unsigned long long)s->seed);
	if (s->confirm_replications > 0)
		fprintf(f, "confirm_replications = %d\n", s->confirm_replications);
	else
		fprintf(f, "; confirm_replications = %d  (4 x replications: optimize's "
		    "confirmation run)\n", 4 * s->replications);
	fprintf(f, "max_events = %llu  ; per replication\nmax_waiting = %d  ; items open at once\n",
	    (unsigned long long)s->max_events, s->max_waiting);

	fprintf(f, "\n[calendar]\n");
	if (s->nholidays == 0)
		fprintf(f, "; no holidays\n");
	else {
		for (i = 0; i < s->nholidays; i++) {
			civil_date(s->start_epoch_day + s->holidays[i], &y, &m, &d);
			snprintf(dates[i], sizeof dates[i], "%04d-%02d-%02d", y, m, d);
			items[i] = dates[i];
		}
		print_list(f, "holidays = ", items, s->nholidays);
	}
	if (s->holiday_arrivals >= 0) {
		static const char *const wd[7] = { "mon", "tue", "wed", "thu", "fri",
			"sat", "sun" };

		fprintf(f, "holiday_arrivals = %s  ; arrivals on a holiday follow this "
		    "weekday's hours\n", wd[s->holiday_arrivals]);
	}

	for (i = 0; i < s->npatterns; i++) {
		fprintf(f, "\n[pattern %s]\n", s->patterns[i].name);
		print_pattern(f, &s->patterns[i]);
	}

	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];

		fprintf(f, "\n[stream %s]\n", st->name);
		if (st->kind == SCN_MESSAGE && st->trace != NULL) {
			const struct scn_trace *tr = st->trace;

			/* The path is absolute: the output loads from anywhere. */
			fprintf(f, "kind = message\ntrace = %s\n; trace: %ld rows of this stream, "
			    "%ld in the warm-up, %ld in the measured span, %ld outside (%ld before "
			    "start_date, %ld after the span); %.4g a week over the horizon\n",
			    tr->file, tr->read, tr->warm, tr->span, tr->before + tr->after,
			    tr->before, tr->after, st->per_week);
			for (j = 0; j < st->nclasses; j++) {
				snprintf(shares[j], sizeof shares[j], "%s %s",
				    s->classes[st->class_idx[j]].name, num(st->share[j], n1, sizeof n1));
				items[j] = shares[j];
			}
			print_list(f, "classes = ", items, st->nclasses);
		} else if (st->kind == SCN_MESSAGE) {
			fprintf(f, "kind = message\nper_week = %s  ; %.4g an hour on average\n",
			    num(st->per_week, n1, sizeof n1), st->per_week / 168.0);
			if (st->pattern >= 0)
				fprintf(f, "pattern = %s\n", s->patterns[st->pattern].name);
			for (j = 0; j < st->nclasses; j++) {
				snprintf(shares[j], sizeof shares[j], "%s %s",
				    s->classes[st->class_idx[j]].name, num(st->share[j], n1, sizeof n1));
				items[j] = shares[j];
			}
			print_list(f, "classes = ", items, st->nclasses);
		} else {
			fprintf(f, "kind = reading\npatients = %d\nper_patient_per_day = %s"
			    "  ; %.15g readings a week\n", st->patients,
			    num(st->per_patient_per_day, n1, sizeof n1), st->per_week);
			if (st->pattern >= 0)
				fprintf(f, "pattern = %s\n", s->patterns[st->pattern].name);
			fprintf(f, "value = %s\nalert_above = %s\nalert_class = %s\n",
			    dstr(&st->value, b1, sizeof b1), num(st->alert_above, n1, sizeof n1),
			    s->classes[st->alert_class].name);
		}
	}

	for (i = 0; i < s->nclasses; i++) {
		const struct scn_class *c = &s->classes[i];

		fprintf(f, "\n[class %s]\nmode = %s\n", c->name, c->mode == SCN_SYNC ? "sync" : "async");
		fprintf(f, "service = %s  ; mean %.4g min\n", dstr(&c->service, b1, sizeof b1),
		    dist_mean(&c->service));
		if (c->acute.kind != DIST_NONE)
			fprintf(f, "acute = %s  ; mean %.4g\n", dstr(&c->acute, b1, sizeof b1),
			    dist_mean(&c->acute));
		if (c->has_target)
			fprintf(f, "target = %s <= %s\n", pct(c->target_share, n1, sizeof n1),
			    dur(c->target_within, b1, sizeof b1));
		if (c->safe_window > 0)
			fprintf(f, "safe_window = %s\n", dur(c->safe_window, b1, sizeof b1));
		if (c->patience.kind != DIST_NONE)
			fprintf(f, "patience = %s\n", dstr(&c->patience, b1, sizeof b1));
		print_pathway(f, s, i);
	}

	for (i = 0; i < s->nroles; i++) {
		const struct scn_role *r = &s->roles[i];

		fprintf(f, "\n[role %s]\ncost_per_hour = %s\n", r->name,
		    num(r->cost_per_hour, n1, sizeof n1));
		for (j = 0; j < r->nserves; j++)
			items[j] = s->classes[r->serves[j]].name;
		print_list(f, "serves = ", items, r->nserves);
		fprintf(f, "preempt = %s\n", r->preempt ? "yes" : "no");
		if (r->absence > 0)
			fprintf(f, "absence = %s\n", pct(r->absence, n1, sizeof n1));
	}

	for (i = 0; i < s->nshifts; i++) {
		const struct scn_shift *sh = &s->shifts[i];

		unit_format_days(sh->days, b1, sizeof b1);
		if (sh->tmpl > 0)
			fprintf(f, "\n; designed by clinicq optimize from a [shift_template]");
		fprintf(f, "\n[shift %s]\nrole = %s\ndays = %s\nstart = %02d:%02d\n", sh->name,
		    s->roles[sh->role].name, b1, sh->start / 60, sh->start % 60);
		if (sh->end > 1440)
			fprintf(f, "end = %02d:%02d  ; the next day\n", (sh->end - 1440) / 60,
			    (sh->end - 1440) % 60);
		else
			fprintf(f, "end = %02d:%02d\n", sh->end / 60, sh->end % 60);
		fprintf(f, "staff = %d\nmin = %d\nmax = %d\nskip_holidays = %s\non_call = %s\n",
		    sh->staff, sh->min, sh->max, sh->skip_holidays ? "yes" : "no",
		    sh->on_call ? "yes" : "no");
		if (sh->cost_per_hour != s->roles[sh->role].cost_per_hour)
			fprintf(f, "cost_per_hour = %s\n", num(sh->cost_per_hour, n1, sizeof n1));
		if (sh->own_absence)
			fprintf(f, "absence = %s\n", pct(sh->absence, n1, sizeof n1));
		for (j = 0; j < sh->nbreaks; j++) {
			const struct scn_break *bk = &sh->breaks[j];
			int from = bk->from % 1440, to = bk->to > 1440 ? bk->to - 1440 : bk->to;

			fprintf(f, "break = %s within %02d:%02d-%02d:%02d\n",
			    dur(bk->length, b1, sizeof b1), from / 60, from % 60, to / 60, to % 60);
		}
		fprintf(f, "; %.4g hours a week per person\n", scn_shift_hours_per_week(s, i));
	}

	for (i = 0; i < s->ntemplates; i++)
		print_template(f, s, &s->templates[i]);

	if (s->esc.enabled) {
		fprintf(f, "\n[escalation]\ncost_missed_acute = %s\n"
		    "cost_sync_contact = %s  ; escalate when p_acute > %.6g\n"
		    "to_class = %s\ncapacity = %s\nscreen_at_arrival = %s\n"
		    "screen_sensitivity = %s\n", num(s->esc.cost_missed_acute, n1, sizeof n1),
		    num(s->esc.cost_sync_contact, n2, sizeof n2), s->esc.threshold,
		    s->classes[s->esc.to_class].name,
		    s->esc.capacity == SCN_DYNAMIC ? "dynamic" : "static",
		    s->esc.screen_at_arrival ? "yes" : "no",
		    num(s->esc.screen_sensitivity, n3, sizeof n3));
	}
	if (s->contact.enabled) {
		fprintf(f, "\n[contact]\nreach = %s\nattempt = %s\nretry_after = %s\n"
		    "max_attempts = %d\n", num(s->contact.reach, n1, sizeof n1), dur(s->contact.attempt, b1, sizeof b1),
		    dur(s->contact.retry_after, b2, sizeof b2), s->contact.max_attempts);
		if (s->contact.follow_up_class >= 0)
			fprintf(f, "follow_up_class = %s\n",
			    s->classes[s->contact.follow_up_class].name);
	}
	if (s->has_safety_target || s->has_max_utilization)
		fprintf(f, "\n[targets]\n");
	if (s->has_safety_target)
		fprintf(f, "safety_miss_rate = %s\n", pct(s->safety_miss_rate, n1, sizeof n1));
	if (s->has_max_utilization)
		fprintf(f, "max_utilization = %s\n", pct(s->max_utilization, n1, sizeof n1));
	if (s->sweep.nvars > 0) {
		fprintf(f, "\n[sweep]\n");
		for (i = 0; i < s->sweep.nvars; i++) {
			snprintf(b1, sizeof b1, "vary = %s: ", s->sweep.vars[i].key);
			print_list(f, b1, (const char *const *)s->sweep.vars[i].values,
			    s->sweep.vars[i].nvalues);
		}
		fprintf(f, "mode = %s\naction = %s\n", s->sweep.zip ? "zip" : "grid",
		    s->sweep.optimize ? "optimize" : "run");
	}
}
