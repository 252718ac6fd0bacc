/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_days.c — the days of `clinicq fit`: each stream's daily counts over the
 * whole weeks fitted, the days left out of its pattern and per_week (gaps in
 * the log, --exclude), and volume_cv, the day-to-day variation beyond Poisson,
 * estimated from the days kept.  Daily counts are the sums of the hourly ones
 * fit.c already keeps: no pass over the log of its own.
 */
#include "fit_int.h"
#include "civil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* A day is a gap when it holds fewer than FIT_GAP_SHARE of its weekday's
 * median and so few that Poisson counts of that median would fall as low
 * less often than FIT_GAP_P: the second guard keeps a quiet Sunday of 2
 * rows, whose 0 is chance, from being called an outage.  When the days kept
 * then show volume_cv c, the guard is asked again of the gamma-Poisson
 * (negative binomial) counts of that c: a log whose days vary by 70% has
 * days of a fifth of the usual by chance, not by outage. */
#define FIT_GAP_SHARE 0.2
#define FIT_GAP_P 1e-3
#define FIT_GAP_MIN_DAYS 3        /* days of the weekday to take a median of */
#define FIT_CV_ALPHA 1e-3         /* the dispersion test's level */

static int
excluded(const struct fit_opts *o, long day)
{
	int i;

	for (i = 0; i < o->nexclude; i++)
		if (day >= o->excl_from[i] && day <= o->excl_to[i])
			return 1;
	return 0;
}

/* Gaps of weekday d: days far below the median of the weekday's days not
 * excluded (gaps themselves included: a median stands a few of them). */
static void
find_gaps(struct fit_days *fd, int nweeks, int d)
{
	double x[FIT_MAX_WEEKS], med;
	int w, n = 0;

	for (w = 0; w < nweeks; w++)
		if (fd->state[w * 7 + d] != FIT_DAY_EXCLUDED)
			x[n++] = (double)fd->count[w * 7 + d];
	if (n < FIT_GAP_MIN_DAYS)
		return;
	gsl_sort(x, 1, (size_t)n);
	med = gsl_stats_median_from_sorted_data(x, 1, (size_t)n);
	fd->median[d] = med;
	for (w = 0; w < nweeks; w++) {
		long c = fd->count[w * 7 + d];

		if (fd->state[w * 7 + d] == FIT_DAY_KEPT && c < FIT_GAP_SHARE * med &&
		    gsl_cdf_poisson_P((unsigned)c, med) < FIT_GAP_P)
			fd->state[w * 7 + d] = FIT_DAY_GAP;
	}
}

/* Weekday means over the days kept, per_week and its standard error, and the
 * moments volume_cv wants. */
static void
weekday_moments(struct fit_days *fd, int nweeks)
{
	double num = 0, den = 0;
	int d, w;

	fd->per_week = fd->var_pw = fd->disp = fd->p = 0;
	fd->df = fd->kept_days = fd->cv_sig = 0;
	fd->kept_rows = 0;
	for (d = 0; d < 7; d++) {
		double sum = 0, ss = 0, m;
		int n = 0;

		for (w = 0; w < nweeks; w++)
			if (fd->state[w * 7 + d] == FIT_DAY_KEPT) {
				sum += (double)fd->count[w * 7 + d];
				n++;
			}
		fd->nkept[d] = n;
		fd->kept_days += n;
		fd->kept_rows += (long)sum;
		m = fd->mean[d] = n > 0 ? sum / n : 0;
		fd->per_week += m;
		if (n < 2 || m <= 0)
			continue;
		for (w = 0; w < nweeks; w++)
			if (fd->state[w * 7 + d] == FIT_DAY_KEPT)
				ss += (fd->count[w * 7 + d] - m) * (fd->count[w * 7 + d] - m);
		/* The mean of n days of this weekday: its variance is the day's / n. */
		fd->var_pw += ss / (n - 1) / n;
		/* Var = m + c^2 m^2 per day; the unbiased variance of the weekday's
		 * days stands for Var, each day weighing once. */
		num += n * (ss / (n - 1) - m);
		den += n * m * m;
		fd->disp += ss / m;
		fd->df += n - 1;
	}
	fd->cv = den > 0 && num > 0 ? sqrt(num / den) : 0;
	if (fd->df > 0) {
		fd->p = gsl_cdf_chisq_Q(fd->disp, fd->df);
		fd->cv_sig = fd->p < FIT_CV_ALPHA && fd->cv > 0;
	}
}

