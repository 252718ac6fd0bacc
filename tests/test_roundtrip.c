/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_roundtrip.c — what `check` prints loads back to the very same scenario:
 * every number and duration compared exactly, for awkward values (a rounded
 * unit form would change them) and for every shipped scenario.  Every key
 * the key table stores is compared by the table (same_keys): a new key needs
 * nothing here; same() compares what is derived or has a syntax of its own.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scenario/scn.h"
#include "scenario/scn_keys.h"

#define EQ(x) CHECK(a->x == b->x)

/* Two distributions are the same, parameters exact. */
static void
same_dist(const struct dist *x, const struct dist *y)
{
	CHECK(x->kind == y->kind && x->a == y->a && x->b == y->b && x->p1 == y->p1 &&
	    x->p2 == y->p2 && x->is_time == y->is_time && x->c == y->c);
	if (x->kind == DIST_EMPIRICAL && y->kind == DIST_EMPIRICAL)
		CHECK(x->emp->n == y->emp->n && x->emp->mean == y->emp->mean &&
		    strcmp(x->emp->path, y->emp->path) == 0);
}

/* The values the key table stores for sections of type t, exactly. */
static void
same_section_keys(enum scn_sec_type t, const void *x, const void *y)
{
	const struct scn_key *k;

	for (k = scn_keys_first(t); k != NULL; k = scn_keys_next(k)) {
		const void *p = scn_key_at_c(x, k->off), *q = scn_key_at_c(y, k->off);
		int same_value = 1;

		switch (k->kind) {
		case KEY_NUM: case KEY_DUR: case KEY_SHARE:
			same_value = (k->flags & KF_U64) ? *(const uint64_t *)p == *(const uint64_t *)q :
			    *(const double *)p == *(const double *)q;
			break;
		case KEY_U64: same_value = *(const uint64_t *)p == *(const uint64_t *)q; break;
		case KEY_INT: case KEY_BOOL: case KEY_CHOICE:
			same_value = scn_key_int(x, k->off) == scn_key_int(y, k->off);
			break;
		case KEY_DIST: same_dist(p, q); break;
		case KEY_CUSTOM:
			if (k->store == KS_INT)
				same_value = scn_key_int(x, k->off) == scn_key_int(y, k->off);
			break;
		}
		if (!same_value)
			fprintf(stderr, "%s: %s differs\n", scn_sectab[t].name, k->name);
		CHECK(same_value);
		if (k->flags & KF_GIVEN)
			CHECK(scn_key_int(x, k->given) == scn_key_int(y, k->given));
	}
}

/* Every key the table stores, in every section of two scenarios. */
static void
same_keys(const struct scn *a, const struct scn *b)
{
	int t, i;

	for (t = 0; t < SEC_NTYPES; t++) {
		if (!scn_sectab[t].named)
			same_section_keys(t, scn_key_at_c(a, scn_sectab[t].base),
			    scn_key_at_c(b, scn_sectab[t].base));
	}
	for (i = 0; i < a->npatterns && i < b->npatterns; i++)
		same_section_keys(SEC_PATTERN, &a->patterns[i], &b->patterns[i]);
	for (i = 0; i < a->nstreams && i < b->nstreams; i++)
		same_section_keys(SEC_STREAM, &a->streams[i], &b->streams[i]);
	for (i = 0; i < a->nclasses && i < b->nclasses; i++)
		same_section_keys(SEC_CLASS, &a->classes[i], &b->classes[i]);
	for (i = 0; i < a->nroles && i < b->nroles; i++)
		same_section_keys(SEC_ROLE, &a->roles[i], &b->roles[i]);
	for (i = 0; i < a->nshifts && i < b->nshifts; i++)
		same_section_keys(SEC_SHIFT, &a->shifts[i], &b->shifts[i]);
	for (i = 0; i < a->ntemplates && i < b->ntemplates; i++)
		same_section_keys(SEC_SHIFT_TEMPLATE, &a->templates[i], &b->templates[i]);
}

/* Every field of two scenarios the engine reads is the same, exactly: the
 * keys by the table, the rest here. */
