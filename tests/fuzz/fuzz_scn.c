/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_scn.c — libFuzzer harness over everything that reads planners' text:
 * the scenario loader (scn_load_mem), the --set parser (scn_load_string with
 * overrides) and the value parsers of units.c.
 *
 * One input is a scenario, optionally followed by a line "%%%%" and a data
 * file the scenario can name as fuzz.csv (a trace, or an empirical
 * distribution's values); both are written to a scratch folder, so that the
 * scenario's paths resolve there as they would next to a real file.
 * The input is used four ways:
 *   1. the scenario (with its data file) is loaded as a file;
 *   2. each line is a value, given to every units.c parser;
 *   3. each line holding '=' is a --set override applied to a fixed valid
 *      scenario (one at a time, and all of them together);
 *   4. a scenario that loads is played for one short replication, with small
 *      caps on events and open items (the engine must fail cleanly or finish);
 *   5. one with a [sweep] of at most 64 points is opened as `sweep` opens it
 *      (swp_new: every point loaded, the data files parsed once for all).
 * Besides crashes and sanitizer reports it checks the contract: a failure is
 * one line of message with a usage exit code and a line number inside the
 * file; a success prints (as `check` does) a scenario that loads back and
 * prints the same again.  A broken promise abort()s.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz`; tests/fuzz/replay.c runs
 * the same function over tests/fuzz/regress in `make check`.
 */
#define _GNU_SOURCE 1     /* open_memstream, memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scenario/scn.h"
#include "engine/sim.h"
#include "sweep/swp.h"
#include "scenario/units.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base_scn[] =
"[scenario]\nweeks = 2\nreplications = 2\n"
"[pattern office]\nweight = mon-fri 08:00-17:00 1\n"
"[stream portal]\nper_week = 1400\npattern = office\n"
"classes = routine 0.9, callback 0.1\n"
"[stream bp]\nkind = reading\npatients = 50\nper_patient_per_day = 1\n"
"value = normal(138,18)\nalert_above = 180\nalert_class = bp_alert\n"
"[class routine]\nmode = async\nservice = lognormal(4min,3min)\nacute = beta(1,400)\n"
"target = 90% <= 48h\n"
"[class callback]\nmode = sync\nservice = exp(10min)\ntarget = 95% <= 1h\n"
"patience = exp(20min)\n"
"[class bp_alert]\nmode = sync\nservice = exp(12min)\nsafe_window = 2h\n"
"[escalation]\ncost_missed_acute = 5000\ncost_sync_contact = 40\nto_class = callback\n"
"[contact]\nreach = 0.65\nattempt = 3min\nretry_after = 30min\nmax_attempts = 3\n"
"[role rn]\ncost_per_hour = 52\nserves = bp_alert, callback, routine\npreempt = yes\n"
"[shift rn_day]\nrole = rn\ndays = mon-fri\nstart = 08:00\nend = 16:30\nstaff = 2\n"
"[targets]\nsafety_miss_rate = 1%\n"
"[sweep]\nvary = stream.portal.per_week: 1000, 1400\n";

/* The scratch folder and the paths of its scenario and data file. */
static char dir[64], scn_path[96], data_path[96];

static void
broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_scn: broken promise: %s\n%s\n", what, detail ? detail : "");
	abort();
}

/* A failed load must say one line, with a usage code and a sane line number. */
static void
check_err(const struct cq_err *e, int nlines)
{
	if (e->code != 2)
		broken("a scenario error must have exit code 2", e->msg);
	if (e->msg[0] == '\0')
		broken("an error without a message", NULL);
	if (strchr(e->msg, '\n') != NULL || strchr(e->msg, '\r') != NULL)
		broken("a message of more than one line", e->msg);
	/* An error in a trace log names the log's line, not the scenario's. */
	if (e->line < 0 || (e->line > nlines + 1 && (strcmp(e->file, "base.ini") == 0 ||
	    strcmp(e->file, scn_path) == 0)))
		broken("an error on a line outside the file", e->msg);
}

/* Print s as `check` does; returns a malloc'ed string. */
static char *
print_scn(const struct scn *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();
	scn_print(s, f);
	fclose(f);
	return buf;
}

/* What `check` prints must load back, and print the same. */
static void
round_trip(const struct scn *s)
{
	struct cq_err err;
	struct scn *s2;
	char *p1 = print_scn(s), *p2;

	memset(&err, 0, sizeof err);
	if ((s2 = scn_load_string(s->file, p1, NULL, 0, &err)) == NULL) {
		fprintf(stderr, "%s\n", p1);
		broken("check's output does not load back", err.msg);
	}
	p2 = print_scn(s2);
	if (strcmp(p1, p2) != 0) {
		fprintf(stderr, "--- first\n%s\n--- second\n%s\n", p1, p2);
		broken("check's output does not print the same after loading back", NULL);
	}
	free(p1);
	free(p2);
	scn_free(s2);
}

/* One replication of at most a week, bounded in events and open items. */
static void
play(struct scn *s)
{
	struct sim_opts o;
	struct sim_rep *r;
	struct cq_err err;

	if (s->weeks > 1)
		s->weeks = 1;
	s->warmup = 0;
	s->max_waiting = 2000;
	memset(&o, 0, sizeof o);
	o.max_events = 50000;
	memset(&err, 0, sizeof err);
	if ((r = sim_rep_new(s)) == NULL)
		return;
	if (sim_run(s, &o, 0, r, &err) != 0 && (err.msg[0] == '\0' ||
	    strchr(err.msg, '\n') != NULL))
		broken("the engine failed without a one-line message", err.msg);
	sim_rep_free(r);
}

/* The scratch folder and what is in it go when the process does. */
static void
remove_scratch(void)
{
	unlink(data_path);
	unlink(scn_path);
	rmdir(dir);
}

static int
make_scratch(void)
{
	if (dir[0] != '\0')
		return 0;
	snprintf(dir, sizeof dir, "/tmp/fuzz_scn_XXXXXX");
	if (mkdtemp(dir) == NULL) {
		dir[0] = '\0';
		return -1;
	}
	snprintf(scn_path, sizeof scn_path, "%s/fuzz.ini", dir);
	snprintf(data_path, sizeof data_path, "%s/fuzz.csv", dir);
	atexit(remove_scratch);
	return 0;
}

/* A small sweep is opened as `sweep` does, from the scenario written to the
 * scratch folder: each point loads, or the failure keeps the promises. */
static void
open_sweep(const struct scn *s, const char *text, size_t len, int nlines)
{
	struct cq_err err;
	struct swp *w;
	double np = s->sweep.zip ? s->sweep.vars[0].nvalues : 1;
	FILE *f;
	int i;

	for (i = 0; !s->sweep.zip && i < s->sweep.nvars; i++)
		np *= s->sweep.vars[i].nvalues;
	if (np > 64 || (f = fopen(scn_path, "wb")) == NULL)
		return;
	fwrite(text, 1, len, f);
	fclose(f);
	memset(&err, 0, sizeof err);
	if ((w = swp_new(scn_path, NULL, 0, &err)) == NULL) {
		if (err.code != 1)
			check_err(&err, nlines);
		return;
	}
	swp_free(w);
}

/* Write the data file (empty without one, so that no input sees the last
 * one's) and load the scenario as if from the scratch folder. */
static void
load_file(const char *text, size_t len, const char *data, size_t dlen, int nlines)
{
	struct cq_err err;
	struct scn *s;
	FILE *f;

	if (make_scratch() != 0 || (f = fopen(data_path, "wb")) == NULL)
		return;
	if (dlen > 0)
		fwrite(data, 1, dlen, f);
	fclose(f);
	memset(&err, 0, sizeof err);
	if ((s = scn_load_mem(scn_path, text, len, NULL, 0, &err)) == NULL) {
		if (err.code != 1)    /* 1: out of memory, not a verdict on the text */
			check_err(&err, nlines);
		return;
	}
	round_trip(s);
	if (s->sweep.nvars > 0)
		open_sweep(s, text, len, nlines);
	play(s);
	scn_free(s);
}

static void
parse_values(const char *v)
{
	const char *why;
	double x, y;
	long l;
	uint64_t u;
	int i;
	unsigned m;
	struct dist d;

	(void)unit_parse_number(v, &x, &why);
	(void)unit_parse_int(v, -1000000000L, 1000000000L, &l, &why);
	(void)unit_parse_u64(v, &u, &why);
	(void)unit_parse_duration(v, &x, &why);
	(void)unit_parse_rate(v, &x, &why);
	(void)unit_parse_clock(v, &i, &why);
	(void)unit_parse_days(v, &m, &why);
	(void)unit_parse_target(v, &x, &y, &why);
	(void)unit_parse_share(v, &x, &why);
	(void)unit_parse_bool(v, &i, &why);
	(void)unit_parse_date(v, &l, &i, &why);
	if (dist_parse(v, 0, &d, &why) == 0 && !(dist_mean(&d) == dist_mean(&d)))
		broken("a distribution accepted with a NaN mean", v);
	if (dist_parse(v, 1, &d, &why) == 0 && !(dist_mean(&d) >= 0))
		broken("a time distribution accepted with a negative or NaN mean", v);
	if (unit_parse_duration(v, &x, &why) == 0 && !(x >= 0 && x <= UNIT_MAX_MINUTES))
		broken("a duration accepted out of range", v);
	if (unit_parse_number(v, &x, &why) == 0 && !(x - x == 0))
		broken("a non-finite number accepted", v);
}

static void
apply_overrides(char **lines, int n)
{
	struct scn_override ov[SCN_MAX_OVERRIDES];
	struct cq_err err;
	struct scn *s;
	int i, k = 0;

	for (i = 0; i < n && k < SCN_MAX_OVERRIDES; i++) {
		if (strchr(lines[i], '=') == NULL)
			continue;
		ov[k].text = lines[i];
		memset(&err, 0, sizeof err);
		s = scn_load_string("base.ini", base_scn, &ov[k], 1, &err);
		if (s != NULL) {
			round_trip(s);
			scn_free(s);
		} else if (err.code != 1) {
			check_err(&err, 100);
		}
		k++;
	}
	if (k > 1) {
		memset(&err, 0, sizeof err);
		s = scn_load_string("base.ini", base_scn, ov, k, &err);
		if (s != NULL)
			scn_free(s);
		else if (err.code != 1)
			check_err(&err, 100);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *copy, **lines, *p, *nl;
	const char *mark, *tail = NULL;
	int nlines = 1, alllines = 1, n = 0;
	size_t i, slen = size, tlen = 0;

	if (size > (1u << 20))
		return 0;
	mark = memmem(data, size, "\n%%%%\n", 6);
	if (mark != NULL) {
		slen = (size_t)(mark - (const char *)data) + 1;
		tail = mark + 6;
		tlen = size - slen - 5;
	}
	for (i = 0; i < size; i++) {
		nlines += i < slen && data[i] == '\n';
		alllines += data[i] == '\n';
	}
	load_file((const char *)data, slen, tail, tlen, nlines);

	/* Lines as values and overrides: up to the first NUL, as argv would be. */
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	copy = strdup(text);
	lines = calloc((size_t)alllines + 1, sizeof *lines);
	if (copy == NULL || lines == NULL)
		goto out;
	for (p = copy; p != NULL && n < 512; p = nl) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		if (strlen(p) <= 512)
			lines[n++] = p;
	}
	for (i = 0; i < (size_t)n && i < 64; i++)
		parse_values(lines[i]);
	apply_overrides(lines, n < 32 ? n : 32);
out:
	free(lines);
	free(copy);
	free(text);
	return 0;
}
