#!/bin/sh
# tests/csv_measures.sh — the analysts' CSV files: measures.csv (every figure in
# long form) and replications.csv (each replication's raw figures) agree with
# the JSON of the same run and sweep; points.csv names its estimates as run's
# CSV files do; the sweep results file's backlog_by_hour matches the JSON.
. "$(dirname "$0")/setup.sh"

FAST="-r 4 --set scenario.weeks=3 --set scenario.warmup=1w"
expect_exit 0 "$CLINICQ" run "$SCN/family_practice.ini" $FAST --json --csv "$tmp/run"
cp "$tmp/out" "$tmp/run.json"
for f in classes roles safety backlog measures replications provenance; do
	[ -s "$tmp/run/$f.csv" ] || fail "run --csv wrote no $f.csv"
done
"$PYTHON3" - "$tmp/run.json" "$tmp/run" <<'PY' || fail "run: measures.csv or replications.csv disagree with the JSON"
import csv, json, math, sys
d = json.load(open(sys.argv[1]))
rows = [r for r in csv.DictReader(open(sys.argv[2] + "/measures.csv", newline=""))
        if r["subject"] != "provenance"]   # provenance.sh checks those rows
assert list(rows[0].keys()) == ["scenario", "point", "subject", "measure", "mean", "lo",
                                "hi", "unit"], list(rows[0].keys())
fig = {}
for r in rows:
    assert r["scenario"] == d["scenario"] and r["point"] == "", r
    fig[(r["subject"], r["measure"])] = r
def same(row, e, what):
    for k in ("mean", "lo", "hi"):
        want = e[k]
        got = float(row[k]) if row[k] != "" else None
        if want is None:
            assert got is None, (what, k, got)
        else:
            assert got is not None and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12), (what, k, got, want)
n = 0
for name, c in d["classes"].items():
    for key, e in c.items():
        # waiting_at_end is open_at_end under its earlier name, JSON only.
        if isinstance(e, dict) and "mean" in e and key != "waiting_at_end":
            row = fig[("class:" + name, key)]
            same(row, e, (name, key)); n += 1
            unit = row["unit"]
            assert unit == ("min" if key.endswith("_min") else "share" if key in ("attainment", "abandon_rate", "uncovered_share")
                            else "items_per_week" if key == "backlog_growth_per_week" else "items_per_replication"), (key, unit)
    for cause, e in c["miss_causes"].items():
        same(fig[("class:" + name, "miss_" + cause)], e, (name, cause)); n += 1
for name, r in d["roles"].items():
    for key, e in r.items():
        if isinstance(e, dict) and "mean" in e:
            same(fig[("role:" + name, key)], e, (name, key)); n += 1
assert fig[("role:rn", "utilization")]["unit"] == "share"
for key, e in d["safety"].items():
    if isinstance(e, dict) and "mean" in e:
        same(fig[("safety", key)], e, key); n += 1
for key, e in d["cost_per_week"].items():
    same(fig[("cost", key)], e, key); n += 1
    assert fig[("cost", key)]["unit"] == "per_week"
assert n == len(rows), (n, len(rows))
# replications.csv: replications x classes rows; a column's mean is the estimate's.
reps = list(csv.DictReader(open(sys.argv[2] + "/replications.csv", newline="")))
assert len(reps) == d["replications"] * len(d["classes"]), len(reps)
for name, c in d["classes"].items():
    mine = [r for r in reps if r["class"] == name]
    assert [int(r["replication"]) for r in mine] == list(range(1, d["replications"] + 1))
    for col, key in (("arrived", "arrived"), ("attainment", "attainment"),
                     ("wait_mean_min", "wait_mean_min"), ("wait_p90_min", "wait_p90_min"),
                     ("response_p90_min", "response_p90_min"), ("open_at_end", "open_at_end"),
                     ("abandoned", "abandoned"), ("uncovered_share", "uncovered_share")):
        vals = [float(r[col]) for r in mine if r[col] != ""]
        want = c[key]["mean"]
        if want is None:
            assert not vals, (name, col, vals)
            continue
        assert math.isclose(sum(vals) / len(vals), want, rel_tol=1e-9, abs_tol=1e-9), (name, col, vals, want)