static void
same(const struct scn *a, const struct scn *b)
{
	int i, h;

	CHECK_STR(a->name, b->name);
	same_keys(a, b);
	EQ(start_epoch_day); EQ(start_weekday);
	EQ(nholidays); EQ(npatterns); EQ(nstreams); EQ(nclasses); EQ(nroles); EQ(nshifts);
	if (a->nholidays != b->nholidays || a->npatterns != b->npatterns ||
	    a->nstreams != b->nstreams || a->nclasses != b->nclasses ||
	    a->nroles != b->nroles || a->nshifts != b->nshifts)
		return;
	for (i = 0; i < a->nholidays; i++)
		EQ(holidays[i]);
	for (i = 0; i < a->npatterns; i++)
		for (h = 0; h < WEEK_HOURS; h++)
			EQ(patterns[i].weight[h]);
	for (i = 0; i < a->npatterns; i++)
		CHECK(memcmp(a->patterns[i].named, b->patterns[i].named,
		    sizeof a->patterns[i].named) == 0);
	for (i = 0; i < a->nstreams; i++) {
		EQ(streams[i].nclasses);
		EQ(streams[i].volume_cv);
		for (h = 0; h < WEEK_HOURS; h++)
			EQ(streams[i].rate[h]);
		for (h = 0; h < a->streams[i].nclasses; h++) {
			EQ(streams[i].class_idx[h]);
			EQ(streams[i].share[h]);
		}
	}
	for (i = 0; i < a->nclasses; i++) {
		EQ(classes[i].has_target); EQ(classes[i].target_share);
		EQ(classes[i].target_within);
		EQ(classes[i].nnext);
		EQ(classes[i].per_week);
		EQ(classes[i].service_by_hour);
		CHECK(memcmp(a->classes[i].service_w, b->classes[i].service_w,
		    sizeof a->classes[i].service_w) == 0);
		for (h = 0; h < a->classes[i].nnext && h < b->classes[i].nnext; h++) {
			EQ(classes[i].next_class[h]);
			EQ(classes[i].next_p[h]);
		}
	}
	for (i = 0; i < a->nroles; i++) {
		EQ(roles[i].nserves);
		for (h = 0; h < a->roles[i].nserves && h < b->roles[i].nserves; h++)
			EQ(roles[i].serves[h]);
	}
	for (i = 0; i < a->nshifts; i++) {
		EQ(shifts[i].role); EQ(shifts[i].days); EQ(shifts[i].start); EQ(shifts[i].end);
		EQ(shifts[i].nbreaks); EQ(shifts[i].per_day);
		CHECK(memcmp(a->shifts[i].day_staff, b->shifts[i].day_staff,
		    sizeof a->shifts[i].day_staff) == 0);
		CHECK(memcmp(a->shifts[i].day_min, b->shifts[i].day_min,
		    sizeof a->shifts[i].day_min) == 0);
		CHECK(memcmp(a->shifts[i].day_max, b->shifts[i].day_max,
		    sizeof a->shifts[i].day_max) == 0);
		for (h = 0; h < a->shifts[i].nbreaks && h < b->shifts[i].nbreaks; h++) {
			EQ(shifts[i].breaks[h].length); EQ(shifts[i].breaks[h].from);
			EQ(shifts[i].breaks[h].to);
		}
	}
	EQ(ntemplates);
	for (i = 0; i < a->ntemplates && i < b->ntemplates; i++) {
		EQ(templates[i].role); EQ(templates[i].days); EQ(templates[i].nstarts);
		EQ(templates[i].nlengths); EQ(templates[i].range_step); EQ(templates[i].nbreaks);
		for (h = 0; h < a->templates[i].nbreaks && h < b->templates[i].nbreaks; h++) {
			EQ(templates[i].breaks[h].length); EQ(templates[i].breaks[h].from);
			EQ(templates[i].breaks[h].to);
		}
		CHECK(memcmp(a->templates[i].starts, b->templates[i].starts,
		    sizeof a->templates[i].starts) == 0);
		CHECK(memcmp(a->templates[i].lengths, b->templates[i].lengths,
		    sizeof a->templates[i].lengths) == 0);
	}
	EQ(esc.enabled); EQ(esc.threshold); EQ(contact.enabled);
	EQ(sweep.nvars);
	for (i = 0; i < a->sweep.nvars && i < b->sweep.nvars; i++) {
		CHECK_STR(a->sweep.vars[i].key, b->sweep.vars[i].key);
		EQ(sweep.vars[i].nvalues);
		for (h = 0; h < a->sweep.vars[i].nvalues && h < b->sweep.vars[i].nvalues; h++)
			CHECK_STR(a->sweep.vars[i].values[h], b->sweep.vars[i].values[h]);
	}
}

