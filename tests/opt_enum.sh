#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# opt_enum.sh — `clinicq optimize` against exhaustive enumeration on the small
# scenarios of tests/opt: two roles at different prices serving the same
# classes (md_np, and md_np_swapped with its sections in the other order),
# overlapping long and short shifts (long_short), two roles sharing a class
# (shared_class), a target beaten by a point or two (near_capacity), and a
# utilization cap that decides the answer (three_capped: enumeration judges
# every role's utilization verdict, as the optimizer does), and staff by
# weekday (by_day: a by_day shift enumerated day by day, beside a shift
# written by day with by_day = no, enumerated as one number for its days).
# For each, every roster within the shifts' bounds is simulated with the
# seed and replications of optimize's confirmation run; the answer must be
# feasible, confirmed, and cost what the cheapest roster that meets every
# target there costs.  md_np and md_np_swapped must give the same roster.
# tests/opt/optenum.py does the work and prints optimum, answer and gap.
. "$top_srcdir/tests/setup.sh"
O="$top_srcdir/tests/opt"
"$PYTHON3" "$O/optenum.py" check "$CLINICQ" "$O/md_np.ini" "$O/md_np_swapped.ini" \
    "$O/long_short.ini" "$O/shared_class.ini" "$O/near_capacity.ini" \
    "$O/design_two.ini" "$O/three_capped.ini" "$O/by_day.ini" ||
	fail "optimize differs from enumeration (above)"
finish