# provenance.csv
prov = list(csv.reader(open(sys.argv[2] + "/provenance.csv", newline="")))
assert prov[0] == ["key", "value"], prov[0]
kv = dict((k, v) for k, v in prov[1:] if k != "set")
assert kv["scenario"] == d["scenario"] and kv["clinicq_version"] == d["version"], kv
assert kv["seed"] == str(d["seed"]) and kv["replications"] == str(d["replications"]), kv
assert kv["scenario_file"].endswith("scenarios/family_practice.ini"), kv
assert [v for k, v in prov[1:] if k == "set"] == ["scenario.weeks=3", "scenario.warmup=1w"], prov
PY

# A sweep: measures.csv per point equals each point's JSON; points.csv has the
# estimates as NAME.MEASURE_mean/_lo/_hi, the safety miss rate with its interval.
SW="$SCN/portal_sweep.ini"
SFAST="-r 3 --set scenario.weeks=2 --set scenario.warmup=1w"
expect_exit 0 "$CLINICQ" sweep "$SW" $SFAST --json --quiet
cp "$tmp/out" "$tmp/sweep.json"
expect_exit 0 "$CLINICQ" sweep "$SW" $SFAST --quiet --csv "$tmp/sw" --db "$tmp/sw.sqlite"
"$PYTHON3" - "$tmp/sweep.json" "$tmp/sw" "$tmp/sw.sqlite" <<'PY' || fail "sweep: measures.csv, points.csv or backlog_by_hour disagree with the JSON"
import csv, json, math, sqlite3, sys
d = json.load(open(sys.argv[1]))
pts = d["points"]
rows = [r for r in csv.DictReader(open(sys.argv[2] + "/measures.csv", newline=""))
        if r["subject"] != "provenance"]   # provenance.sh checks those rows
fig = {(int(r["point"]), r["subject"], r["measure"]): r for r in rows}
def close(a, b):
    return (a is None and b == "") or (a is not None and b != "" and math.isclose(float(b), a, rel_tol=1e-9, abs_tol=1e-12))
n = 0
for i, p in enumerate(pts, 1):
    for name, c in p["classes"].items():
        for key in ("arrived", "attainment", "wait_mean_min", "wait_p90_min", "response_p90_min"):
            r = fig[(i, "class:" + name, key)]
            assert all(close(c[key][k], r[k]) for k in ("mean", "lo", "hi")), (i, name, key, r, c[key])
            n += 1
    for name, ro in p["roles"].items():
        r = fig[(i, "role:" + name, "utilization")]
        assert all(close(ro["utilization"][k], r[k]) for k in ("mean", "lo", "hi")), (i, name, r)
    for key in ("missed", "miss_rate", "acute", "unreached"):
        r = fig[(i, "safety", key)]
        assert all(close(p["safety"][key][k], r[k]) for k in ("mean", "lo", "hi")), (i, key, r)
assert {int(r["point"]) for r in rows} == set(range(1, len(pts) + 1))
# points.csv: the same names as run's CSV files, _mean/_lo/_hi.
pc = list(csv.DictReader(open(sys.argv[2] + "/points.csv", newline="")))
assert len(pc) == len(pts)
for k in ("routine.attainment_mean", "routine.attainment_lo", "routine.attainment_hi",
          "safety.miss_rate_mean", "safety.miss_rate_lo", "safety.miss_rate_hi", "cost.total_mean"):
    assert k in pc[0], (k, list(pc[0].keys()))
for p, r in zip(pts, pc):
    for k in ("mean", "lo", "hi"):
        assert close(p["safety"]["miss_rate"][k], r["safety.miss_rate_" + k]), (k, r)
        assert close(p["classes"]["routine"]["attainment"][k], r["routine.attainment_" + k]), (k, r)
prov = dict((k, v) for k, v in list(csv.reader(open(sys.argv[2] + "/provenance.csv")))[1:] if k != "set")
assert prov["clinicq_version"] == d["version"] and prov["seed"] == str(d["seed"]), prov
# The results file's backlog by hour is the JSON's.
db = sqlite3.connect(sys.argv[3])
got = {(p, c, h): q for p, c, h, q in db.execute("SELECT point_idx, class, hour_of_week, mean_queue FROM backlog_by_hour")}
assert len(got) == len(pts) * len(pts[0]["classes"]) * 168, len(got)
for i, p in enumerate(pts, 1):
    for name, c in p["classes"].items():
        for h, q in enumerate(c["backlog_by_hour"]):
            assert math.isclose(got[(i, name, h)], q, rel_tol=1e-9, abs_tol=1e-12), (i, name, h)
