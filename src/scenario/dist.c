/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dist.c — the distributions a scenario names: validation, sampling with GSL,
 * moments, tail probabilities and printing.
 *
 * Planners give lognormal and gamma by mean and SD; dist_init() turns them into
 * GSL's parameters once, so that dist_sample() (the simulator's hot path) is a
 * switch without allocation.  An SD of 0 makes any two-parameter distribution a
 * constant.
 *
 * normal(MEAN,SD) used as a time (is_time) is truncated at 0: draws below 0 are
 * redrawn, so the result has the density of the normal restricted to x >= 0.
 * Because a time's mean must be positive, at least half the draws are accepted
 * and the loop ends after two draws on average.  dist_mean(), dist_sd() and
 * dist_sf() give the figures of that truncated distribution.
 *
 * triangular(MIN,MODE,MAX) has no GSL sampler: dist_sample inverts its CDF.
 * empirical(FILE.csv) is loaded by dist_emp.c.
 */
#include "dist.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "units.h"

/* Set *why (when given) and return -1. */
static int
bad(const char **why, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return -1;
}

/* Check the parameters as written and derive GSL's. */
int
dist_init(struct dist *d, const char **why)
{
	double s2;

	d->p1 = d->p2 = 0.0;
	if (!isfinite(d->a) || !isfinite(d->b) || !isfinite(d->c))
		return bad(why, "distribution parameters must be finite numbers");
	switch (d->kind) {
	case DIST_NONE:
		return 0;
	case DIST_EXP:
		if (!(d->a > 0))
			return bad(why, "the mean of exp(MEAN) must be positive");
		return 0;
	case DIST_CONST:
		if (d->is_time && d->a < 0)
			return bad(why, "const(X) as a time cannot be negative");
		return 0;
	case DIST_UNIFORM:
		if (d->a > d->b)
			return bad(why, "uniform(A,B) needs A <= B");
		if (d->is_time && d->a < 0)
			return bad(why, "uniform(A,B) as a time needs A >= 0");
		return 0;
	case DIST_LOGNORMAL:
		if (!(d->a > 0))
			return bad(why, "the mean of lognormal(MEAN,SD) must be positive");
		if (d->b < 0)
			return bad(why, "the SD of lognormal(MEAN,SD) cannot be negative");
		s2 = log1p((d->b / d->a) * (d->b / d->a));
		d->p1 = log(d->a) - s2 / 2.0;
		d->p2 = sqrt(s2);
		return 0;
	case DIST_GAMMA:
		if (!(d->a > 0))
			return bad(why, "the mean of gamma(MEAN,SD) must be positive");
		if (d->b < 0)
			return bad(why, "the SD of gamma(MEAN,SD) cannot be negative");
		if (d->b > 0) {
			d->p1 = (d->a / d->b) * (d->a / d->b);
			d->p2 = d->b * d->b / d->a;
			if (!(d->p1 >= 1e-6 && d->p1 <= 1e12))
				return bad(why, "gamma(MEAN,SD) has an SD too far from its mean");
		}
		return 0;
	case DIST_NORMAL:
		if (d->b < 0)
			return bad(why, "the SD of normal(MEAN,SD) cannot be negative");
		if (d->is_time && !(d->a > 0))
			return bad(why, "the mean of normal(MEAN,SD) as a time must be positive");
		return 0;
	case DIST_BETA:
		if (!(d->a > 0) || !(d->b > 0))
			return bad(why, "beta(A,B) needs A > 0 and B > 0");
		return 0;
	case DIST_TRIANGULAR:
		if (!(d->a <= d->b && d->b <= d->c))
			return bad(why, "triangular(MIN,MODE,MAX) needs MIN <= MODE <= MAX");
		if (!(d->a < d->c))
			return bad(why, "triangular(MIN,MODE,MAX) needs MIN < MAX (for one "
			    "value write const(X))");
		if (d->is_time && d->a < 0)
			return bad(why, "triangular(MIN,MODE,MAX) as a time needs MIN >= 0");
		d->p1 = (d->b - d->a) / (d->c - d->a);
		return 0;
	case DIST_EMPIRICAL:
		if (d->emp == NULL || d->emp->n == 0)
			return bad(why, "empirical(FILE.csv) has no values");
		return 0;
	}
	return bad(why, "unknown distribution");
}

