/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fit_print.c — the sections `clinicq fit` prints: INI that a scenario loads
 * unchanged, with comments that say how good each fit is.
 */
#include "fit_int.h"
#include "civil.h"
#include "log_profile.h"

#include <math.h>
#include <string.h>
#include "week.h"


/* A number rounded to three significant figures, never in exponent form (the
 * scenario's number parser wants plain decimals). */
static void
sig3(double x, char *buf, size_t n)
{
	int e = (int)floor(log10(x)), dec = 2 - e;

	if (dec >= 0)
		snprintf(buf, n, "%.*f", dec, x);
	else
		snprintf(buf, n, "%.0f", round(x / pow(10, -dec)) * pow(10, -dec));
}

/* Minutes as a scenario's time, plain decimals. */
static void
minutes(double x, char *buf, size_t n)
{
	snprintf(buf, n, "%.5g", x);
	if (strchr(buf, 'e') != NULL)
		snprintf(buf, n, x >= 1 ? "%.0f" : "%.7f", x);
	strncat(buf, "min", n - strlen(buf) - 1);
}

/* Days of a mask as mon-fri, or mon,wed-fri. */
void
fit_print_days(unsigned mask, char *buf, size_t n)
{
	size_t used = 0;
	int d = 0, e;

	buf[0] = '\0';
	if (mask == 0x7f) {
		snprintf(buf, n, "all");
		return;
	}
	while (d < 7) {
		if (!(mask & (1u << d))) {
			d++;
			continue;
		}
		for (e = d; e + 1 < 7 && (mask & (1u << (e + 1))); e++)
			;
		used += (size_t)snprintf(buf + used, n - used, "%s%s", used > 0 ? "," : "",
		    week_day_key[d]);
		if (e > d)
			used += (size_t)snprintf(buf + used, n - used, "-%s", week_day_key[e]);
		d = e + 1;
	}
}

struct run {
	int start, end;           /* hours of the day, [start, end) */
	char w[32];
	unsigned mask;
};

/* The pattern: runs of equal hours in a day, the same run on several days one line. */
static void
print_pattern(const struct fit *ft, const struct fit_stream *st,
    const struct fit_days *fd, FILE *out)
{
	struct run runs[WEEK_HOURS];
	char w[WEEK_HOURS][32], dbuf[64];
	double mean[WEEK_HOURS], disp = 0;
	int nruns = 0, ndisp = 0, h, d, i;

	for (h = 0; h < WEEK_HOURS; h++) {
		double var;

		/* Over the days kept of the hour's weekday only (fit_days.c). */
		mean[h] = fit_days_hour(ft, st, fd, h, &var);
		w[h][0] = '\0';
		if (mean[h] > 0)
			sig3(mean[h], w[h], sizeof w[h]);
		if (mean[h] > 0 && var >= 0) {
			disp += var / mean[h];
			ndisp++;
		}
	}
	for (d = 0; d < 7; d++) {
		for (h = 0; h < 24;) {
			int a = h;

			if (w[d * 24 + h][0] == '\0') {
				h++;
				continue;
			}
			while (h < 24 && strcmp(w[d * 24 + h], w[d * 24 + a]) == 0)
				h++;
			for (i = 0; i < nruns; i++)
				if (runs[i].start == a && runs[i].end == h &&
				    strcmp(runs[i].w, w[d * 24 + a]) == 0)
					break;
			if (i == nruns) {
				runs[nruns].start = a;
				runs[nruns].end = h;
				runs[nruns].mask = 0;
				snprintf(runs[nruns].w, sizeof runs[nruns].w, "%s", w[d * 24 + a]);
				nruns++;
			}
			runs[i].mask |= 1u << d;
		}
	}
	if (fd->kept_days == fd->ndays)
		fprintf(out, "\n[pattern %s]\n; mean arrivals in each hour of week over the %d "
		    "weeks, 3 significant figures; hours not named had none\n", st->name,
		    ft->nweeks);
	else
		fprintf(out, "\n[pattern %s]\n; mean arrivals in each hour of week over the days "
		    "kept of its weekday (%d of %d days; see [stream %s]), 3 significant "
		    "figures; hours not named had none\n", st->name, fd->kept_days, fd->ndays,
		    st->name);
	if (ndisp > 0) {
		disp /= ndisp;
		fprintf(out, "; hourly counts: variance / mean %.3g, averaged over the %d hours "
		    "with arrivals (1 for Poisson)\n", disp, ndisp);
		/* Day-to-day variation shows in the hours too: volume_cv models it.
		 * Left over is clustering within days, which nothing models. */
		if (disp > FIT_OVERDISPERSED && fd->cv_sig)
			fprintf(out, "; hourly counts are overdispersed for Poisson (variance / "
			    "mean %.3g > %.1f) as daily counts are: volume_cv in [stream %s]\n",
			    disp, FIT_OVERDISPERSED, st->name);
		else if (disp > FIT_OVERDISPERSED)
			fprintf(out, "; warning: hourly counts are overdispersed for Poisson "
			    "(variance / mean %.3g > %.1f) though daily counts are not: arrivals "
			    "cluster within days; the model's arrivals vary less than the log's\n",
			    disp, FIT_OVERDISPERSED);
	}
	for (i = 0; i < nruns; i++) {
		fit_print_days(runs[i].mask, dbuf, sizeof dbuf);
		fprintf(out, "weight = %s %02d:00-%02d:00 %s\n", dbuf, runs[i].start,
		    runs[i].end, runs[i].w);
	}
}