assert db.execute("SELECT format FROM run").fetchone()[0] == 2
# replications.csv: points x replications x classes rows, as run's with the point.
reps = list(csv.DictReader(open(sys.argv[2] + "/replications.csv", newline="")))
assert list(reps[0].keys())[:4] == ["point", "replication", "class", "arrived"], list(reps[0].keys())
assert len(reps) == len(pts) * d["points"][0]["replications"] * len(pts[0]["classes"]), len(reps)
for i, p in enumerate(pts, 1):
    for name, c in p["classes"].items():
        for col in ("arrived", "attainment", "wait_p90_min"):
            vals = [float(r[col]) for r in reps if r["point"] == str(i) and r["class"] == name and r[col] != ""]
            want = c[col]["mean"]
            assert (want is None and not vals) or math.isclose(sum(vals) / len(vals), want, rel_tol=1e-9, abs_tol=1e-9), (i, name, col)
PY
head -1 "$tmp/run/replications.csv" | cmp -s - "$(head -1 "$tmp/sw/replications.csv" > "$tmp/h"; echo "$tmp/h")" \
	|| fail "run's and sweep's replications.csv have different columns"
# --resume keeps the table: a resumed sweep writes the same CSV files.
expect_exit 0 "$CLINICQ" sweep "$SW" $SFAST --quiet --csv "$tmp/sw2" --db "$tmp/sw.sqlite" --resume
cmp -s "$tmp/sw/measures.csv" "$tmp/sw2/measures.csv" || fail "a resumed sweep's measures.csv differs"
cmp -s "$tmp/sw/points.csv" "$tmp/sw2/points.csv" || fail "a resumed sweep's points.csv differs"
cmp -s "$tmp/sw/replications.csv" "$tmp/sw2/replications.csv" || fail "a resumed sweep's replications.csv differs"
# Over MPI ranks the replications travel with the results.
if [ "${HAVE_MPI:-no}" = yes ] && command -v "${MPIRUN:-mpirun}" >/dev/null 2>&1; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" "${MPIRUN:-mpirun}" -x ASAN_OPTIONS \
		--allow-run-as-root --oversubscribe -np 2 "$CLINICQ" sweep "$SW" $SFAST --quiet \
		--csv "$tmp/swm" >/dev/null 2>"$tmp/mpi.err" || fail "mpirun sweep --csv failed: $(head -c 300 "$tmp/mpi.err")"
	for f in points measures replications; do
		cmp -s "$tmp/sw/$f.csv" "$tmp/swm/$f.csv" || fail "mpirun's $f.csv differs from one process's"
	done
fi
# A results file of the first format (no backlog_by_hour) is refused, untouched.
"$PYTHON3" - "$tmp/sw.sqlite" "$tmp/old.sqlite" <<'PY'
import shutil, sqlite3, sys
shutil.copy(sys.argv[1], sys.argv[2])
db = sqlite3.connect(sys.argv[2]); db.execute("DROP TABLE backlog_by_hour"); db.execute("DROP TABLE replications")
db.execute("UPDATE run SET format = 1"); db.commit(); db.execute("PRAGMA journal_mode = DELETE"); db.close()
PY
cp "$tmp/old.sqlite" "$tmp/old.before"
expect_exit 2 "$CLINICQ" sweep "$SW" $SFAST --quiet --db "$tmp/old.sqlite" --resume
expect_err "made by an earlier clinicq (results format 1"
cmp -s "$tmp/old.sqlite" "$tmp/old.before" || fail "a refused format-1 file was changed"
# A replication number past any point's count would make the load allocate
# for it: refused as damaged, untouched.
"$PYTHON3" - "$tmp/sw.sqlite" "$tmp/huge.sqlite" <<'PY'
import shutil, sqlite3, sys
shutil.copy(sys.argv[1], sys.argv[2])
db = sqlite3.connect(sys.argv[2])
db.execute("UPDATE replications SET replication = 2000000000 WHERE rowid = 1"); db.commit()
db.execute("PRAGMA journal_mode = DELETE"); db.close()
PY
cp "$tmp/huge.sqlite" "$tmp/huge.before"
expect_exit 2 "$CLINICQ" sweep "$SW" $SFAST --quiet --db "$tmp/huge.sqlite" --resume
expect_err "rows of the replications table do not parse"
cmp -s "$tmp/huge.sqlite" "$tmp/huge.before" || fail "a refused damaged file was changed"
finish
