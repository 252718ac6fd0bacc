/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fuzz_db.c — libFuzzer harness over the sweep results-file loader
 * (swp_db_open with --resume, then swp_db_load), the one reader of a file
 * that someone else may have written or damaged.
 *
 * A valid results file of a small two-point sweep is made once.  Each input
 * then damages a copy of it, line by line:
 *   - a line starting with '#' patches bytes of the file itself: pairs of
 *     (offset mod file size, byte) taken from the rest of the line;
 *   - any other line is one SQL edit: its first byte picks a statement from
 *     a fixed menu (updates of every column of every table, inserts, deletes,
 *     pragmas, a table added or dropped), its second byte the type of the
 *     value bound to it (text, blob, integer, real, NULL), the rest the value.
 * The damaged copy is then opened as `sweep --db FILE --resume` would.  The
 * contract (doc/sweep.md): a file that is refused is left byte-identical, with
 * no -wal, -shm or -journal file beside it, and the refusal is one line with
 * exit code 1 or 2; a file that is accepted loads, and every point it loads
 * holds a JSON object.  A broken promise abort()s.
 *
 * Built with clang -fsanitize=fuzzer by `make fuzz-db`; tests/fuzz/replay.c
 * runs the same function over tests/fuzz/regress_db in `make check`.
 */
#define _GNU_SOURCE 1
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sweep/swp.h"
#include "sweep/swp_db.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base_scn[] =
"[scenario]\nweeks = 1\nreplications = 2\n"
"[stream portal]\nper_week = 100\nclasses = routine\n"
"[class routine]\nmode = async\nservice = exp(4min)\ntarget = 90% <= 48h\n"
"[role rn]\ncost_per_hour = 52\nserves = routine\n"
"[shift rn_day]\nrole = rn\ndays = mon-fri\nstart = 08:00\nend = 16:30\nstaff = 1\n"
"[sweep]\nvary = stream.portal.per_week: 100, 200\n";

/* The SQL edits an input line may make; ? is the line's value. */
static const char *const edits[] = {
	"UPDATE points SET json = ?",
	"UPDATE points SET status = ?",
	"UPDATE points SET idx = ?",
	"UPDATE points SET finished = ?",
	"UPDATE points SET json = ? WHERE idx = 1",
	"UPDATE measures SET mean = ?",
	"UPDATE measures SET lo = ?",
	"UPDATE measures SET kind = ?",
	"UPDATE measures SET name = ?",
	"UPDATE measures SET measure = ?",
	"UPDATE measures SET verdict = ?",
	"UPDATE measures SET point_idx = ?",
	"UPDATE overrides SET key = ?",
	"UPDATE overrides SET value = ?",
	"UPDATE run SET seed = ?",
	"UPDATE run SET points = ?",
	"UPDATE run SET scenario_hash = ?",
	"UPDATE run SET format = ?",
	"UPDATE run SET replications = ?",
	"UPDATE run SET mode = ?",
	"INSERT INTO points VALUES (?, 'done', '{}', '')",
	"INSERT INTO measures VALUES (1, ?, 'x', 'y', 1, 1, 1, '')",
	"DELETE FROM points WHERE idx = ?",
	"DELETE FROM measures WHERE point_idx = ?",
	"DELETE FROM run WHERE id = ?",
	"PRAGMA application_id = 7",
	"PRAGMA journal_mode = WAL",
	"PRAGMA user_version = 3",
	"CREATE TABLE extra (x)",
	"DROP TABLE overrides",
	"CREATE INDEX extra_idx ON measures (mean)",
	"CREATE VIEW extra_view AS SELECT 1",
};
#define NEDITS (sizeof edits / sizeof edits[0])

static char dir[64], scn_path[128], good_path[128];
static unsigned char *good;
static size_t ngood;
static struct swp *sweep;

static void
broken(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_db: broken promise: %s\n%s\n", what, detail ? detail : "");
	abort();
}

static unsigned char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long len;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)len + 1)) != NULL && fread(buf, 1, (size_t)len, f) == (size_t)len)
		*n = (size_t)len;
	else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void
spill(const char *path, const unsigned char *buf, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(buf, 1, n, f) != n || fclose(f) != 0)
		broken("cannot write the scratch file", path);
}

/* The scratch folder goes at exit (replay and the fuzzer alike). */
static void
cleanup(void)
{
	static const char *const names[] = { "s.ini", "good.sqlite", "case.sqlite",
		"case.sqlite-wal", "case.sqlite-shm", "case.sqlite-journal" };
	char name[200];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(name, sizeof name, "%s/%s", dir, names[i]);
		unlink(name);
	}
	rmdir(dir);
	swp_free(sweep);
	free(good);
}

