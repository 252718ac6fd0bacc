#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# doc_outputs.sh — the man page and `--help` name exactly what the program
# writes and takes: the CSV files and sheets `run` writes (read from what it
# wrote, not from a list kept here), every long option of every command's
# --help in the man page's SYNOPSIS, and every installed scenario in FILES.
. "$(dirname "$0")/setup.sh"

MAN="$top_srcdir/doc/clinicq.1"
# The man page's text of one section (roff escapes of '-' undone).
section() {
	awk -v s="$1" '/^\.SH / { on = ($0 == ".SH " s); next } on' "$MAN" | sed 's/\\-/-/g'
}
section SYNOPSIS >"$tmp/synopsis"
section FILES >"$tmp/files"
sed 's/\\-/-/g' "$MAN" >"$tmp/man"

# run writes these CSV files and sheets: --help and the man page name each.
expect_exit 0 "$CLINICQ" run "$top_srcdir/scenarios/family_practice.ini" -r 2 --quiet \
    --set scenario.weeks=2 --csv "$tmp/csv" -o "$tmp/run.xlsx"
expect_exit 0 "$CLINICQ" run --help
cp "$tmp/out" "$tmp/run_help"
n=0
for f in "$tmp/csv"/*.csv; do
	b=$(basename "$f")
	n=$((n + 1))
	grep -q "$b" "$tmp/run_help" || fail "run --help does not name $b"
	grep -q "$b" "$tmp/man" || fail "the man page does not name $b"
done
[ "$n" -ge 8 ] || fail "run wrote $n CSV files, want 8 or more"
# ... and names no CSV file that run does not write.
for b in $(sed -n '/--csv DIR/,/--records/p' "$tmp/run_help" | grep -o '[a-z_][a-z_]*\.csv' |
    grep -v '^FILE' | sort -u); do
	[ -f "$tmp/csv/$b" ] || fail "run --help names $b, which run does not write"
done
"$PYTHON3" - "$tmp/run.xlsx" "$tmp/man" <<'PY' || fail "the man page's run sheets"
import re, sys
import openpyxl
sheets = openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames
man = open(sys.argv[2]).read()
# ".BR run :" then the line naming its sheets
m = re.search(r"\.BR run :\n(.*?) sheets;", man)
assert m, "no run sheet list"
named = re.findall(r"[A-Z][a-z]+", m.group(1))
assert named == sheets, (named, sheets)
PY

# Every option of a command's --help is in the SYNOPSIS, by its long name or
# its one-letter one ("-j, --jobs N" may be written -j).
for cmd in run optimize sweep check erlang fit rota backtest; do
	expect_exit 0 "$CLINICQ" "$cmd" --help
	grep -o -- '^ *\(-[a-zA-Z], \)\{0,1\}--[a-z][a-z-]*' "$tmp/out" |
	    sed 's/^ *//' | sort -u >"$tmp/opts"
	while read -r a b; do
		case $a in --help|-h,) continue ;; esac
		if [ -n "$b" ]; then
			short=${a%,}
			grep -q -- "$b" "$tmp/synopsis" || grep -q -- "$short[^a-z-]" "$tmp/synopsis" ||
			    grep -q -- "$short\$" "$tmp/synopsis" ||
				fail "$cmd --help names $b ($short); the man page's SYNOPSIS does not"
		else
			grep -q -- "$a" "$tmp/synopsis" ||
				fail "$cmd --help names $a; the man page's SYNOPSIS does not"
		fi
	done <"$tmp/opts"
done

# Every installed scenario is named in FILES.
for f in $(sed -n '/^dist_scenario_DATA/,/[^\\]$/p' "$top_srcdir/Makefile.am" |
    grep -o 'scenarios/[a-z_]*\.[a-z]*'); do
	grep -q "$(basename "$f")" "$tmp/files" || fail "FILES does not name $(basename "$f")"
done
finish
