#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# records.sh — `run --records`: every measured item of the first replication
# as an event log that `clinicq fit` reads unchanged.  Its rows agree with
# run --json (arrived and abandoned per class, the mean wait of the served);
# abandoned rows of a sync class with patience carry a wait and no agent;
# fit recovers the scenario's volume, service and patience within their
# standard errors; the file is the same bytes for the same seed with -j 1
# and -j 2, --records-all too; the records change no figure of the run; an
# unwritable path is an error and a failed run leaves no file.
. "$(dirname "$0")/setup.sh"

# 12 an hour around the clock (2016 a week), 70% calls with patience, on 2
# agents: about one call in six is abandoned.
cat >"$tmp/a.ini" <<'INI'
[scenario]
name = records round trip
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

expect_exit 0 "$CLINICQ" run "$A" -r 1 --quiet --json --records "$tmp/r.csv"
cp "$tmp/out" "$tmp/r.json"
"$PYTHON3" - "$tmp/r.csv" "$tmp/r.json" <<'PY' || fail "the records disagree with run --json"
import csv, json, sys
from datetime import datetime, timedelta
rows = list(csv.DictReader(open(sys.argv[1])))
j = json.load(open(sys.argv[2]))["classes"]
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("FAIL:", what); ok = False
def t(s):
    return datetime.strptime(s, "%Y-%m-%d %H:%M:%S")
check(list(rows[0].keys()) == ["arrived_at", "class", "service_min", "outcome",
      "wait_min", "agent", "started_at"], "columns %s" % list(rows[0].keys()))
for name, c in j.items():
    mine = [r for r in rows if r["class"] == name]
    served = [r for r in mine if r["outcome"] == "served"]
    gone = [r for r in mine if r["outcome"] == "abandoned"]
    # -r 1: the JSON's means are replication 1's own figures.
    check(len(mine) == c["arrived"]["mean"], "%s: %d rows, arrived %s"
          % (name, len(mine), c["arrived"]["mean"]))
    check(len(gone) == c["abandoned"]["mean"], "%s: %d abandoned rows, abandoned %s"
          % (name, len(gone), c["abandoned"]["mean"]))
    check(len(served) == c["completed"]["mean"], "%s: %d served rows, completed %s"
          % (name, len(served), c["completed"]["mean"]))
    # Each wait is printed to 0.00005 min; the JSON's mean to 10 digits.
    w = sum(float(r["wait_min"]) for r in served) / len(served)
    check(abs(w - c["wait_mean_min"]["mean"]) < 1e-4, "%s: served wait mean %.6f, "
          "JSON %s" % (name, w, c["wait_mean_min"]["mean"]))
    for r in served:
        if not (r["agent"] in ("agent-1", "agent-2") and float(r["service_min"]) > 0):
            check(False, "served row %s" % r); break
        # Both times are rounded to the second.
        d = (t(r["started_at"]) - t(r["arrived_at"])).total_seconds()
        if abs(d - 60 * float(r["wait_min"])) > 1.01:   # 0.5 s each, and wait_min to 0.003 s
            check(False, "started_at - arrived_at %.0f s, wait_min %s" % (d, r["wait_min"])); break
    for r in gone:
        if r["agent"] or r["service_min"] or r["started_at"] or not float(r["wait_min"]) > 0:
            check(False, "abandoned row %s" % r); break
calls = [r for r in rows if r["class"] == "call"]
check(sum(r["outcome"] == "abandoned" for r in calls) > 0.05 * len(calls),
      "calls abandoned: too few to test")
# Measured items only: arrivals in the 8 weeks after the week of warm-up.
first, last = min(t(r["arrived_at"]) for r in rows), max(t(r["arrived_at"]) for r in rows)
check(first >= datetime(2027, 1, 11) and last < datetime(2027, 3, 8),
      "arrivals from %s to %s, outside the measured span" % (first, last))
sys.exit(0 if ok else 1)
PY

# Escalation, call-backs under [contact], follow-ups: every class's served
# rows are its completed items; the rows missing are the call-backs that
# never reached the patient.
expect_exit 0 "$CLINICQ" run "$SCN/family_practice.ini" -r 1 --set scenario.weeks=4 \
	--quiet --json --records "$tmp/fp.csv"
"$PYTHON3" - "$tmp/fp.csv" "$tmp/out" <<'PY' || fail "family_practice: the records disagree with run --json"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
j = json.load(open(sys.argv[2]))
ok = True
for name, c in j["classes"].items():
    served = sum(r["class"] == name and r["outcome"] == "served" for r in rows)
    if served != c["completed"]["mean"]:
        print("FAIL: %s: %d served rows, completed %s" % (name, served, c["completed"]["mean"]))
        ok = False
arrived = sum(c["arrived"]["mean"] for c in j["classes"].values())
unreached = j["safety"]["unreached"]["mean"]
if not (unreached > 0 and len(rows) == arrived - unreached):
    print("FAIL: %d rows, %s arrived, %s unreached" % (len(rows), arrived, unreached))
    ok = False
sys.exit(0 if ok else 1)
PY

