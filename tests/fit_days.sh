#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fit_days.sh — `clinicq fit`'s days (src/data/fit_days.c) on synthetic logs
# of known truth (tests/gen_log.py): volume_cv recovered from gamma day
# factors and left out for Poisson days; a 2-week hole and a holiday named
# and kept out of per_week and the pattern; --exclude and its usage errors.
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

# ---- (a) volume_cv 25%, 20 weeks at 500 a week ------------------------------
"$PYTHON3" "$GEN" --seed 21 --weeks 20 --per-week 500 --volume-cv 0.25 >"$tmp/cv.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/cv.csv"
cp "$tmp/out" "$tmp/cv.ini"
expect_out "daily counts vary beyond Poisson"
# The estimator's spread, simulated (2000 logs of 140 days with this pattern,
# gamma day factors of CV 0.25, Poisson counts, the same moments): mean 0.249,
# sd 0.022, 0.1% and 99.9% quantiles 0.186 and 0.317.  0.09 is 4 sd.
cv=$(sed -n 's/^volume_cv = \([0-9.]*\)%$/\1/p' "$tmp/cv.ini")
"$PYTHON3" -c "import sys; sys.exit(0 if abs($cv / 100 - 0.25) < 0.09 else 1)" ||
	fail "volume_cv $cv% is not 25% within 9 points"
# The scenario takes it.
{ cat "$tmp/cv.ini"; echo "$ROSTER"; } >"$tmp/scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/scn.ini"
expect_out "volume_cv = $cv%"

# Gaps in a log of overdispersed days: still found (a 0 is improbable even
# for gamma-Poisson counts of CV 25%), and the estimate stays.
"$PYTHON3" "$GEN" --seed 21 --weeks 20 --per-week 500 --volume-cv 0.25 \
    --gap 2027-03-03 --gap 2027-04-05..2027-04-11 >"$tmp/cvg.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/cvg.csv"
expect_out "; left out, a gap in the log: 2027-03-03 (wed), 0 rows"
expect_out "; left out, a gap in the log: the week 2027-04-05..2027-04-11, 0 rows"
expect_out "volume_cv = "
# Days of CV 70%: a fifth of the usual is chance, not a gap; a 0 still is.
"$PYTHON3" "$GEN" --seed 21 --weeks 20 --per-week 500 --volume-cv 0.7 \
    --gap 2027-03-03 >"$tmp/cv7.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/cv7.csv"
expect_out "; left out, a gap in the log: 2027-03-03 (wed), 0 rows"
[ "$(grep -c '^; left out' "$tmp/out")" = 1 ] || fail "CV 70%: $(grep 'left out' "$tmp/out")"

# ---- (b) Poisson days: no volume_cv -----------------------------------------
# The dispersion test's level is 0.001: a Poisson log writes volume_cv once in
# a thousand seeds; these seeds are fixed.
for seed in 21 22 23; do
	"$PYTHON3" "$GEN" --seed $seed --weeks 20 --per-week 500 >"$tmp/po.csv"
	expect_exit 0 "$CLINICQ" fit "$tmp/po.csv"
	expect_out "daily counts are Poisson-like: no volume_cv"
	grep -q '^volume_cv' "$tmp/out" && fail "a Poisson log (seed $seed) got volume_cv"
	grep -q 'left out' "$tmp/out" && fail "a Poisson log (seed $seed) lost days"
done

# ---- (c) a 2-week hole and a holiday of 0 rows ------------------------------
"$PYTHON3" "$GEN" --seed 5 --weeks 12 --per-week 500 --gap 2027-02-01..2027-02-14 \
    --gap 2027-03-03 >"$tmp/gap.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/gap.csv"
