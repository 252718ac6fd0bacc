/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_profile.c — libFuzzer harness over log profiles (data/log_profile*.c):
 * the INI reader of a profile someone wrote, and a foreign export read
 * through it.
 *
 * One input is a profile, optionally followed by a line "%%%%" and an export
 * (without one, a small built-in export is read):
 *   1. the profile is parsed from memory: a failure is one line of message
 *      with a usage exit code and a line inside the profile;
 *   2. on success the export is read through it (log_read_mem): every row
 *      handed over holds a real date and time, durations that are -1 or >= 0,
 *      names a scenario can carry, an agent shorter than LOG_MAX_NAME, lines
 *      that only grow; a failure keeps the promises of 1 (its line inside the
 *      export); the rows skipped add up to the counts by reason.
 * A broken promise abort()s.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz-profile`; tests/fuzz/
 * replay.c runs the same function over tests/fuzz/regress_profile in `make
 * check`.
 */
#define _GNU_SOURCE 1     /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/log.h"
#include "data/log_profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char default_log[] =
    "date\ttime\ttype\tsecs\twait\toutcome\tagent\tflag\n"
    "270104\t7:05:31\tPS\t120\t30\tAGENT\tANN\t0\n"
    "270104\t7:06:00\tTT\t0\t12\tHANG\tNO_SERVER\t1\n"
    "1/4/27\t7:05 PM\tNE\t2.5\t\tPHANTOM\t\t0\n"
    "2027-01-04 08:30\t08:30\tIN\t-1\t3\tserved\tBOB\t\n";

static void
broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_profile: broken promise: %s\n%s\n", what, detail ? detail : "");
	abort();
}

static long
lines_of(const char *s, size_t n)
{
	long k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		k += s[i] == '\n' || s[i] == '\r';
	return k;
}

static void
check_err(const struct cq_err *e, long nlines)
{
	if (e->code != 2 && e->code != 1)
		broken("an error must have exit code 2 (or 1 for I/O)", e->msg);
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
	if (r->day < -25567 || r->day > 2932896 || !(r->minute >= 0 && r->minute < 1440))
		broken("a row with no real date and time", NULL);
	if (!(r->service == -1.0 || r->service >= 0) || !(r->wait == -1.0 || r->wait >= 0))
		broken("a duration that is neither -1 nor >= 0", NULL);
	if ((r->cls != NULL && !log_name_ok(r->cls)) ||
	    (r->stream != NULL && !log_name_ok(r->stream)))
		broken("a name a scenario cannot carry", r->cls);
	if (r->agent != NULL && strlen(r->agent) >= LOG_MAX_NAME)
		broken("an agent too long", r->agent);
	if (r->has_start && !(r->start_minute >= 0 && r->start_minute < 1440))
		broken("a start with no real time", NULL);
	return 0;
}

/* The counts by reason add up to the rows skipped. */
static void
check_counts(const struct log_profile *pr)
{
	long sum = 0;
	int i;

	for (i = 0; i < pr->nskip; i++)
		sum += pr->skip[i].skipped;
	for (i = 0; i < pr->outcome.n; i++)
		sum += pr->outcome.e[i].skipped;
	for (i = 0; i < pr->cls.n; i++)
		sum += pr->cls.e[i].skipped;
	for (i = 0; i < pr->stream.n; i++)
		sum += pr->stream.e[i].skipped;
	if (sum != pr->skipped)
		broken("the skipped rows' reasons do not add up", NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *log = default_log, *mark;
	size_t plen = size, llen = sizeof default_log - 1;
	struct log_profile *pr;
	struct seen seen = { 0, 0 };
	struct log_cb cb = { NULL, on_row, NULL, NULL };
	struct cq_err err;
	FILE *f;

	mark = memmem(text, size, "\n%%%%\n", 6);
	if (mark != NULL) {
		plen = (size_t)(mark - text) + 1;
		log = mark + 6;
		llen = size - plen - 5;
	}
	memset(&err, 0, sizeof err);
	if (log_profile_parse("fuzz.ini", text, plen, &pr, &err) != 0) {
		check_err(&err, lines_of(text, plen));
		return 0;
	}
	seen.nlines = lines_of(log, llen);
	cb.ctx = &seen;
	cb.profile = pr;
	memset(&err, 0, sizeof err);
	if (log_read_mem("fuzz.csv", log, llen, &cb, &err) != 0)
		check_err(&err, seen.nlines);
	else
		check_counts(pr);
	if ((f = fopen("/dev/null", "w")) != NULL) {
		log_profile_print_skips(pr, f);
		fclose(f);
	}
	log_profile_free(pr);
	return 0;
}
