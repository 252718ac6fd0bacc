/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_print.c — `clinicq check`: the scenario as understood, every default
 * filled in, written as INI that scn_load() reads back to the same scenario.
 * One function per section type writes its header and walks the key table
 * (scn_keytab.c): a key of a simple kind is written by its kind, a key of its
 * own syntax by the pr_ function its row names (below).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "scn_int.h"
#include "units.h"
#include "civil.h"
#include "week.h"

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
	if (unit_parse_fraction(buf, &back, &why) == 0 && back == share)
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

/* The value of a key of a simple kind, as INI; NULL when `check` leaves it
 * out (KF_GIVEN and not given, KF_NONZERO and zero). */
static const char *
key_text(const struct scn_key *k, const void *base, char *buf, size_t n)
{
	const void *at = scn_key_at_c(base, k->off);
	const struct dist *d = at;
	double v = 0;

	if ((k->flags & KF_GIVEN) && !scn_key_int(base, k->given))
		return NULL;
	if (k->kind == KEY_NUM || k->kind == KEY_DUR || k->kind == KEY_SHARE)
		v = (k->flags & KF_U64) ? (double)*(const uint64_t *)at : *(const double *)at;
	else if (k->kind == KEY_INT || k->kind == KEY_BOOL || k->kind == KEY_CHOICE)
		v = scn_key_int(base, k->off);
	if ((k->flags & KF_NONZERO) && (k->kind == KEY_DIST ? d->kind == DIST_NONE : v == 0))
		return NULL;
	switch (k->kind) {
	case KEY_NUM:
		if (k->flags & KF_U64)
			snprintf(buf, n, "%llu", (unsigned long long)*(const uint64_t *)at);
		else
			num(v, buf, n);
		break;
	case KEY_U64:
		snprintf(buf, n, "%llu", (unsigned long long)*(const uint64_t *)at);
		break;
	case KEY_INT: snprintf(buf, n, "%d", scn_key_int(base, k->off)); break;
	case KEY_DUR: dur(v, buf, n); break;
	case KEY_SHARE: (k->flags & KF_PCT) ? pct(v, buf, n) : num(v, buf, n); break;
	case KEY_BOOL: snprintf(buf, n, "%s", scn_key_int(base, k->off) ? "yes" : "no"); break;
	case KEY_CHOICE: snprintf(buf, n, "%s", k->choices[scn_key_int(base, k->off)]); break;
	case KEY_DIST: dstr(d, buf, n); break;
	case KEY_CUSTOM: return NULL;
	}
	return buf;
}

/* Print one key of a section whose struct is base: by its own function, or
 * "key = value" by its kind, with its comment. */
static void
print_key(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	char buf[4352];
	const struct dist *d = scn_key_at_c(base, k->off);

	if (k->print != NULL) {
		k->print(f, s, k, base);
		return;
	}
	if (key_text(k, base, buf, sizeof buf) == NULL)
		return;
	fprintf(f, "%s = %s", k->name, buf);
	if (k->flags & KF_MEAN)
		fprintf(f, "  ; mean %.4g%s", dist_mean(d), k->use == USE_TIME ? " min" : "");
	if (k->note != NULL)
		fprintf(f, "  ; %s", k->note);
	fputc('\n', f);
}

/* Print the key of type t named name. */
static void
print_key_named(FILE *f, const struct scn *s, enum scn_sec_type t, const char *name,
    const void *base)
{
	print_key(f, s, scn_keys_find(t, name), base);
}

/* Print every key of type t in table order, each followed by those that are
 * printed after it (print_after). */
static void
print_keys(FILE *f, const struct scn *s, enum scn_sec_type t, const void *base)
{
	const struct scn_key *k, *a;

	for (k = scn_keys_first(t); k != NULL; k = scn_keys_next(k)) {
		if (k->print_after != NULL)
			continue;
		print_key(f, s, k, base);
		for (a = scn_keys_first(t); a != NULL; a = scn_keys_next(a)) {
			if (a->print_after != NULL && strcmp(a->print_after, k->name) == 0)
				print_key(f, s, a, base);
		}
	}
}

/* ---- keys of their own syntax (named by the key table) ------------------ */

void
pr_scenario_name(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	(void)k;
	(void)base;
	fprintf(f, "name = %s\n", s->name);
}

void
pr_scenario_start_date(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	int y, m, d;

	(void)k;
	(void)base;
	civil_date(s->start_epoch_day, &y, &m, &d);
	fprintf(f, "start_date = %04d-%02d-%02d  ; a %s\n", y, m, d, week_day_long[s->start_weekday]);
}

