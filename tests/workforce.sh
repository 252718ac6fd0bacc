#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# workforce.sh — absence, breaks and max_utilization in the outputs and the
# optimizer: the role keys absent_hours_per_week and met in JSON, CSV, text and
# the Roles sheet; the Roster sheet's coverage grid net of scheduled breaks;
# `optimize` with max_utilization returns a roster meeting it (confirmed by a
# run) that costs more than without, and its --write-dat solves with glpsol to
# the program's last solve (the occupancy row included).
. "$top_srcdir/tests/setup.sh"

PI="$SCN/portal_inbox.ini"
run3() {
	"$CLINICQ" run "$PI" -r 3 --set scenario.weeks=3 --quiet \
	    --set 'shift.rn_day.break=30min within 12:00-13:00' --set role.rn.absence=5% "$@"
}

# A cap the roles meet, and one they do not.
mkdir "$tmp/c"
expect_exit 0 run3 --set targets.max_utilization=85% --json -o "$tmp/out.xlsx" --csv "$tmp/c"
cp "$tmp/out" "$tmp/cap.json"
"$PYTHON3" - "$tmp/cap.json" <<'PY' || fail "JSON role keys"
import json, sys
d = json.load(open(sys.argv[1]))
rn, ma = d["roles"]["rn"], d["roles"]["ma"]
for k in ("utilization", "on_duty_hours_per_week", "overtime_hours_per_week",
          "cost_per_week", "absent_hours_per_week", "met"):
    if k not in rn:
        sys.exit("FAIL: role key %s missing" % k)
if not rn["absent_hours_per_week"]["mean"] > 0 or ma["absent_hours_per_week"]["mean"] != 0:
    sys.exit("FAIL: absent hours %s %s" % (rn["absent_hours_per_week"], ma["absent_hours_per_week"]))
want = "confident" if rn["utilization"]["hi"] <= 0.85 else "on_average" \
    if rn["utilization"]["mean"] <= 0.85 else "no"
if rn["met"] != want:
    sys.exit("FAIL: rn met %s, want %s (utilization %s)" % (rn["met"], want, rn["utilization"]))
PY
grep -q '^role,.*,absent_hours_per_week_mean,.*,max_utilization,met,scenario_file,clinicq_version,seed,overrides$' "$tmp/c/roles.csv" ||
	fail "roles.csv header: $(head -n 1 "$tmp/c/roles.csv")"
grep -q '^rn,.*,0\.85,confident,' "$tmp/c/roles.csv" || fail "roles.csv rn: $(grep ^rn "$tmp/c/roles.csv")"
"$PYTHON3" "$top_srcdir/tests/xlsx_check.py" "$tmp/out.xlsx" "$tmp/cap.json" ||
	fail "the workbook does not match the JSON (above)"
"$PYTHON3" - "$tmp/out.xlsx" <<'PY' || fail "workbook: breaks in the coverage grid"
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])["Roster"]
g = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("rn on duty"))
cell = lambda hh, day: ws.cell(g + 2 + hh, 2 + day).value
# rn_day: 2 persons 08:00-16:30, breaks 12:00-12:30 and 12:30-13:00: one off all hour.
if abs(cell(12, 0) - 1) > 1e-9 or abs(cell(11, 0) - 2) > 1e-9 or abs(cell(13, 4) - 2) > 1e-9:
    sys.exit("FAIL: coverage Mon 11:00 %s, 12:00 %s, Fri 13:00 %s" % (cell(11, 0), cell(12, 0), cell(13, 4)))
PY

expect_exit 0 run3 --set targets.max_utilization=1%
expect_out "verdict (utilization <= 1.0%)"
expect_out "missed"
expect_exit 0 run3 --set targets.max_utilization=1% --json
json_check "$tmp/out" "a roster over the cap is 'no'" 'd["roles"]["rn"]["met"] == "no"'
expect_exit 0 run3 --json
json_check "$tmp/out" "no utilization verdict without a cap" 'd["roles"]["rn"]["met"] is None'

