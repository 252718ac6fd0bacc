#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fit_staff.sh — persons on duty from the agent column, on call-centre logs of
# known roster (tests/gen_callcentre.py): the inferred profile is within a
# stated tolerance of the roster at high and low utilisation; the shifts add
# up to the rounded profile; `fit --scenario -o` writes a scenario that runs
# and reproduces the log's abandonment and mean wait (a backtest); without an
# agent column --scenario staffs from the offered load; bad options and the
# agent limits are errors that say what to do.
. "$(dirname "$0")/setup.sh"

GEN="$top_srcdir/tests/gen_callcentre.py"

# profile INI TRUTH MAXMEAN MAXERR MINRIGHT: the "; mon :" rows of the
# inferred profile against the roster's persons by hour of week: mean
# absolute error, largest error and hours whose rounded value is the roster's.
# Also: the [shift]s add up to the rounded profile in every hour.
profile() {
	"$PYTHON3" - "$@" <<'EOF'
import json, re, sys
ini, truth = sys.argv[1], json.load(open(sys.argv[2]))["persons"]
maxmean, maxerr, minright = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
prof, shifts, cur = [], [], None
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
for ln in open(ini):
    m = re.match(r"; (mon|tue|wed|thu|fri|sat|sun) :(.*)", ln)
    if m:
        prof += [float(x) for x in m.group(2).split()]
    if ln.startswith("[shift "):
        cur = {}; shifts.append(cur)
    elif ln.startswith("["):
        cur = None
    elif cur is not None and "=" in ln:
        k, v = ln.split("=", 1); cur[k.strip()] = v.strip()
def days(s):
    out = []
    if s == "all":
        return list(range(7))
    for part in s.split(","):
        a, _, b = part.partition("-")
        out += list(range(DAYS.index(a), DAYS.index(b or a) + 1))
    return out
sums = [0] * 168
for sh in shifts:
    a, b = int(sh["start"][:2]), int(sh["end"][:2])
    ds = days(sh["days"])
    st = sh["staff"]
    per = {d: int(st) for d in ds} if st.isdigit() else \
        {DAYS.index(x.split()[0]): int(x.split()[1]) for x in st.split(",")}
    for d in ds:
        for h in range(a, b):
            sums[d * 24 + h] += per[d]
err = [p - t for p, t in zip(prof, truth)]
mean = sum(abs(e) for e in err) / 168
right = sum(1 for p, t in zip(prof, truth) if int(p + 0.5) == t)
ok = len(prof) == 168
print("profile: mean abs error %.3f, largest %.2f, rounded right %d of 168" %
      (mean, max(abs(e) for e in err), right))
if not ok or mean > maxmean or max(abs(e) for e in err) > maxerr or right < minright:
    print("FAIL profile outside tolerance"); ok = False
if sums != [int(p + 0.5) for p in prof]:
    print("FAIL the shifts do not add up to the rounded profile"); ok = False
sys.exit(0 if ok else 1)
EOF
}

# High utilisation (offered 0.95 in every staffed hour): agents seldom idle
# long, so the sessions are the shifts but for the minutes before a shift's
# first call (about 1 min: 14 to 57 calls an hour) and a call run past its end.
# Measured: mean abs error 0.038, largest 0.34 (seed 3); tolerance 0.1, 0.5.
"$PYTHON3" "$GEN" --seed 3 --weeks 4 --util 0.95 --truth "$tmp/hi.json" >"$tmp/hi.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/hi.csv" --scenario -o "$tmp/hi.ini"
[ -s "$tmp/out" ] && fail "fit -o wrote to stdout too"
profile "$tmp/hi.ini" "$tmp/hi.json" 0.1 0.5 168 >"$tmp/p.out" || fail "$(cat "$tmp/p.out")"
grep -q "^discipline = fcfs" "$tmp/hi.ini" || fail "no discipline = fcfs"
grep -Eq "^serves = (sales, support|support, sales)$" "$tmp/hi.ini" ||
	fail "the role serves not every class"
