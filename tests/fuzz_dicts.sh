#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fuzz_dicts.sh — the fuzzers' dictionaries cannot drift from the readers
# they feed: profile.dict holds every section, key and value word of
# data/log_profile.c and every format conversion; log.dict every column the
# event-log reader knows; each dictionary line is one libFuzzer entry.
# (scn.dict's words of the key table are checked by tests/test_scn_keys.)
# And the scenario fuzzer's seeds load as they are meant to, data file and all,
# so that the fuzzer starts from templates, routes, breaks, traces and
# empirical files that work.
. "$(dirname "$0")/setup.sh"

D="$top_srcdir/tests/fuzz"
# The quoted words of the named static arrays of a C file.
array_words() {
	file=$1; shift
	for a in "$@"; do
		awk -v a="$a" '
		    $0 ~ "const char \\*const " a "\\[" { on = 1 }
		    on { s = $0; sub(/^[^{]*\{/, "", s)
		         while (match(s, /"[^"]*"/)) { print substr(s, RSTART + 1, RLENGTH - 2)
		                                         s = substr(s, RSTART + RLENGTH) } }
		    on && /}/ { on = 0 }' "$file"
	done
}
has() {   # DICT WORD: the word is an entry of the dictionary
	grep -qF "=\"$2\"" "$1" || fail "$(basename "$1") lacks \"$2\""
}

words=$(array_words "$top_srcdir/src/data/log_profile.c" sec_names col_names export_keys \
    seps units outcomes)
[ "$(echo "$words" | wc -l)" -ge 28 ] || fail "too few words read from log_profile.c: $words"
for w in $words; do
	case $w in
	export|columns|units|outcome|class|stream|agent|skip) has "$D/profile.dict" "[$w]" ;;
	esac
	has "$D/profile.dict" "$w"
done
has "$D/profile.dict" nobody
# The conversions the format checker names in its message.
convs=$(grep -o 'a conversion other than [%A-Za-z ]*' "$top_srcdir/src/data/log_profile_row.c" |
    grep -o '%[A-Za-z]')
[ "$(echo "$convs" | wc -l)" = 8 ] || fail "the format conversions read: $convs"
for c in $convs; do has "$D/profile.dict" "$c"; done

cols=$(grep -o 'strcasecmp(name, "[a-z_]*")' "$top_srcdir/src/data/log.c" | cut -d'"' -f2)
[ "$(echo "$cols" | wc -l)" = 8 ] || fail "the log columns read from log.c: $cols"
for c in $cols; do has "$D/log.dict" "$c"; done

# One entry a line: NAME="TEXT", with \\, \" and \xHH the only escapes.
for d in "$D"/*.dict; do
	bad=$(grep -v '^#' "$d" | grep -v '^$' |
	    grep -Ev '^[A-Za-z0-9_]*="([^"\\]|\\\\|\\"|\\x[0-9a-fA-F]{2})*"$' || true)
	[ -z "$bad" ] || fail "$(basename "$d"): not a dictionary entry: $bad"
done

# Each seed (a scenario, then after %%%% its data file fuzz.csv) loads.
for f in "$D"/seed_scn/*.ini; do
	rm -rf "$tmp/s" && mkdir "$tmp/s"
	sed -n '1,/^%%%%$/p' "$f" | grep -v '^%%%%$' >"$tmp/s/fuzz.ini"
	sed -n '/^%%%%$/,$p' "$f" | sed 1d >"$tmp/s/fuzz.csv"
	"$CLINICQ" check "$tmp/s/fuzz.ini" >/dev/null 2>"$tmp/err" ||
	    fail "seed $(basename "$f") does not load: $(cat "$tmp/err")"
done
for w in shift_template 'break = ' 'next = ' 'trace = fuzz.csv' 'empirical(fuzz.csv)' \
    '\[contract ' 'holidays = ' 'by_day = ' '\[sweep\]'; do
	grep -q "^$w\|$w" "$D"/seed_scn/*.ini || fail "no seed has $w"
done
finish
