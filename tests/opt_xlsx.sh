#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_xlsx.sh — `optimize -o`: the workbook has the run's sheets plus an
# Optimization sheet whose figures are the JSON's (recommended and baseline
# cost, saving, the roster side by side, one row per iteration); its Summary,
# Roster sheet and coverage grid are of the recommended (or best found) roster,
# with the roster as written beside it; a class without items reads "n/a".
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
# (the roster and note first, in A, then "#" and the phase)
numbered = [r for r in rows if r and isinstance(r[2], (int, float)) and isinstance(r[3], str)
            and r[3] in ("baseline", "first", "cut", "remove", "move", "replace", "pair", "more", "max",
                        "confirm", "trim")]
assert len(numbered) == len(d["iterations"]), (len(numbered), len(d["iterations"]))
PY

# The Roster sheet and its coverage grid show the recommended roster, with the
# roster as written beside it; the Summary says which roster it shows.  The
# scenario's staff as written: early 2, late 2, night 1.
roster_check() {   # JSON WORKBOOK FEASIBLE(1|0)
	"$PYTHON3" - "$1" "$2" "$3" <<'PY'
import json, sys, openpyxl
d = json.load(open(sys.argv[1]))
feasible = sys.argv[3] == "1"
wb = openpyxl.load_workbook(sys.argv[2])
vals = openpyxl.load_workbook(sys.argv[2], data_only=True)
written = d["baseline_roster"]   # the roster as written (with any --set)
hours = {"early": 8, "late": 8, "night": 10}
assert d["feasible"] is feasible, d["feasible"]
assert d["roster"] != written, "the test needs a roster unlike the one written"
ws, wv = wb["Roster"], vals["Roster"]
head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Shift")
cols = {ws.cell(head, c).value: c for c in range(1, ws.max_column + 1) if ws.cell(head, c).value}
staff = cols["Recommended staff" if feasible else "Staff of the best roster found"]
for k in ("Staff as written", "Cost per week", "Cost per week as written", "Change in cost per week"):
    assert k in cols, (k, cols)
near = lambda a, b: abs(a - b) <= 1e-6 * max(1.0, abs(b))
rows = {}
for r in range(head + 1, head + 1 + len(written)):
    rows[ws.cell(r, 1).value] = r
assert set(rows) == set(d["roster"]), rows
for shift, r in rows.items():
    assert ws.cell(r, staff).value == d["roster"][shift], (shift, ws.cell(r, staff).value)
    assert ws.cell(r, cols["Staff as written"]).value == written[shift], shift
total = head + 1 + len(written)
assert ws.cell(total, 1).value == "Total"
assert near(wv.cell(total, cols["Cost per week"]).value, d["roster_cost_per_week"]), \
    (wv.cell(total, cols["Cost per week"]).value, d["roster_cost_per_week"])
assert near(wv.cell(total, cols["Cost per week as written"]).value, d["baseline_cost_per_week"])
assert near(wv.cell(total, cols["Change in cost per week"]).value,
            d["roster_cost_per_week"] - d["baseline_cost_per_week"])
assert wv.cell(total, staff).value == sum(d["roster"].values())
assert wv.cell(total, cols["Staff as written"]).value == sum(written.values())
title = ws.cell(1, 1).value
assert title.startswith("Roster: recommended" if feasible else "Roster: best found (does not meet the targets)"), title
# The coverage grid from the recommended staff: early 07-15, late 13-21,
# night 21-07, every day; Monday's column.
g = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("nurse on duty"))
assert ws.cell(g + 1, 2).value == "Mon"
want = {h: 0 for h in range(24)}
for shift, (a, b) in {"early": (7, 15), "late": (13, 21), "night": (21, 31)}.items():
    for h in range(a, b):
        want[h % 24] += d["roster"][shift]
for h in range(24):
    assert ws.cell(g + 2 + h, 1).value == "%02d:00" % h
    got = ws.cell(g + 2 + h, 2).value or 0
    assert got == want[h], (h, got, want[h])