# The roster's pools hold 31 names; a week draws 29 or more of them.
grep -Eq "^; 31 agents in all; distinct agents a week: mean (29|30|31)\.[0-9] " \
	"$tmp/hi.ini" || fail "names: $(grep 'agents in all' "$tmp/hi.ini")"

# Low utilisation (0.3): an agent idles 9 min between calls on average and
# sometimes more than the 30-min gap, counted away then.  Measured: mean abs
# error 0.135, largest 1.02, rounded right 151 of 168; tolerance 0.25, 1.5, 140.
"$PYTHON3" "$GEN" --seed 3 --weeks 4 --util 0.3 --truth "$tmp/lo.json" >"$tmp/lo.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/lo.csv" --scenario -o "$tmp/lo.ini"
profile "$tmp/lo.ini" "$tmp/lo.json" 0.25 1.5 140 >"$tmp/p.out" || fail "$(cat "$tmp/p.out")"

# Very low (0.15: 23 min idle on average): the 30-min gap loses much
# (measured mean abs error 0.99); --idle-gap 60 keeps more (0.30).
"$PYTHON3" "$GEN" --seed 3 --weeks 4 --util 0.15 --truth "$tmp/vlo.json" >"$tmp/vlo.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/vlo.csv" -o "$tmp/vlo30.ini"
expect_exit 0 "$CLINICQ" fit "$tmp/vlo.csv" --idle-gap 60 -o "$tmp/vlo60.ini"
grep -q "at most 60 min (--idle-gap)" "$tmp/vlo60.ini" || fail "--idle-gap not said"
profile "$tmp/vlo30.ini" "$tmp/vlo.json" 2 8 0 >"$tmp/p30.out" || fail "$(cat "$tmp/p30.out")"
profile "$tmp/vlo60.ini" "$tmp/vlo.json" 0.5 3 100 >"$tmp/p60.out" || fail "$(cat "$tmp/p60.out")"
e30=$(sed -n 's/.*mean abs error \([0-9.]*\),.*/\1/p' "$tmp/p30.out")
e60=$(sed -n 's/.*mean abs error \([0-9.]*\),.*/\1/p' "$tmp/p60.out")
awk -v a="$e60" -v b="$e30" 'BEGIN { exit !(a < b / 2) }' ||
	fail "--idle-gap 60 did not help at low load: $e60 against $e30"

# The backtest: the fitted scenario, simulated, gives the log's abandoned share
# and mean wait of answered calls.  Tolerance: 3 binomial standard errors of
# the log's share plus 0.005, and 3 standard errors of its mean wait plus 5%
# (the waits of a queue are correlated, so these are wider than they look; the
# allowance is for the profile's rounding to whole persons).  Measured (seed
# 3): abandoned 0.1195 simulated against 0.1151; wait 0.312 against 0.304 min.
expect_exit 0 "$CLINICQ" check "$tmp/hi.ini"
expect_exit 0 "$CLINICQ" run "$tmp/hi.ini" -r 20 --json
cp "$tmp/out" "$tmp/run.json"
"$PYTHON3" - "$tmp/run.json" "$tmp/hi.csv" <<'EOF' >"$tmp/bt.out" || fail "backtest: $(cat "$tmp/bt.out")"
import csv, json, math, statistics, sys
d = json.load(open(sys.argv[1]))["classes"]
rows = list(csv.DictReader(open(sys.argv[2])))
n = len(rows)
waits = [float(r["wait_min"]) for r in rows if r["outcome"] == "served"]
share = 1 - len(waits) / n
wmean, wsd = statistics.mean(waits), statistics.stdev(waits)
arr = sum(c["arrived"]["mean"] for c in d.values())
ab = sum(c["abandoned"]["mean"] for c in d.values())
done = sum(c["completed"]["mean"] for c in d.values())
sw = sum(c["wait_mean_min"]["mean"] * c["completed"]["mean"] for c in d.values()) / done
tol_ab = 3 * math.sqrt(share * (1 - share) / n) + 0.005
tol_w = 3 * wsd / math.sqrt(len(waits)) + 0.05 * wmean
print("abandoned %.4f simulated, %.4f in the log (tolerance %.4f); wait %.4f against "
      "%.4f min (tolerance %.4f)" % (ab / arr, share, tol_ab, sw, wmean, tol_w))
