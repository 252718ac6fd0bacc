#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""simpy_mmc.py -- the M/M/c model of bench/mm8.ini in SimPy 3, for bench/bench.sh.

Poisson arrivals (rate 40/h), exponential service (mean 10 min), c = 8 servers
(one simpy.Resource), two simulated years (104 weeks), one replication.  Written
the idiomatic SimPy way: one generator process per customer that requests the
resource, waits, holds it for its service time and releases it.  Time unit:
minutes.

Like clinicq, each customer's wait (arrival to the start of service) and
response (arrival to completion) are summed, and the customers meeting the
target of bench/mm8.ini (5 minutes) counted: on the response for --mode async,
on the wait for --mode sync (clinicq's `mode = sync`, whose target applies to
the wait; without [contact] and acuity a sync item is otherwise served like an
async one, first come, first served: doc/model.md).

Prints one JSON object: {"mode", "jobs": served, "mean_wait_min", "met",
"seconds", "rep_seconds"} where "seconds" is the wall time of the simulation
itself, all replications (the whole process, interpreter start-up included, is
timed by bench.sh), and "rep_seconds" that of each replication.  Replication i
(from 0) is seeded with seed + i; the figures are those of the last one.

Usage: simpy_mmc.py [--mode async|sync] [--reps N] [--weeks N] [--servers C]
                    [--rate PER_HOUR] [--service MIN] [--seed N]
"""
import argparse
import json
import random
import time

import simpy


TARGET_MIN = 5.0   # [class job] target = 80% <= 5min


def customer_async(env, servers, service_mean, stats):
    arrived = env.now
    with servers.request() as req:
        yield req
        stats["wait_sum"] += env.now - arrived
        yield env.timeout(random.expovariate(1.0 / service_mean))
    resp = env.now - arrived
    stats["resp_sum"] += resp
    stats["met"] += resp <= TARGET_MIN
    stats["jobs"] += 1


def customer_sync(env, servers, service_mean, stats):
    arrived = env.now
    with servers.request() as req:
        yield req
        wait = env.now - arrived
        stats["wait_sum"] += wait
        stats["met"] += wait <= TARGET_MIN
        yield env.timeout(random.expovariate(1.0 / service_mean))
    stats["resp_sum"] += env.now - arrived
    stats["jobs"] += 1


def source(env, servers, rate_per_min, service_mean, stats, customer):
    while True:
        yield env.timeout(random.expovariate(rate_per_min))
        env.process(customer(env, servers, service_mean, stats))


def replication(a, seed):
    random.seed(seed)
    horizon = a.weeks * 7 * 24 * 60
    customer = customer_sync if a.mode == "sync" else customer_async
    stats = {"jobs": 0, "wait_sum": 0.0, "resp_sum": 0.0, "met": 0}
    t0 = time.perf_counter()
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=a.servers)
    env.process(source(env, servers, a.rate / 60.0, a.service, stats, customer))
    env.run(until=horizon)
    return stats, servers.count, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("async", "sync"), default="async")
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--weeks", type=float, default=104)
    ap.add_argument("--servers", type=int, default=8)
    ap.add_argument("--rate", type=float, default=40.0, help="arrivals per hour")
    ap.add_argument("--service", type=float, default=10.0, help="mean service, minutes")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    if a.reps < 1:
        ap.error("--reps must be at least 1")
    rep_seconds = []
    for i in range(a.reps):
        stats, in_service, sec = replication(a, a.seed + i)
        rep_seconds.append(round(sec, 4))
    # Mean wait over the jobs that started service by the horizon: a wait is
    # added when service starts, so the jobs still in service have counted
    # their waits but not yet themselves.
    started = stats["jobs"] + in_service
    print(json.dumps({
        "mode": a.mode,
        "jobs": stats["jobs"],
        "mean_wait_min": round(stats["wait_sum"] / started, 4) if started else 0.0,
        "met": stats["met"],
        "seconds": round(sum(rep_seconds), 3),
        "rep_seconds": rep_seconds,
    }))


if __name__ == "__main__":
    main()
