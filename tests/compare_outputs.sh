#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# compare_outputs.sh — what clinicq prints and writes, collected into a folder,
# to hold a refactoring to "behaviour does not change" (not part of make check).
#
#   sh tests/compare_outputs.sh OUTDIR [CLINICQ]
#   diff -r BEFORE AFTER        # empty when nothing a user sees changed
#
# For every shipped scenario and every scenario of tests/opt: check's output,
# run's text, JSON (timing dropped), CSV files and the workbook's sheet XML
# (unzipped; document properties, which hold the time of writing, left out);
# optimize's text, JSON, CSV, workbook, --write-roster and --write-dat on the
# optimizer's scenarios; a sweep with its JSON, CSV, workbook and database rows;
# erlang and fit; the error messages of every file in tests/bad.  Runs are
# shortened (weeks, replications) to keep the whole under a few minutes; they
# stay deterministic, which is what a comparison needs.  Wall-clock figures
# ("timing", "0.3s", "elapsed") are masked.
set -u
out=${1:?usage: compare_outputs.sh OUTDIR [CLINICQ]}
here=$(cd "$(dirname "$0")/.." && pwd)
CQ=${2:-$here/clinicq}
SCN=$here/scenarios
OPT=$here/tests/opt
PY=${PYTHON3:-/usr/bin/python3}
SHORT="--set scenario.weeks=3 -r 3 -j 2"
mkdir -p "$out"

# Drop "timing" from JSON, mask wall-clock seconds in text.
clean_json() { "$PY" -c 'import json,sys
d = json.load(sys.stdin)
def drop(o):
    if isinstance(o, dict):
        o.pop("timing", None)
        for v in o.values(): drop(v)
    elif isinstance(o, list):
        for v in o: drop(v)
drop(d); print(json.dumps(d, indent=1, sort_keys=False))' 2>&1; }
clean_text() { sed -E 's/[0-9]+\.[0-9]+s\b/#.#s/g; s/\(([0-9]+\.[0-9]+)s;/(#.#s;/g'; }

xlsx() {   # FILE.xlsx DIR: the sheets' XML and shared strings
	mkdir -p "$2"
	(cd "$2" && unzip -q -o "$1" 'xl/worksheets/*.xml' 'xl/sharedStrings.xml' \
	    'xl/charts/*.xml' 'xl/drawings/*.xml' 'xl/workbook.xml' 'xl/styles.xml' 2>/dev/null)
}

one() {   # NAME COMMAND ARGS...: stdout, stderr and exit status of a command
	name=$1; shift
	"$@" >"$out/$name.out" 2>"$out/$name.err"
	echo $? >"$out/$name.rc"
	clean_text <"$out/$name.out" >"$out/$name.out.t" && mv "$out/$name.out.t" "$out/$name.out"
	sed "s|$out|OUT|g; s|$here|TOP|g" "$out/$name.err" >"$out/$name.err.t" &&
	    mv "$out/$name.err.t" "$out/$name.err"
}

for ini in "$SCN"/*.ini "$OPT"/*.ini; do
	b=$(basename "$ini" .ini)
	case $ini in "$OPT"/*) b=opt-$b ;; esac
	one "$b.check" "$CQ" check "$ini"
	one "$b.run" "$CQ" run "$ini" $SHORT --quiet
	"$CQ" run "$ini" $SHORT --quiet --json 2>/dev/null | clean_json >"$out/$b.run.json"
	rm -rf "$out/$b.csv"
	"$CQ" run "$ini" $SHORT --quiet --csv "$out/$b.csv" -o "$out/$b.xlsx" >/dev/null 2>&1
	[ -f "$out/$b.xlsx" ] && xlsx "$out/$b.xlsx" "$out/$b.xlsxdir" && rm -f "$out/$b.xlsx"
done

for ini in "$SCN/mmc_check.ini" "$SCN/family_practice_roster.ini" \
    "$SCN/family_practice_design.ini" "$SCN/family_practice.ini" "$OPT"/*.ini; do
	b=opt.$(basename "$ini" .ini)
	one "$b" "$CQ" optimize "$ini" $SHORT --quiet
	"$CQ" optimize "$ini" $SHORT --quiet --json 2>/dev/null | clean_json >"$out/$b.json"
	rm -rf "$out/$b.csv"
	"$CQ" optimize "$ini" $SHORT --quiet --csv "$out/$b.csv" -o "$out/$b.xlsx" \
	    --write-roster "$out/$b.roster.ini" --write-dat "$out/$b.dat" >/dev/null 2>&1
	[ -f "$out/$b.xlsx" ] && xlsx "$out/$b.xlsx" "$out/$b.xlsxdir" && rm -f "$out/$b.xlsx"
	[ -f "$out/$b.roster.ini" ] && sed -i "s|$here|TOP|g" "$out/$b.roster.ini"
done

rm -rf "$out/sweep.csv" "$out/sweep.sqlite"
one sweep "$CQ" sweep "$SCN/portal_sweep.ini" --set scenario.weeks=3 -r 2 -j 2 --quiet
"$CQ" sweep "$SCN/portal_sweep.ini" --set scenario.weeks=3 -r 2 -j 2 --quiet --json 2>/dev/null |
    clean_json >"$out/sweep.json"
"$CQ" sweep "$SCN/portal_sweep.ini" --set scenario.weeks=3 -r 2 -j 2 --quiet --csv "$out/sweep.csv" \
    -o "$out/sweep.xlsx" --db "$out/sweep.sqlite" >/dev/null 2>&1
[ -f "$out/sweep.xlsx" ] && xlsx "$out/sweep.xlsx" "$out/sweep.xlsxdir" && rm -f "$out/sweep.xlsx"
if [ -f "$out/sweep.sqlite" ]; then
	"$PY" - "$out/sweep.sqlite" >"$out/sweep.db.txt" <<'PY'
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
def clean(v):
    if isinstance(v, str):
        v = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "TIME", v)
        v = re.sub(r',"timing":\{[^}]*\}', "", v)
    return v
for (t,) in db.execute("select name from sqlite_master where type='table' order by name"):
    print("table", t)
    # Points are committed as they finish (threads): their order varies.
    rows = [tuple(clean(v) for v in row if not (isinstance(v, float) and v > 1e9))
            for row in db.execute("select * from %s" % t)]
    for row in sorted(rows, key=repr):
        print(row)
PY
	rm -f "$out/sweep.sqlite"
fi

one erlang1 "$CQ" erlang --rate 40/h --service 10min --target '80%<=5min'
one erlang2 "$CQ" erlang --rate 40/h --service 10min --servers 8 --patience 5min
one erlang3 "$CQ" erlang --rate 40/h
one fit1 "$CQ" fit "$SCN/portal_log_example.csv" --name portal --to 2027-02-28
one help "$CQ" --help
for c in run optimize sweep check erlang fit; do one "help.$c" "$CQ" "$c" --help; done
for f in "$here"/tests/bad/*; do
	[ -f "$f" ] || continue
	case $f in *.ini) ;; *) continue ;; esac
	one "bad.$(basename "$f")" "$CQ" check "$f"
done
echo "compare_outputs.sh: $(find "$out" -type f | wc -l) files in $out"
