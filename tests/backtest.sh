#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# backtest.sh — `clinicq backtest`: the round trip scenario -> run --records
# -> backtest of the same scenario against the records (observed figures
# equal the records' own, computed here independently; the simulated ones
# agree within their intervals), then fit --scenario on the records and a
# backtest of the fitted scenario (looser); the JSON keys of the contract;
# backtest.csv and the Backtest sheet; --profile on the shipped example;
# -j changes nothing; each error with a bad input.
. "$(dirname "$0")/setup.sh"

# 12 an hour around the clock on 2 agents, 70% calls with patience (about
# one in six abandoned) and 30% notes (async): as tests/records.sh.
cat >"$tmp/a.ini" <<'INI'
[scenario]
name = backtest round trip
start_date = 2027-01-04
weeks = 8
warmup = 1w
replications = 3
seed = 7

[stream line]
rate = 12/h
classes = call 70%, note 30%

[class call]
mode = sync
service = lognormal(8min,5min)
patience = exp(6min)
target = 80% <= 2min

[class note]
mode = async
service = gamma(5min,3min)
target = 90% <= 8h

[role agent]
cost_per_hour = 30
serves = call, note

[shift always]
role = agent
days = all
start = 00:00
end = 24:00
staff = 2
INI
A="$tmp/a.ini"

expect_exit 0 "$CLINICQ" run "$A" -r 1 --quiet --records "$tmp/r.csv"
R="$tmp/r.csv"

# The same scenario against its own records, 40 replications.
expect_exit 0 "$CLINICQ" backtest "$A" "$R" -r 40 --quiet --json --csv "$tmp/c" \
    -o "$tmp/b.xlsx"
cp "$tmp/out" "$tmp/b.json"

# The JSON's shape is the contract's, key for key.
json_check "$tmp/b.json" \
    'list(d) == ["backtest"]' \
    'list(d["backtest"]) == ["classes", "by_hour", "agreement"]' \
    'sorted(d["backtest"]["classes"]) == ["call", "note"]' \
    'list(d["backtest"]["classes"]["call"]) == ["arrivals_per_week", "abandon_rate", "wait_mean_min", "within_target"]' \
    'all(list(f) == ["observed", "simulated"] and list(f["simulated"]) == ["mean", "lo", "hi"] for c in d["backtest"]["classes"].values() for f in c.values())' \
    '[r["hour"] for r in d["backtest"]["by_hour"]] == list(range(24))' \
    'all(list(r) == ["hour", "arrivals_per_week", "abandon_rate", "wait_mean_min", "within_target", "agents_on_duty", "utilization"] for r in d["backtest"]["by_hour"])' \
    'all(list(r[m]) == ["observed", "simulated", "outside"] and isinstance(r[m]["outside"], bool) for r in d["backtest"]["by_hour"] for m in r if m != "hour")' \
    'list(d["backtest"]["agreement"]) == ["arrivals_per_week", "abandon_rate", "wait_mean_min", "within_target", "agents_on_duty", "utilization"]'

# Observed figures: the records' own, computed here from the CSV over its
# whole weeks (Monday 00:00 to Monday 00:00).  Printed to 10 digits.
"$PYTHON3" - "$R" "$tmp/b.json" <<'PY' || fail "observed figures differ from the records' own"
import csv, json, sys
from datetime import datetime, timedelta
rows = list(csv.DictReader(open(sys.argv[1])))
b = json.load(open(sys.argv[2]))["backtest"]
t = lambda s: datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
days = [t(r["arrived_at"]).date() for r in rows]
lo, hi = min(days), max(days)
start = lo + timedelta(days=(7 - lo.weekday()) % 7)
end = hi + timedelta(days=1)
end -= timedelta(days=end.weekday())
weeks = (end - start).days // 7
target = {"call": (2.0, False), "note": (480.0, True)}
def figs(sel):
    n = len(sel); ab = sum(r["outcome"] == "abandoned" for r in sel)
    sv = [r for r in sel if r["outcome"] == "served"]
    def met(r):
        lim, asy = target[r["class"]]
        w = float(r["wait_min"]) + (float(r["service_min"]) if asy else 0.0)
        return w <= lim + 1e-9
    return {"arrivals_per_week": n / weeks, "abandon_rate": ab / n,
            "wait_mean_min": sum(float(r["wait_min"]) for r in sv) / len(sv),
            "within_target": sum(map(met, sv)) / n}
