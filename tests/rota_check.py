#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rota_check.py -- an independent check of a rota (SPEC 5.4, doc/rota.md).

    rota_check.py PROBLEM.json ROTA.json [--cost X] [--persons N]

PROBLEM.json describes the problem (the format rota_problem_json writes and
tests/rota_driver reads: cycle_weeks, fte_hours, roles, shifts with start,
end (minutes), days, demand by weekday and cost_per_hour, contracts with
their rules).  ROTA.json holds {"rota": {...}} (or the rota object itself),
as `clinicq rota --json` and tests/rota_driver print it.

Every line is checked against every rule of its contract, written here from
doc/rota.md without looking at the C code: the shifts it may work (of its
role, on the days they run), exactly days_per_week days in each calendar
week, at most hours_per_week paid hours in each week, no lone day off
(days_off_together, around the cycle), no run of working days longer than
max_consecutive_days (around the cycle; a line never off has an endless
run), the rest from each shift's end to the next worked shift's start
(around the cycle) at least min_rest and never negative, weekends_off K in N
(every N consecutive weeks around the cycle hold K weekends with Saturday
and Sunday off), same_shift.  Then the cover of every shift-day, the
headcounts (and min_people, max_people), the FTE, the cost and the
over-cover.  With --cost and --persons, the cost and the number of persons
must be those.  Prints "ok" or one FAIL line per fault; exit 1 on a fault.
No modules beyond Python's standard library.
"""
import json
import sys

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DAY_MIN = 1440


def load_problem(path):
    with open(path) as f:
        p = json.load(f)
    p.setdefault("fte_hours", 40)
    shifts = {}
    for s in p["shifts"]:
        s = dict(s)
        if "days" not in s:
            s["days"] = [DAYS[i] for i in range(7) if s["demand"][i] > 0]
        s["len"] = s["end"] - s["start"]
        shifts[s["name"]] = s
    p["shift_by_name"] = shifts
    cts = {}
    for c in p["contracts"]:
        c = dict(c)
        c.setdefault("days_per_week", 5)
        c.setdefault("hours_per_week", 0)
        c.setdefault("days_off_together", False)
        c.setdefault("max_consecutive_days", 0)
        c.setdefault("min_rest", 0)
        c.setdefault("weekends_off", [0, 0])
        c.setdefault("shifts", None)
        c.setdefault("same_shift", False)
        c.setdefault("cost_per_week", -1)
        c.setdefault("min_people", 0)
        c.setdefault("max_people", -1)
        cts[c["name"]] = c
    p["contract_by_name"] = cts
    return p


def cycle_weeks(p):
    if p.get("cycle_weeks", 0) > 0:
        return p["cycle_weeks"]
    w = 1
    for c in p["contract_by_name"].values():
        k, n = c["weekends_off"]
        if k > 0 and n > 1:
            a, b = w, n
            while b:
                a, b = b, a % b
            w = w * n // a
    return min(w, 12)


def may_work(p, c, shift, weekday):
    s = p["shift_by_name"][shift]
    if s["role"] != c["role"] or DAYS[weekday] not in s["days"]:
        return False
    return c["shifts"] is None or shift in c["shifts"]


def runs(flags):
    """Maximal runs of equal values around a cycle: [(value, length)];
    None when all values are equal (no run boundary)."""
    n = len(flags)
    start = next((i for i in range(n) if flags[i] != flags[i - 1]), None)
    if start is None:
        return None
    out, i = [], 0
    while i < n:
        v, j = flags[(start + i) % n], i
        while j < n and flags[(start + j) % n] == v:
            j += 1
        out.append((v, j - i))
        i = j
    return out


def line_breaks(p, c, days, W):
    """The first rule the line breaks, or None."""
    N = 7 * W
    if len(days) != N:
        return "length (%d days, want %d)" % (len(days), N)
    worked = [d for d in days if d != "off"]
    for t, d in enumerate(days):
        if d != "off" and (d not in p["shift_by_name"] or not may_work(p, c, d, t % 7)):
            return "shifts (%s on day %d)" % (d, t + 1)
    if c["same_shift"] and len(set(worked)) > 1:
        return "same_shift"
    for w in range(W):
        week = [d for d in days[7 * w:7 * w + 7] if d != "off"]
        if len(week) != c["days_per_week"]:
            return "days_per_week (week %d: %d days)" % (w + 1, len(week))
        mins = sum(p["shift_by_name"][d]["len"] for d in week)
        if c["hours_per_week"] > 0 and mins > c["hours_per_week"] * 60 + 1e-6:
            return "hours_per_week (week %d: %g h)" % (w + 1, mins / 60.0)
    off = [d == "off" for d in days]
    r = runs(off)
    if r is None:                      # never off
        if c["max_consecutive_days"] > 0:
            return "max_consecutive_days (never off)"
    else:
        for is_off, n in r:
            if is_off and c["days_off_together"] and n < 2:
                return "days_off_together"
            if not is_off and c["max_consecutive_days"] > 0 and n > c["max_consecutive_days"]:
                return "max_consecutive_days (%d in a row)" % n
    rest = max(c["min_rest"], 0)
    for t in range(N):
        if days[t] == "off":
            continue
        g = next(g for g in range(1, N + 1) if days[(t + g) % N] != "off")
        a, b = p["shift_by_name"][days[t]], p["shift_by_name"][days[(t + g) % N]]
        if g * DAY_MIN + b["start"] - a["end"] < rest:
            return "min_rest (%s on day %d, then %s)" % (days[t], t + 1, days[(t + g) % N])
    k, n = c["weekends_off"]
    if k > 0 and n > 0:
        wk = [days[7 * w + 5] == "off" and days[7 * w + 6] == "off" for w in range(W)]
        for w in range(W):
            if sum(wk[(w + i) % W] for i in range(n)) < k:
                return "weekends_off (%d in %d from week %d)" % (k, n, w + 1)
    return None


def line_cost(p, c, days, W):
    if c["cost_per_week"] >= 0:
        return c["cost_per_week"]
    return sum(p["shift_by_name"][d]["len"] / 60.0 * p["shift_by_name"][d]["cost_per_hour"]
               for d in days if d != "off") / W


def line_hours(p, days, W):
    return sum(p["shift_by_name"][d]["len"] for d in days if d != "off") / 60.0 / W


def day_key(W, t):
    return DAYS[t % 7] if W == 1 else "w%d_%s" % (t // 7 + 1, DAYS[t % 7])


def check(p, rota, want_cost=None, want_persons=None):
    fails = []
    W = cycle_weeks(p)
    N = 7 * W
    if rota.get("cycle_weeks") != W:
        fails.append("cycle_weeks %s, want %d" % (rota.get("cycle_weeks"), W))
        return fails
    if not rota.get("feasible"):
        fails.append("not feasible: %s" % rota.get("why"))
        return fails
    cover = {(s, t): 0 for s in p["shift_by_name"] for t in range(N)}
    count = {c: 0 for c in p["contract_by_name"]}
    cost, hours = 0.0, {r: 0.0 for r in p["roles"]}
    for i, ln in enumerate(rota["lines"]):
        c = p["contract_by_name"].get(ln["contract"])
        if c is None or c["role"] != ln["role"]:
            fails.append("line %d: contract %s of role %s" % (i + 1, ln["contract"], ln["role"]))
            continue
        why = line_breaks(p, c, ln["days"], W)
        if why:
            fails.append("line %d (%s): breaks %s: %s" % (i + 1, c["name"], why, ln["days"]))
            continue
        count[c["name"]] += 1
        cost += line_cost(p, c, ln["days"], W)
        hours[c["role"]] += line_hours(p, ln["days"], W)
        for t, d in enumerate(ln["days"]):
            if d != "off":
                cover[(d, t)] += 1
    for (s, t), n in sorted(cover.items()):
        need = p["shift_by_name"][s]["demand"][t % 7]
        if n < need:
            fails.append("%s on day %d: %d persons, needs %d" % (s, t + 1, n, need))
        oc = rota.get("over_cover", {}).get(s, {}).get(day_key(W, t))
        if DAYS[t % 7] in p["shift_by_name"][s]["days"] and oc != n - need:
            fails.append("over_cover %s %s = %s, want %d" % (s, day_key(W, t), oc, n - need))
    for name, c in p["contract_by_name"].items():
        got = rota.get("headcount", {}).get(c["role"], {}).get(name)
        if got != count[name]:
            fails.append("headcount %s = %s, the lines say %d" % (name, got, count[name]))
        if count[name] < c["min_people"] or (c["max_people"] >= 0 and count[name] > c["max_people"]):
            fails.append("%s: %d persons, outside %d..%d" % (name, count[name], c["min_people"],
                                                             c["max_people"]))
    for r in p["roles"]:
        fte = hours[r] / p["fte_hours"]
        if abs(rota.get("fte", {}).get(r, -1) - fte) > 1e-3:
            fails.append("fte %s = %s, want %.4f" % (r, rota.get("fte", {}).get(r), fte))
    if abs(rota.get("cost_per_week", -1) - cost) > 0.01 + 1e-9 * cost:
        fails.append("cost_per_week %s, the lines cost %.4f" % (rota.get("cost_per_week"), cost))
    if want_cost is not None and abs(cost - want_cost) > 0.01 + 1e-9 * cost:
        fails.append("cost %.4f, want %.4f" % (cost, want_cost))
    if want_persons is not None and len(rota["lines"]) != want_persons:
        fails.append("%d persons, want %d" % (len(rota["lines"]), want_persons))
    return fails


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    p = load_problem(argv[1])
    with open(argv[2]) as f:
        d = json.load(f)
    rota = d.get("rota", d)
    want_cost = want_persons = None
    if "--cost" in argv:
        want_cost = float(argv[argv.index("--cost") + 1])
    if "--persons" in argv:
        want_persons = int(argv[argv.index("--persons") + 1])
    fails = check(p, rota, want_cost, want_persons)
    for f in fails:
        print("FAIL: " + f)
    if not fails:
        print("ok: %d lines, cost %s" % (len(rota["lines"]), rota["cost_per_week"]))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