/*
 * Mean and SD of normal(m, s) truncated to x >= 0: with alpha = -m/s and
 * lambda = phi(alpha) / Q(alpha), mean = m + s lambda and
 * var = s^2 (1 + alpha lambda - lambda^2).
 */
static void
trunc_normal(const struct dist *d, double *mean, double *sd)
{
	double alpha = -d->a / d->b;
	double q = gsl_cdf_ugaussian_Q(alpha);
	double lambda = q > 0 ? gsl_ran_ugaussian_pdf(alpha) / q : 0.0;
	double var = d->b * d->b * (1.0 + alpha * lambda - lambda * lambda);

	*mean = d->a + d->b * lambda;
	*sd = var > 0 ? sqrt(var) : 0.0;
}

/* The mean (of the truncated distribution for a normal time). */
double
dist_mean(const struct dist *d)
{
	double m, s;

	switch (d->kind) {
	case DIST_NONE:
		return 0.0;
	case DIST_EXP:
	case DIST_CONST:
	case DIST_LOGNORMAL:
	case DIST_GAMMA:
		return d->a;
	case DIST_UNIFORM:
		return (d->a + d->b) / 2.0;
	case DIST_NORMAL:
		if (!d->is_time || d->b == 0)
			return d->a;
		trunc_normal(d, &m, &s);
		return m;
	case DIST_BETA:
		return d->a / (d->a + d->b);
	case DIST_TRIANGULAR:
		return (d->a + d->b + d->c) / 3.0;
	case DIST_EMPIRICAL:
		return d->emp->mean;
	}
	return 0.0;
}

/* The standard deviation. */
double
dist_sd(const struct dist *d)
{
	double m, s, ab;

	switch (d->kind) {
	case DIST_NONE:
	case DIST_CONST:
		return 0.0;
	case DIST_EXP:
		return d->a;
	case DIST_LOGNORMAL:
	case DIST_GAMMA:
		return d->b;
	case DIST_UNIFORM:
		return (d->b - d->a) / sqrt(12.0);
	case DIST_NORMAL:
		if (!d->is_time || d->b == 0)
			return d->b;
		trunc_normal(d, &m, &s);
		return s;
	case DIST_BETA:
		ab = d->a + d->b;
		return sqrt(d->a * d->b / (ab * ab * (ab + 1.0)));
	case DIST_TRIANGULAR:
		return sqrt((d->a * d->a + d->b * d->b + d->c * d->c - d->a * d->b -
		    d->a * d->c - d->b * d->c) / 18.0);
	case DIST_EMPIRICAL:
		return d->emp->sd;
	}
	return 0.0;
}

