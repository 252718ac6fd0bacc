#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gen_callcentre.py — a synthetic call-centre log of known staffing, for
tests/fit_staff.sh.

A discrete-event simulation of one queue served first come, first served by
named agents on a known roster (ROSTER: shifts by weekday, whole hours).  Calls
arrive as a Poisson process whose rate in each hour is `--util` x persons on
duty x 60 / mean service, so that the offered utilisation is --util in every
staffed hour (none arrive when no one is on duty); services are lognormal
(mean 4 min, sd 3), patience exponential (mean 3 min).  A free agent takes
the longest-waiting call; a call goes to the agent idle longest.  Each day a
shift draws its persons from a pool of names half again its size, so more
names appear in a week than are ever on duty at once.  An agent finishes the
call in hand past the shift's end.  Agents idle between calls (1 - util of
their time on average), which the log does not show.

Columns: arrived_at, class, service_min, outcome, wait_min, agent,
started_at.  --scale K multiplies every shift's persons (a bigger centre).
--truth FILE writes the persons on duty in each hour of week
(Monday 00:00 first) and the log's abandoned share and mean wait as JSON.
"""
import argparse
import datetime
import heapq
import json
import math
import random

# (days, start hour, end hour, persons): mon-fri 0-4, sat-sun 5-6
ROSTER = [((0, 1, 2, 3, 4), 7, 15, 6), ((0, 1, 2, 3, 4), 9, 17, 4),
          ((0, 1, 2, 3, 4), 12, 20, 4), ((0, 1, 2, 3, 4), 15, 23, 3),
          ((5, 6), 9, 17, 3)]
SVC_MEAN, SVC_SD = 4.0, 3.0
PATIENCE = 3.0
CLASSES = [("sales", 0.4), ("support", 0.6)]
START = datetime.datetime(2027, 1, 4)   # a Monday


def persons_by_hour():
    p = [0] * 168
    for days, a, b, n in ROSTER:
        for d in days:
            for h in range(a, b):
                p[d * 24 + h] += n
    return p


def lognormal(rng, m, s):
    s2 = math.log(1 + (s / m) ** 2)
    return rng.lognormvariate(math.log(m) - s2 / 2, math.sqrt(s2))


def stamp(t):
    return (START + datetime.timedelta(minutes=t)).strftime("%Y-%m-%d %H:%M:%S")


def arrivals(rng, weeks, util, persons):
    """Poisson arrivals, constant within each hour."""
    out = []
    for w in range(weeks):
        for h in range(168):
            rate = util * persons[h] * 60.0 / SVC_MEAN   # calls per hour
            t = 0.0
            while rate > 0:
                t += rng.expovariate(rate / 60.0)
                if t >= 60:
                    break
                out.append((w * 10080 + h * 60) + t)
    return out


def shift_runs(rng, weeks):
    """(start, end, name) of every person-shift; names drawn from each shift's pool."""
    runs = []
    for s, (days, a, b, n) in enumerate(ROSTER):
        pool = ["a%d_%02d" % (s, i) for i in range(n + (n + 1) // 2)]
        for w in range(weeks):
            for d in days:
                t0 = w * 10080 + d * 1440
                for name in rng.sample(pool, n):
                    runs.append((t0 + a * 60, t0 + b * 60, name))
    return runs


def simulate(rng, weeks, util):
    persons = persons_by_hour()
    calls = arrivals(rng, weeks, util, persons)
    ev = []   # (time, order, kind, data)
    order = 0
    for i, t in enumerate(calls):
        ev.append((t, 2, order, "arrive", i)); order += 1
    for a, b, name in shift_runs(rng, weeks):
        ev.append((a, 1, order, "on", name)); order += 1
        ev.append((b, 0, order, "off", name)); order += 1
    heapq.heapify(ev)
    idle = {}          # name -> idle since
    on = set()
    queue = []         # (arrival, index, deadline), FCFS
    qhead = 0
    rows = [None] * len(calls)

    def serve(name, now):
        nonlocal qhead, order
        while qhead < len(queue):
            arr, i, dl = queue[qhead]
            qhead += 1
            if dl < now:   # hung up before anyone was free
                continue
            svc = lognormal(rng, SVC_MEAN, SVC_SD)
            rows[i] = (arr, "served", now - arr, name, now, svc)
            heapq.heappush(ev, (now + svc, 0, order, "done", name)); order += 1
            return True
        return False

    while ev:
        now, _, _, kind, x = heapq.heappop(ev)
        if kind == "arrive":
            pat = rng.expovariate(1.0 / PATIENCE)
            rows[x] = (calls[x], "abandoned", pat, "", None, None)
            queue.append((calls[x], x, calls[x] + pat))
            if idle:
                name = min(idle, key=idle.get)   # idle longest
                del idle[name]
                serve(name, now)
        elif kind == "on":
            on.add(x)
            if not serve(x, now):
                idle[x] = now
        elif kind == "off":
            on.discard(x)
            idle.pop(x, None)   # busy: leaves after the call in hand
        elif kind == "done":
            if x in on and not serve(x, now):
                idle[x] = now
    return calls, rows, persons


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weeks", type=int, default=4)
    ap.add_argument("--util", type=float, default=0.8)
    ap.add_argument("--scale", type=int, default=1, help="persons of each shift times this")
    ap.add_argument("--truth")
    a = ap.parse_args()
    ROSTER[:] = [(d, s, e, n * a.scale) for d, s, e, n in ROSTER]
    rng = random.Random(a.seed)
    calls, rows, persons = simulate(rng, a.weeks, a.util)
    print("arrived_at,class,service_min,outcome,wait_min,agent,started_at")
    ab, waits = 0, []
    for arr, outcome, wait, agent, start, svc in rows:
        cls = CLASSES[0][0] if rng.random() < CLASSES[0][1] else CLASSES[1][0]
        if outcome == "abandoned":
            ab += 1
            print("%s,%s,,abandoned,%.3f,," % (stamp(arr), cls, wait))
        else:
            waits.append(wait)
            print("%s,%s,%.3f,served,%.3f,%s,%s" % (stamp(arr), cls, svc, wait, agent,
                                                   stamp(start)))
    if a.truth:
        with open(a.truth, "w") as f:
            json.dump({"persons": persons, "rows": len(rows),
                       "abandoned_share": ab / len(rows),
                       "wait_mean_served": sum(waits) / len(waits)}, f)


if __name__ == "__main__":
    main()