# sweep --db: each point's role rows carry absent hours and the verdict.
expect_exit 0 "$CLINICQ" sweep "$SCN/portal_sweep.ini" -r 2 --set scenario.weeks=2 --quiet \
    --set role.rn.absence=5% --set targets.max_utilization=85% --db "$tmp/s.sqlite"
"$PYTHON3" - "$tmp/s.sqlite" <<'PY' || fail "sweep db role rows"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("select count(*) from points").fetchone()[0]
met = db.execute("select count(*) from measures where kind='role' and name='rn' and "
                 "measure='met' and verdict in ('confident','on_average','no')").fetchone()[0]
ab = db.execute("select min(mean) from measures where kind='role' and name='rn' and "
                "measure='absent_hours_per_week'").fetchone()[0]
if n != 9 or met != n or not ab > 0:
    sys.exit("FAIL: %d points, %d role verdicts, least absent hours %r" % (n, met, ab))
PY

# optimize: three shifts of one role, with and without a cap of 40%.
INI="$top_srcdir/tests/opt/three_shifts.ini"
expect_exit 0 "$CLINICQ" optimize "$INI" --json --quiet
cp "$tmp/out" "$tmp/free.json"
expect_exit 0 "$CLINICQ" optimize "$INI" --json --quiet --set targets.max_utilization=40% \
    --write-dat "$tmp/cap.dat"
cp "$tmp/out" "$tmp/capped.json"
set -- $("$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(" ".join("--set shift.%s.staff=%d" % kv for kv in d["roster"].items()))' "$tmp/capped.json")
expect_exit 0 "$CLINICQ" run "$INI" --json --set targets.max_utilization=40% "$@"
"$PYTHON3" - "$tmp/free.json" "$tmp/capped.json" "$tmp/out" <<'PY' || fail "optimize with max_utilization"
import json, sys
free, capped, run = (json.load(open(p)) for p in sys.argv[1:4])
if not capped["feasible"] or not capped["confirmation"]["met"]:
    sys.exit("FAIL: capped optimize infeasible or unconfirmed")
if not capped["roster_cost_per_week"] > free["roster_cost_per_week"]:
    sys.exit("FAIL: capped %s costs %s, free %s costs %s" % (capped["roster"],
             capped["roster_cost_per_week"], free["roster"], free["roster_cost_per_week"]))
if free["roles"]["nurse"]["utilization"]["hi"] <= 0.40:
    sys.exit("FAIL: the free roster already meets the cap; the case tests nothing")
if run["roles"]["nurse"]["met"] != "confident":
    sys.exit("FAIL: the capped roster's run: %s" % run["roles"]["nurse"])
if capped["confirmation"]["roles"]["nurse"]["met"] != "confident" or \
        any(it["roles"]["nurse"]["met"] != "confident" for it in capped["iterations"] if it["all_met"]) or \
        "roles" in free["confirmation"]:
    sys.exit("FAIL: role verdicts in the confirmation and iterations")
PY
grep -q '^param max_util := 0.4' "$tmp/cap.dat" || fail ".dat lacks max_util"
if command -v glpsol >/dev/null 2>&1; then
	glpsol -m "$top_srcdir/models/staffing.mod" -d "$tmp/cap.dat" >"$tmp/glpsol.out" 2>&1 ||
		fail "glpsol failed: $(tail -n 3 "$tmp/glpsol.out")"
	"$PYTHON3" - "$tmp/glpsol.out" "$tmp/capped.json" <<'PY' || fail "glpsol roster"
import json, re, sys
got = {m[0]: int(m[1]) for m in re.findall(r"^staff (\S+) (\d+)$", open(sys.argv[1]).read(), re.M)}
want = json.load(open(sys.argv[2]))["last_solve"]
if got != want:
    sys.exit("FAIL: glpsol gives %s, the program's last solve %s" % (got, want))
PY
else
	echo "glpsol not installed: .dat check skipped" >&2
fi
finish
