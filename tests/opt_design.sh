#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_design.sh — shift design ([shift_template], doc/optimizer.md "Shift
# design").  tests/opt/design_peak.ini: a weekday line peaking 10:00-14:00 with
# two written 8-hour shifts (06:00-14:00, 12:00-20:00).  Without the template,
# optimize answers the cheapest written-shift roster (checked by enumerating
# all 81 of them on the confirmation's seed); with it, the answer is confirmed,
# costs at least 10% less and staffs designed shifts over the whole peak.
# max_shifts caps the candidates staffed; --write-roster writes a scenario that
# `run` replays to the confirmation's very figures; `run` ignores templates;
# the workbook marks the designed shifts.
. "$top_srcdir/tests/setup.sh"
O="$top_srcdir/tests/opt"
INI="$O/design_peak.ini"

# The same scenario without its template: the fixed-shift answer, enumerated.
sed '/^\[shift_template/,$d' "$INI" >"$tmp/fixed.ini"
"$PYTHON3" "$O/optenum.py" check "$CLINICQ" "$tmp/fixed.ini" >"$tmp/enum.txt" 2>&1 ||
	fail "fixed shifts: optimize differs from enumeration: $(cat "$tmp/enum.txt")"
expect_exit 0 "$CLINICQ" optimize "$tmp/fixed.ini" --json -j 2
cp "$tmp/out" "$tmp/fixed.json"

expect_exit 0 "$CLINICQ" optimize "$INI" --json -j 2 --write-roster "$tmp/answer.ini" \
    -o "$tmp/design.xlsx"
cp "$tmp/out" "$tmp/design.json"
"$PYTHON3" - "$tmp/fixed.json" "$tmp/design.json" <<'PY' || fail "design vs fixed shifts"
import json, sys
f, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert f["feasible"] and f["confirmation"]["met"], "fixed: not confirmed"
assert set(f["roster"]) == {"early", "late"}, f["roster"]
assert d["feasible"] and d["confirmation"]["met"] is True, "design: not confirmed"
fc, dc = f["roster_cost_per_week"], d["roster_cost_per_week"]
assert dc <= 0.9 * fc, "design %.2f is not 10%% below the fixed-shift answer %.2f" % (dc, fc)
des = d["designed"]
assert des, "no designed shift in the answer"
for s in des:
    assert s["shift"] in d["roster"] and d["roster"][s["shift"]] == s["staff"] > 0, s
    assert s["shift"].startswith("flex@") and s["template"] == "flex", s
# Every hour of the peak, Mon-Fri 10:00-14:00, has a designed shift on duty.
for h in range(10, 14):
    on = [s for s in des if int(s["start"][:2]) * 60 + int(s["start"][3:]) <= h * 60
          and h * 60 + 60 <= int(s["start"][:2]) * 60 + int(s["start"][3:]) + s["length_min"]]
    assert on, "no designed shift covers %02d:00 (%s)" % (h, des)
# Unstaffed candidates are not listed; the written shifts always are.
assert all(k in ("early", "late") or v > 0 for k, v in d["roster"].items()), d["roster"]
assert set(d["baseline_roster"]) == {"early", "late"}, d["baseline_roster"]
print("fixed %.2f, designed %.2f (%.1f%% less): %s" % (fc, dc, 100 * (1 - dc / fc), d["roster"]))
PY

