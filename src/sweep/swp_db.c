/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * swp_db.c — the SQLite results file of a sweep.  WAL journal with
 * synchronous = FULL: a committed point is on disk before the next one starts.
 */
#include "config.h"

#include "swp_db.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* 2: the backlog_by_hour and replications tables. */
#define SWP_DB_FORMAT 2
#define SWP_DB_FORMAT_S "2"
/* PRAGMA application_id of the files clinicq makes: "CqSw".  Files of the first
 * releases have 0, and are told apart by their tables. */
#define SWP_DB_APP_ID 0x43715377

struct swp_db {
	sqlite3 *db;
	char path[4096];
	sqlite3_stmt *ins_point, *ins_ov, *ins_meas, *ins_backlog, *ins_rep;
};

static const char schema[] =
"CREATE TABLE IF NOT EXISTS run (\n"
"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
"  format INTEGER NOT NULL,\n"
"  clinicq_version TEXT NOT NULL,\n"
"  scenario TEXT NOT NULL,\n"
"  scenario_file TEXT NOT NULL,\n"
"  scenario_hash TEXT NOT NULL,\n"
"  seed TEXT NOT NULL,\n"
"  replications INTEGER NOT NULL,\n"
"  points INTEGER NOT NULL,\n"
"  mode TEXT NOT NULL,\n"
"  created TEXT NOT NULL\n"
");\n"
"CREATE TABLE IF NOT EXISTS points (\n"
"  idx INTEGER PRIMARY KEY,\n"
"  status TEXT NOT NULL,\n"
"  json TEXT NOT NULL,\n"
"  finished TEXT NOT NULL\n"
");\n"
"CREATE TABLE IF NOT EXISTS overrides (\n"
"  point_idx INTEGER NOT NULL REFERENCES points(idx),\n"
"  key TEXT NOT NULL,\n"
"  value TEXT NOT NULL,\n"
"  PRIMARY KEY (point_idx, key)\n"
");\n"
"CREATE TABLE IF NOT EXISTS measures (\n"
"  point_idx INTEGER NOT NULL REFERENCES points(idx),\n"
"  kind TEXT NOT NULL,\n"
"  name TEXT NOT NULL,\n"
"  measure TEXT NOT NULL,\n"
"  mean REAL, lo REAL, hi REAL,\n"
"  verdict TEXT,\n"
"  PRIMARY KEY (point_idx, kind, name, measure)\n"
");\n"
"CREATE TABLE IF NOT EXISTS backlog_by_hour (\n"
"  point_idx INTEGER NOT NULL REFERENCES points(idx),\n"
"  class TEXT NOT NULL,\n"
"  hour_of_week INTEGER NOT NULL,\n"
"  mean_queue REAL,\n"
"  PRIMARY KEY (point_idx, class, hour_of_week)\n"
");\n"
"CREATE TABLE IF NOT EXISTS replications (\n"
"  point_idx INTEGER NOT NULL REFERENCES points(idx),\n"
"  replication INTEGER NOT NULL,\n"
"  class TEXT NOT NULL,\n"
"  measure TEXT NOT NULL,\n"
"  value REAL,\n"
"  PRIMARY KEY (point_idx, replication, class, measure)\n"
");\n"
"PRAGMA application_id = 1131500407;\n";

static int
db_err(struct swp_db *d, struct cq_err *err, const char *what)
{
	return cq_err_set(err, CQ_EXIT_FAIL, d->path, 0, "%s: %s", what,
	    sqlite3_errmsg(d->db));
}

