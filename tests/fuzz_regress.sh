#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fuzz_regress.sh — replay every input the fuzzers found a bug with
# (tests/fuzz/regress, regress_db, regress_log) and the seed corpus (seed_scn, scenarios,
# tests/bad, the example log) through the fuzz harnesses built without
# libFuzzer (the scenario loader's, the results-file loader's, the log
# reader's and fit's, the profile reader's): no crash, no broken promise.
. "$(dirname "$0")/setup.sh"

REPLAY="$top_builddir/tests/fuzz/replay"
"$REPLAY" "$top_srcdir/tests/fuzz/regress" "$top_srcdir/tests/fuzz/seed_scn" \
    "$top_srcdir/scenarios" "$top_srcdir/tests/bad" \
    >"$tmp/out" 2>"$tmp/err" || fail "replay: $(tail -c 2000 "$tmp/err")"
cat "$tmp/out"
# The results-file loader's harness over its findings and seeds.
"$top_builddir/tests/fuzz/replay_db" "$top_srcdir/tests/fuzz/regress_db" \
    >"$tmp/out" 2>"$tmp/err" || fail "replay_db: $(tail -c 2000 "$tmp/err")"
cat "$tmp/out"
# The event-log reader's and fit's harness over its findings and seeds.
"$top_builddir/tests/fuzz/replay_log" "$top_srcdir/tests/fuzz/regress_log" \
    "$top_srcdir/scenarios/portal_log_example.csv" \
    >"$tmp/out" 2>"$tmp/err" || fail "replay_log: $(tail -c 2000 "$tmp/err")"
cat "$tmp/out"
# The profile reader's harness over its findings and seeds.
"$top_builddir/tests/fuzz/replay_profile" "$top_srcdir/tests/fuzz/regress_profile" \
    "$top_srcdir/profiles" "$top_srcdir/tests/bad_profile" \
    >"$tmp/out" 2>"$tmp/err" || fail "replay_profile: $(tail -c 2000 "$tmp/err")"
cat "$tmp/out"
finish
