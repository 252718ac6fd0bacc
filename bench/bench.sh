#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench.sh — clinicq against SimPy 3 on the same M/M/8 model, back to back.
#
#   make bench            (or: sh bench/bench.sh, from any directory)
#
# Model (bench/mm8.ini, bench/simpy_mmc.py): Poisson arrivals 40/h, exponential
# 10-minute service, 8 servers around the clock, 104 weeks, one replication;
# the class async as written, and sync (--set class.job.mode=sync; SimPy
# --mode sync).  Each program is timed as a whole process (start-up, parsing
# and output included) by wall clock, from spawn to exit, in 3 back-to-back
# rounds; the best of each counts.  Per replication: SimPy's own time for the
# simulation (no interpreter start-up), and a clinicq process of
# BENCH_REPS replications on one thread (-j 1) divided by BENCH_REPS, for
# each mode; the goal (100x) is judged on these, for each mode.
# Then the peak memory (max RSS) of clinicq is taken for a 1-year and a 10-year
# horizon.  See doc/performance.md.
#
# Environment:
#   CLINICQ       the binary (default: ./clinicq in the top source dir)
#   BENCH_PYTHON  the Python that has SimPy 3 (default: /usr/bin/python3)
#   BENCH_RUNS    rounds of the timed pair; the best of each is kept (default 3)
#   BENCH_REPS    replications of clinicq's per-replication process (default 20)
#
# Exit status: 0 when everything ran, whether or not the goals were met (the
# PASS/FAIL lines say that); 1 when something could not be run.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
orig=$(pwd)
CLINICQ=${CLINICQ:-$top/clinicq}
case $CLINICQ in
/*) ;;
*/*) CLINICQ=$orig/$CLINICQ ;;
*) CLINICQ=$(command -v "$CLINICQ" || echo "$orig/$CLINICQ") ;;
esac
PY=${BENCH_PYTHON:-/usr/bin/python3}
RUNS=${BENCH_RUNS:-3}
REPS=${BENCH_REPS:-20}
cd "$top"

die() { echo "bench.sh: $*" >&2; exit 1; }
case $RUNS in ''|*[!0-9]*|0) die "BENCH_RUNS must be a positive integer" ;; esac
case $REPS in ''|*[!0-9]*|0) die "BENCH_REPS must be a positive integer" ;; esac

[ -x "$CLINICQ" ] || die "no clinicq binary at $CLINICQ (build it, or set CLINICQ)"
command -v "$PY" >/dev/null 2>&1 || die "no Python at $PY (set BENCH_PYTHON)"
"$PY" -c 'import simpy' 2>/dev/null ||
	die "$PY cannot import simpy (Debian: apt-get install python3-simpy3)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/clinicq-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# wall OUT CMD...: run CMD with stdout to OUT; print its wall-clock seconds,
# from just before the process is spawned to just after it is reaped, so the
# figure is the whole process (start-up, parsing, output) and nothing of the
# shell's (timing with `date` before and after added ~1.5 ms of date's own
# start-up to every run).  Both programs are timed this way.
wall() {
	"$PY" - "$@" <<'EOF'
import subprocess, sys, time
with open(sys.argv[1], "w") as out:
    t0 = time.perf_counter()
    rc = subprocess.run(sys.argv[2:], stdout=out).returncode
    t1 = time.perf_counter()
if rc != 0:
    sys.exit(1)
print("%.6f" % (t1 - t0))
EOF
}

# json FILE EXPR: print a value from a JSON file; EXPR is a Python expression
# over `d` (the object).  A missing key is an error.
json() {
	"$PY" - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
v = eval(sys.argv[2], {"d": d})
print(v["mean"] if isinstance(v, dict) and "mean" in v else v)
EOF
}

# maxrss_kb OUT CMD...: run CMD (stdout to OUT), print its peak RSS in KiB.
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	rss_tool="/usr/bin/time -v"
	maxrss_kb() {
		out=$1; shift
		/usr/bin/time -v -o "$tmp/time.txt" "$@" >"$out" ||
			die "failed: $*"
		sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time.txt"
	}
