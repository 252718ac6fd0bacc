#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# rota.sh — the rota solver (src/rota, through tests/rota_driver) on the small
# problems of tests/rota/*.json.  For each: a rota (exit 0) that
# tests/rota_check.py finds within every rule of its contracts and covering
# every shift-day; proven least ("exact"); the cost and persons of the
# brute-force enumeration tests/rota_enum.py (glpsol over every line, written
# apart from the C solver); the same cost and persons with shifts and
# contracts in the reverse order.  Then: --dat's data solved by glpsol on
# models/rota.mod gives the same objective; problems with no rota
# (tests/rota/none/) exit 3 naming the shift-days and the rule; a time limit
# too short for the search gives an answer or exit 3, never a failure.
. "$top_srcdir/tests/setup.sh"
D="$top_builddir/tests/rota_driver"
P="$top_srcdir/tests/rota"
CHECK="$top_srcdir/tests/rota_check.py"
GLPSOL=$(command -v glpsol || true)
[ -n "$GLPSOL" ] || echo "note: no glpsol (Debian: glpk-utils): the comparisons with" \
    "tests/rota_enum.py and with models/rota.mod are skipped" >&2

# Known optima, "file cost persons", with where they come from:
# - dayoff1, dayoff2: one shift, 5 days a week, the 2 days off together (the
#   classic (5,7) days-off problem).  The least workforce is the largest of
#   max_j r_j, ceil(sum_j r_j / 5) and ceil(max_j (r_j + r_j+1 + r_j+3 +
#   r_j+5) / 3) (Baker, Management Science 20(12), 1974: the third from the
#   4-day sets that meet every pair of adjacent days, the odd cycle of days
#   off).  dayoff1 (14,13,15,16,19,18,11): max(19, 22, ceil(66/3)) = 22.
#   dayoff2 (17,13,15,19,14,16,11): max(19, 21, ceil(67/3)) = 23, Winston's
#   post-office example (Operations Research, ch. 9: LP 22 1/3, IP 23).
#   Each person costs 2000 a week.
# - weekends: 5 days a week, 1 in 2 weekends off, weekend demand 3, 26
#   person-days: Burns and Carter's bound (Management Science 31(5), 1985)
#   max(ceil(2 * 3 / (2 - 1)), ceil(26 / 5), 4) = 6 persons at 1500.
# - mix2: 19 shift-days a week of 3-day persons: at least 7 persons, 21
#   person-days a week, 2 beyond the demand, each at least an early shift's
#   240: 4728 (the demand at its rates) + 480 = 5208, which a rota meets.
#   Its 2-week cycle has too many lines for tests/rota_enum.py's brute force.
KNOWN="dayoff1 44000 22
dayoff2 46000 23
weekends 9000 6
mix2 5208 7"
NO_ENUM="mix2"

# solve NAME OUT ARGS...: tests/rota_driver on $P/NAME.json into OUT; its status.
solve() {
	name=$1 out=$2; shift 2
	set +e
	"$D" "$P/$name.json" "$@" >"$out" 2>"$out.err"
	st=$?
	set -e
	return 0
}
# check NAME OUT [--cost X --persons N]: rota_check.py passes.
check() {
	name=$1 out=$2; shift 2
	"$PYTHON3" "$CHECK" "$P/$name.json" "$out" "$@" >"$out.chk" 2>&1 ||
		fail "$name: rota_check.py $*: $(tr '\n' ' ' <"$out.chk" | head -c 600)"
}

for f in "$P"/*.json; do
	b=$(basename "$f" .json)
	solve "$b" "$tmp/$b.json"
	if [ "$st" != 0 ]; then
		fail "$b: rota_driver exited $st, want 0: $(head -c 400 "$tmp/$b.json.err")"
		continue
	fi
	check "$b" "$tmp/$b.json"
	cost=$(json_get "$tmp/$b.json" "d['rota']['cost_per_week']")
	persons=$(json_get "$tmp/$b.json" "len(d['rota']['lines'])")
	json_check "$tmp/$b.json" "d['rota']['exact'] == True" "d['rota']['gap'] == 0"
	known=$(echo "$KNOWN" | awk -v b="$b" '$1 == b { print $2, $3 }')
	if [ -n "$known" ]; then
		set -- $known
		check "$b" "$tmp/$b.json" --cost "$1" --persons "$2"
	fi
	solve "$b" "$tmp/$b.rev.json" --reverse
	if [ "$st" != 0 ]; then
		fail "$b --reverse: exited $st: $(head -c 400 "$tmp/$b.rev.json.err")"
	else
		check "$b" "$tmp/$b.rev.json" --cost "$cost" --persons "$persons"
	fi
	case " $NO_ENUM " in *" $b "*) continue ;; esac
	[ -n "$GLPSOL" ] || continue
	if ! "$PYTHON3" "$top_srcdir/tests/rota_enum.py" "$f" "$GLPSOL" >"$tmp/$b.enum" \
	    2>&1; then
		fail "$b: rota_enum.py failed: $(head -c 400 "$tmp/$b.enum")"
		continue
	fi
	ecost=$(json_get "$tmp/$b.enum" "d['cost']")
	epersons=$(json_get "$tmp/$b.enum" "d['persons']")
	check "$b" "$tmp/$b.json" --cost "$ecost" --persons "$epersons"
done

# The data of a solve, on models/rota.mod, gives the solver's cost and persons
# (two roles: one data file holds both programmes).
if [ -n "$GLPSOL" ]; then
	solve two "$tmp/dat.json" --dat "$tmp/two.dat"
	[ "$st" = 0 ] || fail "two --dat: exited $st: $(head -c 400 "$tmp/dat.json.err")"
	"$GLPSOL" -m "$top_srcdir/models/rota.mod" -d "$tmp/two.dat" >"$tmp/glpsol.out" 2>&1 ||
		fail "glpsol on two's data: $(tail -c 400 "$tmp/glpsol.out")"
	want=$(json_get "$tmp/dat.json" \
	    "'weekly cost of people %.2f, persons %d' % (d['rota']['cost_per_week'], len(d['rota']['lines']))")
	grep -qF "$want" "$tmp/glpsol.out" ||
		fail "glpsol on two's data: want '$want', got: $(grep 'weekly cost' "$tmp/glpsol.out")"
fi

# No rota: exit 3, and why names the shift-days and the rule in the way.
P="$top_srcdir/tests/rota/none"
for case in "shift|night on Fri and Sat|shifts" "max_people|19 person-days|max_people"; do
	b=${case%%|*} rest=${case#*|}
	days=${rest%%|*} rule=${rest#*|}
	solve "$b" "$tmp/none_$b.json"
	[ "$st" = 3 ] || fail "none/$b: exited $st, want 3: $(head -c 400 "$tmp/none_$b.json.err")"
	why=$(json_get "$tmp/none_$b.json" "d['rota'].get('why', '')")
	case "$why" in *"$days"*) ;; *) fail "none/$b: why lacks '$days': $why" ;; esac
	case "$why" in *"$rule"*) ;; *) fail "none/$b: why lacks '$rule': $why" ;; esac
done

# Out of time: GLPK once got a negative time limit and failed (exit 1) when the
# first integer programme had used the time up.  Any limit gives a rota
# (checked) or exit 3.
P="$top_srcdir/tests/rota"
for t in 0.01 0.3 1; do
	solve mix2 "$tmp/time$t.json" --time "$t"
	case "$st" in
	0) check mix2 "$tmp/time$t.json" ;;
	3) ;;
	*) fail "mix2 --time $t: exited $st: $(head -c 400 "$tmp/time$t.json.err")" ;;
	esac
done
finish