# --write-roster: check loads it; run on the confirmation's seed and
# replications replays the answer: its cost and the confirmation's attainment.
expect_exit 0 "$CLINICQ" check "$tmp/answer.ini"
grep -q '^\[shift flex-' "$tmp/answer.ini" || fail "--write-roster: no designed [shift]"
grep -q '^\[shift_template' "$tmp/answer.ini" && fail "--write-roster: templates left in"
seed=$(json_get "$tmp/design.json" 'd["confirmation"]["seed"]')
reps=$(json_get "$tmp/design.json" 'd["confirmation"]["replications"]')
expect_exit 0 "$CLINICQ" run "$tmp/answer.ini" --json --seed "$seed" -r "$reps" -j 2
"$PYTHON3" - "$tmp/out" "$tmp/design.json" <<'PY' || fail "--write-roster replay"
import json, sys
r, d = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
got = r["cost_per_week"]["staff"]["mean"]
assert abs(got - d["roster_cost_per_week"]) < 1e-6, (got, d["roster_cost_per_week"])
a, b = r["classes"]["call"]["attainment"], d["confirmation"]["classes"]["call"]["attainment"]
assert abs(a["mean"] - b["mean"]) < 1e-12 and abs(a["lo"] - b["lo"]) < 1e-12, (a, b)
PY
expect_exit 2 "$CLINICQ" run "$INI" --write-roster "$tmp/x.ini"
expect_err "unknown option '--write-roster'"

# The workbook: the Roster sheet marks the designed shifts and its grid.
"$PYTHON3" - "$tmp/design.xlsx" <<'PY' || fail "workbook: designed shifts not marked"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
assert "designed (shift_template flex)" in s, "no 'designed' note"
assert "recommended roster (with designed shifts)" in s, "grid not marked"
assert "flex@10:00+4h" in s or "flex@" in s
PY

# max_shifts: at most that many candidates staffed, still confirmed.
for ms in 1 2; do
	expect_exit 0 "$CLINICQ" optimize "$INI" --json -j 2 \
	    --set shift_template.flex.max_shifts=$ms
	"$PYTHON3" - "$tmp/out" "$ms" <<'PY' || fail "max_shifts = $ms"
import json, sys
d, ms = json.load(open(sys.argv[1])), int(sys.argv[2])
used = [k for k, v in d["roster"].items() if k.startswith("flex@") and v > 0]
assert d["feasible"] and len(used) <= ms, (ms, d["roster"])
for it in d["iterations"]:
    n = sum(1 for k, v in it["roster"].items() if k.startswith("flex@") and v > 0)
    assert n <= ms, ("iteration", it["n"], it["roster"])
    assert sum(v for k, v in it["roster"].items() if k.startswith("flex@")) <= 10
PY
done

# A template's break: each candidate takes it when its window lies within
# the candidate (written out by --write-roster with the designed shifts).
expect_exit 0 "$CLINICQ" optimize "$INI" --json -j 2 --write-roster "$tmp/brk.ini" \
    --set 'shift_template.flex.break=20min within 10:00-12:00'
"$PYTHON3" - "$tmp/brk.ini" <<'PY' || fail "template break"
import re, sys
secs = re.split(r"\n(?=\[)", open(sys.argv[1]).read())
n = 0
for s in secs:
    m = re.match(r"\[shift (flex-(\d\d)(\d\d)-(\d+)h)\]", s)
    if not m:
        continue
    start = int(m.group(2)) * 60 + int(m.group(3)); end = start + 60 * int(m.group(4))
    holds = start <= 600 and 720 <= end
    has = "break = 20min within 10:00-12:00" in s
    assert holds == has, (m.group(1), holds, has)
    n += 1
assert n > 0, "no designed shift written"
PY

# A template too small for the rows the relaxation asks for: exit 3 (no
# roster meets the targets), the best found shown, and a workbook with it.
expect_exit 3 "$CLINICQ" optimize "$INI" -j 2 --set shift.early.max=0 --set shift.late.max=0 \
    --set shift.early.staff=0 --set shift.late.staff=0 --set shift_template.flex.max=2 \
    -o "$tmp/short.xlsx"
expect_err "no roster within the shifts' bounds meets every target"
[ -s "$tmp/short.xlsx" ] || fail "exit 3: no workbook"

# run ignores templates: the written roster only; --set reaches a template.
expect_exit 0 "$CLINICQ" run "$INI" --json -r 2 --set shift_template.flex.max=3 \
    --set 'shift_template.flex.start=07:00, 08:00'
