/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rpt_json.c — the JSON of doc/clinicq.1.  One object; every estimate is
 * {"mean","lo","hi"}; wall-clock figures only under "timing", so two runs with
 * the same seed print the same text once "timing" is dropped.
 */
#include "config.h"

#include "rpt.h"
#include "rpt_col.h"
#include "rpt_figs.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

void
rpt_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

void
rpt_json_by_day(FILE *f, const int v[WEEK_DAYS], unsigned days)
{
	int d, first = 1;

	if (!scn_by_day_varies(v, days)) {
		for (d = 0; d < WEEK_DAYS - 1 && !(days & (1u << d)); d++)
			;
		fprintf(f, "%d", v[d]);
		return;
	}
	fputc('{', f);
	for (d = 0; d < WEEK_DAYS; d++)
		if (days & (1u << d)) {
			fprintf(f, "%s\"%s\":%d", first ? "" : ",", week_day_key[d], v[d]);
			first = 0;
		}
	fputc('}', f);
}

void
rpt_json_num(FILE *f, double x)
{
	if (isfinite(x))
		fprintf(f, "%.10g", x == 0.0 ? 0.0 : x);   /* no "-0" */
	else
		fputs("null", f);
}

void
rpt_json_met(FILE *f, enum meas_met m)
{
	if (m == MEAS_MET_NONE)
		fputs("null", f);
	else
		rpt_json_str(f, meas_met_name(m));
}

void
rpt_json_est(FILE *f, const struct est *e)
{
	fputs("{\"mean\":", f);
	rpt_json_num(f, e->mean);
	fputs(",\"lo\":", f);
	rpt_json_num(f, e->lo);
	fputs(",\"hi\":", f);
	rpt_json_num(f, e->hi);
	fputc('}', f);
}

static void
key_est(FILE *f, const char *key, const struct est *e, int comma)
{
	if (comma)
		fputc(',', f);
	rpt_json_str(f, key);
	fputc(':', f);
	rpt_json_est(f, e);
}

/* "{" and the table's figures of row i as "KEY":{"mean",...}, comma-separated;
 * the caller closes the object. */
static void
json_figures(FILE *f, const struct rpt_table *t, const void *ctx, int i)
{
	int k, n = 0;

	fputc('{', f);
	for (k = 0; k < t->ncols; k++)
		if (rpt_col_figure(&t->cols[k]))
			key_est(f, t->cols[k].key, rpt_col_est(t, &t->cols[k], ctx, i), n++ > 0);
}

/* Misses explained: by hour of week of arrival and by cause, per replication. */
static void
json_misses(const struct meas *m, int c, FILE *f)
{
	const struct meas_class *mc = &m->cls[c];
	int h;

	fputs(",\"misses_by_hour\":[", f);
	for (h = 0; h < WEEK_HOURS; h++) {
		if (h > 0)
			fputc(',', f);
		rpt_json_num(f, mc->misses_by_hour[h]);
	}
	fputs("],\"miss_causes\":{", f);
	key_est(f, "no_cover", &mc->miss_no_cover, 0);
	key_est(f, "queued", &mc->miss_queued, 1);
	key_est(f, "abandoned", &mc->miss_abandoned, 1);
	key_est(f, "open_at_end", &mc->miss_open, 1);
	fputc('}', f);
	key_est(f, "uncovered_share", &mc->uncovered_share, 1);
}

