#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# patience.sh — `clinicq fit` on logs with outcome and wait_min columns of
# known truth (tests/gen_patience.py): the censored fits of patience recover
# the truth within stated standard errors, the family is chosen right, the KM
# curve agrees with the true survival, service comes from served rows only,
# and a bad outcome or wait_min is named by line.
. "$(dirname "$0")/setup.sh"

GEN="$top_srcdir/tests/gen_patience.py"
"$PYTHON3" "$GEN" --seed 5 --rows 20000 --truth "$tmp/truth.json" >"$tmp/log.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/log.csv" --name line
cp "$tmp/out" "$tmp/fit.ini"
"$PYTHON3" - "$tmp/fit.ini" "$tmp/log.csv" <<'EOF' || fail "patience estimates: $(grep -e '^; exp' -e '^; lognormal: mu' -e '^patience' -e '^;   ' "$tmp/fit.ini")"
import math, re, sys
from statistics import NormalDist
cls, sec = None, {}
for ln in open(sys.argv[1]):
    m = re.match(r"\[class (\w+)\]", ln)
    if m:
        cls = m.group(1); sec[cls] = []
    elif cls:
        sec[cls].append(ln.rstrip("\n"))
def find(c, pat):
    for ln in sec[c]:
        m = re.search(pat, ln)
        if m:
            return m
    return None
# rows per class in the log, for the counts
served = {}; rows = {}
for ln in open(sys.argv[2]).read().splitlines()[1:]:
    f = ln.split(",")
    rows[f[1]] = rows.get(f[1], 0) + 1
    if f[2].lower() != "abandoned":
        served[f[1]] = served.get(f[1], 0) + 1
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("FAIL", what); ok = False
for c in ("phone", "video"):
    check("mode = sync" in sec[c], c + " mode")
    cens = float(find(c, r"censored .*: \d+ of \d+, ([\d.]+)%").group(1))
    check(20 <= cens <= 40, "%s censoring %s%% outside 20-40%%" % (c, cens))
    # service from the served rows only
    check(find(c, r"; %d rows, %d positive service" % (rows[c], served[c])) is not None,
          c + " service count")
# exp truth, mean 8: the exp MLE's SE is mean / sqrt(abandoned); 3 SE.
m = find("phone", r"; exp: mean ([\d.]+) min \(se ([\d.]+)")
mean, se = float(m.group(1)), float(m.group(2))
n_ab = int(find("phone", r"patience: (\d+) of").group(1))
check(abs(se - mean / math.sqrt(n_ab)) < 1e-3 * se + 5e-4, "exp se formula")
check(abs(mean - 8) < 3 * se, "phone exp mean %g, se %g" % (mean, se))
# its chosen family is exp or gamma (which holds exp at shape 1), mean within 3 SE
m = find("phone", r"^patience = (\w+)\(([\d.]+)min")
check(m.group(1) in ("exp", "gamma") and abs(float(m.group(2)) - 8) < 3 * se,
      "phone chosen " + m.group(0))
# lognormal truth mean 8, sd 6: mu, sigma within 3 of their SEs (observed information)
s2 = math.log(1 + (6 / 8) ** 2)
mu_t, sg_t = math.log(8) - s2 / 2, math.sqrt(s2)
m = find("video", r"; lognormal: mu ([-\d.]+) \(se ([\d.]+)\), sigma ([\d.]+) \(se ([\d.]+)\); mean")
mu, mse, sg, sse = map(float, m.groups())
check(abs(mu - mu_t) < 3 * mse, "video mu %g (se %g), truth %g" % (mu, mse, mu_t))
check(abs(sg - sg_t) < 3 * sse, "video sigma %g (se %g), truth %g" % (sg, sse, sg_t))
check(find("video", r"^patience = lognormal\(") is not None, "video chosen lognormal")
# KM: at 5 min within 3 Greenwood SEs of the true survival; the KM median
# within 3 x se(S) / f(median) of the true median (the delta method).
truth = {"phone": (lambda t: math.exp(-t / 8), lambda t: math.exp(-t / 8) / 8, 8 * math.log(2)),
         "video": (lambda t: 1 - NormalDist(mu_t, sg_t).cdf(math.log(t)),
                   lambda t: NormalDist(mu_t, sg_t).pdf(math.log(t)) / t, math.exp(mu_t))}