static void
utc_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Compare the file's run row with this sweep; insert it when the file is new. */
static int
check_run(struct swp_db *d, const struct swp *w, struct cq_err *err)
{
	sqlite3_stmt *st = NULL;
	char hash[32], seed[32], now[32];
	int rc;

	snprintf(hash, sizeof hash, "%016" PRIx64, w->hash);
	snprintf(seed, sizeof seed, "%" PRIu64, w->s->seed);
	if (sqlite3_prepare_v2(d->db, "SELECT scenario_hash, seed, points, scenario_file "
	    "FROM run WHERE id = 1", -1, &st, NULL) != SQLITE_OK)
		return cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "not a clinicq results "
		    "file (%s); give another --db", sqlite3_errmsg(d->db));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *fh = (const char *)sqlite3_column_text(st, 0);
		const char *fs = (const char *)sqlite3_column_text(st, 1);
		int np = sqlite3_column_int(st, 2);
		const char *ff = (const char *)sqlite3_column_text(st, 3);

		if (fh == NULL || strcmp(fh, hash) != 0)
			rc = cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "cannot resume: the "
			    "file holds a sweep of another scenario (%s, or other --set/-r "
			    "options; hash %s, this one %s); use another --db file",
			    ff ? ff : "?", fh ? fh : "?", hash);
		else if (fs == NULL || strcmp(fs, seed) != 0)
			rc = cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "cannot resume: the "
			    "file holds a sweep with seed %s, this one has seed %s; use the "
			    "same --seed or another --db file", fs ? fs : "?", seed);
		else if (np != w->npoints)
			rc = cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "cannot resume: the "
			    "file holds a sweep of %d points, this one has %d", np, w->npoints);
		else
			rc = 0;
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(d, err, "cannot read the run table");
	utc_now(now, sizeof now);
	if (sqlite3_prepare_v2(d->db, "INSERT INTO run VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)", -1, &st, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot write the run table");
	sqlite3_bind_int(st, 1, SWP_DB_FORMAT);
	sqlite3_bind_text(st, 2, PACKAGE_VERSION, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, w->s->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, w->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, seed, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, w->s->replications);
	sqlite3_bind_int(st, 8, w->npoints);
	sqlite3_bind_text(st, 9, w->s->sweep.zip ? "zip" : "grid", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(d, err, "cannot write the run table");
	return 0;
}

/* SQLite reads these names as an in-memory or temporary database, or (with URIs
 * enabled) as options: a sweep would save nothing. */
static int
special_name(const char *path)
{
	return path[0] == '\0' || strcmp(path, ":memory:") == 0 ||
	    strncasecmp(path, "file:", 5) == 0;
}

/* path as a read-only SQLite URI.  Without a -wal file the database file is
 * complete, and immutable=1 reads it without creating -wal or -shm files (a
 * plain read-only connection to a WAL database creates and leaves both). */
static char *
ro_uri(const char *path, int immutable)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path), i, k = 0;
	char *u = malloc(3 * n + 40);

	if (u == NULL)
		return NULL;
	k = (size_t)sprintf(u, "file:%s", path[0] == '/' ? "//" : "");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];

		if (isalnum(c) || strchr("/-._~", c) != NULL) {
			u[k++] = (char)c;
		} else {
			u[k++] = '%';
			u[k++] = hex[c >> 4];
			u[k++] = hex[c & 15];
		}
	}
	sprintf(u + k, "?mode=ro%s", immutable ? "&immutable=1" : "");
	return u;
}

static int
not_ours(struct swp_db *d, struct cq_err *err, const char *why)
{
	return cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "not a clinicq results file "
	    "(%s); --db takes a new file, an empty one, or the file of an earlier "
	    "run of this sweep: give another name", why);
}

/* One number from a query; -1 when it fails. */
static long long
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The file's schema as one text: every table and index, with its SQL.  NULL
 * when it cannot be read (caller frees). */
