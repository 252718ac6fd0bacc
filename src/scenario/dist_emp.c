/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * dist_emp.c — empirical(FILE.csv): loading the observed values of a
 * one-column CSV, and the moments and tail of the piecewise-linear
 * distribution they define.
 *
 * With the values sorted, x_1 <= ... <= x_n, the distribution function rises
 * linearly from 0 at x_1 to 1 at x_n through (i-1)/(n-1) at x_i: each of the
 * n-1 gaps between neighbours holds probability 1/(n-1), spread evenly over
 * it.  Its inverse (dist_sample.c) maps u in [0,1) to position (n-1)u between
 * order statistics.  Its mean is the average of the gaps' midpoints, so the
 * two extreme values count half as much as the others.
 */
/* realpath(), for the absolute name a printed scenario reloads from. */
#define _XOPEN_SOURCE 700

#include "dist.h"
#include "scn_files.h"
#include "units.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest line of the file that can hold one number (and a quoted header). */
#define EMP_MAX_LINE 256

/* Set *why to the context's message and return -1. */
static int __attribute__((format(printf, 3, 4)))
emp_bad(struct dist_ctx *ctx, const char **why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->msg, sizeof ctx->msg, fmt, ap);
	va_end(ap);
	*why = ctx->msg;
	return -1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Mean and SD of the piecewise-linear distribution: gap i is uniform on
 * [x_i, x_i+1] with probability 1/(n-1); the variance is taken about the
 * mean (two passes) so that large values with a small spread keep digits. */
static void
emp_moments(struct dist_emp *e)
{
	double m = 0.0, v = 0.0, a, b;
	size_t i, g = e->n - 1;

	if (e->n == 1) {
		e->mean = e->x[0];
		e->sd = 0.0;
		return;
	}
	for (i = 0; i < g; i++)
		m += (e->x[i] + e->x[i + 1]) / 2.0;
	m /= (double)g;
	for (i = 0; i < g; i++) {
		a = e->x[i] - m;
		b = e->x[i + 1] - m;
		v += (a * a + a * b + b * b) / 3.0;
	}
	v /= (double)g;
	e->mean = m;
	e->sd = v > 0 ? sqrt(v) : 0.0;
}

/* P(X > x) of the piecewise-linear distribution. */
double
dist_emp_sf(const struct dist_emp *e, double x)
{
	size_t lo, hi, mid, g = e->n - 1;

	if (x < e->x[0])
		return 1.0;
	if (x >= e->x[g])
		return 0.0;
	/* The last i <= g - 1 with x_i <= x: then x < x_i+1. */
	lo = 0;
	hi = g;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (e->x[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return 1.0 - ((double)lo + (x - e->x[lo]) / (e->x[lo + 1] - e->x[lo])) / (double)g;
}

/* The file's name: FILE as written when absolute, else in base's folder. */
static int
emp_path(const char *name, const char *base, char *out, size_t n)
{
	const char *slash = base != NULL ? strrchr(base, '/') : NULL;
	int w;

	if (name[0] == '/' || slash == NULL)
		w = snprintf(out, n, "%s", name);
	else
		w = snprintf(out, n, "%.*s/%s", (int)(slash - base), base, name);
	return w >= 0 && (size_t)w < n ? 0 : -1;
}

/* The next line of f into line (cap bytes), without its end: its length, -1
 * at the end of the file, -2 when longer than cap - 1 bytes, -3 at a NUL byte
 * (read a byte at a time, so that a file without line ends stops at once). */
static long
emp_line(FILE *f, char *line, size_t cap)
{
	size_t n = 0;
	int c;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (c == '\0')
			return -3;
		if (n + 1 >= cap)
			return -2;
		line[n++] = (char)c;
	}
	if (c == EOF && n == 0)
		return -1;
	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	line[n] = '\0';
	return (long)n;
}

/* One value p at lineno of path into *v: the scenario's number syntax (plain
 * decimals), a time at most its longest duration; -2 with ctx->err. */
static int
emp_value(const char *p, const char *path, int lineno, int is_time, struct dist_ctx *ctx,
    double *v)
{
	const char *why;

	if (unit_parse_number(p, v, &why) != 0)
		return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno, "'%.60s' is not a "
		    "number: %s%s", p, why, is_time ? " (values are minutes, e.g. 6.5)" : ""), -2;
	if (is_time && *v < 0)
		return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno, "negative "
		    "time %.60s: values are minutes, 0 or more", p), -2;
	if (is_time && *v > UNIT_MAX_MINUTES)
		return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno, "%.60s minutes is "
		    "longer than any duration may be (100 years)", p), -2;
	return 0;
}

/* Read the values of f (named path) into e->x; -2 with ctx->err at the
 * offending line. */
static int
emp_read(FILE *f, const char *path, int is_time, struct dist_ctx *ctx,
    struct dist_emp *e)
{
	char line[EMP_MAX_LINE + 1], *p, *end;
	size_t cap = 0;
	int lineno = 0;
	long len;
	double v, *nx;

