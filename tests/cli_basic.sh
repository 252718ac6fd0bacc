#!/bin/sh
# cli_basic.sh — `clinicq run` end to end: text, JSON keys of doc/clinicq.1, CSV files,
# usage errors, --help and --version.
. "$top_srcdir/tests/setup.sh"

# The text summary names each class and role.
expect_exit 0 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 3 --set scenario.weeks=3 --quiet
expect_out "red_flag"
expect_out "utilization"
expect_out "cost per week"

# JSON: the keys of doc/clinicq.1, each estimate as mean/lo/hi.
expect_exit 0 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 3 --set scenario.weeks=3 --json
"$PYTHON3" - "$tmp/out" <<'PY' || fail "JSON keys"
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("scenario", "seed", "replications", "events", "classes", "roles", "safety",
          "cost_per_week", "warnings", "timing"):
    assert k in d, k
assert d["replications"] == 3 and d["seed"] == 20270104
assert d["streams"]["portal"]["kind"] == "message" and d["streams"]["portal"]["trace"] is None
ck = ("arrived", "completed", "wait_mean_min", "wait_p50_min", "wait_p90_min",
      "wait_p95_min", "wait_p99_min", "wait_max_min", "response_mean_min",
      "response_p90_min", "abandoned", "abandon_rate", "attainment", "target", "met")
for name, c in d["classes"].items():
    for k in ck:
        assert k in c, (name, k)
    for k in ck[:-2]:
        e = c[k]
        assert set(e) == {"mean", "lo", "hi"}, (name, k, e)
    assert c["met"] in ("confident", "on_average", "no"), c["met"]
assert d["classes"]["routine"]["target"] == {"share": 0.9, "within_min": 2880}
assert d["classes"]["routine"]["target_on"] == "response"
for name, r in d["roles"].items():
    for k in ("utilization", "on_duty_hours_per_week", "overtime_hours_per_week", "cost_per_week"):
        assert k in r, (name, k)
    assert 0 <= r["utilization"]["mean"] <= 1
# 2 RNs x 8.5 h x 5 days, over 3 weeks of which one has a holiday (18 Jan).
assert abs(d["roles"]["rn"]["on_duty_hours_per_week"]["mean"] - 2 * 8.5 * (15 - 1) / 3) < 1e-6
for k in ("acute", "escalated", "screened", "reached_in_window", "missed", "miss_rate",
          "false_negatives", "unreached"):
    assert k in d["safety"], k
arr = sum(c["arrived"]["mean"] for c in d["classes"].values())
assert abs(arr / 3 - 1400) < 5 * (1400 * 3) ** 0.5 / 3, arr
PY

# A roster that cannot keep up: 6 agents for an offered load of 6.67 Erlangs.
# The queue grows by lambda - c mu = 40/h - 36/h = 4 an hour, 672 a week
# (fluid limit); the estimate's 95% interval (10 replications x 8 weeks) must
# hold it within 2 half-widths, and the warning must say so in words.
expect_exit 0 "$CLINICQ" run "$SCN/mmc_check.ini" --set shift.always.staff=6 -r 10 \
	--set scenario.weeks=8 --json
"$PYTHON3" - "$tmp/out" <<'PY' || fail "backlog growth"
import json, sys
d = json.load(open(sys.argv[1]))
g = d["classes"]["call"]["backlog_growth_per_week"]
hw = (g["hi"] - g["lo"]) / 2
assert abs(g["mean"] - 672) <= 2 * hw and hw < 60, g
assert any("grows by" in w and "cannot keep up" in w for w in d["warnings"]), d["warnings"]
PY
# ... and one that can: no such warning.
expect_exit 0 "$CLINICQ" run "$SCN/mmc_check.ini" -r 3 --set scenario.weeks=6 --json
grep -q "cannot keep up" "$tmp/out" && fail "a stable M/M/8 was warned about a growing backlog"

# CSV files.
expect_exit 0 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 2 --set scenario.weeks=2 --csv "$tmp/csv" --quiet
for f in classes roles safety backlog; do
	[ -s "$tmp/csv/$f.csv" ] || fail "missing $f.csv"
done
[ "$(wc -l < "$tmp/csv/backlog.csv")" = 169 ] || fail "backlog.csv should have 168 hours + header"
head -1 "$tmp/csv/classes.csv" | grep -q '^class,mode,target_share' || fail "classes.csv header"
ls -a "$tmp/csv" | grep -q tmp && fail "temporary files left in the CSV folder"

# All outputs or none: when the CSV folder cannot be written (found before the
# simulation, or at the end: outputs are renamed together), the workbook that
# was already complete is not renamed into place, and an existing one stays.
echo old > "$tmp/keep.xlsx"
echo not-a-folder > "$tmp/csvfile"
expect_exit 1 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 2 --set scenario.weeks=2 --quiet \
	-o "$tmp/keep.xlsx" --csv "$tmp/csvfile"
expect_err "is not a folder"
[ "$(cat "$tmp/keep.xlsx")" = old ] || fail "existing workbook was replaced on a failed run"
ls -a "$tmp" | grep -q '\.tmp' && fail "temporary files left after a failed run"

# Usage errors: exit 2 and a message naming the problem.
expect_exit 2 "$CLINICQ" run
expect_err "no scenario file given"
expect_exit 2 "$CLINICQ" run "$SCN/portal_inbox.ini" --bogus
expect_err "unknown option '--bogus'"
expect_exit 2 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 0
expect_err "-r 0"
expect_exit 2 "$CLINICQ" run "$SCN/portal_inbox.ini" -j x
expect_exit 2 "$CLINICQ" frobnicate
expect_err "unknown command 'frobnicate'"
expect_exit 2 "$CLINICQ" run "$tmp/does-not-exist.ini"
expect_err "does-not-exist.ini"

# Help and version go to stdout and exit 0.
expect_exit 0 "$CLINICQ" --help
expect_out "run"
expect_exit 0 "$CLINICQ" run --help
expect_out "--set SECTION.KEY=VALUE"
expect_exit 0 "$CLINICQ" --version
expect_out "GLPK"
expect_out "GSL"

# The censoring warning gives the mean a week with three digits: a fraction of
# an item must not read "0 item(s)".  Each measured item (0.2 a week expected) needs two
# weeks of service, longer than the one-week drain, so every one is still open.
cp "$FIX/cli_basic_censor.ini" "$tmp/censor.ini"
expect_exit 0 "$CLINICQ" run "$tmp/censor.ini" --quiet
expect_out "item(s) of class slow a week were still open at the end"
grep -q " 0 item(s) of class slow" "$tmp/out" && fail "a censored mean reads 0 item(s)"
finish
