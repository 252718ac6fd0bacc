# SPDX-License-Identifier: GPL-3.0-or-later
"""optenum.py — check `clinicq optimize` against an exhaustive enumeration.

  optenum.py check CLINICQ INI...     assert; print optimum, answer and gap
  optenum.py bench CLINICQ INI...     the same figures and the optimizer's
                                      wall time, never failing
  optenum.py permute IN OUT [KIND...] write IN with its sections of each
                                      KIND (default: role shift) in reversed
                                      order, comments kept

For each scenario `optimize --json` runs first; its confirmation run (seed and
replications) is the judge: every roster within the shifts' min..max is
simulated with `run --json --seed S -r N`, and the cheapest one that meets
every target there is the optimum the answer must cost.  A shift with
by_day = yes is enumerated day by day (`--set shift.X.staff='mon 3, tue 1'`),
any other as one number for all its days, within every day's min and max.  Used by
tests/opt_enum.sh, tests/opt_order.sh and bench/opt_bench.sh.
"""
import concurrent.futures
import itertools
import json
import os
import re
import subprocess
import sys
import time

SECTION = re.compile(r"^\s*\[\s*([A-Za-z_]+)(?:\s+([^\]\s]+))?\s*\]")


def sections(path):
    """The file as [(kind, name, lines)]; the lines before the first section
    are kind None.  Comments and blank lines stay with the section above
    them, so that writing the chunks back in any order keeps every line."""
    out = [(None, None, [])]
    with open(path) as f:
        for line in f:
            m = SECTION.match(line)
            if m:
                out.append((m.group(1), m.group(2), []))
            out[-1][2].append(line)
    return out


def keys(lines):
    kv = {}
    for line in lines[1:]:
        line = line.split(";", 1)[0].split("#", 1)[0]
        if "=" in line:
            k, v = line.split("=", 1)
            kv[k.strip()] = v.strip()
    return kv


DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def parse_days(text):
    """'mon-wed', 'mon,wed,fri', 'fri-mon', 'all' -> [weekday indices]."""
    out = []
    for item in text.replace(" ", "").lower().split(","):
        if item in ("all", "daily"):
            out += range(7)
        elif "-" in item:
            a, b = (DAYS.index(x[:3]) for x in item.split("-"))
            while True:
                out.append(a)
                if a == b:
                    break
                a = (a + 1) % 7
        else:
            out.append(DAYS.index(item[:3]))
    return sorted(set(out))


def by_day(text, days):
    """A staff, min or max value: one number -> {day: n} on every day of
    days; by day ('mon 4, tue-thu 3, fri 2', commas or blanks) -> {day: n}."""
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return {d: int(text) for d in days}
    out, pending = {}, []
    for tok in re.sub(r"\s*-\s*", "-", text).replace(",", " ").split():
        if re.fullmatch(r"\d+", tok):
            for d in pending:
                out[d] = int(tok)
            pending = []
        else:
            pending += parse_days(tok)
    return out


def shifts(path):
    """The staff to enumerate, in file order: [(name, day, min, max)], day
    None for a shift with one number for all its days (by_day = no: within
    every day's bounds), else one entry per day of a by_day shift."""
    out = []
    for kind, name, lines in sections(path):
        if kind != "shift":
            continue
        kv = keys(lines)
        days = parse_days(kv.get("days", "all"))
        lo, hi = by_day(kv.get("min", "0"), days), by_day(kv["max"], days)
        if kv.get("by_day", "no") in ("yes", "true", "on", "1"):
            out += [(name, d, lo[d], hi[d]) for d in days]
        else:
            out.append((name, None, max(lo.values()), min(hi.values())))
    return out


def staff_text(v):
    """A roster's value for --set: a number, or by day 'mon 3, tue 1'."""
    if isinstance(v, dict):
        return ", ".join("%s %d" % (DAYS[d], n) for d, n in sorted(v.items()))
    return "%d" % v


def minutes(text):
    """'4h', '30min', '4h 30min', '90' -> minutes."""
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    m = re.fullmatch(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*min)?", text)
    if not m or not (m.group(1) or m.group(2)):
        raise RuntimeError("cannot read the duration %r" % text)
    return int(m.group(1) or 0) * 60 + int(m.group(2) or 0)


def clock(text):
    h, m = text.strip().split(":")
    return int(h) * 60 + int(m)