/* Print a, load the text back, compare; and printing again gives the same text. */
static void
round_trip(const struct scn *a, const char *what)
{
	char *p1 = NULL, *p2 = NULL;
	size_t n1 = 0, n2 = 0;
	struct cq_err err;
	struct scn *b;
	FILE *f;

	f = open_memstream(&p1, &n1);
	scn_print(a, f);
	fclose(f);
	memset(&err, 0, sizeof err);
	b = scn_load_string(a->file, p1, NULL, 0, &err);
	CHECK(b != NULL);
	if (b == NULL) {
		fprintf(stderr, "%s: check's output does not load: %s:%d: %s\n%s", what,
		    err.file, err.line, err.msg, p1);
		free(p1);
		return;
	}
	same(a, b);
	f = open_memstream(&p2, &n2);
	scn_print(b, f);
	fclose(f);
	CHECK_STR(p2, p1);
	scn_free(b);
	free(p1);
	free(p2);
}

/* Values whose rounded unit or 15-digit forms are not the value. */
static void
test_awkward(void)
{
	static const char *const services[] = {
		"exp(1e-300min)", "const(1e-9min)", "const(1e-7min)", "exp(0.1min)",
		"lognormal(0.30000000000000004min,1e-12min)", "uniform(1e-9min,59.999999999min)",
		"gamma(1439.9999999min,1min 0.5s)", "exp(20s)", "normal(1w 1d,1d 1s)",
		"const(123456.789123456789min)", "exp(4.9e-324min)",
		"triangular(1e-9min,0.30000000000000004min,59.999999999min)",
		"empirical(" CQ_SRCDIR "/tests/dists/obs.csv)",
	};
	static const char tmpl[] =
	    "[scenario]\nweeks = 0.30000000000000004\nwarmup = 1e-9min\nseed = 18446744073709551615\n"
	    "[calendar]\nholidays = 2027-05-31\nholiday_arrivals = sun\n"
	    "[pattern p]\nweight = mon-fri 07:00-19:00 0.1\nweight = sat 00:00-24:00 3.0000000000000004\n"
	    "[stream s]\nper_week = 1400.0000000000002\npattern = p\n"
	    "volume_cv = 33.333333333333336%%\n"
	    "classes = a 0.30000000000000004, b 0.69999999999999996\n"
	    "[stream r]\nrate = 0.1/min\nclasses = a 1\n"
	    "[stream bp]\nkind = reading\npatients = 7\nper_patient_per_day = 0.1\n"
	    "volume_cv = 2.9999999999999996\n"
	    "value = normal(138.00000000000003,18)\nalert_above = 180.1\nalert_class = c\n"
	    "[class a]\nmode = async\nservice = %s\nacute = beta(1.0000000000000002,400)\n"
	    "target = 0.123456789012345678 <= 1e-9min\nsafe_window = 1e-7min\n"
	    "next = b 0.30000000000000004, a 1e-300\n"
	    "[class b]\nmode = async\nservice = exp(1min)\ntarget = 33.333333333333336%% <= 1d 1s\n"
	    "measure_from = origin\n"
	    "[class c]\nmode = sync\nservice = exp(1min)\nservice_by_hour = p\n"
	    "patience = exp(1e-300min)\n"
	    "[role r]\ncost_per_hour = 0.30000000000000004\nserves = c, a, b\n"
	    "absence = 0.061000000000000006\n"
	    "[shift d]\nrole = r\nstart = 08:00\nend = 16:30\ncost_per_hour = 52.000000000000007\n"
	    "absence = 6.25%%\nbreak = 30s within 11:30-14:00\nbreak = 15min within 08:00-09:00\n"
	    "[shift n]\nrole = r\nstart = 22:00\nend = 06:00\nbreak = 20min within 02:00-03:00\n"
	    "break = 1min within 23:00-24:00\nbreak = 1h within 23:30-00:30\n"
	    "[shift_template f]\nrole = r\ndays = mon,wed\nstart = 06:00..07:00 step 20min\n"
	    "length = 4h 1min, 90min\nmin = 1\nmax = 3\nmax_shifts = 2\ncost_per_hour = 0.1\n"
	    "absence = 3.5%%\nbreak = 20min within 08:00-09:30\n"
	    "[shift_template g]\nrole = r\nstart = 23:59, 00:00\nlength = 24h\nmax = 1\n"
	    "on_call = yes\n"
	    "[escalation]\ncost_missed_acute = 3\ncost_sync_contact = 0.1\nto_class = c\n"
	    "screen_sensitivity = 0.30000000000000004\n"
	    "[contact]\nreach = 0.65000000000000002\nattempt = 1e-9min\nretry_after = 29.999999999min\n"
	    "[targets]\nsafety_miss_rate = 0.0012345678901234567\n"
	    "max_utilization = 0.85000000000000009\n";
	char text[4096];
	struct cq_err err;
	struct scn *s;
	size_t i;

	for (i = 0; i < sizeof services / sizeof services[0]; i++) {
		snprintf(text, sizeof text, tmpl, services[i]);
		memset(&err, 0, sizeof err);
		s = scn_load_string("awkward.ini", text, NULL, 0, &err);
		CHECK(s != NULL);
		if (s == NULL) {
			fprintf(stderr, "%s: %s:%d: %s\n", services[i], err.file, err.line, err.msg);
			continue;
		}
		round_trip(s, services[i]);
		scn_free(s);
	}
}

