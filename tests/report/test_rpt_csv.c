/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * test_rpt_csv.c — the CSV files of a run (rpt_csv): a small simulated
 * scenario written into a temporary folder, then read back: each file's
 * header, a row against the measures it came from, the provenance columns on
 * every line, and CSV quoting of a scenario and file name with a comma and a
 * quote.  Also a table described by its columns (rpt_col.h) rendered as CSV,
 * and a folder that cannot be made leaving nothing behind.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>

#include "../check.h"
#include "measure/run.h"
#include "report/rpt.h"
#include "report/rpt_col.h"
#include "scenario/scn.h"

/* A name with a comma and a quote, in the file's name and the scenario's. */
#define FILE_NAME "clinic, \"north\".ini"
#define FILE_CSV "\"clinic, \"\"north\"\".ini\""
#define SCN_NAME "Clinic, \"North\""
#define SCN_CSV "\"Clinic, \"\"North\"\"\""

static const char ini[] =
    "[scenario]\nname = " SCN_NAME "\nstart_date = 2027-01-04\nweeks = 1\n"
    "warmup = 0\nreplications = 3\nseed = 11\n"
    "[stream phone]\nper_week = 300\nclasses = call\n"
    "[stream portal]\nper_week = 400\nclasses = msg\n"
    "[class call]\nmode = sync\nservice = exp(6min)\ntarget = 80% <= 10min\n"
    "[class msg]\nmode = async\nservice = exp(4min)\n"
    "[role rn]\ncost_per_hour = 40\nserves = call, msg\n"
    "[shift day]\nrole = rn\nstart = 08:00\nend = 18:00\nstaff = 2\n";

/* Two overrides; the second holds a comma, so the joined field is quoted. */
static const struct scn_override ov[] = {
	{ "shift.day.staff=3" },
	{ "role.rn.serves=msg, call" },
};

