#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# profile.sh — `clinicq fit LOG --profile PROFILE` with the shipped profiles
# (profiles/): tests/gen_export.py writes the same rows as a foreign export
# and in the canonical columns, and fit's sections from the two must be the
# same, line for line, but for the header comments naming the file; the rows
# the profile skips are counted by reason in a comment, as the generator
# counted them; the shipped example logs are what the generator makes, and
# fit's sections from them load into a scenario with a role and a shift.
. "$(dirname "$0")/setup.sh"

GEN="$top_srcdir/tests/gen_export.py"
PROF="$top_srcdir/profiles"

# The sections without the comments that name the file read.
strip() { grep -v -e '^; clinicq fit ' -e '^; to replay the log itself' -e 'rows skipped by the profile' "$1"; }

# same KIND PROFILE SEED WEEKS PER_WEEK
same() {
	kind=$1 prof=$2
	"$PYTHON3" "$GEN" --kind "$kind" --seed "$3" --weeks "$4" --per-week "$5" \
	    --export "$tmp/$kind.export" --canonical "$tmp/$kind.csv" --truth "$tmp/$kind.json"
	expect_exit 0 "$CLINICQ" fit "$tmp/$kind.export" --profile "$prof" --name "$kind"
	cp "$tmp/out" "$tmp/$kind.foreign.ini"
	expect_exit 0 "$CLINICQ" fit "$tmp/$kind.csv" --name "$kind"
	cp "$tmp/out" "$tmp/$kind.canonical.ini"
	strip "$tmp/$kind.foreign.ini" >"$tmp/a"
	strip "$tmp/$kind.canonical.ini" >"$tmp/b"
	cmp -s "$tmp/a" "$tmp/b" || fail "$kind: fit through $prof differs from the canonical log: $(diff "$tmp/a" "$tmp/b" | head -n 8)"
	[ "$(wc -l <"$tmp/a")" -gt 20 ] || fail "$kind: too few lines compared"
	# The skipped rows' comment against the generator's counts.
	"$PYTHON3" - "$tmp/$kind.foreign.ini" "$tmp/$kind.json" <<'EOF_PY' || fail "$kind: the skipped rows' comment"
import json, re, sys
truth = json.load(open(sys.argv[2]))
want = {k: v for k, v in truth.items() if k not in ("rows", "kept")}
line = [ln for ln in open(sys.argv[1]) if "rows skipped by the profile" in ln][0]
total = int(line.split()[1])
got = {}
for item in line.split(": ", 1)[1].strip().split(", "):
    key, n = item.rsplit(" ", 1)
    got[key] = int(n)
ok = got == want and total == sum(want.values()) == truth["rows"] - truth["kept"]
if not ok:
    print("got", total, got, "want", want)
sys.exit(0 if ok else 1)
EOF_PY
}

same acd "$PROF/acd_calls.ini" 5 3 1500
grep -q '^mode = sync' "$tmp/acd.foreign.ini" || fail "acd: no class with abandonment (mode = sync)"
grep -q '^patience = ' "$tmp/acd.foreign.ini" || fail "acd: no patience fitted"
same ehr "$PROF/ehr_inbasket.ini" 6 3 1500
grep -q '^\[stream nurse\]' "$tmp/ehr.foreign.ini" || fail "ehr: the pools are not mapped to streams"

# The shipped examples are the generator's, and their sections load.
"$PYTHON3" "$GEN" --kind acd --seed 1 --weeks 3 --per-week 600 --export "$tmp/acd_ex" \
    --canonical "$tmp/acd_ex.csv"
cmp -s "$tmp/acd_ex" "$PROF/acd_calls_example.tsv" || fail "profiles/acd_calls_example.tsv is not what gen_export.py makes"
"$PYTHON3" "$GEN" --kind ehr --seed 2 --weeks 3 --per-week 600 --export "$tmp/ehr_ex" \
    --canonical "$tmp/ehr_ex.csv"
cmp -s "$tmp/ehr_ex" "$PROF/ehr_inbasket_example.csv" || fail "profiles/ehr_inbasket_example.csv is not what gen_export.py makes"

expect_exit 0 "$CLINICQ" fit "$PROF/acd_calls_example.tsv" --profile "$PROF/acd_calls.ini"
expect_out "rows skipped by the profile"
# Through a profile, --scenario writes a scenario that loads and runs: the
# ACD export's agent column gives the role and shifts, the in-basket's
# offered load does.
expect_exit 0 "$CLINICQ" fit "$PROF/acd_calls_example.tsv" --profile "$PROF/acd_calls.ini" \
    --scenario -o "$tmp/acd_scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/acd_scn.ini"
expect_out "[role agent]"
expect_exit 0 "$CLINICQ" run "$tmp/acd_scn.ini" -r 2 --quiet --json

expect_exit 0 "$CLINICQ" fit "$PROF/ehr_inbasket_example.csv" --profile "$PROF/ehr_inbasket.ini" \
    --scenario -o "$tmp/ehr_scn.ini"
expect_exit 0 "$CLINICQ" check "$tmp/ehr_scn.ini"
expect_exit 0 "$CLINICQ" run "$tmp/ehr_scn.ini" -r 2 --quiet --json

# The help names the option.
expect_exit 0 "$CLINICQ" fit --help
expect_out "--profile PROFILE.ini"
finish