/* The gaps asked again of negative binomial counts of the volume_cv found:
 * the number of days kept again. */
static int
regap(struct fit_days *fd)
{
	double shape = 1 / (fd->cv * fd->cv);
	int i, n = 0;

	for (i = 0; i < fd->ndays; i++) {
		double med = fd->median[i % 7];

		if (fd->state[i] != FIT_DAY_GAP)
			continue;
		/* Mean med, variance med + c^2 med^2: n = 1/c^2, p = n / (n + med). */
		if (gsl_cdf_negative_binomial_P((unsigned)fd->count[i], shape / (shape + med),
		    shape) >= FIT_GAP_P) {
			fd->state[i] = FIT_DAY_KEPT;
			n++;
		}
	}
	return n;
}

int
fit_days_run(const struct fit *ft, const struct fit_stream *st, struct fit_days *fd,
    struct cq_err *err)
{
	int i, h, d;

	memset(fd, 0, sizeof *fd);
	fd->ndays = ft->nweeks * 7;
	fd->state = calloc((size_t)fd->ndays, sizeof *fd->state);
	fd->count = calloc((size_t)fd->ndays, sizeof *fd->count);
	if (fd->state == NULL || fd->count == NULL) {
		fit_days_free(fd);
		return cq_err_set(err, CQ_EXIT_FAIL, ft->file, 0, "out of memory");
	}
	for (i = 0; i < fd->ndays; i++) {
		for (h = 0; h < 24; h++)
			fd->count[i] += st->counts[(size_t)(i / 7) * WEEK_HOURS + (i % 7) * 24 + h];
		fd->rows += fd->count[i];
		if (excluded(ft->o, ft->start_day + i))
			fd->state[i] = FIT_DAY_EXCLUDED;
	}
	for (d = 0; d < 7; d++)
		find_gaps(fd, ft->nweeks, d);
	weekday_moments(fd, ft->nweeks);
	if (fd->cv_sig && regap(fd) > 0)
		weekday_moments(fd, ft->nweeks);
	if (fd->kept_days == 0) {
		fit_days_free(fd);
		return cq_err_set(err, CQ_EXIT_USAGE, ft->file, 0, "stream %s: every day of "
		    "the weeks fitted is left out (--exclude, or gaps): nothing to fit",
		    st->name);
	}
	return 0;
}

double
fit_days_hour(const struct fit *ft, const struct fit_stream *st,
    const struct fit_days *fd, int h, double *var)
{
	double sum = 0, ss = 0, m;
	int n = fd->nkept[h / 24], wk;

	*var = -1;
	if (n == 0)
		return 0;
	for (wk = 0; wk < ft->nweeks; wk++)
		if (fd->state[wk * 7 + h / 24] == FIT_DAY_KEPT)
			sum += st->counts[(size_t)wk * WEEK_HOURS + h];
	m = sum / n;
	if (n < 2)
		return m;
	for (wk = 0; wk < ft->nweeks; wk++)
		if (fd->state[wk * 7 + h / 24] == FIT_DAY_KEPT) {
			double dev = st->counts[(size_t)wk * WEEK_HOURS + h] - m;

			ss += dev * dev;
		}
	*var = ss / (n - 1);
	return m;
}

void
fit_days_free(struct fit_days *fd)
{
	free(fd->state);
	free(fd->count);
	fd->state = NULL;
	fd->count = NULL;
}

