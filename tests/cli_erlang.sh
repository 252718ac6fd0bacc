#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli_erlang.sh — `clinicq erlang`: figures, JSON, minimum servers, usage errors.
. "$top_srcdir/tests/setup.sh"

# The clinic example: 40/h, 10 min service, a = 6.667 Erlangs.
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --servers 8
expect_out "6.667 Erlangs"
expect_out "83.3%"          # utilization 6.667/8
expect_out "53.3%"          # P(wait) = C(8, 6.667) = 0.5327
expect_out "4.00 min"       # mean wait C/(c mu - lambda) = 3.995

# An hour-long wait is also shown as h:mm.
expect_exit 0 "$CLINICQ" erlang --rate 59.7/h --service 10min --servers 10
expect_out "(3:16)"

# Unstable: said plainly, and still a success.
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --servers 6
expect_out "unstable"
expect_out "infinite"

# A target alone gives the minimum servers and the level one fewer would reach.
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --target '80%<=5min'
expect_out "minimum servers  9"
expect_out "8 give 72.7%"
expect_out "met"

# JSON, checked against an Erlang C written here from its textbook sum.
check_json() {
	"$PYTHON3" - "$tmp/out" "$@" <<'EOF'
import json, math, sys
d = json.load(open(sys.argv[1]))
lam, mu = 40 / 60, 1 / 10
a = lam / mu
def erlc(c):
    if a >= c:
        return 1.0
    s = sum(a ** k / math.factorial(k) for k in range(c))
    top = a ** c / math.factorial(c) * c / (c - a)
    return top / (s + top)
def sl(c, t):
    return 0.0 if a >= c else 1 - erlc(c) * math.exp(-(c * mu - lam) * t)
def near(x, y):
    return abs(x - y) <= 1e-8 * max(1.0, abs(y))
errs = []
def want(key, val):
    if val is None:
        if d.get(key, 0) is not None:
            errs.append("%s = %r, want null" % (key, d.get(key)))
    elif key not in d or d[key] is None or not near(d[key], val):
        errs.append("%s = %r, want %r" % (key, d.get(key), val))
n = d["servers"]
want("rate_per_hour", 40)
want("service_min", 10)
want("offered_load", a)
want("utilization", a / n)
want("p_wait", erlc(n))
want("mean_wait_min", erlc(n) / (n * mu - lam) if a < n else None)
mode = sys.argv[2]
if mode == "servers":
    if n != 8: errs.append("servers = %r, want 8" % n)
    for k in ("service_level", "target", "min_servers"):
        if k in d: errs.append("%s present without a target" % k)
else:
    want("service_level", sl(n, 5))
    if d["target"] != {"share": 0.8, "within_min": 5}:
        errs.append("target = %r" % d["target"])
    m = min(c for c in range(7, 100) if sl(c, 5) >= 0.8)
    if d["min_servers"] != m: errs.append("min_servers = %r, want %r" % (d["min_servers"], m))
    if mode == "target" and n != m: errs.append("servers = %r, want %r" % (n, m))
    if mode.startswith("both:") and n != int(mode[5:]): errs.append("servers = %r" % n)
for e in errs:
    print(e)
sys.exit(1 if errs else 0)
EOF
}
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --servers 8 --json
check_json servers || fail "json for --servers 8: $(cat "$tmp/out")"
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --target '80%<=5min' --json
check_json target || fail "json for --target: $(cat "$tmp/out")"
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --servers 8 --target '80%<=5min' --json
check_json both:8 || fail "json for --servers 8 --target: $(cat "$tmp/out")"
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --servers 6 --target '80%<=5min' --json
check_json both:6 || fail "json for unstable --servers 6: $(cat "$tmp/out")"
grep -qF '"mean_wait_min":null' "$tmp/out" || fail "unstable mean wait is not null"
grep -qF '"p_wait":1,' "$tmp/out" || fail "unstable p_wait is not 1"

# Equivalent units give the same answer.
expect_exit 0 "$CLINICQ" erlang --rate 960/d --service 1h --target '0.8<=5min' --json
"$PYTHON3" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if abs(d["offered_load"]-40)<1e-9 and d["min_servers"]>40 else 1)' \
    "$tmp/out" || fail "960/d x 1h: $(cat "$tmp/out")"

# Neither --servers nor --target: the fewest servers that keep up (a = 6.67
# Erlangs: 7) and the next ones, each with Erlang C's figures.
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min
expect_out "at least 7 servers"
expect_exit 0 "$CLINICQ" erlang --rate 40/h --service 10min --json
"$PYTHON3" - "$tmp/out" <<'PY' || fail "erlang table: $(cat "$tmp/out")"
import json, math, sys
d = json.load(open(sys.argv[1]))
a = 40 / 6
assert d["min_stable_servers"] == 7 and [r["servers"] for r in d["table"]] == list(range(7, 13))
def erlang_c(c, a):
    s = sum(a**k / math.factorial(k) for k in range(c))
    t = a**c / math.factorial(c) * c / (c - a)
    return t / (s + t)
for r in d["table"]:
    c = r["servers"]
    # printed with 10 significant digits
    assert math.isclose(r["p_wait"], erlang_c(c, a), rel_tol=1e-8)
    assert math.isclose(r["mean_wait_min"], erlang_c(c, a) / (c / 10 - 40 / 60), rel_tol=1e-8)
PY

# Usage errors: exit 2, a message naming the problem, nothing on stdout.
# (expect_exit sets $want, so the message goes in $msg.)
usage() {
	msg=$1; shift
	expect_exit 2 "$CLINICQ" erlang "$@"
	expect_err "clinicq: erlang: "
	expect_err "$msg"
	[ ! -s "$tmp/out" ] || fail "'$*' wrote to stdout"
}
usage "missing --rate" --service 10min --servers 3
usage "missing --service" --rate 40/h --servers 3
usage "--rate 'fast'" --rate fast --service 10min --servers 3
usage "--rate '0/h'" --rate 0/h --service 10min --servers 3
usage "--rate '-4/h'" --rate -4/h --service 10min --servers 3
usage "--service 'ten'" --rate 40/h --service ten --servers 3
usage "--service '0min'" --rate 40/h --service 0min --servers 3
usage "--servers '0'" --rate 40/h --service 10min --servers 0
usage "--servers 'two'" --rate 40/h --service 10min --servers two
usage "--target '80%'" --rate 40/h --service 10min --target 80%
usage "--target '180%<=5min'" --rate 40/h --service 10min --target '180%<=5min'
usage "unknown" --rate 40/h --service 10min --servers 3 --bogus
usage "unexpected argument 'extra'" --rate 40/h --service 10min --servers 3 extra
usage "needs a value" --rate 40/h --service

# Help: usage text on stdout, success.
expect_exit 0 "$CLINICQ" erlang --help
expect_out "usage: clinicq erlang"
expect_out "--target"
[ ! -s "$tmp/err" ] || fail "--help wrote to stderr"

finish