json_check "$tmp/out" "run plays the written roster alone" \
    'near(d["cost_per_week"]["staff"]["mean"], 12000)'
expect_exit 0 "$CLINICQ" check "$INI" --set 'shift_template.flex.length=4h 30min'
expect_out 'length = 4h 30min'
expect_exit 2 "$CLINICQ" check "$INI" --set shift_template.flex.lenght=4h
expect_err "did you mean 'length'"

# sweep with action = optimize designs at each point: the JSON roster and the
# table list the designed shifts each point staffs, and points.csv has a
# column for every designed shift any point staffs (0 where one does not).
{ cat "$INI"; printf '\n[sweep]\nvary = stream.line.per_week: 400, 680\naction = optimize\n'; } \
    > "$tmp/dsweep.ini"
expect_exit 0 "$CLINICQ" sweep "$tmp/dsweep.ini" -j 2 --quiet --csv "$tmp/dsw"
expect_out "designed shifts staffed"
expect_exit 0 "$CLINICQ" sweep "$tmp/dsweep.ini" -j 2 --quiet --json
"$PYTHON3" - "$tmp/out" "$tmp/dsw/points.csv" <<'PY' || fail "sweep: designed shifts in the roster"
import csv, json, sys
pts = json.load(open(sys.argv[1]))["points"]
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(pts) == 2 == len(rows)
designed = set()
for p in pts:
    d = [k for k in p["roster"] if "@" in k]
    assert d, "a point staffs no designed shift"
    assert all(p["roster"][k] > 0 for k in d)
    designed |= set(d)
for p, r in zip(pts, rows):
    for k in designed:
        assert float(r["roster." + k]) == p["roster"].get(k, 0), (k, r)
    assert float(r["roster_cost_per_week"]) == p["roster_cost_per_week"]
PY
# A template that can add nothing: the roster as written is the answer (it was
# once an empty roster, exit 3), confirmed; with 1,440 candidates the same,
# at once (it was exit 1 after GLPK's time limit).
GAP="$top_srcdir/tests/opt/flex_gap.ini"
for variant in 24 1440; do
	set --
	[ $variant = 1440 ] && set -- --set 'shift_template.flex.start=00:00..23:59 step 1min' \
	    --set shift_template.flex.length=8h
	expect_exit 0 "$CLINICQ" optimize "$GAP" --json "$@"
	"$PYTHON3" - "$tmp/out" "$variant" <<'PY' || fail "flex_gap ($variant candidates): the roster as written"
import json, sys
d = json.load(open(sys.argv[1]))
base = [it for it in d["iterations"] if it["phase"] == "baseline"]
assert len(base) == 1 and base[0]["all_met"] and base[0]["roster"] == {"day": 1}, base
assert d["feasible"] and d["confirmation"]["met"], d["confirmation"]
assert 0 < d["roster_cost_per_week"] <= d["baseline_cost_per_week"], d["roster"]
assert d["roster"].get("day", 0) >= 1, d["roster"]
PY
done

# A designed shift whose name a written shift has: --write-roster names it
# apart, and run plays the file.
expect_exit 0 "$CLINICQ" optimize "$top_srcdir/tests/opt/name_clash.ini" --quiet \
    --set shift.night-2000-12h.staff=0 --set shift.night-2000-12h.max=0 \
    --write-roster "$tmp/clash.ini"
grep -q '^\[shift night-2000-12h-2\]' "$tmp/clash.ini" || fail "--write-roster: the designed night"
[ "$(grep -c '^\[shift night-2000-12h' "$tmp/clash.ini")" = "$(grep '^\[shift night-2000-12h' \
    "$tmp/clash.ini" | sort -u | wc -l)" ] || fail "--write-roster: a section twice"
expect_exit 0 "$CLINICQ" run "$tmp/clash.ini" --quiet -r 2
finish
