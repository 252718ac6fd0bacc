#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_confirm.sh — the optimizer's confirmation, no-item classes and exit-3
# wording (doc/optimizer.md, 4a and 5):
# 1. near capacity, a roster that passes on the search's seed only (a lucky
#    draw) is caught by the confirmation on the independent seed; the search
#    goes on and answers a roster that holds there, and `run` on the
#    confirmation's seed and replications agrees with both verdicts; a roster
#    that holds there on average but not with confidence is confirmed with
#    more replications, not rejected;
# 2. a class with a target and no items is "n/a" (no target): optimize exits 0
#    and no "nan" reaches the text or the JSON;
# 3. exit 3 states shortfalls as means with intervals, calls a dearer roster an
#    "extra cost", and names only shifts really at their max.
. "$top_srcdir/tests/setup.sh"
NEAR="$top_srcdir/tests/opt/near_capacity.ini"

# 1. Seed 10 at 3 replications of 2 weeks and a target of 78%: day=4 night=1
# meets it with confidence on the search's seed but plainly misses it in its
# confirmation (found by trying seeds 1-12 and targets 78-86%).  Deterministic:
# fixed seeds.
LUCKY='--seed 10 --set scenario.replications=3 --set scenario.weeks=2'
expect_exit 0 "$CLINICQ" optimize "$NEAR" --json $LUCKY --set 'class.call.target=78% <= 5min'
cp "$tmp/out" "$tmp/lucky.json"
"$PYTHON3" - "$CLINICQ" "$NEAR" "$tmp/lucky.json" $LUCKY <<'PY' || fail "confirmation catches a lucky roster"
import json, subprocess, sys
clinicq, ini, out, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
d = json.load(open(out))
its = d["iterations"]
conf = [it for it in its if it["phase"] == "confirm"]
assert len(conf) >= 2, "want a failed confirmation, then one that holds: %s" % conf
first = conf[0]
assert first["all_met"] is False, first
assert first["seed"] == d["confirmation"]["seed"], "one confirmation seed"
lucky = first["roster"]
# The lucky roster passed on the search's seed ...
assert any(it["roster"] == lucky and it["all_met"] and it["seed"] != first["seed"]
           for it in its), "the failed roster had passed on the search's seed"
# ... the answer is another roster, and its confirmation holds.
assert d["feasible"] is True and d["confirmation"]["met"] is True, d["confirmation"]
assert d["roster"] != lucky, (d["roster"], lucky)
assert d["confirmation"]["replications"] == 12, "default 4 x replications"
assert all(c["met"] in ("confident", "n/a", None) for c in d["confirmation"]["classes"].values())
# Every simulation is listed, with its seed and replications.
assert d["simulations"] == len(its), (d["simulations"], len(its))
assert all("seed" in it and "replications" in it for it in its)
# `run` on the confirmation's seed and replications agrees with both verdicts.
def verdict(roster):
    sets = []
    for k, v in roster.items():
        sets += ["--set", "shift.%s.staff=%d" % (k, v)]
    r = subprocess.run([clinicq, "run", ini, "--json", "--set", "scenario.weeks=2",
                        "--set", "class.call.target=78% <= 5min",
                        "--seed", str(first["seed"]), "-r", str(first["replications"])] + sets,
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)["classes"]["call"]["met"]
assert verdict(lucky) == "no", "the lucky roster misses on the confirmation's seed"
assert verdict(d["roster"]) == "confident"
PY

# 1b. Sequential sampling in the confirmation: seed 2 (target 82%) ends at
# day=5 night=1, which meets the target on average but not with confidence on
# 12 replications of the confirmation's seed; 24 replications there confirm
# it, so it is the answer (it was rejected before the confirmation took more
# replications, and a dearer roster answered).
expect_exit 0 "$CLINICQ" optimize "$NEAR" --json --seed 2 --set scenario.replications=3 \
    --set scenario.weeks=2