else
	# The child's ru_maxrss also counts the pages it shared with this Python
	# before exec (several MiB), so it is exact only above Python's own peak;
	# below that, the child's VmHWM polled from /proc every millisecond is used.
	rss_tool="Python wrapper: wait4() ru_maxrss, else /proc VmHWM"
	maxrss_kb() {
		out=$1; shift
		"$PY" - "$out" "$@" <<'EOF' || die "failed: $*"
import os, resource, subprocess, sys, time
hwm = 0
with open(sys.argv[1], "w") as f:
    p = subprocess.Popen(sys.argv[2:], stdout=f)
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid == p.pid:
            break
        try:
            with open("/proc/%d/status" % p.pid) as st:
                for line in st:
                    if line.startswith("VmHWM:"):
                        hwm = max(hwm, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.001)
if os.WIFSIGNALED(status) or os.WEXITSTATUS(status) != 0:
    sys.exit(1)
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(ru.ru_maxrss if ru.ru_maxrss > own else (hwm or ru.ru_maxrss))
EOF
	}
fi

calc() { awk "BEGIN { $1 }"; }

echo "clinicq benchmark: M/M/8, lambda = 40/h, exp(10 min) service, 8 servers 24/7,"
echo "104 weeks, 1 replication; whole processes, wall clock, back to back, best of $RUNS;"
echo "then per replication, async and sync (clinicq: $REPS replications in one process, -j 1)."
ver=$("$CLINICQ" --version 2>/dev/null | head -n 1) || ver=""
echo "  clinicq: $CLINICQ (${ver:-version unknown})"
echo "  SimPy:   $PY, simpy $("$PY" -c 'import simpy; print(simpy.__version__)')"
echo "  host:    $(uname -m), $(nproc 2>/dev/null || echo '?') cores, $(date -u +%Y-%m-%d)," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "           (other work on the machine slows SimPy and clinicq alike, but not evenly)"
echo

# ---- SimPy and clinicq, back to back -----------------------------------------
# RUNS rounds of (SimPy, then clinicq); each figure is the best (shortest) of
# its rounds, since a busy machine only ever adds time.  The runs are
# deterministic (same seed), so only the times differ between rounds.
# Each round also times, per mode, SimPy's replication (its own "seconds")
# and a clinicq process of REPS replications (per replication: / REPS).
# min VAR VALUE: VAR = VALUE if VAR is empty or VALUE is smaller.
min() {
	eval "cur=\${$1}"
	if [ -z "$cur" ] || calc "exit !($2 < $cur)"; then eval "$1=\$2"; fi
}
s_sec="" c_sec="" s_all="" c_all=""
sr_async="" sr_sync="" cr_async="" cr_sync="" ss_sec="" cs_sec=""
sr_all_async="" sr_all_sync="" cr_all_async="" cr_all_sync=""
i=0
while [ "$i" -lt "$RUNS" ]; do
	i=$((i + 1))
	s=$(wall "$tmp/simpy.json" "$PY" bench/simpy_mmc.py --weeks 104) ||
		die "SimPy run failed"
	c=$(wall "$tmp/cq.json" "$CLINICQ" run bench/mm8.ini --json --quiet) ||
		die "clinicq run failed"
	s=$(calc "printf \"%.3f\", $s")
	c=$(calc "printf \"%.4f\", $c")
	s_all="$s_all $s" c_all="$c_all $c"
	min s_sec "$s"
	min c_sec "$c"
	sr=$(json "$tmp/simpy.json" 'd["rep_seconds"][0]')
	cr=$(wall "$tmp/cqr_async.json" "$CLINICQ" run bench/mm8.ini --json --quiet \
	    -r "$REPS" -j 1) || die "clinicq run -r $REPS failed"
	cr=$(calc "printf \"%.5f\", $cr / $REPS")
	sr_all_async="$sr_all_async $sr" cr_all_async="$cr_all_async $cr"
	min sr_async "$sr"
	min cr_async "$cr"

	s=$(wall "$tmp/simpy_sync.json" "$PY" bench/simpy_mmc.py --weeks 104 --mode sync) ||
		die "SimPy sync run failed"
	s=$(calc "printf \"%.3f\", $s")
	min ss_sec "$s"
	sr=$(json "$tmp/simpy_sync.json" 'd["rep_seconds"][0]')
	c=$(wall "$tmp/cq_sync.json" "$CLINICQ" run bench/mm8.ini --json --quiet \
	    --set class.job.mode=sync) || die "clinicq sync run failed"
	c=$(calc "printf \"%.4f\", $c")
	min cs_sec "$c"
	cr=$(wall "$tmp/cqr_sync.json" "$CLINICQ" run bench/mm8.ini --json --quiet \
	    --set class.job.mode=sync -r "$REPS" -j 1) ||
		die "clinicq sync run -r $REPS failed"
	cr=$(calc "printf \"%.5f\", $cr / $REPS")
	sr_all_sync="$sr_all_sync $sr" cr_all_sync="$cr_all_sync $cr"
	min sr_sync "$sr"
	min cr_sync "$cr"
