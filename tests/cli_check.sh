#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli_check.sh — `clinicq check`: defaults printed, output that loads back to the
# same scenario (round trip), --set, --help, usage and I/O errors.
. "$(dirname "$0")/setup.sh"

# A minimal scenario: everything not written is printed with its default.
cp "$FIX/cli_check_mini.ini" "$tmp/mini.ini"
expect_exit 0 "$CLINICQ" check "$tmp/mini.ini"
for line in "name = mini" "start_date = 2027-01-04" "weeks = 10" "warmup = 1w" \
    "replications = 10" "seed = 12345" "kind = message" "per_week = 1008" \
    "classes = c 1" "days = all" "staff = 1" "min = 0" "max = 5" \
    "skip_holidays = no" "on_call = no" "preempt = no" "cost_per_hour = 0" \
    "end = 06:00"; do
	grep -qxF -- "$line" "$tmp/out" || grep -qF -- "$line " "$tmp/out" ||
		fail "check output lacks '$line'"
done
[ -s "$tmp/err" ] && fail "check wrote to stderr: $(head -c 200 "$tmp/err")"

# Round trip: check's output is a scenario that checks to the same text.
# (Only the first comment line, naming the file, may differ.)
cp "$FIX/cli_check_full.ini" "$tmp/full.ini"
roundtrip() {
	expect_exit 0 "$CLINICQ" check "$1"
	sed 1d "$tmp/out" >"$tmp/rt1.ini"
	expect_exit 0 "$CLINICQ" check "$tmp/rt1.ini"
	sed 1d "$tmp/out" >"$tmp/rt2.ini"
	cmp -s "$tmp/rt1.ini" "$tmp/rt2.ini" ||
		fail "round trip of $1 differs: $(diff "$tmp/rt1.ini" "$tmp/rt2.ini" | head -20)"
}
roundtrip "$tmp/full.ini"
grep -qF "seed = 18446744073709551615" "$tmp/rt1.ini" || fail "seed lost"
grep -qF "holidays = 2027-03-10, 2027-04-05" "$tmp/rt1.ini" || fail "holidays not sorted"
grep -qF "weight = wed 12:00-14:00 0.5" "$tmp/rt1.ini" || fail "pattern: later line lost"
grep -qF "end = 06:00" "$tmp/rt1.ini" || fail "overnight shift end"
grep -qF "vary = escalation.cost_missed_acute: 2000, 3500, 5000" "$tmp/rt1.ini" ||
	fail "sweep range not expanded"
grep -qF "cost_per_hour = 70" "$tmp/rt1.ini" || fail "shift cost lost"
for f in "$SCN"/*.ini; do
	[ -f "$f" ] && roundtrip "$f"
done
roundtrip "$tmp/mini.ini"

# --set: replace a value, add a key, several at once.
expect_exit 0 "$CLINICQ" check "$tmp/full.ini" --set stream.portal.per_week=1800 \
    --set scenario.weeks=4 --set class.red_flag.target='99% <= 2h' --set 'shift.rn_day.staff = 5'
expect_out "per_week = 1800"
expect_out "weeks = 4"
expect_out "target = 99% <= 2h"
expect_out "staff = 5"
expect_exit 0 "$CLINICQ" check --set 'pattern.office.weight=all 00:00-24:00 1' "$tmp/full.ini"
grep -qF "weight = all 00:00-24:00 1" "$tmp/out" || fail "--set weight does not replace all lines"
[ "$(grep -c '^weight' "$tmp/out")" = 1 ] || fail "--set weight left other lines"
expect_exit 2 "$CLINICQ" check "$tmp/full.ini" --set stream.portl.per_week=1
expect_err "clinicq: $tmp/full.ini: --set stream.portl.per_week=1: there is no section [stream portl]; did you mean [stream portal]?"
expect_exit 2 "$CLINICQ" check "$tmp/full.ini" --set stream.portal.per_week=-1
expect_err "--set stream.portal.per_week=-1: 'per_week' in [stream portal] cannot be negative"
expect_exit 2 "$CLINICQ" check "$tmp/full.ini" --set nonsense
expect_err "expected SECTION.KEY=VALUE"

# A file written with Windows line ends and a byte-order mark.
printf '\357\273\277[stream in]\r\nrate = 6/h\r\nclasses = c\r\n[class c]\r\nmode = async\r\nservice = exp(5min)\r\n[role r]\r\nserves = c\r\n' >"$tmp/crlf.ini"
expect_exit 0 "$CLINICQ" check "$tmp/crlf.ini"
expect_out "serves = c"

# --help, usage errors, I/O errors.
expect_exit 0 "$CLINICQ" check --help
expect_out "usage: clinicq check SCENARIO.ini"
[ -s "$tmp/err" ] && fail "--help wrote to stderr"
expect_exit 2 "$CLINICQ" check
expect_err "missing SCENARIO.ini"
expect_exit 2 "$CLINICQ" check --bogus "$tmp/mini.ini"
expect_err "unknown option"
expect_exit 2 "$CLINICQ" check "$tmp/mini.ini" "$tmp/mini.ini"
expect_err "unexpected argument"
expect_exit 2 "$CLINICQ" check "$tmp/mini.ini" --set
expect_err "needs a value"
expect_exit 2 "$CLINICQ" check "$tmp/missing.ini"
expect_err "clinicq: $tmp/missing.ini: cannot open: No such file or directory"
expect_exit 2 "$CLINICQ" check "$tmp"
expect_err "clinicq: $tmp: cannot read"
# --list-keys: every section and key, no scenario needed; the key table the
# loader reads by (tests/test_scn_keys.c holds it to doc/scenario.md).
expect_exit 0 "$CLINICQ" check --list-keys
for k in scenario.confirm_replications stream.NAME.trace shift.NAME.break \
    shift_template.NAME.max_shifts contract.NAME.weekends_off scenario.fte_hours \
    targets.max_utilization sweep.action; do
	expect_out "$k "
done
[ "$(grep -c '^\[' "$tmp/out")" = 13 ] || fail "--list-keys: not the 13 section types"
finish
