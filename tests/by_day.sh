#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# by_day.sh — staff by weekday end to end (SPEC 3.11, 4, 5): check prints a key
# as written and loads back; run plays each day's staff and shows it by day
# (text, the Roster sheet); optimize chooses each weekday's staff of a by_day
# shift and template (the template's max per day), shows a split shift whole
# (JSON an object by day, text, workbook), writes a roster that runs the
# recommendation, and a .dat that glpsol solves to its last solve; by_day = no
# plays the roster as written as the baseline and chooses one number; bounds
# no one number meets are refused; a sweep varies staff by day.
. "$top_srcdir/tests/setup.sh"
W="$SCN/weekday_inbox.ini"
B="$top_srcdir/tests/opt/by_day.ini"
Q="--set scenario.weeks=4 -r 4 -j 2 --quiet"

# check: as written, by day and by_day; its output loads to the same.
expect_exit 0 "$CLINICQ" check "$W" --set 'shift.ma_day.max=mon 6 tue-fri 4'
expect_out 'staff = mon 3, tue-fri 2'
expect_out 'max = mon 6, tue-fri 4'
expect_out 'by_day = yes'
expect_out '; 104.5 person-hours a week'
cp "$tmp/out" "$tmp/check.ini"
expect_exit 0 "$CLINICQ" check "$tmp/check.ini"
sed 1d "$tmp/out" >"$tmp/check2.txt"
sed 1d "$tmp/check.ini" | cmp -s - "$tmp/check2.txt" || fail "check's output does not print back the same"
expect_exit 0 "$CLINICQ" check "$W" --set 'shift.ma_day.staff=3'
expect_out 'staff = 3'

# run: 3 + 4 x 2 persons x 9.5 h; the text and the Roster sheet show it by day.
expect_exit 0 "$CLINICQ" run "$W" $Q --json
json_check "$tmp/out" "run by day" 'near(d["roles"]["ma"]["on_duty_hours_per_week"]["mean"], 104.5)' \
    'near(d["cost_per_week"]["staff"]["mean"], 2508)'
expect_exit 0 "$CLINICQ" run "$W" $Q --set 'shift.ma_day.staff=mon 4, tue-fri 3' -o "$tmp/run.xlsx"
expect_out 'staff by weekday'
expect_out 'ma_day           mon 4, tue-fri 3'
"$PYTHON3" - "$tmp/run.xlsx" <<'PY' || fail "run -o: the Roster sheet does not show the staff by day"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
assert "mon 4, tue-fri 3" in strings, strings[:40]
PY

# optimize, by_day = yes: each weekday on its own; the answer an object by
# day, the written roster one number, iterations and last_solve likewise.
expect_exit 0 "$CLINICQ" optimize "$B" --json -j 2 --write-roster "$tmp/roster.ini" \
    --write-dat "$tmp/by_day.dat" -o "$tmp/opt.xlsx"
cp "$tmp/out" "$tmp/opt.json"
json_check "$tmp/opt.json" "optimize by day" \
    'd["roster"]["desk"] == {"mon": 3, "tue": 1, "wed": 1}' 'd["roster"]["line"] == 1' \
    'd["baseline_roster"] == {"desk": 2, "line": {"mon": 2, "tue": 1, "wed": 1}}' \
    'near(d["baseline_cost_per_week"], 2800)' 'near(d["roster_cost_per_week"], 2200)' \
    'd["iterations"][0]["roster"]["line"] == {"mon": 2, "tue": 1, "wed": 1}' \
    'isinstance(d["last_solve"]["desk"], (int, dict))' \
    'all(set(it["roster"]) == {"desk", "line"} for it in d["iterations"])'
# --write-roster runs the recommendation: its cost, by day.
grep -q '^staff = mon 3, tue-wed 1$' "$tmp/roster.ini" || fail "--write-roster: $(grep staff "$tmp/roster.ini")"
expect_exit 0 "$CLINICQ" run "$tmp/roster.ini" --json -r 2 --quiet
json_check "$tmp/out" "the written roster" 'near(d["cost_per_week"]["staff"]["mean"], 2200)'
# The .dat: a column per day of the by_day shift; glpsol solves it to the
# program's last solve.
grep -q "'desk\[mon\]'" "$tmp/by_day.dat" || fail "the .dat has no column desk[mon]"
if command -v glpsol >/dev/null 2>&1; then
	glpsol -m "$top_srcdir/models/staffing.mod" -d "$tmp/by_day.dat" >"$tmp/glpsol.out" 2>&1 ||
		fail "glpsol: $(tail -3 "$tmp/glpsol.out")"
	"$PYTHON3" - "$tmp/glpsol.out" "$tmp/opt.json" <<'PY' || fail "glpsol's roster differs from the last solve"
import json, re, sys
got = {}
for line in open(sys.argv[1]):
    w = line.split()
    if len(w) == 3 and w[0] == "staff":
        m = re.fullmatch(r"(.*)\[(mon|tue|wed|thu|fri|sat|sun)\]", w[1])
        if m:
            got.setdefault(m.group(1), {})[m.group(2)] = int(w[2])
        else:
            got[w[1]] = int(w[2])
want = json.load(open(sys.argv[2]))["last_solve"]
for k, v in got.items():
    if isinstance(v, dict) and len(set(v.values())) == 1:
        got[k] = next(iter(v.values()))
assert got == want, (got, want)
PY
fi
"$PYTHON3" - "$tmp/opt.xlsx" <<'PY' || fail "optimize -o: the sheets do not show the desk by day"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
assert "mon 3, tue-wed 1" in strings, strings[:60]
assert "mon 2, tue-wed 1" in strings, strings[:60]     # the line as written
assert "desk" in strings and not any("desk[" in s for s in strings), strings[:60]
PY
expect_exit 0 "$CLINICQ" optimize "$B" -j 2 --quiet --verbose   # the iterations too
expect_out 'staff mon 3, tue-wed 1; as written 2'
expect_out 'desk=(mon 3, tue-wed 1) line=1'