done
s_jobs=$(json "$tmp/simpy.json" 'd["jobs"]')
s_wait=$(json "$tmp/simpy.json" 'd["mean_wait_min"]')
c_jobs=$(json "$tmp/cq.json" 'd["classes"]["job"]["completed"]')
c_arr=$(json "$tmp/cq.json" 'd["classes"]["job"]["arrived"]')
c_ev=$(json "$tmp/cq.json" 'd["events"]')
c_wait=$(json "$tmp/cq.json" 'd["classes"]["job"]["wait_mean_min"]')

"$CLINICQ" erlang --rate 40/h --service 10min --servers 8 --json >"$tmp/erl.json" ||
	die "clinicq erlang failed"
e_wait=$(json "$tmp/erl.json" 'd["mean_wait_min"]')

ratio=$(calc "printf \"%.1f\", $s_sec / $c_sec")
echo "                 seconds      jobs       jobs/s          events     events/s"
calc "printf \"SimPy 3     %12.3f %9d %12.0f %15s %12s\n\", $s_sec, $s_jobs, $s_jobs / $s_sec, \"-\", \"-\""
calc "printf \"clinicq     %12.4f %9d %12.0f %15d %12.0f\n\", $c_sec, $c_jobs, $c_jobs / $c_sec, $c_ev, $c_ev / $c_sec"
echo
echo "(best of $RUNS back-to-back rounds; all runs, seconds: SimPy$s_all; clinicq$c_all)"
echo "speed ratio SimPy/clinicq (whole process): ${ratio}x"
echo "clinicq jobs arrived: $c_arr (expected 40/h x 17472 h = 698880)"
echo
calc "printf \"mean wait (min):  SimPy %.3f   clinicq %.3f   Erlang C %.3f\n\", $s_wait, $c_wait, $e_wait"
calc "printf \"  relative to Erlang C: SimPy %+.1f%%, clinicq %+.1f%% (one replication; noise is a few %%)\n\", 100 * ($s_wait / $e_wait - 1), 100 * ($c_wait / $e_wait - 1)"
echo

