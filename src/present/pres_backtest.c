/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_backtest.c — `clinicq backtest`'s text, JSON and backtest.csv
 * (pres_backtest.h).  A figure without a value (a wait mean of an hour with
 * nothing answered) is "-" in the text, null in JSON, empty in CSV.
 */
#include "pres_backtest.h"

#include <math.h>
#include <string.h>

#include "civil.h"
#include "report/rpt.h"

/* Shares as percentages in the text, the rest as they are. */
static void
text_num(FILE *f, int m, double x, int width)
{
	if (isnan(x))
		fprintf(f, "%*s", width, "-");
	else if (bt_measure_share(m))
		fprintf(f, "%*.1f%%", width - 1, 100.0 * x);
	else
		fprintf(f, "%*.2f", width, x);
}

static void
text_fig(FILE *f, int m, const struct bt_fig *g)
{
	text_num(f, m, g->obs, 10);
	text_num(f, m, g->mean, 10);
	fputs("  [", f);
	text_num(f, m, g->lo, 0);
	fputs(", ", f);
	text_num(f, m, g->hi, 0);
	fprintf(f, "]%s\n", g->outside ? "  *" : "");
}

static void
text_head(const struct pres_bt *p, FILE *f)
{
	const struct backtest *bt = p->bt;
	int y1, m1, d1, y2, m2, d2;

	civil_date(bt->start_day, &y1, &m1, &d1);
	civil_date(bt->end_day, &y2, &m2, &d2);
	fprintf(f, "backtest of %s against the log %s\n", p->s->file, p->log);
	fprintf(f, "log: %ld rows; its %d whole weeks %04d-%02d-%02d to %04d-%02d-%02d "
	    "(Monday 00:00 to Monday 00:00) replayed, %d replications\n", p->rows,
	    bt->nweeks, y1, m1, d1, y2, m2, d2, bt->replications);
	if (p->profile != NULL && p->profile->skipped > 0)
		log_profile_print_skips(p->profile, f);
	fputs("figures: observed, simulated mean [95% interval]; '*': the observed "
	    "value lies outside the interval\n", f);
}

/* The by-hour table: observed and simulated mean of each measure present. */
static void
text_hours(const struct backtest *bt, FILE *f)
{
	int h, m;

	fputs("\nby hour of day of arrival (all classes; obs, sim):\nhour", f);
	for (m = 0; m < BT_NMEAS; m++)
		if (bt->hour_has[m])
			fprintf(f, " %21s", bt_measure_name[m]);
	fputc('\n', f);
	for (h = 0; h < OBS_HOURS; h++) {
		fprintf(f, "%02d  ", h);
		for (m = 0; m < BT_NMEAS; m++) {
			const struct bt_fig *g = &bt->hour[h][m];

			if (!bt->hour_has[m])
				continue;
			text_num(f, m, g->obs, 10);
			text_num(f, m, g->mean, 10);
			fputs(g->outside ? "*" : " ", f);
		}
		fputc('\n', f);
	}
}

static void
text_agreement(const struct backtest *bt, FILE *f)
{
	int h, m;

	fputs("\nagreement: mean |observed - simulated| over the hours, and the hours "
	    "whose observed value lies outside the simulated interval\n", f);
	for (m = 0; m < BT_NMEAS; m++) {
		if (!bt->hour_has[m])
			continue;
		fprintf(f, "  %-18s", bt_measure_name[m]);
		text_num(f, m, bt->gap[m], 10);
		fprintf(f, "   %d of %d hours outside", bt->nout[m], bt->gap_hours[m]);
		for (h = 0; h < OBS_HOURS; h++)
			if (bt->hour[h][m].outside)
				fprintf(f, " %02d", h);
		fputc('\n', f);
	}
}

void
pres_bt_text(const struct pres_bt *p, FILE *f)
{
	const struct backtest *bt = p->bt;
	int c, m;

	text_head(p, f);
	for (c = 0; c < bt->nclasses; c++) {
		fprintf(f, "\nclass %s\n", bt->names[c]);
		for (m = 0; m < BT_NMEAS; m++)
			if (bt->cls_has[c][m]) {
				fprintf(f, "  %-18s", bt_measure_name[m]);
				text_fig(f, m, &bt->cls[c][m]);
			}
	}
	text_hours(bt, f);
	text_agreement(bt, f);
}

