#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# evq_ubsan.sh — the event calendar's unit test built with clang's UBSan, which
# (unlike gcc's) reports pointer arithmetic that wraps: the sorted insert once
# stepped an unsigned index below 0 and stopped the fuzzer at once.  Skipped
# (77) without clang.
. "$(dirname "$0")/setup.sh"

command -v clang >/dev/null 2>&1 || { echo "no clang: skipped"; exit 77; }
clang -std=c11 -g -O1 -fsanitize=undefined -fno-sanitize-recover=undefined \
    -I"$top_srcdir/src" -I"$top_builddir" \
    "$top_srcdir/tests/test_evq.c" "$top_srcdir/src/engine/evq.c" -lm -o "$tmp/test_evq" \
    2>"$tmp/cc" || { echo "clang cannot build with UBSan: skipped"; exit 77; }
"$tmp/test_evq" >"$tmp/out" 2>"$tmp/err" || fail "test_evq under clang UBSan: $(head -c 600 "$tmp/err")"
finish
