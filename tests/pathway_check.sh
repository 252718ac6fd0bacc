#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# pathway_check.sh — `clinicq check` on a care pathway: 'next' and
# 'measure_from' printed, each class's expected arrivals per week from the
# traffic equations (streams, readings over their threshold, routed items),
# and the output checks to the same text; optimize's relaxation counts
# routed work.
. "$(dirname "$0")/setup.sh"

# 1400 messages a week, 80% to triage: triage -> rn 0.5 and back to triage
# 0.1; rn -> md 0.2.  Traffic equations: triage = 1120 / 0.9 = 1244.44,
# rn = 622.222, md = 124.444 + 280 direct = 404.444.  Readings: 100 a day
# over 180 of normal(138,18), P = 0.009815 (1 - Phi(2.3333)): 6.8706 a week.
cp "$FIX/pathway_check_p.ini" "$tmp/p.ini"
expect_exit 0 "$CLINICQ" check "$tmp/p.ini"
expect_out "next = rn 0.5, triage 0.1"
expect_out "next = md 0.2"
expect_out "measure_from = origin"
expect_out "; expected arrivals per week, from the streams and routed by 'next'"
cp "$tmp/out" "$tmp/c1.ini"
"$PYTHON3" - "$tmp/out" <<'PY' || fail "expected arrivals per week are wrong"
import re, sys
got = {}
for line in open(sys.argv[1]):
    m = re.match(r";   (\w+) +([0-9.e+]+)", line)
    if m:
        got[m.group(1)] = float(m.group(2))
want = {"triage": 1120 / 0.9, "rn": 560 / 0.9, "md": 112 / 0.9 + 280,
        "alert": 700 * 0.0098153286}
for k, v in want.items():
    assert abs(got[k] - v) <= 1e-4 * v, (k, got.get(k), v)
PY
grep -qF "(streams 280, routed 124.444)" "$tmp/out" || fail "md's line lacks its parts"
# The output loads back and checks to the same text (but the file's name).
expect_exit 0 "$CLINICQ" check "$tmp/c1.ini"
tail -n +2 "$tmp/c1.ini" >"$tmp/a"
tail -n +2 "$tmp/out" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" || fail "check's output does not check to the same text"
# A routing that never ends is refused at its 'next'.
expect_exit 2 "$CLINICQ" check "$tmp/p.ini" --set 'class.triage.next=rn 1' --set 'class.rn.next=triage 1'
expect_err "routing in [class triage] next never ends"

# optimize's first roster (the relaxation) counts routed work: b gets only
# a's routed half, 3 an hour of 20 minutes, one erlang: Erlang C needs 3
# persons for 80% within 10 minutes.
cp "$FIX/pathway_check_o.ini" "$tmp/o.ini"
expect_exit 0 "$CLINICQ" optimize "$tmp/o.ini" --json
"$PYTHON3" - "$tmp/out" <<'PY' || fail "the relaxation ignores routed work"
import json, sys
d = json.load(open(sys.argv[1]))
first = [it for it in d["iterations"] if it["phase"] == "first"][0]["roster"]
assert first["sb"] == 3, first
assert d["feasible"] and d["roster"]["sb"] >= 3, d["roster"]
PY
finish
