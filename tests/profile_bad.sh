#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# profile_bad.sh — `clinicq fit LOG --profile PROFILE` on bad input.
# Every tests/bad_profile/*.ini is a profile with one error; its first line
# says where and what: "; expect: LINE: PHRASE".  Every tests/bad_profile/rows/
# *.csv is an export with one bad row (or header) read through rows/base.ini
# (rows/plain.ini for plain_*), its line and phrase in the table below.  Each
# must exit 2 with one line "clinicq: FILE:LINE: ..." holding the phrase, and
# print nothing on stdout.
. "$(dirname "$0")/setup.sh"

BAD="$top_srcdir/tests/bad_profile"
LOG="$top_srcdir/profiles/acd_calls_example.tsv"

# one FILE LINE PHRASE CMD...: CMD fails as said.
one() {
	f=$1 line=$2 phrase=$3
	shift 3
	expect_exit 2 "$@"
	grep -qF -- "clinicq: $f:$line: " "$tmp/err" ||
		fail "$(basename "$f"): stderr lacks 'clinicq: $f:$line: ': $(head -c 400 "$tmp/err")"
	grep -qF -- "$phrase" "$tmp/err" ||
		fail "$(basename "$f"): stderr lacks '$phrase': $(head -c 400 "$tmp/err")"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] ||
		fail "$(basename "$f"): want one line on stderr: $(head -c 400 "$tmp/err")"
	[ -s "$tmp/out" ] && fail "$(basename "$f"): printed sections despite the error"
	return 0
}

n=0
for f in "$BAD"/*.ini; do
	n=$((n + 1))
	head=$(head -n 1 "$f")
	case $head in
	"; expect: "*) ;;
	*) fail "$f: first line is not '; expect: LINE: PHRASE'"; continue ;;
	esac
	rest=${head#; expect: }
	one "$f" "${rest%%: *}" "${rest#*: }" "$CLINICQ" fit "$LOG" --profile "$f"
done
[ "$n" -ge 40 ] || fail "only $n files in tests/bad_profile"

# The rows: NAME LINE PHRASE.
while IFS='|' read -r name line phrase; do
	[ -n "$name" ] || continue
	p="$BAD/rows/base.ini"
	case $name in plain_*) p="$BAD/rows/plain.ini" ;; esac
	one "$BAD/rows/$name.csv" "$line" "$phrase" "$CLINICQ" fit "$BAD/rows/$name.csv" \
	    --profile "$p"
	n=$((n + 1))
done <<'EOF_ROWS'
header_missing|1|the header has no column 'secs', which the profile
header_twice|1|the header names column 'kind' twice
header_no_skip_column|1|the header has no column 'flag', which the profile
outcome_code|3|outcome code 'LOST' in column 'result' is not in the profile's [outcome] map; add it there
class_empty|3|empty class in column 'kind'
class_code|3|class code 'C' in column 'kind' is not in the profile's [class] map; add it there
stream_bad|3|bad stream 'q 1' in column 'queue'
duration_bad|3|bad service_min '2m' in column 'secs': expected seconds as a number
duration_negative|3|negative wait_min '-1' in column 'waited'
duration_past_100_years|3|service_min '4000000000' in column 'secs' is longer than any duration
duration_hex|3|bad service_min '0x20' in column 'secs'
agent_long|3|an agent longer than 63 bytes in column 'who'
date_bad|3|bad arrived_at date '31.02.27' in column 'day': no such date (date_format %d.%m.%y)
date_nomatch|3|the text does not match the profile's format
date_trailing|3|unexpected text after what the profile's format reads
date_nonumber|3|expected a number
time_ampm|3|bad arrived_at time '7:05 XM' in column 'at': expected AM or PM
time_hour_13_pm|3|no such time (hours 1-12 with AM or PM)
started_before|3|started_at is before arrived_at
fields_count|3|11 fields, but the header has 10; quote a field that holds a semicolon
plain_outcome|3|outcome 'LOST' in column 'result': write served or abandoned, or map
plain_class_bad|3|bad class 'a b' in column 'kind'
plain_stamp_bad|3|no such time of day (hours 0-23, minutes and seconds 0-59) (datetime_format %Y/%m/%d %H.%M)
plain_year|3|expected a four-digit year
EOF_ROWS

# Whole files: missing, a folder, a NUL byte, too large.
expect_exit 2 "$CLINICQ" fit "$LOG" --profile "$tmp/missing.ini"
expect_err "clinicq: $tmp/missing.ini: cannot open"
expect_exit 2 "$CLINICQ" fit "$LOG" --profile "$tmp"
expect_err "clinicq: $tmp: cannot read: not a regular file (a profile is an INI file)"
printf '[columns]\narrived_at = a\000\n' >"$tmp/nul.ini"
expect_exit 2 "$CLINICQ" fit "$LOG" --profile "$tmp/nul.ini"
expect_err "clinicq: $tmp/nul.ini: a NUL byte; a profile is a text file"
"$PYTHON3" -c 'import sys; sys.stdout.write(";\n" * 600000)' >"$tmp/big.ini"
expect_exit 2 "$CLINICQ" fit "$LOG" --profile "$tmp/big.ini"
expect_err "clinicq: $tmp/big.ini: larger than 1 MiB"
echo "$n bad profiles and rows"
finish