cp "$tmp/out" "$tmp/gap.ini"
expect_out "; left out, a gap in the log: the weeks 2027-02-01..2027-02-14, 0 rows"
expect_out "; left out, a gap in the log: 2027-03-03 (wed), 0 rows"
expect_out "on the 69 days kept of 84: the sum of each weekday's mean"
"$PYTHON3" - "$tmp/gap.ini" <<'EOF' || fail "per_week or the pattern biased by the gaps"
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"per_week = ([\d.]+) .*\(se ([\d.]+)\)", text)
pw, se = float(m.group(1)), float(m.group(2))
print("per_week", pw, "se", se)
ok = abs(pw - 500) < 3 * se          # 3 of its standard errors
ok = ok and 4 < se < 12              # Poisson: sqrt(500 / 10 weeks) ~ 7
# Zeros averaged in would give 500 * 69 / 84 = 411: far outside.
# The pattern is over the days kept: its weights sum to per_week (up to
# their rounding to 3 figures).
days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
tot = 0
for d, a, b, v in re.findall(r"^weight = (\S+) (\d\d):00-(\d\d):00 (\S+)$", text, re.M):
    n = 0
    for part in d.split(","):
        x, _, y = part.partition("-")
        n += days.index(y or x) - days.index(x) + 1
    tot += n * (int(b) - int(a)) * float(v)
print("pattern sum", tot)
ok = ok and abs(tot - pw) < 0.01 * pw
sys.exit(0 if ok else 1)
EOF

# ---- (d) --exclude ----------------------------------------------------------
expect_exit 0 "$CLINICQ" fit "$tmp/gap.csv" --exclude 2027-03-10..2027-03-12 \
    --exclude 2027-01-04
expect_out "; left out, --exclude: the 3 days 2027-03-10..2027-03-12, "
expect_out "; left out, --exclude: 2027-01-04 (mon), "
expect_out "on the 65 days kept of 84"
# per_week is the sum of each weekday's mean over the days kept.
"$PYTHON3" - "$tmp/gap.csv" "$tmp/out" <<'EOF' || fail "per_week over the days kept"
import datetime, re, sys
out = set(["2027-01-04", "2027-03-03", "2027-03-10", "2027-03-11", "2027-03-12"])
out |= set(str(datetime.date(2027, 2, 1) + datetime.timedelta(i)) for i in range(14))
cnt = {}
for ln in open(sys.argv[1]).read().splitlines()[1:]:
    d = ln.split(",")[1][:10]
    cnt[d] = cnt.get(d, 0) + 1
tot = [0] * 7
n = [0] * 7
for i in range(84):
    d = datetime.date(2027, 1, 4) + datetime.timedelta(i)
    if str(d) not in out:
        tot[d.weekday()] += cnt.get(str(d), 0)
        n[d.weekday()] += 1
want = sum(t / k for t, k in zip(tot, n))
got = float(re.search(r"^per_week = (\S+)", open(sys.argv[2]).read(), re.M).group(1))
print("per_week", got, "want", want)
sys.exit(0 if abs(got - want) < 1e-6 * want else 1)
EOF
# An excluded day inside a gap stays named as excluded; days outside the
# fitted weeks change nothing.
expect_exit 0 "$CLINICQ" fit "$tmp/gap.csv" --exclude 2026-01-01..2026-12-31
expect_out "on the 69 days kept of 84"
expect_exit 2 "$CLINICQ" fit "$tmp/gap.csv" --exclude 2027-03-12..2027-03-10
expect_err "bad --exclude '2027-03-12..2027-03-10': the range ends before it starts"
expect_exit 2 "$CLINICQ" fit "$tmp/gap.csv" --exclude 2027-02-30
expect_err "bad --exclude '2027-02-30'"
expect_exit 2 "$CLINICQ" fit "$tmp/gap.csv" --exclude 2027-03-01..
expect_err "bad --exclude ''"
expect_exit 2 "$CLINICQ" fit "$tmp/gap.csv" --exclude 2027-03-01...2027-03-02
expect_err "bad --exclude '.2027-03-02'"
expect_exit 2 "$CLINICQ" fit "$tmp/gap.csv" --exclude
expect_exit 2 "$CLINICQ" fit "$tmp/gap.csv" --exclude 2027-01-01..2027-12-31
expect_err "stream gap: every day of the weeks fitted is left out"
# Every Monday excluded: a warning, and the other days fitted.
"$PYTHON3" "$GEN" --seed 3 --weeks 2 --per-week 300 >"$tmp/two.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/two.csv" --exclude 2027-01-04 --exclude 2027-01-11
expect_out "; warning: no day kept on mon: per_week and the pattern count none for it"
finish
