#!/bin/sh
# sweep_db.sh — results in SQLite: a sweep killed with SIGKILL and --resume'd
# prints the same JSON as an uninterrupted one; --resume refuses a file of
# another scenario or seed; an existing file is not overwritten.
. "$top_srcdir/tests/setup.sh"

strip() { "$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("timing"); print(json.dumps(d, sort_keys=True))' "$1"; }
count() { "$PYTHON3" -c 'import sqlite3,sys
try:
    # Read-only: a plain connect would create the file before clinicq does,
    # and clinicq rightly refuses to overwrite an existing one.
    db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=5)
    print(db.execute("select count(*) from points").fetchone()[0])
except Exception:
    print(0)' "$1"; }
SW="$SCN/portal_sweep.ini"
SLOW="--set scenario.weeks=6 -r 60"

"$CLINICQ" sweep "$SW" $SLOW --json -j 2 > "$tmp/full.json"
strip "$tmp/full.json" > "$tmp/full"

# Kill -9 once a few points are committed, then resume.
"$CLINICQ" sweep "$SW" $SLOW --json --db "$tmp/k.sqlite" > /dev/null 2>&1 &
pid=$!
i=0
# Up to two minutes: a sanitizer build on a busy machine is slow.
while [ "$i" -lt 2400 ] && [ "$(count "$tmp/k.sqlite")" -lt 2 ] && kill -0 "$pid" 2>/dev/null; do
	sleep 0.05; i=$((i + 1))
done
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
n=$(count "$tmp/k.sqlite")
echo "killed with $n of 9 points committed"
[ "$n" -ge 1 ] || fail "no point was committed before the kill"
[ "$n" -lt 9 ] || echo "note: the sweep finished before the kill; resume has nothing to do"
expect_exit 0 "$CLINICQ" sweep "$SW" $SLOW --json --db "$tmp/k.sqlite" --resume
cp "$tmp/out" "$tmp/resumed.json"
strip "$tmp/resumed.json" > "$tmp/resumed"
cmp -s "$tmp/full" "$tmp/resumed" || fail "a killed and resumed sweep differs from an uninterrupted one"
computed=$("$PYTHON3" -c 'import json,sys; print(json.load(open(sys.argv[1]))["timing"]["points_computed"])' "$tmp/resumed.json")
[ "$computed" -eq $((9 - n)) ] || fail "resume computed $computed points, want $((9 - n))"
[ "$(count "$tmp/k.sqlite")" = 9 ] || fail "the file lacks points after resume"

# Nothing left: resume computes nothing and prints the same.
expect_exit 0 "$CLINICQ" sweep "$SW" $SLOW --json --db "$tmp/k.sqlite" --resume
strip "$tmp/out" > "$tmp/again"
cmp -s "$tmp/full" "$tmp/again" || fail "resuming a complete file changed the JSON"

# Refusals.
expect_exit 2 "$CLINICQ" sweep "$SW" $SLOW --json --db "$tmp/k.sqlite"
expect_err "exists; add --resume"
expect_exit 2 "$CLINICQ" sweep "$SW" $SLOW --seed 7 --db "$tmp/k.sqlite" --resume
expect_err "cannot resume"
expect_err "seed"
expect_exit 2 "$CLINICQ" sweep "$SW" --set scenario.weeks=5 -r 60 --db "$tmp/k.sqlite" --resume
expect_err "another scenario"
sed 's/^per_week = 1400/per_week = 1500/' "$SW" > "$tmp/other.ini"
expect_exit 2 "$CLINICQ" sweep "$tmp/other.ini" $SLOW --db "$tmp/k.sqlite" --resume
expect_err "another scenario"
echo "not a database, just text that is long enough to fill the sqlite header and more" > "$tmp/junk.sqlite"
expect_exit 2 "$CLINICQ" sweep "$SW" $SLOW --db "$tmp/junk.sqlite" --resume
expect_err "not a clinicq results file"

# The schema of doc/sweep.md.
"$PYTHON3" - "$tmp/k.sqlite" <<'PY' || fail "schema or contents wrong"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
run = db.execute("select seed, scenario_hash, clinicq_version, points, created from run").fetchall()
assert len(run) == 1 and run[0][0] == "20270104" and run[0][3] == 9, run
assert db.execute("select count(*) from overrides").fetchone()[0] == 18
assert db.execute("select value from overrides where point_idx=4 and key='stream.portal.per_week'").fetchone()[0] == "1610"
assert db.execute("select count(distinct point_idx) from measures").fetchone()[0] == 9
v = db.execute("select verdict from measures where point_idx=1 and kind='class' and name='routine' and measure='met'").fetchone()[0]
assert v in ("confident", "on_average", "no"), v
m = db.execute("select mean, lo, hi from measures where point_idx=9 and kind='cost' and measure='total'").fetchone()
assert m[1] <= m[0] <= m[2], m
PY
finish