static void
ymd(long day, char *buf, size_t n)
{
	int y, m, d;

	civil_date(day, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
}

/* One run of days left out: a whole week (or weeks) named as such. */
static void
print_run(const struct fit *ft, const struct fit_days *fd, int a, int b, FILE *out)
{
	char d1[16], d2[16];
	long rows = 0;
	int i, n = b - a;

	for (i = a; i < b; i++)
		rows += fd->count[i];
	ymd(ft->start_day + a, d1, sizeof d1);
	ymd(ft->start_day + b - 1, d2, sizeof d2);
	fprintf(out, "; left out, %s: ", fd->state[a] == FIT_DAY_GAP ? "a gap in the log" :
	    "--exclude");
	if (a % 7 == 0 && n % 7 == 0)
		fprintf(out, "the %s %s..%s", n == 7 ? "week" : "weeks", d1, d2);
	else if (n == 1)
		fprintf(out, "%s (%s)", d1, week_day_key[a % 7]);
	else
		fprintf(out, "the %d days %s..%s", n, d1, d2);
	fprintf(out, ", %ld %s", rows, rows == 1 ? "row" : "rows");
	if (n == 1 && fd->state[a] == FIT_DAY_GAP)
		fprintf(out, " (the median %s has %.4g)", week_day_key[a % 7], fd->median[a % 7]);
	fputc('\n', out);
}

void
fit_days_print_left_out(const struct fit *ft, const struct fit_days *fd, FILE *out)
{
	int a = 0, b, d;

	while (a < fd->ndays) {
		if (fd->state[a] == FIT_DAY_KEPT) {
			a++;
			continue;
		}
		for (b = a + 1; b < fd->ndays && fd->state[b] == fd->state[a]; b++)
			;
		print_run(ft, fd, a, b, out);
		a = b;
	}
	for (d = 0; d < 7; d++)
		if (fd->nkept[d] == 0)
			fprintf(out, "; warning: no day kept on %s: per_week and the pattern "
			    "count none for it\n", week_day_key[d]);
}

/* per_week: the sum of the weekday means over the days kept, so that a left
 * out Monday lowers neither Mondays nor the week. */
void
fit_days_print_per_week(const struct fit *ft, const struct fit_days *fd, FILE *out)
{
	if (fd->kept_days == fd->ndays) {
		fprintf(out, "per_week = %.10g  ; %ld rows over %d weeks\n",
		    (double)fd->rows / ft->nweeks, fd->rows, ft->nweeks);
		return;
	}
	fprintf(out, "per_week = %.10g  ; %ld rows on the %d days kept of %d: the sum of "
	    "each weekday's mean (se %.3g)\n", fd->per_week, fd->kept_rows, fd->kept_days,
	    fd->ndays, sqrt(fd->var_pw));
}

/* volume_cv, or why there is none. */
void
fit_days_print_cv(const struct fit_days *fd, FILE *out)
{
	if (fd->df == 0) {
		fprintf(out, "; too few days kept to test daily counts for variation beyond "
		    "Poisson\n");
		return;
	}
	fprintf(out, "; daily counts of the %d days kept: dispersion %.4g on %d df against "
	    "each weekday's mean (Poisson: chi-square, p %.2g)\n", fd->kept_days,
	    fd->disp, fd->df, fd->p);
	if (!fd->cv_sig) {
		fprintf(out, "; daily counts are Poisson-like: no volume_cv\n");
		return;
	}
	if (fd->cv > FIT_MAX_VOLUME_CV) {
		/* Written so that the scenario loads; the log is not a gamma-Poisson
		 * one (an outage, a change of volume, a mix of sources). */
		fprintf(out, "; warning: daily counts vary far beyond Poisson (c = %.3g%% by "
		    "the method of moments),\n; more than volume_cv can say: written at its "
		    "limit; look for days of another volume\n; (an outage, a change) and "
		    "--exclude them\nvolume_cv = %.3g%%\n", 100 * fd->cv,
		    100 * FIT_MAX_VOLUME_CV);
		return;
	}
	fprintf(out, "; daily counts vary beyond Poisson: Var = m + c^2 m^2 with c by the "
	    "method of moments\nvolume_cv = %.3g%%\n", 100 * fd->cv);
}
