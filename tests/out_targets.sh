#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# out_targets.sh — an output target that exists and is not a regular file is
# never replaced: a character device or a FIFO is written in place (the whole
# output copied into it at the end: --write-dat /dev/null and -o /dev/null
# discard, a pipe's reader gets the workbook), /dev/full fails with exit 1
# and leaves nothing;
# a symbolic link is refused with exit 2, the link and its target untouched
# (a link to /proc/self/fd/1 too).  As the user running the tests, and, when
# that is root and setpriv is there, again as nobody in a folder everyone may
# write.
. "$(dirname "$0")/setup.sh"

MMC="$SCN/mmc_check.ini"
Q='-r 2 --set scenario.weeks=1 --quiet'

checks() {   # DIR WHO: the checks, in folder DIR
	d=$1 who=$2
	export TMPDIR="$d"        # where the in-place outputs are built
	# shellcheck disable=SC2086
	expect_exit 0 "$CLINICQ" optimize "$MMC" $Q --write-dat /dev/null
	[ -c /dev/null ] || fail "$who: /dev/null is no longer a device"
	expect_exit 0 "$CLINICQ" run "$MMC" $Q -o /dev/null
	[ -c /dev/null ] || fail "$who: -o /dev/null replaced it"
	rm -f "$d/pipe.dat" "$d/pipe.xlsx"
	mkfifo "$d/pipe.dat" "$d/pipe.xlsx"
	# A reader that gives up, so that a run that never opens the FIFO fails
	# the test instead of hanging it.
	timeout 120 cat "$d/pipe.dat" >"$d/got.dat" &
	expect_exit 0 "$CLINICQ" optimize "$MMC" $Q --write-dat "$d/pipe.dat"
	wait
	[ -p "$d/pipe.dat" ] || fail "$who: the FIFO was replaced"
	grep -q '^data;' "$d/got.dat" || fail "$who: the FIFO's reader got no data"
	timeout 120 cat "$d/pipe.xlsx" >"$d/got.xlsx" &
	expect_exit 0 "$CLINICQ" run "$MMC" $Q -o "$d/pipe.xlsx"
	wait
	[ "$(head -c 2 "$d/got.xlsx")" = PK ] || fail "$who: the FIFO's reader got no workbook"
	expect_exit 1 "$CLINICQ" optimize "$MMC" $Q --write-dat /dev/full
	expect_err "write failed"
	# Links are refused, never replaced nor followed.
	echo "keep me" >"$d/real.txt"
	ln -sf real.txt "$d/link.dat"
	ln -sf /proc/self/fd/1 "$d/out1.ini"
	expect_exit 2 "$CLINICQ" optimize "$MMC" $Q --write-dat "$d/link.dat"
	expect_err "is a symbolic link"
	[ -L "$d/link.dat" ] && [ "$(cat "$d/real.txt")" = "keep me" ] ||
		fail "$who: the link or its target changed"
	expect_exit 2 "$CLINICQ" optimize "$MMC" $Q --write-roster "$d/out1.ini"
	[ "$(readlink "$d/out1.ini")" = /proc/self/fd/1 ] || fail "$who: the fd link changed"
	[ -z "$(ls "$d" | grep clinicq-out)" ] || fail "$who: a temporary folder is left"
}

# sh out_targets.sh --in DIR WHO: the checks alone (as nobody, below).
if [ "${1:-}" = --in ]; then
	checks "$2" "$3"
	finish
fi

mkdir "$tmp/me"
checks "$tmp/me" "$(id -un)"
if [ "$(id -u)" = 0 ]; then
	# A device of root's own, made for the test: still a device after.
	mknod "$tmp/me/chr" c 1 3
	expect_exit 0 "$CLINICQ" optimize "$MMC" $Q --write-dat "$tmp/me/chr"
	[ -c "$tmp/me/chr" ] || fail "root: the device was replaced by a file"
	as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	if ! command -v setpriv >/dev/null 2>&1; then
		echo "note: no setpriv: the checks as nobody are skipped"
	elif ! $as_nobody test -x "$CLINICQ" -a -r "$MMC" -a -r "$0" 2>/dev/null; then
		# A build under a private folder (a CI's mktemp -d): nobody cannot
		# run the program there.
		echo "note: nobody cannot run $CLINICQ: the checks as nobody are skipped"
	else
		# The same checks as nobody, in a folder everyone may write.
		mkdir "$tmp/all" && chmod 1777 "$tmp/all" && chmod 755 "$tmp"
		$as_nobody env \
		    TMPDIR="$tmp/all" top_srcdir="$top_srcdir" CLINICQ="$CLINICQ" PYTHON3="$PYTHON3" \
		    sh "$0" --in "$tmp/all" nobody >"$tmp/nobody.out" 2>&1 ||
			fail "as nobody: $(cat "$tmp/nobody.out")"
		grep -q "all passed" "$tmp/nobody.out" || fail "as nobody: the checks did not run"
	fi
fi
finish
