# tests/setup.sh — sourced by the shell tests: strict mode, a scratch folder, helpers.
set -eu
LC_ALL=C
export LC_ALL
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${CLINICQ:=$top_builddir/clinicq}"
: "${PYTHON3:=/usr/bin/python3}"
SCN="$top_srcdir/scenarios"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
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
