#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scn_warn.sh — a scenario's warnings (valid settings that do nothing):
# `check` prints them on stderr at their lines and still succeeds; `run`
# lists them with its other warnings.
. "$(dirname "$0")/setup.sh"

f="$top_srcdir/tests/dists/warn.ini"
expect_exit 0 "$CLINICQ" check "$f"
expect_err "clinicq: $f:19: warning: [role clerk] preempt = yes has no effect: clerk serves no sync class"
expect_err "clinicq: $f:40: warning: [shift rn_night] is on call, which takes only sync work: role rn's async class note is never served on call"
[ "$(wc -l <"$tmp/err")" -eq 2 ] || fail "want two warnings: $(cat "$tmp/err")"
expect_out "[role clerk]"     # stdout is still the scenario

expect_exit 0 "$CLINICQ" run "$f" --json --quiet
"$PYTHON3" - "$tmp/out" <<'PY' || fail "run's warnings lack the scenario's"
import json, sys
w = json.load(open(sys.argv[1]))["warnings"]
need = ["[role clerk] preempt = yes has no effect: clerk serves no sync class",
        "[shift rn_night] is on call, which takes only sync work"]
miss = [n for n in need if not any(n in x for x in w)]
if miss:
    sys.exit("missing %r in %r" % (miss, w))
PY
expect_exit 0 "$CLINICQ" run "$f" --quiet
expect_out "preempt = yes has no effect"

# discipline = fcfs on a role of one class.
expect_exit 0 "$CLINICQ" check "$f" --set role.clerk.preempt=no --set role.rn.serves=call \
    --set role.clerk.serves=note --set role.clerk.discipline=fcfs
expect_err "clinicq: $f:19: warning: [role clerk] discipline = fcfs has no effect: clerk serves one class"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "want one warning: $(cat "$tmp/err")"

# Without them: no warning.  A role that serves a sync class may preempt, and
# an on-call role with only sync classes is what on call means.
expect_exit 0 "$CLINICQ" check "$f" --set role.clerk.preempt=no --set role.rn.serves=call \
    --set role.clerk.serves=note
[ -s "$tmp/err" ] && fail "warnings where none is due: $(cat "$tmp/err")"
expect_exit 0 "$CLINICQ" check "$f" --set role.clerk.serves=call,note --set role.rn.serves=call \
    --set role.clerk.discipline=fcfs
[ -s "$tmp/err" ] && fail "warnings where none is due: $(cat "$tmp/err")"
finish
