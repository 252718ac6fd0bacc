#!/bin/sh
# xlsx.sh — `clinicq run -o FILE.xlsx`: the workbook's sheets, numbers (equal to
# the JSON's), formats and charts (tests/xlsx_check.py, with openpyxl); the same
# run gives the same bytes; a failed write leaves no file and an existing file
# untouched.  The LibreOffice rendering is tests/xlsx_pdf.sh.
. "$top_srcdir/tests/setup.sh"

"$PYTHON3" -c 'import openpyxl' 2>/dev/null ||
	{ echo "FAIL: python3-openpyxl is needed (setup.sh installs it)"; exit 1; }
run3() { "$CLINICQ" run "$SCN/portal_inbox.ini" -r 3 --set scenario.weeks=3 --quiet "$@"; }

# The workbook and the JSON of one run.
mkdir "$tmp/w"
expect_exit 0 run3 -o "$tmp/w/out.xlsx" --json
cp "$tmp/out" "$tmp/out.json"
[ -s "$tmp/w/out.xlsx" ] || fail "no workbook written"
[ "$(ls -A "$tmp/w")" = out.xlsx ] || fail "files left beside the workbook: $(ls -A "$tmp/w")"
"$PYTHON3" "$top_srcdir/tests/xlsx_check.py" "$tmp/w/out.xlsx" "$tmp/out.json" ||
	fail "the workbook does not match the JSON (above)"

# Same seed, same bytes (the creation date is the scenario's), whatever -j.
expect_exit 0 run3 -j 2 -o "$tmp/w/again.xlsx"
cmp -s "$tmp/w/out.xlsx" "$tmp/w/again.xlsx" || fail "two runs with one seed differ"
# --output is -o; a text summary still goes to stdout.
expect_exit 0 run3 --output "$tmp/w/long.xlsx"
expect_out "cost per week"
[ -s "$tmp/w/long.xlsx" ] || fail "--output wrote nothing"

# A name that is not .xlsx is a usage error.
expect_exit 2 run3 -o "$tmp/w/out.csv"
expect_err "must end in .xlsx"
[ -e "$tmp/w/out.csv" ] && fail "a file was written for a usage error"

# No folder: exit 1, a message naming the file, nothing written.
expect_exit 1 run3 -o "$tmp/nowhere/out.xlsx"
expect_err "nowhere/out.xlsx"
[ -e "$tmp/nowhere" ] && fail "the missing folder was created"

# A write that fails half-way (the file-size limit, with SIGXFSZ ignored so that
# write() fails with EFBIG): exit 1, no temporary left, the old file untouched.
echo "previous workbook" > "$tmp/w/keep.xlsx"
set +e
(ulimit -f 8 && trap '' XFSZ && run3 -o "$tmp/w/keep.xlsx") \
	>"$tmp/out" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 1 ] || fail "a failed write exited $got, want 1: $(head -c 400 "$tmp/err")"
expect_err "keep.xlsx"
# One line of clinicq's, naming the system error; none of libxlsxwriter's own.
grep -qF '[ERROR]' "$tmp/err" && fail "libxlsxwriter's messages on stderr: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "a failed write said more than one line: $(cat "$tmp/err")"
expect_err "File too large"
[ "$(cat "$tmp/w/keep.xlsx")" = "previous workbook" ] || fail "the existing file was changed"
ls -A "$tmp/w" | grep -q tmp && fail "temporary file left: $(ls -A "$tmp/w")"

# A scenario error: exit 2, the old file untouched.
expect_exit 2 run3 --set scenario.weeks=-1 -o "$tmp/w/keep.xlsx"
[ "$(cat "$tmp/w/keep.xlsx")" = "previous workbook" ] || fail "the existing file was changed"

# A read-only folder (root writes anyway: skip there).
if [ "$(id -u)" != 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	expect_exit 1 run3 -o "$tmp/ro/out.xlsx"
	[ -z "$(ls -A "$tmp/ro")" ] || fail "files left in a read-only folder"
	chmod 755 "$tmp/ro"
fi
finish
