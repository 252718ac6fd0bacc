#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""gen_export.py — one synthetic log written twice: as a foreign export (what
a profile in profiles/ describes) and as the same rows in clinicq's canonical
columns, for tests/profile.sh and the example logs in profiles/.

--kind acd: a call-centre (ACD) export, tab-separated: date YYMMDD and times
H:MM:SS (hours unpadded) in separate columns, durations in whole seconds, an
outcome code AGENT (served) / HANG (hung up waiting) / PHANTOM (a line noise
call, to skip), the agent's name or NO_SERVER, a type code PS / PE (regular),
NE (stocks), IN (internet), TT (test calls, to skip).  Arrivals 07:00-22:00
weekdays, 08:00-17:00 weekends; wait W ~ exp(mean 1.5 min), patience
P ~ lognormal(mean 3, sd 3): HANG iff P < W; service ~ lognormal(mean 3.5
min, sd 3).

--kind ehr: an EHR in-basket export, semicolon-separated: received and opened
dates M/D/YY and times H:MM AM/PM in separate columns, minutes active with a
decimal, a message type code with blanks in it, a pool, a status COMPLETED or
DELETED (to skip), and rows of the pool TEST (to skip).  Arrivals around the
clock, more by day; opened W ~ exp(mean 5 h) later (across midnight too);
time active ~ gamma(shape 2, mean 4 min).

