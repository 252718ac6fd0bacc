#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sweep.sh — throughput of `clinicq sweep` on 200 points, serial and parallel.
#
#   sh bench/sweep.sh          (not part of make check; figures in doc/sweep.md)
#
# Scenario: scenarios/portal_sweep.ini (the family practice with escalation,
# 10 replications of 12 weeks after a 2-week warm-up per point) with its grid
# widened to 20 volumes (1400..1780 step 20) x 10 call-back costs
# (1000..10000 step 1000) = 200 points.  Each run is timed by wall clock as a
# whole process; points/s = 200 / wall.  Parallel efficiency at 2 workers =
# (points/s with 2) / (2 x points/s with -j 1).  All three JSON outputs are
# compared (timing dropped): they must be identical.
#
# Environment: CLINICQ (default ./clinicq), MPIRUN (default mpirun), REPS (runs
# of each configuration; the best is kept, default 3).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
CLINICQ=${CLINICQ:-$top/clinicq}
MPIRUN=${MPIRUN:-mpirun}
REPS=${REPS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed -e 's/^vary = stream.portal.per_week:.*/vary = stream.portal.per_week: 1400..1780 step 20/' \
    -e 's/^vary = escalation.cost_missed_acute:.*/vary = escalation.cost_missed_acute: 1000..10000 step 1000/' \
    "$top/scenarios/portal_sweep.ini" > "$tmp/sweep200.ini"

now() { date +%s.%N; }
# best NAME CMD...: the best wall time of REPS runs; JSON kept in $tmp/NAME.json
best() {
	name=$1; shift
	b=""
	i=0
	while [ "$i" -lt "$REPS" ]; do
		t0=$(now); "$@" > "$tmp/$name.json"; t1=$(now)
		t=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}
strip() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("timing"); print(json.dumps(d, sort_keys=True))' "$1"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "clinicq sweep, 200 points ($(nproc) CPUs, $(uname -m)); best of $REPS"
t1=$(best j1 "$CLINICQ" sweep "$tmp/sweep200.ini" --json --quiet -j 1)
t2=$(best j2 "$CLINICQ" sweep "$tmp/sweep200.ini" --json --quiet -j 2)
printf '%-26s %8.2f s  %7.1f points/s\n' "-j 1" "$t1" "$(echo "200 / $t1" | bc -l)"
printf '%-26s %8.2f s  %7.1f points/s  efficiency %.0f%%\n' "-j 2" "$t2" \
    "$(echo "200 / $t2" | bc -l)" "$(echo "100 * $t1 / (2 * $t2)" | bc -l)"
strip "$tmp/j1.json" > "$tmp/j1"; strip "$tmp/j2.json" > "$tmp/j2"
cmp -s "$tmp/j1" "$tmp/j2" && echo "  -j 2 JSON identical to -j 1" || echo "  DIFFERENT JSON with -j 2"
# What the machine gives two processes: two independent -j 1 sweeps of 100
# points each (the same grid cut in two), side by side.  On an idle 2-core
# machine this is the ideal; on a shared one it shows how much is left.
sed 's/1000..10000 step 1000/1000..5000 step 1000/' "$tmp/sweep200.ini" > "$tmp/half_a.ini"
sed 's/1000..10000 step 1000/6000..10000 step 1000/' "$tmp/sweep200.ini" > "$tmp/half_b.ini"
pair() { "$CLINICQ" sweep "$tmp/half_a.ini" --json --quiet > "$tmp/a.json" & "$CLINICQ" sweep "$tmp/half_b.ini" --json --quiet > "$tmp/b.json"; wait; }
tp=$(best pair pair)
printf '%-26s %8.2f s  %7.1f points/s  efficiency %.0f%%\n' "2 x -j 1, 100 points each" "$tp" \
    "$(echo "200 / $tp" | bc -l)" "$(echo "100 * $t1 / (2 * $tp)" | bc -l)"
if "$CLINICQ" --version | grep -q "MPI: yes" && command -v "$MPIRUN" >/dev/null 2>&1; then
	tm=$(best mpi "$MPIRUN" --allow-run-as-root --oversubscribe -np 2 "$CLINICQ" sweep \
	    "$tmp/sweep200.ini" --json --quiet -j 1)
	printf '%-26s %8.2f s  %7.1f points/s  efficiency %.0f%%\n' "mpirun -np 2 (-j 1 each)" \
	    "$tm" "$(echo "200 / $tm" | bc -l)" "$(echo "100 * $t1 / (2 * $tm)" | bc -l)"
	strip "$tmp/mpi.json" > "$tmp/mpi"
	cmp -s "$tmp/j1" "$tmp/mpi" && echo "  mpirun JSON identical to -j 1" || echo "  DIFFERENT JSON with mpirun"
else
	echo "mpirun -np 2: not built with MPI"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
