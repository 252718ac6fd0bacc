#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gen_service.py — a synthetic log of service times with known truth, for
tests/fit_service.sh.

Every day from Monday 2027-01-04, --per-day arrivals (Poisson) uniform over
06:00-20:00; each waits exp(--wait-mean) minutes (the wait_min column) and
its service starts then.  Services are lognormal(--mean, --sd) times the
factor of the hour of day service starts (--by-hour: 0.6 at 06:00 rising by
0.05 an hour; else 1); --spike SHARE replaces that share of them by 5
seconds; --mix makes half of them lognormal(1, 0.2) and half lognormal(10, 2)
(a badly misspecified sample for one family).  With --truth FILE writes the
factors and the mean factor over the rows as JSON.
"""
import argparse
import datetime
import json
import math
import random


def factor(hour, by_hour):
    if not by_hour:
        return 1.0
    return 0.6 + 0.05 * (hour - 6) if 6 <= hour else 0.6 + 0.05 * (hour + 18)


def lognormal(rng, m, s):
    s2 = math.log(1 + (s / m) ** 2)
    return rng.lognormvariate(math.log(m) - s2 / 2, math.sqrt(s2))


def poisson(rng, lam):
    # Knuth's method in chunks (lam up to a few hundred).
    n = 0
    while lam > 0:
        step = min(lam, 30.0)
        lam -= step
        limit, p = math.exp(-step), 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                break
            n += 1
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weeks", type=int, default=4)
    ap.add_argument("--per-day", type=float, default=300)
    ap.add_argument("--mean", type=float, default=4.0)
    ap.add_argument("--sd", type=float, default=3.0)
    ap.add_argument("--wait-mean", type=float, default=20.0)
    ap.add_argument("--by-hour", action="store_true")
    ap.add_argument("--spike", type=float, default=0.0)
    ap.add_argument("--mix", action="store_true")
    ap.add_argument("--truth")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    start = datetime.datetime(2027, 1, 4)
    rows, fsum, n = [], 0.0, 0
    for d in range(a.weeks * 7):
        k = poisson(rng, a.per_day)
        for t in sorted(rng.uniform(6 * 60, 20 * 60) for _ in range(k)):
            wait = rng.expovariate(1 / a.wait_mean)
            hour = int(((t + wait) % 1440) // 60)
            f = factor(hour, a.by_hour)
            if rng.random() < a.spike:
                svc = 5 / 60
            else:
                if a.mix:
                    base = lognormal(rng, 1, 0.2) if rng.random() < 0.5 else \
                        lognormal(rng, 10, 2)
                else:
                    base = lognormal(rng, a.mean, a.sd)
                svc = f * base
                fsum += f
                n += 1
            at = start + datetime.timedelta(days=d, minutes=t)
            rows.append("%s,%.4f,%.4f" % (at.strftime("%Y-%m-%d %H:%M:%S"), svc, wait))
    print("arrived_at,service_min,wait_min")
    print("\n".join(rows))
    if a.truth:
        with open(a.truth, "w") as fh:
            json.dump({"factor": [factor(h, a.by_hour) for h in range(24)],
                       "mean_factor": fsum / n}, fh)


main()