static void
print_stream(const struct fit *ft, const struct fit_stream *st,
    const struct fit_days *fd, FILE *out)
{
	double acc = 0, sh;
	int c, last = -1, first = 1;

	fprintf(out, "\n[stream %s]\nkind = message\n", st->name);
	fit_days_print_left_out(ft, fd, out);
	fit_days_print_per_week(ft, fd, out);
	fit_days_print_cv(fd, out);
	fprintf(out, "pattern = %s\nclasses = ", st->name);
	for (c = 0; c < ft->nclasses; c++)
		if (st->cls_rows[c] > 0)
			last = c;
	/* Each share to 1e-9, the last what makes the sum 1. */
	for (c = 0; c < ft->nclasses; c++) {
		if (st->cls_rows[c] == 0)
			continue;
		sh = c == last ? 1.0 - acc :
		    round((double)st->cls_rows[c] / (double)st->rows * 1e9) / 1e9;
		acc += sh;
		fprintf(out, "%s%s %.9g", first ? "" : ", ", ft->classes[c].name, sh);
		first = 0;
	}
	fputc('\n', out);
}

/* A KS distance, or why there is none. */
static const char *
ks(double d, char *buf, size_t n)
{
	if (isfinite(d))
		snprintf(buf, n, "%.4f", d);
	else
		snprintf(buf, n, "unknown (GSL's CDF fails at these parameters)");
	return buf;
}

/* The sample and both families in comments; the better family, or NULL when
 * neither fits. */
static const struct fit_family *
print_families(struct fit_class *k, struct fit_family *ln, struct fit_family *ga,
    FILE *out)
{
	char k1[48];

	fit_lognormal(&k->svc, ln);
	fit_gamma(&k->svc, ga);
	if (!ln->ok && !ga->ok)
		return NULL;
	fit_service_print_sample(&k->svc, out);
	if (ln->ok)
		fprintf(out, "; lognormal: mu %.6g (se %.3g), sigma %.6g (se %.3g); "
		    "log-likelihood %.10g; KS distance %s; fitted mean %.4g min, SD %.4g min\n",
		    ln->p1, ln->se1, ln->p2, ln->se2, ln->loglik, ks(ln->ks, k1, sizeof k1),
		    ln->mean, ln->sd);
	if (ga->ok)
		fprintf(out, "; gamma: shape %.6g (se %.3g), scale %.6g min (se %.3g); "
		    "log-likelihood %.10g; KS distance %s; fitted mean %.4g min, SD %.4g min\n",
		    ga->p1, ga->se1, ga->p2, ga->se2, ga->loglik, ks(ga->ks, k1, sizeof k1),
		    ga->mean, ga->sd);
	return !ga->ok || (ln->ok && ln->loglik >= ga->loglik) ? ln : ga;
}

/* A sample at one value (to 0.1%) but for a few: no spread fits it (a
 * single outlier makes the lognormal's sigma, and so its mean, explode);
 * or a fit whose mean or SD is beyond any service time. */