inside = [r for r, d in zip(rows, days) if start <= d < end]
ok = True
def same(a, b, what):
    global ok
    if abs(a - b) > 1e-9 * max(1.0, abs(b)):
        print("FAIL: %s: backtest %r, records %r" % (what, a, b)); ok = False
for c in ("call", "note"):
    for m, v in figs([r for r in inside if r["class"] == c]).items():
        same(b["classes"][c][m]["observed"], v, c + " " + m)
for h in range(24):
    for m, v in figs([r for r in inside if t(r["arrived_at"]).hour == h]).items():
        same(b["by_hour"][h][m]["observed"], v, "hour %d %s" % (h, m))
sys.exit(0 if ok else 1)
PY

# Agreement.  The model is the records' own, so each hour's observed value
# is one draw of what a replication gives: a 95% interval for one
# replication (mean +- t s sqrt(1 + 1/n), doc/data.md "Backtest") misses it
# with probability 5%.  Over 3 measures x 24 hours (72 checks, about 3.6
# expected outside) at most 10 may fall outside: P(Binomial(72, 0.05) >= 11)
# is about 0.001.  Arrivals are the log's own: 0 gap, none outside.  Each
# measure's mean |gap| is at most 1.5 times what an exact model gives,
# E|observed - mean| = s sqrt(1 + 1/n) sqrt(2/pi), s from the interval.
json_check "$tmp/b.json" \
    'd["backtest"]["agreement"]["arrivals_per_week"] == 0' \
    'not any(r["arrivals_per_week"]["outside"] for r in d["backtest"]["by_hour"])' \
    'sum(r[m]["outside"] for r in d["backtest"]["by_hour"] for m in ("abandon_rate", "wait_mean_min", "within_target")) <= 10' \
    'all(d["backtest"]["agreement"][m] <= 1.5 * sum((r[m]["simulated"]["hi"] - r[m]["simulated"]["lo"]) / 2 / 2.0227 * 0.7979 for r in d["backtest"]["by_hour"]) / 24 for m in ("abandon_rate", "wait_mean_min", "within_target"))' \
    'all(c[m]["simulated"]["lo"] <= c[m]["observed"] <= c[m]["simulated"]["hi"] for c in d["backtest"]["classes"].values() for m in ("arrivals_per_week", "abandon_rate"))'

# -j does not change a figure.
expect_exit 0 "$CLINICQ" backtest "$A" "$R" -r 40 --quiet --json -j 2
cmp -s "$tmp/out" "$tmp/b.json" || fail "backtest -j 2 differs from -j 1"

# backtest.csv: a row per class and measure (2 x 4), per hour and measure
# (24 x 6) and the agreement (6); the observed column matches the JSON.
[ -f "$tmp/c/backtest.csv" ] || fail "--csv wrote no backtest.csv"
"$PYTHON3" - "$tmp/c/backtest.csv" "$tmp/b.json" <<'PY' || fail "backtest.csv disagrees with the JSON"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
b = json.load(open(sys.argv[2]))["backtest"]
assert list(rows[0])[:9] == ["scope", "name", "measure", "observed", "simulated_mean",
    "simulated_lo", "simulated_hi", "outside", "mean_abs_gap"], list(rows[0])
assert len(rows) == 8 + 24 * 6 + 6, len(rows)
for r in rows:
    if r["scope"] == "class":
        f = b["classes"][r["name"]][r["measure"]]
    elif r["scope"] == "hour":
        f = b["by_hour"][int(r["name"])][r["measure"]]
    else:
        assert abs(float(r["mean_abs_gap"]) - b["agreement"][r["measure"]]) < 1e-9
        continue
    assert abs(float(r["observed"]) - f["observed"]) <= 1e-9 * max(1, abs(f["observed"])), r
    assert abs(float(r["simulated_mean"]) - f["simulated"]["mean"]) <= 1e-9 * max(1, abs(f["simulated"]["mean"])), r
