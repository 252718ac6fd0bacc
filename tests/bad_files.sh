#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bad_files.sh — whole files that cannot carry tests/bad's "; expect:" header:
# empty, blank, comment-only, binary garbage, UTF-16, too large, too many lines,
# a folder, a missing file; and what must be accepted: a UTF-8 byte-order mark,
# CRLF line ends.  Every failure leaves existing output files untouched.
. "$(dirname "$0")/setup.sh"

mkdir "$tmp/keep"
echo "earlier workbook" >"$tmp/keep/out.xlsx"
echo "earlier result" >"$tmp/keep/classes.csv"
cp -p "$tmp/keep/out.xlsx" "$tmp/keep/classes.csv" "$tmp/"

# bad CODE FILE PHRASE: check and run both fail with CODE, "clinicq: FILE" and
# PHRASE, and run leaves the outputs alone.
bad() {
	code=$1 f=$2 phrase=$3
	expect_exit "$code" "$CLINICQ" check "$f"
	expect_err "clinicq: $f"
	expect_err "$phrase"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$f: want one line on stderr: $(head -c 300 "$tmp/err")"
	expect_exit "$code" "$CLINICQ" run "$f" --quiet -o "$tmp/keep/out.xlsx" --csv "$tmp/keep"
	expect_err "$phrase"
	cmp -s "$tmp/out.xlsx" "$tmp/keep/out.xlsx" && cmp -s "$tmp/classes.csv" "$tmp/keep/classes.csv" ||
		fail "$f: run changed an existing output file"
	[ "$(ls -A "$tmp/keep" | tr '\n' ' ')" = "classes.csv out.xlsx " ] ||
		fail "$f: run left files: $(ls -A "$tmp/keep" | tr '\n' ' ')"
}

: >"$tmp/empty.ini"
bad 2 "$tmp/empty.ini" "the scenario is empty"
printf '\n  \n\t\n' >"$tmp/blank.ini"
bad 2 "$tmp/blank.ini" "the scenario is empty"
printf '; just a comment\n# and another\n' >"$tmp/comment.ini"
bad 2 "$tmp/comment.ini" "the scenario is empty"

# Binary garbage: NUL bytes, control characters, invalid UTF-8.
"$PYTHON3" -c '
import random, sys
r = random.Random(7)
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(4096)))' >"$tmp/garbage.ini"
bad 2 "$tmp/garbage.ini" "a scenario is a text file"
"$PYTHON3" -c '
import random, sys
r = random.Random(8)
sys.stdout.buffer.write(bytes(r.choice(range(0x80, 0x100)) for _ in range(500)))' >"$tmp/high.ini"
bad 2 "$tmp/high.ini" "clinicq: $tmp/high.ini:1: "
printf '\377\376[\000s\000c\000]\000\n\000' >"$tmp/utf16.ini"
bad 2 "$tmp/utf16.ini" "a scenario is a text file"
cp "$SCN/portal_inbox.ini" "$tmp/png.ini"
printf '\211PNG\r\n\032\n' >"$tmp/png.ini"
bad 2 "$tmp/png.ini" "clinicq: $tmp/png.ini:1: "

# Too large, too many lines, one over-long line.
"$PYTHON3" -c 'import sys; sys.stdout.write(("; " + "x" * 150 + "\n") * 30000)' >"$tmp/big.ini"
bad 2 "$tmp/big.ini" "4 MiB"
"$PYTHON3" -c 'import sys; sys.stdout.write(";\n" * 100001)' >"$tmp/lines.ini"
bad 2 "$tmp/lines.ini" "100000 lines"
"$PYTHON3" -c 'import sys; sys.stdout.write("[scenario]\nname = " + "n" * 100000 + "\n")' >"$tmp/longline.ini"
bad 2 "$tmp/longline.ini" "clinicq: $tmp/longline.ini:2: "

# Not a file at all.
bad 2 "$tmp" "not a regular file"
bad 2 "$tmp/missing.ini" "cannot open"
# A FIFO is refused at once, not read until some writer comes (timeout: the
# old code blocked for ever opening it).
mkfifo "$tmp/fifo.ini"
expect_exit 2 timeout 10 "$CLINICQ" check "$tmp/fifo.ini"
expect_err "clinicq: $tmp/fifo.ini: cannot read: not a regular file"
expect_exit 2 timeout 10 "$CLINICQ" run "$tmp/fifo.ini" --quiet
expect_err "not a regular file"
rm -f "$tmp/fifo.ini"

# A UTF-8 byte-order mark and CRLF line ends are accepted, and mean the same.
expect_exit 0 "$CLINICQ" check "$SCN/portal_inbox.ini"
sed 1d "$tmp/out" >"$tmp/plain"
printf '\357\273\277' >"$tmp/bom.ini"
cat "$SCN/portal_inbox.ini" >>"$tmp/bom.ini"
expect_exit 0 "$CLINICQ" check "$tmp/bom.ini"
sed 1d "$tmp/out" | cmp -s - "$tmp/plain" || fail "a BOM changes the scenario"
sed 's/$/\r/' "$SCN/portal_inbox.ini" >"$tmp/crlf.ini"
expect_exit 0 "$CLINICQ" check "$tmp/crlf.ini"
sed 1d "$tmp/out" | cmp -s - "$tmp/plain" || fail "CRLF line ends change the scenario"
# ... and with a BOM, an error's line number still counts the first line as 1.
printf '\357\273\277[stream portal]\nrat = 4/h\n' >"$tmp/bomerr.ini"
expect_exit 2 "$CLINICQ" check "$tmp/bomerr.ini"
expect_err "clinicq: $tmp/bomerr.ini:2: unknown key 'rat' in [stream portal]; did you mean 'rate'?"

finish
