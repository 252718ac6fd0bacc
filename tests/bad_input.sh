#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bad_input.sh — every file in tests/bad is a scenario with one error.  Its first
# line says where and what: "; expect: LINE: PHRASE" (LINE 0: the error names no
# line, e.g. one caused by --set); an optional second line "; args: ..." gives
# extra arguments for `clinicq check`.  The check must exit 2 and print
# "clinicq: FILE:LINE: " followed by a message containing PHRASE.  A file may
# start with a UTF-8 byte-order mark (accepted, and lines still count from 1).
# `clinicq run` on it must fail the same way and leave existing output files
# (-o FILE.xlsx, --csv DIR) untouched, with no temporary file left beside them.
. "$(dirname "$0")/setup.sh"

bom=$(printf '\357\273\277')
mkdir "$tmp/keep"
echo "earlier workbook" >"$tmp/keep/out.xlsx"
echo "earlier result" >"$tmp/keep/classes.csv"
cp -p "$tmp/keep/out.xlsx" "$tmp/keep/classes.csv" "$tmp/"
n=0
for f in "$top_srcdir"/tests/bad/*.ini; do
	n=$((n + 1))
	head=$(head -n 1 "$f")
	head=${head#"$bom"}
	case $head in
	"; expect: "*) ;;
	*) fail "$f: first line is not '; expect: LINE: PHRASE'"; continue ;;
	esac
	rest=${head#; expect: }
	line=${rest%%: *}
	phrase=${rest#*: }
	args=$(sed -n '2s/^; args: //p' "$f")
	# shellcheck disable=SC2086
	expect_exit 2 "$CLINICQ" check "$f" $args
	if [ "$line" = 0 ]; then
		prefix="clinicq: $f: "
	else
		prefix="clinicq: $f:$line: "
	fi
	grep -qF -- "$prefix" "$tmp/err" ||
		fail "$(basename "$f"): stderr lacks '$prefix': $(head -c 400 "$tmp/err")"
	grep -qF -- "$phrase" "$tmp/err" ||
		fail "$(basename "$f"): stderr lacks '$phrase': $(head -c 400 "$tmp/err")"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] ||
		fail "$(basename "$f"): want one line on stderr: $(head -c 400 "$tmp/err")"
	[ -s "$tmp/out" ] && fail "$(basename "$f"): printed a scenario despite the error"

	# shellcheck disable=SC2086
	expect_exit 2 "$CLINICQ" run "$f" $args --quiet -o "$tmp/keep/out.xlsx" \
	    --csv "$tmp/keep"
	grep -qF -- "$phrase" "$tmp/err" ||
		fail "$(basename "$f"): run: stderr lacks '$phrase': $(head -c 400 "$tmp/err")"
	cmp -s "$tmp/out.xlsx" "$tmp/keep/out.xlsx" && cmp -s "$tmp/classes.csv" "$tmp/keep/classes.csv" ||
		fail "$(basename "$f"): run changed an existing output file"
	[ "$(ls -A "$tmp/keep" | tr '\n' ' ')" = "classes.csv out.xlsx " ] ||
		fail "$(basename "$f"): run left files: $(ls -A "$tmp/keep" | tr '\n' ' ')"
	rm -rf "$tmp/keep"; mkdir "$tmp/keep"; cp -p "$tmp/out.xlsx" "$tmp/classes.csv" "$tmp/keep/"
done
[ "$n" -ge 30 ] || fail "only $n files in tests/bad"
echo "$n bad inputs"
finish