	while ((len = emp_line(f, line, sizeof line)) != -1) {
		lineno++;
		if (len == -2)
			return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno, "line longer "
			    "than %d bytes; the file holds one value a line", EMP_MAX_LINE), -2;
		if (len == -3)
			return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno, "a NUL byte: "
			    "the file is text, one value a line"), -2;
		p = line;
		if (lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;   /* a spreadsheet's byte-order mark */
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strlen(p);
		if (*p == '\0')
			continue;
		if (end - p >= 2 && *p == '"' && end[-1] == '"') {
			*--end = '\0';
			p++;
		}
		if (strchr(p, ',') != NULL)
			return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno, "more than "
			    "one column ('%.60s'): the file holds one value a line", p), -2;
		/* The first line may name the column: text that does not start as a
		 * number does (so 1e999 is a bad number, not a header). */
		if (e->n == 0 && lineno == 1 && strchr("+-.0123456789", *p) == NULL)
			continue;
		if (emp_value(p, path, lineno, is_time, ctx, &v) != 0)
			return -2;
		if (e->n == DIST_EMP_MAX_ROWS)
			return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno, "more than "
			    "%d values; the limit keeps a scenario's memory bounded (sample "
			    "the observations)", DIST_EMP_MAX_ROWS), -2;
		if (e->n == cap) {
			cap = cap ? 2 * cap : 1024;
			if ((nx = realloc(e->x, cap * sizeof *nx)) == NULL)
				return cq_err_set(ctx->err, CQ_EXIT_FAIL, path, 0, "out of memory"), -2;
			e->x = nx;
		}
		e->x[e->n++] = v;
	}
	if (ferror(f))
		return cq_err_set(ctx->err, CQ_EXIT_FAIL, path, 0, "cannot read: %s",
		    strerror(errno)), -2;
	if (e->n == 0)
		return cq_err_set(ctx->err, CQ_EXIT_USAGE, path, lineno > 0 ? lineno : 1,
		    "no values: the file needs one number a line (an optional header "
		    "line first)"), -2;
	return 0;
}

/* The values at path: from the command's store when an earlier load read
 * them, else read (and then kept there), sorted with their moments.  NULL with
 * *rc the status of dist_emp_parse. */
static struct dist_emp *
emp_load(const char *path, int is_time, struct dist_ctx *ctx, const char **why, int *rc)
{
	const struct dist_emp *kept;
	struct dist_emp *e;
	struct stat st;
	char *real;
	FILE *f;
	int fd;

	real = ctx->files != NULL ? realpath(path, NULL) : NULL;
	kept = real != NULL ? scn_files_emp(ctx->files, real, is_time) : NULL;
	free(real);
	if (kept != NULL) {
		if ((e = scn_files_emp_copy(kept)) == NULL)
			*rc = emp_bad(ctx, why, "out of memory");
		return e;
	}
	/* O_NONBLOCK: a FIFO must not hang the load; it is refused below. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
		*rc = emp_bad(ctx, why, "cannot open '%s': %s (a path relative to the "
		    "scenario file's folder)", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		*rc = emp_bad(ctx, why, "'%s' is not a regular file", path);
		return NULL;
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		*rc = emp_bad(ctx, why, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if ((e = calloc(1, sizeof *e)) == NULL) {
		fclose(f);
		*rc = emp_bad(ctx, why, "out of memory");
		return NULL;
	}
	*rc = emp_read(f, path, is_time, ctx, e);
	fclose(f);
	/* Absolute, so that `check`'s output loads from any folder. */
	if (*rc == 0 && (e->path = realpath(path, NULL)) == NULL)
		e->path = strdup(path);
	if (*rc == 0 && e->path == NULL)
		*rc = emp_bad(ctx, why, "out of memory");
	if (*rc == 0) {
		qsort(e->x, e->n, sizeof *e->x, cmp_double);
		emp_moments(e);
		if (ctx->files != NULL && scn_files_emp_put(ctx->files, e, is_time) != 0)
			*rc = emp_bad(ctx, why, "out of memory");
	}
	if (*rc != 0) {
		dist_emp_free_all(e);
		return NULL;
	}
	return e;
}

/* empirical(ARG): ARG (len bytes) names the file. */
int
dist_emp_parse(const char *arg, size_t len, int is_time, struct dist_ctx *ctx,
    struct dist *d, const char **why)
{
	char name[1024], path[PATH_MAX];
	struct dist_emp *e;
	struct dist nd;
	int rc;

	while (len > 0 && (*arg == ' ' || *arg == '\t')) {
		arg++;
		len--;
	}
	while (len > 0 && (arg[len - 1] == ' ' || arg[len - 1] == '\t'))
		len--;
	if (len == 0)
		return emp_bad(ctx, why, "empirical(FILE.csv) needs a file name");
	if (len >= sizeof name)
		return emp_bad(ctx, why, "the file name of empirical(FILE.csv) is too long");
	memcpy(name, arg, len);
	name[len] = '\0';
	if (emp_path(name, ctx->base, path, sizeof path) != 0)
		return emp_bad(ctx, why, "the file name of empirical(FILE.csv) is too long");
	if ((e = emp_load(path, is_time, ctx, why, &rc)) == NULL)
		return rc;
	e->next = *ctx->owner;
	*ctx->owner = e;
	memset(&nd, 0, sizeof nd);
	nd.kind = DIST_EMPIRICAL;
	nd.is_time = is_time;
	nd.emp = e;
	if (dist_init(&nd, why) != 0)
		return -1;
	*d = nd;
	return 0;
}

/* Free a list of loaded values. */
void
dist_emp_free_all(struct dist_emp *e)
{
	struct dist_emp *next;

	for (; e != NULL; e = next) {
		next = e->next;
		free(e->path);
		free(e->x);
		free(e);
	}
}