static void
json_class(const struct meas *m, int c, FILE *f)
{
	const struct scn_class *k = &m->scn->classes[c];
	const struct meas_class *mc = &m->cls[c];
	int h;

	rpt_json_str(f, k->name);
	fputs(":{\"mode\":", f);
	rpt_json_str(f, k->mode == SCN_SYNC ? "sync" : "async");
	key_est(f, "arrived", &mc->arrived, 1);
	key_est(f, "completed", &mc->completed, 1);
	key_est(f, "open_at_end", &mc->open_at_end, 1);
	/* The same figure under the name earlier versions gave it, so that
	 * readers of those still find "still waiting at the end". */
	key_est(f, "waiting_at_end", &mc->open_at_end, 1);
	key_est(f, "wait_mean_min", &mc->wait_mean, 1);
	key_est(f, "wait_p50_min", &mc->wait_p50, 1);
	key_est(f, "wait_p90_min", &mc->wait_p90, 1);
	key_est(f, "wait_p95_min", &mc->wait_p95, 1);
	key_est(f, "wait_p99_min", &mc->wait_p99, 1);
	key_est(f, "wait_max_min", &mc->wait_max, 1);
	key_est(f, "response_mean_min", &mc->resp_mean, 1);
	key_est(f, "response_p50_min", &mc->resp_p50, 1);
	key_est(f, "response_p90_min", &mc->resp_p90, 1);
	key_est(f, "response_p95_min", &mc->resp_p95, 1);
	key_est(f, "response_p99_min", &mc->resp_p99, 1);
	key_est(f, "response_max_min", &mc->resp_max, 1);
	key_est(f, "abandoned", &mc->abandoned, 1);
	key_est(f, "abandon_rate", &mc->abandon_rate, 1);
	key_est(f, "attainment", &mc->attainment, 1);
	fputs(",\"target\":", f);
	if (k->has_target) {
		fputs("{\"share\":", f);
		rpt_json_num(f, k->target_share);
		fputs(",\"within_min\":", f);
		rpt_json_num(f, k->target_within);
		/* What the target is on: the wait (sync) or the response (async). */
		fputs("},\"target_on\":", f);
		rpt_json_str(f, k->mode == SCN_SYNC ? "wait" : "response");
		fputs(",\"met\":", f);
		rpt_json_str(f, meas_met_name(mc->met));
	} else {
		fputs("null,\"met\":null", f);
	}
	key_est(f, "backlog_growth_per_week", &mc->backlog_growth, 1);
	fputs(",\"backlog_by_hour\":[", f);
	for (h = 0; h < WEEK_HOURS; h++) {
		if (h > 0)
			fputc(',', f);
		rpt_json_num(f, mc->backlog[h]);
	}
	fputc(']', f);
	json_misses(m, c, f);
	fputc('}', f);
}

/* Each stream's kind and volume; a trace stream says so, with its rows. */
static void
json_streams(const struct scn *s, FILE *f)
{
	int i;

	fputs(",\"streams\":{", f);
	for (i = 0; i < s->nstreams; i++) {
		const struct scn_stream *st = &s->streams[i];
		const struct scn_trace *tr = st->trace;

		if (i > 0)
			fputc(',', f);
		rpt_json_str(f, st->name);
		fputs(":{\"kind\":", f);
		rpt_json_str(f, st->kind == SCN_READING ? "reading" : "message");
		fputs(",\"per_week\":", f);
		rpt_json_num(f, st->per_week);
		/* Only when set: a Poisson stream's JSON stays as it always was. */
		if (st->volume_cv > 0) {
			fputs(",\"volume_cv\":", f);
			rpt_json_num(f, st->volume_cv);
		}
		fputs(",\"trace\":", f);
		if (tr == NULL) {
			fputs("null}", f);
			continue;
		}
		fputs("{\"file\":", f);
		rpt_json_str(f, tr->file);
		fprintf(f, ",\"rows\":%ld,\"in_warmup\":%ld,\"in_span\":%ld,\"outside\":%ld}}",
		    tr->read, tr->warm, tr->span, tr->before + tr->after);
	}
	fputc('}', f);
}

/* One --set text's key or value, without the blanks around it. */
static void
json_part(FILE *f, const char *s, size_t n)
{
	char buf[1024];

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	rpt_json_str(f, buf);
}

static size_t
key_len(const char *text)
{
	const char *eq = strchr(text, '=');

	return eq != NULL ? (size_t)(eq - text) : strlen(text);
}

