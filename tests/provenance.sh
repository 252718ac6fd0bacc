#!/bin/sh
# tests/provenance.sh — every output names what it is of: the JSON's "version"
# and "overrides" (run, optimize, sweep), the text head (the streams as loaded,
# after --set), the workbook's Summary; durations read one way; '-' reads the
# scenario from standard input; the help and README lines work as written.
. "$(dirname "$0")/setup.sh"

HT="$SCN/hypertension_program.ini"
FAST="-r 2 --set scenario.weeks=2"
VERSION=$("$CLINICQ" --version | head -1 | cut -d' ' -f2)

# JSON: scenario, version, overrides, seed first, in that order; overrides are
# the --set options only (not -r or --seed), values as strings.
expect_exit 0 "$CLINICQ" run "$HT" $FAST --set stream.bp.alert_above=170 --seed 7 --json
"$PYTHON3" - "$tmp/out" "$VERSION" <<'PY' || fail "run --json: version/overrides wrong"
import json, sys
d = json.loads(open(sys.argv[1]).read(), object_pairs_hook=lambda kv: kv)
keys = [k for k, v in d]
assert keys[:4] == ["scenario", "version", "overrides", "seed"], keys
o = dict(d)
assert o["version"] == sys.argv[2], o["version"]
assert o["overrides"] == [("scenario.weeks", "2"), ("stream.bp.alert_above", "170")], o["overrides"]
assert o["seed"] == 7
PY
expect_exit 0 "$CLINICQ" run "$HT" -r 2 --json
json_check "$tmp/out" "run --json without --set" 'd["overrides"] == {}' 'd["version"]'

# optimize and sweep carry them at the top too.
expect_exit 0 "$CLINICQ" optimize "$SCN/mmc_check.ini" -r 2 --set scenario.weeks=2 --json --quiet
"$PYTHON3" - "$tmp/out" "$VERSION" <<'PY' || fail "optimize --json: version/overrides wrong"
import json, sys
d = json.loads(open(sys.argv[1]).read(), object_pairs_hook=lambda kv: kv)
assert [k for k, v in d][:4] == ["scenario", "version", "overrides", "seed"], [k for k, v in d]
o = dict(d)
assert o["version"] == sys.argv[2] and o["overrides"] == [("scenario.weeks", "2")], o
PY
expect_exit 0 "$CLINICQ" sweep "$SCN/portal_sweep.ini" -r 2 --set scenario.weeks=2 --json --quiet
"$PYTHON3" - "$tmp/out" "$VERSION" <<'PY' || fail "sweep --json: version/overrides wrong"
import json, sys
d = json.loads(open(sys.argv[1]).read(), object_pairs_hook=lambda kv: kv)
assert [k for k, v in d][:5] == ["scenario", "version", "overrides", "seed", "points"], [k for k, v in d]
o = dict(d)
assert o["version"] == sys.argv[2] and o["overrides"] == [("scenario.weeks", "2")], o
pts = o["points"]
assert all(dict(p)["overrides"][0][0] == "stream.portal.per_week" for p in pts)
PY

# The text head: file, version, seed, every --set, and the stream as loaded.
expect_exit 0 "$CLINICQ" run "$HT" $FAST --set stream.bp.alert_above=170
expect_out "scenario file $HT, clinicq $VERSION, seed 180"
expect_out "overrides: --set scenario.weeks=2, --set stream.bp.alert_above=170"
expect_out "alert above 170 -> bp_alert (expected 158.4 a week)"
grep -q "alert above 180" "$tmp/out" && fail "the head still says 'alert above 180'"
# Safety per replication and per week; unreached says what it counts.
expect_out "per repl."
expect_out "alerts and call-backs not reached (3 attempts)"
# Durations: one form, a 12-hour target reads "12 h", never like a clock.
sed 's/^target = 90% <= 24h/target = 90% <= 12h/' "$HT" > "$tmp/ht12.ini"
grep -q "<= 12h" "$tmp/ht12.ini" || fail "test set-up: no 12h target"
expect_exit 0 "$CLINICQ" run "$tmp/ht12.ini" $FAST
expect_out "90% <= 12 h"
grep '^bp_' "$tmp/out" | grep -Eq '[0-9]:[0-9][0-9]' && fail "a duration in h:mm: $(grep '^bp_' "$tmp/out")"
# Costs with two decimals everywhere.
grep '^cost per week' "$tmp/out" | grep -Eq '^cost per week: [0-9]+\.[0-9][0-9] \(rostered [0-9]+\.[0-9][0-9] \+ overtime [0-9]+\.[0-9][0-9]\)$' \
	|| fail "cost line: $(grep '^cost per week' "$tmp/out")"
