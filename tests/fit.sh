#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fit.sh — `clinicq fit` on synthetic logs of known truth (tests/gen_log.py):
# the pattern, per_week, shares and service families it recovers, its output
# loading as a scenario, malformed rows named by line, --from/--to, the
# overdispersion and too-few-rows warnings.
. "$(dirname "$0")/setup.sh"

GEN="$top_srcdir/tests/gen_log.py"
ROSTER='
[role rn]
cost_per_hour = 50
serves = clinical, routine
[shift day]
role = rn
days = all
start = 00:00
end = 24:00
staff = 3'

# ---- 8 weeks at 500 a week, 3 days of a partial week before ----------------
"$PYTHON3" "$GEN" --seed 7 --weeks 8 --per-week 500 --lead-days 3 \
    --truth "$tmp/truth.json" >"$tmp/log.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/log.csv"
cp "$tmp/out" "$tmp/fit.ini"
expect_out "[pattern log]"
expect_out "[stream log]"
expect_out "fitted the 8 whole weeks 2027-01-04 to 2027-02-28"
expect_out "warning: "
# The pattern against the truth, per_week and shares within sampling error.
"$PYTHON3" - "$tmp/fit.ini" "$tmp/truth.json" "$tmp/log.csv" <<'EOF' || fail "fit's estimates"
import json, math, sys
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
def expand(spec):
    if spec == "all":
        return list(range(7))
    out = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        b = b or a
        out += range(days.index(a), days.index(b) + 1)
    return out
fit = open(sys.argv[1]).read().splitlines()
truth = json.load(open(sys.argv[2]))
w = [0.0] * 168
shares = {}
per_week = None
for ln in fit:
    if ln.startswith("weight = "):
        d, hrs, val = ln[9:].split()
        a, b = hrs.split("-")
        for dd in expand(d):
            for h in range(int(a[:2]), int(b[:2])):
                w[dd * 24 + h] = float(val)
    if ln.startswith("per_week = "):
        per_week = float(ln.split()[2])
    if ln.startswith("classes = "):
        for item in ln[10:].split(","):
            n, v = item.split()
            shares[n] = float(v)
t = truth["weights"]
mw, mt = sum(w) / 168, sum(t) / 168
cov = sum((a - mw) * (b - mt) for a, b in zip(w, t))
r = cov / math.sqrt(sum((a - mw) ** 2 for a in w) * sum((b - mt) ** 2 for b in t))
print("pearson", r, "per_week", per_week, "shares", shares)
ok = True
if not r > 0.9:
    print("pattern correlation", r); ok = False
# per_week = N / 8 with N ~ Poisson(8 * 500): sd sqrt(4000) / 8 = 7.9; 4 sd
if abs(per_week - truth["per_week"]) > 4 * math.sqrt(8 * 500) / 8:
    print("per_week", per_week); ok = False
# a share is binomial over ~4000 rows: sd sqrt(0.7 * 0.3 / 4000) = 0.0072; 4 sd
for n, p in truth["shares"].items():
    if abs(shares[n] - p) > 4 * math.sqrt(p * (1 - p) / 4000):
        print("share", n, shares[n]); ok = False
if abs(sum(shares.values()) - 1) > 1e-6:
    print("shares sum", sum(shares.values())); ok = False
# The rows of the partial week before 2027-01-04 are the ones dropped.
before = sum(1 for ln in open(sys.argv[3]).read().splitlines()[1:]
             if ln.split(",")[1] < "2027-01-04")
want = "%d rows dropped" % before
if not any(want in ln for ln in fit):
    print("want", want); ok = False
sys.exit(0 if ok else 1)
EOF
# The output loads with a role and a shift added.
{ cat "$tmp/fit.ini"; echo "$ROSTER"; } >"$tmp/scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/scn.ini"
expect_exit 0 "$CLINICQ" run "$tmp/scn.ini" -r 2 --quiet

# ---- the right family, for many rows ----------------------------------------
"$PYTHON3" "$GEN" --seed 11 --weeks 20 --per-week 3000 >"$tmp/big.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/big.csv" --name portal
"$PYTHON3" - "$tmp/out" <<'EOF' || fail "the families chosen: $(grep -e '^service' -e '^\[class' "$tmp/out")"
import re, sys
cls = None
got = {}
for ln in open(sys.argv[1]):
    m = re.match(r"\[class (\w+)\]", ln)
    if m:
        cls = m.group(1)
    m = re.match(r"service = (\w+)\(([\d.]+)min,([\d.]+)min\)", ln)
    if m:
        got[cls] = (m.group(1), float(m.group(2)), float(m.group(3)))
print(got)
# ~42,000 routine and ~18,000 clinical service times: the mean's standard
# error is sd / sqrt(n), 0.015 and 0.03 min; 0.1 and 0.2 are over 6 of them.
ok = got["routine"][0] == "lognormal" and got["clinical"][0] == "gamma"
ok = ok and abs(got["routine"][1] - 4) < 0.1 and abs(got["clinical"][1] - 9) < 0.2
ok = ok and abs(got["routine"][2] - 3) < 0.15 and abs(got["clinical"][2] - 4) < 0.2
sys.exit(0 if ok else 1)
EOF
expect_out "[stream portal]"

