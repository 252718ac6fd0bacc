#!/bin/sh
# tests/units.sh — one figure, one unit, one population (doc/model.md "Open at
# end", doc/workbook.md "Conventions"): "open at end" is one figure in the
# JSON, the Summary, the Misses sheet and the text, and every measured item
# ends one way; counts read a week in the text and the workbook and say
# "per replication" in the CSV; a sync class's waits say they are of the
# answered, beside the share who gave up and the attainment of all arrivals;
# costs carry the currency; durations never read as clock times.
. "$(dirname "$0")/setup.sh"

"$PYTHON3" -c 'import openpyxl' 2>/dev/null ||
	{ echo "FAIL: python3-openpyxl is needed (setup.sh installs it)"; exit 1; }
HT="$SCN/hypertension_program.ini"      # sync bp_alert: patients give up
FAST="-r 3 --set scenario.weeks=3"

expect_exit 0 "$CLINICQ" run "$HT" $FAST --json --quiet
cp "$tmp/out" "$tmp/ht.json"
expect_exit 0 "$CLINICQ" run "$HT" $FAST -o "$tmp/ht.xlsx" --csv "$tmp/csv"
cp "$tmp/out" "$tmp/ht.txt"

"$PYTHON3" - "$tmp/ht.json" "$tmp/ht.xlsx" "$tmp/ht.txt" "$tmp/csv/measures.csv" <<'PY' || fail "units and populations (above)"
import csv, json, re, sys
import openpyxl
d = json.load(open(sys.argv[1]))
wb = openpyxl.load_workbook(sys.argv[2])
text = open(sys.argv[3]).read()
weeks = d["weeks"]
bad = []

# Every measured item ends one way: completed, abandoned, open at end, or an
# unreached call-back (a safety figure; the JSON rounds to 1e-7).
left = sum(c["arrived"]["mean"] - c["completed"]["mean"] - c["abandoned"]["mean"]
           - c["open_at_end"]["mean"] for c in d["classes"].values())
if abs(left - d["safety"]["unreached"]["mean"]) > 1e-5:
    bad.append(f"arrived - completed - abandoned - open_at_end = {left}, "
               f"unreached {d['safety']['unreached']['mean']}")
if any(c["waiting_at_end"] != c["open_at_end"] for c in d["classes"].values()):
    bad.append("the JSON has a second 'open at end': waiting_at_end is not open_at_end")

# Summary, Misses and text show the same open at end, a week.
ws = wb["Summary"]
h = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Class")
cols = {ws.cell(h, c).value: c for c in range(1, ws.max_column + 1)}
ms = wb["Misses"]
for name, c in d["classes"].items():
    r = next(r for r in range(h + 1, ws.max_row + 1) if ws.cell(r, 1).value == name)
    summ = ws.cell(r, cols["Open at end per week"]).value
    if abs(summ - c["open_at_end"]["mean"] / weeks) > 1e-6:
        bad.append(f"{name}: Summary open at end {summ}")
    if c["target"] is None or not sum(v["mean"] for v in c["miss_causes"].values()) > 0:
        continue
    m = re.search(rf"^  {name} +([0-9.]+) missed of ([0-9.]+) arrived: ([0-9.]+) no cover, "
                  r"([0-9.]+) queued, ([0-9.]+) abandoned, ([0-9.]+) open at end", text, re.M)
    if not m:
        bad.append(f"{name}: no misses-by-cause line a week in the text")
        continue
    mc = c["miss_causes"]
    want = [sum(v["mean"] for v in mc.values()), c["arrived"]["mean"], mc["no_cover"]["mean"],
            mc["queued"]["mean"], mc["abandoned"]["mean"], mc["open_at_end"]["mean"]]
    for got, w in zip(m.groups(), want):
        if abs(float(got) - w / weeks) > 0.051:
            bad.append(f"{name}: text {got}, want {w / weeks:.2f} a week")
    t = next(r for r in range(1, ms.max_row + 1)
             if str(ms.cell(r, 1).value or "").startswith(name + ":"))
    causes = {ms.cell(r, 1).value: ms.cell(r, 4).value for r in range(t + 2, t + 6)}
    for lab, key in (("Nobody on duty", "no_cover"), ("Queued", "queued"),
                     ("Abandoned", "abandoned"), ("Open at the end", "open_at_end")):
        if abs(causes[lab] - mc[key]["mean"] / weeks) > 1e-6:
            bad.append(f"{name}: Misses {lab} {causes[lab]}, want a week")
    if c["mode"] == "async" and abs(causes["Open at the end"] - summ) > 1e-9:
        bad.append(f"{name}: Misses open at the end {causes['Open at the end']}, Summary {summ}")
