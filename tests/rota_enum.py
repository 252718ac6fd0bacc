#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rota_enum.py -- the least-cost rota of a tiny problem, by brute force.

    rota_enum.py PROBLEM.json [GLPSOL]

Independent of clinicq's solver: every line of each contract is enumerated
by brute force -- each week of the cycle runs through all (shifts + 1)^7
assignments of its days (kept when it has the contract's days and hours and
only shifts of the contract's role, so that the cycles stay few), every
combination of weeks is a candidate line, and tests/rota_check.py's rule
check (written from doc/rota.md) keeps the lines that follow every rule.
Then the covering programme over all of them is solved by glpsol on a model
written here, lexicographically: least cost, then, at that cost, fewest
persons.  Prints {"cost":…, "persons":…, "headcount":{CONTRACT:n},
"lines":n}.
"""
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rota_check as rc  # noqa: E402

MODEL = """
set L; set R; set C;
param cost{L}; param ct{L} symbolic in C;
param a{R, L} default 0; param need{R};
param lo{C} default 0; param hi{C} default -1;
param stage; param best default 0;
var x{L} integer >= 0;
minimize obj: sum{l in L} (if stage = 1 then cost[l] else 1) * x[l];
s.t. cov{r in R}: sum{l in L} a[r, l] * x[l] >= need[r];
s.t. least{k in C}: sum{l in L: ct[l] = k} x[l] >= lo[k];
s.t. most{k in C: hi[k] >= 0}: sum{l in L: ct[l] = k} x[l] <= hi[k];
s.t. atcost{i in 1..(if stage = 2 then 1 else 0)}:
    sum{l in L} cost[l] * x[l] <= best + 1e-6 * (1 + best);
solve;
printf "OBJ %.10f\\n", sum{l in L} cost[l] * x[l];
printf "PERSONS %d\\n", sum{l in L} x[l];
printf{l in L: x[l] > 0.5} "X %s %d\\n", l, x[l];
end;
"""


def lines_of(p, c, W):
    shifts = [s for s in p["shift_by_name"] if p["shift_by_name"][s]["role"] == c["role"]]
    weeks = []
    for week in itertools.product(["off"] + shifts, repeat=7):
        work = [d for d in week if d != "off"]
        if len(work) != c["days_per_week"]:
            continue
        if c["hours_per_week"] > 0 and sum(p["shift_by_name"][d]["len"] for d in work) > \
                c["hours_per_week"] * 60 + 1e-6:
            continue
        weeks.append(list(week))
    out = []
    for combo in itertools.product(weeks, repeat=W):
        days = [d for wk in combo for d in wk]
        if rc.line_breaks(p, c, days, W) is None:
            out.append(days)
    return out


def solve(p, W, glpsol):
    N = 7 * W
    lines = []
    for name, c in p["contract_by_name"].items():
        for days in lines_of(p, c, W):
            lines.append((name, days, rc.line_cost(p, c, days, W)))
    rows = [(s, t) for s in p["shift_by_name"] for t in range(N)
            if p["shift_by_name"][s]["demand"][t % 7] > 0]
    tmp = tempfile.mkdtemp()
    mod = os.path.join(tmp, "m.mod")
    with open(mod, "w") as f:
        f.write(MODEL)
    result = None
    best = 0.0
    for stage in (1, 2):
        dat = os.path.join(tmp, "d%d.dat" % stage)
        with open(dat, "w") as f:
            f.write("data;\nparam stage := %d;\nparam best := %.10f;\n" % (stage, best))
            f.write("set C := %s;\n" % " ".join("'%s'" % c for c in p["contract_by_name"]))
            f.write("set L := %s;\n" % " ".join("l%d" % i for i in range(len(lines))))
            f.write("set R := %s;\n" % " ".join("r%d" % i for i in range(len(rows))))
            f.write("param : cost ct :=\n%s;\n" % "\n".join(
                "l%d %.10f '%s'" % (i, ln[2], ln[0]) for i, ln in enumerate(lines)))
            f.write("param need := %s;\n" % " ".join(
                "r%d %d" % (i, p["shift_by_name"][s]["demand"][t % 7])
                for i, (s, t) in enumerate(rows)))
            f.write("param a :=\n")
            for i, ln in enumerate(lines):
                for j, (s, t) in enumerate(rows):
                    if ln[1][t] == s:
                        f.write("r%d l%d 1\n" % (j, i))
            f.write(";\n")
            lo = {k: c["min_people"] for k, c in p["contract_by_name"].items() if c["min_people"] > 0}
            hi = {k: c["max_people"] for k, c in p["contract_by_name"].items() if c["max_people"] >= 0}
            f.write("param lo := %s;\n" % " ".join("'%s' %d" % kv for kv in lo.items()))
            f.write("param hi := %s;\n" % " ".join("'%s' %d" % kv for kv in hi.items()))
            f.write("end;\n")
        # --cuts: without them glpsol's branch and bound takes seconds on
        # hours.json; with them milliseconds, the same optimum.
        out = subprocess.run([glpsol, "--cuts", "-m", mod, "-d", dat], capture_output=True,
                             text=True).stdout
        if "INTEGER OPTIMAL SOLUTION FOUND" not in out and "HAS NO" not in out:
            sys.exit("rota_enum.py: glpsol did not finish: " + out[-300:])
        m = re.search(r"^OBJ (\S+)$", out, re.M)
        if m is None:
            return {"feasible": False, "lines": len(lines)}
        best = float(m.group(1))
        head = {k: 0 for k in p["contract_by_name"]}
        for l, n in re.findall(r"^X l(\d+) (\d+)$", out, re.M):
            head[lines[int(l)][0]] += int(n)
        result = {"feasible": True, "cost": best,
                  "persons": int(re.search(r"^PERSONS (\d+)$", out, re.M).group(1)),
                  "headcount": head, "lines": len(lines)}
    return result


def main(argv):
    p = rc.load_problem(argv[1])
    glpsol = argv[2] if len(argv) > 2 else "glpsol"
    print(json.dumps(solve(p, rc.cycle_weeks(p), glpsol)))


if __name__ == "__main__":
    main(sys.argv)
