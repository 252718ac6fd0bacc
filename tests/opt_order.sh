#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_order.sh — the roster `clinicq optimize` answers does not depend on how
# the file is written: scenarios/family_practice_roster.ini with its [role]
# sections and its [shift] sections each in reversed order, and
# tests/opt/shared_class.ini with every kind of section reversed, and
# tests/opt/design_two.ini with its two [shift_template]s reversed, give the
# same roster (by shift name) at the same cost as the files as written.
# tests/opt/optenum.py permute writes the copies (every line kept).
. "$top_srcdir/tests/setup.sh"
OPTENUM="$top_srcdir/tests/opt/optenum.py"

# same_roster NAME FILE COPY [KIND...]: write COPY, optimize both, compare.
same_roster() {
	name=$1 ini=$2 copy=$3; shift 3
	"$PYTHON3" "$OPTENUM" permute "$ini" "$copy" "$@" || { fail "$name: permute"; return; }
	expect_exit 0 "$CLINICQ" optimize "$ini" --json -j 2 --quiet
	cp "$tmp/out" "$tmp/$name.json"
	expect_exit 0 "$CLINICQ" optimize "$copy" --json -j 2 --quiet
	cp "$tmp/out" "$tmp/$name.perm.json"
	"$PYTHON3" - "$tmp/$name.json" "$tmp/$name.perm.json" "$name" <<'PY' || fail "$name: roster depends on section order"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
fmt = lambda r: " ".join("%s=%d" % kv for kv in sorted(r.items()))
print("%s: as written %s at %.2f; reordered %s at %.2f" % (sys.argv[3],
      fmt(a["roster"]), a["roster_cost_per_week"], fmt(b["roster"]), b["roster_cost_per_week"]))
if a["roster"] != b["roster"] or abs(a["roster_cost_per_week"] - b["roster_cost_per_week"]) > 1e-6:
    sys.exit(1)
PY
}

same_roster family_practice "$SCN/family_practice_roster.ini" "$tmp/fpr.ini"
same_roster shared_class "$top_srcdir/tests/opt/shared_class.ini" "$tmp/sc.ini" \
    pattern stream class role shift
# Shift design: two templates (and the other sections) reversed, the same
# designed roster.
same_roster design_two "$top_srcdir/tests/opt/design_two.ini" "$tmp/d2.ini" \
    pattern stream class role shift_template
finish
