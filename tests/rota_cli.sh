#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# rota_cli.sh — `clinicq rota` and `optimize --rota` end to end (SPEC 5.4):
# the rota of tests/people/clinic.ini follows every rule of its contracts and
# covers each weekday's staff (checked by tests/rota_check.py, written apart
# from the solver, on the problem the program solved), at the least cost;
# text, JSON, rota.csv, the Rota sheet and --write-dat agree; the answer does
# not depend on the order of the file; no rota is exit 3 naming the shift-day
# and why; optimize --rota adds the recommended roster's people and rota.
. "$top_srcdir/tests/setup.sh"
C="$top_srcdir/tests/people/clinic.ini"
CHECK="$top_srcdir/tests/rota_check.py"

# The least cost, by hand: assistants (no contract: 5 days a week) must be 2
# for Monday's 2, 2 x 40 h x 25 = 2000.  Nurses: 3 + 4 x 2 day shifts and 7
# nights are 18 person-shifts a week; rn_full costs 1900 for 5 (380 each),
# rn_part 3 x 8 h x 50 = 1200 for 3 (400 each), so 3 rn_full + 1 rn_part =
# 6900 covers 18 exactly, and nothing cheaper does (4 rn_full: 7600; 2 + 3
# part-time: 7400).  rota_check.py finds that such a rota exists.
# 8900 a week, 6 people.
CLINICQ_WRITE_ROTA_PROBLEM="$tmp/problem.json" expect_exit 0 "$CLINICQ" rota "$C" --json
cp "$tmp/out" "$tmp/rota.json"
"$PYTHON3" "$CHECK" "$tmp/problem.json" "$tmp/rota.json" --cost 8900 --persons 6 \
    >"$tmp/check.out" 2>&1 || fail "rota: $(cat "$tmp/check.out")"
json_check "$tmp/rota.json" "rota JSON" 'd["rota"]["feasible"] is True' \
    'd["rota"]["cycle_weeks"] == 2' \
    'd["rota"]["headcount"] == {"rn": {"rn_full": 3, "rn_part": 1}, "ma": {"default": 2}}' \
    'near(d["rota"]["roster_cost_per_week"], 8400)' \
    'near(d["rota"]["fte"]["ma"], 2.0)' \
    'sum(d["rota"]["over_cover"]["ma_desk"].values()) == 8' \
    'all(len(l["days"]) == 14 for l in d["rota"]["lines"])'
# The problem solved is the roster by weekday: Monday's 3 nurses.
json_check "$tmp/problem.json" "rota problem" \
    '[s["demand"] for s in d["shifts"] if s["name"] == "rn_day"] == [[3, 2, 2, 2, 2, 0, 0]]'

# Text: the headcount table, the grid (a row per person, 14 day columns).
expect_exit 0 "$CLINICQ" rota "$C"
expect_out 'a 2-week cycle, 6 people, people cost 8900.00 EUR per week'
expect_out 'proven'
expect_out 'ma               default                2     2.0      2000.00'
expect_out 'rn               (all)                  4     3.6      6900.00'
[ "$(grep -c '^[0-9][0-9]* *rn *rn_' "$tmp/out")" = 4 ] || fail "text: not 4 nurse rows"

# rota.csv: a row per person and day of the cycle; the Rota sheet.
expect_exit 0 "$CLINICQ" rota "$C" --csv "$tmp/csv" -o "$tmp/rota.xlsx"
[ "$(sed 1d "$tmp/csv/rota.csv" | wc -l)" = 84 ] || fail "rota.csv: not 6 x 14 rows"
head -1 "$tmp/csv/rota.csv" | grep -q '^line,role,contract,week,day,shift,start,end,' ||
	fail "rota.csv: header $(head -1 "$tmp/csv/rota.csv")"
[ "$(grep -c ',rn_night,22:00,06:00,' "$tmp/csv/rota.csv")" = 14 ] ||
	fail "rota.csv: the night shift is not worked 14 times a cycle"
"$PYTHON3" - "$tmp/rota.xlsx" <<'PY' || fail "rota -o: no Rota sheet with the lines"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
assert 'name="Rota"' in wb, wb
strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
assert "rn_full" in strings and "rn_part" in strings, strings[:60]
PY

# The order of the file does not matter: sections reversed, the same rota cost.
"$PYTHON3" - "$C" "$tmp/reversed.ini" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
parts = re.split(r"(?m)^(?=\[)", text)
head, secs = parts[0], parts[1:]
first = [s for s in secs if s.startswith("[scenario]")]
rest = [s for s in secs if not s.startswith("[scenario]")]
open(sys.argv[2], "w").write(head + "".join(first + rest[::-1]))
PY
expect_exit 0 "$CLINICQ" rota "$tmp/reversed.ini" --json
json_check "$tmp/out" "rota, file reversed" 'near(d["rota"]["cost_per_week"], 8900)' \
    'len(d["rota"]["lines"]) == 6'

