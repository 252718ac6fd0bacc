#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# trace.sh — `[stream NAME] trace = FILE.csv`: the log's rows in the measured
# span are exactly the items counted 'arrived', the same in every replication;
# check says where the rows fall and its output loads from anywhere; errors in
# the log name the log's line.
. "$(dirname "$0")/setup.sh"

GEN="$top_srcdir/tests/gen_log.py"
"$PYTHON3" "$GEN" --seed 9 --weeks 6 --per-week 400 --lead-days 2 >"$tmp/log.csv"
mkdir "$tmp/d"
cat >"$tmp/d/scn.ini" <<'EOF'
[scenario]
start_date = 2027-01-04
warmup = 1w
weeks = 3
replications = 6
[stream portal]
trace = ../log.csv
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
# The rows by where they fall: before start_date, warm-up, span, after.
count() { awk -F, -v a="$1" -v b="$2" -v c="${3:-}" \
    'NR > 1 && $2 >= a && $2 < b && (c == "" || $3 == c)' "$tmp/log.csv" | wc -l; }
before=$(count 0000 2027-01-04)
warm=$(count 2027-01-04 2027-01-11)
span=$(count 2027-01-11 2027-02-01)
after=$(count 2027-02-01 9999)
routine=$(count 2027-01-11 2027-02-01 routine)
clinical=$(count 2027-01-11 2027-02-01 clinical)
expect_exit 0 "$CLINICQ" check "$tmp/d/scn.ini"
expect_out "trace = $(cd "$tmp" && pwd -P)/log.csv"
expect_out "$((warm + span + after + before)) rows of this stream, $warm in the warm-up, $span in the measured span, $((before + after)) outside ($before before start_date, $after after the span)"
# check's output loads back, from another folder, to the same scenario.
cp "$tmp/out" "$tmp/check.ini"
(cd / && "$CLINICQ" check "$tmp/check.ini") >"$tmp/check2.ini" 2>"$tmp/err" ||
    fail "check's output does not load: $(cat "$tmp/err")"
sed 1d "$tmp/check.ini" >"$tmp/a"; sed 1d "$tmp/check2.ini" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "check's output changed on reloading"

# Every replication counts exactly the log's rows of the span, by class.
expect_exit 0 "$CLINICQ" run "$tmp/d/scn.ini" --json --quiet
"$PYTHON3" - "$tmp/out" "$routine" "$clinical" "$span" <<'EOF' || fail "trace arrivals"
import json, sys
d = json.load(open(sys.argv[1]))
want = {"routine": int(sys.argv[2]), "clinical": int(sys.argv[3])}
ok = True
for c, n in want.items():
    a = d["classes"][c]["arrived"]
    if not (a["mean"] == n and a["lo"] == n and a["hi"] == n):
        print(c, a, "want", n); ok = False
tr = d["streams"]["portal"]["trace"]
if tr is None or tr["in_span"] != int(sys.argv[4]) or not tr["file"].endswith("/log.csv"):
    print("streams", d["streams"]); ok = False
sys.exit(0 if ok else 1)
EOF

# Without a class column the classes are drawn by share: the total is still
# the log's, the split varies between replications.
cut -d, -f1,2,4 "$tmp/log.csv" >"$tmp/nc.csv"
sed -e 's|trace = ../log.csv|trace = ../nc.csv\nclasses = routine 0.5, clinical 0.5|' \
    "$tmp/d/scn.ini" >"$tmp/d/nc.ini"
expect_exit 0 "$CLINICQ" run "$tmp/d/nc.ini" --json --quiet
"$PYTHON3" - "$tmp/out" "$span" <<'EOF' || fail "trace with drawn classes"
import json, sys
d = json.load(open(sys.argv[1]))["classes"]
r, c = d["routine"]["arrived"], d["clinical"]["arrived"]
ok = abs(r["mean"] + c["mean"] - int(sys.argv[2])) < 1e-6 and r["hi"] > r["lo"]
print(r, c)
sys.exit(0 if ok else 1)
EOF

# Errors in the log are the log's: FILE.csv:LINE.
awk 'NR == 4 { sub(/routine|clinical/, "urgent") } { print }' "$tmp/log.csv" >"$tmp/u.csv"
sed -e 's|../log.csv|../u.csv|' "$tmp/d/scn.ini" >"$tmp/d/u.ini"
expect_exit 2 "$CLINICQ" check "$tmp/d/u.ini"
expect_err "clinicq: $(cd "$tmp" && pwd -P)/u.csv:4: class 'urgent' is no class of the scenario"
awk 'NR == 6 { $0 = "6,2027-01-04 25:00,routine,3,x" } { print }' "$tmp/log.csv" >"$tmp/u.csv"
expect_exit 2 "$CLINICQ" run "$tmp/d/u.ini" --quiet
expect_err "u.csv:6: bad arrived_at"
# A trace that is a FIFO or a folder: the scenario's trace line is at fault.
mkfifo "$tmp/fifo.csv"
mkdir "$tmp/dir.csv"
for t in fifo.csv dir.csv; do
	sed -e "s|../log.csv|../$t|" "$tmp/d/scn.ini" >"$tmp/d/nf.ini"
	expect_exit 2 "$CLINICQ" check "$tmp/d/nf.ini"
	expect_err "clinicq: $tmp/d/nf.ini:7: the trace log '$(cd "$tmp" && pwd -P)/$t' of [stream portal]: cannot read: not a regular file"
done
sed -e 's|../log.csv|../nc.csv|' "$tmp/d/scn.ini" >"$tmp/d/nocls.ini"
expect_exit 2 "$CLINICQ" check "$tmp/d/nocls.ini"
expect_err "nc.csv:1: the log has no class column, so [stream portal] needs classes"

# A log with a stream column: each trace stream plays its own rows.
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "stream"; next }
    { print $0, (NR % 3 == 0 ? "phone" : "portal") }' "$tmp/log.csv" >"$tmp/st.csv"
sed -e 's|../log.csv|../st.csv|' "$tmp/d/scn.ini" >"$tmp/d/st.ini"
expect_exit 0 "$CLINICQ" check "$tmp/d/st.ini"
n=$(awk -F, 'NR > 1 && NR % 3 != 0' "$tmp/log.csv" | wc -l)
expect_out "; trace: $n rows of this stream"
finish
