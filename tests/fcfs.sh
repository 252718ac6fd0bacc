#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fcfs.sh — [role] discipline = fcfs (SPEC 3.12).  Two sync classes of the
# same Poisson stream and exponential service, one role of 6 agents in one
# fcfs line: each class's mean wait and P(wait <= 5 min) hold Erlang C of the
# merged 30 calls an hour inside their 95% intervals, and the two classes
# agree; so too Erlang A with patience; optimize answers Erlang C's 7 agents; with priority the first class waits less (the key switches).  Then
# sync before async (an async class listed first gets no priority under fcfs),
# preemption under fcfs, check's round trip, and shipped scenarios (escalation
# with capacity = dynamic, pathways, on call) under fcfs, the same whatever the
# thread count.  The seed is fixed: over seeds 1 to 6 one of the 24 figures
# fell just outside its 95% interval (seed 20271207 missed by 0.0008 on b).
. "$(dirname "$0")/setup.sh"

MMC="$top_srcdir/tests/dists/mmc_fcfs.ini"

expect_exit 0 "$CLINICQ" erlang --rate 30/h --service 10min --servers 6 \
    --target '80%<=5min' --json
cp "$tmp/out" "$tmp/erl.json"
expect_exit 0 "$CLINICQ" run "$MMC" --json --quiet
cp "$tmp/out" "$tmp/fcfs.json"
"$PYTHON3" - "$tmp/erl.json" "$tmp/fcfs.json" <<'PY' || fail "fcfs against Erlang C of the merged stream"
import json, math, sys
e = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
bad = []
for k in ("a", "b"):
    c = s["classes"][k]
    for name, v, want in (("wait_mean_min", c["wait_mean_min"], e["mean_wait_min"]),
                          ("attainment", c["attainment"], e["service_level"])):
        if not v["lo"] <= want <= v["hi"]:
            bad.append("%s %s %.6g..%.6g misses Erlang C's %.6g" % (k, name, v["lo"], v["hi"], want))
# The two classes wait alike: their difference inside the two intervals' joint half width.
for name in ("wait_mean_min", "attainment"):
    a, b = s["classes"]["a"][name], s["classes"]["b"][name]
    half = math.hypot((a["hi"] - a["lo"]) / 2, (b["hi"] - b["lo"]) / 2)
    if abs(a["mean"] - b["mean"]) > half:
        bad.append("%s: a %.6g and b %.6g differ by more than %.3g" % (name, a["mean"], b["mean"], half))
if bad:
    sys.exit("; ".join(bad))
PY

# With patience (patients who gave up sit in the rings until a head is looked
# at): the calls of tests/dists/mmc_patience.ini split into two classes of
# one fcfs line hold Erlang A's figures of the merged stream, each class.
sed -e 's/^classes = call$/classes = call 50%, other 50%/' \
    -e 's/^serves = call$/serves = call, other\ndiscipline = fcfs/' \
    "$top_srcdir/tests/dists/mmc_patience.ini" >"$tmp/pat.ini"
sed -n '/^\[class call\]/,/^$/p' "$tmp/pat.ini" | sed 's/^\[class call\]/[class other]/' >>"$tmp/pat.ini"
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --patience 5min --servers 6 \
    --target '80%<=5min' --json
cp "$tmp/out" "$tmp/erla.json"
expect_exit 0 "$CLINICQ" run "$tmp/pat.ini" --json --quiet
"$PYTHON3" - "$tmp/erla.json" "$tmp/out" <<'PY' || fail "fcfs with patience against Erlang A"
import json, sys
e = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
bad = []
if sorted(s["classes"]) != ["call", "other"]:
    bad.append("classes %r" % sorted(s["classes"]))
for k, c in s["classes"].items():
    for name, want in (("abandon_rate", e["abandon_rate"]), ("wait_mean_min", e["mean_wait_served_min"]),
                       ("attainment", e["service_level"])):
        v = c[name]
        if not v["lo"] <= want <= v["hi"]:
            bad.append("%s %s %.6g..%.6g misses Erlang A's %.6g" % (k, name, v["lo"], v["hi"], want))
if bad:
    sys.exit("; ".join(bad))
PY

# optimize on the fcfs line: the pooled Erlang C row is each class's own
# (doc/optimizer.md), so its answer is Erlang C's minimum, 7 agents.
expect_exit 0 "$CLINICQ" optimize "$MMC" --set scenario.weeks=4 -r 8 --json
json_check "$tmp/out" 'd["roster"] == {"always": 7}' 'd["feasible"]'