# --write-dat: glpsol solves the data to the same cost (a small roster).
S="--set shift.rn_night.staff=0 --set shift.ma_desk.staff=0"
# shellcheck disable=SC2086
expect_exit 0 "$CLINICQ" rota "$C" $S --json --write-dat "$tmp/rota.dat"
json_check "$tmp/out" "small rota" 'near(d["rota"]["cost_per_week"], 4300)'
if command -v glpsol >/dev/null 2>&1; then
	glpsol -m "$top_srcdir/models/rota.mod" -d "$tmp/rota.dat" >"$tmp/glpsol.out" 2>&1 ||
		fail "glpsol: $(tail -5 "$tmp/glpsol.out")"
	grep -q 'weekly cost of people 4300.00' "$tmp/glpsol.out" ||
		fail "glpsol's rota differs: $(grep -i 'cost' "$tmp/glpsol.out")"
else
	echo "note: no glpsol: the .dat is not solved"
fi

# No rota: nights no contract may work is exit 3, the shift-day and why named.
expect_exit 3 "$CLINICQ" rota "$C" --set contract.rn_full.shifts=rn_day \
    --set contract.rn_part.shifts=rn_day
expect_err 'no rota within the contracts covers the roster'
expect_err 'rn_night'
expect_out 'NO ROTA'
# A rule no rota can follow is a scenario error (exit 2), named.
expect_exit 2 "$CLINICQ" rota "$C" --set contract.rn_part.hours_per_week=20
expect_err 'rn_part'

# optimize --rota: the recommended roster's people, checked the same way.
Q="-r 2 --quiet"
# shellcheck disable=SC2086
CLINICQ_WRITE_ROTA_PROBLEM="$tmp/oproblem.json" expect_exit 0 "$CLINICQ" optimize "$C" $Q \
    --rota --json --csv "$tmp/ocsv" -o "$tmp/opt.xlsx" --write-dat "$tmp/opt.dat"
cp "$tmp/out" "$tmp/opt.json"
"$PYTHON3" "$CHECK" "$tmp/oproblem.json" "$tmp/opt.json" >"$tmp/check.out" 2>&1 ||
	fail "optimize --rota: $(cat "$tmp/check.out")"
json_check "$tmp/opt.json" "optimize --rota" 'd["feasible"] is True' \
    'd["rota"]["feasible"] is True' \
    'near(d["people"]["cost_per_week"], d["rota"]["cost_per_week"])' \
    'isinstance(d["people"]["note"], str) and d["people"]["note"] != ""' \
    'near(d["rota"]["roster_cost_per_week"], d["roster_cost_per_week"])'
# The problem solved is the recommended roster's.
"$PYTHON3" - "$tmp/opt.json" "$tmp/oproblem.json" <<'PY' || fail "optimize --rota: the rota covers another roster"
import json, sys
d = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2]))
for s in p["shifts"]:
    want = d["roster"][s["name"]]
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for i, day in enumerate(days):
        n = want if isinstance(want, int) else want.get(day, 0)
        assert s["demand"][i] == (n if day in s["days"] else 0), (s, want)
PY
[ -s "$tmp/opt.dat" ] && [ -s "$tmp/opt.dat.rota.dat" ] || fail "optimize --rota --write-dat: not both files"
[ -s "$tmp/ocsv/rota.csv" ] || fail "optimize --rota --csv: no rota.csv"
"$PYTHON3" - "$tmp/opt.xlsx" <<'PY' || fail "optimize --rota -o: not both sheets"
import sys, zipfile
wb = zipfile.ZipFile(sys.argv[1]).read("xl/workbook.xml").decode()
assert 'name="Optimization"' in wb and 'name="Rota"' in wb, wb
PY
# shellcheck disable=SC2086
expect_exit 0 "$CLINICQ" optimize "$C" $Q --rota
expect_out 'people: the recommended roster needs people costing'
expect_out 'rota of the recommended roster'
# No roster meets the targets (a 5-minute response to 5-minute work): exit 3,
# the best roster's rota all the same, and no comparison in people.
# shellcheck disable=SC2086
expect_exit 3 "$CLINICQ" optimize "$C" $Q --rota --time-limit 4 --json \
    --set 'class.a.target=99% <= 5min' --set 'shift.rn_day.max=mon 3, tue-fri 2' \
    --set shift.rn_night.max=1 --set 'shift.ma_desk.max=mon 2, tue-fri 1'
json_check "$tmp/out" "optimize --rota, no roster" 'd["feasible"] is False' \
    'd["rota"]["feasible"] is True' \
    'near(d["people"]["cost_per_week"], d["rota"]["cost_per_week"])' \
    '"no roster met every target" in d["people"]["note"]'
# --time-limit bounds the rota's search: without --rota it is a usage error.
expect_exit 2 "$CLINICQ" optimize "$C" --time-limit 5
expect_err 'it needs --rota'
finish