/* Staff by weekday: each key by day or one number, defaults by day, and a
 * template by day, print and load back to the same. */
static void
test_by_day(void)
{
	static const char *const shifts[] = {
		"staff = mon 4, tue-thu 3, fri 2\nby_day = yes\n",
		"staff = mon,wed 4, tue,thu-fri 3\nmin = 1\n",
		"staff = 3\nmin = mon 2, tue-fri 1\nmax = mon-wed 6 thu-fri 5\n",
		"staff = mon-fri 2\n",
		"skip_holidays = yes\nstaff = fri 1, mon 2, tue-thu 0\nmax = fri 9, mon 9, tue-thu 3\n",
	};
	static const char tmpl[] =
	    "[stream s]\nper_week = 100\nclasses = a 1\n"
	    "[class a]\nmode = async\nservice = exp(5min)\n"
	    "[role r]\nserves = a\n"
	    "[shift d]\nrole = r\ndays = mon-fri\nstart = 22:00\nend = 06:00\n%s"
	    "[shift_template f]\nrole = r\ndays = sat-sun\nstart = 08:00\nlength = 4h\n"
	    "max = 2\nby_day = yes\n";
	char text[1024];
	struct cq_err err;
	struct scn *s;
	size_t i;

	for (i = 0; i < sizeof shifts / sizeof shifts[0]; i++) {
		snprintf(text, sizeof text, tmpl, shifts[i]);
		memset(&err, 0, sizeof err);
		s = scn_load_string("by_day.ini", text, NULL, 0, &err);
		CHECK(s != NULL);
		if (s == NULL) {
			fprintf(stderr, "%s: %s:%d: %s\n", shifts[i], err.file, err.line, err.msg);
			continue;
		}
		round_trip(s, shifts[i]);
		scn_free(s);
	}
}

/* Every shipped scenario. */
static void
test_shipped(void)
{
	char path[4096];
	struct cq_err err;
	struct dirent *de;
	struct scn *s;
	int n = 0;
	DIR *d = opendir(CQ_SRCDIR "/scenarios");

	CHECK(d != NULL);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".ini") != 0)
			continue;
		snprintf(path, sizeof path, "%s/scenarios/%s", CQ_SRCDIR, de->d_name);
		memset(&err, 0, sizeof err);
		s = scn_load(path, NULL, 0, &err);
		CHECK(s != NULL);
		if (s == NULL) {
			cq_err_print(&err);
			continue;
		}
		round_trip(s, de->d_name);
		scn_free(s);
		n++;
	}
	closedir(d);
	CHECK(n >= 9);
}

int
main(void)
{
	test_awkward();
	test_by_day();
	test_shipped();
	CHECK_DONE();
}
