#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# trace_share.sh — one trace log named by several [stream]s is read once and
# each stream plays the rows it played when each read its own copy (the same
# measures, to the digit); `trace_classes` maps a log's class codes to the
# scenario's classes: arrivals per class are exactly the mapped rows, check
# prints the mapping and its output loads back; an unmapped code is an error
# at the log's line.
. "$(dirname "$0")/setup.sh"

GEN="$top_srcdir/tests/gen_log.py"
"$PYTHON3" "$GEN" --seed 5 --weeks 4 --per-week 300 --lead-days 1 >"$tmp/log.csv"
# A stream column: three streams of the scenario and one it lacks.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "stream"; next }
    { n = NR % 4; s = n == 0 ? "phone" : n == 1 ? "portal" : n == 2 ? "app" : "fax"
      print $0, s }' "$tmp/log.csv" >"$tmp/st.csv"
cp "$tmp/st.csv" "$tmp/st2.csv"
cp "$tmp/st.csv" "$tmp/st3.csv"
cp "$tmp/log.csv" "$tmp/all2.csv"
tail_ini() {
	cat <<'EOF'
[class routine]
mode = async
service = lognormal(4min,3min)
target = 90% <= 48h
[class clinical]
mode = async
service = gamma(9min,4min)
target = 90% <= 48h
[role rn]
cost_per_hour = 50
serves = clinical, routine
[shift day]
role = rn
days = mon-fri
start = 08:00
end = 17:00
staff = 2
EOF
}
# scn A B C D E: streams portal, phone, app on logs A, B, C; two streams
# without a stream column (each plays all of the log's rows) on D and E.
scn() {
	printf '[scenario]\nstart_date = 2027-01-04\nwarmup = 1w\nweeks = 2\n'
	printf 'replications = 3\n'
	printf '[stream portal]\ntrace = %s\n[stream phone]\ntrace = %s\n' "$1" "$2"
	printf '[stream app]\ntrace = %s\n' "$3"
	printf '[stream all_a]\ntrace = %s\n[stream all_b]\ntrace = %s\n' "$4" "$5"
	tail_ini
}
scn st.csv st.csv ./st.csv log.csv log.csv >"$tmp/shared.ini"
scn st.csv st2.csv st3.csv log.csv all2.csv >"$tmp/apart.ini"
expect_exit 0 "$CLINICQ" run "$tmp/shared.ini" --json --quiet --seed 3
cp "$tmp/out" "$tmp/shared.json"
expect_exit 0 "$CLINICQ" run "$tmp/apart.ini" --json --quiet --seed 3
cp "$tmp/out" "$tmp/apart.json"
"$PYTHON3" - "$tmp/shared.json" "$tmp/apart.json" "$tmp/st.csv" <<'EOF' || fail "shared trace"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
ok = a["classes"] == b["classes"]
for d in (a, b):
    for s in d["streams"].values():
        s["trace"].pop("file")
ok = ok and a["streams"] == b["streams"]
# Each stream plays its rows of the span: a quarter each (fax is nobody's),
# and the streams without a stream column all of them.
rows = [l.rstrip("\n").split(",") for l in open(sys.argv[3])][1:]
span = [r for r in rows if "2027-01-11" <= r[1] < "2027-01-25"]
for name in ("portal", "phone", "app"):
    want = sum(1 for r in span if r[-1] == name)
    got = a["streams"][name]["trace"]["in_span"]
    ok = ok and got == want
    if got != want: print(name, got, want)
for name in ("all_a", "all_b"):
    ok = ok and a["streams"][name]["trace"]["in_span"] == len(span)
arrived = sum(c["arrived"]["mean"] for c in a["classes"].values())
want = 2 * len(span) + sum(1 for r in span if r[-1] != "fax")
ok = ok and arrived == want
if not ok: print(a["streams"], b["streams"], arrived, want)
sys.exit(0 if ok else 1)
EOF

# trace_classes: codes for classes, several codes to one class.
awk -F, 'BEGIN { OFS = "," }
    NR > 1 { $3 = $3 == "clinical" ? "NE" : NR % 2 ? "PS" : "PX" } { print }' "$tmp/log.csv" >"$tmp/codes.csv"
cat >"$tmp/codes.ini" <<'EOF'
[scenario]
start_date = 2027-01-04
warmup = 1w
weeks = 2
replications = 4
[stream portal]
trace = codes.csv
trace_classes = PS routine, NE clinical, PX routine
EOF
tail_ini >>"$tmp/codes.ini"
count() { awk -F, -v c="$1" 'NR > 1 && $2 >= "2027-01-11" && $2 < "2027-01-25" &&
    index(c, "," $3 ",")' "$tmp/codes.csv" | wc -l; }
routine=$(count ",PS,PX,")
clinical=$(count ",NE,")
[ "$routine" -gt 0 ] && [ "$clinical" -gt 0 ] || fail "the generated log lacks codes"
expect_exit 0 "$CLINICQ" run "$tmp/codes.ini" --json --quiet
json_check "$tmp/out" \
    "d['classes']['routine']['arrived']['lo'] == d['classes']['routine']['arrived']['hi'] == $routine" \
    "d['classes']['clinical']['arrived']['lo'] == d['classes']['clinical']['arrived']['hi'] == $clinical"
expect_exit 0 "$CLINICQ" check "$tmp/codes.ini"
expect_out "trace_classes = PS routine, NE clinical, PX routine"
cp "$tmp/out" "$tmp/check.ini"
(cd / && "$CLINICQ" check "$tmp/check.ini") >"$tmp/check2.ini" 2>"$tmp/err" ||
    fail "check's output does not load: $(cat "$tmp/err")"
sed 1d "$tmp/check.ini" >"$tmp/a"; sed 1d "$tmp/check2.ini" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "check's output changed on reloading"

# A code with no mapping: the log's line of its first row, never rows dropped.
sed -e 's/, PX routine//' "$tmp/codes.ini" >"$tmp/unmapped.ini"
line=$(awk -F, 'NR > 1 && $3 == "PX" { print NR; exit }' "$tmp/codes.csv")
expect_exit 2 "$CLINICQ" check "$tmp/unmapped.ini"
expect_err "clinicq: $(cd "$tmp" && pwd -P)/codes.csv:$line: class 'PX' has no mapping in trace_classes of [stream portal]"
# Without trace_classes the codes are classes' names, as before.
sed -e '/trace_classes/d' "$tmp/codes.ini" >"$tmp/names.ini"
expect_exit 2 "$CLINICQ" check "$tmp/names.ini"
expect_err "codes.csv:2: class '"
expect_err "is no class of the scenario"
finish