# The Summary names the roster it shows, and the roster cost is the JSON's.
s = wb["Summary"]
texts = [c.value for row in s.iter_rows() for c in row if isinstance(c.value, str)]
if feasible:
    assert "Recommended roster" in texts, texts[:6]
else:
    assert "Best found (does not meet the targets)" in texts, texts[:6]
    assert not any("recommend" in t.lower() for t in texts), "an infeasible Summary says recommended"
line = next(t for t in texts if "for the roster as written" in t)
# ...and lists that roster, shift by shift, beside the roster as written.
h = next(r for r in range(1, s.max_row + 1) if s.cell(r, 1).value == "Shift")
assert [s.cell(h, k).value for k in range(1, 5)] == ["Shift", "Role",
    "Recommended" if feasible else "Best found", "As written"], h
listed = {}
for r in range(h + 1, h + 1 + len(written)):
    if s.cell(r, 1).value in written:
        listed[s.cell(r, 1).value] = (s.cell(r, 3).value, s.cell(r, 4).value)
want = {k: (d["roster"][k], written[k]) for k in written if d["roster"][k] or written[k]}
assert listed == want, (listed, want)
assert "{:,.0f}".format(d["roster_cost_per_week"]) in line and "{:,.0f}".format(d["baseline_cost_per_week"]) in line, line
# No "nan" anywhere, and a class without items has no verdict but "n/a".
for w in wb.worksheets:
    for row in w.iter_rows():
        for c in row:
            assert not (isinstance(c.value, float) and c.value != c.value), (w.title, c.coordinate)
            assert not (isinstance(c.value, str) and c.value.lower() == "nan"), (w.title, c.coordinate)
for name, c in d["classes"].items():
    if c["met"] == "n/a":
        r = next(r for r in range(1, s.max_row + 1) if s.cell(r, 1).value == name)
        assert "n/a" in [s.cell(r, k).value for k in range(2, 14)], name
        o = wb["Optimization"]
        hr = next(r for r in range(1, o.max_row + 1) if o.cell(r, 3).value == "#")
        col = next(k for k in range(1, o.max_column + 1) if o.cell(hr, k).value == name)
        assert all(o.cell(r, col).value == "n/a" for r in range(hr + 1, hr + 1 + len(d["iterations"]))), name
PY
}
roster_check "$tmp/out" "$tmp/opt.xlsx" 1 || fail "the Roster sheet of optimize -o is not the recommended roster"
# No roster within bounds of 1: the best found, said so.
B="--set shift.early.max=1 --set shift.late.max=1 --set shift.night.max=1 --set shift.early.staff=1 --set shift.late.staff=0 --set shift.night.staff=0"
expect_exit 3 "$CLINICQ" optimize "$INI" $B --json -o "$tmp/inf.xlsx"
roster_check "$tmp/out" "$tmp/inf.xlsx" 0 || fail "the Roster sheet of an infeasible optimize -o"
# A class with a target and no items (no portal messages): "n/a".
expect_exit 0 "$CLINICQ" optimize "$INI" --set stream.portal.per_week=0 --json -o "$tmp/na.xlsx"
"$PYTHON3" -c 'import json,sys; assert json.load(open(sys.argv[1]))["classes"]["msg"]["met"] == "n/a"' "$tmp/out" ||
	fail "the no-items case needs msg with met n/a"
roster_check "$tmp/out" "$tmp/na.xlsx" 1 || fail "a class without items in optimize -o"
# A plain run workbook shows the roster as written, without the optimizer's columns.
expect_exit 0 "$CLINICQ" run "$INI" -o "$tmp/run.xlsx"
"$PYTHON3" - "$tmp/run.xlsx" <<'PY' || fail "run -o: the Roster sheet changed"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Roster"]
assert ws.cell(1, 1).value == "Roster"
head = [ws.cell(3, c).value for c in range(1, 14)]
assert head[6] == "Staff" and head[12] == "Notes" and "Staff as written" not in head, head
assert [ws.cell(r, 7).value for r in (4, 5, 6)] == [2, 2, 1]
texts = [c.value for row in wb["Summary"].iter_rows() for c in row if isinstance(c.value, str)]
assert "Recommended roster" not in texts
PY
finish
