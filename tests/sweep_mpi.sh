#!/bin/sh
# sweep_mpi.sh — mpirun -np 2 clinicq sweep prints the same JSON as -j 1, and
# its --db file holds every point.  Skipped (77) when built without MPI.
. "$top_srcdir/tests/setup.sh"

[ "${HAVE_MPI:-no}" = yes ] || { echo "built without MPI: skipped"; exit 77; }
MPIRUN=${MPIRUN:-mpirun}
command -v "$MPIRUN" >/dev/null 2>&1 || { echo "no mpirun: skipped"; exit 77; }
"$CLINICQ" --version | grep -q "MPI: yes" || fail "--version does not say MPI: yes"
strip() { "$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("timing"); print(json.dumps(d, sort_keys=True))' "$1"; }
SW="$SCN/portal_sweep.ini"
FAST="--set scenario.weeks=3 -r 3"

"$CLINICQ" sweep "$SW" $FAST --json -j 1 > "$tmp/serial.json"
strip "$tmp/serial.json" > "$tmp/serial"
# Open MPI's runtime keeps allocations until exit (in modules it loads at run
# time); under the sanitizer build that is not our leak.  The code paths of a
# sweep are leak-checked by the serial runs of the other tests.
mpi() { ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	"$MPIRUN" -x ASAN_OPTIONS --allow-run-as-root --oversubscribe "$@"; }
mpi -np 2 "$CLINICQ" sweep "$SW" $FAST --json --db "$tmp/m.sqlite" > "$tmp/mpi.json" 2>"$tmp/mpi.err" \
	|| fail "mpirun -np 2 failed: $(head -c 400 "$tmp/mpi.err")"
strip "$tmp/mpi.json" > "$tmp/mpi"
cmp -s "$tmp/serial" "$tmp/mpi" || fail "mpirun -np 2 and -j 1 differ"
"$PYTHON3" -c 'import json,sys; t=json.load(open(sys.argv[1]))["timing"]; assert t["ranks"]==2, t' "$tmp/mpi.json" \
	|| fail "timing does not say 2 ranks"
"$PYTHON3" -c 'import sqlite3,sys; assert sqlite3.connect(sys.argv[1]).execute("select count(*) from points").fetchone()[0]==9' "$tmp/m.sqlite" \
	|| fail "the --db file of the MPI run lacks points"
# More ranks than points (zip of 3, 4 ranks): workers without points are released.
sed -e 's/^mode = grid/mode = zip/' -e 's/^vary = escalation.*/vary = escalation.cost_missed_acute: 2000, 5000, 10000/' "$SW" > "$tmp/zip.ini"
"$CLINICQ" sweep "$tmp/zip.ini" $FAST --json > "$tmp/z1.json"
mpi -np 4 "$CLINICQ" sweep "$tmp/zip.ini" $FAST --json > "$tmp/z4.json" 2>"$tmp/mpi.err" \
	|| fail "mpirun -np 4 failed: $(head -c 400 "$tmp/mpi.err")"
strip "$tmp/z1.json" > "$tmp/z1"; strip "$tmp/z4.json" > "$tmp/z4"
cmp -s "$tmp/z1" "$tmp/z4" || fail "mpirun -np 4 on 3 points differs from serial"
# A bad point: every rank refuses, rank 0 says why, exit 2.
sed 's/1400, 1610, 1820/1400, -5, 1820/' "$SW" > "$tmp/bad.ini"
set +e; mpi -np 2 "$CLINICQ" sweep "$tmp/bad.ini" > "$tmp/out" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "mpirun with a bad point exited $rc, want 2"
[ "$(grep -c 'point 4' "$tmp/err")" = 1 ] || fail "the error should be printed once: $(cat "$tmp/err")"
# A refused resume on rank 0 releases the workers.
set +e; mpi -np 2 "$CLINICQ" sweep "$SW" $FAST --seed 3 --db "$tmp/m.sqlite" --resume > "$tmp/out" 2>"$tmp/err"; rc=$?; set -e
[ "$rc" = 2 ] || fail "mpirun with a refused resume exited $rc, want 2: $(head -c 300 "$tmp/err")"
finish
