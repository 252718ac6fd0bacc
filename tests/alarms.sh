#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# alarms.sh — an alarming figure that no target judges is warned of, so that
# green verdicts never stand beside it unremarked: the pathway scenario's
# safety miss rate with no safety target, and a class without a target of
# which one patient in ten or more gives up; a target set silences each.
. "$(dirname "$0")/setup.sh"

SCN="$top_srcdir/scenarios/inbox_pathway.ini"
expect_exit 0 "$CLINICQ" run "$SCN" -r 3 --quiet --set scenario.weeks=4 --json
"$PYTHON3" - "$tmp/out" <<'PY' || fail "the safety alarm"
import json, sys
d = json.load(open(sys.argv[1]))
w = [x for x in d["warnings"] if x.startswith("no safety target")]
assert len(w) == 1, d["warnings"]
assert d["safety"]["miss_rate"]["mean"] >= 0.10, d["safety"]
PY
expect_exit 0 "$CLINICQ" run "$SCN" -r 3 --quiet --set scenario.weeks=4 \
    --set targets.safety_miss_rate=5% --json
grep -q "no safety target" "$tmp/out" && fail "warned of a safety target that is set"

# One agent for 12 calls an hour of 6 minutes with 3 minutes' patience: more
# than one in ten hangs up (Erlang A: about 40%).
cat >"$tmp/a.ini" <<'INI'
[scenario]
start_date = 2027-01-04
weeks = 2
replications = 3
[stream line]
rate = 12/h
classes = call
[class call]
mode = sync
service = exp(6min)
patience = exp(3min)
[role agent]
serves = call
[shift all]
role = agent
start = 00:00
end = 24:00
staff = 1
INI
expect_exit 0 "$CLINICQ" run "$tmp/a.ini" --quiet
expect_out "class call has no target, but"
expect_out "of its patients gave up waiting"
expect_exit 0 "$CLINICQ" run "$tmp/a.ini" --quiet --set "class.call.target=80% <= 1min"
grep -q "has no target, but" "$tmp/out" && fail "warned of a class whose target is set"
finish
