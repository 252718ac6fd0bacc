#!/bin/sh
# determinism.sh — same seed, same JSON once "timing" is dropped: with -j 1 and
# -j 2, and twice in a row; a different seed gives different figures.
. "$top_srcdir/tests/setup.sh"

strip() { "$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("timing"); print(json.dumps(d, sort_keys=True))' "$1"; }

for j in 1 2; do
	"$CLINICQ" run "$SCN/portal_inbox.ini" -r 4 --set scenario.weeks=3 --json -j $j > "$tmp/j$j.json"
	strip "$tmp/j$j.json" > "$tmp/j$j"
done
cmp -s "$tmp/j1" "$tmp/j2" || fail "-j 1 and -j 2 differ"
"$CLINICQ" run "$SCN/portal_inbox.ini" -r 4 --set scenario.weeks=3 --json -j 2 > "$tmp/again.json"
strip "$tmp/again.json" > "$tmp/again"
cmp -s "$tmp/j1" "$tmp/again" || fail "two runs with the same seed differ"
"$CLINICQ" run "$SCN/portal_inbox.ini" -r 4 --set scenario.weeks=3 --json --seed 99 > "$tmp/s99.json"
strip "$tmp/s99.json" > "$tmp/s99"
cmp -s "$tmp/j1" "$tmp/s99" && fail "a different seed gave identical results"
finish
