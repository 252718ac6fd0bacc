#!/bin/sh
# sweep.sh — clinicq sweep: grid order, zip, the same JSON with -j 1, -j 2 and
# more threads than points, every point checked before work, CSV and workbook;
# action = optimize: each point's roster, its cost and feasible in the table,
# points.csv and the Sweep sheet.
. "$top_srcdir/tests/setup.sh"

strip() { "$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("timing"); print(json.dumps(d, sort_keys=True))' "$1"; }
SW="$SCN/portal_sweep.ini"
FAST="--set scenario.weeks=3 -r 3"

# -j 1 and -j 2 print the same points.
for j in 1 2; do
	"$CLINICQ" sweep "$SW" $FAST --json -j $j > "$tmp/j$j.json" 2>"$tmp/err" || fail "sweep -j $j failed: $(cat "$tmp/err")"
	strip "$tmp/j$j.json" > "$tmp/j$j"
done
cmp -s "$tmp/j1" "$tmp/j2" || fail "sweep -j 1 and -j 2 differ"
[ -s "$tmp/err" ] && fail "progress or noise on stderr when it is not a terminal: $(head -c 200 "$tmp/err")"

# Grid order: the first vary outermost; every point has the keys of run.
"$PYTHON3" - "$tmp/j1.json" <<'PY' || fail "points not in grid order or lacking run keys"
import json, sys
d = json.load(open(sys.argv[1]))
p = d["points"]
assert len(p) == 9, len(p)
want = [(v, c) for v in ("1400", "1610", "1820") for c in ("2000", "5000", "10000")]
got = [(x["overrides"]["stream.portal.per_week"], x["overrides"]["escalation.cost_missed_acute"]) for x in p]
assert got == want, got
for x in p:
    for k in ("scenario", "seed", "replications", "events", "classes", "roles", "safety", "cost_per_week", "warnings"):
        assert k in x, k
assert "timing" in d and "timing" not in p[0]
# more volume, more messages
assert p[6]["classes"]["routine"]["arrived"]["mean"] > p[0]["classes"]["routine"]["arrived"]["mean"]
PY

# A point equals `run` with the same overrides.
"$CLINICQ" run "$SW" $FAST --set stream.portal.per_week=1610 --set escalation.cost_missed_acute=5000 --json > "$tmp/run.json"
"$PYTHON3" - "$tmp/run.json" "$tmp/j1.json" <<'PY' || fail "point 5 differs from run with its overrides"
import json, sys
r = json.load(open(sys.argv[1])); r.pop("timing"); r.pop("version"); r.pop("overrides")
p = json.load(open(sys.argv[2]))["points"][4]; p.pop("overrides")
assert r == p
PY

# zip, and more threads than points (threads go to replications).
sed -e 's/^mode = grid/mode = zip/' -e 's/^vary = escalation.*/vary = escalation.cost_missed_acute: 2000, 5000, 10000/' "$SW" > "$tmp/zip.ini"
for j in 1 4; do
	"$CLINICQ" sweep "$tmp/zip.ini" $FAST --json -j $j > "$tmp/z$j.json" || fail "zip sweep -j $j failed"
	strip "$tmp/z$j.json" > "$tmp/z$j"
done
cmp -s "$tmp/z1" "$tmp/z4" || fail "zip sweep -j 1 and -j 4 differ"
json_check "$tmp/z1.json" "zip points" \
    '[x["overrides"]["stream.portal.per_week"] for x in d["points"]] == ["1400", "1610", "1820"]' \
    'd["points"][2]["overrides"]["escalation.cost_missed_acute"] == "10000"'

# A bad value at one point: exit 2 before any work, naming the point and key.
line=$(grep -n '^vary = stream.portal' "$SW" | cut -d: -f1)
sed 's/1400, 1610, 1820/1400, -5, 1820/' "$SW" > "$tmp/bad.ini"
expect_exit 2 "$CLINICQ" sweep "$tmp/bad.ini" --json --db "$tmp/bad.sqlite"
expect_err "bad.ini:$line: point 4 (stream.portal.per_week=-5): "
expect_err "cannot be negative"
[ -s "$tmp/out" ] && fail "output despite a bad point"
[ -e "$tmp/bad.sqlite" ] && fail "a results file was made despite a bad point"
line=$(grep -n '^vary = escalation' "$SW" | cut -d: -f1)
sed 's/2000, 5000, 10000/2000, 5000, zero/' "$SW" > "$tmp/bad2.ini"
expect_exit 2 "$CLINICQ" sweep "$tmp/bad2.ini"
expect_err "bad2.ini:$line: point 3 (escalation.cost_missed_acute=zero): "

# Scenario and usage errors.
expect_exit 2 "$CLINICQ" sweep "$SCN/portal_inbox.ini"
expect_err "no [sweep] section"
# action = optimize: the staff each point needs.  For an M/M/c queue that is
# the Erlang C minimum (clinicq erlang): 7, 9 and 11 agents at 30, 40, 50 calls
# an hour for 80% within 5 minutes.
cp "$SCN/mmc_check.ini" "$tmp/opt.ini"
printf '\n[sweep]\nvary = stream.calls.rate: 30/h, 40/h, 50/h\naction = optimize\n' >> "$tmp/opt.ini"
expect_exit 0 "$CLINICQ" sweep "$tmp/opt.ini" -j 2 --json --quiet
"$PYTHON3" - "$tmp/out" <<'PY' || fail "sweep action = optimize"
import json, sys
d = json.load(open(sys.argv[1]))
assert [p["roster"]["always"] for p in d["points"]] == [7, 9, 11], d["points"]
assert all(p["feasible"] for p in d["points"])
PY
# action = optimize in the table, points.csv and the Sweep sheet: per point
# the recommended roster's cost, feasible and the staff per shift, as in the
# JSON.  A late shift of at most 1 cannot meet the targets (the best found,
# feasible no); without portal messages msg has no items (no verdict, not a
# target in the table's count).
# late staff 1 as written: a max of 1 must hold it (staff outside min..max is an error).
sed "/^\[shift late\]/,/^\[/ s/^staff = 2/staff = 1/" "$top_srcdir/tests/opt/three_shifts.ini" >"$tmp/opt3.ini"
printf '\n[sweep]\nvary = shift.late.max: 1, 4\nvary = stream.portal.per_week: 0, 300\naction = optimize\n' >> "$tmp/opt3.ini"
expect_exit 0 "$CLINICQ" sweep "$tmp/opt3.ini" -j 2 --json --quiet
cp "$tmp/out" "$tmp/opt3.json"
expect_exit 0 "$CLINICQ" sweep "$tmp/opt3.ini" -j 2 --quiet --csv "$tmp/opt3csv" -o "$tmp/opt3.xlsx"
cp "$tmp/out" "$tmp/opt3.txt"
PYTHONPATH="$top_srcdir/tests" "$PYTHON3" - "$tmp/opt3.json" "$tmp/opt3.txt" "$tmp/opt3csv/points.csv" "$tmp/opt3.xlsx" <<'PY' || fail "sweep action = optimize: table, CSV or sheet disagree with the JSON"
import csv, json, sys
d = json.load(open(sys.argv[1]))["points"]
shifts = ["early", "late", "night"]
assert [p["feasible"] for p in d] == [False, False, True, True], [p["feasible"] for p in d]
assert [p["classes"]["msg"]["met"] for p in d][0::2] == ["n/a", "n/a"]
yn = lambda b: "yes" if b else "no"
# The table: point, the varied keys, a column per shift, roster/week, feasible, ...
lines = open(sys.argv[2]).read().splitlines()
head = next(l for l in lines if l.lstrip().startswith("point")).split()
assert head[:8] == ["point", "shift.late.max", "stream.portal.per_week", "early", "late",
                    "night", "roster/week", "feasible"], head
rows = [l.split() for l in lines if l[:5].strip().isdigit()]
assert len(rows) == len(d), rows
for p, r in zip(d, rows):
    assert r[1:3] == [p["overrides"]["shift.late.max"], p["overrides"]["stream.portal.per_week"]], r
    assert [int(x) for x in r[3:6]] == [p["roster"][s] for s in shifts], (r, p["roster"])
    assert abs(float(r[6]) - p["roster_cost_per_week"]) <= 0.005, (r, p["roster_cost_per_week"])
    assert r[7] == yn(p["feasible"]), r
    # the targets by name: a class without items (msg without portal) is no target
    met = [c for c, x in p["classes"].items() if x["met"] == "confident"]
    missed = [c for c, x in p["classes"].items() if x["met"] == "no"]
    want = "; ".join(w + ": " + ", ".join(n) for w, n in (("met", met), ("missed", missed)) if n)
    assert " ".join(r).endswith("  ".join(["", want]).strip()), (r, want)
# points.csv: the same columns after the varied keys.
with open(sys.argv[3]) as f:
    c = list(csv.DictReader(f))
hdr = list(c[0].keys())
assert hdr[:8] == ["point", "shift.late.max", "stream.portal.per_week", "roster_cost_per_week",
                   "feasible", "roster.early", "roster.late", "roster.night"], hdr
for p, r in zip(d, c):
    assert float(r["roster_cost_per_week"]) == p["roster_cost_per_week"], r
    assert r["feasible"] == yn(p["feasible"]), r
    assert [int(r["roster." + s]) for s in shifts] == [p["roster"][s] for s in shifts], r
    assert r["msg.met"] == p["classes"]["msg"]["met"], r
# The Sweep sheet: the optimizer's answer first, the cost as money, feasible
# coloured, verdicts in words.
import openpyxl
from sweep_xlsx import columns, series_cells
ws = openpyxl.load_workbook(sys.argv[4])["Sweep"]
cols = columns(ws)
R, S = "optimizer's roster", "optimizer's staff per shift"
for k in ((R, "roster cost per week"), (R, "meets every target"), (S, "early"), (S, "late"), (S, "night")):
    assert k in cols, (k, cols)
assert cols[(R, "roster cost per week")] == 4 and cols[(S, "night")] == 8, cols
words = {"confident": "met", "on_average": "met on average", "no": "missed", "n/a": "n/a"}
for i, p in enumerate(d):
    r = 4 + i
    assert ws.cell(r, cols[(R, "roster cost per week")]).value == p["roster_cost_per_week"]
    assert ws.cell(r, cols[(R, "roster cost per week")]).number_format == "#,##0"
    f = ws.cell(r, cols[(R, "meets every target")])
    assert f.value == yn(p["feasible"]), f.value
    assert (f.fill.fgColor.rgb or "")[-6:] == ("C6EFCE" if p["feasible"] else "FFC7CE"), f.fill.fgColor.rgb
    assert [ws.cell(r, cols[(S, s)]).value for s in shifts] == [p["roster"][s] for s in shifts]
    v = ws.cell(r, cols[("class msg", "verdict")])
    assert v.value == words[p["classes"]["msg"]["met"]], v.value
    if v.value == "n/a":
        assert (v.fill.fgColor.rgb or "00000000")[-6:] not in ("C6EFCE", "FFEB9C", "FFC7CE"), "n/a coloured as a verdict"
# Without portal messages msg has no share within target: a gap in its line,
# not a 0 (shift.late.max varies along the axis, the portal volume by chart).
wb = openpyxl.load_workbook(sys.argv[4])
att = [c for c in wb["Sweep charts"]._charts if c.title.tx.rich.p[0].r[0].t.startswith("Within target")]
assert len(att) == 2, len(att)
for c, portal in zip(att, (0, 300)):
    msg = next(s for s in c.series if s.tx.v == "msg")
    vals = [x.value for x in series_cells(wb, msg)]
    assert (vals == [None, None]) if portal == 0 else all(v is not None for v in vals), (portal, vals)
PY
expect_exit 2 "$CLINICQ" sweep "$SW" --resume
expect_err "--resume needs --db"
expect_exit 2 "$CLINICQ" run "$SW" --db "$tmp/x.sqlite"
expect_err "option of 'clinicq sweep'"
# An unwritable output is found before any point is computed (and nothing made).
expect_exit 1 "$CLINICQ" sweep "$SW" -o "$tmp/no/such/dir/x.xlsx" --db "$tmp/early.sqlite"
expect_err "cannot create a file here"
[ -e "$tmp/early.sqlite" ] && fail "a results file was made although an output cannot be written"
expect_exit 0 "$CLINICQ" sweep --help
expect_out "--db FILE.sqlite"

# The table, points.csv and the workbook's Sweep sheet.
expect_exit 0 "$CLINICQ" sweep "$SW" $FAST -j 2 --csv "$tmp/csv" -o "$tmp/sweep.xlsx"
expect_out "9 points (grid)"
[ "$(wc -l < "$tmp/csv/points.csv")" = 10 ] || fail "points.csv should have a header and 9 rows"
head -1 "$tmp/csv/points.csv" | grep -q '^point,stream.portal.per_week,escalation.cost_missed_acute,.*cost.total' \
	|| fail "points.csv header: $(head -1 "$tmp/csv/points.csv")"
if "$PYTHON3" -c 'import openpyxl' 2>/dev/null; then
	"$PYTHON3" - "$tmp/sweep.xlsx" <<'PY' || fail "the Sweep sheet is wrong"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Sweep"]
assert ws.cell(row=3, column=1).value == "Point"
assert ws.cell(row=4, column=1).value == 1 and ws.cell(row=12, column=1).value == 9
assert ws.freeze_panes == "D4", ws.freeze_panes
assert ws.auto_filter.ref is not None
assert len(wb["Sweep charts"]._charts) >= 3
PY
fi
# A point that fails stops the points in flight on the other threads: the
# first point (10 replications of ten years at 50,000 a week: minutes of
# work) is cut short when the second, a roster that cannot keep up, fails
# within a second; the sweep exits with that point's error long before the
# first would have finished (a 60 s guard, not a timing).
cat >"$tmp/failfast.ini" <<'INI'
[scenario]
weeks = 520
warmup = 0
replications = 10
max_waiting = 5000
[stream s]
per_week = 50000
classes = k
[class k]
mode = async
service = exp(5min)
[role r]
serves = k
[shift a]
role = r
start = 00:00
end = 24:00
staff = 40
[sweep]
vary = stream.s.per_week: 50000, 190000
INI
set +e
timeout 60 "$CLINICQ" sweep "$tmp/failfast.ini" -j 2 --quiet >"$tmp/out" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 2 ] || fail "a failing point did not stop the sweep's other point (exit $got)"
# The error names the point whose run failed, as a point that does not load does.
expect_err "failfast.ini: point 2 (stream.s.per_week=190000): more than 5000 items wait or are in hand at once"
# No point starts after one failed: the first of eight points (one person for
# 50,000 a week) fails within a second; the seven others (ten years of 50,000
# a week, eight replications: some 18 s of work each, over a minute together
# on two threads)
# are not run, so the sweep ends long before them (a 30 s guard, not a timing;
# it takes about a second).
sed -e 's/^replications = 10$/replications = 8/' \
    -e 's/^vary = .*/vary = shift.a.staff: 1, 40, 41, 42, 43, 44, 45, 46/' \
    "$tmp/failfast.ini" >"$tmp/first.ini"
grep -q '^vary = shift.a.staff' "$tmp/first.ini" || fail "first.ini was not made"
expect_exit 2 timeout 30 "$CLINICQ" sweep "$tmp/first.ini" -j 2 --quiet
expect_err "first.ini: point 1 (shift.a.staff=1): more than 5000 items wait"
finish
