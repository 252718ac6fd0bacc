#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fit_service.sh — `clinicq fit`'s service comments on synthetic logs of known
# truth (tests/gen_service.py): service_by_hour recovered and loading, a flat
# log without it, a spike of 5-second services warned of and left out by
# --min-service, the KS warning on a misspecified sample and not on a
# well-specified one, and a near-constant class with an outlier written
# const (it was lognormal(8.7e46,...)).
. "$(dirname "$0")/setup.sh"

GEN="$top_srcdir/tests/gen_service.py"
ROSTER='
[role rn]
cost_per_hour = 50
serves = svc
[shift day]
role = rn
days = all
start = 00:00
end = 24:00
staff = 3'

# ---- services by hour of start: 0.6 at 06:00 rising 0.05 an hour ----------
"$PYTHON3" "$GEN" --seed 1 --by-hour --truth "$tmp/truth.json" >"$tmp/hour.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/hour.csv" --name svc
cp "$tmp/out" "$tmp/hour.ini"
expect_out "service_by_hour = svc_service"
expect_out "[pattern svc_service]"
expect_out "; service by hour of the start of service: one-way ANOVA"
{ cat "$tmp/hour.ini"; echo "$ROSTER"; } >"$tmp/scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/scn.ini"
expect_out "service_by_hour = svc_service"
"$PYTHON3" - "$tmp/hour.ini" "$tmp/truth.json" <<'PY' || fail "service_by_hour's factors"
import json, sys
truth = json.load(open(sys.argv[2]))
named = 0
ok = True
for ln in open(sys.argv[1]):
    if not ln.startswith("weight = all ") or "se " not in ln:
        continue
    f = ln.split()
    h, w, se = int(f[3][:2]), float(f[4]), float(ln.rsplit("se ", 1)[1])
    # The fit's factor is the hour's mean over the class's mean; the truth's
    # is the generator's factor over its mean over the rows.  4 se (the
    # delta-method se fit prints) for each of the ~15 hours named.
    want = truth["factor"][h] / truth["mean_factor"]
    named += 1
    if abs(w - want) > 4 * se:
        print("hour", h, "factor", w, "want", want, "se", se); ok = False
# 06:00-20:00 arrivals, waits of 20 min: 06..20 have rows enough.
if named < 14:
    print("hours named", named); ok = False
sys.exit(0 if ok else 1)
PY

# A stream named like the class's service pattern: the pattern is numbered.
sed '1s/$/,stream,class/; 2,$s/$/,svc_service,svc/' "$tmp/hour.csv" >"$tmp/clash.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/clash.csv"
expect_out "service_by_hour = svc_service2"
expect_out "[pattern svc_service2]"
{ cat "$tmp/out"; echo "$ROSTER"; } >"$tmp/scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/scn.ini"

# 64 streams take every pattern a scenario has: service_by_hour is not
# written, with a warning, and the output still loads.
awk -F, 'NR == 1 { print $0 ",stream,class"; next } { print $0 ",s" (NR % 64) ",svc" }' \
    "$tmp/hour.csv" >"$tmp/full.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/full.csv"
expect_out "; warning: no room for service_by_hour's pattern (a scenario takes 64 patterns)"
grep -q "^service_by_hour" "$tmp/out" && fail "service_by_hour past the patterns' limit"
grep -q "flat by hour" "$tmp/out" && fail "a significant hour effect called flat"
{ cat "$tmp/out"; echo "$ROSTER"; } >"$tmp/scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/scn.ini"

# ---- a flat log: no service_by_hour, no KS warning, no spike --------------
"$PYTHON3" "$GEN" --seed 2 >"$tmp/flat.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/flat.csv" --name svc
expect_out "; the mean service is flat by hour of day (p >= 0.001): no service_by_hour"
expect_out "; sample: mean "
expect_out "times its 5% critical value"
grep -q "^service_by_hour" "$tmp/out" && fail "a flat log got service_by_hour"
grep -q "warning: the KS distance" "$tmp/out" && fail "a lognormal sample got the KS warning"
grep -q "a spike of very short" "$tmp/out" && fail "a lognormal sample got the spike warning"
grep -q "the chosen family's mean" "$tmp/out" && fail "a lognormal sample's mean warned"
grep -q "^service = lognormal(" "$tmp/out" || fail "a lognormal sample's family"