/* The valid file: the sweep's two points, each with a JSON object and rows. */
static void
setup(void)
{
	struct swp_db *d;
	struct cq_err err;
	int p;

	/* In memory where there is a tmpfs: SQLite syncs, a disk makes that slow. */
	snprintf(dir, sizeof dir, "%s/clinicq-fuzzdb-XXXXXX",
	    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(dir) == NULL)
		broken("mkdtemp", dir);
	atexit(cleanup);
	snprintf(scn_path, sizeof scn_path, "%s/s.ini", dir);
	snprintf(good_path, sizeof good_path, "%s/good.sqlite", dir);
	spill(scn_path, (const unsigned char *)base_scn, sizeof base_scn - 1);
	memset(&err, 0, sizeof err);
	if ((sweep = swp_new(scn_path, NULL, 0, &err)) == NULL)
		broken("the base sweep does not load", err.msg);
	if ((d = swp_db_open(good_path, 0, sweep, &err)) == NULL)
		broken("cannot make the results file", err.msg);
	for (p = 0; p < sweep->npoints; p++) {
		struct swp_result *r = &sweep->res[p];
		static struct swp_row row = { "class", "routine", "attainment", 0.9, 0.8, 1.0,
			"confident" };

		r->done = 1;
		r->json = strdup("{\"overrides\":{},\"classes\":{}}");
		r->rows = malloc(sizeof row);
		if (r->json == NULL || r->rows == NULL)
			broken("out of memory", NULL);
		*r->rows = row;
		r->nrows = 1;
		if (swp_db_commit(d, sweep, p, &err) != 0)
			broken("cannot commit a point", err.msg);
		swp_result_clear(r);
	}
	swp_db_close(d);
	if ((good = slurp(good_path, &ngood)) == NULL)
		broken("cannot read the results file back", good_path);
	unlink(good_path);
}

/* One SQL edit from line[0..n). */
static void
edit(sqlite3 *db, const uint8_t *line, size_t n)
{
	sqlite3_stmt *st;
	char val[512];            /* NUL-terminated: strtoll and strtod read to it */
	int vn = n > 2 ? (int)(n - 2 < sizeof val ? n - 2 : sizeof val - 1) : 0;

	if (vn > 0)
		memcpy(val, line + 2, (size_t)vn);
	val[vn] = '\0';

	if (n == 0 || sqlite3_prepare_v2(db, edits[line[0] % NEDITS], -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_bind_parameter_count(st) > 0)
		switch (n > 1 ? line[1] % 5 : 0) {
		case 0:
			sqlite3_bind_text(st, 1, val, vn, SQLITE_TRANSIENT);
			break;
		case 1:
			sqlite3_bind_blob(st, 1, val, vn, SQLITE_TRANSIENT);
			break;
		case 2:
			sqlite3_bind_int64(st, 1, vn > 0 ? strtoll(val, NULL, 10) : 0);
			break;
		case 3:
			sqlite3_bind_double(st, 1, vn > 0 ? strtod(val, NULL) : 0.0);
			break;
		default:
			sqlite3_bind_null(st, 1);
		}
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
}

static int
beside(const char *path, const char *suffix)
{
	char name[256];
	struct stat st;

	snprintf(name, sizeof name, "%s%s", path, suffix);
	return lstat(name, &st) == 0;
}

/* A loaded point's text must be a JSON object. */
static int
json_object(sqlite3 *mem, const char *text)
{
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_prepare_v2(mem, "SELECT json_valid(?1) AND json_type(?1) = 'object'", -1,
	    &st, NULL) != SQLITE_OK)
		return 1;       /* no JSON functions here: nothing to check */
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[160], wal[200];
	unsigned char *bytes, *after;
	size_t nbytes = 0, nafter = 0, i, j, start;
	struct swp_db *d;
	struct cq_err err;
	sqlite3 *db, *mem;
	int p, ndone, patched = 0;

	if (good == NULL)
		setup();
	snprintf(path, sizeof path, "%s/case.sqlite", dir);
	unlink(path);
	spill(path, good, ngood);
	/* SQL edits first (on a sound file), byte patches after. */
	if (sqlite3_open(path, &db) == SQLITE_OK) {
		for (start = 0, i = 0; i <= size; i++)
			if (i == size || data[i] == '\n') {
				if (i > start && data[start] != '#')
					edit(db, data + start, i - start);
				start = i + 1;
			}
	}
	sqlite3_close(db);
	/* Leave the file as a single file, as a user would hand it over. */
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	if ((bytes = slurp(path, &nbytes)) == NULL)
		broken("cannot read the damaged copy", path);
	for (start = 0, i = 0; i <= size; i++)
		if (i == size || data[i] == '\n') {
			if (i > start && data[start] == '#' && nbytes > 0)
				for (j = start + 1; j + 2 < i; j += 3) {
					size_t off = ((size_t)data[j] << 8 | data[j + 1]) % nbytes;

					bytes[off] = data[j + 2];
					patched = 1;
				}
			start = i + 1;
		}
	if (patched)
		spill(path, bytes, nbytes);

	memset(&err, 0, sizeof err);
	d = swp_db_open(path, 1, sweep, &err);
	if (d == NULL) {
		if (err.code != 1 && err.code != 2)
			broken("a refusal exits neither 1 nor 2", err.msg);
		if (strchr(err.msg, '\n') != NULL)
			broken("a refusal of more than one line", err.msg);
		if ((after = slurp(path, &nafter)) == NULL || nafter != nbytes ||
		    memcmp(after, bytes, nbytes) != 0)
			broken("a refused file was changed", err.msg);
		free(after);
		if (beside(path, "-wal") || beside(path, "-shm") || beside(path, "-journal"))
			broken("a refused file left a journal beside it", err.msg);
		free(bytes);
		return 0;
	}
	if (swp_db_load(d, sweep, &ndone, &err) != 0)
		broken("a file the inspection accepted does not load", err.msg);
	if (sqlite3_open(":memory:", &mem) == SQLITE_OK)
		for (p = 0; p < sweep->npoints; p++)
			if (sweep->res[p].done && !json_object(mem, sweep->res[p].json))
				broken("a loaded point is not a JSON object", sweep->res[p].json);
	sqlite3_close(mem);
	for (p = 0; p < sweep->npoints; p++)
		swp_result_clear(&sweep->res[p]);
	swp_db_close(d);
	free(bytes);
	return 0;
}