static int
print_constant(struct fit_class *k, const struct fit_family *best, FILE *out)
{
	double med;
	long differ;
	char m[48];
	int constant = fit_service_constant(&k->svc, &med, &differ);
	int beyond = best == NULL || !isfinite(best->mean) || !isfinite(best->sd) ||
	    best->mean > FIT_MAX_SERVICE_MIN || best->sd > FIT_MAX_SERVICE_MIN;

	if (!constant && !beyond)
		return 0;
	minutes(med, m, sizeof m);
	if (differ == 0)
		fprintf(out, "; every service time is the same\n");
	else if (beyond)
		fprintf(out, "; warning: the fitted mean or SD is beyond any service time "
		    "(%ld of %zu sampled values differ from the median %s): written as the "
		    "median; look for mistyped values\n", differ, k->svc.nsample, m);
	else
		fprintf(out, "; warning: %ld of %zu sampled values differ from the median %s "
		    "by more than 0.1%% (fewer than %.0f%%): the service is written constant; "
		    "look for mistyped values among them\n", differ, k->svc.nsample, m,
		    100 * (1 - FIT_CONST_SHARE));
	fprintf(out, "service = const(%s)\n", m);
	return 1;
}

/* Is a [pattern] of this name written already: a stream's, or another
 * class's service_by_hour? */
static int
pattern_taken(const struct fit *ft, const struct fit_class *k, const char *name)
{
	int i;

	for (i = 0; i < ft->nstreams; i++)
		if (ft->streams[i].rows > 0 && strcmp(ft->streams[i].name, name) == 0)
			return 1;
	for (i = 0; i < ft->nclasses; i++)
		if (&ft->classes[i] != k && ft->classes[i].srv.write_by_hour &&
		    strcmp(ft->classes[i].srv.pattern, name) == 0)
			return 1;
	return 0;
}

/* CLASS_service, shortened to a name's length, numbered if it is taken; 0,
 * or -1 when a scenario would have too many patterns. */
static int
name_service_pattern(const struct fit *ft, struct fit_class *k)
{
	char *pn = k->srv.pattern;
	int i, n = 0;

	for (i = 0; i < ft->nstreams; i++)
		n += ft->streams[i].rows > 0;
	for (i = 0; i < ft->nclasses; i++)
		n += &ft->classes[i] != k && ft->classes[i].srv.write_by_hour;
	if (n >= FIT_MAX_PATTERNS)
		return -1;

	snprintf(pn, sizeof k->srv.pattern, "%.*s_service", LOG_MAX_NAME - 9, k->name);
	for (i = 2; pattern_taken(ft, k, pn) && i < 1000; i++)
		snprintf(pn, sizeof k->srv.pattern, "%.*s_service%d", LOG_MAX_NAME - 12,
		    k->name, i);
	return 0;
}

static void
print_class(const struct fit *ft, struct fit_class *k, FILE *out)
{
	struct fit_family ln, ga;
	char m[48], s[48];
	const struct fit_family *best;

	fprintf(out, "\n[class %s]\nmode = %s\n", k->name, k->pat.abandoned > 0 ? "sync" :
	    "async");
	if (!ft->cols.has_service) {
		fprintf(out, "; the log has no service_min column: add service = DIST, like "
		    "lognormal(4min,3min)\n");
		return;
	}
	fprintf(out, "; %ld rows, %ld positive service times", k->rows, k->svc.n);
	if (k->svc.zeros > 0)
		fprintf(out, " (%ld of 0 minutes left out: neither family holds 0)",
		    k->svc.zeros);
	fputc('\n', out);
	fit_service_print_short(&k->srv, ft->o, out);
	if (k->svc.n < FIT_MIN_ROWS) {
		fprintf(out, "; warning: too few service times to fit (%ld, fewer than %d); add "
		    "service = DIST by hand\n", k->svc.n, FIT_MIN_ROWS);
		return;
	}
	if (k->svc.nsample < (size_t)k->svc.n)
		fprintf(out, "; KS distances over a random sample of %zu of them (fixed seed)\n",
		    k->svc.nsample);
	best = print_families(k, &ln, &ga, out);
	if (print_constant(k, best, out))
		return;
	fit_service_print_ks(best, k->svc.nsample, out);
	fit_service_print_mean(&k->svc, best, out);
	minutes(best->mean, m, sizeof m);
	minutes(best->sd, s, sizeof s);
	fprintf(out, "; chosen: %s, the higher likelihood\nservice = %s(%s,%s)\n",
	    best == &ln ? "lognormal" : "gamma", best == &ln ? "lognormal" : "gamma", m, s);
	fit_service_hours(&k->srv);
	if (k->srv.write_by_hour && name_service_pattern(ft, k) != 0) {
		k->srv.write_by_hour = 0;
		fprintf(out, "; warning: no room for service_by_hour's pattern (a scenario takes "
		    "%d patterns): fit fewer streams or classes at once\n", FIT_MAX_PATTERNS);
	}
	fit_service_print_hours(&k->srv, out);
}

