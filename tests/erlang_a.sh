#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# erlang_a.sh — `clinicq erlang --patience`: Erlang A's figures against the
# simulation of the same M/M/6+M queue (each figure inside the simulation's
# 95% interval: 20 replications of 20 weeks, fixed seed), its text and JSON,
# and a very long patience giving Erlang C's figures.
. "$(dirname "$0")/setup.sh"

expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --patience 5min \
    --servers 6 --target '80%<=5min' --json
cp "$tmp/out" "$tmp/erl.json"
expect_exit 0 "$CLINICQ" run "$top_srcdir/tests/dists/mmc_patience.ini" --json --quiet
cp "$tmp/out" "$tmp/sim.json"
"$PYTHON3" - "$tmp/erl.json" "$tmp/sim.json" <<'PY' || fail "Erlang A against the simulation"
import json, sys
e = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
c = s["classes"]["call"]
pairs = [("abandon_rate", c["abandon_rate"]),
         ("mean_wait_served_min", c["wait_mean_min"]),   # waits of the served
         ("service_level", c["attainment"]),             # met / arrived
         ("utilization", s["roles"]["agent"]["utilization"])]
bad = ["%s = %.6g outside the simulation's %.6g..%.6g" % (k, e[k], v["lo"], v["hi"])
       for k, v in pairs if not (v["lo"] <= e[k] <= v["hi"])]
if e["min_servers"] != 7:
    bad.append("min_servers = %r, want 7" % e["min_servers"])
if bad:
    sys.exit("; ".join(bad))
PY

# Text: the new lines, and which share the service level is of.
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --patience 5min --servers 6 \
    --target '80%<=5min'
expect_out "M/M/c+M (Erlang A)"
expect_out "P(abandon)       23.1%"
expect_out "of those served"
expect_out "of all arrivals, abandoners not answered"
expect_out "minimum servers  7"

# A patience far longer than any wait: Erlang C's figures (9 servers for 80%
# within 5 min; 72.7% with 8), to 1e-5 (a mean patience of 5000 weeks still
# sheds about 3e-8 of the callers and moves the mean wait by about 1e-6).
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --patience 5000w \
    --target '80%<=5min' --json
cp "$tmp/out" "$tmp/a.json"
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --target '80%<=5min' --json
"$PYTHON3" - "$tmp/a.json" "$tmp/out" <<'PY' || fail "long patience is not Erlang C"
import json, sys
a = json.load(open(sys.argv[1]))
c = json.load(open(sys.argv[2]))
bad = [k for k in ("p_wait", "mean_wait_min", "service_level", "service_level_one_fewer",
       "utilization") if abs(a[k] - c[k]) > 1e-5 * max(1, abs(c[k]))]
if a["min_servers"] != c["min_servers"] or a["abandon_rate"] > 1e-6:
    bad.append("min_servers/abandon_rate")
if abs(a["mean_wait_served_min"] - c["mean_wait_min"]) > 1e-5 * c["mean_wait_min"]:
    bad.append("mean_wait_served_min")
if bad:
    sys.exit("differ: " + ", ".join(bad))
PY

# Usage errors.
expect_exit 2 "$CLINICQ" erlang --rate 40/h --service 10min --patience 0 --servers 6
expect_err "--patience '0': must be above zero"
expect_exit 2 "$CLINICQ" erlang --rate 40/h --service 10min --patience 5min
expect_err "--patience needs --servers N or --target"
finish