sys.exit(0 if abs(ab / arr - share) <= tol_ab and abs(sw - wmean) <= tol_w else 1)
EOF

# Without an agent column: --scenario staffs each hour for its offered load at
# 85%, and the scenario runs.
cut -d, -f1-5 "$tmp/hi.csv" >"$tmp/noagent.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/noagent.csv" --scenario
cp "$tmp/out" "$tmp/noagent.ini"
grep -q "no agent column: persons on duty are a planner's start" "$tmp/noagent.ini" ||
	fail "no-agent staffing not said"
grep -q "^\[scenario\]" "$tmp/noagent.ini" || fail "no [scenario]"
expect_exit 0 "$CLINICQ" run "$tmp/noagent.ini" -r 2 --json
# Without --scenario and without agents: no role, as before.
expect_exit 0 "$CLINICQ" fit "$tmp/noagent.csv"
grep -q "^\[role" "$tmp/out" && fail "a role without agents or --scenario"

# A day left out of the log's stream is left out of the staffing too.
expect_exit 0 "$CLINICQ" fit "$tmp/hi.csv" --exclude 2027-01-05
expect_out "over the days kept (3 to 4 of each weekday)"
# Served rows with an agent and no start: left out, with a warning.
cut -d, -f1-3,6 "$tmp/hi.csv" >"$tmp/nostart.csv"
expect_exit 0 "$CLINICQ" fit "$tmp/nostart.csv"
expect_out "served rows with an agent but neither started_at nor wait_min left out"

# Errors.
expect_exit 2 "$CLINICQ" fit "$tmp/hi.csv" --idle-gap 0
expect_err "bad --idle-gap '0': want minutes from 1 to 720"
expect_exit 2 "$CLINICQ" fit "$tmp/hi.csv" --idle-gap 5x
expect_err "bad --idle-gap '5x'"
expect_exit 1 "$CLINICQ" fit "$tmp/hi.csv" -o "$tmp/no/such/dir.ini"
expect_err "$tmp/no/such/dir.ini: cannot create a file here"
# -o is an output like any other: a link refused (exit 2) and left as it was,
# a device written in place, a failed fit leaving an existing file whole.
ln -s "$tmp/hi.ini" "$tmp/link.ini"
expect_exit 2 "$CLINICQ" fit "$tmp/hi.csv" -o "$tmp/link.ini"
expect_err "is a symbolic link"
[ -L "$tmp/link.ini" ] || fail "-o replaced a symbolic link"
expect_exit 0 "$CLINICQ" fit "$tmp/hi.csv" -o /dev/null
cp "$tmp/hi.ini" "$tmp/keep.ini"
expect_exit 2 "$CLINICQ" fit "$tmp/hi.csv" --from 2030-01-01 -o "$tmp/hi.ini"
cmp -s "$tmp/hi.ini" "$tmp/keep.ini" || fail "a failed fit touched -o's file"
# 10,001 agents: the limit, named with the line of the first past it.
"$PYTHON3" -c '
print("arrived_at,service_min,agent,wait_min")
for i in range(10001):
    print("2027-01-%02d 10:00,3,ag%d,0" % (4 + i % 7, i))' >"$tmp/agents.csv"
expect_exit 2 "$CLINICQ" fit "$tmp/agents.csv"
expect_err "agents.csv:10002: more than 10000 distinct agents; fit a part of the log"
# 500,001 agent-days: 10,000 agents on 51 days each.
"$PYTHON3" -c '
import datetime
d0 = datetime.date(2027, 1, 4)
out = ["arrived_at,service_min,agent,wait_min"]
for d in range(51):
    day = (d0 + datetime.timedelta(days=d)).isoformat()
    out += ["%s 10:00,3,a%d,0" % (day, i) for i in range(10000)]
out.append("%s 10:00,3,a0,0" % (d0 + datetime.timedelta(days=55)).isoformat())
print("\n".join(out))' >"$tmp/days.csv"
expect_exit 2 "$CLINICQ" fit "$tmp/days.csv"
expect_err "more than 500000 agent-days (a limit on fit's memory)"

finish