cp "$tmp/out" "$tmp/borderline.json"
"$PYTHON3" - "$CLINICQ" "$NEAR" "$tmp/borderline.json" <<'PY' || fail "confirmation with more replications"
import json, subprocess, sys
clinicq, ini, out = sys.argv[1:4]
d = json.load(open(out))
conf = [it for it in d["iterations"] if it["phase"] == "confirm"]
assert [c["replications"] for c in conf] == [12, 24], conf
assert conf[0]["all_met"] is False and conf[1]["all_met"] is True, conf
assert conf[0]["roster"] == conf[1]["roster"] == d["roster"] == {"day": 5, "night": 1}, conf
assert d["feasible"] is True and d["confirmation"]["replications"] == 24, d["confirmation"]
def verdict(reps):
    r = subprocess.run([clinicq, "run", ini, "--json", "--set", "scenario.weeks=2",
                        "--set", "shift.day.staff=5", "--set", "shift.night.staff=1",
                        "--seed", str(conf[0]["seed"]), "-r", str(reps)],
                       capture_output=True, text=True, check=True)
    return json.loads(r.stdout)["classes"]["call"]["met"]
assert verdict(12) == "on_average" and verdict(24) == "confident"
PY
# confirm_replications sets the confirmation's size.
expect_exit 0 "$CLINICQ" optimize "$NEAR" --json --set scenario.confirm_replications=6
"$PYTHON3" - "$tmp/out" <<'PY' || fail "confirm_replications"
import json, sys
d = json.load(open(sys.argv[1]))
conf = [it["replications"] for it in d["iterations"] if it["phase"] == "confirm"]
# The first confirmation of each roster has 6; more (12, 24, 48) only while
# it holds on average but not with confidence.
assert conf[0] == 6 and all(n in (6, 12, 24, 48) for n in conf), conf
assert d["confirmation"]["replications"] in (6, 12, 24, 48), d["confirmation"]
PY
expect_exit 2 "$CLINICQ" optimize "$NEAR" --set scenario.confirm_replications=1
expect_err "confirm_replications"

# 2. No items: the portal stream at 0 a week leaves class msg with no item.
# (nan as a word: the text head names the scenario's path, whose letters may
# spell it, as in .../provenance/...)
for fmt in text json; do
	set -- --set stream.portal.per_week=0
	[ "$fmt" = json ] && set -- "$@" --json
	expect_exit 0 "$CLINICQ" optimize "$top_srcdir/tests/opt/three_shifts.ini" "$@"
	if grep -qiw 'nan' "$tmp/out" "$tmp/err"; then fail "$fmt: nan reaches the user"; fi
done
"$PYTHON3" -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["feasible"] and d["classes"]["msg"]["met"] == "n/a", d["classes"]["msg"]
assert d["confirmation"]["classes"]["msg"]["met"] == "n/a"
' "$tmp/out" || fail "n/a in optimize JSON"
expect_exit 0 "$CLINICQ" run "$top_srcdir/tests/opt/three_shifts.ini" --set stream.portal.per_week=0
expect_out "n/a"
if grep -qiw 'nan' "$tmp/out"; then fail "run: nan reaches the user"; fi

# 3. Exit 3 on the weekend gap: the roster found costs more than as written.
# (The best found may cost as much as written: it adds no one for the targets
# beyond reach, tests/opt_infeasible.sh.)  The shortfalls, as means with their
# intervals, are in the JSON's "failed" and the text.
expect_exit 3 "$CLINICQ" optimize "$SCN/family_practice.ini" -r 4 --set scenario.weeks=4 \
    --set shift.ma_day.staff=1
expect_out "extra cost"
if grep -q 'saving -' "$tmp/out"; then fail "a negative saving"; fi
expect_exit 3 "$CLINICQ" optimize "$SCN/family_practice.ini" -r 4 --set scenario.weeks=4 --json
"$PYTHON3" - "$tmp/out" <<'PY' || fail "exit 3: the shortfalls, and shifts called at their max are at their max"
import json, re, sys
d = json.load(open(sys.argv[1]))
assert "short by" in d["failed"] and "(95% CI" in d["failed"], d["failed"]
for text in [d["failed"]] + d["diagnosis"]:
    m = re.search(r"at its max \(([^)]*)\)", text)
    if m:
        for part in m.group(1).split(", "):
            name, k, _, mx = part.split()
            assert k == mx, "called at its max: %s" % part
PY
finish
