#!/bin/sh
# xlsx_pdf.sh — the workbook converts to PDF with LibreOffice headless, and the
# pages show every sheet and the charts' titles.  Skipped (77) without soffice
# (Debian: libreoffice-calc-nogui).
. "$top_srcdir/tests/setup.sh"

command -v soffice >/dev/null 2>&1 || { echo "soffice not found: skipped"; exit 77; }
expect_exit 0 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 2 --set scenario.weeks=2 --quiet \
	-o "$tmp/out.xlsx"
# A private profile: no clash with a running LibreOffice or a read-only HOME.
set +e
timeout 180 soffice --headless --norestore \
	"-env:UserInstallation=file://$tmp/profile" \
	--convert-to pdf --outdir "$tmp/pdf" "$tmp/out.xlsx" >"$tmp/out" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 0 ] || fail "soffice exited $got: $(head -c 400 "$tmp/err")"
[ -s "$tmp/pdf/out.pdf" ] || fail "no PDF: $(head -c 400 "$tmp/out") $(head -c 400 "$tmp/err")"
if [ -s "$tmp/pdf/out.pdf" ] && command -v pdftotext >/dev/null 2>&1; then
	pdftotext -layout "$tmp/pdf/out.pdf" "$tmp/pdf.txt"
	# Page headers name the sheets; chart titles show the charts were drawn.
	for want in Summary Roster Backlog Waits Roles "met on average" missed \
	    "routine: items waiting" "red_flag: items waiting" "Share of items by time taken" \
	    Utilization "Hours per week" "rn on duty" Misses "Missed items a week by hour of arrival" \
	    "Misses by cause"; do
		grep -qF "$want" "$tmp/pdf.txt" || fail "the PDF lacks '$want'"
	done
	# The Backlog's first page prints its charts, not the 168-row table: the
	# table ("Items waiting by hour of week") starts a later page.
	"$PYTHON3" - "$tmp/pdf.txt" <<'PY' || fail "the Backlog's first page is not its charts"
import sys
pages = open(sys.argv[1]).read().split("\f")
first = next(i for i, p in enumerate(pages) if "Backlog by hour of week" in p)
assert "routine: items waiting" in pages[first], pages[first][:400]
assert "Items waiting by hour of week" not in pages[first], pages[first][:400]
assert any("Items waiting by hour of week" in p for p in pages[first + 1:])
PY
	# Durations never print as clock times in the Summary ("16:08").
	sed -n '1,/Page 1 of/p' "$tmp/pdf.txt" | grep -A8 'Waits and responses' | grep -Eq ' [0-9]+:[0-9][0-9]( |$)' &&
		fail "a duration printed as a clock time on the Summary"
	# No cell too narrow for its number ("###").
	grep -q '###' "$tmp/pdf.txt" && fail "a column too narrow: ### in the PDF"
fi
finish
