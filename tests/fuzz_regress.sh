#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fuzz_regress.sh — replay every input the fuzzer found a bug with
# (tests/fuzz/regress) and the seed corpus (scenarios, tests/bad) through the
# fuzz harness built without libFuzzer: no crash, no broken promise.
. "$(dirname "$0")/setup.sh"

REPLAY="$top_builddir/tests/fuzz/replay"
"$REPLAY" "$top_srcdir/tests/fuzz/regress" "$top_srcdir/scenarios" "$top_srcdir/tests/bad" \
    >"$tmp/out" 2>"$tmp/err" || fail "replay: $(tail -c 2000 "$tmp/err")"
cat "$tmp/out"
finish
