#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_xlsx.sh — `optimize -o`: the workbook has the run's sheets plus an
# Optimization sheet whose figures are the JSON's (recommended and baseline
# cost, saving, the roster side by side, one row per iteration).
. "$top_srcdir/tests/setup.sh"
INI="$top_srcdir/tests/opt/three_shifts.ini"
"$PYTHON3" -c 'import openpyxl' 2>/dev/null || { echo "no openpyxl: skipped"; exit 77; }

expect_exit 0 "$CLINICQ" optimize "$INI" --json -o "$tmp/opt.xlsx"
"$PYTHON3" - "$tmp/out" "$tmp/opt.xlsx" <<'PY' || fail "the Optimization sheet disagrees with the JSON"
import json, sys, openpyxl
d = json.load(open(sys.argv[1]))
wb = openpyxl.load_workbook(sys.argv[2])
for name in ("Summary", "Roster", "Backlog", "Waits", "Roles", "Optimization"):
    assert name in wb.sheetnames, (name, wb.sheetnames)
ws = wb["Optimization"]
cells = {}
rows = list(ws.iter_rows(values_only=True))
for row in rows:
    if row and isinstance(row[0], str):
        cells[row[0]] = row[1:]
def near(a, b):
    return abs(a - b) <= 0.01 * max(1.0, abs(b))
assert near(cells["Recommended cost per week"][0], d["roster_cost_per_week"]), cells["Recommended cost per week"]
assert near(cells["Cost as written"][0], d["baseline_cost_per_week"])
# A saving when the answer costs less than the roster as written, else the
# extra cost (an under-staffed baseline), always as a positive amount.
diff = d["baseline_cost_per_week"] - d["roster_cost_per_week"]
label = "Saving per week" if diff >= 0 else "Extra cost per week"
assert near(cells[label][0], abs(diff)), (label, cells.get(label))
# The roster table: shift, role, as written, recommended, ...
for shift, staff in d["roster"].items():
    row = [r for r in rows if r and r[0] == shift]
    assert row and row[0][3] == staff, (shift, staff, row)
# One row per iteration, numbered from 1.
numbered = [r for r in rows if r and isinstance(r[0], (int, float)) and isinstance(r[1], str)
            and r[1] in ("first", "cut", "remove", "move", "replace", "more", "confirm", "trim")]
assert len(numbered) == len(d["iterations"]), (len(numbered), len(d["iterations"]))
PY
finish
