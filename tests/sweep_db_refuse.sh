#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sweep_db_refuse.sh — sweep --db takes a new file, an empty file, or (with
# --resume) a results file of the same sweep.  Anything else is refused before
# the file is changed: it stays byte-identical, gets no tables, no WAL journal
# mode and no -wal/-shm file.  These used to be changed (tables added, WAL
# switched on), to save nothing (:memory:), to create a symlink's target, to
# crash (a NULL json) or to pass non-JSON text through to --json.
. "$top_srcdir/tests/setup.sh"

SW="$SCN/portal_sweep.ini"
FAST="--set scenario.weeks=1 --set scenario.warmup=0 -r 2 --quiet"
sql() { "$PYTHON3" -c 'import sqlite3,sys
db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.commit(); db.close()' "$@"; }
sum() { cksum <"$1"; }
# refused FILE CODE TEXT ARGS...: sweep --db FILE ARGS exits CODE saying TEXT,
# and leaves FILE as it was, with nothing beside it.
refused() {
	f=$1; code=$2; text=$3; shift 3
	before=$(sum "$f")
	expect_exit "$code" "$CLINICQ" sweep "$SW" $FAST --db "$f" "$@"
	expect_err "$text"
	[ "$(sum "$f")" = "$before" ] || fail "$f: changed by a refused sweep"
	left=$(ls -A "$(dirname "$f")" | grep -F "$(basename "$f")-" || true)
	[ -z "$left" ] || fail "$f: refused, but left $left"
}

# A results file of this sweep, to spoil in various ways.
expect_exit 0 "$CLINICQ" sweep "$SW" $FAST --db "$tmp/good.sqlite" --json
cp "$tmp/out" "$tmp/good.json"
[ -z "$(ls -A "$tmp" | grep -- '-wal\|-shm' || true)" ] || fail "a finished sweep left $(ls -A "$tmp")"

# Another program's SQLite file, in rollback and in WAL mode.
sql "$tmp/other.sqlite" "CREATE TABLE t (x); INSERT INTO t VALUES (1);"
refused "$tmp/other.sqlite" 2 "not a clinicq results file" --resume
sql "$tmp/otherwal.sqlite" "PRAGMA journal_mode = WAL; CREATE TABLE t (x);"
refused "$tmp/otherwal.sqlite" 2 "not a clinicq results file" --resume
# ... one with our table names and more, or with another application_id.
cp "$tmp/good.sqlite" "$tmp/more.sqlite"
sql "$tmp/more.sqlite" "CREATE TABLE extra (x);"
refused "$tmp/more.sqlite" 2 "its tables are not those of a sweep" --resume
cp "$tmp/good.sqlite" "$tmp/app.sqlite"
sql "$tmp/app.sqlite" "PRAGMA application_id = 42;"
refused "$tmp/app.sqlite" 2 "application_id" --resume
# ... and a file that is not SQLite at all.
echo "not a database, just text that is long enough to fill the sqlite header and more" >"$tmp/junk.sqlite"
refused "$tmp/junk.sqlite" 2 "not a clinicq results file" --resume

# A results file of another sweep: refused before any change too.
refused "$tmp/good.sqlite" 2 "seed" --resume --seed 7
refused "$tmp/good.sqlite" 2 "exists; add --resume"

# Rows that do not parse: a NULL json (was SIGSEGV), text that is not JSON,
# a measure that is not a number.
cp "$tmp/good.sqlite" "$tmp/null.sqlite"
sql "$tmp/null.sqlite" "CREATE TABLE p2 AS SELECT * FROM points; DROP TABLE points;
CREATE TABLE points (idx INTEGER PRIMARY KEY, status TEXT, json TEXT, finished TEXT);
INSERT INTO points SELECT * FROM p2; DROP TABLE p2; UPDATE points SET json = NULL WHERE idx = 3;"
refused "$tmp/null.sqlite" 2 "point 3's json in the points table does not parse" --resume
cp "$tmp/good.sqlite" "$tmp/text.sqlite"
sql "$tmp/text.sqlite" "UPDATE points SET json = 'not json {' WHERE idx = 2;"
refused "$tmp/text.sqlite" 2 "point 2's json" --resume --json
grep -q "not json" "$tmp/out" && fail "non-JSON text from the file reached --json"
cp "$tmp/good.sqlite" "$tmp/meas.sqlite"
sql "$tmp/meas.sqlite" "UPDATE measures SET mean = 'many' WHERE rowid = 1;"
refused "$tmp/meas.sqlite" 2 "rows of the measures table do not parse" --resume

# SQLite's special names save nothing: refused, and nothing is created.
mkdir "$tmp/cwd"
for name in "" ":memory:" "file:x.sqlite" "file:x.sqlite?mode=memory" "FILE:x.sqlite"; do
	(fails=0; cd "$tmp/cwd" && expect_exit 2 "$CLINICQ" sweep "$SW" $FAST --db "$name"
	 expect_err "one of SQLite's special names"
	 [ -z "$(ls -A)" ] || fail "--db '$name' created $(ls -A)"
	 finish) >"$tmp/sub" 2>&1 || fail "--db '$name': $(cat "$tmp/sub")"
done

# A dangling symlink: refused, and its target is not created.
ln -s "$tmp/nowhere.sqlite" "$tmp/link.sqlite"
expect_exit 2 "$CLINICQ" sweep "$SW" $FAST --db "$tmp/link.sqlite"
expect_err "symbolic link to a file that does not exist"
[ ! -e "$tmp/nowhere.sqlite" ] || fail "a dangling --db link created its target"

# A read-only results file is refused before the first point (root writes
# anyway: run as nobody there).
as=""
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null && as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	# nobody must reach the program and the scenario (a build in a private
	# folder, as CI's sanitizer copy, is out of its reach).
	if [ -n "$as" ] && ! { $as "$CLINICQ" --version && $as cat "$SW"; } >/dev/null 2>&1; then
		as=""
		echo "nobody cannot run $CLINICQ here: read-only case skipped"
		norun=1
	fi
fi
if [ -z "${norun:-}" ] && { [ "$(id -u)" != 0 ] || [ -n "$as" ]; }; then
	mkdir "$tmp/ro"
	cp "$tmp/good.sqlite" "$tmp/ro/r.sqlite"
	chmod 711 "$tmp"; chmod 755 "$tmp/ro"; chmod 444 "$tmp/ro/r.sqlite"
	[ "$(id -u)" = 0 ] || chmod 555 "$tmp/ro"
	before=$(sum "$tmp/ro/r.sqlite")
	expect_exit 1 $as "$CLINICQ" sweep "$SW" $FAST --db "$tmp/ro/r.sqlite" --resume
	expect_err "cannot write"
	[ "$(sum "$tmp/ro/r.sqlite")" = "$before" ] || fail "read-only file changed"
	[ "$(ls -A "$tmp/ro")" = r.sqlite ] || fail "read-only file: left $(ls -A "$tmp/ro")"
	chmod 755 "$tmp/ro"
elif [ -z "${norun:-}" ]; then
	echo "root without setpriv: read-only case skipped"
fi

# A sweep its limits refuse before it starts leaves no new file.
expect_exit 2 "$CLINICQ" sweep "$SW" $FAST -j 2 --set scenario.max_waiting=4000000 \
    --db "$tmp/limits.sqlite"
expect_err "max_waiting = 4000000 on 2 threads"
[ -z "$(ls -A "$tmp" | grep limits || true)" ] || fail "a refused sweep left $(ls -A "$tmp" | grep limits)"

# Accepted: an empty file (no --resume needed), and the results file itself.
: >"$tmp/empty.sqlite"
expect_exit 0 "$CLINICQ" sweep "$SW" $FAST --db "$tmp/empty.sqlite" --json
expect_exit 0 "$CLINICQ" sweep "$SW" $FAST --db "$tmp/empty.sqlite" --resume --json
expect_exit 0 "$CLINICQ" sweep "$SW" $FAST --db "$tmp/good.sqlite" --resume --json
"$PYTHON3" - "$tmp/good.json" "$tmp/out" <<'PY' || fail "a resumed complete file prints other JSON"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
a.pop("timing"); b.pop("timing")
assert a == b
PY
finish
