#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# rota_bench.sh — the rota solver (src/rota) at a health system's scale.
#
#   make bench-rota     (or: sh bench/rota_bench.sh, from the build folder)
#
# bench/rota_health.json: 6 roles (rn, lpn, ma, md, np, pharm), 27 shifts
# (early, late, night, clinic, weekend, 12-hour), 19 contracts: per role a
# full-time one (5 days, days off together, at most 6 in a row, 11 h rest,
# 1 in 2 weekends off, 48 h), a part-time one (3 days, 1 in 2 weekends, 30 h)
# and a 4-day one (2 in 4 weekends off), and md locums (2 days, at most 4);
# a 4-week cycle.  Too many lines to enumerate: column generation and
# rounding, with the default time limit (60 s) unless ROTA_TIME is set.
# Prints the wall time, peak memory, lines generated, LP rounds, persons,
# cost, bound, gap; the rota is checked by tests/rota_check.py.
# Recorded figures: doc/performance.md, "Rota".
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
: "${top_builddir:=$(pwd)}"
: "${PYTHON3:=python3}"
D="$top_builddir/tests/rota_driver"
[ -x "$D" ] || { echo "rota_bench.sh: no $D: make tests/rota_driver first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
set -- "$here/bench/rota_health.json"
[ -n "${ROTA_TIME:-}" ] && set -- "$@" --time "$ROTA_TIME"
/usr/bin/time -f "%e %M" -o "$tmp/time" "$D" "$@" >"$tmp/out" 2>"$tmp/err" || {
	echo "rota_bench.sh: rota_driver failed: $(tail -c 400 "$tmp/err")" >&2; exit 1; }
"$PYTHON3" "$here/tests/rota_check.py" "$1" "$tmp/out" >"$tmp/chk" || {
	cat "$tmp/chk" >&2; exit 1; }
read -r secs kb <"$tmp/time"
"$PYTHON3" - "$tmp/out" "$secs" "$kb" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r, t = d["rota"], d["timing"]
print("rota_health: %s s wall, %.0f MB peak, %d lines generated, %d LP rounds"
      % (sys.argv[2], int(sys.argv[3]) / 1024, r["lines_considered"], t["rounds"]))
print("  %d persons, cost %.2f a week, bound %.2f (%s), gap %.1f %%, exact %s"
      % (len(r["lines"]), r["cost_per_week"], r["bound"], r["bound_kind"],
         100 * r["gap"], r["exact"]))
print("  headcount: " + ", ".join("%s %d" % (role, sum(c.values()))
                                  for role, c in r["headcount"].items()))
PY