# A by_day template: candidates by day, its max per day; a designed shift
# whole, staffed on its days.
DES="$top_srcdir/tests/opt/design_two.ini"
expect_exit 0 "$CLINICQ" optimize "$DES" --json -j 2 --set shift_template.rn_flex.by_day=yes \
    --write-roster "$tmp/design.ini"
cp "$tmp/out" "$tmp/design.json"
"$PYTHON3" - "$tmp/design.json" <<'PY' || fail "by_day template: the answer breaks its max per day"
import json, sys
d = json.load(open(sys.argv[1]))
per = {}
for k, v in d["roster"].items():
    if k.startswith("rn_flex@"):
        for day in ("mon", "tue", "wed", "thu", "fri"):
            per[day] = per.get(day, 0) + (v.get(day, 0) if isinstance(v, dict) else v)
assert per and max(per.values()) <= 2, per
assert d["feasible"], d["failed"]
assert all(x["template"] == "rn_flex" for x in d["designed"] if x["shift"].startswith("rn_flex@"))
PY
expect_exit 0 "$CLINICQ" run "$tmp/design.ini" --json -r 2 --quiet
json_check "$tmp/out" "by_day template: the written roster's cost" \
    "near(d['cost_per_week']['staff']['mean'], $(json_get "$tmp/design.json" 'd["roster_cost_per_week"]'), 1e-6)"

# The split copy plays the roster as written exactly as run does (each day
# of a split shift draws the whole shift's absences): the baseline's figures
# are run's, on the same seed and replications.
expect_exit 0 "$CLINICQ" optimize "$W" --json $Q --set role.ma.absence=8%
cp "$tmp/out" "$tmp/absent.json"
expect_exit 0 "$CLINICQ" run "$W" --json $Q --set role.ma.absence=8%
"$PYTHON3" - "$tmp/absent.json" "$tmp/out" <<'PY' || fail "optimize's baseline by day differs from run"
import json, sys
o, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
it = o["iterations"][0]
assert it["phase"] == "baseline" and it["replications"] == r["replications"], it["phase"]
assert it["targets"]["callback"]["attainment"] == r["classes"]["callback"]["attainment"], \
    (it["targets"], r["classes"]["callback"]["attainment"])
assert it["cost_per_week"] == r["cost_per_week"]["staff"]["mean"]
PY

# by_day = no: one number for all days; the roster as written is the
# baseline, simulated by day (2,508, where 3 every day costs 3,420).
expect_exit 0 "$CLINICQ" optimize "$W" --json -j 2 --set shift.ma_day.by_day=no
json_check "$tmp/out" "by_day = no" 'd["roster"]["ma_day"] == 3' \
    'd["baseline_roster"]["ma_day"] == {"mon": 3, "tue": 2, "wed": 2, "thu": 2, "fri": 2}' \
    'near(d["baseline_cost_per_week"], 2508)' 'near(d["roster_cost_per_week"], 3420)' \
    'd["iterations"][0]["phase"] == "baseline"' \
    'near(d["iterations"][0]["cost_per_week"], 2508)' 'd["iterations"][0]["all_met"]'
expect_exit 0 "$CLINICQ" optimize "$W" --json -j 2
json_check "$tmp/out" "by_day = yes" 'd["roster"]["ma_day"] == {"mon": 3, "tue": 2, "wed": 2, "thu": 2, "fri": 2}' \
    'near(d["roster_cost_per_week"], 2508)'
# Bounds by day that no one number meets, with by_day = no: refused.
expect_exit 2 "$CLINICQ" optimize "$W" --set shift.ma_day.by_day=no \
    --set 'shift.ma_day.min=mon 3, tue-fri 0' --set 'shift.ma_day.max=mon 6, tue-fri 2'
expect_err "[shift ma_day] has by_day = no, so optimize chooses one number for all its days"
expect_err "min on mon is 3, max on tue is 2"

# sweep: a vary of staff by day (blanks, not commas, inside a value); with
# action = optimize the roster by day in the JSON and a column per day.
cat "$W" >"$tmp/sweep.ini"
printf '\n[sweep]\nvary = shift.ma_day.staff: 3, mon 4 tue-fri 2\n' >>"$tmp/sweep.ini"
expect_exit 0 "$CLINICQ" sweep "$tmp/sweep.ini" --json $Q
json_check "$tmp/out" "sweep by day" 'd["points"][1]["overrides"]["shift.ma_day.staff"] == "mon 4 tue-fri 2"' \
    'near(d["points"][0]["cost_per_week"]["staff"]["mean"], 3420)' \
    'near(d["points"][1]["cost_per_week"]["staff"]["mean"], 2736)'
printf 'mode = grid\naction = optimize\n' >>"$tmp/sweep.ini"
sed -i 's/^vary = .*/vary = stream.messages.per_week: 900, 1100/' "$tmp/sweep.ini"
expect_exit 0 "$CLINICQ" sweep "$tmp/sweep.ini" --json --csv "$tmp/csv" $Q
json_check "$tmp/out" "sweep optimize by day" 'isinstance(d["points"][0]["roster"]["ma_day"], dict)' \
    'set(d["points"][0]["roster"]["ma_day"]) == {"mon", "tue", "wed", "thu", "fri"}'
head -1 "$tmp/csv/points.csv" | grep -q 'roster.ma_day.mon' || fail "points.csv: $(head -1 "$tmp/csv/points.csv")"
finish
