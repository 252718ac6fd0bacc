#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli_check.sh — `clinicq check`: defaults printed, output that loads back to the
# same scenario (round trip), --set, --help, usage and I/O errors.
. "$(dirname "$0")/setup.sh"

# A minimal scenario: everything not written is printed with its default.
cat >"$tmp/mini.ini" <<'INI'
[stream in]
rate = 6/h
classes = c
[class c]
mode = async
service = exp(5min)
[role r]
serves = c
[shift s]
role = r
start = 22:00
end = 06:00
INI
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
cat >"$tmp/full.ini" <<'INI'
; a comment
[scenario]
name = Round trip clinic
start_date = 2027-03-03
weeks = 6.5
warmup = 36h
replications = 7
seed = 18446744073709551615
[calendar]
holidays = 2027-04-05,
    2027-03-10
[pattern office]
weight = mon-fri 07:00-19:00 10
weight = all 00:00-24:00 1
weight = wed 12:00-14:00 0.5      ; later lines win
[stream portal]
per_week = 1234.5
pattern = office
classes = routine 70%, clinical 0.25, red_flag 0.05
[stream bp]
kind = reading
patients = 321
per_patient_per_day = 1.5
pattern = office
value = normal(138,18)
alert_above = 180
alert_class = bp_alert
[stream calls]
rate = 3/h
classes = clinical
[class routine]
mode = async
service = lognormal(4min,3min)
acute = beta(1,400)
target = 90% <= 48h
[class clinical]
mode = async
service = gamma(1h 30min,20min)
acute = uniform(0,0.1)
target = 0.8 <= 8h
safe_window = 1d
[class red_flag]
mode = async
service = normal(10min,4min)
acute = const(0.3)
[class bp_alert]
mode = sync
service = uniform(5min,15min)
target = 95% <= 30min
safe_window = 2h
patience = exp(20min)
[class callback]
mode = sync
service = const(90s)
[role rn]
cost_per_hour = 52.5
serves = bp_alert, callback, red_flag, clinical
preempt = yes
[role ma]
cost_per_hour = 24
serves = routine
[shift rn_day]
role = rn
days = mon-fri
start = 08:00
end = 16:30
staff = 3
min = 1
max = 8
skip_holidays = yes
[shift rn_night]
role = rn
days = fri-mon
start = 22:00
end = 06:00
on_call = yes
cost_per_hour = 70
[shift ma_day]
role = ma
days = mon,wed,fri
start = 00:00
end = 24:00
staff = 0
[escalation]
cost_missed_acute = 5000
cost_sync_contact = 40
to_class = callback
capacity = dynamic
screen_at_arrival = yes
screen_sensitivity = 0.7
[contact]
reach = 0.65
attempt = 3min
retry_after = 30min
max_attempts = 3
follow_up_class = clinical
[targets]
safety_miss_rate = 1%
[sweep]
vary = stream.portal.per_week: 1000, 1400, 1800
vary = escalation.cost_missed_acute: 2000..5000 step 1500
mode = zip
action = optimize
INI
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
finish