PY

# The workbook opens; its Backtest sheet holds the JSON's figures by hour and
# a chart each for abandonment, wait and the share within target.
"$PYTHON3" - "$tmp/b.xlsx" "$tmp/b.json" <<'PY' || fail "the Backtest sheet"
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
b = json.load(open(sys.argv[2]))["backtest"]
ws = wb["Backtest"]
# The by-hour table sits below the charts and the class table: its header is
# the row whose first cell is "hour"; its columns are titled for people.
top = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "hour")
head = [c.value for c in ws[top]]
titles = {"abandon_rate": "Abandoned, share of arrivals",
          "wait_mean_min": "Mean wait of answered items (min)",
          "within_target": "Answered within the class's target"}
def same(v, want):
    return (v is None and want is None) or abs(v - want) < 1e-9
for m in ("abandon_rate", "wait_mean_min", "within_target"):
    col = head.index(titles[m] + ": observed")
    for h in range(24):
        v = ws.cell(row=top + 1 + h, column=col + 1).value
        assert same(v, b["by_hour"][h][m]["observed"]), (m, h, v)
        v = ws.cell(row=top + 1 + h, column=col + 2).value
        assert same(v, b["by_hour"][h][m]["simulated"]["mean"]), (m, h, v)
        lo = ws.cell(row=top + 1 + h, column=col + 3).value
        assert lo is None or lo >= 0, (m, h, lo)   # no interval below 0
assert len(ws._charts) == 3, len(ws._charts)
PY

# The text marks the hours outside with '*' and names them.
expect_exit 0 "$CLINICQ" backtest "$A" "$R" -r 40 --quiet
expect_out "agreement: mean |observed - simulated|"
expect_out "class call"

# fit --scenario on the records, then a backtest of the fitted scenario.
# Looser: the fitted service, patience and staff carry their own errors
# besides the runs' noise.  The records hold some 11,000 calls, 17%
# abandoned: the share's standard error is sqrt(0.17 x 0.83 / 11000) =
# 0.0036, and a patience fitted from them moves the simulated share by about
# as much again; so each class's simulated abandonment lies within 0.03 of
# the records' (over 5 of those errors together), the mean gap by hour too,
# and at most a quarter of the hours of abandonment and wait (12 of 48) fall
# outside their intervals (against 2.4 expected of an exact model).
expect_exit 0 "$CLINICQ" fit "$R" --scenario
cp "$tmp/out" "$tmp/f.ini"
expect_exit 0 "$CLINICQ" backtest "$tmp/f.ini" "$R" -r 40 --quiet --json
cp "$tmp/out" "$tmp/f.json"
json_check "$tmp/f.json" \
    'all(abs(c["abandon_rate"]["observed"] - c["abandon_rate"]["simulated"]["mean"]) <= 0.03 for c in d["backtest"]["classes"].values())' \
    'sum(r[m]["outside"] for r in d["backtest"]["by_hour"] for m in ("abandon_rate", "wait_mean_min")) <= 12' \
    'd["backtest"]["agreement"]["abandon_rate"] <= 0.03' \
    'd["backtest"]["agreement"]["arrivals_per_week"] == 0'

# --profile: the shipped profile on its example export, against the scenario
# fit --scenario makes from it.  The replay's arrivals are the log's, class
# by class, and the observed arrivals are whole numbers a week apart.
P="$top_srcdir/profiles/acd_calls.ini"
L="$top_srcdir/profiles/acd_calls_example.tsv"
expect_exit 0 "$CLINICQ" fit "$L" --profile "$P" --scenario
cp "$tmp/out" "$tmp/p.ini"
expect_exit 0 "$CLINICQ" backtest "$tmp/p.ini" "$L" --profile "$P" -r 10 --quiet --json
cp "$tmp/out" "$tmp/p.json"
json_check "$tmp/p.json" \
    'sorted(d["backtest"]["classes"]) == ["internet", "regular", "stocks"]' \
    'all(c["arrivals_per_week"]["observed"] == c["arrivals_per_week"]["simulated"]["mean"] for c in d["backtest"]["classes"].values())' \
    'all(abs(c["arrivals_per_week"]["observed"] * 3 - round(c["arrivals_per_week"]["observed"] * 3)) < 1e-6 for c in d["backtest"]["classes"].values())' \
    'len(d["backtest"]["by_hour"]) == 24'