int
fit_print(struct fit *ft, FILE *out, struct cq_err *err)
{
	struct fit_days fd;
	struct fit_plan plan;
	int y1, m1, d1, y2, m2, d2, i, rc = -1;

	civil_date(ft->start_day, &y1, &m1, &d1);
	civil_date(ft->end_day - 1, &y2, &m2, &d2);
	fprintf(out, "; clinicq fit %s: %ld rows; fitted the %d whole weeks %04d-%02d-%02d "
	    "to %04d-%02d-%02d (Monday 00:00 to Monday 00:00)\n", ft->file, ft->rows,
	    ft->nweeks, y1, m1, d1, y2, m2, d2);
	if (ft->dropped > 0)
		fprintf(out, "; warning: %ld rows dropped, in partial weeks or outside --from / "
		    "--to: %ld before %04d-%02d-%02d, %ld after %04d-%02d-%02d\n", ft->dropped,
		    ft->before, y1, m1, d1, ft->after, y2, m2, d2);
	log_profile_print_skips(ft->o->profile, out);
	if (ft->no_service > 0)
		fprintf(out, "; %ld rows with no service_min left out of the service fits\n",
		    ft->no_service);
	fprintf(out, "; services: maximum likelihood over every positive service time; KS "
	    "distances over a random sample of at most %d per class (fixed seed)\n",
	    FIT_SAMPLE);
	/* A trace is read without a profile: a foreign export must be converted. */
	if (ft->o->profile != NULL)
		fprintf(out, "; to replay the log itself: write it in the canonical columns (a "
		    "trace takes no profile), then trace = FILE in a [stream], [scenario] "
		    "start_date = %04d-%02d-%02d\n", y1, m1, d1);
	else
		fprintf(out, "; to replay the log itself: trace = %s in a [stream], [scenario] "
		    "start_date = %04d-%02d-%02d\n", ft->file, y1, m1, d1);
	if (fit_plan_init(ft, &plan, err) != 0)
		return -1;
	fit_scn_print_head(ft, out);
	for (i = 0; i < ft->nstreams; i++) {
		if (ft->streams[i].rows == 0) {
			fprintf(out, "\n; stream %s: no rows in the fitted weeks\n",
			    ft->streams[i].name);
			continue;
		}
		if (fit_days_run(ft, &ft->streams[i], &fd, err) != 0)
			goto out;
		print_pattern(ft, &ft->streams[i], &fd, out);
		print_stream(ft, &ft->streams[i], &fd, out);
		fit_plan_stream(ft, &ft->streams[i], &fd, &plan);
		fit_days_free(&fd);
	}
	for (i = 0; i < ft->nclasses; i++) {
		if (ft->classes[i].rows == 0) {
			fprintf(out, "\n; class %s: no rows in the fitted weeks\n",
			    ft->classes[i].name);
			continue;
		}
		print_class(ft, &ft->classes[i], out);
		fit_pat_print(&ft->classes[i].pat, ft->cols.has_outcome, out);
		fit_service_print_pattern(&ft->classes[i].srv, ft->classes[i].name, out);
	}
	if (fit_scn_print_staff(ft, &plan, out, err) != 0)
		goto out;
	fit_scn_print_tail(ft, out);
	rc = 0;
out:
	fit_plan_free(&plan);
	return rc;
}
