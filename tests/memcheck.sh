#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# memcheck.sh — `make memcheck`: valgrind memcheck over the commands, small runs
# with every output; any error or leak fails.  optimize and sweep are checked
# when the binary has them.  Not part of `make check` (slow); needs valgrind.
. "$(dirname "$0")/setup.sh"

command -v valgrind >/dev/null 2>&1 || { echo "memcheck: valgrind not found (Debian: apt-get install valgrind)"; exit 77; }
if grep -q __asan_init "$CLINICQ" 2>/dev/null; then
	echo "memcheck: $CLINICQ is built with sanitizers; valgrind cannot run it: reconfigure without --enable-sanitizers"
	exit 77
fi
VG="valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes"
SMALL="--set scenario.weeks=2 --set scenario.warmup=1w -r 3 --quiet"

# vg WANT ARGS...: clinicq ARGS under valgrind exits WANT and valgrind is quiet.
vg() {
	want=$1; shift
	echo "memcheck: clinicq $*"
	set +e; $VG "$CLINICQ" "$@" >"$tmp/out" 2>"$tmp/err"; got=$?; set -e
	[ "$got" = "$want" ] || fail "clinicq $*: exit $got, want $want: $(grep -m 20 '==' "$tmp/err")"
	grep -q '^==[0-9]*==' "$tmp/err" && fail "clinicq $*: valgrind: $(grep -m 20 '==' "$tmp/err")"
	return 0
}

P="$SCN/portal_inbox.ini"
vg 0 run "$P" $SMALL -j 2 -o "$tmp/w.xlsx" --csv "$tmp/csv"
vg 0 run "$P" $SMALL --json
vg 0 run "$SCN/mmc_check.ini" $SMALL
vg 2 run "$P" $SMALL --set scenario.max_events=5000
vg 0 check "$P"
vg 2 check "$top_srcdir/tests/bad/unknown_key.ini"
vg 0 erlang --rate 40/h --service 10min --target "80%<=5min"
# optimize and sweep (when present) on the portal scenario with a small grid.
{ cat "$P"; printf '\n[sweep]\nvary = stream.portal.per_week: 1000, 1400\n'; } >"$tmp/sweep.ini"
for cmd in optimize sweep; do
	if "$CLINICQ" "$cmd" --help >/dev/null 2>&1; then
		out="$tmp/$cmd.xlsx"
		echo "memcheck: clinicq $cmd"
		# shellcheck disable=SC2086
		set +e; $VG "$CLINICQ" "$cmd" "$tmp/sweep.ini" $SMALL -o "$out" >"$tmp/out" 2>"$tmp/err"; got=$?; set -e
		case $got in 0|3) ;; *) fail "clinicq $cmd: exit $got: $(grep -m 20 '==' "$tmp/err")" ;; esac
		grep -q '^==[0-9]*==' "$tmp/err" && fail "clinicq $cmd: valgrind: $(grep -m 20 '==' "$tmp/err")"
	else
		echo "memcheck: clinicq $cmd: not in this build, skipped"
	fi
done
finish
