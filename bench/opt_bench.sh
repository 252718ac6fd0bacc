#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_bench.sh — how near `clinicq optimize` comes to the optimum on small
# scenarios, and how long it takes on a realistic family practice.
#
#   make bench-opt        (or: sh bench/opt_bench.sh, from any directory)
#
# First the small scenarios of tests/opt (three_shifts and the ones of
# tests/opt_enum.sh): each is optimized, then every roster within its bounds
# is simulated with the confirmation run's seed and replications (the
# scenario's own when optimize reports no confirmation); a table gives the
# cheapest roster that meets every target there ("optimum"), the optimizer's
# answer, the gap in % and optimize's wall time.  The enumeration takes
# about half a minute.
#
# Then three scenarios, each optimized once with its wall time, peak memory
# (the child's maximum resident set), GLPK's solves and time, the integer
# programme's rows, the simulations by phase and the answer:
# - scenarios/family_practice_roster.ini: 3 roles, 10 shift patterns (one on
#   call), 4 async and 2 sync classes, escalation and phone contact, 26 weeks
#   x 10 replications; goal under 60 s on 2 cores (answer 16,585.23 a week);
# - scenarios/family_practice_design.ini, the same practice with one
#   [shift_template] per role (48 candidate shifts); goal under 2 minutes, and
#   its cost against the written shifts' answer;
# - bench/health_system.ini, a health system's central inbox and nurse line:
#   6 roles, 27 written shifts (2 on call), 2 templates (43 candidates), 12
#   classes, escalation, contact with follow-ups, a safety target,
#   max_utilization, holidays, absence; 8 weeks x 5 replications; goal a
#   confirmed answer under 5 minutes and 500 MB on 2 cores.
# See doc/optimizer.md for recorded figures.
#
# Environment: CLINICQ (default ./clinicq in the top source dir), JOBS (2).
# Exit status: 0 when it ran (PASS/FAIL says whether the goal was met).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
orig=$(pwd)
CLINICQ=${CLINICQ:-$top/clinicq}
case $CLINICQ in /*) ;; */*) CLINICQ=$orig/$CLINICQ ;; esac
JOBS=${JOBS:-2}
PY=${BENCH_PYTHON:-/usr/bin/python3}

opt="$here/../tests/opt"
echo "small scenarios: optimize against enumeration"
"$PY" "$opt/optenum.py" bench "$CLINICQ" "$opt/three_shifts.ini" "$opt/md_np.ini" \
    "$opt/md_np_swapped.ini" "$opt/long_short.ini" "$opt/shared_class.ini" \
    "$opt/near_capacity.ini" "$opt/design_two.ini" "$opt/three_capped.ini" || { echo "opt_bench.sh: the enumeration failed" >&2; exit 1; }
echo

# One optimize run: wall time, peak memory (the child's maximum resident set,
# from wait4), GLPK's time, the programme's rows, the simulations by phase.
"$PY" - "$CLINICQ" "$JOBS" "$here/../scenarios/family_practice_roster.ini" \
    "$here/../scenarios/family_practice_design.ini" "$here/health_system.ini" <<'PY'
import json, os, subprocess, sys, time
clinicq, jobs = sys.argv[1], sys.argv[2]

def optimize(ini):
    t0 = time.monotonic()
    p = subprocess.Popen([clinicq, "optimize", ini, "-j", jobs, "--json", "--quiet"],
                         stdout=subprocess.PIPE)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    if rc not in (0, 3):
        sys.exit("opt_bench.sh: clinicq exited %d on %s" % (rc, ini))
    return json.loads(out), wall, ru.ru_maxrss / 1024.0

def report(title, ini, goal_s, goal_mb=None):
    d, wall, mb = optimize(ini)
    phases = {}
    for it in d["iterations"]:
        phases[it["phase"]] = phases.get(it["phase"], 0) + 1
    pg = d["programme"]
    print("%s: %d weeks x %d replications, -j %s" % (title, d["weeks"], d["replications"], jobs))
    print("wall time          %.2f s (cpu %.2f s)" % (wall, d["timing"]["cpu_s"]))
    print("peak memory        %.0f MB" % mb)
    print("GLPK               %d solves, %.2f s; the programme %d rows x %d columns "
          "(pool of %d necessary rows, %d generated)" % (d["solves"], d["timing"]["glpk_s"],
          pg["rows"], pg["columns"], pg["pool_rows"], pg["rows_generated"]))
    print("simulations        %d (%s); %d moves stopped early, %d not simulated" % (
          d["simulations"], ", ".join("%d %s" % (v, k) for k, v in sorted(phases.items())),
          d["moves_screened_out"], d["moves_not_simulated"]))
    conf = d.get("confirmation") or {}
    print("answer             %s, confirmed %s on %s replications of the independent seed" % (
          "feasible" if d["feasible"] else "INFEASIBLE", conf.get("met"), conf.get("replications")))
    print("cost per week      %.2f (as written %.2f)" % (d["roster_cost_per_week"],
          d["baseline_cost_per_week"]))
    print("roster             " + " ".join("%s=%d" % kv for kv in d["roster"].items()))
    ok = wall < goal_s and (goal_mb is None or mb < goal_mb)
    print("%s: under %d s%s" % ("PASS" if ok else "FAIL", goal_s,
          "" if goal_mb is None else " and %d MB" % goal_mb))
    print()
    return d

fixed = report("family practice", sys.argv[3], 60)
design = report("shift design", sys.argv[4], 120)
fc, dc = fixed["roster_cost_per_week"], design["roster_cost_per_week"]
print("shift design against the written shifts: %.2f against %.2f a week (%.1f%% %s)\n" % (
      dc, fc, abs(100 * (fc - dc) / fc), "less" if dc <= fc else "more"))
report("health system", sys.argv[5], 300, 500)
PY
