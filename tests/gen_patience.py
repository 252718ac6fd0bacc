#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gen_patience.py — a synthetic log with outcomes and waits of known truth,
for tests/patience.sh.

Poisson arrivals at a constant rate; per class a wait W (what the queue would
have made the caller wait; exp, independent of everything) and a patience P:
the row is abandoned iff P < W (wait_min = P, no service), else served
(wait_min = W, a service time).  Classes: `phone` P ~ exp(mean 8 min),
`video` P ~ lognormal(mean 8, sd 6), `routine` never abandons.  W's mean is
16 min, so about a third of phone's rows are served (censored).  Outcomes are
written in mixed case.  --truth FILE writes the truth as JSON.  --all-columns
adds stream, agent and started_at (arrival + wait for a served row), every
column a log may have, for timing the reader.
"""
import argparse
import datetime
import json
import math
import random

# class: (share, patience family, mean, sd); None: never abandons
CLASSES = [("phone", 0.4, "exp", 8.0, 8.0), ("video", 0.4, "lognormal", 8.0, 6.0),
           ("routine", 0.2, None, 0, 0)]
WAIT_MEAN = 16.0


def patience(rng, fam, m, s):
    if fam == "exp":
        return rng.expovariate(1.0 / m)
    s2 = math.log(1 + (s / m) ** 2)
    return rng.lognormvariate(math.log(m) - s2 / 2, math.sqrt(s2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--wait-mean", type=float, default=WAIT_MEAN)
    ap.add_argument("--truth")
    ap.add_argument("--all-columns", action="store_true")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    t0 = datetime.datetime(2027, 1, 4)
    # rows spread over whole weeks: the rate such that --rows fill 4 weeks
    rate = a.rows / (4 * 10080.0)
    out = ["arrived_at,class,outcome,wait_min,service_min"
           + (",stream,agent,started_at" if a.all_columns else "")]
    t = 0.0
    while True:
        t += rng.expovariate(rate)
        if t >= 4 * 10080.0:
            break
        u = rng.random()
        for name, sh, fam, m, s in CLASSES:
            if u < sh:
                break
            u -= sh
        at = t0 + datetime.timedelta(minutes=t)
        ts = at.strftime("%Y-%m-%d %H:%M:%S")
        w = rng.expovariate(1.0 / a.wait_mean)
        p = patience(rng, fam, m, s) if fam else math.inf
        if p < w:
            oc = rng.choice(["abandoned", "Abandoned", "ABANDONED"])
            out.append("%s,%s,%s,%.4f," % (ts, name, oc, p)
                       + (",%s,," % ("phone", "portal")[int(t) % 2] if a.all_columns else ""))
        else:
            oc = rng.choice(["served", "Served", ""])
            out.append("%s,%s,%s,%.4f,%.4f" % (ts, name, oc, w, rng.expovariate(0.2)))
            if a.all_columns:
                start = at + datetime.timedelta(minutes=round(w, 4))
                out[-1] += ",%s,agent%d,%s" % (("phone", "portal")[int(t) % 2], int(t) % 40,
                                               start.strftime("%Y-%m-%d %H:%M:%S"))
    print("\n".join(out))
    if a.truth:
        with open(a.truth, "w") as f:
            json.dump({c[0]: {"family": c[2], "mean": c[3], "sd": c[4]} for c in CLASSES},
                      f)


main()