/* confirm_replications, or its default as a comment. */
void
pr_scenario_confirm(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	(void)k;
	(void)base;
	if (s->confirm_replications > 0)
		fprintf(f, "confirm_replications = %d\n", s->confirm_replications);
	else
		fprintf(f, "; confirm_replications = %d  (4 x replications: optimize's "
		    "confirmation run)\n", 4 * s->replications);
}

void
pr_calendar_holidays(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const char *items[SCN_MAX_HOLIDAYS];
	char dates[SCN_MAX_HOLIDAYS][16];
	int i, y, m, d;

	(void)k;
	(void)base;
	if (s->nholidays == 0) {
		fprintf(f, "; no holidays\n");
		return;
	}
	for (i = 0; i < s->nholidays; i++) {
		civil_date(s->start_epoch_day + s->holidays[i], &y, &m, &d);
		snprintf(dates[i], sizeof dates[i], "%04d-%02d-%02d", y, m, d);
		items[i] = dates[i];
	}
	print_list(f, "holidays = ", items, s->nholidays);
}

void
pr_calendar_holiday_arrivals(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{

	(void)k;
	(void)base;
	if (s->holiday_arrivals >= 0)
		fprintf(f, "holiday_arrivals = %s  ; arrivals on a holiday follow this "
		    "weekday's hours\n", week_day_key[s->holiday_arrivals]);
}

/* The pattern's weights as lines: hours grouped into runs, days with the
 * same profile grouped into one day set. */
void
pr_pattern_weight(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const double *w = ((const struct scn_pattern *)base)->weight;
	unsigned done = 0, mask;
	char days[64], n1[64];
	int d, e, h, j, same;

	(void)s;
	(void)k;
	for (d = 0; d < 7; d++) {
		if (done & (1u << d))
			continue;
		mask = 0;
		for (e = d; e < 7; e++) {
			same = !(done & (1u << e));
			for (h = 0; h < 24 && same; h++)
				same = w[e * 24 + h] == w[d * 24 + h];
			if (same)
				mask |= 1u << e;
		}
		done |= mask;
		unit_format_days(mask, days, sizeof days);
		for (h = 0; h < 24; h = j) {
			for (j = h + 1; j < 24 && w[d * 24 + j] == w[d * 24 + h]; j++)
				;
			if (w[d * 24 + h] != 0)
				fprintf(f, "weight = %s %02d:00-%02d:00 %s\n", days, h, j,
				    num(w[d * 24 + h], n1, sizeof n1));
		}
	}
}

void
pr_stream_per_week(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_stream *st = base;
	char n1[64];

	(void)s;
	(void)k;
	fprintf(f, "per_week = %s  ; %.4g an hour on average\n",
	    num(st->per_week, n1, sizeof n1), st->per_week / WEEK_HOURS);
}

void
pr_stream_pattern(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_stream *st = base;

	(void)k;
	if (st->pattern >= 0)
		fprintf(f, "pattern = %s\n", s->patterns[st->pattern].name);
}

void
pr_stream_classes(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_stream *st = base;
	const char *items[SCN_MAX_CLASSES];
	char shares[SCN_MAX_CLASSES][SCN_MAX_NAME + 32], n1[64];
	int j;

	(void)k;
	for (j = 0; j < st->nclasses; j++) {
		snprintf(shares[j], sizeof shares[j], "%s %s", s->classes[st->class_idx[j]].name,
		    num(st->share[j], n1, sizeof n1));
		items[j] = shares[j];
	}
	print_list(f, "classes = ", items, st->nclasses);
}

void
pr_stream_per_patient_per_day(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_stream *st = base;
	char n1[64];

	(void)s;
	(void)k;
	fprintf(f, "per_patient_per_day = %s  ; %.15g readings a week\n",
	    num(st->per_patient_per_day, n1, sizeof n1), st->per_week);
}

/* trace, with what the log holds as a comment; the path is absolute, so the
 * output loads from anywhere. */
/* volume_cv: only when the stream varies beyond Poisson. */
void
pr_stream_volume_cv(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_stream *st = base;
	char n1[64];

	(void)s;
	(void)k;
	if (st->volume_cv > 0)
		fprintf(f, "volume_cv = %s\n", pct(st->volume_cv, n1, sizeof n1));
}

void
pr_stream_trace(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_stream *st = base;
	const struct scn_trace *tr = st->trace;

	(void)s;
	(void)k;
	if (tr == NULL)
		return;
	fprintf(f, "trace = %s\n; trace: %ld rows of this stream, %ld in the warm-up, %ld in "
	    "the measured span, %ld outside (%ld before start_date, %ld after the span); "
	    "%.4g a week over the horizon\n", tr->file, tr->read, tr->warm, tr->span,
	    tr->before + tr->after, tr->before, tr->after, st->per_week);
}

/* trace_classes, as written (the codes in their order). */
void
pr_stream_trace_classes(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_trace *tr = ((const struct scn_stream *)base)->trace;
	int i;

	(void)k;
	if (tr == NULL || tr->codes == NULL)
		return;
	fputs("trace_classes = ", f);
	for (i = 0; i < tr->ncodes; i++)
		fprintf(f, "%s%s %s", i > 0 ? ", " : "", tr->codes[i].code,
		    s->classes[tr->codes[i].cls].name);
	fputc('\n', f);
}

/* A class named by its index at the key's place (-1: none, not printed). */
void
pr_class_ref(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	int c = scn_key_int(base, k->off);

	if (c >= 0)
		fprintf(f, "%s = %s\n", k->name, s->classes[c].name);
}

/* service_by_hour names its pattern, which `check` prints above the classes. */
void
pr_class_service_by_hour(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_class *c = base;

	(void)k;
	if (c->service_by_hour >= 0)
		fprintf(f, "service_by_hour = %s\n", s->patterns[c->service_by_hour].name);
}

void
pr_class_target(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_class *c = base;
	char n1[64], b1[128];

	(void)s;
	(void)k;
	if (c->has_target)
		fprintf(f, "target = %s <= %s\n", pct(c->target_share, n1, sizeof n1),
		    dur(c->target_within, b1, sizeof b1));
}

/* next: the classes a done item moves on to, with their probabilities. */
void
pr_class_next(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_class *c = base;
	const char *items[SCN_MAX_CLASSES];
	char pairs[SCN_MAX_CLASSES][SCN_MAX_NAME + 32], n1[64];
	int i;

	(void)k;
	for (i = 0; i < c->nnext; i++) {
		snprintf(pairs[i], sizeof pairs[i], "%s %s", s->classes[c->next_class[i]].name,
		    num(c->next_p[i], n1, sizeof n1));
		items[i] = pairs[i];
	}
	if (c->nnext > 0)
		print_list(f, "next = ", items, c->nnext);
}

/* measure_from, where it matters (the class is reached by 'next') or is not
 * the default. */
void
pr_class_measure_from(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_class *c = base;
	int i, j, routed = 0, me = (int)(c - s->classes);

	(void)k;
	for (i = 0; i < s->nclasses; i++)
		for (j = 0; j < s->classes[i].nnext; j++)
			routed |= s->classes[i].next_class[j] == me;
	if (routed || c->measure_from_origin)
		fprintf(f, "measure_from = %s\n", c->measure_from_origin ? "origin" : "arrival");
}

void
pr_role_serves(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_role *r = base;
	const char *items[SCN_MAX_CLASSES];
	int j;

	(void)k;
	for (j = 0; j < r->nserves; j++)
		items[j] = s->classes[r->serves[j]].name;
	print_list(f, "serves = ", items, r->nserves);
}

/* The role of a shift or a template, by its index at the key's place. */
void
pr_role_name(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	fprintf(f, "role = %s\n", s->roles[scn_key_int(base, k->off)].name);
}

/* The days of a shift or a template, the mask at the key's place. */
void
pr_days(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	char b1[64];

	(void)s;
	unit_format_days(*(const unsigned *)scn_key_at_c(base, k->off), b1, sizeof b1);
	fprintf(f, "days = %s\n", b1);
}

void
pr_shift_start(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_shift *sh = base;

	(void)s;
	(void)k;
	fprintf(f, "start = %02d:%02d\n", sh->start / 60, sh->start % 60);
}

void
pr_shift_end(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_shift *sh = base;

	(void)s;
	(void)k;
	if (sh->end > DAY_MINUTES)
		fprintf(f, "end = %02d:%02d  ; the next day\n", (sh->end - DAY_MINUTES) / 60,
		    (sh->end - DAY_MINUTES) % 60);
	else
		fprintf(f, "end = %02d:%02d\n", sh->end / 60, sh->end % 60);
}

/* staff, min and max of a shift: as written, one number or by day. */
static void
print_by_day(FILE *f, const char *key, const struct scn_shift *sh, const int day[WEEK_DAYS],
    int one, unsigned bit)
{
	char buf[160];

	if (!(sh->per_day & bit)) {
		fprintf(f, "%s = %d\n", key, one);
		return;
	}
	unit_format_day_ints(day, sh->days, buf, sizeof buf);
	fprintf(f, "%s = %s\n", key, buf);
}

void
pr_shift_staff(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_shift *sh = base;

	(void)s;
	print_by_day(f, k->name, sh, sh->day_staff, sh->staff, SCN_PER_DAY_STAFF);
}

void
pr_shift_min(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_shift *sh = base;

	(void)s;
	print_by_day(f, k->name, sh, sh->day_min, sh->min, SCN_PER_DAY_MIN);
}

void
pr_shift_max(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_shift *sh = base;

	(void)s;
	print_by_day(f, k->name, sh, sh->day_max, sh->max, SCN_PER_DAY_MAX);
}

/* cost_per_hour of a shift or a template, when not its role's. */
void
pr_cost_own(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_key *role = scn_keys_find(k->sec, "role");
	double cost = *(const double *)scn_key_at_c(base, k->off);
	char n1[64];

	if (cost != s->roles[scn_key_int(base, role->off)].cost_per_hour)
		fprintf(f, "cost_per_hour = %s\n", num(cost, n1, sizeof n1));
}

/* break lines: D within HH:MM-HH:MM, the window on the shift's first day. */
static void
print_breaks(FILE *f, int n, const struct scn_break *breaks)
{
	char b1[128];
	int i;

	for (i = 0; i < n; i++) {
		const struct scn_break *bk = &breaks[i];
		int from = bk->from % DAY_MINUTES, to = bk->to > DAY_MINUTES ? bk->to - DAY_MINUTES : bk->to;

		fprintf(f, "break = %s within %02d:%02d-%02d:%02d\n",
		    dur(bk->length, b1, sizeof b1), from / 60, from % 60, to / 60, to % 60);
	}
}

void
pr_shift_break(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_shift *sh = base;

	(void)s;
	(void)k;
	print_breaks(f, sh->nbreaks, sh->breaks);
}

void
pr_tmpl_break(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_tmpl *t = base;

	(void)s;
	(void)k;
	print_breaks(f, t->nbreaks, t->breaks);
}

/* start of a template: as its range when it was one. */
void
pr_tmpl_start(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_tmpl *t = base;
	int i;

	(void)s;
	(void)k;
	if (t->range_step > 0) {
		fprintf(f, "start = %02d:%02d..%02d:%02d step %dmin\n", t->starts[0] / 60,
		    t->starts[0] % 60, t->starts[t->nstarts - 1] / 60,
		    t->starts[t->nstarts - 1] % 60, t->range_step);
		return;
	}
	fputs("start = ", f);
	for (i = 0; i < t->nstarts; i++)
		fprintf(f, "%s%02d:%02d", i ? (i % 12 == 0 ? ",\n    " : ", ") : "",
		    t->starts[i] / 60, t->starts[i] % 60);
	fputc('\n', f);
}

void
pr_tmpl_length(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_tmpl *t = base;
	char b2[64];
	int i;

	(void)s;
	(void)k;
	fputs("length = ", f);
	for (i = 0; i < t->nlengths; i++)
		fprintf(f, "%s%s", i ? (i % 12 == 0 ? ",\n    " : ", ") : "",
		    dur(t->lengths[i], b2, sizeof b2));
	fputc('\n', f);
}

void
pr_tmpl_max_shifts(FILE *f, const struct scn *s, const struct scn_key *k,
    const void *base)
{
	const struct scn_tmpl *t = base;

	(void)s;
	(void)k;
	if (t->max_shifts > 0)
		fprintf(f, "max_shifts = %d\n", t->max_shifts);
	else
		fputs("; max_shifts: no limit on how many of its candidates are staffed\n", f);
}

/* cost_sync_contact, with the threshold it makes. */
void
pr_esc_cost_sync(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_escalation *x = base;
	char n1[64];

	(void)s;
	(void)k;
	fprintf(f, "cost_sync_contact = %s  ; escalate when p_acute > %.6g\n",
	    num(x->cost_sync_contact, n1, sizeof n1), x->threshold);
}

void
pr_sweep_vary(FILE *f, const struct scn *s, const struct scn_key *k, const void *base)
{
	const struct scn_sweep *sw = base;
	char b1[4352];
	int i;

	(void)s;
	(void)k;
	for (i = 0; i < sw->nvars; i++) {
		snprintf(b1, sizeof b1, "vary = %s: ", sw->vars[i].key);
		print_list(f, b1, (const char *const *)sw->vars[i].values, sw->vars[i].nvalues);
	}
}

/* ---- the sections --------------------------------------------------------- */

/* A stream's keys depend on its kind, and a trace's on the log. */
static void
print_stream(FILE *f, const struct scn *s, const struct scn_stream *st)
{
	static const char *const trace[] = { "kind", "trace", "trace_classes", "classes",
		NULL };
	static const char *const message[] = {
		"kind", "per_week", "pattern", "volume_cv", "classes", NULL
	};
	static const char *const reading[] = {
		"kind", "patients", "per_patient_per_day", "pattern", "volume_cv", "value",
		"alert_above", "alert_class", NULL
	};
	const char *const *keys = st->kind == SCN_READING ? reading :
	    st->trace != NULL ? trace : message;
	int i;

	fprintf(f, "\n[stream %s]\n", st->name);
	for (i = 0; keys[i] != NULL; i++)
		print_key_named(f, s, SEC_STREAM, keys[i], st);
}

static void
print_shift(FILE *f, const struct scn *s, const struct scn_shift *sh)
{
	if (sh->tmpl > 0)
		fprintf(f, "\n; designed by clinicq optimize from a [shift_template]");
	fprintf(f, "\n[shift %s]\n", sh->name);
	print_keys(f, s, SEC_SHIFT, sh);
	if (sh->per_day & SCN_PER_DAY_STAFF)
		fprintf(f, "; %.4g person-hours a week\n",
		    scn_shift_person_hours_per_week(s, (int)(sh - s->shifts), NULL));
	else
		fprintf(f, "; %.4g hours a week per person\n",
		    scn_shift_hours_per_week(s, (int)(sh - s->shifts)));
}

static void
print_template(FILE *f, const struct scn *s, const struct scn_tmpl *t)
{
	fprintf(f, "\n[shift_template %s]\n", t->name);
	print_keys(f, s, SEC_SHIFT_TEMPLATE, t);
	if (t->by_day) {
		int d, ndays = 0;

		for (d = 0; d < WEEK_DAYS; d++)
			ndays += (t->days >> d) & 1;
		fprintf(f, "; %d candidate shifts for optimize, each by day: %d in all (run "
		    "plays none)\n", t->nstarts * t->nlengths, t->nstarts * t->nlengths * ndays);
	} else
		fprintf(f, "; %d candidate shifts for optimize (run plays none)\n",
		    t->nstarts * t->nlengths);
}

/* The unnamed sections after the staff, each when it is there. */
static void
print_policies(FILE *f, const struct scn *s)
{
	if (s->esc.enabled) {
		fprintf(f, "\n[escalation]\n");
		print_keys(f, s, SEC_ESCALATION, &s->esc);
	}
	if (s->contact.enabled) {
		fprintf(f, "\n[contact]\n");
		print_keys(f, s, SEC_CONTACT, &s->contact);
	}
	if (s->has_safety_target || s->has_max_utilization) {
		fprintf(f, "\n[targets]\n");
		print_keys(f, s, SEC_TARGETS, s);
	}
	if (s->sweep.nvars > 0) {
		fprintf(f, "\n[sweep]\n");
		print_keys(f, s, SEC_SWEEP, &s->sweep);
	}
}

/* Print the scenario as INI that loads back to the same scenario. */
void
scn_print(const struct scn *s, FILE *f)
{
	int i;

	fprintf(f, "; %s as clinicq understands it, defaults filled in\n\n", s->file);
	fprintf(f, "[scenario]\n");
	print_keys(f, s, SEC_SCENARIO, s);
	fprintf(f, "\n[calendar]\n");
	print_keys(f, s, SEC_CALENDAR, s);
	for (i = 0; i < s->npatterns; i++) {
		fprintf(f, "\n[pattern %s]\n", s->patterns[i].name);
		print_keys(f, s, SEC_PATTERN, &s->patterns[i]);
	}
	for (i = 0; i < s->nstreams; i++)
		print_stream(f, s, &s->streams[i]);
	for (i = 0; i < s->nclasses; i++) {
		fprintf(f, "\n[class %s]\n", s->classes[i].name);
		print_keys(f, s, SEC_CLASS, &s->classes[i]);
	}
	for (i = 0; i < s->nroles; i++) {
		fprintf(f, "\n[role %s]\n", s->roles[i].name);
		print_keys(f, s, SEC_ROLE, &s->roles[i]);
	}
	for (i = 0; i < s->nshifts; i++)
		print_shift(f, s, &s->shifts[i]);
	for (i = 0; i < s->ntemplates; i++)
		print_template(f, s, &s->templates[i]);
	for (i = 0; i < s->ncontracts; i++) {
		fprintf(f, "\n[contract %s]\n", s->contracts[i].name);
		print_keys(f, s, SEC_CONTRACT, &s->contracts[i]);
	}
	print_policies(f, s);
}