def expand(src, dst):
    """Write src with every [shift_template] replaced by its candidates as
    [shift] sections (staff 0, bounds 0..max), in the order clinicq makes
    them (templates in file order, starts then lengths ascending), so that
    `run --set shift.CAND.staff=N` plays any designed roster.  Returns the
    templates: [(min, max, max_shifts, [candidate names])]."""
    out, tmpls = [], []
    cands = []
    for kind, name, lines in sections(src):
        if kind != "shift_template":
            out.append("".join(lines))
            continue
        kv = keys(lines)
        st = kv["start"]
        if ".." in st:
            a, rest = st.split("..")
            b, step = rest.split("step")
            starts = list(range(clock(a), clock(b) + 1, minutes(step)))
        else:
            starts = sorted(clock(x) for x in st.split(","))
        lengths = sorted(minutes(x) for x in kv["length"].split(","))
        names = []
        for s0 in starts:
            for ln in lengths:
                cn = "%s-%02d%02d-%d" % (name, s0 // 60, s0 % 60, ln)
                names.append(cn)
                e = s0 + ln
                sec = ["[shift %s]\n" % cn, "role = %s\n" % kv["role"],
                       "start = %02d:%02d\n" % (s0 // 60, s0 % 60),
                       "end = %02d:%02d\n" % ((e // 60) % 24 if e != 1440 else 24, e % 60),
                       "staff = 0\nmin = 0\nmax = %s\n" % kv["max"]]
                for k in ("days", "skip_holidays", "on_call", "cost_per_hour"):
                    if k in kv:
                        sec.append("%s = %s\n" % (k, kv[k]))
                cands.append("".join(sec) + "\n")
        tmpls.append((int(kv.get("min", 0)), int(kv["max"]), int(kv.get("max_shifts", 0)),
                      names))
    with open(dst, "w") as f:
        f.write("".join(out).rstrip("\n") + "\n\n" + "".join(cands))
    return tmpls


def design_ok(roster, tmpls):
    """A roster keeps every template's bounds and max_shifts."""
    for lo, hi, ms, names in tmpls:
        tot = sum(roster[n] for n in names)
        used = sum(1 for n in names if roster[n] > 0)
        if tot < lo or tot > hi or (ms > 0 and used > ms):
            return False
    return True


def permute(src, dst, kinds=("role", "shift")):
    """Reverse the order of the sections of each kind among themselves (by
    default [role] and [shift]), each kind keeping its slots in the file."""
    secs = sections(src)
    for kind in kinds:
        slots = [i for i, s in enumerate(secs) if s[0] == kind]
        chunks = [secs[i] for i in slots][::-1]
        for i, c in zip(slots, chunks):
            secs[i] = c
    # Each chunk ends in one blank line, wherever it lands.
    text = "".join("".join(s[2]).rstrip("\n") + "\n\n" for s in secs
                   if "".join(s[2]).strip()).rstrip("\n") + "\n"
    with open(dst, "w") as f:
        f.write(text)


def meets(j):
    """A run meets the targets as the optimizer judges them: every class
    confident (or without a verdict), every role under [targets]
    max_utilization with confidence (or without a verdict: no cap, or no
    available hours), and safety confident or without a target."""
    ok = all(c.get("met") in (None, "confident", "n/a") for c in j["classes"].values())
    ok = ok and all(r.get("met") in (None, "confident", "n/a") for r in j["roles"].values())
    return ok and j["safety"].get("met") in (None, "confident")


def run(clinicq, ini, seed, reps, roster, extra=()):
    cmd = [clinicq, "run", ini, "--json", "--seed", str(seed), "-r", str(reps)]
    cmd += list(extra)
    for name, k in roster.items():
        cmd += ["--set", "shift.%s.staff=%s" % (name, staff_text(k))]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("run %s: exit %d: %s" % (roster, r.returncode, r.stderr[:400]))
    j = json.loads(r.stdout)
    return meets(j), j["cost_per_week"]["staff"]["mean"]


def enumerate_rosters(clinicq, ini, seed, reps, workers=2, extra=(), tmpls=()):
    """(cost, roster) of the cheapest roster that meets every target, or
    None; and the number of rosters simulated.  With templates (expand), only
    the rosters that keep their bounds."""
    sh = shifts(ini)
    rosters = []
    for ks in itertools.product(*[range(lo, hi + 1) for _, _, lo, hi in sh]):
        r = {}
        for (name, day, _, _), k in zip(sh, ks):
            if day is None:
                r[name] = k
            else:
                r.setdefault(name, {})[day] = k
        rosters.append(r)
    rosters = [r for r in rosters if design_ok(r, tmpls)]
    best = None
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as ex:
        for roster, (ok, cost) in zip(rosters, ex.map(
                lambda r: run(clinicq, ini, seed, reps, r, extra), rosters)):
            if ok and (best is None or cost < best[0] - 1e-6):
                best = (cost, roster)
    return best, len(rosters)


def optimize(clinicq, ini, extra=()):
    """(JSON, exit status, wall seconds) of `optimize --json`."""
    t0 = time.monotonic()
    r = subprocess.run([clinicq, "optimize", ini, "--json"] + list(extra),
                       capture_output=True, text=True)
    wall = time.monotonic() - t0
    if r.returncode not in (0, 3):
        raise RuntimeError("optimize %s: exit %d: %s" % (ini, r.returncode, r.stderr[:400]))
    return json.loads(r.stdout), r.returncode, wall


def fmt(roster):
    """name=3, or by day name=(mon 3, tue 1): from enumeration (days as
    indices) or from optimize's JSON (an object by day's names)."""
    def one(v):
        if isinstance(v, dict):
            return "(%s)" % ", ".join("%s %d" % (DAYS[d] if isinstance(d, int) else d, n)
                                      for d, n in v.items())
        return "%d" % v
    return " ".join("%s=%s" % (k, one(v)) for k, v in roster.items()) if roster else "-"


def judge(clinicq, ini, workers=2):
    """Optimize, enumerate under the confirmation's seed and replications;
    (figures, [failures])."""
    name = os.path.basename(ini)
    d, rc, wall = optimize(clinicq, ini)
    fails = []
    conf = d.get("confirmation")
    if conf is None:
        # An optimizer without the confirmation run: judge with the
        # scenario's own seed and replications, and say so.
        scn = [keys(s[2]) for s in sections(ini) if s[0] == "scenario"][0]
        seed, reps = int(scn["seed"]), int(scn["replications"])
        print("note: %s: optimize has no 'confirmation' (its answer ran %s replications); "
              "enumerating with the scenario's seed %d and %d replications" %
              (name, d.get("replications"), seed, reps))
        fails.append("%s: no confirmation in optimize's JSON" % name)
    else:
        seed, reps = conf["seed"], conf["replications"]
        if conf.get("met") is not True:
            fails.append("%s: confirmation.met is %s" % (name, conf.get("met")))
    if not d.get("feasible"):
        fails.append("%s: optimize says infeasible (exit %d)" % (name, rc))
    if any(s[0] == "shift_template" for s in sections(ini)):
        # Shift design: the candidates as shifts of an expanded copy.
        flat = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                            "optenum-%d-%s" % (os.getpid(), name))
        tmpls = expand(ini, flat)
        try:
            best, n = enumerate_rosters(clinicq, flat, seed, reps, workers, tmpls=tmpls)
        finally:
            os.unlink(flat)
    else:
        best, n = enumerate_rosters(clinicq, ini, seed, reps, workers)
    got = d.get("roster_cost_per_week")
    if got is None:
        fails.append("%s: optimize gives no roster_cost_per_week" % name)
        gap = None
    elif best is None:
        fails.append("%s: no roster of %d meets every target in enumeration" % (name, n))
        gap = None
    else:
        gap = 100.0 * (got - best[0]) / best[0] if best[0] else 0.0
        if abs(got - best[0]) > 1e-6:
            fails.append("%s: optimize answers %s at %.2f, enumeration %s at %.2f" %
                         (name, fmt(d.get("roster")), got, fmt(best[1]), best[0]))
    fig = {"name": name, "rosters": n, "seed": seed, "reps": reps, "best": best,
           "roster": d.get("roster"), "cost": got, "gap": gap, "wall": wall}
    return fig, fails


def line(f):
    best = "%s at %.2f" % (fmt(f["best"][1]), f["best"][0]) if f["best"] else "none meets"
    gap = "%+.2f%%" % f["gap"] if f["gap"] is not None else "-"
    cost = "%.2f" % f["cost"] if f["cost"] is not None else "-"
    return ("%-20s %4d rosters, seed %s x %d: enumerated %s\n%-20s optimize %s at %s"
            "  gap %s  %.2f s" % (f["name"], f["rosters"], f["seed"], f["reps"], best, "",
                                  fmt(f["roster"]), cost, gap, f["wall"]))


def main(argv):
    if len(argv) >= 3 and argv[1] == "permute":
        permute(argv[2], argv[3], tuple(argv[4:]) or ("role", "shift"))
        return 0
    if len(argv) < 4 or argv[1] not in ("check", "bench"):
        sys.stderr.write(__doc__)
        return 2
    mode, clinicq, inis = argv[1], argv[2], argv[3:]
    figs, fails = {}, []
    for ini in inis:
        try:
            f, bad = judge(clinicq, ini)
        except RuntimeError as e:
            fails.append(str(e))
            continue
        figs[f["name"]] = f
        fails += bad
        if mode == "check":
            print(line(f))
            sys.stdout.flush()
    if mode == "check":
        a, b = figs.get("md_np.ini"), figs.get("md_np_swapped.ini")
        if a and b and a["roster"] != b["roster"]:
            fails.append("md_np gives %s, md_np_swapped %s" % (fmt(a["roster"]), fmt(b["roster"])))
        for msg in fails:
            print("FAIL: " + msg, file=sys.stderr)
        return 1 if fails else 0
    print("%-20s %7s %11s %10s %10s %9s %7s" %
          ("scenario", "rosters", "seed x reps", "optimum", "optimize", "gap", "wall"))
    for f in figs.values():
        print("%-20s %7d %11s %10s %10s %9s %6.2fs" % (
            f["name"], f["rosters"], "%s x %d" % (f["seed"], f["reps"]),
            "%.2f" % f["best"][0] if f["best"] else "none",
            "%.2f" % f["cost"] if f["cost"] is not None else "-",
            "%+.2f%%" % f["gap"] if f["gap"] is not None else "-", f["wall"]))
    gaps = [f["gap"] for f in figs.values() if f["gap"] is not None]
    at = sum(1 for g in gaps if abs(g) < 1e-9)
    print("small scenarios: %d of %d at the enumerated optimum, worst gap %s, "
          "optimize %.2f s in all" % (at, len(inis), "%+.2f%%" % max(gaps) if gaps else "-",
                                       sum(f["wall"] for f in figs.values())))
    for msg in fails:
        print("  " + msg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