/* P(X > x), in closed form. */
double
dist_sf(const struct dist *d, double x)
{
	double q0;

	switch (d->kind) {
	case DIST_NONE:
		return 0.0;
	case DIST_CONST:
		return x < d->a ? 1.0 : 0.0;
	case DIST_EXP:
		return x <= 0 ? 1.0 : exp(-x / d->a);
	case DIST_UNIFORM:
		if (x < d->a)
			return 1.0;
		if (x >= d->b)
			return 0.0;
		return (d->b - x) / (d->b - d->a);
	case DIST_LOGNORMAL:
		if (d->b == 0)
			return x < d->a ? 1.0 : 0.0;
		return x <= 0 ? 1.0 : gsl_cdf_lognormal_Q(x, d->p1, d->p2);
	case DIST_GAMMA:
		if (d->b == 0)
			return x < d->a ? 1.0 : 0.0;
		return x <= 0 ? 1.0 : gsl_cdf_gamma_Q(x, d->p1, d->p2);
	case DIST_NORMAL:
		if (d->b == 0)
			return x < d->a ? 1.0 : 0.0;
		if (!d->is_time)
			return gsl_cdf_gaussian_Q(x - d->a, d->b);
		if (x <= 0)
			return 1.0;
		q0 = gsl_cdf_gaussian_Q(-d->a, d->b);
		return q0 > 0 ? gsl_cdf_gaussian_Q(x - d->a, d->b) / q0 : 0.0;
	case DIST_BETA:
		if (x <= 0)
			return 1.0;
		if (x >= 1)
			return 0.0;
		return gsl_cdf_beta_Q(x, d->a, d->b);
	case DIST_TRIANGULAR:
		if (x <= d->a)
			return 1.0;
		if (x >= d->c)
			return 0.0;
		if (x <= d->b)
			return 1.0 - (x - d->a) * (x - d->a) / ((d->c - d->a) * (d->b - d->a));
		return (d->c - x) * (d->c - x) / ((d->c - d->a) * (d->c - d->b));
	case DIST_EMPIRICAL:
		return dist_emp_sf(d->emp, x);
	}
	return 0.0;
}

/* Format one parameter: a duration when the distribution is of times. */
static void
format_param(const struct dist *d, double v, char *buf, size_t n)
{
	if (d->is_time)
		unit_format_duration(v, buf, n);
	else
		unit_format_number(v, buf, n);
}

/* Write the distribution as a scenario would: "lognormal(6min,4min)". */
int
dist_format(const struct dist *d, char *buf, size_t n)
{
	char a[64], b[64], c[64];

	format_param(d, d->a, a, sizeof a);
	format_param(d, d->b, b, sizeof b);
	format_param(d, d->c, c, sizeof c);
	switch (d->kind) {
	case DIST_NONE:
		return snprintf(buf, n, "none");
	case DIST_TRIANGULAR:
		return snprintf(buf, n, "triangular(%s,%s,%s)", a, b, c);
	case DIST_EMPIRICAL:
		return snprintf(buf, n, "empirical(%s)", d->emp->path);
	case DIST_EXP:
	case DIST_CONST:
		return snprintf(buf, n, "%s(%s)", dist_kind_name(d->kind), a);
	default:
		return snprintf(buf, n, "%s(%s,%s)", dist_kind_name(d->kind), a, b);
	}
}

/* The name of a distribution kind as written in scenarios. */
const char *
dist_kind_name(enum dist_kind k)
{
	switch (k) {
	case DIST_NONE:
		return "none";
	case DIST_EXP:
		return "exp";
	case DIST_CONST:
		return "const";
	case DIST_UNIFORM:
		return "uniform";
	case DIST_LOGNORMAL:
		return "lognormal";
	case DIST_GAMMA:
		return "gamma";
	case DIST_NORMAL:
		return "normal";
	case DIST_BETA:
		return "beta";
	case DIST_TRIANGULAR:
		return "triangular";
	case DIST_EMPIRICAL:
		return "empirical";
	}
	return "unknown";
}

/* Parse one distribution parameter: a duration when is_time, else a number. */
static int
parse_param(const char *s, int is_time, double *v, const char **why)
{
	if (is_time)
		return unit_parse_duration(s, v, why);
	return unit_parse_number(s, v, why);
}

/* Parse and validate a distribution like "lognormal(6min,4min)". */
int
dist_parse(const char *s, int is_time, struct dist *d, const char **why)
{
	return dist_parse_in(s, is_time, NULL, d, why);
}