void
rpt_json_provenance(const struct scn *s, FILE *f)
{
	int i, j, first = 1;

	fputs("\"version\":", f);
	rpt_json_str(f, PACKAGE_VERSION);
	fputs(",\"overrides\":{", f);
	for (i = 0; i < s->nset; i++) {
		const char *t = s->set[i].text;
		size_t k = key_len(t);

		/* A key given twice is one JSON key: the value that wins, the last. */
		for (j = i + 1; j < s->nset; j++)
			if (key_len(s->set[j].text) == k && strncmp(s->set[j].text, t, k) == 0)
				break;
		if (j < s->nset)
			continue;
		if (!first)
			fputc(',', f);
		first = 0;
		json_part(f, t, k);
		fputc(':', f);
		json_part(f, t[k] == '=' ? t + k + 1 : "", t[k] == '=' ? strlen(t + k + 1) : 0);
	}
	fputc('}', f);
}

/* The run object's members; top: with version and overrides (not in a sweep's
 * points, whose "overrides" are the point's own). */
static void
members(const struct meas *m, int top, FILE *f)
{
	const struct scn *s = m->scn;
	int c, r, i;

	fputs("\"scenario\":", f);
	rpt_json_str(f, s->name);
	if (top) {
		fputc(',', f);
		rpt_json_provenance(s, f);
	}
	fprintf(f, ",\"seed\":%" PRIu64 ",\"replications\":%d,\"weeks\":", s->seed,
	    m->replications);
	rpt_json_num(f, s->weeks);
	fputs(",\"warmup_min\":", f);
	rpt_json_num(f, s->warmup);
	fprintf(f, ",\"events\":%" PRIu64, m->events);
	json_streams(s, f);
	fputs(",\"classes\":{", f);
	for (c = 0; c < s->nclasses; c++) {
		if (c > 0)
			fputc(',', f);
		json_class(m, c, f);
	}
	fputs("},\"roles\":{", f);
	for (r = 0; r < s->nroles; r++) {
		if (r > 0)
			fputc(',', f);
		rpt_json_str(f, s->roles[r].name);
		fputc(':', f);
		json_figures(f, &rpt_role_table, m, r);
		fputs(",\"met\":", f);
		rpt_json_met(f, m->role[r].met);
		fputc('}', f);
	}
	fputs("},\"safety\":", f);
	json_figures(f, &rpt_safety_table, m, 0);
	fputs(",\"target_miss_rate\":", f);
	if (s->has_safety_target) {
		rpt_json_num(f, s->safety_miss_rate);
		fputs(",\"met\":", f);
		rpt_json_str(f, meas_met_name(m->safety.met));
	} else {
		fputs("null,\"met\":null", f);
	}
	fputs("},\"cost_per_week\":", f);
	json_figures(f, &rpt_cost_table, m, 0);
	fputs("},\"warnings\":[", f);
	for (i = 0; i < m->nwarnings; i++) {
		if (i > 0)
			fputc(',', f);
		rpt_json_str(f, m->warnings[i]);
	}
	fputc(']', f);
}

void
rpt_json_members(const struct meas *m, FILE *f)
{
	members(m, 0, f);
}

void
rpt_json_top_members(const struct meas *m, FILE *f)
{
	members(m, 1, f);
}

void
rpt_json(const struct meas *m, const struct rpt_timing *t, FILE *f)
{
	fputc('{', f);
	rpt_json_top_members(m, f);
	if (t != NULL) {
		fputs(",\"timing\":{\"wall_s\":", f);
		rpt_json_num(f, t->wall_s);
		fputs(",\"cpu_s\":", f);
		rpt_json_num(f, t->cpu_s);
		fprintf(f, ",\"jobs\":%d,\"events_per_s\":", t->jobs);
		rpt_json_num(f, t->wall_s > 0 ? (double)m->events / t->wall_s : NAN);
		fputc('}', f);
	}
	fputs("}\n", f);
}