static void
json_fig(FILE *f, const struct bt_fig *g, int outside)
{
	struct est sim = { g->mean, g->lo, g->hi };

	fputs("{\"observed\":", f);
	rpt_json_num(f, g->obs);
	fputs(",\"simulated\":", f);
	rpt_json_est(f, &sim);   /* {"mean":…,"lo":…,"hi":…}, as every interval */
	if (outside)
		fprintf(f, ",\"outside\":%s", g->outside ? "true" : "false");
	fputc('}', f);
}

void
pres_bt_json(const struct pres_bt *p, FILE *f)
{
	const struct backtest *bt = p->bt;
	int c, h, m, n;

	fputs("{\"backtest\":{\"classes\":{", f);
	for (c = 0; c < bt->nclasses; c++) {
		fprintf(f, "%s", c > 0 ? "," : "");
		rpt_json_str(f, bt->names[c]);
		fputs(":{", f);
		for (m = n = 0; m < BT_NMEAS; m++)
			if (bt->cls_has[c][m]) {
				fprintf(f, "%s\"%s\":", n++ > 0 ? "," : "", bt_measure_name[m]);
				json_fig(f, &bt->cls[c][m], 0);
			}
		fputc('}', f);
	}
	fputs("},\"by_hour\":[", f);
	for (h = 0; h < OBS_HOURS; h++) {
		fprintf(f, "%s{\"hour\":%d", h > 0 ? "," : "", h);
		for (m = 0; m < BT_NMEAS; m++)
			if (bt->hour_has[m]) {
				fprintf(f, ",\"%s\":", bt_measure_name[m]);
				json_fig(f, &bt->hour[h][m], 1);
			}
		fputc('}', f);
	}
	fputs("],\"agreement\":{", f);
	for (m = n = 0; m < BT_NMEAS; m++)
		if (bt->hour_has[m]) {
			fprintf(f, "%s\"%s\":", n++ > 0 ? "," : "", bt_measure_name[m]);
			rpt_json_num(f, bt->gap[m]);
		}
	fputs("}}}\n", f);
}

static void
csv_row(FILE *f, const char *scope, const char *name, int m, const struct bt_fig *g)
{
	fprintf(f, "%s,", scope);
	rpt_csv_str(f, name);
	fprintf(f, ",%s", bt_measure_name[m]);
	rpt_csv_num(f, g->obs);
	rpt_csv_num(f, g->mean);
	rpt_csv_num(f, g->lo);
	rpt_csv_num(f, g->hi);
	fprintf(f, ",%s,\n", isnan(g->obs) || isnan(g->mean) ? "" : g->outside ? "yes" : "no");
}

static void
csv_fill(const void *arg, FILE *f)
{
	const struct backtest *bt = arg;
	char hour[8];
	int c, h, m;

	fputs("scope,name,measure,observed,simulated_mean,simulated_lo,simulated_hi,"
	    "outside,mean_abs_gap\n", f);
	for (c = 0; c < bt->nclasses; c++)
		for (m = 0; m < BT_NMEAS; m++)
			if (bt->cls_has[c][m])
				csv_row(f, "class", bt->names[c], m, &bt->cls[c][m]);
	for (h = 0; h < OBS_HOURS; h++)
		for (m = 0; m < BT_NMEAS; m++)
			if (bt->hour_has[m]) {
				snprintf(hour, sizeof hour, "%d", h);
				csv_row(f, "hour", hour, m, &bt->hour[h][m]);
			}
	for (m = 0; m < BT_NMEAS; m++)
		if (bt->hour_has[m]) {
			fprintf(f, "agreement,all hours,%s,,,,,", bt_measure_name[m]);
			rpt_csv_num(f, bt->gap[m]);
			fputc('\n', f);
		}
}

int
pres_bt_csv(const struct pres_bt *p, const char *dir, struct cq_err *err)
{
	return rpt_csv_file(p->s, dir, "backtest.csv", csv_fill, p->bt, err);
}