# ---- --from / --to -------------------------------------------------------------
expect_exit 0 "$CLINICQ" fit "$tmp/log.csv" --from 2027-01-10 --to 2027-02-01
expect_out "fitted the 3 whole weeks 2027-01-11 to 2027-01-31"
n=$(awk -F, 'NR > 1 && $2 >= "2027-01-11" && $2 < "2027-02-01"' "$tmp/log.csv" | wc -l)
expect_out "per_week = $("$PYTHON3" -c "print('%.10g' % ($n / 3))")  ; $n rows over 3 weeks"
expect_exit 2 "$CLINICQ" fit "$tmp/log.csv" --from 2027-01-12 --to 2027-01-17
expect_err "hold no whole week"
# A span past the log's rows is named as such, not as a span ending before it starts.
expect_exit 2 "$CLINICQ" fit "$tmp/log.csv" --from 2030-01-01
expect_err "no rows between --from and --to: the log's rows run from"
expect_exit 2 "$CLINICQ" fit "$tmp/log.csv" --from 2027-13-01
expect_err "bad --from '2027-13-01'"
expect_exit 2 "$CLINICQ" fit "$tmp/log.csv" --from 2027-02-01 --to 2027-01-01
expect_err "--to is before --from"

expect_exit 2 "$CLINICQ" fit "$tmp/log.csv" --name 'a b'
expect_err "bad --name"
printf 'arrived_at\n1900-01-01 00:00\n2027-01-04 00:00\n' >"$tmp/long.csv"
expect_exit 2 "$CLINICQ" fit "$tmp/long.csv"
expect_err "whole weeks, more than 1040; choose a span with --from and --to"
expect_exit 0 "$CLINICQ" fit "$tmp/long.csv" --from 2026-12-01
"$PYTHON3" -c "
print('arrived_at,stream')
for i in range(65): print('2027-01-04 08:00,s%d' % i)" >"$tmp/many.csv"
expect_exit 2 "$CLINICQ" fit "$tmp/many.csv"
expect_err "many.csv:66: more than 64 streams"

# ---- no class column, CRLF: one class of the stream's name ----------------------
"$PYTHON3" "$GEN" --seed 3 --weeks 2 --per-week 300 --no-class --crlf >"$tmp/nc.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/nc.csv" --name inbox
expect_out "classes = inbox 1"
expect_out "[class inbox]"

# ---- malformed rows name their line ----------------------------------------
bad() {   # bad LINE TEXT PHRASE: line LINE of the log replaced by TEXT
	awk -v n="$1" -v t="$2" 'NR == n { print t; next } { print }' "$tmp/log.csv" \
	    >"$tmp/bad.csv"
	expect_exit 2 "$CLINICQ" fit "$tmp/bad.csv"
	expect_err "clinicq: $tmp/bad.csv:$1: $3"
	if [ -s "$tmp/out" ]; then fail "fit printed output despite an error at line $1"; fi
}
bad 5 '5,2027-01-0x 08:00,routine,3,n' "bad arrived_at"
bad 7 '7,2027-01-05 08:00,routine,-2,n' "negative service_min"
bad 9 '9,2027-01-05 08:00,routine,abc,n' "bad service_min"
bad 11 '11,2027-01-05 08:00,routine' "3 fields, but the header has 5"
last=$(wc -l <"$tmp/log.csv")
bad "$last" '13,2027-01-05 08:00,routine,3,"open' "unterminated quote"
bad 1 'when,class' "the header has no 'arrived_at' column"
printf '' >"$tmp/empty.csv"
expect_exit 2 "$CLINICQ" fit "$tmp/empty.csv"
expect_err "empty file"
expect_exit 2 "$CLINICQ" fit "$tmp/no_such.csv"
expect_err "cannot open"

# ---- overdispersed weeks give volume_cv; a class with few rows gets no service ----------
"$PYTHON3" - >"$tmp/od.csv" <<'EOF'
import datetime, random
rng = random.Random(5)
print("arrived_at,class,service_min")
t0 = datetime.datetime(2027, 1, 4)
for w in range(8):
    n = 200 if w % 2 == 0 else 1400     # weeks far apart: not Poisson
    for _ in range(n):
        t = t0 + datetime.timedelta(weeks=w, minutes=rng.uniform(0, 10080))
        print("%s,routine,%.3f" % (t.strftime("%Y-%m-%d %H:%M"), rng.expovariate(0.25)))
for i in range(10):
    print("2027-01-05 1%d:00,rare,3.5" % i)
EOF
expect_exit 0 "$CLINICQ" fit "$tmp/od.csv"
# Weeks of 200 and 1400 rows: day-to-day variation far beyond Poisson, which
# volume_cv carries; the hourly comment points to it rather than warning.
expect_out "hourly counts are overdispersed for Poisson (variance / mean"
expect_out "as daily counts are: volume_cv in [stream od]"
expect_out "volume_cv = "
expect_out "warning: too few service times to fit (10, fewer than 30)"
sed -n '/^\[class rare\]/,$p' "$tmp/out" | grep -q '^service' &&
    fail "a class of 10 rows got a service line"
grep -q overdispersed "$tmp/fit.ini" && fail "a Poisson log warned of overdispersion"
finish
