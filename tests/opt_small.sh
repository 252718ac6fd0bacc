#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_small.sh — `clinicq optimize` on three shifts of 0 to 4 staff: the answer
# costs what an exhaustive enumeration of all 125 rosters (simulated with the
# same seeds, so with the very same arrivals and service times) finds cheapest;
# the written .dat solves with glpsol to the program's last solve; infeasible
# bounds exit 3 naming the target; a broken model exits 1.
. "$top_srcdir/tests/setup.sh"
INI="$top_srcdir/tests/opt/three_shifts.ini"
# The second variant: more messages with a 1-hour target, where the first
# roster falls short and a simulation cut is needed.
V2='--set stream.portal.per_week=1000 --set stream.calls.per_week=300 --set class.msg.target=90%<=1h'

for variant in base v2; do
	set --
	[ "$variant" = v2 ] && set -- $V2
	expect_exit 0 "$CLINICQ" optimize "$INI" --json --write-dat "$tmp/$variant.dat" "$@"
	cp "$tmp/out" "$tmp/$variant.json"
	"$PYTHON3" - "$CLINICQ" "$INI" "$tmp/$variant.json" "$variant" "$@" <<'PY' ||
import json, subprocess, sys
clinicq, ini, out, variant, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
d = json.load(open(out))
best = None
for e in range(5):
    for l in range(5):
        for n in range(5):
            r = subprocess.run([clinicq, "run", ini, "--json"] + extra +
                ["--set", "shift.early.staff=%d" % e, "--set", "shift.late.staff=%d" % l,
                 "--set", "shift.night.staff=%d" % n], capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("FAIL: run %d %d %d: %s" % (e, l, n, r.stderr))
            j = json.loads(r.stdout)
            ok = all(c["met"] in (None, "confident") for c in j["classes"].values())
            ok = ok and j["safety"]["met"] in (None, "confident")
            cost = j["cost_per_week"]["staff"]["mean"]
            if ok and (best is None or cost < best[0] - 1e-6):
                best = (cost, (e, l, n))
if best is None:
    sys.exit("FAIL: %s: no roster meets the targets in enumeration" % variant)
if not d["feasible"] or abs(d["roster_cost_per_week"] - best[0]) > 1e-6:
    sys.exit("FAIL: %s: optimize %s costs %s; enumeration finds %s at %s" %
             (variant, d["roster"], d["roster_cost_per_week"], best[1], best[0]))
if variant == "v2" and not any(it["phase"] == "cut" for it in d["iterations"]):
    sys.exit("FAIL: v2: no simulation cut was needed (the case no longer tests cuts)")
PY
		fail "$variant: enumeration"

	# The .dat of the last solve, solved standalone, gives the last solve's roster.
	if command -v glpsol >/dev/null 2>&1; then
		glpsol -m "$top_srcdir/models/staffing.mod" -d "$tmp/$variant.dat" \
		    -o "$tmp/$variant.sol" >"$tmp/glpsol.out" 2>&1 ||
			fail "$variant: glpsol: $(tail -3 "$tmp/glpsol.out")"
		"$PYTHON3" - "$tmp/glpsol.out" "$tmp/$variant.json" <<'PY' ||
import json, sys
got = {}
for line in open(sys.argv[1]):
    w = line.split()
    if len(w) == 3 and w[0] == "staff":
        got[w[1]] = int(w[2])
want = json.load(open(sys.argv[2]))["last_solve"]
if got != want:
    sys.exit("FAIL: glpsol gives %s, the program's last solve %s" % (got, want))
PY
			fail "$variant: glpsol roster"
	else
		echo "glpsol not installed: .dat check skipped" >&2
	fi
done

# Shift design: the .dat carries the template candidates and rows; glpsol
# solves it to the last solve (unstaffed candidates are not in the JSON), with
# the cuts and gap the program uses for design, as the .dat's header says.
DES="$top_srcdir/tests/opt/design_two.ini"
expect_exit 0 "$CLINICQ" optimize "$DES" --json --write-dat "$tmp/design.dat"
grep -q '^set TEMPLATES' "$tmp/design.dat" || fail "design: no TEMPLATES in the .dat"
grep -q "'rn_flex@10:00+2h'" "$tmp/design.dat" || fail "design: no candidate in the .dat"
grep -q "glpsol --cuts --mipgap 0.005" "$tmp/design.dat" || fail "design: .dat header"
if command -v glpsol >/dev/null 2>&1; then
	glpsol -m "$top_srcdir/models/staffing.mod" -d "$tmp/design.dat" --cuts --mipgap 0.005 \
	    >"$tmp/glpsol.out" 2>&1 || fail "design: glpsol: $(tail -3 "$tmp/glpsol.out")"
	"$PYTHON3" - "$tmp/glpsol.out" "$tmp/out" <<'PY' || fail "design: glpsol roster"
import json, sys
got = {}
for line in open(sys.argv[1]):
    w = line.split()
    if len(w) == 3 and w[0] == "staff" and ("@" not in w[1] or int(w[2]) > 0):
        got[w[1]] = int(w[2])
want = json.load(open(sys.argv[2]))["last_solve"]
if got != want or not any("@" in k for k in want):
    sys.exit("FAIL: glpsol gives %s, the program's last solve %s" % (got, want))
PY
fi

# The programme GLPK holds at the end (rows added one by one over the rounds,
# the necessary rows only when a solution broke them) is the one glpsol builds
# from the .dat, row by row and element by element (CPLEX LP format of both;
# CLINICQ_WRITE_LP is the hook for it).  Three cases with cut rows: shift
# design, the second variant above (simulation cuts), and a practice whose
# fluid rows enter the programme as its solutions break them.
if command -v glpsol >/dev/null 2>&1; then
	for ini in "$DES" "$top_srcdir/tests/opt/three_shifts.ini" \
	    "$SCN/family_practice_roster.ini"; do
		name=$(basename "$ini" .ini)
		set --
		case $name in
		three_shifts) set -- $V2 ;;
		family_practice_roster) set -- --set scenario.weeks=6 -r 4 ;;
		esac
		CLINICQ_WRITE_LP="$tmp/$name.mem.lp" "$CLINICQ" optimize "$ini" --quiet \
		    --write-dat "$tmp/$name.dat" "$@" >/dev/null 2>&1 || fail "$name: optimize"
		glpsol -m "$top_srcdir/models/staffing.mod" -d "$tmp/$name.dat" --check \
		    --wlp "$tmp/$name.glpsol.lp" >/dev/null 2>&1 || fail "$name: glpsol --wlp"
		# Line 1-3: a comment with the file's name and date.
		sed 1,3d "$tmp/$name.mem.lp" >"$tmp/a.lp"
		sed 1,3d "$tmp/$name.glpsol.lp" >"$tmp/b.lp"
		grep -q '^ cut(1):' "$tmp/a.lp" || fail "$name: no cut row in the programme"
		cmp -s "$tmp/a.lp" "$tmp/b.lp" ||
			fail "$name: the programme differs from glpsol's: $(diff "$tmp/a.lp" "$tmp/b.lp" | head -4)"
	done