for c, (S, f, med_t) in truth.items():
    m = find(c, r"S\(5min\) = ([\d.]+) \(se ([\d.]+)\)")
    s5, sse5 = float(m.group(1)), float(m.group(2))
    check(abs(s5 - S(5)) < 3 * sse5, "%s KM(5) %g se %g, truth %g" % (c, s5, sse5, S(5)))
    med = float(find(c, r"median ([\d.]+)min").group(1))
    check(abs(med - med_t) < 3 * sse5 / f(med_t),
          "%s KM median %g, truth %g, tolerance %g" % (c, med, med_t, 3 * sse5 / f(med_t)))
check("mode = async" in sec["routine"], "routine mode")
check(find("routine", r"none abandoned") is not None, "routine: none abandoned")
check(find("routine", r"^patience") is None, "routine has no patience")
sys.exit(0 if ok else 1)
EOF
# The output loads as a scenario with a role and a shift added.
{ cat "$tmp/fit.ini"; printf '%s\n' '[role rn]' 'cost_per_hour = 50' \
    'serves = phone, video, routine' '[shift day]' 'role = rn' 'days = all' \
    'start = 00:00' 'end = 24:00' 'staff = 3'; } >"$tmp/scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/scn.ini"
expect_out "patience"
expect_exit 0 "$CLINICQ" run "$tmp/scn.ini" -r 2 --quiet

# ---- more pairs than the reservoir holds: a sample, the same truth -------------
# ~40,000 rows of phone and of video, 20,000 kept of each (fixed seed).
"$PYTHON3" "$GEN" --seed 6 --rows 100000 >"$tmp/big.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/big.csv"
expect_out "; lognormal, gamma and KM over a random sample of 20000 of them (fixed seed); exp over all"
"$PYTHON3" - "$tmp/out" <<'EOF' || fail "patience over a sample: $(grep '^patience' "$tmp/out")"
import re, sys
got = re.findall(r"^patience = (\w+)\(([\d.]+)min", open(sys.argv[1]).read(), re.M)
print(got)
# phone (exp truth: exp or gamma of shape ~1) and video (lognormal truth),
# both of mean 8; the means' SEs over 20,000 pairs are about 0.1 min, and the
# exp mean's over all ~27,000 abandoned 0.05: 0.4 is 4 of the larger.
fams = [g[0] for g in got]
ok = len(got) == 2 and "lognormal" in fams
ok = ok and all(abs(float(m) - 8) < 0.4 for _, m in got)
sys.exit(0 if ok else 1)
EOF

# ---- a log without the columns: no patience, no comment on it ---------------
cut -d, -f1,2,5 "$tmp/log.csv" >"$tmp/plain.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/plain.csv"
grep -q -e patience -e 'mode = sync' -e abandoned "$tmp/out" &&
    fail "a log without outcome got patience: $(grep -e patience -e sync "$tmp/out")"

# ---- wait_min missing for some rows: left out, counted -------------------------
awk -F, 'BEGIN { OFS = "," } NR > 1 && NR % 10 == 0 { $4 = "" } { print }' \
    "$tmp/log.csv" >"$tmp/nowait.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/nowait.csv"
expect_out "rows without wait_min left out"

# ---- malformed rows name their line --------------------------------------------
bad() {   # bad LINE TEXT PHRASE: line LINE of the log replaced by TEXT
	awk -v n="$1" -v t="$2" 'NR == n { print t; next } { print }' "$tmp/log.csv" \
	    >"$tmp/bad.csv"
	expect_exit 2 "$CLINICQ" fit "$tmp/bad.csv"
	expect_err "clinicq: $tmp/bad.csv:$1: $3"
	if [ -s "$tmp/out" ]; then fail "fit printed output despite an error at line $1"; fi
}
bad 4 '2027-01-05 08:00,phone,hungup,3.5,' "bad outcome 'hungup': write served or abandoned"
bad 6 '2027-01-05 08:00,phone,abandoned,-1,' "negative wait_min"
bad 8 '2027-01-05 08:00,phone,served,soon,4' "bad wait_min: expected minutes"
finish