static char *
schema_text(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *t = NULL;

	if (sqlite3_prepare_v2(db, "SELECT group_concat(type || '|' || name || '|' || "
	    "tbl_name || '|' || ifnull(sql, ''), char(10)) FROM (SELECT * FROM "
	    "sqlite_master ORDER BY type, name)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		t = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return t;
}

/* The tables are ours to the letter (columns, keys, references): a table of
 * the right name made otherwise would pass every query of the inspection and
 * fail once the file is opened for writing, too late to leave it untouched. */
static int
schema_ok(sqlite3 *db)
{
	sqlite3 *ref = NULL;
	char *want = NULL, *have = NULL;
	int ok = 0;

	if (sqlite3_open(":memory:", &ref) == SQLITE_OK &&
	    sqlite3_exec(ref, schema, NULL, NULL, NULL) == SQLITE_OK &&
	    (want = schema_text(ref)) != NULL && (have = schema_text(db)) != NULL)
		ok = strcmp(want, have) == 0;
	sqlite3_close(ref);
	free(want);
	free(have);
	return ok;
}

/* PRAGMA integrity_check answers one row "ok" when every page reads and every
 * index agrees with its table (quick_check skips the second: a row missing
 * from an index passes it, then fails the load's ORDER BY). */
static int
integrity_ok(sqlite3 *db)
{
	sqlite3_stmt *st;
	int ok = 0;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		ok = t != NULL && strcmp((const char *)t, "ok") == 0;
	}
	sqlite3_finalize(st);
	return ok;
}

/* A results file whose rows do not load: what does not, and what to do. */
static int
damaged(const struct swp_db *d, struct cq_err *err, const char *what)
{
	return cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "%s: the file is damaged; remove "
	    "it (or give another --db) to start the sweep over", what);
}

/* Is the open file a results file of this format: exactly the six tables of
 * the schema (and their primary-key indexes), ours, with its run row? */
static int
inspect_schema(struct swp_db *d, struct cq_err *err)
{
	long long v;

	if (query_int(d->db, "SELECT count(*) FROM sqlite_master") < 0)
		return not_ours(d, err, sqlite3_errmsg(d->db));
	if (query_int(d->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
	    "name IN ('run', 'points', 'overrides', 'measures')") == 4 &&
	    query_int(d->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'") == 4 &&
	    query_int(d->db, "SELECT count(*) FROM run WHERE format = 1") == 1)
		return cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "made by an earlier clinicq "
		    "(results format 1; this one writes format " SWP_DB_FORMAT_S ", with "
		    "backlog_by_hour and replications): remove it (or give another --db) to "
		    "start the sweep over");
	if (query_int(d->db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
	    "name IN ('run', 'points', 'overrides', 'measures', 'backlog_by_hour', "
	    "'replications')") != 6 ||
	    query_int(d->db, "SELECT count(*) FROM sqlite_master WHERE NOT ((type = "
	    "'table' AND name IN ('run', 'points', 'overrides', 'measures', "
	    "'backlog_by_hour', 'replications')) OR "
	    "(type = 'index' AND name LIKE 'sqlite_autoindex_%'))") != 0)
		return not_ours(d, err, "its tables are not those of a sweep");
	v = query_int(d->db, "PRAGMA application_id");
	if (v != 0 && v != SWP_DB_APP_ID)
		return not_ours(d, err, "another program's application_id");
	if (query_int(d->db, "SELECT count(*) FROM run WHERE id = 1 AND format = "
	    SWP_DB_FORMAT_S) != 1)
		return not_ours(d, err, "no run row of format " SWP_DB_FORMAT_S);
	return 0;
}

/* Rows that load: every done point's json an object, measures, backlog and
 * replications of the right types (a replication past the most any point
 * runs would make the load allocate for it). */