# Its observed counts are fit's own, counted by fit's passes through the same
# profile: per class, rows = 3 weeks x arrivals_per_week and abandoned =
# fit's "patience: A of N rows abandoned" comment.
"$PYTHON3" - "$tmp/p.ini" "$tmp/p.json" <<'PY' || fail "backtest through the profile disagrees with fit's counts"
import json, re, sys
b = json.load(open(sys.argv[2]))["backtest"]["classes"]
cls, seen = None, 0
for line in open(sys.argv[1]):
    m = re.match(r"\[class (\S+)\]", line)
    if m:
        cls = m.group(1)
    m = re.match(r"; patience: (\d+) of (\d+) rows abandoned", line)
    if m and cls in b:
        a, n = int(m.group(1)), int(m.group(2))
        c = b[cls]
        assert abs(c["arrivals_per_week"]["observed"] * 3 - n) < 1e-6, (cls, c, n)
        assert abs(c["abandon_rate"]["observed"] * n - a) < 1e-6, (cls, c, a)
        seen += 1
assert seen == 3, seen
PY
# The text names the rows the profile skipped.
expect_exit 0 "$CLINICQ" backtest "$tmp/p.ini" "$L" --profile "$P" -r 3 --quiet
expect_out "rows skipped by the profile"
# Without the profile the export is no canonical log.
expect_exit 2 "$CLINICQ" backtest "$tmp/p.ini" "$L" -r 2 --quiet

# Errors.  A bad row: LOG:LINE, exit 2.
printf 'arrived_at,class\n2027-01-04 10:00,call\nbad,call\n' >"$tmp/bad.csv"
expect_exit 2 "$CLINICQ" backtest "$A" "$tmp/bad.csv" --quiet
expect_err "bad.csv:3: bad arrived_at"
# A class the scenario lacks, at its line.
printf 'arrived_at,class\n2027-01-04 10:00,call\n2027-01-05 10:00,zzz\n' >"$tmp/cls.csv"
expect_exit 2 "$CLINICQ" backtest "$A" "$tmp/cls.csv" --quiet
expect_err "cls.csv:3: class 'zzz' is no class of the scenario"
# A span with no whole week.
printf 'arrived_at,class\n2027-01-05 10:00,call\n2027-01-10 10:00,call\n' >"$tmp/short.csv"
expect_exit 2 "$CLINICQ" backtest "$A" "$tmp/short.csv" --quiet
expect_err "hold no whole week (Monday 00:00 to Monday 00:00)"
# No class column, and the scenario has two classes.
printf 'arrived_at\n2027-01-05 10:00\n' >"$tmp/nocls.csv"
expect_exit 2 "$CLINICQ" backtest "$A" "$tmp/nocls.csv" --quiet
expect_err "nocls.csv:1: the log has no class column and the scenario has 2 classes"
# A header and no rows.
printf 'arrived_at,class\n' >"$tmp/empty.csv"
expect_exit 2 "$CLINICQ" backtest "$A" "$tmp/empty.csv" --quiet
expect_err "no rows after the header"
# The operands.
expect_exit 2 "$CLINICQ" backtest "$A"
expect_err "no LOG.csv given"
expect_exit 2 "$CLINICQ" backtest "$A" "$R" extra
expect_err "unexpected argument 'extra'"
expect_exit 0 "$CLINICQ" backtest --help
expect_out "usage: clinicq backtest SCENARIO.ini LOG.csv"
expect_exit 0 "$CLINICQ" --help
expect_out "backtest SCENARIO.ini LOG.csv"

finish
