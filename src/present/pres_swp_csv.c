/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * pres_swp_csv.c — the CSV files of `clinicq sweep --csv DIR`: points.csv (a
 * row per point, estimates as NAME.MEASURE_mean/_lo/_hi like run's files),
 * measures.csv and replications.csv (as run's, with the point), provenance.csv.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "afile.h"
#include "pres.h"
#include "pres_int.h"

/* An estimate's column in points.csv: NAME.MEASURE_mean, _lo, _hi, as the
 * columns of classes.csv (MEASURE_mean, ...); exact figures and verdicts as they
 * are.  The attainment's own _lo and _hi columns (the table's) are covered. */
static int
csv_triple(const struct col *c)
{
	return c->what == COL_MEAN && strcmp(c->row->kind, "roster") != 0;
}

static void
write_points(const struct swp *w, const struct col *cols, int ncols, FILE *f)
{
	const struct scn_sweep *sw = &w->s->sweep;
	int p, v, k;

	fputs("point", f);
	for (v = 0; v < sw->nvars; v++) {
		fputc(',', f);
		rpt_csv_str(f, sw->vars[v].key);
	}
	for (k = 0; k < ncols; k++) {
		if (cols[k].what == COL_LO || cols[k].what == COL_HI)
			continue;
		fputc(',', f);
		rpt_csv_str(f, cols[k].head);
		if (csv_triple(&cols[k])) {
			fprintf(f, "_mean,");
			rpt_csv_str(f, cols[k].head);
			fprintf(f, "_lo,");
			rpt_csv_str(f, cols[k].head);
			fprintf(f, "_hi");
		}
	}
	fputc('\n', f);
	for (p = 0; p < w->npoints; p++) {
		fprintf(f, "%d", p + 1);
		for (v = 0; v < sw->nvars; v++) {
			fputc(',', f);
			rpt_csv_str(f, sw->vars[v].values[swp_value(w, p, v)]);
		}
		for (k = 0; k < ncols; k++) {
			const struct swp_row *row = pres_swp_find_row(&w->res[p], &cols[k]);

			if (cols[k].what == COL_LO || cols[k].what == COL_HI)
				continue;
			if (cols[k].what == COL_VERDICT) {
				fputc(',', f);
				fputs(row ? row->verdict : "", f);
				continue;
			}
			rpt_csv_num(f, pres_swp_value(row, COL_MEAN));
			if (csv_triple(&cols[k])) {
				rpt_csv_num(f, pres_swp_value(row, COL_LO));
				rpt_csv_num(f, pres_swp_value(row, COL_HI));
			}
		}
		fputc('\n', f);
	}
}

/* Every figure of every point in long form, as run's measures.csv. */
static void
write_measures(const struct swp *w, FILE *f)
{
	int p, i;

	rpt_measures_head(f);
	for (p = 0; p < w->npoints; p++)
		for (i = 0; i < w->res[p].nrows; i++) {
			const struct swp_row *r = &w->res[p].rows[i];
			struct est e = { r->mean, r->lo, r->hi };

			if (r->verdict[0] != '\0' && !isfinite(r->mean))
				continue;     /* a verdict is no figure: points.csv has it */
			rpt_measures_row(f, w->s->name, p + 1, r->kind, r->name, r->measure, &e);
		}
	rpt_measures_provenance(w->s, f);
}

/* Each point's replications, as run's replications.csv with the point. */
static void
write_replications(const struct swp *w, FILE *f)
{
	int p, i, c, ncls = w->s->nclasses;

	rpt_replications_head(f);
	for (p = 0; p < w->npoints; p++)
		for (i = 0; w->res[p].repv != NULL && i < w->res[p].nrep; i++)
			for (c = 0; c < ncls; c++)
				rpt_replications_row(f, p + 1, i + 1, w->s->classes[c].name,
				    swp_repv(&w->res[p], ncls, i, c));
}

/* Adapts the sweep's writers to rpt_csv_stamped: points.csv (which 0) or
 * replications.csv. */
struct sweep_fill {
	const struct swp *w;
	const struct col *cols;
	int ncols, which;
};

static void
sweep_fill(const void *arg, FILE *f)
{
	const struct sweep_fill *sf = arg;

	if (sf->which == 0)
		write_points(sf->w, sf->cols, sf->ncols, f);
	else
		write_replications(sf->w, f);
}

/* points.csv, measures.csv, replications.csv and provenance.csv: all or none. */
int
pres_swp_csv(const struct swp *w, const struct col *cols, int ncols, const char *dir,
    struct cq_err *err)
{
	static const char *const files[] = { "points.csv", "measures.csv",
	    "replications.csv", "provenance.csv" };
	enum { NFILES = sizeof files / sizeof files[0] };
	struct afile af[NFILES];
	char path[4096];
	FILE *f;
	int i;

	if (afile_mkdir(dir, err) != 0)
		return -1;
	memset(af, 0, sizeof af);
	for (i = 0; i < NFILES; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		if ((f = afile_open(&af[i], path, err)) == NULL)
			goto fail;
		struct sweep_fill sf = { w, cols, ncols, i };

		if (i == NFILES - 1)
			rpt_provenance_csv(w->s, f);   /* already all provenance */
		else if (i == 1)
			write_measures(w, f);          /* provenance as rows */
		else if (rpt_csv_stamped(w->s, f, sweep_fill, &sf, err) != 0)
			goto fail;
	}
	for (i = 0; i < NFILES; i++)
		if (afile_commit(&af[i], err) != 0)
			goto fail;
	return 0;
fail:
	for (i = 0; i < NFILES; i++)
		afile_abort(&af[i]);
	return -1;
}