# Long names widen their columns: the verdict still lines up.
sed 's/bp_alert/bp_alert_with_a_very_long_class_name/g' "$HT" > "$tmp/long.ini"
expect_exit 0 "$CLINICQ" run "$tmp/long.ini" $FAST
"$PYTHON3" - "$tmp/out" <<'PY' || fail "columns do not line up with a long class name"
import sys
lines = open(sys.argv[1]).read().splitlines()
head = next(l for l in lines if l.startswith("class "))
rows = [l for l in lines if l.startswith("bp_")]
col = head.index("verdict")
for r in rows:
    assert r[col - 1] == " " and r[col] != " ", (head, r)
PY

# The workbook's Summary names the version and every --set.
expect_exit 0 "$CLINICQ" run "$HT" $FAST --set stream.bp.alert_above=170 -o "$tmp/p.xlsx"
"$PYTHON3" - "$tmp/p.xlsx" "$VERSION" <<'PY' || fail "the workbook's Summary lacks the provenance"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
for want in ("clinicq version", sys.argv[2], "Overrides (--set)", "stream.bp.alert_above=170",
             "scenario.weeks=2", "hypertension_program.ini"):
    assert want in s, want
PY

# check: the alerts a week each reading stream implies (600 x 1 x 7 x
# P(normal(138,18) > 180) = 4200 x 0.0098153 = 41.2), as a comment that loads.
expect_exit 0 "$CLINICQ" check "$HT"
expect_out "stream bp: 600 x 1 x 7 x 0.00981533 = 41.2 alerts a week (bp_alert)"
cp "$tmp/out" "$tmp/checked.ini"
expect_exit 0 "$CLINICQ" check "$tmp/checked.ini"

# erlang: a target in seconds reads in seconds.
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --target '80%<=20s'
expect_out "within 20 s"
expect_out "for 80.0% within 20 s;"
grep -q "0.333" "$tmp/out" && fail "erlang prints 0.333 min: $(cat "$tmp/out")"

# sweep: the table names the targets by verdict, the safety target among
# them (family_practice has one).
cp "$SCN/family_practice.ini" "$tmp/fps.ini"
printf '\n[sweep]\nvary = stream.portal.per_week: 1000, 1400\n' >> "$tmp/fps.ini"
expect_exit 0 "$CLINICQ" sweep "$tmp/fps.ini" $FAST --quiet --json
cp "$tmp/out" "$tmp/fps.json"
expect_exit 0 "$CLINICQ" sweep "$tmp/fps.ini" $FAST --quiet
cp "$tmp/out" "$tmp/fps.txt"
"$PYTHON3" - "$tmp/fps.json" "$tmp/fps.txt" <<'PY' || fail "sweep: the targets named leave out the safety target"
import json, sys
pts = json.load(open(sys.argv[1]))["points"]
lines = [l for l in open(sys.argv[2]).read().splitlines() if l[:5].strip().isdigit()]
assert len(lines) == len(pts)
for p, l in zip(pts, lines):
    assert p["safety"]["met"] in ("confident", "on_average", "no"), p["safety"]["met"]
    parts = []
    for code, word in (("confident", "met"), ("on_average", "met on average"), ("no", "missed")):
        who = [c for c, x in p["classes"].items() if x["met"] == code]
        who += ["safety"] if p["safety"]["met"] == code else []
        if who:
            parts.append(word + ": " + ", ".join(who))
    assert l.endswith("  " + "; ".join(parts)), (l, parts)
PY

# '-' reads the scenario from standard input: the same figures as the file,
# errors as "-:LINE:".
expect_exit 0 "$CLINICQ" run "$HT" $FAST --json
"$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("timing"); print(json.dumps(d))' "$tmp/out" > "$tmp/file.json"
set +e; "$CLINICQ" run - $FAST --json < "$HT" > "$tmp/stdin.out" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 0 ] || fail "run - < file exited $rc: $(cat "$tmp/err")"
"$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("timing"); print(json.dumps(d))' "$tmp/stdin.out" > "$tmp/stdin.json"
cmp -s "$tmp/file.json" "$tmp/stdin.json" || fail "run - < file differs from run file"
cat "$HT" | "$CLINICQ" run - $FAST > "$tmp/out" 2>"$tmp/err" || fail "a pipe into run - failed: $(cat "$tmp/err")"
expect_out "scenario file -, clinicq"
printf '[scenario]\nweeks = 2\n[stream x]\nrat = 1/h\n' > "$tmp/bad.ini"
set +e; "$CLINICQ" check - < "$tmp/bad.ini" > "$tmp/out" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "check - with a bad key exited $rc"
expect_err "clinicq: -:4:"
# A path inside a scenario read from standard input is taken from the current folder.
mkdir "$tmp/emp"
printf '3\n4\n5\n6\n' > "$tmp/emp/vals.csv"
sed 's/^service = lognormal(12min,5min)/service = empirical(vals.csv)/' "$HT" > "$tmp/emp.ini"
grep -q 'empirical(vals.csv)' "$tmp/emp.ini" || fail "test set-up: no empirical service"
(cd "$tmp/emp" && "$CLINICQ" check - < "$tmp/emp.ini" > "$tmp/out" 2>"$tmp/err") || fail "check - with empirical(vals.csv) from the current folder: $(cat "$tmp/err")"
expect_out "empirical($tmp/emp/vals.csv)"
set +e; "$CLINICQ" sweep - -r 2 --set scenario.weeks=2 --quiet < "$tmp/fps.ini" > "$tmp/out" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 0 ] || fail "sweep - exited $rc: $(cat "$tmp/err")"
expect_out "2 points (grid)"