static int
inspect_rows(struct swp_db *d, const struct swp *w, struct cq_err *err)
{
	char sql[512];
	long long v;

	v = query_int(d->db, "SELECT idx FROM points WHERE status = 'done' AND (json IS "
	    "NULL OR NOT json_valid(json) OR json_type(json) <> 'object') LIMIT 1");
	if (v == -1 && sqlite3_errcode(d->db) != SQLITE_OK &&
	    sqlite3_errcode(d->db) != SQLITE_DONE)
		return db_err(d, err, "cannot read points");
	if (v != -1) {
		snprintf(sql, sizeof sql, "point %lld's json in the points table does not "
		    "parse", v);
		return damaged(d, err, sql);
	}
	if (query_int(d->db, "SELECT count(*) FROM measures WHERE typeof(kind) <> 'text' "
	    "OR typeof(name) <> 'text' OR typeof(measure) <> 'text' OR "
	    "typeof(mean) NOT IN ('real', 'integer', 'null') OR "
	    "typeof(lo) NOT IN ('real', 'integer', 'null') OR "
	    "typeof(hi) NOT IN ('real', 'integer', 'null') OR "
	    "typeof(verdict) NOT IN ('text', 'null')") != 0)
		return damaged(d, err, "rows of the measures table do not parse");
	if (query_int(d->db, "SELECT count(*) FROM backlog_by_hour WHERE "
	    "typeof(class) <> 'text' OR typeof(hour_of_week) <> 'integer' OR "
	    "typeof(mean_queue) NOT IN ('real', 'integer', 'null')") != 0)
		return damaged(d, err, "rows of the backlog_by_hour table do not parse");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM replications WHERE "
	    "typeof(replication) <> 'integer' OR replication < 1 OR replication > %d OR "
	    "typeof(class) <> 'text' OR typeof(measure) <> 'text' OR "
	    "typeof(value) NOT IN ('real', 'integer', 'null')", w->max_reps);
	if (query_int(d->db, sql) != 0)
		return damaged(d, err, "rows of the replications table do not parse");
	/* Last, what only a damaged or hand-made file breaks (each read-only). */
	if (!schema_ok(d->db))
		return not_ours(d, err, "its tables are not made as a sweep's");
	if (query_int(d->db, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
		return damaged(d, err, "rows of the file refer to points it does not hold");
	/* Pages that read: a damaged page or index the queries above skip would
	 * fail the load after the file was opened for writing. */
	if (!integrity_ok(d->db))
		return cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "the file is damaged "
		    "(SQLite's integrity_check fails); remove it (or give another --db) to "
		    "start the sweep over");
	return 0;
}

/* Is the existing file d->path a clinicq results file of the sweep w, whose rows
 * load?  Read-only: a file refused here is left exactly as it was. */