/* The contents of dir/name, NUL-terminated (caller frees), or NULL. */
static char *
slurp(const char *dir, const char *name)
{
	char path[4096], *buf;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if (n < 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	buf[fread(buf, 1, (size_t)n, f)] = '\0';
	fclose(f);
	return buf;
}

/* Line k (from 0) of text, without its line break, in out. */
static const char *
line_of(const char *text, int k, char *out, size_t n)
{
	const char *end;
	size_t len;

	for (; text != NULL && k > 0; k--)
		if ((text = strchr(text, '\n')) != NULL)
			text++;
	if (text == NULL || *text == '\0')
		return NULL;
	end = strchr(text, '\n');
	len = end != NULL ? (size_t)(end - text) : strlen(text);
	if (len >= n)
		len = n - 1;
	memcpy(out, text, len);
	out[len] = '\0';
	return out;
}

static int
count_lines(const char *text)
{
	int n = 0;

	for (; text != NULL && *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

/* Whether every line of text ends with tail. */
static int
every_line_ends(const char *text, const char *tail)
{
	char line[8192];
	size_t k = strlen(tail);
	int i;

	for (i = 0; line_of(text, i, line, sizeof line) != NULL; i++)
		if (strlen(line) < k || strcmp(line + strlen(line) - k, tail) != 0)
			return 0;
	return i > 0;
}

/* "%.10g" as the writers print a figure. */
static const char *
g10(double x, char *buf, size_t n)
{
	snprintf(buf, n, "%.10g", x == 0.0 ? 0.0 : x);
	return buf;
}

static void
test_classes(const char *dir, const struct meas *m, const char *stamp)
{
	char *t = slurp(dir, "classes.csv"), line[8192], want[512], a[32], b[32], c[32];

	CHECK(t != NULL);
	CHECK_STR(line_of(t, 0, line, sizeof line), "class,mode,target_share,target_within_min,"
	    "met,arrived_mean,arrived_lo,arrived_hi,completed_mean,completed_lo,completed_hi,"
	    "open_at_end_mean,open_at_end_lo,open_at_end_hi,wait_mean_min_mean,"
	    "wait_mean_min_lo,wait_mean_min_hi,wait_p50_min_mean,wait_p50_min_lo,"
	    "wait_p50_min_hi,wait_p90_min_mean,wait_p90_min_lo,wait_p90_min_hi,"
	    "wait_p95_min_mean,wait_p95_min_lo,wait_p95_min_hi,wait_p99_min_mean,"
	    "wait_p99_min_lo,wait_p99_min_hi,wait_max_min_mean,wait_max_min_lo,"
	    "wait_max_min_hi,response_mean_min_mean,response_mean_min_lo,"
	    "response_mean_min_hi,response_p90_min_mean,response_p90_min_lo,"
	    "response_p90_min_hi,abandoned_mean,abandoned_lo,abandoned_hi,"
	    "abandon_rate_mean,abandon_rate_lo,abandon_rate_hi,attainment_mean,"
	    "attainment_lo,attainment_hi,miss_no_cover_mean,miss_no_cover_lo,"
	    "miss_no_cover_hi,miss_queued_mean,miss_queued_lo,miss_queued_hi,"
	    "miss_abandoned_mean,miss_abandoned_lo,miss_abandoned_hi,"
	    "miss_open_at_end_mean,miss_open_at_end_lo,miss_open_at_end_hi,"
	    "uncovered_share_mean,uncovered_share_lo,uncovered_share_hi,scenario_file,"
	    "clinicq_version,seed,overrides");
	CHECK(count_lines(t) == 1 + m->scn->nclasses);
	/* The class with a target: its target, verdict and first estimate. */
	snprintf(want, sizeof want, "call,sync,0.8,10,%s,%s,%s,%s,",
	    meas_met_name(m->cls[0].met), g10(m->cls[0].arrived.mean, a, sizeof a),
	    g10(m->cls[0].arrived.lo, b, sizeof b), g10(m->cls[0].arrived.hi, c, sizeof c));
	CHECK(line_of(t, 1, line, sizeof line) != NULL);
	CHECK(strncmp(line, want, strlen(want)) == 0);
	/* Without a target: empty fields, not zeros or "none". */
	CHECK(line_of(t, 2, line, sizeof line) != NULL);
	CHECK(strncmp(line, "msg,async,,,,", 13) == 0);
	CHECK(every_line_ends(strchr(t, '\n') + 1, stamp));
	free(t);
}

static void
test_roles_safety(const char *dir, const struct meas *m, const char *stamp)
{
	char *t = slurp(dir, "roles.csv"), line[4096], want[1024], a[32];

	CHECK(t != NULL);
	CHECK_STR(line_of(t, 0, line, sizeof line), "role,utilization_mean,"
	    "utilization_lo,utilization_hi,on_duty_hours_per_week_mean,"
	    "on_duty_hours_per_week_lo,on_duty_hours_per_week_hi,"
	    "overtime_hours_per_week_mean,overtime_hours_per_week_lo,"
	    "overtime_hours_per_week_hi,cost_per_week_mean,cost_per_week_lo,"
	    "cost_per_week_hi,absent_hours_per_week_mean,absent_hours_per_week_lo,"
	    "absent_hours_per_week_hi,max_utilization,met,scenario_file,clinicq_version,"
	    "seed,overrides");
	snprintf(want, sizeof want, "rn,%s,", g10(m->role[0].utilization.mean, a, sizeof a));
	CHECK(line_of(t, 1, line, sizeof line) != NULL);
	CHECK(strncmp(line, want, strlen(want)) == 0);
	/* No max_utilization, no verdict: two empty fields before the stamp. */
	snprintf(want, sizeof want, ",,%s", stamp);
	CHECK(every_line_ends(line, want));
	free(t);

	t = slurp(dir, "safety.csv");
	CHECK(t != NULL);
	CHECK_STR(line_of(t, 0, line, sizeof line), "measure,mean,lo,hi,scenario_file,"
	    "clinicq_version,seed,overrides");
	CHECK(count_lines(t) == 1 + 9);
	CHECK(line_of(t, 1, line, sizeof line) != NULL && strncmp(line, "acute,", 6) == 0);
	CHECK(line_of(t, 9, line, sizeof line) != NULL &&
	    strncmp(line, "deferred,", 9) == 0);
	free(t);
}

static void
test_long_files(const char *dir, const struct meas *m)
{
	char *t = slurp(dir, "measures.csv"), line[4096], want[256], a[32];

	CHECK(t != NULL);
	CHECK_STR(line_of(t, 0, line, sizeof line),
	    "scenario,point,subject,measure,mean,lo,hi,unit");
	snprintf(want, sizeof want, SCN_CSV ",,class:call,arrived,%s,",
	    g10(m->cls[0].arrived.mean, a, sizeof a));
	CHECK(line_of(t, 1, line, sizeof line) != NULL);
	CHECK(strncmp(line, want, strlen(want)) == 0);
	CHECK(strstr(t, "\n" SCN_CSV ",,provenance,scenario_file,,,," FILE_CSV "\n") != NULL);
	CHECK(strstr(t, "\n" SCN_CSV ",,provenance,set,,,,\"role.rn.serves=msg, call\"\n")
	    != NULL);
	CHECK(strstr(t, ",,provenance,set,,,,shift.day.staff=3\n") != NULL);
	free(t);

	t = slurp(dir, "provenance.csv");
	CHECK(t != NULL);
	CHECK_STR(line_of(t, 0, line, sizeof line), "key,value");
	CHECK_STR(line_of(t, 1, line, sizeof line), "scenario," SCN_CSV);
	CHECK_STR(line_of(t, 2, line, sizeof line), "scenario_file," FILE_CSV);
	CHECK_STR(line_of(t, 3, line, sizeof line), "clinicq_version," PACKAGE_VERSION);
	CHECK_STR(line_of(t, 4, line, sizeof line), "seed,11");
	CHECK_STR(line_of(t, 5, line, sizeof line), "replications,3");
	CHECK_STR(line_of(t, 6, line, sizeof line), "set,shift.day.staff=3");
	CHECK_STR(line_of(t, 7, line, sizeof line),
	    "set,\"role.rn.serves=msg, call\"");
	free(t);

	t = slurp(dir, "replications.csv");
	CHECK(t != NULL);
	CHECK(count_lines(t) == 1 + 3 * m->scn->nclasses);
	CHECK(line_of(t, 1, line, sizeof line) != NULL && strncmp(line, ",1,call,", 8) == 0);
	free(t);

	t = slurp(dir, "backlog.csv");
	CHECK(t != NULL);
	CHECK(line_of(t, 0, line, sizeof line) != NULL &&
	    strncmp(line, "hour_of_week,day,hour,call,msg,", 31) == 0);
	CHECK(count_lines(t) == 1 + 168);
	CHECK(line_of(t, 168, line, sizeof line) != NULL &&
	    strncmp(line, "167,sun,23,", 11) == 0);
	free(t);

	t = slurp(dir, "misses_by_hour.csv");
	CHECK(t != NULL);
	CHECK(count_lines(t) == 1 + 168);       /* the class with a target only */
	free(t);
}

/* ---- a table described by its columns, as CSV ------------------------------- */

struct row {
	const char *name;
	struct est e;
	enum meas_met met;
};

static const void *
row_record(const void *ctx, int i)
{
	return &((const struct row *)ctx)[i];
}

static void
row_name(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_STR;
	cell->str = ((const struct row *)ctx)[i].name;
}

static void
row_met(const void *ctx, int i, const struct rpt_col *c, struct rpt_cell *cell)
{
	(void)c;
	cell->kind = RPT_CELL_VERDICT;
	cell->met = ((const struct row *)ctx)[i].met;
}

static int
odd(const void *ctx, int i)
{
	(void)ctx;
	return i % 2 == 1;
}

static void
test_table(void)
{
	static const struct rpt_col cols[] = {
		{ .head = "Name", .key = "name", .get = row_name },
		{ .head = "Figure", .key = "figure", RPT_EST(struct row, e, RPT_MEAN) },
		{ .head = "Low", RPT_EST(struct row, e, RPT_LO), .top = 1 },
		{ .head = "Odd", .key = "odd", .get = row_name, .only = odd },
		{ .key = "met", .get = row_met },
		{ .head = "Sheet only", .get = row_name },
	};
	static const struct rpt_table t = { cols, RPT_NCOLS(cols), row_record, NULL, 0 };
	const struct row rows[] = {
		{ "plain", { 0.5, -0.25, 1.25 }, MEAS_MET_CONFIDENT },
		{ "a, \"b\"", { NAN, NAN, NAN }, MEAS_MET_NONE },
	};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK(f != NULL);
	if (f == NULL)
		return;
	rpt_csv_table_head(f, &t);
	rpt_csv_table_row(f, &t, rows, 0);
	rpt_csv_table_row(f, &t, rows, 1);
	fclose(f);
	CHECK_STR(buf, "name,figure_mean,figure_lo,figure_hi,odd,met\n"
	    "plain,0.5,-0.25,1.25,,confident\n"
	    "\"a, \"\"b\"\"\",,,,\"a, \"\"b\"\"\",\n");
	free(buf);
}

int
main(void)
{
	struct cq_err err = { 0 };
	struct run_opts ro = { 0 };
	struct scn *s = scn_load_string(FILE_NAME, ini, ov, 2, &err);
	struct meas *m = NULL;
	char tmpl[] = "/tmp/test_rpt_csv.XXXXXX", dir[4096], stamp[512];
	const char *tmp = NULL;

	test_table();
	CHECK(s != NULL);
	if (s == NULL) {
		fprintf(stderr, "%d: %s\n", err.line, err.msg);
		CHECK_DONE();
	}
	s->set = ov;                  /* provenance, as the command line sets it */
	s->nset = 2;
	ro.jobs = 2;
	CHECK((m = run_replications(s, &ro, &err)) != NULL);
	CHECK((tmp = mkdtemp(tmpl)) != NULL);
	if (m == NULL || tmp == NULL) {
		fprintf(stderr, "%s\n", err.msg);
		CHECK_DONE();
	}
	snprintf(dir, sizeof dir, "%s/out", tmp);
	CHECK(rpt_csv(m, dir, &err) == 0);
	snprintf(stamp, sizeof stamp, "," FILE_CSV ",%s,11,\"shift.day.staff=3; "
	    "role.rn.serves=msg, call\"", PACKAGE_VERSION);
	test_classes(dir, m, stamp);
	test_roles_safety(dir, m, stamp);
	test_long_files(dir, m);

	/* A folder that cannot be made: an error naming it, nothing written. */
	snprintf(dir, sizeof dir, "%s/out/classes.csv/sub", tmp);
	memset(&err, 0, sizeof err);
	CHECK(rpt_csv(m, dir, &err) != 0);
	CHECK(err.code == CQ_EXIT_FAIL);
	CHECK_HAS(err.file, "classes.csv/sub");
	CHECK(access(dir, F_OK) != 0);

	/* Keep the folder when a check failed, to look at. */
	if (check_failures == 0) {
		static const char *const files[] = { "classes.csv", "roles.csv",
		    "safety.csv", "backlog.csv", "misses_by_hour.csv", "measures.csv",
		    "replications.csv", "provenance.csv" };
		size_t i;

		for (i = 0; i < sizeof files / sizeof files[0]; i++) {
			snprintf(dir, sizeof dir, "%s/out/%s", tmp, files[i]);
			CHECK(unlink(dir) == 0);
		}
		snprintf(dir, sizeof dir, "%s/out", tmp);
		CHECK(rmdir(dir) == 0 && rmdir(tmp) == 0);
	} else {
		fprintf(stderr, "test_rpt_csv: the files are in %s\n", tmp);
	}
	meas_free(m);
	scn_free(s);
	CHECK_DONE();
}