/* Parse and validate a distribution; ctx (may be NULL) loads empirical files. */
int
dist_parse_in(const char *s, int is_time, struct dist_ctx *ctx, struct dist *d,
    const char **why)
{
	static const struct {
		const char *name;
		enum dist_kind kind;
		int nparams;
		const char *usage;
	} kinds[] = {
		{ "exp", DIST_EXP, 1, "exp takes one parameter: exp(MEAN)" },
		{ "const", DIST_CONST, 1, "const takes one parameter: const(X)" },
		{ "uniform", DIST_UNIFORM, 2, "uniform takes two parameters: uniform(A,B)" },
		{ "lognormal", DIST_LOGNORMAL, 2, "lognormal takes two parameters: lognormal(MEAN,SD)" },
		{ "gamma", DIST_GAMMA, 2, "gamma takes two parameters: gamma(MEAN,SD)" },
		{ "normal", DIST_NORMAL, 2, "normal takes two parameters: normal(MEAN,SD)" },
		{ "beta", DIST_BETA, 2, "beta takes two parameters: beta(A,B)" },
		{ "triangular", DIST_TRIANGULAR, 3, "triangular takes three parameters: triangular(MIN,MODE,MAX)" },
		{ "empirical", DIST_EMPIRICAL, 1, "empirical takes a file name: empirical(FILE.csv)" },
	};
	char buf[128];
	const char *open, *close;
	char *part[3];
	double *val[3];
	struct dist nd;
	size_t n, i, k;
	int nparams, p;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return bad(why, "expected a distribution like exp(MEAN) or lognormal(MEAN,SD), found nothing");
	n = unit_word_len(s);
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		if (strlen(kinds[k].name) == n && strncasecmp(s, kinds[k].name, n) == 0)
			break;
	}
	if (k == sizeof kinds / sizeof kinds[0])
		return bad(why, "expected a distribution: exp(MEAN), const(X), uniform(A,B), lognormal(MEAN,SD), gamma(MEAN,SD), normal(MEAN,SD), beta(A,B), triangular(MIN,MODE,MAX) or empirical(FILE.csv)");
	open = unit_skip_blanks(s + n);
	if (*open != '(')
		return bad(why, kinds[k].usage);
	close = strchr(open, ')');
	if (close == NULL)
		return bad(why, "missing ')' after the parameters");
	if (!unit_at_end(close + 1))
		return bad(why, "unexpected text after ')' (a comment starts with ';')");
	memset(&nd, 0, sizeof nd);
	nd.kind = kinds[k].kind;
	if (nd.kind == DIST_EMPIRICAL) {
		if (ctx == NULL)
			return bad(why, "empirical(FILE.csv) is for scenario files only");
		return dist_emp_parse(open + 1, (size_t)(close - open - 1), is_time, ctx,
		    d, why);
	}
	n = (size_t)(close - open - 1);
	if (n >= sizeof buf)
		return bad(why, "distribution parameters too long");
	memcpy(buf, open + 1, n);
	buf[n] = '\0';
	/* Split at the commas: part[0..nparams-1]. */
	nparams = 1;
	part[0] = buf;
	for (i = 0; i < n; i++) {
		if (buf[i] == ',') {
			if (nparams == 3)
				return bad(why, kinds[k].usage);
			buf[i] = '\0';
			part[nparams++] = buf + i + 1;
		}
	}
	if (nparams != kinds[k].nparams)
		return bad(why, kinds[k].usage);
	for (p = 0; p < nparams; p++)
		if (unit_at_end(part[p]))
			return bad(why, kinds[k].usage);
	nd.is_time = is_time && nd.kind != DIST_BETA;
	val[0] = &nd.a;
	val[1] = &nd.b;
	val[2] = &nd.c;
	/* The last first, as before, so that the message names the same one. */
	for (p = nparams - 1; p >= 0; p--)
		if (parse_param(part[p], nd.is_time, val[p], why) != 0)
			return -1;
	if (is_time && nd.kind == DIST_BETA)
		return bad(why, "beta(A,B) is a distribution of probabilities, not of times");
	if (dist_init(&nd, why) != 0)
		return -1;
	*d = nd;
	return 0;
}
