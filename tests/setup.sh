# tests/setup.sh — sourced by the shell tests: strict mode, a scratch folder, helpers.
#
# A test names each check it makes: fail "what failed" (or json_check, which
# names the expression that failed and the values it compared), and ends with
# finish.  Its scratch folder $tmp is removed when it passes and kept, with its
# path on stderr, when it fails, so that what the test saw can be looked at.
# Scenarios shared by several tests live in tests/fixtures/ ($FIX).
set -eu
LC_ALL=C
export LC_ALL
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${CLINICQ:=$top_builddir/clinicq}"
: "${PYTHON3:=/usr/bin/python3}"
SCN="$top_srcdir/scenarios"
FIX="$top_srcdir/tests/fixtures"
tmp=$(mktemp -d)
cleanup() {
	rc=$?
	if [ "$rc" = 0 ]; then
		rm -rf "$tmp"
	else
		echo "$(basename "$0"): its scratch folder is kept: $tmp" >&2
	fi
}
trap cleanup EXIT

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
# json_check FILE NAME EXPR...: every Python expression over d (FILE's JSON)
# is true; each one that is not is a failure naming NAME, the expression and
# the values it compared (tests/jcheck.py).
json_check() {
	file=$1; shift
	set +e
	"$PYTHON3" "$top_srcdir/tests/jcheck.py" "$file" "$@" >"$tmp/jcheck.out" 2>&1
	set -e
	while IFS= read -r line; do
		fail "${line#FAIL: }"
	done <"$tmp/jcheck.out"
}
# json_get FILE EXPR: the value of a Python expression over d.
json_get() { "$PYTHON3" "$top_srcdir/tests/jcheck.py" "$1" --get "$2"; }
ok() { :; }
# expect_exit CODE CMD...: run CMD, check its exit status.
expect_exit() {
	want=$1; shift
	set +e; "$@" >"$tmp/out" 2>"$tmp/err"; got=$?; set -e
	[ "$got" = "$want" ] || fail "'$*' exited $got, want $want; stderr: $(head -c 400 "$tmp/err")"
}
# expect_err TEXT: the last command's stderr contains TEXT.
expect_err() {
	grep -qF -- "$1" "$tmp/err" || fail "stderr lacks '$1': $(head -c 400 "$tmp/err")"
}
expect_out() {
	grep -qF -- "$1" "$tmp/out" || fail "stdout lacks '$1': $(head -c 400 "$tmp/out")"
}
finish() {
	if [ "$fails" -gt 0 ]; then echo "$fails failure(s)"; exit 1; fi
	echo "all passed"; exit 0
}
