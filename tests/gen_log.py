#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gen_log.py — a synthetic event log with known truth, for tests/fit.sh.

Arrivals are Poisson per hour of week with weights WEIGHT(h) scaled to
--per-week; with --volume-cv C each day's rates are multiplied by a gamma
draw of mean 1 and CV C (as the engine's volume_cv); --gap DATE[..DATE]
(repeatable) leaves those days without rows; classes are drawn by share; services are lognormal (routine)
or gamma (clinical) with the means and SDs below.  Writes the CSV to stdout
and, with --truth FILE, the true weights, per_week and shares as JSON.
"""
import argparse
import datetime
import json
import math
import random

SHARES = [("routine", 0.7), ("clinical", 0.3)]
# class: (family, mean minutes, sd minutes)
SERVICE = {"routine": ("lognormal", 4.0, 3.0), "clinical": ("gamma", 9.0, 4.0)}


def weight(h):
    """Hour-of-week weight: office hours on weekdays, a little at night and weekends."""
    day, hour = divmod(h, 24)
    if day < 5:
        if 8 <= hour < 12:
            return 10.0
        if 12 <= hour < 17:
            return 7.0 + (hour - 12)
        if 17 <= hour < 22:
            return 3.0
        return 0.5
    return 2.0 if 9 <= hour < 18 else 0.0


def service(rng, cls):
    fam, m, s = SERVICE[cls]
    if fam == "lognormal":
        s2 = math.log(1 + (s / m) ** 2)
        return rng.lognormvariate(math.log(m) - s2 / 2, math.sqrt(s2))
    k = (m / s) ** 2
    return rng.gammavariate(k, m / k)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weeks", type=int, default=8)
    ap.add_argument("--start", default="2027-01-04")   # a Monday
    ap.add_argument("--lead-days", type=int, default=0,
                    help="days of a partial week before --start")
    ap.add_argument("--per-week", type=float, default=500)
    ap.add_argument("--no-class", action="store_true")
    ap.add_argument("--crlf", action="store_true")
    ap.add_argument("--volume-cv", type=float, default=0)
    ap.add_argument("--gap", action="append", default=[],
                    help="DATE or DATE..DATE without rows (an outage, a holiday)")
    ap.add_argument("--truth")
    a = ap.parse_args()
    gaps = []
    for g in a.gap:
        lo, _, hi = g.partition("..")
        gaps.append((datetime.date.fromisoformat(lo), datetime.date.fromisoformat(hi or lo)))
    factor = {}
    rng = random.Random(a.seed)
    w = [weight(h) for h in range(168)]
    tot = sum(w)
    start = datetime.datetime.fromisoformat(a.start) - datetime.timedelta(days=a.lead_days)
    nl = "\r\n" if a.crlf else "\n"
    out = []
    out.append("id,arrived_at,class,service_min,note" if not a.no_class
               else "arrived_at,service_min")
    hours = a.weeks * 168 + a.lead_days * 24
    n = 0
    for hh in range(hours):
        t0 = start + datetime.timedelta(hours=hh)
        how = t0.weekday() * 24 + t0.hour
        day = t0.date()
        if day not in factor:
            cv = a.volume_cv
            factor[day] = rng.gammavariate(1 / cv ** 2, cv ** 2) if cv > 0 else 1.0
        if any(lo <= day <= hi for lo, hi in gaps):
            continue
        rate = a.per_week * w[how] / tot / 60.0 * factor[day]   # per minute
        t = 0.0
        while rate > 0:
            t += rng.expovariate(rate)
            if t >= 60:
                break
            u = rng.random()
            cls = SHARES[0][0] if u < SHARES[0][1] else SHARES[1][0]
            ts = (t0 + datetime.timedelta(minutes=t)).strftime("%Y-%m-%d %H:%M:%S")
            sv = "%.4f" % service(rng, cls if not a.no_class else "routine")
            n += 1
            if a.no_class:
                out.append("%s,%s" % (ts, sv))
            else:
                out.append('%d,%s,%s,%s,"a note, with ""quotes"""' % (n, ts, cls, sv))
    print(nl.join(out), end=nl)
    if a.truth:
        with open(a.truth, "w") as f:
            json.dump({"weights": w, "per_week": a.per_week, "shares": dict(SHARES),
                       "rows": n}, f)


main()
