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
	if (!isfinite(d->a) || !isfinite(d->b))
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
	char a[64], b[64];

	format_param(d, d->a, a, sizeof a);
	format_param(d, d->b, b, sizeof b);
	switch (d->kind) {
	case DIST_NONE:
		return snprintf(buf, n, "none");
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
	};
	char buf[128];
	const char *open, *close, *comma;
	struct dist nd;
	size_t n, i, k;
	int nparams;

	s = unit_skip_blanks(s);
	if (*s == '\0')
		return bad(why, "expected a distribution like exp(MEAN) or lognormal(MEAN,SD), found nothing");
	n = unit_word_len(s);
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		if (strlen(kinds[k].name) == n && strncasecmp(s, kinds[k].name, n) == 0)
			break;
	}
	if (k == sizeof kinds / sizeof kinds[0])
		return bad(why, "expected a distribution: exp(MEAN), const(X), uniform(A,B), lognormal(MEAN,SD), gamma(MEAN,SD), normal(MEAN,SD) or beta(A,B)");
	open = unit_skip_blanks(s + n);
	if (*open != '(')
		return bad(why, kinds[k].usage);
	close = strchr(open, ')');
	if (close == NULL)
		return bad(why, "missing ')' after the parameters");
	if (!unit_at_end(close + 1))
		return bad(why, "unexpected text after ')' (a comment starts with ';')");
	n = (size_t)(close - open - 1);
	if (n >= sizeof buf)
		return bad(why, "distribution parameters too long");
	memcpy(buf, open + 1, n);
	buf[n] = '\0';
	nparams = 1;
	comma = NULL;
	for (i = 0; i < n; i++) {
		if (buf[i] == ',') {
			nparams++;
			if (comma == NULL)
				comma = buf + i;
		}
	}
	if (nparams != kinds[k].nparams || unit_at_end(buf))
		return bad(why, kinds[k].usage);
	memset(&nd, 0, sizeof nd);
	nd.kind = kinds[k].kind;
	nd.is_time = is_time && nd.kind != DIST_BETA;
	if (comma != NULL) {
		buf[comma - buf] = '\0';
		if (unit_at_end(buf) || unit_at_end(comma + 1))
			return bad(why, kinds[k].usage);
		if (parse_param(comma + 1, nd.is_time, &nd.b, why) != 0)
			return -1;
	}
	if (parse_param(buf, nd.is_time, &nd.a, why) != 0)
		return -1;
	if (is_time && nd.kind == DIST_BETA)
		return bad(why, "beta(A,B) is a distribution of probabilities, not of times");
	if (dist_init(&nd, why) != 0)
		return -1;
	*d = nd;
	return 0;
}
