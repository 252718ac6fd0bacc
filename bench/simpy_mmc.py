#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""simpy_mmc.py -- the M/M/c model of bench/mm8.ini in SimPy 3, for bench/bench.sh.

Poisson arrivals (rate 40/h), exponential service (mean 10 min), c = 8 servers
(one simpy.Resource), two simulated years (104 weeks), one replication.  Written
the idiomatic SimPy way: one generator process per customer that requests the
resource, waits, holds it for its service time and releases it.  Time unit:
minutes.

Prints one JSON object: {"jobs": served, "mean_wait_min": ..., "seconds": ...}
where "seconds" is the wall time of the simulation itself (the whole process,
interpreter start-up included, is timed by bench.sh).

Usage: simpy_mmc.py [--weeks N] [--servers C] [--rate PER_HOUR]
                    [--service MIN] [--seed N]
"""
import argparse
import json
import random
import time

import simpy


def customer(env, servers, service_mean, stats):
    arrived = env.now
    with servers.request() as req:
        yield req
        stats["wait_sum"] += env.now - arrived
        yield env.timeout(random.expovariate(1.0 / service_mean))
    stats["jobs"] += 1


def source(env, servers, rate_per_min, service_mean, stats):
    while True:
        yield env.timeout(random.expovariate(rate_per_min))
        env.process(customer(env, servers, service_mean, stats))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weeks", type=float, default=104)
    ap.add_argument("--servers", type=int, default=8)
    ap.add_argument("--rate", type=float, default=40.0, help="arrivals per hour")
    ap.add_argument("--service", type=float, default=10.0, help="mean service, minutes")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    random.seed(a.seed)
    horizon = a.weeks * 7 * 24 * 60
    stats = {"jobs": 0, "wait_sum": 0.0}
    t0 = time.perf_counter()
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=a.servers)
    env.process(source(env, servers, a.rate / 60.0, a.service, stats))
    env.run(until=horizon)
    seconds = time.perf_counter() - t0
    # Mean wait over the jobs that started service by the horizon: a wait is
    # added when service starts, so the jobs still in service (servers.count)
    # have counted their waits but not yet themselves.
    started = stats["jobs"] + servers.count
    print(json.dumps({
        "jobs": stats["jobs"],
        "mean_wait_min": round(stats["wait_sum"] / started, 4) if started else 0.0,
        "seconds": round(seconds, 3),
    }))


if __name__ == "__main__":
    main()