static int
inspect(struct swp_db *d, const struct swp *w, struct cq_err *err)
{
	char wal[4200];
	char *uri;
	int rc = -1, bad;

	snprintf(wal, sizeof wal, "%s-wal", d->path);
	if ((uri = ro_uri(d->path, access(wal, F_OK) != 0)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, d->path, 0, "out of memory");
	bad = sqlite3_open_v2(uri, &d->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL) != SQLITE_OK;
	free(uri);
	if (bad)
		db_err(d, err, "cannot open");
	else {
		sqlite3_busy_timeout(d->db, 10000);
		if (inspect_schema(d, err) == 0 && check_run(d, w, err) == 0 &&
		    inspect_rows(d, w, err) == 0)
			rc = 0;
	}
	sqlite3_close(d->db);
	d->db = NULL;
	return rc;
}

/* Can clinicq write path, and the -wal file beside it? */
static int
writable(const char *path, struct cq_err *err)
{
	char dir[4096];
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (access(path, W_OK) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write: %s; --resume "
		    "adds points to the file: make it writable or give another --db",
		    strerror(errno));
	if (access(dir, W_OK | X_OK) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot write its folder %s: "
		    "%s; SQLite keeps a -wal file beside the database", dir, strerror(errno));
	return 0;
}

/* What --db names: refused when it is SQLite's special name, a link to
 * nothing or not a regular file, or when it holds a sweep and resume is off.
 * 0 with *exists (it holds something to resume), or -1 with err. */
static int
db_target(const char *path, int resume, int *exists, struct cq_err *err)
{
	struct stat lst, st;
	char wal[4200];

	*exists = 0;
	if (special_name(path))
		return cq_err_set(err, CQ_EXIT_USAGE, "", 0, "--db '%s' is one of SQLite's "
		    "special names (a temporary or in-memory database, or a URI) and would "
		    "save nothing; give a file name such as sweep.sqlite (./%s for a file "
		    "of that name)", path, path[0] ? path : "NAME");
	if (lstat(path, &lst) != 0) {
		if (errno != ENOENT)
			return cq_err_set(err, CQ_EXIT_FAIL, path, 0, "cannot read: %s",
			    strerror(errno));
		return 0;
	}
	if (stat(path, &st) != 0)
		return cq_err_set(err, CQ_EXIT_USAGE, path, 0, "is a symbolic link to a file "
		    "that does not exist (%s); name the file itself, or remove the link",
		    strerror(errno));
	if (!S_ISREG(st.st_mode))
		return cq_err_set(err, CQ_EXIT_USAGE, path, 0, "is not a regular file; --db "
		    "takes a results file name such as sweep.sqlite");
	snprintf(wal, sizeof wal, "%s-wal", path);
	/* An empty file is a new one, unless a -wal file holds its contents. */
	*exists = st.st_size > 0 || access(wal, F_OK) == 0;
	if (*exists && !resume)
		return cq_err_set(err, CQ_EXIT_USAGE, path, 0, "exists; add --resume to "
		    "continue the sweep it holds, or remove it to start over");
	return 0;
}

/* The open file in WAL mode with the schema and this sweep's run row, in
 * one transaction.  0, or -1 with err. */
static int
db_setup(struct swp_db *d, const struct swp *w, struct cq_err *err)
{
	/* A file that is not SQLite fails here, at the first read. */
	if (sqlite3_exec(d->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
		return cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "not a clinicq results file "
		    "(%s)", sqlite3_errmsg(d->db));
	if (sqlite3_exec(d->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot set up");
	if (sqlite3_exec(d->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "not a clinicq results file: %s",
		    sqlite3_errmsg(d->db));
		sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (check_run(d, w, err) != 0) {
		sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot write");
	return 0;
}

/* The statements that write a point's results.  0, or -1 with err. */
static int
db_prepare(struct swp_db *d, struct cq_err *err)
{
	if (sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO points VALUES (?, 'done', ?, ?)",
	    -1, &d->ins_point, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO overrides VALUES (?, ?, ?)", -1,
	    &d->ins_ov, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO measures VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?)", -1, &d->ins_meas, NULL) != SQLITE_OK ||
	    /* The point's JSON holds the backlog by hour of every class: SQLite's
	     * JSON functions make the rows, so a result needs nothing more. */
	    sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO backlog_by_hour SELECT ?1, "
	    "c.key, h.key, h.value FROM json_each(?2, '$.classes') AS c, "
	    "json_each(c.value, '$.backlog_by_hour') AS h", -1, &d->ins_backlog,
	    NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO replications VALUES "
	    "(?, ?, ?, ?, ?)", -1, &d->ins_rep, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot prepare statements");
	return 0;
}

struct swp_db *
swp_db_open(const char *path, int resume, const struct swp *w, struct cq_err *err)
{
	struct swp_db *d;
	int exists;

	if (db_target(path, resume, &exists, err) != 0)
		return NULL;
	if ((d = calloc(1, sizeof *d)) == NULL) {
		cq_err_set(err, CQ_EXIT_FAIL, path, 0, "out of memory");
		return NULL;
	}
	snprintf(d->path, sizeof d->path, "%s", path);
	/* Everything that would refuse an existing file is asked before the first
	 * change to it (journal mode, tables). */
	if (exists && (writable(path, err) != 0 || inspect(d, w, err) != 0))
		goto fail;
	if (sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		db_err(d, err, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(d->db, 10000);
	if (db_setup(d, w, err) != 0 || db_prepare(d, err) != 0)
		goto fail;
	return d;
fail:
	swp_db_close(d);
	return NULL;
}

void
swp_db_close(struct swp_db *d)
{
	if (d == NULL)
		return;
	sqlite3_finalize(d->ins_point);
	sqlite3_finalize(d->ins_ov);
	sqlite3_finalize(d->ins_meas);
	sqlite3_finalize(d->ins_backlog);
	sqlite3_finalize(d->ins_rep);
	sqlite3_close(d->db);
	free(d);
}

static void
bind_num(sqlite3_stmt *st, int col, double x)
{
	if (isfinite(x))
		sqlite3_bind_double(st, col, x);
	else
		sqlite3_bind_null(st, col);
}

static double
col_num(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN :
	    sqlite3_column_double(st, col);
}

static void
col_text(sqlite3_stmt *st, int col, char *out, size_t n)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	snprintf(out, n, "%s", t ? t : "");
}

/* The replications' figures of the points loaded; inspect() bounded the
 * replication numbers.  A row of an unknown class or measure is left out. */
static int
load_replications(struct swp_db *d, struct swp *w, struct cq_err *err)
{
	sqlite3_stmt *st = NULL;
	int ncls = w->s->nclasses, rc, p, i, c, k;

	if (sqlite3_prepare_v2(d->db, "SELECT point_idx, max(replication) FROM "
	    "replications GROUP BY point_idx", -1, &st, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot read replications");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct swp_result *r;
		size_t n;

		p = sqlite3_column_int(st, 0) - 1;
		i = sqlite3_column_int(st, 1);
		if (p < 0 || p >= w->npoints || !w->res[p].done || i < 1 || i > w->max_reps)
			continue;
		r = &w->res[p];
		n = (size_t)i * (size_t)ncls * RPT_REP_NCOLS;
		free(r->repv);
		if ((r->repv = malloc(n * sizeof *r->repv)) == NULL) {
			sqlite3_finalize(st);
			return cq_err_set(err, CQ_EXIT_FAIL, d->path, 0, "out of memory");
		}
		while (n > 0)
			r->repv[--n] = NAN;
		r->nrep = i;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(d, err, "cannot read replications");
	if (sqlite3_prepare_v2(d->db, "SELECT point_idx, replication, class, measure, value "
	    "FROM replications", -1, &st, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot read replications");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *cn = (const char *)sqlite3_column_text(st, 2);
		const char *mn = (const char *)sqlite3_column_text(st, 3);

		p = sqlite3_column_int(st, 0) - 1;
		i = sqlite3_column_int(st, 1) - 1;
		if (p < 0 || p >= w->npoints || w->res[p].repv == NULL || i < 0 ||
		    i >= w->res[p].nrep || cn == NULL || mn == NULL ||
		    (c = scn_class_by_name(w->s, cn)) < 0)
			continue;
		for (k = 0; k < RPT_REP_NCOLS && strcmp(rpt_rep_cols[k], mn) != 0; k++)
			;
		if (k < RPT_REP_NCOLS)
			swp_repv(&w->res[p], ncls, i, c)[k] = col_num(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(d, err, "cannot read replications");
	return 0;
}

int
swp_db_load(struct swp_db *d, struct swp *w, int *ndone, struct cq_err *err)
{
	sqlite3_stmt *st = NULL;
	struct swp_result *r;
	struct swp_row *row;
	int rc, p;

	*ndone = 0;
	if (sqlite3_prepare_v2(d->db, "SELECT idx, json FROM points WHERE status = 'done' "
	    "ORDER BY idx", -1, &st, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot read points");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = sqlite3_column_int(st, 0) - 1;
		if (p < 0 || p >= w->npoints)
			continue;
		r = &w->res[p];
		swp_result_clear(r);
		if (sqlite3_column_type(st, 1) != SQLITE_TEXT) {   /* inspect() saw to it */
			sqlite3_finalize(st);
			return cq_err_set(err, CQ_EXIT_USAGE, d->path, 0, "point %d has no "
			    "json: the file is damaged; remove it to start over", p + 1);
		}
		if ((r->json = strdup((const char *)sqlite3_column_text(st, 1))) == NULL)
			goto nomem;
		r->done = 1;
		(*ndone)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(d, err, "cannot read points");
	if (sqlite3_prepare_v2(d->db, "SELECT point_idx, kind, name, measure, mean, lo, hi, "
	    "verdict FROM measures ORDER BY point_idx, rowid", -1, &st, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot read measures");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = sqlite3_column_int(st, 0) - 1;
		if (p < 0 || p >= w->npoints || !w->res[p].done)
			continue;
		r = &w->res[p];
		if ((r->nrows & (r->nrows - 1)) == 0) {   /* grow at powers of two */
			row = realloc(r->rows, (size_t)(r->nrows ? 2 * r->nrows : 1) * sizeof *row);
			if (row == NULL)
				goto nomem;
			r->rows = row;
		}
		row = &r->rows[r->nrows++];
		memset(row, 0, sizeof *row);
		col_text(st, 1, row->kind, sizeof row->kind);
		col_text(st, 2, row->name, sizeof row->name);
		col_text(st, 3, row->measure, sizeof row->measure);
		row->mean = col_num(st, 4);
		row->lo = col_num(st, 5);
		row->hi = col_num(st, 6);
		col_text(st, 7, row->verdict, sizeof row->verdict);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_err(d, err, "cannot read measures");
	return load_replications(d, w, err);
nomem:
	sqlite3_finalize(st);
	return cq_err_set(err, CQ_EXIT_FAIL, d->path, 0, "out of memory");
}

int
swp_db_commit(struct swp_db *d, const struct swp *w, int p, struct cq_err *err)
{
	const struct swp_result *r = &w->res[p];
	const struct scn_sweep *sw = &w->s->sweep;
	char now[32];
	int i, v, c;

	utc_now(now, sizeof now);
	if (sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return db_err(d, err, "cannot start a transaction");
	sqlite3_reset(d->ins_point);
	sqlite3_bind_int(d->ins_point, 1, p + 1);
	sqlite3_bind_text(d->ins_point, 2, r->json, -1, SQLITE_STATIC);
	sqlite3_bind_text(d->ins_point, 3, now, -1, SQLITE_STATIC);
	if (sqlite3_step(d->ins_point) != SQLITE_DONE)
		goto fail;
	for (v = 0; v < sw->nvars; v++) {
		sqlite3_reset(d->ins_ov);
		sqlite3_bind_int(d->ins_ov, 1, p + 1);
		sqlite3_bind_text(d->ins_ov, 2, sw->vars[v].key, -1, SQLITE_STATIC);
		sqlite3_bind_text(d->ins_ov, 3, sw->vars[v].values[swp_value(w, p, v)], -1,
		    SQLITE_STATIC);
		if (sqlite3_step(d->ins_ov) != SQLITE_DONE)
			goto fail;
	}
	for (i = 0; i < r->nrows; i++) {
		const struct swp_row *row = &r->rows[i];

		sqlite3_reset(d->ins_meas);
		sqlite3_bind_int(d->ins_meas, 1, p + 1);
		sqlite3_bind_text(d->ins_meas, 2, row->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(d->ins_meas, 3, row->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(d->ins_meas, 4, row->measure, -1, SQLITE_STATIC);
		bind_num(d->ins_meas, 5, row->mean);
		bind_num(d->ins_meas, 6, row->lo);
		bind_num(d->ins_meas, 7, row->hi);
		if (row->verdict[0] != '\0')
			sqlite3_bind_text(d->ins_meas, 8, row->verdict, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(d->ins_meas, 8);
		if (sqlite3_step(d->ins_meas) != SQLITE_DONE)
			goto fail;
	}
	sqlite3_reset(d->ins_backlog);
	sqlite3_bind_int(d->ins_backlog, 1, p + 1);
	sqlite3_bind_text(d->ins_backlog, 2, r->json, -1, SQLITE_STATIC);
	if (sqlite3_step(d->ins_backlog) != SQLITE_DONE)
		goto fail;
	for (i = 0; r->repv != NULL && i < r->nrep; i++)
		for (c = 0; c < w->s->nclasses; c++) {
			const double *x = swp_repv(r, w->s->nclasses, i, c);

			for (v = 0; v < RPT_REP_NCOLS; v++) {
				sqlite3_reset(d->ins_rep);
				sqlite3_bind_int(d->ins_rep, 1, p + 1);
				sqlite3_bind_int(d->ins_rep, 2, i + 1);
				sqlite3_bind_text(d->ins_rep, 3, w->s->classes[c].name, -1,
				    SQLITE_STATIC);
				sqlite3_bind_text(d->ins_rep, 4, rpt_rep_cols[v], -1, SQLITE_STATIC);
				bind_num(d->ins_rep, 5, x[v]);
				if (sqlite3_step(d->ins_rep) != SQLITE_DONE)
					goto fail;
			}
		}
	if (sqlite3_exec(d->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	db_err(d, err, "cannot commit a point");
	sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}
