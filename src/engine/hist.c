/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hist.c — log-linear streaming histogram (see hist.h for the error bound). */
#include "hist.h"

#include <math.h>
#include <string.h>

void
hist_reset(struct hist *h)
{
	memset(h, 0, sizeof *h);
}

double
hist_bucket_lo(int i)
{
	int e, k;

	if (i <= 0)
		return 0.0;
	e = (i - 1) / HIST_SUB + HIST_MIN_EXP;
	k = (i - 1) % HIST_SUB;
	return ldexp(1.0 + (double)k / HIST_SUB, e);
}

double
hist_bucket_hi(int i)
{
	if (i <= 0)
		return 0x1.0p-10;
	return hist_bucket_lo(i + 1);
}


/* The smallest bucket whose cumulative count reaches ceil(q n), reported at its
 * midpoint (never above the largest value seen). */
double
hist_quantile(const struct hist *h, double q)
{
	uint64_t need, cum = 0;
	int i;
	double mid;

	if (h->n == 0)
		return 0.0;
	need = (uint64_t)ceil(q * (double)h->n);
	if (need < 1)
		need = 1;
	for (i = 0; i < HIST_NBUCKETS; i++) {
		cum += h->count[i];
		if (cum >= need)
			break;
	}
	if (i == 0)
		return 0.0;
	if (i >= HIST_NBUCKETS)
		return h->max;
	mid = 0.5 * (hist_bucket_lo(i) + hist_bucket_hi(i));
	return mid < h->max ? mid : h->max;
}
