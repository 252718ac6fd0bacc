#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scn_input.sh — scenario input that tests/bad cannot hold: command-line
# values (--set, --seed, -r), sweep points, file names, and what `check` prints.
. "$(dirname "$0")/setup.sh"

P="$SCN/portal_inbox.ini"
utf8() { "$PYTHON3" -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' <"$1" ||
	fail "$2: not UTF-8"; }

# --set values are checked as the file's text is: UTF-8 that XML can carry.
expect_exit 2 "$CLINICQ" check "$P" --set "scenario.name=Caf$(printf '\351')"
expect_err "clinicq: $P: --set option 1, byte 18: a byte that is not UTF-8"
expect_exit 2 "$CLINICQ" check "$P" --set "scenario.name=x$(printf '\355\240\200')"
expect_err "--set option 1, byte 16: an encoded surrogate"
expect_exit 2 "$CLINICQ" run "$P" --quiet --set "scenario.name=x$(printf '\357\277\276')"
expect_err "U+FFFE or U+FFFF"
utf8 "$tmp/err" "--set error message"

# A pattern made all zero by --set: the message names the override.
expect_exit 2 "$CLINICQ" check "$P" \
    --set 'pattern.weekday_office.weight=all 00:00-24:00 0'
expect_err "clinicq: $P: --set pattern.weekday_office.weight=all 00:00-24:00 0: all weights of [pattern weekday_office] are 0"

# --seed: digits only (strtoull read ' -1' as 2^64-1).
for s in ' -1' '-1' '+1' ' 1' '1 ' '' '0x10' '18446744073709551616'; do
	expect_exit 2 "$CLINICQ" run "$P" --quiet -r 1 --seed "$s"
	expect_err "--seed $s: expected a whole number"
done
expect_exit 0 "$CLINICQ" run "$P" --quiet -r 1 --set scenario.weeks=1 \
    --seed 18446744073709551615 --json
expect_out '"seed":18446744073709551615'

# 256 --set options are allowed, and -r and --seed do not count against them.
set --
i=0
while [ $i -lt 256 ]; do set -- "$@" --set scenario.weeks=1; i=$((i + 1)); done
expect_exit 0 "$CLINICQ" run "$P" --quiet -r 1 --seed 5 "$@"
expect_exit 0 "$CLINICQ" check "$P" "$@"

# check loads every sweep point, as sweep does: one whose points all fail
# is refused, at the 'vary' line, naming the point.
sed '/^\[sweep\]/,$d' "$SCN/portal_sweep.ini" >"$tmp/sw.ini"
l=$(($(wc -l <"$tmp/sw.ini") + 2))
printf '[sweep]\nvary = stream.portal.per_week: -1, -2\n' >>"$tmp/sw.ini"
expect_exit 2 "$CLINICQ" check "$tmp/sw.ini"
expect_err "clinicq: $tmp/sw.ini:$l: point 1 (stream.portal.per_week=-1): 'per_week' in [stream portal] cannot be negative"
# ... also when only a combination of values fails.
sed '/^\[sweep\]/,$d' "$SCN/portal_sweep.ini" >"$tmp/sw2.ini"
l=$(($(wc -l <"$tmp/sw2.ini") + 3))
printf '[sweep]\nvary = escalation.cost_missed_acute: 5000, 30\nvary = escalation.cost_sync_contact: 40, 20\n' >>"$tmp/sw2.ini"
expect_exit 2 "$CLINICQ" check "$tmp/sw2.ini"
expect_err "clinicq: $tmp/sw2.ini:$l: point 3 (escalation.cost_sync_contact=40): the escalation threshold"
expect_exit 0 "$CLINICQ" check "$SCN/portal_sweep.ini"

# A range too fine to count is refused before it is counted, by every command.
sed '/^\[sweep\]/,$d' "$SCN/portal_sweep.ini" >"$tmp/sw3.ini"
printf '[sweep]\nvary = stream.portal.per_week: 0..1e12 step 1e-7\n' >>"$tmp/sw3.ini"
for cmd in check run sweep; do
	expect_exit 2 "$CLINICQ" $cmd "$tmp/sw3.ini"
	expect_err "above the limit of 1000 (SCN_MAX_SWEEP_VALUES)"
done

# A file name of multibyte characters, longer than 255 bytes, is not cut inside
# a character: what check prints and run's JSON stay UTF-8.
d="$tmp"
while [ ${#d} -lt 300 ]; do d="$d/$(printf '\303\251\303\251\303\251\303\251\303\251\303\251\303\251')"; done
mkdir -p "$d"
f="$d/$(printf 'x\342\202\254\342\202\254\342\202\254\342\202\254\342\202\254\342\202\254\342\202\254\342\202\254').ini"
cp "$P" "$f"
expect_exit 0 "$CLINICQ" check "$f"
utf8 "$tmp/out" "check with a long name"
grep -qF -- "$f" "$tmp/out" || fail "check does not print the whole file name"
expect_exit 0 "$CLINICQ" run "$f" --quiet -r 1 --set scenario.weeks=1 --json
utf8 "$tmp/out" "run --json with a long name"
# A file name that is not UTF-8 is refused.
cp "$P" "$tmp/$(printf 'caf\351').ini"
expect_exit 2 "$CLINICQ" check "$tmp/$(printf 'caf\351').ini"
expect_err "the scenario's file name has a byte that is not UTF-8"

# What check prints loads back and prints the same, for every shipped scenario.
for s in "$SCN"/*.ini; do
	expect_exit 0 "$CLINICQ" check "$s"
	sed 1d "$tmp/out" >"$tmp/p1.ini"
	expect_exit 0 "$CLINICQ" check "$tmp/p1.ini"
	sed 1d "$tmp/out" >"$tmp/p2.ini"
	cmp -s "$tmp/p1.ini" "$tmp/p2.ini" || fail "$(basename "$s"): check's output changes on reload"
done
finish
