/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_log.c — libFuzzer harness over the event-log reader (data/log.c) and
 * `clinicq fit` (data/fit*.c), the readers of CSV files that other systems
 * wrote.
 *
 * One input is one log:
 *   1. read from memory (log_read_mem): every row handed over holds a real
 *      date and time, a service time that is -1 or >= 0, names a scenario can
 *      carry, and lines that only grow; a failure is one line of message with
 *      a usage exit code and a line inside the input;
 *   2. written to a file and fitted (fit_run, as `clinicq fit` does): a failure
 *      keeps the same promises; a success prints sections that, with a role
 *      serving every class and a shift added, load as a scenario, unless fit
 *      said a class needs a service by hand;
 *   3. fitted with --scenario: the output loads as it is, a whole scenario
 *      (with the same exception).
 * A broken promise abort()s.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz-log`; tests/fuzz/replay.c
 * runs the same function over tests/fuzz/regress_log in `make check`.
 */
#define _GNU_SOURCE 1     /* open_memstream */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/fit.h"
#include "data/log.h"
#include "scenario/scn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_log: broken promise: %s\n%s\n", what, detail ? detail : "");
	abort();
}

static void
check_err(const struct cq_err *e, long nlines)
{
	if (e->code != 2 && e->code != 1)
		broken("a log error must have exit code 2 (or 1 for I/O)", e->msg);
	if (e->msg[0] == '\0')
		broken("an error without a message", NULL);
	if (strchr(e->msg, '\n') != NULL || strchr(e->msg, '\r') != NULL)
		broken("a message of more than one line", e->msg);
	if (e->line < 0 || e->line > nlines + 1)
		broken("an error on a line outside the file", e->msg);
}

struct seen {
	long last_line, nlines;
};

static int
on_row(void *ctx, const struct log_row *r, struct cq_err *err)
{
	struct seen *s = ctx;

	(void)err;
	if (r->line <= s->last_line || r->line < 2 || r->line > s->nlines + 1)
		broken("a row's line is not after the last one's, inside the file", NULL);
	s->last_line = r->line;
	/* 1900-01-01 and 9999-12-31 */
	if (r->day < -25567 || r->day > 2932896 || !(r->minute >= 0 && r->minute < 1440))
		broken("a row with no real date and time", NULL);
	if (!(r->service == -1.0 || r->service >= 0))
		broken("a service time that is neither -1 nor >= 0", NULL);
	if ((r->cls != NULL && !log_name_ok(r->cls)) ||
	    (r->stream != NULL && !log_name_ok(r->stream)))
		broken("a name a scenario cannot carry", r->cls);
	return 0;
}

/* fit's output, with a role serving each class it printed and a shift. */
static void
check_loads(const char *out)
{
	static const char tail[] = "\n[shift s]\nrole = fuzz_role\ndays = all\n"
	    "start = 00:00\nend = 24:00\nstaff = 1\n";
	struct cq_err err;
	struct scn *s;
	const char *p;
	char *text;
	size_t len = strlen(out), n;
	int first = 1;

	if (strstr(out, "service = DIST") != NULL || strstr(out, "\n[class ") == NULL)
		return;   /* fit said a service must be given by hand */
	if ((text = malloc(len * 2 + 256)) == NULL)
		return;
	n = (size_t)sprintf(text, "%s\n[role fuzz_role]\ncost_per_hour = 1\nserves = ", out);
	for (p = out; (p = strstr(p, "\n[class ")) != NULL;) {
		const char *e;

		p += 8;
		e = strchr(p, ']');
		n += (size_t)sprintf(text + n, "%s%.*s", first ? "" : ", ", (int)(e - p), p);
		first = 0;
	}
	strcpy(text + n, tail);
	memset(&err, 0, sizeof err);
	if ((s = scn_load_string("fit.ini", text, NULL, 0, &err)) == NULL) {
		fprintf(stderr, "%s\n", text);
		broken("fit's output does not load as a scenario", err.msg);
	}
	scn_free(s);
	free(text);
}

/* fit --scenario's output: a whole scenario by itself. */
static void
check_scenario_loads(const char *out)
{
	struct cq_err err;
	struct scn *s;

	if (strstr(out, "service = DIST") != NULL || strstr(out, "\n[class ") == NULL)
		return;
	memset(&err, 0, sizeof err);
	if ((s = scn_load_string("fit.ini", out, NULL, 0, &err)) == NULL) {
		fprintf(stderr, "%s\n", out);
		broken("fit --scenario's output does not load", err.msg);
	}
	scn_free(s);
}

/* fit the scratch log (with --scenario or not); its output, or NULL after
 * checking the failure. */
static char *
fit_scratch(const char *file, int scenario, long nlines)
{
	struct fit_opts o;
	struct cq_err err;
	char *out = NULL;
	size_t olen = 0;
	FILE *f;

	memset(&o, 0, sizeof o);
	o.scenario = scenario;
	memset(&err, 0, sizeof err);
	if ((f = open_memstream(&out, &olen)) == NULL)
		return NULL;
	if (fit_run(file, &o, f, &err) != 0) {
		fclose(f);
		free(out);
		check_err(&err, nlines);
		return NULL;
	}
	fclose(f);
	return out;
}

static char path[64];

/* The scratch log goes when the process does. */
static void
remove_scratch(void)
{
	unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct log_cb cb = { NULL, on_row, NULL, NULL };
	struct seen seen = { 0, 0 };
	struct cq_err err;
	char *out;
	size_t i;
	FILE *f;

	for (i = 0; i < size; i++)
		seen.nlines += data[i] == '\n' || data[i] == '\r';
	cb.ctx = &seen;
	memset(&err, 0, sizeof err);
	if (log_read_mem("fuzz.csv", (const char *)data, size, &cb, &err) != 0)
		check_err(&err, seen.nlines);

	if (path[0] == '\0') {
		int fd;

		snprintf(path, sizeof path, "/tmp/fuzz_log_XXXXXX");
		if ((fd = mkstemp(path)) < 0)
			return 0;
		close(fd);
		atexit(remove_scratch);
	}
	if ((f = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if ((out = fit_scratch(path, 0, seen.nlines)) != NULL)
		check_loads(out);
	free(out);
	if ((out = fit_scratch(path, 1, seen.nlines)) != NULL)
		check_scenario_loads(out);
	free(out);
	return 0;
}
