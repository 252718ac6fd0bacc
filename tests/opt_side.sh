#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_side.sh — optimize puts the roster as written beside the recommendation:
# JSON "baseline" (roster, cost, verdicts) and "changes" (from, to, why: the
# saving, or the target and hours a measured simulation missed without the
# rise, and any stretch the cut leaves with nobody on duty); the text's
# side-by-side table, changes and shift table (days, hours, on call), its
# iterations only with --verbose; the Optimization sheet's comparison,
# changes and iteration rows (text wrapped apart from the numbers, a header
# repeated on every page); the coverage grid's on-call cells.
. "$top_srcdir/tests/setup.sh"
INI="$top_srcdir/tests/opt/three_shifts.ini"
"$PYTHON3" -c 'import openpyxl' 2>/dev/null || { echo "no openpyxl: skipped"; exit 77; }
# A call target of 60% lets the night go (its 16% of calls unserved) and
# needs a third early nurse instead.
S="--set scenario.currency=EUR --set class.call.target=60%<=10min --set class.msg.target=80%<=1d"

# shellcheck disable=SC2086
expect_exit 0 "$CLINICQ" optimize "$INI" $S --json -o "$tmp/opt.xlsx"
cp "$tmp/out" "$tmp/opt.json"
"$PYTHON3" - "$tmp/opt.json" <<'PY' || fail "optimize --json: baseline and changes"
import json, sys
d = json.load(open(sys.argv[1]))
b = d["baseline"]
assert b["roster"] == d["baseline_roster"] == {"early": 2, "late": 2, "night": 1}, b["roster"]
assert abs(b["cost_per_week"] - d["baseline_cost_per_week"]) < 1e-9
assert set(b["classes"]) == set(d["classes"]), b["classes"]
for c in b["classes"].values():
    assert set(c) == {"attainment", "met"} and set(c["attainment"]) == {"mean", "lo", "hi"}, c
assert set(b["safety"]) == {"miss_rate", "met"}, b["safety"]
# The baseline's verdicts are those of its own simulation on the search's seed.
it = [i for i in d["iterations"] if i["phase"] == "baseline"][0]
assert b["classes"]["call"]["attainment"] == it["targets"]["call"]["attainment"], (b, it)
assert b["seed"] == it["seed"] == d["seed"]
# One change per shift whose staff changed, from the roster as written to the answer.
changed = {k for k in d["roster"] if d["roster"][k] != d["baseline_roster"].get(k, 0)}
assert {c["shift"] for c in d["changes"]} == changed, (changed, d["changes"])
ch = {c["shift"]: c for c in d["changes"]}
for k, c in ch.items():
    assert c["from"] == d["baseline_roster"][k] and c["to"] == d["roster"][k], c
assert d["roster"] == {"early": 3, "late": 2, "night": 0}, d["roster"]
# The cut: its saving with the currency, and the night it leaves uncovered.
night = ch["night"]
assert night["why"].startswith("saves 2800.00 EUR a week; every target still met"), night["why"]
assert "leaves nobody on duty every day 21:00 - 07:00 the next day for call" in night["why"], night["why"]
assert {o["class"] for o in night["opens"]} == {"call", "msg"}, night["opens"]
assert all(o["when"] == "every day 21:00 - 07:00 the next day" and 0.1 < o["share"] < 0.2
           for o in night["opens"]), night["opens"]
# The rise: the target, a simulation without it that missed it, and the hours.
early = ch["early"]["why"]
assert early.startswith("call 60% <= 10 min: without this rise (simulation "), early
n = int(early.split("simulation ")[1].split(",")[0])
f = d["iterations"][n - 1]
assert not f["all_met"] and f["roster"]["early"] < 3, f
assert all(f["roster"][k] <= d["roster"][k] for k in d["roster"]), f["roster"]
att = float(early.split(", ")[1].split("%")[0])
assert abs(att - 100 * f["targets"]["call"]["attainment"]["mean"]) < 0.051, (att, f["targets"])
assert f["targets"]["call"]["met"] != "confident"
assert "misses a week every day 07:00-15:00; costs 1680.00 EUR a week" in early, early
assert ch["early"]["opens"] == [], ch["early"]
PY

# A shift whose staff differs by day: from and to by day, as the roster; a
# rise on one day and cuts on others that cost less in all save, never cost
# a negative amount.
expect_exit 0 "$CLINICQ" optimize "$top_srcdir/tests/opt/by_day.ini" --json
"$PYTHON3" - "$tmp/out" <<'PY' || fail "optimize --json: changes of a shift by day"
import json, sys
d = json.load(open(sys.argv[1]))
ch = {c["shift"]: c for c in d["changes"]}
assert ch and set(ch) == {k for k in d["roster"] if d["roster"][k] != d["baseline_roster"][k]}, ch
for k, c in ch.items():
    assert c["from"] == d["baseline_roster"][k] and c["to"] == d["roster"][k], c
    assert "costs -" not in c["why"] and "saves -" not in c["why"], c["why"]
assert any(isinstance(c["from"], dict) or isinstance(c["to"], dict) for c in ch.values()), ch
PY

