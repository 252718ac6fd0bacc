/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * check.h — the few macros our C unit tests need.  A test program prints one
 * line per failed check and exits 1 if any failed (automake's harness counts it).
 */
#ifndef CQ_CHECK_H
#define CQ_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond) do { check_count++; if (!(cond)) { check_failures++; \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)

/* |got - want| <= tol, with both values printed on failure. */
#define CHECK_NEAR(got, want, tol) do { double g_ = (got), w_ = (want), t_ = (tol); \
	check_count++; if (!(fabs(g_ - w_) <= t_)) { check_failures++; \
	fprintf(stderr, "%s:%d: %s = %.6g, want %.6g +- %.3g\n", __FILE__, __LINE__, \
	    #got, g_, w_, t_); } } while (0)

#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); check_count++; \
	if (g_ == NULL || strcmp(g_, w_) != 0) { check_failures++; \
	fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, #got, \
	    g_ ? g_ : "(null)", w_); } } while (0)

/* Substring check, for error messages. */
#define CHECK_HAS(got, want) do { const char *g_ = (got), *w_ = (want); check_count++; \
	if (g_ == NULL || strstr(g_, w_) == NULL) { check_failures++; \
	fprintf(stderr, "%s:%d: %s = \"%s\", want it to contain \"%s\"\n", __FILE__, \
	    __LINE__, #got, g_ ? g_ : "(null)", w_); } } while (0)

#define CHECK_DONE() do { printf("%d checks, %d failed\n", check_count, check_failures); \
	return check_failures ? 1 : 0; } while (0)

#endif
