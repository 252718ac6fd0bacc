#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# signal.sh — SIGTERM/SIGINT during a long `run -o` / `run --csv` stops it within
# a replication: exit non-zero, a message saying nothing was kept, no output
# file and no temporary file left, and an existing output file untouched.
. "$(dirname "$0")/setup.sh"

LONG="$SCN/portal_inbox.ini --set scenario.weeks=500 -r 50 --quiet"

# interrupt SIG ARGS...: start clinicq run ARGS in the background, send SIG
# after about a second, wait; leaves the exit status in $got.
interrupt() {
	sig=$1; shift
	# shellcheck disable=SC2086
	"$CLINICQ" run $LONG "$@" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	sleep 1
	kill -s "$sig" "$pid" 2>/dev/null || fail "$sig: the run ended within a second; make it longer"
	set +e; wait "$pid"; got=$?; set -e
	t1=$(date +%s)
}

# 1. -o FILE.xlsx, no file there before.
mkdir "$tmp/o"
t0=$(date +%s)
interrupt TERM -o "$tmp/o/out.xlsx"
[ "$got" != 0 ] || fail "SIGTERM: exit 0"
[ "$got" -lt 128 ] || fail "SIGTERM: killed by the signal (status $got), not a clean stop"
[ $((t1 - t0)) -le 10 ] || fail "SIGTERM: took $((t1 - t0)) s to stop"
expect_err "clinicq: interrupted"
expect_err "nothing was kept"
[ -z "$(ls -A "$tmp/o")" ] || fail "SIGTERM -o: files left: $(ls -A "$tmp/o")"
[ -s "$tmp/out" ] && fail "SIGTERM: printed a summary"

# 2. --csv DIR holding an earlier result: untouched, no temporaries.
mkdir "$tmp/c"
echo "earlier result" >"$tmp/c/classes.csv"
cp "$tmp/c/classes.csv" "$tmp/before"
interrupt INT --csv "$tmp/c"
[ "$got" != 0 ] || fail "SIGINT: exit 0"
[ "$got" -lt 128 ] || fail "SIGINT: killed by the signal (status $got), not a clean stop"
expect_err "nothing was kept"
cmp -s "$tmp/before" "$tmp/c/classes.csv" || fail "SIGINT --csv: existing file changed"
[ "$(ls -A "$tmp/c")" = "classes.csv" ] || fail "SIGINT --csv: files left: $(ls -A "$tmp/c")"

# 3. An existing workbook survives a SIGTERM, with several worker threads.
mkdir "$tmp/w"
echo "earlier workbook" >"$tmp/w/out.xlsx"
cp "$tmp/w/out.xlsx" "$tmp/before"
interrupt TERM -j 2 -o "$tmp/w/out.xlsx"
[ "$got" != 0 ] || fail "SIGTERM -j 2: exit 0"
expect_err "nothing was kept"
cmp -s "$tmp/before" "$tmp/w/out.xlsx" || fail "SIGTERM -j 2: existing workbook changed"
[ "$(ls -A "$tmp/w")" = "out.xlsx" ] || fail "SIGTERM -j 2: files left: $(ls -A "$tmp/w")"

# 4. One long replication: the engine itself notices the signal, in well under
#    the replication's length (about 5 s).
mkdir "$tmp/one"
LONG="$SCN/portal_inbox.ini --set scenario.weeks=500 -r 1 --quiet \
--set stream.portal.per_week=40000 --set shift.rn_day.staff=60 --set shift.rn_day.max=60 --set shift.ma_day.staff=60 --set shift.ma_day.max=60"
t0=$(date +%s)
interrupt TERM -o "$tmp/one/out.xlsx"
[ "$got" != 0 ] || fail "one replication: exit 0"
[ $((t1 - t0)) -le 2 ] || fail "one replication: took $((t1 - t0)) s to stop"
expect_err "interrupted after 0 of 1 replications; nothing was kept"
[ -z "$(ls -A "$tmp/one")" ] || fail "one replication: files left: $(ls -A "$tmp/one")"

finish