The canonical file has arrived_at, class, service_min, outcome, wait_min,
agent and started_at as each kind has them; the skipped rows are left out of
it.  --truth FILE writes the counts of the rows written and skipped, by reason.
"""
import argparse
import datetime
import json
import math
import random

T0 = datetime.datetime(2027, 1, 4)   # a Monday


def lognormal(rng, m, s):
    s2 = math.log(1 + (s / m) ** 2)
    return rng.lognormvariate(math.log(m) - s2 / 2, math.sqrt(s2))


def arrivals(rng, weeks, per_week, open_hours):
    """Arrival times in whole seconds from T0, Poisson within open hours."""
    hours = [h for h in range(168) if open_hours(h // 24, h % 24)]
    rate = per_week / (len(hours) * 3600.0)
    out = []
    for w in range(weeks):
        for h in hours:
            t = 0.0
            while True:
                t += rng.expovariate(rate)
                if t >= 3600:
                    break
                out.append((w * 168 + h) * 3600 + int(t))
    return sorted(out)


def acd(rng, a, truth):
    head = ["vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry",
            "vru_exit", "vru_time", "q_start", "q_exit", "q_time", "outcome", "ser_start",
            "ser_exit", "ser_time", "server"]
    exp = ["\t".join(head)]
    can = ["arrived_at,class,service_min,outcome,wait_min,agent"]
    types = [("PS", "regular", 0.5), ("PE", "regular", 0.1), ("NE", "stocks", 0.2),
             ("IN", "internet", 0.15), ("TT", None, 0.05)]
    agents = ["MORIAH", "ANAT", "AVI", "DARMON", "ELI", "GELBER", "IDIT", "YITZ"]

    def hms(s):
        return "%d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)

    ts = arrivals(rng, a.weeks, a.per_week,
                  lambda d, h: 7 <= h < 22 if d < 5 else 8 <= h < 17)
    for i, t in enumerate(ts):
        u = rng.random()
        for code, cls, sh in types:
            if u < sh:
                break
            u -= sh
        day, sec = divmod(t, 86400)
        date = (T0 + datetime.timedelta(days=day)).strftime("%y%m%d")
        vru = rng.randint(1, 15)
        q0 = sec + vru
        phantom = rng.random() < 0.02
        w = int(round(rng.expovariate(1 / 90.0)))
        p = int(round(lognormal(rng, 180.0, 180.0)))
        if phantom:
            oc, w, svc, agent = "PHANTOM", 0, 0, "NO_SERVER"
        elif p < w:
            oc, w, svc, agent = "HANG", p, 0, "NO_SERVER"
        else:
            oc, svc, agent = "AGENT", max(1, int(round(lognormal(rng, 210.0, 180.0)))), \
                rng.choice(agents)
        ser0 = q0 + w if oc == "AGENT" else 0
        exp.append("\t".join([
            "AA%04d" % rng.randint(1, 9999), str(33116 + i), str(rng.randint(0, 99999999)),
            str(rng.randint(0, 2)), code, date, hms(sec), hms(q0), str(vru),
            hms(q0), hms(q0 + w), str(w), oc, hms(ser0), hms(ser0 + svc if ser0 else 0),
            str(svc), agent]))
        if phantom:
            truth["outcome PHANTOM"] = truth.get("outcome PHANTOM", 0) + 1
            continue
        if cls is None:
            truth["type TT"] = truth.get("type TT", 0) + 1
            continue
        stamp = (T0 + datetime.timedelta(seconds=t)).strftime("%Y-%m-%d %H:%M:%S")
        if oc == "AGENT":
            can.append("%s,%s,%r,served,%r,%s" % (stamp, cls, svc / 60, w / 60, agent))
        else:
            can.append("%s,%s,,abandoned,%r," % (stamp, cls, w / 60))
    return exp, can


def ehr(rng, a, truth):
    exp = ["Message ID;Received Date;Received Time;Message Type;Pool;Status;"
           "Opened Date;Opened Time;Minutes Active;Completed By"]
    can = ["arrived_at,class,service_min,stream,outcome,started_at,agent"]
    types = [("Patient Medical Advice Request", "advice", 0.45), ("Rx Refill", "refill", 0.3),
             ("Result Note", "results", 0.2), ("Staff Message", None, 0.05)]
    pools = [("RN POOL", "nurse"), ("MD POOL", "physician")]   # [stream] maps them
    users = ["SMITH, J", "LEE, K", "GARCIA, M", "NGUYEN, T"]

    def md(dt):
        return "%d/%d/%02d" % (dt.month, dt.day, dt.year % 100)

    def hm(dt):
        return "%d:%02d %s" % ((dt.hour + 11) % 12 + 1, dt.minute, "AM" if dt.hour < 12 else "PM")

    ts = arrivals(rng, a.weeks, a.per_week,
                  lambda d, h: rng.random() < (0.9 if 7 <= h < 19 else 0.35))
    for i, t in enumerate(ts):
        t -= t % 60                    # the export has minutes only
        u = rng.random()
        for code, cls, sh in types:
            if u < sh:
                break
            u -= sh
        pool, stream = rng.choice(pools)
        if rng.random() < 0.02:
            pool, stream = "TEST", None
        deleted = rng.random() < 0.03
        rec = T0 + datetime.timedelta(seconds=t)
        opened = rec + datetime.timedelta(minutes=int(rng.expovariate(1 / 300.0)))
        active = round(rng.gammavariate(2.0, 2.0), 1)
        user = rng.choice(users)
        exp.append(";".join([
            "M%07d" % (1000 + i), md(rec), hm(rec), code, pool,
            "DELETED" if deleted else "COMPLETED", md(opened), hm(opened),
            "%.1f" % active, user]))
        if stream is None:
            truth["Pool TEST"] = truth.get("Pool TEST", 0) + 1
            continue
        if deleted:
            truth["Status DELETED"] = truth.get("Status DELETED", 0) + 1   # [outcome]
            continue
        if cls is None:
            truth["Message Type Staff Message"] = truth.get("Message Type Staff Message", 0) + 1
            continue
        can.append("%s,%s,%s,%s,served,%s,\"%s\"" % (
            rec.strftime("%Y-%m-%d %H:%M"), cls, "%.1f" % active, stream,
            opened.strftime("%Y-%m-%d %H:%M"), user))
    return exp, can


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=["acd", "ehr"], required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weeks", type=int, default=4)
    ap.add_argument("--per-week", type=float, default=2000)
    ap.add_argument("--export", required=True)
    ap.add_argument("--canonical", required=True)
    ap.add_argument("--truth")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    truth = {}
    exp, can = (acd if a.kind == "acd" else ehr)(rng, a, truth)
    with open(a.export, "w") as f:
        f.write("\n".join(exp) + "\n")
    with open(a.canonical, "w") as f:
        f.write("\n".join(can) + "\n")
    truth["rows"] = len(exp) - 1
    truth["kept"] = len(can) - 1
    if a.truth:
        with open(a.truth, "w") as f:
            json.dump(truth, f, indent=1, sort_keys=True)


main()