# --help points to the manual in a way that works here.
expect_exit 0 "$CLINICQ" --help
expect_out "man -l doc/clinicq.1"
expect_out "man clinicq"
[ -f "$top_srcdir/doc/clinicq.1" ] || fail "doc/clinicq.1 is not in the source tree"

# The README's mpirun line, as written (paths to this tree), when MPI is built in.
if [ "${HAVE_MPI:-no}" = yes ] && command -v mpirun >/dev/null 2>&1; then
	line=$(grep '^mpirun ' "$top_srcdir/README.md" | sed 's/ *#.*//')
	[ -n "$line" ] || fail "no mpirun line in the README"
	cmd=$(printf '%s\n' "$line" | sed -e "s|\./clinicq|$CLINICQ|" -e "s|scenarios/|$SCN/|")
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	export ASAN_OPTIONS
	set +e; sh -c "$cmd" > "$tmp/mpi.json" 2>"$tmp/mpi.err"; rc=$?; set -e
	[ "$rc" = 0 ] || fail "the README's mpirun line failed ($rc): $(head -c 400 "$tmp/mpi.err")"
	"$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["timing"]["ranks"] >= 2 and len(d["points"]) == 9' "$tmp/mpi.json" \
		|| fail "the README's mpirun line did not sweep over MPI ranks"
fi

# Every CSV of run and sweep names the scenario file, clinicq's version, the
# seed and every --set: provenance columns at the end of each line, except in
# measures.csv (its columns are documented) and provenance.csv, which carry
# them as rows.
V=$("$CLINICQ" --version | head -n 1 | sed 's/^clinicq //')
expect_exit 0 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 2 --set scenario.weeks=2 \
    --set 'stream.portal.per_week=1500' --csv "$tmp/pc" --quiet
expect_exit 0 "$CLINICQ" sweep "$SCN/portal_sweep.ini" -r 2 --set scenario.weeks=2 \
    --csv "$tmp/psw" --quiet
"$PYTHON3" - "$tmp/pc" "$tmp/psw" "$V" "$SCN" <<'PY' || fail "a CSV file does not name what it is of"
import csv, glob, os, sys
for d, want_set, scn in ((sys.argv[1], ["scenario.weeks=2", "stream.portal.per_week=1500"],
                          "portal_inbox.ini"),
                         (sys.argv[2], ["scenario.weeks=2"], "portal_sweep.ini")):
    files = sorted(glob.glob(d + "/*.csv"))
    assert len(files) >= 4, files
    for f in files:
        name = os.path.basename(f)
        rows = list(csv.reader(open(f, newline="")))
        if name == "provenance.csv":
            kv = rows[1:]
            assert ["clinicq_version", sys.argv[3]] in kv, kv
            assert [r[1] for r in kv if r[0] == "set"] == want_set, kv
            continue
        if name == "measures.csv":
            assert rows[0] == ["scenario", "point", "subject", "measure", "mean", "lo",
                               "hi", "unit"], rows[0]
            prov = [r for r in rows[1:] if r[2] == "provenance"]
            assert [r[7] for r in prov if r[3] == "clinicq_version"] == [sys.argv[3]], prov
            assert [r[7] for r in prov if r[3] == "set"] == want_set, prov
            assert [r[7] for r in prov if r[3] == "scenario_file"][0].endswith(scn), prov
            assert len([r for r in prov if r[3] == "seed" and int(r[4]) > 0]) == 1, prov
            continue
        assert rows[0][-4:] == ["scenario_file", "clinicq_version", "seed", "overrides"], (name, rows[0])
        for r in rows[1:]:
            assert len(r) == len(rows[0]), (name, r)
            assert r[-4].endswith(scn) and r[-3] == sys.argv[3], (name, r)
            assert r[-1] == "; ".join(want_set), (name, r)
PY
finish