# ---- a 6% spike of 5-second services --------------------------------------
"$PYTHON3" "$GEN" --seed 3 --spike 0.06 >"$tmp/spike.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/spike.csv" --name svc
cp "$tmp/out" "$tmp/spike.ini"
expect_out "; warning: a spike of very short services"
expect_out "leave them out with --min-service 10s"
expect_out "; warning: the KS distance"
expect_exit 0 "$CLINICQ" fit "$tmp/spike.csv" --name svc --min-service 10s
cp "$tmp/out" "$tmp/spike_min.ini"
expect_out "services under 10 s left out of the fit (--min-service); they still count as arrivals"
grep -q "a spike of very short" "$tmp/out" && fail "--min-service 10s still warns of the spike"
# The rows left out of the service fit still count as arrivals.
[ "$(grep '^per_week' "$tmp/spike.ini")" = "$(grep '^per_week' "$tmp/spike_min.ini")" ] ||
    fail "--min-service changed per_week"
"$PYTHON3" - "$tmp/spike_min.ini" <<'PY' || fail "the fit without the spike"
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"^service = lognormal\(([0-9.]+)min,", text, re.M)
se = float(re.search(r"se of the mean ([0-9.e+-]+)\)", text).group(1))
# gen_service.py draws lognormal(4min,3min): the fitted mean within 3 se of
# the sample mean's standard error (the lognormal MLE's is close to it).
if m is None or abs(float(m.group(1)) - 4.0) > 3 * se:
    print("mean", m and m.group(1), "se", se); sys.exit(1)
PY

# Short services that are real (lognormal(0.5min,0.5min): ~18% under 10 s)
# are no spike: the truncated fit predicts them.
"$PYTHON3" "$GEN" --seed 5 --mean 0.5 --sd 0.5 >"$tmp/short.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/short.csv" --name svc
grep -q "are under 10 s; the lognormal fitted to the" "$tmp/out" || fail "no short-service comment"
grep -q "a spike of very short" "$tmp/out" && fail "real short services read as a spike"

# ---- a misspecified sample: half lognormal(1,0.2), half lognormal(10,2) ----
"$PYTHON3" "$GEN" --seed 4 --mix >"$tmp/mix.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/mix.csv" --name svc
expect_out "; warning: the KS distance"
expect_out "the family does not fit"
expect_out "; warning: the chosen family's mean"

# ---- a near-constant class with one outlier ---------------------------------
# 8.9e55 minutes is no number a scenario writes (at most 1e12): a row error at
# its line.  With the outlier at 5e7 minutes (95 years, a legal duration) the
# class is still written constant, and the output loads.
expect_exit 2 "$CLINICQ" fit "$top_srcdir/tests/fuzz/regress_log/lognormal_overflow.csv"
expect_err "lognormal_overflow.csv:40: bad service_min"
sed '40s/,[0-9.]*$/,50000000/' "$top_srcdir/tests/fuzz/regress_log/lognormal_overflow.csv" \
    >"$tmp/over.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/over.csv"
cp "$tmp/out" "$tmp/over.ini"
grep -q "^service = lognormal" "$tmp/over.ini" && fail "the outlier's class is still lognormal"
[ "$(grep -c '^service = const(5min)$' "$tmp/over.ini")" = 3 ] || fail "const(5min) thrice"
expect_out "the service is written constant"
{ cat "$tmp/over.ini"; printf '%s\n' "$ROSTER" | sed "s/serves = svc/serves = c0, c1, c2/"; } \
    >"$tmp/over_scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/over_scn.ini"
# A duration past 100 years is a row error too, as in a scenario.
sed '40s/,[0-9.]*$/,60000000/' "$top_srcdir/tests/fuzz/regress_log/lognormal_overflow.csv" \
    >"$tmp/over100.csv"
expect_exit 2 "$CLINICQ" fit "$tmp/over100.csv"
expect_err "over100.csv:40: service_min of 6e+07 minutes is longer than any duration"
printf 'arrived_at,service_min\n2027-01-04 08:00,0x10\n' >"$tmp/hex.csv"
expect_exit 2 "$CLINICQ" fit "$tmp/hex.csv"
expect_err "hex.csv:2: bad service_min: expected minutes as a plain number"

# ---- a bad --min-service --------------------------------------------------
expect_exit 2 "$CLINICQ" fit "$tmp/flat.csv" --min-service 0
expect_err "bad --min-service '0': want a duration above 0, like 10s"
expect_exit 2 "$CLINICQ" fit "$tmp/flat.csv" --min-service soon
expect_err "bad --min-service 'soon': expected a duration"

finish
