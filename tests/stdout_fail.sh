#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# stdout_fail.sh — stdout is part of the command, and outputs come after the
# work: a stdout that cannot be written fails the command (exit 1) and keeps
# no new output file; a signal after the work, while the outputs are written,
# keeps nothing in run, optimize and sweep alike; --help to a full stdout
# fails; an empty output name is refused before any work.
. "$(dirname "$0")/setup.sh"

PI="$SCN/portal_inbox.ini"
PS="$SCN/portal_sweep.ini"

# no_new DIR: DIR holds nothing (no output, no folder, no temporary).
no_new() {
	[ -z "$(ls -A "$1")" ] || fail "$2: files left: $(ls -A "$1")"
}

# 1. > /dev/full: exit 1, one line on stderr, no new file or folder.
for cmd in run optimize sweep; do
	scn=$PI; [ "$cmd" = sweep ] && scn=$PS
	mkdir "$tmp/$cmd"
	set +e
	"$CLINICQ" $cmd "$scn" -r 2 --quiet --json -o "$tmp/$cmd/x.xlsx" --csv "$tmp/$cmd/d" \
	    >/dev/full 2>"$tmp/err"
	got=$?
	set -e
	[ "$got" = 1 ] || fail "$cmd > /dev/full exited $got, want 1: $(head -c 300 "$tmp/err")"
	expect_err "cannot write to standard output"
	[ "$(wc -l <"$tmp/err")" = 1 ] || fail "$cmd > /dev/full: more than one line: $(cat "$tmp/err")"
	no_new "$tmp/$cmd" "$cmd > /dev/full"
done
# An existing workbook stays as it was.
echo "earlier" >"$tmp/run/x.xlsx"
set +e
"$CLINICQ" run "$PI" -r 2 --quiet -o "$tmp/run/x.xlsx" >/dev/full 2>"$tmp/err"; got=$?
set -e
[ "$got" = 1 ] || fail "run -o > /dev/full over a file exited $got"
[ "$(cat "$tmp/run/x.xlsx")" = earlier ] || fail "run > /dev/full replaced the workbook"
rm "$tmp/run/x.xlsx"

# 2. --help to a full stdout: exit 1.
for cmd in run optimize sweep check erlang; do
	set +e; "$CLINICQ" $cmd --help >/dev/full 2>"$tmp/err"; got=$?; set -e
	[ "$got" = 1 ] || fail "$cmd --help > /dev/full exited $got, want 1"
done
set +e; "$CLINICQ" --help >/dev/full 2>"$tmp/err"; got=$?; set -e
[ "$got" = 1 ] || fail "--help > /dev/full exited $got, want 1"
expect_exit 0 "$CLINICQ" run --help

# 3. An empty output name: a usage error before the simulation.
expect_exit 2 "$CLINICQ" run "$PI" --quiet --csv ''
expect_err "--csv ''"
expect_exit 2 "$CLINICQ" optimize "$PI" --quiet --write-dat ''
expect_err "--write-dat ''"

# 4. A signal after the work, while stdout is written (the command is held on
#    a pipe of one page that nobody reads): nothing is kept.
cat >"$tmp/hold.py" <<'PY'
import fcntl, os, signal, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, 1031, 4096)          # F_SETPIPE_SZ: one page
p = subprocess.Popen(sys.argv[1:], stdout=w)
os.close(w)
held = False
for _ in range(3000):
    if p.poll() is not None:
        break
    try:
        held = 'pipe_write' in open('/proc/%d/wchan' % p.pid).read()
    except OSError:
        pass
    if held:
        break
    time.sleep(0.005)
if held:
    p.send_signal(signal.SIGINT)
while os.read(r, 65536):
    pass
rc = p.wait()
sys.exit(rc if held else 77)
PY
for cmd in run optimize sweep; do
	scn=$PI; [ "$cmd" = sweep ] && scn=$PS
	set +e
	"$PYTHON3" "$tmp/hold.py" "$CLINICQ" $cmd "$scn" -r 2 --quiet --json \
	    -o "$tmp/$cmd/x.xlsx" --csv "$tmp/$cmd/d" 2>"$tmp/err"
	got=$?
	set -e
	if [ "$got" = 77 ]; then
		echo "$cmd: never held on stdout (no /proc wchan?): skipped"
		continue
	fi
	[ "$got" = 1 ] || fail "$cmd: SIGINT while writing stdout exited $got, want 1: $(head -c 300 "$tmp/err")"
	expect_err "no output file was written"
	no_new "$tmp/$cmd" "$cmd: SIGINT while writing stdout"
done
finish
