#!/bin/sh
# scenarios.sh — every shipped scenario checks and runs with its defaults, in a
# few seconds; the M/M/c check agrees with `clinicq erlang`.
. "$top_srcdir/tests/setup.sh"

for f in "$SCN"/*.ini; do
	expect_exit 0 "$CLINICQ" check "$f"
	start=$(date +%s)
	expect_exit 0 "$CLINICQ" run "$f" --json -j 2
	el=$(( $(date +%s) - start ))
	[ "$el" -le 10 ] || fail "$(basename "$f") took ${el}s with its defaults"
done

# The shift design scenario: its templates are understood; run plays only the
# written shifts (the templates are optimize's).
expect_exit 0 "$CLINICQ" check "$SCN/family_practice_design.ini"
expect_out '[shift_template rn_flex]'
expect_out '; 18 candidate shifts for optimize (run plays none)'

# mmc_check.ini against Erlang C: P(W <= 5 min) = 0.727 for 8 servers.
"$CLINICQ" run "$SCN/mmc_check.ini" --json > "$tmp/mmc.json"
"$CLINICQ" erlang --rate 40/h --service 10min --servers 8 --target '80%<=5min' --json > "$tmp/erl.json"
"$PYTHON3" - "$tmp/mmc.json" "$tmp/erl.json" <<'PY' || fail "mmc_check disagrees with Erlang C"
import json, sys
sim = json.load(open(sys.argv[1]))["classes"]["call"]
erl = json.load(open(sys.argv[2]))
for key, theory in (("attainment", erl["service_level"]), ("wait_mean_min", erl["mean_wait_min"])):
    e = sim[key]
    hw = (e["hi"] - e["lo"]) / 2
    # theory within 2 half-widths of the 95% interval (10 replications x 20 weeks)
    assert abs(e["mean"] - theory) <= 2 * hw, (key, e, theory)
assert sim["met"] == "no"
PY

# inbox_pathway.ini: the traffic equations (MA triage -> RN 0.35, MD 0.05;
# RN -> MD 0.2) in check's output, and in what arrives: RN 490 and MD 168 a
# week, within the 95% interval over 10 replications x 12 weeks (2 half-widths).
expect_exit 0 "$CLINICQ" check "$SCN/inbox_pathway.ini"
expect_out "md_review                   168  (streams 0, routed 168)"
"$CLINICQ" run "$SCN/inbox_pathway.ini" --json -j 2 > "$tmp/pw.json"
"$PYTHON3" - "$tmp/pw.json" <<'PY' || fail "inbox_pathway disagrees with its traffic equations"
import json, sys
cls = json.load(open(sys.argv[1]))["classes"]
for name, per_week in (("triage", 1400), ("rn_review", 490), ("md_review", 168)):
    e = cls[name]["arrived"]
    hw = (e["hi"] - e["lo"]) / 2
    assert abs(e["mean"] - per_week * 12) <= 2 * hw + 1e-9, (name, e)
PY
finish