# Priority (the default): a before b, so a waits less than b, and less than
# the merged line's mean; b more.
expect_exit 0 "$CLINICQ" run "$MMC" --set role.agent.discipline=priority --json --quiet
json_check "$tmp/out" \
    'd["classes"]["a"]["wait_mean_min"]["hi"] < d["classes"]["b"]["wait_mean_min"]["lo"]' \
    'd["classes"]["a"]["wait_mean_min"]["hi"] < 5.875 < d["classes"]["b"]["wait_mean_min"]["lo"]'

# check prints the key for fcfs only, and its output loads back the same.
expect_exit 0 "$CLINICQ" check "$MMC"
expect_out "discipline = fcfs"
cp "$tmp/out" "$tmp/check1.ini"
expect_exit 0 "$CLINICQ" check "$tmp/check1.ini"
# (the first line names the file read)
tail -n +2 "$tmp/out" >"$tmp/check2.body"
tail -n +2 "$tmp/check1.ini" >"$tmp/check1.body"
cmp -s "$tmp/check1.body" "$tmp/check2.body" || fail "check's output of an fcfs role does not load back the same"
expect_exit 0 "$CLINICQ" check "$MMC" --set role.agent.discipline=priority
grep -q "discipline" "$tmp/out" && fail "check prints discipline = priority (the default)"

# Sync before async: the async class first in serves takes no precedence
# under fcfs (the sync class waits far less than under priority), and
# preempt = yes with fcfs runs and keeps the sync waits short.
cat >"$tmp/mixed.ini" <<'INI'
[scenario]
name = async listed first
start_date = 2027-01-04
weeks = 6
warmup = 1w
replications = 8
seed = 7

[stream s]
rate = 26/h
classes = msg 75%, call 25%

[class msg]
mode = async
service = exp(10min)

[class call]
mode = sync
service = exp(10min)

[role agent]
serves = msg, call

[shift always]
role = agent
days = all
start = 00:00
end = 24:00
staff = 5
INI
expect_exit 0 "$CLINICQ" run "$tmp/mixed.ini" --json --quiet
cp "$tmp/out" "$tmp/mixed_p.json"
expect_exit 0 "$CLINICQ" run "$tmp/mixed.ini" --set role.agent.discipline=fcfs --json --quiet
cp "$tmp/out" "$tmp/mixed_f.json"
expect_exit 0 "$CLINICQ" run "$tmp/mixed.ini" --set role.agent.discipline=fcfs \
    --set role.agent.preempt=yes --json --quiet
cp "$tmp/out" "$tmp/mixed_fp.json"
"$PYTHON3" - "$tmp/mixed_p.json" "$tmp/mixed_f.json" "$tmp/mixed_fp.json" <<'PY' || fail "sync before async under fcfs"
import json, sys
p, f, fp = (json.load(open(a))["classes"] for a in sys.argv[1:])
w = lambda d, k: d[k]["wait_mean_min"]["mean"]
bad = []
if not w(f, "call") < w(p, "call") / 2:
    bad.append("call waits %.4g under fcfs, %.4g under priority" % (w(f, "call"), w(p, "call")))
if not w(f, "call") < w(f, "msg"):
    bad.append("fcfs: call waits %.4g, msg %.4g" % (w(f, "call"), w(f, "msg")))
if not w(fp, "call") <= w(f, "call"):
    bad.append("preempt made call wait longer: %.4g > %.4g" % (w(fp, "call"), w(f, "call")))
if bad:
    sys.exit("; ".join(bad))
PY

# Shipped scenarios with every role fcfs: escalation with capacity = dynamic
# and preemption, a care pathway, on-call shifts; the same with 1 or 3 threads.
# Then with the first role alone fcfs: a class shared by roles of both
# disciplines.
for f in family_practice_design inbox_pathway family_practice_oncall \
    family_practice_design:1 family_practice:1; do
	n=${f#*:}
	[ "$n" = "$f" ] && n=99
	f=${f%:*}
	sets=$(sed -n 's/^\[role \([a-z_]*\)\].*/--set role.\1.discipline=fcfs/p' "$SCN/$f.ini" |
	    head -n "$n")
	# shellcheck disable=SC2086
	expect_exit 0 "$CLINICQ" run "$SCN/$f.ini" $sets -r 4 -j 1 --json --quiet
	cp "$tmp/out" "$tmp/j1.json"
	# shellcheck disable=SC2086
	expect_exit 0 "$CLINICQ" run "$SCN/$f.ini" $sets -r 4 -j 3 --json --quiet
	"$PYTHON3" - "$tmp/j1.json" "$tmp/out" <<'PY' || fail "$f under fcfs differs between 1 and 3 threads"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
for d in (a, b):
    d.pop("timing", None)
sys.exit(0 if a == b and a["overrides"] else 1)
PY
done
finish
