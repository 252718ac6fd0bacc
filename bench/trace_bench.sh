#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# trace_bench.sh — loading a scenario whose 10 [stream]s replay one trace log
# of 200,000 rows (generated: 20 weeks, a stream column naming the 10 streams
# in turn, two classes).  The log is parsed once per load, however many
# streams name it; before, each stream read the whole log.
#
#   make bench-trace     (or: sh bench/trace_bench.sh [CLINICQ], from the build folder)
#
# Prints the CPU time (user + system; the wall time follows the machine's
# load), wall time and peak memory of `clinicq check` (the load, no
# replication), the best of 5 by CPU, with CLINICQ (default ./clinicq) and, when
# BASE is set, with that older binary too.  Recorded figures:
# doc/performance.md, "Trace logs".
set -eu
CQ=${1:-./clinicq}
: "${PYTHON3:=python3}"
[ -x "$CQ" ] || { echo "trace_bench.sh: no $CQ: make clinicq first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PYTHON3" - "$tmp/log.csv" <<'EOF'
import random, sys
from datetime import datetime, timedelta
random.seed(1)
t0, rows = datetime(2027, 1, 4), 200000
step = 20 * 7 * 86400 / rows
with open(sys.argv[1], "w") as f:
    f.write("arrived_at,class,stream\n")
    for i in range(rows):
        t = t0 + timedelta(seconds=int(i * step + random.random() * step))
        c = "clinical" if random.random() < 0.2 else "routine"
        f.write("%s,%s,s%d\n" % (t.strftime("%Y-%m-%d %H:%M:%S"), c, i % 10))
EOF
{
	printf '[scenario]\nstart_date = 2027-01-04\nwarmup = 1w\nweeks = 18\n'
	for i in 0 1 2 3 4 5 6 7 8 9; do
		printf '[stream s%d]\ntrace = log.csv\n' "$i"
	done
	cat <<'EOF'
[class routine]
mode = async
service = lognormal(4min,3min)
[class clinical]
mode = async
service = gamma(9min,4min)
[role rn]
serves = routine, clinical
[shift day]
role = rn
days = mon-fri
start = 08:00
end = 17:00
staff = 40
EOF
} >"$tmp/scn.ini"
# best BIN: the load of 5 with the least CPU time: CPU, wall, peak memory.
best() {
	b=""
	for _ in 1 2 3 4 5; do
		/usr/bin/time -f "%U %S %e %M" -o "$tmp/time" "$1" check "$tmp/scn.ini" >/dev/null
		read -r u sy e kib <"$tmp/time"
		c=$(echo "$u + $sy" | bc | xargs printf "%.2f")
		if [ -z "$b" ] || [ "$(echo "$c < $b" | bc)" = 1 ]; then b=$c; w=$e; m=$kib; fi
	done
	echo "$1: 200,000 rows, 10 streams on one log: $b s CPU ($w s wall), $m KiB peak"
}
best "$CQ"
[ -n "${BASE:-}" ] && best "$BASE"
exit 0