if "misses by cause (items a week)" not in text:
    bad.append("the text's misses by cause are not items a week")

# A sync class's waits: of the answered, with the share who gave up beside.
if "waits are of answered items only" not in text or "gave up" not in text:
    bad.append("the text does not say whose waits a sync class's are")
bp = d["classes"]["bp_alert"]
if not bp["abandoned"]["mean"] > 0:
    bad.append("test set-up: nobody gave up in bp_alert")
line = next(l for l in text.splitlines() if l.startswith("bp_alert"))
if f"{100 * bp['abandon_rate']['mean']:.1f}%" not in line:
    bad.append(f"bp_alert's line lacks the share who gave up: {line}")
# The Waits sheet: its shares are of the answered, and say so, with the
# share who gave up and the Summary's attainment (all arrivals) beside them.
wt = wb["Waits"]
lab = {wt.cell(r, 1).value: r for r in range(1, 12)}
hc = {wt.cell(lab["Class"], c).value: c for c in range(1, wt.max_column + 1)}
col = hc["bp_alert"]
if wt.cell(lab["Measured"], col).value != "wait, answered only":
    bad.append(f"Waits: bp_alert measured {wt.cell(lab['Measured'], col).value!r}")
sr = next(r for r in range(1, wt.max_row + 1) if wt.cell(r, 1).value == "Attained, of all arrivals")
r = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "bp_alert")
if wt.cell(sr, col).value != ws.cell(r, cols["Attained"]).value:
    bad.append(f"Waits attainment {wt.cell(sr, col).value} != Summary {ws.cell(r, cols['Attained']).value}")
gr = next(r for r in range(1, wt.max_row + 1) if wt.cell(r, 1).value == "Gave up (not counted)")
if abs(wt.cell(gr, col).value - bp["abandon_rate"]["mean"]) > 1e-6:
    bad.append(f"Waits gave up {wt.cell(gr, col).value}")

# measures.csv: counts are totals of a replication, and say so.
units = {(r["subject"].split(":")[-1], r["measure"]): r["unit"] for r in csv.DictReader(open(sys.argv[4]))}
for key in (("bp_alert", "arrived"), ("bp_alert", "open_at_end"), ("bp_alert", "abandoned"),
            ("bp_alert", "miss_queued")):
    if units.get(key) != "items_per_replication":
        bad.append(f"measures.csv {key}: unit {units.get(key)!r}")

# Durations read as durations on every sheet of the run: no [h]:mm but for a
# time of day (a shift's start and end, the Backlog's hour).
for sh in wb.worksheets:
    for row in sh.iter_rows():
        for cell in row:
            if cell.number_format in ("[h]:mm", "h:mm") and sh.title not in ("Roster", "Backlog"):
                bad.append(f"{sh.title}!{cell.coordinate}: a duration as a clock time")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY

# Costs with the scenario's currency: in the text and in the workbook's cells.
FPP="$SCN/family_practice_people.ini"
grep -q '^currency *= *EUR' "$FPP" || fail "test set-up: no currency in $FPP"
expect_exit 0 "$CLINICQ" run "$FPP" -r 2 --set scenario.weeks=2 -o "$tmp/fpp.xlsx"
grep -Eq '^cost per week: [0-9.]+ EUR \(rostered [0-9.]+ EUR \+ overtime [0-9.]+ EUR\)$' "$tmp/out" ||
	fail "cost line without the currency: $(grep '^cost per week' "$tmp/out")"
expect_out "EUR/wk"
"$PYTHON3" - "$tmp/fpp.xlsx" <<'PY' || fail "workbook costs without the currency"
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Summary"]
r = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Total")
fmt = ws.cell(r, 2).number_format
assert "EUR" in fmt, fmt
ws = wb["Roles"]
fmts = {ws.cell(r, c).number_format for r in range(4, 6) for c in range(1, ws.max_column + 1)}
assert any("EUR" in f for f in fmts), fmts
# Every cost column of the Roster sheet's shift table, the rate per hour too.
ws = wb["Roster"]
h = next(r for r in range(1, 12) if ws.cell(r, 1).value == "Shift")
for c in range(1, ws.max_column + 1):
    head = ws.cell(h, c).value or ""
    if head.startswith("Cost per"):
        assert "EUR" in ws.cell(h + 1, c).number_format, (head, ws.cell(h + 1, c).number_format)
PY
finish