# Text: side by side, the changes, the shift table; iterations on --verbose.
# shellcheck disable=SC2086
expect_exit 0 "$CLINICQ" optimize "$INI" $S
expect_out "as written and recommended, simulated on the search's seed"
expect_out "changes (as written -> recommended) and why:"
expect_out "night            1 -> 0: saves 2800.00 EUR a week"
expect_out "cost per week                      9520.00 EUR"
expect_out "simulations ran; --verbose lists them here"
"$PYTHON3" - "$tmp/out" "$tmp/opt.json" <<'PY' || fail "optimize text: the side-by-side table or the shift table"
import json, sys
text = open(sys.argv[1]).read()
d = json.load(open(sys.argv[2]))
lines = text.splitlines()
for name, c in d["classes"].items():
    row = [l for l in lines if l.strip().startswith(name + " ") and "<=" in l and "met" in l]
    assert row, name
    b = d["baseline"]["classes"][name]["attainment"]["mean"]
    a = c["attainment"]["mean"]
    assert "%.1f%%" % (100 * b) in row[0] and "%.1f%%" % (100 * a) in row[0], row[0]
head = [l for l in lines if l.startswith("shift ")][0].split()
assert head[:4] == ["shift", "role", "days", "hours"], head
night = [l for l in lines if l.startswith("night ")][0]
assert "every day" in night and "21:00-07:00+1" in night, night
assert "\niterations:\n" not in text
PY
# shellcheck disable=SC2086
expect_exit 0 "$CLINICQ" optimize "$INI" $S --verbose
expect_out "iterations:"
grep -q "simulations ran; --verbose" "$tmp/out" && fail "--verbose still says to use --verbose"
"$CLINICQ" optimize --help | grep -q -- "--verbose            every simulation the search ran in the text" ||
	fail "optimize --help lacks --verbose"

# No roster meets the targets: the changes lead to the best found, never
# called recommended.
B="--set shift.early.max=1 --set shift.late.max=1 --set shift.night.max=1 --set shift.early.staff=1 --set shift.late.staff=0 --set shift.night.staff=0"
# shellcheck disable=SC2086
expect_exit 3 "$CLINICQ" optimize "$INI" $B
expect_out "changes (as written -> best found) and why:"
expect_out "as written and best found, simulated on the search's seed"
grep -q "as written -> recommended" "$tmp/out" && fail "the best found called recommended"

# The workbook: the comparison, the changes and the iterations as the JSON.
"$PYTHON3" - "$tmp/opt.json" "$tmp/opt.xlsx" <<'PY' || fail "the Optimization sheet: comparison, changes, iterations"
import json, sys, openpyxl
d = json.load(open(sys.argv[1]))
ws = openpyxl.load_workbook(sys.argv[2])["Optimization"]
rows = list(ws.iter_rows(values_only=True))
hr = next(i for i, r in enumerate(rows) if r[:5] == ("Target", "As written", "Verdict", "Recommended", "Verdict"))
call = rows[hr + 1]
assert call[0] == "call 60% <= 10 min", call
assert abs(call[1] - d["baseline"]["classes"]["call"]["attainment"]["mean"]) < 1e-9, call
assert abs(call[3] - d["classes"]["call"]["attainment"]["mean"]) < 1e-9, call
assert call[2] == "met" and call[4] == "met", call
cost = next(r for r in rows[hr:] if r[0] == "Cost per week, EUR")
assert abs(cost[1] - d["baseline_cost_per_week"]) < 0.01 and abs(cost[3] - d["roster_cost_per_week"]) < 0.01
hc = next(i for i, r in enumerate(rows) if r[:4] == ("Shift", "As written", "Recommended", "Why"))
for k, c in enumerate(d["changes"]):
    r = rows[hc + 1 + k]
    assert (r[0], r[1], r[2], r[3]) == (c["shift"], str(c["from"]), str(c["to"]), c["why"]), (r, c)
# Iterations: the text in A (roster and note), the figures after it; one row each.
hi = next(i for i, r in enumerate(rows) if r[2] == "#")
assert rows[hi][0].startswith("Roster (what differs from as written)"), rows[hi]
for k, it in enumerate(d["iterations"]):
    r = rows[hi + 1 + k]
    assert r[2] == k + 1 and r[3] == it["phase"], (k, r)
    assert isinstance(r[0], str) and not r[0][0].isdigit(), r[0]
    if it["note"]:
        assert r[0].endswith("; " + it["note"]), (r[0], it["note"])
first = rows[hi + 1][0]
assert first.startswith("as written"), first
assert ws.print_title_rows == "$%d:$%d" % (hi + 1, hi + 1), ws.print_title_rows
assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth in (1, None)
assert ws.sheet_properties.pageSetUpPr.fitToPage
# One page wide at a readable size: the columns add up to under 190 characters.
width = sum(ws.column_dimensions[c].width for c in ws.column_dimensions)
assert width < 190, width
PY

# On-call cells in the coverage grid: never a bare number like on-site staff.
expect_exit 0 "$CLINICQ" run "$INI" --set shift.night.on_call=yes -r 2 -o "$tmp/call.xlsx"
"$PYTHON3" - "$tmp/call.xlsx" <<'PY' || fail "the coverage grid shows on-call persons as on-site staff"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Roster"]
g = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("nurse on duty"))
cell = lambda h: ws.cell(g + 2 + h, 2)
assert cell(3).value == "1 on call", cell(3).value          # night only
assert cell(10).value == 2, cell(10).value                  # early only, on site
assert cell(22).value == "1 on call", cell(22).value
assert cell(3).fill.fgColor.rgb.endswith("DDEBF7"), cell(3).fill.fgColor.rgb
texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
assert any(t.startswith("On call: a shift with on_call = yes") for t in texts)
PY
finish