# ---- per replication, async and sync ------------------------------------------
ss_jobs=$(json "$tmp/simpy_sync.json" 'd["jobs"]')
ss_wait=$(json "$tmp/simpy_sync.json" 'd["mean_wait_min"]')
ss_met=$(json "$tmp/simpy_sync.json" 'd["met"]')
cs_jobs=$(json "$tmp/cq_sync.json" 'd["classes"]["job"]["completed"]')
cs_ev=$(json "$tmp/cq_sync.json" 'd["events"]')
cs_wait=$(json "$tmp/cq_sync.json" 'd["classes"]["job"]["wait_mean_min"]')
cs_att=$(json "$tmp/cq_sync.json" 'd["classes"]["job"]["attainment"]')
cr_wait=$(json "$tmp/cqr_sync.json" 'd["classes"]["job"]["wait_mean_min"]')
ratio_async=$(calc "printf \"%.1f\", $sr_async / $cr_async")
ratio_sync=$(calc "printf \"%.1f\", $sr_sync / $cr_sync")
echo "sync class (--set class.job.mode=sync; SimPy --mode sync), whole process, best of $RUNS:"
calc "printf \"SimPy 3 sync %11.3f %9d %12.0f %15s %12s\n\", $ss_sec, $ss_jobs, $ss_jobs / $ss_sec, \"-\", \"-\""
calc "printf \"clinicq sync %11.4f %9d %12.0f %15d %12.0f\n\", $cs_sec, $cs_jobs, $cs_jobs / $cs_sec, $cs_ev, $cs_ev / $cs_sec"
calc "printf \"  wait <= 5 min: SimPy %.1f%%, clinicq %.1f%%, Erlang C 72.7%%; mean wait: SimPy %.3f, clinicq %.3f (one replication), clinicq %.3f (mean of $REPS)\n\", 100 * $ss_met / $ss_jobs, 100 * $cs_att, $ss_wait, $cs_wait, $cr_wait"
echo
echo "per replication (SimPy: its simulation alone, without interpreter start-up;"
echo "clinicq: a process of -r $REPS -j 1, start-up included, / $REPS), best of $RUNS:"
echo "                 SimPy 3 s/rep   clinicq s/rep    ratio"
calc "printf \"async       %16.3f %15.5f %8.1fx\n\", $sr_async, $cr_async, $ratio_async"
calc "printf \"sync        %16.3f %15.5f %8.1fx\n\", $sr_sync, $cr_sync, $ratio_sync"
echo "(all rounds: SimPy async$sr_all_async; clinicq async$cr_all_async;"
echo " SimPy sync$sr_all_sync; clinicq sync$cr_all_sync)"
echo

# ---- memory against the horizon ---------------------------------------------
echo "peak memory of clinicq (max RSS, $rss_tool):"
r1=$(maxrss_kb "$tmp/m1.json" "$CLINICQ" run bench/mm8.ini --json --quiet --set scenario.weeks=52)
r10=$(maxrss_kb "$tmp/m10.json" "$CLINICQ" run bench/mm8.ini --json --quiet --set scenario.weeks=520)
if [ -z "$r1" ] || [ -z "$r10" ]; then die "could not read the max RSS"; fi
e1=$(json "$tmp/m1.json" 'd["events"]')
e10=$(json "$tmp/m10.json" 'd["events"]')
limit=$(calc "printf \"%.0f\", 1.2 * $r1 + 2048")
printf '  1 year   (52 weeks):  %8d KiB  (%d events)\n' "$r1" "$e1"
printf '  10 years (520 weeks): %8d KiB  (%d events)\n' "$r10" "$e10"
echo "  limit: 1.2 x RSS(1y) + 2 MiB = $limit KiB"
echo

# ---- verdict ----------------------------------------------------------------
if calc "exit !($ratio >= 100)"; then v1=PASS; else v1=FAIL; fi
if [ "$r10" -le "$limit" ]; then v2=PASS; else v2=FAIL; fi
echo "$v1: clinicq at least 100x faster than SimPy 3 (${ratio}x)"
for m in async sync; do
	eval "r=\$ratio_$m"
	if calc "exit !($r >= 100)"; then v=PASS; else v=FAIL; fi
	echo "$v: per replication, $m: clinicq at least 100x faster than SimPy 3 (${r}x)"
done
echo "$v2: RSS(10 years) <= 1.2 x RSS(1 year) + 2 MiB ($r10 KiB vs limit $limit KiB)"
if calc "exit !($c_ev / $c_sec >= 20e6)"; then
	echo "aim met: at least 20 million events/s on one core"
else
	calc "printf \"aim not met: %.1f million events/s on one core (aim: 20 million)\n\", $c_ev / $c_sec / 1e6"
fi
exit 0
