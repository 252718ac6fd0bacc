#!/bin/sh
# sweep_xlsx.sh — the sweep's workbook and table for people: readable column
# headers under group headers (no internal KEY.MEASURE names), the point and
# its varied values on every printed page (repeated columns and header rows,
# frozen), page breaks between groups, verdicts in words; the Sweep charts
# sheet charts each class's share within target, the acute cases missed and
# the cost against the first varied value (axes from 0); the table names the
# targets met and missed at each point.  points.csv keeps its analysts' names.
. "$top_srcdir/tests/setup.sh"

SW="$SCN/portal_sweep.ini"
expect_exit 0 "$CLINICQ" sweep "$SW" --set scenario.weeks=3 -r 3 -j 2 -o "$tmp/s.xlsx" \
    --csv "$tmp/csv"
cp "$tmp/out" "$tmp/s.txt"
expect_exit 0 "$CLINICQ" sweep "$SW" --set scenario.weeks=3 -r 3 -j 2 --json
cp "$tmp/out" "$tmp/s.json"

PYTHONPATH="$top_srcdir/tests" "$PYTHON3" - "$tmp/s.xlsx" "$tmp/s.json" "$tmp/s.txt" \
    "$tmp/csv/points.csv" <<'PY' || fail "the sweep's workbook or table"
import json, sys
import openpyxl
from sweep_xlsx import columns, series_sources

wb = openpyxl.load_workbook(sys.argv[1])
d = json.load(open(sys.argv[2]))["points"]
text = open(sys.argv[3]).read().splitlines()
assert wb.sheetnames == ["Sweep", "Sweep charts"], wb.sheetnames
ws = wb["Sweep"]
cols = columns(ws)
heads = [ws.cell(3, k).value for k in range(1, ws.max_column + 1)]
# Readable headers: no KEY.MEASURE or snake_case names (the CSV keeps those).
for h in heads:
    assert h and "." not in h and "_" not in h, h
assert heads[:3] == ["Point", "stream portal per week", "escalation cost missed acute"], heads
for g in ("what varies", "cost", "safety", "class routine", "class clinical", "role rn"):
    assert any(k[0] == g for k in cols), (g, sorted(set(k[0] for k in cols)))
for c in ("routine", "clinical", "red_flag", "callback"):
    for h in ("within target (%)", "95% CI low", "95% CI high", "verdict"):
        assert ("class " + c, h) in cols, (c, h)
# An async class shows its time to an answer, a sync one its wait.
assert ("class clinical", "answered p90") in cols
assert ("class callback", "wait p90") in cols
assert ("class callback", "answered p90") not in cols
assert ("cost", "per week") in cols and ("safety", "acute cases missed (%)") in cols
words = {"confident": "met", "on_average": "met on average", "no": "missed", "n/a": "n/a"}
for i, p in enumerate(d):
    r = 4 + i
    assert ws.cell(r, 2).value == int(p["overrides"]["stream.portal.per_week"])
    for c, x in p["classes"].items():
        assert abs(ws.cell(r, cols[("class " + c, "within target (%)")]).value -
                   x["attainment"]["mean"]) < 1e-9, (c, i)
        assert ws.cell(r, cols[("class " + c, "verdict")]).value == words[x["met"]], (c, i)
    assert abs(ws.cell(r, cols[("safety", "acute cases missed (%)")]).value -
               p["safety"]["miss_rate"]["mean"]) < 1e-9
# Printing: the point and the varied values on every page, the two header
# rows at the top of each, frozen; landscape; breaks only between groups.
assert ws.freeze_panes == "D4", ws.freeze_panes
assert ws.print_title_cols == "$A:$C", ws.print_title_cols
assert ws.print_title_rows == "$2:$3", ws.print_title_rows
assert ws.page_setup.orientation == "landscape"
brk = [b.id for b in ws.col_breaks.brk]
assert brk, "a sheet this wide has page breaks"
starts = {k for k in range(1, ws.max_column + 1) if ws.cell(2, k).value is not None}
for b in brk:   # a break after column b (0-based id): column b + 1 starts a group
    assert b + 1 in starts, (b, ws.cell(3, b + 1).value)
# A page holds a class group whole: two groups a page after the first.
assert len(brk) <= 3, brk
# Charts of what moves: within target, a line per class; acute cases missed
# and cost, axes from 0.
ch = wb["Sweep charts"]._charts
assert len(ch) >= 3, len(ch)
titles = [c.title.tx.rich.p[0].r[0].t for c in ch]
att = [c for c, t in zip(ch, titles) if t.startswith("Within target")]
assert len(att) == 3, titles           # one per cost_missed_acute
want = {cols[("class " + c, "within target (%)")] for c in ("routine", "clinical", "red_flag", "callback")}
for c in att:
    src = series_sources(wb, c)
    assert len(src) == 4 and set().union(*src) == want, (src, want)
    assert c.y_axis.scaling.min == 0 and c.y_axis.scaling.max == 1
safety = [c for c, t in zip(ch, titles) if t == "Acute cases missed"]
cost = [c for c, t in zip(ch, titles) if t == "Cost per week"]
assert len(safety) == 1 and len(cost) == 1, titles
assert set().union(*series_sources(wb, safety[0])) == {cols[("safety", "acute cases missed (%)")]}
assert len(safety[0].series) == 3
assert cost[0].y_axis.scaling.min == 0, "a cost axis that does not start at 0 exaggerates"
assert set().union(*series_sources(wb, cost[0])) == {cols[("cost", "per week")]}
# The table names the targets met and missed at each point.
head = next(l for l in text if l.lstrip().startswith("point"))
assert head.split()[-1] == "targets" and "acute missed" in head, head
rows = [l for l in text if l[:5].strip().isdigit()]
assert len(rows) == len(d)
names = {"confident": "met", "on_average": "met on average", "no": "missed"}
for p, l in zip(d, rows):
    parts = []
    for code, word in names.items():
        who = [c for c, x in p["classes"].items() if x["met"] == code]
        if p["safety"].get("met") == code:
            who.append("safety")
        if who:
            parts.append(word + ": " + ", ".join(who))
    assert l.endswith("  " + "; ".join(parts)), (l, parts)
    assert "of 4" not in l
# points.csv keeps the analysts' names.
hdr = open(sys.argv[4]).readline().strip().split(",")
assert "clinical.attainment_mean" in hdr and "safety.miss_rate_mean" in hdr, hdr
PY

# One varied key: a chart of each kind, a line per class in the one
# within-target chart; a narrow sheet prints one page wide, no breaks.
sed 's/^vary = escalation.*//' "$SW" > "$tmp/one.ini"
expect_exit 0 "$CLINICQ" sweep "$tmp/one.ini" --set scenario.weeks=2 -r 2 -o "$tmp/one.xlsx"
PYTHONPATH="$top_srcdir/tests" "$PYTHON3" - "$tmp/one.xlsx" <<'PY' || fail "a sweep of one key: its charts"
import sys
import openpyxl
from sweep_xlsx import columns, series_sources
wb = openpyxl.load_workbook(sys.argv[1])
ch = wb["Sweep charts"]._charts
assert len(ch) == 3, len(ch)
assert len(ch[0].series) == 4 and all(len(s.series) == 1 for s in ch[1:])
assert wb["Sweep"].print_title_cols == "$A:$B"
PY
finish
