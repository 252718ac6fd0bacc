#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# memory.sh — memory stays flat as replications grow: each finished replication
# is reduced to a summary of a few hundred bytes and its distributions pooled,
# so 2,000 replications take about what 100 do (keeping every replication's
# histograms used to take ~200 MB here).
. "$top_srcdir/tests/setup.sh"
# Under AddressSanitizer freed memory waits in its quarantine: RSS then says
# nothing about clinicq's own footprint.  The normal build measures it.
if ldd "$CLINICQ" 2>/dev/null | grep -q 'libasan'; then
	echo "sanitizer build: skipped"; exit 77
fi

peak() {   # peak RSS in KiB of one clinicq run (Linux: the child's ru_maxrss)
	"$PYTHON3" - "$CLINICQ" "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
}
small=$(peak run "$SCN/portal_inbox.ini" -r 100 --set scenario.weeks=1 --set scenario.warmup=0 -j 2 --quiet)
large=$(peak run "$SCN/portal_inbox.ini" -r 2000 --set scenario.weeks=1 --set scenario.warmup=0 -j 2 --quiet)
echo "peak RSS: 100 replications $small KiB, 2000 replications $large KiB"
[ "$large" -le $((small + 8192)) ] || fail "memory grows with replications: $small KiB -> $large KiB"
finish