# The round trip: fit reads the file as it is.
expect_exit 0 "$CLINICQ" fit "$tmp/r.csv" --name line
cp "$tmp/out" "$tmp/fit.ini"
"$PYTHON3" - "$tmp/fit.ini" <<'PY' || fail "fit of the records: $(grep -e '^per_week' -e '^service' -e '^patience' -e '^; exp:' "$tmp/fit.ini")"
import math, re, sys
text = open(sys.argv[1]).read()
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("FAIL:", what); ok = False
# Truth: 12/h x 168 h = 2016 a week; 8 weeks of Poisson counts give the
# weekly mean a standard error of sqrt(2016 x 8) / 8 = 15.9: within 4 se.
pw = float(re.search(r"^per_week = ([0-9.]+)", text, re.M).group(1))
check(abs(pw - 2016) < 4 * math.sqrt(2016 * 8) / 8, "per_week %.1f, truth 2016" % pw)
call = text[text.index("[class call]"):text.index("[class note]")]
check("mode = sync" in call, "call is not sync")
# Patience exp(6min): fit's exp mean and its se (mean / sqrt(abandoned)).
m = re.search(r"; exp: mean ([0-9.]+) min \(se ([0-9.]+)", call)
check(m and abs(float(m.group(1)) - 6) < 4 * float(m.group(2)),
      "patience exp mean %s, truth 6" % (m.group(0) if m else None))
# Service lognormal, mean 8 and sd 5 minutes, of about 9,000 served calls:
# the mean's se is 5 / sqrt(n) < 0.06.
m = re.search(r"^service = lognormal\(([0-9.]+)min", call, re.M)
n = int(re.search(r"(\d+) positive service times", call).group(1))
check(m and abs(float(m.group(1)) - 8) < 4 * 5 / math.sqrt(n),
      "call service %s, truth mean 8" % (m.group(0) if m else None))
sys.exit(0 if ok else 1)
PY

# The records change no figure of the run.
expect_exit 0 "$CLINICQ" run "$A" -r 1 --quiet --json
"$PYTHON3" - "$tmp/out" "$tmp/r.json" <<'PY' || fail "run --json differs with --records"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
a.pop("timing", None); b.pop("timing", None)
sys.exit(0 if a == b else 1)
PY

# The same bytes for the same seed, whatever -j; --records-all too, in
# replication order, its replication 1 the file of --records.
for jobs in 1 2; do
	expect_exit 0 "$CLINICQ" run "$A" -j $jobs --quiet --records "$tmp/one$jobs.csv"
	expect_exit 0 "$CLINICQ" run "$A" -j $jobs --quiet --records "$tmp/all$jobs.csv" \
		--records-all
done
cmp -s "$tmp/one1.csv" "$tmp/one2.csv" || fail "--records differs between -j 1 and -j 2"
cmp -s "$tmp/all1.csv" "$tmp/all2.csv" || fail "--records-all differs between -j 1 and -j 2"
cmp -s "$tmp/one1.csv" "$tmp/r.csv" || fail "--records differs between -r 1 and -r 3"
[ "$(cut -d, -f1 "$tmp/all1.csv" | uniq | tr '\n' ' ')" = "replication 1 2 3 " ] ||
	fail "--records-all: replications not in order: $(cut -d, -f1 "$tmp/all1.csv" | uniq -c)"
grep '^1,' "$tmp/all1.csv" | cut -d, -f2- >"$tmp/rep1.csv"
tail -n +2 "$tmp/one1.csv" | cmp -s - "$tmp/rep1.csv" ||
	fail "--records-all: replication 1 is not the file of --records"
[ -z "$(ls "$tmp" | grep tmp)" ] || fail "a temporary is left: $(ls "$tmp")"

# Errors: an unwritable path, a folder, an empty name, --records-all alone;
# a failed run keeps the file that was there and leaves no temporary.
expect_exit 1 "$CLINICQ" run "$A" -r 1 --quiet --records "$tmp/no/such/r.csv"
expect_err "cannot create a file here"
expect_exit 1 "$CLINICQ" run "$A" -r 1 --quiet --records "$tmp"
expect_err "is a folder"
expect_exit 2 "$CLINICQ" run "$A" -r 1 --quiet --records ''
expect_err "--records '': an empty name"
expect_exit 2 "$CLINICQ" run "$A" -r 1 --quiet --records-all
expect_err "it needs --records FILE.csv"
expect_exit 1 "$CLINICQ" run "$A" -r 1 --quiet --records /dev/full
expect_err "write failed"
set +e
TMPDIR="$tmp/no/such" "$CLINICQ" run "$A" -r 2 --quiet --records "$tmp/p.csv" --records-all \
	2>"$tmp/err"
rc=$?
set -e
[ "$rc" = 1 ] || fail "--records-all with TMPDIR missing exited $rc, want 1"
expect_err "cannot make a temporary folder for the records"
[ ! -e "$tmp/p.csv" ] || fail "--records-all with TMPDIR missing left its file"
echo "keep me" >"$tmp/kept.csv"
expect_exit 2 "$CLINICQ" run "$A" -r 1 --quiet --records "$tmp/kept.csv" \
	--set scenario.max_events=5000
expect_err "max_events"
[ "$(cat "$tmp/kept.csv")" = "keep me" ] || fail "a failed run changed the records file"
mkdir "$tmp/parts"
set +e
TMPDIR="$tmp/parts" "$CLINICQ" run "$A" --quiet --records "$tmp/gone.csv" --records-all \
	--set scenario.max_events=5000 2>"$tmp/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "a run over max_events with --records-all exited $rc, want 2"
[ ! -e "$tmp/gone.csv" ] || fail "a failed run left its records file"
[ -z "$(ls "$tmp" | grep tmp)" ] && [ -z "$(ls "$tmp/parts")" ] ||
	fail "a failed run left a temporary: $(ls "$tmp" "$tmp/parts")"
finish
