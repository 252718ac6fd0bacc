#!/bin/sh
# sweep_pdf.sh — the sweep's workbook as printed (LibreOffice headless to PDF):
# every page of the Sweep sheet shows the point and both varied values and
# whole class groups, no cell too narrow for its number; the Sweep charts
# pages show the charts.  Skipped (77) without soffice or pdftotext.
. "$top_srcdir/tests/setup.sh"

command -v soffice >/dev/null 2>&1 || { echo "soffice not found: skipped"; exit 77; }
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext not found: skipped"; exit 77; }
expect_exit 0 "$CLINICQ" sweep "$SCN/portal_sweep.ini" -r 2 --set scenario.weeks=2 --quiet \
	-o "$tmp/s.xlsx"
# A private profile: no clash with a running LibreOffice or a read-only HOME.
set +e
timeout 180 soffice --headless --norestore \
	"-env:UserInstallation=file://$tmp/profile" \
	--convert-to pdf --outdir "$tmp/pdf" "$tmp/s.xlsx" >"$tmp/out" 2>"$tmp/err"
got=$?
set -e
[ "$got" = 0 ] && [ -s "$tmp/pdf/s.pdf" ] || fail "no PDF: soffice exited $got: $(head -c 400 "$tmp/err")"
pdftotext -layout "$tmp/pdf/s.pdf" "$tmp/s.txt"
"$PYTHON3" - "$tmp/s.txt" <<'PY' || fail "the printed Sweep sheet"
import re, sys
pages = open(sys.argv[1]).read().split("\f")
pages = [p for p in pages if p.strip()]
sweep = [p for p in pages if re.search(r"Sweep\s*$", p.splitlines()[0])]
charts = [p for p in pages if "Sweep charts" in p.splitlines()[0]]
assert 2 <= len(sweep) <= 4, len(sweep)
for i, p in enumerate(sweep):
    # the point and both varied values, on every page
    for want in ("Point", "stream", "escalation cost", "what varies", "1,820", "10,000"):
        assert want in p, (i + 1, want)
    assert "###" not in p, (i + 1, "a column too narrow")
    # a class group whole on its page: its name with all of its columns
    for c in re.findall(r"class (\w+)", p):
        assert p.count("95% CI") >= 2 * p.count("class "), (i + 1, c)
seen = "".join(sweep)
for c in ("routine", "clinical", "red_flag", "callback"):
    assert seen.count("class " + c) == 1, c
assert charts, "no Sweep charts page"
text = "".join(charts)
for want in ("Within target", "Acute cases missed", "Cost per week"):
    assert want in text, want
PY
finish