fi

# Bounds too tight for the target: exit 3, the best roster, the target named.
expect_exit 3 "$CLINICQ" optimize "$SCN/mmc_check.ini" -r 3 --set scenario.weeks=2 \
    --set shift.always.max=8
expect_err "class call attained"
expect_err "against 80%"
expect_out "NO ROSTER"
expect_out "always"
expect_exit 3 "$CLINICQ" optimize "$SCN/mmc_check.ini" -r 3 --set scenario.weeks=2 \
    --set shift.always.max=8 --json
"$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["feasible"] is False and d["roster"]["always"] == 8 and "call" in d["failed"], d["failed"]' "$tmp/out" ||
	fail "infeasible: JSON"

# A broken model: GLPK's complaint, exit 1, nothing on stdout.
mkdir "$tmp/models"
printf 'var x >= 0;\nminimize z: x +;\nend;\n' >"$tmp/models/staffing.mod"
CLINICQ_MODELS="$tmp/models" expect_exit 1 "$CLINICQ" optimize "$SCN/mmc_check.ini" -r 2
expect_err "GLPK cannot read the model"
[ ! -s "$tmp/out" ] || fail "broken model: output on stdout"
CLINICQ_MODELS="$tmp/nowhere" expect_exit 1 "$CLINICQ" optimize "$SCN/mmc_check.ini" -r 2
expect_err "CLINICQ_MODELS"

# Options of optimize only.
expect_exit 2 "$CLINICQ" run "$SCN/mmc_check.ini" --write-dat "$tmp/x.dat"
expect_err "unknown option '--write-dat'"
finish
