#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dists.sh — triangular(MIN,MODE,MAX) and empirical(FILE.csv): their means seen
# through a 24/7 pool's utilization, check's output reloading from another
# folder, and the CSV's errors at FILE.csv:LINE.
. "$(dirname "$0")/setup.sh"

pool="$top_srcdir/tests/dists/pool.ini"
emp="$top_srcdir/tests/bad/emp"

# util SERVICE EXPECTED: the pool's utilization interval holds
# EXPECTED = lambda x mean / c (40/h, 8 agents; 10 replications, fixed seed).
util() {
	expect_exit 0 "$CLINICQ" run "$pool" --json --quiet --set "class.call.service=$1"
	"$PYTHON3" - "$tmp/out" "$2" "$1" <<'PY' || fail "utilization with $1"
import json, sys
u = json.load(open(sys.argv[1]))["roles"]["agent"]["utilization"]
want = float(sys.argv[2])
if not (u["lo"] <= want <= u["hi"]):
    sys.exit("%s: utilization %s..%s does not hold %s" % (sys.argv[3], u["lo"], u["hi"], want))
PY
}
# triangular(2,6,13): mean (2+6+13)/3 = 7 min; 40/60 x 7 / 8 = 0.58333.
util "triangular(2min,6min,13min)" 0.583333
# The mode instead of the mean (6 min) would give 0.5: outside the interval.
# obs.csv holds 1 3 4 8 20: the piecewise-linear mean averages the gaps'
# midpoints 2, 3.5, 6, 14 = 6.375 min (the plain average, 7.2, would give 0.6);
# 40/60 x 6.375 / 8 = 0.53125.
util "empirical(obs.csv)" 0.53125

# check prints the file's absolute name, so its output loads from elsewhere.
expect_exit 0 "$CLINICQ" check "$pool" --set "class.call.service=empirical(obs.csv)"
expect_out "service = empirical($(cd "$top_srcdir/tests/dists" && pwd -P)/obs.csv)"
expect_out "mean 6.375 min"
cp "$tmp/out" "$tmp/printed.ini"
(cd / && "$CLINICQ" check "$tmp/printed.ini" >"$tmp/again.ini") ||
	fail "check's output with empirical() does not load from another folder"
diff "$tmp/printed.ini" "$tmp/again.ini" | grep -q "^[<>] [^;]" && fail "check's output does not print back the same"
expect_exit 0 "$CLINICQ" check "$pool" --set "class.call.service=triangular(2min,6min,13min)"
expect_out "service = triangular(2min,6min,13min)  ; mean 7 min"

# The CSV's own errors name the CSV and its line.
bad_csv() {
	expect_exit 2 "$CLINICQ" check "$emp/pool.ini" --set "class.call.service=empirical($1)"
	expect_err "clinicq: $emp/$1:$2: $3"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$1: want one line on stderr"
	[ -s "$tmp/out" ] && fail "$1: printed a scenario despite the error"
	expect_exit 2 "$CLINICQ" run "$emp/pool.ini" --quiet --set "class.call.service=empirical($1)"
	expect_err "clinicq: $emp/$1:$2: $3"
}
bad_csv bad_row.csv 3 "'abc' is not a number"
bad_csv negative.csv 3 "negative time -2"
bad_csv header_only.csv 2 "no values"
bad_csv two_columns.csv 1 "more than one column"
# One number syntax with the scenario's own: plain decimals, times at most 100
# years; a NUL byte is refused at its line, and a number is never a header.
bad_csv nul_byte.csv 3 "a NUL byte"
bad_csv hex.csv 3 "'0x10' is not a number"
bad_csv huge_first.csv 1 "'1e999' is not a number: number out of range"
bad_csv past_100_years.csv 3 "1e9 minutes is longer than any duration"
# A file of 64 MiB without a line end stops at its first line, at once.
dd if=/dev/zero of="$tmp/zeros.csv" bs=1M count=64 2>/dev/null
expect_exit 2 "$CLINICQ" check "$emp/pool.ini" --set "class.call.service=empirical($tmp/zeros.csv)"
expect_err "clinicq: $tmp/zeros.csv:1: a NUL byte"
printf 'minutes\n1e-310\n5\n' >"$tmp/tiny.csv"
expect_exit 0 "$CLINICQ" check "$emp/pool.ini" --set "class.call.service=empirical($tmp/tiny.csv)"
: >"$tmp/empty.csv"
expect_exit 2 "$CLINICQ" check "$emp/pool.ini" --set "class.call.service=empirical($tmp/empty.csv)"
expect_err "clinicq: $tmp/empty.csv:1: no values"
# One value a line, at most 1,000,000 of them.
awk 'BEGIN { print "minutes"; for (i = 0; i < 1000001; i++) print 5 }' >"$tmp/big.csv"
expect_exit 2 "$CLINICQ" check "$emp/pool.ini" --set "class.call.service=empirical($tmp/big.csv)"
expect_err "clinicq: $tmp/big.csv:1000002: more than 1000000 values"
# A file that cannot be opened: the scenario's line (here the --set) names the key.
expect_exit 2 "$CLINICQ" check "$emp/pool.ini" --set "class.call.service=empirical(none.csv)"
expect_err "'service' in [class call]: cannot open '$emp/none.csv'"
expect_exit 2 "$CLINICQ" check "$emp/pool.ini" --set "class.call.service=empirical($tmp)"
expect_err "is not a regular file"

# As a probability (acute): values within [0, 1] only.
w="$top_srcdir/tests/dists/warn.ini"
expect_exit 0 "$CLINICQ" check "$w" --set "class.note.acute=triangular(0,0.01,0.2)"
expect_out "acute = triangular(0,0.01,0.2)  ; mean 0.07"
expect_exit 0 "$CLINICQ" check "$w" --set "class.note.acute=empirical(acute.csv)"
expect_out "mean 0.1375"     # (0.015 + 0.26) / 2
expect_exit 2 "$CLINICQ" check "$w" --set "class.note.acute=triangular(0,0.5,2)"
expect_err "expected a probability distribution"
expect_exit 2 "$CLINICQ" check "$w" --set "class.note.acute=empirical(obs.csv)"
expect_err "expected a probability distribution"

# holiday_arrivals: the pool's 600 a week come Monday to Saturday (100 a day);
# over two weeks 1200 are expected.  With the Wednesday holiday following
# Sunday's hours (weight 0), one day's 100 fewer: 1100.  40 replications, so
# each interval is about +-10 around its mean (Poisson SD 35).
arrived() {
	expect_exit 0 "$CLINICQ" run "$top_srcdir/tests/dists/holiday.ini" --json --quiet \
	    --set "calendar.holiday_arrivals=$1"
	"$PYTHON3" - "$tmp/out" "$2" "$1" <<'PY' || fail "arrivals with holiday_arrivals = $1"
import json, sys
a = json.load(open(sys.argv[1]))["classes"]["note"]["arrived"]
want = float(sys.argv[2])
if not (a["lo"] <= want <= a["hi"]):
    sys.exit("holiday_arrivals = %s: arrived %s..%s does not hold %s" % (sys.argv[3], a["lo"], a["hi"], want))
PY
}
arrived none 1200
arrived sun 1100
arrived sat 1200
expect_exit 0 "$CLINICQ" check "$top_srcdir/tests/dists/holiday.ini" --set calendar.holiday_arrivals=sun
expect_out "holiday_arrivals = sun"
finish
